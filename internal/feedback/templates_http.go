package feedback

import (
	"errors"
	"net/http"

	"loa/internal/auth"
	"loa/internal/i18n"
	"loa/internal/store"
	"loa/internal/valid"
	"loa/internal/web"
)

type templatesPage struct {
	Templates []*Template
}

// TemplateList shows the answer templates the viewer keeps: those of the agencies
// where they answer feedback.
func (h *HTTP) TemplateList(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	sc, err := h.scope(ctx)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	list, err := h.Store.Templates(ctx, sc.Answer)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p := h.Render.NewPage(w, r, i18n.T(web.LangFrom(r), "feedback.templates_title"), templatesPage{Templates: list})
	h.Render.Render(w, r, http.StatusOK, "feedback/templates", p)
}

type templateForm struct {
	T        *Template // nil for a new one
	Agencies []Receiver
}

func (h *HTTP) showTemplate(w http.ResponseWriter, r *http.Request, status int, t *Template, errs valid.Errors) {
	ctx := r.Context()
	data := templateForm{T: t}
	if t == nil {
		sc, err := h.scope(ctx)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		me := auth.FromContext(ctx)
		// The agencies where the viewer's roles are: a template made there serves
		// them and every unit below.
		for _, id := range auth.Reach(me, auth.ActFeedbackAnswer) {
			if name, ok := sc.Names[id]; ok {
				data.Agencies = append(data.Agencies, Receiver{ID: id, Name: name})
			}
		}
	}
	title := i18n.T(web.LangFrom(r), "feedback.template_new")
	if t != nil {
		title = t.Title
	}
	p := h.Render.NewPage(w, r, title, data)
	p.Errors = errs
	if errs != nil {
		p.Form = r.PostForm
	}
	h.Render.Render(w, r, status, "feedback/template_form", p)
}

// NewTemplate shows an empty template form.
func (h *HTTP) NewTemplate(w http.ResponseWriter, r *http.Request) {
	h.showTemplate(w, r, http.StatusOK, nil, nil)
}

// CreateTemplate saves a new template for the agency chosen.
func (h *HTTP) CreateTemplate(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	in := TemplateInput{AgencyID: r.PostFormValue("agency_id"), Title: r.PostFormValue("title"), Body: r.PostFormValue("body")}
	if in.AgencyID != "" && !h.can(ctx, auth.ActFeedbackAnswer, in.AgencyID) {
		h.Render.Error(w, r, http.StatusForbidden)
		return
	}
	_, err := h.Store.SaveTemplate(ctx, "", 0, in)
	h.afterTemplate(w, r, nil, err)
}

// EditTemplate shows a template's form.
func (h *HTTP) EditTemplate(w http.ResponseWriter, r *http.Request) {
	t, ok := h.templateOf(w, r)
	if !ok {
		return
	}
	h.showTemplate(w, r, http.StatusOK, t, nil)
}

// UpdateTemplate saves a template's changes.
func (h *HTTP) UpdateTemplate(w http.ResponseWriter, r *http.Request) {
	t, ok := h.templateOf(w, r)
	if !ok {
		return
	}
	_, err := h.Store.SaveTemplate(r.Context(), t.ID, atoi(r.PostFormValue("row_version")),
		TemplateInput{Title: r.PostFormValue("title"), Body: r.PostFormValue("body")})
	h.afterTemplate(w, r, t, err)
}

// DeleteTemplate removes a template.
func (h *HTTP) DeleteTemplate(w http.ResponseWriter, r *http.Request) {
	t, ok := h.templateOf(w, r)
	if !ok {
		return
	}
	err := h.Store.DeleteTemplate(r.Context(), t.ID, atoi(r.PostFormValue("row_version")))
	if err == nil {
		web.Flash(w, "feedback.done_template_deleted")
		web.Redirect(w, r, "/feedback/templates")
		return
	}
	h.afterTemplate(w, r, t, err)
}

// templateOf loads the template of the request when the viewer may edit it.
func (h *HTTP) templateOf(w http.ResponseWriter, r *http.Request) (*Template, bool) {
	t, err := h.Store.Template(r.Context(), r.PathValue("tid"))
	if err != nil {
		h.fail(w, r, err)
		return nil, false
	}
	if !h.can(r.Context(), auth.ActFeedbackAnswer, t.AgencyID) {
		h.Render.Error(w, r, http.StatusForbidden)
		return nil, false
	}
	return t, true
}

func (h *HTTP) afterTemplate(w http.ResponseWriter, r *http.Request, t *Template, err error) {
	var ve *valid.Error
	switch {
	case err == nil, errors.Is(err, store.ErrDuplicateSubmit):
		web.Flash(w, "feedback.done_template_saved")
		web.Redirect(w, r, "/feedback/templates")
	case errors.As(err, &ve):
		h.showTemplate(w, r, http.StatusUnprocessableEntity, t, ve.Fields)
	case errors.Is(err, ErrStale):
		h.showTemplate(w, r, http.StatusConflict, t, valid.Errors{"": i18n.M("form.stale")})
	default:
		h.fail(w, r, err)
	}
}
