package feedback_test

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"loa/internal/calendar"
	"loa/internal/feedback"
	"loa/internal/notify"
	"loa/internal/search"
	"loa/internal/store"
	"loa/internal/store/storetest"
	"loa/internal/vn"
)

func TestSubmittedFeedbackGetsATrackingCodeAndIsDueTenWorkingDaysLater(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		it := f.submit(feedback.Submission{})
		if feedback.NormaliseCode(it.Code) != it.Code || !strings.HasPrefix(it.Code, "PA-2026-") {
			t.Fatalf("code %q", it.Code)
		}
		// Received on Monday 2 March: ten working days (weekends skipped) is Monday 16 March.
		if want := (vn.Date{Year: 2026, Month: time.March, Day: 16}); it.DueOn != want {
			t.Fatalf("due %v, want %v", it.DueOn, want)
		}
		got, err := f.s.ByCode(ctx, it.Code)
		if err != nil || got.ID != it.ID || got.Status != feedback.StatusReceived || got.AgencyName != f.dept.Name {
			t.Fatalf("by code: %+v %v", got, err)
		}
		if n := f.count(`SELECT COUNT(*) FROM audit_log WHERE entity = 'feedback' AND entity_id = $1`, it.ID); n != 1 {
			t.Fatalf("%d audit rows", n)
		}
		if n := f.count(`SELECT COUNT(*) FROM audit_log WHERE after_json LIKE '%0912345678%' OR after_json LIKE '%Nguyễn Văn An%'`); n != 0 {
			t.Fatal("the audit log keeps the sender's personal data")
		}
		list, _, err := notify.For(ctx, db.Read(), f.users["vanphong"].User.ID, []string{f.dept.ID}, 10)
		if err != nil || len(list) != 1 || !strings.Contains(list[0].Title, it.Code) {
			t.Fatalf("the receiving agency is not told: %+v %v", list, err)
		}
	})
}

func TestDeadlineCountsTheWorkingDaysItIsGiven(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		// A calendar where 9 March is a holiday moves the deadline by a day.
		f.s.WorkingDays = func(_ context.Context, d vn.Date, n int) (vn.Date, error) {
			for n > 0 {
				d = d.AddDays(1)
				if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday && d != (vn.Date{Year: 2026, Month: time.March, Day: 9}) {
					n--
				}
			}
			return d, nil
		}
		it := f.submit(feedback.Submission{})
		if want := (vn.Date{Year: 2026, Month: time.March, Day: 17}); it.DueOn != want {
			t.Fatalf("due %v, want %v", it.DueOn, want)
		}
	})
}

func TestTheFormsProblemsAreReportedFieldByField(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		_, err := f.s.Submit(ctx, feedback.Submission{AgencyID: f.office.ID, Contact: "gọi tôi", SenderKind: "business",
			Topic: "weather", Content: "ngắn", Token: "t1"}, []feedback.Upload{{Name: "virus.exe", Size: 10}})
		got := fields(t, err)
		want := map[string]string{"name": "valid.required", "contact": "feedback.err.contact_invalid",
			"organisation": "feedback.err.organisation_required", "topic": "feedback.err.topic_unknown",
			"content": "feedback.err.content_short", "files": "feedback.err.file_type", "agency_id": "feedback.err.agency_unknown"}
		for k, v := range want {
			if got[k] != v {
				t.Errorf("%s: %q, want %q", k, got[k], v)
			}
		}
		if n := f.count(`SELECT COUNT(*) FROM feedback`); n != 0 {
			t.Fatalf("%d items written", n)
		}
	})
}

func TestLookupNeedsTheContactItWasSentWithInAnyWriting(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		phone := f.submit(feedback.Submission{Name: "An", Contact: "0912.345.678", Topic: "fees",
			Content: "Mức phí thẩm định hồ sơ niêm yết ở đâu, có thay đổi trong năm nay không?"})
		mail := f.submit(feedback.Submission{Name: "Bình", Contact: "Binh.Tran@Example.vn", Topic: "fees",
			Content: "Mức phí thẩm định hồ sơ niêm yết ở đâu, có thay đổi trong năm nay không?"})
		for _, c := range []struct {
			code, contact string
			found         bool
		}{
			{phone.Code, "+84 912 345 678", true},
			{phone.Code, "84912345678", true},
			{strings.ToLower(strings.ReplaceAll(phone.Code, "-", " ")), "0912345678", true},
			{phone.Code, "0912345679", false},
			{mail.Code, "binh.tran@example.vn", true},
			{mail.Code, "0912345678", false},
			{phone.Code, "binh.tran@example.vn", false},
		} {
			it, err := f.s.Lookup(ctx, feedback.NormaliseCode(c.code), c.contact)
			if c.found != (err == nil) {
				t.Errorf("lookup %s with %s: %v", c.code, c.contact, err)
			}
			if !c.found && !errors.Is(err, store.ErrNotFound) {
				t.Errorf("a mismatch must look like nothing found: %v", err)
			}
			_ = it
		}
	})
}

