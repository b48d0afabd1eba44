// Package calendar knows which days state agencies work and when periodic reports are
// due. Agencies work Monday to Friday (the 40-hour week of state bodies, Decision
// 188/1999/QĐ-TTg). The public holidays of the Labour Code 2019 (Art. 112) are
// generated each year from its rules — the lunar ones through this package's own
// lunar calendar — and written to the database the first time the year is needed;
// an administrator then enters what the government's notice for the year decides
// (Tết's exact days, the day beside 2/9, a working day swapped for a Saturday). No
// date of a holiday is written in the code.
//
// Report deadlines are rules per reporting relation (a unit to its office, a
// department to Sở Nội vụ, the province to the ministry), counted in working days of
// that calendar.
package calendar

import (
	"slices"
	"sync"
	"time"

	"loa/internal/vn"
)

// Kind is what an entry of the calendar does to its day.
type Kind string

const (
	// KindHoliday is a day off: a public holiday, or a day off in lieu of one that fell
	// on a weekend (nghỉ bù).
	KindHoliday Kind = "holiday"
	// KindWorkingSwap is a Saturday or Sunday made a working day, paying back a
	// KindDayOffSwap (làm bù).
	KindWorkingSwap Kind = "working_swap"
	// KindDayOffSwap is a working day made a day off so that a holiday runs on
	// (nghỉ hoán đổi), paid back by a KindWorkingSwap.
	KindDayOffSwap Kind = "day_off_swap"
)

// Kinds lists every kind, in the order forms offer them.
var Kinds = []Kind{KindHoliday, KindDayOffSwap, KindWorkingSwap}

// Valid tells whether k is a known kind.
func (k Kind) Valid() bool { return slices.Contains(Kinds, k) }

// Label is the catalogue key of the kind's name.
func (k Kind) Label() string { return "calendar.kind." + string(k) }

// Holiday is one entry of the calendar: a day that is not what its weekday makes it.
type Holiday struct {
	ID        string    `json:"id"`
	Year      int       `json:"year"`
	On        vn.Date   `json:"on"`
	Kind      Kind      `json:"kind"`
	Name      string    `json:"name"`
	Source    string    `json:"source"`    // the law, decision or notice that made it
	Generated bool      `json:"generated"` // made from the Labour Code's rules, not entered
	CreatedAt time.Time `json:"-"`
}

// DayOff tells whether the entry makes its day a day off.
func (h Holiday) DayOff() bool { return h.Kind != KindWorkingSwap }

// weekend tells whether d is a Saturday or a Sunday, the weekly days off.
func weekend(d vn.Date) bool {
	wd := d.Weekday()
	return wd == time.Saturday || wd == time.Sunday
}

// Calendar is the holiday calendar of some years, as loaded from the database. A day
// of any other year is judged by the Labour Code's rules alone, as the database has it
// before an administrator's edits. A Calendar is safe for use by several goroutines.
type Calendar struct {
	entries map[vn.Date]Holiday
	loaded  map[int]bool

	mu    sync.Mutex
	ruled map[int]map[vn.Date]Holiday // years not loaded, made from the rules when first asked
}

// newCalendar builds a calendar of the years given from their entries.
func newCalendar(years []int, entries []Holiday) *Calendar {
	c := &Calendar{entries: make(map[vn.Date]Holiday, len(entries)), loaded: map[int]bool{}, ruled: map[int]map[vn.Date]Holiday{}}
	for _, y := range years {
		c.loaded[y] = true
	}
	for _, h := range entries {
		c.entries[h.On] = h
	}
	return c
}

// Entry is the calendar's entry for day d, if it has one.
func (c *Calendar) Entry(d vn.Date) (Holiday, bool) {
	if c.loaded[d.Year] {
		h, ok := c.entries[d]
		return h, ok
	}
	c.mu.Lock()
	days, ok := c.ruled[d.Year]
	if !ok {
		days = map[vn.Date]Holiday{}
		for _, h := range Defaults(d.Year) {
			days[h.On] = h
		}
		c.ruled[d.Year] = days
	}
	c.mu.Unlock()
	h, ok := days[d]
	return h, ok
}

// IsWorkingDay tells whether agencies work on d: a weekday without a day off, or a
// weekend day made a working day.
func (c *Calendar) IsWorkingDay(d vn.Date) bool {
	if h, ok := c.Entry(d); ok {
		return !h.DayOff()
	}
	return !weekend(d)
}

// AddWorkingDays is the n-th working day after d (n > 0) or before it (n < 0); d
// itself never counts. With n = 0 it is d when d is a working day, else the next
// working day: a date that must land on a working day rolls forward.
func (c *Calendar) AddWorkingDays(d vn.Date, n int) vn.Date {
	step := 1
	if n < 0 {
		step, n = -1, -n
	}
	if n == 0 {
		for !c.IsWorkingDay(d) {
			d = d.AddDays(1)
		}
		return d
	}
	for n > 0 {
		d = d.AddDays(step)
		if c.IsWorkingDay(d) {
			n--
		}
	}
	return d
}

// WorkingDaysBetween counts the working days after a up to and including b; when b
// comes before a, it is minus the working days from b up to the day before a. Either
// way AddWorkingDays(a, n) lands on b for the n it returns, when b is a working day.
func (c *Calendar) WorkingDaysBetween(a, b vn.Date) int {
	sign := 1
	from, to := a.AddDays(1), b // (a, b]
	if b.Before(a) {
		sign, from, to = -1, b, a.AddDays(-1) // [b, a)
	}
	n := 0
	for d := from; !d.After(to); d = d.AddDays(1) {
		if c.IsWorkingDay(d) {
			n++
		}
	}
	return sign * n
}
