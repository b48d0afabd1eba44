package pdf

import (
	"strings"

	"loa/internal/document"
	"loa/internal/document/pdf/fonts"
	"loa/internal/document/pdf/layout"
	"loa/internal/vn"
)

// Text is set by our own line breaker rather than fpdf's MultiCell, which knows
// one font per paragraph: Decree 30 paragraphs mix bold and italic runs.

// seg is a stretch of one word in one face.
type seg struct {
	text  string
	style fonts.Style
	w     float64 // points
}

// word is what the line breaker moves as a whole; brk marks a forced line break.
type word struct {
	segs []seg
	w    float64
	brk  bool
}

// textLine is one printed line; last lines of paragraphs are not justified.
type textLine struct {
	words []word
	w     float64 // natural width with single spaces
	last  bool
}

// runStyle says how runs are forced: header rows bold, legal bases italic, the
// header names upper case.
type runStyle struct {
	bold, italic, upper bool
}

// words splits runs into words. A word may span runs ("Kế hoạch" in bold
// followed by a plain comma stays one word).
func words(runs []document.Run, size float64, rs runStyle) []word {
	var out []word
	var cur word
	flush := func() {
		if len(cur.segs) > 0 {
			out = append(out, cur)
		}
		cur = word{}
	}
	for _, r := range runs {
		st := fonts.StyleOf(r.Bold || rs.bold, r.Italic || rs.italic)
		text := vn.NFC(r.Text)
		if rs.upper {
			text = strings.ToUpper(text)
		}
		for i, line := range strings.Split(strings.Map(toSpace, text), "\n") {
			if i > 0 {
				flush()
				out = append(out, word{brk: true})
			}
			// A space ends the word before it (a word may run on across runs); a run
			// of spaces is kept as width before the next word (the blank day of a
			// draft's date).
			extra := ""
			for j, piece := range strings.Split(line, " ") {
				if j > 0 {
					flush()
					if piece == "" {
						extra += " "
					}
				}
				if piece == "" {
					continue
				}
				piece, extra = extra+piece, ""
				w := fonts.Points(st, piece, size)
				cur.segs = append(cur.segs, seg{piece, st, w})
				cur.w += w
			}
		}
	}
	flush()
	return out
}

func toSpace(r rune) rune {
	if r == '\t' || r == '\u00a0' {
		return ' '
	}
	return r
}

// space is the width of a space: a quarter em in every face of Times New Roman.
func space(size float64) float64 { return fonts.Points(fonts.Regular, " ", size) }

// wrap breaks words into lines of at most first points (the first line) and rest
// points (the others). A word wider than a line is cut between letters.
func wrap(ws []word, first, rest, size float64) []textLine {
	var lines []textLine
	var cur textLine
	sp := space(size)
	limit := first
	end := func(last bool) {
		cur.last = last
		lines = append(lines, cur)
		cur = textLine{}
		limit = rest
	}
	for _, w := range ws {
		if w.brk {
			end(true)
			continue
		}
		if len(cur.words) > 0 && cur.w+sp+w.w > limit {
			end(false)
		}
		for w.w > limit { // alone on a line and still too wide: cut it
			head, tail := cut(w, limit, size)
			cur.words, cur.w = []word{head}, head.w
			end(false)
			w = tail
		}
		if len(w.segs) == 0 {
			continue
		}
		if len(cur.words) > 0 {
			cur.w += sp
		}
		cur.words = append(cur.words, w)
		cur.w += w.w
	}
	if len(cur.words) > 0 || len(lines) == 0 {
		end(true)
	}
	return lines
}

// cut splits a word so that its head fits width (at least one letter).
func cut(w word, width, size float64) (head, tail word) {
	in := true
	for _, s := range w.segs {
		if !in {
			tail.segs = append(tail.segs, s)
			tail.w += s.w
			continue
		}
		if head.w+s.w <= width {
			head.segs = append(head.segs, s)
			head.w += s.w
			continue
		}
		in = false
		runes := []rune(s.text)
		n := 0
		for n < len(runes) && head.w+fonts.Points(s.style, string(runes[:n+1]), size) <= width {
			n++
		}
		if n == 0 && len(head.segs) == 0 {
			n = 1
		}
		if n > 0 {
			hs := seg{string(runes[:n]), s.style, fonts.Points(s.style, string(runes[:n]), size)}
			head.segs = append(head.segs, hs)
			head.w += hs.w
		}
		if n < len(runes) {
			ts := seg{string(runes[n:]), s.style, fonts.Points(s.style, string(runes[n:]), size)}
			tail.segs = append(tail.segs, ts)
			tail.w += ts.w
		}
	}
	return head, tail
}

// lineHeight is single spacing.
func lineHeight(size float64) float64 { return size * layout.LineFactor }

// para is a laid-out paragraph.
type para struct {
	lines  []textLine
	size   float64
	align  byte    // 'L', 'C', 'R' or 'J'
	indent float64 // first-line indent
	before float64
	after  float64
}

func (p para) height() float64 {
	return p.before + float64(len(p.lines))*lineHeight(p.size) + p.after
}

// layoutPara breaks runs for a column width.
func layoutPara(runs []document.Run, width, size float64, rs runStyle, align byte, indent float64) para {
	return para{lines: wrap(words(runs, size, rs), width-indent, width, size), size: size, align: align, indent: indent}
}
