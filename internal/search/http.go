package search

import (
	"embed"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"loa/internal/i18n"
	"loa/internal/vn"
	"loa/internal/web"
)

// Templates are the search pages.
//
//go:embed templates
var Templates embed.FS

// HTTP serves the public search page and the type-ahead answers.
type HTTP struct {
	Index  *Index
	Render *web.Renderer
	Log    *slog.Logger
}

// PageSize is how many hits a results page shows.
const PageSize = 10

// kindFilter is one choice of the kind filter, with its count.
type kindFilter struct {
	Kind   string
	Label  string // catalogue key
	N      int
	Chosen bool
	Href   string // the page with this choice toggled
}

type yearFilter struct {
	Year   int
	N      int
	Chosen bool
	Href   string
}

type resultsPage struct {
	Query    string
	Kinds    []kindFilter
	Years    []yearFilter
	Year     int
	Chosen   []string // kinds chosen
	Hits     []Hit
	Pager    web.Pager
	Total    int
	Empty    bool // nothing typed
	Clear    string
	Windowed bool // more hits than the pager reaches (MaxOffset): narrow to see older ones
}

// query reads the page's query string: q, loai (kinds, repeatable or comma
// separated), nam (year), page. Unknown kinds and impossible years filter nothing.
func queryFrom(r *http.Request) (Query, web.Pager) {
	v := r.URL.Query()
	q := Query{Text: vn.Clean(v.Get("q"))}
	for _, raw := range v["loai"] {
		for k := range strings.SplitSeq(raw, ",") {
			if _, ok := kindCodes[k]; ok && !slices.Contains(q.Kinds, k) {
				q.Kinds = append(q.Kinds, k)
			}
		}
	}
	if y, err := strconv.Atoi(v.Get("nam")); err == nil && y > 1900 && y < 3000 {
		q.Year = y
	}
	pager := web.PagerFrom(r, PageSize)
	q.Limit, q.Offset = PageSize, pager.Offset()
	return q, pager
}

// link writes the results address for q on page 1.
func link(q Query) string {
	v := url.Values{}
	if q.Text != "" {
		v.Set("q", q.Text)
	}
	if len(q.Kinds) > 0 {
		v.Set("loai", strings.Join(q.Kinds, ","))
	}
	if q.Year != 0 {
		v.Set("nam", strconv.Itoa(q.Year))
	}
	if len(v) == 0 {
		return "/tim-kiem"
	}
	return "/tim-kiem?" + v.Encode()
}

// Results is the public search page: GET /tim-kiem?q=…&loai=…&nam=…&page=…
func (h *HTTP) Results(w http.ResponseWriter, r *http.Request) {
	lang := web.LangFrom(r)
	q, pager := queryFrom(r)
	res, err := h.Index.Search(r.Context(), q)
	if err != nil {
		h.Log.Error("search", "err", err, "q", q.Text, "request_id", web.RequestID(r.Context()))
		h.Render.Error(w, r, http.StatusInternalServerError)
		return
	}
	pager.Total = min(res.Total, MaxOffset+PageSize)
	data := resultsPage{Query: q.Text, Year: q.Year, Chosen: q.Kinds, Hits: res.Hits, Pager: pager, Total: res.Total,
		Empty: res.Empty, Windowed: res.Total > pager.Total}
	for _, kc := range res.Kinds {
		chosen := slices.Contains(q.Kinds, kc.Kind)
		other := q
		if chosen {
			other.Kinds = slices.DeleteFunc(slices.Clone(q.Kinds), func(k string) bool { return k == kc.Kind })
		} else {
			other.Kinds = append(slices.Clone(q.Kinds), kc.Kind)
		}
		data.Kinds = append(data.Kinds, kindFilter{Kind: kc.Kind, Label: "search.kind." + kc.Kind, N: kc.N, Chosen: chosen, Href: link(other)})
	}
	for _, yc := range res.Years {
		other := q
		chosen := yc.Year == q.Year
		if chosen {
			other.Year = 0
		} else {
			other.Year = yc.Year
		}
		data.Years = append(data.Years, yearFilter{Year: yc.Year, N: yc.N, Chosen: chosen, Href: link(other)})
	}
	if len(q.Kinds) > 0 || q.Year != 0 {
		data.Clear = link(Query{Text: q.Text})
	}
	title := i18n.T(lang, "search.title")
	if q.Text != "" {
		title = i18n.T(lang, "search.title_for", q.Text)
	}
	p := h.Render.NewPublicPage(r, title, data)
	// A results page is not a page to index: robots would crawl every query.
	w.Header().Set("X-Robots-Tag", "noindex")
	h.Render.RenderPublic(w, r, http.StatusOK, "search/results", p)
}

// suggestion is one type-ahead answer.
type suggestion struct {
	Title string `json:"title"`
	URL   string `json:"url"`
	Kind  string `json:"kind"`
	Label string `json:"label"` // the kind's name in the visitor's language
	Date  string `json:"date,omitempty"`
}

// Suggest answers type-ahead: GET /tim-kiem.json?q=… gives up to six hits for the
// words typed so far (the last one may be unfinished) and how many there are in all.
func (h *HTTP) Suggest(w http.ResponseWriter, r *http.Request) {
	lang := web.LangFrom(r)
	q, _ := queryFrom(r)
	q.Prefix, q.Limit, q.Offset = true, 6, 0
	out := struct {
		Query string       `json:"q"`
		Total int          `json:"total"`
		Hits  []suggestion `json:"hits"`
		More  string       `json:"more"`
	}{Query: q.Text, Hits: []suggestion{}, More: link(Query{Text: q.Text, Kinds: q.Kinds, Year: q.Year})}
	if len([]rune(q.Text)) >= minPrefix {
		res, err := h.Index.Search(r.Context(), q)
		if err != nil {
			h.Log.Error("search suggest", "err", err, "q", q.Text, "request_id", web.RequestID(r.Context()))
			http.Error(w, `{"error":"search"}`, http.StatusInternalServerError)
			return
		}
		out.Total = res.Total
		for _, hit := range res.Hits {
			s := suggestion{Title: hit.Title, URL: hit.URL, Kind: hit.Kind, Label: i18n.T(lang, "search.kind."+hit.Kind)}
			if !hit.Date.IsZero() {
				s.Date = hit.Date.In(vn.Location).Format("02/01/2006")
			}
			out.Hits = append(out.Hits, s)
		}
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=60")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	_ = json.NewEncoder(w).Encode(out)
}

// dateOf is a hit's date as the results list prints it ("05/03/2024").
func dateOf(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(vn.Location).Format("02/01/2006")
}

// DateText is the hit's date as the results list prints it, or "".
func (h Hit) DateText() string { return dateOf(h.Date) }

// KindLabel is the catalogue key of the hit's kind.
func (h Hit) KindLabel() string { return "search.kind." + h.Kind }
