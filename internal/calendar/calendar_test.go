package calendar

import (
	"testing"

	"loa/internal/agency"
	"loa/internal/period"
	"loa/internal/vn"
)

// rulesOnly is the calendar of year as the Labour Code's rules alone make it.
func rulesOnly(year int) *Calendar { return newCalendar([]int{year}, Defaults(year)) }

func TestWeekendsAndHolidaysAreNotWorkingDays(t *testing.T) {
	c := rulesOnly(2024)
	for d, want := range map[vn.Date]bool{
		day(2024, 3, 15): true,  // a Friday
		day(2024, 3, 16): false, // a Saturday
		day(2024, 3, 17): false, // a Sunday
		day(2024, 4, 18): false, // Giỗ Tổ, a Thursday
		day(2024, 2, 15): false, // in lieu of Tết's Sunday
		day(2024, 2, 16): true,
	} {
		if got := c.IsWorkingDay(d); got != want {
			t.Errorf("IsWorkingDay(%s) = %v", d, got)
		}
	}
}

func TestAddingWorkingDaysCountsOnlyWorkingDaysEitherWay(t *testing.T) {
	c := rulesOnly(2024)
	cases := []struct {
		from vn.Date
		n    int
		want vn.Date
	}{
		{day(2024, 3, 14), 2, day(2024, 3, 18)},  // Thursday + 2 skips the weekend
		{day(2024, 3, 14), -2, day(2024, 3, 12)}, // and back
		{day(2024, 3, 16), 0, day(2024, 3, 18)},  // a Saturday rolls to Monday
		{day(2024, 3, 15), 0, day(2024, 3, 15)},  // a working day stays
		{day(2024, 3, 16), 1, day(2024, 3, 18)},  // from a Saturday, the next working day is the first
		{day(2024, 3, 16), -1, day(2024, 3, 15)}, // and the one before
		{day(2024, 4, 17), 1, day(2024, 4, 19)},  // over Giỗ Tổ
		{day(2024, 4, 29), 1, day(2024, 5, 2)},   // over 30/4 and 1/5
		{day(2024, 2, 8), 1, day(2024, 2, 16)},   // over Tết, 9–15/2 by the rules
		{day(2024, 2, 16), -1, day(2024, 2, 8)},  // and back
		{day(2024, 12, 31), 1, day(2025, 1, 2)},  // into a year not loaded: its 1/1 by the rules
		{day(2024, 8, 30), 1, day(2024, 9, 4)},   // over 2/9 and the day after
	}
	for _, c2 := range cases {
		if got := c.AddWorkingDays(c2.from, c2.n); got != c2.want {
			t.Errorf("AddWorkingDays(%s, %d) = %s, want %s", c2.from, c2.n, got, c2.want)
		}
	}
	// 2024 ran from a Monday to a Tuesday: 366 days, 104 of them weekend days, and 11
	// days off on weekdays (1/1; 9, 12, 13, 14, 15/2; 18/4; 30/4; 1/5; 2 and 3/9).
	if got := c.WorkingDaysBetween(day(2023, 12, 31), day(2024, 12, 31)); got != 251 {
		t.Errorf("2024 has %d working days by the rules, want 251", got)
	}
}

func TestWorkingDaysBetweenIsTheInverseOfAddingThem(t *testing.T) {
	c := rulesOnly(2025)
	start := day(2025, 1, 20)
	for n := -15; n <= 40; n++ {
		end := c.AddWorkingDays(start, n)
		if n == 0 {
			continue // rolling forward counts nothing
		}
		if got := c.WorkingDaysBetween(start, end); got != n {
			t.Errorf("WorkingDaysBetween(%s, %s) = %d, want %d", start, end, got, n)
		}
	}
	if got := c.WorkingDaysBetween(day(2025, 1, 24), day(2025, 2, 3)); got != 1 {
		t.Errorf("between 24/1 and 3/2/2025 by the rules: %d working days, want 1 (27/1)", got)
	}
}

func TestAWorkingSaturdayCountsAndASwappedDayOffDoesNot(t *testing.T) {
	c := newCalendar([]int{2025}, append(Defaults(2025),
		Holiday{Year: 2025, On: day(2025, 4, 26), Kind: KindWorkingSwap, Name: "Làm bù cho ngày 02/05/2025"},
		Holiday{Year: 2025, On: day(2025, 5, 2), Kind: KindDayOffSwap, Name: "Nghỉ hoán đổi, làm bù thứ Bảy 26/04/2025"}))
	if !c.IsWorkingDay(day(2025, 4, 26)) || c.IsWorkingDay(day(2025, 5, 2)) {
		t.Fatal("the swap of 26/4 and 2/5/2025 is not applied")
	}
	if got := c.AddWorkingDays(day(2025, 4, 25), 1); got != day(2025, 4, 26) {
		t.Errorf("the working day after Friday 25/4/2025 is %s, want Saturday 26/4", got)
	}
	if got := c.AddWorkingDays(day(2025, 4, 29), 1); got != day(2025, 5, 5) {
		t.Errorf("the working day after 29/4/2025 is %s, want 5/5 (30/4–4/5 off)", got)
	}
}

var ministry = Rule{Relation: RelationMinistry, Periods: period.Reports, Base: BaseFixedDay, Day: 20}

