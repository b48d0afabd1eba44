package survey

import (
	"errors"
	"math"
	"sync"
	"testing"
	"time"

	"loa/internal/audit"
	"loa/internal/store"
	"loa/internal/store/storetest"
	"loa/internal/valid"
)

// submit stores answers read from a form, failing the test on a validation error.
func (s *site) submit(sv *Survey, form map[string][]string, sub Submission) (string, error) {
	s.t.Helper()
	answers, errs := sv.Read(form)
	if len(errs) > 0 {
		s.t.Fatalf("answers refused: %v", errs.Err())
	}
	sub.Answers = answers
	return s.store.Submit(ctx, sv, sub)
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestResultsCountEachOptionAsAShareOfThoseWhoAnsweredAndAverageTheScale(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		sv := s.sample(LimitNone)
		for _, a := range []struct {
			single   int
			multiple []int
			scale    int
			text     string
		}{
			{1, []int{1, 2}, 5, "Rất tốt"},
			{1, []int{1}, 4, ""},
			{2, nil, 4, ""},
			{3, []int{2, 4}, 2, "Cần rút ngắn thời gian"},
		} {
			if _, err := s.submit(sv, pickAnswers(sv, a.single, a.multiple, a.scale, a.text), Submission{}); err != nil {
				t.Fatalf("submit: %v", err)
			}
		}
		res, err := s.store.Results(ctx, sv, "%")
		if err != nil {
			t.Fatal(err)
		}
		if res.Total != 4 {
			t.Fatalf("total %d", res.Total)
		}
		single, multiple, scale, text := res.Questions[0], res.Questions[1], res.Questions[2], res.Questions[3]
		if single.Answered != 4 || single.Rows[0].Count != 2 || !near(single.Rows[0].Percent, 50) || !near(single.Rows[1].Percent, 25) {
			t.Errorf("single choice: %+v", single.Rows)
		}
		if single.Rows[0].Pct() != "50,0" {
			t.Errorf("percent written %q", single.Rows[0].Pct())
		}
		// Three people answered the multiple choice; shares are of those three.
		if multiple.Answered != 3 || multiple.Skipped != 1 || multiple.Rows[0].Count != 2 || !near(multiple.Rows[0].Percent, 200.0/3) ||
			multiple.Rows[2].Count != 0 || multiple.Rows[3].Count != 1 {
			t.Errorf("multiple choice: answered %d skipped %d rows %+v", multiple.Answered, multiple.Skipped, multiple.Rows)
		}
		if !near(scale.Average, 3.75) || scale.Avg() != "3,75" || scale.Rows[3].Count != 2 || scale.Rows[0].Count != 0 || !near(scale.TopShare, 75) {
			t.Errorf("scale: avg %v top %v rows %+v", scale.Average, scale.TopShare, scale.Rows)
		}
		if scale.Rows[0].Label != "1 – Rất không hài lòng" || scale.Rows[4].Label != "5 – Rất hài lòng" {
			t.Errorf("scale ends: %q %q", scale.Rows[0].Label, scale.Rows[4].Label)
		}
		if text.Answered != 2 || text.Chart != "" {
			t.Errorf("text: %+v", text)
		}
		texts, total, err := s.store.TextAnswers(ctx, sv.ID, sv.Questions[3].ID, 1, 0)
		if err != nil || total != 2 || len(texts) != 1 {
			t.Fatalf("texts: %v %d %v", texts, total, err)
		}
	})
}

