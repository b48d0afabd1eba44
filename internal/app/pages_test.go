package app

import (
	"context"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"loa/internal/audit"
	"loa/internal/i18n"
	"loa/internal/store"
	"loa/internal/store/storetest"
)

func TestSignInWithAWrongPasswordSaysSoInVietnameseAndKeepsTheUsername(t *testing.T) {
	s := newSite(t, storetest.SQLite(t))
	res := s.anonymous().post("/login", url.Values{"username": {"vanphong"}, "password": {"sai-mat-khau"}})
	if res.status != http.StatusUnauthorized {
		t.Fatalf("status %d", res.status)
	}
	if !strings.Contains(res.body, "Tên đăng nhập hoặc mật khẩu không đúng.") || !strings.Contains(res.body, `value="vanphong"`) {
		t.Fatalf("page should explain and keep the username:\n%s", res.body)
	}
	if strings.Contains(res.body, "sai-mat-khau") {
		t.Fatal("the password must not be echoed back")
	}
}

func TestFiveWrongPasswordsLockTheAccountWithAClearMessage(t *testing.T) {
	s := newSite(t, storetest.SQLite(t))
	c := s.anonymous()
	for i := 0; i < 5; i++ {
		c.post("/login", url.Values{"username": {"xem"}, "password": {"wrong-password"}})
	}
	res := c.post("/login", url.Values{"username": {"xem"}, "password": {demoPassword}})
	if res.status != http.StatusTooManyRequests || !strings.Contains(res.body, "tạm khóa") {
		t.Fatalf("want a lockout message, got %d", res.status)
	}
}

func TestSignInGoesWhereTheUserWasHeadingButNeverOffSite(t *testing.T) {
	s := newSite(t, storetest.SQLite(t))
	res := s.anonymous().get("/users")
	if res.status != http.StatusSeeOther || res.location != "/login?next=%2Fusers" {
		t.Fatalf("anonymous /users: %d %q", res.status, res.location)
	}
	c := s.anonymous()
	res = c.post("/login", url.Values{"username": {"quantri"}, "password": {demoPassword}, "next": {"/users"}})
	if res.location != "/users" {
		t.Fatalf("after sign-in: %q", res.location)
	}
	res = s.anonymous().post("/login", url.Values{"username": {"quantri"}, "password": {demoPassword}, "next": {"//evil.example/"}})
	if res.location != "/app" {
		t.Fatalf("open redirect: %q", res.location)
	}
}

func TestSignOutEndsTheSessionOnTheServer(t *testing.T) {
	s := newSite(t, storetest.SQLite(t))
	c := s.as("xem")
	if c.get("/app").status != http.StatusOK {
		t.Fatal("signed in home")
	}
	c.post("/logout", url.Values{})
	if res := c.get("/app"); res.status != http.StatusSeeOther {
		t.Fatalf("after sign-out: %d", res.status)
	}
	var n int
	_ = s.db.Read().QueryRowContext(context.Background(), `SELECT COUNT(*) FROM sessions`).Scan(&n)
	if n != 0 {
		t.Fatalf("%d sessions left in the database", n)
	}
}

func TestADisabledUserIsSignedOutAtTheNextRequest(t *testing.T) {
	s := newSite(t, storetest.SQLite(t))
	c := s.as("xem")
	admin := s.as("quantri")
	if res := admin.post("/users/"+s.userID("xem")+"/disabled", url.Values{"disabled": {"1"}}); res.status != http.StatusSeeOther {
		t.Fatalf("disable: %d", res.status)
	}
	if res := c.get("/app"); res.status != http.StatusSeeOther || !strings.HasPrefix(res.location, "/login") {
		t.Fatalf("disabled user still in: %d", res.status)
	}
	res := s.anonymous().post("/login", url.Values{"username": {"xem"}, "password": {demoPassword}})
	if res.status != http.StatusForbidden || !strings.Contains(res.body, "vô hiệu hóa") {
		t.Fatalf("disabled sign-in: %d", res.status)
	}
}