func TestADoubleSubmissionOfOneFormWritesOneItem(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		in := feedback.Submission{AgencyID: f.dept.ID, Name: "An", Contact: "0912345678", Topic: "procedure",
			Content: "Hồ sơ của tôi đã quá hạn hẹn trả kết quả.", Token: "0123456789abcdef0123456789abcdef"}
		first, err := f.s.Submit(store.WithFormToken(ctx, in.Token, ""), in, nil)
		if err != nil {
			t.Fatal(err)
		}
		_, err = f.s.Submit(store.WithFormToken(ctx, in.Token, ""), in, nil)
		if !errors.Is(err, store.ErrDuplicateSubmit) {
			t.Fatalf("second submission: %v", err)
		}
		again, err := f.s.BySubmission(ctx, in.Token)
		if err != nil || again.Code != first.Code {
			t.Fatalf("the form's item: %v %v", again, err)
		}
		if n := f.count(`SELECT COUNT(*) FROM feedback`); n != 1 {
			t.Fatalf("%d items", n)
		}
	})
}

func TestAnItemIsAssignedAnsweredPublishedAndWithdrawn(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		it := f.submit(feedback.Submission{})
		office := f.acting("vanphong")
		if _, err := f.s.Assign(office, it.ID, it.RowVersion, f.other.ID, ""); fields(t, err)["unit_id"] != "feedback.err.unit_outside" {
			t.Fatalf("assigned outside the department: %v", err)
		}
		if _, err := f.s.Assign(office, it.ID, it.RowVersion, f.dept.ID, ""); fields(t, err)["unit_id"] != "feedback.err.unit_outside" {
			t.Fatalf("assigned to the receiving agency itself: %v", err)
		}
		it, err := f.s.Assign(office, it.ID, it.RowVersion, f.centre.ID, "Trả lời trước ngày 10.")
		if err != nil || it.Status != feedback.StatusAssigned || it.UnitID != f.centre.ID {
			t.Fatalf("assign: %+v %v", it, err)
		}
		if _, err := f.s.Assign(office, it.ID, it.RowVersion-1, f.lab.ID, ""); !errors.Is(err, feedback.ErrStale) {
			t.Fatalf("an old version must be refused: %v", err)
		}
		if h, _ := f.s.HandlerOf(ctx, it.ID); h != f.centre.ID {
			t.Fatalf("handler %s", h)
		}
		if _, err := f.s.Publish(office, it.ID, it.RowVersion, feedback.Publication{Title: "T", Question: "Q", Answer: "A"}); !errors.Is(err, feedback.ErrState) {
			t.Fatalf("published before an answer: %v", err)
		}
		unit := f.acting("donvi")
		if it, err = f.s.Answer(unit, it.ID, it.RowVersion, "Trung tâm đã kiểm tra và trả kết quả ngày 05/3.", nil); err != nil {
			t.Fatal(err)
		}
		if it.Status != feedback.StatusAnswered || it.AnswerByID != f.centre.ID {
			t.Fatalf("answered: %+v", it)
		}
		if _, err := f.s.Reject(office, it.ID, it.RowVersion, "Muộn"); !errors.Is(err, feedback.ErrState) {
			t.Fatalf("an answered item rejected: %v", err)
		}
		if it, err = f.s.Publish(office, it.ID, it.RowVersion, feedback.Publication{Title: "Hồ sơ quá hạn trả kết quả",
			Question: "Hồ sơ đã quá hạn hẹn trả kết quả mà chưa có thông báo.", Answer: "Trung tâm đã trả kết quả."}); err != nil {
			t.Fatal(err)
		}
		list, total, err := f.s.Published(ctx, "", 10, 0)
		if err != nil || total != 1 || list[0].Title != "Hồ sơ quá hạn trả kết quả" || list[0].AnsweredBy != f.centre.Name {
			t.Fatalf("published: %+v %d %v", list, total, err)
		}
		found := func(text string) int {
			res, err := search.New(db).Search(ctx, search.Query{Text: text, Kinds: []string{search.KindQA}})
			if err != nil {
				t.Fatal(err)
			}
			return res.Total
		}
		if n := found("ho so qua han"); n != 1 {
			t.Fatalf("the portal's search finds the published question %d times", n)
		}
		if n := found("Nguyễn Văn An"); n != 0 {
			t.Fatal("the search index holds the sender's name")
		}
		if _, err := f.s.Unpublish(office, it.ID, it.RowVersion); err != nil {
			t.Fatal(err)
		}
		if _, err := f.s.PublishedOne(ctx, it.ID); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("withdrawn item still public: %v", err)
		}
		if n := found("ho so qua han"); n != 0 {
			t.Fatal("a withdrawn question is still found")
		}
		if n, err := search.New(db).Rebuild(ctx, search.KindQA, f.s.SearchSource()); err != nil || n != 0 {
			t.Fatalf("rebuild: %d %v", n, err)
		}
		events, err := f.s.Events(ctx, it.ID)
		if err != nil {
			t.Fatal(err)
		}
		var actions []string
		for _, e := range events {
			actions = append(actions, e.Action)
		}
		if got := strings.Join(actions, ","); got != "received,assigned,answered,published,unpublished" {
			t.Fatalf("history %s", got)
		}
		if n := f.count(`SELECT COUNT(*) FROM audit_log WHERE entity = 'feedback' AND entity_id = $1`, it.ID); n != 5 {
			t.Fatalf("%d audit rows, want one per write", n)
		}
	})
}

