// Package oversight is the city's view of a shared installation: for one reporting
// period, the overseeing agency (the People's Committee, or whoever oversees on its
// behalf) sees which of its departments and district committees issued the year's
// plan and sent the period's report, on time or late, and the sum of the figures
// they reported.
package oversight

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"loa/internal/agency"
	"loa/internal/calendar"
	"loa/internal/period"
	"loa/internal/plan"
	"loa/internal/progress"
	"loa/internal/report"
	"loa/internal/store"
	"loa/internal/vn"
)

// PlanDeadline is the last day a year's plan may be dated and still count as issued
// on time: 31 January of the year, by when the city expects every plan in hand.
func PlanDeadline(year int) vn.Date { return vn.Date{Year: year, Month: time.January, Day: 31} }

// ReportGraceDays is how long after a period's cut-off a report may be sent and count
// as on time when neither the report nor any deadline rule of the calendar sets a day.
const ReportGraceDays = 5

// DefaultDeadline is the deadline of a period's report that nothing else dates.
func DefaultDeadline(p period.Period) vn.Date { return p.To.AddDays(ReportGraceDays) }

// DeadlineSource says where a row's deadline came from.
type DeadlineSource string

const (
	// FromReport is the deadline written on the report.
	FromReport DeadlineSource = "report"
	// FromRule is what the calendar's rule for the agency's reporting relation gives,
	// in working days: for a report without a deadline of its own, or no report yet.
	FromRule DeadlineSource = "rule"
	// FromDefault is DefaultDeadline, for a period no rule covers either.
	FromDefault DeadlineSource = "default"
)

// Timeliness is where an agency stands with the period's report.
type Timeliness string

const (
	OnTime  Timeliness = "on_time" // first sent by the deadline
	Late    Timeliness = "late"    // first sent after the deadline
	Missing Timeliness = "missing" // not sent, and the deadline has passed
	Due     Timeliness = "due"     // not sent, but the deadline is still ahead
)

// Timelinesses lists the states, worst first, as the chart and sorting order them.
var Timelinesses = []Timeliness{Missing, Late, Due, OnTime}

// Label is the catalogue key of the state.
func (t Timeliness) Label() string { return "oversight.timeliness." + string(t) }

// View is the whole page of one period.
type View struct {
	Root   *agency.Agency // the overseeing agency
	Period period.Period
	Today  vn.Date // the day Missing and Due were told apart
	Rows   []*Row  // in Vietnamese order of the agencies' names
	Totals Totals
	// Channels sums the frozen figures of the reports sent, channel by channel.
	Channels []ChannelSum
	// Years are those with a plan or a report of an overseen agency, newest first,
	// with the period's year and the current one always among them.
	Years []int
	// Rules are the calendar's deadline rules that dated rows, for the page to state.
	Rules []calendar.Rule
}

// PlanDeadline is the day the period's year's plans were due.
func (v *View) PlanDeadline() vn.Date { return PlanDeadline(v.Period.Year) }

// DefaultDeadline is the deadline of the period's reports that nothing else dates.
func (v *View) DefaultDeadline() vn.Date { return DefaultDeadline(v.Period) }

// DefaultDeadlines tells whether any row was judged against DefaultDeadline, which
// the page must then explain.
func (v *View) DefaultDeadlines() bool {
	return slices.ContainsFunc(v.Rows, func(r *Row) bool { return r.DeadlineFrom == FromDefault })
}

// Row is one overseen agency.
type Row struct {
	AgencyID string
	Name     string
	Plan     *PlanState // nil: no plan issued for the period's year
	// Report is the version the agency is working on or last finished; nil: no report
	// of the period yet.
	Report *ReportRef
	// Sent is the latest version that reached the recipient; nil: none sent.
	Sent         *SentRef
	Timeliness   Timeliness
	Deadline     vn.Date
	DeadlineFrom DeadlineSource
	// Rule is the calendar's rule that gave Deadline, when DeadlineFrom is FromRule.
	Rule *calendar.Rule
	// kind picks the agency's reporting relation, whose rule dates a report without a
	// deadline.
	kind agency.Kind
}

// PlanState is the plan in force for the year.
type PlanState struct {
	ID     string
	Number string
	Symbol string
	Status plan.Status
	Date   vn.Date // of the version in force
	// FirstIssued is the date of the earliest issued version of the plan: an amendment
	// issued later does not make the plan late. Zero when no version has a full date.
	FirstIssued vn.Date
	OnTime      bool
}

