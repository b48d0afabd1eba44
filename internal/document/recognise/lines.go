package recognise

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"loa/internal/document"
	"loa/internal/vn"
)

// letters keeps only the letters of s, folded: "Độc lập – Tự do – Hạnh phúc" and
// "ĐỘC LẬP - TỰ DO - HẠNH PHÚC" both give "doclaptudohanhphuc".
func letters(s string) string {
	var b strings.Builder
	for _, r := range vn.Fold(s) {
		if unicode.IsLetter(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

var (
	nationalTitle = letters(document.NationalTitle)
	nationalMotto = letters(document.NationalMotto)
)

// isNational reports the two lines of the national title, which the model implies.
func isNational(s string) bool {
	l := letters(s)
	return l == nationalTitle || l == nationalMotto
}

// isRule reports a line drawn with characters ("_______", "-----"): the short rules
// under the motto and the issuing body, when a file keeps them as text.
func isRule(s string) bool {
	if len([]rune(s)) < 3 {
		return false
	}
	for _, r := range s {
		if !strings.ContainsRune("_-=─—–·.*", r) {
			return false
		}
	}
	return true
}

var numberLine = regexp.MustCompile(`^(?i:số)\s*:\s*(.*)$`)

// parseNumber reads "Số: 12/KH-SKHCN" (or the draft "Số: /KH-SKHCN").
func parseNumber(s string) (number, symbol string, ok bool) {
	m := numberLine.FindStringSubmatch(s)
	if m == nil {
		return "", "", false
	}
	number, symbol, _ = strings.Cut(m[1], "/")
	return strings.TrimSpace(number), strings.TrimSpace(symbol), true
}

var dateLine = regexp.MustCompile(`^(?:([^,]+?)\s*,\s*)?(?i:ngày)\s*(\d{1,2})?\s*(?i:tháng)\s*(\d{1,2})?\s*(?i:năm)\s*(\d{4})?\s*\.?$`)

// parseDate reads "Cần Thơ, ngày 05 tháng 01 năm 2024"; a blank part is 0.
func parseDate(s string) (place string, day, month, year int, ok bool) {
	m := dateLine.FindStringSubmatch(s)
	if m == nil {
		return "", 0, 0, 0, false
	}
	day, _ = strconv.Atoi(m[2])
	month, _ = strconv.Atoi(m[3])
	year, _ = strconv.Atoi(m[4])
	if day > 31 || month > 12 {
		return "", 0, 0, 0, false
	}
	return m[1], day, month, year, true
}

// typeNames are the document types of Decree 30, Annex III, as folded text.
var typeNames = func() map[string]bool {
	m := map[string]bool{}
	for _, t := range []string{"nghị quyết", "quyết định", "chỉ thị", "quy chế", "quy định", "thông cáo", "thông báo",
		"hướng dẫn", "chương trình", "kế hoạch", "phương án", "đề án", "dự án", "báo cáo", "biên bản", "tờ trình",
		"hợp đồng", "công điện", "bản ghi nhớ", "bản thỏa thuận", "giấy ủy quyền", "giấy mời", "giấy giới thiệu",
		"giấy nghỉ phép", "phiếu gửi", "phiếu chuyển", "phiếu báo", "thư công", "công văn",
		"điều lệ", "nghị định", "thông tư", "luật", "pháp lệnh", "lệnh", "giấy phép", "giấy chứng nhận"} {
		m[vn.Fold(t)] = true
	}
	return m
}()

// isTypeName reports a document type, alone or qualified ("KẾ HOẠCH LIÊN TỊCH").
func isTypeName(s string) bool {
	words := strings.Fields(vn.Fold(s))
	for n := 1; n <= min(3, len(words)); n++ {
		if typeNames[strings.Join(words[:n], " ")] {
			return true
		}
	}
	return false
}

// isUpper reports a line written in capitals: two letters or more, none lower case.
func isUpper(s string) bool {
	n := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n >= 2
}

func startsLower(s string) bool {
	for _, r := range s {
		return unicode.IsLower(r)
	}
	return false
}

// hasPrefixFold reports whether s starts with the words of prefix, ignoring case and
// diacritics ("Kính gửi", "KÍNH GỬI", "Kinh gui").
func hasPrefixFold(s, prefix string) bool {
	f, p := vn.Fold(s), vn.Fold(prefix)
	if !strings.HasPrefix(f, p) {
		return false
	}
	rest := f[len(p):]
	return rest == "" || !unicode.IsLetter([]rune(rest)[0])
}

// afterColon returns what follows the first colon of s, trimmed.
func afterColon(s string) string {
	_, rest, _ := strings.Cut(s, ":")
	return strings.TrimSpace(rest)
}

// trimListItem strips a list marker and the one ";" or "." a list line ends with:
// "- Lưu: VT." gives "Lưu: VT".
func trimListItem(s string) string {
	if m, ok := bulletMarker(s); ok {
		s = s[len(m):]
	}
	return trimItemEnd(s)
}

// trimItemEnd strips the one ";" or "." an item of a list ends with.
func trimItemEnd(s string) string {
	s = strings.TrimSpace(s)
	if strings.HasSuffix(s, ";") || strings.HasSuffix(s, ".") {
		s = strings.TrimSpace(s[:len(s)-1])
	}
	return s
}

var bulletRe = regexp.MustCompile(`^[-–—•+](?:\s+|$)`)

// bulletMarker returns the list marker s starts with ("- ", "+ "), if any.
func bulletMarker(s string) (string, bool) {
	m := bulletRe.FindString(s)
	return m, m != ""
}

// StartsWithMarker reports text that begins with a list marker ("- ", "+ ").
func StartsWithMarker(s string) bool {
	_, ok := bulletMarker(s)
	return ok
}

// BulletLevel is the nesting depth a list marker means: "+" is the second level.
func BulletLevel(marker string) int {
	if strings.HasPrefix(marker, "+") {
		return 2
	}
	return 1
}

// BulletMarker is the marker written for a bullet of the given level.
func BulletMarker(level int) string {
	if level >= 2 {
		return "+"
	}
	return "-"
}

var (
	romanRe  = regexp.MustCompile(`^(X{0,3}(?:IX|IV|V?I{0,3}))\.(?:\s+|$)`)
	numberRe = regexp.MustCompile(`^\d{1,3}\.(?:\s+|$)`)
	subNumRe = regexp.MustCompile(`^\d{1,3}(?:\.\d{1,3})+(?:\.(?:\s+|$)|\s+\p{Lu})`)
	letterRe = regexp.MustCompile(`^[a-zđ][).](?:\s+|$)`)
	// listRe is any short lower-case list label: "a)", "b.", "iv." (Word's lower Roman).
	listRe = regexp.MustCompile(`^\p{Ll}{1,4}[).](?:\s|$)`)
)

// label finds an item label at the start of s: "IV." (level 1), "2." (level 2),
// "1.2.", "đ)" or Word's "d." (level 3). n is how many bytes of s the label and its space take.
func label(s string) (text string, level, n int) {
	if m := romanRe.FindStringSubmatch(s); m != nil && m[1] != "" {
		return m[1] + ".", 1, len(m[0])
	}
	if m := numberRe.FindString(s); m != "" {
		return strings.TrimSpace(m), 2, len(m)
	}
	if m := subNumRe.FindString(s); m != "" {
		l := strings.TrimRightFunc(m, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsUpper(r) })
		return l, 3, len(l)
	}
	if m := letterRe.FindString(s); m != "" {
		return strings.TrimSpace(m), 3, len(m)
	}
	return "", 0, 0
}

var annexRe = regexp.MustCompile(`^phu luc(?:\s+[0-9ivxlc]+)?(?:\s*[.:].*)?$`)

// isAnnexTitle reports "PHỤ LỤC", "Phụ lục II", "PHỤ LỤC I: …".
func isAnnexTitle(s string) bool {
	return (strings.HasPrefix(s, "PHỤ LỤC") || strings.HasPrefix(s, "Phụ lục")) && annexRe.MatchString(vn.Fold(s))
}

var authorityRe = regexp.MustCompile(`^(?:KT|TM|Q|TL|TUQ|K/T|T/M)\.?\s`)

// isSignerLine reports a line of the signature title: capitals, no label, no colon.
func isSignerLine(s string) bool {
	if !isUpper(s) || len([]rune(s)) > 80 || strings.HasSuffix(s, ":") {
		return false
	}
	if _, lvl, _ := label(s); lvl != 0 {
		return false
	}
	_, bullet := bulletMarker(s)
	return !bullet && !isNational(s)
}

// isNameLike reports a person's name as signed: a few words, each capitalised.
func isNameLike(s string) bool {
	f := strings.Fields(s)
	if len(f) == 0 || len(f) > 7 || strings.ContainsAny(s, ":;,") || strings.HasSuffix(s, ".") {
		return false
	}
	for _, w := range f {
		if r := []rune(w)[0]; !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// isNote reports a bracketed line in the signature block: "(Đã ký)", "[daky]".
func isNote(s string) bool {
	return len(s) > 2 && (s[0] == '(' && s[len(s)-1] == ')' || s[0] == '[' && s[len(s)-1] == ']')
}

// LabelLevel is the heading level an item label means ("IV." 1, "2." 2, "đ)" and
// "1.2." 3), or 0 when label is not one.
func LabelLevel(lbl string) int {
	if l, lvl, _ := label(lbl + " X"); l == lbl {
		return lvl
	}
	return 0
}

// IsMarker reports whether s is nothing but an item label or a list marker: "1.",
// "IV.", "đ)", "-", "+".
func IsMarker(s string) bool {
	if LabelLevel(s) != 0 {
		return true
	}
	m, ok := bulletMarker(s + " x")
	return ok && len(m) == len(s)+1
}

// isRecipientsHead reports the "Nơi nhận:" line, which stands alone above its list.
func isRecipientsHead(s string) bool {
	return strings.TrimRight(vn.Fold(s), ": ") == "noi nhan"
}

// isAnnexReference reports the line under an annex title naming the document it
// goes with: "(Kèm theo Kế hoạch số 12/KH-SKHCN ngày …)".
func isAnnexReference(s string) bool {
	return strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")") && hasPrefixFold(s[1:], "kèm theo")
}
