package progress

import (
	"context"
	"embed"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"loa/internal/agency"
	"loa/internal/auth"
	"loa/internal/i18n"
	"loa/internal/plan"
	"loa/internal/store"
	"loa/internal/web"
)

// Templates are the pages of running the plan.
//
//go:embed templates
var Templates embed.FS

// FileServer serves evidence files, as attachments or as thumbnails.
type FileServer interface {
	Serve(w http.ResponseWriter, r *http.Request, hash, name string)
	ServeThumb(w http.ResponseWriter, r *http.Request, hash string)
}

// HTTP serves the pages of running the plan.
type HTTP struct {
	Store    *Store
	Plans    *plan.Store
	Agencies *agency.Store
	Files    FileServer
	Render   *web.Renderer
	Log      *slog.Logger
	// MaxUploadBytes bounds the evidence sent with one result.
	MaxUploadBytes int64
}

func (h *HTTP) fail(w http.ResponseWriter, r *http.Request, err error) {
	switch {
	case errors.Is(err, store.ErrNotFound):
		h.Render.Error(w, r, http.StatusNotFound)
	case errors.Is(err, store.ErrDuplicateSubmit):
		web.Flash(w, "form.double_submit")
		web.Redirect(w, r, "/work")
	default:
		h.Log.Error("progress", "err", err, "request_id", web.RequestID(r.Context()))
		h.Render.Error(w, r, http.StatusInternalServerError)
	}
}

// can asks the one permission check about an agency.
func (h *HTTP) can(ctx context.Context, action auth.Action, agencyID string) bool {
	anc, err := h.Agencies.Ancestry(ctx, agencyID)
	return err == nil && len(anc) > 0 && auth.Can(auth.FromContext(ctx), action, anc)
}

// reach lists the agencies the viewer may do action at (every agency in the subtrees
// of their roles), with the names of all agencies.
func (h *HTTP) reach(ctx context.Context, action auth.Action) ([]string, map[string]string, error) {
	all, err := h.Agencies.All(ctx)
	if err != nil {
		return nil, nil, err
	}
	me := auth.FromContext(ctx)
	anc := agency.Ancestries(all)
	names := map[string]string{}
	out := []string{}
	for _, a := range all {
		names[a.ID] = a.Name
		for _, m := range me.Memberships {
			if slices.Contains(anc[a.ID], m.AgencyID) && auth.Can(me, action, anc[a.ID]) {
				out = append(out, a.ID)
				break
			}
		}
	}
	return out, names, nil
}

// myUnits are the units the viewer records results for.
func (h *HTTP) myUnits(ctx context.Context) ([]string, map[string]string, error) {
	return h.reach(ctx, auth.ActResultRecord)
}

// uploads reads the evidence files of a multipart form.
func uploads(r *http.Request) []Upload {
	if r.MultipartForm == nil {
		return nil
	}
	var out []Upload
	for _, fh := range r.MultipartForm.File["files"] {
		if fh.Size == 0 && fh.Filename == "" {
			continue
		}
		f := fh
		out = append(out, Upload{Name: f.Filename, Open: func() (io.ReadCloser, error) { return f.Open() }})
	}
	return out
}

func inputFrom(r *http.Request) Input {
	f := r.PostForm
	if r.MultipartForm != nil {
		f = r.MultipartForm.Value
	}
	get := func(k string) string {
		if v := f[k]; len(v) > 0 {
			return v[0]
		}
		return ""
	}
	return Input{AgencyID: get("agency_id"), DoneOn: get("done_on"), Quantity: get("quantity"), Unit: get("unit"), Attendees: get("attendees"),
		Places: get("places"), Links: get("links"), Audience: f["audience"], Description: get("description"), Spent: get("spent"),
		Topics: f["topics"], Partners: f["partners"], Confirmed: get("confirmed") == "1", KeepFiles: f["keep"]}
}

func atoi(s string) int {
	n, _ := strconv.Atoi(strings.TrimSpace(s))
	return n
}

// messages renders deferred messages for a page.
func messages(p *web.Page, ms []i18n.Msg) []string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = p.Msg(m)
	}
	return out
}
