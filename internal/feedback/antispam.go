package feedback

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"math/big"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"loa/internal/i18n"
	"loa/internal/store"
	"loa/internal/vn"
)

// The public form keeps robots out without any outside service: a field people do not
// see and robots fill (the honeypot), a small sum written in words that is checked
// without keeping anything on the server (its answer is sealed with the
// installation's key), and a limit of requests per client address counted in the
// database, so that it holds whichever instance answers.

// key is the installation's secret for name, made by the first instance that needs it.
func (s *Store) key(ctx context.Context) ([]byte, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.secret != nil {
		return s.secret, nil
	}
	fresh := make([]byte, 32)
	if _, err := rand.Read(fresh); err != nil {
		return nil, err
	}
	if _, err := s.db.Write().ExecContext(ctx, `INSERT INTO feedback_keys (name, secret, created_at) VALUES ('challenge', $1, $2)
		ON CONFLICT (name) DO NOTHING`, hex.EncodeToString(fresh), store.Now()); err != nil {
		return nil, fmt.Errorf("feedback key: %w", err)
	}
	var stored string
	if err := s.db.Write().QueryRowContext(ctx, `SELECT secret FROM feedback_keys WHERE name = 'challenge'`).Scan(&stored); err != nil {
		return nil, fmt.Errorf("feedback key: %w", err)
	}
	k, err := hex.DecodeString(stored)
	if err != nil || len(k) < 16 {
		return nil, errors.New("feedback key: the stored key is damaged")
	}
	s.secret = k
	return k, nil
}

func (s *Store) sign(ctx context.Context, parts ...string) (string, error) {
	k, err := s.key(ctx)
	if err != nil {
		return "", err
	}
	m := hmac.New(sha256.New, k)
	m.Write([]byte(strings.Join(parts, "\x00")))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil)[:18]), nil
}

// Challenge is a sum to answer in the form: the question in words and the sealed
// answer. The nonce doubles as the form's one-time token.
type Challenge struct {
	A, B  int
	Minus bool
	Nonce string
	Seal  string // expiry (Unix seconds) "." MAC of nonce, expiry and answer
}

// ChallengeTTL is how long a challenge may be answered: long enough to write a letter.
const ChallengeTTL = 3 * time.Hour

// MinFillTime is the least time a person takes to fill the form; a robot is faster.
const MinFillTime = 3 * time.Second

// Question is the challenge in words: "Bảy cộng năm bằng bao nhiêu?".
func (c Challenge) Question(lang i18n.Lang) string {
	key := "feedback.challenge.plus"
	if c.Minus {
		key = "feedback.challenge.minus"
	}
	q := i18n.T(lang, key, i18n.T(lang, numberKey(c.A)), i18n.T(lang, numberKey(c.B)))
	r := []rune(q)
	return strings.ToUpper(string(r[0])) + string(r[1:])
}

func numberKey(n int) string { return "feedback.number." + strconv.Itoa(n) }

func (c Challenge) answer() int {
	if c.Minus {
		return c.A - c.B
	}
	return c.A + c.B
}

func randInt(n int) int {
	v, err := rand.Int(rand.Reader, big.NewInt(int64(n)))
	if err != nil {
		return 0
	}
	return int(v.Int64())
}

// NewChallenge makes a fresh challenge, valid for ChallengeTTL from now.
func (s *Store) NewChallenge(ctx context.Context) (Challenge, error) {
	c := Challenge{A: 1 + randInt(9), B: 1 + randInt(9), Minus: randInt(2) == 1}
	if c.Minus && c.A <= c.B {
		c.A, c.B = c.B+1, c.A
		if c.A > 10 {
			c.A = 10
		}
	}
	nonce := make([]byte, 16)
	if _, err := rand.Read(nonce); err != nil {
		return c, err
	}
	c.Nonce = hex.EncodeToString(nonce)
	exp := strconv.FormatInt(s.now().Add(ChallengeTTL).Unix(), 10)
	mac, err := s.sign(ctx, "challenge", c.Nonce, exp, strconv.Itoa(c.answer()))
	if err != nil {
		return c, err
	}
	c.Seal = exp + "." + mac
	return c, nil
}

// Why a challenge was not passed.
var (
	ErrChallengeWrong   = errors.New("feedback: wrong answer to the challenge")
	ErrChallengeExpired = errors.New("feedback: challenge expired")
	ErrTooFast          = errors.New("feedback: form sent faster than a person types")
)

