package app

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"loa/internal/store/storetest"
)

func TestTheOfficeUrgesALateUnitFromTheDashboardAndTheUnitIsTold(t *testing.T) {
	s := newSite(t, storetest.SQLite(t))
	office := s.as("vanphong")
	planID := s.demoPlanID()
	p, err := s.app.Plans.Get(t.Context(), planID)
	if err != nil {
		t.Fatal(err)
	}
	contest := p.Activities[4] // "nếu có" contest, never started: overdue in the demo
	dash := office.get("/plans/" + planID + "/progress")
	if dash.status != http.StatusOK || !strings.Contains(dash.body, `name="activity_id" value="`+contest.ID+`"`) {
		t.Fatalf("the dashboard should offer to urge the late activity: %d", dash.status)
	}
	res := office.post("/reminders/urge", url.Values{"activity_id": {contest.ID}, "agency_id": {contest.Lead.AgencyID}, "next": {"/plans/" + planID + "/progress"}})
	if res.status != http.StatusSeeOther || res.location != "/plans/"+planID+"/progress" {
		t.Fatalf("urge: %d %q", res.status, res.location)
	}
	if log := office.get("/reminders").body; !strings.Contains(log, "Tham dự Cuộc thi đánh giá năng lực") {
		t.Error("the reminder log should list the urge")
	}
	if n := office.get("/notifications").body; !strings.Contains(n, "Tham dự Cuộc thi") {
		t.Error("the lead unit (the office itself here) should be notified")
	}
}

func TestAUnitSeesItsOwnFiguresOnlyAndNoOtherUnitsResults(t *testing.T) {
	s := newSite(t, storetest.SQLite(t))
	w := s.seedWork()
	unit := s.as("donvi")
	dash := unit.get("/plans/" + s.demoPlanID() + "/progress")
	if dash.status != http.StatusOK || !strings.Contains(dash.body, "Bạn đang xem số liệu của đơn vị mình.") {
		t.Fatalf("a unit's dashboard: %d", dash.status)
	}
	if strings.Contains(dash.body, "Trung tâm Kỹ thuật Tiêu chuẩn") && strings.Contains(dash.body, "<option value=\"\">Tất cả</option></select>") {
		t.Error("a unit should not pick other units")
	}
	// A result of another unit is not the centre's to see.
	list, _, err := s.app.progress.Store.List(t.Context(), progressFilterFor(s, "VP"))
	if err != nil || len(list) == 0 {
		t.Fatalf("the office's results: %v", err)
	}
	if got := unit.get("/results/" + list[0].ID).status; got != http.StatusForbidden {
		t.Errorf("the centre opening the office's result: %d", got)
	}
	if got := unit.get("/results/" + w.result).status; got != http.StatusOK {
		t.Errorf("the centre opening its own result: %d", got)
	}
}
