// Package search is the portal's one search box: a single index over everything the
// public may read — articles, library documents, pages, published questions and
// answers — that finds words whatever their diacritics, đ/d or case, ranks title hits
// above summary hits above body hits, and shows snippets highlighted in the original
// spelling. The words are cut and folded here in Go, and the index is bitmaps that Go
// writes and reads (bits.go): SQLite and PostgreSQL only store them, so both engines
// give the same hits, counts and order, and a search over 100,000 items takes a few
// milliseconds on either.
//
// Features keep the index current themselves, inside the transaction that publishes or
// withdraws: Put when something becomes public or changes, Remove when it stops being
// public. PutMany loads many at once; Rebuild refills one kind from its source.
package search

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"loa/internal/store"
	"loa/internal/vn"
)

// Kinds of public content. A feature may index another kind; these four have
// labels in the catalogue ("search.kind.<kind>").
const (
	KindArticle  = "article"  // news articles of the portal
	KindDocument = "document" // entries of the documents library
	KindPage     = "page"     // standing pages: procedures guidance, contacts …
	KindQA       = "qa"       // published questions and answers (feedback)
)

// Kinds lists the known kinds in the order the filters show them.
var Kinds = []string{KindArticle, KindDocument, KindPage, KindQA}

// Doc is one public item as the index holds it. Kind and Ref (the item's id within
// its kind) identify it; URL is where the portal shows it. Year is what the year
// filter uses; when zero it is taken from Date (in Vietnam's time zone).
type Doc struct {
	Kind, Ref, Title, Summary, Body, URL string
	Year                                 int
	Date                                 time.Time
	Lang                                 string // "" for Vietnamese; "en" for an English text
}

// ErrInvalidDoc is returned by Put for a doc without kind, ref or title, or of a
// kind the index does not know (add it to kindCodes).
var ErrInvalidDoc = errors.New("search: a doc needs a known kind, a ref and a title")

// kindCodes number the kinds inside ids. A code never changes once used; a new kind
// takes the next free number (at most 99).
var kindCodes = map[string]int64{
	KindArticle: 1, KindDocument: 2, KindPage: 3, KindQA: 4,
	"practice": 5, // good practices and commendations
	"leaflet":  6, // leaflets and posters to download
	"survey":   7, // survey results made public
}

// An id is year·10¹³ + kind·10¹¹ + sequence: the index can count, filter and take
// the newest hits from ids alone.
const (
	kindUnit = 100_000_000_000
	yearUnit = 100 * kindUnit
)

func docID(year int, kind string, seq int64) int64 {
	return int64(year)*yearUnit + kindCodes[kind]*kindUnit + seq%kindUnit
}

func kindOfCode(c int64) string {
	for k, v := range kindCodes {
		if v == c {
			return k
		}
	}
	return ""
}

// Put adds d to the index or replaces the doc with the same Kind and Ref. Call it in
// the transaction that publishes or changes the item (q is usually that *sql.Tx;
// the dialect is db.Dialect), so the index never disagrees with what is public.
func Put(ctx context.Context, q store.Querier, dialect store.Dialect, d Doc) error {
	err := putMany(ctx, q, dialect, []Doc{d})
	if err != nil && err != ErrInvalidDoc {
		err = fmt.Errorf("search: put %s/%s: %w", d.Kind, d.Ref, err)
	}
	return err
}

// PutMany puts docs as Put does, in one go: one lookup of the docs already there per
// few hundred, multi-row inserts, and each bitmap container the batch touches read and
// written once, however many of the docs share it. A loader or Rebuild gives it a few
// thousand docs per transaction; a doc given twice counts as its last. When one doc is
// invalid, it returns ErrInvalidDoc and writes nothing.
func PutMany(ctx context.Context, q store.Querier, dialect store.Dialect, docs []Doc) error {
	err := putMany(ctx, q, dialect, docs)
	if err != nil && err != ErrInvalidDoc {
		err = fmt.Errorf("search: put %d docs: %w", len(docs), err)
	}
	return err
}

