package jobs_test

import (
	"context"
	"database/sql"
	"errors"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"loa/internal/jobs"
	"loa/internal/store"
	"loa/internal/store/storetest"
)

var ctx = context.Background()

// note is a test job; ran counts, per note, how often any runner worked it.
type note struct {
	Text string `json:"text"`
}

func (note) Kind() string { return "test_note" }

type tally struct {
	mu  sync.Mutex
	ran map[string]int
}

func newTally() *tally { return &tally{ran: map[string]int{}} }

func (c *tally) work(_ context.Context, n note) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.ran[n.Text]++
	return nil
}

func (c *tally) count(text string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.ran[text]
}

// waitFor polls until cond holds, failing the test after a while.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

var quietLog = slog.New(slog.NewTextHandler(io.Discard, nil))

func newRunner(t *testing.T, db *store.DB, c *tally, setup func(r *jobs.Runner)) *jobs.Runner {
	t.Helper()
	r, err := jobs.New(ctx, db, jobs.Config{Log: quietLog, FetchPoll: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	jobs.Handle(r, c.work)
	if setup != nil {
		setup(r)
	}
	return r
}

func start(t *testing.T, r *jobs.Runner) {
	t.Helper()
	if err := r.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = r.Stop(ctx) })
}

// jobStates lists the states of the stored test jobs, as River recorded them.
func jobStates(t *testing.T, db *store.DB) []string {
	t.Helper()
	rows, err := db.Read().QueryContext(ctx, `SELECT state FROM river_job WHERE kind = 'test_note' ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	return out
}

func TestAJobInsertedInATransactionExistsOnlyIfTheTransactionCommits(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		c := newTally()
		r := newRunner(t, db, c, nil)
		start(t, r)
		refused := errors.New("the write fails")
		err := db.Tx(ctx, func(tx *sql.Tx) error {
			if _, err := r.InsertTx(ctx, tx, note{"rolled back"}, nil); err != nil {
				return err
			}
			return refused
		})
		if !errors.Is(err, refused) {
			t.Fatalf("rolled back transaction: %v", err)
		}
		if err := db.Tx(ctx, func(tx *sql.Tx) error {
			_, err := r.InsertTx(ctx, tx, note{"committed"}, nil)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		waitFor(t, "the committed job", func() bool { return c.count("committed") == 1 })
		var n int
		if err := db.Read().QueryRowContext(ctx, `SELECT COUNT(*) FROM river_job WHERE kind = 'test_note'`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != 1 || c.count("rolled back") != 0 {
			t.Fatalf("%d jobs stored, rolled-back one ran %d times; want only the committed job", n, c.count("rolled back"))
		}
	})
}

func TestAUniqueJobIsEnqueuedOnceWhileTheFirstIsKept(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		r := newRunner(t, db, newTally(), nil)
		opts := &river.InsertOpts{UniqueOpts: river.UniqueOpts{ByArgs: true}}
		first, err := r.Insert(ctx, note{"once"}, opts)
		if err != nil {
			t.Fatal(err)
		}
		second, err := r.Insert(ctx, note{"once"}, opts)
		if err != nil {
			t.Fatal(err)
		}
		other, err := r.Insert(ctx, note{"another"}, opts)
		if err != nil {
			t.Fatal(err)
		}
		if !first || second || !other {
			t.Fatalf("fresh: first %v, same again %v, other args %v; want true, false, true", first, second, other)
		}
	})
}

func TestRegisteringAWorkerAfterTheRunnerIsUsedPanics(t *testing.T) {
	db := storetest.SQLite(t)
	r := newRunner(t, db, newTally(), nil)
	if _, err := r.Insert(ctx, note{"x"}, nil); err != nil {
		t.Fatal(err)
	}
	defer func() {
		if recover() == nil {
			t.Fatal("a late registration was accepted")
		}
	}()
	jobs.Handle(r, newTally().work)
}

func TestRiverTablesMigrateTwiceWithoutHarm(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		for range 2 {
			if err := jobs.Migrate(ctx, db, quietLog); err != nil {
				t.Fatal(err)
			}
		}
		var n int
		if err := db.Read().QueryRowContext(ctx, `SELECT COUNT(*) FROM river_migration`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			t.Fatal("no River migration recorded")
		}
	})
}

// twoInstances opens two handles on one PostgreSQL schema, as two app instances
// behind a load balancer would.
func twoInstances(t *testing.T) (*store.DB, *store.DB) {
	t.Helper()
	url := storetest.PostgresURL(t)
	a := storetest.Open(t, url)
	b := storetest.Open(t, url)
	return a, b
}

func TestTwoInstancesStartingTogetherBothMigrateRiverTables(t *testing.T) {
	dbA, dbB := twoInstances(t)
	errs := make(chan error, 2)
	for _, db := range []*store.DB{dbA, dbB} {
		go func() { errs <- jobs.Migrate(ctx, db, quietLog) }()
	}
	for range 2 {
		if err := <-errs; err != nil {
			t.Fatalf("an instance failed to migrate beside the other: %v", err)
		}
	}
}

func TestAPeriodicJobRegisteredOnTwoInstancesFiresOnce(t *testing.T) {
	dbA, dbB := twoInstances(t)
	c := newTally()
	// Both instances register the same daily job; only the elected leader enqueues
	// it, and its unique key (the day) refuses a second copy should a new leader
	// enqueue the same occurrence.
	day := time.Now().Format(time.DateOnly)
	sweep := func(r *jobs.Runner) {
		r.Periodic("test_sweep", river.PeriodicInterval(time.Hour), func() (river.JobArgs, *river.InsertOpts) {
			return note{"sweep " + day}, &river.InsertOpts{UniqueOpts: river.UniqueOpts{ByArgs: true}}
		}, true)
	}
	a := newRunner(t, dbA, c, sweep)
	b := newRunner(t, dbB, c, sweep)
	start(t, a)
	start(t, b)
	waitFor(t, "the sweep", func() bool { return c.count("sweep "+day) > 0 })
	// What a second leader would do: enqueue the same occurrence again.
	for _, r := range []*jobs.Runner{a, b} {
		fresh, err := r.Insert(ctx, note{"sweep " + day}, &river.InsertOpts{UniqueOpts: river.UniqueOpts{ByArgs: true}})
		if err != nil {
			t.Fatal(err)
		}
		if fresh {
			t.Fatal("the same occurrence was enqueued a second time")
		}
	}
	time.Sleep(time.Second) // time for a wrong second run to happen
	if n := c.count("sweep " + day); n != 1 {
		t.Fatalf("the sweep ran %d times on two instances, want 1", n)
	}
	if states := jobStates(t, dbA); len(states) != 1 || states[0] != string(rivertype.JobStateCompleted) {
		t.Fatalf("stored sweeps: %v, want one completed", states)
	}
}

func TestAfterARestartADueJobFiresOnceAndOneNotYetDueWaits(t *testing.T) {
	dbA, dbB := twoInstances(t)
	c := newTally()
	a := newRunner(t, dbA, c, nil)
	b := newRunner(t, dbB, c, nil)
	start(t, a)
	start(t, b)
	due := time.Now().Add(time.Second)
	if _, err := a.Insert(ctx, note{"due"}, &river.InsertOpts{ScheduledAt: due}); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Insert(ctx, note{"later"}, &river.InsertOpts{ScheduledAt: time.Now().Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	for _, r := range []*jobs.Runner{a, b} {
		if err := r.Stop(ctx); err != nil {
			t.Fatal(err)
		}
	}
	time.Sleep(time.Until(due) + 200*time.Millisecond)
	if n := c.count("due"); n != 0 {
		t.Fatalf("the due job ran %d times while every instance was stopped", n)
	}
	for _, r := range []*jobs.Runner{a, b} {
		if err := r.Start(ctx); err != nil {
			t.Fatal(err)
		}
	}
	waitFor(t, "the due job", func() bool { return c.count("due") > 0 })
	time.Sleep(time.Second)
	if due, later := c.count("due"), c.count("later"); due != 1 || later != 0 {
		t.Fatalf("after the restart the due job ran %d times and the later one %d; want 1 and 0", due, later)
	}
}
