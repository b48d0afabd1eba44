package indicator

import (
	"context"
	"database/sql"
	"slices"

	"loa/internal/audit"
	"loa/internal/plan"
	"loa/internal/store"
	"loa/internal/valid"
)

// LinkedTopic is a plan topic meant to move an indicator.
type LinkedTopic struct {
	PlanID    string
	PlanYear  int
	PlanTitle string
	AgencyID  string
	TopicID   string
	Seq       int
	Text      string
}

// TopicLinks maps each topic of the plan to the indicators it is linked to.
func (s *Store) TopicLinks(ctx context.Context, planID string) (map[string][]string, error) {
	return topicLinks(ctx, s.db.Read(), planID)
}

func topicLinks(ctx context.Context, q store.Querier, planID string) (map[string][]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT l.topic_id, l.indicator_id FROM topic_indicators l
		JOIN plan_topics t ON t.id = l.topic_id WHERE t.plan_id = $1 ORDER BY l.topic_id, l.indicator_id`, planID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string][]string{}
	for rows.Next() {
		var topic, ind string
		if err := rows.Scan(&topic, &ind); err != nil {
			return nil, err
		}
		out[topic] = append(out[topic], ind)
	}
	return out, rows.Err()
}

// SetTopicLinks replaces the links of the plan's topics with links (topic → the
// indicators it aims to move). A topic of another plan or an unknown indicator is
// refused.
func (s *Store) SetTopicLinks(ctx context.Context, planID string, links map[string][]string) error {
	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		var agencyID string
		if err := tx.QueryRowContext(ctx, `SELECT agency_id FROM plans WHERE id = $1`, planID).Scan(&agencyID); err != nil {
			return store.NotFound(err)
		}
		topics, err := idSet(ctx, tx, `SELECT id FROM plan_topics WHERE plan_id = $1`, planID)
		if err != nil {
			return err
		}
		inds, err := idSet(ctx, tx, `SELECT id FROM indicators`)
		if err != nil {
			return err
		}
		for topic, ids := range links {
			for _, id := range ids {
				if !topics[topic] || !inds[id] {
					errs := valid.Errors{}
					errs.Add("", "indicator.link_unknown")
					return errs.Err()
				}
			}
		}
		before, err := topicLinks(ctx, tx, planID)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM topic_indicators WHERE topic_id IN (SELECT id FROM plan_topics WHERE plan_id = $1)`,
			planID); err != nil {
			return err
		}
		after := map[string][]string{}
		for topic, ids := range links {
			ids = slices.Compact(slices.Sorted(slices.Values(ids)))
			for _, id := range ids {
				if _, err := tx.ExecContext(ctx, `INSERT INTO topic_indicators (topic_id, indicator_id) VALUES ($1, $2)`, topic, id); err != nil {
					return err
				}
			}
			if len(ids) > 0 {
				after[topic] = ids
			}
		}
		return audit.Record(ctx, tx, audit.Entry{Action: "update", Entity: "indicator_links", EntityID: planID, AgencyID: agencyID,
			Summary: "Gắn chủ đề của kế hoạch với các chỉ số", Before: before, After: after})
	})
}

func idSet(ctx context.Context, q store.Querier, query string, args ...any) (map[string]bool, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out[id] = true
	}
	return out, rows.Err()
}

// linkedFrom is the join of the links to their topics and plans. A plan replaced by
// its amendment is left out: the amendment is the plan in force.
const linkedFrom = ` FROM topic_indicators l JOIN plan_topics t ON t.id = l.topic_id JOIN plans p ON p.id = t.plan_id
	WHERE p.status <> '` + string(plan.StatusReplaced) + `'`

// LinkedTopics lists the topics linked to the indicator, the latest plans first.
func (s *Store) LinkedTopics(ctx context.Context, indicatorID string) ([]LinkedTopic, error) {
	rows, err := s.db.Read().QueryContext(ctx, `SELECT p.id, p.year, p.summary, p.agency_id, t.id, t.seq, t.text`+linkedFrom+
		` AND l.indicator_id = $1 ORDER BY p.year DESC, p.agency_id, p.id, t.seq`, indicatorID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []LinkedTopic
	for rows.Next() {
		var l LinkedTopic
		if err := rows.Scan(&l.PlanID, &l.PlanYear, &l.PlanTitle, &l.AgencyID, &l.TopicID, &l.Seq, &l.Text); err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

// LinkCounts counts the topics linked to each indicator, per agency whose plan holds
// them, so that a page counts only the plans its viewer may read.
func (s *Store) LinkCounts(ctx context.Context) (map[string]map[string]int, error) {
	rows, err := s.db.Read().QueryContext(ctx, `SELECT l.indicator_id, p.agency_id, COUNT(*)`+linkedFrom+` GROUP BY l.indicator_id, p.agency_id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]map[string]int{}
	for rows.Next() {
		var ind, agencyID string
		var n int
		if err := rows.Scan(&ind, &agencyID, &n); err != nil {
			return nil, err
		}
		if out[ind] == nil {
			out[ind] = map[string]int{}
		}
		out[ind][agencyID] = n
	}
	return out, rows.Err()
}
