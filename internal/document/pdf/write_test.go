package pdf

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"golang.org/x/text/unicode/norm"

	"loa/internal/document"
	"loa/internal/document/documenttest"
	"loa/internal/document/pdf/fonts"
)

func render(t *testing.T, d *document.Document) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, d); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) {
		t.Fatal("output is not a PDF")
	}
	return buf.Bytes()
}

// poppler runs a poppler-utils tool on a PDF, skipping the test when the tool is
// not installed (CI installs poppler-utils).
func poppler(t *testing.T, pdf []byte, tool string, args ...string) string {
	t.Helper()
	path, err := exec.LookPath(tool)
	if err != nil {
		t.Skipf("%s is not installed (apt-get install poppler-utils); skipping", tool)
	}
	file := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(file, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	args = append(args, file)
	if tool == "pdftotext" {
		args = append(args, "-") // to standard output
	}
	out, err := exec.Command(path, args...).Output()
	if err != nil {
		t.Fatalf("%s: %v", tool, err)
	}
	return string(out)
}

// pages extracts the text of each page with pdftotext -layout.
func pages(t *testing.T, pdf []byte) []string {
	t.Helper()
	text := poppler(t, pdf, "pdftotext", "-layout", "-enc", "UTF-8")
	return strings.Split(strings.TrimSuffix(text, "\f"), "\f")
}

func TestHeaderTextIsSearchableWithPrecomposedDiacritics(t *testing.T) {
	text := strings.Join(pages(t, render(t, documenttest.SamplePlan())), "\n")
	if !norm.NFC.IsNormalString(text) {
		t.Error("pdftotext gives decomposed text: the font's ToUnicode map does not give precomposed letters")
	}
	for _, want := range []string{
		"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
		"Số: /KH-SKHCN", "KẾ HOẠCH", "Vườn ươm", "Hàn Quốc", "Ngô Anh Tín", "Trong năm 2024", "GIÁM ĐỐC",
		"- Lưu: VT.", "đ) Tăng cường lực lượng",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("extracted text lacks %q", want)
		}
	}
}

func TestDecomposedInputPrintsPrecomposed(t *testing.T) {
	d := documenttest.CongVan()
	d.Signer.Name = norm.NFD.String("Nguyễn Thị Hồng Nhung")
	text := strings.Join(pages(t, render(t, d)), "\n")
	if !strings.Contains(text, "Nguyễn Thị Hồng Nhung") {
		t.Error("a name typed decomposed is not printed as precomposed letters")
	}
}

func TestPageNumbersStartOnPageTwo(t *testing.T) {
	ps := pages(t, render(t, documenttest.SamplePlan()))
	if len(ps) < 3 {
		t.Fatalf("the sample plan prints on %d pages", len(ps))
	}
	first := strings.Fields(ps[0])[0]
	if first == "1" {
		t.Error("page 1 carries a page number")
	}
	for i := 1; i < len(ps); i++ {
		if got := strings.Fields(ps[i])[0]; got != strconv.Itoa(i+1) {
			t.Errorf("page %d starts with %q, want its number", i+1, got)
		}
	}
}

func TestHeaderRowRepeatsOnEveryPageOfALongTable(t *testing.T) {
	d := documenttest.Report()
	ps := pages(t, render(t, d))
	row := regexp.MustCompile(`Hoạt động số \d+`)
	seen := 0
	for i, p := range ps {
		if !row.MatchString(p) {
			continue
		}
		seen++
		if !strings.Contains(p, "Phối hợp") || !strings.Contains(p, "Chủ trì") {
			t.Errorf("page %d has table rows but not the header row", i+1)
		}
	}
	if seen < 3 {
		t.Errorf("the long table spans %d pages; the test needs at least 3", seen)
	}
	for _, n := range []string{"số 1 ", "số 40 ", "số 80 "} {
		if !strings.Contains(strings.Join(ps, "\n"), "Hoạt động "+n) {
			t.Errorf("row %q is missing", n)
		}
	}
}

func TestReportPrintsOnAboutTwentyA4Pages(t *testing.T) {
	info := poppler(t, render(t, documenttest.Report()), "pdfinfo")
	m := regexp.MustCompile(`Pages:\s+(\d+)`).FindStringSubmatch(info)
	if m == nil {
		t.Fatalf("pdfinfo gives no page count:\n%s", info)
	}
	if n, _ := strconv.Atoi(m[1]); n < 15 || n > 30 {
		t.Errorf("the benchmark report prints on %d pages, want about 20", n)
	}
	if !strings.Contains(info, "595.") || !strings.Contains(info, "841.") {
		t.Errorf("page size is not A4:\n%s", info)
	}
}

func TestAnnexPagesAreLandscapeWhenAsked(t *testing.T) {
	pdf := render(t, documenttest.Rich())
	info := poppler(t, pdf, "pdfinfo", "-f", "1", "-l", "9")
	sizes := regexp.MustCompile(`Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+)`).FindAllStringSubmatch(info, -1)
	if len(sizes) != 4 {
		t.Fatalf("rich document has %d pages, want 4 (two of body, two annexes)\n%s", len(sizes), info)
	}
	for i, s := range sizes {
		landscape := s[2] > s[3]
		if landscape != (i == 2) {
			t.Errorf("page %s is %s×%s", s[1], s[2], s[3])
		}
	}
	if p := pages(t, pdf)[2]; !strings.Contains(p, "Phụ lục I") || !strings.Contains(p, "Có bài viết song") {
		t.Errorf("landscape page lacks its annex:\n%s", p)
	}
}

