package survey

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"time"

	"loa/internal/audit"
	"loa/internal/store"
	"loa/internal/vn"
)

type demoQuestion struct {
	section, text, help string
	kind                QKind
	required            bool
	options             []string
	maxChoices          int
	low, high           string
	// weights are the chances of each option or point in the generated answers.
	weights []int
}

// The closed satisfaction survey: its questions and how the generated respondents
// tend to answer them.
var demoSatisfaction = []demoQuestion{
	{section: "Phần I. Thông tin chung", text: "Bạn tham gia khảo sát với tư cách là:", kind: QSingle, required: true,
		options: []string{"Người dân", "Đại diện doanh nghiệp", "Đại diện tổ chức khác"}, weights: []int{62, 31, 7}},
	{text: "Bạn đã thực hiện thủ tục hành chính qua hình thức nào?", kind: QSingle, required: true,
		options: []string{"Trực tiếp tại Bộ phận Một cửa", "Trực tuyến trên Cổng Dịch vụ công", "Qua dịch vụ bưu chính công ích"},
		weights: []int{48, 44, 8}},
	{section: "Phần II. Đánh giá mức độ hài lòng", text: "Mức độ hài lòng về việc tiếp cận thông tin thủ tục hành chính (niêm yết, hướng dẫn, trang thông tin điện tử)",
		kind: QScale, required: true, low: "Rất không hài lòng", high: "Rất hài lòng", weights: []int{2, 6, 14, 43, 35}},
	{text: "Mức độ hài lòng về thái độ, tinh thần phục vụ của công chức tiếp nhận hồ sơ", kind: QScale, required: true,
		low: "Rất không hài lòng", high: "Rất hài lòng", weights: []int{1, 4, 11, 40, 44}},
	{text: "Mức độ hài lòng về thời gian giải quyết hồ sơ so với thời hạn đã hẹn", kind: QScale, required: true,
		low: "Rất không hài lòng", high: "Rất hài lòng", weights: []int{4, 9, 19, 38, 30}},
	{section: "Phần III. Kiến nghị", text: "Theo bạn, cơ quan cần cải thiện những nội dung nào?", help: "Chọn tối đa 3 nội dung.", kind: QMultiple,
		options: []string{"Rút ngắn thời gian giải quyết hồ sơ", "Giảm thành phần hồ sơ, giấy tờ", "Hướng dẫn rõ ràng, dễ hiểu hơn",
			"Nâng cấp dịch vụ công trực tuyến", "Cải thiện cơ sở vật chất nơi tiếp nhận hồ sơ"}, maxChoices: 3, weights: []int{40, 33, 27, 36, 14}},
	{text: "Góp ý khác để cơ quan phục vụ người dân, doanh nghiệp tốt hơn", kind: QText},
}

// demoComments are what some generated respondents write.
var demoComments = []string{
	"Đề nghị niêm yết thêm bảng hướng dẫn các bước nộp hồ sơ trực tuyến tại khu vực chờ.",
	"Công chức hướng dẫn nhiệt tình, tôi được giải quyết hồ sơ sớm hơn ngày hẹn.",
	"Mong cơ quan gửi tin nhắn báo khi hồ sơ đã có kết quả để đỡ phải đi lại.",
	"Cổng dịch vụ công đôi lúc tải chậm vào giờ cao điểm, cần nâng cấp đường truyền.",
	"Nên bố trí thêm chỗ đậu xe và ghế ngồi cho người cao tuổi.",
	"Biểu mẫu nên có bản điền sẵn mẫu để người dân tham khảo.",
	"Tôi hài lòng với thái độ phục vụ, không có ý kiến gì thêm.",
	"Cần công khai số điện thoại đường dây nóng để phản ánh khi hồ sơ bị trễ hẹn.",
}

