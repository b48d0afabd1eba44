// Package web is the HTTP plumbing every feature shares: the page layout and template
// helpers, middleware, responses, form tokens, pagination and the embedded static
// assets. It knows no domain: features hand it their templates and data.
package web

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"path"
	"reflect"
	"slices"
	"strings"
	"sync"
	"time"

	"loa/internal/i18n"
	"loa/internal/valid"
	"loa/internal/vn"
)

// Page is what every template receives: the request's language and user, the page's
// own Data, and — when a form is shown again after an error — what was typed and
// what is wrong with it.
type Page struct {
	Lang      i18n.Lang
	Title     string
	Data      any
	Errors    valid.Errors
	Form      url.Values
	FormToken string
	Path      string
	Query     url.Values
	RequestID string
	Flash     string
	User      *Viewer
	Nav       []NavItem
	Assets    string // cache-busting suffix for static URLs
	// Stylesheets are extra style sheets a page needs (the document preview's).
	Stylesheets []string
	// Site and PublicNav frame the public portal's pages.
	Site      *Site
	PublicNav []NavItem
}

// Site is who publishes the public portal, as its header and footer show.
type Site struct {
	Name    string // "Cổng thông tin cải cách hành chính"
	Owner   string // the agency that runs it
	Address string
	Phone   string
	Email   string
	BaseURL string // absolute links in feeds, the sitemap and Open Graph tags
}

// Viewer is the signed-in user as the layout shows them.
type Viewer struct {
	Name     string
	Username string
	Agency   string
	Roles    []string
}

// NavItem is a link of the main navigation.
type NavItem struct {
	Key    string // catalogue key of the label
	Href   string
	Active bool
}

// T renders a catalogue message in the page's language.
func (p *Page) T(key string, args ...any) string { return i18n.T(p.Lang, key, args...) }

// Msg renders a deferred message in the page's language.
func (p *Page) Msg(m i18n.Msg) string { return m.In(p.Lang) }

// Err is the message for a wrong field, or "".
func (p *Page) Err(field string) string {
	if m, ok := p.Errors[field]; ok {
		return m.In(p.Lang)
	}
	return ""
}

// Val is what the user typed into field when the form is shown again, else def.
func (p *Page) Val(field string, def any) string {
	if p.Form != nil {
		if v, ok := p.Form[field]; ok {
			return strings.Join(v, "\n")
		}
	}
	if def == nil {
		return ""
	}
	if v := reflect.ValueOf(def); v.Kind() == reflect.Pointer && v.IsNil() {
		return "" // a field of a record not made yet: (and $r $r.Field) gives the nil record
	}
	return fmt.Sprint(def)
}

// Checked tells whether a checkbox or option value is chosen: from the typed form when
// shown again, else from def — a bool, or a nil record's placeholder meaning false.
func (p *Page) Checked(field, value string, def any) bool {
	if p.Form != nil {
		for _, v := range p.Form[field] {
			if v == value {
				return true
			}
		}
		if _, typed := p.Form[FormTokenField]; typed {
			return false
		}
	}
	b, _ := def.(bool)
	return b
}

// PageHook fills the parts of a Page that need the signed-in user (name, navigation),
// which this package does not know about. The app sets it.
type PageHook func(r *http.Request, p *Page)

// Renderer turns a page template and its data into a response. Each page is parsed
// once at start-up with the shared layout and partials.
type Renderer struct {
	pages  map[string]*template.Template
	hook   PageHook
	site   *Site
	nav    []NavItem
	assets string
	log    *slog.Logger
	bufs   sync.Pool
}

// Funcs are the helpers every template may use.
var Funcs = template.FuncMap{
	"date":     func(t time.Time) string { return vn.ShortDate(t) },
	"datetime": func(t time.Time) string { return vn.DateTime(t) },
	"add":      func(a, b int) int { return a + b },
	"seq": func(n int) []int {
		s := make([]int, n)
		for i := range s {
			s[i] = i
		}
		return s
	},
	"join":   strings.Join,
	"inList": func(v string, list []string) bool { return slices.Contains(list, v) },
	"list":   func(items ...string) []string { return items },
	"mul100": func(f float64) float64 { return f * 100 },
	"initial": func(s string) string {
		for _, r := range s {
			return string(r)
		}
		return ""
	},
	"dict": func(kv ...any) map[string]any {
		m := make(map[string]any, len(kv)/2)
		for i := 0; i+1 < len(kv); i += 2 {
			m[fmt.Sprint(kv[i])] = kv[i+1]
		}
		return m
	},
	"default": func(def, v string) string { return map[bool]string{true: def, false: v}[v == ""] },
	"query": func(q url.Values, key, value string) string {
		c := url.Values{}
		for k, v := range q {
			c[k] = v
		}
		c.Set(key, value)
		return "?" + c.Encode()
	},
}

// NewRenderer parses the layout and shared partials of this package together with the
// page templates of every feature. A page "agency/tree" is the file
// templates/tree.html in the feature filesystem registered under "agency".
func NewRenderer(features map[string]fs.FS, hook PageHook, assets string, log *slog.Logger) (*Renderer, error) {
	r := &Renderer{pages: map[string]*template.Template{}, hook: hook, assets: assets, log: log}
	r.bufs.New = func() any { return new(bytes.Buffer) }
	base, err := template.New("layout").Funcs(Funcs).ParseFS(templateFiles, "templates/*.html")
	if err != nil {
		return nil, fmt.Errorf("web templates: %w", err)
	}
	// The shared templates are pages too ("web/error").
	if err := r.addPages(base, "web", templateFiles); err != nil {
		return nil, err
	}
	for name, fsys := range features {
		if err := r.addPages(base, name, fsys); err != nil {
			return nil, err
		}
	}
	return r, nil
}

