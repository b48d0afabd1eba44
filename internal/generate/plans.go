package generate

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"loa/internal/plan"
	"loa/internal/register"
	"loa/internal/vn"
)

// planContent is the JSON the plans table keeps in its content column: the same
// fields, in the same order, as the plan store writes, so a generated plan reads
// back like one saved through the editor (the tests check it through plan.Store.Get).
type planContent struct {
	ParentBody   string          `json:"parent_body"`
	IssuingBody  string          `json:"issuing_body"`
	LegalBases   []plan.Citation `json:"legal_bases"`
	Intro        string          `json:"intro"`
	Purposes     []plan.Item     `json:"purposes"`
	Requirements []plan.Item     `json:"requirements"`
	TopicsIntro  string          `json:"topics_intro"`
	Funding      string          `json:"funding"`
	Duties       []plan.Duty     `json:"duties"`
	Closing      string          `json:"closing"`
	Recipients   []string        `json:"recipients"`
	Signer       plan.Signer     `json:"signer"`
}

// genPlan is a generated plan as the results need it.
type genPlan struct {
	id     string
	dept   *dept
	topics []string
}

// genActivity is a generated activity as the results need it.
type genActivity struct {
	id           string
	plan         *genPlan
	kind         plan.ChannelKind
	starts, ends vn.Date
	lead         *node
	partners     []*node // the coordinating units named by agency
	topic        int     // index of the plan topic it serves most
	weight       int     // share of the results; 0 for a "nếu có" whose occasion never came
	cols         activityCols
}

// cityPlan is the city's plan every department's plan is based on; the library's
// first document when the dataset has one.
type cityPlan struct {
	id     string // its library entry, "" without a library
	number int
	date   vn.Date
}

func (c cityPlan) citation(year int) plan.Citation {
	summary := "công tác thông tin, tuyên truyền cải cách hành chính năm " + strconv.Itoa(year)
	return plan.Citation{
		Text:      "Căn cứ Kế hoạch số " + register.Format(c.number) + "/KH-UBND " + c.date.Doc() + " của " + rootName + " về " + summary + ".",
		LibraryID: c.id, Number: register.Format(c.number), Symbol: "KH-UBND", TypeName: "Kế hoạch", Date: c.date, Issuer: rootName,
	}
}

// planSet is every row of the plans part of the dataset.
type planSet struct {
	plans, topics, channels, activities, partners, events, registers, numbers, notifications *rows
	acts                                                                                     []*genActivity
	taken                                                                                    map[string]int // plan numbers by symbol and year
}

// activitiesPer spreads n activities over the departments, one plan each; a
// department left without an activity gets no plan.
func activitiesPer(n, depts int) []int {
	out := make([]int, depts)
	for i := range out {
		out[i] = n / depts
		if i < n%depts {
			out[i]++
		}
	}
	return out
}

// issueDay is when department i issues its plan: a working day in the second half
// of December before the plan's year, after the city's plan and in time for the year
// to start with every plan in effect. Results can then fall on any day of the year.
func (g *generator) issueDay(i int) vn.Date {
	d := vn.Date{Year: g.year - 1, Month: time.December, Day: 15 + i%12}
	for d.Weekday() == time.Saturday || d.Weekday() == time.Sunday {
		d = d.AddDays(1)
	}
	return d
}