func mustPeriod(t *testing.T, s string) period.Period {
	t.Helper()
	p, err := period.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestDeadlinesLandOnWorkingDays(t *testing.T) {
	cutoffPlus2 := Rule{Relation: RelationDepartmentToHomeAffairs, Periods: period.Reports, Base: BaseCutoff, Offset: 2}
	cutoffMinus2 := Rule{Relation: RelationUnitToOffice, Periods: period.Reports, Base: BaseCutoff, Offset: -2}
	onCutoff := Rule{Relation: "own", Periods: period.Kinds, Base: BaseCutoff}
	lastDay := Rule{Relation: "own", Periods: period.Kinds, Base: BaseFixedDay, Day: 31}
	cases := []struct {
		rule   Rule
		period string
		want   vn.Date
	}{
		{ministry, "2024-Q1", day(2024, 3, 20)},     // a Wednesday
		{ministry, "2025-Q3", day(2025, 9, 22)},     // the 20th is a Saturday
		{ministry, "2026-Q3", day(2026, 9, 21)},     // the 20th is a Sunday
		{ministry, "2025-Y", day(2025, 12, 22)},     // a Saturday again
		{cutoffPlus2, "2025-Q1", day(2025, 3, 18)},  // Friday 14/3 + 2
		{cutoffMinus2, "2025-Q1", day(2025, 3, 12)}, // Friday 14/3 − 2
		{onCutoff, "2025-9M", day(2025, 9, 15)},     // 14/9/2025 is a Sunday
		{lastDay, "2025-H1", day(2025, 6, 30)},      // June has no 31st
		{lastDay, "2024-M02", day(2024, 2, 29)},     // nor February, in a leap year its 29th
	}
	for _, c := range cases {
		cal := rulesOnly(c.want.Year)
		if got := cal.Deadline(c.rule, mustPeriod(t, c.period)); got != c.want {
			t.Errorf("%s %s: deadline %s, want %s", c.rule.Relation, c.period, got, c.want)
		}
	}
}

func TestSelectPrefersTheRuleNamingTheAgencyThenItsKind(t *testing.T) {
	general := Rule{ID: "general", Relation: RelationDepartmentToHomeAffairs, Periods: period.Reports, Base: BaseCutoff, Offset: 2}
	centres := Rule{ID: "centres", Relation: RelationDepartmentToHomeAffairs, AgencyKind: agency.KindCentre, Periods: period.Reports, Base: BaseCutoff, Offset: 1}
	one := Rule{ID: "one", Relation: RelationDepartmentToHomeAffairs, AgencyID: "skhcn", Periods: []period.Kind{period.Year}, Base: BaseCutoff, Offset: 5}
	rules := []Rule{one, centres, general}
	cases := []struct {
		agencyID string
		kind     agency.Kind
		k        period.Kind
		want     string
	}{
		{"skhcn", agency.KindDepartment, period.Year, "one"},
		{"skhcn", agency.KindDepartment, period.Q1, "general"}, // its own rule covers the year only
		{"ttt", agency.KindCentre, period.Q1, "centres"},
		{"snv", agency.KindDepartment, period.H1, "general"},
	}
	for _, c := range cases {
		got, ok := Select(rules, RelationDepartmentToHomeAffairs, c.agencyID, c.kind, c.k)
		if !ok || got.ID != c.want {
			t.Errorf("%s %s: picked %q (%v), want %q", c.agencyID, c.k, got.ID, ok, c.want)
		}
	}
	if _, ok := Select(rules, RelationMinistry, "skhcn", agency.KindDepartment, period.Q1); ok {
		t.Error("a rule was picked for a relation none has")
	}
	if _, ok := Select(rules, RelationDepartmentToHomeAffairs, "skhcn", agency.KindDepartment, period.Month); ok {
		t.Error("a rule was picked for a period kind none covers")
	}
}

func TestRulesThatSelectCouldNotTellApartAreRefused(t *testing.T) {
	kept := []Rule{{ID: "a", Relation: RelationMinistry, Periods: []period.Kind{period.Q1, period.H1}, Base: BaseFixedDay, Day: 20}}
	errs := checkRules([]RuleLine{
		{Line: 0, Rule: Rule{Relation: RelationMinistry, Periods: []period.Kind{period.H1}, Base: BaseCutoff}},
		{Line: 1, Rule: Rule{Relation: "own", Periods: []period.Kind{period.Year}, Base: BaseCutoff}},
		{Line: 2, Rule: Rule{Relation: "own", Periods: []period.Kind{period.Year, period.Q1}, Base: BaseCutoff}},
		{Line: 3, Rule: Rule{Relation: "Own Rule", Base: "someday", Offset: 99, AgencyKind: "nope"}},
		{Line: 4, Rule: Rule{Relation: "own", Periods: []period.Kind{period.Q3}, Base: BaseFixedDay, Day: 32, AgencyKind: agency.KindCentre, AgencyID: "x"}},
		{Line: 5, Rule: Rule{Relation: "x"}, Delete: true},
	}, kept)
	want := map[string]string{
		"periods_0": "calendar.rule.duplicate_kept", "periods_2": "calendar.rule.duplicate",
		"relation_3": "calendar.rule.relation_code", "periods_3": "calendar.rule.periods_required", "base_3": "calendar.rule.base_unknown",
		"offset_3": "calendar.rule.offset_range", "agency_kind_3": "calendar.rule.agency_kind_unknown",
		"day_4": "calendar.rule.day_range", "agency_id_4": "calendar.rule.agency_or_kind",
	}
	for field, key := range want {
		if errs[field].Key != key {
			t.Errorf("%s: %q, want %q", field, errs[field].Key, key)
		}
	}
	if len(errs) != len(want) {
		t.Errorf("errors %v, want exactly %v", errs, want)
	}
}
