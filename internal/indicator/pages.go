package indicator

import (
	"encoding/json"
	"html/template"
	"math"
	"net/http"
	"strconv"
	"strings"

	"loa/internal/auth"
	"loa/internal/i18n"
	"loa/internal/plan"
	"loa/internal/web"
)

// Chart colours: the site's own green, red and blue, which pass contrast on white.
const (
	colourMet    = "#1d6b3a"
	colourMissed = "#b3261e"
	colourPlain  = "#0b4f8a"
)

// showValue writes a value with its scale: "66,33%", "45,71/80 điểm".
func showValue(lang i18n.Lang, ind *Indicator, v float64) string {
	if ind.Unit == UnitPercent {
		return FormatNumber(v) + "%"
	}
	return i18n.T(lang, "indicator.points_of", FormatNumber(v), FormatNumber(ind.Max))
}

// scaleText names an indicator's scale in words.
func scaleText(lang i18n.Lang, ind *Indicator) string {
	if ind.Unit == UnitPercent {
		return i18n.T(lang, "indicator.scale_percent")
	}
	return i18n.T(lang, "indicator.scale_points", FormatNumber(ind.Max))
}

func showRank(v *Value) string {
	if v == nil || v.Rank == 0 {
		return ""
	}
	return strconv.Itoa(v.Rank) + "/" + strconv.Itoa(v.RankedOf)
}

func showTarget(lang i18n.Lang, ind *Indicator, t *Target) string {
	if t == nil {
		return ""
	}
	var parts []string
	if t.Value != nil {
		parts = append(parts, showValue(lang, ind, *t.Value))
	}
	if t.Rank > 0 {
		parts = append(parts, i18n.T(lang, "indicator.target_rank", t.Rank))
	}
	return strings.Join(parts, " · ")
}

// row is one year of an indicator as tables and cards show it.
type row struct {
	Year       int
	Value      *Value
	Target     *Target
	ValueText  string
	RankText   string
	TargetText string
	Outcome    Outcome
}

func rowOf(lang i18n.Lang, ind *Indicator, p Point) row {
	r := row{Year: p.Year, Value: p.Value, Target: p.Target, RankText: showRank(p.Value),
		TargetText: showTarget(lang, ind, p.Target), Outcome: p.Outcome(ind)}
	if p.Value != nil {
		r.ValueText = showValue(lang, ind, p.Value.Value)
	}
	return r
}

// changeText is a change from last year in words.
type changeText struct {
	From  int
	Delta string // "+1,2 điểm %", "-0,5 điểm"
	Trend Trend
	Rank  string // "lên 3 bậc", "xuống 2 bậc", "giữ hạng"; "" when unranked
}

func showChange(lang i18n.Lang, ind *Indicator, c *Change) *changeText {
	if c == nil {
		return nil
	}
	d := FormatNumber(c.Delta)
	if c.Delta > 0 {
		d = "+" + d
	}
	key := "indicator.delta_points"
	if ind.Unit == UnitPercent {
		key = "indicator.delta_percent"
	}
	out := &changeText{From: c.From, Delta: i18n.T(lang, key, d), Trend: c.Trend}
	if c.Ranked() {
		switch n := c.Places(); {
		case n > 0:
			out.Rank = i18n.T(lang, "indicator.rank_up", n)
		case n < 0:
			out.Rank = i18n.T(lang, "indicator.rank_down", -n)
		default:
			out.Rank = i18n.T(lang, "indicator.rank_same")
		}
	}
	return out
}

// chart is the Chart.js configuration of a series for a canvas's data-chart, as
// loa.js draws it: one bar per year, coloured by whether the year's target was
// reached. With targets, the years carry their target under the year ("2024",
// "MT 85%") and target-only years come last without a bar, so the next aim shows
// too. The second result is the same figures in words, for screen readers.
func chart(lang i18n.Lang, s *Series, withTargets bool) (template.JS, string) {
	var labels [][]string
	var data []*float64
	var colours, words []string
	for _, p := range s.Points {
		if p.Value == nil && !withTargets {
			continue
		}
		label := []string{strconv.Itoa(p.Year)}
		if withTargets && p.Target != nil {
			label = append(label, i18n.T(lang, "indicator.chart_target", showTarget(lang, s.Indicator, p.Target)))
		}
		labels = append(labels, label)
		colour := colourPlain
		switch p.Outcome(s.Indicator) {
		case OutcomeMet:
			colour = colourMet
		case OutcomeMissed:
			colour = colourMissed
		}
		colours = append(colours, colour)
		if p.Value == nil {
			data = append(data, nil)
			continue
		}
		x := math.Round(p.Value.Value*1e4) / 1e4
		data = append(data, &x)
		words = append(words, strconv.Itoa(p.Year)+": "+showValue(lang, s.Indicator, p.Value.Value))
	}
	if len(words) == 0 {
		return "", ""
	}
	b, _ := json.Marshal(map[string]any{"type": "bar", "labels": labels, "data": data, "colors": colours, "label": s.Indicator.Label()})
	return template.JS(b), strings.Join(words, "; ")
}

