// Package html renders a document.Document as an HTML fragment that looks like
// the exported page, for the live preview of the plan editor: white A4 sheets with
// the Decree 30 margins, Liberation Serif at the document's sizes, the two-column
// header with its rules, the body, ruled tables, the signature block and the
// annexes, each on a sheet of its own. The geometry comes from the layout package
// the DOCX and PDF writers use, so the three agree.
//
// The fragment carries classes only, never a style attribute, because the pages
// that show it forbid inline styles (style-src 'self'); document.css, served by
// Assets with the fonts, holds every rule. The preview is one continuous sheet:
// where the PDF breaks pages is the PDF's business.
package html

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"math"
	"strconv"
	"strings"

	"loa/internal/document"
	"loa/internal/document/pdf/layout"
	"loa/internal/vn"
)

// writer accumulates the fragment.
type writer struct {
	bytes.Buffer
	d *document.Document
	// cols is the class of the header's and the signature's left column share.
	cols string
}

// Write writes d as an HTML fragment: one <div class="doc"> holding a
// <div class="doc-page"> for the document and one for each annex. Every text of
// the model is escaped: it is what users typed or imported.
func Write(w io.Writer, d *document.Document) error {
	h := layout.HeaderOf(d)
	p := &writer{d: d, cols: width(share(h.Left, h.Left+h.Right))}
	p.Grow(4096 + 512*len(d.Body))
	p.s(`<div class="doc" lang="vi">`, "\n", `<div class="doc-page">`, "\n")
	p.header(h)
	p.title()
	p.kinhGui()
	for _, lb := range d.LegalBases {
		p.para("p", "doc-par doc-i", document.Plain(lb))
	}
	p.blocks(d.Body)
	p.signature()
	p.s("</div>\n")
	for _, a := range d.Annexes {
		p.annex(a)
	}
	p.s("</div>")
	if _, err := w.Write(p.Bytes()); err != nil {
		return fmt.Errorf("html: %w", err)
	}
	return nil
}

func (p *writer) s(parts ...string) {
	for _, s := range parts {
		p.WriteString(s)
	}
}

// text writes s escaped, composed as the other writers print it.
func (p *writer) text(s string) {
	template.HTMLEscape(p, []byte(vn.NFC(s)))
}

// runs writes runs with their own bold and italic; a style the whole element has
// comes from its class.
func (p *writer) runs(runs []document.Run) {
	for _, r := range runs {
		if r.Text == "" {
			continue
		}
		if r.Bold {
			p.s("<b>")
		}
		if r.Italic {
			p.s("<i>")
		}
		p.text(r.Text)
		if r.Italic {
			p.s("</i>")
		}
		if r.Bold {
			p.s("</b>")
		}
	}
}

// para writes one element of runs.
func (p *writer) para(tag, class string, runs []document.Run) {
	p.s("<", tag, ` class="`, class, `">`)
	p.runs(runs)
	p.s("</", tag, ">\n")
}

// line writes one element of plain text.
func (p *writer) line(class, text string) {
	p.para("p", class, document.Plain(text))
}

// size is the class that sets a type size in points; document.css has one for
// every size the layout package names.
func size(points float64) string {
	return "doc-z" + strconv.FormatFloat(points, 'f', -1, 64)
}

// header writes the page-1 header as a grid of four cells: the agency and the
// national title side by side, the number and the place and date below them, so
// that those two lines start level as in the exported file.
func (p *writer) header(h layout.Header) {
	d := p.d
	p.s(`<div class="doc-cols `, p.cols, `">`, "\n")

	p.s(`<div class="doc-head-top">`)
	if d.ParentBody != "" {
		p.line(size(layout.HeaderSize), strings.ToUpper(d.ParentBody))
	}
	p.line(size(layout.HeaderSize)+" doc-b doc-rule", strings.ToUpper(d.IssuingBody))
	p.s("</div>\n")

	p.s(`<div class="doc-head-top">`)
	p.line(size(h.TitleSize)+" doc-b", document.NationalTitle)
	p.line(size(layout.BodySize)+" doc-b doc-rule doc-rule-full", document.NationalMotto)
	p.s("</div>\n")

	p.s(`<div class="doc-head-bottom">`)
	p.line(size(layout.HeaderSize), d.NumberLine())
	if d.TypeName == "" && d.Summary != "" {
		p.line(size(layout.VvSize)+" doc-vv", d.Summary)
	}
	p.s("</div>\n")

	p.s(`<div class="doc-head-bottom">`)
	p.line(size(layout.BodySize)+" doc-i", layout.PlaceDate(d))
	p.s("</div>\n")
	p.s("</div>\n")
}

