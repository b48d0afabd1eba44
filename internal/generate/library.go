package generate

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"loa/internal/library"
	"loa/internal/register"
	"loa/internal/search"
	"loa/internal/vn"
)

// docKind is a kind of document an issuer puts out, and how its summary reads:
// {s} is a subject, {y} the year, {q} a quarter.
type docKind struct {
	typeCode  string // "" for a công văn
	withYear  bool   // a legal document writes its year in the symbol: 15/2024/NĐ-CP
	summaries []string
}

// issuerSpec is who issues documents into the library.
type issuerSpec struct {
	name, abbr string
	agency     *node // the issuer's agency in the dataset, if it is one
	owner      *node // the agency that adds its documents to the library
	kinds      []docKind
	site       string
}

var (
	planKind = docKind{typeCode: "KH", summaries: []string{"Cải cách hành chính năm {y}", "Công tác thông tin, tuyên truyền cải cách hành chính năm {y}",
		"Kiểm tra công tác cải cách hành chính năm {y}", "Triển khai {s} năm {y}"}}
	reportKind = docKind{typeCode: "BC", summaries: []string{"Kết quả thực hiện công tác cải cách hành chính quý {q} năm {y}",
		"Kết quả công tác thông tin, tuyên truyền cải cách hành chính năm {y}", "Kết quả {s} 6 tháng đầu năm {y}"}}
	decisionKind = docKind{typeCode: "QĐ", summaries: []string{"Công bố danh mục thủ tục hành chính được chuẩn hóa năm {y}",
		"Ban hành Quy chế phối hợp về {s}", "Phê duyệt quy trình nội bộ giải quyết thủ tục hành chính năm {y}"}}
	noticeKind = docKind{typeCode: "TB", summaries: []string{"Kết luận của lãnh đạo tại cuộc họp về {s}",
		"Kết quả kiểm tra công tác cải cách hành chính năm {y}"}}
	directiveKind = docKind{typeCode: "CT", summaries: []string{"Về tăng cường kỷ luật, kỷ cương hành chính",
		"Về đẩy mạnh {s}"}}
	letterKind = docKind{summaries: []string{"V/v đôn đốc {s}", "V/v báo cáo kết quả {s} quý {q} năm {y}",
		"V/v hướng dẫn {s}"}}
	decreeKind = docKind{typeCode: "NĐ", withYear: true, summaries: []string{"Quy định về {s}",
		"Sửa đổi, bổ sung một số điều của các nghị định quy định về {s}"}}
	resolutionKind = docKind{typeCode: "NQ", summaries: []string{"Về chương trình cải cách hành chính giai đoạn 2021 - 2030",
		"Về các nhiệm vụ, giải pháp đẩy mạnh {s}"}}
	circularKind = docKind{typeCode: "TT", withYear: true, summaries: []string{"Hướng dẫn thực hiện {s}"}}
)

// issuers are the central bodies, the city and its departments; the departments
// issue most of what a city's portal files.
func issuers(o *org) []issuerSpec {
	owner := o.depts[0].node
	out := []issuerSpec{
		{"Chính phủ", "CP", nil, owner, []docKind{decreeKind, resolutionKind}, "https://vanban.chinhphu.vn"},
		{"Thủ tướng Chính phủ", "TTg", nil, owner, []docKind{decisionKind, directiveKind}, "https://vanban.chinhphu.vn"},
		{"Bộ Nội vụ", "BNV", nil, owner, []docKind{circularKind, decisionKind, letterKind}, "https://moha.gov.vn"},
		{rootName, rootAbbr, o.root, owner, []docKind{planKind, decisionKind, directiveKind, reportKind, noticeKind, letterKind},
			"https://" + cityDomain},
	}
	for _, d := range o.depts {
		out = append(out, issuerSpec{d.name, d.abbr, d.node, d.node, []docKind{planKind, reportKind, decisionKind, noticeKind, letterKind},
			"https://" + d.spec.slug + "." + cityDomain})
	}
	return out
}

// libraryDoc is a document before its number is known.
type libraryDoc struct {
	on     vn.Date
	issuer *issuerSpec
	kind   docKind
}

