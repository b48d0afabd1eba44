package feedback

import (
	"context"
	"encoding/csv"
	"errors"
	"net/http"
	"net/url"
	"strings"

	"loa/internal/agency"
	"loa/internal/auth"
	"loa/internal/i18n"
	"loa/internal/store"
	"loa/internal/valid"
	"loa/internal/vn"
	"loa/internal/web"
)

// scope is what the viewer may see of feedback: the agencies whose received items
// they handle, and the units whose assigned items they answer, with every agency's name.
type scope struct {
	Handle []string
	Answer []string
	Names  map[string]string
}

func (h *HTTP) scope(ctx context.Context) (scope, error) {
	all, err := h.Agencies.All(ctx)
	if err != nil {
		return scope{}, err
	}
	me := auth.FromContext(ctx)
	anc := agency.Ancestries(all)
	sc := scope{Names: map[string]string{}}
	for _, a := range all {
		sc.Names[a.ID] = a.Name
		if auth.Can(me, auth.ActFeedbackHandle, anc[a.ID]) {
			sc.Handle = append(sc.Handle, a.ID)
		}
		if auth.Can(me, auth.ActFeedbackAnswer, anc[a.ID]) && !a.External {
			sc.Answer = append(sc.Answer, a.ID)
		}
	}
	return sc, nil
}

// filterOf reads the inbox's filters from the query.
func filterOf(q url.Values) Filter {
	return Filter{Status: q.Get("status"), Unit: q.Get("unit"), Topic: q.Get("topic"), Overdue: q.Get("overdue") == "1", Code: q.Get("code")}
}

type inboxPage struct {
	Items  []*Item
	Units  []Receiver
	Topics []string
	Status []Status
	Pager  web.Pager
	Today  vn.Date
}

// Inbox lists the feedback the viewer handles or answers, with filters by status,
// unit, topic, overdue and code.
func (h *HTTP) Inbox(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	sc, err := h.scope(ctx)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	f := filterOf(r.URL.Query())
	f.Agencies, f.Units, f.Today = sc.Handle, sc.Answer, h.today()
	pg := web.PagerFrom(r, 25)
	f.Limit, f.Offset = pg.Size, pg.Offset()
	items, total, err := h.Store.List(ctx, f)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	pg.Total = total
	units, err := h.Store.AssignedUnits(ctx, f)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p := h.Render.NewPage(w, r, i18n.T(web.LangFrom(r), "feedback.inbox_title"),
		inboxPage{Items: items, Units: units, Topics: Topics, Status: Statuses, Pager: pg, Today: f.Today})
	h.Render.Render(w, r, http.StatusOK, "feedback/inbox", p)
}

