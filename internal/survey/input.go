package survey

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"

	"loa/internal/i18n"
	"loa/internal/valid"
	"loa/internal/vn"
)

// Errors a store function returns when a write is refused for the survey's state;
// each carries the message staff read.
var (
	ErrStale       = &Refusal{Msg: i18n.M("form.stale")}
	ErrNotEditable = &Refusal{Msg: i18n.M("survey.err.not_editable")}
)

// Refusal is a write the survey's state does not allow, with the reason to show.
type Refusal struct{ Msg i18n.Msg }

func (r *Refusal) Error() string { return r.Msg.In(i18n.VI) }

func refuse(key string, args ...any) error { return &Refusal{Msg: i18n.M(key, args...)} }

// AsRefusal returns the refusal err is, if any.
func AsRefusal(err error) (*Refusal, bool) {
	var r *Refusal
	ok := errors.As(err, &r)
	return r, ok
}

// Settings is what the settings form gives: everything about a survey but its questions.
type Settings struct {
	AgencyID      string
	Kind          string
	Title         string
	Intro         string
	Thanks        string
	Slug          string
	OpensAt       string // "01/06/2025 07:30", or a date alone (start of the day)
	ClosesAt      string // a date alone means the end of that day
	Limit         string
	ResultsPublic bool
	PublishText   bool
}

type settings struct {
	kind              Kind
	title, intro      string
	thanks, slug      string
	opensAt, closesAt *time.Time
	limit             Limit
}

// check normalises in and reports what is wrong, field by field.
func (in *Settings) check() (settings, valid.Errors) {
	errs := valid.Errors{}
	out := settings{kind: Kind(in.Kind), limit: Limit(in.Limit)}
	out.title = vn.Clean(in.Title)
	out.intro = strings.TrimSpace(vn.NFC(in.Intro))
	out.thanks = strings.TrimSpace(vn.NFC(in.Thanks))
	out.slug = strings.ToLower(strings.TrimSpace(in.Slug))
	errs.Required("title", out.title)
	errs.MaxLen("title", out.title, 300)
	errs.MaxLen("intro", out.intro, 5000)
	errs.MaxLen("thanks", out.thanks, 2000)
	if !out.kind.Valid() {
		errs.Add("kind", "valid.required")
	}
	if !out.limit.Valid() {
		errs.Add("limit", "valid.required")
	}
	if out.slug != "" && !validSlug(out.slug) {
		errs.Add("slug", "survey.err.slug")
	}
	var ok bool
	if out.opensAt, ok = parseWhen(in.OpensAt, false); !ok {
		errs.Add("opens_at", "survey.err.when")
	}
	if out.closesAt, ok = parseWhen(in.ClosesAt, true); !ok {
		errs.Add("closes_at", "survey.err.when")
	}
	if out.opensAt != nil && out.closesAt != nil && !out.closesAt.After(*out.opensAt) {
		errs.Add("closes_at", "survey.err.closes_before_opens")
	}
	return out, errs
}

// parseWhen reads a moment in Vietnam's time as people type it: "dd/mm/yyyy hh:mm",
// a date alone (the start of the day, or its end when end is set), or the
// "yyyy-mm-ddThh:mm" of a datetime input. Blank is no bound.
func parseWhen(s string, end bool) (*time.Time, bool) {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return nil, true
	}
	for _, layout := range []string{"02/01/2006 15:04", "2/1/2006 15:04", "02/01/2006 15h04", "2/1/2006 15h04", "2006-01-02T15:04", "2006-01-02 15:04"} {
		if t, err := time.ParseInLocation(layout, s, vn.Location); err == nil {
			t = t.UTC()
			return &t, true
		}
	}
	d, err := vn.ParseDate(s)
	if err != nil {
		return nil, false
	}
	if end {
		d = d.AddDate(0, 0, 1)
	}
	d = d.UTC()
	return &d, true
}

