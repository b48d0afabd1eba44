package progress_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"strings"
	"testing"

	"loa/internal/agency"
	"loa/internal/audit"
	"loa/internal/demo"
	"loa/internal/plan"
	"loa/internal/progress"
	"loa/internal/store"
	"loa/internal/store/storetest"
	"loa/internal/valid"
	"loa/internal/vn"
)

// memFiles stores evidence rows without a disk: enough to test results.
type memFiles struct{ fail bool }

func (m memFiles) SaveFile(ctx context.Context, q store.Querier, name string, r io.Reader) (progress.FileRef, error) {
	b, _ := io.ReadAll(r)
	if m.fail {
		return progress.FileRef{}, errors.New("disk full")
	}
	sum := sha256.Sum256(b)
	h := hex.EncodeToString(sum[:])
	_, err := q.ExecContext(ctx, `INSERT INTO files (hash, size, content_type, created_at) VALUES ($1, $2, 'image/jpeg', $3) ON CONFLICT (hash) DO NOTHING`,
		h, len(b), store.Now())
	return progress.FileRef{Hash: h, Name: name, ContentType: "image/jpeg", Size: int64(len(b))}, err
}

func upload(name, body string) progress.Upload {
	return progress.Upload{Name: name, Open: func() (io.ReadCloser, error) { return io.NopCloser(strings.NewReader(body)), nil }}
}

type fixture struct {
	db       *store.DB
	results  *progress.Store
	plan     *plan.Plan
	agencies map[string]string // abbr path → id
	names    map[string]string
}

