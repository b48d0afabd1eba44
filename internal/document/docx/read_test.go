package docx

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode/utf16"

	"loa/internal/document"
	"loa/internal/document/recognise/recognisetest"
)

// A .docx is built by hand here, part by part, so that each test shows the XML a
// feature of the reader answers to.

const wNS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`

// zipOf packs parts into a zip archive, in name order.
func zipOf(t testing.TB, parts map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	names := make([]string, 0, len(parts))
	for n := range parts {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		w, err := zw.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(parts[n]))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// wordParts is a minimal package around a body; styles and numbering are optional.
func wordParts(body, styles, numbering string) map[string]string {
	p := map[string]string{
		"[Content_Types].xml": `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
		"_rels/.rels": `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
		"word/document.xml": `<?xml version="1.0" encoding="UTF-8"?><w:document ` + wNS + `><w:body>` + body + `</w:body></w:document>`,
	}
	if styles != "" {
		p["word/styles.xml"] = `<?xml version="1.0"?><w:styles ` + wNS + `>` + styles + `</w:styles>`
	}
	if numbering != "" {
		p["word/numbering.xml"] = `<?xml version="1.0"?><w:numbering ` + wNS + `>` + numbering + `</w:numbering>`
	}
	return p
}

func readParts(t *testing.T, parts map[string]string) *document.Document {
	t.Helper()
	b := zipOf(t, parts)
	d, err := Read(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// p is a paragraph of plain runs; r a run with optional properties.
func p(content string) string { return `<w:p>` + content + `</w:p>` }
func r(text string) string    { return `<w:r><w:t xml:space="preserve">` + text + `</w:t></w:r>` }
func rp(props, text string) string {
	return `<w:r><w:rPr>` + props + `</w:rPr><w:t xml:space="preserve">` + text + `</w:t></w:r>`
}
func numbered(num, lvl int, text string) string {
	return fmt.Sprintf(`<w:p><w:pPr><w:numPr><w:ilvl w:val="%d"/><w:numId w:val="%d"/></w:numPr></w:pPr>%s</w:p>`, lvl, num, r(text))
}

func blockTexts(d *document.Document) []string {
	var out []string
	for _, b := range d.Body {
		switch b.Kind {
		case document.KindTable:
			out = append(out, "[table]")
		case document.KindBullet:
			out = append(out, fmt.Sprintf("%s%d %s", "bullet", b.Level, document.Text(b.Runs)))
		default:
			out = append(out, strings.TrimSpace(b.Label+" "+document.Text(b.Runs)))
		}
	}
	return out
}

func TestTextInsideHyperlinksSmartTagsContentControlsAndInsertionsIsRead(t *testing.T) {
	body := p(r("Xem ")+`<w:hyperlink r:id="rId9">`+r("Cổng thông tin")+`</w:hyperlink>`+r(" của ")+
		`<w:smartTag w:element="place">`+r("Cần Thơ")+`</w:smartTag>`+r("; ")+
		`<w:sdt><w:sdtPr><w:alias w:val="Ngày"/><w:placeholder><w:docPart w:val="x"/></w:placeholder></w:sdtPr><w:sdtContent>`+r("năm 2024")+`</w:sdtContent></w:sdt>`+
		`<w:ins w:id="1" w:author="A">`+r(" đã sửa")+`</w:ins>`+
		`<w:del w:id="2" w:author="A"><w:r><w:delText>đã xóa</w:delText></w:r></w:del>`+
		rp(`<w:vanish/>`, " ẩn")+
		`<w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"><w:p><w:r><w:t>hình</w:t></w:r></w:p></wp:inline></w:drawing></w:r>`+r(".")) +
		`<w:sdt><w:sdtContent>` + p(r("Đoạn trong khối nội dung.")) + `</w:sdtContent></w:sdt>`
	d := readParts(t, wordParts(body, "", ""))
	want := []string{"Xem Cổng thông tin của Cần Thơ; năm 2024 đã sửa.", "Đoạn trong khối nội dung."}
	if got := blockTexts(d); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("got %q", got)
	}
}

