package plan

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"loa/internal/auth"
	dochtml "loa/internal/document/html"
	"loa/internal/i18n"
	"loa/internal/valid"
	"loa/internal/vn"
	"loa/internal/web"
)

type viewPage struct {
	Plan       *Plan
	Agency     string
	Problems   valid.Errors
	Events     []Event
	Versions   []Summary
	CanDraft   bool
	CanApprove bool
	CanIssue   bool
	Today      string
	Channels   []ChannelKind
	Preview    template.HTML
}

func (h *HTTP) load(w http.ResponseWriter, r *http.Request) (*Plan, bool) {
	p, err := h.Store.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return nil, false
	}
	return p, true
}

func (h *HTTP) can(r *http.Request, p *Plan, action auth.Action) bool {
	anc, err := h.Agencies.Ancestry(r.Context(), p.AgencyID)
	return err == nil && auth.Can(auth.FromContext(r.Context()), action, anc)
}

// View shows a plan as it prints, with its status, the actions the viewer may take,
// its problems, history and versions.
func (h *HTTP) View(w http.ResponseWriter, r *http.Request) {
	p, ok := h.load(w, r)
	if !ok {
		return
	}
	h.showView(w, r, http.StatusOK, p, nil)
}

func (h *HTTP) showView(w http.ResponseWriter, r *http.Request, status int, p *Plan, errs valid.Errors) {
	ctx := r.Context()
	data := viewPage{Plan: p, Problems: Check(p), CanDraft: h.can(r, p, auth.ActPlanDraft), CanApprove: h.can(r, p, auth.ActPlanApprove),
		CanIssue: h.can(r, p, auth.ActPlanIssue), Today: vn.Today().Short(), Channels: ChannelKinds}
	if a, err := h.Agencies.Get(ctx, p.AgencyID); err == nil {
		data.Agency = a.Name
	}
	var err error
	if data.Preview, err = preview(p); err != nil {
		h.fail(w, r, err)
		return
	}
	if data.Events, err = h.Store.Events(ctx, p.ID); err != nil {
		h.fail(w, r, err)
		return
	}
	if data.Versions, err = h.Store.Versions(ctx, p.SeriesID); err != nil {
		h.fail(w, r, err)
		return
	}
	pg := h.Render.NewPage(w, r, title(p), data)
	pg.Stylesheets = []string{"/static/doc/" + dochtml.Stylesheet()}
	if errs != nil {
		pg.Errors, pg.Form = errs, r.PostForm
	}
	h.Render.Render(w, r, status, "plan/view", pg)
}

func title(p *Plan) string {
	if p.Number != "" {
		return fmt.Sprintf("Kế hoạch số %s/%s", p.Number, p.Symbol)
	}
	return fmt.Sprintf("Kế hoạch năm %d (dự thảo)", p.Year)
}

// preview is the plan as it prints, as HTML.
func preview(p *Plan) (template.HTML, error) {
	var buf bytes.Buffer
	if err := dochtml.Write(&buf, ToDocument(p)); err != nil {
		return "", err
	}
	return template.HTML(buf.String()), nil // the writer escapes every text of the model
}

// Preview answers the editor's live preview pane.
func (h *HTTP) Preview(w http.ResponseWriter, r *http.Request) {
	p, ok := h.load(w, r)
	if !ok {
		return
	}
	html, err := preview(p)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write([]byte(html))
}

type editPage struct {
	Plan         *Plan
	Problems     valid.Errors
	BySection    map[string][]i18n.Msg
	Sections     []string
	Channels     []ChannelKind
	Names        []string // agency names for the pickers
	Saved        string
	CanAddAgency bool
}

// sectionOf says which editor section shows a problem found by Check.
func sectionOf(field string) string {
	switch {
	case strings.HasPrefix(field, "activit"):
		return "activities"
	case field == "signer":
		return "signer"
	}
	return "header"
}

