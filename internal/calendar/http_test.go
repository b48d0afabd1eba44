package calendar

import (
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"loa/internal/agency"
	"loa/internal/auth"
	"loa/internal/store"
	"loa/internal/store/storetest"
	"loa/internal/web"
)

// site serves the calendar pages over db to a person holding role at the city, the
// top-level agency, or at a department below it, as the app's guard hands them
// requests.
type site struct {
	t    *testing.T
	h    *HTTP
	city *agency.Agency
	dept *agency.Agency
}

func newSite(t *testing.T, db *store.DB) *site {
	t.Helper()
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	render, err := web.NewRenderer(map[string]fs.FS{"calendar": Templates}, nil, "test", quiet)
	if err != nil {
		t.Fatal(err)
	}
	agencies := agency.NewStore(db)
	s := &site{t: t, h: &HTTP{Store: NewStore(db), Agencies: agencies, Render: render, Log: quiet}}
	if s.city, err = agencies.Create(ctx, agency.Input{Name: "Ủy ban nhân dân thành phố Cần Thơ", Abbr: "UBND", Kind: agency.KindPeoplesCommittee,
		From: day(2020, 1, 1)}); err != nil {
		t.Fatal(err)
	}
	if s.dept, err = agencies.Create(ctx, agency.Input{Name: "Sở Khoa học và Công nghệ", Abbr: "SKHCN", Kind: agency.KindDepartment,
		ParentID: s.city.ID, From: day(2020, 1, 1)}); err != nil {
		t.Fatal(err)
	}
	return s
}

// do serves one request to handler, registered at pattern ("POST /calendar/holidays/{id}/delete")
// so that it sees the path's values.
func (s *site) do(role auth.Role, at *agency.Agency, pattern string, handler http.HandlerFunc, target string, form url.Values) *httptest.ResponseRecorder {
	s.t.Helper()
	method, _, _ := strings.Cut(pattern, " ")
	body := ""
	if form != nil {
		body = form.Encode()
	}
	r := httptest.NewRequest(method, target, strings.NewReader(body))
	if form != nil {
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if err := r.ParseForm(); err != nil {
			s.t.Fatal(err)
		}
	}
	me := &auth.Principal{User: &auth.User{ID: "", Username: "u", AgencyID: at.ID},
		Memberships: []auth.Membership{{AgencyID: at.ID, Role: role}}}
	r = r.WithContext(auth.WithPrincipal(r.Context(), me))
	mux := http.NewServeMux()
	mux.HandleFunc(pattern, handler)
	w := httptest.NewRecorder()
	mux.ServeHTTP(w, r)
	return w
}

func TestTheYearPageShowsGeneratedDaysWithTheirLunarDatesAndOffersTheFormToTopAdminsOnly(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		body := s.do(auth.RoleViewer, s.dept, "GET /calendar", s.h.Year, "/calendar?year=2025", nil).Body.String()
		for _, want := range []string{"Tết Nguyên đán Ất Tỵ (mùng 1)", "Thứ Tư, 29/01/2025", "<td>1/1</td>", "<td>10/3</td>", "Tự sinh theo luật",
			"Có 250 ngày làm việc trong năm 2025."} {
			if !strings.Contains(body, want) {
				t.Errorf("the year page lacks %q", want)
			}
		}
		if strings.Contains(body, `action="/calendar/holidays"`) {
			t.Error("a viewer is offered the form")
		}
		if body := s.do(auth.RoleAdmin, s.dept, "GET /calendar", s.h.Year, "/calendar?year=2025", nil).Body.String(); strings.Contains(body, `action="/calendar/holidays"`) {
			t.Error("a department's admin is offered the installation's calendar")
		}
		if body := s.do(auth.RoleAdmin, s.city, "GET /calendar", s.h.Year, "/calendar?year=2025", nil).Body.String(); !strings.Contains(body, `action="/calendar/holidays"`) {
			t.Error("the top-level admin is not offered the form")
		}
	})
}

