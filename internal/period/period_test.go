package period

import (
	"testing"
	"time"

	"loa/internal/i18n"
	"loa/internal/vn"
)

func d(y int, m time.Month, day int) vn.Date { return vn.Date{Year: y, Month: m, Day: day} }

func TestEachKindCoversTheDaysOfDecree09(t *testing.T) {
	cases := []struct {
		text     string
		from, to vn.Date
		cumul    bool
	}{
		{"2024-Q1", d(2023, 12, 15), d(2024, 3, 14), false},
		{"2024-H1", d(2023, 12, 15), d(2024, 6, 14), true},
		{"2024-Q3", d(2024, 6, 15), d(2024, 9, 14), false},
		{"2024-9M", d(2023, 12, 15), d(2024, 9, 14), true},
		{"2024-Y", d(2023, 12, 15), d(2024, 12, 14), true},
		{"2024-M01", d(2023, 12, 15), d(2024, 1, 14), false},
		{"2024-M03", d(2024, 2, 15), d(2024, 3, 14), false},
		{"2024-M12", d(2024, 11, 15), d(2024, 12, 14), false},
	}
	for _, c := range cases {
		p, err := Parse(c.text)
		if err != nil {
			t.Fatalf("Parse(%q): %v", c.text, err)
		}
		if p.From != c.from || p.To != c.to || p.Cutoff() != c.to {
			t.Errorf("%s covers %s, want %s – %s", c.text, p.Span(), c.from.Short(), c.to.Short())
		}
		if p.Cumulative() != c.cumul {
			t.Errorf("%s cumulative = %v, want %v", c.text, p.Cumulative(), c.cumul)
		}
		if p.String() != c.text {
			t.Errorf("%s prints as %q", c.text, p.String())
		}
	}
}

func TestParseRefusesWhatIsNotAPeriod(t *testing.T) {
	for _, s := range []string{"", "2024", "2024-", "2024-Q2", "2024-Q4", "2024-M", "2024-M3", "2024-M13", "2024-M00",
		"24-Q1", "abcd-Q1", "2024-q1", "2024-H2", "2024 Q1", "0999-Y"} {
		if p, err := Parse(s); err == nil {
			t.Errorf("Parse(%q) = %v, want an error", s, p)
		}
	}
}

func TestOfRefusesAMonthOnlyWherePeriodsHaveNone(t *testing.T) {
	if _, err := Of(Q1, 2024, 3); err == nil {
		t.Error("a quarter with a month was accepted")
	}
	if _, err := Of(Month, 2024, 0); err == nil {
		t.Error("a month without its number was accepted")
	}
	if _, err := Of("Q2", 2024, 0); err == nil {
		t.Error("an unknown kind was accepted")
	}
}

func TestContainingFindsThePeriodAcrossThe14thAnd15thAndTheTurnOfTheYear(t *testing.T) {
	cases := []struct {
		day  vn.Date
		kind Kind
		want string // "" when no period of the kind holds the day
	}{
		// A January day before the 15th still belongs to December's cut.
		{d(2024, 1, 10), Month, "2024-M01"},
		{d(2024, 1, 14), Month, "2024-M01"},
		{d(2024, 1, 15), Month, "2024-M02"},
		{d(2023, 12, 14), Month, "2023-M12"},
		{d(2023, 12, 15), Month, "2024-M01"},
		{d(2023, 12, 31), Month, "2024-M01"},
		// Leap day: in February's second half, so March's period.
		{d(2024, 2, 29), Month, "2024-M03"},
		{d(2024, 2, 29), Q1, "2024-Q1"},
		{d(2023, 12, 15), Q1, "2024-Q1"},
		{d(2023, 12, 14), Q1, ""},
		{d(2024, 3, 14), Q1, "2024-Q1"},
		{d(2024, 3, 15), Q1, ""},
		{d(2024, 6, 14), H1, "2024-H1"},
		{d(2024, 6, 15), H1, ""},
		{d(2024, 6, 14), Q3, ""},
		{d(2024, 6, 15), Q3, "2024-Q3"},
		{d(2024, 9, 14), Q3, "2024-Q3"},
		{d(2024, 9, 15), Q3, ""},
		{d(2024, 9, 14), NineM, "2024-9M"},
		{d(2024, 9, 15), NineM, ""},
		{d(2024, 1, 1), NineM, "2024-9M"},
		{d(2024, 12, 14), Year, "2024-Y"},
		{d(2024, 12, 15), Year, "2025-Y"},
		{d(2024, 12, 31), Year, "2025-Y"},
		{d(2024, 1, 1), Year, "2024-Y"},
		{d(2024, 12, 20), H1, "2025-H1"},
		{d(2024, 5, 1), "Q2", ""},
	}
	for _, c := range cases {
		p, ok := Containing(c.day, c.kind)
		got := ""
		if ok {
			got = p.String()
			if !p.Contains(c.day) {
				t.Errorf("Containing(%s, %s) = %s, which does not contain the day", c.day, c.kind, got)
			}
		}
		if got != c.want {
			t.Errorf("Containing(%s, %s) = %q, want %q", c.day, c.kind, got, c.want)
		}
	}
}

