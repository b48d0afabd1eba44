package plan

import "testing"

func TestTimeFramesInPlanWordsGiveTheirDays(t *testing.T) {
	cases := []struct {
		in       string
		from, to string
	}{
		{"Trong năm 2024", "2024-01-01", "2024-12-31"},
		{"Năm 2025", "2025-01-01", "2025-12-31"},
		{"Quý I/2024", "2024-01-01", "2024-03-31"},
		{"Quý IV năm 2024", "2024-10-01", "2024-12-31"},
		{"Tháng 3/2024", "2024-03-01", "2024-03-31"},
		{"Tháng 02 năm 2024", "2024-02-01", "2024-02-29"},
		{"Từ tháng 3 đến tháng 6 năm 2024", "2024-03-01", "2024-06-30"},
		{"Trước ngày 15/6/2024", "2024-01-01", "2024-06-15"},
		{"6 tháng đầu năm 2024", "2024-01-01", "2024-06-30"},
		{"Thường xuyên", "2024-01-01", "2024-12-31"},
		{"20/11/2024", "2024-11-20", "2024-11-20"},
	}
	for _, c := range cases {
		from, to, ok := ParseTimeFrame(c.in, 2024)
		if !ok || from.String() != c.from || to.String() != c.to {
			t.Errorf("ParseTimeFrame(%q) = %s..%s %v, want %s..%s", c.in, from, to, ok, c.from, c.to)
		}
	}
	if _, _, ok := ParseTimeFrame("Khi có yêu cầu", 0); ok {
		t.Error("words without dates should not give dates")
	}
}

func TestCopyingToNextYearMovesOnlyThePlansYear(t *testing.T) {
	got := ShiftYearText("Trong năm 2024, theo Kế hoạch ngày 14/12/2023 và giai đoạn 2021-2025", 2024, 1)
	if got != "Trong năm 2025, theo Kế hoạch ngày 14/12/2023 và giai đoạn 2021-2025" {
		t.Fatalf("got %q", got)
	}
}
