// Package search is the portal's one search box: a single index over everything the
// public may read — articles, library documents, pages, published questions and
// answers — that finds words whatever their diacritics, đ/d or case, ranks title hits
// above body hits, and shows snippets highlighted in the original spelling. It runs on
// SQLite's FTS5 and on PostgreSQL's tsvector with the same results, because the words
// are cut and folded here in Go and both engines index only the folded words.
//
// Features keep the index current themselves, inside the transaction that publishes or
// withdraws: Put when something becomes public or changes, Remove when it stops being
// public. Rebuild refills one kind from its source.
package search

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
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
	d.Kind, d.Ref = strings.TrimSpace(d.Kind), strings.TrimSpace(d.Ref)
	d.Title = vn.Clean(d.Title)
	if _, known := kindCodes[d.Kind]; !known || d.Ref == "" || d.Title == "" {
		return ErrInvalidDoc
	}
	d.Summary, d.Body = vn.NFC(strings.TrimSpace(d.Summary)), vn.NFC(strings.TrimSpace(d.Body))
	if d.Year == 0 && !d.Date.IsZero() {
		d.Year = d.Date.In(vn.Location).Year()
	}
	if d.Year < 0 || d.Year > 9999 {
		d.Year = 0
	}
	var date any
	if !d.Date.IsZero() {
		date = d.Date.UTC().Truncate(time.Microsecond)
	}
	if err := put(ctx, q, dialect, d, date); err != nil {
		return fmt.Errorf("search: put %s/%s: %w", d.Kind, d.Ref, err)
	}
	return nil
}

