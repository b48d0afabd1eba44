package survey

import (
	"bytes"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"loa/internal/i18n"
	"loa/internal/store"
	"loa/internal/store/storetest"
)

func mustContain(t *testing.T, what, body string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(body, w) {
			t.Errorf("%s lacks %q", what, w)
		}
	}
}

func TestAnAnswerWithMistakesComesBackWithVietnameseMessagesAndEverythingTyped(t *testing.T) {
	s := newSite(t, storetest.SQLite(t))
	sv := s.sample(LimitBrowser)
	v := s.visitor()
	form := pickAnswers(sv, 0, []int{1, 2, 3}, 0, "Cán bộ <b>nhiệt tình</b>, đề nghị giữ vững")
	res := v.answer(sv.Slug, form)
	if res.status != http.StatusUnprocessableEntity {
		t.Fatalf("status %d", res.status)
	}
	mustContain(t, "the form shown again", res.body,
		`id="form-errors"`, "Phiếu trả lời còn 3 chỗ cần sửa",
		`href="#q-`+sv.Questions[0].ID+`">Câu 1: Vui lòng chọn câu trả lời cho câu này.`,
		`Câu 2: Chỉ được chọn nhiều nhất 2 phương án.`,
		`id="err-`+sv.Questions[2].ID+`">Vui lòng chọn câu trả lời cho câu này.`,
		// What was typed and chosen is all still there, and the citizen's HTML is text.
		"Cán bộ &lt;b&gt;nhiệt tình&lt;/b&gt;, đề nghị giữ vững</textarea>",
		`value="`+sv.Questions[1].Options[2].ID+`" checked`,
		`<legend>1. Bạn là:`)
	if n := s.responses(sv.ID); n != 0 {
		t.Fatalf("%d responses stored from a refused form", n)
	}
	// Fixed and sent again from the page shown, it is taken.
	fixed := pickAnswers(sv, 2, []int{1, 2}, 4, "Cán bộ nhiệt tình")
	res = v.post("/khao-sat/"+sv.Slug, withTokens(res.body, fixed))
	if res.status != http.StatusSeeOther || res.location != "/khao-sat/"+sv.Slug+"/cam-on" {
		t.Fatalf("fixed answer: %d %s %s", res.status, res.location, res.body)
	}
	mustContain(t, "thank-you page", v.get(res.location).body, "Cảm ơn bạn đã tham gia khảo sát")
}

func TestEachBrowserAnswersOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		sv := s.sample(LimitBrowser)
		v := s.visitor()
		v.get("/khao-sat/" + sv.Slug)
		otherTab := v.get("/khao-sat/" + sv.Slug)
		if res := v.answer(sv.Slug, pickAnswers(sv, 1, nil, 5, "")); res.status != http.StatusSeeOther {
			t.Fatalf("first answer: %d", res.status)
		}
		page := v.get("/khao-sat/" + sv.Slug)
		mustContain(t, "the form after answering", page.body, "Bạn đã trả lời khảo sát này")
		// A second answer from the same browser (a form left open in another tab) is refused.
		second := v.post("/khao-sat/"+sv.Slug, withTokens(otherTab.body, pickAnswers(sv, 2, nil, 1, "")))
		if second.status != http.StatusConflict {
			t.Fatalf("second answer: %d", second.status)
		}
		// A browser refusing cookies is asked to allow them, keeping its answers.
		bot := s.visitor()
		form := bot.get("/khao-sat/" + sv.Slug)
		bot.c.Jar = nil
		res := bot.post("/khao-sat/"+sv.Slug, withTokens(form.body, pickAnswers(sv, 3, nil, 2, "Ý kiến giữ lại")))
		if res.status != http.StatusUnprocessableEntity {
			t.Fatalf("without cookies: %d", res.status)
		}
		mustContain(t, "the form without cookies", res.body, "cho phép cookie", "Ý kiến giữ lại</textarea>")
		// Another browser is another person.
		if res := s.visitor().answer(sv.Slug, pickAnswers(sv, 2, nil, 1, "")); res.status != http.StatusSeeOther {
			t.Fatalf("another browser: %d", res.status)
		}
		if n := s.responses(sv.ID); n != 2 {
			t.Fatalf("%d responses", n)
		}
	})
}

