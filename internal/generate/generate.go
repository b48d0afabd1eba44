// Package generate fills an empty database with a city-sized dataset for trying and
// measuring Loa: the city's People's Committee, its departments with their offices
// and units, one issued plan in effect per department, the results units recorded
// against it, the review those results got, accounts to sign in with, entries of the
// documents library and articles of the portal, both in the portal's search index.
// Rows look like the ones the app writes — the same statuses, JSON columns, UTC times
// and UUIDv7 ids — and everything is drawn from a seeded generator and fixed dates, so
// a seed and an as-of day always give the same database.
package generate

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"time"

	"golang.org/x/sync/errgroup"

	"loa/internal/audit"
	"loa/internal/portal"
	"loa/internal/search"
	"loa/internal/store"
	"loa/internal/vn"
)

// maxAgencies keeps every unit's electronic identifier within its two characters
// (36² units per department).
const maxAgencies = 10_000

// DefaultPassword is the password of generated accounts when none is given.
const DefaultPassword = "loa-du-lieu-thu"

// ErrNotEmpty is returned, with nothing written, when the database already holds agencies.
var ErrNotEmpty = errors.New("cơ sở dữ liệu đã có cơ quan: chỉ tạo dữ liệu vào cơ sở dữ liệu trống " +
	"(chỉ định tệp SQLite mới hoặc cơ sở dữ liệu PostgreSQL mới bằng --db)")

// Options say how much to generate.
type Options struct {
	Agencies    int // all of them: the city, its departments, their offices and units; at least 3
	Activities  int // spread over one plan per department
	Results     int
	PublicItems int    // what the public reads: 7 in 10 are portal articles, the rest library documents
	Users       bool   // an admin for the city, an office account per department, an account per unit
	Password    string // of every generated account; DefaultPassword when empty
	Seed        uint64
	// AsOf is the day the dataset is generated as of: plans are for its year and
	// results run up to it. Zero means today; giving it makes a run repeatable later.
	AsOf vn.Date
	// Progress, when set, receives a line per tenth of the results and of the library.
	Progress io.Writer
}

// Summary counts what was written.
type Summary struct {
	Seed           uint64 `json:"seed"`
	AsOf           string `json:"as_of"`
	Agencies       int    `json:"agencies"`
	Users          int    `json:"users"`
	Plans          int    `json:"plans"`
	Activities     int    `json:"activities"`
	Results        int    `json:"results"`
	ResultTopics   int    `json:"result_topics"`
	ResultPartners int    `json:"result_partners"`
	ResultEvents   int    `json:"result_events"`
	LibraryDocs    int    `json:"library_docs"`
	Articles       int    `json:"articles"`
	SearchDocs     int    `json:"search_docs"` // public items in the portal's search index
	SearchMS       int64  `json:"search_ms"`   // time spent indexing them
	ElapsedMS      int64  `json:"elapsed_ms"`
}

// generator holds what every part of the dataset shares.
type generator struct {
	opt      Options
	asOf     vn.Date
	asOfEnd  time.Time // the last moment of the as-of day: nothing happens later
	year     int
	setupDay vn.Date // when the agencies and accounts were entered, before the plans
	actor    func(*account) (any, string)
	// searchKinds is the search index's kind of each section of the portal.
	searchKinds map[portal.Kind]string
}

