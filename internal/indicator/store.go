package indicator

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"loa/internal/audit"
	"loa/internal/library"
	"loa/internal/store"
	"loa/internal/valid"
	"loa/internal/vn"
)

// ErrStale is returned when a record changed since the form was opened.
var ErrStale = errors.New("indicator record changed since it was read")

// Store reads and writes indicators, their values and targets, and the plan topics
// linked to them.
type Store struct {
	db   *store.DB
	docs *library.Store
	// Today is the current day, which bounds the years a value may carry; tests set it.
	Today func() vn.Date
}

// NewStore returns a Store over db.
func NewStore(db *store.DB) *Store {
	return &Store{db: db, docs: library.NewStore(db), Today: vn.Today}
}

const indicatorColumns = `id, code, name, short_name, publisher, unit, max_value, higher_is_better, COALESCE(owner_agency_id, ''),
	description, row_version, created_at, updated_at`

func scanIndicator(row interface{ Scan(...any) error }) (*Indicator, error) {
	var i Indicator
	err := row.Scan(&i.ID, &i.Code, &i.Name, &i.ShortName, &i.Publisher, &i.Unit, &i.Max, &i.HigherIsBetter, &i.OwnerAgencyID,
		&i.Description, &i.RowVersion, &i.CreatedAt, &i.UpdatedAt)
	if err != nil {
		return nil, store.NotFound(err)
	}
	return &i, nil
}

// Get returns the indicator with id.
func (s *Store) Get(ctx context.Context, id string) (*Indicator, error) {
	return getIndicator(ctx, s.db.Read(), id)
}

func getIndicator(ctx context.Context, q store.Querier, id string) (*Indicator, error) {
	return scanIndicator(q.QueryRowContext(ctx, `SELECT `+indicatorColumns+` FROM indicators WHERE id = $1`, id))
}

// ByCode returns the indicator with code that owner tracks; owner "" names the
// installation's own, such as the four national ones.
func (s *Store) ByCode(ctx context.Context, owner, code string) (*Indicator, error) {
	return scanIndicator(s.db.Read().QueryRowContext(ctx, `SELECT `+indicatorColumns+` FROM indicators
		WHERE code = $1 AND COALESCE(owner_agency_id, '') = $2`, code, owner))
}

