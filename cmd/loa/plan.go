package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"loa/internal/agency"
	"loa/internal/document/convert"
	"loa/internal/plan"
	"loa/internal/store"
)

func runPlan(ctx context.Context, args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("cách dùng: loa plan import TỆP [--save --agency VIETTAT] | loa plan export ID docx|pdf|json TỆP_RA")
	}
	switch args[0] {
	case "import":
		return planImport(ctx, args[1:])
	case "export":
		return planExport(ctx, args[1:])
	}
	return fmt.Errorf("không có lệnh con %q: dùng import hoặc export", args[0])
}

// planImport reads a plan from Word or text and prints it as JSON. Without --save it
// writes nothing: it opens the database only when one already exists, to match the
// agencies the plan names.
func planImport(ctx context.Context, args []string) error {
	fs, cfg := newFlags("plan import")
	save := fs.Bool("save", false, "lưu thành dự thảo kế hoạch của cơ quan --agency")
	abbr := fs.String("agency", "", "chữ viết tắt của cơ quan ban hành kế hoạch, ví dụ SKHCN")
	files, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(files) != 1 {
		return fmt.Errorf("cần đúng một tệp .docx hoặc .txt")
	}
	if err := cfg.Finish(); err != nil {
		return err
	}
	if *save && *abbr == "" {
		return fmt.Errorf("--save cần --agency VIETTAT: kế hoạch thuộc cơ quan nào")
	}
	d, err := convert.ReadFile(files[0])
	if err != nil {
		return err
	}
	var db *store.DB
	if *save || cfg.IsPostgres() || fileExists(cfg.DB) {
		if db, err = openDB(ctx, cfg); err != nil {
			return err
		}
		defer db.Close()
	}
	var matcher *plan.Matcher
	var home *agency.Agency
	if db != nil {
		agencies := agency.NewStore(db)
		if *abbr != "" {
			if home, err = agencies.ByAbbr(ctx, *abbr); err != nil {
				return err
			}
		}
		all, err := agencies.All(ctx)
		if err != nil {
			return err
		}
		homeID := ""
		if home != nil {
			homeID = home.ID
		} else if a := guessHome(all, d.Symbol); a != nil {
			homeID = a.ID
		}
		matcher = plan.NewMatcher(all, homeID)
	}
	p, report := plan.FromDocument(d, matcher)
	if *save {
		p.AgencyID = home.ID
		if p, err = plan.NewStore(db).Create(cliContext(ctx), p, ""); err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "Đã lưu dự thảo kế hoạch %s.\n", p.ID)
	}
	if matcher != nil && len(report.Unmatched) > 0 {
		fmt.Fprintf(os.Stderr, "Cơ quan chưa khớp với danh mục: %s\n", strings.Join(report.Unmatched, "; "))
	}
	if len(report.Unrecognised) > 0 {
		fmt.Fprintf(os.Stderr, "%d đoạn giữ nguyên văn (không nhận ra phần nào của kế hoạch).\n", len(report.Unrecognised))
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(p)
}

// guessHome finds the issuing agency from the symbol's issuer ("KH-SKHCN" → SKHCN).
func guessHome(all []*agency.Agency, symbol string) *agency.Agency {
	i := strings.LastIndexByte(symbol, '-')
	if i < 0 {
		return nil
	}
	var found *agency.Agency
	for _, a := range all {
		if a.Active() && a.Abbr == symbol[i+1:] {
			if found != nil {
				return nil
			}
			found = a
		}
	}
	return found
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

func planExport(ctx context.Context, args []string) error {
	fs, cfg := newFlags("plan export")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 3 {
		return fmt.Errorf("cách dùng: loa plan export ID docx|pdf|json TỆP_RA")
	}
	if err := cfg.Finish(); err != nil {
		return err
	}
	db, err := openDB(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	p, err := plan.NewStore(db).Get(ctx, pos[0])
	if errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("không có kế hoạch %q", pos[0])
	}
	if err != nil {
		return err
	}
	format, out := strings.ToLower(pos[1]), pos[2]
	if err := os.MkdirAll(filepath.Dir(out), 0o750); err != nil {
		return err
	}
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	if err := plan.Export(f, p, format); err != nil {
		f.Close()
		os.Remove(out)
		return err
	}
	return f.Close()
}
