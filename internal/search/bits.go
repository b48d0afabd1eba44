package search

import (
	"context"
	"encoding/binary"
	"math/bits"
	"slices"
	"strconv"
	"strings"

	"loa/internal/store"
)

// Why the index is bitmaps read by Go.
//
// A portal about administrative reform writes the same words on every page: "cải cách
// hành chính" hits most of 100,000 items. An FTS engine answers such a query by
// stepping through every matching doc of every word (FTS5 in pure Go took 6–20 ms
// per query just to count the hits of four common words; PostgreSQL read a heap row
// per hit), and bm25 or ts_rank scored each. Here each doc has a dense sequence
// number, and the index keeps, per key, the set of docs that hold it, cut into parts
// of 16,384 numbers: a part is a sorted array of 16-bit offsets while it holds fewer
// than 1,024 docs, else a 2,048-byte bitmap. A search reads the rows of its few keys
// (a common word over 100,000 docs is seven rows of 2 KB), and intersects them in Go
// a machine word at a time: AND, count and order 100,000 docs in tens of
// microseconds. The facets are keys too (one per year and kind), so counting hits per
// kind and year is an AND and a popcount per facet. Both engines only store and
// return the bytes, so they find, count and order hits identically.
//
// Keys, by field:
//   - fieldWord: a folded word, wherever it is;
//   - fieldPair: two words that stand next to each other in one field ("hanh chinh"):
//     a quoted phrase is the pairs of its words, so phrases need no positions;
//   - fieldTitle, fieldSummary: a word of the title, of the summary, for the ranking;
//   - fieldFacet: "year kind-code" ("2024 1").
const (
	fieldWord    = 0
	fieldPair    = 1
	fieldTitle   = 2
	fieldSummary = 3
	fieldFacet   = 4
)

const (
	partShift   = 14
	partSize    = 1 << partShift // sequence numbers per part
	partWords   = partSize / 64  // uint64 words of a part's bitmap
	bitmapBytes = partSize / 8   // 2,048: a container this long is a bitmap
	maxArray    = bitmapBytes/2 - 1
)

// set is a dense set of sequence numbers.
type set []uint64

func (s set) has(n int64) bool {
	w := int(n >> 6)
	return w < len(s) && s[w]&(1<<(uint(n)&63)) != 0
}

func (s *set) add(n int64) {
	w := int(n >> 6)
	if w >= len(*s) {
		*s = append(*s, make(set, w+1-len(*s))...)
	}
	(*s)[w] |= 1 << (uint(n) & 63)
}

// or adds every member of o to s.
func (s *set) or(o set) {
	if len(o) > len(*s) {
		*s = append(*s, make(set, len(o)-len(*s))...)
	}
	for i, w := range o {
		(*s)[i] |= w
	}
}

// and is the intersection of s and o, a new set.
func and(s, o set) set {
	out := make(set, min(len(s), len(o)))
	for i := range out {
		out[i] = s[i] & o[i]
	}
	return out
}

// andNot is s without the members of o, a new set.
func andNot(s, o set) set {
	out := slices.Clone(s)
	for i := range min(len(s), len(o)) {
		out[i] &^= o[i]
	}
	return out
}

func (s set) count() int {
	n := 0
	for _, w := range s {
		n += bits.OnesCount64(w)
	}
	return n
}

func andCount(s, o set) int {
	n := 0
	for i := range min(len(s), len(o)) {
		n += bits.OnesCount64(s[i] & o[i])
	}
	return n
}

// orContainer adds the members of part's container c to s.
func (s *set) orContainer(part int64, c []byte) {
	first := int(part * partWords)
	if need := first + partWords; need > len(*s) {
		*s = append(*s, make(set, need-len(*s))...)
	}
	words := (*s)[first : first+partWords]
	if len(c) == bitmapBytes {
		for i := range words {
			words[i] |= binary.LittleEndian.Uint64(c[i*8:])
		}
		return
	}
	for i := 0; i+1 < len(c); i += 2 {
		v := binary.LittleEndian.Uint16(c[i:])
		words[v>>6] |= 1 << (v & 63)
	}
}

