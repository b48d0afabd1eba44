package files

import (
	"bytes"
	"context"
	"errors"
	"io"
	"mime"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"loa/internal/store"
	"loa/internal/store/storetest"
)

func download(s *Store, hash, name string, header ...string) (*httptest.ResponseRecorder, error) {
	return request(http.MethodGet, func(w http.ResponseWriter, r *http.Request) error { return s.Serve(w, r, hash, name) }, header...)
}

// request runs serve on a request with the given header name/value pairs.
func request(method string, serve func(http.ResponseWriter, *http.Request) error, header ...string) (*httptest.ResponseRecorder, error) {
	r := httptest.NewRequest(method, "/files/x", nil)
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	return w, serve(w, r)
}

func TestAttachmentNamesAreEncodedForEveryBrowser(t *testing.T) {
	cases := map[string]string{
		"Danh sách dự họp.xlsx": `attachment; filename="Danh sach du hop.xlsx"; filename*=UTF-8''Danh%20s%C3%A1ch%20d%E1%BB%B1%20h%E1%BB%8Dp.xlsx`,
		`Đơn "khẩn" 100%.pdf`:   `attachment; filename="Don _khan_ 100_.pdf"; filename*=UTF-8''%C4%90%C6%A1n%20%22kh%E1%BA%A9n%22%20100%25.pdf`,
		"plain.txt":             `attachment; filename="plain.txt"; filename*=UTF-8''plain.txt`,
	}
	for name, want := range cases {
		got := attachment(name)
		if got != want {
			t.Errorf("%s:\n got %s\nwant %s", name, got, want)
		}
		// What a client that reads RFC 5987 (Go's mime package, every current browser) sees.
		if _, params, err := mime.ParseMediaType(got); err != nil || params["filename"] != name {
			t.Errorf("%s: parsed back as %q (%v)", name, params["filename"], err)
		}
	}
}

func TestServeSendsEvidenceAsAnAttachmentThatCannotRun(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s, _ := newStore(t, db)
		content := xlsxFile(t)
		f, err := save(t, s, db, "ds.xlsx", content, everything)
		if err != nil {
			t.Fatal(err)
		}
		w, err := download(s, f.Hash, "Danh sách dự họp.xlsx")
		if err != nil || w.Code != http.StatusOK || !bytes.Equal(w.Body.Bytes(), content) {
			t.Fatalf("GET: %v %d, %d bytes", err, w.Code, w.Body.Len())
		}
		want := map[string]string{
			"Content-Type":            kinds[XLSX].contentType,
			"Content-Disposition":     attachment("Danh sách dự họp.xlsx"),
			"X-Content-Type-Options":  "nosniff",
			"Content-Security-Policy": "default-src 'none'; sandbox",
			"Etag":                    `"` + f.Hash + `"`,
			"Cache-Control":           "private, no-cache",
			"Accept-Ranges":           "bytes",
		}
		for k, v := range want {
			if got := w.Header().Get(k); got != v {
				t.Errorf("%s: %q, want %q", k, got, v)
			}
		}

		w, _ = download(s, f.Hash, "x.xlsx", "If-None-Match", `"`+f.Hash+`"`)
		if w.Code != http.StatusNotModified || w.Body.Len() != 0 {
			t.Errorf("If-None-Match: %d with %d bytes", w.Code, w.Body.Len())
		}
		w, _ = download(s, f.Hash, "x.xlsx", "Range", "bytes=0-3")
		if w.Code != http.StatusPartialContent || w.Body.String() != "PK\x03\x04" {
			t.Errorf("Range: %d %q", w.Code, w.Body.String())
		}
		w, _ = request(http.MethodHead, func(w http.ResponseWriter, r *http.Request) error { return s.Serve(w, r, f.Hash, "x.xlsx") })
		if w.Code != http.StatusOK || w.Body.Len() != 0 {
			t.Errorf("HEAD: %d with %d bytes", w.Code, w.Body.Len())
		}
	})
}

func TestServeNamesADownloadWithoutAUsableName(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s, _ := newStore(t, db)
		f, err := save(t, s, db, "a.pdf", pdfFile(), everything)
		if err != nil {
			t.Fatal(err)
		}
		for name, want := range map[string]string{
			"":                              f.Hash[:12] + ".pdf",
			`C:\Users\an\Báo` + "\ncáo.pdf": "Báocáo.pdf",
			"../../etc/passwd":              "passwd",
		} {
			w, err := download(s, f.Hash, name)
			if err != nil {
				t.Fatal(err)
			}
			_, params, _ := mime.ParseMediaType(w.Header().Get("Content-Disposition"))
			if params["filename"] != want {
				t.Errorf("%q downloads as %q, want %q", name, params["filename"], want)
			}
		}
	})
}

