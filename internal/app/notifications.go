package app

import (
	"net/http"

	"loa/internal/auth"
	"loa/internal/i18n"
	"loa/internal/notify"
	"loa/internal/web"
)

// myAgencies are the agencies whose notifications a user reads: their own and those of
// their roles.
func myAgencies(p *auth.Principal) []string {
	out := []string{p.User.AgencyID}
	for _, m := range p.Memberships {
		out = append(out, m.AgencyID)
	}
	return out
}

// notifications lists the user's notifications, newest first.
func (a *App) notifications(w http.ResponseWriter, r *http.Request) {
	me := auth.FromContext(r.Context())
	list, _, err := notify.For(r.Context(), a.DB.Read(), me.User.ID, myAgencies(me), 100)
	if err != nil {
		a.Log.Error("notifications", "err", err)
		a.Render.Error(w, r, http.StatusInternalServerError)
		return
	}
	p := a.Render.NewPage(w, r, i18n.T(web.LangFrom(r), "notify.title"), list)
	a.Render.Render(w, r, http.StatusOK, "app/notifications", p)
}

// markRead marks notifications read: those named, or all of the user's.
func (a *App) markRead(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	me := auth.FromContext(ctx)
	list, _, err := notify.For(ctx, a.DB.Read(), me.User.ID, myAgencies(me), 1000)
	if err != nil {
		a.Render.Error(w, r, http.StatusInternalServerError)
		return
	}
	// Only the user's own notifications can be marked: all of them, or those named.
	named := map[string]bool{}
	for _, id := range r.PostForm["id"] {
		named[id] = true
	}
	var ids []string
	for _, n := range list {
		if !n.Read && (len(named) == 0 || named[n.ID]) {
			ids = append(ids, n.ID)
		}
	}
	if err := notify.MarkRead(ctx, a.DB.Write(), me.User.ID, ids...); err != nil {
		a.Render.Error(w, r, http.StatusInternalServerError)
		return
	}
	web.Redirect(w, r, web.SafeNext(r.PostFormValue("next"), "/notifications"))
}
