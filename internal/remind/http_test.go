package remind_test

import (
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"loa/internal/agency"
	"loa/internal/auth"
	"loa/internal/remind"
	"loa/internal/store"
	"loa/internal/store/storetest"
	"loa/internal/vn"
	"loa/internal/web"
)

// pages serves the reminder pages of f to a person holding role at agency a, the way
// the app's guard hands them requests.
type pages struct {
	t  *testing.T
	h  *remind.HTTP
	me *auth.Principal
}

func (f *fixture) pages(role auth.Role, a *agency.Agency) *pages {
	f.t.Helper()
	render, err := web.NewRenderer(map[string]fs.FS{"remind": remind.Templates}, nil, "test", quiet)
	if err != nil {
		f.t.Fatal(err)
	}
	uid := store.NewID()
	id := f.user(a, "u"+uid[len(uid)-12:], "")
	me := &auth.Principal{User: &auth.User{ID: id, Username: "u", AgencyID: a.ID},
		Memberships: []auth.Membership{{UserID: id, AgencyID: a.ID, Role: role}}}
	return &pages{t: f.t, h: &remind.HTTP{Service: f.svc, Agencies: agency.NewStore(f.db), Render: render, Log: quiet}, me: me}
}

func (p *pages) do(handler http.HandlerFunc, method, target string, form url.Values) *httptest.ResponseRecorder {
	p.t.Helper()
	var body *strings.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	} else {
		body = strings.NewReader("")
	}
	r := httptest.NewRequest(method, target, body)
	if form != nil {
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if err := r.ParseForm(); err != nil {
			p.t.Fatal(err)
		}
	}
	r = r.WithContext(auth.WithPrincipal(r.Context(), p.me))
	w := httptest.NewRecorder()
	handler(w, r)
	return w
}

func TestTheLogShowsAUnitOnlyItsOwnRemindersAndFiltersByKind(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		f.sweepOn(day(2024, 3, 22)) // before_end to TTTT
		f.sweepOn(day(2024, 6, 9))  // cut-off reminders to both units
		unit := f.pages(auth.RoleUnit, f.pql)
		body := unit.do(unit.h.List, "GET", "/reminders", nil).Body.String()
		if strings.Contains(body, "Đăng tin, bài") || !strings.Contains(body, "6 tháng đầu năm 2024") {
			t.Fatalf("a unit's log shows another unit's reminder or misses its own:\n%s", body)
		}
		if strings.Contains(body, "/reminders/urge") {
			t.Fatal("a unit is offered the office's urge")
		}
		office := f.pages(auth.RoleOffice, f.dept)
		body = office.do(office.h.List, "GET", "/reminders?kind=before_end", nil).Body.String()
		if !strings.Contains(body, "Còn 7 ngày đến hạn hoàn thành") || strings.Contains(body, "6 tháng đầu năm 2024") {
			t.Fatalf("the office's log filtered by kind:\n%s", body)
		}
	})
}

func TestTheOfficeUrgesAnOverdueUnitFromTheLogPage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		f.svc.Today = func() vn.Date { return day(2024, 4, 2) } // the posts ended on 29/03
		office := f.pages(auth.RoleOffice, f.dept)
		body := office.do(office.h.List, "GET", "/reminders", nil).Body.String()
		if !strings.Contains(body, `name="activity_id" value="`+f.posts+`"`) || !strings.Contains(body, "quá 4 ngày") {
			t.Fatalf("the overdue posts are not offered for urging:\n%s", body)
		}
		form := url.Values{"agency_id": {f.ttt.ID}, "activity_id": {f.posts}, "note": {"Gửi kết quả trước 05/04"}, "next": {"/reminders"}}
		for range 2 {
			if w := office.do(office.h.Urge, "POST", "/reminders/urge", form); w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/reminders" {
				t.Fatalf("urge: status %d, location %q", w.Code, w.Header().Get("Location"))
			}
		}
		if n := f.count(`SELECT COUNT(*) FROM reminders WHERE kind = 'urge' AND title LIKE '%Gửi kết quả trước 05/04%'`); n != 1 {
			t.Fatalf("%d urges logged for a double click, want 1", n)
		}
	})
}

func TestTheRulesFormExplainsMistakesInVietnameseAndKeepsWhatWasTyped(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		office := f.pages(auth.RoleOffice, f.dept)
		page := office.do(office.h.RulesPage, "GET", "/reminders/rules", nil)
		if page.Code != http.StatusOK || !strings.Contains(page.Body.String(), `name="rows" value="6"`) {
			t.Fatalf("rules page: %d\n%s", page.Code, page.Body.String())
		}
		rules, err := f.svc.Rules(ctx, f.dept.ID)
		if err != nil {
			t.Fatal(err)
		}
		form := url.Values{"agency_id": {f.dept.ID}, "rows": {"6"}}
		for i, r := range rules {
			form.Set(key("id", i), r.ID)
			form.Set(key("kind", i), string(r.Kind))
			form.Set(key("days", i), strconv.Itoa(r.Days))
			form.Set(key("enabled", i), "on")
		}
		form.Set("days_0", "90")                     // before_end beyond 60 days
		form.Set("kind_4", string(remind.BeforeEnd)) // a new line with the same kind
		form.Set("days_4", "3")
		w := office.do(office.h.SaveRules, "POST", "/reminders/rules", form)
		body := w.Body.String()
		if w.Code != http.StatusUnprocessableEntity || !strings.Contains(body, "Số ngày phải từ 1 đến 60.") || !strings.Contains(body, `value="90"`) {
			t.Fatalf("status %d; want the range message and the typed 90:\n%s", w.Code, body)
		}
		form.Set("days_0", "10")
		w = office.do(office.h.SaveRules, "POST", "/reminders/rules", form)
		if w.Code != http.StatusSeeOther {
			t.Fatalf("corrected form: status %d\n%s", w.Code, w.Body.String())
		}
		saved, err := f.svc.Rules(ctx, f.dept.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(saved) != 5 || saved[0].Days != 3 || saved[1].Days != 10 {
			t.Fatalf("saved rules %+v, want 5 with before_end 3 and 10 days", saved)
		}
	})
}

func TestSomeoneWhoManagesNoRemindersCannotOpenTheRules(t *testing.T) {
	db := storetest.SQLite(t)
	f := newFixture(t, db)
	unit := f.pages(auth.RoleUnit, f.ttt)
	if w := unit.do(unit.h.RulesPage, "GET", "/reminders/rules?agency="+f.dept.ID, nil); w.Code != http.StatusForbidden {
		t.Fatalf("status %d, want 403", w.Code)
	}
}

func key(name string, i int) string { return name + "_" + strconv.Itoa(i) }
