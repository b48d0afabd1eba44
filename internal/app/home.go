package app

import (
	"net/http"

	"loa/internal/auth"
	"loa/internal/i18n"
	"loa/internal/web"
)

type roleLine struct {
	Role   auth.Role
	Agency string
}

type homePage struct {
	Roles     []roleLine
	CanAgency bool
	CanUsers  bool
	CanAudit  bool
	Agencies  int
}

// home is the first page after sign-in: who you are, what you may do, where to go.
func (a *App) home(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	me := auth.FromContext(ctx)
	data := homePage{
		CanUsers: auth.Can(me, auth.ActUserManage, nil),
		CanAudit: auth.Can(me, auth.ActAuditView, nil),
	}
	for _, m := range me.Memberships {
		line := roleLine{Role: m.Role}
		if ag, err := a.Agencies.Get(ctx, m.AgencyID); err == nil {
			line.Agency = ag.Name
		}
		data.Roles = append(data.Roles, line)
	}
	n, err := a.Agencies.Count(ctx)
	if err != nil {
		a.Render.Error(w, r, http.StatusInternalServerError)
		return
	}
	data.Agencies = n
	p := a.Render.NewPage(w, r, i18n.T(web.LangFrom(r), "home.title"), data)
	a.Render.Render(w, r, http.StatusOK, "app/home", p)
}
