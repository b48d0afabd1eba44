package docx

import (
	"encoding/xml"
)

// rprops are the run properties the model keeps; nil means "not set here".
type rprops struct {
	style        string
	bold, italic *bool
	hidden       bool
}

// numRef is a paragraph's w:numPr: which list and which level. A paragraph may
// set only the level of the list its style names.
type numRef struct {
	id       string
	level    int
	levelSet bool
}

// over is r with what o sets taken from o.
func (r numRef) over(o numRef) numRef {
	if o.id != "" {
		r.id = o.id
	}
	if o.levelSet {
		r.level, r.levelSet = o.level, true
	}
	return r
}

// styleDef is one w:style, reduced to what reading needs.
type styleDef struct {
	basedOn string
	run     rprops
	num     numRef
	borders *bool // a table style's borders: visible or not
}

// styleSheet is word/styles.xml: the document defaults and the styles by id.
type styleSheet struct {
	byID        map[string]*styleDef
	defaultPara string
	defaults    rprops
}

func (st *styleSheet) parse(s *xmlStream) error {
	root, err := s.nextStart()
	if err != nil || root == nil {
		return err
	}
	return s.children(func(se xml.StartElement) error {
		switch {
		case isW(se, "docDefaults"):
			return s.children(func(se xml.StartElement) error {
				if !isW(se, "rPrDefault") {
					return s.skip()
				}
				return s.children(func(se xml.StartElement) error {
					if !isW(se, "rPr") {
						return s.skip()
					}
					return readRPr(s, &st.defaults)
				})
			})
		case isW(se, "style"):
			return st.style(s, se)
		default:
			return s.skip()
		}
	})
}

func (st *styleSheet) style(s *xmlStream, se xml.StartElement) error {
	d := &styleDef{}
	id := attr(se, "styleId")
	if def := attr(se, "default"); attr(se, "type") == "paragraph" && (def == "1" || def == "true" || def == "on") {
		st.defaultPara = id
	}
	st.byID[id] = d
	return s.children(func(se xml.StartElement) error {
		switch {
		case isW(se, "basedOn"):
			d.basedOn = attr(se, "val")
			return s.skip()
		case isW(se, "rPr"):
			return readRPr(s, &d.run)
		case isW(se, "pPr"):
			return s.children(func(se xml.StartElement) error {
				if isW(se, "numPr") {
					return readNumPr(s, &d.num)
				}
				return s.skip()
			})
		case isW(se, "tblPr"):
			return s.children(func(se xml.StartElement) error {
				if isW(se, "tblBorders") {
					v, err := readBorders(s)
					d.borders = &v
					return err
				}
				return s.skip()
			})
		default:
			return s.skip()
		}
	})
}

// readRPr reads w:rPr into p: the character style, bold, italic and hidden text.
func readRPr(s *xmlStream, p *rprops) error {
	return s.children(func(se xml.StartElement) error {
		switch {
		case isW(se, "rStyle"):
			p.style = attr(se, "val")
		case isW(se, "b"):
			v := onOff(se)
			p.bold = &v
		case isW(se, "i"):
			v := onOff(se)
			p.italic = &v
		case isW(se, "vanish"):
			p.hidden = onOff(se)
		}
		return s.skip()
	})
}

// readNumPr reads w:numPr.
func readNumPr(s *xmlStream, n *numRef) error {
	return s.children(func(se xml.StartElement) error {
		switch {
		case isW(se, "numId"):
			n.id = attr(se, "val")
		case isW(se, "ilvl"):
			n.level, n.levelSet = min(max(intAttr(se, "val", 0), 0), 8), true
		}
		return s.skip()
	})
}

// readBorders reads w:tblBorders or w:tcBorders: whether any line is drawn.
func readBorders(s *xmlStream) (bool, error) {
	visible := false
	err := s.children(func(se xml.StartElement) error {
		switch attr(se, "val") {
		case "", "nil", "none":
		default:
			visible = true
		}
		return s.skip()
	})
	return visible, err
}

// chain lists a style and the styles it is based on, the most basic first.
func (st *styleSheet) chain(id string) []*styleDef {
	var out []*styleDef
	for hops := 0; id != "" && hops < 16; hops++ {
		d := st.byID[id]
		if d == nil {
			break
		}
		out = append([]*styleDef{d}, out...)
		id = d.basedOn
	}
	return out
}

// runStyle is whether a run prints bold and italic: the document defaults, then the
// paragraph style and what it is based on, then the character style, then the
// run's own properties, each overriding the one before.
func (st *styleSheet) runStyle(pStyle string, direct rprops) (bold, italic bool) {
	set := func(p rprops) {
		if p.bold != nil {
			bold = *p.bold
		}
		if p.italic != nil {
			italic = *p.italic
		}
	}
	set(st.defaults)
	if pStyle == "" {
		pStyle = st.defaultPara
	}
	for _, d := range st.chain(pStyle) {
		set(d.run)
	}
	for _, d := range st.chain(direct.style) {
		set(d.run)
	}
	set(direct)
	return bold, italic
}

// paragraphNumbering is the list a paragraph style puts its paragraphs in, if any.
func (st *styleSheet) paragraphNumbering(pStyle string) numRef {
	if pStyle == "" {
		pStyle = st.defaultPara
	}
	var out numRef
	for _, d := range st.chain(pStyle) {
		out = out.over(d.num)
	}
	return out
}

// tableBorders is whether a table style draws borders, and whether it says.
func (st *styleSheet) tableBorders(id string) (visible, known bool) {
	for _, d := range st.chain(id) {
		if d.borders != nil {
			visible, known = *d.borders, true
		}
	}
	return visible, known
}
