package report

import (
	"bytes"
	"context"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"loa/internal/agency"
	"loa/internal/auth"
	dochtml "loa/internal/document/html"
	"loa/internal/i18n"
	"loa/internal/period"
	"loa/internal/plan"
	"loa/internal/store"
	"loa/internal/valid"
	"loa/internal/vn"
	"loa/internal/web"
)

// Templates are the report pages.
//
//go:embed templates
var Templates embed.FS

// HTTP serves the report pages.
type HTTP struct {
	Store    *Store
	Compiler *Compiler
	Agencies *agency.Store
	DB       *store.DB
	Render   *web.Renderer
	Log      *slog.Logger
	// Deadline computes when a report of an agency for a period is due; nil leaves it open.
	Deadline func(ctx context.Context, ag *agency.Agency, p period.Period) (vn.Date, error)
}

func (h *HTTP) fail(w http.ResponseWriter, r *http.Request, err error) {
	switch {
	case errors.Is(err, store.ErrNotFound):
		h.Render.Error(w, r, http.StatusNotFound)
	case errors.Is(err, store.ErrDuplicateSubmit):
		web.Flash(w, "form.double_submit")
		web.Redirect(w, r, "/reports")
	default:
		h.Log.Error("report", "err", err, "request_id", web.RequestID(r.Context()))
		h.Render.Error(w, r, http.StatusInternalServerError)
	}
}

func (h *HTTP) can(ctx context.Context, action auth.Action, agencyID string) bool {
	anc, err := h.Agencies.Ancestry(ctx, agencyID)
	return err == nil && len(anc) > 0 && auth.Can(auth.FromContext(ctx), action, anc)
}

// within lists the agencies in the viewer's subtrees for action.
func (h *HTTP) within(ctx context.Context, action auth.Action) ([]*agency.Agency, error) {
	all, err := h.Agencies.All(ctx)
	if err != nil {
		return nil, err
	}
	me := auth.FromContext(ctx)
	anc := agency.Ancestries(all)
	var out []*agency.Agency
	for _, a := range all {
		for _, m := range me.Memberships {
			if a.Active() && containsID(anc[a.ID], m.AgencyID) && auth.Can(me, action, anc[a.ID]) {
				out = append(out, a)
				break
			}
		}
	}
	return out, nil
}

func containsID(list []string, id string) bool {
	for _, x := range list {
		if x == id {
			return true
		}
	}
	return false
}

type listPage struct {
	Rows      []*Report
	Agencies  []*agency.Agency // where the viewer may start a report
	Periods   []period.Period
	Suggested string
}

// List shows the reports of the viewer's agencies and the form to start one.
func (h *HTTP) List(w http.ResponseWriter, r *http.Request) {
	h.showList(w, r, http.StatusOK, nil)
}

func (h *HTTP) showList(w http.ResponseWriter, r *http.Request, status int, errs valid.Errors) {
	ctx := r.Context()
	mine, err := h.within(ctx, auth.ActView)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	ids := make([]string, len(mine))
	for i, a := range mine {
		ids[i] = a.ID
	}
	rows, err := h.Store.List(ctx, Filter{Agencies: ids})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	drafting, err := h.within(ctx, auth.ActPlanDraft)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	data := listPage{Rows: rows}
	for _, a := range drafting {
		if !a.External && (a.Kind == agency.KindDepartment || a.Kind == agency.KindPeoplesCommittee) {
			data.Agencies = append(data.Agencies, a)
		}
	}
	vn.SortBy(data.Agencies, func(a *agency.Agency) string { return a.Name })
	today := vn.Today()
	for y := today.Year + 1; y >= today.Year-3; y-- {
		for _, k := range period.Reports {
			if p, err := period.Of(k, y, 0); err == nil {
				data.Periods = append(data.Periods, p)
			}
		}
	}
	if next := period.NextCutoffs(today, period.Reports...); len(next) > 0 {
		data.Suggested = next[0].String()
	}
	pg := h.Render.NewPage(w, r, i18n.T(web.LangFrom(r), "report.list_title"), data)
	if errs != nil {
		pg.Errors, pg.Form = errs, r.PostForm
	}
	h.Render.Render(w, r, status, "report/list", pg)
}

