package plan

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"loa/internal/audit"
	"loa/internal/notify"
	"loa/internal/register"
	"loa/internal/store"
	"loa/internal/valid"
	"loa/internal/vn"
)

// ErrTransition is returned when an action does not apply to the plan's status.
var ErrTransition = errors.New("the plan's status does not allow this")

// transition moves plan id from one of the statuses in from to status to, checking the
// row version, recording an event and an audit row; extra runs inside the same
// transaction with the plan as it was.
func (s *Store) transition(ctx context.Context, id string, version int, from []Status, to Status, action, comment string,
	extra func(tx *sql.Tx, p *Plan) error) (*Plan, error) {
	var out *Plan
	err := s.db.Tx(ctx, func(tx *sql.Tx) error {
		p, err := get(ctx, tx, id)
		if err != nil {
			return err
		}
		if p.RowVersion != version {
			return ErrStale
		}
		ok := false
		for _, f := range from {
			ok = ok || p.Status == f
		}
		if !ok {
			return ErrTransition
		}
		if extra != nil {
			if err := extra(tx, p); err != nil {
				return err
			}
		}
		before := p.Status
		p.Status, p.RowVersion, p.UpdatedAt = to, p.RowVersion+1, store.Now()
		if _, err := tx.ExecContext(ctx, `UPDATE plans SET status = $1, row_version = $2, updated_at = $3, number = $4,
			date_day = $5, date_month = $6, date_year = $7, content = $8 WHERE id = $9`,
			p.Status, p.RowVersion, p.UpdatedAt, p.Number, p.Date.Day, p.Date.Month, p.Date.Year, mustContent(p), p.ID); err != nil {
			return err
		}
		if err := event(ctx, tx, p.ID, action, comment); err != nil {
			return err
		}
		out = p
		return audit.Record(ctx, tx, audit.Entry{Action: action, Entity: "plan", EntityID: p.ID, AgencyID: p.AgencyID,
			Summary: fmt.Sprintf("Kế hoạch năm %d: %s → %s", p.Year, before, to), Before: map[string]any{"status": before},
			After: map[string]any{"status": to, "comment": comment, "number": p.Number}})
	})
	return out, err
}

// Submit sends a draft to the leaders. A plan with problems (Check) is refused with them.
func (s *Store) Submit(ctx context.Context, id string, version int) (*Plan, error) {
	return s.transition(ctx, id, version, []Status{StatusDraft, StatusReturned}, StatusSubmitted, "submit", "", func(tx *sql.Tx, p *Plan) error {
		return Check(p).Err()
	})
}

// Return sends a submitted plan back to the office with a comment.
func (s *Store) Return(ctx context.Context, id string, version int, comment string) (*Plan, error) {
	comment = vn.Clean(comment)
	if comment == "" {
		errs := valid.Errors{}
		errs.Add("comment", "plan.return_comment_required")
		return nil, errs.Err()
	}
	return s.transition(ctx, id, version, []Status{StatusSubmitted}, StatusReturned, "return", comment, nil)
}

// Approve approves a submitted plan.
func (s *Store) Approve(ctx context.Context, id string, version int, comment string) (*Plan, error) {
	return s.transition(ctx, id, version, []Status{StatusSubmitted}, StatusApproved, "approve", vn.Clean(comment), nil)
}

// NameSource gives an agency's names as of a day, for the header of an issued document.
type NameSource interface {
	HeaderNames(ctx context.Context, agencyID string, on vn.Date) (parentBody, issuingBody string, err error)
}

// Issue gives an approved plan its number from the agency's register and its date,
// prints the agency's names of that day in its header, and freezes it. An earlier
// issued version of the same plan is replaced. Agencies named as recipients and the
// units with activities are notified.
func (s *Store) Issue(ctx context.Context, id string, version int, on vn.Date, names NameSource) (*Plan, error) {
	if on.IsZero() {
		on = vn.Today()
	}
	return s.transition(ctx, id, version, []Status{StatusApproved}, StatusIssued, "issue", "", func(tx *sql.Tx, p *Plan) error {
		if names != nil {
			parent, issuing, err := names.HeaderNames(ctx, p.AgencyID, on)
			if err != nil {
				return err
			}
			p.ParentBody, p.IssuingBody = parent, issuing
		}
		typeCode := "KH"
		if i := strings.IndexByte(p.Symbol, '-'); i > 0 {
			typeCode = p.Symbol[:i]
		}
		n, err := register.Issue(ctx, tx, p.AgencyID, typeCode, p.Symbol, "plan", p.ID, on)
		if err != nil {
			return err
		}
		p.Number = n
		p.Date = DocDate{Day: on.Day, Month: int(on.Month), Year: on.Year}
		if _, err := tx.ExecContext(ctx, `UPDATE plans SET status = $1, updated_at = $2 WHERE series_id = $3 AND id <> $4 AND status IN ($5, $6, $7)`,
			StatusReplaced, store.Now(), p.SeriesID, p.ID, StatusIssued, StatusInEffect, StatusApproved); err != nil {
			return err
		}
		return s.notifyIssued(ctx, tx, p)
	})
}