func TestMergedCellsPrintOnceWithTheirText(t *testing.T) {
	text := strings.Join(pages(t, render(t, documenttest.Rich())), "\n")
	for _, want := range []string{"Kết quả", "Kế hoạch", "Thực hiện", "Văn phòng Sở", "Tổng cộng", "516", "469"} {
		if c := strings.Count(text, want); c == 0 {
			t.Errorf("%q is missing", want)
		}
	}
	if c := strings.Count(text, "Văn phòng Sở"); c != 1 {
		t.Errorf("a cell merged over two rows prints %d times", c)
	}
}

func TestOversizedAndMalformedContentStillPrints(t *testing.T) {
	tall := make([]string, 120)
	for i := range tall {
		tall[i] = "Dòng thứ " + fmt.Sprintf("%02d", i%100) + " của một ô rất dài"
	}
	d := &document.Document{
		IssuingBody: "SỞ NỘI VỤ",
		Body: []document.Block{
			{Kind: document.KindParagraph, Runs: document.Plain("https://example.gov.vn/" + strings.Repeat("duong-dan-rat-dai-", 20))},
			{Kind: document.KindTable, Table: &document.Table{HeaderRows: 1, Rows: [][]document.Cell{
				{document.TextCell("Cột một"), document.TextCell("Cột hai")},
				{document.TextCell(tall...), {}},
				{{ColSpan: 7, RowSpan: 3, Lines: [][]document.Run{document.Plain("tràn")}}, {Covered: true}},
				{{Covered: true}},
			}}},
			{Kind: document.KindTable, Table: &document.Table{}},
			{Kind: document.KindHeading},
		},
	}
	ps := pages(t, render(t, d))
	if len(ps) < 3 {
		t.Errorf("a cell of 120 lines fits on %d pages", len(ps))
	}
	text := strings.Join(ps, "\n")
	for _, want := range []string{"Dòng thứ 00", "Dòng thứ 19 của một ô rất dài", "tràn", "duong-dan-rat-dai"} {
		if !strings.Contains(text, want) {
			t.Errorf("%q is missing", want)
		}
	}
	for i, p := range ps[1:] {
		if !strings.Contains(p, "Cột một") {
			t.Errorf("page %d continues the split row without the header", i+2)
		}
	}
	render(t, &document.Document{}) // nothing at all still makes a page
}

func TestWordsRunAcrossStyledRunsAndBlankRunsOfSpacesStay(t *testing.T) {
	ws := words([]document.Run{{Text: "ban hành "}, {Text: "Kế hoạch", Bold: true}, {Text: ", ngày      tháng"}}, 14, runStyle{})
	var got []string
	for _, w := range ws {
		s := ""
		for _, sg := range w.segs {
			s += sg.text
		}
		got = append(got, s)
	}
	want := []string{"ban", "hành", "Kế", "hoạch,", "ngày", "     tháng"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("words %q, want %q", got, want)
	}
	if len(ws[3].segs) != 2 || ws[3].segs[0].style != fonts.Bold || ws[3].segs[1].style != fonts.Regular {
		t.Errorf("\"hoạch,\" should be a bold and a regular stretch: %+v", ws[3].segs)
	}
}

func TestWrapFillsLinesAndCutsWordsWiderThanTheColumn(t *testing.T) {
	const size = 14
	ws := words(document.Plain("Sở Khoa học và Công nghệ xây dựng Kế hoạch công tác thông tin "+strings.Repeat("w", 200)), size, runStyle{})
	lines := wrap(ws, 200, 250, size)
	for i, l := range lines {
		limit := 250.0
		if i == 0 {
			limit = 200
		}
		if l.w > limit+0.01 {
			t.Errorf("line %d is %.1f pt wide, the column %.0f", i, l.w, limit)
		}
		if i < len(lines)-1 && l.last {
			t.Errorf("line %d is marked last", i)
		}
	}
	if !lines[len(lines)-1].last {
		t.Error("the last line is not marked last (it must not be justified)")
	}
	var all string
	for _, l := range lines {
		for _, w := range l.words {
			for _, s := range w.segs {
				all += s.text
			}
		}
	}
	if strings.Count(all, "w") != 200 {
		t.Errorf("cutting the long word lost letters: %d w", strings.Count(all, "w"))
	}
	if got := wrap(nil, 100, 100, size); len(got) != 1 || len(got[0].words) != 0 {
		t.Error("an empty paragraph should still take one line")
	}
}

func TestJustifiedLinesReachTheRightMargin(t *testing.T) {
	d := documenttest.SamplePlan()
	p := newWriter(d)
	pa := layoutPara(d.Body[3].Runs, p.textWidth(), 14, runStyle{}, 'J', 28)
	if len(pa.lines) < 3 {
		t.Fatal("the test paragraph should wrap")
	}
	for i, l := range pa.lines[:len(pa.lines)-1] {
		limit := p.textWidth()
		if i == 0 {
			limit -= 28
		}
		// Greedy breaking leaves less than the next word plus a space unused.
		if slack := limit - l.w; slack < 0 || slack > 14*6 {
			t.Errorf("line %d leaves %.1f pt to stretch", i, slack)
		}
	}
	if math.Abs(space(14)-3.5) > 0.01 {
		t.Errorf("a space at 14 pt is %.2f pt", space(14))
	}
}

func TestConcurrentWritesGiveTheSameText(t *testing.T) {
	// Only the creation and modification dates may differ between two writes.
	strip := regexp.MustCompile(`/(CreationDate|ModDate) \([^)]*\)`)
	want := strip.ReplaceAllString(string(render(t, documenttest.Rich())), "")
	var wg sync.WaitGroup
	errs := make(chan string, 4)
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			if err := Write(&buf, documenttest.Rich()); err != nil {
				errs <- err.Error()
				return
			}
			if strip.ReplaceAllString(buf.String(), "") != want {
				errs <- "a concurrent write differs"
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
