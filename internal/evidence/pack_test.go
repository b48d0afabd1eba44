package evidence_test

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path"
	"slices"
	"strconv"
	"strings"
	"testing"

	"loa/internal/evidence"
	"loa/internal/store"
	"loa/internal/store/storetest"
)

// scenario records the first quarter of 2024 (15/12/2023 – 14/03/2024): accepted
// results with photos, a PDF, text and links; one waiting for review; one accepted
// but after the quarter's cut-off.
type scenario struct {
	// packed are the files that belong in the Q1 pack, by the folder they go in.
	packed map[string][]upload
	links  []string
	// absent are files and links that must stay out of it.
	absent      []upload
	absentLinks []string
	list        upload // a text file, to tamper with
	photo       upload // a photo, to remove from storage
}

func record(t testing.TB, f *fixture) *scenario {
	t.Helper()
	shot := upload{"Ảnh chụp màn hình tin bài.png", pngFile(t, 10)}
	shot2 := upload{"Ảnh chụp màn hình tin bài.png", pngFile(t, 90)} // same name, same unit, same day
	listing := upload{"Danh sách tin đã đăng.txt", []byte("STT,Tiêu đề\n1,Kế hoạch CCHC năm 2024\n2,Kết quả giải quyết TTHC tháng 1\n")}
	shotTTTT := upload{"Ảnh chụp màn hình tin bài.png", pngFile(t, 170)}
	minutes := upload{"Biên bản phát tờ gấp.pdf", pdfFile("bien ban")}
	photo := upload{"ảnh phát tờ gấp.jpg", jpegFile(t, 200)}
	attendance := upload{"Danh sách dự họp.txt", []byte("STT,Họ và tên\n1,Nguyễn Văn An\n2,Trần Thị Bình\n")}
	pending := upload{"Chưa duyệt.txt", []byte("kết quả chờ duyệt\n")}
	late := upload{"Ngoài kỳ.txt", []byte("kết quả sau ngày 14/3\n")}

	links := []string{"https://skhcn.cantho.gov.vn/tin-tuc/ke-hoach-cchc-2024", "https://skhcn.cantho.gov.vn/tin-tuc/ket-qua-tthc-thang-1"}
	f.record(t, 1, "VP", "15/02/2024", true, strings.Join(links, "\n"), shot, listing)
	f.record(t, 1, "VP", "15/02/2024", true, "", shot2)
	f.record(t, 1, "TTTT", "10/03/2024", true, "https://skhcn.cantho.gov.vn/van-ban/76-nq-cp", shotTTTT)
	f.record(t, 2, "VP", "01/03/2024", true, "", minutes, photo)
	f.record(t, 4, "TTUD", "20/02/2024", true, "", attendance)
	f.record(t, 4, "VP", "05/03/2024", false, "https://skhcn.cantho.gov.vn/tin-tuc/cho-duyet", pending)
	f.record(t, 1, "CCTĐC", "02/04/2024", true, "https://skhcn.cantho.gov.vn/tin-tuc/ngoai-ky", late)
	return &scenario{
		packed: map[string][]upload{
			"01 - Niem yet, thong bao tren Cong thong tin dien tu cua So va": {shot, listing, shot2, shotTTTT},
			"02 - Phat to gap tuyen truyen CCHC va TTHC":                     {minutes, photo},
			"04 - Long ghep noi dung CCHC vao cac hoi nghi, hop, sinh hoat":  {attendance},
		},
		links:       append(links, "https://skhcn.cantho.gov.vn/van-ban/76-nq-cp"),
		absent:      []upload{pending, late},
		absentLinks: []string{"https://skhcn.cantho.gov.vn/tin-tuc/cho-duyet", "https://skhcn.cantho.gov.vn/tin-tuc/ngoai-ky"},
		list:        listing,
		photo:       photo,
	}
}

