package remind

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"loa/internal/i18n"
	"loa/internal/notify"
	"loa/internal/period"
	"loa/internal/store"
	"loa/internal/vn"
)

// digestHorizon is how far ahead a digest looks for activities coming due.
const digestHorizon = 7

// item is an open assignment: an activity of a running plan, with an end date and a
// lead unit, that has no accepted result and is not exempted.
type item struct {
	ActivityID string
	PlanID     string
	Owner      string // the agency whose plan it is, whose rules apply
	Unit       string // the lead unit
	Text       string
	EndsOn     vn.Date
}

// involvement is a unit named in a running plan (as lead or partner) for a stretch of
// days, for the cut-off reminders.
type involvement struct {
	Owner, Unit, PlanID string
	From, To            vn.Date
}

type person struct {
	ID, Agency, Name, Email string
}

// world is what a sweep reads before deciding anything.
type world struct {
	rules    map[string][]Rule // by owning agency, enabled ones only
	items    []item
	involved []involvement
	names    map[string]string   // agency id → name
	people   map[string][]person // agency id → its active users
}

// outgoing is one reminder to send: to a unit (everyone of it) or, for a digest, to
// one person.
type outgoing struct {
	RuleID     string
	Kind       Kind
	Agency     string
	UserID     string
	ActivityID string
	SentBy     string
	Key        string
	Title      string
	Link       string
	Lines      []string // what the e-mail says beyond the title
	To         []person
}

// Sweep sends every reminder due today (by s.Today) for running plans: in the app to
// the unit, by e-mail to its people when SMTP is set, and the digests. Reminders
// already in the log are not sent again, so it is safe to run at any time and on
// several instances at once. It returns how many reminders went out.
func (s *Service) Sweep(ctx context.Context) (int, error) {
	today := s.Today()
	w, err := s.load(ctx)
	if err != nil {
		return 0, fmt.Errorf("remind: %w", err)
	}
	due, err := s.due(ctx, w, today)
	if err != nil {
		return 0, fmt.Errorf("remind: %w", err)
	}
	sent := 0
	var errs []error
	for _, o := range due {
		// One transaction per reminder keeps SQLite's write lock short; a failure
		// leaves the others sent, and a retry of the job sends only what is missing.
		var fresh bool
		err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
			var err error
			fresh, err = s.deliver(ctx, tx, o)
			return err
		})
		if err != nil {
			s.Log.Error("reminder", "key", o.Key, "err", err)
			errs = append(errs, err)
			continue
		}
		if fresh {
			sent++
		}
	}
	return sent, errors.Join(errs...)
}

