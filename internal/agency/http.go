package agency

import (
	"context"
	"embed"
	"errors"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"

	"loa/internal/auth"
	"loa/internal/i18n"
	"loa/internal/store"
	"loa/internal/valid"
	"loa/internal/vn"
	"loa/internal/web"
)

// Templates are the agency pages.
//
//go:embed templates
var Templates embed.FS

// HTTP serves the agency pages: the tree, an agency, and the forms to add, edit, move
// and merge.
type HTTP struct {
	Store  *Store
	Render *web.Renderer
	Log    *slog.Logger
}

// Ancestries maps each agency to itself and its ancestors, computed from a list
// already in memory, so a page can ask auth.Can about every row without a query each.
func Ancestries(all []*Agency) map[string][]string {
	parent := make(map[string]string, len(all))
	for _, a := range all {
		parent[a.ID] = a.ParentID
	}
	out := make(map[string][]string, len(all))
	for _, a := range all {
		chain := []string{a.ID}
		for p := a.ParentID; p != "" && len(chain) < 64; p = parent[p] {
			chain = append(chain, p)
		}
		out[a.ID] = chain
	}
	return out
}

// Roots lists the agencies without a parent.
func (s *Store) Roots(ctx context.Context) ([]string, error) {
	return store.Strings(ctx, s.db.Read(), `SELECT id FROM agencies WHERE parent_id IS NULL AND merged_into IS NULL`)
}

func (h *HTTP) fail(w http.ResponseWriter, r *http.Request, err error) {
	switch {
	case errors.Is(err, store.ErrNotFound):
		h.Render.Error(w, r, http.StatusNotFound)
	case errors.Is(err, store.ErrDuplicateSubmit):
		web.Flash(w, "form.double_submit")
		web.Redirect(w, r, "/agencies")
	default:
		h.Log.Error("agency", "err", err, "request_id", web.RequestID(r.Context()))
		h.Render.Error(w, r, http.StatusInternalServerError)
	}
}

type treePage struct {
	Roots      []*Node
	Count      int
	WithMerged bool
	Manage     map[string]bool // agencies the viewer may manage
	CanAddRoot bool
	Query      string
}

// Tree shows every agency as an indented tree.
func (h *HTTP) Tree(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	all, err := h.Store.All(ctx)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	me := auth.FromContext(ctx)
	anc := Ancestries(all)
	manage := map[string]bool{}
	for _, a := range all {
		manage[a.ID] = auth.Can(me, auth.ActAgencyManage, anc[a.ID])
	}
	roots, err := h.Store.Roots(ctx)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	withMerged := r.URL.Query().Get("merged") == "1"
	data := treePage{Roots: BuildTree(all, withMerged), Count: len(all), WithMerged: withMerged, Manage: manage,
		CanAddRoot: auth.Can(me, auth.ActAgencyManage, roots)}
	p := h.Render.NewPage(w, r, i18n.T(web.LangFrom(r), "agency.tree_title"), data)
	h.Render.Render(w, r, http.StatusOK, "agency/tree", p)
}

// Search answers the agency pickers: a short list of matches for what was typed.
func (h *HTTP) Search(w http.ResponseWriter, r *http.Request) {
	hits, err := h.Store.Search(r.Context(), r.URL.Query().Get("q"), 12)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p := h.Render.NewPage(w, r, "", hits)
	h.Render.Fragment(w, r, http.StatusOK, "agency/picker", "results", p)
}

type viewPage struct {
	Agency   *Agency
	Parent   *Agency
	Merged   *Agency
	Children []*Agency
	History  []Period
	Names    map[string]string // agency id → current name, for history rows
	CanEdit  bool
}

