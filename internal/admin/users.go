package admin

import (
	"errors"
	"net/http"
	"strconv"

	"loa/internal/agency"
	"loa/internal/auth"
	"loa/internal/i18n"
	"loa/internal/valid"
	"loa/internal/vn"
	"loa/internal/web"
)

type userRow struct {
	*auth.User
	Agency string
}

type usersPage struct {
	Rows  []userRow
	Pager web.Pager
	Query string
}

// UserList lists the accounts of the agencies the viewer administers.
func (h *HTTP) UserList(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	sc, err := h.scope(ctx, auth.ActUserManage)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	users, err := h.Accounts.List(ctx, sc.ids())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	q := vn.Clean(r.URL.Query().Get("q"))
	var rows []userRow
	for _, u := range users {
		row := userRow{User: u, Agency: sc.name(u.AgencyID)}
		if q == "" || vn.ContainsFolded(u.Username+" "+u.FullName+" "+row.Agency, q) {
			rows = append(rows, row)
		}
	}
	vn.SortBy(rows, func(r userRow) string { return r.FullName })
	pager := web.PagerFrom(r, 50)
	pager.Total = len(rows)
	rows = rows[min(pager.Offset(), len(rows)):min(pager.Offset()+pager.Size, len(rows))]
	p := h.Render.NewPage(w, r, i18n.T(web.LangFrom(r), "user.list_title"), usersPage{Rows: rows, Pager: pager, Query: q})
	h.Render.Render(w, r, http.StatusOK, "admin/users", p)
}

type userFormPage struct {
	User        auth.User
	Editing     bool
	Agencies    []*agency.Node
	Roles       []auth.Role
	Memberships []membershipRow
}

type membershipRow struct {
	auth.Membership
	Agency string
}

func (h *HTTP) showUserForm(w http.ResponseWriter, r *http.Request, status int, u *auth.User, errs valid.Errors) {
	ctx := r.Context()
	sc, err := h.scope(ctx, auth.ActUserManage)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	data := userFormPage{Editing: u != nil, Agencies: sc.options(), Roles: auth.Roles}
	title := "user.new_title"
	if u != nil {
		data.User = *u
		title = "user.edit_title"
		ms, err := h.Accounts.Memberships(ctx, u.ID)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		for _, m := range ms {
			data.Memberships = append(data.Memberships, membershipRow{Membership: m, Agency: sc.name(m.AgencyID)})
		}
	}
	p := h.Render.NewPage(w, r, i18n.T(web.LangFrom(r), title), data)
	if errs != nil {
		p.Errors, p.Form = errs, r.PostForm
		p.Form.Del("password")
	}
	h.Render.Render(w, r, status, "admin/user", p)
}

// NewUser shows the form for a new account.
func (h *HTTP) NewUser(w http.ResponseWriter, r *http.Request) {
	h.showUserForm(w, r, http.StatusOK, nil, nil)
}

