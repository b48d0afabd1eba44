package calendar

import (
	"math"
	"testing"
	"time"

	"loa/internal/vn"
)

func day(y int, m time.Month, d int) vn.Date { return vn.Date{Year: y, Month: m, Day: d} }

// The worked examples of Meeus' Astronomical Algorithms check the two formulas the
// calendar rests on: example 49.a, the new moon of February 1977 (k = −283), at JDE
// 2443192.65118; example 25.a, the sun on 13 October 1992 at 0h TD, apparent longitude
// 199.90895° by the formulas of lower accuracy.
func TestTheFormulasReproduceMeeusWorkedExamples(t *testing.T) {
	if got := newMoon(-283); math.Abs(got-2443192.65118) > 0.00001 {
		t.Errorf("new moon k=-283 at JDE %.5f, want 2443192.65118", got)
	}
	if got := sunLongitude(2448908.5); math.Abs(got-199.90895) > 0.0001 {
		t.Errorf("sun's apparent longitude %.5f°, want 199.90895°", got)
	}
}

// Tết Nguyên Đán of recent years, as every Vietnamese calendar and the government's
// holiday notices give it, and three years famous for differing from China's calendar
// because Vietnam reckons at UTC+7: in 1968 the North celebrated on 29 January and the
// South, still at UTC+8, on the 30th; in 1985 Vietnam's Tết came a whole month before
// China's (21 January against 20 February); in 2007 it came a day before (17 February
// against the 18th).
var tet = []struct {
	year     int
	vietnam  vn.Date
	atUTCPl8 vn.Date
}{
	{1968, day(1968, 1, 29), day(1968, 1, 30)},
	{1985, day(1985, 1, 21), day(1985, 2, 20)},
	{2007, day(2007, 2, 17), day(2007, 2, 18)},
	{2020, day(2020, 1, 25), day(2020, 1, 25)},
	{2021, day(2021, 2, 12), day(2021, 2, 12)},
	{2022, day(2022, 2, 1), day(2022, 2, 1)},
	{2023, day(2023, 1, 22), day(2023, 1, 22)},
	{2024, day(2024, 2, 10), day(2024, 2, 10)},
	{2025, day(2025, 1, 29), day(2025, 1, 29)},
	{2026, day(2026, 2, 17), day(2026, 2, 17)},
}

func TestTetFallsOnTheDayVietnamCelebratedIt(t *testing.T) {
	for _, c := range tet {
		newYear := Lunar{Day: 1, Month: 1, Year: c.year}
		if got := SolarOf(newYear); got != c.vietnam {
			t.Errorf("Tết %d on %s, want %s", c.year, got, c.vietnam)
		}
		if got := LunarOf(c.vietnam); got != newYear {
			t.Errorf("%s is %+v, want 1/1/%d", c.vietnam, got, c.year)
		}
	}
}

func TestTheSameRulesReckonedAtUTCPlus8GiveChinasNewYear(t *testing.T) {
	for _, c := range tet {
		j, ok := solarOf(Lunar{Day: 1, Month: 1, Year: c.year}, 8)
		if !ok || dateOf(j) != c.atUTCPl8 {
			t.Errorf("new year %d at UTC+8 on %s, want %s", c.year, dateOf(j), c.atUTCPl8)
		}
	}
}

