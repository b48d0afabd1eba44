package auth_test

import (
	"testing"
	"time"

	"loa/internal/auth"
	"loa/internal/store"
	"loa/internal/store/storetest"
)

func find(t *testing.T, s *auth.SessionStore, token string) (string, bool) {
	t.Helper()
	b, ok, err := s.Find(token)
	if err != nil {
		t.Fatalf("find %s: %v", token, err)
	}
	return string(b), ok
}

func TestSessionIsFoundUntilDeleted(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := auth.NewSessionStore(db)
		if err := s.Commit("tok-an", []byte("user=an"), time.Now().Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if data, ok := find(t, s, "tok-an"); !ok || data != "user=an" {
			t.Errorf("Find after Commit: %q, %v", data, ok)
		}
		if data, ok := find(t, s, "tok-other"); ok || data != "" {
			t.Errorf("Find of an unknown token: %q, %v", data, ok)
		}
		if err := s.Delete("tok-an"); err != nil {
			t.Fatal(err)
		}
		if _, ok := find(t, s, "tok-an"); ok {
			t.Error("a deleted session is still found")
		}
		if err := s.Delete("tok-an"); err != nil {
			t.Errorf("deleting a missing session: %v", err)
		}
	})
}

func TestSessionDataIsKeptByteForByte(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := auth.NewSessionStore(db)
		data := []byte{0, 1, 2, 0xff, 0xfe, '\n', 'x'}
		if err := s.CommitCtx(ctx, "tok-bin", data, time.Now().Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		got, ok, err := s.FindCtx(ctx, "tok-bin")
		if err != nil || !ok || string(got) != string(data) {
			t.Errorf("binary session data read back %v, %v, %v", got, ok, err)
		}
	})
}

func TestExpiredSessionIsNotFound(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := auth.NewSessionStore(db)
		if err := s.Commit("tok-old", []byte("x"), time.Now().Add(-time.Second)); err != nil {
			t.Fatal(err)
		}
		// An expiry given in another time zone means the same instant.
		hcm := time.FixedZone("ICT", 7*3600)
		if err := s.Commit("tok-ict", []byte("y"), time.Now().Add(time.Hour).In(hcm)); err != nil {
			t.Fatal(err)
		}
		if _, ok := find(t, s, "tok-old"); ok {
			t.Error("an expired session is found")
		}
		if _, ok := find(t, s, "tok-ict"); !ok {
			t.Error("a live session with a +07:00 expiry is not found")
		}
	})
}

func TestDeleteExpiredRemovesOnlyExpiredSessions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := auth.NewSessionStore(db)
		now := time.Now()
		for token, expiry := range map[string]time.Time{
			"old-1":  now.Add(-48 * time.Hour),
			"old-2":  now.Add(-time.Minute),
			"live-1": now.Add(time.Minute),
			"live-2": now.Add(24 * time.Hour),
		} {
			if err := s.Commit(token, []byte(token), expiry); err != nil {
				t.Fatal(err)
			}
		}
		n, err := s.DeleteExpired(ctx)
		if err != nil || n != 2 {
			t.Errorf("DeleteExpired removed %d, %v; want 2", n, err)
		}
		var left int
		if err := db.Read().QueryRowContext(ctx, `SELECT COUNT(*) FROM sessions`).Scan(&left); err != nil || left != 2 {
			t.Errorf("%d sessions left, %v", left, err)
		}
		for _, token := range []string{"live-1", "live-2"} {
			if _, ok := find(t, s, token); !ok {
				t.Errorf("live session %s removed", token)
			}
		}
		if n, err := s.DeleteExpired(ctx); err != nil || n != 0 {
			t.Errorf("second DeleteExpired removed %d, %v", n, err)
		}
	})
}

func TestCommitTwiceUpdatesTheSession(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := auth.NewSessionStore(db)
		if err := s.Commit("tok-an", []byte("v1"), time.Now().Add(-time.Minute)); err != nil {
			t.Fatal(err)
		}
		if err := s.Commit("tok-an", []byte("v2"), time.Now().Add(time.Hour)); err != nil {
			t.Fatalf("second commit of one token: %v", err)
		}
		if data, ok := find(t, s, "tok-an"); !ok || data != "v2" {
			t.Errorf("after the second commit: %q, %v (data and expiry should both be replaced)", data, ok)
		}
		var rows int
		if err := db.Read().QueryRowContext(ctx, `SELECT COUNT(*) FROM sessions WHERE token = 'tok-an'`).Scan(&rows); err != nil || rows != 1 {
			t.Errorf("%d rows for one token, %v", rows, err)
		}
	})
}
