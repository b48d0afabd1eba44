package vn

import (
	"slices"
	"testing"
	"time"
)

func TestFoldIgnoresCaseDiacriticsAndDStroke(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Cải cách hành chính", "cai cach hanh chinh"},
		{"Đảng ủy", "dang uy"},
		{"ĐÀ NẴNG", "da nang"},
		{"Sở KH&CN", "so kh&cn"},
		{"Nghị quyết 76/NQ-CP", "nghi quyet 76/nq-cp"},
		{"Thủ tục hành chính", "thu tuc hanh chinh"},
		{"Hàn Quốc", "han quoc"},
		{"ưu tiên ơn", "uu tien on"},
	}
	for _, c := range cases {
		if got := Fold(c.in); got != c.want {
			t.Errorf("Fold(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestFoldTreatsComposedAndDecomposedInputAlike(t *testing.T) {
	composed := "Việt Nam"
	decomposed := "Vie\u0323\u0302t Nam"
	if Fold(composed) != Fold(decomposed) {
		t.Fatalf("folding differs: %q vs %q", Fold(composed), Fold(decomposed))
	}
	if NFC(decomposed) != composed {
		t.Fatalf("NFC(%q) = %q", decomposed, NFC(decomposed))
	}
}

func TestCleanTrimsAndCollapsesSpacesButKeepsLines(t *testing.T) {
	cases := []struct{ in, want string }{
		{"  Văn   phòng\tSở  ", "Văn phòng Sở"},
		{"dòng 1\ndòng  2", "dòng 1\ndòng 2"},
		{"Vie\u0323\u0302t", "Việt"},
	}
	for _, c := range cases {
		if got := Clean(c.in); got != c.want {
			t.Errorf("Clean(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestSortFollowsVietnameseAlphabet(t *testing.T) {
	got := []string{"Đà Nẵng", "Dương", "Ấn", "An", "Ăn", "Bình", "Cần Thơ", "Hậu Giang"}
	SortStrings(got)
	want := []string{"An", "Ăn", "Ấn", "Bình", "Cần Thơ", "Dương", "Đà Nẵng", "Hậu Giang"}
	if !slices.Equal(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	if !Less("Dương", "Đà Nẵng") {
		t.Fatal("Dương should sort before Đà Nẵng")
	}
}

func TestSortByUsesVietnameseOrderOfTheKey(t *testing.T) {
	type agency struct{ name string }
	items := []agency{{"Văn phòng Sở"}, {"Chi cục Tiêu chuẩn"}, {"Đoàn thanh niên"}, {"Dân vận"}}
	SortBy(items, func(a agency) string { return a.name })
	var names []string
	for _, a := range items {
		names = append(names, a.name)
	}
	want := []string{"Chi cục Tiêu chuẩn", "Dân vận", "Đoàn thanh niên", "Văn phòng Sở"}
	if !slices.Equal(names, want) {
		t.Fatalf("got %v, want %v", names, want)
	}
}

func TestDocDatePadsDaysBelowTenAndOnlyJanuaryFebruary(t *testing.T) {
	cases := []struct {
		d    time.Time
		want string
	}{
		{time.Date(2024, 1, 5, 0, 0, 0, 0, Location), "ngày 05 tháng 01 năm 2024"},
		{time.Date(2024, 2, 29, 0, 0, 0, 0, Location), "ngày 29 tháng 02 năm 2024"},
		{time.Date(2023, 12, 14, 0, 0, 0, 0, Location), "ngày 14 tháng 12 năm 2023"},
		{time.Date(2021, 7, 15, 0, 0, 0, 0, Location), "ngày 15 tháng 7 năm 2021"},
		{time.Date(2021, 9, 2, 0, 0, 0, 0, Location), "ngày 02 tháng 9 năm 2021"},
		{time.Date(2025, 10, 1, 0, 0, 0, 0, Location), "ngày 01 tháng 10 năm 2025"},
	}
	for _, c := range cases {
		if got := DocDate(c.d); got != c.want {
			t.Errorf("DocDate(%v) = %q, want %q", c.d, got, c.want)
		}
	}
}

func TestPlaceDateLeavesBlankPartsForHandwriting(t *testing.T) {
	if got, want := PlaceDate("Cần Thơ", 0, 1, 2024), "Cần Thơ, ngày      tháng 01 năm 2024"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
	if got, want := PlaceDate("Cần Thơ", 5, 1, 2024), "Cần Thơ, ngày 05 tháng 01 năm 2024"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

func TestParseDateAcceptsTheFormsPeopleType(t *testing.T) {
	want := time.Date(2024, 1, 5, 0, 0, 0, 0, Location)
	for _, in := range []string{"05/01/2024", "5/1/2024", "2024-01-05", "05-01-2024", " 05.01.2024 "} {
		got, err := ParseDate(in)
		if err != nil || !got.Equal(want) {
			t.Errorf("ParseDate(%q) = %v, %v", in, got, err)
		}
	}
	if _, err := ParseDate("31/02/2024"); err == nil {
		t.Error("31/02/2024 should be refused")
	}
	if _, err := ParseDate("hôm qua"); err == nil {
		t.Error("free text should be refused")
	}
}

func TestShortDateShowsVietnamTime(t *testing.T) {
	// 20:00 UTC on 4 January is already 5 January in Vietnam.
	if got := ShortDate(time.Date(2024, 1, 4, 20, 0, 0, 0, time.UTC)); got != "05/01/2024" {
		t.Fatalf("got %q", got)
	}
}