// Create starts a draft report of an agency for a period, on the agency's plan of the
// year when it has one; without one it says so and lets the office go on.
func (h *HTTP) Create(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p, err := period.Parse(r.PostFormValue("period"))
	if err != nil {
		h.showList(w, r, http.StatusUnprocessableEntity, valid.Errors{"period": i18n.M("report.period_invalid")})
		return
	}
	ag, err := h.Agencies.Get(ctx, r.PostFormValue("agency_id"))
	if err != nil {
		h.showList(w, r, http.StatusUnprocessableEntity, valid.Errors{"agency_id": i18n.M("agency.parent_missing")})
		return
	}
	existing, err := h.Store.List(ctx, Filter{Agencies: []string{ag.ID}, Period: p.String()})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	for _, e := range existing {
		if e.Status != StatusReplaced {
			web.Flash(w, "report.exists")
			web.Redirect(w, r, "/reports/"+e.ID)
			return
		}
	}
	pl, err := h.Compiler.FindPlan(ctx, ag.ID, p)
	if err != nil && !errors.Is(err, ErrNoPlan) {
		h.fail(w, r, err)
		return
	}
	lang := web.LangFrom(r)
	rep, err := Draft(ctx, h.DB, h.Agencies, ag, pl, p, lang)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if h.Deadline != nil {
		if rep.Deadline, err = h.Deadline(ctx, ag, p); err != nil {
			h.fail(w, r, err)
			return
		}
	}
	figures, err := h.Compiler.Compile(ctx, ag, pl, p, lang)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	rep.Narrative = Prefill(figures)
	if rep, err = h.Store.Create(ctx, rep, auth.FromContext(ctx).User.ID); err != nil {
		h.fail(w, r, err)
		return
	}
	web.Flash(w, "report.created")
	web.Redirect(w, r, "/reports/"+rep.ID)
}

// figures are the report's frozen figures, or the live ones before submission.
func (h *HTTP) figures(ctx context.Context, rep *Report, lang i18n.Lang) (*Compiled, error) {
	if rep.Figures != nil {
		return rep.Figures, nil
	}
	ag, err := h.Agencies.Get(ctx, rep.AgencyID)
	if err != nil {
		return nil, err
	}
	p, err := period.Parse(rep.Period)
	if err != nil {
		return nil, err
	}
	var pl *plan.Plan
	if rep.PlanID != "" {
		if pl, err = h.Compiler.Plans.Get(ctx, rep.PlanID); err != nil {
			return nil, err
		}
	}
	return h.Compiler.Compile(ctx, ag, pl, p, lang)
}

type viewPage struct {
	R          *Report
	C          *Compiled
	Preview    template.HTML
	Events     []Event
	Since      time.Time
	Changes    []Change
	Recipients []*agency.Agency
	Received   bool // viewed by the recipient agency
	CanDraft   bool
	CanApprove bool
	CanIssue   bool
	Today      string
	Prefilled  Narrative
}

// View shows a report: its figures (live until submitted), narrative, printed page,
// history and what changed since the previous report.
func (h *HTTP) View(w http.ResponseWriter, r *http.Request) { h.show(w, r, http.StatusOK, false, nil) }

// Received shows a report sent to the viewer's agency.
func (h *HTTP) Received(w http.ResponseWriter, r *http.Request) {
	h.show(w, r, http.StatusOK, true, nil)
}

func (h *HTTP) show(w http.ResponseWriter, r *http.Request, status int, received bool, errs valid.Errors) {
	ctx := r.Context()
	lang := web.LangFrom(r)
	rep, err := h.Store.Get(ctx, r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if received && rep.Status != StatusSent {
		h.Render.Error(w, r, http.StatusNotFound)
		return
	}
	c, err := h.figures(ctx, rep, lang)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var buf bytes.Buffer
	if err := dochtml.Write(&buf, ToDocument(rep, c, lang)); err != nil {
		h.fail(w, r, err)
		return
	}
	data := viewPage{R: rep, C: c, Preview: template.HTML(buf.String()), Received: received, Today: vn.Today().Short(), Prefilled: Prefill(c)}
	if !received {
		data.CanDraft = h.can(ctx, auth.ActPlanDraft, rep.AgencyID)
		data.CanApprove = h.can(ctx, auth.ActPlanApprove, rep.AgencyID)
		data.CanIssue = h.can(ctx, auth.ActPlanIssue, rep.AgencyID)
		if data.Events, err = h.Store.Events(ctx, rep.ID); err != nil {
			h.fail(w, r, err)
			return
		}
		if data.Since, data.Changes, err = h.Store.Since(ctx, rep); err != nil {
			h.fail(w, r, err)
			return
		}
		all, err := h.Agencies.All(ctx)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		for _, a := range all {
			if a.Active() && a.ID != rep.AgencyID && (a.Kind == agency.KindDepartment || a.Kind == agency.KindPeoplesCommittee) {
				data.Recipients = append(data.Recipients, a)
			}
		}
		vn.SortBy(data.Recipients, func(a *agency.Agency) string { return a.Name })
	}
	pg := h.Render.NewPage(w, r, title(rep), data)
	pg.Stylesheets = []string{"/static/doc/" + dochtml.Stylesheet()}
	if errs != nil {
		pg.Errors, pg.Form = errs, r.PostForm
	}
	h.Render.Render(w, r, status, "report/view", pg)
}

func title(r *Report) string {
	if r.Number != "" {
		return fmt.Sprintf("Báo cáo số %s/%s", r.Number, r.Symbol)
	}
	return "Báo cáo " + r.Header.Summary
}

func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		if l = strings.TrimSpace(strings.TrimRight(strings.TrimLeft(strings.TrimSpace(l), "-"), ";.")); l != "" {
			out = append(out, vn.Clean(l))
		}
	}
	return out
}

