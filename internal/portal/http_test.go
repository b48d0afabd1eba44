package portal_test

import (
	"context"
	"encoding/xml"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"loa/internal/library"
	"loa/internal/portal"
	"loa/internal/store"
	"loa/internal/store/storetest"
)

func TestAPublicArticleHasItsOpenGraphTagsAndItsSanitisedText(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		a, err := f.s.Create(as(f.writer), portal.Input{Kind: portal.KindNews, Title: `Dịch vụ công "mức độ 4" <mới>`, Summary: "Người dân nộp hồ sơ không cần đến Sở.",
			Body: `<p>Nội dung <em>chính</em>.</p><script>alert(1)</script>`, CountsForPlan: true, OwnerAgencyID: f.dept.ID}, f.writer)
		if err != nil {
			t.Fatal(err)
		}
		a, _ = f.s.Submit(as(f.writer), a.ID, a.RowVersion, f.writer)
		if _, err := f.s.Publish(as(f.reviewer), a.ID, a.RowVersion, f.reviewer, time.Time{}); err != nil {
			t.Fatal(err)
		}
		s := f.site()
		w := s.do(nil, s.h.Article(portal.KindNews), "GET", "/tin-tuc/"+a.Slug, nil, "slug", a.Slug)
		body := w.Body.String()
		if w.Code != http.StatusOK {
			t.Fatalf("status %d\n%s", w.Code, body)
		}
		for _, want := range []string{
			`<meta property="og:type" content="article">`,
			`<meta property="og:url" content="` + baseURL + `/tin-tuc/` + a.Slug + `">`,
			`<meta name="description" content="Người dân nộp hồ sơ không cần đến Sở.">`,
			`<h1>Dịch vụ công &#34;mức độ 4&#34; &lt;mới&gt;</h1>`,
			`<p>Nội dung <em>chính</em>.</p>`,
			`aria-current="page"`, // the news section is marked in the navigation
		} {
			if !strings.Contains(body, want) {
				t.Errorf("page lacks %s", want)
			}
		}
		if strings.Contains(body, "alert(1)") || strings.Contains(body, "<mới>") {
			t.Error("unsanitised text reached the page")
		}
		// Under another section's address, the article is sent to its own.
		w = s.do(nil, s.h.Article(portal.KindGuide), "GET", "/thu-tuc/"+a.Slug, nil, "slug", a.Slug)
		if w.Code != http.StatusMovedPermanently || w.Header().Get("Location") != "/tin-tuc/"+a.Slug {
			t.Fatalf("other section: %d %q", w.Code, w.Header().Get("Location"))
		}
	})
}

func TestDraftsAndScheduledArticlesAreNotFoundAndWithdrawnOnesSayWhyWith410(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		s := f.site()
		draft := f.submitted(portal.KindNews, "Bản nháp chưa duyệt")
		if w := s.do(nil, s.h.Article(portal.KindNews), "GET", "/tin-tuc/"+draft.Slug, nil, "slug", draft.Slug); w.Code != http.StatusNotFound {
			t.Fatalf("draft: %d", w.Code)
		}
		later := f.submitted(portal.KindNews, "Tin hẹn giờ")
		if _, err := f.s.Publish(as(f.reviewer), later.ID, later.RowVersion, f.reviewer, time.Now().Add(48*time.Hour)); err != nil {
			t.Fatal(err)
		}
		if w := s.do(nil, s.h.Article(portal.KindNews), "GET", "/tin-tuc/"+later.Slug, nil, "slug", later.Slug); w.Code != http.StatusNotFound {
			t.Fatalf("scheduled: %d", w.Code)
		}
		a := f.published(portal.KindNews, "Tin sẽ gỡ")
		if _, err := f.s.Withdraw(as(f.reviewer), a.ID, a.RowVersion, f.reviewer, "Thông tin đã cũ, xem hướng dẫn mới <b>tại Sở</b>"); err != nil {
			t.Fatal(err)
		}
		w := s.do(nil, s.h.Article(portal.KindNews), "GET", "/tin-tuc/"+a.Slug, nil, "slug", a.Slug)
		if w.Code != http.StatusGone || !strings.Contains(w.Body.String(), "Thông tin đã cũ, xem hướng dẫn mới &lt;b&gt;tại Sở&lt;/b&gt;") {
			t.Fatalf("withdrawn: %d\n%s", w.Code, w.Body.String())
		}
		if w := s.do(nil, s.h.Article(portal.KindNews), "GET", "/tin-tuc/khong-co", nil, "slug", "khong-co"); w.Code != http.StatusNotFound ||
			!strings.Contains(w.Body.String(), "Không tìm thấy trang") {
			t.Fatalf("unknown: %d", w.Code)
		}
	})
}

