package remind

import (
	"context"
	"database/sql"
	"fmt"
	"slices"

	"github.com/google/uuid"

	"loa/internal/audit"
	"loa/internal/store"
	"loa/internal/valid"
)

// Rule is one reminder rule of an agency: remind Days days before an activity's end,
// on the day, every Days days while overdue, or Days days before a report cut-off.
type Rule struct {
	ID       string
	AgencyID string
	Kind     Kind
	Days     int
	Enabled  bool
}

// Defaults are the rules an agency starts with.
var Defaults = []Rule{
	{Kind: BeforeEnd, Days: 7, Enabled: true},
	{Kind: OnDay, Days: 0, Enabled: true},
	{Kind: OverdueEvery, Days: 7, Enabled: true},
	{Kind: BeforeCutoff, Days: 5, Enabled: true},
}

// dayLimits bound Days per kind: beyond them a reminder stops meaning "soon".
var dayLimits = map[Kind][2]int{
	BeforeEnd:    {1, 60},
	OnDay:        {0, 0},
	OverdueEvery: {1, 60},
	BeforeCutoff: {1, 30},
}

// ruleNamespace derives the ids of default rules. A default rule's id is a function of
// its agency and kind, so two instances creating the defaults at once write the same
// rows and the second insert does nothing.
var ruleNamespace = uuid.MustParse("6f1c3d2e-8a7b-4c5d-9e0f-1a2b3c4d5e6f")

func defaultRuleID(agencyID string, k Kind) string {
	return uuid.NewSHA1(ruleNamespace, []byte(agencyID+"/"+string(k))).String()
}

// ensureRules creates the default rules of an agency that has none.
func ensureRules(ctx context.Context, q store.Querier, agencyID string) error {
	var n int
	if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM reminder_rules WHERE agency_id = $1`, agencyID).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	now := store.Now()
	for _, r := range Defaults {
		if _, err := q.ExecContext(ctx, `INSERT INTO reminder_rules (id, agency_id, kind, days, enabled, created_at)
			VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING`,
			defaultRuleID(agencyID, r.Kind), agencyID, r.Kind, r.Days, r.Enabled, now); err != nil {
			return err
		}
	}
	return nil
}

func listRules(ctx context.Context, q store.Querier, agencyID string) ([]Rule, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, agency_id, kind, days, enabled FROM reminder_rules WHERE agency_id = $1`, agencyID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Rule
	for rows.Next() {
		var r Rule
		if err := rows.Scan(&r.ID, &r.AgencyID, &r.Kind, &r.Days, &r.Enabled); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	slices.SortFunc(out, func(a, b Rule) int {
		if c := slices.Index(RuleKinds, a.Kind) - slices.Index(RuleKinds, b.Kind); c != 0 {
			return c
		}
		return a.Days - b.Days
	})
	return out, nil
}

// Rules returns the agency's rules, kind by kind, creating the defaults when it has none.
func (s *Service) Rules(ctx context.Context, agencyID string) ([]Rule, error) {
	var out []Rule
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if err := ensureRules(ctx, tx, agencyID); err != nil {
			return err
		}
		var err error
		out, err = listRules(ctx, tx, agencyID)
		return err
	})
	return out, err
}

// CheckRules says what is wrong with a set of rules, field by field; the fields are
// named days_N and kind_N after the rule's place in the list.
func CheckRules(rules []Rule) valid.Errors {
	errs := valid.Errors{}
	if len(rules) == 0 {
		// An agency without rules gets the defaults back: to stop reminders, disable them.
		errs.Add("", "remind.rules_empty")
	}
	seen := map[string]int{}
	for i, r := range rules {
		lim, ok := dayLimits[r.Kind]
		if !ok {
			errs.Add(fmt.Sprintf("kind_%d", i), "remind.rule_kind_unknown")
			continue
		}
		if r.Days < lim[0] || r.Days > lim[1] {
			errs.Add(fmt.Sprintf("days_%d", i), "remind.rule_days_range", lim[0], lim[1])
			continue
		}
		key := fmt.Sprintf("%s/%d", r.Kind, r.Days)
		if j, dup := seen[key]; dup {
			errs.Add(fmt.Sprintf("days_%d", i), "remind.rule_duplicate", j+1)
			continue
		}
		seen[key] = i
	}
	return errs
}

// SaveRules replaces the agency's rules with rules: rows with an id are updated, rows
// without are added, and rules no longer listed are removed (their past reminders stay
// in the log, without the link to the rule).
func (s *Service) SaveRules(ctx context.Context, agencyID string, rules []Rule) error {
	for i := range rules {
		if rules[i].Kind == OnDay {
			rules[i].Days = 0 // "on the day" has no count of days, whatever the form sent
		}
	}
	if err := CheckRules(rules).Err(); err != nil {
		return err
	}
	return s.DB.Tx(ctx, func(tx *sql.Tx) error {
		before, err := listRules(ctx, tx, agencyID)
		if err != nil {
			return err
		}
		kept := map[string]bool{}
		now := store.Now()
		for i := range rules {
			r := &rules[i]
			r.AgencyID = agencyID
			if r.ID != "" && slices.ContainsFunc(before, func(b Rule) bool { return b.ID == r.ID }) {
				if _, err := tx.ExecContext(ctx, `UPDATE reminder_rules SET kind = $1, days = $2, enabled = $3 WHERE id = $4 AND agency_id = $5`,
					r.Kind, r.Days, r.Enabled, r.ID, agencyID); err != nil {
					return err
				}
				kept[r.ID] = true
				continue
			}
			r.ID = store.NewID()
			if _, err := tx.ExecContext(ctx, `INSERT INTO reminder_rules (id, agency_id, kind, days, enabled, created_at) VALUES ($1, $2, $3, $4, $5, $6)`,
				r.ID, agencyID, r.Kind, r.Days, r.Enabled, now); err != nil {
				return err
			}
		}
		for _, b := range before {
			if kept[b.ID] {
				continue
			}
			if _, err := tx.ExecContext(ctx, `UPDATE reminders SET rule_id = NULL WHERE rule_id = $1`, b.ID); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM reminder_rules WHERE id = $1`, b.ID); err != nil {
				return err
			}
		}
		return audit.Record(ctx, tx, audit.Entry{Action: "update", Entity: "reminder_rules", EntityID: agencyID, AgencyID: agencyID,
			Summary: "Sửa quy tắc nhắc việc", Before: before, After: rules})
	})
}
