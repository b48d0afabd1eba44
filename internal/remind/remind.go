// Package remind urges units about their assignments before it is too late: reminders
// some days before an activity's end, on the day, and every few days while it is
// overdue; reminders before each report cut-off to units with nothing recorded in the
// period; a daily digest per person; and the office's manual "urge". The rules are
// set per agency (the agency whose plan it is). Every reminder is logged with a key
// made of what it is about, and the key is unique in the database, so a reminder goes
// out once however often the sweep runs and however many instances run it.
package remind

import (
	"context"
	"log/slog"
	"time"

	"loa/internal/config"
	"loa/internal/jobs"
	"loa/internal/store"
	"loa/internal/vn"
)

// Kind is what a reminder is about.
type Kind string

const (
	BeforeEnd    Kind = "before_end"    // N days before an activity's end
	OnDay        Kind = "on_day"        // on the day an activity ends
	OverdueEvery Kind = "overdue_every" // every N days while an activity is overdue
	BeforeCutoff Kind = "before_cutoff" // N days before a report cut-off, to units with nothing recorded
	Digest       Kind = "digest"        // one summary per person per day
	Urge         Kind = "urge"          // sent by hand by the office
)

// RuleKinds are the kinds an agency sets rules for, in the order forms show them.
var RuleKinds = []Kind{BeforeEnd, OnDay, OverdueEvery, BeforeCutoff}

// Kinds are every kind the log holds.
var Kinds = []Kind{BeforeEnd, OnDay, OverdueEvery, BeforeCutoff, Digest, Urge}

// Label is the catalogue key of the kind's name.
func (k Kind) Label() string { return "remind.kind." + string(k) }

// Service computes, sends and logs reminders.
type Service struct {
	DB *store.DB
	// Jobs queues e-mails in the transaction that logs their reminder, so a reminder
	// is mailed if and only if it was logged.
	Jobs    *jobs.Runner
	SMTP    config.SMTP
	BaseURL string
	Log     *slog.Logger
	// Today is the day the sweep works for; Now places a manual urge in its minute.
	// Both are the real clock in production and fixed in tests.
	Today func() vn.Date
	Now   func() time.Time
}

// New returns a service on the real clock.
func New(db *store.DB, runner *jobs.Runner, cfg *config.Config, log *slog.Logger) *Service {
	return &Service{DB: db, Jobs: runner, SMTP: cfg.SMTP, BaseURL: cfg.BaseURL, Log: log, Today: vn.Today, Now: time.Now}
}

// mailing tells whether reminders also go by e-mail.
func (s *Service) mailing() bool { return s.SMTP.Addr != "" }

// ActivityOwner is the agency whose plan holds the activity: the office that may urge
// units about it works there. Routes use it as their scope.
func ActivityOwner(ctx context.Context, q store.Querier, activityID string) (string, error) {
	var id string
	err := q.QueryRowContext(ctx, `SELECT p.agency_id FROM plan_activities a JOIN plans p ON p.id = a.plan_id WHERE a.id = $1`, activityID).Scan(&id)
	return id, store.NotFound(err)
}
