package agency_test

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"loa/internal/agency"
	"loa/internal/auth"
	"loa/internal/store"
	"loa/internal/store/storetest"
	"loa/internal/valid"
	"loa/internal/vn"
)

func TestCreateRequiresNameAbbreviationAndKind(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		_, err := f.s.Create(ctx, agency.Input{Name: "  ", Abbr: " ", Kind: "so_khac"})
		wantInvalid(t, err, "name", "valid.required")
		wantInvalid(t, err, "abbr", "valid.required")
		wantInvalid(t, err, "kind", "agency.kind_required")
		_, err = f.s.Create(ctx, agency.Input{Name: "Sở Nội vụ", Abbr: "SNV"})
		wantInvalid(t, err, "kind", "agency.kind_required")
		if n := f.count(`SELECT COUNT(*) FROM agencies`); n != 0 {
			t.Errorf("a refused agency was stored: %d agencies", n)
		}
		if n := f.count(`SELECT COUNT(*) FROM audit_log`); n != 0 {
			t.Errorf("a refused agency left %d audit rows", n)
		}
	})
}

func TestCreateStoresACleanedAgencyThatReadsBackTheSame(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		created, err := f.s.Create(ctx, agency.Input{Name: "  Sở   Khoa học và Công nghệ ", ShortName: "Sở KH&CN", Abbr: " skhcn ",
			Kind: agency.KindDepartment, ElectronicID: " 000.00.00.h13 ", External: true, From: start, Reason: "Quyết định 1/QĐ-UBND"})
		if err != nil {
			t.Fatal(err)
		}
		if created.Name != "Sở Khoa học và Công nghệ" || created.Abbr != "SKHCN" || created.ElectronicID != "000.00.00.H13" {
			t.Errorf("input not cleaned: %+v", created)
		}
		got := f.get(created.ID)
		if got.Name != created.Name || got.ShortName != "Sở KH&CN" || got.Abbr != "SKHCN" || got.Kind != agency.KindDepartment ||
			got.ElectronicID != "000.00.00.H13" || !got.External || got.ParentID != "" || got.RowVersion != 1 || !got.Active() ||
			!got.EndedOn.IsZero() {
			t.Errorf("read back %+v", got)
		}
		if !got.CreatedAt.Equal(created.CreatedAt) || !got.UpdatedAt.Equal(created.UpdatedAt) {
			t.Errorf("times: stored %v/%v, returned %v/%v", got.CreatedAt, got.UpdatedAt, created.CreatedAt, created.UpdatedAt)
		}
		h := f.history(created.ID)
		if len(h) != 1 || h[0].ValidFrom != start || !h[0].ValidTo.IsZero() || h[0].Name != created.Name || h[0].Reason != "Quyết định 1/QĐ-UBND" {
			t.Errorf("first period %+v", h)
		}
		if _, err := f.s.Get(ctx, "no-such-agency"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("Get of an unknown id: want ErrNotFound, got %v", err)
		}
	})
}

func TestCreateWithoutADayStartsTheFirstPeriodToday(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		before := vn.Today()
		a, err := f.s.Create(ctx, agency.Input{Name: "Sở Tài chính", Abbr: "STC", Kind: agency.KindDepartment})
		if err != nil {
			t.Fatal(err)
		}
		after := vn.Today() // the test may straddle midnight
		if h := f.history(a.ID); len(h) != 1 || (h[0].ValidFrom != before && h[0].ValidFrom != after) {
			t.Errorf("first period should start today (%v), got %+v", after, h)
		}
	})
}

func TestCreateRefusesAMalformedAbbreviation(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		for _, abbr := range []string{"SK HCN", "-VP", "VP-", "S/K", "A..B", "V_P", "Sở(KH)"} {
			_, err := f.s.Create(ctx, agency.Input{Name: "Văn phòng", Abbr: abbr, Kind: agency.KindOffice})
			wantInvalid(t, err, "abbr", "agency.abbr_format")
		}
		_, err := f.s.Create(ctx, agency.Input{Name: "Văn phòng", Abbr: strings.Repeat("A", 21), Kind: agency.KindOffice})
		wantInvalid(t, err, "abbr", "valid.too_long")
		for _, abbr := range []string{"KH&CN", "VP-UBND", "CCTĐC", "vp", "QĐ.2"} {
			if _, err := f.s.Create(ctx, agency.Input{Name: "Cơ quan " + abbr, Abbr: abbr, Kind: agency.KindOther}); err != nil {
				t.Errorf("abbreviation %q refused: %v", abbr, err)
			}
		}
	})
}

func TestCreateAcceptsOnlyA13CharacterElectronicID(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		for i, id := range []string{"000.00.00.H13", "000.00.00.h14", "H29.12.01.A01"} {
			a, err := f.s.Create(ctx, agency.Input{Name: "Cơ quan", Abbr: "CQ" + string(rune('A'+i)), Kind: agency.KindOther, ElectronicID: id})
			if err != nil {
				t.Errorf("electronic id %q refused: %v", id, err)
				continue
			}
			if a.ElectronicID != strings.ToUpper(id) {
				t.Errorf("electronic id %q stored as %q", id, a.ElectronicID)
			}
		}
		for _, id := range []string{"000.00.00.H1", "000.00.00.H134", "0000000.0H13", "000-00-00-H13", "000.00.00.Ư13", "000000000H13"} {
			_, err := f.s.Create(ctx, agency.Input{Name: "Cơ quan", Abbr: "CQX", Kind: agency.KindOther, ElectronicID: id})
			wantInvalid(t, err, "electronic_id", "agency.electronic_id_format")
		}
	})
}

