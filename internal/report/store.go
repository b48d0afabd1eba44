package report

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"loa/internal/audit"
	"loa/internal/notify"
	"loa/internal/plan"
	"loa/internal/register"
	"loa/internal/store"
	"loa/internal/valid"
	"loa/internal/vn"
)

// Errors of the report's life.
var (
	ErrStale      = errors.New("report changed since it was read")
	ErrFrozen     = errors.New("the report's figures are frozen")
	ErrTransition = errors.New("the report's status does not allow this")
)

// Store reads and writes reports.
type Store struct{ db *store.DB }

// NewStore returns a Store over db.
func NewStore(db *store.DB) *Store { return &Store{db: db} }

const columns = `r.id, r.series_id, r.version, r.agency_id, a.name, COALESCE(r.plan_id, ''), r.period, r.period_from, r.period_to, r.status,
	r.number, r.symbol, r.place, r.date_day, r.date_month, r.date_year, COALESCE(r.recipient_agency_id, ''), COALESCE(ra.name, ''), r.deadline,
	r.header, r.narrative, r.figures, r.row_version, r.submitted_at, r.sent_at, r.created_at, r.updated_at`

const from = ` FROM reports r JOIN agencies a ON a.id = r.agency_id LEFT JOIN agencies ra ON ra.id = r.recipient_agency_id`

func scan(row interface{ Scan(...any) error }) (*Report, error) {
	var r Report
	var header, narrative, figures string
	var submitted, sent sql.NullTime
	err := row.Scan(&r.ID, &r.SeriesID, &r.Version, &r.AgencyID, &r.Agency, &r.PlanID, &r.Period, &r.From, &r.To, &r.Status,
		&r.Number, &r.Symbol, &r.Place, &r.Date.Day, &r.Date.Month, &r.Date.Year, &r.RecipientID, &r.Recipient, &r.Deadline,
		&header, &narrative, &figures, &r.RowVersion, &submitted, &sent, &r.CreatedAt, &r.UpdatedAt)
	if err != nil {
		return nil, store.NotFound(err)
	}
	if submitted.Valid {
		r.SubmittedAt = &submitted.Time
	}
	if sent.Valid {
		r.SentAt = &sent.Time
	}
	if err := json.Unmarshal([]byte(header), &r.Header); err != nil {
		return nil, fmt.Errorf("report %s header: %w", r.ID, err)
	}
	if err := json.Unmarshal([]byte(narrative), &r.Narrative); err != nil {
		return nil, fmt.Errorf("report %s narrative: %w", r.ID, err)
	}
	if figures != "" {
		r.Figures = &Compiled{}
		if err := json.Unmarshal([]byte(figures), r.Figures); err != nil {
			return nil, fmt.Errorf("report %s figures: %w", r.ID, err)
		}
	}
	return &r, nil
}

// Get returns a report.
func (s *Store) Get(ctx context.Context, id string) (*Report, error) {
	return get(ctx, s.db.Read(), id)
}

func get(ctx context.Context, q store.Querier, id string) (*Report, error) {
	return scan(q.QueryRowContext(ctx, `SELECT `+columns+from+` WHERE r.id = $1`, id))
}

// Filter picks reports.
type Filter struct {
	Agencies  []string // written by these agencies (nil: any)
	Recipient []string // or sent to these
	Period    string
	Statuses  []Status
}

