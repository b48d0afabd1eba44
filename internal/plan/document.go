package plan

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"loa/internal/document"
	"loa/internal/document/recognise"
	"loa/internal/library"
	"loa/internal/vn"
)

// The section titles Loa prints, in the order of the model plan.
const (
	titlePurpose    = "MỤC ĐÍCH, YÊU CẦU"
	titlePurposes   = "Mục đích"
	titleReqs       = "Yêu cầu"
	titleTopics     = "NỘI DUNG TUYÊN TRUYỀN"
	titleChannels   = "HÌNH THỨC TUYÊN TRUYỀN"
	titleActivities = "MỘT SỐ HOẠT ĐỘNG TUYÊN TRUYỀN TRỌNG TÂM"
	titleFunding    = "KINH PHÍ THỰC HIỆN"
	titleDuties     = "TỔ CHỨC THỰC HIỆN"
)

var activityHeader = []string{"TT", "Hình thức tuyên truyền", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian thực hiện"}

var roman = []string{"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"}

// ToDocument lays the plan out as the document the office signs: the header, the
// legal bases, sections I–VI, the activity table, the signer and the recipients. A
// draft keeps its number and day blank.
func ToDocument(p *Plan) *document.Document {
	d := &document.Document{
		ParentBody: p.ParentBody, IssuingBody: p.IssuingBody, Number: p.Number, Symbol: p.Symbol,
		Place: p.Place, Day: p.Date.Day, Month: p.Date.Month, Year: p.Date.Year,
		TypeName: "KẾ HOẠCH", Summary: p.Summary,
		Signer:     document.Signer{Authority: p.Signer.Authority, Title: p.Signer.Title, Name: p.Signer.Name},
		Recipients: append([]string(nil), p.Recipients...),
	}
	for _, c := range p.LegalBases {
		d.LegalBases = append(d.LegalBases, c.Text)
	}
	body := &d.Body
	para := func(s string) {
		for _, line := range strings.Split(s, "\n") {
			if line = strings.TrimSpace(line); line != "" {
				*body = append(*body, document.Block{Kind: document.KindParagraph, Runs: document.Plain(line)})
			}
		}
	}
	item := func(label, text string) {
		*body = append(*body, document.Block{Kind: document.KindParagraph, Label: label, Runs: document.Plain(text)})
	}
	heading := func(level int, label, text string) {
		*body = append(*body, document.Block{Kind: document.KindHeading, Level: level, Label: label, Runs: document.Plain(text)})
	}
	section := 0
	open := func(title string) {
		heading(1, roman[section]+".", title)
		section++
	}
	para(p.Intro)
	if len(p.Purposes)+len(p.Requirements) > 0 {
		open(titlePurpose)
		n := 0
		for _, part := range []struct {
			title string
			items []Item
		}{{titlePurposes, p.Purposes}, {titleReqs, p.Requirements}} {
			if len(part.items) == 0 {
				continue
			}
			n++
			heading(2, fmt.Sprintf("%d.", n), part.title)
			for _, it := range part.items {
				item(it.Label, it.Text)
			}
		}
	}
	if len(p.Topics) > 0 || p.TopicsIntro != "" {
		open(titleTopics)
		para(p.TopicsIntro)
		for _, t := range p.Topics {
			item(fmt.Sprintf("%d.", t.Seq), t.Text)
		}
	}
	if len(p.Channels) > 0 {
		open(titleChannels)
		for _, c := range p.Channels {
			item(fmt.Sprintf("%d.", c.Seq), c.Text)
		}
	}
	if len(p.Activities) > 0 {
		open(titleActivities)
		*body = append(*body, document.Block{Kind: document.KindTable, Table: activityTable(p.Activities)})
	}
	if p.Funding != "" {
		open(titleFunding)
		para(p.Funding)
	}
	if len(p.Duties) > 0 {
		open(titleDuties)
		for i, du := range p.Duties {
			heading(2, fmt.Sprintf("%d.", i+1), du.Holder)
			para(du.Text)
			for _, it := range du.Items {
				item(it.Label, it.Text)
			}
		}
	}
	para(p.Closing)
	for _, u := range p.Unrecognised {
		para(u)
	}
	return d
}

func activityTable(acts []Activity) *document.Table {
	withTarget, withBudget := false, false
	for _, a := range acts {
		withTarget = withTarget || a.Target != nil
		withBudget = withBudget || a.Budget > 0
	}
	header := append([]string(nil), activityHeader...)
	widths := []float64{6, 30, 17, 30, 17}
	if withTarget {
		header = append(header, "Chỉ tiêu")
		widths = append(widths, 12)
	}
	if withBudget {
		header = append(header, "Kinh phí (đồng)")
		widths = append(widths, 14)
	}
	t := &document.Table{Widths: widths, HeaderRows: 1}
	row := make([]document.Cell, len(header))
	for i, h := range header {
		row[i] = document.TextCell(h)
		row[i].Align = "center"
	}
	t.Rows = append(t.Rows, row)
	for _, a := range acts {
		partners := make([]string, len(a.Partners))
		for i, r := range a.Partners {
			partners[i] = r.Name
		}
		if len(partners) > 1 {
			for i := range partners {
				partners[i] = "- " + partners[i]
			}
		}
		r := []document.Cell{document.TextCell(strconv.Itoa(a.Seq)), document.TextCell(ActivityWording(a)),
			document.TextCell(a.Lead.Name), document.TextCell(partners...), document.TextCell(a.Time)}
		r[0].Align = "center"
		if len(partners) == 0 {
			r[3] = document.TextCell("")
		}
		if withTarget {
			c := document.TextCell("")
			if a.Target != nil {
				c = document.TextCell(formatQuantity(a.Target.Quantity) + " " + a.Target.Unit)
			}
			r = append(r, c)
		}
		if withBudget {
			c := document.TextCell("")
			if a.Budget > 0 {
				c = document.TextCell(FormatVND(a.Budget))
				c.Align = "right"
			}
			r = append(r, c)
		}
		t.Rows = append(t.Rows, r)
	}
	return t
}

// ActivityWording is the activity as the table prints it: its text, the supplier
// "(do … cung cấp)" and the condition "(nếu có)".
func ActivityWording(a Activity) string {
	s := a.Text
	if a.Supplier != nil && a.Supplier.Name != "" {
		s += " (do " + a.Supplier.Name + " cung cấp)"
	}
	if a.Conditional {
		s += " (nếu có)"
	}
	return s
}

func formatQuantity(q float64) string {
	if q == float64(int64(q)) {
		return strconv.FormatInt(int64(q), 10)
	}
	return strings.Replace(strconv.FormatFloat(q, 'f', -1, 64), ".", ",", 1)
}

// FormatVND writes an amount with dots between thousands, as Vietnamese documents do.
func FormatVND(n int64) string {
	s := strconv.FormatInt(n, 10)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(r)
	}
	return b.String()
}

