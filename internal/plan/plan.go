// Package plan holds the heart of Loa: the yearly plan for communicating
// administrative reform, with its purposes and requirements, topics, channels, the
// table of key activities, funding, duties, recipients and signer; its lifecycle from
// draft to issued and closed; numbering from the agency's register; and its
// conversions to and from the one document model.
package plan

import (
	"time"

	"loa/internal/vn"
)

// Status is where a plan is in its life.
type Status string

const (
	StatusDraft     Status = "draft"     // being written by the office
	StatusSubmitted Status = "submitted" // waiting for a leader
	StatusReturned  Status = "returned"  // sent back by a leader with a comment
	StatusApproved  Status = "approved"  // approved, waiting for a number
	StatusIssued    Status = "issued"    // numbered and dated: frozen
	StatusInEffect  Status = "in_effect" // being carried out
	StatusClosed    Status = "closed"    // the year is over
	StatusReplaced  Status = "replaced"  // an amendment took its place
)

// Editable tells whether the content may still change.
func (s Status) Editable() bool { return s == StatusDraft || s == StatusReturned }

// Frozen tells whether the plan was issued (its content can change only by amendment).
func (s Status) Frozen() bool {
	return s == StatusIssued || s == StatusInEffect || s == StatusClosed || s == StatusReplaced
}

// Label is the catalogue key of the status.
func (s Status) Label() string { return "plan.status." + string(s) }

// DocDate is a document's date where any part may still be blank: a draft prints
// "ngày    tháng 01 năm 2024".
type DocDate struct {
	Day   int `json:"day"`
	Month int `json:"month"`
	Year  int `json:"year"`
}

// Complete tells whether every part is known.
func (d DocDate) Complete() bool { return d.Day > 0 && d.Month > 0 && d.Year > 0 }

// Date is the calendar day, when complete.
func (d DocDate) Date() vn.Date {
	if !d.Complete() {
		return vn.Date{}
	}
	return vn.Date{Year: d.Year, Month: time.Month(d.Month), Day: d.Day}
}

// Item is a labelled paragraph: "a) Nâng cao nhận thức …".
type Item struct {
	Label string `json:"label"`
	Text  string `json:"text"`
}

// Citation is a document a plan cites: a legal basis, or a document named in a topic.
type Citation struct {
	Text      string  `json:"text,omitempty"` // as the plan words it
	LibraryID string  `json:"library_id,omitempty"`
	Number    string  `json:"number,omitempty"`
	Symbol    string  `json:"symbol,omitempty"`
	TypeName  string  `json:"type,omitempty"`
	Date      vn.Date `json:"date"`
	Issuer    string  `json:"issuer,omitempty"`
}

// AgencyRef names an agency the way the plan does, and the agency it was matched to
// when one was found.
type AgencyRef struct {
	Name     string `json:"name"`
	AgencyID string `json:"agency_id,omitempty"`
	Abbr     string `json:"agency,omitempty"`
}

// Topic is a line of "Nội dung tuyên truyền".
type Topic struct {
	ID        string     `json:"id,omitempty"`
	Seq       int        `json:"seq"`
	Text      string     `json:"text"`
	Citations []Citation `json:"citations,omitempty"`
}

// ChannelKind classifies a form of communication, for results and totals.
type ChannelKind string

const (
	ChannelWebsite    ChannelKind = "website"    // Trang/Cổng thông tin điện tử
	ChannelLeaflet    ChannelKind = "leaflet"    // tờ gấp, tờ rơi
	ChannelPoster     ChannelKind = "poster"     // áp phích, pano
	ChannelTraining   ChannelKind = "training"   // tập huấn, bồi dưỡng
	ChannelConference ChannelKind = "conference" // hội nghị, hội thảo
	ChannelMeeting    ChannelKind = "meeting"    // lồng ghép trong họp, giao ban
	ChannelContest    ChannelKind = "contest"    // cuộc thi
	ChannelPress      ChannelKind = "press"      // báo, đài
	ChannelSocial     ChannelKind = "social"     // mạng xã hội
	ChannelOther      ChannelKind = "other"
)