// Amended tells that the version in force is not the one first issued.
func (p *PlanState) Amended() bool { return !p.FirstIssued.IsZero() && p.FirstIssued != p.Date }

// ReportRef is a version of the period's report.
type ReportRef struct {
	ID      string
	Version int
	Status  report.Status
}

// SentRef is the latest sent version of the period's report.
type SentRef struct {
	ID      string
	Version int
	Number  string
	Symbol  string
	SentOn  vn.Date // the day this version was sent
	// FirstSentOn is the day the first version was sent, by which timeliness is judged:
	// the recipient had a report from then on, and a correction does not undo that.
	FirstSentOn vn.Date
	// FirstID is the version sent first.
	FirstID string
	// Figures are those frozen when this version was submitted; nil if it carried none.
	Figures *report.Compiled
}

// Resent tells that this version replaced one sent earlier.
func (s *SentRef) Resent() bool { return s.ID != s.FirstID }

// Revising tells that a version newer than the one sent is under way (reopened).
func (r *Row) Revising() bool { return r.Sent != nil && r.Report != nil && r.Report.ID != r.Sent.ID }

// Share is the completion share of the plan in the sent report, 0–1; ok is false when
// no figures were sent or they cover no plan activity.
func (r *Row) Share() (share float64, ok bool) {
	if r.Sent == nil || r.Sent.Figures == nil || r.Sent.Figures.Applicable == 0 {
		return 0, false
	}
	return r.Sent.Figures.CompletionShare, true
}

// SharePercent is Share in whole percent, or -1 without one.
func (r *Row) SharePercent() int {
	s, ok := r.Share()
	if !ok {
		return -1
	}
	return percent(s)
}

// Rate is a count out of a whole.
type Rate struct{ Count, Of int }

// Share is Count/Of, 0 when there is no whole.
func (r Rate) Share() float64 {
	if r.Of == 0 {
		return 0
	}
	return float64(r.Count) / float64(r.Of)
}

// Percent is Share in whole percent.
func (r Rate) Percent() int { return percent(r.Share()) }

func percent(f float64) int { return int(math.Round(f * 100)) }

// Totals are the period's rates over the overseen agencies.
type Totals struct {
	Overseen    int
	Reporting   Rate // agencies that sent the report
	OnTime      Rate // agencies that sent it by the deadline
	Plans       Rate // agencies with the year's plan issued
	PlansOnTime Rate // agencies whose plan was issued by PlanDeadline
	Late        int
	Missing     int
	Due         int
	// AverageShare is the mean completion share of the sent reports that cover plan
	// activities, over SharedBy of them.
	AverageShare float64
	SharedBy     int
}

// AverageSharePercent is AverageShare in whole percent.
func (t Totals) AverageSharePercent() int { return percent(t.AverageShare) }

// Count is how many agencies stand at t.
func (t Totals) Count(s Timeliness) int {
	switch s {
	case OnTime:
		return t.OnTime.Count
	case Late:
		return t.Late
	case Missing:
		return t.Missing
	}
	return t.Due
}

// ChannelSum is one channel's figures summed over the reports sent.
type ChannelSum struct {
	Channel   string
	Unit      string // of Quantity, as the results of the channel are counted
	Results   int
	Quantity  float64
	Attendees int
	Agencies  int // agencies whose report counts at least one result in the channel
}

// Label is the catalogue key of the channel's name.
func (c ChannelSum) Label() string { return plan.ChannelKind(c.Channel).Label() }

// overseen tells whether an agency of kind k is watched by the agency above it:
// departments, and the People's Committees of districts.
func overseen(k agency.Kind) bool {
	return k == agency.KindDepartment || k == agency.KindPeoplesCommittee
}

// Overview builds the view of period p for the agency rootAgencyID oversees. The
// overseen agencies are the active, non-external departments and People's Committees
// in its subtree, taken where the walk down first meets them: a district committee is
// overseen, the wards below it are the district's to oversee.
func Overview(ctx context.Context, db *store.DB, rootAgencyID string, p period.Period) (*View, error) {
	root, rows, err := overseenRows(ctx, db, rootAgencyID)
	if err != nil {
		return nil, err
	}
	v := &View{Root: root, Period: p, Today: vn.Today(), Rows: rows}
	ids := make([]string, len(rows))
	byID := make(map[string]*Row, len(rows))
	for i, r := range rows {
		ids[i], byID[r.AgencyID] = r.AgencyID, r
	}
	if err := addPlans(ctx, db, byID, ids, p.Year); err != nil {
		return nil, err
	}
	if err := addReports(ctx, db, byID, ids, p); err != nil {
		return nil, err
	}
	if err := addDeadlines(ctx, db, v); err != nil {
		return nil, err
	}
	for _, r := range rows {
		classify(r, v.Today)
	}
	v.Totals = totals(rows)
	v.Channels = channelSums(rows)
	if v.Years, err = years(ctx, db, ids, p.Year, v.Today.Year); err != nil {
		return nil, err
	}
	return v, nil
}