func TestEnteringADayRefusesOneOutsideTheYearThenAddsAndDeletes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		form := url.Values{"year": {"2025"}, "on": {"31/12/2024"}, "kind": {"holiday"}, "name": {"Nghỉ bù Tết"}, "source": {"Thông báo"}}
		w := s.do(auth.RoleAdmin, s.city, "POST /calendar/holidays", s.h.AddHoliday, "/calendar/holidays", form)
		if w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), "Ngày 31/12/2024 không thuộc năm 2025") ||
			!strings.Contains(w.Body.String(), `value="Nghỉ bù Tết"`) {
			t.Fatalf("outside the year: %d\n%s", w.Code, w.Body)
		}
		form.Set("on", "27/01/2025")
		w = s.do(auth.RoleAdmin, s.city, "POST /calendar/holidays", s.h.AddHoliday, "/calendar/holidays", form)
		if w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/calendar?year=2025" {
			t.Fatalf("adding: %d %s", w.Code, w.Body)
		}
		added := entry(t, s.h.Store, day(2025, 1, 27))
		if added.Generated || added.Name != "Nghỉ bù Tết" {
			t.Fatalf("added %+v", added)
		}
		w = s.do(auth.RoleAdmin, s.city, "POST /calendar/holidays/{id}/delete", s.h.DeleteHoliday, "/calendar/holidays/"+added.ID+"/delete", url.Values{})
		if w.Code != http.StatusSeeOther || !calendarOf(t, s.h.Store, 2025).IsWorkingDay(day(2025, 1, 27)) {
			t.Fatalf("deleting: %d", w.Code)
		}
	})
}

func TestTheDeadlinesPageTabulatesEachRulesDeadlinesAndSavesTheForm(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		body := s.do(auth.RoleViewer, s.dept, "GET /calendar/deadlines", s.h.Deadlines, "/calendar/deadlines?year=2025", nil).Body.String()
		for _, want := range []string{"Tỉnh gửi Bộ Nội vụ", "Ngày 20 của tháng cuối kỳ", "Quý III năm 2025", "Thứ Hai, 22/09/2025",
			"Thứ Ba, 18/03/2025", "2 ngày làm việc trước ngày chốt số liệu"} {
			if !strings.Contains(body, want) {
				t.Errorf("the deadlines page lacks %q", want)
			}
		}
		if strings.Contains(body, `action="/calendar/deadlines"`) {
			t.Error("a viewer is offered the rules form")
		}
		admin := s.do(auth.RoleAdmin, s.city, "GET /calendar/deadlines", s.h.Deadlines, "/calendar/deadlines?year=2025", nil).Body.String()
		if !strings.Contains(admin, `name="rows" value="4"`) {
			t.Fatal("the rules form does not hold the three rules and a blank line")
		}

		bad := url.Values{"year": {"2025"}, "rows": {"4"}, "relation_3": {"Gửi Sở"}, "base_3": {"cutoff"}, "offset_3": {"1"}}
		w := s.do(auth.RoleAdmin, s.city, "POST /calendar/deadlines", s.h.SaveRules, "/calendar/deadlines", bad)
		if w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), "Mã quan hệ gồm 2 đến 40 chữ thường") ||
			!strings.Contains(w.Body.String(), "Chọn ít nhất một kỳ báo cáo.") {
			t.Fatalf("a bad rule: %d\n%s", w.Code, w.Body)
		}
		good := url.Values{"year": {"2025"}, "rows": {"4"}, "relation_3": {"centre_to_department"}, "base_3": {"fixed_day_of_month"},
			"day_3": {"10"}, "offset_3": {"0"}, "periods_3": {"M"}, "agency_id_3": {s.dept.ID}}
		w = s.do(auth.RoleAdmin, s.city, "POST /calendar/deadlines", s.h.SaveRules, "/calendar/deadlines", good)
		if w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/calendar/deadlines?year=2025" {
			t.Fatalf("a good rule: %d\n%s", w.Code, w.Body)
		}
		// Monthly periods now show, each with the 10th of its month: 10/5/2025 is a Saturday.
		body = s.do(auth.RoleViewer, s.dept, "GET /calendar/deadlines", s.h.Deadlines, "/calendar/deadlines?year=2025", nil).Body.String()
		if !strings.Contains(body, "Tháng 5 năm 2025") || !strings.Contains(body, "Thứ Hai, 12/05/2025") || !strings.Contains(body, "Sở Khoa học và Công nghệ") {
			t.Error("the new rule's deadlines are not shown")
		}
	})
}
