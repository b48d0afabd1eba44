package progress

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"loa/internal/audit"
	"loa/internal/store"
	"loa/internal/valid"
	"loa/internal/vn"
)

// A difficulty a unit raises goes open → answered by the office, or escalated to the
// leadership and then answered; the unit or the office closes it. It feeds the
// reports' "difficulties and proposals".
const (
	DifficultyOpen      = "open"
	DifficultyAnswered  = "answered"
	DifficultyEscalated = "escalated"
	DifficultyClosed    = "closed"
)

// Difficulty is a problem a unit reports, about an activity or in general.
type Difficulty struct {
	ID         string
	PlanID     string
	ActivityID string
	Activity   string // the activity's text, when about one
	AgencyID   string
	Agency     string
	Title      string
	Body       string
	Status     string
	Answer     string
	RowVersion int
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// DifficultyEvent is a line of a difficulty's history.
type DifficultyEvent struct {
	At     time.Time
	Actor  string
	Action string
	Text   string
}

// Raise records a unit's difficulty.
func (s *Store) Raise(ctx context.Context, planID, activityID, agencyID, title, body string) (*Difficulty, error) {
	d := &Difficulty{ID: store.NewID(), PlanID: planID, ActivityID: activityID, AgencyID: agencyID, Title: vn.Clean(title),
		Body: strings.TrimSpace(vn.NFC(body)), Status: DifficultyOpen, RowVersion: 1}
	errs := valid.Errors{}
	errs.Required("title", d.Title)
	errs.MaxLen("title", d.Title, 200)
	errs.Required("body", d.Body)
	errs.MaxLen("body", d.Body, 4000)
	if err := errs.Err(); err != nil {
		return nil, err
	}
	now := store.Now()
	d.CreatedAt, d.UpdatedAt = now, now
	err := s.db.Tx(ctx, func(tx *sql.Tx) error {
		if activityID != "" {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM plan_activities WHERE id = $1 AND plan_id = $2`, activityID, planID).Scan(&n); err != nil || n == 0 {
				errs.Add("activity_id", "difficulty.activity_unknown")
				return errs.Err()
			}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO difficulties (id, plan_id, activity_id, agency_id, title, body, status, created_by, row_version, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1, $9, $9)`, d.ID, nullable(planID), nullable(activityID), agencyID, d.Title, d.Body, d.Status,
			nullable(audit.ActorFrom(ctx).UserID), now); err != nil {
			return err
		}
		return difficultyEvent(ctx, tx, d, "raise", d.Body)
	})
	if err != nil {
		return nil, err
	}
	return d, nil
}

func difficultyEvent(ctx context.Context, tx *sql.Tx, d *Difficulty, action, text string) error {
	a := audit.ActorFrom(ctx)
	if _, err := tx.ExecContext(ctx, `INSERT INTO difficulty_events (id, difficulty_id, at, actor_id, actor, action, text) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
		store.NewID(), d.ID, store.Now(), nullable(a.UserID), a.Name, action, text); err != nil {
		return err
	}
	return audit.Record(ctx, tx, audit.Entry{Action: action, Entity: "difficulty", EntityID: d.ID, AgencyID: d.AgencyID,
		Summary: "Khó khăn, vướng mắc: " + d.Title, After: map[string]any{"status": d.Status, "text": text}})
}

// difficultyMoves says which statuses each action applies to and where it leads.
var difficultyMoves = map[string]struct {
	from []string
	to   string
}{
	"answer":   {[]string{DifficultyOpen, DifficultyEscalated}, DifficultyAnswered},
	"escalate": {[]string{DifficultyOpen}, DifficultyEscalated},
	"close":    {[]string{DifficultyOpen, DifficultyAnswered, DifficultyEscalated}, DifficultyClosed},
	"reopen":   {[]string{DifficultyAnswered, DifficultyClosed}, DifficultyOpen},
}

// MoveDifficulty answers, escalates, closes or reopens a difficulty. An answer needs
// its text; the others may carry a note.
func (s *Store) MoveDifficulty(ctx context.Context, id string, version int, action, text string) (*Difficulty, error) {
	move, ok := difficultyMoves[action]
	if !ok {
		return nil, fmt.Errorf("no difficulty action %q", action)
	}
	text = strings.TrimSpace(vn.NFC(text))
	if action == "answer" && text == "" {
		errs := valid.Errors{}
		errs.Add("text", "difficulty.answer_required")
		return nil, errs.Err()
	}
	var out *Difficulty
	err := s.db.Tx(ctx, func(tx *sql.Tx) error {
		d, err := getDifficulty(ctx, tx, id)
		if err != nil {
			return err
		}
		if d.RowVersion != version {
			return ErrStale
		}
		allowed := false
		for _, f := range move.from {
			allowed = allowed || f == d.Status
		}
		if !allowed {
			return ErrLocked
		}
		d.Status, d.RowVersion, d.UpdatedAt = move.to, d.RowVersion+1, store.Now()
		if action == "answer" {
			d.Answer = text
		}
		if _, err := tx.ExecContext(ctx, `UPDATE difficulties SET status = $1, answer = $2, row_version = $3, updated_at = $4 WHERE id = $5`,
			d.Status, d.Answer, d.RowVersion, d.UpdatedAt, d.ID); err != nil {
			return err
		}
		out = d
		return difficultyEvent(ctx, tx, d, action, text)
	})
	return out, err
}

const difficultyColumns = `d.id, COALESCE(d.plan_id, ''), COALESCE(d.activity_id, ''), COALESCE(pa.text, ''), d.agency_id, a.name, d.title, d.body,
	d.status, d.answer, d.row_version, d.created_at, d.updated_at`

const difficultyFrom = ` FROM difficulties d JOIN agencies a ON a.id = d.agency_id LEFT JOIN plan_activities pa ON pa.id = d.activity_id`

func scanDifficulty(row interface{ Scan(...any) error }) (*Difficulty, error) {
	var d Difficulty
	err := row.Scan(&d.ID, &d.PlanID, &d.ActivityID, &d.Activity, &d.AgencyID, &d.Agency, &d.Title, &d.Body, &d.Status, &d.Answer,
		&d.RowVersion, &d.CreatedAt, &d.UpdatedAt)
	if err != nil {
		return nil, store.NotFound(err)
	}
	return &d, nil
}

func getDifficulty(ctx context.Context, q store.Querier, id string) (*Difficulty, error) {
	return scanDifficulty(q.QueryRowContext(ctx, `SELECT `+difficultyColumns+difficultyFrom+` WHERE d.id = $1`, id))
}

// Difficulty returns one difficulty with its history.
func (s *Store) Difficulty(ctx context.Context, id string) (*Difficulty, []DifficultyEvent, error) {
	d, err := getDifficulty(ctx, s.db.Read(), id)
	if err != nil {
		return nil, nil, err
	}
	rows, err := s.db.Read().QueryContext(ctx, `SELECT at, actor, action, text FROM difficulty_events WHERE difficulty_id = $1 ORDER BY at, id`, id)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	var evs []DifficultyEvent
	for rows.Next() {
		var e DifficultyEvent
		if err := rows.Scan(&e.At, &e.Actor, &e.Action, &e.Text); err != nil {
			return nil, nil, err
		}
		evs = append(evs, e)
	}
	return d, evs, rows.Err()
}

// Difficulties lists the difficulties of the given units (nil: all), open ones first.
func (s *Store) Difficulties(ctx context.Context, agencies []string, planID, status string) ([]*Difficulty, error) {
	where, args := []string{"1 = 1"}, []any{}
	arg := func(v any) string {
		args = append(args, v)
		return fmt.Sprintf("$%d", len(args))
	}
	if agencies != nil {
		if len(agencies) == 0 {
			return nil, nil
		}
		ph := make([]string, len(agencies))
		for i, a := range agencies {
			ph[i] = arg(a)
		}
		where = append(where, "d.agency_id IN ("+strings.Join(ph, ", ")+")")
	}
	if planID != "" {
		where = append(where, "d.plan_id = "+arg(planID))
	}
	if status != "" {
		where = append(where, "d.status = "+arg(status))
	}
	rows, err := s.db.Read().QueryContext(ctx, `SELECT `+difficultyColumns+difficultyFrom+` WHERE `+strings.Join(where, " AND ")+
		` ORDER BY CASE d.status WHEN 'open' THEN 0 WHEN 'escalated' THEN 1 WHEN 'answered' THEN 2 ELSE 3 END, d.updated_at DESC LIMIT 500`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*Difficulty
	for rows.Next() {
		d, err := scanDifficulty(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}
