package files

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"loa/internal/store"
	"loa/internal/store/storetest"
)

var everything = Limits{MaxBytes: 1 << 20, Allowed: AllKinds}

// newStore is a Store over db with its data folder in the test's temporary folder.
func newStore(t *testing.T, db *store.DB) (*Store, string) {
	t.Helper()
	data := t.TempDir()
	s, err := New(db, data)
	if err != nil {
		t.Fatal(err)
	}
	return s, data
}

// save saves one upload in a transaction of its own, as a handler would.
func save(t *testing.T, s *Store, db *store.DB, name string, content []byte, limits Limits) (File, error) {
	t.Helper()
	var f File
	err := db.Tx(context.Background(), func(tx *sql.Tx) error {
		var err error
		f, err = s.Save(context.Background(), tx, name, bytes.NewReader(content), limits)
		return err
	})
	return f, err
}

func hashOf(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// kept lists the regular files under data's blob folder and spool, relative to data.
func kept(t *testing.T, data string) []string {
	t.Helper()
	var out []string
	for _, dir := range []string{"files", "tmp"} {
		err := filepath.WalkDir(filepath.Join(data, dir), func(p string, d fs.DirEntry, err error) error {
			if err == nil && d.Type().IsRegular() {
				rel, _ := filepath.Rel(data, p)
				out = append(out, rel)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return out
}

func rowCount(t *testing.T, db *store.DB) int {
	t.Helper()
	var n int
	if err := db.Read().QueryRowContext(context.Background(), `SELECT COUNT(*) FROM files`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestEveryAcceptedKindIsKeptWithItsSniffedType(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s, data := newStore(t, db)
		cases := []struct {
			name          string
			content       []byte
			contentType   string
			width, height int
		}{
			{"Ảnh hội nghị.png", pngFile(t, 64, 48), "image/png", 64, 48},
			{"anh-pano.jpg", jpegFile(t, 80, 40), "image/jpeg", 80, 40},
			{"ANH.JPEG", jpegFile(t, 30, 20), "image/jpeg", 30, 20},
			{"bang-ron.gif", gifFile(t, 20, 10), "image/gif", 20, 10},
			{"to-roi.webp", webpFile(5, 7), "image/webp", 5, 7},
			{"Kế hoạch.pdf", pdfFile(), "application/pdf", 0, 0},
			{"Báo cáo.docx", docxFile(t), kinds[DOCX].contentType, 0, 0},
			{"Danh sách dự họp.xlsx", xlsxFile(t), kinds[XLSX].contentType, 0, 0},
			{"ghi-chu.txt", []byte(textFile), "text/plain; charset=utf-8", 0, 0},
			{"danh-sach.csv", []byte("\ufeff" + textFile), "text/plain; charset=utf-8", 0, 0},
		}
		for _, c := range cases {
			f, err := save(t, s, db, c.name, c.content, everything)
			if err != nil {
				t.Errorf("%s: %v", c.name, err)
				continue
			}
			want := File{Hash: hashOf(c.content), Size: int64(len(c.content)), ContentType: c.contentType, Width: c.width, Height: c.height}
			f.CreatedAt = want.CreatedAt
			if f != want {
				t.Errorf("%s: saved %+v, want %+v", c.name, f, want)
			}
			got, err := s.Get(context.Background(), want.Hash)
			if err != nil || got.ContentType != c.contentType || got.Width != c.width || got.CreatedAt.IsZero() {
				t.Errorf("%s: row %+v, %v", c.name, got, err)
			}
			if err := s.Verify(context.Background(), want.Hash); err != nil {
				t.Errorf("%s: verify: %v", c.name, err)
			}
		}
		if n := len(kept(t, data)); n != len(cases) {
			t.Errorf("%d files kept for %d uploads: %v", n, len(cases), kept(t, data))
		}
	})
}

func TestSameContentSavedTwiceIsOneBlobAndOneRow(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s, data := newStore(t, db)
		content := pdfFile()
		first, err := save(t, s, db, "Kế hoạch 2024.pdf", content, everything)
		if err != nil {
			t.Fatal(err)
		}
		second, err := save(t, s, db, "ban-sao.pdf", content, everything)
		if err != nil {
			t.Fatal(err)
		}
		if first != second {
			t.Errorf("second save %+v differs from first %+v", second, first)
		}
		if n := rowCount(t, db); n != 1 {
			t.Errorf("%d rows, want 1", n)
		}
		want := filepath.Join("files", first.Hash[:2], first.Hash[2:4], first.Hash)
		if got := kept(t, data); len(got) != 1 || got[0] != want {
			t.Errorf("kept %v, want only %s", got, want)
		}
	})
}

func TestConcurrentSavesOfTheSameContentKeepOneBlobAndOneRow(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s, data := newStore(t, db)
		content := jpegFile(t, 200, 100)
		var wg sync.WaitGroup
		errs := make([]error, 8)
		for i := range errs {
			wg.Go(func() {
				var f File
				f, errs[i] = save(t, s, db, "anh.jpg", content, everything)
				if errs[i] == nil && f.Hash != hashOf(content) {
					errs[i] = errors.New("wrong hash " + f.Hash)
				}
			})
		}
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Errorf("save %d: %v", i, err)
			}
		}
		if n := rowCount(t, db); n != 1 {
			t.Errorf("%d rows, want 1", n)
		}
		if got := kept(t, data); len(got) != 1 {
			t.Errorf("kept %v, want one blob and no temporary files", got)
		}
		if err := s.Verify(context.Background(), hashOf(content)); err != nil {
			t.Error(err)
		}
	})
}

