package calendar

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"loa/internal/agency"
	"loa/internal/audit"
	"loa/internal/period"
	"loa/internal/store"
	"loa/internal/valid"
	"loa/internal/vn"
)

// ErrStale is returned when a rule changed since the form was opened.
var ErrStale = errors.New("deadline rule changed since it was read")

// Store reads and writes the holiday calendar and the deadline rules. It keeps each
// year's entries in memory and reloads a year when its version in the database moves,
// which an edit on any instance does.
type Store struct {
	db *store.DB

	mu    sync.Mutex
	years map[int]cachedYear
}

type cachedYear struct {
	version int
	entries []Holiday
}

// NewStore returns a Store over db.
func NewStore(db *store.DB) *Store { return &Store{db: db, years: map[int]cachedYear{}} }

// inRange tells whether the calendar holds year.
func inRange(year int) bool { return year >= MinYear && year <= MaxYear }

const holidayColumns = `id, year, falls_on, kind, name, source, generated, created_at`

func scanHoliday(row interface{ Scan(...any) error }) (Holiday, error) {
	var h Holiday
	err := row.Scan(&h.ID, &h.Year, &h.On, &h.Kind, &h.Name, &h.Source, &h.Generated, &h.CreatedAt)
	return h, store.NotFound(err)
}

// ensureYear writes the days the rules give for year, the first time the year is
// needed. Two instances may try at once: the first to record the year writes the days,
// the other finds it recorded and writes nothing.
func ensureYear(ctx context.Context, tx *sql.Tx, year int) error {
	res, err := tx.ExecContext(ctx, `INSERT INTO holiday_years (year, version, generated_at) VALUES ($1, 1, $2)
		ON CONFLICT (year) DO NOTHING`, year, store.Now())
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return err
	}
	now := store.Now()
	for _, h := range Defaults(year) {
		if _, err := tx.ExecContext(ctx, `INSERT INTO holidays (id, year, falls_on, kind, name, source, generated, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, TRUE, $7)`, store.NewID(), year, h.On, string(h.Kind), h.Name, h.Source, now); err != nil {
			return err
		}
	}
	return nil
}

// versions reads the version of each year the database has recorded.
func (s *Store) versions(ctx context.Context, years []int) (map[int]int, error) {
	args := make([]any, len(years))
	marks := make([]string, len(years))
	for i, y := range years {
		args[i], marks[i] = y, "$"+strconv.Itoa(i+1)
	}
	rows, err := s.db.Read().QueryContext(ctx, `SELECT year, version FROM holiday_years WHERE year IN (`+strings.Join(marks, ", ")+`)`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int]int{}
	for rows.Next() {
		var y, v int
		if err := rows.Scan(&y, &v); err != nil {
			return nil, err
		}
		out[y] = v
	}
	return out, rows.Err()
}

// load returns the entries of years, in order of their days, generating the years
// never needed before and reading again those edited since they were cached.
func (s *Store) load(ctx context.Context, years []int) ([]Holiday, error) {
	if len(years) == 0 {
		return nil, nil
	}
	versions, err := s.versions(ctx, years)
	if err != nil {
		return nil, err
	}
	var missing []int
	for _, y := range years {
		if _, ok := versions[y]; !ok {
			missing = append(missing, y)
		}
	}
	if len(missing) > 0 {
		if err := s.db.Tx(ctx, func(tx *sql.Tx) error {
			for _, y := range missing {
				if err := ensureYear(ctx, tx, y); err != nil {
					return err
				}
			}
			return nil
		}); err != nil {
			return nil, err
		}
		if versions, err = s.versions(ctx, years); err != nil {
			return nil, err
		}
	}
	var out []Holiday
	for _, y := range years {
		s.mu.Lock()
		c, ok := s.years[y]
		s.mu.Unlock()
		if !ok || c.version != versions[y] {
			// The version is read before the rows: an edit in between makes the next
			// call read the year again rather than keep the older rows.
			c = cachedYear{version: versions[y]}
			rows, err := s.db.Read().QueryContext(ctx, `SELECT `+holidayColumns+` FROM holidays WHERE year = $1 ORDER BY falls_on`, y)
			if err != nil {
				return nil, err
			}
			for rows.Next() {
				h, err := scanHoliday(rows)
				if err != nil {
					rows.Close()
					return nil, err
				}
				c.entries = append(c.entries, h)
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return nil, err
			}
			s.mu.Lock()
			s.years[y] = c
			s.mu.Unlock()
		}
		out = append(out, c.entries...)
	}
	return out, nil
}

