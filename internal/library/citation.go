package library

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"loa/internal/vn"
)

// Citation is a reference to a document inside running text.
type Citation struct {
	Text     string  // the words of the citation, from the type name to the issuer
	TypeName string  // "Kế hoạch"
	Symbol   Symbol  // number and symbol
	Date     vn.Date // date of issue
	Issuer   string  // "Ủy ban nhân dân thành phố", "Chính phủ"
	Subject  string  // "về công tác …", when the citation carries it
}

var typeNamePattern = func() string {
	names := []string{}
	seen := map[string]bool{}
	for _, n := range Types {
		if !seen[n] {
			names = append(names, regexp.QuoteMeta(n))
			seen[n] = true
		}
	}
	// longest first, so "Thông tư liên tịch" wins over "Thông tư"
	for i := range names {
		for j := i + 1; j < len(names); j++ {
			if len(names[j]) > len(names[i]) {
				names[i], names[j] = names[j], names[i]
			}
		}
	}
	return strings.Join(names, "|")
}()

var citationPattern = regexp.MustCompile(`(?i)(` + typeNamePattern + `)\s+(?:số\s+)?(\d+[a-zA-Z]?(?:/\d{4})?[/-][\p{L}0-9&.]+(?:[-/][\p{L}0-9&.]+)*)` +
	`(?:\s+ngày\s+(\d{1,2})\s*(?:tháng\s+|/|-)(\d{1,2})\s*(?:năm\s+|/|-)(\d{4}))?` +
	`(?:\s+của\s+([^,;.()]+))?`)

// issuerEnd trims an issuer where its subject begins.
var issuerEnd = regexp.MustCompile(`\s+(?:về|ban hành|quy định|hướng dẫn|và)(?:\s|$)`)

// subjectStart recognises the words that open a citation's subject.
var subjectStart = regexp.MustCompile(`^\s*(về việc|về|ban hành)\s`)

// FindCitations returns the documents cited in text, in order. A citation's subject
// ("về công tác …") runs to the end of its sentence or to the next citation.
func FindCitations(text string) []Citation {
	text = vn.NFC(text)
	matches := citationPattern.FindAllStringSubmatchIndex(text, -1)
	var out []Citation
	for i, m := range matches {
		g := func(k int) string {
			if m[2*k] < 0 {
				return ""
			}
			return text[m[2*k]:m[2*k+1]]
		}
		sym, ok := ParseSymbol(strings.TrimRight(g(2), "."))
		if !ok {
			continue
		}
		c := Citation{TypeName: canonicalType(g(1)), Symbol: sym}
		if d, err := strconv.Atoi(g(3)); err == nil {
			mo, _ := strconv.Atoi(g(4))
			y, _ := strconv.Atoi(g(5))
			date := vn.Date{Year: y, Month: time.Month(mo), Day: d}
			if vn.NewDate(y, time.Month(mo), d) == date {
				c.Date = date
			}
		}
		end := m[1]
		issuer := g(6)
		if loc := issuerEnd.FindStringIndex(issuer); loc != nil {
			end = m[12] + loc[0]
			issuer = issuer[:loc[0]]
		}
		c.Issuer = strings.TrimSpace(issuer)
		// The subject: from here to the next citation or the end of the sentence.
		limit := len(text)
		if i+1 < len(matches) {
			limit = matches[i+1][0]
		}
		rest := text[end:limit]
		if sm := subjectStart.FindStringIndex(rest); sm != nil {
			stop := len(rest)
			if j := strings.IndexAny(rest, ";"); j >= 0 {
				stop = j
			}
			if j := sentenceEnd.FindStringIndex(rest); j != nil && j[0] < stop {
				stop = j[0]
			}
			c.Subject = strings.TrimRight(strings.TrimSpace(rest[:stop]), " ,")
			end += stop
		}
		c.Text = strings.TrimRight(strings.TrimSpace(text[m[0]:end]), ";., ")
		out = append(out, c)
	}
	return out
}

// sentenceEnd is a full stop that ends a sentence (not one inside "2021.2025" or an
// abbreviation followed by a lower-case word).
var sentenceEnd = regexp.MustCompile(`\.(?:\s+\p{Lu}|\s*$)`)

func canonicalType(s string) string {
	for _, n := range Types {
		if strings.EqualFold(n, s) {
			return n
		}
	}
	return s
}
