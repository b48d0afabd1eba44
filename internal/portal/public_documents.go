package portal

import (
	"net/http"
	"strconv"

	"loa/internal/i18n"
	"loa/internal/library"
	"loa/internal/vn"
	"loa/internal/web"
)

type documentsPage struct {
	Rows   []*library.Entry
	Files  map[string]*DocFile
	Pager  web.Pager
	Filter library.Filter
	Facets library.Facets
	Scopes []library.Scope
}

// docFilter reads the public list's filters; unknown values filter nothing.
func docFilter(r *http.Request) library.Filter {
	q := r.URL.Query()
	f := library.Filter{Query: vn.Clean(q.Get("q")), TypeCode: q.Get("type"), Issuer: q.Get("issuer"), Scope: library.Scope(q.Get("scope"))}
	if len([]rune(f.Query)) > 200 {
		f.Query = string([]rune(f.Query)[:200])
	}
	if !f.Scope.Valid() {
		f.Scope = ""
	}
	if y, err := strconv.Atoi(q.Get("year")); err == nil && y > 1900 && y < 3000 {
		f.Year = y
	}
	return f
}

// Documents is the public documents library: central, city, sector and own
// documents on administrative reform, filtered by type, issuer, year and scope.
func (h *HTTP) Documents(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	f := docFilter(r)
	pager := web.PagerFrom(r, documentsSize)
	f.Limit, f.Offset = pager.Size, pager.Offset()
	rows, total, err := h.Library.List(ctx, f)
	if err != nil {
		h.publicError(w, r, 0, err)
		return
	}
	pager.Total = total
	facets, err := h.Library.Facets(ctx)
	if err != nil {
		h.publicError(w, r, 0, err)
		return
	}
	fl, err := h.Store.DocFiles(ctx, entryIDs(rows))
	if err != nil {
		h.publicError(w, r, 0, err)
		return
	}
	data := documentsPage{Rows: rows, Files: fl, Pager: pager, Filter: f, Facets: facets, Scopes: library.Scopes}
	p := h.Render.NewPublicPage(r, i18n.T(web.LangFrom(r), "portal.documents_title"), data)
	h.Render.RenderPublic(w, r, http.StatusOK, "portal/documents", p)
}

type documentPage struct {
	Entry *library.Entry
	File  *DocFile
	URL   string
}

// Document shows one document with its details and its file.
func (h *HTTP) Document(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	e, err := h.Library.Get(ctx, r.PathValue("id"))
	if err != nil {
		h.publicError(w, r, http.StatusNotFound, err)
		return
	}
	data := documentPage{Entry: e, URL: h.Render.Site().BaseURL + "/van-ban/" + e.ID}
	if f, err := h.Store.DocFile(ctx, e.ID); err == nil {
		data.File = f
	}
	p := h.Render.NewPublicPage(r, e.Heading(), data)
	h.Render.RenderPublic(w, r, http.StatusOK, "portal/document", p)
}

// DocumentFile sends a document's file as a download, never shown inline.
func (h *HTTP) DocumentFile(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	e, err := h.Library.Get(ctx, r.PathValue("id"))
	if err != nil {
		h.publicError(w, r, http.StatusNotFound, err)
		return
	}
	f, err := h.Store.DocFile(ctx, e.ID)
	if err != nil {
		h.publicError(w, r, http.StatusNotFound, err)
		return
	}
	h.serveFile(w, r, f.Hash, f.Name)
}
