package generate_test

import (
	"slices"
	"strings"
	"testing"

	"loa/internal/generate"
	"loa/internal/library"
	"loa/internal/portal"
	"loa/internal/search"
	"loa/internal/store"
	"loa/internal/store/storetest"
	"loa/internal/vn"
)

func TestGeneratedPublicItemsAreFoundByThePortalSearch(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		sum := run(t, db, small(31))
		ix := search.New(db)
		if n, err := ix.Count(ctx, ""); err != nil || n != 300 || sum.SearchDocs != 300 {
			t.Fatalf("index holds %d docs (%v), summary says %d; want all 300 public items", n, err, sum.SearchDocs)
		}
		if n, _ := ix.Count(ctx, search.KindDocument); n != sum.LibraryDocs {
			t.Errorf("%d documents indexed, %d in the library", n, sum.LibraryDocs)
		}
		// An article of each section, found by its own title, at its section's address.
		sections := map[portal.Kind]struct{ kind, prefix string }{
			portal.KindNews:     {search.KindArticle, "/tin-tuc/"},
			portal.KindGuide:    {search.KindPage, "/thu-tuc/"},
			portal.KindPractice: {"practice", "/dien-hinh/"},
		}
		for pk, want := range sections {
			var id, title string
			err := db.Read().QueryRowContext(ctx, `SELECT id, title FROM portal_articles WHERE kind = $1 ORDER BY id LIMIT 1`, string(pk)).Scan(&id, &title)
			if err != nil {
				t.Fatalf("no generated %s article: %v", pk, err)
			}
			res, err := ix.Search(ctx, search.Query{Text: vn.Fold(title), Kinds: []string{want.kind}, Limit: 50})
			if err != nil {
				t.Fatal(err)
			}
			i := slices.IndexFunc(res.Hits, func(h search.Hit) bool { return h.Ref == id })
			if i < 0 {
				t.Errorf("%s article %q not found (%d hits)", pk, title, res.Total)
				continue
			}
			if h := res.Hits[i]; !strings.HasPrefix(h.URL, want.prefix) || h.Kind != want.kind || h.Date.IsZero() {
				t.Errorf("%s article found as %s at %s, dated %v", pk, h.Kind, h.URL, h.Date)
			}
		}
		// A library document, found by its number and symbol.
		lib, _, err := library.NewStore(db).List(ctx, library.Filter{Limit: 1})
		if err != nil || len(lib) == 0 {
			t.Fatalf("library: %v", err)
		}
		e := lib[0]
		res, err := ix.Search(ctx, search.Query{Text: library.JoinSymbol(e.Number, e.Symbol) + " " + e.Summary, Kinds: []string{search.KindDocument}})
		if err != nil || len(res.Hits) == 0 || res.Hits[0].Ref != e.ID || res.Hits[0].URL != "/van-ban/"+e.ID {
			t.Fatalf("document %s: %+v, %v", e.Heading(), res.Hits, err)
		}
	})
}

// The generator writes the index itself, for speed; what it writes must be what the
// library and the portal write when they index an entry or an article.
func TestGeneratedIndexHoldsWhatTheLibraryAndThePortalWouldPut(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		run(t, db, generate.Options{Agencies: 20, Activities: 20, PublicItems: 200, Seed: 37, AsOf: asOf})
		ix := search.New(db)

		articles, err := portal.NewStore(db, nil, nil, "").AllPublished(ctx)
		if err != nil || len(articles) != 140 {
			t.Fatalf("%d published articles, %v", len(articles), err)
		}
		for _, a := range articles {
			v, err := portal.NewStore(db, nil, nil, "").VersionOf(ctx, a.ID, a.LiveVersion)
			if err != nil {
				t.Fatal(err)
			}
			want := portal.SearchDoc(a, v)
			got, ok, err := ix.Get(ctx, want.Kind, a.ID)
			if err != nil || !ok {
				t.Fatalf("article %s not indexed as %s: %v", a.ID, want.Kind, err)
			}
			if got.Title != want.Title || got.Summary != want.Summary || got.Body != want.Body || got.URL != want.URL ||
				!got.Date.Equal(want.Date) || got.Year != want.Date.In(vn.Location).Year() {
				t.Fatalf("article indexed as\n%+v\nthe portal puts\n%+v", got, want)
			}
		}

		// Rebuilding the library's kind from the library changes no doc.
		type snap struct {
			doc search.Doc
			ok  bool
		}
		before := map[string]snap{}
		rows, _, err := library.NewStore(db).List(ctx, library.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range rows {
			d, ok, err := ix.Get(ctx, search.KindDocument, e.ID)
			if err != nil {
				t.Fatal(err)
			}
			before[e.ID] = snap{d, ok}
		}
		if n, err := ix.Rebuild(ctx, search.KindDocument, library.NewStore(db).SearchSource()); err != nil || n != len(rows) {
			t.Fatalf("rebuild: %d, %v", n, err)
		}
		for id, b := range before {
			d, ok, err := ix.Get(ctx, search.KindDocument, id)
			if err != nil || !ok || !b.ok || d.Title != b.doc.Title || d.Summary != b.doc.Summary || d.Body != b.doc.Body ||
				d.URL != b.doc.URL || !d.Date.Equal(b.doc.Date) || d.Year != b.doc.Year {
				t.Fatalf("document %s: generated\n%+v\nthe library puts\n%+v (%v)", id, b.doc, d, err)
			}
		}
	})
}
