package feedback_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"io/fs"
	"log/slog"
	"mime/multipart"
	"net/http"
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
	"loa/internal/feedback"
	"loa/internal/files"
	"loa/internal/i18n"
	"loa/internal/store"
	"loa/internal/valid"
	"loa/internal/vn"
	"loa/internal/web"
)

var (
	ctx   = context.Background()
	quiet = slog.New(slog.NewTextHandler(io.Discard, nil))
)

// monday is 9:00 on Monday 2 March 2026 in Vietnam: ten working days later is
// Monday 16 March.
var monday = time.Date(2026, time.March, 2, 9, 0, 0, 0, vn.Location)

// fixture is a city with a department that receives feedback and three units below
// it, one account per role, and the feedback store and pages over one test database.
type fixture struct {
	t      *testing.T
	db     *store.DB
	s      *feedback.Store
	files  *files.Store
	ag     *agency.Store
	now    time.Time
	city   *agency.Agency
	dept   *agency.Agency
	office *agency.Agency // Văn phòng Sở
	centre *agency.Agency // Trung tâm Thông tin
	lab    *agency.Agency // Trung tâm Kỹ thuật
	other  *agency.Agency // another department
	users  map[string]*auth.Principal
	h      *feedback.HTTP
	mux    *http.ServeMux
}

func newFixture(t *testing.T, db *store.DB) *fixture {
	t.Helper()
	f := &fixture{t: t, db: db, ag: agency.NewStore(db), now: monday, users: map[string]*auth.Principal{}}
	add := func(name, abbr string, kind agency.Kind, parent *agency.Agency) *agency.Agency {
		in := agency.Input{Name: name, Abbr: abbr, Kind: kind, From: vn.Date{Year: 2020, Month: time.January, Day: 1}}
		if parent != nil {
			in.ParentID = parent.ID
		}
		a, err := f.ag.Create(ctx, in)
		if err != nil {
			t.Fatalf("agency %s: %v", abbr, err)
		}
		return a
	}
	f.city = add("Ủy ban nhân dân thành phố Cần Thơ", "UBND", agency.KindPeoplesCommittee, nil)
	f.dept = add("Sở Khoa học và Công nghệ", "SKHCN", agency.KindDepartment, f.city)
	f.office = add("Văn phòng Sở", "VP", agency.KindOffice, f.dept)
	f.centre = add("Trung tâm Thông tin khoa học và công nghệ", "TTTT", agency.KindCentre, f.dept)
	f.lab = add("Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng", "TTKT", agency.KindCentre, f.dept)
	f.other = add("Sở Tài chính", "STC", agency.KindDepartment, f.city)
	var err error
	if f.files, err = files.New(db, t.TempDir()); err != nil {
		t.Fatal(err)
	}
	f.s = feedback.NewStore(db, f.files)
	f.s.Now = func() time.Time { return f.now }
	f.s.MinFillTime = 0
	users := auth.NewStore(db)
	for _, u := range []struct {
		name string
		at   *agency.Agency
		role auth.Role
	}{
		{"quantri", f.city, auth.RoleAdmin}, {"vanphong", f.dept, auth.RoleOffice}, {"donvi", f.centre, auth.RoleUnit},
		{"kythuat", f.lab, auth.RoleUnit}, {"lanhdao", f.dept, auth.RoleLeader}, {"bientap", f.dept, auth.RoleEditor},
		{"xem", f.dept, auth.RoleViewer}, {"taichinh", f.other, auth.RoleOffice},
	} {
		made, err := users.Create(ctx, auth.UserInput{Username: u.name, FullName: "Cán bộ " + u.name, AgencyID: u.at.ID, Password: "mat-khau-thu-nghiem-2026"},
			[]auth.Membership{{AgencyID: u.at.ID, Role: u.role}})
		if err != nil {
			t.Fatalf("user %s: %v", u.name, err)
		}
		if f.users[u.name], err = users.Principal(ctx, made.ID); err != nil {
			t.Fatal(err)
		}
	}
	render, err := web.NewRenderer(map[string]fs.FS{"feedback": feedback.Templates}, nil, "test", quiet)
	if err != nil {
		t.Fatal(err)
	}
	render.SetSite(web.Site{Name: "Cổng thông tin cải cách hành chính", Owner: "Sở Khoa học và Công nghệ"}, nil)
	f.h = feedback.NewHTTP(f.s, f.ag, f.files, render, quiet)
	f.mux = f.routes()
	return f
}

