package pdf

import (
	"strings"

	"loa/internal/document"
	"loa/internal/document/pdf/fonts"
	"loa/internal/document/pdf/layout"
)

// columns is the geometry of the borderless two-column header and signature
// tables, shared with the DOCX writer through layout.HeaderOf.
type columns struct {
	h                      layout.Header
	x0, left, right, inner float64 // left edge, column widths, cell padding
}

func (p *writer) columns() columns {
	h := layout.HeaderOf(p.d)
	return columns{h: h, x0: p.left() - pt(layout.HeaderOutdent), left: pt(h.Left), right: pt(h.Right), inner: pt(layout.HeaderPad)}
}

// box lays out one centred line group of a header column.
func box(text string, width, size float64, rs runStyle, align byte, before float64) para {
	pa := layoutPara(document.Plain(text), width, size, rs, align, 0)
	pa.before = before
	return pa
}

// header prints the page-1 header: agency names left, national title and motto
// right, each with its rule, then the number and the place and date.
func (p *writer) header() {
	c := p.columns()
	d := p.d
	lw, rw := c.left-2*c.inner, c.right-2*c.inner
	lx, rx := c.x0+c.inner, c.x0+c.left+c.inner
	y0 := p.y

	var left []para
	if d.ParentBody != "" {
		left = append(left, box(d.ParentBody, lw, layout.HeaderSize, runStyle{upper: true}, 'C', 0))
	}
	left = append(left, box(d.IssuingBody, lw, layout.HeaderSize, runStyle{upper: true, bold: true}, 'C', 0))
	ly := p.drawBox(left, lx, y0, lw) + ruleGap
	p.rule(c.x0+c.left/2, ly, pt(c.h.IssuerRule))

	right := []para{
		box(document.NationalTitle, rw, c.h.TitleSize, runStyle{bold: true}, 'C', 0),
		box(document.NationalMotto, rw, layout.BodySize, runStyle{bold: true}, 'C', 0),
	}
	ry := p.drawBox(right, rx, y0, rw) + ruleGap
	p.rule(c.x0+c.left+c.right/2, ry, pt(c.h.MottoRule))

	y1 := max(ly, ry) + 1
	number := []para{box(d.NumberLine(), lw, layout.HeaderSize, runStyle{}, 'C', 6)}
	if d.TypeName == "" && d.Summary != "" {
		number = append(number, box(d.Summary, lw, layout.VvSize, runStyle{}, 'C', 3))
	}
	ly = p.drawBox(number, lx, y1, lw)
	ry = p.drawBox([]para{box(layout.PlaceDate(d), rw, layout.BodySize, runStyle{italic: true}, 'C', 6)}, rx, y1, rw)
	p.y = max(ly, ry)
}

// title prints the type name and the summary with its rule; a công văn has
// neither (its summary is in the header).
func (p *writer) title() {
	d := p.d
	if d.TypeName == "" {
		return
	}
	w := p.textWidth()
	paras := []para{box(d.TypeName, w, layout.BodySize, runStyle{bold: true, upper: true}, 'C', 18)}
	if d.Summary != "" {
		paras = append(paras, box(d.Summary, w, layout.BodySize, runStyle{bold: true}, 'C', 0))
	}
	p.y = p.drawBox(paras, p.left(), p.y, w)
	if d.Summary != "" {
		p.rule(p.left()+w/2, p.y+ruleGap, pt(layout.SummaryRule(d.Summary)))
		p.y += ruleGap
	}
	p.y += 18
}

// kinhGui prints the addressees: one on a centred line, several as a list with
// the dashes aligned.
func (p *writer) kinhGui() {
	lines := layout.ListLines(p.d.KinhGui)
	if len(lines) == 0 {
		return
	}
	w := p.textWidth()
	if len(lines) == 1 {
		pa := box(layout.KinhGui+" "+strings.TrimPrefix(lines[0], "- "), w, layout.BodySize, runStyle{}, 'C', 12)
		pa.after = 12
		p.drawPara(pa, p.left(), w)
		return
	}
	start := pt(layout.TextWidth(false) / 5)
	label := fonts.Points(fonts.Regular, layout.KinhGui+"  ", layout.BodySize)
	p.y += 12
	p.ensure(lineHeight(layout.BodySize))
	p.font(fonts.Regular, layout.BodySize)
	p.f.SetXY(p.left()+start, p.y)
	p.f.CellFormat(label, lineHeight(layout.BodySize), layout.KinhGui, "", 0, "L", false, 0, "")
	for _, l := range lines {
		p.drawPara(box(l, w-start-label, layout.BodySize, runStyle{}, 'L', 0), p.left()+start+label, w-start-label)
	}
	p.y += 12
}

// signature prints the recipients and the signer side by side, on one page.
func (p *writer) signature() {
	c := p.columns()
	d := p.d
	lw, rw := c.left-2*c.inner, c.right-2*c.inner
	var left []para
	if recipients := layout.ListLines(d.Recipients); len(recipients) > 0 {
		left = append(left, box(layout.NoiNhan, lw, layout.NoiNhanSize, runStyle{bold: true, italic: true}, 'L', 12))
		for _, r := range recipients {
			left = append(left, box(r, lw, layout.RecipientSize, runStyle{}, 'L', 0))
		}
	}
	var right []para
	before := 12.0
	if d.Signer.Authority != "" {
		right = append(right, box(d.Signer.Authority, rw, layout.BodySize, runStyle{bold: true, upper: true}, 'C', before))
		before = 0
	}
	right = append(right,
		box(d.Signer.Title, rw, layout.BodySize, runStyle{bold: true, upper: true}, 'C', before),
		box(d.Signer.Name, rw, layout.BodySize, runStyle{bold: true}, 'C', 72)) // room for the signature and seal
	h := 0.0
	for _, col := range [][]para{left, right} {
		sum := 0.0
		for _, pa := range col {
			sum += pa.height()
		}
		h = max(h, sum)
	}
	p.ensure(h)
	ly := p.drawBox(left, c.x0+c.inner, p.y, lw)
	ry := p.drawBox(right, c.x0+c.left+c.inner, p.y, rw)
	p.y = max(ly, ry)
}

// annex prints an annex from a new page, turned when it is landscape.
func (p *writer) annex(a document.Annex) {
	p.newPage(a.Landscape)
	w := p.textWidth()
	paras := []para{box(a.Title, w, layout.BodySize, runStyle{bold: true}, 'C', 0)}
	if a.Subtitle != "" {
		paras = append(paras, box(a.Subtitle, w, layout.BodySize, runStyle{bold: true, upper: true}, 'C', 0))
	}
	ref := box(layout.AnnexReference(p.d), w, layout.BodySize, runStyle{italic: true}, 'C', 0)
	ref.after = 12
	paras = append(paras, ref)
	p.y = p.drawBox(paras, p.left(), p.y, w)
	p.blocks(a.Body)
}
