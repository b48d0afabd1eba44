package survey

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Results are a survey's answers counted: per option and scale point, with
// percentages of those who answered the question, and averages of scales.
type Results struct {
	Total     int // responses received
	Questions []*QResult
}

// QResult is one question's figures.
type QResult struct {
	Question *Question
	Number   int // 1-based, as the form numbers it
	Answered int // responses that answered this question
	Skipped  int
	// Rows are the options (choice questions) or the points (scales), in order.
	Rows []Row
	// Average is the mean point of a scale; TopShare the percentage of answers in its
	// two highest points ("hài lòng" and "rất hài lòng" on a 1–5 satisfaction scale).
	Average  float64
	TopShare float64
	// Chart is the canvas's data-chart configuration.
	Chart string
}

// Row is one option or scale point: how many chose it, and their share of those who
// answered the question. The shares of a multiple-choice question may add up to more
// than 100.
type Row struct {
	Label   string
	Value   int
	Count   int
	Percent float64
}

// Decimal writes f with d decimals, Vietnamese style: "45,2".
func Decimal(f float64, d int) string {
	return strings.Replace(strconv.FormatFloat(f, 'f', d, 64), ".", ",", 1)
}

// Pct is the row's share with one decimal: "45,2".
func (r Row) Pct() string { return Decimal(r.Percent, 1) }

// Avg is the scale's average with two decimals: "4,12".
func (q *QResult) Avg() string { return Decimal(q.Average, 2) }

// Top is the share in the scale's two highest points: "72,5".
func (q *QResult) Top() string { return Decimal(q.TopShare, 1) }

// IsScale, IsText and IsMultiple let templates choose how to show a question.
func (q *QResult) IsScale() bool    { return q.Question.Kind == QScale }
func (q *QResult) IsText() bool     { return q.Question.Kind == QText }
func (q *QResult) IsMultiple() bool { return q.Question.Kind == QMultiple }

func percent(n, of int) float64 {
	if of == 0 {
		return 0
	}
	return float64(n) * 100 / float64(of)
}

// chartConfig is what internal/web/static/js/loa.js reads from data-chart.
type chartConfig struct {
	Type       string    `json:"type"`
	Labels     []string  `json:"labels"`
	Data       []float64 `json:"data"`
	Label      string    `json:"label,omitempty"`
	Colors     []string  `json:"colors,omitempty"`
	Horizontal bool      `json:"horizontal,omitempty"`
	Max        float64   `json:"max,omitempty"`
}

// scaleColors run from red to green over a scale's points; each keeps 3:1 against white.
var scaleColors = []string{"#b3261e", "#c0561b", "#8a6d00", "#5b7f1e", "#2e7d32", "#1b5e20"}

