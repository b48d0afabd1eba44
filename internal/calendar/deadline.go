package calendar

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"loa/internal/agency"
	"loa/internal/i18n"
	"loa/internal/period"
	"loa/internal/valid"
	"loa/internal/vn"
)

// Base is the day a deadline is counted from.
type Base string

const (
	// BaseCutoff counts from the period's cut-off, its last day (14/3 for the first
	// quarter).
	BaseCutoff Base = "cutoff"
	// BaseFixedDay counts from a fixed day of the period's last month: the Ministry of
	// Home Affairs wants reports by the 20th.
	BaseFixedDay Base = "fixed_day_of_month"
)

// Bases lists every base, in the order forms offer them.
var Bases = []Base{BaseCutoff, BaseFixedDay}

// Label is the catalogue key of the base's name.
func (b Base) Label() string { return "calendar.base." + string(b) }

// The reporting relations the catalogue names; a rule may use any other code.
const (
	RelationUnitToOffice            = "unit_to_office"
	RelationDepartmentToHomeAffairs = "department_to_home_affairs"
	RelationMinistry                = "ministry"
)

var namedRelations = []string{RelationUnitToOffice, RelationDepartmentToHomeAffairs, RelationMinistry}

// Rule says when a periodic report is due along one reporting relation: Offset
// working days after (or, negative, before) the base day, for the period kinds
// listed. A rule may be narrowed to reports from one agency, or from agencies of one
// kind.
type Rule struct {
	ID          string        `json:"id"`
	Relation    string        `json:"relation"`
	AgencyKind  agency.Kind   `json:"from_agency_kind,omitempty"`
	AgencyID    string        `json:"from_agency_id,omitempty"`
	Periods     []period.Kind `json:"period_kinds"`
	Base        Base          `json:"base"`
	Day         int           `json:"day_of_month,omitempty"` // for BaseFixedDay
	Offset      int           `json:"offset_working_days"`
	Description string        `json:"description"`
	RowVersion  int           `json:"row_version"`
}

// RelationKey is the catalogue key of the relation's name, or "" for a code the
// catalogue does not know, which is shown as it is.
func (r Rule) RelationKey() string {
	if slices.Contains(namedRelations, r.Relation) {
		return "calendar.relation." + r.Relation
	}
	return ""
}

// Summary says the rule in words: "2 ngày làm việc sau ngày chốt số liệu".
func (r Rule) Summary() i18n.Msg {
	n := r.Offset
	if n < 0 {
		n = -n
	}
	switch {
	case r.Base == BaseFixedDay && r.Offset == 0:
		return i18n.M("calendar.rule_text.day", r.Day)
	case r.Base == BaseFixedDay && r.Offset > 0:
		return i18n.M("calendar.rule_text.day_after", n, r.Day)
	case r.Base == BaseFixedDay:
		return i18n.M("calendar.rule_text.day_before", n, r.Day)
	case r.Offset == 0:
		return i18n.M("calendar.rule_text.cutoff")
	case r.Offset > 0:
		return i18n.M("calendar.rule_text.cutoff_after", n)
	}
	return i18n.M("calendar.rule_text.cutoff_before", n)
}

// Covers tells whether the rule sets deadlines for periods of kind k.
func (r Rule) Covers(k period.Kind) bool { return slices.Contains(r.Periods, k) }

// Deadline is the day a report of period p is due under rule r. It is always a working
// day: a base day that is a day off rolls forward to the next working day, and an
// offset counts working days only.
func (c *Calendar) Deadline(r Rule, p period.Period) vn.Date {
	base := p.To
	if r.Base == BaseFixedDay {
		// The 31st of a 30-day month is its last day.
		last := vn.Date{Year: p.To.Year, Month: p.To.Month + 1, Day: 0}.Time().Day()
		base = vn.Date{Year: p.To.Year, Month: p.To.Month, Day: min(r.Day, last)}
	}
	return c.AddWorkingDays(base, r.Offset)
}

// Select picks, among rules, the one for a report along relation from the agency with
// id and kind for a period of kind k: a rule naming the agency wins over one naming
// its kind, which wins over one for any agency. ok is false when none applies.
func Select(rules []Rule, relation, agencyID string, kind agency.Kind, k period.Kind) (rule Rule, ok bool) {
	best := -1
	for _, r := range rules {
		if r.Relation != relation || !r.Covers(k) {
			continue
		}
		rank := 0
		switch {
		case r.AgencyID != "":
			if r.AgencyID != agencyID {
				continue
			}
			rank = 2
		case r.AgencyKind != "":
			if r.AgencyKind != kind {
				continue
			}
			rank = 1
		}
		if rank > best {
			best, rule = rank, r
		}
	}
	return rule, best >= 0
}

