// Package pdf prints a document.Document as a PDF laid out like the DOCX writer's
// file (Decree 30/2020/NĐ-CP): A4, the same margins, the two-column header with its
// rules, page numbers centred in the top margin from page 2, justified body text,
// ruled tables whose header rows repeat on every page, the signature block and the
// annexes. Text is set in Liberation Serif 2 (metric-compatible with Times New
// Roman), embedded as Unicode so it can be selected and searched.
package pdf

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/go-pdf/fpdf"

	"loa/internal/document"
	"loa/internal/document/pdf/fonts"
	"loa/internal/document/pdf/layout"
)

const family = "serif"

var faceNames = [...]string{fonts.Regular: "", fonts.Bold: "B", fonts.Italic: "I", fonts.BoldItalic: "BI"}

// a4 is the page in points; fpdf turns it for landscape pages.
var a4 = fpdf.SizeType{Wd: float64(layout.PageWidth) / 20, Ht: float64(layout.PageHeight) / 20}

// pt converts twips to points, the unit of this writer.
func pt(twips int) float64 { return float64(twips) / 20 }

// writer prints one document; y is where the next thing goes on the current page.
type writer struct {
	f         *fpdf.Fpdf
	d         *document.Document
	landscape bool
	y         float64
	style     fonts.Style
	size      float64
}

// Write writes d as a PDF.
func Write(w io.Writer, d *document.Document) error {
	p := newWriter(d)
	p.header()
	p.title()
	p.kinhGui()
	for _, lb := range d.LegalBases {
		p.paragraph(document.Plain(lb), runStyle{italic: true})
	}
	p.blocks(d.Body)
	p.signature()
	for _, a := range d.Annexes {
		p.annex(a)
	}
	if err := p.f.Output(w); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	return nil
}

func newWriter(d *document.Document) *writer {
	f := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "pt", Size: a4})
	f.SetMargins(pt(layout.MarginLeft), pt(layout.MarginTop), pt(layout.MarginRight))
	f.SetAutoPageBreak(false, pt(layout.MarginBottom)) // we break pages ourselves, row- and line-wise
	f.SetCellMargin(0)
	for s := fonts.Regular; s <= fonts.BoldItalic; s++ {
		f.AddUTF8FontFromBytes(family, faceNames[s], fonts.TTF(s))
	}
	title := d.Summary
	if d.TypeName != "" {
		title = d.TypeName + " " + d.Summary
	}
	f.SetTitle(title, true)
	f.SetAuthor(d.IssuingBody, true)
	f.SetCreator("Loa", true)
	f.SetLang("vi-VN")
	f.SetLineWidth(0.5)
	f.SetCatalogSort(true) // fonts and resources in a fixed order: same document, same bytes but the date
	p := &writer{f: f, d: d, style: -1}
	f.SetHeaderFuncMode(func() {
		if f.PageNo() < 2 {
			return // Decree 30: no number on the first page
		}
		f.SetFont(family, "", layout.PageNumberSize)
		left, _, right, _ := f.GetMargins()
		pw, _ := f.GetPageSize()
		f.SetXY(left, pt(layout.HeaderDistance))
		f.CellFormat(pw-left-right, lineHeight(layout.PageNumberSize), strconv.Itoa(f.PageNo()), "", 0, "C", false, 0, "")
	}, true)
	p.newPage(false)
	return p
}

// newPage starts a page; fpdf restores the current font after the page header.
func (p *writer) newPage(landscape bool) {
	o := "P"
	if landscape {
		o = "L"
	}
	p.landscape = landscape
	p.f.AddPageFormat(o, a4)
	p.y = pt(layout.MarginTop)
}

func (p *writer) bottom() float64 {
	_, h := p.f.GetPageSize()
	return h - pt(layout.MarginBottom)
}

func (p *writer) left() float64 { return pt(layout.MarginLeft) }

func (p *writer) textWidth() float64 { return pt(layout.TextWidth(p.landscape)) }

// ensure starts a new page unless h points still fit on this one.
func (p *writer) ensure(h float64) {
	if p.y+h > p.bottom() {
		p.newPage(p.landscape)
	}
}

func (p *writer) font(style fonts.Style, size float64) {
	if style != p.style || size != p.size {
		p.f.SetFont(family, faceNames[style], size)
		p.style, p.size = style, size
	}
}

