// Package notify keeps the in-app notifications: a message with a link, to one user
// or to everyone of an agency, read or unread per user.
package notify

import (
	"context"
	"fmt"
	"strings"
	"time"

	"loa/internal/store"
)

// Notification is one message.
type Notification struct {
	ID        string
	UserID    string // set for a personal message
	AgencyID  string // set for a message to everyone of an agency
	Kind      string // plan_issued, reminder, returned …
	Title     string
	Link      string
	CreatedAt time.Time
	Read      bool
}

// Send records n inside the caller's transaction.
func Send(ctx context.Context, q store.Querier, n Notification) error {
	if n.UserID == "" && n.AgencyID == "" {
		return fmt.Errorf("notify: a notification needs a user or an agency")
	}
	_, err := q.ExecContext(ctx, `INSERT INTO notifications (id, user_id, agency_id, kind, title, link, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
		store.NewID(), nullable(n.UserID), nullable(n.AgencyID), n.Kind, n.Title, n.Link, store.Now())
	return err
}

// For lists the newest notifications of a user: personal ones and those to the given
// agencies (the user's agency and those of their roles).
func For(ctx context.Context, q store.Querier, userID string, agencies []string, limit int) ([]Notification, int, error) {
	args := []any{userID}
	cond := "n.user_id = $1"
	if len(agencies) > 0 {
		ph := make([]string, len(agencies))
		for i, a := range agencies {
			args = append(args, a)
			ph[i] = fmt.Sprintf("$%d", len(args))
		}
		cond = "(" + cond + " OR n.agency_id IN (" + strings.Join(ph, ", ") + "))"
	}
	var unread int
	if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM notifications n WHERE `+cond+`
		AND NOT EXISTS (SELECT 1 FROM notification_reads r WHERE r.notification_id = n.id AND r.user_id = $1)`, args...).Scan(&unread); err != nil {
		return nil, 0, err
	}
	rows, err := q.QueryContext(ctx, `SELECT n.id, COALESCE(n.user_id, ''), COALESCE(n.agency_id, ''), n.kind, n.title, n.link, n.created_at,
		EXISTS (SELECT 1 FROM notification_reads r WHERE r.notification_id = n.id AND r.user_id = $1)
		FROM notifications n WHERE `+cond+` ORDER BY n.created_at DESC, n.id DESC LIMIT `+fmt.Sprint(limit), args...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []Notification
	for rows.Next() {
		var n Notification
		if err := rows.Scan(&n.ID, &n.UserID, &n.AgencyID, &n.Kind, &n.Title, &n.Link, &n.CreatedAt, &n.Read); err != nil {
			return nil, 0, err
		}
		out = append(out, n)
	}
	return out, unread, rows.Err()
}

// MarkRead marks notifications read for a user.
func MarkRead(ctx context.Context, q store.Querier, userID string, ids ...string) error {
	for _, id := range ids {
		if _, err := q.ExecContext(ctx, `INSERT INTO notification_reads (notification_id, user_id, read_at) VALUES ($1, $2, $3)
			ON CONFLICT (notification_id, user_id) DO NOTHING`, id, userID, store.Now()); err != nil {
			return err
		}
	}
	return nil
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}
