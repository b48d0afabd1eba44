package plan

import (
	"fmt"
	"strings"
	"testing"
)

func TestLastYearsPlanMovesToTheNextYearWithItsLinks(t *testing.T) {
	all, home := demoAgencies()
	src, _ := samplePlan(t, NewMatcher(all, home))
	src.ID = "plan-2024"
	p := FromLastYear(src)
	if p.Year != 2025 || p.Summary != "Công tác thông tin, tuyên truyền cải cách hành chính năm 2025" || p.SourcePlanID != "plan-2024" {
		t.Fatalf("year %d summary %q source %q", p.Year, p.Summary, p.SourcePlanID)
	}
	if p.Number != "" || p.Date.Day != 0 || p.Date.Year != 2025 || p.Status != StatusDraft {
		t.Errorf("a copy is a fresh draft: %+v %s", p.Date, p.Status)
	}
	a := p.Activities[1]
	if a.Time != "Trong năm 2025" || a.StartsOn.String() != "2025-01-01" || a.EndsOn.String() != "2025-12-31" || a.ID != "" {
		t.Errorf("activity 2 moved to %q %s..%s (id %q)", a.Time, a.StartsOn, a.EndsOn, a.ID)
	}
	if a.Lead.AgencyID != "vp" || a.Supplier == nil || a.Supplier.AgencyID != "stttt" {
		t.Errorf("agency links should stay: %+v %+v", a.Lead, a.Supplier)
	}
	if p.LegalBases[0].Date.String() != "2023-12-14" {
		t.Errorf("a cited document's date must not move: %s", p.LegalBases[0].Date)
	}
	if !strings.Contains(p.Topics[0].Text, "Nghị quyết số 76/NQ-CP ngày 15 tháng 7 năm 2021") {
		t.Errorf("topic citations changed: %q", p.Topics[0].Text)
	}
	if src.Activities[1].Time != "Trong năm 2024" {
		t.Error("the source plan was changed")
	}
}

func TestADepartmentPlanStartsFromTheCitysPlan(t *testing.T) {
	all, home := demoAgencies()
	city, _ := samplePlan(t, NewMatcher(all, home))
	city.ID, city.Number, city.Symbol = "city-2024", "246", "KH-UBND"
	city.Date = DocDate{Day: 14, Month: 12, Year: 2023}
	p := FromParent(city, Issuer{AgencyID: "skhcn", Name: "Sở Khoa học và Công nghệ", ParentName: "UBND thành phố Cần Thơ", Abbr: "SKHCN", Place: "Cần Thơ"}, "Ủy ban nhân dân thành phố")
	if p.ParentPlanID != "city-2024" || len(p.Topics) != 9 || len(p.Channels) != 4 || p.Topics[0].ID != "" {
		t.Fatalf("parent link %q, %d topics, %d channels", p.ParentPlanID, len(p.Topics), len(p.Channels))
	}
	want := "Căn cứ Kế hoạch số 246/KH-UBND ngày 14 tháng 12 năm 2023 của Ủy ban nhân dân thành phố về công tác thông tin, tuyên truyền cải cách hành chính năm 2024."
	if p.LegalBases[0].Text != want {
		t.Fatalf("legal basis %q", p.LegalBases[0].Text)
	}
	if p.Symbol != "KH-SKHCN" || p.IssuingBody != "SỞ KHOA HỌC VÀ CÔNG NGHỆ" || p.ParentBody != "UBND THÀNH PHỐ CẦN THƠ" {
		t.Fatalf("header %q %q %q", p.Symbol, p.IssuingBody, p.ParentBody)
	}
}

func TestTheBlankTemplateIsAPlanReadyToFillIn(t *testing.T) {
	p := Template(Issuer{AgencyID: "skhcn", Name: "Sở Khoa học và Công nghệ", ParentName: "UBND thành phố Cần Thơ", Abbr: "SKHCN", Place: "Cần Thơ"}, 2026)
	errs := Check(p)
	for _, a := range p.Activities {
		if !errs.Has(fmt.Sprintf("activity.%d.lead", a.Seq)) {
			t.Errorf("activity %d has no lead yet: the check should say so", a.Seq)
		}
	}
	if errs.Has("summary") || errs.Has("signer") {
		t.Errorf("template fills summary and signer: %v", errs)
	}
	d := ToDocument(p)
	if d.NumberLine() != "Số: /KH-SKHCN" || d.Day != 0 || d.Month != 1 || d.Year != 2026 {
		t.Errorf("a draft prints a blank number and day: %q %d/%d/%d", d.NumberLine(), d.Day, d.Month, d.Year)
	}
}
