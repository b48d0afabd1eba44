package store

import (
	"context"
	"database/sql"
	"errors"
)

// ErrDuplicateSubmit is returned by Tx when the request's form was already submitted
// and written: a double click or a resent POST.
var ErrDuplicateSubmit = errors.New("form already submitted")

type formClaim struct {
	token, userID string
	done          bool
}

type formClaimKey struct{}

// WithFormToken marks ctx as carrying a submitted form's one-time token. The first
// transaction run with ctx records the token in the same transaction as its writes, so
// a second submission of the same form fails with ErrDuplicateSubmit instead of
// writing twice; a transaction that rolls back releases the token with everything else.
func WithFormToken(ctx context.Context, token, userID string) context.Context {
	if token == "" || len(token) > 64 {
		return ctx
	}
	return context.WithValue(ctx, formClaimKey{}, &formClaim{token: token, userID: userID})
}

func claimForm(ctx context.Context, tx *sql.Tx) (*formClaim, error) {
	c, ok := ctx.Value(formClaimKey{}).(*formClaim)
	if !ok || c.done {
		return nil, nil
	}
	var user any
	if c.userID != "" {
		user = c.userID
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO form_submissions (token, user_id, created_at) VALUES ($1, $2, $3)`, c.token, user, Now())
	if IsUniqueViolation(err) {
		return nil, ErrDuplicateSubmit
	}
	return c, err
}