func TestCreateRefusesAMissingOrMergedParent(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		_, err := f.s.Create(ctx, agency.Input{Name: "Văn phòng Sở", Abbr: "VP", Kind: agency.KindOffice, ParentID: "no-such-agency"})
		wantInvalid(t, err, "parent_id", "agency.parent_missing")

		ubnd := f.add("Ủy ban nhân dân thành phố", "UBND", agency.KindPeoplesCommittee, nil)
		skhcn := f.add("Sở Khoa học và Công nghệ", "SKHCN", agency.KindDepartment, ubnd)
		stttt := f.add("Sở Thông tin và Truyền thông", "STTTT", agency.KindDepartment, ubnd)
		f.merge(stttt, skhcn, day(2025, time.March, 1))
		_, err = f.s.Create(ctx, agency.Input{Name: "Văn phòng Sở", Abbr: "VP", Kind: agency.KindOffice, ParentID: stttt.ID})
		wantInvalid(t, err, "parent_id", "agency.parent_merged")
	})
}

func TestAbbreviationIsUniqueAmongSiblingsOnly(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ubnd := f.add("Ủy ban nhân dân thành phố", "UBND", agency.KindPeoplesCommittee, nil)
		skhcn := f.add("Sở Khoa học và Công nghệ", "SKHCN", agency.KindDepartment, ubnd)
		stc := f.add("Sở Tài chính", "STC", agency.KindDepartment, ubnd)
		f.add("Văn phòng Sở", "VP", agency.KindOffice, skhcn)
		f.add("Văn phòng Sở", "VP", agency.KindOffice, stc) // same abbreviation under another department

		_, err := f.s.Create(ctx, agency.Input{Name: "Văn phòng khác", Abbr: "vp", Kind: agency.KindOffice, ParentID: skhcn.ID})
		wantInvalid(t, err, "abbr", "agency.abbr_taken")
		_, err = f.s.Create(ctx, agency.Input{Name: "Ủy ban nhân dân tỉnh", Abbr: "UBND", Kind: agency.KindPeoplesCommittee})
		wantInvalid(t, err, "abbr", "agency.abbr_taken")
		// A root and a department may share an abbreviation: they are not siblings.
		if _, err := f.s.Create(ctx, agency.Input{Name: "Sở Tài chính (cơ quan ngoài)", Abbr: "STC", Kind: agency.KindDepartment}); err != nil {
			t.Errorf("a root STC beside a department STC refused: %v", err)
		}
	})
}

func TestAbbreviationOfAMergedSiblingIsFreeAgain(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ubnd := f.add("Ủy ban nhân dân thành phố", "UBND", agency.KindPeoplesCommittee, nil)
		skhcn := f.add("Sở Khoa học và Công nghệ", "SKHCN", agency.KindDepartment, ubnd)
		stttt := f.add("Sở Thông tin và Truyền thông", "STTTT", agency.KindDepartment, ubnd)
		f.merge(stttt, skhcn, day(2025, time.March, 1))
		if _, err := f.s.Create(ctx, agency.Input{Name: "Sở Thông tin và Truyền thông", Abbr: "STTTT", Kind: agency.KindDepartment, ParentID: ubnd.ID}); err != nil {
			t.Errorf("abbreviation of a merged agency still taken: %v", err)
		}
	})
}

func TestUpdateAndMoveKeepAbbreviationsUniqueAmongSiblings(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ubnd := f.add("Ủy ban nhân dân thành phố", "UBND", agency.KindPeoplesCommittee, nil)
		skhcn := f.add("Sở Khoa học và Công nghệ", "SKHCN", agency.KindDepartment, ubnd)
		stc := f.add("Sở Tài chính", "STC", agency.KindDepartment, ubnd)
		f.add("Văn phòng Sở", "VP", agency.KindOffice, skhcn)
		vpTC := f.add("Văn phòng Sở", "VP", agency.KindOffice, stc)
		pkh := f.add("Phòng Kế hoạch", "PKH", agency.KindDivision, skhcn)

		_, err := f.s.Update(ctx, pkh.ID, pkh.RowVersion, agency.Input{Name: "Phòng Kế hoạch", Abbr: "VP", Kind: agency.KindDivision})
		wantInvalid(t, err, "abbr", "agency.abbr_taken")
		_, err = f.s.Move(ctx, vpTC.ID, vpTC.RowVersion, skhcn.ID, day(2024, time.January, 1), "")
		wantInvalid(t, err, "abbr", "agency.abbr_taken")
		// Keeping its own abbreviation is not a clash with itself.
		if _, err := f.s.Update(ctx, pkh.ID, pkh.RowVersion, agency.Input{Name: "Phòng Kế hoạch - Tài chính", Abbr: "PKH", Kind: agency.KindDivision}); err != nil {
			t.Errorf("update keeping its own abbreviation refused: %v", err)
		}
	})
}