// route is a line of the route table the lead wires in the app, with the same action
// and scope, checked here by a guard that works as the app's does.
type route struct {
	method, pattern string
	action          auth.Action
	scope           func(r *http.Request) (string, error)
	handler         http.HandlerFunc
	maxBytes        int64
}

func (f *fixture) routes() *http.ServeMux {
	h := f.h
	owner := func(r *http.Request) (string, error) { return f.s.Owner(r.Context(), r.PathValue("id")) }
	handler := func(r *http.Request) (string, error) { return f.s.HandlerOf(r.Context(), r.PathValue("id")) }
	tmpl := func(r *http.Request) (string, error) { return f.s.TemplateAgency(r.Context(), r.PathValue("tid")) }
	formAgency := func(r *http.Request) (string, error) { return r.PostFormValue("agency_id"), nil }
	table := []route{
		{"GET", "/phan-anh", auth.ActPublic, nil, h.Form, 0},
		{"POST", "/phan-anh", auth.ActPublic, nil, h.Submit, feedback.MaxUploadBytes},
		{"GET", "/phan-anh/tra-cuu", auth.ActPublic, nil, h.Lookup, 0},
		{"POST", "/phan-anh/tra-cuu", auth.ActPublic, nil, h.LookupFull, 0},
		{"GET", "/phan-anh/tep/{token}", auth.ActPublic, nil, h.AnswerFile, 0},
		{"GET", "/hoi-dap", auth.ActPublic, nil, h.QAList, 0},
		{"GET", "/hoi-dap/{id}", auth.ActPublic, nil, h.QAItem, 0},
		{"GET", "/hoi-dap/{id}/tep/{hash}", auth.ActPublic, nil, h.QAFile, 0},

		{"GET", "/feedback", auth.ActFeedbackAnswer, nil, h.Inbox, 0},
		{"GET", "/feedback/export.csv", auth.ActFeedbackAnswer, nil, h.Export, 0},
		{"GET", "/feedback/{id}", auth.ActFeedbackAnswer, handler, h.Item, 0},
		{"POST", "/feedback/{id}/assign", auth.ActFeedbackHandle, owner, h.Assign, 0},
		{"POST", "/feedback/{id}/answer", auth.ActFeedbackAnswer, handler, h.Answer, feedback.MaxUploadBytes},
		{"POST", "/feedback/{id}/reject", auth.ActFeedbackHandle, owner, h.Reject, 0},
		{"POST", "/feedback/{id}/publish", auth.ActFeedbackHandle, owner, h.Publish, 0},
		{"POST", "/feedback/{id}/unpublish", auth.ActFeedbackHandle, owner, h.Unpublish, 0},
		{"GET", "/feedback/{id}/files/{hash}", auth.ActFeedbackAnswer, handler, h.File, 0},
		{"GET", "/feedback/templates", auth.ActFeedbackAnswer, nil, h.TemplateList, 0},
		{"GET", "/feedback/templates/new", auth.ActFeedbackAnswer, nil, h.NewTemplate, 0},
		{"POST", "/feedback/templates", auth.ActFeedbackAnswer, formAgency, h.CreateTemplate, 0},
		{"GET", "/feedback/templates/{tid}", auth.ActFeedbackAnswer, tmpl, h.EditTemplate, 0},
		{"POST", "/feedback/templates/{tid}/edit", auth.ActFeedbackAnswer, tmpl, h.UpdateTemplate, 0},
		{"POST", "/feedback/templates/{tid}/delete", auth.ActFeedbackAnswer, tmpl, h.DeleteTemplate, 0},
	}
	mux := http.NewServeMux()
	for _, rt := range table {
		mux.Handle(rt.method+" "+rt.pattern, f.guard(rt))
	}
	return mux
}

