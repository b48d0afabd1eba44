package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"flag"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"loa/internal/document"
	"loa/internal/document/documenttest"
	"loa/internal/document/pdf/fonts"
	"loa/internal/document/pdf/layout"
)

// The -update flag rewrites the golden files. It is registered only if another
// test file of the package (the reader's) has not registered it already.
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite the golden files under testdata")
	}
}

func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// xnode is a generic XML element for inspecting written parts.
type xnode struct {
	XMLName xml.Name
	Attrs   []xml.Attr `xml:",any,attr"`
	Kids    []*xnode   `xml:",any"`
	Text    string     `xml:",chardata"`
}

func (n *xnode) attr(local string) string {
	if n == nil {
		return ""
	}
	for _, a := range n.Attrs {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// all lists the descendants named local, in document order.
func (n *xnode) all(local string) []*xnode {
	var out []*xnode
	for _, k := range n.Kids {
		if k.XMLName.Local == local {
			out = append(out, k)
		}
		out = append(out, k.all(local)...)
	}
	return out
}

// child is the first direct child named local, or nil.
func (n *xnode) child(local string) *xnode {
	if n == nil {
		return nil
	}
	for _, k := range n.Kids {
		if k.XMLName.Local == local {
			return k
		}
	}
	return nil
}

func (n *xnode) has(path ...string) bool { return n.get(path...) != nil }

// get follows direct children by name.
func (n *xnode) get(path ...string) *xnode {
	for _, p := range path {
		if n == nil {
			return nil
		}
		n = n.child(p)
	}
	return n
}

// text joins the w:t of a paragraph (or any element), tabs as \t.
func (n *xnode) text() string {
	var b strings.Builder
	var walk func(*xnode)
	walk = func(x *xnode) {
		switch x.XMLName.Local {
		case "pPr", "rPr":
			return // tab stops and section properties are not text
		case "t":
			b.WriteString(x.Text)
		case "tab":
			b.WriteString("\t")
		}
		for _, k := range x.Kids {
			walk(k)
		}
	}
	walk(n)
	return b.String()
}

// parts writes d and returns the zip's parts by name.
func parts(t *testing.T, d *document.Document) map[string][]byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, d); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		out[f.Name] = b
	}
	return out
}

func parse(t *testing.T, b []byte) *xnode {
	t.Helper()
	var n xnode
	if err := xml.Unmarshal(b, &n); err != nil {
		t.Fatal(err)
	}
	return &n
}

func written(t *testing.T, d *document.Document) *xnode {
	t.Helper()
	return parse(t, parts(t, d)["word/document.xml"]).child("body")
}

// paragraph finds the first paragraph whose text contains s.
func paragraph(t *testing.T, root *xnode, s string) *xnode {
	t.Helper()
	for _, p := range root.all("p") {
		if strings.Contains(p.text(), s) {
			return p
		}
	}
	t.Fatalf("no paragraph with %q", s)
	return nil
}

// runProps says whether every run of a paragraph is bold / italic, and their size in half-points.
func runProps(p *xnode) (bold, italic bool, size int) {
	bold, italic = true, true
	for _, r := range p.all("r") {
		if r.text() == "" {
			continue
		}
		rp := r.child("rPr")
		bold = bold && rp.has("b")
		italic = italic && rp.has("i")
		if sz := rp.get("sz"); sz != nil {
			size, _ = strconv.Atoi(sz.attr("val"))
		}
	}
	return bold, italic, size
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	v, err := strconv.Atoi(s)
	if err != nil {
		t.Fatalf("%q is not a number", s)
	}
	return v
}

func TestWriteGivesTheSameBytesEveryTime(t *testing.T) {
	var a, b bytes.Buffer
	if err := Write(&a, documenttest.Rich()); err != nil {
		t.Fatal(err)
	}
	if err := Write(&b, documenttest.Rich()); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two writes of the same document differ")
	}
}

