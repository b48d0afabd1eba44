package indicator_test

import (
	"errors"
	"strconv"
	"strings"
	"testing"

	"loa/internal/audit"
	"loa/internal/indicator"
	"loa/internal/library"
	"loa/internal/plan"
	"loa/internal/store"
	"loa/internal/store/storetest"
)

func TestTheFourNationalIndicesAreSeededWithTheirScales(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		list, err := f.s.List(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, i := range list {
			got = append(got, i.Code+" "+string(i.Unit)+" "+strconv.FormatFloat(i.Max, 'f', -1, 64))
			if !i.Shared() || !i.HigherIsBetter {
				t.Errorf("%s: shared %v, higher is better %v", i.Code, i.Shared(), i.HigherIsBetter)
			}
		}
		want := "PAR_INDEX percent 100|SIPAS percent 100|PAPI points 80|PCI points 100"
		if strings.Join(got, "|") != want {
			t.Fatalf("seeded indicators:\n got %s\nwant %s", strings.Join(got, "|"), want)
		}
	})
}

func TestAValueIsStoredWithItsSourceAndOneAuditRow(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		actx := audit.WithActor(ctx, audit.Actor{Name: "vanphong"})
		v, err := f.s.AddValue(actx, f.papi.ID, indicator.ValueInput{AgencyID: f.city.ID, Year: " 2023 ", Value: "43,8", Rank: "19",
			RankedOf: "63", Status: indicator.StatusPublished, Source: "  Báo cáo PAPI   2023 ", SourceURL: "https://papi.org.vn/bao-cao",
			PublishedOn: "10/04/2024"})
		if err != nil {
			t.Fatal(err)
		}
		got, err := f.s.Value(ctx, f.papi.ID, v.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Year != 2023 || got.Value != 43.8 || got.Rank != 19 || got.RankedOf != 63 || got.Source != "Báo cáo PAPI 2023" ||
			got.SourceURL != "https://papi.org.vn/bao-cao" || got.PublishedOn.Short() != "10/04/2024" || got.AgencyID != f.city.ID {
			t.Fatalf("stored value: %+v", got)
		}
		if n := f.count(`SELECT COUNT(*) FROM audit_log WHERE entity = 'indicator_value' AND entity_id = $1 AND action = 'create'
			AND actor_name = 'vanphong' AND agency_id = $2`, v.ID, f.city.ID); n != 1 {
			t.Fatalf("%d audit rows for the new value, want 1", n)
		}
	})
}

func TestAValueOutsideTheIndicatorsScaleIsRefused(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		for _, c := range []struct {
			ind   *indicator.Indicator
			value string
			want  string
		}{
			{f.papi, "80,01", "indicator.value_range"}, // PAPI is out of 80
			{f.par, "100,5", "indicator.value_range"},
			{f.par, "-1", "indicator.value_range"},
			{f.par, "", "indicator.value_number"},
			{f.par, "tám mươi", "indicator.value_number"},
			{f.par, "1e2", "indicator.value_number"},
			{f.par, "87,5,1", "indicator.value_number"},
		} {
			_, err := f.s.AddValue(ctx, c.ind.ID, indicator.ValueInput{AgencyID: f.city.ID, Year: "2023", Value: c.value,
				Status: indicator.StatusPublished, Source: "x"})
			if got := fields(t, err)["value"]; got != c.want {
				t.Errorf("%s %q: %q, want %q", c.ind.Code, c.value, got, c.want)
			}
		}
		for i, ok := range []string{"80", "0", "79,99", "45.71", "45,71%"} {
			if _, err := f.s.AddValue(ctx, f.papi.ID, indicator.ValueInput{AgencyID: f.city.ID, Year: strconv.Itoa(2020 + i),
				Value: ok, Status: indicator.StatusSelfAssessed}); err != nil {
				t.Errorf("PAPI %q refused: %v", ok, err)
			}
		}
	})
}

