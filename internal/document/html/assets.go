package html

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"loa/internal/document/pdf/fonts"
	"loa/internal/document/pdf/layout"
)

// document.css holds the rules; the lengths they use come from the layout
// package through the custom properties that assetFiles puts before it.
//
//go:embed document.css
var stylesheet string

// faces are the font files Assets serves, under fonts/.
var faces = []struct {
	file   string
	style  fonts.Style
	weight string
	slant  string
}{
	{"LiberationSerif-Regular.ttf", fonts.Regular, "normal", "normal"},
	{"LiberationSerif-Bold.ttf", fonts.Bold, "bold", "normal"},
	{"LiberationSerif-Italic.ttf", fonts.Italic, "normal", "italic"},
	{"LiberationSerif-BoldItalic.ttf", fonts.BoldItalic, "bold", "italic"},
}

// asset is one served file. version is a hash of its bytes; a request that asks
// for that version (?v=) may be cached for good.
type asset struct {
	body        []byte
	contentType string
	version     string
}

func newAsset(body []byte, contentType string) asset {
	sum := sha256.Sum256(body)
	return asset{body: body, contentType: contentType, version: hex.EncodeToString(sum[:6])}
}

// assetFiles builds the files on first use, not at start-up: hashing the fonts
// costs a few milliseconds that a process never showing a preview need not pay.
var assetFiles = sync.OnceValue(func() map[string]asset {
	files := make(map[string]asset, len(faces)+1)
	var css strings.Builder
	for _, f := range faces {
		a := newAsset(fonts.TTF(f.style), "font/ttf")
		files["fonts/"+f.file] = a
		// Relative URLs, so the files may be mounted under any prefix; versioned,
		// so that the year-long cache ends when a font does.
		fmt.Fprintf(&css, "@font-face{font-family:\"Liberation Serif\";font-weight:%s;font-style:%s;font-display:swap;"+
			"src:url(fonts/%s?v=%s) format(\"truetype\")}\n", f.weight, f.slant, f.file, a.version)
	}
	css.WriteString(geometry())
	css.WriteString(stylesheet)
	files["document.css"] = newAsset([]byte(css.String()), "text/css; charset=utf-8")
	return files
})

// pt writes a length in twips as points.
func pt(twips int) string { return num(float64(twips) / 20) }

func num(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// geometry is the CSS the layout package decides: the page and its margins,
// the paragraph measures, a class for every type size and for every width share.
// document.css scales the points to the preview's width through --pt.
func geometry() string {
	var b strings.Builder
	b.WriteString(".doc-page{")
	for _, v := range []struct{ name, value string }{
		{"page-w", pt(layout.PageWidth)},
		{"page-h", pt(layout.PageHeight)},
		{"margin-top", pt(layout.MarginTop)},
		{"margin-right", pt(layout.MarginRight)},
		{"margin-bottom", pt(layout.MarginBottom)},
		{"margin-left", pt(layout.MarginLeft)},
		{"indent", pt(layout.FirstLineIndent)},
		{"space-after", pt(layout.SpaceAfter)},
		{"line", num(layout.LineFactor)},
		{"body-size", num(layout.BodySize)},
		{"outdent", pt(layout.HeaderOutdent)},
		{"header-pad", pt(layout.HeaderPad)},
		{"cell-pad", pt(layout.TableCellPad)},
		{"cell-space", pt(layout.TableCellSpace)},
	} {
		b.WriteString("--" + v.name + ":" + v.value + ";")
	}
	b.WriteString("}\n")
	b.WriteString(".doc-page.doc-landscape{--page-w:" + pt(layout.PageHeight) + ";--page-h:" + pt(layout.PageWidth) + "}\n")
	// 12 and 13 are the national title's two sizes (layout.HeaderOf).
	seen := map[float64]bool{}
	for _, s := range []float64{layout.BodySize, layout.HeaderSize, layout.TableSize, layout.VvSize,
		layout.NoiNhanSize, layout.RecipientSize, 12, 13} {
		if !seen[s] {
			seen[s] = true
			b.WriteString(".doc-page ." + size(s) + "{font-size:calc(" + num(s) + "*var(--pt))}\n")
		}
	}
	for i := 1; i <= 100; i++ {
		b.WriteString(".doc ." + width(i) + "{--w:" + strconv.Itoa(i) + "%}\n")
	}
	// Printing the preview gives the exported page: A4, the Decree 30 margins.
	b.WriteString("@media print{@page{size:A4;margin:" + pt(layout.MarginTop) + "pt " + pt(layout.MarginRight) + "pt " +
		pt(layout.MarginBottom) + "pt " + pt(layout.MarginLeft) + "pt}@page landscape{size:A4 landscape}}\n")
	return b.String()
}

// Stylesheet is the path of the stylesheet relative to where Assets is mounted,
// with its version: link "/static/doc/" + Stylesheet() and browsers keep it until
// it changes.
func Stylesheet() string {
	return "document.css?v=" + assetFiles()["document.css"].version
}

// Assets serves document.css and the Liberation Serif files it names, at
// "document.css" and "fonts/…" below wherever the caller mounts it with its
// prefix stripped:
//
//	mux.Handle("GET /static/doc/", http.StripPrefix("/static/doc/", html.Assets()))
//
// A request carrying the file's current version (?v=…, as Stylesheet and the
// stylesheet's font URLs do) may be cached for a year; any other for five
// minutes, then revalidated by its ETag.
func Assets() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a, ok := assetFiles()[strings.TrimPrefix(r.URL.Path, "/")]
		if !ok {
			http.NotFound(w, r)
			return
		}
		h := w.Header()
		h.Set("Content-Type", a.contentType)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("ETag", `"`+a.version+`"`)
		if r.URL.Query().Get("v") == a.version {
			h.Set("Cache-Control", "public, max-age=31536000, immutable")
		} else {
			h.Set("Cache-Control", "public, max-age=300")
		}
		http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(a.body))
	})
}