// List returns reports, newest period first; without their frozen figures.
func (s *Store) List(ctx context.Context, f Filter) ([]*Report, error) {
	var where []string
	var args []any
	in := func(col string, vals []string) string {
		ph := make([]string, len(vals))
		for i, v := range vals {
			args = append(args, v)
			ph[i] = fmt.Sprintf("$%d", len(args))
		}
		return col + " IN (" + strings.Join(ph, ", ") + ")"
	}
	var who []string
	if f.Agencies != nil {
		if len(f.Agencies) > 0 {
			who = append(who, in("r.agency_id", f.Agencies))
		}
	}
	if len(f.Recipient) > 0 {
		sentTo := in("r.recipient_agency_id", f.Recipient)
		who = append(who, "("+sentTo+" AND r.status = 'sent')")
	}
	if f.Agencies != nil || f.Recipient != nil {
		if len(who) == 0 {
			return nil, nil
		}
		where = append(where, "("+strings.Join(who, " OR ")+")")
	}
	if f.Period != "" {
		args = append(args, f.Period)
		where = append(where, fmt.Sprintf("r.period = $%d", len(args)))
	}
	if len(f.Statuses) > 0 {
		vals := make([]string, len(f.Statuses))
		for i, st := range f.Statuses {
			vals[i] = string(st)
		}
		where = append(where, in("r.status", vals))
	}
	cond := ""
	if len(where) > 0 {
		cond = " WHERE " + strings.Join(where, " AND ")
	}
	rows, err := s.db.Read().QueryContext(ctx, `SELECT `+strings.Replace(columns, "r.figures", "''", 1)+from+cond+
		` ORDER BY r.period_to DESC, a.name, r.version DESC LIMIT 1000`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*Report
	for rows.Next() {
		r, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

func marshal(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // reports hold strings, numbers, dates and slices: they always marshal
	}
	return string(b)
}

// Create saves a new draft (version 1 of a new series unless set).
func (s *Store) Create(ctx context.Context, r *Report, createdBy string) (*Report, error) {
	now := store.Now()
	r.ID = store.NewID()
	if r.SeriesID == "" {
		r.SeriesID, r.Version = r.ID, 1
	}
	r.Status, r.RowVersion, r.CreatedAt, r.UpdatedAt = StatusDraft, 1, now, now
	err := s.db.Tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO reports (id, series_id, version, agency_id, plan_id, period, period_from, period_to, status,
			number, symbol, place, date_day, date_month, date_year, recipient_agency_id, deadline, header, narrative, figures, row_version,
			created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, '', $10, $11, $12, $13, $14, $15, $16, $17, $18, '', 1, $19, $20, $20)`,
			r.ID, r.SeriesID, r.Version, r.AgencyID, nullable(r.PlanID), r.Period, r.From, r.To, r.Status, r.Symbol, r.Place,
			r.Date.Day, r.Date.Month, r.Date.Year, nullable(r.RecipientID), r.Deadline, marshal(r.Header), marshal(r.Narrative), nullable(createdBy), now)
		if err != nil {
			return err
		}
		if err := event(ctx, tx, r, "create", ""); err != nil {
			return err
		}
		return audit.Record(ctx, tx, audit.Entry{Action: "create", Entity: "report", EntityID: r.ID, AgencyID: r.AgencyID,
			Summary: "Tạo dự thảo báo cáo kỳ " + r.Period})
	})
	if err != nil {
		return nil, err
	}
	return r, nil
}

// Edit is what the report page lets the office change before submission.
type Edit struct {
	Summary     string
	RecipientID string
	KinhGui     []string
	Signer      plan.Signer
	Recipients  []string
	Narrative   Narrative
}

// SaveEdit saves the header and narrative of a draft. A submitted report is refused
// with ErrFrozen: its figures and words are what the leader approves.
func (s *Store) SaveEdit(ctx context.Context, id string, version int, e Edit) (*Report, error) {
	errs := valid.Errors{}
	e.Summary = vn.Clean(e.Summary)
	errs.Required("summary", e.Summary)
	for _, text := range []*string{&e.Narrative.Results, &e.Narrative.Limitations, &e.Narrative.NextTasks, &e.Narrative.Proposals} {
		*text = strings.TrimSpace(vn.NFC(strings.ReplaceAll(*text, "\r\n", "\n")))
	}
	errs.MaxLen("results", e.Narrative.Results, 20000)
	if err := errs.Err(); err != nil {
		return nil, err
	}
	var out *Report
	err := s.db.Tx(ctx, func(tx *sql.Tx) error {
		r, err := get(ctx, tx, id)
		if err != nil {
			return err
		}
		if r.RowVersion != version {
			return ErrStale
		}
		if !r.Status.Editable() {
			return ErrFrozen
		}
		r.Header.Summary, r.Header.KinhGui, r.Header.Signer, r.Header.Recipients = e.Summary, e.KinhGui, e.Signer, e.Recipients
		r.Narrative, r.RecipientID, r.RowVersion, r.UpdatedAt = e.Narrative, e.RecipientID, r.RowVersion+1, store.Now()
		if _, err := tx.ExecContext(ctx, `UPDATE reports SET header = $1, narrative = $2, recipient_agency_id = $3, row_version = $4, updated_at = $5 WHERE id = $6`,
			marshal(r.Header), marshal(r.Narrative), nullable(r.RecipientID), r.RowVersion, r.UpdatedAt, id); err != nil {
			return err
		}
		out = r
		return audit.Record(ctx, tx, audit.Entry{Action: "update", Entity: "report", EntityID: id, AgencyID: r.AgencyID, Summary: "Sửa báo cáo kỳ " + r.Period})
	})
	return out, err
}

// transition moves a report between statuses, checking its version; extra runs in
// the same transaction.
func (s *Store) transition(ctx context.Context, id string, version int, from []Status, to Status, action, comment string,
	extra func(tx *sql.Tx, r *Report) error) (*Report, error) {
	var out *Report
	err := s.db.Tx(ctx, func(tx *sql.Tx) error {
		r, err := get(ctx, tx, id)
		if err != nil {
			return err
		}
		if r.RowVersion != version {
			return ErrStale
		}
		ok := false
		for _, f := range from {
			ok = ok || r.Status == f
		}
		if !ok {
			return ErrTransition
		}
		if extra != nil {
			if err := extra(tx, r); err != nil {
				return err
			}
		}
		r.Status, r.RowVersion, r.UpdatedAt = to, r.RowVersion+1, store.Now()
		figures := ""
		if r.Figures != nil {
			figures = marshal(r.Figures)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE reports SET status = $1, row_version = $2, updated_at = $3, figures = $4, number = $5,
			date_day = $6, date_month = $7, date_year = $8, header = $9, submitted_at = $10, sent_at = $11 WHERE id = $12`,
			r.Status, r.RowVersion, r.UpdatedAt, figures, r.Number, r.Date.Day, r.Date.Month, r.Date.Year, marshal(r.Header),
			r.SubmittedAt, r.SentAt, id); err != nil {
			return err
		}
		if err := event(ctx, tx, r, action, comment); err != nil {
			return err
		}
		out = r
		return audit.Record(ctx, tx, audit.Entry{Action: action, Entity: "report", EntityID: id, AgencyID: r.AgencyID,
			Summary: fmt.Sprintf("Báo cáo kỳ %s: %s", r.Period, action), After: map[string]any{"status": to, "comment": comment, "number": r.Number}})
	})
	return out, err
}