func TestARankMustComeWithTheNumberRankedAndNotExceedIt(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		for _, c := range []struct {
			rank, of    string
			field, want string
		}{
			{"64", "63", "rank", "indicator.rank_over"},
			{"12", "", "ranked_of", "indicator.ranked_of_number"},
			{"", "63", "rank", "indicator.rank_number"},
			{"0", "63", "rank", "indicator.rank_number"},
			{"12", "0", "ranked_of", "indicator.ranked_of_number"},
			{"thứ 12", "63", "rank", "indicator.rank_number"},
		} {
			_, err := f.s.AddValue(ctx, f.par.ID, indicator.ValueInput{AgencyID: f.city.ID, Year: "2023", Value: "85",
				Rank: c.rank, RankedOf: c.of, Status: indicator.StatusSelfAssessed})
			if got := fields(t, err)[c.field]; got != c.want {
				t.Errorf("rank %q of %q: %s = %q, want %q", c.rank, c.of, c.field, got, c.want)
			}
		}
		if _, err := f.s.AddValue(ctx, f.par.ID, indicator.ValueInput{AgencyID: f.city.ID, Year: "2023", Value: "85",
			Rank: "63", RankedOf: "63", Status: indicator.StatusSelfAssessed}); err != nil {
			t.Fatalf("last place refused: %v", err)
		}
	})
}

func TestTheYearMustBeAPastOrCurrentYearOfThisCentury(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db) // today is 1 March 2026
		for _, year := range []string{"1999", "2027", "204", "năm 2023", ""} {
			_, err := f.s.AddValue(ctx, f.par.ID, indicator.ValueInput{AgencyID: f.city.ID, Year: year, Value: "85",
				Status: indicator.StatusSelfAssessed})
			if got := fields(t, err)["year"]; got != "indicator.year_range" {
				t.Errorf("year %q: %q", year, got)
			}
		}
		// A target may look ahead; the reform programme runs to 2030.
		if _, err := f.s.AddTarget(ctx, f.par.ID, indicator.TargetInput{AgencyID: f.city.ID, Year: "2030", Rank: "10"}); err != nil {
			t.Fatalf("a 2030 target refused: %v", err)
		}
		_, err := f.s.AddTarget(ctx, f.par.ID, indicator.TargetInput{AgencyID: f.city.ID, Year: "2037", Rank: "10"})
		if got := fields(t, err)["year"]; got != "indicator.year_range" {
			t.Errorf("a target eleven years ahead: %q", got)
		}
	})
}

func TestAPublishedValueMustNameItsSource(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		in := indicator.ValueInput{AgencyID: f.city.ID, Year: "2023", Value: "86,2", Status: indicator.StatusPublished, Source: "   "}
		if got := fields(t, nil2(f.s.AddValue(ctx, f.par.ID, in)))["source"]; got != "indicator.source_required" {
			t.Fatalf("published without a source: %q", got)
		}
		in.Status = ""
		if got := fields(t, nil2(f.s.AddValue(ctx, f.par.ID, in)))["status"]; got != "indicator.status_required" {
			t.Fatalf("without a status: %q", got)
		}
		// The office's own score before the result comes out needs no source.
		in.Status = indicator.StatusSelfAssessed
		if _, err := f.s.AddValue(ctx, f.par.ID, in); err != nil {
			t.Fatalf("self-assessed value without a source refused: %v", err)
		}
	})
}

// nil2 keeps the error of a two-result call.
func nil2[T any](_ T, err error) error { return err }