// container writes the members of a part (given as its bitmap) the short way.
func container(words *[partWords]uint64) []byte {
	n := 0
	for _, w := range words {
		n += bits.OnesCount64(w)
	}
	switch {
	case n == 0:
		return nil
	case n > maxArray:
		out := make([]byte, bitmapBytes)
		for i, w := range words {
			binary.LittleEndian.PutUint64(out[i*8:], w)
		}
		return out
	}
	out := make([]byte, 0, 2*n)
	for i, w := range words {
		for w != 0 {
			b := bits.TrailingZeros64(w)
			out = binary.LittleEndian.AppendUint16(out, uint16(i*64+b))
			w &= w - 1
		}
	}
	return out
}

// fieldKey is one key of the index.
type fieldKey struct {
	field int
	key   string
}

// eachKey calls fn with every key of a doc — a key may come more than once. key is
// only valid during the call (it is built in one buffer, so a bulk load allocates a
// string per distinct key, not per word).
func eachKey(kind string, year int, title, summary, body []token, fn func(field int, key []byte)) {
	var buf []byte
	addField := func(toks []token, own int) {
		for i, t := range toks {
			buf = append(buf[:0], t.key...)
			fn(fieldWord, buf)
			if own >= 0 {
				fn(own, buf)
			}
			if i > 0 {
				buf = append(append(append(buf[:0], toks[i-1].key...), ' '), t.key...)
				fn(fieldPair, buf)
			}
		}
	}
	addField(title, fieldTitle)
	addField(summary, fieldSummary)
	addField(body, -1)
	fn(fieldFacet, []byte(facetKey(year, kindCodes[kind])))
}

// docKeys are the keys of a doc, each once.
func docKeys(kind string, year int, title, summary, body []token) map[fieldKey]struct{} {
	out := make(map[fieldKey]struct{}, 2*(len(title)+len(summary))+len(body))
	eachKey(kind, year, title, summary, body, func(field int, key []byte) { out[fieldKey{field, string(key)}] = struct{}{} })
	return out
}

func facetKey(year int, code int64) string {
	return strconv.Itoa(year) + " " + strconv.FormatInt(code, 10)
}

func parseFacet(key string) (year int, code int64, ok bool) {
	y, c, found := strings.Cut(key, " ")
	if !found {
		return 0, 0, false
	}
	year, err1 := strconv.Atoi(y)
	code, err2 := strconv.ParseInt(c, 10, 64)
	return year, code, err1 == nil && err2 == nil
}

// changes gathers what a batch of puts and removes does to the bitmaps, so that each
// container the batch touches is read and written once, however many docs share it.
//
// New docs, the bulk of a load, go through numbered words: a word is hashed once per
// occurrence to its number, and its sets, its title and summary sets and its pairs
// (two numbers in one uint64) are then found without hashing a string again.
type changes struct {
	byField [fieldFacet + 1]map[string]*keyChange

	num     map[string]int32 // word → number
	words   []string         // number → word
	perWord [3][]*keyChange  // anywhere, in the title, in the summary; by number
	pairs   map[uint64]*keyChange
}

type keyChange struct {
	add, del []int64 // sequence numbers
}

func newChanges() *changes {
	c := &changes{num: map[string]int32{}, pairs: map[uint64]*keyChange{}}
	for i := range c.byField {
		c.byField[i] = map[string]*keyChange{}
	}
	return c
}

func (c *changes) change(field int, key []byte) *keyChange {
	m := c.byField[field]
	kc := m[string(key)] // no allocation for the lookup
	if kc == nil {
		kc = &keyChange{}
		m[string(key)] = kc
	}
	return kc
}

