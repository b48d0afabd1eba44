package vn

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"time"
)

// Date is a calendar day with no time of day: a document's date, a deadline, the day
// a name took effect. It is stored as 'YYYY-MM-DD' on both engines; the zero Date is
// NULL.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateOf is the day t falls on in Vietnam.
func DateOf(t time.Time) Date {
	y, m, d := t.In(Location).Date()
	return Date{y, m, d}
}

// Today is the current day in Vietnam.
func Today() Date { return DateOf(time.Now()) }

// NewDate builds a Date, normalising overflow (31 April → 1 May) as time.Date does.
func NewDate(y int, m time.Month, d int) Date {
	return DateOf(time.Date(y, m, d, 12, 0, 0, 0, Location))
}

// ParseISODate reads 'YYYY-MM-DD'.
func ParseISODate(s string) (Date, error) {
	t, err := time.ParseInLocation("2006-01-02", s, Location)
	if err != nil {
		return Date{}, err
	}
	return DateOf(t), nil
}

// ParseUserDate reads a date as people type it (see ParseDate); an empty string is the zero Date.
func ParseUserDate(s string) (Date, error) {
	if s == "" {
		return Date{}, nil
	}
	t, err := ParseDate(s)
	if err != nil {
		return Date{}, err
	}
	return DateOf(t), nil
}

func (d Date) IsZero() bool { return d.Year == 0 && d.Month == 0 && d.Day == 0 }

// Time is midnight of d in Vietnam.
func (d Date) Time() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, Location) }

// String is 'YYYY-MM-DD', or "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// Short is dd/mm/yyyy.
func (d Date) Short() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%02d/%02d/%04d", d.Day, d.Month, d.Year)
}

// Doc is "ngày 05 tháng 01 năm 2024".
func (d Date) Doc() string { return DocDateParts(d.Day, int(d.Month), d.Year) }

func (d Date) Compare(o Date) int {
	switch {
	case d.Year != o.Year:
		return cmpInt(d.Year, o.Year)
	case d.Month != o.Month:
		return cmpInt(int(d.Month), int(o.Month))
	default:
		return cmpInt(d.Day, o.Day)
	}
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func (d Date) Before(o Date) bool { return d.Compare(o) < 0 }
func (d Date) After(o Date) bool  { return d.Compare(o) > 0 }

// AddDays moves d by n days.
func (d Date) AddDays(n int) Date { return NewDate(d.Year, d.Month, d.Day+n) }

// AddYears moves d by n years; 29 February becomes 28 February in a common year.
func (d Date) AddYears(n int) Date {
	if d.Month == time.February && d.Day == 29 {
		probe := NewDate(d.Year+n, time.February, 29)
		if probe.Month != time.February {
			return Date{d.Year + n, time.February, 28}
		}
	}
	return NewDate(d.Year+n, d.Month, d.Day)
}

// Weekday of d.
func (d Date) Weekday() time.Weekday { return d.Time().Weekday() }

// Value stores d as 'YYYY-MM-DD', or NULL when zero.
func (d Date) Value() (driver.Value, error) {
	if d.IsZero() {
		return nil, nil
	}
	return d.String(), nil
}

// Scan reads a DATE column from either engine: PostgreSQL gives a time.Time, SQLite a string.
func (d *Date) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*d = Date{}
	case time.Time:
		y, m, day := v.Date() // a DATE carries no zone: take its fields as they are
		*d = Date{y, m, day}
	case string:
		return d.scanString(v)
	case []byte:
		return d.scanString(string(v))
	default:
		return fmt.Errorf("vn.Date: cannot scan %T", src)
	}
	return nil
}

func (d *Date) scanString(s string) error {
	if len(s) >= 10 {
		s = s[:10]
	}
	p, err := ParseISODate(s)
	if err != nil {
		return fmt.Errorf("vn.Date: %w", err)
	}
	*d = p
	return nil
}

func (d Date) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte("null"), nil
	}
	return json.Marshal(d.String())
}

func (d *Date) UnmarshalJSON(b []byte) error {
	var s *string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	if s == nil || *s == "" {
		*d = Date{}
		return nil
	}
	p, err := ParseISODate(*s)
	if err != nil {
		return err
	}
	*d = p
	return nil
}
