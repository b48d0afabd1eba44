// Package pubcache keeps rendered public portal pages in memory and answers
// revalidations (ETag, Last-Modified) with 304. Public pages carry nothing about the
// visitor but the language, so one rendering serves everyone.
//
// Every write that changes what the public sees moves one counter in the database
// (Bump, in the write's own transaction). Each app instance empties its cache when it
// sees the counter move: at once after a write it served itself, on PostgreSQL's
// NOTIFY from the other instances, and by a poll each second as a safety net. Content
// that appears at a scheduled time is caught by Due hooks.
package pubcache

import (
	"bytes"
	"context"
	"database/sql"
	"hash/fnv"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"loa/internal/store"
	"loa/internal/web"
)

// Channel is the PostgreSQL notification channel of public changes.
const Channel = "loa_public"

const (
	maxBytes   = 64 << 20         // what the cache may hold in all
	maxEntry   = 1 << 20          // a bigger page is served but not kept
	maxAge     = 10 * time.Minute // an entry is rebuilt at least this often
	pollPeriod = time.Second
)

// Bump records, inside tx, that public content changed.
func Bump(ctx context.Context, db *store.DB, tx *sql.Tx) error {
	if _, err := tx.ExecContext(ctx, `UPDATE site_generation SET generation = generation + 1, changed_at = $1 WHERE id = 1`, store.Now()); err != nil {
		return err
	}
	return db.Notify(ctx, tx, Channel)
}

// DueFunc tells the earliest time after since at which some content becomes visible
// or hidden by itself (a scheduled article, a survey that opens); zero when none.
type DueFunc func(ctx context.Context, since time.Time) (time.Time, error)

// Cache is the in-memory store of public pages of one app instance.
type Cache struct {
	db  *store.DB
	log *slog.Logger
	due []DueFunc

	generation atomic.Int64
	mu         sync.RWMutex
	entries    map[string]*entry
	size       int
	lastDue    time.Time

	hits, misses atomic.Int64
}

type entry struct {
	header  http.Header
	body    []byte
	etag    string
	lastMod time.Time
	born    time.Time
}

// New makes an empty cache over db.
func New(db *store.DB, log *slog.Logger, due ...DueFunc) *Cache {
	return &Cache{db: db, log: log, due: due, entries: map[string]*entry{}, lastDue: time.Now()}
}

// Invalidate empties the cache.
func (c *Cache) Invalidate() {
	c.mu.Lock()
	c.entries, c.size = map[string]*entry{}, 0
	c.mu.Unlock()
}

// Stats tells how many requests the cache answered and how many it passed on.
func (c *Cache) Stats() (hits, misses int64) { return c.hits.Load(), c.misses.Load() }

// Sync reads the counter and empties the cache if it moved since the last look.
func (c *Cache) Sync(ctx context.Context) error {
	var g int64
	if err := c.db.Read().QueryRowContext(ctx, `SELECT generation FROM site_generation WHERE id = 1`).Scan(&g); err != nil {
		return err
	}
	if c.generation.Swap(g) != g {
		c.Invalidate()
	}
	return nil
}

// Run keeps the cache in step with the database until ctx ends.
func (c *Cache) Run(ctx context.Context) {
	go c.db.Listen(ctx, Channel, func() { _ = c.Sync(ctx) })
	t := time.NewTicker(pollPeriod)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if err := c.Sync(ctx); err != nil && ctx.Err() == nil {
				c.log.Warn("public cache sync", "err", err)
			}
			c.checkDue(ctx)
		}
	}
}

func (c *Cache) checkDue(ctx context.Context) {
	now := time.Now()
	for _, due := range c.due {
		at, err := due(ctx, c.lastDue)
		if err != nil {
			c.log.Warn("public cache due", "err", err)
			return
		}
		if !at.IsZero() && !at.After(now) {
			c.Invalidate()
			break
		}
	}
	c.lastDue = now
}

