package docx

import (
	"loa/internal/document"
	"loa/internal/document/pdf/layout"
)

// table writes a ruled table across width twips. Header rows repeat on every page
// (w:tblHeader); merged cells become gridSpan and vMerge; every w:tc gets at least
// one paragraph, which Word requires of a valid file.
func (b *body) table(t *document.Table, width int) {
	rows := t.Normalized()
	if len(rows) == 0 {
		return
	}
	cols := t.Columns()
	grid := make([]int, cols)
	sum := 0
	for i, w := range t.ColumnWidths(float64(width)) {
		grid[i] = int(w)
		sum += grid[i]
	}
	grid[cols-1] += width - sum // rounding leftovers, so the grid fills the text width exactly

	// origin[r][c] is the top-left position of the cell drawn at (r, c).
	type pos struct{ r, c int }
	origin := make([][]pos, len(rows))
	for r := range rows {
		origin[r] = make([]pos, cols)
	}
	for r, row := range rows {
		for c, cell := range row {
			if cell.Covered {
				continue
			}
			for i := r; i < r+cell.RowSpan; i++ {
				for j := c; j < c+cell.ColSpan; j++ {
					origin[i][j] = pos{r, c}
				}
			}
		}
	}

	b.s(`<w:tbl><w:tblPr><w:tblStyle w:val="`, styleTable, `"/><w:tblW w:w="`, itoa(width), `" w:type="dxa"/>`,
		`<w:tblBorders>`, borders("single"), `</w:tblBorders><w:tblLayout w:type="fixed"/>`,
		`<w:tblCellMar><w:left w:w="`, itoa(layout.TableCellPad), `" w:type="dxa"/><w:right w:w="`, itoa(layout.TableCellPad), `" w:type="dxa"/></w:tblCellMar>`,
		`<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="0" w:noVBand="0"/></w:tblPr><w:tblGrid>`)
	for _, w := range grid {
		b.s(`<w:gridCol w:w="`, itoa(w), `"/>`)
	}
	b.s(`</w:tblGrid>`)
	for r, row := range rows {
		header := r < t.HeaderRows
		totals := t.HasTotals && r == len(rows)-1 && !header
		b.s(`<w:tr>`)
		if header {
			b.s(`<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>`)
		}
		for c, cell := range row {
			o := origin[r][c]
			if cell.Covered && (o.r == r || o.c != c) {
				continue // drawn by the gridSpan of a cell to its left
			}
			span := rows[o.r][o.c].ColSpan
			w := 0
			for j := c; j < c+span; j++ {
				w += grid[j]
			}
			b.s(`<w:tc><w:tcPr><w:tcW w:w="`, itoa(w), `" w:type="dxa"/>`)
			if span > 1 {
				b.s(`<w:gridSpan w:val="`, itoa(span), `"/>`)
			}
			switch {
			case cell.Covered:
				b.s(`<w:vMerge/>`)
			case cell.RowSpan > 1:
				b.s(`<w:vMerge w:val="restart"/>`)
			}
			b.s(`<w:vAlign w:val="center"/></w:tcPr>`)
			pp := plain(styleCell)
			pp.forceBold = header || totals
			pp.jc = cellAlign(cell.Align, header)
			if cell.Covered || len(cell.Lines) == 0 {
				b.p(pp, nil)
			} else {
				for _, line := range cell.Lines {
					b.p(pp, line)
				}
			}
			b.s(`</w:tc>`)
		}
		b.s(`</w:tr>`)
	}
	b.s(`</w:tbl>`)
	// Word glues a following table to this one; a small paragraph keeps them
	// apart and gives the space that follows any block.
	gap := plain("")
	gap.markSize, gap.after = 6, 0
	b.p(gap, nil)
}

// cellAlign is a cell's justification: as set, else centred in header rows and
// left elsewhere.
func cellAlign(a string, header bool) string {
	switch a {
	case "center", "right", "left":
		return a
	}
	if header {
		return "center"
	}
	return ""
}
