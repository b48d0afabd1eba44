// Package agency holds the tree of agencies — the city People's Committee, its
// departments, their offices, sub-departments, centres and divisions — and the outside
// agencies that plans name. Names, abbreviations and parents change over time (in 2025
// every Sở KH&CN absorbed its Sở Thông tin và Truyền thông), so every state is kept
// with the dates it was valid, and a past document prints the names of its day.
package agency

import (
	"regexp"
	"strings"
	"time"

	"loa/internal/vn"
)

// Kind is what sort of agency it is.
type Kind string

const (
	KindPeoplesCommittee Kind = "ubnd"      // Ủy ban nhân dân
	KindDepartment       Kind = "so"        // Sở, ban, ngành
	KindOffice           Kind = "van_phong" // Văn phòng
	KindDivision         Kind = "phong"     // Phòng
	KindSubDepartment    Kind = "chi_cuc"   // Chi cục
	KindCentre           Kind = "trung_tam" // Trung tâm
	KindUnit             Kind = "don_vi"    // Đơn vị sự nghiệp khác
	KindOther            Kind = "khac"      // Cơ quan, tổ chức khác (Thành ủy, báo, đài …)
)

// Kinds lists every kind in the order forms offer them.
var Kinds = []Kind{KindPeoplesCommittee, KindDepartment, KindOffice, KindDivision, KindSubDepartment, KindCentre, KindUnit, KindOther}

// Valid tells whether k is a known kind.
func (k Kind) Valid() bool {
	for _, x := range Kinds {
		if x == k {
			return true
		}
	}
	return false
}

// Label is the catalogue key of k's name.
func (k Kind) Label() string { return "agency.kind." + string(k) }

// Agency is an agency as it is now.
type Agency struct {
	ID           string    `json:"id"`
	Name         string    `json:"name"`       // "Sở Khoa học và Công nghệ"
	ShortName    string    `json:"short_name"` // "Sở KH&CN"
	Abbr         string    `json:"abbr"`       // "SKHCN", used in document symbols
	Kind         Kind      `json:"kind"`
	ParentID     string    `json:"parent_id,omitempty"`
	ElectronicID string    `json:"electronic_id,omitempty"` // 13 characters, QĐ 20/2020/QĐ-TTg
	External     bool      `json:"external"`                // named by plans, not run in this installation
	MergedInto   string    `json:"merged_into,omitempty"`
	EndedOn      vn.Date   `json:"ended_on"`
	RowVersion   int       `json:"row_version"`
	CreatedAt    time.Time `json:"-"`
	UpdatedAt    time.Time `json:"-"`
}

// Active tells whether the agency still exists (not merged away).
func (a *Agency) Active() bool { return a.MergedInto == "" }

// Period is one dated state of an agency's name, abbreviation and parent.
type Period struct {
	ID        string  `json:"id"`
	AgencyID  string  `json:"agency_id"`
	ValidFrom vn.Date `json:"valid_from"`
	ValidTo   vn.Date `json:"valid_to"` // exclusive; zero while current
	Name      string  `json:"name"`
	ShortName string  `json:"short_name"`
	Abbr      string  `json:"abbr"`
	ParentID  string  `json:"parent_id,omitempty"`
	Reason    string  `json:"reason"`
}

// Input is what a form gives to create or change an agency.
type Input struct {
	Name         string
	ShortName    string
	Abbr         string
	Kind         Kind
	ParentID     string
	ElectronicID string
	External     bool
	// From is the day a new name or abbreviation takes effect. Zero means a correction:
	// the current state is fixed in place and no history period is added.
	From   vn.Date
	Reason string
}

var electronicID = regexp.MustCompile(`^[0-9A-Z]{3}\.[0-9A-Z]{2}\.[0-9A-Z]{2}\.[0-9A-Z]{3}$`)
var abbrPattern = regexp.MustCompile(`^[\p{Lu}0-9&]+(?:[-.][\p{Lu}0-9&]+)*$`)

func (in *Input) normalise() {
	in.Name = vn.Clean(in.Name)
	in.ShortName = vn.Clean(in.ShortName)
	in.Abbr = strings.ToUpper(vn.Clean(in.Abbr))
	in.ElectronicID = strings.ToUpper(strings.TrimSpace(in.ElectronicID))
	in.Reason = vn.Clean(in.Reason)
}
