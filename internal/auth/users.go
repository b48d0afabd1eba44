package auth

import (
	"context"
	"database/sql"
	"errors"
	"regexp"
	"strconv"
	"strings"
	"time"

	"loa/internal/audit"
	"loa/internal/store"
	"loa/internal/valid"
	"loa/internal/vn"
)

// User is an account. The password hash never leaves this package's SQL.
type User struct {
	ID          string     `json:"id"`
	Username    string     `json:"username"`
	FullName    string     `json:"full_name"`
	Email       string     `json:"email"`
	JobTitle    string     `json:"job_title"`
	AgencyID    string     `json:"agency_id"`
	Disabled    bool       `json:"disabled"`
	LastLoginAt *time.Time `json:"-"`
	RowVersion  int        `json:"row_version"`
	CreatedAt   time.Time  `json:"-"`
}

// UserInput is what a form or the command line gives to create or change a user.
type UserInput struct {
	Username string
	FullName string
	Email    string
	JobTitle string
	AgencyID string
	Password string // only when creating
}

// Store reads and writes users and memberships.
type Store struct{ db *store.DB }

// NewStore returns a Store over db.
func NewStore(db *store.DB) *Store { return &Store{db: db} }

const userColumns = `id, username, full_name, email, job_title, agency_id, disabled, last_login_at, row_version, created_at`

func scanUser(row interface{ Scan(...any) error }) (*User, error) {
	var u User
	var last sql.NullTime
	if err := row.Scan(&u.ID, &u.Username, &u.FullName, &u.Email, &u.JobTitle, &u.AgencyID, &u.Disabled, &last, &u.RowVersion, &u.CreatedAt); err != nil {
		return nil, store.NotFound(err)
	}
	if last.Valid {
		u.LastLoginAt = &last.Time
	}
	return &u, nil
}

var usernamePattern = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{1,63}$`)
var emailPattern = regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[^@\s]+$`)

// ErrStale is returned when a user changed since the form was opened.
var ErrStale = errors.New("user changed since it was read")

func (in *UserInput) normalise() {
	in.Username = strings.ToLower(strings.TrimSpace(in.Username))
	in.FullName = vn.Clean(in.FullName)
	in.Email = strings.TrimSpace(in.Email)
	in.JobTitle = vn.Clean(in.JobTitle)
}

func (in *UserInput) check(creating bool) valid.Errors {
	errs := valid.Errors{}
	if creating {
		errs.Required("username", in.Username)
		if in.Username != "" && !usernamePattern.MatchString(in.Username) {
			errs.Add("username", "auth.username_format")
		}
		if p := passwordProblem(in.Password, in.Username); p != "" {
			errs.Add("password", p)
		}
	}
	errs.Required("full_name", in.FullName)
	errs.MaxLen("full_name", in.FullName, 120)
	if in.Email != "" && !emailPattern.MatchString(in.Email) {
		errs.Add("email", "auth.email_format")
	}
	errs.MaxLen("job_title", in.JobTitle, 120)
	errs.Required("agency_id", in.AgencyID)
	return errs
}

