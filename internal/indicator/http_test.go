package indicator_test

import (
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"loa/internal/agency"
	"loa/internal/auth"
	"loa/internal/indicator"
	"loa/internal/plan"
	"loa/internal/store"
	"loa/internal/store/storetest"
	"loa/internal/web"
)

// pages serves the indicator pages to a person holding role at an agency, the way the
// app's guard hands them requests.
type pages struct {
	t  *testing.T
	h  *indicator.HTTP
	me *auth.Principal
}

func (f *fixture) pages(role auth.Role, a *agency.Agency) *pages {
	f.t.Helper()
	render, err := web.NewRenderer(map[string]fs.FS{"indicator": indicator.Templates}, nil, "test", quiet)
	if err != nil {
		f.t.Fatal(err)
	}
	anc, err := agency.NewStore(f.db).Ancestry(ctx, a.ID)
	if err != nil {
		f.t.Fatal(err)
	}
	me := &auth.Principal{User: &auth.User{ID: "u-" + string(role), Username: string(role), AgencyID: a.ID},
		Memberships: []auth.Membership{{AgencyID: a.ID, Role: role}}, Above: anc[1:]}
	h := &indicator.HTTP{Store: f.s, Agencies: agency.NewStore(f.db), Plans: plan.NewStore(f.db), Render: render, Log: quiet}
	return &pages{t: f.t, h: h, me: me}
}

// do calls handler with the path values a route pattern would give it.
func (p *pages) do(handler http.HandlerFunc, method, target string, form url.Values, path ...string) *httptest.ResponseRecorder {
	p.t.Helper()
	body := ""
	if form != nil {
		body = form.Encode()
	}
	r := httptest.NewRequest(method, target, strings.NewReader(body))
	if form != nil {
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if err := r.ParseForm(); err != nil {
			p.t.Fatal(err)
		}
	}
	for i := 0; i+1 < len(path); i += 2 {
		r.SetPathValue(path[i], path[i+1])
	}
	r = r.WithContext(auth.WithPrincipal(r.Context(), p.me))
	w := httptest.NewRecorder()
	handler(w, r)
	return w
}

// cityFigures records three years of the city's PAR Index with targets and links the
// plan's topic 5 to it.
func (f *fixture) cityFigures() {
	f.t.Helper()
	f.value(f.par, "2022", "83,9", "24", "63")
	f.value(f.par, "2023", "86,2", "15", "63")
	f.value(f.par, "2024", "88,05", "11", "63")
	f.target(f.par, "2024", "87", "12")
	f.target(f.par, "2025", "", "10")
	if err := f.s.SetTopicLinks(ctx, f.plan.ID, map[string][]string{f.plan.Topics[4].ID: {f.par.ID}}); err != nil {
		f.t.Fatal(err)
	}
}

func TestTheListShowsEachIndexWithItsLatestYearChangeTargetAndTrend(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		f.cityFigures()
		office := f.pages(auth.RoleOffice, f.dept)
		w := office.do(office.h.List, "GET", "/indicators", nil)
		body := w.Body.String()
		if w.Code != http.StatusOK {
			t.Fatalf("list: %d\n%s", w.Code, body)
		}
		for _, want := range []string{
			"PAR Index", "SIPAS", "PAPI", "PCI", // a card per national index
			"Ủy ban nhân dân thành phố Cần Thơ", // the city is what the office sees first
			"88,05%", "11/63", // the latest year
			"&#43;1,85 điểm phần trăm", "tăng 4 bậc", // the change from 2023, "+" escaped
			"Mục tiêu năm 2024", "hạng 12 trở lên", "Đạt", // the year's target, reached
			"Mục tiêu năm 2025: hạng 10 trở lên", // what comes next
			"data-chart=", "Gắn với 1 chủ đề tuyên truyền",
			"/static/js/chart-4.4.9.umd.js",
		} {
			if !strings.Contains(body, want) {
				t.Errorf("the list lacks %q", want)
			}
		}
		if strings.Contains(body, "<script>") {
			t.Error("the list carries an inline script, which the CSP refuses")
		}
	})
}

