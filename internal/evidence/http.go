package evidence

import (
	"context"
	"embed"
	"errors"
	"log/slog"
	"net/http"
	"net/url"
	"time"

	"loa/internal/agency"
	"loa/internal/auth"
	"loa/internal/files"
	"loa/internal/i18n"
	"loa/internal/period"
	"loa/internal/plan"
	"loa/internal/store"
	"loa/internal/web"
)

// Templates are the page of the evidence pack.
//
//go:embed templates
var Templates embed.FS

// HTTP serves the evidence pack: a page that previews it for a period and the
// download itself.
type HTTP struct {
	DB       *store.DB
	Files    *files.Store
	Plans    *plan.Store
	Agencies *agency.Store
	Render   *web.Renderer
	Log      *slog.Logger
}

// request is what both handlers read: the plan, the period asked for (the plan's
// year by default) and the units the viewer may see.
type request struct {
	plan   *plan.Plan
	period period.Period
	units  []string
}

var errPeriod = errors.New("evidence: not a period")

func (h *HTTP) read(r *http.Request) (*request, error) {
	ctx := r.Context()
	p, err := h.Plans.Get(ctx, r.PathValue("id"))
	if err != nil {
		return nil, err
	}
	req := &request{plan: p}
	if req.period, err = period.Of(period.Year, p.Year, 0); err != nil {
		return nil, err
	}
	if code := r.URL.Query().Get("period"); code != "" {
		if req.period, err = period.Parse(code); err != nil {
			return req, errPeriod
		}
	}
	req.units, err = h.visible(ctx, p)
	return req, err
}

// visible is nil when the viewer sees every unit's results of the plan, as its office
// and leaders do; otherwise the units whose results the viewer may open one by one —
// the same rule as the result pages — so the pack shows no more than they do.
func (h *HTTP) visible(ctx context.Context, p *plan.Plan) ([]string, error) {
	all, err := h.Agencies.All(ctx)
	if err != nil {
		return nil, err
	}
	me := auth.FromContext(ctx)
	anc := agency.Ancestries(all)
	if auth.Can(me, auth.ActOverview, anc[p.AgencyID]) {
		return nil, nil
	}
	out := []string{}
	for _, a := range all {
		if auth.Can(me, auth.ActView, anc[a.ID]) {
			out = append(out, a.ID)
		}
	}
	return out, nil
}

func (h *HTTP) fail(w http.ResponseWriter, r *http.Request, err error) {
	switch {
	case errors.Is(err, store.ErrNotFound):
		h.Render.Error(w, r, http.StatusNotFound)
	case errors.Is(err, errPeriod):
		h.Render.Error(w, r, http.StatusBadRequest)
	default:
		h.Log.Error("evidence", "err", err, "request_id", web.RequestID(r.Context()))
		h.Render.Error(w, r, http.StatusInternalServerError)
	}
}

// DownloadName is the pack's file name for period p: ASCII, so every browser and
// every unzip tool keeps it as it is.
func DownloadName(p period.Period) string { return "tai-lieu-kiem-chung-" + p.String() + ".zip" }

// Download streams the evidence pack of a plan for ?period= (the plan's year by default).
func (h *HTTP) Download(w http.ResponseWriter, r *http.Request) {
	req, err := h.read(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	hd := w.Header()
	hd.Set("Content-Type", "application/zip")
	hd.Set("Content-Disposition", `attachment; filename="`+DownloadName(req.period)+`"`)
	hd.Set("Cache-Control", "private, no-store")
	if r.Method == http.MethodHead {
		return
	}
	sum, err := PackUnits(r.Context(), &deadlineWriter{w: w, rc: http.NewResponseController(w)}, h.DB, h.Files, req.plan.ID, req.period, req.units)
	if err != nil {
		// The ZIP has begun: no error page can follow it. Breaking the connection makes
		// the browser say the download failed instead of keeping half a pack.
		h.Log.Error("evidence pack", "plan", req.plan.ID, "period", req.period.String(), "err", err, "request_id", web.RequestID(r.Context()))
		panic(http.ErrAbortHandler)
	}
	if sum.Problems > 0 {
		h.Log.Warn("evidence pack with problems", "plan", req.plan.ID, "period", req.period.String(), "problems", sum.Problems,
			"request_id", web.RequestID(r.Context()))
	}
}

// writeGrace is how long a download may stall before the server gives up on it.
const writeGrace = 2 * time.Minute

// deadlineWriter pushes the connection's write deadline forward while bytes flow:
// the server's own write timeout suits pages, not a pack of a few hundred megabytes
// on an office's line, yet a client that stops reading should not hold the
// connection for ever.
type deadlineWriter struct {
	w    http.ResponseWriter
	rc   *http.ResponseController
	next time.Time // when to push the deadline again
}

func (d *deadlineWriter) Write(p []byte) (int, error) {
	if now := time.Now(); now.After(d.next) {
		// Unsupported under a test recorder; there is no deadline to push then.
		_ = d.rc.SetWriteDeadline(now.Add(writeGrace))
		d.next = now.Add(writeGrace / 4)
	}
	return d.w.Write(p)
}

type choice struct {
	Code     string
	Label    string
	Selected bool
}

type pageData struct {
	Plan     *plan.Plan
	Label    string // the chosen period, with its days
	Reports  []choice
	Months   []choice
	Other    *choice // a period of another year asked for by address
	Preview  Preview
	Size     string
	Limited  bool
	Download string
	BadCode  string // a period that could not be read
}

// Page previews the pack of a period and offers its download.
func (h *HTTP) Page(w http.ResponseWriter, r *http.Request) {
	req, err := h.read(r)
	bad := ""
	if errors.Is(err, errPeriod) {
		// Show the plan's year instead, and say what was wrong.
		bad = r.URL.Query().Get("period")
		req.period, _ = period.Of(period.Year, req.plan.Year, 0)
		req.units, err = h.visible(r.Context(), req.plan)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	prev, err := Count(r.Context(), h.DB, req.plan.ID, req.period, req.units)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	lang := web.LangFrom(r)
	label := func(p period.Period) string { return p.Label().In(lang) + " (" + p.Span() + ")" }
	d := pageData{Plan: req.plan, Label: label(req.period), Preview: prev, Size: sizeText(prev.Bytes), Limited: req.units != nil,
		Download: "/plans/" + url.PathEscape(req.plan.ID) + "/evidence.zip?" + url.Values{"period": {req.period.String()}}.Encode(), BadCode: bad}
	found := false
	add := func(list *[]choice, p period.Period) {
		c := choice{Code: p.String(), Label: label(p), Selected: p == req.period}
		found = found || c.Selected
		*list = append(*list, c)
	}
	for _, k := range period.Reports {
		p, _ := period.Of(k, req.plan.Year, 0)
		add(&d.Reports, p)
	}
	for m := 1; m <= 12; m++ {
		p, _ := period.Of(period.Month, req.plan.Year, m)
		add(&d.Months, p)
	}
	if !found {
		d.Other = &choice{Code: req.period.String(), Label: label(req.period), Selected: true}
	}
	pg := h.Render.NewPage(w, r, i18n.T(lang, "evidence.title"), d)
	h.Render.Render(w, r, http.StatusOK, "evidence/pack", pg)
}
