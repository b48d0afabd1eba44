package library

import (
	"testing"

	"loa/internal/vn"
)

func TestParseSymbolReadsTheFormsOfficesWrite(t *testing.T) {
	cases := []struct {
		in   string
		want Symbol
	}{
		{"246/KH-UBND", Symbol{Number: "246", TypeCode: "KH", Issuer: "UBND"}},
		{"76/NQ-CP", Symbol{Number: "76", TypeCode: "NQ", Issuer: "CP"}},
		{"23/CT-TTg", Symbol{Number: "23", TypeCode: "CT", Issuer: "TTg"}},
		{"4168/QĐ-UBND", Symbol{Number: "4168", TypeCode: "QĐ", Issuer: "UBND"}},
		{"26-CTr/TU", Symbol{Number: "26", TypeCode: "CTr", Issuer: "TU", Party: true}},
		{"20/2020/QĐ-TTg", Symbol{Number: "20", Year: 2020, TypeCode: "QĐ", Issuer: "TTg"}},
		{"30/2020/NĐ-CP", Symbol{Number: "30", Year: 2020, TypeCode: "NĐ", Issuer: "CP"}},
		{"05/SKHCN-VP", Symbol{Number: "05", Issuer: "SKHCN", Unit: "VP"}},
		{"12/TTLT-BNV-BTC", Symbol{Number: "12", TypeCode: "TTLT", Issuer: "BNV-BTC"}},
		{"15/CTr-UBND", Symbol{Number: "15", TypeCode: "CTr", Issuer: "UBND"}},
	}
	for _, c := range cases {
		got, ok := ParseSymbol(c.in)
		if !ok || got != c.want {
			t.Errorf("ParseSymbol(%q) = %+v, %v; want %+v", c.in, got, ok, c.want)
			continue
		}
		if got.Text() != c.in {
			t.Errorf("Text() = %q, want %q", got.Text(), c.in)
		}
	}
	for _, bad := range []string{"", "KH-UBND", "abc/def/ghi/jkl", "246", "12-XYZ/TU"} {
		if s, ok := ParseSymbol(bad); ok {
			t.Errorf("ParseSymbol(%q) accepted: %+v", bad, s)
		}
	}
	if s, _ := ParseSymbol("246/KH-UBND"); s.TypeName() != "Kế hoạch" || s.Suffix() != "KH-UBND" {
		t.Errorf("type name %q suffix %q", s.TypeName(), s.Suffix())
	}
}

func TestACitationGivesNumberTypeDateAndIssuer(t *testing.T) {
	got := FindCitations("Căn cứ Kế hoạch số 246/KH-UBND ngày 14 tháng 12 năm 2023 của Ủy ban nhân dân thành phố về công tác thông tin, tuyên truyền cải cách hành chính năm 2024.")
	if len(got) != 1 {
		t.Fatalf("found %d citations: %+v", len(got), got)
	}
	c := got[0]
	if c.TypeName != "Kế hoạch" || c.Symbol.Text() != "246/KH-UBND" || c.Date != (vn.Date{Year: 2023, Month: 12, Day: 14}) ||
		c.Issuer != "Ủy ban nhân dân thành phố" || c.Subject != "về công tác thông tin, tuyên truyền cải cách hành chính năm 2024" {
		t.Fatalf("got %+v", c)
	}
}

func TestATopicCitingFourDocumentsYieldsAllFour(t *testing.T) {
	topic := "tuyên truyền tình hình triển khai, kết quả, thành tựu trong thực hiện Chương trình tổng thể CCHC nhà nước giai đoạn 2021 - 2030 được ban hành tại Nghị quyết số 76/NQ-CP ngày 15 tháng 7 năm 2021 của Chính phủ, Chỉ thị số 23/CT-TTg ngày 02 tháng 9 năm 2021 của Thủ tướng Chính phủ về việc đẩy mạnh thực hiện Chương trình tổng thể CCHC nhà nước giai đoạn 2021 - 2030, Quyết định số 4168/QĐ-UBND ngày 27 tháng 12 năm 2021 của UBND thành phố ban hành Kế hoạch CCHC thành phố giai đoạn 2021-2025; Chương trình số 26-CTr/TU ngày 31 tháng 12 năm 2021 của Thành ủy Cần Thơ về CCHC, trọng tâm là xây dựng nền hành chính điện tử, hành động, phục vụ."
	got := FindCitations(topic)
	want := []struct {
		sym, typ, issuer string
		date             vn.Date
	}{
		{"76/NQ-CP", "Nghị quyết", "Chính phủ", vn.Date{Year: 2021, Month: 7, Day: 15}},
		{"23/CT-TTg", "Chỉ thị", "Thủ tướng Chính phủ", vn.Date{Year: 2021, Month: 9, Day: 2}},
		{"4168/QĐ-UBND", "Quyết định", "UBND thành phố", vn.Date{Year: 2021, Month: 12, Day: 27}},
		{"26-CTr/TU", "Chương trình", "Thành ủy Cần Thơ", vn.Date{Year: 2021, Month: 12, Day: 31}},
	}
	if len(got) != len(want) {
		t.Fatalf("found %d: %+v", len(got), got)
	}
	if got[1].Subject != "về việc đẩy mạnh thực hiện Chương trình tổng thể CCHC nhà nước giai đoạn 2021 - 2030" ||
		got[2].Subject != "ban hành Kế hoạch CCHC thành phố giai đoạn 2021-2025" || got[0].Subject != "" {
		t.Errorf("subjects: %q | %q | %q", got[0].Subject, got[1].Subject, got[2].Subject)
	}
	for i, w := range want {
		g := got[i]
		if g.Symbol.Text() != w.sym || g.TypeName != w.typ || g.Issuer != w.issuer || g.Date != w.date {
			t.Errorf("citation %d = %+v (issuer %q), want %+v", i, g, g.Issuer, w)
		}
	}
}

func TestCitationsWithSlashDatesAndNoIssuer(t *testing.T) {
	got := FindCitations("Căn cứ Kế hoạch số 246/KH-UBND ngày 14/12/2023 của UBND thành phố; Quyết định số 20/2020/QĐ-TTg.")
	if len(got) != 2 || got[0].Date != (vn.Date{Year: 2023, Month: 12, Day: 14}) || got[0].Issuer != "UBND thành phố" || got[1].Symbol.Year != 2020 {
		t.Fatalf("got %+v", got)
	}
	if len(FindCitations("Không có văn bản nào ở đây, chỉ có kế hoạch chung.")) != 0 {
		t.Fatal("plain text should cite nothing")
	}
}
