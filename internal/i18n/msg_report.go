package i18n

// Messages of periodic reports.
func init() {
	add(map[string][2]string{
		"nav.reports":               {"Báo cáo", "Reports"},
		"report.note_no_plan":       {"Cơ quan chưa có kế hoạch tuyên truyền CCHC năm %d đã ban hành: báo cáo không có số liệu của kế hoạch.", "No issued communication plan for %d: the report has no plan figures."},
		"report.note_pending":       {"Còn %d kết quả trong kỳ đang chờ Văn phòng duyệt: chưa được tính vào báo cáo.", "%d results of the period still wait for review and are not counted."},
		"report.comment_required":   {"Vui lòng ghi lý do trả lại.", "Say why it is returned."},
		"report.reason_required":    {"Vui lòng ghi lý do mở lại báo cáo.", "Say why the report is reopened."},
		"report.recipient_required": {"Báo cáo chưa có nơi nhận trong hệ thống.", "The report has no recipient in the installation."},
		"report.status.draft":       {"Dự thảo", "Draft"},
		"report.status.submitted":   {"Chờ phê duyệt", "Submitted"},
		"report.status.returned":    {"Bị trả lại", "Returned"},
		"report.status.approved":    {"Đã phê duyệt", "Approved"},
		"report.status.issued":      {"Đã ban hành", "Issued"},
		"report.status.sent":        {"Đã gửi", "Sent"},
		"report.status.replaced":    {"Đã thay bằng bản mới", "Replaced"},
	})
}