var (
	reConditional = regexp.MustCompile(`(?i)\s*\(\s*nếu\s+có\s*\)`)
	reSupplier    = regexp.MustCompile(`(?i)\s*\(\s*do\s+(.+?)\s+cung\s+cấp\s*\)`)
	reQuantity    = regexp.MustCompile(`^(\d+(?:[.,]\d+)?)\s*(.*)$`)
)

// Report says how an import went: what was recognised and what was kept as free text.
type Report struct {
	Recognised   []string `json:"recognised"`
	Unrecognised []string `json:"unrecognised"`
	Unmatched    []string `json:"unmatched_agencies"`
}

// FromDocument recognises the parts of a plan in a document read from Word or text:
// header, legal bases, sections I–VI whatever their exact titles, items, the activity
// table, duties, closing, recipients and signer. Agencies are matched with m (nil:
// names kept as written). Nothing of the source is dropped: what fits no part is
// kept in Unrecognised and listed in the report.
func FromDocument(d *document.Document, m *Matcher) (*Plan, Report) {
	p := &Plan{
		ParentBody: d.ParentBody, IssuingBody: d.IssuingBody, Number: d.Number, Symbol: d.Symbol, Place: d.Place,
		Date: DocDate{Day: d.Day, Month: d.Month, Year: d.Year}, Summary: d.Summary, Status: StatusDraft, Version: 1,
		Signer:     Signer{Authority: d.Signer.Authority, Title: d.Signer.Title, Name: d.Signer.Name},
		Recipients: append([]string{}, d.Recipients...),
	}
	var rep Report
	p.Year = planYear(d)
	for _, lb := range d.LegalBases {
		p.LegalBases = append(p.LegalBases, citationOf(lb))
	}
	var (
		kind      string // the current section's part
		subpart   string // inside section I: purposes or requirements
		duty      *Duty
		intro     []string
		topicsPre []string
	)
	keep := func(b document.Block) {
		t := blockText(b)
		if b.Label != "" {
			t = b.Label + " " + t
		}
		if t != "" {
			p.Unrecognised = append(p.Unrecognised, t)
			rep.Unrecognised = append(rep.Unrecognised, t)
		}
	}
	for _, b := range d.Body {
		text := blockText(b)
		if b.Kind == document.KindHeading && b.Level == 1 {
			kind, subpart, duty = sectionKind(text), "", nil
			if kind == "" {
				keep(b)
			} else {
				rep.Recognised = append(rep.Recognised, b.Label+" "+text)
			}
			continue
		}
		if b.Kind == document.KindParagraph && b.Label == "" && isClosing(text) {
			p.Closing = joinLine(p.Closing, text)
			continue
		}
		switch kind {
		case "":
			if b.Kind == document.KindParagraph && b.Label == "" {
				intro = append(intro, text)
			} else {
				keep(b)
			}
		case "purpose":
			if b.Label != "" && (b.Kind == document.KindHeading && b.Level == 2 || isNumberLabel(b.Label)) && len(text) < 60 {
				subpart = "requirements"
				if strings.Contains(vn.Fold(text), "muc dich") {
					subpart = "purposes"
				}
				continue
			}
			it := Item{Label: b.Label, Text: text}
			if subpart == "requirements" {
				p.Requirements = append(p.Requirements, it)
			} else {
				p.Purposes = append(p.Purposes, it)
			}
		case "topics", "channels":
			if b.Kind == document.KindTable {
				keep(b)
				continue
			}
			if b.Label == "" {
				switch {
				case kind == "topics" && len(p.Topics) == 0:
					topicsPre = append(topicsPre, text)
				case kind == "topics":
					p.Topics[len(p.Topics)-1].Text += "\n" + text
				case len(p.Channels) > 0:
					p.Channels[len(p.Channels)-1].Text += "\n" + text
				default:
					keep(b)
				}
				continue
			}
			if kind == "topics" {
				t := Topic{Seq: len(p.Topics) + 1, Text: text}
				for _, c := range library.FindCitations(text) {
					t.Citations = append(t.Citations, citationFrom(c))
				}
				p.Topics = append(p.Topics, t)
			} else {
				p.Channels = append(p.Channels, Channel{Seq: len(p.Channels) + 1, Kind: KindOf(text), Text: text})
			}
		case "activities":
			if b.Kind == document.KindTable && b.Table != nil {
				acts, ok := activitiesFrom(b.Table, p.Year, m, &rep)
				if ok {
					p.Activities = append(p.Activities, acts...)
					continue
				}
			}
			keep(b)
		case "funding":
			p.Funding = joinLine(p.Funding, text)
		case "duties":
			if b.Kind == document.KindHeading && b.Level == 2 || (b.Kind == document.KindParagraph && isNumberLabel(b.Label)) {
				p.Duties = append(p.Duties, Duty{Holder: text, Agency: m.Ref(text)})
				duty = &p.Duties[len(p.Duties)-1]
				continue
			}
			if duty == nil {
				keep(b)
				continue
			}
			if b.Label != "" {
				duty.Items = append(duty.Items, Item{Label: b.Label, Text: text})
			} else {
				duty.Text = joinLine(duty.Text, text)
			}
		default:
			keep(b)
		}
	}
	p.Intro = strings.Join(intro, "\n")
	p.TopicsIntro = strings.Join(topicsPre, "\n")
	if p.Year == 0 {
		p.Year = p.Date.Year
	}
	return p, rep
}

