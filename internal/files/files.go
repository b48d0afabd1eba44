// Package files keeps the files users upload — evidence photos, scans, PDF, Word and
// Excel attendance lists, later the portal's uploads — once per content, named by the
// SHA-256 of their bytes. An upload is checked before anything is kept: its size, and
// its real type read from the bytes, which must agree with its extension. Blobs live
// behind the Blobs interface: a local folder by default; object storage for several
// instances plugs in there.
package files

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"loa/internal/store"
	"loa/internal/vn"
)

// File is a stored file, as its row in the files table says.
type File struct {
	Hash        string // SHA-256 of the content, lower-case hex
	Size        int64
	ContentType string
	// Width and Height are an image's size in pixels as it is shown, with its EXIF
	// orientation applied (a portrait phone photo is taller than wide); 0 for other files.
	Width, Height int
	CreatedAt     time.Time
}

// Kind is what the file is, by its content.
func (f File) Kind() Kind { return kindOfType(f.ContentType) }

// IsImage tells whether f has a thumbnail.
func (f File) IsImage() bool { return f.Kind().IsImage() }

// Limits say what one upload may be.
type Limits struct {
	MaxBytes int64
	Allowed  []Kind
}

func (l Limits) allows(k Kind) bool {
	for _, a := range l.Allowed {
		if a == k {
			return true
		}
	}
	return false
}

// Store keeps files: blobs in a Blobs backend, their rows in the database, and two
// local folders under the data folder — the thumbnail cache and the spool where
// uploads wait while they are checked.
type Store struct {
	db     *store.DB
	blobs  Blobs
	thumbs string
	spool  string
	// thumbSlot lets one thumbnail be made at a time: a large photo takes tens of
	// megabytes decoded, and the server's memory budget is for everyone.
	thumbSlot chan struct{}
}

// New returns a Store that keeps blobs in <data>/files.
func New(db *store.DB, data string) (*Store, error) {
	local, err := NewLocal(filepath.Join(data, "files"))
	if err != nil {
		return nil, err
	}
	return NewWith(db, local, data)
}

// NewWith returns a Store that keeps blobs in blobs; data holds the local thumbnail
// cache and upload spool.
func NewWith(db *store.DB, blobs Blobs, data string) (*Store, error) {
	s := &Store{db: db, blobs: blobs, thumbs: filepath.Join(data, "thumbs"), spool: filepath.Join(data, "tmp"),
		thumbSlot: make(chan struct{}, 1)}
	for _, dir := range []string{s.thumbs, s.spool} {
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return nil, fmt.Errorf("files: %w", err)
		}
	}
	s.sweepSpool()
	return s, nil
}

// sweepSpool removes uploads a crash left in the spool. Only old ones: another
// process sharing the data folder may be checking an upload right now.
func (s *Store) sweepSpool() {
	entries, err := os.ReadDir(s.spool)
	if err != nil {
		return
	}
	for _, e := range entries {
		info, err := e.Info()
		if err == nil && strings.HasPrefix(e.Name(), spoolPrefix) && time.Since(info.ModTime()) > time.Hour {
			os.Remove(filepath.Join(s.spool, e.Name()))
		}
	}
}

const columns = `hash, size, content_type, width, height, created_at`

func scan(row interface{ Scan(...any) error }) (File, error) {
	var f File
	err := row.Scan(&f.Hash, &f.Size, &f.ContentType, &f.Width, &f.Height, &f.CreatedAt)
	return f, store.NotFound(err)
}

// Get returns the file with hash, or store.ErrNotFound.
func (s *Store) Get(ctx context.Context, hash string) (File, error) {
	return get(ctx, s.db.Read(), hash)
}

func get(ctx context.Context, q store.Querier, hash string) (File, error) {
	return scan(q.QueryRowContext(ctx, `SELECT `+columns+` FROM files WHERE hash = $1`, hash))
}

// Open reads the content kept under hash as it is now, or fails with ErrMissing. It
// does not check the bytes: a caller that copies evidence elsewhere (the evidence
// pack) hashes them on the way, so each file is read once.
func (s *Store) Open(ctx context.Context, hash string) (io.ReadCloser, error) {
	return s.blobs.Open(ctx, hash)
}

// Save checks an upload named name and keeps it, returning its row. It runs in the
// caller's transaction q: the row is written there, so a transaction that rolls back
// takes the row with it. The same content saved again — by anyone, under any name —
// is one blob and one row.
//
// An upload that is refused comes back as an *Error with a Vietnamese message, and
// nothing of it is kept. Any other error may come after the row was written: the
// caller rolls back. A transaction rolled back after Save succeeded leaves the blob
// without a row — unreachable, since every link to a file is a row, and the same
// content saved later reuses it.
//
// r should already be on local disk (a parsed multipart form is): on SQLite the
// caller's transaction holds the write lock while r is read.
func (s *Store) Save(ctx context.Context, q store.Querier, name string, r io.Reader, limits Limits) (File, error) {
	if limits.MaxBytes <= 0 || len(limits.Allowed) == 0 {
		return File{}, errors.New("files: Limits need MaxBytes and Allowed kinds")
	}
	name = baseName(name)
	want, err := expect(name, limits)
	if err != nil {
		return File{}, err
	}
	up, err := s.receive(ctx, name, r, limits.MaxBytes)
	if err != nil {
		return File{}, err
	}
	defer up.discard()
	f, err := up.check(name, want)
	if err != nil {
		return File{}, err
	}
	// The row first, then the blob: when putting the blob fails the caller's
	// transaction rolls back, and no row points at nothing.
	_, err = q.ExecContext(ctx, `INSERT INTO files (`+columns+`) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (hash) DO NOTHING`,
		f.Hash, f.Size, f.ContentType, f.Width, f.Height, store.Now())
	if err != nil {
		return File{}, err
	}
	stored, err := get(ctx, q, f.Hash)
	if err != nil {
		return File{}, err
	}
	have, err := s.blobs.Exists(ctx, f.Hash)
	if err != nil {
		return File{}, err
	}
	if have {
		return stored, nil
	}
	if _, err := up.file.Seek(0, io.SeekStart); err != nil {
		return File{}, err
	}
	if err := s.blobs.Put(ctx, f.Hash, up.file); err != nil {
		return File{}, fmt.Errorf("files: keep %s: %w", f.Hash, err)
	}
	return stored, nil
}

