package portal

import (
	"html/template"
	"strconv"
	"strings"
	"time"

	"loa/internal/vn"
)

// Kind is a section of the portal an article belongs to.
type Kind string

const (
	KindNews     Kind = "news"     // tin tức
	KindGuide    Kind = "guide"    // hướng dẫn thủ tục hành chính
	KindLeaflet  Kind = "leaflet"  // tờ rơi, áp phích: a downloadable file
	KindPractice Kind = "practice" // mô hình hay, khen thưởng
	KindPage     Kind = "page"     // a standing page: giới thiệu, liên hệ
)

// Kinds lists every kind in the order forms offer them.
var Kinds = []Kind{KindNews, KindGuide, KindLeaflet, KindPractice, KindPage}

// Valid tells whether k is a known kind.
func (k Kind) Valid() bool {
	for _, x := range Kinds {
		if x == k {
			return true
		}
	}
	return false
}

// Label is the catalogue key of the kind's name.
func (k Kind) Label() string { return "portal.kind." + string(k) }

// Section is the public path of the kind's list: "/tin-tuc"; a page has none.
func (k Kind) Section() string {
	switch k {
	case KindNews:
		return "/tin-tuc"
	case KindGuide:
		return "/thu-tuc"
	case KindLeaflet:
		return "/an-pham"
	case KindPractice:
		return "/dien-hinh"
	}
	return "/trang"
}

// CountsByDefault tells whether publishing an article of this kind counts, unless the
// editor says otherwise, as a result of the plan's website activity: news, guidance
// and good practices are CCHC communication; a standing page is not.
func (k Kind) CountsByDefault() bool { return k != KindPage }

// kindOfSection is the kind a public section path lists.
func kindOfSection(section string) (Kind, bool) {
	for _, k := range []Kind{KindNews, KindGuide, KindLeaflet, KindPractice} {
		if k.Section() == section {
			return k, true
		}
	}
	return "", false
}

// State is where an article's working copy is in the editorial workflow.
type State string

const (
	StateDraft     State = "draft"     // being written
	StateSubmitted State = "submitted" // waiting for a second editor's review
	StatePublished State = "published" // the working copy is what the public reads (or will, at its time)
	StateWithdrawn State = "withdrawn" // taken down; its address tells why
)

// States lists the states in workflow order.
var States = []State{StateDraft, StateSubmitted, StatePublished, StateWithdrawn}

// Label is the catalogue key of the state's name.
func (s State) Label() string { return "portal.state." + string(s) }

// Article is an article or page with its working copy (the newest version).
type Article struct {
	ID             string
	Kind           Kind
	Slug           string
	State          State
	Version        int // the newest saved version
	LiveVersion    int // the version the public reads; 0 when never published
	Title          string
	Summary        string
	Body           string // sanitised HTML
	ImageHash      string
	ImageThumb     string
	ImageAlt       string
	FileHash       string
	FileName       string
	CountsForPlan  bool
	OwnerAgencyID  string
	AuthorID       string
	AuthorName     string
	AuthorAgencyID string
	SubmittedBy    string
	ReviewComment  string
	PublishedBy    string
	PublisherName  string
	PublishedAt    time.Time // first publication, or the time it is scheduled for
	RevisedAt      time.Time // the last approved correction after publication
	WithdrawnAt    time.Time
	WithdrawReason string
	SavedBy        string // who saved the newest version
	SavedByName    string
	RowVersion     int
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// Path is the article's public address: "/tin-tuc/ke-hoach-cchc-2024"; the contacts
// page is "/lien-he".
func (a *Article) Path() string {
	if a.Kind == KindPage && a.Slug == ContactsSlug {
		return "/lien-he"
	}
	return a.Kind.Section() + "/" + a.Slug
}

// ContactsSlug is the slug of the page served at /lien-he.
const ContactsSlug = "lien-he"

// Public tells whether the public reads the article at now.
func (a *Article) Public(now time.Time) bool {
	return a.LiveVersion > 0 && a.State != StateWithdrawn && !a.PublishedAt.IsZero() && !a.PublishedAt.After(now)
}

// Scheduled tells whether the article is approved but its time has not come.
func (a *Article) Scheduled(now time.Time) bool {
	return a.LiveVersion > 0 && a.State != StateWithdrawn && a.PublishedAt.After(now)
}

// PendingRevision tells whether a published article has a newer version than the one
// the public reads.
func (a *Article) PendingRevision() bool { return a.LiveVersion > 0 && a.Version > a.LiveVersion }

// Modified is when what the public reads of the article last changed.
func (a *Article) Modified() time.Time {
	t := a.PublishedAt
	for _, o := range []time.Time{a.RevisedAt, a.WithdrawnAt} {
		if o.After(t) {
			t = o
		}
	}
	return t
}

// BodyHTML is the body for a template. It was passed through the allow-list when it
// was saved (Sanitize); nothing else writes it.
func (a *Article) BodyHTML() template.HTML { return template.HTML(a.Body) }

// BodyHTML is the version's body for a template, sanitised when it was saved.
func (v *Version) BodyHTML() template.HTML { return template.HTML(v.Body) }

// Description is the one line that describes the article to search engines, feeds
// and link previews: its summary, or the start of its text.
func (a *Article) Description() string {
	if a.Summary != "" {
		return Excerpt(a.Summary, 300)
	}
	return Excerpt(PlainText(a.Body), 200)
}

// PublishedDate is the day of publication in Vietnam.
func (a *Article) PublishedDate() vn.Date { return vn.DateOf(a.PublishedAt) }

// Version is a saved version of an article's content.
type Version struct {
	ArticleID   string
	Number      int
	Title       string
	Summary     string
	Body        string
	ImageHash   string
	ImageAlt    string
	FileHash    string
	FileName    string
	SavedBy     string
	SavedByName string
	SavedAt     time.Time
}

// Event is a step of an article's workflow.
type Event struct {
	At      time.Time
	Actor   string
	Action  string
	Version int
	Comment string
}

// Label is the catalogue key of the step.
func (e Event) Label() string { return "portal.event." + e.Action }

// Slug makes the address part of a Vietnamese title: folded (no diacritics, đ as d),
// lower case, words joined by hyphens, at most 80 characters, cut at a hyphen.
// "Đẩy mạnh cải cách hành chính năm 2024!" gives "day-manh-cai-cach-hanh-chinh-nam-2024".
func Slug(title string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range vn.Fold(title) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(r)
		default:
			hyphen = true
		}
	}
	s := b.String()
	if len(s) > 80 {
		s = s[:80]
		if i := strings.LastIndexByte(s, '-'); i > 40 {
			s = s[:i]
		}
		s = strings.Trim(s, "-")
	}
	return s
}

// sizeText writes a size the Vietnamese way: "1,5 MB", "300 KB".
func sizeText(n int64) string {
	if n >= 1<<20 {
		return strings.Replace(strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64), ".", ",", 1) + " MB"
	}
	return strconv.FormatInt(max(n>>10, 1), 10) + " KB"
}

func itoa(n int) string { return strconv.Itoa(n) }