// guard does what the app's guard does: bound and parse the body, check the route's
// action at its scope, and carry a signed-in user's form token into the transaction.
func (f *fixture) guard(rt route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		me := auth.FromContext(r.Context())
		if r.Method == http.MethodPost {
			limit := rt.maxBytes
			if limit == 0 {
				limit = 1 << 20
			}
			r.Body = http.MaxBytesReader(w, r.Body, limit)
			var err error
			if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
				err = r.ParseMultipartForm(8 << 20)
			} else {
				err = r.ParseForm()
			}
			if err != nil {
				http.Error(w, "too large", http.StatusRequestEntityTooLarge)
				return
			}
		}
		if rt.action != auth.ActPublic {
			if !me.SignedIn() {
				http.Redirect(w, r, "/login", http.StatusSeeOther)
				return
			}
			var anc []string
			if rt.scope != nil {
				id, err := rt.scope(r)
				if errors.Is(err, store.ErrNotFound) {
					http.Error(w, "not found", http.StatusNotFound)
					return
				}
				if err != nil {
					f.t.Fatalf("scope: %v", err)
				}
				if anc, err = f.ag.Ancestry(r.Context(), id); err != nil || len(anc) == 0 {
					http.Error(w, "not found", http.StatusNotFound)
					return
				}
			}
			if !auth.Can(me, rt.action, anc) {
				http.Error(w, "forbidden", http.StatusForbidden)
				return
			}
		}
		ctx := r.Context()
		if r.Method == http.MethodPost && me.SignedIn() {
			ctx = store.WithFormToken(ctx, r.PostFormValue(web.FormTokenField), me.User.ID)
		}
		rt.handler(w, r.WithContext(ctx))
	})
}

// response is what a request got back.
type response struct {
	status int
	header http.Header
	body   string
}

// client makes requests as a user ("" for a citizen) from an address.
type client struct {
	f    *fixture
	user string
	ip   string
}

func (f *fixture) as(user string) *client { return &client{f: f, user: user, ip: "203.0.113.7"} }

func (c *client) do(r *http.Request) response {
	c.f.t.Helper()
	r.RemoteAddr = c.ip + ":40000"
	me := auth.Anonymous
	a := audit.Actor{Name: "anonymous", IP: c.ip}
	if c.user != "" {
		me = c.f.users[c.user]
		if me == nil {
			c.f.t.Fatalf("no user %q", c.user)
		}
		a.UserID, a.Name = me.User.ID, me.User.Username
	}
	r = r.WithContext(audit.WithActor(auth.WithPrincipal(r.Context(), me), a))
	w := httptest.NewRecorder()
	c.f.mux.ServeHTTP(w, r)
	return response{status: w.Code, header: w.Header(), body: w.Body.String()}
}

func (c *client) get(target string) response {
	c.f.t.Helper()
	return c.do(httptest.NewRequest("GET", target, nil))
}

