package report

import (
	"time"

	"loa/internal/plan"
	"loa/internal/vn"
)

// Status is where a report is in its life.
type Status string

const (
	StatusDraft     Status = "draft"     // figures live, narrative being written
	StatusSubmitted Status = "submitted" // figures frozen, waiting for a leader
	StatusReturned  Status = "returned"  // sent back by a leader; figures live again
	StatusApproved  Status = "approved"
	StatusIssued    Status = "issued" // numbered and dated
	StatusSent      Status = "sent"   // delivered to the recipient agency
	StatusReplaced  Status = "replaced"
)

// Label is the catalogue key of the status.
func (s Status) Label() string { return "report.status." + string(s) }

// Frozen tells whether the figures are fixed (from submission on).
func (s Status) Frozen() bool {
	return s == StatusSubmitted || s == StatusApproved || s == StatusIssued || s == StatusSent || s == StatusReplaced
}

// Editable tells whether the narrative may change.
func (s Status) Editable() bool { return s == StatusDraft || s == StatusReturned }

// Header is the parts of the printed report around the figures.
type Header struct {
	ParentBody  string      `json:"parent_body"`
	IssuingBody string      `json:"issuing_body"`
	Summary     string      `json:"summary"`
	KinhGui     []string    `json:"kinh_gui"`
	Signer      plan.Signer `json:"signer"`
	Recipients  []string    `json:"recipients"`
}

// Report is a periodic report.
type Report struct {
	ID          string       `json:"id"`
	SeriesID    string       `json:"series_id"`
	Version     int          `json:"version"`
	AgencyID    string       `json:"agency_id"`
	Agency      string       `json:"agency"`
	PlanID      string       `json:"plan_id,omitempty"`
	Period      string       `json:"period"`
	From        vn.Date      `json:"from"`
	To          vn.Date      `json:"to"`
	Status      Status       `json:"status"`
	Number      string       `json:"number"`
	Symbol      string       `json:"symbol"`
	Place       string       `json:"place"`
	Date        plan.DocDate `json:"date"`
	RecipientID string       `json:"recipient_agency_id,omitempty"`
	Recipient   string       `json:"recipient,omitempty"`
	Deadline    vn.Date      `json:"deadline"`
	Header      Header       `json:"header"`
	Narrative   Narrative    `json:"narrative"`
	// Figures are frozen at submission; until then they are compiled on each view.
	Figures     *Compiled  `json:"figures,omitempty"`
	RowVersion  int        `json:"row_version"`
	SubmittedAt *time.Time `json:"submitted_at,omitempty"`
	SentAt      *time.Time `json:"sent_at,omitempty"`
	CreatedAt   time.Time  `json:"created_at"`
	UpdatedAt   time.Time  `json:"updated_at"`
}

// OnTime tells whether a sent report reached its recipient by the deadline.
func (r *Report) OnTime() bool {
	return r.SentAt != nil && (r.Deadline.IsZero() || !vn.DateOf(*r.SentAt).After(r.Deadline))
}
