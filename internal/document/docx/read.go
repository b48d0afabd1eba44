package docx

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"os"
	"path"
	"strings"
	"unicode/utf16"

	"loa/internal/document"
	"loa/internal/document/legacy"
	"loa/internal/document/recognise"
)

// Limits of what Read accepts. A Word file of an administrative document is well
// under a megabyte; these leave room for pictures while keeping a crafted archive
// (a zip bomb, thousands of parts, XML nested without end) from taking the server.
const (
	MaxFileSize     = 20 << 20  // the .docx file itself
	maxEntries      = 1000      // parts in the archive
	maxEntrySize    = 50 << 20  // one part, uncompressed, as read
	maxTotalSize    = 200 << 20 // all parts read, uncompressed
	maxXMLDepth     = 200       // element nesting in one part
	mainPartDefault = "word/document.xml"
)

// ReadFile reads the .docx file at path.
func ReadFile(name string) (*document.Document, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, document.Refuse("Không mở được tệp DOCX.", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, document.Refuse("Không mở được tệp DOCX.", err)
	}
	return Read(f, st.Size())
}

// Read reads a WordprocessingML (.docx) document of size bytes: its paragraphs with
// their bold and italics, Word's automatic numbering resolved into the labels Word
// shows, its tables with merged cells and repeated header rows. The recogniser
// turns these into the document model, as it does for plain text. A file that is
// not a readable .docx is refused with a Vietnamese message and nothing else.
func Read(r io.ReaderAt, size int64) (*document.Document, error) {
	if size > MaxFileSize {
		return nil, document.Refuse("Tệp DOCX quá lớn: tối đa 20 MB.", nil)
	}
	head := make([]byte, 8)
	n, _ := r.ReadAt(head, 0)
	head = head[:n]
	switch {
	case bytes.HasPrefix(head, oleMagic):
		return nil, refuseOLE(r, size)
	case !bytes.HasPrefix(head, []byte("PK\x03\x04")) && !bytes.HasPrefix(head, []byte("PK\x05\x06")):
		return nil, document.Refuse("Tệp không phải DOCX (tài liệu Word 2007 trở lên). Hãy mở tệp trong Word và lưu lại dưới dạng .docx.", nil)
	}
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, document.Refuse("Tệp DOCX bị hỏng: không đọc được gói nén.", err)
	}
	if len(zr.File) > maxEntries {
		return nil, document.Refuse("Tệp DOCX có quá nhiều thành phần (hơn 1000): không đọc.", nil)
	}
	pk := &pkg{files: map[string]*zip.File{}, budget: maxTotalSize}
	for _, f := range zr.File {
		pk.files[strings.TrimPrefix(f.Name, "/")] = f
	}
	parts, err := pk.read()
	if err != nil {
		return nil, err
	}
	empty := true
	each(parts, func(r *document.Run) { empty = empty && strings.TrimSpace(r.Text) == "" })
	if empty {
		return nil, document.Refuse("Tệp DOCX không có nội dung văn bản.", nil)
	}
	return recognise.Document(parts), nil
}

// oleMagic starts every OLE compound file: Word 97–2003 (.doc) files, and .docx
// files protected by a password, which Office wraps in one.
var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// refuseOLE tells a password-protected file from an old .doc by the stream names
// the compound file holds (written in UTF-16).
func refuseOLE(r io.ReaderAt, size int64) error {
	data, _ := io.ReadAll(io.NewSectionReader(r, 0, size))
	utf16le := func(s string) []byte {
		var b []byte
		for _, c := range utf16.Encode([]rune(s)) {
			b = append(b, byte(c), byte(c>>8))
		}
		return b
	}
	switch {
	case bytes.Contains(data, utf16le("EncryptedPackage")):
		return document.Refuse("Tệp DOCX được đặt mật khẩu: hãy gỡ mật khẩu trong Word (Tệp › Thông tin › Bảo vệ tài liệu) rồi tải lên lại.", nil)
	case bytes.Contains(data, utf16le("WordDocument")):
		return document.Refuse("Tệp là tài liệu Word cũ (.doc): hãy mở trong Word và lưu lại dưới dạng .docx.", nil)
	default:
		return document.Refuse("Tệp là tài liệu Office cũ hoặc được đặt mật khẩu, không phải DOCX: hãy lưu lại dưới dạng .docx không mật khẩu.", nil)
	}
}

var (
	errTooBig  = errors.New("docx: part over the size limit")
	errTooDeep = errors.New("docx: XML nested too deeply")
	errTooMany = errors.New("docx: more paragraphs or cells than a document holds")
	errTooWide = errors.New("docx: a table wider than Word allows")
)

// pkg is the opened archive with the uncompressed bytes still allowed to be read.
type pkg struct {
	files  map[string]*zip.File
	budget int64
}

// open returns a reader of one part that fails once the part or the whole archive
// has given more bytes than allowed: the sizes the archive declares are not trusted.
func (p *pkg) open(name string) (io.ReadCloser, bool, error) {
	f, ok := p.files[name]
	if !ok {
		return nil, false, nil
	}
	if f.UncompressedSize64 > maxEntrySize || f.UncompressedSize64 > uint64(p.budget) {
		return nil, true, errTooBig
	}
	rc, err := f.Open()
	if err != nil {
		return nil, true, err
	}
	return &limited{rc: rc, p: p, left: maxEntrySize}, true, nil
}