func TestADoubleSubmitStoresOneAnswerAndLandsOnTheThankYouPage(t *testing.T) {
	s := newSite(t, storetest.SQLite(t))
	sv := s.sample(LimitNone)
	v := s.visitor()
	page := v.get("/khao-sat/" + sv.Slug)
	form := withTokens(page.body, pickAnswers(sv, 1, []int{2}, 3, ""))
	for i := range 2 {
		res := v.post("/khao-sat/"+sv.Slug, form)
		if res.status != http.StatusSeeOther || !strings.HasSuffix(res.location, "/cam-on") {
			t.Fatalf("post %d: %d %s", i+1, res.status, res.location)
		}
	}
	if n := s.responses(sv.ID); n != 1 {
		t.Fatalf("%d responses from one form", n)
	}
	// A form posted without having been shown (a script) is refused.
	forged := pickAnswers(sv, 1, nil, 3, "")
	forged.Set("form_token", "0123456789abcdef0123456789abcdef")
	if res := v.post("/khao-sat/"+sv.Slug, forged); res.status != http.StatusUnprocessableEntity {
		t.Fatalf("forged post: %d", res.status)
	}
}

func TestAnswersOutsideTheWindowAreRefused(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		sv := s.sample(LimitNone)
		if _, err := s.store.UpdateSettings(ctx, sv.ID, sv.RowVersion, Settings{Kind: string(sv.Kind), Title: sv.Title, Limit: "none",
			ResultsPublic: true, OpensAt: "15/06/2025 08:00", ClosesAt: "30/06/2025 17:00"}); err != nil {
			t.Fatal(err)
		}
		v := s.visitor()
		page := v.get("/khao-sat/" + sv.Slug)
		mustContain(t, "a survey not yet open", page.body, "Khảo sát sẽ bắt đầu nhận trả lời từ 15/06/2025 08:00")
		if strings.Contains(page.body, `name="answer_token"`) {
			t.Error("a survey not yet open shows its form")
		}
		form := withTokens(page.body, pickAnswers(sv, 1, nil, 3, ""))
		if res := v.post("/khao-sat/"+sv.Slug, form); res.status != http.StatusConflict {
			t.Fatalf("before opening: %d", res.status)
		}
		s.now = time.Date(2025, time.June, 20, 2, 0, 0, 0, time.UTC)
		if res := v.answer(sv.Slug, pickAnswers(sv, 1, nil, 3, "")); res.status != http.StatusSeeOther {
			t.Fatalf("within the window: %d", res.status)
		}
		page = v.get("/khao-sat/" + sv.Slug)
		s.now = time.Date(2025, time.June, 30, 10, 0, 0, 0, time.UTC) // 17:00 in Vietnam
		if res := v.post("/khao-sat/"+sv.Slug, withTokens(page.body, pickAnswers(sv, 2, nil, 3, ""))); res.status != http.StatusConflict ||
			!strings.Contains(res.body, "Khảo sát đã kết thúc") {
			t.Fatalf("after closing: %d", res.status)
		}
		if n := s.responses(sv.ID); n != 1 {
			t.Fatalf("%d responses", n)
		}
	})
}

func TestAnInvitationCodeOpensTheFormOnceAndOnlyOnce(t *testing.T) {
	s := newSite(t, storetest.SQLite(t))
	sv := s.sample(LimitCode)
	office := s.as("vanphong")
	res := office.post("/surveys/"+sv.ID+"/codes", url.Values{"count": {"2"}, "batch": {"Hiệp hội doanh nghiệp"}, "form_token": {"t-codes-1"}})
	if res.status != http.StatusSeeOther {
		t.Fatalf("generate: %d %s", res.status, res.body)
	}
	codes, _, _ := s.store.Codes(ctx, sv.ID, 0, 0)
	if len(codes) != 2 {
		t.Fatalf("%d codes", len(codes))
	}
	// The link printed on the invitation fills the code in.
	a := s.visitor()
	page := a.get("/khao-sat/" + sv.Slug + "?ma=" + codes[0].Code)
	mustContain(t, "the form from an invitation link", page.body, `value="`+codes[0].Code+`"`)
	form := withTokens(page.body, pickAnswers(sv, 2, nil, 5, ""))
	form.Set("code", codes[0].Code)
	if res := a.post("/khao-sat/"+sv.Slug, form); res.status != http.StatusSeeOther {
		t.Fatalf("with the code: %d %s", res.status, res.body)
	}
	b := s.visitor()
	page = b.get("/khao-sat/" + sv.Slug)
	form = withTokens(page.body, pickAnswers(sv, 1, nil, 1, ""))
	form.Set("code", strings.ToLower(codes[0].Code))
	res = b.post("/khao-sat/"+sv.Slug, form)
	if res.status != http.StatusUnprocessableEntity {
		t.Fatalf("a used code: %d", res.status)
	}
	mustContain(t, "a used code", res.body, "Mã mời này đã được dùng")
	form = withTokens(res.body, pickAnswers(sv, 1, nil, 1, ""))
	form.Del("code")
	mustContain(t, "no code", b.post("/khao-sat/"+sv.Slug, form).body, "Vui lòng nhập mã mời")
	if n := s.responses(sv.ID); n != 1 {
		t.Fatalf("%d responses", n)
	}
	// The list exports, with the links to print.
	x := office.get("/surveys/" + sv.ID + "/codes/export/csv")
	mustContain(t, "codes CSV", x.body, "\uFEFF", codes[1].Code, "https://cchc.example.gov.vn/khao-sat/"+sv.Slug+"?ma="+codes[1].Code)
	if x.header.Get("Content-Disposition") == "" {
		t.Error("codes CSV is not an attachment")
	}
}

