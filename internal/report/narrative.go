package report

import (
	"fmt"
	"strconv"
	"strings"

	"loa/internal/plan"
)

// Narrative is the prose of a report, in four sections the office edits before
// sending. It is prefilled from the figures in plain Vietnamese.
type Narrative struct {
	Results     string `json:"results"`     // kết quả đạt được
	Limitations string `json:"limitations"` // tồn tại, hạn chế và nguyên nhân
	NextTasks   string `json:"next_tasks"`  // nhiệm vụ kỳ tới
	Proposals   string `json:"proposals"`   // đề xuất, kiến nghị
}

// number writes a quantity the Vietnamese way: 1.500 and 2,5.
func number(q float64) string {
	if q == float64(int64(q)) {
		return plan.FormatVND(int64(q))
	}
	return strings.Replace(strconv.FormatFloat(q, 'f', 1, 64), ".", ",", 1)
}

// Prefill writes the narrative a report starts with.
func Prefill(c *Compiled) Narrative {
	var n Narrative
	if c.Plan == nil {
		n.Results = fmt.Sprintf("Trong kỳ báo cáo (từ ngày %s đến ngày %s), %s chưa ban hành kế hoạch công tác thông tin, tuyên truyền cải cách hành chính năm %d.",
			c.Period.From.Short(), c.Period.To.Short(), c.Agency.Name, c.Period.To.Year)
		n.NextTasks = fmt.Sprintf("Ban hành kế hoạch công tác thông tin, tuyên truyền cải cách hành chính năm %d.", c.Period.To.Year)
		return n
	}
	plan := "Kế hoạch công tác thông tin, tuyên truyền cải cách hành chính năm " + strconv.Itoa(c.Plan.Year)
	if c.Plan.Number != "" {
		plan = fmt.Sprintf("Kế hoạch số %s/%s", c.Plan.Number, c.Plan.Symbol)
		if c.Plan.Date != "" {
			plan += " ngày " + c.Plan.Date
		}
		plan += " về công tác thông tin, tuyên truyền cải cách hành chính năm " + strconv.Itoa(c.Plan.Year)
	}
	var lines []string
	lines = append(lines, fmt.Sprintf("Trong kỳ báo cáo (từ ngày %s đến ngày %s), %s đã triển khai thực hiện %s; hoàn thành %d/%d hoạt động trọng tâm (đạt %d%%).",
		c.Period.From.Short(), c.Period.To.Short(), c.Agency.Name, plan, c.Done, c.Applicable, int(c.CompletionShare*100+0.5)))
	var done []string
	for _, t := range c.TotalsByChannel {
		if t.Results == 0 {
			continue
		}
		part := fmt.Sprintf("%s: %d lượt thực hiện", lowerFirst(t.Label), t.Results)
		if t.Quantity > 0 {
			part += ", " + number(t.Quantity) + " " + unitOf(c, t.Channel)
		}
		if t.Attendees > 0 {
			part += fmt.Sprintf(", %s lượt người tham gia", number(float64(t.Attendees)))
		}
		done = append(done, part)
	}
	if len(done) > 0 {
		lines = append(lines, "Kết quả theo hình thức tuyên truyền: "+strings.Join(done, "; ")+".")
	}
	var covered []string
	for _, t := range c.TopicsCovered {
		if t.Results > 0 {
			covered = append(covered, strconv.Itoa(t.Seq))
		}
	}
	if len(covered) > 0 {
		lines = append(lines, fmt.Sprintf("Các nội dung tuyên truyền đã được đề cập: nội dung số %s trong %d nội dung của Kế hoạch.", sentence(covered), len(c.TopicsCovered)))
	}
	n.Results = strings.Join(lines, "\n")

	var limits []string
	var undone, uncovered, silent []string
	for _, a := range c.Activities {
		if !a.Done && !a.Exempt {
			undone = append(undone, strconv.Itoa(a.Seq))
		}
	}
	for _, t := range c.TopicsCovered {
		if t.Results == 0 {
			uncovered = append(uncovered, strconv.Itoa(t.Seq))
		}
	}
	for _, u := range c.Units {
		if u.Assigned > 0 && u.Results == 0 {
			silent = append(silent, u.Name)
		}
	}
	if len(undone) > 0 {
		limits = append(limits, fmt.Sprintf("Còn %d hoạt động chưa hoàn thành (hoạt động số %s).", len(undone), sentence(undone)))
	}
	if len(uncovered) > 0 {
		limits = append(limits, fmt.Sprintf("Nội dung số %s chưa được tuyên truyền trong kỳ.", sentence(uncovered)))
	}
	if len(silent) > 0 {
		limits = append(limits, "Một số đơn vị chưa cập nhật kết quả thực hiện: "+sentence(silent)+".")
	}
	if len(limits) > 0 {
		limits = append(limits, "Nguyên nhân: ")
	}
	n.Limitations = strings.Join(limits, "\n")

	var next []string
	for _, a := range c.Activities {
		if !a.Done && !a.Exempt {
			next = append(next, fmt.Sprintf("Tiếp tục thực hiện hoạt động số %d: %s (%s; chủ trì: %s).", a.Seq, a.Text, a.Time, a.Lead))
		}
	}
	next = append(next, "Đôn đốc các đơn vị cập nhật kết quả và tài liệu kiểm chứng ngay khi thực hiện.")
	n.NextTasks = strings.Join(next, "\n")

	var props []string
	for _, d := range c.Difficulties {
		if d.Status == "open" || d.Status == "escalated" {
			props = append(props, fmt.Sprintf("%s (%s): %s", d.Title, d.Unit, d.Body))
		}
	}
	n.Proposals = strings.Join(props, "\n")
	return n
}

// unitOf is the unit of quantity of a channel's activities in the report.
func unitOf(c *Compiled, channel string) string {
	for _, a := range c.Activities {
		if a.Channel == channel && a.Unit != "" {
			return a.Unit
		}
	}
	return "lượt"
}

func lowerFirst(s string) string {
	for i, r := range s {
		return strings.ToLower(string(r)) + s[i+len(string(r)):]
	}
	return s
}

// Get returns a section by its form name: results, limitations, next_tasks, proposals.
func (n Narrative) Get(name string) string {
	return map[string]string{"results": n.Results, "limitations": n.Limitations, "next_tasks": n.NextTasks, "proposals": n.Proposals}[name]
}
