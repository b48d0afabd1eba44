package store

import (
	"context"
	"embed"
	"fmt"
	"hash/fnv"
	"io/fs"
	"sort"

	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
)

// Migrations live in three folders: common/ for SQL both engines run as it is, and
// sqlite/ and postgres/ for the few statements that differ (binary columns, triggers).
// For each engine the common files and its own are merged into one flat set; a
// version number appears once in the merged set.
//
//go:embed migrations
var migrationFiles embed.FS

// Migrate applies every pending migration. On PostgreSQL an advisory lock makes
// instances that start together take turns.
func (db *DB) Migrate(ctx context.Context) error {
	fsys, err := db.migrationFS()
	if err != nil {
		return err
	}
	dialect := goose.DialectSQLite3
	var opts []goose.ProviderOption
	if db.Dialect == Postgres {
		dialect = goose.DialectPostgres
		// The advisory lock is server-wide: key it by database and schema, so that
		// installations (and test schemas) on one server do not wait for each other.
		var where string
		if err := db.write.QueryRowContext(ctx, `SELECT current_database() || '.' || current_schema()`).Scan(&where); err != nil {
			return err
		}
		h := fnv.New64a()
		h.Write([]byte(where))
		locker, err := lock.NewPostgresSessionLocker(lock.WithLockID(int64(h.Sum64() >> 1)))
		if err != nil {
			return err
		}
		opts = append(opts, goose.WithSessionLocker(locker))
	}
	p, err := goose.NewProvider(dialect, db.write, fsys, opts...)
	if err != nil {
		return fmt.Errorf("migrations: %w", err)
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("migrations: %w", err)
	}
	return nil
}

// SchemaVersion is the newest applied migration.
func (db *DB) SchemaVersion(ctx context.Context) (int64, error) {
	var v int64
	err := db.read.QueryRowContext(ctx, "SELECT COALESCE(MAX(version_id), 0) FROM goose_db_version WHERE is_applied").Scan(&v)
	return v, err
}

func (db *DB) migrationFS() (fs.FS, error) {
	own := "migrations/sqlite"
	if db.Dialect == Postgres {
		own = "migrations/postgres"
	}
	return mergeDirs(migrationFiles, "migrations/common", own)
}

// mergedFS is a flat read-only folder made of files from several folders.
type mergedFS struct {
	base  fs.FS
	files map[string]string // name in the merged folder → path in base
}

func mergeDirs(base fs.FS, dirs ...string) (fs.FS, error) {
	m := &mergedFS{base: base, files: map[string]string{}}
	for _, dir := range dirs {
		entries, err := fs.ReadDir(base, dir)
		if err != nil {
			return nil, err
		}
		for _, e := range entries {
			if e.IsDir() {
				continue
			}
			if prev, dup := m.files[e.Name()]; dup {
				return nil, fmt.Errorf("migration %s exists twice (%s)", e.Name(), prev)
			}
			m.files[e.Name()] = dir + "/" + e.Name()
		}
	}
	return m, nil
}

func (m *mergedFS) Open(name string) (fs.File, error) {
	if name == "." {
		return &mergedDir{m: m}, nil
	}
	p, ok := m.files[name]
	if !ok {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return m.base.Open(p)
}

func (m *mergedFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if name != "." {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	names := make([]string, 0, len(m.files))
	for n := range m.files {
		names = append(names, n)
	}
	sort.Strings(names)
	out := make([]fs.DirEntry, 0, len(names))
	for _, n := range names {
		info, err := fs.Stat(m.base, m.files[n])
		if err != nil {
			return nil, err
		}
		out = append(out, fs.FileInfoToDirEntry(info))
	}
	return out, nil
}

// mergedDir is the root folder of a mergedFS as an fs.File, for callers that Open(".").
type mergedDir struct{ m *mergedFS }

func (d *mergedDir) Stat() (fs.FileInfo, error) { return fs.Stat(d.m.base, "migrations") }
func (d *mergedDir) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: ".", Err: fs.ErrInvalid}
}
func (d *mergedDir) Close() error { return nil }
func (d *mergedDir) ReadDir(n int) ([]fs.DirEntry, error) {
	return d.m.ReadDir(".")
}