// CheckChallenge tells whether answer answers the challenge sealed in seal for nonce,
// in time, and not sooner than a person could have filled the form.
func (s *Store) CheckChallenge(ctx context.Context, nonce, seal, answer string) error {
	exp, mac, ok := strings.Cut(seal, ".")
	expiry, err := strconv.ParseInt(exp, 10, 64)
	if !ok || err != nil || nonce == "" || len(nonce) > 64 {
		return ErrChallengeExpired // not a seal we made: treat as a form to fill again
	}
	now := s.now().Unix()
	if now > expiry {
		return ErrChallengeExpired
	}
	n, ok := parseNumber(answer)
	if !ok {
		return ErrChallengeWrong
	}
	want, err := s.sign(ctx, "challenge", nonce, exp, strconv.Itoa(n))
	if err != nil {
		return err
	}
	if !hmac.Equal([]byte(want), []byte(mac)) {
		return ErrChallengeWrong
	}
	if issued := expiry - int64(ChallengeTTL/time.Second); now-issued < int64(s.MinFillTime/time.Second) {
		return ErrTooFast
	}
	return nil
}

// words of the numbers an answer may be written with, folded (no diacritics).
var numberWords = map[string]int{
	"khong": 0, "mot": 1, "hai": 2, "ba": 3, "bon": 4, "tu": 4, "nam": 5, "lam": 5, "sau": 6, "bay": 7, "tam": 8, "chin": 9, "muoi": 10,
	"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
	"eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
}

// parseNumber reads an answer typed as digits or in words: "12", "mười hai", "twelve".
func parseNumber(s string) (int, bool) {
	s = strings.TrimSpace(s)
	if n, err := strconv.Atoi(s); err == nil {
		return n, n >= 0 && n < 100
	}
	words := strings.Fields(vn.Fold(s))
	switch {
	case len(words) == 1:
		n, ok := numberWords[words[0]]
		return n, ok
	case len(words) == 2 && words[0] == "muoi":
		n, ok := numberWords[words[1]]
		return 10 + n, ok && n >= 1 && n <= 9
	}
	return 0, false
}

// fileSeal lets a citizen who looked up an answer download its files for a while
// without carrying their contact in a link.
const fileSealTTL = time.Hour

// SealFile returns a token naming the answer file hash of item id, valid for an hour.
func (s *Store) SealFile(ctx context.Context, id, hash string) (string, error) {
	exp := strconv.FormatInt(s.now().Add(fileSealTTL).Unix(), 10)
	mac, err := s.sign(ctx, "file", id, hash, exp)
	if err != nil {
		return "", err
	}
	return id + "." + hash + "." + exp + "." + mac, nil
}

// OpenFileSeal checks a token SealFile made and returns the item and file it names.
func (s *Store) OpenFileSeal(ctx context.Context, token string) (id, hash string, err error) {
	parts := strings.Split(token, ".")
	if len(parts) != 4 {
		return "", "", store.ErrNotFound
	}
	expiry, err := strconv.ParseInt(parts[2], 10, 64)
	if err != nil || s.now().Unix() > expiry {
		return "", "", store.ErrNotFound
	}
	want, err := s.sign(ctx, "file", parts[0], parts[1], parts[2])
	if err != nil {
		return "", "", err
	}
	if !hmac.Equal([]byte(want), []byte(parts[3])) {
		return "", "", store.ErrNotFound
	}
	return parts[0], parts[1], nil
}

// ClientKey is the bucket of a client address for rate limits: an IPv4 address, or
// the /64 network of an IPv6 one (one household or phone gets a whole /64).
func ClientKey(ip string) string {
	a, err := netip.ParseAddr(ip)
	if err != nil {
		return ip
	}
	a = a.Unmap()
	if a.Is6() {
		p, err := a.Prefix(64)
		if err == nil {
			return p.String()
		}
	}
	return a.String()
}

// Hit counts one request in bucket's current window and tells whether the window
// still holds no more than limit of them. The counter is one row per bucket and
// window, so instances sharing the database share the count.
func (s *Store) Hit(ctx context.Context, bucket string, window time.Duration, limit int) (bool, error) {
	secs := int64(window / time.Second)
	if secs < 1 {
		secs = 1
	}
	now := s.now().Unix()
	start := now - now%secs
	var hits int
	err := s.db.Write().QueryRowContext(ctx, `INSERT INTO feedback_rate (bucket, window_start, hits) VALUES ($1, $2, 1)
		ON CONFLICT (bucket, window_start) DO UPDATE SET hits = feedback_rate.hits + 1 RETURNING hits`, bucket, start).Scan(&hits)
	if err != nil {
		return false, fmt.Errorf("feedback rate: %w", err)
	}
	return hits <= limit, nil
}

// sweepRate forgets counters of windows that ended more than a day ago.
func (s *Store) sweepRate(ctx context.Context) error {
	_, err := s.db.Write().ExecContext(ctx, `DELETE FROM feedback_rate WHERE window_start < $1`, s.now().Add(-48*time.Hour).Unix())
	return err
}