// planRows writes one issued plan in effect per department, with the history of how
// it got there, its number in the register, and the notices its issuance sent.
func (g *generator) planRows(r rng, o *org, cp cityPlan) *planSet {
	s := &planSet{plans: newRows(tPlans, len(o.depts)), topics: newRows(tPlanTopics, 8*len(o.depts)),
		channels: newRows(tPlanChannels, 9*len(o.depts)), activities: newRows(tPlanActivities, g.opt.Activities),
		partners: newRows(tActivityPartners, 2*g.opt.Activities), events: newRows(tPlanEvents, 5*len(o.depts)),
		registers: newRows(tNumberRegister, len(o.depts)), numbers: newRows(tIssuedNumbers, len(o.depts)),
		notifications: newRows(tNotifications, 8*len(o.depts)), taken: map[string]int{numberKey("KH-"+rootAbbr, cp.date.Year): cp.number}}
	var internal *node // Sở Nội vụ supplies leaflets and is told of every plan
	for _, d := range o.depts {
		if d.abbr == "SNV" {
			internal = d.node
		}
	}
	cycle := 0
	for i, count := range activitiesPer(g.opt.Activities, len(o.depts)) {
		if count == 0 {
			continue
		}
		d := o.depts[i]
		issued := g.issueDay(i)
		created := at(issued.AddDays(-25), 8, 30+r.IntN(30), r.IntN(60), r.IntN(1_000_000))
		p := plan.Template(plan.Issuer{AgencyID: d.id, Name: d.name, ParentName: rootShortName, Abbr: d.abbr, Place: city}, g.year)
		p.LegalBases = []plan.Citation{cp.citation(g.year)}
		p.Signer = signer(r, d.name)
		for _, t := range pickSome(r, extraTopics, r.IntN(4)) {
			p.Topics = append(p.Topics, plan.Topic{Seq: len(p.Topics) + 1, Text: t})
		}
		gp := &genPlan{id: r.id(created), dept: d}
		// One sequence for every document of the year: by late December it is in the hundreds.
		number := r.between(150, 400)
		p.Number, p.Date = register.Format(number), plan.DocDate{Day: issued.Day, Month: int(issued.Month), Year: issued.Year}
		office := d.office.user
		events := []struct {
			at     time.Time
			action string
			by     *account
		}{
			{created, "create", office},
			{at(issued.AddDays(-20), 15, r.IntN(60), r.IntN(60), 0), "submit", office},
			{at(issued.AddDays(-6), 10, r.IntN(60), r.IntN(60), 0), "approve", nil},
			{at(issued, 9, r.IntN(60), r.IntN(60), 0), "issue", office},
			{at(issued, 14, r.IntN(60), r.IntN(60), 0), "start", office},
		}
		issuedAt, startedAt := events[3].at, events[4].at
		for _, e := range events {
			id, name := g.actor(e.by)
			s.events.add(r.id(e.at), gp.id, e.at, id, name, e.action, "")
		}
		for _, t := range p.Topics {
			tid := r.id(created)
			gp.topics = append(gp.topics, tid)
			s.topics.add(tid, gp.id, t.Seq, t.Text, "[]")
		}
		acts := g.activities(r, d, gp, p.Activities, count, &cycle, internal)
		for _, k := range kindsOf(acts) {
			if !hasChannel(p.Channels, k) {
				p.Channels = append(p.Channels, plan.Channel{Seq: len(p.Channels) + 1, Kind: k, Text: channels[k].line})
			}
		}
		for _, c := range p.Channels {
			s.channels.add(r.id(created), gp.id, c.Seq, string(c.Kind), c.Text)
		}
		notified := map[string]bool{d.id: true}
		var notify []string
		for _, a := range acts {
			a.id = r.id(created)
			s.activities.add(a.row(gp)...)
			for j, pr := range a.partnerRefs() {
				s.partners.add(a.id, j+1, pr.Name, nullable(pr.AgencyID))
			}
			for _, n := range append([]*node{a.lead}, a.partners...) {
				if !notified[n.id] {
					notified[n.id] = true
					notify = append(notify, n.id)
				}
			}
			s.acts = append(s.acts, a)
		}
		if internal != nil && !notified[internal.id] {
			notify = append(notify, internal.id) // named among the recipients
		}
		content, err := json.Marshal(planContent{p.ParentBody, p.IssuingBody, p.LegalBases, p.Intro, p.Purposes, p.Requirements,
			p.TopicsIntro, p.Funding, p.Duties, p.Closing, p.Recipients, p.Signer})
		if err != nil {
			panic(err) // strings, slices and structs always marshal
		}
		var createdBy any
		if office != nil {
			createdBy = office.id
		}
		s.plans.add(gp.id, gp.id, 1, d.id, g.year, string(plan.StatusInEffect), p.Number, p.Symbol, p.Place, p.Date.Day, p.Date.Month,
			p.Date.Year, p.Summary, string(content), 5, createdBy, created, startedAt)
		s.registers.add(d.id, issued.Year, "", number)
		s.numbers.add(d.id, issued.Year, number, p.Symbol, "plan", gp.id, issued, issuedAt)
		s.taken[numberKey(p.Symbol, issued.Year)] = number
		title := fmt.Sprintf("Ban hành Kế hoạch số %s/%s: %s", p.Number, p.Symbol, p.Summary)
		for _, id := range notify {
			s.notifications.add(r.id(issuedAt), id, "plan_issued", title, "/plans/"+gp.id, issuedAt)
		}
	}
	return s
}

// signer is who signs for the head of the department: the head, or a deputy "KT.".
func signer(r rng, deptName string) plan.Signer {
	head := "GIÁM ĐỐC"
	switch {
	case strings.HasPrefix(deptName, "Thanh tra"):
		head = "CHÁNH THANH TRA"
	case strings.HasPrefix(deptName, "Văn phòng"):
		head = "CHÁNH VĂN PHÒNG"
	case strings.HasPrefix(deptName, "Ban"):
		head = "TRƯỞNG BAN"
	}
	if r.chance(0.6) {
		return plan.Signer{Authority: "KT. " + head, Title: "PHÓ " + head, Name: personName(r)}
	}
	return plan.Signer{Title: head, Name: personName(r)}
}

