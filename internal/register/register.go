// Package register gives documents their numbers. Decree 30/2020/NĐ-CP, Art. 15: an
// agency numbers what it issues per calendar year from 01, in one sequence for all
// types or one per type as it decides, and a number and symbol is never given twice in
// a year. The number is given at signing, inside the transaction that issues.
package register

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"loa/internal/store"
	"loa/internal/vn"
)

// Mode is how an agency numbers its documents.
type Mode string

const (
	// Single is one sequence for every type of document.
	Single Mode = "single"
	// PerType is one sequence per type (KH, BC, QĐ …).
	PerType Mode = "per_type"
)

// ErrTaken is returned when a number and symbol were already given in the year.
var ErrTaken = errors.New("số và ký hiệu văn bản đã được cấp trong năm")

// Settings are an agency's document settings.
type Settings struct {
	AgencyID  string
	Place     string // printed before the date: "Cần Thơ"
	Numbering Mode
}

// Get returns the settings of an agency (defaults when none were saved).
func Get(ctx context.Context, q store.Querier, agencyID string) (Settings, error) {
	s := Settings{AgencyID: agencyID, Numbering: Single}
	err := q.QueryRowContext(ctx, `SELECT place, numbering FROM agency_settings WHERE agency_id = $1`, agencyID).Scan(&s.Place, &s.Numbering)
	if errors.Is(err, sql.ErrNoRows) {
		return s, nil
	}
	return s, err
}

// Save stores an agency's settings.
func Save(ctx context.Context, q store.Querier, s Settings) error {
	if s.Numbering != Single && s.Numbering != PerType {
		return fmt.Errorf("unknown numbering mode %q", s.Numbering)
	}
	_, err := q.ExecContext(ctx, `INSERT INTO agency_settings (agency_id, place, numbering, updated_at) VALUES ($1, $2, $3, $4)
		ON CONFLICT (agency_id) DO UPDATE SET place = excluded.place, numbering = excluded.numbering, updated_at = excluded.updated_at`,
		s.AgencyID, vn.Clean(s.Place), s.Numbering, store.Now())
	return err
}

// Issue takes the next number of agencyID's register for the year of on, records it
// with the full symbol (for example "KH-SKHCN") against the document, and returns it
// written as documents print it ("05"). Call it inside the transaction that issues the
// document: if that transaction rolls back, the number is not used.
func Issue(ctx context.Context, tx *sql.Tx, agencyID, typeCode, symbol, docKind, docID string, on vn.Date) (string, error) {
	settings, err := Get(ctx, tx, agencyID)
	if err != nil {
		return "", err
	}
	key := ""
	if settings.Numbering == PerType {
		key = typeCode
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO number_registers (agency_id, year, type_code, last_number) VALUES ($1, $2, $3, 0)
		ON CONFLICT (agency_id, year, type_code) DO NOTHING`, agencyID, on.Year, key); err != nil {
		return "", err
	}
	// The UPDATE takes the register's row lock: two issuances at the same moment queue
	// here, and each reads the number the other committed. A number already given
	// under the symbol (the agency switched from one sequence to one per type during
	// the year) is skipped.
	for {
		var n int
		if err := tx.QueryRowContext(ctx, `UPDATE number_registers SET last_number = last_number + 1
			WHERE agency_id = $1 AND year = $2 AND type_code = $3 RETURNING last_number`, agencyID, on.Year, key).Scan(&n); err != nil {
			return "", err
		}
		var taken int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM issued_numbers WHERE agency_id = $1 AND year = $2 AND number = $3 AND symbol = $4`,
			agencyID, on.Year, n, symbol).Scan(&taken); err != nil {
			return "", err
		}
		if taken > 0 {
			continue
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO issued_numbers (agency_id, year, number, symbol, doc_kind, doc_id, issued_on, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, agencyID, on.Year, n, symbol, docKind, docID, on, store.Now())
		if store.IsUniqueViolation(err) {
			return "", ErrTaken
		}
		if err != nil {
			return "", err
		}
		return Format(n), nil
	}
}

// Format writes a number as Decree 30 prints it: two digits below 10 ("05").
func Format(n int) string { return fmt.Sprintf("%02d", n) }
