package search

import (
	"context"
	"database/sql"
	"html/template"
	"slices"
	"strconv"
	"strings"
	"sync"

	"loa/internal/store"
)

// Index searches the public index.
type Index struct{ db *store.DB }

// New returns the Index over db.
func New(db *store.DB) *Index { return &Index{db: db} }

// Query is what a visitor asks for. Every word of Text is required; "quoted words"
// must stand together; with Prefix the last word may be the start of a longer one
// (type-ahead). Kinds and Year narrow the hits (zero: no filter); the facet counts
// of each ignore their own filter, so the page can offer the other choices.
type Query struct {
	Text   string
	Kinds  []string
	Year   int
	Prefix bool
	Limit  int // 10 when zero; at most 50
	Offset int // beyond MaxOffset: no hits (counts still given)
}

// MaxOffset bounds how deep a visitor may page: nobody reads result 1,000, robots do.
const MaxOffset = 1000

// Hit is one found doc. Body is left empty (snippets carry what the page shows);
// TitleHTML and Snippet are escaped HTML with the matches in <mark>.
type Hit struct {
	Doc
	TitleHTML template.HTML
	Snippet   template.HTML
	Score     float64 // higher is better; comparable only within one search
}

// KindCount and YearCount are the facets: how many hits each kind and year has.
type KindCount struct {
	Kind string
	N    int
}

type YearCount struct {
	Year int
	N    int
}

// Results is one page of hits, how many there are in all, and the facets.
type Results struct {
	Hits  []Hit
	Total int
	Kinds []KindCount // known kinds first, in Kinds order; only kinds with hits
	Years []YearCount // latest first; undated docs are in no year
	// Empty tells that the query held no word to look for.
	Empty bool
}

// Search runs q. A query with nothing to look for gives empty Results, not an error:
// whatever a visitor types, the answer is a page, never a 500.
func (ix *Index) Search(ctx context.Context, q Query) (Results, error) {
	terms := parse(q.Text, q.Prefix)
	if len(terms) == 0 {
		return Results{Empty: true}, nil
	}
	limit := q.Limit
	if limit <= 0 {
		limit = 10
	}
	limit = min(limit, 50)
	offset := max(q.Offset, 0)
	kinds := slices.DeleteFunc(slices.Clone(q.Kinds), func(k string) bool { return strings.TrimSpace(k) == "" })

	var match string
	if ix.db.Dialect == store.Postgres {
		match = tsQuery(terms)
	} else {
		match = ftsQuery(terms)
	}
	// The counts and the page are independent queries: run them side by side, on two
	// connections of the read pool, so a search waits for the slower, not for both.
	var (
		wg     sync.WaitGroup
		ids    []int64
		scores []float64
		perr   error
	)
	if offset <= MaxOffset {
		wg.Go(func() { ids, scores, perr = ix.page(ctx, match, kinds, q.Year, limit, offset) })
	}
	res, err := ix.facets(ctx, match, kinds, q.Year)
	wg.Wait()
	if err == nil {
		err = perr
	}
	if err != nil {
		return Results{}, err
	}
	if res.Total == 0 || offset >= min(res.Total, RankWindow) || offset > MaxOffset {
		return res, nil
	}
	docs, err := ix.load(ctx, ids)
	if err != nil {
		return res, err
	}
	for i, id := range ids {
		d, ok := docs[id]
		if !ok {
			continue // removed between the two reads
		}
		h := Hit{Doc: d, Score: scores[i], TitleHTML: highlightTerms(d.Title, terms), Snippet: snippet(d.Summary, d.Body, terms)}
		h.Body = ""
		res.Hits = append(res.Hits, h)
	}
	return res, nil
}

// facets counts the hits per kind and year in one pass, and from those the total
// under the filters. On SQLite the kind and year come from the ids the FTS index
// returns, without reading search_docs.
func (ix *Index) facets(ctx context.Context, match string, kinds []string, year int) (Results, error) {
	var query string
	if ix.db.Dialect == store.Postgres {
		query = `SELECT id / ` + kindUnitSQL + ` AS yk, COUNT(*) FROM search_terms WHERE tsv @@ CAST($1 AS tsquery) GROUP BY yk`
	} else {
		query = `SELECT rowid / ` + kindUnitSQL + ` AS yk, COUNT(*) FROM search_fts WHERE search_fts MATCH $1 GROUP BY yk`
	}
	rows, err := ix.db.Read().QueryContext(ctx, query, match)
	if err != nil {
		return Results{}, err
	}
	defer rows.Close()
	var res Results
	byKind := map[string]int{}
	byYear := map[int]int{}
	for rows.Next() {
		var yk int64
		var n int
		if err := rows.Scan(&yk, &n); err != nil {
			return res, err
		}
		k, y := kindOfCode(yk%100), int(yk/100)
		inKinds := len(kinds) == 0 || slices.Contains(kinds, k)
		inYear := year == 0 || y == year
		if inYear {
			byKind[k] += n
		}
		if inKinds && y != 0 {
			byYear[y] += n
		}
		if inKinds && inYear {
			res.Total += n
		}
	}
	if err := rows.Err(); err != nil {
		return res, err
	}
	for _, k := range Kinds {
		if n := byKind[k]; n > 0 {
			res.Kinds = append(res.Kinds, KindCount{k, n})
		}
		delete(byKind, k)
	}
	var other []KindCount
	for k, n := range byKind {
		if n > 0 {
			other = append(other, KindCount{k, n})
		}
	}
	slices.SortFunc(other, func(a, b KindCount) int { return strings.Compare(a.Kind, b.Kind) })
	res.Kinds = append(res.Kinds, other...)
	for y, n := range byYear {
		res.Years = append(res.Years, YearCount{y, n})
	}
	slices.SortFunc(res.Years, func(a, b YearCount) int { return b.Year - a.Year })
	return res, nil
}

