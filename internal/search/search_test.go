package search

import (
	"context"
	"database/sql"
	"slices"
	"strings"
	"testing"
	"time"

	"loa/internal/store"
	"loa/internal/store/storetest"
)

func day(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 9, 0, 0, 0, time.UTC) }

// corpus is a small public site. Each doc is written so that the queries below hit
// exactly the docs they list: note which words each one holds and which it does not.
var corpus = []Doc{
	{Kind: KindArticle, Ref: "a-cchc", Title: "Đẩy mạnh cải cách hành chính năm 2024", Date: day(2024, 3, 5),
		Summary: "Sở Khoa học và Công nghệ triển khai kế hoạch tuyên truyền.",
		Body:    "Năm 2024, Sở tiếp tục tuyên truyền về cải cách hành chính đến từng cán bộ, công chức."},
	{Kind: KindDocument, Ref: "d-246", Title: "Kế hoạch số 246/KH-UBND về công tác cải cách hành chính", Date: day(2023, 12, 14),
		Summary: "Ủy ban nhân dân thành phố Cần Thơ ban hành kế hoạch năm 2024."},
	{Kind: KindArticle, Ref: "a-dangUy", Title: "Hội nghị Đảng ủy khối các cơ quan", Date: day(2024, 6, 1),
		Body: "Ngày 01/6, Đảng ủy khối tổ chức hội nghị tại Đà Nẵng với sự tham dự của đại biểu các đơn vị."},
	{Kind: KindPage, Ref: "p-dvc", Title: "Hướng dẫn thủ tục hành chính trực tuyến",
		Body: "Người dân nộp hồ sơ qua Cổng dịch vụ công của thành phố, theo dõi kết quả bằng mã hồ sơ."},
	{Kind: KindQA, Ref: "q-thoihan", Title: "Hỏi về thời hạn giải quyết hồ sơ", Date: day(2025, 2, 10),
		Body: "Công dân hỏi: hồ sơ đất đai nộp tháng trước đến nay chưa có kết quả. Trả lời: hồ sơ đất đai được giải quyết trong 15 ngày làm việc."},
	{Kind: KindArticle, Ref: "a-thihanh", Title: "Tổ chức thi hành pháp luật về đất đai", Date: day(2024, 9, 9),
		Body: "Sở thực hiện nghiêm các quy định, kiểm tra việc thi hành tại cơ sở."},
	{Kind: KindArticle, Ref: "a-cds-title", Title: "Tuyên truyền chuyển đổi số trong cơ quan nhà nước", Date: day(2023, 4, 4),
		Body: "Bài viết giới thiệu các nền tảng dùng chung."},
	{Kind: KindArticle, Ref: "a-cds-body", Title: "Tập huấn kỹ năng cho cán bộ", Date: day(2025, 4, 4),
		Body: "Nội dung tập huấn gồm chuyển đổi số, chuyển đổi số trong quản lý văn bản và chữ ký số."},
	{Kind: KindArticle, Ref: "a-cds-summary", Title: "Hội thảo trực tuyến cấp xã", Date: day(2025, 1, 4),
		Summary: "Bàn về chuyển đổi số ở cơ sở."},
	{Kind: KindPage, Ref: "p-escape", Title: "Trang thử <b>đậm</b>",
		Body: "Mã <script>alert(1)</script> không được chạy; từ khoá: an toàn thông tin."},
}

