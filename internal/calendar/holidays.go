package calendar

import (
	"fmt"
	"slices"
	"time"

	"loa/internal/vn"
)

// The years the holiday calendar holds: the span of the ΔT fits the lunar helper
// uses, wide enough for any plan. The holidays generated are the Labour Code 2019's,
// in force from 2021; an earlier year gets them as if the Code applied.
const (
	MinYear = 1900
	MaxYear = 2100
)

// Where the generated days come from.
const (
	sourceHoliday = "Bộ luật Lao động 2019, khoản 1 Điều 112"
	sourceChosen  = "Bộ luật Lao động 2019, Điều 112 (ngày cụ thể do Thủ tướng quyết định hằng năm)"
	sourceInLieu  = "Bộ luật Lao động 2019, khoản 3 Điều 111"
)

var weekdayNames = [7]string{"Chủ nhật", "thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy"}

// Defaults are the days off of year that follow from the Labour Code 2019 alone:
//   - 1/1; 30/4; 1/5; Giỗ Tổ Hùng Vương on 10/3 of the lunar calendar (Art. 112);
//   - Tết: five days, which the Prime Minister fixes each year (Art. 112(3)); taken
//     here as the lunar year's last day and the first four of the new year;
//   - Quốc khánh: 2/9 and one day beside it, also fixed each year; taken here as the
//     day that joins the weekend — 1/9 when 2/9 falls on a Tuesday, Friday or
//     Saturday, otherwise 3/9, which is what the notices of 2021–2025 chose;
//   - a holiday on a Saturday or Sunday gives a day off in lieu on the next working
//     day (Art. 111(3)), in the order of the holidays.
//
// Two holidays on one day (10/3 lunar can fall on 30/4) make one day off. The
// government's notice moves days around these; an administrator enters it.
func Defaults(year int) []Holiday {
	days := map[vn.Date]*Holiday{}
	add := func(d vn.Date, name, source string) {
		if h, ok := days[d]; ok {
			h.Name += "; " + name
			return
		}
		days[d] = &Holiday{Year: year, On: d, Kind: KindHoliday, Name: name, Source: source, Generated: true}
	}
	add(vn.Date{Year: year, Month: time.January, Day: 1}, "Tết Dương lịch", sourceHoliday)

	newYear := SolarOf(Lunar{Day: 1, Month: 1, Year: year})
	tet := "Tết Nguyên đán " + LunarOf(newYear).YearName()
	eve := newYear.AddDays(-1)
	add(eve, fmt.Sprintf("%s (%d tháng Chạp)", tet, LunarOf(eve).Day), sourceChosen)
	for i := range 4 {
		add(newYear.AddDays(i), fmt.Sprintf("%s (mùng %d)", tet, i+1), sourceChosen)
	}

	add(SolarOf(Lunar{Day: 10, Month: 3, Year: year}), "Giỗ Tổ Hùng Vương (10/3 âm lịch)", sourceHoliday)
	add(vn.Date{Year: year, Month: time.April, Day: 30}, "Ngày Chiến thắng (30/4)", sourceHoliday)
	add(vn.Date{Year: year, Month: time.May, Day: 1}, "Ngày Quốc tế Lao động (1/5)", sourceHoliday)

	national := vn.Date{Year: year, Month: time.September, Day: 2}
	add(national, "Quốc khánh (2/9)", sourceHoliday)
	switch national.Weekday() {
	case time.Tuesday, time.Friday, time.Saturday:
		add(national.AddDays(-1), "Quốc khánh (ngày liền trước 2/9)", sourceChosen)
	default:
		add(national.AddDays(1), "Quốc khánh (ngày liền sau 2/9)", sourceChosen)
	}

	holidays := make([]vn.Date, 0, len(days))
	for d := range days {
		holidays = append(holidays, d)
	}
	slices.SortFunc(holidays, vn.Date.Compare)
	for _, d := range holidays {
		if !weekend(d) {
			continue
		}
		inLieu := d.AddDays(1)
		for weekend(inLieu) || days[inLieu] != nil {
			inLieu = inLieu.AddDays(1)
		}
		days[inLieu] = &Holiday{Year: year, On: inLieu, Kind: KindHoliday, Generated: true, Source: sourceInLieu,
			Name: fmt.Sprintf("Nghỉ bù %s, trùng %s %s", days[d].Name, weekdayNames[d.Weekday()], d.Short())}
	}

	out := make([]Holiday, 0, len(days))
	for _, h := range days {
		out = append(out, *h)
	}
	slices.SortFunc(out, func(a, b Holiday) int { return a.On.Compare(b.On) })
	return out
}
