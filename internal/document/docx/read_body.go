package docx

import (
	"encoding/xml"
	"errors"
	"strconv"
	"strings"

	"loa/internal/document"
	"loa/internal/document/recognise"
)

// docReader streams word/document.xml into the flat list of parts the recogniser
// reads, resolving styles and numbering on the way.
type docReader struct {
	styles    *styleSheet
	numbering *numbering
	parts     []recognise.Part
	cells     int
	section   int // first part of the section being read
}

// rawPara is a paragraph as read: its style, list, alignment and runs, whose text
// may hold line breaks ("\n") and tabs.
type rawPara struct {
	style     string
	num       numRef
	jc        string
	runs      []document.Run
	landscape *bool // set when the paragraph ends a section
}

type rawCell struct {
	span     int
	vmerge   string // "", "restart" or "continue"
	lines    [][]document.Run
	jc       string
	bordered bool
}

type rawRow struct {
	header        bool
	before, after int
	cells         []rawCell
}

type rawTable struct {
	style   string
	borders *bool
	grid    []float64
	rows    []rawRow
}

// blockHandlers receive what a block container (the body, a cell) holds.
type blockHandlers struct {
	para    func(rawPara) error
	table   func(*rawTable) error
	section func(landscape bool)
}

func (dr *docReader) parse(s *xmlStream) error {
	root, err := s.nextStart()
	if err != nil {
		return err
	}
	if root == nil || root.Name.Local != "document" {
		return errors.New("docx: no w:document element")
	}
	return s.children(func(se xml.StartElement) error {
		if !isW(se, "body") {
			return s.skip()
		}
		return dr.blocks(s, blockHandlers{para: dr.bodyPara, table: dr.bodyTable, section: dr.endSection})
	})
}

func (dr *docReader) add(p recognise.Part) error {
	if len(dr.parts) >= recognise.MaxParts {
		return errTooMany
	}
	dr.parts = append(dr.parts, p)
	return nil
}

func (dr *docReader) bodyPara(p rawPara) error {
	for _, l := range dr.lines(p) {
		if err := dr.add(recognise.Part{Runs: l}); err != nil {
			return err
		}
	}
	if p.landscape != nil {
		dr.endSection(*p.landscape)
	}
	return nil
}

func (dr *docReader) bodyTable(t *rawTable) error {
	tb, err := dr.build(t)
	if err != nil || tb == nil {
		return err
	}
	return dr.add(recognise.Part{Table: tb, Layout: !dr.bordered(t)})
}

// endSection marks the parts of the section just ended as landscape or not.
func (dr *docReader) endSection(landscape bool) {
	for i := dr.section; i < len(dr.parts); i++ {
		dr.parts[i].Landscape = landscape
	}
	dr.section = len(dr.parts)
}

// blocks reads the paragraphs and tables of a container, looking through content
// controls and custom XML around them.
func (dr *docReader) blocks(s *xmlStream, h blockHandlers) error {
	return s.children(func(se xml.StartElement) error { return dr.block(s, se, h) })
}

// block reads one element of a container, just started.
func (dr *docReader) block(s *xmlStream, se xml.StartElement, h blockHandlers) error {
	switch {
	case isW(se, "p"):
		p, err := dr.paragraph(s)
		if err != nil {
			return err
		}
		return h.para(p)
	case isW(se, "tbl"):
		t, err := dr.table(s)
		if err != nil {
			return err
		}
		return h.table(t)
	case isW(se, "sectPr"):
		landscape, err := readSection(s)
		h.section(landscape)
		return err
	case isW(se, "sdt"), isW(se, "sdtContent"), isW(se, "customXml"), isW(se, "smartTag"):
		return dr.blocks(s, h)
	default:
		return s.skip()
	}
}

// readSection reads w:sectPr: whether its pages are landscape.
func readSection(s *xmlStream) (bool, error) {
	landscape := false
	err := s.children(func(se xml.StartElement) error {
		if isW(se, "pgSz") {
			w, h := intAttr(se, "w", 0), intAttr(se, "h", 0)
			landscape = attr(se, "orient") == "landscape" || w > h
		}
		return s.skip()
	})
	return landscape, err
}

func (dr *docReader) paragraph(s *xmlStream) (rawPara, error) {
	var p rawPara
	err := dr.inline(s, &p)
	return p, err
}

// inline reads the content of a paragraph: its properties and runs, also the runs
// inside hyperlinks, smart tags, content controls, simple fields and insertions.
// Deleted text, drawings and text boxes are not part of the paragraph's text.
func (dr *docReader) inline(s *xmlStream, p *rawPara) error {
	return s.children(func(se xml.StartElement) error {
		switch {
		case isW(se, "pPr"):
			return dr.paraProps(s, p)
		case isW(se, "r"):
			return dr.run(s, p)
		case isW(se, "hyperlink"), isW(se, "smartTag"), isW(se, "sdt"), isW(se, "sdtContent"), isW(se, "ins"),
			isW(se, "fldSimple"), isW(se, "customXml"), isW(se, "moveTo"), isW(se, "dir"), isW(se, "bdo"):
			return dr.inline(s, p)
		default:
			return s.skip()
		}
	})
}

func (dr *docReader) paraProps(s *xmlStream, p *rawPara) error {
	return s.children(func(se xml.StartElement) error {
		switch {
		case isW(se, "pStyle"):
			p.style = attr(se, "val")
		case isW(se, "numPr"):
			return readNumPr(s, &p.num)
		case isW(se, "jc"):
			p.jc = attr(se, "val")
		case isW(se, "sectPr"):
			landscape, err := readSection(s)
			p.landscape = &landscape
			return err
		}
		return s.skip()
	})
}