func putMany(ctx context.Context, q store.Querier, dialect store.Dialect, docs []Doc) error {
	// Cleaning and cutting the texts is most of the work in Go: both cores share it.
	prepared := make([]pending, len(docs))
	var invalid atomic.Bool
	var wg sync.WaitGroup
	workers := max(1, min(runtime.GOMAXPROCS(0), len(docs)/64))
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(docs); i += workers {
				if !prepared[i].prepare(docs[i]) {
					invalid.Store(true)
				}
			}
		})
	}
	wg.Wait()
	if invalid.Load() {
		return ErrInvalidDoc
	}
	batch := make([]*pending, 0, len(docs))
	at := map[[2]string]int{}
	for i := range prepared {
		p := &prepared[i]
		k := [2]string{p.d.Kind, p.d.Ref}
		if j, dup := at[k]; dup {
			batch[j] = p
			continue
		}
		at[k] = len(batch)
		batch = append(batch, p)
	}
	if len(batch) == 0 {
		return nil
	}
	if err := lockIndex(ctx, q, dialect); err != nil {
		return err
	}
	ch := newChanges()
	refs := map[string][]string{}
	for _, p := range batch {
		refs[p.d.Kind] = append(refs[p.d.Kind], p.d.Ref)
	}
	var gone []int64
	for kind, rs := range refs {
		err := existing(ctx, q, kind, rs, func(id int64, ref string, keys map[fieldKey]struct{}) {
			p := batch[at[[2]string{kind, ref}]]
			if id/yearUnit != int64(p.d.Year) {
				// The same doc keeps its id while its year stays; a new year means a new id.
				ch.put(id%kindUnit, nil, keys)
				gone = append(gone, id)
				return
			}
			p.id = id
			ch.put(id%kindUnit, docKeys(p.d.Kind, p.d.Year, p.title, p.summ, p.body), keys)
		})
		if err != nil {
			return err
		}
	}
	if err := deleteDocs(ctx, q, gone); err != nil {
		return err
	}
	var fresh []*pending
	for _, p := range batch {
		if p.id == 0 {
			fresh = append(fresh, p)
			continue
		}
		d := p.d
		_, err := q.ExecContext(ctx, `UPDATE search_docs SET title = $1, summary = $2, body = $3, url = $4, date = $5,
			lang = $6 WHERE id = $7`, d.Title, d.Summary, d.Body, d.URL, p.date, d.Lang, p.id)
		if err != nil {
			return err
		}
	}
	if len(fresh) > 0 {
		var last int64
		err := q.QueryRowContext(ctx, `UPDATE search_seq SET n = n + $1 WHERE id = 1 RETURNING n`, len(fresh)).Scan(&last)
		if err != nil {
			return err
		}
		seq := last - int64(len(fresh))
		perInsert := rowsPerInsert(dialect, 10)
		args := make([]any, 0, 10*perInsert)
		var ins strings.Builder
		flush := func() error {
			if len(args) == 0 {
				return nil
			}
			ins.Reset()
			ins.WriteString(`INSERT INTO search_docs (id, kind, ref, year, date, lang, url, title, summary, body) VALUES `)
			for i := range len(args) / 10 {
				if i > 0 {
					ins.WriteString(", ")
				}
				ins.WriteByte('(')
				for j := range 10 {
					if j > 0 {
						ins.WriteString(", ")
					}
					ins.WriteString("$" + strconv.Itoa(10*i+j+1))
				}
				ins.WriteByte(')')
			}
			_, err := q.ExecContext(ctx, ins.String(), args...)
			args = args[:0]
			return err
		}
		// The keys of the new docs are gathered on the other core while their rows are written.
		first := seq + 1
		var gathered sync.WaitGroup
		gathered.Go(func() {
			for i, p := range fresh {
				ch.fresh(first+int64(i), p.d.Kind, p.d.Year, p.title, p.summ, p.body)
			}
		})
		defer gathered.Wait() // on an early return, before ch is dropped
		for _, p := range fresh {
			seq++
			d := p.d
			args = append(args, docID(d.Year, d.Kind, seq), d.Kind, d.Ref, d.Year, p.date, d.Lang, d.URL, d.Title, d.Summary, d.Body)
			if len(args) == 10*perInsert {
				if err := flush(); err != nil {
					return err
				}
			}
		}
		if err := flush(); err != nil {
			return err
		}
		gathered.Wait()
	}
	return ch.write(ctx, q, dialect)
}

