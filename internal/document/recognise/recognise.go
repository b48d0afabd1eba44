// Package recognise turns the paragraphs and tables of a document, in reading order,
// into the Decree-30 document model. The text and DOCX readers both produce that
// flat list, so a document is understood the same way whichever file it came in.
//
// First the parts are tidied: tables that only lay out the header or the footer
// become their paragraphs, a table split across pages is joined again, and a line
// cut mid-sentence joins the line before it. Then the document is read part by part:
// the page-1 header (parent and issuing bodies, "Số:", place and date, the national
// title, which the model implies), the type name and summary, "Kính gửi:" and the
// "Căn cứ …" legal bases, the body with its labelled items, bullets and tables, the
// signature and "Nơi nhận:", and the annexes.
package recognise

import (
	"strings"

	"loa/internal/document"
	"loa/internal/vn"
)

// Part is one paragraph or table of a document in reading order. A paragraph's runs
// may hold tabs: in the page-1 header they separate its two columns.
type Part struct {
	Runs  []document.Run
	Table *document.Table
	// Layout marks a table that only places text side by side (a borderless table in
	// Word): it is read as its paragraphs.
	Layout bool
	// Landscape marks a part printed on a landscape page.
	Landscape bool
}

// para is a paragraph part with its normalised runs and text.
type para struct {
	runs []document.Run
	text string
	raw  string // the text before normalisation, tabs kept
}

type reader struct {
	parts []Part
	paras []para // paras[i] belongs to parts[i]; zero for tables
	doc   *document.Document
}

// Document recognises the parts of a document. It never fails: what it cannot place
// elsewhere is body text.
func Document(parts []Part) *document.Document {
	parts = joinBrokenLines(mergeSplitTables(cleanTables(flattenLayoutTables(parts))))
	r := &reader{parts: parts, paras: make([]para, len(parts)), doc: &document.Document{}}
	for i, p := range parts {
		if p.Table == nil {
			runs := Runs(p.Runs)
			r.paras[i] = para{runs: runs, text: document.Text(runs), raw: document.Text(p.Runs)}
		}
	}
	// The footer is found first so that a header never takes the signature's
	// capitals for a type name when a document has no body.
	annex := r.annexStart(0)
	end := r.footer(0, annex)
	i := r.header(0, end)
	i = r.title(i, end)
	i = r.preamble(i, end)
	r.doc.Body = r.blocks(i, end)
	r.annexes(annex)
	return r.doc
}

func (r *reader) isPara(i int) bool { return i < len(r.parts) && r.parts[i].Table == nil }

// paraBefore reports a paragraph at i before end.
func (r *reader) paraBefore(i, end int) bool { return i < end && r.isPara(i) }

// skippable is an empty paragraph or a drawn rule.
func (r *reader) skippable(i int) bool {
	return r.isPara(i) && (r.paras[i].text == "" || isRule(r.paras[i].text))
}

// header reads the page-1 header from part i and returns where it ends. A paragraph
// belongs to the header only when every tab-separated piece of it is a header line.
func (r *reader) header(i, end int) int {
	d := r.doc
	var bodies []para
	seenNumber := false
	for ; r.paraBefore(i, end); i++ {
		if r.skippable(i) {
			continue
		}
		var pieces []string
		for _, s := range strings.Split(r.paras[i].raw, "\t") {
			if s = Clean(s); s != "" {
				pieces = append(pieces, s)
			}
		}
		kinds := make([]string, len(pieces))
		for k, s := range pieces {
			kinds[k] = headerKind(s, seenNumber)
			if kinds[k] == "" {
				r.setBodies(bodies)
				return i
			}
		}
		done := false
		for k, s := range pieces {
			switch kinds[k] {
			case "number":
				d.Number, d.Symbol, _ = parseNumber(s)
				seenNumber = true
			case "date":
				d.Place, d.Day, d.Month, d.Year, _ = parseDate(s)
				seenNumber = true
			case "vv":
				d.Summary = s
			case "type":
				d.TypeName = s
				done = true
			case "body":
				bodies = append(bodies, para{runs: r.paras[i].runs, text: s})
			}
		}
		if done {
			r.setBodies(bodies)
			return i + 1
		}
	}
	r.setBodies(bodies)
	return i
}

// headerKind classifies one line of the header: "skip" for the national title and
// rules, "number", "date", "vv" (a công văn's summary), "type" (a document type of
// Decree 30), "body" (parent or issuing body: capitals above "Số:"), or "" for a
// line that is not part of a header.
func headerKind(s string, seenNumber bool) string {
	_, lvl, _ := label(s)
	_, bullet := bulletMarker(s)
	switch {
	case isNational(s) || isRule(s):
		return "skip"
	case lvl != 0 || bullet:
		return ""
	case hasPrefixFold(s, "số") && strings.Contains(s, ":"):
		if _, _, ok := parseNumber(s); ok {
			return "number"
		}
	case strings.HasPrefix(vn.Fold(s), "v/v"):
		return "vv"
	}
	if _, _, _, _, ok := parseDate(s); ok {
		return "date"
	}
	switch {
	case !isUpper(s) || isAnnexTitle(s):
		return ""
	case isTypeName(s):
		return "type"
	case !seenNumber:
		return "body"
	}
	return ""
}

