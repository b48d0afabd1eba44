package survey

import (
	"bytes"
	"embed"
	"errors"
	"log/slog"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"loa/internal/agency"
	"loa/internal/auth"
	"loa/internal/i18n"
	"loa/internal/store"
	"loa/internal/valid"
	"loa/internal/web"
)

// Templates are the survey pages, staff and public.
//
//go:embed templates
var Templates embed.FS

// HTTP serves the staff's survey pages (/surveys/…) and the public ones (/khao-sat/…).
type HTTP struct {
	Store    *Store
	Agencies *agency.Store
	Render   *web.Renderer
	Log      *slog.Logger
	// SecureCookies marks the respondents' cookies Secure: the site is served over https.
	SecureCookies bool
}

const pageSize = 25

func (h *HTTP) fail(w http.ResponseWriter, r *http.Request, err error) {
	switch {
	case errors.Is(err, store.ErrNotFound):
		h.Render.Error(w, r, http.StatusNotFound)
	case errors.Is(err, store.ErrDuplicateSubmit):
		web.Flash(w, "form.double_submit")
		back := "/surveys"
		if id := r.PathValue("id"); id != "" {
			back += "/" + id
		}
		web.Redirect(w, r, back)
	default:
		h.Log.Error("survey", "err", err, "request_id", web.RequestID(r.Context()))
		h.Render.Error(w, r, http.StatusInternalServerError)
	}
}

func (h *HTTP) lang(r *http.Request) i18n.Lang { return web.LangFrom(r) }

// managed lists the agencies at which the user manages surveys.
func (h *HTTP) managed(r *http.Request) ([]*agency.Node, error) {
	all, err := h.Agencies.All(r.Context())
	if err != nil {
		return nil, err
	}
	me := auth.FromContext(r.Context())
	anc := agency.Ancestries(all)
	var out []*agency.Node
	for _, n := range agency.Flatten(agency.BuildTree(all, false)) {
		if auth.Can(me, auth.ActSurveyManage, anc[n.ID]) {
			out = append(out, n)
		}
	}
	return out, nil
}

type listPage struct {
	Rows     []listRow
	Pager    web.Pager
	Status   string
	Kind     string
	Kinds    []Kind
	Statuses []Status
}

type listRow struct {
	*Survey
	Phase Phase
}