func TestEveryPartIsWellFormedXML(t *testing.T) {
	xmllint, _ := exec.LookPath("xmllint")
	for name, d := range map[string]*document.Document{"rich": documenttest.Rich(), "sample": documenttest.SamplePlan(), "congvan": documenttest.CongVan()} {
		for part, b := range parts(t, d) {
			dec := xml.NewDecoder(bytes.NewReader(b))
			for {
				_, err := dec.Token()
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatalf("%s %s: %v", name, part, err)
				}
			}
			if xmllint == "" {
				continue
			}
			cmd := exec.Command(xmllint, "--noout", "-")
			cmd.Stdin = bytes.NewReader(b)
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Errorf("xmllint %s %s: %v\n%s", name, part, err, out)
			}
		}
	}
}

func TestControlCharactersNeverBreakTheXML(t *testing.T) {
	d := documenttest.CongVan()
	d.Body = append(d.Body, document.Block{Kind: document.KindParagraph, Runs: document.Plain("pasted \x01\x0b text & <tags>")})
	p := paragraph(t, written(t, d), "pasted")
	if got := p.text(); !strings.Contains(got, "text & <tags>") {
		t.Errorf("text = %q", got)
	}
}

func TestDocumentAndStylesMatchGoldenFiles(t *testing.T) {
	ps := parts(t, documenttest.Rich())
	for _, name := range []string{"word/document.xml", "word/styles.xml"} {
		// One element per line, so that a diff shows what changed.
		got := strings.ReplaceAll(string(ps[name]), "><", ">\n<") + "\n"
		golden := filepath.Join("testdata", "rich-"+filepath.Base(name)+".golden")
		if updating() {
			if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test -update to create it)", err)
		}
		if got != string(want) {
			gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
			for i := range min(len(gl), len(wl)) {
				if gl[i] != wl[i] {
					t.Fatalf("%s differs from %s at line %d:\n got %s\nwant %s\n(run go test -update if the change is intended)", name, golden, i+1, gl[i], wl[i])
				}
			}
			t.Fatalf("%s differs from %s in length (run go test -update if the change is intended)", name, golden)
		}
	}
}

func TestPagesAreA4WithDecree30Margins(t *testing.T) {
	b := written(t, documenttest.SamplePlan())
	s := b.child("sectPr")
	sz, mar := s.child("pgSz"), s.child("pgMar")
	if sz.attr("w") != "11906" || sz.attr("h") != "16838" || sz.attr("orient") != "" {
		t.Errorf("page %s×%s %s, want A4 portrait 11906×16838", sz.attr("w"), sz.attr("h"), sz.attr("orient"))
	}
	mm := func(name string) float64 { return float64(atoi(t, mar.attr(name))) * 25.4 / 1440 }
	for _, c := range []struct {
		name     string
		min, max float64
	}{{"top", 20, 25}, {"bottom", 20, 25}, {"left", 30, 35}, {"right", 15, 20}} {
		if v := mm(c.name); v < c.min || v > c.max {
			t.Errorf("%s margin %.1f mm, Decree 30 allows %v–%v", c.name, v, c.min, c.max)
		}
	}
	if h := mm("header"); h <= 0 || h >= mm("top") {
		t.Errorf("header distance %.1f mm should sit inside the %.1f mm top margin", h, mm("top"))
	}
	if f := mm("footer"); f <= 0 || f >= mm("bottom") {
		t.Errorf("footer distance %.1f mm should sit inside the bottom margin", f)
	}
}

