package remind_test

import (
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"loa/internal/remind"
	"loa/internal/store"
	"loa/internal/store/storetest"
	"loa/internal/valid"
	"loa/internal/vn"
)

func TestEachActivityRuleFiresOnItsDayAndOnNoOther(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		// The posts end on Friday 29/03/2024; sweep every day around it.
		want := map[vn.Date][]string{
			day(2024, 3, 22): {"before_end"},    // 7 days before
			day(2024, 3, 29): {"on_day"},        // the day itself
			day(2024, 4, 5):  {"overdue_every"}, // 7 days late
			day(2024, 4, 12): {"overdue_every"}, // 14 days late
		}
		for d := day(2024, 3, 10); !d.After(day(2024, 4, 15)); d = d.AddDays(1) {
			before := len(f.logged(`activity_id = $1`, f.posts))
			f.sweepOn(d)
			got := f.logged(`activity_id = $1`, f.posts)[before:]
			if !slices.Equal(got, want[d]) {
				t.Errorf("on %s the posts got %v, want %v", d.Short(), got, want[d])
			}
		}
		// The reminders went to the lead unit, not to its partner.
		if n := f.count(`SELECT COUNT(*) FROM reminders WHERE activity_id = $1 AND agency_id <> $2`, f.posts, f.ttt.ID); n != 0 {
			t.Errorf("%d activity reminders went to another unit than the lead", n)
		}
		// Each reminder to the unit (the four above and the Q1 cut-off one on 10/03) is
		// a notification to it linking to the plan.
		logged := f.count(`SELECT COUNT(*) FROM reminders WHERE agency_id = $1`, f.ttt.ID)
		if n := f.count(`SELECT COUNT(*) FROM notifications WHERE agency_id = $1 AND kind = 'reminder' AND link = $2`, f.ttt.ID, "/plans/"+f.plan.ID); n != logged || n != 5 {
			t.Errorf("the lead unit has %d reminder notifications linking to the plan for %d reminders logged, want 5", n, logged)
		}
	})
}

func TestAReminderMissedWhileNoSweepRanGoesTheNextDayOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		f.sweepOn(day(2024, 3, 24)) // the 22nd and 23rd passed without a sweep
		f.sweepOn(day(2024, 3, 25))
		if got := f.logged(`activity_id = $1`, f.posts); !slices.Equal(got, []string{"before_end"}) {
			t.Fatalf("got %v, want one late before_end reminder", got)
		}
	})
}

func TestASecondSweepTheSameDaySendsNothingNew(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		f.user(f.ttt, "tttt1", "")
		if n := f.sweepOn(day(2024, 3, 29)); n == 0 {
			t.Fatal("the first sweep sent nothing")
		}
		notes := f.count(`SELECT COUNT(*) FROM notifications`)
		if n := f.sweepOn(day(2024, 3, 29)); n != 0 {
			t.Fatalf("the second sweep sent %d reminders", n)
		}
		if after := f.count(`SELECT COUNT(*) FROM notifications`); after != notes {
			t.Fatalf("notifications went from %d to %d on the second sweep", notes, after)
		}
	})
}

func TestAnAcceptedResultStopsOverdueRemindersAndASubmittedOneDoesNot(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		f.sweepOn(day(2024, 7, 7)) // leaflets 7 days late
		f.result(f.leaflets, f.pql, day(2024, 7, 8), "submitted")
		f.sweepOn(day(2024, 7, 14))
		if got := f.logged(`activity_id = $1 AND kind = 'overdue_every'`, f.leaflets); len(got) != 2 {
			t.Fatalf("with a result waiting for review, %d overdue reminders, want 2", len(got))
		}
		f.result(f.leaflets, f.pql, day(2024, 7, 15), "accepted")
		f.sweepOn(day(2024, 7, 21))
		if got := f.logged(`activity_id = $1 AND kind = 'overdue_every'`, f.leaflets); len(got) != 2 {
			t.Fatalf("after the result was accepted, %d overdue reminders, want still 2", len(got))
		}
	})
}

func TestAnExemptedActivityGetsNoReminders(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		f.exempt(f.leaflets)
		for _, d := range []vn.Date{day(2024, 6, 23), day(2024, 6, 30), day(2024, 7, 7)} {
			f.sweepOn(d)
		}
		if got := f.logged(`activity_id = $1`, f.leaflets); len(got) != 0 {
			t.Fatalf("the exempted activity got %v", got)
		}
	})
}

