package text

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"
	"unicode/utf16"

	"loa/internal/document"
	"loa/internal/document/recognise"
	"loa/internal/document/recognise/recognisetest"
)

const samplePath = "../../../testdata/sample-plan-skhcn-cantho-2024.txt"

func readSample(t *testing.T) *document.Document {
	t.Helper()
	f, err := os.Open(samplePath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	d, err := Read(f)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// outline lists the labelled headings of a body as "label text-prefix" lines.
func headings(d *document.Document, level int) []string {
	var out []string
	for _, b := range d.Body {
		if b.Kind == document.KindHeading && b.Level == level {
			out = append(out, b.Label)
		}
	}
	return out
}

func TestSamplePlanHeaderTitleAndLegalBasis(t *testing.T) {
	d := readSample(t)
	if d.ParentBody != "" || d.IssuingBody != "" {
		t.Errorf("the sample has no body lines, got parent %q issuing %q", d.ParentBody, d.IssuingBody)
	}
	if d.Number != "" || d.Symbol != "KH-SKHCN" {
		t.Errorf("number %q symbol %q", d.Number, d.Symbol)
	}
	if d.Place != "Cần Thơ" || d.Day != 0 || d.Month != 1 || d.Year != 2024 {
		t.Errorf("place/date %q %d/%d/%d", d.Place, d.Day, d.Month, d.Year)
	}
	if d.TypeName != "KẾ HOẠCH" || d.Summary != "Công tác thông tin, tuyên truyền cải cách hành chính năm 2024" {
		t.Errorf("title %q / %q", d.TypeName, d.Summary)
	}
	if len(d.LegalBases) != 1 || !strings.HasPrefix(d.LegalBases[0], "Căn cứ Kế hoạch số 246/KH-UBND") {
		t.Errorf("legal bases %q", d.LegalBases)
	}
	if first := d.Body[0]; first.Kind != document.KindParagraph || !strings.HasPrefix(document.Text(first.Runs), "Sở Khoa học và Công nghệ xây dựng") {
		t.Errorf("first body block %+v", first)
	}
}

func TestSamplePlanSectionsAndItems(t *testing.T) {
	d := readSample(t)
	if got := strings.Join(headings(d, 1), " "); got != "I. II. III. IV. V. VI." {
		t.Fatalf("sections %q", got)
	}
	// Items under each section, in order: labels of levels 2 and 3 between Roman headings.
	sections := map[string][]string{}
	var cur string
	for _, b := range d.Body {
		if b.Kind == document.KindHeading && b.Level == 1 {
			cur = b.Label
			continue
		}
		if b.Kind == document.KindHeading {
			sections[cur] = append(sections[cur], b.Label)
		}
	}
	want := map[string]string{
		"I.":   "1. a) b) 2. a) b) c) d) đ)",
		"II.":  "1. 2. 3. 4. 5. 6. 7. 8. 9.",
		"III.": "1. 2. 3. 4.",
		"IV.":  "",
		"V.":   "",
		"VI.":  "1. a) b) 2. a) b) 3.",
	}
	for sec, labels := range want {
		if got := strings.Join(sections[sec], " "); got != labels {
			t.Errorf("section %s items %q, want %q", sec, got, labels)
		}
	}
}

func TestSamplePlanTopicBrokenByAPageBreakIsOneItem(t *testing.T) {
	d := readSample(t)
	for _, b := range d.Body {
		if b.Label == "6." && strings.HasPrefix(document.Text(b.Runs), "Tuyên truyền, biểu dương") {
			want := "cũng như phản ánh những hạn chế, yếu kém trong hoạt động của cơ quan và trong thực thi công vụ của công chức, viên chức."
			if got := document.Text(b.Runs); !strings.HasSuffix(got, want) {
				t.Fatalf("topic 6 = %q", got)
			}
			return
		}
	}
	t.Fatal("topic 6 not found")
}

func TestSamplePlanActivityTableIsJoinedAcrossPages(t *testing.T) {
	d := readSample(t)
	var tables []*document.Table
	for _, b := range d.Body {
		if b.Kind == document.KindTable {
			tables = append(tables, b.Table)
		}
	}
	if len(tables) != 1 {
		t.Fatalf("%d tables, want 1", len(tables))
	}
	tb := tables[0]
	if tb.HeaderRows != 1 || len(tb.Rows) != 7 {
		t.Fatalf("header rows %d, rows %d; want 1 header and 6 activities", tb.HeaderRows, len(tb.Rows))
	}
	header := []string{"TT", "Hình thức tuyên truyền", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian thực hiện"}
	for i, row := range tb.Rows {
		if len(row) != 5 {
			t.Fatalf("row %d has %d cells", i, len(row))
		}
		if i == 0 {
			for c, h := range header {
				if row[c].CellText() != h {
					t.Errorf("header cell %d = %q", c, row[c].CellText())
				}
			}
			continue
		}
		if row[0].CellText() != string(rune('0'+i)) {
			t.Errorf("row %d TT = %q", i, row[0].CellText())
		}
		if row[2].CellText() != "Văn phòng Sở" || row[4].CellText() != "Trong năm 2024" {
			t.Errorf("row %d lead %q time %q", i, row[2].CellText(), row[4].CellText())
		}
	}
	coord2 := tb.Rows[2][3].CellText()
	if !strings.HasSuffix(coord2, "Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng - Vườn ươm công nghệ công nghiệp Việt Nam - Hàn Quốc") {
		t.Errorf("row 2 coordinating cell not continued: %q", coord2)
	}
	if got := tb.Rows[5][1].CellText(); !strings.HasSuffix(got, "lãnh đạo, quản lý (nếu có)") {
		t.Errorf("row 5 form = %q", got)
	}
	if got := tb.Rows[6][1].CellText(); got != "Tham dự Cuộc thi khảo sát kiến thức cải cách hành chính (nếu có)" {
		t.Errorf("row 6 form = %q", got)
	}
}

func TestSamplePlanCoordinatingUnitsSplitIntoUnits(t *testing.T) {
	d := readSample(t)
	var tb *document.Table
	for _, b := range d.Body {
		if b.Table != nil {
			tb = b.Table
		}
	}
	want := map[int][]string{
		1: {"Chi cục Tiêu chuẩn Đo lường Chất lượng", "Trung tâm Thông tin khoa học và công nghệ"},
		2: {"Chi cục Tiêu chuẩn Đo lường Chất lượng", "Trung tâm Thông tin khoa học và công nghệ", "Trung tâm Ứng dụng tiến bộ khoa học và công nghệ",
			"Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng", "Vườn ươm công nghệ công nghiệp Việt Nam - Hàn Quốc"},
		5: {"Các phòng, đơn vị có liên quan"},
	}
	for row, units := range want {
		got := recognise.SplitUnits(tb.Rows[row][3].CellText())
		if strings.Join(got, "|") != strings.Join(units, "|") {
			t.Errorf("row %d units %q, want %q", row, got, units)
		}
	}
}

func TestSamplePlanSignerAndRecipients(t *testing.T) {
	d := readSample(t)
	if d.Signer != (document.Signer{Title: "GIÁM ĐỐC", Name: "Ngô Anh Tín"}) {
		t.Errorf("signer %+v", d.Signer)
	}
	want := []string{"Sở Thông tin và Truyền thông", "Sở Nội vụ", "BGĐ Sở KH&CN", "Các phòng, đơn vị trực thuộc Sở", "Lưu: VT"}
	if strings.Join(d.Recipients, "|") != strings.Join(want, "|") {
		t.Errorf("recipients %q", d.Recipients)
	}
	last := d.Body[len(d.Body)-1]
	if !strings.HasPrefix(document.Text(last.Runs), "Trên đây là Kế hoạch") {
		t.Errorf("body should end with the closing paragraph, ends with %+v", last)
	}
}

func TestSamplePlanWrittenAndReadAgainIsUnchanged(t *testing.T) {
	d := readSample(t)
	var buf bytes.Buffer
	if err := Write(&buf, d); err != nil {
		t.Fatal(err)
	}
	again, err := Read(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if diff := recognisetest.Diff(d, again); diff != "" {
		t.Fatal(diff)
	}
}

func TestRichDocumentRoundTripsThroughText(t *testing.T) {
	rich := recognisetest.Rich()
	var buf bytes.Buffer
	if err := Write(&buf, rich); err != nil {
		t.Fatal(err)
	}
	got, err := Read(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if diff := recognisetest.Diff(recognisetest.Unstyled(rich), got); diff != "" {
		t.Fatalf("%s\n--- text ---\n%s", diff, buf.String())
	}
}

func TestWriteUsesTheOfficeLayout(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, recognisetest.Rich()); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		"ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ\nSỞ KHOA HỌC VÀ CÔNG NGHỆ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n",
		"Số: 12/KH-SKHCN\n", "Cần Thơ, ngày 05 tháng 01 năm 2024\n", "KẾ HOẠCH\nCông tác thông tin",
		"Kính gửi:\n- Sở Nội vụ;\n- Văn phòng Ủy ban nhân dân thành phố.\n",
		"\nđ) Tăng cường lực lượng tham gia.\n", "\n- Trang thông tin", "\n+ chuyên mục",
		"TT\tHình thức tuyên truyền\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian\n",
		"\t- Chi cục Tiêu chuẩn Đo lường Chất lượng - Vườn ươm công nghệ công nghiệp Việt Nam - Hàn Quốc\t",
		"KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n\nNơi nhận:\n- Sở Nội vụ;\n- BGĐ Sở KH&CN;\n- Lưu: VT, VP.\n\nNguyễn Văn An\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q\n%s", want, out)
		}
	}
}

func TestDraftDateWithBlankDayReadsAsZero(t *testing.T) {
	d := &document.Document{IssuingBody: "SỞ NỘI VỤ", Symbol: "BC-SNV", Place: "Cần Thơ", Month: 2, Year: 2025, TypeName: "BÁO CÁO", Summary: "Kết quả quý I"}
	var buf bytes.Buffer
	Write(&buf, d)
	if !strings.Contains(buf.String(), "Số: /BC-SNV\n") || !strings.Contains(buf.String(), "\nCần Thơ, ngày      tháng 02 năm 2025\n") {
		t.Fatalf("draft lines: %q", buf.String())
	}
	got, err := Read(&buf)
	if err != nil {
		t.Fatal(err)
	}
	d.Body = got.Body // no body on either side
	if diff := recognisetest.Diff(d, got); diff != "" {
		t.Fatal(diff)
	}
}

func TestHeaderColumnsOnTabbedLinesAreRead(t *testing.T) {
	in := "UBND THÀNH PHỐ CẦN THƠ\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n" +
		"SỞ KHOA HỌC VÀ CÔNG NGHỆ\tĐộc lập - Tự do - Hạnh phúc\n" +
		"Số: 05/SKHCN-VP\tCần Thơ, ngày 05 tháng 3 năm 2024\n" +
		"V/v báo cáo kết quả CCHC quý I\n\n" +
		"Kính gửi: Sở Nội vụ.\n\nSở Khoa học và Công nghệ báo cáo như sau:\n\n" +
		"TL. GIÁM ĐỐC\nCHÁNH VĂN PHÒNG\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n\nTrần Thị Bình\n"
	d, err := Read(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := &document.Document{
		ParentBody: "UBND THÀNH PHỐ CẦN THƠ", IssuingBody: "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
		Number: "05", Symbol: "SKHCN-VP", Place: "Cần Thơ", Day: 5, Month: 3, Year: 2024,
		Summary: "V/v báo cáo kết quả CCHC quý I", KinhGui: []string{"Sở Nội vụ"},
		Body:       []document.Block{{Kind: document.KindParagraph, Runs: document.Plain("Sở Khoa học và Công nghệ báo cáo như sau:")}},
		Signer:     document.Signer{Authority: "TL. GIÁM ĐỐC", Title: "CHÁNH VĂN PHÒNG", Name: "Trần Thị Bình"},
		Recipients: []string{"Như trên", "Lưu: VT"},
	}
	if diff := recognisetest.Diff(want, d); diff != "" {
		t.Fatal(diff)
	}
	var buf bytes.Buffer
	Write(&buf, d)
	again, err := Read(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if diff := recognisetest.Diff(d, again); diff != "" {
		t.Fatalf("công văn does not round-trip: %s\n%s", diff, buf.String())
	}
}

func refusal(t *testing.T, err error) string {
	t.Helper()
	var ie *document.InputError
	if !errors.As(err, &ie) {
		t.Fatalf("want an InputError, got %v", err)
	}
	return ie.Message
}

func sampleBytes(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile(samplePath)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestUTF8WithBOMAndUTF16WithBOMReadLikeUTF8(t *testing.T) {
	plain := sampleBytes(t)
	want := readSample(t)
	u := utf16.Encode([]rune(string(plain)))
	le, be := []byte{0xFF, 0xFE}, []byte{0xFE, 0xFF}
	for _, c := range u {
		le = append(le, byte(c), byte(c>>8))
		be = append(be, byte(c>>8), byte(c))
	}
	for name, in := range map[string][]byte{
		"utf-8 bom": append([]byte{0xEF, 0xBB, 0xBF}, plain...),
		"utf-16le":  le,
		"utf-16be":  be,
		"crlf":      bytes.ReplaceAll(plain, []byte("\n"), []byte("\r\n")),
	} {
		got, err := Read(bytes.NewReader(in))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if diff := recognisetest.Diff(want, got); diff != "" {
			t.Errorf("%s: %s", name, diff)
		}
	}
}

func TestTCVN3FileIsConvertedToUnicode(t *testing.T) {
	iconv, err := exec.LookPath("iconv")
	if err != nil {
		t.Skip("iconv is not installed: cannot make a TCVN3 file")
	}
	cmd := exec.Command(iconv, "-f", "UTF-8", "-t", "TCVN")
	cmd.Stdin = bytes.NewReader(sampleBytes(t))
	tcvn, err := cmd.Output()
	if err != nil {
		t.Skipf("iconv cannot write TCVN here: %v", err)
	}
	got, err := Read(bytes.NewReader(tcvn))
	if err != nil {
		t.Fatal(err)
	}
	if diff := recognisetest.Diff(readSample(t), got); diff != "" {
		t.Fatal(diff)
	}
}

func TestVNITextIsConvertedToUnicode(t *testing.T) {
	// "KẾ HOẠCH" and a few lines of a plan as VNI-Windows bytes (Windows-1252 shown).
	vni := "Soá: /KH-SKHCN\n\nCaàn Thô, ngaøy 05 thaùng 01 naêm 2024\n\nKEÁ HOAÏCH\nTuyeân truyeàn caûi caùch haønh chính\n\nI. MUÏC ÑÍCH\n"
	var raw []byte
	for _, r := range vni {
		raw = append(raw, byte(r)) // every character here is Latin-1, one byte in Windows-1252
	}
	d, err := Read(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	if d.TypeName != "KẾ HOẠCH" || d.Summary != "Tuyên truyền cải cách hành chính" || d.Place != "Cần Thơ" || d.Day != 5 {
		t.Fatalf("VNI not converted: %+v", d)
	}
	if len(d.Body) != 1 || d.Body[0].Label != "I." || document.Text(d.Body[0].Runs) != "MỤC ĐÍCH" {
		t.Fatalf("body %+v", d.Body)
	}
}

func TestUnreadableInputIsRefusedInVietnamese(t *testing.T) {
	cases := map[string]struct {
		in   []byte
		want string
	}{
		"unknown 8-bit encoding": {[]byte("Gr\xf6\xdfe aus M\xfcnchen, Stra\xdfe \xa4\xa4\n"), "bảng mã"},
		"binary":                 {[]byte("PK\x03\x04\x00\x00binary"), "byte 0"},
		"broken utf-16":          {[]byte{0xFF, 0xFE, 0x41}, "UTF-16"},
		"lone surrogate":         {[]byte{0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00}, "UTF-16"},
		"empty":                  {nil, "trống"},
		"only blank lines":       {[]byte("\n \n\t\n"), "trống"},
	}
	for name, c := range cases {
		d, err := Read(bytes.NewReader(c.in))
		if d != nil || err == nil {
			t.Errorf("%s: read without error", name)
			continue
		}
		if msg := refusal(t, err); !strings.Contains(msg, c.want) {
			t.Errorf("%s: message %q lacks %q", name, msg, c.want)
		}
	}
}

func TestTextOverTheSizeLimitIsRefused(t *testing.T) {
	big := bytes.Repeat([]byte("Dòng văn bản.\n"), MaxSize/10)
	_, err := Read(bytes.NewReader(big))
	if msg := refusal(t, err); !strings.Contains(msg, "20 MB") {
		t.Fatalf("message %q", msg)
	}
}

func TestTooManyParagraphsOrCellsAreRefused(t *testing.T) {
	for name, in := range map[string]string{
		"paragraphs": strings.Repeat("Đoạn.\n", recognise.MaxParts+1),
		"cells":      strings.Repeat(strings.Repeat("ô\t", 999)+"ô\n", recognise.MaxCells/1000+1),
	} {
		_, err := Read(strings.NewReader(in))
		if msg := refusal(t, err); !strings.Contains(msg, "quá nhiều") {
			t.Errorf("%s: message %q", name, msg)
		}
	}
}
