package evidence

import (
	"fmt"
	"path"
	"strings"
	"unicode"

	"loa/internal/vn"
)

// Names inside the pack are plain ASCII: the ZIP format marks UTF-8 names with a flag
// that Windows' own "Extract all" ignored for years, and an office that unpacks the
// pack there would get mojibake folders. Folded Vietnamese still reads well:
// "01 - Niem yet, thong bao tren Cong thong tin dien tu".

const (
	maxActivityChars = 60 // the activity's words in its folder name
	maxNameChars     = 70 // the original file name, extension included
)

// ascii spells s in printable ASCII for a file name: Vietnamese letters lose their
// marks but keep their case ("Đ" is "D"), slashes and dashes become "-" ("15/KH" is
// "15-KH"), the other characters Windows refuses in names and whatever else has no
// ASCII likeness (quotes, other scripts) are dropped, and runs of spaces are one.
func ascii(s string) string {
	var b strings.Builder
	space := false
	put := func(r rune) {
		switch {
		case unicode.IsSpace(r):
			if b.Len() > 0 {
				space = true
			}
			return
		case r == '/' || r == '\\' || r == '|' || unicode.Is(unicode.Pd, r):
			r = '-'
		case r < 0x20 || r > 0x7e || strings.ContainsRune(`<>:"?*`, r):
			return
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	for _, r := range vn.NFC(s) {
		if r < 0x80 || unicode.IsSpace(r) {
			put(r)
			continue
		}
		folded := vn.Fold(string(r))
		if unicode.IsUpper(r) {
			folded = strings.ToUpper(folded)
		}
		for _, f := range folded {
			put(f)
		}
	}
	// Windows drops trailing dots and spaces from names, so two names differing only
	// there would collide on extraction.
	return strings.TrimRight(b.String(), ". ")
}

// shorten cuts an ASCII s to at most n characters, at a space when one falls in
// the second half, so a folder name does not end in half a word.
func shorten(s string, n int) string {
	if len(s) <= n {
		return s
	}
	s = s[:n]
	if i := strings.LastIndexByte(s, ' '); i > n/2 {
		s = s[:i]
	}
	return strings.TrimRight(s, " ,;-.")
}

// folderName is the folder of an activity: its number in the plan, two digits so the
// folders sort in the plan's order, and its words.
func folderName(seq int, text string) string {
	name := fmt.Sprintf("%02d", seq)
	if words := shorten(ascii(text), maxActivityChars); words != "" {
		name += " - " + words
	}
	return name
}

// fileName is the name of an evidence file in its folder: the day of the result and
// the unit first, so the files of a folder sort by date, then the name the unit gave
// it. A name with nothing left after folding (all in another script) is named by the
// start of its hash.
func fileName(day vn.Date, unit, original, hash string) string {
	ext := strings.ToLower(ascii(path.Ext(original)))
	if len(ext) > 10 {
		ext = ""
	}
	stem := ascii(strings.TrimSuffix(original, path.Ext(original)))
	stem = shorten(stem, maxNameChars-len(ext))
	if stem == "" {
		stem = hash[:12]
	}
	prefix := day.String()
	if u := ascii(unit); u != "" {
		prefix += " - " + u
	}
	return prefix + " - " + stem + ext
}

// names hands out paths inside the pack, each once. Two files may share a name (two
// photos "anh.jpg" sent by one unit on one day): the second becomes "anh (2).jpg".
// Names are compared without case, as Windows and macOS compare them.
type names map[string]bool

func (n names) claim(folder, name string) string {
	ext := path.Ext(name)
	stem := strings.TrimSuffix(name, ext)
	p := folder + "/" + name
	for i := 2; n[strings.ToLower(p)]; i++ {
		p = fmt.Sprintf("%s/%s (%d)%s", folder, stem, i, ext)
	}
	n[strings.ToLower(p)] = true
	return p
}
