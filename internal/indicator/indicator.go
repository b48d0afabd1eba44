// Package indicator tracks the indices that rate how agencies serve and govern — the
// PAR Index and SIPAS (Bộ Nội vụ, percentages), PAPI (CECODES and UNDP, 80 points),
// PCI (VCCI, 100 points) and any index an agency adds — with a value and rank per
// year and measured agency, the decision or page that published it, the targets
// agencies set, the trend, and the plan topics meant to move each index.
package indicator

import (
	"math"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"loa/internal/valid"
	"loa/internal/vn"
)

// Unit is how an indicator's values read.
type Unit string

const (
	UnitPercent Unit = "percent" // a share out of 100 % (PAR Index, SIPAS)
	UnitPoints  Unit = "points"  // points out of the indicator's maximum (PAPI 80, PCI 100)
)

// Units lists the units in the order forms offer them.
var Units = []Unit{UnitPercent, UnitPoints}

// Label is the catalogue key of u's name.
func (u Unit) Label() string { return "indicator.unit." + string(u) }

// Standard codes of the four national indices, in the order plans name them; the
// migration that creates the tables seeds them for the whole installation.
const (
	CodePAR   = "PAR_INDEX"
	CodeSIPAS = "SIPAS"
	CodePAPI  = "PAPI"
	CodePCI   = "PCI"
)

var standardOrder = []string{CodePAR, CodeSIPAS, CodePAPI, CodePCI}

// Indicator is an index that an agency tracks.
type Indicator struct {
	ID             string  `json:"id"`
	Code           string  `json:"code"`       // "PAR_INDEX", unique among the indicators an agency sees
	Name           string  `json:"name"`       // "Chỉ số cải cách hành chính"
	ShortName      string  `json:"short_name"` // "PAR Index"
	Publisher      string  `json:"publisher"`  // "Bộ Nội vụ", "CECODES, UNDP", "VCCI"
	Unit           Unit    `json:"unit"`
	Max            float64 `json:"max"` // 100 for a percentage
	HigherIsBetter bool    `json:"higher_is_better"`
	// OwnerAgencyID is the agency that tracks its own index; empty for an index of the
	// whole installation, such as the four national ones.
	OwnerAgencyID string    `json:"owner_agency_id,omitempty"`
	Description   string    `json:"description"`
	RowVersion    int       `json:"row_version"`
	CreatedAt     time.Time `json:"-"`
	UpdatedAt     time.Time `json:"-"`
}

// Label is the indicator's short name, or its name when it has none.
func (i *Indicator) Label() string {
	if i.ShortName != "" {
		return i.ShortName
	}
	return i.Name
}

// Shared tells whether the indicator belongs to the whole installation.
func (i *Indicator) Shared() bool { return i.OwnerAgencyID == "" }

// Better tells whether value a is better than b on this indicator.
func (i *Indicator) Better(a, b float64) bool {
	if i.HigherIsBetter {
		return a > b
	}
	return a < b
}

// Status says where a value comes from.
type Status string

const (
	// StatusPublished is the official result, which must name its source.
	StatusPublished Status = "published"
	// StatusSelfAssessed is the agency's own score or estimate before the result
	// comes out; it is corrected to the published figure later.
	StatusSelfAssessed Status = "self_assessed"
)

// Statuses lists the statuses in the order forms offer them.
var Statuses = []Status{StatusPublished, StatusSelfAssessed}

// Valid tells whether s is a known status.
func (s Status) Valid() bool { return s == StatusPublished || s == StatusSelfAssessed }

// Label is the catalogue key of s's name.
func (s Status) Label() string { return "indicator.status." + string(s) }

// DocRef is the library document that published a value.
type DocRef struct {
	ID           string  `json:"id"`
	NumberSymbol string  `json:"number_symbol"` // "1234/QĐ-BCĐCCHC"
	Heading      string  `json:"heading"`       // "Quyết định số 1234/QĐ-BCĐCCHC"
	IssuedOn     vn.Date `json:"issued_on"`
}

// Value is an indicator's result for one measured agency in one year.
type Value struct {
	ID          string `json:"id"`
	IndicatorID string `json:"indicator_id"`
	// AgencyID is the measured agency: the city for the national indices, a
	// department for the department-level PAR Index the city scores.
	AgencyID    string    `json:"agency_id"`
	Year        int       `json:"year"`
	Value       float64   `json:"value"`
	Rank        int       `json:"rank,omitempty"`      // 0: not ranked
	RankedOf    int       `json:"ranked_of,omitempty"` // how many were ranked
	Status      Status    `json:"status"`
	Source      string    `json:"source"`
	SourceURL   string    `json:"source_url,omitempty"`
	Doc         *DocRef   `json:"doc,omitempty"`
	PublishedOn vn.Date   `json:"published_on"`
	RowVersion  int       `json:"row_version"`
	CreatedAt   time.Time `json:"-"`
	UpdatedAt   time.Time `json:"-"`
}