func TestAnAgencyFormWithMistakesComesBackWithMessagesAndWhatWasTyped(t *testing.T) {
	s := newSite(t, storetest.SQLite(t))
	admin := s.as("quantri")
	form := url.Values{"name": {"Phòng  Quản lý   chuyên ngành"}, "abbr": {"vp"}, "kind": {""}, "parent_id": {s.agencyID("SKHCN")},
		"electronic_id": {"123"}, "form_token": {"t1"}}
	res := admin.post("/agencies", form)
	if res.status != http.StatusUnprocessableEntity {
		t.Fatalf("status %d", res.status)
	}
	for _, want := range []string{
		"Vui lòng chọn loại cơ quan.",
		"Mã định danh gồm 13 ký tự",
		`value="Phòng  Quản lý   chuyên ngành"`,
		`value="123"`,
		`aria-invalid="true"`,
	} {
		if !strings.Contains(res.body, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	// Fixed kind and identifier: the abbreviation VP is taken by Văn phòng Sở.
	form.Set("kind", "phong")
	form.Set("electronic_id", "")
	res = admin.post("/agencies", form)
	if res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, "đã được một đơn vị cùng cấp sử dụng") {
		t.Fatalf("taken abbreviation: %d", res.status)
	}
	form.Set("abbr", "QLCN")
	res = admin.post("/agencies", form)
	if res.status != http.StatusSeeOther {
		t.Fatalf("valid form: %d %s", res.status, res.body)
	}
	page := admin.get(res.location).body
	if !strings.Contains(page, "Phòng Quản lý chuyên ngành") {
		t.Fatal("the saved name should be cleaned of doubled spaces")
	}
}

func TestSubmittingTheSameFormTwiceCreatesOneAgency(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		admin := s.as("quantri")
		form := url.Values{"name": {"Phòng Kế hoạch - Tài chính"}, "abbr": {"KHTC"}, "kind": {"phong"}, "parent_id": {s.agencyID("SKHCN")}, "form_token": {"same-token"}}
		first := admin.post("/agencies", form)
		second := admin.post("/agencies", form)
		if first.status != http.StatusSeeOther || second.status != http.StatusSeeOther {
			t.Fatalf("statuses %d %d", first.status, second.status)
		}
		var n int
		_ = db.Read().QueryRowContext(context.Background(), `SELECT COUNT(*) FROM agencies WHERE abbr = 'KHTC'`).Scan(&n)
		if n != 1 {
			t.Fatalf("%d agencies created", n)
		}
		if !strings.Contains(admin.get(second.location).body, "đã được gửi trước đó") {
			t.Error("the second submit should be told it was already sent")
		}
	})
}

func TestTwoPeopleEditingTheSameAgencyDoNotOverwriteEachOther(t *testing.T) {
	s := newSite(t, storetest.SQLite(t))
	a, b := s.as("quantri"), s.as("quantri")
	id := s.agencyID("SKHCN/TTUD")
	form := func(name string) url.Values {
		return url.Values{"name": {name}, "abbr": {"TTUD"}, "kind": {"trung_tam"}, "row_version": {"1"}}
	}
	if res := a.post("/agencies/"+id, form("Trung tâm Ứng dụng KH&CN")); res.status != http.StatusSeeOther {
		t.Fatalf("first edit: %d", res.status)
	}
	res := b.post("/agencies/"+id, form("Trung tâm Ứng dụng tiến bộ KH&CN Cần Thơ"))
	if res.status != http.StatusConflict || !strings.Contains(res.body, "vừa được người khác sửa") ||
		!strings.Contains(res.body, "Trung tâm Ứng dụng tiến bộ KH&amp;CN Cần Thơ") {
		t.Fatalf("second edit should be refused with its text kept: %d", res.status)
	}
}