func TestPublicResultsAreHiddenUntilTheSurveyClosesAndThenChartedWithTables(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		sv := s.sample(LimitNone)
		for _, a := range [][2]int{{1, 5}, {1, 4}, {2, 4}} {
			if res := s.visitor().answer(sv.Slug, pickAnswers(sv, a[0], nil, a[1], "Ý kiến riêng tư")); res.status != http.StatusSeeOther {
				t.Fatalf("answer: %d", res.status)
			}
		}
		v := s.visitor()
		if res := v.get("/khao-sat/" + sv.Slug + "/ket-qua"); res.status != http.StatusNotFound {
			t.Fatalf("results of an open survey: %d", res.status)
		}
		if err := s.store.Close(ctx, sv.ID); err != nil {
			t.Fatal(err)
		}
		res := v.get("/khao-sat/" + sv.Slug + "/ket-qua")
		if res.status != http.StatusOK {
			t.Fatalf("results of a closed survey: %d", res.status)
		}
		mustContain(t, "public results", res.body, "data-chart=", "chart-4.4.9.umd.js", "<caption", ">66,7<", ">33,3<",
			"Điểm trung bình: 4,33", "Các câu trả lời tự do không được công bố")
		if strings.Contains(res.body, "Ý kiến riêng tư") {
			t.Error("free text published by default")
		}
		list := v.get("/khao-sat").body
		mustContain(t, "public list", list, "/khao-sat/"+sv.Slug+"/ket-qua")
		// The owner may keep results private.
		sv, _ = s.store.Get(ctx, sv.ID)
		if _, err := s.store.UpdateSettings(ctx, sv.ID, sv.RowVersion, Settings{Kind: string(sv.Kind), Title: sv.Title, Limit: string(sv.Limit)}); err != nil {
			t.Fatal(err)
		}
		if res := v.get("/khao-sat/" + sv.Slug + "/ket-qua"); res.status != http.StatusNotFound {
			t.Fatalf("private results: %d", res.status)
		}
	})
}