func TestThePublishingDocumentIsTakenFromTheLibraryAndNamesTheSource(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		lib := library.NewStore(db)
		for _, date := range []string{"15/03/2023", "02/05/2024"} {
			if _, err := lib.Create(ctx, library.Input{NumberSymbol: "1256/QĐ-BCĐCCHC", IssuedOn: date, Issuer: "Ban Chỉ đạo CCHC của Chính phủ",
				Summary: "Phê duyệt và công bố Chỉ số cải cách hành chính", Scope: library.ScopeCentral, OwnerAgencyID: f.city.ID}); err != nil {
				t.Fatal(err)
			}
		}
		v, err := f.s.AddValue(ctx, f.par.ID, indicator.ValueInput{AgencyID: f.city.ID, Year: "2023", Value: "86,2",
			Status: indicator.StatusPublished, Document: "1256/QĐ-BCĐCCHC"})
		if err != nil {
			t.Fatal(err)
		}
		// Offices number from 01 each year: of the two 1256s, the 2024 one published the 2023 result.
		if v.Doc == nil || v.Doc.IssuedOn.Short() != "02/05/2024" || v.Source != "Quyết định số 1256/QĐ-BCĐCCHC ngày 02/05/2024" {
			t.Fatalf("document %+v, source %q", v.Doc, v.Source)
		}
		got, err := f.s.Value(ctx, f.par.ID, v.ID)
		if err != nil || got.Doc == nil || got.Doc.ID != v.Doc.ID || got.Doc.Heading != "Quyết định số 1256/QĐ-BCĐCCHC" {
			t.Fatalf("read back: %+v, %v", got, err)
		}
		_, err = f.s.AddValue(ctx, f.par.ID, indicator.ValueInput{AgencyID: f.city.ID, Year: "2022", Value: "83,9",
			Status: indicator.StatusPublished, Document: "99/QĐ-BNV"})
		if got := fields(t, err); got["document"] != "indicator.document_missing" || got["source"] != "" {
			t.Fatalf("a document the library lacks: %v", got)
		}
		_, err = f.s.AddValue(ctx, f.par.ID, indicator.ValueInput{AgencyID: f.city.ID, Year: "2022", Value: "83,9",
			Status: indicator.StatusPublished, Source: "x", Document: "quyết định công bố"})
		if got := fields(t, err)["document"]; got != "indicator.document_format" {
			t.Fatalf("not a number and symbol: %q", got)
		}
	})
}

func TestASecondValueForTheSameAgencyAndYearIsRefusedWithAMessage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		first := f.value(f.par, "2023", "86,2", "15", "63")
		_, err := f.s.AddValue(ctx, f.par.ID, indicator.ValueInput{AgencyID: f.city.ID, Year: "2023", Value: "87",
			Status: indicator.StatusPublished, Source: "x"})
		if got := fields(t, err)["year"]; got != "indicator.value_duplicate" {
			t.Fatalf("duplicate: %q", got)
		}
		if !strings.Contains(err.Error(), "Đã có số liệu PAR Index năm 2023") {
			t.Fatalf("the message does not say what is already there: %v", err)
		}
		// The same year for a department, or another year for the city, is another value.
		if _, err := f.s.AddValue(ctx, f.par.ID, indicator.ValueInput{AgencyID: f.dept.ID, Year: "2023", Value: "85",
			Status: indicator.StatusSelfAssessed}); err != nil {
			t.Fatalf("the department's own PAR Index refused: %v", err)
		}
		second := f.value(f.par, "2022", "83,9", "", "")
		_, err = f.s.UpdateValue(ctx, f.par.ID, second.ID, second.RowVersion, indicator.ValueInput{Year: "2023", Value: "83,9",
			Status: indicator.StatusPublished, Source: "x"})
		if got := fields(t, err)["year"]; got != "indicator.value_duplicate" {
			t.Fatalf("moving a value onto a year already recorded: %q", got)
		}
		if _, err := f.s.UpdateValue(ctx, f.par.ID, first.ID, first.RowVersion, indicator.ValueInput{Year: "2023", Value: "86,25",
			Rank: "15", RankedOf: "63", Status: indicator.StatusPublished, Source: "x"}); err != nil {
			t.Fatalf("correcting a value in its own year: %v", err)
		}
		if n := f.count(`SELECT COUNT(*) FROM indicator_values WHERE indicator_id = $1 AND agency_id = $2 AND year = 2023`, f.par.ID, f.city.ID); n != 1 {
			t.Fatalf("%d values for 2023", n)
		}
	})
}