// List returns every indicator: the four national ones first in the order plans name
// them, then the installation's others, then the agencies' own, each by name.
func (s *Store) List(ctx context.Context) ([]*Indicator, error) {
	rows, err := s.db.Read().QueryContext(ctx, `SELECT `+indicatorColumns+` FROM indicators`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*Indicator
	for rows.Next() {
		i, err := scanIndicator(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, i)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	vn.SortBy(out, func(i *Indicator) string { return i.Name })
	rank := func(i *Indicator) int {
		if !i.Shared() {
			return len(standardOrder) + 1
		}
		if n := slices.Index(standardOrder, i.Code); n >= 0 {
			return n
		}
		return len(standardOrder)
	}
	slices.SortStableFunc(out, func(a, b *Indicator) int { return rank(a) - rank(b) })
	return out, nil
}

// Create adds an indicator for in.OwnerAgencyID, or for the whole installation when
// it is empty.
func (s *Store) Create(ctx context.Context, in IndicatorInput) (*Indicator, error) {
	ind, errs := in.indicator()
	now := store.Now()
	ind.ID, ind.OwnerAgencyID, ind.RowVersion, ind.CreatedAt, ind.UpdatedAt = store.NewID(), strings.TrimSpace(in.OwnerAgencyID), 1, now, now
	err := s.db.Tx(ctx, func(tx *sql.Tx) error {
		if ind.OwnerAgencyID != "" {
			if err := checkAgency(ctx, tx, ind.OwnerAgencyID, "owner_agency_id", errs); err != nil {
				return err
			}
		}
		if err := checkCode(ctx, tx, &ind, errs); err != nil {
			return err
		}
		if err := errs.Err(); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO indicators (id, code, name, short_name, publisher, unit, max_value,
			higher_is_better, owner_agency_id, description, row_version, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 1, $11, $11)`,
			ind.ID, ind.Code, ind.Name, ind.ShortName, ind.Publisher, string(ind.Unit), ind.Max, ind.HigherIsBetter,
			nullable(ind.OwnerAgencyID), ind.Description, now)
		if err != nil {
			return codeTakenOr(err, &ind)
		}
		return audit.Record(ctx, tx, audit.Entry{Action: "create", Entity: "indicator", EntityID: ind.ID, AgencyID: ind.OwnerAgencyID,
			Summary: "Thêm chỉ số " + ind.Label(), After: &ind})
	})
	if err != nil {
		return nil, err
	}
	return &ind, nil
}

// Update corrects an indicator; version is the RowVersion the form was opened with.
// The indicator keeps its owner, and its scale cannot shrink below a value already
// recorded.
func (s *Store) Update(ctx context.Context, id string, version int, in IndicatorInput) (*Indicator, error) {
	ind, errs := in.indicator()
	var after *Indicator
	err := s.db.Tx(ctx, func(tx *sql.Tx) error {
		before, err := getIndicator(ctx, tx, id)
		if err != nil {
			return err
		}
		if before.RowVersion != version {
			return ErrStale
		}
		ind.ID, ind.OwnerAgencyID, ind.CreatedAt = before.ID, before.OwnerAgencyID, before.CreatedAt
		ind.RowVersion, ind.UpdatedAt = before.RowVersion+1, store.Now()
		if err := checkCode(ctx, tx, &ind, errs); err != nil {
			return err
		}
		if !errs.Has("max") {
			var top sql.NullFloat64
			if err := tx.QueryRowContext(ctx, `SELECT MAX(value) FROM indicator_values WHERE indicator_id = $1`, id).Scan(&top); err != nil {
				return err
			}
			var topTarget sql.NullFloat64
			if err := tx.QueryRowContext(ctx, `SELECT MAX(value) FROM indicator_targets WHERE indicator_id = $1`, id).Scan(&topTarget); err != nil {
				return err
			}
			if topTarget.Valid && (!top.Valid || topTarget.Float64 > top.Float64) {
				top = topTarget
			}
			if top.Valid && top.Float64 > ind.Max {
				errs.Add("max", "indicator.max_below_values", FormatNumber(top.Float64))
			}
		}
		if err := errs.Err(); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE indicators SET code = $1, name = $2, short_name = $3, publisher = $4, unit = $5,
			max_value = $6, higher_is_better = $7, description = $8, row_version = $9, updated_at = $10 WHERE id = $11`,
			ind.Code, ind.Name, ind.ShortName, ind.Publisher, string(ind.Unit), ind.Max, ind.HigherIsBetter, ind.Description,
			ind.RowVersion, ind.UpdatedAt, ind.ID)
		if err != nil {
			return codeTakenOr(err, &ind)
		}
		after = &ind
		return audit.Record(ctx, tx, audit.Entry{Action: "update", Entity: "indicator", EntityID: ind.ID, AgencyID: ind.OwnerAgencyID,
			Summary: "Sửa chỉ số " + ind.Label(), Before: before, After: &ind})
	})
	return after, err
}

// checkCode refuses a code another indicator the same agencies see already has: an
// agency's own code may not repeat the installation's, nor one of its own; the
// installation's may repeat none. The unique index catches two people at once.
func checkCode(ctx context.Context, tx *sql.Tx, ind *Indicator, errs valid.Errors) error {
	if errs.Has("code") {
		return nil
	}
	q := `SELECT ` + indicatorColumns + ` FROM indicators WHERE code = $1 AND id <> $2`
	args := []any{ind.Code, ind.ID}
	if ind.OwnerAgencyID != "" {
		q += ` AND (owner_agency_id IS NULL OR owner_agency_id = $3)`
		args = append(args, ind.OwnerAgencyID)
	}
	other, err := scanIndicator(tx.QueryRowContext(ctx, q+` LIMIT 1`, args...))
	switch {
	case errors.Is(err, store.ErrNotFound):
		return nil
	case err != nil:
		return err
	}
	errs.Add("code", "indicator.code_taken", ind.Code, other.Name)
	return nil
}

func codeTakenOr(err error, ind *Indicator) error {
	if !store.IsUniqueViolation(err) {
		return err
	}
	errs := valid.Errors{}
	errs.Add("code", "indicator.code_taken", ind.Code, ind.Name)
	return errs.Err()
}

func checkAgency(ctx context.Context, tx *sql.Tx, id, field string, errs valid.Errors) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM agencies WHERE id = $1`, id).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		errs.Add(field, "indicator.agency_required")
	}
	return nil
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

const valueColumns = `v.id, v.indicator_id, v.agency_id, v.year, v.value, v.rank, v.ranked_of, v.status, v.source, v.source_url,
	COALESCE(v.library_doc_id, ''), COALESCE(d.number, ''), COALESCE(d.symbol, ''), COALESCE(d.type_name, ''), COALESCE(d.summary, ''),
	d.issued_on, v.published_on, v.row_version, v.created_at, v.updated_at
	FROM indicator_values v LEFT JOIN library_docs d ON d.id = v.library_doc_id`

func scanValue(row interface{ Scan(...any) error }) (*Value, error) {
	var v Value
	var rank, of sql.NullInt64
	var doc library.Entry
	err := row.Scan(&v.ID, &v.IndicatorID, &v.AgencyID, &v.Year, &v.Value, &rank, &of, &v.Status, &v.Source, &v.SourceURL,
		&doc.ID, &doc.Number, &doc.Symbol, &doc.TypeName, &doc.Summary, &doc.IssuedOn, &v.PublishedOn, &v.RowVersion,
		&v.CreatedAt, &v.UpdatedAt)
	if err != nil {
		return nil, store.NotFound(err)
	}
	v.Rank, v.RankedOf = int(rank.Int64), int(of.Int64)
	if doc.ID != "" {
		v.Doc = docRef(&doc)
	}
	return &v, nil
}

func docRef(e *library.Entry) *DocRef {
	return &DocRef{ID: e.ID, NumberSymbol: e.NumberSymbol(), Heading: e.Heading(), IssuedOn: e.IssuedOn}
}

func scanValues(rows *sql.Rows) ([]*Value, error) {
	defer rows.Close()
	var out []*Value
	for rows.Next() {
		v, err := scanValue(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// Value returns the value valueID of indicator indicatorID.
func (s *Store) Value(ctx context.Context, indicatorID, valueID string) (*Value, error) {
	return getValue(ctx, s.db.Read(), indicatorID, valueID)
}

func getValue(ctx context.Context, q store.Querier, indicatorID, valueID string) (*Value, error) {
	return scanValue(q.QueryRowContext(ctx, `SELECT `+valueColumns+` WHERE v.id = $1 AND v.indicator_id = $2`, valueID, indicatorID))
}

// FindValue returns the value of the indicator for agency and year, or nil.
func (s *Store) FindValue(ctx context.Context, indicatorID, agencyID string, year int) (*Value, error) {
	return findValue(ctx, s.db.Read(), indicatorID, agencyID, year)
}

func findValue(ctx context.Context, q store.Querier, indicatorID, agencyID string, year int) (*Value, error) {
	v, err := scanValue(q.QueryRowContext(ctx, `SELECT `+valueColumns+` WHERE v.indicator_id = $1 AND v.agency_id = $2 AND v.year = $3`,
		indicatorID, agencyID, year))
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil
	}
	return v, err
}

// AddValue records a value of the indicator for in.AgencyID. A second value for the
// same agency and year is refused: the first is to be corrected instead.
func (s *Store) AddValue(ctx context.Context, indicatorID string, in ValueInput) (*Value, error) {
	ind, err := s.Get(ctx, indicatorID)
	if err != nil {
		return nil, err
	}
	v, errs := in.value(ind, s.Today())
	v.AgencyID = strings.TrimSpace(in.AgencyID)
	if err := s.source(ctx, &v, in.Document, errs); err != nil {
		return nil, err
	}
	now := store.Now()
	v.ID, v.RowVersion, v.CreatedAt, v.UpdatedAt = store.NewID(), 1, now, now
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		if err := checkAgency(ctx, tx, v.AgencyID, "agency_id", errs); err != nil {
			return err
		}
		if err := checkValueYear(ctx, tx, ind, &v, errs); err != nil {
			return err
		}
		if err := errs.Err(); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO indicator_values (id, indicator_id, agency_id, year, value, rank, ranked_of,
			status, source, source_url, library_doc_id, published_on, row_version, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 1, $13, $13)`,
			v.ID, v.IndicatorID, v.AgencyID, v.Year, v.Value, nullableInt(v.Rank), nullableInt(v.RankedOf), string(v.Status),
			v.Source, v.SourceURL, nullable(docID(v.Doc)), v.PublishedOn, now)
		if err != nil {
			return yearTakenOr(err, ind, v.Year, "indicator.value_duplicate")
		}
		return audit.Record(ctx, tx, audit.Entry{Action: "create", Entity: "indicator_value", EntityID: v.ID, AgencyID: v.AgencyID,
			Summary: fmt.Sprintf("Thêm số liệu %s năm %d", ind.Label(), v.Year), After: &v})
	})
	if err != nil {
		return nil, err
	}
	return &v, nil
}