type limited struct {
	rc   io.ReadCloser
	p    *pkg
	left int64
}

func (l *limited) Read(b []byte) (int, error) {
	n, err := l.rc.Read(b)
	l.left -= int64(n)
	l.p.budget -= int64(n)
	if l.left < 0 || l.p.budget < 0 {
		return n, errTooBig
	}
	return n, err
}

func (l *limited) Close() error { return l.rc.Close() }

// read reads the main document part with its styles and numbering.
func (p *pkg) read() ([]recognise.Part, error) {
	main := p.mainPart()
	if _, ok := p.files[main]; !ok {
		return nil, document.Refuse("Tệp DOCX không có phần nội dung chính (word/document.xml): tệp bị hỏng hoặc không phải văn bản Word.", nil)
	}
	rels := p.relationships(main)
	st := &styleSheet{byID: map[string]*styleDef{}}
	if err := p.parse(rels["styles"], st.parse); err != nil {
		return nil, err
	}
	nb := newNumbering(st)
	if err := p.parse(rels["numbering"], nb.parse); err != nil {
		return nil, err
	}
	dr := &docReader{styles: st, numbering: nb}
	if err := p.parse(main, dr.parse); err != nil {
		return nil, err
	}
	convertLegacy(dr.parts)
	return dr.parts, nil
}

// parse streams the part name through fn; a missing optional part is no error.
func (p *pkg) parse(name string, fn func(*xmlStream) error) error {
	if name == "" {
		return nil
	}
	rc, found, err := p.open(name)
	if err == nil && found {
		err = fn(newStream(rc))
		rc.Close()
	}
	switch {
	case err == nil:
		return nil
	case errors.Is(err, errTooBig):
		return document.Refuse("Tệp DOCX giải nén ra quá lớn (hơn 50 MB một phần hoặc 200 MB tổng cộng): có thể là tệp độc hại, không đọc.", err)
	case errors.Is(err, errTooDeep):
		return document.Refuse("Tệp DOCX có cấu trúc XML lồng nhau quá sâu: không đọc.", err)
	case errors.Is(err, errTooMany):
		return recognise.TooLarge()
	case errors.Is(err, errTooWide):
		return document.Refuse("Tệp DOCX có bảng rộng hơn 63 cột, điều Word không cho phép: tệp bị hỏng.", err)
	default:
		return document.Refuse("Tệp DOCX bị hỏng: phần "+name+" không đọc được.", err)
	}
}

// mainPart is the document part the package relationships name, else the usual one.
func (p *pkg) mainPart() string {
	for id, target := range p.relsOf("_rels/.rels", "") {
		if strings.HasSuffix(id, "/officeDocument") {
			if _, ok := p.files[target]; ok {
				return target
			}
		}
	}
	return mainPartDefault
}

// relationships maps "styles" and "numbering" to the parts the main part uses.
func (p *pkg) relationships(main string) map[string]string {
	out := map[string]string{}
	dir, file := path.Split(main)
	for typ, target := range p.relsOf(dir+"_rels/"+file+".rels", dir) {
		for _, kind := range []string{"styles", "numbering"} {
			if strings.HasSuffix(typ, "/"+kind) {
				out[kind] = target
			}
		}
	}
	for kind, def := range map[string]string{"styles": dir + "styles.xml", "numbering": dir + "numbering.xml"} {
		if out[kind] == "" {
			out[kind] = def
		}
	}
	return out
}

// relsOf reads a relationships part into type → target (resolved against dir).
func (p *pkg) relsOf(name, dir string) map[string]string {
	out := map[string]string{}
	_ = p.parse(name, func(s *xmlStream) error {
		for {
			se, err := s.nextStart()
			if err != nil {
				return err
			}
			if se == nil {
				return nil
			}
			if se.Name.Local != "Relationship" || attr(*se, "TargetMode") == "External" {
				continue
			}
			target := attr(*se, "Target")
			if strings.HasPrefix(target, "/") {
				target = target[1:]
			} else {
				target = path.Clean(dir + target)
			}
			out[attr(*se, "Type")] = target
		}
	})
	return out
}

// convertLegacy converts text typed in a TCVN3 or VNI font. Word keeps such text as
// the Windows-1252 characters of the legacy bytes; the decision is made once for
// the whole document, from its characters, and Unicode letters pass unchanged.
func convertLegacy(parts []recognise.Part) {
	var sample strings.Builder
	each(parts, func(r *document.Run) {
		if sample.Len() < 1<<20 {
			sample.WriteString(r.Text)
			sample.WriteByte('\n')
		}
	})
	enc := legacy.Detect(sample.String())
	if enc != legacy.TCVN3 && enc != legacy.VNI {
		return
	}
	each(parts, func(r *document.Run) {
		if s, err := legacy.ToUnicode(r.Text, enc); err == nil {
			r.Text = s
		}
	})
}

// each calls fn on every run of parts, in paragraphs and in table cells.
func each(parts []recognise.Part, fn func(*document.Run)) {
	for _, p := range parts {
		for i := range p.Runs {
			fn(&p.Runs[i])
		}
		if p.Table == nil {
			continue
		}
		for _, row := range p.Table.Rows {
			for _, c := range row {
				for _, l := range c.Lines {
					for i := range l {
						fn(&l[i])
					}
				}
			}
		}
	}
}
