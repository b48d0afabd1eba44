package pubcache_test

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"loa/internal/i18n"
	"loa/internal/pubcache"
	"loa/internal/store"
	"loa/internal/store/storetest"
	"loa/internal/web"
)

// site is a public page whose text says how many times it was rendered, behind the
// cache and the shared middleware, as the app mounts it.
type site struct {
	cache   *pubcache.Cache
	handler http.Handler
	renders atomic.Int64
}

func newSite(t testing.TB, db *store.DB, due ...pubcache.DueFunc) *site {
	t.Helper()
	log := slog.New(slog.DiscardHandler)
	s := &site{cache: pubcache.New(db, log, due...)}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /tin-tuc/{slug}", func(w http.ResponseWriter, r *http.Request) {
		n := s.renders.Add(1)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, "<p>%s: %s lần %d</p>", web.LangFrom(r), r.PathValue("slug"), n)
	})
	mux.HandleFunc("GET /login", func(w http.ResponseWriter, r *http.Request) {
		http.SetCookie(w, &http.Cookie{Name: "session", Value: "x"})
		fmt.Fprint(w, "đăng nhập")
	})
	mux.HandleFunc("POST /portal/publish", func(w http.ResponseWriter, r *http.Request) {
		err := db.Tx(r.Context(), func(tx *sql.Tx) error { return pubcache.Bump(r.Context(), db, tx) })
		if err != nil {
			http.Error(w, err.Error(), 500)
			return
		}
		w.WriteHeader(http.StatusSeeOther)
	})
	all := func(*http.Request) bool { return true }
	s.handler = web.Base(s.cache.Wrap(mux, all), nil, i18n.VI, log)
	if err := s.cache.Sync(context.Background()); err != nil {
		t.Fatal(err)
	}
	return s
}

type answer struct {
	status int
	body   string
	header http.Header
}

func (s *site) do(method, path string, header ...string) answer {
	req := httptest.NewRequest(method, path, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	s.handler.ServeHTTP(rec, req)
	b, _ := io.ReadAll(rec.Result().Body)
	return answer{rec.Code, string(b), rec.Result().Header}
}

func TestAPublicPageIsRenderedOnceAndThenServedFromMemory(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		first := s.do("GET", "/tin-tuc/ra-mat")
		second := s.do("GET", "/tin-tuc/ra-mat")
		if first.body != "<p>vi: ra-mat lần 1</p>" || second.body != first.body || s.renders.Load() != 1 {
			t.Fatalf("rendered %d times: %q then %q", s.renders.Load(), first.body, second.body)
		}
		if second.header.Get("ETag") == "" || second.header.Get("Last-Modified") == "" || second.header.Get("Content-Type") != "text/html; charset=utf-8" {
			t.Fatalf("headers of a cached page: %v", second.header)
		}
		if second.header.Get("X-Content-Type-Options") != "nosniff" {
			t.Fatal("a cached page lost the security headers")
		}
	})
}

func TestEachLanguageHasItsOwnCopy(t *testing.T) {
	s := newSite(t, storetest.SQLite(t))
	vi := s.do("GET", "/tin-tuc/a")
	en := s.do("GET", "/tin-tuc/a", "Cookie", web.LangCookie+"=en")
	if vi.body == en.body || en.body != "<p>en: a lần 2</p>" {
		t.Fatalf("vi %q, en %q", vi.body, en.body)
	}
}