func seed(t *testing.T, db *store.DB) *Index {
	t.Helper()
	ctx := context.Background()
	err := db.Tx(ctx, func(tx *sql.Tx) error {
		for _, d := range corpus {
			if err := Put(ctx, tx, db.Dialect, d); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return New(db)
}

func refs(res Results) []string {
	var out []string
	for _, h := range res.Hits {
		out = append(out, h.Ref)
	}
	return out
}

// TestVietnameseQueriesFindTheSameDocsOnBothEngines is the table of queries the portal
// must answer: diacritics, đ/d and case ignored, every word required, phrases, prefix
// while typing, filters, and near-misses that must not match.
func TestVietnameseQueriesFindTheSameDocsOnBothEngines(t *testing.T) {
	cases := []struct {
		name    string
		q       Query
		want    []string // in this order when ordered, else as a set
		ordered bool
	}{
		{"no diacritics finds accented words", Query{Text: "cai cach hanh chinh"}, []string{"a-cchc", "d-246"}, false},
		{"accented query, same hits", Query{Text: "Cải cách hành chính"}, []string{"a-cchc", "d-246"}, false},
		{"upper case", Query{Text: "CẢI CÁCH HÀNH CHÍNH"}, []string{"a-cchc", "d-246"}, false},
		{"d finds đ", Query{Text: "dang uy"}, []string{"a-dangUy"}, false},
		{"đ finds đ", Query{Text: "Đảng ủy"}, []string{"a-dangUy"}, false},
		{"place name without marks", Query{Text: "da nang"}, []string{"a-dangUy"}, false},
		{"every word required", Query{Text: "hanh chinh"}, []string{"a-cchc", "d-246", "p-dvc"}, false},
		{"one word alone is not enough: 'thi hành' has hanh but not chinh", Query{Text: "hanh chinh thi"}, nil, false},
		{"near miss: hanh alone finds the doc without chinh", Query{Text: "thi hanh"}, []string{"a-thihanh"}, false},
		{"words are whole words without prefix", Query{Text: "hanh ch"}, nil, false},
		{"prefix on the last word while typing", Query{Text: "cai cach hanh ch", Prefix: true}, []string{"a-cchc", "d-246"}, false},
		{"prefix waits for a second letter", Query{Text: "hanh chinh t", Prefix: true}, []string{"a-cchc", "d-246", "p-dvc"}, false},
		{"a finished word is not a prefix", Query{Text: "dang ", Prefix: true}, []string{"a-dangUy"}, false},
		{"quoted phrase in order", Query{Text: `"cai cach hanh chinh"`}, []string{"a-cchc", "d-246"}, false},
		{"quoted phrase in another order matches nothing", Query{Text: `"hanh chinh cai cach"`}, nil, false},
		{"unclosed quote is a phrase to the end", Query{Text: `"ho so dat dai duoc`}, []string{"q-thoihan"}, false},
		{"phrase does not run across fields", Query{Text: `"nha nuoc bai viet"`}, nil, false},
		{"number and symbol", Query{Text: "246/KH-UBND"}, []string{"d-246"}, false},
		{"symbol in pieces, any order", Query{Text: "ubnd 246"}, []string{"d-246"}, false},
		{"kind filter", Query{Text: "hanh chinh", Kinds: []string{KindDocument, KindPage}}, []string{"d-246", "p-dvc"}, false},
		{"year filter", Query{Text: "hanh chinh", Year: 2024}, []string{"a-cchc"}, false},
		{"title hits rank above summary hits above body hits", Query{Text: "chuyen doi so"},
			[]string{"a-cds-title", "a-cds-summary", "a-cds-body"}, true},
		{"a title hit ranks above body hits even where the body says it more", Query{Text: "dat dai"}, []string{"a-thihanh", "q-thoihan"}, true},
		{"operators are words, not syntax", Query{Text: "hanh AND chinh NEAR cai* -cach"}, []string{"a-cchc", "d-246"}, false},
		{"punctuation joins words into a phrase", Query{Text: "title:hanh chinh"}, nil, false},
	}
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ix := seed(t, db)
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				res, err := ix.Search(context.Background(), c.q)
				if err != nil {
					t.Fatal(err)
				}
				got := refs(res)
				want := slices.Clone(c.want)
				if !c.ordered {
					slices.Sort(got)
					slices.Sort(want)
				}
				if !slices.Equal(got, want) {
					t.Fatalf("%q: got %v, want %v", c.q.Text, refs(res), c.want)
				}
				if res.Total != len(c.want) {
					t.Fatalf("total %d, want %d", res.Total, len(c.want))
				}
			})
		}
	})
}

