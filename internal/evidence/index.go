package evidence

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"loa/internal/document"
	"loa/internal/document/pdf"
	"loa/internal/document/pdf/fonts"
	"loa/internal/document/pdf/layout"
	"loa/internal/document/xlsx"
	"loa/internal/i18n"
	"loa/internal/vn"
)

// The pack's own texts are Vietnamese whatever the language of the screen: they are
// documents handed to the assessors of the PAR Index, as the reports are.

// The columns of the XLSX index, which programs may read back: the order is kept.
var xlsxColumns = []string{"TT", "Hoạt động", "Ngày thực hiện", "Đơn vị", "Loại", "Tệp trong gói / Đường dẫn", "Tên tệp gốc",
	"SHA-256", "Dung lượng (byte)", "Ghi chú"}

// Kinds of index lines, as the Loại column writes them.
const (
	kindFile = "Tệp"
	kindLink = "Đường dẫn"
)

// planName cites the plan as documents do: "Kế hoạch số 01/KH-SKHCN ngày 05/01/2024
// của Sở Khoa học và Công nghệ về công tác …".
func (c *content) planName() string {
	p := c.plan
	s := "Kế hoạch"
	if p.Number != "" {
		s += " số " + p.Number
		if p.Symbol != "" {
			s += "/" + p.Symbol
		}
	}
	if d := p.Date.Date(); !d.IsZero() {
		s += " ngày " + d.Short()
	}
	if c.agency != "" {
		s += " của " + c.agency
	}
	if p.Summary != "" {
		s += " về " + lowerFirst(p.Summary)
	}
	return s
}

// planShort cites the plan briefly, for a title: "Kế hoạch số 01/KH-SKHCN".
func (c *content) planShort() string {
	if c.plan.Number == "" {
		return fmt.Sprintf("Kế hoạch năm %d", c.plan.Year)
	}
	return strings.TrimSuffix("Kế hoạch số "+c.plan.Number+"/"+c.plan.Symbol, "/")
}

func (c *content) periodName() string {
	return c.period.Label().In(i18n.VI) + " (" + c.period.Span() + ")"
}

// lowerFirst lowers the first letter of a summary so it reads inside a sentence
// ("về công tác …"), but leaves an abbreviation as it is ("về CCHC …").
func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	first, n := utf8.DecodeRuneInString(s)
	next, _ := utf8.DecodeRuneInString(s[n:])
	if unicode.IsUpper(next) {
		return s
	}
	return string(unicode.ToLower(first)) + s[n:]
}

// sizeText writes a size the Vietnamese way: "850 byte", "12,4 KB", "3,1 MB".
func sizeText(n int64) string {
	unit, div := "", 1.0
	switch {
	case n >= 1<<20:
		unit, div = "MB", 1<<20
	case n >= 1<<10:
		unit, div = "KB", 1<<10
	default:
		return strconv.FormatInt(n, 10) + " byte"
	}
	s := strings.TrimSuffix(strconv.FormatFloat(float64(n)/div, 'f', 1, 64), ".0")
	return strings.Replace(s, ".", ",", 1) + " " + unit
}

func (it *item) activityText() string { return fmt.Sprintf("%d. %s", it.seq, it.activity) }

// writeXLSX writes the index as a workbook of one flat table, a line per item, so it
// can be filtered, sorted and read by a program.
func (c *content) writeXLSX(w io.Writer, made time.Time) error {
	t := &document.Table{HeaderRows: 1, Widths: []float64{5, 30, 11, 20, 9, 36, 22, 34, 11, 24}}
	head := make([]document.Cell, len(xlsxColumns))
	for i, h := range xlsxColumns {
		head[i] = document.TextCell(h)
	}
	t.Rows = append(t.Rows, head)
	for _, it := range c.items {
		kind, where, hash, size := kindLink, it.link, "", ""
		if it.isFile() {
			kind, where, hash, size = kindFile, it.path, it.hash, strconv.FormatInt(it.size, 10)
		}
		no := document.TextCell(strconv.Itoa(it.no))
		no.Align = "center"
		t.Rows = append(t.Rows, []document.Cell{no, document.TextCell(it.activityText()), document.TextCell(it.day.Short()),
			document.TextCell(it.unit), document.TextCell(kind), document.TextCell(where), document.TextCell(it.name),
			document.TextCell(hash), document.TextCell(size), document.TextCell(it.note)})
	}
	title := "DANH MỤC TÀI LIỆU KIỂM CHỨNG\n" + c.planShort() + " – " + c.periodName() + "\nLập lúc " + vn.DateTime(made)
	return xlsx.WriteTables(w, []xlsx.Sheet{{Name: "Danh mục", Title: title, Table: t, Landscape: true}})
}

