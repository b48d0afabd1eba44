package progress_test

import (
	"errors"
	"testing"

	"loa/internal/progress"
	"loa/internal/store"
	"loa/internal/store/storetest"
)

func TestADifficultyIsRaisedEscalatedAnsweredAndClosedWithItsHistory(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := setup(t, db, memFiles{})
		ctx := f.ctx()
		if _, err := f.results.Raise(ctx, f.plan.ID, "", f.agencies["TTTT"], "", ""); !isField(err, "title") || !isField(err, "body") {
			t.Fatalf("empty difficulty: %v", err)
		}
		d, err := f.results.Raise(ctx, f.plan.ID, f.act(2).ID, f.agencies["TTTT"], "Chưa nhận được tờ gấp", "Sở TT&TT chưa cấp tờ gấp quý I.")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.results.MoveDifficulty(ctx, d.ID, 1, "answer", ""); !isField(err, "text") {
			t.Fatalf("answer without text: %v", err)
		}
		if _, err := f.results.MoveDifficulty(ctx, d.ID, 1, "escalate", "Đề nghị Ban Giám đốc làm việc với Sở TT&TT"); err != nil {
			t.Fatal(err)
		}
		if _, err := f.results.MoveDifficulty(ctx, d.ID, 2, "escalate", ""); !errors.Is(err, progress.ErrLocked) {
			t.Fatalf("escalating twice: %v", err)
		}
		if _, err := f.results.MoveDifficulty(ctx, d.ID, 2, "answer", "Đã có công văn đề nghị cấp bổ sung."); err != nil {
			t.Fatal(err)
		}
		if _, err := f.results.MoveDifficulty(ctx, d.ID, 3, "close", ""); err != nil {
			t.Fatal(err)
		}
		got, events, err := f.results.Difficulty(ctx, d.ID)
		if err != nil || got.Status != progress.DifficultyClosed || got.Answer != "Đã có công văn đề nghị cấp bổ sung." || len(events) != 4 || got.Activity == "" {
			t.Fatalf("difficulty %+v, %d events, %v", got, len(events), err)
		}
		list, _ := f.results.Difficulties(ctx, []string{f.agencies["TTTT"]}, f.plan.ID, "")
		if len(list) != 1 {
			t.Fatalf("unit's difficulties: %d", len(list))
		}
	})
}

func TestAnInspectionFollowsEachRecommendationToClosure(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := setup(t, db, memFiles{})
		ctx := f.ctx()
		in := progress.InspectionInput{PlanID: f.plan.ID, AgencyID: f.agencies["CCTĐC"], InspectedOn: "12/09/2024", Members: "Văn phòng Sở (2 người)",
			Findings: "Chưa lồng ghép nội dung CCHC vào giao ban tháng 7, 8.", Recommendations: "- Lồng ghép CCHC vào giao ban hằng tháng | 30/09/2024\n- Cập nhật tin bài lên Trang thông tin | xx"}
		if _, err := f.results.Inspect(ctx, in); !isField(err, "recommendations") {
			t.Fatalf("a wrong due day should be refused: %v", err)
		}
		in.Recommendations = "- Lồng ghép CCHC vào giao ban hằng tháng | 30/09/2024\n- Cập nhật tin bài lên Trang thông tin"
		ins, err := f.results.Inspect(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := f.results.Inspection(ctx, ins.ID)
		if len(got.Recommendations) != 2 || got.Recommendations[0].DueOn.String() != "2024-09-30" || got.Recommendations[1].Status != "open" {
			t.Fatalf("recommendations %+v", got.Recommendations)
		}
		if err := f.results.CloseRecommendation(ctx, ins.ID, got.Recommendations[0].ID, ""); !isField(err, "note") {
			t.Fatalf("closing without a note: %v", err)
		}
		if err := f.results.CloseRecommendation(ctx, ins.ID, got.Recommendations[0].ID, "Đã đưa vào chương trình giao ban từ tháng 10."); err != nil {
			t.Fatal(err)
		}
		if err := f.results.CloseRecommendation(ctx, ins.ID, got.Recommendations[0].ID, "again"); !errors.Is(err, progress.ErrLocked) {
			t.Fatalf("closing twice: %v", err)
		}
		got, _ = f.results.Inspection(ctx, ins.ID)
		if got.Recommendations[0].Status != "done" || got.Recommendations[0].ClosedOn.IsZero() {
			t.Fatalf("closed recommendation %+v", got.Recommendations[0])
		}
	})
}
