// Package feedback receives citizens' and businesses' feedback (phản ánh, kiến nghị)
// from the public portal and carries it to an answer: a form anyone may send (with a
// honeypot, a word-arithmetic challenge and a per-address rate limit instead of any
// outside service), a tracking code to follow it, assignment to a unit, an answer
// within a deadline counted in working days with reminders before and after it,
// reusable answer templates, and the publication of selected questions and answers
// on the portal without the sender's personal data.
//
// The sender's name, contact and address are read by staff only. A tracking code
// alone shows the status; the answer needs the code and the contact it was sent with.
package feedback

import (
	"crypto/rand"
	"net/mail"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"loa/internal/files"
	"loa/internal/valid"
	"loa/internal/vn"
)

// Status is where an item is in its life: received → assigned → answered →
// (published); or rejected with a reason.
type Status string

const (
	StatusReceived  Status = "received"
	StatusAssigned  Status = "assigned"
	StatusAnswered  Status = "answered"
	StatusPublished Status = "published"
	StatusRejected  Status = "rejected"
)

// Statuses lists every status, in the order filters offer them.
var Statuses = []Status{StatusReceived, StatusAssigned, StatusAnswered, StatusPublished, StatusRejected}

// Valid tells whether s is a known status.
func (s Status) Valid() bool { return slices.Contains(Statuses, s) }

// Label is the catalogue key of the status's name.
func (s Status) Label() string { return "feedback.status." + string(s) }

// Open tells whether the item still waits for an answer.
func (s Status) Open() bool { return s == StatusReceived || s == StatusAssigned }

// Topics are what a feedback may be about, in the order the form offers them.
var Topics = []string{"procedure", "conduct", "timeliness", "regulation", "online_service", "fees", "other"}

// TopicLabel is the catalogue key of a topic's name.
func TopicLabel(topic string) string { return "feedback.topic." + topic }

// Sender kinds: a person, or an organisation or business.
const (
	SenderCitizen  = "citizen"
	SenderBusiness = "business"
)

// Limits of the form, in characters.
const (
	MaxName         = 120
	MaxContact      = 120
	MaxOrganisation = 200
	MaxAddress      = 250
	MinContent      = 20
	MaxContent      = 5000
	MaxAnswer       = 20000
	MaxReason       = 1000
	MaxTitle        = 250
)

// Attachments: up to MaxFiles files of up to MaxFileBytes each, of these kinds (read
// from their bytes, not trusted from their names).
const (
	MaxFiles     = 3
	MaxFileBytes = 5 << 20
)

// FileLimits are the limits of one attachment.
var FileLimits = files.Limits{MaxBytes: MaxFileBytes, Allowed: []files.Kind{files.PDF, files.JPEG, files.PNG, files.DOCX}}

// DueWorkingDays is how many working days after receipt an answer is due.
const DueWorkingDays = 10

// Item is one feedback with what was done about it.
type Item struct {
	ID          string    `json:"id"`
	Code        string    `json:"code"`
	AgencyID    string    `json:"agency_id"`
	AgencyName  string    `json:"-"`
	UnitID      string    `json:"unit_id,omitempty"`
	UnitName    string    `json:"-"`
	Status      Status    `json:"status"`
	Topic       string    `json:"topic"`
	SenderKind  string    `json:"-"`
	Name        string    `json:"-"`
	Contact     string    `json:"-"`
	Org         string    `json:"-"`
	Address     string    `json:"-"`
	Content     string    `json:"-"`
	ReceivedAt  time.Time `json:"received_at"`
	DueOn       vn.Date   `json:"due_on"`
	AssignedAt  time.Time `json:"-"`
	AssignNote  string    `json:"assign_note,omitempty"`
	Answer      string    `json:"-"`
	AnswerBy    string    `json:"-"` // the agency that answered
	AnswerByID  string    `json:"answer_agency_id,omitempty"`
	AnsweredAt  time.Time `json:"answered_at"`
	Reason      string    `json:"reject_reason,omitempty"`
	PublicTitle string    `json:"public_title,omitempty"`
	PublicQ     string    `json:"-"`
	PublicA     string    `json:"-"`
	PublicFiles bool      `json:"public_files"`
	PublishedAt time.Time `json:"published_at"`
	RowVersion  int       `json:"row_version"`

	Files       []Attachment `json:"-"` // the sender's
	AnswerFiles []Attachment `json:"-"`
}

