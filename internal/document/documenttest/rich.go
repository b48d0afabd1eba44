package documenttest

import (
	"fmt"

	"loa/internal/document"
)

// Rich is a report that uses every part of the model: a numbered and dated
// header, addressees, legal bases, headings of every level (with "đ)"), styled
// runs and characters XML must escape, bullets, a table with two header rows,
// horizontal and vertical merges, an empty cell, right-aligned figures and a
// totals row, a signer signing on behalf of the head, and two annexes, the first
// landscape.
func Rich() *document.Document {
	merged := func(text string, cols, rows int) document.Cell {
		c := document.TextCell(text)
		c.ColSpan, c.RowSpan = cols, rows
		return c
	}
	covered := document.Cell{Covered: true}
	results := &document.Table{
		Widths:     []float64{1, 5, 3, 2, 2},
		HeaderRows: 2,
		HasTotals:  true,
		Rows: [][]document.Cell{
			{merged("TT", 1, 2), merged("Hoạt động", 1, 2), merged("Đơn vị chủ trì", 1, 2), merged("Kết quả", 2, 1), covered},
			{covered, covered, covered, document.TextCell("Kế hoạch"), document.TextCell("Thực hiện")},
			{center("1"), document.TextCell("Đăng tin trên Trang thông tin điện tử"), merged("Văn phòng Sở", 1, 2), right("12"), right("15")},
			{center("2"), document.TextCell("Phát tờ gấp", "(do Sở Thông tin và Truyền thông cung cấp)"), covered, right("500"), right("450")},
			{center("3"), document.TextCell("Hội nghị lồng ghép"), {}, right("4"), right("4")},
			{merged("Tổng cộng", 3, 1), covered, covered, right("516"), right("469")},
		},
	}
	wide := &document.Table{
		Widths:     []float64{1, 5, 2, 2, 2, 2, 4},
		HeaderRows: 1,
		Rows: [][]document.Cell{
			{center("TT"), center("Đơn vị"), center("Quý I"), center("Quý II"), center("Quý III"), center("Quý IV"), center("Ghi chú")},
			{center("1"), document.TextCell("Chi cục Tiêu chuẩn Đo lường Chất lượng"), right("3"), right("2"), right("4"), right("3"), document.TextCell("")},
			{center("2"), document.TextCell("Trung tâm Thông tin khoa học và công nghệ"), right("5"), right("6"), right("5"), right("7"), document.TextCell("Có bài viết song ngữ")},
		},
	}
	return &document.Document{
		ParentBody:  "UBND THÀNH PHỐ CẦN THƠ",
		IssuingBody: "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
		Number:      "12",
		Symbol:      "BC-SKHCN",
		Place:       "Cần Thơ",
		Day:         5,
		Month:       1,
		Year:        2024,
		TypeName:    "BÁO CÁO",
		Summary:     "Kết quả công tác thông tin, tuyên truyền cải cách hành chính quý I năm 2024",
		KinhGui:     []string{"Ủy ban nhân dân thành phố Cần Thơ", "Sở Nội vụ thành phố Cần Thơ"},
		LegalBases: []string{
			"Căn cứ Kế hoạch số 246/KH-UBND ngày 14 tháng 12 năm 2023 của Ủy ban nhân dân thành phố;",
			"Căn cứ Kế hoạch số 05/KH-SKHCN ngày 10 tháng 01 năm 2024 của Sở Khoa học và Công nghệ.",
		},
		Body: []document.Block{
			para("Sở Khoa học và Công nghệ báo cáo kết quả như sau:"),
			heading(1, "I.", "KẾT QUẢ THỰC HIỆN"),
			heading(2, "1.", "Công tác chỉ đạo, điều hành"),
			{Kind: document.KindParagraph, Runs: []document.Run{
				{Text: "Sở đã ban hành "},
				{Text: "Kế hoạch số 05/KH-SKHCN", Bold: true},
				{Text: " và hướng dẫn các đơn vị "},
				{Text: "(theo Công văn số 15/SKHCN-VP)", Italic: true},
				{Text: "; tỉ lệ hoàn thành đạt 100 % & không có đơn vị <chậm> báo cáo."},
			}},
			heading(3, "đ)", "Tuyên truyền trên mạng xã hội"),
			{Kind: document.KindBullet, Level: 1, Runs: document.Plain("Trang Zalo chính thức: 24 tin;")},
			{Kind: document.KindBullet, Level: 2, Runs: document.Plain("trong đó 6 tin có video ngắn;")},
			{Kind: document.KindBullet, Level: 1, Runs: document.Plain("Trang Facebook: 30 tin.")},
			heading(2, "2.", "Kết quả cụ thể"),
			{Kind: document.KindTable, Table: results},
			heading(1, "II.", "PHƯƠNG HƯỚNG QUÝ II"),
			para("Tiếp tục thực hiện các nội dung của Kế hoạch; tập trung vào các hình thức tuyên truyền mới."),
		},
		Signer: document.Signer{Authority: "KT. GIÁM ĐỐC", Title: "PHÓ GIÁM ĐỐC", Name: "Trần Thị Bích Ngọc"},
		Recipients: []string{
			"Như trên;",
			"Ban Giám đốc Sở",
			"Lưu: VT, VP.",
		},
		Annexes: []document.Annex{
			{Title: "Phụ lục I", Subtitle: "Số tin, bài theo đơn vị và quý", Landscape: true, Body: []document.Block{
				{Kind: document.KindTable, Table: wide},
			}},
			{Title: "Phụ lục II", Subtitle: "Danh sách tài liệu kiểm chứng", Body: []document.Block{
				item("1.", "Kế hoạch số 05/KH-SKHCN ngày 10 tháng 01 năm 2024."),
				item("2.", "Ảnh chụp hội nghị lồng ghép ngày 20 tháng 3 năm 2024."),
			}},
		},
	}
}

