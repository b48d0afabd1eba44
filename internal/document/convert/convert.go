// Package convert turns a document file into another format through the one model:
// a reader by the input's extension, a writer by the output's. It is what
// `loa document convert` and the upload page use for quick checks.
package convert

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"loa/internal/document"
	"loa/internal/document/docx"
	dochtml "loa/internal/document/html"
	"loa/internal/document/pdf"
	"loa/internal/document/text"
	"loa/internal/document/xlsx"
)

// MaxInputBytes bounds a file to convert.
const MaxInputBytes = 20 << 20

// Inputs and Outputs are the extensions understood.
var (
	Inputs  = []string{".docx", ".txt"}
	Outputs = []string{".docx", ".pdf", ".xlsx", ".txt", ".json", ".html"}
)

// Read reads a document from raw bytes, by the file name's extension.
func Read(name string, raw []byte) (*document.Document, error) {
	if len(raw) > MaxInputBytes {
		return nil, document.Refuse(fmt.Sprintf("Tệp %s lớn hơn %d MB.", filepath.Base(name), MaxInputBytes>>20), nil)
	}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".docx":
		return docx.Read(bytes.NewReader(raw), int64(len(raw)))
	case ".txt", ".text":
		return text.Read(bytes.NewReader(raw))
	case ".doc":
		return nil, document.Refuse("Tệp .doc (Word 97–2003) chưa đọc được: hãy mở trong Word và lưu lại dạng .docx.", nil)
	}
	return nil, document.Refuse(fmt.Sprintf("Không đọc được tệp %q: chỉ nhận Word (.docx) hoặc văn bản (.txt).", filepath.Base(name)), nil)
}

// ReadFile reads a document file.
func ReadFile(path string) (*document.Document, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, document.Refuse(fmt.Sprintf("Không mở được tệp %s.", path), err)
	}
	defer f.Close()
	raw, err := io.ReadAll(io.LimitReader(f, MaxInputBytes+1))
	if err != nil {
		return nil, err
	}
	return Read(path, raw)
}

// Write writes d in the format the file name's extension names.
func Write(w io.Writer, name string, d *document.Document) error {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".docx":
		return docx.Write(w, d)
	case ".pdf":
		return pdf.Write(w, d)
	case ".xlsx":
		return xlsx.WriteDocument(w, d)
	case ".txt":
		return text.Write(w, d)
	case ".html":
		return dochtml.Write(w, d)
	case ".json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(d)
	}
	return document.Refuse(fmt.Sprintf("Không ghi được dạng %q: chọn .docx, .pdf, .xlsx, .txt, .json hoặc .html.", filepath.Ext(name)), nil)
}

// File converts the file at in to out. The output appears whole or not at all: it
// is written beside out and renamed over it, so a failed conversion never leaves a
// partial file nor spoils one already there.
func File(in, out string) error {
	d, err := ReadFile(in)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := Write(&buf, out, d); err != nil {
		return err
	}
	dir := filepath.Dir(out)
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(out)+".*")
	if err != nil {
		return err
	}
	_, err = tmp.Write(buf.Bytes())
	if err == nil {
		err = tmp.Chmod(0o640)
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), out)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}
