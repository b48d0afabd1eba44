package calendar

import (
	"context"
	"errors"
	"strings"
	"testing"

	"loa/internal/agency"
	"loa/internal/i18n"
	"loa/internal/period"
	"loa/internal/store"
	"loa/internal/store/storetest"
	"loa/internal/valid"
	"loa/internal/vn"
)

var ctx = context.Background()

// entry finds the entry of the year on day d.
func entry(t *testing.T, s *Store, d vn.Date) Holiday {
	t.Helper()
	days, err := s.Year(ctx, d.Year)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range days {
		if h.On == d {
			return h
		}
	}
	t.Fatalf("no entry on %s", d)
	return Holiday{}
}

func add(t *testing.T, s *Store, in HolidayInput) {
	t.Helper()
	if in.Source == "" {
		in.Source = "Thông báo của Bộ Nội vụ về lịch nghỉ năm " + in.On[len(in.On)-4:]
	}
	if _, err := s.Add(ctx, in); err != nil {
		t.Fatalf("add %s: %v", in.On, err)
	}
}

func remove(t *testing.T, s *Store, d vn.Date) {
	t.Helper()
	if _, err := s.Delete(ctx, entry(t, s, d).ID); err != nil {
		t.Fatal(err)
	}
}

func calendarOf(t *testing.T, s *Store, years ...int) *Calendar {
	t.Helper()
	c, err := s.Calendar(ctx, years...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// refusal is the message an Add refusal gives on field, in Vietnamese.
func refusal(t *testing.T, err error, field string) string {
	t.Helper()
	var ve *valid.Error
	if !errors.As(err, &ve) || !ve.Fields.Has(field) {
		t.Fatalf("want a refusal on %s, got %v", field, err)
	}
	return ve.Fields[field].In(i18n.VI)
}

func TestAYearIsGeneratedWhenFirstNeededAndItsEditsStick(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := NewStore(db)
		days, err := s.Year(ctx, 2025)
		if err != nil {
			t.Fatal(err)
		}
		if want := Defaults(2025); len(days) != len(want) || days[0].On != want[0].On || !days[0].Generated {
			t.Fatalf("2025 starts as %v, want the rules' %v", days, want)
		}
		remove(t, s, day(2025, 2, 3))
		// Another instance on the same database, and this one after the edit, read the
		// year as edited: nothing is generated twice.
		for _, other := range []*Store{s, NewStore(db)} {
			if got, err := other.Year(ctx, 2025); err != nil || len(got) != len(days)-1 {
				t.Fatalf("after the edit 2025 has %d days (%v), want %d", len(got), err, len(days)-1)
			}
			if !calendarOf(t, other, 2025).IsWorkingDay(day(2025, 2, 3)) {
				t.Error("the deleted day in lieu is still a day off")
			}
		}
	})
}

func TestAnEditOnOneInstanceReachesAnotherThatCachedTheYear(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		a, b := NewStore(db), NewStore(db)
		if !calendarOf(t, b, 2025).IsWorkingDay(day(2025, 1, 27)) {
			t.Fatal("27/1/2025 is a day off before anyone said so")
		}
		add(t, a, HolidayInput{Year: 2025, On: "27/01/2025", Kind: KindHoliday, Name: "Nghỉ bù Tết Nguyên đán"})
		if calendarOf(t, b, 2025).IsWorkingDay(day(2025, 1, 27)) {
			t.Fatal("the other instance kept its cached year")
		}
	})
}

