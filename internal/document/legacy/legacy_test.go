package legacy

import (
	"os/exec"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

const sampleLine = "Kế hoạch công tác thông tin, tuyên truyền cải cách hành chính năm 2024 của Sở Khoa học và Công nghệ thành phố Cần Thơ"

// letters are the 134 Vietnamese letters with diacritics, both cases.
var letters = func() []string {
	lower := "àảãáạăằẳẵắặâầẩẫấậèẻẽéẹêềểễếệìỉĩíịòỏõóọôồổỗốộơờởỡớợùủũúụưừửữứựỳỷỹýỵđ"
	var out []string
	for _, r := range lower + strings.ToUpper(lower) {
		out = append(out, string(r))
	}
	return out
}()

// iconvTCVN encodes s with glibc's TCVN converter, or skips the test without it.
func iconvTCVN(t *testing.T, s string) string {
	t.Helper()
	path, err := exec.LookPath("iconv")
	if err != nil {
		t.Skip("iconv is not installed: cannot make TCVN3 test input")
	}
	cmd := exec.Command(path, "-f", "UTF-8", "-t", "TCVN")
	cmd.Stdin = strings.NewReader(s)
	out, err := cmd.Output()
	if err != nil {
		t.Skipf("iconv has no TCVN converter here: %v", err)
	}
	return string(out)
}

// asWindows1252 is how Word holds the same bytes when they were typed in a legacy font.
func asWindows1252(raw string) string { return fromWindows1252(raw) }

func TestTCVN3BytesFromIconvAreDetectedAndConverted(t *testing.T) {
	for _, text := range []string{sampleLine, strings.Join(letters, " "), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"} {
		raw := iconvTCVN(t, text)
		if utf8.ValidString(raw) {
			t.Fatalf("iconv output is valid UTF-8, the test proves nothing: %q", raw)
		}
		if got := Detect(raw); got != TCVN3 {
			t.Fatalf("Detect(%q) = %v, want TCVN3", text, got)
		}
		got, err := ToUnicode(raw, TCVN3)
		if err != nil || got != text {
			t.Fatalf("ToUnicode = %q, %v; want %q", got, err, text)
		}
	}
}

func TestTCVN3TypedInWordAsWindows1252CharactersIsDetected(t *testing.T) {
	s := asWindows1252(iconvTCVN(t, sampleLine))
	if !utf8.ValidString(s) {
		t.Fatal("expected a valid UTF-8 string")
	}
	if got := Detect(s); got != TCVN3 {
		t.Fatalf("Detect = %v, want TCVN3", got)
	}
	if got, _ := ToUnicode(s, TCVN3); got != sampleLine {
		t.Fatalf("ToUnicode = %q", got)
	}
}

func TestTCVN3TitlesTypedInUpperCaseFontsComeBackUpperCase(t *testing.T) {
	// The .VnTimeH fonts show capitals, so "KẾ HOẠCH" was typed with lower-case codes.
	for in, want := range map[string]string{
		"K\xd5 HO\xb9CH":         "KẾ HOẠCH",
		"TR\xa6\xeaNG \xa7\xb8I": "TRƯỜNG ĐÁI", // upper-case Ư and Đ exist in TCVN3 itself
		"H\xb5 N\xe9i":           "Hà Nội",
		"\xa7\xe5ng Th\xb8p":     "Đồng Tháp",
	} {
		got, err := ToUnicode(in, TCVN3)
		if err != nil || got != want {
			t.Errorf("ToUnicode(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
}

func TestVNIWellKnownWordsConvert(t *testing.T) {
	for in, want := range map[string]string{
		"Vieät Nam":                               "Việt Nam",
		"Coäng hoøa xaõ hoäi chuû nghóa":          "Cộng hòa xã hội chủ nghĩa",
		"Ñoäc laäp - Töï do - Haïnh phuùc":        "Độc lập - Tự do - Hạnh phúc",
		"Thaønh phoá Caàn Thô":                    "Thành phố Cần Thơ",
		"ngöôøi daân ñöôïc bieát":                 "người dân được biết",
		"Quyeát ñònh, Chæ thò, Keá hoaïch":        "Quyết định, Chỉ thị, Kế hoạch",
		"Vaên baûn, Yù kieán, Nguyeãn, kyû nieäm": "Văn bản, Ý kiến, Nguyễn, kỷ niệm",
		"ÑAÛNG COÄNG SAÛN VIEÄT NAM":              "ĐẢNG CỘNG SẢN VIỆT NAM",
		"TRÖÔØNG, ÔÛ, Ö, ñieàu":                   "TRƯỜNG, Ở, Ư, điều",
		"aén, aúm, aüm, aëc, aèm, aém":            "ắn, ẳm, ẵm, ặc, ằm, ắm",
		"ìm, íp, æ, ó, ò, yù, î":                  "ìm, íp, ỉ, ĩ, ị, ý, ỵ",
	} {
		got, err := ToUnicode(in, VNI)
		if err != nil || got != want {
			t.Errorf("ToUnicode(%q, VNI) = %q, %v; want %q", in, got, err, want)
		}
	}
}

// vniEncode finds, for each letter, the one VNI spelling (a letter or a letter and a
// mark character) that converts to it, proving the table covers all 134 letters.
func vniEncode(t *testing.T, s string) string {
	t.Helper()
	var marks []rune
	for r := rune(0xC0); r <= 0xFF; r++ {
		marks = append(marks, r)
	}
	bases := []rune("aeouyAEOUY" + "ôöñóòæìíîÔÖÑÓÒÆÌÍÎ")
	enc := map[string][]string{}
	for _, b := range bases {
		if c := norm.NFC.String(fromVNI(string(b))); utf8.RuneCountInString(c) == 1 {
			enc[c] = append(enc[c], string(b))
		}
		for _, m := range marks {
			in := string(b) + string(m)
			if c := norm.NFC.String(fromVNI(in)); utf8.RuneCountInString(c) == 1 {
				enc[c] = append(enc[c], in)
			}
		}
	}
	var out strings.Builder
	for _, r := range s {
		if r < 0x80 {
			out.WriteRune(r)
			continue
		}
		e := enc[string(r)]
		if len(e) == 0 {
			t.Fatalf("no VNI spelling converts to %q", string(r))
		}
		out.WriteString(e[0])
	}
	return out.String()
}

func TestVNICoversEveryVietnameseLetter(t *testing.T) {
	all := strings.Join(letters, "")
	enc := vniEncode(t, all)
	if got, _ := ToUnicode(enc, VNI); got != all {
		t.Fatalf("round trip through VNI: %q, want %q", got, all)
	}
}

func TestVNITextIsDetectedAsCharactersAndAsBytes(t *testing.T) {
	enc := vniEncode(t, sampleLine)
	if got := Detect(enc); got != VNI {
		t.Fatalf("Detect(%q) = %v, want VNI", enc, got)
	}
	raw := toBytes1252(t, enc)
	if utf8.ValidString(raw) {
		t.Fatal("VNI bytes should not be valid UTF-8")
	}
	if got := Detect(raw); got != VNI {
		t.Fatalf("Detect(raw bytes) = %v, want VNI", got)
	}
	if got, _ := ToUnicode(raw, VNI); got != sampleLine {
		t.Fatalf("ToUnicode(raw) = %q", got)
	}
}

func toBytes1252(t *testing.T, s string) string {
	t.Helper()
	var b []byte
	for _, r := range s {
		found := false
		for c := 0; c < 256; c++ {
			if win1252(byte(c)) == r {
				b = append(b, byte(c))
				found = true
				break
			}
		}
		if !found {
			t.Fatalf("%q is not in Windows-1252", r)
		}
	}
	return string(b)
}

func TestUnicodeTextIsNotMistakenForLegacy(t *testing.T) {
	for _, s := range []string{
		sampleLine,
		"công tác thông tin", // ô and á are also VNI and TCVN3 characters
		"có ý kiến, tổ chức hội nghị, phổ biến",
		"Le café de l'élève à Noël", // French stays French
		"CCHC, PAR Index, SIPAS 2024",
		"",
	} {
		if got := Detect(s); got != Unicode {
			t.Errorf("Detect(%q) = %v, want Unicode", s, got)
		}
	}
}

func TestInvalidUTF8ThatIsNoVietnameseEncodingIsUnknown(t *testing.T) {
	for _, s := range []string{"Gr\xf6\xdfe M\xfcnchen Stra\xdfe", "\xff\xfe\xfd\x80\x81", "abc \xc3\x28 def"} {
		if got := Detect(s); got != Unknown {
			t.Errorf("Detect(%q) = %v, want Unknown", s, got)
		}
	}
	if _, err := ToUnicode("x", Unknown); err == nil {
		t.Error("ToUnicode with Unknown should fail")
	}
}

func TestSyllableAcceptsVietnameseAndRejectsMisdecodedWords(t *testing.T) {
	for _, w := range []string{"nghiêng", "người", "khuya", "quyết", "giữ", "gì", "thuở", "xoong", "Đường", "oanh", "uống"} {
		if !syllable(w) {
			t.Errorf("syllable(%q) = false", w)
		}
	}
	for _, w := range []string{"Coâng", "taùc", "tiõng", "élève", "cafe", "strasse", "aà", "uoc", "ng"} {
		if syllable(w) {
			t.Errorf("syllable(%q) = true", w)
		}
	}
}
