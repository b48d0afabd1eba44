package html

import (
	"bytes"
	"regexp"
	"slices"
	"strings"
	"testing"

	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"loa/internal/document"
	"loa/internal/document/documenttest"
)

// render writes d and parses the fragment back as a browser would.
func render(t *testing.T, d *document.Document) (string, []*xhtml.Node) {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, d); err != nil {
		t.Fatal(err)
	}
	body := &xhtml.Node{Type: xhtml.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := xhtml.ParseFragment(strings.NewReader(b.String()), body)
	if err != nil {
		t.Fatal(err)
	}
	return b.String(), nodes
}

// all lists the elements under roots, in document order, that match.
func all(roots []*xhtml.Node, match func(*xhtml.Node) bool) []*xhtml.Node {
	var out []*xhtml.Node
	var walk func(n *xhtml.Node)
	walk = func(n *xhtml.Node) {
		if n.Type == xhtml.ElementNode && match(n) {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, r := range roots {
		walk(r)
	}
	return out
}

func tag(name string) func(*xhtml.Node) bool {
	return func(n *xhtml.Node) bool { return n.Data == name }
}

func attr(n *xhtml.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasClass(n *xhtml.Node, class string) bool {
	return slices.Contains(strings.Fields(attr(n, "class")), class)
}

func text(n *xhtml.Node) string {
	if n.Type == xhtml.TextNode {
		return n.Data
	}
	var s strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		s.WriteString(text(c))
	}
	return s.String()
}

// texts is the text of every paragraph-like element.
func texts(roots []*xhtml.Node) []string {
	var out []string
	for _, n := range all(roots, func(n *xhtml.Node) bool {
		return n.Data == "p" || (len(n.Data) == 2 && n.Data[0] == 'h')
	}) {
		out = append(out, text(n))
	}
	return out
}

func TestSamplePlanRendersAsADecree30Page(t *testing.T) {
	_, nodes := render(t, documenttest.SamplePlan())
	if len(nodes) != 1 || !hasClass(nodes[0], "doc") {
		t.Fatalf("want one <div class=\"doc\"> at the root, got %d nodes", len(nodes))
	}
	if pages := all(nodes, func(n *xhtml.Node) bool { return hasClass(n, "doc-page") }); len(pages) != 1 {
		t.Errorf("a plan without annexes should be one sheet, got %d", len(pages))
	}
	got := texts(nodes)
	for _, want := range []string{
		"UBND THÀNH PHỐ CẦN THƠ",
		"SỞ KHOA HỌC VÀ CÔNG NGHỆ",
		document.NationalTitle,
		document.NationalMotto,
		"Số: /KH-SKHCN",
		"Cần Thơ, ngày      tháng 01 năm 2024", // a draft: the day stays blank
		"KẾ HOẠCH",
		"Công tác thông tin, tuyên truyền cải cách hành chính năm 2024",
		"I. MỤC ĐÍCH, YÊU CẦU",
		"đ) Tăng cường lực lượng tham gia công tác tuyên truyền; kết hợp hình thức tuyên truyền truyền thống với ứng dụng công nghệ thông tin vào hoạt động tuyên truyền nhằm mang lại hiệu quả cao nhất.",
		"Nơi nhận:",
		"- Sở Nội vụ;",
		"- Lưu: VT.",
		"GIÁM ĐỐC",
		"Ngô Anh Tín",
	} {
		if !slices.Contains(got, want) {
			t.Errorf("no element reads %q", want)
		}
	}
	legal := all(nodes, func(n *xhtml.Node) bool {
		return strings.HasPrefix(text(n), "Căn cứ Kế hoạch số 246") && n.Data == "p"
	})
	if len(legal) != 1 || !hasClass(legal[0], "doc-i") {
		t.Error("the legal basis should be one italic paragraph")
	}
	if h := all(nodes, func(n *xhtml.Node) bool { return text(n) == "I. MỤC ĐÍCH, YÊU CẦU" }); len(h) == 0 || h[0].Data != "h2" || !hasClass(h[0], "doc-b") {
		t.Error("a Roman heading should be a bold h2")
	}

	tables := all(nodes, tag("table"))
	if len(tables) != 1 {
		t.Fatalf("want the activity table, got %d tables", len(tables))
	}
	tbl := []*xhtml.Node{tables[0]}
	if cols := all(tbl, tag("col")); len(cols) != 5 || attr(cols[0], "class") != "w-6" || attr(cols[3], "class") != "w-30" {
		t.Errorf("want five columns sized 6 %% … 30 %% …, got %d", len(cols))
	}
	thead := all(tbl, tag("thead"))
	if len(thead) != 1 {
		t.Fatal("the header row should be in a thead")
	}
	var heads []string
	for _, th := range all(thead, tag("th")) {
		heads = append(heads, text(th))
	}
	if want := []string{"TT", "Hình thức tuyên truyền", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian thực hiện"}; !slices.Equal(heads, want) {
		t.Errorf("header cells %q, want %q", heads, want)
	}
	if rows := all(all(tbl, tag("tbody")), tag("tr")); len(rows) != 6 {
		t.Errorf("want the six activities in the body, got %d rows", len(rows))
	}
	units := all(tbl, func(n *xhtml.Node) bool {
		return n.Data == "p" && text(n) == "- Vườn ươm công nghệ công nghiệp Việt Nam - Hàn Quốc"
	})
	if len(units) != 3 {
		t.Errorf("each coordinating unit should be a line of its own, found the last one %d times", len(units))
	}
}

func TestMergedCellsBecomeColspanAndRowspanAndCoveredCellsAreLeftOut(t *testing.T) {
	_, nodes := render(t, documenttest.Rich())
	tbl := all(nodes, tag("table"))[:1]
	rows := all(tbl, tag("tr"))
	type cell struct {
		text             string
		colspan, rowspan string
	}
	var got [][]cell
	for _, r := range rows {
		var cs []cell
		for _, c := range all([]*xhtml.Node{r}, func(n *xhtml.Node) bool { return n.Data == "td" || n.Data == "th" }) {
			cs = append(cs, cell{text(c), attr(c, "colspan"), attr(c, "rowspan")})
		}
		got = append(got, cs)
	}
	want := [][]cell{
		{{"TT", "", "2"}, {"Hoạt động", "", "2"}, {"Đơn vị chủ trì", "", "2"}, {"Kết quả", "2", ""}},
		{{"Kế hoạch", "", ""}, {"Thực hiện", "", ""}},
		{{"1", "", ""}, {"Đăng tin trên Trang thông tin điện tử", "", ""}, {"Văn phòng Sở", "", "2"}, {"12", "", ""}, {"15", "", ""}},
		{{"2", "", ""}, {"Phát tờ gấp(do Sở Thông tin và Truyền thông cung cấp)", "", ""}, {"500", "", ""}, {"450", "", ""}},
		{{"3", "", ""}, {"Hội nghị lồng ghép", "", ""}, {"", "", ""}, {"4", "", ""}, {"4", "", ""}},
		{{"Tổng cộng", "3", ""}, {"516", "", ""}, {"469", "", ""}},
	}
	if !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("rows\n got %q\nwant %q", got, want)
	}
	if n := len(all(all(tbl, tag("thead")), tag("th"))); n != 6 {
		t.Errorf("both header rows should be header cells in the thead, got %d th", n)
	}
	if !hasClass(rows[len(rows)-1], "doc-total") {
		t.Error("the totals row should be marked bold")
	}
	if right := all(rows[2:3], func(n *xhtml.Node) bool { return n.Data == "td" && text(n) == "12" }); len(right) != 1 || !hasClass(right[0], "doc-al-right") {
		t.Error("a right-aligned figure should keep its alignment")
	}
}

func TestARowspanFromTheHeaderKeepsTheRowsItReachesInTheHead(t *testing.T) {
	merged := document.TextCell("Đơn vị")
	merged.RowSpan = 2
	d := &document.Document{IssuingBody: "SỞ NỘI VỤ", Body: []document.Block{{Kind: document.KindTable, Table: &document.Table{
		HeaderRows: 1,
		Rows: [][]document.Cell{
			{merged, document.TextCell("Kết quả")},
			{{Covered: true}, document.TextCell("Quý I")},
			{document.TextCell("Văn phòng"), document.TextCell("3")},
		},
	}}}}
	_, nodes := render(t, d)
	head := all(nodes, tag("thead"))
	if n := len(all(head, tag("tr"))); n != 2 {
		t.Fatalf("a rowspan cannot cross from thead into tbody: want 2 rows in the head, got %d", n)
	}
	if n := len(all(head, tag("th"))); n != 2 {
		t.Errorf("only the declared header row is header cells, got %d th", n)
	}
	if n := len(all(all(nodes, tag("tbody")), tag("tr"))); n != 1 {
		t.Errorf("want one body row, got %d", n)
	}
}

func TestTextFromTheModelIsEscaped(t *testing.T) {
	const evil = `<script>alert("x")</script>&<b onclick='y'>`
	cell := document.TextCell(evil)
	d := &document.Document{
		ParentBody: evil, IssuingBody: evil, Number: evil, Symbol: evil, Place: evil,
		TypeName: evil, Summary: evil, KinhGui: []string{evil, evil}, LegalBases: []string{evil},
		Body: []document.Block{
			{Kind: document.KindHeading, Level: 1, Label: evil, Runs: document.Plain(evil)},
			{Kind: document.KindParagraph, Runs: []document.Run{{Text: evil, Bold: true}, {Text: evil, Italic: true}}},
			{Kind: document.KindBullet, Runs: document.Plain(evil)},
			{Kind: document.KindTable, Table: &document.Table{HeaderRows: 1, Rows: [][]document.Cell{{cell}, {cell}}}},
		},
		Signer:     document.Signer{Authority: evil, Title: evil, Name: evil},
		Recipients: []string{evil},
		Annexes:    []document.Annex{{Title: evil, Subtitle: evil, Body: []document.Block{{Kind: document.KindParagraph, Runs: document.Plain(evil)}}}},
	}
	out, nodes := render(t, d)
	if strings.Contains(strings.ToLower(out), "<script") {
		t.Fatalf("markup from the model reached the output:\n%s", out)
	}
	if !strings.Contains(out, "&lt;script&gt;") {
		t.Error("the text should be kept, escaped")
	}
	if n := len(all(nodes, func(n *xhtml.Node) bool { return n.Data == "script" || attr(n, "onclick") != "" })); n != 0 {
		t.Errorf("the parsed fragment has %d script elements or handlers", n)
	}
	if n := strings.Count(strings.Join(texts(nodes), "\n"), "<script>"); n < 20 {
		t.Errorf("want every field printed as text, found %d", n)
	}
}

func TestNoElementHasAStyleAttribute(t *testing.T) {
	for name, d := range map[string]*document.Document{
		"sample": documenttest.SamplePlan(), "rich": documenttest.Rich(), "công văn": documenttest.CongVan(),
	} {
		out, nodes := render(t, d)
		styled := all(nodes, func(n *xhtml.Node) bool {
			return slices.ContainsFunc(n.Attr, func(a xhtml.Attribute) bool { return a.Key == "style" })
		})
		if len(styled) > 0 || strings.Contains(out, "style=") {
			t.Errorf("%s: %d elements with a style attribute; the preview's CSP forbids them", name, len(styled))
		}
	}
}

func TestEveryClassTheWriterUsesHasARule(t *testing.T) {
	styled := map[string]bool{}
	for _, m := range regexp.MustCompile(`\.([a-z][a-z0-9-]*)`).FindAllStringSubmatch(string(assetFiles()["document.css"].body), -1) {
		styled[m[1]] = true
	}
	for _, d := range []*document.Document{documenttest.SamplePlan(), documenttest.Rich(), documenttest.CongVan()} {
		_, nodes := render(t, d)
		for _, n := range all(nodes, func(*xhtml.Node) bool { return true }) {
			for _, c := range strings.Fields(attr(n, "class")) {
				if !styled[c] {
					t.Errorf("class %q on <%s> has no rule in document.css", c, n.Data)
				}
			}
		}
	}
}

func TestAnnexesGetSheetsOfTheirOwnTurnedWhenLandscape(t *testing.T) {
	_, nodes := render(t, documenttest.Rich())
	pages := all(nodes, func(n *xhtml.Node) bool { return hasClass(n, "doc-page") })
	if len(pages) != 3 {
		t.Fatalf("want the report and its two annexes, got %d sheets", len(pages))
	}
	if !hasClass(pages[1], "doc-landscape") || hasClass(pages[2], "doc-landscape") {
		t.Error("only the first annex is landscape")
	}
	if got := texts(pages[1:2]); !slices.Contains(got, "(Kèm theo Báo cáo số 12/BC-SKHCN ngày 05 tháng 01 năm 2024)") {
		t.Errorf("the annex should name the report it goes with, got %q", got)
	}
}

func TestSeveralAddresseesAreAListAndOneIsALine(t *testing.T) {
	_, nodes := render(t, documenttest.Rich())
	if got := texts(all(nodes, func(n *xhtml.Node) bool { return hasClass(n, "doc-kg") })); !slices.Equal(got,
		[]string{"Kính gửi:", "- Ủy ban nhân dân thành phố Cần Thơ;", "- Sở Nội vụ thành phố Cần Thơ."}) {
		t.Errorf("got %q", got)
	}
	_, nodes = render(t, documenttest.CongVan())
	if got := texts(all(nodes, func(n *xhtml.Node) bool { return hasClass(n, "doc-kg1") })); !slices.Equal(got,
		[]string{"Kính gửi: Các phòng, đơn vị trực thuộc Sở."}) {
		t.Errorf("got %q", got)
	}
	if got := texts(all(nodes, func(n *xhtml.Node) bool { return hasClass(n, "doc-vv") })); len(got) != 1 || !strings.HasPrefix(got[0], "V/v ") {
		t.Errorf("a công văn's summary goes under its number, got %q", got)
	}
}

func TestColumnSharesAreWholePercentsThatFillTheTable(t *testing.T) {
	for _, c := range []struct {
		in   []float64
		want []int
	}{
		{[]float64{6, 24, 19, 30, 21}, []int{6, 24, 19, 30, 21}},
		{[]float64{100.0 / 3, 100.0 / 3, 100.0 / 3}, []int{34, 33, 33}},
		{[]float64{0.2, 99.8}, []int{1, 99}},
		{[]float64{100.0 / 7, 500.0 / 7, 100.0 / 7}, []int{14, 72, 14}},
	} {
		if got := percents(c.in); !slices.Equal(got, c.want) {
			t.Errorf("percents(%v) = %v, want %v", c.in, got, c.want)
		}
	}
	if percents(make([]float64, 101)) != nil {
		t.Error("more columns than percents should leave the widths to the browser")
	}
}
