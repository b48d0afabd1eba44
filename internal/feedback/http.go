package feedback

import (
	"context"
	"embed"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"loa/internal/agency"
	"loa/internal/auth"
	"loa/internal/files"
	"loa/internal/i18n"
	"loa/internal/store"
	"loa/internal/valid"
	"loa/internal/vn"
	"loa/internal/web"
)

// Templates are the feedback pages, public and staff.
//
//go:embed templates
var Templates embed.FS

// RateLimit is how many requests one client address may make in a window.
type RateLimit struct {
	Max    int
	Window time.Duration
}

// HTTP serves the public form, tracking and questions-and-answers pages, and the
// staff's inbox.
type HTTP struct {
	Store    *Store
	Agencies *agency.Store
	Files    *files.Store
	Render   *web.Renderer
	Log      *slog.Logger
	// SubmitLimit bounds the form's submissions (each attempt counts) and LookupLimit
	// the tracking lookups, per client address.
	SubmitLimit RateLimit
	LookupLimit RateLimit
}

// NewHTTP returns the handlers with the default limits: 10 submissions and 30
// lookups an hour from one address.
func NewHTTP(s *Store, agencies *agency.Store, fs *files.Store, render *web.Renderer, log *slog.Logger) *HTTP {
	return &HTTP{Store: s, Agencies: agencies, Files: fs, Render: render, Log: log,
		SubmitLimit: RateLimit{Max: 10, Window: time.Hour}, LookupLimit: RateLimit{Max: 30, Window: time.Hour}}
}

// MaxUploadBytes bounds the body of a form with attachments (the route's MaxBytes):
// room for the files allowed and a letter, and more, so that a file somewhat too large
// is refused by a message beside the form (with what was typed) instead of an error page.
const MaxUploadBytes = 32 << 20

func (h *HTTP) fail(w http.ResponseWriter, r *http.Request, err error) {
	switch {
	case errors.Is(err, store.ErrNotFound):
		h.Render.Error(w, r, http.StatusNotFound)
	default:
		h.Log.Error("feedback", "err", err, "request_id", web.RequestID(r.Context()))
		h.Render.Error(w, r, http.StatusInternalServerError)
	}
}

func (h *HTTP) today() vn.Date { return vn.DateOf(h.Store.now()) }

// uploadsOf reads the files chosen in field of a multipart form; an input left empty
// sends a part without a name, which is no file.
func uploadsOf(r *http.Request, field string) []Upload {
	if r.MultipartForm == nil {
		return nil
	}
	var out []Upload
	for _, fh := range r.MultipartForm.File[field] {
		if fh.Filename == "" && fh.Size == 0 {
			continue
		}
		out = append(out, Upload{Name: fh.Filename, Size: fh.Size, Open: func() (io.ReadCloser, error) { return fh.Open() }})
	}
	return out
}

// noStore keeps a page out of every cache: it holds a one-time form or personal data.
func noStore(w http.ResponseWriter) { w.Header().Set("Cache-Control", "no-store") }

// allowed counts a request of the client against limit; false means refuse it. A
// failing counter lets the request through: the challenge still guards the form.
func (h *HTTP) allowed(r *http.Request, kind string, limit RateLimit) bool {
	if limit.Max <= 0 {
		return true
	}
	ok, err := h.Store.Hit(r.Context(), kind+":"+ClientKey(web.ClientIP(r)), limit.Window, limit.Max)
	if err != nil {
		h.Log.Warn("feedback rate limit", "err", err)
		return true
	}
	return ok
}

// The public form.

type formPage struct {
	Receivers    []Receiver
	Topics       []string
	Question     string
	Nonce        string
	Seal         string
	FilesDropped bool
	MaxFiles     int
	MaxFileMB    int
	MinContent   int
	MaxContent   int
}

// Form shows the feedback form.
func (h *HTTP) Form(w http.ResponseWriter, r *http.Request) {
	h.showForm(w, r, http.StatusOK, nil, false)
}

func (h *HTTP) showForm(w http.ResponseWriter, r *http.Request, status int, errs valid.Errors, typed bool) {
	ctx := r.Context()
	lang := web.LangFrom(r)
	receivers, err := h.Store.Receivers(ctx)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	c, err := h.Store.NewChallenge(ctx)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	data := formPage{Receivers: receivers, Topics: Topics, Question: c.Question(lang), Nonce: c.Nonce, Seal: c.Seal,
		MaxFiles: MaxFiles, MaxFileMB: MaxFileBytes >> 20, MinContent: MinContent, MaxContent: MaxContent}
	p := h.Render.NewPublicPage(r, i18n.T(lang, "feedback.form_title"), data)
	if typed {
		form := url.Values{}
		for k, v := range r.PostForm {
			switch k {
			case web.FormTokenField, "challenge", "challenge_answer", "website":
			default:
				form[k] = v
			}
		}
		p.Form = form
		data.FilesDropped = len(uploadsOf(r, "files")) > 0
		p.Data = data
	}
	p.Errors = errs
	noStore(w)
	h.Render.RenderPublic(w, r, status, "feedback/form", p)
}

