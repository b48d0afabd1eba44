package plan

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"loa/internal/vn"
)

// Sections are the parts of a plan the editor saves one at a time.
var Sections = []string{"header", "bases", "intro", "purposes", "requirements", "topics", "channels", "activities",
	"funding", "duties", "closing", "recipients", "signer"}

// lines splits a textarea into its non-empty lines.
func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		if l = vn.Clean(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// listOp applies the row operation a button asked for ("add", "remove:2", "up:2",
// "down:2") to a list of n rows, returning the new order (indexes into the old rows,
// -1 for a new empty row).
func listOp(op string, n int) []int {
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	verb, arg, _ := strings.Cut(op, ":")
	i, err := strconv.Atoi(arg)
	if verb != "add" && (err != nil || i < 0 || i >= n) {
		return order
	}
	switch verb {
	case "add":
		order = append(order, -1)
	case "remove":
		order = slices.Delete(order, i, i+1)
	case "up":
		if i > 0 {
			order[i-1], order[i] = order[i], order[i-1]
		}
	case "down":
		if i+1 < n {
			order[i+1], order[i] = order[i], order[i+1]
		}
	}
	return order
}

func reorder[T any](rows []T, order []int) []T {
	out := make([]T, 0, len(order))
	var zero T
	for _, i := range order {
		if i < 0 {
			out = append(out, zero)
		} else {
			out = append(out, rows[i])
		}
	}
	return out
}

// at returns the i-th value of a repeated form field, or "".
func at(f url.Values, name string, i int) string {
	v := f[name]
	if i < len(v) {
		return v[i]
	}
	return ""
}

// ApplySection reads one section of the editor's form into p, then applies the row
// operation in op, if any. It keeps whatever the user typed — a wrong value is kept as
// text and reported by Check, never dropped. m matches typed agency names.
func ApplySection(p *Plan, section string, f url.Values, op string, m *Matcher) error {
	switch section {
	case "header":
		if y, err := strconv.Atoi(strings.TrimSpace(f.Get("year"))); err == nil {
			p.Year = y
		}
		p.Summary, p.Symbol, p.Place = f.Get("summary"), strings.ToUpper(vn.Clean(f.Get("symbol"))), f.Get("place")
		p.ParentBody, p.IssuingBody = f.Get("parent_body"), f.Get("issuing_body")
		if mo, err := strconv.Atoi(f.Get("month")); err == nil && mo >= 0 && mo <= 12 {
			p.Date.Month = mo
		}
		p.Date.Year = p.Year
	case "bases":
		p.LegalBases = nil
		for _, l := range lines(f.Get("legal_bases")) {
			p.LegalBases = append(p.LegalBases, citationOf(l))
		}
	case "intro":
		p.Intro = strings.Join(lines(f.Get("intro")), "\n")
	case "purposes", "requirements":
		items := readItems(f)
		items = reorder(items, listOp(op, len(items)))
		relabel(items)
		if section == "purposes" {
			p.Purposes = items
		} else {
			p.Requirements = items
		}
	case "topics":
		p.TopicsIntro = strings.Join(lines(f.Get("topics_intro")), "\n")
		texts := f["text"]
		topics := make([]Topic, len(texts))
		for i, t := range texts {
			topics[i] = Topic{ID: at(f, "id", i), Text: vn.Clean(t)}
		}
		topics = reorder(topics, listOp(op, len(topics)))
		for i := range topics {
			topics[i].Seq = i + 1
		}
		p.Topics = topics
	case "channels":
		texts := f["text"]
		chans := make([]Channel, len(texts))
		for i, t := range texts {
			chans[i] = Channel{ID: at(f, "id", i), Kind: ChannelKind(at(f, "kind", i)), Text: vn.Clean(t)}
		}
		chans = reorder(chans, listOp(op, len(chans)))
		for i := range chans {
			chans[i].Seq = i + 1
			if chans[i].Kind == "" {
				chans[i].Kind = ChannelOther
			}
		}
		p.Channels = chans
	case "activities":
		p.Activities = readActivities(p, f, op, m)
	case "funding":
		p.Funding = strings.Join(lines(f.Get("funding")), "\n")
	case "duties":
		holders := f["holder"]
		duties := make([]Duty, len(holders))
		for i, h := range holders {
			d := Duty{Holder: vn.Clean(h), Agency: m.Ref(h)}
			for _, l := range lines(at(f, "items", i)) {
				label, text := splitLabel(l)
				if label == "" {
					d.Text = joinLine(d.Text, l)
				} else {
					d.Items = append(d.Items, Item{Label: label, Text: text})
				}
			}
			duties[i] = d
		}
		p.Duties = reorder(duties, listOp(op, len(duties)))
	case "closing":
		p.Closing = strings.Join(lines(f.Get("closing")), "\n")
	case "recipients":
		var rs []string
		for _, l := range lines(f.Get("recipients")) {
			rs = append(rs, strings.TrimRight(strings.TrimPrefix(strings.TrimPrefix(l, "-"), " "), ";."))
		}
		p.Recipients = rs
	case "signer":
		p.Signer = Signer{Authority: strings.ToUpper(vn.Clean(f.Get("authority"))), Title: strings.ToUpper(vn.Clean(f.Get("title"))), Name: vn.Clean(f.Get("name"))}
	default:
		return fmt.Errorf("no section %q", section)
	}
	return nil
}

func readItems(f url.Values) []Item {
	texts := f["text"]
	items := make([]Item, len(texts))
	for i, t := range texts {
		items[i] = Item{Text: vn.Clean(t)}
	}
	return items
}

// letters are the Vietnamese item labels: đ comes after d, and there is no f, j, w or z.
var letters = []string{"a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u", "v", "x", "y"}

// Letter is the label of the i-th item: "a)", …, "đ)", … .
func Letter(i int) string {
	if i < len(letters) {
		return letters[i] + ")"
	}
	return fmt.Sprintf("%s%d)", letters[i%len(letters)], i/len(letters))
}

func relabel(items []Item) {
	for i := range items {
		items[i].Label = Letter(i)
	}
}

// splitLabel takes a typed "a) text" apart.
func splitLabel(l string) (string, string) {
	for _, x := range letters {
		if rest, ok := strings.CutPrefix(l, x+")"); ok {
			return x + ")", strings.TrimSpace(rest)
		}
	}
	return "", l
}

func readActivities(p *Plan, f url.Values, op string, m *Matcher) []Activity {
	texts := f["text"]
	old := map[string]Activity{}
	for _, a := range p.Activities {
		old[a.ID] = a
	}
	cond := map[string]bool{}
	for _, c := range f["conditional"] {
		cond[c] = true
	}
	acts := make([]Activity, len(texts))
	for i, t := range texts {
		a := Activity{ID: at(f, "id", i), Text: vn.Clean(t), Kind: ChannelKind(at(f, "kind", i)), Partners: []AgencyRef{}}
		a.Seq, _ = strconv.Atoi(strings.TrimSpace(at(f, "seq", i)))
		a.Lead = m.Ref(at(f, "lead", i))
		for _, name := range lines(at(f, "partners", i)) {
			a.Partners = append(a.Partners, m.Ref(strings.TrimPrefix(strings.TrimPrefix(name, "-"), " ")))
		}
		if s := vn.Clean(at(f, "supplier", i)); s != "" {
			ref := m.Ref(s)
			a.Supplier = &ref
		}
		a.Time = vn.Clean(at(f, "time", i))
		a.StartsOn, a.EndsOn, _ = ParseTimeFrame(a.Time, p.Year)
		if d, err := vn.ParseUserDate(at(f, "starts_on", i)); err == nil && !d.IsZero() {
			a.StartsOn = d
		}
		if d, err := vn.ParseUserDate(at(f, "ends_on", i)); err == nil && !d.IsZero() {
			a.EndsOn = d
		}
		a.Conditional = cond[at(f, "row", i)]
		if q, err := strconv.ParseFloat(strings.Replace(strings.TrimSpace(at(f, "target_qty", i)), ",", ".", 1), 64); err == nil {
			a.Target = &Target{Quantity: q, Unit: vn.Clean(at(f, "target_unit", i))}
		}
		if b := strings.NewReplacer(".", "", ",", "", " ", "").Replace(at(f, "budget", i)); b != "" {
			a.Budget, _ = strconv.ParseInt(b, 10, 64)
		}
		if a.Kind == "" {
			a.Kind = KindOf(a.Text)
		}
		acts[i] = a
	}
	order := listOp(op, len(acts))
	acts = reorder(acts, order)
	if strings.HasPrefix(op, "up:") || strings.HasPrefix(op, "down:") || op == "renumber" {
		// Moving a row renumbers the table, as a spreadsheet user expects.
		for i := range acts {
			acts[i].Seq = i + 1
		}
	}
	for i := range acts {
		if acts[i].Partners == nil { // a new row from "add"
			acts[i] = Activity{Partners: []AgencyRef{}, Kind: ChannelOther, Time: fmt.Sprintf("Trong năm %d", p.Year)}
			acts[i].StartsOn, acts[i].EndsOn, _ = ParseTimeFrame(acts[i].Time, p.Year)
		}
	}
	return acts
}