// pending is a doc on its way into the index.
type pending struct {
	d     Doc
	date  any
	title []token
	summ  []token
	body  []token
	id    int64 // its id when the index holds it already; 0 for a new doc
}

// prepare cleans d as the index keeps it and cuts its words; false when d is not a
// doc the index can take.
func (p *pending) prepare(d Doc) bool {
	d.Kind, d.Ref = strings.TrimSpace(d.Kind), strings.TrimSpace(d.Ref)
	d.Title = vn.Clean(d.Title)
	if _, known := kindCodes[d.Kind]; !known || d.Ref == "" || d.Title == "" {
		return false
	}
	d.Summary, d.Body = vn.NFC(strings.TrimSpace(d.Summary)), vn.NFC(strings.TrimSpace(d.Body))
	if d.Year == 0 && !d.Date.IsZero() {
		d.Year = d.Date.In(vn.Location).Year()
	}
	if d.Year < 0 || d.Year > 9999 {
		d.Year = 0
	}
	p.d = d
	if !d.Date.IsZero() {
		p.date = d.Date.UTC().Truncate(time.Microsecond)
	}
	p.title, p.summ, p.body = tokenize(d.Title, maxTitleTokens), tokenize(d.Summary, maxSummaryTokens), tokenize(d.Body, maxBodyTokens)
	return true
}

// lockIndex serialises the writers of the index for the rest of the transaction:
// the bitmaps are read, changed and written back, so two writers must not interleave.
// SQLite has one writer anyway; on PostgreSQL the sequence's row is the lock.
func lockIndex(ctx context.Context, q store.Querier, dialect store.Dialect) error {
	if dialect != store.Postgres {
		return nil
	}
	var n int64
	return q.QueryRowContext(ctx, `SELECT n FROM search_seq WHERE id = 1 FOR UPDATE`).Scan(&n)
}

