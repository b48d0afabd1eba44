package portal

import (
	"encoding/xml"
	"net/http"
	"time"

	"loa/internal/i18n"
	"loa/internal/library"
	"loa/internal/web"
)

// Feeds: RSS 2.0 and Atom per section, and the site map, with absolute addresses
// from the site's base URL.

const feedSize = 30

type rssFeed struct {
	XMLName xml.Name   `xml:"rss"`
	Version string     `xml:"version,attr"`
	AtomNS  string     `xml:"xmlns:atom,attr"`
	Channel rssChannel `xml:"channel"`
}

type rssChannel struct {
	Self        atomLink  `xml:"atom:link"`
	Title       string    `xml:"title"`
	Link        string    `xml:"link"`
	Description string    `xml:"description"`
	Language    string    `xml:"language"`
	LastBuild   string    `xml:"lastBuildDate,omitempty"`
	Items       []rssItem `xml:"item"`
}

type rssItem struct {
	Title       string  `xml:"title"`
	Link        string  `xml:"link"`
	GUID        rssGUID `xml:"guid"`
	PubDate     string  `xml:"pubDate"`
	Description string  `xml:"description"`
}

type rssGUID struct {
	Permalink bool   `xml:"isPermaLink,attr"`
	Value     string `xml:",chardata"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
}

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string      `xml:"xml:lang,attr"`
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Author  atomAuthor  `xml:"author"`
	Entries []atomEntry `xml:"entry"`
}

type atomAuthor struct {
	Name string `xml:"name"`
}

type atomEntry struct {
	Title     string   `xml:"title"`
	ID        string   `xml:"id"`
	Link      atomLink `xml:"link"`
	Published string   `xml:"published"`
	Updated   string   `xml:"updated"`
	Summary   string   `xml:"summary"`
}

func (h *HTTP) feedItems(w http.ResponseWriter, r *http.Request, kind Kind) ([]*Article, bool) {
	list, _, err := h.Store.Published(r.Context(), kind, feedSize, 0)
	if err != nil {
		h.publicError(w, r, 0, err)
		return nil, false
	}
	return list, true
}

func writeXML(w http.ResponseWriter, contentType string, v any) {
	out, err := xml.MarshalIndent(v, "", "  ")
	if err != nil {
		http.Error(w, "Lỗi hệ thống", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Cache-Control", "no-cache")
	_, _ = w.Write([]byte(xml.Header))
	_, _ = w.Write(out)
}

// RSS is a section's RSS 2.0 feed: /tin-tuc/rss.xml.
func (h *HTTP) RSS(kind Kind) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		list, ok := h.feedItems(w, r, kind)
		if !ok {
			return
		}
		site, lang := h.Render.Site(), web.LangFrom(r)
		ch := rssChannel{
			Title:       i18n.T(lang, kind.Label()) + " · " + site.Name,
			Link:        site.BaseURL + kind.Section(),
			Description: i18n.T(lang, "portal.feed_description", i18n.T(lang, kind.Label()), site.Owner),
			Language:    string(lang),
			Self:        atomLink{Href: site.BaseURL + kind.Section() + "/rss.xml", Rel: "self", Type: "application/rss+xml"},
		}
		for i, a := range list {
			if i == 0 {
				ch.LastBuild = a.Modified().Format(time.RFC1123Z)
			}
			url := site.BaseURL + a.Path()
			ch.Items = append(ch.Items, rssItem{Title: a.Title, Link: url, GUID: rssGUID{Permalink: true, Value: url},
				PubDate: a.PublishedAt.Format(time.RFC1123Z), Description: a.Description()})
		}
		writeXML(w, "application/rss+xml; charset=utf-8", rssFeed{Version: "2.0", AtomNS: "http://www.w3.org/2005/Atom", Channel: ch})
	}
}

// Atom is a section's Atom feed: /tin-tuc/atom.xml.
func (h *HTTP) Atom(kind Kind) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		list, ok := h.feedItems(w, r, kind)
		if !ok {
			return
		}
		site, lang := h.Render.Site(), web.LangFrom(r)
		updated, err := h.Store.LastModified(r.Context())
		if err != nil {
			h.publicError(w, r, 0, err)
			return
		}
		if len(list) > 0 {
			updated = list[0].Modified()
		}
		if updated.IsZero() {
			updated = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
		}
		f := atomFeed{
			Lang: string(lang), Title: i18n.T(lang, kind.Label()) + " · " + site.Name, ID: site.BaseURL + kind.Section(),
			Updated: updated.Format(time.RFC3339),
			Links: []atomLink{{Href: site.BaseURL + kind.Section() + "/atom.xml", Rel: "self", Type: "application/atom+xml"},
				{Href: site.BaseURL + kind.Section(), Rel: "alternate", Type: "text/html"}},
			Author: atomAuthor{Name: site.Owner},
		}
		for _, a := range list {
			url := site.BaseURL + a.Path()
			f.Entries = append(f.Entries, atomEntry{Title: a.Title, ID: url, Link: atomLink{Href: url, Rel: "alternate"},
				Published: a.PublishedAt.Format(time.RFC3339), Updated: a.Modified().Format(time.RFC3339), Summary: a.Description()})
		}
		writeXML(w, "application/atom+xml; charset=utf-8", f)
	}
}

type urlSet struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

// maxSitemapURLs is what one sitemap file may list (sitemaps.org).
const maxSitemapURLs = 50_000

// Sitemap lists every public address with when it last changed: the sections, every
// published article, and the documents of the library, newest first, up to the 50,000
// addresses one sitemap file may hold.
func (h *HTTP) Sitemap(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	base := h.Render.Site().BaseURL
	articles, err := h.Store.AllPublished(ctx)
	if err != nil {
		h.publicError(w, r, 0, err)
		return
	}
	latest := map[string]time.Time{}
	for _, a := range articles {
		if s := a.Kind.Section(); a.Modified().After(latest[s]) {
			latest[s] = a.Modified()
		}
	}
	day := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.UTC().Format("2006-01-02")
	}
	var set urlSet
	last, err := h.Store.LastModified(ctx)
	if err != nil {
		h.publicError(w, r, 0, err)
		return
	}
	set.URLs = append(set.URLs, sitemapURL{Loc: base + "/", LastMod: day(last)})
	for _, k := range []Kind{KindNews, KindGuide, KindLeaflet, KindPractice} {
		set.URLs = append(set.URLs, sitemapURL{Loc: base + k.Section(), LastMod: day(latest[k.Section()])})
	}
	set.URLs = append(set.URLs, sitemapURL{Loc: base + "/van-ban"})
	for _, a := range articles {
		if len(set.URLs) >= maxSitemapURLs {
			break
		}
		set.URLs = append(set.URLs, sitemapURL{Loc: base + a.Path(), LastMod: day(a.Modified())})
	}
	if room := maxSitemapURLs - len(set.URLs); room > 0 {
		docs, _, err := h.Library.List(ctx, library.Filter{Limit: room})
		if err != nil {
			h.publicError(w, r, 0, err)
			return
		}
		for _, d := range docs {
			set.URLs = append(set.URLs, sitemapURL{Loc: base + "/van-ban/" + d.ID, LastMod: day(d.UpdatedAt)})
		}
	}
	writeXML(w, "application/xml; charset=utf-8", set)
}
