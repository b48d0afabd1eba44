package survey

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"database/sql"
	"encoding/base64"
	"errors"
	"strconv"
	"strings"
	"time"

	"loa/internal/audit"
	"loa/internal/store"
)

// Why an answer is refused; the public form shows each with its message.
var (
	ErrNotOpen         = errors.New("survey not taking answers")
	ErrAlreadyAnswered = errors.New("already answered")
	ErrCodeUnknown     = errors.New("unknown invitation code")
	ErrCodeUsed        = errors.New("invitation code already used")
)

// mac is the survey's keyed hash of the parts, in base64url.
func (s *Survey) mac(parts ...string) string {
	m := hmac.New(sha256.New, []byte(s.secret))
	for _, p := range parts {
		m.Write([]byte(p))
		m.Write([]byte{0})
	}
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// NewRespondent returns a new cookie value: a random respondent id and its signature.
func (s *Survey) NewRespondent() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	id := base64.RawURLEncoding.EncodeToString(b)
	return id + "." + s.mac("respondent", id)[:22]
}

// Respondent reads a cookie value: the respondent id when the survey signed it.
func (s *Survey) Respondent(cookie string) (string, bool) {
	id, sig, ok := strings.Cut(cookie, ".")
	if !ok || len(id) != 22 || len(sig) != 22 {
		return "", false
	}
	return id, subtle.ConstantTimeCompare([]byte(sig), []byte(s.mac("respondent", id)[:22])) == 1
}

// RespondentKey is what a response stores of its respondent: a keyed hash, so the
// database does not hold the cookie itself.
func (s *Survey) RespondentKey(id string) string {
	if id == "" {
		return ""
	}
	return s.mac("key", id)
}

// AnswerToken binds a shown form to its respondent and its form token, until expires:
// an answer posted without having been shown the form (a script) is refused.
func (s *Survey) AnswerToken(respondent, formToken string, expires time.Time) string {
	exp := strconv.FormatInt(expires.Unix(), 10)
	return exp + "." + s.mac("answer", respondent, formToken, exp)
}

// CheckAnswerToken tells whether token was made by AnswerToken for these and is
// still valid at now.
func (s *Survey) CheckAnswerToken(token, respondent, formToken string, now time.Time) bool {
	exp, sig, ok := strings.Cut(token, ".")
	if !ok {
		return false
	}
	n, err := strconv.ParseInt(exp, 10, 64)
	if err != nil || now.Unix() > n {
		return false
	}
	return subtle.ConstantTimeCompare([]byte(sig), []byte(s.mac("answer", respondent, formToken, exp))) == 1
}

// AddrKey is the keyed hash of a client address that the rate limit counts.
func (s *Survey) AddrKey(ip string) string { return s.mac("addr", ip)[:32] }

// rateWindow is the length of a rate-limit window.
const rateWindow = 10 * time.Minute

// Hit counts one answer posted from addr (an AddrKey) to survey id and returns how
// many were posted in the current window. Every instance shares the count through
// the database.
func (s *Store) Hit(ctx context.Context, surveyID, addr string) (int, error) {
	now := s.Now()
	win := now.Unix() / int64(rateWindow/time.Second)
	var hits int
	err := s.db.Write().QueryRowContext(ctx, `INSERT INTO survey_rate (survey_id, addr, win, hits) VALUES ($1, $2, $3, 1)
		ON CONFLICT (survey_id, addr, win) DO UPDATE SET hits = survey_rate.hits + 1 RETURNING hits`, surveyID, addr, win).Scan(&hits)
	if err != nil {
		return 0, err
	}
	// Old windows are swept now and then by whoever posts.
	if (now.Nanosecond()/1000)%64 == 0 {
		_, _ = s.db.Write().ExecContext(ctx, `DELETE FROM survey_rate WHERE win < $1`, win-6*24)
	}
	return hits, nil
}

// Submission is one validated answer to store.
type Submission struct {
	Answers []Answer
	// Respondent is the RespondentKey of the answering browser; set, it may answer once.
	Respondent string
	// Code is the invitation code typed, for a survey answered by invitation.
	Code string
}