// setup loads the demo: the sample plan in effect, its units.
func setup(t *testing.T, db *store.DB, files progress.FileSaver) *fixture {
	t.Helper()
	ctx := context.Background()
	if _, err := demo.Load(ctx, db, "demo-Loa-Test-2026", t.TempDir(), "http://test"); err != nil {
		t.Fatal(err)
	}
	list, err := plan.NewStore(db).List(ctx, nil, 2024)
	if err != nil || len(list) != 1 {
		t.Fatalf("demo plan: %v", err)
	}
	p, err := plan.NewStore(db).Get(ctx, list[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	// Start from the plan alone: the demo's own results would blur the counts.
	for _, table := range []string{"result_topics", "result_partners", "result_files", "result_events", "portal_article_results", "results", "activity_exemptions",
		"difficulty_events", "difficulties"} {
		if _, err := db.Write().ExecContext(ctx, "DELETE FROM "+table); err != nil {
			t.Fatal(err)
		}
	}
	all, _ := agency.NewStore(db).All(ctx)
	f := &fixture{db: db, results: progress.NewStore(db, files), plan: p, agencies: map[string]string{}, names: map[string]string{}}
	for _, a := range all {
		f.agencies[a.Abbr] = a.ID
		f.names[a.ID] = a.Name
	}
	return f
}

func (f *fixture) ctx() context.Context {
	return audit.WithActor(context.Background(), audit.Actor{Name: "test"})
}

// activity i of the sample plan (1-based).
func (f *fixture) act(i int) plan.Activity { return f.plan.Activities[i-1] }

func TestAUnitRecordsAResultWithEvidenceAndTheOfficeReviewsIt(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := setup(t, db, memFiles{})
		ctx := f.ctx()
		web := f.act(1) // website: lead Văn phòng Sở, partners Chi cục and the information centre
		in := progress.Input{AgencyID: f.agencies["TTTT"], DoneOn: "15/03/2024", Quantity: "3", Links: "https://skhcn.cantho.gov.vn/tin-tuc/1\nhttps://skhcn.cantho.gov.vn/tin-tuc/2",
			Audience: []string{"citizens", "businesses"}, Description: "Đăng 3 tin về cải cách thủ tục hành chính", Topics: []string{f.plan.Topics[3].ID}}
		r, err := f.results.Record(ctx, web.ID, in, []progress.Upload{upload("anh-chup.jpg", "jpeg bytes"), upload("anh-chup-2.jpg", "jpeg bytes")})
		if err != nil {
			t.Fatal(err)
		}
		got, err := f.results.Get(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Status != progress.StatusSubmitted || got.Quantity != 3 || got.Unit != "tin, bài" || len(got.Links) != 2 || len(got.Files) != 1 || len(got.Topics) != 1 {
			t.Fatalf("recorded: %+v", got)
		}
		// The office returns it with a comment; the unit fixes and resubmits; the office accepts.
		if _, err := f.results.Return(ctx, r.ID, 1, ""); !isField(err, "comment") {
			t.Fatalf("return without comment: %v", err)
		}
		if _, err := f.results.Return(ctx, r.ID, 1, "Bổ sung đường dẫn tin thứ ba."); err != nil {
			t.Fatal(err)
		}
		in.Links += "\nhttps://skhcn.cantho.gov.vn/tin-tuc/3"
		in.KeepFiles = []string{got.Files[0].Hash}
		r2, err := f.results.Update(ctx, r.ID, 2, in, nil)
		if err != nil {
			t.Fatal(err)
		}
		if r2.Status != progress.StatusSubmitted || len(r2.Links) != 3 || len(r2.Files) != 1 {
			t.Fatalf("resubmitted: %+v", r2)
		}
		if _, err := f.results.Accept(ctx, r.ID, 3); err != nil {
			t.Fatal(err)
		}
		// Accepted results are locked until the office reopens them with a reason.
		if _, err := f.results.Update(ctx, r.ID, 4, in, nil); !errors.Is(err, progress.ErrLocked) {
			t.Fatalf("editing an accepted result: %v", err)
		}
		if _, err := f.results.Reopen(ctx, r.ID, 4, ""); !isField(err, "reason") {
			t.Fatalf("reopen without a reason: %v", err)
		}
		if _, err := f.results.Reopen(ctx, r.ID, 4, "Sai số lượng tin."); err != nil {
			t.Fatal(err)
		}
		events, _ := f.results.Events(ctx, r.ID)
		var actions []string
		for _, e := range events {
			actions = append(actions, e.Action)
		}
		if strings.Join(actions, ",") != "create,return,resubmit,accept,reopen" {
			t.Fatalf("history %v", actions)
		}
	})
}

func isField(err error, field string) bool {
	var ve *valid.Error
	return errors.As(err, &ve) && ve.Fields.Has(field)
}

func TestBadFiguresAreRefusedAndOddDatesAskForConfirmation(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := setup(t, db, memFiles{})
		ctx := f.ctx()
		a := f.act(4) // meetings
		base := progress.Input{AgencyID: f.agencies["VP"], DoneOn: "10/04/2024", Attendees: "35", Quantity: "1"}
		for field, in := range map[string]progress.Input{
			"quantity":  {AgencyID: base.AgencyID, DoneOn: base.DoneOn, Quantity: "-2"},
			"attendees": {AgencyID: base.AgencyID, DoneOn: base.DoneOn, Quantity: "1", Attendees: "5000000"},
			"done_on":   {AgencyID: base.AgencyID, DoneOn: "31/02/2024", Quantity: "1"},
			"links":     {AgencyID: base.AgencyID, DoneOn: base.DoneOn, Quantity: "1", Links: "javascript:alert(1)"},
		} {
			if _, err := f.results.Record(ctx, a.ID, in, nil); !isField(err, field) {
				t.Errorf("%s: want a field error, got %v", field, err)
			}
		}
		odd := base
		odd.DoneOn = "20/01/2025"
		var nc *progress.NeedsConfirm
		if _, err := f.results.Record(ctx, a.ID, odd, nil); !errors.As(err, &nc) {
			t.Fatalf("a date outside the plan's year should ask for confirmation: %v", err)
		}
		odd.Confirmed = true
		if _, err := f.results.Record(ctx, a.ID, odd, nil); err != nil {
			t.Fatalf("confirmed: %v", err)
		}
		if _, err := f.results.Record(ctx, a.ID, progress.Input{AgencyID: f.agencies["SNV"], DoneOn: base.DoneOn, Quantity: "1"}, nil); !errors.Is(err, progress.ErrNotUnits) {
			t.Fatalf("a unit not assigned to the activity: %v", err)
		}
		var n int
		_ = db.Read().QueryRowContext(ctx, `SELECT COUNT(*) FROM results`).Scan(&n)
		if n != 1 {
			t.Fatalf("%d results saved, want only the confirmed one", n)
		}
	})
}

func TestAFailedUploadLeavesNoHalfSavedResult(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := setup(t, db, memFiles{fail: true})
		_, err := f.results.Record(f.ctx(), f.act(2).ID, progress.Input{AgencyID: f.agencies["VP"], DoneOn: "01/03/2024", Quantity: "500", Places: "Bộ phận một cửa"},
			[]progress.Upload{upload("bien-ban.pdf", "%PDF-1.4")})
		if err == nil {
			t.Fatal("the upload failed: recording must fail")
		}
		for _, table := range []string{"results", "result_files", "result_events"} {
			var n int
			_ = db.Read().QueryRowContext(context.Background(), "SELECT COUNT(*) FROM "+table).Scan(&n)
			if n != 0 {
				t.Errorf("%s has %d rows after a failed upload", table, n)
			}
		}
	})
}