// List shows the surveys of the agencies where the user manages surveys.
func (h *HTTP) List(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	nodes, err := h.managed(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	ids := make([]string, len(nodes))
	for i, n := range nodes {
		ids[i] = n.ID
	}
	q := r.URL.Query()
	f := Filter{Agencies: ids}
	data := listPage{Kinds: Kinds, Statuses: []Status{StatusDraft, StatusOpen, StatusClosed}}
	if st := Status(q.Get("status")); slices.Contains(data.Statuses, st) {
		f.Status, data.Status = st, string(st)
	}
	if k := Kind(q.Get("kind")); k.Valid() {
		f.Kind, data.Kind = k, string(k)
	}
	data.Pager = web.PagerFrom(r, pageSize)
	f.Limit, f.Offset = data.Pager.Size, data.Pager.Offset()
	rows, total, err := h.Store.List(ctx, f)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	data.Pager.Total = total
	now := h.Store.Now()
	for _, sv := range rows {
		data.Rows = append(data.Rows, listRow{Survey: sv, Phase: sv.PhaseAt(now)})
	}
	p := h.Render.NewPage(w, r, i18n.T(h.lang(r), "survey.list_title"), data)
	h.Render.Render(w, r, http.StatusOK, "survey/list", p)
}

type settingsPage struct {
	Survey  *Survey
	Input   Settings
	Editing bool
	Owners  []*agency.Node
	Kinds   []Kind
	Limits  []Limit
	OpensAt string
	Closes  string
}

func (h *HTTP) showSettings(w http.ResponseWriter, r *http.Request, status int, data settingsPage, errs valid.Errors) {
	data.Kinds, data.Limits = Kinds, Limits
	if !data.Editing {
		owners, err := h.managed(r)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		data.Owners = owners
		if data.Input.AgencyID == "" {
			me := auth.FromContext(r.Context())
			for _, n := range owners {
				if n.ID == me.User.AgencyID || data.Input.AgencyID == "" {
					data.Input.AgencyID = n.ID
				}
			}
		}
	}
	title := "survey.new_title"
	if data.Editing {
		title = "survey.edit_title"
	}
	p := h.Render.NewPage(w, r, i18n.T(h.lang(r), title), data)
	if errs != nil {
		p.Errors, p.Form = errs, r.PostForm
	}
	h.Render.Render(w, r, status, "survey/settings", p)
}

// New shows the form for a new survey.
func (h *HTTP) New(w http.ResponseWriter, r *http.Request) {
	in := Settings{Kind: string(KindSatisfaction), Limit: string(LimitBrowser), ResultsPublic: true}
	h.showSettings(w, r, http.StatusOK, settingsPage{Input: in}, nil)
}

func settingsFrom(r *http.Request) Settings {
	f := r.PostForm
	return Settings{AgencyID: f.Get("agency_id"), Kind: f.Get("kind"), Title: f.Get("title"), Intro: f.Get("intro"),
		Thanks: f.Get("thanks"), Slug: f.Get("slug"), OpensAt: f.Get("opens_at"), ClosesAt: f.Get("closes_at"),
		Limit: f.Get("limit"), ResultsPublic: f.Get("results_public") == "1", PublishText: f.Get("publish_text") == "1"}
}

// Create makes a draft survey and goes to it, to add questions.
func (h *HTTP) Create(w http.ResponseWriter, r *http.Request) {
	in := settingsFrom(r)
	sv, err := h.Store.Create(r.Context(), in)
	var ve *valid.Error
	switch {
	case errors.As(err, &ve):
		h.showSettings(w, r, http.StatusUnprocessableEntity, settingsPage{Input: in}, ve.Fields)
	case err != nil:
		h.fail(w, r, err)
	default:
		web.Flash(w, "survey.created")
		web.Redirect(w, r, "/surveys/"+sv.ID)
	}
}

// Edit shows the settings form of a survey.
func (h *HTTP) Edit(w http.ResponseWriter, r *http.Request) {
	sv, err := h.Store.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	in := Settings{AgencyID: sv.AgencyID, Kind: string(sv.Kind), Title: sv.Title, Intro: sv.Intro, Thanks: sv.Thanks, Slug: sv.Slug,
		OpensAt: FormatWhen(sv.OpensAt), ClosesAt: FormatWhen(sv.ClosesAt), Limit: string(sv.Limit), ResultsPublic: sv.ResultsPublic,
		PublishText: sv.PublishText}
	h.showSettings(w, r, http.StatusOK, settingsPage{Survey: sv, Input: in, Editing: true}, nil)
}

// Update saves the settings form; a concurrent save sends the form back with what
// this user typed.
func (h *HTTP) Update(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	sv, err := h.Store.Get(ctx, r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	in := settingsFrom(r)
	in.AgencyID = sv.AgencyID
	version, _ := strconv.Atoi(r.PostFormValue("row_version"))
	_, err = h.Store.UpdateSettings(ctx, sv.ID, version, in)
	data := settingsPage{Survey: sv, Input: in, Editing: true}
	var ve *valid.Error
	switch {
	case errors.As(err, &ve):
		h.showSettings(w, r, http.StatusUnprocessableEntity, data, ve.Fields)
	case errors.Is(err, ErrStale):
		h.showSettings(w, r, http.StatusConflict, data, valid.Errors{"": i18n.M("form.stale")})
	case err != nil:
		h.fail(w, r, err)
	default:
		web.Flash(w, "form.saved")
		web.Redirect(w, r, "/surveys/"+sv.ID)
	}
}

type viewPage struct {
	Survey     *Survey
	Phase      Phase
	Problems   []i18n.Msg
	QKinds     []QKind
	PublicPath string
	Codes      CodeStats
}

func (h *HTTP) showView(w http.ResponseWriter, r *http.Request, status int, sv *Survey, errs valid.Errors) {
	now := h.Store.Now()
	data := viewPage{Survey: sv, Phase: sv.PhaseAt(now), QKinds: QKinds, PublicPath: PublicPath(sv.Slug)}
	if sv.Status == StatusDraft {
		problems := sv.Problems(now)
		if m, ok := problems[""]; ok {
			data.Problems = append(data.Problems, m)
		}
		for _, q := range sv.Questions {
			if m, ok := problems[q.ID]; ok {
				data.Problems = append(data.Problems, m)
			}
		}
		if m, ok := problems["closes_at"]; ok {
			data.Problems = append(data.Problems, m)
		}
	}
	if sv.Limit == LimitCode {
		var err error
		if _, data.Codes, err = h.Store.Codes(r.Context(), sv.ID, 1, 0); err != nil {
			h.fail(w, r, err)
			return
		}
	}
	p := h.Render.NewPage(w, r, sv.Title, data)
	p.Errors = errs
	h.Render.Render(w, r, status, "survey/view", p)
}

// View shows a survey: its settings, its questions (reordered, edited and removed
// here while it is a draft), and what may be done with it.
func (h *HTTP) View(w http.ResponseWriter, r *http.Request) {
	sv, err := h.Store.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.showView(w, r, http.StatusOK, sv, nil)
}

// Act opens, closes or takes back to the draft a survey; a refusal shows the survey
// with the reason.
func (h *HTTP) Act(action string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		id := r.PathValue("id")
		var err error
		switch action {
		case "open":
			err = h.Store.Open(ctx, id)
		case "close":
			err = h.Store.Close(ctx, id)
		case "draft":
			err = h.Store.ToDraft(ctx, id)
		default:
			err = store.ErrNotFound
		}
		if ref, ok := AsRefusal(err); ok {
			sv, gerr := h.Store.Get(ctx, id)
			if gerr != nil {
				h.fail(w, r, gerr)
				return
			}
			h.showView(w, r, http.StatusConflict, sv, valid.Errors{"": ref.Msg})
			return
		}
		if err != nil {
			h.fail(w, r, err)
			return
		}
		web.Flash(w, "survey.done_"+action)
		web.Redirect(w, r, "/surveys/"+id)
	}
}

type questionPage struct {
	Survey   *Survey
	Question *Question // nil for a new one
	Input    QuestionInput
	QKinds   []QKind
}

func (h *HTTP) showQuestion(w http.ResponseWriter, r *http.Request, status int, data questionPage, errs valid.Errors) {
	data.QKinds = QKinds
	title := i18n.T(h.lang(r), "survey.question_new")
	if data.Question != nil {
		title = i18n.T(h.lang(r), "survey.question_edit", data.Question.Position)
	}
	p := h.Render.NewPage(w, r, title, data)
	if errs != nil {
		p.Errors, p.Form = errs, r.PostForm
	}
	h.Render.Render(w, r, status, "survey/question", p)
}

// editable loads the survey of the request and refuses, with the survey shown, when
// its questions may no longer change.
func (h *HTTP) editable(w http.ResponseWriter, r *http.Request) (*Survey, bool) {
	sv, err := h.Store.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return nil, false
	}
	if !sv.Editable() {
		h.showView(w, r, http.StatusConflict, sv, valid.Errors{"": ErrNotEditable.Msg})
		return nil, false
	}
	return sv, true
}

