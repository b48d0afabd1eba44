package html

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"loa/internal/document/pdf/fonts"
)

// mounted is Assets as the app mounts it.
func mounted() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /static/doc/", http.StripPrefix("/static/doc/", Assets()))
	return mux
}

func get(t *testing.T, h http.Handler, target string, header ...string) *http.Response {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, target, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Result()
}

func body(t *testing.T, r *http.Response) []byte {
	t.Helper()
	b, err := io.ReadAll(r.Body)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestAssetsServeTheStylesheetAndTheFonts(t *testing.T) {
	h := mounted()
	css := get(t, h, "/static/doc/document.css")
	if css.StatusCode != http.StatusOK || !strings.HasPrefix(css.Header.Get("Content-Type"), "text/css") {
		t.Fatalf("document.css: %d %q", css.StatusCode, css.Header.Get("Content-Type"))
	}
	if !bytes.Contains(body(t, css), []byte(".doc-page")) {
		t.Error("the stylesheet should hold the page rules")
	}
	font := get(t, h, "/static/doc/fonts/LiberationSerif-Regular.ttf")
	if font.StatusCode != http.StatusOK || font.Header.Get("Content-Type") != "font/ttf" {
		t.Fatalf("font: %d %q", font.StatusCode, font.Header.Get("Content-Type"))
	}
	if !bytes.Equal(body(t, font), fonts.TTF(fonts.Regular)) {
		t.Error("the font served should be the embedded Liberation Serif")
	}
	if got := get(t, h, "/static/doc/fonts/Arial.ttf").StatusCode; got != http.StatusNotFound {
		t.Errorf("an unknown file: %d, want 404", got)
	}
}

func TestTheStylesheetNamesEveryFaceByARelativeURLThatIsServed(t *testing.T) {
	h := mounted()
	css := string(body(t, get(t, h, "/static/doc/"+Stylesheet())))
	urls := regexp.MustCompile(`url\(([^)]*)\)`).FindAllStringSubmatch(css, -1)
	if len(urls) != len(faces) {
		t.Fatalf("want a url for each of the %d faces, got %d", len(faces), len(urls))
	}
	base, _ := url.Parse("http://example.test/static/doc/document.css")
	for _, m := range urls {
		ref, err := url.Parse(m[1])
		if err != nil || ref.IsAbs() || strings.HasPrefix(m[1], "/") || !strings.HasPrefix(m[1], "fonts/") {
			t.Errorf("%q should be relative to the stylesheet", m[1])
			continue
		}
		r := get(t, h, base.ResolveReference(ref).RequestURI())
		if r.StatusCode != http.StatusOK || r.Header.Get("Content-Type") != "font/ttf" {
			t.Errorf("%s: %d %q", m[1], r.StatusCode, r.Header.Get("Content-Type"))
		}
		if !strings.Contains(r.Header.Get("Cache-Control"), "immutable") {
			t.Errorf("%s is versioned and should be cached for good, got %q", m[1], r.Header.Get("Cache-Control"))
		}
	}
}

func TestOnlyTheCurrentVersionIsCachedForAYear(t *testing.T) {
	h := mounted()
	if cc := get(t, h, "/static/doc/"+Stylesheet()).Header.Get("Cache-Control"); cc != "public, max-age=31536000, immutable" {
		t.Errorf("versioned: %q", cc)
	}
	for _, target := range []string{"/static/doc/document.css", "/static/doc/document.css?v=old"} {
		if cc := get(t, h, target).Header.Get("Cache-Control"); strings.Contains(cc, "immutable") {
			t.Errorf("%s may change with the next release, got %q", target, cc)
		}
	}
	first := get(t, h, "/static/doc/document.css")
	again := get(t, h, "/static/doc/document.css", "If-None-Match", first.Header.Get("ETag"))
	if again.StatusCode != http.StatusNotModified {
		t.Errorf("revalidating with the ETag: %d, want 304", again.StatusCode)
	}
}
