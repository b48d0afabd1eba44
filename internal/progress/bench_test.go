package progress_test

import (
	"context"
	"sync"
	"testing"

	"loa/internal/agency"
	"loa/internal/audit"
	"loa/internal/generate"
	"loa/internal/plan"
	"loa/internal/progress"
	"loa/internal/store"
	"loa/internal/vn"
)

// The city-sized dataset of DESIGN §5 (≈100 agencies, 2,000 activities, 1,000,000
// results) is generated once per benchmark run, deterministically (seed 1, as of
// 2026-11-20). LOA_BENCH_RESULTS and LOA_BENCH_DB size and place it:
//
//	go test -run XXX -bench 'Record|Dashboard' -benchtime 10000x ./internal/progress
var city struct {
	once     sync.Once
	db       *store.DB
	plan     *plan.Plan
	names    map[string]string
	activity plan.Activity
	unit     string
	err      error
}

func cityDataset(b *testing.B) {
	b.Helper()
	city.once.Do(func() {
		ctx := context.Background()
		db, planID, err := generate.BenchCity(ctx)
		if err != nil {
			city.err = err
			return
		}
		city.db = db
		if city.plan, city.err = plan.NewStore(db).Get(ctx, planID); city.err != nil {
			return
		}
		all, _ := agency.NewStore(db).All(ctx)
		city.names = map[string]string{}
		for _, a := range all {
			city.names[a.ID] = a.Name
		}
		for _, a := range city.plan.Activities {
			if a.Lead.AgencyID != "" {
				city.activity, city.unit = a, a.Lead.AgencyID
				break
			}
		}
	})
	if city.err != nil {
		b.Fatal(city.err)
	}
}

// BenchmarkRecordResult records results one by one, each in its own transaction with
// its history and audit rows, as units do from the form.
func BenchmarkRecordResult(b *testing.B) {
	cityDataset(b)
	results := progress.NewStore(city.db, nil)
	ctx := audit.WithActor(context.Background(), audit.Actor{Name: "bench"})
	day := city.activity.StartsOn
	if day.IsZero() {
		day = vn.Date{Year: 2026, Month: 1, Day: 5}
	}
	in := progress.Input{AgencyID: city.unit, DoneOn: day.Short(), Quantity: "1", Description: "benchmark", Confirmed: true}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := results.Record(ctx, city.activity.ID, in, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDashboard computes the whole dashboard of the plan with the most results.
func BenchmarkDashboard(b *testing.B) {
	cityDataset(b)
	results := progress.NewStore(city.db, nil)
	ctx := context.Background()
	today := vn.Date{Year: 2026, Month: 11, Day: 20}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := results.Compute(ctx, city.plan, progress.Filter{}, today, city.names); err != nil {
			b.Fatal(err)
		}
	}
}