// Create adds a user with the given memberships. The password is hashed before the
// transaction opens.
func (s *Store) Create(ctx context.Context, in UserInput, roles []Membership) (*User, error) {
	in.normalise()
	errs := in.check(true)
	if len(errs) > 0 {
		return nil, errs.Err()
	}
	hash, err := HashPassword(in.Password)
	if err != nil {
		return nil, err
	}
	now := store.Now()
	u := &User{ID: store.NewID(), Username: in.Username, FullName: in.FullName, Email: in.Email, JobTitle: in.JobTitle,
		AgencyID: in.AgencyID, RowVersion: 1, CreatedAt: now}
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		if err := agencyExists(ctx, tx, in.AgencyID, "agency_id"); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO users (id, username, full_name, email, job_title, agency_id, password_hash,
			row_version, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8, $8)`,
			u.ID, u.Username, u.FullName, u.Email, u.JobTitle, u.AgencyID, hash, now)
		if store.IsUniqueViolation(err) {
			errs := valid.Errors{}
			errs.Add("username", "auth.username_taken", u.Username)
			return errs.Err()
		}
		if err != nil {
			return err
		}
		if err := audit.Record(ctx, tx, audit.Entry{Action: "create", Entity: "user", EntityID: u.ID, AgencyID: u.AgencyID,
			Summary: "Thêm người dùng " + u.Username, After: u}); err != nil {
			return err
		}
		for _, m := range roles {
			m.UserID = u.ID
			if err := addMembership(ctx, tx, m); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return u, nil
}

func agencyExists(ctx context.Context, q store.Querier, id, field string) error {
	var merged sql.NullString
	err := q.QueryRowContext(ctx, `SELECT merged_into FROM agencies WHERE id = $1`, id).Scan(&merged)
	errs := valid.Errors{}
	switch {
	case errors.Is(err, sql.ErrNoRows):
		errs.Add(field, "agency.parent_missing")
	case err != nil:
		return err
	case merged.Valid:
		errs.Add(field, "agency.parent_merged")
	}
	return errs.Err()
}

// Update changes a user's name, e-mail, title and agency.
func (s *Store) Update(ctx context.Context, id string, version int, in UserInput) (*User, error) {
	in.normalise()
	if errs := in.check(false); len(errs) > 0 {
		return nil, errs.Err()
	}
	var after *User
	err := s.db.Tx(ctx, func(tx *sql.Tx) error {
		before, err := scanUser(tx.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE id = $1`, id))
		if err != nil {
			return err
		}
		if before.RowVersion != version {
			return ErrStale
		}
		if err := agencyExists(ctx, tx, in.AgencyID, "agency_id"); err != nil {
			return err
		}
		u := *before
		u.FullName, u.Email, u.JobTitle, u.AgencyID, u.RowVersion = in.FullName, in.Email, in.JobTitle, in.AgencyID, u.RowVersion+1
		if _, err := tx.ExecContext(ctx, `UPDATE users SET full_name = $1, email = $2, job_title = $3, agency_id = $4,
			row_version = $5, updated_at = $6 WHERE id = $7`, u.FullName, u.Email, u.JobTitle, u.AgencyID, u.RowVersion, store.Now(), id); err != nil {
			return err
		}
		after = &u
		return audit.Record(ctx, tx, audit.Entry{Action: "update", Entity: "user", EntityID: id, AgencyID: u.AgencyID,
			Summary: "Sửa người dùng " + u.Username, Before: before, After: &u})
	})
	return after, err
}

// Get returns the user with id.
func (s *Store) Get(ctx context.Context, id string) (*User, error) {
	return scanUser(s.db.Read().QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE id = $1`, id))
}

// ByUsername returns the user named username.
func (s *Store) ByUsername(ctx context.Context, username string) (*User, error) {
	return scanUser(s.db.Read().QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE username = $1`,
		strings.ToLower(strings.TrimSpace(username))))
}

// Count returns the number of users.
func (s *Store) Count(ctx context.Context) (int, error) {
	var n int
	err := s.db.Read().QueryRowContext(ctx, `SELECT COUNT(*) FROM users`).Scan(&n)
	return n, err
}

