package feedback_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"loa/internal/feedback"
	"loa/internal/store/storetest"
)

func TestACitizenSendsFeedbackAndGetsACodeShownOnce(t *testing.T) {
	f := newFixture(t, storetest.SQLite(t))
	citizen := f.as("")
	form := f.letter(citizen.formFields())
	res := citizen.postMultipart("/phan-anh", form, upload{"files", "don-de-nghi.pdf", pdfFile})
	if res.status != http.StatusOK {
		t.Fatalf("send: %d\n%s", res.status, res.body)
	}
	code := codeRe.FindString(res.body)
	if code == "" || !strings.Contains(res.body, "16/03/2026") {
		t.Fatalf("receipt without code or due day:\n%s", res.body)
	}
	if cc := res.header.Get("Cache-Control"); cc != "no-store" {
		t.Fatalf("the receipt is cached: %q", cc)
	}
	it, err := f.s.ByCode(ctx, code)
	if err != nil || len(it.Files) != 1 || it.Files[0].Name != "don-de-nghi.pdf" || it.Contact != "0912 345 678" {
		t.Fatalf("stored: %+v %v", it, err)
	}
	// Sent twice (a double click, a reload of the result): one item, the same code.
	again := citizen.postMultipart("/phan-anh", form, upload{"files", "don-de-nghi.pdf", pdfFile})
	if again.status != http.StatusOK || codeRe.FindString(again.body) != code {
		t.Fatalf("second submission: %d %q", again.status, codeRe.FindString(again.body))
	}
	if n := f.count(`SELECT COUNT(*) FROM feedback`); n != 1 {
		t.Fatalf("%d items", n)
	}
}

func TestAFormWithMistakesComesBackWithWhatWasTyped(t *testing.T) {
	f := newFixture(t, storetest.SQLite(t))
	citizen := f.as("")
	form := f.letter(citizen.formFields())
	form.Set("contact", "không có")
	form.Set("content", "Ngắn <b>")
	res := citizen.postMultipart("/phan-anh", form, upload{"files", "anh.png", pdfFile})
	if res.status != http.StatusUnprocessableEntity {
		t.Fatalf("status %d", res.status)
	}
	for _, want := range []string{
		`value="Nguyễn Văn An"`, `value="không có"`, `value="12 Nguyễn Trãi, Ninh Kiều"`, "Ngắn &lt;b&gt;</textarea>",
		`<option value="procedure" selected>`,
		"Không phải số điện thoại Việt Nam", "Nội dung quá ngắn",
		"vui lòng chọn lại tệp", // the attachment must be chosen again, and the page says so
	} {
		if !strings.Contains(res.body, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	if strings.Contains(res.body, `value="`+form.Get("challenge_answer")+`" `) || strings.Contains(res.body, form.Get("form_token")) {
		t.Error("the old challenge is shown again: a new one must replace it")
	}
	if n := f.count(`SELECT COUNT(*) FROM feedback`); n != 0 {
		t.Fatalf("%d items", n)
	}
}

func TestTheHoneypotRefusesTheFormButKeepsTheText(t *testing.T) {
	f := newFixture(t, storetest.SQLite(t))
	citizen := f.as("")
	form := f.letter(citizen.formFields())
	form.Set("website", "http://spam.example")
	res := citizen.postMultipart("/phan-anh", form)
	if res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, "ô ẩn") || !strings.Contains(res.body, "quá hạn hẹn trả kết quả năm ngày") {
		t.Fatalf("honeypot: %d\n%s", res.status, res.body)
	}
	if strings.Contains(res.body, "http://spam.example") {
		t.Error("the honeypot's value is shown again")
	}
	if n := f.count(`SELECT COUNT(*) FROM feedback`); n != 0 {
		t.Fatalf("%d items", n)
	}
}

func TestAWrongOrMissingChallengeAnswerIsRefused(t *testing.T) {
	f := newFixture(t, storetest.SQLite(t))
	citizen := f.as("")
	for _, answer := range []string{"", "99", "mười chín"} {
		form := f.letter(citizen.formFields())
		form.Set("challenge_answer", answer)
		res := citizen.postMultipart("/phan-anh", form)
		if res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, "câu hỏi kiểm tra chưa đúng") {
			t.Fatalf("answer %q: %d", answer, res.status)
		}
		// The page carries a fresh question that can be answered.
		if answerFrom(t, res.body).Get("form_token") == form.Get("form_token") {
			t.Fatal("the same challenge again")
		}
	}
	form := f.letter(citizen.formFields())
	form.Set("challenge", "1.forged")
	if res := citizen.postMultipart("/phan-anh", form); res.status != http.StatusUnprocessableEntity {
		t.Fatalf("forged seal: %d", res.status)
	}
	if n := f.count(`SELECT COUNT(*) FROM feedback`); n != 0 {
		t.Fatalf("%d items", n)
	}
}

