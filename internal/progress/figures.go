package progress

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"loa/internal/plan"
	"loa/internal/store"
	"loa/internal/vn"
)

// State is where an activity stands.
type State string

const (
	StateNotStarted State = "not_started"
	StateInProgress State = "in_progress"
	StateDone       State = "done"
	StateOverdue    State = "overdue"
	StateExempt     State = "exempt" // not applicable: left out of the share
)

// Label is the catalogue key of the state.
func (s State) Label() string { return "progress.state." + string(s) }

// Band is one step of a scoring rule: from MinShare of the plan done, Points of the
// criterion's maximum (1 = all of it).
type Band struct {
	MinShare float64 `json:"min_share"`
	Points   float64 `json:"points"`
}

// Rule is how a criterion is scored, kept as data.
type Rule struct {
	Code      string
	Name      string
	MaxPoints float64
	Bands     []Band // highest MinShare first
	Source    string
}

// Score is what a completion share earns.
func (r Rule) Score(share float64) float64 {
	for _, b := range r.Bands {
		if share+1e-9 >= b.MinShare {
			return r.MaxPoints * b.Points
		}
	}
	return 0
}

// LoadRule reads a scoring rule by its code.
func LoadRule(ctx context.Context, q store.Querier, code string) (Rule, error) {
	var r Rule
	var bands string
	err := q.QueryRowContext(ctx, `SELECT code, name, max_points, bands, source FROM scoring_rules WHERE code = $1`, code).
		Scan(&r.Code, &r.Name, &r.MaxPoints, &bands, &r.Source)
	if err != nil {
		return r, store.NotFound(err)
	}
	if err := json.Unmarshal([]byte(bands), &r.Bands); err != nil {
		return r, fmt.Errorf("scoring rule %s: %w", code, err)
	}
	slices.SortFunc(r.Bands, func(a, b Band) int {
		switch {
		case a.MinShare > b.MinShare:
			return -1
		case a.MinShare < b.MinShare:
			return 1
		}
		return 0
	})
	return r, nil
}

// Filter narrows the figures of a plan.
type Filter struct {
	Unit    string           // results of this unit only; activities it is assigned
	From    vn.Date          // results done on or after
	To      vn.Date          // results done on or before
	Channel plan.ChannelKind // activities of this channel
	Topic   string           // results tagged with this topic
}

// ActivityRow is the progress of one activity.
type ActivityRow struct {
	plan.Activity
	State     State
	Accepted  int
	Pending   int
	Returned  int
	Quantity  float64 // accepted
	Attendees int     // accepted
	LastDone  vn.Date
	Exemption *Exemption
}

// Percent is how far the quantity is towards the target, capped at 100.
func (a ActivityRow) Percent() int {
	if a.Target == nil || a.Target.Quantity <= 0 {
		if a.State == StateDone {
			return 100
		}
		return 0
	}
	return int(min(100, a.Quantity*100/a.Target.Quantity))
}

// Step is Percent rounded to the nearest 5, for the width of a progress bar.
func (a ActivityRow) Step() int { return (a.Percent() + 2) / 5 * 5 }

// UnitRow is the progress of one unit across its assignments.
type UnitRow struct {
	AgencyID   string
	Name       string
	Assigned   int
	Done       int
	Results    int
	LastUpdate time.Time
	Silent     bool // nothing recorded for SilentDays
}

// Share is the part of its assignments done, 0–100.
func (u UnitRow) Share() int {
	if u.Assigned == 0 {
		return 0
	}
	return u.Done * 100 / u.Assigned
}

// TopicRow is how much a topic was covered.
type TopicRow struct {
	plan.Topic
	Results    int
	Activities int
}

// ChannelRow totals the accepted results of one channel.
type ChannelRow struct {
	Kind       plan.ChannelKind
	Activities int
	Results    int
	Quantity   float64
	Attendees  int
}

// Summary is the plan's standing on the PAR criterion.
type Summary struct {
	Applicable, Done, InProgress, NotStarted, Overdue, Exempt int
	Share                                                     float64 // done / applicable
	Score                                                     float64 // points of the rule for Share
	Reachable                                                 float64 // best score still possible: done + not yet overdue
	Rule                                                      Rule
}

// AtRisk tells whether the full points can no longer be reached.
func (s Summary) AtRisk() bool { return s.Reachable < s.Rule.MaxPoints }

// SharePercent is Share as a whole percent.
func (s Summary) SharePercent() int { return int(s.Share*100 + 0.5) }