func TestStylesSetTimesNewRoman14ptJustifiedBody(t *testing.T) {
	st := parse(t, parts(t, documenttest.SamplePlan())["word/styles.xml"])
	rpr := st.get("docDefaults", "rPrDefault", "rPr")
	if f := rpr.child("rFonts"); f.attr("ascii") != "Times New Roman" || f.attr("hAnsi") != "Times New Roman" || f.attr("cs") != "Times New Roman" {
		t.Errorf("default fonts %v", f.Attrs)
	}
	if sz := rpr.child("sz").attr("val"); sz != "28" {
		t.Errorf("default size %s half-points, want 28 (14 pt)", sz)
	}
	var normal *xnode
	for _, s := range st.all("style") {
		if s.attr("styleId") == "Normal" {
			normal = s
		}
	}
	ppr := normal.child("pPr")
	if jc := ppr.child("jc").attr("val"); jc != "both" {
		t.Errorf("body alignment %q, want both (justified)", jc)
	}
	if in := atoi(t, ppr.child("ind").attr("firstLine")); in < 567 || in > 720 {
		t.Errorf("first-line indent %d twips, want 1–1.27 cm (567–720)", in)
	}
	sp := ppr.child("spacing")
	if after := atoi(t, sp.attr("after")); after < 120 {
		t.Errorf("space after %d twips, want at least 6 pt (120)", after)
	}
	if line := atoi(t, sp.attr("line")); sp.attr("lineRule") != "auto" || line < 240 || line > 360 {
		t.Errorf("line spacing %d %s, want single to 1.5 (240–360 auto)", line, sp.attr("lineRule"))
	}
}

func TestFirstPageHeaderIsABorderlessTwoColumnTable(t *testing.T) {
	tbl := written(t, documenttest.SamplePlan()).child("tbl")
	if tbl == nil {
		t.Fatal("the body does not start with the header table")
	}
	for _, side := range tbl.get("tblPr", "tblBorders").Kids {
		if v := side.attr("val"); v != "nil" && v != "none" {
			t.Errorf("header table border %s is %q", side.XMLName.Local, v)
		}
	}
	if n := len(tbl.child("tblGrid").Kids); n != 2 {
		t.Errorf("header table has %d columns", n)
	}
	cells := tbl.all("tc")
	if !strings.Contains(cells[0].text(), "SỞ KHOA HỌC VÀ CÔNG NGHỆ") || !strings.Contains(cells[1].text(), document.NationalTitle) {
		t.Errorf("first row: %q | %q", cells[0].text(), cells[1].text())
	}
	if got := cells[2].text(); got != "Số: /KH-SKHCN" {
		t.Errorf("number line %q, want a draft's \"Số: /KH-SKHCN\"", got)
	}
	if got := cells[3].text(); got != "Cần Thơ, ngày      tháng 01 năm 2024" {
		t.Errorf("place and date %q", got)
	}
}

func TestHeaderLinesHaveTheirDecree30SizesAndEmphasis(t *testing.T) {
	b := written(t, documenttest.SamplePlan())
	for _, c := range []struct {
		text         string
		bold, italic bool
		minSz, maxSz int // half-points; 0 means the style's 13 pt
	}{
		{"UBND THÀNH PHỐ CẦN THƠ", false, false, 0, 0},
		{"SỞ KHOA HỌC VÀ CÔNG NGHỆ", true, false, 0, 0},
		{document.NationalTitle, true, false, 24, 26},
		{document.NationalMotto, true, false, 26, 28},
		{"Cần Thơ, ngày", false, true, 26, 28},
		{"KẾ HOẠCH", true, false, 0, 0},
		{"Công tác thông tin, tuyên truyền cải cách hành chính năm 2024", true, false, 0, 0},
	} {
		bold, italic, size := runProps(paragraph(t, b, c.text))
		if bold != c.bold || italic != c.italic {
			t.Errorf("%q: bold %v italic %v, want %v %v", c.text, bold, italic, c.bold, c.italic)
		}
		if c.minSz > 0 && (size < c.minSz || size > c.maxSz) {
			t.Errorf("%q: size %d half-points, want %d–%d", c.text, size, c.minSz, c.maxSz)
		}
	}
	if style := paragraph(t, b, "KẾ HOẠCH").get("pPr", "pStyle").attr("val"); style != styleTitle {
		t.Errorf("type name in style %q", style)
	}
}

