// Package store opens Loa's database — SQLite by default, PostgreSQL for several
// instances — applies the embedded migrations and holds what differs between the two
// engines. Domain packages write plain SQL with $1, $2 placeholders that both run.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/google/uuid"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	_ "modernc.org/sqlite"             // registers the "sqlite" driver (pure Go)
)

// Dialect names the database engine.
type Dialect string

const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// Querier is what both *sql.DB and *sql.Tx offer; store functions take it so that
// they run inside or outside a transaction.
type Querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// DB is an open database. On SQLite, writes go through a pool of one connection
// (SQLite has one writer; queuing in Go beats SQLITE_BUSY) and reads through a pool of
// several; on PostgreSQL both are the same pool.
type DB struct {
	Dialect Dialect
	write   *sql.DB
	read    *sql.DB
	dsn     string
}

// Open opens the database that dsn names — a postgres:// URL or a SQLite file path —
// and checks that it answers. It does not migrate.
func Open(ctx context.Context, dsn string) (*DB, error) {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		return openPostgres(ctx, dsn)
	}
	return openSQLite(ctx, dsn)
}

func openSQLite(ctx context.Context, path string) (*DB, error) {
	path = strings.TrimPrefix(path, "sqlite://")
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return nil, &OpenError{Target: path, Reason: "không tạo được thư mục " + dir, Err: err}
		}
	}
	// Pragma order matters: busy_timeout first so that setting WAL waits for a lock
	// held by another process instead of failing.
	base := "file:" + (&url.URL{Path: path}).EscapedPath() + "?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)" +
		"&_pragma=synchronous(NORMAL)&_pragma=foreign_keys(1)&_time_format=sqlite"
	write, err := sql.Open("sqlite", base+"&_txlock=immediate")
	if err != nil {
		return nil, &OpenError{Target: path, Reason: "không mở được tệp SQLite", Err: err}
	}
	write.SetMaxOpenConns(1)
	write.SetConnMaxIdleTime(0)
	read, err := sql.Open("sqlite", base+"&_pragma=query_only(1)")
	if err != nil {
		write.Close()
		return nil, &OpenError{Target: path, Reason: "không mở được tệp SQLite", Err: err}
	}
	read.SetMaxOpenConns(max(4, runtime.NumCPU()*2))
	read.SetMaxIdleConns(max(4, runtime.NumCPU()*2))
	db := &DB{Dialect: SQLite, write: write, read: read, dsn: path}
	pctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := write.PingContext(pctx); err != nil {
		db.Close()
		return nil, &OpenError{Target: path, Reason: "không mở được tệp SQLite (tệp hỏng hoặc không có quyền)", Err: err}
	}
	var mode string
	if err := write.QueryRowContext(pctx, "PRAGMA journal_mode").Scan(&mode); err != nil || mode != "wal" {
		db.Close()
		return nil, &OpenError{Target: path, Reason: "tệp không phải cơ sở dữ liệu SQLite dùng được (không bật được WAL)", Err: err}
	}
	return db, nil
}

func openPostgres(ctx context.Context, dsn string) (*DB, error) {
	pool, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, &OpenError{Target: redact(dsn), Reason: "địa chỉ PostgreSQL không hợp lệ", Err: err}
	}
	pool.SetMaxOpenConns(max(8, runtime.NumCPU()*4))
	pool.SetMaxIdleConns(max(8, runtime.NumCPU()*4))
	pool.SetConnMaxIdleTime(5 * time.Minute)
	pctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := pool.PingContext(pctx); err != nil {
		pool.Close()
		return nil, &OpenError{Target: redact(dsn), Reason: "không kết nối được PostgreSQL", Err: err}
	}
	return &DB{Dialect: Postgres, write: pool, read: pool, dsn: dsn}, nil
}

// redact hides a password in a URL before it is printed.
func redact(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		return "postgres://…"
	}
	return u.Redacted()
}

// OpenError is a database that cannot be opened; its message is one line fit to
// print at start-up.
type OpenError struct {
	Target string
	Reason string
	Err    error
}

func (e *OpenError) Error() string {
	cause := ""
	if e.Err != nil {
		cause = e.Err.Error()
		if i := strings.IndexByte(cause, '\n'); i >= 0 {
			cause = cause[:i]
		}
		cause = ": " + cause
	}
	return fmt.Sprintf("cơ sở dữ liệu %s: %s%s", e.Target, e.Reason, cause)
}

func (e *OpenError) Unwrap() error { return e.Err }

// Close closes both pools.
func (db *DB) Close() error {
	err := db.write.Close()
	if db.read != db.write {
		err = errors.Join(err, db.read.Close())
	}
	return err
}

// Read is the pool for queries that do not write.
func (db *DB) Read() Querier { return db.read }

// Write is the pool for single statements that write outside a transaction.
func (db *DB) Write() Querier { return db.write }

// SQL exposes the writing pool for libraries that need a *sql.DB (migrations, sessions, jobs).
func (db *DB) SQL() *sql.DB { return db.write }

// Ping checks that the database answers, for /readyz.
func (db *DB) Ping(ctx context.Context) error { return db.read.PingContext(ctx) }

// Tx runs fn in a transaction and commits when fn returns nil. On SQLite the
// transaction takes the write lock at BEGIN (immediate), so read-then-write
// transactions never fail half way with SQLITE_BUSY.
func (db *DB) Tx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	claim, err := claimForm(ctx, tx)
	if err == nil {
		err = fn(tx)
	}
	if err != nil {
		_ = tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	if claim != nil {
		claim.done = true
	}
	return nil
}

// NewID returns a new identifier: a UUIDv7, so ids sort by creation time on both engines.
func NewID() string { return uuid.Must(uuid.NewV7()).String() }

// Now is the current time as stored: UTC, to the microsecond (PostgreSQL's precision),
// so a value reads back equal on both engines.
func Now() time.Time { return time.Now().UTC().Truncate(time.Microsecond) }

// Strings runs a query of one text column and returns its values in order (empty,
// not nil, when there are none).
func Strings(ctx context.Context, q Querier, query string, args ...any) ([]string, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []string{}
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}
