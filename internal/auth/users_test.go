package auth_test

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
	"loa/internal/vn"
)

func TestCreateStoresTheUserAndTheRolesGiven(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		skhcn := f.agency("Sở Khoa học và Công nghệ", "SKHCN", agency.KindDepartment, nil)
		vp := f.agency("Văn phòng Sở", "VP", agency.KindOffice, skhcn)
		u, err := f.users.Create(ctx, auth.UserInput{Username: "  Thu.Ha ", FullName: " Nguyễn  Thị Thu Hà ", Email: " ha@example.vn ",
			JobTitle: "Chuyên viên", AgencyID: vp.ID, Password: "Mat-khau-cua-Ha"},
			[]auth.Membership{{AgencyID: skhcn.ID, Role: auth.RoleOffice}, {AgencyID: vp.ID, Role: auth.RoleViewer}})
		if err != nil {
			t.Fatal(err)
		}
		if u.Username != "thu.ha" || u.FullName != "Nguyễn Thị Thu Hà" || u.Email != "ha@example.vn" || u.RowVersion != 1 {
			t.Errorf("created %+v", u)
		}
		got, err := f.users.ByUsername(ctx, "THU.HA")
		if err != nil {
			t.Fatal(err)
		}
		if got.ID != u.ID || got.AgencyID != vp.ID || got.JobTitle != "Chuyên viên" || got.Disabled || got.LastLoginAt != nil ||
			!got.CreatedAt.Equal(u.CreatedAt) {
			t.Errorf("read back %+v", got)
		}

		p, err := f.users.Principal(ctx, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		if p.User.ID != u.ID || len(p.Memberships) != 2 || p.Memberships[0].AgencyID != skhcn.ID || p.Memberships[0].Role != auth.RoleOffice ||
			p.Memberships[1].Role != auth.RoleViewer || p.Memberships[0].UserID != u.ID || p.Memberships[0].ID == "" {
			t.Errorf("principal memberships %+v", p.Memberships)
		}
		if _, err := f.users.Principal(ctx, "no-such-user"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("Principal of an unknown user: want ErrNotFound, got %v", err)
		}
		if _, err := f.users.Get(ctx, "no-such-user"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("Get of an unknown user: want ErrNotFound, got %v", err)
		}
	})
}

func TestCreateRefusesATakenUsername(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		skhcn := f.agency("Sở Khoa học và Công nghệ", "SKHCN", agency.KindDepartment, nil)
		f.user("nguyenvanan", "mat-khau-cua-an", skhcn.ID)
		_, err := f.users.Create(ctx, auth.UserInput{Username: "NguyenVanAn", FullName: "Nguyễn Văn An (2)", AgencyID: skhcn.ID, Password: "mat-khau-khac-1"},
			[]auth.Membership{{AgencyID: skhcn.ID, Role: auth.RoleViewer}})
		wantInvalid(t, err, "username", "auth.username_taken")
		if n := f.count(`SELECT COUNT(*) FROM users`); n != 1 {
			t.Errorf("%d users after a refused duplicate", n)
		}
		if n := f.count(`SELECT COUNT(*) FROM memberships`); n != 0 {
			t.Errorf("the refused user's role was stored")
		}
		if n := f.count(`SELECT COUNT(*) FROM audit_log WHERE entity = 'user'`); n != 1 {
			t.Errorf("want the one audit row of the first user, got %d", n)
		}
		// The first account still signs in with its own password.
		if _, err := f.users.Authenticate(ctx, "nguyenvanan", "mat-khau-cua-an"); err != nil {
			t.Errorf("the first account no longer signs in: %v", err)
		}
	})
}