// View shows one agency: its details, sub-agencies and the dated history of its names.
func (h *HTTP) View(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	a, err := h.Store.Get(ctx, r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	all, err := h.Store.All(ctx)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	hist, err := h.Store.History(ctx, a.ID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	data := viewPage{Agency: a, History: hist, Names: map[string]string{}}
	for _, o := range all {
		data.Names[o.ID] = o.Name
		if o.ID == a.ParentID {
			data.Parent = o
		}
		if o.ID == a.MergedInto {
			data.Merged = o
		}
		if o.ParentID == a.ID && o.Active() {
			data.Children = append(data.Children, o)
		}
	}
	vn.SortBy(data.Children, func(c *Agency) string { return c.Name })
	data.CanEdit = a.Active() && auth.Can(auth.FromContext(ctx), auth.ActAgencyManage, Ancestries(all)[a.ID])
	p := h.Render.NewPage(w, r, a.Name, data)
	h.Render.Render(w, r, http.StatusOK, "agency/view", p)
}

type formPage struct {
	Agency  Agency // zero when creating
	Editing bool
	Parents []*Node
	Kinds   []Kind
}

func (h *HTTP) showForm(w http.ResponseWriter, r *http.Request, status int, a *Agency, errs valid.Errors) {
	ctx := r.Context()
	all, err := h.Store.All(ctx)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	me := auth.FromContext(ctx)
	anc := Ancestries(all)
	var parents []*Node
	for _, n := range Flatten(BuildTree(all, false)) {
		if auth.Can(me, auth.ActAgencyManage, anc[n.ID]) && (a == nil || n.ID != a.ID) {
			parents = append(parents, n)
		}
	}
	title := "agency.new_title"
	if a != nil {
		title = "agency.edit_title"
	}
	data := formPage{Editing: a != nil, Parents: parents, Kinds: Kinds}
	if a != nil {
		data.Agency = *a
	}
	p := h.Render.NewPage(w, r, i18n.T(web.LangFrom(r), title), data)
	if errs != nil {
		p.Errors, p.Form = errs, r.PostForm
		if len(errs) == 0 {
			p.Errors = nil
		}
	}
	h.Render.Render(w, r, status, "agency/form", p)
}

// New shows the form for a new agency, under ?parent= when given.
// A plan that names an unknown agency offers to add it: ?name= fills the name.
func (h *HTTP) New(w http.ResponseWriter, r *http.Request) {
	if name := r.URL.Query().Get("name"); name != "" {
		r.PostForm = url.Values{"name": {name}, "external": {r.URL.Query().Get("external")}}
		h.showPrefilled(w, r)
		return
	}
	h.showForm(w, r, http.StatusOK, nil, nil)
}

func (h *HTTP) showPrefilled(w http.ResponseWriter, r *http.Request) {
	h.showForm(w, r, http.StatusOK, nil, valid.Errors{})
}

func inputFrom(r *http.Request) (Input, valid.Errors) {
	errs := valid.Errors{}
	from, err := vn.ParseUserDate(r.PostFormValue("from"))
	if err != nil {
		errs.Add("from", "valid.date")
	}
	return Input{
		Name:         r.PostFormValue("name"),
		ShortName:    r.PostFormValue("short_name"),
		Abbr:         r.PostFormValue("abbr"),
		Kind:         Kind(r.PostFormValue("kind")),
		ParentID:     r.PostFormValue("parent_id"),
		ElectronicID: r.PostFormValue("electronic_id"),
		External:     r.PostFormValue("external") == "1",
		From:         from,
		Reason:       r.PostFormValue("reason"),
	}, errs
}

// Create adds an agency.
func (h *HTTP) Create(w http.ResponseWriter, r *http.Request) {
	in, errs := inputFrom(r)
	if len(errs) > 0 {
		h.showForm(w, r, http.StatusUnprocessableEntity, nil, errs)
		return
	}
	a, err := h.Store.Create(r.Context(), in)
	var ve *valid.Error
	if errors.As(err, &ve) {
		h.showForm(w, r, http.StatusUnprocessableEntity, nil, ve.Fields)
		return
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	web.Flash(w, "agency.created")
	web.Redirect(w, r, "/agencies/"+a.ID)
}

// Edit shows the form to change an agency.
func (h *HTTP) Edit(w http.ResponseWriter, r *http.Request) {
	a, err := h.Store.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.showForm(w, r, http.StatusOK, a, nil)
}

// Update saves the edit form. When someone else saved in between, the form comes back
// with what this user typed and a message, instead of overwriting.
func (h *HTTP) Update(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	a, err := h.Store.Get(ctx, r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	in, errs := inputFrom(r)
	if len(errs) > 0 {
		h.showForm(w, r, http.StatusUnprocessableEntity, a, errs)
		return
	}
	version, _ := strconv.Atoi(r.PostFormValue("row_version"))
	_, err = h.Store.Update(ctx, a.ID, version, in)
	var ve *valid.Error
	switch {
	case errors.As(err, &ve):
		h.showForm(w, r, http.StatusUnprocessableEntity, a, ve.Fields)
	case errors.Is(err, ErrStale):
		h.showForm(w, r, http.StatusConflict, a, valid.Errors{"": i18n.M("form.stale")})
	case err != nil:
		h.fail(w, r, err)
	default:
		web.Flash(w, "form.saved")
		web.Redirect(w, r, "/agencies/"+a.ID)
	}
}

type movePage struct {
	Agency  *Agency
	Targets []*Node
	Verb    string // "move" or "merge"
}

func (h *HTTP) showMoveOrMerge(w http.ResponseWriter, r *http.Request, status int, verb string, a *Agency, errs valid.Errors) {
	ctx := r.Context()
	all, err := h.Store.All(ctx)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	me := auth.FromContext(ctx)
	anc := Ancestries(all)
	var targets []*Node
	for _, n := range Flatten(BuildTree(all, false)) {
		inside := false
		for _, x := range anc[n.ID] {
			if x == a.ID {
				inside = true
			}
		}
		if !inside && auth.Can(me, auth.ActAgencyManage, anc[n.ID]) {
			targets = append(targets, n)
		}
	}
	p := h.Render.NewPage(w, r, i18n.T(web.LangFrom(r), "agency."+verb+"_title", a.Name), movePage{Agency: a, Targets: targets, Verb: verb})
	if errs != nil {
		p.Errors, p.Form = errs, r.PostForm
	}
	h.Render.Render(w, r, status, "agency/move", p)
}

// MoveForm asks for the new parent.
func (h *HTTP) MoveForm(w http.ResponseWriter, r *http.Request) { h.moveOrMergeForm(w, r, "move") }

// MergeForm asks which agency absorbs this one, and from when.
func (h *HTTP) MergeForm(w http.ResponseWriter, r *http.Request) { h.moveOrMergeForm(w, r, "merge") }

func (h *HTTP) moveOrMergeForm(w http.ResponseWriter, r *http.Request, verb string) {
	a, err := h.Store.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.showMoveOrMerge(w, r, http.StatusOK, verb, a, nil)
}

// Move gives the agency a new parent.
func (h *HTTP) Move(w http.ResponseWriter, r *http.Request) { h.moveOrMerge(w, r, "move") }

// Merge folds the agency into another.
func (h *HTTP) Merge(w http.ResponseWriter, r *http.Request) { h.moveOrMerge(w, r, "merge") }

func (h *HTTP) moveOrMerge(w http.ResponseWriter, r *http.Request, verb string) {
	ctx := r.Context()
	a, err := h.Store.Get(ctx, r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	from, derr := vn.ParseUserDate(r.PostFormValue("from"))
	if derr != nil {
		h.showMoveOrMerge(w, r, http.StatusUnprocessableEntity, verb, a, valid.Errors{"from": i18n.M("valid.date")})
		return
	}
	version, _ := strconv.Atoi(r.PostFormValue("row_version"))
	target := r.PostFormValue("target_id")
	if verb == "move" {
		_, err = h.Store.Move(ctx, a.ID, version, target, from, r.PostFormValue("reason"))
	} else {
		err = h.Store.Merge(ctx, a.ID, version, target, from, r.PostFormValue("reason"))
	}
	var ve *valid.Error
	switch {
	case errors.As(err, &ve):
		h.showMoveOrMerge(w, r, http.StatusUnprocessableEntity, verb, a, ve.Fields)
	case errors.Is(err, ErrStale):
		h.showMoveOrMerge(w, r, http.StatusConflict, verb, a, valid.Errors{"": i18n.M("form.stale")})
	case err != nil:
		h.fail(w, r, err)
	default:
		web.Flash(w, "agency."+verb+"d")
		web.Redirect(w, r, "/agencies/"+a.ID)
	}
}
