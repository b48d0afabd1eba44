// Package app wires Loa together: configuration → store → domain services → routes →
// background work. It is the only package that knows every part.
package app

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/alexedwards/scs/v2"

	"loa/internal/admin"
	"loa/internal/agency"
	"loa/internal/auth"
	"loa/internal/calendar"
	"loa/internal/config"
	dochtml "loa/internal/document/html"
	evidencepack "loa/internal/evidence"
	"loa/internal/feedback"
	"loa/internal/files"
	"loa/internal/i18n"
	"loa/internal/indicator"
	"loa/internal/jobs"
	"loa/internal/library"
	"loa/internal/oversight"
	"loa/internal/plan"
	"loa/internal/portal"
	"loa/internal/progress"
	"loa/internal/pubcache"
	"loa/internal/remind"
	"loa/internal/report"
	"loa/internal/search"
	"loa/internal/store"
	"loa/internal/survey"
	"loa/internal/web"
)

//go:embed templates
var templates embed.FS

// App is a running Loa: its database, services and HTTP handler.
type App struct {
	Config   *config.Config
	DB       *store.DB
	Log      *slog.Logger
	Agencies *agency.Store
	Users    *auth.Store
	Plans    *plan.Store
	Sessions *scs.SessionManager
	Render   *web.Renderer
	Handler  http.Handler
	Jobs     *jobs.Runner
	Public   *pubcache.Cache

	authHTTP   *auth.HTTP
	agencyHTTP *agency.HTTP
	adminHTTP  *admin.HTTP
	planHTTP   *plan.HTTP
	progress   *progress.HTTP
	reports    *report.HTTP
	remindHTTP *remind.HTTP

	libraryHTTP   *library.HTTP
	portalHTTP    *portal.HTTP
	calendarHTTP  *calendar.HTTP
	packHTTP      *evidencepack.HTTP
	oversightHTTP *oversight.HTTP
	indicatorHTTP *indicator.HTTP
	surveyHTTP    *survey.HTTP
	searchHTTP    *search.HTTP
	feedbackHTTP  *feedback.HTTP
}

