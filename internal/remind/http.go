package remind

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"loa/internal/agency"
	"loa/internal/auth"
	"loa/internal/config"
	"loa/internal/i18n"
	"loa/internal/jobs"
	"loa/internal/store"
	"loa/internal/valid"
	"loa/internal/web"
)

// Templates are the reminder pages.
//
//go:embed templates
var Templates embed.FS

// HTTP serves the reminder log, the rules form, the urge and the sweep button.
type HTTP struct {
	Service  *Service
	Agencies *agency.Store
	Render   *web.Renderer
	Log      *slog.Logger
}

// Wire builds the reminder service on the runner, registers its jobs there, and
// returns its pages. The app calls it before starting the runner.
func Wire(db *store.DB, runner *jobs.Runner, cfg *config.Config, agencies *agency.Store, render *web.Renderer, log *slog.Logger) *HTTP {
	s := New(db, runner, cfg, log)
	Register(runner, s)
	return &HTTP{Service: s, Agencies: agencies, Render: render, Log: log}
}

const pageSize = 50

func (h *HTTP) fail(w http.ResponseWriter, r *http.Request, err error) {
	switch {
	case errors.Is(err, store.ErrNotFound):
		h.Render.Error(w, r, http.StatusNotFound)
	case errors.Is(err, store.ErrDuplicateSubmit):
		web.Flash(w, "form.double_submit")
		web.Redirect(w, r, "/reminders")
	default:
		h.Log.Error("reminders", "err", err, "request_id", web.RequestID(r.Context()))
		h.Render.Error(w, r, http.StatusInternalServerError)
	}
}

// reach is what the viewer may do where: the agencies in view, and those whose
// reminders they manage, as tree-ordered options.
type reach struct {
	all     []*agency.Agency
	names   map[string]string
	view    []string
	manage  []string
	allView bool
	anc     map[string][]string
}

func (h *HTTP) reach(ctx context.Context) (*reach, error) {
	all, err := h.Agencies.All(ctx)
	if err != nil {
		return nil, err
	}
	me := auth.FromContext(ctx)
	rc := &reach{all: all, names: map[string]string{}, anc: agency.Ancestries(all), allView: true}
	for _, a := range all {
		rc.names[a.ID] = a.Name
		if auth.Can(me, auth.ActView, rc.anc[a.ID]) {
			rc.view = append(rc.view, a.ID)
		} else {
			rc.allView = false
		}
		if auth.Can(me, auth.ActProgressManage, rc.anc[a.ID]) {
			rc.manage = append(rc.manage, a.ID)
		}
	}
	return rc, nil
}

// options are the agencies of ids as an indented tree for a <select>.
func (rc *reach) options(ids []string) []*agency.Node {
	var out []*agency.Node
	for _, n := range agency.Flatten(agency.BuildTree(rc.all, false)) {
		if slices.Contains(ids, n.ID) {
			out = append(out, n)
		}
	}
	return out
}

type logPage struct {
	Rows      []Entry
	Pager     web.Pager
	Units     []*agency.Node
	Kinds     []Kind
	CanManage bool
	Overdue   []Late
	Next      string
}

// List shows the reminders sent to the units the viewer may see, newest first,
// filtered by unit and kind; to the office it also shows the overdue assignments of its
// plans, each with a button to urge the unit.
func (h *HTTP) List(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	rc, err := h.reach(ctx)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	q := r.URL.Query()
	f := Filter{Agencies: rc.view}
	if rc.allView {
		f.Agencies = nil
	}
	if id := q.Get("agency"); slices.Contains(rc.view, id) {
		f.AgencyID = id
	}
	if k := Kind(q.Get("kind")); slices.Contains(Kinds, k) {
		f.Kind = k
	}
	pager := web.PagerFrom(r, pageSize)
	f.Limit, f.Offset = pager.Size, pager.Offset()
	rows, total, err := List(ctx, h.Service.DB.Read(), f)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	pager.Total = total
	data := logPage{Rows: rows, Pager: pager, Units: rc.options(rc.view), Kinds: Kinds, CanManage: len(rc.manage) > 0, Next: r.URL.RequestURI()}
	if data.CanManage {
		if data.Overdue, err = Overdue(ctx, h.Service.DB.Read(), h.Service.Today(), rc.manage, 50); err != nil {
			h.fail(w, r, err)
			return
		}
	}
	p := h.Render.NewPage(w, r, i18n.T(web.LangFrom(r), "remind.title"), data)
	h.Render.Render(w, r, http.StatusOK, "remind/log", p)
}

// ruleRow is a line of the rules form.
type ruleRow struct {
	Index int
	Rule  Rule
}

type rulesPage struct {
	AgencyID string
	Agency   string
	Agencies []*agency.Node
	Rows     []ruleRow
	Count    int
	Kinds    []Kind
}

// blankRows is how many empty lines the rules form offers for new rules.
const blankRows = 2

