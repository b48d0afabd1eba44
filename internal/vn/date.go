package vn

import (
	"fmt"
	"strings"
	"time"
)

// Location is Vietnam's time (UTC+7, no daylight saving). A fixed zone rather than
// the tz database so that Windows servers without tzdata agree.
var Location = time.FixedZone("ICT", 7*60*60)

// DocDay writes a day of the month as Decree 30 asks: two digits below 10 ("05").
func DocDay(d int) string { return fmt.Sprintf("%02d", d) }

// DocMonth writes a month as Decree 30 asks: January and February with a leading
// zero ("01", "02") so they cannot be read as 10–12; March to December plain ("3", "12").
func DocMonth(m int) string {
	if m <= 2 {
		return fmt.Sprintf("%02d", m)
	}
	return fmt.Sprint(m)
}

// DocDate writes "ngày 05 tháng 01 năm 2024".
func DocDate(t time.Time) string {
	return DocDateParts(t.Day(), int(t.Month()), t.Year())
}

// DocDateParts writes "ngày D tháng M năm Y" where any part may be unknown (0):
// a draft's date prints "ngày    tháng 01 năm 2024", leaving room to write the day by hand.
func DocDateParts(day, month, year int) string {
	blank := "    "
	d, m, y := blank, blank, blank
	if day > 0 {
		d = DocDay(day)
	}
	if month > 0 {
		m = DocMonth(month)
	}
	if year > 0 {
		y = fmt.Sprint(year)
	}
	return "ngày " + d + " tháng " + m + " năm " + y
}

// PlaceDate writes the place-and-date line of a document: "Cần Thơ, ngày 05 tháng 01 năm 2024".
func PlaceDate(place string, day, month, year int) string {
	place = strings.TrimSpace(place)
	if place == "" {
		return DocDateParts(day, month, year)
	}
	return place + ", " + DocDateParts(day, month, year)
}

// ShortDate writes dd/mm/yyyy, the way forms and tables show a date.
func ShortDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(Location).Format("02/01/2006")
}

// DateTime writes dd/mm/yyyy hh:mm in Vietnam's time.
func DateTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(Location).Format("02/01/2006 15:04")
}

// ParseDate reads a date as people type it: dd/mm/yyyy, d/m/yyyy, dd-mm-yyyy or the
// ISO yyyy-mm-dd that date inputs send. The result is midnight in Vietnam's time.
func ParseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{"2006-01-02", "02/01/2006", "2/1/2006", "02-01-2006", "2-1-2006", "02.01.2006"} {
		if t, err := time.ParseInLocation(layout, s, Location); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("ngày %q không đúng dạng ngày/tháng/năm", s)
}
