package report

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"loa/internal/document"
	"loa/internal/document/docx"
	"loa/internal/document/pdf"
	"loa/internal/document/xlsx"
	"loa/internal/i18n"
)

// ToDocument lays the report out as the office signs it (Decree 30): the header, the
// figures in sections I–IV with their tables, the signer, the recipients, and an annex
// of each unit's completion and the topics covered.
func ToDocument(r *Report, c *Compiled, lang i18n.Lang) *document.Document {
	t := func(k string, args ...any) string { return i18n.T(lang, k, args...) }
	d := &document.Document{
		ParentBody: r.Header.ParentBody, IssuingBody: r.Header.IssuingBody, Number: r.Number, Symbol: r.Symbol,
		Place: r.Place, Day: r.Date.Day, Month: r.Date.Month, Year: r.Date.Year,
		TypeName: "BÁO CÁO", Summary: r.Header.Summary, KinhGui: r.Header.KinhGui,
		Signer:     document.Signer{Authority: r.Header.Signer.Authority, Title: r.Header.Signer.Title, Name: r.Header.Signer.Name},
		Recipients: append([]string(nil), r.Header.Recipients...),
	}
	body := &d.Body
	heading := func(level int, label, text string) {
		*body = append(*body, document.Block{Kind: document.KindHeading, Level: level, Label: label, Runs: document.Plain(text)})
	}
	para := func(s string) {
		for _, l := range strings.Split(s, "\n") {
			if l = strings.TrimSpace(l); l != "" {
				*body = append(*body, document.Block{Kind: document.KindParagraph, Runs: document.Plain(l)})
			}
		}
	}
	bullets := func(s string) {
		for _, l := range strings.Split(s, "\n") {
			if l = strings.TrimSpace(l); l != "" {
				*body = append(*body, document.Block{Kind: document.KindBullet, Level: 1, Runs: document.Plain(l)})
			}
		}
	}
	table := func(tb *document.Table) { *body = append(*body, document.Block{Kind: document.KindTable, Table: tb}) }

	heading(1, "I.", "KẾT QUẢ THỰC HIỆN")
	heading(2, "1.", "Công tác chỉ đạo, triển khai")
	if c.Plan != nil {
		line := fmt.Sprintf("%s đã ban hành Kế hoạch", c.Agency.Name)
		if c.Plan.Number != "" {
			line += fmt.Sprintf(" số %s/%s", c.Plan.Number, c.Plan.Symbol)
		}
		if c.Plan.Date != "" {
			line += " ngày " + c.Plan.Date
		}
		para(line + " về " + lowerFirst(c.Plan.Summary) + "; giao nhiệm vụ cụ thể cho các phòng, đơn vị trực thuộc.")
	} else {
		para(t("report.note_no_plan", c.Period.To.Year))
	}
	heading(2, "2.", "Kết quả thực hiện các hoạt động trọng tâm")
	para(r.Narrative.Results)
	if len(c.Activities) > 0 {
		table(activitiesTable(c))
	}
	if len(c.TotalsByChannel) > 0 {
		heading(2, "3.", "Tổng hợp theo hình thức tuyên truyền")
		table(channelsTable(c))
	}
	heading(2, "4.", "Tự đánh giá")
	para(fmt.Sprintf("Tỷ lệ hoàn thành kế hoạch: %d%% (%d/%d hoạt động; %d hoạt động không phát sinh). Điểm dự kiến tiêu chí thông tin, tuyên truyền CCHC: %s/%s điểm.",
		int(c.CompletionShare*100+0.5), c.Done, c.Applicable, c.Exempt, number(c.ParScore), number(c.ParMax)))
	heading(1, "II.", "TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN")
	if strings.TrimSpace(r.Narrative.Limitations) == "" {
		para("Không có.")
	} else {
		para(r.Narrative.Limitations)
	}
	heading(1, "III.", "NHIỆM VỤ TRỌNG TÂM KỲ TỚI")
	bullets(r.Narrative.NextTasks)
	heading(1, "IV.", "ĐỀ XUẤT, KIẾN NGHỊ")
	if strings.TrimSpace(r.Narrative.Proposals) == "" {
		para("Không có.")
	} else {
		bullets(r.Narrative.Proposals)
	}
	para(fmt.Sprintf("Trên đây là báo cáo kết quả công tác thông tin, tuyên truyền cải cách hành chính %s của %s./.", lowerFirst(c.Period.Label), c.Agency.Name))
	if len(c.Units) > 0 || len(c.TopicsCovered) > 0 {
		annex := document.Annex{Title: "Phụ lục", Subtitle: "KẾT QUẢ CỦA CÁC ĐƠN VỊ VÀ MỨC ĐỘ BAO PHỦ NỘI DUNG TUYÊN TRUYỀN"}
		if len(c.Units) > 0 {
			annex.Body = append(annex.Body, document.Block{Kind: document.KindHeading, Level: 2, Label: "1.", Runs: document.Plain("Kết quả của các đơn vị")},
				document.Block{Kind: document.KindTable, Table: unitsTable(c)})
		}
		if len(c.TopicsCovered) > 0 {
			annex.Body = append(annex.Body, document.Block{Kind: document.KindHeading, Level: 2, Label: "2.", Runs: document.Plain("Nội dung tuyên truyền")},
				document.Block{Kind: document.KindTable, Table: topicsTable(c)})
		}
		d.Annexes = append(d.Annexes, annex)
	}
	return d
}

