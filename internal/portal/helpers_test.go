package portal_test

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/color"
	"image/png"
	"io"
	"io/fs"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"loa/internal/agency"
	"loa/internal/audit"
	"loa/internal/auth"
	"loa/internal/files"
	"loa/internal/library"
	"loa/internal/plan"
	"loa/internal/portal"
	"loa/internal/progress"
	"loa/internal/store"
	"loa/internal/valid"
	"loa/internal/vn"
	"loa/internal/web"
)

var (
	ctx   = context.Background()
	quiet = slog.New(slog.NewTextHandler(io.Discard, nil))
)

const baseURL = "https://cchc.example.gov.vn"

// fixture is the demo's shape in small: a department with its office and its
// information centre, two editors of the centre (one writes, one reviews), and the
// department's plan for this year in effect, whose first activity — led by the office
// with the centre coordinating — is marked as the website channel.
type fixture struct {
	t        *testing.T
	db       *store.DB
	s        *portal.Store
	results  *progress.Store
	lib      *library.Store
	dept     *agency.Agency
	office   *agency.Agency
	centre   *agency.Agency
	writer   portal.Editor
	reviewer portal.Editor
	plan     *plan.Plan
	website  string // the website activity's id
	year     int
}

func newFixture(t *testing.T, db *store.DB) *fixture {
	t.Helper()
	agencies := agency.NewStore(db)
	add := func(name, abbr string, kind agency.Kind, parent string) *agency.Agency {
		a, err := agencies.Create(ctx, agency.Input{Name: name, Abbr: abbr, Kind: kind, ParentID: parent, From: vn.NewDate(2020, time.January, 1)})
		if err != nil {
			t.Fatalf("agency %s: %v", abbr, err)
		}
		return a
	}
	f := &fixture{t: t, db: db, year: vn.Today().Year}
	f.dept = add("Sở Khoa học và Công nghệ", "SKHCN", agency.KindDepartment, "")
	f.office = add("Văn phòng Sở", "VP", agency.KindOffice, f.dept.ID)
	f.centre = add("Trung tâm Thông tin khoa học và công nghệ", "TTTT", agency.KindCentre, f.dept.ID)
	users := auth.NewStore(db)
	user := func(username, name string) portal.Editor {
		u, err := users.Create(ctx, auth.UserInput{Username: username, FullName: name, AgencyID: f.centre.ID, Password: "mat-khau-dai-du-12"},
			[]auth.Membership{{AgencyID: f.dept.ID, Role: auth.RoleEditor}})
		if err != nil {
			t.Fatalf("user %s: %v", username, err)
		}
		return portal.Editor{ID: u.ID, Name: u.FullName, AgencyID: f.centre.ID}
	}
	f.writer = user("bientap", "Võ Thị Mai")
	f.reviewer = user("duyettin", "Huỳnh Thanh Tâm")
	p, err := plan.NewStore(db).Create(ctx, &plan.Plan{AgencyID: f.dept.ID, Year: f.year, Status: plan.StatusInEffect,
		Summary: "Thông tin, tuyên truyền CCHC",
		Activities: []plan.Activity{
			{Kind: plan.ChannelWebsite, Text: "Niêm yết, thông báo trên Cổng thông tin điện tử của Sở và các đơn vị trực thuộc",
				Lead: plan.AgencyRef{Name: f.office.Name, AgencyID: f.office.ID}, Partners: []plan.AgencyRef{{Name: f.centre.Name, AgencyID: f.centre.ID}}},
			{Kind: plan.ChannelLeaflet, Text: "Phát tờ gấp tuyên truyền CCHC",
				Lead: plan.AgencyRef{Name: f.office.Name, AgencyID: f.office.ID}, Partners: []plan.AgencyRef{{Name: f.centre.Name, AgencyID: f.centre.ID}}},
		}}, "")
	if err != nil {
		t.Fatalf("plan: %v", err)
	}
	f.plan, f.website = p, p.Activities[0].ID
	fs, err := files.New(db, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	f.results = progress.NewStore(db, nil)
	f.s = portal.NewStore(db, fs, f.results, baseURL)
	f.lib = library.NewStore(db)
	return f
}

// as is a context acting as ed, as the app's sign-in gives handlers.
func as(ed portal.Editor) context.Context {
	return audit.WithActor(ctx, audit.Actor{UserID: ed.ID, Name: ed.Name})
}

func (f *fixture) draft(kind portal.Kind, title string) *portal.Article {
	f.t.Helper()
	a, err := f.s.Create(as(f.writer), portal.Input{Kind: kind, Title: title, Summary: "Tóm tắt của bài «" + title + "».",
		Body: "Đoạn thứ nhất.\n\nĐoạn thứ hai.", CountsForPlan: kind.CountsByDefault(), OwnerAgencyID: f.dept.ID}, f.writer)
	if err != nil {
		f.t.Fatalf("create %q: %v", title, err)
	}
	return a
}

func (f *fixture) submitted(kind portal.Kind, title string) *portal.Article {
	f.t.Helper()
	a := f.draft(kind, title)
	a, err := f.s.Submit(as(f.writer), a.ID, a.RowVersion, f.writer)
	if err != nil {
		f.t.Fatalf("submit: %v", err)
	}
	return a
}

func (f *fixture) published(kind portal.Kind, title string) *portal.Article {
	f.t.Helper()
	a := f.submitted(kind, title)
	a, err := f.s.Publish(as(f.reviewer), a.ID, a.RowVersion, f.reviewer, time.Time{})
	if err != nil {
		f.t.Fatalf("publish: %v", err)
	}
	return a
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

// pngImage is a w×h PNG with a colour gradient.
func pngImage(w, h int) []byte {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.RGBA{uint8(x), uint8(y), 120, 255})
		}
	}
	var b bytes.Buffer
	_ = png.Encode(&b, img)
	return b.Bytes()
}