func (c *client) post(target string, form url.Values) response {
	c.f.t.Helper()
	if c.user != "" && form.Get(web.FormTokenField) == "" {
		form.Set(web.FormTokenField, web.NewFormToken())
	}
	r := httptest.NewRequest("POST", target, strings.NewReader(form.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return c.do(r)
}

// upload is a file to send with a multipart form.
type upload struct {
	field, name string
	body        []byte
}

func (c *client) postMultipart(target string, form url.Values, ups ...upload) response {
	c.f.t.Helper()
	if c.user != "" && form.Get(web.FormTokenField) == "" {
		form.Set(web.FormTokenField, web.NewFormToken())
	}
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, vs := range form {
		for _, v := range vs {
			_ = mw.WriteField(k, v)
		}
	}
	for _, u := range ups {
		w, err := mw.CreateFormFile(u.field, u.name)
		if err != nil {
			c.f.t.Fatal(err)
		}
		_, _ = w.Write(u.body)
	}
	_ = mw.Close()
	r := httptest.NewRequest("POST", target, &buf)
	r.Header.Set("Content-Type", mw.FormDataContentType())
	return c.do(r)
}

var (
	hiddenRe   = regexp.MustCompile(`<input type="hidden" name="([a-z_]+)" value="([^"]*)">`)
	questionRe = regexp.MustCompile(`Câu hỏi kiểm tra: (\p{L}+) (cộng|trừ) (\p{L}+) bằng bao nhiêu\?`)
)

// formFields reads the hidden fields of the public form and answers its question the
// way a person reading it would.
func (c *client) formFields() url.Values {
	c.f.t.Helper()
	page := c.get("/phan-anh")
	if page.status != http.StatusOK {
		c.f.t.Fatalf("form: %d", page.status)
	}
	if cc := page.header.Get("Cache-Control"); cc != "no-store" {
		c.f.t.Fatalf("the form, with its one-time token, must not be cached: %q", cc)
	}
	return answerFrom(c.f.t, page.body)
}

func answerFrom(t *testing.T, body string) url.Values {
	t.Helper()
	v := url.Values{}
	for _, m := range hiddenRe.FindAllStringSubmatch(body, -1) {
		v.Set(m[1], m[2])
	}
	m := questionRe.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no question in the form:\n%s", body)
	}
	num := map[string]int{}
	for n := 0; n <= 10; n++ {
		num[i18n.T(i18n.VI, "feedback.number."+strconv.Itoa(n))] = n
	}
	a, b := num[strings.ToLower(m[1])], num[m[3]]
	if m[2] == "cộng" {
		v.Set("challenge_answer", strconv.Itoa(a+b))
	} else {
		v.Set("challenge_answer", strconv.Itoa(a-b))
	}
	return v
}

// letter is a filled form for the department, the fields of the page merged in.
func (f *fixture) letter(page url.Values) url.Values {
	v := url.Values{
		"agency_id":   {f.dept.ID},
		"sender_kind": {"citizen"},
		"name":        {"Nguyễn Văn An"},
		"contact":     {"0912 345 678"},
		"address":     {"12 Nguyễn Trãi, Ninh Kiều"},
		"topic":       {"procedure"},
		"content":     {"Tôi nộp hồ sơ đã quá hạn hẹn trả kết quả năm ngày mà chưa được thông báo gì."},
	}
	for k, vs := range page {
		v[k] = vs
	}
	return v
}

var codeRe = regexp.MustCompile(`PA-\d{4}-[0-9A-Z]{5}`)

// send submits a letter through the public form and returns its tracking code.
func (f *fixture) send(c *client, change func(url.Values), ups ...upload) string {
	f.t.Helper()
	form := f.letter(c.formFields())
	if change != nil {
		change(form)
	}
	res := c.postMultipart("/phan-anh", form, ups...)
	if res.status != http.StatusOK {
		f.t.Fatalf("send: %d\n%s", res.status, res.body)
	}
	code := codeRe.FindString(res.body)
	if code == "" {
		f.t.Fatalf("no code on the receipt:\n%s", res.body)
	}
	return code
}

// submit records a letter through the store.
func (f *fixture) submit(in feedback.Submission) *feedback.Item {
	f.t.Helper()
	if in.AgencyID == "" {
		in.AgencyID = f.dept.ID
	}
	if in.Name == "" {
		in.Name, in.Contact, in.Topic = "Nguyễn Văn An", "0912345678", "procedure"
		in.Content = "Hồ sơ của tôi đã quá hạn hẹn trả kết quả mà chưa có thông báo gì."
	}
	if in.Token == "" {
		in.Token = web.NewFormToken()
	}
	it, err := f.s.Submit(ctx, in, nil)
	if err != nil {
		f.t.Fatalf("submit: %v", err)
	}
	return it
}

// acting is ctx as a user of the fixture, for store calls.
func (f *fixture) acting(user string) context.Context {
	me := f.users[user]
	return audit.WithActor(auth.WithPrincipal(ctx, me), audit.Actor{UserID: me.User.ID, Name: me.User.Username})
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

// Small files of each kind, as their first bytes make them.
var (
	pdfFile  = []byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
	htmlFile = []byte("<!doctype html><html><body><script>alert('x')</script></body></html>")
)