func TestRenameFromADayKeepsTheOldNameForEarlierDays(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		a, err := f.s.Create(ctx, agency.Input{Name: "Sở Bưu chính Viễn thông", ShortName: "Sở BCVT", Abbr: "SBCVT",
			Kind: agency.KindDepartment, From: day(2005, time.January, 1)})
		if err != nil {
			t.Fatal(err)
		}
		renamed := day(2008, time.April, 1)
		after, err := f.s.Update(ctx, a.ID, a.RowVersion, agency.Input{Name: "Sở Thông tin và Truyền thông", ShortName: "Sở TT&TT",
			Abbr: "STTTT", Kind: agency.KindDepartment, From: renamed, Reason: "Nghị định 187/2007/NĐ-CP"})
		if err != nil {
			t.Fatal(err)
		}
		if after.Name != "Sở Thông tin và Truyền thông" || after.RowVersion != 2 {
			t.Errorf("after rename %+v", after)
		}
		if got := f.get(a.ID); got.Name != "Sở Thông tin và Truyền thông" || got.Abbr != "STTTT" || got.RowVersion != 2 {
			t.Errorf("current state %+v", got)
		}

		h := f.history(a.ID)
		if len(h) != 2 {
			t.Fatalf("want 2 periods, got %+v", h)
		}
		if h[0].Name != "Sở Bưu chính Viễn thông" || h[0].Abbr != "SBCVT" || h[0].ShortName != "Sở BCVT" || h[0].ValidTo != renamed {
			t.Errorf("old period %+v", h[0])
		}
		if h[1].Name != "Sở Thông tin và Truyền thông" || h[1].ValidFrom != renamed || !h[1].ValidTo.IsZero() || h[1].Reason != "Nghị định 187/2007/NĐ-CP" {
			t.Errorf("new period %+v", h[1])
		}

		for _, c := range []struct {
			on   time.Time
			name string
		}{
			{time.Date(2008, time.March, 31, 0, 0, 0, 0, time.UTC), "Sở Bưu chính Viễn thông"},
			{time.Date(2008, time.April, 1, 0, 0, 0, 0, time.UTC), "Sở Thông tin và Truyền thông"},
			{time.Date(2024, time.June, 15, 0, 0, 0, 0, time.UTC), "Sở Thông tin và Truyền thông"},
			{time.Date(1999, time.January, 1, 0, 0, 0, 0, time.UTC), "Sở Bưu chính Viễn thông"}, // before any record: the first
		} {
			p, err := f.s.AsOf(ctx, a.ID, day(c.on.Year(), c.on.Month(), c.on.Day()))
			if err != nil {
				t.Fatal(err)
			}
			if p.Name != c.name {
				t.Errorf("AsOf %s: want %q, got %q", c.on.Format("2006-01-02"), c.name, p.Name)
			}
		}
		if _, err := f.s.AsOf(ctx, "no-such-agency", renamed); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("AsOf of an unknown agency: want ErrNotFound, got %v", err)
		}
	})
}

func TestCorrectionWithoutADayFixesTheCurrentPeriodInPlace(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		a := f.add("Sở Tư phap", "STP", agency.KindDepartment, nil)
		fixed, err := f.s.Update(ctx, a.ID, a.RowVersion, agency.Input{Name: "Sở Tư pháp", ShortName: "Sở TP", Abbr: "STP", Kind: agency.KindDepartment})
		if err != nil {
			t.Fatal(err)
		}
		if fixed.Name != "Sở Tư pháp" || fixed.RowVersion != 2 {
			t.Errorf("after correction %+v", fixed)
		}
		h := f.history(a.ID)
		if len(h) != 1 || h[0].Name != "Sở Tư pháp" || h[0].ShortName != "Sở TP" || h[0].ValidFrom != start {
			t.Errorf("a correction should fix the one period in place, got %+v", h)
		}

		// After a dated rename, a correction touches only the current period.
		_, err = f.s.Update(ctx, a.ID, 2, agency.Input{Name: "Sở Tư pháp thành phố", Abbr: "STP", Kind: agency.KindDepartment, From: day(2024, time.July, 1)})
		if err != nil {
			t.Fatal(err)
		}
		_, err = f.s.Update(ctx, a.ID, 3, agency.Input{Name: "Sở Tư pháp Thành phố", Abbr: "STP", Kind: agency.KindDepartment})
		if err != nil {
			t.Fatal(err)
		}
		h = f.history(a.ID)
		if len(h) != 2 || h[0].Name != "Sở Tư pháp" || h[1].Name != "Sở Tư pháp Thành phố" {
			t.Errorf("history after rename and correction: %+v", h)
		}
	})
}

func TestChangeWithADayButTheSameNameAddsNoPeriod(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		a := f.add("Trung tâm Thông tin", "TTTT", agency.KindCentre, nil)
		got, err := f.s.Update(ctx, a.ID, a.RowVersion, agency.Input{Name: "Trung tâm Thông tin", Abbr: "TTTT", Kind: agency.KindUnit,
			ElectronicID: "000.00.00.H13", From: day(2024, time.January, 1)})
		if err != nil {
			t.Fatal(err)
		}
		if got.Kind != agency.KindUnit || got.ElectronicID != "000.00.00.H13" {
			t.Errorf("after update %+v", got)
		}
		if h := f.history(a.ID); len(h) != 1 {
			t.Errorf("a change of kind is no rename; want 1 period, got %+v", h)
		}
	})
}