// Wrap serves the requests cacheable admits from the cache, filling it on a miss.
// After any other request that may have written (not GET or HEAD), it looks at the
// counter so that this instance's own writes show at once.
func (c *Cache) Wrap(next http.Handler, cacheable func(*http.Request) bool) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			next.ServeHTTP(w, r)
			if err := c.Sync(r.Context()); err != nil {
				c.log.Warn("public cache sync", "err", err)
			}
			return
		}
		if !cacheable(r) {
			next.ServeHTTP(w, r)
			return
		}
		key := string(web.LangFrom(r)) + " " + r.URL.RequestURI()
		c.mu.RLock()
		e := c.entries[key]
		c.mu.RUnlock()
		if e != nil && time.Since(e.born) < maxAge {
			c.hits.Add(1)
			e.serve(w, r)
			return
		}
		c.misses.Add(1)
		rec := &recorder{header: http.Header{}, status: http.StatusOK}
		next.ServeHTTP(rec, r)
		if e := c.keep(key, rec); e != nil {
			e.serve(w, r)
			return
		}
		rec.replay(w)
	})
}

// keep stores a response worth sharing: a complete 200 that sets no cookie and was not
// marked private.
func (c *Cache) keep(key string, rec *recorder) *entry {
	h := rec.header
	if rec.status != http.StatusOK || h.Get("Set-Cookie") != "" || rec.body.Len() > maxEntry {
		return nil
	}
	switch h.Get("Cache-Control") {
	case "no-store", "private":
		return nil
	}
	body := bytes.Clone(rec.body.Bytes())
	sum := fnv.New64a()
	_, _ = sum.Write(body)
	e := &entry{header: h.Clone(), body: body, etag: `"` + strconv.FormatUint(sum.Sum64(), 36) + `"`, born: time.Now()}
	e.lastMod = e.born.UTC().Truncate(time.Second)
	if lm, err := http.ParseTime(h.Get("Last-Modified")); err == nil {
		e.lastMod = lm
	}
	e.header.Set("ETag", e.etag)
	e.header.Set("Last-Modified", e.lastMod.Format(http.TimeFormat))
	e.header.Set("Content-Length", strconv.Itoa(len(body)))
	c.mu.Lock()
	if c.size+len(body) > maxBytes {
		c.entries, c.size = map[string]*entry{}, 0
	}
	if old := c.entries[key]; old != nil {
		c.size -= len(old.body)
	}
	c.entries[key] = e
	c.size += len(body)
	c.mu.Unlock()
	return e
}

func (e *entry) serve(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	for k, v := range e.header {
		h[k] = v
	}
	if notModified(r, e) {
		h.Del("Content-Length")
		h.Del("Content-Type")
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		_, _ = w.Write(e.body)
	}
}

// notModified follows RFC 9110: If-None-Match decides when present, else
// If-Modified-Since.
func notModified(r *http.Request, e *entry) bool {
	if inm := r.Header.Get("If-None-Match"); inm != "" {
		for _, tag := range strings.Split(inm, ",") {
			if tag = strings.TrimSpace(tag); tag == "*" || tag == e.etag || tag == "W/"+e.etag {
				return true
			}
		}
		return false
	}
	if ims, err := http.ParseTime(r.Header.Get("If-Modified-Since")); err == nil {
		return !e.lastMod.After(ims)
	}
	return false
}

// recorder holds a response until the cache has decided whether to keep it.
type recorder struct {
	header http.Header
	status int
	wrote  bool
	body   bytes.Buffer
}

func (r *recorder) Header() http.Header { return r.header }

func (r *recorder) WriteHeader(status int) {
	if !r.wrote {
		r.status, r.wrote = status, true
	}
}

func (r *recorder) Write(p []byte) (int, error) {
	r.wrote = true
	return r.body.Write(p)
}

func (r *recorder) replay(w http.ResponseWriter) {
	h := w.Header()
	for k, v := range r.header {
		h[k] = v
	}
	w.WriteHeader(r.status)
	_, _ = w.Write(r.body.Bytes())
}