// NewQuestion shows the editor for a new question of the kind asked (?kind=).
func (h *HTTP) NewQuestion(w http.ResponseWriter, r *http.Request) {
	sv, ok := h.editable(w, r)
	if !ok {
		return
	}
	k := QKind(r.URL.Query().Get("kind"))
	if !k.Valid() {
		k = QSingle
	}
	h.showQuestion(w, r, http.StatusOK, questionPage{Survey: sv, Input: NewQuestionInput(k)}, nil)
}

func questionFrom(r *http.Request) QuestionInput {
	f := r.PostForm
	return QuestionInput{Kind: f.Get("kind"), Text: f.Get("text"), Help: f.Get("help"), Section: f.Get("section"),
		Required: f.Get("required") == "1", Options: f.Get("options"), MinChoice: f.Get("min_choices"), MaxChoice: f.Get("max_choices"),
		ScaleMin: f.Get("scale_min"), ScaleMax: f.Get("scale_max"), LabelLow: f.Get("label_low"), LabelHigh: f.Get("label_high")}
}

// CreateQuestion adds the question; "save and add another" opens a new one of the
// same kind.
func (h *HTTP) CreateQuestion(w http.ResponseWriter, r *http.Request) {
	sv, ok := h.editable(w, r)
	if !ok {
		return
	}
	in := questionFrom(r)
	q, err := h.Store.AddQuestion(r.Context(), sv.ID, in)
	h.afterQuestion(w, r, sv, nil, in, q, err)
}

