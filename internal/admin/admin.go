// Package admin holds the administrators' pages: the people of each agency with their
// roles, and the audit log.
package admin

import (
	"context"
	"embed"
	"errors"
	"log/slog"
	"net/http"
	"slices"

	"loa/internal/agency"
	"loa/internal/auth"
	"loa/internal/store"
	"loa/internal/web"
)

// Templates are the admin pages.
//
//go:embed templates
var Templates embed.FS

// HTTP serves the admin pages.
type HTTP struct {
	DB       *store.DB
	Accounts *auth.Store
	Agencies *agency.Store
	Render   *web.Renderer
	Log      *slog.Logger
}

func (h *HTTP) fail(w http.ResponseWriter, r *http.Request, err error) {
	switch {
	case errors.Is(err, store.ErrNotFound):
		h.Render.Error(w, r, http.StatusNotFound)
	case errors.Is(err, store.ErrDuplicateSubmit):
		web.Flash(w, "form.double_submit")
		web.Redirect(w, r, "/users")
	default:
		h.Log.Error("admin", "err", err, "request_id", web.RequestID(r.Context()))
		h.Render.Error(w, r, http.StatusInternalServerError)
	}
}

// scope is what the viewer may administer for action: the agencies in reach (all of
// them when the viewer holds the action at a root) with their ancestry.
type scope struct {
	all      []*agency.Agency
	byID     map[string]*agency.Agency
	anc      map[string][]string
	allowed  map[string]bool
	Everyone bool
}

func (h *HTTP) scope(ctx context.Context, action auth.Action) (*scope, error) {
	all, err := h.Agencies.All(ctx)
	if err != nil {
		return nil, err
	}
	me := auth.FromContext(ctx)
	s := &scope{all: all, byID: map[string]*agency.Agency{}, anc: agency.Ancestries(all), allowed: map[string]bool{}, Everyone: true}
	for _, a := range all {
		s.byID[a.ID] = a
		s.allowed[a.ID] = auth.Can(me, action, s.anc[a.ID])
		if !s.allowed[a.ID] {
			s.Everyone = false
		}
	}
	return s, nil
}

// ids lists the agencies in the scope.
func (s *scope) ids() []string {
	var out []string
	for id, ok := range s.allowed {
		if ok {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return out
}

// options lists the active agencies of the scope as an indented tree for a <select>.
func (s *scope) options() []*agency.Node {
	var out []*agency.Node
	for _, n := range agency.Flatten(agency.BuildTree(s.all, false)) {
		if s.allowed[n.ID] {
			out = append(out, n)
		}
	}
	return out
}

func (s *scope) name(id string) string {
	if a, ok := s.byID[id]; ok {
		return a.Name
	}
	return ""
}
