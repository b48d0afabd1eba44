package survey

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"loa/internal/audit"
	"loa/internal/i18n"
	"loa/internal/pubcache"
	"loa/internal/store"
	"loa/internal/valid"
)

var (
	msgSlugTaken = i18n.M("survey.err.slug_taken")
	msgRequired  = i18n.M("valid.required")
)

// Store reads and writes surveys, their questions, codes and answers.
type Store struct {
	db *store.DB
	// Now is the clock; tests set it.
	Now func() time.Time
}

// NewStore returns a Store over db.
func NewStore(db *store.DB) *Store { return &Store{db: db, Now: store.Now} }

const surveyColumns = `s.id, s.agency_id, COALESCE(a.name, ''), s.slug, s.kind, s.title, s.intro, s.thanks, s.status, s.opens_at, s.closes_at,
	s.limit_mode, s.results_public, s.publish_text, s.secret, s.row_version, COALESCE(s.created_by, ''), s.created_at, s.updated_at,
	s.opened_at, s.closed_at, (SELECT COUNT(*) FROM survey_responses r WHERE r.survey_id = s.id)`

const surveyFrom = ` FROM surveys s LEFT JOIN agencies a ON a.id = s.agency_id`

func scanSurvey(row interface{ Scan(...any) error }) (*Survey, error) {
	var s Survey
	var opens, closes, opened, closed sql.NullTime
	err := row.Scan(&s.ID, &s.AgencyID, &s.AgencyName, &s.Slug, &s.Kind, &s.Title, &s.Intro, &s.Thanks, &s.Status, &opens, &closes,
		&s.Limit, &s.ResultsPublic, &s.PublishText, &s.secret, &s.RowVersion, &s.CreatedBy, &s.CreatedAt, &s.UpdatedAt,
		&opened, &closed, &s.Responses)
	if err != nil {
		return nil, store.NotFound(err)
	}
	s.OpensAt, s.ClosesAt, s.OpenedAt, s.ClosedAt = timePtr(opens), timePtr(closes), timePtr(opened), timePtr(closed)
	return &s, nil
}

func timePtr(t sql.NullTime) *time.Time {
	if !t.Valid {
		return nil
	}
	u := t.Time.UTC()
	return &u
}

func nullTime(t *time.Time) any {
	if t == nil {
		return nil
	}
	return t.UTC()
}

func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// Get returns the survey with id and its questions.
func (s *Store) Get(ctx context.Context, id string) (*Survey, error) {
	return s.load(ctx, s.db.Read(), `s.id = $1`, id)
}

// BySlug returns the survey whose public address is /khao-sat/slug, with its questions.
func (s *Store) BySlug(ctx context.Context, slug string) (*Survey, error) {
	return s.load(ctx, s.db.Read(), `s.slug = $1`, slug)
}

// Owner is the agency that owns survey id: the scope of the staff routes.
func (s *Store) Owner(ctx context.Context, id string) (string, error) {
	var agencyID string
	err := s.db.Read().QueryRowContext(ctx, `SELECT agency_id FROM surveys WHERE id = $1`, id).Scan(&agencyID)
	return agencyID, store.NotFound(err)
}

func (s *Store) load(ctx context.Context, q store.Querier, where string, arg any) (*Survey, error) {
	sv, err := scanSurvey(q.QueryRowContext(ctx, `SELECT `+surveyColumns+surveyFrom+` WHERE `+where, arg))
	if err != nil {
		return nil, err
	}
	sv.Questions, err = questions(ctx, q, sv.ID)
	return sv, err
}