// Run generates the dataset into db, which must be migrated and hold no agency.
func Run(ctx context.Context, db *store.DB, opt Options) (Summary, error) {
	began := time.Now()
	if err := check(&opt); err != nil {
		return Summary{}, err
	}
	var n int
	if err := db.Read().QueryRowContext(ctx, `SELECT COUNT(*) FROM agencies`).Scan(&n); err != nil {
		return Summary{}, err
	}
	if n > 0 {
		return Summary{}, ErrNotEmpty
	}
	g := &generator{opt: opt, asOf: opt.AsOf, year: opt.AsOf.Year}
	g.asOfEnd = at(g.asOf, 23, 59, 59, 0)
	g.setupDay = vn.Date{Year: g.year - 1, Month: time.October, Day: 1}
	// Events name who did them: the account when there is one, else whoever runs
	// the command, as the audit log would.
	cli := audit.ActorFrom(ctx).Name
	g.actor = func(a *account) (any, string) {
		if a == nil {
			return nil, cli
		}
		return a.id, a.username
	}

	hash := ""
	if opt.Users {
		var err error
		// Hashed once, outside any transaction: argon2 is slow by design.
		if hash, err = passwordHash(opt.Password, newRNG(opt.Seed, streamPassword)); err != nil {
			return Summary{}, err
		}
	}
	o := buildOrg(opt.Agencies)
	agencies, history, settings, users, members := g.orgRows(o, hash)
	rp := newRNG(opt.Seed, streamPlans)
	cp := cityPlan{number: rp.between(200, 300), date: vn.Date{Year: g.year - 1, Month: time.December, Day: rp.between(5, 12)}}
	// Drawn whether or not there is a library, so that adding one leaves the plans as they were.
	if id := rp.id(at(cp.date.AddDays(1), 8, 15, 0, 0)); opt.PublicItems > 0 {
		cp.id = id
	}
	ps := g.planRows(rp, o, cp)
	days := g.resultDays(ps.acts, opt.Results)
	if db.Dialect == store.SQLite {
		restore, err := bulkPragmas(ctx, db)
		if err != nil {
			return Summary{}, err
		}
		defer restore()
	}
	err := db.Tx(ctx, func(tx *sql.Tx) error {
		w := newWriter(ctx, db.Dialect, tx)
		defer w.close()
		return w.write(agencies, history, settings, users, members, ps.plans, ps.topics, ps.channels, ps.activities, ps.partners,
			ps.events, ps.registers, ps.numbers, ps.notifications)
	})
	if err != nil {
		return Summary{}, err
	}
	sum := Summary{Seed: opt.Seed, AsOf: g.asOf.String(), Agencies: agencies.len(), Users: users.len(), Plans: ps.plans.len(),
		Activities: ps.activities.len()}
	g.say("%d cơ quan, %d tài khoản, %d kế hoạch với %d hoạt động (hạt giống %d, tính đến %s)", sum.Agencies, sum.Users, sum.Plans,
		sum.Activities, opt.Seed, g.asOf.Short())

	articles := opt.PublicItems * 7 / 10
	docs := opt.PublicItems - articles
	lib := g.libraryChunks(o, cp, ps.taken, docs)
	libProgress := newReporter(opt.Progress, "thư viện văn bản", docs)
	for _, c := range lib {
		if err := writeChunk(ctx, db, c); err != nil {
			return sum, err
		}
		sum.LibraryDocs += c.results
		sum.SearchDocs += len(c.docs)
		sum.SearchMS += c.indexing.Milliseconds()
		libProgress.add(c.results, c.rowCount())
	}
	artProgress := newReporter(opt.Progress, "tin bài cổng thông tin", articles)
	// One goroutine makes the next chunk of articles while the other writes and
	// indexes the previous one; the articles are made in one sequence whatever the
	// timing, so the data stays the same.
	eg, ectx := errgroup.WithContext(ctx)
	pipe := make(chan *chunk, 1)
	eg.Go(func() error {
		defer close(pipe)
		return g.articleChunks(o, articles, func(c *chunk) error {
			select {
			case pipe <- c:
				return nil
			case <-ectx.Done():
				return ectx.Err()
			}
		})
	})
	eg.Go(func() error {
		for c := range pipe {
			if err := writeChunk(ectx, db, c); err != nil {
				return err
			}
			sum.SearchDocs += len(c.docs)
			sum.SearchMS += c.indexing.Milliseconds()
			sum.Articles += c.results
			artProgress.add(c.results, c.rowCount())
		}
		return nil
	})
	if err := eg.Wait(); err != nil {
		return sum, err
	}

	g.say("chỉ mục tìm kiếm: %d mục, %d ms", sum.SearchDocs, sum.SearchMS)

	counts, err := g.writeResults(ctx, db, days)
	if err != nil {
		return sum, err
	}
	sum.Results, sum.ResultTopics, sum.ResultPartners, sum.ResultEvents = counts[0], counts[1], counts[2], counts[3]
	analyzed := time.Now()
	if err := analyze(ctx, db); err != nil {
		return sum, err
	}
	g.say("ANALYZE: %d ms", time.Since(analyzed).Milliseconds())
	sum.ElapsedMS = time.Since(began).Milliseconds()
	return sum, nil
}

// say prints a line of progress.
func (g *generator) say(format string, args ...any) {
	if g.opt.Progress != nil {
		fmt.Fprintf(g.opt.Progress, format+"\n", args...)
	}
}

// check validates opt and fills its defaults.
func check(opt *Options) error {
	switch {
	case opt.Agencies < 3 || opt.Agencies > maxAgencies:
		return fmt.Errorf("--agencies phải từ 3 (UBND thành phố, một sở và văn phòng của sở) đến %d, không phải %d", maxAgencies, opt.Agencies)
	case opt.Activities < 0 || opt.Results < 0 || opt.PublicItems < 0:
		return errors.New("số hoạt động, kết quả và văn bản không được âm")
	case opt.Results > 0 && opt.Activities == 0:
		return errors.New("cần ít nhất một hoạt động (--activities) để có kết quả")
	}
	if opt.Password == "" {
		opt.Password = DefaultPassword
	}
	if opt.Users && len([]rune(opt.Password)) < 10 {
		return errors.New("mật khẩu của các tài khoản tạo ra cần ít nhất 10 ký tự")
	}
	if opt.AsOf.IsZero() {
		opt.AsOf = vn.Today()
	}
	if opt.AsOf.After(vn.Today()) {
		// The result form refuses a day in the future; so does the generator.
		return fmt.Errorf("--as-of %s là ngày trong tương lai", opt.AsOf.Short())
	}
	return nil
}

