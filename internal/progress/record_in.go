package progress

import (
	"context"
	"database/sql"
	"encoding/json"
	"slices"

	"loa/internal/audit"
	"loa/internal/store"
)

// insert writes a new result with its topics, partners, files, history and audit row,
// inside the caller's transaction.
func (s *Store) insert(ctx context.Context, tx *sql.Tx, r *Result) error {
	links, _ := json.Marshal(r.Links)
	aud, _ := json.Marshal(r.Audience)
	if _, err := tx.ExecContext(ctx, `INSERT INTO results (id, plan_id, activity_id, agency_id, done_on, quantity, unit, attendees, places,
		links, audience, description, spent, status, created_by, row_version, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, 1, $16, $16)`,
		r.ID, r.PlanID, r.ActivityID, r.AgencyID, r.DoneOn, r.Quantity, r.Unit, r.Attendees, r.Places, string(links), string(aud),
		r.Description, r.Spent, r.Status, nullable(r.CreatedBy), r.CreatedAt); err != nil {
		return err
	}
	if err := writeLinks(ctx, tx, r); err != nil {
		return err
	}
	return s.log(ctx, tx, r, "create", "")
}

// RecordIn records a result without files inside the caller's transaction tx, for
// work another part of Loa already knows was done — an article published on the
// portal — so that it is written together with that work or not at all. It checks
// what Record checks; a date outside the activity's time frame is taken as confirmed,
// since the date is a fact, not something typed.
func (s *Store) RecordIn(ctx context.Context, tx *sql.Tx, activityID string, in Input) (*Result, error) {
	a, err := loadActivity(ctx, tx, activityID)
	if err != nil {
		return nil, err
	}
	if !open(a.PlanStatus) {
		return nil, ErrNotOpen
	}
	if !slices.Contains(a.Units(), in.AgencyID) {
		return nil, ErrNotUnits
	}
	in.Confirmed = true
	r, errs, _ := parse(in, a)
	if err := errs.Err(); err != nil {
		return nil, err
	}
	now := store.Now()
	r.ID, r.Status, r.RowVersion, r.CreatedAt, r.UpdatedAt, r.CreatedBy = store.NewID(), StatusSubmitted, 1, now, now, audit.ActorFrom(ctx).UserID
	if err := s.insert(ctx, tx, r); err != nil {
		return nil, err
	}
	return r, nil
}

// NoteIn adds a line to a result's history inside the caller's transaction, without
// changing the result: what happened later to the work it records (an article
// withdrawn from the portal, with the reason). action names a catalogue message
// "result.event.<action>".
func (s *Store) NoteIn(ctx context.Context, tx *sql.Tx, resultID, action, comment string) error {
	actor := audit.ActorFrom(ctx)
	var agencyID string
	if err := tx.QueryRowContext(ctx, `SELECT agency_id FROM results WHERE id = $1`, resultID).Scan(&agencyID); err != nil {
		return store.NotFound(err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO result_events (id, result_id, at, actor_id, actor, action, comment) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
		store.NewID(), resultID, store.Now(), nullable(actor.UserID), actor.Name, action, comment); err != nil {
		return err
	}
	return audit.Record(ctx, tx, audit.Entry{Action: action, Entity: "result", EntityID: resultID, AgencyID: agencyID,
		Summary: "Ghi chú kết quả: " + comment})
}
