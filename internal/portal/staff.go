package portal

import (
	"context"
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"
	"time"

	"loa/internal/agency"
	"loa/internal/auth"
	"loa/internal/i18n"
	"loa/internal/store"
	"loa/internal/valid"
	"loa/internal/vn"
	"loa/internal/web"
)

// The editorial desk: /portal and below, for editors. Routes check the action at the
// article's agency; the pages check again what to offer (a reviewer's buttons only to
// another editor than the writer).

const staffPageSize = 25

func editorOf(ctx context.Context) Editor {
	me := auth.FromContext(ctx)
	if !me.SignedIn() {
		return Editor{}
	}
	return Editor{ID: me.User.ID, Name: me.User.FullName, AgencyID: me.User.AgencyID}
}

// fail answers an error of the desk: a page for what the user can act on, a log line
// for the rest.
func (h *HTTP) fail(w http.ResponseWriter, r *http.Request, err error, back string) {
	switch {
	case errors.Is(err, store.ErrNotFound):
		h.Render.Error(w, r, http.StatusNotFound)
	case errors.Is(err, store.ErrDuplicateSubmit):
		web.Flash(w, "form.double_submit")
		web.Redirect(w, r, back)
	case errors.Is(err, ErrStale):
		web.Flash(w, "portal.stale")
		web.Redirect(w, r, back)
	case errors.Is(err, ErrState):
		web.Flash(w, "portal.wrong_state")
		web.Redirect(w, r, back)
	case errors.Is(err, ErrOwnWork):
		web.Flash(w, "portal.own_work")
		web.Redirect(w, r, back)
	case errors.Is(err, ErrWithdrawn):
		web.Flash(w, "portal.withdrawn_locked")
		web.Redirect(w, r, back)
	default:
		h.Log.Error("portal desk", "err", err, "request_id", web.RequestID(r.Context()))
		h.Render.Error(w, r, http.StatusInternalServerError)
	}
}

// reach lists the agencies where the user holds action, with their names, in tree order.
func (h *HTTP) reach(ctx context.Context, action auth.Action) ([]*agency.Node, error) {
	all, err := h.Agencies.All(ctx)
	if err != nil {
		return nil, err
	}
	me := auth.FromContext(ctx)
	anc := agency.Ancestries(all)
	var out []*agency.Node
	for _, n := range agency.Flatten(agency.BuildTree(all, false)) {
		if auth.Can(me, action, anc[n.ID]) {
			out = append(out, n)
		}
	}
	return out, nil
}

// can tells whether the user may do action at the article's agency.
func (h *HTTP) can(ctx context.Context, action auth.Action, a *Article) bool {
	anc, err := h.Agencies.Ancestry(ctx, a.OwnerAgencyID)
	if err != nil {
		return false
	}
	return auth.Can(auth.FromContext(ctx), action, anc)
}

type listPage struct {
	Rows   []*Article
	Pager  web.Pager
	Filter Filter
	Kinds  []Kind
	States []State
	Review bool
	Me     string
	Now    time.Time
}

// List shows the articles of the agencies the editor works for, filtered by words,
// section and state.
func (h *HTTP) List(w http.ResponseWriter, r *http.Request) { h.list(w, r, false) }

// Review is the queue of articles waiting for a second editor.
func (h *HTTP) Review(w http.ResponseWriter, r *http.Request) { h.list(w, r, true) }

func (h *HTTP) list(w http.ResponseWriter, r *http.Request, review bool) {
	ctx := r.Context()
	h.settle(ctx)
	q := r.URL.Query()
	f := Filter{Query: vn.Clean(q.Get("q")), Kind: Kind(q.Get("kind")), State: State(q.Get("state"))}
	if !f.Kind.Valid() {
		f.Kind = ""
	}
	if review {
		f.State = StateSubmitted
	} else if !validState(f.State) {
		f.State = ""
	}
	nodes, err := h.reach(ctx, auth.ActPortalWrite)
	if err != nil {
		h.fail(w, r, err, "/portal")
		return
	}
	f.Agencies = []string{}
	for _, n := range nodes {
		f.Agencies = append(f.Agencies, n.ID)
	}
	pager := web.PagerFrom(r, staffPageSize)
	f.Limit, f.Offset = pager.Size, pager.Offset()
	rows, total, err := h.Store.List(ctx, f)
	if err != nil {
		h.fail(w, r, err, "/portal")
		return
	}
	pager.Total = total
	title := "portal.desk_title"
	if review {
		title = "portal.review_title"
	}
	data := listPage{Rows: rows, Pager: pager, Filter: f, Kinds: Kinds, States: States, Review: review, Me: editorOf(ctx).ID, Now: h.Store.now()}
	p := h.Render.NewPage(w, r, i18n.T(web.LangFrom(r), title), data)
	h.Render.Render(w, r, http.StatusOK, "portal/staff_list", p)
}

