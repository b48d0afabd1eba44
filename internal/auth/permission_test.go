package auth_test

import (
	"slices"
	"testing"

	"loa/internal/agency"
	"loa/internal/auth"
	"loa/internal/store"
	"loa/internal/store/storetest"
)

// The tree the permission tests use, as ancestries (the agency first, up to the root):
//
//	ubnd
//	├── skhcn
//	│   └── vp
//	│       └── phong
//	└── stc
var (
	ancUBND  = []string{"ubnd"}
	ancSKHCN = []string{"skhcn", "ubnd"}
	ancVP    = []string{"vp", "skhcn", "ubnd"}
	ancPhong = []string{"phong", "vp", "skhcn", "ubnd"}
	ancSTC   = []string{"stc", "ubnd"}
)

func principal(roles ...auth.Membership) *auth.Principal {
	return &auth.Principal{User: &auth.User{ID: "u1", Username: "an"}, Memberships: roles}
}

func TestRoleAtAnAgencyReachesItsWholeSubtreeOnly(t *testing.T) {
	admin := principal(auth.Membership{AgencyID: "skhcn", Role: auth.RoleAdmin})
	for _, c := range []struct {
		where []string
		want  bool
	}{
		{ancSKHCN, true},
		{ancVP, true},
		{ancPhong, true},
		{ancUBND, false}, // its parent
		{ancSTC, false},  // a sibling
	} {
		for _, act := range []auth.Action{auth.ActView, auth.ActAgencyManage, auth.ActUserManage, auth.ActAuditView} {
			if got := auth.Can(admin, act, c.where); got != c.want {
				t.Errorf("admin at skhcn: Can %s at %s = %v, want %v", act, c.where[0], got, c.want)
			}
		}
	}
}

func TestOnlyAdminsManage(t *testing.T) {
	for _, role := range []auth.Role{auth.RoleOffice, auth.RoleUnit, auth.RoleLeader, auth.RoleEditor, auth.RoleViewer} {
		p := principal(auth.Membership{AgencyID: "ubnd", Role: role})
		if !auth.Can(p, auth.ActView, ancPhong) {
			t.Errorf("%s at the root cannot view a division", role)
		}
		for _, act := range []auth.Action{auth.ActAgencyManage, auth.ActUserManage, auth.ActAuditView} {
			if auth.Can(p, act, ancPhong) || auth.Can(p, act, nil) {
				t.Errorf("%s may %s", role, act)
			}
		}
	}
}

func TestPublicIsForEverybodyAndSignedInForAnyAccount(t *testing.T) {
	noRoles := principal()
	for name, p := range map[string]*auth.Principal{"nil": nil, "anonymous": auth.Anonymous, "no roles": noRoles} {
		if !auth.Can(p, auth.ActPublic, nil) || !auth.Can(p, auth.ActPublic, ancSTC) {
			t.Errorf("%s principal cannot do a public action", name)
		}
	}
	if !auth.Can(noRoles, auth.ActSignedIn, nil) || !auth.Can(noRoles, auth.ActSignedIn, ancSTC) {
		t.Error("a signed-in user without roles cannot do a signed-in action")
	}
	for name, p := range map[string]*auth.Principal{"nil": nil, "anonymous": auth.Anonymous} {
		if auth.Can(p, auth.ActSignedIn, nil) || auth.Can(p, auth.ActView, nil) || auth.Can(p, auth.ActView, ancUBND) {
			t.Errorf("%s principal may act as a signed-in user", name)
		}
		if p.SignedIn() || p.HasRole(auth.RoleViewer) || auth.Reach(p, auth.ActView) != nil {
			t.Errorf("%s principal looks signed in", name)
		}
	}
	if auth.Can(noRoles, auth.ActView, nil) {
		t.Error("a user without roles may view")
	}
}

