package plan

import (
	"context"
	"embed"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"strconv"

	"loa/internal/agency"
	"loa/internal/auth"
	"loa/internal/document"
	"loa/internal/document/convert"
	"loa/internal/i18n"
	"loa/internal/library"
	"loa/internal/register"
	"loa/internal/store"
	"loa/internal/valid"
	"loa/internal/vn"
	"loa/internal/web"
)

// Templates are the plan pages.
//
//go:embed templates
var Templates embed.FS

// HTTP serves the plan pages: the list, starting a plan, the editor, the lifecycle
// actions, exports and the history.
type HTTP struct {
	Store    *Store
	Agencies *agency.Store
	Library  *library.Store
	DB       *store.DB
	Render   *web.Renderer
	Log      *slog.Logger
}

// AgencyNames gives the header names of documents from the agency register.
type AgencyNames struct{ Agencies *agency.Store }

// HeaderNames gives an agency's header names as of a day: the issuing body and its
// parent, upper case, as the first lines of page 1 print them.
func (n AgencyNames) HeaderNames(ctx context.Context, agencyID string, on vn.Date) (string, string, error) {
	self, err := n.Agencies.AsOf(ctx, agencyID, on)
	if err != nil {
		return "", "", err
	}
	parent := ""
	if self.ParentID != "" {
		if p, err := n.Agencies.AsOf(ctx, self.ParentID, on); err == nil {
			parent = p.ShortName
			if parent == "" {
				parent = p.Name
			}
		}
	}
	return upper(parent), upper(self.Name), nil
}

func (h *HTTP) fail(w http.ResponseWriter, r *http.Request, err error) {
	switch {
	case errors.Is(err, store.ErrNotFound):
		h.Render.Error(w, r, http.StatusNotFound)
	case errors.Is(err, store.ErrDuplicateSubmit):
		web.Flash(w, "form.double_submit")
		web.Redirect(w, r, "/plans")
	default:
		h.Log.Error("plan", "err", err, "request_id", web.RequestID(r.Context()))
		h.Render.Error(w, r, http.StatusInternalServerError)
	}
}

func (h *HTTP) matcher(ctx context.Context, home string) (*Matcher, error) {
	all, err := h.Agencies.All(ctx)
	if err != nil {
		return nil, err
	}
	return NewMatcher(all, home), nil
}

type listPage struct {
	Rows     []Summary
	Years    []int
	Year     int
	CanDraft bool
}

// List shows the plans the viewer may read, newest year first.
func (h *HTTP) List(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	me := auth.FromContext(ctx)
	all, err := h.Agencies.All(ctx)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	anc := agency.Ancestries(all)
	var visible []string
	for _, a := range all {
		if auth.Can(me, auth.ActView, anc[a.ID]) {
			visible = append(visible, a.ID)
		}
	}
	year, _ := strconv.Atoi(r.URL.Query().Get("year"))
	rows, err := h.Store.List(ctx, visible, 0)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	data := listPage{Year: year, CanDraft: auth.Can(me, auth.ActPlanDraft, nil)}
	seen := map[int]bool{}
	for _, row := range rows {
		if !seen[row.Year] {
			data.Years = append(data.Years, row.Year)
			seen[row.Year] = true
		}
		if year == 0 || row.Year == year {
			data.Rows = append(data.Rows, row)
		}
	}
	p := h.Render.NewPage(w, r, i18n.T(web.LangFrom(r), "plan.list_title"), data)
	h.Render.Render(w, r, http.StatusOK, "plan/list", p)
}

type newPage struct {
	Agencies []*agency.Node
	Plans    []Summary // possible sources: last year's plans and parent plans
	Year     int
}

// New offers the ways to start a plan: the blank template, last year's plan, a parent
// plan, or a Word or text file.
func (h *HTTP) New(w http.ResponseWriter, r *http.Request) {
	h.showNew(w, r, http.StatusOK, nil)
}

func (h *HTTP) showNew(w http.ResponseWriter, r *http.Request, status int, errs valid.Errors) {
	ctx := r.Context()
	me := auth.FromContext(ctx)
	all, err := h.Agencies.All(ctx)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	anc := agency.Ancestries(all)
	data := newPage{Year: vn.Today().Year}
	if vn.Today().Month >= 10 { // plans for next year are written in the last quarter
		data.Year++
	}
	var visible []string
	for _, n := range agency.Flatten(agency.BuildTree(all, false)) {
		if auth.Can(me, auth.ActPlanDraft, anc[n.ID]) && !n.External {
			data.Agencies = append(data.Agencies, n)
		}
		if auth.Can(me, auth.ActView, anc[n.ID]) {
			visible = append(visible, n.ID)
		}
	}
	if data.Plans, err = h.Store.List(ctx, visible, 0); err != nil {
		h.fail(w, r, err)
		return
	}
	p := h.Render.NewPage(w, r, i18n.T(web.LangFrom(r), "plan.new_title"), data)
	if errs != nil {
		p.Errors, p.Form = errs, r.PostForm
	}
	h.Render.Render(w, r, status, "plan/new", p)
}

func (h *HTTP) issuer(ctx context.Context, agencyID string) (Issuer, error) {
	a, err := h.Agencies.Get(ctx, agencyID)
	if err != nil {
		return Issuer{}, err
	}
	is := Issuer{AgencyID: a.ID, Name: a.Name, Abbr: a.Abbr}
	if a.ParentID != "" {
		if parent, err := h.Agencies.Get(ctx, a.ParentID); err == nil {
			is.ParentName = parent.ShortName
			if is.ParentName == "" {
				is.ParentName = parent.Name
			}
		}
	}
	settings, err := register.Get(ctx, h.DB.Read(), a.ID)
	if err != nil {
		return Issuer{}, err
	}
	is.Place = settings.Place
	return is, nil
}