func validState(s State) bool {
	for _, x := range States {
		if x == s {
			return true
		}
	}
	return false
}

// settle records the results of scheduled articles whose time came; a failure is
// logged, not shown: the figures catch up at the next page.
func (h *HTTP) settle(ctx context.Context) {
	if _, err := h.Store.Settle(ctx); err != nil {
		h.Log.Warn("portal settle", "err", err)
	}
}

type formPage struct {
	Article *Article
	Editing bool
	Kinds   []Kind
	Owners  []*agency.Node
	Owner   string
	// Reselect tells that files chosen before a refused save must be chosen again.
	Reselect bool
}

func (h *HTTP) showForm(w http.ResponseWriter, r *http.Request, status int, data formPage, errs valid.Errors) {
	ctx := r.Context()
	data.Kinds = Kinds
	if !data.Editing {
		owners, err := h.reach(ctx, auth.ActPortalWrite)
		if err != nil {
			h.fail(w, r, err, "/portal")
			return
		}
		data.Owners = owners
		mine := editorOf(ctx).AgencyID
		for _, n := range owners {
			if n.ID == mine || data.Owner == "" {
				data.Owner = n.ID
			}
		}
	}
	title := "portal.new_title"
	if data.Editing {
		title = "portal.edit_title"
	}
	p := h.Render.NewPage(w, r, i18n.T(web.LangFrom(r), title), data)
	if errs != nil {
		p.Errors, p.Form = errs, r.PostForm
	}
	h.Render.Render(w, r, status, "portal/staff_form", p)
}

// New shows the form for a new article; ?kind= picks its section.
func (h *HTTP) New(w http.ResponseWriter, r *http.Request) {
	k := Kind(r.URL.Query().Get("kind"))
	if !k.Valid() {
		k = KindNews
	}
	h.showForm(w, r, http.StatusOK, formPage{Article: &Article{Kind: k, CountsForPlan: k.CountsByDefault()}}, nil)
}

// parseForm reads a multipart form the guard may not have read yet.
func parseForm(r *http.Request) error {
	if r.MultipartForm != nil || r.PostForm != nil && !strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/") {
		return nil
	}
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/") {
		return r.ParseMultipartForm(8 << 20)
	}
	return r.ParseForm()
}

// upload reads the file sent as field, at most limit+1 bytes (so that the size check
// downstream can say it is too large), or nil when none was chosen.
func upload(r *http.Request, field string, limit int64) (*Upload, error) {
	if r.MultipartForm == nil {
		return nil, nil
	}
	f, hdr, err := r.FormFile(field)
	if errors.Is(err, http.ErrMissingFile) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readUpload(f, hdr, limit)
}

func readUpload(f multipart.File, hdr *multipart.FileHeader, limit int64) (*Upload, error) {
	if hdr.Filename == "" && hdr.Size == 0 {
		return nil, nil
	}
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	return &Upload{Name: hdr.Filename, Data: data}, nil
}

func inputFrom(r *http.Request) (Input, error) {
	in := Input{
		Kind:          Kind(r.PostFormValue("kind")),
		Title:         r.PostFormValue("title"),
		Summary:       r.PostFormValue("summary"),
		Body:          r.PostFormValue("body"),
		CountsForPlan: r.PostFormValue("counts_for_plan") == "1",
		ImageHash:     r.PostFormValue("image_hash"),
		ImageAlt:      r.PostFormValue("image_alt"),
		KeepFile:      r.PostFormValue("keep_file") == "1" && r.PostFormValue("remove_file") != "1",
		OwnerAgencyID: r.PostFormValue("owner_agency_id"),
	}
	if r.PostFormValue("remove_image") == "1" {
		in.ImageHash = ""
	}
	var err error
	if in.Image, err = upload(r, "image", MaxImageBytes); err != nil {
		return in, err
	}
	if in.File, err = upload(r, "file", MaxFileBytes); err != nil {
		return in, err
	}
	return in, nil
}

