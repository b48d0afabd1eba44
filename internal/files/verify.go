package files

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
)

// MismatchError is a blob whose bytes no longer hash to its name: the evidence was
// altered or damaged after it was kept.
type MismatchError struct {
	Hash string // the name, as recorded
	Got  string // what the bytes hash to now
}

func (e *MismatchError) Error() string {
	return fmt.Sprintf("files: %s now hashes to %s", e.Hash, e.Got)
}

// Verify hashes the kept content of hash again: nil when it is intact, ErrMissing
// when it is gone, *MismatchError when it changed.
func (s *Store) Verify(ctx context.Context, hash string) error {
	r, err := s.blobs.Open(ctx, hash)
	if err != nil {
		return err
	}
	defer r.Close()
	h := sha256.New()
	if _, err := io.Copy(h, ctxReader{ctx, r}); err != nil {
		return err
	}
	if got := hex.EncodeToString(h.Sum(nil)); got != hash {
		return &MismatchError{Hash: hash, Got: got}
	}
	return nil
}

// verifyPage is how many rows VerifyAll reads at a time.
const verifyPage = 200

// VerifyAll verifies every file in the files table, in hash order, calling each with
// the file and what Verify said of it; an error from each stops the walk and is
// returned. Rows are read a page at a time, so no query stays open while files are
// hashed.
func (s *Store) VerifyAll(ctx context.Context, each func(f File, err error) error) error {
	after := ""
	for {
		rows, err := s.db.Read().QueryContext(ctx, `SELECT `+columns+` FROM files WHERE hash > $1 ORDER BY hash LIMIT $2`,
			after, verifyPage)
		if err != nil {
			return err
		}
		var page []File
		for rows.Next() {
			f, err := scan(rows)
			if err != nil {
				rows.Close()
				return err
			}
			page = append(page, f)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, f := range page {
			if err := each(f, s.Verify(ctx, f.Hash)); err != nil {
				return err
			}
		}
		if len(page) < verifyPage {
			return nil
		}
		after = page[len(page)-1].Hash
	}
}
