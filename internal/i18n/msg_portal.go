package i18n

// Messages of the public portal's frame and home.
func init() {
	add(map[string][2]string{
		"portal.site_name":          {"Cổng thông tin cải cách hành chính", "Administrative reform portal"},
		"portal.home_title":         {"Trang chủ", "Home"},
		"portal.nav.home":           {"Trang chủ", "Home"},
		"portal.search_label":       {"Tìm kiếm trên cổng thông tin", "Search the portal"},
		"portal.search_placeholder": {"Tìm tin, văn bản, thủ tục…", "Search news, documents, procedures…"},
		"portal.search":             {"Tìm", "Search"},
		"portal.address":            {"Địa chỉ", "Address"},
		"portal.phone":              {"Điện thoại", "Phone"},
		"portal.email":              {"Thư điện tử", "Email"},
		"portal.contacts":           {"Liên hệ", "Contacts"},
		"portal.feeds":              {"Tin RSS/Atom", "RSS/Atom feeds"},
		"portal.feed_news":          {"Tin tức cải cách hành chính", "Administrative reform news"},
		"portal.sitemap":            {"Sơ đồ trang", "Site map"},
		"portal.staff_login":        {"Đăng nhập cán bộ", "Staff sign-in"},
		"portal.newest_documents":   {"Văn bản mới", "Newest documents"},
		"portal.no_documents":       {"Chưa có văn bản nào được đăng.", "No documents published yet."},
	})
}