// UpdateValue corrects a value; version is the RowVersion the form was opened with.
// The value stays with the agency it measures.
func (s *Store) UpdateValue(ctx context.Context, indicatorID, valueID string, version int, in ValueInput) (*Value, error) {
	ind, err := s.Get(ctx, indicatorID)
	if err != nil {
		return nil, err
	}
	v, errs := in.value(ind, s.Today())
	if err := s.source(ctx, &v, in.Document, errs); err != nil {
		return nil, err
	}
	var after *Value
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		before, err := getValue(ctx, tx, indicatorID, valueID)
		if err != nil {
			return err
		}
		if before.RowVersion != version {
			return ErrStale
		}
		v.ID, v.AgencyID, v.CreatedAt = before.ID, before.AgencyID, before.CreatedAt
		v.RowVersion, v.UpdatedAt = before.RowVersion+1, store.Now()
		if err := checkValueYear(ctx, tx, ind, &v, errs); err != nil {
			return err
		}
		if err := errs.Err(); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE indicator_values SET year = $1, value = $2, rank = $3, ranked_of = $4, status = $5,
			source = $6, source_url = $7, library_doc_id = $8, published_on = $9, row_version = $10, updated_at = $11 WHERE id = $12`,
			v.Year, v.Value, nullableInt(v.Rank), nullableInt(v.RankedOf), string(v.Status), v.Source, v.SourceURL,
			nullable(docID(v.Doc)), v.PublishedOn, v.RowVersion, v.UpdatedAt, v.ID)
		if err != nil {
			return yearTakenOr(err, ind, v.Year, "indicator.value_duplicate")
		}
		after = &v
		return audit.Record(ctx, tx, audit.Entry{Action: "update", Entity: "indicator_value", EntityID: v.ID, AgencyID: v.AgencyID,
			Summary: fmt.Sprintf("Sửa số liệu %s năm %d", ind.Label(), v.Year), Before: before, After: &v})
	})
	return after, err
}

// DeleteValue removes a value entered by mistake; version is the RowVersion the page
// showed.
func (s *Store) DeleteValue(ctx context.Context, indicatorID, valueID string, version int) error {
	ind, err := s.Get(ctx, indicatorID)
	if err != nil {
		return err
	}
	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		before, err := getValue(ctx, tx, indicatorID, valueID)
		if err != nil {
			return err
		}
		if before.RowVersion != version {
			return ErrStale
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM indicator_values WHERE id = $1`, before.ID); err != nil {
			return err
		}
		return audit.Record(ctx, tx, audit.Entry{Action: "delete", Entity: "indicator_value", EntityID: before.ID, AgencyID: before.AgencyID,
			Summary: fmt.Sprintf("Xóa số liệu %s năm %d", ind.Label(), before.Year), Before: before})
	})
}

