package files

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
)

// Blobs is where file contents are kept, each under the SHA-256 of its bytes. A
// local folder serves one instance; several instances share object storage through
// another implementation.
type Blobs interface {
	// Put keeps the content r under hash, whole or not at all: a reader never sees
	// part of it under its name.
	Put(ctx context.Context, hash string, r io.Reader) error
	// Open reads the content kept under hash, or fails with ErrMissing. What it
	// returns may also be an io.Seeker, which lets downloads answer Range requests.
	Open(ctx context.Context, hash string) (io.ReadCloser, error)
	// Exists tells whether something is kept under hash.
	Exists(ctx context.Context, hash string) (bool, error)
}

// ErrMissing is a file whose row exists but whose content is not in storage.
var ErrMissing = errors.New("files: content missing from storage")

// validHash tells whether hash is a SHA-256 in lower-case hex: what a hash must be
// before it becomes part of a path.
func validHash(hash string) bool {
	if len(hash) != sha256.Size*2 {
		return false
	}
	for _, c := range []byte(hash) {
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

// Local keeps blobs in a folder as ab/cd/<hash>: two levels of 256 folders keep each
// folder small enough for any file system and backup tool.
type Local struct{ root string }

// NewLocal returns the blob folder root, creating it if needed.
func NewLocal(root string) (*Local, error) {
	if err := os.MkdirAll(root, 0o750); err != nil {
		return nil, fmt.Errorf("files: %w", err)
	}
	return &Local{root: root}, nil
}

func (l *Local) path(hash string) string { return filepath.Join(l.root, hash[:2], hash[2:4], hash) }

// Put writes r beside its final name and renames it there once it is on disk. It
// refuses content whose SHA-256 is not hash, so no file ever sits under a wrong name.
func (l *Local) Put(ctx context.Context, hash string, r io.Reader) error {
	if !validHash(hash) {
		return fmt.Errorf("files: invalid hash %q", hash)
	}
	dir, err := mkdirSynced(l.root, hash[:2], hash[2:4])
	if err != nil {
		return err
	}
	h := sha256.New()
	return writeAtomic(dir, hash, io.TeeReader(ctxReader{ctx, r}, h), func() error {
		if got := hex.EncodeToString(h.Sum(nil)); got != hash {
			return fmt.Errorf("files: content hashes to %s, not %s", got, hash)
		}
		return nil
	})
}

// Open opens the blob; an *os.File, so downloads can seek.
func (l *Local) Open(_ context.Context, hash string) (io.ReadCloser, error) {
	if !validHash(hash) {
		return nil, ErrMissing
	}
	f, err := os.Open(l.path(hash))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, ErrMissing
	}
	return f, err
}

// Exists tells whether the blob's file is there.
func (l *Local) Exists(_ context.Context, hash string) (bool, error) {
	if !validHash(hash) {
		return false, nil
	}
	_, err := os.Stat(l.path(hash))
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	return err == nil, err
}

// writeAtomic writes r to dir/name so that after a crash the name holds either
// nothing or the whole content: it writes a temporary file in the same folder, syncs
// it, renames it over the name and syncs the folder so the rename itself is kept.
// check, when given, runs after the last byte is read and before the rename; an
// error from it leaves nothing behind.
func writeAtomic(dir, name string, r io.Reader, check func() error) error {
	tmp, err := os.CreateTemp(dir, "."+name+".tmp-*")
	if err != nil {
		return err
	}
	_, err = io.Copy(tmp, r)
	if err == nil && check != nil {
		err = check()
	}
	if err == nil {
		err = tmp.Chmod(0o640)
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), filepath.Join(dir, name))
	}
	if err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return syncDir(dir)
}

// mkdirSynced makes the folders parts under root, one level at a time, and syncs
// the parent of each level it creates, so that a kept file's path survives a crash
// along with the file.
func mkdirSynced(root string, parts ...string) (string, error) {
	dir := root
	for _, p := range parts {
		next := filepath.Join(dir, p)
		err := os.Mkdir(next, 0o750)
		switch {
		case err == nil:
			if err := syncDir(dir); err != nil {
				return "", err
			}
		case !errors.Is(err, fs.ErrExist):
			return "", err
		}
		dir = next
	}
	return dir, nil
}

func syncDir(dir string) error {
	// Windows cannot open a folder to sync it; NTFS journals renames itself.
	if runtime.GOOS == "windows" {
		return nil
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	return err
}
