package calendar

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"loa/internal/agency"
	"loa/internal/auth"
	"loa/internal/i18n"
	"loa/internal/period"
	"loa/internal/store"
	"loa/internal/valid"
	"loa/internal/vn"
	"loa/internal/web"
)

// Templates are the calendar pages.
//
//go:embed templates
var Templates embed.FS

// HTTP serves the holiday calendar of a year with the form to enter the government's
// notice, and the deadline rules with the deadlines they give.
type HTTP struct {
	Store    *Store
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
		web.Redirect(w, r, "/calendar")
	default:
		h.Log.Error("calendar", "err", err, "request_id", web.RequestID(r.Context()))
		h.Render.Error(w, r, http.StatusInternalServerError)
	}
}

// canEdit tells whether the viewer may change the calendar and the rules: they are the
// whole installation's, so it takes an administrator at a top-level agency, as the
// route's guard does.
func (h *HTTP) canEdit(ctx context.Context) (bool, error) {
	roots, err := h.Agencies.Roots(ctx)
	if err != nil {
		return false, err
	}
	return auth.Can(auth.FromContext(ctx), auth.ActAgencyManage, roots), nil
}

// yearFrom reads ?year=, or the current year when it is missing or outside the years
// the calendar holds.
func yearFrom(s string) int {
	if y, err := strconv.Atoi(s); err == nil && inRange(y) {
		return y
	}
	return vn.Today().Year
}

func weekdayKey(d vn.Date) string { return fmt.Sprintf("calendar.weekday.%d", int(d.Weekday())) }

// years is the year a page shows and its neighbours inside the calendar's range (0
// when there is none).
type years struct{ Year, Prev, Next int }

func yearsAround(y int) years {
	out := years{Year: y}
	if inRange(y - 1) {
		out.Prev = y - 1
	}
	if inRange(y + 1) {
		out.Next = y + 1
	}
	return out
}

type dayRow struct {
	Holiday
	Lunar      Lunar
	WeekdayKey string
}

type yearPage struct {
	years
	Rows        []dayRow
	WorkingDays int
	CanEdit     bool
	Kinds       []Kind
}

// Year shows a year's holidays, days in lieu and swaps, generated and entered, with
// the form to enter the government's notice.
func (h *HTTP) Year(w http.ResponseWriter, r *http.Request) {
	h.showYear(w, r, http.StatusOK, yearFrom(r.URL.Query().Get("year")), nil)
}

func (h *HTTP) showYear(w http.ResponseWriter, r *http.Request, status, year int, errs valid.Errors) {
	ctx := r.Context()
	entries, err := h.Store.Year(ctx, year)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	data := yearPage{years: yearsAround(year), Kinds: Kinds}
	for _, e := range entries {
		data.Rows = append(data.Rows, dayRow{Holiday: e, Lunar: LunarOf(e.On), WeekdayKey: weekdayKey(e.On)})
	}
	// The entries just read are the year's calendar: no second trip to the database.
	cal := newCalendar([]int{year}, entries)
	data.WorkingDays = cal.WorkingDaysBetween(vn.Date{Year: year - 1, Month: time.December, Day: 31}, vn.Date{Year: year, Month: time.December, Day: 31})
	if data.CanEdit, err = h.canEdit(ctx); err != nil {
		h.fail(w, r, err)
		return
	}
	p := h.Render.NewPage(w, r, i18n.T(web.LangFrom(r), "calendar.title_year", year), data)
	if errs != nil {
		p.Errors, p.Form = errs, r.PostForm
	}
	h.Render.Render(w, r, status, "calendar/year", p)
}

// AddHoliday enters a day of the government's notice, or shows the year again with
// what is wrong.
func (h *HTTP) AddHoliday(w http.ResponseWriter, r *http.Request) {
	year, _ := strconv.Atoi(r.PostFormValue("year"))
	in := HolidayInput{Year: year, On: r.PostFormValue("on"), Kind: Kind(r.PostFormValue("kind")), Name: r.PostFormValue("name"),
		Source: r.PostFormValue("source"), UserID: auth.FromContext(r.Context()).User.ID}
	e, err := h.Store.Add(r.Context(), in)
	var ve *valid.Error
	switch {
	case errors.As(err, &ve):
		h.showYear(w, r, http.StatusUnprocessableEntity, yearFrom(r.PostFormValue("year")), ve.Fields)
	case err != nil:
		h.fail(w, r, err)
	default:
		web.Flash(w, "calendar.holiday_added")
		web.Redirect(w, r, fmt.Sprintf("/calendar?year=%d", e.Year))
	}
}