func headerRow(cols ...string) []document.Cell {
	r := make([]document.Cell, len(cols))
	for i, c := range cols {
		r[i] = document.TextCell(c)
		r[i].Align = "center"
	}
	return r
}

func num(v float64) document.Cell {
	c := document.TextCell(number(v))
	c.Align = "right"
	return c
}

func activitiesTable(c *Compiled) *document.Table {
	tb := &document.Table{HeaderRows: 1, Widths: []float64{6, 40, 18, 18, 18}}
	tb.Rows = append(tb.Rows, headerRow("TT", "Hoạt động", "Cơ quan chủ trì", "Kết quả", "Tình hình"))
	for _, a := range c.Activities {
		result := number(a.Quantity) + " " + a.Unit
		if a.Target != nil {
			result += " / " + number(*a.Target)
		}
		if a.Attendees > 0 {
			result += fmt.Sprintf("; %s người", number(float64(a.Attendees)))
		}
		state := stateText(a)
		tb.Rows = append(tb.Rows, []document.Cell{document.TextCell(strconv.Itoa(a.Seq)), document.TextCell(a.Text), document.TextCell(a.Lead),
			document.TextCell(result), document.TextCell(state)})
		tb.Rows[len(tb.Rows)-1][0].Align = "center"
	}
	return tb
}

func stateText(a ActivityFigure) string {
	switch {
	case a.Exempt:
		return "Không phát sinh" + map[bool]string{true: ": " + a.ExemptWhy, false: ""}[a.ExemptWhy != ""]
	case a.Done:
		return "Hoàn thành"
	case a.State == "overdue":
		return "Chưa hoàn thành (quá hạn)"
	case a.Results > 0 || a.State == "in_progress":
		return "Đang thực hiện"
	}
	return "Chưa thực hiện"
}

func channelsTable(c *Compiled) *document.Table {
	tb := &document.Table{HeaderRows: 1, Widths: []float64{40, 15, 20, 25}, HasTotals: true}
	tb.Rows = append(tb.Rows, headerRow("Hình thức", "Lượt thực hiện", "Số lượng", "Người tham gia"))
	var results, attendees int
	for _, t := range c.TotalsByChannel {
		tb.Rows = append(tb.Rows, []document.Cell{document.TextCell(t.Label), num(float64(t.Results)), num(t.Quantity), num(float64(t.Attendees))})
		results += t.Results
		attendees += t.Attendees
	}
	tb.Rows = append(tb.Rows, []document.Cell{document.TextCell("Tổng cộng"), num(float64(results)), document.TextCell(""), num(float64(attendees))})
	return tb
}

func unitsTable(c *Compiled) *document.Table {
	tb := &document.Table{HeaderRows: 1, Widths: []float64{40, 12, 12, 12, 12, 12}}
	tb.Rows = append(tb.Rows, headerRow("Đơn vị", "Được giao", "Hoàn thành", "Tỷ lệ (%)", "Kết quả", "Cập nhật đúng hạn"))
	for _, u := range c.Units {
		tb.Rows = append(tb.Rows, []document.Cell{document.TextCell(u.Name), num(float64(u.Assigned)), num(float64(u.Done)), num(float64(u.Share)),
			num(float64(u.Results)), num(float64(u.OnTime))})
	}
	return tb
}

