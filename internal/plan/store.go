package plan

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"loa/internal/audit"
	"loa/internal/store"
	"loa/internal/vn"
)

// ErrStale is returned when the plan changed since the editor loaded it.
var ErrStale = errors.New("plan changed since it was read")

// ErrFrozen is returned when content changes are asked of a plan that is not a draft.
var ErrFrozen = errors.New("plan is not editable in its status")

// Store reads and writes plans.
type Store struct{ db *store.DB }

// NewStore returns a Store over db.
func NewStore(db *store.DB) *Store { return &Store{db: db} }

// content is the part of a plan kept as one JSON document: the text sections that
// nothing else refers to. Topics, channels and activities are rows, because results
// and reports point at them.
type content struct {
	ParentBody   string     `json:"parent_body"`
	IssuingBody  string     `json:"issuing_body"`
	LegalBases   []Citation `json:"legal_bases"`
	Intro        string     `json:"intro"`
	Purposes     []Item     `json:"purposes"`
	Requirements []Item     `json:"requirements"`
	TopicsIntro  string     `json:"topics_intro"`
	Funding      string     `json:"funding"`
	Duties       []Duty     `json:"duties"`
	Closing      string     `json:"closing"`
	Recipients   []string   `json:"recipients"`
	Signer       Signer     `json:"signer"`
	Unrecognised []string   `json:"unrecognised,omitempty"`
}

func contentOf(p *Plan) content {
	return content{p.ParentBody, p.IssuingBody, p.LegalBases, p.Intro, p.Purposes, p.Requirements, p.TopicsIntro,
		p.Funding, p.Duties, p.Closing, p.Recipients, p.Signer, p.Unrecognised}
}

func (c content) apply(p *Plan) {
	p.ParentBody, p.IssuingBody, p.LegalBases, p.Intro = c.ParentBody, c.IssuingBody, c.LegalBases, c.Intro
	p.Purposes, p.Requirements, p.TopicsIntro, p.Funding = c.Purposes, c.Requirements, c.TopicsIntro, c.Funding
	p.Duties, p.Closing, p.Recipients, p.Signer, p.Unrecognised = c.Duties, c.Closing, c.Recipients, c.Signer, c.Unrecognised
}

const planColumns = `id, series_id, version, agency_id, year, status, COALESCE(parent_plan_id, ''), COALESCE(source_plan_id, ''),
	number, symbol, place, date_day, date_month, date_year, summary, content, row_version, created_at, updated_at`

func scanPlan(row interface{ Scan(...any) error }) (*Plan, error) {
	var p Plan
	var raw string
	err := row.Scan(&p.ID, &p.SeriesID, &p.Version, &p.AgencyID, &p.Year, &p.Status, &p.ParentPlanID, &p.SourcePlanID,
		&p.Number, &p.Symbol, &p.Place, &p.Date.Day, &p.Date.Month, &p.Date.Year, &p.Summary, &raw, &p.RowVersion, &p.CreatedAt, &p.UpdatedAt)
	if err != nil {
		return nil, store.NotFound(err)
	}
	var c content
	if err := json.Unmarshal([]byte(raw), &c); err != nil {
		return nil, fmt.Errorf("plan %s content: %w", p.ID, err)
	}
	c.apply(&p)
	return &p, nil
}

// Get returns the whole plan with id.
func (s *Store) Get(ctx context.Context, id string) (*Plan, error) {
	return get(ctx, s.db.Read(), id)
}

func get(ctx context.Context, q store.Querier, id string) (*Plan, error) {
	p, err := scanPlan(q.QueryRowContext(ctx, `SELECT `+planColumns+` FROM plans WHERE id = $1`, id))
	if err != nil {
		return nil, err
	}
	if err := loadRows(ctx, q, p); err != nil {
		return nil, err
	}
	return p, nil
}

