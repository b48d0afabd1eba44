package i18n

// Messages of the public search (internal/search).
func init() {
	add(map[string][2]string{
		"search.title":             {"Tìm kiếm", "Search"},
		"search.title_for":         {"Tìm kiếm: %s", "Search: %s"},
		"search.form_label":        {"Tìm trên cổng thông tin", "Search the portal"},
		"search.words":             {"Từ cần tìm", "Words to look for"},
		"search.hint":              {"Gõ có dấu hay không dấu đều được; đặt cụm từ trong ngoặc kép để tìm đúng cụm.", "With or without Vietnamese accents; put words in quotes to find them together."},
		"search.type_something":    {"Hãy gõ từ cần tìm vào ô trên.", "Type the words you are looking for in the box above."},
		"search.refine":            {"Thu hẹp kết quả", "Refine the results"},
		"search.by_kind":           {"Loại nội dung", "Kind of content"},
		"search.by_year":           {"Năm", "Year"},
		"search.clear_filters":     {"Bỏ lọc", "Clear filters"},
		"search.found":             {"Tìm thấy %d kết quả cho “%s”", "%d results for “%s”"},
		"search.none":              {"Không tìm thấy kết quả nào cho “%s”", "No results for “%s”"},
		"search.none_with_filters": {"Không có kết quả trong phạm vi đã lọc.", "Nothing matches within the filters chosen."},
		"search.windowed":          {"Danh sách chỉ đi đến những kết quả phù hợp nhất đầu tiên; thêm từ, chọn năm hoặc loại nội dung để xem các kết quả khác.", "The list goes only as far as the first, most relevant results; add words, or choose a year or a kind, to see the others."},
		"search.tips":              {"Gợi ý tìm kiếm", "Search tips"},
		"search.tip_accents":       {"Không cần gõ dấu: “cai cach hanh chinh” tìm được “cải cách hành chính”.", "Accents are optional: “cai cach hanh chinh” finds “cải cách hành chính”."},
		"search.tip_fewer":         {"Mỗi từ đều phải có trong kết quả: bớt từ để tìm rộng hơn.", "Every word must appear in a result: use fewer words to find more."},
		"search.tip_quotes":        {"Bỏ ngoặc kép nếu muốn các từ đứng ở bất kỳ đâu.", "Remove the quotes to find the words anywhere."},
		"search.try":               {"Thử tìm:", "Try:"},
		"search.kind.article":      {"Tin bài", "Article"},
		"search.kind.document":     {"Văn bản", "Document"},
		"search.kind.page":         {"Trang thông tin", "Page"},
		"search.kind.qa":           {"Hỏi đáp", "Questions and answers"},
		"search.kind.practice":     {"Mô hình, điển hình", "Good practice"},
		"search.kind.leaflet":      {"Tài liệu tuyên truyền", "Leaflet"},
		"search.kind.survey":       {"Kết quả khảo sát", "Survey results"},
	})
}
