package app

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"loa/internal/store"
	"loa/internal/store/storetest"
)

// newPlanFromLastYear has the office start the 2025 plan from the demo 2024 plan and
// returns its id.
func newPlanFromLastYear(t *testing.T, s *testSite, office *client) string {
	t.Helper()
	res := office.post("/plans", url.Values{"agency_id": {s.agencyID("SKHCN")}, "year": {"2025"}, "from": {"last_year"}, "source_id": {s.demoPlanID()}})
	if res.status != http.StatusSeeOther || !strings.HasSuffix(res.location, "/edit") {
		t.Fatalf("create from last year: %d %q\n%s", res.status, res.location, res.body)
	}
	return strings.TrimSuffix(strings.TrimPrefix(res.location, "/plans/"), "/edit")
}

func planJSON(t *testing.T, c *client, id string) map[string]any {
	t.Helper()
	res := c.get("/plans/" + id + "/export/json")
	if res.status != http.StatusOK {
		t.Fatalf("json export: %d", res.status)
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(res.body), &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func TestAPlanGoesFromLastYearsCopyToIssuedWithANumber(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		office, leader, unit := s.as("vanphong"), s.as("lanhdao"), s.as("donvi")
		id := newPlanFromLastYear(t, s, office)
		p := planJSON(t, office, id)
		if p["summary"] != "Công tác thông tin, tuyên truyền cải cách hành chính năm 2025" || p["number"] != "" {
			t.Fatalf("copy: summary %q number %q", p["summary"], p["number"])
		}
		// The editor page opens with every section.
		edit := office.get("/plans/" + id + "/edit")
		if edit.status != http.StatusOK || !strings.Contains(edit.body, `id="sec-activities"`) || !strings.Contains(edit.body, "Văn phòng Sở") {
			t.Fatalf("editor: %d", edit.status)
		}
		// Edit activity 1 the way the editor's autosave posts it.
		acts := p["activities"].([]any)
		form := url.Values{"row_version": {"1"}}
		for i, raw := range acts {
			a := raw.(map[string]any)
			text := a["text"].(string)
			if i == 0 {
				text = "Đăng tin, bài về CCHC trên Cổng thông tin điện tử của Sở"
			}
			partners := []string{}
			for _, pr := range a["partners"].([]any) {
				partners = append(partners, pr.(map[string]any)["name"].(string))
			}
			form.Add("id", a["id"].(string))
			form.Add("row", string(rune('0'+i)))
			form.Add("seq", string(rune('1'+i)))
			form.Add("kind", a["channel"].(string))
			form.Add("text", text)
			form.Add("lead", a["lead"].(map[string]any)["name"].(string))
			form.Add("partners", strings.Join(partners, "\n"))
			sup := ""
			if a["supplier"] != nil {
				sup = a["supplier"].(map[string]any)["name"].(string)
			}
			form.Add("supplier", sup)
			form.Add("time", a["time"].(string))
			form.Add("target_qty", "")
			form.Add("target_unit", "")
			form.Add("budget", "")
			if a["conditional"].(bool) {
				form.Add("conditional", string(rune('0'+i)))
			}
		}
		form.Set("target_qty", "")
		req, _ := http.NewRequest("POST", s.srv.URL+"/plans/"+id+"/edit/activities", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("HX-Request", "true")
		res := office.do(req)
		if res.status != http.StatusOK || res.header.Get("X-Plan-Version") != "2" || !strings.Contains(res.body, "Đã lưu lúc") {
			t.Fatalf("autosave: %d v=%q\n%s", res.status, res.header.Get("X-Plan-Version"), res.body)
		}
		// A second save with the old version is refused, not silently applied.
		res = office.do(func() *http.Request {
			r, _ := http.NewRequest("POST", s.srv.URL+"/plans/"+id+"/edit/activities", strings.NewReader(form.Encode()))
			r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			r.Header.Set("HX-Request", "true")
			return r
		}())
		if !strings.Contains(res.body, "vừa được người khác sửa") || res.header.Get("HX-Retarget") != "#save-status" {
			t.Fatalf("stale save should be refused: %d %s", res.status, res.body)
		}
		p = planJSON(t, office, id)
		first := p["activities"].([]any)[0].(map[string]any)
		if first["text"] != "Đăng tin, bài về CCHC trên Cổng thông tin điện tử của Sở" || first["lead"].(map[string]any)["agency_id"] == "" {
			t.Fatalf("activity 1 after save: %+v", first)
		}
		if len(p["activities"].([]any)) != 6 || !p["activities"].([]any)[4].(map[string]any)["conditional"].(bool) {
			t.Fatal("the other rows and the 'nếu có' flags must survive the save")
		}
		// A unit cannot submit; the office submits; a leader returns with a comment, then approves.
		if res := unit.post("/plans/"+id+"/submit", url.Values{"row_version": {"2"}}); res.status != http.StatusForbidden {
			t.Fatalf("unit submit: %d", res.status)
		}
		if res := office.post("/plans/"+id+"/submit", url.Values{"row_version": {"2"}}); res.status != http.StatusSeeOther {
			t.Fatalf("submit: %d %s", res.status, res.body)
		}
		if res := leader.post("/plans/"+id+"/return", url.Values{"row_version": {"3"}}); res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, "lý do trả lại") {
			t.Fatalf("return without a comment: %d", res.status)
		}
		if res := leader.post("/plans/"+id+"/return", url.Values{"row_version": {"3"}, "comment": {"Bổ sung chỉ tiêu số tin bài."}}); res.status != http.StatusSeeOther {
			t.Fatalf("return: %d", res.status)
		}
		if !strings.Contains(office.get("/plans/"+id).body, "Bổ sung chỉ tiêu số tin bài.") {
			t.Error("the office should see the leader's comment in the history")
		}
		office.post("/plans/"+id+"/submit", url.Values{"row_version": {"4"}})
		if res := leader.post("/plans/"+id+"/approve", url.Values{"row_version": {"5"}}); res.status != http.StatusSeeOther {
			t.Fatalf("approve: %d %s", res.status, res.body)
		}
		if res := leader.post("/plans/"+id+"/issue", url.Values{"row_version": {"6"}, "date": {"06/01/2025"}}); res.status != http.StatusForbidden {
			t.Fatalf("a leader does not number documents: %d", res.status)
		}
		if res := office.post("/plans/"+id+"/issue", url.Values{"row_version": {"6"}, "date": {"06/01/2025"}}); res.status != http.StatusSeeOther {
			t.Fatalf("issue: %d %s", res.status, res.body)
		}
		p = planJSON(t, office, id)
		if p["number"] != "01" || p["status"] != "issued" || p["date"].(map[string]any)["day"].(float64) != 6 {
			t.Fatalf("issued: number %v status %v date %v", p["number"], p["status"], p["date"])
		}
		// Issued content is frozen.
		if res := office.post("/plans/"+id+"/edit/header", url.Values{"row_version": {"7"}, "summary": {"x"}}); res.status != http.StatusConflict {
			t.Fatalf("editing an issued plan: %d", res.status)
		}
		// The DOCX download is a Word file with the number printed.
		docx := office.get("/plans/" + id + "/export/docx")
		if docx.status != http.StatusOK || !strings.Contains(docx.header.Get("Content-Disposition"), "01-KH-SKHCN-2025.docx") {
			t.Fatalf("docx: %d %q", docx.status, docx.header.Get("Content-Disposition"))
		}
		zr, err := zip.NewReader(bytes.NewReader([]byte(docx.body)), int64(len(docx.body)))
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, f := range zr.File {
			if f.Name == "word/document.xml" {
				rc, _ := f.Open()
				var buf bytes.Buffer
				_, _ = buf.ReadFrom(rc)
				found = strings.Contains(buf.String(), "01/KH-SKHCN")
			}
		}
		if !found {
			t.Error("the Word file should print Số: 01/KH-SKHCN")
		}
		// The units named in the plan are told.
		if n := unit.get("/notifications").body; !strings.Contains(n, "Ban hành Kế hoạch số 01/KH-SKHCN") {
			t.Error("the information centre (a partner) should be notified of the issued plan")
		}
	})
}

