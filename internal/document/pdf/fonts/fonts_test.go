package fonts

import (
	"math"
	"testing"

	"github.com/go-pdf/fpdf"
)

// vietnamese holds every Vietnamese letter, lower and upper case.
const vietnamese = "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ" +
	"AÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬBCDĐEÈÉẺẼẸÊỀẾỂỄỆGHIÌÍỈĨỊKLMNOÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢPQRSTUÙÚỦŨỤƯỪỨỬỮỰVXYỲÝỶỸỴ"

func TestEveryFaceHasEveryVietnameseLetter(t *testing.T) {
	for s := Regular; s <= BoldItalic; s++ {
		for _, r := range vietnamese {
			if !has(s, r) {
				t.Errorf("face %d lacks %q", s, r)
			}
		}
	}
}

func TestWidthsEqualThoseFpdfLaysOutWith(t *testing.T) {
	text := "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc " + vietnamese + " “quoted” 1.234,5 – …"
	pdf := fpdf.New("P", "mm", "A4", "")
	names := []string{"", "B", "I", "BI"}
	for s := Regular; s <= BoldItalic; s++ {
		pdf.AddUTF8FontFromBytes("serif", names[s], TTF(s))
		pdf.SetFont("serif", names[s], 10)
		want := pdf.GetStringSymbolWidth(text)
		if got := Width(s, text); got != want {
			t.Errorf("face %d: width %d, fpdf %d", s, got, want)
		}
	}
	if err := pdf.Error(); err != nil {
		t.Fatal(err)
	}
}

func TestPointsScaleWithSize(t *testing.T) {
	// Times New Roman's space is a quarter em: 3.5 pt at 14 pt.
	if got := Points(Regular, " ", 14); math.Abs(got-3.5) > 0.01 {
		t.Errorf("space at 14 pt is %.3f pt, want 3.5", got)
	}
	if Points(Bold, "VIỆT NAM", 13) <= Points(Regular, "VIỆT NAM", 13) {
		t.Error("bold capitals should be wider than regular ones")
	}
}
