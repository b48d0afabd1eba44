// Package audit keeps the append-only log of every write: who, when, from which
// address, what entity, before and after. A write and its log row share one
// transaction, so neither exists without the other.
package audit

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"loa/internal/store"
)

// Actor is who makes a request: a signed-in user, or the command line.
type Actor struct {
	UserID    string
	Name      string
	IP        string
	RequestID string
}

type actorKey struct{}

// WithActor attaches the actor to a request's context.
func WithActor(ctx context.Context, a Actor) context.Context {
	return context.WithValue(ctx, actorKey{}, a)
}

// ActorFrom returns the actor of ctx; without one, the system itself.
func ActorFrom(ctx context.Context) Actor {
	if a, ok := ctx.Value(actorKey{}).(Actor); ok {
		return a
	}
	return Actor{Name: "system"}
}

// Entry is one write to record.
type Entry struct {
	Action   string // create, update, move, merge, delete, login, …
	Entity   string // agency, user, membership, plan, …
	EntityID string
	AgencyID string // the agency the entity belongs to, so admins of a subtree see it
	Summary  string // one human line, Vietnamese
	Before   any    // the entity before the write, nil for a creation
	After    any    // the entity after the write, nil for a deletion
}

// Record appends e to the log, inside the caller's transaction.
func Record(ctx context.Context, q store.Querier, e Entry) error {
	a := ActorFrom(ctx)
	before, err := toJSON(e.Before)
	if err != nil {
		return err
	}
	after, err := toJSON(e.After)
	if err != nil {
		return err
	}
	var actorID, agencyID any
	if a.UserID != "" {
		actorID = a.UserID
	}
	if e.AgencyID != "" {
		agencyID = e.AgencyID
	}
	_, err = q.ExecContext(ctx, `INSERT INTO audit_log
		(id, at, actor_id, actor_name, ip, request_id, action, entity, entity_id, agency_id, summary, before_json, after_json)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
		store.NewID(), store.Now(), actorID, a.Name, a.IP, a.RequestID, e.Action, e.Entity, e.EntityID, agencyID, e.Summary, before, after)
	if err != nil {
		return fmt.Errorf("audit: %w", err)
	}
	return nil
}

func toJSON(v any) (any, error) {
	if v == nil {
		return nil, nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("audit: %w", err)
	}
	return string(b), nil
}

// Row is one logged write as the log page shows it.
type Row struct {
	ID        string
	At        time.Time
	ActorID   string
	ActorName string
	IP        string
	RequestID string
	Action    string
	Entity    string
	EntityID  string
	AgencyID  string
	Summary   string
	Before    string
	After     string
}

// Filter narrows the log. Agencies, when not nil, limits rows to those agencies (an
// admin of a subtree); rows without an agency are then shown only to a root admin.
type Filter struct {
	Entity   string
	EntityID string
	Action   string
	Actor    string // matches the actor's name
	From, To time.Time
	Agencies []string
	AllRows  bool // the viewer administers the whole installation
	Limit    int
	Offset   int
}

// List returns one page of the log, newest first, and the number of matching rows.
func List(ctx context.Context, q store.Querier, f Filter) ([]Row, int, error) {
	var where []string
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return fmt.Sprintf("$%d", len(args))
	}
	if f.Entity != "" {
		where = append(where, "entity = "+arg(f.Entity))
	}
	if f.EntityID != "" {
		where = append(where, "entity_id = "+arg(f.EntityID))
	}
	if f.Action != "" {
		where = append(where, "action = "+arg(f.Action))
	}
	if f.Actor != "" {
		where = append(where, "LOWER(actor_name) LIKE "+arg("%"+strings.ToLower(f.Actor)+"%"))
	}
	if !f.From.IsZero() {
		where = append(where, "at >= "+arg(f.From.UTC()))
	}
	if !f.To.IsZero() {
		where = append(where, "at < "+arg(f.To.UTC()))
	}
	if !f.AllRows {
		if len(f.Agencies) == 0 {
			return nil, 0, nil
		}
		ph := make([]string, len(f.Agencies))
		for i, id := range f.Agencies {
			ph[i] = arg(id)
		}
		where = append(where, "agency_id IN ("+strings.Join(ph, ", ")+")")
	}
	cond := ""
	if len(where) > 0 {
		cond = " WHERE " + strings.Join(where, " AND ")
	}
	var total int
	if err := q.QueryRowContext(ctx, "SELECT COUNT(*) FROM audit_log"+cond, args...).Scan(&total); err != nil {
		return nil, 0, err
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 50
	}
	rows, err := q.QueryContext(ctx, `SELECT id, at, COALESCE(actor_id, ''), actor_name, ip, request_id, action, entity, entity_id,
		COALESCE(agency_id, ''), summary, COALESCE(before_json, ''), COALESCE(after_json, '')
		FROM audit_log`+cond+` ORDER BY id DESC LIMIT `+fmt.Sprint(limit)+` OFFSET `+fmt.Sprint(max(0, f.Offset)), args...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []Row
	for rows.Next() {
		var r Row
		if err := rows.Scan(&r.ID, &r.At, &r.ActorID, &r.ActorName, &r.IP, &r.RequestID, &r.Action, &r.Entity, &r.EntityID,
			&r.AgencyID, &r.Summary, &r.Before, &r.After); err != nil {
			return nil, 0, err
		}
		out = append(out, r)
	}
	return out, total, rows.Err()
}

// Distinct lists the values of column "entity" or "action" present in the log, for
// the filters of the log page.
func Distinct(ctx context.Context, q store.Querier, column string) ([]string, error) {
	if column != "entity" && column != "action" {
		return nil, fmt.Errorf("audit: no filter on %q", column)
	}
	rows, err := q.QueryContext(ctx, "SELECT DISTINCT "+column+" FROM audit_log ORDER BY "+column)
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