func TestEveryWriteThroughThePagesIsInTheAuditLog(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		admin := s.as("quantri")
		ctx := context.Background()
		skhcn := s.agencyID("SKHCN")
		steps := []struct {
			path string
			form url.Values
		}{
			{"/agencies", url.Values{"name": {"Phòng Quản lý chuyên ngành"}, "abbr": {"QLCN"}, "kind": {"phong"}, "parent_id": {skhcn}}},
			{"/users", url.Values{"username": {"chuyenvien"}, "full_name": {"Lý Văn Tư"}, "agency_id": {skhcn}, "password": {"mat-khau-du-dai"}, "role": {"viewer"}}},
		}
		for _, st := range steps {
			if res := admin.post(st.path, st.form); res.status != http.StatusSeeOther {
				t.Fatalf("%s: %d %s", st.path, res.status, res.body)
			}
		}
		qlcn := s.agencyID("SKHCN/QLCN")
		uid := s.userID("chuyenvien")
		more := []struct {
			path string
			form url.Values
		}{
			{"/agencies/" + qlcn, url.Values{"name": {"Phòng Quản lý chuyên ngành KH&CN"}, "abbr": {"QLCN"}, "kind": {"phong"}, "row_version": {"1"}}},
			{"/agencies/" + qlcn + "/move", url.Values{"target_id": {s.agencyID("UBND")}, "row_version": {"2"}}},
			{"/users/" + uid + "/roles", url.Values{"role": {"office"}, "role_agency_id": {skhcn}}},
			{"/users/" + uid + "/password", url.Values{"password": {"mot-mat-khau-moi"}}},
			{"/users/" + uid + "/disabled", url.Values{"disabled": {"1"}}},
		}
		for _, st := range more {
			if res := admin.post(st.path, st.form); res.status != http.StatusSeeOther {
				t.Fatalf("%s: %d %s", st.path, res.status, res.body)
			}
		}
		rows, _, err := audit.List(ctx, db.Read(), audit.Filter{AllRows: true, Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]audit.Row{}
		for _, r := range rows {
			if r.ActorName == "quantri" {
				seen[r.Entity+"."+r.Action] = r
			}
		}
		for _, want := range []string{"agency.create", "agency.update", "agency.move", "user.create", "membership.grant", "user.set_password", "user.disable"} {
			r, ok := seen[want]
			if !ok {
				t.Errorf("no audit row for %s", want)
				continue
			}
			if r.IP != "127.0.0.1" || r.ActorID != s.userID("quantri") || r.At.IsZero() || r.RequestID == "" {
				t.Errorf("%s: who/where/when missing: %+v", want, r)
			}
		}
		upd := seen["agency.update"]
		if !strings.Contains(upd.Before, `"Phòng Quản lý chuyên ngành"`) || !strings.Contains(upd.After, "KH\\u0026CN") && !strings.Contains(upd.After, "KH&CN") {
			t.Errorf("update should hold before and after: %s / %s", upd.Before, upd.After)
		}
		if strings.Contains(seen["user.create"].After, "argon2") {
			t.Error("a password hash leaked into the audit log")
		}
		page := admin.get("/audit?entity=agency").body
		if !strings.Contains(page, "Phòng Quản lý chuyên ngành") || strings.Contains(page, "chuyenvien") && !strings.Contains(page, "agency") {
			t.Error("the audit page should list and filter the writes")
		}
	})
}