func TestTheDetailPageShowsTheTrendTheSourcesAndTheLinkedTopics(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		f.cityFigures()
		office := f.pages(auth.RoleOffice, f.dept)
		w := office.do(office.h.View, "GET", "/indicators/"+f.par.ID, nil, "id", f.par.ID)
		body := w.Body.String()
		if w.Code != http.StatusOK {
			t.Fatalf("view: %d\n%s", w.Code, body)
		}
		for _, want := range []string{
			"Chỉ số cải cách hành chính (PAR Index)", "Bộ Nội vụ",
			"Quyết định công bố Chỉ số năm 2023", // a source
			"&#34;MT 87% · hạng 12 trở lên&#34;", // the target under its year on the chart
			"2025", // the target-only year
			"Nâng cao các Chỉ số PAR Index, SIPAS, PAPI, PCI", "Thông tin, tuyên truyền CCHC năm 2026", // the linked topic
			"/plans/" + f.plan.ID + "/indicators", // the way to link more
		} {
			if !strings.Contains(body, want) {
				t.Errorf("the page lacks %q", want)
			}
		}
		// The office of a department reads the city's figures but does not correct them.
		if strings.Contains(body, "/values/") && strings.Contains(body, "/edit\">Sửa số liệu") {
			t.Error("the department's office is offered to correct the city's figures")
		}
		city := f.pages(auth.RoleOffice, f.city)
		body = city.do(city.h.View, "GET", "/indicators/"+f.par.ID, nil, "id", f.par.ID).Body.String()
		if !strings.Contains(body, "Sửa số liệu") || !strings.Contains(body, "data-confirm=\"Xóa số liệu năm 2024?\"") {
			t.Error("the city's office is not offered to correct its own figures")
		}
	})
}

func TestARefusedValueFormKeepsWhatWasTypedAndSaysWhatIsWrongInVietnamese(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		city := f.pages(auth.RoleOffice, f.city)
		form := url.Values{"agency_id": {f.city.ID}, "year": {"2023"}, "value": {"tám mươi sáu"}, "rank": {"70"}, "ranked_of": {"63"},
			"status": {"published"}, "source": {"Quyết định số 1256/QĐ-BCĐCCHC của Ban Chỉ đạo"}, "source_url": {"javascript:alert(1)"}}
		w := city.do(city.h.CreateValue, "POST", "/indicators/"+f.par.ID+"/values", form, "id", f.par.ID)
		body := w.Body.String()
		if w.Code != http.StatusUnprocessableEntity {
			t.Fatalf("status %d\n%s", w.Code, body)
		}
		for _, want := range []string{
			`value="tám mươi sáu"`, `value="70"`, "Quyết định số 1256/QĐ-BCĐCCHC của Ban Chỉ đạo", `value="javascript:alert(1)"`,
			"Giá trị phải là một số", "Thứ hạng không thể lớn hơn tổng số 63", "Địa chỉ phải đầy đủ",
		} {
			if !strings.Contains(body, want) {
				t.Errorf("the refused form lacks %q", want)
			}
		}
		if n := f.count(`SELECT COUNT(*) FROM indicator_values`); n != 0 {
			t.Fatalf("%d values written by a refused form", n)
		}
		form.Set("value", "86,2")
		form.Set("rank", "15")
		form.Set("source_url", "")
		w = city.do(city.h.CreateValue, "POST", "/indicators/"+f.par.ID+"/values", form, "id", f.par.ID)
		if w.Code != http.StatusSeeOther || !strings.HasPrefix(w.Header().Get("Location"), "/indicators/"+f.par.ID+"?agency=") {
			t.Fatalf("saved: %d → %q", w.Code, w.Header().Get("Location"))
		}
		// The same year again is refused with a way to the value already there.
		w = city.do(city.h.CreateValue, "POST", "/indicators/"+f.par.ID+"/values", form, "id", f.par.ID)
		body = w.Body.String()
		if w.Code != http.StatusUnprocessableEntity || !strings.Contains(body, "Đã có số liệu PAR Index năm 2023") ||
			!strings.Contains(body, "/indicators/"+f.par.ID+"/values/") {
			t.Fatalf("duplicate: %d\n%s", w.Code, body)
		}
	})
}

func TestAPublishingDocumentMissingFromTheLibraryIsOfferedForAdding(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		city := f.pages(auth.RoleOffice, f.city)
		form := url.Values{"agency_id": {f.city.ID}, "year": {"2023"}, "value": {"86,2"}, "status": {"published"}, "document": {"1256/QĐ-BCĐCCHC"}}
		body := city.do(city.h.CreateValue, "POST", "/indicators/"+f.par.ID+"/values", form, "id", f.par.ID).Body.String()
		if !strings.Contains(body, "Văn bản 1256/QĐ-BCĐCCHC chưa có trong thư viện") || !strings.Contains(body, "/library/new?citation=1256%2fQ%c4%90-BC%c4%90CCHC") {
			t.Fatalf("missing document:\n%s", body)
		}
	})
}

