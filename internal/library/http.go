package library

import (
	"bytes"
	"embed"
	"errors"
	"log/slog"
	"net/http"
	"strconv"
	"strings"

	"loa/internal/agency"
	"loa/internal/auth"
	"loa/internal/document/xlsx"
	"loa/internal/i18n"
	"loa/internal/store"
	"loa/internal/valid"
	"loa/internal/vn"
	"loa/internal/web"
)

// Templates are the library pages.
//
//go:embed templates
var Templates embed.FS

// HTTP serves the library pages: the list with its filters and export, a document,
// and the forms to add and correct one.
type HTTP struct {
	Store    *Store
	Agencies *agency.Store
	Render   *web.Renderer
	Log      *slog.Logger
}

const pageSize = 25

func (h *HTTP) fail(w http.ResponseWriter, r *http.Request, err error) {
	switch {
	case errors.Is(err, store.ErrNotFound):
		h.Render.Error(w, r, http.StatusNotFound)
	case errors.Is(err, store.ErrDuplicateSubmit):
		web.Flash(w, "form.double_submit")
		web.Redirect(w, r, "/library")
	default:
		h.Log.Error("library", "err", err, "request_id", web.RequestID(r.Context()))
		h.Render.Error(w, r, http.StatusInternalServerError)
	}
}

// filterFrom reads the list's filters from the query string; an unknown scope or
// year filters nothing rather than hiding everything.
func filterFrom(r *http.Request) Filter {
	q := r.URL.Query()
	f := Filter{Query: vn.Clean(q.Get("q")), TypeCode: q.Get("type"), Issuer: q.Get("issuer"), Scope: Scope(q.Get("scope"))}
	if !f.Scope.Valid() {
		f.Scope = ""
	}
	if y, err := strconv.Atoi(q.Get("year")); err == nil && y > 0 {
		f.Year = y
	}
	return f
}

type listPage struct {
	Rows       []*Entry
	Pager      web.Pager
	Filter     Filter
	Facets     Facets
	Scopes     []Scope
	CanAdd     bool
	ExportHref string
}

// List shows the library, newest first, filtered by words, type, issuer, year and scope.
func (h *HTTP) List(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	f := filterFrom(r)
	pager := web.PagerFrom(r, pageSize)
	f.Limit, f.Offset = pager.Size, pager.Offset()
	rows, total, err := h.Store.List(ctx, f)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	pager.Total = total
	facets, err := h.Store.Facets(ctx)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	q := r.URL.Query()
	q.Del("page")
	export := "/library/export.xlsx"
	if len(q) > 0 {
		export += "?" + q.Encode()
	}
	data := listPage{Rows: rows, Pager: pager, Filter: f, Facets: facets, Scopes: Scopes, ExportHref: export,
		CanAdd: auth.Can(auth.FromContext(ctx), auth.ActLibraryEdit, nil)}
	p := h.Render.NewPage(w, r, i18n.T(web.LangFrom(r), "library.title"), data)
	h.Render.Render(w, r, http.StatusOK, "library/list", p)
}