func TestRenameDatedBeforeTheLatestChangeIsRefused(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		a := f.add("Sở Bưu chính Viễn thông", "SBCVT", agency.KindDepartment, nil)
		_, err := f.s.Update(ctx, a.ID, a.RowVersion, agency.Input{Name: "Sở Thông tin và Truyền thông", Abbr: "STTTT",
			Kind: agency.KindDepartment, From: start.AddDays(-1)})
		wantInvalid(t, err, "from", "agency.from_before_last")
		if got := f.get(a.ID); got.Name != "Sở Bưu chính Viễn thông" || got.RowVersion != 1 {
			t.Errorf("a refused rename changed the agency: %+v", got)
		}
		if h := f.history(a.ID); len(h) != 1 || !h[0].ValidTo.IsZero() || h[0].Name != "Sở Bưu chính Viễn thông" {
			t.Errorf("a refused rename changed the history: %+v", h)
		}

		// After a later rename, a day between the two is refused too.
		if _, err := f.s.Update(ctx, a.ID, 1, agency.Input{Name: "Sở Thông tin và Truyền thông", Abbr: "STTTT", Kind: agency.KindDepartment,
			From: day(2024, time.January, 1)}); err != nil {
			t.Fatal(err)
		}
		_, err = f.s.Update(ctx, a.ID, 2, agency.Input{Name: "Sở TT&TT", Abbr: "STTTT", Kind: agency.KindDepartment, From: day(2023, time.June, 1)})
		wantInvalid(t, err, "from", "agency.from_before_last")
	})
}

func TestSecondRenameOnTheSameDayReplacesThatDaysState(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		a := f.add("Sở Bưu chính Viễn thông", "SBCVT", agency.KindDepartment, nil)
		renamed := day(2024, time.April, 1)
		if _, err := f.s.Update(ctx, a.ID, 1, agency.Input{Name: "Sở Thong tin", Abbr: "STT", Kind: agency.KindDepartment, From: renamed, Reason: "Nghị định 187"}); err != nil {
			t.Fatal(err)
		}
		if _, err := f.s.Update(ctx, a.ID, 2, agency.Input{Name: "Sở Thông tin và Truyền thông", Abbr: "STTTT", Kind: agency.KindDepartment, From: renamed}); err != nil {
			t.Fatal(err)
		}
		h := f.history(a.ID)
		if len(h) != 2 || h[0].Name != "Sở Bưu chính Viễn thông" || h[0].ValidTo != renamed ||
			h[1].Name != "Sở Thông tin và Truyền thông" || h[1].Abbr != "STTTT" || h[1].ValidFrom != renamed || h[1].Reason != "Nghị định 187" {
			t.Errorf("a second change on the same day should replace that day's period, got %+v", h)
		}
		// The same for the first day of all: no period of zero length.
		b := f.add("Sở Tư phap", "STP", agency.KindDepartment, nil)
		if _, err := f.s.Update(ctx, b.ID, 1, agency.Input{Name: "Sở Tư pháp", Abbr: "STP", Kind: agency.KindDepartment, From: start, Reason: "Sửa tên"}); err != nil {
			t.Fatal(err)
		}
		if h := f.history(b.ID); len(h) != 1 || h[0].Name != "Sở Tư pháp" || h[0].ValidFrom != start || h[0].Reason != "Sửa tên" {
			t.Errorf("a change on the first day should replace it, got %+v", h)
		}
	})
}

func TestUpdateCannotMoveTheAgency(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ubnd := f.add("Ủy ban nhân dân thành phố", "UBND", agency.KindPeoplesCommittee, nil)
		stc := f.add("Sở Tài chính", "STC", agency.KindDepartment, ubnd)
		other := f.add("Thành ủy", "TU", agency.KindOther, nil)
		got, err := f.s.Update(ctx, stc.ID, stc.RowVersion, agency.Input{Name: "Sở Tài chính", Abbr: "STC", Kind: agency.KindDepartment, ParentID: other.ID})
		if err != nil {
			t.Fatal(err)
		}
		if got.ParentID != ubnd.ID || f.get(stc.ID).ParentID != ubnd.ID {
			t.Errorf("Update moved the agency to %q; moving is Move's job", f.get(stc.ID).ParentID)
		}
	})
}