// source looks up the publishing document typed into the form and makes sure a
// published value names where it comes from: the source text, or — when that is
// left empty — the document's own heading.
func (s *Store) source(ctx context.Context, v *Value, typed string, errs valid.Errors) error {
	typed = strings.ReplaceAll(vn.Clean(typed), " ", "")
	if typed != "" {
		sym, ok := library.ParseSymbol(typed)
		if !ok {
			errs.Add("document", "indicator.document_format")
		} else {
			found, err := s.docs.FindBySymbol(ctx, sym.Number, sym.Suffix())
			if err != nil {
				return err
			}
			if e := pickDocument(found, v.Year); e != nil {
				v.Doc = docRef(e)
			} else {
				errs.Add("document", "indicator.document_missing", sym.Text())
			}
		}
	}
	if v.Source == "" && v.Doc != nil {
		v.Source = v.Doc.Heading
		if !v.Doc.IssuedOn.IsZero() {
			v.Source += " ngày " + v.Doc.IssuedOn.Short()
		}
	}
	if v.Status == StatusPublished && v.Source == "" && !errs.Has("document") {
		errs.Add("source", "indicator.source_required")
	}
	return nil
}

// pickDocument chooses among library entries sharing a number and symbol (offices
// number from 01 each year) the one that most likely published a result of year:
// issued the year after, then the same year, else the newest.
func pickDocument(found []*library.Entry, year int) *library.Entry {
	for _, want := range []int{year + 1, year} {
		for _, e := range found {
			if e.IssuedOn.Year == want {
				return e
			}
		}
	}
	if len(found) > 0 {
		return found[0]
	}
	return nil
}