// title writes the type name and the summary with its short rule; a công văn has
// neither here (its "V/v" summary is in the header).
func (p *writer) title() {
	d := p.d
	if d.TypeName == "" {
		return
	}
	p.s(`<div class="doc-title">`)
	p.line("doc-b", strings.ToUpper(d.TypeName))
	if d.Summary != "" {
		p.line("doc-b doc-rule doc-summary", d.Summary)
	}
	p.s("</div>\n")
}

// kinhGui writes the addressees: one on a centred line, several as a list whose
// dashes align to the right of the label.
func (p *writer) kinhGui() {
	lines := layout.ListLines(p.d.KinhGui)
	switch len(lines) {
	case 0:
		return
	case 1:
		p.line("doc-kg1", layout.KinhGui+" "+strings.TrimPrefix(lines[0], "- "))
		return
	}
	p.s(`<div class="doc-kg"><p>`, layout.KinhGui, `</p><div>`)
	for _, l := range lines {
		p.line("doc-kg-item", l)
	}
	p.s("</div></div>\n")
}

// blocks writes body blocks. Headings are h2–h5 so the preview has an outline
// under the page's own h1; they look like the paragraphs they are in print.
func (p *writer) blocks(blocks []document.Block) {
	for _, b := range blocks {
		switch b.Kind {
		case document.KindTable:
			if b.Table != nil {
				p.table(b.Table)
			}
		case document.KindHeading:
			level := min(max(b.Level, 1), 4)
			class := "doc-par doc-heading"
			if layout.HeadingBold(level) {
				class += " doc-b"
			}
			p.para("h"+strconv.Itoa(level+1), class, layout.Runs(b))
		default:
			p.para("p", "doc-par", layout.Runs(b))
		}
	}
}

// signature writes the recipients and the signer in the header's columns, so
// the signer sits under the national title.
func (p *writer) signature() {
	d := p.d
	p.s(`<div class="doc-cols doc-sign `, p.cols, `">`, "\n")
	p.s(`<div class="doc-recipients">`)
	if recipients := layout.ListLines(d.Recipients); len(recipients) > 0 {
		p.line(size(layout.NoiNhanSize)+" doc-b doc-i", layout.NoiNhan)
		for _, r := range recipients {
			p.line(size(layout.RecipientSize), r)
		}
	}
	p.s("</div>\n")
	p.s(`<div class="doc-signer">`)
	if d.Signer.Authority != "" {
		p.line("doc-b", strings.ToUpper(d.Signer.Authority))
	}
	p.line("doc-b", strings.ToUpper(d.Signer.Title))
	p.line("doc-b doc-signer-name", d.Signer.Name)
	p.s("</div>\n")
	p.s("</div>\n")
}

// annex writes an annex on a sheet of its own, turned when it is landscape.
func (p *writer) annex(a document.Annex) {
	class := "doc-page"
	if a.Landscape {
		class += " doc-landscape"
	}
	p.s(`<div class="`, class, `">`, "\n", `<div class="doc-annex-head">`)
	p.line("doc-b", a.Title)
	if a.Subtitle != "" {
		p.line("doc-b", strings.ToUpper(a.Subtitle))
	}
	p.line("doc-i", layout.AnnexReference(p.d))
	p.s("</div>\n")
	p.blocks(a.Body)
	p.s("</div>\n")
}

// share is part of whole in whole percents.
func share(part, whole int) int {
	return int(math.Round(float64(part) * 100 / float64(whole)))
}

// width is the class that gives a column or the header's left column a share
// of the width: w-1 … w-100.
func width(percent int) string { return "w-" + strconv.Itoa(percent) }