func TestACorrectionOfAValueChangedMeanwhileIsRefusedAndADeletionIsLogged(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		v := f.value(f.par, "2023", "86,2", "", "")
		in := indicator.ValueInput{Year: "2023", Value: "86,3", Status: indicator.StatusPublished, Source: "x"}
		if _, err := f.s.UpdateValue(ctx, f.par.ID, v.ID, v.RowVersion, in); err != nil {
			t.Fatal(err)
		}
		if _, err := f.s.UpdateValue(ctx, f.par.ID, v.ID, v.RowVersion, in); !errors.Is(err, indicator.ErrStale) {
			t.Fatalf("second save on the old version: %v", err)
		}
		if err := f.s.DeleteValue(ctx, f.par.ID, v.ID, v.RowVersion); !errors.Is(err, indicator.ErrStale) {
			t.Fatalf("deleting the old version: %v", err)
		}
		if _, err := f.s.Value(ctx, f.papi.ID, v.ID); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("a value read through another indicator: %v", err)
		}
		if err := f.s.DeleteValue(ctx, f.par.ID, v.ID, v.RowVersion+1); err != nil {
			t.Fatal(err)
		}
		if n := f.count(`SELECT COUNT(*) FROM audit_log WHERE entity = 'indicator_value' AND entity_id = $1`, v.ID); n != 3 {
			t.Fatalf("%d audit rows for create, update and delete", n)
		}
	})
}

func TestATargetNeedsAValueOrARankWithinTheScaleAndOnePerYear(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		_, err := f.s.AddTarget(ctx, f.papi.ID, indicator.TargetInput{AgencyID: f.city.ID, Year: "2025"})
		if got := fields(t, err)["value"]; got != "indicator.target_empty" {
			t.Fatalf("empty target: %q", got)
		}
		_, err = f.s.AddTarget(ctx, f.papi.ID, indicator.TargetInput{AgencyID: f.city.ID, Year: "2025", Value: "81"})
		if got := fields(t, err)["value"]; got != "indicator.value_range" {
			t.Fatalf("a PAPI target above 80: %q", got)
		}
		f.target(f.papi, "2025", "45", "")
		_, err = f.s.AddTarget(ctx, f.papi.ID, indicator.TargetInput{AgencyID: f.city.ID, Year: "2025", Rank: "10"})
		if got := fields(t, err)["year"]; got != "indicator.target_duplicate" {
			t.Fatalf("second target for 2025: %q", got)
		}
		_, err = f.s.AddTarget(ctx, f.papi.ID, indicator.TargetInput{AgencyID: "", Year: "2026", Rank: "10"})
		if got := fields(t, err)["agency_id"]; got != "indicator.agency_required" {
			t.Fatalf("a target for no agency: %q", got)
		}
	})
}

func TestTheTrendListsYearsInOrderWithTheirTargets(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		f.value(f.par, "2023", "86,2", "15", "63")
		f.value(f.par, "2020", "84,1", "20", "63")
		f.target(f.par, "2025", "", "10")
		f.value(f.par, "2022", "83,9", "24", "63")
		f.target(f.par, "2023", "86", "")
		s, err := f.s.Series(ctx, f.par, f.city.ID)
		if err != nil {
			t.Fatal(err)
		}
		var years []int
		for _, p := range s.Points {
			years = append(years, p.Year)
		}
		if len(years) != 4 || years[0] != 2020 || years[1] != 2022 || years[2] != 2023 || years[3] != 2025 {
			t.Fatalf("years %v, want 2020 2022 2023 2025", years)
		}
		if p := s.At(2023); p.Value == nil || p.Target == nil || p.Outcome(f.par) != indicator.OutcomeMet {
			t.Fatalf("2023: %+v", p)
		}
		if s.Latest().Year != 2023 || s.NextTarget().Year != 2025 {
			t.Fatalf("latest %d, next target %d", s.Latest().Year, s.NextTarget().Year)
		}
		other, err := f.s.Series(ctx, f.par, f.dept.ID)
		if err != nil || len(other.Points) != 0 {
			t.Fatalf("the department's series holds the city's figures: %+v %v", other, err)
		}
	})
}

