package plan

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"loa/internal/vn"
)

var (
	romanQuarter = map[string]int{"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
	reYear       = regexp.MustCompile(`(?:năm\s+)?(\d{4})`)
	reQuarter    = regexp.MustCompile(`quý\s+(iv|iii|ii|i|[1-4])\s*(?:/|năm\s+|-\s*)(\d{4})`)
	reMonth      = regexp.MustCompile(`tháng\s+(\d{1,2})\s*(?:/|năm\s+|-\s*)(\d{4})`)
	reMonthRange = regexp.MustCompile(`(?:từ\s+)?tháng\s+(\d{1,2})\s*(?:/(\d{4}))?\s*(?:đến|-|–)\s*(?:hết\s+)?tháng\s+(\d{1,2})\s*(?:/|năm\s+)(\d{4})`)
	reBefore     = regexp.MustCompile(`(?:trước|chậm nhất|hạn chót)\s+(?:ngày\s+)?(\d{1,2})[/-](\d{1,2})[/-](\d{4})`)
	reDay        = regexp.MustCompile(`^(?:ngày\s+)?(\d{1,2})[/-](\d{1,2})[/-](\d{4})$`)
	reHalf       = regexp.MustCompile(`(6 tháng đầu năm|6 tháng cuối năm|sáu tháng đầu năm|sáu tháng cuối năm)\s*(\d{4})?`)
)

// ParseTimeFrame reads the words of a time frame as plans write them — "Trong năm
// 2024", "Quý I/2024", "Tháng 3/2024", "Từ tháng 3 đến tháng 6 năm 2024", "Trước ngày
// 15/6/2024", "6 tháng đầu năm 2024", "Thường xuyên" — into the first and last day it
// covers. year fills in a frame that names none ("Thường xuyên", "Hằng quý"). ok is
// false when the words give no dates; the words are then kept as they are.
func ParseTimeFrame(text string, year int) (from, to vn.Date, ok bool) {
	s := strings.ToLower(vn.Clean(text))
	yearOr := func(y string) int {
		if n, err := strconv.Atoi(y); err == nil && n > 0 {
			return n
		}
		return year
	}
	day := func(y, m, d int) vn.Date { return vn.Date{Year: y, Month: time.Month(m), Day: d} }
	lastDay := func(y, m int) vn.Date { return vn.NewDate(y, time.Month(m+1), 0) }
	if m := reMonthRange.FindStringSubmatch(s); m != nil {
		a, _ := strconv.Atoi(m[1])
		b, _ := strconv.Atoi(m[3])
		y := yearOr(m[4])
		if a >= 1 && a <= 12 && b >= a && b <= 12 {
			return day(yearOr(m[2]), a, 1), lastDay(y, b), true
		}
	}
	if m := reQuarter.FindStringSubmatch(s); m != nil {
		q := romanQuarter[m[1]]
		y := yearOr(m[2])
		return day(y, 3*q-2, 1), lastDay(y, 3*q), true
	}
	if m := reBefore.FindStringSubmatch(s); m != nil {
		d, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		y, _ := strconv.Atoi(m[3])
		end := day(y, mo, d)
		if vn.NewDate(y, time.Month(mo), d) == end {
			return day(y, 1, 1), end, true
		}
	}
	if m := reDay.FindStringSubmatch(s); m != nil {
		d, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		y, _ := strconv.Atoi(m[3])
		one := day(y, mo, d)
		if vn.NewDate(y, time.Month(mo), d) == one {
			return one, one, true
		}
	}
	if m := reMonth.FindStringSubmatch(s); m != nil {
		mo, _ := strconv.Atoi(m[1])
		y := yearOr(m[2])
		if mo >= 1 && mo <= 12 {
			return day(y, mo, 1), lastDay(y, mo), true
		}
	}
	if m := reHalf.FindStringSubmatch(s); m != nil {
		y := yearOr(m[2])
		if strings.Contains(m[1], "đầu") {
			return day(y, 1, 1), day(y, 6, 30), true
		}
		return day(y, 7, 1), day(y, 12, 31), true
	}
	if m := reYear.FindStringSubmatch(s); m != nil {
		y := yearOr(m[1])
		return day(y, 1, 1), day(y, 12, 31), true
	}
	if year > 0 && (strings.Contains(s, "thường xuyên") || strings.Contains(s, "hằng") || strings.Contains(s, "hàng") ||
		strings.Contains(s, "định kỳ") || strings.Contains(s, "cả năm") || strings.Contains(s, "trong năm")) {
		return day(year, 1, 1), day(year, 12, 31), true
	}
	return vn.Date{}, vn.Date{}, false
}

// ShiftYearText moves the year words of a text forward: "Trong năm 2024" becomes
// "Trong năm 2025" when a plan is copied to the next year. Only the plan's own year
// (and the year before it, as in "15/12/2023") move, so a cited document's date does not.
func ShiftYearText(s string, from, by int) string {
	return reYearOnly.ReplaceAllStringFunc(s, func(w string) string {
		n, _ := strconv.Atoi(w)
		if n == from {
			return strconv.Itoa(from + by)
		}
		return w
	})
}

var reYearOnly = regexp.MustCompile(`\b(19|20)\d{2}\b`)
