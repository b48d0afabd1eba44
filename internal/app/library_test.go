package app

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"loa/internal/library"
	"loa/internal/store"
	"loa/internal/store/storetest"
)

// libraryEditors are the demo accounts that may add and correct library entries.
var libraryEditors = who{"quantri", "vanphong", "bientap", "duyettin"}

// addDocument puts a document into the library for the agency with abbreviation path
// owner, as if someone had added it through the form.
func (s *testSite) addDocument(owner, numberSymbol, date, issuer, summary string, scope library.Scope) *library.Entry {
	s.t.Helper()
	e, err := s.app.libraryHTTP.Store.Create(context.Background(), library.Input{NumberSymbol: numberSymbol, IssuedOn: date, Issuer: issuer,
		Summary: summary, Scope: scope, OwnerAgencyID: s.agencyID(owner)})
	if err != nil {
		s.t.Fatalf("add %s: %v", numberSymbol, err)
	}
	return e
}

const planCitation = "Kế hoạch số 246/KH-UBND ngày 14 tháng 12 năm 2023 của Ủy ban nhân dân thành phố về công tác thông tin, tuyên truyền cải cách hành chính năm 2024"

func TestADocumentAPlanCitesIsAddedFromItsCitationAndOnlyOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		vp := s.as("vanphong")
		newPage := "/library/new?citation=" + url.QueryEscape(planCitation) + "&next=" + url.QueryEscape("/plans")
		res := vp.get(newPage)
		if res.status != http.StatusOK {
			t.Fatalf("form: %d", res.status)
		}
		office := s.agencyID("SKHCN/VP")
		for _, want := range []string{
			`value="246/KH-UBND"`, `value="14/12/2023"`, `value="Ủy ban nhân dân thành phố"`,
			">Về công tác thông tin, tuyên truyền cải cách hành chính năm 2024</textarea>",
			`<option value="KH" selected>`, `<option value="city" selected>`,
			`<option value="` + office + `" selected>`, // the user's own agency
			`name="next" value="/plans"`, "được điền sẵn từ trích dẫn",
		} {
			if !strings.Contains(res.body, want) {
				t.Errorf("prefilled form lacks %s", want)
			}
		}
		form := url.Values{"number_symbol": {"246/KH-UBND"}, "type_code": {"KH"}, "issued_on": {"14/12/2023"}, "issuer": {"Ủy ban nhân dân thành phố"},
			"summary": {"Về công tác thông tin, tuyên truyền cải cách hành chính năm 2024"}, "scope": {"city"}, "owner_agency_id": {office},
			"next": {"/plans"}, "citation": {planCitation}, "form_token": {"library-once"}}
		first := vp.post("/library", form)
		if first.status != http.StatusSeeOther || first.location != "/plans" {
			t.Fatalf("save should return to the plan: %d %q\n%s", first.status, first.location, first.body)
		}
		if second := vp.post("/library", form); second.status != http.StatusSeeOther {
			t.Fatalf("second submit: %d", second.status)
		}
		found, err := s.app.libraryHTTP.Store.FindBySymbol(context.Background(), "246", "KH-UBND")
		if err != nil || len(found) != 1 {
			t.Fatalf("want one entry, found %d (%v)", len(found), err)
		}
		e := found[0]
		if e.OwnerAgencyID != office || e.Scope != library.ScopeCity || e.IssuedOn.Short() != "14/12/2023" {
			t.Errorf("saved %+v", e)
		}
		var actor string
		if err := db.Read().QueryRowContext(context.Background(), `SELECT actor_name FROM audit_log WHERE entity = 'library_doc' AND entity_id = $1`,
			e.ID).Scan(&actor); err != nil || actor != "vanphong" {
			t.Errorf("audit row: %q %v", actor, err)
		}
		// The plan asking again now learns the document is there.
		again := vp.get(newPage).body
		if !strings.Contains(again, "Văn bản này đã có trong thư viện") || !strings.Contains(again, `href="/library/`+e.ID+`"`) {
			t.Error("the form should link to the document already in the library")
		}
		view := vp.get("/library/" + e.ID).body
		if !strings.Contains(view, "Kế hoạch số 246/KH-UBND") || !strings.Contains(view, "Văn phòng Sở") || !strings.Contains(view, "/library/"+e.ID+"/edit") {
			t.Error("the document page should show the document, who added it and an edit link")
		}
	})
}