func loadRows(ctx context.Context, q store.Querier, p *Plan) error {
	rows, err := q.QueryContext(ctx, `SELECT id, seq, text, citations FROM plan_topics WHERE plan_id = $1 ORDER BY seq`, p.ID)
	if err != nil {
		return err
	}
	p.Topics = nil
	for rows.Next() {
		var t Topic
		var cites string
		if err := rows.Scan(&t.ID, &t.Seq, &t.Text, &cites); err != nil {
			rows.Close()
			return err
		}
		if err := json.Unmarshal([]byte(cites), &t.Citations); err != nil {
			rows.Close()
			return err
		}
		p.Topics = append(p.Topics, t)
	}
	rows.Close()
	rows, err = q.QueryContext(ctx, `SELECT id, seq, kind, text FROM plan_channels WHERE plan_id = $1 ORDER BY seq`, p.ID)
	if err != nil {
		return err
	}
	p.Channels = nil
	for rows.Next() {
		var c Channel
		if err := rows.Scan(&c.ID, &c.Seq, &c.Kind, &c.Text); err != nil {
			rows.Close()
			return err
		}
		p.Channels = append(p.Channels, c)
	}
	rows.Close()
	rows, err = q.QueryContext(ctx, `SELECT a.id, a.seq, a.kind, a.text, a.lead_name, COALESCE(a.lead_agency_id, ''), COALESCE(l.abbr, ''),
		a.supplier_name, COALESCE(a.supplier_agency_id, ''), COALESCE(s.abbr, ''), a.time_text, a.starts_on, a.ends_on, a.conditional,
		a.target_quantity, a.target_unit, a.budget
		FROM plan_activities a LEFT JOIN agencies l ON l.id = a.lead_agency_id LEFT JOIN agencies s ON s.id = a.supplier_agency_id
		WHERE a.plan_id = $1 ORDER BY a.seq`, p.ID)
	if err != nil {
		return err
	}
	p.Activities = nil
	index := map[string]int{}
	for rows.Next() {
		var a Activity
		var supName, supID, supAbbr string
		var qty sql.NullFloat64
		var unit string
		if err := rows.Scan(&a.ID, &a.Seq, &a.Kind, &a.Text, &a.Lead.Name, &a.Lead.AgencyID, &a.Lead.Abbr, &supName, &supID, &supAbbr,
			&a.Time, &a.StartsOn, &a.EndsOn, &a.Conditional, &qty, &unit, &a.Budget); err != nil {
			rows.Close()
			return err
		}
		if supName != "" || supID != "" {
			a.Supplier = &AgencyRef{Name: supName, AgencyID: supID, Abbr: supAbbr}
		}
		if qty.Valid {
			a.Target = &Target{Quantity: qty.Float64, Unit: unit}
		}
		a.Partners = []AgencyRef{}
		index[a.ID] = len(p.Activities)
		p.Activities = append(p.Activities, a)
	}
	rows.Close()
	rows, err = q.QueryContext(ctx, `SELECT pp.activity_id, pp.name, COALESCE(pp.agency_id, ''), COALESCE(ag.abbr, '')
		FROM plan_activity_partners pp JOIN plan_activities a ON a.id = pp.activity_id LEFT JOIN agencies ag ON ag.id = pp.agency_id
		WHERE a.plan_id = $1 ORDER BY pp.activity_id, pp.seq`, p.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var actID string
		var r AgencyRef
		if err := rows.Scan(&actID, &r.Name, &r.AgencyID, &r.Abbr); err != nil {
			return err
		}
		if i, ok := index[actID]; ok {
			p.Activities[i].Partners = append(p.Activities[i].Partners, r)
		}
	}
	return rows.Err()
}

// Summary is a plan as lists show it.
type Summary struct {
	ID       string
	SeriesID string
	Version  int
	AgencyID string
	Agency   string
	Year     int
	Status   Status
	Number   string
	Symbol   string
	Date     DocDate
	Title    string
}

