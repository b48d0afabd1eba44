package oversight

import (
	"strconv"
	"strings"

	"loa/internal/document"
	"loa/internal/document/xlsx"
	"loa/internal/i18n"
)

// figure writes a number as Vietnamese write it (decimal comma), so that the workbook
// stores it as a number rather than as text.
func figure(v float64) document.Cell {
	c := document.TextCell(strings.Replace(strconv.FormatFloat(v, 'f', -1, 64), ".", ",", 1))
	c.Align = "right"
	return c
}

func count(n int) document.Cell { return figure(float64(n)) }

// deadlineFrom says in words where a row's deadline came from, the rule spelt out.
func deadlineFrom(r *Row, lang i18n.Lang) string {
	if r.Rule != nil {
		relation := r.Rule.Relation
		if k := r.Rule.RelationKey(); k != "" {
			relation = i18n.T(lang, k)
		}
		return i18n.T(lang, "oversight.deadline_from.rule", relation, r.Rule.Summary().In(lang))
	}
	return i18n.T(lang, "oversight.deadline_from."+string(r.DeadlineFrom))
}

// Sheets lays the view out as workbook sheets: the rates, one row per agency, and the
// figures summed by channel.
func Sheets(v *View, lang i18n.Lang) []xlsx.Sheet {
	t := func(k string, args ...any) string { return i18n.T(lang, k, args...) }
	text := func(lines ...string) document.Cell { return document.TextCell(lines...) }
	head := func(keys ...string) []document.Cell {
		row := make([]document.Cell, len(keys))
		for i, k := range keys {
			row[i] = text(t(k))
		}
		return row
	}
	label := v.Period.Label().In(lang)
	tot := v.Totals

	summary := &document.Table{HeaderRows: 1, Widths: []float64{40, 14, 14, 12}}
	summary.Rows = append(summary.Rows, head("oversight.col_measure", "oversight.col_count", "oversight.col_of", "oversight.col_percent"))
	for _, m := range []struct {
		key  string
		rate Rate
	}{
		{"oversight.kpi_plans", tot.Plans},
		{"oversight.kpi_plans_on_time", tot.PlansOnTime},
		{"oversight.kpi_reporting", tot.Reporting},
		{"oversight.kpi_on_time", tot.OnTime},
		{"oversight.timeliness.late", Rate{tot.Late, tot.Overseen}},
		{"oversight.timeliness.missing", Rate{tot.Missing, tot.Overseen}},
		{"oversight.timeliness.due", Rate{tot.Due, tot.Overseen}},
	} {
		summary.Rows = append(summary.Rows, []document.Cell{text(t(m.key)), count(m.rate.Count), count(m.rate.Of), count(m.rate.Percent())})
	}
	// The average is over the reports that cover plan activities; it is no rate of agencies.
	summary.Rows = append(summary.Rows, []document.Cell{text(t("oversight.avg_share")), count(tot.SharedBy), text(""), count(tot.AverageSharePercent())})

	agencies := &document.Table{HeaderRows: 1, Widths: []float64{5, 30, 18, 12, 16, 12, 11, 20, 11, 10, 10}}
	agencies.Rows = append(agencies.Rows, head("plan.col_seq", "oversight.col_agency", "oversight.col_plan_number", "oversight.col_plan_timeliness",
		"oversight.col_report", "oversight.col_sent", "oversight.col_deadline", "oversight.col_deadline_from", "oversight.col_timeliness",
		"oversight.col_share_percent", "oversight.col_par"))
	for i, r := range v.Rows {
		planCell, planTime := text(t("oversight.no_plan")), text("")
		if p := r.Plan; p != nil {
			planCell = text(p.Number+"/"+p.Symbol, p.Date.Short())
			if p.Amended() {
				planCell = text(p.Number+"/"+p.Symbol, p.Date.Short(), t("oversight.first_issued", p.FirstIssued.Short()))
			}
			planTime = text(t("oversight.plan_late"))
			if p.OnTime {
				planTime = text(t("oversight.timeliness.on_time"))
			}
		}
		reportCell, sent, share, par := text(t("oversight.no_report")), text(""), text(""), text("")
		if r.Report != nil {
			reportCell = text(t(r.Report.Status.Label()))
		}
		if s := r.Sent; s != nil {
			reportCell = text(s.Number+"/"+s.Symbol, t("oversight.version", s.Version))
			sent = text(s.FirstSentOn.Short())
			if s.Resent() {
				sent = text(s.FirstSentOn.Short(), t("oversight.resent", s.SentOn.Short()))
			}
		}
		if pct := r.SharePercent(); pct >= 0 {
			share = count(pct)
			par = figure(r.Sent.Figures.ParScore)
		}
		agencies.Rows = append(agencies.Rows, []document.Cell{count(i + 1), text(r.Name), planCell, planTime, reportCell, sent,
			text(r.Deadline.Short()), text(deadlineFrom(r, lang)), text(t(r.Timeliness.Label())), share, par})
	}

	channels := &document.Table{HeaderRows: 1, Widths: []float64{30, 14, 12, 12, 16, 16}}
	channels.Rows = append(channels.Rows, head("oversight.col_channel", "oversight.col_unit", "oversight.col_results", "oversight.col_quantity",
		"oversight.col_attendees", "oversight.col_agencies"))
	for _, c := range v.Channels {
		channels.Rows = append(channels.Rows, []document.Cell{text(t(c.Label())), text(c.Unit), count(c.Results), figure(c.Quantity),
			count(c.Attendees), count(c.Agencies)})
	}

	title := t("oversight.sheet_title", v.Root.Name, label)
	return []xlsx.Sheet{
		{Name: t("oversight.sheet_summary"), Title: title, Table: summary},
		{Name: t("oversight.sheet_agencies"), Title: title, Table: agencies},
		{Name: t("oversight.sheet_channels"), Title: title, Table: channels},
	}
}
