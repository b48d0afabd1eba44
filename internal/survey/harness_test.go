package survey

import (
	"context"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"loa/internal/agency"
	"loa/internal/audit"
	"loa/internal/auth"
	"loa/internal/i18n"
	"loa/internal/store"
	"loa/internal/vn"
	"loa/internal/web"
)

var (
	ctx   = context.Background()
	quiet = slog.New(slog.NewTextHandler(io.Discard, nil))
)

// site is a small Loa with only the survey pages: a city, its department (where the
// office manages surveys and a viewer reads) and another department, over one test
// database, on a clock the test moves.
type site struct {
	t      *testing.T
	db     *store.DB
	store  *Store
	http   *HTTP
	srv    *httptest.Server
	now    time.Time
	dept   *agency.Agency
	other  *agency.Agency
	users  map[string]string // username → id
	agency *agency.Store
	auth   *auth.Store
}

func newSite(t *testing.T, db *store.DB) *site {
	t.Helper()
	s := &site{t: t, db: db, store: NewStore(db), users: map[string]string{}, agency: agency.NewStore(db), auth: auth.NewStore(db),
		now: time.Date(2025, time.June, 10, 3, 0, 0, 0, time.UTC)}
	s.store.Now = func() time.Time { return s.now }
	add := func(name, abbr string, kind agency.Kind, parent string) *agency.Agency {
		a, err := s.agency.Create(ctx, agency.Input{Name: name, Abbr: abbr, Kind: kind, ParentID: parent, From: vn.NewDate(2020, time.January, 1)})
		if err != nil {
			t.Fatalf("agency %s: %v", abbr, err)
		}
		return a
	}
	city := add("Ủy ban nhân dân thành phố Cần Thơ", "UBND", agency.KindPeoplesCommittee, "")
	s.dept = add("Sở Khoa học và Công nghệ", "SKHCN", agency.KindDepartment, city.ID)
	s.other = add("Sở Tài chính", "STC", agency.KindDepartment, city.ID)
	for _, u := range []struct {
		name string
		at   *agency.Agency
		role auth.Role
	}{{"vanphong", s.dept, auth.RoleOffice}, {"bientap", s.dept, auth.RoleEditor}, {"xem", s.dept, auth.RoleViewer}, {"taichinh", s.other, auth.RoleOffice}} {
		created, err := s.auth.Create(ctx, auth.UserInput{Username: u.name, FullName: "Người dùng " + u.name, AgencyID: u.at.ID, Password: "mật-khẩu-thử-1234"},
			[]auth.Membership{{AgencyID: u.at.ID, Role: u.role}})
		if err != nil {
			t.Fatalf("user %s: %v", u.name, err)
		}
		s.users[u.name] = created.ID
	}
	render, err := web.NewRenderer(map[string]fs.FS{"survey": Templates}, nil, "test", quiet)
	if err != nil {
		t.Fatalf("templates: %v", err)
	}
	render.SetSite(web.Site{Name: "Cổng thông tin CCHC", Owner: "Sở Khoa học và Công nghệ", BaseURL: "https://cchc.example.gov.vn"}, nil)
	s.http = &HTTP{Store: s.store, Agencies: s.agency, Render: render, Log: quiet}
	s.srv = httptest.NewServer(web.Base(s.routes(), render, i18n.VI, quiet))
	t.Cleanup(s.srv.Close)
	return s
}

