package jobs

import (
	"time"

	"loa/internal/vn"
)

// DailyAt is a schedule that comes every day at hour:minute Vietnam time, whatever
// the zone of the machine.
type DailyAt struct{ Hour, Minute int }

// Next is the first hour:minute in Vietnam strictly after t.
func (s DailyAt) Next(t time.Time) time.Time {
	local := t.In(vn.Location)
	next := time.Date(local.Year(), local.Month(), local.Day(), s.Hour, s.Minute, 0, 0, vn.Location)
	if !next.After(local) {
		next = next.AddDate(0, 0, 1)
	}
	return next
}

// Passed tells whether today's hour:minute in Vietnam has come by t.
func (s DailyAt) Passed(t time.Time) bool {
	local := t.In(vn.Location)
	return !time.Date(local.Year(), local.Month(), local.Day(), s.Hour, s.Minute, 0, 0, vn.Location).After(local)
}
