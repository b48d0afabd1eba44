package evidence

import (
	"strings"
	"testing"
	"time"

	"loa/internal/vn"
)

func TestActivityFoldersAreNumberedFoldedToASCIIAndCutAtAWord(t *testing.T) {
	for _, c := range []struct {
		seq        int
		text, want string
	}{
		{1, "Niêm yết, thông báo trên Cổng thông tin điện tử của Sở và các đơn vị trực thuộc",
			"01 - Niem yet, thong bao tren Cong thong tin dien tu cua So va"},
		{4, "Lồng ghép nội dung CCHC", "04 - Long ghep noi dung CCHC"},
		// Decomposed input (macOS, Unikey's combining mode) folds the same.
		{12, "Đa\u0300o ta\u0323o", "12 - Dao tao"},
		{3, "Dán áp phích: «CCHC» / TTHC – 2024?", "03 - Dan ap phich CCHC - TTHC - 2024"},
		{7, "", "07"},
	} {
		got := folderName(c.seq, c.text)
		if got != c.want {
			t.Errorf("folderName(%d, %q) = %q, want %q", c.seq, c.text, got, c.want)
		}
		if len(got) > len("00 - ")+maxActivityChars {
			t.Errorf("%q is longer than the limit", got)
		}
	}
}

func TestFileNamesLeadWithTheDayAndUnitAndKeepTheExtension(t *testing.T) {
	day := vn.Date{Year: 2024, Month: time.February, Day: 15}
	hash := strings.Repeat("ab", 32)
	for _, c := range []struct {
		unit, name, want string
	}{
		{"VP", "Ảnh chụp màn hình.PNG", "2024-02-15 - VP - Anh chup man hinh.png"},
		{"CCTĐC", "Biên bản.pdf", "2024-02-15 - CCTDC - Bien ban.pdf"},
		{"TTTT", "照片.jpg", "2024-02-15 - TTTT - abababababab.jpg"},
		{"TTTT", "Số 15/KH-SKHCN.docx", "2024-02-15 - TTTT - So 15-KH-SKHCN.docx"},
		{"TTTT", ".jpg", "2024-02-15 - TTTT - abababababab.jpg"},
		{"VP", strings.Repeat("Danh sách dự họp ", 10) + ".xlsx", "2024-02-15 - VP - Danh sach du hop Danh sach du hop Danh sach du hop Danh sach du.xlsx"},
	} {
		if got := fileName(day, c.unit, c.name, hash); got != c.want {
			t.Errorf("fileName(%q, %q) = %q, want %q", c.unit, c.name, got, c.want)
		}
	}
}

func TestTwoFilesWithOneNameInOneFolderBothKeepAName(t *testing.T) {
	n := names{}
	got := []string{n.claim("01 - A", "anh.jpg"), n.claim("01 - A", "ANH.jpg"), n.claim("01 - A", "anh.jpg"), n.claim("02 - B", "anh.jpg")}
	want := []string{"01 - A/anh.jpg", "01 - A/ANH (2).jpg", "01 - A/anh (3).jpg", "02 - B/anh.jpg"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("claim %d = %q, want %q", i, got[i], want[i])
		}
	}
}

func TestSizesAreWrittenTheVietnameseWay(t *testing.T) {
	for n, want := range map[int64]string{850: "850 byte", 12_700: "12,4 KB", 3 << 20: "3 MB", 3_250_000: "3,1 MB"} {
		if got := sizeText(n); got != want {
			t.Errorf("sizeText(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestASummaryReadsInsideASentenceButAbbreviationsStay(t *testing.T) {
	for in, want := range map[string]string{"Công tác thông tin": "công tác thông tin", "CCHC năm 2024": "CCHC năm 2024", "": ""} {
		if got := lowerFirst(in); got != want {
			t.Errorf("lowerFirst(%q) = %q, want %q", in, got, want)
		}
	}
}