// Tết 2025 ran from Saturday 25/1 to Sunday 2/2: the government put the day in lieu of
// mùng 4 (Saturday 1/2) on Monday 27/1, before the holiday, rather than on 3/2 as the
// rules alone would. Until the notice is entered, deadlines count 27/1 as a working day
// and 3/2 as a day off; after, 25/1–2/2 is all off and 3/2 is worked.
func TestWorkingDayDeadlinesAroundTet2025FollowTheNoticeOnceEntered(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := NewStore(db)
		from := day(2025, 1, 24) // the Friday before
		oneAfter := Rule{Relation: "own", Periods: []period.Kind{period.Month}, Base: BaseFixedDay, Day: 24, Offset: 1}
		fiveAfter := oneAfter
		fiveAfter.Offset = 5
		january := mustPeriod(t, "2025-M01") // its last month is January: the rule counts from 24/1

		c := calendarOf(t, s, 2025)
		if got := c.Deadline(oneAfter, january); got != day(2025, 1, 27) {
			t.Errorf("by the rules alone, 1 working day after 24/1 is %s, want 27/1", got)
		}
		if got := c.WorkingDaysBetween(from, day(2025, 2, 3)); got != 1 {
			t.Errorf("by the rules alone, %d working days in 25/1–3/2, want 1 (27/1)", got)
		}

		remove(t, s, day(2025, 2, 3))
		add(t, s, HolidayInput{Year: 2025, On: "27/01/2025", Kind: KindHoliday, Name: "Nghỉ bù (mùng 4 Tết trùng thứ Bảy 01/02/2025)"})

		c = calendarOf(t, s, 2025)
		for d := day(2025, 1, 25); !d.After(day(2025, 2, 2)); d = d.AddDays(1) {
			if c.IsWorkingDay(d) {
				t.Errorf("%s is a working day, but Tết ran 25/1–2/2", d)
			}
		}
		if got := c.Deadline(oneAfter, january); got != day(2025, 2, 3) {
			t.Errorf("with the notice, 1 working day after 24/1 is %s, want 3/2", got)
		}
		if got := c.Deadline(fiveAfter, january); got != day(2025, 2, 7) {
			t.Errorf("with the notice, 5 working days after 24/1 is %s, want 7/2", got)
		}
		if got := c.AddWorkingDays(day(2025, 2, 3), -1); got != from {
			t.Errorf("the working day before 3/2 is %s, want 24/1", got)
		}
		// A cut-off far from Tết moves nowhere.
		if got := c.Deadline(Rule{Base: BaseCutoff, Offset: 2, Periods: period.Reports}, mustPeriod(t, "2025-Q1")); got != day(2025, 3, 18) {
			t.Errorf("cut-off 14/3/2025 + 2 is %s, want 18/3", got)
		}
	})
}

// Tết 2024 ran from Thursday 8/2 (29 Tết) to Wednesday 14/2 (mùng 5): the rules put the
// two days in lieu of mùng 1 and 2 (a Saturday and a Sunday) on 14 and 15/2; the
// notice moved the second to 8/2.
func TestWorkingDayDeadlinesAroundTet2024FollowTheNoticeOnceEntered(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := NewStore(db)
		c := calendarOf(t, s, 2024)
		if got := c.AddWorkingDays(day(2024, 2, 7), 1); got != day(2024, 2, 8) {
			t.Errorf("by the rules alone, the working day after 7/2/2024 is %s, want 8/2", got)
		}
		remove(t, s, day(2024, 2, 15))
		add(t, s, HolidayInput{Year: 2024, On: "08/02/2024", Kind: KindHoliday, Name: "Nghỉ bù Tết Nguyên đán (mùng 2 trùng Chủ nhật)"})
		c = calendarOf(t, s, 2024)
		if got := c.AddWorkingDays(day(2024, 2, 7), 1); got != day(2024, 2, 15) {
			t.Errorf("with the notice, the working day after 7/2/2024 is %s, want 15/2", got)
		}
		if got := c.WorkingDaysBetween(day(2024, 2, 7), day(2024, 2, 16)); got != 2 {
			t.Errorf("with the notice, %d working days in 8–16/2/2024, want 2", got)
		}
	})
}

func TestAWorkingSaturdayEnteredFromTheNoticeCounts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := NewStore(db)
		add(t, s, HolidayInput{Year: 2025, On: "02/05/2025", Kind: KindDayOffSwap, Name: "Nghỉ hoán đổi, làm bù thứ Bảy 26/04/2025"})
		add(t, s, HolidayInput{Year: 2025, On: "26/04/2025", Kind: KindWorkingSwap, Name: "Làm bù cho thứ Sáu 02/05/2025"})
		c := calendarOf(t, s, 2025)
		if got := c.AddWorkingDays(day(2025, 4, 25), 1); got != day(2025, 4, 26) {
			t.Errorf("the working day after Friday 25/4/2025 is %s, want Saturday 26/4", got)
		}
		if got := c.Deadline(Rule{Base: BaseFixedDay, Day: 30, Periods: []period.Kind{period.Month}}, mustPeriod(t, "2025-M04")); got != day(2025, 5, 5) {
			t.Errorf("a deadline on 30/4/2025 rolls to %s, want 5/5 (30/4–4/5 off)", got)
		}
	})
}

