package remind

import (
	"fmt"

	"loa/internal/period"
	"loa/internal/vn"
)

// daysBetween is the number of days from a to b (negative when b comes first).
// Vietnam keeps no daylight saving, so every day is 24 hours long.
func daysBetween(a, b vn.Date) int {
	return int(b.Time().Sub(a.Time()).Hours() / 24)
}

// dueFor tells whether rule r calls for a reminder today about an activity ending on
// end, and for which occurrence: the end itself, or for an overdue activity the day
// of the latest repetition. A reminder whose day passed while no sweep ran (the
// server was down) is still due until the next one takes over, so nothing is
// silently skipped; the log's unique key keeps it from going twice.
//
//   - BeforeEnd: from Days days before the end until the day before it.
//   - OnDay: on the end day.
//   - OverdueEvery: Days, 2×Days, … days after the end (the on-day reminder covers
//     the end itself).
func dueFor(r Rule, end, today vn.Date) (on vn.Date, ok bool) {
	late := daysBetween(end, today)
	switch r.Kind {
	case BeforeEnd:
		if late < 0 && -late <= r.Days {
			return end, true
		}
	case OnDay:
		if late == 0 {
			return end, true
		}
	case OverdueEvery:
		if r.Days > 0 && late >= r.Days {
			return end.AddDays(late / r.Days * r.Days), true
		}
	}
	return vn.Date{}, false
}

// cutoffFor tells whether rule r (BeforeCutoff) calls for a reminder today, and for
// which report period: the nearest report cut-off no more than Days days away. When
// several reports close that day (Q3 and 9 months on 14/9), it is the narrower one:
// a unit with nothing in it shows empty in a report due that day.
func cutoffFor(r Rule, today vn.Date) (period.Period, bool) {
	if r.Kind != BeforeCutoff {
		return period.Period{}, false
	}
	// The list starts with the nearest cut-off, the narrower period first.
	next := period.NextCutoffs(today, period.Reports...)
	if len(next) == 0 || daysBetween(today, next[0].To) > r.Days {
		return period.Period{}, false
	}
	return next[0], true
}

// Keys: one per reminder that may go out, unique in the log. They name the rule by
// kind and days rather than by id, so a rule deleted and created again does not send
// what its earlier self sent.

func activityKey(r Rule, activityID, unit string, end, on vn.Date) string {
	k := fmt.Sprintf("%s:%d:%s:%s:%s", r.Kind, r.Days, activityID, unit, end)
	if on != end {
		k += "@" + on.String()
	}
	return k
}

func cutoffKey(r Rule, unit string, p period.Period) string {
	return fmt.Sprintf("%s:%d:%s:%s", r.Kind, r.Days, unit, p)
}

func digestKey(userID string, day vn.Date) string {
	return fmt.Sprintf("%s:%s:%s", Digest, userID, day)
}
