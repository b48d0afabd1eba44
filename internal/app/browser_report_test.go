package app

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"loa/internal/store/storetest"
)

// TestOfficeCompilesTheFirstQuarterReportLeaderApprovesOfficeIssuesAndDownloadsIt walks
// a report's life in headless Chromium: compiled from the demo's results, a paragraph
// of the narrative edited, submitted, approved, numbered, and downloaded three ways.
func TestOfficeCompilesTheFirstQuarterReportLeaderApprovesOfficeIssuesAndDownloadsIt(t *testing.T) {
	root := browser(t)
	s := newSite(t, storetest.SQLite(t))
	office := person(t, root, s, "vanphong")
	do(t, office,
		chromedp.Navigate(s.srv.URL+"/reports"),
		chromedp.WaitVisible(chromedp.CSS("#period")),
		chromedp.SetValue(chromedp.CSS("#period"), "2024-Q1"),
		chromedp.Submit(chromedp.CSS("#period")),
		chromedp.WaitVisible(chromedp.CSS("#n-limitations")),
	)
	if !strings.Contains(text(t, office, ".doc-preview"), "BÁO CÁO") || !strings.Contains(eval[string](t, office, `document.getElementById("n-results").value`), "hoàn thành 3/5 hoạt động") {
		t.Fatal("the draft should be compiled from the demo's first-quarter results")
	}
	reportURL := eval[string](t, office, "location.pathname")
	do(t, office,
		chromedp.SetValue(chromedp.CSS("#n-limitations"), "Việc dán áp phích chưa kèm ảnh chụp tại các đơn vị. Nguyên nhân: Sở Văn hóa, Thể thao và Du lịch cấp áp phích chậm."),
		chromedp.Submit(chromedp.CSS("#n-limitations")),
		chromedp.WaitVisible(chromedp.CSS(".flash")),
	)
	if !strings.Contains(text(t, office, ".doc-preview"), "cấp áp phích chậm") {
		t.Fatal("the printed page should carry the edited paragraph")
	}
	do(t, office,
		chromedp.Click(chromedp.CSS(`form[action$="/submit"] button`)),
		chromedp.WaitVisible(chromedp.CSS(".flash")),
	)
	leader := person(t, root, s, "lanhdao")
	do(t, leader,
		chromedp.Navigate(s.srv.URL+reportURL),
		chromedp.Click(chromedp.CSS(`form[action$="/approve"] button`)),
		chromedp.WaitVisible(chromedp.CSS(".flash")),
	)
	do(t, office,
		chromedp.Navigate(s.srv.URL+reportURL),
		chromedp.WaitVisible(chromedp.CSS(`form[action$="/issue"] button`)),
		chromedp.SetValue(chromedp.CSS("#date"), "16/03/2024"),
		chromedp.Click(chromedp.CSS(`form[action$="/issue"] button`)),
		chromedp.WaitVisible(chromedp.CSS(".flash")),
	)
	if h := text(t, office, "h1"); !strings.Contains(h, "02/BC-SKHCN") {
		t.Fatalf("issued report's title: %q", h)
	}
	for format, ct := range map[string]string{
		"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
		"pdf":  "application/pdf",
		"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	} {
		got := eval[string](t, office, `fetch(location.pathname + "/export/`+format+`").then(r => r.blob().then(b => r.status + " " + r.headers.get("Content-Type") + " " + b.size))`)
		if !strings.HasPrefix(got, "200 "+ct+" ") || strings.HasSuffix(got, " 0") {
			t.Errorf("%s download: %q", format, got)
		}
	}
}
