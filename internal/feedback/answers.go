package feedback

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

// Template is a reusable answer an agency keeps for itself and the units below it.
// Its body may hold placeholders that inserting it fills: {ma} the tracking code,
// {ngay_nhan} the day it was received, {han} the due day, {ho_ten} the sender's name.
type Template struct {
	ID         string
	AgencyID   string
	AgencyName string
	Title      string
	Body       string
	RowVersion int
	UpdatedAt  time.Time
}

// TemplateInput is the template form.
type TemplateInput struct {
	AgencyID string
	Title    string
	Body     string
}

// Fill is the template's body for item it, placeholders filled.
func (t *Template) Fill(it *Item) string {
	return strings.NewReplacer(
		"{ma}", it.Code,
		"{ngay_nhan}", vn.ShortDate(it.ReceivedAt),
		"{han}", it.DueOn.Short(),
		"{ho_ten}", it.Name,
	).Replace(t.Body)
}

const templateColumns = `t.id, t.agency_id, a.name, t.title, t.body, t.row_version, t.updated_at`

func scanTemplate(row interface{ Scan(...any) error }) (*Template, error) {
	var t Template
	err := row.Scan(&t.ID, &t.AgencyID, &t.AgencyName, &t.Title, &t.Body, &t.RowVersion, &t.UpdatedAt)
	if err != nil {
		return nil, store.NotFound(err)
	}
	return &t, nil
}

// Templates lists the templates of the agencies given, by title in Vietnamese order.
func (s *Store) Templates(ctx context.Context, agencies []string) ([]*Template, error) {
	if len(agencies) == 0 {
		return nil, nil
	}
	ph := make([]string, len(agencies))
	args := make([]any, len(agencies))
	for i, a := range agencies {
		ph[i], args[i] = fmt.Sprintf("$%d", i+1), a
	}
	rows, err := s.db.Read().QueryContext(ctx, `SELECT `+templateColumns+` FROM feedback_templates t JOIN agencies a ON a.id = t.agency_id
		WHERE t.agency_id IN (`+strings.Join(ph, ", ")+`) ORDER BY t.id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*Template
	for rows.Next() {
		t, err := scanTemplate(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	vn.SortBy(out, func(t *Template) string { return t.Title })
	return out, rows.Err()
}

// Template returns the template with id, or store.ErrNotFound.
func (s *Store) Template(ctx context.Context, id string) (*Template, error) {
	return scanTemplate(s.db.Read().QueryRowContext(ctx, `SELECT `+templateColumns+`
		FROM feedback_templates t JOIN agencies a ON a.id = t.agency_id WHERE t.id = $1`, id))
}

// TemplateAgency is the agency that keeps template id: editing it happens there.
// Routes use it as their scope.
func (s *Store) TemplateAgency(ctx context.Context, id string) (string, error) {
	var a string
	err := s.db.Read().QueryRowContext(ctx, `SELECT agency_id FROM feedback_templates WHERE id = $1`, id).Scan(&a)
	return a, store.NotFound(err)
}

func (in *TemplateInput) check() valid.Errors {
	in.Title, in.Body = strings.TrimSpace(cleanText(in.Title)), cleanText(in.Body)
	errs := valid.Errors{}
	errs.Required("title", in.Title)
	errs.MaxLen("title", in.Title, MaxTitle)
	errs.Required("body", in.Body)
	errs.MaxLen("body", in.Body, MaxAnswer)
	if in.AgencyID == "" {
		errs.Add("agency_id", "valid.required")
	}
	return errs
}

// SaveTemplate creates a template (id "") or changes one still at version. A
// template stays with the agency it was made for.
func (s *Store) SaveTemplate(ctx context.Context, id string, version int, in TemplateInput) (*Template, error) {
	if id != "" {
		old, err := s.Template(ctx, id)
		if err != nil {
			return nil, err
		}
		in.AgencyID = old.AgencyID
	}
	if err := in.check().Err(); err != nil {
		return nil, err
	}
	now := s.stamp()
	var out *Template
	err := s.db.Tx(ctx, func(tx *sql.Tx) error {
		if id == "" {
			id = store.NewID()
			if _, err := tx.ExecContext(ctx, `INSERT INTO feedback_templates (id, agency_id, title, body, created_by, created_at, updated_at)
				VALUES ($1, $2, $3, $4, $5, $6, $6)`, id, in.AgencyID, in.Title, in.Body, nullable(audit.ActorFrom(ctx).UserID), now); err != nil {
				if store.IsForeignKeyViolation(err) {
					return valid.Errors{"agency_id": {Key: "valid.required"}}.Err()
				}
				return err
			}
			out = &Template{ID: id, AgencyID: in.AgencyID, Title: in.Title, Body: in.Body, RowVersion: 1, UpdatedAt: now}
			return audit.Record(ctx, tx, audit.Entry{Action: "create", Entity: "feedback_template", EntityID: id, AgencyID: in.AgencyID,
				Summary: "Thêm mẫu trả lời phản ánh: " + in.Title, After: out})
		}
		before, err := scanTemplate(tx.QueryRowContext(ctx, `SELECT `+templateColumns+`
			FROM feedback_templates t JOIN agencies a ON a.id = t.agency_id WHERE t.id = $1`, id))
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE feedback_templates SET title = $1, body = $2, updated_at = $3, row_version = row_version + 1
			WHERE id = $4 AND row_version = $5`, in.Title, in.Body, now, id, version)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return ErrStale
		}
		out = &Template{ID: id, AgencyID: before.AgencyID, AgencyName: before.AgencyName, Title: in.Title, Body: in.Body,
			RowVersion: before.RowVersion + 1, UpdatedAt: now}
		return audit.Record(ctx, tx, audit.Entry{Action: "update", Entity: "feedback_template", EntityID: id, AgencyID: before.AgencyID,
			Summary: "Sửa mẫu trả lời phản ánh: " + in.Title, Before: before, After: out})
	})
	return out, err
}

// DeleteTemplate removes template id when it is still at version.
func (s *Store) DeleteTemplate(ctx context.Context, id string, version int) error {
	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		before, err := scanTemplate(tx.QueryRowContext(ctx, `SELECT `+templateColumns+`
			FROM feedback_templates t JOIN agencies a ON a.id = t.agency_id WHERE t.id = $1`, id))
		if err != nil {
			return err
		}
		if before.RowVersion != version {
			return ErrStale
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM feedback_templates WHERE id = $1`, id); err != nil {
			return err
		}
		return audit.Record(ctx, tx, audit.Entry{Action: "delete", Entity: "feedback_template", EntityID: id, AgencyID: before.AgencyID,
			Summary: "Xóa mẫu trả lời phản ánh: " + before.Title, Before: before})
	})
}
