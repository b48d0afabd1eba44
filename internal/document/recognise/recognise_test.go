package recognise

import (
	"strings"
	"testing"

	"loa/internal/document"
)

// lines makes one paragraph part per line.
func lines(text string) []Part {
	var out []Part
	for _, l := range strings.Split(text, "\n") {
		out = append(out, Part{Runs: document.Plain(l)})
	}
	return out
}

func table(header int, rows ...[]string) Part {
	t := &document.Table{HeaderRows: header}
	for _, r := range rows {
		var row []document.Cell
		for _, c := range r {
			if c == "" {
				row = append(row, document.Cell{})
			} else {
				row = append(row, document.TextCell(c))
			}
		}
		t.Rows = append(t.Rows, row)
	}
	return Part{Table: t}
}

func TestSplitUnitsKeepsHyphensInsideNames(t *testing.T) {
	cases := map[string][]string{
		// Row 2 of the sample plan's activities, after its page break was joined.
		"- Chi cục Tiêu chuẩn Đo lường Chất lượng - Trung tâm Thông tin khoa học và công nghệ - Trung tâm Ứng dụng tiến bộ khoa học và công nghệ - Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng - Vườn ươm công nghệ công nghiệp Việt Nam - Hàn Quốc": {
			"Chi cục Tiêu chuẩn Đo lường Chất lượng", "Trung tâm Thông tin khoa học và công nghệ", "Trung tâm Ứng dụng tiến bộ khoa học và công nghệ",
			"Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng", "Vườn ươm công nghệ công nghiệp Việt Nam - Hàn Quốc"},
		"Chi cục Tiêu chuẩn Đo lường Chất lượng, Trung tâm Thông tin khoa học và công nghệ": {"Chi cục Tiêu chuẩn Đo lường Chất lượng", "Trung tâm Thông tin khoa học và công nghệ"},
		"Các phòng, đơn vị có liên quan":                      {"Các phòng, đơn vị có liên quan"},
		"Sở Văn hóa, Thể thao và Du lịch":                     {"Sở Văn hóa, Thể thao và Du lịch"},
		"Văn phòng Sở":                                        {"Văn phòng Sở"},
		"- Văn phòng Sở;\n- Phòng Quản lý khoa học.":          {"Văn phòng Sở", "Phòng Quản lý khoa học"},
		"UBND quận Ninh Kiều - UBND quận Cái Răng; Sở Nội vụ": {"UBND quận Ninh Kiều", "UBND quận Cái Răng", "Sở Nội vụ"},
		"Trung tâm Hội nghị - Triển lãm - Ban Quản lý dự án":  {"Trung tâm Hội nghị - Triển lãm", "Ban Quản lý dự án"},
		"Bangkok - Sởi": {"Bangkok - Sởi"}, // "Ban" and "Sở" must be whole words
		"":              nil,
	}
	for in, want := range cases {
		if got := SplitUnits(in); strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("SplitUnits(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTableSplitByAPageBreakIsJoinedAndItsCutRowsMerged(t *testing.T) {
	header := []string{"TT", "Hình thức", "Chủ trì"}
	parts := []Part{
		table(1, header, []string{"1", "Đăng tin", "Văn phòng"}, []string{"2", "Tham dự cuộc thi (nếu", "Văn phòng"}),
		table(1, header, []string{"", "có)", ""}, []string{"3", "Dán áp phích", "Văn phòng"}),
		table(1, []string{"", "", "Sở"}, []string{"4", "Hội nghị", "Văn phòng"}), // no repeated header, cut row
		table(1, []string{"TT", "Khác"}, []string{"1", "x"}),                     // another table: fewer columns
	}
	d := Document(parts)
	if len(d.Body) != 2 {
		t.Fatalf("%d blocks, want the joined table and the other one", len(d.Body))
	}
	tb := d.Body[0].Table
	var got []string
	for _, row := range tb.Rows {
		var cells []string
		for _, c := range row {
			cells = append(cells, c.CellText())
		}
		got = append(got, strings.Join(cells, "/"))
	}
	want := "TT/Hình thức/Chủ trì|1/Đăng tin/Văn phòng|2/Tham dự cuộc thi (nếu có)/Văn phòng|3/Dán áp phích/Văn phòng Sở|4/Hội nghị/Văn phòng"
	if strings.Join(got, "|") != want || tb.HeaderRows != 1 {
		t.Fatalf("rows %q (header %d)", got, tb.HeaderRows)
	}
}

func TestTablesWithoutAHeaderRowAreNeverJoined(t *testing.T) {
	d := Document([]Part{table(0, []string{"1", "a"}), table(0, []string{"", "b"})})
	if len(d.Body) != 2 {
		t.Fatalf("%d blocks", len(d.Body))
	}
}

func TestSignatureAndRecipientsReadInEitherOrder(t *testing.T) {
	want := document.Signer{Authority: "KT. GIÁM ĐỐC", Title: "PHÓ GIÁM ĐỐC", Name: "Nguyễn Văn An"}
	recipients := "Nơi nhận:\n- Sở Nội vụ;\n- Các phòng, đơn vị\ntrực thuộc Sở;\n- Lưu: VT, VP."
	for name, text := range map[string]string{
		"signer first, name last (the sample)": "Kết thúc./.\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n" + recipients + "\nNguyễn Văn An",
		"recipients first (Word's columns)":    "Kết thúc./.\n" + recipients + "\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n(Đã ký)\nNguyễn Văn An",
		"name in capitals":                     "Kết thúc./.\n" + recipients + "\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nNGUYỄN VĂN AN",
	} {
		d := Document(lines(text))
		w := want
		if name == "name in capitals" {
			w.Name = "NGUYỄN VĂN AN"
		}
		if d.Signer != w {
			t.Errorf("%s: signer %+v", name, d.Signer)
		}
		if got := strings.Join(d.Recipients, "|"); got != "Sở Nội vụ|Các phòng, đơn vị trực thuộc Sở|Lưu: VT, VP" {
			t.Errorf("%s: recipients %q", name, got)
		}
		if len(d.Body) != 1 || document.Text(d.Body[0].Runs) != "Kết thúc./." {
			t.Errorf("%s: body %+v", name, d.Body)
		}
	}
}

func TestSignerWithoutRecipientsAndOnBehalfOfACommittee(t *testing.T) {
	d := Document(lines("Nội dung.\nTM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nTrần Văn Bình"))
	want := document.Signer{Authority: "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH", Title: "PHÓ CHỦ TỊCH", Name: "Trần Văn Bình"}
	if d.Signer != want || len(d.Body) != 1 {
		t.Fatalf("signer %+v body %d", d.Signer, len(d.Body))
	}
	// A capitalised caption and a sentence at the end of a body are not a signature.
	d = Document(lines("Nội dung.\nBẢNG TỔNG HỢP\nSố liệu tính đến ngày 14 tháng 12."))
	if d.Signer != (document.Signer{}) || len(d.Body) != 3 {
		t.Fatalf("signer %+v body %d", d.Signer, len(d.Body))
	}
}

func TestHeaderTellsParentFromIssuerByBoldOrByOrder(t *testing.T) {
	bold := func(s string) Part { return Part{Runs: []document.Run{{Text: s, Bold: true}}} }
	plain := func(s string) Part { return Part{Runs: document.Plain(s)} }
	d := Document([]Part{plain("ỦY BAN NHÂN DÂN"), plain("THÀNH PHỐ CẦN THƠ"), bold("SỞ KHOA HỌC"), bold("VÀ CÔNG NGHỆ"), plain("Số: 3/TB-SKHCN"), plain("THÔNG BÁO")})
	if d.ParentBody != "ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ" || d.IssuingBody != "SỞ KHOA HỌC VÀ CÔNG NGHỆ" || d.TypeName != "THÔNG BÁO" {
		t.Fatalf("by bold: %q / %q / %q", d.ParentBody, d.IssuingBody, d.TypeName)
	}
	d = Document(lines("UBND THÀNH PHỐ CẦN THƠ\nSỞ KHOA HỌC VÀ CÔNG NGHỆ\nCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập – Tự do – Hạnh phúc\n________\nSố: 3/TB-SKHCN\nCần Thơ, ngày 9 tháng 02 năm 2024\nTHÔNG BÁO\nVề lịch họp"))
	if d.ParentBody != "UBND THÀNH PHỐ CẦN THƠ" || d.IssuingBody != "SỞ KHOA HỌC VÀ CÔNG NGHỆ" || d.Day != 9 || d.Month != 2 || d.Summary != "Về lịch họp" {
		t.Fatalf("by order: %+v", d)
	}
}

func TestItemLabelsAndTheirLevels(t *testing.T) {
	cases := map[string]struct {
		label string
		level int
	}{
		"IV. KINH PHÍ":      {"IV.", 1},
		"XIX. X":            {"XIX.", 1},
		"IIII. Không":       {"", 0},
		"12. Mười hai":      {"12.", 2},
		"đ) Tăng cường":     {"đ)", 3},
		"b. Word's letters": {"b.", 3},
		"e) Sau đ":          {"e)", 3},
		"1.2. Tiểu mục":     {"1.2.", 3},
		"1.2 Tiểu mục":      {"1.2", 3},
		"2.5 ha đất":        {"", 0},
		"2024. Năm":         {"", 0},
		"Điều 1. Phạm vi":   {"", 0},
		"V/v báo cáo":       {"", 0},
		"I.":                {"I.", 1},
		"(nếu có) 1. Không": {"", 0},
	}
	for in, want := range cases {
		if lbl, lvl, _ := label(in); lbl != want.label || lvl != want.level {
			t.Errorf("label(%q) = %q, %d; want %q, %d", in, lbl, lvl, want.label, want.level)
		}
	}
	for lbl, lvl := range map[string]int{"II.": 1, "3.": 2, "d)": 3, "đ)": 3, "2.1.": 3, "-": 0, "x": 0, "": 0} {
		if got := LabelLevel(lbl); got != lvl {
			t.Errorf("LabelLevel(%q) = %d, want %d", lbl, got, lvl)
		}
	}
	for s, want := range map[string]bool{"1.": true, "a)": true, "-": true, "+": true, "IV.": true, "1. Text": false, "Text": false} {
		if IsMarker(s) != want {
			t.Errorf("IsMarker(%q) = %v", s, !want)
		}
	}
}

func TestLowerCaseLinesContinueTheTextAbove(t *testing.T) {
	d := Document(lines("6. Tuyên truyền những hạn chế,\nyếu kém trong hoạt động.\n- Trang tin;\n+ chuyên mục mới.\nĐoạn mới.\nii. Word's lower Roman item"))
	got := []string{}
	for _, b := range d.Body {
		got = append(got, string(b.Kind)+":"+b.Label+document.Text(b.Runs))
	}
	want := "heading:6.Tuyên truyền những hạn chế, yếu kém trong hoạt động.|bullet:Trang tin;|bullet:chuyên mục mới.|paragraph:Đoạn mới.|paragraph:ii. Word's lower Roman item"
	if strings.Join(got, "|") != want {
		t.Fatalf("got %q", got)
	}
}

func TestBoldOfSectionsAndNumberedItemsIsTheHeadingsOwn(t *testing.T) {
	bold := func(s string) Part { return Part{Runs: []document.Run{{Text: s, Bold: true}}} }
	d := Document([]Part{bold("I. MỤC ĐÍCH"), bold("1. Mục đích"), bold("a) Nâng cao")})
	for i, b := range d.Body {
		if b.Runs[0].Bold != (i == 2) {
			t.Errorf("block %s: bold %v", b.Label, b.Runs[0].Bold)
		}
	}
}

func TestAnnexesAfterTheSignature(t *testing.T) {
	parts := lines("Nội dung.\nGIÁM ĐỐC\nNơi nhận:\n- Lưu: VT.\nNgô Anh Tín\nPhụ lục I\nDANH MỤC TIN BÀI\n(Kèm theo Kế hoạch số /KH-SKHCN ngày    tháng 01 năm 2024)")
	parts = append(parts, table(1, []string{"TT", "Tin"}, []string{"1", "PAR Index"}))
	parts = append(parts, lines("PHỤ LỤC II\nTài liệu kiểm chứng\n1. Kế hoạch số 05/KH-SKHCN.")...)
	parts[5].Landscape = true
	d := Document(parts)
	if d.Signer.Name != "Ngô Anh Tín" || len(d.Annexes) != 2 {
		t.Fatalf("signer %+v, %d annexes", d.Signer, len(d.Annexes))
	}
	a, b := d.Annexes[0], d.Annexes[1]
	if a.Title != "Phụ lục I" || a.Subtitle != "DANH MỤC TIN BÀI" || !a.Landscape || len(a.Body) != 1 || a.Body[0].Table == nil {
		t.Errorf("annex I %+v", a)
	}
	if b.Title != "PHỤ LỤC II" || b.Subtitle != "Tài liệu kiểm chứng" || b.Landscape || len(b.Body) != 1 || b.Body[0].Label != "1." {
		t.Errorf("annex II %+v", b)
	}
}

func TestRunsAreNormalised(t *testing.T) {
	in := []document.Run{{Text: "  Cu\u0309a\t "}, {Text: "", Bold: true}, {Text: " cơ quan ", Bold: true}, {Text: "\u00a0và\u200b", Bold: true}, {Text: " \n "}}
	want := []document.Run{{Text: "Của "}, {Text: "cơ quan và", Bold: true}}
	if got := Runs(in); len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Fatalf("Runs = %+v", got)
	}
}

func TestDataTablesThatMentionNumbersOrRecipientsStayTables(t *testing.T) {
	d := Document([]Part{
		table(0, []string{"Số: 12/KH-SKHCN", "Cần Thơ, ngày 05 tháng 01 năm 2024"}),
		table(1, []string{"Văn bản", "Nơi nhận hồ sơ"}, []string{"Số: 246/KH-UBND", "Bộ phận một cửa"}),
	})
	if len(d.Body) != 1 || d.Body[0].Table == nil || d.Number != "12" || d.Day != 5 {
		t.Fatalf("body %+v, number %q", d.Body, d.Number)
	}
}
