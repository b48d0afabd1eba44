package remind

import (
	"context"
	"time"

	"github.com/riverqueue/river"

	"loa/internal/jobs"
	"loa/internal/vn"
)

// SweepArgs is the daily sweep job. Day only makes each day's sweep one unique job:
// the sweep itself works for the day it runs.
type SweepArgs struct {
	Day    string `json:"day"`
	Manual bool   `json:"manual,omitempty"`
}

// Kind names the job.
func (SweepArgs) Kind() string { return "remind_sweep" }

// SweepAt is when the daily sweep runs: before the working day starts at 07:30, so the
// reminders are waiting when people arrive.
var SweepAt = jobs.DailyAt{Hour: 7, Minute: 30}

// Register gives the runner the sweep and the e-mail workers and the daily schedule.
// The leader of the instances enqueues the sweep at SweepAt, and also when it takes
// office after SweepAt (a sweep missed while no instance ran is caught up); the day's
// unique key keeps a second leader from enqueuing it again.
func Register(r *jobs.Runner, s *Service) {
	jobs.Handle(r, func(ctx context.Context, _ SweepArgs) error {
		n, err := s.Sweep(ctx)
		if n > 0 {
			s.Log.Info("reminders sent", "count", n)
		}
		return err
	})
	jobs.Handle(r, s.sendMail)
	r.Periodic("remind_sweep", SweepAt, func() (river.JobArgs, *river.InsertOpts) {
		if !SweepAt.Passed(s.Now()) {
			return nil, nil // taking office before 07:30: the schedule will come
		}
		return SweepArgs{Day: s.Today().String()}, &river.InsertOpts{UniqueOpts: river.UniqueOpts{ByArgs: true}}
	}, true)
}

// SweepNow queues a sweep at once (the office's button). Clicks within a minute of
// each other queue one.
func (s *Service) SweepNow(ctx context.Context) error {
	_, err := s.Jobs.Insert(ctx, SweepArgs{Day: vn.DateOf(s.Now()).String(), Manual: true},
		&river.InsertOpts{UniqueOpts: river.UniqueOpts{ByArgs: true, ByPeriod: time.Minute}})
	return err
}
