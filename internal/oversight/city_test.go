package oversight_test

import (
	"context"
	"testing"
	"time"

	"loa/internal/agency"
	"loa/internal/audit"
	"loa/internal/period"
	"loa/internal/plan"
	"loa/internal/report"
	"loa/internal/store"
	"loa/internal/vn"
)

// city is a small shared installation: a People's Committee, its departments, a
// centre under one of them and an outside department named by plans.
type city struct {
	t        *testing.T
	db       *store.DB
	ctx      context.Context
	agencies *agency.Store
	plans    *plan.Store
	reports  *report.Store
	root     *agency.Agency
	by       map[string]*agency.Agency // by abbreviation
}

func newCity(t *testing.T, db *store.DB) *city {
	t.Helper()
	c := &city{t: t, db: db, ctx: audit.WithActor(context.Background(), audit.Actor{Name: "test"}),
		agencies: agency.NewStore(db), plans: plan.NewStore(db), reports: report.NewStore(db), by: map[string]*agency.Agency{}}
	c.root = c.add("Ủy ban nhân dân thành phố", "UBND", agency.KindPeoplesCommittee, "", false)
	return c
}

// add creates an agency under parent (an abbreviation, "" for the top).
func (c *city) add(name, abbr string, kind agency.Kind, parent string, external bool) *agency.Agency {
	c.t.Helper()
	in := agency.Input{Name: name, ShortName: name, Abbr: abbr, Kind: kind, External: external, From: day(2020, 1, 1)}
	if parent != "" {
		in.ParentID = c.by[parent].ID
	}
	a, err := c.agencies.Create(c.ctx, in)
	if err != nil {
		c.t.Fatalf("agency %s: %v", abbr, err)
	}
	c.by[abbr] = a
	return a
}

// withDepartments adds the four departments of the tests, an outside one and a centre.
func (c *city) withDepartments() *city {
	c.add("Sở Y tế", "SYT", agency.KindDepartment, "UBND", false)
	c.add("Sở Khoa học và Công nghệ", "SKHCN", agency.KindDepartment, "UBND", false)
	c.add("Sở Tài chính", "STC", agency.KindDepartment, "UBND", false)
	c.add("Sở Giáo dục và Đào tạo", "SGDĐT", agency.KindDepartment, "UBND", false)
	c.add("Sở Nội vụ", "SNV", agency.KindDepartment, "UBND", true)
	c.add("Trung tâm Kiểm soát bệnh tật", "CDC", agency.KindCentre, "SYT", false)
	return c
}

func day(y int, m time.Month, d int) vn.Date { return vn.Date{Year: y, Month: m, Day: d} }