func TestAnEntryOutsideItsYearOrOnADayAlreadyEnteredIsRefused(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := NewStore(db)
		base := HolidayInput{Year: 2025, Kind: KindHoliday, Name: "Nghỉ thêm", Source: "Thông báo"}
		try := func(change func(*HolidayInput)) error {
			in := base
			change(&in)
			_, err := s.Add(ctx, in)
			return err
		}
		msg := refusal(t, try(func(in *HolidayInput) { in.On = "31/12/2024" }), "on")
		if msg != "Ngày 31/12/2024 không thuộc năm 2025: mỗi năm chỉ ghi những ngày của năm đó." {
			t.Errorf("outside the year: %q", msg)
		}
		msg = refusal(t, try(func(in *HolidayInput) { in.On = "29/01/2025" }), "on")
		if !strings.HasPrefix(msg, "Ngày 29/01/2025 đã có trong lịch (Tết Nguyên đán Ất Tỵ (mùng 1)).") {
			t.Errorf("on a generated day: %q", msg)
		}
		if err := try(func(in *HolidayInput) { in.On = "27/01/2025" }); err != nil {
			t.Fatal(err)
		}
		msg = refusal(t, try(func(in *HolidayInput) { in.On = "27/1/2025"; in.Name = "Lần hai" }), "on")
		if !strings.Contains(msg, "(Nghỉ thêm)") {
			t.Errorf("on an entered day: %q", msg)
		}
		refusal(t, try(func(in *HolidayInput) { in.On = "28/04/2025"; in.Kind = KindWorkingSwap }), "on")
		refusal(t, try(func(in *HolidayInput) { in.On = "27/04/2025"; in.Kind = KindDayOffSwap }), "on")
		refusal(t, try(func(in *HolidayInput) { in.On = "not a day" }), "on")
		refusal(t, try(func(in *HolidayInput) { in.On = "05/06/2025"; in.Kind = "birthday" }), "kind")
		refusal(t, try(func(in *HolidayInput) { in.On = "05/06/2025"; in.Name = " " }), "name")
		refusal(t, try(func(in *HolidayInput) { in.On = "05/06/2025"; in.Source = "" }), "source")
		refusal(t, try(func(in *HolidayInput) { in.Year, in.On = 1800, "05/06/1800" }), "year")
		days, err := s.Year(ctx, 2025)
		if err != nil {
			t.Fatal(err)
		}
		if len(days) != len(Defaults(2025))+1 {
			t.Errorf("refusals wrote something: 2025 has %d entries", len(days))
		}
	})
}

