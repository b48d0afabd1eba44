package app

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"loa/internal/store/storetest"
)

// photo writes a small JPEG, as a phone camera would give one.
func photo(t *testing.T) string {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 640, 480))
	for x := 0; x < 640; x++ {
		for y := 0; y < 480; y++ {
			img.Set(x, y, color.RGBA{uint8(x / 3), uint8(y / 2), 120, 255})
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 80}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "hoi-nghi.jpg")
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestAUnitRecordsOnAPhoneTheOfficeReturnsTheUnitFixesTheOfficeAccepts walks a result's
// review in headless Chromium in a phone-sized window, and checks the dashboard.
func TestAUnitRecordsOnAPhoneTheOfficeReturnsTheUnitFixesTheOfficeAccepts(t *testing.T) {
	root := browser(t)
	s := newSite(t, storetest.SQLite(t))
	p, err := s.app.Plans.Get(t.Context(), s.demoPlanID())
	if err != nil {
		t.Fatal(err)
	}
	meeting := p.Activities[3] // "Lồng ghép nội dung CCHC vào các hội nghị…", the centre coordinates
	unit := person(t, root, s, "donvi")
	do(t, unit,
		chromedp.EmulateViewport(390, 844),
		chromedp.Navigate(s.srv.URL+"/work"),
		chromedp.WaitVisible(chromedp.CSS(`a[href^="/activities/`+meeting.ID+`/results/new"]`)),
		chromedp.Click(chromedp.CSS(`a[href^="/activities/`+meeting.ID+`/results/new"]`)),
		chromedp.WaitVisible(chromedp.CSS("#done_on")),
		chromedp.SetValue(chromedp.CSS("#done_on"), "20/03/2024"),
		chromedp.SetValue(chromedp.CSS("#quantity"), "1"),
		chromedp.SetValue(chromedp.CSS("#attendees"), "35"),
		chromedp.SetValue(chromedp.CSS("#description"), "Lồng ghép CCHC trong hội nghị viên chức"),
		chromedp.SetUploadFiles(chromedp.CSS("#files"), []string{photo(t)}),
		chromedp.Submit(chromedp.CSS("#description")),
		chromedp.WaitVisible(chromedp.CSS(".evidence img")),
	)
	resultURL := eval[string](t, unit, "location.pathname")
	// The thumbnail is made on its first request: wait for the image to load.
	if _, err := chromedp.Run(unit, chromedp.Poll[bool](`document.querySelector(".evidence img").complete`, chromedp.WithPollingTimeout(20*time.Second))); err != nil {
		t.Fatalf("thumbnail: %v", err)
	}
	if w := eval[float64](t, unit, `document.querySelector(".evidence img").naturalWidth`); w == 0 || w > 320 {
		t.Fatalf("the photo's thumbnail is %v px wide", w)
	}
	office := person(t, root, s, "vanphong")
	do(t, office,
		chromedp.Navigate(s.srv.URL+resultURL),
		chromedp.WaitVisible(chromedp.CSS("#comment")),
		chromedp.SendKeys(chromedp.CSS("#comment"), "Bổ sung danh sách người dự."),
		chromedp.Click(chromedp.CSS(`form[action$="/return"] button`)),
		chromedp.WaitVisible(chromedp.CSS(".flash")),
	)
	do(t, unit,
		chromedp.Navigate(s.srv.URL+"/work"),
		chromedp.WaitVisible(chromedp.CSS(".work-item .alert")),
	)
	if !strings.Contains(text(t, unit, ".work-item .alert"), "Bổ sung danh sách người dự.") {
		t.Fatal("the unit should see why its result came back")
	}
	do(t, unit,
		chromedp.Click(chromedp.CSS(".work-item .alert a")),
		chromedp.WaitVisible(chromedp.CSS("#attendees")),
		chromedp.SetValue(chromedp.CSS("#attendees"), "36"),
		chromedp.Submit(chromedp.CSS("#attendees")),
		chromedp.WaitVisible(chromedp.CSS(".flash")),
	)
	centreRow := `[...document.querySelectorAll("table.data tbody tr")].find(r => r.cells[0].textContent.includes("Trung tâm Thông tin")).cells[1].textContent.trim()`
	do(t, office, chromedp.Navigate(s.srv.URL+"/plans/"+p.ID+"/progress"), chromedp.WaitVisible(chromedp.CSS(".kpis")))
	before := eval[string](t, office, centreRow)
	do(t, office,
		chromedp.Navigate(s.srv.URL+"/review"),
		chromedp.WaitVisible(chromedp.CSS(`a[href="`+resultURL+`"]`)),
		chromedp.Click(chromedp.CSS(`a[href="`+resultURL+`"]`)),
		chromedp.WaitVisible(chromedp.CSS(`form[action$="/accept"] button`)),
		chromedp.Click(chromedp.CSS(`form[action$="/accept"] button`)),
		chromedp.WaitVisible(chromedp.CSS(".flash")),
		chromedp.Navigate(s.srv.URL+"/plans/"+p.ID+"/progress"),
		chromedp.WaitVisible(chromedp.CSS(".kpis")),
	)
	after := eval[string](t, office, centreRow)
	if !strings.HasPrefix(before, "1/4") || !strings.HasPrefix(after, "2/4") {
		t.Fatalf("the information centre's share should go from 1/4 to 2/4 done: %q → %q", before, after)
	}
	if !eval[bool](t, office, `!!document.querySelector("canvas[data-chart]") && !!window.Chart`) {
		t.Error("the dashboard's charts should be drawn")
	}
}