// offsetLimit bounds the offset: beyond two months of working days a deadline no
// longer belongs to its period.
const offsetLimit = 40

var relationCode = regexp.MustCompile(`^[a-z][a-z0-9_]{1,39}$`)

// RuleLine is a rule as one line of the rules form: Line names its fields
// (relation_3, periods_3 …) so that a message lands where the user typed.
type RuleLine struct {
	Line   int
	Rule   Rule
	Delete bool
}

// checkRules says what is wrong with the rules the lines would leave, field by field.
// Two rules for the same relation, the same agencies and a common period kind are
// refused: Select could not choose between them.
func checkRules(lines []RuleLine, kept []Rule) valid.Errors {
	errs := valid.Errors{}
	type scope struct {
		relation string
		kind     agency.Kind
		agency   string
		period   period.Kind
	}
	seen := map[scope]int{} // → line, or -1 for a rule the form did not touch
	for _, r := range kept {
		for _, k := range r.Periods {
			seen[scope{r.Relation, r.AgencyKind, r.AgencyID, k}] = -1
		}
	}
	for _, l := range lines {
		if l.Delete {
			continue
		}
		r, field := l.Rule, func(name string) string { return fmt.Sprintf("%s_%d", name, l.Line) }
		if !relationCode.MatchString(r.Relation) {
			errs.Add(field("relation"), "calendar.rule.relation_code")
		}
		if r.AgencyKind != "" && !r.AgencyKind.Valid() {
			errs.Add(field("agency_kind"), "calendar.rule.agency_kind_unknown")
		}
		if r.AgencyKind != "" && r.AgencyID != "" {
			errs.Add(field("agency_id"), "calendar.rule.agency_or_kind")
		}
		if len(r.Periods) == 0 {
			errs.Add(field("periods"), "calendar.rule.periods_required")
		}
		for _, k := range r.Periods {
			if !k.Valid() {
				errs.Add(field("periods"), "calendar.rule.period_unknown")
			}
		}
		switch r.Base {
		case BaseCutoff:
		case BaseFixedDay:
			if r.Day < 1 || r.Day > 31 {
				errs.Add(field("day"), "calendar.rule.day_range")
			}
		default:
			errs.Add(field("base"), "calendar.rule.base_unknown")
		}
		if r.Offset < -offsetLimit || r.Offset > offsetLimit {
			errs.Add(field("offset"), "calendar.rule.offset_range", offsetLimit)
		}
		errs.MaxLen(field("description"), r.Description, 500)
		if errs.Has(field("relation")) || errs.Has(field("periods")) {
			continue
		}
		for _, k := range r.Periods {
			key := scope{r.Relation, r.AgencyKind, r.AgencyID, k}
			if other, dup := seen[key]; dup {
				if other < 0 {
					errs.Add(field("periods"), "calendar.rule.duplicate_kept", string(k))
				} else {
					errs.Add(field("periods"), "calendar.rule.duplicate", other+1, string(k))
				}
				break
			}
			seen[key] = l.Line
		}
	}
	return errs
}

// normalise tidies a rule as typed: a count from the cut-off has no day of the month.
func (r *Rule) normalise() {
	r.Relation = strings.TrimSpace(r.Relation)
	r.Description = vn.Clean(r.Description)
	if r.Base == BaseCutoff {
		r.Day = 0
	}
	slices.SortFunc(r.Periods, func(a, b period.Kind) int {
		return slices.Index(period.Kinds, a) - slices.Index(period.Kinds, b)
	})
	r.Periods = slices.Compact(r.Periods)
}

// periodsOfYear are the periods of the kinds given whose cut-off falls in year, by
// cut-off and the narrower first, as NextCutoffs orders them.
func periodsOfYear(year int, kinds []period.Kind) []period.Period {
	var out []period.Period
	for _, k := range kinds {
		if k == period.Month {
			for m := 1; m <= 12; m++ {
				p, _ := period.Of(k, year, m)
				out = append(out, p)
			}
			continue
		}
		p, _ := period.Of(k, year, 0)
		out = append(out, p)
	}
	slices.SortStableFunc(out, func(a, b period.Period) int {
		if c := a.To.Compare(b.To); c != 0 {
			return c
		}
		return -a.From.Compare(b.From)
	})
	return out
}