func TestMoveUnderItselfOrItsDescendantIsRefused(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ubnd := f.add("Ủy ban nhân dân thành phố", "UBND", agency.KindPeoplesCommittee, nil)
		skhcn := f.add("Sở Khoa học và Công nghệ", "SKHCN", agency.KindDepartment, ubnd)
		cc := f.add("Chi cục Tiêu chuẩn Đo lường Chất lượng", "CCTĐC", agency.KindSubDepartment, skhcn)
		phong := f.add("Phòng Quản lý Đo lường", "PQLĐL", agency.KindDivision, cc)
		from := day(2024, time.January, 1)

		_, err := f.s.Move(ctx, skhcn.ID, skhcn.RowVersion, skhcn.ID, from, "")
		wantInvalid(t, err, "parent_id", "agency.cycle")
		_, err = f.s.Move(ctx, skhcn.ID, skhcn.RowVersion, phong.ID, from, "")
		wantInvalid(t, err, "parent_id", "agency.cycle")
		_, err = f.s.Move(ctx, ubnd.ID, ubnd.RowVersion, cc.ID, from, "")
		wantInvalid(t, err, "parent_id", "agency.cycle")
		_, err = f.s.Move(ctx, cc.ID, cc.RowVersion, skhcn.ID, from, "")
		wantInvalid(t, err, "parent_id", "agency.move_same_parent")
		_, err = f.s.Move(ctx, cc.ID, cc.RowVersion, "no-such-agency", from, "")
		wantInvalid(t, err, "parent_id", "agency.parent_missing")

		if got := f.get(skhcn.ID); got.ParentID != ubnd.ID || got.RowVersion != 1 {
			t.Errorf("a refused move changed the agency: %+v", got)
		}
		if n := f.count(`SELECT COUNT(*) FROM agency_history`); n != 4 {
			t.Errorf("refused moves added periods: %d periods for 4 agencies", n)
		}
	})
}

func TestMoveRecordsANewPeriodUnderTheNewParent(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ubnd := f.add("Ủy ban nhân dân thành phố", "UBND", agency.KindPeoplesCommittee, nil)
		stttt := f.add("Sở Thông tin và Truyền thông", "STTTT", agency.KindDepartment, ubnd)
		skhcn := f.add("Sở Khoa học và Công nghệ", "SKHCN", agency.KindDepartment, ubnd)
		tt := f.add("Trung tâm Công nghệ thông tin và Truyền thông", "TTCNTT", agency.KindCentre, stttt)
		moved := day(2025, time.March, 1)

		got, err := f.s.Move(ctx, tt.ID, tt.RowVersion, skhcn.ID, moved, "  Quyết định 300/QĐ-UBND ")
		if err != nil {
			t.Fatal(err)
		}
		if got.ParentID != skhcn.ID || got.RowVersion != 2 || f.get(tt.ID).ParentID != skhcn.ID {
			t.Errorf("after move %+v", got)
		}
		h := f.history(tt.ID)
		if len(h) != 2 || h[0].ParentID != stttt.ID || h[0].ValidTo != moved ||
			h[1].ParentID != skhcn.ID || h[1].ValidFrom != moved || h[1].Reason != "Quyết định 300/QĐ-UBND" || h[1].Name != tt.Name {
			t.Errorf("history after move %+v", h)
		}
		before, _ := f.s.AsOf(ctx, tt.ID, moved.AddDays(-1))
		if before.ParentID != stttt.ID {
			t.Errorf("the day before the move the parent was %q, want STTTT", before.ParentID)
		}
		anc, err := f.s.Ancestry(ctx, tt.ID)
		if err != nil || !slices.Equal(anc, []string{tt.ID, skhcn.ID, ubnd.ID}) {
			t.Errorf("ancestry after move %v, %v", anc, err)
		}

		// A move dated before the last change is refused.
		_, err = f.s.Move(ctx, tt.ID, got.RowVersion, ubnd.ID, moved.AddDays(-1), "")
		wantInvalid(t, err, "from", "agency.from_before_last")
		// To the top level on the same day: that day's state is replaced, no new period.
		top, err := f.s.Move(ctx, tt.ID, got.RowVersion, "", moved, "")
		if err != nil {
			t.Fatal(err)
		}
		if top.ParentID != "" || f.get(tt.ID).ParentID != "" {
			t.Errorf("move to the top level left parent %q", f.get(tt.ID).ParentID)
		}
		if h := f.history(tt.ID); len(h) != 2 || h[1].ParentID != "" || h[1].ValidFrom != moved || h[0].ParentID != stttt.ID {
			t.Errorf("history after a second move on the same day %+v", h)
		}
	})
}

