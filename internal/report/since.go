package report

import (
	"context"
	"database/sql"
	"time"

	"loa/internal/vn"
)

// Change is something that happened to a result after the previous report.
type Change struct {
	At       time.Time
	Action   string // create, update, resubmit, accept, return, reopen
	Unit     string
	Activity int
	Done     string // the result's day
}

// Since lists what happened to the plan's results after the agency's previous
// submitted report (before this one): what the office should look at again.
func (s *Store) Since(ctx context.Context, r *Report) (time.Time, []Change, error) {
	q := s.db.Read()
	var prev sql.NullTime
	until := time.Now()
	if r.SubmittedAt != nil {
		until = *r.SubmittedAt
	}
	if err := q.QueryRowContext(ctx, `SELECT MAX(submitted_at) FROM reports WHERE agency_id = $1 AND series_id <> $2 AND submitted_at < $3`,
		r.AgencyID, r.SeriesID, until.UTC()).Scan(&prev); err != nil {
		return time.Time{}, nil, err
	}
	if !prev.Valid || r.PlanID == "" {
		return time.Time{}, nil, nil
	}
	rows, err := q.QueryContext(ctx, `SELECT e.at, e.action, a.name, pa.seq, res.done_on FROM result_events e
		JOIN results res ON res.id = e.result_id JOIN agencies a ON a.id = res.agency_id JOIN plan_activities pa ON pa.id = res.activity_id
		WHERE res.plan_id = $1 AND e.at > $2 AND e.at <= $3 ORDER BY e.at DESC LIMIT 500`, r.PlanID, prev.Time, until.UTC())
	if err != nil {
		return time.Time{}, nil, err
	}
	defer rows.Close()
	var out []Change
	for rows.Next() {
		var c Change
		var done vn.Date
		if err := rows.Scan(&c.At, &c.Action, &c.Unit, &c.Activity, &done); err != nil {
			return time.Time{}, nil, err
		}
		c.Done = done.Short()
		out = append(out, c)
	}
	return prev.Time, out, rows.Err()
}
