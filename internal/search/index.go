package search

import (
	"context"
	"database/sql"
	"html/template"
	"math/bits"
	"slices"
	"strconv"
	"strings"

	"loa/internal/store"
)

// Index searches the public index.
type Index struct{ db *store.DB }

// New returns the Index over db.
func New(db *store.DB) *Index { return &Index{db: db} }

// Query is what a visitor asks for. Every word of Text is required; "quoted words"
// must stand together in one field — exactly so for two words; a longer phrase
// matches where each pair of its neighbouring words stands together, which in
// practice is where the phrase is (the index keeps word pairs, not positions); with
// Prefix the last word may be the start of a longer one (type-ahead). Kinds and Year narrow the hits (zero: no filter); the facet counts
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
//
// Every hit is ranked, however many there are, by a fixed rule that is the same on
// both engines: first the docs whose title holds every term, then those whose title
// and summary hold them, then the rest; newest year first within each, and within a
// year the doc indexed last first. The sets come from the bitmaps (bits.go), so the
// whole ranking is a few ANDs and a walk down one bitmap to the page asked for.
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

	r, err := ix.read(ctx, terms)
	if err != nil {
		return Results{}, err
	}
	// The docs holding every term, and the ranking's two sets: every term in the
	// title; every term in the title or the summary.
	var match, inTitle, inHead set
	for i, t := range terms {
		has, title := r.sets[r.any[i]], r.titleSet(t)
		head := slices.Clone(title)
		head.or(r.summarySet(t))
		if i == 0 {
			match, inTitle, inHead = has, title, head
			continue
		}
		match, inTitle, inHead = and(match, has), and(inTitle, title), and(inHead, head)
	}

	res, allowed := facets(match, r.facets, kinds, q.Year)
	if res.Total == 0 || offset >= res.Total || offset > MaxOffset {
		return res, nil
	}
	hits := rank(match, inTitle, inHead, allowed, offset, limit)
	ids := make([]int64, len(hits))
	for i, h := range hits {
		ids[i] = h.id
	}
	docs, err := ix.load(ctx, ids)
	if err != nil {
		return res, err
	}
	for _, rh := range hits {
		d, ok := docs[rh.id]
		if !ok {
			continue // removed between the two reads
		}
		h := Hit{Doc: d, Score: rh.score, TitleHTML: highlightTerms(d.Title, terms), Snippet: snippet(d.Summary, d.Body, terms)}
		h.Body = ""
		res.Hits = append(res.Hits, h)
	}
	return res, nil
}

// facet is the set of docs of one year and kind.
type facet struct {
	year int
	code int64
	docs set
}

