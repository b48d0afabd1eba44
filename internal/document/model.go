// Package document is the one model of a Vietnamese administrative document laid
// out by Decree 30/2020/NĐ-CP. Plans and reports are turned into a Document and the
// writers in the sub-packages (docx, pdf, xlsx, text) print it; the readers (docx,
// text) turn files offices already hold back into a Document. Nothing else formats
// an official document.
package document

import "slices"

// Document is an administrative document as it is signed: the page-1 header, the
// title, the body, the signature and the recipients.
type Document struct {
	// ParentBody is the body above the issuer ("UBND THÀNH PHỐ CẦN THƠ"), IssuingBody the
	// issuer ("SỞ KHOA HỌC VÀ CÔNG NGHỆ"): both as named on the day of issuance.
	ParentBody  string `json:"parent_body,omitempty"`
	IssuingBody string `json:"issuing_body"`

	// Number is blank until the document is issued; Symbol is printed after the
	// slash ("KH-SKHCN"), so a draft prints "Số: /KH-SKHCN".
	Number string `json:"number,omitempty"`
	Symbol string `json:"symbol,omitempty"`

	// Place and date; a zero part prints blank ("ngày    tháng 01 năm 2024").
	Place string `json:"place,omitempty"`
	Day   int    `json:"day,omitempty"`
	Month int    `json:"month,omitempty"`
	Year  int    `json:"year,omitempty"`

	// TypeName is the type printed as the title ("KẾ HOẠCH", "BÁO CÁO"); empty for a
	// công văn, whose Summary then sits under the number ("V/v …").
	TypeName string `json:"type_name,omitempty"`
	Summary  string `json:"summary,omitempty"`

	// KinhGui lists the addressees of "Kính gửi:", when the document has one.
	KinhGui []string `json:"kinh_gui,omitempty"`

	// LegalBases are the "Căn cứ …" lines, printed in italics, one per paragraph.
	LegalBases []string `json:"legal_bases,omitempty"`

	Body []Block `json:"body"`

	Signer     Signer   `json:"signer"`
	Recipients []string `json:"recipients,omitempty"` // "Sở Nội vụ", …, last "Lưu: VT, …"

	Annexes []Annex `json:"annexes,omitempty"`
}

// Signer is the signature block.
type Signer struct {
	// Authority is the prefix line: "KT. GIÁM ĐỐC", "TM. ỦY BAN NHÂN DÂN", "Q. GIÁM ĐỐC",
	// "TL. GIÁM ĐỐC", "TUQ. GIÁM ĐỐC"; empty when the head signs in person.
	Authority string `json:"authority,omitempty"`
	Title     string `json:"title"` // "PHÓ GIÁM ĐỐC", "GIÁM ĐỐC"
	Name      string `json:"name"`
}

// Annex is an appendix printed after the signature, on its own page (landscape when
// its tables are wide).
type Annex struct {
	Title     string  `json:"title"`    // "Phụ lục I"
	Subtitle  string  `json:"subtitle"` // what it lists
	Landscape bool    `json:"landscape,omitempty"`
	Body      []Block `json:"body"`
}

// BlockKind says what a Block is.
type BlockKind string

const (
	// KindHeading is a numbered heading: Level 1 Roman ("I."), 2 Arabic ("1."), 3 letter ("a)").
	KindHeading BlockKind = "heading"
	// KindParagraph is body text, justified with a first-line indent.
	KindParagraph BlockKind = "paragraph"
	// KindBullet is a line starting with "- " (or "+ " at Level 2).
	KindBullet BlockKind = "bullet"
	// KindTable is a bordered table.
	KindTable BlockKind = "table"
)