// NormalizeCode reads an invitation code as people type it: any case, with or
// without the dash and spaces.
func NormalizeCode(s string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(s) {
		if strings.ContainsRune(codeAlphabet, r) {
			b.WriteRune(r)
		} else if r != '-' && r != ' ' && r != '\t' {
			return "?" // a letter the alphabet lacks: no code matches
		}
	}
	c := b.String()
	if len(c) == codeLen {
		return c[:codeLen/2] + "-" + c[codeLen/2:]
	}
	return c
}

// Submit stores an answer to survey sv, in one transaction with its audit row: the
// survey must be taking answers, the respondent must not have answered, the code
// must be unspent (and is spent). The audit row names no address, so that answers
// stay anonymous.
func (s *Store) Submit(ctx context.Context, sv *Survey, sub Submission) (string, error) {
	id := store.NewID()
	actor := audit.ActorFrom(ctx)
	ctx = audit.WithActor(ctx, audit.Actor{Name: "anonymous", RequestID: actor.RequestID})
	err := s.db.Tx(ctx, func(tx *sql.Tx) error {
		cur, err := scanSurvey(tx.QueryRowContext(ctx, `SELECT `+surveyColumns+surveyFrom+` WHERE s.id = $1`, sv.ID))
		if err != nil {
			return err
		}
		now := s.Now()
		if cur.PhaseAt(now) != PhaseOpen {
			return ErrNotOpen
		}
		var codeID any
		if cur.Limit == LimitCode {
			var cid string
			var used sql.NullTime
			err := tx.QueryRowContext(ctx, `SELECT id, used_at FROM survey_codes WHERE survey_id = $1 AND code = $2`,
				sv.ID, NormalizeCode(sub.Code)).Scan(&cid, &used)
			switch {
			case errors.Is(err, sql.ErrNoRows):
				return ErrCodeUnknown
			case err != nil:
				return err
			case used.Valid:
				return ErrCodeUsed
			}
			res, err := tx.ExecContext(ctx, `UPDATE survey_codes SET used_at = $1 WHERE id = $2 AND used_at IS NULL`, now, cid)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n != 1 {
				return ErrCodeUsed
			}
			codeID = cid
		}
		var respondent any
		if cur.Limit == LimitBrowser {
			if sub.Respondent == "" {
				return ErrAlreadyAnswered // no respondent: the handler asks for cookies before this
			}
			respondent = sub.Respondent
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO survey_responses (id, survey_id, submitted_at, respondent, code_id) VALUES ($1, $2, $3, $4, $5)`,
			id, sv.ID, now, respondent, codeID)
		if store.IsUniqueViolation(err) {
			return ErrAlreadyAnswered
		}
		if err != nil {
			return err
		}
		if err := insertAnswers(ctx, tx, sv.ID, id, sub.Answers); err != nil {
			return err
		}
		return audit.Record(ctx, tx, audit.Entry{Action: "answer", Entity: "survey_response", EntityID: id, AgencyID: cur.AgencyID,
			Summary: "Nhận một phiếu trả lời khảo sát “" + cur.Title + "”"})
	})
	if err != nil {
		return "", err
	}
	return id, nil
}

func insertAnswers(ctx context.Context, tx *sql.Tx, surveyID, responseID string, answers []Answer) error {
	for _, a := range answers {
		var value, text any
		if a.Value != nil {
			value = *a.Value
		}
		if a.Text != nil {
			text = *a.Text
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO survey_answers (response_id, question_id, seq, survey_id, option_id, value, text)
			VALUES ($1, $2, $3, $4, $5, $6, $7)`, responseID, a.QuestionID, a.Seq, surveyID, nullString(a.OptionID), value, text); err != nil {
			return err
		}
	}
	return nil
}

// Answered tells whether the respondent (a RespondentKey) has answered survey id.
func (s *Store) Answered(ctx context.Context, surveyID, respondent string) (bool, error) {
	if respondent == "" {
		return false, nil
	}
	var n int
	err := s.db.Read().QueryRowContext(ctx, `SELECT COUNT(*) FROM survey_responses WHERE survey_id = $1 AND respondent = $2`,
		surveyID, respondent).Scan(&n)
	return n > 0, err
}

// Invitation codes: ten letters and digits that cannot be mistaken for one another
// (no I, O, 0, 1), printed in two groups of five: "K7MPX-3QRTA". 50 bits each, so
// guessing one is hopeless within the rate limit.
const (
	codeAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
	codeLen      = 10
	// MaxCodes is the most codes one batch may make.
	MaxCodes = 5000
)

func newCode() string {
	b := make([]byte, codeLen)
	_, _ = rand.Read(b)
	out := make([]byte, 0, codeLen+1)
	for i, c := range b {
		if i == codeLen/2 {
			out = append(out, '-')
		}
		out = append(out, codeAlphabet[int(c)%len(codeAlphabet)])
	}
	return string(out)
}

// Code is one invitation code.
type Code struct {
	ID        string
	Code      string
	Batch     string
	CreatedAt time.Time
	UsedAt    *time.Time
}

// GenerateCodes makes n new invitation codes for survey id, labelled batch (a list's
// name: "Doanh nghiệp KCN Trà Nóc").
func (s *Store) GenerateCodes(ctx context.Context, surveyID string, n int, batch string) ([]Code, error) {
	if n < 1 || n > MaxCodes {
		return nil, refuse("survey.err.codes_count", MaxCodes)
	}
	var out []Code
	err := s.db.Tx(ctx, func(tx *sql.Tx) error {
		out = out[:0]
		sv, err := scanSurvey(tx.QueryRowContext(ctx, `SELECT `+surveyColumns+surveyFrom+` WHERE s.id = $1`, surveyID))
		if err != nil {
			return err
		}
		now := s.Now()
		seen := map[string]bool{}
		for len(out) < n {
			c := Code{ID: store.NewID(), Code: newCode(), Batch: batch, CreatedAt: now}
			if seen[c.Code] {
				continue
			}
			var exists int
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM survey_codes WHERE survey_id = $1 AND code = $2`, surveyID, c.Code).Scan(&exists); err != nil {
				return err
			}
			if exists > 0 {
				continue
			}
			seen[c.Code] = true
			if _, err := tx.ExecContext(ctx, `INSERT INTO survey_codes (id, survey_id, code, batch, created_at) VALUES ($1, $2, $3, $4, $5)`,
				c.ID, surveyID, c.Code, batch, now); err != nil {
				return err
			}
			out = append(out, c)
		}
		return audit.Record(ctx, tx, audit.Entry{Action: "create", Entity: "survey_codes", EntityID: surveyID, AgencyID: sv.AgencyID,
			Summary: "Tạo " + strconv.Itoa(n) + " mã mời cho khảo sát “" + sv.Title + "”", After: map[string]any{"count": n, "batch": batch}})
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// CodeStats counts a survey's codes.
type CodeStats struct{ Total, Used int }

// Codes lists a survey's codes in the order made (limit 0: all), and counts them.
func (s *Store) Codes(ctx context.Context, surveyID string, limit, offset int) ([]Code, CodeStats, error) {
	var st CodeStats
	if err := s.db.Read().QueryRowContext(ctx, `SELECT COUNT(*), COUNT(used_at) FROM survey_codes WHERE survey_id = $1`, surveyID).
		Scan(&st.Total, &st.Used); err != nil {
		return nil, st, err
	}
	q := `SELECT id, code, batch, created_at, used_at FROM survey_codes WHERE survey_id = $1 ORDER BY created_at, id`
	if limit > 0 {
		q += ` LIMIT ` + strconv.Itoa(limit) + ` OFFSET ` + strconv.Itoa(max(0, offset))
	}
	rows, err := s.db.Read().QueryContext(ctx, q, surveyID)
	if err != nil {
		return nil, st, err
	}
	defer rows.Close()
	var out []Code
	for rows.Next() {
		var c Code
		var used sql.NullTime
		if err := rows.Scan(&c.ID, &c.Code, &c.Batch, &c.CreatedAt, &used); err != nil {
			return nil, st, err
		}
		c.UsedAt = timePtr(used)
		out = append(out, c)
	}
	return out, st, rows.Err()
}
