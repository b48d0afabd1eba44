package recognise

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"loa/internal/vn"
)

// unitKinds are the words a unit's name starts with, capitalised as written. A
// hyphen inside a name ("Vườn ươm công nghệ công nghiệp Việt Nam - Hàn Quốc") is not
// followed by one of them, which is how it differs from a list separator.
var unitKinds = []string{
	"Ban Giám đốc", "Ban Quản lý", "Ban", "BGĐ", "BQL", "Bảo hiểm", "Báo", "Bệnh viện", "Bộ Chỉ huy", "Bộ",
	"Chi cục", "Chi nhánh", "Công an", "Công đoàn", "Công ty", "Cổng", "Cục", "Các", "Cơ quan",
	"Đài", "Đảng ủy", "Đảng uỷ", "Đoàn", "Đội", "Đơn vị", "HĐND", "Hiệp hội", "Học viện", "Hội đồng", "Hội",
	"Huyện ủy", "Kho bạc", "Lãnh đạo", "Liên đoàn", "Liên hiệp", "Mặt trận", "Ngân hàng", "Phân viện", "Phòng",
	"Quỹ", "Sở", "Tạp chí", "Thanh tra", "Thành ủy", "Thành đoàn", "Thường trực", "Tỉnh ủy", "Tổ", "Tổng cục",
	"Trang", "Trạm", "Trung tâm", "Trường", "UBMTTQ", "UBND", "Ủy ban", "Uỷ ban", "Văn phòng", "Viện", "Vụ", "Vườn ươm",
}

// separators come between two units of a list.
var separators = []string{" - ", " – ", " — ", " + ", ", ", "; "}

// SplitUnits splits a table cell that lists units — "- A - B - C", "A, B", or one unit
// per line — into the unit names, without their list markers and end punctuation.
// A separator counts only when a unit-kind word follows it (Chi cục, Trung tâm, Vườn
// ươm, Phòng, Sở, Ủy ban …), so "Việt Nam - Hàn Quốc" and "Sở Văn hóa, Thể thao và Du
// lịch" stay whole, and so does "Các phòng, đơn vị có liên quan".
func SplitUnits(cell string) []string {
	var out []string
	add := func(s string) {
		s = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(s), ";.,"))
		if s != "" {
			out = append(out, s)
		}
	}
	for _, line := range strings.Split(cell, "\n") {
		line = vn.Clean(line)
		if m, ok := bulletMarker(line); ok {
			line = line[len(m):]
		}
		start := 0
		for j := 0; j < len(line); j++ {
			for _, sep := range separators {
				if strings.HasPrefix(line[j:], sep) && startsWithUnitKind(line[j+len(sep):]) {
					add(line[start:j])
					start = j + len(sep)
					j = start - 1
					break
				}
			}
		}
		add(line[start:])
	}
	return out
}

func startsWithUnitKind(s string) bool {
	for _, k := range unitKinds {
		if !strings.HasPrefix(s, k) {
			continue
		}
		next, _ := utf8.DecodeRuneInString(s[len(k):])
		if len(s) == len(k) || !unicode.IsLetter(next) && !unicode.IsDigit(next) {
			return true
		}
	}
	return false
}
