package files

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"loa/internal/store"
	"loa/internal/store/storetest"
)

func TestOpenReadsTheKeptBytesAsTheyAreNowAndReportsAMissingBlob(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s, data := newStore(t, db)
		ctx := context.Background()
		f, err := save(t, s, db, "danh-sach.txt", []byte(textFile), everything)
		if err != nil {
			t.Fatal(err)
		}
		read := func() ([]byte, error) {
			r, err := s.Open(ctx, f.Hash)
			if err != nil {
				return nil, err
			}
			defer r.Close()
			return io.ReadAll(r)
		}
		if got, err := read(); err != nil || string(got) != textFile {
			t.Fatalf("open: %q, %v", got, err)
		}
		// Open hands over what is on disk, altered or not: checking is the reader's job.
		blob := filepath.Join(data, "files", f.Hash[:2], f.Hash[2:4], f.Hash)
		if err := os.WriteFile(blob, []byte("đã sửa"), 0o640); err != nil {
			t.Fatal(err)
		}
		if got, err := read(); err != nil || string(got) != "đã sửa" {
			t.Fatalf("open after tampering: %q, %v", got, err)
		}
		if err := os.Remove(blob); err != nil {
			t.Fatal(err)
		}
		if _, err := read(); !errors.Is(err, ErrMissing) {
			t.Fatalf("open of a removed blob: %v", err)
		}
		if _, err := s.Open(ctx, "../../etc/passwd"); !errors.Is(err, ErrMissing) {
			t.Fatalf("open of a name that is not a hash: %v", err)
		}
	})
}