// The open awareness survey's questions.
var demoAwareness = []demoQuestion{
	{text: "Bạn đã từng nghe về Chương trình tổng thể cải cách hành chính nhà nước chưa?", kind: QSingle, required: true,
		options: []string{"Đã nghe và hiểu rõ nội dung", "Đã nghe nhưng chưa hiểu rõ", "Chưa từng nghe"}},
	{text: "Bạn biết đến thông tin về cải cách hành chính qua những kênh nào?", kind: QMultiple, required: true,
		options: []string{"Trang thông tin điện tử của cơ quan nhà nước", "Báo chí, truyền hình, phát thanh", "Mạng xã hội (Facebook, Zalo…)",
			"Tờ rơi, pa-nô, áp phích", "Hội nghị, tập huấn, họp tổ dân phố", "Người thân, bạn bè"}},
	{text: "Bạn có biết có thể nộp hồ sơ và theo dõi kết quả giải quyết thủ tục hành chính trực tuyến không?", kind: QSingle, required: true,
		options: []string{"Có, tôi đã từng làm", "Có biết nhưng chưa từng làm", "Không biết"}},
	{text: "Các thông tin về cải cách hành chính mà bạn đã tiếp cận có dễ hiểu không?", kind: QScale, required: true,
		low: "Rất khó hiểu", high: "Rất dễ hiểu"},
	{text: "Bạn muốn được cung cấp thêm thông tin gì về cải cách hành chính?", kind: QText},
}

// DemoResponses is how many answers the closed demo survey holds.
const DemoResponses = 320

// Demo adds two surveys of agencyID as of now: a satisfaction survey closed two
// weeks ago with DemoResponses generated answers (the same every time) and its
// results published, and an awareness survey open for answers until next month.
func Demo(ctx context.Context, db *store.DB, agencyID string, now time.Time) error {
	s := NewStore(db)
	s.Now = func() time.Time { return now.UTC().Truncate(time.Microsecond) }
	year := now.In(vn.Location).Year()

	closed, err := demoSurvey(ctx, s, Settings{AgencyID: agencyID, Kind: string(KindSatisfaction), Limit: string(LimitBrowser), ResultsPublic: true,
		Title: fmt.Sprintf("Khảo sát mức độ hài lòng của người dân, doanh nghiệp đối với việc giải quyết thủ tục hành chính năm %d", year),
		Intro: "Nhằm nâng cao chất lượng phục vụ, cơ quan trân trọng mời Ông/Bà dành khoảng 5 phút trả lời các câu hỏi dưới đây. " +
			"Phiếu khảo sát không ghi tên; thông tin chỉ dùng để tổng hợp, đánh giá.",
		Slug: fmt.Sprintf("hai-long-thu-tuc-hanh-chinh-%d", year)}, demoSatisfaction)
	if err != nil {
		return err
	}
	if err := s.Open(ctx, closed.ID); err != nil {
		return fmt.Errorf("demo survey open: %w", err)
	}
	from, to := now.AddDate(0, 0, -75), now.AddDate(0, 0, -15)
	if err := demoAnswers(ctx, s, closed.ID, from, to); err != nil {
		return fmt.Errorf("demo answers: %w", err)
	}
	if err := s.Close(ctx, closed.ID); err != nil {
		return fmt.Errorf("demo survey close: %w", err)
	}
	sv, err := s.Get(ctx, closed.ID)
	if err != nil {
		return err
	}
	if _, err := s.UpdateSettings(ctx, sv.ID, sv.RowVersion, Settings{Kind: string(sv.Kind), Title: sv.Title, Intro: sv.Intro,
		Limit: string(sv.Limit), ResultsPublic: true, OpensAt: FormatWhen(&from), ClosesAt: FormatWhen(&to)}); err != nil {
		return fmt.Errorf("demo survey window: %w", err)
	}

	open, err := demoSurvey(ctx, s, Settings{AgencyID: agencyID, Kind: string(KindAwareness), Limit: string(LimitBrowser), ResultsPublic: true,
		Title: fmt.Sprintf("Khảo sát mức độ nhận biết của người dân, doanh nghiệp về cải cách hành chính năm %d", year),
		Intro: "Khảo sát giúp cơ quan biết thông tin cải cách hành chính đến với người dân, doanh nghiệp qua những kênh nào và còn thiếu gì. " +
			"Trả lời mất khoảng 3 phút, không cần để lại thông tin cá nhân.",
		Slug: fmt.Sprintf("nhan-biet-cai-cach-hanh-chinh-%d", year)}, demoAwareness)
	if err != nil {
		return err
	}
	closes := now.AddDate(0, 1, 10)
	if _, err := s.UpdateSettings(ctx, open.ID, open.RowVersion, Settings{Kind: string(open.Kind), Title: open.Title, Intro: open.Intro,
		Limit: string(open.Limit), Slug: open.Slug, ResultsPublic: true, ClosesAt: FormatWhen(&closes)}); err != nil {
		return fmt.Errorf("demo survey window: %w", err)
	}
	if err := s.Open(ctx, open.ID); err != nil {
		return fmt.Errorf("demo survey open: %w", err)
	}
	return nil
}

