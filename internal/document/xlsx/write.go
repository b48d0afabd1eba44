// Package xlsx writes the tables of documents as Excel workbooks: one table per
// worksheet, ready to print on A4 (header rows repeated on every page, fitted to
// the page width) and ready to compute with (figures as numbers, totals as SUM
// formulas).
package xlsx

import (
	"fmt"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"loa/internal/document"
	"loa/internal/document/pdf/fonts"
	"loa/internal/vn"
)

// Sheet is one table on its own worksheet.
type Sheet struct {
	// Name is the tab name; it is shortened to Excel's 31 characters, stripped of
	// the characters Excel forbids and made unique.
	Name string
	// Title, when set, is printed in bold above the table across its columns.
	Title string
	Table *document.Table
	// Landscape prints the sheet across the page; tables of more than six
	// columns are printed so anyway.
	Landscape bool
}

// ErrNoTables is returned when there is nothing to write.
var ErrNoTables = document.Refuse("Văn bản không có bảng nào để xuất ra Excel.", nil)

const (
	fontName = "Times New Roman"
	fontSize = 12
	// lineHeight is the row height of one line of 12 pt text, in points.
	lineHeight = 15.75
	// Widths are in Excel's character units; these are what fits across A4
	// between the Decree 30 margins.
	portraitChars  = 88
	landscapeChars = 135
)

// WriteTables writes one worksheet per table.
func WriteTables(w io.Writer, sheets []Sheet) error {
	if len(sheets) == 0 {
		return ErrNoTables
	}
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetDefaultFont(fontName); err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	st, err := newStyles(f)
	if err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	used := map[string]bool{}
	for i, s := range sheets {
		name := sheetName(s.Name, i, used)
		if i == 0 {
			err = f.SetSheetName(f.GetSheetName(0), name)
		} else {
			_, err = f.NewSheet(name)
		}
		if err == nil {
			err = writeSheet(f, st, name, s)
		}
		if err != nil {
			return fmt.Errorf("xlsx: sheet %q: %w", name, err)
		}
	}
	// Totals carry cached values, but let Excel recompute them on opening.
	full := true
	if err := f.SetCalcProps(&excelize.CalcPropsOptions{FullCalcOnLoad: &full}); err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	return nil
}

// styles are the cell formats a sheet uses: index by [header/body/totals][alignment].
type styles struct {
	title                int
	header, body, totals map[string]int // by alignment
	intFmt, decFmt       map[string]int // body figures; totals figures under "totals"
}

func newStyles(f *excelize.File) (*styles, error) {
	border := []excelize.Border{
		{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1},
	}
	st := &styles{header: map[string]int{}, body: map[string]int{}, totals: map[string]int{}, intFmt: map[string]int{}, decFmt: map[string]int{}}
	var err error
	st.title, err = f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Family: fontName, Size: 14, Bold: true},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true},
	})
	if err != nil {
		return nil, err
	}
	make1 := func(bold bool, fill bool, align string, numFmt int) (int, error) {
		s := &excelize.Style{
			Font:      &excelize.Font{Family: fontName, Size: fontSize, Bold: bold},
			Border:    border,
			Alignment: &excelize.Alignment{Horizontal: align, Vertical: "center", WrapText: true},
			NumFmt:    numFmt,
		}
		if fill {
			s.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9D9D9"}}
		}
		return f.NewStyle(s)
	}
	for _, a := range []string{"left", "center", "right"} {
		if st.header[a], err = make1(true, true, a, 0); err != nil {
			return nil, err
		}
		if st.body[a], err = make1(false, false, a, 0); err != nil {
			return nil, err
		}
		if st.totals[a], err = make1(true, false, a, 0); err != nil {
			return nil, err
		}
		// Built-in formats 3 (#,##0) and 4 (#,##0.00) print separators in the reader's locale.
		if st.intFmt[a], err = make1(false, false, a, 3); err != nil {
			return nil, err
		}
		if st.decFmt[a], err = make1(false, false, a, 4); err != nil {
			return nil, err
		}
		if st.intFmt["totals-"+a], err = make1(true, false, a, 3); err != nil {
			return nil, err
		}
		if st.decFmt["totals-"+a], err = make1(true, false, a, 4); err != nil {
			return nil, err
		}
	}
	return st, nil
}