func TestRefusedUploadsLeaveNoRowAndNoFile(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s, data := newStore(t, db)
		small := Limits{MaxBytes: 1000, Allowed: AllKinds}
		images := Limits{MaxBytes: 1 << 20, Allowed: Images}
		cases := []struct {
			name    string
			content []byte
			limits  Limits
			reason  Reason
			says    string // part of the Vietnamese message
		}{
			{"Danh sách dài.csv", []byte(strings.Repeat(textFile, 20)), small, ReasonTooLarge, "«Danh sách dài.csv» lớn hơn 1 KB"},
			{"rong.pdf", nil, everything, ReasonEmpty, "rỗng"},
			{"setup.exe", exeFile(), everything, ReasonType, "chỉ nhận tệp .jpg, .jpeg"},
			{"Danh sách.xls", []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"), everything, ReasonType, "Không nhận tệp «Danh sách.xls»"},
			{"Kế hoạch.pdf", pdfFile(), images, ReasonNotAllowed, "Ở đây không nhận tệp PDF"},
			{"anh.jpg", docxFile(t), everything, ReasonMismatch, "có đuôi .jpg nhưng nội dung là tệp Word (.docx)"},
			{"anh.jpg", zipFile(t), everything, ReasonMismatch, "nội dung là tệp nén ZIP"},
			{"hoa-don.pdf", exeFile(), everything, ReasonMismatch, "nội dung là một chương trình chạy được"},
			{"anh.png", jpegFile(t, 10, 10), everything, ReasonMismatch, "nội dung là ảnh JPEG"},
			{"bang.xlsx", docxFile(t), everything, ReasonMismatch, "nội dung là tệp Word (.docx)"},
			{"bao-cao.docx", []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + strings.Repeat("\x00", 512)), everything, ReasonMismatch, "tệp Office đời cũ"},
			{"ghi-chu.txt", pngFile(t, 4, 4), everything, ReasonMismatch, "nội dung là ảnh PNG"},
			{"ghi-chu.txt", []byte("Nguy\xeain V\xe3n A"), everything, ReasonMismatch, "không phải văn bản UTF-8"},
			{"bao-cao.docx", officeFile(t, "word/document.xml", "word/vbaProject.bin"), everything, ReasonMacro, "chứa macro"},
			{"bom.png", bombPNG(100000, 100000), everything, ReasonImageTooLarge, "100000 × 100000"},
			{"dai.png", bombPNG(20000, 10), everything, ReasonImageTooLarge, "quá lớn"},
			{"hong.png", []byte("\x89PNG\r\n\x1a\nnot a chunk at all"), everything, ReasonDamaged, "bị hỏng"},
		}
		for _, c := range cases {
			_, err := save(t, s, db, c.name, c.content, c.limits)
			var fe *Error
			if !errors.As(err, &fe) || fe.Reason != c.reason {
				t.Errorf("%s: got %v, want refusal for %s", c.name, err, c.reason)
				continue
			}
			if !strings.Contains(fe.Message, c.says) {
				t.Errorf("%s: message %q does not say %q", c.name, fe.Message, c.says)
			}
		}
		if n := rowCount(t, db); n != 0 {
			t.Errorf("%d rows after refusals", n)
		}
		if got := kept(t, data); len(got) != 0 {
			t.Errorf("refusals left %v", got)
		}
	})
}