func TestPublishingTellsThePortalInTheSameTransaction(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		calls := 0
		f.s.PublicChanged = func(context.Context, *sql.Tx) error { calls++; return nil }
		it := f.submit(feedback.Submission{})
		office := f.acting("vanphong")
		it, err := f.s.Answer(office, it.ID, it.RowVersion, "Văn phòng trả lời trực tiếp.", nil)
		if err != nil || it.AnswerByID != f.dept.ID {
			t.Fatalf("the receiving agency answers itself: %+v %v", it, err)
		}
		if calls != 0 {
			t.Fatal("an answer is not public")
		}
		if it, err = f.s.Publish(office, it.ID, it.RowVersion, feedback.Publication{Title: "T", Question: "Q", Answer: "A"}); err != nil {
			t.Fatal(err)
		}
		if _, err = f.s.Unpublish(office, it.ID, it.RowVersion); err != nil {
			t.Fatal(err)
		}
		if calls != 2 {
			t.Fatalf("%d calls, want 2", calls)
		}
	})
}

func TestTheInboxShowsEachViewerTheirItemsWithFilters(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		office := f.acting("vanphong")
		a := f.submit(feedback.Submission{})
		b := f.submit(feedback.Submission{})
		c := f.submit(feedback.Submission{})
		if _, err := f.s.Assign(office, b.ID, b.RowVersion, f.centre.ID, ""); err != nil {
			t.Fatal(err)
		}
		if _, err := f.s.Assign(office, c.ID, c.RowVersion, f.lab.ID, ""); err != nil {
			t.Fatal(err)
		}
		f.now = f.now.AddDate(0, 0, 20)
		d := f.submit(feedback.Submission{}) // received later: not overdue
		today := vn.DateOf(f.now)
		codes := func(fl feedback.Filter) string {
			fl.Today = today
			list, total, err := f.s.List(ctx, fl)
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for _, it := range list {
				out = append(out, map[string]string{a.ID: "a", b.ID: "b", c.ID: "c", d.ID: "d"}[it.ID])
			}
			if total != len(list) {
				t.Fatalf("total %d for %d rows", total, len(list))
			}
			return strings.Join(out, "")
		}
		all := []string{f.dept.ID}
		if got := codes(feedback.Filter{Agencies: all}); got != "abcd" {
			t.Errorf("office sees %q (open first, by due day)", got)
		}
		if got := codes(feedback.Filter{Units: []string{f.centre.ID}}); got != "b" {
			t.Errorf("the centre sees %q", got)
		}
		if got := codes(feedback.Filter{Agencies: all, Overdue: true}); got != "abc" {
			t.Errorf("overdue %q", got)
		}
		if got := codes(feedback.Filter{Agencies: all, Unit: f.lab.ID}); got != "c" {
			t.Errorf("by unit %q", got)
		}
		if got := codes(feedback.Filter{Agencies: all, Status: "received"}); got != "ad" {
			t.Errorf("received %q", got)
		}
		if got := codes(feedback.Filter{Agencies: all, Code: strings.ToLower(c.Code)}); got != "c" {
			t.Errorf("by code %q", got)
		}
		if got := codes(feedback.Filter{}); got != "" {
			t.Errorf("nobody's scope sees %q", got)
		}
		units, err := f.s.AssignedUnits(ctx, feedback.Filter{Agencies: all})
		if err != nil || len(units) != 2 || units[0].ID != f.lab.ID || units[1].ID != f.centre.ID {
			t.Errorf("the unit filter offers %+v %v", units, err)
		}
	})
}

