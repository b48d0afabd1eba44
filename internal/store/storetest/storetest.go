// Package storetest runs a store test on every database engine: SQLite always, and
// PostgreSQL when LOA_TEST_POSTGRES holds a server URL. Each run gets a fresh, migrated
// database (a temporary SQLite file, or a PostgreSQL schema dropped afterwards).
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"loa/internal/store"
)

// Each runs f once per engine, as subtests named "sqlite" and "postgres".
func Each(t *testing.T, f func(t *testing.T, db *store.DB)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { f(t, SQLite(t)) })
	if os.Getenv("LOA_TEST_POSTGRES") != "" {
		t.Run("postgres", func(t *testing.T) { f(t, Postgres(t)) })
	}
}

// SQLite opens a fresh migrated SQLite database in the test's temporary folder.
func SQLite(t testing.TB) *store.DB {
	t.Helper()
	return open(t, filepath.Join(t.TempDir(), "loa.db"))
}

// Postgres opens a fresh migrated schema on the server named by LOA_TEST_POSTGRES and
// drops it when the test ends. It skips the test when the variable is empty.
func Postgres(t testing.TB) *store.DB {
	t.Helper()
	return open(t, PostgresURL(t))
}

// PostgresURL creates an empty schema and returns a URL whose connections use it, so
// that several handles (two app instances in one test) can share it.
func PostgresURL(t testing.TB) string {
	t.Helper()
	base := os.Getenv("LOA_TEST_POSTGRES")
	if base == "" {
		t.Skip("LOA_TEST_POSTGRES is not set")
	}
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	schema := "t_" + hex.EncodeToString(b)
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatalf("LOA_TEST_POSTGRES: %v", err)
	}
	if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
		admin.Close()
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		defer admin.Close()
		if _, err := admin.Exec("DROP SCHEMA " + schema + " CASCADE"); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("LOA_TEST_POSTGRES: %v", err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// Open opens and migrates dsn, closing it when the test ends.
func open(t testing.TB, dsn string) *store.DB {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatalf("open %s: %v", strings.SplitN(dsn, "?", 2)[0], err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Migrate(ctx); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	return db
}

// Open opens and migrates an existing database URL or path (a second instance on a
// shared PostgreSQL schema, a database reopened after a crash).
func Open(t testing.TB, dsn string) *store.DB { return open(t, dsn) }