// Block is one piece of the body. Exactly the fields of its Kind are set.
type Block struct {
	Kind BlockKind `json:"kind"`

	// Level: for headings 1 = Roman numeral, 2 = number, 3 = letter, 4 = "-" item
	// inside a lettered item; for bullets the nesting depth from 1.
	Level int `json:"level,omitempty"`
	// Label is the item label exactly as printed: "I.", "2.", "đ)". Labels are text,
	// never Word auto-numbering, because Word's letter lists have no đ.
	Label string `json:"label,omitempty"`

	// Runs hold the text of a heading, paragraph or bullet.
	Runs []Run `json:"runs,omitempty"`

	Table *Table `json:"table,omitempty"`
}

// Run is a stretch of text with one style.
type Run struct {
	Text   string `json:"text"`
	Bold   bool   `json:"bold,omitempty"`
	Italic bool   `json:"italic,omitempty"`
}

// Table is a bordered table whose first HeaderRows rows repeat on every page.
type Table struct {
	// Widths are relative column widths (any unit; the writers scale them to the text
	// width). Empty means equal columns.
	Widths     []float64 `json:"widths,omitempty"`
	HeaderRows int       `json:"header_rows"`
	Rows       [][]Cell  `json:"rows"`
	// Totals, when set, is the last row printed in bold.
	HasTotals bool `json:"has_totals,omitempty"`
}

// Cell is one cell. A merged cell sits in the top-left position with ColSpan and/or
// RowSpan above 1; the positions it covers hold Cell{Covered: true}, so every row has
// exactly as many cells as the table has columns.
type Cell struct {
	// Lines are the cell's paragraphs; a cell listing several units has one line each
	// ("- Chi cục …", "- Trung tâm …").
	Lines   [][]Run `json:"lines"`
	ColSpan int     `json:"col_span,omitempty"`
	RowSpan int     `json:"row_span,omitempty"`
	Covered bool    `json:"covered,omitempty"`
	// Align is "", "left", "center" or "right"; "" means left for text, centre in header rows.
	Align string `json:"align,omitempty"`
}

// Text joins a run list into plain text.
func Text(runs []Run) string {
	n := 0
	for _, r := range runs {
		n += len(r.Text)
	}
	b := make([]byte, 0, n)
	for _, r := range runs {
		b = append(b, r.Text...)
	}
	return string(b)
}

// Plain makes a single unstyled run list.
func Plain(s string) []Run { return []Run{{Text: s}} }

// TextCell makes a cell of one or more plain lines.
func TextCell(lines ...string) Cell {
	c := Cell{Lines: make([][]Run, len(lines))}
	for i, l := range lines {
		c.Lines[i] = Plain(l)
	}
	return c
}

// CellText joins a cell's lines with newlines.
func (c Cell) CellText() string {
	s := ""
	for i, l := range c.Lines {
		if i > 0 {
			s += "\n"
		}
		s += Text(l)
	}
	return s
}

// NumberLine is the "Số: 12/KH-SKHCN" line; a draft without a number prints "Số: /KH-SKHCN".
func (d *Document) NumberLine() string {
	if d.Symbol == "" {
		return "Số: " + d.Number
	}
	return "Số: " + d.Number + "/" + d.Symbol
}

// InputError is a file or text that Loa cannot read. Its Message is Vietnamese and
// fit to show to the user as it is; nothing partial is returned with it.
type InputError struct {
	Message string
	Err     error
}

func (e *InputError) Error() string { return e.Message }
func (e *InputError) Unwrap() error { return e.Err }

// Refuse builds an InputError.
func Refuse(message string, cause error) error { return &InputError{Message: message, Err: cause} }

// Motto lines of the national title, printed at the top right of page 1.
const (
	NationalTitle = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
	NationalMotto = "Độc lập - Tự do - Hạnh phúc"
)

// Columns is the number of columns: the widest row, or the widths given when
// there are no rows.
func (t *Table) Columns() int {
	n := 0
	for _, row := range t.Rows {
		n = max(n, len(row))
	}
	if n == 0 {
		n = len(t.Widths)
	}
	return n
}