// expect is the kind an upload's extension promises, refused before a byte is read
// when no kind has that extension or the kind is not allowed here.
func expect(name string, limits Limits) (Kind, error) {
	ext := strings.ToLower(filepath.Ext(name))
	k := kindOfExt(ext)
	if k == "" {
		return "", refuse(ReasonType, fmt.Sprintf("Không nhận tệp %s: chỉ nhận tệp %s.", quote(name), extList(limits.Allowed)))
	}
	if !limits.allows(k) {
		return "", refuse(ReasonNotAllowed, fmt.Sprintf("Ở đây không nhận %s (tệp %s); chỉ nhận tệp %s.",
			kinds[k].name, quote(name), extList(limits.Allowed)))
	}
	return k, nil
}

const spoolPrefix = "upload-"

// upload is an upload received into the spool and hashed on the way.
type upload struct {
	file *os.File
	size int64
	hash string
}

// receive copies r into the spool, hashing as it goes and stopping one byte past max.
func (s *Store) receive(ctx context.Context, name string, r io.Reader, max int64) (*upload, error) {
	tmp, err := os.CreateTemp(s.spool, spoolPrefix+"*")
	if err != nil {
		return nil, fmt.Errorf("files: spool: %w", err)
	}
	up := &upload{file: tmp}
	h := sha256.New()
	up.size, err = io.Copy(io.MultiWriter(tmp, h), io.LimitReader(ctxReader{ctx, r}, max+1))
	switch {
	case err != nil:
		err = fmt.Errorf("files: receive %s: %w", name, err)
	case up.size > max:
		err = refuse(ReasonTooLarge, fmt.Sprintf("Tệp %s lớn hơn %s, mức tối đa cho phép.", quote(name), sizeText(max)))
	case up.size == 0:
		err = refuse(ReasonEmpty, fmt.Sprintf("Tệp %s rỗng.", quote(name)))
	}
	if err != nil {
		up.discard()
		return nil, err
	}
	up.hash = hex.EncodeToString(h.Sum(nil))
	return up, nil
}

func (u *upload) discard() {
	u.file.Close()
	os.Remove(u.file.Name())
}

// check reads what the upload really is and refuses it when that is not what its
// extension promised.
func (u *upload) check(name string, want Kind) (File, error) {
	got, err := sniff(u.file, u.size)
	if err != nil {
		return File{}, fmt.Errorf("files: read %s: %w", name, err)
	}
	ext := strings.ToLower(filepath.Ext(name))
	switch {
	case got.macro:
		return File{}, refuse(ReasonMacro, fmt.Sprintf("Tệp %s chứa macro; hãy lưu lại thành tệp %s thường (không macro) rồi tải lên.",
			quote(name), ext))
	case want == Text && got.kind == "":
		return File{}, refuse(ReasonMismatch, fmt.Sprintf("Tệp %s không phải văn bản UTF-8; hãy lưu lại với bảng mã UTF-8 rồi tải lên.",
			quote(name)))
	case got.kind != want:
		return File{}, refuse(ReasonMismatch, fmt.Sprintf("Tệp %s có đuôi %s nhưng nội dung là %s; hãy tải lên đúng tệp gốc.",
			quote(name), ext, got.what))
	}
	f := File{Hash: u.hash, Size: u.size, ContentType: kinds[want].contentType}
	if want.IsImage() {
		if _, err := u.file.Seek(0, io.SeekStart); err != nil {
			return File{}, err
		}
		info, err := probe(u.file, want)
		if err != nil {
			return File{}, refuse(ReasonDamaged, fmt.Sprintf("Ảnh %s bị hỏng hoặc không đọc được.", quote(name)))
		}
		if !info.fits() {
			return File{}, refuse(ReasonImageTooLarge, fmt.Sprintf("Ảnh %s quá lớn (%d × %d điểm ảnh); chỉ nhận ảnh tới %d điểm ảnh mỗi chiều và %d triệu điểm ảnh.",
				quote(name), info.width, info.height, MaxImageSide, MaxImagePixels/1_000_000))
		}
		f.Width, f.Height = info.shownSize()
	}
	return f, nil
}

// ctxReader stops a copy when its context ends: a client gone or a server shutting down.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

// baseName is the name as the user knows it: browsers on Windows used to send the
// whole path, and keyboards send decomposed Vietnamese.
func baseName(name string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	return vn.Clean(name)
}

func quote(name string) string {
	if name == "" {
		return "không tên"
	}
	return "«" + name + "»"
}

// sizeText writes a size the Vietnamese way: "20 MB", "1,5 MB", "300 KB".
func sizeText(n int64) string {
	unit, div := "KB", float64(1<<10)
	if n >= 1<<20 {
		unit, div = "MB", 1<<20
	}
	s := strings.TrimSuffix(fmt.Sprintf("%.1f", float64(n)/div), ".0")
	return strings.Replace(s, ".", ",", 1) + " " + unit
}