func topicsTable(c *Compiled) *document.Table {
	tb := &document.Table{HeaderRows: 1, Widths: []float64{6, 70, 12, 12}}
	tb.Rows = append(tb.Rows, headerRow("TT", "Nội dung tuyên truyền", "Kết quả", "Hoạt động"))
	for _, t := range c.TopicsCovered {
		tb.Rows = append(tb.Rows, []document.Cell{document.TextCell(strconv.Itoa(t.Seq)), document.TextCell(t.Text), num(float64(t.Results)), num(float64(t.Activities))})
	}
	return tb
}

// Formats are the export formats of a report.
var Formats = []string{"docx", "pdf", "xlsx", "json", "csv"}

// ContentTypes of the formats.
var ContentTypes = map[string]string{
	"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	"pdf":  "application/pdf",
	"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	"json": "application/json; charset=utf-8",
	"csv":  "text/csv; charset=utf-8",
}

// Export writes the report as Word, PDF or Excel (its tables) through the documents
// engine, or its figures as JSON or CSV for other systems.
func Export(w io.Writer, r *Report, c *Compiled, format string, lang i18n.Lang) error {
	switch format {
	case "docx":
		return docx.Write(w, ToDocument(r, c, lang))
	case "pdf":
		return pdf.Write(w, ToDocument(r, c, lang))
	case "xlsx":
		return xlsx.WriteTables(w, sheets(c))
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(c)
	case "csv":
		return writeCSV(w, c)
	}
	return fmt.Errorf("định dạng %q không hỗ trợ: dùng docx, pdf, xlsx, json hoặc csv", format)
}

func sheets(c *Compiled) []xlsx.Sheet {
	title := fmt.Sprintf("%s — %s", c.Agency.Name, c.Period.Label)
	out := []xlsx.Sheet{}
	if len(c.Activities) > 0 {
		out = append(out, xlsx.Sheet{Name: "Hoạt động", Title: "KẾT QUẢ CÁC HOẠT ĐỘNG — " + title, Table: activitiesTable(c)})
	}
	if len(c.TotalsByChannel) > 0 {
		out = append(out, xlsx.Sheet{Name: "Hình thức", Title: "TỔNG HỢP THEO HÌNH THỨC — " + title, Table: channelsTable(c)})
	}
	if len(c.Units) > 0 {
		out = append(out, xlsx.Sheet{Name: "Đơn vị", Title: "KẾT QUẢ CỦA CÁC ĐƠN VỊ — " + title, Table: unitsTable(c)})
	}
	if len(c.TopicsCovered) > 0 {
		out = append(out, xlsx.Sheet{Name: "Nội dung", Title: "NỘI DUNG TUYÊN TRUYỀN — " + title, Table: topicsTable(c)})
	}
	if len(out) == 0 {
		tb := &document.Table{HeaderRows: 1}
		tb.Rows = append(tb.Rows, headerRow("Ghi chú"), []document.Cell{document.TextCell(strings.Join(c.Notes, " "))})
		out = append(out, xlsx.Sheet{Name: "Báo cáo", Title: title, Table: tb})
	}
	return out
}

// CSVHeader names the columns of the CSV export: one row per activity.
var CSVHeader = []string{"period", "agency", "seq", "activity", "channel", "lead", "state", "done", "quantity", "unit", "target",
	"results", "attendees", "evidence"}

func writeCSV(w io.Writer, c *Compiled) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(CSVHeader); err != nil {
		return err
	}
	for _, a := range c.Activities {
		target := ""
		if a.Target != nil {
			target = strconv.FormatFloat(*a.Target, 'f', -1, 64)
		}
		if err := cw.Write([]string{c.Period.Code, c.Agency.Abbr, strconv.Itoa(a.Seq), a.Text, a.Channel, a.Lead, a.State, strconv.FormatBool(a.Done),
			strconv.FormatFloat(a.Quantity, 'f', -1, 64), a.Unit, target, strconv.Itoa(a.Results), strconv.Itoa(a.Attendees), strconv.Itoa(a.Evidence)}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
