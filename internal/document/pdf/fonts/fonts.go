// Package fonts ships Liberation Serif 2, the free font metric-compatible with
// Times New Roman that Decree 30 asks for, and measures text with its advance
// widths. The PDF writer embeds the files; the DOCX writer, which names Times New
// Roman, measures with the same metrics to size the rules it draws under the
// header lines; the HTML preview serves the files to browsers as web fonts. The
// font is under the SIL Open Font License (LICENSE-OFL.txt).
package fonts

import (
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"sync"
)

// Style is one of the four faces.
type Style int

// The faces, in the order of the embedded files.
const (
	Regular Style = iota
	Bold
	Italic
	BoldItalic
)

// StyleOf picks the face for a run's bold and italic flags.
func StyleOf(bold, italic bool) Style {
	switch {
	case bold && italic:
		return BoldItalic
	case bold:
		return Bold
	case italic:
		return Italic
	}
	return Regular
}

var (
	//go:embed LiberationSerif-Regular.ttf
	regularTTF []byte
	//go:embed LiberationSerif-Bold.ttf
	boldTTF []byte
	//go:embed LiberationSerif-Italic.ttf
	italicTTF []byte
	//go:embed LiberationSerif-BoldItalic.ttf
	boldItalicTTF []byte
)

// TTF returns the TrueType file of a face. The slice is shared: do not modify it.
func TTF(s Style) []byte {
	switch s {
	case Bold:
		return boldTTF
	case Italic:
		return italicTTF
	case BoldItalic:
		return boldItalicTTF
	}
	return regularTTF
}

// unmapped marks a code point the font has no glyph for.
const unmapped = math.MaxUint16

// metrics holds the advance width of every BMP code point in thousandths of an
// em, rounded per glyph exactly as fpdf rounds them, so that a line measured here
// is the line fpdf prints.
type metrics struct {
	width   []uint16 // indexed by code point; unmapped when the font lacks it
	missing int      // width of glyph 0, printed for a missing character
}

var (
	parseOnce sync.Once
	parsed    [4]metrics
	parseErr  error
)

func faces() *[4]metrics {
	parseOnce.Do(func() {
		for s := Regular; s <= BoldItalic; s++ {
			m, err := parse(TTF(s))
			if err != nil {
				parseErr = fmt.Errorf("fonts: face %d: %w", s, err)
				return
			}
			parsed[s] = m
		}
	})
	if parseErr != nil {
		// The files are embedded and checked by the tests: failing here means a broken build.
		panic(parseErr)
	}
	return &parsed
}

// Width is the advance width of s in thousandths of an em.
func Width(style Style, s string) int {
	m := &faces()[style]
	w := 0
	for _, r := range s {
		if r >= 0 && int(r) < len(m.width) && m.width[r] != unmapped {
			w += int(m.width[r])
		} else {
			w += m.missing
		}
	}
	return w
}

// Points is the width of s set in size points, in points.
func Points(style Style, s string, size float64) float64 {
	return float64(Width(style, s)) * size / 1000
}

// has reports whether the face has a glyph for r.
func has(style Style, r rune) bool {
	m := &faces()[style]
	return r >= 0 && int(r) < len(m.width) && m.width[r] != unmapped
}

var errFont = errors.New("not a TrueType font this package can read")

// parse reads the tables a width needs: head (units per em), hhea and hmtx
// (advances) and the Unicode BMP cmap (format 4).
func parse(b []byte) (metrics, error) {
	tables := map[string][]byte{}
	if len(b) < 12 {
		return metrics{}, errFont
	}
	n := int(binary.BigEndian.Uint16(b[4:]))
	for i := range n {
		rec := 12 + 16*i
		if rec+16 > len(b) {
			return metrics{}, errFont
		}
		off := int(binary.BigEndian.Uint32(b[rec+8:]))
		size := int(binary.BigEndian.Uint32(b[rec+12:]))
		if off < 0 || size < 0 || off+size > len(b) {
			return metrics{}, errFont
		}
		tables[string(b[rec:rec+4])] = b[off : off+size]
	}
	head, hhea, hmtx, cmap := tables["head"], tables["hhea"], tables["hmtx"], tables["cmap"]
	if len(head) < 20 || len(hhea) < 36 || cmap == nil {
		return metrics{}, errFont
	}
	upem := float64(binary.BigEndian.Uint16(head[18:]))
	nMetrics := int(binary.BigEndian.Uint16(hhea[34:]))
	if upem == 0 || nMetrics == 0 || len(hmtx) < 4*nMetrics {
		return metrics{}, errFont
	}
	advance := func(glyph int) int {
		if glyph >= nMetrics {
			glyph = nMetrics - 1 // glyphs past the table share the last advance
		}
		return int(math.Round(float64(binary.BigEndian.Uint16(hmtx[4*glyph:])) * 1000 / upem))
	}
	sub, err := bmpSubtable(cmap)
	if err != nil {
		return metrics{}, err
	}
	m := metrics{width: make([]uint16, 0x10000), missing: advance(0)}
	for i := range m.width {
		m.width[i] = unmapped
	}
	segs := int(binary.BigEndian.Uint16(sub[6:])) / 2
	if len(sub) < 16+8*segs {
		return metrics{}, errFont
	}
	ends, starts := 14, 16+2*segs
	deltas, ranges := starts+2*segs, starts+4*segs
	for i := range segs {
		end := int(binary.BigEndian.Uint16(sub[ends+2*i:]))
		start := int(binary.BigEndian.Uint16(sub[starts+2*i:]))
		delta := int(binary.BigEndian.Uint16(sub[deltas+2*i:]))
		rangeOff := int(binary.BigEndian.Uint16(sub[ranges+2*i:]))
		for c := start; c <= end && c < 0xFFFF; c++ {
			glyph := (c + delta) & 0xFFFF
			if rangeOff != 0 {
				at := ranges + 2*i + rangeOff + 2*(c-start)
				if at+2 > len(sub) {
					return metrics{}, errFont
				}
				glyph = int(binary.BigEndian.Uint16(sub[at:]))
				if glyph != 0 {
					glyph = (glyph + delta) & 0xFFFF
				}
			}
			if glyph != 0 {
				m.width[c] = uint16(advance(glyph))
			}
		}
	}
	return m, nil
}

// bmpSubtable finds the Windows Unicode BMP mapping (platform 3, encoding 1, format 4).
func bmpSubtable(cmap []byte) ([]byte, error) {
	if len(cmap) < 4 {
		return nil, errFont
	}
	n := int(binary.BigEndian.Uint16(cmap[2:]))
	for i := range n {
		rec := 4 + 8*i
		if rec+8 > len(cmap) {
			break
		}
		platform, encoding := binary.BigEndian.Uint16(cmap[rec:]), binary.BigEndian.Uint16(cmap[rec+2:])
		off := int(binary.BigEndian.Uint32(cmap[rec+4:]))
		if platform != 3 || encoding != 1 || off+14 > len(cmap) {
			continue
		}
		sub := cmap[off:]
		length := int(binary.BigEndian.Uint16(sub[2:]))
		if binary.BigEndian.Uint16(sub) != 4 || length > len(sub) {
			continue
		}
		return sub[:length], nil
	}
	return nil, errFont
}