func TestBoldAndItalicComeFromRunsCharacterStylesAndParagraphStylesBasedOnOthers(t *testing.T) {
	styles := `<w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="28"/></w:rPr></w:rPrDefault></w:docDefaults>` +
		`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>` +
		`<w:style w:type="paragraph" w:styleId="Base"><w:basedOn w:val="Normal"/><w:rPr><w:b/></w:rPr></w:style>` +
		`<w:style w:type="paragraph" w:styleId="Note"><w:basedOn w:val="Base"/><w:rPr><w:i/></w:rPr></w:style>` +
		`<w:style w:type="character" w:styleId="Strong"><w:rPr><w:b/></w:rPr></w:style>` +
		`<w:style w:type="character" w:styleId="Loop"><w:basedOn w:val="Loop"/></w:style>`
	body := p(r("Thường ")+rp(`<w:rStyle w:val="Strong"/>`, "đậm")+rp(`<w:i/>`, " nghiêng")+rp(`<w:rStyle w:val="Loop"/>`, " vòng")) +
		`<w:p><w:pPr><w:pStyle w:val="Note"/></w:pPr>` + r("Ghi chú ") + rp(`<w:b w:val="0"/>`, "không đậm") + `</w:p>`
	d := readParts(t, wordParts(body, styles, ""))
	// Runs are canonical: a space between two runs ends the earlier one.
	want := [][]document.Run{
		{{Text: "Thường "}, {Text: "đậm ", Bold: true}, {Text: "nghiêng ", Italic: true}, {Text: "vòng"}},
		{{Text: "Ghi chú ", Bold: true, Italic: true}, {Text: "không đậm", Italic: true}},
	}
	for i, w := range want {
		if got := d.Body[i].Runs; fmt.Sprint(got) != fmt.Sprint(w) {
			t.Errorf("paragraph %d runs %v, want %v", i, got, w)
		}
	}
}

func TestTabsAreSpacesAndLineBreaksStartNewLines(t *testing.T) {
	body := p(r("1.") + `<w:r><w:tab/></w:r>` + r("Mục đích") + `<w:r><w:br/></w:r>` + r("a)") + `<w:r><w:tab/><w:t>Nâng cao</w:t><w:cr/><w:t>hiểu biết</w:t></w:r>`)
	d := readParts(t, wordParts(body, "", ""))
	if len(d.Body) != 2 || d.Body[0].Label != "1." || d.Body[1].Label != "a)" || document.Text(d.Body[1].Runs) != "Nâng cao hiểu biết" {
		t.Fatalf("body %q", blockTexts(d))
	}
}

// header and footer as Word lays them out: borderless tables, a nested table in the
// left header cell, the signer on the right of the footer.
const noBorders = `<w:tblBorders><w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/><w:right w:val="nil"/><w:insideH w:val="nil"/><w:insideV w:val="nil"/></w:tblBorders>`

func tc(content string) string { return `<w:tc>` + content + `</w:tc>` }

var headerAndFooter = `<w:tbl><w:tblPr>` + noBorders + `</w:tblPr><w:tblGrid><w:gridCol w:w="4000"/><w:gridCol w:w="5000"/></w:tblGrid>` +
	`<w:tr>` + tc(`<w:tbl><w:tblPr>`+noBorders+`</w:tblPr><w:tr>`+tc(p(r("UBND THÀNH PHỐ CẦN THƠ"))+p(rp(`<w:b/>`, "SỞ KHOA HỌC VÀ CÔNG NGHỆ")))+`</w:tr></w:tbl>`+p("")) +
	tc(p(rp(`<w:b/>`, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))+p(rp(`<w:b/>`, "Độc lập - Tự do - Hạnh phúc"))+p(r("_______________"))) + `</w:tr>` +
	`<w:tr>` + tc(p(r("Số: 15/KH-SKHCN"))) + tc(p(rp(`<w:i/>`, "Cần Thơ, ngày 05 tháng 01 năm 2024"))) + `</w:tr></w:tbl>` +
	p(rp(`<w:b/>`, "KẾ HOẠCH")) + p(rp(`<w:b/>`, "Tuyên truyền cải cách hành chính năm 2024")) +
	p(rp(`<w:i/>`, "Căn cứ Kế hoạch số 246/KH-UBND ngày 14 tháng 12 năm 2023;")) +
	p(rp(`<w:b/>`, "I. MỤC ĐÍCH")) + p(r("Nâng cao nhận thức.")) +
	`<w:tbl><w:tblPr><w:tblStyle w:val="Plain"/></w:tblPr><w:tblGrid><w:gridCol w:w="4000"/><w:gridCol w:w="5000"/></w:tblGrid><w:tr>` +
	tc(p(rp(`<w:b/><w:i/>`, "Nơi nhận:"))+p(r("- Sở Nội vụ;"))+p(r("- Lưu: VT."))) +
	tc(p(rp(`<w:b/>`, "KT. GIÁM ĐỐC"))+p(rp(`<w:b/>`, "PHÓ GIÁM ĐỐC"))+p("")+p(rp(`<w:b/>`, "(Đã ký)"))+p(rp(`<w:b/>`, "Nguyễn Văn An"))) +
	`</w:tr></w:tbl>` + p("")