func questions(ctx context.Context, q store.Querier, surveyID string) ([]*Question, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, survey_id, position, section, kind, text, help, required, min_choices, max_choices,
		scale_min, scale_max, label_low, label_high FROM survey_questions WHERE survey_id = $1 ORDER BY position, id`, surveyID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*Question
	byID := map[string]*Question{}
	for rows.Next() {
		var qu Question
		if err := rows.Scan(&qu.ID, &qu.SurveyID, &qu.Position, &qu.Section, &qu.Kind, &qu.Text, &qu.Help, &qu.Required, &qu.MinChoices,
			&qu.MaxChoices, &qu.ScaleMin, &qu.ScaleMax, &qu.LabelLow, &qu.LabelHigh); err != nil {
			return nil, err
		}
		out = append(out, &qu)
		byID[qu.ID] = &qu
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	orows, err := q.QueryContext(ctx, `SELECT o.id, o.question_id, o.position, o.label FROM survey_options o
		JOIN survey_questions qu ON qu.id = o.question_id WHERE qu.survey_id = $1 ORDER BY o.question_id, o.position`, surveyID)
	if err != nil {
		return nil, err
	}
	defer orows.Close()
	for orows.Next() {
		var o Option
		var qid string
		if err := orows.Scan(&o.ID, &qid, &o.Position, &o.Label); err != nil {
			return nil, err
		}
		if qu := byID[qid]; qu != nil {
			qu.Options = append(qu.Options, &o)
		}
	}
	return out, orows.Err()
}

// Filter narrows the staff's list of surveys.
type Filter struct {
	Agencies []string // the agencies whose surveys the viewer manages; empty lists nothing
	Status   Status
	Kind     Kind
	Limit    int
	Offset   int
}

// List returns one page of surveys, newest first, and how many match.
func (s *Store) List(ctx context.Context, f Filter) ([]*Survey, int, error) {
	if len(f.Agencies) == 0 {
		return nil, 0, nil
	}
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return fmt.Sprintf("$%d", len(args))
	}
	ph := make([]string, len(f.Agencies))
	for i, id := range f.Agencies {
		ph[i] = arg(id)
	}
	where := ` WHERE s.agency_id IN (` + strings.Join(ph, ", ") + `)`
	if f.Status != "" {
		where += ` AND s.status = ` + arg(string(f.Status))
	}
	if f.Kind != "" {
		where += ` AND s.kind = ` + arg(string(f.Kind))
	}
	var total int
	if err := s.db.Read().QueryRowContext(ctx, `SELECT COUNT(*)`+surveyFrom+where, args...).Scan(&total); err != nil {
		return nil, 0, err
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 25
	}
	rows, err := s.db.Read().QueryContext(ctx, `SELECT `+surveyColumns+surveyFrom+where+
		fmt.Sprintf(` ORDER BY s.created_at DESC, s.id DESC LIMIT %d OFFSET %d`, limit, max(0, f.Offset)), args...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []*Survey
	for rows.Next() {
		sv, err := scanSurvey(rows)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, sv)
	}
	return out, total, rows.Err()
}

// Public lists the surveys the public may see at now: those taking or about to take
// answers, then the closed ones whose results are published, newest first.
func (s *Store) Public(ctx context.Context, now time.Time) (open, closed []*Survey, err error) {
	rows, err := s.db.Read().QueryContext(ctx, `SELECT `+surveyColumns+surveyFrom+
		` WHERE s.status <> 'draft' ORDER BY COALESCE(s.opens_at, s.opened_at, s.created_at) DESC, s.id DESC LIMIT 200`)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	for rows.Next() {
		sv, err := scanSurvey(rows)
		if err != nil {
			return nil, nil, err
		}
		switch sv.PhaseAt(now) {
		case PhaseOpen, PhaseScheduled:
			open = append(open, sv)
		case PhaseClosed:
			if sv.ResultsPublic {
				closed = append(closed, sv)
			}
		}
	}
	return open, closed, rows.Err()
}

// Due is the first moment after since at which a published survey opens or closes by
// its window, which changes the public pages without any write (zero when none).
func (s *Store) Due(ctx context.Context, since time.Time) (time.Time, error) {
	var first time.Time
	for _, col := range []string{"opens_at", "closes_at"} {
		var at time.Time
		err := s.db.Read().QueryRowContext(ctx, `SELECT `+col+` FROM surveys WHERE status <> 'draft' AND `+col+` > $1 ORDER BY `+col+` LIMIT 1`,
			since.UTC()).Scan(&at)
		if errors.Is(err, sql.ErrNoRows) {
			continue
		}
		if err != nil {
			return time.Time{}, err
		}
		if first.IsZero() || at.Before(first) {
			first = at
		}
	}
	return first, nil
}

func newSecret() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// uniqueSlug returns want, or want with a number added, that no other survey uses.
func uniqueSlug(ctx context.Context, q store.Querier, want, self string) (string, error) {
	if want == "" || !validSlug(want) {
		want = "khao-sat"
	}
	slug := want
	for n := 2; ; n++ {
		var id string
		err := q.QueryRowContext(ctx, `SELECT id FROM surveys WHERE slug = $1`, slug).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) || id == self {
			return slug, nil
		}
		if err != nil {
			return "", err
		}
		slug = fmt.Sprintf("%s-%d", want, n)
	}
}

// Create adds a draft survey.
func (s *Store) Create(ctx context.Context, in Settings) (*Survey, error) {
	v, errs := in.check()
	if in.AgencyID == "" {
		errs.Add("agency_id", "valid.required")
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	id := store.NewID()
	now := s.Now()
	actor := audit.ActorFrom(ctx)
	err := s.db.Tx(ctx, func(tx *sql.Tx) error {
		want := v.slug
		if want == "" {
			want = Slugify(v.title)
		} else if taken, err := slugTaken(ctx, tx, want, ""); err != nil {
			return err
		} else if taken {
			return (valid.Errors{"slug": msgSlugTaken}).Err()
		}
		slug, err := uniqueSlug(ctx, tx, want, "")
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO surveys (id, agency_id, slug, kind, title, intro, thanks, status, opens_at, closes_at,
			limit_mode, results_public, publish_text, secret, created_by, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, 'draft', $8, $9, $10, $11, $12, $13, $14, $15, $15)`,
			id, in.AgencyID, slug, string(v.kind), v.title, v.intro, v.thanks, nullTime(v.opensAt), nullTime(v.closesAt),
			string(v.limit), in.ResultsPublic, in.PublishText, newSecret(), nullString(actor.UserID), now)
		if err != nil {
			if store.IsForeignKeyViolation(err) {
				return (valid.Errors{"agency_id": msgRequired}).Err()
			}
			return err
		}
		after, err := s.load(ctx, tx, `s.id = $1`, id)
		if err != nil {
			return err
		}
		return audit.Record(ctx, tx, audit.Entry{Action: "create", Entity: "survey", EntityID: id, AgencyID: in.AgencyID,
			Summary: "Tạo khảo sát “" + v.title + "”", After: after})
	})
	if err != nil {
		return nil, err
	}
	return s.Get(ctx, id)
}