func TestFeedsAndTheSitemapListPublishedArticlesWithAbsoluteAddresses(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		s := f.site()
		a := f.published(portal.KindNews, "Kết quả giải quyết thủ tục hành chính quý I")
		f.submitted(portal.KindNews, "Chưa duyệt")
		w := s.do(nil, s.h.RSS(portal.KindNews), "GET", "/tin-tuc/rss.xml", nil)
		var rss struct {
			Channel struct {
				Link  string `xml:"link"`
				Items []struct {
					Title string `xml:"title"`
					Link  string `xml:"link"`
				} `xml:"item"`
			} `xml:"channel"`
		}
		if err := xml.Unmarshal(w.Body.Bytes(), &rss); err != nil {
			t.Fatalf("rss: %v\n%s", err, w.Body.String())
		}
		if len(rss.Channel.Items) != 1 || rss.Channel.Items[0].Link != baseURL+"/tin-tuc/"+a.Slug || rss.Channel.Link != baseURL+"/tin-tuc" {
			t.Fatalf("rss %+v", rss)
		}
		w = s.do(nil, s.h.Atom(portal.KindNews), "GET", "/tin-tuc/atom.xml", nil)
		var atom struct {
			XMLName xml.Name
			Entries []struct {
				ID string `xml:"id"`
			} `xml:"entry"`
		}
		if err := xml.Unmarshal(w.Body.Bytes(), &atom); err != nil || atom.XMLName.Space != "http://www.w3.org/2005/Atom" ||
			len(atom.Entries) != 1 || atom.Entries[0].ID != baseURL+"/tin-tuc/"+a.Slug {
			t.Fatalf("atom %+v %v", atom, err)
		}
		if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/atom+xml") {
			t.Fatalf("atom type %q", ct)
		}
		w = s.do(nil, s.h.Sitemap, "GET", "/sitemap.xml", nil)
		body := w.Body.String()
		if !strings.Contains(body, "<loc>"+baseURL+"/tin-tuc/"+a.Slug+"</loc>") || strings.Contains(body, "chua-duyet") ||
			!strings.Contains(body, "<lastmod>") {
			t.Fatalf("sitemap\n%s", body)
		}
	})
}

func TestTheDocumentsLibraryFiltersAndOffersEachFileAsAnAttachment(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		s := f.site()
		plan, err := f.lib.Create(ctx, library.Input{NumberSymbol: "246/KH-UBND", Issuer: "Ủy ban nhân dân thành phố Cần Thơ", IssuedOn: "14/12/2023",
			Summary: "Tuyên truyền cải cách hành chính năm 2024", Scope: library.ScopeCity, OwnerAgencyID: f.dept.ID})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.lib.Create(ctx, library.Input{NumberSymbol: "76/NQ-CP", Issuer: "Chính phủ", IssuedOn: "15/07/2021",
			Summary: "Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021-2030", Scope: library.ScopeCentral, OwnerAgencyID: f.dept.ID}); err != nil {
			t.Fatal(err)
		}
		if _, err := f.s.AttachDocFile(as(f.writer), plan.ID, portal.Upload{Name: "246-KH-UBND.pdf", Data: tinyPDF}, f.writer); err != nil {
			t.Fatal(err)
		}
		w := s.do(nil, s.h.Documents, "GET", "/van-ban?year=2023&scope=city", nil)
		body := w.Body.String()
		if w.Code != http.StatusOK || !strings.Contains(body, "Kế hoạch số 246/KH-UBND") || strings.Contains(body, "76/NQ-CP</a>") ||
			!strings.Contains(body, `/van-ban/`+plan.ID+`/tep`) {
			t.Fatalf("filtered list %d\n%s", w.Code, body)
		}
		for _, label := range []string{`<label for="dtype">`, `<label for="dissuer">`, `<label for="dyear">`, `<label for="dscope">`} {
			if !strings.Contains(body, label) {
				t.Errorf("filter without label %s", label)
			}
		}
		w = s.do(nil, s.h.Document, "GET", "/van-ban/"+plan.ID, nil, "id", plan.ID)
		if !strings.Contains(w.Body.String(), "Ủy ban nhân dân thành phố Cần Thơ") || !strings.Contains(w.Body.String(), "246-KH-UBND.pdf") {
			t.Fatalf("document page\n%s", w.Body.String())
		}
		w = s.do(nil, s.h.DocumentFile, "GET", "/van-ban/"+plan.ID+"/tep", nil, "id", plan.ID)
		h := w.Header()
		if w.Code != http.StatusOK || !strings.HasPrefix(h.Get("Content-Disposition"), "attachment;") || h.Get("X-Content-Type-Options") != "nosniff" ||
			h.Get("Content-Type") != "application/pdf" || w.Body.String() != string(tinyPDF) {
			t.Fatalf("download %d %v", w.Code, h)
		}
		if lm, _ := f.s.LastModified(ctx); lm.IsZero() {
			t.Fatal("attaching a file does not move the last-modified time")
		}
	})
}

