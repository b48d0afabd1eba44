package generate

import "loa/internal/plan"

// kindCycle gives activities their channels in the proportions plans show: a
// quarter on the website, then meetings, leaflets, training and the rest. Cycling a
// fixed pattern keeps the proportions exact for any number of activities.
var kindCycle = []plan.ChannelKind{
	plan.ChannelWebsite, plan.ChannelMeeting, plan.ChannelLeaflet, plan.ChannelWebsite, plan.ChannelTraining,
	plan.ChannelSocial, plan.ChannelWebsite, plan.ChannelPoster, plan.ChannelConference, plan.ChannelMeeting,
	plan.ChannelWebsite, plan.ChannelPress, plan.ChannelLeaflet, plan.ChannelSocial, plan.ChannelMeeting,
	plan.ChannelWebsite, plan.ChannelTraining, plan.ChannelPoster, plan.ChannelContest, plan.ChannelConference,
}

// channelInfo is what the dataset knows of a channel: the plan's line for it, the
// wordings of its activities (each classified back to the channel by plan.KindOf,
// as an imported plan would be), its target, how often units record a result for it,
// and what such a result counts.
type channelInfo struct {
	line       string
	activities []string
	target     targetSpec
	weight     int // results per activity, relative to the others
	result     resultSpec
}

// targetSpec is a measurable target between min and max in steps of step; a zero
// max means the channel is not counted in advance.
type targetSpec struct {
	unit           string
	min, max, step int
}

// resultSpec is what one result of the channel holds; its unit, and whether it has
// links and places, are what the result form asks for the channel (progress.MeasureOf).
type resultSpec struct {
	qtyMin, qtyMax, qtyStp int
	attMin, attMax         int // attendees; zero when none are counted
	audience               []string
	costPerItem            int64 // đồng per quantity unit, for what is printed or held
}

