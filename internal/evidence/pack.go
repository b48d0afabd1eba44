// Package evidence packs the evidence of a plan for a period into one ZIP, ready for
// the PAR Index self-assessment: every file of the results the office accepted,
// in a folder per activity, and an index (XLSX and PDF) listing each file and article
// link with its activity, day, unit and SHA-256, so an assessor can check that nothing
// was altered since it was recorded.
//
// The pack is streamed: files are copied from storage into the response one at a
// time through one buffer, hashed on the way. What is held in memory is the index:
// its rows, and its XLSX and PDF while they are written at the end.
package evidence

import (
	"archive/zip"
	"compress/flate"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"slices"
	"strings"
	"time"

	"loa/internal/files"
	"loa/internal/period"
	"loa/internal/plan"
	"loa/internal/progress"
	"loa/internal/store"
	"loa/internal/vn"
)

// Summary counts what a pack holds.
type Summary struct {
	Results  int   // accepted results of the period
	Files    int   // evidence files listed (problems included)
	Links    int   // article links listed
	Bytes    int64 // bytes of the evidence files
	Problems int   // files missing from storage or whose bytes changed since they were kept
}

// Names of the pack's own files, at its root.
const (
	IndexXLSX = "Danh-muc-tai-lieu-kiem-chung.xlsx"
	IndexPDF  = "Danh-muc-tai-lieu-kiem-chung.pdf"
	Readme    = "README.txt"
)

// Problem starts the index note of a file that is not what was recorded.
const Problem = "LỖI: tệp không khớp / thiếu"

// item is one line of the index: an evidence file or an article link.
type item struct {
	no       int // TT, from 1
	seq      int // the activity's number in the plan
	activity string
	day      vn.Date
	unit     string // the unit's name
	abbr     string

	link string // the URL, for a link

	hash, name, contentType string // for a file: as recorded
	size                    int64
	path                    string // inside the pack; empty when the file is missing
	note                    string // what went wrong, for a problem
}

func (it *item) isFile() bool { return it.link == "" }

// content is what a pack is made from, read from the database before any file is
// copied, so that no query stays open while storage is read.
type content struct {
	plan    *plan.Plan
	agency  string // the plan's agency, by name
	period  period.Period
	units   []string // the units the pack is limited to; nil for all
	items   []*item
	results int
}

// Pack writes to w the evidence pack of plan planID for period p: every file and link
// of the results accepted with a day in p, from every unit.
func Pack(ctx context.Context, w io.Writer, db *store.DB, fs *files.Store, planID string, p period.Period) (Summary, error) {
	return PackUnits(ctx, w, db, fs, planID, p, nil)
}

// PackUnits is Pack limited to the results of units (nil: every unit), for someone
// who may see only some units' results.
func PackUnits(ctx context.Context, w io.Writer, db *store.DB, fs *files.Store, planID string, p period.Period, units []string) (Summary, error) {
	c, err := load(ctx, db, planID, p, units)
	if err != nil {
		return Summary{}, err
	}
	return c.write(ctx, w, fs, store.Now())
}

// Preview is what a pack would hold, counted from the database alone: its files are
// checked only when it is made.
type Preview struct {
	Summary
	Pending int // results of the period still waiting for review, left out
}

// Count previews the pack of planID for p, limited to units as PackUnits is.
func Count(ctx context.Context, db *store.DB, planID string, p period.Period, units []string) (Preview, error) {
	c, err := load(ctx, db, planID, p, units)
	if err != nil {
		return Preview{}, err
	}
	out := Preview{Summary: Summary{Results: c.results}}
	for _, it := range c.items {
		if it.isFile() {
			out.Files++
			out.Bytes += it.size
		} else {
			out.Links++
		}
	}
	where, args := filter(planID, progress.StatusSubmitted, p, units)
	err = db.Read().QueryRowContext(ctx, `SELECT COUNT(*) FROM results r WHERE `+where, args...).Scan(&out.Pending)
	return out, err
}