// addOnce adds seq to the additions of *kc unless it was the last added: a doc's
// keys are recorded together, so this is enough to record each once.
func addOnce(kc **keyChange, seq int64) {
	if *kc == nil {
		*kc = &keyChange{}
	}
	if n := len((*kc).add); n == 0 || (*kc).add[n-1] != seq {
		(*kc).add = append((*kc).add, seq)
	}
}

// fresh records the keys of a new doc seq.
func (c *changes) fresh(seq int64, kind string, year int, title, summary, body []token) {
	field := func(toks []token, own int) {
		prev := int32(-1)
		for _, t := range toks {
			n, ok := c.num[t.key]
			if !ok {
				n = int32(len(c.words))
				c.num[t.key] = n
				c.words = append(c.words, t.key)
				for i := range c.perWord {
					c.perWord[i] = append(c.perWord[i], nil)
				}
			}
			addOnce(&c.perWord[0][n], seq)
			if own > 0 {
				addOnce(&c.perWord[own][n], seq)
			}
			if prev >= 0 {
				kc := c.pairs[uint64(prev)<<32|uint64(n)]
				addOnce(&kc, seq)
				c.pairs[uint64(prev)<<32|uint64(n)] = kc
			}
			prev = n
		}
	}
	field(title, 1)
	field(summary, 2)
	field(body, 0)
	kc := c.change(fieldFacet, []byte(facetKey(year, kindCodes[kind])))
	addOnce(&kc, seq)
}

// settle moves what fresh recorded by number into byField, by key.
func (c *changes) settle() {
	merge := func(field int, key string, kc *keyChange) {
		if kc == nil {
			return
		}
		if have := c.byField[field][key]; have != nil {
			have.add = append(have.add, kc.add...)
			have.del = append(have.del, kc.del...)
			return
		}
		c.byField[field][key] = kc
	}
	for i, field := range []int{fieldWord, fieldTitle, fieldSummary} {
		for n, kc := range c.perWord[i] {
			merge(field, c.words[n], kc)
		}
		c.perWord[i] = nil
	}
	for k, kc := range c.pairs {
		merge(fieldPair, c.words[k>>32]+" "+c.words[k&(1<<32-1)], kc)
	}
	c.pairs = map[uint64]*keyChange{}
}

// put records that doc seq now holds keys and used to hold old (nil for a doc
// leaving): only the difference reaches the index, so re-putting an unchanged doc
// writes no bitmap.
func (c *changes) put(seq int64, keys, old map[fieldKey]struct{}) {
	for k := range keys {
		if _, had := old[k]; !had {
			kc := c.change(k.field, []byte(k.key))
			kc.add = append(kc.add, seq)
		}
	}
	for k := range old {
		if _, has := keys[k]; !has {
			kc := c.change(k.field, []byte(k.key))
			kc.del = append(kc.del, seq)
		}
	}
}

// write applies the changes: for each key, read its touched containers, change them
// and write them back (or delete the ones left empty), with multi-row statements. Keys
// go a few hundred at a time, in order, so memory stays small and the B-tree is
// written in key order. The caller holds the index's write lock (lockIndex).
func (c *changes) write(ctx context.Context, q store.Querier, dialect store.Dialect) error {
	c.settle()
	var keys []fieldKey
	for field, m := range c.byField {
		for k := range m {
			keys = append(keys, fieldKey{field, k})
		}
	}
	slices.SortFunc(keys, func(a, b fieldKey) int {
		if a.field != b.field {
			return a.field - b.field
		}
		return strings.Compare(a.key, b.key)
	})
	const perRound = 400
	for from := 0; from < len(keys); {
		to := from + 1
		for to < len(keys) && to-from < perRound && keys[to].field == keys[from].field {
			to++
		}
		if err := c.writeKeys(ctx, q, dialect, keys[from:to]); err != nil {
			return err
		}
		from = to
	}
	return nil
}