func TestAnAmendmentIsANewVersionWithAReadableDiff(t *testing.T) {
	s := newSite(t, storetest.SQLite(t))
	office := s.as("vanphong")
	demo := s.demoPlanID()
	res := office.post("/plans/"+demo+"/amend", url.Values{})
	if res.status != http.StatusSeeOther || !strings.HasSuffix(res.location, "/edit") {
		t.Fatalf("amend: %d %s", res.status, res.body)
	}
	id := strings.TrimSuffix(strings.TrimPrefix(res.location, "/plans/"), "/edit")
	res = office.post("/plans/"+id+"/edit/funding", url.Values{"row_version": {"1"}, "funding": {"Kinh phí từ nguồn ngân sách sự nghiệp khoa học năm 2024."}})
	if res.status != http.StatusSeeOther {
		t.Fatalf("save funding: %d", res.status)
	}
	diff := office.get("/plans/" + id + "/diff")
	if diff.status != http.StatusOK || !strings.Contains(diff.body, "<ins>Kinh phí từ nguồn ngân sách sự nghiệp khoa học năm 2024.</ins>") ||
		!strings.Contains(diff.body, "<del>Kinh phí thực hiện tuyên truyền CCHC năm 2024") {
		t.Fatalf("diff: %d\n%s", diff.status, diff.body)
	}
	if res := office.post("/plans/"+demo+"/amend", url.Values{}); res.status != http.StatusConflict {
		t.Fatalf("a second open amendment: %d", res.status)
	}
}

