package app

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"loa/internal/store/storetest"
	"loa/internal/vn"
)

// solveChallenge answers the form's check question the way a person reads it:
// "Câu hỏi kiểm tra: Bảy cộng năm bằng bao nhiêu?" is 12.
func solveChallenge(t *testing.T, question string) string {
	t.Helper()
	numbers := map[string]int{"mot": 1, "hai": 2, "ba": 3, "bon": 4, "nam": 5, "sau": 6, "bay": 7, "tam": 8, "chin": 9, "muoi": 10}
	var terms []int
	minus := false
	for _, w := range strings.Fields(vn.Fold(question)) {
		w = strings.Trim(w, ":?")
		if n, ok := numbers[w]; ok && len(terms) < 2 {
			terms = append(terms, n)
		}
		minus = minus || w == "tru"
	}
	if len(terms) != 2 {
		t.Fatalf("cannot read the check question %q", question)
	}
	if minus {
		return strconv.Itoa(terms[0] - terms[1])
	}
	return strconv.Itoa(terms[0] + terms[1])
}

// TestACitizenSendsFeedbackAnEditorAnswersAndTheCitizenReadsTheAnswer walks the
// feedback's life in headless Chromium: a citizen fills the public form with a photo
// and answers the check question, keeps the tracking code; an editor of the receiving
// department sees the photo and answers; the citizen looks the code up with the phone
// number given and reads the answer. What the citizen typed as HTML stays text.
func TestACitizenSendsFeedbackAnEditorAnswersAndTheCitizenReadsTheAnswer(t *testing.T) {
	root := browser(t)
	s := newSite(t, storetest.SQLite(t))
	citizen, cancel := chromedp.NewContext(root, chromedp.WithNewBrowserContext())
	defer cancel()
	const content = "Tôi nộp hồ sơ cấp giấy chứng nhận trực tuyến ngày 02/10 nhưng đến nay chưa nhận được kết quả. <b>Đề nghị</b> Sở kiểm tra giúp."
	do(t, citizen, chromedp.Navigate(s.srv.URL+"/phan-anh"), chromedp.WaitVisible(chromedp.CSS("#content")))
	answer := solveChallenge(t, text(t, citizen, `label[for="challenge_answer"]`))
	do(t, citizen,
		chromedp.SetValue(chromedp.CSS("#agency_id"), s.agencyID("SKHCN")),
		chromedp.SendKeys(chromedp.CSS("#name"), "Nguyễn Văn Dân"),
		chromedp.SendKeys(chromedp.CSS("#contact"), "0912345678"),
		chromedp.Evaluate[chromedp.Void](`document.getElementById("topic").selectedIndex = 1`),
		chromedp.SendKeys(chromedp.CSS("#content"), content),
		chromedp.SetUploadFiles(chromedp.CSS("#files"), []string{photo(t)}),
		chromedp.SendKeys(chromedp.CSS("#challenge_answer"), answer),
	)
	time.Sleep(3 * time.Second) // the form refuses what comes back faster than a person writes
	do(t, citizen, chromedp.Submit(chromedp.CSS("#content")), chromedp.WaitVisible(chromedp.CSS(".tracking-code")))
	code := strings.TrimSpace(text(t, citizen, ".tracking-code strong"))
	if !strings.HasPrefix(code, "PA-") {
		t.Fatalf("tracking code %q", code)
	}

	var id string
	if err := s.db.Read().QueryRowContext(context.Background(), `SELECT id FROM feedback WHERE code = $1`, code).Scan(&id); err != nil {
		t.Fatalf("the feedback %s is not stored: %v", code, err)
	}
	editor := person(t, root, s, "bientap")
	do(t, editor, chromedp.Navigate(s.srv.URL+"/feedback/"+id), chromedp.WaitVisible(chromedp.CSS("#answer")))
	staffView := text(t, editor, "main")
	if !strings.Contains(staffView, "hoi-nghi.jpg") || !strings.Contains(staffView, "<b>Đề nghị</b>") {
		t.Fatalf("the editor should see the photo and the text as typed:\n%s", staffView)
	}
	const reply = "Sở đã kiểm tra: hồ sơ của ông đã được giải quyết ngày 20/10, kết quả gửi qua dịch vụ bưu chính công ích."
	do(t, editor,
		chromedp.SendKeys(chromedp.CSS("#answer"), reply),
		chromedp.Click(chromedp.CSS(`button[name="op"][value="answer"]`)),
		chromedp.WaitVisible(chromedp.CSS("#ans-h")),
	)

	do(t, citizen,
		chromedp.Navigate(s.srv.URL+"/phan-anh/tra-cuu?ma="+code),
		chromedp.WaitVisible(chromedp.CSS("#lien_he")),
		chromedp.SendKeys(chromedp.CSS("#lien_he"), "0912345678"),
		chromedp.Submit(chromedp.CSS("#lien_he")),
		chromedp.WaitVisible(chromedp.CSS("#a-h")),
	)
	page := text(t, citizen, "main")
	if !strings.Contains(page, reply) || !strings.Contains(page, "<b>Đề nghị</b>") {
		t.Fatalf("the citizen should read the answer and their own words as typed:\n%s", page)
	}
	if n := eval[int](t, citizen, `document.querySelectorAll("main b").length`); n != 0 {
		t.Fatalf("the citizen's HTML was rendered as HTML (%d <b> elements)", n)
	}
}
