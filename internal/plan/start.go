package plan

import (
	"fmt"
	"strings"
	"unicode"

	"loa/internal/vn"
)

// Issuer describes the agency a new plan is for.
type Issuer struct {
	AgencyID   string
	Name       string // "Sở Khoa học và Công nghệ"
	ParentName string // "UBND thành phố Cần Thơ"
	Abbr       string // "SKHCN"
	Place      string // "Cần Thơ"
}

// upper writes an agency name as the header prints it.
func upper(s string) string { return strings.ToUpper(vn.Clean(s)) }

func lowerFirst(s string) string {
	for i, r := range s {
		return string(unicode.ToLower(r)) + s[i+len(string(r)):]
	}
	return s
}

// Template is a blank CCHC communication plan for year: the sections of the model
// plan with the wording offices usually keep, and one row of each common activity,
// ready to be filled in.
func Template(is Issuer, year int) *Plan {
	y := fmt.Sprint(year)
	return &Plan{
		AgencyID: is.AgencyID, Year: year, Status: StatusDraft, Version: 1,
		ParentBody: upper(is.ParentName), IssuingBody: upper(is.Name), Symbol: "KH-" + is.Abbr, Place: is.Place,
		Date:    DocDate{Month: 1, Year: year},
		Summary: "Công tác thông tin, tuyên truyền cải cách hành chính năm " + y,
		Intro:   is.Name + " xây dựng Kế hoạch công tác thông tin, tuyên truyền cải cách hành chính (CCHC) năm " + y + " như sau:",
		Purposes: []Item{
			{"a)", "Nâng cao nhận thức của cán bộ, công chức, viên chức về mục tiêu, nội dung và trách nhiệm của mình trong thực hiện nhiệm vụ CCHC;"},
			{"b)", "Tăng cường sự tham gia, giám sát của người dân, doanh nghiệp trong triển khai CCHC của cơ quan."},
		},
		Requirements: []Item{
			{"a)", "Thực hiện công tác thông tin, tuyên truyền có hiệu quả và đúng tiến độ đề ra."},
			{"b)", "Tuyên truyền kịp thời, đầy đủ, thường xuyên, phù hợp với từng nhóm đối tượng."},
			{"c)", "Kết hợp hình thức tuyên truyền truyền thống với ứng dụng công nghệ thông tin."},
		},
		TopicsIntro: "Công tác thông tin, tuyên truyền CCHC năm " + y + " tập trung vào các nội dung trọng tâm sau:",
		Topics: []Topic{
			{Seq: 1, Text: "Mục tiêu, nội dung và kết quả thực hiện Chương trình tổng thể CCHC nhà nước giai đoạn 2021 - 2030 và Kế hoạch CCHC của địa phương, của cơ quan."},
			{Seq: 2, Text: "Cải cách thể chế; cải cách thủ tục hành chính, cơ chế một cửa, một cửa liên thông; cải cách tổ chức bộ máy; cải cách công vụ, công chức; xây dựng Chính quyền điện tử, Chính quyền số."},
			{Seq: 3, Text: "Các giải pháp nâng cao Chỉ số CCHC (PAR Index), Chỉ số hài lòng (SIPAS), Chỉ số PAPI, Chỉ số PCI."},
			{Seq: 4, Text: "Các mô hình, điển hình tốt trong CCHC; quyền và trách nhiệm của người dân, tổ chức trong tham gia và giám sát CCHC."},
		},
		Channels: []Channel{
			{Seq: 1, Kind: ChannelWebsite, Text: "Tuyên truyền trên Trang thông tin điện tử của cơ quan, các đơn vị."},
			{Seq: 2, Kind: ChannelLeaflet, Text: "Phát tờ gấp, dán áp phích về CCHC phù hợp với từng nhóm đối tượng."},
			{Seq: 3, Kind: ChannelTraining, Text: "Cử công chức, viên chức tham gia các lớp tập huấn, hội nghị, hội thảo về CCHC."},
			{Seq: 4, Kind: ChannelMeeting, Text: "Lồng ghép nội dung CCHC vào các cuộc họp, giao ban định kỳ của cơ quan."},
		},
		Activities: []Activity{
			{Seq: 1, Kind: ChannelWebsite, Text: "Đăng tải tin, bài về CCHC trên Trang thông tin điện tử", Time: "Trong năm " + y, Partners: []AgencyRef{}},
			{Seq: 2, Kind: ChannelMeeting, Text: "Lồng ghép nội dung CCHC vào các hội nghị, cuộc họp, sinh hoạt chuyên đề", Time: "Trong năm " + y, Partners: []AgencyRef{}},
		},
		Funding: "Kinh phí thực hiện tuyên truyền CCHC năm " + y + " trong nguồn kinh phí hoạt động thường xuyên của cơ quan, đơn vị.",
		Duties: []Duty{
			{Holder: "Thủ trưởng các đơn vị", Items: []Item{{"a)", "Chủ động triển khai, phối hợp thực hiện các hoạt động tuyên truyền theo chức năng và theo phân công;"},
				{"b)", "Lồng ghép nội dung CCHC vào các hội nghị, cuộc họp, sinh hoạt tại đơn vị."}}},
			{Holder: "Văn phòng", Items: []Item{{"a)", "Chủ trì, đôn đốc, kiểm tra việc thực hiện Kế hoạch này, định kỳ báo cáo kết quả theo quy định;"},
				{"b)", "Hướng dẫn, kiểm tra công tác thông tin, tuyên truyền CCHC của các đơn vị."}}},
		},
		Closing: "Trên đây là Kế hoạch công tác thông tin, tuyên truyền CCHC năm " + y + " của " + is.Name +
			"; trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các đơn vị phản ánh về Văn phòng để tổng hợp, báo cáo lãnh đạo xem xét, giải quyết./.",
		Recipients: []string{"Sở Nội vụ", "Các phòng, đơn vị trực thuộc", "Lưu: VT"},
		Signer:     Signer{Title: "GIÁM ĐỐC"},
	}
}

