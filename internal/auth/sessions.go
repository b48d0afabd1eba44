package auth

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"loa/internal/store"
)

// SessionStore keeps scs sessions in Loa's own database, one table on both engines,
// so that several instances behind a load balancer share them.
type SessionStore struct{ db *store.DB }

// NewSessionStore returns a session store over db.
func NewSessionStore(db *store.DB) *SessionStore { return &SessionStore{db: db} }

func (s *SessionStore) FindCtx(ctx context.Context, token string) ([]byte, bool, error) {
	var data []byte
	err := s.db.Read().QueryRowContext(ctx, `SELECT data FROM sessions WHERE token = $1 AND expiry > $2`, token, store.Now()).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, false, nil
	}
	return data, err == nil, err
}

func (s *SessionStore) CommitCtx(ctx context.Context, token string, data []byte, expiry time.Time) error {
	_, err := s.db.Write().ExecContext(ctx, `INSERT INTO sessions (token, data, expiry) VALUES ($1, $2, $3)
		ON CONFLICT (token) DO UPDATE SET data = excluded.data, expiry = excluded.expiry`,
		token, data, expiry.UTC().Truncate(time.Microsecond))
	return err
}

func (s *SessionStore) DeleteCtx(ctx context.Context, token string) error {
	_, err := s.db.Write().ExecContext(ctx, `DELETE FROM sessions WHERE token = $1`, token)
	return err
}

func (s *SessionStore) Find(token string) ([]byte, bool, error) {
	return s.FindCtx(context.Background(), token)
}

func (s *SessionStore) Commit(token string, data []byte, expiry time.Time) error {
	return s.CommitCtx(context.Background(), token, data, expiry)
}

func (s *SessionStore) Delete(token string) error { return s.DeleteCtx(context.Background(), token) }

// DeleteExpired removes sessions past their expiry; any instance may run it.
func (s *SessionStore) DeleteExpired(ctx context.Context) (int64, error) {
	res, err := s.db.Write().ExecContext(ctx, `DELETE FROM sessions WHERE expiry <= $1`, store.Now())
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}