func TestCreateRefusesAnUnknownOrMergedAgency(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		skhcn := f.agency("Sở Khoa học và Công nghệ", "SKHCN", agency.KindDepartment, nil)
		stttt := f.agency("Sở Thông tin và Truyền thông", "STTTT", agency.KindDepartment, nil)
		if err := f.agencies.Merge(ctx, stttt.ID, 1, skhcn.ID, vn.Date{Year: 2025, Month: time.March, Day: 1}, ""); err != nil {
			t.Fatal(err)
		}
		_, err := f.users.Create(ctx, auth.UserInput{Username: "binh", FullName: "Trần Bình", AgencyID: "no-such-agency", Password: "mat-khau-binh"}, nil)
		wantInvalid(t, err, "agency_id", "agency.parent_missing")
		_, err = f.users.Create(ctx, auth.UserInput{Username: "binh", FullName: "Trần Bình", AgencyID: stttt.ID, Password: "mat-khau-binh"}, nil)
		wantInvalid(t, err, "agency_id", "agency.parent_merged")
		_, err = f.users.Create(ctx, auth.UserInput{Username: "binh", FullName: "Trần Bình", AgencyID: skhcn.ID, Password: "mat-khau-binh"},
			[]auth.Membership{{AgencyID: "no-such-agency", Role: auth.RoleViewer}})
		wantInvalid(t, err, "role_agency_id", "agency.parent_missing")
		if n := f.count(`SELECT COUNT(*) FROM users`); n != 0 {
			t.Errorf("refused users were stored: %d", n)
		}
	})
}

func TestCreateChecksTheForm(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		skhcn := f.agency("Sở Khoa học và Công nghệ", "SKHCN", agency.KindDepartment, nil)
		_, err := f.users.Create(ctx, auth.UserInput{Password: "mat-khau-du-dai"}, nil)
		wantInvalid(t, err, "username", "valid.required")
		wantInvalid(t, err, "full_name", "valid.required")
		wantInvalid(t, err, "agency_id", "valid.required")
		for _, name := range []string{"a", "nguyễn", "an binh", ".an", "an@binh", strings.Repeat("a", 65)} {
			_, err := f.users.Create(ctx, auth.UserInput{Username: name, FullName: "An", AgencyID: skhcn.ID, Password: "mat-khau-du-dai"}, nil)
			wantInvalid(t, err, "username", "auth.username_format")
		}
		_, err = f.users.Create(ctx, auth.UserInput{Username: "an", FullName: "An", Email: "an.example.vn", AgencyID: skhcn.ID, Password: "mat-khau-du-dai"}, nil)
		wantInvalid(t, err, "email", "auth.email_format")
	})
}

func TestPasswordRulesApplyWhenCreatingAndWhenSetting(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		skhcn := f.agency("Sở Khoa học và Công nghệ", "SKHCN", agency.KindDepartment, nil)
		cases := []struct{ password, key string }{
			{"ngan-qua", "auth.password_short"},          // 8 characters
			{"Mật khẩu", "auth.password_short"},          // 8 letters, more bytes
			{"NguyenVanAn", "auth.password_is_username"}, // the username in other case
			{strings.Repeat("x", 201), "auth.password_long"},
		}
		for _, c := range cases {
			_, err := f.users.Create(ctx, auth.UserInput{Username: "nguyenvanan", FullName: "Nguyễn Văn An", AgencyID: skhcn.ID, Password: c.password}, nil)
			wantInvalid(t, err, "password", c.key)
		}
		u := f.user("nguyenvanan", "mat-khau-ban-dau", skhcn.ID)
		for _, c := range cases {
			wantInvalid(t, f.users.SetPassword(ctx, u.ID, c.password), "password", c.key)
		}
		if _, err := f.users.Authenticate(ctx, "nguyenvanan", "mat-khau-ban-dau"); err != nil {
			t.Errorf("refused new passwords replaced the old one: %v", err)
		}
		// Ten characters are enough, however many bytes their diacritics take.
		if err := f.users.SetPassword(ctx, u.ID, "Mật khẩu 1"); err != nil {
			t.Fatalf("a ten-character password refused: %v", err)
		}
		if _, err := f.users.Authenticate(ctx, "nguyenvanan", "Mật khẩu 1"); err != nil {
			t.Errorf("the new password does not sign in: %v", err)
		}
		if _, err := f.users.Authenticate(ctx, "nguyenvanan", "mat-khau-ban-dau"); !errors.Is(err, auth.ErrBadCredentials) {
			t.Errorf("the old password still signs in: %v", err)
		}
		if err := f.users.SetPassword(ctx, "no-such-user", "mat-khau-du-dai"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("SetPassword of an unknown user: want ErrNotFound, got %v", err)
		}
	})
}

