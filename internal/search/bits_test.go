package search

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"loa/internal/store"
	"loa/internal/store/storetest"
)

// bitsOf dumps the bitmap index, for comparing two databases or two moments.
func bitsOf(t *testing.T, db *store.DB) []string {
	t.Helper()
	rows, err := db.Read().QueryContext(context.Background(), `SELECT field, key, part, bits FROM search_bits`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var f, part int
		var key string
		var b []byte
		if err := rows.Scan(&f, &key, &part, &b); err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprintf("%d|%s|%d|%x", f, key, part, b))
	}
	slices.Sort(out)
	return out
}

func another(t *testing.T, db *store.DB) *store.DB {
	if db.Dialect == store.Postgres {
		return storetest.Postgres(t)
	}
	return storetest.SQLite(t)
}

func TestPutManyWritesTheSameIndexAsPuttingOneByOne(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		seed(t, db)
		other := another(t, db)
		ctx := context.Background()
		if err := other.Tx(ctx, func(tx *sql.Tx) error { return PutMany(ctx, tx, other.Dialect, corpus) }); err != nil {
			t.Fatal(err)
		}
		if a, b := bitsOf(t, db), bitsOf(t, other); !slices.Equal(a, b) || len(a) == 0 {
			t.Errorf("one by one: %d containers, in one go: %d, or they differ", len(a), len(b))
		}
	})
}

func TestRemovingEveryDocLeavesNoBitmapBehind(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		seed(t, db)
		ctx := context.Background()
		err := db.Tx(ctx, func(tx *sql.Tx) error {
			for _, d := range corpus {
				if err := Remove(ctx, tx, db.Dialect, d.Kind, d.Ref); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if left := bitsOf(t, db); len(left) != 0 {
			t.Errorf("%d containers left, e.g. %s", len(left), left[0])
		}
	})
}

func TestRebuildingUnchangedDocsRewritesNoBitmap(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ix := seed(t, db)
		ctx := context.Background()
		before := bitsOf(t, db)
		src := func(ctx context.Context, yield func(Doc) error) error {
			for _, d := range corpus {
				if d.Kind == KindArticle {
					if err := yield(d); err != nil {
						return err
					}
				}
			}
			return nil
		}
		if n, err := ix.Rebuild(ctx, KindArticle, src); err != nil || n != 6 {
			t.Fatalf("rebuild: %d %v", n, err)
		}
		if after := bitsOf(t, db); !slices.Equal(before, after) {
			t.Error("the bitmaps changed although no doc did")
		}
	})
}

func TestADocMovedToAnotherYearIsCountedInItsNewYearOnly(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ix := seed(t, db)
		ctx := context.Background()
		moved := corpus[0] // a-cchc, 2024
		moved.Date = day(2021, 5, 5)
		if err := Put(ctx, db.Write(), db.Dialect, moved); err != nil {
			t.Fatal(err)
		}
		res, err := ix.Search(ctx, Query{Text: "cai cach hanh chinh"})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(res.Years, []YearCount{{2023, 1}, {2021, 1}}) || res.Total != 2 {
			t.Errorf("years %v, total %d", res.Years, res.Total)
		}
		if n, _ := ix.Count(ctx, KindArticle); n != 6 {
			t.Errorf("%d articles: the move must not duplicate the doc", n)
		}
		if d, ok, _ := ix.Get(ctx, KindArticle, "a-cchc"); !ok || d.Year != 2021 {
			t.Errorf("%+v", d)
		}
	})
}

// Sequence numbers are cut into parts of partSize; hits on both sides of a cut are
// found, counted and ranked as one list.
func TestHitsAcrossAPartBoundaryArePagedAsOneRanking(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		if _, err := db.Write().ExecContext(ctx, `UPDATE search_seq SET n = $1 WHERE id = 1`, partSize-12); err != nil {
			t.Fatal(err)
		}
		var docs []Doc
		for i := range 30 {
			d := Doc{Kind: KindArticle, Ref: "r" + strconv.Itoa(i), Date: day(2020+i%3, 1, 1+i), Title: "Bản tin số " + strconv.Itoa(i),
				Body: "Nội dung về hồ sơ trực tuyến."}
			if i%5 == 0 {
				d.Title += " về hồ sơ trực tuyến" // a title hit ranks first
			}
			docs = append(docs, d)
		}
		if err := db.Tx(ctx, func(tx *sql.Tx) error { return PutMany(ctx, tx, db.Dialect, docs) }); err != nil {
			t.Fatal(err)
		}
		ix := New(db)
		all, err := ix.Search(ctx, Query{Text: "ho so truc tuyen", Limit: 50})
		if err != nil || all.Total != 30 || len(all.Hits) != 30 {
			t.Fatalf("total %d, %d hits, %v", all.Total, len(all.Hits), err)
		}
		for i, h := range all.Hits {
			n, _ := strconv.Atoi(h.Ref[1:])
			if title := n%5 == 0; title != (i < 6) {
				t.Errorf("hit %d is %s: title hits come first", i, h.Ref)
			}
			if i > 0 && i != 6 {
				prev := all.Hits[i-1]
				if prev.Year < h.Year || prev.Year == h.Year && prev.Score == h.Score && refNumber(prev.Ref) < refNumber(h.Ref) {
					t.Errorf("%s (%d) before %s (%d): newest first within a tier", prev.Ref, prev.Year, h.Ref, h.Year)
				}
			}
		}
		var paged []string
		for off := 0; off < 30; off += 7 {
			res, err := ix.Search(ctx, Query{Text: "ho so truc tuyen", Limit: 7, Offset: off})
			if err != nil {
				t.Fatal(err)
			}
			paged = append(paged, refs(res)...)
		}
		if !slices.Equal(paged, refs(all)) {
			t.Errorf("pages %v\nwhole %v", paged, refs(all))
		}
		res, err := ix.Search(ctx, Query{Text: `"ho so" tru`, Prefix: true, Year: 2021})
		if err != nil || res.Total != 10 {
			t.Errorf("phrase and prefix in 2021: %d, %v", res.Total, err)
		}
	})
}

func refNumber(ref string) int { n, _ := strconv.Atoi(ref[1:]); return n }

// On PostgreSQL two transactions may index at once; each reads, changes and writes
// the same containers, and neither may lose the other's docs.
func TestConcurrentWritersLoseNoDoc(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		var wg sync.WaitGroup
		errs := make(chan error, 4)
		for w := range 4 {
			wg.Go(func() {
				for i := range 10 {
					d := Doc{Kind: KindQA, Ref: fmt.Sprintf("w%d-%d", w, i), Title: "Hỏi về chữ ký số", Date: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)}
					if err := db.Tx(ctx, func(tx *sql.Tx) error { return Put(ctx, tx, db.Dialect, d) }); err != nil {
						errs <- err
						return
					}
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		res, err := New(db).Search(ctx, Query{Text: "chu ky so"})
		if err != nil || res.Total != 40 {
			t.Errorf("%d of 40 docs found, %v", res.Total, err)
		}
	})
}