// Edit opens the editor of a draft.
func (h *HTTP) Edit(w http.ResponseWriter, r *http.Request) {
	p, ok := h.load(w, r)
	if !ok {
		return
	}
	if !p.Status.Editable() {
		web.Flash(w, "plan.not_editable")
		web.Redirect(w, r, "/plans/"+p.ID)
		return
	}
	data, err := h.editData(r, p)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	pg := h.Render.NewPage(w, r, title(p), data)
	pg.Stylesheets = []string{"/static/doc/" + dochtml.Stylesheet()}
	h.Render.Render(w, r, http.StatusOK, "plan/edit", pg)
}

func (h *HTTP) editData(r *http.Request, p *Plan) (editPage, error) {
	all, err := h.Agencies.All(r.Context())
	if err != nil {
		return editPage{}, err
	}
	var names []string
	for _, a := range all {
		if a.Active() {
			names = append(names, a.Name)
		}
	}
	vn.SortStrings(names)
	problems := Check(p)
	by := map[string][]i18n.Msg{}
	for _, f := range sortedKeys(problems) {
		by[sectionOf(f)] = append(by[sectionOf(f)], problems[f])
	}
	roots, err := h.Agencies.Roots(r.Context())
	if err != nil {
		return editPage{}, err
	}
	return editPage{Plan: p, Problems: problems, BySection: by, Sections: Sections, Channels: ChannelKinds, Names: names,
		CanAddAgency: auth.Can(auth.FromContext(r.Context()), auth.ActAgencyManage, roots)}, nil
}

// SaveSection saves one section of the editor. An htmx autosave gets back only the
// new version, the time of saving and the section's problems; a row operation (add,
// remove, move) gets the re-rendered section; a plain form post returns to the editor.
// A plan saved by someone else meanwhile is not overwritten: the user is told, and
// what they typed stays on their screen.
func (h *HTTP) SaveSection(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p, ok := h.load(w, r)
	if !ok {
		return
	}
	section := r.PathValue("section")
	htmx := r.Header.Get("HX-Request") == "true"
	version, _ := strconv.Atoi(r.PostFormValue("row_version"))
	if !p.Status.Editable() {
		h.conflict(w, r, p, "plan.not_editable")
		return
	}
	if version != p.RowVersion {
		h.conflict(w, r, p, "form.stale")
		return
	}
	m, err := h.matcher(ctx, p.AgencyID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	op := r.PostFormValue("op")
	if err := ApplySection(p, section, r.PostForm, op, m); err != nil {
		h.Render.Error(w, r, http.StatusNotFound)
		return
	}
	if section == "bases" || section == "topics" {
		if err := h.linkCitations(ctx, p); err != nil {
			h.fail(w, r, err)
			return
		}
	}
	saved, err := h.Store.Save(ctx, p, version)
	switch {
	case errors.Is(err, ErrStale):
		h.conflict(w, r, p, "form.stale")
		return
	case err != nil:
		h.fail(w, r, err)
		return
	}
	if !htmx {
		web.Redirect(w, r, "/plans/"+p.ID+"/edit#sec-"+section)
		return
	}
	data, err := h.editData(r, saved)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	data.Saved = time.Now().In(vn.Location).Format("15:04:05")
	w.Header().Set("X-Plan-Version", strconv.Itoa(saved.RowVersion))
	w.Header().Set("HX-Trigger", "plan-saved") // the live preview reloads
	pg := h.Render.NewPage(w, r, title(saved), data)
	if op == "" {
		w.Header().Set("HX-Reswap", "none")
		h.Render.Fragment(w, r, http.StatusOK, "plan/edit", "autosaved", pg)
		return
	}
	pg.Data = sectionData{editPage: data, Section: section}
	h.Render.Fragment(w, r, http.StatusOK, "plan/edit", "fragment", pg)
}

type sectionData struct {
	editPage
	Section string
}

// conflict tells the editor its save was refused, leaving the typed text in place.
func (h *HTTP) conflict(w http.ResponseWriter, r *http.Request, p *Plan, key string) {
	if r.Header.Get("HX-Request") != "true" {
		data, err := h.editData(r, p)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		pg := h.Render.NewPage(w, r, title(p), data)
		pg.Errors = valid.Errors{"": i18n.M(key)}
		h.Render.Render(w, r, http.StatusConflict, "plan/edit", pg)
		return
	}
	w.Header().Set("HX-Retarget", "#save-status")
	w.Header().Set("HX-Reswap", "innerHTML")
	pg := h.Render.NewPage(w, r, "", nil)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusOK)
	fmt.Fprintf(w, `<span class="error" role="alert">%s <a href="/plans/%s/edit">%s</a></span>`,
		htmlEscape(pg.T(key)), p.ID, htmlEscape(pg.T("plan.reload")))
}

func htmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;").Replace(s)
}

// Act returns the handler of a lifecycle action: submit, return, approve, issue,
// start, close, amend. The route table says who may call each.
func (h *HTTP) Act(action string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) { h.act(w, r, action) }
}

func (h *HTTP) act(w http.ResponseWriter, r *http.Request, action string) {
	ctx := r.Context()
	p, ok := h.load(w, r)
	if !ok {
		return
	}
	version, _ := strconv.Atoi(r.PostFormValue("row_version"))
	comment := r.PostFormValue("comment")
	var err error
	var next *Plan
	switch action {
	case "submit":
		next, err = h.Store.Submit(ctx, p.ID, version)
	case "return":
		next, err = h.Store.Return(ctx, p.ID, version, comment)
	case "approve":
		next, err = h.Store.Approve(ctx, p.ID, version, comment)
	case "issue":
		on, derr := vn.ParseUserDate(r.PostFormValue("date"))
		if derr != nil {
			h.showView(w, r, http.StatusUnprocessableEntity, p, valid.Errors{"date": i18n.M("valid.date")})
			return
		}
		next, err = h.Store.Issue(ctx, p.ID, version, on, AgencyNames{h.Agencies})
	case "start":
		next, err = h.Store.Start(ctx, p.ID, version)
	case "close":
		next, err = h.Store.Close(ctx, p.ID, version)
	case "amend":
		next, err = h.Store.Amend(ctx, p.ID, auth.FromContext(ctx).User.ID)
	}
	var ve *valid.Error
	switch {
	case errors.As(err, &ve):
		h.showView(w, r, http.StatusUnprocessableEntity, p, ve.Fields)
	case errors.Is(err, ErrStale):
		h.showView(w, r, http.StatusConflict, p, valid.Errors{"": i18n.M("form.stale")})
	case errors.Is(err, ErrTransition), errors.Is(err, ErrAmendmentOpen):
		h.showView(w, r, http.StatusConflict, p, valid.Errors{"": i18n.M("plan.transition_refused")})
	case err != nil:
		h.fail(w, r, err)
	default:
		web.Flash(w, "plan.done_"+action)
		target := "/plans/" + next.ID
		if action == "amend" {
			target += "/edit"
		}
		web.Redirect(w, r, target)
	}
}

// Export downloads the plan as DOCX, PDF or JSON.
func (h *HTTP) Export(w http.ResponseWriter, r *http.Request) {
	p, ok := h.load(w, r)
	if !ok {
		return
	}
	format := r.PathValue("format")
	types := map[string]string{
		"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
		"pdf":  "application/pdf",
		"json": "application/json; charset=utf-8",
	}
	ct, ok := types[format]
	if !ok {
		h.Render.Error(w, r, http.StatusNotFound)
		return
	}
	var buf strings.Builder
	if err := Export(&buf, p, format); err != nil {
		h.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Content-Disposition", `attachment; filename="`+FileName(p, format)+`"`)
	w.Header().Set("Cache-Control", "private, no-store")
	_, _ = w.Write([]byte(buf.String()))
}

// sortedKeys lists problems in a stable order: by field name, activity rows by number.
func sortedKeys(errs valid.Errors) []string {
	keys := make([]string, 0, len(errs))
	for k := range errs {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int {
		return strings.Compare(naturalKey(a), naturalKey(b))
	})
	return keys
}

// naturalKey pads the numbers in a field name so "activity.10" sorts after "activity.9".
func naturalKey(s string) string {
	var out strings.Builder
	num := ""
	flush := func() {
		if num != "" {
			out.WriteString(fmt.Sprintf("%06s", num))
			num = ""
		}
	}
	for _, r := range s {
		if r >= '0' && r <= '9' {
			num += string(r)
			continue
		}
		flush()
		out.WriteRune(r)
	}
	flush()
	return out.String()
}
