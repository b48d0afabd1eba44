package search

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// term is one thing every hit must contain: a word, or a phrase of words that must
// stand next to each other in this order (looked up as its pairs of neighbouring
// words: see Query). With prefix, the last word may be the
// beginning of a longer one (the visitor is still typing it).
type term struct {
	words  []string
	prefix bool
}

func (t term) phrase() bool { return len(t.words) > 1 }

// Limits on what a visitor's query may cost.
const (
	maxQueryRunes = 200
	maxTerms      = 12
	minPrefix     = 2 // shorter beginnings match half the index; they wait for the next letter
)

// parse reads a visitor's query. Nothing typed reaches a database as syntax: the
// query is cut into words by the same rules as the index, so operators, stars,
// colons, brackets and stray quotes are just separators. "Quoted words" form a
// phrase; a closing quote may be missing (the visitor is still typing). A word
// written with inner punctuation ("246/KH-UBND", "H'Mông") is a phrase of its parts.
// The upper-case words AND, OR, NOT and NEAR — search syntax people copy from
// elsewhere — are dropped: every word is required anyway.
func parse(text string, prefix bool) []term {
	if utf8.RuneCountInString(text) > maxQueryRunes {
		text = string([]rune(text)[:maxQueryRunes])
	}
	var terms []term
	seen := map[string]bool{}
	add := func(words []string, pre bool) {
		if len(words) == 0 {
			return
		}
		t := term{words: words, prefix: pre}
		k := strings.Join(words, " ")
		if pre {
			k += "*"
		}
		if seen[k] || len(terms) >= maxTerms {
			return
		}
		seen[k] = true
		terms = append(terms, t)
	}
	keys := func(s string) []string {
		toks := tokenize(s, 0)
		out := make([]string, len(toks))
		for i, t := range toks {
			out[i] = t.key
		}
		return out
	}
	lastBare := -1 // index in terms of the term made of the query's last bare word
	rest := text
	for rest != "" {
		q := strings.IndexAny(rest, "\"“”")
		bare := rest
		if q >= 0 {
			bare = rest[:q]
		}
		for _, w := range strings.FieldsFunc(bare, unicode.IsSpace) {
			ks := keys(w)
			if len(ks) == 1 && strings.ToUpper(w) == w {
				switch ks[0] {
				case "and", "or", "not", "near": // also "NEAR(", "AND:"
					continue
				}
			}
			n := len(terms)
			add(ks, false)
			if len(terms) > n {
				lastBare = len(terms) - 1
			} else {
				lastBare = -1
			}
		}
		if q < 0 {
			break
		}
		_, size := utf8.DecodeRuneInString(rest[q:])
		rest = rest[q+size:]
		end := strings.IndexAny(rest, "\"“”")
		inner := rest
		if end >= 0 {
			inner = rest[:end]
			_, size = utf8.DecodeRuneInString(rest[end:])
			rest = rest[end+size:]
		} else {
			rest = ""
		}
		n := len(terms)
		add(keys(inner), false)
		if len(terms) > n {
			lastBare = -1
		}
	}
	// Prefix matching applies to the last word only when the query ends in it: a
	// trailing space or quote means the word is finished.
	if prefix && lastBare >= 0 && lastBare == len(terms)-1 && text != "" {
		last, _ := utf8.DecodeLastRuneInString(text)
		if !unicode.IsSpace(last) && last != '"' && last != '”' {
			t := &terms[lastBare]
			w := t.words[len(t.words)-1]
			switch {
			case utf8.RuneCountInString(w) >= minPrefix:
				t.prefix = true
			case len(t.words) > 1:
				t.words = t.words[:len(t.words)-1]
			case len(terms) > 1:
				terms = terms[:lastBare]
			default:
				return nil
			}
		}
	}
	return terms
}
