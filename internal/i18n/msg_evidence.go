package i18n

// Messages of the evidence pack page.
func init() {
	add(map[string][2]string{
		"evidence.title": {"Gói tài liệu kiểm chứng", "Evidence pack"},
		"evidence.intro": {"Một tệp ZIP gồm mọi tệp minh chứng của các kết quả đã duyệt trong kỳ, xếp theo hoạt động, kèm danh mục (Excel và PDF) để tự đánh giá Chỉ số CCHC.",
			"One ZIP with every evidence file of the results accepted in the period, by activity, with an index (Excel and PDF) for the PAR Index self-assessment."},
		"evidence.own_units_only": {"Gói chỉ gồm tài liệu của các đơn vị bạn được xem.", "The pack holds only the evidence of the units you may see."},
		"evidence.bad_period":     {"Không hiểu kỳ «%s»; đang hiển thị cả năm của kế hoạch.", "Period «%s» is not understood; showing the plan's year."},
		"evidence.period":         {"Kỳ", "Period"},
		"evidence.report_periods": {"Kỳ báo cáo", "Reporting periods"},
		"evidence.months":         {"Tháng", "Months"},
		"evidence.show":           {"Xem", "Show"},
		"evidence.results":        {"kết quả đã duyệt", "accepted results"},
		"evidence.files":          {"tệp minh chứng (%s)", "evidence files (%s)"},
		"evidence.links":          {"đường dẫn bài viết", "article links"},
		"evidence.pending":        {"Còn %d kết quả trong kỳ đang chờ duyệt: chưa có trong gói.", "%d results of the period still wait for review and are not in the pack."},
		"evidence.contents": {"Mỗi hoạt động một thư mục; tên tệp gồm ngày thực hiện, đơn vị và tên tệp gốc. Danh mục liệt kê từng tệp và đường dẫn với mã SHA-256.",
			"One folder per activity; file names give the day, the unit and the original name. The index lists each file and link with its SHA-256."},
		"evidence.checked": {"Mỗi tệp được kiểm tra lại khi tải: tệp bị sửa đổi hoặc bị thiếu được ghi «LỖI» trong danh mục.",
			"Each file is checked again as the pack is made: a file altered or missing is marked «LỖI» in the index."},
		"evidence.download": {"Tải gói ZIP", "Download the ZIP"},
		"evidence.empty":    {"Trong kỳ này chưa có tài liệu kiểm chứng nào đã được duyệt.", "No accepted evidence in this period yet."},
	})
}
