package oversight_test

import (
	"errors"
	"testing"

	"loa/internal/agency"
	"loa/internal/calendar"
	"loa/internal/oversight"
	"loa/internal/report"
	"loa/internal/store"
	"loa/internal/store/storetest"
	"loa/internal/vn"
)

func names(v *oversight.View) []string {
	out := make([]string, len(v.Rows))
	for i, r := range v.Rows {
		out[i] = r.Name
	}
	return out
}

func row(t *testing.T, v *oversight.View, name string) *oversight.Row {
	t.Helper()
	for _, r := range v.Rows {
		if r.Name == name {
			return r
		}
	}
	t.Fatalf("no row for %s among %q", name, names(v))
	return nil
}

func TestTheCityOverseesItsOwnDepartmentsOnlyInVietnameseOrder(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		c := newQ1(t, db)
		v, err := oversight.Overview(c.ctx, db, c.root.ID, c.p)
		if err != nil {
			t.Fatal(err)
		}
		want := []string{"Sở Giáo dục và Đào tạo", "Sở Khoa học và Công nghệ", "Sở Tài chính", "Sở Y tế"}
		if got := names(v); len(got) != len(want) {
			t.Fatalf("overseen %q, want %q (the outside department and the centre left out)", got, want)
		} else {
			for i := range want {
				if got[i] != want[i] {
					t.Fatalf("overseen %q, want %q", got, want)
				}
			}
		}
	})
}

func TestRatesCountEachDepartmentOnceAgainstTheOverseenWhole(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		c := newQ1(t, db)
		v, err := oversight.Overview(c.ctx, db, c.root.ID, c.p)
		if err != nil {
			t.Fatal(err)
		}
		tot := v.Totals
		if tot.Overseen != 4 || tot.Reporting != (oversight.Rate{Count: 3, Of: 4}) || tot.OnTime != (oversight.Rate{Count: 2, Of: 4}) {
			t.Errorf("reporting %+v on time %+v of %d", tot.Reporting, tot.OnTime, tot.Overseen)
		}
		if tot.Late != 1 || tot.Missing != 1 || tot.Due != 0 {
			t.Errorf("late %d missing %d due %d", tot.Late, tot.Missing, tot.Due)
		}
		if tot.Plans != (oversight.Rate{Count: 3, Of: 4}) || tot.PlansOnTime != (oversight.Rate{Count: 2, Of: 4}) {
			t.Errorf("plans %+v on time %+v", tot.Plans, tot.PlansOnTime)
		}
		if tot.Reporting.Percent() != 75 || tot.OnTime.Percent() != 50 || tot.Plans.Share() != 0.75 {
			t.Errorf("percentages %d %d %v", tot.Reporting.Percent(), tot.OnTime.Percent(), tot.Plans.Share())
		}
		// Sở Tài chính's report covers no plan activity: it does not pull the mean down.
		if tot.SharedBy != 2 || tot.AverageShare != 0.625 || tot.AverageSharePercent() != 63 {
			t.Errorf("average share %v over %d", tot.AverageShare, tot.SharedBy)
		}
	})
}