func mustPeriod(t *testing.T, s string) period.Period {
	t.Helper()
	p, err := period.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// issuePlan writes, approves and issues the agency's plan of year on day on.
func (c *city) issuePlan(abbr string, year int, on vn.Date) *plan.Plan {
	c.t.Helper()
	p, err := c.plans.Create(c.ctx, &plan.Plan{AgencyID: c.by[abbr].ID, Year: year, Symbol: "KH-" + abbr,
		Summary:    "Thông tin, tuyên truyền cải cách hành chính",
		Activities: []plan.Activity{{Kind: plan.ChannelWebsite, Text: "Đăng tin, bài về cải cách hành chính", Lead: plan.AgencyRef{Name: "Văn phòng"}}},
		Signer:     plan.Signer{Title: "GIÁM ĐỐC", Name: "Nguyễn Văn A"}}, "")
	if err != nil {
		c.t.Fatal(err)
	}
	return c.carryPlan(p, on)
}

// amendPlan issues a new version of an issued plan on day on.
func (c *city) amendPlan(p *plan.Plan, on vn.Date) *plan.Plan {
	c.t.Helper()
	next, err := c.plans.Amend(c.ctx, p.ID, "")
	if err != nil {
		c.t.Fatal(err)
	}
	return c.carryPlan(next, on)
}

func (c *city) carryPlan(p *plan.Plan, on vn.Date) *plan.Plan {
	c.t.Helper()
	p, err := c.plans.Submit(c.ctx, p.ID, p.RowVersion)
	if err == nil {
		p, err = c.plans.Approve(c.ctx, p.ID, p.RowVersion, "")
	}
	if err == nil {
		p, err = c.plans.Issue(c.ctx, p.ID, p.RowVersion, on, plan.AgencyNames{Agencies: c.agencies})
	}
	if err != nil {
		c.t.Fatal(err)
	}
	return p
}

// draftReport starts the agency's report of the period, due on deadline (zero: none).
func (c *city) draftReport(abbr string, p period.Period, deadline vn.Date) *report.Report {
	c.t.Helper()
	r, err := c.reports.Create(c.ctx, &report.Report{AgencyID: c.by[abbr].ID, Period: p.String(), From: p.From, To: p.To,
		Symbol: "BC-" + abbr, RecipientID: c.root.ID, Deadline: deadline, Header: report.Header{Summary: "Báo cáo kết quả"}}, "")
	if err != nil {
		c.t.Fatal(err)
	}
	return r
}

// send takes a draft through submission (freezing figures), approval, numbering and
// sending, and then dates the sending at sentAt, as if it had happened then.
func (c *city) send(r *report.Report, figures *report.Compiled, sentAt time.Time) *report.Report {
	c.t.Helper()
	r, err := c.reports.Submit(c.ctx, r.ID, r.RowVersion, figures)
	if err == nil {
		r, err = c.reports.Approve(c.ctx, r.ID, r.RowVersion)
	}
	if err == nil {
		r, err = c.reports.Issue(c.ctx, r.ID, r.RowVersion, vn.DateOf(sentAt), plan.AgencyNames{Agencies: c.agencies})
	}
	if err == nil {
		r, err = c.reports.Send(c.ctx, r.ID, r.RowVersion)
	}
	if err != nil {
		c.t.Fatal(err)
	}
	if _, err := c.db.Write().ExecContext(c.ctx, `UPDATE reports SET sent_at = $1 WHERE id = $2`, sentAt.UTC(), r.ID); err != nil {
		c.t.Fatal(err)
	}
	return r
}

// reopen starts the next version of a sent report.
func (c *city) reopen(r *report.Report) *report.Report {
	c.t.Helper()
	next, err := c.reports.Reopen(c.ctx, r.ID, r.RowVersion, "Bổ sung kết quả", "")
	if err != nil {
		c.t.Fatal(err)
	}
	return next
}

// vnTime is a moment on a Vietnamese clock.
func vnTime(y int, m time.Month, d, hour, min int) time.Time {
	return time.Date(y, m, d, hour, min, 0, 0, vn.Location)
}

// figures makes frozen figures: completion share over applicable activities, and the
// channel totals given.
func figures(share float64, applicable int, par float64, totals ...report.ChannelTotal) *report.Compiled {
	return &report.Compiled{CompletionShare: share, Applicable: applicable, Done: int(share * float64(applicable)), ParScore: par, ParMax: 1,
		TotalsByChannel: totals}
}

// q1 builds the first quarter of 2024 (cut-off Thursday 14/03; the seeded rule for
// departments, 2 working days after the cut-off, gives Monday 18/03):
//
//   - Sở Y tế: plan of 15/01 (on time); report due 20/03, sent 18/03: on time.
//   - Sở Khoa học và Công nghệ: plan of 20/02 (late); report with no deadline (so the
//     rule's 18/03), version 1 sent 18/03, reopened, version 2 sent 25/03: on time,
//     with the figures of version 2.
//   - Sở Tài chính: plan of 10/01 amended on 10/04 (still on time); report due 20/03,
//     sent at 00:30 on 21/03 in Vietnam (still the 20th in UTC): late; no plan figures.
//   - Sở Giáo dục và Đào tạo: no plan; its report is a draft: missing.
//   - Sở Nội vụ (outside the installation) issued and sent everything: not counted.
type q1 struct {
	*city
	p                    period.Period
	sytPlan, skhcnPlan   *plan.Plan
	stcPlan              *plan.Plan // the amendment in force
	syt, skhcn1, skhcn2  *report.Report
	stc, sgddt, external *report.Report
}

func newQ1(t *testing.T, db *store.DB) *q1 {
	t.Helper()
	c := &q1{city: newCity(t, db).withDepartments(), p: mustPeriod(t, "2024-Q1")}
	c.sytPlan = c.issuePlan("SYT", 2024, day(2024, 1, 15))
	c.skhcnPlan = c.issuePlan("SKHCN", 2024, day(2024, 2, 20))
	c.stcPlan = c.amendPlan(c.issuePlan("STC", 2024, day(2024, 1, 10)), day(2024, 4, 10))
	c.issuePlan("SNV", 2024, day(2024, 1, 5))

	c.syt = c.send(c.draftReport("SYT", c.p, day(2024, 3, 20)), figures(0.5, 4, 0.5,
		report.ChannelTotal{Channel: "website", Results: 4, Quantity: 10},
		report.ChannelTotal{Channel: "meeting", Results: 2, Quantity: 2, Attendees: 80},
		report.ChannelTotal{Channel: "poster", Results: 0, Quantity: 0}), vnTime(2024, 3, 18, 9, 0))

	c.skhcn1 = c.send(c.draftReport("SKHCN", c.p, vn.Date{}), figures(0.25, 4, 0,
		report.ChannelTotal{Channel: "website", Results: 1, Quantity: 1}), vnTime(2024, 3, 18, 10, 0))
	c.skhcn2 = c.send(c.reopen(c.skhcn1), figures(0.75, 4, 0.75,
		report.ChannelTotal{Channel: "website", Results: 3, Quantity: 6},
		report.ChannelTotal{Channel: "leaflet", Results: 1, Quantity: 500}), vnTime(2024, 3, 25, 15, 0))

	c.stc = c.send(c.draftReport("STC", c.p, day(2024, 3, 20)), figures(0, 0, 0), vnTime(2024, 3, 21, 0, 30))
	c.sgddt = c.draftReport("SGDĐT", c.p, vn.Date{})
	c.external = c.send(c.draftReport("SNV", c.p, day(2024, 3, 20)), figures(1, 2, 1,
		report.ChannelTotal{Channel: "website", Results: 100, Quantity: 100}), vnTime(2024, 3, 10, 9, 0))
	return c
}