func (h *HTTP) afterQuestion(w http.ResponseWriter, r *http.Request, sv *Survey, old *Question, in QuestionInput, q *Question, err error) {
	var ve *valid.Error
	if ref, ok := AsRefusal(err); ok {
		h.showQuestion(w, r, http.StatusConflict, questionPage{Survey: sv, Question: old, Input: in}, valid.Errors{"": ref.Msg})
		return
	}
	switch {
	case errors.As(err, &ve):
		h.showQuestion(w, r, http.StatusUnprocessableEntity, questionPage{Survey: sv, Question: old, Input: in}, ve.Fields)
	case err != nil:
		h.fail(w, r, err)
	case r.PostFormValue("next") == "another":
		web.Flash(w, "survey.question_saved")
		web.Redirect(w, r, "/surveys/"+sv.ID+"/questions/new?kind="+in.Kind)
	default:
		web.Flash(w, "survey.question_saved")
		id := ""
		if q != nil {
			id = q.ID
		} else if old != nil {
			id = old.ID
		}
		web.Redirect(w, r, "/surveys/"+sv.ID+"#q-"+id)
	}
}

// EditQuestion shows the editor for a question.
func (h *HTTP) EditQuestion(w http.ResponseWriter, r *http.Request) {
	sv, ok := h.editable(w, r)
	if !ok {
		return
	}
	q := sv.question(r.PathValue("qid"))
	if q == nil {
		h.Render.Error(w, r, http.StatusNotFound)
		return
	}
	h.showQuestion(w, r, http.StatusOK, questionPage{Survey: sv, Question: q, Input: InputOf(q)}, nil)
}

// UpdateQuestion saves the editor.
func (h *HTTP) UpdateQuestion(w http.ResponseWriter, r *http.Request) {
	sv, ok := h.editable(w, r)
	if !ok {
		return
	}
	q := sv.question(r.PathValue("qid"))
	if q == nil {
		h.Render.Error(w, r, http.StatusNotFound)
		return
	}
	in := questionFrom(r)
	err := h.Store.UpdateQuestion(r.Context(), sv.ID, q.ID, in)
	h.afterQuestion(w, r, sv, q, in, nil, err)
}

