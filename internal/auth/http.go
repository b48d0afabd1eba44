package auth

import (
	"context"
	"embed"
	"errors"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/alexedwards/scs/v2"

	"loa/internal/audit"
	"loa/internal/i18n"
	"loa/internal/store"
	"loa/internal/valid"
	"loa/internal/vn"
	"loa/internal/web"
)

// Templates are the sign-in pages.
//
//go:embed templates
var Templates embed.FS

const sessionUserKey = "user_id"

type principalKey struct{}

// FromContext is the principal of a request: the signed-in user or Anonymous.
func FromContext(ctx context.Context) *Principal {
	if p, ok := ctx.Value(principalKey{}).(*Principal); ok {
		return p
	}
	return Anonymous
}

// WithPrincipal attaches p to ctx (tests and the command line use it too).
func WithPrincipal(ctx context.Context, p *Principal) context.Context {
	return context.WithValue(ctx, principalKey{}, p)
}

// HTTP holds the sign-in pages and the middleware that knows who is asking.
type HTTP struct {
	Users    *Store
	Sessions *scs.SessionManager
	Render   *web.Renderer
	Log      *slog.Logger
	limiter  *ipLimiter
}

// NewSessionManager configures sessions stored in the database.
func NewSessionManager(store *SessionStore, lifetime time.Duration, secure bool) *scs.SessionManager {
	sm := scs.New()
	sm.Store = store
	sm.Lifetime = lifetime
	sm.IdleTimeout = 2 * time.Hour
	sm.HashTokenInStore = true
	sm.Cookie.Name = "loa_session"
	sm.Cookie.HttpOnly = true
	sm.Cookie.SameSite = http.SameSiteLaxMode
	sm.Cookie.Secure = secure
	sm.Cookie.Persist = false
	return sm
}

// NewHTTP builds the sign-in handlers.
func NewHTTP(users *Store, sessions *scs.SessionManager, render *web.Renderer, log *slog.Logger) *HTTP {
	return &HTTP{Users: users, Sessions: sessions, Render: render, Log: log, limiter: newIPLimiter(20, time.Minute)}
}