// filter is the WHERE clause of the results of planID in status with a day in p,
// recorded by one of units unless units is nil.
func filter(planID string, status progress.Status, p period.Period, units []string) (string, []any) {
	args := []any{planID, string(status), p.From, p.To}
	where := `r.plan_id = $1 AND r.status = $2 AND r.done_on >= $3 AND r.done_on <= $4`
	if units == nil {
		return where, args
	}
	if len(units) == 0 {
		return where + ` AND 1 = 0`, args
	}
	ph := make([]string, len(units))
	for i, u := range units {
		args = append(args, u)
		ph[i] = fmt.Sprintf("$%d", len(args))
	}
	return where + ` AND r.agency_id IN (` + strings.Join(ph, ", ") + `)`, args
}

// load reads the plan and the index lines of its accepted results in p, ordered by
// activity, day and unit; files before links within a result, in the order the unit
// attached them.
func load(ctx context.Context, db *store.DB, planID string, p period.Period, units []string) (*content, error) {
	pl, err := plan.NewStore(db).Get(ctx, planID)
	if err != nil {
		return nil, err
	}
	c := &content{plan: pl, period: p, units: units}
	q := db.Read()
	if err := q.QueryRowContext(ctx, `SELECT name FROM agencies WHERE id = $1`, pl.AgencyID).Scan(&c.agency); err != nil {
		return nil, store.NotFound(err)
	}
	acts := map[string]plan.Activity{}
	for _, a := range pl.Activities {
		acts[a.ID] = a
	}
	where, args := filter(planID, progress.StatusAccepted, p, units)
	rows, err := q.QueryContext(ctx, `SELECT r.id, r.activity_id, r.done_on, r.links, a.name, a.abbr FROM results r
		JOIN agencies a ON a.id = r.agency_id WHERE `+where, args...)
	if err != nil {
		return nil, err
	}
	type result struct {
		id, unit, abbr string
		act            plan.Activity
		day            vn.Date
		links          []string
	}
	var results []*result
	for rows.Next() {
		var r result
		var actID, links string
		if err := rows.Scan(&r.id, &actID, &r.day, &links, &r.unit, &r.abbr); err != nil {
			rows.Close()
			return nil, err
		}
		if err := json.Unmarshal([]byte(links), &r.links); err != nil {
			rows.Close()
			return nil, fmt.Errorf("evidence: links of result %s: %w", r.id, err)
		}
		r.act = acts[actID]
		results = append(results, &r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	slices.SortFunc(results, func(a, b *result) int {
		if a.act.Seq != b.act.Seq {
			return a.act.Seq - b.act.Seq
		}
		if d := a.day.Compare(b.day); d != 0 {
			return d
		}
		if d := vn.Compare(a.unit, b.unit); d != 0 {
			return d
		}
		return strings.Compare(a.id, b.id)
	})
	attached := map[string][]*item{}
	rows, err = q.QueryContext(ctx, `SELECT rf.result_id, rf.file_hash, rf.name, f.size, f.content_type FROM result_files rf
		JOIN files f ON f.hash = rf.file_hash JOIN results r ON r.id = rf.result_id WHERE `+where+` ORDER BY rf.result_id, rf.seq`, args...)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		it := &item{}
		var resultID string
		if err := rows.Scan(&resultID, &it.hash, &it.name, &it.size, &it.contentType); err != nil {
			rows.Close()
			return nil, err
		}
		attached[resultID] = append(attached[resultID], it)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	c.results = len(results)
	for _, r := range results {
		lines := attached[r.id]
		for _, l := range r.links {
			lines = append(lines, &item{link: l})
		}
		for _, it := range lines {
			it.no = len(c.items) + 1
			it.seq, it.activity, it.day, it.unit, it.abbr = r.act.Seq, r.act.Text, r.day, r.unit, r.abbr
			c.items = append(c.items, it)
		}
	}
	return c, nil
}

// copyBuffer is the size of the buffer each file is copied through.
const copyBuffer = 64 << 10

// write streams the pack: the files first, each verified as it is copied, then the
// index and the README, which need to know how the copying went.
func (c *content) write(ctx context.Context, w io.Writer, fs *files.Store, made time.Time) (Summary, error) {
	p := &packer{zw: zip.NewWriter(w), files: fs, taken: names{}, h: sha256.New(), buf: make([]byte, copyBuffer)}
	// One deflate compressor for the whole pack, reset for each entry: a compressor
	// takes about a megabyte, and the zip package's own pool of them is emptied by
	// every garbage collection, which a pack of many text files triggers often.
	var fl *flate.Writer
	p.zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		if fl != nil {
			fl.Reset(out)
			return fl, nil
		}
		var err error
		fl, err = flate.NewWriter(out, flate.DefaultCompression)
		return fl, err
	})
	sum := Summary{Results: c.results}
	folders := map[int]string{} // by activity number: each is folded once
	for _, it := range c.items {
		if !it.isFile() {
			sum.Links++
			continue
		}
		sum.Files++
		sum.Bytes += it.size
		folder, ok := folders[it.seq]
		if !ok {
			folder = folderName(it.seq, it.activity)
			folders[it.seq] = folder
		}
		if err := p.copyFile(ctx, it, folder); err != nil {
			return sum, err
		}
		if it.note != "" {
			sum.Problems++
		}
	}
	local := made.In(vn.Location) // ZIP times are local times; the pack is read in Vietnam
	for _, f := range []struct {
		name  string
		write func(io.Writer) error
	}{
		{IndexXLSX, func(w io.Writer) error { return c.writeXLSX(w, made) }},
		{IndexPDF, func(w io.Writer) error { return c.writePDF(w, sum, made) }},
		{Readme, func(w io.Writer) error { return c.writeReadme(w, sum, made) }},
	} {
		fw, err := p.zw.CreateHeader(&zip.FileHeader{Name: f.name, Method: zip.Deflate, Modified: local})
		if err != nil {
			return sum, err
		}
		if err := f.write(fw); err != nil {
			return sum, fmt.Errorf("evidence: %s: %w", f.name, err)
		}
	}
	return sum, p.zw.Close()
}