// writePDF writes the index as a document in the Decree 30 layout, to print and
// attach to the self-assessment: the items grouped under their activity, each file
// with its place in the pack and its hash, each link with its URL.
func (c *content) writePDF(w io.Writer, sum Summary, made time.Time) error {
	p := c.plan
	local := made.In(vn.Location)
	d := &document.Document{
		ParentBody: p.ParentBody, IssuingBody: p.IssuingBody, Place: p.Place,
		Day: local.Day(), Month: int(local.Month()), Year: local.Year(),
		TypeName: "DANH MỤC",
		Summary:  "Tài liệu kiểm chứng kết quả thực hiện " + c.planShort() + ", " + lowerFirst(c.period.Label().In(i18n.VI)),
	}
	para := func(runs ...document.Run) {
		d.Body = append(d.Body, document.Block{Kind: document.KindParagraph, Runs: runs})
	}
	para(document.Run{Text: "Thực hiện " + c.planName() + "; kỳ " + c.periodName() + "."})
	para(document.Run{Text: fmt.Sprintf("Danh mục liệt kê tài liệu kiểm chứng của %d kết quả đã được duyệt có ngày thực hiện trong kỳ: "+
		"%d tệp (%s) và %d đường dẫn bài viết. Mỗi tệp nằm trong gói tại đường dẫn ghi ở cột «Tài liệu»; "+
		"mã SHA-256 của tệp dùng để kiểm tra tệp không bị sửa đổi kể từ khi đơn vị gửi lên.", sum.Results, sum.Files, sizeText(sum.Bytes), sum.Links)})
	if c.units != nil {
		para(document.Run{Text: "Gói chỉ gồm tài liệu của các đơn vị mà người lập gói được xem."})
	}
	if sum.Problems > 0 {
		para(document.Run{Text: fmt.Sprintf("Có %d tệp không khớp với mã đã lưu hoặc bị thiếu, được ghi «%s» trong danh mục.", sum.Problems, Problem), Bold: true})
	}
	if len(c.items) == 0 {
		para(document.Run{Text: "Trong kỳ chưa có tài liệu kiểm chứng nào.", Italic: true})
	} else {
		d.Body = append(d.Body, document.Block{Kind: document.KindTable, Table: c.pdfTable()})
	}
	para(document.Run{Text: "Danh mục do Loa lập lúc " + vn.DateTime(made) + ".", Italic: true})
	return pdf.Write(w, d)
}

// pdfTable groups the items under a row naming their activity, and splits a hash into
// four lines of sixteen characters: read aloud or compared by eye, it is checked in
// pieces anyway, and the table stays within a portrait page.
func (c *content) pdfTable() *document.Table {
	const cols = 5
	t := &document.Table{HeaderRows: 1, Widths: pdfWidths()}
	t.Rows = append(t.Rows, []document.Cell{document.TextCell("TT"), document.TextCell("Ngày"), document.TextCell("Đơn vị"),
		document.TextCell("Tài liệu"), document.TextCell("SHA-256")})
	seq := -1
	for _, it := range c.items {
		if it.seq != seq {
			seq = it.seq
			group := make([]document.Cell, cols)
			group[0] = document.Cell{Lines: [][]document.Run{{{Text: it.activityText(), Bold: true}}}, ColSpan: cols}
			for i := 1; i < cols; i++ {
				group[i] = document.Cell{Covered: true}
			}
			t.Rows = append(t.Rows, group)
		}
		no := document.TextCell(strconv.Itoa(it.no))
		no.Align = "center"
		var what document.Cell
		hash := document.TextCell()
		if it.isFile() {
			where := it.path
			if where == "" {
				where = "(không có trong gói)"
			}
			what = document.TextCell(where, it.name+" – "+sizeText(it.size))
			for i := 0; i+16 <= len(it.hash); i += 16 {
				hash.Lines = append(hash.Lines, document.Plain(it.hash[i:i+16]))
			}
		} else {
			what = document.TextCell(it.link, "Đường dẫn bài viết")
		}
		if it.note != "" {
			what.Lines = append(what.Lines, []document.Run{{Text: it.note, Bold: true}})
		}
		t.Rows = append(t.Rows, []document.Cell{no, document.TextCell(it.day.Short()), document.TextCell(it.unit), what, hash})
	}
	return t
}

