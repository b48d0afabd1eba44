// Package portal is the public face of the agency: the pages anyone may read without
// an account. Every page here is built from public data only, so that one rendering
// can be cached and served to every visitor reading in the same language.
package portal

import (
	"embed"
	"log/slog"
	"net/http"

	"loa/internal/i18n"
	"loa/internal/library"
	"loa/internal/web"
)

// Templates are the portal's pages.
//
//go:embed templates
var Templates embed.FS

// HTTP serves the public pages.
type HTTP struct {
	Library *library.Store
	Render  *web.Renderer
	Log     *slog.Logger
}

// Nav is the portal's main navigation.
var Nav = []web.NavItem{
	{Key: "portal.nav.home", Href: "/"},
}

type homePage struct {
	Documents []*library.Entry
}

// Home shows the newest documents and the search box.
func (h *HTTP) Home(w http.ResponseWriter, r *http.Request) {
	docs, _, err := h.Library.List(r.Context(), library.Filter{Limit: 8})
	if err != nil {
		h.Log.Error("portal home", "err", err)
		h.Render.Error(w, r, http.StatusInternalServerError)
		return
	}
	p := h.Render.NewPublicPage(r, i18n.T(web.LangFrom(r), "portal.home_title"), homePage{Documents: docs})
	h.Render.RenderPublic(w, r, http.StatusOK, "portal/home", p)
}
