// Package layout holds the page geometry of Decree 30/2020/NĐ-CP (Annex I) and the
// measurements and fixed wording that the DOCX and PDF writers share, so that the
// two files of one document look alike; the HTML preview takes its page from them
// too. Lengths are in twips (1/20 pt), the unit WordprocessingML uses; the PDF and
// HTML writers convert them to points.
package layout

import (
	"strings"

	"loa/internal/document"
	"loa/internal/document/pdf/fonts"
	"loa/internal/vn"
)

// A4 portrait in twips, and the margins Decree 30 allows: top and bottom
// 20–25 mm, left 30–35 mm, right 15–20 mm.
const (
	PageWidth    = 11906
	PageHeight   = 16838
	MarginTop    = 1247 // 22 mm
	MarginBottom = 1247 // 22 mm
	MarginLeft   = 1814 // 32 mm
	MarginRight  = 1021 // 18 mm
	// HeaderDistance puts the page number in the middle of the top margin.
	HeaderDistance = 567 // 10 mm
	FooterDistance = 567
)

// Paragraph measures of the body: 1 cm first-line indent, 6 pt after, single spacing.
const (
	FirstLineIndent = 567
	SpaceAfter      = 120
	// LineFactor is Times New Roman's single line height in ems
	// ((ascender + descender + line gap) / units per em), what Word calls "single".
	LineFactor = 1.15
)

// Type sizes in points.
const (
	BodySize       = 14 // body text, title, summary, signer
	HeaderSize     = 13 // parent and issuing body, number line
	TableSize      = 13 // table text
	PageNumberSize = 13
	VvSize         = 12 // a công văn's "V/v …" summary
	NoiNhanSize    = 12 // "Nơi nhận:"
	RecipientSize  = 11
)

// HeaderPad is the left and right padding of the header and footer cells,
// HeaderOutdent how far those borderless tables reach into the side margins so
// that the national title fits beside a long agency name.
const (
	HeaderPad      = 57  // 1 mm
	HeaderOutdent  = 227 // 4 mm
	TableCellPad   = 85  // 1.5 mm, bordered tables
	TableCellSpace = 40  // 2 pt above and below a table cell's text
)

// Labels printed by the writers.
const (
	NoiNhan = "Nơi nhận:"
	KinhGui = "Kính gửi:"
)

// Twips converts points to twips.
func Twips(points float64) int { return int(points*20 + 0.5) }

// TextWidth is the width between the side margins.
func TextWidth(landscape bool) int {
	if landscape {
		return PageHeight - MarginLeft - MarginRight
	}
	return PageWidth - MarginLeft - MarginRight
}

// Header is the geometry of the page-1 header and of the signature table, which
// uses the same columns so the signer sits under the national title.
type Header struct {
	Left, Right int // column widths
	// TitleSize is the national title's size: 13 pt, or 12 when 13 would not fit
	// beside a long agency name.
	TitleSize float64
	// IssuerRule and MottoRule are the lengths of the rules under the issuing body
	// and under the motto.
	IssuerRule, MottoRule int
}

// HeaderOf sizes the header columns: the left column as wide as the agency names
// need, within 60–76 mm; the right column the rest.
func HeaderOf(d *document.Document) Header {
	total := TextWidth(false) + 2*HeaderOutdent
	need := 0
	for _, s := range []struct {
		style fonts.Style
		text  string
	}{{fonts.Regular, strings.ToUpper(d.ParentBody)}, {fonts.Bold, strings.ToUpper(d.IssuingBody)}, {fonts.Regular, d.NumberLine()}} {
		need = max(need, Twips(fonts.Points(s.style, s.text, HeaderSize)))
	}
	left := min(max(need+2*HeaderPad+113, 3402), 4309)
	h := Header{Left: left, Right: total - left, TitleSize: 13}
	if Twips(fonts.Points(fonts.Bold, document.NationalTitle, 13)) > h.Right-2*HeaderPad {
		h.TitleSize = 12
	}
	issuer := min(Twips(fonts.Points(fonts.Bold, strings.ToUpper(d.IssuingBody), HeaderSize)), left-2*HeaderPad)
	h.IssuerRule = shortRule(issuer)
	h.MottoRule = Twips(fonts.Points(fonts.Bold, document.NationalMotto, BodySize))
	return h
}

// shortRule is the rule under the issuing body and under the summary: Decree 30
// asks for one third to one half of the line above; we take 40 %.
func shortRule(lineWidth int) int { return lineWidth * 2 / 5 }

// SummaryRule is the rule under a summary set in the body size in bold.
func SummaryRule(summary string) int {
	w := min(Twips(fonts.Points(fonts.Bold, summary, BodySize)), TextWidth(false))
	return shortRule(w)
}

// ListLines punctuates a list the way Decree 30 does for recipients and
// addressees: "- X;" on every line and a full stop after the last.
func ListLines(items []string) []string {
	var out []string
	for _, it := range items {
		it = strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(it), "-–+ "))
		it = strings.TrimRight(it, ";.,: ")
		if it != "" {
			out = append(out, "- "+it+";")
		}
	}
	if n := len(out); n > 0 {
		out[n-1] = strings.TrimSuffix(out[n-1], ";") + "."
	}
	return out
}

// AnnexReference is the italic line under an annex title:
// "(Kèm theo Kế hoạch số /KH-SKHCN ngày    tháng 01 năm 2024)".
func AnnexReference(d *document.Document) string {
	kind := "Công văn"
	if d.TypeName != "" {
		kind = sentenceCase(d.TypeName)
	}
	num := strings.TrimSpace(strings.TrimPrefix(d.NumberLine(), "Số:"))
	return "(Kèm theo " + kind + " số " + num + " " + vn.DocDateParts(d.Day, d.Month, d.Year) + ")"
}

// PlaceDate is the italic line under the motto, blank where the date is not yet known.
func PlaceDate(d *document.Document) string { return vn.PlaceDate(d.Place, d.Day, d.Month, d.Year) }

// sentenceCase turns "KẾ HOẠCH" into "Kế hoạch".
func sentenceCase(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	for i, r := range s {
		return strings.ToUpper(string(r)) + s[i+len(string(r)):]
	}
	return s
}

// HeadingBold says whether a heading of a level prints in bold: Roman sections and
// numbered items do, lettered points and dash items are upright text (Annex I, II.7).
func HeadingBold(level int) bool { return level <= 2 }

// bulletLabel is the mark of a bullet without its own label: "-" at the first
// level, "+" deeper.
func bulletLabel(b document.Block) string {
	if b.Label != "" {
		return b.Label
	}
	if b.Level >= 2 {
		return "+"
	}
	return "-"
}

// Runs is what a heading, paragraph or bullet prints: its label and a space in
// the style of the first run, then its runs.
func Runs(b document.Block) []document.Run {
	prefix := ""
	switch {
	case b.Kind == document.KindBullet:
		prefix = bulletLabel(b) + " "
	case b.Label != "":
		prefix = b.Label + " "
	}
	if prefix == "" {
		return b.Runs
	}
	first := document.Run{Text: prefix}
	if len(b.Runs) > 0 {
		first.Bold, first.Italic = b.Runs[0].Bold, b.Runs[0].Italic
	}
	return append([]document.Run{first}, b.Runs...)
}
