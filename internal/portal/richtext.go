package portal

import (
	"html"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/microcosm-cc/bluemonday"

	"loa/internal/vn"
)

// An article's body is typed into a plain text area: either paragraphs separated by
// blank lines (with "## " headings and "- " list items), or a small set of HTML tags.
// Whatever comes in, what is kept is HTML passed through an allow-list: nothing else
// (no script, style, event handler, iframe, form or foreign image) ever reaches a page.

// imageSrc is the only image address an article may show: an image uploaded for the
// portal, resized and served from this site, or its thumbnail.
var imageSrc = regexp.MustCompile(`^/anh/[0-9a-f]{64}$`)

var bodyPolicy = func() *bluemonday.Policy {
	p := bluemonday.NewPolicy()
	p.AllowElements("p", "br", "h2", "h3", "h4", "strong", "b", "em", "i", "u", "s", "sub", "sup", "ul", "ol", "li",
		"blockquote", "hr", "figure", "figcaption", "table", "caption", "thead", "tbody", "tfoot", "tr")
	p.AllowAttrs("colspan", "rowspan").Matching(regexp.MustCompile(`^[1-9][0-9]?$`)).OnElements("td", "th")
	p.AllowAttrs("scope").Matching(regexp.MustCompile(`^(row|col)$`)).OnElements("th")
	p.AllowElements("td", "th")
	p.AllowAttrs("href").OnElements("a")
	p.AllowURLSchemes("http", "https", "mailto", "tel")
	p.AllowRelativeURLs(true)
	p.RequireParseableURLs(true)
	p.RequireNoFollowOnFullyQualifiedLinks(true)
	p.RequireNoReferrerOnFullyQualifiedLinks(true)
	p.AllowAttrs("src").Matching(imageSrc).OnElements("img")
	p.AllowAttrs("alt").OnElements("img")
	p.AllowAttrs("width", "height").Matching(regexp.MustCompile(`^[0-9]{1,4}$`)).OnElements("img")
	p.AllowAttrs("start").Matching(regexp.MustCompile(`^[0-9]{1,4}$`)).OnElements("ol")
	return p
}()

var textPolicy = bluemonday.StrictPolicy()

// looksLikeHTML tells whether the body was typed as HTML: it opens a tag.
var looksLikeHTML = regexp.MustCompile(`<\s*/?\s*[a-zA-Z][a-zA-Z0-9]*[\s/>]`)

// Sanitize turns what an editor typed into the HTML an article keeps: plain text is
// laid out in paragraphs first; HTML keeps only the allowed tags and attributes, and an
// image only when it is one of the portal's own.
func Sanitize(typed string) string {
	typed = vn.NFC(strings.ReplaceAll(typed, "\r\n", "\n"))
	if !looksLikeHTML.MatchString(typed) {
		typed = textToHTML(typed)
	}
	out := bodyPolicy.Sanitize(typed)
	// An <img> left without its src (a foreign image) shows nothing: drop it.
	out = emptyImg.ReplaceAllString(out, "")
	return strings.TrimSpace(out)
}

var emptyImg = regexp.MustCompile(`<img(\s+alt="[^"]*")?\s*/?>`)

// textToHTML lays out plain text: blocks are separated by blank lines; a block whose
// lines all start with "- " or "* " is a list, "## " and "### " start headings, and a
// single line break stays a line break.
func textToHTML(s string) string {
	var b strings.Builder
	for _, block := range regexp.MustCompile(`\n[ \t]*\n`).Split(strings.TrimSpace(s), -1) {
		block = strings.TrimSpace(block)
		if block == "" {
			continue
		}
		lines := strings.Split(block, "\n")
		switch {
		case strings.HasPrefix(block, "### "):
			b.WriteString("<h3>" + html.EscapeString(strings.TrimSpace(block[4:])) + "</h3>\n")
		case strings.HasPrefix(block, "## "):
			b.WriteString("<h2>" + html.EscapeString(strings.TrimSpace(block[3:])) + "</h2>\n")
		case allListItems(lines):
			b.WriteString("<ul>")
			for _, l := range lines {
				l = strings.TrimSpace(l)
				b.WriteString("<li>" + html.EscapeString(strings.TrimSpace(l[2:])) + "</li>")
			}
			b.WriteString("</ul>\n")
		default:
			for i, l := range lines {
				lines[i] = html.EscapeString(strings.TrimSpace(l))
			}
			b.WriteString("<p>" + strings.Join(lines, "<br>") + "</p>\n")
		}
	}
	return b.String()
}

func allListItems(lines []string) bool {
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if !strings.HasPrefix(l, "- ") && !strings.HasPrefix(l, "* ") {
			return false
		}
	}
	return true
}

// PlainText is the text of sanitised HTML, in one line, for descriptions and feeds.
func PlainText(h string) string {
	t := textPolicy.Sanitize(strings.NewReplacer("</p>", "</p> ", "<br>", " ", "</li>", "</li> ", "</h2>", "</h2> ", "</h3>", "</h3> ").Replace(h))
	return strings.Join(strings.Fields(html.UnescapeString(t)), " ")
}

// Excerpt cuts text to at most n characters at a word boundary, with an ellipsis.
func Excerpt(text string, n int) string {
	if utf8.RuneCountInString(text) <= n {
		return text
	}
	r := []rune(text)[:n]
	cut := string(r)
	if i := strings.LastIndexByte(cut, ' '); i > n/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:.") + "…"
}
