// Package survey runs the agency's surveys of citizens and businesses: satisfaction
// (khảo sát mức độ hài lòng) and awareness of administrative reform (mức độ nhận biết
// về CCHC). Staff draft a survey and its questions, open it for an answer window and
// close it; the public answers without an account, at most once per person where the
// survey asks so; results are counted per option, averaged per scale, charted,
// exported, and published when the survey is closed.
//
// One answer per person without accounts rests on two mechanisms, chosen per survey:
//   - LimitBrowser: the answer form sets a cookie holding a random respondent id signed
//     with the survey's secret; the form carries an answer token bound to that id, and
//     the response stores a keyed hash of the id under a unique key. Clearing cookies
//     defeats it, so the per-address rate limit (kept in the database, shared by every
//     instance) bounds what one machine can add.
//   - LimitCode: staff generate one-time invitation codes, print them or send them to
//     a closed population (the businesses of a list); a code is spent in the same
//     transaction that stores the answer.
//
// LimitNone accepts any number of answers (a kiosk at the one-stop shop), still rate
// limited. A double submit of one form is harmless in every mode: the form's token is
// claimed in the answer's transaction, and the second post is sent to the thank-you page.
package survey

import (
	"strings"
	"time"
	"unicode"

	"loa/internal/vn"
)

// Kind is what a survey measures.
type Kind string

const (
	KindSatisfaction Kind = "satisfaction" // mức độ hài lòng
	KindAwareness    Kind = "awareness"    // mức độ nhận biết về CCHC
	KindOther        Kind = "other"
)

// Kinds lists the kinds in the order forms offer them.
var Kinds = []Kind{KindSatisfaction, KindAwareness, KindOther}

// Valid tells whether k is known.
func (k Kind) Valid() bool { return k == KindSatisfaction || k == KindAwareness || k == KindOther }

// Label is the catalogue key of k's name.
func (k Kind) Label() string { return "survey.kind." + string(k) }

// Status is where a survey is in its life; the answer window narrows "open" further.
type Status string

const (
	StatusDraft  Status = "draft"
	StatusOpen   Status = "open"
	StatusClosed Status = "closed"
)

// Label is the catalogue key of s's name.
func (s Status) Label() string { return "survey.status." + string(s) }

// Limit is how a survey holds each person to one answer.
type Limit string

const (
	LimitBrowser Limit = "browser" // one answer per browser (signed cookie)
	LimitCode    Limit = "code"    // one answer per invitation code
	LimitNone    Limit = "none"    // no limit (a kiosk), rate limited only
)

// Limits lists the modes in the order forms offer them.
var Limits = []Limit{LimitBrowser, LimitCode, LimitNone}

// Valid tells whether l is known.
func (l Limit) Valid() bool { return l == LimitBrowser || l == LimitCode || l == LimitNone }

// Label is the catalogue key of l's name.
func (l Limit) Label() string { return "survey.limit." + string(l) }

// QKind is a question's type.
type QKind string

const (
	QSingle   QKind = "single"   // one option (radio buttons)
	QMultiple QKind = "multiple" // several options (check boxes), optionally at least / at most n
	QScale    QKind = "scale"    // a point on a scale with labelled ends (1–5)
	QText     QKind = "text"     // free text
)

// QKinds lists the question types in the order the editor offers them.
var QKinds = []QKind{QSingle, QMultiple, QScale, QText}

// Valid tells whether k is known.
func (k QKind) Valid() bool { return k == QSingle || k == QMultiple || k == QScale || k == QText }

// Label is the catalogue key of k's name.
func (k QKind) Label() string { return "survey.qkind." + string(k) }

// Choice tells whether k answers with options.
func (k QKind) Choice() bool { return k == QSingle || k == QMultiple }