// ruleWidth is the length of the rule paragraph following the paragraph with text s.
func ruleWidth(t *testing.T, cell *xnode, s string, avail int) int {
	t.Helper()
	ps := cell.all("p")
	for i, p := range ps {
		if strings.Contains(p.text(), s) && i+1 < len(ps) {
			r := ps[i+1].child("pPr")
			if r.get("pBdr", "bottom").attr("val") != "single" {
				t.Fatalf("no rule under %q", s)
			}
			ind := r.child("ind")
			return avail - atoi(t, ind.attr("left")) - atoi(t, ind.attr("right"))
		}
	}
	t.Fatalf("no paragraph %q", s)
	return 0
}

func TestRulesAreShortUnderIssuerAndSummaryAndSpanTheMotto(t *testing.T) {
	d := documenttest.SamplePlan()
	b := written(t, d)
	h := layout.HeaderOf(d)
	cells := b.child("tbl").all("tc")
	measure := func(style fonts.Style, s string, size float64) int { return layout.Twips(fonts.Points(style, s, size)) }

	issuer := measure(fonts.Bold, d.IssuingBody, layout.HeaderSize)
	if w := ruleWidth(t, cells[0], d.IssuingBody, h.Left-2*layout.HeaderPad); 3*w < issuer-3 || 2*w > issuer+3 {
		t.Errorf("issuer rule %d twips under a %d-twip name, want a third to a half", w, issuer)
	}
	motto := measure(fonts.Bold, document.NationalMotto, layout.BodySize)
	if w := ruleWidth(t, cells[1], document.NationalMotto, h.Right-2*layout.HeaderPad); w < motto-3 || w > motto+3 {
		t.Errorf("motto rule %d twips under a %d-twip motto, want as long", w, motto)
	}
	summary := measure(fonts.Bold, d.Summary, layout.BodySize)
	if w := ruleWidth(t, b, d.Summary, layout.TextWidth(false)); 3*w < summary-3 || 2*w > summary+3 {
		t.Errorf("summary rule %d twips under a %d-twip summary, want a third to a half", w, summary)
	}
}

func TestPageNumbersStartOnPageTwo(t *testing.T) {
	ps := parts(t, documenttest.SamplePlan())
	s := parse(t, ps["word/document.xml"]).get("body", "sectPr")
	if !s.has("titlePg") {
		t.Error("the section has no distinct first page (w:titlePg)")
	}
	rels := parse(t, ps["word/_rels/document.xml.rels"])
	target := map[string]string{}
	for _, r := range rels.Kids {
		target[r.attr("Id")] = "word/" + r.attr("Target")
	}
	refs := map[string]string{}
	for _, h := range s.all("headerReference") {
		refs[h.attr("type")] = target[h.attr("id")]
	}
	def, first := ps[refs["default"]], ps[refs["first"]]
	if def == nil || first == nil {
		t.Fatalf("header references %v do not resolve", refs)
	}
	hdr := parse(t, def)
	instr := hdr.all("instrText")
	if len(instr) != 1 || strings.TrimSpace(instr[0].Text) != "PAGE" {
		t.Error("the default header has no PAGE field")
	}
	if jc := hdr.get("p", "pPr", "pStyle").attr("val"); jc != "Header" {
		t.Errorf("page number paragraph style %q", jc)
	}
	if f := parse(t, first); len(f.all("instrText")) != 0 || f.text() != "" {
		t.Error("the first-page header is not empty")
	}
}

// dataTable is the first ruled table of the body.
func dataTable(t *testing.T, b *xnode) *xnode {
	t.Helper()
	for _, tbl := range b.all("tbl") {
		if tbl.get("tblPr", "tblStyle").attr("val") == styleTable {
			return tbl
		}
	}
	t.Fatal("no ruled table")
	return nil
}

