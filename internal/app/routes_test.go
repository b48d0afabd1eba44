package app

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"loa/internal/store"
	"loa/internal/store/storetest"
)

// roles of the demo accounts, and "" for a visitor without an account.
var demoUsers = []string{"quantri", "vanphong", "donvi", "lanhdao", "bientap", "xem", ""}

// who lists the demo accounts a route admits.
type who []string

var (
	everyone = who{"quantri", "vanphong", "donvi", "lanhdao", "bientap", "xem", ""}
	signedIn = who{"quantri", "vanphong", "donvi", "lanhdao", "bientap", "xem"}
	admins   = who{"quantri"}
)

// TestEveryRouteAdmitsExactlyTheRolesItShould walks the whole route table with every
// demo role and checks that the guard lets through exactly the expected ones. A new
// route without a line here fails the test.
func TestEveryRouteAdmitsExactlyTheRolesItShould(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		skhcn, ttt := s.agencyID("SKHCN"), s.agencyID("SKHCN/TTTT")
		donvi := s.userID("donvi")
		// Each case gives concrete paths and a form that passes the guard but fails
		// validation, so an admitted request changes nothing for the next one.
		cases := map[string]struct {
			path string
			form url.Values
			who  who
		}{
			"GET /{$}":                            {"/", nil, signedIn},
			"GET /login":                          {"/login", nil, everyone},
			"POST /login":                         {"/login", url.Values{"username": {"x"}}, everyone},
			"POST /logout":                        {"/logout", url.Values{}, everyone},
			"POST /lang":                          {"/lang", url.Values{"to": {"vi"}}, everyone},
			"GET /account/password":               {"/account/password", nil, signedIn},
			"POST /account/password":              {"/account/password", url.Values{"new": {"a"}, "again": {"b"}}, signedIn},
			"GET /agencies":                       {"/agencies", nil, signedIn},
			"GET /agencies/search":                {"/agencies/search?q=so", nil, signedIn},
			"GET /agencies/new":                   {"/agencies/new?parent=" + skhcn, nil, admins},
			"POST /agencies":                      {"/agencies", url.Values{"parent_id": {skhcn}}, admins},
			"GET /agencies/{id}":                  {"/agencies/" + ttt, nil, signedIn},
			"GET /agencies/{id}/edit":             {"/agencies/" + ttt + "/edit", nil, admins},
			"POST /agencies/{id}":                 {"/agencies/" + ttt, url.Values{"name": {""}}, admins},
			"GET /agencies/{id}/move":             {"/agencies/" + ttt + "/move", nil, admins},
			"POST /agencies/{id}/move":            {"/agencies/" + ttt + "/move", url.Values{"from": {"not a date"}}, admins},
			"GET /agencies/{id}/merge":            {"/agencies/" + ttt + "/merge", nil, admins},
			"POST /agencies/{id}/merge":           {"/agencies/" + ttt + "/merge", url.Values{"from": {"not a date"}}, admins},
			"GET /users":                          {"/users", nil, admins},
			"GET /users/new":                      {"/users/new", nil, admins},
			"POST /users":                         {"/users", url.Values{"agency_id": {ttt}}, admins},
			"GET /users/{id}":                     {"/users/" + donvi, nil, admins},
			"POST /users/{id}":                    {"/users/" + donvi, url.Values{"full_name": {""}, "agency_id": {ttt}}, admins},
			"POST /users/{id}/roles":              {"/users/" + donvi + "/roles", url.Values{"role_agency_id": {ttt}, "role": {"nope"}}, admins},
			"POST /users/{id}/roles/{mid}/revoke": {"/users/" + donvi + "/roles/none/revoke", url.Values{}, admins},
			"POST /users/{id}/disabled":           {"/users/" + donvi + "/disabled", url.Values{"disabled": {"0"}}, admins},
			"POST /users/{id}/password":           {"/users/" + donvi + "/password", url.Values{"password": {"short"}}, admins},
			"GET /audit":                          {"/audit", nil, admins},
		}
		clients := map[string]*client{}
		for _, u := range demoUsers {
			if u == "" {
				clients[u] = s.anonymous()
			} else {
				clients[u] = s.as(u)
			}
		}
		for _, rt := range s.app.Routes() {
			key := rt.Method + " " + rt.Pattern
			c, ok := cases[key]
			if !ok {
				t.Errorf("route %s has no line in the role test", key)
				continue
			}
			delete(cases, key)
			for _, u := range demoUsers {
				if key == "POST /logout" && u != "" {
					continue // signing out would end the session the other lines use
				}
				var res response
				if rt.Method == "GET" {
					res = clients[u].get(c.path)
				} else {
					res = clients[u].post(c.path, c.form)
				}
				admitted := res.status != http.StatusForbidden && !strings.HasPrefix(res.location, "/login")
				if key == "POST /login" || key == "GET /login" || key == "POST /logout" {
					admitted = res.status != http.StatusForbidden
				}
				want := false
				for _, w := range c.who {
					if w == u {
						want = true
					}
				}
				if admitted != want || res.status >= 500 {
					t.Errorf("%s as %q: status %d (location %q), want admitted=%v", key, u, res.status, res.location, want)
				}
			}
		}
		for key := range cases {
			t.Errorf("role test names %s, which is not a route", key)
		}
	})
}

func TestAnAdminOfADepartmentManagesItsSubtreeOnly(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		admin := s.as("quantri")
		// Give the office specialist the admin role at the department only.
		res := admin.post("/users/"+s.userID("vanphong")+"/roles", url.Values{"role": {"admin"}, "role_agency_id": {s.agencyID("SKHCN")}})
		if res.status != http.StatusSeeOther {
			t.Fatalf("grant: %d %s", res.status, res.body)
		}
		vp := s.as("vanphong")
		if got := vp.get("/agencies/" + s.agencyID("SKHCN/TTTT") + "/edit").status; got != http.StatusOK {
			t.Errorf("department admin editing its centre: %d", got)
		}
		if got := vp.get("/agencies/" + s.agencyID("SNV") + "/edit").status; got != http.StatusForbidden {
			t.Errorf("department admin editing another department: %d", got)
		}
		if got := vp.get("/agencies/new").status; got != http.StatusForbidden {
			t.Errorf("department admin adding a top-level agency: %d", got)
		}
		list := vp.get("/users").body
		if !strings.Contains(list, "donvi") || strings.Contains(list, "quantri") {
			t.Errorf("department admin should list the department's users only")
		}
	})
}
