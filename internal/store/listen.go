package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/jackc/pgx/v5"
)

// Notify announces on channel, inside tx: PostgreSQL delivers it to listeners when tx
// commits, and not at all if it rolls back. On SQLite it does nothing — one process
// owns the file and learns of its own writes.
func (db *DB) Notify(ctx context.Context, tx *sql.Tx, channel string) error {
	if db.Dialect != Postgres {
		return nil
	}
	_, err := tx.ExecContext(ctx, `SELECT pg_notify($1, '')`, channel)
	return err
}

// Listen calls fn for each notification on channel until ctx ends, reconnecting after
// a lost connection (and calling fn then too, since notifications may have been
// missed). On SQLite it returns at once.
func (db *DB) Listen(ctx context.Context, channel string, fn func()) {
	if db.Dialect != Postgres {
		return
	}
	for ctx.Err() == nil {
		if err := db.listenOnce(ctx, channel, fn); err != nil && ctx.Err() == nil {
			fn()
			select {
			case <-ctx.Done():
			case <-time.After(2 * time.Second):
			}
		}
	}
}

func (db *DB) listenOnce(ctx context.Context, channel string, fn func()) error {
	conn, err := pgx.Connect(ctx, db.dsn)
	if err != nil {
		return err
	}
	defer conn.Close(context.WithoutCancel(ctx))
	if _, err := conn.Exec(ctx, `LISTEN `+pgx.Identifier{channel}.Sanitize()); err != nil {
		return err
	}
	for {
		if _, err := conn.WaitForNotification(ctx); err != nil {
			return err
		}
		fn()
	}
}