func TestHeaderRowsRepeatOnEveryPage(t *testing.T) {
	tbl := dataTable(t, written(t, documenttest.Rich()))
	rows := tbl.all("tr")
	for i, r := range rows {
		repeat := r.get("trPr", "tblHeader") != nil
		if repeat != (i < 2) {
			t.Errorf("row %d: tblHeader %v", i, repeat)
		}
	}
	for _, side := range tbl.get("tblPr", "tblBorders").Kids {
		if side.attr("val") != "single" {
			t.Errorf("data table border %s is %q", side.XMLName.Local, side.attr("val"))
		}
	}
}

func TestMergedCellsBecomeGridSpanAndVMerge(t *testing.T) {
	tbl := dataTable(t, written(t, documenttest.Rich()))
	rows := tbl.all("tr")
	describe := func(r *xnode) string {
		var s []string
		for _, c := range r.all("tc") {
			d := "c"
			if g := c.get("tcPr", "gridSpan"); g != nil {
				d += "span" + g.attr("val")
			}
			if v := c.get("tcPr", "vMerge"); v != nil {
				d += "v" + v.attr("val")
			}
			s = append(s, d)
		}
		return strings.Join(s, " ")
	}
	want := []string{
		"cvrestart cvrestart cvrestart cspan2",
		"cv cv cv c c",
		"c c cvrestart c c",
		"c c cv c c",
		"c c c c c",
		"cspan3 c c",
	}
	for i, r := range rows {
		if got := describe(r); got != want[i] {
			t.Errorf("row %d: %s, want %s", i, got, want[i])
		}
	}
	grid := 0
	for _, g := range tbl.child("tblGrid").Kids {
		grid += atoi(t, g.attr("w"))
	}
	if grid != layout.TextWidth(false) {
		t.Errorf("columns add up to %d twips, want the text width %d", grid, layout.TextWidth(false))
	}
}

func TestTotalsRowIsBold(t *testing.T) {
	rows := dataTable(t, written(t, documenttest.Rich())).all("tr")
	for _, c := range rows[len(rows)-1].all("tc") {
		for _, p := range c.all("p") {
			if bold, _, _ := runProps(p); !bold {
				t.Errorf("totals cell %q is not bold", p.text())
			}
		}
	}
}

func TestNoTableCellIsEmpty(t *testing.T) {
	malformed := &document.Table{
		HeaderRows: 1,
		Rows: [][]document.Cell{
			{document.TextCell("A"), {ColSpan: 5}, {Covered: true}},
			{{Covered: true}, {RowSpan: 9}},
			{document.TextCell("short row")},
		},
	}
	rich := documenttest.Rich()
	rich.Body = append(rich.Body, document.Block{Kind: document.KindTable, Table: malformed},
		document.Block{Kind: document.KindTable, Table: &document.Table{}})
	for name, d := range map[string]*document.Document{"rich": rich, "sample": documenttest.SamplePlan(), "report": documenttest.Report()} {
		b := written(t, d)
		for _, tbl := range b.all("tbl") {
			cols := len(tbl.child("tblGrid").Kids)
			for i, r := range tbl.all("tr") {
				span := 0
				for _, c := range r.all("tc") {
					if len(c.all("p")) == 0 {
						t.Errorf("%s: a w:tc without a paragraph in row %d", name, i)
					}
					span++
					if g := c.get("tcPr", "gridSpan"); g != nil {
						span += atoi(t, g.attr("val")) - 1
					}
				}
				if span != cols {
					t.Errorf("%s: row %d covers %d of %d grid columns", name, i, span, cols)
				}
			}
		}
	}
}