// routes is the survey part of the site's route table, behind a guard that does what
// the app's does: sign-in (here by a test header), the action at the survey's owner,
// and the form token of a signed-in POST.
func (s *site) routes() http.Handler {
	h := s.http
	owner := func(r *http.Request) (string, error) { return s.store.Owner(r.Context(), r.PathValue("id")) }
	form := func(r *http.Request) (string, error) { return r.PostFormValue("agency_id"), nil }
	type route struct {
		pattern string
		scope   func(*http.Request) (string, error)
		staff   bool
		handler http.HandlerFunc
	}
	routes := []route{
		{"GET /surveys", nil, true, h.List},
		{"GET /surveys/new", nil, true, h.New},
		{"POST /surveys", form, true, h.Create},
		{"GET /surveys/{id}", owner, true, h.View},
		{"GET /surveys/{id}/edit", owner, true, h.Edit},
		{"POST /surveys/{id}", owner, true, h.Update},
		{"GET /surveys/{id}/questions/new", owner, true, h.NewQuestion},
		{"POST /surveys/{id}/questions", owner, true, h.CreateQuestion},
		{"POST /surveys/{id}/questions/order", owner, true, h.Order},
		{"GET /surveys/{id}/questions/{qid}", owner, true, h.EditQuestion},
		{"POST /surveys/{id}/questions/{qid}", owner, true, h.UpdateQuestion},
		{"GET /surveys/{id}/preview", owner, true, h.Preview},
		{"POST /surveys/{id}/open", owner, true, h.Act("open")},
		{"POST /surveys/{id}/close", owner, true, h.Act("close")},
		{"POST /surveys/{id}/draft", owner, true, h.Act("draft")},
		{"GET /surveys/{id}/codes", owner, true, h.Codes},
		{"POST /surveys/{id}/codes", owner, true, h.GenerateCodes},
		{"GET /surveys/{id}/codes/export/{format}", owner, true, h.ExportCodes},
		{"GET /surveys/{id}/results", owner, true, h.Results},
		{"GET /surveys/{id}/results/export/{format}", owner, true, h.ExportResults},
		{"GET /surveys/{id}/results/{qid}", owner, true, h.TextAnswers},
		{"GET /khao-sat", nil, false, h.PublicList},
		{"GET /khao-sat/{slug}", nil, false, h.Form},
		{"POST /khao-sat/{slug}", nil, false, h.Answer},
		{"GET /khao-sat/{slug}/cam-on", nil, false, h.Thanks},
		{"GET /khao-sat/{slug}/ket-qua", nil, false, h.PublicResults},
	}
	mux := http.NewServeMux()
	for _, rt := range routes {
		mux.HandleFunc(rt.pattern, func(w http.ResponseWriter, r *http.Request) {
			c := r.Context()
			if r.Method == http.MethodPost {
				if err := r.ParseForm(); err != nil {
					http.Error(w, "bad form", http.StatusBadRequest)
					return
				}
			}
			me := auth.Anonymous
			if id := s.users[r.Header.Get("X-Test-User")]; id != "" {
				p, err := s.auth.Principal(c, id)
				if err != nil {
					s.t.Errorf("principal: %v", err)
				}
				me = p
			}
			actor := audit.Actor{Name: "anonymous", IP: web.ClientIP(r), RequestID: web.RequestID(c)}
			if me.SignedIn() {
				actor.UserID, actor.Name = me.User.ID, me.User.Username
			}
			c = audit.WithActor(auth.WithPrincipal(c, me), actor)
			if rt.staff {
				if !me.SignedIn() {
					http.Redirect(w, r, "/login", http.StatusSeeOther)
					return
				}
				var ancestry []string
				if rt.scope != nil {
					id, err := rt.scope(r.WithContext(c))
					if err == store.ErrNotFound {
						http.NotFound(w, r)
						return
					}
					if ancestry, err = s.agency.Ancestry(c, id); err != nil || len(ancestry) == 0 {
						http.NotFound(w, r)
						return
					}
				}
				if !auth.Can(me, auth.ActSurveyManage, ancestry) {
					http.Error(w, "forbidden", http.StatusForbidden)
					return
				}
				if r.Method == http.MethodPost {
					c = store.WithFormToken(c, r.PostFormValue(web.FormTokenField), me.User.ID)
				}
			}
			rt.handler(w, r.WithContext(c))
		})
	}
	return mux
}

// client is a browser: its own cookies, an address, and optionally a signed-in user.
type client struct {
	s    *site
	c    *http.Client
	user string
	ip   string
}

