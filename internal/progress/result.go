// Package progress is running the plan: the results units record with their
// evidence, the office's review, activities that never came to be, difficulties,
// inspections, and the figures of progress the dashboard draws.
package progress

import (
	"time"

	"loa/internal/plan"
	"loa/internal/vn"
)

// Status is where a result is in its review.
type Status string

const (
	StatusSubmitted Status = "submitted" // recorded by the unit, waiting for the office
	StatusReturned  Status = "returned"  // sent back with a comment, to be fixed
	StatusAccepted  Status = "accepted"  // counted; locked unless the office reopens it
)

// Label is the catalogue key of the status.
func (s Status) Label() string { return "result.status." + string(s) }

// Audiences are who a result reached.
var Audiences = []string{"leaders", "civil_servants", "citizens", "businesses"}

// FileRef is an evidence file of a result.
type FileRef struct {
	Hash        string `json:"hash"`
	Name        string `json:"name"`
	ContentType string `json:"content_type"`
	Size        int64  `json:"size"`
	Image       bool   `json:"image"`
}

// Result is what a unit did for an activity.
type Result struct {
	ID            string    `json:"id"`
	PlanID        string    `json:"plan_id"`
	ActivityID    string    `json:"activity_id"`
	AgencyID      string    `json:"agency_id"`
	Agency        string    `json:"agency"`
	DoneOn        vn.Date   `json:"done_on"`
	Quantity      float64   `json:"quantity"`
	Unit          string    `json:"unit"`
	Attendees     int       `json:"attendees"`
	Places        string    `json:"places"`
	Links         []string  `json:"links"`
	Audience      []string  `json:"audience"`
	Description   string    `json:"description"`
	Spent         int64     `json:"spent"`
	Topics        []string  `json:"topics"`   // plan topic ids
	Partners      []string  `json:"partners"` // agency ids of coordinating units that took part
	Files         []FileRef `json:"files"`
	Status        Status    `json:"status"`
	ReviewComment string    `json:"review_comment"`
	CreatedBy     string    `json:"created_by"`
	RowVersion    int       `json:"row_version"`
	CreatedAt     time.Time `json:"created_at"`
	UpdatedAt     time.Time `json:"updated_at"`
}

// Editable tells whether the unit may still change the result.
func (r *Result) Editable() bool { return r.Status != StatusAccepted }

// Measure is what a channel counts, so the form asks for what fits: articles with
// their links, leaflets and posters with places, meetings and training with people.
type Measure struct {
	Unit      string // default unit of the quantity
	Links     bool   // ask for the links of the articles
	Places    bool   // ask where they were handed out or put up
	Attendees string // catalogue key of the people counted, "" when none
}

// MeasureOf tells what a channel's results count.
func MeasureOf(k plan.ChannelKind) Measure {
	switch k {
	case plan.ChannelWebsite, plan.ChannelSocial, plan.ChannelPress:
		return Measure{Unit: "tin, bài", Links: true}
	case plan.ChannelLeaflet:
		return Measure{Unit: "tờ", Places: true}
	case plan.ChannelPoster:
		return Measure{Unit: "áp phích", Places: true}
	case plan.ChannelMeeting, plan.ChannelConference:
		return Measure{Unit: "cuộc", Attendees: "result.attendees_meeting"}
	case plan.ChannelTraining:
		return Measure{Unit: "lớp", Attendees: "result.attendees_training"}
	case plan.ChannelContest:
		return Measure{Unit: "cuộc thi", Attendees: "result.attendees_contest"}
	}
	return Measure{Unit: "lần"}
}
