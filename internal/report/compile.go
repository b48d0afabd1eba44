// Package report writes the periodic reports on communicating administrative reform
// — Q1, 6 months, Q3, 9 months, the year — from what units recorded: it compiles the
// figures of a period, prefills the narrative in plain Vietnamese, takes the report
// through approval, numbering and sending, exports it for people and for machines,
// and packs the evidence for the PAR Index self-assessment.
package report

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"loa/internal/agency"
	"loa/internal/i18n"
	"loa/internal/period"
	"loa/internal/plan"
	"loa/internal/progress"
	"loa/internal/store"
	"loa/internal/vn"
)

// Compiled is every figure of a report. Its JSON field names are a documented contract
// (docs/cli.md): other systems read them so that no figure is typed twice.
type Compiled struct {
	Agency          AgencyRef        `json:"agency"`
	Plan            *PlanRef         `json:"plan"`
	Period          PeriodRef        `json:"period"`
	CompiledAt      time.Time        `json:"compiled_at"`
	Activities      []ActivityFigure `json:"activities"`
	TotalsByChannel []ChannelTotal   `json:"totals_by_channel"`
	TopicsCovered   []TopicFigure    `json:"topics_covered"`
	Units           []UnitFigure     `json:"units"`
	CompletionShare float64          `json:"completion_share"` // 0–1, of the applicable activities
	ParScore        float64          `json:"par_score"`        // points on the PAR communication criterion
	ParMax          float64          `json:"par_max"`
	ParRule         string           `json:"par_rule"`
	Applicable      int              `json:"applicable"`
	Done            int              `json:"done"`
	Exempt          int              `json:"exempt"`
	PendingReview   int              `json:"pending_review"` // results of the period still waiting for the office
	Difficulties    []DifficultyRef  `json:"difficulties"`
	Notes           []string         `json:"notes,omitempty"` // what the office should know before sending
}

// AgencyRef names the reporting agency.
type AgencyRef struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Abbr string `json:"abbr"`
}

// PlanRef names the plan reported on.
type PlanRef struct {
	ID      string `json:"id"`
	Number  string `json:"number"`
	Symbol  string `json:"symbol"`
	Date    string `json:"date"`
	Year    int    `json:"year"`
	Summary string `json:"summary"`
}

// PeriodRef is the period covered.
type PeriodRef struct {
	Code       string  `json:"code"` // "2024-Q1"
	Kind       string  `json:"kind"`
	Label      string  `json:"label"` // "Quý I năm 2024"
	From       vn.Date `json:"from"`
	To         vn.Date `json:"to"`
	Cumulative bool    `json:"cumulative"`
}

// ActivityFigure is what was done for one activity in the period.
type ActivityFigure struct {
	Seq         int      `json:"seq"`
	Text        string   `json:"text"`
	Channel     string   `json:"channel"`
	Lead        string   `json:"lead"`
	Time        string   `json:"time"`
	State       string   `json:"state"`
	Done        bool     `json:"done"`
	Exempt      bool     `json:"exempt"`
	ExemptWhy   string   `json:"exempt_reason,omitempty"`
	Quantity    float64  `json:"quantity"`
	Unit        string   `json:"unit"`
	Target      *float64 `json:"target"`
	TargetUnit  string   `json:"target_unit,omitempty"`
	Results     int      `json:"results"`
	Attendees   int      `json:"attendees"`
	Evidence    int      `json:"evidence"` // files and links backing the results
	Links       []string `json:"links"`    // the most recent article links
	Conditional bool     `json:"conditional"`
}

// ChannelTotal sums the accepted results of a channel.
type ChannelTotal struct {
	Channel    string  `json:"channel"`
	Label      string  `json:"label"`
	Activities int     `json:"activities"`
	Results    int     `json:"results"`
	Quantity   float64 `json:"quantity"`
	Attendees  int     `json:"attendees"`
}

// TopicFigure is how much a topic was covered.
type TopicFigure struct {
	Seq        int    `json:"seq"`
	Text       string `json:"text"`
	Results    int    `json:"results"`
	Activities int    `json:"activities"`
}

// UnitFigure is a unit's completion and timeliness.
type UnitFigure struct {
	Name     string `json:"name"`
	Assigned int    `json:"assigned"`
	Done     int    `json:"done"`
	Share    int    `json:"share"` // percent of assignments done
	Results  int    `json:"results"`
	OnTime   int    `json:"on_time"` // results recorded within a week of the day they happened
	Late     int    `json:"late"`
}