// card is an indicator on the list: its latest year, the move from the year
// before, the next target and a small trend.
type card struct {
	Indicator *Indicator
	Scale     string
	Latest    *row
	Change    *changeText
	NextYear  int
	Next      string
	Chart     template.JS
	ChartText string
	Links     int
}

type listPage struct {
	Cards      []card
	Agency     string
	AgencyName string
	Choices    []choice
	// CanManage tells that the viewer may define indicators and record figures
	// somewhere; the forms offer the agencies where.
	CanManage bool
}

// List shows a card per indicator for the chosen measured agency.
func (h *HTTP) List(w http.ResponseWriter, r *http.Request) {
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
	inds := v.visible(all)
	measured, err := h.Store.Measured(ctx, "")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	agencyID, choices := v.pick(measured, r.URL.Query().Get("agency"))
	series, err := h.Store.Overview(ctx, inds, agencyID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	counts, err := h.Store.LinkCounts(ctx)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	lang := web.LangFrom(r)
	data := listPage{Agency: agencyID, AgencyName: v.names[agencyID], Choices: choices,
		CanManage: auth.Can(v.me, auth.ActProgressManage, nil)}
	for _, s := range series {
		c := card{Indicator: s.Indicator, Scale: scaleText(lang, s.Indicator), Change: showChange(lang, s.Indicator, s.Change())}
		for agencyID, n := range counts[s.Indicator.ID] {
			if v.can(auth.ActView, agencyID) {
				c.Links += n
			}
		}
		if p := s.Latest(); p != nil {
			r := rowOf(lang, s.Indicator, *p)
			c.Latest = &r
		}
		if t := s.NextTarget(); t != nil {
			c.NextYear, c.Next = t.Year, showTarget(lang, s.Indicator, t)
		}
		c.Chart, c.ChartText = chart(lang, s, false)
		data.Cards = append(data.Cards, c)
	}
	p := h.Render.NewPage(w, r, i18n.T(lang, "indicator.title"), data)
	h.Render.Render(w, r, http.StatusOK, "indicator/list", p)
}

// linkView is a linked plan topic as the indicator page lists it.
type linkView struct {
	LinkedTopic
	Agency string
}

type viewPage struct {
	Indicator  *Indicator
	Scale      string
	Owner      string
	Agency     string
	AgencyName string
	Choices    []choice
	Rows       []row // latest year first
	Change     *changeText
	Chart      template.JS
	ChartText  string
	Links      []linkView
	// Plans are the recent plans whose topics the viewer may link to indicators.
	Plans     []plan.Summary
	CanRecord bool // may record values and targets somewhere
	CanFix    bool // may correct the figures of the agency shown
	CanEdit   bool // may correct the indicator itself
	CanAudit  bool
}

// View shows an indicator for one measured agency: its trend against the targets,
// the table of values with their sources, and the plan topics linked to it.
func (h *HTTP) View(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	ind, err := h.Store.Get(ctx, r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v, err := h.viewer(ctx)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if !v.sees(ind) {
		h.Render.Error(w, r, http.StatusForbidden)
		return
	}
	measured, err := h.Store.Measured(ctx, ind.ID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	agencyID, choices := v.pick(measured, r.URL.Query().Get("agency"))
	s, err := h.Store.Series(ctx, ind, agencyID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	linked, err := h.Store.LinkedTopics(ctx, ind.ID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	lang := web.LangFrom(r)
	data := viewPage{Indicator: ind, Scale: scaleText(lang, ind), Owner: v.names[ind.OwnerAgencyID], Agency: agencyID,
		AgencyName: v.names[agencyID], Choices: choices, Change: showChange(lang, ind, s.Change()),
		CanRecord: auth.Can(v.me, auth.ActProgressManage, nil), CanFix: v.can(auth.ActProgressManage, agencyID),
		CanEdit: v.manages(ind), CanAudit: v.can(auth.ActAuditView, ind.OwnerAgencyID)}
	for i := len(s.Points) - 1; i >= 0; i-- {
		data.Rows = append(data.Rows, rowOf(lang, ind, s.Points[i]))
	}
	data.Chart, data.ChartText = chart(lang, s, true)
	for _, l := range linked {
		if v.can(auth.ActView, l.AgencyID) {
			data.Links = append(data.Links, linkView{LinkedTopic: l, Agency: v.names[l.AgencyID]})
		}
	}
	if data.CanRecord {
		if data.Plans, err = h.linkablePlans(r, v); err != nil {
			h.fail(w, r, err)
			return
		}
	}
	p := h.Render.NewPage(w, r, ind.Name, data)
	h.Render.Render(w, r, http.StatusOK, "indicator/view", p)
}

// linkablePlans are the plans still running (neither closed nor replaced by an
// amendment) whose topics the viewer may link to indicators: the way from an
// indicator to the page that links topics.
func (h *HTTP) linkablePlans(r *http.Request, v *viewer) ([]plan.Summary, error) {
	list, err := h.Plans.List(r.Context(), nil, 0)
	if err != nil {
		return nil, err
	}
	var out []plan.Summary
	for _, p := range list {
		if p.Status != plan.StatusReplaced && p.Status != plan.StatusClosed && v.can(auth.ActProgressManage, p.AgencyID) {
			out = append(out, p)
		}
	}
	return out, nil
}