func TestAnAddressThatSendsTooOftenIsRefusedUntilTheWindowPasses(t *testing.T) {
	f := newFixture(t, storetest.SQLite(t))
	f.h.SubmitLimit.Max = 2
	citizen := f.as("")
	f.send(citizen, nil)
	f.send(citizen, nil)
	form := f.letter(citizen.formFields())
	res := citizen.postMultipart("/phan-anh", form)
	if res.status != http.StatusTooManyRequests || !strings.Contains(res.body, "quá nhiều lượt gửi") || !strings.Contains(res.body, "quá hạn hẹn trả kết quả năm ngày") {
		t.Fatalf("third: %d\n%s", res.status, res.body)
	}
	// Another address is not affected.
	neighbour := &client{f: f, ip: "198.51.100.20"}
	f.send(neighbour, nil)
	f.now = f.now.Add(f.h.SubmitLimit.Window)
	f.send(citizen, nil)
}

func TestAnAttachmentIsJudgedByItsBytesNotItsName(t *testing.T) {
	f := newFixture(t, storetest.SQLite(t))
	citizen := f.as("")
	for _, up := range []upload{
		{"files", "bien-ban.pdf", htmlFile},       // a web page named .pdf
		{"files", "chuong-trinh.exe", pdfFile},    // a kind not accepted
		{"files", "trang.html", htmlFile},         // a kind not accepted
		{"files", "lon.pdf", make([]byte, 6<<20)}, // larger than 5 MB
	} {
		form := f.letter(citizen.formFields())
		res := citizen.postMultipart("/phan-anh", form, up)
		if res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, `id="files-err"`) {
			t.Fatalf("%s: %d\n%s", up.name, res.status, res.body)
		}
		if !strings.Contains(res.body, "quá hạn hẹn trả kết quả năm ngày") {
			t.Fatalf("%s: what was typed is lost", up.name)
		}
	}
	form := f.letter(citizen.formFields())
	res := citizen.postMultipart("/phan-anh", form, upload{"files", "a.pdf", pdfFile}, upload{"files", "b.pdf", pdfFile},
		upload{"files", "c.pdf", pdfFile}, upload{"files", "d.pdf", pdfFile})
	if res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, "tối đa 3 tệp") {
		t.Fatalf("four files: %d", res.status)
	}
	if n := f.count(`SELECT COUNT(*) FROM feedback`); n != 0 {
		t.Fatalf("%d items", n)
	}
}

func TestTheCodeAloneShowsTheStatusButNothingPersonal(t *testing.T) {
	f := newFixture(t, storetest.SQLite(t))
	citizen := f.as("")
	code := f.send(citizen, nil)
	res := citizen.get("/phan-anh/tra-cuu?ma=" + url.QueryEscape(strings.ToLower(code)))
	if res.status != http.StatusOK || !strings.Contains(res.body, "Đã tiếp nhận") || !strings.Contains(res.body, "16/03/2026") {
		t.Fatalf("status: %d\n%s", res.status, res.body)
	}
	for _, private := range []string{"Nguyễn Văn An", "0912", "Nguyễn Trãi", "quá hạn hẹn trả kết quả năm ngày"} {
		if strings.Contains(res.body, private) {
			t.Errorf("the code alone shows %q", private)
		}
	}
	if res := citizen.get("/phan-anh/tra-cuu?ma=PA-2026-XXXXX"); res.status != http.StatusNotFound || !strings.Contains(res.body, "Không tìm thấy") {
		t.Fatalf("unknown code: %d", res.status)
	}
	// With the wrong contact: nothing more, and no hint of which was wrong.
	res = citizen.post("/phan-anh/tra-cuu", url.Values{"ma": {code}, "lien_he": {"0999 999 999"}})
	if res.status != http.StatusNotFound || strings.Contains(res.body, "quá hạn hẹn trả kết quả năm ngày") {
		t.Fatalf("wrong contact: %d", res.status)
	}
	res = citizen.post("/phan-anh/tra-cuu", url.Values{"ma": {code}, "lien_he": {"+84912345678"}})
	if res.status != http.StatusOK || !strings.Contains(res.body, "quá hạn hẹn trả kết quả năm ngày") {
		t.Fatalf("with the contact: %d\n%s", res.status, res.body)
	}
	if res.header.Get("Cache-Control") != "no-store" {
		t.Fatal("a page with personal data may be cached")
	}
}