func TestReportsAreOnTimeLateOrMissingByTheVietnameseDayOfTheirFirstSending(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		c := newQ1(t, db)
		v, err := oversight.Overview(c.ctx, db, c.root.ID, c.p)
		if err != nil {
			t.Fatal(err)
		}
		syt := row(t, v, "Sở Y tế")
		if syt.Timeliness != oversight.OnTime || syt.Deadline != day(2024, 3, 20) || syt.DeadlineFrom != oversight.FromReport || syt.Sent.FirstSentOn != day(2024, 3, 18) {
			t.Errorf("Sở Y tế: %s by %s (from %s)", syt.Timeliness, syt.Deadline, syt.DeadlineFrom)
		}
		// Sent on the very day the rule gives: on time.
		if skhcn := row(t, v, "Sở Khoa học và Công nghệ"); skhcn.Timeliness != oversight.OnTime || skhcn.Deadline != day(2024, 3, 18) {
			t.Errorf("Sở KH&CN: %s by %s", skhcn.Timeliness, skhcn.Deadline)
		}
		// Half past midnight on the 21st in Vietnam is still the 20th in UTC.
		stc := row(t, v, "Sở Tài chính")
		if stc.Timeliness != oversight.Late || stc.Sent.FirstSentOn != day(2024, 3, 21) {
			t.Errorf("Sở Tài chính: %s, sent %s", stc.Timeliness, stc.Sent.FirstSentOn)
		}
		sgd := row(t, v, "Sở Giáo dục và Đào tạo")
		if sgd.Timeliness != oversight.Missing || sgd.Sent != nil || sgd.Report == nil || sgd.Report.Status != report.StatusDraft || sgd.Report.ID != c.sgddt.ID {
			t.Errorf("Sở GD&ĐT: %s, sent %+v, report %+v", sgd.Timeliness, sgd.Sent, sgd.Report)
		}
		// No deadline on the report: the calendar's rule for departments, 2 working
		// days after Thursday 14/03, is Monday 18/03.
		if sgd.DeadlineFrom != oversight.FromRule || sgd.Rule == nil || sgd.Rule.Relation != calendar.RelationDepartmentToHomeAffairs ||
			sgd.Deadline != day(2024, 3, 18) {
			t.Errorf("a report without a deadline is due as the department rule says: %s (from %s)", sgd.Deadline, sgd.DeadlineFrom)
		}
		if len(v.Rules) != 1 || v.DefaultDeadlines() {
			t.Errorf("the page should state the one rule applied and no default: %+v", v.Rules)
		}
	})
}

func TestWithoutARuleForThePeriodAReportIsDueFiveDaysAfterTheCutOff(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		c := newQ1(t, db)
		if _, err := db.Write().ExecContext(c.ctx, `DELETE FROM deadline_rules`); err != nil {
			t.Fatal(err)
		}
		v, err := oversight.Overview(c.ctx, db, c.root.ID, c.p)
		if err != nil {
			t.Fatal(err)
		}
		sgd := row(t, v, "Sở Giáo dục và Đào tạo")
		if sgd.DeadlineFrom != oversight.FromDefault || sgd.Deadline != oversight.DefaultDeadline(c.p) || sgd.Deadline != day(2024, 3, 19) ||
			!v.DefaultDeadlines() || len(v.Rules) != 0 {
			t.Errorf("deadline %s from %s", sgd.Deadline, sgd.DeadlineFrom)
		}
		if row(t, v, "Sở Y tế").DeadlineFrom != oversight.FromReport {
			t.Error("a deadline written on the report still stands")
		}
	})
}

func TestALaterVersionReplacesTheFiguresButNotTheDayOfFirstSending(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		c := newQ1(t, db)
		v, err := oversight.Overview(c.ctx, db, c.root.ID, c.p)
		if err != nil {
			t.Fatal(err)
		}
		r := row(t, v, "Sở Khoa học và Công nghệ")
		if r.Sent == nil || r.Sent.ID != c.skhcn2.ID || r.Sent.Version != 2 || r.Sent.FirstID != c.skhcn1.ID || !r.Sent.Resent() {
			t.Fatalf("the latest sent version should be version 2: %+v", r.Sent)
		}
		if r.Sent.FirstSentOn != day(2024, 3, 18) || r.Sent.SentOn != day(2024, 3, 25) || r.Timeliness != oversight.OnTime {
			t.Errorf("first sent %s, again %s: %s", r.Sent.FirstSentOn, r.Sent.SentOn, r.Timeliness)
		}
		if r.Sent.Figures == nil || r.Sent.Figures.CompletionShare != 0.75 || r.SharePercent() != 75 || r.Revising() {
			t.Errorf("figures of version 2 expected: %+v", r.Sent.Figures)
		}
	})
}

