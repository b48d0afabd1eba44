package store_test

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"loa/internal/store"
	"loa/internal/store/storetest"
)

func TestMigrationsGiveTheSameTablesOnBothEngines(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		v, err := db.SchemaVersion(context.Background())
		if err != nil || v < 2 {
			t.Fatalf("schema version %d, %v", v, err)
		}
		for _, table := range []string{"agencies", "agency_history", "users", "memberships", "audit_log", "sessions", "form_submissions"} {
			var n int
			if err := db.Read().QueryRowContext(context.Background(), "SELECT COUNT(*) FROM "+table).Scan(&n); err != nil {
				t.Errorf("table %s: %v", table, err)
			}
		}
	})
}

func TestMigrateTwiceIsHarmless(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		if err := db.Migrate(context.Background()); err != nil {
			t.Fatal(err)
		}
	})
}

func TestAuditLogRefusesUpdateAndDelete(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		_, err := db.Write().ExecContext(ctx, `INSERT INTO audit_log (id, at, actor_name, action, entity, entity_id) VALUES ($1, $2, $3, $4, $5, $6)`,
			store.NewID(), store.Now(), "test", "create", "agency", "x")
		if err != nil {
			t.Fatal(err)
		}
		_, err = db.Write().ExecContext(ctx, `UPDATE audit_log SET actor_name = 'other'`)
		if !store.IsAppendOnlyViolation(err) {
			t.Errorf("update should be refused as append-only, got %v", err)
		}
		_, err = db.Write().ExecContext(ctx, `DELETE FROM audit_log`)
		if !store.IsAppendOnlyViolation(err) {
			t.Errorf("delete should be refused as append-only, got %v", err)
		}
	})
}

func TestTimesAndBooleansReadBackEqual(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		now := store.Now()
		token := store.NewID()
		if _, err := db.Write().ExecContext(ctx, `INSERT INTO form_submissions (token, created_at) VALUES ($1, $2)`, token, now); err != nil {
			t.Fatal(err)
		}
		var got time.Time
		if err := db.Read().QueryRowContext(ctx, `SELECT created_at FROM form_submissions WHERE token = $1`, token).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if !got.Equal(now) {
			t.Fatalf("time read back %v, wrote %v", got, now)
		}
		var n int
		if err := db.Read().QueryRowContext(ctx, `SELECT COUNT(*) FROM form_submissions WHERE created_at >= $1`, now.Add(-time.Second)).Scan(&n); err != nil || n != 1 {
			t.Fatalf("time comparison found %d rows, %v", n, err)
		}
	})
}

func TestUniqueViolationIsRecognisedOnBothEngines(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		ins := `INSERT INTO form_submissions (token, created_at) VALUES ($1, $2)`
		if _, err := db.Write().ExecContext(ctx, ins, "same", store.Now()); err != nil {
			t.Fatal(err)
		}
		_, err := db.Write().ExecContext(ctx, ins, "same", store.Now())
		if !store.IsUniqueViolation(err) {
			t.Fatalf("want a unique violation, got %v", err)
		}
	})
}

func TestConcurrentReadThenWriteTransactionsAllCommit(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		const workers = 16
		var wg sync.WaitGroup
		errs := make(chan error, workers)
		for i := 0; i < workers; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				errs <- db.Tx(ctx, func(tx *sql.Tx) error {
					var n int
					if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM form_submissions`).Scan(&n); err != nil {
						return err
					}
					_, err := tx.ExecContext(ctx, `INSERT INTO form_submissions (token, created_at) VALUES ($1, $2)`, store.NewID(), store.Now())
					return err
				})
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Errorf("transaction failed: %v", err)
			}
		}
		var n int
		_ = db.Read().QueryRowContext(ctx, `SELECT COUNT(*) FROM form_submissions`).Scan(&n)
		if n != workers {
			t.Fatalf("%d rows committed, want %d", n, workers)
		}
	})
}

func TestFailedTransactionLeavesNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		boom := errors.New("boom")
		err := db.Tx(ctx, func(tx *sql.Tx) error {
			if _, err := tx.ExecContext(ctx, `INSERT INTO form_submissions (token, created_at) VALUES ($1, $2)`, "half", store.Now()); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("got %v", err)
		}
		var n int
		_ = db.Read().QueryRowContext(ctx, `SELECT COUNT(*) FROM form_submissions`).Scan(&n)
		if n != 0 {
			t.Fatalf("rolled-back row is visible")
		}
	})
}

func TestUnreachablePostgresGivesOneClearLine(t *testing.T) {
	_, err := store.Open(context.Background(), "postgres://loa:secret@127.0.0.1:1/loa?connect_timeout=2")
	if err == nil {
		t.Fatal("want an error")
	}
	msg := err.Error()
	if strings.Contains(msg, "\n") || strings.Contains(msg, "secret") || !strings.Contains(msg, "không kết nối được PostgreSQL") {
		t.Fatalf("message should be one line, name the problem and hide the password: %q", msg)
	}
}

func TestNonDatabaseFileIsRefusedClearly(t *testing.T) {
	path := filepath.Join(t.TempDir(), "not.db")
	if err := os.WriteFile(path, []byte(strings.Repeat("this is not sqlite ", 400)), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := store.Open(context.Background(), path)
	if err == nil || strings.Contains(err.Error(), "\n") {
		t.Fatalf("want one clear line, got %v", err)
	}
}

func TestSQLiteDriverUsesTheLibcItWasBuiltWith(t *testing.T) {
	// modernc.org/sqlite v1.62.0 names libc v1.80.1 in its go.mod; another version can
	// corrupt memory at run time, and other modules pull libc up, so go.mod pins it.
	out, err := exec.Command("go", "list", "-m", "modernc.org/libc").CombinedOutput()
	if err != nil {
		t.Skipf("go list unavailable: %v %s", err, out)
	}
	fields := strings.Fields(string(out))
	if got := fields[len(fields)-1]; got != "v1.80.1" {
		t.Fatalf("modernc.org/libc resolves to %q (%s), want v1.80.1", got, strings.TrimSpace(string(out)))
	}
}

func TestASecondSubmitOfTheSameFormWritesNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		insert := func(ctx context.Context) error {
			return db.Tx(ctx, func(tx *sql.Tx) error {
				_, err := tx.ExecContext(ctx, `INSERT INTO audit_log (id, at, actor_name, action, entity, entity_id) VALUES ($1, $2, 'u', 'create', 'x', 'x')`,
					store.NewID(), store.Now())
				return err
			})
		}
		first := store.WithFormToken(context.Background(), "tok-1", "")
		if err := insert(first); err != nil {
			t.Fatal(err)
		}
		again := store.WithFormToken(context.Background(), "tok-1", "")
		if err := insert(again); !errors.Is(err, store.ErrDuplicateSubmit) {
			t.Fatalf("second submit: %v", err)
		}
		var n int
		_ = db.Read().QueryRowContext(context.Background(), `SELECT COUNT(*) FROM audit_log`).Scan(&n)
		if n != 1 {
			t.Fatalf("%d rows written, want 1", n)
		}
	})
}

func TestARolledBackSubmitCanBeSentAgain(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := store.WithFormToken(context.Background(), "tok-2", "")
		_ = db.Tx(ctx, func(tx *sql.Tx) error { return errors.New("validation failed") })
		ctx = store.WithFormToken(context.Background(), "tok-2", "")
		if err := db.Tx(ctx, func(tx *sql.Tx) error { return nil }); err != nil {
			t.Fatalf("the corrected form should go through: %v", err)
		}
	})
}
