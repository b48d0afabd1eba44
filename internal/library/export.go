package library

import (
	"strconv"

	"loa/internal/document"
	"loa/internal/i18n"
)

// exportTable lays the entries out as the table of the Excel export: one row per
// document, headed in the reader's language, dates as dd/mm/yyyy.
func exportTable(entries []*Entry, lang i18n.Lang) *document.Table {
	head := []string{"library.seq", "library.number_symbol", "library.type", "library.issued_on", "library.issuer",
		"library.summary", "library.scope", "library.url"}
	t := &document.Table{Widths: []float64{4, 14, 11, 11, 20, 44, 10, 20}, HeaderRows: 1}
	row := make([]document.Cell, len(head))
	for i, k := range head {
		row[i] = document.TextCell(i18n.T(lang, k))
	}
	t.Rows = append(t.Rows, row)
	for i, e := range entries {
		t.Rows = append(t.Rows, []document.Cell{
			{Lines: [][]document.Run{document.Plain(strconv.Itoa(i + 1))}, Align: "center"},
			document.TextCell(e.NumberSymbol()),
			document.TextCell(e.TypeName),
			{Lines: [][]document.Run{document.Plain(e.IssuedOn.Short())}, Align: "center"},
			document.TextCell(e.Issuer),
			document.TextCell(e.Summary),
			document.TextCell(i18n.T(lang, e.Scope.Label())),
			document.TextCell(e.URL),
		})
	}
	return t
}