// packer copies files into a pack through one buffer and one running hash.
type packer struct {
	zw    *zip.Writer
	files *files.Store
	taken names
	h     hash.Hash
	buf   []byte
}

// copyFile copies one blob into the pack, in folder, hashing it on the way. A blob
// gone from storage is left out; one whose bytes no longer hash to its name is packed
// as it is, so the assessor sees what changed. Either way the index says so. Any
// other failure — storage unreachable, the client gone — ends the pack: a pack with
// holes that are nobody's fault would mislead.
func (p *packer) copyFile(ctx context.Context, it *item, folder string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	r, err := p.files.Open(ctx, it.hash)
	if errors.Is(err, files.ErrMissing) {
		it.note = Problem + " (không còn trong kho lưu trữ)"
		return nil
	}
	if err != nil {
		return fmt.Errorf("evidence: open %s: %w", it.hash, err)
	}
	defer r.Close()
	name := p.taken.claim(folder, fileName(it.day, it.abbr, it.name, it.hash))
	fw, err := p.zw.CreateHeader(&zip.FileHeader{Name: name, Method: method(it.contentType), Modified: it.day.Time()})
	if err != nil {
		return err
	}
	p.h.Reset()
	n, err := io.CopyBuffer(io.MultiWriter(fw, p.h), ctxReader{ctx, r}, p.buf)
	if err != nil {
		return fmt.Errorf("evidence: copy %s: %w", it.hash, err)
	}
	it.path = name
	if got := hex.EncodeToString(p.h.Sum(nil)); got != it.hash {
		it.note = fmt.Sprintf("%s (nội dung đã thay đổi: %d byte, SHA-256 hiện tại %s)", Problem, n, got)
	}
	return nil
}

// method is how a file is kept in the pack. Photos, PDF and Office files are
// compressed already: deflating them again costs time and gains nothing. Text is
// what deflate shrinks.
func method(contentType string) uint16 {
	if strings.HasPrefix(contentType, "text/") {
		return zip.Deflate
	}
	return zip.Store
}

// ctxReader stops a copy when the request ends. It also hides the file's WriteTo, so
// that io.CopyBuffer copies through the pack's one buffer rather than a new one per file.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}
