package docx

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"testing"

	"loa/internal/document"
	"loa/internal/document/documenttest"
	"loa/internal/document/recognise/recognisetest"
	"loa/internal/document/text"
)

// FuzzReadDOCX feeds the reader whole files (raw) and, packed into a valid archive,
// a document part and a numbering part, where the parsing and recognising happen.
// Read must never panic, must refuse only with an InputError and nothing else, and
// what it reads must print as text and as DOCX and read back from that DOCX.
func FuzzReadDOCX(f *testing.F) {
	for _, d := range []*document.Document{recognisetest.Rich(), documenttest.Rich(), documenttest.CongVan()} {
		var buf bytes.Buffer
		if err := Write(&buf, d); err != nil {
			f.Fatal(err)
		}
		f.Add(buf.Bytes(), []byte(part(f, buf.Bytes(), "word/document.xml")), []byte(outline))
	}
	doc := func(body string) []byte { return []byte(wordParts(body, "", "")["word/document.xml"]) }
	f.Add([]byte("PK\x03\x04"), doc(headerAndFooter), []byte(""))
	f.Add(oleMagic, doc(numbered(1, 0, "A")+numbered(1, 2, "b")+numbered(7, 9, "c")), []byte(outline))
	f.Add([]byte{}, doc(`<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="-3"/><w:vMerge/></w:tcPr></w:tc></w:tr></w:tbl>`), []byte(`<w:abstractNum/>`))
	f.Fuzz(func(t *testing.T, raw, documentXML, numberingXML []byte) {
		readChecked(t, raw)
		parts := map[string]string{"word/document.xml": string(documentXML)}
		if len(numberingXML) > 0 {
			parts["word/numbering.xml"] = `<w:numbering ` + wNS + `>` + string(numberingXML) + `</w:numbering>`
		}
		d := readChecked(t, zipOf(t, parts))
		if d == nil {
			return
		}
		if err := text.Write(io.Discard, d); err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := Write(&buf, d); err != nil {
			t.Fatal(err)
		}
		if _, err := Read(bytes.NewReader(buf.Bytes()), int64(buf.Len())); err != nil {
			t.Fatalf("cannot read what Write made of a read document: %v", err)
		}
	})
}

func readChecked(t *testing.T, data []byte) *document.Document {
	d, err := Read(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		var ie *document.InputError
		if !errors.As(err, &ie) || d != nil || ie.Message == "" {
			t.Fatalf("refusal is not a plain InputError: %v, %v", d, err)
		}
		return nil
	}
	if d == nil {
		t.Fatal("no document and no error")
	}
	return d
}

// part is one part of a zip archive, as text.
func part(tb testing.TB, archive []byte, name string) string {
	zr, err := zip.NewReader(bytes.NewReader(archive), int64(len(archive)))
	if err != nil {
		tb.Fatal(err)
	}
	rc, err := zr.Open(name)
	if err != nil {
		tb.Fatal(err)
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}