// Calendar returns the calendar of years as the database holds it, the years never
// needed before generated from the rules first. Years outside MinYear–MaxYear are
// judged by the rules alone.
func (s *Store) Calendar(ctx context.Context, years ...int) (*Calendar, error) {
	var need []int
	for _, y := range years {
		if inRange(y) && !slices.Contains(need, y) {
			need = append(need, y)
		}
	}
	entries, err := s.load(ctx, need)
	if err != nil {
		return nil, err
	}
	return newCalendar(need, entries), nil
}

// Year lists the entries of year in order of their days.
func (s *Store) Year(ctx context.Context, year int) ([]Holiday, error) {
	if !inRange(year) {
		return nil, fmt.Errorf("calendar: year %d outside %d–%d", year, MinYear, MaxYear)
	}
	return s.load(ctx, []int{year})
}

// HolidayInput is an entry as the form sends it.
type HolidayInput struct {
	Year   int
	On     string // as typed: 27/01/2025
	Kind   Kind
	Name   string
	Source string
	UserID string // who enters it; "" for the command line
}

// check reads the input into an entry and says what is wrong with it on its own; the
// day's other entries are checked in the transaction.
func (in HolidayInput) check() (Holiday, valid.Errors) {
	errs := valid.Errors{}
	h := Holiday{Year: in.Year, Kind: in.Kind, Name: vn.Clean(in.Name), Source: vn.Clean(in.Source)}
	if !inRange(in.Year) {
		errs.Add("year", "calendar.year_range", MinYear, MaxYear)
	}
	if strings.TrimSpace(in.On) == "" {
		errs.Add("on", "valid.required")
	} else if d, err := vn.ParseUserDate(in.On); err != nil {
		errs.Add("on", "valid.date")
	} else {
		h.On = d
	}
	if !h.On.IsZero() && !errs.Has("year") && h.On.Year != in.Year {
		errs.Add("on", "calendar.outside_year", h.On.Short(), in.Year)
	}
	switch {
	case !in.Kind.Valid():
		errs.Add("kind", "calendar.kind_unknown")
	case h.On.IsZero():
	case in.Kind == KindWorkingSwap && !weekend(h.On):
		errs.Add("on", "calendar.working_swap_weekday", h.On.Short())
	case in.Kind == KindDayOffSwap && weekend(h.On):
		errs.Add("on", "calendar.day_off_swap_weekend", h.On.Short())
	}
	errs.Required("name", h.Name)
	errs.MaxLen("name", h.Name, 200)
	errs.Required("source", h.Source)
	errs.MaxLen("source", h.Source, 300)
	return h, errs
}

// overlap records that day d already has entry other.
func overlap(errs valid.Errors, d vn.Date, other string) {
	errs.Add("on", "calendar.overlap", d.Short(), other)
}

