// Package documenttest holds documents for tests: the sample plan of Sở Khoa học
// và Công nghệ Cần Thơ (testdata/sample-plan-skhcn-cantho-2024.txt at the module
// root) as a Document, a document that uses every feature of the model, and a long
// report for benchmarks.
//
// Modelling choices the fixtures follow: a short numbered or lettered title that
// content follows is a heading (Level 1 "I.", 2 "1.", 3 "a)"); an item whose label
// opens a paragraph of content ("a) Nâng cao nhận thức …", the nine "1. …" topics)
// is a paragraph with that Label.
package documenttest

import "loa/internal/document"

func heading(level int, label, text string) document.Block {
	return document.Block{Kind: document.KindHeading, Level: level, Label: label, Runs: document.Plain(text)}
}

func para(text string) document.Block {
	return document.Block{Kind: document.KindParagraph, Runs: document.Plain(text)}
}

func item(label, text string) document.Block {
	return document.Block{Kind: document.KindParagraph, Label: label, Runs: document.Plain(text)}
}

func center(text string) document.Cell {
	c := document.TextCell(text)
	c.Align = "center"
	return c
}

// coordinating is the list of units the sample names in rows 2–4 of its table.
var coordinating = []string{
	"- Chi cục Tiêu chuẩn Đo lường Chất lượng",
	"- Trung tâm Thông tin khoa học và công nghệ",
	"- Trung tâm Ứng dụng tiến bộ khoa học và công nghệ",
	"- Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng",
	"- Vườn ươm công nghệ công nghiệp Việt Nam - Hàn Quốc",
}