// Export sends the filtered list, every page of it, as an Excel workbook.
func (h *HTTP) Export(w http.ResponseWriter, r *http.Request) {
	rows, _, err := h.Store.List(r.Context(), filterFrom(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	lang := web.LangFrom(r)
	sheet := xlsx.Sheet{Name: i18n.T(lang, "library.title"), Title: i18n.T(lang, "library.export_title"), Table: exportTable(rows, lang)}
	// Written to memory first, so that a failure gives an error page, not half a file.
	var buf bytes.Buffer
	if err := xlsx.WriteTables(&buf, []xlsx.Sheet{sheet}); err != nil {
		h.fail(w, r, err)
		return
	}
	hd := w.Header()
	hd.Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	hd.Set("Content-Disposition", `attachment; filename="thu-vien-van-ban.xlsx"`)
	hd.Set("Cache-Control", "no-store")
	_, _ = w.Write(buf.Bytes())
}

type viewPage struct {
	Entry    *Entry
	Owner    string
	CanEdit  bool
	CanAudit bool
}

// View shows one document of the library.
func (h *HTTP) View(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	e, err := h.Store.Get(ctx, r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	data := viewPage{Entry: e}
	owner, err := h.Agencies.Get(ctx, e.OwnerAgencyID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	data.Owner = owner.Name
	anc, err := h.Agencies.Ancestry(ctx, e.OwnerAgencyID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	me := auth.FromContext(ctx)
	data.CanEdit = auth.Can(me, auth.ActLibraryEdit, anc)
	data.CanAudit = auth.Can(me, auth.ActAuditView, anc)
	p := h.Render.NewPage(w, r, e.Heading(), data)
	h.Render.Render(w, r, http.StatusOK, "library/view", p)
}

type formPage struct {
	Entry   Entry
	Editing bool
	Types   []TypeOption
	Scopes  []Scope
	// Owners are the agencies the user may add documents for; Owner is the one chosen
	// at first: the user's own agency when it is among them.
	Owners    []*agency.Node
	Owner     string
	OwnerName string
	// Citation is the text the form was filled from; Unread tells that no document
	// could be read from it.
	Citation string
	Unread   bool
	// Existing is the same document already in the library.
	Existing *Entry
	// Next is where to go after saving: the plan that cited the document.
	Next string
}

// allTypes are the document types in Vietnamese order of their names.
var allTypes = func() []TypeOption {
	out := make([]TypeOption, 0, len(Types))
	for code, name := range Types {
		out = append(out, TypeOption{Code: code, Name: name})
	}
	vn.SortBy(out, func(t TypeOption) string { return t.Name })
	return out
}()

func (h *HTTP) showForm(w http.ResponseWriter, r *http.Request, status int, data formPage, errs valid.Errors) {
	ctx := r.Context()
	data.Types, data.Scopes = allTypes, Scopes
	if data.Editing {
		owner, err := h.Agencies.Get(ctx, data.Entry.OwnerAgencyID)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		data.OwnerName = owner.Name
	} else {
		all, err := h.Agencies.All(ctx)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		me := auth.FromContext(ctx)
		anc := agency.Ancestries(all)
		for _, n := range agency.Flatten(agency.BuildTree(all, false)) {
			if auth.Can(me, auth.ActLibraryEdit, anc[n.ID]) {
				data.Owners = append(data.Owners, n)
				if n.ID == me.User.AgencyID || data.Owner == "" {
					data.Owner = n.ID
				}
			}
		}
	}
	title := "library.new_title"
	if data.Editing {
		title = "library.edit_title"
	}
	p := h.Render.NewPage(w, r, i18n.T(web.LangFrom(r), title), data)
	if errs != nil {
		p.Errors, p.Form = errs, r.PostForm
	}
	h.Render.Render(w, r, status, "library/form", p)
}

// New shows the form for a new document. With ?citation= it is filled from a
// citation, which is how a plan that cites an unknown document offers to add it.
func (h *HTTP) New(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	data := formPage{Next: web.SafeNext(q.Get("next"), "")}
	// The citation's own closing punctuation would double the message's.
	if c := strings.TrimRight(vn.Clean(q.Get("citation")), " .;,"); c != "" {
		data.Citation = c
		e, ok := FromCitation(c)
		if !ok {
			data.Unread = true
			e = Entry{Summary: c}
		}
		data.Entry = e
		existing, err := h.Store.SameDocument(r.Context(), &e)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		data.Existing = existing
	}
	h.showForm(w, r, http.StatusOK, data, nil)
}

func inputFrom(r *http.Request) Input {
	return Input{
		NumberSymbol: r.PostFormValue("number_symbol"),
		TypeCode:     r.PostFormValue("type_code"),
		Issuer:       r.PostFormValue("issuer"),
		IssuedOn:     r.PostFormValue("issued_on"),
		Summary:      r.PostFormValue("summary"),
		Scope:        Scope(r.PostFormValue("scope")),
		URL:          r.PostFormValue("url"),
	}
}

// refused shows the form again with what was typed and the messages; a double entry
// also links to the document already in the library.
func (h *HTTP) refused(w http.ResponseWriter, r *http.Request, status int, data formPage, in Input, errs valid.Errors) {
	if m, ok := errs["number_symbol"]; ok && strings.HasPrefix(m.Key, "library.duplicate") {
		e, _ := in.entry()
		e.ID = data.Entry.ID
		existing, err := h.Store.SameDocument(r.Context(), &e)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		data.Existing = existing
	}
	h.showForm(w, r, status, data, errs)
}

// Create adds a document, then goes back to the plan that asked for it, if any.
func (h *HTTP) Create(w http.ResponseWriter, r *http.Request) {
	in := inputFrom(r)
	in.OwnerAgencyID = r.PostFormValue("owner_agency_id")
	next := web.SafeNext(r.PostFormValue("next"), "")
	e, err := h.Store.Create(r.Context(), in)
	var ve *valid.Error
	switch {
	case errors.As(err, &ve):
		data := formPage{Next: next, Citation: vn.Clean(r.PostFormValue("citation"))}
		if data.Citation != "" {
			_, ok := FromCitation(data.Citation)
			data.Unread = !ok
		}
		h.refused(w, r, http.StatusUnprocessableEntity, data, in, ve.Fields)
	case err != nil:
		h.fail(w, r, err)
	default:
		web.Flash(w, "library.created")
		web.Redirect(w, r, web.SafeNext(next, "/library/"+e.ID))
	}
}

// Edit shows the form to correct a document.
func (h *HTTP) Edit(w http.ResponseWriter, r *http.Request) {
	e, err := h.Store.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.showForm(w, r, http.StatusOK, formPage{Entry: *e, Editing: true}, nil)
}

// Update saves the edit form. When someone else saved in between, the form comes back
// with what this user typed and a message, instead of overwriting.
func (h *HTTP) Update(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	e, err := h.Store.Get(ctx, r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	in := inputFrom(r)
	version, _ := strconv.Atoi(r.PostFormValue("row_version"))
	_, err = h.Store.Update(ctx, e.ID, version, in)
	data := formPage{Entry: *e, Editing: true}
	var ve *valid.Error
	switch {
	case errors.As(err, &ve):
		h.refused(w, r, http.StatusUnprocessableEntity, data, in, ve.Fields)
	case errors.Is(err, ErrStale):
		h.showForm(w, r, http.StatusConflict, data, valid.Errors{"": i18n.M("form.stale")})
	case err != nil:
		h.fail(w, r, err)
	default:
		web.Flash(w, "form.saved")
		web.Redirect(w, r, "/library/"+e.ID)
	}
}