func TestARevalidationWithTheSameETagOrDateGetsNotModified(t *testing.T) {
	s := newSite(t, storetest.SQLite(t))
	page := s.do("GET", "/tin-tuc/a")
	tag, date := page.header.Get("ETag"), page.header.Get("Last-Modified")
	if res := s.do("GET", "/tin-tuc/a", "If-None-Match", tag); res.status != http.StatusNotModified || res.body != "" {
		t.Fatalf("If-None-Match: %d %q", res.status, res.body)
	}
	if res := s.do("GET", "/tin-tuc/a", "If-None-Match", `"other", `+tag); res.status != http.StatusNotModified {
		t.Fatalf("a list of tags: %d", res.status)
	}
	if res := s.do("GET", "/tin-tuc/a", "If-None-Match", `"other"`, "If-Modified-Since", date); res.status != http.StatusOK {
		t.Fatalf("a different tag must win over the date: %d", res.status)
	}
	if res := s.do("GET", "/tin-tuc/a", "If-Modified-Since", date); res.status != http.StatusNotModified {
		t.Fatalf("If-Modified-Since: %d", res.status)
	}
	old := time.Now().Add(-time.Hour).UTC().Format(http.TimeFormat)
	if res := s.do("GET", "/tin-tuc/a", "If-Modified-Since", old); res.status != http.StatusOK {
		t.Fatalf("an older copy must get the page: %d", res.status)
	}
	if res := s.do("HEAD", "/tin-tuc/a"); res.status != http.StatusOK || res.body != "" || res.header.Get("Content-Length") == "" {
		t.Fatalf("HEAD: %d %q", res.status, res.body)
	}
}

func TestPublishingOnThisInstanceShowsAtTheNextRequest(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		s.do("GET", "/tin-tuc/a")
		if res := s.do("POST", "/portal/publish"); res.status != http.StatusSeeOther {
			t.Fatalf("publish: %d %s", res.status, res.body)
		}
		if res := s.do("GET", "/tin-tuc/a"); res.body != "<p>vi: a lần 2</p>" {
			t.Fatalf("after publishing the old page is still served: %q", res.body)
		}
	})
}

func TestPublishingOnAnotherInstanceReachesThisOneWithinSeconds(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		here, there := newSite(t, db), newSite(t, db)
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		go here.cache.Run(ctx)
		here.do("GET", "/tin-tuc/a")
		there.do("POST", "/portal/publish")
		deadline := time.Now().Add(5 * time.Second)
		for here.do("GET", "/tin-tuc/a").body == "<p>vi: a lần 1</p>" {
			if time.Now().After(deadline) {
				t.Fatal("the other instance's publication never emptied this cache")
			}
			time.Sleep(50 * time.Millisecond)
		}
	})
}

func TestContentScheduledForLaterShowsWhenItsTimeComes(t *testing.T) {
	var at atomic.Pointer[time.Time]
	due := func(ctx context.Context, since time.Time) (time.Time, error) {
		if t := at.Load(); t != nil && t.After(since) {
			return *t, nil
		}
		return time.Time{}, nil
	}
	s := newSite(t, storetest.SQLite(t), due)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go s.cache.Run(ctx)
	when := time.Now().Add(1500 * time.Millisecond)
	at.Store(&when)
	s.do("GET", "/tin-tuc/a")
	if s.do("GET", "/tin-tuc/a").body != "<p>vi: a lần 1</p>" {
		t.Fatal("the page changed before its time")
	}
	deadline := time.Now().Add(5 * time.Second)
	for s.do("GET", "/tin-tuc/a").body == "<p>vi: a lần 1</p>" {
		if time.Now().After(deadline) {
			t.Fatal("the scheduled time passed and the cached page stayed")
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func TestAResponseThatSetsACookieIsNeverShared(t *testing.T) {
	s := newSite(t, storetest.SQLite(t))
	s.do("GET", "/login")
	if res := s.do("GET", "/login"); res.header.Get("Set-Cookie") == "" || res.header.Get("ETag") != "" {
		t.Fatalf("a cookie-setting page was cached: %v", res.header)
	}
}

// BenchmarkACachedPageThroughTheSharedMiddleware measures what Loa adds to a public
// page already in memory: request ID, language, security headers, the log line, the
// cache lookup and the copy of the stored headers.
func BenchmarkACachedPageThroughTheSharedMiddleware(b *testing.B) {
	s := newSite(b, storetest.SQLite(b))
	s.do("GET", "/tin-tuc/a")
	req := httptest.NewRequest("GET", "/tin-tuc/a", nil)
	b.ReportAllocs()
	for b.Loop() {
		rec := httptest.NewRecorder()
		s.handler.ServeHTTP(rec, req)
	}
}
