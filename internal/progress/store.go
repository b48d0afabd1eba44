package progress

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strings"

	"loa/internal/audit"
	"loa/internal/i18n"
	"loa/internal/plan"
	"loa/internal/store"
	"loa/internal/valid"
	"loa/internal/vn"
)

// Errors of the review flow.
var (
	ErrStale    = errors.New("result changed since it was read")
	ErrLocked   = errors.New("an accepted result is locked")
	ErrNotOpen  = errors.New("the plan is not being carried out")
	ErrNotUnits = errors.New("the unit neither leads nor coordinates this activity")
)

// NeedsConfirm is returned when a result looks wrong but may be right (a date
// outside the plan's year): the form asks the user to confirm and nothing is saved.
type NeedsConfirm struct{ Reasons []i18n.Msg }

func (e *NeedsConfirm) Error() string { return "needs confirmation" }

// FileRefused is an evidence file that is not accepted (too big, of a kind not
// allowed, or not what its name says); Message says why, in Vietnamese.
type FileRefused struct{ Message string }

func (e *FileRefused) Error() string { return e.Message }

// Upload is an evidence file sent with a result.
type Upload struct {
	Name string
	Open func() (io.ReadCloser, error)
}

// FileSaver stores an evidence file by its content inside the caller's transaction.
type FileSaver interface {
	SaveFile(ctx context.Context, q store.Querier, name string, r io.Reader) (FileRef, error)
}

// Input is what the result form gives.
type Input struct {
	AgencyID    string
	DoneOn      string
	Quantity    string
	Unit        string
	Attendees   string
	Places      string
	Links       string // one per line
	Audience    []string
	Description string
	Spent       string
	Topics      []string
	Partners    []string
	Confirmed   bool // the user confirmed a date outside the plan's year or the activity's time frame
	KeepFiles   []string
}

// Limits of a result's numbers: beyond them a figure is a typing mistake.
const (
	MaxQuantity  = 1_000_000
	MaxAttendees = 200_000
	MaxFiles     = 20
)

// Store reads and writes results.
type Store struct {
	db    *store.DB
	files FileSaver
}

// NewStore returns a Store over db; files stores evidence.
func NewStore(db *store.DB, files FileSaver) *Store { return &Store{db: db, files: files} }

// Activity is what recording a result needs to know of its activity.
type Activity struct {
	plan.Activity
	PlanID     string
	PlanStatus plan.Status
	PlanYear   int
	PlanAgency string
	PartnerIDs []string
}

// Units are the agencies assigned to the activity: the lead and the partners.
func (a *Activity) Units() []string {
	out := []string{}
	if a.Lead.AgencyID != "" {
		out = append(out, a.Lead.AgencyID)
	}
	return append(out, a.PartnerIDs...)
}

// LoadActivity reads an activity with its plan's status and year.
func (s *Store) LoadActivity(ctx context.Context, id string) (*Activity, error) {
	return loadActivity(ctx, s.db.Read(), id)
}

func loadActivity(ctx context.Context, q store.Querier, id string) (*Activity, error) {
	var a Activity
	var qty sql.NullFloat64
	var unit string
	err := q.QueryRowContext(ctx, `SELECT a.id, a.plan_id, a.seq, a.kind, a.text, a.lead_name, COALESCE(a.lead_agency_id, ''), a.time_text,
		a.starts_on, a.ends_on, a.conditional, a.target_quantity, a.target_unit, p.status, p.year, p.agency_id
		FROM plan_activities a JOIN plans p ON p.id = a.plan_id WHERE a.id = $1`, id).
		Scan(&a.ID, &a.PlanID, &a.Seq, &a.Kind, &a.Text, &a.Lead.Name, &a.Lead.AgencyID, &a.Time, &a.StartsOn, &a.EndsOn, &a.Conditional,
			&qty, &unit, &a.PlanStatus, &a.PlanYear, &a.PlanAgency)
	if err != nil {
		return nil, store.NotFound(err)
	}
	if qty.Valid {
		a.Target = &plan.Target{Quantity: qty.Float64, Unit: unit}
	}
	rows, err := q.QueryContext(ctx, `SELECT name, COALESCE(agency_id, '') FROM plan_activity_partners WHERE activity_id = $1 ORDER BY seq`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var r plan.AgencyRef
		if err := rows.Scan(&r.Name, &r.AgencyID); err != nil {
			return nil, err
		}
		a.Partners = append(a.Partners, r)
		if r.AgencyID != "" {
			a.PartnerIDs = append(a.PartnerIDs, r.AgencyID)
		}
	}
	return &a, rows.Err()
}

