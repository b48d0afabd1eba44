package search

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"loa/internal/store"
	"loa/internal/store/storetest"
)

// The city-sized portal of DESIGN.md §5 holds 100,000 public items. benchDocs makes
// them deterministically from phrases of real CCHC writing, so that common words
// ("cải cách hành chính") hit most of the index, as they do on a real portal, and
// names and numbers hit few.
var (
	benchSubjects = []string{"cải cách hành chính", "chuyển đổi số", "dịch vụ công trực tuyến", "thủ tục hành chính",
		"chính quyền điện tử", "Chỉ số hài lòng SIPAS", "Chỉ số PAR Index", "một cửa liên thông", "văn hóa công vụ",
		"kỷ luật, kỷ cương hành chính", "tinh giản biên chế", "sắp xếp tổ chức bộ máy", "hồ sơ điện tử",
		"chữ ký số", "thanh toán trực tuyến", "cơ sở dữ liệu quốc gia về dân cư", "Đề án 06", "tiếp công dân",
		"phản ánh, kiến nghị", "khoa học và công nghệ", "sở hữu trí tuệ", "tiêu chuẩn đo lường chất lượng",
		"ISO 9001:2015", "đổi mới sáng tạo", "khởi nghiệp", "an toàn thông tin"}
	benchActions = []string{"Tuyên truyền", "Triển khai", "Hướng dẫn", "Kiểm tra", "Tổng kết", "Sơ kết", "Tập huấn",
		"Hội nghị", "Đẩy mạnh", "Nâng cao hiệu quả", "Báo cáo kết quả", "Kế hoạch thực hiện", "Tọa đàm về",
		"Hội thi tìm hiểu", "Thông báo", "Công khai"}
	benchPlaces = []string{"thành phố Cần Thơ", "quận Ninh Kiều", "quận Bình Thủy", "quận Cái Răng", "quận Ô Môn",
		"quận Thốt Nốt", "huyện Phong Điền", "huyện Cờ Đỏ", "huyện Vĩnh Thạnh", "huyện Thới Lai", "tỉnh Hậu Giang",
		"tỉnh Sóc Trăng", "thành phố Đà Nẵng", "Thành phố Hồ Chí Minh", "Hà Nội", "phường An Hòa", "xã Trường Long"}
	benchBodies = []string{"Sở Khoa học và Công nghệ", "Ủy ban nhân dân thành phố", "Đảng ủy Sở", "Văn phòng Sở",
		"Trung tâm Thông tin và Thống kê khoa học và công nghệ", "Sở Nội vụ", "Sở Thông tin và Truyền thông",
		"Chi cục Tiêu chuẩn Đo lường Chất lượng", "Thanh tra Sở", "Công đoàn cơ sở", "Đoàn Thanh niên"}
	benchSentences = []string{
		"Nhằm nâng cao nhận thức của cán bộ, công chức, viên chức và người dân về %s, %s tổ chức nhiều hoạt động thiết thực.",
		"Trong năm, %s tiếp tục được xác định là nhiệm vụ trọng tâm của %s.",
		"Đến nay, 100%% thủ tục hành chính thuộc thẩm quyền giải quyết đã được công khai trên Cổng dịch vụ công; %s đạt kết quả tích cực tại %s.",
		"Các đơn vị thuộc và trực thuộc chủ động lồng ghép nội dung %s vào các cuộc họp định kỳ của %s.",
		"Người dân, doanh nghiệp có thể gửi phản ánh, kiến nghị về %s qua đường dây nóng hoặc trực tiếp tại %s.",
		"Kết quả khảo sát cho thấy mức độ hài lòng về %s tăng so với cùng kỳ; %s sẽ tiếp tục theo dõi, đánh giá.",
		"Hội nghị đã nghe báo cáo tham luận về %s và thống nhất các giải pháp trong thời gian tới của %s.",
		"Tài liệu tuyên truyền về %s được in ấn, phát hành đến các xã, phường, thị trấn thuộc %s.",
		"Việc ứng dụng công nghệ thông tin trong %s giúp rút ngắn thời gian xử lý hồ sơ tại %s.",
		"Lãnh đạo %s yêu cầu các phòng, đơn vị tăng cường kiểm tra, đôn đốc việc thực hiện %s.",
	}
	benchTypes = []struct{ code, name string }{{"KH", "Kế hoạch"}, {"QĐ", "Quyết định"}, {"CV", "Công văn"},
		{"BC", "Báo cáo"}, {"TB", "Thông báo"}, {"HD", "Hướng dẫn"}, {"CT", "Chỉ thị"}, {"NQ", "Nghị quyết"}}
)