func TestThePackHoldsEveryAcceptedFileOfThePeriodUnderItsActivityWithTheHashTheIndexLists(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := setup(t, db)
		sc := record(t, f)
		sum, o := f.pack(t, "2024-Q1")

		if sum != (evidence.Summary{Results: 5, Files: 7, Links: 3, Bytes: sum.Bytes, Problems: 0}) || sum.Bytes == 0 {
			t.Errorf("summary %+v", sum)
		}
		// Each index line of a file names an entry of the pack whose SHA-256 is the
		// line's; together they are every entry but the pack's own three files.
		listed := map[string]bool{}
		var links []string
		for _, line := range o.index {
			switch line["Loại"] {
			case "Tệp":
				p := line["Tệp trong gói / Đường dẫn"]
				b, ok := o.entries[p]
				if !ok {
					t.Errorf("index line %s names %q, which is not in the pack:%s", line["TT"], p, describe(o))
					continue
				}
				if got := sha(b); got != line["SHA-256"] {
					t.Errorf("%s hashes to %s, the index says %s", p, got, line["SHA-256"])
				}
				if line["Dung lượng (byte)"] != strconv.Itoa(len(b)) {
					t.Errorf("%s: %d bytes, the index says %s", p, len(b), line["Dung lượng (byte)"])
				}
				if line["Ghi chú"] != "" {
					t.Errorf("%s noted %q", p, line["Ghi chú"])
				}
				listed[p] = true
			case "Đường dẫn":
				links = append(links, line["Tệp trong gói / Đường dẫn"])
			default:
				t.Errorf("index line of kind %q", line["Loại"])
			}
		}
		for name := range o.entries {
			if !listed[name] && name != evidence.IndexXLSX && name != evidence.IndexPDF && name != evidence.Readme {
				t.Errorf("%s is in the pack but not in the index", name)
			}
		}
		// Every accepted file of the quarter is there, byte for byte, in its activity's folder.
		for folder, ups := range sc.packed {
			for _, u := range ups {
				found := ""
				for name, b := range o.entries {
					if path.Dir(name) == folder && bytes.Equal(b, u.body) {
						found = name
					}
				}
				if found == "" {
					t.Errorf("%s is not in %q:%s", u.name, folder, describe(o))
				}
			}
		}
		for _, want := range []string{
			"01 - Niem yet, thong bao tren Cong thong tin dien tu cua So va/2024-02-15 - VP - Anh chup man hinh tin bai.png",
			"01 - Niem yet, thong bao tren Cong thong tin dien tu cua So va/2024-02-15 - VP - Anh chup man hinh tin bai (2).png",
			"01 - Niem yet, thong bao tren Cong thong tin dien tu cua So va/2024-03-10 - TTTT - Anh chup man hinh tin bai.png",
			"02 - Phat to gap tuyen truyen CCHC va TTHC/2024-03-01 - VP - Bien ban phat to gap.pdf",
		} {
			if _, ok := o.entries[want]; !ok {
				t.Errorf("no %q:%s", want, describe(o))
			}
		}
		// Waiting for review, or after the cut-off: not in the pack, not in the index.
		for _, u := range sc.absent {
			for name, b := range o.entries {
				if bytes.Equal(b, u.body) {
					t.Errorf("%s (%s) is in the pack", name, u.name)
				}
			}
			for _, line := range o.index {
				if line["SHA-256"] == u.hash() {
					t.Errorf("%s is in the index", u.name)
				}
			}
		}
		slices.Sort(links)
		slices.Sort(sc.links)
		if !slices.Equal(links, sc.links) {
			t.Errorf("links %v, want %v", links, sc.links)
		}
		// Photos and PDF are kept as they are; text is compressed.
		for name, m := range o.methods {
			want := zip.Store
			if strings.HasSuffix(name, ".txt") || name == evidence.IndexXLSX || name == evidence.IndexPDF {
				want = zip.Deflate
			}
			if m != want {
				t.Errorf("%s stored with method %d, want %d", name, m, want)
			}
		}
		readme := string(o.entries[evidence.Readme])
		for _, want := range []string{"GÓI TÀI LIỆU KIỂM CHỨNG", "Quý I năm 2024 (15/12/2023 – 14/03/2024)", "Sở Khoa học và Công nghệ",
			"công tác thông tin, tuyên truyền cải cách hành chính năm 2024", "Lập lúc:", "5 kết quả; 7 tệp", "3 đường dẫn", "\r\n"} {
			if !strings.Contains(readme, want) {
				t.Errorf("README lacks %q:\n%s", want, readme)
			}
		}
	})
}

func TestAnAlteredOrMissingFileIsListedAsAProblemAndCountedNeverSkipped(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := setup(t, db)
		sc := record(t, f)
		if err := os.WriteFile(f.blob(sc.list.hash()), []byte("danh sách đã bị sửa\n"), 0o640); err != nil {
			t.Fatal(err)
		}
		if err := os.Remove(f.blob(sc.photo.hash())); err != nil {
			t.Fatal(err)
		}
		sum, o := f.pack(t, "2024-Q1")
		if sum.Problems != 2 || sum.Files != 7 {
			t.Errorf("summary %+v, want 2 problems among 7 files", sum)
		}
		problems := map[string]map[string]string{}
		for _, line := range o.index {
			if strings.HasPrefix(line["Ghi chú"], evidence.Problem) {
				problems[line["SHA-256"]] = line
			}
		}
		if len(problems) != 2 {
			t.Fatalf("problems in the index: %v", problems)
		}
		// The altered list is packed as it now is, so the assessor sees it, and its
		// bytes do not match the hash recorded when the unit sent it.
		altered := problems[sc.list.hash()]
		if b, ok := o.entries[altered["Tệp trong gói / Đường dẫn"]]; !ok || sha(b) == sc.list.hash() || string(b) != "danh sách đã bị sửa\n" {
			t.Errorf("altered file: %v in the pack as %q", altered, b)
		}
		// The missing photo has no entry, but its line keeps its name and hash.
		gone := problems[sc.photo.hash()]
		if gone["Tệp trong gói / Đường dẫn"] != "" || gone["Tên tệp gốc"] != sc.photo.name {
			t.Errorf("missing file's line: %v", gone)
		}
		for name, b := range o.entries {
			if bytes.Equal(b, sc.photo.body) {
				t.Errorf("missing photo found as %s", name)
			}
		}
		if readme := string(o.entries[evidence.Readme]); !strings.Contains(readme, "2 tệp lỗi") || !strings.Contains(readme, evidence.Problem) {
			t.Errorf("README does not say so:\n%s", readme)
		}
	})
}

