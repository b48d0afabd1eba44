package plan

import (
	"regexp"
	"strings"

	"loa/internal/agency"
	"loa/internal/vn"
)

// Matcher finds the agencies of the installation that a plan names, tolerant of case,
// diacritics and the abbreviations offices write ("Sở KH&CN", "UBND thành phố").
type Matcher struct {
	home    string
	inHome  map[string]bool
	entries []matchEntry
}

type matchEntry struct {
	a    *agency.Agency
	keys []string
}

// abbreviations expands what offices shorten, on folded text.
var abbreviations = []struct {
	re   *regexp.Regexp
	full string
}{
	{regexp.MustCompile(`\bkh\s*&\s*cn\b|\bkhcn\b`), "khoa hoc va cong nghe"},
	{regexp.MustCompile(`\btt\s*&\s*tt\b|\btttt\b`), "thong tin va truyen thong"},
	{regexp.MustCompile(`\bvh\s*,?\s*tt\s*&\s*dl\b|\bvhttdl\b`), "van hoa, the thao va du lich"},
	{regexp.MustCompile(`\bubnd\b`), "uy ban nhan dan"},
	{regexp.MustCompile(`\bhdnd\b`), "hoi dong nhan dan"},
	{regexp.MustCompile(`\btp\.?\s`), "thanh pho "},
	{regexp.MustCompile(`\btdc\b`), "tieu chuan do luong chat luong"},
	{regexp.MustCompile(`[.;:]+$`), ""},
}

// matchKey folds a name and expands its abbreviations.
func matchKey(s string) string {
	k := vn.Fold(vn.Clean(s))
	for _, a := range abbreviations {
		k = a.re.ReplaceAllString(k, a.full)
	}
	k = strings.Join(strings.Fields(strings.ReplaceAll(k, ",", " ")), " ")
	return k
}

// NewMatcher builds a matcher over every agency; home is the plan's agency, whose
// subtree wins when two agencies share a name ("Văn phòng Sở").
func NewMatcher(all []*agency.Agency, home string) *Matcher {
	m := &Matcher{home: home, inHome: map[string]bool{}}
	anc := agency.Ancestries(all)
	for _, a := range all {
		for _, x := range anc[a.ID] {
			if x == home {
				m.inHome[a.ID] = true
			}
		}
		keys := []string{matchKey(a.Name)}
		if a.ShortName != "" {
			keys = append(keys, matchKey(a.ShortName))
		}
		keys = append(keys, matchKey(a.Abbr))
		m.entries = append(m.entries, matchEntry{a: a, keys: keys})
	}
	return m
}

// Ref returns the reference for a name: matched to an agency when one fits exactly,
// else the name alone, kept as written.
func (m *Matcher) Ref(name string) AgencyRef {
	ref := AgencyRef{Name: vn.Clean(name)}
	if m == nil || ref.Name == "" {
		return ref
	}
	key := matchKey(name)
	if key == "so" && m.home != "" { // "Sở" alone means the plan's own department
		for _, e := range m.entries {
			if e.a.ID == m.home {
				ref.AgencyID, ref.Abbr = e.a.ID, e.a.Abbr
			}
		}
		return ref
	}
	var best *agency.Agency
	score := -1
	for _, e := range m.entries {
		for _, k := range e.keys {
			if k != key {
				continue
			}
			s := 0
			if e.a.Active() {
				s += 2
			}
			if m.inHome[e.a.ID] {
				s += 4
			}
			if s > score {
				best, score = e.a, s
			}
		}
	}
	if best != nil {
		ref.AgencyID, ref.Abbr = best.ID, best.Abbr
	}
	return ref
}
