package survey

import (
	"context"
	"errors"
	"net/http"
	"time"

	"loa/internal/i18n"
	"loa/internal/store"
	"loa/internal/valid"
	"loa/internal/web"
)

// Public answering limits.
const (
	// MaxPostsPerWindow is how many answers one address may post to one survey in ten
	// minutes: more than a family sharing a connection or a kiosk at the one-stop
	// shop needs, far less than a script wants.
	MaxPostsPerWindow = 30
	// tokenLife is how long a shown form may wait before it is sent.
	tokenLife = 7 * 24 * time.Hour
	// respondentCookie is the cookie, scoped to one survey's address, that holds the
	// signed respondent id.
	respondentCookie = "loa_ks"
	// honeypot is a field people never see nor fill; scripts that fill every field do.
	honeypot = "website"
)

type publicListPage struct {
	Open   []*Survey
	Closed []*Survey
	Now    time.Time
}

// Phase is the survey's phase when the page was made.
func (p publicListPage) Phase(s *Survey) Phase { return s.PhaseAt(p.Now) }

// PublicList shows the surveys taking answers and the closed ones with published results.
func (h *HTTP) PublicList(w http.ResponseWriter, r *http.Request) {
	now := h.Store.Now()
	open, closed, err := h.Store.Public(r.Context(), now)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p := h.Render.NewPublicPage(r, i18n.T(h.lang(r), "survey.public_title"), publicListPage{Open: open, Closed: closed, Now: now})
	h.Render.RenderPublic(w, r, http.StatusOK, "survey/public_list", p)
}

// group is a section of the answer form.
type group struct {
	Heading   string
	Questions []numbered
}

type numbered struct {
	N int
	*Question
}

type problem struct {
	N     int
	Field string
	Msg   i18n.Msg
}

type answerPage struct {
	Survey  *Survey
	Phase   Phase
	Groups  []group
	Preview bool
	// Notice is a catalogue key shown instead of the form (already answered, closed …).
	Notice      string
	AnswerToken string
	Code        string
	// Problems are the errors in the order of the questions, for the summary at the top.
	Problems []problem
	Honeypot string
}

func (h *HTTP) answerData(sv *Survey, preview bool) *answerPage {
	data := &answerPage{Survey: sv, Phase: sv.PhaseAt(h.Store.Now()), Preview: preview, Honeypot: honeypot}
	for i, q := range sv.Questions {
		if len(data.Groups) == 0 || q.Section != "" {
			data.Groups = append(data.Groups, group{Heading: q.Section})
		}
		g := &data.Groups[len(data.Groups)-1]
		g.Questions = append(g.Questions, numbered{N: i + 1, Question: q})
	}
	return data
}

// published loads the survey of /khao-sat/{slug}; a draft does not exist for the public.
func (h *HTTP) published(w http.ResponseWriter, r *http.Request) (*Survey, bool) {
	sv, err := h.Store.BySlug(r.Context(), r.PathValue("slug"))
	if err == nil && sv.Status == StatusDraft {
		err = store.ErrNotFound
	}
	if err != nil {
		h.fail(w, r, err)
		return nil, false
	}
	return sv, true
}

// respondent reads the survey's cookie, or sets a new one; known is false when the
// request came without a valid one.
func (h *HTTP) respondent(w http.ResponseWriter, r *http.Request, sv *Survey) (id string, known bool) {
	if c, err := r.Cookie(respondentCookie); err == nil {
		if id, ok := sv.Respondent(c.Value); ok {
			return id, true
		}
	}
	value := sv.NewRespondent()
	http.SetCookie(w, &http.Cookie{Name: respondentCookie, Value: value, Path: PublicPath(sv.Slug), MaxAge: 365 * 24 * 3600,
		HttpOnly: true, Secure: h.SecureCookies, SameSite: http.SameSiteLaxMode})
	id, _ = sv.Respondent(value)
	return id, false
}

// tokenSubject is what an answer token is bound to besides its form: the respondent
// when the survey counts browsers; nothing otherwise, so that a visitor who refuses
// cookies may still answer by invitation code or at a kiosk.
func tokenSubject(sv *Survey, respondent string) string {
	if sv.Limit == LimitBrowser {
		return respondent
	}
	return ""
}

