package jobs_test

import (
	"database/sql"
	"slices"
	"testing"
	"time"

	"loa/internal/jobs"
	"loa/internal/store"
	"loa/internal/store/storetest"
)

// BenchmarkSQLiteAppWriteLatency measures what River costs the application's writes
// on SQLite, where both share the one writing connection: a small write transaction
// alone, beside an idle runner (elections, maintenance, polling), and beside a runner
// working a steady stream of jobs. It reports the median, the 99th and 99.9th percentiles and the slowest write.
//
//	go test ./internal/jobs -run '^$' -bench SQLiteAppWriteLatency -benchtime 3000x
func BenchmarkSQLiteAppWriteLatency(b *testing.B) {
	for _, mode := range []string{"alone", "idle_runner", "busy_runner"} {
		b.Run(mode, func(b *testing.B) {
			db := storetest.SQLite(b)
			if _, err := db.Write().ExecContext(ctx, `CREATE TABLE bench (id TEXT PRIMARY KEY, at TIMESTAMP NOT NULL)`); err != nil {
				b.Fatal(err)
			}
			if mode != "alone" {
				r, err := jobs.New(ctx, db, jobs.Config{Log: quietLog})
				if err != nil {
					b.Fatal(err)
				}
				c := newTally()
				jobs.Handle(r, c.work)
				if err := r.Start(ctx); err != nil {
					b.Fatal(err)
				}
				defer r.Stop(ctx)
				if mode == "busy_runner" {
					stop := make(chan struct{})
					defer close(stop)
					go feed(r, stop)
				}
				time.Sleep(200 * time.Millisecond) // let the runner take office
			}
			lat := make([]time.Duration, 0, b.N)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				t0 := time.Now()
				if err := db.Tx(ctx, func(tx *sql.Tx) error {
					_, err := tx.ExecContext(ctx, `INSERT INTO bench (id, at) VALUES ($1, $2)`, store.NewID(), store.Now())
					return err
				}); err != nil {
					b.Fatal(err)
				}
				lat = append(lat, time.Since(t0))
			}
			b.StopTimer()
			slices.Sort(lat)
			b.ReportMetric(float64(lat[len(lat)/2].Microseconds()), "p50_µs")
			b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds()), "p99_µs")
			b.ReportMetric(float64(lat[len(lat)*999/1000].Microseconds()), "p99.9_µs")
			b.ReportMetric(float64(lat[len(lat)-1].Microseconds()), "max_µs")
		})
	}
}

// feed inserts a job every 5 ms, about what a burst of e-mails queued by a sweep
// gives, until stop closes.
func feed(r *jobs.Runner, stop <-chan struct{}) {
	t := time.NewTicker(5 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
			_, _ = r.Insert(ctx, note{"load"}, nil)
		}
	}
}