func TestUpdateChangesDetailsAndRefusesAStaleVersion(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		skhcn := f.agency("Sở Khoa học và Công nghệ", "SKHCN", agency.KindDepartment, nil)
		stc := f.agency("Sở Tài chính", "STC", agency.KindDepartment, nil)
		u := f.user("an", "mat-khau-cua-an", skhcn.ID)
		got, err := f.users.Update(ctx, u.ID, 1, auth.UserInput{Username: "ignored", FullName: "Nguyễn Văn An", Email: "an@stc.vn", AgencyID: stc.ID})
		if err != nil {
			t.Fatal(err)
		}
		if got.Username != "an" || got.AgencyID != stc.ID || got.RowVersion != 2 {
			t.Errorf("after update %+v", got)
		}
		_, err = f.users.Update(ctx, u.ID, 1, auth.UserInput{FullName: "An", AgencyID: skhcn.ID})
		if !errors.Is(err, auth.ErrStale) {
			t.Errorf("stale update: want ErrStale, got %v", err)
		}
		_, err = f.users.Update(ctx, u.ID, 2, auth.UserInput{FullName: "An", AgencyID: "no-such-agency"})
		wantInvalid(t, err, "agency_id", "agency.parent_missing")
		if back, _ := f.users.Get(ctx, u.ID); back.FullName != "Nguyễn Văn An" || back.AgencyID != stc.ID {
			t.Errorf("refused updates changed the user: %+v", back)
		}
	})
}

func TestGrantTwiceIsRefused(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		skhcn := f.agency("Sở Khoa học và Công nghệ", "SKHCN", agency.KindDepartment, nil)
		stc := f.agency("Sở Tài chính", "STC", agency.KindDepartment, nil)
		u := f.user("an", "mat-khau-cua-an", skhcn.ID)
		if err := f.users.Grant(ctx, auth.Membership{UserID: u.ID, AgencyID: skhcn.ID, Role: auth.RoleLeader}); err != nil {
			t.Fatal(err)
		}
		err := f.users.Grant(ctx, auth.Membership{UserID: u.ID, AgencyID: skhcn.ID, Role: auth.RoleLeader})
		wantInvalid(t, err, "role", "auth.role_exists")
		// Another role at the same agency, or the same role elsewhere, is fine.
		if err := f.users.Grant(ctx, auth.Membership{UserID: u.ID, AgencyID: skhcn.ID, Role: auth.RoleViewer}); err != nil {
			t.Error(err)
		}
		if err := f.users.Grant(ctx, auth.Membership{UserID: u.ID, AgencyID: stc.ID, Role: auth.RoleLeader}); err != nil {
			t.Error(err)
		}
		err = f.users.Grant(ctx, auth.Membership{UserID: u.ID, AgencyID: skhcn.ID, Role: "superuser"})
		wantInvalid(t, err, "role", "auth.role_invalid")
		err = f.users.Grant(ctx, auth.Membership{UserID: u.ID, AgencyID: "no-such-agency", Role: auth.RoleViewer})
		wantInvalid(t, err, "role_agency_id", "agency.parent_missing")
		ms, err := f.users.Memberships(ctx, u.ID)
		if err != nil || len(ms) != 3 {
			t.Errorf("memberships %+v, %v", ms, err)
		}
		if n := f.count(`SELECT COUNT(*) FROM audit_log WHERE entity = 'membership' AND action = 'grant'`); n != 3 {
			t.Errorf("%d grant audit rows, want 3", n)
		}
	})
}