func TestItemLabelsAreTextNotAutoNumbering(t *testing.T) {
	ps := parts(t, documenttest.Rich())
	if bytes.Contains(ps["word/document.xml"], []byte("numPr")) {
		t.Error("document.xml uses Word numbering")
	}
	b := written(t, documenttest.Rich())
	for label, style := range map[string]string{"I. KẾT QUẢ": "Heading1", "1. Công tác": "Heading2", "đ) Tuyên truyền": "Heading3"} {
		p := paragraph(t, b, label)
		if got := p.get("pPr", "pStyle").attr("val"); got != style {
			t.Errorf("%q in style %q, want %q", label, got, style)
		}
		bold, _, _ := runProps(p)
		if bold != (style != "Heading3") {
			t.Errorf("%q bold %v", label, bold)
		}
	}
	if got := paragraph(t, b, "Trang Zalo").text(); got != "- Trang Zalo chính thức: 24 tin;" {
		t.Errorf("bullet %q", got)
	}
	if got := paragraph(t, b, "video ngắn").text(); !strings.HasPrefix(got, "+ ") {
		t.Errorf("second-level bullet %q", got)
	}
}

func TestStyledRunsKeepTheirBoldAndItalic(t *testing.T) {
	p := paragraph(t, written(t, documenttest.Rich()), "Sở đã ban hành")
	var got []string
	for _, r := range p.all("r") {
		rp := r.child("rPr")
		got = append(got, strconv.FormatBool(rp.has("b"))+"/"+strconv.FormatBool(rp.has("i")))
	}
	want := "false/false true/false false/false false/true false/false"
	if strings.Join(got, " ") != want {
		t.Errorf("runs bold/italic %v, want %s", got, want)
	}
}

func TestLegalBasesAreItalicOnePerParagraph(t *testing.T) {
	d := documenttest.Rich()
	b := written(t, d)
	for _, lb := range d.LegalBases {
		p := paragraph(t, b, lb)
		if p.text() != lb {
			t.Errorf("legal basis shares its paragraph: %q", p.text())
		}
		if _, italic, _ := runProps(p); !italic {
			t.Errorf("legal basis not italic: %q", lb)
		}
	}
}

// signatureTable is the last borderless table: recipients and signer.
func signatureTable(t *testing.T, b *xnode) *xnode {
	t.Helper()
	var last *xnode
	for _, tbl := range b.all("tbl") {
		if tbl.get("tblPr", "tblBorders", "top").attr("val") == "nil" {
			last = tbl
		}
	}
	if last == nil {
		t.Fatal("no signature table")
	}
	return last
}

func TestRecipientsEndWithSemicolonsAndTheLastWithAFullStop(t *testing.T) {
	b := written(t, documenttest.SamplePlan())
	left := signatureTable(t, b).all("tc")[0]
	var lines []string
	for _, p := range left.all("p") {
		lines = append(lines, p.text())
	}
	want := []string{"Nơi nhận:", "- Sở Thông tin và Truyền thông;", "- Sở Nội vụ;", "- BGĐ Sở KH&CN;", "- Các phòng, đơn vị trực thuộc Sở;", "- Lưu: VT."}
	if strings.Join(lines, "|") != strings.Join(want, "|") {
		t.Errorf("recipients\n%q\nwant\n%q", lines, want)
	}
	if bold, italic, size := runProps(left.all("p")[0]); !bold || !italic || size != 24 {
		t.Errorf("\"Nơi nhận:\" bold %v italic %v size %d, want bold italic 12 pt", bold, italic, size)
	}
	if _, _, size := runProps(left.all("p")[1]); size != 22 {
		t.Errorf("recipient size %d half-points, want 22 (11 pt)", size)
	}
}

func TestSignerBlockIsUpperCaseBoldWithRoomToSign(t *testing.T) {
	d := documenttest.Rich()
	b := written(t, d)
	right := signatureTable(t, b).all("tc")[1].all("p")
	var texts []string
	for _, p := range right {
		texts = append(texts, p.text())
		if bold, _, _ := runProps(p); !bold {
			t.Errorf("signer line %q is not bold", p.text())
		}
	}
	if strings.Join(texts, "|") != "KT. GIÁM ĐỐC|PHÓ GIÁM ĐỐC|Trần Thị Bích Ngọc" {
		t.Errorf("signer block %q", texts)
	}
	if before := atoi(t, right[2].get("pPr", "spacing").attr("before")); before < 1000 {
		t.Errorf("only %d twips to sign in", before)
	}
}

