package app

import (
	"context"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"loa/internal/store/storetest"
)

// browser starts headless Chromium for a test, or skips the test when it is absent
// (CI installs it: see .ci/run).
func browser(t *testing.T) context.Context {
	t.Helper()
	path, err := exec.LookPath("chromium")
	if err != nil {
		t.Skip("Chromium is not installed: browser tests skipped (apt-get install -y chromium)")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(path), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.WindowSize(1280, 1000))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 3*time.Minute)
	t.Cleanup(func() { cancelTimeout(); cancel(); cancelAlloc() })
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	return ctx
}

// person is a browser window with its own cookies, signed in as a demo user.
func person(t *testing.T, root context.Context, s *testSite, username string) context.Context {
	t.Helper()
	ctx, cancel := chromedp.NewContext(root, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	do(t, ctx,
		chromedp.Navigate(s.srv.URL+"/login"),
		chromedp.WaitVisible(chromedp.CSS("#username")),
		chromedp.SendKeys(chromedp.CSS("#username"), username),
		chromedp.SendKeys(chromedp.CSS("#password"), demoPassword),
		chromedp.Submit(chromedp.CSS("#password")),
		chromedp.WaitVisible(chromedp.CSS(".menu")),
	)
	return ctx
}

func do(t *testing.T, ctx context.Context, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatalf("browser: %v", err)
	}
}

func text(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("read %s: %v", sel, err)
	}
	return s
}

func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluate %s: %v", js, err)
	}
	return v
}

// TestOfficeDraftsFromLastYearLeaderApprovesOfficeIssuesInABrowser walks the plan's
// life as its people do, in headless Chromium: the office starts next year's plan from
// last year's, edits an activity in the editor (autosaved), submits; a leader
// approves; the office numbers and issues it and downloads the Word file.
func TestOfficeDraftsFromLastYearLeaderApprovesOfficeIssuesInABrowser(t *testing.T) {
	root := browser(t)
	s := newSite(t, storetest.SQLite(t))
	office := person(t, root, s, "vanphong")
	do(t, office,
		chromedp.Navigate(s.srv.URL+"/plans/new"),
		chromedp.WaitVisible(chromedp.CSS("#year")),
		chromedp.SetValue(chromedp.CSS("#year"), "2025"),
		chromedp.Click(chromedp.CSS(`input[name=from][value=last_year]`)),
		chromedp.SetValue(chromedp.CSS("#source_id"), s.demoPlanID()),
		chromedp.Submit(chromedp.CSS("#source_id")),
		chromedp.WaitVisible(chromedp.CSS("#sec-activities")),
	)
	planURL := strings.TrimSuffix(eval[string](t, office, "location.pathname"), "/edit")
	first := `#sec-activities tbody tr:first-child textarea[name=text]`
	do(t, office,
		chromedp.Clear(chromedp.CSS(first)),
		chromedp.SendKeys(chromedp.CSS(first), "Đăng tin, bài về CCHC trên Cổng thông tin điện tử của Sở"),
	)
	if _, err := chromedp.Run(office, chromedp.Poll[bool](`document.getElementById("save-status").textContent.includes("Đã lưu")`,
		chromedp.WithPollingTimeout(20*time.Second))); err != nil {
		t.Fatalf("the editor did not autosave: %v (status %q)", err, text(t, office, "#save-status"))
	}
	do(t, office,
		chromedp.Navigate(s.srv.URL+planURL),
		chromedp.WaitVisible(chromedp.CSS(`form[action$="/submit"] button`)),
	)
	if !strings.Contains(text(t, office, ".doc-preview"), "Đăng tin, bài về CCHC trên Cổng thông tin điện tử của Sở") {
		t.Fatal("the printed preview should show the edited activity")
	}
	do(t, office,
		chromedp.Click(chromedp.CSS(`form[action$="/submit"] button`)),
		chromedp.WaitVisible(chromedp.CSS(".flash")),
	)
	leader := person(t, root, s, "lanhdao")
	do(t, leader,
		chromedp.Navigate(s.srv.URL+planURL),
		chromedp.Click(chromedp.CSS(`form[action$="/approve"] button`)),
		chromedp.WaitVisible(chromedp.CSS(".flash")),
	)
	do(t, office,
		chromedp.Navigate(s.srv.URL+planURL),
		chromedp.WaitVisible(chromedp.CSS(`form[action$="/issue"] button`)),
		chromedp.SetValue(chromedp.CSS("#date"), "06/01/2025"),
		chromedp.Click(chromedp.CSS(`form[action$="/issue"] button`)),
		chromedp.WaitVisible(chromedp.CSS(".flash")),
	)
	if h := text(t, office, "h1"); !strings.Contains(h, "01/KH-SKHCN") {
		t.Fatalf("issued plan's title: %q", h)
	}
	got := eval[string](t, office, `fetch(location.pathname + "/export/docx").then(r => r.status + " " + r.headers.get("Content-Type") + " " + r.headers.get("Content-Disposition"))`)
	if !strings.HasPrefix(got, "200 application/vnd.openxmlformats-officedocument.wordprocessingml.document") || !strings.Contains(got, "01-KH-SKHCN-2025.docx") {
		t.Fatalf("DOCX download: %q", got)
	}
}
