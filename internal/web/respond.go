package web

import (
	"crypto/rand"
	"encoding/hex"
	"net"
	"net/http"
	"net/url"
	"strings"

	"loa/internal/i18n"
)

// Redirect sends the browser to target after a POST (303), or tells htmx to go there.
func Redirect(w http.ResponseWriter, r *http.Request, target string) {
	if r.Header.Get("HX-Request") == "true" {
		w.Header().Set("HX-Redirect", target)
		w.WriteHeader(http.StatusNoContent)
		return
	}
	http.Redirect(w, r, target, http.StatusSeeOther)
}

// DeskPath is the signed-in staff's home (bàn làm việc); "/" is the public portal.
const DeskPath = "/app"

// SafeNext returns next when it is a path on this site, else fallback: a login
// redirect must never send a user to another site.
func SafeNext(next, fallback string) string {
	if next == "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return fallback
	}
	if u, err := url.Parse(next); err != nil || u.Host != "" || u.Scheme != "" {
		return fallback
	}
	return next
}

const flashCookie = "loa_flash"

// Flash leaves a message (a catalogue key) for the next page the user sees.
func Flash(w http.ResponseWriter, key string) {
	http.SetCookie(w, &http.Cookie{Name: flashCookie, Value: key, Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode, MaxAge: 60})
}

func popFlash(w http.ResponseWriter, r *http.Request, lang i18n.Lang) string {
	c, err := r.Cookie(flashCookie)
	if err != nil || c.Value == "" {
		return ""
	}
	http.SetCookie(w, &http.Cookie{Name: flashCookie, Value: "", Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode, MaxAge: -1})
	if !i18n.Has(c.Value) {
		return ""
	}
	return i18n.T(lang, c.Value)
}

// FormTokenField is the hidden field that makes a form submit only once.
const FormTokenField = "form_token"

// NewFormToken returns a fresh token for a form being shown.
func NewFormToken() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

func lastColon(s string) int {
	if strings.HasSuffix(s, "]") {
		return -1
	}
	return strings.LastIndexByte(s, ':')
}

func trimBrackets(s string) string { return strings.TrimSuffix(strings.TrimPrefix(s, "["), "]") }

func isPrivate(host string) bool {
	ip := net.ParseIP(host)
	return ip != nil && (ip.IsLoopback() || ip.IsPrivate())
}