// activities makes count activity rows for a department's plan: first the rows the
// template starts with (the website and meetings, all year), led by the office, then
// rows whose channels follow kindCycle.
func (g *generator) activities(r rng, d *dept, gp *genPlan, template []plan.Activity, count int, cycle *int, internal *node) []*genActivity {
	var out []*genActivity
	for seq := 1; seq <= count; seq++ {
		a := &genActivity{plan: gp, lead: d.office, topic: r.IntN(len(gp.topics))}
		var text, when string
		if seq <= len(template) {
			a.kind, text, when = template[seq-1].Kind, template[seq-1].Text, template[seq-1].Time
		} else {
			a.kind = kindCycle[*cycle%len(kindCycle)]
			*cycle++
			text, when = pick(r, channels[a.kind].activities), timeFrame(r, g.year)
			if len(d.units) > 0 && r.chance(0.65) {
				a.lead = pick(r, d.units)
			}
		}
		others := make([]*node, 0, len(d.units)+1)
		for _, n := range d.children() {
			if n != a.lead {
				others = append(others, n)
			}
		}
		a.partners = pickSome(r, others, r.IntN(min(4, len(others))+1))
		a.starts, a.ends, _ = plan.ParseTimeFrame(when, g.year)
		info := channels[a.kind]
		a.weight = info.weight
		conditional := seq > len(template) && r.chance(conditionalShare(a.kind))
		if conditional && r.chance(0.5) {
			a.weight = 0 // the occasion never came: no results, and not a missed activity
		}
		a.cols = activityCols{text: text, when: when, conditional: conditional}
		if t := info.target; t.max > 0 && r.chance(0.75) {
			a.cols.target = float64(t.min + t.step*r.IntN((t.max-t.min)/t.step+1))
			a.cols.unit = t.unit
		}
		if info.result.costPerItem > 0 && r.chance(0.6) {
			a.cols.budget = int64(r.between(5, 60)) * 1_000_000
		}
		if (a.kind == plan.ChannelLeaflet || a.kind == plan.ChannelPoster) && internal != nil && internal != d.node && r.chance(0.4) {
			a.cols.supplier = internal
		}
		a.cols.others = r.chance(0.1) // "Các phòng, đơn vị có liên quan", named but no agency
		a.cols.seq = seq
		out = append(out, a)
	}
	return out
}

// conditionalShare is how often an activity of kind k is planned "nếu có": mostly
// contests, which depend on someone holding one, sometimes conferences.
func conditionalShare(k plan.ChannelKind) float64 {
	switch k {
	case plan.ChannelContest:
		return 0.7
	case plan.ChannelConference:
		return 0.2
	}
	return 0.02
}

// activityCols are the columns of an activity that only its row needs.
type activityCols struct {
	seq         int
	text, when  string
	conditional bool
	target      float64 // 0: none
	unit        string
	budget      int64
	supplier    *node
	others      bool
}

func (a *genActivity) partnerRefs() []plan.AgencyRef {
	var out []plan.AgencyRef
	for _, n := range a.partners {
		out = append(out, plan.AgencyRef{Name: n.name, AgencyID: n.id})
	}
	if a.cols.others {
		out = append(out, plan.AgencyRef{Name: "Các phòng, đơn vị có liên quan"})
	}
	return out
}

// row is the plan_activities row of a.
func (a *genActivity) row(gp *genPlan) []any {
	var supName string
	var supID, target any
	if s := a.cols.supplier; s != nil {
		supName, supID = s.name, s.id
	}
	if a.cols.target > 0 {
		target = a.cols.target
	}
	return []any{a.id, gp.id, a.cols.seq, string(a.kind), a.cols.text, a.lead.name, a.lead.id, supName, supID, a.cols.when,
		a.starts, a.ends, a.cols.conditional, target, a.cols.unit, a.cols.budget}
}

// timeFrame words an activity's time as plans do.
func timeFrame(r rng, year int) string {
	y := strconv.Itoa(year)
	switch n := r.IntN(100); {
	case n < 40:
		return "Trong năm " + y
	case n < 50:
		return "Thường xuyên"
	case n < 70:
		return "Quý " + []string{"I", "II", "III", "IV"}[r.IntN(4)] + "/" + y
	case n < 80:
		return "Tháng " + strconv.Itoa(r.between(1, 12)) + "/" + y
	case n < 90:
		return []string{"6 tháng đầu năm ", "6 tháng cuối năm "}[r.IntN(2)] + y
	default:
		from := r.between(1, 9)
		return "Từ tháng " + strconv.Itoa(from) + " đến tháng " + strconv.Itoa(r.between(from+1, 12)) + " năm " + y
	}
}

// pickSome returns k distinct elements of list, in the list's order.
func pickSome[T any](r rng, list []T, k int) []T {
	k = min(k, len(list))
	idx := r.Perm(len(list))[:k]
	chosen := make([]bool, len(list))
	for _, i := range idx {
		chosen[i] = true
	}
	out := make([]T, 0, k)
	for i, v := range list {
		if chosen[i] {
			out = append(out, v)
		}
	}
	return out
}

func kindsOf(acts []*genActivity) []plan.ChannelKind {
	var out []plan.ChannelKind
	seen := map[plan.ChannelKind]bool{}
	for _, a := range acts {
		if !seen[a.kind] {
			seen[a.kind] = true
			out = append(out, a.kind)
		}
	}
	return out
}

func hasChannel(list []plan.Channel, k plan.ChannelKind) bool {
	for _, c := range list {
		if c.Kind == k {
			return true
		}
	}
	return false
}