func slugTaken(ctx context.Context, q store.Querier, slug, self string) (bool, error) {
	var id string
	err := q.QueryRowContext(ctx, `SELECT id FROM surveys WHERE slug = $1`, slug).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil && id != self, err
}

// UpdateSettings saves the settings form. The address and the way answers are limited
// change only in the draft: a published address may be printed, and a limit changed
// half way would count people differently.
func (s *Store) UpdateSettings(ctx context.Context, id string, version int, in Settings) (*Survey, error) {
	v, errs := in.check()
	if err := errs.Err(); err != nil {
		return nil, err
	}
	err := s.db.Tx(ctx, func(tx *sql.Tx) error {
		before, err := s.load(ctx, tx, `s.id = $1`, id)
		if err != nil {
			return err
		}
		if before.RowVersion != version {
			return ErrStale
		}
		slug, limit := before.Slug, before.Limit
		if before.Editable() {
			limit = v.limit
			if v.slug != "" && v.slug != before.Slug {
				taken, err := slugTaken(ctx, tx, v.slug, id)
				if err != nil {
					return err
				}
				if taken {
					return (valid.Errors{"slug": msgSlugTaken}).Err()
				}
				slug = v.slug
			}
		}
		res, err := tx.ExecContext(ctx, `UPDATE surveys SET slug = $1, kind = $2, title = $3, intro = $4, thanks = $5, opens_at = $6,
			closes_at = $7, limit_mode = $8, results_public = $9, publish_text = $10, row_version = row_version + 1, updated_at = $11
			WHERE id = $12 AND row_version = $13`,
			slug, string(v.kind), v.title, v.intro, v.thanks, nullTime(v.opensAt), nullTime(v.closesAt), string(limit),
			in.ResultsPublic, in.PublishText, s.Now(), id, version)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return ErrStale
		}
		after, err := s.load(ctx, tx, `s.id = $1`, id)
		if err != nil {
			return err
		}
		if err := pubcache.Bump(ctx, s.db, tx); err != nil {
			return err
		}
		return audit.Record(ctx, tx, audit.Entry{Action: "update", Entity: "survey", EntityID: id, AgencyID: before.AgencyID,
			Summary: "Sửa thông tin khảo sát “" + v.title + "”", Before: before, After: after})
	})
	if err != nil {
		return nil, err
	}
	return s.Get(ctx, id)
}

// lockDraft claims survey id for a change of its questions: it bumps the row version
// only while the survey is a draft (holding the row on PostgreSQL until the end of
// the transaction) and returns the survey as it was.
func (s *Store) lockDraft(ctx context.Context, tx *sql.Tx, id string) (*Survey, error) {
	before, err := s.load(ctx, tx, `s.id = $1`, id)
	if err != nil {
		return nil, err
	}
	res, err := tx.ExecContext(ctx, `UPDATE surveys SET row_version = row_version + 1, updated_at = $1 WHERE id = $2 AND status = 'draft'`,
		s.Now(), id)
	if err != nil {
		return nil, err
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return nil, ErrNotEditable
	}
	return before, nil
}