// overseenRows reads the root's subtree in one query and picks the overseen agencies.
func overseenRows(ctx context.Context, db *store.DB, rootID string) (*agency.Agency, []*Row, error) {
	q, err := db.Read().QueryContext(ctx, `WITH RECURSIVE down(id, depth) AS (
			SELECT id, 0 FROM agencies WHERE id = $1
			UNION ALL
			SELECT a.id, down.depth + 1 FROM agencies a JOIN down ON a.parent_id = down.id WHERE down.depth < 64
		) SELECT a.id, a.name, a.short_name, a.abbr, a.kind, COALESCE(a.parent_id, ''), a.external, COALESCE(a.merged_into, '')
		FROM agencies a JOIN down ON down.id = a.id`, rootID)
	if err != nil {
		return nil, nil, err
	}
	defer q.Close()
	var root *agency.Agency
	children := map[string][]*agency.Agency{}
	for q.Next() {
		a := &agency.Agency{}
		if err := q.Scan(&a.ID, &a.Name, &a.ShortName, &a.Abbr, &a.Kind, &a.ParentID, &a.External, &a.MergedInto); err != nil {
			return nil, nil, err
		}
		if a.ID == rootID {
			root = a
		} else {
			children[a.ParentID] = append(children[a.ParentID], a)
		}
	}
	if err := q.Err(); err != nil {
		return nil, nil, err
	}
	if root == nil {
		return nil, nil, store.ErrNotFound
	}
	var rows []*Row
	var walk func(id string)
	walk = func(id string) {
		for _, a := range children[id] {
			// An external agency is not run here and a merged one lives on in another.
			if a.External || !a.Active() {
				continue
			}
			if overseen(a.Kind) {
				rows = append(rows, &Row{AgencyID: a.ID, Name: a.Name, kind: a.Kind})
				continue
			}
			walk(a.ID)
		}
	}
	walk(root.ID)
	vn.SortBy(rows, func(r *Row) string { return r.Name })
	return root, rows, nil
}

// placeholders writes "$n, $n+1, …" for ids, appending them to args.
func placeholders(args []any, ids []string) (string, []any) {
	ph := make([]string, len(ids))
	for i, id := range ids {
		args = append(args, id)
		ph[i] = fmt.Sprintf("$%d", len(args))
	}
	return strings.Join(ph, ", "), args
}

// addPlans finds each agency's plan in force for the year, and when the plan was
// first issued.
func addPlans(ctx context.Context, db *store.DB, byID map[string]*Row, ids []string, year int) error {
	list, err := plan.NewStore(db).List(ctx, ids, year)
	if err != nil {
		return err
	}
	firstIssued := map[string]vn.Date{} // by series
	for _, s := range list {
		if d := s.Date.Date(); s.Status.Frozen() && !d.IsZero() {
			if f, ok := firstIssued[s.SeriesID]; !ok || d.Before(f) {
				firstIssued[s.SeriesID] = d
			}
		}
	}
	// List gives an agency's versions newest first: the first in force met is current.
	for _, s := range list {
		r := byID[s.AgencyID]
		if r == nil || r.Plan != nil {
			continue
		}
		if s.Status != plan.StatusIssued && s.Status != plan.StatusInEffect && s.Status != plan.StatusClosed {
			continue
		}
		first := firstIssued[s.SeriesID]
		r.Plan = &PlanState{ID: s.ID, Number: s.Number, Symbol: s.Symbol, Status: s.Status, Date: s.Date.Date(), FirstIssued: first,
			OnTime: !first.IsZero() && !first.After(PlanDeadline(year))}
	}
	return nil
}

// reportRow is a version of a period's report, without its figures.
type reportRow struct {
	id, agencyID   string
	version        int
	status         report.Status
	number, symbol string
	deadline       vn.Date
	sentAt         sql.NullTime
	createdAt      time.Time
}

