package agency_test

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"loa/internal/agency"
	"loa/internal/store"
	"loa/internal/store/storetest"
)

// city builds a small city: the committee, two departments each with an office "VP",
// a division under the first office, and a department merged away.
type city struct {
	ubnd, skhcn, stc, vpKH, vpTC, phong, stttt *agency.Agency
}

func newCity(f *fixture) city {
	var c city
	c.ubnd = f.add("Ủy ban nhân dân thành phố Cần Thơ", "UBND", agency.KindPeoplesCommittee, nil)
	c.skhcn = f.add("Sở Khoa học và Công nghệ", "SKHCN", agency.KindDepartment, c.ubnd)
	c.stc = f.add("Sở Tài chính", "STC", agency.KindDepartment, c.ubnd)
	c.vpKH = f.add("Văn phòng Sở", "VP", agency.KindOffice, c.skhcn)
	c.vpTC = f.add("Văn phòng Sở", "VP", agency.KindOffice, c.stc)
	c.phong = f.add("Phòng Hành chính - Tổng hợp", "HCTH", agency.KindDivision, c.vpKH)
	c.stttt = f.add("Sở Thông tin và Truyền thông", "STTTT", agency.KindDepartment, c.ubnd)
	f.merge(c.stttt, c.skhcn, day(2025, time.March, 1))
	return c
}

func TestByAbbrFindsAUniqueAbbreviation(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		c := newCity(f)
		for _, q := range []string{"SKHCN", " skhcn ", "HCTH"} {
			a, err := f.s.ByAbbr(ctx, q)
			if err != nil {
				t.Errorf("ByAbbr %q: %v", q, err)
				continue
			}
			want := c.skhcn.ID
			if strings.TrimSpace(strings.ToUpper(q)) == "HCTH" {
				want = c.phong.ID
			}
			if a.ID != want {
				t.Errorf("ByAbbr %q found %s", q, a.Name)
			}
		}
	})
}

func TestByAbbrRefusesAnAmbiguousAbbreviationAndAsksForThePath(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		newCity(f)
		_, err := f.s.ByAbbr(ctx, "VP")
		if err == nil {
			t.Fatal("VP names two offices; ByAbbr should not pick one")
		}
		if errors.Is(err, store.ErrNotFound) {
			t.Errorf("an ambiguous abbreviation is not a missing one: %v", err)
		}
		if !strings.Contains(err.Error(), "2") || !strings.Contains(err.Error(), "/VP") {
			t.Errorf("message should say how many and suggest a path: %q", err.Error())
		}
	})
}

func TestByAbbrResolvesAPathOfAbbreviations(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		c := newCity(f)
		for path, want := range map[string]*agency.Agency{
			"SKHCN/VP":      c.vpKH,
			"stc/vp":        c.vpTC,
			"SKHCN/VP/HCTH": c.phong,
			"UBND/SKHCN":    c.skhcn,
		} {
			a, err := f.s.ByAbbr(ctx, path)
			if err != nil {
				t.Errorf("ByAbbr %q: %v", path, err)
				continue
			}
			if a.ID != want.ID {
				t.Errorf("ByAbbr %q found %s under %s", path, a.Name, a.ParentID)
			}
		}
		for _, path := range []string{"STC/HCTH", "SKHCN/PKH", "KHONGCO", "STTTT"} {
			_, err := f.s.ByAbbr(ctx, path)
			if !errors.Is(err, store.ErrNotFound) {
				t.Errorf("ByAbbr %q: want ErrNotFound, got %v", path, err)
			}
		}
		_, err := f.s.ByAbbr(ctx, "STC/HCTH")
		if err == nil || !strings.Contains(err.Error(), `"STC/HCTH"`) {
			t.Errorf("the message should name the path that failed: %v", err)
		}
	})
}

func TestAncestryListsTheAgencyThenItsParentsUpToTheRoot(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		c := newCity(f)
		got, err := f.s.Ancestry(ctx, c.phong.ID)
		if err != nil {
			t.Fatal(err)
		}
		if want := []string{c.phong.ID, c.vpKH.ID, c.skhcn.ID, c.ubnd.ID}; !slices.Equal(got, want) {
			t.Errorf("ancestry %v, want %v", got, want)
		}
		if got, _ := f.s.Ancestry(ctx, c.ubnd.ID); !slices.Equal(got, []string{c.ubnd.ID}) {
			t.Errorf("ancestry of the root %v", got)
		}
		if got, err := f.s.Ancestry(ctx, "no-such-agency"); err != nil || len(got) != 0 {
			t.Errorf("ancestry of an unknown agency: %v, %v", got, err)
		}

		// The in-memory version agrees with the database.
		all, err := f.s.All(ctx)
		if err != nil {
			t.Fatal(err)
		}
		mem := agency.Ancestries(all)
		for _, a := range all {
			db, err := f.s.Ancestry(ctx, a.ID)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(mem[a.ID], db) {
				t.Errorf("%s: Ancestries %v, Ancestry %v", a.Abbr, mem[a.ID], db)
			}
		}
	})
}