// Create saves a new article as a draft.
func (h *HTTP) Create(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(r); err != nil {
		h.Render.Error(w, r, http.StatusRequestEntityTooLarge)
		return
	}
	in, err := inputFrom(r)
	if err != nil {
		h.fail(w, r, err, "/portal")
		return
	}
	a, err := h.Store.Create(r.Context(), in, editorOf(r.Context()))
	var ve *valid.Error
	switch {
	case errors.As(err, &ve):
		typed := &Article{Kind: in.Kind, CountsForPlan: in.CountsForPlan}
		h.showForm(w, r, http.StatusUnprocessableEntity, formPage{Article: typed, Owner: in.OwnerAgencyID,
			Reselect: in.Image != nil || in.File != nil}, ve.Fields)
	case err != nil:
		h.fail(w, r, err, "/portal")
	default:
		web.Flash(w, "portal.created")
		web.Redirect(w, r, "/portal/"+a.ID)
	}
}

// Edit shows the form to change an article's content.
func (h *HTTP) Edit(w http.ResponseWriter, r *http.Request) {
	a, err := h.Store.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err, "/portal")
		return
	}
	if a.State == StateWithdrawn {
		h.fail(w, r, ErrWithdrawn, "/portal/"+a.ID)
		return
	}
	h.showForm(w, r, http.StatusOK, formPage{Article: a, Editing: true}, nil)
}

// Update saves a new version of the article.
func (h *HTTP) Update(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	a, err := h.Store.Get(ctx, r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err, "/portal")
		return
	}
	if err := parseForm(r); err != nil {
		h.Render.Error(w, r, http.StatusRequestEntityTooLarge)
		return
	}
	in, err := inputFrom(r)
	if err != nil {
		h.fail(w, r, err, "/portal/"+a.ID)
		return
	}
	version, _ := strconv.Atoi(r.PostFormValue("row_version"))
	_, err = h.Store.Update(ctx, a.ID, version, in, editorOf(ctx))
	var ve *valid.Error
	switch {
	case errors.As(err, &ve):
		h.showForm(w, r, http.StatusUnprocessableEntity, formPage{Article: a, Editing: true, Reselect: in.Image != nil || in.File != nil}, ve.Fields)
	case errors.Is(err, ErrStale):
		h.showForm(w, r, http.StatusConflict, formPage{Article: a, Editing: true}, valid.Errors{"": i18n.M("form.stale")})
	case err != nil:
		h.fail(w, r, err, "/portal/"+a.ID)
	default:
		web.Flash(w, "portal.saved")
		web.Redirect(w, r, "/portal/"+a.ID)
	}
}

type viewPage struct {
	Article    *Article
	Events     []Event
	Counted    *Counted
	Owner      string
	CanWrite   bool
	CanPublish bool // holds the action at the article's agency
	OwnWork    bool // wrote or submitted it: may not publish it
	Public     bool
	Scheduled  bool
	URL        string
}

// View shows an article on the desk: its working copy, state, history, what it
// counted for, and the steps the editor may take.
func (h *HTTP) View(w http.ResponseWriter, r *http.Request) {
	h.view(w, r, http.StatusOK, nil)
}

func (h *HTTP) view(w http.ResponseWriter, r *http.Request, status int, errs valid.Errors) {
	ctx := r.Context()
	if status == http.StatusOK {
		h.settle(ctx)
	}
	a, err := h.Store.Get(ctx, r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err, "/portal")
		return
	}
	data := viewPage{Article: a, CanWrite: h.can(ctx, auth.ActPortalWrite, a), CanPublish: h.can(ctx, auth.ActPortalPublish, a)}
	me := editorOf(ctx).ID
	data.OwnWork = me == a.SavedBy || me == a.SubmittedBy
	now := h.Store.now()
	data.Public, data.Scheduled = a.Public(now), a.Scheduled(now)
	data.URL = h.Render.Site().BaseURL + a.Path()
	if data.Events, err = h.Store.Events(ctx, a.ID); err != nil {
		h.fail(w, r, err, "/portal")
		return
	}
	if data.Counted, err = h.Store.CountOf(ctx, a.ID); err != nil {
		h.fail(w, r, err, "/portal")
		return
	}
	if ag, err := h.Agencies.Get(ctx, a.OwnerAgencyID); err == nil {
		data.Owner = ag.Name
	}
	p := h.Render.NewPage(w, r, a.Title, data)
	if errs != nil {
		p.Errors, p.Form = errs, r.PostForm
	}
	h.Render.Render(w, r, status, "portal/staff_view", p)
}