func TestAnArticleFormWithMistakesComesBackWithMessagesAndWhatWasTyped(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		s := f.site()
		form := url.Values{"kind": {"news"}, "title": {"Tin về <cải cách>"}, "summary": {"Sa-pô đã gõ"}, "body": {"   "},
			"owner_agency_id": {f.dept.ID}, "image_alt": {""}}
		w := s.upload(&f.writer, s.h.Create, "/portal", form, "image", "anh.png", pngImage(40, 30))
		body := w.Body.String()
		if w.Code != http.StatusUnprocessableEntity {
			t.Fatalf("status %d\n%s", w.Code, body)
		}
		for _, want := range []string{"Vui lòng mô tả ảnh", `value="Tin về &lt;cải cách&gt;"`, "Sa-pô đã gõ", `aria-invalid="true"`,
			"chọn lại", `<label for="title">`, `<label for="body">`, `<label for="image_alt">`} {
			if !strings.Contains(body, want) {
				t.Errorf("form lacks %q", want)
			}
		}
		if n := f.count(`SELECT COUNT(*) FROM portal_images`); n != 0 {
			t.Fatalf("%d images kept from a refused form", n)
		}
		form.Set("body", "Nội dung.")
		form.Set("image_alt", "Ảnh thử")
		w = s.upload(&f.writer, s.h.Create, "/portal", form, "image", "anh.png", pngImage(40, 30))
		if w.Code != http.StatusSeeOther || !strings.HasPrefix(w.Header().Get("Location"), "/portal/") {
			t.Fatalf("create: %d\n%s", w.Code, w.Body.String())
		}
	})
}

func TestTheWriterIsNotOfferedToApproveTheirOwnArticleButTheReviewerIs(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		s := f.site()
		a := f.submitted(portal.KindNews, "Tin chờ duyệt")
		w := s.do(&f.writer, s.h.View, "GET", "/portal/"+a.ID, nil, "id", a.ID)
		if !strings.Contains(w.Body.String(), "không tự duyệt được") || strings.Contains(w.Body.String(), `action="/portal/`+a.ID+`/publish"`) {
			t.Fatalf("writer's view\n%s", w.Body.String())
		}
		// Posting anyway is refused with a message, not a publication.
		w = s.do(&f.writer, s.h.Act("publish"), "POST", "/portal/"+a.ID+"/publish", url.Values{"row_version": {"2"}}, "id", a.ID)
		if w.Code != http.StatusSeeOther {
			t.Fatalf("own publish: %d", w.Code)
		}
		if got, _ := f.s.Get(ctx, a.ID); got.State != portal.StateSubmitted {
			t.Fatalf("state %s", got.State)
		}
		w = s.do(&f.reviewer, s.h.View, "GET", "/portal/"+a.ID, nil, "id", a.ID)
		if !strings.Contains(w.Body.String(), `action="/portal/`+a.ID+`/publish"`) || !strings.Contains(w.Body.String(), `<label for="comment">`) {
			t.Fatalf("reviewer's view\n%s", w.Body.String())
		}
		// A bad time is refused with the page shown again.
		w = s.do(&f.reviewer, s.h.Act("publish"), "POST", "/portal/"+a.ID+"/publish",
			url.Values{"row_version": {"2"}, "publish_date": {"31/02/2025"}, "publish_time": {"25:99"}}, "id", a.ID)
		if w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), "07:30") {
			t.Fatalf("bad time: %d", w.Code)
		}
		w = s.do(&f.reviewer, s.h.Act("publish"), "POST", "/portal/"+a.ID+"/publish", url.Values{"row_version": {"2"}}, "id", a.ID)
		if w.Code != http.StatusSeeOther {
			t.Fatalf("publish: %d\n%s", w.Code, w.Body.String())
		}
		if got, _ := f.s.Get(ctx, a.ID); got.State != portal.StatePublished {
			t.Fatalf("state %s", got.State)
		}
	})
}

func TestTheHomePageShowsLatestNewsAndNewestDocuments(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		s := f.site()
		f.published(portal.KindNews, "Sở tổ chức hội nghị triển khai công tác CCHC")
		f.published(portal.KindGuide, "Hướng dẫn đăng ký tài khoản dịch vụ công")
		s.h.KeyFigures = func(_ context.Context) ([]portal.KeyFigure, error) {
			return []portal.KeyFigure{{Label: "PAR Index", Value: "88,05%", Year: 2024, Rank: 11, Of: 63}}, nil
		}
		w := s.do(nil, s.h.Home, "GET", "/", nil)
		body := w.Body.String()
		for _, want := range []string{"Sở tổ chức hội nghị triển khai công tác CCHC", "Hướng dẫn đăng ký tài khoản dịch vụ công", "88,05%", "xếp hạng 11/63"} {
			if !strings.Contains(body, want) {
				t.Errorf("home lacks %q", want)
			}
		}
		if w.Header().Get("Cache-Control") != "no-cache" || strings.Contains(body, "form_token") {
			t.Fatal("the home page is not shareable")
		}
	})
}