// setBodies decides which capitalised header lines name the parent body and which
// the issuer. Decree 30 prints the issuer bold and the parent not; without that
// hint the last line is the issuer and the lines above it the parent.
func (r *reader) setBodies(bodies []para) {
	if len(bodies) == 0 {
		return
	}
	var parent, issuer []string
	mixed := false
	for _, b := range bodies {
		mixed = mixed || allBold(b.runs) != allBold(bodies[0].runs)
	}
	for k, b := range bodies {
		if mixed && !allBold(b.runs) || !mixed && k < len(bodies)-1 {
			parent = append(parent, b.text)
		} else {
			issuer = append(issuer, b.text)
		}
	}
	r.doc.ParentBody = strings.Join(parent, " ")
	r.doc.IssuingBody = strings.Join(issuer, " ")
}

// title reads the summary that follows the type name.
func (r *reader) title(i, end int) int {
	if r.doc.TypeName == "" {
		return i
	}
	for i < end && r.skippable(i) {
		i++
	}
	if !r.paraBefore(i, end) || r.special(i) {
		return i
	}
	r.doc.Summary = r.paras[i].text
	return i + 1
}

// special reports a paragraph that has its own place: a label, a list line, a legal
// basis or "Kính gửi".
func (r *reader) special(i int) bool {
	t := r.paras[i].text
	_, lvl, _ := label(t)
	_, bullet := bulletMarker(t)
	return lvl != 0 || bullet || hasPrefixFold(t, "căn cứ") || hasPrefixFold(t, "kính gửi")
}

// preamble reads "Kính gửi:" with its addressees and the legal bases, in either order.
func (r *reader) preamble(i, end int) int {
	d := r.doc
	for r.paraBefore(i, end) {
		if r.skippable(i) {
			i++
			continue
		}
		t := r.paras[i].text
		switch {
		case hasPrefixFold(t, "kính gửi") && strings.Contains(t, ":"):
			var to []string
			if s := trimListItem(afterColon(t)); s != "" {
				to = append(to, s)
			}
			j := i + 1
			for ; r.paraBefore(j, end); j++ {
				if _, ok := bulletMarker(r.paras[j].text); !ok {
					break
				}
				if item := trimListItem(r.paras[j].text); item != "" {
					to = append(to, item)
				}
			}
			if len(to) == 0 {
				return i // "Kính gửi:" naming no one is body text
			}
			d.KinhGui = append(d.KinhGui, to...)
			i = j
		case hasPrefixFold(t, "căn cứ"):
			d.LegalBases = append(d.LegalBases, t)
			i++
		default:
			return i
		}
	}
	return i
}

// joinBrokenLines joins a paragraph that starts in lower case onto the paragraph
// with text before it: a page break or a hard line break cut a sentence ("… những
// hạn chế," / "yếu kém trong hoạt động …"). It is done once, before anything is
// recognised, so that every part of the document sees the same paragraphs. An
// item label ("đ) …", Word's "iv. …") and a date line ("ngày 05 tháng …") start in
// lower case yet begin lines of their own; nothing continues a table or a header line.
func joinBrokenLines(parts []Part) []Part {
	var out []Part
	last := -1 // the paragraph in out a continuation joins
	for _, p := range parts {
		if p.Table != nil {
			out, last = append(out, p), -1
			continue
		}
		t := Clean(document.Text(p.Runs))
		_, lvl, _ := label(t)
		_, _, _, _, date := parseDate(t)
		switch {
		case t == "" || isRule(t):
			out = append(out, p)
		case last >= 0 && startsLower(t) && lvl == 0 && !date && !listRe.MatchString(t):
			prev := &out[last]
			prev.Runs = append(append(append([]document.Run(nil), prev.Runs...), document.Run{Text: " "}), p.Runs...)
		case headerLine(t):
			out, last = append(out, p), -1
		default:
			out, last = append(out, p), len(out)
		}
	}
	return out
}

// headerLine reports a line of the page-1 header that a sentence never continues:
// the national title and motto, "Số:" and the date.
func headerLine(t string) bool {
	_, _, number := parseNumber(t)
	return number || isNational(t)
}

// annexStart is the first annex title at or after i, or the end.
func (r *reader) annexStart(i int) int {
	for ; i < len(r.parts); i++ {
		if r.isPara(i) && isAnnexTitle(r.paras[i].text) {
			return i
		}
	}
	return i
}

// annexes reads each annex from its title: the title, the subtitle under it, its body.
func (r *reader) annexes(i int) {
	for i < len(r.parts) {
		a := document.Annex{Title: r.paras[i].text, Landscape: r.parts[i].Landscape}
		i++
		for r.skippable(i) {
			i++
		}
		if r.isPara(i) && !r.special(i) && !isAnnexTitle(r.paras[i].text) && !isAnnexReference(r.paras[i].text) {
			a.Subtitle = r.paras[i].text
			i++
		}
		for r.skippable(i) {
			i++
		}
		// "(Kèm theo Kế hoạch số …)" is printed from the document's own number and
		// date: it is not part of the annex.
		if r.isPara(i) && isAnnexReference(r.paras[i].text) {
			i++
		}
		end := r.annexStart(i)
		a.Body = r.blocks(i, end)
		r.doc.Annexes = append(r.doc.Annexes, a)
		i = end
	}
}

// Limits on one document. A reader refuses a file beyond them (TooLarge) rather than
// spend memory on what cannot be an administrative document: a long report has a
// few thousand paragraphs and cells.
const (
	MaxParts = 100_000
	MaxCells = 500_000
)

// TooLarge is the refusal for a file beyond MaxParts or MaxCells.
func TooLarge() error {
	return document.Refuse("Tệp có quá nhiều đoạn văn hoặc ô bảng (hơn 100.000 đoạn hoặc 500.000 ô): không phải một văn bản hành chính đọc được.", nil)
}
