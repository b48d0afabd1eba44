package progress

import (
	"errors"
	"net/http"

	"loa/internal/auth"
	"loa/internal/i18n"
	"loa/internal/plan"
	"loa/internal/valid"
	"loa/internal/vn"
	"loa/internal/web"
)

type difficultiesPage struct {
	Rows   []*Difficulty
	Status string
}

// Difficulties lists the difficulties of the viewer's agencies, open ones first.
func (h *HTTP) Difficulties(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	agencies, _, err := h.reach(ctx, auth.ActView)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	status := r.URL.Query().Get("status")
	rows, err := h.Store.Difficulties(ctx, agencies, "", status)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	pg := h.Render.NewPage(w, r, i18n.T(web.LangFrom(r), "difficulty.list_title"), difficultiesPage{Rows: rows, Status: status})
	h.Render.Render(w, r, http.StatusOK, "progress/difficulties", pg)
}

type difficultyForm struct {
	Units []unitOption
	Plans []*plan.Plan
}

func (h *HTTP) runningPlans(r *http.Request) ([]*plan.Plan, error) {
	ctx := r.Context()
	list, err := h.Plans.List(ctx, nil, 0)
	if err != nil {
		return nil, err
	}
	var out []*plan.Plan
	for _, s := range list {
		if s.Status != plan.StatusInEffect && s.Status != plan.StatusIssued {
			continue
		}
		if !h.can(ctx, auth.ActView, s.AgencyID) {
			continue
		}
		p, err := h.Plans.Get(ctx, s.ID)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

func (h *HTTP) showDifficultyForm(w http.ResponseWriter, r *http.Request, status int, errs valid.Errors) {
	ctx := r.Context()
	units, names, err := h.myUnits(ctx)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	plans, err := h.runningPlans(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	data := difficultyForm{Plans: plans}
	for _, u := range units {
		data.Units = append(data.Units, unitOption{u, names[u]})
	}
	pg := h.Render.NewPage(w, r, i18n.T(web.LangFrom(r), "difficulty.new_title"), data)
	if errs != nil {
		pg.Errors, pg.Form = errs, r.PostForm
	}
	h.Render.Render(w, r, status, "progress/difficulty_form", pg)
}

// NewDifficulty shows the form to raise a difficulty (?plan= and ?activity= preselect).
func (h *HTTP) NewDifficulty(w http.ResponseWriter, r *http.Request) {
	h.showDifficultyForm(w, r, http.StatusOK, nil)
}

// RaiseDifficulty records a unit's difficulty.
func (h *HTTP) RaiseDifficulty(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	planID, activityID := r.PostFormValue("plan_id"), r.PostFormValue("activity_id")
	if planID != "" {
		p, err := h.Plans.Get(ctx, planID)
		if err != nil || !h.can(ctx, auth.ActView, p.AgencyID) {
			h.showDifficultyForm(w, r, http.StatusUnprocessableEntity, valid.Errors{"plan_id": i18n.M("difficulty.plan_unknown")})
			return
		}
	}
	d, err := h.Store.Raise(ctx, planID, activityID, r.PostFormValue("agency_id"), r.PostFormValue("title"), r.PostFormValue("body"))
	var ve *valid.Error
	if errors.As(err, &ve) {
		h.showDifficultyForm(w, r, http.StatusUnprocessableEntity, ve.Fields)
		return
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	web.Flash(w, "difficulty.raised")
	web.Redirect(w, r, "/difficulties/"+d.ID)
}

type difficultyPage struct {
	D         *Difficulty
	Events    []DifficultyEvent
	CanManage bool // the office: answer, escalate
	CanAnswer bool // the office, or a leader for an escalated one
	CanClose  bool
	CanReopen bool
}

// ViewDifficulty shows a difficulty, its history and what the viewer may do next.
func (h *HTTP) ViewDifficulty(w http.ResponseWriter, r *http.Request) {
	h.showDifficulty(w, r, http.StatusOK, nil)
}

func (h *HTTP) showDifficulty(w http.ResponseWriter, r *http.Request, status int, errs valid.Errors) {
	ctx := r.Context()
	d, events, err := h.Store.Difficulty(ctx, r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	manage := h.can(ctx, auth.ActProgressManage, d.AgencyID)
	unit := h.can(ctx, auth.ActResultRecord, d.AgencyID)
	data := difficultyPage{D: d, Events: events, CanManage: manage && d.Status == DifficultyOpen,
		CanAnswer: (manage && (d.Status == DifficultyOpen || d.Status == DifficultyEscalated)) ||
			(d.Status == DifficultyEscalated && h.can(ctx, auth.ActPlanApprove, d.AgencyID)),
		CanClose: (manage || unit) && d.Status != DifficultyClosed, CanReopen: (manage || unit) && (d.Status == DifficultyAnswered || d.Status == DifficultyClosed)}
	pg := h.Render.NewPage(w, r, d.Title, data)
	if errs != nil {
		pg.Errors, pg.Form = errs, r.PostForm
	}
	h.Render.Render(w, r, status, "progress/difficulty", pg)
}

// MoveDifficulty returns the handler of a difficulty action. The route admits
// readers; who may take each action is asked of the one permission check here,
// because it depends on the difficulty's status (a leader answers what was escalated).
func (h *HTTP) MoveDifficulty(action string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		d, _, err := h.Store.Difficulty(ctx, r.PathValue("id"))
		if err != nil {
			h.fail(w, r, err)
			return
		}
		manage := h.can(ctx, auth.ActProgressManage, d.AgencyID)
		allowed := map[string]bool{
			"answer":   manage || (d.Status == DifficultyEscalated && h.can(ctx, auth.ActPlanApprove, d.AgencyID)),
			"escalate": manage,
			"close":    manage || h.can(ctx, auth.ActResultRecord, d.AgencyID),
			"reopen":   manage || h.can(ctx, auth.ActResultRecord, d.AgencyID),
		}[action]
		if !allowed {
			h.Render.Error(w, r, http.StatusForbidden)
			return
		}
		_, err = h.Store.MoveDifficulty(ctx, d.ID, atoi(r.PostFormValue("row_version")), action, r.PostFormValue("text"))
		var ve *valid.Error
		switch {
		case errors.As(err, &ve):
			h.showDifficulty(w, r, http.StatusUnprocessableEntity, ve.Fields)
		case errors.Is(err, ErrStale), errors.Is(err, ErrLocked):
			h.showDifficulty(w, r, http.StatusConflict, valid.Errors{"": i18n.M("form.stale")})
		case err != nil:
			h.fail(w, r, err)
		default:
			web.Flash(w, "difficulty.done_"+action)
			web.Redirect(w, r, "/difficulties/"+d.ID)
		}
	}
}

type inspectionsPage struct {
	Rows      []*Inspection
	CanCreate bool
	Today     vn.Date
}

// Inspections lists the inspections of the viewer's agencies.
func (h *HTTP) Inspections(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	agencies, _, err := h.reach(ctx, auth.ActView)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	rows, err := h.Store.Inspections(ctx, agencies)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	pg := h.Render.NewPage(w, r, i18n.T(web.LangFrom(r), "inspection.list_title"),
		inspectionsPage{Rows: rows, CanCreate: auth.Can(auth.FromContext(ctx), auth.ActProgressManage, nil), Today: vn.Today()})
	h.Render.Render(w, r, http.StatusOK, "progress/inspections", pg)
}

type inspectionForm struct {
	Units []unitOption
	Plans []*plan.Plan
}

func (h *HTTP) showInspectionForm(w http.ResponseWriter, r *http.Request, status int, errs valid.Errors) {
	ctx := r.Context()
	units, names, err := h.reach(ctx, auth.ActProgressManage)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	plans, err := h.runningPlans(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	data := inspectionForm{Plans: plans}
	for _, u := range units {
		data.Units = append(data.Units, unitOption{u, names[u]})
	}
	vn.SortBy(data.Units, func(u unitOption) string { return u.Name })
	pg := h.Render.NewPage(w, r, i18n.T(web.LangFrom(r), "inspection.new_title"), data)
	if errs != nil {
		pg.Errors, pg.Form = errs, r.PostForm
	}
	h.Render.Render(w, r, status, "progress/inspection_form", pg)
}

// NewInspection shows the form to record an inspection.
func (h *HTTP) NewInspection(w http.ResponseWriter, r *http.Request) {
	h.showInspectionForm(w, r, http.StatusOK, nil)
}

// CreateInspection records an inspection and its recommendations.
func (h *HTTP) CreateInspection(w http.ResponseWriter, r *http.Request) {
	in := InspectionInput{PlanID: r.PostFormValue("plan_id"), AgencyID: r.PostFormValue("agency_id"), InspectedOn: r.PostFormValue("inspected_on"),
		Members: r.PostFormValue("members"), Findings: r.PostFormValue("findings"), Recommendations: r.PostFormValue("recommendations")}
	ins, err := h.Store.Inspect(r.Context(), in)
	var ve *valid.Error
	if errors.As(err, &ve) {
		h.showInspectionForm(w, r, http.StatusUnprocessableEntity, ve.Fields)
		return
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	web.Flash(w, "inspection.recorded")
	web.Redirect(w, r, "/inspections/"+ins.ID)
}

type inspectionPage struct {
	I        *Inspection
	CanClose bool
	Today    vn.Date
}

// ViewInspection shows an inspection and where each recommendation stands.
func (h *HTTP) ViewInspection(w http.ResponseWriter, r *http.Request) {
	h.showInspection(w, r, http.StatusOK, nil)
}

func (h *HTTP) showInspection(w http.ResponseWriter, r *http.Request, status int, errs valid.Errors) {
	ctx := r.Context()
	ins, err := h.Store.Inspection(ctx, r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	pg := h.Render.NewPage(w, r, i18n.T(web.LangFrom(r), "inspection.title"), inspectionPage{I: ins, CanClose: h.can(ctx, auth.ActProgressManage, ins.AgencyID), Today: vn.Today()})
	if errs != nil {
		pg.Errors, pg.Form = errs, r.PostForm
	}
	h.Render.Render(w, r, status, "progress/inspection", pg)
}

// CloseRecommendation marks a recommendation carried out.
func (h *HTTP) CloseRecommendation(w http.ResponseWriter, r *http.Request) {
	err := h.Store.CloseRecommendation(r.Context(), r.PathValue("id"), r.PathValue("rid"), r.PostFormValue("note"))
	var ve *valid.Error
	switch {
	case errors.As(err, &ve):
		h.showInspection(w, r, http.StatusUnprocessableEntity, ve.Fields)
	case errors.Is(err, ErrLocked):
		h.showInspection(w, r, http.StatusConflict, valid.Errors{"": i18n.M("form.stale")})
	case err != nil:
		h.fail(w, r, err)
	default:
		web.Flash(w, "inspection.closed")
		web.Redirect(w, r, "/inspections/"+r.PathValue("id"))
	}
}
