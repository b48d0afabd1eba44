// Package legacy recognises Vietnamese text written in the pre-Unicode encodings
// offices still hold files in — TCVN3 (ABC, the .VnTime fonts) and VNI-Windows (the
// VNI-Times fonts) — and converts it to Unicode NFC.
//
// Legacy text reaches Loa in two shapes: as raw 8-bit bytes (a .txt file saved from an
// old editor), or as Unicode characters of Windows-1252 (what Word stores when someone
// typed in a legacy font: "Vieät Nam", "TiÕng ViÖt"). Both functions accept either:
// a string that is not valid UTF-8 is read byte by byte as Windows-1252 first.
//
// The decision is made from the characters alone, never from font names: Word files
// often name VNI-Times or .VnTime in their styles yet hold ordinary Unicode.
package legacy

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Encoding is the encoding Detect found.
type Encoding int

const (
	// Unicode text needs no conversion (ASCII is Unicode too).
	Unicode Encoding = iota
	// TCVN3 is TCVN 5712:1993, the ABC fonts (.VnTime); the full VN1 table is
	// understood, so upper-case letters written by glibc's iconv convert too.
	TCVN3
	// VNI is VNI-Windows: a base letter followed by a byte that carries its marks.
	VNI
	// Unknown is bytes that are neither UTF-8 nor a Vietnamese legacy encoding.
	Unknown
)

func (e Encoding) String() string {
	switch e {
	case Unicode:
		return "Unicode"
	case TCVN3:
		return "TCVN3 (ABC)"
	case VNI:
		return "VNI-Windows"
	default:
		return "không xác định"
	}
}

// Detect says which encoding s is written in. Text that is valid UTF-8 is Unicode
// unless its words read as Vietnamese only after a legacy conversion; text that is
// not valid UTF-8 is TCVN3, VNI or Unknown.
func Detect(s string) Encoding {
	raw := !utf8.ValidString(s)
	if raw {
		s = fromWindows1252(s)
	}
	scores := evidence(s)
	best, bestScore := Unknown, 0
	for i, e := range []Encoding{TCVN3, VNI} {
		if scores[i] > bestScore {
			best, bestScore = e, scores[i]
		}
	}
	switch {
	case best != Unknown:
		return best
	case raw:
		return Unknown
	default:
		return Unicode
	}
}

// ToUnicode converts s from e to Unicode NFC. Vietnamese letters already in Unicode
// pass through unchanged, so a document that mixes both converts cleanly.
func ToUnicode(s string, e Encoding) (string, error) {
	if !utf8.ValidString(s) {
		s = fromWindows1252(s)
	}
	switch e {
	case Unicode:
		return norm.NFC.String(s), nil
	case TCVN3:
		return norm.NFC.String(fromTCVN3(s)), nil
	case VNI:
		return norm.NFC.String(fromVNI(s)), nil
	default:
		return "", fmt.Errorf("legacy: no conversion from %v", e)
	}
}

// maxWords bounds the words Detect weighs: a few thousand words decide, and a
// large file should not take long to decide.
const maxWords = 20000

// evidence scores, for TCVN3 and VNI, how much better s reads as Vietnamese after
// converting from that encoding than as it stands: one point for each word that
// becomes a valid syllable only after conversion, and a word that was a valid
// syllable before and is not after (or one that holds Unicode Vietnamese letters)
// argues against the encoding twice as strongly. A score above zero means s is in
// that encoding.
func evidence(s string) [2]int {
	var total [2]int
	seen := map[string][2]int{}
	n := 0
	for w := range strings.FieldsFuncSeq(s, separator) {
		if !hasNonASCII(w) {
			continue
		}
		score, ok := seen[w]
		if !ok {
			score = [2]int{wordEvidence(w, fromTCVN3), wordEvidence(w, fromVNI)}
			seen[w] = score
		}
		total[0] += score[0]
		total[1] += score[1]
		if n++; n == maxWords {
			break
		}
	}
	return total
}

func wordEvidence(w string, conv func(string) string) int {
	if isUnicodeVietnamese(w) {
		return -2
	}
	c := conv(w)
	if c == w {
		return 0
	}
	before, after := syllable(trimNonLetters(w)), syllable(trimNonLetters(c))
	switch {
	case after && !before:
		return 1
	case before && !after:
		return -2
	}
	return 0
}

func hasNonASCII(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] >= 0x80 || w[i] < 0x20 {
			return true
		}
	}
	return false
}

// separator splits words at spaces, ASCII digits and ASCII punctuation. The C0
// controls that TCVN3 uses for upper-case letters stay inside words.
func separator(r rune) bool {
	if r < 0x80 {
		if r < 0x20 && tcvn3C0[r] != 0 {
			return false
		}
		return !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z')
	}
	return unicode.IsSpace(r)
}

func trimNonLetters(w string) string {
	return strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsMark(r) })
}

// isUnicodeVietnamese reports whether w holds a letter that only Unicode
// Vietnamese text contains (none of them exists in Windows-1252).
func isUnicodeVietnamese(w string) bool {
	for _, r := range w {
		switch {
		case r == 'ă' || r == 'Ă' || r == 'đ' || r == 'Đ' || r == 'ĩ' || r == 'Ĩ' || r == 'ũ' || r == 'Ũ',
			r == 'ơ' || r == 'Ơ' || r == 'ư' || r == 'Ư',
			r >= 0x1EA0 && r <= 0x1EF9:
			return true
		}
	}
	return false
}

// win1252High maps bytes 0x80–0x9F; the five bytes Windows leaves undefined keep
// their C1 code points, as Word does.
var win1252High = [32]rune{
	0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
	0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
}

// win1252 is the character Windows-1252 gives byte b.
func win1252(b byte) rune {
	if b >= 0x80 && b < 0xA0 {
		return win1252High[b-0x80]
	}
	return rune(b)
}

func fromWindows1252(s string) string {
	var b strings.Builder
	b.Grow(len(s) * 2)
	for i := 0; i < len(s); i++ {
		b.WriteRune(win1252(s[i]))
	}
	return b.String()
}