// FormatWhen writes a moment as the settings form shows it: "01/06/2025 07:30".
func FormatWhen(t *time.Time) string {
	if t == nil {
		return ""
	}
	return vn.DateTime(*t)
}

// QuestionInput is what the question editor gives.
type QuestionInput struct {
	Kind      string
	Text      string
	Help      string
	Section   string
	Required  bool
	Options   string // one per line
	MinChoice string
	MaxChoice string
	ScaleMin  string
	ScaleMax  string
	LabelLow  string
	LabelHigh string
}

// Limits of the question editor.
const (
	maxOptions     = 30
	maxOptionLen   = 300
	maxQuestionLen = 1000
	maxTextAnswer  = 2000
	maxScalePoints = 11
)

// check turns in into a question, reporting what is wrong field by field.
func (in *QuestionInput) check() (*Question, valid.Errors) {
	errs := valid.Errors{}
	q := &Question{Kind: QKind(in.Kind), Text: vn.Clean(in.Text), Help: vn.Clean(in.Help), Section: vn.Clean(in.Section), Required: in.Required}
	if !q.Kind.Valid() {
		errs.Add("kind", "valid.required")
	}
	errs.Required("text", q.Text)
	errs.MaxLen("text", q.Text, maxQuestionLen)
	errs.MaxLen("help", q.Help, 500)
	errs.MaxLen("section", q.Section, 300)
	number := func(field, s string, def int) int {
		s = strings.TrimSpace(s)
		if s == "" {
			return def
		}
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 {
			errs.Add(field, "survey.err.number")
			return def
		}
		return n
	}
	switch q.Kind {
	case QSingle, QMultiple:
		seen := map[string]bool{}
		for _, l := range strings.Split(strings.ReplaceAll(in.Options, "\r\n", "\n"), "\n") {
			l = vn.Clean(l)
			if l == "" {
				continue
			}
			if len([]rune(l)) > maxOptionLen {
				errs.Add("options", "survey.err.option_long", maxOptionLen)
			}
			key := vn.Fold(l)
			if seen[key] {
				errs.Add("options", "survey.err.option_twice", l)
			}
			seen[key] = true
			q.Options = append(q.Options, &Option{Position: len(q.Options) + 1, Label: l})
		}
		switch {
		case len(q.Options) < 2:
			errs.Add("options", "survey.err.options_few")
		case len(q.Options) > maxOptions:
			errs.Add("options", "survey.err.options_many", maxOptions)
		}
		if q.Kind == QMultiple {
			q.MinChoices = number("min_choices", in.MinChoice, 0)
			q.MaxChoices = number("max_choices", in.MaxChoice, 0)
			if q.MaxChoices > 0 && q.MinChoices > q.MaxChoices {
				errs.Add("max_choices", "survey.err.max_below_min")
			}
			if q.MinChoices > len(q.Options) && len(q.Options) > 0 {
				errs.Add("min_choices", "survey.err.min_above_options")
			}
			if q.MaxChoices >= len(q.Options) {
				q.MaxChoices = 0 // "at most all of them" is no limit
			}
		}
	case QScale:
		q.ScaleMin = number("scale_min", in.ScaleMin, 1)
		q.ScaleMax = number("scale_max", in.ScaleMax, 5)
		if q.ScaleMin > 1 {
			errs.Add("scale_min", "survey.err.scale_min")
		}
		if q.ScaleMax <= q.ScaleMin || q.ScaleMax-q.ScaleMin+1 > maxScalePoints {
			errs.Add("scale_max", "survey.err.scale_max", maxScalePoints)
		}
		q.LabelLow, q.LabelHigh = vn.Clean(in.LabelLow), vn.Clean(in.LabelHigh)
		errs.MaxLen("label_low", q.LabelLow, 100)
		errs.MaxLen("label_high", q.LabelHigh, 100)
	}
	return q, errs
}