// Identify loads the principal of the session into the request, and the audit actor
// with it. A disabled or deleted user's session is ended.
func (h *HTTP) Identify(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := Anonymous
		ctx := r.Context()
		if id := h.Sessions.GetString(ctx, sessionUserKey); id != "" {
			loaded, err := h.Users.Principal(ctx, id)
			switch {
			case err == nil && !loaded.User.Disabled:
				p = loaded
			case err == nil || errors.Is(err, store.ErrNotFound):
				_ = h.Sessions.Destroy(ctx)
			default:
				h.Log.Error("load principal", "err", err)
				h.Render.Error(w, r, http.StatusInternalServerError)
				return
			}
		}
		actor := audit.Actor{IP: web.ClientIP(r), RequestID: web.RequestID(ctx), Name: "anonymous"}
		if p.SignedIn() {
			actor.UserID, actor.Name = p.User.ID, p.User.Username
		}
		ctx = audit.WithActor(WithPrincipal(ctx, p), actor)
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

type loginForm struct {
	Next string
}

// LoginPage shows the sign-in form.
func (h *HTTP) LoginPage(w http.ResponseWriter, r *http.Request) {
	if FromContext(r.Context()).SignedIn() {
		http.Redirect(w, r, web.SafeNext(r.URL.Query().Get("next"), web.DeskPath), http.StatusSeeOther)
		return
	}
	p := h.Render.NewPage(w, r, i18n.T(web.LangFrom(r), "auth.login_title"), loginForm{Next: r.URL.Query().Get("next")})
	h.Render.Render(w, r, http.StatusOK, "auth/login", p)
}

// Login checks the credentials, starts a new session (new token: no fixation) and
// goes where the user was heading.
func (h *HTTP) Login(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	username, password := r.PostFormValue("username"), r.PostFormValue("password")
	next := web.SafeNext(r.PostFormValue("next"), web.DeskPath)
	fail := func(status int, key string, args ...any) {
		p := h.Render.NewPage(w, r, i18n.T(web.LangFrom(r), "auth.login_title"), loginForm{Next: next})
		p.Errors = valid.Errors{"": i18n.M(key, args...)}
		p.Form = r.PostForm
		p.Form.Del("password")
		h.Render.Render(w, r, status, "auth/login", p)
	}
	if !h.limiter.allow(web.ClientIP(r)) {
		fail(http.StatusTooManyRequests, "auth.too_many")
		return
	}
	u, err := h.Users.Authenticate(ctx, username, password)
	var locked *LockedError
	switch {
	case errors.As(err, &locked):
		fail(http.StatusTooManyRequests, "auth.locked", vn.DateTime(locked.Until))
		return
	case errors.Is(err, ErrBadCredentials):
		fail(http.StatusUnauthorized, "auth.bad_credentials")
		return
	case errors.Is(err, ErrDisabled):
		fail(http.StatusForbidden, "auth.disabled")
		return
	case err != nil:
		h.Log.Error("login", "err", err)
		h.Render.Error(w, r, http.StatusInternalServerError)
		return
	}
	if err := h.Sessions.RenewToken(ctx); err != nil {
		h.Render.Error(w, r, http.StatusInternalServerError)
		return
	}
	h.Sessions.Put(ctx, sessionUserKey, u.ID)
	http.Redirect(w, r, next, http.StatusSeeOther)
}

// Logout ends the session.
func (h *HTTP) Logout(w http.ResponseWriter, r *http.Request) {
	_ = h.Sessions.Destroy(r.Context())
	web.Flash(w, "auth.logged_out")
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}

// PasswordPage shows the form to change one's own password.
func (h *HTTP) PasswordPage(w http.ResponseWriter, r *http.Request) {
	p := h.Render.NewPage(w, r, i18n.T(web.LangFrom(r), "auth.change_password"), nil)
	h.Render.Render(w, r, http.StatusOK, "auth/password", p)
}

// ChangePassword replaces the user's password after checking the current one.
func (h *HTTP) ChangePassword(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	me := FromContext(ctx)
	current, next, again := r.PostFormValue("current"), r.PostFormValue("new"), r.PostFormValue("again")
	errs := valid.Errors{}
	if next != again {
		errs.Add("again", "auth.password_mismatch")
	}
	var err error
	if len(errs) == 0 {
		err = h.Users.ChangePassword(ctx, me.User.ID, current, next)
		var ve *valid.Error
		var locked *LockedError
		switch {
		case errors.Is(err, ErrBadCredentials):
			errs.Add("current", "auth.current_wrong")
		case errors.As(err, &locked):
			errs.Add("current", "auth.locked", vn.DateTime(locked.Until))
		case errors.As(err, &ve):
			errs = ve.Fields
		case err != nil:
			h.Log.Error("change password", "err", err)
			h.Render.Error(w, r, http.StatusInternalServerError)
			return
		}
	}
	if len(errs) > 0 {
		p := h.Render.NewPage(w, r, i18n.T(web.LangFrom(r), "auth.change_password"), nil)
		p.Errors = errs
		h.Render.Render(w, r, http.StatusUnprocessableEntity, "auth/password", p)
		return
	}
	_ = h.Sessions.RenewToken(ctx)
	web.Flash(w, "auth.password_changed")
	http.Redirect(w, r, web.DeskPath, http.StatusSeeOther)
}

// SetLanguage remembers the visitor's language choice for a year.
func SetLanguage(w http.ResponseWriter, r *http.Request) {
	to := string(i18n.Parse(r.PostFormValue("to")))
	http.SetCookie(w, &http.Cookie{Name: web.LangCookie, Value: to, Path: "/", MaxAge: 365 * 24 * 3600, HttpOnly: true, SameSite: http.SameSiteLaxMode})
	http.Redirect(w, r, web.SafeNext(r.PostFormValue("next"), "/"), http.StatusSeeOther)
}

// ipLimiter allows a number of sign-in attempts per address per window. It lives in
// one process: behind several instances each counts its own share, while the
// per-account lockout in the database holds across all of them.
type ipLimiter struct {
	mu     sync.Mutex
	limit  int
	window time.Duration
	seen   map[string][]time.Time
}

func newIPLimiter(limit int, window time.Duration) *ipLimiter {
	return &ipLimiter{limit: limit, window: window, seen: map[string][]time.Time{}}
}

func (l *ipLimiter) allow(ip string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := time.Now()
	cut := now.Add(-l.window)
	kept := l.seen[ip][:0]
	for _, t := range l.seen[ip] {
		if t.After(cut) {
			kept = append(kept, t)
		}
	}
	if len(l.seen) > 10000 { // forget idle addresses so the map cannot grow without end
		for k, v := range l.seen {
			if len(v) == 0 || v[len(v)-1].Before(cut) {
				delete(l.seen, k)
			}
		}
	}
	if len(kept) >= l.limit {
		l.seen[ip] = kept
		return false
	}
	l.seen[ip] = append(kept, now)
	return true
}