func TestRevokeRemovesTheRole(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		skhcn := f.agency("Sở Khoa học và Công nghệ", "SKHCN", agency.KindDepartment, nil)
		u := f.user("an", "mat-khau-cua-an", skhcn.ID,
			auth.Membership{AgencyID: skhcn.ID, Role: auth.RoleAdmin}, auth.Membership{AgencyID: skhcn.ID, Role: auth.RoleViewer})
		p, _ := f.users.Principal(ctx, u.ID)
		if !auth.Can(p, auth.ActUserManage, []string{skhcn.ID}) {
			t.Fatal("admin cannot manage users before the revoke")
		}
		var adminID string
		for _, m := range p.Memberships {
			if m.Role == auth.RoleAdmin {
				adminID = m.ID
			}
		}
		if err := f.users.Revoke(ctx, adminID); err != nil {
			t.Fatal(err)
		}
		p, _ = f.users.Principal(ctx, u.ID)
		if len(p.Memberships) != 1 || p.Memberships[0].Role != auth.RoleViewer {
			t.Errorf("after revoke %+v", p.Memberships)
		}
		if auth.Can(p, auth.ActUserManage, []string{skhcn.ID}) || !auth.Can(p, auth.ActView, []string{skhcn.ID}) {
			t.Error("revoking admin should leave viewing only")
		}
		if err := f.users.Revoke(ctx, adminID); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("revoking twice: want ErrNotFound, got %v", err)
		}
		// The role can be given again.
		if err := f.users.Grant(ctx, auth.Membership{UserID: u.ID, AgencyID: skhcn.ID, Role: auth.RoleAdmin}); err != nil {
			t.Errorf("grant after revoke: %v", err)
		}
		if n := f.count(`SELECT COUNT(*) FROM audit_log WHERE entity = 'membership' AND action = 'revoke' AND entity_id = $1`, adminID); n != 1 {
			t.Errorf("%d revoke audit rows, want 1", n)
		}
	})
}

func TestListFiltersByAgency(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		skhcn := f.agency("Sở Khoa học và Công nghệ", "SKHCN", agency.KindDepartment, nil)
		stc := f.agency("Sở Tài chính", "STC", agency.KindDepartment, nil)
		f.user("binh", "mat-khau-binh-1", skhcn.ID)
		f.user("an", "mat-khau-cua-an", skhcn.ID)
		f.user("chi", "mat-khau-cua-chi", stc.ID)
		usernames := func(us []*auth.User) string {
			var out []string
			for _, u := range us {
				out = append(out, u.Username)
			}
			return strings.Join(out, ",")
		}
		all, err := f.users.List(ctx, nil)
		if err != nil || usernames(all) != "an,binh,chi" {
			t.Errorf("List all: %s, %v", usernames(all), err)
		}
		some, _ := f.users.List(ctx, []string{skhcn.ID})
		if usernames(some) != "an,binh" {
			t.Errorf("List SKHCN: %s", usernames(some))
		}
		if none, _ := f.users.List(ctx, []string{}); len(none) != 0 {
			t.Errorf("List of no agencies: %s", usernames(none))
		}
		if n, _ := f.users.Count(ctx); n != 3 {
			t.Errorf("Count %d", n)
		}
	})
}

func TestAccountWritesAreAuditedWithoutThePasswordHash(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		skhcn := f.agency("Sở Khoa học và Công nghệ", "SKHCN", agency.KindDepartment, nil)
		u := f.user("an", "mat-khau-cua-an", skhcn.ID, auth.Membership{AgencyID: skhcn.ID, Role: auth.RoleViewer})
		if err := f.users.SetPassword(ctx, u.ID, "mat-khau-moi-cua-an"); err != nil {
			t.Fatal(err)
		}
		rows, err := db.Read().QueryContext(ctx, `SELECT action, entity, entity_id, COALESCE(agency_id, ''), COALESCE(before_json, ''),
			COALESCE(after_json, '') FROM audit_log ORDER BY id`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var got []string
		for rows.Next() {
			var action, entity, id, agencyID, before, after string
			if err := rows.Scan(&action, &entity, &id, &agencyID, &before, &after); err != nil {
				t.Fatal(err)
			}
			if entity == "agency" {
				continue
			}
			got = append(got, entity+" "+action)
			if agencyID != skhcn.ID {
				t.Errorf("%s %s logged for agency %q, want SKHCN so its admins see it", entity, action, agencyID)
			}
			for _, js := range []string{before, after} {
				if strings.Contains(js, "argon2") || strings.Contains(js, "mat-khau") {
					t.Errorf("%s %s logs a password or its hash: %s", entity, action, js)
				}
			}
			if entity == "user" && action == "create" && (before != "" || !strings.Contains(after, `"username":"an"`) || id != u.ID) {
				t.Errorf("user create row: before %q after %q", before, after)
			}
		}
		slices.Sort(got)
		if want := "membership grant,user create,user set_password"; strings.Join(got, ",") != want {
			t.Errorf("audit rows %q, want %q", strings.Join(got, ","), want)
		}
	})
}