func joinLine(a, b string) string {
	if a == "" {
		return b
	}
	return a + "\n" + b
}

func blockText(b document.Block) string {
	if b.Kind == document.KindTable && b.Table != nil {
		var rows []string
		for _, r := range b.Table.Rows {
			var cells []string
			for _, c := range r {
				if !c.Covered {
					cells = append(cells, strings.ReplaceAll(c.CellText(), "\n", " "))
				}
			}
			rows = append(rows, strings.Join(cells, "\t"))
		}
		return strings.Join(rows, "\n")
	}
	return strings.TrimSpace(document.Text(b.Runs))
}

func isNumberLabel(l string) bool {
	l = strings.TrimSuffix(l, ".")
	_, err := strconv.Atoi(l)
	return err == nil
}

// isClosing recognises the closing paragraph: "Trên đây là Kế hoạch …", ending "./.".
func isClosing(s string) bool {
	f := vn.Fold(s)
	return strings.HasPrefix(f, "tren day la") || strings.HasSuffix(strings.TrimSpace(s), "./.")
}

// sectionKind names the part of a plan a level-1 title opens, whatever its words.
func sectionKind(title string) string {
	f := vn.Fold(title)
	switch {
	case strings.Contains(f, "muc dich") || strings.Contains(f, "yeu cau"):
		return "purpose"
	case strings.Contains(f, "noi dung"):
		return "topics"
	case strings.Contains(f, "hinh thuc"):
		return "channels"
	case strings.Contains(f, "hoat dong") || strings.Contains(f, "nhiem vu"):
		return "activities"
	case strings.Contains(f, "kinh phi"):
		return "funding"
	case strings.Contains(f, "to chuc thuc hien") || strings.Contains(f, "trach nhiem"):
		return "duties"
	}
	return ""
}

