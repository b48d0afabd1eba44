// Package jobs runs Loa's background work through River, on both engines: PostgreSQL
// (through database/sql over pgx, as the store opens it) and SQLite (through the
// store's one-connection write pool, the only writer SQLite allows). A job is inserted
// in the same transaction as the write that calls for it, so a rolled-back write
// leaves no job and a committed one never loses its job. Periodic jobs are enqueued by
// the one instance River elects leader, so a schedule fires once however many
// instances run.
package jobs

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"log/slog"
	"sync"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"
	"github.com/riverqueue/river/rivertype"

	"loa/internal/store"
)

// Config tunes a Runner. The zero value is right for production.
type Config struct {
	Log *slog.Logger
	// FetchPoll is how long an idle runner waits before looking for due jobs again
	// (default 1 s). Tests shorten it.
	FetchPoll time.Duration
	// Workers is how many jobs one instance works at once (default 2: the machines
	// have two cores, and SQLite has one writer anyway).
	Workers int
}

// Runner inserts and works jobs. Workers and periodic jobs are registered first;
// the first insert or Start closes registration.
type Runner struct {
	db  *store.DB
	cfg Config
	log *slog.Logger

	mu       sync.Mutex
	workers  *river.Workers
	periodic []*river.PeriodicJob
	client   *river.Client[*sql.Tx]
}

// New prepares River's tables (see Migrate) and returns a runner over db.
func New(ctx context.Context, db *store.DB, cfg Config) (*Runner, error) {
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if cfg.FetchPoll <= 0 {
		cfg.FetchPoll = time.Second
	}
	if cfg.Workers <= 0 {
		cfg.Workers = 2
	}
	if err := Migrate(ctx, db, cfg.Log); err != nil {
		return nil, err
	}
	return &Runner{db: db, cfg: cfg, log: cfg.Log, workers: river.NewWorkers()}, nil
}

// driver is River's driver for the engine of db. Both work on *sql.Tx, so one client
// type serves both.
func driver(db *store.DB) riverdriver.Driver[*sql.Tx] {
	if db.Dialect == store.Postgres {
		return riverdatabasesql.New(db.SQL())
	}
	return riversqlite.New(db.SQL())
}

// Migrate applies River's own migrations (its job, leader and queue tables), which
// River ships inside its driver packages. On PostgreSQL, instances starting together
// take turns through an advisory lock keyed by database and schema, because River's
// migrator takes none itself.
func Migrate(ctx context.Context, db *store.DB, log *slog.Logger) error {
	m, err := rivermigrate.New(driver(db), &rivermigrate.Config{Logger: quiet(log)})
	if err != nil {
		return fmt.Errorf("river migrations: %w", err)
	}
	if db.Dialect == store.Postgres {
		unlock, err := lockMigrations(ctx, db.SQL())
		if err != nil {
			return fmt.Errorf("river migrations: %w", err)
		}
		defer unlock()
	}
	if _, err := m.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
		return fmt.Errorf("river migrations: %w", err)
	}
	return nil
}

