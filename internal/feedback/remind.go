package feedback

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/riverqueue/river"

	"loa/internal/jobs"
	"loa/internal/notify"
	"loa/internal/vn"
)

// Reminders about the deadline of an open item go to the agency that answers it (the
// assigned unit, else the receiving agency): RemindBefore working days before the due
// day, on the due day, and every OverdueEvery days while it is overdue — then the
// receiving agency is told as well.
const (
	RemindBefore = 2
	OverdueEvery = 3
)

// Reminder kinds.
const (
	remindBefore  = "before"
	remindDue     = "due"
	remindOverdue = "overdue"
)

type openItem struct {
	ID, Code, AgencyID, UnitID string
	DueOn                      vn.Date
}

type reminder struct {
	key, agency, kind, title, link, item string
}

// Remind sends the reminders due on day about open items. A reminder already sent is
// not sent again (its key is unique in the database), so the sweep may run any number
// of times, on any number of instances. It returns how many went out.
func (s *Store) Remind(ctx context.Context, day vn.Date) (int, error) {
	days := s.WorkingDays
	if days == nil {
		days = Weekdays
	}
	soon, err := days(ctx, day, RemindBefore)
	if err != nil {
		return 0, err
	}
	rows, err := s.db.Read().QueryContext(ctx, `SELECT id, code, agency_id, COALESCE(unit_id, ''), due_on FROM feedback
		WHERE status IN ('received', 'assigned') AND due_on <= $1 ORDER BY due_on, id`, soon)
	if err != nil {
		return 0, err
	}
	var items []openItem
	for rows.Next() {
		var it openItem
		if err := rows.Scan(&it.ID, &it.Code, &it.AgencyID, &it.UnitID, &it.DueOn); err != nil {
			rows.Close()
			return 0, err
		}
		items = append(items, it)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	var out []reminder
	for _, it := range items {
		handler := it.AgencyID
		if it.UnitID != "" {
			handler = it.UnitID
		}
		link := "/feedback/" + it.ID
		base := "feedback:" + it.ID + ":" + handler + ":"
		switch {
		case day.Before(it.DueOn):
			out = append(out, reminder{key: base + remindBefore, agency: handler, kind: remindBefore, link: link, item: it.ID,
				title: fmt.Sprintf("Phản ánh %s sắp đến hạn trả lời (%s)", it.Code, it.DueOn.Short())})
		case day == it.DueOn:
			out = append(out, reminder{key: base + remindDue, agency: handler, kind: remindDue, link: link, item: it.ID,
				title: fmt.Sprintf("Hôm nay (%s) là hạn trả lời phản ánh %s", it.DueOn.Short(), it.Code)})
		default:
			late := int(day.Time().Sub(it.DueOn.Time()).Hours()/24 + 0.5)
			step := (late - 1) / OverdueEvery
			title := fmt.Sprintf("Phản ánh %s đã quá hạn trả lời %d ngày (hạn %s)", it.Code, late, it.DueOn.Short())
			key := fmt.Sprintf("%s%s:%d", base, remindOverdue, step)
			out = append(out, reminder{key: key, agency: handler, kind: remindOverdue, link: link, item: it.ID, title: title})
			if handler != it.AgencyID {
				out = append(out, reminder{key: key + ":owner", agency: it.AgencyID, kind: remindOverdue, link: link, item: it.ID, title: title})
			}
		}
	}
	sent := 0
	var errs []error
	for _, r := range out {
		// One transaction each keeps SQLite's write lock short; a failure leaves the
		// others sent, and the next run sends only what is missing.
		err := s.db.Tx(ctx, func(tx *sql.Tx) error {
			res, err := tx.ExecContext(ctx, `INSERT INTO feedback_reminders (dedupe_key, feedback_id, agency_id, kind, sent_at)
				VALUES ($1, $2, $3, $4, $5) ON CONFLICT (dedupe_key) DO NOTHING`, r.key, r.item, r.agency, r.kind, s.stamp())
			if err != nil {
				return err
			}
			if n, err := res.RowsAffected(); err != nil || n == 0 {
				return err
			}
			sent++
			return notify.Send(ctx, tx, notify.Notification{AgencyID: r.agency, Kind: "feedback_reminder", Title: r.title, Link: r.link})
		})
		if err != nil {
			errs = append(errs, err)
		}
	}
	return sent, errors.Join(errs...)
}

// RemindArgs is the daily reminder job. Day makes each day's run one unique job.
type RemindArgs struct {
	Day string `json:"day"`
}

// Kind names the job.
func (RemindArgs) Kind() string { return "feedback_remind" }

// RemindAt is when the daily reminders go: before the working day starts.
var RemindAt = jobs.DailyAt{Hour: 7, Minute: 35}

// Register gives the runner the reminder worker and its daily schedule. The job also
// forgets the rate-limit counters of past days.
func Register(r *jobs.Runner, s *Store) {
	jobs.Handle(r, func(ctx context.Context, _ RemindArgs) error {
		_, err := s.Remind(ctx, vn.DateOf(s.now()))
		return errors.Join(err, s.sweepRate(ctx))
	})
	r.Periodic("feedback_remind", RemindAt, func() (river.JobArgs, *river.InsertOpts) {
		if !RemindAt.Passed(s.now()) {
			return nil, nil
		}
		return RemindArgs{Day: vn.DateOf(s.now()).String()}, &river.InsertOpts{UniqueOpts: river.UniqueOpts{ByArgs: true}}
	}, true)
}