// ChannelKinds lists every kind in the order forms offer them.
var ChannelKinds = []ChannelKind{ChannelWebsite, ChannelLeaflet, ChannelPoster, ChannelTraining, ChannelConference,
	ChannelMeeting, ChannelContest, ChannelPress, ChannelSocial, ChannelOther}

// Label is the catalogue key of the kind.
func (k ChannelKind) Label() string { return "plan.channel." + string(k) }

// Channel is a line of "Hình thức tuyên truyền".
type Channel struct {
	ID   string      `json:"id,omitempty"`
	Seq  int         `json:"seq"`
	Kind ChannelKind `json:"kind"`
	Text string      `json:"text"`
}

// Target is a measurable aim of an activity: 12 bài, 500 tờ gấp.
type Target struct {
	Quantity float64 `json:"quantity"`
	Unit     string  `json:"unit"`
}

// Activity is a row of the key activities table.
type Activity struct {
	ID          string      `json:"id,omitempty"`
	Seq         int         `json:"seq"`
	Kind        ChannelKind `json:"channel"`
	Text        string      `json:"text"`
	Lead        AgencyRef   `json:"lead"`
	Partners    []AgencyRef `json:"partners"`
	Supplier    *AgencyRef  `json:"supplier"`
	Time        string      `json:"time"` // as printed: "Trong năm 2024"
	StartsOn    vn.Date     `json:"starts_on"`
	EndsOn      vn.Date     `json:"ends_on"`
	Conditional bool        `json:"conditional"` // "nếu có": only if the occasion comes
	Target      *Target     `json:"target"`
	Budget      int64       `json:"budget,omitempty"` // VND
}

// Duty is what one holder must do under "Tổ chức thực hiện".
type Duty struct {
	Holder string    `json:"holder"` // "Thủ trưởng các đơn vị", "Văn phòng Sở"
	Agency AgencyRef `json:"agency"`
	Text   string    `json:"text,omitempty"` // a duty written as a paragraph
	Items  []Item    `json:"items,omitempty"`
}

// Signer is the signature block.
type Signer struct {
	Authority string `json:"authority"` // KT. GIÁM ĐỐC, or empty
	Title     string `json:"title"`     // GIÁM ĐỐC, PHÓ GIÁM ĐỐC
	Name      string `json:"name"`
}

// Plan is the whole structured plan.
type Plan struct {
	ID           string `json:"id,omitempty"`
	SeriesID     string `json:"series_id,omitempty"`
	Version      int    `json:"version"`
	AgencyID     string `json:"agency_id,omitempty"`
	Year         int    `json:"year"`
	Status       Status `json:"status"`
	ParentPlanID string `json:"parent_plan_id,omitempty"`
	SourcePlanID string `json:"source_plan_id,omitempty"`
	RowVersion   int    `json:"row_version"`

	ParentBody  string  `json:"parent_body"`
	IssuingBody string  `json:"issuing_body"`
	Number      string  `json:"number"`
	Symbol      string  `json:"symbol"`
	Place       string  `json:"place"`
	Date        DocDate `json:"date"`
	Summary     string  `json:"summary"`

	LegalBases   []Citation `json:"legal_bases"`
	Intro        string     `json:"intro"` // "Sở … xây dựng Kế hoạch … như sau:"
	Purposes     []Item     `json:"purposes"`
	Requirements []Item     `json:"requirements"`
	TopicsIntro  string     `json:"topics_intro,omitempty"`
	Topics       []Topic    `json:"topics"`
	Channels     []Channel  `json:"channels"`
	Activities   []Activity `json:"activities"`
	Funding      string     `json:"funding"`
	Duties       []Duty     `json:"duties"`
	Closing      string     `json:"closing"`
	Recipients   []string   `json:"recipients"`
	Signer       Signer     `json:"signer"`

	// Unrecognised keeps, word for word, what an import could not place, so nothing
	// of the source is lost.
	Unrecognised []string `json:"unrecognised,omitempty"`

	CreatedAt time.Time `json:"-"`
	UpdatedAt time.Time `json:"-"`
}