// honeypot is the field people do not see; whatever is in it was put by a program.
const honeypot = "website"

// Submit receives the form: rate limit, honeypot and challenge first, then the
// fields; a refusal shows the form again with what was typed (attachments must be
// chosen again, and the page says so). A second submission of the same form shows
// the receipt of the first.
func (h *HTTP) Submit(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if !h.allowed(r, "feedback", h.SubmitLimit) {
		h.showForm(w, r, http.StatusTooManyRequests, valid.Errors{"": i18n.M("feedback.err.rate_limited")}, true)
		return
	}
	if strings.TrimSpace(r.PostFormValue(honeypot)) != "" {
		h.showForm(w, r, http.StatusUnprocessableEntity, valid.Errors{"": i18n.M("feedback.err.honeypot")}, true)
		return
	}
	nonce := r.PostFormValue(web.FormTokenField)
	in := Submission{AgencyID: r.PostFormValue("agency_id"), Name: r.PostFormValue("name"), Contact: r.PostFormValue("contact"),
		SenderKind: r.PostFormValue("sender_kind"), Org: r.PostFormValue("organisation"), Address: r.PostFormValue("address"),
		Topic: r.PostFormValue("topic"), Content: r.PostFormValue("content"), Token: nonce}
	errs := in.Check()
	ups := uploadsOf(r, "files")
	checkUploads(errs, "files", ups)
	switch err := h.Store.CheckChallenge(ctx, nonce, r.PostFormValue("challenge"), r.PostFormValue("challenge_answer")); {
	case err == nil:
	case errors.Is(err, ErrChallengeWrong):
		errs.Add("challenge_answer", "feedback.err.challenge_wrong")
	case errors.Is(err, ErrChallengeExpired):
		errs.Add("challenge_answer", "feedback.err.challenge_expired")
	case errors.Is(err, ErrTooFast):
		errs.Add("challenge_answer", "feedback.err.too_fast")
	default:
		h.fail(w, r, err)
		return
	}
	if len(errs) > 0 {
		h.showForm(w, r, http.StatusUnprocessableEntity, errs, true)
		return
	}
	it, err := h.Store.Submit(store.WithFormToken(ctx, nonce, ""), in, ups)
	var ve *valid.Error
	switch {
	case errors.Is(err, store.ErrDuplicateSubmit):
		if it, err = h.Store.BySubmission(ctx, nonce); err != nil {
			h.fail(w, r, err)
			return
		}
	case errors.As(err, &ve):
		h.showForm(w, r, http.StatusUnprocessableEntity, ve.Fields, true)
		return
	case err != nil:
		h.fail(w, r, err)
		return
	}
	h.receipt(w, r, it)
}

type receiptPage struct {
	Code       string
	ReceivedAt time.Time
	DueOn      vn.Date
	Agency     string
	Lookup     string
}

func (h *HTTP) receipt(w http.ResponseWriter, r *http.Request, it *Item) {
	p := h.Render.NewPublicPage(r, i18n.T(web.LangFrom(r), "feedback.receipt_title"), receiptPage{Code: it.Code,
		ReceivedAt: it.ReceivedAt, DueOn: it.DueOn, Agency: it.AgencyName, Lookup: "/phan-anh/tra-cuu?ma=" + url.QueryEscape(it.Code)})
	noStore(w)
	h.Render.RenderPublic(w, r, http.StatusOK, "feedback/receipt", p)
}

// Tracking.

type lookupPage struct {
	Code     string
	Searched bool // a code was given
	Item     *Item
	Full     bool // the contact matched: the answer may be shown
	Overdue  bool
	Seals    map[string]string // answer file hash → download token
}

// Lookup shows the status of the feedback with the code ?ma=: status and dates only;
// the content and the answer need the contact too (LookupFull).
func (h *HTTP) Lookup(w http.ResponseWriter, r *http.Request) {
	raw := strings.TrimSpace(r.URL.Query().Get("ma"))
	data := lookupPage{Code: raw}
	if raw == "" {
		h.showLookup(w, r, http.StatusOK, data, nil)
		return
	}
	data.Searched = true
	if !h.allowed(r, "lookup", h.LookupLimit) {
		h.showLookup(w, r, http.StatusTooManyRequests, data, valid.Errors{"": i18n.M("feedback.err.rate_limited")})
		return
	}
	it, err := h.Store.ByCode(r.Context(), NormaliseCode(raw))
	switch {
	case errors.Is(err, store.ErrNotFound):
		h.showLookup(w, r, http.StatusNotFound, data, valid.Errors{"ma": i18n.M("feedback.err.code_unknown")})
		return
	case err != nil:
		h.fail(w, r, err)
		return
	}
	data.Code, data.Item, data.Overdue = it.Code, it, it.Overdue(h.today())
	h.showLookup(w, r, http.StatusOK, data, nil)
}

