package progress

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"net/http"
	"slices"
	"strconv"

	"loa/internal/auth"
	"loa/internal/document"
	"loa/internal/document/xlsx"
	"loa/internal/i18n"
	"loa/internal/plan"
	"loa/internal/vn"
	"loa/internal/web"
)

type dashboardPage struct {
	*Dashboard
	UnitChoices    []unitOption // units that may be picked in the filter
	ChannelChoices []plan.ChannelKind
	Query          string // the filter as a query string, for the export link
	Charts         map[string]template.JS
	CanManage      bool
	Forced         bool // the viewer sees only their own unit
}

// filterFrom reads the dashboard's filters; a unit user is held to their own unit.
func (h *HTTP) filterFrom(r *http.Request, p *plan.Plan) (Filter, bool, []unitOption, map[string]string, error) {
	ctx := r.Context()
	q := r.URL.Query()
	f := Filter{Unit: q.Get("unit"), Channel: plan.ChannelKind(q.Get("channel")), Topic: q.Get("topic")}
	f.From, _ = vn.ParseUserDate(q.Get("from"))
	f.To, _ = vn.ParseUserDate(q.Get("to"))
	_, names, err := h.reach(ctx, auth.ActView)
	if err != nil {
		return f, false, nil, nil, err
	}
	var units []unitOption
	seen := map[string]bool{}
	for _, a := range p.Activities {
		ids := []string{a.Lead.AgencyID}
		for _, pr := range a.Partners {
			ids = append(ids, pr.AgencyID)
		}
		for _, id := range ids {
			if id != "" && !seen[id] {
				seen[id] = true
				units = append(units, unitOption{id, names[id]})
			}
		}
	}
	vn.SortBy(units, func(u unitOption) string { return u.Name })
	// Someone who reads the plan only because a unit of theirs carries it out sees
	// that unit's figures, not the other units'.
	forced := false
	if !h.can(ctx, auth.ActOverview, p.AgencyID) {
		mine, _, err := h.myUnits(ctx)
		if err != nil {
			return f, false, nil, nil, err
		}
		var allowed []unitOption
		for _, u := range units {
			if slices.Contains(mine, u.ID) {
				allowed = append(allowed, u)
			}
		}
		units = allowed
		if len(units) > 0 && !slices.ContainsFunc(units, func(u unitOption) bool { return u.ID == f.Unit }) {
			f.Unit = units[0].ID
		}
		forced = true
	}
	return f, forced, units, names, nil
}

