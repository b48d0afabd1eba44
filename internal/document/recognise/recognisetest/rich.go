// Package recognisetest holds the documents the readers' tests write and read back.
package recognisetest

import (
	"loa/internal/document"
)

// Rich is a document that uses every part of the model: both header bodies, a
// number, a full date, Kính gửi, legal bases, headings at every level with the
// letters d and đ, bullets at two levels, styled runs, a table with a header row,
// merged cells, a cell of several lines and a totals row, a signer signing on behalf
// of the director, recipients and a landscape annex. Its runs are as readers give
// them: a space between two runs ends the earlier one.
func Rich() *document.Document {
	p := document.Plain
	h := func(level int, label, text string) document.Block {
		return document.Block{Kind: document.KindHeading, Level: level, Label: label, Runs: p(text)}
	}
	para := func(runs ...document.Run) document.Block {
		return document.Block{Kind: document.KindParagraph, Runs: runs}
	}
	bullet := func(level int, text string) document.Block {
		return document.Block{Kind: document.KindBullet, Level: level, Runs: p(text)}
	}
	cell := document.TextCell
	activities := &document.Table{
		Widths:     []float64{1, 5, 3, 4, 2},
		HeaderRows: 1,
		HasTotals:  true,
		Rows: [][]document.Cell{
			{cell("TT"), cell("Hình thức tuyên truyền"), cell("Cơ quan chủ trì"), cell("Cơ quan phối hợp"), cell("Thời gian")},
			{withAlign(cell("1"), "center"), cell("Đăng tin trên Trang thông tin điện tử"), cell("Văn phòng Sở"),
				cell("- Chi cục Tiêu chuẩn Đo lường Chất lượng", "- Vườn ươm công nghệ công nghiệp Việt Nam - Hàn Quốc"), withRowSpan(cell("Trong năm 2024"), 2)},
			{withAlign(cell("2"), "center"), cell("Tham dự Cuộc thi khảo sát kiến thức (nếu có)"), cell("Văn phòng Sở"), cell("Các phòng, đơn vị có liên quan"), {Covered: true}},
			{withColSpan(cell("Cộng"), 3), {Covered: true}, {Covered: true}, cell("2 hoạt động"), {}},
		},
	}
	return &document.Document{
		ParentBody:  "ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ",
		IssuingBody: "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
		Number:      "12",
		Symbol:      "KH-SKHCN",
		Place:       "Cần Thơ",
		Day:         5,
		Month:       1,
		Year:        2024,
		TypeName:    "KẾ HOẠCH",
		Summary:     "Công tác thông tin, tuyên truyền cải cách hành chính năm 2024",
		KinhGui:     []string{"Sở Nội vụ", "Văn phòng Ủy ban nhân dân thành phố"},
		LegalBases: []string{
			"Căn cứ Kế hoạch số 246/KH-UBND ngày 14 tháng 12 năm 2023 của Ủy ban nhân dân thành phố;",
			"Căn cứ Quyết định số 4168/QĐ-UBND ngày 27 tháng 12 năm 2021 của UBND thành phố.",
		},
		Body: []document.Block{
			para(document.Run{Text: "Sở Khoa học và Công nghệ xây dựng Kế hoạch "}, document.Run{Text: "như sau", Bold: true}, document.Run{Text: ":"}),
			h(1, "I.", "MỤC ĐÍCH, YÊU CẦU"),
			h(2, "1.", "Mục đích"),
			h(3, "a)", "Nâng cao nhận thức về cải cách hành chính;"),
			h(3, "b)", "Tăng cường sự tham gia của người dân."),
			h(2, "2.", "Yêu cầu"),
			h(3, "a)", "Thực hiện có hiệu quả;"),
			h(3, "b)", "Kịp thời, đầy đủ;"),
			h(3, "c)", "Lồng ghép với phổ biến pháp luật;"),
			h(3, "d)", "Đáp ứng nhu cầu thông tin;"),
			h(3, "đ)", "Tăng cường lực lượng tham gia."),
			bullet(1, "Trang thông tin điện tử của Sở;"),
			bullet(2, "chuyên mục cải cách hành chính;"),
			h(3, "2.1.", "Chỉ số PAR Index"),
			para(document.Run{Text: "Chỉ số được công bố "}, document.Run{Text: "hằng năm ", Italic: true}, document.Run{Text: "vào quý II."}),
			h(1, "II.", "HOẠT ĐỘNG TRỌNG TÂM"),
			{Kind: document.KindTable, Table: activities},
			h(1, "III.", "TỔ CHỨC THỰC HIỆN"),
			para(p("Trên đây là Kế hoạch công tác thông tin, tuyên truyền năm 2024 của Sở./.")...),
		},
		Signer:     document.Signer{Authority: "KT. GIÁM ĐỐC", Title: "PHÓ GIÁM ĐỐC", Name: "Nguyễn Văn An"},
		Recipients: []string{"Sở Nội vụ", "BGĐ Sở KH&CN", "Lưu: VT, VP"},
		Annexes: []document.Annex{{
			Title:     "Phụ lục I",
			Subtitle:  "Danh mục tin bài năm 2024",
			Landscape: true,
			Body: []document.Block{
				{Kind: document.KindTable, Table: &document.Table{HeaderRows: 1, Rows: [][]document.Cell{
					{cell("TT"), cell("Tin bài"), cell("Quý")},
					{cell("1"), cell("Kết quả PAR Index 2023"), cell("I")},
				}}},
				para(p("Số liệu tính đến ngày 14 tháng 12 năm 2024.")...),
			},
		}},
	}
}

func withAlign(c document.Cell, a string) document.Cell { c.Align = a; return c }
func withRowSpan(c document.Cell, n int) document.Cell  { c.RowSpan = n; return c }
func withColSpan(c document.Cell, n int) document.Cell  { c.ColSpan = n; return c }

// Unstyled is what plain text keeps of d: no bold or italics, a cell's lines joined by
// a space, no merged cells (the cells they covered are empty), no widths, alignment,
// totals row or landscape pages.
func Unstyled(d *document.Document) *document.Document {
	out := *d
	out.Body = unstyledBlocks(d.Body)
	out.Annexes = nil
	for _, a := range d.Annexes {
		a.Landscape = false
		a.Body = unstyledBlocks(a.Body)
		out.Annexes = append(out.Annexes, a)
	}
	return &out
}

func unstyledBlocks(bs []document.Block) []document.Block {
	out := make([]document.Block, len(bs))
	for i, b := range bs {
		if b.Runs != nil {
			b.Runs = document.Plain(document.Text(b.Runs))
		}
		if b.Table != nil {
			t := *b.Table
			t.Widths, t.HasTotals = nil, false
			t.Rows = make([][]document.Cell, len(b.Table.Rows))
			for r, row := range b.Table.Rows {
				t.Rows[r] = make([]document.Cell, len(row))
				for c, cell := range row {
					if text := joinLines(cell); text != "" {
						t.Rows[r][c] = document.TextCell(text)
					}
				}
			}
			b.Table = &t
		}
		out[i] = b
	}
	return out
}

func joinLines(c document.Cell) string {
	s := ""
	for _, l := range c.Lines {
		if s != "" {
			s += " "
		}
		s += document.Text(l)
	}
	return s
}