// InputOf is the editor's form for an existing question.
func InputOf(q *Question) QuestionInput {
	in := QuestionInput{Kind: string(q.Kind), Text: q.Text, Help: q.Help, Section: q.Section, Required: q.Required, Options: q.OptionsText(),
		LabelLow: q.LabelLow, LabelHigh: q.LabelHigh}
	if q.MinChoices > 0 {
		in.MinChoice = strconv.Itoa(q.MinChoices)
	}
	if q.MaxChoices > 0 {
		in.MaxChoice = strconv.Itoa(q.MaxChoices)
	}
	if q.Kind == QScale {
		in.ScaleMin, in.ScaleMax = strconv.Itoa(q.ScaleMin), strconv.Itoa(q.ScaleMax)
	}
	return in
}

// NewQuestionInput is a blank question of kind k with sensible defaults: a 1–5
// satisfaction scale with its ends named.
func NewQuestionInput(k QKind) QuestionInput {
	in := QuestionInput{Kind: string(k), Required: true}
	if k == QScale {
		in.ScaleMin, in.ScaleMax = "1", "5"
		in.LabelLow, in.LabelHigh = "Rất không hài lòng", "Rất hài lòng"
	}
	if k == QText {
		in.Required = false
	}
	return in
}

// Answer is one stored piece of an answer: an option chosen, a point of a scale or
// a text.
type Answer struct {
	QuestionID string
	Seq        int
	OptionID   string
	Value      *int
	Text       *string
}

// Read checks a submitted answer form against the survey's questions. It returns the
// answers to store, or what is wrong with each question; the form itself is kept by
// the caller and shown again, so nothing typed is lost.
func (s *Survey) Read(form map[string][]string) ([]Answer, valid.Errors) {
	errs := valid.Errors{}
	var out []Answer
	for _, q := range s.Questions {
		field := q.Field()
		var values []string
		for _, v := range form[field] {
			if v = strings.TrimSpace(v); v != "" {
				values = append(values, v)
			}
		}
		if len(values) == 0 {
			if q.Required {
				key := "survey.err.required_choice"
				if q.Kind == QText {
					key = "survey.err.required_text"
				}
				errs.Add(field, key)
			}
			continue
		}
		switch q.Kind {
		case QSingle:
			o := q.option(values[0])
			if len(values) > 1 || o == nil {
				errs.Add(field, "survey.err.bad_choice")
				continue
			}
			out = append(out, Answer{QuestionID: q.ID, OptionID: o.ID})
		case QMultiple:
			var chosen []string
			for _, v := range values {
				o := q.option(v)
				if o == nil {
					errs.Add(field, "survey.err.bad_choice")
					break
				}
				if !slices.Contains(chosen, o.ID) {
					chosen = append(chosen, o.ID)
				}
			}
			if errs.Has(field) {
				continue
			}
			if q.MinChoices > 0 && len(chosen) < q.MinChoices {
				errs.Add(field, "survey.err.min_choices", q.MinChoices)
				continue
			}
			if q.MaxChoices > 0 && len(chosen) > q.MaxChoices {
				errs.Add(field, "survey.err.max_choices", q.MaxChoices)
				continue
			}
			for i, id := range chosen {
				out = append(out, Answer{QuestionID: q.ID, Seq: i, OptionID: id})
			}
		case QScale:
			n, err := strconv.Atoi(values[0])
			if err != nil || len(values) > 1 || n < q.ScaleMin || n > q.ScaleMax {
				errs.Add(field, "survey.err.bad_scale", q.ScaleMin, q.ScaleMax)
				continue
			}
			out = append(out, Answer{QuestionID: q.ID, Value: &n})
		case QText:
			t := strings.TrimSpace(vn.NFC(strings.Join(values, "\n")))
			if len([]rune(t)) > maxTextAnswer {
				errs.Add(field, "survey.err.text_long", maxTextAnswer)
				continue
			}
			out = append(out, Answer{QuestionID: q.ID, Text: &t})
		}
	}
	return out, errs
}

func (q *Question) option(id string) *Option {
	for _, o := range q.Options {
		if o.ID == id {
			return o
		}
	}
	return nil
}
