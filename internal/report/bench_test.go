package report_test

import (
	"bytes"
	"context"
	"sync"
	"testing"

	"loa/internal/agency"
	"loa/internal/generate"
	"loa/internal/i18n"
	"loa/internal/period"
	"loa/internal/plan"
	"loa/internal/progress"
	"loa/internal/report"
	"loa/internal/store"
)

// A yearly report on the city-sized dataset of DESIGN §5, generated once per run
// (seed 1, as of 2026-11-20; LOA_BENCH_RESULTS and LOA_BENCH_DB size and place it):
//
//	go test -run XXX -bench Yearly ./internal/report
var city struct {
	once     sync.Once
	db       *store.DB
	compiler *report.Compiler
	agency   *agency.Agency
	plan     *plan.Plan
	period   period.Period
	err      error
}

func cityReport(b *testing.B) {
	b.Helper()
	city.once.Do(func() {
		ctx := context.Background()
		db, planID, err := generate.BenchCity(ctx)
		if err != nil {
			city.err = err
			return
		}
		city.db = db
		agencies := agency.NewStore(db)
		plans := plan.NewStore(db)
		if city.plan, city.err = plans.Get(ctx, planID); city.err != nil {
			return
		}
		if city.agency, city.err = agencies.Get(ctx, city.plan.AgencyID); city.err != nil {
			return
		}
		city.period, city.err = period.Of(period.Year, city.plan.Year, 0)
		city.compiler = &report.Compiler{DB: db, Plans: plans, Progress: progress.NewStore(db, nil), Agencies: agencies}
	})
	if city.err != nil {
		b.Fatal(city.err)
	}
}

func compileYear(b *testing.B) (*report.Report, *report.Compiled) {
	ctx := context.Background()
	c, err := city.compiler.Compile(ctx, city.agency, city.plan, city.period, i18n.VI)
	if err != nil {
		b.Fatal(err)
	}
	r, err := report.Draft(ctx, city.db, city.compiler.Agencies, city.agency, city.plan, city.period, i18n.VI)
	if err != nil {
		b.Fatal(err)
	}
	r.Narrative = report.Prefill(c)
	return r, c
}

// BenchmarkYearlyCompile compiles the year's figures of the busiest department.
func BenchmarkYearlyCompile(b *testing.B) {
	cityReport(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		compileYear(b)
	}
}

// BenchmarkYearlyDOCX and BenchmarkYearlyPDF print the compiled yearly report.
func BenchmarkYearlyDOCX(b *testing.B) { benchExport(b, "docx") }
func BenchmarkYearlyPDF(b *testing.B)  { benchExport(b, "pdf") }

func benchExport(b *testing.B, format string) {
	cityReport(b)
	r, c := compileYear(b)
	var buf bytes.Buffer
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		buf.Reset()
		if err := report.Export(&buf, r, c, format, i18n.VI); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "bytes")
}