func (s *Service) load(ctx context.Context) (*world, error) {
	q := s.DB.Read()
	w := &world{rules: map[string][]Rule{}, names: map[string]string{}, people: map[string][]person{}}
	owners, err := column(ctx, q, `SELECT DISTINCT agency_id FROM plans WHERE status = 'in_effect'`)
	if err != nil {
		return nil, err
	}
	for _, owner := range owners {
		rules, err := s.Rules(ctx, owner)
		if err != nil {
			return nil, err
		}
		for _, r := range rules {
			if r.Enabled {
				w.rules[owner] = append(w.rules[owner], r)
			}
		}
	}
	if w.items, err = openItems(ctx, q); err != nil {
		return nil, err
	}
	if w.involved, err = involvements(ctx, q); err != nil {
		return nil, err
	}
	rows, err := q.QueryContext(ctx, `SELECT id, name FROM agencies`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var id, name string
		if err := rows.Scan(&id, &name); err != nil {
			rows.Close()
			return nil, err
		}
		w.names[id] = name
	}
	rows.Close()
	rows, err = q.QueryContext(ctx, `SELECT id, agency_id, full_name, email FROM users WHERE NOT disabled ORDER BY full_name, id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var p person
		if err := rows.Scan(&p.ID, &p.Agency, &p.Name, &p.Email); err != nil {
			return nil, err
		}
		w.people[p.Agency] = append(w.people[p.Agency], p)
	}
	return w, rows.Err()
}

// column runs a query of one text column.
func column(ctx context.Context, q store.Querier, query string, args ...any) ([]string, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// openFrom finds the open assignments. Done is what the progress dashboard calls
// done: an accepted result, and the accepted quantity up to the target when the
// activity has one. An exemption ("nếu có" whose occasion never came) takes an
// activity out of reminders.
const openFrom = ` FROM plan_activities a JOIN plans p ON p.id = a.plan_id JOIN agencies ag ON ag.id = a.lead_agency_id
	WHERE p.status = 'in_effect' AND a.lead_agency_id IS NOT NULL AND a.ends_on IS NOT NULL
	AND NOT EXISTS (SELECT 1 FROM activity_exemptions e WHERE e.activity_id = a.id)
	AND NOT (EXISTS (SELECT 1 FROM results r WHERE r.activity_id = a.id AND r.status = 'accepted')
		AND (a.target_quantity IS NULL OR a.target_quantity <= 0 OR
			(SELECT COALESCE(SUM(r.quantity), 0) FROM results r WHERE r.activity_id = a.id AND r.status = 'accepted') >= a.target_quantity))`

func openItems(ctx context.Context, q store.Querier) ([]item, error) {
	rows, err := q.QueryContext(ctx, `SELECT a.id, a.plan_id, p.agency_id, a.lead_agency_id, a.text, a.ends_on`+openFrom+` ORDER BY a.ends_on, p.id, a.seq`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []item
	for rows.Next() {
		var it item
		if err := rows.Scan(&it.ActivityID, &it.PlanID, &it.Owner, &it.Unit, &it.Text, &it.EndsOn); err != nil {
			return nil, err
		}
		out = append(out, it)
	}
	return out, rows.Err()
}

// involvements lists the units named by the activities of running plans, lead or
// partner, with the days each activity spans; an activity without dates spans its
// plan's year.
func involvements(ctx context.Context, q store.Querier) ([]involvement, error) {
	rows, err := q.QueryContext(ctx, `SELECT p.agency_id, u.unit, p.id, p.year, a.starts_on, a.ends_on
		FROM plan_activities a JOIN plans p ON p.id = a.plan_id
		JOIN (SELECT id AS activity_id, lead_agency_id AS unit FROM plan_activities WHERE lead_agency_id IS NOT NULL
		      UNION SELECT activity_id, agency_id FROM plan_activity_partners WHERE agency_id IS NOT NULL) u ON u.activity_id = a.id
		WHERE p.status = 'in_effect' AND NOT EXISTS (SELECT 1 FROM activity_exemptions e WHERE e.activity_id = a.id)
		ORDER BY p.id, a.seq`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []involvement
	for rows.Next() {
		var in involvement
		var year int
		if err := rows.Scan(&in.Owner, &in.Unit, &in.PlanID, &year, &in.From, &in.To); err != nil {
			return nil, err
		}
		if in.From.IsZero() {
			in.From = vn.Date{Year: year, Month: time.January, Day: 1}
		}
		if in.To.IsZero() {
			in.To = vn.Date{Year: year, Month: time.December, Day: 31}
		}
		out = append(out, in)
	}
	return out, rows.Err()
}

// recordedIn lists the units with a result in the period, whether they recorded it
// or took part in it; a result sent back for correction does not count.
func recordedIn(ctx context.Context, q store.Querier, p period.Period) (map[string]bool, error) {
	units, err := column(ctx, q, `SELECT r.agency_id FROM results r
		WHERE r.done_on >= $1 AND r.done_on <= $2 AND r.status <> 'returned'
		UNION SELECT rp.agency_id FROM result_partners rp JOIN results r ON r.id = rp.result_id
		WHERE r.done_on >= $1 AND r.done_on <= $2 AND r.status <> 'returned'`, p.From, p.To)
	if err != nil {
		return nil, err
	}
	out := map[string]bool{}
	for _, u := range units {
		out[u] = true
	}
	return out, nil
}

// due lists the reminders the rules call for today, in a stable order: activity
// reminders, cut-off reminders, digests. Whether each already went is left to the
// log's unique key.
func (s *Service) due(ctx context.Context, w *world, today vn.Date) ([]outgoing, error) {
	var out []outgoing
	for _, it := range w.items {
		for _, r := range w.rules[it.Owner] {
			on, ok := dueFor(r, it.EndsOn, today)
			if !ok {
				continue
			}
			out = append(out, outgoing{RuleID: r.ID, Kind: r.Kind, Agency: it.Unit, ActivityID: it.ActivityID,
				Key: activityKey(r, it.ActivityID, it.Unit, it.EndsOn, on), Title: activityTitle(r.Kind, it, today),
				Link: "/plans/" + it.PlanID, To: withEmail(w.people[it.Unit])})
		}
	}
	recorded := map[string]map[string]bool{} // by period
	for owner, rules := range w.rules {
		for _, r := range rules {
			p, ok := cutoffFor(r, today)
			if !ok {
				continue
			}
			if recorded[p.String()] == nil {
				units, err := recordedIn(ctx, s.DB.Read(), p)
				if err != nil {
					return nil, err
				}
				recorded[p.String()] = units
			}
			seen := map[string]bool{}
			for _, in := range w.involved {
				if in.Owner != owner || seen[in.Unit] || recorded[p.String()][in.Unit] || in.To.Before(p.From) || in.From.After(p.To) {
					continue
				}
				seen[in.Unit] = true
				title := vi("remind.title.before_cutoff", daysBetween(today, p.To), p.Label().In(i18n.VI), p.To.Short())
				if p.To == today {
					title = vi("remind.title.cutoff_today", p.Label().In(i18n.VI), p.To.Short())
				}
				out = append(out, outgoing{RuleID: r.ID, Kind: BeforeCutoff, Agency: in.Unit, Key: cutoffKey(r, in.Unit, p), Title: title,
					Lines: []string{vi("remind.mail.cutoff_hint", p.Span())}, Link: "/plans/" + in.PlanID, To: withEmail(w.people[in.Unit])})
			}
		}
	}
	return append(out, s.digests(w, today)...), nil
}

// digests gives each person of a unit with open assignments one summary of what comes
// due within a week and what is overdue. Plans whose owner disabled every activity
// rule are left out, as their reminders are.
func (s *Service) digests(w *world, today vn.Date) []outgoing {
	type entry struct {
		it   item
		late int
	}
	byUnit := map[string][]entry{}
	var units []string
	for _, it := range w.items {
		if !remindsAboutActivities(w.rules[it.Owner]) {
			continue
		}
		late := daysBetween(it.EndsOn, today)
		if late < -digestHorizon {
			continue
		}
		if byUnit[it.Unit] == nil {
			units = append(units, it.Unit)
		}
		byUnit[it.Unit] = append(byUnit[it.Unit], entry{it, late})
	}
	var out []outgoing
	for _, unit := range units {
		entries := byUnit[unit]
		soon, overdue := 0, 0
		var lines []string
		for _, e := range entries {
			link := s.BaseURL + "/plans/" + e.it.PlanID
			switch {
			case e.late > 0:
				overdue++
				lines = append(lines, vi("remind.digest.overdue", short(e.it.Text), e.it.EndsOn.Short(), e.late, link))
			default:
				soon++
				lines = append(lines, vi("remind.digest.soon", short(e.it.Text), e.it.EndsOn.Short(), link))
			}
		}
		title := vi("remind.title.digest", today.Short(), soon, overdue)
		for _, p := range w.people[unit] {
			o := outgoing{Kind: Digest, Agency: unit, UserID: p.ID, Key: digestKey(p.ID, today), Title: title,
				Link: "/plans/" + entries[0].it.PlanID, Lines: lines}
			if p.Email != "" {
				o.To = []person{p}
			}
			out = append(out, o)
		}
	}
	return out
}

func remindsAboutActivities(rules []Rule) bool {
	for _, r := range rules {
		if r.Kind != BeforeCutoff {
			return true
		}
	}
	return false
}

func activityTitle(k Kind, it item, today vn.Date) string {
	switch k {
	case BeforeEnd:
		return vi("remind.title.before_end", daysBetween(today, it.EndsOn), short(it.Text), it.EndsOn.Short())
	case OnDay:
		return vi("remind.title.on_day", short(it.Text))
	default:
		return vi("remind.title.overdue", daysBetween(it.EndsOn, today), short(it.Text), it.EndsOn.Short())
	}
}

func withEmail(people []person) []person {
	var out []person
	for _, p := range people {
		if p.Email != "" {
			out = append(out, p)
		}
	}
	return out
}

// vi renders a message in Vietnamese: reminders are stored and mailed as sent.
func vi(key string, args ...any) string { return i18n.T(i18n.VI, key, args...) }

// short cuts an activity's text to what fits a notification line.
func short(s string) string {
	const max = 120
	r := []rune(s)
	if len(r) <= max {
		return s
	}
	return strings.TrimSpace(string(r[:max-1])) + "…"
}

// deliver logs o and, when the log did not have it yet, notifies and queues its
// e-mails, all in tx: a reminder is logged, shown and mailed together or not at all.
// It tells whether o was new.
func (s *Service) deliver(ctx context.Context, tx *sql.Tx, o outgoing) (bool, error) {
	channels := "app"
	if s.mailing() && len(o.To) > 0 {
		channels = "app,email"
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO reminders (id, rule_id, kind, agency_id, activity_id, dedupe_key, title, sent_by, channels, sent_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (dedupe_key) DO NOTHING`,
		store.NewID(), nullable(o.RuleID), o.Kind, o.Agency, nullable(o.ActivityID), o.Key, o.Title, nullable(o.SentBy), channels, store.Now())
	if err != nil {
		return false, err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return false, err
	}
	n := notify.Notification{AgencyID: o.Agency, Kind: "reminder", Title: o.Title, Link: o.Link}
	if o.UserID != "" {
		n = notify.Notification{UserID: o.UserID, Kind: "reminder", Title: o.Title, Link: o.Link}
	}
	if err := notify.Send(ctx, tx, n); err != nil {
		return false, err
	}
	if channels == "app" {
		return true, nil
	}
	for _, p := range o.To {
		if _, err := s.Jobs.InsertTx(ctx, tx, s.mail(p, o), nil); err != nil {
			return false, err
		}
	}
	return true, nil
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}
