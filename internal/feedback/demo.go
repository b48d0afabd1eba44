package feedback

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"time"

	"loa/internal/audit"
	"loa/internal/store"
)

// demoItem is one feedback of the demo and how far it went.
type demoItem struct {
	daysAgo       int
	topic, kind   string
	name, contact string
	org, address  string
	content       string
	unit          string // abbreviation of the unit below the department it is assigned to, "" for none
	note          string
	answerAfter   int // days after receipt it was answered; 0: not answered
	answer        string
	reject        string
	publish       *Publication
}

var demoItems = []demoItem{
	{
		daysAgo: 32, topic: "procedure", kind: SenderCitizen, name: "Lê Văn Tư", contact: "0939 214 578",
		address: "Phường An Hòa, quận Ninh Kiều",
		content: "Tôi bán tạp hóa ở chợ An Hòa, dùng một cân đồng hồ lò xo loại 30 kg để mua bán hằng ngày. " +
			"Xin hỏi cân này có bắt buộc phải kiểm định không, mang đi kiểm định ở đâu, bao lâu phải kiểm định lại và có mất phí không?\n" +
			"Tôi cảm ơn.",
		unit: "TTKT", note: "Đề nghị Trung tâm trả lời, nêu rõ nơi tiếp nhận và lịch kiểm định tại chợ nếu có.",
		answerAfter: 5,
		answer: "Kính gửi ông Lê Văn Tư,\n" +
			"Cân đồng hồ lò xo dùng trong mua bán là phương tiện đo thuộc danh mục phải kiểm định theo quy định của Bộ Khoa học và Công nghệ " +
			"về phương tiện đo nhóm 2 (Thông tư số 23/2013/TT-BKHCN, đã được sửa đổi, bổ sung). Chu kỳ kiểm định đối với cân đồng hồ lò xo là 12 tháng.\n" +
			"Ông có thể mang cân đến Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng trong giờ hành chính, hoặc chờ đợt kiểm định lưu động tại chợ; " +
			"lịch kiểm định lưu động được thông báo qua Ban quản lý chợ. Phí kiểm định thu theo biểu phí hiện hành và được niêm yết tại nơi tiếp nhận.\n" +
			"Trân trọng.",
		publish: &Publication{
			Title: "Cân đồng hồ lò xo dùng ở chợ có phải kiểm định không?",
			Question: "Tôi bán tạp hóa ở chợ, dùng một cân đồng hồ lò xo loại 30 kg để mua bán hằng ngày. " +
				"Cân này có bắt buộc phải kiểm định không, kiểm định ở đâu, bao lâu phải kiểm định lại và có mất phí không?",
			Answer: "Cân đồng hồ lò xo dùng trong mua bán là phương tiện đo thuộc danh mục phải kiểm định theo quy định của Bộ Khoa học và Công nghệ " +
				"về phương tiện đo nhóm 2 (Thông tư số 23/2013/TT-BKHCN, đã được sửa đổi, bổ sung). Chu kỳ kiểm định đối với cân đồng hồ lò xo là 12 tháng.\n" +
				"Người sử dụng có thể mang cân đến Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng trong giờ hành chính, hoặc chờ đợt kiểm định lưu động tại chợ; " +
				"lịch kiểm định lưu động được thông báo qua Ban quản lý chợ. Phí kiểm định thu theo biểu phí hiện hành và được niêm yết tại nơi tiếp nhận.",
		},
	},
	{
		daysAgo: 6, topic: "online_service", kind: SenderBusiness, name: "Nguyễn Thị Mỹ Linh", contact: "linh.nguyen@thanhdatfood.vn",
		org: "Công ty TNHH Thực phẩm Thành Đạt",
		content: "Chúng tôi nộp hồ sơ trực tuyến trên trang dịch vụ công, nhưng ở bước tải tệp tờ khai định dạng PDF khoảng 3 MB thì trang báo lỗi " +
			"\"Tệp không hợp lệ\" và không cho đi tiếp. Đã thử hai trình duyệt khác nhau trong ba ngày liền.\n" +
			"Đề nghị Sở kiểm tra và hướng dẫn cách nộp để kịp thời hạn của doanh nghiệp.",
		unit: "TTTT", note: "Trung tâm kiểm tra lỗi tải tệp và hướng dẫn doanh nghiệp.",
		answerAfter: 2,
		answer: "Kính gửi Công ty TNHH Thực phẩm Thành Đạt,\n" +
			"Trung tâm Thông tin khoa học và công nghệ đã kiểm tra: trang nộp hồ sơ trực tuyến từ chối tệp PDF có chữ ký số nhúng do lỗi " +
			"của bộ kiểm tra định dạng. Lỗi đã được khắc phục từ 16 giờ cùng ngày nhận phản ánh; doanh nghiệp có thể nộp lại hồ sơ bình thường.\n" +
			"Hồ sơ nộp lại trong 05 ngày làm việc tới vẫn được tính theo thời điểm nộp lần đầu. Xin lỗi doanh nghiệp vì sự bất tiện.\n" +
			"Trân trọng.",
	},
	{
		daysAgo: 1, topic: "timeliness", kind: SenderCitizen, name: "Trần Quốc Huy", contact: "0907 553 120",
		content: "Tôi nộp hồ sơ đề nghị cấp giấy phép tiến hành công việc bức xạ cho phòng khám nha khoa từ đầu tháng, giấy hẹn trả kết quả đã qua " +
			"nhưng đến nay chưa nhận được kết quả hay thông báo bổ sung hồ sơ nào. Đề nghị cho biết hồ sơ đang ở bước nào và khi nào có kết quả.",
	},
	{
		daysAgo: 20, topic: "conduct", kind: SenderCitizen, name: "Phạm Thị Ngọc Hân", contact: "hanpham.ct@gmail.com",
		content: "Sáng thứ Hai tuần trước, khi đến nộp hồ sơ, tôi được cán bộ tiếp nhận hướng dẫn bổ sung giấy tờ nhưng chỉ nói miệng, " +
			"không có phiếu hướng dẫn bằng văn bản. Lần thứ hai đến tôi lại được yêu cầu thêm một giấy tờ khác. " +
			"Đề nghị cơ quan hướng dẫn đầy đủ một lần bằng văn bản như quy định.",
		unit: "VP", note: "Văn phòng xác minh với bộ phận tiếp nhận hồ sơ và trả lời công dân.",
	},
	{
		daysAgo: 10, topic: "other", kind: SenderBusiness, name: "Dịch vụ SEO", contact: "0888 000 111", org: "SEO Top 1",
		content: "Nhận làm website, chạy quảng cáo, tăng lượt xem cho trang của cơ quan nhà nước, giá rẻ nhất thị trường. Liên hệ ngay để được tư vấn miễn phí!",
		reject:  "Nội dung quảng cáo, không phải phản ánh, kiến nghị về quy định hoặc thủ tục hành chính.",
	},
}