// planYear is the year the plan is for: from its summary ("… năm 2024"), else its date.
func planYear(d *document.Document) int {
	if m := regexp.MustCompile(`năm\s+(\d{4})\s*$`).FindStringSubmatch(strings.TrimSpace(d.Summary)); m != nil {
		y, _ := strconv.Atoi(m[1])
		return y
	}
	return d.Year
}

func citationOf(text string) Citation {
	cs := library.FindCitations(text)
	if len(cs) == 0 {
		return Citation{Text: text}
	}
	c := citationFrom(cs[0])
	c.Text = text
	return c
}

func citationFrom(c library.Citation) Citation {
	return Citation{Text: c.Text, Number: c.Symbol.Number, Symbol: c.Symbol.Suffix(), TypeName: c.TypeName, Date: c.Date, Issuer: c.Issuer}
}

// KindOf guesses the channel of an activity or form from its words.
func KindOf(text string) ChannelKind {
	f := vn.Fold(text)
	has := func(words ...string) bool {
		for _, w := range words {
			if strings.Contains(f, w) {
				return true
			}
		}
		return false
	}
	switch {
	case has("cuoc thi", "hoi thi"):
		return ChannelContest
	case has("to gap", "to roi", "so tay"):
		return ChannelLeaflet
	case has("ap phich", "pano", "bang ron", "khau hieu"):
		return ChannelPoster
	case has("cong thong tin", "trang thong tin", "website", "trang tin"):
		return ChannelWebsite
	case has("mang xa hoi", "zalo", "facebook", "fanpage"):
		return ChannelSocial
	case has("tap huan", "boi duong", "dao tao", "lop hoc"):
		return ChannelTraining
	case has("long ghep", "giao ban", "hop dinh ky", "sinh hoat"):
		return ChannelMeeting
	case has("hoi nghi", "hoi thao", "toa dam"):
		return ChannelConference
	case has("bao ", "dai ", "truyen hinh", "phat thanh", "bao chi"):
		return ChannelPress
	}
	return ChannelOther
}

