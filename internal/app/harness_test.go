package app

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"testing"

	"loa/internal/audit"
	"loa/internal/config"
	"loa/internal/demo"
	"loa/internal/i18n"
	"loa/internal/period"
	"loa/internal/plan"
	"loa/internal/progress"
	"loa/internal/report"
	"loa/internal/store"
)

const demoPassword = "demo-Loa-Test-2026"

// testSite is a Loa with the demo data behind a real HTTP server.
type testSite struct {
	t   *testing.T
	app *App
	srv *httptest.Server
	db  *store.DB
}

func newSite(t *testing.T, db *store.DB) *testSite {
	t.Helper()
	cfg := &config.Config{Addr: "127.0.0.1:0", DB: "test", Data: t.TempDir(), Lang: "vi", BaseURL: "http://test", SessionLifetime: 3600e9}
	if _, err := demo.Load(context.Background(), db, demoPassword, cfg.Data, cfg.BaseURL); err != nil {
		t.Fatalf("demo: %v", err)
	}
	a, err := New(cfg, db, slog.New(slog.NewTextHandler(testLog(), nil)))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(a.Handler)
	t.Cleanup(srv.Close)
	return &testSite{t: t, app: a, srv: srv, db: db}
}

// client is a browser of the test site: cookies kept, redirects not followed.
type client struct {
	t    *testing.T
	site *testSite
	http *http.Client
}

func (s *testSite) anonymous() *client {
	jar, _ := cookiejar.New(nil)
	return &client{t: s.t, site: s, http: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}}
}

// as signs in with a demo account.
func (s *testSite) as(username string) *client {
	c := s.anonymous()
	res := c.post("/login", url.Values{"username": {username}, "password": {demoPassword}})
	if res.status != http.StatusSeeOther {
		s.t.Fatalf("sign in as %s: status %d\n%s", username, res.status, res.body)
	}
	return c
}

type response struct {
	status   int
	body     string
	location string
	header   http.Header
}

func (c *client) do(req *http.Request) response {
	c.t.Helper()
	res, err := c.http.Do(req)
	if err != nil {
		c.t.Fatalf("%s %s: %v", req.Method, req.URL.Path, err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return response{status: res.StatusCode, body: string(b), location: res.Header.Get("Location"), header: res.Header}
}

func (c *client) get(path string) response {
	c.t.Helper()
	req, _ := http.NewRequest("GET", c.site.srv.URL+path, nil)
	return c.do(req)
}

func (c *client) post(path string, form url.Values) response {
	c.t.Helper()
	req, _ := http.NewRequest("POST", c.site.srv.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return c.do(req)
}

// agencyID returns the id of the active agency with abbreviation abbr.
func (s *testSite) agencyID(abbr string) string {
	s.t.Helper()
	a, err := s.app.Agencies.ByAbbr(context.Background(), abbr)
	if err != nil {
		s.t.Fatalf("agency %s: %v", abbr, err)
	}
	return a.ID
}

func (s *testSite) userID(username string) string {
	s.t.Helper()
	u, err := s.app.Users.ByUsername(context.Background(), username)
	if err != nil {
		s.t.Fatalf("user %s: %v", username, err)
	}
	return u.ID
}

// demoPlanID is the demo department's issued 2024 plan.
func (s *testSite) demoPlanID() string {
	s.t.Helper()
	list, err := s.app.Plans.List(context.Background(), nil, 2024)
	if err != nil || len(list) == 0 {
		s.t.Fatalf("demo plan: %v (%d plans)", err, len(list))
	}
	return list[0].ID
}

// seeded are records of the information centre's work on the demo plan, for tests
// that need one of each.
type seeded struct {
	activity, result, difficulty, inspection, recommendation string
	report                                                   string // the demo department's Q1 2024 report, sent to Sở Nội vụ
}

// seedWork records, as the information centre and the office would, a result for the
// demo plan's first activity, a difficulty and an inspection with one recommendation.
func (s *testSite) seedWork() seeded {
	s.t.Helper()
	ctx := audit.WithActor(context.Background(), audit.Actor{Name: "test"})
	p, err := s.app.Plans.Get(ctx, s.demoPlanID())
	if err != nil {
		s.t.Fatal(err)
	}
	ttt := s.agencyID("SKHCN/TTTT")
	st := s.app.progress.Store
	res, err := st.Record(ctx, p.Activities[0].ID, progress.Input{AgencyID: ttt, DoneOn: "12/03/2024", Quantity: "2",
		Links: "https://skhcn.cantho.gov.vn/tin-tuc/cchc-1"}, nil)
	if err != nil {
		s.t.Fatalf("seed result: %v", err)
	}
	d, err := st.Raise(ctx, p.ID, "", ttt, "Thiếu tờ gấp", "Chưa nhận được tờ gấp quý I.")
	if err != nil {
		s.t.Fatal(err)
	}
	ins, err := st.Inspect(ctx, progress.InspectionInput{PlanID: p.ID, AgencyID: ttt, InspectedOn: "10/06/2024", Members: "Văn phòng Sở",
		Findings: "Đăng tin chưa đều.", Recommendations: "Đăng tin hằng tuần"})
	if err != nil {
		s.t.Fatal(err)
	}
	return seeded{activity: p.Activities[0].ID, result: res.ID, difficulty: d.ID, inspection: ins.ID, recommendation: ins.Recommendations[0].ID,
		report: s.sentReport(ctx, "2024-Q1")}
}

// testLog is where the test site logs: nowhere, unless LOA_TEST_LOG is set.
func testLog() io.Writer {
	if os.Getenv("LOA_TEST_LOG") != "" {
		return os.Stderr
	}
	return io.Discard
}

// progressFilterFor picks the results a demo unit recorded.
func progressFilterFor(s *testSite, abbr string) progress.ListFilter {
	return progress.ListFilter{Agencies: []string{s.agencyID("SKHCN/" + abbr)}}
}

// sentReport takes the demo department's report for a period through its life to
// Sở Nội vụ, as the office and the leader would.
func (s *testSite) sentReport(ctx context.Context, code string) string {
	s.t.Helper()
	p, err := period.Parse(code)
	if err != nil {
		s.t.Fatal(err)
	}
	ag, _ := s.app.Agencies.ByAbbr(ctx, "SKHCN")
	c := s.app.reports.Compiler
	pl, err := c.FindPlan(ctx, ag.ID, p)
	if err != nil {
		s.t.Fatal(err)
	}
	figures, err := c.Compile(ctx, ag, pl, p, i18n.VI)
	if err != nil {
		s.t.Fatal(err)
	}
	r, err := report.Draft(ctx, s.db, s.app.Agencies, ag, pl, p, i18n.VI)
	if err != nil {
		s.t.Fatal(err)
	}
	r.Narrative = report.Prefill(figures)
	st := s.app.reports.Store
	if r, err = st.Create(ctx, r, ""); err == nil {
		if r, err = st.Submit(ctx, r.ID, r.RowVersion, figures); err == nil {
			if r, err = st.Approve(ctx, r.ID, r.RowVersion); err == nil {
				if r, err = st.Issue(ctx, r.ID, r.RowVersion, p.To.AddDays(2), plan.AgencyNames{Agencies: s.app.Agencies}); err == nil {
					r, err = st.Send(ctx, r.ID, r.RowVersion)
				}
			}
		}
	}
	if err != nil {
		s.t.Fatalf("report %s: %v", code, err)
	}
	return r.ID
}
