package evidence_test

import (
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"loa/internal/agency"
	"loa/internal/auth"
	"loa/internal/evidence"
	"loa/internal/plan"
	"loa/internal/store"
	"loa/internal/store/storetest"
	"loa/internal/web"
)

// site serves the two evidence routes as the app does, for the demo account named.
type site struct {
	f *fixture
	h *evidence.HTTP
}

func newSite(t *testing.T, db *store.DB) *site {
	t.Helper()
	f := setup(t, db)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	render, err := web.NewRenderer(map[string]fs.FS{"evidence": evidence.Templates}, nil, "", log)
	if err != nil {
		t.Fatal(err)
	}
	return &site{f: f, h: &evidence.HTTP{DB: db, Files: f.files, Plans: plan.NewStore(db), Agencies: agency.NewStore(db), Render: render, Log: log}}
}

func (s *site) get(t *testing.T, username, target string) *httptest.ResponseRecorder {
	t.Helper()
	users := auth.NewStore(s.f.db)
	u, err := users.ByUsername(s.f.ctx, username)
	if err != nil {
		t.Fatal(err)
	}
	me, err := users.Principal(s.f.ctx, u.ID)
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /plans/{id}/evidence", s.h.Page)
	mux.HandleFunc("GET /plans/{id}/evidence.zip", s.h.Download)
	req := httptest.NewRequest("GET", target, nil)
	req = req.WithContext(auth.WithPrincipal(req.Context(), me))
	rec := httptest.NewRecorder()
	mux.ServeHTTP(rec, req)
	return rec
}

func TestTheOfficeDownloadsTheQuarterAsAZipNamedForIt(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		record(t, s.f)
		res := s.get(t, "vanphong", "/plans/"+s.f.plan.ID+"/evidence.zip?period=2024-Q1")
		if res.Code != http.StatusOK || res.Header().Get("Content-Type") != "application/zip" ||
			res.Header().Get("Content-Disposition") != `attachment; filename="tai-lieu-kiem-chung-2024-Q1.zip"` {
			t.Fatalf("download: %d %v", res.Code, res.Header())
		}
		if o := open(t, res.Body.Bytes()); len(o.index) != 10 {
			t.Errorf("the office's pack lists %d items, want 10", len(o.index))
		}
		// Without a period, the plan's year: the result after the quarter is in it.
		res = s.get(t, "vanphong", "/plans/"+s.f.plan.ID+"/evidence.zip")
		if !strings.Contains(res.Header().Get("Content-Disposition"), "tai-lieu-kiem-chung-2024-Y.zip") {
			t.Errorf("default period: %v", res.Header())
		}
		if o := open(t, res.Body.Bytes()); len(o.index) != 12 {
			t.Errorf("the year's pack lists %d items, want 12", len(o.index))
		}
	})
}

func TestAUnitDownloadsOnlyItsOwnEvidence(t *testing.T) {
	s := newSite(t, storetest.SQLite(t))
	record(t, s.f)
	res := s.get(t, "donvi", "/plans/"+s.f.plan.ID+"/evidence.zip?period=2024-Q1")
	if res.Code != http.StatusOK {
		t.Fatalf("download: %d", res.Code)
	}
	o := open(t, res.Body.Bytes())
	if len(o.index) != 2 {
		t.Errorf("the unit's pack lists %d items, want its own 2", len(o.index))
	}
	for _, line := range o.index {
		if line["Đơn vị"] != "Trung tâm Thông tin khoa học và công nghệ" {
			t.Errorf("another unit's line: %v", line)
		}
	}
	if page := s.get(t, "donvi", "/plans/"+s.f.plan.ID+"/evidence?period=2024-Q1").Body.String(); !strings.Contains(page, "đơn vị bạn được xem") {
		t.Errorf("the page does not say the pack is limited:\n%s", page)
	}
}

func TestThePagePreviewsThePackBeforeItIsDownloaded(t *testing.T) {
	s := newSite(t, storetest.SQLite(t))
	record(t, s.f)
	res := s.get(t, "vanphong", "/plans/"+s.f.plan.ID+"/evidence?period=2024-Q1")
	if res.Code != http.StatusOK {
		t.Fatalf("page: %d", res.Code)
	}
	body := res.Body.String()
	for _, want := range []string{
		"Gói tài liệu kiểm chứng",
		"Quý I năm 2024 (15/12/2023 – 14/03/2024)",
		`<span class="kpi-value">5</span>`, `<span class="kpi-value">7</span>`, `<span class="kpi-value">3</span>`,
		"Còn 1 kết quả trong kỳ đang chờ duyệt",
		`href="/plans/` + s.f.plan.ID + `/evidence.zip?period=2024-Q1"`,
		`<option value="2024-Q1" selected>`,
		`<option value="2024-M03">`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("page lacks %q:\n%s", want, body)
		}
	}
	// A period that cannot be read: the page says so and shows the year; the download refuses it.
	body = s.get(t, "vanphong", "/plans/"+s.f.plan.ID+"/evidence?period=2024-Q9").Body.String()
	if !strings.Contains(body, "Không hiểu kỳ «2024-Q9»") || !strings.Contains(body, `<option value="2024-Y" selected>`) {
		t.Errorf("bad period page:\n%s", body)
	}
	if res := s.get(t, "vanphong", "/plans/"+s.f.plan.ID+"/evidence.zip?period=2024-Q9"); res.Code != http.StatusBadRequest {
		t.Errorf("download of a bad period: %d", res.Code)
	}
	for _, target := range []string{"/plans/none/evidence", "/plans/none/evidence.zip"} {
		if res := s.get(t, "vanphong", target); res.Code != http.StatusNotFound {
			t.Errorf("%s: %d", target, res.Code)
		}
	}
}