// lockMigrations holds a session advisory lock on a connection of its own while the
// migrator works through the pool's other connections.
func lockMigrations(ctx context.Context, pool *sql.DB) (unlock func(), err error) {
	conn, err := pool.Conn(ctx)
	if err != nil {
		return nil, err
	}
	var where string
	if err := conn.QueryRowContext(ctx, `SELECT current_database() || '.' || current_schema()`).Scan(&where); err != nil {
		conn.Close()
		return nil, err
	}
	h := fnv.New64a()
	h.Write([]byte("loa.river:" + where))
	key := int64(h.Sum64() >> 1)
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock($1)`, key); err != nil {
		conn.Close()
		return nil, err
	}
	return func() {
		// A fresh context: the lock must go even when ctx was cancelled meanwhile.
		_, _ = conn.ExecContext(context.Background(), `SELECT pg_advisory_unlock($1)`, key)
		conn.Close()
	}, nil
}

// Handle registers work as the worker of jobs with args of type T. It panics when
// called after the runner was first used, a wiring mistake that start-up reveals.
func Handle[T river.JobArgs](r *Runner, work func(ctx context.Context, args T) error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.client != nil {
		panic("jobs: register workers before the runner is used")
	}
	river.AddWorker(r.workers, river.WorkFunc(func(ctx context.Context, job *river.Job[T]) error {
		return work(ctx, job.Args)
	}))
}

// Periodic registers a job that the leader enqueues on schedule. build returns the
// job (nil args: none this time); give it UniqueOpts so that a leader elected after
// another has enqueued the same occurrence does not enqueue it again. With
// runOnStart the leader also enqueues one when it takes office, which catches up an
// occurrence missed while no instance ran.
func (r *Runner) Periodic(id string, schedule river.PeriodicSchedule, build func() (river.JobArgs, *river.InsertOpts), runOnStart bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.client != nil {
		panic("jobs: register periodic jobs before the runner is used")
	}
	r.periodic = append(r.periodic, river.NewPeriodicJob(schedule, build, &river.PeriodicJobOpts{ID: id, RunOnStart: runOnStart}))
}

// river returns the client, building it on first use from what was registered.
func (r *Runner) river() (*river.Client[*sql.Tx], error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.client != nil {
		return r.client, nil
	}
	cfg := &river.Config{
		Logger:            quiet(r.log),
		FetchPollInterval: r.cfg.FetchPoll,
		FetchCooldown:     min(100*time.Millisecond, r.cfg.FetchPoll),
		JobTimeout:        10 * time.Minute,
		MaxAttempts:       5,
		PeriodicJobs:      r.periodic,
		Queues:            map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: r.cfg.Workers}},
		Workers:           r.workers,
		ErrorHandler:      &errorLog{log: r.log},
	}
	c, err := river.NewClient(driver(r.db), cfg)
	if err != nil {
		return nil, fmt.Errorf("jobs: %w", err)
	}
	r.client = c
	return c, nil
}

// Start works jobs until Stop or the end of ctx.
func (r *Runner) Start(ctx context.Context) error {
	c, err := r.river()
	if err != nil {
		return err
	}
	return c.Start(ctx)
}

// Stop lets running jobs finish (up to ctx's deadline, then cancels them) and stops
// working; a leader resigns so that another instance takes over the schedule.
func (r *Runner) Stop(ctx context.Context) error {
	r.mu.Lock()
	c := r.client
	r.mu.Unlock()
	if c == nil {
		return nil
	}
	err := c.Stop(ctx)
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		return c.StopAndCancel(context.Background())
	}
	return err
}

// Insert enqueues a job outside any transaction. fresh is false when opts' UniqueOpts
// found the same job already enqueued.
func (r *Runner) Insert(ctx context.Context, args river.JobArgs, opts *river.InsertOpts) (fresh bool, err error) {
	c, err := r.river()
	if err != nil {
		return false, err
	}
	res, err := c.Insert(ctx, args, opts)
	if err != nil {
		return false, fmt.Errorf("jobs: insert %s: %w", args.Kind(), err)
	}
	return !res.UniqueSkippedAsDuplicate, nil
}

// InsertTx enqueues a job inside the caller's transaction: it exists if and only if
// the transaction commits (the outbox pattern).
func (r *Runner) InsertTx(ctx context.Context, tx *sql.Tx, args river.JobArgs, opts *river.InsertOpts) (fresh bool, err error) {
	c, err := r.river()
	if err != nil {
		return false, err
	}
	res, err := c.InsertTx(ctx, tx, args, opts)
	if err != nil {
		return false, fmt.Errorf("jobs: insert %s: %w", args.Kind(), err)
	}
	return !res.UniqueSkippedAsDuplicate, nil
}

// errorLog writes failed attempts to the log; River retries them with backoff.
type errorLog struct{ log *slog.Logger }

func (e *errorLog) HandleError(ctx context.Context, job *rivertype.JobRow, err error) *river.ErrorHandlerResult {
	e.log.Warn("job failed", "kind", job.Kind, "id", job.ID, "attempt", job.Attempt, "max_attempts", job.MaxAttempts, "err", err)
	return nil
}

func (e *errorLog) HandlePanic(ctx context.Context, job *rivertype.JobRow, v any, trace string) *river.ErrorHandlerResult {
	e.log.Error("job panicked", "kind", job.Kind, "id", job.ID, "attempt", job.Attempt, "panic", v, "stack", trace)
	return nil
}

// quiet passes on River's warnings and errors only: its informational lines (every
// election, every maintenance pass) would drown the application's log.
func quiet(log *slog.Logger) *slog.Logger {
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	return slog.New(warnOnly{log.Handler()})
}

type warnOnly struct{ slog.Handler }

func (w warnOnly) Enabled(ctx context.Context, l slog.Level) bool {
	return l >= slog.LevelWarn && w.Handler.Enabled(ctx, l)
}

func (w warnOnly) WithAttrs(attrs []slog.Attr) slog.Handler {
	return warnOnly{w.Handler.WithAttrs(attrs)}
}
func (w warnOnly) WithGroup(name string) slog.Handler { return warnOnly{w.Handler.WithGroup(name)} }