// DeleteHoliday removes an entry, generated or entered.
func (h *HTTP) DeleteHoliday(w http.ResponseWriter, r *http.Request) {
	e, err := h.Store.Delete(r.Context(), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	web.Flash(w, "calendar.holiday_deleted")
	web.Redirect(w, r, fmt.Sprintf("/calendar?year=%d", e.Year))
}

// ruleView is a rule as the pages show it, with the agency it is narrowed to by name.
type ruleView struct {
	Rule
	AgencyName string
}

type periodCheck struct {
	Kind    period.Kind
	Checked bool
}

// ruleLineView is a line of the rules form.
type ruleLineView struct {
	Index   int
	Rule    Rule
	Periods []periodCheck
}

type deadlineCell struct {
	Applies    bool
	Date       vn.Date
	WeekdayKey string
}

type periodRow struct {
	Period        period.Period
	CutoffWeekday string
	Cells         []deadlineCell
}

type deadlinesPage struct {
	years
	Rules       []ruleView
	Periods     []periodRow
	CanEdit     bool
	Lines       []ruleLineView
	Count       int
	Relations   []string
	Bases       []Base
	AgencyKinds []agency.Kind
	Agencies    []*agency.Node
}

// Deadlines shows the deadline rules, the deadline each gives for every period of the
// year, and to an administrator the form to change the rules.
func (h *HTTP) Deadlines(w http.ResponseWriter, r *http.Request) {
	h.showDeadlines(w, r, http.StatusOK, yearFrom(r.URL.Query().Get("year")), nil)
}

func (h *HTTP) showDeadlines(w http.ResponseWriter, r *http.Request, status, year int, errs valid.Errors) {
	ctx := r.Context()
	rules, err := h.Store.Rules(ctx)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	cal, err := h.Store.Calendar(ctx, year, year+1)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	all, err := h.Agencies.All(ctx)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	names := map[string]string{}
	for _, a := range all {
		names[a.ID] = a.Name
	}
	data := deadlinesPage{years: yearsAround(year), Relations: namedRelations, Bases: Bases, AgencyKinds: agency.Kinds,
		Agencies: agency.Flatten(agency.BuildTree(all, false))}
	var kinds []period.Kind
	for _, rule := range rules {
		data.Rules = append(data.Rules, ruleView{Rule: rule, AgencyName: names[rule.AgencyID]})
		for _, k := range rule.Periods {
			if !slices.Contains(kinds, k) {
				kinds = append(kinds, k)
			}
		}
	}
	slices.SortFunc(kinds, func(a, b period.Kind) int { return slices.Index(period.Kinds, a) - slices.Index(period.Kinds, b) })
	for _, p := range periodsOfYear(year, kinds) {
		row := periodRow{Period: p, CutoffWeekday: weekdayKey(p.To)}
		for _, rule := range rules {
			c := deadlineCell{Applies: rule.Covers(p.Kind)}
			if c.Applies {
				c.Date = cal.Deadline(rule, p)
				c.WeekdayKey = weekdayKey(c.Date)
			}
			row.Cells = append(row.Cells, c)
		}
		data.Periods = append(data.Periods, row)
	}
	if data.CanEdit, err = h.canEdit(ctx); err != nil {
		h.fail(w, r, err)
		return
	}
	if data.CanEdit {
		// Every rule, then one blank line for a new one.
		for i, rule := range append(rules, Rule{Base: BaseCutoff}) {
			line := ruleLineView{Index: i, Rule: rule}
			for _, k := range period.Kinds {
				line.Periods = append(line.Periods, periodCheck{Kind: k, Checked: rule.Covers(k)})
			}
			data.Lines = append(data.Lines, line)
		}
		data.Count = len(data.Lines)
	}
	p := h.Render.NewPage(w, r, i18n.T(web.LangFrom(r), "calendar.deadlines_title"), data)
	if errs != nil {
		p.Errors, p.Form = errs, r.PostForm
	}
	h.Render.Render(w, r, status, "calendar/deadlines", p)
}

// linesFrom reads the rules form. A line without a rule and without a relation is the
// unused blank; a number that is not one is reported on its field.
func linesFrom(form url.Values) ([]RuleLine, valid.Errors) {
	errs := valid.Errors{}
	var out []RuleLine
	n, _ := strconv.Atoi(form.Get("rows"))
	for i := range min(n, 100) {
		name := func(field string) string { return fmt.Sprintf("%s_%d", field, i) }
		get := func(field string) string { return strings.TrimSpace(form.Get(name(field))) }
		if get("id") == "" && get("relation") == "" {
			continue
		}
		l := RuleLine{Line: i, Delete: get("delete") != "", Rule: Rule{ID: get("id"), Relation: get("relation"),
			AgencyKind: agency.Kind(get("agency_kind")), AgencyID: get("agency_id"), Base: Base(get("base")), Description: get("description")}}
		l.Rule.RowVersion, _ = strconv.Atoi(get("version"))
		for _, k := range form[name("periods")] {
			l.Rule.Periods = append(l.Rule.Periods, period.Kind(k))
		}
		if l.Rule.Base == BaseFixedDay && !l.Delete {
			day, err := strconv.Atoi(get("day"))
			if err != nil {
				errs.Add(name("day"), "calendar.rule.day_range")
			}
			l.Rule.Day = day
		}
		if s := get("offset"); s != "" && !l.Delete {
			offset, err := strconv.Atoi(s)
			if err != nil {
				errs.Add(name("offset"), "calendar.rule.offset_range", offsetLimit)
			}
			l.Rule.Offset = offset
		}
		out = append(out, l)
	}
	return out, errs
}

// SaveRules saves the rules form, or shows it again with what is wrong.
func (h *HTTP) SaveRules(w http.ResponseWriter, r *http.Request) {
	year := yearFrom(r.PostFormValue("year"))
	lines, errs := linesFrom(r.PostForm)
	if len(errs) > 0 {
		h.showDeadlines(w, r, http.StatusUnprocessableEntity, year, errs)
		return
	}
	err := h.Store.SaveRules(r.Context(), lines)
	var ve *valid.Error
	switch {
	case errors.As(err, &ve):
		h.showDeadlines(w, r, http.StatusUnprocessableEntity, year, ve.Fields)
	case errors.Is(err, ErrStale):
		h.showDeadlines(w, r, http.StatusConflict, year, valid.Errors{"": i18n.M("form.stale")})
	case err != nil:
		h.fail(w, r, err)
	default:
		web.Flash(w, "form.saved")
		web.Redirect(w, r, fmt.Sprintf("/calendar/deadlines?year=%d", year))
	}
}