func TestQuestionsAreFixedOnceTheSurveyOpensAndBackToDraftOnlyWithoutAnswers(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		sv := s.sample(LimitNone)
		_, err := s.store.AddQuestion(ctx, sv.ID, QuestionInput{Kind: "text", Text: "Câu thêm"})
		if !errors.Is(err, ErrNotEditable) {
			t.Fatalf("a question added to an open survey: %v", err)
		}
		if err := s.store.UpdateQuestion(ctx, sv.ID, sv.Questions[0].ID, InputOf(sv.Questions[0])); !errors.Is(err, ErrNotEditable) {
			t.Fatalf("a question edited in an open survey: %v", err)
		}
		if err := s.store.ToDraft(ctx, sv.ID); err != nil {
			t.Fatalf("back to draft without answers: %v", err)
		}
		if _, err := s.store.AddQuestion(ctx, sv.ID, QuestionInput{Kind: "text", Text: "Câu thêm"}); err != nil {
			t.Fatalf("a question added to the draft: %v", err)
		}
		if err := s.store.Open(ctx, sv.ID); err != nil {
			t.Fatal(err)
		}
		sv, _ = s.store.Get(ctx, sv.ID)
		if _, err := s.submit(sv, pickAnswers(sv, 1, nil, 3, ""), Submission{}); err != nil {
			t.Fatal(err)
		}
		_, refused := AsRefusal(s.store.ToDraft(ctx, sv.ID))
		if !refused {
			t.Fatal("a survey with answers went back to draft")
		}
	})
}

func TestASurveyWithoutQuestionsOrWithAPastClosingTimeDoesNotOpen(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		sv, err := s.store.Create(ctx, Settings{AgencyID: s.dept.ID, Kind: "awareness", Title: "Khảo sát nhận biết", Limit: "browser",
			ClosesAt: "01/06/2025 17:00"})
		if err != nil {
			t.Fatal(err)
		}
		r, ok := AsRefusal(s.store.Open(ctx, sv.ID))
		if !ok || r.Msg.Key != "survey.err.no_questions" {
			t.Fatalf("opened without questions: %v", r)
		}
		if _, err := s.store.AddQuestion(ctx, sv.ID, QuestionInput{Kind: "text", Text: "Ý kiến"}); err != nil {
			t.Fatal(err)
		}
		r, ok = AsRefusal(s.store.Open(ctx, sv.ID))
		if !ok || r.Msg.Key != "survey.err.closes_past" {
			t.Fatalf("opened after its closing time: %v", r)
		}
	})
}

func TestOneAnswerPerRespondentHoldsInTheDatabase(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		sv := s.sample(LimitBrowser)
		key := sv.RespondentKey("respondent-1")
		if _, err := s.submit(sv, pickAnswers(sv, 1, nil, 5, ""), Submission{Respondent: key}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.submit(sv, pickAnswers(sv, 2, nil, 1, ""), Submission{Respondent: key}); !errors.Is(err, ErrAlreadyAnswered) {
			t.Fatalf("second answer of one respondent: %v", err)
		}
		if _, err := s.submit(sv, pickAnswers(sv, 2, nil, 1, ""), Submission{}); !errors.Is(err, ErrAlreadyAnswered) {
			t.Fatalf("an answer without a respondent to a once-per-browser survey: %v", err)
		}
		if _, err := s.submit(sv, pickAnswers(sv, 2, nil, 1, ""), Submission{Respondent: sv.RespondentKey("respondent-2")}); err != nil {
			t.Fatalf("another respondent: %v", err)
		}
		if n := s.responses(sv.ID); n != 2 {
			t.Fatalf("%d responses", n)
		}
	})
}

