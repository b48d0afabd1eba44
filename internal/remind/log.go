package remind

import (
	"context"
	"fmt"
	"strings"
	"time"

	"loa/internal/store"
	"loa/internal/vn"
)

// Entry is one line of the reminder log.
type Entry struct {
	ID         string
	Kind       Kind
	AgencyID   string
	Agency     string
	ActivityID string
	PlanID     string
	Title      string
	SentBy     string // the person who urged, for an urge
	Channels   string // "app" or "app,email"
	SentAt     time.Time
}

// Filter narrows the log. Agencies limits it to the units a viewer may see (nil: all).
type Filter struct {
	Agencies []string
	AgencyID string
	Kind     Kind
	Limit    int
	Offset   int
}

// List returns a page of the log, newest first, and how many entries match in all.
func List(ctx context.Context, q store.Querier, f Filter) ([]Entry, int, error) {
	where := []string{"1 = 1"}
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return fmt.Sprintf("$%d", len(args))
	}
	if f.Agencies != nil {
		if len(f.Agencies) == 0 {
			return nil, 0, nil
		}
		ph := make([]string, len(f.Agencies))
		for i, id := range f.Agencies {
			ph[i] = arg(id)
		}
		where = append(where, "r.agency_id IN ("+strings.Join(ph, ", ")+")")
	}
	if f.AgencyID != "" {
		where = append(where, "r.agency_id = "+arg(f.AgencyID))
	}
	if f.Kind != "" {
		where = append(where, "r.kind = "+arg(string(f.Kind)))
	}
	cond := strings.Join(where, " AND ")
	var total int
	if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM reminders r WHERE `+cond, args...).Scan(&total); err != nil {
		return nil, 0, err
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 50
	}
	rows, err := q.QueryContext(ctx, `SELECT r.id, r.kind, r.agency_id, COALESCE(ag.name, ''), COALESCE(r.activity_id, ''), COALESCE(a.plan_id, ''),
		r.title, COALESCE(u.full_name, ''), r.channels, r.sent_at
		FROM reminders r LEFT JOIN agencies ag ON ag.id = r.agency_id LEFT JOIN plan_activities a ON a.id = r.activity_id
		LEFT JOIN users u ON u.id = r.sent_by
		WHERE `+cond+fmt.Sprintf(` ORDER BY r.sent_at DESC, r.id DESC LIMIT %d OFFSET %d`, limit, max(f.Offset, 0)), args...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []Entry
	for rows.Next() {
		var e Entry
		if err := rows.Scan(&e.ID, &e.Kind, &e.AgencyID, &e.Agency, &e.ActivityID, &e.PlanID, &e.Title, &e.SentBy, &e.Channels, &e.SentAt); err != nil {
			return nil, 0, err
		}
		out = append(out, e)
	}
	return out, total, rows.Err()
}

// Late is an overdue assignment, as the office sees it before urging.
type Late struct {
	ActivityID string
	PlanID     string
	Text       string
	UnitID     string
	Unit       string
	EndsOn     vn.Date
	Days       int
}

// Overdue lists the open assignments past their end on day today, most overdue first,
// of the plans owned by the given agencies (nil: all), at most limit of them.
func Overdue(ctx context.Context, q store.Querier, today vn.Date, owners []string, limit int) ([]Late, error) {
	if owners != nil && len(owners) == 0 {
		return nil, nil
	}
	args := []any{today}
	cond := ""
	if owners != nil {
		ph := make([]string, len(owners))
		for i, id := range owners {
			args = append(args, id)
			ph[i] = fmt.Sprintf("$%d", len(args))
		}
		cond = " AND p.agency_id IN (" + strings.Join(ph, ", ") + ")"
	}
	rows, err := q.QueryContext(ctx, `SELECT a.id, a.plan_id, a.text, a.lead_agency_id, ag.name, a.ends_on`+openFrom+
		` AND a.ends_on < $1`+cond+` ORDER BY a.ends_on, a.id LIMIT `+fmt.Sprint(limit), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Late
	for rows.Next() {
		var l Late
		if err := rows.Scan(&l.ActivityID, &l.PlanID, &l.Text, &l.UnitID, &l.Unit, &l.EndsOn); err != nil {
			return nil, err
		}
		l.Days = daysBetween(l.EndsOn, today)
		out = append(out, l)
	}
	return out, rows.Err()
}