func (r *Renderer) addPages(base *template.Template, feature string, fsys fs.FS) error {
	files, err := fs.Glob(fsys, "templates/*.html")
	if err != nil {
		return err
	}
	for _, f := range files {
		name := feature + "/" + strings.TrimSuffix(path.Base(f), ".html")
		if feature == "web" && (name == "web/layout" || name == "web/public") {
			continue
		}
		t, err := template.Must(base.Clone()).ParseFS(fsys, f)
		if err != nil {
			return fmt.Errorf("template %s: %w", name, err)
		}
		r.pages[name] = t
	}
	return nil
}

// NewPage starts the Page of a request: language, path, request ID, flash and the
// hook's user and navigation.
func (r *Renderer) NewPage(w http.ResponseWriter, req *http.Request, title string, data any) *Page {
	p := &Page{
		Lang:      LangFrom(req),
		Title:     title,
		Data:      data,
		Path:      req.URL.Path,
		Query:     req.URL.Query(),
		RequestID: RequestID(req.Context()),
		Assets:    r.assets,
	}
	p.Flash = popFlash(w, req, p.Lang)
	if r.hook != nil {
		r.hook(req, p)
	}
	return p
}

// SetSite names the public portal and its navigation (labels are catalogue keys).
func (r *Renderer) SetSite(site Site, nav []NavItem) {
	r.site, r.nav = &site, nav
}

// Site is the public portal's identity.
func (r *Renderer) Site() Site {
	if r.site == nil {
		return Site{}
	}
	return *r.site
}

// NewPublicPage starts a page of the public portal. It carries nothing about the
// visitor but the language, so that it may be cached and shared.
func (r *Renderer) NewPublicPage(req *http.Request, title string, data any) *Page {
	p := &Page{
		Lang:      LangFrom(req),
		Title:     title,
		Data:      data,
		Path:      req.URL.Path,
		Query:     req.URL.Query(),
		RequestID: RequestID(req.Context()),
		Assets:    r.assets,
		Site:      r.site,
	}
	for _, it := range r.nav {
		it.Active = req.URL.Path == it.Href || (it.Href != "/" && strings.HasPrefix(req.URL.Path, it.Href+"/"))
		p.PublicNav = append(p.PublicNav, it)
	}
	return p
}

// RenderPublic writes a public portal page (layout "public"). Browsers revalidate it
// (no-cache) so that a published correction shows at once; the portal's cache layer
// answers revalidations with 304.
func (r *Renderer) RenderPublic(w http.ResponseWriter, req *http.Request, status int, name string, p *Page) {
	r.execute(w, req, status, name, "public", "no-cache", p)
}

// Render writes page name with status. Templates run into a buffer first so that a
// template error gives an error page, not half a page.
func (r *Renderer) Render(w http.ResponseWriter, req *http.Request, status int, name string, p *Page) {
	r.execute(w, req, status, name, "layout", "no-store", p)
}

// Fragment writes one named block of a page without the layout, for htmx requests.
func (r *Renderer) Fragment(w http.ResponseWriter, req *http.Request, status int, name, block string, p *Page) {
	r.execute(w, req, status, name, block, "no-store", p)
}

func (r *Renderer) execute(w http.ResponseWriter, req *http.Request, status int, name, block, cacheControl string, p *Page) {
	t, ok := r.pages[name]
	if !ok {
		r.log.Error("no such template", "page", name)
		http.Error(w, "Lỗi hệ thống", http.StatusInternalServerError)
		return
	}
	buf := r.bufs.Get().(*bytes.Buffer)
	buf.Reset()
	defer r.bufs.Put(buf)
	if err := t.ExecuteTemplate(buf, block, p); err != nil {
		r.log.Error("template", "page", name, "block", block, "err", err, "request_id", p.RequestID)
		if name != "web/error" {
			r.Error(w, req, http.StatusInternalServerError)
		} else {
			http.Error(w, "Lỗi hệ thống", http.StatusInternalServerError)
		}
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	if h.Get("Cache-Control") == "" {
		h.Set("Cache-Control", cacheControl)
	}
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// ErrorInfo is the data of the error page.
type ErrorInfo struct {
	Status  int
	Title   string // catalogue key
	Message string // catalogue key
}

var errorTexts = map[int][2]string{
	http.StatusBadRequest:            {"error.400.title", "error.400.text"},
	http.StatusForbidden:             {"error.403.title", "error.403.text"},
	http.StatusNotFound:              {"error.404.title", "error.404.text"},
	http.StatusConflict:              {"error.409.title", "error.409.text"},
	http.StatusRequestEntityTooLarge: {"error.413.title", "error.413.text"},
	http.StatusTooManyRequests:       {"error.429.title", "error.429.text"},
	http.StatusInternalServerError:   {"error.500.title", "error.500.text"},
}

// Error writes the friendly error page for status.
func (r *Renderer) Error(w http.ResponseWriter, req *http.Request, status int) {
	texts, ok := errorTexts[status]
	if !ok {
		texts = errorTexts[http.StatusInternalServerError]
	}
	p := r.NewPage(w, req, i18n.T(LangFrom(req), texts[0]), ErrorInfo{Status: status, Title: texts[0], Message: texts[1]})
	r.Render(w, req, status, "web/error", p)
}
