package auth_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"loa/internal/agency"
	"loa/internal/auth"
	"loa/internal/store"
	"loa/internal/valid"
	"loa/internal/vn"
)

var ctx = context.Background()

// fixture is the account store and the agency store over one test database.
type fixture struct {
	t        *testing.T
	db       *store.DB
	users    *auth.Store
	agencies *agency.Store
}

func newFixture(t *testing.T, db *store.DB) *fixture {
	return &fixture{t: t, db: db, users: auth.NewStore(db), agencies: agency.NewStore(db)}
}

func (f *fixture) agency(name, abbr string, kind agency.Kind, parent *agency.Agency) *agency.Agency {
	f.t.Helper()
	in := agency.Input{Name: name, Abbr: abbr, Kind: kind, From: vn.Date{Year: 2020, Month: time.January, Day: 1}}
	if parent != nil {
		in.ParentID = parent.ID
	}
	a, err := f.agencies.Create(ctx, in)
	if err != nil {
		f.t.Fatalf("create agency %s: %v", abbr, err)
	}
	return a
}

// user creates an account at agencyID with the given roles.
func (f *fixture) user(username, password, agencyID string, roles ...auth.Membership) *auth.User {
	f.t.Helper()
	u, err := f.users.Create(ctx, auth.UserInput{Username: username, FullName: "Người dùng " + username, AgencyID: agencyID, Password: password}, roles)
	if err != nil {
		f.t.Fatalf("create user %s: %v", username, err)
	}
	return u
}

func (f *fixture) count(query string, args ...any) int {
	f.t.Helper()
	var n int
	if err := f.db.Read().QueryRowContext(ctx, query, args...).Scan(&n); err != nil {
		f.t.Fatalf("%s: %v", query, err)
	}
	return n
}

func (f *fixture) exec(query string, args ...any) {
	f.t.Helper()
	if _, err := f.db.Write().ExecContext(ctx, query, args...); err != nil {
		f.t.Fatalf("%s: %v", query, err)
	}
}

// failedLogins reads the failure counter of a user.
func (f *fixture) failedLogins(id string) int {
	f.t.Helper()
	return f.count(`SELECT failed_logins FROM users WHERE id = $1`, id)
}

// wantInvalid fails unless err is a validation error whose field carries key.
func wantInvalid(t *testing.T, err error, field, key string) {
	t.Helper()
	var ve *valid.Error
	if !errors.As(err, &ve) {
		t.Fatalf("want a validation error %s=%s, got %v", field, key, err)
	}
	got, ok := ve.Fields[field]
	if !ok {
		t.Fatalf("want field %q with %s, got fields %v", field, key, ve.Fields)
	}
	if got.Key != key {
		t.Errorf("field %q: want %s, got %s", field, key, got.Key)
	}
}