// SamplePlan is the 2024 communication plan of Sở Khoa học và Công nghệ Cần Thơ,
// a draft (no number, no day), as the text sample gives it.
func SamplePlan() *document.Document {
	const year = "Trong năm 2024"
	activity := func(n, form, coord string, lines ...string) []document.Cell {
		c := document.TextCell(coord)
		if len(lines) > 0 {
			c = document.TextCell(lines...)
		}
		return []document.Cell{center(n), document.TextCell(form), document.TextCell("Văn phòng Sở"), c, document.TextCell(year)}
	}
	table := &document.Table{
		Widths:     []float64{6, 24, 19, 30, 21},
		HeaderRows: 1,
		Rows: [][]document.Cell{
			{center("TT"), center("Hình thức tuyên truyền"), center("Cơ quan chủ trì"), center("Cơ quan phối hợp"), center("Thời gian thực hiện")},
			activity("1", "Niêm yết, thông báo trên Cổng thông tin điện tử của Sở và các đơn vị trực thuộc",
				"Chi cục Tiêu chuẩn Đo lường Chất lượng, Trung tâm Thông tin khoa học và công nghệ"),
			activity("2", "Phát tờ gấp tuyên truyền CCHC và TTHC (do Sở Thông tin và Truyền thông cung cấp)", "", coordinating...),
			activity("3", "Dán áp phích (do Sở Văn hóa, Thể thao và Du lịch cung cấp)", "", coordinating...),
			activity("4", "Lồng ghép nội dung CCHC vào các hội nghị, họp, sinh hoạt tuyên truyền, phổ biến, giáo dục pháp luật", "", coordinating...),
			activity("5", "Tham dự Cuộc thi đánh giá năng lực ứng dụng công nghệ thông tin trong hoạt động quản lý, điều hành của cán bộ, công chức, viên chức lãnh đạo, quản lý (nếu có)",
				"Các phòng, đơn vị có liên quan"),
			activity("6", "Tham dự Cuộc thi khảo sát kiến thức cải cách hành chính (nếu có)", "Các phòng, đơn vị có liên quan"),
		},
	}
	return &document.Document{
		ParentBody:  "UBND THÀNH PHỐ CẦN THƠ",
		IssuingBody: "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
		Symbol:      "KH-SKHCN",
		Place:       "Cần Thơ",
		Month:       1,
		Year:        2024,
		TypeName:    "KẾ HOẠCH",
		Summary:     "Công tác thông tin, tuyên truyền cải cách hành chính năm 2024",
		LegalBases: []string{
			"Căn cứ Kế hoạch số 246/KH-UBND ngày 14 tháng 12 năm 2023 của Ủy ban nhân dân thành phố về công tác thông tin, tuyên truyền cải cách hành chính năm 2024.",
		},
		Body: []document.Block{
			para("Sở Khoa học và Công nghệ xây dựng Kế hoạch công tác thông tin, tuyên truyền cải cách hành chính (CCHC) năm 2024 như sau:"),
			heading(1, "I.", "MỤC ĐÍCH, YÊU CẦU"),
			heading(2, "1.", "Mục đích"),
			item("a)", "Nâng cao nhận thức của công chức, viên chức về các mục tiêu, nội dung và trách nhiệm của mình trong thực hiện nhiệm vụ CCHC, tạo sự thống nhất trong tổ chức thực hiện Kế hoạch công tác CCHC của thành phố và của Sở giai đoạn 2021-2025; từ đó, công chức, viên chức có thái độ làm việc tích cực, động cơ đúng đắn, hăng hái tham gia vào công cuộc CCHC của thành phố nói chung và Kế hoạch thực hiện CCHC năm 2024 của Sở nói riêng;"),
			item("b)", "Nâng cao nhận thức CCHC và tăng cường sự tham gia, giám sát của người dân, doanh nghiệp trong triển khai CCHC của cơ quan."),
			heading(2, "2.", "Yêu cầu"),
			item("a)", "Thực hiện công tác thông tin, tuyên truyền có hiệu quả và đúng tiến độ đề ra."),
			item("b)", "Phổ biến, tuyên truyền kịp thời, đầy đủ, thường xuyên, liên tục, rộng khắp, phù hợp với yêu cầu, đặc điểm và nhiệm vụ của từng đối tượng."),
			item("c)", "Lồng ghép việc tuyên truyền CCHC nhà nước với việc phổ biến, tuyên truyền, giáo dục về các chủ trương, chính sách của Đảng và pháp luật của Nhà nước."),
			item("d)", "Đáp ứng kịp thời, đầy đủ nhu cầu của công chức, viên chức và mọi tầng lớp nhân dân trong việc nắm bắt, tìm hiểu thông tin về công tác CCHC nhà nước, nhất là thủ tục hành chính."),
			item("đ)", "Tăng cường lực lượng tham gia công tác tuyên truyền; kết hợp hình thức tuyên truyền truyền thống với ứng dụng công nghệ thông tin vào hoạt động tuyên truyền nhằm mang lại hiệu quả cao nhất."),
			heading(1, "II.", "NỘI DUNG TUYÊN TRUYỀN"),
			para("Công tác thông tin, tuyên truyền CCHC năm 2024 tập trung vào các nội dung trọng tâm sau:"),
			item("1.", "Tuyên truyền, phổ biến sâu rộng về tầm quan trọng, ý nghĩa, mục tiêu và tác động của CCHC đến phát triển kinh tế - xã hội của đất nước; tuyên truyền tình hình triển khai, kết quả, thành tựu trong thực hiện Chương trình tổng thể CCHC nhà nước giai đoạn 2021 - 2030 được ban hành tại Nghị quyết số 76/NQ-CP ngày 15 tháng 7 năm 2021 của Chính phủ, Chỉ thị số 23/CT-TTg ngày 02 tháng 9 năm 2021 của Thủ tướng Chính phủ về việc đẩy mạnh thực hiện Chương trình tổng thể CCHC nhà nước giai đoạn 2021 - 2030, Quyết định số 4168/QĐ-UBND ngày 27 tháng 12 năm 2021 của UBND thành phố ban hành Kế hoạch CCHC thành phố giai đoạn 2021-2025; Chương trình số 26-CTr/TU ngày 31 tháng 12 năm 2021 của Thành ủy Cần Thơ về CCHC, trọng tâm là xây dựng nền hành chính điện tử, hành động, phục vụ."),
			item("2.", "Các quan điểm, chủ trương của Đảng, chính sách pháp luật của Nhà nước về CCHC."),
			item("3.", "Vai trò, trách nhiệm của các cấp ủy đảng, của người đứng đầu cơ quan hành chính các cấp, người đứng đầu các đơn vị sự nghiệp công lập đối với việc triển khai thực hiện nhiệm vụ CCHC."),
			item("4.", "Tuyên truyền, phổ biến các nội dung về cải cách thể chế; cải cách thủ tục hành chính, việc thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính; cải cách tổ chức bộ máy hành chính nhà nước, việc rà soát, điều chỉnh chức năng, nhiệm vụ, quyền hạn và tổ chức, sắp xếp lại cơ quan, đơn vị; tình hình, kết quả triển khai cải cách công vụ, công chức. Các quy định của pháp luật về quản lý, tuyển dụng, sử dụng, khen thưởng, kỷ luật đối với công chức, viên chức trong hệ thống hành chính; quyền, nghĩa vụ và trách nhiệm của công chức, viên chức trong thực hiện công vụ, nhiệm vụ, đặc biệt là trong giải quyết công việc cho cá nhân, tổ chức. Tình hình triển khai các nội dung xây dựng và phát triển Chính quyền điện tử, Chính quyền số, đẩy mạnh ứng dụng công nghệ thông tin trong thực hiện CCHC."),
			item("5.", "Tuyên truyền các giải pháp nâng cao các Chỉ số của thành phố và của Sở, gồm: Chỉ số CCHC (PAR Index), Chỉ số hài lòng của người dân, tổ chức đối với sự phục vụ của các cơ quan hành chính nhà nước (SIPAS); Chỉ số hiệu quả quản trị hành chính công (PAPI), Chỉ số năng lực cạnh tranh cấp tỉnh (PCI) và các Chỉ số khác."),
			item("6.", "Tuyên truyền, biểu dương các mô hình, các tập thể, cá nhân điển hình tiên tiến trong thực hiện nhiệm vụ CCHC cũng như phản ánh những hạn chế, yếu kém trong hoạt động của cơ quan và trong thực thi công vụ của công chức, viên chức."),
			item("7.", "Những kết quả đạt được và những tồn tại, hạn chế, nguyên nhân cũng như tình hình triển khai nhiệm vụ CCHC của cơ quan, đơn vị."),
			item("8.", "Các mô hình, cơ chế đang được triển khai thí điểm, các điển hình tốt trong CCHC ở Trung ương, địa phương và cơ quan, đơn vị."),
			item("9.", "Quy định của pháp luật về mối quan hệ giữa Nhà nước và Nhân dân; quyền, nghĩa vụ và trách nhiệm của cá nhân, tổ chức trong việc tham gia và giám sát tiến trình CCHC."),
			heading(1, "III.", "HÌNH THỨC TUYÊN TRUYỀN"),
			item("1.", "Tuyên truyền trên Trang thông tin điện tử của cơ quan, các đơn vị."),
			item("2.", "Thông qua việc phát tờ gấp, dán pano, áp phích liên quan đến CCHC, phù hợp với từng mục tiêu, yêu cầu, nội dung tuyên truyền, phổ biến đến từng nhóm đối tượng."),
			item("3.", "Thông qua hình thức cử công chức, viên chức tham gia các lớp tập huấn, bồi dưỡng, quán triệt nội dung, kế hoạch thực hiện nhiệm vụ CCHC nhà nước; thông qua cử công chức, viên chức tham gia tổ chức hội thảo, hội nghị về CCHC; lồng ghép nội dung CCHC trong các hội nghị tuyên truyền, phổ biến, giáo dục pháp luật."),
			item("4.", "Đưa nội dung thông tin về tình hình triển khai, kết quả CCHC phù hợp vào chương trình họp giao ban định kỳ của cơ quan."),
			heading(1, "IV.", "MỘT SỐ HOẠT ĐỘNG TUYÊN TRUYỀN TRỌNG TÂM"),
			{Kind: document.KindTable, Table: table},
			heading(1, "V.", "KINH PHÍ THỰC HIỆN"),
			para("Kinh phí thực hiện tuyên truyền CCHC năm 2024 trong nguồn kinh phí hoạt động thường xuyên của cơ quan, đơn vị."),
			heading(1, "VI.", "TỔ CHỨC THỰC HIỆN"),
			heading(2, "1.", "Thủ trưởng các đơn vị"),
			item("a)", "Chủ động triển khai, phối hợp với các đơn vị liên quan thực hiện tốt các hoạt động, nhiệm vụ tuyên truyền theo chức năng và theo phân công;"),
			item("b)", "Lồng ghép nội dung CCHC vào các hội nghị, họp, sinh hoạt tuyên truyền, phổ biến, giáo dục pháp luật tại đơn vị."),
			heading(2, "2.", "Văn phòng Sở"),
			item("a)", "Chủ trì, đôn đốc, kiểm tra việc thực hiện Kế hoạch này, định kỳ báo cáo tình hình thực hiện theo thời gian báo cáo kết quả CCHC về Ủy ban nhân dân thành phố (thông qua Sở Nội vụ);"),
			item("b)", "Hướng dẫn, đôn đốc, kiểm tra công tác thông tin tuyên truyền CCHC của các đơn vị trực thuộc đạt hiệu quả, chất lượng."),
			heading(2, "3.", "Trung tâm Thông tin khoa học và công nghệ"),
			para("Phối hợp với Văn phòng Sở cập nhật đầy đủ, kịp thời các văn bản của Trung ương, của thành phố và của ngành về công tác CCHC trên Trang thông tin điện tử của Sở."),
			para("Trên đây là Kế hoạch công tác thông tin, tuyên truyền CCHC năm 2024 của Sở Khoa học và Công nghệ, trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các phòng, đơn vị phản ánh về Văn phòng Sở để tổng hợp, báo cáo Ban Giám đốc xem xét, giải quyết./."),
		},
		Signer: document.Signer{Title: "GIÁM ĐỐC", Name: "Ngô Anh Tín"},
		Recipients: []string{
			"Sở Thông tin và Truyền thông",
			"Sở Nội vụ",
			"BGĐ Sở KH&CN",
			"Các phòng, đơn vị trực thuộc Sở",
			"Lưu: VT",
		},
	}
}