// New builds an App over an open, migrated database.
func New(cfg *config.Config, db *store.DB, log *slog.Logger) (*App, error) {
	a := &App{Config: cfg, DB: db, Log: log, Agencies: agency.NewStore(db), Users: auth.NewStore(db), Plans: plan.NewStore(db)}
	a.Sessions = auth.NewSessionManager(auth.NewSessionStore(db), cfg.SessionLifetime, cfg.SecureCookies())
	features := map[string]fs.FS{"auth": auth.Templates, "agency": agency.Templates, "admin": admin.Templates, "app": templates, "plan": plan.Templates, "progress": progress.Templates, "report": report.Templates,
		"library": library.Templates, "remind": remind.Templates, "portal": portal.Templates, "calendar": calendar.Templates, "evidence": evidencepack.Templates, "oversight": oversight.Templates, "indicator": indicator.Templates, "survey": survey.Templates, "search": search.Templates, "feedback": feedback.Templates}
	render, err := web.NewRenderer(features, a.fillPage, web.AssetsVersion, log)
	if err != nil {
		return nil, err
	}
	a.Render = render
	a.Sessions.ErrorFunc = func(w http.ResponseWriter, r *http.Request, err error) {
		log.Error("session", "err", err, "request_id", web.RequestID(r.Context()))
		render.Error(w, r, http.StatusInternalServerError)
	}
	a.authHTTP = auth.NewHTTP(a.Users, a.Sessions, render, log)
	a.agencyHTTP = &agency.HTTP{Store: a.Agencies, Render: render, Log: log}
	a.adminHTTP = &admin.HTTP{DB: db, Accounts: a.Users, Agencies: a.Agencies, Render: render, Log: log}
	a.libraryHTTP = &library.HTTP{Store: library.NewStore(db), Agencies: a.Agencies, Render: render, Log: log}
	site, err := a.site(context.Background())
	if err != nil {
		return nil, err
	}
	render.SetSite(site, portal.Nav)
	fileStore, err := files.New(db, cfg.Data)
	if err != nil {
		return nil, err
	}
	ev := evidence{files: fileStore, log: log}
	a.packHTTP = &evidencepack.HTTP{DB: db, Files: fileStore, Plans: a.Plans, Agencies: a.Agencies, Render: render, Log: log}
	a.progress = &progress.HTTP{Store: progress.NewStore(db, ev), Plans: a.Plans, Agencies: a.Agencies, Files: ev, Render: render, Log: log}
	a.portalHTTP = &portal.HTTP{Store: portal.NewStore(db, fileStore, a.progress.Store, site.BaseURL),
		Library: a.libraryHTTP.Store, Agencies: a.Agencies, Render: render, Log: log, KeyFigures: a.keyFigures}
	a.reports = &report.HTTP{Store: report.NewStore(db), Agencies: a.Agencies, DB: db, Render: render, Log: log,
		Compiler: &report.Compiler{DB: db, Plans: a.Plans, Progress: a.progress.Store, Agencies: a.Agencies}}
	a.calendarHTTP = &calendar.HTTP{Store: calendar.NewStore(db), Agencies: a.Agencies, Render: render, Log: log}
	a.reports.Deadline = a.calendarHTTP.Store.ReportDeadline
	a.planHTTP = &plan.HTTP{Store: a.Plans, Agencies: a.Agencies, Library: a.libraryHTTP.Store, DB: db, Render: render, Log: log}
	// Background jobs; River's own tables are migrated here, before anything is queued.
	if a.Jobs, err = jobs.New(context.Background(), db, jobs.Config{Log: log}); err != nil {
		return nil, err
	}
	a.remindHTTP = remind.Wire(db, a.Jobs, cfg, a.Agencies, render, log)
	portal.Register(a.Jobs, a.portalHTTP.Store)
	a.searchHTTP = &search.HTTP{Index: search.New(db), Render: render, Log: log}
	feedbackStore := feedback.NewStore(db, fileStore)
	feedbackStore.WorkingDays = feedback.CalendarDays(a.calendarHTTP.Store)
	feedbackStore.PublicChanged = func(ctx context.Context, tx *sql.Tx) error { return pubcache.Bump(ctx, db, tx) }
	a.feedbackHTTP = feedback.NewHTTP(feedbackStore, a.Agencies, fileStore, render, log)
	feedback.Register(a.Jobs, feedbackStore)
	a.oversightHTTP = &oversight.HTTP{DB: db, Agencies: a.Agencies, Render: render, Log: log}
	a.surveyHTTP = &survey.HTTP{Store: survey.NewStore(db), Agencies: a.Agencies, Render: render, Log: log, SecureCookies: cfg.SecureCookies()}
	a.indicatorHTTP = &indicator.HTTP{Store: indicator.NewStore(db), Agencies: a.Agencies, Plans: a.Plans, Render: render, Log: log}

	mux := http.NewServeMux()
	for _, rt := range a.Routes() {
		mux.Handle(rt.Method+" "+rt.Pattern, a.guard(rt))
	}
	mux.Handle("GET /static/", web.Static())
	mux.Handle("GET /static/doc/", http.StripPrefix("/static/doc/", dochtml.Assets()))
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) { fmt.Fprintln(w, "ok") })
	mux.HandleFunc("GET /readyz", a.ready)
	mux.Handle("/", a.authHTTP.Identify(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		render.Error(w, r, http.StatusNotFound)
	})))

	// Cross-origin protection refuses state-changing requests that a browser marks as
	// coming from another site (Sec-Fetch-Site, Origin), which is what CSRF needs.
	csrf := http.NewCrossOriginProtection()
	csrf.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		render.Error(w, r, http.StatusForbidden)
	}))
	// Public pages are served from memory before sessions are looked at: they are the
	// same for everyone reading in one language.
	a.Public = pubcache.New(db, log, a.surveyHTTP.Store.Due, a.portalHTTP.Store.Due)
	if err := a.Public.Sync(context.Background()); err != nil {
		return nil, err
	}
	cached := cachedPages()
	cacheable := func(r *http.Request) bool {
		_, pattern := mux.Handler(r)
		return cached[pattern]
	}
	a.Handler = web.Base(a.Public.Wrap(csrf.Handler(a.Sessions.LoadAndSave(mux)), cacheable), render, i18n.Parse(cfg.Lang), log)
	return a, nil
}

// site is the public portal's identity: the configured one, owned by the top agency
// unless another owner is named.
func (a *App) site(ctx context.Context) (web.Site, error) {
	c := a.Config.Site
	site := web.Site{Name: c.Name, Owner: c.Owner, Address: c.Address, Phone: c.Phone, Email: c.Email, BaseURL: a.Config.BaseURL}
	if site.Owner == "" {
		roots, err := a.Agencies.Roots(ctx)
		if err != nil {
			return site, err
		}
		if len(roots) > 0 {
			ag, err := a.Agencies.Get(ctx, roots[0])
			if err != nil {
				return site, err
			}
			site.Owner = ag.Name
		}
	}
	return site, nil
}

