package docx

import (
	"bytes"
	"strconv"
	"strings"

	"loa/internal/document"
	"loa/internal/document/pdf/fonts"
	"loa/internal/document/pdf/layout"
	"loa/internal/vn"
)

// body accumulates word/document.xml.
type body struct {
	bytes.Buffer
}

// para is what a paragraph needs beyond its style; zero values leave the style alone.
type para struct {
	style                         string
	jc                            string // "center", "left", "right"; "" leaves the style's
	indLeft, indRight, hanging    int
	firstLine                     int // -1 for none
	before, after                 int // -1 leaves the style's spacing
	rule                          bool
	tab                           int     // a left tab stop, 0 for none
	markSize                      float64 // size of the paragraph mark; 0 leaves the style's
	sectPr                        string
	forceBold, forceItalic, upper bool
	size                          float64
}

func (b *body) s(parts ...string) {
	for _, p := range parts {
		b.WriteString(p)
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

// p writes one paragraph of runs.
func (b *body) p(pp para, runs []document.Run) {
	b.s(`<w:p><w:pPr>`)
	if pp.style != "" {
		b.s(`<w:pStyle w:val="`, pp.style, `"/>`)
	}
	if pp.rule {
		b.s(`<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr>`)
	}
	if pp.tab > 0 {
		b.s(`<w:tabs><w:tab w:val="left" w:pos="`, itoa(pp.tab), `"/></w:tabs>`)
	}
	if pp.before >= 0 || pp.after >= 0 {
		b.s(`<w:spacing`)
		if pp.before >= 0 {
			b.s(` w:before="`, itoa(pp.before), `"`)
		}
		if pp.after >= 0 {
			b.s(` w:after="`, itoa(pp.after), `"`)
		}
		if pp.rule {
			// The rule paragraph is a hairline: its border is all that shows.
			b.s(` w:line="60" w:lineRule="exact"`)
		}
		b.s(`/>`)
	}
	if pp.indLeft != 0 || pp.indRight != 0 || pp.hanging != 0 || pp.firstLine >= 0 {
		b.s(`<w:ind`)
		if pp.indLeft != 0 {
			b.s(` w:left="`, itoa(pp.indLeft), `"`)
		}
		if pp.indRight != 0 {
			b.s(` w:right="`, itoa(pp.indRight), `"`)
		}
		if pp.hanging != 0 {
			b.s(` w:hanging="`, itoa(pp.hanging), `"`)
		} else if pp.firstLine >= 0 {
			b.s(` w:firstLine="`, itoa(pp.firstLine), `"`)
		}
		b.s(`/>`)
	}
	if pp.jc != "" {
		b.s(`<w:jc w:val="`, pp.jc, `"/>`)
	}
	if pp.markSize > 0 {
		b.s(`<w:rPr><w:sz w:val="`, itoa(half(pp.markSize)), `"/><w:szCs w:val="`, itoa(half(pp.markSize)), `"/></w:rPr>`)
	}
	b.s(pp.sectPr, `</w:pPr>`)
	for _, r := range runs {
		if r.Text == "" {
			continue
		}
		b.run(document.Run{Text: r.Text, Bold: r.Bold || pp.forceBold, Italic: r.Italic || pp.forceItalic}, pp.size, pp.upper)
	}
	b.s(`</w:p>`)
}

// run writes one run; newlines become line breaks and tabs tab characters.
func (b *body) run(r document.Run, size float64, upper bool) {
	text := vn.NFC(r.Text)
	if upper {
		text = strings.ToUpper(text)
	}
	b.s(`<w:r>`)
	if r.Bold || r.Italic || size > 0 {
		b.s(`<w:rPr>`)
		if r.Bold {
			b.s(`<w:b/><w:bCs/>`)
		}
		if r.Italic {
			b.s(`<w:i/><w:iCs/>`)
		}
		if size > 0 {
			h := itoa(half(size))
			b.s(`<w:sz w:val="`, h, `"/><w:szCs w:val="`, h, `"/>`)
		}
		b.s(`</w:rPr>`)
	}
	for i, line := range strings.Split(text, "\n") {
		if i > 0 {
			b.s(`<w:br/>`)
		}
		for j, piece := range strings.Split(line, "\t") {
			if j > 0 {
				b.s(`<w:tab/>`)
			}
			if piece != "" {
				b.s(`<w:t xml:space="preserve">`)
				escape(&b.Buffer, piece)
				b.s(`</w:t>`)
			}
		}
	}
	b.s(`</w:r>`)
}

// plain is a paragraph setting with no overrides.
func plain(style string) para { return para{style: style, firstLine: -1, before: -1, after: -1} }

// rule writes an empty hairline paragraph whose bottom border, narrowed by
// indents, is the short line Decree 30 draws under the issuing body, the motto and
// the summary. A border rather than a shape: it stays put when the text reflows.
func (b *body) rule(style string, avail, length, after int) {
	in := max((avail-length)/2, 0)
	pp := plain(style)
	pp.rule, pp.indLeft, pp.indRight, pp.firstLine, pp.before, pp.after = true, in, in, 0, 0, after
	pp.markSize = 1
	b.p(pp, nil)
}

func documentXML(d *document.Document) []byte {
	var b body
	b.Grow(8192 + 512*len(d.Body))
	b.s(xmlHeader, `<w:document `, nsW, ` `, nsR, `><w:body>`)
	h := layout.HeaderOf(d)
	b.header(d, h)
	b.title(d)
	b.kinhGui(d)
	for _, lb := range d.LegalBases {
		pp := plain("")
		pp.forceItalic = true
		b.p(pp, document.Plain(lb))
	}
	b.blocks(d.Body, false)
	b.signature(d, h)
	// Word wants a paragraph after a table; a section's properties ride on its
	// last paragraph, and the last section's are the body's own.
	end := func(sect string) {
		pp := plain("")
		pp.markSize, pp.after, pp.sectPr = 1, 0, sect
		b.p(pp, nil)
	}
	sect := sectPr(false, true)
	if len(d.Annexes) == 0 {
		end("")
	}
	for _, a := range d.Annexes {
		end(sect)
		b.annex(d, a)
		sect = sectPr(a.Landscape, false)
	}
	b.s(sect, `</w:body></w:document>`)
	return b.Bytes()
}

// sectPr is an A4 section with the Decree 30 margins. The first section has a
// distinct, empty first-page header; annex sections inherit the page-number header
// on every page.
func sectPr(landscape, first bool) string {
	var s strings.Builder
	s.WriteString(`<w:sectPr>`)
	if first {
		s.WriteString(`<w:headerReference w:type="default" r:id="` + relPageNumberHeader + `"/>` +
			`<w:headerReference w:type="first" r:id="` + relFirstPageHeader + `"/>`)
	}
	s.WriteString(`<w:type w:val="nextPage"/>`)
	if landscape {
		s.WriteString(`<w:pgSz w:w="` + itoa(layout.PageHeight) + `" w:h="` + itoa(layout.PageWidth) + `" w:orient="landscape"/>`)
	} else {
		s.WriteString(`<w:pgSz w:w="` + itoa(layout.PageWidth) + `" w:h="` + itoa(layout.PageHeight) + `"/>`)
	}
	s.WriteString(`<w:pgMar w:top="` + itoa(layout.MarginTop) + `" w:right="` + itoa(layout.MarginRight) +
		`" w:bottom="` + itoa(layout.MarginBottom) + `" w:left="` + itoa(layout.MarginLeft) +
		`" w:header="` + itoa(layout.HeaderDistance) + `" w:footer="` + itoa(layout.FooterDistance) + `" w:gutter="0"/>`)
	if first {
		s.WriteString(`<w:titlePg/>`)
	}
	s.WriteString(`</w:sectPr>`)
	return s.String()
}

// twoColumns opens a borderless two-column table reaching HeaderOutdent into the
// side margins (the header and the signature block).
func (b *body) twoColumns(left, right int) {
	b.s(`<w:tbl><w:tblPr><w:tblW w:w="`, itoa(left+right), `" w:type="dxa"/><w:tblInd w:w="`, itoa(-layout.HeaderOutdent), `" w:type="dxa"/>`,
		`<w:tblBorders>`, borders("nil"), `</w:tblBorders><w:tblLayout w:type="fixed"/>`,
		`<w:tblCellMar><w:left w:w="`, itoa(layout.HeaderPad), `" w:type="dxa"/><w:right w:w="`, itoa(layout.HeaderPad), `" w:type="dxa"/></w:tblCellMar>`,
		`<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="0" w:noVBand="0"/></w:tblPr>`,
		`<w:tblGrid><w:gridCol w:w="`, itoa(left), `"/><w:gridCol w:w="`, itoa(right), `"/></w:tblGrid>`)
}

func (b *body) cell(width int) {
	b.s(`<w:tc><w:tcPr><w:tcW w:w="`, itoa(width), `" w:type="dxa"/></w:tcPr>`)
}

// header writes the page-1 header: the agency on the left, the national title and
// motto on the right, and below them the number and the place and date.
func (b *body) header(d *document.Document, h layout.Header) {
	inL, inR := h.Left-2*layout.HeaderPad, h.Right-2*layout.HeaderPad
	b.twoColumns(h.Left, h.Right)

	b.s(`<w:tr>`)
	b.cell(h.Left)
	pp := plain(styleHeaderCol)
	pp.upper = true
	if d.ParentBody != "" {
		b.p(pp, document.Plain(d.ParentBody))
	}
	pp.forceBold = true
	b.p(pp, document.Plain(d.IssuingBody))
	b.rule(styleHeaderCol, inL, h.IssuerRule, 0)
	b.s(`</w:tc>`)
	b.cell(h.Right)
	pp = plain(styleHeaderCol)
	pp.forceBold, pp.size = true, h.TitleSize
	b.p(pp, document.Plain(document.NationalTitle))
	pp.size = layout.BodySize
	b.p(pp, document.Plain(document.NationalMotto))
	b.rule(styleHeaderCol, inR, h.MottoRule, 0)
	b.s(`</w:tc></w:tr>`)

	b.s(`<w:tr>`)
	b.cell(h.Left)
	pp = plain(styleHeaderCol)
	pp.before = 120
	b.p(pp, document.Plain(d.NumberLine()))
	if d.TypeName == "" && d.Summary != "" {
		pp.size = layout.VvSize
		pp.before = 60
		b.p(pp, document.Plain(d.Summary))
	}
	b.s(`</w:tc>`)
	b.cell(h.Right)
	pp = plain(styleHeaderCol)
	pp.before, pp.forceItalic, pp.size = 120, true, layout.BodySize
	b.p(pp, document.Plain(layout.PlaceDate(d)))
	b.s(`</w:tc></w:tr></w:tbl>`)
}

// title writes the type name and the summary with its short rule; a công văn has
// neither here (its "V/v" summary sits in the header).
func (b *body) title(d *document.Document) {
	if d.TypeName == "" {
		return
	}
	// Bold is set on the runs as well as in the style, for readers that ignore styles.
	pp := plain(styleTitle)
	pp.before, pp.upper, pp.forceBold = 360, true, true
	if d.Summary == "" {
		pp.after = 360
	}
	b.p(pp, document.Plain(d.TypeName))
	if d.Summary != "" {
		pp = plain(styleTitle)
		pp.forceBold = true
		b.p(pp, document.Plain(d.Summary))
		b.rule(styleTitle, layout.TextWidth(false), layout.SummaryRule(d.Summary), 360)
	}
}

// kinhGui writes "Kính gửi:" centred with one addressee, or as a list with the
// dashes aligned under the first one.
func (b *body) kinhGui(d *document.Document) {
	lines := layout.ListLines(d.KinhGui)
	if len(lines) == 0 {
		return
	}
	pp := plain("")
	if len(lines) == 1 {
		pp.jc, pp.firstLine, pp.before, pp.after = "center", 0, 240, 240
		b.p(pp, document.Plain(layout.KinhGui+" "+strings.TrimPrefix(lines[0], "- ")))
		return
	}
	start := layout.TextWidth(false) / 5
	label := layout.Twips(fonts.Points(fonts.Regular, layout.KinhGui+"  ", layout.BodySize))
	pp.jc, pp.indLeft, pp.hanging, pp.tab = "left", start+label, label, start+label
	for i, l := range lines {
		pp.before, pp.after = 0, 0
		if i == 0 {
			pp.before = 240
			b.p(pp, document.Plain(layout.KinhGui+"\t"+l))
			continue
		}
		if i == len(lines)-1 {
			pp.after = 240
		}
		pp.hanging, pp.firstLine = 0, 0
		b.p(pp, document.Plain(l))
	}
}

// blocks writes body blocks; landscape says how wide the tables may be.
func (b *body) blocks(blocks []document.Block, landscape bool) {
	for _, bl := range blocks {
		switch bl.Kind {
		case document.KindTable:
			if bl.Table != nil {
				b.table(bl.Table, layout.TextWidth(landscape))
			}
		case document.KindHeading:
			level := min(max(bl.Level, 1), 4)
			pp := plain(styleHeading + itoa(level))
			pp.forceBold = layout.HeadingBold(level)
			b.p(pp, layout.Runs(bl))
		default:
			b.p(plain(""), layout.Runs(bl))
		}
	}
}

// signature writes the closing two-column table: recipients on the left, the
// signer on the right under the national title.
func (b *body) signature(d *document.Document, h layout.Header) {
	b.twoColumns(h.Left, h.Right)
	b.s(`<w:tr><w:trPr><w:cantSplit/></w:trPr>`)
	b.cell(h.Left)
	pp := plain(styleHeaderCol)
	pp.jc, pp.before = "left", 240
	recipients := layout.ListLines(d.Recipients)
	if len(recipients) > 0 {
		pp.forceBold, pp.forceItalic, pp.size = true, true, layout.NoiNhanSize
		b.p(pp, document.Plain(layout.NoiNhan))
		pp = plain(styleHeaderCol)
		pp.jc, pp.size = "left", layout.RecipientSize
		for _, r := range recipients {
			b.p(pp, document.Plain(r))
		}
	} else {
		b.p(pp, nil)
	}
	b.s(`</w:tc>`)
	b.cell(h.Right)
	pp = plain(styleHeaderCol)
	pp.before, pp.forceBold, pp.upper, pp.size = 240, true, true, layout.BodySize
	if d.Signer.Authority != "" {
		b.p(pp, document.Plain(d.Signer.Authority))
		pp.before = -1
	}
	b.p(pp, document.Plain(d.Signer.Title))
	pp.upper, pp.before = false, 1440 // room for the signature and the seal
	b.p(pp, document.Plain(d.Signer.Name))
	b.s(`</w:tc></w:tr></w:tbl>`)
}

// annex writes an annex from a new page: its number, name, the document it goes
// with, then its body.
func (b *body) annex(d *document.Document, a document.Annex) {
	pp := plain(styleTitle)
	pp.forceBold = true
	b.p(pp, document.Plain(a.Title))
	if a.Subtitle != "" {
		pp.upper = true
		b.p(pp, document.Plain(a.Subtitle))
	}
	ref := plain(styleTitle)
	ref.forceItalic, ref.after = true, 240
	b.p(ref, []document.Run{{Text: layout.AnnexReference(d)}})
	b.blocks(a.Body, a.Landscape)
}