func demoSurvey(ctx context.Context, s *Store, in Settings, questions []demoQuestion) (*Survey, error) {
	sv, err := s.Create(ctx, in)
	if err != nil {
		return nil, fmt.Errorf("demo survey: %w", err)
	}
	for _, q := range questions {
		qi := NewQuestionInput(q.kind)
		qi.Text, qi.Help, qi.Section, qi.Required = q.text, q.help, q.section, q.required
		for i, o := range q.options {
			if i > 0 {
				qi.Options += "\n"
			}
			qi.Options += o
		}
		if q.maxChoices > 0 {
			qi.MaxChoice = fmt.Sprint(q.maxChoices)
		}
		if q.kind == QScale {
			qi.LabelLow, qi.LabelHigh = q.low, q.high
		}
		if _, err := s.AddQuestion(ctx, sv.ID, qi); err != nil {
			return nil, fmt.Errorf("demo question %q: %w", q.text, err)
		}
	}
	return s.Get(ctx, sv.ID)
}

func pick(r *rand.Rand, weights []int) int {
	total := 0
	for _, w := range weights {
		total += w
	}
	n := r.IntN(total)
	for i, w := range weights {
		if n < w {
			return i
		}
		n -= w
	}
	return len(weights) - 1
}

// demoAnswers writes DemoResponses answers to the satisfaction survey, spread over
// its window, from a fixed seed: the same figures on every installation.
func demoAnswers(ctx context.Context, s *Store, surveyID string, from, to time.Time) error {
	sv, err := s.Get(ctx, surveyID)
	if err != nil {
		return err
	}
	r := rand.New(rand.NewPCG(2024, 1))
	span := to.Sub(from)
	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		for i := range DemoResponses {
			at := from.Add(span * time.Duration(i) / DemoResponses).Add(time.Duration(r.IntN(3600)) * time.Second).UTC().Truncate(time.Microsecond)
			id := store.NewID()
			if _, err := tx.ExecContext(ctx, `INSERT INTO survey_responses (id, survey_id, submitted_at, respondent) VALUES ($1, $2, $3, $4)`,
				id, surveyID, at, fmt.Sprintf("demo-%04d", i)); err != nil {
				return err
			}
			var answers []Answer
			for qi, q := range sv.Questions {
				d := demoSatisfaction[qi]
				switch q.Kind {
				case QSingle:
					answers = append(answers, Answer{QuestionID: q.ID, OptionID: q.Options[pick(r, d.weights)].ID})
				case QScale:
					v := q.ScaleMin + pick(r, d.weights)
					answers = append(answers, Answer{QuestionID: q.ID, Value: &v})
				case QMultiple:
					seq := 0
					for oi, o := range q.Options {
						if seq < q.MaxChoices && r.IntN(100) < d.weights[oi] {
							answers = append(answers, Answer{QuestionID: q.ID, Seq: seq, OptionID: o.ID})
							seq++
						}
					}
				case QText:
					if r.IntN(100) < 12 {
						t := demoComments[r.IntN(len(demoComments))]
						answers = append(answers, Answer{QuestionID: q.ID, Text: &t})
					}
				}
			}
			if err := insertAnswers(ctx, tx, surveyID, id, answers); err != nil {
				return err
			}
		}
		return audit.Record(ctx, tx, audit.Entry{Action: "import", Entity: "survey_response", EntityID: surveyID, AgencyID: sv.AgencyID,
			Summary: fmt.Sprintf("Dữ liệu mẫu: %d phiếu trả lời khảo sát “%s”", DemoResponses, sv.Title)})
	})
}
