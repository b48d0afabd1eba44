package web

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net/http"
	"runtime/debug"
	"time"

	"loa/internal/i18n"
)

type ctxKey int

const (
	requestIDKey ctxKey = iota
	langKey
)

// RequestID is the identifier of the request in ctx, also printed on error pages so a
// user can quote it.
func RequestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey).(string)
	return id
}

func newRequestID() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// LangCookie holds the language a visitor chose.
const LangCookie = "loa_lang"

// LangFrom is the request's interface language.
func LangFrom(r *http.Request) i18n.Lang {
	if l, ok := r.Context().Value(langKey).(i18n.Lang); ok {
		return l
	}
	return i18n.VI
}

type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += n
	return n, err
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// Base wraps every request: a request ID, the language, security headers, a log line
// and recovery from panics (logged with the stack, answered with the error page).
func Base(next http.Handler, render *Renderer, defaultLang i18n.Lang, log *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		id := r.Header.Get("X-Request-ID")
		if id == "" || len(id) > 64 {
			id = newRequestID()
		}
		lang := defaultLang
		if c, err := r.Cookie(LangCookie); err == nil {
			lang = i18n.Parse(c.Value)
		}
		ctx := context.WithValue(context.WithValue(r.Context(), requestIDKey, id), langKey, lang)
		r = r.WithContext(ctx)
		h := w.Header()
		h.Set("X-Request-ID", id)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'")
		sw := &statusWriter{ResponseWriter: w}
		defer func() {
			if p := recover(); p != nil {
				if p == http.ErrAbortHandler {
					panic(p)
				}
				log.Error("panic", "request_id", id, "panic", p, "stack", string(debug.Stack()))
				if sw.status == 0 {
					render.Error(sw, r, http.StatusInternalServerError)
				}
			}
			level := slog.LevelInfo
			if sw.status >= 500 {
				level = slog.LevelError
			}
			log.Log(ctx, level, "request", "request_id", id, "method", r.Method, "path", r.URL.Path, "status", sw.status,
				"bytes", sw.bytes, "ms", float64(time.Since(start).Microseconds())/1000, "ip", ClientIP(r))
		}()
		next.ServeHTTP(sw, r)
	})
}

// ClientIP is the address a request came from. Behind a load balancer, set the
// balancer to overwrite X-Real-IP; Loa trusts that header only from loopback or private
// addresses.
func ClientIP(r *http.Request) string {
	host := r.RemoteAddr
	if i := lastColon(host); i >= 0 {
		host = host[:i]
	}
	host = trimBrackets(host)
	if real := r.Header.Get("X-Real-IP"); real != "" && isPrivate(host) {
		return real
	}
	return host
}