// Add enters a day of the government's notice: an extra day off, a day off in lieu,
// or one side of a swap. A day dated outside its year, or a day that already has an
// entry (generated ones included: delete it first to replace it), is refused.
func (s *Store) Add(ctx context.Context, in HolidayInput) (*Holiday, error) {
	h, errs := in.check()
	if err := errs.Err(); err != nil {
		return nil, err
	}
	h.ID, h.CreatedAt = store.NewID(), store.Now()
	err := s.db.Tx(ctx, func(tx *sql.Tx) error {
		if err := ensureYear(ctx, tx, h.Year); err != nil {
			return err
		}
		other, err := scanHoliday(tx.QueryRowContext(ctx, `SELECT `+holidayColumns+` FROM holidays WHERE falls_on = $1`, h.On))
		switch {
		case err == nil:
			overlap(errs, h.On, other.Name)
			return errs.Err()
		case !errors.Is(err, store.ErrNotFound):
			return err
		}
		var by any
		if in.UserID != "" {
			by = in.UserID
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO holidays (id, year, falls_on, kind, name, source, generated, created_by, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, FALSE, $7, $8)`, h.ID, h.Year, h.On, string(h.Kind), h.Name, h.Source, by, h.CreatedAt); err != nil {
			if store.IsUniqueViolation(err) {
				// Someone entered the day at the same moment; their row is not visible here.
				overlap(errs, h.On, h.Name)
				return errs.Err()
			}
			return err
		}
		if err := bump(ctx, tx, h.Year); err != nil {
			return err
		}
		return audit.Record(ctx, tx, audit.Entry{Action: "create", Entity: "holiday", EntityID: h.ID,
			Summary: "Thêm vào lịch nghỉ ngày " + h.On.Short() + ": " + h.Name, After: &h})
	})
	if err != nil {
		return nil, err
	}
	s.forget(h.Year)
	return &h, nil
}

// Delete removes an entry, generated or entered, and returns it.
func (s *Store) Delete(ctx context.Context, id string) (*Holiday, error) {
	var h Holiday
	err := s.db.Tx(ctx, func(tx *sql.Tx) error {
		var err error
		if h, err = scanHoliday(tx.QueryRowContext(ctx, `SELECT `+holidayColumns+` FROM holidays WHERE id = $1`, id)); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM holidays WHERE id = $1`, id); err != nil {
			return err
		}
		if err := bump(ctx, tx, h.Year); err != nil {
			return err
		}
		return audit.Record(ctx, tx, audit.Entry{Action: "delete", Entity: "holiday", EntityID: h.ID,
			Summary: "Xóa khỏi lịch nghỉ ngày " + h.On.Short() + ": " + h.Name, Before: &h})
	})
	if err != nil {
		return nil, err
	}
	s.forget(h.Year)
	return &h, nil
}

// bump moves a year's version, which tells every instance to read the year again.
func bump(ctx context.Context, tx *sql.Tx, year int) error {
	_, err := tx.ExecContext(ctx, `UPDATE holiday_years SET version = version + 1 WHERE year = $1`, year)
	return err
}

func (s *Store) forget(year int) {
	s.mu.Lock()
	delete(s.years, year)
	s.mu.Unlock()
}

const ruleColumns = `id, relation, from_agency_kind, COALESCE(from_agency_id, ''), period_kinds, base, day_of_month, offset_days,
	description, row_version`

func scanRule(row interface{ Scan(...any) error }) (Rule, error) {
	var r Rule
	var kinds string
	if err := row.Scan(&r.ID, &r.Relation, &r.AgencyKind, &r.AgencyID, &kinds, &r.Base, &r.Day, &r.Offset, &r.Description,
		&r.RowVersion); err != nil {
		return r, store.NotFound(err)
	}
	if err := json.Unmarshal([]byte(kinds), &r.Periods); err != nil {
		return r, fmt.Errorf("deadline rule %s: period kinds: %w", r.ID, err)
	}
	return r, nil
}

// Rules lists the deadline rules by relation, the rules for any agency first.
func (s *Store) Rules(ctx context.Context) ([]Rule, error) {
	return rules(ctx, s.db.Read())
}

