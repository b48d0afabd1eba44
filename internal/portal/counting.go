package portal

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"time"

	"loa/internal/audit"
	"loa/internal/plan"
	"loa/internal/progress"
	"loa/internal/store"
	"loa/internal/valid"
	"loa/internal/vn"
)

// Publishing a CCHC article on the portal is the work the plan's website activity
// asks for ("Niêm yết, thông báo trên Cổng thông tin điện tử của Sở …"), so the first
// publication records a result of that activity for the unit of the editor who wrote
// it: nobody types it again.
//
// Which activity: an activity is on the website when its channel (plan_activities.kind,
// the marker every activity carries, set in the plan editor and guessed at import from
// "trang thông tin điện tử", "cổng thông tin", "website" …) is plan.ChannelWebsite. Among
// the website activities of the plans being carried out (issued or in effect) for the
// year of publication, by the unit itself or by an agency above it, the one that names
// the unit as lead or coordinator counts; the nearest agency's plan wins, then the
// first activity in the plan's table. No such activity, a plan not open, or a date
// the result rules refuse: nothing is recorded, and the reason is kept and shown.

// Count notes of an article that counted for nothing.
const (
	NoteNoActivity = "no_activity" // no open plan names the unit on a website activity
	NoteRefused    = "refused"     // the result rules refused it
)

// Counted is what an article's publication counted for in the plan.
type Counted struct {
	ResultID     string
	ActivityID   string
	ActivityText string
	PlanID       string
	Note         string
	RecordedAt   time.Time
	WithdrawnAt  time.Time
}

// CountOf returns what the article's publication counted for, or nil when it was
// not counted (yet).
func (s *Store) CountOf(ctx context.Context, articleID string) (*Counted, error) {
	var c Counted
	var wd sql.NullTime
	err := s.db.Read().QueryRowContext(ctx, `SELECT COALESCE(r.result_id, ''), COALESCE(r.activity_id, ''), COALESCE(a.text, ''),
		COALESCE(a.plan_id, ''), r.note, r.recorded_at, r.withdrawn_at
		FROM portal_article_results r LEFT JOIN plan_activities a ON a.id = r.activity_id WHERE r.article_id = $1`, articleID).
		Scan(&c.ResultID, &c.ActivityID, &c.ActivityText, &c.PlanID, &c.Note, &c.RecordedAt, &wd)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	c.WithdrawnAt = utc(wd)
	return &c, nil
}

// WebsiteActivity finds the activity a result of unit's website work in year counts
// for, by the rule above, or "" when there is none.
func WebsiteActivity(ctx context.Context, q store.Querier, unit string, year int) (string, error) {
	if unit == "" {
		return "", nil
	}
	var chain []string
	for id := unit; id != "" && len(chain) < 32; {
		chain = append(chain, id)
		var parent sql.NullString
		if err := q.QueryRowContext(ctx, `SELECT parent_id FROM agencies WHERE id = $1`, id).Scan(&parent); err != nil {
			return "", store.NotFound(err)
		}
		id = parent.String
	}
	rows, err := q.QueryContext(ctx, `SELECT a.id, p.agency_id, a.seq FROM plan_activities a JOIN plans p ON p.id = a.plan_id
		WHERE a.kind = $1 AND p.status IN ($2, $3) AND p.year = $4
		AND (a.lead_agency_id = $5 OR EXISTS (SELECT 1 FROM plan_activity_partners x WHERE x.activity_id = a.id AND x.agency_id = $5))`,
		string(plan.ChannelWebsite), string(plan.StatusIssued), string(plan.StatusInEffect), year, unit)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	best, bestRank, bestSeq := "", len(chain), 0
	for rows.Next() {
		var id, owner string
		var seq int
		if err := rows.Scan(&id, &owner, &seq); err != nil {
			return "", err
		}
		rank := slices.Index(chain, owner)
		if rank < 0 {
			continue // a plan of an agency not above the unit
		}
		if rank < bestRank || (rank == bestRank && seq < bestSeq) {
			best, bestRank, bestSeq = id, rank, seq
		}
	}
	return best, rows.Err()
}