func pick[T any](r *rand.Rand, s []T) T { return s[r.IntN(len(s))] }

// benchDoc is doc number i of the generated portal; the same i always gives the same doc.
func benchDoc(i int) Doc {
	r := rand.New(rand.NewPCG(uint64(i), 20240105))
	year := 2015 + r.IntN(11)
	date := time.Date(year, time.Month(1+r.IntN(12)), 1+r.IntN(28), 8, 0, 0, 0, time.UTC)
	subject, place, body := pick(r, benchSubjects), pick(r, benchPlaces), pick(r, benchBodies)
	sentences := func(n int) string {
		var b strings.Builder
		for range n {
			s := pick(r, benchSentences)
			if r.IntN(2) == 0 {
				fmt.Fprintf(&b, s, pick(r, benchSubjects), pick(r, benchBodies))
			} else {
				fmt.Fprintf(&b, s, subject, place)
			}
			b.WriteByte(' ')
		}
		return strings.TrimSpace(b.String())
	}
	ref := strconv.Itoa(i)
	switch k := r.IntN(10); {
	case k < 4:
		return Doc{Kind: KindArticle, Ref: ref, URL: "/tin-tuc/" + ref, Date: date,
			Title:   pick(r, benchActions) + " " + subject + " tại " + place,
			Summary: sentences(1), Body: sentences(8 + r.IntN(16))}
	case k < 8:
		t := pick(r, benchTypes)
		num := strconv.Itoa(1 + r.IntN(400))
		return Doc{Kind: KindDocument, Ref: ref, URL: "/van-ban/" + ref, Date: date,
			Title:   t.name + " số " + num + "/" + t.code + "-UBND ngày " + date.Format("02/01/2006"),
			Summary: "Về việc " + strings.ToLower(pick(r, benchActions)) + " " + subject + " năm " + strconv.Itoa(year) + " của " + body,
			Body:    sentences(2 + r.IntN(4))}
	case k < 9:
		return Doc{Kind: KindPage, Ref: ref, URL: "/trang/" + ref,
			Title: "Hướng dẫn thủ tục " + subject, Body: sentences(10 + r.IntN(10))}
	default:
		return Doc{Kind: KindQA, Ref: ref, URL: "/hoi-dap/" + ref, Date: date,
			Title:   "Hỏi về " + subject + " tại " + place,
			Summary: sentences(1), Body: sentences(3 + r.IntN(4))}
	}
}

// benchQueries is the mix a portal sees: broad words that hit most items, narrower
// ones, names, numbers, phrases, filters, later pages, and type-ahead.
var benchQueries = []Query{
	{Text: "cai cach hanh chinh"},
	{Text: "cải cách hành chính", Kinds: []string{KindArticle}},
	{Text: "dich vu cong truc tuyen"},
	{Text: "chuyen doi so", Year: 2023},
	{Text: "da nang"},
	{Text: "Đảng ủy Sở"},
	{Text: "\"mot cua lien thong\""},
	{Text: "ke hoach 246/KH-UBND"},
	{Text: "sipas hai long", Offset: 20},
	{Text: "phong dien tap huan"},
	{Text: "iso 9001"},
	{Text: "so huu tri tue", Kinds: []string{KindDocument}, Year: 2020},
	{Text: "cai cach hanh ch", Prefix: true, Limit: 6},
	{Text: "chinh quyen dien", Prefix: true, Limit: 6},
	{Text: "tiep cong dan thoi", Prefix: true, Limit: 6},
	{Text: "ninh kieu", Offset: 10},
}