// Survey is one survey with, when loaded whole, its questions.
type Survey struct {
	ID            string     `json:"id"`
	AgencyID      string     `json:"agency_id"`
	AgencyName    string     `json:"-"`
	Slug          string     `json:"slug"`
	Kind          Kind       `json:"kind"`
	Title         string     `json:"title"`
	Intro         string     `json:"intro"`
	Thanks        string     `json:"thanks"`
	Status        Status     `json:"status"`
	OpensAt       *time.Time `json:"opens_at"`
	ClosesAt      *time.Time `json:"closes_at"`
	Limit         Limit      `json:"limit"`
	ResultsPublic bool       `json:"results_public"`
	PublishText   bool       `json:"publish_text"`
	RowVersion    int        `json:"row_version"`
	CreatedBy     string     `json:"-"`
	CreatedAt     time.Time  `json:"-"`
	UpdatedAt     time.Time  `json:"-"`
	OpenedAt      *time.Time `json:"-"`
	ClosedAt      *time.Time `json:"-"`
	// Responses is the number of answers received (lists and overview).
	Responses int `json:"-"`

	Questions []*Question `json:"-"`
	secret    string
}

// Phase is what the public sees of a survey at a moment.
type Phase string

const (
	PhaseDraft     Phase = "draft"     // not public
	PhaseScheduled Phase = "scheduled" // open, before the window
	PhaseOpen      Phase = "open"      // taking answers
	PhaseClosed    Phase = "closed"    // closed by staff or past the window
)

// PhaseAt is the survey's phase at now.
func (s *Survey) PhaseAt(now time.Time) Phase {
	switch {
	case s.Status == StatusDraft:
		return PhaseDraft
	case s.Status == StatusClosed:
		return PhaseClosed
	case s.ClosesAt != nil && !now.Before(*s.ClosesAt):
		return PhaseClosed
	case s.OpensAt != nil && now.Before(*s.OpensAt):
		return PhaseScheduled
	}
	return PhaseOpen
}

// Label is the catalogue key of p's name.
func (p Phase) Label() string { return "survey.phase." + string(p) }

// Editable tells whether the questions may still change: only in the draft, so that
// no answer is ever read against a question it was not given.
func (s *Survey) Editable() bool { return s.Status == StatusDraft }

// PublicResults tells whether anyone may read the results at now.
func (s *Survey) PublicResults(now time.Time) bool {
	return s.ResultsPublic && s.PhaseAt(now) == PhaseClosed
}

// Question is one question of a survey.
type Question struct {
	ID         string    `json:"id"`
	SurveyID   string    `json:"-"`
	Position   int       `json:"position"`
	Section    string    `json:"section,omitempty"`
	Kind       QKind     `json:"kind"`
	Text       string    `json:"text"`
	Help       string    `json:"help,omitempty"`
	Required   bool      `json:"required"`
	MinChoices int       `json:"min_choices,omitempty"`
	MaxChoices int       `json:"max_choices,omitempty"`
	ScaleMin   int       `json:"scale_min,omitempty"`
	ScaleMax   int       `json:"scale_max,omitempty"`
	LabelLow   string    `json:"label_low,omitempty"`
	LabelHigh  string    `json:"label_high,omitempty"`
	Options    []*Option `json:"options,omitempty"`
}

// Field is the form field that carries the question's answer.
func (q *Question) Field() string { return "q." + q.ID }

// Points are the values of a scale question, lowest first.
func (q *Question) Points() []int {
	if q.Kind != QScale || q.ScaleMax < q.ScaleMin {
		return nil
	}
	out := make([]int, 0, q.ScaleMax-q.ScaleMin+1)
	for v := q.ScaleMin; v <= q.ScaleMax; v++ {
		out = append(out, v)
	}
	return out
}

// OptionsText is the options one per line, as the editor shows them.
func (q *Question) OptionsText() string {
	lines := make([]string, len(q.Options))
	for i, o := range q.Options {
		lines[i] = o.Label
	}
	return strings.Join(lines, "\n")
}

// Option is one answer a choice question offers.
type Option struct {
	ID       string `json:"id"`
	Position int    `json:"position"`
	Label    string `json:"label"`
}

// Slugify makes the address part of a survey from its title: folded Vietnamese
// ("Khảo sát mức độ hài lòng 2025" → "khao-sat-muc-do-hai-long-2025"), at most 80
// characters.
func Slugify(title string) string {
	var b strings.Builder
	dash := false
	for _, r := range vn.Fold(title) {
		switch {
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
		if b.Len() >= 80 {
			break
		}
	}
	return strings.Trim(b.String(), "-")
}

// validSlug tells whether s may be a survey's address part.
func validSlug(s string) bool {
	if len(s) < 3 || len(s) > 80 || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return true
}