// DifficultyRef is a difficulty raised on the plan, with its answer.
type DifficultyRef struct {
	Title  string `json:"title"`
	Body   string `json:"body"`
	Unit   string `json:"unit"`
	Status string `json:"status"`
	Answer string `json:"answer"`
}

// RecordedInTime is how long after a result's day it may be recorded and still count
// as on time.
const RecordedInTime = 7 * 24 * time.Hour

// maxLinks is how many article links a report lists per activity; the evidence pack
// holds them all.
const maxLinks = 10

// Compiler gathers a report's figures.
type Compiler struct {
	DB       *store.DB
	Plans    *plan.Store
	Progress *progress.Store
	Agencies *agency.Store
}

// ErrNoPlan is returned when the agency has no issued plan for the period's year: the
// office may still write a report, without figures of a plan.
var ErrNoPlan = fmt.Errorf("no issued plan for the period")

// FindPlan returns the agency's plan in force for the period's year, if any.
func (c *Compiler) FindPlan(ctx context.Context, agencyID string, p period.Period) (*plan.Plan, error) {
	list, err := c.Plans.List(ctx, []string{agencyID}, reportYear(p))
	if err != nil {
		return nil, err
	}
	for _, s := range list {
		if s.Status == plan.StatusIssued || s.Status == plan.StatusInEffect || s.Status == plan.StatusClosed {
			return c.Plans.Get(ctx, s.ID)
		}
	}
	return nil, ErrNoPlan
}

// reportYear is the year a period reports on: a period cut on 14/12/2024 or earlier
// in 2024 reports on the 2024 plan.
func reportYear(p period.Period) int { return p.Year }

// Compile builds the figures of agency's report for period p on plan pl (nil: no plan).
func (c *Compiler) Compile(ctx context.Context, ag *agency.Agency, pl *plan.Plan, p period.Period, lang i18n.Lang) (*Compiled, error) {
	out := &Compiled{
		Agency:     AgencyRef{ID: ag.ID, Name: ag.Name, Abbr: ag.Abbr},
		Period:     PeriodRef{Code: p.String(), Kind: string(p.Kind), Label: p.Label().In(lang), From: p.From, To: p.To, Cumulative: p.Cumulative()},
		CompiledAt: store.Now(),
	}
	if pl == nil {
		out.Notes = append(out.Notes, i18n.T(lang, "report.note_no_plan", reportYear(p)))
		return out, nil
	}
	out.Plan = &PlanRef{ID: pl.ID, Number: pl.Number, Symbol: pl.Symbol, Year: pl.Year, Summary: pl.Summary}
	if d := pl.Date.Date(); !d.IsZero() {
		out.Plan.Date = d.Short()
	}
	all, err := c.Agencies.All(ctx)
	if err != nil {
		return nil, err
	}
	names := map[string]string{}
	for _, a := range all {
		names[a.ID] = a.Name
	}
	today := vn.Today()
	if today.After(p.To) {
		today = p.To.AddDays(1) // a past period is judged as on the day after its cut-off
	}
	d, err := c.Progress.Compute(ctx, pl, progress.Filter{From: p.From, To: p.To}, today, names)
	if err != nil {
		return nil, err
	}
	ev, err := c.evidence(ctx, pl.ID, p)
	if err != nil {
		return nil, err
	}
	for _, a := range d.Activities {
		f := ActivityFigure{Seq: a.Seq, Text: plan.ActivityWording(a.Activity), Channel: string(a.Kind), Lead: a.Lead.Name, Time: a.Time,
			State: string(a.State), Done: a.State == progress.StateDone, Exempt: a.State == progress.StateExempt, Quantity: a.Quantity,
			Unit: progress.MeasureOf(a.Kind).Unit, Results: a.Accepted, Attendees: a.Attendees, Conditional: a.Conditional, Links: []string{}}
		if a.Exemption != nil {
			f.ExemptWhy = a.Exemption.Reason
		}
		if a.Target != nil {
			q := a.Target.Quantity
			f.Target, f.TargetUnit = &q, a.Target.Unit
			if a.Target.Unit != "" {
				f.Unit = a.Target.Unit
			}
		}
		if e := ev[a.ID]; e != nil {
			f.Evidence, f.Links = e.count, e.links
		}
		out.Activities = append(out.Activities, f)
		out.PendingReview += a.Pending
	}
	for _, ch := range d.Channels {
		out.TotalsByChannel = append(out.TotalsByChannel, ChannelTotal{Channel: string(ch.Kind), Label: i18n.T(lang, ch.Kind.Label()),
			Activities: ch.Activities, Results: ch.Results, Quantity: ch.Quantity, Attendees: ch.Attendees})
	}
	for _, t := range d.Topics {
		out.TopicsCovered = append(out.TopicsCovered, TopicFigure{Seq: t.Seq, Text: t.Text, Results: t.Results, Activities: t.Activities})
	}
	timely, err := c.timeliness(ctx, pl.ID, p)
	if err != nil {
		return nil, err
	}
	for _, u := range d.Units {
		t := timely[u.AgencyID]
		out.Units = append(out.Units, UnitFigure{Name: u.Name, Assigned: u.Assigned, Done: u.Done, Share: u.Share(), Results: t[0] + t[1],
			OnTime: t[0], Late: t[1]})
	}
	s := d.Summary
	out.CompletionShare, out.ParScore, out.ParMax, out.ParRule = s.Share, s.Score, s.Rule.MaxPoints, s.Rule.Name
	out.Applicable, out.Done, out.Exempt = s.Applicable, s.Done, s.Exempt
	if out.Difficulties, err = c.difficulties(ctx, pl.ID, p); err != nil {
		return nil, err
	}
	if out.PendingReview > 0 {
		out.Notes = append(out.Notes, i18n.T(lang, "report.note_pending", out.PendingReview))
	}
	return out, nil
}