func TestResultsExportOpensInExcelAndTheCSVIsSafe(t *testing.T) {
	s := newSite(t, storetest.SQLite(t))
	sv := s.sample(LimitNone)
	s.visitor().answer(sv.Slug, pickAnswers(sv, 1, []int{1, 2}, 5, "=HYPERLINK(\"http://x\")"))
	s.visitor().answer(sv.Slug, pickAnswers(sv, 2, nil, 3, ""))
	office := s.as("vanphong")
	res := office.get("/surveys/" + sv.ID + "/results/export/xlsx")
	if res.status != http.StatusOK || !strings.Contains(res.header.Get("Content-Type"), "spreadsheetml") {
		t.Fatalf("xlsx: %d %s", res.status, res.header.Get("Content-Type"))
	}
	f, err := excelize.OpenReader(bytes.NewReader([]byte(res.body)))
	if err != nil {
		t.Fatalf("the workbook does not open: %v", err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) != 2 || sheets[0] != "Tổng hợp" || sheets[1] != "Phiếu trả lời" {
		t.Fatalf("sheets %v", sheets)
	}
	rows, err := f.GetRows("Tổng hợp")
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range rows {
		if len(r) >= 5 && r[2] == "Người dân" {
			found = r[3] == "1" && (r[4] == "50" || r[4] == "50.00" || r[4] == "50,0")
		}
	}
	if !found {
		t.Errorf("summary lacks “Người dân: 1, 50%%”: %v", rows)
	}
	answers, _ := f.GetRows("Phiếu trả lời")
	body := ""
	for _, r := range answers {
		body += strings.Join(r, "|") + "\n"
	}
	mustContain(t, "responses sheet", body, "Trang thông tin điện tử; Báo chí", "=HYPERLINK")
	csv := office.get("/surveys/" + sv.ID + "/results/export/csv").body
	mustContain(t, "responses CSV", csv, "\uFEFF", `'=HYPERLINK`)
	summary := office.get("/surveys/" + sv.ID + "/results/export/summary.csv").body
	mustContain(t, "summary CSV", summary, "Người dân,1,\"50,0\"")
}

func TestStaffPagesNeedSurveyManagementAtTheOwningAgency(t *testing.T) {
	s := newSite(t, storetest.SQLite(t))
	sv := s.sample(LimitNone)
	for _, c := range []struct {
		user, path string
		status     int
	}{
		{"vanphong", "/surveys/" + sv.ID, 200},
		{"bientap", "/surveys/" + sv.ID + "/results", 200},
		{"xem", "/surveys/" + sv.ID, 403},
		{"xem", "/surveys", 403},
		{"taichinh", "/surveys/" + sv.ID, 403},
		{"taichinh", "/surveys/" + sv.ID + "/results/export/xlsx", 403},
		{"", "/surveys/" + sv.ID, 303},
	} {
		if res := s.as(c.user).get(c.path); res.status != c.status {
			t.Errorf("%s %s: %d, want %d", c.user, c.path, res.status, c.status)
		}
	}
	// Another department's list does not show the survey.
	if body := s.as("taichinh").get("/surveys").body; strings.Contains(body, sv.Title) {
		t.Error("another department lists the survey")
	}
}

func TestABotFillingTheHoneypotIsThankedAndIgnored(t *testing.T) {
	s := newSite(t, storetest.SQLite(t))
	sv := s.sample(LimitNone)
	v := s.visitor()
	page := v.get("/khao-sat/" + sv.Slug)
	form := withTokens(page.body, pickAnswers(sv, 1, nil, 3, ""))
	form.Set(honeypot, "http://spam.example")
	if res := v.post("/khao-sat/"+sv.Slug, form); res.status != http.StatusSeeOther {
		t.Fatalf("bot: %d", res.status)
	}
	if n := s.responses(sv.ID); n != 0 {
		t.Fatalf("%d responses from a bot", n)
	}
}

func TestAFloodFromOneAddressIsSlowedDownKeepingTheAnswers(t *testing.T) {
	s := newSite(t, storetest.SQLite(t))
	sv := s.sample(LimitNone)
	v := s.visitor()
	page := v.get("/khao-sat/" + sv.Slug)
	for range MaxPostsPerWindow {
		v.post("/khao-sat/"+sv.Slug, withTokens(page.body, url.Values{})) // refused: nothing answered
	}
	res := v.post("/khao-sat/"+sv.Slug, withTokens(page.body, pickAnswers(sv, 1, nil, 3, "Vẫn còn đây")))
	if res.status != http.StatusTooManyRequests {
		t.Fatalf("flood: %d", res.status)
	}
	mustContain(t, "the refused form", res.body, "Vui lòng thử lại sau ít phút", "Vẫn còn đây</textarea>")
	// Someone at another address is not held up.
	other := s.visitor()
	other.ip = "198.51.100.20"
	if res := other.answer(sv.Slug, pickAnswers(sv, 1, nil, 3, "")); res.status != http.StatusSeeOther {
		t.Fatalf("another address: %d", res.status)
	}
}

var idRe = regexp.MustCompile(`/surveys/([0-9a-f-]{36})`)

func TestStaffBuildAPreviewAndOpenASurveyThroughThePages(t *testing.T) {
	s := newSite(t, storetest.SQLite(t))
	office := s.as("vanphong")
	for _, p := range []string{"/surveys", "/surveys/new"} {
		if res := office.get(p); res.status != 200 {
			t.Fatalf("%s: %d", p, res.status)
		}
	}
	res := office.post("/surveys", url.Values{"title": {""}, "kind": {"awareness"}, "limit": {"browser"}, "agency_id": {s.dept.ID},
		"opens_at": {"hôm qua"}, "form_token": {"t1"}})
	if res.status != http.StatusUnprocessableEntity {
		t.Fatalf("bad settings: %d", res.status)
	}
	mustContain(t, "settings form", res.body, "Thời điểm chưa đúng dạng", "hôm qua")
	res = office.post("/surveys", url.Values{"title": {"Khảo sát nhận biết về CCHC năm 2025"}, "kind": {"awareness"}, "limit": {"browser"},
		"agency_id": {s.dept.ID}, "closes_at": {"31/12/2025"}, "results_public": {"1"}, "form_token": {"t2"}})
	if res.status != http.StatusSeeOther {
		t.Fatalf("create: %d %s", res.status, res.body)
	}
	id := idRe.FindStringSubmatch(res.location)[1]
	base := "/surveys/" + id
	mustContain(t, "new question form", office.get(base+"/questions/new?kind=scale").body, `value="Rất không hài lòng"`)
	res = office.post(base+"/questions", url.Values{"kind": {"single"}, "text": {"Bạn đã nghe về CCHC chưa?"}, "options": {"Rồi"},
		"required": {"1"}, "form_token": {"t3"}})
	if res.status != http.StatusUnprocessableEntity {
		t.Fatalf("one option: %d", res.status)
	}
	mustContain(t, "question form", res.body, "Cần ít nhất hai phương án", "Bạn đã nghe về CCHC chưa?")
	for i, q := range []url.Values{
		{"kind": {"single"}, "text": {"Bạn đã nghe về CCHC chưa?"}, "options": {"Rồi\nChưa"}, "required": {"1"}},
		{"kind": {"scale"}, "text": {"Thông tin có dễ hiểu không?"}, "scale_min": {"1"}, "scale_max": {"5"}, "label_low": {"Rất khó hiểu"}, "label_high": {"Rất dễ hiểu"}},
		{"kind": {"text"}, "text": {"Bạn cần thêm thông tin gì?"}, "section": {"Phần II. Ý kiến"}},
	} {
		q.Set("form_token", "q"+string(rune('a'+i)))
		if res := office.post(base+"/questions", q); res.status != http.StatusSeeOther {
			t.Fatalf("question %d: %d %s", i+1, res.status, res.body)
		}
	}
	sv, _ := s.store.Get(ctx, id)
	ids := url.Values{"qid": {sv.Questions[0].ID, sv.Questions[1].ID, sv.Questions[2].ID}, "op": {"down:0"}, "form_token": {"o1"}}
	if res := office.post(base+"/questions/order", ids); res.status != http.StatusSeeOther {
		t.Fatalf("move down: %d", res.status)
	}
	sv, _ = s.store.Get(ctx, id)
	if sv.Questions[0].Text != "Thông tin có dễ hiểu không?" {
		t.Fatalf("order after moving down: %s", sv.Questions[0].Text)
	}
	// With htmx the list comes back in place.
	req := url.Values{"qid": {sv.Questions[0].ID, sv.Questions[1].ID, sv.Questions[2].ID}, "op": {"up:1"}, "form_token": {"o2"}}
	r, _ := http.NewRequest("POST", s.srv.URL+base+"/questions/order", strings.NewReader(req.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	r.Header.Set("HX-Request", "true")
	r.Header.Set("X-Test-User", "vanphong")
	hx, err := office.c.Do(r)
	if err != nil || hx.StatusCode != 200 {
		t.Fatalf("htmx reorder: %v %v", hx, err)
	}
	hx.Body.Close()
	view := office.get(base).body
	mustContain(t, "survey page", view, `id="questions"`, "1.</span>", "Bạn đã nghe về CCHC chưa?", "Phần: Phần II. Ý kiến", "data-sortable")
	for _, p := range []string{base + "/edit", base + "/preview", base + "/questions/" + sv.Questions[2].ID, base + "/results", base + "/codes"} {
		if res := office.get(p); res.status != 200 {
			t.Errorf("%s: %d", p, res.status)
		}
	}
	preview := office.get(base + "/preview").body
	mustContain(t, "preview", preview, "bản xem trước", "<legend>1. Bạn đã nghe về CCHC chưa?", "1 – Rất khó hiểu", "<h2>Phần II. Ý kiến</h2>")
	if res := office.post(base+"/open", url.Values{"form_token": {"open1"}}); res.status != http.StatusSeeOther {
		t.Fatalf("open: %d %s", res.status, res.body)
	}
	if res := s.visitor().get("/khao-sat"); !strings.Contains(res.body, "Khảo sát nhận biết về CCHC năm 2025") {
		t.Error("the open survey is not listed publicly")
	}
	// Once open, the questions are locked, with a reason shown.
	res = office.post(base+"/questions", url.Values{"kind": {"text"}, "text": {"Câu muộn"}, "form_token": {"late"}})
	if res.status != http.StatusConflict || !strings.Contains(res.body, "không sửa được câu hỏi") {
		t.Fatalf("a question added after opening: %d", res.status)
	}
	// A double click on "close" closes once and does not fail.
	for range 2 {
		if res := office.post(base+"/close", url.Values{"form_token": {"close1"}}); res.status != http.StatusSeeOther {
			t.Fatalf("close: %d", res.status)
		}
	}
}

func TestTheDemoHasAClosedSurveyWithPublishedResultsAndAnOpenOne(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		if err := Demo(ctx, db, s.dept.ID, s.now); err != nil {
			t.Fatalf("demo: %v", err)
		}
		open, closed, err := s.store.Public(ctx, s.now)
		if err != nil || len(open) != 1 || len(closed) != 1 {
			t.Fatalf("public surveys: %d open, %d closed, %v", len(open), len(closed), err)
		}
		if closed[0].Responses != DemoResponses || closed[0].Kind != KindSatisfaction || open[0].Kind != KindAwareness {
			t.Fatalf("demo surveys: %+v %+v", closed[0], open[0])
		}
		sv, _ := s.store.Get(ctx, closed[0].ID)
		res, err := s.store.Results(ctx, sv, "%")
		if err != nil {
			t.Fatal(err)
		}
		// The generated answers are the same on every run: check a few figures.
		first := res.Questions[0]
		if first.Answered != DemoResponses || first.Rows[0].Count+first.Rows[1].Count+first.Rows[2].Count != DemoResponses {
			t.Fatalf("first question: %+v", first)
		}
		if avg := res.Questions[3].Average; avg < 3.8 || avg > 4.5 {
			t.Errorf("service attitude average %v", avg)
		}
		page := s.visitor().get("/khao-sat/" + sv.Slug + "/ket-qua")
		if page.status != 200 {
			t.Fatalf("demo results page: %d", page.status)
		}
		mustContain(t, "demo results", page.body, "320", "data-chart=")
		if res := s.visitor().get("/khao-sat/" + open[0].Slug); res.status != 200 || !strings.Contains(res.body, `name="answer_token"`) {
			t.Fatalf("demo open survey form: %d", res.status)
		}
	})
}

func TestTheDemoAnswersAreTheSameEveryTime(t *testing.T) {
	figures := func() string {
		s := newSite(t, storetest.SQLite(t))
		if err := Demo(ctx, s.db, s.dept.ID, s.now); err != nil {
			t.Fatal(err)
		}
		_, closed, _ := s.store.Public(ctx, s.now)
		sv, _ := s.store.Get(ctx, closed[0].ID)
		res, _ := s.store.Results(ctx, sv, "%")
		var b strings.Builder
		for _, q := range res.Questions {
			for _, r := range q.Rows {
				b.WriteString(r.Label + ":" + r.Pct() + ";")
			}
		}
		return b.String()
	}
	if a, b := figures(), figures(); a != b {
		t.Fatalf("demo differs between runs:\n%s\n%s", a, b)
	}
}

func TestEveryLabelIsInTheCatalogue(t *testing.T) {
	labels := []interface{ Label() string }{KindSatisfaction, KindAwareness, KindOther, LimitBrowser, LimitCode, LimitNone,
		PhaseDraft, PhaseScheduled, PhaseOpen, PhaseClosed, QSingle, QMultiple, QScale, QText, StatusDraft, StatusOpen, StatusClosed}
	for _, l := range labels {
		if !i18n.Has(l.Label()) {
			t.Errorf("%s is not in the catalogue", l.Label())
		}
	}
	for _, a := range []string{"open", "close", "draft"} {
		if !i18n.Has("survey.done_" + a) {
			t.Errorf("survey.done_%s is not in the catalogue", a)
		}
	}
}