func rules(ctx context.Context, q store.Querier) ([]Rule, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+ruleColumns+` FROM deadline_rules
		ORDER BY relation, from_agency_id IS NOT NULL, from_agency_kind, id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Rule
	for rows.Next() {
		r, err := scanRule(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// SaveRules applies the lines of the rules form: a line with a rule's id updates it
// or, ticked, deletes it; a line without one adds a rule. Rules no line names stay as
// they are. A rule changed by someone else since the form was read fails with ErrStale.
func (s *Store) SaveRules(ctx context.Context, lines []RuleLine) error {
	for i := range lines {
		lines[i].Rule.normalise()
	}
	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		current, err := rules(ctx, tx)
		if err != nil {
			return err
		}
		byID := map[string]Rule{}
		for _, r := range current {
			byID[r.ID] = r
		}
		var kept []Rule
		for _, r := range current {
			if !slices.ContainsFunc(lines, func(l RuleLine) bool { return l.Rule.ID == r.ID }) {
				kept = append(kept, r)
			}
		}
		errs := checkRules(lines, kept)
		for _, l := range lines {
			if l.Delete || l.Rule.AgencyID == "" || errs.Has(fmt.Sprintf("agency_id_%d", l.Line)) {
				continue
			}
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM agencies WHERE id = $1`, l.Rule.AgencyID).Scan(&n); err != nil {
				return err
			}
			if n == 0 {
				errs.Add(fmt.Sprintf("agency_id_%d", l.Line), "calendar.rule.agency_unknown")
			}
		}
		if err := errs.Err(); err != nil {
			return err
		}
		now := store.Now()
		for _, l := range lines {
			r := l.Rule
			before, existing := byID[r.ID]
			if r.ID != "" && !existing {
				return ErrStale // deleted meanwhile
			}
			kinds, err := json.Marshal(r.Periods)
			if err != nil {
				return err
			}
			var res sql.Result
			switch {
			case l.Delete:
				res, err = tx.ExecContext(ctx, `DELETE FROM deadline_rules WHERE id = $1 AND row_version = $2`, r.ID, r.RowVersion)
			case existing:
				res, err = tx.ExecContext(ctx, `UPDATE deadline_rules SET relation = $1, from_agency_kind = $2, from_agency_id = $3,
					period_kinds = $4, base = $5, day_of_month = $6, offset_days = $7, description = $8, row_version = row_version + 1,
					updated_at = $9 WHERE id = $10 AND row_version = $11`,
					r.Relation, string(r.AgencyKind), nullable(r.AgencyID), string(kinds), string(r.Base), r.Day, r.Offset, r.Description,
					now, r.ID, r.RowVersion)
			default:
				r.ID, r.RowVersion = store.NewID(), 1
				res, err = tx.ExecContext(ctx, `INSERT INTO deadline_rules (id, relation, from_agency_kind, from_agency_id, period_kinds,
					base, day_of_month, offset_days, description, row_version, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1, $10)`,
					r.ID, r.Relation, string(r.AgencyKind), nullable(r.AgencyID), string(kinds), string(r.Base), r.Day, r.Offset,
					r.Description, now)
			}
			if err != nil {
				return err
			}
			if n, err := res.RowsAffected(); err != nil {
				return err
			} else if n == 0 {
				return ErrStale
			}
			e := audit.Entry{Entity: "deadline_rule", EntityID: r.ID, AgencyID: r.AgencyID}
			switch {
			case l.Delete:
				e.Action, e.Summary, e.Before = "delete", "Xóa quy tắc hạn báo cáo "+before.Relation, &before
			case existing:
				r.RowVersion++
				e.Action, e.Summary, e.Before, e.After = "update", "Sửa quy tắc hạn báo cáo "+r.Relation, &before, &r
			default:
				e.Action, e.Summary, e.After = "create", "Thêm quy tắc hạn báo cáo "+r.Relation, &r
			}
			if err := audit.Record(ctx, tx, e); err != nil {
				return err
			}
		}
		return nil
	})
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// RelationOf is the reporting relation along which an agency of kind sends its
// periodic report: the People's Committee to the ministry, a department to Sở Nội
// vụ, any unit below to its office.
func RelationOf(kind agency.Kind) string {
	switch kind {
	case agency.KindPeoplesCommittee:
		return RelationMinistry
	case agency.KindDepartment:
		return RelationDepartmentToHomeAffairs
	}
	return RelationUnitToOffice
}

// ReportDeadline is when ag's report for period p is due under the rule that applies
// to it (see RelationOf and Select), or the zero Date when no rule does.
func (s *Store) ReportDeadline(ctx context.Context, ag *agency.Agency, p period.Period) (vn.Date, error) {
	all, err := s.Rules(ctx)
	if err != nil {
		return vn.Date{}, err
	}
	r, ok := Select(all, RelationOf(ag.Kind), ag.ID, ag.Kind, p.Kind)
	if !ok {
		return vn.Date{}, nil
	}
	// A deadline counted past the cut-off's year runs into the next one.
	cal, err := s.Calendar(ctx, p.To.Year, p.To.Year+1)
	if err != nil {
		return vn.Date{}, err
	}
	return cal.Deadline(r, p), nil
}