func insertOptions(ctx context.Context, tx *sql.Tx, qid string, opts []*Option) error {
	for i, o := range opts {
		o.ID, o.Position = store.NewID(), i+1
		if _, err := tx.ExecContext(ctx, `INSERT INTO survey_options (id, question_id, position, label) VALUES ($1, $2, $3, $4)`,
			o.ID, qid, o.Position, o.Label); err != nil {
			return err
		}
	}
	return nil
}

// AddQuestion appends a question to a draft survey.
func (s *Store) AddQuestion(ctx context.Context, surveyID string, in QuestionInput) (*Question, error) {
	q, errs := in.check()
	if err := errs.Err(); err != nil {
		return nil, err
	}
	q.ID, q.SurveyID = store.NewID(), surveyID
	err := s.db.Tx(ctx, func(tx *sql.Tx) error {
		sv, err := s.lockDraft(ctx, tx, surveyID)
		if err != nil {
			return err
		}
		if len(sv.Questions) >= 200 {
			return refuse("survey.err.too_many_questions", 200)
		}
		q.Position = len(sv.Questions) + 1
		if _, err := tx.ExecContext(ctx, `INSERT INTO survey_questions (id, survey_id, position, section, kind, text, help, required,
			min_choices, max_choices, scale_min, scale_max, label_low, label_high) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
			q.ID, surveyID, q.Position, q.Section, string(q.Kind), q.Text, q.Help, q.Required, q.MinChoices, q.MaxChoices,
			q.ScaleMin, q.ScaleMax, q.LabelLow, q.LabelHigh); err != nil {
			return err
		}
		if err := insertOptions(ctx, tx, q.ID, q.Options); err != nil {
			return err
		}
		return audit.Record(ctx, tx, audit.Entry{Action: "create", Entity: "survey_question", EntityID: q.ID, AgencyID: sv.AgencyID,
			Summary: fmt.Sprintf("Thêm câu %d vào khảo sát “%s”", q.Position, sv.Title), After: q})
	})
	if err != nil {
		return nil, err
	}
	return q, nil
}

// UpdateQuestion saves a question of a draft survey; its options are replaced by
// those given (no answer can point at them yet).
func (s *Store) UpdateQuestion(ctx context.Context, surveyID, qid string, in QuestionInput) error {
	q, errs := in.check()
	if err := errs.Err(); err != nil {
		return err
	}
	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		sv, err := s.lockDraft(ctx, tx, surveyID)
		if err != nil {
			return err
		}
		before := sv.question(qid)
		if before == nil {
			return store.ErrNotFound
		}
		q.ID, q.SurveyID, q.Position = qid, surveyID, before.Position
		if _, err := tx.ExecContext(ctx, `UPDATE survey_questions SET section = $1, kind = $2, text = $3, help = $4, required = $5,
			min_choices = $6, max_choices = $7, scale_min = $8, scale_max = $9, label_low = $10, label_high = $11 WHERE id = $12`,
			q.Section, string(q.Kind), q.Text, q.Help, q.Required, q.MinChoices, q.MaxChoices, q.ScaleMin, q.ScaleMax,
			q.LabelLow, q.LabelHigh, qid); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM survey_options WHERE question_id = $1`, qid); err != nil {
			return err
		}
		if err := insertOptions(ctx, tx, qid, q.Options); err != nil {
			return err
		}
		return audit.Record(ctx, tx, audit.Entry{Action: "update", Entity: "survey_question", EntityID: qid, AgencyID: sv.AgencyID,
			Summary: fmt.Sprintf("Sửa câu %d của khảo sát “%s”", q.Position, sv.Title), Before: before, After: q})
	})
}

func (s *Survey) question(id string) *Question {
	for _, q := range s.Questions {
		if q.ID == id {
			return q
		}
	}
	return nil
}

