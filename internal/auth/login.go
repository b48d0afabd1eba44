package auth

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"loa/internal/audit"
	"loa/internal/store"
)

// Lockout policy: after MaxFailures wrong passwords in a row an account is locked for
// LockoutFor; a right password after that resets the count.
const (
	MaxFailures = 5
	LockoutFor  = 15 * time.Minute
)

// Why a sign-in failed; the login page turns each into a message.
var (
	ErrBadCredentials = errors.New("wrong username or password")
	ErrLocked         = errors.New("account temporarily locked")
	ErrDisabled       = errors.New("account disabled")
)

// LockedError says until when an account is locked.
type LockedError struct{ Until time.Time }

func (e *LockedError) Error() string { return ErrLocked.Error() }
func (e *LockedError) Unwrap() error { return ErrLocked }

// Authenticate checks a username and password. The slow hash comparison runs outside
// any transaction; the failure counter is updated in a short one afterwards.
func (s *Store) Authenticate(ctx context.Context, username, password string) (*User, error) {
	username = strings.ToLower(strings.TrimSpace(username))
	var id, hash string
	var disabled bool
	var lockedUntil sql.NullTime
	err := s.db.Read().QueryRowContext(ctx, `SELECT id, password_hash, disabled, locked_until FROM users WHERE username = $1`, username).
		Scan(&id, &hash, &disabled, &lockedUntil)
	if errors.Is(err, sql.ErrNoRows) {
		_, _ = CheckPassword(dummyHash, password)
		_ = s.db.Tx(ctx, func(tx *sql.Tx) error {
			return audit.Record(ctx, tx, audit.Entry{Action: "login_failed", Entity: "user", EntityID: username,
				Summary: "Đăng nhập sai: không có tài khoản " + username})
		})
		return nil, ErrBadCredentials
	}
	if err != nil {
		return nil, err
	}
	now := store.Now()
	if lockedUntil.Valid && lockedUntil.Time.After(now) {
		return nil, &LockedError{Until: lockedUntil.Time}
	}
	ok, err := CheckPassword(hash, password)
	if err != nil {
		return nil, err
	}
	if !ok {
		err := s.db.Tx(ctx, func(tx *sql.Tx) error {
			var failures int
			if err := tx.QueryRowContext(ctx, `UPDATE users SET failed_logins = failed_logins + 1 WHERE id = $1 RETURNING failed_logins`, id).Scan(&failures); err != nil {
				return err
			}
			if failures >= MaxFailures {
				if _, err := tx.ExecContext(ctx, `UPDATE users SET locked_until = $1, failed_logins = 0 WHERE id = $2`, now.Add(LockoutFor), id); err != nil {
					return err
				}
			}
			return audit.Record(ctx, tx, audit.Entry{Action: "login_failed", Entity: "user", EntityID: id, Summary: "Đăng nhập sai mật khẩu: " + username})
		})
		if err != nil {
			return nil, err
		}
		return nil, ErrBadCredentials
	}
	if disabled {
		return nil, ErrDisabled
	}
	var u *User
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE users SET failed_logins = 0, locked_until = NULL, last_login_at = $1 WHERE id = $2`, now, id); err != nil {
			return err
		}
		u, err = scanUser(tx.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE id = $1`, id))
		if err != nil {
			return err
		}
		return audit.Record(ctx, tx, audit.Entry{Action: "login", Entity: "user", EntityID: id, AgencyID: u.AgencyID, Summary: "Đăng nhập: " + username})
	})
	return u, err
}

// ChangePassword lets a user replace their own password after giving the current one.
func (s *Store) ChangePassword(ctx context.Context, userID, current, next string) error {
	u, err := s.Get(ctx, userID)
	if err != nil {
		return err
	}
	if _, err := s.Authenticate(ctx, u.Username, current); err != nil {
		return err
	}
	return s.SetPassword(ctx, userID, next)
}