func TestUploadOfExactlyTheLimitIsKept(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s, _ := newStore(t, db)
		content := []byte(strings.Repeat("a", 1000))
		if _, err := save(t, s, db, "ghi-chu.txt", content, Limits{MaxBytes: 1000, Allowed: []Kind{Text}}); err != nil {
			t.Errorf("upload of the limit: %v", err)
		}
		_, err := save(t, s, db, "ghi-chu.txt", append(content, 'b'), Limits{MaxBytes: 1000, Allowed: []Kind{Text}})
		if !IsRefused(err, ReasonTooLarge) {
			t.Errorf("one byte over the limit: %v", err)
		}
	})
}

func TestUploadCutShortLeavesNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s, data := newStore(t, db)
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		_, err := s.Save(ctx, db.Write(), "anh.png", bytes.NewReader(pngFile(t, 10, 10)), everything)
		if !errors.Is(err, context.Canceled) {
			t.Errorf("cancelled upload: %v", err)
		}
		broken := io.MultiReader(bytes.NewReader(pdfFile()), iotestErrReader{})
		if _, err := s.Save(context.Background(), db.Write(), "a.pdf", broken, everything); err == nil {
			t.Error("an upload whose connection broke was kept")
		}
		if got := kept(t, data); len(got) != 0 || rowCount(t, db) != 0 {
			t.Errorf("left %v and %d rows", got, rowCount(t, db))
		}
	})
}

type iotestErrReader struct{}

func (iotestErrReader) Read([]byte) (int, error) { return 0, errors.New("connection reset") }

// failingBlobs is storage that refuses every write.
type failingBlobs struct{ Blobs }

func (failingBlobs) Put(context.Context, string, io.Reader) error { return errors.New("disk full") }

func TestStorageFailureRollsTheRowBack(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		data := t.TempDir()
		local, err := NewLocal(filepath.Join(data, "files"))
		if err != nil {
			t.Fatal(err)
		}
		s, err := NewWith(db, failingBlobs{local}, data)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := save(t, s, db, "a.pdf", pdfFile(), everything); err == nil || !strings.Contains(err.Error(), "disk full") {
			t.Errorf("save on full disk: %v", err)
		}
		if got := kept(t, data); len(got) != 0 || rowCount(t, db) != 0 {
			t.Errorf("left %v and %d rows", got, rowCount(t, db))
		}
	})
}

func TestLimitsWithoutSizeOrKindsAreAProgrammingError(t *testing.T) {
	s, _ := newStore(t, storetest.SQLite(t))
	for _, l := range []Limits{{Allowed: AllKinds}, {MaxBytes: 100}} {
		_, err := s.Save(context.Background(), nil, "a.txt", strings.NewReader("a"), l)
		var fe *Error
		if err == nil || errors.As(err, &fe) {
			t.Errorf("%+v: %v, want a plain error", l, err)
		}
	}
}