func (dr *docReader) run(s *xmlStream, p *rawPara) error {
	var props rprops
	var text strings.Builder
	err := s.children(func(se xml.StartElement) error {
		switch {
		case isW(se, "rPr"):
			return readRPr(s, &props)
		case isW(se, "t"):
			t, err := s.text()
			text.WriteString(t)
			return err
		case isW(se, "tab"), isW(se, "ptab"):
			text.WriteByte('\t')
		case isW(se, "br"), isW(se, "cr"):
			text.WriteByte('\n')
		case isW(se, "noBreakHyphen"):
			text.WriteByte('-')
		}
		return s.skip()
	})
	if err != nil || props.hidden || text.Len() == 0 {
		return err
	}
	bold, italic := dr.styles.runStyle(p.style, props)
	p.runs = append(p.runs, document.Run{Text: text.String(), Bold: bold, Italic: italic})
	return nil
}

// lines turns a paragraph into its lines (a line break starts a new one), with the
// label of its automatic numbering, if any, typed in front as Word shows it.
func (dr *docReader) lines(p rawPara) [][]document.Run {
	var lines [][]document.Run
	var cur []document.Run
	for _, r := range p.runs {
		for i, piece := range strings.Split(r.Text, "\n") {
			if i > 0 {
				lines = append(lines, cur)
				cur = nil
			}
			if piece != "" {
				cur = append(cur, document.Run{Text: piece, Bold: r.Bold, Italic: r.Italic})
			}
		}
	}
	lines = append(lines, cur)
	ref := dr.styles.paragraphNumbering(p.style).over(p.num)
	if ref.id == "" || ref.id == "0" {
		return lines
	}
	label, _ := dr.numbering.label(ref)
	if label != "" && len(lines[0]) > 0 {
		first := lines[0][0]
		lines[0] = append([]document.Run{{Text: label + " ", Bold: first.Bold, Italic: first.Italic}}, lines[0]...)
	}
	return lines
}

func (dr *docReader) table(s *xmlStream) (*rawTable, error) {
	t := &rawTable{}
	return t, dr.tableContent(s, t)
}

func (dr *docReader) tableContent(s *xmlStream, t *rawTable) error {
	return s.children(func(se xml.StartElement) error {
		switch {
		case isW(se, "tblPr"):
			return s.children(func(se xml.StartElement) error {
				switch {
				case isW(se, "tblStyle"):
					t.style = attr(se, "val")
				case isW(se, "tblBorders"):
					v, err := readBorders(s)
					t.borders = &v
					return err
				}
				return s.skip()
			})
		case isW(se, "tblGrid"):
			return s.children(func(se xml.StartElement) error {
				if isW(se, "gridCol") {
					w, _ := strconv.ParseFloat(attr(se, "w"), 64)
					t.grid = append(t.grid, w)
				}
				return s.skip()
			})
		case isW(se, "tr"):
			r, err := dr.row(s)
			t.rows = append(t.rows, r)
			return err
		case isW(se, "sdt"), isW(se, "sdtContent"), isW(se, "customXml"):
			return dr.tableContent(s, t)
		default:
			return s.skip()
		}
	})
}

func (dr *docReader) row(s *xmlStream) (rawRow, error) {
	var r rawRow
	var cells func() error
	cells = func() error {
		return s.children(func(se xml.StartElement) error {
			switch {
			case isW(se, "trPr"):
				return s.children(func(se xml.StartElement) error {
					switch {
					case isW(se, "tblHeader"):
						r.header = onOff(se)
					case isW(se, "gridBefore"):
						r.before = max(intAttr(se, "val", 0), 0)
					case isW(se, "gridAfter"):
						r.after = max(intAttr(se, "val", 0), 0)
					}
					return s.skip()
				})
			case isW(se, "tc"):
				c, err := dr.cell(s)
				r.cells = append(r.cells, c)
				dr.cells++
				if dr.cells > recognise.MaxCells {
					return errTooMany
				}
				return err
			case isW(se, "sdt"), isW(se, "sdtContent"), isW(se, "customXml"):
				return cells()
			default:
				return s.skip()
			}
		})
	}
	err := cells()
	return r, err
}

func (dr *docReader) cell(s *xmlStream) (rawCell, error) {
	c := rawCell{span: 1}
	first := true
	h := blockHandlers{
		para: func(p rawPara) error {
			if first {
				c.jc, first = p.jc, false
			}
			c.lines = append(c.lines, dr.lines(p)...)
			return nil
		},
		// A table nested in a cell gives its lines row by row (the page-1 header
		// of some offices nests tables like this).
		table: func(t *rawTable) error {
			tb, err := dr.build(t)
			if tb != nil {
				for _, row := range tb.Rows {
					for _, cc := range row {
						c.lines = append(c.lines, cc.Lines...)
					}
				}
			}
			return err
		},
		section: func(bool) {},
	}
	err := s.children(func(se xml.StartElement) error {
		if isW(se, "tcPr") {
			return s.children(func(se xml.StartElement) error {
				switch {
				case isW(se, "gridSpan"):
					c.span = max(intAttr(se, "val", 1), 1)
				case isW(se, "vMerge"):
					c.vmerge = "continue"
					if attr(se, "val") == "restart" {
						c.vmerge = "restart"
					}
				case isW(se, "tcBorders"):
					v, err := readBorders(s)
					c.bordered = v
					return err
				}
				return s.skip()
			})
		}
		return dr.block(s, se, h)
	})
	return c, err
}
