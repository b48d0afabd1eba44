// Package text reads and writes a document as plain text, in the layout Word gives
// when a document is saved as text: one paragraph per line, the page-1 header's two
// columns as separate lines, tables as tab-separated rows.
package text

import (
	"bytes"
	"io"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"loa/internal/document"
	"loa/internal/document/legacy"
	"loa/internal/document/recognise"
	"loa/internal/vn"
)

// MaxSize is the largest text file Read accepts; an administrative document is a
// few hundred kilobytes at most.
const MaxSize = 20 << 20

// Read reads a plain-text document: UTF-8 (with or without BOM), UTF-16 with a BOM,
// or TCVN3 / VNI legacy text, which it converts to Unicode.
func Read(r io.Reader) (*document.Document, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxSize+1))
	if err != nil {
		return nil, document.Refuse("Không đọc được tệp văn bản.", err)
	}
	if len(data) > MaxSize {
		return nil, document.Refuse("Tệp văn bản quá lớn: tối đa 20 MB.", nil)
	}
	s, err := decode(data)
	if err != nil {
		return nil, err
	}
	parts, err := split(s)
	if err != nil {
		return nil, err
	}
	if len(parts) == 0 {
		return nil, document.Refuse("Tệp văn bản trống, không có nội dung để đọc.", nil)
	}
	return recognise.Document(parts), nil
}

// decode turns the bytes of a text file into Unicode NFC text.
func decode(data []byte) (string, error) {
	var s string
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		s = string(data[3:])
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		u, err := fromUTF16(data)
		if err != nil {
			return "", err
		}
		s = u
	case bytes.IndexByte(data, 0) >= 0:
		return "", document.Refuse("Tệp không phải văn bản thuần: có byte 0 (tệp nhị phân, hoặc UTF-16 thiếu dấu BOM). Hãy lưu lại dưới dạng văn bản Unicode (UTF-8).", nil)
	default:
		s = string(data)
	}
	switch enc := legacy.Detect(s); enc {
	case legacy.Unicode:
		return vn.NFC(s), nil
	case legacy.TCVN3, legacy.VNI:
		return legacy.ToUnicode(s, enc)
	default:
		return "", document.Refuse("Tệp dùng bảng mã không nhận ra: không phải Unicode (UTF-8, UTF-16), TCVN3 (ABC) hay VNI-Windows. Hãy mở tệp và lưu lại dưới dạng văn bản Unicode (UTF-8).", nil)
	}
}

func fromUTF16(data []byte) (string, error) {
	if len(data)%2 != 0 {
		return "", document.Refuse("Tệp UTF-16 bị hỏng: số byte lẻ.", nil)
	}
	big := data[0] == 0xFE
	u := make([]uint16, 0, len(data)/2-1)
	for i := 2; i < len(data); i += 2 {
		if big {
			u = append(u, uint16(data[i])<<8|uint16(data[i+1]))
		} else {
			u = append(u, uint16(data[i+1])<<8|uint16(data[i]))
		}
	}
	for i := 0; i < len(u); i++ {
		if !utf16.IsSurrogate(rune(u[i])) {
			continue
		}
		if i+1 >= len(u) || utf16.DecodeRune(rune(u[i]), rune(u[i+1])) == utf8.RuneError {
			return "", document.Refuse("Tệp UTF-16 bị hỏng: có ký tự thay thế (surrogate) không thành cặp.", nil)
		}
		i++
	}
	rs := utf16.Decode(u)
	return string(rs), nil
}

// split splits text into the paragraphs and tables the recogniser reads. Each line
// is a paragraph; consecutive lines holding tabs are the rows of a table, and a blank
// line between row groups is a page break (the recogniser joins the pieces again).
func split(s string) ([]recognise.Part, error) {
	s = strings.NewReplacer("\r\n", "\n", "\r", "\n", "\f", "\n\n", "\u2028", "\n", "\u2029", "\n\n").Replace(s)
	var parts []recognise.Part
	var rows [][]string
	cells := 0
	flush := func() error {
		if len(rows) == 0 {
			return nil
		}
		g, n := group(rows, recognise.MaxCells-cells)
		if g == nil {
			return recognise.TooLarge()
		}
		parts = append(parts, g...)
		cells += n
		rows = nil
		return nil
	}
	for _, line := range strings.Split(s, "\n") {
		var err error
		switch {
		case recognise.Clean(line) == "": // blank, or nothing visible
			err = flush()
		case strings.Contains(line, "\t"):
			rows = append(rows, strings.Split(line, "\t"))
		default:
			err = flush()
			parts = append(parts, recognise.Part{Runs: document.Plain(line)})
		}
		if err != nil {
			return nil, err
		}
		if len(parts)+len(rows) > recognise.MaxParts {
			return nil, recognise.TooLarge()
		}
	}
	if err := flush(); err != nil {
		return nil, err
	}
	return parts, nil
}

// group makes a table of consecutive tab-separated lines, unless every line is a
// paragraph that merely holds a tab ("a)\tText", "Text\t"). It returns the parts and
// the number of cells made, or nil when the table would have more than room cells.
func group(rows [][]string, room int) ([]recognise.Part, int) {
	table := false
	for _, r := range rows {
		table = table || !tabbedParagraph(r)
	}
	if !table {
		parts := make([]recognise.Part, len(rows))
		for i, r := range rows {
			parts[i] = recognise.Part{Runs: document.Plain(strings.Join(r, "\t"))}
		}
		return parts, 0
	}
	cols := 0
	for _, r := range rows {
		cols = max(cols, len(r))
	}
	if cols*len(rows) > room {
		return nil, 0
	}
	t := &document.Table{}
	for _, r := range rows {
		row := make([]document.Cell, cols)
		blank := true
		for c, s := range r {
			if s = recognise.Clean(s); s != "" {
				row[c], blank = document.TextCell(s), false
			}
		}
		if !blank { // a row of empty cells prints as a blank line: nothing to keep
			t.Rows = append(t.Rows, row)
		}
	}
	if len(t.Rows) > 1 && !isNumber(t.Rows[0][0].CellText()) {
		t.HeaderRows = 1
	}
	return []recognise.Part{{Table: t}}, cols * len(rows)
}

// tabbedParagraph reports a line of two pieces of which one is empty or the first is
// only a label or list marker.
func tabbedParagraph(cells []string) bool {
	if len(cells) != 2 {
		return false
	}
	a, b := recognise.Clean(cells[0]), recognise.Clean(cells[1])
	return a == "" || b == "" || recognise.IsMarker(a)
}

func isNumber(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