// drawLine prints a line with its left edge at x in a column avail points wide.
func (p *writer) drawLine(l textLine, x, y, avail, size float64, align byte) {
	if len(l.words) == 0 {
		return
	}
	lh := lineHeight(size)
	switch align {
	case 'C':
		x += (avail - l.w) / 2
	case 'R':
		x += avail - l.w
	}
	justify := align == 'J' && !l.last && len(l.words) > 1
	style, single := l.words[0].segs[0].style, true
	for _, w := range l.words {
		for _, s := range w.segs {
			single = single && s.style == style
		}
	}
	if single {
		// One face: one text object with real spaces, which fpdf stretches itself
		// when justifying, so copied text reads naturally.
		texts := make([]string, len(l.words))
		for i, w := range l.words {
			for _, s := range w.segs {
				texts[i] += s.text
			}
		}
		p.font(style, size)
		p.f.SetXY(x, y)
		if justify {
			p.f.CellFormat(avail, lh, strings.Join(texts, " "), "", 0, "J", false, 0, "")
		} else {
			p.f.CellFormat(l.w, lh, strings.Join(texts, " "), "", 0, "L", false, 0, "")
		}
		return
	}
	gap := space(size)
	if justify {
		sum := 0.0
		for _, w := range l.words {
			sum += w.w
		}
		gap = (avail - sum) / float64(len(l.words)-1)
	}
	for i, w := range l.words {
		cx := x
		for j, s := range w.segs {
			text := s.text
			if j == len(w.segs)-1 && i < len(l.words)-1 {
				text += " " // a real space between words for copying and search
			}
			p.font(s.style, size)
			p.f.SetXY(cx, y)
			p.f.CellFormat(s.w, lh, text, "", 0, "L", false, 0, "")
			cx += s.w
		}
		x += w.w + gap
	}
}

// drawPara prints a laid-out paragraph at x, breaking pages between lines.
func (p *writer) drawPara(pa para, x, width float64) {
	lh := lineHeight(pa.size)
	p.y += pa.before
	for i, l := range pa.lines {
		if p.y+lh > p.bottom() {
			p.newPage(p.landscape)
		}
		in := 0.0
		if i == 0 {
			in = pa.indent
		}
		p.drawLine(l, x+in, p.y, width-in, pa.size, pa.align)
		p.y += lh
	}
	p.y += pa.after
}

// drawBox prints paragraphs in a column without page breaks (header, signature,
// table cells) from top y; it returns the y below them.
func (p *writer) drawBox(paras []para, x, y, width float64) float64 {
	for _, pa := range paras {
		y += pa.before
		for i, l := range pa.lines {
			in := 0.0
			if i == 0 {
				in = pa.indent
			}
			p.drawLine(l, x+in, y, width-in, pa.size, pa.align)
			y += lineHeight(pa.size)
		}
		y += pa.after
	}
	return y
}

// rule draws a centred horizontal line under text, as the DOCX writer's
// paragraph border does.
func (p *writer) rule(center, y, length float64) {
	p.f.SetLineWidth(0.75)
	p.f.Line(center-length/2, y, center+length/2, y)
	p.f.SetLineWidth(0.5)
}

// ruleGap is the distance from the text above to a rule: the DOCX rule paragraph's
// 3 pt line and the border's 1 pt spacing.
const ruleGap = 4

// paragraph prints a body paragraph: justified, first-line indent, 6 pt after.
func (p *writer) paragraph(runs []document.Run, rs runStyle) {
	pa := layoutPara(runs, p.textWidth(), layout.BodySize, rs, 'J', pt(layout.FirstLineIndent))
	pa.after = pt(layout.SpaceAfter)
	p.drawPara(pa, p.left(), p.textWidth())
}

func (p *writer) blocks(blocks []document.Block) {
	for _, b := range blocks {
		switch b.Kind {
		case document.KindTable:
			if b.Table != nil {
				p.table(b.Table)
			}
		case document.KindHeading:
			level := min(max(b.Level, 1), 4)
			pa := layoutPara(layout.Runs(b), p.textWidth(), layout.BodySize,
				runStyle{bold: layout.HeadingBold(level)}, 'J', pt(layout.FirstLineIndent))
			pa.after = pt(layout.SpaceAfter)
			// Keep a heading with the first two lines of what follows it.
			p.ensure(pa.height() + 2*lineHeight(layout.BodySize))
			p.drawPara(pa, p.left(), p.textWidth())
		default:
			p.paragraph(layout.Runs(b), runStyle{})
		}
	}
}
