package auth_test

import (
	"errors"
	"testing"
	"time"

	"loa/internal/agency"
	"loa/internal/auth"
	"loa/internal/store"
	"loa/internal/store/storetest"
)

const password = "Mat-khau-cua-An-2025"

// signInFixture is a database with one agency and the account "an".
func signInFixture(t *testing.T, db *store.DB) (*fixture, *auth.User) {
	f := newFixture(t, db)
	skhcn := f.agency("Sở Khoa học và Công nghệ", "SKHCN", agency.KindDepartment, nil)
	return f, f.user("an", password, skhcn.ID, auth.Membership{AgencyID: skhcn.ID, Role: auth.RoleViewer})
}

func TestRightPasswordSignsInAndRecordsTheTime(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f, u := signInFixture(t, db)
		before := time.Now().Add(-time.Second)
		got, err := f.users.Authenticate(ctx, "  AN ", password)
		if err != nil {
			t.Fatal(err)
		}
		if got.ID != u.ID || got.LastLoginAt == nil || got.LastLoginAt.Before(before) || got.LastLoginAt.After(time.Now().Add(time.Second)) {
			t.Errorf("signed in as %+v, last login %v", got, got.LastLoginAt)
		}
		back, _ := f.users.Get(ctx, u.ID)
		if back.LastLoginAt == nil || !back.LastLoginAt.Equal(*got.LastLoginAt) {
			t.Errorf("last login not stored: %v", back.LastLoginAt)
		}
		if n := f.count(`SELECT COUNT(*) FROM audit_log WHERE action = 'login' AND entity = 'user' AND entity_id = $1`, u.ID); n != 1 {
			t.Errorf("%d login audit rows, want 1", n)
		}
	})
}

func TestWrongPasswordIsRefusedAndCounted(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f, u := signInFixture(t, db)
		for i := 1; i <= 2; i++ {
			_, err := f.users.Authenticate(ctx, "an", "mat-khau-sai")
			if !errors.Is(err, auth.ErrBadCredentials) {
				t.Fatalf("wrong password: want ErrBadCredentials, got %v", err)
			}
			if n := f.failedLogins(u.ID); n != i {
				t.Errorf("after %d wrong passwords the counter is %d", i, n)
			}
		}
		if n := f.count(`SELECT COUNT(*) FROM audit_log WHERE action = 'login_failed' AND entity_id = $1`, u.ID); n != 2 {
			t.Errorf("%d failed-login audit rows, want 2", n)
		}
		if back, _ := f.users.Get(ctx, u.ID); back.LastLoginAt != nil {
			t.Error("a failed sign-in recorded a last login")
		}
		// A right password resets the count.
		if _, err := f.users.Authenticate(ctx, "an", password); err != nil {
			t.Fatal(err)
		}
		if n := f.failedLogins(u.ID); n != 0 {
			t.Errorf("counter after a right password: %d", n)
		}
	})
}

func TestFailuresInARowLockTheAccountEvenForTheRightPassword(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f, u := signInFixture(t, db)
		for i := 1; i < auth.MaxFailures; i++ {
			if _, err := f.users.Authenticate(ctx, "an", "mat-khau-sai"); !errors.Is(err, auth.ErrBadCredentials) {
				t.Fatalf("wrong password %d: %v", i, err)
			}
		}
		// Not locked yet: one try before the limit, the right password still works and resets the count.
		if _, err := f.users.Authenticate(ctx, "an", password); err != nil {
			t.Fatalf("right password after %d failures: %v", auth.MaxFailures-1, err)
		}
		for i := 1; i <= auth.MaxFailures; i++ {
			if _, err := f.users.Authenticate(ctx, "an", "mat-khau-sai"); !errors.Is(err, auth.ErrBadCredentials) {
				t.Fatalf("wrong password %d: %v", i, err)
			}
		}
		locked := time.Now()
		_, err := f.users.Authenticate(ctx, "an", password)
		var le *auth.LockedError
		if !errors.As(err, &le) || !errors.Is(err, auth.ErrLocked) {
			t.Fatalf("right password on a locked account: want LockedError, got %v", err)
		}
		if !le.Until.After(locked) || le.Until.After(locked.Add(auth.LockoutFor+time.Minute)) {
			t.Errorf("locked until %v; want about %v from %v", le.Until, auth.LockoutFor, locked)
		}
		if le.Error() == "" {
			t.Error("LockedError has no message")
		}
		// Wrong passwords while locked neither count nor extend the lock.
		var le2 *auth.LockedError
		if _, err := f.users.Authenticate(ctx, "an", "mat-khau-sai"); !errors.As(err, &le2) {
			t.Fatalf("wrong password on a locked account: %v", err)
		}
		if !le2.Until.Equal(le.Until) || f.failedLogins(u.ID) != 0 {
			t.Errorf("a try while locked moved the lock to %v (was %v) or counted (%d)", le2.Until, le.Until, f.failedLogins(u.ID))
		}
	})
}