func TestMergePassesSubUnitsUsersAndRolesToTheTarget(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ubnd := f.add("Ủy ban nhân dân thành phố", "UBND", agency.KindPeoplesCommittee, nil)
		skhcn := f.add("Sở Khoa học và Công nghệ", "SKHCN", agency.KindDepartment, ubnd)
		stttt := f.add("Sở Thông tin và Truyền thông", "STTTT", agency.KindDepartment, ubnd)
		pbc := f.add("Phòng Báo chí Xuất bản", "PBCXB", agency.KindDivision, stttt)
		tt := f.add("Trung tâm Công nghệ thông tin", "TTCNTT", agency.KindCentre, stttt)
		tt2 := f.add("Trung tâm Cũ", "TTC", agency.KindCentre, stttt)
		f.merge(tt2, tt, day(2023, time.January, 1)) // an already merged sub-unit stays where it was

		users := auth.NewStore(db)
		an, err := users.Create(ctx, auth.UserInput{Username: "an", FullName: "Nguyễn Văn An", AgencyID: stttt.ID, Password: "mat-khau-dai-1"},
			[]auth.Membership{{AgencyID: stttt.ID, Role: auth.RoleAdmin}, {AgencyID: stttt.ID, Role: auth.RoleViewer}})
		if err != nil {
			t.Fatal(err)
		}
		// Binh is already a viewer at the target: the merged agency's viewer role is dropped, not doubled.
		binh, err := users.Create(ctx, auth.UserInput{Username: "binh", FullName: "Trần Thị Bình", AgencyID: skhcn.ID, Password: "mat-khau-dai-2"},
			[]auth.Membership{{AgencyID: skhcn.ID, Role: auth.RoleViewer}, {AgencyID: stttt.ID, Role: auth.RoleViewer}, {AgencyID: stttt.ID, Role: auth.RoleLeader}})
		if err != nil {
			t.Fatal(err)
		}

		merged := day(2025, time.March, 1)
		if err := f.s.Merge(ctx, stttt.ID, 1, skhcn.ID, merged, "Hợp nhất theo Nghị quyết"); err != nil {
			t.Fatal(err)
		}

		old := f.get(stttt.ID)
		if old.Active() || old.MergedInto != skhcn.ID || old.EndedOn != merged || old.RowVersion != 2 || old.Name != "Sở Thông tin và Truyền thông" {
			t.Errorf("merged agency reads %+v", old)
		}
		h := f.history(stttt.ID)
		if len(h) != 1 || h[0].Name != "Sở Thông tin và Truyền thông" || h[0].ValidTo != merged || h[0].Reason != "Hợp nhất theo Nghị quyết" {
			t.Errorf("merged agency's history %+v", h)
		}
		if p, err := f.s.AsOf(ctx, stttt.ID, day(2024, time.June, 1)); err != nil || p.Name != "Sở Thông tin và Truyền thông" {
			t.Errorf("AsOf 2024 of the merged agency: %+v, %v", p, err)
		}

		for _, c := range []*agency.Agency{pbc, tt} {
			got := f.get(c.ID)
			if got.ParentID != skhcn.ID || got.RowVersion != c.RowVersion+1 {
				t.Errorf("sub-unit %s after merge: parent %q, version %d", c.Abbr, got.ParentID, got.RowVersion)
			}
			ch := f.history(c.ID)
			if len(ch) != 2 || ch[0].ParentID != stttt.ID || ch[1].ParentID != skhcn.ID || ch[1].ValidFrom != merged ||
				!strings.Contains(ch[1].Reason, "Sáp nhập") {
				t.Errorf("sub-unit %s history %+v", c.Abbr, ch)
			}
		}
		if got := f.get(tt2.ID); got.ParentID != stttt.ID {
			t.Errorf("an already merged sub-unit was moved to %q", got.ParentID)
		}

		if u, _ := users.Get(ctx, an.ID); u.AgencyID != skhcn.ID {
			t.Errorf("user an still belongs to %q", u.AgencyID)
		}
		if u, _ := users.Get(ctx, binh.ID); u.AgencyID != skhcn.ID {
			t.Errorf("user binh belongs to %q", u.AgencyID)
		}
		if n := f.count(`SELECT COUNT(*) FROM memberships WHERE agency_id = $1`, stttt.ID); n != 0 {
			t.Errorf("%d memberships still at the merged agency", n)
		}
		want := map[string][]auth.Role{
			an.ID:   {auth.RoleAdmin, auth.RoleViewer},
			binh.ID: {auth.RoleLeader, auth.RoleViewer},
		}
		for id, roles := range want {
			ms, err := users.Memberships(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			var got []auth.Role
			for _, m := range ms {
				if m.AgencyID != skhcn.ID {
					t.Errorf("membership %+v not at the target", m)
				}
				got = append(got, m.Role)
			}
			slices.Sort(got)
			if !slices.Equal(got, roles) {
				t.Errorf("user %s roles after merge %v, want %v", id, got, roles)
			}
		}

		// The former admin of the merged agency now administers the target's subtree.
		p, err := users.Principal(ctx, an.ID)
		if err != nil {
			t.Fatal(err)
		}
		anc, _ := f.s.Ancestry(ctx, pbc.ID)
		if !auth.Can(p, auth.ActAgencyManage, anc) {
			t.Errorf("the merged agency's admin lost the sub-unit it managed")
		}
	})
}