// Export writes the inbox as filtered to CSV (UTF-8 with a byte-order mark, which
// spreadsheet programs read as Vietnamese): no sender's personal data.
func (h *HTTP) Export(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	sc, err := h.scope(ctx)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	f := filterOf(r.URL.Query())
	f.Agencies, f.Units, f.Today, f.Limit = sc.Handle, sc.Answer, h.today(), 100000
	items, _, err := h.Store.List(ctx, f)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	lang := web.LangFrom(r)
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="phan-anh-kien-nghi.csv"`)
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write([]byte("\uFEFF"))
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{i18n.T(lang, "feedback.code"), i18n.T(lang, "feedback.received_at"), i18n.T(lang, "feedback.agency"),
		i18n.T(lang, "feedback.topic"), i18n.T(lang, "feedback.status"), i18n.T(lang, "feedback.unit"), i18n.T(lang, "feedback.due_on"),
		i18n.T(lang, "feedback.overdue"), i18n.T(lang, "feedback.answered_at")})
	for _, it := range items {
		overdue := ""
		if it.Overdue(f.Today) {
			overdue = i18n.T(lang, "feedback.yes")
		}
		_ = cw.Write([]string{it.Code, vn.DateTime(it.ReceivedAt), it.AgencyName, i18n.T(lang, TopicLabel(it.Topic)),
			i18n.T(lang, it.Status.Label()), it.UnitName, it.DueOn.Short(), overdue, vn.DateTime(it.AnsweredAt)})
	}
	cw.Flush()
}

type itemPage struct {
	It        *Item
	Events    []Event
	Units     []Receiver
	Templates []*Template
	CanHandle bool
	CanAnswer bool
	Overdue   bool
	Today     vn.Date
	MaxFiles  int
	MaxFileMB int
}

// Item shows one feedback with what may be done about it.
func (h *HTTP) Item(w http.ResponseWriter, r *http.Request) {
	h.showItem(w, r, http.StatusOK, nil, nil)
}

// showItem renders the item page; form, when not nil, is what was typed into one of
// its forms, shown again.
func (h *HTTP) showItem(w http.ResponseWriter, r *http.Request, status int, errs valid.Errors, form url.Values) {
	ctx := r.Context()
	it, err := h.Store.Get(ctx, r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	data := itemPage{It: it, CanHandle: h.can(ctx, auth.ActFeedbackHandle, it.AgencyID),
		CanAnswer: h.can(ctx, auth.ActFeedbackAnswer, it.Handler()), Today: h.today(), MaxFiles: MaxFiles, MaxFileMB: MaxFileBytes >> 20}
	data.Overdue = it.Overdue(data.Today)
	if !data.CanHandle && !data.CanAnswer {
		h.Render.Error(w, r, http.StatusForbidden)
		return
	}
	if data.Events, err = h.Store.Events(ctx, it.ID); err != nil {
		h.fail(w, r, err)
		return
	}
	if data.CanHandle && it.Status.Open() {
		if data.Units, err = h.Store.Units(ctx, it.AgencyID); err != nil {
			h.fail(w, r, err)
			return
		}
	}
	if data.CanAnswer && it.Status.Open() {
		// The templates of the answering agency and of the agencies above it.
		anc, err := h.Agencies.Ancestry(ctx, it.Handler())
		if err != nil {
			h.fail(w, r, err)
			return
		}
		if data.Templates, err = h.Store.Templates(ctx, anc); err != nil {
			h.fail(w, r, err)
			return
		}
	}
	p := h.Render.NewPage(w, r, it.Code, data)
	p.Errors, p.Form = errs, form
	if p.Form == nil && it.Answered() {
		// The publication form starts from the original, for staff to edit.
		p.Form = url.Values{"public_title": {it.PublicTitle}, "public_question": {orDefault(it.PublicQ, it.Content)},
			"public_answer": {orDefault(it.PublicA, it.Answer)}}
		if it.PublicFiles {
			p.Form.Set("public_files", "1")
		}
	}
	noStore(w)
	h.Render.Render(w, r, status, "feedback/item", p)
}

func orDefault(v, def string) string {
	if v == "" {
		return def
	}
	return v
}

// after answers a change of an item: back to its page, or the page again with what
// is wrong and what was typed.
func (h *HTTP) after(w http.ResponseWriter, r *http.Request, err error, done string, keep ...string) {
	typed := url.Values{}
	for _, k := range keep {
		typed[k] = r.PostForm[k]
	}
	var ve *valid.Error
	switch {
	case err == nil:
		web.Flash(w, done)
		web.Redirect(w, r, "/feedback/"+r.PathValue("id"))
	case errors.As(err, &ve):
		h.showItem(w, r, http.StatusUnprocessableEntity, ve.Fields, typed)
	case errors.Is(err, ErrStale):
		h.showItem(w, r, http.StatusConflict, valid.Errors{"": i18n.M("form.stale")}, typed)
	case errors.Is(err, ErrState):
		h.showItem(w, r, http.StatusConflict, valid.Errors{"": i18n.M("feedback.err.state")}, nil)
	case errors.Is(err, store.ErrDuplicateSubmit):
		web.Flash(w, "form.double_submit")
		web.Redirect(w, r, "/feedback/"+r.PathValue("id"))
	default:
		h.fail(w, r, err)
	}
}

// permitted loads the item of the request and tells whether the viewer may do action
// on it (at its receiving agency for handling, at its handler for answering).
func (h *HTTP) permitted(w http.ResponseWriter, r *http.Request, action auth.Action) (*Item, bool) {
	ctx := r.Context()
	it, err := h.Store.Get(ctx, r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return nil, false
	}
	at := it.AgencyID
	if action == auth.ActFeedbackAnswer {
		at = it.Handler()
	}
	if !h.can(ctx, action, at) {
		h.Render.Error(w, r, http.StatusForbidden)
		return nil, false
	}
	return it, true
}

// Assign gives the item to a unit.
func (h *HTTP) Assign(w http.ResponseWriter, r *http.Request) {
	it, ok := h.permitted(w, r, auth.ActFeedbackHandle)
	if !ok {
		return
	}
	_, err := h.Store.Assign(r.Context(), it.ID, atoi(r.PostFormValue("row_version")), r.PostFormValue("unit_id"), r.PostFormValue("note"))
	h.after(w, r, err, "feedback.done_assigned", "unit_id", "note")
}

// Answer records the answer, or — with op=insert — puts a template into the answer
// being written and shows the form again, nothing saved.
func (h *HTTP) Answer(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	it, ok := h.permitted(w, r, auth.ActFeedbackAnswer)
	if !ok {
		return
	}
	if r.PostFormValue("op") == "insert" {
		h.insertTemplate(w, r, it)
		return
	}
	_, err := h.Store.Answer(ctx, it.ID, atoi(r.PostFormValue("row_version")), r.PostFormValue("answer"), uploadsOf(r, "answer_files"))
	h.after(w, r, err, "feedback.done_answered", "answer")
}

func (h *HTTP) insertTemplate(w http.ResponseWriter, r *http.Request, it *Item) {
	ctx := r.Context()
	typed := url.Values{"answer": {r.PostFormValue("answer")}}
	t, err := h.Store.Template(ctx, r.PostFormValue("template_id"))
	if errors.Is(err, store.ErrNotFound) {
		h.showItem(w, r, http.StatusUnprocessableEntity, valid.Errors{"template_id": i18n.M("feedback.err.template_pick")}, typed)
		return
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	// Only a template of the answering agency or one above it.
	anc, err := h.Agencies.Ancestry(ctx, it.Handler())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	mine := false
	for _, a := range anc {
		mine = mine || a == t.AgencyID
	}
	if !mine {
		h.showItem(w, r, http.StatusUnprocessableEntity, valid.Errors{"template_id": i18n.M("feedback.err.template_pick")}, typed)
		return
	}
	text := strings.TrimRight(r.PostFormValue("answer"), " \r\n")
	if text != "" {
		text += "\n\n"
	}
	typed.Set("answer", text+t.Fill(it))
	typed.Set("template_id", t.ID)
	if ups := uploadsOf(r, "answer_files"); len(ups) > 0 {
		h.showItem(w, r, http.StatusOK, valid.Errors{"answer_files": i18n.M("feedback.files_again")}, typed)
		return
	}
	h.showItem(w, r, http.StatusOK, nil, typed)
}

// Reject closes the item without an answer, with a reason.
func (h *HTTP) Reject(w http.ResponseWriter, r *http.Request) {
	it, ok := h.permitted(w, r, auth.ActFeedbackHandle)
	if !ok {
		return
	}
	_, err := h.Store.Reject(r.Context(), it.ID, atoi(r.PostFormValue("row_version")), r.PostFormValue("reason"))
	h.after(w, r, err, "feedback.done_rejected", "reason")
}

// Publish puts the question and answer, as edited, on the portal.
func (h *HTTP) Publish(w http.ResponseWriter, r *http.Request) {
	it, ok := h.permitted(w, r, auth.ActFeedbackHandle)
	if !ok {
		return
	}
	_, err := h.Store.Publish(r.Context(), it.ID, atoi(r.PostFormValue("row_version")), Publication{
		Title: r.PostFormValue("public_title"), Question: r.PostFormValue("public_question"),
		Answer: r.PostFormValue("public_answer"), Files: r.PostFormValue("public_files") == "1"})
	h.after(w, r, err, "feedback.done_published", "public_title", "public_question", "public_answer", "public_files")
}

// Unpublish takes the question and answer off the portal.
func (h *HTTP) Unpublish(w http.ResponseWriter, r *http.Request) {
	it, ok := h.permitted(w, r, auth.ActFeedbackHandle)
	if !ok {
		return
	}
	_, err := h.Store.Unpublish(r.Context(), it.ID, atoi(r.PostFormValue("row_version")))
	h.after(w, r, err, "feedback.done_unpublished")
}

// File sends a file of the item (the sender's or the answer's) to staff who may read it.
func (h *HTTP) File(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	it, err := h.Store.Get(ctx, r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if !h.can(ctx, auth.ActFeedbackHandle, it.AgencyID) && !h.can(ctx, auth.ActFeedbackAnswer, it.Handler()) {
		h.Render.Error(w, r, http.StatusForbidden)
		return
	}
	h.serve(w, r, append(append([]Attachment{}, it.Files...), it.AnswerFiles...), r.PathValue("hash"))
}