var forbidden = strings.NewReplacer(":", " ", "\\", " ", "/", "-", "?", "", "*", "", "[", "(", "]", ")")

// sheetName makes a valid, unique tab name.
func sheetName(name string, i int, used map[string]bool) string {
	name = strings.Trim(strings.Join(strings.Fields(forbidden.Replace(vn.NFC(name))), " "), "'")
	if name == "" {
		name = fmt.Sprintf("Bảng %d", i+1)
	}
	base := truncate(name, 31)
	name = base
	for n := 2; used[strings.ToLower(name)]; n++ {
		suffix := fmt.Sprintf(" (%d)", n)
		name = truncate(base, 31-len([]rune(suffix))) + suffix
	}
	used[strings.ToLower(name)] = true
	return name
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		return strings.TrimSpace(string(r[:n]))
	}
	return s
}

// numberRe accepts figures as Vietnamese write them: "1.500", "12,5", "-3".
var numberRe = regexp.MustCompile(`^-?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$`)

// number reads a Vietnamese figure. Codes with leading zeros ("05") stay text.
func number(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	digits := strings.TrimPrefix(s, "-")
	if !numberRe.MatchString(s) || (len(digits) > 1 && digits[0] == '0' && digits[1] != ',') {
		return 0, false
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(strings.ReplaceAll(s, ".", ""), ",", "."), 64)
	return v, err == nil
}

func cellAlign(a string, header bool) string {
	switch a {
	case "center", "right", "left":
		return a
	}
	if header {
		return "center"
	}
	return "left"
}

func writeSheet(f *excelize.File, st *styles, name string, s Sheet) error {
	t := s.Table
	if t == nil {
		t = &document.Table{}
	}
	rows := t.Normalized()
	cols := max(t.Columns(), 1)
	landscape := s.Landscape || cols > 6
	total := float64(portraitChars)
	if landscape {
		total = landscapeChars
	}
	widths := make([]float64, cols)
	copy(widths, t.ColumnWidths(total))
	for i := range widths {
		widths[i] = max(widths[i], 4)
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(name, col, col, widths[i]); err != nil {
			return err
		}
	}
	last, _ := excelize.ColumnNumberToName(cols)

	first := 1 // first row of the table
	if s.Title != "" {
		if err := f.SetCellValue(name, "A1", vn.NFC(s.Title)); err != nil {
			return err
		}
		if err := f.MergeCell(name, "A1", last+"1"); err != nil {
			return err
		}
		if err := f.SetCellStyle(name, "A1", last+"1", st.title); err != nil {
			return err
		}
		lines := textLines(s.Title, sum(widths), 14)
		if err := f.SetRowHeight(name, 1, float64(lines)*18.75+2); err != nil {
			return err
		}
		first = 3
	}
	header := min(t.HeaderRows, len(rows))
	bodyFrom, bodyTo := first+header, first+len(rows)-1 // sheet rows of the body
	totalsRow := -1
	if t.HasTotals && len(rows) > header {
		totalsRow = len(rows) - 1
		bodyTo--
	}
	heights := make([]float64, len(rows))
	for r, row := range rows {
		for c, cell := range row {
			if cell.Covered {
				continue
			}
			ref, _ := excelize.CoordinatesToCellName(c+1, first+r)
			end, _ := excelize.CoordinatesToCellName(c+cell.ColSpan, first+r+cell.RowSpan-1)
			text := vn.NFC(cell.CellText())
			align := cellAlign(cell.Align, r < header)
			style := st.body[align]
			switch {
			case r < header:
				style = st.header[align]
			case r == totalsRow:
				style = st.totals[align]
			}
			var value any = text
			v, isNum := number(text)
			if isNum = isNum && r >= header; isNum {
				value = v
				key := align
				if r == totalsRow {
					key = "totals-" + align
				}
				style = st.intFmt[key]
				if v != math.Trunc(v) {
					style = st.decFmt[key]
				}
			}
			if err := f.SetCellValue(name, ref, value); err != nil {
				return err
			}
			if r == totalsRow && isNum && bodyTo >= bodyFrom && columnIsNumeric(rows[header:totalsRow], c) {
				col, _ := excelize.ColumnNumberToName(c + 1)
				formula := fmt.Sprintf("SUM(%s%d:%s%d)", col, bodyFrom, col, bodyTo)
				if err := f.SetCellFormula(name, ref, formula); err != nil {
					return err
				}
			}
			if cell.ColSpan > 1 || cell.RowSpan > 1 {
				if err := f.MergeCell(name, ref, end); err != nil {
					return err
				}
			}
			if err := f.SetCellStyle(name, ref, end, style); err != nil {
				return err
			}
			w := 0.0
			for j := c; j < c+cell.ColSpan; j++ {
				w += widths[j]
			}
			need := float64(textLines(text, w, fontSize))*lineHeight + 4
			// A merged cell spreads its height over its rows.
			heights[r+cell.RowSpan-1] = max(heights[r+cell.RowSpan-1], need-float64(cell.RowSpan-1)*lineHeight)
		}
	}
	// Excel does not grow rows for wrapped text written by a program: set them.
	for r, h := range heights {
		if err := f.SetRowHeight(name, first+r, max(h, lineHeight+4)); err != nil {
			return err
		}
	}
	return printSetup(f, name, first, header, landscape)
}