// ColumnWidths scales Widths to total; equal columns when Widths does not give
// one positive width per column.
func (t *Table) ColumnWidths(total float64) []float64 {
	n := t.Columns()
	out := make([]float64, n)
	widths := t.Widths
	ok := len(widths) == n
	for _, w := range widths {
		ok = ok && w > 0
	}
	if !ok {
		widths = t.contentWidths()
	}
	sum := 0.0
	for _, w := range widths {
		sum += w
	}
	for i := range out {
		out[i] = total * widths[i] / sum
	}
	return out
}

// lineChars is about how many characters of 13-pt Times fit across a portrait A4 text
// block; contentWidths measures columns in such characters.
const lineChars = 80

// contentWidths sizes columns from what they hold, as a browser lays out a table
// without widths: each column gets at least its longest word (or, below the header,
// its longest short cell, so "Trong năm 2024" or "Văn phòng Sở" stays on one line)
// and the rest of the line is shared in proportion to how much more each column
// would like.
func (t *Table) contentWidths() []float64 {
	n := t.Columns()
	minW, maxW := make([]float64, n), make([]float64, n)
	const pad = 3 // a cell's padding, in characters
	for r, row := range t.Rows {
		for i, c := range row {
			if i >= n || c.Covered || max(c.ColSpan, 1) > 1 {
				continue
			}
			for _, line := range c.Lines {
				s := []rune(Text(line))
				l := float64(len(s))
				maxW[i] = max(maxW[i], l+pad)
				if l <= 14 && r >= t.HeaderRows {
					minW[i] = max(minW[i], l+pad)
				}
				word := 0
				for _, r := range s {
					if r == ' ' {
						word = 0
						continue
					}
					word++
					minW[i] = max(minW[i], float64(word)+pad)
				}
			}
		}
	}
	sumMin, sumMax := 0.0, 0.0
	for i := range minW {
		minW[i] = max(minW[i], 3)
		maxW[i] = max(maxW[i], minW[i])
		sumMin += minW[i]
		sumMax += maxW[i]
	}
	out := make([]float64, n)
	for i := range out {
		switch {
		case sumMax <= lineChars:
			out[i] = maxW[i]
		case sumMin >= lineChars:
			out[i] = minW[i]
		default:
			out[i] = minW[i] + (maxW[i]-minW[i])*(lineChars-sumMin)/(sumMax-sumMin)
		}
	}
	return out
}

// Normalized returns the rows as a rectangle every writer can trust: each row has
// Columns() cells (short rows padded), spans are at least 1 and stay inside the
// table, a span that would overlap an earlier one is cut back, and Covered is set
// exactly on the positions some span covers. Hand-built and imported tables break
// these rules often enough that no writer should assume them.
func (t *Table) Normalized() [][]Cell {
	cols := t.Columns()
	rows := make([][]Cell, len(t.Rows))
	taken := make([][]bool, len(t.Rows))
	for r, row := range t.Rows {
		rows[r] = make([]Cell, cols)
		copy(rows[r], row)
		taken[r] = make([]bool, cols)
	}
	for r := range rows {
		for c := range rows[r] {
			cell := &rows[r][c]
			if taken[r][c] {
				*cell = Cell{Covered: true}
				continue
			}
			if cell.Covered { // covered by nothing: an empty cell of its own
				*cell = Cell{}
			}
			cs := max(cell.ColSpan, 1)
			for k := 1; k < cs; k++ {
				if c+k >= cols || taken[r][c+k] {
					cs = k
					break
				}
			}
			rs := max(cell.RowSpan, 1)
			for k := 1; k < rs; k++ {
				if r+k >= len(rows) || slices.Contains(taken[r+k][c:c+cs], true) {
					rs = k
					break
				}
			}
			cell.ColSpan, cell.RowSpan = cs, rs
			for i := r; i < r+rs; i++ {
				for j := c; j < c+cs; j++ {
					taken[i][j] = true
				}
			}
		}
	}
	return rows
}
