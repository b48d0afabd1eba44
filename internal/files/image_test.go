package files

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"loa/internal/store"
	"loa/internal/store/storetest"
)

func thumbnail(t *testing.T, s *Store, hash string) (image.Image, []byte) {
	t.Helper()
	f, err := s.Thumbnail(context.Background(), hash)
	if err != nil {
		t.Fatalf("thumbnail: %v", err)
	}
	defer f.Close()
	b, err := io.ReadAll(f)
	if err != nil {
		t.Fatal(err)
	}
	img, err := jpeg.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("thumbnail is not a JPEG: %v", err)
	}
	return img, b
}

func TestThumbnailsFitInThumbSizeAndAreMadeOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s, data := newStore(t, db)
		cases := []struct {
			name    string
			content []byte
			w, h    int
		}{
			{"ngang.png", pngFile(t, 1000, 500), 320, 160},
			{"doc.jpg", jpegFile(t, 500, 1000), 160, 320},
			{"vuong.gif", gifFile(t, 640, 640), 320, 320},
			{"nho.webp", webpFile(5, 7), 5, 7}, // small images are not enlarged
		}
		for _, c := range cases {
			f, err := save(t, s, db, c.name, c.content, everything)
			if err != nil {
				t.Fatal(err)
			}
			img, first := thumbnail(t, s, f.Hash)
			if b := img.Bounds(); b.Dx() != c.w || b.Dy() != c.h {
				t.Errorf("%s: thumbnail %v, want %d×%d", c.name, b, c.w, c.h)
			}
			// The second request is answered from the cache: it works with the
			// original gone.
			if err := os.Remove(filepath.Join(data, "files", f.Hash[:2], f.Hash[2:4], f.Hash)); err != nil {
				t.Fatal(err)
			}
			if _, again := thumbnail(t, s, f.Hash); !bytes.Equal(first, again) {
				t.Errorf("%s: second thumbnail differs from the first", c.name)
			}
		}
	})
}

func TestConcurrentThumbnailRequestsAllGetOne(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s, data := newStore(t, db)
		f, err := save(t, s, db, "anh.jpg", jpegFile(t, 900, 600), everything)
		if err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		errs := make([]error, 6)
		for i := range errs {
			wg.Go(func() {
				thumb, err := s.Thumbnail(context.Background(), f.Hash)
				if err == nil {
					_, err = jpeg.DecodeConfig(thumb)
					thumb.Close()
				}
				errs[i] = err
			})
		}
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Errorf("request %d: %v", i, err)
			}
		}
		var cached []string
		filepath.WalkDir(filepath.Join(data, "thumbs"), func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				cached = append(cached, filepath.Base(p))
			}
			return err
		})
		if len(cached) != 1 || cached[0] != f.Hash+"-320.jpg" {
			t.Errorf("thumbnail cache holds %v", cached)
		}
	})
}

// red tells whether c is closer to red than to blue.
func red(c color.Color) bool {
	r, _, b, _ := c.RGBA()
	return r > b
}

func TestPhotosAreTurnedAsTheirExifOrientationSays(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s, _ := newStore(t, db)
		// An 80×40 picture, red on the left: turned a quarter clockwise (6) the red is
		// on top, a quarter anticlockwise (8) at the bottom; upside down (3) it is on
		// the right.
		cases := []struct {
			orientation   int
			width, height int
			redAt         image.Point
		}{
			{1, 80, 40, image.Pt(5, 20)},
			{3, 80, 40, image.Pt(75, 20)},
			{6, 40, 80, image.Pt(20, 5)},
			{8, 40, 80, image.Pt(20, 75)},
		}
		for _, c := range cases {
			f, err := save(t, s, db, "anh.jpg", jpegOriented(t, 80, 40, c.orientation), everything)
			if err != nil {
				t.Fatal(err)
			}
			if f.Width != c.width || f.Height != c.height {
				t.Errorf("orientation %d: recorded %d×%d, want %d×%d", c.orientation, f.Width, f.Height, c.width, c.height)
			}
			img, _ := thumbnail(t, s, f.Hash)
			if b := img.Bounds(); b.Dx() != c.width || b.Dy() != c.height {
				t.Errorf("orientation %d: thumbnail %v", c.orientation, b)
			}
			if !red(img.At(c.redAt.X, c.redAt.Y)) {
				t.Errorf("orientation %d: %v is not red", c.orientation, c.redAt)
			}
		}
	})
}

func TestTransparentImagesGetAWhiteBackground(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s, _ := newStore(t, db)
		var b bytes.Buffer
		if err := png.Encode(&b, image.NewNRGBA(image.Rect(0, 0, 40, 40))); err != nil {
			t.Fatal(err)
		}
		f, err := save(t, s, db, "logo.png", b.Bytes(), everything)
		if err != nil {
			t.Fatal(err)
		}
		img, _ := thumbnail(t, s, f.Hash)
		if r, g, bl, _ := img.At(20, 20).RGBA(); r < 0xf000 || g < 0xf000 || bl < 0xf000 {
			t.Errorf("transparent pixel became %v, want white", img.At(20, 20))
		}
	})
}

func TestThumbnailRefusesWhatItCannotOrMustNotDecode(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s, _ := newStore(t, db)
		ctx := context.Background()
		// Kept before today's limits, or by another way in: a bomb and a damaged image
		// whose rows say PNG. The thumbnail must refuse them all the same.
		for _, content := range [][]byte{bombPNG(100000, 100000), bombPNG(30, 30)} {
			hash := hashOf(content)
			if err := s.blobs.Put(ctx, hash, bytes.NewReader(content)); err != nil {
				t.Fatal(err)
			}
			if _, err := db.Write().ExecContext(ctx, `INSERT INTO files (hash, size, content_type, width, height, created_at)
				VALUES ($1, $2, 'image/png', 0, 0, $3)`, hash, len(content), store.Now()); err != nil {
				t.Fatal(err)
			}
			if _, err := s.Thumbnail(ctx, hash); !errors.Is(err, ErrNoThumbnail) {
				t.Errorf("%d bytes: %v, want ErrNoThumbnail", len(content), err)
			}
		}
		pdf, err := save(t, s, db, "a.pdf", pdfFile(), everything)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Thumbnail(ctx, pdf.Hash); !errors.Is(err, ErrNoThumbnail) {
			t.Errorf("PDF: %v, want ErrNoThumbnail", err)
		}
		if _, err := s.Thumbnail(ctx, hashOf([]byte("không có"))); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("unknown hash: %v", err)
		}
		if _, err := s.Thumbnail(ctx, "../../etc/passwd"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("path as hash: %v", err)
		}
	})
}

func FuzzExifOrientation(f *testing.F) {
	for o := 1; o <= 8; o++ {
		f.Add(jpegOriented(f, 8, 8, o)[:200])
	}
	f.Add([]byte("\xff\xd8\xff\xe1\x00\x10Exif\x00\x00II*\x00\xff\xff\xff\x7f"))
	f.Add([]byte("\xff\xd8\xff\xff\xff"))
	f.Fuzz(func(t *testing.T, b []byte) {
		if o := exifOrientation(b); o < 1 || o > 8 {
			t.Errorf("orientation %d", o)
		}
	})
}

func TestExifOrientationIsReadFromCameraHeaders(t *testing.T) {
	for o := 1; o <= 8; o++ {
		if got := exifOrientation(jpegOriented(t, 8, 8, o)); got != o {
			t.Errorf("tag %d read as %d", o, got)
		}
	}
	if got := exifOrientation(jpegFile(t, 8, 8)); got != 1 {
		t.Errorf("JPEG without EXIF: %d", got)
	}
}