// addReports reads every version of the period's reports of the agencies, then the
// frozen figures of only the versions that count.
func addReports(ctx context.Context, db *store.DB, byID map[string]*Row, ids []string, p period.Period) error {
	if len(ids) == 0 {
		return nil
	}
	in, args := placeholders([]any{p.String()}, ids)
	q, err := db.Read().QueryContext(ctx, `SELECT id, agency_id, version, status, number, symbol, deadline, sent_at, created_at
		FROM reports WHERE period = $1 AND agency_id IN (`+in+`)`, args...)
	if err != nil {
		return err
	}
	versions := map[string][]reportRow{}
	for q.Next() {
		var v reportRow
		if err := q.Scan(&v.id, &v.agencyID, &v.version, &v.status, &v.number, &v.symbol, &v.deadline, &v.sentAt, &v.createdAt); err != nil {
			q.Close()
			return err
		}
		versions[v.agencyID] = append(versions[v.agencyID], v)
	}
	q.Close()
	if err := q.Err(); err != nil {
		return err
	}
	sentIDs := []string{}
	for agencyID, vs := range versions {
		r := byID[agencyID]
		cur, sent, first := pickVersions(vs)
		r.Report = &ReportRef{ID: cur.id, Version: cur.version, Status: cur.status}
		r.Deadline = cur.deadline
		if sent != nil {
			r.Sent = &SentRef{ID: sent.id, Version: sent.version, Number: sent.number, Symbol: sent.symbol,
				SentOn: vn.DateOf(sent.sentAt.Time), FirstSentOn: vn.DateOf(first.sentAt.Time), FirstID: first.id}
			r.Deadline = first.deadline // the deadline that stood when the report first went out
			sentIDs = append(sentIDs, sent.id)
		}
	}
	return addFigures(ctx, db, byID, sentIDs)
}

// pickVersions chooses among an agency's versions of the period's report: the current
// one (the newest not replaced), the latest sent and the first sent (nil when none was
// sent).
func pickVersions(vs []reportRow) (cur reportRow, latest, first *reportRow) {
	newer := func(a, b reportRow) bool { // a was started after b
		if !a.createdAt.Equal(b.createdAt) {
			return a.createdAt.After(b.createdAt)
		}
		return a.version > b.version
	}
	cur = vs[0]
	for i := range vs {
		v := &vs[i]
		replaced, curReplaced := v.status == report.StatusReplaced, cur.status == report.StatusReplaced
		if (curReplaced && !replaced) || (replaced == curReplaced && newer(*v, cur)) {
			cur = *v
		}
		if !v.sentAt.Valid {
			continue
		}
		if latest == nil || v.sentAt.Time.After(latest.sentAt.Time) || (v.sentAt.Time.Equal(latest.sentAt.Time) && v.version > latest.version) {
			latest = v
		}
		if first == nil || v.sentAt.Time.Before(first.sentAt.Time) {
			first = v
		}
	}
	return cur, latest, first
}

// addFigures reads the frozen figures of the given versions in one query.
func addFigures(ctx context.Context, db *store.DB, byID map[string]*Row, reportIDs []string) error {
	if len(reportIDs) == 0 {
		return nil
	}
	in, args := placeholders(nil, reportIDs)
	q, err := db.Read().QueryContext(ctx, `SELECT agency_id, figures FROM reports WHERE id IN (`+in+`)`, args...)
	if err != nil {
		return err
	}
	defer q.Close()
	for q.Next() {
		var agencyID, raw string
		if err := q.Scan(&agencyID, &raw); err != nil {
			return err
		}
		if raw == "" {
			continue
		}
		c := &report.Compiled{}
		if err := json.Unmarshal([]byte(raw), c); err != nil {
			return fmt.Errorf("figures of the report of %s: %w", agencyID, err)
		}
		byID[agencyID].Sent.Figures = c
	}
	return q.Err()
}

// addDeadlines dates the rows whose report carries no deadline (or that have no
// report) as the calendar would for the agency's reporting relation, reading the rules
// and the holidays once for all of them; a period no rule covers falls back to
// DefaultDeadline.
func addDeadlines(ctx context.Context, db *store.DB, v *View) error {
	var open []*Row
	for _, r := range v.Rows {
		if r.Deadline.IsZero() {
			open = append(open, r)
		} else {
			r.DeadlineFrom = FromReport
		}
	}
	if len(open) == 0 {
		return nil
	}
	cals := calendar.NewStore(db)
	rules, err := cals.Rules(ctx)
	if err != nil {
		return err
	}
	// As calendar.ReportDeadline does: a deadline counted past the cut-off's year runs
	// into the next one.
	cal, err := cals.Calendar(ctx, v.Period.To.Year, v.Period.To.Year+1)
	if err != nil {
		return err
	}
	for _, r := range open {
		rule, ok := calendar.Select(rules, calendar.RelationOf(r.kind), r.AgencyID, r.kind, v.Period.Kind)
		if !ok {
			r.Deadline, r.DeadlineFrom = DefaultDeadline(v.Period), FromDefault
			continue
		}
		r.Deadline, r.DeadlineFrom, r.Rule = cal.Deadline(rule, v.Period), FromRule, &rule
		if !slices.ContainsFunc(v.Rules, func(x calendar.Rule) bool { return x.ID == rule.ID }) {
			v.Rules = append(v.Rules, rule)
		}
	}
	return nil
}

