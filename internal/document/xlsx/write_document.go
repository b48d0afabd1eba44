package xlsx

import (
	"fmt"
	"io"
	"strings"

	"loa/internal/document"
	"loa/internal/document/pdf/layout"
)

// WriteDocument writes every table of d, annexes included, each on its own sheet.
func WriteDocument(w io.Writer, d *document.Document) error {
	return WriteTables(w, DocumentSheets(d))
}

// DocumentSheets lists the tables of d: body tables as "Bảng 1", "Bảng 2" … titled
// by the heading above them, then annex tables named and titled after their annex.
func DocumentSheets(d *document.Document) []Sheet {
	var sheets []Sheet
	title := strings.TrimSpace(d.TypeName + " " + d.Summary)
	n := 0
	for _, b := range d.Body {
		switch {
		case b.Kind == document.KindHeading:
			title = document.Text(layout.Runs(b))
		case b.Kind == document.KindTable && b.Table != nil:
			n++
			sheets = append(sheets, Sheet{Name: fmt.Sprintf("Bảng %d", n), Title: title, Table: b.Table})
		}
	}
	for _, a := range d.Annexes {
		title := a.Title
		if a.Subtitle != "" {
			title += ": " + a.Subtitle
		}
		for _, b := range a.Body {
			if b.Kind == document.KindTable && b.Table != nil {
				// Repeated names get " (2)", " (3)" when the sheets are written.
				sheets = append(sheets, Sheet{Name: a.Title, Title: title, Table: b.Table, Landscape: a.Landscape})
			}
		}
	}
	return sheets
}
