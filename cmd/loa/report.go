package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"loa/internal/agency"
	"loa/internal/i18n"
	"loa/internal/period"
	"loa/internal/plan"
	"loa/internal/progress"
	"loa/internal/report"
)

func runReport(ctx context.Context, args []string) error {
	if len(args) == 0 || args[0] != "compile" {
		return fmt.Errorf("cách dùng: loa report compile --agency VIETTAT --period 2024-Q1|2024-H1|2024-9M|2024-Y [--plan ID] --format json|docx|pdf|xlsx|csv --out TỆP")
	}
	fs, cfg := newFlags("report compile")
	abbr := fs.String("agency", "", "chữ viết tắt của cơ quan báo cáo, ví dụ SKHCN")
	code := fs.String("period", "", "kỳ báo cáo: 2024-Q1, 2024-H1, 2024-Q3, 2024-9M, 2024-Y hoặc 2024-M03")
	planID := fs.String("plan", "", "mã kế hoạch (mặc định: kế hoạch đã ban hành của năm)")
	format := fs.String("format", "json", "json, docx, pdf, xlsx hoặc csv")
	out := fs.String("out", "", "tệp ghi ra (mặc định: màn hình, chỉ với json và csv)")
	if _, err := parseInterspersed(fs, args[1:]); err != nil {
		return err
	}
	if err := cfg.Finish(); err != nil {
		return err
	}
	p, err := period.Parse(*code)
	if err != nil {
		return fmt.Errorf("--period: %w", err)
	}
	if *out == "" && *format != "json" && *format != "csv" {
		return fmt.Errorf("--format %s cần --out TỆP", *format)
	}
	db, err := openDB(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	agencies := agency.NewStore(db)
	ag, err := agencies.ByAbbr(ctx, *abbr)
	if err != nil {
		return err
	}
	plans := plan.NewStore(db)
	c := &report.Compiler{DB: db, Plans: plans, Progress: progress.NewStore(db, nil), Agencies: agencies}
	var pl *plan.Plan
	if *planID != "" {
		if pl, err = plans.Get(ctx, *planID); err != nil {
			return fmt.Errorf("không có kế hoạch %q", *planID)
		}
	} else if pl, err = c.FindPlan(ctx, ag.ID, p); err != nil && !errors.Is(err, report.ErrNoPlan) {
		return err
	}
	lang := i18n.Parse(cfg.Lang)
	figures, err := c.Compile(ctx, ag, pl, p, lang)
	if err != nil {
		return err
	}
	r, err := report.Draft(ctx, db, agencies, ag, pl, p, lang)
	if err != nil {
		return err
	}
	r.Narrative = report.Prefill(figures)
	for _, n := range figures.Notes {
		fmt.Fprintln(os.Stderr, n)
	}
	w := os.Stdout
	if *out != "" {
		if err := os.MkdirAll(filepath.Dir(*out), 0o750); err != nil {
			return err
		}
		f, err := os.Create(*out)
		if err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	if err := report.Export(w, r, figures, *format, lang); err != nil {
		if *out != "" {
			os.Remove(*out)
		}
		return err
	}
	return nil
}
