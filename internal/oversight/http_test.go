package oversight_test

import (
	"bytes"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"loa/internal/agency"
	"loa/internal/auth"
	"loa/internal/oversight"
	"loa/internal/store"
	"loa/internal/store/storetest"
	"loa/internal/vn"
	"loa/internal/web"
)

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// pages serves the oversight pages to someone holding roles at agencies, as the app's
// guard hands requests over: the principal in the context, the route's permission
// already checked.
type pages struct {
	t  *testing.T
	h  *oversight.HTTP
	me *auth.Principal
}

func (c *city) pages(roles map[*agency.Agency]auth.Role) *pages {
	c.t.Helper()
	render, err := web.NewRenderer(map[string]fs.FS{"oversight": oversight.Templates}, nil, "test", quiet)
	if err != nil {
		c.t.Fatal(err)
	}
	me := &auth.Principal{User: &auth.User{ID: "u1", Username: "u1", AgencyID: c.root.ID}}
	for a, role := range roles {
		me.Memberships = append(me.Memberships, auth.Membership{UserID: "u1", AgencyID: a.ID, Role: role})
	}
	return &pages{t: c.t, h: &oversight.HTTP{DB: c.db, Agencies: c.agencies, Render: render, Log: quiet}, me: me}
}

func (p *pages) get(handler http.HandlerFunc, target string) *httptest.ResponseRecorder {
	p.t.Helper()
	r := httptest.NewRequest("GET", target, nil)
	r = r.WithContext(auth.WithPrincipal(r.Context(), p.me))
	w := httptest.NewRecorder()
	handler(w, r)
	return w
}

// inOrder tells whether each of parts appears in body after the one before.
func inOrder(body string, parts ...string) bool {
	at := 0
	for _, s := range parts {
		i := strings.Index(body[at:], s)
		if i < 0 {
			return false
		}
		at += i + len(s)
	}
	return true
}

func TestTheOverseerSeesEachDepartmentWithItsBadgesLinksAndTheRulesApplied(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		c := newQ1(t, db)
		p := c.pages(map[*agency.Agency]auth.Role{c.root: auth.RoleViewer})
		w := p.get(p.h.Page, "/oversight?period=2024-Q1")
		body := w.Body.String()
		if w.Code != http.StatusOK {
			t.Fatalf("status %d\n%s", w.Code, body)
		}
		table := body[strings.Index(body, "<tbody>"):strings.Index(body, "</tbody>")]
		if !inOrder(table, "Sở Giáo dục và Đào tạo", "Sở Khoa học và Công nghệ", "Sở Tài chính", "Sở Y tế") || strings.Contains(table, "Sở Nội vụ") {
			t.Error("the table should list the four departments by name, without the outside one")
		}
		for _, want := range []string{
			"/reports/" + c.skhcn2.ID, "/reports/" + c.sgddt.ID, "/plans/" + c.sytPlan.ID, "/plans/" + c.stcPlan.ID,
			"gửi lại ngày 25/03/2024", "10/04/2024, ban hành lần đầu ngày 10/01/2024", "(bản 2)", "Quá hạn chưa gửi", "Trễ hạn", "Ban hành muộn", "Chưa ban hành",
			"75%", "3/4 cơ quan", "63%", `data-chart="{`, "chart-4.4.9.umd.js",
			"ngày 31/01/2024 trở về trước", "Sở, ngành gửi Sở Nội vụ: 2 ngày làm việc sau ngày chốt số liệu",
			"/oversight/export.xlsx?period=2024-Q1",
		} {
			if !strings.Contains(body, want) {
				t.Errorf("the page lacks %q", want)
			}
		}
		if strings.Contains(body, "Đang sửa lại") {
			t.Error("no report is being revised, yet the page says one is")
		}
		if !inOrder(body, "Tổng hợp số liệu theo hình thức tuyên truyền", "Trang thông tin điện tử", "<td class=\"num\">7</td>", "16 tin, bài") {
			t.Error("the channel table should sum the websites' 7 results and 16 articles")
		}
	})
}