func docID(d *DocRef) string {
	if d == nil {
		return ""
	}
	return d.ID
}

func nullableInt(n int) any {
	if n == 0 {
		return nil
	}
	return n
}

// checkValueYear refuses a second value for the same indicator, agency and year
// inside the write transaction; the unique key catches two people at once.
func checkValueYear(ctx context.Context, tx *sql.Tx, ind *Indicator, v *Value, errs valid.Errors) error {
	if errs.Has("year") || errs.Has("agency_id") {
		return nil
	}
	other, err := findValue(ctx, tx, ind.ID, v.AgencyID, v.Year)
	if err != nil || other == nil || other.ID == v.ID {
		return err
	}
	errs.Add("year", "indicator.value_duplicate", ind.Label(), v.Year)
	return nil
}

func yearTakenOr(err error, ind *Indicator, year int, key string) error {
	if !store.IsUniqueViolation(err) {
		return err
	}
	errs := valid.Errors{}
	errs.Add("year", key, ind.Label(), year)
	return errs.Err()
}

const targetColumns = `id, indicator_id, agency_id, year, value, rank, note, row_version, created_at, updated_at FROM indicator_targets`

func scanTarget(row interface{ Scan(...any) error }) (*Target, error) {
	var t Target
	var value sql.NullFloat64
	var rank sql.NullInt64
	if err := row.Scan(&t.ID, &t.IndicatorID, &t.AgencyID, &t.Year, &value, &rank, &t.Note, &t.RowVersion, &t.CreatedAt, &t.UpdatedAt); err != nil {
		return nil, store.NotFound(err)
	}
	if value.Valid {
		t.Value = &value.Float64
	}
	t.Rank = int(rank.Int64)
	return &t, nil
}

