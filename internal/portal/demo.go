package portal

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"loa/internal/agency"
	"loa/internal/audit"
	"loa/internal/auth"
	"loa/internal/document"
	"loa/internal/document/pdf"
	"loa/internal/files"
	"loa/internal/library"
	"loa/internal/plan"
	"loa/internal/progress"
	"loa/internal/store"
	"loa/internal/valid"
	"loa/internal/vn"
)

// Demo fills the portal of the demo agency (Sở Khoa học và Công nghệ Cần Thơ, 2024)
// after its plan was issued: news, a procedure guide, a leaflet with its PDF, a good
// practice, the about and contacts pages — written by the centre's editor (bientap)
// and approved by the second editor (duyettin) on dates of early 2024, so that the
// news articles count as results of the plan's website activity — an article still
// waiting for review, and two library documents with their PDF files: the issued plan
// and a notice of the Sở. It does nothing when articles already exist.
func Demo(ctx context.Context, db *store.DB, fs *files.Store, baseURL string) error {
	var n int
	if err := db.Read().QueryRowContext(ctx, `SELECT COUNT(*) FROM portal_articles`).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	agencies := agency.NewStore(db)
	dept, err := agencies.ByAbbr(ctx, "SKHCN")
	if err != nil {
		return fmt.Errorf("portal demo: %w", err)
	}
	users := auth.NewStore(db)
	editor := func(username string) (Editor, error) {
		u, err := users.ByUsername(ctx, username)
		if err != nil {
			return Editor{}, fmt.Errorf("portal demo: user %s: %w", username, err)
		}
		return Editor{ID: u.ID, Name: u.FullName, AgencyID: u.AgencyID}, nil
	}
	writer, err := editor("bientap")
	if err != nil {
		return err
	}
	reviewer, err := editor("duyettin")
	if err != nil {
		return err
	}
	s := NewStore(db, fs, progress.NewStore(db, nil), baseURL)
	at := func(ed Editor) context.Context {
		return audit.WithActor(ctx, audit.Actor{UserID: ed.ID, Name: ed.Name})
	}
	// Each article is written, sent and approved on its day, 9 o'clock to 10.
	publish := func(day vn.Date, in Input, approve bool) error {
		t := time.Date(day.Year, day.Month, day.Day, 9, 0, 0, 0, vn.Location)
		ds := *s
		ds.Now = func() time.Time { return t }
		in.OwnerAgencyID = dept.ID
		a, err := ds.Create(at(writer), in, writer)
		if err != nil {
			return fmt.Errorf("portal demo %q: %w", in.Title, err)
		}
		t = t.Add(30 * time.Minute)
		if a, err = ds.Submit(at(writer), a.ID, a.RowVersion, writer); err != nil {
			return err
		}
		if !approve {
			return nil
		}
		t = t.Add(30 * time.Minute)
		_, err = ds.Publish(at(reviewer), a.ID, a.RowVersion, reviewer, time.Time{})
		return err
	}
	leaflet, err := demoLeafletPDF()
	if err != nil {
		return err
	}
	for _, d := range []struct {
		day     vn.Date
		in      Input
		approve bool
	}{
		{vn.NewDate(2024, time.January, 10), Input{Kind: KindNews, CountsForPlan: true,
			Title:   "Sở Khoa học và Công nghệ ban hành Kế hoạch thông tin, tuyên truyền cải cách hành chính năm 2024",
			Summary: "Kế hoạch đặt mục tiêu để cán bộ, công chức, viên chức và người dân nắm rõ chủ trương cải cách hành chính, cùng tham gia giám sát việc thực hiện.",
			Body: "Ngày 05/01/2024, Sở Khoa học và Công nghệ ban hành Kế hoạch thông tin, tuyên truyền cải cách hành chính (CCHC) năm 2024.\n\n" +
				"## Nội dung trọng tâm\n\n" +
				"- Quan điểm, chủ trương của Đảng và Nhà nước về cải cách hành chính giai đoạn 2021 - 2030.\n" +
				"- Kết quả giải quyết thủ tục hành chính và cung cấp dịch vụ công trực tuyến của Sở.\n" +
				"- Các chỉ số PAR Index, SIPAS, PAPI, PCI và trách nhiệm của từng đơn vị trong việc nâng cao các chỉ số.\n\n" +
				"Kế hoạch giao Văn phòng Sở chủ trì, Trung tâm Thông tin khoa học và công nghệ phối hợp đăng tải thường xuyên tin, bài và văn bản về CCHC trên Trang thông tin điện tử của Sở; các đơn vị lồng ghép nội dung CCHC trong các cuộc họp, sinh hoạt chuyên đề.\n\n" +
				"Toàn văn kế hoạch được đăng trong mục Văn bản của cổng thông tin."}, true},
		{vn.NewDate(2024, time.January, 26), Input{Kind: KindNews, CountsForPlan: true,
			Title:   "Hội nghị quán triệt nhiệm vụ cải cách hành chính năm 2024",
			Summary: "Lãnh đạo Sở đề nghị mỗi đơn vị gắn nhiệm vụ CCHC với kết quả đánh giá, xếp loại cuối năm.",
			Body: "Chiều 25/01/2024, Sở Khoa học và Công nghệ tổ chức hội nghị cán bộ, công chức, viên chức quán triệt Kế hoạch CCHC và Kế hoạch thông tin, tuyên truyền CCHC năm 2024.\n\n" +
				"Tại hội nghị, Văn phòng Sở trình bày các nhiệm vụ trọng tâm: rà soát, đơn giản hóa thủ tục hành chính; tăng tỷ lệ hồ sơ nộp trực tuyến; số hóa hồ sơ, kết quả giải quyết; công khai đầy đủ, kịp thời thông tin trên Trang thông tin điện tử của Sở.\n\n" +
				"Phó Giám đốc Sở đề nghị thủ trưởng các đơn vị trực thuộc phân công cụ thể người thực hiện, báo cáo kết quả đúng hạn và phản ánh kịp thời khó khăn, vướng mắc về Văn phòng Sở."}, true},
		{vn.NewDate(2024, time.February, 5), Input{Kind: KindGuide, CountsForPlan: true,
			Title:   "Hướng dẫn nộp hồ sơ trực tuyến thủ tục của Sở trên Cổng Dịch vụ công",
			Summary: "Các bước để tổ chức, cá nhân nộp hồ sơ, theo dõi tiến độ và nhận kết quả thủ tục hành chính của Sở mà không phải đến trụ sở.",
			Body: "## Trước khi nộp\n\n" +
				"- Có tài khoản định danh điện tử (VNeID) mức độ 2, hoặc tài khoản của Cổng Dịch vụ công quốc gia.\n" +
				"- Chuẩn bị bản điện tử (bản chụp, bản quét rõ nét) của các giấy tờ trong thành phần hồ sơ.\n\n" +
				"## Các bước nộp hồ sơ\n\n" +
				"- Bước 1: Đăng nhập Cổng Dịch vụ công, chọn cơ quan thực hiện là Sở Khoa học và Công nghệ thành phố Cần Thơ.\n" +
				"- Bước 2: Chọn thủ tục cần thực hiện, đọc kỹ thành phần hồ sơ, lệ phí và thời hạn giải quyết được công bố.\n" +
				"- Bước 3: Điền tờ khai điện tử, đính kèm các tệp giấy tờ, kiểm tra lại rồi bấm Nộp hồ sơ.\n" +
				"- Bước 4: Thanh toán lệ phí trực tuyến (nếu thủ tục có lệ phí).\n" +
				"- Bước 5: Theo dõi tình trạng hồ sơ bằng mã hồ sơ được gửi qua thư điện tử hoặc tin nhắn; nhận kết quả điện tử hoặc qua dịch vụ bưu chính.\n\n" +
				"Khi cần hỗ trợ, người dân liên hệ Bộ phận tiếp nhận và trả kết quả của Sở theo số điện thoại trong mục Liên hệ."}, true},
		{vn.NewDate(2024, time.February, 20), Input{Kind: KindLeaflet, CountsForPlan: true,
			Title:   "Tờ gấp: Dịch vụ công trực tuyến - nhanh hơn, minh bạch hơn",
			Summary: "Tờ gấp giới thiệu lợi ích của dịch vụ công trực tuyến và các bước nộp hồ sơ, để in và phát tại Bộ phận một cửa.",
			Body:    "Tờ gấp khổ A4 gấp ba, dùng để in và phát cho người dân, doanh nghiệp đến giao dịch tại Bộ phận một cửa của Sở.",
			File:    &Upload{Name: "to-gap-dich-vu-cong-truc-tuyen.pdf", Data: leaflet}}, true},
		{vn.NewDate(2024, time.March, 8), Input{Kind: KindPractice, CountsForPlan: true,
			Title:   "Mô hình hay: «Cán bộ đồng hành» hướng dẫn người dân nộp hồ sơ trực tuyến tại Bộ phận một cửa",
			Summary: "Một máy tính và một cán bộ hướng dẫn trực tiếp đã giúp nhiều người lần đầu tự nộp được hồ sơ trực tuyến.",
			Body: "Từ đầu năm 2024, Bộ phận một cửa của Sở bố trí một máy tính kết nối Internet và phân công cán bộ trực, hướng dẫn từng bước cho người đến nộp hồ sơ giấy chuyển sang nộp trực tuyến.\n\n" +
				"Người dân được hướng dẫn kích hoạt tài khoản định danh điện tử, chụp giấy tờ bằng điện thoại và theo dõi hồ sơ bằng mã được cấp. Sau lần đầu có người hướng dẫn, phần lớn người dân tự nộp được những lần sau tại nhà.\n\n" +
				"Mô hình ít tốn kém, dễ làm theo; Sở khuyến khích các đơn vị trực thuộc có tiếp nhận hồ sơ áp dụng và đề xuất khen thưởng cá nhân có nhiều đóng góp."}, true},
		{vn.NewDate(2024, time.January, 8), Input{Kind: KindPage,
			Title: "Giới thiệu",
			Body: "Cổng thông tin cải cách hành chính của Sở Khoa học và Công nghệ thành phố Cần Thơ đăng tải tin tức, văn bản chỉ đạo, hướng dẫn thủ tục hành chính, ấn phẩm tuyên truyền và các mô hình hay về cải cách hành chính.\n\n" +
				"Trung tâm Thông tin khoa học và công nghệ biên tập và cập nhật nội dung; mọi tin bài đều được một biên tập viên thứ hai duyệt trước khi đăng."}, true},
		{vn.NewDate(2024, time.January, 8), Input{Kind: KindPage,
			Title: "Liên hệ",
			Body: "## Sở Khoa học và Công nghệ thành phố Cần Thơ\n\n" +
				"Bộ phận tiếp nhận và trả kết quả thủ tục hành chính: làm việc các ngày từ thứ Hai đến thứ Sáu (trừ ngày nghỉ lễ), sáng từ 7 giờ đến 11 giờ, chiều từ 13 giờ đến 17 giờ.\n\n" +
				"## Góp ý về nội dung cổng thông tin\n\n" +
				"Trung tâm Thông tin khoa học và công nghệ tiếp nhận góp ý về tin bài, văn bản đăng trên cổng thông tin. Phản ánh, kiến nghị về thủ tục hành chính xin gửi qua mục Phản ánh, kiến nghị."}, true},
		{vn.NewDate(2024, time.April, 2), Input{Kind: KindNews, CountsForPlan: true,
			Title:   "Kết quả giải quyết thủ tục hành chính quý I năm 2024",
			Summary: "Toàn bộ hồ sơ tiếp nhận trong quý được giải quyết đúng hạn.",
			Body:    "Trong quý I năm 2024, Sở tiếp nhận và giải quyết hồ sơ thủ tục hành chính đúng hạn; tỷ lệ hồ sơ nộp trực tuyến tiếp tục tăng so với cùng kỳ.\n\nSố liệu chi tiết được công khai trên Cổng Dịch vụ công của thành phố."}, false},
	} {
		if err := publish(d.day, d.in, d.approve); err != nil {
			return err
		}
	}
	if err := demoAcceptCounted(ctx, db, users); err != nil {
		return err
	}
	return demoDocuments(ctx, db, s, writer, dept)
}

