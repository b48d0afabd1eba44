package search

import (
	"html/template"
	"strings"
)

// marks tells, for each word of toks, which term it belongs to (-1: none), by the
// same rules the index matched: equal folded words, a phrase's words one after the
// other, the beginning of a word for a prefix term.
func marks(toks []token, terms []term) []int {
	m := make([]int, len(toks))
	for i := range m {
		m[i] = -1
	}
	for ti, t := range terms {
		n := len(t.words)
		for i := 0; i+n <= len(toks); i++ {
			ok := true
			for j, w := range t.words {
				k := toks[i+j].key
				if t.prefix && j == n-1 {
					ok = strings.HasPrefix(k, w)
				} else {
					ok = k == w
				}
				if !ok {
					break
				}
			}
			if ok {
				for j := range n {
					m[i+j] = ti
				}
				i += n - 1
			}
		}
	}
	return m
}

// score counts the distinct terms marked and all marked words in m[from:to].
func score(m []int, from, to int, nterms int) (distinct, total int) {
	seen := make([]bool, nterms)
	for _, t := range m[from:to] {
		if t >= 0 {
			total++
			if !seen[t] {
				seen[t] = true
				distinct++
			}
		}
	}
	return distinct, total
}

// snippetWords is how many words a snippet shows.
const snippetWords = 32

// fragment is a candidate snippet of one field.
type fragment struct {
	text       string
	toks       []token
	m          []int
	from, to   int // word range shown
	distinct   int
	totalMarks int
}

// bestFragment picks the window of snippetWords words of text that holds the most
// distinct terms (then the most matches), starting a few words before the first.
func bestFragment(text string, terms []term) fragment {
	toks := tokenize(text, maxBodyTokens)
	f := fragment{text: text, toks: toks, m: marks(toks, terms), to: min(len(toks), snippetWords)}
	f.distinct, f.totalMarks = score(f.m, f.from, f.to, len(terms))
	for i, t := range f.m {
		if t < 0 || (i > 0 && f.m[i-1] >= 0) {
			continue
		}
		from := max(0, i-4)
		to := min(len(toks), from+snippetWords)
		d, n := score(f.m, from, to, len(terms))
		if d > f.distinct || (d == f.distinct && n > f.totalMarks) {
			f.from, f.to, f.distinct, f.totalMarks = from, to, d, n
		}
	}
	return f
}

// html writes the fragment escaped, matched words in <mark>, with an ellipsis where
// the text goes on. Runs of white space (line breaks included) read as one space.
func (f fragment) html(whole bool) template.HTML {
	if len(f.toks) == 0 {
		return template.HTML(template.HTMLEscapeString(oneLine(f.text)))
	}
	var b strings.Builder
	start, end := f.toks[f.from].start, f.toks[f.to-1].end
	if whole || f.from == 0 {
		start = 0
	}
	if whole || f.to == len(f.toks) {
		end = len(f.text)
	}
	if start > 0 {
		b.WriteString("… ")
	}
	pos := start
	for i := f.from; i < f.to; i++ {
		if f.m[i] < 0 {
			continue
		}
		// Matched words with only spaces between them — a phrase, or "Đảng ủy" asked
		// for as two words — are one mark.
		j := i
		for j+1 < f.to && f.m[j+1] >= 0 && strings.TrimSpace(f.text[f.toks[j].end:f.toks[j+1].start]) == "" {
			j++
		}
		b.WriteString(template.HTMLEscapeString(oneLine(f.text[pos:f.toks[i].start])))
		b.WriteString("<mark>")
		b.WriteString(template.HTMLEscapeString(oneLine(f.text[f.toks[i].start:f.toks[j].end])))
		b.WriteString("</mark>")
		pos = f.toks[j].end
		i = j
	}
	b.WriteString(template.HTMLEscapeString(oneLine(f.text[pos:end])))
	if end < len(f.text) {
		b.WriteString(" …")
	}
	return template.HTML(b.String())
}

func oneLine(s string) string {
	if !strings.ContainsAny(s, "\r\n\t") && !strings.Contains(s, "  ") {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// Highlight returns text escaped for HTML with the words that match the query in
// <mark>, in the text's own spelling: a title in a list of results.
func Highlight(text, query string) template.HTML {
	return highlightTerms(text, parse(query, false))
}

func highlightTerms(text string, terms []term) template.HTML {
	toks := tokenize(text, maxBodyTokens)
	f := fragment{text: text, toks: toks, m: marks(toks, terms), to: len(toks)}
	return f.html(true)
}

// snippet is the best passage of summary or body for terms.
func snippet(summary, body string, terms []term) template.HTML {
	s := bestFragment(summary, terms)
	if body == "" {
		return s.html(false)
	}
	b := bestFragment(body, terms)
	if summary == "" || b.distinct > s.distinct || (b.distinct == s.distinct && s.totalMarks == 0 && b.totalMarks > 0) {
		return b.html(false)
	}
	return s.html(false)
}
