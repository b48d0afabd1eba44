package oversight

import (
	"bytes"
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"log/slog"
	"net/http"
	"net/url"
	"slices"

	"loa/internal/agency"
	"loa/internal/auth"
	"loa/internal/document/xlsx"
	"loa/internal/i18n"
	"loa/internal/period"
	"loa/internal/store"
	"loa/internal/vn"
	"loa/internal/web"
)

// Templates are the oversight pages.
//
//go:embed templates
var Templates embed.FS

// HTTP serves the city's view and its export.
type HTTP struct {
	DB       *store.DB
	Agencies *agency.Store
	Render   *web.Renderer
	Log      *slog.Logger
}

// errForbidden is a root the viewer does not oversee.
var errForbidden = errors.New("the viewer does not oversee this agency")

// errBadPeriod is a period the query names wrongly.
var errBadPeriod = errors.New("no such period")

func (h *HTTP) fail(w http.ResponseWriter, r *http.Request, err error) {
	switch {
	case errors.Is(err, store.ErrNotFound):
		h.Render.Error(w, r, http.StatusNotFound)
	case errors.Is(err, errForbidden):
		h.Render.Error(w, r, http.StatusForbidden)
	case errors.Is(err, errBadPeriod):
		h.Render.Error(w, r, http.StatusBadRequest)
	default:
		h.Log.Error("oversight", "err", err, "request_id", web.RequestID(r.Context()))
		h.Render.Error(w, r, http.StatusInternalServerError)
	}
}

// tops are the highest agencies where the viewer holds the overview, highest in the
// tree first: a membership below another one of the same viewer adds nothing.
func (h *HTTP) tops(ctx context.Context) ([]*agency.Agency, error) {
	reach := auth.Reach(auth.FromContext(ctx), auth.ActOverview)
	type top struct {
		a     *agency.Agency
		depth int
	}
	var out []top
	for _, id := range reach {
		anc, err := h.Agencies.Ancestry(ctx, id)
		if err != nil {
			return nil, err
		}
		if len(anc) == 0 || slices.ContainsFunc(anc[1:], func(up string) bool { return slices.Contains(reach, up) }) {
			continue
		}
		a, err := h.Agencies.Get(ctx, id)
		if err != nil {
			return nil, err
		}
		if a.Active() {
			out = append(out, top{a, len(anc)})
		}
	}
	vn.SortBy(out, func(t top) string { return t.a.Name })
	slices.SortStableFunc(out, func(x, y top) int { return x.depth - y.depth })
	list := make([]*agency.Agency, len(out))
	for i, t := range out {
		list[i] = t.a
	}
	return list, nil
}

// rootOf is the agency the request asks to oversee: ?root= when the viewer holds the
// overview there (a district below the city, say), else the highest of tops.
func (h *HTTP) rootOf(ctx context.Context, asked string, tops []*agency.Agency) (string, error) {
	if asked == "" {
		if len(tops) == 0 {
			return "", errForbidden
		}
		return tops[0].ID, nil
	}
	anc, err := h.Agencies.Ancestry(ctx, asked)
	if err != nil {
		return "", err
	}
	if len(anc) == 0 {
		return "", store.ErrNotFound
	}
	if !auth.Can(auth.FromContext(ctx), auth.ActOverview, anc) {
		return "", errForbidden
	}
	return asked, nil
}

// LatestClosed is the most recent report period whose cut-off is before today: the one
// whose reports are being sent or are late. Of two periods closing on the same day
// (Q3 and 9 months) the narrower comes first, as the period package orders them.
func LatestClosed(today vn.Date) period.Period {
	var best period.Period
	for _, y := range []int{today.Year - 1, today.Year} {
		for _, k := range period.Reports {
			p, err := period.Of(k, y, 0)
			if err == nil && p.To.Before(today) && (best.To.IsZero() || p.To.After(best.To)) {
				best = p
			}
		}
	}
	return best
}

// load reads the query both the page and the export take: ?period=, ?root=, ?sort=.
func (h *HTTP) load(r *http.Request) (*View, []*agency.Agency, error) {
	ctx := r.Context()
	q := r.URL.Query()
	p := LatestClosed(vn.Today())
	if s := q.Get("period"); s != "" {
		var err error
		if p, err = period.Parse(s); err != nil {
			return nil, nil, fmt.Errorf("%w: %v", errBadPeriod, err)
		}
	}
	tops, err := h.tops(ctx)
	if err != nil {
		return nil, nil, err
	}
	root, err := h.rootOf(ctx, q.Get("root"), tops)
	if err != nil {
		return nil, nil, err
	}
	v, err := Overview(ctx, h.DB, root, p)
	if err != nil {
		return nil, nil, err
	}
	SortRows(v.Rows, q.Get("sort"))
	return v, tops, nil
}

// Sort orders of the agency table.
const (
	SortName     = "name"  // Vietnamese alphabetical order, the default
	SortNameDesc = "-name" // the same, backwards
	SortState    = "state" // missing first, then late, not yet due, on time
	SortShare    = "share" // lowest completion first; no figures before any
)