// Every day of several years, leap and common, lies in exactly one monthly and one
// yearly period, and the periods of a kind follow each other without gap or overlap.
func TestMonthsAndYearsTileTheCalendarWithoutGapOrOverlap(t *testing.T) {
	for _, kind := range []Kind{Month, Year} {
		var prev Period
		for day := d(2022, 12, 1); day.Before(d(2026, 2, 1)); day = day.AddDays(1) {
			p, ok := Containing(day, kind)
			if !ok {
				t.Fatalf("%s: no %s period", day, kind)
			}
			if p != prev && !prev.To.IsZero() && p.From != prev.To.AddDays(1) {
				t.Fatalf("%s follows %s with a gap or overlap", p, prev)
			}
			prev = p
		}
	}
}

func TestLeapYearMarchPeriodHoldsOneDayMore(t *testing.T) {
	count := func(p Period) int {
		n := 0
		for day := p.From; !day.After(p.To); day = day.AddDays(1) {
			n++
		}
		return n
	}
	leap, _ := Parse("2024-M03")
	common, _ := Parse("2023-M03")
	if count(leap) != 29 || count(common) != 28 {
		t.Fatalf("March periods hold %d (2024) and %d (2023) days, want 29 and 28", count(leap), count(common))
	}
	q1, _ := Parse("2024-Q1")
	if count(q1) != 91 {
		t.Fatalf("Q1 2024 holds %d days, want 91 (17 + 31 + 29 + 14)", count(q1))
	}
}

func TestNextCutoffsCountTheCutoffDayAsStillComing(t *testing.T) {
	cases := []struct {
		day   vn.Date
		kinds []Kind
		want  []string
	}{
		{d(2024, 3, 9), []Kind{Q1}, []string{"2024-Q1"}},
		{d(2024, 3, 14), []Kind{Q1}, []string{"2024-Q1"}},
		{d(2024, 3, 15), []Kind{Q1}, []string{"2025-Q1"}},
		{d(2024, 12, 20), []Kind{Year, Month}, []string{"2025-M01", "2025-Y"}},
		{d(2024, 1, 10), []Kind{Month}, []string{"2024-M01"}},
		// Q3 and 9 months close the same day: the narrower first.
		{d(2024, 7, 1), []Kind{NineM, Q3}, []string{"2024-Q3", "2024-9M"}},
		{d(2024, 7, 1), Reports, []string{"2024-Q3", "2024-9M", "2024-Y", "2025-Q1", "2025-H1"}},
		{d(2024, 6, 14), nil, []string{"2024-M06", "2024-H1", "2024-Q3", "2024-9M", "2024-Y", "2025-Q1"}},
	}
	for _, c := range cases {
		var got []string
		for _, p := range NextCutoffs(c.day, c.kinds...) {
			got = append(got, p.String())
		}
		if len(got) != len(c.want) {
			t.Errorf("NextCutoffs(%s, %v) = %v, want %v", c.day, c.kinds, got, c.want)
			continue
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("NextCutoffs(%s, %v) = %v, want %v", c.day, c.kinds, got, c.want)
				break
			}
		}
	}
}

func TestLabelsReadAsVietnameseReportsNameThem(t *testing.T) {
	cases := map[string][2]string{
		"2024-Q1":  {"Quý I năm 2024", "First quarter of 2024"},
		"2024-H1":  {"6 tháng đầu năm 2024", "First six months of 2024"},
		"2024-Q3":  {"Quý III năm 2024", "Third quarter of 2024"},
		"2024-9M":  {"9 tháng năm 2024", "Nine months of 2024"},
		"2024-Y":   {"Năm 2024", "Year 2024"},
		"2024-M03": {"Tháng 3 năm 2024", "Month 3 of 2024"},
	}
	for text, want := range cases {
		p, err := Parse(text)
		if err != nil {
			t.Fatal(err)
		}
		if got := p.Label().In(i18n.VI); got != want[0] {
			t.Errorf("%s in Vietnamese: %q, want %q", text, got, want[0])
		}
		if got := p.Label().In(i18n.EN); got != want[1] {
			t.Errorf("%s in English: %q, want %q", text, got, want[1])
		}
	}
	for _, k := range Kinds {
		if !i18n.Has(k.Label()) {
			t.Errorf("kind %s has no name in the catalogue", k)
		}
	}
}