// tinyPDF is a small valid-looking PDF (files sniff "%PDF-").
var tinyPDF = []byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")

// site serves the portal's pages to a person, the way the app's guard hands them
// requests: anonymous, or signed in as an editor with the role at the department.
type site struct {
	t *testing.T
	f *fixture
	h *portal.HTTP
}

func (f *fixture) site() *site {
	f.t.Helper()
	render, err := web.NewRenderer(map[string]fs.FS{"portal": portal.Templates}, nil, "test", quiet)
	if err != nil {
		f.t.Fatal(err)
	}
	render.SetSite(web.Site{Name: "Cổng thông tin cải cách hành chính", Owner: f.dept.Name, BaseURL: baseURL}, portal.Nav)
	return &site{t: f.t, f: f, h: &portal.HTTP{Store: f.s, Library: f.lib, Agencies: agency.NewStore(f.db), Render: render, Log: quiet}}
}

// do calls handler as ed (nil: anonymous) with the path values a route pattern gives.
func (s *site) do(ed *portal.Editor, handler http.HandlerFunc, method, target string, form url.Values, path ...string) *httptest.ResponseRecorder {
	s.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	r := httptest.NewRequest(method, target, body)
	if form != nil {
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if err := r.ParseForm(); err != nil {
			s.t.Fatal(err)
		}
	}
	return s.serve(ed, handler, r, path...)
}

// upload posts a multipart form with one file.
func (s *site) upload(ed *portal.Editor, handler http.HandlerFunc, target string, form url.Values, field, name string, data []byte, path ...string) *httptest.ResponseRecorder {
	s.t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	for k, vs := range form {
		for _, v := range vs {
			_ = mw.WriteField(k, v)
		}
	}
	if field != "" {
		fw, _ := mw.CreateFormFile(field, name)
		_, _ = fw.Write(data)
	}
	mw.Close()
	r := httptest.NewRequest("POST", target, &b)
	r.Header.Set("Content-Type", mw.FormDataContentType())
	return s.serve(ed, handler, r, path...)
}

func (s *site) serve(ed *portal.Editor, handler http.HandlerFunc, r *http.Request, path ...string) *httptest.ResponseRecorder {
	for i := 0; i+1 < len(path); i += 2 {
		r.SetPathValue(path[i], path[i+1])
	}
	c := r.Context()
	if ed != nil {
		me := &auth.Principal{User: &auth.User{ID: ed.ID, Username: ed.Name, FullName: ed.Name, AgencyID: ed.AgencyID},
			Memberships: []auth.Membership{{AgencyID: s.f.dept.ID, Role: auth.RoleEditor}}}
		c = audit.WithActor(auth.WithPrincipal(c, me), audit.Actor{UserID: ed.ID, Name: ed.Name})
	}
	w := httptest.NewRecorder()
	handler(w, r.WithContext(c))
	return w
}
