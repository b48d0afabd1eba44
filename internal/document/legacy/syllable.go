package legacy

import (
	"strings"

	"golang.org/x/text/unicode/norm"
)

// Vietnamese syllables are built from an initial consonant, a vowel nucleus and a
// final consonant, each from a short closed list. Detection asks whether a word is
// such a syllable: mis-decoded text almost never is.
var (
	onsets = []string{"ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr",
		"b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", ""}
	codas = map[string]bool{"": true, "c": true, "ch": true, "m": true, "n": true, "ng": true, "nh": true, "p": true, "t": true}
	// nuclei maps each vowel group to whether a final consonant may follow it.
	nuclei = map[string]bool{
		"a": true, "ă": true, "â": true, "e": true, "ê": true, "i": true, "o": true, "ô": true, "ơ": true, "u": true, "ư": true, "y": true,
		"iê": true, "yê": true, "oa": true, "oă": true, "oe": true, "oo": true, "uâ": true, "uê": true, "uô": true, "ươ": true, "uy": true, "uyê": true,
		"ai": false, "ao": false, "au": false, "ay": false, "âu": false, "ây": false, "eo": false, "êu": false, "ia": false, "iu": false,
		"oi": false, "ôi": false, "ơi": false, "ua": false, "ui": false, "ưa": false, "ưi": false, "ưu": false, "uơ": false,
		"iêu": false, "yêu": false, "oai": false, "oao": false, "oay": false, "oeo": false, "uây": false, "uôi": false, "ươi": false,
		"ươu": false, "uya": false, "uyu": false,
	}
)

// modified composes a base vowel with its breve, circumflex or horn.
var modified = map[string]rune{"a\u0306": 'ă', "a\u0302": 'â', "e\u0302": 'ê', "o\u0302": 'ô', "o\u031b": 'ơ', "u\u031b": 'ư'}

// syllable reports whether w (any case) is one well-formed Vietnamese syllable with
// at most one tone mark.
func syllable(w string) bool {
	letters, ok := toneless(strings.ToLower(w))
	if !ok || letters == "" || len([]rune(letters)) > 7 {
		return false
	}
	for _, on := range onsets {
		if !strings.HasPrefix(letters, on) {
			continue
		}
		rest := letters[len(on):]
		for nuc, open := range nuclei {
			if !strings.HasPrefix(rest, nuc) {
				continue
			}
			coda := rest[len(nuc):]
			if codas[coda] && (open || coda == "") {
				return true
			}
		}
	}
	return false
}

// toneless strips the one tone mark a syllable may carry and returns its letters,
// or false when w holds anything but Vietnamese letters.
func toneless(w string) (string, bool) {
	var b strings.Builder
	tones := 0
	var prev string
	flush := func() {
		b.WriteString(prev)
		prev = ""
	}
	for _, r := range norm.NFD.String(w) {
		switch {
		case r >= 'a' && r <= 'z' && !strings.ContainsRune("fjwz", r), r == 'đ':
			flush()
			prev = string(r)
		case strings.ContainsRune("\u0300\u0301\u0303\u0309\u0323", r):
			tones++
		case strings.ContainsRune("\u0306\u0302\u031b", r):
			m, ok := modified[prev+string(r)]
			if !ok {
				return "", false
			}
			prev = string(m)
		default:
			return "", false
		}
	}
	flush()
	return b.String(), tones <= 1
}