// existing calls found for each doc of kind among refs that the index holds, with
// the keys it holds for it (cut again from the text it keeps).
func existing(ctx context.Context, q store.Querier, kind string, refs []string,
	found func(id int64, ref string, keys map[fieldKey]struct{})) error {
	const perQuery = 400
	for from := 0; from < len(refs); from += perQuery {
		chunk := refs[from:min(from+perQuery, len(refs))]
		args := []any{kind}
		var in strings.Builder
		for i, r := range chunk {
			if i > 0 {
				in.WriteString(", ")
			}
			in.WriteString("$" + strconv.Itoa(i+2))
			args = append(args, r)
		}
		rows, err := q.QueryContext(ctx, `SELECT id, ref, year, title, summary, body FROM search_docs WHERE kind = $1 AND ref IN (`+
			in.String()+`)`, args...)
		if err != nil {
			return err
		}
		type row struct {
			id                   int64
			ref                  string
			year                 int
			title, summary, body string
		}
		var got []row
		for rows.Next() {
			var r row
			if err := rows.Scan(&r.id, &r.ref, &r.year, &r.title, &r.summary, &r.body); err != nil {
				rows.Close()
				return err
			}
			got = append(got, r)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, r := range got {
			found(r.id, r.ref, docKeys(kind, r.year, tokenize(r.title, maxTitleTokens), tokenize(r.summary, maxSummaryTokens),
				tokenize(r.body, maxBodyTokens)))
		}
	}
	return nil
}

func deleteDocs(ctx context.Context, q store.Querier, ids []int64) error {
	for _, id := range ids {
		if _, err := q.ExecContext(ctx, `DELETE FROM search_docs WHERE id = $1`, id); err != nil {
			return err
		}
	}
	return nil
}

// Remove takes the doc (kind, ref) out of the index; removing one that is not there
// is not an error.
func Remove(ctx context.Context, q store.Querier, dialect store.Dialect, kind, ref string) error {
	if err := removeMany(ctx, q, dialect, kind, []string{ref}); err != nil {
		return fmt.Errorf("search: remove %s/%s: %w", kind, ref, err)
	}
	return nil
}

func removeMany(ctx context.Context, q store.Querier, dialect store.Dialect, kind string, refs []string) error {
	if err := lockIndex(ctx, q, dialect); err != nil {
		return err
	}
	ch := newChanges()
	var gone []int64
	err := existing(ctx, q, kind, refs, func(id int64, _ string, keys map[fieldKey]struct{}) {
		ch.put(id%kindUnit, nil, keys)
		gone = append(gone, id)
	})
	if err == nil {
		err = deleteDocs(ctx, q, gone)
	}
	if err == nil {
		err = ch.write(ctx, q, dialect)
	}
	return err
}

// Source feeds Rebuild every public item of one kind, calling yield once per doc.
type Source func(ctx context.Context, yield func(Doc) error) error

// rebuildBatch is how many docs Rebuild puts per transaction: enough that the common
// words' containers are rewritten a few dozen times for 100,000 docs, few enough that
// the writer is free again within a second.
const rebuildBatch = 4000

// Rebuild replaces every doc of kind with what src yields, rebuildBatch docs per
// transaction, so that a large kind does not hold the writer for long. A doc that has
// not changed costs a row update and no bitmap write. Items that src no longer
// yields leave the index.
func (ix *Index) Rebuild(ctx context.Context, kind string, src Source) (int, error) {
	batch := make([]Doc, 0, rebuildBatch)
	yielded := map[string]bool{}
	n := 0
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		for i := range batch {
			batch[i].Kind = kind
			yielded[strings.TrimSpace(batch[i].Ref)] = true
		}
		err := ix.db.Tx(ctx, func(tx *sql.Tx) error { return PutMany(ctx, tx, ix.db.Dialect, batch) })
		n += len(batch)
		batch = batch[:0]
		return err
	}
	err := src(ctx, func(d Doc) error {
		batch = append(batch, d)
		if len(batch) == cap(batch) {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	if err != nil {
		return n, err
	}
	// What src did not yield is gone from its source.
	var stale []string
	rows, err := ix.db.Write().QueryContext(ctx, `SELECT ref FROM search_docs WHERE kind = $1`, kind)
	if err != nil {
		return n, err
	}
	for rows.Next() {
		var ref string
		if err := rows.Scan(&ref); err != nil {
			rows.Close()
			return n, err
		}
		if !yielded[ref] {
			stale = append(stale, ref)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return n, err
	}
	for from := 0; from < len(stale); from += rebuildBatch {
		chunk := stale[from:min(from+rebuildBatch, len(stale))]
		if err := ix.db.Tx(ctx, func(tx *sql.Tx) error { return removeMany(ctx, tx, ix.db.Dialect, kind, chunk) }); err != nil {
			return n, err
		}
	}
	return n, nil
}

// Count is how many docs of kind the index holds ("" for all): a start-up check can
// rebuild a kind whose count is zero while its source is not.
func (ix *Index) Count(ctx context.Context, kind string) (int, error) {
	var n int
	var err error
	if kind == "" {
		err = ix.db.Read().QueryRowContext(ctx, `SELECT COUNT(*) FROM search_docs`).Scan(&n)
	} else {
		err = ix.db.Read().QueryRowContext(ctx, `SELECT COUNT(*) FROM search_docs WHERE kind = $1`, kind).Scan(&n)
	}
	return n, err
}
