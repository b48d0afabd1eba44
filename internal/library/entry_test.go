package library_test

import (
	"testing"

	"loa/internal/library"
	"loa/internal/vn"
)

func TestACitationOfThePlanGivesAnUnsavedEntryWithAllItsParts(t *testing.T) {
	e, ok := library.FromCitation("Kế hoạch số 246/KH-UBND ngày 14 tháng 12 năm 2023 của Ủy ban nhân dân thành phố về công tác thông tin, tuyên truyền cải cách hành chính năm 2024")
	want := library.Entry{Number: "246", Symbol: "KH-UBND", TypeCode: "KH", TypeName: "Kế hoạch", IssuedOn: vn.Date{Year: 2023, Month: 12, Day: 14},
		Issuer: "Ủy ban nhân dân thành phố", Summary: "Về công tác thông tin, tuyên truyền cải cách hành chính năm 2024", Scope: library.ScopeCity}
	if !ok || e != want {
		t.Fatalf("got %+v, %v\nwant %+v", e, ok, want)
	}
}

func TestACitationWithoutIssuerOrSubjectStillGivesWhatTheSymbolTells(t *testing.T) {
	e, ok := library.FromCitation("Căn cứ Quyết định số 20/2020/QĐ-TTg;")
	if !ok || e.Number != "20" || e.Symbol != "2020/QĐ-TTg" || e.TypeName != "Quyết định" || e.Issuer != "Thủ tướng Chính phủ" ||
		e.Scope != library.ScopeCentral || e.Summary != "" {
		t.Fatalf("got %+v", e)
	}
	e, ok = library.FromCitation(" 05/SKHCN-VP ")
	if !ok || e.NumberSymbol() != "05/SKHCN-VP" || e.TypeName != library.OfficialLetter || e.Scope != library.ScopeOwn {
		t.Fatalf("a bare công văn symbol: %+v", e)
	}
	e, ok = library.FromCitation("22/2008/QH12")
	if !ok || e.TypeName != "" || e.Scope != library.ScopeCentral {
		t.Fatalf("a law's symbol is no công văn: %+v", e)
	}
	if _, ok := library.FromCitation("tuyên truyền về cải cách hành chính"); ok {
		t.Fatal("text without a document should give nothing")
	}
}

func TestTheScopeIsGuessedFromTheIssuer(t *testing.T) {
	cases := []struct {
		abbr, name string
		want       library.Scope
	}{
		{"CP", "Chính phủ", library.ScopeCentral},
		{"TTg", "", library.ScopeCentral},
		{"BNV-BTC", "", library.ScopeCentral},
		{"", "Bộ Nội vụ", library.ScopeCentral},
		{"QH14", "Quốc hội", library.ScopeCentral},
		{"UBND", "UBND thành phố", library.ScopeCity},
		{"TU", "Thành ủy Cần Thơ", library.ScopeCity},
		{"HĐND", "", library.ScopeCity},
		{"", "Ủy ban nhân dân thành phố Cần Thơ", library.ScopeCity},
		{"SKHCN", "Sở Khoa học và Công nghệ", library.ScopeOwn},
		{"", "", library.ScopeOwn},
	}
	for _, c := range cases {
		if got := library.GuessScope(c.abbr, c.name); got != c.want {
			t.Errorf("GuessScope(%q, %q) = %s, want %s", c.abbr, c.name, got, c.want)
		}
	}
}

func TestNumberAndSymbolAreJoinedAsDocumentsPrintThem(t *testing.T) {
	cases := map[[2]string]string{
		{"246", "KH-UBND"}:     "246/KH-UBND",
		{"26", "CTr/TU"}:       "26-CTr/TU",
		{"20", "2020/QĐ-TTg"}:  "20/2020/QĐ-TTg",
		{"05", "SKHCN-VP"}:     "05/SKHCN-VP",
		{"", ""}:               "",
		{"12", "TTLT-BNV-BTC"}: "12/TTLT-BNV-BTC",
	}
	for in, want := range cases {
		if got := library.JoinSymbol(in[0], in[1]); got != want {
			t.Errorf("JoinSymbol(%q, %q) = %q, want %q", in[0], in[1], got, want)
		}
	}
}