// Reorder puts the questions of a draft survey in the order given (every question
// id once) and removes the question named by remove, if any.
func (s *Store) Reorder(ctx context.Context, surveyID string, order []string, remove string) error {
	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		sv, err := s.lockDraft(ctx, tx, surveyID)
		if err != nil {
			return err
		}
		if len(order) != len(sv.Questions) {
			return ErrStale
		}
		seen := map[string]bool{}
		for _, id := range order {
			if sv.question(id) == nil || seen[id] {
				return ErrStale
			}
			seen[id] = true
		}
		summary := "Sắp xếp lại các câu hỏi của khảo sát “" + sv.Title + "”"
		if remove != "" {
			q := sv.question(remove)
			if q == nil {
				return ErrStale
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM survey_options WHERE question_id = $1`, remove); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM survey_questions WHERE id = $1`, remove); err != nil {
				return err
			}
			summary = fmt.Sprintf("Xóa câu %d (“%s”) của khảo sát “%s”", q.Position, q.Text, sv.Title)
		}
		pos := 0
		for _, id := range order {
			if id == remove {
				continue
			}
			pos++
			if _, err := tx.ExecContext(ctx, `UPDATE survey_questions SET position = $1 WHERE id = $2`, pos, id); err != nil {
				return err
			}
		}
		before := make([]string, len(sv.Questions))
		for i, q := range sv.Questions {
			before[i] = q.ID
		}
		return audit.Record(ctx, tx, audit.Entry{Action: "update", Entity: "survey", EntityID: surveyID, AgencyID: sv.AgencyID,
			Summary: summary, Before: map[string]any{"questions": before}, After: map[string]any{"questions": order, "removed": remove}})
	})
}

// Problems lists what keeps a survey from opening, as messages.
func (s *Survey) Problems(now time.Time) valid.Errors {
	errs := valid.Errors{}
	if len(s.Questions) == 0 {
		errs.Add("", "survey.err.no_questions")
	}
	for i, q := range s.Questions {
		if q.Kind.Choice() && len(q.Options) < 2 {
			errs.Add(q.ID, "survey.err.question_options", i+1)
		}
	}
	if s.ClosesAt != nil && !s.ClosesAt.After(now) {
		errs.Add("closes_at", "survey.err.closes_past")
	}
	return errs
}

// Open publishes a survey (a draft, or a closed one opened again): it takes answers
// within its window.
func (s *Store) Open(ctx context.Context, id string) error {
	return s.transition(ctx, id, "open", func(sv *Survey, now time.Time) (string, error) {
		if sv.Status == StatusOpen {
			return "", refuse("survey.err.already_open")
		}
		errs := sv.Problems(now)
		keys := []string{"", "closes_at"}
		for _, q := range sv.Questions {
			keys = append(keys, q.ID)
		}
		for _, k := range keys {
			if m, ok := errs[k]; ok {
				return "", &Refusal{Msg: m}
			}
		}
		return `status = 'open', opened_at = $1, closed_at = NULL`, nil
	})
}

// Close stops a survey taking answers now; its results may then be published.
func (s *Store) Close(ctx context.Context, id string) error {
	return s.transition(ctx, id, "close", func(sv *Survey, now time.Time) (string, error) {
		if sv.Status != StatusOpen {
			return "", refuse("survey.err.not_open")
		}
		return `status = 'closed', closed_at = $1`, nil
	})
}

// ToDraft takes a survey that nobody answered back to the draft, to change its questions.
func (s *Store) ToDraft(ctx context.Context, id string) error {
	return s.transition(ctx, id, "draft", func(sv *Survey, now time.Time) (string, error) {
		if sv.Status == StatusDraft {
			return "", refuse("survey.err.already_draft")
		}
		if sv.Responses > 0 {
			return "", refuse("survey.err.has_answers")
		}
		return `status = 'draft', opened_at = NULL, closed_at = NULL`, nil
	})
}

var transitionSummary = map[string]string{"open": "Mở khảo sát", "close": "Đóng khảo sát", "draft": "Đưa khảo sát về bản nháp"}

func (s *Store) transition(ctx context.Context, id, action string, rule func(*Survey, time.Time) (string, error)) error {
	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		before, err := s.load(ctx, tx, `s.id = $1`, id)
		if err != nil {
			return err
		}
		now := s.Now()
		set, err := rule(before, now)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE surveys SET `+set+`, updated_at = $1, row_version = row_version + 1 WHERE id = $2 AND row_version = $3`,
			now, id, before.RowVersion)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return ErrStale
		}
		after, err := s.load(ctx, tx, `s.id = $1`, id)
		if err != nil {
			return err
		}
		if err := pubcache.Bump(ctx, s.db, tx); err != nil {
			return err
		}
		return audit.Record(ctx, tx, audit.Entry{Action: action, Entity: "survey", EntityID: id, AgencyID: before.AgencyID,
			Summary: transitionSummary[action] + " “" + before.Title + "”", Before: before, After: after})
	})
}
