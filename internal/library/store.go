package library

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"

	"loa/internal/audit"
	"loa/internal/search"
	"loa/internal/store"
	"loa/internal/valid"
	"loa/internal/vn"
)

// ErrStale is returned when the entry changed since the form was opened.
var ErrStale = errors.New("library entry changed since it was read")

// Store reads and writes the documents library.
type Store struct{ db *store.DB }

// NewStore returns a Store over db.
func NewStore(db *store.DB) *Store { return &Store{db: db} }

const columns = `id, number, symbol, type_code, type_name, issuer, issued_on, summary, scope, url, owner_agency_id,
	row_version, created_at, updated_at`

func scan(row interface{ Scan(...any) error }) (*Entry, error) {
	var e Entry
	err := row.Scan(&e.ID, &e.Number, &e.Symbol, &e.TypeCode, &e.TypeName, &e.Issuer, &e.IssuedOn, &e.Summary, &e.Scope,
		&e.URL, &e.OwnerAgencyID, &e.RowVersion, &e.CreatedAt, &e.UpdatedAt)
	if err != nil {
		return nil, store.NotFound(err)
	}
	return &e, nil
}

func scanAll(rows *sql.Rows) ([]*Entry, error) {
	defer rows.Close()
	var out []*Entry
	for rows.Next() {
		e, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// newest lists dated documents before undated ones, the latest first.
const newest = ` ORDER BY issued_on IS NULL, issued_on DESC, created_at DESC, id`

// Get returns the entry with id.
func (s *Store) Get(ctx context.Context, id string) (*Entry, error) {
	return get(ctx, s.db.Read(), id)
}

func get(ctx context.Context, q store.Querier, id string) (*Entry, error) {
	return scan(q.QueryRowContext(ctx, `SELECT `+columns+` FROM library_docs WHERE id = $1`, id))
}

// FindBySymbol returns the entries with this number and symbol ("246", "KH-UBND"),
// newest first: how a plan's citation finds its document. Offices number from 01
// every year, so the same number and symbol may name several documents; the date
// tells them apart.
func (s *Store) FindBySymbol(ctx context.Context, number, symbol string) ([]*Entry, error) {
	number, symbol = compact(number), compact(symbol)
	if number == "" && symbol == "" {
		return nil, nil
	}
	rows, err := s.db.Read().QueryContext(ctx, `SELECT `+columns+` FROM library_docs WHERE number = $1 AND symbol = $2`+newest,
		number, symbol)
	if err != nil {
		return nil, err
	}
	return scanAll(rows)
}

func compact(s string) string { return strings.ReplaceAll(vn.Clean(s), " ", "") }

// Filter picks entries for the list. Zero fields do not filter.
type Filter struct {
	Query    string // words looked for in number, symbol, type, issuer and summary, with or without accents
	TypeCode string
	Issuer   string
	Year     int // year of issue
	Scope    Scope
	Limit    int // 0: every match
	Offset   int
}

// Filtered tells whether f narrows the list at all.
func (f Filter) Filtered() bool {
	return strings.TrimSpace(f.Query) != "" || f.TypeCode != "" || f.Issuer != "" || f.Year != 0 || f.Scope != ""
}

func (f Filter) where() (string, []any) {
	var conds []string
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return "$" + strconv.Itoa(len(args))
	}
	// Every word must appear, in any order: "ubnd 246" finds "246/KH-UBND".
	for _, w := range strings.Fields(vn.Fold(f.Query)) {
		conds = append(conds, `search LIKE `+arg("%"+likeEscaper.Replace(w)+"%")+` ESCAPE '\'`)
	}
	if f.TypeCode != "" {
		conds = append(conds, `type_code = `+arg(f.TypeCode))
	}
	if f.Issuer != "" {
		conds = append(conds, `issuer = `+arg(f.Issuer))
	}
	if f.Year != 0 {
		conds = append(conds, `issued_on >= `+arg(vn.Date{Year: f.Year, Month: 1, Day: 1})+
			` AND issued_on < `+arg(vn.Date{Year: f.Year + 1, Month: 1, Day: 1}))
	}
	if f.Scope != "" {
		conds = append(conds, `scope = `+arg(string(f.Scope)))
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

// List returns one page of the entries f picks, newest first, and how many it picks
// in all.
func (s *Store) List(ctx context.Context, f Filter) ([]*Entry, int, error) {
	where, args := f.where()
	var total int
	if err := s.db.Read().QueryRowContext(ctx, `SELECT COUNT(*) FROM library_docs`+where, args...).Scan(&total); err != nil {
		return nil, 0, err
	}
	q := `SELECT ` + columns + ` FROM library_docs` + where + newest
	if f.Limit > 0 {
		q += ` LIMIT ` + strconv.Itoa(f.Limit) + ` OFFSET ` + strconv.Itoa(max(f.Offset, 0))
	}
	rows, err := s.db.Read().QueryContext(ctx, q, args...)
	if err != nil {
		return nil, 0, err
	}
	out, err := scanAll(rows)
	return out, total, err
}

// TypeOption is a document type present in the library.
type TypeOption struct{ Code, Name string }

// Facets are the values the list's filters offer: the types and issuers present, in
// Vietnamese order, and the years of issue, latest first.
type Facets struct {
	Types   []TypeOption
	Issuers []string
	Years   []int
}

// Facets reads what the list's filters can offer.
func (s *Store) Facets(ctx context.Context) (Facets, error) {
	var out Facets
	rows, err := s.db.Read().QueryContext(ctx, `SELECT DISTINCT type_code, type_name FROM library_docs WHERE type_code <> ''`)
	if err != nil {
		return out, err
	}
	for rows.Next() {
		var t TypeOption
		if err := rows.Scan(&t.Code, &t.Name); err != nil {
			rows.Close()
			return out, err
		}
		out.Types = append(out.Types, t)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return out, err
	}
	vn.SortBy(out.Types, func(t TypeOption) string { return t.Name })
	rows, err = s.db.Read().QueryContext(ctx, `SELECT DISTINCT issuer FROM library_docs WHERE issuer <> ''`)
	if err != nil {
		return out, err
	}
	for rows.Next() {
		var is string
		if err := rows.Scan(&is); err != nil {
			rows.Close()
			return out, err
		}
		out.Issuers = append(out.Issuers, is)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return out, err
	}
	vn.SortStrings(out.Issuers)
	var first, last vn.Date
	if err := s.db.Read().QueryRowContext(ctx, `SELECT MIN(issued_on), MAX(issued_on) FROM library_docs`).Scan(&first, &last); err != nil {
		return out, err
	}
	if !last.IsZero() {
		for y := last.Year; y >= first.Year; y-- {
			out.Years = append(out.Years, y)
		}
	}
	return out, nil
}

// Create adds an entry to the library for in.OwnerAgencyID.
func (s *Store) Create(ctx context.Context, in Input) (*Entry, error) {
	e, errs := in.entry()
	now := store.Now()
	e.ID, e.OwnerAgencyID, e.RowVersion, e.CreatedAt, e.UpdatedAt = store.NewID(), strings.TrimSpace(in.OwnerAgencyID), 1, now, now
	err := s.db.Tx(ctx, func(tx *sql.Tx) error {
		if e.OwnerAgencyID == "" {
			errs.Add("owner_agency_id", "library.owner_required")
		} else {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM agencies WHERE id = $1`, e.OwnerAgencyID).Scan(&n); err != nil {
				return err
			}
			if n == 0 {
				errs.Add("owner_agency_id", "library.owner_required")
			}
		}
		if err := checkDuplicate(ctx, tx, &e, errs); err != nil {
			return err
		}
		if err := errs.Err(); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO library_docs (id, number, symbol, type_code, type_name, issuer, issued_on,
			summary, scope, url, owner_agency_id, search, row_version, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 1, $13, $13)`,
			e.ID, e.Number, e.Symbol, e.TypeCode, e.TypeName, e.Issuer, e.IssuedOn, e.Summary, string(e.Scope), e.URL,
			e.OwnerAgencyID, e.searchText(), now)
		if err != nil {
			return duplicateOr(err, &e)
		}
		if err := search.Put(ctx, tx, s.db.Dialect, e.searchDoc()); err != nil {
			return err
		}
		return audit.Record(ctx, tx, audit.Entry{Action: "create", Entity: "library_doc", EntityID: e.ID, AgencyID: e.OwnerAgencyID,
			Summary: "Thêm văn bản " + e.Heading(), After: &e})
	})
	if err != nil {
		return nil, err
	}
	return &e, nil
}

// Update corrects an entry. version is the RowVersion the form was opened with; the
// entry keeps the agency that added it.
func (s *Store) Update(ctx context.Context, id string, version int, in Input) (*Entry, error) {
	e, errs := in.entry()
	var after *Entry
	err := s.db.Tx(ctx, func(tx *sql.Tx) error {
		before, err := get(ctx, tx, id)
		if err != nil {
			return err
		}
		if before.RowVersion != version {
			return ErrStale
		}
		e.ID, e.OwnerAgencyID, e.CreatedAt = before.ID, before.OwnerAgencyID, before.CreatedAt
		e.RowVersion, e.UpdatedAt = before.RowVersion+1, store.Now()
		if err := checkDuplicate(ctx, tx, &e, errs); err != nil {
			return err
		}
		if err := errs.Err(); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE library_docs SET number = $1, symbol = $2, type_code = $3, type_name = $4, issuer = $5,
			issued_on = $6, summary = $7, scope = $8, url = $9, search = $10, row_version = $11, updated_at = $12 WHERE id = $13`,
			e.Number, e.Symbol, e.TypeCode, e.TypeName, e.Issuer, e.IssuedOn, e.Summary, string(e.Scope), e.URL, e.searchText(),
			e.RowVersion, e.UpdatedAt, e.ID)
		if err != nil {
			return duplicateOr(err, &e)
		}
		if err := search.Put(ctx, tx, s.db.Dialect, e.searchDoc()); err != nil {
			return err
		}
		after = &e
		return audit.Record(ctx, tx, audit.Entry{Action: "update", Entity: "library_doc", EntityID: e.ID, AgencyID: e.OwnerAgencyID,
			Summary: "Sửa văn bản " + e.Heading(), Before: before, After: &e})
	})
	return after, err
}

// SameDocument returns the entry already in the library for the document e
// describes (same number, symbol and date; e itself aside), or nil.
func (s *Store) SameDocument(ctx context.Context, e *Entry) (*Entry, error) {
	return sameDocument(ctx, s.db.Read(), e)
}

func sameDocument(ctx context.Context, q store.Querier, e *Entry) (*Entry, error) {
	if e.Number == "" {
		return nil, nil
	}
	query := `SELECT ` + columns + ` FROM library_docs WHERE number = $1 AND symbol = $2 AND id <> $3 AND `
	args := []any{e.Number, e.Symbol, e.ID}
	if e.IssuedOn.IsZero() {
		query += `issued_on IS NULL`
	} else {
		query += `issued_on = $4`
		args = append(args, e.IssuedOn)
	}
	other, err := scan(q.QueryRowContext(ctx, query+newest+` LIMIT 1`, args...))
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil
	}
	return other, err
}

// checkDuplicate refuses a second entry for the same document, naming the one
// already there. It runs inside the write transaction; the unique index catches two
// people adding the same document at the same moment.
func checkDuplicate(ctx context.Context, tx *sql.Tx, e *Entry, errs valid.Errors) error {
	if errs.Has("number_symbol") || errs.Has("issued_on") {
		return nil
	}
	other, err := sameDocument(ctx, tx, e)
	if err != nil || other == nil {
		return err
	}
	addDuplicate(errs, other)
	return nil
}

func addDuplicate(errs valid.Errors, other *Entry) {
	if other.IssuedOn.IsZero() {
		errs.Add("number_symbol", "library.duplicate_undated", other.Heading(), other.Summary)
	} else {
		errs.Add("number_symbol", "library.duplicate", other.Heading(), other.IssuedOn.Short(), other.Summary)
	}
}

// duplicateOr turns the unique index's refusal into the same message checkDuplicate
// gives; the row that won the race is not visible to this transaction, so the
// message names what was typed.
func duplicateOr(err error, e *Entry) error {
	if !store.IsUniqueViolation(err) {
		return err
	}
	errs := valid.Errors{}
	addDuplicate(errs, e)
	return errs.Err()
}