// facets counts the hits per kind and year, each under the other filter, and the
// total under both; allowed are the facets that pass both filters.
func facets(match set, all []facet, kinds []string, year int) (Results, []facet) {
	var res Results
	var allowed []facet
	byKind := map[string]int{}
	byYear := map[int]int{}
	for _, f := range all {
		n := andCount(match, f.docs)
		k := kindOfCode(f.code)
		inKinds := len(kinds) == 0 || slices.Contains(kinds, k)
		inYear := year == 0 || f.year == year
		if inKinds && inYear {
			allowed = append(allowed, f)
		}
		if n == 0 {
			continue
		}
		if inYear {
			byKind[k] += n
		}
		if inKinds && f.year != 0 {
			byYear[f.year] += n
		}
		if inKinds && inYear {
			res.Total += n
		}
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
	return res, allowed
}

type rankedHit struct {
	id    int64
	score float64
}

// rank walks the hits in ranking order — tier, then year, then sequence, all from
// highest — and returns those from offset to offset+limit. A whole tier or year
// before offset is skipped by its count, without a walk.
func rank(match, inTitle, inHead set, allowed []facet, offset, limit int) []rankedHit {
	var years []int
	byYear := map[int]set{}
	for _, f := range allowed {
		if byYear[f.year] == nil {
			years = append(years, f.year)
		}
		s := byYear[f.year]
		s.or(f.docs)
		byYear[f.year] = s
	}
	slices.SortFunc(years, func(a, b int) int { return b - a })
	tiers := []set{and(match, inTitle), andNot(and(match, inHead), inTitle), andNot(match, inHead)}
	var out []rankedHit
	skip := offset
	for ti, tier := range tiers {
		for _, y := range years {
			s := and(tier, byYear[y])
			n := s.count()
			if n <= skip {
				skip -= n
				continue
			}
			for w := len(s) - 1; w >= 0; w-- {
				for word := s[w]; word != 0; {
					b := 63 - bits.LeadingZeros64(word)
					word &^= 1 << uint(b)
					if skip > 0 {
						skip--
						continue
					}
					seq := int64(w*64 + b)
					for _, f := range allowed {
						if f.year == y && f.docs.has(seq) {
							out = append(out, rankedHit{id: int64(y)*yearUnit + f.code*kindUnit + seq, score: float64(len(tiers) - ti)})
							break
						}
					}
					if len(out) == limit {
						return out
					}
				}
			}
		}
	}
	return out
}

// spec names a set to read: the docs holding key in field, or with prefix any key
// of the field that begins with it.
type spec struct {
	field  int
	key    string
	prefix bool
}

// reading is what a search read from the index.
type reading struct {
	sets   map[spec]set
	any    []spec // per term, its set of docs when it is one key; see anySet
	facets []facet
}

// anySpecs are the keys whose intersection is the docs holding term t: its word, or
// the pairs of its phrase (two words next to each other in one field). A phrase of
// three or more words is found as its consecutive pairs, each standing in the doc.
func anySpecs(t term) []spec {
	if !t.phrase() {
		return []spec{{fieldWord, t.words[0], t.prefix}}
	}
	out := make([]spec, 0, len(t.words)-1)
	for i := 1; i < len(t.words); i++ {
		out = append(out, spec{fieldPair, t.words[i-1] + " " + t.words[i], t.prefix && i == len(t.words)-1})
	}
	return out
}

// wordSpecs are the keys of t's words in field (title or summary), for the ranking.
func wordSpecs(t term, field int) []spec {
	out := make([]spec, len(t.words))
	for i, w := range t.words {
		out[i] = spec{field, w, t.prefix && i == len(t.words)-1}
	}
	return out
}

func (r *reading) all(specs []spec) set {
	s := r.sets[specs[0]]
	for _, sp := range specs[1:] {
		s = and(s, r.sets[sp])
	}
	return s
}

func (r *reading) titleSet(t term) set   { return r.all(wordSpecs(t, fieldTitle)) }
func (r *reading) summarySet(t term) set { return r.all(wordSpecs(t, fieldSummary)) }

// read fetches every set the terms need and the facets: one query for the keys
// asked exactly, one per prefix, one for the facets.
func (ix *Index) read(ctx context.Context, terms []term) (*reading, error) {
	r := &reading{sets: map[spec]set{}}
	var want []spec
	for _, t := range terms {
		want = append(want, anySpecs(t)...)
		want = append(want, wordSpecs(t, fieldTitle)...)
		want = append(want, wordSpecs(t, fieldSummary)...)
	}
	var exact []spec
	for _, sp := range want {
		if _, dup := r.sets[sp]; dup {
			continue
		}
		r.sets[sp] = nil
		if sp.prefix {
			// "ch" → every key from "ch" up to "ch" followed by the highest code point.
			err := ix.scan(ctx, `SELECT key, part, bits FROM search_bits WHERE field = $1 AND key >= $2 AND key < $3`,
				[]any{sp.field, sp.key, sp.key + "\U0010FFFF"}, func(_ string, part int64, b []byte) {
					s := r.sets[sp]
					s.orContainer(part, b)
					r.sets[sp] = s
				})
			if err != nil {
				return nil, err
			}
			continue
		}
		exact = append(exact, sp)
	}
	byField := map[int][]spec{}
	for _, sp := range exact {
		byField[sp.field] = append(byField[sp.field], sp)
	}
	for field, specs := range byField {
		args := []any{field}
		var in strings.Builder
		for i, sp := range specs {
			if i > 0 {
				in.WriteString(", ")
			}
			in.WriteString("$" + strconv.Itoa(i+2))
			args = append(args, sp.key)
		}
		err := ix.scan(ctx, `SELECT key, part, bits FROM search_bits WHERE field = $1 AND key IN (`+in.String()+`)`, args,
			func(key string, part int64, b []byte) {
				sp := spec{field: field, key: key}
				s := r.sets[sp]
				s.orContainer(part, b)
				r.sets[sp] = s
			})
		if err != nil {
			return nil, err
		}
	}
	at := map[string]int{}
	err := ix.scan(ctx, `SELECT key, part, bits FROM search_bits WHERE field = $1`, []any{fieldFacet}, func(key string, part int64, b []byte) {
		i, seen := at[key]
		if !seen {
			y, c, ok := parseFacet(key)
			if !ok {
				return
			}
			i = len(r.facets)
			at[key] = i
			r.facets = append(r.facets, facet{year: y, code: c})
		}
		r.facets[i].docs.orContainer(part, b)
	})
	if err != nil {
		return nil, err
	}
	for _, t := range terms {
		specs := anySpecs(t)
		if len(specs) == 1 {
			r.any = append(r.any, specs[0])
			continue
		}
		// A phrase: its own entry, the intersection of its pairs.
		sp := spec{field: -1, key: strings.Join(t.words, " "), prefix: t.prefix}
		r.sets[sp] = r.all(specs)
		r.any = append(r.any, sp)
	}
	return r, nil
}

func (ix *Index) scan(ctx context.Context, query string, args []any, each func(key string, part int64, b []byte)) error {
	rows, err := ix.db.Read().QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var key string
		var part int64
		var b []byte
		if err := rows.Scan(&key, &part, &b); err != nil {
			return err
		}
		each(key, part, b)
	}
	return rows.Err()
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
