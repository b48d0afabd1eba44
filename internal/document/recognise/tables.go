package recognise

import (
	"strings"

	"loa/internal/document"
	"loa/internal/vn"
)

// flattenLayoutTables replaces the tables that only lay out the page-1 header or the
// footer with their paragraphs, row by row and cell by cell: tables a reader marks
// as layout, and tables holding the national title, "Nơi nhận:", or a "Số:" line
// beside a place-and-date line.
func flattenLayoutTables(parts []Part) []Part {
	var out []Part
	for _, p := range parts {
		if p.Table == nil || !p.Layout && !isLayout(p.Table) {
			out = append(out, p)
			continue
		}
		for _, row := range p.Table.Rows {
			for _, c := range row {
				if c.Covered {
					continue
				}
				for _, l := range c.Lines {
					out = append(out, Part{Runs: l, Landscape: p.Landscape})
				}
			}
		}
	}
	return out
}

func isLayout(t *document.Table) bool {
	number, date := false, false
	for _, row := range t.Rows {
		for _, c := range row {
			for _, l := range c.Lines {
				s := Clean(document.Text(l))
				if isNational(s) || isRecipientsHead(s) {
					return true
				}
				_, _, n := parseNumber(s)
				_, _, _, _, d := parseDate(s)
				number, date = number || n, date || d
			}
		}
	}
	return number && date
}

// mergeSplitTables joins a table that a page break split in two. The second part is
// taken for a continuation when the first has a header row, the second has as many
// columns and either starts by
// repeating the first part's header rows (dropped) or its first row has an empty
// first cell. Such a first row, after a repeated header too, is the rest of the
// row the page break cut: its cells continue the cells above ("(nếu" + "có)").
func mergeSplitTables(parts []Part) []Part {
	var out []Part
	for _, p := range parts {
		n := len(out)
		if p.Table == nil || n == 0 || out[n-1].Table == nil {
			out = append(out, p)
			continue
		}
		if merged := joinTables(out[n-1].Table, p.Table); merged != nil {
			out[n-1].Table = merged
			continue
		}
		out = append(out, p)
	}
	return out
}

func joinTables(a, b *document.Table) *document.Table {
	cols := width(a)
	if cols == 0 || width(b) != cols || a.HeaderRows == 0 || len(a.Rows) <= a.HeaderRows {
		return nil
	}
	rows := b.Rows
	repeated := len(rows) >= a.HeaderRows
	for k := 0; repeated && k < a.HeaderRows; k++ {
		repeated = rowText(rows[k]) == rowText(a.Rows[k])
	}
	if repeated {
		rows = rows[a.HeaderRows:]
	}
	continued := len(rows) > 0 && cellEmpty(rows[0][0]) && !rows[0][0].Covered
	if !repeated && !continued {
		return nil
	}
	t := *a
	t.Rows = append([][]document.Cell(nil), a.Rows...)
	if continued {
		last := append([]document.Cell(nil), t.Rows[len(t.Rows)-1]...)
		for c := range last {
			last[c] = continueCell(last[c], rows[0][c])
		}
		t.Rows[len(t.Rows)-1] = last
		rows = rows[1:]
	}
	t.Rows = append(t.Rows, rows...)
	return &t
}

func width(t *document.Table) int {
	if len(t.Rows) == 0 {
		return 0
	}
	return len(t.Rows[0])
}

func rowText(row []document.Cell) string {
	var b strings.Builder
	for _, c := range row {
		b.WriteString(vn.Clean(c.CellText()))
		b.WriteByte('\t')
	}
	return b.String()
}

func cellEmpty(c document.Cell) bool { return strings.TrimSpace(c.CellText()) == "" }

// continueCell appends the continuation cont to cell c: the first continued line
// joins c's last line (the page cut it mid-sentence), the others follow.
func continueCell(c, cont document.Cell) document.Cell {
	if cellEmpty(cont) {
		return c
	}
	if cellEmpty(c) {
		cont.ColSpan, cont.RowSpan, cont.Covered, cont.Align = c.ColSpan, c.RowSpan, c.Covered, c.Align
		return cont
	}
	lines := append([][]document.Run(nil), c.Lines...)
	lines[len(lines)-1] = join(Runs(lines[len(lines)-1]), Runs(cont.Lines[0]))
	c.Lines = append(lines, cont.Lines[1:]...)
	return c
}

func cleanTables(parts []Part) []Part {
	out := parts[:0:0]
	for _, p := range parts {
		if p.Table != nil {
			if p.Table = cleanTable(p.Table); p.Table == nil {
				continue
			}
		}
		out = append(out, p)
	}
	return out
}

// cleanTable normalises the text of every cell (an empty cell has no lines), makes
// every row as wide as the widest and drops rows that hold nothing, not even a merged
// cell. A table left with no rows is dropped (nil).
func cleanTable(t *document.Table) *document.Table {
	cols := 0
	for _, row := range t.Rows {
		cols = max(cols, len(row))
	}
	out := *t
	out.Rows = nil
	header := 0
	for i, row := range t.Rows {
		nr := make([]document.Cell, cols)
		blank := true
		for c, cell := range row {
			var lines [][]document.Run
			for _, l := range cell.Lines {
				if l = Runs(l); len(l) > 0 {
					lines = append(lines, l)
				}
			}
			cell.Lines = lines
			nr[c] = cell
			blank = blank && len(lines) == 0 && !cell.Covered && cell.ColSpan <= 1 && cell.RowSpan <= 1
		}
		if blank {
			continue
		}
		if i < t.HeaderRows {
			header++
		}
		out.Rows = append(out.Rows, nr)
	}
	if len(out.Rows) == 0 {
		return nil
	}
	out.HeaderRows = header
	if len(out.Widths) != cols {
		out.Widths = nil
	}
	return &out
}