// RulesPage shows an agency's reminder rules (?agency=, else the first agency where
// the viewer holds the role) for editing.
func (h *HTTP) RulesPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	rc, err := h.reach(ctx)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	id := r.URL.Query().Get("agency")
	if id == "" {
		// Where the viewer holds the role: the agency whose plans its office runs.
		if held := auth.Reach(auth.FromContext(ctx), auth.ActProgressManage); len(held) > 0 {
			id = held[0]
		}
	}
	if !slices.Contains(rc.manage, id) {
		h.Render.Error(w, r, http.StatusForbidden)
		return
	}
	rules, err := h.Service.Rules(ctx, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.showRules(w, r, http.StatusOK, rc, id, rules, nil)
}

func (h *HTTP) showRules(w http.ResponseWriter, r *http.Request, status int, rc *reach, agencyID string, rules []Rule, errs valid.Errors) {
	data := rulesPage{AgencyID: agencyID, Agency: rc.names[agencyID], Agencies: rc.options(rc.manage), Kinds: RuleKinds}
	for i, rule := range rules {
		data.Rows = append(data.Rows, ruleRow{Index: i, Rule: rule})
	}
	for i := range blankRows {
		data.Rows = append(data.Rows, ruleRow{Index: len(rules) + i, Rule: Rule{Enabled: true}})
	}
	data.Count = len(data.Rows)
	p := h.Render.NewPage(w, r, i18n.T(web.LangFrom(r), "remind.rules_title"), data)
	if errs != nil {
		p.Errors, p.Form = errs, r.PostForm
	}
	h.Render.Render(w, r, status, "remind/rules", p)
}

// rulesFrom reads the rules form: lines left without a kind are unused blanks, and
// lines ticked for removal are dropped. at maps each rule back to its line, so that
// messages land on the field the user typed in.
func rulesFrom(form url.Values) (rules []Rule, at []int, errs valid.Errors) {
	errs = valid.Errors{}
	n, _ := strconv.Atoi(form.Get("rows"))
	for i := range min(n, 100) {
		field := func(name string) string { return strings.TrimSpace(form.Get(fmt.Sprintf("%s_%d", name, i))) }
		if field("kind") == "" || field("delete") != "" {
			continue
		}
		rule := Rule{ID: field("id"), Kind: Kind(field("kind")), Enabled: field("enabled") != ""}
		if rule.Kind != OnDay {
			days, err := strconv.Atoi(field("days"))
			if err != nil {
				errs.Add(fmt.Sprintf("days_%d", i), "remind.rule_days_number")
			}
			rule.Days = days
		}
		rules = append(rules, rule)
		at = append(at, i)
	}
	return rules, at, errs
}

// SaveRules saves an agency's rules from the form, or shows it again with what is wrong.
func (h *HTTP) SaveRules(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id := r.PostFormValue("agency_id")
	rules, at, errs := rulesFrom(r.PostForm)
	if len(errs) == 0 {
		err := h.Service.SaveRules(ctx, id, rules)
		var ve *valid.Error
		switch {
		case errors.As(err, &ve):
			// CheckRules names fields by the rule's place; the form by its line.
			for field, msg := range ve.Fields {
				if name, idx, ok := strings.Cut(field, "_"); ok {
					if i, err := strconv.Atoi(idx); err == nil && i < len(at) {
						field = fmt.Sprintf("%s_%d", name, at[i])
					}
				}
				errs[field] = msg
			}
		case err != nil:
			h.fail(w, r, err)
			return
		default:
			web.Flash(w, "remind.rules_saved")
			web.Redirect(w, r, "/reminders/rules?agency="+url.QueryEscape(id))
			return
		}
	}
	rc, err := h.reach(ctx)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	current, err := h.Service.Rules(ctx, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.showRules(w, r, http.StatusUnprocessableEntity, rc, id, current, errs)
}

// Urge sends the office's urge to a unit about an activity and goes back where the
// button was.
func (h *HTTP) Urge(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	me := auth.FromContext(ctx)
	var sent bool
	err := h.Service.DB.Tx(ctx, func(tx *sql.Tx) error {
		var err error
		sent, err = h.Service.Urge(ctx, tx, r.PostFormValue("agency_id"), r.PostFormValue("activity_id"), me.User.ID, r.PostFormValue("note"))
		return err
	})
	var ve *valid.Error
	switch {
	case errors.As(err, &ve):
		web.Flash(w, "remind.urge_invalid")
	case err != nil:
		h.fail(w, r, err)
		return
	case sent:
		web.Flash(w, "remind.urged")
	default:
		web.Flash(w, "remind.urge_repeat")
	}
	web.Redirect(w, r, web.SafeNext(r.PostFormValue("next"), "/reminders"))
}

// SweepNow queues a sweep at once, for an office that just started a plan or fixed
// its dates and does not want to wait for the morning.
func (h *HTTP) SweepNow(w http.ResponseWriter, r *http.Request) {
	if err := h.Service.SweepNow(r.Context()); err != nil {
		h.fail(w, r, err)
		return
	}
	web.Flash(w, "remind.sweep_queued")
	web.Redirect(w, r, "/reminders")
}