func fillBench(b *testing.B, db *store.DB, n int) {
	ctx := context.Background()
	start := time.Now()
	docs := make([]Doc, 0, rebuildBatch)
	for from := 0; from < n; from += rebuildBatch {
		docs = docs[:0]
		for i := from; i < min(from+rebuildBatch, n); i++ {
			docs = append(docs, benchDoc(i))
		}
		if err := db.Tx(ctx, func(tx *sql.Tx) error { return PutMany(ctx, tx, db.Dialect, docs) }); err != nil {
			b.Fatal(err)
		}
	}
	for _, t := range []string{"search_docs", "search_bits"} {
		if _, err := db.Write().ExecContext(ctx, `ANALYZE `+t); err != nil {
			b.Fatal(err)
		}
	}
	b.Logf("%s: %d docs indexed in %s", db.Dialect, n, time.Since(start).Round(time.Millisecond))
}

// BenchmarkSearch fills a fresh database with 100,000 public items (LOA_BENCH_SEARCH_DOCS
// changes the number) and runs the query mix, one search after another, reporting the
// median and 95th percentile of a whole Search (facets, page, docs, snippets):
//
//	go test ./internal/search -run '^$' -bench Search -benchtime 2000x
//
// With LOA_TEST_POSTGRES set it measures PostgreSQL too.
func BenchmarkSearch(b *testing.B) {
	n := 100_000
	if s := os.Getenv("LOA_BENCH_SEARCH_DOCS"); s != "" {
		n, _ = strconv.Atoi(s)
	}
	engines := []struct {
		name string
		open func(testing.TB) *store.DB
	}{{"sqlite", storetest.SQLite}}
	if os.Getenv("LOA_TEST_POSTGRES") != "" {
		engines = append(engines, struct {
			name string
			open func(testing.TB) *store.DB
		}{"postgres", storetest.Postgres})
	}
	for _, e := range engines {
		db := e.open(b)
		fillBench(b, db, n)
		ix := New(db)
		b.Run(e.name, func(b *testing.B) {
			ctx := context.Background()
			times := make([]time.Duration, 0, b.N)
			hits := 0
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				q := benchQueries[i%len(benchQueries)]
				t0 := time.Now()
				res, err := ix.Search(ctx, q)
				times = append(times, time.Since(t0))
				if err != nil {
					b.Fatal(err)
				}
				hits += len(res.Hits)
			}
			b.StopTimer()
			slices.Sort(times)
			ms := func(p float64) float64 {
				return float64(times[min(len(times)-1, int(p*float64(len(times))))].Microseconds()) / 1000
			}
			b.ReportMetric(ms(0.50), "p50_ms")
			b.ReportMetric(ms(0.95), "p95_ms")
			b.ReportMetric(ms(0.99), "p99_ms")
			if hits == 0 {
				b.Fatal("the query mix found nothing")
			}
		})
	}
}

// BenchmarkSearchEachQuery reports each query of the mix on its own (SQLite, or
// PostgreSQL with LOA_BENCH_SEARCH_PG=1), to find the slow one.
func BenchmarkSearchEachQuery(b *testing.B) {
	n := 100_000
	if s := os.Getenv("LOA_BENCH_SEARCH_DOCS"); s != "" {
		n, _ = strconv.Atoi(s)
	}
	var db *store.DB
	if os.Getenv("LOA_BENCH_SEARCH_PG") != "" {
		db = storetest.Postgres(b)
	} else {
		db = storetest.SQLite(b)
	}
	fillBench(b, db, n)
	ix := New(db)
	for i, q := range benchQueries {
		b.Run(strconv.Itoa(i), func(b *testing.B) {
			for b.Loop() {
				if _, err := ix.Search(context.Background(), q); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkPut measures publishing one item into a full index (Put in its own
// transaction): its new words' containers are read, changed and written back.
//
//	go test ./internal/search -run '^$' -bench Put -benchtime 200x
func BenchmarkPut(b *testing.B) {
	n := 100_000
	if s := os.Getenv("LOA_BENCH_SEARCH_DOCS"); s != "" {
		n, _ = strconv.Atoi(s)
	}
	var db *store.DB
	if os.Getenv("LOA_BENCH_SEARCH_PG") != "" {
		db = storetest.Postgres(b)
	} else {
		db = storetest.SQLite(b)
	}
	fillBench(b, db, n)
	ctx := context.Background()
	i := n
	for b.Loop() {
		d := benchDoc(i)
		i++
		if err := db.Tx(ctx, func(tx *sql.Tx) error { return Put(ctx, tx, db.Dialect, d) }); err != nil {
			b.Fatal(err)
		}
	}
}
