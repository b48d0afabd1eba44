package i18n

import (
	"strings"
	"testing"
)

func TestEveryMessageHasVietnameseAndEnglish(t *testing.T) {
	for k, e := range catalogue {
		if strings.TrimSpace(e.vi) == "" || strings.TrimSpace(e.en) == "" {
			t.Errorf("message %q lacks a language: vi=%q en=%q", k, e.vi, e.en)
		}
		if strings.Count(e.vi, "%") != strings.Count(e.en, "%") {
			t.Errorf("message %q: the two languages take different arguments", k)
		}
	}
}

func TestUnknownKeyShowsItselfAndEnglishFallsBackToNothingElse(t *testing.T) {
	if got := T(VI, "no.such.key"); got != "no.such.key" {
		t.Fatalf("got %q", got)
	}
	if T(VI, "app.name") == T(EN, "nav.agencies") {
		t.Fatal("catalogue looks wrong")
	}
}

func TestArgumentsAreFormatted(t *testing.T) {
	if got := T(VI, "page.of", 2, 5); got != "Trang 2/5" {
		t.Fatalf("got %q", got)
	}
}
