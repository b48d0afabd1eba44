package portal

import (
	"errors"
	"net/http"

	"loa/internal/files"
	"loa/internal/i18n"
	"loa/internal/store"
	"loa/internal/web"
)

type sectionPage struct {
	Kind     Kind
	Articles []*Article
	Pager    web.Pager
	Feed     string // the section's Atom feed
}

// Section lists a section's public articles, newest first: /tin-tuc, /thu-tuc,
// /an-pham, /dien-hinh.
func (h *HTTP) Section(kind Kind) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		pager := web.PagerFrom(r, sectionSize)
		list, total, err := h.Store.Published(r.Context(), kind, pager.Size, pager.Offset())
		if err != nil {
			h.publicError(w, r, 0, err)
			return
		}
		pager.Total = total
		if pager.Page > pager.Pages() {
			h.publicError(w, r, http.StatusNotFound, nil)
			return
		}
		p := h.Render.NewPublicPage(r, i18n.T(web.LangFrom(r), kind.Label()), sectionPage{Kind: kind, Articles: list, Pager: pager,
			Feed: kind.Section() + "/atom.xml"})
		h.Render.RenderPublic(w, r, http.StatusOK, "portal/section", p)
	}
}

type articlePage struct {
	Article  *Article
	Section  string // catalogue key of its section, "" for a standing page
	URL      string // absolute, for Open Graph
	ImageURL string
	Related  []*Article
}

// Article shows a public article of kind at /<section>/{slug}. An article asked for
// under another section is sent to its own address; one not (yet) public is not
// found; a withdrawn one answers 410 Gone with the reason.
func (h *HTTP) Article(kind Kind) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		h.showArticle(w, r, kind, r.PathValue("slug"))
	}
}

// Contacts shows the contacts page at /lien-he.
func (h *HTTP) Contacts(w http.ResponseWriter, r *http.Request) {
	h.showArticle(w, r, KindPage, ContactsSlug)
}

func (h *HTTP) showArticle(w http.ResponseWriter, r *http.Request, kind Kind, slug string) {
	ctx := r.Context()
	a, err := h.Store.Live(ctx, slug)
	if err != nil {
		h.publicError(w, r, http.StatusNotFound, err)
		return
	}
	now := h.Store.now()
	switch {
	case a.State == StateWithdrawn:
		p := h.Render.NewPublicPage(r, a.Title, a)
		h.Render.RenderPublic(w, r, http.StatusGone, "portal/gone", p)
		return
	case !a.Public(now):
		h.publicError(w, r, http.StatusNotFound, nil)
		return
	case a.Kind != kind || a.Path() != r.URL.Path:
		http.Redirect(w, r, a.Path(), http.StatusMovedPermanently)
		return
	}
	base := h.Render.Site().BaseURL
	data := articlePage{Article: a, URL: base + a.Path()}
	if a.ImageHash != "" {
		data.ImageURL = base + "/anh/" + a.ImageHash
	}
	if kind != KindPage {
		data.Section = kind.Label()
		others, _, err := h.Store.Published(ctx, kind, 4, 0)
		if err != nil {
			h.publicError(w, r, 0, err)
			return
		}
		for _, o := range others {
			if o.ID != a.ID && len(data.Related) < 3 {
				data.Related = append(data.Related, o)
			}
		}
	}
	p := h.Render.NewPublicPage(r, a.Title, data)
	h.Render.RenderPublic(w, r, http.StatusOK, "portal/article", p)
}

// Page shows a standing page at /trang/{slug}.
func (h *HTTP) Page(w http.ResponseWriter, r *http.Request) {
	h.showArticle(w, r, KindPage, r.PathValue("slug"))
}

// LeafletFile sends the file of a public leaflet or poster as a download.
func (h *HTTP) LeafletFile(w http.ResponseWriter, r *http.Request) {
	a, err := h.Store.Live(r.Context(), r.PathValue("slug"))
	if err != nil || !a.Public(h.Store.now()) || a.FileHash == "" {
		h.publicError(w, r, http.StatusNotFound, err)
		return
	}
	h.serveFile(w, r, a.FileHash, a.FileName)
}

func (h *HTTP) serveFile(w http.ResponseWriter, r *http.Request, hash, name string) {
	err := h.Store.files.Serve(w, r, hash, name)
	switch {
	case err == nil:
	case errors.Is(err, store.ErrNotFound):
		h.publicError(w, r, http.StatusNotFound, nil)
	case errors.Is(err, files.ErrMissing):
		h.Log.Error("portal file missing from storage", "hash", hash)
		h.publicError(w, r, http.StatusNotFound, nil)
	default:
		h.publicError(w, r, 0, err)
	}
}

// Image sends an image uploaded for articles, inline: /anh/{hash}.
func (h *HTTP) Image(w http.ResponseWriter, r *http.Request) {
	err := h.Store.ServeImage(w, r, r.PathValue("hash"))
	switch {
	case err == nil:
	case errors.Is(err, store.ErrNotFound), errors.Is(err, files.ErrMissing):
		http.Error(w, "Không có ảnh này", http.StatusNotFound)
	default:
		h.Log.Error("portal image", "err", err)
		http.Error(w, "Không đọc được ảnh", http.StatusInternalServerError)
	}
}