// CongVan is an official letter: no type name, its "V/v" summary under the number,
// one addressee.
func CongVan() *document.Document {
	return &document.Document{
		ParentBody:  "UBND THÀNH PHỐ CẦN THƠ",
		IssuingBody: "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
		Number:      "05",
		Symbol:      "SKHCN-VP",
		Place:       "Cần Thơ",
		Day:         9,
		Month:       2,
		Year:        2024,
		Summary:     "V/v báo cáo kết quả công tác tuyên truyền cải cách hành chính",
		KinhGui:     []string{"Các phòng, đơn vị trực thuộc Sở"},
		Body: []document.Block{
			para("Để tổng hợp báo cáo Ủy ban nhân dân thành phố, Sở Khoa học và Công nghệ đề nghị các phòng, đơn vị báo cáo kết quả trước ngày 14 tháng 3 năm 2024./."),
		},
		Signer:     document.Signer{Authority: "TL. GIÁM ĐỐC", Title: "CHÁNH VĂN PHÒNG", Name: "Lê Văn Bình"},
		Recipients: []string{"Như trên", "Lưu: VT, VP"},
	}
}

// Report is a long yearly report, about 20 pages in print: sections of headings
// and paragraphs and a table of 80 activities, for the writers' benchmarks.
func Report() *document.Document {
	d := SamplePlan()
	d.TypeName, d.Number, d.Symbol = "BÁO CÁO", "45", "BC-SKHCN"
	d.Summary = "Kết quả công tác thông tin, tuyên truyền cải cách hành chính năm 2024"
	d.Body = nil
	roman := []string{"I.", "II.", "III.", "IV.", "V.", "VI."}
	const text = "Trong năm, các phòng, đơn vị đã triển khai đầy đủ các nội dung tuyên truyền theo Kế hoạch; " +
		"nội dung tuyên truyền tập trung vào cải cách thủ tục hành chính, chuyển đổi số và các Chỉ số PAR Index, SIPAS, PAPI, PCI; " +
		"hình thức tuyên truyền đa dạng, kết hợp tuyên truyền trực tiếp với tuyên truyền trên Trang thông tin điện tử và mạng xã hội. "
	for s, r := range roman {
		d.Body = append(d.Body, heading(1, r, fmt.Sprintf("NỘI DUNG THỨ %d CỦA BÁO CÁO", s+1)))
		for k := 1; k <= 2; k++ {
			d.Body = append(d.Body, heading(2, fmt.Sprintf("%d.", k), "Kết quả theo nhóm nhiệm vụ"))
			for p := 0; p < 2; p++ {
				d.Body = append(d.Body, document.Block{Kind: document.KindParagraph, Runs: []document.Run{
					{Text: text}, {Text: "Kết quả nổi bật: ", Bold: true}, {Text: text + text, Italic: p == 1},
				}})
			}
			d.Body = append(d.Body, document.Block{Kind: document.KindBullet, Level: 1, Runs: document.Plain("Số tin, bài đã đăng: 24;")},
				document.Block{Kind: document.KindBullet, Level: 1, Runs: document.Plain("Số hội nghị có lồng ghép nội dung cải cách hành chính: 6.")})
		}
	}
	t := &document.Table{Widths: []float64{6, 30, 14, 34, 16}, HeaderRows: 1, HasTotals: true}
	t.Rows = append(t.Rows, []document.Cell{center("TT"), center("Hoạt động"), center("Chủ trì"), center("Phối hợp"), center("Kết quả")})
	sum := 0
	for i := 1; i <= 80; i++ {
		sum += i % 7
		coord := document.TextCell(coordinating[:1+i%len(coordinating)]...)
		t.Rows = append(t.Rows, []document.Cell{center(fmt.Sprint(i)),
			document.TextCell(fmt.Sprintf("Hoạt động số %d về cải cách hành chính", i)),
			document.TextCell("Văn phòng Sở"), coord, right(fmt.Sprint(i % 7))})
	}
	totals := []document.Cell{{Lines: [][]document.Run{document.Plain("Tổng cộng")}, ColSpan: 4}, {Covered: true}, {Covered: true}, {Covered: true}, right(fmt.Sprint(sum))}
	t.Rows = append(t.Rows, totals)
	d.Body = append(d.Body, heading(1, "VII.", "DANH MỤC HOẠT ĐỘNG"), document.Block{Kind: document.KindTable, Table: t})
	return d
}

func right(text string) document.Cell {
	c := document.TextCell(text)
	c.Align = "right"
	return c
}
