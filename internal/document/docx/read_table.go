package docx

import (
	"math"
	"strings"

	"loa/internal/document"
	"loa/internal/document/recognise"
)

// maxColumns is the most columns a Word table can have.
const maxColumns = 63

// build lays the cells of a table out on its grid: a cell spanning columns
// (w:gridSpan) sits in its first column with ColSpan and covers the others; a
// cell continuing a vertical merge (w:vMerge) covers its column and adds a row to
// the RowSpan of the cell that started it. Rows marked to repeat (w:tblHeader) at
// the top are the header rows.
func (dr *docReader) build(t *rawTable) (*document.Table, error) {
	cols := len(t.grid)
	for _, r := range t.rows {
		w := r.before + r.after
		for _, c := range r.cells {
			w += c.span
		}
		cols = max(cols, w)
	}
	if cols == 0 || len(t.rows) == 0 {
		return nil, nil
	}
	if cols > maxColumns {
		return nil, errTooWide
	}
	if cols*len(t.rows) > recognise.MaxCells {
		return nil, errTooMany
	}
	type start struct {
		r, c, span int
		open       bool
	}
	merge := make([]start, cols) // vertical merges open at each column
	out := &document.Table{}
	for ri, r := range t.rows {
		cells := make([]document.Cell, cols)
		keep := make([]bool, cols)
		c := min(r.before, cols)
		for _, rc := range r.cells {
			span := min(rc.span, cols-c)
			if span <= 0 {
				break
			}
			if m := merge[c]; rc.vmerge == "continue" && m.open && m.span == span {
				origin := &out.Rows[m.r][m.c]
				origin.RowSpan = max(origin.RowSpan, 1) + 1
				origin.Lines = append(origin.Lines, nonEmpty(rc.lines)...)
				for j := c; j < c+span; j++ {
					cells[j] = document.Cell{Covered: true}
				}
				keep[c] = true
			} else {
				cell := document.Cell{Lines: nonEmpty(rc.lines), Align: readAlign(rc.jc, r.header)}
				if span > 1 {
					cell.ColSpan = span
				}
				cells[c] = cell
				for j := c + 1; j < c+span; j++ {
					cells[j] = document.Cell{Covered: true}
				}
				if rc.vmerge == "restart" {
					merge[c], keep[c] = start{r: ri, c: c, span: span, open: true}, true
				}
			}
			c += span
		}
		for j := range merge {
			merge[j].open = merge[j].open && keep[j]
		}
		out.Rows = append(out.Rows, cells)
	}
	for _, r := range t.rows {
		if !r.header {
			break
		}
		out.HeaderRows++
	}
	if len(t.grid) == cols && !allEqual(t.grid) {
		out.Widths = t.grid
	}
	impliedBold(out)
	return out, nil
}

// nonEmpty drops the empty lines of a cell (an empty cell has no lines).
func nonEmpty(lines [][]document.Run) [][]document.Run {
	var out [][]document.Run
	for _, l := range lines {
		if strings.TrimSpace(document.Text(l)) != "" {
			out = append(out, l)
		}
	}
	return out
}

// readAlign is the model's alignment of a cell: header cells are centred unless
// said otherwise, other cells left-aligned.
func readAlign(jc string, header bool) string {
	switch jc {
	case "center":
		if header {
			return ""
		}
		return "center"
	case "right", "end":
		return "right"
	case "left", "start":
		return "left"
	}
	return ""
}

// allEqual reports columns of one width, give or take the rounding a writer spreads
// over the last column.
func allEqual(ws []float64) bool {
	for _, w := range ws {
		if math.Abs(w-ws[0]) > ws[0]/100 {
			return false
		}
	}
	return true
}

// impliedBold removes the bold that a table's layout gives rather than its text:
// header rows print bold, and a last row printed bold under plain rows is a totals
// row (HasTotals).
func impliedBold(t *document.Table) {
	for r := 0; r < t.HeaderRows; r++ {
		unbold(t.Rows[r])
	}
	last := len(t.Rows) - 1
	if last < t.HeaderRows+1 || !rowBold(t.Rows[last]) {
		return
	}
	for r := t.HeaderRows; r < last; r++ {
		if !rowBold(t.Rows[r]) {
			t.HasTotals = true
			unbold(t.Rows[last])
			return
		}
	}
}

// rowBold reports a row with text, all of it bold.
func rowBold(row []document.Cell) bool {
	seen := false
	for _, c := range row {
		for _, l := range c.Lines {
			for _, r := range l {
				if strings.TrimSpace(r.Text) == "" {
					continue
				}
				if !r.Bold {
					return false
				}
				seen = true
			}
		}
	}
	return seen
}

func unbold(row []document.Cell) {
	if !rowBold(row) {
		return
	}
	for _, c := range row {
		for _, l := range c.Lines {
			for i := range l {
				l[i].Bold = false
			}
		}
	}
}

// bordered reports whether a table draws lines: its own borders, else its style's,
// else its cells'. Decree 30 lays the page-1 header and the signature out in
// borderless tables; data tables are ruled.
func (dr *docReader) bordered(t *rawTable) bool {
	if t.borders != nil {
		return *t.borders
	}
	if visible, known := dr.styles.tableBorders(t.style); known {
		return visible
	}
	for _, r := range t.rows {
		for _, c := range r.cells {
			if c.bordered {
				return true
			}
		}
	}
	return false
}