func TestTheChangeFromLastYearComparesWithTheYearJustBefore(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		f.value(f.par, "2021", "85,3", "18", "63")
		f.value(f.par, "2023", "86,2", "15", "63")
		s, err := f.s.Series(ctx, f.par, f.city.ID)
		if err != nil {
			t.Fatal(err)
		}
		if c := s.Change(); c != nil {
			t.Fatalf("2023 against 2021 is no change from last year: %+v", c)
		}
		f.value(f.par, "2024", "85,7", "11", "63")
		if s, err = f.s.Series(ctx, f.par, f.city.ID); err != nil {
			t.Fatal(err)
		}
		c := s.Change()
		if c == nil || c.From != 2023 || c.To != 2024 || c.Trend != indicator.TrendWorse || c.Places() != 4 || !c.Ranked() {
			t.Fatalf("2024 against 2023: %+v", c)
		}
		if d := c.Delta; d > -0.49 || d < -0.51 {
			t.Fatalf("delta %v, want -0.5", d)
		}
	})
}

func TestAnIndexWhereLowerIsBetterReadsItsTrendAndTargetsTheOtherWay(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ind, err := f.s.Create(ctx, indicator.IndicatorInput{Code: "ho so tre han", Name: "Tỷ lệ hồ sơ giải quyết trễ hạn", Unit: indicator.UnitPercent,
			HigherIsBetter: false, OwnerAgencyID: f.dept.ID})
		if err != nil {
			t.Fatal(err)
		}
		if ind.Code != "HO_SO_TRE_HAN" || ind.Max != 100 {
			t.Fatalf("code %q, max %v", ind.Code, ind.Max)
		}
		add := func(year, value string) {
			if _, err := f.s.AddValue(ctx, ind.ID, indicator.ValueInput{AgencyID: f.dept.ID, Year: year, Value: value,
				Status: indicator.StatusSelfAssessed}); err != nil {
				t.Fatal(err)
			}
		}
		add("2024", "3,5")
		add("2025", "2,1")
		if _, err := f.s.AddTarget(ctx, ind.ID, indicator.TargetInput{AgencyID: f.dept.ID, Year: "2025", Value: "2,5"}); err != nil {
			t.Fatal(err)
		}
		s, err := f.s.Series(ctx, ind, f.dept.ID)
		if err != nil {
			t.Fatal(err)
		}
		if c := s.Change(); c == nil || c.Trend != indicator.TrendBetter {
			t.Fatalf("fewer late files is better: %+v", c)
		}
		if o := s.At(2025).Outcome(ind); o != indicator.OutcomeMet {
			t.Fatalf("2,1 against a ceiling of 2,5: %q", o)
		}
		higher := *ind
		higher.HigherIsBetter = true
		if o := s.At(2025).Outcome(&higher); o != indicator.OutcomeMissed {
			t.Fatalf("the same figures where higher is better: %q", o)
		}
	})
}

func TestAnIndicatorCodeIsUniqueAmongTheIndicatorsAnAgencySees(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		in := indicator.IndicatorInput{Code: "PAR_INDEX", Name: "Chỉ số CCHC của Sở", Unit: indicator.UnitPercent, OwnerAgencyID: f.dept.ID}
		if got := fields(t, nil2(f.s.Create(ctx, in)))["code"]; got != "indicator.code_taken" {
			t.Fatalf("an agency's code repeating a national one: %q", got)
		}
		in.Code = "DTI"
		if _, err := f.s.Create(ctx, in); err != nil {
			t.Fatal(err)
		}
		if got := fields(t, nil2(f.s.Create(ctx, in)))["code"]; got != "indicator.code_taken" {
			t.Fatalf("the same agency's code twice: %q", got)
		}
		in.OwnerAgencyID = f.other.ID
		if _, err := f.s.Create(ctx, in); err != nil {
			t.Fatalf("another department's own DTI refused: %v", err)
		}
		in.OwnerAgencyID = ""
		if got := fields(t, nil2(f.s.Create(ctx, in)))["code"]; got != "indicator.code_taken" {
			t.Fatalf("an installation code repeating an agency's: %q", got)
		}
		for code, want := range map[string]string{"1ABC": "indicator.code_format", "Đ": "indicator.code_format", "A": "indicator.code_format"} {
			in.Code = code
			if got := fields(t, nil2(f.s.Create(ctx, in)))["code"]; got != want {
				t.Errorf("code %q: %q", code, got)
			}
		}
	})
}

