package survey

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"loa/internal/document"
	"loa/internal/document/xlsx"
	"loa/internal/i18n"
	"loa/internal/vn"
)

func cell(s string) document.Cell { return document.TextCell(s) }

func centred(s string) document.Cell {
	return document.Cell{Lines: [][]document.Run{document.Plain(s)}, Align: "center"}
}

func header(lang i18n.Lang, keys ...string) []document.Cell {
	row := make([]document.Cell, len(keys))
	for i, k := range keys {
		row[i] = cell(i18n.T(lang, k))
	}
	return row
}

// summaryTable lays the results out one row per option or point, the question's
// number and text on its first row.
func summaryTable(res *Results, lang i18n.Lang) *document.Table {
	t := &document.Table{Widths: []float64{5, 34, 34, 10, 10}, HeaderRows: 1}
	t.Rows = append(t.Rows, header(lang, "survey.col.number", "survey.col.question", "survey.col.option", "survey.col.count", "survey.col.percent"))
	for _, q := range res.Questions {
		first := true
		add := func(label, count, pct string) {
			num, text := "", ""
			if first {
				num, text = strconv.Itoa(q.Number), q.Question.Text
				first = false
			}
			t.Rows = append(t.Rows, []document.Cell{centred(num), cell(text), cell(label), cell(count), cell(pct)})
		}
		for _, r := range q.Rows {
			add(r.Label, strconv.Itoa(r.Count), r.Pct())
		}
		if q.IsScale() {
			add(i18n.T(lang, "survey.average"), q.Avg(), "")
			if len(q.Question.Points()) >= 4 {
				add(i18n.T(lang, "survey.top_share"), "", q.Top())
			}
		}
		if q.IsText() {
			add(i18n.T(lang, "survey.text_answers"), strconv.Itoa(q.Answered), "")
		} else {
			add(i18n.T(lang, "survey.answered"), strconv.Itoa(q.Answered), "")
		}
		add(i18n.T(lang, "survey.skipped"), strconv.Itoa(q.Skipped), "")
	}
	return t
}

// responseRows are the responses one row each: number, time, then one column per
// question (options chosen joined by "; ").
func responseRows(sv *Survey, responses []*Response, lang i18n.Lang) [][]string {
	head := []string{i18n.T(lang, "survey.col.seq"), i18n.T(lang, "survey.col.submitted_at")}
	for i, q := range sv.Questions {
		head = append(head, fmt.Sprintf("%d. %s", i+1, q.Text))
	}
	out := [][]string{head}
	for i, r := range responses {
		row := []string{strconv.Itoa(i + 1), vn.DateTime(r.At)}
		for _, q := range sv.Questions {
			row = append(row, strings.Join(r.Answers[q.ID], "; "))
		}
		out = append(out, row)
	}
	return out
}

// WriteResultsXLSX writes the results workbook: the summary, then every response.
func WriteResultsXLSX(w io.Writer, sv *Survey, res *Results, responses []*Response, lang i18n.Lang) error {
	rows := responseRows(sv, responses, lang)
	t := &document.Table{HeaderRows: 1}
	t.Widths = []float64{5, 14}
	for range sv.Questions {
		t.Widths = append(t.Widths, 24)
	}
	for _, r := range rows {
		cells := make([]document.Cell, len(r))
		for i, v := range r {
			cells[i] = cell(v)
		}
		t.Rows = append(t.Rows, cells)
	}
	title := sv.Title + " — " + i18n.T(lang, "survey.export_responses_count", len(responses))
	return xlsx.WriteTables(w, []xlsx.Sheet{
		{Name: i18n.T(lang, "survey.sheet_summary"), Title: sv.Title, Table: summaryTable(res, lang)},
		{Name: i18n.T(lang, "survey.sheet_responses"), Title: title, Table: t, Landscape: true},
	})
}

// safeCSV keeps a spreadsheet from reading a citizen's text as a formula.
func safeCSV(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// writeCSV writes rows as UTF-8 CSV with a byte-order mark, which Excel needs to read
// Vietnamese.
func writeCSV(w io.Writer, rows [][]string) error {
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	for _, r := range rows {
		safe := make([]string, len(r))
		for i, v := range r {
			safe[i] = safeCSV(v)
		}
		if err := cw.Write(safe); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteResponsesCSV writes every response, one a row.
func WriteResponsesCSV(w io.Writer, sv *Survey, responses []*Response, lang i18n.Lang) error {
	return writeCSV(w, responseRows(sv, responses, lang))
}

// WriteSummaryCSV writes the counts and percentages, one option or point a row.
func WriteSummaryCSV(w io.Writer, res *Results, lang i18n.Lang) error {
	var rows [][]string
	for _, r := range summaryTable(res, lang).Rows {
		line := make([]string, len(r))
		for i, c := range r {
			line[i] = c.CellText()
		}
		rows = append(rows, line)
	}
	return writeCSV(w, rows)
}

// codeRows are the invitation codes with the link that opens the form with the code
// filled in, ready for a mail merge or to print.
func codeRows(sv *Survey, codes []Code, baseURL string, lang i18n.Lang) [][]string {
	out := [][]string{{i18n.T(lang, "survey.col.seq"), i18n.T(lang, "survey.code"), i18n.T(lang, "survey.code_batch"),
		i18n.T(lang, "survey.code_link"), i18n.T(lang, "survey.code_used")}}
	for i, c := range codes {
		used := ""
		if c.UsedAt != nil {
			used = vn.DateTime(*c.UsedAt)
		}
		out = append(out, []string{strconv.Itoa(i + 1), c.Code, c.Batch, strings.TrimRight(baseURL, "/") + PublicPath(sv.Slug) + "?ma=" + c.Code, used})
	}
	return out
}

// WriteCodesXLSX writes the invitation codes as a workbook to print.
func WriteCodesXLSX(w io.Writer, sv *Survey, codes []Code, baseURL string, lang i18n.Lang) error {
	t := &document.Table{Widths: []float64{5, 14, 18, 44, 14}, HeaderRows: 1}
	for _, r := range codeRows(sv, codes, baseURL, lang) {
		t.Rows = append(t.Rows, []document.Cell{centred(r[0]), centred(r[1]), cell(r[2]), cell(r[3]), cell(r[4])})
	}
	return xlsx.WriteTables(w, []xlsx.Sheet{{Name: i18n.T(lang, "survey.codes_title"), Title: sv.Title, Table: t}})
}

// WriteCodesCSV writes the invitation codes as CSV.
func WriteCodesCSV(w io.Writer, sv *Survey, codes []Code, baseURL string, lang i18n.Lang) error {
	return writeCSV(w, codeRows(sv, codes, baseURL, lang))
}

// PublicPath is the public address of the survey with this slug.
func PublicPath(slug string) string { return "/khao-sat/" + slug }