func TestLookupsAreRateLimited(t *testing.T) {
	f := newFixture(t, storetest.SQLite(t))
	f.h.LookupLimit.Max = 3
	citizen := f.as("")
	for i := range 3 {
		if res := citizen.get("/phan-anh/tra-cuu?ma=PA-2026-AAAAA"); res.status != http.StatusNotFound {
			t.Fatalf("lookup %d: %d", i, res.status)
		}
	}
	if res := citizen.get("/phan-anh/tra-cuu?ma=PA-2026-AAAAA"); res.status != http.StatusTooManyRequests {
		t.Fatalf("fourth lookup: %d", res.status)
	}
	if res := citizen.get("/phan-anh/tra-cuu"); res.status != http.StatusOK {
		t.Fatalf("the empty form is not counted: %d", res.status)
	}
}

// TestStaffAssignAnswerWithATemplateAndPublish walks the pages: the office assigns a
// letter, the unit answers it from a template with a file, the citizen reads the
// answer and downloads the file, the office publishes the question edited, and the
// public Q&A shows it without the sender's data.
func TestStaffAssignAnswerWithATemplateAndPublish(t *testing.T) {
	f := newFixture(t, storetest.SQLite(t))
	citizen := f.as("")
	code := f.send(citizen, nil, upload{"files", "giay-hen.pdf", pdfFile})
	it, _ := f.s.ByCode(ctx, code)
	office, unit := f.as("vanphong"), f.as("donvi")

	inbox := office.get("/feedback?status=open")
	if inbox.status != http.StatusOK || !strings.Contains(inbox.body, code) {
		t.Fatalf("inbox: %d", inbox.status)
	}
	if res := unit.get("/feedback/" + it.ID); res.status != http.StatusForbidden {
		t.Fatalf("a unit reads an item not given to it: %d", res.status)
	}
	if res := unit.post("/feedback/"+it.ID+"/assign", url.Values{"unit_id": {f.centre.ID}, "row_version": {"1"}}); res.status != http.StatusForbidden {
		t.Fatalf("a unit assigns: %d", res.status)
	}
	res := office.post("/feedback/"+it.ID+"/assign", url.Values{"unit_id": {f.centre.ID}, "note": {"Trả lời sớm."}, "row_version": {"1"}})
	if res.status != http.StatusSeeOther {
		t.Fatalf("assign: %d\n%s", res.status, res.body)
	}
	if res := f.as("kythuat").get("/feedback/" + it.ID); res.status != http.StatusForbidden {
		t.Fatalf("another unit reads it: %d", res.status)
	}
	page := unit.get("/feedback/" + it.ID)
	if page.status != http.StatusOK || !strings.Contains(page.body, "Nguyễn Văn An") || !strings.Contains(page.body, "/files/") {
		t.Fatalf("the unit's page: %d", page.status)
	}
	if strings.Contains(page.body, `action="/feedback/`+it.ID+`/assign"`) {
		t.Error("the unit is offered to assign")
	}
	// The sender's file, to staff only.
	hash := it.Files[0].Hash
	if res := unit.get("/feedback/" + it.ID + "/files/" + hash); res.status != http.StatusOK ||
		!strings.HasPrefix(res.header.Get("Content-Disposition"), "attachment") || res.header.Get("X-Content-Type-Options") != "nosniff" {
		t.Fatalf("file: %d %v", res.status, res.header)
	}
	if res := citizen.get("/feedback/" + it.ID + "/files/" + hash); res.status != http.StatusSeeOther {
		t.Fatalf("the citizen's file to anyone: %d", res.status)
	}

	tp, err := f.s.SaveTemplate(f.acting("vanphong"), "", 0, feedback.TemplateInput{AgencyID: f.dept.ID, Title: "Đã xử lý",
		Body: "Kính gửi {ho_ten}, về phản ánh {ma}: hồ sơ đã được trả kết quả."})
	if err != nil {
		t.Fatal(err)
	}
	ins := unit.postMultipart("/feedback/"+it.ID+"/answer", url.Values{"op": {"insert"}, "template_id": {tp.ID},
		"answer": {"Trung tâm xin trả lời như sau."}, "row_version": {"2"}})
	if ins.status != http.StatusOK || !strings.Contains(ins.body, "Trung tâm xin trả lời như sau.\n\nKính gửi Nguyễn Văn An, về phản ánh "+code) {
		t.Fatalf("insert: %d\n%s", ins.status, ins.body)
	}
	if n := f.count(`SELECT COUNT(*) FROM feedback WHERE status = 'answered'`); n != 0 {
		t.Fatal("inserting a template saved the answer")
	}
	res = unit.postMultipart("/feedback/"+it.ID+"/answer", url.Values{"op": {"answer"}, "row_version": {"2"},
		"answer": {"Hồ sơ của ông đã được trả kết quả ngày 05/3/2026. <i>Xin lỗi</i> vì sự chậm trễ."}},
		upload{"answer_files", "ket-qua.pdf", append([]byte("%PDF-1.7\n% ket qua\n"), pdfFile[9:]...)})
	if res.status != http.StatusSeeOther {
		t.Fatalf("answer: %d\n%s", res.status, res.body)
	}

	// The citizen reads the answer with code and contact, and downloads its file.
	look := citizen.post("/phan-anh/tra-cuu", url.Values{"ma": {code}, "lien_he": {"0912345678"}})
	if !strings.Contains(look.body, "&lt;i&gt;Xin lỗi&lt;/i&gt;") || !strings.Contains(look.body, "Trả lời của "+f.centre.Name) {
		t.Fatalf("lookup after the answer:\n%s", look.body)
	}
	link := regexp.MustCompile(`/phan-anh/tep/[^"]+`).FindString(look.body)
	if link == "" {
		t.Fatal("no link to the answer's file")
	}
	dl := citizen.get(link)
	if dl.status != http.StatusOK || !strings.HasPrefix(dl.header.Get("Content-Disposition"), "attachment") || dl.header.Get("X-Content-Type-Options") != "nosniff" {
		t.Fatalf("download: %d %v", dl.status, dl.header)
	}
	if res := citizen.get(link + "x"); res.status != http.StatusNotFound {
		t.Fatalf("a tampered link: %d", res.status)
	}

	// Published, edited to leave the sender out.
	if res := unit.post("/feedback/"+it.ID+"/publish", url.Values{"row_version": {"3"}, "public_title": {"T"}}); res.status != http.StatusForbidden {
		t.Fatalf("a unit publishes: %d", res.status)
	}
	res = office.post("/feedback/"+it.ID+"/publish", url.Values{"row_version": {"3"}, "public_title": {"Hồ sơ trả kết quả chậm"},
		"public_question": {"Hồ sơ đã quá hạn hẹn trả kết quả mà chưa được thông báo."}, "public_answer": {"Hồ sơ đã được trả kết quả."},
		"public_files": {"1"}})
	if res.status != http.StatusSeeOther {
		t.Fatalf("publish: %d\n%s", res.status, res.body)
	}
	list := citizen.get("/hoi-dap")
	if list.status != http.StatusOK || !strings.Contains(list.body, "Hồ sơ trả kết quả chậm") {
		t.Fatalf("Q&A: %d", list.status)
	}
	qa := citizen.get("/hoi-dap/" + it.ID)
	if qa.status != http.StatusOK || !strings.Contains(qa.body, "Hồ sơ đã được trả kết quả.") {
		t.Fatalf("Q&A item: %d", qa.status)
	}
	for _, private := range []string{"Nguyễn Văn An", "0912", "Nguyễn Trãi", code} {
		if strings.Contains(qa.body, private) || strings.Contains(list.body, private) {
			t.Errorf("the public Q&A shows %q", private)
		}
	}
	answerHash := regexp.MustCompile(`/hoi-dap/[^/]+/tep/([0-9a-f]{64})`).FindStringSubmatch(qa.body)
	if answerHash == nil {
		t.Fatal("the published answer's file is not linked")
	}
	if res := citizen.get("/hoi-dap/" + it.ID + "/tep/" + answerHash[1]); res.status != http.StatusOK {
		t.Fatalf("the published file: %d", res.status)
	}
	if res := citizen.get("/hoi-dap/" + it.ID + "/tep/" + hash); res.status != http.StatusNotFound {
		t.Fatalf("the sender's file through the public Q&A: %d", res.status)
	}
	res = office.post("/feedback/"+it.ID+"/unpublish", url.Values{"row_version": {"4"}})
	if res.status != http.StatusSeeOther {
		t.Fatalf("unpublish: %d", res.status)
	}
	if res := citizen.get("/hoi-dap/" + it.ID); res.status != http.StatusNotFound {
		t.Fatalf("withdrawn: %d", res.status)
	}
}