// showAnswer renders the answer form (or its notice) with status; when the form is
// shown again, what was typed is kept and each problem is shown beside its question
// and listed at the top.
func (h *HTTP) showAnswer(w http.ResponseWriter, r *http.Request, status int, sv *Survey, respondent, notice string, errs valid.Errors) {
	data := h.answerData(sv, false)
	data.Notice = notice
	data.Code = NormalizeCode(r.URL.Query().Get("ma"))
	if data.Code == "?" {
		data.Code = ""
	}
	p := h.Render.NewPublicPage(r, sv.Title, data)
	p.FormToken = web.NewFormToken()
	data.AnswerToken = sv.AnswerToken(tokenSubject(sv, respondent), p.FormToken, h.Store.Now().Add(tokenLife))
	if r.Method == http.MethodPost {
		p.Form = r.PostForm
		data.Code = r.PostFormValue("code")
	}
	if len(errs) > 0 {
		p.Errors = errs
		if m, ok := errs[""]; ok {
			data.Problems = append(data.Problems, problem{Msg: m})
		}
		if m, ok := errs["code"]; ok {
			data.Problems = append(data.Problems, problem{Field: "code", Msg: m})
		}
		for _, g := range data.Groups {
			for _, q := range g.Questions {
				if m, ok := errs[q.Field()]; ok {
					data.Problems = append(data.Problems, problem{N: q.N, Field: q.ID, Msg: m})
				}
			}
		}
	}
	// The form holds this visitor's tokens: never cached, never shared.
	w.Header().Set("Cache-Control", "no-store, private")
	h.Render.RenderPublic(w, r, status, "survey/answer", p)
}

// Form shows the answer form, or why it cannot be answered now.
func (h *HTTP) Form(w http.ResponseWriter, r *http.Request) {
	sv, ok := h.published(w, r)
	if !ok {
		return
	}
	id, _ := h.respondent(w, r, sv)
	notice := ""
	switch sv.PhaseAt(h.Store.Now()) {
	case PhaseScheduled:
		notice = "survey.notice_scheduled"
	case PhaseClosed:
		notice = "survey.notice_closed"
	default:
		if sv.Limit == LimitBrowser {
			done, err := h.Store.Answered(r.Context(), sv.ID, sv.RespondentKey(id))
			if err != nil {
				h.fail(w, r, err)
				return
			}
			if done {
				notice = "survey.notice_answered"
			}
		}
	}
	h.showAnswer(w, r, http.StatusOK, sv, id, notice, nil)
}

