package admin

import (
	"net/http"

	"loa/internal/audit"
	"loa/internal/auth"
	"loa/internal/i18n"
	"loa/internal/vn"
	"loa/internal/web"
)

type auditPage struct {
	Rows     []audit.Row
	Pager    web.Pager
	Agencies map[string]string
	Entities []string
	Actions  []string
}

// Audit browses the audit log of the agencies the viewer administers, newest first,
// filtered by entity, action, person and dates.
func (h *HTTP) Audit(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	sc, err := h.scope(ctx, auth.ActAuditView)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	q := r.URL.Query()
	f := audit.Filter{Entity: q.Get("entity"), Action: q.Get("action"), Actor: vn.Clean(q.Get("actor")), EntityID: q.Get("entity_id"),
		AllRows: sc.Everyone, Agencies: sc.ids()}
	if d, err := vn.ParseUserDate(q.Get("from")); err == nil && !d.IsZero() {
		f.From = d.Time()
	}
	if d, err := vn.ParseUserDate(q.Get("to")); err == nil && !d.IsZero() {
		f.To = d.AddDays(1).Time()
	}
	pager := web.PagerFrom(r, 50)
	f.Limit, f.Offset = pager.Size, pager.Offset()
	rows, total, err := audit.List(ctx, h.DB.Read(), f)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	pager.Total = total
	names := map[string]string{}
	for id, a := range sc.byID {
		names[id] = a.Name
	}
	entities, err := audit.Distinct(ctx, h.DB.Read(), "entity")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	actions, err := audit.Distinct(ctx, h.DB.Read(), "action")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	data := auditPage{Rows: rows, Pager: pager, Agencies: names, Entities: entities, Actions: actions}
	p := h.Render.NewPage(w, r, i18n.T(web.LangFrom(r), "audit.title"), data)
	h.Render.Render(w, r, http.StatusOK, "admin/audit", p)
}
