package i18n

// Messages of plans and the documents library.
func init() {
	add(map[string][2]string{
		"nav.plans":                    {"Kế hoạch", "Plans"},
		"nav.library":                  {"Văn bản", "Documents"},
		"plan.status.draft":            {"Dự thảo", "Draft"},
		"plan.status.submitted":        {"Chờ phê duyệt", "Submitted"},
		"plan.status.returned":         {"Bị trả lại", "Returned"},
		"plan.status.approved":         {"Đã phê duyệt", "Approved"},
		"plan.status.issued":           {"Đã ban hành", "Issued"},
		"plan.status.in_effect":        {"Đang thực hiện", "In effect"},
		"plan.status.closed":           {"Đã kết thúc", "Closed"},
		"plan.status.replaced":         {"Đã được thay thế", "Replaced"},
		"plan.channel.website":         {"Trang thông tin điện tử", "Website"},
		"plan.channel.leaflet":         {"Tờ gấp, tờ rơi", "Leaflets"},
		"plan.channel.poster":          {"Áp phích, pano", "Posters, panels"},
		"plan.channel.training":        {"Tập huấn, bồi dưỡng", "Training"},
		"plan.channel.conference":      {"Hội nghị, hội thảo", "Conferences"},
		"plan.channel.meeting":         {"Lồng ghép trong họp", "In meetings"},
		"plan.channel.contest":         {"Cuộc thi", "Contests"},
		"plan.channel.press":           {"Báo chí, phát thanh, truyền hình", "Press, radio, TV"},
		"plan.channel.social":          {"Mạng xã hội", "Social media"},
		"plan.channel.other":           {"Hình thức khác", "Other"},
		"plan.year_range":              {"Năm kế hoạch phải từ 2000 đến 2100.", "The plan's year must be between 2000 and 2100."},
		"plan.no_activities":           {"Kế hoạch chưa có hoạt động nào.", "The plan has no activities yet."},
		"plan.seq_duplicate":           {"Số thứ tự %d bị trùng.", "Number %d is used twice."},
		"plan.activity_text_required":  {"Vui lòng ghi nội dung hoạt động.", "Describe the activity."},
		"plan.lead_required":           {"Hoạt động chưa có cơ quan chủ trì.", "The activity has no lead agency."},
		"plan.time_outside_year":       {"Thời gian thực hiện nằm ngoài năm %d của kế hoạch.", "The time frame falls outside the plan's year %d."},
		"plan.time_reversed":           {"Ngày kết thúc trước ngày bắt đầu.", "The end comes before the start."},
		"plan.target_positive":         {"Chỉ tiêu phải là số dương.", "A target must be a positive number."},
		"plan.budget_negative":         {"Kinh phí không được âm.", "The budget cannot be negative."},
		"plan.signer_required":         {"Vui lòng ghi chức danh người ký.", "Give the signer's title."},
		"plan.return_comment_required": {"Vui lòng ghi lý do trả lại để Văn phòng biết cần sửa gì.", "Say why it is returned, so the office knows what to fix."},
	})
}
