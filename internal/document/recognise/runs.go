package recognise

import (
	"strings"
	"unicode"

	"loa/internal/document"
	"loa/internal/vn"
)

// Runs returns runs as the model keeps them: NFC, every run of white space (tabs and
// line breaks included) one space across run boundaries, kept by the earlier run, no
// space at either end, no empty runs, neighbours of one style merged.
func Runs(runs []document.Run) []document.Run {
	var out []document.Run
	space := false // a space is owed before the next visible character
	started := false
	for _, r := range runs {
		var b strings.Builder
		// Invisible characters go before composing, so that a control character
		// between a letter and its mark does not keep them apart.
		visible := strings.Map(func(c rune) rune {
			if unicode.IsSpace(c) || unicode.IsPrint(c) {
				return c
			}
			return -1
		}, r.Text)
		for _, c := range vn.NFC(visible) {
			if unicode.IsSpace(c) || c == '\u00a0' || c == '\u200b' || c == '\ufeff' {
				space = started
				continue
			}
			if space {
				// The space between two runs stays with the first ("Kế hoạch " + "như sau").
				if b.Len() == 0 && len(out) > 0 {
					out[len(out)-1].Text += " "
				} else {
					b.WriteByte(' ')
				}
				space = false
			}
			b.WriteRune(c)
			started = true
		}
		if b.Len() == 0 {
			continue
		}
		if n := len(out); n > 0 && out[n-1].Bold == r.Bold && out[n-1].Italic == r.Italic {
			out[n-1].Text += b.String()
			continue
		}
		out = append(out, document.Run{Text: b.String(), Bold: r.Bold, Italic: r.Italic})
	}
	return out
}

// dropPrefix removes the first n bytes of text from runs, and the space after them.
func dropPrefix(runs []document.Run, n int) []document.Run {
	out := make([]document.Run, 0, len(runs))
	for _, r := range runs {
		if n >= len(r.Text) {
			n -= len(r.Text)
			continue
		}
		r.Text = r.Text[n:]
		n = 0
		out = append(out, r)
	}
	if len(out) > 0 {
		out[0].Text = strings.TrimLeft(out[0].Text, " ")
		if out[0].Text == "" {
			out = out[1:]
		}
	}
	return out
}

// join appends b to a with one space between, merging the runs where the styles meet.
func join(a, b []document.Run) []document.Run {
	if len(a) == 0 {
		return b
	}
	out := append([]document.Run(nil), a...)
	if len(b) == 0 {
		return out
	}
	out[len(out)-1].Text += " "
	return Runs(append(out, b...))
}

// allBold reports whether every letter of runs is bold (and there is one).
func allBold(runs []document.Run) bool {
	seen := false
	for _, r := range runs {
		if strings.IndexFunc(r.Text, unicode.IsLetter) < 0 {
			continue
		}
		if !r.Bold {
			return false
		}
		seen = true
	}
	return seen
}

// Clean is Runs for plain text: what a line of text reads as in the model.
func Clean(s string) string { return document.Text(Runs(document.Plain(s))) }

// unbold clears bold on a copy of runs.
func unbold(runs []document.Run) []document.Run {
	out := append([]document.Run(nil), runs...)
	for i := range out {
		out[i].Bold = false
	}
	return out
}
