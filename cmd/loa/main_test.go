package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"loa/internal/auth"
	"loa/internal/store"
)

func run(t *testing.T, args ...string) error {
	t.Helper()
	return dispatch(context.Background(), args, os.Stdout)
}

func TestAnUnreachableDatabaseGivesOneClearLine(t *testing.T) {
	err := run(t, "migrate", "--db", "postgres://loa:secret@127.0.0.1:1/loa?connect_timeout=1")
	if err == nil || strings.Contains(err.Error(), "\n") || strings.Contains(err.Error(), "secret") {
		t.Fatalf("want one line without the password, got %v", err)
	}
}

func TestAFreshInstallationGetsItsFirstAdminFromTheCommandLine(t *testing.T) {
	db := filepath.Join(t.TempDir(), "loa.db")
	err := run(t, "user", "add", "--db", db, "--admin", "--username", "quantri", "--name", "Nguyễn Văn A",
		"--agency-name", "Sở Khoa học và Công nghệ", "--agency-abbr", "SKHCN", "--password", "mot-mat-khau-dai")
	if err != nil {
		t.Fatal(err)
	}
	if err := run(t, "user", "add", "--db", db, "--username", "xem", "--name", "Trần B", "--agency", "SKHCN", "--role", "viewer", "--password", "mot-mat-khau-khac"); err != nil {
		t.Fatal(err)
	}
	if err := run(t, "user", "disable", "--db", db, "xem"); err != nil {
		t.Fatal(err)
	}
	if err := run(t, "user", "passwd", "--db", db, "quantri", "--password", "mat-khau-moi-hon"); err != nil {
		t.Fatal(err)
	}
	s, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	users := auth.NewStore(s)
	if _, err := users.Authenticate(context.Background(), "quantri", "mat-khau-moi-hon"); err != nil {
		t.Fatalf("admin sign-in with the new password: %v", err)
	}
	p, err := users.Principal(context.Background(), mustID(t, users, "quantri"))
	if err != nil || len(p.Memberships) != 1 || p.Memberships[0].Role != auth.RoleAdmin {
		t.Fatalf("admin role: %+v %v", p, err)
	}
	if _, err := users.Authenticate(context.Background(), "xem", "mot-mat-khau-khac"); err != auth.ErrDisabled {
		t.Fatalf("disabled user: %v", err)
	}
	if err := run(t, "user", "add", "--db", db, "--username", "x", "--name", "X", "--agency", "KHONGCO"); err == nil {
		t.Fatal("an unknown agency should be refused")
	}
}

func mustID(t *testing.T, users *auth.Store, name string) string {
	u, err := users.ByUsername(context.Background(), name)
	if err != nil {
		t.Fatal(err)
	}
	return u.ID
}

func TestDemoLoadsOnceAndBackupCopiesEverything(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "loa.db")
	t.Setenv("LOA_DEMO_PASSWORD", "demo-Loa-2026")
	if err := run(t, "demo", "--db", db); err != nil {
		t.Fatal(err)
	}
	if err := run(t, "demo", "--db", db); err == nil {
		t.Fatal("demo data should not load twice")
	}
	copyPath := filepath.Join(dir, "backup", "loa-copy.db")
	if err := run(t, "backup", "--db", db, copyPath); err != nil {
		t.Fatal(err)
	}
	if err := run(t, "backup", "--db", db, copyPath); err == nil {
		t.Fatal("backup should refuse to overwrite")
	}
	s, err := store.Open(context.Background(), copyPath)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	n, err := auth.NewStore(s).Count(context.Background())
	if err != nil || n != 7 {
		t.Fatalf("backup holds %d users, %v", n, err)
	}
}

func TestUnknownCommandIsRefused(t *testing.T) {
	if err := run(t, "frobnicate"); err == nil {
		t.Fatal("unknown command accepted")
	}
}