// pdfWidths sizes the PDF index's columns, in points, by what must stay on one line
// — the item's number, a date, a quarter of a hash — measured in the PDF's own font,
// and shares the rest of the portrait page between the unit and the document.
func pdfWidths() []float64 {
	pad := 2*float64(layout.TableCellPad)/20 + 2
	fit := func(style fonts.Style, s string) float64 { return fonts.Points(style, s, layout.TableSize) + pad }
	no := max(fit(fonts.Bold, "TT"), fit(fonts.Regular, "9999"))
	day := fit(fonts.Regular, "00/00/0000")
	hash := 0.0
	for _, c := range "0123456789abcdef" {
		hash = max(hash, fit(fonts.Regular, strings.Repeat(string(c), 16)))
	}
	rest := float64(layout.TextWidth(false))/20 - no - day - hash
	return []float64{no, day, rest * 0.3, rest * 0.7, hash}
}

// writeReadme says what the pack is, for whoever opens it first. Lines end in CRLF:
// the packs are opened in offices on Windows, whose older Notepad shows LF-only text
// as one line.
func (c *content) writeReadme(w io.Writer, sum Summary, made time.Time) error {
	lines := []string{
		"GÓI TÀI LIỆU KIỂM CHỨNG",
		"",
		"Kế hoạch: " + c.planName(),
		"Kỳ: " + c.periodName(),
		"Lập lúc: " + vn.DateTime(made) + " (giờ Việt Nam), bằng Loa",
		"",
		"Gói gồm tài liệu kiểm chứng của các kết quả thực hiện kế hoạch đã được duyệt, có ngày thực hiện trong kỳ,",
		"phục vụ tự đánh giá, chấm điểm Chỉ số cải cách hành chính (PAR Index). Kết quả đang chờ duyệt không có trong gói.",
	}
	if c.units != nil {
		lines = append(lines, "Gói chỉ gồm tài liệu của các đơn vị mà người lập gói được xem.")
	}
	lines = append(lines,
		"",
		"- Mỗi hoạt động của kế hoạch có một thư mục, đánh số theo thứ tự trong kế hoạch.",
		"- Tên tệp: ngày thực hiện - đơn vị - tên tệp gốc, viết không dấu để mở được trên mọi máy.",
		"- "+IndexXLSX+" và "+IndexPDF+" liệt kê từng tài liệu: hoạt động, ngày,",
		"  đơn vị, tệp trong gói hoặc đường dẫn bài viết, tên tệp gốc, mã SHA-256 và dung lượng.",
		"",
		fmt.Sprintf("Số liệu: %d kết quả; %d tệp (%s); %d đường dẫn bài viết; %d tệp lỗi.", sum.Results, sum.Files, sizeText(sum.Bytes), sum.Links, sum.Problems),
	)
	if sum.Problems > 0 {
		lines = append(lines, "Tệp lỗi được ghi «"+Problem+"» trong danh mục: tệp đã bị sửa đổi hoặc không còn trong kho lưu trữ.")
	}
	lines = append(lines,
		"",
		"Kiểm tra một tệp không bị sửa đổi: tính mã SHA-256 của tệp rồi so với mã trong danh mục.",
		`  Windows:  certutil -hashfile "tên tệp" SHA256`,
		`  Linux:    sha256sum "tên tệp"`,
		`  macOS:    shasum -a 256 "tên tệp"`,
	)
	_, err := io.WriteString(w, strings.Join(lines, "\r\n")+"\r\n")
	return err
}