// activitiesFrom reads the activity table by its header words: TT, the activity, the
// lead, the partners, the time, and a target or budget column when present.
func activitiesFrom(t *document.Table, year int, m *Matcher, rep *Report) ([]Activity, bool) {
	if len(t.Rows) < 2 {
		return nil, false
	}
	head := max(t.HeaderRows, 1)
	col := map[string]int{}
	for i, c := range t.Rows[head-1] {
		f := vn.Fold(c.CellText())
		switch {
		case f == "tt" || f == "stt" || strings.HasPrefix(f, "so tt"):
			col["seq"] = i
		case strings.Contains(f, "chu tri"):
			col["lead"] = i
		case strings.Contains(f, "phoi hop"):
			col["partners"] = i
		case strings.Contains(f, "thoi gian") || strings.Contains(f, "thoi han"):
			col["time"] = i
		case strings.Contains(f, "kinh phi"):
			col["budget"] = i
		case strings.Contains(f, "chi tieu") || strings.Contains(f, "so luong") || strings.Contains(f, "san pham"):
			col["target"] = i
		case strings.Contains(f, "hinh thuc") || strings.Contains(f, "noi dung") || strings.Contains(f, "hoat dong") || strings.Contains(f, "nhiem vu"):
			if _, ok := col["text"]; !ok {
				col["text"] = i
			}
		}
	}
	if _, ok := col["text"]; !ok {
		return nil, false
	}
	cell := func(r []document.Cell, name string) string {
		i, ok := col[name]
		if !ok || i >= len(r) || r[i].Covered {
			return ""
		}
		return strings.TrimSpace(r[i].CellText())
	}
	var out []Activity
	for _, r := range t.Rows[head:] {
		text := strings.Join(strings.Fields(strings.ReplaceAll(cell(r, "text"), "\n", " ")), " ")
		if text == "" {
			continue
		}
		a := Activity{Text: text, Partners: []AgencyRef{}}
		if n, err := strconv.Atoi(strings.TrimSuffix(cell(r, "seq"), ".")); err == nil {
			a.Seq = n
		}
		if reConditional.MatchString(a.Text) {
			a.Conditional = true
			a.Text = reConditional.ReplaceAllString(a.Text, "")
		}
		if sm := reSupplier.FindStringSubmatch(a.Text); sm != nil {
			sup := m.Ref(sm[1])
			a.Supplier = &sup
			a.Text = strings.TrimSpace(reSupplier.ReplaceAllString(a.Text, ""))
			noteUnmatched(rep, sup)
		}
		a.Kind = KindOf(a.Text)
		leads := recognise.SplitUnits(cell(r, "lead"))
		if len(leads) > 0 {
			a.Lead = m.Ref(leads[0])
			noteUnmatched(rep, a.Lead)
			leads = leads[1:]
		}
		for _, name := range append(leads, recognise.SplitUnits(cell(r, "partners"))...) {
			ref := m.Ref(name)
			noteUnmatched(rep, ref)
			a.Partners = append(a.Partners, ref)
		}
		a.Time = strings.Join(strings.Fields(cell(r, "time")), " ")
		a.StartsOn, a.EndsOn, _ = ParseTimeFrame(a.Time, year)
		if q := reQuantity.FindStringSubmatch(cell(r, "target")); q != nil {
			if n, err := strconv.ParseFloat(strings.Replace(q[1], ",", ".", 1), 64); err == nil && n > 0 {
				a.Target = &Target{Quantity: n, Unit: strings.TrimSpace(q[2])}
			}
		}
		a.Budget = parseVND(cell(r, "budget"))
		out = append(out, a)
	}
	return out, len(out) > 0
}

func noteUnmatched(rep *Report, r AgencyRef) {
	if r.AgencyID != "" || r.Name == "" {
		return
	}
	for _, u := range rep.Unmatched {
		if u == r.Name {
			return
		}
	}
	rep.Unmatched = append(rep.Unmatched, r.Name)
}

// parseVND reads "15.000.000", "15 triệu" or "15,5 triệu đồng".
func parseVND(s string) int64 {
	f := vn.Fold(s)
	if f == "" {
		return 0
	}
	mult := 1.0
	if strings.Contains(f, "trieu") {
		mult = 1e6
	} else if strings.Contains(f, "ty") {
		mult = 1e9
	}
	num := regexp.MustCompile(`\d[\d.,]*`).FindString(f)
	if mult == 1 {
		num = strings.NewReplacer(".", "", ",", "").Replace(num)
	} else {
		num = strings.Replace(strings.ReplaceAll(num, ".", ""), ",", ".", 1)
	}
	v, err := strconv.ParseFloat(num, 64)
	if err != nil {
		return 0
	}
	return int64(v * mult)
}