// FromLastYear copies last year's plan to the next year: every year word and date of
// that year moves on by one, citations and agency links stay, the number and day go
// blank, and the new plan remembers where it came from.
func FromLastYear(src *Plan) *Plan {
	p := copyForNew(src)
	from := src.Year
	shift := func(s string) string { return ShiftYearText(s, from, 1) }
	p.Year = from + 1
	p.SourcePlanID = src.ID
	p.Date = DocDate{Month: src.Date.Month, Year: src.Date.Year + 1}
	if src.Date.Year == 0 {
		p.Date.Year = p.Year
	}
	p.Summary, p.Intro, p.TopicsIntro, p.Funding, p.Closing = shift(p.Summary), shift(p.Intro), shift(p.TopicsIntro), shift(p.Funding), shift(p.Closing)
	for i := range p.Topics {
		p.Topics[i].Text = shift(p.Topics[i].Text)
	}
	for i := range p.Channels {
		p.Channels[i].Text = shift(p.Channels[i].Text)
	}
	for i := range p.Activities {
		a := &p.Activities[i]
		a.Text, a.Time = shift(a.Text), shift(a.Time)
		if !a.StartsOn.IsZero() {
			a.StartsOn = a.StartsOn.AddYears(1)
		}
		if !a.EndsOn.IsZero() {
			a.EndsOn = a.EndsOn.AddYears(1)
		}
	}
	p.Purposes = shiftItems(p.Purposes, shift)
	p.Requirements = shiftItems(p.Requirements, shift)
	p.Duties = append([]Duty(nil), p.Duties...)
	for i := range p.Duties {
		p.Duties[i].Text = shift(p.Duties[i].Text)
		p.Duties[i].Items = shiftItems(p.Duties[i].Items, shift)
	}
	p.LegalBases = append([]Citation(nil), p.LegalBases...)
	return p
}

func shiftItems(items []Item, shift func(string) string) []Item {
	out := make([]Item, len(items))
	for i, it := range items {
		out[i] = Item{Label: it.Label, Text: shift(it.Text)}
	}
	return out
}

// FromParent starts a unit's plan from its parent's (the city's plan for a
// department): the parent becomes the legal basis and the link, its topics and
// channels are kept, and the activities are left for the unit to set.
func FromParent(parent *Plan, is Issuer, parentIssuer string) *Plan {
	p := Template(is, parent.Year)
	p.ParentPlanID = parent.ID
	p.Topics = append([]Topic(nil), copyForNew(parent).Topics...)
	p.Channels = append([]Channel(nil), copyForNew(parent).Channels...)
	p.TopicsIntro = parent.TopicsIntro
	cite := "Căn cứ Kế hoạch"
	if parent.Number != "" {
		cite += " số " + parent.Number + "/" + parent.Symbol
	}
	if d := parent.Date.Date(); !d.IsZero() {
		cite += " " + d.Doc()
	}
	if parentIssuer != "" {
		cite += " của " + parentIssuer
	}
	if parent.Summary != "" {
		cite += " về " + lowerFirst(parent.Summary)
	}
	p.LegalBases = []Citation{{Text: cite + ".", Number: parent.Number, Symbol: parent.Symbol, TypeName: "Kế hoạch", Date: parent.Date.Date(), Issuer: parentIssuer}}
	return p
}
