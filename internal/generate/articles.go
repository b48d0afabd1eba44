package generate

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"loa/internal/portal"
	"loa/internal/search"
	"loa/internal/vn"
)

// articleKinds are the portal's sections in the proportions a department's site has
// them: mostly news, some procedure guides and good practices (leaflets need their
// printable file, which the generator does not make). Weights sum to 100.
var articleKinds = []struct {
	kind   portal.Kind
	weight int
}{{portal.KindNews, 82}, {portal.KindGuide, 10}, {portal.KindPractice, 8}}

func pickKind(r rng) portal.Kind {
	x := r.IntN(100)
	for _, k := range articleKinds {
		if x < k.weight {
			return k.kind
		}
		x -= k.weight
	}
	return portal.KindNews
}

// lead sentences open an article; %s is the agency, the second %s the subject.
var leads = []string{
	"Thực hiện kế hoạch thông tin, tuyên truyền cải cách hành chính của thành phố, %s tiếp tục tập trung vào %s.",
	"Trong thời gian qua, %s đã có nhiều cách làm mới trong %s, được người dân và doanh nghiệp ghi nhận.",
	"Nhằm nâng cao chất lượng phục vụ người dân, doanh nghiệp, %s đẩy mạnh %s.",
	"%s vừa tổ chức hội nghị đánh giá kết quả %s và triển khai nhiệm vụ thời gian tới.",
}

// paragraphs make up the body; each is written for any subject.
var paragraphs = []string{
	"Theo báo cáo, tỷ lệ hồ sơ được tiếp nhận và giải quyết trực tuyến tiếp tục tăng so với cùng kỳ năm trước; thời gian giải quyết được rút ngắn, không có hồ sơ trễ hạn.",
	"Các đơn vị trực thuộc được giao rà soát quy trình nội bộ, cắt giảm giấy tờ không cần thiết và công khai đầy đủ thủ tục hành chính tại nơi tiếp nhận cũng như trên trang thông tin điện tử.",
	"Cán bộ, công chức tại Bộ phận một cửa được tập huấn kỹ năng giao tiếp, hướng dẫn người dân sử dụng tài khoản định danh điện tử để nộp hồ sơ và thanh toán phí, lệ phí trực tuyến.",
	"Người dân có thể theo dõi tình trạng hồ sơ bằng mã hồ sơ, nhận kết quả qua dịch vụ bưu chính công ích hoặc bản điện tử mà không phải đến trụ sở cơ quan.",
	"Lãnh đạo đơn vị đề nghị tiếp tục tăng cường kỷ luật, kỷ cương hành chính, tiếp nhận và xử lý kịp thời phản ánh, kiến nghị của người dân và doanh nghiệp.",
	"Kết quả khảo sát mức độ hài lòng cho thấy phần lớn người được hỏi đánh giá cao thái độ phục vụ và sự công khai, minh bạch trong giải quyết thủ tục hành chính.",
	"Thời gian tới, đơn vị sẽ đẩy mạnh số hóa hồ sơ, kết quả giải quyết thủ tục hành chính, bảo đảm dữ liệu được tái sử dụng, người dân không phải nộp lại giấy tờ đã có.",
	"Nội dung tuyên truyền được lồng ghép trong các cuộc họp, sinh hoạt chuyên đề và đăng tải thường xuyên trên trang thông tin điện tử, mạng xã hội của đơn vị.",
}

// articleChunks makes n published articles of the portal, spread over the
// departments and the last four years up to the as-of day, and hands them to write a
// chunk at a time: the bodies of a hundred thousand articles need not sit in memory.
func (g *generator) articleChunks(o *org, n int, write func(*chunk) error) error {
	if n == 0 || len(o.depts) == 0 {
		return nil
	}
	r := newRNG(g.opt.Seed, streamArticles)
	from := vn.Date{Year: g.year - 4, Month: time.January, Day: 1}
	span := int(g.asOf.Time().Sub(from.Time()).Hours()/24) + 1
	size := perChunk(n)
	newChunk := func() *chunk { return &chunk{sets: []*rows{newRows(tArticles, size), newRows(tArticleVersions, size)}} }
	c := newChunk()
	for i := range n {
		d := o.depts[r.IntN(len(o.depts))]
		kind := pickKind(r)
		subject := pick(r, subjects)
		title := capitalise(fmt.Sprintf(pick(r, headlines), d.name, subject))
		summary := fmt.Sprintf(pick(r, leads), d.name, subject)
		var body strings.Builder
		body.WriteString(summary)
		for range r.between(3, 6) {
			body.WriteString("\n\n" + pick(r, paragraphs))
		}
		on := from.AddDays(r.IntN(span))
		published := at(on, 7+r.IntN(10), r.IntN(60), r.IntN(60), 0)
		if published.After(g.asOfEnd) {
			published = g.asOfEnd
		}
		id := r.id(published)
		// The number keeps slugs unique without a lookup; the editor's form would add
		// "-2" only on a clash.
		slug := portal.Slug(title) + "-" + strconv.Itoa(i+1)
		editor := "Biên tập viên " + d.abbr
		c.sets[0].add(id, string(kind), slug, string(portal.StatePublished), 1, 1, title, vn.Fold(title+" "+summary), false, d.id,
			editor, editor, published, 1, published, published)
		c.sets[1].add(id, 1, title, summary, body.String(), editor, published)
		c.docs = append(c.docs, g.articleSearchDoc(id, kind, slug, title, summary, body.String(), published))
		if c.results++; c.results == size {
			if err := write(c); err != nil {
				return err
			}
			c = newChunk()
		}
	}
	if c.results > 0 {
		return write(c)
	}
	return nil
}

// articleSearchDoc is what the portal's search holds of a generated article, as
// portal.SearchDoc makes it: the search kind of the article's section, its public
// address, its publication date, and its body as plain text. The generated body is
// plain paragraphs without markup or entities, so the portal's PlainText(Sanitize(body))
// is its words joined by single spaces; taking that directly spares 70,000 runs of the
// HTML sanitiser (a test checks that the two agree). The kind is asked of
// portal.SearchDoc once per section.
func (g *generator) articleSearchDoc(id string, kind portal.Kind, slug, title, summary, body string, published time.Time) search.Doc {
	sk, ok := g.searchKinds[kind]
	if !ok {
		sk = portal.SearchDoc(&portal.Article{Kind: kind}, &portal.Version{}).Kind
		if g.searchKinds == nil {
			g.searchKinds = map[portal.Kind]string{}
		}
		g.searchKinds[kind] = sk
	}
	a := portal.Article{ID: id, Kind: kind, Slug: slug, PublishedAt: published}
	return search.Doc{Kind: sk, Ref: id, Title: title, Summary: summary, Body: strings.Join(strings.Fields(body), " "),
		URL: a.Path(), Date: published}
}
