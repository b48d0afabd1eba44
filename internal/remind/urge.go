package remind

import (
	"context"
	"database/sql"
	"fmt"

	"loa/internal/audit"
	"loa/internal/store"
	"loa/internal/valid"
	"loa/internal/vn"
)

// MaxNote is the longest note an urge may carry.
const MaxNote = 500

// Urge is the office urging a unit about an activity, by hand, with an optional note.
// It goes the way reminders go (in the app, by e-mail when set, into the log) inside
// the caller's transaction tx, which also holds its e-mail jobs. The same urge within
// the same minute goes once, so a double click sends one; sent tells whether this one
// went. The unit must be the activity's lead or one of its partners.
func (s *Service) Urge(ctx context.Context, tx *sql.Tx, agencyID, activityID, by, note string) (sent bool, err error) {
	note = vn.Clean(note)
	errs := valid.Errors{}
	errs.MaxLen("note", note, MaxNote)
	var planID, text string
	err = tx.QueryRowContext(ctx, `SELECT a.plan_id, a.text FROM plan_activities a WHERE a.id = $1`, activityID).Scan(&planID, &text)
	if err != nil {
		return false, store.NotFound(err)
	}
	var named bool
	if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM plan_activities WHERE id = $1 AND lead_agency_id = $2)
		OR EXISTS (SELECT 1 FROM plan_activity_partners WHERE activity_id = $1 AND agency_id = $2)`, activityID, agencyID).Scan(&named); err != nil {
		return false, err
	}
	if !named {
		errs.Add("agency_id", "remind.urge_not_assigned")
	}
	if err := errs.Err(); err != nil {
		return false, err
	}
	people, err := unitPeople(ctx, tx, agencyID)
	if err != nil {
		return false, err
	}
	title := vi("remind.title.urge", short(text))
	var lines []string
	if note != "" {
		title = vi("remind.title.urge_note", short(text), note)
		lines = append(lines, vi("remind.mail.note", note))
	}
	minute := s.Now().In(vn.Location).Format("2006-01-02T15:04")
	o := outgoing{Kind: Urge, Agency: agencyID, ActivityID: activityID, SentBy: by, Title: title, Lines: lines,
		Key: fmt.Sprintf("%s:%s:%s:%s", Urge, agencyID, activityID, minute), Link: "/plans/" + planID, To: withEmail(people)}
	sent, err = s.deliver(ctx, tx, o)
	if err != nil || !sent {
		return false, err
	}
	return true, audit.Record(ctx, tx, audit.Entry{Action: "urge", Entity: "reminder", EntityID: activityID, AgencyID: agencyID,
		Summary: title})
}

func unitPeople(ctx context.Context, q store.Querier, agencyID string) ([]person, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, agency_id, full_name, email FROM users WHERE agency_id = $1 AND NOT disabled ORDER BY full_name, id`, agencyID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []person
	for rows.Next() {
		var p person
		if err := rows.Scan(&p.ID, &p.Agency, &p.Name, &p.Email); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}