// Demo adds a few feedback items received by the demo department deptID (Sở KH&CN,
// whose units VP, TTTT and TTKT answer them) in every status — one answered and
// published — over the month before now, and two answer templates. It names the demo
// accounts "vanphong" and "donvi" in the history when they exist.
func Demo(ctx context.Context, db *store.DB, deptID string, now time.Time) error {
	unitOf := func(abbr string) (id, name string, err error) {
		err = db.Read().QueryRowContext(ctx, `SELECT id, COALESCE(NULLIF(short_name, ''), name) FROM agencies
			WHERE parent_id = $1 AND abbr = $2 AND merged_into IS NULL`, deptID, abbr).Scan(&id, &name)
		if err != nil {
			err = fmt.Errorf("feedback demo: unit %s: %w", abbr, store.NotFound(err))
		}
		return id, name, err
	}
	office := actor(ctx, db, "vanphong")
	s := NewStore(db, nil)
	for _, d := range demoItems {
		at := now.Add(-time.Duration(d.daysAgo) * 24 * time.Hour).Truncate(time.Minute)
		clock := at
		s.Now = func() time.Time { return clock }
		token := make([]byte, 16)
		_, _ = rand.Read(token)
		it, err := s.Submit(ctx, Submission{AgencyID: deptID, Name: d.name, Contact: d.contact, SenderKind: d.kind, Org: d.org,
			Address: d.address, Topic: d.topic, Content: d.content, Token: "demo-" + hex.EncodeToString(token)}, nil)
		if err != nil {
			return fmt.Errorf("feedback demo: %w", err)
		}
		if d.reject != "" {
			clock = at.Add(26 * time.Hour)
			if _, err := s.Reject(office, it.ID, it.RowVersion, d.reject); err != nil {
				return fmt.Errorf("feedback demo: %w", err)
			}
			continue
		}
		if d.unit == "" {
			continue
		}
		unitID, unitName, err := unitOf(d.unit)
		if err != nil {
			return err
		}
		clock = at.Add(3 * time.Hour)
		if it, err = s.Assign(office, it.ID, it.RowVersion, unitID, d.note); err != nil {
			return fmt.Errorf("feedback demo: %w", err)
		}
		if d.answer == "" {
			continue
		}
		clock = at.Add(time.Duration(d.answerAfter) * 24 * time.Hour)
		answerer := audit.WithActor(ctx, audit.Actor{Name: unitName})
		if d.unit == "TTTT" {
			answerer = actor(ctx, db, "donvi")
		}
		if it, err = s.Answer(answerer, it.ID, it.RowVersion, d.answer, nil); err != nil {
			return fmt.Errorf("feedback demo: %w", err)
		}
		if d.publish != nil {
			clock = clock.Add(26 * time.Hour)
			if _, err := s.Publish(office, it.ID, it.RowVersion, *d.publish); err != nil {
				return fmt.Errorf("feedback demo: %w", err)
			}
		}
	}
	// Answer templates of the department, for its units too.
	s.Now = func() time.Time { return now }
	for _, t := range []TemplateInput{
		{AgencyID: deptID, Title: "Tiếp nhận, đang xác minh",
			Body: "Kính gửi {ho_ten},\nSở Khoa học và Công nghệ đã nhận phản ánh, kiến nghị mã {ma} ngày {ngay_nhan}. " +
				"Nội dung đang được đơn vị chuyên môn xác minh; kết quả sẽ được trả lời chậm nhất ngày {han}.\nTrân trọng."},
		{AgencyID: deptID, Title: "Không thuộc thẩm quyền, chuyển cơ quan khác",
			Body: "Kính gửi {ho_ten},\nNội dung phản ánh mã {ma} không thuộc thẩm quyền giải quyết của Sở Khoa học và Công nghệ. " +
				"Đề nghị ông/bà liên hệ cơ quan có thẩm quyền là …… để được hướng dẫn.\nTrân trọng."},
	} {
		if _, err := s.SaveTemplate(office, "", 0, t); err != nil {
			return fmt.Errorf("feedback demo: %w", err)
		}
	}
	return nil
}

// actor is ctx acting as the demo account username, or as the system without it.
func actor(ctx context.Context, db *store.DB, username string) context.Context {
	var id, name string
	err := db.Read().QueryRowContext(ctx, `SELECT id, username FROM users WHERE username = $1`, username).Scan(&id, &name)
	if err != nil {
		return audit.WithActor(ctx, audit.Actor{Name: "demo"})
	}
	return audit.WithActor(ctx, audit.Actor{UserID: id, Name: name})
}
