package generate

import (
	"context"
	"encoding/json"
	"fmt"
	"loa/internal/search"
	"slices"
	"strconv"
	"strings"
	"time"

	"loa/internal/plan"
	"loa/internal/progress"
	"loa/internal/vn"
)

// maxPerChunk is the most results (with their topics, partners and history) one
// transaction writes: large enough that commits cost little, small enough that a
// chunk waiting in the pipe stays some tens of megabytes.
const maxPerChunk = 20_000

// perChunk is the size of the chunks that write total items: at most a tenth, so
// that progress is reported at each tenth as it is reached.
func perChunk(total int) int { return min(maxPerChunk, max(1, (total+9)/10)) }

// chunk is one transaction's worth of rows.
type chunk struct {
	sets     []*rows
	results  int           // how many of the main rows it carries, for progress
	docs     []search.Doc  // what the portal's search index gets of them, in the same transaction
	indexing time.Duration // how long putting docs into the index took
}

func (c *chunk) rowCount() int {
	n := 0
	for _, s := range c.sets {
		n += s.len()
	}
	return n
}

// day is a day that results fall on, with the activities open that day.
type day struct {
	date  vn.Date
	acts  []*genActivity
	cum   []int // running total of the activities' weights
	count int   // results that day
}

// resultDays spreads n results over the days from 1 January to the as-of day:
// working days get most, weekends a few, and each day's share goes to the activities
// whose time frame covers it, by weight. The counts add up to n exactly: every plan's
// first activity runs all year, so every day from 1 January has one open.
func (g *generator) resultDays(acts []*genActivity, n int) []*day {
	var days []*day
	total := 0
	for d := (vn.Date{Year: g.year, Month: time.January, Day: 1}); !d.After(g.asOf); d = d.AddDays(1) {
		x := &day{date: d}
		sum := 0
		for _, a := range acts {
			if a.weight > 0 && !d.Before(a.starts) && !d.After(a.ends) {
				sum += a.weight
				x.acts = append(x.acts, a)
				x.cum = append(x.cum, sum)
			}
		}
		if sum == 0 {
			continue
		}
		days = append(days, x)
		total += dayWeight(d)
	}
	seen := 0
	for _, x := range days {
		before := int64(n) * int64(seen) / int64(max(total, 1))
		seen += dayWeight(x.date)
		x.count = int(int64(n)*int64(seen)/int64(max(total, 1)) - before)
	}
	return days
}

// dayWeight is how busy a day is: offices work Monday to Friday.
func dayWeight(d vn.Date) int {
	switch d.Weekday() {
	case time.Saturday:
		return 3
	case time.Sunday:
		return 1
	}
	return 20
}

// produceResults makes the results day by day, in the order they were recorded, and
// sends them in chunks. Ids are UUIDv7 of the recording time, so the tables' keys
// grow at their ends as they would in use, which is also what makes bulk inserting fast.
func (g *generator) produceResults(ctx context.Context, days []*day, out chan<- *chunk) error {
	r := newRNG(g.opt.Seed, streamResults)
	size := perChunk(g.opt.Results)
	c := newResultChunk(size)
	send := func() error {
		select {
		case out <- c:
		case <-ctx.Done():
			return ctx.Err()
		}
		c = newResultChunk(size)
		return nil
	}
	const open, span = 7*3600 + 30*60, 10 * 3600 * 1_000_000 // recorded from 07:30, over ten hours, in µs
	for _, x := range days {
		start := at(x.date, 0, 0, open, 0)
		slot := span / max(x.count, 1)
		for i := range x.count {
			t := start.Add(time.Duration(i*slot+r.IntN(max(slot, 1))) * time.Microsecond)
			k, _ := slices.BinarySearch(x.cum, r.IntN(x.cum[len(x.cum)-1])+1) // the first activity whose running total passes the draw
			g.result(r, c, x.acts[k], x.date, t)
			c.results++
			if c.results == size {
				if err := send(); err != nil {
					return err
				}
			}
		}
	}
	if c.results > 0 {
		return send()
	}
	return nil
}

func newResultChunk(size int) *chunk {
	return &chunk{sets: []*rows{newRows(tResults, size), newRows(tResultTopics, 2*size), newRows(tResultPartners, size/2),
		newRows(tResultEvents, size)}}
}