func TestPageOneHeaderAndFooterTablesAreReadAsTheirParts(t *testing.T) {
	styles := `<w:style w:type="table" w:styleId="Plain"><w:tblPr>` + noBorders + `</w:tblPr></w:style>`
	d := readParts(t, wordParts(headerAndFooter, styles, ""))
	want := &document.Document{
		ParentBody: "UBND THÀNH PHỐ CẦN THƠ", IssuingBody: "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
		Number: "15", Symbol: "KH-SKHCN", Place: "Cần Thơ", Day: 5, Month: 1, Year: 2024,
		TypeName: "KẾ HOẠCH", Summary: "Tuyên truyền cải cách hành chính năm 2024",
		LegalBases: []string{"Căn cứ Kế hoạch số 246/KH-UBND ngày 14 tháng 12 năm 2023;"},
		Body: []document.Block{
			{Kind: document.KindHeading, Level: 1, Label: "I.", Runs: document.Plain("MỤC ĐÍCH")},
			{Kind: document.KindParagraph, Runs: document.Plain("Nâng cao nhận thức.")},
		},
		Signer:     document.Signer{Authority: "KT. GIÁM ĐỐC", Title: "PHÓ GIÁM ĐỐC", Name: "Nguyễn Văn An"},
		Recipients: []string{"Sở Nội vụ", "Lưu: VT"},
	}
	if diff := recognisetest.Diff(want, d); diff != "" {
		t.Fatal(diff)
	}
}

func TestMergedCellsAndRepeatedHeaderRowsKeepTheirShape(t *testing.T) {
	cell := func(props, text string) string {
		return `<w:tc><w:tcPr>` + props + `</w:tcPr>` + p(r(text)) + `</w:tc>`
	}
	borders := `<w:tblBorders><w:top w:val="single" w:sz="4"/></w:tblBorders>`
	body := `<w:tbl><w:tblPr>` + borders + `</w:tblPr><w:tblGrid><w:gridCol w:w="500"/><w:gridCol w:w="3000"/><w:gridCol w:w="1000"/><w:gridCol w:w="1000"/></w:tblGrid>` +
		`<w:tr><w:trPr><w:tblHeader/></w:trPr>` + cell(`<w:vMerge w:val="restart"/>`, "TT") + cell(`<w:vMerge w:val="restart"/>`, "Hoạt động") + cell(`<w:gridSpan w:val="2"/>`, "Kết quả") + `</w:tr>` +
		`<w:tr><w:trPr><w:tblHeader/></w:trPr>` + cell(`<w:vMerge/>`, "") + cell(`<w:vMerge w:val="continue"/>`, "") + cell(`<w:tcW w:w="1000"/>`, "Kế hoạch") + cell(``, "Thực hiện") + `</w:tr>` +
		`<w:tr>` + cell(``, "1") + cell(`<w:vMerge w:val="restart"/>`, "Đăng tin") + `<w:tc><w:tcPr/><w:p><w:pPr><w:jc w:val="right"/></w:pPr>` + r("12") + `</w:p></w:tc>` + cell(``, "15") + `</w:tr>` +
		`<w:tr>` + cell(``, "2") + cell(`<w:vMerge/>`, "") + cell(``, "3") + cell(``, "4") + `</w:tr>` +
		`<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>` + cell(`<w:gridSpan w:val="2"/>`, "Tổng cộng") + cell(``, "15") + `</w:tr>` +
		`</w:tbl>`
	d := readParts(t, wordParts(body, "", ""))
	if len(d.Body) != 1 || d.Body[0].Table == nil {
		t.Fatalf("body %q", blockTexts(d))
	}
	tb := d.Body[0].Table
	c := document.TextCell
	cov := document.Cell{Covered: true}
	span := func(cell document.Cell, cols, rows int) document.Cell {
		cell.ColSpan, cell.RowSpan = cols, rows
		return cell
	}
	right := c("12")
	right.Align = "right"
	want := &document.Table{
		Widths:     []float64{500, 3000, 1000, 1000},
		HeaderRows: 2,
		Rows: [][]document.Cell{
			{span(c("TT"), 0, 2), span(c("Hoạt động"), 0, 2), span(c("Kết quả"), 2, 0), cov},
			{cov, cov, c("Kế hoạch"), c("Thực hiện")},
			{c("1"), span(c("Đăng tin"), 0, 2), right, c("15")},
			{c("2"), cov, c("3"), c("4")},
			{{}, span(c("Tổng cộng"), 2, 0), cov, c("15")},
		},
	}
	if diff := recognisetest.Diff(&document.Document{Body: []document.Block{{Kind: document.KindTable, Table: want}}}, &document.Document{Body: []document.Block{{Kind: document.KindTable, Table: tb}}}); diff != "" {
		t.Fatal(diff)
	}
}