var kindUnitSQL = strconv.FormatInt(kindUnit, 10)

// Ranking. Title words weigh ten times body words and summary words four times, on
// both engines: bm25's column weights on SQLite, ts_rank_cd's weights of the A, B and
// D labels on PostgreSQL. Ties go to the higher id: the newer year.
//
// Only the newest RankWindow hits are ranked. A word on every page of a CCHC portal
// ("cải cách hành chính") hits tens of thousands of items, and scoring them all costs
// more than a search may take; the newest few thousand hold what a visitor pages
// through (MaxOffset), and narrowing by year or kind moves the window.
const (
	RankWindow = 2000
	sqliteRank = `-bm25(search_fts, 10.0, 4.0, 1.0)`
	pgRank     = `ts_rank_cd('{0.1, 0.2, 0.4, 1.0}', w.tsv, q, 1)`
)

func (ix *Index) page(ctx context.Context, match string, kinds []string, year, limit, offset int) ([]int64, []float64, error) {
	col := "rowid"
	if ix.db.Dialect == store.Postgres {
		col = "id"
	}
	args := []any{match}
	var where strings.Builder
	if year != 0 {
		// A year is one range of ids.
		args = append(args, int64(year)*yearUnit, int64(year+1)*yearUnit)
		where.WriteString(` AND ` + col + ` >= $2 AND ` + col + ` < $3`)
	}
	if len(kinds) > 0 {
		var codes []string
		for _, k := range kinds {
			if c, ok := kindCodes[k]; ok {
				codes = append(codes, strconv.FormatInt(c, 10))
			}
		}
		if len(codes) == 0 {
			return nil, nil, nil
		}
		where.WriteString(` AND (` + col + ` / ` + kindUnitSQL + `) % 100 IN (` + strings.Join(codes, ", ") + `)`)
	}
	window := ` ORDER BY ` + col + ` DESC LIMIT ` + strconv.Itoa(RankWindow)
	tail := ` ORDER BY score DESC, id DESC LIMIT ` + strconv.Itoa(limit) + ` OFFSET ` + strconv.Itoa(offset)
	var query string
	if ix.db.Dialect == store.Postgres {
		query = `SELECT w.id, ` + pgRank + ` AS score
			FROM (SELECT id, tsv FROM search_terms WHERE tsv @@ CAST($1 AS tsquery)` + where.String() + window + `) w,
			CAST($1 AS tsquery) q` + tail
	} else {
		query = `SELECT rowid AS id, score FROM (SELECT rowid, ` + sqliteRank + ` AS score FROM search_fts
			WHERE search_fts MATCH $1` + where.String() + window + `)` + tail
	}
	rows, err := ix.db.Read().QueryContext(ctx, query, args...)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	var ids []int64
	var scores []float64
	for rows.Next() {
		var id int64
		var s float64
		if err := rows.Scan(&id, &s); err != nil {
			return nil, nil, err
		}
		ids, scores = append(ids, id), append(scores, s)
	}
	return ids, scores, rows.Err()
}

func (ix *Index) load(ctx context.Context, ids []int64) (map[int64]Doc, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	var in strings.Builder
	args := make([]any, len(ids))
	for i, id := range ids {
		if i > 0 {
			in.WriteString(", ")
		}
		in.WriteString("$" + strconv.Itoa(i+1))
		args[i] = id
	}
	rows, err := ix.db.Read().QueryContext(ctx, `SELECT id, kind, ref, title, summary, body, url, year, date, lang
		FROM search_docs WHERE id IN (`+in.String()+`)`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := make(map[int64]Doc, len(ids))
	for rows.Next() {
		var id int64
		var d Doc
		var date sql.NullTime
		if err := rows.Scan(&id, &d.Kind, &d.Ref, &d.Title, &d.Summary, &d.Body, &d.URL, &d.Year, &date, &d.Lang); err != nil {
			return nil, err
		}
		if date.Valid {
			d.Date = date.Time.UTC()
		}
		out[id] = d
	}
	return out, rows.Err()
}

// Get returns the indexed doc (kind, ref), for tests and checks; ok is false when
// the index does not hold it.
func (ix *Index) Get(ctx context.Context, kind, ref string) (d Doc, ok bool, err error) {
	var date sql.NullTime
	err = ix.db.Read().QueryRowContext(ctx, `SELECT kind, ref, title, summary, body, url, year, date, lang
		FROM search_docs WHERE kind = $1 AND ref = $2`, kind, ref).
		Scan(&d.Kind, &d.Ref, &d.Title, &d.Summary, &d.Body, &d.URL, &d.Year, &date, &d.Lang)
	if err == sql.ErrNoRows {
		return d, false, nil
	}
	if date.Valid {
		d.Date = date.Time.UTC()
	}
	return d, err == nil, err
}
