package docx

import (
	"fmt"
	"strings"
	"testing"

	"loa/internal/document"
)

func lvl(i int, format, text string, extra string) string {
	return fmt.Sprintf(`<w:lvl w:ilvl="%d"><w:start w:val="1"/><w:numFmt w:val="%s"/><w:lvlText w:val="%s"/>%s</w:lvl>`, i, format, text, extra)
}

// A plan's outline numbered by Word: I. / 1. / a), as one multi-level list.
var outline = `<w:abstractNum w:abstractNumId="0">` + lvl(0, "upperRoman", "%1.", "") + lvl(1, "decimal", "%2.", "") + lvl(2, "lowerLetter", "%3)", "") + `</w:abstractNum>` +
	`<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>`

func labels(t *testing.T, body, styles, numbering string) string {
	t.Helper()
	var out []string
	for _, b := range readParts(t, wordParts(body, styles, numbering)).Body {
		switch b.Kind {
		case document.KindBullet:
			out = append(out, fmt.Sprintf("•%d", b.Level))
		default:
			out = append(out, b.Label)
		}
	}
	return strings.Join(out, " ")
}

func TestWordOutlineNumberingBecomesTheLabelsWordShows(t *testing.T) {
	body := numbered(1, 0, "MỤC ĐÍCH, YÊU CẦU") + numbered(1, 1, "Mục đích") + numbered(1, 2, "Nâng cao nhận thức") + numbered(1, 2, "Tăng cường") +
		numbered(1, 1, "Yêu cầu") + numbered(1, 2, "Thực hiện") + numbered(1, 0, "NỘI DUNG") + numbered(1, 1, "Tuyên truyền") +
		numbered(1, 2, "Lồng ghép") + numbered(1, 2, "b") + numbered(1, 2, "c") + numbered(1, 2, "d") + numbered(1, 2, "e")
	// Word's own letters have no đ: it shows e) after d), and so does the reader.
	if got := labels(t, body, "", outline); got != "I. 1. a) b) 2. a) II. 1. a) b) c) d) e)" {
		t.Fatalf("labels %q", got)
	}
}

func TestStartValuesOverridesAndRestartsAreHonoured(t *testing.T) {
	numbering := `<w:abstractNum w:abstractNumId="0">` +
		`<w:lvl w:ilvl="0"><w:start w:val="3"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>` +
		`<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2."/><w:lvlRestart w:val="0"/></w:lvl>` +
		`</w:abstractNum>` +
		`<w:abstractNum w:abstractNumId="1">` + lvl(0, "lowerLetter", "%1)", "") + lvl(1, "decimalZero", "%2.", "") + lvl(2, "upperLetter", "%3.", "") + `</w:abstractNum>` +
		`<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>` +
		`<w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="7"/></w:lvlOverride></w:num>` +
		`<w:num w:numId="3"><w:abstractNumId w:val="1"/></w:num>` +
		`<w:num w:numId="4"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="Phần %1:"/></w:lvl></w:lvlOverride></w:num>`
	body := numbered(1, 0, "a") + numbered(1, 1, "b") + numbered(1, 0, "c") + numbered(1, 1, "d") +
		numbered(2, 0, "e") + numbered(2, 0, "f") +
		numbered(3, 1, "g") + numbered(3, 0, "h") + numbered(3, 1, "i") + numbered(3, 2, "j") + numbered(0, 0, "Không") +
		numbered(4, 0, "l")
	got := strings.Join(blockTexts(readParts(t, wordParts(body, "", numbering))), "|")
	want := strings.Join([]string{
		"3. a", "3.1. b", "4. c", "4.2. d", // level 2 never restarts
		"7. e", "8. f", // the override restarts the shared list at 7
		"01. g", "a) h", "01. i", "A. j", // formats; "A." is no item label, so it stays text
		"Không",     // numId 0: not in a list
		"Phần I: l", // a level redefined by the list instance
	}, "|")
	if got != want {
		t.Fatalf("got  %q\nwant %q", got, want)
	}
}

func TestBulletListsReadAsBulletsByLevel(t *testing.T) {
	numbering := `<w:abstractNum w:abstractNumId="5">` + lvl(0, "bullet", "\uf0b7", "") + lvl(1, "bullet", "o", "") + `</w:abstractNum>` +
		`<w:num w:numId="9"><w:abstractNumId w:val="5"/></w:num>`
	body := numbered(9, 0, "Trang thông tin") + numbered(9, 1, "chuyên mục") + numbered(9, 0, "Mạng xã hội")
	if got := labels(t, body, "", numbering); got != "•1 •2 •1" {
		t.Fatalf("bullets %q", got)
	}
}

func TestNumberingFromParagraphStylesAndNumberingStyles(t *testing.T) {
	styles := `<w:style w:type="paragraph" w:styleId="Heading1"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>` +
		`<w:style w:type="paragraph" w:styleId="Heading2"><w:basedOn w:val="Heading1"/><w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>` +
		`<w:style w:type="numbering" w:styleId="PlanList"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>`
	numbering := outline + `<w:abstractNum w:abstractNumId="8"><w:numStyleLink w:val="PlanList"/></w:abstractNum><w:num w:numId="6"><w:abstractNumId w:val="8"/></w:num>`
	heading := func(style, text string) string {
		return `<w:p><w:pPr><w:pStyle w:val="` + style + `"/></w:pPr>` + r(text) + `</w:p>`
	}
	body := heading("Heading1", "MỤC ĐÍCH") + heading("Heading2", "Mục đích") + heading("Heading2", "Yêu cầu") + numbered(6, 0, "NỘI DUNG")
	if got := labels(t, body, styles, numbering); got != "I. 1. 2. II." {
		t.Fatalf("labels %q", got)
	}
}

func TestTypedLabelsAndAutomaticNumberingMix(t *testing.T) {
	body := p(r("I. MỤC ĐÍCH")) + numbered(1, 1, "Mục đích") + p(r("a) Nâng cao")) + p(r("đ) Tăng cường")) + numbered(1, 1, "Yêu cầu")
	if got := labels(t, body, "", outline); got != "I. 1. a) đ) 2." {
		t.Fatalf("labels %q", got)
	}
}

func TestNumberFormats(t *testing.T) {
	for _, c := range []struct {
		n      int
		format string
		want   string
	}{
		{4, "upperRoman", "IV"}, {1994, "upperRoman", "MCMXCIV"}, {9, "lowerRoman", "ix"},
		{1, "lowerLetter", "a"}, {5, "lowerLetter", "e"}, {26, "lowerLetter", "z"}, {27, "lowerLetter", "aa"}, {54, "upperLetter", "BBB"},
		{7, "decimalZero", "07"}, {12, "decimalZero", "12"}, {3, "decimal", "3"}, {3, "ordinal", "3"}, {0, "upperRoman", "0"}, {2, "none", ""},
	} {
		if got := formatNumber(c.n, c.format); got != c.want {
			t.Errorf("formatNumber(%d, %s) = %q, want %q", c.n, c.format, got, c.want)
		}
	}
}