// List returns users, by username. With agencies set, only users of those agencies.
func (s *Store) List(ctx context.Context, agencies []string) ([]*User, error) {
	q := `SELECT ` + userColumns + ` FROM users`
	var args []any
	if agencies != nil {
		if len(agencies) == 0 {
			return nil, nil
		}
		ph := make([]string, len(agencies))
		for i, a := range agencies {
			args = append(args, a)
			ph[i] = "$" + strconv.Itoa(i+1)
		}
		q += ` WHERE agency_id IN (` + strings.Join(ph, ", ") + `)`
	}
	rows, err := s.db.Read().QueryContext(ctx, q+` ORDER BY username`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// SetPassword replaces a user's password; the hash is computed before the transaction.
func (s *Store) SetPassword(ctx context.Context, id, password string) error {
	u, err := s.Get(ctx, id)
	if err != nil {
		return err
	}
	if p := passwordProblem(password, u.Username); p != "" {
		errs := valid.Errors{}
		errs.Add("password", p)
		return errs.Err()
	}
	hash, err := HashPassword(password)
	if err != nil {
		return err
	}
	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE users SET password_hash = $1, failed_logins = 0, locked_until = NULL,
			row_version = row_version + 1, updated_at = $2 WHERE id = $3`, hash, store.Now(), id); err != nil {
			return err
		}
		return audit.Record(ctx, tx, audit.Entry{Action: "set_password", Entity: "user", EntityID: id, AgencyID: u.AgencyID,
			Summary: "Đặt mật khẩu cho " + u.Username})
	})
}

// SetDisabled disables or re-enables a user. A disabled user's sessions stop working at
// the next request.
func (s *Store) SetDisabled(ctx context.Context, id string, disabled bool) error {
	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		before, err := scanUser(tx.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE id = $1`, id))
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE users SET disabled = $1, row_version = row_version + 1, updated_at = $2 WHERE id = $3`,
			disabled, store.Now(), id); err != nil {
			return err
		}
		after := *before
		after.Disabled = disabled
		action, summary := "enable", "Mở lại tài khoản "
		if disabled {
			action, summary = "disable", "Khóa tài khoản "
		}
		return audit.Record(ctx, tx, audit.Entry{Action: action, Entity: "user", EntityID: id, AgencyID: before.AgencyID,
			Summary: summary + before.Username, Before: before, After: &after})
	})
}

// Memberships returns a user's roles.
func (s *Store) Memberships(ctx context.Context, userID string) ([]Membership, error) {
	rows, err := s.db.Read().QueryContext(ctx, `SELECT id, user_id, agency_id, role FROM memberships WHERE user_id = $1 ORDER BY created_at`, userID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Membership
	for rows.Next() {
		var m Membership
		if err := rows.Scan(&m.ID, &m.UserID, &m.AgencyID, &m.Role); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// Grant gives a user a role at an agency.
func (s *Store) Grant(ctx context.Context, m Membership) error {
	return s.db.Tx(ctx, func(tx *sql.Tx) error { return addMembership(ctx, tx, m) })
}

func addMembership(ctx context.Context, tx *sql.Tx, m Membership) error {
	errs := valid.Errors{}
	if !m.Role.Valid() {
		errs.Add("role", "auth.role_invalid")
		return errs.Err()
	}
	if err := agencyExists(ctx, tx, m.AgencyID, "role_agency_id"); err != nil {
		return err
	}
	m.ID = store.NewID()
	_, err := tx.ExecContext(ctx, `INSERT INTO memberships (id, user_id, agency_id, role, created_at) VALUES ($1, $2, $3, $4, $5)`,
		m.ID, m.UserID, m.AgencyID, m.Role, store.Now())
	if store.IsUniqueViolation(err) {
		errs.Add("role", "auth.role_exists")
		return errs.Err()
	}
	if err != nil {
		return err
	}
	return audit.Record(ctx, tx, audit.Entry{Action: "grant", Entity: "membership", EntityID: m.ID, AgencyID: m.AgencyID,
		Summary: "Cấp vai trò " + string(m.Role), After: m})
}

// Revoke removes a membership.
func (s *Store) Revoke(ctx context.Context, membershipID string) error {
	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		var m Membership
		err := tx.QueryRowContext(ctx, `SELECT id, user_id, agency_id, role FROM memberships WHERE id = $1`, membershipID).
			Scan(&m.ID, &m.UserID, &m.AgencyID, &m.Role)
		if err != nil {
			return store.NotFound(err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM memberships WHERE id = $1`, membershipID); err != nil {
			return err
		}
		return audit.Record(ctx, tx, audit.Entry{Action: "revoke", Entity: "membership", EntityID: m.ID, AgencyID: m.AgencyID,
			Summary: "Thu hồi vai trò " + string(m.Role), Before: m})
	})
}

// Principal loads the user and memberships of userID for a request.
func (s *Store) Principal(ctx context.Context, userID string) (*Principal, error) {
	u, err := s.Get(ctx, userID)
	if err != nil {
		return nil, err
	}
	ms, err := s.Memberships(ctx, userID)
	if err != nil {
		return nil, err
	}
	p := &Principal{User: u, Memberships: ms}
	if len(ms) == 0 {
		return p, nil
	}
	// The agencies strictly above each membership's agency.
	rows, err := s.db.Read().QueryContext(ctx, `WITH RECURSIVE up(id, parent_id, depth) AS (
			SELECT a.id, a.parent_id, 0 FROM agencies a JOIN memberships m ON m.agency_id = a.id WHERE m.user_id = $1
			UNION ALL
			SELECT a.id, a.parent_id, up.depth + 1 FROM agencies a JOIN up ON a.id = up.parent_id WHERE up.depth < 64
		) SELECT DISTINCT id FROM up WHERE depth > 0`, userID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		p.Above = append(p.Above, id)
	}
	return p, rows.Err()
}