// writeKeys writes the changes of keys, all of one field.
func (c *changes) writeKeys(ctx context.Context, q store.Querier, dialect store.Dialect, keys []fieldKey) error {
	type partKey struct {
		key  string
		part int64
	}
	field := keys[0].field
	touched := map[partKey]*[partWords]uint64{}
	var order []partKey
	for _, k := range keys {
		kc := c.byField[k.field][k.key]
		for _, seq := range slices.Concat(kc.add, kc.del) {
			pk := partKey{k.key, seq >> partShift}
			if touched[pk] == nil {
				touched[pk] = new([partWords]uint64)
				order = append(order, pk)
			}
		}
	}
	// What the touched containers hold now; only the parts the batch touches are read
	// (a load touches the last one or two).
	lo, hi := order[0].part, order[0].part
	for _, pk := range order {
		lo, hi = min(lo, pk.part), max(hi, pk.part)
	}
	args := make([]any, 0, len(keys)+3)
	args = append(args, field, lo, hi)
	var in strings.Builder
	for i, k := range keys {
		if i > 0 {
			in.WriteString(", ")
		}
		in.WriteString("$" + strconv.Itoa(i+4))
		args = append(args, k.key)
	}
	rows, err := q.QueryContext(ctx, `SELECT key, part, bits FROM search_bits WHERE field = $1 AND part BETWEEN $2 AND $3 AND key IN (`+
		in.String()+`)`, args...)
	if err != nil {
		return err
	}
	for rows.Next() {
		var key string
		var part int64
		var b []byte
		if err := rows.Scan(&key, &part, &b); err != nil {
			rows.Close()
			return err
		}
		if words := touched[partKey{key, part}]; words != nil {
			var s set
			s.orContainer(0, b)
			copy(words[:], s)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, k := range keys {
		kc := c.byField[k.field][k.key]
		for _, seq := range kc.add {
			touched[partKey{k.key, seq >> partShift}][(seq&(partSize-1))>>6] |= 1 << (uint(seq) & 63)
		}
		for _, seq := range kc.del {
			touched[partKey{k.key, seq >> partShift}][(seq&(partSize-1))>>6] &^= 1 << (uint(seq) & 63)
		}
	}
	slices.SortFunc(order, func(a, b partKey) int {
		if c := strings.Compare(a.key, b.key); c != 0 {
			return c
		}
		return int(a.part - b.part)
	})
	perInsert := rowsPerInsert(dialect, 4)
	var ins strings.Builder
	args = args[:0]
	flush := func() error {
		if len(args) == 0 {
			return nil
		}
		ins.Reset()
		ins.WriteString(`INSERT INTO search_bits (field, key, part, bits) VALUES `)
		for i := range len(args) / 4 {
			if i > 0 {
				ins.WriteString(", ")
			}
			p := 4*i + 1
			ins.WriteString("($" + strconv.Itoa(p) + ", $" + strconv.Itoa(p+1) + ", $" + strconv.Itoa(p+2) + ", $" + strconv.Itoa(p+3) + ")")
		}
		ins.WriteString(` ON CONFLICT (field, key, part) DO UPDATE SET bits = excluded.bits`)
		_, err := q.ExecContext(ctx, ins.String(), args...)
		args = args[:0]
		return err
	}
	for _, pk := range order {
		b := container(touched[pk])
		if b == nil {
			if _, err := q.ExecContext(ctx, `DELETE FROM search_bits WHERE field = $1 AND key = $2 AND part = $3`, field, pk.key, pk.part); err != nil {
				return err
			}
			continue
		}
		args = append(args, field, pk.key, pk.part, b)
		if len(args) == 4*perInsert {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	return flush()
}

// rowsPerInsert is how many rows of cols columns one INSERT carries. The SQLite
// driver looks each parameter up by name as it binds it, so binding costs the square
// of the parameters: about a hundred per statement is fastest there. PostgreSQL pays
// a round trip per statement instead: a few hundred rows each.
func rowsPerInsert(dialect store.Dialect, cols int) int {
	if dialect == store.Postgres {
		return min(500, 65535/cols)
	}
	return max(1, 100/cols)
}