func TestVerifyFindsTamperedAndMissingContent(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s, data := newStore(t, db)
		ctx := context.Background()
		var hashes []string
		for name, content := range map[string][]byte{"a.pdf": pdfFile(), "a.txt": []byte(textFile), "a.png": pngFile(t, 8, 8)} {
			f, err := save(t, s, db, name, content, everything)
			if err != nil {
				t.Fatal(err)
			}
			hashes = append(hashes, f.Hash)
		}
		tampered, missing := hashes[0], hashes[1]
		blob := func(h string) string { return filepath.Join(data, "files", h[:2], h[2:4], h) }
		if err := os.WriteFile(blob(tampered), []byte("đã sửa số liệu"), 0o640); err != nil {
			t.Fatal(err)
		}
		if err := os.Remove(blob(missing)); err != nil {
			t.Fatal(err)
		}
		var mm *MismatchError
		if err := s.Verify(ctx, tampered); !errors.As(err, &mm) || mm.Hash != tampered || mm.Got == tampered {
			t.Errorf("tampered blob: %v", err)
		}
		if err := s.Verify(ctx, missing); !errors.Is(err, ErrMissing) {
			t.Errorf("missing blob: %v", err)
		}
		if err := s.Verify(ctx, hashes[2]); err != nil {
			t.Errorf("intact blob: %v", err)
		}
		problems := map[string]error{}
		checked := 0
		err := s.VerifyAll(ctx, func(f File, err error) error {
			checked++
			if err != nil {
				problems[f.Hash] = err
			}
			return nil
		})
		if err != nil || checked != 3 || len(problems) != 2 || problems[tampered] == nil || problems[missing] == nil {
			t.Errorf("VerifyAll: checked %d, problems %v, err %v", checked, problems, err)
		}
	})
}

func TestVerifyAllWalksEveryPageAndStopsWhenAsked(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s, _ := newStore(t, db)
		n := verifyPage + 3
		for i := range n {
			if _, err := save(t, s, db, "ghi-chu.txt", []byte(strings.Repeat("a", i+1)), everything); err != nil {
				t.Fatal(err)
			}
		}
		seen := map[string]bool{}
		last := ""
		err := s.VerifyAll(context.Background(), func(f File, err error) error {
			if err != nil || seen[f.Hash] || f.Hash <= last {
				t.Errorf("%s: %v (seen before: %v)", f.Hash, err, seen[f.Hash])
			}
			seen[f.Hash], last = true, f.Hash
			return nil
		})
		if err != nil || len(seen) != n {
			t.Errorf("walked %d of %d: %v", len(seen), n, err)
		}
		stop := errors.New("stop")
		calls := 0
		err = s.VerifyAll(context.Background(), func(File, error) error { calls++; return stop })
		if !errors.Is(err, stop) || calls != 1 {
			t.Errorf("stop: %d calls, %v", calls, err)
		}
	})
}

func TestLocalPutRefusesContentThatIsNotItsHash(t *testing.T) {
	root := t.TempDir()
	l, err := NewLocal(root)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	hash := hashOf([]byte("một"))
	if err := l.Put(ctx, hash, strings.NewReader("hai")); err == nil {
		t.Error("content kept under another content's hash")
	}
	if ok, err := l.Exists(ctx, hash); ok || err != nil {
		t.Errorf("exists after refusal: %v %v", ok, err)
	}
	for _, bad := range []string{"../../etc/passwd", strings.ToUpper(hash), hash[:10], ""} {
		if err := l.Put(ctx, bad, strings.NewReader("một")); err == nil {
			t.Errorf("put %q accepted", bad)
		}
		if _, err := l.Open(ctx, bad); !errors.Is(err, ErrMissing) {
			t.Errorf("open %q: %v", bad, err)
		}
	}
	var left []string
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			left = append(left, p)
		}
		return err
	})
	if len(left) != 0 {
		t.Errorf("left %v", left)
	}
}

func TestStaleSpoolFilesAreSweptAtStart(t *testing.T) {
	db := storetest.SQLite(t)
	data := t.TempDir()
	if _, err := New(db, data); err != nil {
		t.Fatal(err)
	}
	stale, fresh := filepath.Join(data, "tmp", spoolPrefix+"1"), filepath.Join(data, "tmp", spoolPrefix+"2")
	for _, p := range []string{stale, fresh} {
		if err := os.WriteFile(p, []byte("half an upload"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	old := time.Now().Add(-2 * time.Hour)
	if err := os.Chtimes(stale, old, old); err != nil {
		t.Fatal(err)
	}
	if _, err := New(db, data); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("stale spool file kept: %v", err)
	}
	if _, err := os.Stat(fresh); err != nil {
		t.Errorf("an upload in progress was removed: %v", err)
	}
}