// Handler is the agency that answers the item now: the assigned unit, else the
// receiving agency.
func (it *Item) Handler() string {
	if it.UnitID != "" {
		return it.UnitID
	}
	return it.AgencyID
}

// Overdue tells whether the item still waits for its answer after its due day.
func (it *Item) Overdue(today vn.Date) bool { return it.Status.Open() && it.DueOn.Before(today) }

// Answered tells whether the item has an answer (answered or published).
func (it *Item) Answered() bool { return it.Status == StatusAnswered || it.Status == StatusPublished }

// Excerpt is the start of the content, for lists.
func (it *Item) Excerpt() string { return excerpt(it.Content, 140) }

func excerpt(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := string(r[:n])
	if i := strings.LastIndexByte(cut, ' '); i > n/2 {
		cut = cut[:i]
	}
	return cut + "…"
}

// Attachment is a file of an item, by the name it was sent with.
type Attachment struct {
	Hash string
	Name string
	Size int64
}

// Parts of an item that hold files.
const (
	partQuestion = "question"
	partAnswer   = "answer"
)

// Submission is the public form as sent.
type Submission struct {
	AgencyID   string // the receiving agency
	Name       string
	Contact    string
	SenderKind string
	Org        string
	Address    string
	Topic      string
	Content    string
	Token      string // the form's one-time nonce
}

// normalise tidies what was typed.
func (s *Submission) normalise() {
	s.Name = vn.Clean(s.Name)
	s.Contact = vn.Clean(s.Contact)
	s.Org = vn.Clean(s.Org)
	s.Address = vn.Clean(s.Address)
	s.Content = cleanText(s.Content)
	if s.SenderKind == "" {
		s.SenderKind = SenderCitizen
	}
}

// cleanText is vn.Clean for long text: line endings made \n, no more than one blank
// line in a row, no control characters.
func cleanText(s string) string {
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	s = strings.Map(func(r rune) rune {
		if r != '\n' && r != '\t' && unicode.IsControl(r) {
			return -1
		}
		return r
	}, s)
	lines := strings.Split(vn.Clean(s), "\n")
	out := lines[:0]
	blank := 0
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" {
			blank++
			if blank > 1 {
				continue
			}
		} else {
			blank = 0
		}
		out = append(out, l)
	}
	return strings.TrimSpace(strings.Join(out, "\n"))
}

// Check tidies what was typed and says what is wrong with it, field by field.
func (s *Submission) Check() valid.Errors {
	s.normalise()
	return s.check()
}

// check says what is wrong with the submission, field by field.
func (s *Submission) check() valid.Errors {
	errs := valid.Errors{}
	errs.Required("name", s.Name)
	errs.MaxLen("name", s.Name, MaxName)
	if strings.TrimSpace(s.Contact) == "" {
		errs.Add("contact", "feedback.err.contact_required")
	} else if _, ok := contactKey(s.Contact); !ok {
		errs.Add("contact", "feedback.err.contact_invalid")
	}
	errs.MaxLen("contact", s.Contact, MaxContact)
	switch s.SenderKind {
	case SenderCitizen:
	case SenderBusiness:
		if s.Org == "" {
			errs.Add("organisation", "feedback.err.organisation_required")
		}
	default:
		errs.Add("sender_kind", "feedback.err.sender_kind")
	}
	errs.MaxLen("organisation", s.Org, MaxOrganisation)
	errs.MaxLen("address", s.Address, MaxAddress)
	if s.Topic == "" {
		errs.Add("topic", "feedback.err.topic_required")
	} else if !slices.Contains(Topics, s.Topic) {
		errs.Add("topic", "feedback.err.topic_unknown")
	}
	n := len([]rune(s.Content))
	switch {
	case strings.TrimSpace(s.Content) == "":
		errs.Add("content", "feedback.err.content_required")
	case n < MinContent:
		errs.Add("content", "feedback.err.content_short", MinContent)
	case n > MaxContent:
		errs.Add("content", "feedback.err.content_long", MaxContent, n)
	}
	if s.AgencyID == "" {
		errs.Add("agency_id", "feedback.err.agency_required")
	}
	return errs
}