func scanTargets(rows *sql.Rows) ([]*Target, error) {
	defer rows.Close()
	var out []*Target
	for rows.Next() {
		t, err := scanTarget(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// Target returns the target targetID of indicator indicatorID.
func (s *Store) Target(ctx context.Context, indicatorID, targetID string) (*Target, error) {
	return getTarget(ctx, s.db.Read(), indicatorID, targetID)
}

func getTarget(ctx context.Context, q store.Querier, indicatorID, targetID string) (*Target, error) {
	return scanTarget(q.QueryRowContext(ctx, `SELECT `+targetColumns+` WHERE id = $1 AND indicator_id = $2`, targetID, indicatorID))
}

// FindTarget returns the target of the indicator for agency and year, or nil.
func (s *Store) FindTarget(ctx context.Context, indicatorID, agencyID string, year int) (*Target, error) {
	return findTarget(ctx, s.db.Read(), indicatorID, agencyID, year)
}

func findTarget(ctx context.Context, q store.Querier, indicatorID, agencyID string, year int) (*Target, error) {
	t, err := scanTarget(q.QueryRowContext(ctx, `SELECT `+targetColumns+` WHERE indicator_id = $1 AND agency_id = $2 AND year = $3`,
		indicatorID, agencyID, year))
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil
	}
	return t, err
}

// AddTarget sets what in.AgencyID aims for on the indicator in a year; a second
// target for the same year is refused.
func (s *Store) AddTarget(ctx context.Context, indicatorID string, in TargetInput) (*Target, error) {
	ind, err := s.Get(ctx, indicatorID)
	if err != nil {
		return nil, err
	}
	t, errs := in.target(ind, s.Today())
	t.AgencyID = strings.TrimSpace(in.AgencyID)
	now := store.Now()
	t.ID, t.RowVersion, t.CreatedAt, t.UpdatedAt = store.NewID(), 1, now, now
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		if err := checkAgency(ctx, tx, t.AgencyID, "agency_id", errs); err != nil {
			return err
		}
		if err := checkTargetYear(ctx, tx, ind, &t, errs); err != nil {
			return err
		}
		if err := errs.Err(); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO indicator_targets (id, indicator_id, agency_id, year, value, rank, note,
			row_version, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8, $8)`,
			t.ID, t.IndicatorID, t.AgencyID, t.Year, t.Value, nullableInt(t.Rank), t.Note, now)
		if err != nil {
			return yearTakenOr(err, ind, t.Year, "indicator.target_duplicate")
		}
		return audit.Record(ctx, tx, audit.Entry{Action: "create", Entity: "indicator_target", EntityID: t.ID, AgencyID: t.AgencyID,
			Summary: fmt.Sprintf("Đặt mục tiêu %s năm %d", ind.Label(), t.Year), After: &t})
	})
	if err != nil {
		return nil, err
	}
	return &t, nil
}

// UpdateTarget corrects a target; version is the RowVersion the form was opened with.
func (s *Store) UpdateTarget(ctx context.Context, indicatorID, targetID string, version int, in TargetInput) (*Target, error) {
	ind, err := s.Get(ctx, indicatorID)
	if err != nil {
		return nil, err
	}
	t, errs := in.target(ind, s.Today())
	var after *Target
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		before, err := getTarget(ctx, tx, indicatorID, targetID)
		if err != nil {
			return err
		}
		if before.RowVersion != version {
			return ErrStale
		}
		t.ID, t.AgencyID, t.CreatedAt = before.ID, before.AgencyID, before.CreatedAt
		t.RowVersion, t.UpdatedAt = before.RowVersion+1, store.Now()
		if err := checkTargetYear(ctx, tx, ind, &t, errs); err != nil {
			return err
		}
		if err := errs.Err(); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE indicator_targets SET year = $1, value = $2, rank = $3, note = $4, row_version = $5,
			updated_at = $6 WHERE id = $7`, t.Year, t.Value, nullableInt(t.Rank), t.Note, t.RowVersion, t.UpdatedAt, t.ID)
		if err != nil {
			return yearTakenOr(err, ind, t.Year, "indicator.target_duplicate")
		}
		after = &t
		return audit.Record(ctx, tx, audit.Entry{Action: "update", Entity: "indicator_target", EntityID: t.ID, AgencyID: t.AgencyID,
			Summary: fmt.Sprintf("Sửa mục tiêu %s năm %d", ind.Label(), t.Year), Before: before, After: &t})
	})
	return after, err
}