func TestTextTypedInALegacyFontIsConverted(t *testing.T) {
	// Word keeps VNI text as the Windows-1252 characters of its bytes, whatever font
	// the style names; the reader decides from the characters.
	body := p(rp(`<w:rFonts w:ascii="VNI-Times"/>`, "KEÁ HOAÏCH")) + p(r("Tuyeân truyeàn caûi caùch haønh chính")) + p(r("I. MUÏC ÑÍCH"))
	d := readParts(t, wordParts(body, "", ""))
	if d.TypeName != "KẾ HOẠCH" || d.Summary != "Tuyên truyền cải cách hành chính" || d.Body[0].Label != "I." || document.Text(d.Body[0].Runs) != "MỤC ĐÍCH" {
		t.Fatalf("not converted: %q %q %q", d.TypeName, d.Summary, blockTexts(d))
	}
	unicode := p(rp(`<w:rFonts w:ascii=".VnTime"/>`, "Công tác thông tin")) + p(r("năm 2024"))
	if got := blockTexts(readParts(t, wordParts(unicode, "", ""))); got[0] != "Công tác thông tin năm 2024" {
		t.Fatalf("Unicode text in a legacy-named font changed: %q", got)
	}
}

func TestMainPartIsFoundThroughThePackageRelationships(t *testing.T) {
	parts := wordParts(p(r("Nội dung.")), "", "")
	parts["word/main.xml"] = parts["word/document.xml"]
	delete(parts, "word/document.xml")
	parts["_rels/.rels"] = strings.Replace(parts["_rels/.rels"], "word/document.xml", "/word/main.xml", 1)
	if got := blockTexts(readParts(t, parts)); len(got) != 1 || got[0] != "Nội dung." {
		t.Fatalf("got %q", got)
	}
}

func TestReadFileReadsADocxOnDisk(t *testing.T) {
	path := filepath.Join(t.TempDir(), "kh.docx")
	if err := os.WriteFile(path, zipOf(t, wordParts(p(r("Nội dung.")), "", "")), 0o600); err != nil {
		t.Fatal(err)
	}
	d, err := ReadFile(path)
	if err != nil || len(d.Body) != 1 {
		t.Fatalf("%v %v", d, err)
	}
	if _, err := ReadFile(filepath.Join(t.TempDir(), "none.docx")); !isRefusal(err) {
		t.Fatalf("missing file: %v", err)
	}
}

func isRefusal(err error) bool {
	var ie *document.InputError
	return errors.As(err, &ie)
}

// sizedReader claims a size without holding the bytes.
type sizedReader struct{}

func (sizedReader) ReadAt(b []byte, off int64) (int, error) { return copy(b, "PK\x03\x04"), nil }

func utf16le(s string) string {
	var b []byte
	for _, c := range utf16.Encode([]rune(s)) {
		b = append(b, byte(c), byte(c>>8))
	}
	return string(b)
}