// contactKey is the form of a contact that lookups compare: a phone number as its
// digits with a leading 0 (+84 and 84 become 0), an e-mail address in lower case. ok
// is false for anything that is neither a Vietnamese phone number nor an address.
func contactKey(s string) (key string, ok bool) {
	s = strings.TrimSpace(s)
	if strings.Contains(s, "@") {
		a, err := mail.ParseAddress(s)
		if err != nil || a.Name != "" || a.Address != s {
			return "", false
		}
		local, domain, _ := strings.Cut(a.Address, "@")
		if local == "" || !strings.Contains(domain, ".") || strings.HasPrefix(domain, ".") || strings.HasSuffix(domain, ".") {
			return "", false
		}
		return strings.ToLower(a.Address), true
	}
	var digits strings.Builder
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits.WriteRune(r)
		case r == '+' && i == 0:
		case r == ' ' || r == '.' || r == '-' || r == '(' || r == ')':
		default:
			return "", false
		}
	}
	d := digits.String()
	switch {
	case strings.HasPrefix(s, "+84"):
		d = "0" + strings.TrimPrefix(d, "84")
	case strings.HasPrefix(s, "+"):
		return "", false
	case strings.HasPrefix(d, "84") && len(d) >= 11:
		d = "0" + d[2:]
	}
	// Mobile numbers have 10 digits, landlines (02x…) 11.
	if !strings.HasPrefix(d, "0") || len(d) < 10 || len(d) > 11 || d[1] == '0' {
		return "", false
	}
	return d, true
}

// codeAlphabet has no letters or digits that are read as one another (0/O, 1/I/L,
// 5/S, 8/B, 2/Z, U/V).
const codeAlphabet = "34679ACDEFGHJKMNPQRTWXY"

const codeLen = 5

// newCode makes a tracking code of the year: "PA-2026-7KQ4M".
func newCode(year int) string {
	out := make([]byte, 0, codeLen)
	b := make([]byte, 1)
	// Bytes past the last whole multiple of the alphabet's length are drawn again, so
	// every character is as likely as the others.
	limit := byte(256 / len(codeAlphabet) * len(codeAlphabet))
	for len(out) < codeLen {
		_, _ = rand.Read(b)
		if b[0] < limit {
			out = append(out, codeAlphabet[int(b[0])%len(codeAlphabet)])
		}
	}
	return "PA-" + strconv.Itoa(year) + "-" + string(out)
}

// NormaliseCode reads a tracking code as people type it back — any case, spaces or
// dashes anywhere, the prefix forgotten — and returns it as it is stored, or "" when
// it cannot be a code.
func NormaliseCode(s string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(s) {
		if (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
		}
	}
	c := strings.TrimPrefix(b.String(), "PA")
	if len(c) != 4+codeLen {
		return ""
	}
	year, rest := c[:4], c[4:]
	for _, r := range year {
		if r < '0' || r > '9' {
			return ""
		}
	}
	for _, r := range rest {
		if !strings.ContainsRune(codeAlphabet, r) {
			return ""
		}
	}
	return "PA-" + year + "-" + rest
}
