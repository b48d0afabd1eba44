package app

import (
	"net/http"
	"net/url"

	"loa/internal/auth"
	"loa/internal/store"
	"loa/internal/web"
)

// Route is one line of the site's route table: who may call it is the Action, at the
// agency Scope names (nil: anywhere the user holds the action).
type Route struct {
	Method  string
	Pattern string
	Action  auth.Action
	Scope   func(a *App, r *http.Request) (string, error)
	Handler http.HandlerFunc
}

// Routes is the whole site: every page and form, with the permission it needs.
func (a *App) Routes() []Route {
	au, ag, ad := a.authHTTP, a.agencyHTTP, a.adminHTTP
	return []Route{
		{"GET", "/{$}", auth.ActSignedIn, nil, a.home},
		{"GET", "/login", auth.ActPublic, nil, au.LoginPage},
		{"POST", "/login", auth.ActPublic, nil, au.Login},
		{"POST", "/logout", auth.ActPublic, nil, au.Logout},
		{"POST", "/lang", auth.ActPublic, nil, auth.SetLanguage},
		{"GET", "/account/password", auth.ActSignedIn, nil, au.PasswordPage},
		{"POST", "/account/password", auth.ActSignedIn, nil, au.ChangePassword},

		{"GET", "/agencies", auth.ActView, nil, ag.Tree},
		{"GET", "/agencies/search", auth.ActView, nil, ag.Search},
		{"GET", "/agencies/new", auth.ActAgencyManage, queryAgency("parent"), ag.New},
		{"POST", "/agencies", auth.ActAgencyManage, formAgency("parent_id"), ag.Create},
		{"GET", "/agencies/{id}", auth.ActView, nil, ag.View},
		{"GET", "/agencies/{id}/edit", auth.ActAgencyManage, pathAgency, ag.Edit},
		{"POST", "/agencies/{id}", auth.ActAgencyManage, pathAgency, ag.Update},
		{"GET", "/agencies/{id}/move", auth.ActAgencyManage, pathAgency, ag.MoveForm},
		{"POST", "/agencies/{id}/move", auth.ActAgencyManage, pathAgency, ag.Move},
		{"GET", "/agencies/{id}/merge", auth.ActAgencyManage, pathAgency, ag.MergeForm},
		{"POST", "/agencies/{id}/merge", auth.ActAgencyManage, pathAgency, ag.Merge},

		{"GET", "/users", auth.ActUserManage, nil, ad.UserList},
		{"GET", "/users/new", auth.ActUserManage, nil, ad.NewUser},
		{"POST", "/users", auth.ActUserManage, formAgency("agency_id"), ad.CreateUser},
		{"GET", "/users/{id}", auth.ActUserManage, pathUser, ad.EditUser},
		{"POST", "/users/{id}", auth.ActUserManage, pathUser, ad.UpdateUser},
		{"POST", "/users/{id}/roles", auth.ActUserManage, pathUser, ad.GrantRole},
		{"POST", "/users/{id}/roles/{mid}/revoke", auth.ActUserManage, pathUser, ad.RevokeRole},
		{"POST", "/users/{id}/disabled", auth.ActUserManage, pathUser, ad.SetDisabled},
		{"POST", "/users/{id}/password", auth.ActUserManage, pathUser, ad.ResetPassword},
		{"GET", "/audit", auth.ActAuditView, nil, ad.Audit},
	}
}

// Scope functions: which agency a request acts on.

func pathAgency(a *App, r *http.Request) (string, error) {
	ag, err := a.Agencies.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		return "", err
	}
	return ag.ID, nil
}

func pathUser(a *App, r *http.Request) (string, error) {
	u, err := a.Users.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		return "", err
	}
	return u.AgencyID, nil
}

func queryAgency(name string) func(*App, *http.Request) (string, error) {
	return func(a *App, r *http.Request) (string, error) { return r.URL.Query().Get(name), nil }
}

func formAgency(name string) func(*App, *http.Request) (string, error) {
	return func(a *App, r *http.Request) (string, error) { return r.PostFormValue(name), nil }
}

// maxFormBytes bounds an ordinary form; file uploads set their own limits.
const maxFormBytes = 1 << 20

// guard applies the one permission check before a route's handler: sign-in, then
// auth.Can for the route's action at its scope. A POST also carries its form token
// into the transaction that writes, so it cannot be written twice.
func (a *App) guard(rt Route) http.Handler {
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		me := auth.FromContext(ctx)
		if r.Method == http.MethodPost {
			r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
			if err := r.ParseForm(); err != nil {
				a.Render.Error(w, r, http.StatusRequestEntityTooLarge)
				return
			}
		}
		if rt.Action != auth.ActPublic {
			if !me.SignedIn() {
				if r.Method == http.MethodGet {
					http.Redirect(w, r, "/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
				} else {
					a.Render.Error(w, r, http.StatusForbidden)
				}
				return
			}
			var ancestry []string
			if rt.Scope != nil {
				id, err := rt.Scope(a, r)
				switch {
				case err == store.ErrNotFound:
					a.Render.Error(w, r, http.StatusNotFound)
					return
				case err != nil:
					a.Log.Error("scope", "err", err)
					a.Render.Error(w, r, http.StatusInternalServerError)
					return
				case id == "":
					// Acting at the top level (a new root agency) needs the action at a root.
					ancestry, err = a.Agencies.Roots(ctx)
				default:
					ancestry, err = a.Agencies.Ancestry(ctx, id)
					if err == nil && len(ancestry) == 0 {
						a.Render.Error(w, r, http.StatusNotFound)
						return
					}
				}
				if err != nil {
					a.Render.Error(w, r, http.StatusInternalServerError)
					return
				}
				if ancestry == nil {
					ancestry = []string{}
				}
			}
			if !auth.Can(me, rt.Action, ancestry) {
				a.Render.Error(w, r, http.StatusForbidden)
				return
			}
		}
		if r.Method == http.MethodPost && me.SignedIn() {
			ctx = store.WithFormToken(ctx, r.PostFormValue(web.FormTokenField), me.User.ID)
		}
		rt.Handler(w, r.WithContext(ctx))
	})
	return a.authHTTP.Identify(h)
}