func TestAnInvitationCodeIsSpentOnceEvenWhenTwoUseItAtOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		sv := s.sample(LimitCode)
		codes, err := s.store.GenerateCodes(ctx, sv.ID, 3, "Doanh nghiệp KCN Trà Nóc")
		if err != nil || len(codes) != 3 {
			t.Fatalf("codes: %v %v", codes, err)
		}
		if codes[0].Code == codes[1].Code || len(codes[0].Code) != 11 {
			t.Fatalf("codes %q %q", codes[0].Code, codes[1].Code)
		}
		// Typed in lower case without the dash, the code still works.
		typed := codes[0].Code[:5] + codes[0].Code[6:]
		if _, err := s.submit(sv, pickAnswers(sv, 1, nil, 4, ""), Submission{Code: " " + lower(typed)}); err != nil {
			t.Fatalf("first use: %v", err)
		}
		if _, err := s.submit(sv, pickAnswers(sv, 1, nil, 4, ""), Submission{Code: codes[0].Code}); !errors.Is(err, ErrCodeUsed) {
			t.Fatalf("second use: %v", err)
		}
		if _, err := s.submit(sv, pickAnswers(sv, 1, nil, 4, ""), Submission{Code: "AAAAA-AAAAA"}); !errors.Is(err, ErrCodeUnknown) {
			t.Fatalf("unknown code: %v", err)
		}
		answers, _ := sv.Read(pickAnswers(sv, 2, nil, 3, ""))
		var wg sync.WaitGroup
		errs := make([]error, 4)
		for i := range errs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, errs[i] = s.store.Submit(ctx, sv, Submission{Answers: answers, Code: codes[1].Code})
			}()
		}
		wg.Wait()
		ok := 0
		for _, err := range errs {
			switch {
			case err == nil:
				ok++
			case errors.Is(err, ErrCodeUsed) || store.IsUniqueViolation(err):
			default:
				t.Errorf("concurrent use: %v", err)
			}
		}
		if ok != 1 {
			t.Fatalf("%d answers with one code", ok)
		}
		_, st, err := s.store.Codes(ctx, sv.ID, 0, 0)
		if err != nil || st.Used != 2 || st.Total != 3 {
			t.Fatalf("stats %+v %v", st, err)
		}
	})
}

func lower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 32
		}
	}
	return string(b)
}

func TestAnswersAreTakenOnlyWithinTheWindow(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		sv := s.sample(LimitNone)
		in := Settings{Kind: string(sv.Kind), Title: sv.Title, Limit: string(sv.Limit), ResultsPublic: true,
			OpensAt: "15/06/2025 08:00", ClosesAt: "30/06/2025"}
		if _, err := s.store.UpdateSettings(ctx, sv.ID, sv.RowVersion, in); err != nil {
			t.Fatal(err)
		}
		sv, _ = s.store.Get(ctx, sv.ID)
		form := pickAnswers(sv, 1, nil, 3, "")
		s.now = time.Date(2025, time.June, 15, 0, 59, 0, 0, time.UTC) // 07:59 in Vietnam
		if _, err := s.submit(sv, form, Submission{}); !errors.Is(err, ErrNotOpen) {
			t.Fatalf("a minute before opening: %v", err)
		}
		s.now = time.Date(2025, time.June, 15, 1, 0, 0, 0, time.UTC)
		if _, err := s.submit(sv, form, Submission{}); err != nil {
			t.Fatalf("at opening: %v", err)
		}
		s.now = time.Date(2025, time.June, 30, 16, 59, 0, 0, time.UTC) // 23:59 on the closing day
		if _, err := s.submit(sv, form, Submission{}); err != nil {
			t.Fatalf("on the last evening: %v", err)
		}
		s.now = time.Date(2025, time.June, 30, 17, 0, 0, 0, time.UTC) // midnight: closed
		if _, err := s.submit(sv, form, Submission{}); !errors.Is(err, ErrNotOpen) {
			t.Fatalf("after closing: %v", err)
		}
		if sv.PhaseAt(s.now) != PhaseClosed || !sv.PublicResults(s.now) {
			t.Fatal("past its window the survey is closed with public results")
		}
	})
}

func TestTheRateLimitCountIsSharedByInstances(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		sv := s.sample(LimitNone)
		other := NewStore(db) // a second instance over the same database
		other.Now = s.store.Now
		addr := sv.AddrKey("203.0.113.9")
		for i := 1; i <= 3; i++ {
			st := s.store
			if i == 2 {
				st = other
			}
			n, err := st.Hit(ctx, sv.ID, addr)
			if err != nil || n != i {
				t.Fatalf("hit %d: %d %v", i, n, err)
			}
		}
		if n, _ := s.store.Hit(ctx, sv.ID, sv.AddrKey("203.0.113.10")); n != 1 {
			t.Fatalf("another address starts at %d", n)
		}
		s.now = s.now.Add(rateWindow)
		if n, _ := s.store.Hit(ctx, sv.ID, addr); n != 1 {
			t.Fatalf("the next window starts at %d", n)
		}
	})
}