func TestTheTableSortsByNameBackwardsAndByStateWorstFirst(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		c := newQ1(t, db)
		p := c.pages(map[*agency.Agency]auth.Role{c.root: auth.RoleViewer})
		body := p.get(p.h.Page, "/oversight?period=2024-Q1&sort=-name").Body.String()
		if !inOrder(body, "<tbody>", "Sở Y tế", "Sở Tài chính", "Sở Khoa học và Công nghệ", "Sở Giáo dục và Đào tạo") {
			t.Error("sort=-name should list Z to A")
		}
		if !strings.Contains(body, `aria-sort="descending"`) {
			t.Error("the name column should say it is sorted descending")
		}
		body = p.get(p.h.Page, "/oversight?period=2024-Q1&sort=state").Body.String()
		if !inOrder(body, "<tbody>", "Sở Giáo dục và Đào tạo", "Sở Tài chính", "Sở Khoa học và Công nghệ", "Sở Y tế") {
			t.Error("sort=state should put the missing report first, then the late one, then those on time by name")
		}
	})
}

func TestADepartmentsOfficeIsToldItOverseesNoDepartments(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		c := newQ1(t, db)
		p := c.pages(map[*agency.Agency]auth.Role{c.by["SYT"]: auth.RoleOffice})
		w := p.get(p.h.Page, "/oversight?period=2024-Q1")
		body := w.Body.String()
		if w.Code != http.StatusOK || !strings.Contains(body, "Không có sở, ban, ngành hay UBND cấp huyện nào thuộc Sở Y tế") {
			t.Fatalf("status %d, empty state missing:\n%s", w.Code, body)
		}
		if strings.Contains(body, "export.xlsx") || strings.Contains(body, "data-chart") {
			t.Error("an empty view offers an export or a chart")
		}
	})
}

func TestNoReportSentYetLeavesTheChannelTableEmptyWithAWord(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		c := newCity(t, db).withDepartments()
		p := c.pages(map[*agency.Agency]auth.Role{c.root: auth.RoleLeader})
		body := p.get(p.h.Page, "/oversight?period=2024-H1").Body.String()
		if !strings.Contains(body, "Chưa có báo cáo nào được gửi trong kỳ") || strings.Count(body, "Chưa có báo cáo</span>") != 4 {
			t.Errorf("the empty states of a period without reports are missing:\n%s", body)
		}
	})
}

func TestTheViewRefusesWhatTheViewerDoesNotOverseeAndAPeriodItCannotRead(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		c := newQ1(t, db)
		p := c.pages(map[*agency.Agency]auth.Role{c.by["SYT"]: auth.RoleOffice})
		for target, want := range map[string]int{
			"/oversight?period=2024-Q1&root=" + c.root.ID:                  http.StatusForbidden,
			"/oversight/export.xlsx?period=2024-Q1&root=" + c.root.ID:      http.StatusForbidden,
			"/oversight?period=2024-Q2":                                    http.StatusBadRequest,
			"/oversight?period=2024-Q1&root=nothing-of-the-kind":           http.StatusNotFound,
			"/oversight?period=2024-Q1&root=" + c.by["CDC"].ID:             http.StatusOK, // a centre below the department
			"/oversight/export.xlsx?period=2024-Q1&root=" + c.by["SYT"].ID: http.StatusOK,
		} {
			handler := p.h.Page
			if strings.HasPrefix(target, "/oversight/export") {
				handler = p.h.Export
			}
			if got := p.get(handler, target).Code; got != want {
				t.Errorf("%s: %d, want %d", target, got, want)
			}
		}
	})
}