type activityEvidence struct {
	count int
	links []string
}

// evidence counts the files and links behind each activity's accepted results of the
// period, and keeps its latest links.
func (c *Compiler) evidence(ctx context.Context, planID string, p period.Period) (map[string]*activityEvidence, error) {
	out := map[string]*activityEvidence{}
	rows, err := c.DB.Read().QueryContext(ctx, `SELECT r.activity_id, r.links, (SELECT COUNT(*) FROM result_files f WHERE f.result_id = r.id)
		FROM results r WHERE r.plan_id = $1 AND r.status = 'accepted' AND r.done_on >= $2 AND r.done_on <= $3
		ORDER BY r.done_on DESC, r.id DESC`, planID, p.From, p.To)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var act, raw string
		var files int
		if err := rows.Scan(&act, &raw, &files); err != nil {
			return nil, err
		}
		e := out[act]
		if e == nil {
			e = &activityEvidence{links: []string{}}
			out[act] = e
		}
		var links []string
		if raw != "" && raw != "[]" && raw != "null" { // most results carry no link: skip the decoder
			_ = json.Unmarshal([]byte(raw), &links)
		}
		e.count += files + len(links)
		for _, l := range links {
			if len(e.links) < maxLinks {
				e.links = append(e.links, l)
			}
		}
	}
	return out, rows.Err()
}

// timeliness counts each unit's results of the period recorded within RecordedInTime
// of their day, and later.
func (c *Compiler) timeliness(ctx context.Context, planID string, p period.Period) (map[string][2]int, error) {
	out := map[string][2]int{}
	rows, err := c.DB.Read().QueryContext(ctx, `SELECT agency_id, done_on, created_at FROM results
		WHERE plan_id = $1 AND status <> 'returned' AND done_on >= $2 AND done_on <= $3`, planID, p.From, p.To)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var unit string
		var done vn.Date
		var created time.Time
		if err := rows.Scan(&unit, &done, &created); err != nil {
			return nil, err
		}
		t := out[unit]
		if created.Sub(done.Time().Add(24*time.Hour)) <= RecordedInTime {
			t[0]++
		} else {
			t[1]++
		}
		out[unit] = t
	}
	return out, rows.Err()
}

// difficulties lists the plan's difficulties, leaving out those closed before the
// period began: what the office still had to deal with, and how it answered.
func (c *Compiler) difficulties(ctx context.Context, planID string, p period.Period) ([]DifficultyRef, error) {
	list, err := c.Progress.Difficulties(ctx, nil, planID, "")
	if err != nil {
		return nil, err
	}
	out := []DifficultyRef{}
	start := p.From.Time()
	for _, d := range list {
		if d.Status == progress.DifficultyClosed && d.UpdatedAt.Before(start) {
			continue
		}
		out = append(out, DifficultyRef{Title: d.Title, Body: d.Body, Unit: d.Agency, Status: d.Status, Answer: d.Answer})
	}
	return out, nil
}

// sentence joins words as Vietnamese prose lists them: "a, b và c".
func sentence(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " và " + items[len(items)-1]
}
