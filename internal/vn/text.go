// Package vn holds the Vietnamese text and time helpers every other package uses:
// normalisation, search folding, collation and the way documents write dates.
package vn

import (
	"sort"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"
)

// NFC returns s in Unicode normalisation form C. Vietnamese typed on different
// keyboards (Unikey's "tổ hợp" mode, macOS) arrives decomposed; stored text is always NFC
// so that equality, uniqueness and search behave.
func NFC(s string) string { return norm.NFC.String(s) }

// Clean is what every text input goes through: NFC, trimmed, inner runs of
// spaces and tabs collapsed to one space (newlines are kept).
func Clean(s string) string {
	s = NFC(strings.TrimSpace(s))
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if r == ' ' || r == '\t' || r == '\u00a0' {
			if !space {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// Fold turns text into its search key: lower case, no diacritics, đ/Đ as d.
// "Đảng ủy" and "dang uy" fold to the same key. Unicode's own decomposition does not
// split đ (it is a letter of its own, not d plus a mark), hence the explicit mapping.
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == 'đ' || r == 'Đ':
			b.WriteByte('d')
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// ContainsFolded reports whether haystack contains needle when both are folded.
func ContainsFolded(haystack, needle string) bool {
	return strings.Contains(Fold(haystack), Fold(needle))
}

// A collator is not safe for concurrent use, so each goroutine borrows one.
var collators = sync.Pool{New: func() any { return collate.New(language.Vietnamese, collate.IgnoreCase) }}

// Compare orders a and b as a Vietnamese dictionary does: "Dương" before "Đà Nẵng",
// "a" before "ă" before "â". It returns -1, 0 or 1.
func Compare(a, b string) int {
	c := collators.Get().(*collate.Collator)
	defer collators.Put(c)
	return c.CompareString(a, b)
}

// Less is Compare(a, b) < 0, for sort functions.
func Less(a, b string) bool { return Compare(a, b) < 0 }

// SortStrings sorts ss in Vietnamese order.
func SortStrings(ss []string) {
	c := collators.Get().(*collate.Collator)
	defer collators.Put(c)
	c.SortStrings(ss)
}

// SortBy sorts items in Vietnamese order of the key each one gives.
func SortBy[T any](items []T, key func(T) string) {
	c := collators.Get().(*collate.Collator)
	defer collators.Put(c)
	var buf collate.Buffer
	keys := make([][]byte, len(items))
	for i, it := range items {
		keys[i] = append([]byte(nil), c.KeyFromString(&buf, key(it))...)
		buf.Reset()
	}
	idx := make([]int, len(items))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(i, j int) bool { return string(keys[idx[i]]) < string(keys[idx[j]]) })
	sorted := make([]T, len(items))
	for i, k := range idx {
		sorted[i] = items[k]
	}
	copy(items, sorted)
}
