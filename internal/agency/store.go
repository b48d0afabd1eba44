package agency

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"loa/internal/audit"
	"loa/internal/store"
	"loa/internal/valid"
	"loa/internal/vn"
)

// ErrStale is returned when the agency changed since the form was opened.
var ErrStale = errors.New("agency changed since it was read")

// Store reads and writes agencies.
type Store struct{ db *store.DB }

// NewStore returns a Store over db.
func NewStore(db *store.DB) *Store { return &Store{db: db} }

const columns = `id, name, short_name, abbr, kind, COALESCE(parent_id, ''), electronic_id, external,
	COALESCE(merged_into, ''), ended_on, row_version, created_at, updated_at`

func scan(row interface{ Scan(...any) error }) (*Agency, error) {
	var a Agency
	err := row.Scan(&a.ID, &a.Name, &a.ShortName, &a.Abbr, &a.Kind, &a.ParentID, &a.ElectronicID, &a.External,
		&a.MergedInto, &a.EndedOn, &a.RowVersion, &a.CreatedAt, &a.UpdatedAt)
	if err != nil {
		return nil, store.NotFound(err)
	}
	return &a, nil
}

// Get returns the agency with id.
func (s *Store) Get(ctx context.Context, id string) (*Agency, error) {
	return get(ctx, s.db.Read(), id)
}

func get(ctx context.Context, q store.Querier, id string) (*Agency, error) {
	return scan(q.QueryRowContext(ctx, `SELECT `+columns+` FROM agencies WHERE id = $1`, id))
}