// Target is what an agency aims for on an indicator in a year: a value, a rank, or both.
type Target struct {
	ID          string    `json:"id"`
	IndicatorID string    `json:"indicator_id"`
	AgencyID    string    `json:"agency_id"`
	Year        int       `json:"year"`
	Value       *float64  `json:"value,omitempty"`
	Rank        int       `json:"rank,omitempty"` // 0: no rank aimed for
	Note        string    `json:"note"`
	RowVersion  int       `json:"row_version"`
	CreatedAt   time.Time `json:"-"`
	UpdatedAt   time.Time `json:"-"`
}

// firstYear is the earliest year a value or target may carry. No index these plans
// track was published before 2005 (the first PCI); 2000 leaves room for an agency's
// own older series while refusing slips such as "204".
const firstYear = 2000

// targetHorizon is how many years ahead a target may be set: the reform programme
// runs to 2030, a decade at most from now.
const targetHorizon = 10

// maxScale bounds the maximum of an indicator on points.
const maxScale = 10000

var codePattern = regexp.MustCompile(`^[A-Z][A-Z0-9_]{1,29}$`)

// IndicatorInput is what the form gives to add or correct an indicator.
type IndicatorInput struct {
	Code           string
	Name           string
	ShortName      string
	Publisher      string
	Unit           Unit
	Max            string // as typed; a percentage is out of 100 whatever is typed
	HigherIsBetter bool
	Description    string
	// OwnerAgencyID is the agency that adds the indicator, empty for the whole
	// installation. Only Create reads it: an indicator stays with its owner.
	OwnerAgencyID string
}

// indicator checks what can be checked without the database and builds the indicator.
func (in IndicatorInput) indicator() (Indicator, valid.Errors) {
	errs := valid.Errors{}
	ind := Indicator{
		Code:           strings.ToUpper(strings.ReplaceAll(vn.Clean(in.Code), " ", "_")),
		Name:           vn.Clean(in.Name),
		ShortName:      vn.Clean(in.ShortName),
		Publisher:      vn.Clean(in.Publisher),
		Unit:           in.Unit,
		HigherIsBetter: in.HigherIsBetter,
		Description:    strings.TrimSpace(vn.NFC(in.Description)),
	}
	if !codePattern.MatchString(ind.Code) {
		errs.Add("code", "indicator.code_format")
	}
	errs.Required("name", ind.Name)
	errs.MaxLen("name", ind.Name, 255)
	errs.MaxLen("short_name", ind.ShortName, 60)
	errs.MaxLen("publisher", ind.Publisher, 255)
	errs.MaxLen("description", ind.Description, 2000)
	switch ind.Unit {
	case UnitPercent:
		ind.Max = 100
	case UnitPoints:
		m, ok := parseNumber(in.Max)
		if !ok || m <= 0 || m > maxScale {
			errs.Add("max", "indicator.max_range", maxScale)
		}
		ind.Max = m
	default:
		errs.Add("unit", "indicator.unit_required")
	}
	return ind, errs
}

// ValueInput is what the form gives to record or correct a value, as typed.
type ValueInput struct {
	// AgencyID is the measured agency. Only AddValue reads it: a value stays with the
	// agency it measures.
	AgencyID    string
	Year        string
	Value       string // "66,33" or "66.33", with or without "%"
	Rank        string
	RankedOf    string
	Status      Status
	Source      string
	SourceURL   string
	Document    string // number and symbol of the publishing document in the library: "1234/QĐ-BCĐ"
	PublishedOn string // dd/mm/yyyy
}