// Create starts a draft the chosen way and opens it in the editor.
func (h *HTTP) Create(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	me := auth.FromContext(ctx)
	agencyID := r.PostFormValue("agency_id")
	year, _ := strconv.Atoi(r.PostFormValue("year"))
	errs := valid.Errors{}
	if year < 2000 || year > 2100 {
		errs.Add("year", "plan.year_range")
	}
	is, err := h.issuer(ctx, agencyID)
	if errors.Is(err, store.ErrNotFound) {
		errs.Add("agency_id", "agency.parent_missing")
	} else if err != nil {
		h.fail(w, r, err)
		return
	}
	if len(errs) > 0 {
		h.showNew(w, r, http.StatusUnprocessableEntity, errs)
		return
	}
	var p *Plan
	switch from := r.PostFormValue("from"); from {
	case "template":
		p = Template(is, year)
	case "last_year", "parent":
		src, err := h.Store.Get(ctx, r.PostFormValue("source_id"))
		if err != nil || !h.canRead(ctx, src) {
			h.showNew(w, r, http.StatusUnprocessableEntity, valid.Errors{"source_id": i18n.M("plan.source_required")})
			return
		}
		if from == "last_year" {
			p = FromLastYear(src)
			p.AgencyID = agencyID
		} else {
			srcAgency, _ := h.Agencies.Get(ctx, src.AgencyID)
			name := ""
			if srcAgency != nil {
				name = srcAgency.Name
			}
			p = FromParent(src, is, name)
			p.Year = src.Year
		}
	default:
		h.showNew(w, r, http.StatusUnprocessableEntity, valid.Errors{"from": i18n.M("plan.from_required")})
		return
	}
	p.AgencyID = agencyID
	if err := h.linkCitations(ctx, p); err != nil {
		h.fail(w, r, err)
		return
	}
	created, err := h.Store.Create(ctx, p, me.User.ID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	web.Flash(w, "plan.created")
	web.Redirect(w, r, "/plans/"+created.ID+"/edit")
}

func (h *HTTP) canRead(ctx context.Context, p *Plan) bool {
	anc, err := h.Agencies.Ancestry(ctx, p.AgencyID)
	return err == nil && auth.Can(auth.FromContext(ctx), auth.ActView, anc)
}

// MaxImportBytes bounds an uploaded plan file.
const MaxImportBytes = 20 << 20

// Import reads an uploaded Word or text plan into a new draft and shows it for review,
// with what was recognised and what was kept as free text. An unreadable file gives a
// Vietnamese message and saves nothing.
func (h *HTTP) Import(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	me := auth.FromContext(ctx)
	file, header, err := r.FormFile("file")
	if err != nil {
		h.showNew(w, r, http.StatusUnprocessableEntity, valid.Errors{"file": i18n.M("plan.import_no_file")})
		return
	}
	defer file.Close()
	raw, err := io.ReadAll(io.LimitReader(file, MaxImportBytes+1))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if len(raw) > MaxImportBytes {
		h.showNew(w, r, http.StatusRequestEntityTooLarge, valid.Errors{"file": i18n.M("plan.import_too_large")})
		return
	}
	d, err := convert.Read(header.Filename, raw)
	var ie *document.InputError
	if errors.As(err, &ie) {
		h.showNew(w, r, http.StatusUnprocessableEntity, valid.Errors{"file": i18n.M("plan.import_unreadable", ie.Message)})
		return
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	agencyID := r.PostFormValue("agency_id")
	if _, err := h.Agencies.Get(ctx, agencyID); err != nil {
		h.showNew(w, r, http.StatusUnprocessableEntity, valid.Errors{"agency_id": i18n.M("agency.parent_missing")})
		return
	}
	m, err := h.matcher(ctx, agencyID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p, rep := FromDocument(d, m)
	p.AgencyID = agencyID
	if err := h.linkCitations(ctx, p); err != nil {
		h.fail(w, r, err)
		return
	}
	if p.Year == 0 {
		p.Year = vn.Today().Year
	}
	created, err := h.Store.Create(ctx, p, me.User.ID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.Log.Info("plan imported", "plan", created.ID, "file", header.Filename, "unrecognised", len(rep.Unrecognised), "unmatched", len(rep.Unmatched))
	web.Flash(w, "plan.imported")
	web.Redirect(w, r, "/plans/"+created.ID+"/edit")
}

// linkCitations points each citation of the plan that the documents library holds at
// its entry (matched by number, symbol and, when known, date).
func (h *HTTP) linkCitations(ctx context.Context, p *Plan) error {
	link := func(c *Citation) error {
		c.LibraryID = ""
		if c.Number == "" {
			return nil
		}
		found, err := h.Library.FindBySymbol(ctx, c.Number, c.Symbol)
		if err != nil {
			return err
		}
		for _, e := range found {
			if c.Date.IsZero() || e.IssuedOn == c.Date {
				c.LibraryID = e.ID
				return nil
			}
		}
		return nil
	}
	for i := range p.LegalBases {
		if err := link(&p.LegalBases[i]); err != nil {
			return err
		}
	}
	for i := range p.Topics {
		for j := range p.Topics[i].Citations {
			if err := link(&p.Topics[i].Citations[j]); err != nil {
				return err
			}
		}
	}
	return nil
}