// Act runs a workflow step posted from the article's page: submit, return, publish,
// withdraw.
func (h *HTTP) Act(step string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		id := r.PathValue("id")
		back := "/portal/" + id
		version, _ := strconv.Atoi(r.PostFormValue("row_version"))
		ed := editorOf(ctx)
		var err error
		flash := "portal.done." + step
		switch step {
		case "submit":
			_, err = h.Store.Submit(ctx, id, version, ed)
		case "return":
			_, err = h.Store.Return(ctx, id, version, ed, r.PostFormValue("comment"))
		case "publish":
			at, errs := publishTime(r.PostFormValue("publish_date"), r.PostFormValue("publish_time"))
			if errs != nil {
				h.view(w, r, http.StatusUnprocessableEntity, errs)
				return
			}
			var a *Article
			a, err = h.Store.Publish(ctx, id, version, ed, at)
			if err == nil && a.Scheduled(h.Store.now()) {
				flash = "portal.done.schedule"
			}
		case "withdraw":
			_, err = h.Store.Withdraw(ctx, id, version, ed, r.PostFormValue("reason"))
		default:
			h.Render.Error(w, r, http.StatusNotFound)
			return
		}
		var ve *valid.Error
		switch {
		case errors.As(err, &ve):
			h.view(w, r, http.StatusUnprocessableEntity, ve.Fields)
		case err != nil:
			h.fail(w, r, err, back)
		default:
			web.Flash(w, flash)
			web.Redirect(w, r, back)
		}
	}
}

// publishTime reads the optional date and time of a scheduled publication, in
// Vietnam's time; both empty is now (the zero time).
func publishTime(date, clock string) (time.Time, valid.Errors) {
	date, clock = strings.TrimSpace(date), strings.TrimSpace(clock)
	if date == "" && clock == "" {
		return time.Time{}, nil
	}
	errs := valid.Errors{}
	d, err := vn.ParseUserDate(date)
	if err != nil || d.IsZero() {
		errs.Add("publish_date", "valid.date")
	}
	hh, mm := 7, 0
	if clock != "" {
		t, err := time.Parse("15:04", strings.Replace(clock, "h", ":", 1))
		if err != nil {
			errs.Add("publish_time", "portal.time_format")
		} else {
			hh, mm = t.Hour(), t.Minute()
		}
	}
	if len(errs) > 0 {
		return time.Time{}, errs
	}
	return time.Date(d.Year, d.Month, d.Day, hh, mm, 0, 0, vn.Location).UTC(), nil
}

type versionsPage struct {
	Article  *Article
	Versions []Version
}

// Versions lists every saved version of an article with who saved it and when.
func (h *HTTP) Versions(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	a, err := h.Store.Get(ctx, r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err, "/portal")
		return
	}
	vs, err := h.Store.Versions(ctx, a.ID)
	if err != nil {
		h.fail(w, r, err, "/portal")
		return
	}
	p := h.Render.NewPage(w, r, i18n.T(web.LangFrom(r), "portal.versions_title", a.Title), versionsPage{Article: a, Versions: vs})
	h.Render.Render(w, r, http.StatusOK, "portal/staff_versions", p)
}

type versionPage struct {
	Article *Article
	Version *Version
}

// Version shows an old version of an article as it was saved.
func (h *HTTP) Version(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	a, err := h.Store.Get(ctx, r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err, "/portal")
		return
	}
	n, err := strconv.Atoi(r.PathValue("n"))
	if err != nil {
		h.Render.Error(w, r, http.StatusNotFound)
		return
	}
	v, err := h.Store.VersionOf(ctx, a.ID, n)
	if err != nil {
		h.fail(w, r, err, "/portal/"+a.ID)
		return
	}
	p := h.Render.NewPage(w, r, i18n.T(web.LangFrom(r), "portal.version_title", n, a.Title), versionPage{Article: a, Version: v})
	h.Render.Render(w, r, http.StatusOK, "portal/staff_version", p)
}

// File sends the working copy's file to an editor, published or not.
func (h *HTTP) File(w http.ResponseWriter, r *http.Request) {
	a, err := h.Store.Get(r.Context(), r.PathValue("id"))
	if err != nil || a.FileHash == "" {
		h.Render.Error(w, r, http.StatusNotFound)
		return
	}
	if err := h.Store.files.Serve(w, r, a.FileHash, a.FileName); err != nil {
		h.fail(w, r, err, "/portal/"+a.ID)
	}
}