// columnIsNumeric reports whether every filled body cell of column c is a figure,
// so that a SUM of the column means something.
func columnIsNumeric(body [][]document.Cell, c int) bool {
	filled := false
	for _, row := range body {
		if row[c].Covered {
			continue
		}
		text := strings.TrimSpace(row[c].CellText())
		if text == "" {
			continue
		}
		if _, ok := number(text); !ok {
			return false
		}
		filled = true
	}
	return filled
}

func sum(xs []float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s
}

// textLines estimates how many lines text wraps to in a column of width
// characters, measuring with Times New Roman's metrics (an Excel character unit
// is about 7 px, 5.25 pt, wide).
func textLines(text string, width, size float64) int {
	avail := max(width*5.25-5, 10)
	n := 0
	for _, line := range strings.Split(text, "\n") {
		n += max(1, int(math.Ceil(fonts.Points(fonts.Regular, line, size)*1.05/avail)))
	}
	return n
}

// printSetup prints on A4 with the Decree 30 margins, fitted to the page width,
// with the header rows repeated and frozen and the page number at the top from
// page 2.
func printSetup(f *excelize.File, name string, first, header int, landscape bool) error {
	size, fit, tall := 9, 1, 0 // 9 is A4
	orient := "portrait"
	if landscape {
		orient = "landscape"
	}
	if err := f.SetPageLayout(name, &excelize.PageLayoutOptions{Size: &size, Orientation: &orient, FitToWidth: &fit, FitToHeight: &tall}); err != nil {
		return err
	}
	yes := true
	if err := f.SetSheetProps(name, &excelize.SheetPropsOptions{FitToPage: &yes}); err != nil {
		return err
	}
	in := func(mm float64) *float64 { v := mm / 25.4; return &v }
	if err := f.SetPageMargins(name, &excelize.PageLayoutMarginsOptions{
		Top: in(22), Bottom: in(22), Left: in(32), Right: in(18), Header: in(10), Footer: in(10), Horizontally: &yes,
	}); err != nil {
		return err
	}
	if err := f.SetHeaderFooter(name, &excelize.HeaderFooterOptions{
		DifferentFirst: true, OddHeader: `&C&"Times New Roman,Regular"&13&P`,
	}); err != nil {
		return err
	}
	if header == 0 {
		return nil
	}
	top, bottom := first, first+header-1
	if err := f.SetDefinedName(&excelize.DefinedName{
		Name: "_xlnm.Print_Titles", RefersTo: fmt.Sprintf("'%s'!$%d:$%d", strings.ReplaceAll(name, "'", "''"), top, bottom), Scope: name,
	}); err != nil {
		return err
	}
	cell, _ := excelize.CoordinatesToCellName(1, bottom+1)
	return f.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: bottom, TopLeftCell: cell, ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: cell, ActiveCell: cell, Pane: "bottomLeft"}}})
}