func TestMergeRefusesItselfItsDescendantAndMergedTargets(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ubnd := f.add("Ủy ban nhân dân thành phố", "UBND", agency.KindPeoplesCommittee, nil)
		skhcn := f.add("Sở Khoa học và Công nghệ", "SKHCN", agency.KindDepartment, ubnd)
		stttt := f.add("Sở Thông tin và Truyền thông", "STTTT", agency.KindDepartment, ubnd)
		snv := f.add("Sở Nội vụ", "SNV", agency.KindDepartment, ubnd)
		vp := f.add("Văn phòng Sở", "VP", agency.KindOffice, skhcn)
		phong := f.add("Phòng Hành chính", "PHC", agency.KindDivision, vp)
		from := day(2025, time.March, 1)

		err := f.s.Merge(ctx, skhcn.ID, 1, skhcn.ID, from, "")
		wantInvalid(t, err, "target_id", "agency.merge_target_invalid")
		err = f.s.Merge(ctx, skhcn.ID, 1, "no-such-agency", from, "")
		wantInvalid(t, err, "target_id", "agency.merge_target_invalid")
		err = f.s.Merge(ctx, skhcn.ID, 1, vp.ID, from, "")
		wantInvalid(t, err, "target_id", "agency.merge_into_descendant")
		err = f.s.Merge(ctx, skhcn.ID, 1, phong.ID, from, "")
		wantInvalid(t, err, "target_id", "agency.merge_into_descendant")

		f.merge(stttt, snv, from)
		err = f.s.Merge(ctx, skhcn.ID, 1, stttt.ID, from.AddDays(1), "")
		wantInvalid(t, err, "target_id", "agency.merge_target_merged")
		// Merging twice: the merged agency is read-only.
		err = f.s.Merge(ctx, stttt.ID, 2, skhcn.ID, from.AddDays(1), "")
		wantInvalid(t, err, "", "agency.merged_readonly")

		if got := f.get(skhcn.ID); !got.Active() || got.RowVersion != 1 {
			t.Errorf("refused merges changed the agency: %+v", got)
		}
		if got := f.get(vp.ID); got.ParentID != skhcn.ID {
			t.Errorf("refused merges moved a sub-unit to %q", got.ParentID)
		}
	})
}

func TestMergeRefusesWhenASubUnitsAbbreviationIsTakenAtTheTarget(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ubnd := f.add("Ủy ban nhân dân thành phố", "UBND", agency.KindPeoplesCommittee, nil)
		skhcn := f.add("Sở Khoa học và Công nghệ", "SKHCN", agency.KindDepartment, ubnd)
		stttt := f.add("Sở Thông tin và Truyền thông", "STTTT", agency.KindDepartment, ubnd)
		f.add("Văn phòng Sở", "VP", agency.KindOffice, skhcn)
		vpTT := f.add("Văn phòng Sở", "VP", agency.KindOffice, stttt)
		from := day(2025, time.March, 1)

		err := f.s.Merge(ctx, stttt.ID, 1, skhcn.ID, from, "")
		wantInvalid(t, err, "target_id", "agency.abbr_taken")
		if got := f.get(stttt.ID); !got.Active() {
			t.Errorf("a refused merge ended the agency")
		}
		if got, err := f.s.ByAbbr(ctx, "SKHCN/VP"); err != nil || got.ParentID != skhcn.ID {
			t.Errorf("SKHCN/VP after a refused merge: %v, %v", got, err)
		}

		// Once the two offices are one, the departments merge.
		f.merge(vpTT, f.get(f.mustByAbbr("SKHCN/VP").ID), from)
		if err := f.s.Merge(ctx, stttt.ID, 1, skhcn.ID, from, ""); err != nil {
			t.Fatal(err)
		}
	})
}

func (f *fixture) mustByAbbr(path string) *agency.Agency {
	f.t.Helper()
	a, err := f.s.ByAbbr(ctx, path)
	if err != nil {
		f.t.Fatalf("ByAbbr %s: %v", path, err)
	}
	return a
}

func TestMergeIntoTheParentKeepsTheSubUnitsInTheTree(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		skhcn := f.add("Sở Khoa học và Công nghệ", "SKHCN", agency.KindDepartment, nil)
		cc := f.add("Chi cục Tiêu chuẩn Đo lường Chất lượng", "CCTĐC", agency.KindSubDepartment, skhcn)
		phong := f.add("Phòng Quản lý Đo lường", "PĐL", agency.KindDivision, cc)
		f.merge(cc, skhcn, day(2025, time.July, 1))
		if got := f.get(phong.ID); got.ParentID != skhcn.ID {
			t.Errorf("the division of a merged sub-department sits under %q", got.ParentID)
		}
		sub, err := f.s.Subtree(ctx, skhcn.ID)
		if err != nil || !slices.Contains(sub, phong.ID) {
			t.Errorf("subtree %v, %v", sub, err)
		}
	})
}

func TestMergedAgencyIsReadOnlyButStillReadable(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ubnd := f.add("Ủy ban nhân dân thành phố", "UBND", agency.KindPeoplesCommittee, nil)
		skhcn := f.add("Sở Khoa học và Công nghệ", "SKHCN", agency.KindDepartment, ubnd)
		stttt := f.add("Sở Thông tin và Truyền thông", "STTTT", agency.KindDepartment, ubnd)
		snv := f.add("Sở Nội vụ", "SNV", agency.KindDepartment, ubnd)
		f.merge(stttt, skhcn, day(2025, time.March, 1))

		_, err := f.s.Update(ctx, stttt.ID, 2, agency.Input{Name: "Sở mới", Abbr: "SM", Kind: agency.KindDepartment})
		wantInvalid(t, err, "", "agency.merged_readonly")
		_, err = f.s.Move(ctx, stttt.ID, 2, snv.ID, day(2025, time.April, 1), "")
		wantInvalid(t, err, "", "agency.merged_readonly")
		err = f.s.Merge(ctx, stttt.ID, 2, snv.ID, day(2025, time.April, 1), "")
		wantInvalid(t, err, "", "agency.merged_readonly")

		got := f.get(stttt.ID)
		if got.Name != "Sở Thông tin và Truyền thông" || got.MergedInto != skhcn.ID || got.RowVersion != 2 {
			t.Errorf("merged agency reads %+v", got)
		}
		all, err := f.s.All(ctx)
		if err != nil || len(all) != 4 {
			t.Errorf("All should list merged agencies too: %d, %v", len(all), err)
		}
		if n, err := f.s.Count(ctx); err != nil || n != 4 {
			t.Errorf("Count %d, %v", n, err)
		}
	})
}