func TestEveryWriteIsAuditedAndAnAnswerLeavesNoAddress(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		sv := s.sample(LimitNone)
		c := audit.WithActor(ctx, audit.Actor{Name: "anonymous", IP: "198.51.100.4"})
		answers, _ := sv.Read(pickAnswers(sv, 1, nil, 2, ""))
		id, err := s.store.Submit(c, sv, Submission{Answers: answers})
		if err != nil {
			t.Fatal(err)
		}
		rows, _, err := audit.List(ctx, db.Read(), audit.Filter{AllRows: true, Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]int{}
		for _, r := range rows {
			seen[r.Entity+"."+r.Action]++
			if r.Entity == "survey_response" && (r.EntityID != id || r.IP != "" || r.AgencyID != s.dept.ID) {
				t.Errorf("answer's audit row: %+v", r)
			}
		}
		for k, n := range map[string]int{"survey.create": 1, "survey_question.create": 4, "survey.open": 1, "survey_response.answer": 1} {
			if seen[k] != n {
				t.Errorf("%s: %d audit rows, want %d (all: %v)", k, seen[k], n, seen)
			}
		}
	})
}

func TestQuestionsReorderAndRemoveKeepingPositionsDense(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		sv, err := s.store.Create(ctx, Settings{AgencyID: s.dept.ID, Kind: "other", Title: "Thử sắp xếp", Limit: "none"})
		if err != nil {
			t.Fatal(err)
		}
		for _, text := range []string{"Một", "Hai", "Ba"} {
			if _, err := s.store.AddQuestion(ctx, sv.ID, QuestionInput{Kind: "text", Text: text}); err != nil {
				t.Fatal(err)
			}
		}
		sv, _ = s.store.Get(ctx, sv.ID)
		ids := []string{sv.Questions[2].ID, sv.Questions[0].ID, sv.Questions[1].ID}
		if err := s.store.Reorder(ctx, sv.ID, ids, sv.Questions[0].ID); err != nil {
			t.Fatal(err)
		}
		sv, _ = s.store.Get(ctx, sv.ID)
		if len(sv.Questions) != 2 || sv.Questions[0].Text != "Ba" || sv.Questions[1].Text != "Hai" || sv.Questions[1].Position != 2 {
			t.Fatalf("after reorder: %+v %+v", sv.Questions[0], sv.Questions[1])
		}
		if err := s.store.Reorder(ctx, sv.ID, []string{sv.Questions[0].ID}, ""); !errors.Is(err, ErrStale) {
			t.Fatalf("an order missing a question: %v", err)
		}
	})
}

func TestSettingsAreCheckedFieldByField(t *testing.T) {
	db := storetest.SQLite(t)
	s := newSite(t, db)
	_, err := s.store.Create(ctx, Settings{AgencyID: s.dept.ID, Kind: "satisfaction", Limit: "browser", OpensAt: "32/13/2025",
		ClosesAt: "01/01/2025", Slug: "Có Dấu"})
	var ve *valid.Error
	if !errors.As(err, &ve) {
		t.Fatalf("err %v", err)
	}
	for _, f := range []string{"title", "opens_at", "slug"} {
		if !ve.Fields.Has(f) {
			t.Errorf("no message for %s: %v", f, ve)
		}
	}
	a, err := s.store.Create(ctx, Settings{AgencyID: s.dept.ID, Kind: "satisfaction", Limit: "browser", Title: "Khảo sát mức độ hài lòng 2025"})
	if err != nil || a.Slug != "khao-sat-muc-do-hai-long-2025" {
		t.Fatalf("slug %q %v", a.Slug, err)
	}
	b, err := s.store.Create(ctx, Settings{AgencyID: s.dept.ID, Kind: "satisfaction", Limit: "browser", Title: "Khảo sát mức độ hài lòng 2025"})
	if err != nil || b.Slug != "khao-sat-muc-do-hai-long-2025-2" {
		t.Fatalf("second slug %q %v", b.Slug, err)
	}
	_, err = s.store.Create(ctx, Settings{AgencyID: s.dept.ID, Kind: "satisfaction", Limit: "browser", Title: "Khác", Slug: a.Slug})
	if !errors.As(err, &ve) || !ve.Fields.Has("slug") {
		t.Fatalf("a taken address: %v", err)
	}
}

