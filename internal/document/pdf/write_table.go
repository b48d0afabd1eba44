package pdf

import (
	"loa/internal/document"
	"loa/internal/document/pdf/layout"
)

// fpdf has no table whose rows grow with wrapped text and whose header repeats on
// every page; this is ours. Rows grow to their tallest cell, merged cells span
// their rows' heights, rows joined by a vertical merge stay on one page, and a
// single row that does not fit is split between lines, as Word splits rows.

// cellBox is a laid-out cell: its column position and its paragraphs.
type cellBox struct {
	x, w  float64
	paras []para
	h     float64 // content height
}

// each calls fn with the offset from the content top of every line.
func (b *cellBox) each(fn func(off float64, pa para, l textLine)) {
	off := 0.0
	for _, pa := range b.paras {
		off += pa.before
		for _, l := range pa.lines {
			fn(off, pa, l)
			off += lineHeight(pa.size)
		}
		off += pa.after
	}
}

type tableLayout struct {
	rows    [][]document.Cell
	boxes   [][]*cellBox // nil where covered
	heights []float64
	header  int // rows repeated on every page
}

func (p *writer) layoutTable(t *document.Table) *tableLayout {
	rows := t.Normalized()
	tl := &tableLayout{rows: rows, boxes: make([][]*cellBox, len(rows)), heights: make([]float64, len(rows))}
	widths := t.ColumnWidths(p.textWidth())
	xs := make([]float64, len(widths)+1)
	xs[0] = p.left()
	for i, w := range widths {
		xs[i+1] = xs[i] + w
	}
	pad, sp := pt(layout.TableCellPad), pt(layout.TableCellSpace)
	for r, row := range rows {
		tl.boxes[r] = make([]*cellBox, len(row))
		header := r < t.HeaderRows
		rs := runStyle{bold: header || (t.HasTotals && r == len(rows)-1 && !header)}
		for c, cell := range row {
			if cell.Covered {
				continue
			}
			b := &cellBox{x: xs[c], w: xs[c+cell.ColSpan] - xs[c]}
			lines := cell.Lines
			if len(lines) == 0 {
				lines = [][]document.Run{nil} // an empty cell keeps one line's height, as in Word
			}
			for _, l := range lines {
				pa := layoutPara(l, b.w-2*pad, layout.TableSize, rs, cellAlign(cell.Align, header), 0)
				pa.before, pa.after = sp, sp
				b.paras = append(b.paras, pa)
				b.h += pa.height()
			}
			tl.boxes[r][c] = b
			if cell.RowSpan == 1 {
				tl.heights[r] = max(tl.heights[r], b.h)
			}
		}
	}
	// A merged cell taller than the rows it spans stretches the last of them.
	for r, row := range rows {
		for c, cell := range row {
			if cell.Covered || cell.RowSpan == 1 {
				continue
			}
			have := tl.span(r, r+cell.RowSpan-1)
			if need := tl.boxes[r][c].h; need > have {
				tl.heights[r+cell.RowSpan-1] += need - have
			}
		}
	}
	tl.header = min(t.HeaderRows, len(rows))
	if tl.header > 0 {
		tl.header = tl.groupEnd(0) + 1
	}
	return tl
}

func cellAlign(a string, header bool) byte {
	switch a {
	case "center":
		return 'C'
	case "right":
		return 'R'
	case "left":
		return 'L'
	}
	if header {
		return 'C'
	}
	return 'L'
}

// span is the height of rows from..to.
func (tl *tableLayout) span(from, to int) float64 {
	h := 0.0
	for r := from; r <= to; r++ {
		h += tl.heights[r]
	}
	return h
}

// groupEnd is the last row that a vertical merge starting at or below r ties to r.
func (tl *tableLayout) groupEnd(r int) int {
	end := r
	for k := r; k <= end; k++ {
		for _, cell := range tl.rows[k] {
			if !cell.Covered {
				end = max(end, k+cell.RowSpan-1)
			}
		}
	}
	return end
}

// drawGroup prints rows from..to whole at p.y, their cells centred vertically.
func (p *writer) drawGroup(tl *tableLayout, from, to int) {
	y := p.y
	for r := from; r <= to; r++ {
		for c, b := range tl.boxes[r] {
			if b == nil {
				continue
			}
			h := tl.span(r, r+tl.rows[r][c].RowSpan-1)
			p.drawCell(b, y, h, 0, b.h, (h-b.h)/2)
		}
		y += tl.heights[r]
	}
	p.y = y
}

// drawCell rules a cell h high at y and prints the lines whose offsets lie in
// [from, to), moved down by shift.
func (p *writer) drawCell(b *cellBox, y, h, from, to, shift float64) {
	p.f.Rect(b.x, y, b.w, h, "D")
	pad := pt(layout.TableCellPad)
	b.each(func(off float64, pa para, l textLine) {
		if off >= from && off+lineHeight(pa.size) <= to+0.01 {
			p.drawLine(l, b.x+pad, y+shift+off-from, b.w-2*pad, pa.size, pa.align)
		}
	})
}

// table prints a table across the text width.
func (p *writer) table(t *document.Table) {
	tl := p.layoutTable(t)
	if len(tl.rows) == 0 {
		return
	}
	head := func() { p.drawGroup(tl, 0, tl.header-1) }
	// Start on a new page unless the header and a little of the body fit here.
	first := 0.0
	if tl.header < len(tl.rows) {
		first = min(tl.span(tl.header, tl.groupEnd(tl.header)), 3*lineHeight(layout.TableSize))
	}
	p.ensure(tl.span(0, tl.header-1) + first)
	head()
	for r := tl.header; r < len(tl.rows); {
		end := tl.groupEnd(r)
		switch h := tl.span(r, end); {
		case p.y+h <= p.bottom():
			p.drawGroup(tl, r, end)
		case end == r:
			p.splitRow(tl, r, head)
		default:
			p.newPage(p.landscape)
			head()
			p.drawGroup(tl, r, end)
		}
		r = end + 1
	}
	p.y += lineHeight(6) // the small paragraph the DOCX writer puts after a table
}

// splitRow prints a row that does not fit the page in slices cut between lines,
// repeating the header on each new page.
func (p *writer) splitRow(tl *tableLayout, r int, head func()) {
	total := tl.heights[r]
	fresh := false
	for from := 0.0; from < total; {
		cut := min(from+p.bottom()-p.y, total)
		// Move the cut up to the top of any line it would slice through.
		for moved := true; moved; {
			moved = false
			for _, b := range tl.boxes[r] {
				if b == nil {
					continue
				}
				b.each(func(off float64, pa para, _ textLine) {
					if off < cut && off+lineHeight(pa.size) > cut+0.01 {
						cut, moved = off, true
					}
				})
			}
		}
		if cut <= from && fresh {
			cut = total // a line taller than a page: print it anyway
		}
		if cut > from {
			for _, b := range tl.boxes[r] {
				if b != nil {
					p.drawCell(b, p.y, cut-from, from, cut, 0)
				}
			}
			p.y += cut - from
			from = cut
		}
		if from < total {
			p.newPage(p.landscape)
			head()
			fresh = true
		}
	}
}