func TestAnIndicatorsScaleCannotShrinkBelowTheFiguresRecorded(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ind, err := f.s.Create(ctx, indicator.IndicatorInput{Code: "DTI", Name: "Chỉ số chuyển đổi số", Unit: indicator.UnitPoints, Max: "1000",
			HigherIsBetter: true, OwnerAgencyID: f.dept.ID})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.s.AddTarget(ctx, ind.ID, indicator.TargetInput{AgencyID: f.dept.ID, Year: "2025", Value: "650"}); err != nil {
			t.Fatal(err)
		}
		in := indicator.IndicatorInput{Code: "DTI", Name: "Chỉ số chuyển đổi số", Unit: indicator.UnitPoints, Max: "600", HigherIsBetter: true}
		if got := fields(t, nil2(f.s.Update(ctx, ind.ID, ind.RowVersion, in)))["max"]; got != "indicator.max_below_values" {
			t.Fatalf("shrinking below a target of 650: %q", got)
		}
		in.Max = "0"
		if got := fields(t, nil2(f.s.Update(ctx, ind.ID, ind.RowVersion, in)))["max"]; got != "indicator.max_range" {
			t.Fatalf("a maximum of 0: %q", got)
		}
		in.Max = "700"
		if _, err := f.s.Update(ctx, ind.ID, ind.RowVersion, in); err != nil {
			t.Fatal(err)
		}
		if _, err := f.s.Update(ctx, ind.ID, ind.RowVersion, in); !errors.Is(err, indicator.ErrStale) {
			t.Fatalf("saving the old version again: %v", err)
		}
	})
}

func TestTopicLinksAreReplacedPerPlanAndSurviveSavingTheDraft(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		topic := f.plan.Topics[4]
		if err := f.s.SetTopicLinks(ctx, f.plan.ID, map[string][]string{topic.ID: {f.par.ID, f.papi.ID, f.par.ID}}); err != nil {
			t.Fatal(err)
		}
		links, err := f.s.TopicLinks(ctx, f.plan.ID)
		if err != nil || len(links) != 1 || len(links[topic.ID]) != 2 {
			t.Fatalf("links %v, %v", links, err)
		}
		// The plan editor writes the topics again with the same ids: the links stay.
		plans := plan.NewStore(db)
		p, err := plans.Get(ctx, f.plan.ID)
		if err != nil {
			t.Fatal(err)
		}
		p.Topics[4].Text += " và các Chỉ số khác"
		if _, err := plans.Save(ctx, p, p.RowVersion); err != nil {
			t.Fatalf("saving the draft with linked topics: %v", err)
		}
		linked, err := f.s.LinkedTopics(ctx, f.par.ID)
		if err != nil || len(linked) != 1 || linked[0].Seq != 5 || !strings.HasSuffix(linked[0].Text, "các Chỉ số khác") ||
			linked[0].PlanID != f.plan.ID || linked[0].AgencyID != f.dept.ID {
			t.Fatalf("linked topics %+v, %v", linked, err)
		}
		counts, err := f.s.LinkCounts(ctx)
		if err != nil || counts[f.par.ID][f.dept.ID] != 1 || counts[f.papi.ID][f.dept.ID] != 1 {
			t.Fatalf("counts %v, %v", counts, err)
		}
		// Saving the form again replaces: PAPI off, topic 4 on.
		if err := f.s.SetTopicLinks(ctx, f.plan.ID, map[string][]string{topic.ID: {f.par.ID}, f.plan.Topics[3].ID: {f.par.ID}}); err != nil {
			t.Fatal(err)
		}
		if counts, _ = f.s.LinkCounts(ctx); counts[f.par.ID][f.dept.ID] != 2 || counts[f.papi.ID][f.dept.ID] != 0 {
			t.Fatalf("after replacing: %v", counts)
		}
		// A topic of another plan cannot be linked through this one.
		otherPlan, err := plans.Create(ctx, &plan.Plan{AgencyID: f.other.ID, Year: 2026, Status: plan.StatusDraft, Summary: "Kế hoạch của Sở Tài chính",
			Topics: []plan.Topic{{Seq: 1, Text: "Chỉ số PCI"}}}, "")
		if err != nil {
			t.Fatal(err)
		}
		err = f.s.SetTopicLinks(ctx, f.plan.ID, map[string][]string{otherPlan.Topics[0].ID: {f.par.ID}})
		if got := fields(t, err)[""]; got != "indicator.link_unknown" {
			t.Fatalf("another plan's topic: %q", got)
		}
		if n := f.count(`SELECT COUNT(*) FROM audit_log WHERE entity = 'indicator_links' AND entity_id = $1`, f.plan.ID); n != 2 {
			t.Fatalf("%d audit rows for two saves of the links", n)
		}
	})
}

