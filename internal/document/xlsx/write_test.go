package xlsx

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"loa/internal/document"
	"loa/internal/document/documenttest"
)

// open writes the document's tables and reads the workbook back.
func open(t *testing.T, d *document.Document) *excelize.File {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteDocument(&buf, d); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func value(t *testing.T, f *excelize.File, sheet, cell string) string {
	t.Helper()
	v, err := f.GetCellValue(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func style(t *testing.T, f *excelize.File, sheet, cell string) *excelize.Style {
	t.Helper()
	id, err := f.GetCellStyle(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	s, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestEveryTableBecomesASheetWithItsTitle(t *testing.T) {
	f := open(t, documenttest.Rich())
	if got := f.GetSheetList(); !slices.Equal(got, []string{"Bảng 1", "Phụ lục I"}) {
		t.Fatalf("sheets %q", got)
	}
	for cell, want := range map[string]string{
		"A1": "2. Kết quả cụ thể", "A3": "TT", "D3": "Kết quả", "E4": "Thực hiện",
		"B6": "Phát tờ gấp\n(do Sở Thông tin và Truyền thông cung cấp)", "C5": "Văn phòng Sở", "A8": "Tổng cộng",
	} {
		if got := value(t, f, "Bảng 1", cell); got != want {
			t.Errorf("Bảng 1!%s = %q, want %q", cell, got, want)
		}
	}
	if got := value(t, f, "Phụ lục I", "A1"); got != "Phụ lục I: Số tin, bài theo đơn vị và quý" {
		t.Errorf("annex sheet title %q", got)
	}
	if got := value(t, f, "Phụ lục I", "B5"); got != "Trung tâm Thông tin khoa học và công nghệ" {
		t.Errorf("annex cell %q", got)
	}
}

func TestHeaderRowsAreStyledRepeatedOnPrintAndFrozen(t *testing.T) {
	f := open(t, documenttest.Rich())
	s := style(t, f, "Bảng 1", "D4")
	if !s.Font.Bold || s.Fill.Type != "pattern" || len(s.Border) != 4 || !s.Alignment.WrapText {
		t.Errorf("header cell style: bold %v fill %q borders %d wrap %v", s.Font.Bold, s.Fill.Type, len(s.Border), s.Alignment.WrapText)
	}
	if s.Font.Family != "Times New Roman" {
		t.Errorf("header font %q", s.Font.Family)
	}
	if body := style(t, f, "Bảng 1", "B5"); body.Font.Bold || len(body.Border) != 4 {
		t.Errorf("body cell bold %v borders %d", body.Font.Bold, len(body.Border))
	}
	var titles []string
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm.Print_Titles" {
			titles = append(titles, dn.Scope+"="+dn.RefersTo)
		}
	}
	slices.Sort(titles)
	if want := []string{"Bảng 1='Bảng 1'!$3:$4", "Phụ lục I='Phụ lục I'!$3:$3"}; !slices.Equal(titles, want) {
		t.Errorf("print titles %q", titles)
	}
	panes, err := f.GetPanes("Bảng 1")
	if err != nil {
		t.Fatal(err)
	}
	if !panes.Freeze || panes.YSplit != 4 || panes.TopLeftCell != "A5" {
		t.Errorf("panes %+v, want frozen under row 4", panes)
	}
}

func TestMergedCellsStayMerged(t *testing.T) {
	f := open(t, documenttest.Rich())
	merges, err := f.GetMergeCells("Bảng 1")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, m := range merges {
		got = append(got, m.GetStartAxis()+":"+m.GetEndAxis())
	}
	slices.Sort(got)
	want := []string{"A1:E1", "A3:A4", "A8:C8", "B3:B4", "C3:C4", "C5:C6", "D3:E3"}
	if !slices.Equal(got, want) {
		t.Errorf("merges %q, want %q", got, want)
	}
}

func TestTotalsRowSumsTheFigureColumns(t *testing.T) {
	f := open(t, documenttest.Rich())
	for cell, want := range map[string]string{"D8": "516", "E8": "469"} {
		formula, err := f.GetCellFormula("Bảng 1", cell)
		if err != nil {
			t.Fatal(err)
		}
		col := cell[:1]
		if formula != "SUM("+col+"5:"+col+"7)" {
			t.Errorf("%s formula %q", cell, formula)
		}
		got, err := f.CalcCellValue("Bảng 1", cell)
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("%s computes %s, want %s", cell, got, want)
		}
		if !style(t, f, "Bảng 1", cell).Font.Bold {
			t.Errorf("total %s is not bold", cell)
		}
	}
	if formula, _ := f.GetCellFormula("Bảng 1", "A8"); formula != "" {
		t.Errorf("the totals label has a formula %q", formula)
	}
	// Figures are numbers, so that the sheet computes.
	if typ, _ := f.GetCellType("Bảng 1", "D6"); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
		t.Errorf("D6 has type %v, want a number", typ)
	}
}

func TestTotalOverAColumnWithTextIsLeftAsPrinted(t *testing.T) {
	tbl := &document.Table{HeaderRows: 1, HasTotals: true, Rows: [][]document.Cell{
		{document.TextCell("Đơn vị"), document.TextCell("Số tin")},
		{document.TextCell("Văn phòng"), document.TextCell("12")},
		{document.TextCell("Chi cục"), document.TextCell("chưa báo cáo")},
		{document.TextCell("Cộng"), document.TextCell("12")},
	}}
	var buf bytes.Buffer
	if err := WriteTables(&buf, []Sheet{{Name: "T", Table: tbl}}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if formula, _ := f.GetCellFormula("T", "B4"); formula != "" {
		t.Errorf("a column with text got the formula %q", formula)
	}
	if got := value(t, f, "T", "B4"); got != "12" {
		t.Errorf("total printed as %q", got)
	}
}

func TestPrintSetupIsA4FittedToThePageWidth(t *testing.T) {
	f := open(t, documenttest.Rich())
	for sheet, orient := range map[string]string{"Bảng 1": "portrait", "Phụ lục I": "landscape"} {
		pl, err := f.GetPageLayout(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if pl.Size == nil || *pl.Size != 9 {
			t.Errorf("%s paper size %v, want 9 (A4)", sheet, pl.Size)
		}
		if pl.Orientation == nil || *pl.Orientation != orient {
			t.Errorf("%s orientation %v, want %s", sheet, pl.Orientation, orient)
		}
		if pl.FitToWidth == nil || *pl.FitToWidth != 1 {
			t.Errorf("%s not fitted to one page wide", sheet)
		}
	}
	w, err := f.GetColWidth("Bảng 1", "B")
	if err != nil {
		t.Fatal(err)
	}
	if a, _ := f.GetColWidth("Bảng 1", "A"); w <= a*3 {
		t.Errorf("column widths ignore the table's widths: A %.1f, B %.1f", a, w)
	}
	if h, _ := f.GetRowHeight("Bảng 1", 6); h < 2*15 {
		t.Errorf("a two-line cell's row is %.1f pt high", h)
	}
}

func TestVietnameseFiguresAreReadAsNumbersAndCodesStayText(t *testing.T) {
	for s, want := range map[string]float64{"12": 12, "1.500": 1500, "1.234.567": 1234567, "12,5": 12.5, "-3": -3, "0": 0, "0,75": 0.75, "2024": 2024} {
		if got, ok := number(s); !ok || got != want {
			t.Errorf("number(%q) = %v, %v; want %v", s, got, ok, want)
		}
	}
	for _, s := range []string{"05", "1.5", "3.14", "000.00.00.H13", "12%", "", "05/KH-SKHCN", "1.50"} {
		if _, ok := number(s); ok {
			t.Errorf("%q read as a number", s)
		}
	}
}

func TestSheetNamesAreValidAndUnique(t *testing.T) {
	used := map[string]bool{}
	names := []string{
		sheetName("Phụ lục I", 0, used),
		sheetName("Phụ lục I", 1, used),
		sheetName("phụ lục i", 2, used),
		sheetName("Bảng: số liệu [quý I/2024] * ?", 3, used),
		sheetName(strings.Repeat("Kế hoạch tuyên truyền ", 3), 4, used),
		sheetName("", 5, used),
	}
	want := []string{"Phụ lục I", "Phụ lục I (2)", "phụ lục i (3)", "Bảng số liệu (quý I-2024)", "Kế hoạch tuyên truyền Kế hoạch", "Bảng 6"}
	if !slices.Equal(names, want) {
		t.Errorf("names %q, want %q", names, want)
	}
	for _, n := range names {
		if len([]rune(n)) > 31 || strings.ContainsAny(n, `:\/?*[]`) {
			t.Errorf("invalid sheet name %q", n)
		}
	}
}

func TestADocumentWithoutTablesIsRefusedInVietnamese(t *testing.T) {
	err := WriteDocument(&bytes.Buffer{}, documenttest.CongVan())
	var ie *document.InputError
	if !errors.Is(err, ErrNoTables) || !errors.As(err, &ie) || !strings.Contains(ie.Message, "không có bảng") {
		t.Errorf("err = %v", err)
	}
}

func TestSamplePlanActivitiesExportWithTheirUnits(t *testing.T) {
	f := open(t, documenttest.SamplePlan())
	if got := value(t, f, "Bảng 1", "A1"); got != "IV. MỘT SỐ HOẠT ĐỘNG TUYÊN TRUYỀN TRỌNG TÂM" {
		t.Errorf("title %q", got)
	}
	rows, err := f.GetRows("Bảng 1")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2+7 {
		t.Fatalf("%d rows, want title, gap, header and 6 activities", len(rows))
	}
	if got := rows[4][3]; !strings.Contains(got, "- Vườn ươm công nghệ công nghiệp Việt Nam - Hàn Quốc") {
		t.Errorf("coordinating units %q", got)
	}
	if got := rows[8][4]; got != "Trong năm 2024" {
		t.Errorf("time %q", got)
	}
}