// count records the result of a CCHC article that has just become public, once.
func (s *Store) count(ctx context.Context, tx *sql.Tx, a *Article) error {
	if s.progress == nil {
		return nil
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM portal_article_results WHERE article_id = $1`, a.ID).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	unit := a.AuthorAgencyID
	if unit == "" {
		unit = a.OwnerAgencyID
	}
	day := vn.DateOf(a.PublishedAt)
	activity, err := WebsiteActivity(ctx, tx, unit, day.Year)
	if err != nil {
		return err
	}
	var resultID, note string
	if activity == "" {
		note = NoteNoActivity
	} else {
		r, err := s.progress.RecordIn(ctx, tx, activity, progress.Input{
			AgencyID: unit, DoneOn: day.Short(), Quantity: "1", Unit: "tin, bài", Links: s.BaseURL + a.Path(),
			Audience:    []string{"citizens", "businesses"},
			Description: "Đăng «" + a.Title + "» trên cổng thông tin (ghi nhận tự động khi xuất bản).",
		})
		var ve *valid.Error
		switch {
		case errors.Is(err, progress.ErrNotOpen), errors.Is(err, progress.ErrNotUnits), errors.As(err, &ve):
			note = NoteRefused
		case err != nil:
			return err
		default:
			resultID = r.ID
		}
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO portal_article_results (article_id, result_id, activity_id, note, recorded_at) VALUES ($1, $2, $3, $4, $5)`,
		a.ID, nullable(resultID), nullable(activity), note, s.now())
	return err
}

// noteWithdrawal writes the withdrawal into the history of the result the article
// recorded, if any; the result itself stays as the office reviewed it.
func (s *Store) noteWithdrawal(ctx context.Context, tx *sql.Tx, a *Article, now time.Time) error {
	var resultID sql.NullString
	err := tx.QueryRowContext(ctx, `SELECT result_id FROM portal_article_results WHERE article_id = $1 AND withdrawn_at IS NULL`, a.ID).Scan(&resultID)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return err
	}
	if resultID.Valid && s.progress != nil {
		if err := s.progress.NoteIn(ctx, tx, resultID.String, "article_withdrawn", a.WithdrawReason); err != nil {
			return err
		}
	}
	_, err = tx.ExecContext(ctx, `UPDATE portal_article_results SET withdrawn_at = $1 WHERE article_id = $2`, now, a.ID)
	return err
}

// Settle does what a scheduled article's coming out needs, since nothing is written at
// that moment: it indexes the articles whose time came in the last week for search, and
// records the results of CCHC articles whose time has come, each once, in the name of
// the editor who approved it. Call it from a periodic job or before showing figures.
// It returns how many articles it counted.
func (s *Store) Settle(ctx context.Context) (int, error) {
	if err := s.indexDue(ctx); err != nil {
		return 0, err
	}
	if s.progress == nil {
		return 0, nil
	}
	ids, err := store.Strings(ctx, s.db.Read(), `SELECT a.id FROM portal_articles a WHERE`+publicWhere+` AND a.counts_for_plan
		AND NOT EXISTS (SELECT 1 FROM portal_article_results r WHERE r.article_id = a.id) ORDER BY a.published_at`, s.now())
	if err != nil {
		return 0, err
	}
	n := 0
	for _, id := range ids {
		err := s.db.Tx(ctx, func(tx *sql.Tx) error {
			a, err := get(ctx, tx, id)
			if err != nil {
				return err
			}
			if !a.Public(s.now()) || !a.CountsForPlan {
				return nil
			}
			actx := audit.WithActor(ctx, audit.Actor{UserID: a.PublishedBy, Name: a.PublisherName})
			return s.count(actx, tx, a)
		})
		if err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// indexDue indexes the scheduled articles that came out in the last week. Putting an
// article again changes nothing, so instances may run it side by side.
func (s *Store) indexDue(ctx context.Context) error {
	now := s.now()
	ids, err := store.Strings(ctx, s.db.Read(), `SELECT a.id FROM portal_articles a WHERE`+publicWhere+` AND a.published_at > $2
		AND EXISTS (SELECT 1 FROM portal_article_events e WHERE e.article_id = a.id AND e.action = 'schedule')`, now, now.AddDate(0, 0, -7))
	if err != nil {
		return err
	}
	for _, id := range ids {
		err := s.db.Tx(ctx, func(tx *sql.Tx) error {
			a, err := get(ctx, tx, id)
			if err != nil {
				return err
			}
			return s.index(ctx, tx, a, now)
		})
		if err != nil {
			return err
		}
	}
	return nil
}