// Answer takes a submitted answer form. Refusals keep everything typed; a second
// post of the same form goes to the thank-you page without a second answer.
func (h *HTTP) Answer(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	sv, ok := h.published(w, r)
	if !ok {
		return
	}
	if err := r.ParseForm(); err != nil {
		h.Render.Error(w, r, http.StatusBadRequest)
		return
	}
	id, known := h.respondent(w, r, sv)
	switch sv.PhaseAt(h.Store.Now()) {
	case PhaseScheduled:
		h.showAnswer(w, r, http.StatusConflict, sv, id, "survey.notice_scheduled", nil)
		return
	case PhaseClosed:
		h.showAnswer(w, r, http.StatusConflict, sv, id, "survey.notice_closed", nil)
		return
	}
	hits, err := h.Store.Hit(ctx, sv.ID, sv.AddrKey(web.ClientIP(r)))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if hits > MaxPostsPerWindow {
		h.showAnswer(w, r, http.StatusTooManyRequests, sv, id, "", valid.Errors{"": i18n.M("survey.err.too_many")})
		return
	}
	thanks := PublicPath(sv.Slug) + "/cam-on"
	if r.PostFormValue(honeypot) != "" {
		h.Log.Info("survey honeypot filled", "survey", sv.ID, "request_id", web.RequestID(ctx))
		web.Redirect(w, r, thanks)
		return
	}
	formToken := r.PostFormValue(web.FormTokenField)
	switch {
	case sv.Limit == LimitBrowser && !known:
		h.showAnswer(w, r, http.StatusUnprocessableEntity, sv, id, "", valid.Errors{"": i18n.M("survey.err.cookie")})
		return
	case !sv.CheckAnswerToken(r.PostFormValue("answer_token"), tokenSubject(sv, id), formToken, h.Store.Now()):
		h.showAnswer(w, r, http.StatusUnprocessableEntity, sv, id, "", valid.Errors{"": i18n.M("survey.err.form_expired")})
		return
	}
	answers, errs := sv.Read(r.PostForm)
	code := NormalizeCode(r.PostFormValue("code"))
	if sv.Limit == LimitCode && code == "" {
		errs.Add("code", "survey.err.code_required")
	}
	if len(errs) > 0 {
		h.showAnswer(w, r, http.StatusUnprocessableEntity, sv, id, "", errs)
		return
	}
	sub := Submission{Answers: answers, Code: code}
	if sv.Limit == LimitBrowser {
		sub.Respondent = sv.RespondentKey(id)
	}
	_, err = h.Store.Submit(store.WithFormToken(ctx, formToken, ""), sv, sub)
	switch {
	case err == nil, errors.Is(err, store.ErrDuplicateSubmit):
		web.Redirect(w, r, thanks)
	case errors.Is(err, ErrAlreadyAnswered):
		h.showAnswer(w, r, http.StatusConflict, sv, id, "survey.notice_answered", nil)
	case errors.Is(err, ErrNotOpen):
		h.showAnswer(w, r, http.StatusConflict, sv, id, "survey.notice_closed", nil)
	case errors.Is(err, ErrCodeUnknown):
		h.showAnswer(w, r, http.StatusUnprocessableEntity, sv, id, "", valid.Errors{"code": i18n.M("survey.err.code_unknown")})
	case errors.Is(err, ErrCodeUsed):
		h.showAnswer(w, r, http.StatusUnprocessableEntity, sv, id, "", valid.Errors{"code": i18n.M("survey.err.code_used")})
	default:
		h.fail(w, r, err)
	}
}

type thanksPage struct {
	Survey *Survey
}

// Thanks is where an answer lands.
func (h *HTTP) Thanks(w http.ResponseWriter, r *http.Request) {
	sv, ok := h.published(w, r)
	if !ok {
		return
	}
	p := h.Render.NewPublicPage(r, i18n.T(h.lang(r), "survey.thanks_title"), thanksPage{Survey: sv})
	h.Render.RenderPublic(w, r, http.StatusOK, "survey/thanks", p)
}

// PublicResults shows a closed survey's results to everyone, when its owner publishes
// them: charts with the same figures in tables, and the free-text answers only when
// the owner chose to publish them.
func (h *HTTP) PublicResults(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	sv, ok := h.published(w, r)
	if !ok {
		return
	}
	now := h.Store.Now()
	if !sv.PublicResults(now) {
		h.Render.Error(w, r, http.StatusNotFound)
		return
	}
	data, err := h.publicResults(ctx, sv, h.lang(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	data.Phase = sv.PhaseAt(now)
	p := h.Render.NewPublicPage(r, i18n.T(h.lang(r), "survey.results_of", sv.Title), data)
	h.Render.RenderPublic(w, r, http.StatusOK, "survey/results", p)
}

func (h *HTTP) publicResults(ctx context.Context, sv *Survey, lang i18n.Lang) (resultsPage, error) {
	res, err := h.Store.Results(ctx, sv, i18n.T(lang, "survey.axis_percent"))
	if err != nil {
		return resultsPage{}, err
	}
	data := resultsPage{Survey: sv, Results: res, Texts: map[string][]TextAnswer{}}
	if sv.PublishText {
		for _, q := range sv.Questions {
			if q.Kind == QText {
				if data.Texts[q.ID], _, err = h.Store.TextAnswers(ctx, sv.ID, q.ID, 50, 0); err != nil {
					return data, err
				}
			}
		}
	}
	return data, nil
}
