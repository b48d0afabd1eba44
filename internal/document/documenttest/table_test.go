package documenttest

import (
	"testing"

	"loa/internal/document"
)

func TestFixtureTablesNeedNoRepair(t *testing.T) {
	for name, d := range map[string]*document.Document{"sample": SamplePlan(), "rich": Rich(), "report": Report()} {
		var tables []*document.Table
		for _, b := range d.Body {
			if b.Table != nil {
				tables = append(tables, b.Table)
			}
		}
		for _, a := range d.Annexes {
			for _, b := range a.Body {
				if b.Table != nil {
					tables = append(tables, b.Table)
				}
			}
		}
		for i, tbl := range tables {
			norm := tbl.Normalized()
			for r, row := range tbl.Rows {
				for c, cell := range row {
					got := norm[r][c]
					repaired := cell.Covered != got.Covered ||
						!got.Covered && (max(cell.ColSpan, 1) != got.ColSpan || max(cell.RowSpan, 1) != got.RowSpan)
					if repaired {
						t.Errorf("%s table %d: cell (%d,%d) was repaired: %+v → %+v", name, i, r, c, cell, got)
					}
				}
			}
		}
	}
}

func TestNormalizedMakesMalformedTablesRectangular(t *testing.T) {
	tbl := &document.Table{Rows: [][]document.Cell{
		{document.TextCell("a"), {ColSpan: 9, Lines: [][]document.Run{document.Plain("b")}}, {Covered: true}},
		{{Covered: true}, {RowSpan: 5}},
		{document.TextCell("short")},
	}}
	got := tbl.Normalized()
	if tbl.Columns() != 3 || len(got) != 3 {
		t.Fatalf("%d columns, %d rows", tbl.Columns(), len(got))
	}
	cases := []struct {
		r, c     int
		covered  bool
		cs, rs   int
		fromText string
	}{
		{0, 0, false, 1, 1, "a"},
		{0, 1, false, 2, 1, "b"}, // the span of 9 is cut at the table's edge
		{0, 2, true, 0, 0, ""},
		{1, 0, false, 1, 1, ""}, // covered by nothing: an empty cell of its own
		{1, 1, false, 1, 2, ""}, // the span of 5 is cut at the last row
		{1, 2, false, 1, 1, ""}, // padded
		{2, 0, false, 1, 1, "short"},
		{2, 1, true, 0, 0, ""},
		{2, 2, false, 1, 1, ""},
	}
	for _, c := range cases {
		cell := got[c.r][c.c]
		if cell.Covered != c.covered || (!c.covered && (cell.ColSpan != c.cs || cell.RowSpan != c.rs || cell.CellText() != c.fromText)) {
			t.Errorf("(%d,%d) = %+v", c.r, c.c, cell)
		}
	}
}
