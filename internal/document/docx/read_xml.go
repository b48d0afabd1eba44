package docx

import (
	"encoding/xml"
	"io"
	"strconv"
	"strings"
)

// WordprocessingML's main namespace, transitional and strict.
const (
	nsMain   = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsStrict = "http://purl.oclc.org/ooxml/wordprocessingml/main"
)

// xmlStream reads a part token by token and refuses nesting beyond maxXMLDepth.
type xmlStream struct {
	dec   *xml.Decoder
	depth int
}

func newStream(r io.Reader) *xmlStream {
	d := xml.NewDecoder(r)
	d.Strict = true
	return &xmlStream{dec: d}
}

// next returns the next token; io.EOF at the end of the part.
func (s *xmlStream) next() (xml.Token, error) {
	t, err := s.dec.Token()
	if err != nil {
		return nil, err
	}
	switch t.(type) {
	case xml.StartElement:
		s.depth++
		if s.depth > maxXMLDepth {
			return nil, errTooDeep
		}
	case xml.EndElement:
		s.depth--
	}
	return t, nil
}

// nextStart returns the next start element anywhere below, or nil at the end.
func (s *xmlStream) nextStart() (*xml.StartElement, error) {
	for {
		t, err := s.next()
		if err == io.EOF {
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		if se, ok := t.(xml.StartElement); ok {
			return &se, nil
		}
	}
}

// children calls fn for each child element of the element just started, until it
// ends. fn must consume the child (read to its end, or skip it).
func (s *xmlStream) children(fn func(xml.StartElement) error) error {
	level := s.depth
	for {
		t, err := s.next()
		if err != nil {
			return unexpectedEOF(err)
		}
		switch t := t.(type) {
		case xml.StartElement:
			if err := fn(t); err != nil {
				return err
			}
		case xml.EndElement:
			if s.depth < level {
				return nil
			}
		}
	}
}

// skip consumes the rest of the element just started.
func (s *xmlStream) skip() error {
	return s.children(func(xml.StartElement) error { return s.skip() })
}

// text reads the character data of the element just started (w:t).
func (s *xmlStream) text() (string, error) {
	var b strings.Builder
	level := s.depth
	for {
		t, err := s.next()
		if err != nil {
			return "", unexpectedEOF(err)
		}
		switch t := t.(type) {
		case xml.CharData:
			b.Write(t)
		case xml.StartElement:
			if err := s.skip(); err != nil {
				return "", err
			}
		case xml.EndElement:
			if s.depth < level {
				return b.String(), nil
			}
		}
	}
}

func unexpectedEOF(err error) error {
	if err == io.EOF {
		return io.ErrUnexpectedEOF
	}
	return err
}

// isW reports an element of WordprocessingML's main namespace named local.
func isW(se xml.StartElement, local string) bool {
	return se.Name.Local == local && (se.Name.Space == nsMain || se.Name.Space == nsStrict)
}

// attr is the value of the attribute named local, whatever its namespace.
func attr(se xml.StartElement, local string) string {
	for _, a := range se.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// onOff reads a toggle property (w:b, w:i, w:tblHeader): present means on unless
// its value says otherwise.
func onOff(se xml.StartElement) bool {
	switch attr(se, "val") {
	case "0", "false", "off", "none":
		return false
	}
	return true
}

// intAttr reads a whole-number attribute, or def when it is missing or malformed.
func intAttr(se xml.StartElement, local string, def int) int {
	n, err := strconv.Atoi(attr(se, local))
	if err != nil {
		return def
	}
	return n
}
