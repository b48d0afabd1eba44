package generate_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"loa/internal/agency"
	"loa/internal/auth"
	"loa/internal/generate"
	"loa/internal/library"
	"loa/internal/plan"
	"loa/internal/progress"
	"loa/internal/store"
	"loa/internal/store/storetest"
	"loa/internal/vn"
)

var ctx = context.Background()

// asOf fixes the day of every test dataset, so tests do not depend on the calendar.
var asOf = vn.Date{Year: 2025, Month: time.September, Day: 18}

// small is a dataset that takes a second to make and exercises every part.
func small(seed uint64) generate.Options {
	return generate.Options{Agencies: 20, Activities: 200, Results: 5000, PublicItems: 300, Users: true, Seed: seed, AsOf: asOf}
}

func run(t testing.TB, db *store.DB, opt generate.Options) generate.Summary {
	t.Helper()
	sum, err := generate.Run(ctx, db, opt)
	if err != nil {
		t.Fatalf("generate: %v", err)
	}
	return sum
}

// checksums hashes every table's rows, sorted, as text. Rows the migrations wrote
// carry the wall-clock time they ran at: tables holding rows in a freshly migrated
// database (seeded) are only counted, so the generator writing into one still shows.
func checksums(t *testing.T, db *store.DB, seeded map[string]bool) map[string]string {
	t.Helper()
	var tables []string
	rows, err := db.Read().QueryContext(ctx, `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatal(err)
		}
		tables = append(tables, name)
	}
	rows.Close()
	out := map[string]string{}
	for _, table := range tables {
		rows, err := db.Read().QueryContext(ctx, "SELECT * FROM "+table)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		var lines []string
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			for _, v := range vals {
				if raw, ok := v.([]byte); ok {
					v = string(raw)
				}
				fmt.Fprintf(&b, "%v\x1f", v)
			}
			lines = append(lines, b.String())
		}
		rows.Close()
		if seeded[table] {
			out[table] = fmt.Sprintf("%d rows", len(lines))
			continue
		}
		slices.Sort(lines)
		h := sha256.Sum256([]byte(strings.Join(lines, "\n")))
		out[table] = fmt.Sprintf("%d rows %s", len(lines), hex.EncodeToString(h[:8]))
	}
	return out
}

// migrationSeeded lists the tables that hold rows before anything is generated.
func migrationSeeded(t *testing.T) map[string]bool {
	t.Helper()
	seeded := map[string]bool{}
	for table, sum := range checksums(t, storetest.SQLite(t), nil) {
		if !strings.HasPrefix(sum, "0 rows") {
			seeded[table] = true
		}
	}
	return seeded
}

func TestTheSameSeedGivesTheSameDatabaseRowForRow(t *testing.T) {
	seeded := migrationSeeded(t)
	a, b := storetest.SQLite(t), storetest.SQLite(t)
	run(t, a, small(7))
	run(t, b, small(7))
	sa, sb := checksums(t, a, seeded), checksums(t, b, seeded)
	for table, sum := range sa {
		if sb[table] != sum {
			t.Errorf("table %s differs: %s and %s", table, sum, sb[table])
		}
	}
	for _, table := range []string{"agencies", "agency_history", "users", "memberships", "plans", "plan_topics", "plan_channels",
		"plan_activities", "plan_activity_partners", "plan_events", "results", "result_topics", "result_partners", "result_events",
		"library_docs", "portal_articles", "portal_article_versions", "notifications", "issued_numbers"} {
		if strings.HasPrefix(sa[table], "0 rows") {
			t.Errorf("table %s is empty", table)
		}
	}
}

func TestDifferentSeedsGiveDifferentData(t *testing.T) {
	a, b := storetest.SQLite(t), storetest.SQLite(t)
	run(t, a, small(1))
	run(t, b, small(2))
	sa, sb := checksums(t, a, nil), checksums(t, b, nil)
	for _, table := range []string{"agencies", "plan_activities", "results", "library_docs"} {
		if sa[table] == sb[table] {
			t.Errorf("table %s is the same for seeds 1 and 2", table)
		}
	}
}

func count(t *testing.T, db *store.DB, query string, args ...any) int {
	t.Helper()
	var n int
	if err := db.Read().QueryRowContext(ctx, query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

func TestCountsAreExactlyAsAsked(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		opt := generate.Options{Agencies: 37, Activities: 333, Results: 7777, PublicItems: 555, Users: true, Seed: 3, AsOf: asOf}
		var progress strings.Builder
		opt.Progress = &progress
		sum := run(t, db, opt)
		for _, c := range []struct {
			table      string
			want, said int
		}{
			{"agencies", 37, sum.Agencies},
			{"plan_activities", 333, sum.Activities},
			{"results", 7777, sum.Results},
			{"result_events", 7777, sum.ResultEvents},
			{"library_docs", 555 - 388, sum.LibraryDocs}, // 7 in 10 public items are articles
			{"portal_articles", 388, sum.Articles},
			{"portal_article_versions", 388, sum.Articles},
			{"result_topics", sum.ResultTopics, sum.ResultTopics},
			{"result_partners", sum.ResultPartners, sum.ResultPartners},
			{"users", sum.Users, sum.Users},
			{"plans", sum.Plans, sum.Plans},
		} {
			if got := count(t, db, "SELECT COUNT(*) FROM "+c.table); got != c.want || c.said != c.want {
				t.Errorf("%s: %d rows, summary says %d, asked %d", c.table, got, c.said, c.want)
			}
		}
		// An admin, then an account per office and unit: every agency but the city and its departments.
		if depts := count(t, db, `SELECT COUNT(*) FROM agencies WHERE kind = 'so'`); sum.Users != 37-1-depts+1 || sum.Plans != depts {
			t.Errorf("%d departments, %d accounts, %d plans", depts, sum.Users, sum.Plans)
		}
		if n := strings.Count(progress.String(), "kết quả: "); n != 10 {
			t.Errorf("%d progress lines for the results, want one per tenth:\n%s", n, progress.String())
		}
	})
}

func TestRowsFollowTheRulesTheAppKeeps(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		run(t, db, small(5))
		for _, c := range []struct {
			what  string
			query string
		}{
			{"plans not in effect", `SELECT COUNT(*) FROM plans WHERE status <> 'in_effect' OR year <> 2025`},
			{"results of a unit that neither leads nor coordinates", `SELECT COUNT(*) FROM results r JOIN plan_activities a ON a.id = r.activity_id
				WHERE r.agency_id <> a.lead_agency_id AND NOT EXISTS (SELECT 1 FROM plan_activity_partners p WHERE p.activity_id = a.id AND p.agency_id = r.agency_id)`},
			{"results outside the year or after the as-of day", `SELECT COUNT(*) FROM results WHERE done_on < '2025-01-01' OR done_on > '2025-09-18'`},
			{"results outside their activity's time frame", `SELECT COUNT(*) FROM results r JOIN plan_activities a ON a.id = r.activity_id
				WHERE r.done_on < a.starts_on OR r.done_on > a.ends_on`},
			{"results of another plan", `SELECT COUNT(*) FROM results r JOIN plan_activities a ON a.id = r.activity_id WHERE a.plan_id <> r.plan_id`},
			{"results of an unknown status", `SELECT COUNT(*) FROM results WHERE status NOT IN ('submitted', 'returned', 'accepted')`},
			{"reviewed results without a reviewer", `SELECT COUNT(*) FROM results WHERE (status = 'submitted') <> (reviewed_at IS NULL) OR (status = 'submitted') <> (reviewed_by IS NULL)`},
			{"returned results without a comment", `SELECT COUNT(*) FROM results WHERE (status = 'returned') <> (review_comment <> '')`},
			{"results with nothing counted", `SELECT COUNT(*) FROM results WHERE quantity <= 0 AND attendees <= 0`},
			{"results with no topic or more than two", `SELECT COUNT(*) FROM results r WHERE (SELECT COUNT(*) FROM result_topics t WHERE t.result_id = r.id) NOT IN (1, 2)`},
			{"topics of another plan", `SELECT COUNT(*) FROM result_topics rt JOIN results r ON r.id = rt.result_id JOIN plan_topics t ON t.id = rt.topic_id WHERE t.plan_id <> r.plan_id`},
			{"results without their one 'create' event", `SELECT COUNT(*) FROM results r WHERE (SELECT COUNT(*) FROM result_events e WHERE e.result_id = r.id AND e.action = 'create' AND e.at = r.created_at) <> 1`},
			{"results changed before they were recorded", `SELECT COUNT(*) FROM results WHERE updated_at < created_at OR reviewed_at < created_at`},
			{"website results without a news link", `SELECT COUNT(*) FROM results r JOIN plan_activities a ON a.id = r.activity_id WHERE a.kind = 'website' AND r.links NOT LIKE '["https://%/tin-tuc/%'`},
			{"leaflets handed out nowhere", `SELECT COUNT(*) FROM results r JOIN plan_activities a ON a.id = r.activity_id WHERE a.kind = 'leaflet' AND (r.places = '' OR r.unit <> 'tờ')`},
			{"meetings without attendees", `SELECT COUNT(*) FROM results r JOIN plan_activities a ON a.id = r.activity_id WHERE a.kind = 'meeting' AND r.attendees = 0`},
			{"activities led from outside the department", `SELECT COUNT(*) FROM plan_activities a JOIN plans p ON p.id = a.plan_id JOIN agencies l ON l.id = a.lead_agency_id WHERE l.parent_id <> p.agency_id`},
			{"activities with more than four named partners", `SELECT COUNT(*) FROM (SELECT activity_id FROM plan_activity_partners WHERE agency_id IS NOT NULL GROUP BY activity_id HAVING COUNT(*) > 4) x`},
			{"departments without their plan's number", `SELECT COUNT(*) FROM plans p WHERE NOT EXISTS (SELECT 1 FROM issued_numbers n WHERE n.doc_id = p.id AND n.symbol = p.symbol)`},
		} {
			if n := count(t, db, c.query); n != 0 {
				t.Errorf("%d %s", n, c.what)
			}
		}
		all := count(t, db, `SELECT COUNT(*) FROM results`)
		for status, share := range map[string]float64{"accepted": 0.85, "submitted": 0.10, "returned": 0.05} {
			got := float64(count(t, db, `SELECT COUNT(*) FROM results WHERE status = $1`, status)) / float64(all)
			if got < share-0.03 || got > share+0.03 {
				t.Errorf("%.1f%% of results are %s, want about %.0f%%", 100*got, status, 100*share)
			}
		}
		if count(t, db, `SELECT COUNT(*) FROM plan_activities WHERE conditional`) == 0 {
			t.Error(`no activity is "nếu có"`)
		}
		if count(t, db, `SELECT COUNT(*) FROM plan_activities WHERE target_quantity IS NOT NULL`) == 0 {
			t.Error("no activity has a target")
		}
		if db.Dialect == store.SQLite {
			if n := count(t, db, `SELECT COUNT(*) FROM pragma_foreign_key_check`); n != 0 {
				t.Errorf("%d rows point at nothing", n)
			}
			if n := count(t, db, `SELECT COUNT(*) FROM pragma_foreign_keys WHERE foreign_keys = 1`); n != 1 {
				t.Error("foreign keys were left off on the writing connection")
			}
		}
	})
}

func TestGeneratedPlansReadBackWithoutProblems(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		run(t, db, small(11))
		plans := plan.NewStore(db)
		list, err := plans.List(ctx, nil, 2025)
		if err != nil || len(list) == 0 {
			t.Fatalf("list: %d plans, %v", len(list), err)
		}
		activities := 0
		for _, s := range list {
			p, err := plans.Get(ctx, s.ID)
			if err != nil {
				t.Fatalf("get %s: %v", s.Agency, err)
			}
			if errs := plan.Check(p); len(errs) > 0 {
				t.Errorf("plan of %s has problems: %v", s.Agency, errs)
			}
			if p.Number == "" || !p.Date.Complete() || p.Signer.Name == "" || len(p.LegalBases) != 1 || p.LegalBases[0].LibraryID == "" {
				t.Errorf("plan of %s is not issued as a plan is: number %q, date %+v, signer %+v, bases %+v", s.Agency, p.Number, p.Date, p.Signer, p.LegalBases)
			}
			if _, err := (library.NewStore(db)).Get(ctx, p.LegalBases[0].LibraryID); err != nil {
				t.Errorf("the city's plan is not in the library: %v", err)
			}
			for _, a := range p.Activities {
				if a.Lead.AgencyID == "" || a.Lead.Abbr == "" || a.Time == "" || a.StartsOn.IsZero() {
					t.Errorf("activity %d of %s: %+v", a.Seq, s.Agency, a)
				}
			}
			if want := fmt.Sprintf("Trong năm %d", p.Year); p.Activities[0].Time != want || p.Activities[0].Kind != plan.ChannelWebsite {
				t.Errorf("the first activity is not the template's: %+v", p.Activities[0])
			}
			activities += len(p.Activities)
			events, err := plans.Events(ctx, p.ID)
			if err != nil || len(events) != 5 || events[4].Action != "start" {
				t.Errorf("history of the plan of %s: %+v, %v", s.Agency, events, err)
			}
		}
		if activities != 200 {
			t.Errorf("%d activities read back, want 200", activities)
		}
	})
}

func TestGeneratedResultsReadBackAsRecordedOnes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		run(t, db, small(23))
		results := progress.NewStore(db, nil)
		rows, err := db.Read().QueryContext(ctx, `SELECT r.id, a.kind, e.snapshot FROM results r JOIN plan_activities a ON a.id = r.activity_id
			JOIN result_events e ON e.result_id = r.id ORDER BY r.id LIMIT 200`)
		if err != nil {
			t.Fatal(err)
		}
		type sample struct {
			id   string
			kind plan.ChannelKind
			snap string
		}
		var samples []sample
		for rows.Next() {
			var x sample
			if err := rows.Scan(&x.id, &x.kind, &x.snap); err != nil {
				t.Fatal(err)
			}
			samples = append(samples, x)
		}
		rows.Close()
		for _, x := range samples {
			r, err := results.Get(ctx, x.id)
			if err != nil {
				t.Fatalf("get %s: %v", x.id, err)
			}
			if want := progress.MeasureOf(x.kind).Unit; r.Unit != want {
				t.Errorf("a %s result counts %q, the form says %q", x.kind, r.Unit, want)
			}
			for _, au := range r.Audience {
				if !slices.Contains(progress.Audiences, au) {
					t.Errorf("unknown audience %q", au)
				}
			}
			var snap progress.Result
			if err := json.Unmarshal([]byte(x.snap), &snap); err != nil {
				t.Fatalf("snapshot of %s: %v", x.id, err)
			}
			slices.Sort(snap.Topics)
			slices.Sort(snap.Partners)
			if snap.ID != r.ID || snap.DoneOn != r.DoneOn || snap.Quantity != r.Quantity || snap.Description != r.Description ||
				!slices.Equal(snap.Links, r.Links) || !slices.Equal(snap.Topics, r.Topics) || !slices.Equal(snap.Partners, r.Partners) ||
				snap.Status != progress.StatusSubmitted || !snap.CreatedAt.Equal(r.CreatedAt) || snap.CreatedBy != r.CreatedBy {
				t.Errorf("history does not match the result:\n%+v\n%+v", snap, *r)
			}
		}
	})
}

func TestTheProgressDashboardCountsTheGeneratedResults(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		run(t, db, small(29))
		plans := plan.NewStore(db)
		list, err := plans.List(ctx, nil, asOf.Year)
		if err != nil {
			t.Fatal(err)
		}
		p, err := plans.Get(ctx, list[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		d, err := progress.NewStore(db, nil).Compute(ctx, p, progress.Filter{}, asOf, nil)
		if err != nil {
			t.Fatal(err)
		}
		counted := 0
		for _, c := range d.Channels {
			counted += c.Results
		}
		accepted := count(t, db, `SELECT COUNT(*) FROM results WHERE plan_id = $1 AND status = 'accepted'`, p.ID)
		if counted != accepted || accepted == 0 || d.Summary.Applicable == 0 || d.Summary.Done == 0 {
			t.Errorf("dashboard counts %d results of %d accepted; summary %+v", counted, accepted, d.Summary)
		}
	})
}

func TestGeneratedAgenciesPassTheAgencyFormsChecks(t *testing.T) {
	db := storetest.SQLite(t)
	run(t, db, small(13))
	agencies := agency.NewStore(db)
	all, err := agencies.All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range all {
		// Saving an agency unchanged runs every check of the form: name, abbreviation
		// pattern and uniqueness among siblings, electronic identifier, kind.
		in := agency.Input{Name: a.Name, ShortName: a.ShortName, Abbr: a.Abbr, Kind: a.Kind, ElectronicID: a.ElectronicID}
		if _, err := agencies.Update(ctx, a.ID, a.RowVersion, in); err != nil {
			t.Errorf("%s (%s): %v", a.Name, a.Abbr, err)
		}
	}
}

func TestGeneratedAccountsSignInWithTheGivenPassword(t *testing.T) {
	db := storetest.SQLite(t)
	opt := small(17)
	opt.Password = "mat-khau-thu-nghiem"
	run(t, db, opt)
	users := auth.NewStore(db)
	list, err := users.List(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"quantri", list[0].Username, list[len(list)-1].Username} {
		if _, err := users.Authenticate(ctx, name, opt.Password); err != nil {
			t.Errorf("%s cannot sign in: %v", name, err)
		}
	}
	var office string
	if err := db.Read().QueryRowContext(ctx, `SELECT u.username FROM users u JOIN memberships m ON m.user_id = u.id WHERE m.role = 'office' LIMIT 1`).Scan(&office); err != nil {
		t.Fatal(err)
	}
	p, err := users.Principal(ctx, mustUser(t, users, office))
	if err != nil || len(p.Memberships) != 1 {
		t.Fatalf("office account %s: %+v, %v", office, p, err)
	}
	if _, err := users.Authenticate(ctx, "quantri", generate.DefaultPassword); !errors.Is(err, auth.ErrBadCredentials) {
		t.Errorf("the default password works although another was given: %v", err)
	}
}

func mustUser(t *testing.T, users *auth.Store, name string) string {
	t.Helper()
	u, err := users.ByUsername(ctx, name)
	if err != nil {
		t.Fatal(err)
	}
	return u.ID
}

func TestTheLibraryIsSearchableAndDatedUpToTheAsOfDay(t *testing.T) {
	db := storetest.SQLite(t)
	run(t, db, small(19))
	lib := library.NewStore(db)
	list, total, err := lib.List(ctx, library.Filter{Query: "ubnd ke hoach", Limit: 5})
	if err != nil || total == 0 || len(list) == 0 {
		t.Fatalf("search found %d, %v", total, err)
	}
	if n := count(t, db, `SELECT COUNT(*) FROM library_docs WHERE issued_on > '2025-09-18' OR created_at > $1`, time.Date(2025, 9, 19, 0, 0, 0, 0, vn.Location).UTC()); n != 0 {
		t.Errorf("%d documents from after the as-of day", n)
	}
	for _, e := range list {
		if same, err := lib.SameDocument(ctx, e); err != nil || same != nil {
			t.Errorf("%s is in the library twice: %v", e.Heading(), err)
		}
		if e.TypeName == "" || e.Scope == "" || !strings.HasPrefix(e.URL, "https://") {
			t.Errorf("entry %+v is not filled as the form fills it", e)
		}
	}
}

func TestADatabaseWithAgenciesIsRefusedAndLeftAsItWas(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		if _, err := agency.NewStore(db).Create(ctx, agency.Input{Name: "Sở Y tế", Abbr: "SYT", Kind: agency.KindDepartment}); err != nil {
			t.Fatal(err)
		}
		_, err := generate.Run(ctx, db, small(1))
		if !errors.Is(err, generate.ErrNotEmpty) {
			t.Fatalf("want ErrNotEmpty, got %v", err)
		}
		for _, table := range []string{"agencies", "users", "plans", "results", "library_docs"} {
			want := map[string]int{"agencies": 1}[table]
			if n := count(t, db, "SELECT COUNT(*) FROM "+table); n != want {
				t.Errorf("%s: %d rows after the refusal, want %d", table, n, want)
			}
		}
	})
}

func TestTheSummaryIsOneLineOfJSON(t *testing.T) {
	db := storetest.SQLite(t)
	sum := run(t, db, generate.Options{Agencies: 3, Activities: 1, Results: 1, Seed: 1, AsOf: asOf})
	b, err := json.Marshal(sum)
	if err != nil || strings.Contains(string(b), "\n") {
		t.Fatalf("%s, %v", b, err)
	}
	for _, key := range []string{`"agencies":3`, `"activities":1`, `"results":1`, `"users":0`, `"as_of":"2025-09-18"`, `"search_docs":0`, `"elapsed_ms":`} {
		if !strings.Contains(string(b), key) {
			t.Errorf("summary %s lacks %s", b, key)
		}
	}
}

func BenchmarkGenerate100kResults(b *testing.B) {
	for b.Loop() {
		b.StopTimer()
		db := storetest.SQLite(b)
		b.StartTimer()
		sum, err := generate.Run(ctx, db, generate.Options{Agencies: 100, Activities: 2000, Results: 100_000, Users: true, Seed: 1, AsOf: asOf})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(sum.Results)/(float64(sum.ElapsedMS)/1000), "results/s")
	}
}