// open tells whether results may be recorded against the plan.
func open(s plan.Status) bool { return s == plan.StatusIssued || s == plan.StatusInEffect }

// parse checks the form and turns it into a result, keeping every problem.
func parse(in Input, a *Activity) (*Result, valid.Errors, []i18n.Msg) {
	errs := valid.Errors{}
	var warn []i18n.Msg
	r := &Result{ActivityID: a.ID, PlanID: a.PlanID, AgencyID: in.AgencyID, Unit: vn.Clean(in.Unit), Places: vn.Clean(in.Places),
		Description: strings.TrimSpace(vn.NFC(in.Description)), Audience: []string{}, Links: []string{}, Topics: in.Topics, Partners: in.Partners}
	if r.Topics == nil {
		r.Topics = []string{}
	}
	if r.Partners == nil {
		r.Partners = []string{}
	}
	d, err := vn.ParseUserDate(in.DoneOn)
	switch {
	case err != nil:
		errs.Add("done_on", "valid.date")
	case d.IsZero():
		errs.Add("done_on", "valid.required")
	case d.After(vn.Today()):
		errs.Add("done_on", "result.date_future")
	default:
		r.DoneOn = d
		if d.Year != a.PlanYear {
			warn = append(warn, i18n.M("result.confirm_year", d.Short(), a.PlanYear))
		} else if (!a.StartsOn.IsZero() && d.Before(a.StartsOn)) || (!a.EndsOn.IsZero() && d.After(a.EndsOn)) {
			warn = append(warn, i18n.M("result.confirm_frame", d.Short(), a.Time))
		}
	}
	number := func(field, s string, limit float64) float64 {
		s = strings.TrimSpace(strings.ReplaceAll(s, " ", ""))
		if s == "" {
			return 0
		}
		var v float64
		if _, err := fmt.Sscan(strings.Replace(strings.ReplaceAll(s, ".", ""), ",", ".", 1), &v); err != nil {
			errs.Add(field, "result.number")
			return 0
		}
		switch {
		case v < 0:
			errs.Add(field, "result.negative")
		case v > limit:
			errs.Add(field, "result.absurd", vn.Clean(s))
		}
		return v
	}
	r.Quantity = number("quantity", in.Quantity, MaxQuantity)
	r.Attendees = int(number("attendees", in.Attendees, MaxAttendees))
	r.Spent = int64(number("spent", in.Spent, 1e12))
	if r.Quantity == 0 && r.Attendees == 0 && !errs.Has("quantity") {
		errs.Add("quantity", "result.quantity_required")
	}
	if r.Unit == "" {
		r.Unit = MeasureOf(a.Kind).Unit
	}
	for _, l := range strings.Split(in.Links, "\n") {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		u, err := url.Parse(l)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			errs.Add("links", "result.link_format", l)
			continue
		}
		r.Links = append(r.Links, l)
	}
	for _, au := range in.Audience {
		if slices.Contains(Audiences, au) && !slices.Contains(r.Audience, au) {
			r.Audience = append(r.Audience, au)
		}
	}
	errs.MaxLen("description", r.Description, 4000)
	errs.MaxLen("places", r.Places, 1000)
	for _, p := range r.Partners {
		if !slices.Contains(a.PartnerIDs, p) && p != a.Lead.AgencyID {
			errs.Add("partners", "result.partner_unknown")
		}
	}
	if in.Confirmed {
		warn = nil
	}
	return r, errs, warn
}

