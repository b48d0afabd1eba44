package remind_test

import (
	"testing"
	"time"

	"loa/internal/config"
	"loa/internal/remind"
	"loa/internal/store/storetest"
	"loa/internal/vn"
)

// at places a service's clock on 29/03/2024 (the posts' last day) at hour:minute.
func at(s *remind.Service, hour, minute int) {
	s.Today = func() vn.Date { return day(2024, 3, 29) }
	s.Now = func() time.Time { return time.Date(2024, 3, 29, hour, minute, 0, 0, vn.Location) }
}

func TestTheDailySweepOnTwoInstancesSendsEachReminderOnce(t *testing.T) {
	url := storetest.PostgresURL(t)
	dbA, dbB := storetest.Open(t, url), storetest.Open(t, url)
	f := newFixture(t, dbA)
	f.user(f.ttt, "tttt1", "")
	a, b := f.service(dbA, nil, config.SMTP{}), f.service(dbB, nil, config.SMTP{})
	at(a, 9, 0)
	at(b, 9, 0)
	// Both take office after 07:30: the leader enqueues the day's sweep at once.
	for _, s := range []*remind.Service{a, b} {
		if err := s.Jobs.Start(ctx); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = s.Jobs.Stop(ctx) })
	}
	waitFor(t, "the day's sweep", func() bool {
		return f.count(`SELECT COUNT(*) FROM river_job WHERE kind = 'remind_sweep' AND state = 'completed'`) == 1
	})
	sent := f.count(`SELECT COUNT(*) FROM reminders`)
	if sent == 0 {
		t.Fatal("the sweep sent nothing")
	}
	// Sweeping by hand on both instances at once finds nothing left to send.
	errs := make(chan error, 2)
	counts := make(chan int, 2)
	for _, s := range []*remind.Service{a, b} {
		go func() {
			n, err := s.Sweep(ctx)
			counts <- n
			errs <- err
		}()
	}
	for range 2 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
		if n := <-counts; n != 0 {
			t.Fatalf("a second sweep sent %d reminders", n)
		}
	}
	if n := f.count(`SELECT COUNT(*) FROM river_job WHERE kind = 'remind_sweep'`); n != 1 {
		t.Fatalf("%d sweep jobs for one day on two instances, want 1", n)
	}
	if n := f.count(`SELECT COUNT(*) FROM notifications`); n != sent {
		t.Fatalf("%d notifications for %d reminders", n, sent)
	}
}

func TestALeaderTakingOfficeBeforeHalfPastSevenLeavesTheSweepToTheSchedule(t *testing.T) {
	db := storetest.SQLite(t)
	f := newFixture(t, db)
	at(f.svc, 6, 15)
	if err := f.svc.Jobs.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = f.svc.Jobs.Stop(ctx) })
	time.Sleep(1500 * time.Millisecond)
	if n := f.count(`SELECT COUNT(*) FROM river_job WHERE kind = 'remind_sweep'`); n != 0 {
		t.Fatalf("%d sweeps enqueued at 06:15", n)
	}
	if next := remind.SweepAt.Next(f.svc.Now()); !next.Equal(time.Date(2024, 3, 29, 7, 30, 0, 0, vn.Location)) {
		t.Fatalf("next sweep at %v, want 07:30 the same day", next)
	}
}
