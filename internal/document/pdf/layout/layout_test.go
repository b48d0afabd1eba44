package layout

import (
	"slices"
	"testing"

	"loa/internal/document"
	"loa/internal/document/documenttest"
)

func TestListLinesPunctuateEveryLineAndEndWithAFullStop(t *testing.T) {
	got := ListLines([]string{"Sở Nội vụ", "- BGĐ Sở;", "  ", "Lưu: VT, VP."})
	want := []string{"- Sở Nội vụ;", "- BGĐ Sở;", "- Lưu: VT, VP."}
	if !slices.Equal(got, want) {
		t.Errorf("ListLines = %q, want %q", got, want)
	}
	if ListLines(nil) != nil {
		t.Error("no items should give no lines")
	}
}

func TestMarginsAreWithinDecree30(t *testing.T) {
	mm := func(tw int) float64 { return float64(tw) * 25.4 / 1440 }
	for _, c := range []struct {
		name     string
		v        float64
		min, max float64
	}{{"top", mm(MarginTop), 20, 25}, {"bottom", mm(MarginBottom), 20, 25}, {"left", mm(MarginLeft), 30, 35}, {"right", mm(MarginRight), 15, 20}} {
		if c.v < c.min || c.v > c.max {
			t.Errorf("%s margin %.1f mm outside %v–%v", c.name, c.v, c.min, c.max)
		}
	}
}

func TestHeaderFitsTheNationalTitleBesideTheAgency(t *testing.T) {
	h := HeaderOf(documenttest.SamplePlan())
	if h.Left+h.Right != TextWidth(false)+2*HeaderOutdent {
		t.Errorf("columns %d + %d do not fill the header width", h.Left, h.Right)
	}
	if h.TitleSize != 12 && h.TitleSize != 13 {
		t.Errorf("national title at %v pt", h.TitleSize)
	}
	short := &document.Document{IssuingBody: "SỞ NỘI VỤ", ParentBody: "UBND TỈNH AN GIANG"}
	if got := HeaderOf(short).TitleSize; got != 13 {
		t.Errorf("beside a short agency name the national title is %v pt, want 13", got)
	}
}

func TestAnnexReferenceNamesTheDocumentItGoesWith(t *testing.T) {
	if got := AnnexReference(documenttest.SamplePlan()); got != "(Kèm theo Kế hoạch số /KH-SKHCN ngày      tháng 01 năm 2024)" {
		t.Errorf("got %q", got)
	}
	if got := AnnexReference(documenttest.CongVan()); got != "(Kèm theo Công văn số 05/SKHCN-VP ngày 09 tháng 02 năm 2024)" {
		t.Errorf("got %q", got)
	}
}

func TestRunsPrefixLabelsAndBulletMarks(t *testing.T) {
	for _, c := range []struct {
		b    document.Block
		want string
	}{
		{document.Block{Kind: document.KindHeading, Level: 3, Label: "đ)", Runs: document.Plain("Tuyên truyền")}, "đ) Tuyên truyền"},
		{document.Block{Kind: document.KindBullet, Level: 1, Runs: document.Plain("một")}, "- một"},
		{document.Block{Kind: document.KindBullet, Level: 2, Runs: document.Plain("hai")}, "+ hai"},
		{document.Block{Kind: document.KindParagraph, Runs: document.Plain("ba")}, "ba"},
	} {
		if got := document.Text(Runs(c.b)); got != c.want {
			t.Errorf("got %q, want %q", got, c.want)
		}
	}
	bold := Runs(document.Block{Kind: document.KindParagraph, Label: "1.", Runs: []document.Run{{Text: "x", Bold: true}}})
	if !bold[0].Bold {
		t.Error("the label should take the style of the first run")
	}
}