func TestACutoffReminderGoesOnlyToUnitsWithNothingRecordedInThePeriod(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		// The 6-month report closes on 14/06/2024; PQL recorded a result in it, TTTT
		// had one sent back, which does not count.
		f.result(f.leaflets, f.pql, day(2024, 5, 20), "submitted")
		f.result(f.posts, f.ttt, day(2024, 3, 1), "returned")
		f.sweepOn(day(2024, 6, 8))
		if got := f.logged(`kind = 'before_cutoff'`); len(got) != 0 {
			t.Fatal("a cut-off reminder six days early")
		}
		f.sweepOn(day(2024, 6, 9))
		units := f.logged(`kind = 'before_cutoff' AND agency_id = $1`, f.ttt.ID)
		others := f.logged(`kind = 'before_cutoff' AND agency_id <> $1`, f.ttt.ID)
		if len(units) != 1 || len(others) != 0 {
			t.Fatalf("cut-off reminders: %d to the unit with nothing recorded, %d to others; want 1 and 0", len(units), len(others))
		}
		var title string
		if err := db.Read().QueryRowContext(ctx, `SELECT title FROM reminders WHERE kind = 'before_cutoff'`).Scan(&title); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(title, "6 tháng đầu năm 2024") || !strings.Contains(title, "14/06/2024") {
			t.Fatalf("title %q does not name the period and its cut-off", title)
		}
	})
}

func TestOnTheNineMonthCutoffTheReminderIsAboutTheThirdQuarter(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		// Recorded before 15/06: inside 9 months, outside the third quarter. The third
		// quarter's report would show PQL empty, so PQL is reminded.
		f.result(f.leaflets, f.pql, day(2024, 5, 20), "accepted")
		f.sweepOn(day(2024, 9, 10))
		var title string
		if err := db.Read().QueryRowContext(ctx, `SELECT title FROM reminders WHERE kind = 'before_cutoff' AND agency_id = $1`, f.pql.ID).Scan(&title); err != nil {
			t.Fatalf("PQL got no cut-off reminder: %v", err)
		}
		if !strings.Contains(title, "Quý III năm 2024") {
			t.Fatalf("title %q: want the third quarter", title)
		}
	})
}

func TestUrgingTwiceInARowSendsOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		office := f.user(f.dept, "vanphong", "")
		urge := func() bool {
			var sent bool
			if err := db.Tx(ctx, func(tx *sql.Tx) error {
				var err error
				sent, err = f.svc.Urge(ctx, tx, f.ttt.ID, f.posts, office, "Đề nghị báo cáo trước thứ Sáu")
				return err
			}); err != nil {
				t.Fatal(err)
			}
			return sent
		}
		first, second := urge(), urge()
		if !first || second {
			t.Fatalf("sent: first %v, second %v; want true, false", first, second)
		}
		if n := f.count(`SELECT COUNT(*) FROM notifications WHERE kind = 'reminder' AND agency_id = $1`, f.ttt.ID); n != 1 {
			t.Fatalf("%d notifications for two clicks, want 1", n)
		}
		if n := f.count(`SELECT COUNT(*) FROM reminders WHERE kind = 'urge' AND sent_by = $1`, office); n != 1 {
			t.Fatalf("%d urges logged with their sender, want 1", n)
		}
		if n := f.count(`SELECT COUNT(*) FROM audit_log WHERE action = 'urge'`); n != 1 {
			t.Fatalf("%d urges in the audit log, want 1", n)
		}
		later := f.svc.Now().Add(time.Minute)
		f.svc.Now = func() time.Time { return later }
		if !urge() {
			t.Fatal("an urge a minute later was not sent")
		}
	})
}

func TestUrgingAUnitNotAssignedTheActivityIsRefused(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		err := db.Tx(ctx, func(tx *sql.Tx) error {
			_, err := f.svc.Urge(ctx, tx, f.ttt.ID, f.leaflets, "", "")
			return err
		})
		var ve *valid.Error
		if !errors.As(err, &ve) || !ve.Fields.Has("agency_id") {
			t.Fatalf("err = %v, want a validation error on the unit", err)
		}
		if n := f.count(`SELECT COUNT(*) FROM reminders`); n != 0 {
			t.Fatalf("%d reminders logged", n)
		}
	})
}

func TestEachPersonGetsOneDigestADayOfTheirUnitsDueAndOverdueWork(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		a, b := f.user(f.pql, "pql1", ""), f.user(f.pql, "pql2", "")
		f.user(f.dept, "sokhcn", "") // no open work of its own: no digest
		f.sweepOn(day(2024, 6, 25))
		f.sweepOn(day(2024, 6, 25))
		if n := f.count(`SELECT COUNT(*) FROM reminders WHERE kind = 'digest'`); n != 2 {
			t.Fatalf("%d digests after two sweeps on one day, want one for each of two people", n)
		}
		for _, u := range []string{a, b} {
			var title string
			if err := db.Read().QueryRowContext(ctx, `SELECT title FROM notifications WHERE user_id = $1`, u).Scan(&title); err != nil {
				t.Fatalf("no digest notification for a person of the unit: %v", err)
			}
			if title != "Nhắc việc ngày 25/06/2024: 1 việc sắp đến hạn, 0 việc quá hạn" {
				t.Fatalf("digest title %q", title)
			}
		}
		f.sweepOn(day(2024, 6, 26))
		if n := f.count(`SELECT COUNT(*) FROM reminders WHERE kind = 'digest'`); n != 4 {
			t.Fatalf("%d digests after the next day's sweep, want 4", n)
		}
	})
}

