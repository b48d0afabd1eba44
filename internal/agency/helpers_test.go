package agency_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"loa/internal/agency"
	"loa/internal/store"
	"loa/internal/valid"
	"loa/internal/vn"
)

var ctx = context.Background()

// start is the day every fixture agency begins, so that later dated changes are after it.
var start = day(2020, time.January, 1)

func day(y int, m time.Month, d int) vn.Date { return vn.Date{Year: y, Month: m, Day: d} }

// fixture is an agency store over one test database.
type fixture struct {
	t  *testing.T
	db *store.DB
	s  *agency.Store
}

func newFixture(t *testing.T, db *store.DB) *fixture {
	return &fixture{t: t, db: db, s: agency.NewStore(db)}
}

// add creates an agency that exists since start, under parent when not nil.
func (f *fixture) add(name, abbr string, kind agency.Kind, parent *agency.Agency) *agency.Agency {
	f.t.Helper()
	in := agency.Input{Name: name, Abbr: abbr, Kind: kind, From: start}
	if parent != nil {
		in.ParentID = parent.ID
	}
	a, err := f.s.Create(ctx, in)
	if err != nil {
		f.t.Fatalf("create %s: %v", abbr, err)
	}
	return a
}

// get reads an agency back from the database.
func (f *fixture) get(id string) *agency.Agency {
	f.t.Helper()
	a, err := f.s.Get(ctx, id)
	if err != nil {
		f.t.Fatalf("get %s: %v", id, err)
	}
	return a
}

func (f *fixture) history(id string) []agency.Period {
	f.t.Helper()
	h, err := f.s.History(ctx, id)
	if err != nil {
		f.t.Fatalf("history %s: %v", id, err)
	}
	return h
}

func (f *fixture) merge(a, target *agency.Agency, from vn.Date) {
	f.t.Helper()
	if err := f.s.Merge(ctx, a.ID, f.get(a.ID).RowVersion, target.ID, from, ""); err != nil {
		f.t.Fatalf("merge %s into %s: %v", a.Abbr, target.Abbr, err)
	}
}

// count runs a COUNT(*) query with args.
func (f *fixture) count(query string, args ...any) int {
	f.t.Helper()
	var n int
	if err := f.db.Read().QueryRowContext(ctx, query, args...).Scan(&n); err != nil {
		f.t.Fatalf("%s: %v", query, err)
	}
	return n
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

// auditRow is one row of the audit log as the tests read it.
type auditRow struct {
	Action, Entity, EntityID, AgencyID, Before, After string
}

func (f *fixture) auditIDs() map[string]bool {
	f.t.Helper()
	rows, err := f.db.Read().QueryContext(ctx, `SELECT id FROM audit_log`)
	if err != nil {
		f.t.Fatal(err)
	}
	defer rows.Close()
	ids := map[string]bool{}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			f.t.Fatal(err)
		}
		ids[id] = true
	}
	return ids
}

// audited runs write and returns the audit rows it left.
func (f *fixture) audited(write func()) []auditRow {
	f.t.Helper()
	seen := f.auditIDs()
	write()
	rows, err := f.db.Read().QueryContext(ctx, `SELECT id, action, entity, entity_id, COALESCE(agency_id, ''),
		COALESCE(before_json, ''), COALESCE(after_json, '') FROM audit_log ORDER BY id`)
	if err != nil {
		f.t.Fatal(err)
	}
	defer rows.Close()
	var out []auditRow
	for rows.Next() {
		var id string
		var r auditRow
		if err := rows.Scan(&id, &r.Action, &r.Entity, &r.EntityID, &r.AgencyID, &r.Before, &r.After); err != nil {
			f.t.Fatal(err)
		}
		if !seen[id] {
			out = append(out, r)
		}
	}
	if err := rows.Err(); err != nil {
		f.t.Fatal(err)
	}
	return out
}

func names(list []*agency.Agency) []string {
	out := make([]string, len(list))
	for i, a := range list {
		out[i] = a.Name
	}
	return out
}