func TestStaleRowVersionIsRefused(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ubnd := f.add("Ủy ban nhân dân thành phố", "UBND", agency.KindPeoplesCommittee, nil)
		skhcn := f.add("Sở Khoa học và Công nghệ", "SKHCN", agency.KindDepartment, ubnd)
		snv := f.add("Sở Nội vụ", "SNV", agency.KindDepartment, ubnd)
		vp := f.add("Văn phòng Sở", "VP", agency.KindOffice, skhcn)

		// Someone else saves first: the version the form holds is now stale.
		if _, err := f.s.Update(ctx, vp.ID, 1, agency.Input{Name: "Văn phòng Sở KH&CN", Abbr: "VP", Kind: agency.KindOffice}); err != nil {
			t.Fatal(err)
		}
		_, err := f.s.Update(ctx, vp.ID, 1, agency.Input{Name: "Văn phòng", Abbr: "VP", Kind: agency.KindOffice})
		if !errors.Is(err, agency.ErrStale) {
			t.Errorf("Update with a stale version: want ErrStale, got %v", err)
		}
		_, err = f.s.Move(ctx, vp.ID, 1, snv.ID, day(2024, time.January, 1), "")
		if !errors.Is(err, agency.ErrStale) {
			t.Errorf("Move with a stale version: want ErrStale, got %v", err)
		}
		err = f.s.Merge(ctx, vp.ID, 1, snv.ID, day(2024, time.January, 1), "")
		if !errors.Is(err, agency.ErrStale) {
			t.Errorf("Merge with a stale version: want ErrStale, got %v", err)
		}
		_, err = f.s.Update(ctx, vp.ID, 3, agency.Input{Name: "Văn phòng", Abbr: "VP", Kind: agency.KindOffice})
		if !errors.Is(err, agency.ErrStale) {
			t.Errorf("Update with a future version: want ErrStale, got %v", err)
		}
		if got := f.get(vp.ID); got.Name != "Văn phòng Sở KH&CN" || got.ParentID != skhcn.ID || !got.Active() || got.RowVersion != 2 {
			t.Errorf("stale writes changed the agency: %+v", got)
		}
		_, err = f.s.Update(ctx, "no-such-agency", 1, agency.Input{Name: "X", Abbr: "X", Kind: agency.KindOffice})
		if !errors.Is(err, store.ErrNotFound) {
			t.Errorf("Update of an unknown agency: want ErrNotFound, got %v", err)
		}
	})
}

func TestValidationErrorNamesEveryBadField(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		_, err := f.s.Create(ctx, agency.Input{Name: strings.Repeat("Sở ", 100), ShortName: strings.Repeat("x", 101), Abbr: "A B",
			Kind: agency.KindDepartment, ElectronicID: "bad", ParentID: "nope"})
		var ve *valid.Error
		if !errors.As(err, &ve) {
			t.Fatalf("want a validation error, got %v", err)
		}
		for _, field := range []string{"name", "short_name", "abbr", "electronic_id", "parent_id"} {
			if !ve.Fields.Has(field) {
				t.Errorf("field %s not reported; got %v", field, ve.Fields)
			}
		}
		if !strings.Contains(err.Error(), "không hợp lệ") {
			t.Errorf("message %q", err.Error())
		}
	})
}

func TestMergeDatedBeforeTheLatestChangeIsRefused(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		skhcn := f.add("Sở Khoa học và Công nghệ", "SKHCN", agency.KindDepartment, nil)
		stttt := f.add("Sở Bưu chính Viễn thông", "SBCVT", agency.KindDepartment, nil)
		renamed := day(2024, time.June, 1)
		if _, err := f.s.Update(ctx, stttt.ID, 1, agency.Input{Name: "Sở Thông tin và Truyền thông", Abbr: "STTTT", Kind: agency.KindDepartment, From: renamed}); err != nil {
			t.Fatal(err)
		}
		// Ending before the current name began would leave a period that ends before it starts.
		err := f.s.Merge(ctx, stttt.ID, 2, skhcn.ID, renamed.AddDays(-1), "")
		wantInvalid(t, err, "from", "agency.from_before_last")
		if got := f.get(stttt.ID); !got.Active() {
			t.Errorf("a refused merge ended the agency on %v", got.EndedOn)
		}
		if err := f.s.Merge(ctx, stttt.ID, 2, skhcn.ID, renamed.AddDays(1), ""); err != nil {
			t.Fatal(err)
		}
		for _, p := range f.history(stttt.ID) {
			if !p.ValidTo.IsZero() && p.ValidTo.Before(p.ValidFrom) {
				t.Errorf("period %s ends before it starts: %v to %v", p.Name, p.ValidFrom, p.ValidTo)
			}
		}
	})
}