// Submit freezes the figures (compiled just now) and sends the report to a leader.
// Later changes to results do not alter a submitted report.
func (s *Store) Submit(ctx context.Context, id string, version int, figures *Compiled) (*Report, error) {
	return s.transition(ctx, id, version, []Status{StatusDraft, StatusReturned}, StatusSubmitted, "submit", "", func(tx *sql.Tx, r *Report) error {
		now := store.Now()
		r.Figures, r.SubmittedAt = figures, &now
		return nil
	})
}

// Return sends a submitted report back with a comment; its figures are live again.
func (s *Store) Return(ctx context.Context, id string, version int, comment string) (*Report, error) {
	if comment = vn.Clean(comment); comment == "" {
		errs := valid.Errors{}
		errs.Add("comment", "report.comment_required")
		return nil, errs.Err()
	}
	return s.transition(ctx, id, version, []Status{StatusSubmitted}, StatusReturned, "return", comment, func(tx *sql.Tx, r *Report) error {
		r.Figures = nil
		return nil
	})
}

// Approve approves a submitted report.
func (s *Store) Approve(ctx context.Context, id string, version int) (*Report, error) {
	return s.transition(ctx, id, version, []Status{StatusSubmitted}, StatusApproved, "approve", "", nil)
}

// Issue numbers an approved report from the agency's register and dates it.
func (s *Store) Issue(ctx context.Context, id string, version int, on vn.Date, names plan.NameSource) (*Report, error) {
	if on.IsZero() {
		on = vn.Today()
	}
	return s.transition(ctx, id, version, []Status{StatusApproved}, StatusIssued, "issue", "", func(tx *sql.Tx, r *Report) error {
		if names != nil {
			parent, issuing, err := names.HeaderNames(ctx, r.AgencyID, on)
			if err != nil {
				return err
			}
			r.Header.ParentBody, r.Header.IssuingBody = parent, issuing
		}
		n, err := register.Issue(ctx, tx, r.AgencyID, "BC", r.Symbol, "report", r.ID, on)
		if err != nil {
			return err
		}
		r.Number, r.Date = n, plan.DocDate{Day: on.Day, Month: int(on.Month), Year: on.Year}
		return nil
	})
}