func TestTheDemoPlanIsIssuedAndPrintsItsParts(t *testing.T) {
	s := newSite(t, storetest.SQLite(t))
	viewer := s.as("xem")
	p := planJSON(t, viewer, s.demoPlanID())
	if p["number"] != "01" || p["symbol"] != "KH-SKHCN" || p["status"] != "in_effect" || len(p["activities"].([]any)) != 6 ||
		p["issuing_body"] != "SỞ KHOA HỌC VÀ CÔNG NGHỆ" || p["parent_body"] != "UBND THÀNH PHỐ CẦN THƠ" {
		t.Fatalf("demo plan: %v %v %v %v %v", p["number"], p["symbol"], p["status"], p["issuing_body"], p["parent_body"])
	}
	page := viewer.get("/plans/" + s.demoPlanID())
	for _, want := range []string{"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Vườn ươm công nghệ công nghiệp Việt Nam - Hàn Quốc", "Ngô Anh Tín"} {
		if !strings.Contains(page.body, want) {
			t.Errorf("the plan page's preview lacks %q", want)
		}
	}
	if strings.Contains(page.body, "/submit") {
		t.Error("a viewer sees no lifecycle buttons")
	}
}

func TestAPlansCitationsPointAtTheLibraryAndUnknownOnesOfferToBeAdded(t *testing.T) {
	s := newSite(t, storetest.SQLite(t))
	office := s.as("vanphong")
	id := newPlanFromLastYear(t, s, office)
	edit := office.get("/plans/" + id + "/edit")
	if !strings.Contains(edit.body, "/library/new?citation=") {
		t.Fatal("a citation not in the library should offer to add it")
	}
	entry := s.addDocument("UBND", "246/KH-UBND", "14/12/2023", "Ủy ban nhân dân thành phố", "Về công tác thông tin, tuyên truyền CCHC năm 2024", "city")
	bases := "Căn cứ Kế hoạch số 246/KH-UBND ngày 14 tháng 12 năm 2023 của Ủy ban nhân dân thành phố về công tác thông tin, tuyên truyền cải cách hành chính năm 2024."
	if res := office.post("/plans/"+id+"/edit/bases", url.Values{"row_version": {"1"}, "legal_bases": {bases}}); res.status != http.StatusSeeOther {
		t.Fatalf("save bases: %d", res.status)
	}
	p := planJSON(t, office, id)
	lb := p["legal_bases"].([]any)[0].(map[string]any)
	if lb["library_id"] != entry.ID {
		t.Fatalf("the legal basis should point at library entry %s: %v", entry.ID, lb)
	}
	if !strings.Contains(office.get("/plans/"+id+"/edit").body, "/library/"+entry.ID) {
		t.Error("the editor should link the cited entry")
	}
}

func TestAnAdminAddsAnAgencyAPlanNamedFromTheEditor(t *testing.T) {
	s := newSite(t, storetest.SQLite(t))
	admin := s.as("quantri")
	form := admin.get("/agencies/new?name=" + url.QueryEscape("Báo Cần Thơ") + "&external=1")
	if form.status != http.StatusOK || !strings.Contains(form.body, `value="Báo Cần Thơ"`) || strings.Contains(form.body, "form-errors") {
		t.Fatalf("prefilled form: %d", form.status)
	}
}
