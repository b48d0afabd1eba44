package files

import (
	"archive/zip"
	"bufio"
	"bytes"
	"errors"
	"io"
	"net/http"
	"path"
	"strings"
	"unicode/utf8"
)

// sniffed is what an upload's bytes say it is.
type sniffed struct {
	kind  Kind   // an accepted kind, or "" for anything else
	what  string // what it is, as a Vietnamese sentence names it
	macro bool   // a Word or Excel file carrying macros
}

func known(k Kind) sniffed { return sniffed{kind: k, what: kinds[k].name} }

// magic numbers of the accepted kinds that have one, at offset 0.
var magics = []struct {
	kind   Kind
	prefix string
}{
	{JPEG, "\xff\xd8\xff"},
	{PNG, "\x89PNG\r\n\x1a\n"},
	{GIF, "GIF87a"},
	{GIF, "GIF89a"},
	{PDF, "%PDF-"},
}

// sniff reads what the size bytes of r are. http.DetectContentType knows the images
// and PDF but sees a Word or Excel file as any zip and says nothing of text beyond
// its first 512 bytes, so each accepted kind is checked here in full.
func sniff(r io.ReaderAt, size int64) (sniffed, error) {
	head := make([]byte, 512)
	n, err := r.ReadAt(head, 0)
	if err != nil && err != io.EOF {
		return sniffed{}, err
	}
	head = head[:n]
	for _, m := range magics {
		if bytes.HasPrefix(head, []byte(m.prefix)) {
			return known(m.kind), nil
		}
	}
	switch {
	case len(head) >= 12 && string(head[:4]) == "RIFF" && string(head[8:12]) == "WEBP":
		return known(WebP), nil
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return inspectZip(r, size), nil
	}
	text, err := isText(io.NewSectionReader(r, 0, size))
	if err != nil {
		return sniffed{}, err
	}
	if text {
		return known(Text), nil
	}
	return sniffed{what: describe(head)}, nil
}

// inspectZip tells a Word or Excel file from other zips by its parts: Office Open
// XML has a [Content_Types].xml and its main parts under word/ or xl/. Only the
// zip's directory is read, so a zip bomb costs nothing here.
func inspectZip(r io.ReaderAt, size int64) sniffed {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return sniffed{what: "tệp nén ZIP bị hỏng"}
	}
	var types, word, xl, slides, odf, macro bool
	for _, f := range zr.File {
		switch n := f.Name; {
		case n == "[Content_Types].xml":
			types = true
		case strings.HasPrefix(n, "word/"):
			word = true
		case strings.HasPrefix(n, "xl/"):
			xl = true
		case strings.HasPrefix(n, "ppt/"):
			slides = true
		case n == "mimetype":
			odf = true
		}
		if strings.EqualFold(path.Base(f.Name), "vbaProject.bin") {
			macro = true
		}
	}
	switch {
	case types && word && !xl:
		s := known(DOCX)
		s.macro = macro
		return s
	case types && xl && !word:
		s := known(XLSX)
		s.macro = macro
		return s
	case types && slides:
		return sniffed{what: "tệp PowerPoint"}
	case odf:
		return sniffed{what: "tệp OpenDocument (.odt, .ods)"}
	}
	return sniffed{what: "tệp nén ZIP"}
}

// isText tells whether r is UTF-8 text: valid UTF-8 throughout, and no control
// characters but tab, line breaks and form feed (binary data has them early).
func isText(r io.Reader) (bool, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	for {
		c, size, err := br.ReadRune()
		if errors.Is(err, io.EOF) {
			return true, nil
		}
		if err != nil {
			return false, err
		}
		if c == utf8.RuneError && size == 1 {
			return false, nil
		}
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' {
			return false, nil
		}
	}
}

// describe names content that is none of the accepted kinds, for the message that
// refuses it.
func describe(head []byte) string {
	switch {
	case bytes.HasPrefix(head, []byte("MZ")), bytes.HasPrefix(head, []byte("\x7fELF")):
		return "một chương trình chạy được"
	case bytes.HasPrefix(head, []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")):
		return "tệp Office đời cũ (.doc, .xls)"
	}
	mediaType, _, _ := strings.Cut(http.DetectContentType(head), ";")
	major, minor, _ := strings.Cut(mediaType, "/")
	switch {
	case mediaType == "application/octet-stream":
		return "dữ liệu không rõ loại"
	case major == "text":
		return "văn bản không ở bảng mã UTF-8"
	case major == "image":
		return "ảnh " + strings.ToUpper(strings.TrimPrefix(minor, "x-"))
	case major == "video":
		return "video"
	case major == "audio":
		return "âm thanh"
	}
	return "dữ liệu dạng " + mediaType
}