// Save saves the report's header and narrative while it is a draft.
func (h *HTTP) Save(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	version, _ := strconv.Atoi(r.PostFormValue("row_version"))
	e := Edit{Summary: r.PostFormValue("summary"), RecipientID: r.PostFormValue("recipient_id"), Recipients: lines(r.PostFormValue("recipients")),
		Signer:    plan.Signer{Authority: strings.ToUpper(vn.Clean(r.PostFormValue("authority"))), Title: strings.ToUpper(vn.Clean(r.PostFormValue("title"))), Name: vn.Clean(r.PostFormValue("name"))},
		Narrative: Narrative{Results: r.PostFormValue("results"), Limitations: r.PostFormValue("limitations"), NextTasks: r.PostFormValue("next_tasks"), Proposals: r.PostFormValue("proposals")}}
	if e.RecipientID != "" {
		if rec, err := h.Agencies.Get(ctx, e.RecipientID); err == nil {
			e.KinhGui = []string{rec.Name}
		}
	}
	_, err := h.Store.SaveEdit(ctx, r.PathValue("id"), version, e)
	var ve *valid.Error
	switch {
	case errors.As(err, &ve):
		h.show(w, r, http.StatusUnprocessableEntity, false, ve.Fields)
	case errors.Is(err, ErrStale):
		h.show(w, r, http.StatusConflict, false, valid.Errors{"": i18n.M("form.stale")})
	case errors.Is(err, ErrFrozen):
		h.show(w, r, http.StatusConflict, false, valid.Errors{"": i18n.M("report.frozen")})
	case err != nil:
		h.fail(w, r, err)
	default:
		web.Flash(w, "form.saved")
		web.Redirect(w, r, "/reports/"+r.PathValue("id"))
	}
}

// Act returns the handler of a lifecycle action; the route table says who may call it.
func (h *HTTP) Act(action string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		id := r.PathValue("id")
		version, _ := strconv.Atoi(r.PostFormValue("row_version"))
		var next *Report
		var err error
		switch action {
		case "submit":
			rep, gerr := h.Store.Get(ctx, id)
			if gerr != nil {
				h.fail(w, r, gerr)
				return
			}
			c, cerr := h.figures(ctx, rep, web.LangFrom(r))
			if cerr != nil {
				h.fail(w, r, cerr)
				return
			}
			next, err = h.Store.Submit(ctx, id, version, c)
		case "return":
			next, err = h.Store.Return(ctx, id, version, r.PostFormValue("comment"))
		case "approve":
			next, err = h.Store.Approve(ctx, id, version)
		case "issue":
			on, derr := vn.ParseUserDate(r.PostFormValue("date"))
			if derr != nil {
				h.show(w, r, http.StatusUnprocessableEntity, false, valid.Errors{"date": i18n.M("valid.date")})
				return
			}
			next, err = h.Store.Issue(ctx, id, version, on, plan.AgencyNames{Agencies: h.Agencies})
		case "send":
			next, err = h.Store.Send(ctx, id, version)
		case "reopen":
			next, err = h.Store.Reopen(ctx, id, version, r.PostFormValue("reason"), auth.FromContext(ctx).User.ID)
		}
		var ve *valid.Error
		switch {
		case errors.As(err, &ve):
			h.show(w, r, http.StatusUnprocessableEntity, false, ve.Fields)
		case errors.Is(err, ErrStale), errors.Is(err, ErrTransition):
			h.show(w, r, http.StatusConflict, false, valid.Errors{"": i18n.M("report.transition_refused")})
		case err != nil:
			h.fail(w, r, err)
		default:
			web.Flash(w, "report.done_"+action)
			web.Redirect(w, r, "/reports/"+next.ID)
		}
	}
}

// Export downloads the report in a format.
func (h *HTTP) Export(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	rep, err := h.Store.Get(ctx, r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if strings.HasPrefix(r.URL.Path, "/received/") && rep.Status != StatusSent {
		h.Render.Error(w, r, http.StatusNotFound)
		return
	}
	format := r.PathValue("format")
	ct, ok := ContentTypes[format]
	if !ok {
		h.Render.Error(w, r, http.StatusNotFound)
		return
	}
	lang := web.LangFrom(r)
	c, err := h.figures(ctx, rep, lang)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var buf bytes.Buffer
	if err := Export(&buf, rep, c, format, lang); err != nil {
		h.fail(w, r, err)
		return
	}
	name := "BC-" + rep.Period
	if rep.Number != "" {
		name = rep.Number + "-" + rep.Symbol + "-" + rep.Period
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+"."+format+`"`)
	w.Header().Set("Cache-Control", "private, no-store")
	_, _ = w.Write(buf.Bytes())
}

// Inbox lists the reports sent to the viewer's agencies.
func (h *HTTP) Inbox(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	mine, err := h.within(ctx, auth.ActView)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	ids := make([]string, len(mine))
	for i, a := range mine {
		ids[i] = a.ID
	}
	rows, err := h.Store.List(ctx, Filter{Recipient: ids, Statuses: []Status{StatusSent}})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	pg := h.Render.NewPage(w, r, i18n.T(web.LangFrom(r), "report.inbox_title"), rows)
	h.Render.Render(w, r, http.StatusOK, "report/inbox", pg)
}