// Dates every calendar of those years prints: Giỗ Tổ Hùng Vương (10/3), a national
// holiday, and the mid-autumn festival (15/8); the leap months of 2020 (4th), 2023 (2nd)
// and 2025 (6th); the last days of the lunar years, 30 Tết in 2024 but only 29 Tết in
// 2025.
func TestKnownLunarDates(t *testing.T) {
	cases := []struct {
		solar vn.Date
		lunar Lunar
	}{
		{day(2023, 4, 29), Lunar{Day: 10, Month: 3, Year: 2023}},
		{day(2024, 4, 18), Lunar{Day: 10, Month: 3, Year: 2024}},
		{day(2025, 4, 7), Lunar{Day: 10, Month: 3, Year: 2025}},
		{day(2024, 9, 17), Lunar{Day: 15, Month: 8, Year: 2024}},
		{day(2025, 10, 6), Lunar{Day: 15, Month: 8, Year: 2025}},
		{day(2020, 5, 23), Lunar{Day: 1, Month: 4, Year: 2020, Leap: true}},
		{day(2023, 2, 20), Lunar{Day: 1, Month: 2, Year: 2023}},
		{day(2023, 3, 22), Lunar{Day: 1, Month: 2, Year: 2023, Leap: true}},
		{day(2023, 4, 20), Lunar{Day: 1, Month: 3, Year: 2023}},
		{day(2025, 7, 25), Lunar{Day: 1, Month: 6, Year: 2025, Leap: true}},
		{day(2024, 2, 9), Lunar{Day: 30, Month: 12, Year: 2023}},
		{day(2025, 1, 28), Lunar{Day: 29, Month: 12, Year: 2024}},
	}
	for _, c := range cases {
		if got := LunarOf(c.solar); got != c.lunar {
			t.Errorf("LunarOf(%s) = %s/%d, want %s/%d", c.solar, got, got.Year, c.lunar, c.lunar.Year)
		}
		if got := SolarOf(c.lunar); got != c.solar {
			t.Errorf("SolarOf(%s/%d) = %s, want %s", c.lunar, c.lunar.Year, got, c.solar)
		}
	}
}

func TestSolarOfGivesNoDateForADayTheCalendarLacks(t *testing.T) {
	for _, l := range []Lunar{
		{Day: 30, Month: 12, Year: 2024},             // Giáp Thìn ended on 29/12
		{Day: 1, Month: 3, Year: 2023, Leap: true},   // 2023's leap month was the 2nd
		{Day: 1, Month: 2, Year: 2024, Leap: true},   // 2024 had none
		{Day: 0, Month: 1, Year: 2025},               // days start at 1
		{Day: 31, Month: 1, Year: 2025},              // and end by 30
		{Day: 1, Month: 13, Year: 2025},              // months end at 12
		{Day: 15, Month: 0, Year: 2025, Leap: false}, // and start at 1
	} {
		if got := SolarOf(l); !got.IsZero() {
			t.Errorf("SolarOf(%s/%d, leap %v) = %s, want no date", l, l.Year, l.Leap, got)
		}
	}
}

// Every day from 1950 to 2060 goes to the lunar calendar and back, and consecutive days
// run through months of 29 or 30 days, with twelve or thirteen months a year.
func TestEveryDayGoesToTheLunarCalendarAndBack(t *testing.T) {
	prev := LunarOf(day(1949, 12, 31))
	// Months and years are counted from the first ones that start inside the span.
	sawMonth, sawYear, months := false, false, 0
	for d := day(1950, 1, 1); d.Year <= 2060; d = d.AddDays(1) {
		l := LunarOf(d)
		if back := SolarOf(l); back != d {
			t.Fatalf("%s → %s/%d → %s", d, l, l.Year, back)
		}
		switch {
		case l.Day == prev.Day+1 && l.Month == prev.Month && l.Leap == prev.Leap && l.Year == prev.Year:
		case l.Day == 1:
			if sawMonth && (prev.Day < 29 || prev.Day > 30) {
				t.Fatalf("the month before %s had %d days", d, prev.Day)
			}
			sawMonth = true
			if l.Month == 1 && !l.Leap {
				if l.Year != prev.Year+1 {
					t.Fatalf("%s starts lunar year %d after %d", d, l.Year, prev.Year)
				}
				if sawYear && months != 12 && months != 13 {
					t.Fatalf("lunar year %d had %d months", prev.Year, months)
				}
				sawYear, months = true, 0
			}
			months++
		default:
			t.Fatalf("%s (%s/%d) does not follow %s/%d", d, l, l.Year, prev, prev.Year)
		}
		prev = l
	}
}

func TestYearNamesFollowTheSixtyYearCycle(t *testing.T) {
	for year, want := range map[int]string{1968: "Mậu Thân", 1985: "Ất Sửu", 2023: "Quý Mão", 2024: "Giáp Thìn", 2025: "Ất Tỵ", 2026: "Bính Ngọ"} {
		if got := (Lunar{Day: 1, Month: 1, Year: year}).YearName(); got != want {
			t.Errorf("%d is %s, want %s", year, got, want)
		}
	}
}