func TestHTMLTypedByACitizenIsShownAsText(t *testing.T) {
	f := newFixture(t, storetest.SQLite(t))
	citizen := f.as("")
	evil := `<script>alert("x")</script><img src=x onerror=alert(1)>`
	code := f.send(citizen, func(v url.Values) {
		v.Set("name", evil)
		v.Set("content", "Tôi xin phản ánh như sau: "+evil+"\nDòng thứ hai.")
	})
	it, _ := f.s.ByCode(ctx, code)
	for _, page := range []response{
		f.as("vanphong").get("/feedback/" + it.ID),
		f.as("vanphong").get("/feedback"),
		citizen.post("/phan-anh/tra-cuu", url.Values{"ma": {code}, "lien_he": {"0912345678"}}),
	} {
		if page.status != http.StatusOK {
			t.Fatalf("page: %d", page.status)
		}
		if strings.Contains(page.body, "<script>alert") || strings.Contains(page.body, "<img src=x") {
			t.Fatalf("citizen's HTML rendered as HTML:\n%s", page.body)
		}
		if !strings.Contains(page.body, "&lt;script&gt;") {
			t.Fatal("the text is not shown at all")
		}
	}
}

func TestRejectedFeedbackShowsItsReasonToTheSender(t *testing.T) {
	f := newFixture(t, storetest.SQLite(t))
	citizen := f.as("")
	code := f.send(citizen, nil)
	it, _ := f.s.ByCode(ctx, code)
	office := f.as("vanphong")
	if res := office.post("/feedback/"+it.ID+"/reject", url.Values{"row_version": {"1"}}); res.status != http.StatusUnprocessableEntity ||
		!strings.Contains(res.body, "nêu lý do") {
		t.Fatalf("reject without reason: %d", res.status)
	}
	if res := office.post("/feedback/"+it.ID+"/reject", url.Values{"row_version": {"1"}, "reason": {"Không thuộc thẩm quyền của Sở."}}); res.status != http.StatusSeeOther {
		t.Fatalf("reject: %d", res.status)
	}
	look := citizen.post("/phan-anh/tra-cuu", url.Values{"ma": {code}, "lien_he": {"0912345678"}})
	if !strings.Contains(look.body, "Không thụ lý") || !strings.Contains(look.body, "Không thuộc thẩm quyền của Sở.") {
		t.Fatalf("lookup:\n%s", look.body)
	}
	if res := office.post("/feedback/"+it.ID+"/assign", url.Values{"row_version": {"2"}, "unit_id": {f.centre.ID}}); res.status != http.StatusConflict {
		t.Fatalf("assigning a rejected item: %d", res.status)
	}
}

