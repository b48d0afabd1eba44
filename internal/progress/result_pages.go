package progress

import (
	"errors"
	"net/http"
	"slices"

	"loa/internal/auth"
	"loa/internal/i18n"
	"loa/internal/plan"
	"loa/internal/valid"
	"loa/internal/vn"
	"loa/internal/web"
)

type resultForm struct {
	Activity  *Activity
	Plan      *plan.Plan
	Result    *Result // nil when recording a new one
	Units     []unitOption
	Measure   Measure
	Audiences []string
	Confirm   []string // reasons to confirm, when asked
	Today     string
	Partners  []unitOption
}

type unitOption struct {
	ID, Name string
}

// recordable lists the units the viewer may record for on activity a: assigned to it
// and within the viewer's reach.
func (h *HTTP) recordable(r *http.Request, a *Activity) ([]unitOption, map[string]string, error) {
	mine, names, err := h.myUnits(r.Context())
	if err != nil {
		return nil, nil, err
	}
	var out []unitOption
	for _, u := range a.Units() {
		if slices.Contains(mine, u) && !slices.ContainsFunc(out, func(o unitOption) bool { return o.ID == u }) {
			out = append(out, unitOption{u, names[u]})
		}
	}
	return out, names, nil
}

func (h *HTTP) showResultForm(w http.ResponseWriter, r *http.Request, status int, a *Activity, res *Result, errs valid.Errors, confirm []i18n.Msg) {
	ctx := r.Context()
	units, names, err := h.recordable(r, a)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if len(units) == 0 && res == nil {
		h.Render.Error(w, r, http.StatusForbidden)
		return
	}
	p, err := h.Plans.Get(ctx, a.PlanID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	data := resultForm{Activity: a, Plan: p, Result: res, Units: units, Measure: MeasureOf(a.Kind), Audiences: Audiences, Today: vn.Today().Short()}
	for _, id := range a.Units() {
		data.Partners = append(data.Partners, unitOption{id, names[id]})
	}
	title := "result.new_title"
	if res != nil {
		title = "result.edit_title"
	}
	pg := h.Render.NewPage(w, r, i18n.T(web.LangFrom(r), title), data)
	if errs != nil || confirm != nil {
		pg.Errors = errs
		pg.Form = r.PostForm
		if r.MultipartForm != nil {
			pg.Form = r.MultipartForm.Value
		}
		data.Confirm = messages(pg, confirm)
		pg.Data = data
	}
	h.Render.Render(w, r, status, "progress/result_form", pg)
}

// NewResult shows the form to record a result for an activity, sized for a phone.
func (h *HTTP) NewResult(w http.ResponseWriter, r *http.Request) {
	a, err := h.Store.LoadActivity(r.Context(), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if !open(a.PlanStatus) {
		web.Flash(w, "result.plan_not_open")
		web.Redirect(w, r, "/plans/"+a.PlanID)
		return
	}
	h.showResultForm(w, r, http.StatusOK, a, nil, nil, nil)
}

// CreateResult records a result with its evidence.
func (h *HTTP) CreateResult(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	a, err := h.Store.LoadActivity(ctx, r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	in := inputFrom(r)
	res, err := h.Store.Record(ctx, a.ID, in, uploads(r))
	if h.resultError(w, r, a, nil, err) {
		return
	}
	web.Flash(w, "result.recorded")
	web.Redirect(w, r, "/results/"+res.ID)
}

// resultError shows the form again for a user's mistake and reports whether err was one.
func (h *HTTP) resultError(w http.ResponseWriter, r *http.Request, a *Activity, res *Result, err error) bool {
	var ve *valid.Error
	var nc *NeedsConfirm
	var fe *FileRefused
	switch {
	case err == nil:
		return false
	case errors.As(err, &ve):
		h.showResultForm(w, r, http.StatusUnprocessableEntity, a, res, ve.Fields, nil)
	case errors.As(err, &nc):
		h.showResultForm(w, r, http.StatusUnprocessableEntity, a, res, nil, nc.Reasons)
	case errors.As(err, &fe):
		h.showResultForm(w, r, http.StatusUnprocessableEntity, a, res, valid.Errors{"files": i18n.M("result.file_refused", fe.Message)}, nil)
	case errors.Is(err, ErrNotUnits):
		h.showResultForm(w, r, http.StatusUnprocessableEntity, a, res, valid.Errors{"agency_id": i18n.M("result.unit_not_assigned")}, nil)
	case errors.Is(err, ErrNotOpen):
		h.showResultForm(w, r, http.StatusConflict, a, res, valid.Errors{"": i18n.M("result.plan_not_open")}, nil)
	case errors.Is(err, ErrStale):
		h.showResultForm(w, r, http.StatusConflict, a, res, valid.Errors{"": i18n.M("form.stale")}, nil)
	case errors.Is(err, ErrLocked):
		h.showResultForm(w, r, http.StatusConflict, a, res, valid.Errors{"": i18n.M("result.locked")}, nil)
	default:
		h.fail(w, r, err)
	}
	return true
}

type resultPage struct {
	Result    *Result
	Activity  *Activity
	Plan      *plan.Plan
	Events    []Event
	Topics    map[string]string
	Names     map[string]string
	CanEdit   bool
	CanReview bool
}

// ViewResult shows a result with its evidence, history and the review actions.
func (h *HTTP) ViewResult(w http.ResponseWriter, r *http.Request) {
	h.showResult(w, r, http.StatusOK, nil)
}

func (h *HTTP) showResult(w http.ResponseWriter, r *http.Request, status int, errs valid.Errors) {
	ctx := r.Context()
	res, err := h.Store.Get(ctx, r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	a, err := h.Store.LoadActivity(ctx, res.ActivityID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p, err := h.Plans.Get(ctx, res.PlanID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	events, err := h.Store.Events(ctx, res.ID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	_, names, err := h.reach(ctx, auth.ActView)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	data := resultPage{Result: res, Activity: a, Plan: p, Events: events, Topics: map[string]string{}, Names: names,
		CanEdit: res.Editable() && h.can(ctx, auth.ActResultRecord, res.AgencyID), CanReview: h.can(ctx, auth.ActProgressManage, res.AgencyID)}
	for _, t := range p.Topics {
		data.Topics[t.ID] = t.Text
	}
	pg := h.Render.NewPage(w, r, i18n.T(web.LangFrom(r), "result.title"), data)
	if errs != nil {
		pg.Errors, pg.Form = errs, r.PostForm
	}
	h.Render.Render(w, r, status, "progress/result", pg)
}

// EditResult shows a result's form to fix it (a returned one, or one not yet reviewed).
func (h *HTTP) EditResult(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	res, err := h.Store.Get(ctx, r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if !res.Editable() {
		web.Flash(w, "result.locked")
		web.Redirect(w, r, "/results/"+res.ID)
		return
	}
	a, err := h.Store.LoadActivity(ctx, res.ActivityID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.showResultForm(w, r, http.StatusOK, a, res, nil, nil)
}

// UpdateResult saves a fixed result and submits it again.
func (h *HTTP) UpdateResult(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	res, err := h.Store.Get(ctx, r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	a, err := h.Store.LoadActivity(ctx, res.ActivityID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	version := atoi(formValue(r, "row_version"))
	_, err = h.Store.Update(ctx, res.ID, version, inputFrom(r), uploads(r))
	if h.resultError(w, r, a, res, err) {
		return
	}
	web.Flash(w, "result.resubmitted")
	web.Redirect(w, r, "/results/"+res.ID)
}

func formValue(r *http.Request, k string) string {
	if r.MultipartForm != nil {
		if v := r.MultipartForm.Value[k]; len(v) > 0 {
			return v[0]
		}
	}
	return r.PostFormValue(k)
}

// Review returns the handler of a review action: accept, return, reopen.
func (h *HTTP) Review(action string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		id, version := r.PathValue("id"), atoi(r.PostFormValue("row_version"))
		var err error
		switch action {
		case "accept":
			_, err = h.Store.Accept(ctx, id, version)
		case "return":
			_, err = h.Store.Return(ctx, id, version, r.PostFormValue("comment"))
		case "reopen":
			_, err = h.Store.Reopen(ctx, id, version, r.PostFormValue("reason"))
		}
		var ve *valid.Error
		switch {
		case errors.As(err, &ve):
			h.showResult(w, r, http.StatusUnprocessableEntity, ve.Fields)
		case errors.Is(err, ErrStale), errors.Is(err, ErrLocked):
			h.showResult(w, r, http.StatusConflict, valid.Errors{"": i18n.M("result.review_conflict")})
		case err != nil:
			h.fail(w, r, err)
		default:
			web.Flash(w, "result.done_"+action)
			next := web.SafeNext(r.PostFormValue("next"), "/results/"+id)
			web.Redirect(w, r, next)
		}
	}
}

// File serves an evidence file of a result, or its thumbnail.
func (h *HTTP) File(w http.ResponseWriter, r *http.Request) {
	res, err := h.Store.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	hash := r.PathValue("hash")
	for _, f := range res.Files {
		if f.Hash != hash {
			continue
		}
		if r.URL.Query().Get("thumb") == "1" && f.Image {
			h.Files.ServeThumb(w, r, hash)
		} else {
			h.Files.Serve(w, r, hash, f.Name)
		}
		return
	}
	h.Render.Error(w, r, http.StatusNotFound)
}

type reviewPage struct {
	Rows  []*Result
	Pager web.Pager
	Acts  map[string]string
}

// ReviewQueue lists the results waiting for the office, oldest first.
func (h *HTTP) ReviewQueue(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	units, _, err := h.reach(ctx, auth.ActProgressManage)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	pager := web.PagerFrom(r, 50)
	rows, total, err := h.Store.List(ctx, ListFilter{Agencies: units, Status: StatusSubmitted, Limit: pager.Size, Offset: pager.Offset()})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	pager.Total = total
	acts := map[string]string{}
	for _, res := range rows {
		if _, ok := acts[res.ActivityID]; !ok {
			if a, err := h.Store.LoadActivity(ctx, res.ActivityID); err == nil {
				acts[res.ActivityID] = a.Text
			}
		}
	}
	pg := h.Render.NewPage(w, r, i18n.T(web.LangFrom(r), "review.title"), reviewPage{Rows: rows, Pager: pager, Acts: acts})
	h.Render.Render(w, r, http.StatusOK, "progress/review", pg)
}

// Exempt marks an activity not applicable, or counts it again.
func (h *HTTP) Exempt(on bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		a, err := h.Store.LoadActivity(ctx, r.PathValue("id"))
		if err != nil {
			h.fail(w, r, err)
			return
		}
		if on {
			reason := vn.Clean(r.PostFormValue("reason"))
			if reason == "" {
				web.Flash(w, "progress.exempt_reason_required")
				web.Redirect(w, r, "/plans/"+a.PlanID+"/progress")
				return
			}
			err = h.Store.Exempt(ctx, a.ID, reason, auth.FromContext(ctx).User.ID)
		} else {
			err = h.Store.Unexempt(ctx, a.ID)
		}
		if err != nil {
			h.fail(w, r, err)
			return
		}
		web.Flash(w, map[bool]string{true: "progress.exempted", false: "progress.unexempted"}[on])
		web.Redirect(w, r, "/plans/"+a.PlanID+"/progress")
	}
}