func TestALibraryFormWithMistakesComesBackWithVietnameseMessagesAndWhatWasTyped(t *testing.T) {
	s := newSite(t, storetest.SQLite(t))
	editor := s.as("bientap")
	form := url.Values{"number_symbol": {"KH-UBND 246"}, "issued_on": {"31/02/2024"}, "issuer": {"UBND  thành phố"}, "summary": {"  "},
		"scope": {""}, "url": {"javascript:alert(1)"}, "owner_agency_id": {s.agencyID("SKHCN")}}
	res := editor.post("/library", form)
	if res.status != http.StatusUnprocessableEntity {
		t.Fatalf("status %d", res.status)
	}
	for _, want := range []string{
		"Số, ký hiệu chưa đúng dạng", "Ngày không đúng dạng ngày/tháng/năm", "Vui lòng nhập thông tin này.",
		"Vui lòng chọn phạm vi của văn bản.", "Liên kết phải là địa chỉ đầy đủ bắt đầu bằng http:// hoặc https://.",
		`value="KH-UBND 246"`, `value="31/02/2024"`, `value="UBND  thành phố"`, `value="javascript:alert(1)"`,
	} {
		if !strings.Contains(res.body, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if n := strings.Count(res.body, `aria-invalid="true"`); n != 5 {
		t.Errorf("%d fields marked wrong, want 5", n)
	}
	// The same document twice: the message names it and the page links to it.
	kept := s.addDocument("UBND", "246/KH-UBND", "14/12/2023", "UBND thành phố", "Về công tác thông tin, tuyên truyền CCHC năm 2024", library.ScopeCity)
	form = url.Values{"number_symbol": {"246/KH-UBND"}, "issued_on": {"14/12/2023"}, "summary": {"Nhập lại"}, "scope": {"city"},
		"owner_agency_id": {s.agencyID("SKHCN")}}
	res = editor.post("/library", form)
	if res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, "Kế hoạch số 246/KH-UBND ngày 14/12/2023 đã có trong thư viện") ||
		!strings.Contains(res.body, `href="/library/`+kept.ID+`"`) || !strings.Contains(res.body, ">Nhập lại</textarea>") {
		t.Fatalf("double entry: %d\n%s", res.status, res.body)
	}
}

func TestTheLibraryListFiltersByScopeAndYearAndPages(t *testing.T) {
	s := newSite(t, storetest.SQLite(t))
	s.addDocument("UBND", "76/NQ-CP", "15/07/2021", "Chính phủ", "Ban hành Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021 - 2030", library.ScopeCentral)
	s.addDocument("UBND", "23/CT-TTg", "02/09/2021", "Thủ tướng Chính phủ", "Về việc đẩy mạnh thực hiện Chương trình tổng thể CCHC", library.ScopeCentral)
	s.addDocument("UBND", "246/KH-UBND", "14/12/2023", "Ủy ban nhân dân thành phố", "Về công tác thông tin, tuyên truyền cải cách hành chính năm 2024", library.ScopeCity)
	viewer := s.as("xem")
	has := func(path string, want, not []string) string {
		t.Helper()
		res := viewer.get(path)
		if res.status != http.StatusOK {
			t.Fatalf("%s: %d", path, res.status)
		}
		for _, w := range want {
			if !strings.Contains(res.body, w) {
				t.Errorf("%s lacks %q", path, w)
			}
		}
		for _, n := range not {
			if strings.Contains(res.body, n) {
				t.Errorf("%s shows %q", path, n)
			}
		}
		return res.body
	}
	// The demo's portal put the plan and a notice of 2024 in the library: 2 + 3.
	all := has("/library", []string{"76/NQ-CP", "23/CT-TTg", "246/KH-UBND", "Hiển thị 1–5 trên 5"}, []string{`href="/library/new"`})
	// Issuers in Vietnamese order in the filter.
	if strings.Index(all, ">Chính phủ</option>") > strings.Index(all, ">Thủ tướng Chính phủ</option>") ||
		strings.Index(all, ">Thủ tướng Chính phủ</option>") > strings.Index(all, ">Ủy ban nhân dân thành phố</option>") {
		t.Error("issuers should be in Vietnamese order")
	}
	has("/library?scope=city", []string{"246/KH-UBND", `<option value="city" selected>`, `href="/library/export.xlsx?scope=city"`},
		[]string{"76/NQ-CP", "23/CT-TTg"})
	has("/library?year=2021", []string{"76/NQ-CP", "23/CT-TTg", `<option value="2021" selected>`}, []string{"246/KH-UBND"})
	has("/library?year=2021&scope=central&q=day+manh", []string{"23/CT-TTg"}, []string{"76/NQ-CP", "246/KH-UBND"})
	has("/library?scope=sector", []string{"Không có văn bản phù hợp với bộ lọc."}, []string{"76/NQ-CP"})

	for i := 1; i <= 25; i++ {
		s.addDocument("SKHCN", fmt.Sprintf("%d/SKHCN-VP", i), fmt.Sprintf("%02d/01/2024", i), "Sở Khoa học và Công nghệ", "Công văn về CCHC", library.ScopeOwn)
	}
	has("/library", []string{"Hiển thị 1–25 trên 30", `href="?page=2"`}, []string{"76/NQ-CP"})
	has("/library?page=2", []string{"Hiển thị 26–30 trên 30", "76/NQ-CP"}, nil)
}

func TestAnEmptyLibraryInvitesThoseWhoMayAddToAddTheFirstDocument(t *testing.T) {
	s := newSite(t, storetest.SQLite(t))
	for _, table := range []string{"library_files", "library_docs"} { // the demo portal's documents
		if _, err := s.db.Write().ExecContext(context.Background(), `DELETE FROM `+table); err != nil {
			t.Fatal(err)
		}
	}
	body := s.as("bientap").get("/library").body
	if !strings.Contains(body, "Thư viện chưa có văn bản nào.") || !strings.Contains(body, `href="/library/new"`) {
		t.Fatal("an empty library should say so and link to the form")
	}
	if !strings.Contains(body, `href="/library" aria-current="page"`) {
		t.Error("the navigation should lead to the library")
	}
}

func TestTheLibraryExportIsAWorkbookOfTheFilteredList(t *testing.T) {
	s := newSite(t, storetest.SQLite(t))
	s.addDocument("UBND", "76/NQ-CP", "15/07/2021", "Chính phủ", "Ban hành Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021 - 2030", library.ScopeCentral)
	s.addDocument("UBND", "23/CT-TTg", "02/09/2021", "Thủ tướng Chính phủ", "Về việc đẩy mạnh thực hiện Chương trình tổng thể CCHC", library.ScopeCentral)
	s.addDocument("UBND", "246/KH-UBND", "14/12/2023", "Ủy ban nhân dân thành phố", "Về công tác thông tin, tuyên truyền CCHC năm 2024", library.ScopeCity)
	res := s.as("xem").get("/library/export.xlsx?scope=central")
	if res.status != http.StatusOK || res.header.Get("Content-Type") != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" ||
		!strings.HasPrefix(res.header.Get("Content-Disposition"), "attachment;") {
		t.Fatalf("export: %d %q %q", res.status, res.header.Get("Content-Type"), res.header.Get("Content-Disposition"))
	}
	f, err := excelize.OpenReader(bytes.NewReader([]byte(res.body)))
	if err != nil {
		t.Fatalf("not a workbook: %v", err)
	}
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetName(0))
	if err != nil {
		t.Fatal(err)
	}
	var table []string
	for _, r := range rows {
		table = append(table, strings.Join(r, "|"))
	}
	text := strings.Join(table, "\n")
	for _, want := range []string{"DANH MỤC VĂN BẢN", "TT|Số, ký hiệu|Loại văn bản|Ngày ban hành|Cơ quan ban hành|Trích yếu|Phạm vi|Liên kết",
		"1|23/CT-TTg|Chỉ thị|02/09/2021|Thủ tướng Chính phủ|Về việc đẩy mạnh thực hiện Chương trình tổng thể CCHC|Trung ương",
		"2|76/NQ-CP|Nghị quyết|15/07/2021|Chính phủ|"} {
		if !strings.Contains(text, want) {
			t.Errorf("workbook lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "246/KH-UBND") {
		t.Error("the export should hold the filtered list only")
	}
}

func TestTwoPeopleCorrectingTheSameDocumentDoNotOverwriteEachOther(t *testing.T) {
	s := newSite(t, storetest.SQLite(t))
	e := s.addDocument("SKHCN", "15/KH-SKHCN", "05/01/2024", "Sở Khoa học và Công nghệ", "Thông tin, tuyên truyền CCHC năm 2024", library.ScopeOwn)
	form := func(summary string) url.Values {
		return url.Values{"number_symbol": {"15/KH-SKHCN"}, "issued_on": {"05/01/2024"}, "summary": {summary}, "scope": {"own"}, "row_version": {"1"}}
	}
	if res := s.as("vanphong").post("/library/"+e.ID, form("Kế hoạch thông tin, tuyên truyền CCHC năm 2024")); res.status != http.StatusSeeOther {
		t.Fatalf("first correction: %d", res.status)
	}
	res := s.as("bientap").post("/library/"+e.ID, form("Kế hoạch tuyên truyền CCHC của Sở năm 2024"))
	if res.status != http.StatusConflict || !strings.Contains(res.body, "vừa được người khác sửa") ||
		!strings.Contains(res.body, ">Kế hoạch tuyên truyền CCHC của Sở năm 2024</textarea>") || !strings.Contains(res.body, `name="row_version" value="2"`) {
		t.Fatalf("second correction should be refused with its text kept: %d\n%s", res.status, res.body)
	}
}

func TestADocumentIsCorrectedOnlyByTheAgencyThatAddedIt(t *testing.T) {
	s := newSite(t, storetest.SQLite(t))
	city := s.addDocument("UBND", "246/KH-UBND", "14/12/2023", "Ủy ban nhân dân thành phố", "Về công tác thông tin, tuyên truyền CCHC năm 2024", library.ScopeCity)
	vp := s.as("vanphong")
	if res := vp.get("/library/" + city.ID + "/edit"); res.status != http.StatusForbidden {
		t.Errorf("office of a department editing the city's entry: %d", res.status)
	}
	if body := vp.get("/library/" + city.ID).body; strings.Contains(body, "/library/"+city.ID+"/edit") {
		t.Error("the page should offer no edit link to those who may not edit")
	}
	if res := s.as("quantri").get("/library/" + city.ID + "/edit"); res.status != http.StatusOK {
		t.Errorf("the city's administrator: %d", res.status)
	}
	if res := vp.get("/library/no-such-entry/edit"); res.status != http.StatusNotFound {
		t.Errorf("unknown entry: %d", res.status)
	}
}