// writeResults runs the results through a pipe: one goroutine makes the rows while
// the other writes the previous chunk, so making and writing overlap on two cores.
// The rows are made in one sequence whatever the timing, so the data stays the same.
func (g *generator) writeResults(ctx context.Context, db *store.DB, days []*day) ([4]int, error) {
	var counts [4]int
	prog := newReporter(g.opt.Progress, "kết quả", g.opt.Results)
	eg, ctx := errgroup.WithContext(ctx)
	pipe := make(chan *chunk, 2)
	eg.Go(func() error {
		defer close(pipe)
		return g.produceResults(ctx, days, pipe)
	})
	eg.Go(func() error {
		for c := range pipe {
			if err := writeChunk(ctx, db, c); err != nil {
				return err
			}
			for i, s := range c.sets {
				counts[i] += s.len()
			}
			prog.add(c.results, c.rowCount())
		}
		return nil
	})
	return counts, eg.Wait()
}

// writeChunk writes c's rows and puts its docs into the search index, in one
// transaction: what is public is searchable from the moment it is there.
func writeChunk(ctx context.Context, db *store.DB, c *chunk) error {
	return db.Tx(ctx, func(tx *sql.Tx) error {
		w := newWriter(ctx, db.Dialect, tx)
		defer w.close()
		if err := w.write(c.sets...); err != nil {
			return err
		}
		if len(c.docs) == 0 {
			return nil
		}
		began := time.Now()
		err := search.PutMany(ctx, tx, db.Dialect, c.docs)
		c.indexing = time.Since(began)
		return err
	})
}

// bulkPragmas sets SQLite's writing connection for a bulk load and returns what
// puts it back: a page cache large enough for the indexes being appended to (the
// default 2 MB makes SQLite write the same index pages to the log again and again),
// statement journals in memory (every multi-row INSERT keeps one, on disk by
// default), and no foreign-key lookups for rows made consistent by construction —
// the tests check every key afterwards, and PostgreSQL checks them as it goes.
func bulkPragmas(ctx context.Context, db *store.DB) (func(), error) {
	names := []string{"cache_size", "temp_store", "foreign_keys"}
	was := make([]int, len(names))
	for i, n := range names {
		if err := db.Write().QueryRowContext(ctx, "PRAGMA "+n).Scan(&was[i]); err != nil {
			return nil, err
		}
	}
	if _, err := db.Write().ExecContext(ctx, "PRAGMA cache_size = -262144; PRAGMA temp_store = MEMORY; PRAGMA foreign_keys = OFF"); err != nil {
		return nil, err
	}
	return func() {
		for i, n := range names {
			_, _ = db.Write().ExecContext(context.WithoutCancel(ctx), fmt.Sprintf("PRAGMA %s = %d", n, was[i]))
		}
	}, nil
}

// analyze refreshes the planner's statistics of the tables just filled, so the app's
// first queries on a million results plan as well as later ones.
func analyze(ctx context.Context, db *store.DB) error {
	names := []string{"search_docs", "search_bits"}
	for _, t := range []*table{tAgencies, tUsers, tMemberships, tPlans, tPlanTopics, tPlanActivities, tActivityPartners, tResults,
		tResultTopics, tResultPartners, tResultEvents, tLibraryDocs, tNotifications} {
		names = append(names, t.name)
	}
	for _, name := range names {
		if _, err := db.Write().ExecContext(ctx, "ANALYZE "+name); err != nil {
			return fmt.Errorf("analyze %s: %w", name, err)
		}
	}
	return nil
}

// reporter prints a line each time another tenth of total is written.
type reporter struct {
	w     io.Writer
	label string
	total int
	done  int
	rows  int
	next  int // the next tenth to report
	start time.Time
}

func newReporter(w io.Writer, label string, total int) *reporter {
	return &reporter{w: w, label: label, total: total, next: 1, start: time.Now()}
}

// add counts n more items written in rows rows.
func (p *reporter) add(n, rows int) {
	p.done += n
	p.rows += rows
	for p.w != nil && p.next <= 10 && p.done*10 >= p.next*p.total {
		secs := max(time.Since(p.start).Seconds(), 1e-3)
		fmt.Fprintf(p.w, "%s: %3d%% (%d/%d), %.0f dòng/giây\n", p.label, p.next*10, p.done, p.total, float64(p.rows)/secs)
		p.next++
	}
}
