package search

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzQueryAndSnippet: whatever is typed, the words looked up are folded runs of
// letters and digits, and a snippet holds no HTML but <mark>.
func FuzzQueryAndSnippet(f *testing.F) {
	for _, s := range []string{`cải cách "hành chính`, `NEAR(a b) AND -c:*`, `'; DROP`, "Đà Nẵng\u0301", `"""`, "a\x00b", "ﬁ ½ 한국"} {
		f.Add(s, "Hội nghị <b>Đảng ủy</b> & \"Đà Nẵng\" — 246/KH-UBND")
	}
	f.Fuzz(func(t *testing.T, query, text string) {
		if !utf8.ValidString(query) || !utf8.ValidString(text) {
			return
		}
		for _, prefix := range []bool{false, true} {
			terms := parse(query, prefix)
			for _, tm := range terms {
				for _, w := range tm.words {
					if w == "" || strings.ContainsAny(w, "\"' :*&|!()<>-\\") {
						t.Fatalf("unsafe word %q from %q", w, query)
					}
				}
			}
			html := string(highlightTerms(text, terms)) + string(snippet(text, text, terms))
			rest := strings.NewReplacer("<mark>", "", "</mark>", "").Replace(html)
			if strings.ContainsAny(rest, "<>") {
				t.Fatalf("raw HTML in %q", html)
			}
		}
	})
}
