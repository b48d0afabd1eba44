package generate

import (
	"context"
	"os"
	"path/filepath"
	"strconv"

	"loa/internal/agency"
	"loa/internal/store"
	"loa/internal/vn"
)

// BenchCity opens the city-sized dataset of DESIGN §5 that benchmarks measure on
// (≈100 agencies, 2,000 activities, 1,000,000 results; seed 1, as of 2026-11-20),
// generating it when the database is empty, and names the plan with the most results:
// the heaviest to compute. LOA_BENCH_RESULTS sets the number of results, LOA_BENCH_DB
// a database to keep between runs (else a new temporary one).
func BenchCity(ctx context.Context) (db *store.DB, busiestPlan string, err error) {
	results := 1_000_000
	if n, err := strconv.Atoi(os.Getenv("LOA_BENCH_RESULTS")); err == nil && n > 0 {
		results = n
	}
	path := os.Getenv("LOA_BENCH_DB")
	if path == "" {
		dir, err := os.MkdirTemp("", "loa-bench-")
		if err != nil {
			return nil, "", err
		}
		path = filepath.Join(dir, "city.db")
	}
	if db, err = store.Open(ctx, path); err != nil {
		return nil, "", err
	}
	if err := db.Migrate(ctx); err != nil {
		db.Close()
		return nil, "", err
	}
	if n, _ := agency.NewStore(db).Count(ctx); n == 0 {
		if _, err := Run(ctx, db, Options{Agencies: 100, Activities: 2000, Results: results, Seed: 1,
			AsOf: vn.Date{Year: 2026, Month: 11, Day: 20}}); err != nil {
			db.Close()
			return nil, "", err
		}
	}
	err = db.Read().QueryRowContext(ctx, `SELECT plan_id FROM results GROUP BY plan_id ORDER BY COUNT(*) DESC LIMIT 1`).Scan(&busiestPlan)
	if err != nil {
		db.Close()
		return nil, "", err
	}
	return db, busiestPlan, nil
}