func TestTheChannelTableSumsTheFrozenFiguresOfTheReportsSent(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		c := newQ1(t, db)
		// The outside department's 100 articles and Sở Khoa học's superseded version 1
		// are not counted.
		v, err := oversight.Overview(c.ctx, db, c.root.ID, c.p)
		if err != nil {
			t.Fatal(err)
		}
		want := []oversight.ChannelSum{
			{Channel: "website", Unit: "tin, bài", Results: 7, Quantity: 16, Agencies: 2},
			{Channel: "leaflet", Unit: "tờ", Results: 1, Quantity: 500, Agencies: 1},
			{Channel: "poster", Unit: "áp phích", Results: 0, Quantity: 0, Agencies: 0},
			{Channel: "meeting", Unit: "cuộc", Results: 2, Quantity: 2, Attendees: 80, Agencies: 1},
		}
		if len(v.Channels) != len(want) {
			t.Fatalf("channels %+v", v.Channels)
		}
		for i := range want {
			if v.Channels[i] != want[i] {
				t.Errorf("channel %d: %+v, want %+v", i, v.Channels[i], want[i])
			}
		}
	})
}

func TestAReopenedReportStillCountsAsSentWithTheVersionTheCityReceived(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		c := newQ1(t, db)
		v3 := c.reopen(c.skhcn2)
		v, err := oversight.Overview(c.ctx, db, c.root.ID, c.p)
		if err != nil {
			t.Fatal(err)
		}
		r := row(t, v, "Sở Khoa học và Công nghệ")
		if !r.Revising() || r.Report.ID != v3.ID || r.Report.Version != 3 || r.Sent.ID != c.skhcn2.ID || r.Timeliness != oversight.OnTime {
			t.Errorf("report %+v sent %+v: %s", r.Report, r.Sent, r.Timeliness)
		}
		if v.Totals.Reporting.Count != 3 || v.Channels[0].Results != 7 {
			t.Errorf("reopening took the sent figures out: reporting %+v, website %+v", v.Totals.Reporting, v.Channels[0])
		}
	})
}

func TestAPlanIsOnTimeByItsFirstIssueAndAnAmendmentIsShownInForce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		c := newQ1(t, db)
		v, err := oversight.Overview(c.ctx, db, c.root.ID, c.p)
		if err != nil {
			t.Fatal(err)
		}
		stc := row(t, v, "Sở Tài chính").Plan
		if stc == nil || stc.ID != c.stcPlan.ID || stc.Date != day(2024, 4, 10) || stc.FirstIssued != day(2024, 1, 10) || !stc.OnTime {
			t.Errorf("amended plan: %+v", stc)
		}
		late := row(t, v, "Sở Khoa học và Công nghệ").Plan
		if late == nil || late.ID != c.skhcnPlan.ID || late.OnTime || late.Number == "" || late.Symbol != "KH-SKHCN" {
			t.Errorf("a plan of 20/02 is late: %+v", late)
		}
		if row(t, v, "Sở Giáo dục và Đào tạo").Plan != nil {
			t.Error("a department without a plan shows one")
		}
		if v.PlanDeadline() != day(2024, 1, 31) {
			t.Errorf("plans are due %s", v.PlanDeadline())
		}
		// The 2025 view knows nothing of 2024's plans.
		v25, err := oversight.Overview(c.ctx, db, c.root.ID, mustPeriod(t, "2025-Q1"))
		if err != nil {
			t.Fatal(err)
		}
		if v25.Totals.Plans.Count != 0 || v25.Totals.Reporting.Count != 0 || v25.Totals.Missing != 4 || len(v25.Channels) != 0 {
			t.Errorf("2025: %+v", v25.Totals)
		}
	})
}

