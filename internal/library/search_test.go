package library_test

import (
	"testing"

	"loa/internal/library"
	"loa/internal/search"
	"loa/internal/store"
	"loa/internal/store/storetest"
)

func TestLibraryEntriesAreFoundByThePortalSearch(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		e := f.add("246/KH-UBND", "14/12/2023", "Ủy ban nhân dân thành phố", "Thông tin, tuyên truyền cải cách hành chính năm 2024", library.ScopeCity)
		ix := search.New(db)
		res, err := ix.Search(ctx, search.Query{Text: "tuyen truyen cai cach hanh chinh", Kinds: []string{search.KindDocument}})
		if err != nil || res.Total != 1 || res.Hits[0].URL != "/van-ban/"+e.ID || res.Hits[0].Year != 2023 {
			t.Fatalf("%+v %v", res, err)
		}
		in := library.Input{NumberSymbol: "246/KH-UBND", IssuedOn: "14/12/2023", Issuer: "Ủy ban nhân dân thành phố",
			Summary: "Chuyển đổi số năm 2024", Scope: library.ScopeCity, OwnerAgencyID: f.owner}
		if _, err := f.s.Update(ctx, e.ID, e.RowVersion, in); err != nil {
			t.Fatal(err)
		}
		for q, want := range map[string]int{"cai cach hanh chinh": 0, "chuyen doi so": 1, "246/KH-UBND": 1} {
			if res, err := ix.Search(ctx, search.Query{Text: q}); err != nil || res.Total != want {
				t.Errorf("%q: %d hits, want %d (%v)", q, res.Total, want, err)
			}
		}
		if n, err := ix.Rebuild(ctx, search.KindDocument, f.s.SearchSource()); err != nil || n != 1 {
			t.Errorf("rebuild: %d %v", n, err)
		}
	})
}