func TestTwoPeopleRecordingTheSameYearAtOnceLeaveOneValueAndAMessage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		errs := make(chan error, 2)
		for _, v := range []string{"86,2", "86,3"} {
			go func() {
				_, err := f.s.AddValue(ctx, f.par.ID, indicator.ValueInput{AgencyID: f.city.ID, Year: "2023", Value: v,
					Status: indicator.StatusPublished, Source: "x"})
				errs <- err
			}()
		}
		var failed []error
		for range 2 {
			if err := <-errs; err != nil {
				failed = append(failed, err)
			}
		}
		if len(failed) != 1 {
			t.Fatalf("%d of two saves failed: %v", len(failed), failed)
		}
		if got := fields(t, failed[0])["year"]; got != "indicator.value_duplicate" {
			t.Fatalf("the second save: %q", got)
		}
		if n := f.count(`SELECT COUNT(*) FROM indicator_values`); n != 1 {
			t.Fatalf("%d values", n)
		}
	})
}

func TestTheDemoCarriesTheCitysFiguresWithSourcesAndLinksTheIndicesTopic(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		if err := indicator.Demo(ctx, db, f.city.ID, f.dept.ID); err != nil {
			t.Fatal(err)
		}
		values, err := f.s.AllValues(ctx)
		if err != nil {
			t.Fatal(err)
		}
		city := 0
		for _, v := range values {
			if v.AgencyID != f.city.ID {
				continue
			}
			city++
			published := v.Year == 2020 && v.SourceURL != ""
			if !published && v.Source != "Số liệu minh họa cho bản trình diễn, không phải số liệu công bố" {
				t.Errorf("%d value %v has neither a published source nor the illustrative note: %q", v.Year, v.Value, v.Source)
			}
			if v.Year < 2020 || v.Year > 2024 {
				t.Errorf("a demo value for %d", v.Year)
			}
		}
		if city != 20 {
			t.Fatalf("%d city values, want four indices × five years", city)
		}
		pci, err := f.s.ByCode(ctx, "", indicator.CodePCI)
		if err != nil {
			t.Fatal(err)
		}
		v, err := f.s.FindValue(ctx, pci.ID, f.city.ID, 2020)
		if err != nil || v == nil || v.Value != 66.33 || v.Rank != 12 || !strings.Contains(v.SourceURL, "pcivietnam.vn") {
			t.Fatalf("the published PCI 2020: %+v %v", v, err)
		}
		links, err := f.s.TopicLinks(ctx, f.plan.ID)
		if err != nil || len(links) != 1 || len(links[f.plan.Topics[4].ID]) != 4 {
			t.Fatalf("the indices topic links %v, %v", links, err)
		}
	})
}
