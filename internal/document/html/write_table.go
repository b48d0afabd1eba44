package html

import (
	"slices"
	"strconv"

	"loa/internal/document"
	"loa/internal/document/pdf/layout"
)

// table writes a ruled table across the text width. Merged cells become colspan
// and rowspan and the positions they cover are left out, as HTML wants.
func (p *writer) table(t *document.Table) {
	rows := t.Normalized()
	if len(rows) == 0 {
		return
	}
	p.s(`<table class="doc-table `, size(layout.TableSize), `">`)
	if ws := percents(t.ColumnWidths(100)); ws != nil {
		p.s("<colgroup>")
		for _, w := range ws {
			p.s(`<col class="`, width(w), `">`)
		}
		p.s("</colgroup>")
	}
	head := headRows(rows, t.HeaderRows)
	if head > 0 {
		p.s("<thead>")
	}
	for r, row := range rows {
		if r == head {
			if head > 0 {
				p.s("</thead>")
			}
			p.s("<tbody>")
		}
		header := r < t.HeaderRows
		if t.HasTotals && r == len(rows)-1 && !header {
			p.s(`<tr class="doc-total">`)
		} else {
			p.s("<tr>")
		}
		tag := "td"
		if header {
			tag = "th"
		}
		for _, cell := range row {
			if cell.Covered {
				continue
			}
			p.cell(tag, cell)
		}
		p.s("</tr>")
	}
	if head == len(rows) {
		p.s("</thead>")
	} else {
		p.s("</tbody>")
	}
	p.s("</table>\n")
}

// cell writes one cell, a paragraph per line. An empty cell still gets one
// (empty) paragraph, which document.css gives a line's height, as the PDF does.
func (p *writer) cell(tag string, c document.Cell) {
	p.s("<", tag)
	if c.ColSpan > 1 {
		p.s(` colspan="`, strconv.Itoa(c.ColSpan), `"`)
	}
	if c.RowSpan > 1 {
		p.s(` rowspan="`, strconv.Itoa(c.RowSpan), `"`)
	}
	switch c.Align {
	case "left", "center", "right":
		p.s(` class="doc-al-`, c.Align, `"`)
	}
	p.s(">")
	lines := c.Lines
	if len(lines) == 0 {
		lines = [][]document.Run{nil}
	}
	for _, l := range lines {
		p.s("<p>")
		p.runs(l)
		p.s("</p>")
	}
	p.s("</", tag, ">")
}

// headRows is how many rows go into <thead>: the header rows, and the rows a
// vertical merge among them reaches into, because a rowspan cannot cross from
// one row group into the next.
func headRows(rows [][]document.Cell, header int) int {
	end := min(header, len(rows))
	for r := 0; r < end; r++ {
		for _, c := range rows[r] {
			if !c.Covered {
				end = max(end, r+c.RowSpan)
			}
		}
	}
	return end
}

// percents turns widths summing to 100 into whole percents summing to exactly
// 100, each at least 1, handing the rounding leftovers to the largest
// remainders; nil when there are more columns than percents.
func percents(ws []float64) []int {
	n := len(ws)
	if n == 0 || n > 100 {
		return nil
	}
	out := make([]int, n)
	used := 0
	for i, w := range ws {
		out[i] = max(int(w), 1)
		used += out[i]
	}
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	rest := func(i int) float64 { return ws[i] - float64(out[i]) }
	slices.SortStableFunc(order, func(a, b int) int {
		switch ra, rb := rest(a), rest(b); {
		case ra > rb:
			return -1
		case ra < rb:
			return 1
		}
		return 0
	})
	for k := 0; used < 100; k = (k + 1) % n {
		out[order[k]]++
		used++
	}
	// Columns raised to 1 % may overdraw: take it back from the widest.
	for used > 100 {
		out[slices.Index(out, slices.Max(out))]--
		used--
	}
	return out
}