func TestDisabledUserCanDoNothing(t *testing.T) {
	p := principal(auth.Membership{AgencyID: "ubnd", Role: auth.RoleAdmin})
	p.User.Disabled = true
	for _, act := range []auth.Action{auth.ActSignedIn, auth.ActView, auth.ActAgencyManage, auth.ActUserManage, auth.ActAuditView} {
		if auth.Can(p, act, ancUBND) || auth.Can(p, act, nil) {
			t.Errorf("disabled admin may %s", act)
		}
	}
	if r := auth.Reach(p, auth.ActView); r != nil {
		t.Errorf("disabled admin reaches %v", r)
	}
	if !auth.Can(p, auth.ActPublic, nil) {
		t.Error("public pages are for everybody, a disabled user too")
	}
}

func TestNilAncestryMeansAnywhere(t *testing.T) {
	admin := principal(auth.Membership{AgencyID: "phong", Role: auth.RoleAdmin})
	viewer := principal(auth.Membership{AgencyID: "ubnd", Role: auth.RoleViewer})
	if !auth.Can(admin, auth.ActUserManage, nil) {
		t.Error("an admin of one division may manage users somewhere")
	}
	if auth.Can(viewer, auth.ActUserManage, nil) {
		t.Error("a viewer of the whole city may manage users nowhere")
	}
	// An empty, non-nil ancestry is an agency with no chain at all: nowhere.
	if auth.Can(admin, auth.ActUserManage, []string{}) {
		t.Error("an empty ancestry should match no membership")
	}
}

func TestReachListsTheRootsOfTheSubtreesAUserMayActIn(t *testing.T) {
	p := principal(
		auth.Membership{AgencyID: "skhcn", Role: auth.RoleAdmin},
		auth.Membership{AgencyID: "skhcn", Role: auth.RoleViewer},
		auth.Membership{AgencyID: "stc", Role: auth.RoleLeader},
	)
	if got := auth.Reach(p, auth.ActAgencyManage); !slices.Equal(got, []string{"skhcn"}) {
		t.Errorf("Reach manage %v", got)
	}
	if got := auth.Reach(p, auth.ActView); !slices.Equal(got, []string{"skhcn", "stc"}) {
		t.Errorf("Reach view %v (each agency once)", got)
	}
	if got := auth.Reach(p, auth.ActAuditView); !slices.Equal(got, []string{"skhcn"}) {
		t.Errorf("Reach audit %v", got)
	}
	if got := auth.Reach(principal(), auth.ActView); len(got) != 0 {
		t.Errorf("a user without roles reaches %v", got)
	}
	if !p.HasRole(auth.RoleLeader) || p.HasRole(auth.RoleEditor) {
		t.Error("HasRole")
	}
}

func TestRolesAreKnownByName(t *testing.T) {
	for _, r := range auth.Roles {
		if !r.Valid() || r.Label() != "role."+string(r) {
			t.Errorf("role %q: valid %v, label %q", r, r.Valid(), r.Label())
		}
	}
	if auth.Role("superuser").Valid() || auth.Role("").Valid() {
		t.Error("an unknown role is valid")
	}
}

func TestPermissionFollowsTheAgencyTreeInTheDatabase(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ubnd := f.agency("Ủy ban nhân dân thành phố", "UBND", agency.KindPeoplesCommittee, nil)
		skhcn := f.agency("Sở Khoa học và Công nghệ", "SKHCN", agency.KindDepartment, ubnd)
		stc := f.agency("Sở Tài chính", "STC", agency.KindDepartment, ubnd)
		vp := f.agency("Văn phòng Sở", "VP", agency.KindOffice, skhcn)
		u := f.user("quantri.skhcn", "mat-khau-rat-dai", vp.ID, auth.Membership{AgencyID: skhcn.ID, Role: auth.RoleAdmin})
		p, err := f.users.Principal(ctx, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			a    *agency.Agency
			want bool
		}{{skhcn, true}, {vp, true}, {ubnd, false}, {stc, false}} {
			anc, err := f.agencies.Ancestry(ctx, c.a.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got := auth.Can(p, auth.ActAgencyManage, anc); got != c.want {
				t.Errorf("admin of SKHCN may manage %s: %v, want %v", c.a.Abbr, got, c.want)
			}
		}
	})
}