// Order applies a button of the questions list: up:i, down:i, remove:i, or renumber
// after a drag and drop (the qid fields in their new order). With htmx the list is
// shown again in place; without, the page is.
func (h *HTTP) Order(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	sv, ok := h.editable(w, r)
	if !ok {
		return
	}
	order := slices.Clone(r.PostForm["qid"])
	verb, arg, _ := strings.Cut(r.PostFormValue("op"), ":")
	i, err := strconv.Atoi(arg)
	if verb != "renumber" && (err != nil || i < 0 || i >= len(order)) {
		h.Render.Error(w, r, http.StatusBadRequest)
		return
	}
	remove := ""
	switch verb {
	case "up":
		if i > 0 {
			order[i-1], order[i] = order[i], order[i-1]
		}
	case "down":
		if i+1 < len(order) {
			order[i+1], order[i] = order[i], order[i+1]
		}
	case "remove":
		remove = order[i]
	case "renumber":
	default:
		h.Render.Error(w, r, http.StatusBadRequest)
		return
	}
	err = h.Store.Reorder(ctx, sv.ID, order, remove)
	if ref, ok := AsRefusal(err); ok {
		fresh, gerr := h.Store.Get(ctx, sv.ID)
		if gerr != nil {
			h.fail(w, r, gerr)
			return
		}
		h.showView(w, r, http.StatusConflict, fresh, valid.Errors{"": ref.Msg})
		return
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if r.Header.Get("HX-Request") == "true" {
		fresh, err := h.Store.Get(ctx, sv.ID)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		h.showView(w, r, http.StatusOK, fresh, nil)
		return
	}
	if remove != "" {
		web.Flash(w, "survey.question_removed")
	}
	web.Redirect(w, r, "/surveys/"+sv.ID+"#questions")
}

// Preview shows the answer form as the public will see it, without taking answers.
func (h *HTTP) Preview(w http.ResponseWriter, r *http.Request) {
	sv, err := h.Store.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	data := h.answerData(sv, true)
	p := h.Render.NewPublicPage(r, sv.Title, data)
	w.Header().Set("Cache-Control", "no-store")
	h.Render.RenderPublic(w, r, http.StatusOK, "survey/answer", p)
}

type codesPage struct {
	Survey *Survey
	Rows   []Code
	Stats  CodeStats
	Pager  web.Pager
	Max    int
}

// Codes lists a survey's invitation codes and offers to make more.
func (h *HTTP) Codes(w http.ResponseWriter, r *http.Request) {
	h.showCodes(w, r, http.StatusOK, nil)
}

func (h *HTTP) showCodes(w http.ResponseWriter, r *http.Request, status int, errs valid.Errors) {
	ctx := r.Context()
	sv, err := h.Store.Get(ctx, r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	data := codesPage{Survey: sv, Pager: web.PagerFrom(r, 100), Max: MaxCodes}
	data.Rows, data.Stats, err = h.Store.Codes(ctx, sv.ID, data.Pager.Size, data.Pager.Offset())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	data.Pager.Total = data.Stats.Total
	p := h.Render.NewPage(w, r, i18n.T(h.lang(r), "survey.codes_title"), data)
	if errs != nil {
		p.Errors, p.Form = errs, r.PostForm
	}
	h.Render.Render(w, r, status, "survey/codes", p)
}

// GenerateCodes makes a batch of invitation codes.
func (h *HTTP) GenerateCodes(w http.ResponseWriter, r *http.Request) {
	n, err := strconv.Atoi(strings.TrimSpace(r.PostFormValue("count")))
	if err != nil || n < 1 || n > MaxCodes {
		h.showCodes(w, r, http.StatusUnprocessableEntity, valid.Errors{"count": i18n.M("survey.err.codes_count", MaxCodes)})
		return
	}
	batch := strings.TrimSpace(r.PostFormValue("batch"))
	if len([]rune(batch)) > 200 {
		h.showCodes(w, r, http.StatusUnprocessableEntity, valid.Errors{"batch": i18n.M("valid.too_long", 200)})
		return
	}
	if _, err := h.Store.GenerateCodes(r.Context(), r.PathValue("id"), n, batch); err != nil {
		if ref, ok := AsRefusal(err); ok {
			h.showCodes(w, r, http.StatusConflict, valid.Errors{"": ref.Msg})
			return
		}
		h.fail(w, r, err)
		return
	}
	web.Flash(w, "survey.codes_made")
	web.Redirect(w, r, "/surveys/"+r.PathValue("id")+"/codes")
}

// ExportCodes sends every code of the survey as a workbook or CSV, to print or merge.
func (h *HTTP) ExportCodes(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	sv, err := h.Store.Get(ctx, r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	codes, _, err := h.Store.Codes(ctx, sv.ID, 0, 0)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	base := h.Render.Site().BaseURL
	var buf bytes.Buffer
	switch r.PathValue("format") {
	case "xlsx":
		err = WriteCodesXLSX(&buf, sv, codes, base, h.lang(r))
		h.send(w, r, &buf, err, sv.Slug+"-ma-moi.xlsx")
	case "csv":
		err = WriteCodesCSV(&buf, sv, codes, base, h.lang(r))
		h.send(w, r, &buf, err, sv.Slug+"-ma-moi.csv")
	default:
		h.Render.Error(w, r, http.StatusNotFound)
	}
}

var contentTypes = map[string]string{
	".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	".csv":  "text/csv; charset=utf-8",
}

// send writes a file made in memory (so a failure gives an error page, not half a
// file) as an attachment.
func (h *HTTP) send(w http.ResponseWriter, r *http.Request, buf *bytes.Buffer, err error, name string) {
	if err != nil {
		h.fail(w, r, err)
		return
	}
	hd := w.Header()
	hd.Set("Content-Type", contentTypes[name[strings.LastIndexByte(name, '.'):]])
	hd.Set("Content-Disposition", `attachment; filename="`+name+`"`)
	hd.Set("Cache-Control", "no-store")
	_, _ = w.Write(buf.Bytes())
}

type resultsPage struct {
	Survey  *Survey
	Results *Results
	Staff   bool
	Phase   Phase
	// Texts are the newest free-text answers per question id, when shown.
	Texts map[string][]TextAnswer
	// PublicLink is the public results page, for the staff, once it is published.
	PublicLink string
}

// Results shows a survey's results to the staff at any time: figures, charts, and
// the free-text answers (a page of them per question).
func (h *HTTP) Results(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	sv, err := h.Store.Get(ctx, r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	res, err := h.Store.Results(ctx, sv, i18n.T(h.lang(r), "survey.axis_percent"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	data := resultsPage{Survey: sv, Results: res, Staff: true, Phase: sv.PhaseAt(h.Store.Now()), Texts: map[string][]TextAnswer{}}
	if sv.PublicResults(h.Store.Now()) {
		data.PublicLink = PublicPath(sv.Slug) + "/ket-qua"
	}
	for _, q := range sv.Questions {
		if q.Kind == QText {
			if data.Texts[q.ID], _, err = h.Store.TextAnswers(ctx, sv.ID, q.ID, 5, 0); err != nil {
				h.fail(w, r, err)
				return
			}
		}
	}
	p := h.Render.NewPage(w, r, i18n.T(h.lang(r), "survey.results_of", sv.Title), data)
	h.Render.Render(w, r, http.StatusOK, "survey/results", p)
}

type textsPage struct {
	Survey   *Survey
	Question *Question
	Number   int
	Rows     []TextAnswer
	Pager    web.Pager
}

// TextAnswers lists the free-text answers to one question, a page at a time.
func (h *HTTP) TextAnswers(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	sv, err := h.Store.Get(ctx, r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	q := sv.question(r.PathValue("qid"))
	if q == nil || q.Kind != QText {
		h.Render.Error(w, r, http.StatusNotFound)
		return
	}
	data := textsPage{Survey: sv, Question: q, Number: slices.Index(sv.Questions, q) + 1, Pager: web.PagerFrom(r, 50)}
	data.Rows, data.Pager.Total, err = h.Store.TextAnswers(ctx, sv.ID, q.ID, data.Pager.Size, data.Pager.Offset())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p := h.Render.NewPage(w, r, i18n.T(h.lang(r), "survey.texts_title", data.Number), data)
	h.Render.Render(w, r, http.StatusOK, "survey/texts", p)
}

// ExportResults sends the results: xlsx (summary and every response), csv (every
// response) or summary.csv (counts and percentages).
func (h *HTTP) ExportResults(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	sv, err := h.Store.Get(ctx, r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	lang := h.lang(r)
	format := r.PathValue("format")
	if format != "xlsx" && format != "csv" && format != "summary.csv" {
		h.Render.Error(w, r, http.StatusNotFound)
		return
	}
	res, err := h.Store.Results(ctx, sv, i18n.T(lang, "survey.axis_percent"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var buf bytes.Buffer
	if format == "summary.csv" {
		err = WriteSummaryCSV(&buf, res, lang)
		h.send(w, r, &buf, err, sv.Slug+"-tong-hop.csv")
		return
	}
	responses, err := h.Store.Responses(ctx, sv)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if format == "xlsx" {
		err = WriteResultsXLSX(&buf, sv, res, responses, lang)
		h.send(w, r, &buf, err, sv.Slug+"-ket-qua.xlsx")
		return
	}
	err = WriteResponsesCSV(&buf, sv, responses, lang)
	h.send(w, r, &buf, err, sv.Slug+"-phieu-tra-loi.csv")
}