// CreateUser adds an account with its first role.
func (h *HTTP) CreateUser(w http.ResponseWriter, r *http.Request) {
	in := auth.UserInput{Username: r.PostFormValue("username"), FullName: r.PostFormValue("full_name"), Email: r.PostFormValue("email"),
		JobTitle: r.PostFormValue("job_title"), AgencyID: r.PostFormValue("agency_id"), Password: r.PostFormValue("password")}
	var roles []auth.Membership
	if role := r.PostFormValue("role"); role != "" {
		at := r.PostFormValue("role_agency_id")
		if at == "" {
			at = in.AgencyID
		}
		if !h.mayAdminister(r, at) {
			h.showUserForm(w, r, http.StatusForbidden, nil, valid.Errors{"role_agency_id": i18n.M("user.role_out_of_reach")})
			return
		}
		roles = append(roles, auth.Membership{AgencyID: at, Role: auth.Role(role)})
	}
	u, err := h.Accounts.Create(r.Context(), in, roles)
	var ve *valid.Error
	if errors.As(err, &ve) {
		h.showUserForm(w, r, http.StatusUnprocessableEntity, nil, ve.Fields)
		return
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	web.Flash(w, "user.created")
	web.Redirect(w, r, "/users/"+u.ID)
}

// mayAdminister applies the one permission check to a target agency named in a form
// (a role's agency), which the route guard cannot know in advance.
func (h *HTTP) mayAdminister(r *http.Request, agencyID string) bool {
	anc, err := h.Agencies.Ancestry(r.Context(), agencyID)
	return err == nil && len(anc) > 0 && auth.Can(auth.FromContext(r.Context()), auth.ActUserManage, anc)
}

// EditUser shows a user's details and roles.
func (h *HTTP) EditUser(w http.ResponseWriter, r *http.Request) {
	u, err := h.Accounts.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.showUserForm(w, r, http.StatusOK, u, nil)
}

// UpdateUser saves a user's details.
func (h *HTTP) UpdateUser(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	u, err := h.Accounts.Get(ctx, r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	in := auth.UserInput{FullName: r.PostFormValue("full_name"), Email: r.PostFormValue("email"), JobTitle: r.PostFormValue("job_title"),
		AgencyID: r.PostFormValue("agency_id")}
	if in.AgencyID != u.AgencyID && !h.mayAdminister(r, in.AgencyID) {
		h.showUserForm(w, r, http.StatusForbidden, u, valid.Errors{"agency_id": i18n.M("user.role_out_of_reach")})
		return
	}
	version, _ := strconv.Atoi(r.PostFormValue("row_version"))
	_, err = h.Accounts.Update(ctx, u.ID, version, in)
	var ve *valid.Error
	switch {
	case errors.As(err, &ve):
		h.showUserForm(w, r, http.StatusUnprocessableEntity, u, ve.Fields)
	case errors.Is(err, auth.ErrStale):
		h.showUserForm(w, r, http.StatusConflict, u, valid.Errors{"": i18n.M("form.stale")})
	case err != nil:
		h.fail(w, r, err)
	default:
		web.Flash(w, "form.saved")
		web.Redirect(w, r, "/users/"+u.ID)
	}
}

// GrantRole gives the user a role at an agency the viewer administers.
func (h *HTTP) GrantRole(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	u, err := h.Accounts.Get(ctx, r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	at := r.PostFormValue("role_agency_id")
	if !h.mayAdminister(r, at) {
		h.showUserForm(w, r, http.StatusForbidden, u, valid.Errors{"role_agency_id": i18n.M("user.role_out_of_reach")})
		return
	}
	err = h.Accounts.Grant(ctx, auth.Membership{UserID: u.ID, AgencyID: at, Role: auth.Role(r.PostFormValue("role"))})
	var ve *valid.Error
	if errors.As(err, &ve) {
		h.showUserForm(w, r, http.StatusUnprocessableEntity, u, ve.Fields)
		return
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	web.Flash(w, "user.role_granted")
	web.Redirect(w, r, "/users/"+u.ID)
}

// RevokeRole removes one of the user's roles.
func (h *HTTP) RevokeRole(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	ms, err := h.Accounts.Memberships(ctx, r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	for _, m := range ms {
		if m.ID != r.PathValue("mid") {
			continue
		}
		if !h.mayAdminister(r, m.AgencyID) {
			h.Render.Error(w, r, http.StatusForbidden)
			return
		}
		if err := h.Accounts.Revoke(ctx, m.ID); err != nil {
			h.fail(w, r, err)
			return
		}
		web.Flash(w, "user.role_revoked")
		web.Redirect(w, r, "/users/"+m.UserID)
		return
	}
	h.Render.Error(w, r, http.StatusNotFound)
}

// SetDisabled disables or re-enables an account.
func (h *HTTP) SetDisabled(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id := r.PathValue("id")
	disable := r.PostFormValue("disabled") == "1"
	if disable && id == auth.FromContext(ctx).User.ID {
		web.Flash(w, "user.cannot_disable_self")
		web.Redirect(w, r, "/users/"+id)
		return
	}
	if err := h.Accounts.SetDisabled(ctx, id, disable); err != nil {
		h.fail(w, r, err)
		return
	}
	web.Flash(w, map[bool]string{true: "user.disabled_done", false: "user.enabled_done"}[disable])
	web.Redirect(w, r, "/users/"+id)
}

// ResetPassword sets a new password chosen by the administrator.
func (h *HTTP) ResetPassword(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	u, err := h.Accounts.Get(ctx, r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	err = h.Accounts.SetPassword(ctx, u.ID, r.PostFormValue("password"))
	var ve *valid.Error
	if errors.As(err, &ve) {
		h.showUserForm(w, r, http.StatusUnprocessableEntity, u, ve.Fields)
		return
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	web.Flash(w, "user.password_reset")
	web.Redirect(w, r, "/users/"+u.ID)
}
