package indicator

import (
	"bytes"
	"net/http"
	"strconv"

	"loa/internal/auth"
	"loa/internal/document"
	"loa/internal/document/xlsx"
	"loa/internal/i18n"
	"loa/internal/web"
)

// Export sends every value and target the viewer may read as an Excel workbook: one
// sheet of values with their sources, one of targets with whether each was reached,
// so that no figure has to be typed again elsewhere.
func (h *HTTP) Export(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	v, err := h.viewer(ctx)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	all, err := h.Store.List(ctx)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	inds := map[string]*Indicator{}
	for _, ind := range v.visible(all) {
		inds[ind.ID] = ind
	}
	values, err := h.Store.AllValues(ctx)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	targets, err := h.Store.AllTargets(ctx)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	keep := func(indicatorID, agencyID string) bool {
		return inds[indicatorID] != nil && v.can(auth.ActView, agencyID)
	}
	lang := web.LangFrom(r)
	sheets := exportSheets(lang, inds, v.names, values, targets, keep)
	// Written to memory first, so that a failure gives an error page, not half a file.
	var buf bytes.Buffer
	if err := xlsx.WriteTables(&buf, sheets); err != nil {
		h.fail(w, r, err)
		return
	}
	hd := w.Header()
	hd.Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	hd.Set("Content-Disposition", `attachment; filename="chi-so.xlsx"`)
	hd.Set("Cache-Control", "no-store")
	_, _ = w.Write(buf.Bytes())
}

func exportSheets(lang i18n.Lang, inds map[string]*Indicator, names map[string]string, values []*Value, targets []*Target,
	keep func(indicatorID, agencyID string) bool) []xlsx.Sheet {
	t := func(k string) string { return i18n.T(lang, k) }
	head := func(keys ...string) []document.Cell {
		row := make([]document.Cell, len(keys))
		for i, k := range keys {
			row[i] = document.TextCell(t(k))
		}
		return row
	}
	right := func(s string) document.Cell {
		c := document.TextCell(s)
		c.Align = "right"
		return c
	}
	count := func(n int) document.Cell {
		if n == 0 {
			return document.TextCell("")
		}
		return right(strconv.Itoa(n))
	}
	vt := &document.Table{HeaderRows: 1, Widths: []float64{4, 14, 22, 7, 9, 12, 8, 8, 14, 30, 20, 20, 11}}
	vt.Rows = append(vt.Rows, head("indicator.col_seq", "indicator.col_indicator", "indicator.col_agency", "indicator.col_year",
		"indicator.col_value", "indicator.col_scale", "indicator.col_rank", "indicator.col_ranked_of", "indicator.col_status",
		"indicator.col_source", "indicator.col_document", "indicator.col_source_url", "indicator.col_published_on"))
	// The value of each year, to tell in the targets sheet whether a target was reached.
	type key struct {
		ind, agency string
		year        int
	}
	byYear := map[key]*Value{}
	n := 0
	for _, v := range values {
		ind := inds[v.IndicatorID]
		if !keep(v.IndicatorID, v.AgencyID) {
			continue
		}
		byYear[key{v.IndicatorID, v.AgencyID, v.Year}] = v
		n++
		doc := ""
		if v.Doc != nil {
			doc = v.Doc.Heading
		}
		vt.Rows = append(vt.Rows, []document.Cell{right(strconv.Itoa(n)), document.TextCell(ind.Label()), document.TextCell(names[v.AgencyID]),
			right(strconv.Itoa(v.Year)), right(FormatNumber(v.Value)), document.TextCell(scaleText(lang, ind)), count(v.Rank),
			count(v.RankedOf), document.TextCell(t(v.Status.Label())), document.TextCell(v.Source), document.TextCell(doc),
			document.TextCell(v.SourceURL), document.TextCell(v.PublishedOn.Short())})
	}
	tt := &document.Table{HeaderRows: 1, Widths: []float64{4, 14, 22, 7, 10, 10, 12, 30}}
	tt.Rows = append(tt.Rows, head("indicator.col_seq", "indicator.col_indicator", "indicator.col_agency", "indicator.col_year",
		"indicator.col_target_value", "indicator.col_target_rank", "indicator.col_outcome", "indicator.col_note"))
	n = 0
	for _, tg := range targets {
		ind := inds[tg.IndicatorID]
		if !keep(tg.IndicatorID, tg.AgencyID) {
			continue
		}
		n++
		value := ""
		if tg.Value != nil {
			value = FormatNumber(*tg.Value)
		}
		outcome := Point{Year: tg.Year, Value: byYear[key{tg.IndicatorID, tg.AgencyID, tg.Year}], Target: tg}.Outcome(ind)
		result := ""
		if outcome != OutcomeNone {
			result = t(outcome.Label())
		}
		tt.Rows = append(tt.Rows, []document.Cell{right(strconv.Itoa(n)), document.TextCell(ind.Label()), document.TextCell(names[tg.AgencyID]),
			right(strconv.Itoa(tg.Year)), right(value), count(tg.Rank), document.TextCell(result), document.TextCell(tg.Note)})
	}
	return []xlsx.Sheet{
		{Name: t("indicator.sheet_values"), Title: t("indicator.export_values_title"), Table: vt},
		{Name: t("indicator.sheet_targets"), Title: t("indicator.export_targets_title"), Table: tt},
	}
}
