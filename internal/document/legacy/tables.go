package legacy

import (
	"strings"
	"unicode"
)

// tcvn3High is what bytes 0x80–0xFF mean in TCVN 5712:1993 (VN1). The ABC fonts use
// the lower-case letters at 0xA8–0xFE and Ă Â Ê Ô Ơ Ư Đ at 0xA1–0xA7; the other
// upper-case letters sit in 0x80–0x9F and in the gaps. 0xB0–0xB4 are combining tones.
const tcvn3High = "ÀẢÃÁẠẶẬÈẺẼÉẸỆÌỈĨÍỊÒỎÕÓỌỘỜỞỠỚỢÙỦŨ" +
	"\u00a0ĂÂÊÔƠƯĐăâêôơưđẰ\u0300\u0309\u0303\u0301\u0323àảãáạẲằẳẵắẴẮẦẨẪẤỀặầẩẫấậèỂẻẽéẹềểễếệìỉỄẾỒĩíịòỔỏõóọồổỗốộờởỡớợùỖủũúụừửữứựỳỷỹýỵỐ"

// tcvn3C0 holds the upper-case letters VN1 puts among the C0 control codes.
var tcvn3C0 = [32]rune{1: 'Ú', 2: 'Ụ', 4: 'Ừ', 5: 'Ử', 6: 'Ữ', 0x11: 'Ứ', 0x12: 'Ự', 0x13: 'Ỳ', 0x14: 'Ỷ', 0x15: 'Ỹ', 0x16: 'Ý', 0x17: 'Ỵ'}

// tcvn3 maps the character Windows-1252 shows for a TCVN3 byte to its Unicode letter.
var tcvn3 = func() map[rune]rune {
	m := make(map[rune]rune, 160)
	b := byte(0x80)
	for _, r := range tcvn3High {
		if k := win1252(b); k != r {
			m[k] = r
		}
		b++
	}
	for c, r := range tcvn3C0 {
		if r != 0 {
			m[rune(c)] = r
		}
	}
	return m
}()

func fromTCVN3(s string) string {
	var b strings.Builder
	b.Grow(len(s) + len(s)/2)
	for _, r := range s {
		if u, ok := tcvn3[r]; ok {
			r = u
		}
		b.WriteRune(r)
	}
	return upperCaseLines(b.String())
}

// upperCaseLines restores capitals lost to the ABC "H" fonts (.VnTimeH): those fonts
// draw every letter upper case, so titles were typed with the lower-case codes of
// the accented letters ("KÕ HO¹CH" for "KẾ HOẠCH"). A line is such a title when it
// has no lower-case ASCII letter and some accented lower-case letter sits inside
// capitals ("HOạCH"); an ordinary capitalised word ("BGĐ Sở KH&CN") is left alone.
func upperCaseLines(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for len(s) > 0 {
		end := strings.IndexAny(s, "\n\t")
		if end < 0 {
			end = len(s)
		} else {
			end++
		}
		line := s[:end]
		if typedInCapitalFont(line) {
			line = strings.ToUpper(line)
		}
		b.WriteString(line)
		s = s[end:]
	}
	return b.String()
}

func typedInCapitalFont(line string) bool {
	rs := []rune(line)
	capital := func(i int) bool { return i >= 0 && i < len(rs) && 'A' <= rs[i] && rs[i] <= 'Z' }
	inside := false
	for i, r := range rs {
		if 'a' <= r && r <= 'z' {
			return false
		}
		if r > 0x7F && unicode.IsLower(r) && (capital(i+1) || capital(i-1) && capital(i-2)) {
			inside = true
		}
	}
	return inside
}

// VNI-Windows writes a base vowel followed by one character that carries its marks.
// Each mark is written as combining characters here and NFC composes the letter.
const (
	acute, grave, hook, tilde, dot = "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"
	breve, circumflex, horn        = "\u0306", "\u0302", "\u031b"
)

// vniTones follow any of a e o u y, and ơ ư.
var vniTones = map[rune]string{'ù': acute, 'ø': grave, 'û': hook, 'õ': tilde, 'ï': dot}

// vniBreve follow a only; vniCircumflex follow a, e and o.
var (
	vniBreve      = map[rune]string{'ê': breve, 'é': breve + acute, 'è': breve + grave, 'ú': breve + hook, 'ü': breve + tilde, 'ë': breve + dot}
	vniCircumflex = map[rune]string{'â': circumflex, 'á': circumflex + acute, 'à': circumflex + grave, 'å': circumflex + hook, 'ã': circumflex + tilde, 'ä': circumflex + dot}
)

// vniLetters stand alone: ơ, ư, đ and the accented i and ỵ.
var vniLetters = map[rune]string{'ô': "ơ", 'ö': "ư", 'ñ': "đ", 'ó': "ĩ", 'ò': "ị", 'æ': "ỉ", 'ì': "ì", 'í': "í", 'î': "ỵ"}

// vniMark returns the marks that mark character m (of either case) puts on base,
// or false when m does not combine with base.
func vniMark(base, m rune) (string, bool) {
	m = unicode.ToLower(m)
	if t, ok := vniTones[m]; ok && strings.ContainsRune("aeouyơư", base) {
		return t, true
	}
	if base == 'a' {
		if t, ok := vniBreve[m]; ok {
			return t, true
		}
	}
	if strings.ContainsRune("aeo", base) {
		if t, ok := vniCircumflex[m]; ok {
			return t, true
		}
	}
	if base == 'y' && m == 'ï' {
		return dot, true
	}
	return "", false
}

func fromVNI(s string) string {
	rs := []rune(s)
	var b strings.Builder
	b.Grow(len(s) + len(s)/2)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		lower := unicode.ToLower(r)
		upper := r != lower
		base := string(r)
		var baseLower rune
		switch {
		case strings.ContainsRune("aeiouy", lower):
			baseLower = lower
		case vniLetters[lower] != "":
			base = vniLetters[lower]
			if upper {
				base = strings.ToUpper(base)
			}
			baseLower = []rune(vniLetters[lower])[0]
		}
		b.WriteString(base)
		if baseLower != 0 && i+1 < len(rs) {
			if m, ok := vniMark(baseLower, rs[i+1]); ok {
				b.WriteString(m)
				i++
			}
		}
	}
	return b.String()
}
