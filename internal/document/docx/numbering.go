package docx

import (
	"encoding/xml"
	"fmt"
	"strconv"
	"strings"
)

// Word's automatic numbering, resolved into the labels Word shows ("II.", "2.",
// "b)"), so that auto-numbered items read the same as typed ones. Counters run in
// document order per abstract list, as Word counts them; a list instance that
// overrides a level's start restarts that level where it is first used.

// numLevel is one w:lvl of a list.
type numLevel struct {
	start   int    // w:start; Word's default is 0
	format  string // w:numFmt: decimal, upperRoman, lowerLetter, bullet, none …
	text    string // w:lvlText: "%1.", "%1.%2.", "%2)"
	restart int    // w:lvlRestart: restart after a level up to this (1-based); -1 by default, 0 never
	legal   bool   // w:isLgl: every level shown as decimal
}

type abstractNum struct {
	levels    [9]*numLevel
	styleLink string // w:numStyleLink: the list is the one a numbering style names
}

type numOverride struct {
	start    int
	startSet bool
	level    *numLevel
}

type numInstance struct {
	abstract  string
	overrides [9]*numOverride
	started   [9]bool // whether an override's start has been applied
}

type listCounters struct {
	value [9]int
	set   [9]bool
}

type numbering struct {
	styles    *styleSheet
	abstracts map[string]*abstractNum
	instances map[string]*numInstance
	counters  map[string]*listCounters
}

func newNumbering(st *styleSheet) *numbering {
	return &numbering{styles: st, abstracts: map[string]*abstractNum{}, instances: map[string]*numInstance{}, counters: map[string]*listCounters{}}
}

func (nb *numbering) parse(s *xmlStream) error {
	root, err := s.nextStart()
	if err != nil || root == nil {
		return err
	}
	return s.children(func(se xml.StartElement) error {
		switch {
		case isW(se, "abstractNum"):
			a := &abstractNum{}
			nb.abstracts[attr(se, "abstractNumId")] = a
			return s.children(func(se xml.StartElement) error {
				switch {
				case isW(se, "lvl"):
					return readLevel(s, se, &a.levels)
				case isW(se, "numStyleLink"):
					a.styleLink = attr(se, "val")
				}
				return s.skip()
			})
		case isW(se, "num"):
			in := &numInstance{}
			nb.instances[attr(se, "numId")] = in
			return s.children(func(se xml.StartElement) error {
				switch {
				case isW(se, "abstractNumId"):
					in.abstract = attr(se, "val")
				case isW(se, "lvlOverride"):
					return readOverride(s, se, in)
				}
				return s.skip()
			})
		default:
			return s.skip()
		}
	})
}

func levelIndex(se xml.StartElement) (int, bool) {
	i, err := strconv.Atoi(attr(se, "ilvl"))
	return i, err == nil && i >= 0 && i < 9
}

func readLevel(s *xmlStream, se xml.StartElement, levels *[9]*numLevel) error {
	l := &numLevel{format: "decimal", restart: -1}
	if i, ok := levelIndex(se); ok {
		levels[i] = l
	}
	return s.children(func(se xml.StartElement) error {
		switch {
		case isW(se, "start"):
			l.start = intAttr(se, "val", 0)
		case isW(se, "numFmt"):
			l.format = attr(se, "val")
		case isW(se, "lvlText"):
			l.text = attr(se, "val")
		case isW(se, "lvlRestart"):
			l.restart = intAttr(se, "val", -1)
		case isW(se, "isLgl"):
			l.legal = onOff(se)
		}
		return s.skip()
	})
}

func readOverride(s *xmlStream, se xml.StartElement, in *numInstance) error {
	i, ok := levelIndex(se)
	if !ok {
		return s.skip()
	}
	o := &numOverride{}
	in.overrides[i] = o
	var levels [9]*numLevel
	return s.children(func(se xml.StartElement) error {
		switch {
		case isW(se, "startOverride"):
			o.start, o.startSet = intAttr(se, "val", 0), true
		case isW(se, "lvl"):
			err := readLevel(s, se, &levels)
			for _, l := range levels {
				if l != nil {
					o.level = l
				}
			}
			return err
		}
		return s.skip()
	})
}