// Results counts the answers to sv. axisLabel names the chart's value axis
// ("Tỷ lệ (%)") in the reader's language.
func (s *Store) Results(ctx context.Context, sv *Survey, axisLabel string) (*Results, error) {
	q := s.db.Read()
	res := &Results{}
	if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM survey_responses WHERE survey_id = $1`, sv.ID).Scan(&res.Total); err != nil {
		return nil, err
	}
	answered := map[string]int{}
	if err := eachRow(ctx, q, `SELECT question_id, COUNT(DISTINCT response_id) FROM survey_answers WHERE survey_id = $1 GROUP BY question_id`,
		sv.ID, func(r *sql.Rows) error {
			var id string
			var n int
			err := r.Scan(&id, &n)
			answered[id] = n
			return err
		}); err != nil {
		return nil, err
	}
	byOption := map[string]int{}
	byPoint := map[string]map[int]int{}
	if err := eachRow(ctx, q, `SELECT question_id, COALESCE(option_id, ''), COALESCE(value, 0), COUNT(*) FROM survey_answers
		WHERE survey_id = $1 AND (option_id IS NOT NULL OR value IS NOT NULL) GROUP BY question_id, option_id, value`,
		sv.ID, func(r *sql.Rows) error {
			var qid, oid string
			var value, n int
			if err := r.Scan(&qid, &oid, &value, &n); err != nil {
				return err
			}
			if oid != "" {
				byOption[oid] += n
				return nil
			}
			if byPoint[qid] == nil {
				byPoint[qid] = map[int]int{}
			}
			byPoint[qid][value] += n
			return nil
		}); err != nil {
		return nil, err
	}
	for i, qu := range sv.Questions {
		qr := &QResult{Question: qu, Number: i + 1, Answered: answered[qu.ID]}
		qr.Skipped = res.Total - qr.Answered
		chart := chartConfig{Type: "bar", Label: axisLabel, Horizontal: true, Max: 100}
		switch qu.Kind {
		case QSingle, QMultiple:
			for _, o := range qu.Options {
				n := byOption[o.ID]
				qr.Rows = append(qr.Rows, Row{Label: o.Label, Count: n, Percent: percent(n, qr.Answered)})
			}
		case QScale:
			sum, top := 0, 0
			for _, v := range qu.Points() {
				n := byPoint[qu.ID][v]
				label := strconv.Itoa(v)
				switch v {
				case qu.ScaleMin:
					if qu.LabelLow != "" {
						label += " – " + qu.LabelLow
					}
				case qu.ScaleMax:
					if qu.LabelHigh != "" {
						label += " – " + qu.LabelHigh
					}
				}
				qr.Rows = append(qr.Rows, Row{Label: label, Value: v, Count: n, Percent: percent(n, qr.Answered)})
				sum += v * n
				if v >= qu.ScaleMax-1 {
					top += n
				}
			}
			if qr.Answered > 0 {
				qr.Average = float64(sum) / float64(qr.Answered)
			}
			if len(qu.Points()) >= 4 {
				qr.TopShare = percent(top, qr.Answered)
			}
			chart.Horizontal = false
			pts := len(qu.Points())
			for i := range pts {
				chart.Colors = append(chart.Colors, scaleColors[i*(len(scaleColors)-1)/max(1, pts-1)])
			}
		}
		if len(qr.Rows) > 0 {
			for _, r := range qr.Rows {
				chart.Labels = append(chart.Labels, r.Label)
				chart.Data = append(chart.Data, float64(int(r.Percent*10+0.5))/10)
			}
			b, err := json.Marshal(chart)
			if err != nil {
				return nil, err
			}
			qr.Chart = string(b)
		}
		res.Questions = append(res.Questions, qr)
	}
	return res, nil
}

func eachRow(ctx context.Context, q interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}, query string, arg any, f func(*sql.Rows) error) error {
	rows, err := q.QueryContext(ctx, query, arg)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := f(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// TextAnswer is one free-text answer.
type TextAnswer struct {
	At   time.Time
	Text string
}

// TextAnswers lists one page of the free-text answers to question qid of survey
// surveyID, newest first, and how many there are.
func (s *Store) TextAnswers(ctx context.Context, surveyID, qid string, limit, offset int) ([]TextAnswer, int, error) {
	var total int
	if err := s.db.Read().QueryRowContext(ctx, `SELECT COUNT(*) FROM survey_answers WHERE survey_id = $1 AND question_id = $2 AND text IS NOT NULL`,
		surveyID, qid).Scan(&total); err != nil {
		return nil, 0, err
	}
	rows, err := s.db.Read().QueryContext(ctx, `SELECT r.submitted_at, a.text FROM survey_answers a JOIN survey_responses r ON r.id = a.response_id
		WHERE a.survey_id = $1 AND a.question_id = $2 AND a.text IS NOT NULL
		ORDER BY r.submitted_at DESC, r.id DESC LIMIT `+fmt.Sprint(max(1, limit))+` OFFSET `+fmt.Sprint(max(0, offset)), surveyID, qid)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []TextAnswer
	for rows.Next() {
		var t TextAnswer
		if err := rows.Scan(&t.At, &t.Text); err != nil {
			return nil, 0, err
		}
		out = append(out, t)
	}
	return out, total, rows.Err()
}

// Response is one response as the export lays it out: per question, the labels of
// the options chosen, the point given or the text written.
type Response struct {
	ID      string
	At      time.Time
	Answers map[string][]string // question id → values
}

// Responses returns every response to sv, oldest first.
func (s *Store) Responses(ctx context.Context, sv *Survey) ([]*Response, error) {
	labels := map[string]string{}
	for _, q := range sv.Questions {
		for _, o := range q.Options {
			labels[o.ID] = o.Label
		}
	}
	var out []*Response
	byID := map[string]*Response{}
	err := eachRow(ctx, s.db.Read(), `SELECT id, submitted_at FROM survey_responses WHERE survey_id = $1 ORDER BY submitted_at, id`, sv.ID,
		func(r *sql.Rows) error {
			resp := &Response{Answers: map[string][]string{}}
			if err := r.Scan(&resp.ID, &resp.At); err != nil {
				return err
			}
			out = append(out, resp)
			byID[resp.ID] = resp
			return nil
		})
	if err != nil {
		return nil, err
	}
	err = eachRow(ctx, s.db.Read(), `SELECT response_id, question_id, COALESCE(option_id, ''), value, text FROM survey_answers
		WHERE survey_id = $1 ORDER BY response_id, question_id, seq`, sv.ID, func(r *sql.Rows) error {
		var rid, qid, oid string
		var value sql.NullInt64
		var text sql.NullString
		if err := r.Scan(&rid, &qid, &oid, &value, &text); err != nil {
			return err
		}
		resp := byID[rid]
		if resp == nil {
			return nil
		}
		switch {
		case oid != "":
			resp.Answers[qid] = append(resp.Answers[qid], labels[oid])
		case value.Valid:
			resp.Answers[qid] = append(resp.Answers[qid], strconv.FormatInt(value.Int64, 10))
		case text.Valid:
			resp.Answers[qid] = append(resp.Answers[qid], text.String)
		}
		return nil
	})
	return out, err
}