func TestRemindersGoOnceBeforeOnAndAfterTheDeadline(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		it := f.submit(feedback.Submission{}) // due Monday 16 March
		if _, err := f.s.Assign(f.acting("vanphong"), it.ID, it.RowVersion, f.centre.ID, ""); err != nil {
			t.Fatal(err)
		}
		day := func(d int) vn.Date { return vn.Date{Year: 2026, Month: time.March, Day: d} }
		for _, c := range []struct {
			day  vn.Date
			sent int
		}{
			{day(10), 0}, // four working days before: nothing yet
			{day(12), 1}, // two working days before (Thursday)
			{day(13), 0}, // already reminded
			{day(16), 1}, // the due day
			{day(16), 0},
			{day(17), 2}, // overdue: the unit and the department
			{day(18), 0},
			{day(20), 2}, // three days later, again
		} {
			n, err := f.s.Remind(ctx, c.day)
			if err != nil {
				t.Fatal(err)
			}
			if n != c.sent {
				t.Errorf("%v: %d reminders, want %d", c.day, n, c.sent)
			}
		}
		list, _, err := notify.For(ctx, db.Read(), f.users["donvi"].User.ID, []string{f.centre.ID}, 20)
		if err != nil {
			t.Fatal(err)
		}
		reminders := 0
		for _, n := range list {
			if n.Kind == "feedback_reminder" {
				reminders++
			}
		}
		if reminders != 4 {
			t.Fatalf("the centre got %d reminders, want 4", reminders)
		}
	})
}

func TestTheRateLimitHoldsAcrossInstances(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		other := feedback.NewStore(db, f.files) // a second instance on the same database
		other.Now = f.s.Now
		for i := range 4 {
			s := f.s
			if i%2 == 1 {
				s = other
			}
			ok, err := s.Hit(ctx, "feedback:203.0.113.7", time.Hour, 3)
			if err != nil {
				t.Fatal(err)
			}
			if ok != (i < 3) {
				t.Fatalf("hit %d allowed=%v", i+1, ok)
			}
		}
		f.now = f.now.Add(time.Hour)
		if ok, _ := other.Hit(ctx, "feedback:203.0.113.7", time.Hour, 3); !ok {
			t.Fatal("a new window starts afresh")
		}
	})
}

func TestTheChallengeIsSealedWithTheInstallationsKey(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		c, err := f.s.NewChallenge(ctx)
		if err != nil {
			t.Fatal(err)
		}
		answer := c.A + c.B
		if c.Minus {
			answer = c.A - c.B
		}
		other := feedback.NewStore(db, f.files) // another instance reads the same key
		other.Now, other.MinFillTime = f.s.Now, 0
		if err := other.CheckChallenge(ctx, c.Nonce, c.Seal, strconv.Itoa(answer)); err != nil {
			t.Fatalf("right answer: %v", err)
		}
		if err := other.CheckChallenge(ctx, c.Nonce, c.Seal, strconv.Itoa(answer+1)); !errors.Is(err, feedback.ErrChallengeWrong) {
			t.Fatalf("wrong answer: %v", err)
		}
		if err := other.CheckChallenge(ctx, "another-nonce", c.Seal, strconv.Itoa(answer)); !errors.Is(err, feedback.ErrChallengeWrong) {
			t.Fatalf("a seal moved to another form: %v", err)
		}
		f.s.MinFillTime = 3 * time.Second
		if err := f.s.CheckChallenge(ctx, c.Nonce, c.Seal, strconv.Itoa(answer)); !errors.Is(err, feedback.ErrTooFast) {
			t.Fatalf("answered at once: %v", err)
		}
		f.now = f.now.Add(feedback.ChallengeTTL + time.Minute)
		if err := f.s.CheckChallenge(ctx, c.Nonce, c.Seal, strconv.Itoa(answer)); !errors.Is(err, feedback.ErrChallengeExpired) {
			t.Fatalf("expired: %v", err)
		}
		if strings.Contains(c.Seal, strconv.Itoa(answer)+".") || strings.HasSuffix(c.Seal, "."+strconv.Itoa(answer)) {
			t.Fatal("the seal shows the answer")
		}
	})
}