func (s *site) as(user string) *client {
	jar, _ := cookiejar.New(nil)
	return &client{s: s, user: user, ip: "203.0.113.7", c: &http.Client{Jar: jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

func (s *site) visitor() *client { return s.as("") }

type response struct {
	status   int
	body     string
	location string
	header   http.Header
}

func (c *client) do(method, path string, form url.Values) response {
	c.s.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, c.s.srv.URL+path, body)
	if err != nil {
		c.s.t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if c.user != "" {
		req.Header.Set("X-Test-User", c.user)
	}
	req.Header.Set("X-Real-IP", c.ip)
	res, err := c.c.Do(req)
	if err != nil {
		c.s.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return response{status: res.StatusCode, body: string(b), location: res.Header.Get("Location"), header: res.Header}
}

func (c *client) get(path string) response { return c.do("GET", path, nil) }

func (c *client) post(path string, form url.Values) response { return c.do("POST", path, form) }

var hiddenRe = regexp.MustCompile(`name="(form_token|answer_token)" value="([^"]*)"`)

// answer shows the survey's form to the client, then posts answers with the tokens
// the form carried, as a browser would.
func (c *client) answer(slug string, answers url.Values) response {
	c.s.t.Helper()
	page := c.get("/khao-sat/" + slug)
	if page.status != http.StatusOK {
		c.s.t.Fatalf("answer form: %d %s", page.status, page.body)
	}
	return c.post("/khao-sat/"+slug, withTokens(page.body, answers))
}

// withTokens adds a shown form's hidden tokens to answers.
func withTokens(page string, answers url.Values) url.Values {
	form := url.Values{}
	for k, v := range answers {
		form[k] = v
	}
	for _, m := range hiddenRe.FindAllStringSubmatch(page, -1) {
		form.Set(m[1], strings.ReplaceAll(m[2], "&#43;", "+"))
	}
	return form
}

// responses counts the answers stored for survey id.
func (s *site) responses(id string) int {
	s.t.Helper()
	var n int
	if err := s.db.Read().QueryRowContext(ctx, `SELECT COUNT(*) FROM survey_responses WHERE survey_id = $1`, id).Scan(&n); err != nil {
		s.t.Fatal(err)
	}
	return n
}

// sample makes a survey of the department with one question of each kind, opened
// with the limit given.
func (s *site) sample(limit Limit) *Survey {
	s.t.Helper()
	c := audit.WithActor(ctx, audit.Actor{UserID: s.users["vanphong"], Name: "vanphong"})
	sv, err := s.store.Create(c, Settings{AgencyID: s.dept.ID, Kind: string(KindSatisfaction), Title: "Khảo sát mức độ hài lòng năm 2025",
		Limit: string(limit), ResultsPublic: true})
	if err != nil {
		s.t.Fatalf("create: %v", err)
	}
	for _, in := range []QuestionInput{
		{Kind: "single", Text: "Bạn là:", Required: true, Options: "Người dân\nDoanh nghiệp\nTổ chức khác"},
		{Kind: "multiple", Text: "Bạn biết thông tin qua kênh nào?", Options: "Trang thông tin điện tử\nBáo chí\nTờ rơi\nMạng xã hội", MaxChoice: "2"},
		{Kind: "scale", Text: "Mức độ hài lòng về thái độ phục vụ", Required: true, ScaleMin: "1", ScaleMax: "5", LabelLow: "Rất không hài lòng", LabelHigh: "Rất hài lòng"},
		{Kind: "text", Text: "Góp ý khác"},
	} {
		if _, err := s.store.AddQuestion(c, sv.ID, in); err != nil {
			s.t.Fatalf("question %q: %v", in.Text, err)
		}
	}
	if err := s.store.Open(c, sv.ID); err != nil {
		s.t.Fatalf("open: %v", err)
	}
	sv, err = s.store.Get(ctx, sv.ID)
	if err != nil {
		s.t.Fatal(err)
	}
	return sv
}

// pickAnswers gives the answer field values for the sample survey: option numbers are
// 1-based, scale the point, text the text; zero values are left out.
func pickAnswers(sv *Survey, single int, multiple []int, scale int, text string) url.Values {
	f := url.Values{}
	q := sv.Questions
	if single > 0 {
		f.Set(q[0].Field(), q[0].Options[single-1].ID)
	}
	for _, m := range multiple {
		f.Add(q[1].Field(), q[1].Options[m-1].ID)
	}
	if scale > 0 {
		f.Set(q[2].Field(), strconv.Itoa(scale))
	}
	if text != "" {
		f.Set(q[3].Field(), text)
	}
	return f
}