// Send delivers an issued report to its recipient agency, which sees it on a shared
// installation and is notified.
func (s *Store) Send(ctx context.Context, id string, version int) (*Report, error) {
	return s.transition(ctx, id, version, []Status{StatusIssued}, StatusSent, "send", "", func(tx *sql.Tx, r *Report) error {
		if r.RecipientID == "" {
			errs := valid.Errors{}
			errs.Add("recipient", "report.recipient_required")
			return errs.Err()
		}
		now := store.Now()
		r.SentAt = &now
		return notify.Send(ctx, tx, notify.Notification{AgencyID: r.RecipientID, Kind: "report_sent",
			Title: fmt.Sprintf("%s gửi Báo cáo số %s/%s: %s", r.Agency, r.Number, r.Symbol, r.Header.Summary), Link: "/reports/" + r.ID})
	})
}

// Reopen starts a new version of a submitted, approved, issued or sent report, with
// the reason logged; the old version is kept as it was and marked replaced.
func (s *Store) Reopen(ctx context.Context, id string, version int, reason, by string) (*Report, error) {
	if reason = vn.Clean(reason); reason == "" {
		errs := valid.Errors{}
		errs.Add("reason", "report.reason_required")
		return nil, errs.Err()
	}
	old, err := s.transition(ctx, id, version, []Status{StatusSubmitted, StatusApproved, StatusIssued, StatusSent}, StatusReplaced, "reopen", reason, nil)
	if err != nil {
		return nil, err
	}
	next := *old
	next.ID, next.Number, next.Figures, next.SubmittedAt, next.SentAt = "", "", nil, nil, nil
	next.Version = old.Version + 1
	next.Date = plan.DocDate{Month: old.Date.Month, Year: old.Date.Year}
	return s.Create(ctx, &next, by)
}

// Event is a line of a report's history.
type Event struct {
	At      time.Time
	Actor   string
	Action  string
	Comment string
}

// Events returns a report's history, oldest first.
func (s *Store) Events(ctx context.Context, id string) ([]Event, error) {
	rows, err := s.db.Read().QueryContext(ctx, `SELECT at, actor, action, comment FROM report_events WHERE report_id = $1 ORDER BY at, id`, id)
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

func event(ctx context.Context, tx *sql.Tx, r *Report, action, comment string) error {
	a := audit.ActorFrom(ctx)
	_, err := tx.ExecContext(ctx, `INSERT INTO report_events (id, report_id, at, actor_id, actor, action, comment) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
		store.NewID(), r.ID, store.Now(), nullable(a.UserID), a.Name, action, comment)
	return err
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}