// result adds one result of activity a, done on day d and recorded at t, to c.
func (g *generator) result(r rng, c *chunk, a *genActivity, d vn.Date, t time.Time) {
	results, topics, partners, events := c.sets[0], c.sets[1], c.sets[2], c.sets[3]
	who := a.lead
	if len(a.partners) > 0 && r.chance(0.3) {
		who = pick(r, a.partners)
	}
	spec, measure := channels[a.kind].result, progress.MeasureOf(a.kind)
	// The result as the result form's store keeps it in the history: as recorded,
	// submitted, without evidence files.
	s := progress.Result{ID: r.id(t), PlanID: a.plan.id, ActivityID: a.id, AgencyID: who.id, DoneOn: d, Unit: measure.Unit,
		Status: progress.StatusSubmitted, RowVersion: 1, CreatedAt: t, UpdatedAt: t, Links: []string{}, Audience: []string{},
		Topics: []string{}, Partners: []string{}}
	s.Quantity = float64(spec.qtyMin + spec.qtyStp*r.IntN((spec.qtyMax-spec.qtyMin)/spec.qtyStp+1))
	if spec.attMax > 0 {
		s.Attendees = r.between(spec.attMin, spec.attMax)
	}
	subject := pick(r, subjects)
	s.Description, s.Links = describe(r, a, who, subject, s.Quantity, d)
	if measure.Places {
		s.Places = places(r, 1+r.IntN(3))
	}
	for _, au := range spec.audience {
		if r.chance(0.7) {
			s.Audience = append(s.Audience, au)
		}
	}
	if len(s.Audience) == 0 {
		s.Audience = append(s.Audience, spec.audience[0])
	}
	if spec.costPerItem > 0 && r.chance(0.5) {
		s.Spent = int64(s.Quantity) * spec.costPerItem
	}
	s.Topics = append(s.Topics, a.plan.topics[a.topic])
	if len(a.plan.topics) > 1 && r.chance(0.4) {
		if other := a.plan.topics[r.IntN(len(a.plan.topics))]; other != s.Topics[0] {
			s.Topics = append(s.Topics, other)
		}
	}
	if r.chance(0.25) {
		for _, n := range pickSome(r, append([]*node{a.lead}, a.partners...), 1+r.IntN(2)) {
			if n != who {
				s.Partners = append(s.Partners, n.id)
			}
		}
	}
	if who.user != nil {
		s.CreatedBy = who.user.id
	}
	snap, err := json.Marshal(s)
	if err != nil {
		panic(err) // strings, numbers and times always marshal
	}
	actorID, actor := g.actor(who.user)
	events.add(r.id(t), s.ID, t, actorID, actor, "create", "", string(snap))
	for _, tid := range s.Topics {
		topics.add(s.ID, tid)
	}
	for _, p := range s.Partners {
		partners.add(s.ID, p)
	}

	// The office reviews within days: most results are accepted, some wait, a few go back.
	status, comment, version, updated := progress.StatusSubmitted, "", 1, t
	var reviewedBy, reviewedAt any
	if n := r.IntN(100); n < 85 || n >= 95 {
		status, version = progress.StatusAccepted, 2
		if n >= 95 {
			status, comment = progress.StatusReturned, pick(r, returnComments)
		}
		updated = t.Add(time.Duration(r.between(3600, 7*24*3600)) * time.Second)
		if updated.After(g.asOfEnd) {
			updated = g.asOfEnd
		}
		reviewedAt = updated
		reviewedBy, _ = g.actor(a.plan.dept.office.user)
	}
	links, _ := json.Marshal(s.Links)
	audience, _ := json.Marshal(s.Audience)
	results.add(s.ID, s.PlanID, s.ActivityID, s.AgencyID, d, s.Quantity, s.Unit, s.Attendees, s.Places, string(links),
		string(audience), s.Description, s.Spent, string(status), comment, reviewedBy, reviewedAt, nullable(s.CreatedBy), version, t, updated)
}

// describe words what was done, with the links of what was published: an article's
// description is its title.
func describe(r rng, a *genActivity, who *node, subject string, qty float64, d vn.Date) (string, []string) {
	dept := a.plan.dept
	title := capitalise(fmt.Sprintf(pick(r, headlines), dept.short, subject))
	links := make([]string, 0, int(qty))
	articles := func(site string) {
		for i := range int(qty) {
			t := title
			if i > 0 {
				t = capitalise(fmt.Sprintf(pick(r, headlines), dept.short, pick(r, subjects)))
			}
			links = append(links, site+slug(t)+"-"+strconv.Itoa(r.between(10_000, 999_999))+".html")
		}
	}
	switch a.kind {
	case plan.ChannelWebsite:
		articles("https://" + dept.spec.slug + "." + cityDomain + "/tin-tuc/")
		return "Đăng tin “" + title + "” trên Trang thông tin điện tử", links
	case plan.ChannelSocial:
		for range int(qty) {
			links = append(links, "https://www.facebook.com/"+dept.spec.slug+".cantho/posts/"+strconv.FormatUint(r.Uint64()>>8, 10))
		}
		return "Chia sẻ bài viết “" + title + "” trên trang Facebook của " + dept.short, links
	case plan.ChannelPress:
		site := pick(r, pressSites)
		articles(site.url + "/")
		return "Bài “" + title + "” đăng trên " + site.name, links
	case plan.ChannelLeaflet:
		return "Phát " + strconv.Itoa(int(qty)) + " tờ gấp tuyên truyền về " + subject, links
	case plan.ChannelPoster:
		return "Treo " + strconv.Itoa(int(qty)) + " áp phích tuyên truyền về " + subject, links
	case plan.ChannelMeeting:
		return "Lồng ghép nội dung " + subject + " trong cuộc họp giao ban tháng " + strconv.Itoa(int(d.Month)) + " của " + who.name, links
	case plan.ChannelConference:
		return "Tổ chức hội nghị về " + subject, links
	case plan.ChannelTraining:
		return "Tập huấn về " + subject + " cho công chức, viên chức", links
	}
	return "Tham gia cuộc thi tìm hiểu về " + subject, links // contests, the last channel kindCycle uses
}

// places names where leaflets or posters went: a venue in a ward, n of them.
func places(r rng, n int) string {
	out := make([]string, n)
	for i := range out {
		out[i] = pick(r, venues) + " " + pick(r, wards)
	}
	return strings.Join(out, "; ")
}

// slug is the address form of a title: folded, words joined by hyphens.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, c := range vn.Fold(s) {
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(c)
			dash = false
			continue
		}
		dash = true
	}
	return b.String()
}

func capitalise(s string) string {
	for i, c := range s {
		return strings.ToUpper(string(c)) + s[i+len(string(c)):]
	}
	return s
}