// value checks in against ind and builds the value; the document is looked up by the
// store.
func (in ValueInput) value(ind *Indicator, today vn.Date) (Value, valid.Errors) {
	errs := valid.Errors{}
	v := Value{
		IndicatorID: ind.ID,
		Status:      in.Status,
		Source:      vn.Clean(in.Source),
		SourceURL:   strings.TrimSpace(in.SourceURL),
	}
	v.Year = parseYear(errs, in.Year, today.Year)
	if x, ok := parseNumber(in.Value); !ok {
		errs.Add("value", "indicator.value_number")
	} else if x < 0 || x > ind.Max {
		errs.Add("value", "indicator.value_range", FormatNumber(ind.Max))
	} else {
		v.Value = x
	}
	v.Rank, v.RankedOf = parseRank(errs, in.Rank, in.RankedOf)
	if !v.Status.Valid() {
		errs.Add("status", "indicator.status_required")
	}
	errs.MaxLen("source", v.Source, 1000)
	if v.SourceURL != "" && !webAddress(v.SourceURL) {
		errs.Add("source_url", "indicator.url_format")
	}
	errs.MaxLen("source_url", v.SourceURL, 2000)
	if d, err := vn.ParseUserDate(strings.TrimSpace(in.PublishedOn)); err != nil {
		errs.Add("published_on", "valid.date")
	} else if !d.IsZero() && (d.After(today) || (v.Year != 0 && d.Year < v.Year)) {
		// A year's result comes out during or after that year, never before it.
		errs.Add("published_on", "indicator.published_range")
	} else {
		v.PublishedOn = d
	}
	return v, errs
}

// TargetInput is what the form gives to set or correct a target, as typed.
type TargetInput struct {
	// AgencyID is the agency that aims for the target. Only AddTarget reads it.
	AgencyID string
	Year     string
	Value    string // empty: no value aimed for
	Rank     string // empty: no rank aimed for
	Note     string
}

// target checks in against ind and builds the target.
func (in TargetInput) target(ind *Indicator, today vn.Date) (Target, valid.Errors) {
	errs := valid.Errors{}
	t := Target{IndicatorID: ind.ID, Note: vn.Clean(in.Note)}
	t.Year = parseYear(errs, in.Year, today.Year+targetHorizon)
	if s := strings.TrimSpace(in.Value); s != "" {
		if x, ok := parseNumber(s); !ok {
			errs.Add("value", "indicator.value_number")
		} else if x < 0 || x > ind.Max {
			errs.Add("value", "indicator.value_range", FormatNumber(ind.Max))
		} else {
			t.Value = &x
		}
	}
	if s := strings.TrimSpace(in.Rank); s != "" {
		if n, err := strconv.Atoi(s); err != nil || n < 1 {
			errs.Add("rank", "indicator.rank_number")
		} else {
			t.Rank = n
		}
	}
	if strings.TrimSpace(in.Value) == "" && strings.TrimSpace(in.Rank) == "" {
		errs.Add("value", "indicator.target_empty")
	}
	errs.MaxLen("note", t.Note, 1000)
	return t, errs
}

func parseYear(errs valid.Errors, s string, last int) int {
	y, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || y < firstYear || y > last {
		errs.Add("year", "indicator.year_range", firstYear, last)
		return 0
	}
	return y
}

// parseRank reads "12" of "63": both or neither, 1 ≤ rank ≤ ranked_of.
func parseRank(errs valid.Errors, rank, of string) (int, int) {
	rank, of = strings.TrimSpace(rank), strings.TrimSpace(of)
	if rank == "" && of == "" {
		return 0, 0
	}
	r, err := strconv.Atoi(rank)
	if err != nil || r < 1 {
		errs.Add("rank", "indicator.rank_number")
	}
	n, err := strconv.Atoi(of)
	if err != nil || n < 1 {
		errs.Add("ranked_of", "indicator.ranked_of_number")
	}
	if errs.Has("rank") || errs.Has("ranked_of") {
		return 0, 0
	}
	if r > n {
		errs.Add("rank", "indicator.rank_over", n)
		return 0, 0
	}
	return r, n
}

var numberPattern = regexp.MustCompile(`^-?\d+([.,]\d+)?$`)

// parseNumber reads a figure as people type it: "66,33" as Vietnamese write it, or
// "66.33", with or without a "%". It refuses what strconv would also take ("1e3",
// "NaN", "0x10"): none of it is a figure anyone types from a published table.
func parseNumber(s string) (float64, bool) {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "%"))
	if !numberPattern.MatchString(s) {
		return 0, false
	}
	v, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
	return v, err == nil
}

// FormatNumber writes a figure as Vietnamese read it, with a decimal comma and no
// more than four decimals: "66,33", "80". The Excel writer reads the same form back
// as a number.
func FormatNumber(v float64) string {
	v = math.Round(v*1e4) / 1e4
	if v == 0 {
		v = 0 // no "-0"
	}
	return strings.Replace(strconv.FormatFloat(v, 'f', -1, 64), ".", ",", 1)
}

// webAddress tells whether s is an absolute http or https address, never a
// javascript: or file: one that a reader's click would run.
func webAddress(s string) bool {
	u, err := url.ParseRequestURI(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" && !strings.ContainsAny(s, " \t\r\n")
}