// Record saves a unit's result for activity activityID, with its evidence, as
// submitted for review. Everything — the result, its topics, partners, files, history
// and audit row — is written in one transaction: a failed upload saves nothing.
func (s *Store) Record(ctx context.Context, activityID string, in Input, uploads []Upload) (*Result, error) {
	a, err := s.LoadActivity(ctx, activityID)
	if err != nil {
		return nil, err
	}
	if !open(a.PlanStatus) {
		return nil, ErrNotOpen
	}
	if !slices.Contains(a.Units(), in.AgencyID) {
		return nil, ErrNotUnits
	}
	r, errs, warn := parse(in, a)
	if len(uploads) > MaxFiles {
		errs.Add("files", "result.too_many_files", MaxFiles)
	}
	if len(errs) > 0 {
		return nil, errs.Err()
	}
	if len(warn) > 0 {
		return nil, &NeedsConfirm{Reasons: warn}
	}
	now := store.Now()
	actor := audit.ActorFrom(ctx)
	r.ID, r.Status, r.RowVersion, r.CreatedAt, r.UpdatedAt, r.CreatedBy = store.NewID(), StatusSubmitted, 1, now, now, actor.UserID
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		if err := s.attach(ctx, tx, r, uploads); err != nil {
			return err
		}
		return s.insert(ctx, tx, r)
	})
	if err != nil {
		return nil, err
	}
	return r, nil
}

// attach stores uploaded files and adds them to r.Files.
func (s *Store) attach(ctx context.Context, tx *sql.Tx, r *Result, uploads []Upload) error {
	for _, u := range uploads {
		f, err := u.Open()
		if err != nil {
			return err
		}
		ref, err := s.files.SaveFile(ctx, tx, u.Name, f)
		f.Close()
		if err != nil {
			return err
		}
		dup := false
		for _, have := range r.Files {
			dup = dup || have.Hash == ref.Hash
		}
		if !dup {
			r.Files = append(r.Files, ref)
		}
	}
	return nil
}

func writeLinks(ctx context.Context, tx *sql.Tx, r *Result) error {
	for _, q := range []string{`DELETE FROM result_topics WHERE result_id = $1`, `DELETE FROM result_partners WHERE result_id = $1`,
		`DELETE FROM result_files WHERE result_id = $1`} {
		if _, err := tx.ExecContext(ctx, q, r.ID); err != nil {
			return err
		}
	}
	for _, t := range r.Topics {
		if _, err := tx.ExecContext(ctx, `INSERT INTO result_topics (result_id, topic_id) SELECT $1, id FROM plan_topics WHERE id = $2 AND plan_id = $3`,
			r.ID, t, r.PlanID); err != nil {
			return err
		}
	}
	for _, p := range r.Partners {
		if _, err := tx.ExecContext(ctx, `INSERT INTO result_partners (result_id, agency_id) VALUES ($1, $2)`, r.ID, p); err != nil {
			return err
		}
	}
	for i, f := range r.Files {
		if _, err := tx.ExecContext(ctx, `INSERT INTO result_files (result_id, file_hash, name, seq) VALUES ($1, $2, $3, $4)`,
			r.ID, f.Hash, f.Name, i+1); err != nil {
			return err
		}
	}
	return nil
}

// log records a change of r in its history and in the audit log.
func (s *Store) log(ctx context.Context, tx *sql.Tx, r *Result, action, comment string) error {
	actor := audit.ActorFrom(ctx)
	snap, err := json.Marshal(r)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO result_events (id, result_id, at, actor_id, actor, action, comment, snapshot)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, store.NewID(), r.ID, store.Now(), nullable(actor.UserID), actor.Name, action, comment, string(snap)); err != nil {
		return err
	}
	return audit.Record(ctx, tx, audit.Entry{Action: action, Entity: "result", EntityID: r.ID, AgencyID: r.AgencyID,
		Summary: fmt.Sprintf("Kết quả ngày %s: %s", r.DoneOn.Short(), action), After: map[string]any{"status": r.Status, "comment": comment}})
}