// SortRows orders rows by key (SortName when unknown), ties in name order.
func SortRows(rows []*Row, key string) {
	vn.SortBy(rows, func(r *Row) string { return r.Name })
	switch key {
	case SortNameDesc:
		slices.Reverse(rows)
	case SortState:
		slices.SortStableFunc(rows, func(a, b *Row) int {
			return slices.Index(Timelinesses, a.Timeliness) - slices.Index(Timelinesses, b.Timeliness)
		})
	case SortShare:
		slices.SortStableFunc(rows, func(a, b *Row) int { return a.SharePercent() - b.SharePercent() })
	}
}

type yearChoice struct {
	Year    int
	Periods []period.Period
}

// sortLink is a sortable column's heading: where it leads, and how the table is now
// sorted by it (aria-sort), if it is.
type sortLink struct {
	Href string
	Aria string
}

// columns are the sortable headings. The name column flips between A→Z and Z→A; the
// others sort one way, worst first.
func columns(q url.Values, current string) map[string]sortLink {
	link := func(key string) string {
		c := url.Values{}
		for k, v := range q {
			c[k] = v
		}
		c.Set("sort", key)
		return "/oversight?" + c.Encode()
	}
	name := sortLink{Href: link(SortNameDesc), Aria: "ascending"}
	if current == SortNameDesc {
		name = sortLink{Href: link(SortName), Aria: "descending"}
	} else if current == SortState || current == SortShare {
		name = sortLink{Href: link(SortName)}
	}
	state, share := sortLink{Href: link(SortState)}, sortLink{Href: link(SortShare)}
	if current == SortState {
		state.Aria = "other"
	}
	if current == SortShare {
		share.Aria = "ascending"
	}
	return map[string]sortLink{"name": name, "state": state, "share": share}
}

type pageData struct {
	*View
	Tops    []*agency.Agency // offered as a choice when more than one
	Choices []yearChoice
	States  []Timeliness
	Sort    string
	Columns map[string]sortLink
	Chart   template.JS
	// Export is the address of this very view as a workbook.
	Export template.URL
}

// Page shows the period's plans, reports, rates and summed figures.
func (h *HTTP) Page(w http.ResponseWriter, r *http.Request) {
	v, tops, err := h.load(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	lang := web.LangFrom(r)
	sort := r.URL.Query().Get("sort")
	// The links name the period and root shown, so a default chosen today stays put.
	link := url.Values{"period": {v.Period.String()}, "root": {v.Root.ID}}
	data := pageData{View: v, Tops: tops, Choices: choices(v.Years), States: Timelinesses, Sort: sort, Columns: columns(link, sort),
		Chart: chart(v, lang)}
	if sort != "" {
		link.Set("sort", sort)
	}
	data.Export = template.URL("/oversight/export.xlsx?" + link.Encode())
	pg := h.Render.NewPage(w, r, i18n.T(lang, "oversight.title"), data)
	h.Render.Render(w, r, http.StatusOK, "oversight/overview", pg)
}

// choices are the report periods of each year offered.
func choices(years []int) []yearChoice {
	out := make([]yearChoice, 0, len(years))
	for _, y := range years {
		c := yearChoice{Year: y}
		for _, k := range period.Reports {
			if p, err := period.Of(k, y, 0); err == nil {
				c.Periods = append(c.Periods, p)
			}
		}
		out = append(out, c)
	}
	return out
}

// Badge is the style of the state's badge: the shared ok, warn and off.
func (t Timeliness) Badge() string {
	switch t {
	case OnTime:
		return "ok"
	case Late:
		return "warn"
	case Missing:
		return "off"
	}
	return ""
}

// chart is the doughnut of the agencies' timeliness, as the data-chart attribute
// that loa.js hands to Chart.js.
func chart(v *View, lang i18n.Lang) template.JS {
	colors := map[Timeliness]string{OnTime: "#1d6b3a", Late: "#d9c27a", Missing: "#b3261e", Due: "#9aa5b1"}
	var labels, palette []string
	var counts []int
	for _, s := range Timelinesses {
		labels = append(labels, i18n.T(lang, s.Label()))
		counts = append(counts, v.Totals.Count(s))
		palette = append(palette, colors[s])
	}
	b, err := json.Marshal(map[string]any{"type": "doughnut", "labels": labels, "data": counts, "colors": palette})
	if err != nil {
		panic(err) // strings and ints always marshal
	}
	return template.JS(b)
}

// Export downloads the view as an Excel workbook: the rates, the agency table and the
// figures by channel.
func (h *HTTP) Export(w http.ResponseWriter, r *http.Request) {
	v, _, err := h.load(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var buf bytes.Buffer
	if err := xlsx.WriteTables(&buf, Sheets(v, web.LangFrom(r))); err != nil {
		h.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="giam-sat-bao-cao-%s.xlsx"`, v.Period.String()))
	_, _ = w.Write(buf.Bytes())
}