func put(ctx context.Context, q store.Querier, dialect store.Dialect, d Doc, date any) error {
	title := tokenize(d.Title, maxTitleTokens)
	summary := tokenize(d.Summary, maxSummaryTokens)
	body := tokenize(d.Body, maxBodyTokens)
	now := store.Now()

	// The same doc keeps its id while its year stays; a new year means a new id.
	var id int64
	err := q.QueryRowContext(ctx, `SELECT id FROM search_docs WHERE kind = $1 AND ref = $2`, d.Kind, d.Ref).Scan(&id)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		id = 0
	case err != nil:
		return err
	case id/yearUnit != int64(d.Year):
		if err := remove(ctx, q, dialect, id); err != nil {
			return err
		}
		id = 0
	}
	if id != 0 {
		_, err = q.ExecContext(ctx, `UPDATE search_docs SET title = $1, summary = $2, body = $3, url = $4, date = $5,
			lang = $6, updated_at = $7 WHERE id = $8`, d.Title, d.Summary, d.Body, d.URL, date, d.Lang, now, id)
		if err != nil {
			return err
		}
		if dialect == store.Postgres {
			_, err = q.ExecContext(ctx, `UPDATE search_terms SET tsv = CAST($1 AS tsvector) WHERE id = $2`,
				tsVector(title, summary, body), id)
		} else {
			_, err = q.ExecContext(ctx, `INSERT OR REPLACE INTO search_fts (rowid, title, summary, body) VALUES ($1, $2, $3, $4)`,
				id, keyOf(title), keyOf(summary), keyOf(body))
		}
		return err
	}

	var seq int64
	if dialect == store.Postgres {
		err = q.QueryRowContext(ctx, `SELECT nextval('search_seq')`).Scan(&seq)
	} else {
		err = q.QueryRowContext(ctx, `UPDATE search_seq SET n = n + 1 WHERE id = 1 RETURNING n`).Scan(&seq)
	}
	if err != nil {
		return err
	}
	id = docID(d.Year, d.Kind, seq)
	_, err = q.ExecContext(ctx, `INSERT INTO search_docs (id, kind, ref, year, date, updated_at, lang, url, title, summary, body)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
		id, d.Kind, d.Ref, d.Year, date, now, d.Lang, d.URL, d.Title, d.Summary, d.Body)
	if err != nil {
		return err
	}
	if dialect == store.Postgres {
		_, err = q.ExecContext(ctx, `INSERT INTO search_terms (id, tsv) VALUES ($1, CAST($2 AS tsvector))`,
			id, tsVector(title, summary, body))
	} else {
		_, err = q.ExecContext(ctx, `INSERT INTO search_fts (rowid, title, summary, body) VALUES ($1, $2, $3, $4)`,
			id, keyOf(title), keyOf(summary), keyOf(body))
	}
	return err
}

// Remove takes the doc (kind, ref) out of the index; removing one that is not there
// is not an error.
func Remove(ctx context.Context, q store.Querier, dialect store.Dialect, kind, ref string) error {
	var id int64
	err := q.QueryRowContext(ctx, `SELECT id FROM search_docs WHERE kind = $1 AND ref = $2`, kind, ref).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err == nil {
		err = remove(ctx, q, dialect, id)
	}
	if err != nil {
		return fmt.Errorf("search: remove %s/%s: %w", kind, ref, err)
	}
	return nil
}

func remove(ctx context.Context, q store.Querier, dialect store.Dialect, id int64) error {
	if dialect != store.Postgres {
		if _, err := q.ExecContext(ctx, `DELETE FROM search_fts WHERE rowid = $1`, id); err != nil {
			return err
		}
	}
	// On PostgreSQL search_terms goes with it (ON DELETE CASCADE).
	_, err := q.ExecContext(ctx, `DELETE FROM search_docs WHERE id = $1`, id)
	return err
}

// Field weights and position offsets of the PostgreSQL vector. Titles weigh A,
// summaries B and bodies D; each field starts at its own offset so that a phrase never
// runs from the end of one field into the next (FTS5 keeps fields apart the same way).
const (
	summaryOffset = 256
	bodyOffset    = 1300
	maxPositions  = 255 // PostgreSQL keeps at most 256 positions of one word
)

// tsVector writes the fields' words as a tsvector literal ('cai':1A,9D 'cach':2A),
// with positions counted from each field's offset.
func tsVector(title, summary, body []token) string {
	type entry struct {
		positions []string
	}
	order := []string{}
	words := map[string]*entry{}
	addField := func(toks []token, offset int, weight string) {
		for i, t := range toks {
			e := words[t.key]
			if e == nil {
				e = &entry{}
				words[t.key] = e
				order = append(order, t.key)
			}
			if len(e.positions) < maxPositions {
				e.positions = append(e.positions, strconv.Itoa(offset+i)+weight)
			}
		}
	}
	addField(title, 1, "A")
	addField(summary, summaryOffset, "B")
	addField(body, bodyOffset, "D")
	var b strings.Builder
	for i, w := range order {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteByte('\'')
		b.WriteString(w)
		b.WriteString("':")
		b.WriteString(strings.Join(words[w].positions, ","))
	}
	return b.String()
}

// Source feeds Rebuild every public item of one kind, calling yield once per doc.
type Source func(ctx context.Context, yield func(Doc) error) error

// Rebuild replaces every doc of kind with what src yields, in batches of a few
// hundred per transaction, so that a large kind does not hold the writer for long.
// Items that src no longer yields leave the index.
func (ix *Index) Rebuild(ctx context.Context, kind string, src Source) (int, error) {
	start := store.Now()
	batch := make([]Doc, 0, 500)
	n := 0
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		err := ix.db.Tx(ctx, func(tx *sql.Tx) error {
			for _, d := range batch {
				d.Kind = kind
				if err := Put(ctx, tx, ix.db.Dialect, d); err != nil {
					return err
				}
			}
			return nil
		})
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
	// What was not put in this run is gone from its source.
	return n, ix.db.Tx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT ref FROM search_docs WHERE kind = $1 AND updated_at < $2`, kind, start)
		if err != nil {
			return err
		}
		var stale []string
		for rows.Next() {
			var ref string
			if err := rows.Scan(&ref); err != nil {
				rows.Close()
				return err
			}
			stale = append(stale, ref)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, ref := range stale {
			if err := Remove(ctx, tx, ix.db.Dialect, kind, ref); err != nil {
				return err
			}
		}
		return nil
	})
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
