package indicator

import (
	"context"
	"embed"
	"errors"
	"log/slog"
	"net/http"

	"loa/internal/agency"
	"loa/internal/auth"
	"loa/internal/i18n"
	"loa/internal/plan"
	"loa/internal/store"
	"loa/internal/web"
)

// Templates are the indicator pages.
//
//go:embed templates
var Templates embed.FS

// HTTP serves the indicator pages: the cards of every indicator, an indicator's
// trend, values and linked topics, the forms for indicators, values and targets, the
// links of a plan's topics, and the Excel export.
type HTTP struct {
	Store    *Store
	Agencies *agency.Store
	Plans    *plan.Store
	Render   *web.Renderer
	Log      *slog.Logger
}

func (h *HTTP) fail(w http.ResponseWriter, r *http.Request, err error) {
	switch {
	case errors.Is(err, store.ErrNotFound):
		h.Render.Error(w, r, http.StatusNotFound)
	case errors.Is(err, store.ErrDuplicateSubmit):
		web.Flash(w, "form.double_submit")
		web.Redirect(w, r, "/indicators")
	default:
		h.Log.Error("indicator", "err", err, "request_id", web.RequestID(r.Context()))
		h.Render.Error(w, r, http.StatusInternalServerError)
	}
}

// viewer is the signed-in user against the agency tree, loaded once per request so
// that a page can ask the permission check about every row without a query each.
type viewer struct {
	me    *auth.Principal
	all   []*agency.Agency
	names map[string]string
	anc   map[string][]string
	roots []string
}

func (h *HTTP) viewer(ctx context.Context) (*viewer, error) {
	all, err := h.Agencies.All(ctx)
	if err != nil {
		return nil, err
	}
	v := &viewer{me: auth.FromContext(ctx), all: all, names: map[string]string{}, anc: agency.Ancestries(all)}
	for _, a := range all {
		v.names[a.ID] = a.Name
		if a.ParentID == "" && a.Active() {
			v.roots = append(v.roots, a.ID)
		}
	}
	return v, nil
}

// can asks the one permission check about agencyID; "" is the whole installation,
// which needs the action at a root, as the route guard decides.
func (v *viewer) can(action auth.Action, agencyID string) bool {
	if agencyID == "" {
		return len(v.roots) > 0 && auth.Can(v.me, action, v.roots)
	}
	anc, ok := v.anc[agencyID]
	return ok && auth.Can(v.me, action, anc)
}

// sees tells whether the viewer may read ind: the installation's indicators are
// everyone's, an agency's own are read where that agency's pages are.
func (v *viewer) sees(ind *Indicator) bool {
	return ind.Shared() || v.can(auth.ActView, ind.OwnerAgencyID)
}

// manages tells whether the viewer may correct ind itself.
func (v *viewer) manages(ind *Indicator) bool {
	return v.can(auth.ActProgressManage, ind.OwnerAgencyID)
}

// visible keeps the indicators the viewer may read.
func (v *viewer) visible(inds []*Indicator) []*Indicator {
	var out []*Indicator
	for _, ind := range inds {
		if v.sees(ind) {
			out = append(out, ind)
		}
	}
	return out
}

// choice is an agency offered in a picker.
type choice struct {
	ID    string
	Name  string
	Depth int
}

// treeChoices lists, in the order of the agency tree, the agencies keep accepts.
func (v *viewer) treeChoices(keep func(id string) bool) []choice {
	var out []choice
	for _, n := range agency.Flatten(agency.BuildTree(v.all, false)) {
		if keep(n.ID) {
			out = append(out, choice{ID: n.ID, Name: n.Name, Depth: n.Depth})
		}
	}
	return out
}

// pick chooses the measured agency a page shows: the one asked for when the viewer
// may see it; else the highest agency above the viewer that has figures — the city,
// which the national indices measure; else the first agency with figures; else the
// viewer's own top agency, so an empty page still offers the right place to start.
func (v *viewer) pick(measured []string, asked string) (string, []choice) {
	have := map[string]bool{}
	for _, id := range measured {
		if v.can(auth.ActView, id) {
			have[id] = true
		}
	}
	choices := v.treeChoices(func(id string) bool { return have[id] })
	if have[asked] {
		return asked, choices
	}
	var mine []string
	if v.me.SignedIn() {
		mine = v.anc[v.me.User.AgencyID]
	}
	for i := len(mine) - 1; i >= 0; i-- {
		if have[mine[i]] {
			return mine[i], choices
		}
	}
	if len(choices) > 0 {
		return choices[0].ID, choices
	}
	if len(mine) > 0 {
		return mine[len(mine)-1], choices
	}
	return "", choices
}

// managed lists the agencies where the viewer may record values and targets, and
// the one a form starts with: the one asked for when the viewer may, else the
// highest one the viewer manages — the department rather than its office, since
// the department is what an index measures.
func (v *viewer) managed(asked string) ([]choice, string) {
	choices := v.treeChoices(func(id string) bool { return v.can(auth.ActProgressManage, id) })
	for _, c := range choices {
		if c.ID == asked {
			return choices, asked
		}
	}
	if len(choices) > 0 {
		return choices, choices[0].ID
	}
	return choices, ""
}

func title(r *http.Request, key string, args ...any) string {
	return i18n.T(web.LangFrom(r), key, args...)
}
