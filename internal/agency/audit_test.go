package agency_test

import (
	"encoding/json"
	"testing"
	"time"

	"loa/internal/agency"
	"loa/internal/audit"
	"loa/internal/store"
	"loa/internal/store/storetest"
)

// decode reads an audited agency; "" (no JSON) gives nil.
func decode(t *testing.T, js string) *agency.Agency {
	t.Helper()
	if js == "" {
		return nil
	}
	var a agency.Agency
	if err := json.Unmarshal([]byte(js), &a); err != nil {
		t.Fatalf("audit JSON %q: %v", js, err)
	}
	return &a
}

func oneRow(t *testing.T, rows []auditRow, action, entityID string) auditRow {
	t.Helper()
	if len(rows) != 1 {
		t.Fatalf("%s: want exactly one audit row, got %+v", action, rows)
	}
	r := rows[0]
	if r.Action != action || r.Entity != "agency" || r.EntityID != entityID {
		t.Errorf("%s: audit row %+v", action, r)
	}
	return r
}

func TestEveryAgencyWriteLeavesExactlyOneAuditRow(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		actx := audit.WithActor(ctx, audit.Actor{UserID: "", Name: "Quản trị", IP: "203.0.113.7", RequestID: "req-1"})
		ubnd := f.add("Ủy ban nhân dân thành phố", "UBND", agency.KindPeoplesCommittee, nil)
		skhcn := f.add("Sở Khoa học và Công nghệ", "SKHCN", agency.KindDepartment, ubnd)

		var a *agency.Agency
		rows := f.audited(func() {
			var err error
			a, err = f.s.Create(actx, agency.Input{Name: "Sở Thông tin và Truyền thông", Abbr: "STTTT", Kind: agency.KindDepartment, ParentID: ubnd.ID, From: start})
			if err != nil {
				t.Fatal(err)
			}
		})
		r := oneRow(t, rows, "create", a.ID)
		if r.Before != "" || decode(t, r.After).Name != "Sở Thông tin và Truyền thông" || r.AgencyID != a.ID {
			t.Errorf("create row %+v", r)
		}
		var actor, ip, reqID string
		if err := db.Read().QueryRowContext(ctx, `SELECT actor_name, ip, request_id FROM audit_log WHERE entity_id = $1`, a.ID).
			Scan(&actor, &ip, &reqID); err != nil || actor != "Quản trị" || ip != "203.0.113.7" || reqID != "req-1" {
			t.Errorf("actor of the create row: %q %q %q, %v", actor, ip, reqID, err)
		}

		rows = f.audited(func() {
			if _, err := f.s.Update(ctx, a.ID, 1, agency.Input{Name: "Sở TT và TT", Abbr: "STTTT", Kind: agency.KindDepartment, From: day(2024, time.January, 1)}); err != nil {
				t.Fatal(err)
			}
		})
		r = oneRow(t, rows, "update", a.ID)
		if b, af := decode(t, r.Before), decode(t, r.After); b == nil || af == nil ||
			b.Name != "Sở Thông tin và Truyền thông" || af.Name != "Sở TT và TT" || b.RowVersion != 1 || af.RowVersion != 2 {
			t.Errorf("update row before %s after %s", r.Before, r.After)
		}

		rows = f.audited(func() {
			if _, err := f.s.Move(ctx, a.ID, 2, skhcn.ID, day(2024, time.June, 1), ""); err != nil {
				t.Fatal(err)
			}
		})
		r = oneRow(t, rows, "move", a.ID)
		if b, af := decode(t, r.Before), decode(t, r.After); b.ParentID != ubnd.ID || af.ParentID != skhcn.ID {
			t.Errorf("move row before %s after %s", r.Before, r.After)
		}

		child := f.add("Trung tâm Công nghệ thông tin", "TTCNTT", agency.KindCentre, a)
		rows = f.audited(func() {
			if err := f.s.Merge(ctx, a.ID, 3, ubnd.ID, day(2025, time.March, 1), ""); err != nil {
				t.Fatal(err)
			}
		})
		// One row for the merge, even though it moved a sub-unit too.
		r = oneRow(t, rows, "merge", a.ID)
		b, af := decode(t, r.Before), decode(t, r.After)
		if b.MergedInto != "" || af.MergedInto != ubnd.ID || af.EndedOn != day(2025, time.March, 1) || r.AgencyID != ubnd.ID {
			t.Errorf("merge row %+v", r)
		}
		if f.get(child.ID).ParentID != ubnd.ID {
			t.Errorf("the sub-unit was not moved")
		}
	})
}

func TestRefusedAgencyWritesLeaveNoAuditRow(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ubnd := f.add("Ủy ban nhân dân thành phố", "UBND", agency.KindPeoplesCommittee, nil)
		skhcn := f.add("Sở Khoa học và Công nghệ", "SKHCN", agency.KindDepartment, ubnd)
		rows := f.audited(func() {
			_, _ = f.s.Create(ctx, agency.Input{Name: "Trùng", Abbr: "SKHCN", Kind: agency.KindDepartment, ParentID: ubnd.ID})
			_, _ = f.s.Update(ctx, skhcn.ID, 1, agency.Input{Name: "Sở mới", Abbr: "SM", Kind: agency.KindDepartment, From: start.AddDays(-1)})
			_, _ = f.s.Update(ctx, skhcn.ID, 9, agency.Input{Name: "Sở mới", Abbr: "SM", Kind: agency.KindDepartment})
			_, _ = f.s.Move(ctx, ubnd.ID, 1, skhcn.ID, day(2024, time.January, 1), "")
			_ = f.s.Merge(ctx, ubnd.ID, 1, skhcn.ID, day(2024, time.January, 1), "")
		})
		if len(rows) != 0 {
			t.Errorf("refused writes left audit rows: %+v", rows)
		}
	})
}