func TestAStaleFormKeepsWhatWasTyped(t *testing.T) {
	f := newFixture(t, storetest.SQLite(t))
	it := f.submit(feedback.Submission{})
	office := f.as("vanphong")
	if res := office.post("/feedback/"+it.ID+"/assign", url.Values{"row_version": {"1"}, "unit_id": {f.lab.ID}}); res.status != http.StatusSeeOther {
		t.Fatalf("assign: %d", res.status)
	}
	res := office.post("/feedback/"+it.ID+"/reject", url.Values{"row_version": {"1"}, "reason": {"Lý do tôi đã gõ dài"}})
	if res.status != http.StatusConflict || !strings.Contains(res.body, "Lý do tôi đã gõ dài") {
		t.Fatalf("stale: %d", res.status)
	}
}

func TestEachRoleReachesWhatItShould(t *testing.T) {
	f := newFixture(t, storetest.SQLite(t))
	it := f.submit(feedback.Submission{})
	tp, err := f.s.SaveTemplate(f.acting("vanphong"), "", 0, feedback.TemplateInput{AgencyID: f.dept.ID, Title: "Mẫu", Body: "Nội dung"})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		user, path string
		want       int
	}{
		{"", "/phan-anh", 200}, {"", "/hoi-dap", 200}, {"", "/phan-anh/tra-cuu", 200},
		{"", "/feedback", 303}, {"", "/feedback/" + it.ID, 303},
		{"quantri", "/feedback/" + it.ID, 200}, {"vanphong", "/feedback/" + it.ID, 200}, {"bientap", "/feedback/" + it.ID, 200},
		{"donvi", "/feedback/" + it.ID, 403}, {"lanhdao", "/feedback/" + it.ID, 403}, {"xem", "/feedback/" + it.ID, 403},
		{"taichinh", "/feedback/" + it.ID, 403},
		{"donvi", "/feedback", 200}, {"lanhdao", "/feedback", 403}, {"xem", "/feedback", 403},
		{"vanphong", "/feedback/export.csv", 200},
		{"donvi", "/feedback/templates", 200}, {"donvi", "/feedback/templates/" + tp.ID, 403}, {"vanphong", "/feedback/templates/" + tp.ID, 200},
		{"vanphong", "/feedback/templates/new", 200},
		{"vanphong", "/feedback/no-such-item", 404},
	} {
		if res := f.as(c.user).get(c.path); res.status != c.want {
			t.Errorf("%s %s: %d, want %d", c.user, c.path, res.status, c.want)
		}
	}
	// The inbox of another department's office does not list this one's items.
	if res := f.as("taichinh").get("/feedback"); res.status != 200 || strings.Contains(res.body, it.Code) {
		t.Errorf("another department sees the item: %d", res.status)
	}
}