func TestAnswerTemplatesAreKeptAndFilled(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		office := f.acting("vanphong")
		if _, err := f.s.SaveTemplate(office, "", 0, feedback.TemplateInput{AgencyID: f.dept.ID}); fields(t, err)["title"] != "valid.required" {
			t.Fatalf("empty template: %v", err)
		}
		tp, err := f.s.SaveTemplate(office, "", 0, feedback.TemplateInput{AgencyID: f.dept.ID, Title: "Đã nhận",
			Body: "Kính gửi {ho_ten}, phản ánh {ma} nhận ngày {ngay_nhan} sẽ được trả lời trước ngày {han}."})
		if err != nil {
			t.Fatal(err)
		}
		it := f.submit(feedback.Submission{})
		if got, want := tp.Fill(it), "Kính gửi Nguyễn Văn An, phản ánh "+it.Code+" nhận ngày 02/03/2026 sẽ được trả lời trước ngày 16/03/2026."; got != want {
			t.Fatalf("fill:\n%s\n%s", got, want)
		}
		if tp, err = f.s.SaveTemplate(office, tp.ID, tp.RowVersion, feedback.TemplateInput{Title: "Đã tiếp nhận", Body: "Nội dung mới"}); err != nil {
			t.Fatal(err)
		}
		if _, err := f.s.SaveTemplate(office, tp.ID, tp.RowVersion-1, feedback.TemplateInput{Title: "X", Body: "Y"}); !errors.Is(err, feedback.ErrStale) {
			t.Fatalf("stale edit: %v", err)
		}
		list, err := f.s.Templates(ctx, []string{f.centre.ID, f.dept.ID})
		if err != nil || len(list) != 1 || list[0].Title != "Đã tiếp nhận" || list[0].AgencyID != f.dept.ID {
			t.Fatalf("templates: %+v %v", list, err)
		}
		if err := f.s.DeleteTemplate(office, tp.ID, tp.RowVersion); err != nil {
			t.Fatal(err)
		}
		if n := f.count(`SELECT COUNT(*) FROM audit_log WHERE entity = 'feedback_template'`); n != 3 {
			t.Fatalf("%d audit rows", n)
		}
	})
}

func TestTheDemoFillsEveryStatus(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		if err := feedback.Demo(ctx, db, f.dept.ID, monday); err != nil {
			t.Fatal(err)
		}
		for _, st := range feedback.Statuses {
			if n := f.count(`SELECT COUNT(*) FROM feedback WHERE status = $1`, string(st)); n == 0 {
				t.Errorf("no %s item", st)
			}
		}
		list, _, err := f.s.Published(ctx, "", 10, 0)
		if err != nil || len(list) != 1 {
			t.Fatalf("published: %v %v", list, err)
		}
		if strings.Contains(list[0].Question+list[0].Answer, "Lê Văn Tư") {
			t.Fatal("the published question names its sender")
		}
	})
}

func TestTheDeadlineSkipsThePublicHolidaysOfTheCalendar(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		f.s.WorkingDays = feedback.CalendarDays(calendar.NewStore(db))
		// Tuesday 28 April 2026: 30 April and 1 May (Thursday, Friday) are holidays.
		f.now = time.Date(2026, time.April, 28, 10, 0, 0, 0, vn.Location)
		it := f.submit(feedback.Submission{})
		if want := (vn.Date{Year: 2026, Month: time.May, Day: 14}); it.DueOn != want {
			t.Fatalf("due %v, want %v", it.DueOn, want)
		}
	})
}