func TestAReportNotSentBeforeItsDeadlineIsNotYetDue(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		c := newCity(t, db).withDepartments()
		p := mustPeriod(t, "2099-Q1")
		c.send(c.draftReport("SYT", p, day(2099, 3, 20)), figures(1, 1, 1), vnTime(2099, 3, 1, 9, 0))
		v, err := oversight.Overview(c.ctx, db, c.root.ID, p)
		if err != nil {
			t.Fatal(err)
		}
		if v.Totals.Due != 3 || v.Totals.Missing != 0 || v.Totals.OnTime.Count != 1 || row(t, v, "Sở Tài chính").Timeliness != oversight.Due {
			t.Errorf("before the deadline: %+v", v.Totals)
		}
	})
}

func TestTheYearsOfferedAreThoseWithPlansOrReportsAndTheOnesAtHand(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		c := newQ1(t, db)
		c.issuePlan("SYT", 2022, day(2022, 1, 20))
		v, err := oversight.Overview(c.ctx, db, c.root.ID, mustPeriod(t, "2023-H1"))
		if err != nil {
			t.Fatal(err)
		}
		this := vn.Today().Year
		if len(v.Years) != 4 || v.Years[0] != this || v.Years[1] != 2024 || v.Years[2] != 2023 || v.Years[3] != 2022 {
			t.Errorf("years %v (this year %d)", v.Years, this)
		}
	})
}

func TestADistrictIsOverseenAndItsWardsAreLeftToIt(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		c := newCity(t, db)
		c.add("Văn phòng UBND thành phố", "VP", agency.KindOffice, "UBND", false)
		c.add("Ủy ban nhân dân quận Ninh Kiều", "NK", agency.KindPeoplesCommittee, "UBND", false)
		c.add("Ủy ban nhân dân phường Tân An", "TA", agency.KindPeoplesCommittee, "NK", false)
		c.add("Phòng Nội vụ quận", "PNV", agency.KindDivision, "NK", false)
		// A department under the committee's office still belongs to the city.
		c.add("Sở Xây dựng", "SXD", agency.KindDepartment, "VP", false)
		v, err := oversight.Overview(c.ctx, db, c.root.ID, mustPeriod(t, "2024-Q1"))
		if err != nil {
			t.Fatal(err)
		}
		if got := names(v); len(got) != 2 || got[0] != "Sở Xây dựng" || got[1] != "Ủy ban nhân dân quận Ninh Kiều" {
			t.Errorf("the city oversees %q", got)
		}
		district, err := oversight.Overview(c.ctx, db, c.by["NK"].ID, mustPeriod(t, "2024-Q1"))
		if err != nil {
			t.Fatal(err)
		}
		if got := names(district); len(got) != 1 || got[0] != "Ủy ban nhân dân phường Tân An" {
			t.Errorf("the district oversees %q", got)
		}
	})
}

func TestADepartmentOverseesNoOneAndAnUnknownRootIsNotFound(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		c := newQ1(t, db)
		v, err := oversight.Overview(c.ctx, db, c.by["SYT"].ID, c.p)
		if err != nil {
			t.Fatal(err)
		}
		if len(v.Rows) != 0 || v.Totals.Overseen != 0 || v.Totals.Reporting.Percent() != 0 || v.Root.Name != "Sở Y tế" {
			t.Errorf("a department's view: %q %+v", names(v), v.Totals)
		}
		if _, err := oversight.Overview(c.ctx, db, "no-such-agency", c.p); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("unknown root: %v", err)
		}
	})
}

func TestTheLatestClosedPeriodIsTheOneWhoseCutOffHasJustPassed(t *testing.T) {
	for _, c := range []struct {
		today vn.Date
		want  string
	}{
		{day(2024, 3, 14), "2023-Y"}, // the cut-off day itself is still open
		{day(2024, 3, 15), "2024-Q1"},
		{day(2024, 6, 20), "2024-H1"},
		{day(2024, 9, 15), "2024-Q3"}, // Q3 and 9 months close together: the narrower first
		{day(2025, 1, 5), "2024-Y"},
	} {
		if got := oversight.LatestClosed(c.today).String(); got != c.want {
			t.Errorf("on %s: %s, want %s", c.today, got, c.want)
		}
	}
}
