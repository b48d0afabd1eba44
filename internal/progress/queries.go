package progress

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"loa/internal/store"
)

const resultColumns = `r.id, r.plan_id, r.activity_id, r.agency_id, a.name, r.done_on, r.quantity, r.unit, r.attendees, r.places, r.links,
	r.audience, r.description, r.spent, r.status, r.review_comment, COALESCE(r.created_by, ''), r.row_version, r.created_at, r.updated_at`

func scanResult(row interface{ Scan(...any) error }) (*Result, error) {
	var r Result
	var links, aud string
	err := row.Scan(&r.ID, &r.PlanID, &r.ActivityID, &r.AgencyID, &r.Agency, &r.DoneOn, &r.Quantity, &r.Unit, &r.Attendees, &r.Places,
		&links, &aud, &r.Description, &r.Spent, &r.Status, &r.ReviewComment, &r.CreatedBy, &r.RowVersion, &r.CreatedAt, &r.UpdatedAt)
	if err != nil {
		return nil, store.NotFound(err)
	}
	_ = json.Unmarshal([]byte(links), &r.Links)
	_ = json.Unmarshal([]byte(aud), &r.Audience)
	return &r, nil
}

// Get returns a result with its topics, partners and files.
func (s *Store) Get(ctx context.Context, id string) (*Result, error) {
	q := s.db.Read()
	r, err := scanResult(q.QueryRowContext(ctx, `SELECT `+resultColumns+` FROM results r JOIN agencies a ON a.id = r.agency_id WHERE r.id = $1`, id))
	if err != nil {
		return nil, err
	}
	r.Topics, err = store.Strings(ctx, q, `SELECT topic_id FROM result_topics WHERE result_id = $1 ORDER BY topic_id`, id)
	if err != nil {
		return nil, err
	}
	r.Partners, err = store.Strings(ctx, q, `SELECT agency_id FROM result_partners WHERE result_id = $1 ORDER BY agency_id`, id)
	if err != nil {
		return nil, err
	}
	rows, err := q.QueryContext(ctx, `SELECT rf.file_hash, rf.name, f.content_type, f.size, f.width > 0 FROM result_files rf
		JOIN files f ON f.hash = rf.file_hash WHERE rf.result_id = $1 ORDER BY rf.seq`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	r.Files = []FileRef{}
	for rows.Next() {
		var f FileRef
		if err := rows.Scan(&f.Hash, &f.Name, &f.ContentType, &f.Size, &f.Image); err != nil {
			return nil, err
		}
		r.Files = append(r.Files, f)
	}
	return r, rows.Err()
}

// ListFilter picks results for a list.
type ListFilter struct {
	PlanID     string
	ActivityID string
	Agencies   []string // recorded by these units (nil: any)
	Status     Status
	Limit      int
	Offset     int
}

// List returns results newest first, without their topics and files, and how many match.
func (s *Store) List(ctx context.Context, f ListFilter) ([]*Result, int, error) {
	var where []string
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return fmt.Sprintf("$%d", len(args))
	}
	if f.PlanID != "" {
		where = append(where, "r.plan_id = "+arg(f.PlanID))
	}
	if f.ActivityID != "" {
		where = append(where, "r.activity_id = "+arg(f.ActivityID))
	}
	if f.Status != "" {
		where = append(where, "r.status = "+arg(string(f.Status)))
	}
	if f.Agencies != nil {
		if len(f.Agencies) == 0 {
			return nil, 0, nil
		}
		ph := make([]string, len(f.Agencies))
		for i, a := range f.Agencies {
			ph[i] = arg(a)
		}
		where = append(where, "r.agency_id IN ("+strings.Join(ph, ", ")+")")
	}
	cond := ""
	if len(where) > 0 {
		cond = " WHERE " + strings.Join(where, " AND ")
	}
	var total int
	if err := s.db.Read().QueryRowContext(ctx, `SELECT COUNT(*) FROM results r`+cond, args...).Scan(&total); err != nil {
		return nil, 0, err
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 50
	}
	rows, err := s.db.Read().QueryContext(ctx, `SELECT `+resultColumns+` FROM results r JOIN agencies a ON a.id = r.agency_id`+cond+
		fmt.Sprintf(` ORDER BY r.done_on DESC, r.id DESC LIMIT %d OFFSET %d`, limit, max(f.Offset, 0)), args...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []*Result
	for rows.Next() {
		r, err := scanResult(rows)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, r)
	}
	return out, total, rows.Err()
}

// Event is a line of a result's history.
type Event struct {
	At      time.Time
	Actor   string
	Action  string
	Comment string
}

// Events returns the history of a result, oldest first.
func (s *Store) Events(ctx context.Context, id string) ([]Event, error) {
	rows, err := s.db.Read().QueryContext(ctx, `SELECT at, actor, action, comment FROM result_events WHERE result_id = $1 ORDER BY at, id`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Event
	for rows.Next() {
		var e Event
		if err := rows.Scan(&e.At, &e.Actor, &e.Action, &e.Comment); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// Exempt marks an activity not applicable — a "nếu có" whose occasion never came — so
// it is left out of the completion share; the reason is kept and logged.
func (s *Store) Exempt(ctx context.Context, activityID, reason, by string) error {
	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO activity_exemptions (activity_id, reason, decided_by, decided_at) VALUES ($1, $2, $3, $4)
			ON CONFLICT (activity_id) DO UPDATE SET reason = excluded.reason, decided_by = excluded.decided_by, decided_at = excluded.decided_at`,
			activityID, reason, nullable(by), store.Now()); err != nil {
			return err
		}
		return auditActivity(ctx, tx, activityID, "exempt", reason)
	})
}

// Unexempt counts an activity again.
func (s *Store) Unexempt(ctx context.Context, activityID string) error {
	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM activity_exemptions WHERE activity_id = $1`, activityID); err != nil {
			return err
		}
		return auditActivity(ctx, tx, activityID, "unexempt", "")
	})
}

// Exemption is why an activity is not applicable.
type Exemption struct {
	Reason    string
	DecidedAt time.Time
}

// Exemptions maps the exempted activities of a plan to why.
func (s *Store) Exemptions(ctx context.Context, planID string) (map[string]Exemption, error) {
	rows, err := s.db.Read().QueryContext(ctx, `SELECT e.activity_id, e.reason, e.decided_at FROM activity_exemptions e
		JOIN plan_activities a ON a.id = e.activity_id WHERE a.plan_id = $1`, planID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]Exemption{}
	for rows.Next() {
		var id string
		var e Exemption
		if err := rows.Scan(&id, &e.Reason, &e.DecidedAt); err != nil {
			return nil, err
		}
		out[id] = e
	}
	return out, rows.Err()
}
