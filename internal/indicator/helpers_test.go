package indicator_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"testing"
	"time"

	"loa/internal/agency"
	"loa/internal/indicator"
	"loa/internal/plan"
	"loa/internal/store"
	"loa/internal/valid"
	"loa/internal/vn"
)

var (
	ctx   = context.Background()
	quiet = slog.New(slog.NewTextHandler(io.Discard, nil))
)

// fixture is a city with two departments, the first with a draft plan of six topics,
// over one test database, on 1 March 2026: results up to 2025 may be recorded.
type fixture struct {
	t     *testing.T
	db    *store.DB
	s     *indicator.Store
	city  *agency.Agency
	dept  *agency.Agency
	other *agency.Agency
	plan  *plan.Plan
	par   *indicator.Indicator
	papi  *indicator.Indicator
}

func newFixture(t *testing.T, db *store.DB) *fixture {
	t.Helper()
	agencies := agency.NewStore(db)
	add := func(name, abbr string, kind agency.Kind, parent string) *agency.Agency {
		a, err := agencies.Create(ctx, agency.Input{Name: name, Abbr: abbr, Kind: kind, ParentID: parent, From: vn.Date{Year: 2020, Month: time.January, Day: 1}})
		if err != nil {
			t.Fatalf("agency %s: %v", abbr, err)
		}
		return a
	}
	f := &fixture{t: t, db: db, s: indicator.NewStore(db)}
	f.s.Today = func() vn.Date { return vn.Date{Year: 2026, Month: time.March, Day: 1} }
	f.city = add("Ủy ban nhân dân thành phố Cần Thơ", "UBND", agency.KindPeoplesCommittee, "")
	f.dept = add("Sở Khoa học và Công nghệ", "SKHCN", agency.KindDepartment, f.city.ID)
	f.other = add("Sở Tài chính", "STC", agency.KindDepartment, f.city.ID)
	var topics []plan.Topic
	for i, text := range []string{"Tầm quan trọng của CCHC", "Quan điểm của Đảng về CCHC", "Trách nhiệm người đứng đầu",
		"Cải cách thể chế, thủ tục hành chính", "Nâng cao các Chỉ số PAR Index, SIPAS, PAPI, PCI", "Mô hình điển hình"} {
		topics = append(topics, plan.Topic{Seq: i + 1, Text: text})
	}
	p, err := plan.NewStore(db).Create(ctx, &plan.Plan{AgencyID: f.dept.ID, Year: 2026, Status: plan.StatusDraft,
		Summary: "Thông tin, tuyên truyền CCHC năm 2026", Topics: topics}, "")
	if err != nil {
		t.Fatalf("plan: %v", err)
	}
	f.plan = p
	if f.par, err = f.s.ByCode(ctx, "", indicator.CodePAR); err != nil {
		t.Fatalf("seeded PAR Index: %v", err)
	}
	if f.papi, err = f.s.ByCode(ctx, "", indicator.CodePAPI); err != nil {
		t.Fatalf("seeded PAPI: %v", err)
	}
	return f
}

// value is a published value of the city that must be accepted.
func (f *fixture) value(ind *indicator.Indicator, year, value, rank, of string) *indicator.Value {
	f.t.Helper()
	v, err := f.s.AddValue(ctx, ind.ID, indicator.ValueInput{AgencyID: f.city.ID, Year: year, Value: value, Rank: rank, RankedOf: of,
		Status: indicator.StatusPublished, Source: "Quyết định công bố Chỉ số năm " + year})
	if err != nil {
		f.t.Fatalf("value %s %s: %v", ind.Code, year, err)
	}
	return v
}

// target is a target of the city that must be accepted.
func (f *fixture) target(ind *indicator.Indicator, year, value, rank string) *indicator.Target {
	f.t.Helper()
	t, err := f.s.AddTarget(ctx, ind.ID, indicator.TargetInput{AgencyID: f.city.ID, Year: year, Value: value, Rank: rank})
	if err != nil {
		f.t.Fatalf("target %s %s: %v", ind.Code, year, err)
	}
	return t
}

func (f *fixture) count(query string, args ...any) int {
	f.t.Helper()
	var n int
	if err := f.db.Read().QueryRowContext(ctx, query, args...).Scan(&n); err != nil {
		f.t.Fatalf("%s: %v", query, err)
	}
	return n
}

// fields returns the field → message key map of a validation error.
func fields(t *testing.T, err error) map[string]string {
	t.Helper()
	var ve *valid.Error
	if !errors.As(err, &ve) {
		t.Fatalf("want a validation error, got %v", err)
	}
	out := map[string]string{}
	for f, m := range ve.Fields {
		out[f] = m.Key
	}
	return out
}
