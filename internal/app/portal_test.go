package app

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"loa/internal/portal"
	"loa/internal/store"
	"loa/internal/store/storetest"
)

// TestAPublishedArticleShowsAtOnceOnPagesTheCacheAlreadyHeld follows the article the
// demo left waiting for review: the public news list is served from the cache, the
// second editor publishes, and the next visitor sees it in the list, at its address
// and in search, while revalidating with the old ETag gets the new page.
func TestAPublishedArticleShowsAtOnceOnPagesTheCacheAlreadyHeld(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		waiting, _, err := s.app.portalHTTP.Store.List(context.Background(), portal.Filter{State: portal.StateSubmitted, Limit: 1})
		if err != nil || len(waiting) == 0 {
			t.Fatalf("the demo's waiting article: %v", err)
		}
		a := waiting[0]
		visitor := s.anonymous()
		before := visitor.get("/tin-tuc")
		if before.status != http.StatusOK || strings.Contains(before.body, a.Title) {
			t.Fatalf("before publication: %d, lists it: %v", before.status, strings.Contains(before.body, a.Title))
		}
		etag := before.header.Get("ETag")
		if again := visitor.get("/tin-tuc"); again.header.Get("ETag") != etag || etag == "" {
			t.Fatal("the news list should be served from the cache with its ETag")
		}
		s.as("bientap").post("/portal/"+a.ID+"/publish", url.Values{"row_version": {strconv.Itoa(a.RowVersion)}})
		if strings.Contains(visitor.get("/tin-tuc").body, a.Title) {
			t.Fatal("the editor who wrote the article published it alone")
		}
		res := s.as("duyettin").post("/portal/"+a.ID+"/publish", url.Values{"row_version": {strconv.Itoa(a.RowVersion)}})
		if res.status != http.StatusSeeOther {
			t.Fatalf("publish: %d\n%s", res.status, res.body)
		}
		after := visitor.get("/tin-tuc")
		if !strings.Contains(after.body, a.Title) {
			t.Fatal("the news list still shows the cached page without the new article")
		}
		req, _ := http.NewRequest("GET", s.srv.URL+"/tin-tuc", nil)
		req.Header.Set("If-None-Match", etag)
		if r := visitor.do(req); r.status != http.StatusOK {
			t.Fatalf("revalidating the old copy: %d, want the new page", r.status)
		}
		if page := visitor.get("/tin-tuc/" + a.Slug); page.status != http.StatusOK || !strings.Contains(page.body, `property="og:title"`) {
			t.Fatalf("the article's page: %d", page.status)
		}
		if found := visitor.get("/tim-kiem?q=" + url.QueryEscape(a.Title)); !strings.Contains(found.body, "/tin-tuc/"+a.Slug) {
			t.Fatal("search does not find the article just published")
		}
	})
}

func TestThePublicHomeShowsNewsDocumentsAndThePublishedIndices(t *testing.T) {
	s := newSite(t, storetest.SQLite(t))
	home := s.anonymous().get("/")
	for _, want := range []string{"Hội nghị quán triệt nhiệm vụ cải cách hành chính năm 2024", "01/KH-SKHCN", "PCI", "66,33", "Đăng nhập cán bộ"} {
		if !strings.Contains(home.body, want) {
			t.Errorf("the public home lacks %q", want)
		}
	}
}
