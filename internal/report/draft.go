package report

import (
	"context"
	"strings"

	"loa/internal/agency"
	"loa/internal/i18n"
	"loa/internal/period"
	"loa/internal/plan"
	"loa/internal/register"
	"loa/internal/store"
)

// Draft starts a report of ag for period p on plan pl (nil: none) with its header
// filled as the office usually writes it: sent to Sở Nội vụ when the installation
// knows it, else to the agency above; signed as the plan was.
func Draft(ctx context.Context, db *store.DB, agencies *agency.Store, ag *agency.Agency, pl *plan.Plan, p period.Period, lang i18n.Lang) (*Report, error) {
	settings, err := register.Get(ctx, db.Read(), ag.ID)
	if err != nil {
		return nil, err
	}
	parent, issuing, err := plan.AgencyNames{Agencies: agencies}.HeaderNames(ctx, ag.ID, p.To)
	if err != nil {
		return nil, err
	}
	r := &Report{AgencyID: ag.ID, Agency: ag.Name, Period: p.String(), From: p.From, To: p.To, Status: StatusDraft, Version: 1,
		Symbol: "BC-" + ag.Abbr, Place: settings.Place, Date: plan.DocDate{Month: int(p.To.Month), Year: p.To.Year}}
	if pl != nil {
		r.PlanID = pl.ID
		r.Header.Signer = pl.Signer
	}
	r.Header.ParentBody, r.Header.IssuingBody = parent, issuing
	r.Header.Summary = "Kết quả công tác thông tin, tuyên truyền cải cách hành chính " + lowerFirst(p.Label().In(lang))
	if rec := recipientFor(ctx, agencies, ag); rec != nil {
		r.RecipientID, r.Recipient = rec.ID, rec.Name
		r.Header.KinhGui = []string{rec.Name}
	}
	r.Header.Recipients = []string{"Như trên", "Lưu: VT"}
	return r, nil
}

// recipientFor picks who a report goes to: the Sở Nội vụ beside the agency (the
// channel to the People's Committee), or else the agency above.
func recipientFor(ctx context.Context, agencies *agency.Store, ag *agency.Agency) *agency.Agency {
	all, err := agencies.All(ctx)
	if err != nil {
		return nil
	}
	var parent *agency.Agency
	for _, a := range all {
		if a.ID == ag.ParentID {
			parent = a
		}
	}
	for _, a := range all {
		if a.Active() && a.ParentID == ag.ParentID && a.ID != ag.ID && strings.EqualFold(a.Name, "Sở Nội vụ") {
			return a
		}
	}
	return parent
}