// TestQuerySyntaxFromVisitorsNeverFails sends what people and robots type into a box:
// none of it may reach the engine as syntax.
func TestQuerySyntaxFromVisitorsNeverFails(t *testing.T) {
	inputs := []string{`"`, `"""`, `"cải cách`, `AND`, `OR OR`, `NOT`, `NEAR(a b)`, `*`, `-`, `:`, `^`, `a:b`, `title:`,
		`'`, `\`, `())((`, `hanh &| chinh`, `<->`, `!chinh`, `hanh:*`, `'; DROP TABLE search_docs; --`, `{}[]`, `%_`,
		"\x00", "  ", "đ", strings.Repeat("cải cách ", 200), `"a" "b" "`, `NEAR/2`, `+`, `chinh*`, "ﬁ ½ ²"}
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ix := seed(t, db)
		for _, in := range inputs {
			for _, prefix := range []bool{false, true} {
				if _, err := ix.Search(context.Background(), Query{Text: in, Prefix: prefix, Kinds: []string{"x'"}, Year: -1}); err != nil {
					t.Errorf("%q (prefix %v): %v", in, prefix, err)
				}
			}
		}
	})
}

func TestSnippetsHighlightTheOriginalSpellingAndEscapeHTML(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ix := seed(t, db)
		ctx := context.Background()
		res, err := ix.Search(ctx, Query{Text: "da nang dang uy"})
		if err != nil || len(res.Hits) != 1 {
			t.Fatalf("%v %v", refs(res), err)
		}
		h := res.Hits[0]
		if got := string(h.TitleHTML); got != "Hội nghị <mark>Đảng ủy</mark> khối các cơ quan" {
			t.Errorf("title: %s", got)
		}
		if s := string(h.Snippet); !strings.Contains(s, "<mark>Đà Nẵng</mark>") || !strings.Contains(s, "<mark>Đảng ủy</mark> khối") {
			t.Errorf("snippet: %s", s)
		}
		if h.Body != "" {
			t.Error("hits carry no body")
		}
		res, err = ix.Search(ctx, Query{Text: "an toan"})
		if err != nil || len(res.Hits) != 1 {
			t.Fatalf("%v %v", refs(res), err)
		}
		if s := string(res.Hits[0].Snippet); strings.Contains(s, "<script>") || !strings.Contains(s, "&lt;script&gt;") ||
			!strings.Contains(s, "<mark>an toàn</mark>") {
			t.Errorf("snippet: %s", s)
		}
		if s := string(res.Hits[0].TitleHTML); s != "Trang thử &lt;b&gt;đậm&lt;/b&gt;" {
			t.Errorf("title: %s", s)
		}
		res, err = ix.Search(ctx, Query{Text: `"cai cach hanh chinh"`, Kinds: []string{KindDocument}})
		if err != nil || len(res.Hits) != 1 {
			t.Fatalf("%v %v", refs(res), err)
		}
		if s := string(res.Hits[0].TitleHTML); !strings.Contains(s, "công tác <mark>cải cách hành chính</mark>") {
			t.Errorf("a phrase is one mark: %s", s)
		}
	})
}

func TestFacetsCountEachKindAndYearUnderTheOtherFilter(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ix := seed(t, db)
		res, err := ix.Search(context.Background(), Query{Text: "hanh chinh", Year: 2024})
		if err != nil {
			t.Fatal(err)
		}
		// Kinds under the year filter: only the 2024 article.
		if !slices.Equal(res.Kinds, []KindCount{{KindArticle, 1}}) {
			t.Errorf("kinds %v", res.Kinds)
		}
		// Years ignore the year filter (the page offers the other years); the undated
		// page is in none.
		if !slices.Equal(res.Years, []YearCount{{2024, 1}, {2023, 1}}) {
			t.Errorf("years %v", res.Years)
		}
		res, err = ix.Search(context.Background(), Query{Text: "hanh chinh", Kinds: []string{KindArticle}})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(res.Kinds, []KindCount{{KindArticle, 1}, {KindDocument, 1}, {KindPage, 1}}) || res.Total != 1 {
			t.Errorf("kinds %v total %d", res.Kinds, res.Total)
		}
		if !slices.Equal(res.Years, []YearCount{{2024, 1}}) {
			t.Errorf("years %v", res.Years)
		}
	})
}