func TestCrossSiteFormPostsAreRefused(t *testing.T) {
	s := newSite(t, storetest.SQLite(t))
	c := s.as("quantri")
	req, _ := http.NewRequest("POST", s.srv.URL+"/agencies", strings.NewReader("name=X&abbr=X&kind=phong"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	if res := c.do(req); res.status != http.StatusForbidden {
		t.Fatalf("cross-site POST: %d", res.status)
	}
}

func TestPagesCarrySecurityHeadersAndEscapeWhatUsersTyped(t *testing.T) {
	s := newSite(t, storetest.SQLite(t))
	admin := s.as("quantri")
	res := admin.post("/agencies", url.Values{"name": {`<script>alert(1)</script>`}, "abbr": {"XSS"}, "kind": {"phong"}, "parent_id": {s.agencyID("SKHCN")}})
	page := admin.get(res.location)
	if strings.Contains(page.body, "<script>alert(1)") || !strings.Contains(page.body, "&lt;script&gt;") {
		t.Fatal("typed HTML must be escaped")
	}
	for _, h := range []string{"Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options", "X-Request-ID"} {
		if page.header.Get(h) == "" {
			t.Errorf("missing header %s", h)
		}
	}
	cookie := ""
	for _, c := range s.anonymous().post("/login", url.Values{"username": {"xem"}, "password": {demoPassword}}).header.Values("Set-Cookie") {
		if strings.HasPrefix(c, "loa_session=") {
			cookie = c
		}
	}
	if !strings.Contains(cookie, "HttpOnly") || !strings.Contains(cookie, "SameSite=Lax") {
		t.Fatalf("session cookie flags: %q", cookie)
	}
}

func TestTheInterfaceSwitchesToEnglishAndBack(t *testing.T) {
	s := newSite(t, storetest.SQLite(t))
	c := s.as("xem")
	c.post("/lang", url.Values{"to": {"en"}, "next": {"/agencies"}})
	if body := c.get("/agencies").body; !strings.Contains(body, "Agencies") || !strings.Contains(body, `lang="en"`) {
		t.Fatal("English page expected")
	}
	c.post("/lang", url.Values{"to": {"vi"}})
	if body := c.get("/agencies").body; !strings.Contains(body, "Cơ quan, đơn vị") {
		t.Fatal("Vietnamese page expected")
	}
}

func TestHealthReadinessAndAFriendlyNotFound(t *testing.T) {
	s := newSite(t, storetest.SQLite(t))
	c := s.anonymous()
	if res := c.get("/healthz"); res.status != 200 {
		t.Fatalf("healthz %d", res.status)
	}
	if res := c.get("/readyz"); res.status != 200 || !strings.Contains(res.body, "ready") {
		t.Fatalf("readyz %d %s", res.status, res.body)
	}
	res := s.as("xem").get("/agencies/khong-co")
	if res.status != 404 || !strings.Contains(res.body, "Không tìm thấy trang") {
		t.Fatalf("404 page: %d", res.status)
	}
	if res := c.get("/static/js/htmx-2.0.7.min.js"); res.status != 200 {
		t.Fatalf("htmx not served from the binary: %d", res.status)
	}
}

func TestAgencyPickerFindsAgenciesWithoutDiacritics(t *testing.T) {
	s := newSite(t, storetest.SQLite(t))
	body := s.as("xem").get("/agencies/search?q=trung+tam+thong+tin").body
	if !strings.Contains(body, "Trung tâm Thông tin khoa học và công nghệ") {
		t.Fatalf("picker: %s", body)
	}
}

// TestEveryMessageKeyUsedExistsInTheCatalogue reads the templates and Go sources for
// literal message keys and checks each is in the catalogue with both languages.
func TestEveryMessageKeyUsedExistsInTheCatalogue(t *testing.T) {
	root := filepath.Join("..")
	patterns := []*regexp.Regexp{
		regexp.MustCompile(`\.T "([a-z_]+\.[a-z0-9_.]+)"`),
		regexp.MustCompile(`\.Add\("[a-z_]*", "([a-z_]+\.[a-z0-9_.]+)"`),
		regexp.MustCompile(`web\.Flash\(w, "([a-z_]+\.[a-z0-9_.]+)"\)`),
		regexp.MustCompile(`i18n\.M\("([a-z_]+\.[a-z0-9_.]+)"`),
		regexp.MustCompile(`i18n\.T\([^,]+, "([a-z_]+\.[a-z0-9_.]+)"`),
	}
	checked := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(path, "_test.go") {
			return err
		}
		if !strings.HasSuffix(path, ".go") && !strings.HasSuffix(path, ".html") {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, re := range patterns {
			for _, m := range re.FindAllStringSubmatch(string(b), -1) {
				if strings.HasSuffix(m[1], ".") {
					continue // a prefix completed at run time ("period.label." + kind)
				}
				checked++
				if !i18n.Has(m[1]) {
					t.Errorf("%s uses message %q, which the catalogue lacks", path, m[1])
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 100 {
		t.Fatalf("only %d keys found: the scan is broken", checked)
	}
}