func TestSubtreeListsTheAgencyAndEverythingBelowIt(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		c := newCity(f)
		got, err := f.s.Subtree(ctx, c.skhcn.ID)
		if err != nil {
			t.Fatal(err)
		}
		slices.Sort(got)
		want := []string{c.skhcn.ID, c.vpKH.ID, c.phong.ID}
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("subtree of SKHCN: %v, want %v", got, want)
		}
		all, _ := f.s.Subtree(ctx, c.ubnd.ID)
		if len(all) != 7 {
			t.Errorf("subtree of the root has %d agencies, want all 7", len(all))
		}
		if leaf, _ := f.s.Subtree(ctx, c.phong.ID); !slices.Equal(leaf, []string{c.phong.ID}) {
			t.Errorf("subtree of a leaf %v", leaf)
		}
	})
}

func TestSearchIgnoresCaseDiacriticsAndĐ(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		skhcn, err := f.s.Create(ctx, agency.Input{Name: "Sở Khoa học và Công nghệ", ShortName: "Sở KH&CN", Abbr: "SKHCN", Kind: agency.KindDepartment})
		if err != nil {
			t.Fatal(err)
		}
		f.add("Sở Giáo dục và Đào tạo", "SGDĐT", agency.KindDepartment, nil)
		f.add("Sở Tài chính", "STC", agency.KindDepartment, nil)
		for q, want := range map[string][]string{
			"so khoa hoc":   {"Sở Khoa học và Công nghệ"},
			"SỞ KH":         {"Sở Khoa học và Công nghệ"},
			"sở kh&cn":      {"Sở Khoa học và Công nghệ"},
			"dao tao":       {"Sở Giáo dục và Đào tạo"},
			"ĐÀO TẠO":       {"Sở Giáo dục và Đào tạo"},
			"  tai   chinh": {"Sở Tài chính"},
			"skhcn":         {"Sở Khoa học và Công nghệ"},
			"bộ":            nil,
		} {
			got, err := f.s.Search(ctx, q, 10)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(names(got), want) {
				t.Errorf("Search %q: %q, want %q", q, names(got), want)
			}
		}
		if got, _ := f.s.Search(ctx, "so khoa hoc", 10); len(got) == 1 && got[0].ID != skhcn.ID {
			t.Errorf("Search returned another agency with the same name")
		}
	})
}

func TestSearchRanksAnExactAbbreviationFirst(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		f.add("Sở Khoa học và Công nghệ", "SKHCN", agency.KindDepartment, nil)
		f.add("Khu công nghệ cao", "KCNC", agency.KindUnit, nil)
		f.add("Phòng Kế hoạch", "KH", agency.KindDivision, nil)
		f.add("Ban Quản lý các khu chế xuất", "BQLKCX", agency.KindOther, nil)
		got, err := f.s.Search(ctx, "kh", 10)
		if err != nil {
			t.Fatal(err)
		}
		// Exact abbreviation, then names that start with the words, then names that contain them.
		want := []string{"Phòng Kế hoạch", "Khu công nghệ cao", "Ban Quản lý các khu chế xuất", "Sở Khoa học và Công nghệ"}
		if !slices.Equal(names(got), want) {
			t.Errorf("Search kh: %q, want %q", names(got), want)
		}
		if got, _ := f.s.Search(ctx, "kh", 2); !slices.Equal(names(got), want[:2]) {
			t.Errorf("Search kh with limit 2: %q", names(got))
		}
		if got, _ := f.s.Search(ctx, "", 10); len(got) != 4 || got[0].Name != "Ban Quản lý các khu chế xuất" {
			t.Errorf("an empty search should list every agency in Vietnamese order: %q", names(got))
		}
	})
}

func TestSearchSkipsMergedAgencies(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		skhcn := f.add("Sở Khoa học và Công nghệ", "SKHCN", agency.KindDepartment, nil)
		stttt := f.add("Sở Thông tin và Truyền thông", "STTTT", agency.KindDepartment, nil)
		f.merge(stttt, skhcn, day(2025, time.March, 1))
		for _, q := range []string{"thong tin", "STTTT", ""} {
			got, err := f.s.Search(ctx, q, 10)
			if err != nil {
				t.Fatal(err)
			}
			for _, a := range got {
				if a.ID == stttt.ID {
					t.Errorf("Search %q offers the merged agency", q)
				}
			}
		}
	})
}