// Dashboard is every figure of a plan's progress.
type Dashboard struct {
	Plan       *plan.Plan
	Filter     Filter
	Today      vn.Date
	Activities []ActivityRow
	Units      []UnitRow
	Topics     []TopicRow
	Channels   []ChannelRow
	Summary    Summary
}

// SilentDays is how long a unit may record nothing before it is flagged.
const SilentDays = 30

// Compute builds the dashboard of plan p as of today, with one aggregate query over
// the plan's results rather than a query per activity or unit.
func (s *Store) Compute(ctx context.Context, p *plan.Plan, f Filter, today vn.Date, names map[string]string) (*Dashboard, error) {
	q := s.db.Read()
	d := &Dashboard{Plan: p, Filter: f, Today: today}
	rule, err := LoadRule(ctx, q, "par_communication")
	if err != nil {
		return nil, err
	}
	d.Summary.Rule = rule
	exempt, err := s.Exemptions(ctx, p.ID)
	if err != nil {
		return nil, err
	}
	where, args := []string{"r.plan_id = $1"}, []any{p.ID}
	arg := func(v any) string {
		args = append(args, v)
		return fmt.Sprintf("$%d", len(args))
	}
	if f.Unit != "" {
		where = append(where, "r.agency_id = "+arg(f.Unit))
	}
	if !f.From.IsZero() {
		where = append(where, "r.done_on >= "+arg(f.From))
	}
	if !f.To.IsZero() {
		where = append(where, "r.done_on <= "+arg(f.To))
	}
	if f.Topic != "" {
		where = append(where, "EXISTS (SELECT 1 FROM result_topics t WHERE t.result_id = r.id AND t.topic_id = "+arg(f.Topic)+")")
	}
	cond := strings.Join(where, " AND ")
	type agg struct {
		n         int
		qty       float64
		attendees int
		last      vn.Date
		updated   time.Time
	}
	byActivity := map[string]map[Status]*agg{}
	byUnit := map[string]map[string]map[Status]int{} // unit → activity → status → count
	lastUpdate := map[string]time.Time{}
	rows, err := q.QueryContext(ctx, `SELECT r.activity_id, r.agency_id, r.status, COUNT(*), SUM(r.quantity), SUM(r.attendees), MAX(r.done_on), MAX(r.updated_at)
		FROM results r WHERE `+cond+` GROUP BY r.activity_id, r.agency_id, r.status`, args...)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var act, unit string
		var st Status
		var a agg
		var updated sqlTime
		if err := rows.Scan(&act, &unit, &st, &a.n, &a.qty, &a.attendees, &a.last, &updated); err != nil {
			rows.Close()
			return nil, err
		}
		a.updated = updated.Time
		m := byActivity[act]
		if m == nil {
			m = map[Status]*agg{}
			byActivity[act] = m
		}
		if have := m[st]; have != nil {
			have.n += a.n
			have.qty += a.qty
			have.attendees += a.attendees
			if a.last.After(have.last) {
				have.last = a.last
			}
		} else {
			cp := a
			m[st] = &cp
		}
		if byUnit[unit] == nil {
			byUnit[unit] = map[string]map[Status]int{}
		}
		if byUnit[unit][act] == nil {
			byUnit[unit][act] = map[Status]int{}
		}
		byUnit[unit][act][st] += a.n
		if a.updated.After(lastUpdate[unit]) {
			lastUpdate[unit] = a.updated
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}

	units := map[string]*UnitRow{}
	unit := func(id string) *UnitRow {
		if units[id] == nil {
			units[id] = &UnitRow{AgencyID: id, Name: names[id], LastUpdate: lastUpdate[id]}
		}
		return units[id]
	}
	channels := map[plan.ChannelKind]*ChannelRow{}
	for _, a := range p.Activities {
		if f.Channel != "" && a.Kind != f.Channel {
			continue
		}
		assigned := []string{}
		if a.Lead.AgencyID != "" {
			assigned = append(assigned, a.Lead.AgencyID)
		}
		for _, pr := range a.Partners {
			if pr.AgencyID != "" && !slices.Contains(assigned, pr.AgencyID) {
				assigned = append(assigned, pr.AgencyID)
			}
		}
		if f.Unit != "" && !slices.Contains(assigned, f.Unit) {
			continue
		}
		row := ActivityRow{Activity: a}
		m := byActivity[a.ID]
		if acc := m[StatusAccepted]; acc != nil {
			row.Accepted, row.Quantity, row.Attendees, row.LastDone = acc.n, acc.qty, acc.attendees, acc.last
		}
		if sub := m[StatusSubmitted]; sub != nil {
			row.Pending = sub.n
			if sub.last.After(row.LastDone) {
				row.LastDone = sub.last
			}
		}
		if ret := m[StatusReturned]; ret != nil {
			row.Returned = ret.n
		}
		done := row.Accepted > 0 && (a.Target == nil || a.Target.Quantity <= 0 || row.Quantity >= a.Target.Quantity)
		switch e, ok := exempt[a.ID]; {
		case ok:
			row.State, row.Exemption = StateExempt, &e
		case done:
			row.State = StateDone
		case !a.EndsOn.IsZero() && a.EndsOn.Before(today):
			row.State = StateOverdue
		case row.Accepted+row.Pending+row.Returned > 0:
			row.State = StateInProgress
		default:
			row.State = StateNotStarted
		}
		d.Activities = append(d.Activities, row)
		switch row.State {
		case StateExempt:
			d.Summary.Exempt++
		case StateDone:
			d.Summary.Done++
		case StateOverdue:
			d.Summary.Overdue++
		case StateInProgress:
			d.Summary.InProgress++
		default:
			d.Summary.NotStarted++
		}
		if row.State != StateExempt {
			for _, id := range assigned {
				u := unit(id)
				u.Assigned++
				counts := byUnit[id][a.ID]
				if (id == a.Lead.AgencyID && row.State == StateDone) || (id != a.Lead.AgencyID && counts[StatusAccepted] > 0) {
					u.Done++
				}
				u.Results += counts[StatusAccepted] + counts[StatusSubmitted] + counts[StatusReturned]
			}
		}
		c := channels[a.Kind]
		if c == nil {
			c = &ChannelRow{Kind: a.Kind}
			channels[a.Kind] = c
		}
		c.Activities++
		c.Results += row.Accepted
		c.Quantity += row.Quantity
		c.Attendees += row.Attendees
	}
	d.Summary.Applicable = len(d.Activities) - d.Summary.Exempt
	if d.Summary.Applicable > 0 {
		d.Summary.Share = float64(d.Summary.Done) / float64(d.Summary.Applicable)
		d.Summary.Reachable = rule.Score(float64(d.Summary.Applicable-d.Summary.Overdue) / float64(d.Summary.Applicable))
	} else {
		d.Summary.Reachable = rule.MaxPoints
	}
	d.Summary.Score = rule.Score(d.Summary.Share)
	silentSince := time.Now().Add(-SilentDays * 24 * time.Hour)
	for _, u := range units {
		u.Silent = u.LastUpdate.Before(silentSince)
		d.Units = append(d.Units, *u)
	}
	vn.SortBy(d.Units, func(u UnitRow) string { return u.Name })
	for _, k := range plan.ChannelKinds {
		if c := channels[k]; c != nil {
			d.Channels = append(d.Channels, *c)
		}
	}
	if err := s.topics(ctx, d, cond, args); err != nil {
		return nil, err
	}
	return d, nil
}