// All returns every agency, merged ones included.
func (s *Store) All(ctx context.Context) ([]*Agency, error) {
	rows, err := s.db.Read().QueryContext(ctx, `SELECT `+columns+` FROM agencies`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*Agency
	for rows.Next() {
		a, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// Count returns how many agencies exist.
func (s *Store) Count(ctx context.Context) (int, error) {
	var n int
	err := s.db.Read().QueryRowContext(ctx, `SELECT COUNT(*) FROM agencies`).Scan(&n)
	return n, err
}

// ByAbbr finds the one active agency with abbreviation abbr. An abbreviation is
// unique among siblings only, so "VP" may be ambiguous: then a path of abbreviations
// from an ancestor ("SKHCN/VP") picks one.
func (s *Store) ByAbbr(ctx context.Context, abbr string) (*Agency, error) {
	parts := strings.Split(strings.ToUpper(strings.TrimSpace(abbr)), "/")
	var parent *Agency
	for i, p := range parts {
		q := `SELECT ` + columns + ` FROM agencies WHERE abbr = $1 AND merged_into IS NULL`
		args := []any{p}
		if parent != nil {
			q += ` AND parent_id = $2`
			args = append(args, parent.ID)
		}
		rows, err := s.db.Read().QueryContext(ctx, q, args...)
		if err != nil {
			return nil, err
		}
		var found []*Agency
		for rows.Next() {
			a, err := scan(rows)
			if err != nil {
				rows.Close()
				return nil, err
			}
			found = append(found, a)
		}
		rows.Close()
		switch {
		case len(found) == 0:
			return nil, fmt.Errorf("không có cơ quan viết tắt %q: %w", strings.Join(parts[:i+1], "/"), store.ErrNotFound)
		case len(found) > 1:
			return nil, fmt.Errorf("có %d cơ quan viết tắt %q: ghi rõ cơ quan cấp trên, ví dụ CHA/%s", len(found), p, p)
		}
		parent = found[0]
	}
	return parent, nil
}

// Ancestry returns id and its ancestors, nearest first: the agencies whose memberships
// reach id.
func (s *Store) Ancestry(ctx context.Context, id string) ([]string, error) {
	return ancestry(ctx, s.db.Read(), id)
}

func ancestry(ctx context.Context, q store.Querier, id string) ([]string, error) {
	return store.Strings(ctx, q, `WITH RECURSIVE up(id, parent_id, depth) AS (
			SELECT id, parent_id, 0 FROM agencies WHERE id = $1
			UNION ALL
			SELECT a.id, a.parent_id, up.depth + 1 FROM agencies a JOIN up ON a.id = up.parent_id WHERE up.depth < 64
		) SELECT id FROM up ORDER BY depth`, id)
}

// Subtree returns id and every agency below it.
func (s *Store) Subtree(ctx context.Context, id string) ([]string, error) {
	return store.Strings(ctx, s.db.Read(), `WITH RECURSIVE down(id, depth) AS (
			SELECT id, 0 FROM agencies WHERE id = $1
			UNION ALL
			SELECT a.id, down.depth + 1 FROM agencies a JOIN down ON a.parent_id = down.id WHERE down.depth < 64
		) SELECT id FROM down`, id)
}

// History returns every dated state of an agency, oldest first.
func (s *Store) History(ctx context.Context, id string) ([]Period, error) {
	rows, err := s.db.Read().QueryContext(ctx, `SELECT id, agency_id, valid_from, valid_to, name, short_name, abbr,
		COALESCE(parent_id, ''), reason FROM agency_history WHERE agency_id = $1 ORDER BY valid_from, recorded_at`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Period
	for rows.Next() {
		var p Period
		if err := rows.Scan(&p.ID, &p.AgencyID, &p.ValidFrom, &p.ValidTo, &p.Name, &p.ShortName, &p.Abbr, &p.ParentID, &p.Reason); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// AsOf returns the agency's name, abbreviation and parent on day d: what a document
// issued that day prints. Before the first recorded period it gives the first.
func (s *Store) AsOf(ctx context.Context, id string, d vn.Date) (Period, error) {
	hist, err := s.History(ctx, id)
	if err != nil {
		return Period{}, err
	}
	if len(hist) == 0 {
		return Period{}, store.ErrNotFound
	}
	for i := len(hist) - 1; i >= 0; i-- {
		if !hist[i].ValidFrom.After(d) {
			return hist[i], nil
		}
	}
	return hist[0], nil
}

// Create adds an agency. Its first period starts on in.From, or today.
func (s *Store) Create(ctx context.Context, in Input) (*Agency, error) {
	in.normalise()
	if in.From.IsZero() {
		in.From = vn.Today()
	}
	now := store.Now()
	a := &Agency{ID: store.NewID(), Name: in.Name, ShortName: in.ShortName, Abbr: in.Abbr, Kind: in.Kind, ParentID: in.ParentID,
		ElectronicID: in.ElectronicID, External: in.External, RowVersion: 1, CreatedAt: now, UpdatedAt: now}
	err := s.db.Tx(ctx, func(tx *sql.Tx) error {
		if err := validate(ctx, tx, "", in); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO agencies (id, name, short_name, abbr, kind, parent_id, electronic_id, external,
			row_version, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1, $9, $9)`,
			a.ID, a.Name, a.ShortName, a.Abbr, a.Kind, nullable(a.ParentID), a.ElectronicID, a.External, now)
		if err != nil {
			return err
		}
		if err := addPeriod(ctx, tx, a, in.From, in.Reason); err != nil {
			return err
		}
		return audit.Record(ctx, tx, audit.Entry{Action: "create", Entity: "agency", EntityID: a.ID, AgencyID: a.ID,
			Summary: "Thêm cơ quan " + a.Name, After: a})
	})
	if err != nil {
		return nil, err
	}
	return a, nil
}

// Update changes an agency. With in.From set, a new name or abbreviation starts a new
// period on that day and the old one is kept; without it, the current period is
// corrected in place. version is the RowVersion the form was opened with.
func (s *Store) Update(ctx context.Context, id string, version int, in Input) (*Agency, error) {
	in.normalise()
	var after *Agency
	err := s.db.Tx(ctx, func(tx *sql.Tx) error {
		before, err := get(ctx, tx, id)
		if err != nil {
			return err
		}
		if before.RowVersion != version {
			return ErrStale
		}
		errs := valid.Errors{}
		if !before.Active() {
			errs.Add("", "agency.merged_readonly")
			return errs.Err()
		}
		in.ParentID = before.ParentID // moving is its own action, with its own checks
		if err := validate(ctx, tx, id, in); err != nil {
			return err
		}
		a := *before
		a.Name, a.ShortName, a.Abbr, a.Kind = in.Name, in.ShortName, in.Abbr, in.Kind
		a.ElectronicID, a.External = in.ElectronicID, in.External
		a.RowVersion++
		a.UpdatedAt = store.Now()
		if err := save(ctx, tx, &a); err != nil {
			return err
		}
		renamed := a.Name != before.Name || a.ShortName != before.ShortName || a.Abbr != before.Abbr
		if renamed && !in.From.IsZero() {
			if err := startPeriod(ctx, tx, &a, in.From, in.Reason); err != nil {
				return err
			}
		} else if _, err := tx.ExecContext(ctx, `UPDATE agency_history SET name = $1, short_name = $2, abbr = $3
			WHERE agency_id = $4 AND valid_to IS NULL`, a.Name, a.ShortName, a.Abbr, a.ID); err != nil {
			return err
		}
		after = &a
		return audit.Record(ctx, tx, audit.Entry{Action: "update", Entity: "agency", EntityID: a.ID, AgencyID: a.ID,
			Summary: "Sửa cơ quan " + a.Name, Before: before, After: &a})
	})
	return after, err
}

// Move gives an agency a new parent from day from. A move that would put an agency
// under itself or its own descendant is refused.
func (s *Store) Move(ctx context.Context, id string, version int, parentID string, from vn.Date, reason string) (*Agency, error) {
	if from.IsZero() {
		from = vn.Today()
	}
	var after *Agency
	err := s.db.Tx(ctx, func(tx *sql.Tx) error {
		before, err := get(ctx, tx, id)
		if err != nil {
			return err
		}
		if before.RowVersion != version {
			return ErrStale
		}
		errs := valid.Errors{}
		if !before.Active() {
			errs.Add("", "agency.merged_readonly")
			return errs.Err()
		}
		if parentID == before.ParentID {
			errs.Add("parent_id", "agency.move_same_parent")
			return errs.Err()
		}
		in := Input{Name: before.Name, Abbr: before.Abbr, Kind: before.Kind, ParentID: parentID, ElectronicID: before.ElectronicID}
		if err := validate(ctx, tx, id, in); err != nil {
			return err
		}
		a := *before
		a.ParentID = parentID
		a.RowVersion++
		a.UpdatedAt = store.Now()
		if err := save(ctx, tx, &a); err != nil {
			return err
		}
		if err := startPeriod(ctx, tx, &a, from, vn.Clean(reason)); err != nil {
			return err
		}
		after = &a
		return audit.Record(ctx, tx, audit.Entry{Action: "move", Entity: "agency", EntityID: a.ID, AgencyID: a.ID,
			Summary: "Chuyển cơ quan " + a.Name, Before: before, After: &a})
	})
	return after, err
}

// Merge ends agency id on day from and folds it into target: its sub-agencies, users
// and memberships pass to target; the merged agency itself stays, read-only, so every
// record that names it still reads as it was.
func (s *Store) Merge(ctx context.Context, id string, version int, targetID string, from vn.Date, reason string) error {
	if from.IsZero() {
		from = vn.Today()
	}
	reason = vn.Clean(reason)
	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		before, err := get(ctx, tx, id)
		if err != nil {
			return err
		}
		if before.RowVersion != version {
			return ErrStale
		}
		errs := valid.Errors{}
		if !before.Active() {
			errs.Add("", "agency.merged_readonly")
			return errs.Err()
		}
		target, err := get(ctx, tx, targetID)
		switch {
		case errors.Is(err, store.ErrNotFound) || targetID == id:
			errs.Add("target_id", "agency.merge_target_invalid")
			return errs.Err()
		case err != nil:
			return err
		case !target.Active():
			errs.Add("target_id", "agency.merge_target_merged")
			return errs.Err()
		}
		up, err := ancestry(ctx, tx, targetID)
		if err != nil {
			return err
		}
		for _, u := range up {
			if u == id {
				errs.Add("target_id", "agency.merge_into_descendant")
				return errs.Err()
			}
		}
		// Like a rename or a move, a merge cannot be dated before the latest change: the
		// current period would end before it began.
		var last vn.Date
		if err := tx.QueryRowContext(ctx, `SELECT MAX(valid_from) FROM agency_history WHERE agency_id = $1`, id).Scan(&last); err != nil {
			return err
		}
		if !last.IsZero() && from.Before(last) {
			errs.Add("from", "agency.from_before_last", last.Short())
			return errs.Err()
		}
		now := store.Now()
		a := *before
		a.MergedInto, a.EndedOn, a.RowVersion, a.UpdatedAt = targetID, from, a.RowVersion+1, now
		if _, err := tx.ExecContext(ctx, `UPDATE agencies SET merged_into = $1, ended_on = $2, row_version = $3, updated_at = $4 WHERE id = $5`,
			targetID, from, a.RowVersion, now, id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE agency_history SET valid_to = $1, reason = CASE WHEN reason = '' THEN $2 ELSE reason END
			WHERE agency_id = $3 AND valid_to IS NULL`, from, reason, id); err != nil {
			return err
		}
		children, err := childrenOf(ctx, tx, id)
		if err != nil {
			return err
		}
		for _, c := range children {
			// A sub-unit keeps its abbreviation: it must still be unique among its new siblings.
			var taken int
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM agencies WHERE parent_id = $1 AND abbr = $2 AND merged_into IS NULL`,
				targetID, c.Abbr).Scan(&taken); err != nil {
				return err
			}
			if taken > 0 {
				errs.Add("target_id", "agency.abbr_taken", c.Abbr)
				return errs.Err()
			}
			moved := *c
			moved.ParentID, moved.RowVersion, moved.UpdatedAt = targetID, c.RowVersion+1, now
			if err := save(ctx, tx, &moved); err != nil {
				return err
			}
			if err := startPeriod(ctx, tx, &moved, from, "Sáp nhập "+before.Name+" vào "+target.Name); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE users SET agency_id = $1, updated_at = $2 WHERE agency_id = $3`, targetID, now, id); err != nil {
			return err
		}
		// A membership that the target already grants would violate uniqueness: drop it, move the rest.
		if _, err := tx.ExecContext(ctx, `DELETE FROM memberships WHERE agency_id = $1 AND EXISTS (
			SELECT 1 FROM memberships m WHERE m.user_id = memberships.user_id AND m.role = memberships.role AND m.agency_id = $2)`, id, targetID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE memberships SET agency_id = $1 WHERE agency_id = $2`, targetID, id); err != nil {
			return err
		}
		return audit.Record(ctx, tx, audit.Entry{Action: "merge", Entity: "agency", EntityID: id, AgencyID: targetID,
			Summary: "Sáp nhập " + before.Name + " vào " + target.Name, Before: before, After: &a})
	})
}

func childrenOf(ctx context.Context, q store.Querier, id string) ([]*Agency, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+columns+` FROM agencies WHERE parent_id = $1 AND merged_into IS NULL`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*Agency
	for rows.Next() {
		a, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

func save(ctx context.Context, tx *sql.Tx, a *Agency) error {
	_, err := tx.ExecContext(ctx, `UPDATE agencies SET name = $1, short_name = $2, abbr = $3, kind = $4, parent_id = $5,
		electronic_id = $6, external = $7, row_version = $8, updated_at = $9 WHERE id = $10`,
		a.Name, a.ShortName, a.Abbr, a.Kind, nullable(a.ParentID), a.ElectronicID, a.External, a.RowVersion, a.UpdatedAt, a.ID)
	return err
}

// startPeriod closes the current period the day before from and opens a new one with
// a's current name, abbreviation and parent.
func startPeriod(ctx context.Context, tx *sql.Tx, a *Agency, from vn.Date, reason string) error {
	var last vn.Date
	if err := tx.QueryRowContext(ctx, `SELECT MAX(valid_from) FROM agency_history WHERE agency_id = $1`, a.ID).Scan(&last); err != nil {
		return err
	}
	if !last.IsZero() && from.Before(last) {
		errs := valid.Errors{}
		errs.Add("from", "agency.from_before_last", last.Short())
		return errs.Err()
	}
	if from == last {
		// A second change on the same day replaces that day's state: a period of
		// zero length would print nowhere.
		_, err := tx.ExecContext(ctx, `UPDATE agency_history SET name = $1, short_name = $2, abbr = $3, parent_id = $4,
			reason = CASE WHEN $5 = '' THEN reason ELSE $5 END WHERE agency_id = $6 AND valid_to IS NULL`,
			a.Name, a.ShortName, a.Abbr, nullable(a.ParentID), reason, a.ID)
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE agency_history SET valid_to = $1 WHERE agency_id = $2 AND valid_to IS NULL`, from, a.ID); err != nil {
		return err
	}
	return addPeriod(ctx, tx, a, from, reason)
}

func addPeriod(ctx context.Context, tx *sql.Tx, a *Agency, from vn.Date, reason string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO agency_history (id, agency_id, valid_from, name, short_name, abbr, parent_id, reason, recorded_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
		store.NewID(), a.ID, from, a.Name, a.ShortName, a.Abbr, nullable(a.ParentID), reason, store.Now())
	return err
}

// validate checks in for agency self ("" when creating), inside the write transaction
// so two people cannot both take the same abbreviation.
func validate(ctx context.Context, tx *sql.Tx, self string, in Input) error {
	errs := valid.Errors{}
	errs.Required("name", in.Name)
	errs.MaxLen("name", in.Name, 255)
	errs.MaxLen("short_name", in.ShortName, 100)
	errs.Required("abbr", in.Abbr)
	if in.Abbr != "" && !abbrPattern.MatchString(in.Abbr) {
		errs.Add("abbr", "agency.abbr_format")
	}
	errs.MaxLen("abbr", in.Abbr, 20)
	if !in.Kind.Valid() {
		errs.Add("kind", "agency.kind_required")
	}
	if in.ElectronicID != "" && !electronicID.MatchString(in.ElectronicID) {
		errs.Add("electronic_id", "agency.electronic_id_format")
	}
	if in.ParentID != "" {
		parent, err := get(ctx, tx, in.ParentID)
		switch {
		case errors.Is(err, store.ErrNotFound):
			errs.Add("parent_id", "agency.parent_missing")
		case err != nil:
			return err
		case !parent.Active():
			errs.Add("parent_id", "agency.parent_merged")
		case self != "":
			up, err := ancestry(ctx, tx, in.ParentID)
			if err != nil {
				return err
			}
			for _, u := range up {
				if u == self {
					errs.Add("parent_id", "agency.cycle")
					break
				}
			}
		}
	}
	if in.Abbr != "" && !errs.Has("parent_id") {
		var n int
		err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM agencies WHERE abbr = $1 AND id <> $2 AND merged_into IS NULL
			AND COALESCE(parent_id, '') = $3`, in.Abbr, self, in.ParentID).Scan(&n)
		if err != nil {
			return err
		}
		if n > 0 {
			errs.Add("abbr", "agency.abbr_taken", in.Abbr)
		}
	}
	return errs.Err()
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}