func TestTheDashboardCountsActivitiesUnitsTopicsChannelsAndThePARShare(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := setup(t, db, memFiles{})
		ctx := f.ctx()
		record := func(act int, unit, date, qty string, topics ...string) *progress.Result {
			r, err := f.results.Record(ctx, f.act(act).ID, progress.Input{AgencyID: f.agencies[unit], DoneOn: date, Quantity: qty, Topics: topics}, nil)
			if err != nil {
				t.Fatalf("record activity %d: %v", act, err)
			}
			return r
		}
		accept := func(r *progress.Result) {
			if _, err := f.results.Accept(ctx, r.ID, r.RowVersion); err != nil {
				t.Fatal(err)
			}
		}
		accept(record(1, "VP", "10/02/2024", "4", f.plan.Topics[0].ID))
		accept(record(1, "TTTT", "12/02/2024", "2", f.plan.Topics[0].ID, f.plan.Topics[4].ID))
		accept(record(2, "VP", "01/03/2024", "500"))
		record(3, "VP", "05/03/2024", "20") // waiting for review
		accept(record(4, "VP", "20/03/2024", "1"))
		// Activity 6's contest never happened: not applicable.
		if err := f.results.Exempt(ctx, f.act(6).ID, "Năm 2024 thành phố không tổ chức cuộc thi", ""); err != nil {
			t.Fatal(err)
		}
		today := vn.Date{Year: 2024, Month: 6, Day: 1}
		d, err := f.results.Compute(ctx, f.plan, progress.Filter{}, today, f.names)
		if err != nil {
			t.Fatal(err)
		}
		states := map[int]progress.State{}
		for _, a := range d.Activities {
			states[a.Seq] = a.State
		}
		want := map[int]progress.State{1: progress.StateDone, 2: progress.StateDone, 3: progress.StateInProgress, 4: progress.StateDone,
			5: progress.StateNotStarted, 6: progress.StateExempt}
		for seq, st := range want {
			if states[seq] != st {
				t.Errorf("activity %d is %s, want %s", seq, states[seq], st)
			}
		}
		s := d.Summary
		if s.Applicable != 5 || s.Done != 3 || s.Exempt != 1 || s.SharePercent() != 60 || s.Score != 0 {
			t.Errorf("summary %+v", s)
		}
		if d.Activities[0].Quantity != 6 {
			t.Errorf("activity 1 quantity %v, want 6 (4 + 2)", d.Activities[0].Quantity)
		}
		topics := map[int]int{}
		for _, tr := range d.Topics {
			topics[tr.Seq] = tr.Results
		}
		if topics[1] != 2 || topics[5] != 1 || topics[2] != 0 {
			t.Errorf("topic coverage %v", topics)
		}
		var web progress.ChannelRow
		for _, c := range d.Channels {
			if c.Kind == plan.ChannelWebsite {
				web = c
			}
		}
		if web.Results != 2 || web.Quantity != 6 {
			t.Errorf("website channel %+v", web)
		}
		for _, u := range d.Units {
			if u.AgencyID == f.agencies["TTTT"] && (u.Assigned != 4 || u.Done != 1) {
				t.Errorf("information centre: %+v", u)
			}
		}
		// At year's end with activities 3 and 5 undone, full points can no longer be had.
		late, _ := f.results.Compute(ctx, f.plan, progress.Filter{}, vn.Date{Year: 2025, Month: 1, Day: 5}, f.names)
		if !late.Summary.AtRisk() || late.Summary.Overdue != 2 {
			t.Errorf("after the year: overdue %d, at risk %v", late.Summary.Overdue, late.Summary.AtRisk())
		}
		// Filtering by unit keeps the unit's assignments and results only.
		only, _ := f.results.Compute(ctx, f.plan, progress.Filter{Unit: f.agencies["TTTT"]}, today, f.names)
		if len(only.Activities) != 4 || only.Activities[0].Quantity != 2 {
			t.Errorf("filtered to the information centre: %d activities, quantity %v", len(only.Activities), only.Activities[0].Quantity)
		}
	})
}

func TestTheScoringRuleIsDataWithBands(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		r, err := progress.LoadRule(context.Background(), db.Read(), "par_communication")
		if err != nil {
			t.Fatal(err)
		}
		for share, want := range map[float64]float64{1: 1, 0.95: 0.5, 0.8: 0.5, 0.79: 0, 0: 0} {
			if got := r.Score(share); got != want {
				t.Errorf("score(%v) = %v, want %v", share, got, want)
			}
		}
		_, err = db.Write().ExecContext(context.Background(), `UPDATE scoring_rules SET max_points = 2, bands = $1 WHERE code = 'par_communication'`,
			`[{"min_share":0.9,"points":1},{"min_share":0,"points":0.25}]`)
		if err != nil {
			t.Fatal(err)
		}
		r, _ = progress.LoadRule(context.Background(), db.Read(), "par_communication")
		if r.Score(0.92) != 2 || r.Score(0.5) != 0.5 {
			t.Errorf("a province's own rule: %v %v", r.Score(0.92), r.Score(0.5))
		}
	})
}
