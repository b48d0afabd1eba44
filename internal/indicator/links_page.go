package indicator

import (
	"errors"
	"net/http"
	"strings"

	"loa/internal/i18n"
	"loa/internal/plan"
	"loa/internal/valid"
	"loa/internal/web"
)

type linksPage struct {
	Plan       *plan.Plan
	Indicators []*Indicator
	Links      map[string][]string // topic → indicators, as saved
}

func (h *HTTP) showLinks(w http.ResponseWriter, r *http.Request, status int, p *plan.Plan, errs valid.Errors) {
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
	links, err := h.Store.TopicLinks(ctx, p.ID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	page := h.Render.NewPage(w, r, i18n.T(web.LangFrom(r), "indicator.links_title"), linksPage{Plan: p, Indicators: v.visible(all), Links: links})
	if errs != nil {
		page.Errors, page.Form = errs, r.PostForm
	}
	h.Render.Render(w, r, status, "indicator/links", page)
}

// Links shows the plan's topics with a checkbox per indicator: which topics are
// meant to move which index.
func (h *HTTP) Links(w http.ResponseWriter, r *http.Request) {
	p, err := h.Plans.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.showLinks(w, r, http.StatusOK, p, nil)
}

// SaveLinks replaces the links of the plan's topics with the boxes ticked. Each box
// is "topic:indicator"; an indicator the viewer cannot see keeps its links, since
// the form never offered it.
func (h *HTTP) SaveLinks(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p, err := h.Plans.Get(ctx, r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
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
	offered := map[string]bool{}
	for _, ind := range v.visible(all) {
		offered[ind.ID] = true
	}
	links, err := h.Store.TopicLinks(ctx, p.ID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	for topic, ids := range links {
		var kept []string
		for _, id := range ids {
			if !offered[id] {
				kept = append(kept, id)
			}
		}
		links[topic] = kept
	}
	for _, box := range r.PostForm["link"] {
		topic, id, _ := strings.Cut(box, ":")
		links[topic] = append(links[topic], id)
	}
	err = h.Store.SetTopicLinks(ctx, p.ID, links)
	var ve *valid.Error
	switch {
	case errors.As(err, &ve):
		h.showLinks(w, r, http.StatusUnprocessableEntity, p, ve.Fields)
	case err != nil:
		h.fail(w, r, err)
	default:
		web.Flash(w, "indicator.links_saved")
		web.Redirect(w, r, "/plans/"+p.ID+"/indicators")
	}
}
