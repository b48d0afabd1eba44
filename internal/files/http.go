package files

import (
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"loa/internal/store"
)

// Serve sends the file hash as a download named downloadName: always an attachment,
// never shown in Loa's own origin, whatever the file holds. Conditional requests get
// 304 and Range requests a part, when the backend can seek. Deciding who may
// download is the caller's.
//
// It returns store.ErrNotFound for an unknown hash and ErrMissing when the content
// is gone; then nothing is written and the caller answers with its own page.
func (s *Store) Serve(w http.ResponseWriter, r *http.Request, hash, downloadName string) error {
	if !validHash(hash) {
		return store.ErrNotFound
	}
	f, err := s.Get(r.Context(), hash)
	if err != nil {
		return err
	}
	body, err := s.blobs.Open(r.Context(), hash)
	if err != nil {
		return err
	}
	defer body.Close()
	h := w.Header()
	h.Set("Content-Type", f.ContentType)
	h.Set("Content-Disposition", attachment(fileName(downloadName, f)))
	send(w, r, body, `"`+hash+`"`, f.Size, f.CreatedAt)
	return nil
}

// ServeThumb sends the thumbnail of the image hash, inline. It returns
// store.ErrNotFound, ErrMissing or ErrNoThumbnail before writing anything.
func (s *Store) ServeThumb(w http.ResponseWriter, r *http.Request, hash string) error {
	t, err := s.Thumbnail(r.Context(), hash)
	if err != nil {
		return err
	}
	defer t.Close()
	st, err := t.Stat()
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "image/jpeg")
	send(w, r, t, `"`+hash+"-"+strconv.Itoa(ThumbSize)+`"`, st.Size(), st.ModTime())
	return nil
}

func send(w http.ResponseWriter, r *http.Request, body io.Reader, etag string, size int64, modified time.Time) {
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	// Should a browser render the file after all, the sandbox keeps its scripts from
	// running as Loa and from reaching anything.
	h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	h.Set("ETag", etag)
	// private: no shared cache keeps evidence. no-cache: the browser keeps its copy
	// but asks each time, so a withdrawn permission holds; the answer is a cheap 304.
	h.Set("Cache-Control", "private, no-cache")
	if rs, ok := body.(io.ReadSeeker); ok {
		http.ServeContent(w, r, "", modified, rs)
		return
	}
	// A backend that cannot seek sends the whole content; HTTP lets a server ignore Range.
	if noneMatch(r.Header.Get("If-None-Match"), etag) {
		h.Del("Content-Type")
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h.Set("Content-Length", strconv.FormatInt(size, 10))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		_, _ = io.Copy(w, body)
	}
}

// noneMatch tells whether an If-None-Match header names etag, comparing weakly as
// RFC 9110 asks for this header.
func noneMatch(header, etag string) bool {
	for _, t := range strings.Split(header, ",") {
		if t = strings.TrimSpace(t); t == "*" || strings.TrimPrefix(t, "W/") == etag {
			return true
		}
	}
	return false
}

// fileName is the name a download gets: the given one without path or control
// characters, or, when nothing is left, the start of the hash with the kind's
// extension.
func fileName(name string, f File) string {
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return -1
		}
		return r
	}, baseName(name))
	if name != "" {
		return name
	}
	ext := ".bin"
	if info, ok := kinds[f.Kind()]; ok {
		ext = info.exts[0]
	}
	return f.Hash[:12] + ext
}

// attachment is the Content-Disposition of a download named name (RFC 6266): the
// name in UTF-8 as filename* (RFC 5987), which every current browser uses, and an
// ASCII likeness as filename for the rest — "Danh sach du hop.xlsx", not mojibake.
func attachment(name string) string {
	return `attachment; filename="` + asciiName(name) + `"; filename*=UTF-8''` + encodeRFC5987(name)
}

// asciiName drops Vietnamese diacritics (đ becomes d) and replaces what is left
// outside printable ASCII, and the characters a quoted filename cannot hold, by "_".
func asciiName(name string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(name) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r == 'đ':
			b.WriteByte('d')
		case r == 'Đ':
			b.WriteByte('D')
		case r < 0x20 || r >= 0x7f || r == '"' || r == '\\' || r == '%':
			b.WriteByte('_')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// encodeRFC5987 percent-encodes name's UTF-8 bytes but for RFC 5987's attr-chars.
func encodeRFC5987(name string) string {
	var b strings.Builder
	for _, c := range []byte(name) {
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', strings.IndexByte("!#$&+-.^_`|~", c) >= 0:
			b.WriteByte(c)
		default:
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}