// list finds the abstract list of an instance, following a numbering style's link.
func (nb *numbering) list(in *numInstance) (string, *abstractNum) {
	id := in.abstract
	a := nb.abstracts[id]
	if a != nil && a.styleLink != "" {
		if d := nb.styles.byID[a.styleLink]; d != nil {
			if linked := nb.instances[d.num.id]; linked != nil && linked != in {
				id = linked.abstract
				a = nb.abstracts[id]
			}
		}
	}
	return id, a
}

func (nb *numbering) level(in *numInstance, a *abstractNum, i int) *numLevel {
	if o := in.overrides[i]; o != nil && o.level != nil {
		return o.level
	}
	return a.levels[i]
}

// label counts one numbered paragraph and returns the label Word shows for it.
// bullet reports a bullet list, whose label is "-" at the first level and "+" below.
// A paragraph outside any list (numId 0, or an unknown list) has no label.
func (nb *numbering) label(ref numRef) (label string, bullet bool) {
	in := nb.instances[ref.id]
	if in == nil {
		return "", false
	}
	id, a := nb.list(in)
	if a == nil {
		return "", false
	}
	i := ref.level
	lvl := nb.level(in, a, i)
	if lvl == nil {
		return "", false
	}
	c := nb.counters[id]
	if c == nil {
		c = &listCounters{}
		nb.counters[id] = c
	}
	switch o := in.overrides[i]; {
	case o != nil && o.startSet && !in.started[i]:
		c.value[i], c.set[i], in.started[i] = o.start, true, true
	case !c.set[i]:
		c.value[i], c.set[i] = lvl.start, true
	default:
		c.value[i]++
	}
	for k := i + 1; k < 9; k++ {
		restart := k // by default a level restarts after any level above it
		if l := nb.level(in, a, k); l != nil && l.restart >= 0 {
			restart = l.restart
		}
		if i < restart {
			c.set[k] = false
		}
	}
	switch lvl.format {
	case "bullet":
		if i == 0 {
			return "-", true
		}
		return "+", true
	case "none":
		return strings.TrimSpace(lvl.text), false
	}
	var b strings.Builder
	for k := 0; k < len(lvl.text); k++ {
		ch := lvl.text[k]
		if ch != '%' || k+1 >= len(lvl.text) || lvl.text[k+1] < '1' || lvl.text[k+1] > '9' {
			b.WriteByte(ch)
			continue
		}
		j := int(lvl.text[k+1] - '1')
		k++
		lj := nb.level(in, a, j)
		if lj == nil {
			continue
		}
		v := lj.start
		if c.set[j] {
			v = c.value[j]
		}
		format := lj.format
		if lvl.legal {
			format = "decimal"
		}
		b.WriteString(formatNumber(v, format))
	}
	return strings.TrimSpace(b.String()), false
}

// formatNumber writes n the way a w:numFmt asks. Word's letters are the Latin
// alphabet (a b c d e …, then aa bb …): it has no đ, which is why Loa's own
// documents type their labels.
func formatNumber(n int, format string) string {
	switch format {
	case "bullet", "none":
		return ""
	case "decimalZero":
		return fmt.Sprintf("%02d", n)
	case "upperRoman", "lowerRoman":
		if n <= 0 || n >= 4000 {
			return strconv.Itoa(n)
		}
		r := roman(n)
		if format == "lowerRoman" {
			r = strings.ToLower(r)
		}
		return r
	case "upperLetter", "lowerLetter":
		if n <= 0 {
			return strconv.Itoa(n)
		}
		l := strings.Repeat(string(rune('a'+(n-1)%26)), (n-1)/26+1)
		if format == "upperLetter" {
			l = strings.ToUpper(l)
		}
		return l
	default:
		return strconv.Itoa(n)
	}
}

func roman(n int) string {
	var b strings.Builder
	for _, p := range []struct {
		v int
		s string
	}{{1000, "M"}, {900, "CM"}, {500, "D"}, {400, "CD"}, {100, "C"}, {90, "XC"}, {50, "L"}, {40, "XL"}, {10, "X"}, {9, "IX"}, {5, "V"}, {4, "IV"}, {1, "I"}} {
		for n >= p.v {
			b.WriteString(p.s)
			n -= p.v
		}
	}
	return b.String()
}
