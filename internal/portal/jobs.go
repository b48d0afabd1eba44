package portal

import (
	"context"
	"time"

	"github.com/riverqueue/river"

	"loa/internal/jobs"
)

// SettleArgs is the job that catches scheduled articles as their time comes.
type SettleArgs struct{}

// Kind names the job.
func (SettleArgs) Kind() string { return "portal_settle" }

// Register has the runner settle scheduled articles every minute, on one instance.
func Register(r *jobs.Runner, s *Store) {
	jobs.Handle(r, func(ctx context.Context, _ SettleArgs) error {
		_, err := s.Settle(ctx)
		return err
	})
	r.Periodic("portal_settle", river.PeriodicInterval(time.Minute), func() (river.JobArgs, *river.InsertOpts) {
		return SettleArgs{}, nil
	}, true)
}