// List returns the plans of the given agencies (nil: all), newest year first.
func (s *Store) List(ctx context.Context, agencies []string, year int) ([]Summary, error) {
	q := `SELECT p.id, p.series_id, p.version, p.agency_id, a.name, p.year, p.status, p.number, p.symbol, p.date_day, p.date_month, p.date_year, p.summary
		FROM plans p JOIN agencies a ON a.id = p.agency_id WHERE 1 = 1`
	var args []any
	if agencies != nil {
		if len(agencies) == 0 {
			return nil, nil
		}
		ph := make([]string, len(agencies))
		for i, id := range agencies {
			args = append(args, id)
			ph[i] = fmt.Sprintf("$%d", len(args))
		}
		q += ` AND p.agency_id IN (` + strings.Join(ph, ", ") + `)`
	}
	if year > 0 {
		args = append(args, year)
		q += fmt.Sprintf(` AND p.year = $%d`, len(args))
	}
	rows, err := s.db.Read().QueryContext(ctx, q+` ORDER BY p.year DESC, a.name, p.version DESC`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Summary
	for rows.Next() {
		var r Summary
		if err := rows.Scan(&r.ID, &r.SeriesID, &r.Version, &r.AgencyID, &r.Agency, &r.Year, &r.Status, &r.Number, &r.Symbol,
			&r.Date.Day, &r.Date.Month, &r.Date.Year, &r.Title); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// normalise cleans every text of p and numbers its rows in order.
func normalise(p *Plan) {
	c := vn.Clean
	p.ParentBody, p.IssuingBody, p.Place, p.Summary = c(p.ParentBody), c(p.IssuingBody), c(p.Place), c(p.Summary)
	p.Intro, p.TopicsIntro, p.Funding, p.Closing = c(p.Intro), c(p.TopicsIntro), c(p.Funding), c(p.Closing)
	p.Symbol = strings.TrimSpace(p.Symbol)
	for i := range p.LegalBases {
		p.LegalBases[i].Text = c(p.LegalBases[i].Text)
	}
	for _, items := range [][]Item{p.Purposes, p.Requirements} {
		for i := range items {
			items[i].Label, items[i].Text = c(items[i].Label), c(items[i].Text)
		}
	}
	for i := range p.Topics {
		p.Topics[i].Seq, p.Topics[i].Text = i+1, c(p.Topics[i].Text)
	}
	for i := range p.Channels {
		p.Channels[i].Seq, p.Channels[i].Text = i+1, c(p.Channels[i].Text)
		if p.Channels[i].Kind == "" {
			p.Channels[i].Kind = ChannelOther
		}
	}
	next := 0
	for _, a := range p.Activities {
		next = max(next, a.Seq)
	}
	for i := range p.Activities {
		a := &p.Activities[i]
		if a.Seq <= 0 { // a new row goes last; numbers typed by the user are kept, duplicates are flagged by Check
			next++
			a.Seq = next
		}
		a.Text, a.Time, a.Lead.Name = c(a.Text), c(a.Time), c(a.Lead.Name)
		if a.Kind == "" {
			a.Kind = ChannelOther
		}
		for j := range a.Partners {
			a.Partners[j].Name = c(a.Partners[j].Name)
		}
		if a.Supplier != nil {
			a.Supplier.Name = c(a.Supplier.Name)
		}
	}
	for i := range p.Duties {
		p.Duties[i].Holder, p.Duties[i].Text = c(p.Duties[i].Holder), c(p.Duties[i].Text)
		for j := range p.Duties[i].Items {
			p.Duties[i].Items[j].Text = c(p.Duties[i].Items[j].Text)
		}
	}
	for i := range p.Recipients {
		p.Recipients[i] = c(p.Recipients[i])
	}
	p.Signer = Signer{Authority: c(p.Signer.Authority), Title: c(p.Signer.Title), Name: c(p.Signer.Name)}
}

// Create saves a new plan as a draft (version 1 of a new series unless set).
func (s *Store) Create(ctx context.Context, p *Plan, createdBy string) (*Plan, error) {
	normalise(p)
	p.ID = store.NewID()
	if p.SeriesID == "" {
		p.SeriesID = p.ID
		p.Version = 1
	}
	if p.Status == "" {
		p.Status = StatusDraft
	}
	p.RowVersion = 1
	now := store.Now()
	p.CreatedAt, p.UpdatedAt = now, now
	raw, err := json.Marshal(contentOf(p))
	if err != nil {
		return nil, err
	}
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		var creator any
		if createdBy != "" {
			creator = createdBy
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO plans (id, series_id, version, agency_id, year, status, parent_plan_id, source_plan_id,
			number, symbol, place, date_day, date_month, date_year, summary, content, row_version, created_by, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, 1, $17, $18, $18)`,
			p.ID, p.SeriesID, p.Version, p.AgencyID, p.Year, p.Status, nullable(p.ParentPlanID), nullable(p.SourcePlanID),
			p.Number, p.Symbol, p.Place, p.Date.Day, p.Date.Month, p.Date.Year, p.Summary, string(raw), creator, now)
		if err != nil {
			return err
		}
		if err := writeRows(ctx, tx, p); err != nil {
			return err
		}
		if err := event(ctx, tx, p.ID, "create", ""); err != nil {
			return err
		}
		return audit.Record(ctx, tx, audit.Entry{Action: "create", Entity: "plan", EntityID: p.ID, AgencyID: p.AgencyID,
			Summary: fmt.Sprintf("Tạo kế hoạch năm %d (bản %d)", p.Year, p.Version)})
	})
	if err != nil {
		return nil, err
	}
	return p, nil
}

// writeRows replaces the topic, channel, activity and partner rows of p, keeping the
// ids rows already have so nothing that points at them breaks.
func writeRows(ctx context.Context, tx *sql.Tx, p *Plan) error {
	for _, q := range []string{
		`DELETE FROM plan_activity_partners WHERE activity_id IN (SELECT id FROM plan_activities WHERE plan_id = $1)`,
		`DELETE FROM plan_activities WHERE plan_id = $1`,
		`DELETE FROM plan_channels WHERE plan_id = $1`,
		`DELETE FROM plan_topics WHERE plan_id = $1`,
	} {
		if _, err := tx.ExecContext(ctx, q, p.ID); err != nil {
			return err
		}
	}
	for i := range p.Topics {
		t := &p.Topics[i]
		if t.ID == "" {
			t.ID = store.NewID()
		}
		cites, err := json.Marshal(nonNil(t.Citations))
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO plan_topics (id, plan_id, seq, text, citations) VALUES ($1, $2, $3, $4, $5)`,
			t.ID, p.ID, t.Seq, t.Text, string(cites)); err != nil {
			return err
		}
	}
	for i := range p.Channels {
		c := &p.Channels[i]
		if c.ID == "" {
			c.ID = store.NewID()
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO plan_channels (id, plan_id, seq, kind, text) VALUES ($1, $2, $3, $4, $5)`,
			c.ID, p.ID, c.Seq, c.Kind, c.Text); err != nil {
			return err
		}
	}
	for i := range p.Activities {
		a := &p.Activities[i]
		if a.ID == "" {
			a.ID = store.NewID()
		}
		var supName string
		var supID any
		if a.Supplier != nil {
			supName, supID = a.Supplier.Name, nullable(a.Supplier.AgencyID)
		}
		var qty any
		var unit string
		if a.Target != nil {
			qty, unit = a.Target.Quantity, a.Target.Unit
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO plan_activities (id, plan_id, seq, kind, text, lead_name, lead_agency_id,
			supplier_name, supplier_agency_id, time_text, starts_on, ends_on, conditional, target_quantity, target_unit, budget)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
			a.ID, p.ID, a.Seq, a.Kind, a.Text, a.Lead.Name, nullable(a.Lead.AgencyID), supName, supID, a.Time, a.StartsOn, a.EndsOn,
			a.Conditional, qty, unit, a.Budget); err != nil {
			return err
		}
		for j, r := range a.Partners {
			if _, err := tx.ExecContext(ctx, `INSERT INTO plan_activity_partners (activity_id, seq, name, agency_id) VALUES ($1, $2, $3, $4)`,
				a.ID, j+1, r.Name, nullable(r.AgencyID)); err != nil {
				return err
			}
		}
	}
	return nil
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// Save replaces the content of a draft. version is the RowVersion the editor loaded;
// a plan saved by someone else meanwhile gives ErrStale and nothing is written.
func (s *Store) Save(ctx context.Context, p *Plan, version int) (*Plan, error) {
	normalise(p)
	raw, err := json.Marshal(contentOf(p))
	if err != nil {
		return nil, err
	}
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		var status Status
		var current int
		if err := tx.QueryRowContext(ctx, `SELECT status, row_version FROM plans WHERE id = $1`, p.ID).Scan(&status, &current); err != nil {
			return store.NotFound(err)
		}
		if current != version {
			return ErrStale
		}
		if !status.Editable() {
			return ErrFrozen
		}
		p.RowVersion = current + 1
		p.UpdatedAt = store.Now()
		if _, err := tx.ExecContext(ctx, `UPDATE plans SET year = $1, place = $2, date_day = $3, date_month = $4, date_year = $5, summary = $6,
			symbol = $7, content = $8, row_version = $9, updated_at = $10, parent_plan_id = $11 WHERE id = $12`,
			p.Year, p.Place, p.Date.Day, p.Date.Month, p.Date.Year, p.Summary, p.Symbol, string(raw), p.RowVersion, p.UpdatedAt,
			nullable(p.ParentPlanID), p.ID); err != nil {
			return err
		}
		if err := writeRows(ctx, tx, p); err != nil {
			return err
		}
		return audit.Record(ctx, tx, audit.Entry{Action: "update", Entity: "plan", EntityID: p.ID, AgencyID: p.AgencyID,
			Summary: fmt.Sprintf("Sửa dự thảo kế hoạch năm %d", p.Year)})
	})
	if err != nil {
		return nil, err
	}
	return p, nil
}

func event(ctx context.Context, q store.Querier, planID, action, comment string) error {
	a := audit.ActorFrom(ctx)
	var actorID any
	if a.UserID != "" {
		actorID = a.UserID
	}
	_, err := q.ExecContext(ctx, `INSERT INTO plan_events (id, plan_id, at, actor_id, actor, action, comment) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
		store.NewID(), planID, store.Now(), actorID, a.Name, action, comment)
	return err
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// Versions lists every version of a plan series, newest first.
func (s *Store) Versions(ctx context.Context, seriesID string) ([]Summary, error) {
	rows, err := s.db.Read().QueryContext(ctx, `SELECT p.id, p.series_id, p.version, p.agency_id, a.name, p.year, p.status, p.number, p.symbol,
		p.date_day, p.date_month, p.date_year, p.summary FROM plans p JOIN agencies a ON a.id = p.agency_id
		WHERE p.series_id = $1 ORDER BY p.version DESC`, seriesID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Summary
	for rows.Next() {
		var r Summary
		if err := rows.Scan(&r.ID, &r.SeriesID, &r.Version, &r.AgencyID, &r.Agency, &r.Year, &r.Status, &r.Number, &r.Symbol,
			&r.Date.Day, &r.Date.Month, &r.Date.Year, &r.Title); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