// libraryChunks makes n documents of the library, the city's plan first, dated over
// the last four years up to the as-of day and numbered in the order of their dates,
// per issuer and year, as registers number them.
func (g *generator) libraryChunks(o *org, cp cityPlan, taken map[string]int, n int) []*chunk {
	if n == 0 {
		return nil
	}
	r := newRNG(g.opt.Seed, streamLibrary)
	all := issuers(o)
	from := vn.Date{Year: g.year - 4, Month: time.January, Day: 1}
	span := int(g.asOf.Time().Sub(from.Time()).Hours()/24) + 1
	docs := make([]libraryDoc, n-1)
	for i := range docs {
		d := &docs[i]
		d.on = from.AddDays(r.IntN(span))
		for d.on.Weekday() == time.Saturday || d.on.Weekday() == time.Sunday {
			d.on = d.on.AddDays(-1)
		}
		switch x := r.IntN(100); {
		case x < 8:
			d.issuer = &all[r.IntN(3)]
		case x < 35:
			d.issuer = &all[3]
		default:
			d.issuer = &all[4+r.IntN(len(all)-4)]
		}
		d.kind = pick(r, d.issuer.kinds)
	}
	slices.SortStableFunc(docs, func(a, b libraryDoc) int { return a.on.Compare(b.on) })

	ubnd := &all[3]
	last := map[string]int{} // last number per symbol and year
	var chunks []*chunk
	size := perChunk(n)
	c := &chunk{sets: []*rows{newRows(tLibraryDocs, size)}}
	add := func(id string, e library.Entry, issuerAgency *node, owner *node, created time.Time) {
		var issuerID any
		if issuerAgency != nil {
			issuerID = issuerAgency.id
		}
		search := vn.Fold(strings.Join([]string{library.JoinSymbol(e.Number, e.Symbol), e.TypeCode, e.TypeName, e.Issuer, e.Summary}, " "))
		c.sets[0].add(id, e.Number, e.Symbol, e.TypeCode, e.TypeName, e.Issuer, issuerID, e.IssuedOn, e.Summary, string(e.Scope),
			e.URL, owner.id, search, 1, created, created)
		c.docs = append(c.docs, librarySearchDoc(id, e))
		if c.results++; c.results == size {
			chunks = append(chunks, c)
			c = &chunk{sets: []*rows{newRows(tLibraryDocs, size)}}
		}
	}
	cityPlanDoc := entry(register.Format(cp.number)+"/KH-"+rootAbbr, rootName, rootAbbr,
		"Công tác thông tin, tuyên truyền cải cách hành chính năm "+strconv.Itoa(g.year), cp.date, ubnd.site)
	add(cp.id, cityPlanDoc, o.root, ubnd.owner, at(cp.date.AddDays(1), 8, 15, 0, 0))
	for _, d := range docs {
		prefix := d.issuer.abbr
		if d.kind.typeCode != "" {
			prefix = d.kind.typeCode + "-" + d.issuer.abbr
		} else if d.issuer.agency != nil && d.issuer.agency != o.root {
			prefix += "-VP" // a department's công văn carries its drafting office
		} else {
			prefix += "-KSTT"
		}
		if d.kind.withYear {
			prefix = strconv.Itoa(d.on.Year) + "/" + prefix
		}
		key := numberKey(prefix, d.on.Year)
		last[key]++
		if last[key] == taken[key] {
			last[key]++ // the plans took this number
		}
		summary := strings.NewReplacer("{s}", pick(r, subjects), "{y}", strconv.Itoa(d.on.Year),
			"{q}", pick(r, []string{"I", "II", "III", "IV"})).Replace(pick(r, d.kind.summaries))
		e := entry(register.Format(last[key])+"/"+prefix, d.issuer.name, d.issuer.abbr, summary, d.on, d.issuer.site)
		created := at(d.on.AddDays(r.IntN(4)), 8+r.IntN(9), r.IntN(60), r.IntN(60), r.IntN(1_000_000))
		if created.After(g.asOfEnd) {
			created = g.asOfEnd
		}
		add(r.id(created), e, d.issuer.agency, d.issuer.owner, created)
	}
	if c.results > 0 {
		chunks = append(chunks, c)
	}
	return chunks
}

// numberKey names a register's sequence: a symbol in a year.
func numberKey(symbol string, year int) string { return symbol + "/" + strconv.Itoa(year) }

// entry builds a library entry from its number and symbol the way the library's form
// does: the parts and type from the symbol, the scope guessed from the issuer.
func entry(numberSymbol, issuer, issuerAbbr, summary string, on vn.Date, site string) library.Entry {
	sym, ok := library.ParseSymbol(numberSymbol)
	if !ok {
		panic("generate: unreadable symbol " + numberSymbol) // the symbols above are all well formed
	}
	e := library.Entry{Number: sym.Number, Symbol: sym.Suffix(), TypeCode: sym.TypeCode, TypeName: sym.TypeName(), Issuer: issuer,
		IssuedOn: on, Summary: capitalise(summary), Scope: library.GuessScope(issuerAbbr, issuer)}
	if e.TypeName == "" {
		e.TypeName = library.OfficialLetter
	}
	e.URL = site + "/van-ban/" + slug(numberSymbol) + ".html"
	return e
}

// librarySearchDoc is what the portal's search holds of a library entry, as the
// library puts it when an entry is saved (library.Store.SearchSource yields the same;
// a test checks that rebuilding the kind from it changes nothing): the heading as
// title, the summary unless it is the heading, the type and issuer as body, dated on
// the day of issue, shown at /van-ban/{id}.
func librarySearchDoc(id string, e library.Entry) search.Doc {
	e.ID = id
	d := search.Doc{Kind: search.KindDocument, Ref: id, URL: "/van-ban/" + id, Title: e.Heading(), Summary: e.Summary, Body: e.TypeName}
	if d.Title == d.Summary {
		d.Summary = ""
	}
	if e.Issuer != "" {
		d.Body += " — " + e.Issuer
	}
	if !e.IssuedOn.IsZero() {
		d.Date, d.Year = e.IssuedOn.Time(), e.IssuedOn.Year
	}
	return d
}
