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

// Inspection is the office's check of a unit's communication work.
type Inspection struct {
	ID              string
	PlanID          string
	AgencyID        string
	Agency          string
	InspectedOn     vn.Date
	Members         string
	Findings        string
	Recommendations []Recommendation
	RowVersion      int
	CreatedAt       time.Time
}

// Recommendation is one thing an inspection asks the unit to do, followed to closure.
type Recommendation struct {
	ID          string
	Seq         int
	Text        string
	DueOn       vn.Date
	Status      string // open, done
	ClosedOn    vn.Date
	ClosingNote string
}

// Overdue tells whether an open recommendation is past its due day.
func (r Recommendation) Overdue(today vn.Date) bool {
	return r.Status == "open" && !r.DueOn.IsZero() && r.DueOn.Before(today)
}

// InspectionInput is what the inspection form gives: recommendations one per line,
// each optionally ending with "| dd/mm/yyyy" for its due day.
type InspectionInput struct {
	PlanID          string
	AgencyID        string
	InspectedOn     string
	Members         string
	Findings        string
	Recommendations string
}

// Inspect records an inspection and its recommendations.
func (s *Store) Inspect(ctx context.Context, in InspectionInput) (*Inspection, error) {
	errs := valid.Errors{}
	d, err := vn.ParseUserDate(in.InspectedOn)
	switch {
	case err != nil:
		errs.Add("inspected_on", "valid.date")
	case d.IsZero():
		errs.Add("inspected_on", "valid.required")
	case d.After(vn.Today()):
		errs.Add("inspected_on", "result.date_future")
	}
	ins := &Inspection{ID: store.NewID(), PlanID: in.PlanID, AgencyID: in.AgencyID, InspectedOn: d, Members: strings.TrimSpace(vn.NFC(in.Members)),
		Findings: strings.TrimSpace(vn.NFC(in.Findings)), RowVersion: 1}
	errs.Required("agency_id", in.AgencyID)
	errs.Required("members", ins.Members)
	errs.Required("findings", ins.Findings)
	for i, line := range lines(in.Recommendations) {
		text, due, _ := strings.Cut(line, "|")
		r := Recommendation{ID: store.NewID(), Seq: i + 1, Text: vn.Clean(text), Status: "open"}
		if strings.TrimSpace(due) != "" {
			dd, err := vn.ParseUserDate(strings.TrimSpace(due))
			if err != nil {
				errs.Add("recommendations", "inspection.due_format", i+1)
			}
			r.DueOn = dd
		}
		ins.Recommendations = append(ins.Recommendations, r)
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	now := store.Now()
	ins.CreatedAt = now
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO inspections (id, plan_id, agency_id, inspected_on, members, findings, created_by, row_version, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8, $8)`, ins.ID, nullable(ins.PlanID), ins.AgencyID, ins.InspectedOn, ins.Members, ins.Findings,
			nullable(audit.ActorFrom(ctx).UserID), now); err != nil {
			return err
		}
		for _, r := range ins.Recommendations {
			if _, err := tx.ExecContext(ctx, `INSERT INTO recommendations (id, inspection_id, seq, text, due_on, status) VALUES ($1, $2, $3, $4, $5, $6)`,
				r.ID, ins.ID, r.Seq, r.Text, r.DueOn, r.Status); err != nil {
				return err
			}
		}
		return audit.Record(ctx, tx, audit.Entry{Action: "create", Entity: "inspection", EntityID: ins.ID, AgencyID: ins.AgencyID,
			Summary: "Kiểm tra công tác tuyên truyền CCHC ngày " + ins.InspectedOn.Short(), After: ins})
	})
	if err != nil {
		return nil, err
	}
	return ins, nil
}

// CloseRecommendation marks a recommendation carried out, with a note of how.
func (s *Store) CloseRecommendation(ctx context.Context, inspectionID, recID, note string) error {
	note = vn.Clean(note)
	if note == "" {
		errs := valid.Errors{}
		errs.Add("note", "inspection.note_required")
		return errs.Err()
	}
	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		var agencyID string
		if err := tx.QueryRowContext(ctx, `SELECT agency_id FROM inspections WHERE id = $1`, inspectionID).Scan(&agencyID); err != nil {
			return store.NotFound(err)
		}
		res, err := tx.ExecContext(ctx, `UPDATE recommendations SET status = 'done', closed_on = $1, closing_note = $2
			WHERE id = $3 AND inspection_id = $4 AND status = 'open'`, vn.Today(), note, recID, inspectionID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return ErrLocked
		}
		return audit.Record(ctx, tx, audit.Entry{Action: "close", Entity: "recommendation", EntityID: recID, AgencyID: agencyID,
			Summary: "Hoàn thành kiến nghị sau kiểm tra: " + note})
	})
}

// Inspection returns an inspection with its recommendations.
func (s *Store) Inspection(ctx context.Context, id string) (*Inspection, error) {
	list, err := s.inspections(ctx, "i.id = $1", id)
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, store.ErrNotFound
	}
	return list[0], nil
}

// Inspections lists the inspections of the given units (nil: all), newest first.
func (s *Store) Inspections(ctx context.Context, agencies []string) ([]*Inspection, error) {
	if agencies == nil {
		return s.inspections(ctx, "1 = 1")
	}
	if len(agencies) == 0 {
		return nil, nil
	}
	ph := make([]string, len(agencies))
	args := make([]any, len(agencies))
	for i, a := range agencies {
		ph[i], args[i] = fmt.Sprintf("$%d", i+1), a
	}
	return s.inspections(ctx, "i.agency_id IN ("+strings.Join(ph, ", ")+")", args...)
}

func (s *Store) inspections(ctx context.Context, cond string, args ...any) ([]*Inspection, error) {
	q := s.db.Read()
	rows, err := q.QueryContext(ctx, `SELECT i.id, COALESCE(i.plan_id, ''), i.agency_id, a.name, i.inspected_on, i.members, i.findings, i.row_version, i.created_at
		FROM inspections i JOIN agencies a ON a.id = i.agency_id WHERE `+cond+` ORDER BY i.inspected_on DESC, i.id DESC LIMIT 500`, args...)
	if err != nil {
		return nil, err
	}
	var out []*Inspection
	byID := map[string]*Inspection{}
	for rows.Next() {
		var in Inspection
		if err := rows.Scan(&in.ID, &in.PlanID, &in.AgencyID, &in.Agency, &in.InspectedOn, &in.Members, &in.Findings, &in.RowVersion, &in.CreatedAt); err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, &in)
		byID[in.ID] = &in
	}
	rows.Close()
	if len(out) == 0 {
		return out, rows.Err()
	}
	ph := make([]string, len(out))
	ids := make([]any, len(out))
	for i, in := range out {
		ph[i], ids[i] = fmt.Sprintf("$%d", i+1), in.ID
	}
	rrows, err := q.QueryContext(ctx, `SELECT inspection_id, id, seq, text, due_on, status, closed_on, closing_note FROM recommendations
		WHERE inspection_id IN (`+strings.Join(ph, ", ")+`) ORDER BY inspection_id, seq`, ids...)
	if err != nil {
		return nil, err
	}
	defer rrows.Close()
	for rrows.Next() {
		var insID string
		var r Recommendation
		if err := rrows.Scan(&insID, &r.ID, &r.Seq, &r.Text, &r.DueOn, &r.Status, &r.ClosedOn, &r.ClosingNote); err != nil {
			return nil, err
		}
		byID[insID].Recommendations = append(byID[insID].Recommendations, r)
	}
	return out, rrows.Err()
}

func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		if l = strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(l), "-•+")); l != "" {
			out = append(out, l)
		}
	}
	return out
}