func (s *Store) topics(ctx context.Context, d *Dashboard, cond string, args []any) error {
	counts := map[string][2]int{}
	rows, err := s.db.Read().QueryContext(ctx, `SELECT t.topic_id, COUNT(*), COUNT(DISTINCT r.activity_id) FROM result_topics t
		JOIN results r ON r.id = t.result_id WHERE `+cond+` AND r.status = 'accepted' GROUP BY t.topic_id`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var n, acts int
		if err := rows.Scan(&id, &n, &acts); err != nil {
			return err
		}
		counts[id] = [2]int{n, acts}
	}
	for _, t := range d.Plan.Topics {
		c := counts[t.ID]
		d.Topics = append(d.Topics, TopicRow{Topic: t, Results: c[0], Activities: c[1]})
	}
	return rows.Err()
}

// sqlTime reads a MAX() of a timestamp column, which SQLite returns as text.
type sqlTime struct{ time.Time }

func (t *sqlTime) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		t.Time = time.Time{}
	case time.Time:
		t.Time = v
	case string:
		return t.parse(v)
	case []byte:
		return t.parse(string(v))
	default:
		return fmt.Errorf("time: cannot scan %T", src)
	}
	return nil
}

func (t *sqlTime) parse(s string) error {
	for _, layout := range []string{"2006-01-02 15:04:05.999999999-07:00", time.RFC3339Nano, "2006-01-02 15:04:05"} {
		if v, err := time.Parse(layout, s); err == nil {
			t.Time = v
			return nil
		}
	}
	return fmt.Errorf("time: cannot parse %q", s)
}

var _ sql.Scanner = (*sqlTime)(nil)
