package plan

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"loa/internal/agency"
	"loa/internal/document/text"
)

// samplePlan reads the sample plan of Sở KH&CN Cần Thơ (testdata/README.md gives its origin).
func samplePlan(t *testing.T, m *Matcher) (*Plan, Report) {
	t.Helper()
	f, err := os.Open("../../testdata/sample-plan-skhcn-cantho-2024.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	d, err := text.Read(f)
	if err != nil {
		t.Fatal(err)
	}
	return FromDocument(d, m)
}

// demoAgencies is the sample plan's agency tree, enough for matching.
func demoAgencies() ([]*agency.Agency, string) {
	list := []*agency.Agency{
		{ID: "ubnd", Name: "Ủy ban nhân dân thành phố Cần Thơ", ShortName: "UBND thành phố Cần Thơ", Abbr: "UBND"},
		{ID: "skhcn", Name: "Sở Khoa học và Công nghệ", ShortName: "Sở KH&CN", Abbr: "SKHCN", ParentID: "ubnd"},
		{ID: "vp", Name: "Văn phòng Sở", ShortName: "Văn phòng Sở", Abbr: "VP", ParentID: "skhcn"},
		{ID: "cc", Name: "Chi cục Tiêu chuẩn Đo lường Chất lượng", Abbr: "CCTĐC", ParentID: "skhcn"},
		{ID: "tttt", Name: "Trung tâm Thông tin khoa học và công nghệ", Abbr: "TTTT", ParentID: "skhcn"},
		{ID: "ttud", Name: "Trung tâm Ứng dụng tiến bộ khoa học và công nghệ", Abbr: "TTUD", ParentID: "skhcn"},
		{ID: "ttkt", Name: "Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng", Abbr: "TTKT", ParentID: "skhcn"},
		{ID: "vuom", Name: "Vườn ươm công nghệ công nghiệp Việt Nam - Hàn Quốc", Abbr: "VUCN", ParentID: "skhcn"},
		{ID: "snv", Name: "Sở Nội vụ", Abbr: "SNV", ParentID: "ubnd", External: true},
		{ID: "stttt", Name: "Sở Thông tin và Truyền thông", ShortName: "Sở TT&TT", Abbr: "STTTT", ParentID: "ubnd", MergedInto: "skhcn"},
		{ID: "svh", Name: "Sở Văn hóa, Thể thao và Du lịch", Abbr: "SVHTTDL", ParentID: "ubnd"},
		{ID: "vp2", Name: "Văn phòng Sở", ShortName: "Văn phòng Sở", Abbr: "VP", ParentID: "snv"},
	}
	return list, "skhcn"
}

func TestTheSamplePlanImportsIntoExactlyItsParts(t *testing.T) {
	all, home := demoAgencies()
	p, rep := samplePlan(t, NewMatcher(all, home))
	if p.Symbol != "KH-SKHCN" || p.Number != "" || p.Place != "Cần Thơ" || p.Date != (DocDate{Month: 1, Year: 2024}) || p.Year != 2024 {
		t.Errorf("header: symbol %q number %q place %q date %+v year %d", p.Symbol, p.Number, p.Place, p.Date, p.Year)
	}
	if p.Summary != "Công tác thông tin, tuyên truyền cải cách hành chính năm 2024" {
		t.Errorf("summary %q", p.Summary)
	}
	if len(p.LegalBases) != 1 || p.LegalBases[0].Number != "246" || p.LegalBases[0].Symbol != "KH-UBND" || p.LegalBases[0].Date.String() != "2023-12-14" {
		t.Errorf("legal bases %+v", p.LegalBases)
	}
	if !strings.HasPrefix(p.Intro, "Sở Khoa học và Công nghệ xây dựng Kế hoạch") {
		t.Errorf("intro %q", p.Intro)
	}
	labels := func(items []Item) string {
		var l []string
		for _, it := range items {
			l = append(l, it.Label)
		}
		return strings.Join(l, " ")
	}
	if got := labels(p.Purposes); got != "a) b)" {
		t.Errorf("purposes %q", got)
	}
	if got := labels(p.Requirements); got != "a) b) c) d) đ)" {
		t.Errorf("requirements %q", got)
	}
	if len(p.Topics) != 9 || !strings.Contains(p.Topics[5].Text, "phản ánh những hạn chế, yếu kém") {
		t.Errorf("%d topics; topic 6 = %q", len(p.Topics), p.Topics[min(5, len(p.Topics)-1)].Text)
	}
	if len(p.Topics) > 0 && len(p.Topics[0].Citations) != 4 {
		t.Errorf("topic 1 cites %d documents: %+v", len(p.Topics[0].Citations), p.Topics[0].Citations)
	}
	if len(p.Channels) != 4 || p.Channels[0].Kind != ChannelWebsite {
		t.Errorf("channels %+v", p.Channels)
	}
	if len(p.Activities) != 6 {
		t.Fatalf("%d activities", len(p.Activities))
	}
	wantPartners := []int{2, 5, 5, 5, 1, 1}
	wantKinds := []ChannelKind{ChannelWebsite, ChannelLeaflet, ChannelPoster, ChannelMeeting, ChannelContest, ChannelContest}
	for i, a := range p.Activities {
		if a.Seq != i+1 || a.Lead.Name != "Văn phòng Sở" || a.Lead.AgencyID != "vp" || a.Time != "Trong năm 2024" ||
			a.StartsOn.String() != "2024-01-01" || a.EndsOn.String() != "2024-12-31" {
			t.Errorf("activity %d: seq %d lead %+v time %q %s..%s", i+1, a.Seq, a.Lead, a.Time, a.StartsOn, a.EndsOn)
		}
		if len(a.Partners) != wantPartners[i] {
			t.Errorf("activity %d has %d partners: %+v", i+1, len(a.Partners), a.Partners)
		}
		if a.Conditional != (i >= 4) {
			t.Errorf("activity %d conditional = %v", i+1, a.Conditional)
		}
		if a.Kind != wantKinds[i] {
			t.Errorf("activity %d kind %s, want %s", i+1, a.Kind, wantKinds[i])
		}
	}
	a2, a3 := p.Activities[1], p.Activities[2]
	if a2.Supplier == nil || a2.Supplier.Name != "Sở Thông tin và Truyền thông" || a2.Supplier.AgencyID != "stttt" ||
		a2.Text != "Phát tờ gấp tuyên truyền CCHC và TTHC" {
		t.Errorf("activity 2: %q supplier %+v", a2.Text, a2.Supplier)
	}
	if a3.Supplier == nil || a3.Supplier.Name != "Sở Văn hóa, Thể thao và Du lịch" || a3.Supplier.AgencyID != "svh" {
		t.Errorf("activity 3 supplier %+v", a3.Supplier)
	}
	if last := a2.Partners[4]; last.Name != "Vườn ươm công nghệ công nghiệp Việt Nam - Hàn Quốc" || last.AgencyID != "vuom" {
		t.Errorf("activity 2's last partner %+v", last)
	}
	if p.Activities[4].Partners[0].Name != "Các phòng, đơn vị có liên quan" || p.Activities[4].Partners[0].AgencyID != "" {
		t.Errorf("activity 5's partners should be kept as text: %+v", p.Activities[4].Partners)
	}
	if !strings.Contains(p.Activities[4].Text, "lãnh đạo, quản lý") || strings.Contains(p.Activities[4].Text, "nếu") {
		t.Errorf("activity 5 text %q", p.Activities[4].Text)
	}
	if !strings.HasPrefix(p.Funding, "Kinh phí thực hiện tuyên truyền CCHC năm 2024") {
		t.Errorf("funding %q", p.Funding)
	}
	if len(p.Duties) != 3 || len(p.Duties[0].Items) != 2 || len(p.Duties[1].Items) != 2 || p.Duties[2].Text == "" ||
		p.Duties[1].Agency.AgencyID != "vp" || p.Duties[2].Agency.AgencyID != "tttt" {
		t.Errorf("duties %+v", p.Duties)
	}
	if !strings.HasPrefix(p.Closing, "Trên đây là Kế hoạch") {
		t.Errorf("closing %q", p.Closing)
	}
	if len(p.Recipients) != 5 || p.Recipients[4] != "Lưu: VT" {
		t.Errorf("recipients %q", p.Recipients)
	}
	if p.Signer.Title != "GIÁM ĐỐC" || p.Signer.Name != "Ngô Anh Tín" {
		t.Errorf("signer %+v", p.Signer)
	}
	if len(p.Unrecognised) != 0 || len(rep.Unrecognised) != 0 {
		t.Errorf("nothing should be left unrecognised: %q", p.Unrecognised)
	}
	if len(rep.Unmatched) != 1 || rep.Unmatched[0] != "Các phòng, đơn vị có liên quan" {
		t.Errorf("unmatched agencies %q", rep.Unmatched)
	}
}

func TestThePlanJSONHasTheDocumentedFields(t *testing.T) {
	p, _ := samplePlan(t, nil)
	b, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	_ = json.Unmarshal(b, &m)
	for _, k := range []string{"number", "symbol", "place", "date", "summary", "legal_bases", "purposes", "requirements", "topics",
		"channels", "activities", "funding", "duties", "recipients", "signer"} {
		if _, ok := m[k]; !ok {
			t.Errorf("plan JSON lacks %q", k)
		}
	}
	act := m["activities"].([]any)[0].(map[string]any)
	for _, k := range []string{"seq", "text", "lead", "partners", "supplier", "time", "conditional", "target"} {
		if _, ok := act[k]; !ok {
			t.Errorf("activity JSON lacks %q", k)
		}
	}
	signer := m["signer"].(map[string]any)
	for _, k := range []string{"authority", "title", "name"} {
		if _, ok := signer[k]; !ok {
			t.Errorf("signer JSON lacks %q", k)
		}
	}
}