func TestTheHighestAgencyOfTheViewersReachIsOverseenByDefault(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		c := newQ1(t, db)
		// A role at the city covers the one at a department: one choice, the city.
		p := c.pages(map[*agency.Agency]auth.Role{c.by["SYT"]: auth.RoleOffice, c.root: auth.RoleViewer})
		body := p.get(p.h.Page, "/oversight").Body.String()
		if !strings.Contains(body, `name="root" value="`+c.root.ID+`"`) || strings.Contains(body, `id="o-root"`) {
			t.Error("the city should be overseen without a choice of agency")
		}
		if latest := oversight.LatestClosed(vn.Today()).String(); !strings.Contains(body, `value="`+latest+`" selected`) {
			t.Errorf("without ?period= the latest closed period %s should be shown", latest)
		}
		// Roles at two departments side by side: both are offered, in name order.
		p = c.pages(map[*agency.Agency]auth.Role{c.by["SYT"]: auth.RoleOffice, c.by["STC"]: auth.RoleViewer})
		body = p.get(p.h.Page, "/oversight?period=2024-Q1").Body.String()
		if !inOrder(body, `id="o-root"`, `value="`+c.by["STC"].ID+`" selected>Sở Tài chính`, `value="`+c.by["SYT"].ID+`">Sở Y tế`) {
			t.Errorf("two departments should be offered, Sở Tài chính first and chosen:\n%s", body)
		}
	})
}

func TestTheExportHoldsTheRatesTheAgenciesAndTheChannelsAsFigures(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		c := newQ1(t, db)
		p := c.pages(map[*agency.Agency]auth.Role{c.root: auth.RoleViewer})
		w := p.get(p.h.Export, "/oversight/export.xlsx?period=2024-Q1")
		if w.Code != http.StatusOK || !strings.Contains(w.Header().Get("Content-Disposition"), "giam-sat-bao-cao-2024-Q1.xlsx") {
			t.Fatalf("status %d, %q", w.Code, w.Header().Get("Content-Disposition"))
		}
		f, err := excelize.OpenReader(bytes.NewReader(w.Body.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if got := strings.Join(f.GetSheetList(), "|"); got != "Tổng hợp|Các cơ quan|Theo hình thức" {
			t.Fatalf("sheets %q", got)
		}
		cell := func(sheet, ref string) string {
			v, err := f.GetCellValue(sheet, ref)
			if err != nil {
				t.Fatal(err)
			}
			return v
		}
		typ := func(sheet, ref string) excelize.CellType {
			ct, err := f.GetCellType(sheet, ref)
			if err != nil {
				t.Fatal(err)
			}
			return ct
		}
		// Row 1 is the title, row 3 the header, the figures from row 4.
		if cell("Tổng hợp", "A6") != "Tỷ lệ gửi báo cáo" || cell("Tổng hợp", "B6") != "3" || cell("Tổng hợp", "D6") != "75" {
			t.Errorf("reporting rate row: %q %q %q", cell("Tổng hợp", "A6"), cell("Tổng hợp", "B6"), cell("Tổng hợp", "D6"))
		}
		for ref, want := range map[string]string{
			"B4": "Sở Giáo dục và Đào tạo", "G4": "18/03/2024", "I4": "Quá hạn chưa gửi",
			"H4": "Quy tắc hạn báo cáo (Sở, ngành gửi Sở Nội vụ): 2 ngày làm việc sau ngày chốt số liệu",
			"B7": "Sở Y tế", "H7": "Ghi trên báo cáo", "J7": "50",
		} {
			if got := cell("Các cơ quan", ref); got != want {
				t.Errorf("agency sheet %s: %q, want %q", ref, got, want)
			}
		}
		if cell("Theo hình thức", "C4") != "7" || cell("Theo hình thức", "D5") != "500" || typ("Theo hình thức", "D5") == excelize.CellTypeSharedString {
			t.Errorf("channel figures: %q %q (%v)", cell("Theo hình thức", "C4"), cell("Theo hình thức", "D5"), typ("Theo hình thức", "D5"))
		}
	})
}
