package plan

import (
	"fmt"

	"loa/internal/valid"
)

// Check lists what is wrong with a plan, field by field, without refusing to keep it:
// the editor shows each problem beside its row, and submitting needs none. Field names
// are "summary", "year", "activity.<seq>.lead" and so on.
func Check(p *Plan) valid.Errors {
	errs := valid.Errors{}
	errs.Required("summary", p.Summary)
	if p.Year < 2000 || p.Year > 2100 {
		errs.Add("year", "plan.year_range")
	}
	if len(p.Activities) == 0 {
		errs.Add("activities", "plan.no_activities")
	}
	seen := map[int]bool{}
	for _, a := range p.Activities {
		f := fmt.Sprintf("activity.%d.", a.Seq)
		if seen[a.Seq] {
			errs.Add(f+"seq", "plan.seq_duplicate", a.Seq)
		}
		seen[a.Seq] = true
		if a.Text == "" {
			errs.Add(f+"text", "plan.activity_text_required")
		}
		if a.Lead.Name == "" && a.Lead.AgencyID == "" {
			errs.Add(f+"lead", "plan.lead_required")
		}
		for _, d := range []struct {
			field string
			year  int
			zero  bool
		}{{"starts_on", a.StartsOn.Year, a.StartsOn.IsZero()}, {"ends_on", a.EndsOn.Year, a.EndsOn.IsZero()}} {
			if !d.zero && d.year != p.Year {
				errs.Add(f+"time", "plan.time_outside_year", p.Year)
			}
		}
		if !a.StartsOn.IsZero() && !a.EndsOn.IsZero() && a.EndsOn.Before(a.StartsOn) {
			errs.Add(f+"time", "plan.time_reversed")
		}
		if a.Target != nil && a.Target.Quantity <= 0 {
			errs.Add(f+"target", "plan.target_positive")
		}
		if a.Budget < 0 {
			errs.Add(f+"budget", "plan.budget_negative")
		}
	}
	if p.Signer.Title == "" {
		errs.Add("signer", "plan.signer_required")
	}
	return errs
}
