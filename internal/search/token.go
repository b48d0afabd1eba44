package search

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// The index never sees the text as people wrote it: Go cuts it into words and folds
// each word (vn.Fold's rules: no marks, đ→d, lower case), and the index's keys are
// those folded words and pairs of them (bits.go). The same cutting, run over the
// original text, tells the snippet where each word starts and ends, so highlights
// fall on the words as they were spelt.

// token is one word of a text: its byte span in the original and its folded form.
type token struct {
	start, end int
	key        string
}

// Caps on how many words of each field are indexed, which bound what one doc costs to
// index. Snippets look at the same words.
const (
	maxTitleTokens   = 200
	maxSummaryTokens = 1000
	maxBodyTokens    = 14000
	maxTokenRunes    = 60 // longer "words" (hashes, base64) are not words anyone types
)

// foldTable folds the runes below 0x2000 — Latin with every Vietnamese letter, Greek,
// Cyrillic — without going through the normaliser each time: 0 means "drop the rune"
// (a combining mark), -1 "not a single rune, ask foldSlow".
var (
	foldOnce  sync.Once
	foldTable []rune
)

const foldTableSize = 0x2000

func buildFoldTable() {
	foldTable = make([]rune, foldTableSize)
	for r := rune(0); r < foldTableSize; r++ {
		f := foldSlow(r)
		switch utf8.RuneCountInString(f) {
		case 0:
			foldTable[r] = 0
		case 1:
			foldTable[r], _ = utf8.DecodeRuneInString(f)
		default:
			foldTable[r] = -1
		}
	}
}

// foldSlow folds one rune as vn.Fold folds text.
func foldSlow(r rune) string {
	if r == 'đ' || r == 'Đ' {
		return "d"
	}
	var b strings.Builder
	for _, c := range norm.NFD.String(string(r)) {
		if unicode.Is(unicode.Mn, c) {
			continue
		}
		if c == 'đ' || c == 'Đ' {
			c = 'd'
		}
		b.WriteRune(unicode.ToLower(c))
	}
	return b.String()
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// tokenize cuts s into at most limit words (limit ≤ 0: no limit). The folded words
// are written one after the other into one buffer and made one string, which each
// token's key is a slice of: one allocation per text, not one per word.
func tokenize(s string, limit int) []token {
	foldOnce.Do(buildFoldTable)
	guess := len(s)/6 + 1 // Vietnamese words run about five bytes and a space
	if limit > 0 {
		guess = min(guess, limit)
	}
	out := make([]token, 0, guess)
	spans := make([]int, 0, guess) // end of each key in buf
	buf := make([]byte, 0, len(s))
	start, runes, from := -1, 0, 0
	flush := func(end int) {
		if start >= 0 && len(buf) > from && runes <= maxTokenRunes {
			out = append(out, token{start: start, end: end})
			spans = append(spans, len(buf))
			from = len(buf)
		} else {
			buf = buf[:from]
		}
		start, runes = -1, 0
	}
	for i, r := range s {
		if limit > 0 && len(out) >= limit {
			start = -1
			buf = buf[:from]
			break
		}
		var f rune
		if r < foldTableSize {
			f = foldTable[r]
		} else {
			f = -1
		}
		if f == 0 { // a combining mark: part of the word it follows
			continue
		}
		if f == -1 {
			folded := foldSlow(r)
			if folded == "" {
				continue
			}
			word := false
			for _, c := range folded {
				if isWordRune(c) {
					word = true
				}
			}
			if !word {
				flush(i)
				continue
			}
			if start < 0 {
				start = i
			}
			for _, c := range folded {
				if isWordRune(c) {
					buf = utf8.AppendRune(buf, c)
					runes++
				}
			}
			continue
		}
		if !isWordRune(f) {
			flush(i)
			continue
		}
		if start < 0 {
			start = i
		}
		if f < utf8.RuneSelf {
			buf = append(buf, byte(f))
		} else {
			buf = utf8.AppendRune(buf, f)
		}
		runes++
	}
	if start >= 0 {
		flush(len(s))
	}
	all := string(buf)
	prev := 0
	for i, end := range spans {
		out[i].key = all[prev:end]
		prev = end
	}
	return out
}

// keyOf is the folded words of toks joined by spaces.
func keyOf(toks []token) string {
	n := 0
	for _, t := range toks {
		n += len(t.key) + 1
	}
	var b strings.Builder
	b.Grow(n)
	for i, t := range toks {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(t.key)
	}
	return b.String()
}

// Key folds text into the words the index holds, joined by spaces:
// "Đà Nẵng, 246/KH-UBND" → "da nang 246 kh ubnd".
func Key(text string) string { return keyOf(tokenize(text, 0)) }
