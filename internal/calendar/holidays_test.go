package calendar

import (
	"strings"
	"testing"

	"loa/internal/vn"
)

// In 2023 every holiday but Tết's in-lieu days landed where the law's rules put them,
// and the government's notices said the same: Giỗ Tổ on Saturday 29/4 and 30/4 on a
// Sunday gave 2 and 3 May off (29/4–3/5), and 2/9 on a Saturday gave 1/9 beside it and
// 4/9 in lieu (1/9–4/9). For Tết the notice moved one in-lieu day before the holiday
// (20/1–26/1); the rules alone put both after it, which is what an administrator
// corrects.
func TestDefaultsOf2023AreTheLabourCodesDays(t *testing.T) {
	want := []vn.Date{
		day(2023, 1, 1), day(2023, 1, 2),
		day(2023, 1, 21), day(2023, 1, 22), day(2023, 1, 23), day(2023, 1, 24), day(2023, 1, 25), day(2023, 1, 26), day(2023, 1, 27),
		day(2023, 4, 29), day(2023, 4, 30), day(2023, 5, 1), day(2023, 5, 2), day(2023, 5, 3),
		day(2023, 9, 1), day(2023, 9, 2), day(2023, 9, 4),
	}
	got := Defaults(2023)
	if len(got) != len(want) {
		t.Fatalf("%d days, want %d: %v", len(got), len(want), got)
	}
	for i, h := range got {
		if h.On != want[i] || h.Kind != KindHoliday || !h.Generated || h.Year != 2023 || h.Name == "" || h.Source == "" {
			t.Errorf("day %d: %+v, want a generated holiday on %s", i, h, want[i])
		}
	}
	if name := got[7].Name; !strings.HasPrefix(name, "Nghỉ bù Tết Nguyên đán Quý Mão") || !strings.Contains(name, "thứ Bảy 21/01/2023") {
		t.Errorf("the day in lieu of 21/01 is named %q", name)
	}
}

// The day beside 2/9 joins the weekend, as the notices of 2021–2025 chose it:
// 2–5/9/2021, 1–4/9/2022, 31/8–3/9/2024, 30/8–2/9/2025.
func TestTheDayBesideNationalDayJoinsTheWeekend(t *testing.T) {
	for year, beside := range map[int]vn.Date{2021: day(2021, 9, 3), 2022: day(2022, 9, 1), 2024: day(2024, 9, 3), 2025: day(2025, 9, 1)} {
		found := false
		for _, h := range Defaults(year) {
			found = found || h.On == beside
		}
		if !found {
			t.Errorf("%d: no day off on %s", year, beside)
		}
	}
}

// By this package's own lunar calendar Giỗ Tổ fell on 30/4 in 1947: one day off for
// both holidays.
func TestTwoHolidaysOnOneDayMakeOneDayOff(t *testing.T) {
	for _, h := range Defaults(1947) {
		if h.On == day(1947, 4, 30) {
			if !strings.Contains(h.Name, "Giỗ Tổ") || !strings.Contains(h.Name, "Chiến thắng") {
				t.Fatalf("30/4/1947 is named %q", h.Name)
			}
			return
		}
	}
	t.Fatal("no day off on 30/4/1947")
}

func TestEveryYearsDefaultsStayInTheYearOneEntryADay(t *testing.T) {
	for year := MinYear; year <= MaxYear; year++ {
		seen := map[vn.Date]bool{}
		days := Defaults(year)
		onWeekends, inLieu := 0, 0
		for _, h := range days {
			switch {
			case h.Source == sourceInLieu:
				inLieu++
				if weekend(h.On) {
					t.Fatalf("%d: the day in lieu %s is a weekend day", year, h.On)
				}
			case weekend(h.On):
				onWeekends++
			}
			if h.On.Year != year || h.Year != year {
				t.Fatalf("%d has %s", year, h.On)
			}
			if seen[h.On] {
				t.Fatalf("%d has %s twice", year, h.On)
			}
			seen[h.On] = true
		}
		// Eleven holidays by law (ten when two coincide), and one day in lieu for each
		// that falls on a weekend.
		if holidays := len(days) - inLieu; holidays != 11 && holidays != 10 {
			t.Fatalf("%d has %d holidays", year, holidays)
		}
		if inLieu != onWeekends {
			t.Fatalf("%d: %d holidays on weekends, %d days in lieu", year, onWeekends, inLieu)
		}
	}
}
