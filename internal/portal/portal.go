// Package portal is the public face of the agency: the pages anyone may read without
// an account — news, administrative-procedure guidance, leaflets and posters, good
// practices, standing pages, the documents library — with their feeds and site map,
// and the editorial desk where editors write, review, publish and withdraw them.
// Every public page is built from public data only, so that one rendering can be
// cached and served to every visitor reading in the same language.
package portal

import (
	"context"
	"embed"
	"errors"
	"log/slog"
	"net/http"

	"loa/internal/agency"
	"loa/internal/i18n"
	"loa/internal/library"
	"loa/internal/store"
	"loa/internal/web"
)

// Templates are the portal's pages.
//
//go:embed templates
var Templates embed.FS

// HTTP serves the public pages and the editorial desk.
type HTTP struct {
	Store    *Store
	Library  *library.Store
	Agencies *agency.Store
	Render   *web.Renderer
	Log      *slog.Logger
	// KeyFigures, when set, gives the home page its key indicators (PAR Index, SIPAS …).
	KeyFigures func(ctx context.Context) ([]KeyFigure, error)
}

// KeyFigure is a key indicator's latest value as the home page shows it.
type KeyFigure struct {
	Label  string // "PAR Index"
	Name   string // "Chỉ số cải cách hành chính"
	Year   int
	Value  string // "88,05%", "45,2 điểm"
	Rank   int    // 0: not ranked
	Of     int    // how many were ranked
	Source string
}

// Nav is the portal's main navigation.
var Nav = []web.NavItem{
	{Key: "portal.nav.home", Href: "/"},
	{Key: "portal.nav.news", Href: "/tin-tuc"},
	{Key: "portal.nav.documents", Href: "/van-ban"},
	{Key: "portal.nav.guides", Href: "/thu-tuc"},
	{Key: "portal.nav.leaflets", Href: "/an-pham"},
	{Key: "portal.nav.practices", Href: "/dien-hinh"},
	{Key: "feedback.qa.nav", Href: "/hoi-dap"},
	{Key: "feedback.nav_public", Href: "/phan-anh"},
	{Key: "survey.public_nav", Href: "/khao-sat"},
}

// publicError answers a public request with an error page in the public layout.
func (h *HTTP) publicError(w http.ResponseWriter, r *http.Request, status int, err error) {
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		h.Log.Error("portal", "err", err, "path", r.URL.Path, "request_id", web.RequestID(r.Context()))
		status = http.StatusInternalServerError
	}
	key := map[int][2]string{
		http.StatusNotFound:            {"portal.error.404.title", "portal.error.404.text"},
		http.StatusInternalServerError: {"portal.error.500.title", "portal.error.500.text"},
	}[status]
	if key[0] == "" {
		key = [2]string{"portal.error.500.title", "portal.error.500.text"}
	}
	lang := web.LangFrom(r)
	p := h.Render.NewPublicPage(r, i18n.T(lang, key[0]), errorPage{Status: status, Title: key[0], Text: key[1]})
	h.Render.RenderPublic(w, r, status, "portal/error", p)
}

type errorPage struct {
	Status      int
	Title, Text string
}

const (
	homeNews      = 6
	homeDocuments = 6
	sectionSize   = 12
	documentsSize = 20
)

type homePage struct {
	News       []*Article
	Guides     []*Article
	Practices  []*Article
	Leaflets   []*Article
	Documents  []*library.Entry
	Files      map[string]*DocFile
	KeyFigures []KeyFigure
}

// Home shows the latest news, the newest documents, key indicators when known, and
// the way into each section.
func (h *HTTP) Home(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	var data homePage
	var err error
	if h.Store != nil {
		if data.News, _, err = h.Store.Published(ctx, KindNews, homeNews, 0); err != nil {
			h.publicError(w, r, 0, err)
			return
		}
		if data.Guides, _, err = h.Store.Published(ctx, KindGuide, 4, 0); err != nil {
			h.publicError(w, r, 0, err)
			return
		}
		if data.Practices, _, err = h.Store.Published(ctx, KindPractice, 3, 0); err != nil {
			h.publicError(w, r, 0, err)
			return
		}
		if data.Leaflets, _, err = h.Store.Published(ctx, KindLeaflet, 3, 0); err != nil {
			h.publicError(w, r, 0, err)
			return
		}
	}
	if data.Documents, _, err = h.Library.List(ctx, library.Filter{Limit: homeDocuments}); err != nil {
		h.publicError(w, r, 0, err)
		return
	}
	if h.Store != nil {
		if data.Files, err = h.Store.DocFiles(ctx, entryIDs(data.Documents)); err != nil {
			h.publicError(w, r, 0, err)
			return
		}
	}
	if h.KeyFigures != nil {
		// Figures are a bonus: the home page shows without them rather than fail.
		if data.KeyFigures, err = h.KeyFigures(ctx); err != nil {
			h.Log.Warn("portal key figures", "err", err)
			data.KeyFigures = nil
		}
	}
	p := h.Render.NewPublicPage(r, i18n.T(web.LangFrom(r), "portal.home_title"), data)
	h.Render.RenderPublic(w, r, http.StatusOK, "portal/home", p)
}

func entryIDs(es []*library.Entry) []string {
	ids := make([]string, len(es))
	for i, e := range es {
		ids[i] = e.ID
	}
	return ids
}
