package progress

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"loa/internal/i18n"
	"loa/internal/plan"
	"loa/internal/vn"
	"loa/internal/web"
)

// Assignment is an activity a unit leads or coordinates, with what the unit did.
type Assignment struct {
	PlanID    string
	PlanTitle string
	Activity  plan.Activity
	UnitID    string
	Unit      string
	Lead      bool
	State     State
	Mine      []*Result
	Returned  []*Result
	DueSoon   bool
}

// assignments lists the activities of running plans that the given units lead or
// coordinate, soonest due first.
func (s *Store) assignments(ctx context.Context, units []string, names map[string]string, today vn.Date) ([]Assignment, error) {
	if len(units) == 0 {
		return nil, nil
	}
	ph := make([]string, len(units))
	args := make([]any, len(units))
	for i, u := range units {
		ph[i], args[i] = fmt.Sprintf("$%d", i+1), u
	}
	in := strings.Join(ph, ", ")
	rows, err := s.db.Read().QueryContext(ctx, `SELECT DISTINCT p.id FROM plans p JOIN plan_activities a ON a.plan_id = p.id
		WHERE p.status IN ('issued', 'in_effect') AND (a.lead_agency_id IN (`+in+`) OR EXISTS (SELECT 1 FROM plan_activity_partners pp
		WHERE pp.activity_id = a.id AND pp.agency_id IN (`+in+`)))`, args...)
	if err != nil {
		return nil, err
	}
	var planIDs []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		planIDs = append(planIDs, id)
	}
	rows.Close()
	var out []Assignment
	plans := plan.NewStore(s.db)
	for _, pid := range planIDs {
		p, err := plans.Get(ctx, pid)
		if err != nil {
			return nil, err
		}
		d, err := s.Compute(ctx, p, Filter{}, today, names)
		if err != nil {
			return nil, err
		}
		state := map[string]State{}
		for _, a := range d.Activities {
			state[a.ID] = a.State
		}
		mine, _, err := s.List(ctx, ListFilter{PlanID: pid, Agencies: units, Limit: 1000})
		if err != nil {
			return nil, err
		}
		for _, a := range p.Activities {
			for _, u := range units {
				lead := a.Lead.AgencyID == u
				partner := slices.ContainsFunc(a.Partners, func(r plan.AgencyRef) bool { return r.AgencyID == u })
				if !lead && !partner {
					continue
				}
				as := Assignment{PlanID: p.ID, PlanTitle: planTitle(p), Activity: a, UnitID: u, Unit: names[u], Lead: lead, State: state[a.ID]}
				for _, r := range mine {
					if r.ActivityID == a.ID && r.AgencyID == u {
						as.Mine = append(as.Mine, r)
						if r.Status == StatusReturned {
							as.Returned = append(as.Returned, r)
						}
					}
				}
				as.DueSoon = as.State != StateDone && as.State != StateExempt && !a.EndsOn.IsZero() && !a.EndsOn.After(today.AddDays(30))
				out = append(out, as)
			}
		}
	}
	slices.SortStableFunc(out, func(x, y Assignment) int {
		rank := func(a Assignment) int {
			switch {
			case len(a.Returned) > 0:
				return 0
			case a.State == StateOverdue:
				return 1
			case a.DueSoon:
				return 2
			case a.State == StateDone || a.State == StateExempt:
				return 4
			}
			return 3
		}
		if r := rank(x) - rank(y); r != 0 {
			return r
		}
		return x.Activity.EndsOn.Compare(y.Activity.EndsOn)
	})
	return out, nil
}

func planTitle(p *plan.Plan) string {
	if p.Number != "" {
		return fmt.Sprintf("Kế hoạch số %s/%s", p.Number, p.Symbol)
	}
	return fmt.Sprintf("Kế hoạch năm %d", p.Year)
}

type workPage struct {
	Assignments []Assignment
	Today       vn.Date
	Counts      map[string]int
}

// Work is "my unit's work": what the viewer's units lead or coordinate, what is due,
// what they recorded and what came back.
func (h *HTTP) Work(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	units, names, err := h.myUnits(ctx)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	today := vn.Today()
	list, err := h.Store.assignments(ctx, units, names, today)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	counts := map[string]int{}
	for _, a := range list {
		counts[string(a.State)]++
		if len(a.Returned) > 0 {
			counts["returned"]++
		}
	}
	p := h.Render.NewPage(w, r, i18n.T(web.LangFrom(r), "work.title"), workPage{Assignments: list, Today: today, Counts: counts})
	h.Render.Render(w, r, http.StatusOK, "progress/work", p)
}

// Bar is an activity on the timeline: the months it spans in the plan's year.
type Bar struct {
	Row        ActivityRow
	StartMonth int // 1–12
	EndMonth   int
}

// Span is the number of months the bar covers.
func (b Bar) Span() int { return b.EndMonth - b.StartMonth + 1 }

// Group is a set of bars under one heading: a channel or a unit.
type Group struct {
	Title string
	Bars  []Bar
}

type timelinePage struct {
	Plan   *plan.Plan
	Groups []Group
	By     string
	Months []int
	Now    int // this month, when the plan's year is this year
}

// Timeline shows the plan's activities across the year like a Gantt chart, grouped by
// channel or by unit, overdue ones marked.
func (h *HTTP) Timeline(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p, err := h.Plans.Get(ctx, r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	_, names, err := h.reach(ctx, "view")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	today := vn.Today()
	d, err := h.Store.Compute(ctx, p, Filter{}, today, names)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	by := r.URL.Query().Get("by")
	if by != "unit" {
		by = "channel"
	}
	lang := web.LangFrom(r)
	groups := map[string]*Group{}
	var order []string
	add := func(key, title string, b Bar) {
		g := groups[key]
		if g == nil {
			g = &Group{Title: title}
			groups[key] = g
			order = append(order, key)
		}
		g.Bars = append(g.Bars, b)
	}
	for _, a := range d.Activities {
		b := Bar{Row: a, StartMonth: 1, EndMonth: 12}
		if !a.StartsOn.IsZero() && a.StartsOn.Year == p.Year {
			b.StartMonth = int(a.StartsOn.Month)
		}
		if !a.EndsOn.IsZero() && a.EndsOn.Year == p.Year {
			b.EndMonth = int(a.EndsOn.Month)
		}
		if b.EndMonth < b.StartMonth {
			b.EndMonth = b.StartMonth
		}
		if by == "unit" {
			name := a.Lead.Name
			add("u:"+a.Lead.AgencyID+name, name, b)
		} else {
			add("c:"+string(a.Kind), i18n.T(lang, a.Kind.Label()), b)
		}
	}
	data := timelinePage{Plan: p, By: by, Months: []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}}
	if today.Year == p.Year {
		data.Now = int(today.Month)
	}
	for _, k := range order {
		data.Groups = append(data.Groups, *groups[k])
	}
	pg := h.Render.NewPage(w, r, i18n.T(lang, "timeline.title"), data)
	h.Render.Render(w, r, http.StatusOK, "progress/timeline", pg)
}