func TestTheSeededRulesGiveEachAgencyItsReportDeadline(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := NewStore(db)
		agencies := agency.NewStore(db)
		mk := func(name, abbr string, kind agency.Kind, parent string) *agency.Agency {
			a, err := agencies.Create(ctx, agency.Input{Name: name, Abbr: abbr, Kind: kind, ParentID: parent, From: day(2020, 1, 1)})
			if err != nil {
				t.Fatal(err)
			}
			return a
		}
		city := mk("Ủy ban nhân dân thành phố Cần Thơ", "UBND", agency.KindPeoplesCommittee, "")
		dept := mk("Sở Khoa học và Công nghệ", "SKHCN", agency.KindDepartment, city.ID)
		centre := mk("Trung tâm Thông tin", "TTTT", agency.KindCentre, dept.ID)
		cases := []struct {
			ag     *agency.Agency
			period string
			want   vn.Date
		}{
			{city, "2025-Q1", day(2025, 3, 20)},   // the ministry's 20th
			{city, "2025-Q3", day(2025, 9, 22)},   // the 20th is a Saturday
			{dept, "2025-Q1", day(2025, 3, 18)},   // cut-off Friday 14/3 + 2 working days
			{dept, "2025-9M", day(2025, 9, 16)},   // cut-off Sunday 14/9 + 2
			{centre, "2025-Q1", day(2025, 3, 12)}, // cut-off − 2
			{centre, "2025-M03", vn.Date{}},       // no rule covers monthly reports
		}
		for _, c := range cases {
			got, err := s.ReportDeadline(ctx, c.ag, mustPeriod(t, c.period))
			if err != nil || got != c.want {
				t.Errorf("%s %s: %s (%v), want %s", c.ag.Abbr, c.period, got, err, c.want)
			}
		}

		// A rule narrowed to one department takes over for it alone.
		if err := s.SaveRules(ctx, []RuleLine{{Line: 0, Rule: Rule{Relation: RelationDepartmentToHomeAffairs, AgencyID: dept.ID,
			Periods: []period.Kind{period.Q1}, Base: BaseCutoff, Offset: 5, Description: "Văn bản của UBND thành phố"}}}); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.ReportDeadline(ctx, dept, mustPeriod(t, "2025-Q1")); got != day(2025, 3, 21) {
			t.Errorf("the department's own rule gives %s, want 21/3/2025", got)
		}
	})
}

func TestSavingRulesUpdatesAddsAndDeletesAndRefusesStaleOnes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := NewStore(db)
		rules, err := s.Rules(ctx)
		if err != nil || len(rules) != 3 {
			t.Fatalf("seeded rules: %v %v", rules, err)
		}
		byRelation := map[string]Rule{}
		for _, r := range rules {
			byRelation[r.Relation] = r
		}
		dept, unit := byRelation[RelationDepartmentToHomeAffairs], byRelation[RelationUnitToOffice]
		if dept.Base != BaseCutoff || dept.Offset != 2 || !dept.Covers(period.Q1) || unit.Offset != -2 || byRelation[RelationMinistry].Day != 20 {
			t.Fatalf("seeds: %+v", rules)
		}
		dept.Offset = 3
		err = s.SaveRules(ctx, []RuleLine{
			{Line: 0, Rule: dept},
			{Line: 1, Rule: unit, Delete: true},
			{Line: 2, Rule: Rule{Relation: "centre_to_department", Periods: []period.Kind{period.Month, period.Q1, period.Q1}, Base: BaseCutoff, Day: 9, Offset: -1}},
		})
		if err != nil {
			t.Fatal(err)
		}
		rules, _ = s.Rules(ctx)
		if len(rules) != 3 || rules[0].Relation != "centre_to_department" || rules[1].Offset != 3 || rules[1].RowVersion != 2 {
			t.Fatalf("after saving: %+v", rules)
		}
		if added := rules[0]; added.Day != 0 || len(added.Periods) != 2 || added.Periods[0] != period.Q1 || added.Periods[1] != period.Month {
			t.Errorf("the new rule was not tidied: %+v", added)
		}
		// The form still holds version 1 of the department's rule.
		if err := s.SaveRules(ctx, []RuleLine{{Line: 0, Rule: dept}}); !errors.Is(err, ErrStale) {
			t.Errorf("a stale save: %v", err)
		}
		var ve *valid.Error
		err = s.SaveRules(ctx, []RuleLine{{Line: 4, Rule: Rule{Relation: RelationMinistry, Periods: []period.Kind{period.Year}, Base: BaseCutoff}}})
		if !errors.As(err, &ve) || ve.Fields["periods_4"].Key != "calendar.rule.duplicate_kept" {
			t.Errorf("a second ministry rule for the year: %v", err)
		}
		err = s.SaveRules(ctx, []RuleLine{{Line: 1, Rule: Rule{Relation: "own", AgencyID: "no-such", Periods: []period.Kind{period.Year}, Base: BaseCutoff}}})
		if !errors.As(err, &ve) || ve.Fields["agency_id_1"].Key != "calendar.rule.agency_unknown" {
			t.Errorf("a rule for an unknown agency: %v", err)
		}
	})
}