func (a *App) ready(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if err := a.DB.Ping(ctx); err != nil {
		http.Error(w, "database unavailable", http.StatusServiceUnavailable)
		return
	}
	v, err := a.DB.SchemaVersion(ctx)
	if err != nil || v == 0 {
		http.Error(w, "schema not migrated", http.StatusServiceUnavailable)
		return
	}
	fmt.Fprintf(w, "ready schema=%d\n", v)
}

// fillPage gives every page the signed-in user's name and the navigation they may use.
func (a *App) fillPage(r *http.Request, p *web.Page) {
	me := auth.FromContext(r.Context())
	if !me.SignedIn() {
		return
	}
	p.FormToken = web.NewFormToken()
	v := &web.Viewer{Name: me.User.FullName, Username: me.User.Username}
	if ag, err := a.Agencies.Get(r.Context(), me.User.AgencyID); err == nil {
		v.Agency = ag.Name
	}
	p.User = v
	items := []struct {
		key, href string
		action    auth.Action
	}{
		{"nav.home", web.DeskPath, auth.ActSignedIn},
		{"nav.work", "/work", auth.ActResultRecord},
		{"nav.plans", "/plans", auth.ActView},
		{"nav.oversight", "/oversight", auth.ActOverview},
		{"nav.review", "/review", auth.ActProgressManage},
		{"nav.reports", "/reports", auth.ActView},
		{"nav.difficulties", "/difficulties", auth.ActView},
		{"nav.reminders", "/reminders", auth.ActView},
		{"nav.indicators", "/indicators", auth.ActView},
		{"nav.portal", "/portal", auth.ActPortalWrite},
		{"nav.portal_review", "/portal/review", auth.ActPortalPublish},
		{"feedback.nav", "/feedback", auth.ActFeedbackAnswer},
		{"nav.surveys", "/surveys", auth.ActSurveyManage},
		{"nav.library", "/library", auth.ActView},
		{"nav.calendar", "/calendar", auth.ActView},
		{"nav.agencies", "/agencies", auth.ActView},
		{"nav.users", "/users", auth.ActUserManage},
		{"nav.audit", "/audit", auth.ActAuditView},
	}
	for _, it := range items {
		if !auth.Can(me, it.action, nil) {
			continue
		}
		active := r.URL.Path == it.href || strings.HasPrefix(r.URL.Path, it.href+"/")
		p.Nav = append(p.Nav, web.NavItem{Key: it.key, Href: it.href, Active: active})
	}
}

// Serve listens on the configured address until ctx ends, then finishes the requests
// in flight (up to 15 s) before returning.
func (a *App) Serve(ctx context.Context, ready func(addr string)) error {
	ln, err := net.Listen("tcp", a.Config.Addr)
	if err != nil {
		return fmt.Errorf("không lắng nghe được tại %s: %w", a.Config.Addr, err)
	}
	srv := &http.Server{
		Handler:           a.Handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      120 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(a.Log.Handler(), slog.LevelWarn),
	}
	go a.sweepSessions(ctx)
	go a.Public.Run(ctx)
	if err := a.Jobs.Start(ctx); err != nil {
		ln.Close()
		return err
	}
	// Stopped after the HTTP server: running jobs get time to finish, and a leader
	// resigns so that another instance takes over the schedule.
	defer func() {
		stop, cancel := context.WithTimeout(context.Background(), 15*time.Second)
		defer cancel()
		if err := a.Jobs.Stop(stop); err != nil {
			a.Log.Warn("stop jobs", "err", err)
		}
	}()
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	if ready != nil {
		ready(ln.Addr().String())
	}
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		return err
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// sweepSessions deletes expired sessions hourly. Every instance may run it: the
// delete is idempotent.
func (a *App) sweepSessions(ctx context.Context) {
	t := time.NewTicker(time.Hour)
	defer t.Stop()
	sessions := auth.NewSessionStore(a.DB)
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if n, err := sessions.DeleteExpired(ctx); err != nil {
				a.Log.Warn("sweep sessions", "err", err)
			} else if n > 0 {
				a.Log.Info("swept expired sessions", "count", n)
			}
		}
	}
}