// LookupFull shows the feedback with the code and contact posted, with its answer and
// links to the answer's files (valid for an hour). The contact travels in the body of
// a POST, never in an address that browsers and proxies keep.
func (h *HTTP) LookupFull(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	raw := strings.TrimSpace(r.PostFormValue("ma"))
	data := lookupPage{Code: raw, Searched: true}
	if !h.allowed(r, "lookup", h.LookupLimit) {
		h.showLookup(w, r, http.StatusTooManyRequests, data, valid.Errors{"": i18n.M("feedback.err.rate_limited")})
		return
	}
	it, err := h.Store.Lookup(ctx, NormaliseCode(raw), r.PostFormValue("lien_he"))
	switch {
	case errors.Is(err, store.ErrNotFound):
		h.showLookup(w, r, http.StatusNotFound, data, valid.Errors{"lien_he": i18n.M("feedback.err.lookup_mismatch")})
		return
	case err != nil:
		h.fail(w, r, err)
		return
	}
	data.Code, data.Item, data.Full, data.Overdue = it.Code, it, true, it.Overdue(h.today())
	if it.Answered() {
		data.Seals = map[string]string{}
		for _, f := range it.AnswerFiles {
			if data.Seals[f.Hash], err = h.Store.SealFile(ctx, it.ID, f.Hash); err != nil {
				h.fail(w, r, err)
				return
			}
		}
	}
	h.showLookup(w, r, http.StatusOK, data, nil)
}

func (h *HTTP) showLookup(w http.ResponseWriter, r *http.Request, status int, data lookupPage, errs valid.Errors) {
	p := h.Render.NewPublicPage(r, i18n.T(web.LangFrom(r), "feedback.lookup_title"), data)
	p.Errors = errs
	if r.Method == http.MethodPost {
		p.Form = url.Values{"ma": {r.PostFormValue("ma")}, "lien_he": {r.PostFormValue("lien_he")}}
	}
	noStore(w)
	h.Render.RenderPublic(w, r, status, "feedback/lookup", p)
}

// AnswerFile sends a file of an answer to the citizen who looked it up, through the
// token LookupFull gave its link.
func (h *HTTP) AnswerFile(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id, hash, err := h.Store.OpenFileSeal(ctx, r.PathValue("token"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	it, err := h.Store.Get(ctx, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if !it.Answered() {
		h.Render.Error(w, r, http.StatusNotFound)
		return
	}
	h.serve(w, r, it.AnswerFiles, hash)
}

// serve sends the file hash when it is one of list, as an attachment.
func (h *HTTP) serve(w http.ResponseWriter, r *http.Request, list []Attachment, hash string) {
	for _, f := range list {
		if f.Hash != hash {
			continue
		}
		err := h.Files.Serve(w, r, f.Hash, f.Name)
		switch {
		case err == nil:
		case errors.Is(err, store.ErrNotFound):
			h.Render.Error(w, r, http.StatusNotFound)
		default:
			h.fail(w, r, err)
		}
		return
	}
	h.Render.Error(w, r, http.StatusNotFound)
}

// Questions and answers.

type qaListPage struct {
	Items  []QA
	Topics []string
	Topic  string
	Pager  web.Pager
}

// QAList shows the published questions and answers, newest first, by topic.
func (h *HTTP) QAList(w http.ResponseWriter, r *http.Request) {
	topic := r.URL.Query().Get("chu-de")
	if !slices.Contains(Topics, topic) {
		topic = ""
	}
	pg := web.PagerFrom(r, 20)
	items, total, err := h.Store.Published(r.Context(), topic, pg.Size, pg.Offset())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	pg.Total = total
	p := h.Render.NewPublicPage(r, i18n.T(web.LangFrom(r), "feedback.qa.title"), qaListPage{Items: items, Topics: Topics, Topic: topic, Pager: pg})
	h.Render.RenderPublic(w, r, http.StatusOK, "feedback/qa_list", p)
}

// QAItem shows one published question and answer.
func (h *HTTP) QAItem(w http.ResponseWriter, r *http.Request) {
	q, err := h.Store.PublishedOne(r.Context(), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p := h.Render.NewPublicPage(r, q.Title, q)
	h.Render.RenderPublic(w, r, http.StatusOK, "feedback/qa_item", p)
}

// QAFile sends a file of a published answer, when it was published with its files.
func (h *HTTP) QAFile(w http.ResponseWriter, r *http.Request) {
	q, err := h.Store.PublishedOne(r.Context(), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.serve(w, r, q.Files, r.PathValue("hash"))
}

// can asks the one permission check about an agency.
func (h *HTTP) can(ctx context.Context, action auth.Action, agencyID string) bool {
	anc, err := h.Agencies.Ancestry(ctx, agencyID)
	return err == nil && len(anc) > 0 && auth.Can(auth.FromContext(ctx), action, anc)
}

func atoi(s string) int {
	n, _ := strconv.Atoi(strings.TrimSpace(s))
	return n
}