func TestQuestionEditorRefusesWhatCannotBeAnswered(t *testing.T) {
	for _, c := range []struct {
		name  string
		in    QuestionInput
		field string
	}{
		{"no text", QuestionInput{Kind: "text"}, "text"},
		{"one option", QuestionInput{Kind: "single", Text: "Q", Options: "Có"}, "options"},
		{"twice the same option", QuestionInput{Kind: "single", Text: "Q", Options: "Có\nKhông\ncó"}, "options"},
		{"at least above at most", QuestionInput{Kind: "multiple", Text: "Q", Options: "A\nB\nC", MinChoice: "3", MaxChoice: "2"}, "max_choices"},
		{"a one-point scale", QuestionInput{Kind: "scale", Text: "Q", ScaleMin: "1", ScaleMax: "1"}, "scale_max"},
		{"a scale from 3", QuestionInput{Kind: "scale", Text: "Q", ScaleMin: "3", ScaleMax: "5"}, "scale_min"},
		{"an unknown type", QuestionInput{Kind: "matrix", Text: "Q"}, "kind"},
	} {
		_, errs := c.in.check()
		if !errs.Has(c.field) {
			t.Errorf("%s: no message for %s (%v)", c.name, c.field, errs)
		}
	}
	q, errs := (&QuestionInput{Kind: "scale", Text: "Hài lòng?"}).check()
	if len(errs) > 0 || q.ScaleMin != 1 || q.ScaleMax != 5 {
		t.Fatalf("a blank scale is 1–5: %+v %v", q, errs)
	}
}

func TestSlugsFoldVietnamese(t *testing.T) {
	for in, want := range map[string]string{
		"Khảo sát mức độ hài lòng 2025":   "khao-sat-muc-do-hai-long-2025",
		"Đánh giá   Đảng ủy — Sở (KH&CN)": "danh-gia-dang-uy-so-kh-cn",
		"  !!  ": "",
	} {
		if got := Slugify(in); got != want {
			t.Errorf("Slugify(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTheWindowTellsThePublicCacheWhenTheSurveyOpensAndCloses(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		generation := func() (g int64) {
			if err := db.Read().QueryRowContext(ctx, `SELECT generation FROM site_generation`).Scan(&g); err != nil {
				t.Fatal(err)
			}
			return g
		}
		sv := s.sample(LimitNone)
		before := generation()
		in := Settings{Kind: string(sv.Kind), Title: sv.Title, Limit: string(sv.Limit), ResultsPublic: true,
			OpensAt: "15/06/2025 08:00", ClosesAt: "30/06/2025"}
		if _, err := s.store.UpdateSettings(ctx, sv.ID, sv.RowVersion, in); err != nil {
			t.Fatal(err)
		}
		if generation() == before {
			t.Fatal("changing a published survey's window left the public pages as they were")
		}
		opens := time.Date(2025, time.June, 15, 1, 0, 0, 0, time.UTC)
		closes := time.Date(2025, time.June, 30, 17, 0, 0, 0, time.UTC)
		for _, c := range []struct{ since, want time.Time }{
			{time.Date(2025, time.June, 1, 0, 0, 0, 0, time.UTC), opens},
			{opens, closes},
			{closes, time.Time{}},
		} {
			got, err := s.store.Due(ctx, c.since)
			if err != nil || !got.Equal(c.want) {
				t.Errorf("due after %s: %s, %v; want %s", c.since, got, err, c.want)
			}
		}
	})
}