func TestServeLeavesTheAnswerToTheCallerWhenThereIsNothingToSend(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s, data := newStore(t, db)
		f, err := save(t, s, db, "a.pdf", pdfFile(), everything)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.Remove(filepath.Join(data, "files", f.Hash[:2], f.Hash[2:4], f.Hash)); err != nil {
			t.Fatal(err)
		}
		for hash, want := range map[string]error{
			hashOf([]byte("không có")): store.ErrNotFound,
			"../../etc/passwd":         store.ErrNotFound,
			f.Hash:                     ErrMissing,
		} {
			w, err := download(s, hash, "a.pdf")
			if !errors.Is(err, want) {
				t.Errorf("%s: %v, want %v", hash, err, want)
			}
			if len(w.Header()) != 0 || w.Body.Len() != 0 {
				t.Errorf("%s: wrote %v %q", hash, w.Header(), w.Body.String())
			}
		}
	})
}

func TestServeThumbSendsAnInlineJPEG(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s, _ := newStore(t, db)
		f, err := save(t, s, db, "anh.png", pngFile(t, 640, 480), everything)
		if err != nil {
			t.Fatal(err)
		}
		thumb := func(hash string, header ...string) (*httptest.ResponseRecorder, error) {
			return request(http.MethodGet, func(w http.ResponseWriter, r *http.Request) error { return s.ServeThumb(w, r, hash) }, header...)
		}
		w, err := thumb(f.Hash)
		if err != nil || w.Code != http.StatusOK || !bytes.HasPrefix(w.Body.Bytes(), []byte("\xff\xd8\xff")) {
			t.Fatalf("thumb: %v %d", err, w.Code)
		}
		h := w.Header()
		if h.Get("Content-Type") != "image/jpeg" || h.Get("Content-Disposition") != "" || h.Get("X-Content-Type-Options") != "nosniff" ||
			h.Get("Etag") != `"`+f.Hash+`-320"` {
			t.Errorf("headers %v", h)
		}
		if w, _ := thumb(f.Hash, "If-None-Match", `"`+f.Hash+`-320"`); w.Code != http.StatusNotModified {
			t.Errorf("If-None-Match: %d", w.Code)
		}
		pdf, err := save(t, s, db, "a.pdf", pdfFile(), everything)
		if err != nil {
			t.Fatal(err)
		}
		if w, err := thumb(pdf.Hash); !errors.Is(err, ErrNoThumbnail) || len(w.Header()) != 0 {
			t.Errorf("PDF thumb: %v %v", err, w.Header())
		}
	})
}

// memBlobs keeps blobs in memory and opens them as readers that cannot seek, as a
// network object store would.
type memBlobs struct {
	mu sync.Mutex
	m  map[string][]byte
}

func (b *memBlobs) Put(_ context.Context, hash string, r io.Reader) error {
	content, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.m[hash] = content
	return nil
}

func (b *memBlobs) Open(_ context.Context, hash string) (io.ReadCloser, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	content, ok := b.m[hash]
	if !ok {
		return nil, ErrMissing
	}
	return io.NopCloser(strings.NewReader(string(content))), nil
}

func (b *memBlobs) Exists(_ context.Context, hash string) (bool, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	_, ok := b.m[hash]
	return ok, nil
}

func TestAnotherBackendPlugsInAndServesWithoutSeeking(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		data := t.TempDir()
		mem := &memBlobs{m: map[string][]byte{}}
		s, err := NewWith(db, mem, data)
		if err != nil {
			t.Fatal(err)
		}
		content := pdfFile()
		f, err := save(t, s, db, "Kế hoạch.pdf", content, everything)
		if err != nil {
			t.Fatal(err)
		}
		if len(mem.m) != 1 || !bytes.Equal(mem.m[f.Hash], content) {
			t.Fatalf("backend holds %d blobs", len(mem.m))
		}
		if err := s.Verify(context.Background(), f.Hash); err != nil {
			t.Error(err)
		}
		w, err := download(s, f.Hash, "Kế hoạch.pdf", "Range", "bytes=0-3")
		if err != nil || w.Code != http.StatusOK || !bytes.Equal(w.Body.Bytes(), content) || w.Header().Get("Content-Length") == "" {
			t.Errorf("GET: %v %d %q", err, w.Code, w.Body.String())
		}
		for _, inm := range []string{`"` + f.Hash + `"`, `W/"` + f.Hash + `", "x"`, "*"} {
			if w, _ := download(s, f.Hash, "a.pdf", "If-None-Match", inm); w.Code != http.StatusNotModified || w.Body.Len() != 0 {
				t.Errorf("If-None-Match %s: %d", inm, w.Code)
			}
		}
		if w, _ := download(s, f.Hash, "a.pdf", "If-None-Match", `"other"`); w.Code != http.StatusOK {
			t.Errorf("If-None-Match of another file: %d", w.Code)
		}
		img, err := save(t, s, db, "anh.png", pngFile(t, 400, 100), everything)
		if err != nil {
			t.Fatal(err)
		}
		thumb, _ := thumbnail(t, s, img.Hash)
		if b := thumb.Bounds(); b.Dx() != 320 || b.Dy() != 80 {
			t.Errorf("thumbnail from the other backend: %v", b)
		}
	})
}