func TestAnAgencyStartsWithTheDefaultRulesAndItsChangesApply(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		rules, err := f.svc.Rules(ctx, f.dept.ID)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, r := range rules {
			got = append(got, fmt.Sprintf("%s/%d", r.Kind, r.Days))
		}
		if want := []string{"before_end/7", "on_day/0", "overdue_every/7", "before_cutoff/5"}; !slices.Equal(got, want) {
			t.Fatalf("default rules %v, want %v", got, want)
		}
		f.sweepOn(day(2024, 3, 22)) // logs a before_end reminder under the 7-day rule
		// Drop the 7-day rule, add a 3-day one, switch off the cut-off reminders.
		edited := []remind.Rule{{Kind: remind.BeforeEnd, Days: 3, Enabled: true}, rules[1], rules[2], rules[3]}
		edited[3].Enabled = false
		if err := f.svc.SaveRules(ctx, f.dept.ID, edited); err != nil {
			t.Fatal(err)
		}
		f.sweepOn(day(2024, 3, 26))
		if got := f.logged(`activity_id = $1 AND kind = 'before_end'`, f.posts); len(got) != 2 {
			t.Fatalf("%d before_end reminders, want the old 7-day one and the new 3-day one", len(got))
		}
		f.sweepOn(day(2024, 6, 10))
		if got := f.logged(`kind = 'before_cutoff'`); len(got) != 0 {
			t.Fatalf("a disabled rule sent %v", got)
		}
		if n := f.count(`SELECT COUNT(*) FROM reminders WHERE rule_id IS NULL AND kind = 'before_end'`); n != 1 {
			t.Fatalf("the removed rule's reminder should stay logged without its rule; %d found", n)
		}
	})
}

func TestRulesOutOfRangeRepeatedOrNoneAtAllAreRefused(t *testing.T) {
	cases := []struct {
		rules []remind.Rule
		field string
		key   string
	}{
		{[]remind.Rule{{Kind: remind.BeforeEnd, Days: 0}}, "days_0", "remind.rule_days_range"},
		{[]remind.Rule{{Kind: remind.OnDay}, {Kind: remind.OverdueEvery, Days: 61}}, "days_1", "remind.rule_days_range"},
		{[]remind.Rule{{Kind: remind.BeforeCutoff, Days: 31}}, "days_0", "remind.rule_days_range"},
		{[]remind.Rule{{Kind: remind.BeforeEnd, Days: 3}, {Kind: remind.BeforeEnd, Days: 3}}, "days_1", "remind.rule_duplicate"},
		{[]remind.Rule{{Kind: "weekly", Days: 3}}, "kind_0", "remind.rule_kind_unknown"},
		{nil, "", "remind.rules_empty"},
	}
	for _, c := range cases {
		errs := remind.CheckRules(c.rules)
		if m, ok := errs[c.field]; !ok || m.Key != c.key {
			t.Errorf("%v: errors %v, want %s on %q", c.rules, errs, c.key, c.field)
		}
	}
	if errs := remind.CheckRules(remind.Defaults); len(errs) != 0 {
		t.Errorf("the defaults are refused: %v", errs)
	}
}

func TestAnActivityShortOfItsTargetStaysOverdueAsOnTheDashboard(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		if _, err := db.Write().ExecContext(ctx, `UPDATE plan_activities SET target_quantity = 500, target_unit = 'tờ' WHERE id = $1`, f.leaflets); err != nil {
			t.Fatal(err)
		}
		f.result(f.leaflets, f.pql, day(2024, 7, 1), "accepted") // quantity 0: short of 500
		f.sweepOn(day(2024, 7, 7))
		if got := f.logged(`activity_id = $1 AND kind = 'overdue_every'`, f.leaflets); len(got) != 1 {
			t.Fatalf("an accepted result short of the target: %d overdue reminders, want 1", len(got))
		}
		if _, err := db.Write().ExecContext(ctx, `UPDATE results SET quantity = 500 WHERE activity_id = $1`, f.leaflets); err != nil {
			t.Fatal(err)
		}
		f.sweepOn(day(2024, 7, 14))
		if got := f.logged(`activity_id = $1 AND kind = 'overdue_every'`, f.leaflets); len(got) != 1 {
			t.Fatalf("once the target is reached: %d overdue reminders, want still 1", len(got))
		}
	})
}
