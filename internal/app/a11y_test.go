package app

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"loa/internal/portal"
	"loa/internal/store/storetest"
)

// auditJS checks, in the rendered page, what WCAG 2.1 AA asks that a script can
// judge: the page's language, one h1 and no skipped heading level, a label for every
// field, a text alternative for every image, and the contrast of every piece of text
// against the colour actually behind it (4.5:1, or 3:1 for large text), computed from
// the theme's colours as the browser resolved them.
const auditJS = `(() => {
  const problems = [];
  const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : '');
  const visible = el => { const s = getComputedStyle(el); const r = el.getBoundingClientRect();
    return s.display !== 'none' && s.visibility !== 'hidden' && r.width > 1 && r.height > 1; };
  if (!document.documentElement.lang) problems.push('html has no lang');
  const hs = [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')];
  if (hs.filter(h => h.tagName === 'H1').length !== 1) problems.push('pages need exactly one h1, found ' + hs.filter(h => h.tagName === 'H1').length);
  let last = 0;
  for (const h of hs) { const l = +h.tagName[1]; if (last && l > last + 1) problems.push('heading skips from h' + last + ' to h' + l + ': ' + h.textContent.trim().slice(0, 40)); last = l; }
  for (const f of document.querySelectorAll('input,select,textarea')) {
    const type = (f.getAttribute('type') || '').toLowerCase();
    if (['hidden', 'submit', 'button', 'reset', 'image'].includes(type)) continue;
    if (f.closest('[aria-hidden="true"]')) continue;
    const labelled = (f.labels && f.labels.length) || f.getAttribute('aria-label') || f.getAttribute('aria-labelledby') || f.title;
    if (!labelled) problems.push('field without a label: ' + name(f) + '[name=' + f.name + ']');
  }
  for (const img of document.querySelectorAll('img')) if (!img.hasAttribute('alt')) problems.push('image without alt: ' + img.src);
  const rgba = s => { const m = s.match(/rgba?\(([^)]+)\)/); if (!m) return [0, 0, 0, 0];
    const p = m[1].split(/[ ,\/]+/).filter(Boolean).map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
  const over = (top, bottom) => { const a = top[3]; return [0, 1, 2].map(i => top[i] * a + bottom[i] * (1 - a)).concat(1); };
  const background = el => { const layers = [];
    for (let e = el; e; e = e.parentElement) { const s = getComputedStyle(e);
      if (s.backgroundImage && s.backgroundImage !== 'none') return null;
      const c = rgba(s.backgroundColor); if (c[3] > 0) { layers.push(c); if (c[3] >= 1) break; } }
    let bg = [255, 255, 255, 1]; for (let i = layers.length - 1; i >= 0; i--) bg = over(layers[i], bg); return bg; };
  const lum = c => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]); };
  const seen = new Set();
  for (const el of document.querySelectorAll('body *')) {
    if (!visible(el) || el.closest('.sr-only,.skip,canvas,svg')) continue;
    const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own) continue;
    const s = getComputedStyle(el); const bg = background(el); if (!bg) continue;
    const fg = over(rgba(s.color), bg);
    const a = lum(fg), b = lum(bg); const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    const size = parseFloat(s.fontSize), bold = +s.fontWeight >= 700;
    const need = (size >= 24 || (bold && size >= 18.66)) ? 3 : 4.5;
    if (ratio < need) { const key = name(el) + s.color + s.backgroundColor;
      if (!seen.has(key)) { seen.add(key); problems.push('contrast ' + ratio.toFixed(2) + ':1 < ' + need + ' for ' + name(el) + ' "' + el.textContent.trim().slice(0, 30) + '"'); } }
  }
  return problems;
})()`

// auditPage loads url in ctx and fails the test with every accessibility problem found.
func auditPage(t *testing.T, ctx context.Context, url string) {
	t.Helper()
	do(t, ctx, chromedp.Navigate(url), chromedp.WaitReady(chromedp.CSS("body")))
	if problems := eval[[]string](t, ctx, auditJS); len(problems) > 0 {
		t.Errorf("%s:\n  %s", url, strings.Join(problems, "\n  "))
	}
}

func TestTheAuditCatchesAnUnlabelledFieldASkippedHeadingAndPoorContrast(t *testing.T) {
	ctx := browser(t)
	page := `data:text/html;charset=utf-8,<html><body><h1>A</h1><h3>B</h3><input name=q>` +
		`<p style="color:%23999;background:%23fff">faint</p></body></html>`
	do(t, ctx, chromedp.Navigate(page))
	problems := strings.Join(eval[[]string](t, ctx, auditJS), "\n")
	for _, want := range []string{"html has no lang", "skips from h1 to h3", "field without a label", "contrast 2.85:1"} {
		if !strings.Contains(problems, want) {
			t.Errorf("the audit missed %q; it said:\n%s", want, problems)
		}
	}
}

// TestPagesPassTheAccessibilityAudit audits the public portal as a visitor sees it and
// the pages staff use most, signed in.
func TestPagesPassTheAccessibilityAudit(t *testing.T) {
	root := browser(t)
	s := newSite(t, storetest.SQLite(t))
	visitor, cancel := chromedp.NewContext(root, chromedp.WithNewBrowserContext())
	defer cancel()
	news, _, err := s.app.portalHTTP.Store.Published(context.Background(), portal.KindNews, 1, 0)
	if err != nil || len(news) == 0 {
		t.Fatalf("demo news: %v", err)
	}
	open, closed, err := s.app.surveyHTTP.Store.Public(context.Background(), time.Now())
	if err != nil || len(open) == 0 || len(closed) == 0 {
		t.Fatalf("demo surveys: %v", err)
	}
	for _, path := range []string{"/", "/login", "/tin-tuc", "/tin-tuc/" + news[0].Slug, "/thu-tuc", "/an-pham", "/dien-hinh",
		"/van-ban", "/lien-he", "/phan-anh", "/phan-anh/tra-cuu", "/hoi-dap", "/tim-kiem?q=cai+cach+hanh+chinh", "/khao-sat", "/khao-sat/" + open[0].Slug, "/khao-sat/" + closed[0].Slug + "/ket-qua"} {
		auditPage(t, visitor, s.srv.URL+path)
	}
	office := person(t, root, s, "vanphong")
	planID := s.demoPlanID()
	for _, path := range []string{"/app", "/plans", "/plans/" + planID, "/plans/" + planID + "/progress", "/reports",
		"/indicators", "/calendar", "/oversight", "/library", "/work", "/review", "/surveys", "/feedback"} {
		auditPage(t, office, s.srv.URL+path)
	}
	editor := person(t, root, s, "bientap")
	for _, path := range []string{"/portal", "/portal/new", "/portal/review"} {
		auditPage(t, editor, s.srv.URL+path)
	}
}