func TestPutReplacesAndRemoveForgets(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ix := seed(t, db)
		ctx := context.Background()
		err := db.Tx(ctx, func(tx *sql.Tx) error {
			return Put(ctx, tx, db.Dialect, Doc{Kind: KindArticle, Ref: "a-dangUy", Title: "Hội nghị sơ kết", Body: "Tại Huế.", Date: day(2024, 6, 2)})
		})
		if err != nil {
			t.Fatal(err)
		}
		for q, want := range map[string]int{"da nang": 0, "dang uy": 0, "hue": 1, `"so ket"`: 1} {
			res, err := ix.Search(ctx, Query{Text: q})
			if err != nil || res.Total != want {
				t.Errorf("%q: %d hits (%v), want %d", q, res.Total, err, want)
			}
		}
		if err := db.Tx(ctx, func(tx *sql.Tx) error { return Remove(ctx, tx, db.Dialect, KindArticle, "a-dangUy") }); err != nil {
			t.Fatal(err)
		}
		if err := db.Tx(ctx, func(tx *sql.Tx) error { return Remove(ctx, tx, db.Dialect, KindArticle, "no-such") }); err != nil {
			t.Fatal(err)
		}
		res, err := ix.Search(ctx, Query{Text: "hue"})
		if err != nil || res.Total != 0 {
			t.Errorf("removed doc still found: %v %v", refs(res), err)
		}
		if n, _ := ix.Count(ctx, ""); n != len(corpus)-1 {
			t.Errorf("count %d", n)
		}
		if err := Put(ctx, db.Write(), db.Dialect, Doc{Kind: KindArticle, Ref: "x"}); err != ErrInvalidDoc {
			t.Errorf("doc without title: %v", err)
		}
	})
}

func TestRebuildReplacesAKindFromItsSource(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ix := seed(t, db)
		ctx := context.Background()
		src := func(ctx context.Context, yield func(Doc) error) error {
			for i := range 1203 {
				ref := "n" + string(rune('a'+i%26)) + strings.Repeat("x", i/26)
				if err := yield(Doc{Ref: ref, Title: "Văn bản số " + ref, Summary: "Trích yếu về cải cách"}); err != nil {
					return err
				}
			}
			return nil
		}
		n, err := ix.Rebuild(ctx, KindDocument, src)
		if err != nil || n != 1203 {
			t.Fatalf("rebuild: %d %v", n, err)
		}
		if c, _ := ix.Count(ctx, KindDocument); c != 1203 {
			t.Errorf("documents: %d (the old d-246 must be gone)", c)
		}
		if c, _ := ix.Count(ctx, KindArticle); c != 6 {
			t.Errorf("articles untouched: %d", c)
		}
		res, err := ix.Search(ctx, Query{Text: "cai cach", Kinds: []string{KindDocument}, Limit: 5, Offset: 1195})
		if err != nil || res.Total != 1203 || len(res.Hits) != 0 {
			t.Errorf("deep page: total %d, %d hits, %v", res.Total, len(res.Hits), err)
		}
		res, err = ix.Search(ctx, Query{Text: "cai cach", Kinds: []string{KindDocument}, Limit: 5, Offset: 995})
		if err != nil || len(res.Hits) != 5 {
			t.Errorf("page: %d hits, %v", len(res.Hits), err)
		}
	})
}