// demoAcceptCounted has the office accept the results the demo's publications recorded,
// as it did back then: the demo's year is long reviewed.
func demoAcceptCounted(ctx context.Context, db *store.DB, users *auth.Store) error {
	office, err := users.ByUsername(ctx, "vanphong")
	if err != nil {
		return fmt.Errorf("portal demo: %w", err)
	}
	rows, err := db.Read().QueryContext(ctx, `SELECT r.id, r.row_version FROM portal_article_results p
		JOIN results r ON r.id = p.result_id WHERE r.status = 'submitted' ORDER BY r.id`)
	if err != nil {
		return err
	}
	type pending struct {
		id      string
		version int
	}
	var list []pending
	for rows.Next() {
		var p pending
		if err := rows.Scan(&p.id, &p.version); err != nil {
			rows.Close()
			return err
		}
		list = append(list, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	results := progress.NewStore(db, nil)
	actx := audit.WithActor(ctx, audit.Actor{UserID: office.ID, Name: office.FullName})
	for _, p := range list {
		if _, err := results.Accept(actx, p.id, p.version); err != nil {
			return fmt.Errorf("portal demo: accept %s: %w", p.id, err)
		}
	}
	return nil
}

// demoDocuments adds the issued plan and a notice of the Sở to the library, each with
// its PDF written by Loa's own document writer.
func demoDocuments(ctx context.Context, db *store.DB, s *Store, ed Editor, dept *agency.Agency) error {
	lib := library.NewStore(db)
	ctx = audit.WithActor(ctx, audit.Actor{UserID: ed.ID, Name: ed.Name})
	add := func(in library.Input, d *document.Document, name string) error {
		e, err := lib.Create(ctx, in)
		if err != nil {
			return fmt.Errorf("portal demo document %s: %w", in.NumberSymbol, err)
		}
		var buf bytes.Buffer
		if err := pdf.Write(&buf, d); err != nil {
			return err
		}
		_, err = s.AttachDocFile(ctx, e.ID, Upload{Name: name, Data: buf.Bytes()}, ed)
		return err
	}
	plans := plan.NewStore(db)
	list, err := plans.List(ctx, []string{dept.ID}, 2024)
	if err != nil {
		return err
	}
	for _, sum := range list {
		if sum.Status != plan.StatusInEffect && sum.Status != plan.StatusIssued {
			continue
		}
		p, err := plans.Get(ctx, sum.ID)
		if err != nil {
			return err
		}
		d := p.Date.Date()
		err = add(library.Input{NumberSymbol: p.Number + "/" + p.Symbol, Issuer: dept.Name, IssuedOn: d.Short(), Summary: p.Summary,
			Scope: library.ScopeOwn, OwnerAgencyID: dept.ID}, plan.ToDocument(p), "ke-hoach-tuyen-truyen-cchc-2024.pdf")
		if err != nil && !isDuplicate(err) {
			return err
		}
		break
	}
	notice := &document.Document{
		ParentBody: "UBND THÀNH PHỐ CẦN THƠ", IssuingBody: "SỞ KHOA HỌC VÀ CÔNG NGHỆ", Number: "15", Symbol: "TB-SKHCN",
		Place: "Cần Thơ", Day: 20, Month: 2, Year: 2024, TypeName: "THÔNG BÁO",
		Summary: "Về việc tiếp nhận hồ sơ thủ tục hành chính trực tuyến",
		Body: []document.Block{
			demoParagraph("Thực hiện Kế hoạch thông tin, tuyên truyền cải cách hành chính năm 2024, Sở Khoa học và Công nghệ thông báo đến các tổ chức, cá nhân như sau:"),
			demoParagraph("1. Các thủ tục hành chính thuộc thẩm quyền giải quyết của Sở được tiếp nhận trực tuyến trên Cổng Dịch vụ công; tổ chức, cá nhân được khuyến khích nộp hồ sơ trực tuyến thay cho nộp trực tiếp."),
			demoParagraph("2. Bộ phận tiếp nhận và trả kết quả của Sở bố trí cán bộ hướng dẫn người dân nộp hồ sơ trực tuyến trong giờ hành chính."),
			demoParagraph("3. Mọi phản ánh, kiến nghị về việc tiếp nhận, giải quyết hồ sơ xin gửi về Văn phòng Sở để được xem xét, trả lời."),
		},
		Signer:     document.Signer{Authority: "KT. GIÁM ĐỐC", Title: "PHÓ GIÁM ĐỐC", Name: "Phạm Minh Quang"},
		Recipients: []string{"Các tổ chức, cá nhân có liên quan", "Trang thông tin điện tử của Sở", "Lưu: VT, VP"},
	}
	err = add(library.Input{NumberSymbol: "15/TB-SKHCN", Issuer: dept.Name, IssuedOn: "20/02/2024",
		Summary: "Thông báo về việc tiếp nhận hồ sơ thủ tục hành chính trực tuyến", Scope: library.ScopeOwn, OwnerAgencyID: dept.ID},
		notice, "15-TB-SKHCN.pdf")
	if err != nil && !isDuplicate(err) {
		return err
	}
	return nil
}

// isDuplicate tells whether the library already holds the document.
func isDuplicate(err error) bool {
	var ve *valid.Error
	if !errors.As(err, &ve) {
		return false
	}
	m, ok := ve.Fields["number_symbol"]
	return ok && strings.HasPrefix(m.Key, "library.duplicate")
}

func demoParagraph(text string) document.Block {
	return document.Block{Kind: document.KindParagraph, Runs: []document.Run{{Text: text}}}
}

// demoLeafletPDF is the leaflet's printable file.
func demoLeafletPDF() ([]byte, error) {
	d := &document.Document{
		IssuingBody: "SỞ KHOA HỌC VÀ CÔNG NGHỆ", TypeName: "TỜ GẤP TUYÊN TRUYỀN",
		Summary: "Dịch vụ công trực tuyến - nhanh hơn, minh bạch hơn",
		Body: []document.Block{
			{Kind: document.KindHeading, Level: 2, Label: "1.", Runs: []document.Run{{Text: "Vì sao nên nộp hồ sơ trực tuyến?", Bold: true}}},
			{Kind: document.KindBullet, Level: 1, Runs: []document.Run{{Text: "Nộp hồ sơ mọi lúc, mọi nơi, không phải xếp hàng."}}},
			{Kind: document.KindBullet, Level: 1, Runs: []document.Run{{Text: "Biết hồ sơ đang ở bước nào bằng mã hồ sơ."}}},
			{Kind: document.KindBullet, Level: 1, Runs: []document.Run{{Text: "Nhận kết quả điện tử hoặc qua bưu điện."}}},
			{Kind: document.KindHeading, Level: 2, Label: "2.", Runs: []document.Run{{Text: "Ba bước đơn giản", Bold: true}}},
			{Kind: document.KindBullet, Level: 1, Runs: []document.Run{{Text: "Đăng nhập bằng tài khoản định danh điện tử (VNeID)."}}},
			{Kind: document.KindBullet, Level: 1, Runs: []document.Run{{Text: "Chọn thủ tục, điền tờ khai, đính kèm giấy tờ."}}},
			{Kind: document.KindBullet, Level: 1, Runs: []document.Run{{Text: "Theo dõi hồ sơ và nhận kết quả."}}},
			demoParagraph("Cần hỗ trợ? Cán bộ Bộ phận một cửa của Sở luôn sẵn sàng hướng dẫn."),
		},
	}
	var buf bytes.Buffer
	if err := pdf.Write(&buf, d); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
