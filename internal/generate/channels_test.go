package generate

import (
	"testing"

	"loa/internal/plan"
)

// An imported plan gets its channels from plan.KindOf; generated wordings must land
// in the channel they were generated for, or the dataset would disagree with itself.
func TestActivityWordingsAreReadAsTheirOwnChannel(t *testing.T) {
	for kind, info := range channels {
		for _, text := range append([]string{info.line}, info.activities...) {
			if got := plan.KindOf(text); got != kind {
				t.Errorf("%q is read as %s, generated as %s", text, got, kind)
			}
		}
	}
	for _, k := range kindCycle {
		if _, ok := channels[k]; !ok {
			t.Errorf("kind %s is cycled but has no wordings", k)
		}
	}
}

func TestAbbreviationsAreInitialsWithoutDiacriticsExceptĐ(t *testing.T) {
	for _, tc := range []struct{ name, want string }{
		{"Trung tâm Kiểm soát bệnh tật", "TTKSBT"},
		{"Chi cục Tiêu chuẩn Đo lường Chất lượng", "CCTCĐLCL"},
		{"Văn phòng Sở", "VP"},
		{"Trung tâm Ứng dụng tiến bộ khoa học và công nghệ", "TTUDTBKHCN"},
		{"Trung tâm Y tế khu vực Ninh Kiều số 2", "TTYTKVNK2"},
	} {
		if got := abbreviate(tc.name); got != tc.want {
			t.Errorf("abbreviate(%q) = %q, want %q", tc.name, got, tc.want)
		}
	}
	taken := map[string]bool{}
	if a, b := uniqueAbbr("PKHTC", taken), uniqueAbbr("PKHTC", taken); a != "PKHTC" || b != "PKHTC2" {
		t.Errorf("repeated abbreviations: %q, %q", a, b)
	}
}

func TestAgenciesSplitIntoDepartmentsOfAboutSeven(t *testing.T) {
	for _, tc := range []struct{ n, depts int }{{3, 1}, {20, 3}, {100, 14}, {1000, len(departments)}} {
		d, children := departmentsFor(tc.n)
		total := 1 + d
		for _, c := range children {
			if c < 1 {
				t.Errorf("%d agencies: a department without its office", tc.n)
			}
			total += c
		}
		if d != tc.depts || total != tc.n {
			t.Errorf("%d agencies: %d departments, %d in all; want %d departments", tc.n, d, total, tc.depts)
		}
	}
}
