package agency_test

import (
	"slices"
	"testing"
	"time"

	"loa/internal/agency"
	"loa/internal/store"
	"loa/internal/store/storetest"
)

func childNames(list []*agency.Node) []string {
	out := make([]string, len(list))
	for i, n := range list {
		out[i] = n.Name
	}
	return out
}

func TestBuildTreeOrdersSiblingsByKindThenInVietnameseOrder(t *testing.T) {
	ag := func(id, name string, kind agency.Kind, parent string) *agency.Agency {
		return &agency.Agency{ID: id, Name: name, Kind: kind, ParentID: parent}
	}
	outside := ag("snv", "Sở Nội vụ", agency.KindDepartment, "ubnd")
	outside.External = true
	paper := ag("bao", "Báo Cần Thơ", agency.KindOther, "ubnd")
	paper.External = true
	all := []*agency.Agency{
		// Given in an order that is none of the expected ones.
		ag("p-giao", "Phòng Giáo dục", agency.KindDivision, "skhcn"),
		ag("tt", "Trung tâm Ánh sáng", agency.KindCentre, "skhcn"),
		ag("p-dao", "Phòng Đào tạo", agency.KindDivision, "skhcn"),
		outside,
		ag("cc", "Chi cục Thú y", agency.KindSubDepartment, "skhcn"),
		ag("p-duoc", "Phòng Dược", agency.KindDivision, "skhcn"),
		paper,
		ag("vp", "Văn phòng Sở", agency.KindOffice, "skhcn"),
		ag("p-bao", "Phòng Bảo tàng", agency.KindDivision, "skhcn"),
		ag("vp-ub", "Văn phòng UBND", agency.KindOffice, "ubnd"),
		ag("p-am", "Phòng Âm nhạc", agency.KindDivision, "skhcn"),
		ag("skhcn", "Sở Khoa học và Công nghệ", agency.KindDepartment, "ubnd"),
		ag("ubnd", "Ủy ban nhân dân thành phố", agency.KindPeoplesCommittee, ""),
		ag("tu", "Thành ủy", agency.KindOther, ""),
	}
	roots := agency.BuildTree(all, false)
	if got := childNames(roots); !slices.Equal(got, []string{"Ủy ban nhân dân thành phố", "Thành ủy"}) {
		t.Errorf("roots %q: the committee comes first by kind", got)
	}
	ubnd := roots[0]
	if got, want := childNames(ubnd.Children), []string{"Sở Khoa học và Công nghệ", "Văn phòng UBND", "Sở Nội vụ", "Báo Cần Thơ"}; !slices.Equal(got, want) {
		t.Errorf("under UBND %q, want %q (outside agencies last)", got, want)
	}
	skhcn := ubnd.Children[0]
	want := []string{
		"Văn phòng Sở",
		// Â before B, D before Đ, Đ before G: the Vietnamese alphabet, not byte order nor folded letters.
		"Phòng Âm nhạc", "Phòng Bảo tàng", "Phòng Dược", "Phòng Đào tạo", "Phòng Giáo dục",
		"Chi cục Thú y",
		"Trung tâm Ánh sáng",
	}
	if got := childNames(skhcn.Children); !slices.Equal(got, want) {
		t.Errorf("under SKHCN %q,\nwant %q", got, want)
	}

	flat := agency.Flatten(roots)
	if len(flat) != len(all) {
		t.Fatalf("Flatten lists %d of %d agencies", len(flat), len(all))
	}
	if flat[0].ID != "ubnd" || flat[1].ID != "skhcn" || flat[2].ID != "vp" || flat[len(flat)-1].ID != "tu" {
		t.Errorf("Flatten is not depth first: %v", childNames(flat))
	}
	for _, n := range flat {
		depth := map[string]int{"ubnd": 0, "tu": 0, "skhcn": 1, "vp-ub": 1, "snv": 1, "bao": 1}[n.ID]
		if n.ParentID == "skhcn" {
			depth = 2
		}
		if n.Depth != depth {
			t.Errorf("%s at depth %d, want %d", n.Name, n.Depth, depth)
		}
	}
}

func TestBuildTreeLeavesMergedAgenciesOutUnlessAsked(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ubnd := f.add("Ủy ban nhân dân thành phố", "UBND", agency.KindPeoplesCommittee, nil)
		skhcn := f.add("Sở Khoa học và Công nghệ", "SKHCN", agency.KindDepartment, ubnd)
		stttt := f.add("Sở Thông tin và Truyền thông", "STTTT", agency.KindDepartment, ubnd)
		f.add("Trung tâm Công nghệ thông tin", "TTCNTT", agency.KindCentre, stttt)
		f.merge(stttt, skhcn, day(2025, time.March, 1))
		all, err := f.s.All(ctx)
		if err != nil {
			t.Fatal(err)
		}

		roots := agency.BuildTree(all, false)
		if len(roots) != 1 || !slices.Equal(childNames(roots[0].Children), []string{"Sở Khoa học và Công nghệ"}) {
			t.Fatalf("active tree: %q", childNames(agency.Flatten(roots)))
		}
		if got := childNames(roots[0].Children[0].Children); !slices.Equal(got, []string{"Trung tâm Công nghệ thông tin"}) {
			t.Errorf("the merged agency's centre should sit under SKHCN, got %q", got)
		}
		if n := len(agency.Flatten(roots)); n != 3 {
			t.Errorf("active tree has %d nodes, want 3", n)
		}

		withMerged := agency.BuildTree(all, true)
		if got := childNames(withMerged[0].Children); !slices.Equal(got, []string{"Sở Khoa học và Công nghệ", "Sở Thông tin và Truyền thông"}) {
			t.Errorf("tree with merged agencies: %q", got)
		}
	})
}
