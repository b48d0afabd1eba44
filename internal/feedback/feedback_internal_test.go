package feedback

import (
	"strings"
	"testing"

	"loa/internal/i18n"
)

func TestContactsAreReadAsPhoneNumbersOrAddresses(t *testing.T) {
	for _, c := range []struct{ in, key string }{
		{"0912 345 678", "0912345678"},
		{"0912.345.678", "0912345678"},
		{"+84 912 345 678", "0912345678"},
		{"84912345678", "0912345678"},
		{"(0292) 382 0123", "02923820123"},
		{"An.Nguyen@Example.VN", "an.nguyen@example.vn"},
		{"091234567", ""},       // nine digits
		{"0012345678", ""},      // no such prefix
		{"+1 202 555 0100", ""}, // not Vietnamese
		{"gọi tôi", ""},
		{"an@localhost", ""},
		{"An <an@example.vn>", ""},
		{"an@@example.vn", ""},
	} {
		key, ok := contactKey(c.in)
		if key != c.key || ok != (c.key != "") {
			t.Errorf("%q: %q %v, want %q", c.in, key, ok, c.key)
		}
	}
}

func TestTrackingCodesAreUnambiguousAndReadBackAsTyped(t *testing.T) {
	seen := map[string]bool{}
	for range 2000 {
		c := newCode(2026)
		if NormaliseCode(c) != c {
			t.Fatalf("%q does not read back", c)
		}
		if strings.ContainsAny(c[8:], "015SZ28BOIUVL") {
			t.Fatalf("%q has a character read as another", c)
		}
		seen[c] = true
	}
	if len(seen) < 1990 {
		t.Fatalf("only %d distinct codes in 2000", len(seen))
	}
	for in, want := range map[string]string{
		"pa-2026-7kq4m": "PA-2026-7KQ4M", " PA 2026 7KQ4M ": "PA-2026-7KQ4M", "2026-7KQ4M": "PA-2026-7KQ4M",
		"PA-2026-7KQ4": "", "PA-2026-7KQ4O": "", "PA-20X6-7KQ4M": "", "": "",
	} {
		if got := NormaliseCode(in); got != want {
			t.Errorf("%q: %q, want %q", in, got, want)
		}
	}
}

func TestChallengeAnswersMayBeDigitsOrWords(t *testing.T) {
	for in, want := range map[string]int{"12": 12, " 7 ": 7, "bảy": 7, "Mười hai": 12, "mười lăm": 15, "muoi bon": 14, "twelve": 12, "mười": 10} {
		if got, ok := parseNumber(in); !ok || got != want {
			t.Errorf("%q: %d %v, want %d", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "abc", "-3", "mười mười", "100"} {
		if _, ok := parseNumber(in); ok {
			t.Errorf("%q read as a number", in)
		}
	}
	q := Challenge{A: 7, B: 5}.Question(i18n.VI)
	if q != "Bảy cộng năm bằng bao nhiêu?" {
		t.Fatalf("question %q", q)
	}
	if q := (Challenge{A: 9, B: 4, Minus: true}).Question(i18n.EN); q != "What is nine minus four?" {
		t.Fatalf("question %q", q)
	}
}

func TestLongTextKeepsItsLinesButNotItsClutter(t *testing.T) {
	in := "  Dòng một  \r\n\r\n\r\n\r\nDòng\t\thai\u0007\n   "
	if got := cleanText(in); got != "Dòng một\n\nDòng hai" {
		t.Fatalf("%q", got)
	}
}

func TestClientKeyGroupsAnIPv6NetworkAndKeepsIPv4Addresses(t *testing.T) {
	if ClientKey("2001:db8:1:2:3:4:5:6") != ClientKey("2001:db8:1:2:ffff::1") {
		t.Fatal("one /64 is one client")
	}
	if ClientKey("::ffff:203.0.113.7") != "203.0.113.7" || ClientKey("203.0.113.7") == ClientKey("203.0.113.8") {
		t.Fatal("IPv4 addresses are clients of their own")
	}
}

func TestEveryLabelBuiltAtRunTimeIsInTheCatalogue(t *testing.T) {
	keys := []string{}
	for _, s := range Statuses {
		keys = append(keys, s.Label())
	}
	for _, tp := range Topics {
		keys = append(keys, TopicLabel(tp))
	}
	for n := 0; n <= 10; n++ {
		keys = append(keys, numberKey(n))
	}
	for _, e := range []string{"received", "assigned", "answered", "rejected", "published", "publication_edited", "unpublished"} {
		keys = append(keys, "feedback.event."+e)
	}
	keys = append(keys, "feedback.sender."+SenderCitizen, "feedback.sender."+SenderBusiness)
	for _, k := range keys {
		if !i18n.Has(k) {
			t.Errorf("%s is not in the catalogue", k)
		}
	}
}