// classify settles a row's timeliness against its deadline.
func classify(r *Row, today vn.Date) {
	switch {
	case r.Sent != nil && !r.Sent.FirstSentOn.After(r.Deadline):
		r.Timeliness = OnTime
	case r.Sent != nil:
		r.Timeliness = Late
	case today.After(r.Deadline):
		r.Timeliness = Missing
	default:
		r.Timeliness = Due
	}
}

func totals(rows []*Row) Totals {
	n := len(rows)
	t := Totals{Overseen: n, Reporting: Rate{Of: n}, OnTime: Rate{Of: n}, Plans: Rate{Of: n}, PlansOnTime: Rate{Of: n}}
	var shares float64
	for _, r := range rows {
		if r.Plan != nil {
			t.Plans.Count++
			if r.Plan.OnTime {
				t.PlansOnTime.Count++
			}
		}
		if r.Sent != nil {
			t.Reporting.Count++
		}
		switch r.Timeliness {
		case OnTime:
			t.OnTime.Count++
		case Late:
			t.Late++
		case Missing:
			t.Missing++
		case Due:
			t.Due++
		}
		if s, ok := r.Share(); ok {
			shares += s
			t.SharedBy++
		}
	}
	if t.SharedBy > 0 {
		t.AverageShare = shares / float64(t.SharedBy)
	}
	return t
}

// channelSums adds up the channel totals of the sent figures, in the order forms list
// channels; a channel Loa does not know goes last.
func channelSums(rows []*Row) []ChannelSum {
	sums := map[string]*ChannelSum{}
	for _, r := range rows {
		if r.Sent == nil || r.Sent.Figures == nil {
			continue
		}
		for _, c := range r.Sent.Figures.TotalsByChannel {
			s := sums[c.Channel]
			if s == nil {
				s = &ChannelSum{Channel: c.Channel}
				sums[c.Channel] = s
			}
			s.Results += c.Results
			s.Quantity += c.Quantity
			s.Attendees += c.Attendees
			if c.Results > 0 {
				s.Agencies++
			}
		}
	}
	out := make([]ChannelSum, 0, len(sums))
	for _, s := range sums {
		s.Unit = progress.MeasureOf(plan.ChannelKind(s.Channel)).Unit
		out = append(out, *s)
	}
	rank := func(ch string) int {
		if i := slices.Index(plan.ChannelKinds, plan.ChannelKind(ch)); i >= 0 {
			return i
		}
		return len(plan.ChannelKinds)
	}
	slices.SortFunc(out, func(a, b ChannelSum) int {
		if d := rank(a.Channel) - rank(b.Channel); d != 0 {
			return d
		}
		return strings.Compare(a.Channel, b.Channel)
	})
	return out
}

// years lists the years with a plan or a report of the agencies, with always and
// also, newest first.
func years(ctx context.Context, db *store.DB, ids []string, always, also int) ([]int, error) {
	out := []int{always}
	if also != always {
		out = append(out, also)
	}
	if len(ids) > 0 {
		in, args := placeholders(nil, ids)
		// Both halves give text, so the union is the same on both engines.
		q, err := db.Read().QueryContext(ctx, `SELECT CAST(year AS TEXT) FROM plans WHERE agency_id IN (`+in+`)
			UNION SELECT SUBSTR(period, 1, 4) FROM reports WHERE agency_id IN (`+in+`)`, args...)
		if err != nil {
			return nil, err
		}
		defer q.Close()
		for q.Next() {
			var s string
			if err := q.Scan(&s); err != nil {
				return nil, err
			}
			if y, err := strconv.Atoi(s); err == nil && !slices.Contains(out, y) {
				out = append(out, y)
			}
		}
		if err := q.Err(); err != nil {
			return nil, err
		}
	}
	slices.SortFunc(out, func(a, b int) int { return b - a })
	return out, nil
}