func TestSignInWorksAgainOnceTheLockExpires(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f, u := signInFixture(t, db)
		for range auth.MaxFailures {
			_, _ = f.users.Authenticate(ctx, "an", "mat-khau-sai")
		}
		if _, err := f.users.Authenticate(ctx, "an", password); !errors.Is(err, auth.ErrLocked) {
			t.Fatalf("want a locked account, got %v", err)
		}
		// Fifteen minutes pass.
		f.exec(`UPDATE users SET locked_until = $1 WHERE id = $2`, store.Now().Add(-time.Second), u.ID)
		got, err := f.users.Authenticate(ctx, "an", password)
		if err != nil {
			t.Fatalf("right password after the lock expired: %v", err)
		}
		if got.ID != u.ID {
			t.Errorf("signed in as %s", got.Username)
		}
		var stillLocked int
		stillLocked = f.count(`SELECT COUNT(*) FROM users WHERE id = $1 AND locked_until IS NOT NULL`, u.ID)
		if stillLocked != 0 || f.failedLogins(u.ID) != 0 {
			t.Errorf("after a good sign-in: lock kept %d, failures %d", stillLocked, f.failedLogins(u.ID))
		}
	})
}

func TestSettingAPasswordUnlocksTheAccount(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f, u := signInFixture(t, db)
		for range auth.MaxFailures {
			_, _ = f.users.Authenticate(ctx, "an", "mat-khau-sai")
		}
		if err := f.users.SetPassword(ctx, u.ID, "mat-khau-moi-cap"); err != nil {
			t.Fatal(err)
		}
		if _, err := f.users.Authenticate(ctx, "an", "mat-khau-moi-cap"); err != nil {
			t.Errorf("an administrator's new password does not unlock the account: %v", err)
		}
	})
}

func TestUnknownUsernameGivesBadCredentials(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f, _ := signInFixture(t, db)
		_, err := f.users.Authenticate(ctx, "khongco", password)
		if !errors.Is(err, auth.ErrBadCredentials) {
			t.Fatalf("unknown username: want ErrBadCredentials, got %v", err)
		}
		if n := f.count(`SELECT COUNT(*) FROM audit_log WHERE action = 'login_failed' AND entity_id = 'khongco'`); n != 1 {
			t.Errorf("%d audit rows for the unknown name, want 1", n)
		}
		if _, err := f.users.ByUsername(ctx, "khongco"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("ByUsername of an unknown name: want ErrNotFound, got %v", err)
		}
	})
}

func TestDisabledUserCannotSignIn(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f, u := signInFixture(t, db)
		if err := f.users.SetDisabled(ctx, u.ID, true); err != nil {
			t.Fatal(err)
		}
		if _, err := f.users.Authenticate(ctx, "an", password); !errors.Is(err, auth.ErrDisabled) {
			t.Errorf("disabled user with the right password: want ErrDisabled, got %v", err)
		}
		// A wrong password says nothing about the account's state.
		if _, err := f.users.Authenticate(ctx, "an", "mat-khau-sai"); !errors.Is(err, auth.ErrBadCredentials) {
			t.Errorf("disabled user with a wrong password: want ErrBadCredentials, got %v", err)
		}
		p, err := f.users.Principal(ctx, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		if auth.Can(p, auth.ActSignedIn, nil) || auth.Can(p, auth.ActView, nil) {
			t.Error("a disabled user's session may still act")
		}
		if err := f.users.SetDisabled(ctx, u.ID, false); err != nil {
			t.Fatal(err)
		}
		if _, err := f.users.Authenticate(ctx, "an", password); err != nil {
			t.Errorf("re-enabled user cannot sign in: %v", err)
		}
		if n := f.count(`SELECT COUNT(*) FROM audit_log WHERE entity = 'user' AND entity_id = $1 AND action IN ('disable', 'enable')`, u.ID); n != 2 {
			t.Errorf("%d disable/enable audit rows, want 2", n)
		}
	})
}

func TestChangePasswordNeedsTheCurrentPassword(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f, u := signInFixture(t, db)
		err := f.users.ChangePassword(ctx, u.ID, "mat-khau-sai", "mat-khau-moi-cua-an")
		if !errors.Is(err, auth.ErrBadCredentials) {
			t.Fatalf("wrong current password: want ErrBadCredentials, got %v", err)
		}
		if _, err := f.users.Authenticate(ctx, "an", password); err != nil {
			t.Errorf("the old password stopped working: %v", err)
		}
		if _, err := f.users.Authenticate(ctx, "an", "mat-khau-moi-cua-an"); !errors.Is(err, auth.ErrBadCredentials) {
			t.Errorf("the refused new password works: %v", err)
		}

		// With the right current password, a bad new one is refused by the rules.
		wantInvalid(t, f.users.ChangePassword(ctx, u.ID, password, "ngan"), "password", "auth.password_short")

		if err := f.users.ChangePassword(ctx, u.ID, password, "mat-khau-moi-cua-an"); err != nil {
			t.Fatal(err)
		}
		if _, err := f.users.Authenticate(ctx, "an", "mat-khau-moi-cua-an"); err != nil {
			t.Errorf("the new password does not work: %v", err)
		}
		if _, err := f.users.Authenticate(ctx, "an", password); !errors.Is(err, auth.ErrBadCredentials) {
			t.Errorf("the old password still works: %v", err)
		}
	})
}