// notifyIssued tells the agencies of the installation that the plan concerns: the
// recipients named in "Nơi nhận" that match an agency, and every lead and partner unit.
func (s *Store) notifyIssued(ctx context.Context, tx *sql.Tx, p *Plan) error {
	targets := map[string]bool{}
	for _, a := range p.Activities {
		if a.Lead.AgencyID != "" {
			targets[a.Lead.AgencyID] = true
		}
		for _, r := range a.Partners {
			if r.AgencyID != "" {
				targets[r.AgencyID] = true
			}
		}
	}
	for _, r := range p.Recipients {
		var id string
		err := tx.QueryRowContext(ctx, `SELECT id FROM agencies WHERE merged_into IS NULL AND (LOWER(name) = LOWER($1) OR LOWER(short_name) = LOWER($1))`,
			strings.TrimSpace(r)).Scan(&id)
		if err == nil {
			targets[id] = true
		} else if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
	}
	delete(targets, p.AgencyID)
	title := fmt.Sprintf("Ban hành Kế hoạch số %s/%s: %s", p.Number, p.Symbol, p.Summary)
	for id := range targets {
		if err := notify.Send(ctx, tx, notify.Notification{AgencyID: id, Kind: "plan_issued", Title: title, Link: "/plans/" + p.ID}); err != nil {
			return err
		}
	}
	return nil
}

// Start puts an issued plan into effect: units may record results.
func (s *Store) Start(ctx context.Context, id string, version int) (*Plan, error) {
	return s.transition(ctx, id, version, []Status{StatusIssued}, StatusInEffect, "start", "", nil)
}

// Close ends a plan's year.
func (s *Store) Close(ctx context.Context, id string, version int) (*Plan, error) {
	return s.transition(ctx, id, version, []Status{StatusIssued, StatusInEffect}, StatusClosed, "close", "", nil)
}

// Amend starts a new version of an issued plan as a draft with the same content; the
// issued version stays in force until the amendment is issued.
func (s *Store) Amend(ctx context.Context, id string, createdBy string) (*Plan, error) {
	p, err := s.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if !p.Status.Frozen() || p.Status == StatusReplaced || p.Status == StatusClosed {
		return nil, ErrTransition
	}
	var latest int
	if err := s.db.Read().QueryRowContext(ctx, `SELECT MAX(version) FROM plans WHERE series_id = $1`, p.SeriesID).Scan(&latest); err != nil {
		return nil, err
	}
	var open int
	if err := s.db.Read().QueryRowContext(ctx, `SELECT COUNT(*) FROM plans WHERE series_id = $1 AND status IN ($2, $3, $4, $5)`,
		p.SeriesID, StatusDraft, StatusReturned, StatusSubmitted, StatusApproved).Scan(&open); err != nil {
		return nil, err
	}
	if open > 0 {
		return nil, ErrAmendmentOpen
	}
	next := copyForNew(p)
	next.SeriesID, next.Version = p.SeriesID, latest+1
	next.ParentPlanID, next.SourcePlanID = p.ParentPlanID, p.SourcePlanID
	next.Date = DocDate{Month: p.Date.Month, Year: p.Date.Year}
	return s.Create(ctx, next, createdBy)
}

// ErrAmendmentOpen is returned when an amendment of the plan is already being drafted.
var ErrAmendmentOpen = errors.New("an amendment of this plan is already open")

// copyForNew copies a plan's content for a new plan: no ids, no number, draft.
func copyForNew(p *Plan) *Plan {
	c := *p
	c.ID, c.SeriesID, c.Version, c.Status, c.Number, c.RowVersion = "", "", 1, StatusDraft, "", 0
	c.Topics = append([]Topic(nil), p.Topics...)
	for i := range c.Topics {
		c.Topics[i].ID = ""
	}
	c.Channels = append([]Channel(nil), p.Channels...)
	for i := range c.Channels {
		c.Channels[i].ID = ""
	}
	c.Activities = make([]Activity, len(p.Activities))
	for i, a := range p.Activities {
		a.ID = ""
		a.Partners = append([]AgencyRef(nil), a.Partners...)
		if a.Supplier != nil {
			s := *a.Supplier
			a.Supplier = &s
		}
		if a.Target != nil {
			t := *a.Target
			a.Target = &t
		}
		c.Activities[i] = a
	}
	return &c
}

// Event is a line of a plan's history.
type Event struct {
	At      sql.NullTime
	Actor   string
	Action  string
	Comment string
}

// Events returns the history of plan id, oldest first.
func (s *Store) Events(ctx context.Context, id string) ([]Event, error) {
	rows, err := s.db.Read().QueryContext(ctx, `SELECT at, actor, action, comment FROM plan_events WHERE plan_id = $1 ORDER BY at, id`, id)
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

func mustContent(p *Plan) string {
	raw, err := json.Marshal(contentOf(p))
	if err != nil {
		panic(err) // content holds only strings, slices and structs: it always marshals
	}
	return string(raw)
}
