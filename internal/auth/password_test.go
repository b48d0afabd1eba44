package auth_test

import (
	"strings"
	"testing"

	"loa/internal/auth"
)

func TestCheckPasswordAcceptsTheRightPasswordOnly(t *testing.T) {
	hash, err := auth.HashPassword("Mật khẩu Cần Thơ 2025")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(hash, "$argon2id$v=19$") || strings.Contains(hash, "Mật khẩu") {
		t.Errorf("hash %q should be an argon2id PHC string that does not contain the password", hash)
	}
	for pw, want := range map[string]bool{
		"Mật khẩu Cần Thơ 2025":  true,
		"mật khẩu cần thơ 2025":  false,
		"Mật khẩu Cần Thơ 2025 ": false,
		"Mat khau Can Tho 2025":  false,
		"":                       false,
	} {
		ok, err := auth.CheckPassword(hash, pw)
		if err != nil {
			t.Fatalf("CheckPassword %q: %v", pw, err)
		}
		if ok != want {
			t.Errorf("CheckPassword %q = %v, want %v", pw, ok, want)
		}
	}
}

func TestHashesOfTheSamePasswordDiffer(t *testing.T) {
	a, err := auth.HashPassword("cung-mot-mat-khau")
	if err != nil {
		t.Fatal(err)
	}
	b, err := auth.HashPassword("cung-mot-mat-khau")
	if err != nil {
		t.Fatal(err)
	}
	if a == b {
		t.Fatal("two hashes of one password are equal: no salt")
	}
	for _, h := range []string{a, b} {
		if ok, err := auth.CheckPassword(h, "cung-mot-mat-khau"); !ok || err != nil {
			t.Errorf("salted hash %q does not verify: %v %v", h, ok, err)
		}
	}
}

func TestCheckPasswordErrorsOnAMalformedHash(t *testing.T) {
	good, err := auth.HashPassword("mat-khau-dung")
	if err != nil {
		t.Fatal(err)
	}
	parts := strings.Split(good, "$") // "", argon2id, v=19, m=…,t=…,p=…, salt, key
	join := func(p ...string) string { return strings.Join(p, "$") }
	for name, hash := range map[string]string{
		"empty":          "",
		"plain text":     "mat-khau-dung",
		"bcrypt":         "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy",
		"argon2i":        join("", "argon2i", parts[2], parts[3], parts[4], parts[5]),
		"other version":  join("", "argon2id", "v=16", parts[3], parts[4], parts[5]),
		"bad parameters": join("", "argon2id", parts[2], "m=lots,t=2,p=1", parts[4], parts[5]),
		"bad salt":       join("", "argon2id", parts[2], parts[3], "!!not base64!!", parts[5]),
		"bad key":        join("", "argon2id", parts[2], parts[3], parts[4], "!!not base64!!"),
		"missing part":   join("", "argon2id", parts[2], parts[3], parts[4]),
	} {
		ok, err := auth.CheckPassword(hash, "mat-khau-dung")
		if err == nil || ok {
			t.Errorf("%s hash %q: want an error and false, got %v, %v", name, hash, ok, err)
		}
	}
}

func TestRandomPasswordIsLongAndEasyToReadAloud(t *testing.T) {
	seen := map[string]bool{}
	for range 50 {
		pw := auth.RandomPassword()
		if len(pw) != 16 {
			t.Errorf("random password %q has %d characters", pw, len(pw))
		}
		if strings.ContainsAny(pw, "0O1lI") {
			t.Errorf("random password %q holds a character easily misread", pw)
		}
		if seen[pw] {
			t.Errorf("random password %q repeated", pw)
		}
		seen[pw] = true
	}
}