// Dashboard shows the progress of a plan at a glance, with charts, filters and an export.
func (h *HTTP) Dashboard(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p, err := h.Plans.Get(ctx, r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	f, forced, units, names, err := h.filterFrom(r, p)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d, err := h.Store.Compute(ctx, p, f, vn.Today(), names)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	lang := web.LangFrom(r)
	data := dashboardPage{Dashboard: d, UnitChoices: units, ChannelChoices: plan.ChannelKinds, Query: r.URL.RawQuery, Forced: forced,
		CanManage: h.can(ctx, auth.ActProgressManage, p.AgencyID), Charts: charts(d, lang)}
	pg := h.Render.NewPage(w, r, i18n.T(lang, "progress.title"), data)
	h.Render.Render(w, r, http.StatusOK, "progress/dashboard", pg)
}

// charts are the Chart.js configurations of the dashboard, as JSON for data attributes.
func charts(d *Dashboard, lang i18n.Lang) map[string]template.JS {
	t := func(k string) string { return i18n.T(lang, k) }
	states := []State{StateDone, StateInProgress, StateNotStarted, StateOverdue, StateExempt}
	counts := map[State]int{StateDone: d.Summary.Done, StateInProgress: d.Summary.InProgress, StateNotStarted: d.Summary.NotStarted,
		StateOverdue: d.Summary.Overdue, StateExempt: d.Summary.Exempt}
	var stLabels []string
	var stData []int
	for _, s := range states {
		stLabels = append(stLabels, t(s.Label()))
		stData = append(stData, counts[s])
	}
	var uLabels []string
	var uData []int
	for _, u := range d.Units {
		uLabels = append(uLabels, u.Name)
		uData = append(uData, u.Share())
	}
	var cLabels []string
	var cData []float64
	for _, c := range d.Channels {
		cLabels = append(cLabels, t(c.Kind.Label()))
		cData = append(cData, float64(c.Results))
	}
	var tLabels []string
	var tData []int
	for _, tp := range d.Topics {
		tLabels = append(tLabels, strconv.Itoa(tp.Seq))
		tData = append(tData, tp.Results)
	}
	enc := func(v any) template.JS {
		b, _ := json.Marshal(v)
		return template.JS(b)
	}
	return map[string]template.JS{
		"states":   enc(map[string]any{"type": "doughnut", "labels": stLabels, "data": stData, "colors": []string{"#1d6b3a", "#0b4f8a", "#9aa5b1", "#b3261e", "#d9c27a"}}),
		"units":    enc(map[string]any{"type": "bar", "horizontal": true, "labels": uLabels, "data": uData, "max": 100, "label": t("progress.unit_share")}),
		"channels": enc(map[string]any{"type": "bar", "labels": cLabels, "data": cData, "label": t("progress.results_accepted")}),
		"topics":   enc(map[string]any{"type": "bar", "labels": tLabels, "data": tData, "label": t("progress.results_accepted")}),
	}
}

// Export downloads the dashboard's tables as an Excel workbook.
func (h *HTTP) Export(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p, err := h.Plans.Get(ctx, r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	f, _, _, names, err := h.filterFrom(r, p)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d, err := h.Store.Compute(ctx, p, f, vn.Today(), names)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	lang := web.LangFrom(r)
	var buf bytes.Buffer
	if err := xlsx.WriteTables(&buf, sheets(d, lang)); err != nil {
		h.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="tien-do-ke-hoach-%d.xlsx"`, p.Year))
	_, _ = w.Write(buf.Bytes())
}

func sheets(d *Dashboard, lang i18n.Lang) []xlsx.Sheet {
	t := func(k string, args ...any) string { return i18n.T(lang, k, args...) }
	cell := func(s string) document.Cell { return document.TextCell(s) }
	num := func(v float64) document.Cell {
		c := document.TextCell(strconv.FormatFloat(v, 'f', -1, 64))
		c.Align = "right"
		return c
	}
	head := func(cols ...string) []document.Cell {
		r := make([]document.Cell, len(cols))
		for i, c := range cols {
			r[i] = cell(t(c))
		}
		return r
	}
	acts := &document.Table{HeaderRows: 1, Widths: []float64{5, 40, 20, 16, 14, 10, 10, 12}}
	acts.Rows = append(acts.Rows, head("plan.col_seq", "plan.col_activity", "plan.col_lead", "plan.col_time", "progress.state", "progress.quantity", "progress.target", "progress.results_accepted"))
	for _, a := range d.Activities {
		target := ""
		if a.Target != nil {
			target = strconv.FormatFloat(a.Target.Quantity, 'f', -1, 64) + " " + a.Target.Unit
		}
		acts.Rows = append(acts.Rows, []document.Cell{num(float64(a.Seq)), cell(plan.ActivityWording(a.Activity)), cell(a.Lead.Name), cell(a.Time),
			cell(t(a.State.Label())), num(a.Quantity), cell(target), num(float64(a.Accepted))})
	}
	units := &document.Table{HeaderRows: 1, Widths: []float64{40, 12, 12, 12, 18}}
	units.Rows = append(units.Rows, head("progress.unit", "progress.assigned", "progress.done", "progress.share", "progress.last_update"))
	for _, u := range d.Units {
		last := ""
		if !u.LastUpdate.IsZero() {
			last = vn.DateTime(u.LastUpdate)
		}
		units.Rows = append(units.Rows, []document.Cell{cell(u.Name), num(float64(u.Assigned)), num(float64(u.Done)), num(float64(u.Share())), cell(last)})
	}
	topics := &document.Table{HeaderRows: 1, Widths: []float64{6, 70, 12, 12}}
	topics.Rows = append(topics.Rows, head("plan.col_seq", "plan.sec.topics", "progress.results_accepted", "progress.activities"))
	for _, tp := range d.Topics {
		topics.Rows = append(topics.Rows, []document.Cell{num(float64(tp.Seq)), cell(tp.Text), num(float64(tp.Results)), num(float64(tp.Activities))})
	}
	chans := &document.Table{HeaderRows: 1, Widths: []float64{30, 14, 14, 14, 14}}
	chans.Rows = append(chans.Rows, head("progress.channel", "progress.activities", "progress.results_accepted", "progress.quantity", "progress.attendees"))
	for _, c := range d.Channels {
		chans.Rows = append(chans.Rows, []document.Cell{cell(t(c.Kind.Label())), num(float64(c.Activities)), num(float64(c.Results)), num(c.Quantity), num(float64(c.Attendees))})
	}
	return []xlsx.Sheet{
		{Name: t("progress.sheet_activities"), Title: t("progress.sheet_activities_title", d.Plan.Year), Table: acts},
		{Name: t("progress.sheet_units"), Title: t("progress.sheet_units"), Table: units},
		{Name: t("progress.sheet_topics"), Title: t("progress.sheet_topics"), Table: topics},
		{Name: t("progress.sheet_channels"), Title: t("progress.sheet_channels"), Table: chans},
	}
}