func TestTheExportHasTheFilteredItemsWithoutPersonalData(t *testing.T) {
	f := newFixture(t, storetest.SQLite(t))
	it := f.submit(feedback.Submission{})
	res := f.as("vanphong").get("/feedback/export.csv?status=received")
	if res.status != 200 || !strings.HasPrefix(res.body, "\uFEFF") || !strings.Contains(res.body, it.Code) {
		t.Fatalf("export: %d\n%s", res.status, res.body)
	}
	if strings.Contains(res.body, "0912345678") || strings.Contains(res.body, "Nguyễn Văn An") {
		t.Fatal("the export carries the sender's data")
	}
}

func TestTemplatesAreMadeEditedAndDeletedThroughTheirPages(t *testing.T) {
	f := newFixture(t, storetest.SQLite(t))
	office := f.as("vanphong")
	res := office.post("/feedback/templates", url.Values{"agency_id": {f.dept.ID}, "title": {""}, "body": {"Nội dung đã gõ"}})
	if res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, "Nội dung đã gõ") {
		t.Fatalf("empty title: %d", res.status)
	}
	if res := f.as("donvi").post("/feedback/templates", url.Values{"agency_id": {f.dept.ID}, "title": {"A"}, "body": {"B"}}); res.status != http.StatusForbidden {
		t.Fatalf("a unit writes the department's template: %d", res.status)
	}
	if res := office.post("/feedback/templates", url.Values{"agency_id": {f.dept.ID}, "title": {"Mẫu A"}, "body": {"Nội dung A"}}); res.status != http.StatusSeeOther {
		t.Fatalf("create: %d", res.status)
	}
	list, _ := f.s.Templates(ctx, []string{f.dept.ID})
	if len(list) != 1 {
		t.Fatalf("%d templates", len(list))
	}
	id := list[0].ID
	if res := office.post("/feedback/templates/"+id+"/edit", url.Values{"row_version": {"1"}, "title": {"Mẫu B"}, "body": {"Nội dung B"}}); res.status != http.StatusSeeOther {
		t.Fatalf("edit: %d", res.status)
	}
	if res := office.get("/feedback/templates"); !strings.Contains(res.body, "Mẫu B") {
		t.Fatal("the list lacks the edited template")
	}
	if res := office.post("/feedback/templates/"+id+"/delete", url.Values{"row_version": {"2"}}); res.status != http.StatusSeeOther {
		t.Fatalf("delete: %d", res.status)
	}
	if n := f.count(`SELECT COUNT(*) FROM feedback_templates`); n != 0 {
		t.Fatalf("%d templates left", n)
	}
}