// DeleteTarget removes a target; version is the RowVersion the page showed.
func (s *Store) DeleteTarget(ctx context.Context, indicatorID, targetID string, version int) error {
	ind, err := s.Get(ctx, indicatorID)
	if err != nil {
		return err
	}
	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		before, err := getTarget(ctx, tx, indicatorID, targetID)
		if err != nil {
			return err
		}
		if before.RowVersion != version {
			return ErrStale
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM indicator_targets WHERE id = $1`, before.ID); err != nil {
			return err
		}
		return audit.Record(ctx, tx, audit.Entry{Action: "delete", Entity: "indicator_target", EntityID: before.ID, AgencyID: before.AgencyID,
			Summary: fmt.Sprintf("Xóa mục tiêu %s năm %d", ind.Label(), before.Year), Before: before})
	})
}

func checkTargetYear(ctx context.Context, tx *sql.Tx, ind *Indicator, t *Target, errs valid.Errors) error {
	if errs.Has("year") || errs.Has("agency_id") {
		return nil
	}
	other, err := findTarget(ctx, tx, ind.ID, t.AgencyID, t.Year)
	if err != nil || other == nil || other.ID == t.ID {
		return err
	}
	errs.Add("year", "indicator.target_duplicate", ind.Label(), t.Year)
	return nil
}

// Series returns the indicator's values and targets for agency, oldest year first.
func (s *Store) Series(ctx context.Context, ind *Indicator, agencyID string) (*Series, error) {
	rows, err := s.db.Read().QueryContext(ctx, `SELECT `+valueColumns+` WHERE v.indicator_id = $1 AND v.agency_id = $2 ORDER BY v.year`,
		ind.ID, agencyID)
	if err != nil {
		return nil, err
	}
	values, err := scanValues(rows)
	if err != nil {
		return nil, err
	}
	rows, err = s.db.Read().QueryContext(ctx, `SELECT `+targetColumns+` WHERE indicator_id = $1 AND agency_id = $2 ORDER BY year`,
		ind.ID, agencyID)
	if err != nil {
		return nil, err
	}
	targets, err := scanTargets(rows)
	if err != nil {
		return nil, err
	}
	return newSeries(ind, agencyID, values, targets), nil
}

// Overview returns one series for agency per indicator of inds, in their order: what
// the list of indicators shows, in two queries.
func (s *Store) Overview(ctx context.Context, inds []*Indicator, agencyID string) ([]*Series, error) {
	rows, err := s.db.Read().QueryContext(ctx, `SELECT `+valueColumns+` WHERE v.agency_id = $1 ORDER BY v.year`, agencyID)
	if err != nil {
		return nil, err
	}
	values, err := scanValues(rows)
	if err != nil {
		return nil, err
	}
	rows, err = s.db.Read().QueryContext(ctx, `SELECT `+targetColumns+` WHERE agency_id = $1 ORDER BY year`, agencyID)
	if err != nil {
		return nil, err
	}
	targets, err := scanTargets(rows)
	if err != nil {
		return nil, err
	}
	out := make([]*Series, len(inds))
	for i, ind := range inds {
		var vs []*Value
		for _, v := range values {
			if v.IndicatorID == ind.ID {
				vs = append(vs, v)
			}
		}
		var ts []*Target
		for _, t := range targets {
			if t.IndicatorID == ind.ID {
				ts = append(ts, t)
			}
		}
		out[i] = newSeries(ind, agencyID, vs, ts)
	}
	return out, nil
}

// Measured lists the agencies that have a value or a target of the indicator, or of
// any indicator when indicatorID is empty.
func (s *Store) Measured(ctx context.Context, indicatorID string) ([]string, error) {
	q := `SELECT agency_id FROM indicator_values WHERE $1 = '' OR indicator_id = $1
		UNION SELECT agency_id FROM indicator_targets WHERE $1 = '' OR indicator_id = $1`
	rows, err := s.db.Read().QueryContext(ctx, q, indicatorID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// AllValues returns every value, by indicator, agency and year: the export.
func (s *Store) AllValues(ctx context.Context) ([]*Value, error) {
	rows, err := s.db.Read().QueryContext(ctx, `SELECT `+valueColumns+` ORDER BY v.indicator_id, v.agency_id, v.year`)
	if err != nil {
		return nil, err
	}
	return scanValues(rows)
}

// AllTargets returns every target, by indicator, agency and year: the export.
func (s *Store) AllTargets(ctx context.Context) ([]*Target, error) {
	rows, err := s.db.Read().QueryContext(ctx, `SELECT `+targetColumns+` ORDER BY indicator_id, agency_id, year`)
	if err != nil {
		return nil, err
	}
	return scanTargets(rows)
}