func TestCongVanPutsItsSummaryUnderTheNumber(t *testing.T) {
	b := written(t, documenttest.CongVan())
	left := b.child("tbl").all("tr")[1].all("tc")[0].all("p")
	if len(left) != 2 || left[0].text() != "Số: 05/SKHCN-VP" || !strings.HasPrefix(left[1].text(), "V/v ") {
		t.Fatalf("number cell of a công văn: %d paragraphs", len(left))
	}
	for _, p := range b.all("p") {
		if p.get("pPr", "pStyle").attr("val") == styleTitle {
			t.Errorf("a công văn has a title paragraph %q", p.text())
		}
	}
	if got := paragraph(t, b, "Kính gửi").text(); got != "Kính gửi: Các phòng, đơn vị trực thuộc Sở." {
		t.Errorf("single addressee line %q", got)
	}
}

func TestSeveralAddresseesAreListedUnderKinhGui(t *testing.T) {
	b := written(t, documenttest.Rich())
	if got := paragraph(t, b, "Kính gửi").text(); got != "Kính gửi:\t- Ủy ban nhân dân thành phố Cần Thơ;" {
		t.Errorf("first addressee line %q", got)
	}
	if got := paragraph(t, b, "Sở Nội vụ thành phố").text(); got != "- Sở Nội vụ thành phố Cần Thơ." {
		t.Errorf("last addressee line %q", got)
	}
}

func TestAnnexesStartNewSectionsLandscapeWhenAsked(t *testing.T) {
	b := written(t, documenttest.Rich())
	var sections []*xnode
	for _, p := range b.all("pPr") {
		if s := p.child("sectPr"); s != nil {
			sections = append(sections, s)
		}
	}
	sections = append(sections, b.child("sectPr"))
	if len(sections) != 3 {
		t.Fatalf("%d sections, want the main one and one per annex", len(sections))
	}
	for i, want := range []string{"portrait", "landscape", "portrait"} {
		sz := sections[i].child("pgSz")
		got := "portrait"
		if sz.attr("orient") == "landscape" && sz.attr("w") == "16838" && sz.attr("h") == "11906" {
			got = "landscape"
		}
		if got != want {
			t.Errorf("section %d is %s, want %s", i, got, want)
		}
		if tp := sections[i].get("type").attr("val"); tp != "nextPage" {
			t.Errorf("section %d starts %q, want on a new page", i, tp)
		}
	}
	if !strings.Contains(paragraph(t, b, "Kèm theo").text(), "(Kèm theo Báo cáo số 12/BC-SKHCN ngày 05 tháng 01 năm 2024)") {
		t.Error("annex does not say which document it goes with")
	}
}

func TestPackageListsEveryPartWithItsContentType(t *testing.T) {
	ps := parts(t, documenttest.Rich())
	ct := parse(t, ps["[Content_Types].xml"])
	overrides := map[string]bool{}
	for _, o := range ct.all("Override") {
		overrides[strings.TrimPrefix(o.attr("PartName"), "/")] = true
	}
	for name := range ps {
		if strings.HasSuffix(name, ".rels") || name == "[Content_Types].xml" {
			continue
		}
		if !overrides[name] {
			t.Errorf("%s has no content type", name)
		}
	}
	for _, rels := range []string{"_rels/.rels", "word/_rels/document.xml.rels"} {
		base := strings.TrimSuffix(strings.TrimSuffix(rels, "_rels/.rels"), "_rels/document.xml.rels")
		for _, r := range parse(t, ps[rels]).Kids {
			if ps[base+r.attr("Target")] == nil {
				t.Errorf("%s points at missing %s", rels, r.attr("Target"))
			}
		}
	}
}