func TestTheIndexPDFNamesEachActivityWithItsDiacriticsAndFlagsProblems(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext is not installed")
	}
	f := setup(t, storetest.SQLite(t))
	sc := record(t, f)
	if err := os.WriteFile(f.blob(sc.list.hash()), []byte("đã sửa"), 0o640); err != nil {
		t.Fatal(err)
	}
	_, o := f.pack(t, "2024-Q1")
	cmd := exec.Command("pdftotext", "-enc", "UTF-8", "-", "-")
	cmd.Stdin = bytes.NewReader(o.entries[evidence.IndexPDF])
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	text := strings.Join(strings.Fields(string(out)), " ")
	for _, want := range []string{
		"DANH MỤC",
		"Tài liệu kiểm chứng kết quả thực hiện Kế hoạch số",
		"1. Niêm yết, thông báo trên Cổng thông tin điện tử của Sở và các đơn vị trực thuộc",
		"2. Phát tờ gấp tuyên truyền CCHC và TTHC",
		"4. Lồng ghép nội dung CCHC vào các hội nghị, họp, sinh hoạt tuyên truyền, phổ biến, giáo dục pháp luật",
		sc.photo.hash()[:16],
		"LỖI: tệp không khớp / thiếu",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("PDF index lacks %q:\n%s", want, text)
		}
	}
}

func TestAPackLimitedToUnitsHoldsOnlyTheirResults(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := setup(t, db)
		record(t, f)
		var b bytes.Buffer
		sum, err := evidence.PackUnits(f.ctx, &b, f.db, f.files, f.plan.ID, mustPeriod(t, "2024-Q1"), []string{f.unit["TTTT"]})
		if err != nil {
			t.Fatal(err)
		}
		o := open(t, b.Bytes())
		if sum.Results != 1 || sum.Files != 1 || sum.Links != 1 {
			t.Errorf("summary %+v", sum)
		}
		for _, line := range o.index {
			if line["Đơn vị"] != "Trung tâm Thông tin khoa học và công nghệ" {
				t.Errorf("another unit's line: %v", line)
			}
		}
		if !strings.Contains(string(o.entries[evidence.Readme]), "chỉ gồm tài liệu của các đơn vị") {
			t.Error("README does not say the pack is limited")
		}
		// No unit at all: an empty pack, still with its index.
		b.Reset()
		sum, err = evidence.PackUnits(f.ctx, &b, f.db, f.files, f.plan.ID, mustPeriod(t, "2024-Q1"), []string{})
		if err != nil || sum != (evidence.Summary{}) {
			t.Fatalf("pack of no unit: %+v, %v", sum, err)
		}
		if o := open(t, b.Bytes()); len(o.index) != 0 || len(o.entries) != 3 {
			t.Errorf("pack of no unit holds%s", describe(o))
		}
	})
}

func TestCountPreviewsThePackAndTheResultsStillWaitingForReview(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := setup(t, db)
		record(t, f)
		q1 := mustPeriod(t, "2024-Q1")
		prev, err := evidence.Count(f.ctx, f.db, f.plan.ID, q1, nil)
		if err != nil {
			t.Fatal(err)
		}
		sum, _ := f.pack(t, "2024-Q1")
		if prev.Summary != sum || prev.Pending != 1 {
			t.Errorf("preview %+v, pack %+v", prev, sum)
		}
		// The year holds the result after the quarter's cut-off too.
		year, err := evidence.Count(f.ctx, f.db, f.plan.ID, mustPeriod(t, "2024-Y"), nil)
		if err != nil || year.Results != 6 || year.Files != 8 || year.Links != 4 {
			t.Errorf("year: %+v, %v", year, err)
		}
		if _, err := evidence.Count(f.ctx, f.db, "no-such-plan", q1, nil); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("unknown plan: %v", err)
		}
	})
}

func TestAPackCutShortByTheClientEndsWithAnError(t *testing.T) {
	f := setup(t, storetest.SQLite(t))
	record(t, f)
	if _, err := evidence.Pack(f.ctx, &errWriter{n: 2000}, f.db, f.files, f.plan.ID, mustPeriod(t, "2024-Q1")); err == nil {
		t.Error("a failed write went unnoticed")
	}
	ctx, cancel := context.WithCancel(f.ctx)
	cancel()
	if _, err := evidence.Pack(ctx, &bytes.Buffer{}, f.db, f.files, f.plan.ID, mustPeriod(t, "2024-Q1")); !errors.Is(err, context.Canceled) {
		t.Errorf("a cancelled request: %v", err)
	}
}
