package i18n

// Messages of reporting periods.
func init() {
	add(map[string][2]string{
		"period.kind.q1": {"Quý I", "First quarter"},
		"period.kind.h1": {"6 tháng đầu năm", "First six months"},
		"period.kind.q3": {"Quý III", "Third quarter"},
		"period.kind.9m": {"9 tháng", "Nine months"},
		"period.kind.y":  {"Năm", "Year"},
		"period.kind.m":  {"Tháng", "Month"},

		"period.label.q1": {"Quý I năm %d", "First quarter of %d"},
		"period.label.h1": {"6 tháng đầu năm %d", "First six months of %d"},
		"period.label.q3": {"Quý III năm %d", "Third quarter of %d"},
		"period.label.9m": {"9 tháng năm %d", "Nine months of %d"},
		"period.label.y":  {"Năm %d", "Year %d"},
		"period.label.m":  {"Tháng %d năm %d", "Month %d of %d"},
	})
}