func TestBadFilesAreRefusedInVietnameseWithNothingReturned(t *testing.T) {
	ole := string(oleMagic) + strings.Repeat("\x00", 500)
	manyParts := map[string]string{}
	for i := 0; i <= maxEntries; i++ {
		manyParts[fmt.Sprintf("x/%d.xml", i)] = "<a/>"
	}
	deep := wordParts(strings.Repeat("<w:sdt><w:sdtContent>", maxXMLDepth)+p(r("x"))+strings.Repeat("</w:sdtContent></w:sdt>", maxXMLDepth), "", "")
	noMain := wordParts(p(r("x")), "", "")
	delete(noMain, "word/document.xml")
	big := wordParts(p(r("x")), "", "")
	big["word/document.xml"] = `<w:document ` + wNS + `><w:body>` + strings.Repeat(" ", maxEntrySize+1) + `</w:body></w:document>`
	empty := wordParts(p("")+p(r("   ")), "", "")
	cases := []struct {
		name string
		data []byte
		size int64
		want string
	}{
		{"not a zip", []byte("Kế hoạch năm 2024"), 0, "không phải DOCX"},
		{"corrupt zip", []byte("PK\x03\x04garbage that is not a zip archive at all"), 0, "bị hỏng"},
		{"password-protected", []byte(ole + utf16le("EncryptedPackage") + utf16le("EncryptionInfo")), 0, "mật khẩu"},
		{"Word 97-2003", []byte(ole + utf16le("WordDocument")), 0, ".doc"},
		{"other OLE", []byte(ole), 0, "Office cũ"},
		{"too many parts", zipOf(t, manyParts), 0, "quá nhiều thành phần"},
		{"nested too deep", zipOf(t, deep), 0, "lồng nhau quá sâu"},
		{"no document part", zipOf(t, noMain), 0, "word/document.xml"},
		{"part bigger than the limit", zipOf(t, big), 0, "quá lớn"},
		{"malformed XML", zipOf(t, wordParts("<w:p><w:r>", "", "")), 0, "bị hỏng"},
		{"no text", zipOf(t, empty), 0, "không có nội dung"},
		{"table wider than Word allows", zipOf(t, wordParts(`<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="64"/></w:tcPr>`+p(r("x"))+`</w:tc></w:tr></w:tbl>`, "", "")), 0, "63 cột"},
	}
	for _, c := range cases {
		size := c.size
		if size == 0 {
			size = int64(len(c.data))
		}
		d, err := Read(bytes.NewReader(c.data), size)
		var ie *document.InputError
		if d != nil || !errors.As(err, &ie) {
			t.Errorf("%s: got %v, %v", c.name, d, err)
			continue
		}
		if !strings.Contains(ie.Message, c.want) {
			t.Errorf("%s: message %q lacks %q", c.name, ie.Message, c.want)
		}
	}
	d, err := Read(sizedReader{}, MaxFileSize+1)
	if d != nil || !isRefusal(err) || !strings.Contains(err.Error(), "20 MB") {
		t.Errorf("oversized file: %v, %v", d, err)
	}
}

func TestPartsBiggerThanTheirHeadersSayAreStoppedWhileReading(t *testing.T) {
	// A zip bomb may declare small sizes; the reader counts what it inflates.
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	doc := `<w:document ` + wNS + `><w:body>` + strings.Repeat(" ", maxEntrySize+10) + `</w:body></w:document>`
	w, err := zw.CreateHeader(&zip.FileHeader{Name: "word/document.xml", Method: zip.Deflate})
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte(doc))
	zw.Close()
	data := buf.Bytes()
	// Rewrite the central directory's uncompressed size of the part to 100 bytes.
	cd := bytes.LastIndex(data, []byte("PK\x01\x02"))
	copy(data[cd+24:cd+28], []byte{100, 0, 0, 0})
	d, err := Read(bytes.NewReader(data), int64(len(data)))
	if d != nil || !isRefusal(err) {
		t.Fatalf("got %v, %v", d, err)
	}
}

func TestTheWholeArchiveHasABudget(t *testing.T) {
	parts := wordParts(p(r("Nội dung đủ dài để vượt ngân sách.")), "", "")
	b := zipOf(t, parts)
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	pk := &pkg{files: map[string]*zip.File{}, budget: 200}
	for _, f := range zr.File {
		pk.files[f.Name] = f
	}
	_, err = pk.read()
	if !isRefusal(err) || !strings.Contains(err.Error(), "200 MB") {
		t.Fatalf("got %v", err)
	}
}