func TestTheTargetFormKeepsWhatWasTyped(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		city := f.pages(auth.RoleOffice, f.city)
		form := url.Values{"agency_id": {f.city.ID}, "year": {"2025"}, "value": {"81"}, "note": {"Theo Kế hoạch CCHC năm 2025"}}
		w := city.do(city.h.CreateTarget, "POST", "/indicators/"+f.papi.ID+"/targets", form, "id", f.papi.ID)
		body := w.Body.String()
		if w.Code != http.StatusUnprocessableEntity || !strings.Contains(body, `value="81"`) || !strings.Contains(body, "Theo Kế hoạch CCHC năm 2025") ||
			!strings.Contains(body, "Giá trị phải từ 0 đến 80") {
			t.Fatalf("refused target: %d\n%s", w.Code, body)
		}
	})
}

func TestTheLinksFormTicksTheSavedLinksAndReplacesThem(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		f.cityFigures()
		office := f.pages(auth.RoleOffice, f.dept)
		topic5, topic4 := f.plan.Topics[4].ID, f.plan.Topics[3].ID
		body := office.do(office.h.Links, "GET", "/plans/"+f.plan.ID+"/indicators", nil, "id", f.plan.ID).Body.String()
		if !strings.Contains(body, `value="`+topic5+`:`+f.par.ID+`" checked`) || strings.Contains(body, `value="`+topic4+`:`+f.par.ID+`" checked`) {
			t.Fatalf("links page:\n%s", body)
		}
		form := url.Values{"link": {topic4 + ":" + f.papi.ID, topic5 + ":" + f.par.ID, topic5 + ":" + f.papi.ID}}
		w := office.do(office.h.SaveLinks, "POST", "/plans/"+f.plan.ID+"/indicators", form, "id", f.plan.ID)
		if w.Code != http.StatusSeeOther {
			t.Fatalf("save links: %d\n%s", w.Code, w.Body.String())
		}
		links, err := f.s.TopicLinks(ctx, f.plan.ID)
		if err != nil || len(links[topic5]) != 2 || len(links[topic4]) != 1 {
			t.Fatalf("links after saving: %v %v", links, err)
		}
	})
}

func TestADepartmentSeesTheCityAndItselfButNotAnotherDepartment(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		f.cityFigures()
		if _, err := f.s.AddValue(ctx, f.par.ID, indicator.ValueInput{AgencyID: f.other.ID, Year: "2024", Value: "79,5", Rank: "17", RankedOf: "19",
			Status: indicator.StatusSelfAssessed}); err != nil {
			t.Fatal(err)
		}
		own, err := f.s.Create(ctx, indicator.IndicatorInput{Code: "STC_RIENG", Name: "Chỉ số riêng của Sở Tài chính", Unit: indicator.UnitPercent,
			OwnerAgencyID: f.other.ID})
		if err != nil {
			t.Fatal(err)
		}
		viewer := f.pages(auth.RoleViewer, f.dept)
		body := viewer.do(viewer.h.View, "GET", "/indicators/"+f.par.ID+"?agency="+f.other.ID, nil, "id", f.par.ID).Body.String()
		if strings.Contains(body, "79,5") || strings.Contains(body, "Sở Tài chính") || !strings.Contains(body, "88,05%") {
			t.Fatalf("a department reading another department's self-assessment:\n%s", body)
		}
		if w := viewer.do(viewer.h.View, "GET", "/indicators/"+own.ID, nil, "id", own.ID); w.Code != http.StatusForbidden {
			t.Fatalf("another department's own index: %d", w.Code)
		}
		if strings.Contains(viewer.do(viewer.h.List, "GET", "/indicators", nil).Body.String(), "Chỉ số riêng của Sở Tài chính") {
			t.Fatal("another department's own index is listed")
		}
		city := f.pages(auth.RoleViewer, f.city)
		body = city.do(city.h.View, "GET", "/indicators/"+f.par.ID+"?agency="+f.other.ID, nil, "id", f.par.ID).Body.String()
		if !strings.Contains(body, "79,5%") || !strings.Contains(body, "Tự đánh giá, ước tính") {
			t.Fatalf("the city does not read its department's figures:\n%s", body)
		}
	})
}

func TestTheExportIsAWorkbookOfValuesAndTargets(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		f.cityFigures()
		office := f.pages(auth.RoleOffice, f.dept)
		w := office.do(office.h.Export, "GET", "/indicators/export.xlsx", nil)
		if w.Code != http.StatusOK || !strings.HasPrefix(w.Body.String(), "PK") ||
			w.Header().Get("Content-Type") != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" {
			t.Fatalf("export: %d %q", w.Code, w.Header().Get("Content-Type"))
		}
	})
}