// Update changes a result the office has not accepted and submits it again.
func (s *Store) Update(ctx context.Context, id string, version int, in Input, uploads []Upload) (*Result, error) {
	old, err := s.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if old.RowVersion != version {
		return nil, ErrStale
	}
	if !old.Editable() {
		return nil, ErrLocked
	}
	a, err := s.LoadActivity(ctx, old.ActivityID)
	if err != nil {
		return nil, err
	}
	in.AgencyID = old.AgencyID
	r, errs, warn := parse(in, a)
	for _, f := range old.Files {
		if slices.Contains(in.KeepFiles, f.Hash) {
			r.Files = append(r.Files, f)
		}
	}
	if len(r.Files)+len(uploads) > MaxFiles {
		errs.Add("files", "result.too_many_files", MaxFiles)
	}
	if len(errs) > 0 {
		return nil, errs.Err()
	}
	if len(warn) > 0 {
		return nil, &NeedsConfirm{Reasons: warn}
	}
	r.ID, r.CreatedAt, r.CreatedBy = old.ID, old.CreatedAt, old.CreatedBy
	r.Status, r.RowVersion, r.UpdatedAt = StatusSubmitted, old.RowVersion+1, store.Now()
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		if err := s.attach(ctx, tx, r, uploads); err != nil {
			return err
		}
		links, _ := json.Marshal(r.Links)
		aud, _ := json.Marshal(r.Audience)
		res, err := tx.ExecContext(ctx, `UPDATE results SET done_on = $1, quantity = $2, unit = $3, attendees = $4, places = $5, links = $6,
			audience = $7, description = $8, spent = $9, status = $10, row_version = $11, updated_at = $12
			WHERE id = $13 AND row_version = $14 AND status <> $15`,
			r.DoneOn, r.Quantity, r.Unit, r.Attendees, r.Places, string(links), string(aud), r.Description, r.Spent, r.Status, r.RowVersion,
			r.UpdatedAt, r.ID, version, StatusAccepted)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return ErrStale
		}
		if err := writeLinks(ctx, tx, r); err != nil {
			return err
		}
		action := "update"
		if old.Status == StatusReturned {
			action = "resubmit"
		}
		return s.log(ctx, tx, r, action, "")
	})
	if err != nil {
		return nil, err
	}
	return r, nil
}

// review moves a result between review statuses, with the comment kept and logged.
func (s *Store) review(ctx context.Context, id string, version int, from []Status, to Status, action, comment string) (*Result, error) {
	r, err := s.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if r.RowVersion != version {
		return nil, ErrStale
	}
	if !slices.Contains(from, r.Status) {
		return nil, ErrLocked
	}
	actor := audit.ActorFrom(ctx)
	r.Status, r.RowVersion, r.UpdatedAt = to, r.RowVersion+1, store.Now()
	if to == StatusReturned || action == "reopen" {
		r.ReviewComment = comment
	}
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE results SET status = $1, review_comment = $2, reviewed_by = $3, reviewed_at = $4, row_version = $5,
			updated_at = $4 WHERE id = $6 AND row_version = $7`, r.Status, r.ReviewComment, nullable(actor.UserID), r.UpdatedAt, r.RowVersion, id, version)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return ErrStale
		}
		return s.log(ctx, tx, r, action, comment)
	})
	if err != nil {
		return nil, err
	}
	return r, nil
}

// Accept counts a submitted result and locks it.
func (s *Store) Accept(ctx context.Context, id string, version int) (*Result, error) {
	return s.review(ctx, id, version, []Status{StatusSubmitted}, StatusAccepted, "accept", "")
}

// Return sends a result back to its unit with a comment saying what to fix.
func (s *Store) Return(ctx context.Context, id string, version int, comment string) (*Result, error) {
	if comment = vn.Clean(comment); comment == "" {
		errs := valid.Errors{}
		errs.Add("comment", "result.comment_required")
		return nil, errs.Err()
	}
	return s.review(ctx, id, version, []Status{StatusSubmitted}, StatusReturned, "return", comment)
}

// Reopen unlocks an accepted result so its unit can correct it; the reason is logged.
func (s *Store) Reopen(ctx context.Context, id string, version int, reason string) (*Result, error) {
	if reason = vn.Clean(reason); reason == "" {
		errs := valid.Errors{}
		errs.Add("reason", "result.reason_required")
		return nil, errs.Err()
	}
	return s.review(ctx, id, version, []Status{StatusAccepted}, StatusReturned, "reopen", reason)
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func auditActivity(ctx context.Context, tx *sql.Tx, activityID, action, reason string) error {
	var agencyID string
	if err := tx.QueryRowContext(ctx, `SELECT p.agency_id FROM plan_activities a JOIN plans p ON p.id = a.plan_id WHERE a.id = $1`, activityID).
		Scan(&agencyID); err != nil {
		return store.NotFound(err)
	}
	return audit.Record(ctx, tx, audit.Entry{Action: action, Entity: "activity", EntityID: activityID, AgencyID: agencyID,
		Summary: "Hoạt động không áp dụng: " + reason})
}