var channels = map[plan.ChannelKind]channelInfo{
	plan.ChannelWebsite: {
		line: "Tuyên truyền trên Trang thông tin điện tử của cơ quan, các đơn vị.",
		activities: []string{
			"Đăng tải tin, bài về CCHC trên Trang thông tin điện tử",
			"Cập nhật văn bản chỉ đạo, điều hành về CCHC trên Trang thông tin điện tử",
			"Duy trì chuyên mục Cải cách hành chính trên Cổng thông tin điện tử",
			"Công khai thủ tục hành chính, quy trình giải quyết trên Trang thông tin điện tử",
		},
		target: targetSpec{"tin, bài", 12, 60, 6}, weight: 6,
		result: resultSpec{qtyMin: 1, qtyMax: 2, qtyStp: 1, audience: []string{"citizens", "businesses"}},
	},
	plan.ChannelMeeting: {
		line: "Lồng ghép nội dung CCHC vào các cuộc họp, giao ban định kỳ của cơ quan.",
		activities: []string{
			"Lồng ghép nội dung CCHC vào các hội nghị, cuộc họp, sinh hoạt chuyên đề",
			"Quán triệt nội dung CCHC trong các cuộc họp giao ban định kỳ",
			"Lồng ghép tuyên truyền CCHC trong sinh hoạt chi bộ, đoàn thể",
		},
		weight: 4,
		result: resultSpec{qtyMin: 1, qtyMax: 1, qtyStp: 1, attMin: 12, attMax: 80, audience: []string{"leaders", "civil_servants"}},
	},
	plan.ChannelLeaflet: {
		line: "Phát tờ gấp, dán áp phích về CCHC phù hợp với từng nhóm đối tượng.",
		activities: []string{
			"Phát tờ gấp về thủ tục hành chính cho người dân, doanh nghiệp",
			"Cấp phát tờ rơi hướng dẫn sử dụng dịch vụ công trực tuyến",
			"Biên soạn, phát hành sổ tay hỏi - đáp về CCHC",
		},
		target: targetSpec{"tờ", 500, 5000, 250}, weight: 2,
		result: resultSpec{qtyMin: 100, qtyMax: 1000, qtyStp: 50, audience: []string{"citizens", "businesses"}, costPerItem: 1500},
	},
	plan.ChannelPoster: {
		line: "Treo băng rôn, khẩu hiệu, pano, áp phích tuyên truyền CCHC tại trụ sở cơ quan, đơn vị.",
		activities: []string{
			"Treo băng rôn, khẩu hiệu tuyên truyền CCHC tại trụ sở cơ quan",
			"Dán áp phích hướng dẫn nộp hồ sơ trực tuyến tại Bộ phận Một cửa",
		},
		target: targetSpec{"áp phích", 2, 20, 1}, weight: 1,
		result: resultSpec{qtyMin: 1, qtyMax: 10, qtyStp: 1, audience: []string{"citizens", "businesses"}, costPerItem: 350_000},
	},
	plan.ChannelTraining: {
		line: "Cử công chức, viên chức tham gia các lớp tập huấn, hội nghị, hội thảo về CCHC.",
		activities: []string{
			"Tổ chức tập huấn nghiệp vụ CCHC cho công chức, viên chức",
			"Cử công chức tham gia lớp bồi dưỡng kỹ năng tuyên truyền CCHC",
		},
		target: targetSpec{"lớp", 1, 4, 1}, weight: 1,
		result: resultSpec{qtyMin: 1, qtyMax: 1, qtyStp: 1, attMin: 20, attMax: 150, audience: []string{"civil_servants"}, costPerItem: 15_000_000},
	},
	plan.ChannelConference: {
		line: "Tổ chức hội nghị, hội thảo, tọa đàm chuyên đề về CCHC.",
		activities: []string{
			"Tổ chức hội nghị đối thoại với doanh nghiệp về thủ tục hành chính",
			"Tổ chức tọa đàm về chuyển đổi số trong giải quyết thủ tục hành chính",
		},
		target: targetSpec{"cuộc", 1, 2, 1}, weight: 1,
		result: resultSpec{qtyMin: 1, qtyMax: 1, qtyStp: 1, attMin: 40, attMax: 300, audience: []string{"leaders", "civil_servants", "businesses"}, costPerItem: 20_000_000},
	},
	plan.ChannelSocial: {
		line: "Tuyên truyền trên mạng xã hội (Zalo, Facebook) của cơ quan, đơn vị.",
		activities: []string{
			"Đăng tải tin, bài về CCHC trên trang Zalo, Facebook của cơ quan",
			"Chia sẻ thông tin CCHC trên mạng xã hội",
		},
		target: targetSpec{"tin, bài", 24, 96, 12}, weight: 5,
		result: resultSpec{qtyMin: 1, qtyMax: 3, qtyStp: 1, audience: []string{"citizens"}},
	},
	plan.ChannelPress: {
		line: "Phối hợp với Báo Cần Thơ, Đài Phát thanh và Truyền hình thành phố đăng tải tin, bài về CCHC.",
		activities: []string{
			"Phối hợp với Báo Cần Thơ đăng tải tin, bài về CCHC",
			"Phối hợp với Đài Phát thanh và Truyền hình thành phố thực hiện phóng sự về CCHC",
		},
		target: targetSpec{"tin, bài", 2, 12, 1}, weight: 2,
		result: resultSpec{qtyMin: 1, qtyMax: 1, qtyStp: 1, audience: []string{"citizens", "businesses"}},
	},
	plan.ChannelContest: {
		line: "Tham gia các cuộc thi tìm hiểu về CCHC do Trung ương, thành phố tổ chức.",
		activities: []string{
			"Tham dự Cuộc thi tìm hiểu về CCHC",
			"Tham gia Hội thi cán bộ, công chức giỏi về CCHC",
		},
		weight: 1,
		result: resultSpec{qtyMin: 1, qtyMax: 1, qtyStp: 1, attMin: 20, attMax: 800, audience: []string{"civil_servants", "citizens"}},
	},
}

// pressSites are where the press publishes: the city's newspaper and broadcaster.
var pressSites = []struct{ name, url string }{
	{"Báo Cần Thơ", "https://baocantho.com.vn"},
	{"Đài Phát thanh và Truyền hình thành phố", "https://canthotv.vn"},
}
