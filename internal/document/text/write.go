package text

import (
	"bufio"
	"io"
	"strings"

	"loa/internal/document"
	"loa/internal/document/recognise"
	"loa/internal/vn"
)

// Write prints d as plain UTF-8 text that Read reads back into the same document.
// Plain text has no bold or italics, no line breaks or merged cells inside a table, no
// widths and no landscape pages: those are left out, and cell lines are joined with
// a space ("- Chi cục … - Trung tâm …", as offices write them).
func Write(w io.Writer, d *document.Document) error {
	p := &printer{w: bufio.NewWriter(w)}
	p.header(d)
	for _, b := range d.Body {
		p.block(b)
	}
	p.footer(d)
	for _, a := range d.Annexes {
		p.para(a.Title)
		p.line(a.Subtitle)
		for _, b := range a.Body {
			p.block(b)
		}
	}
	return p.w.Flush()
}

type printer struct {
	w       *bufio.Writer
	started bool
}

// line writes one line of text; para writes one as a paragraph, after a blank line.
func (p *printer) line(s string) {
	if s = oneLine(s); s != "" {
		p.w.WriteString(s)
		p.w.WriteByte('\n')
		p.started = true
	}
}

func (p *printer) para(s string) {
	if oneLine(s) == "" {
		return
	}
	if p.started {
		p.w.WriteByte('\n')
	}
	p.line(s)
}

// oneLine keeps s on one line: tabs and line breaks would start a table row or a new
// paragraph. Inner spaces stay: a draft's date keeps the room left for the day.
func oneLine(s string) string {
	return strings.TrimSpace(strings.Map(func(r rune) rune {
		if r == '\n' || r == '\r' || r == '\t' || r == '\f' || r == '\u2028' || r == '\u2029' {
			return ' '
		}
		return r
	}, s))
}

func (p *printer) header(d *document.Document) {
	p.line(d.ParentBody)
	p.line(d.IssuingBody)
	p.line(document.NationalTitle)
	p.line(document.NationalMotto)
	p.para(d.NumberLine())
	if d.TypeName == "" {
		p.line(d.Summary)
	}
	if d.Place != "" || d.Day != 0 || d.Month != 0 || d.Year != 0 {
		p.para(vn.PlaceDate(d.Place, d.Day, d.Month, d.Year))
	}
	if d.TypeName != "" {
		p.para(d.TypeName)
		p.line(d.Summary)
	}
	switch {
	case len(d.KinhGui) == 0:
	case len(d.KinhGui) == 1 && !recognise.StartsWithMarker(d.KinhGui[0]):
		p.para("Kính gửi: " + d.KinhGui[0] + ".")
	default:
		p.para("Kính gửi:")
		p.list(d.KinhGui)
	}
	for _, l := range d.LegalBases {
		p.para(l)
	}
}

// list writes "- a;" lines, the last ending with a full stop.
func (p *printer) list(items []string) {
	for i, it := range items {
		end := ";"
		if i == len(items)-1 {
			end = "."
		}
		p.line("- " + it + end)
	}
}

func (p *printer) block(b document.Block) {
	text := document.Text(b.Runs)
	switch b.Kind {
	case document.KindBullet:
		p.para(recognise.BulletMarker(b.Level) + " " + text)
	case document.KindTable:
		p.table(b.Table)
	default:
		// A labelled paragraph (a long numbered item) prints its label like a heading.
		p.para(strings.TrimSpace(b.Label + " " + text))
	}
}

func (p *printer) table(t *document.Table) {
	if t == nil || len(t.Rows) == 0 {
		return
	}
	if p.started {
		p.w.WriteByte('\n')
	}
	for _, row := range t.Rows {
		cells := make([]string, len(row))
		for i, c := range row {
			lines := make([]string, len(c.Lines))
			for k, l := range c.Lines {
				lines[k] = document.Text(l)
			}
			cells[i] = oneLine(strings.Join(lines, " "))
		}
		if strings.Join(cells, "") == "" {
			continue // a blank line would end the table
		}
		p.w.WriteString(strings.Join(cells, "\t"))
		p.w.WriteByte('\n')
	}
	p.started = true
}

// footer writes the signature title, then "Nơi nhận:" with its list, then the
// signer's name: the order Word gives for the two-column footer.
func (p *printer) footer(d *document.Document) {
	s := d.Signer
	first := true
	for _, l := range append(strings.Split(s.Authority, "\n"), s.Title) {
		if first {
			p.para(l)
			first = oneLine(l) == ""
		} else {
			p.line(l)
		}
	}
	if len(d.Recipients) > 0 {
		p.para("Nơi nhận:")
		p.list(d.Recipients)
	}
	p.para(s.Name)
}
