package portal_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"loa/internal/plan"
	"loa/internal/portal"
	"loa/internal/progress"
	"loa/internal/search"
	"loa/internal/store"
	"loa/internal/store/storetest"
	"loa/internal/vn"
)

func TestSlugsAreFoldedVietnameseTitles(t *testing.T) {
	for title, want := range map[string]string{
		"Đẩy mạnh cải cách hành chính năm 2024!":       "day-manh-cai-cach-hanh-chinh-nam-2024",
		"  Hướng dẫn nộp hồ sơ trực tuyến — mức độ 4 ": "huong-dan-nop-ho-so-truc-tuyen-muc-do-4",
		"Đảng ủy & Công đoàn":                          "dang-uy-cong-doan",
		"!!!":                                          "",
	} {
		if got := portal.Slug(title); got != want {
			t.Errorf("Slug(%q) = %q, want %q", title, got, want)
		}
	}
	long := portal.Slug(strings.Repeat("cải cách hành chính ", 20))
	if len(long) > 80 || strings.HasSuffix(long, "-") {
		t.Errorf("a long title gives %q", long)
	}
}

func TestTwoArticlesWithTheSameTitleGetDistinctAddresses(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		a := f.draft(portal.KindNews, "Sở triển khai Kế hoạch CCHC năm 2024")
		b := f.draft(portal.KindNews, "Sở triển khai kế hoạch CCHC năm 2024")
		if a.Slug != "so-trien-khai-ke-hoach-cchc-nam-2024" || b.Slug != a.Slug+"-2" {
			t.Fatalf("slugs %q and %q", a.Slug, b.Slug)
		}
		if a.Path() != "/tin-tuc/"+a.Slug {
			t.Fatalf("path %q", a.Path())
		}
	})
}

func TestAnEditorCannotPublishWhatTheyWroteButASecondEditorCan(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		a := f.draft(portal.KindNews, "Sở Khoa học và Công nghệ ban hành Kế hoạch tuyên truyền CCHC")
		if _, err := f.s.Publish(as(f.reviewer), a.ID, a.RowVersion, f.reviewer, time.Time{}); !errors.Is(err, portal.ErrState) {
			t.Fatalf("a draft published without review: %v", err)
		}
		a, err := f.s.Submit(as(f.writer), a.ID, a.RowVersion, f.writer)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.s.Publish(as(f.writer), a.ID, a.RowVersion, f.writer, time.Time{}); !errors.Is(err, portal.ErrOwnWork) {
			t.Fatalf("the writer published their own article: %v", err)
		}
		if list, _, _ := f.s.Published(ctx, portal.KindNews, 10, 0); len(list) != 0 {
			t.Fatal("a submitted article is public")
		}
		a, err = f.s.Publish(as(f.reviewer), a.ID, a.RowVersion, f.reviewer, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		if a.State != portal.StatePublished || a.LiveVersion != 1 || a.PublisherName != "Huỳnh Thanh Tâm" {
			t.Fatalf("after review: %+v", a)
		}
		list, total, err := f.s.Published(ctx, portal.KindNews, 10, 0)
		if err != nil || total != 1 || list[0].ID != a.ID {
			t.Fatalf("public list: %v %d %v", list, total, err)
		}
		events, _ := f.s.Events(ctx, a.ID)
		if len(events) != 2 || events[0].Action != "publish" || events[1].Action != "submit" {
			t.Fatalf("events %+v", events)
		}
	})
}

func TestAReviewerWhoEditsASubmittedArticleMayNotPublishIt(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		a := f.submitted(portal.KindNews, "Hội nghị quán triệt công tác CCHC")
		a, err := f.s.Update(as(f.reviewer), a.ID, a.RowVersion, portal.Input{Kind: a.Kind, Title: a.Title, Body: "Sửa lỗi chính tả.",
			CountsForPlan: true}, f.reviewer)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.s.Publish(as(f.reviewer), a.ID, a.RowVersion, f.reviewer, time.Time{}); !errors.Is(err, portal.ErrOwnWork) {
			t.Fatalf("the last editor approved their own change: %v", err)
		}
	})
}

func TestPublishingACCHCArticleRecordsOneResultOfTheWebsiteActivityForTheWritersUnit(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		a := f.published(portal.KindNews, "Trung tâm Thông tin đẩy mạnh tuyên truyền dịch vụ công trực tuyến")
		c, err := f.s.CountOf(ctx, a.ID)
		if err != nil || c == nil || c.ResultID == "" {
			t.Fatalf("count: %+v %v", c, err)
		}
		r, err := f.results.Get(ctx, c.ResultID)
		if err != nil {
			t.Fatal(err)
		}
		if r.ActivityID != f.website || r.AgencyID != f.centre.ID || r.Quantity != 1 || r.Status != progress.StatusSubmitted {
			t.Fatalf("result %+v", r)
		}
		if len(r.Links) != 1 || r.Links[0] != baseURL+"/tin-tuc/"+a.Slug {
			t.Fatalf("evidence link %v", r.Links)
		}
		if r.DoneOn != vn.Today() {
			t.Fatalf("done on %v", r.DoneOn)
		}
		// Settling later does not count it again, and a standing page does not count.
		if n, err := f.s.Settle(ctx); err != nil || n != 0 {
			t.Fatalf("settle: %d %v", n, err)
		}
		f.published(portal.KindPage, "Giới thiệu")
		if n := f.count(`SELECT COUNT(*) FROM results WHERE activity_id = $1`, f.website); n != 1 {
			t.Fatalf("%d results", n)
		}
	})
}

func TestTheWebsiteActivityIsFoundByItsChannelMarkerAndTheUnitItNames(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		got, err := portal.WebsiteActivity(ctx, db.Read(), f.centre.ID, f.year)
		if err != nil || got != f.website {
			t.Fatalf("centre: %q %v", got, err)
		}
		// The leaflet activity names the centre too, but its channel is not the website.
		if got, _ := portal.WebsiteActivity(ctx, db.Read(), f.dept.ID, f.year); got != "" {
			t.Fatalf("the department is named by no activity, got %q", got)
		}
		if got, _ := portal.WebsiteActivity(ctx, db.Read(), f.centre.ID, f.year-1); got != "" {
			t.Fatalf("no plan last year, got %q", got)
		}
		// The centre's own plan comes before its department's.
		own, err := plan.NewStore(db).Create(ctx, &plan.Plan{AgencyID: f.centre.ID, Year: f.year, Status: plan.StatusIssued, Summary: "Kế hoạch của Trung tâm",
			Activities: []plan.Activity{{Kind: plan.ChannelWebsite, Text: "Đăng tin trên trang tin của Trung tâm",
				Lead: plan.AgencyRef{Name: f.centre.Name, AgencyID: f.centre.ID}}}}, "")
		if err != nil {
			t.Fatal(err)
		}
		if got, _ := portal.WebsiteActivity(ctx, db.Read(), f.centre.ID, f.year); got != own.Activities[0].ID {
			t.Fatalf("nearest plan: %q", got)
		}
	})
}

func TestAnArticleByAUnitNoPlanNamesIsPublishedAndSaysWhyItCountedForNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		f.writer.AgencyID = f.dept.ID
		a := f.published(portal.KindNews, "Thông báo lịch tiếp công dân")
		c, err := f.s.CountOf(ctx, a.ID)
		if err != nil || c == nil || c.ResultID != "" || c.Note != portal.NoteNoActivity {
			t.Fatalf("count %+v %v", c, err)
		}
		if n := f.count(`SELECT COUNT(*) FROM results`); n != 0 {
			t.Fatalf("%d results", n)
		}
	})
}

func TestAScheduledArticleAppearsAtItsTimeWithoutAJobAndIsCountedThen(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		real := time.Now().UTC()
		// The review happens three hours ago, for a time two hours ago: an hour later.
		f.s.Now = func() time.Time { return real.Add(-3 * time.Hour) }
		a := f.submitted(portal.KindNews, "Ra mắt Bộ phận một cửa hiện đại")
		at := real.Add(-2 * time.Hour).Truncate(time.Minute)
		a, err := f.s.Publish(as(f.reviewer), a.ID, a.RowVersion, f.reviewer, at)
		if err != nil {
			t.Fatal(err)
		}
		if list, _, _ := f.s.Published(ctx, portal.KindNews, 10, 0); len(list) != 0 {
			t.Fatal("public before its time")
		}
		next, err := f.s.Due(ctx, f.s.Now())
		if err != nil || !next.Equal(at) {
			t.Fatalf("due %v %v, want %v", next, err, at)
		}
		if c, _ := f.s.CountOf(ctx, a.ID); c != nil {
			t.Fatal("counted before it appeared")
		}
		events, _ := f.s.Events(ctx, a.ID)
		if events[0].Action != "schedule" {
			t.Fatalf("event %q", events[0].Action)
		}
		f.s.Now = time.Now // its time has come
		list, _, err := f.s.Published(ctx, portal.KindNews, 10, 0)
		if err != nil || len(list) != 1 {
			t.Fatalf("not public at its time: %v %v", list, err)
		}
		if next, _ := f.s.Due(ctx, at); !next.IsZero() {
			t.Fatal("still scheduled")
		}
		if lm, _ := f.s.LastModified(ctx); !lm.Equal(at) {
			t.Fatalf("last modified %v, want %v", lm, at)
		}
		if n, err := f.s.Settle(ctx); err != nil || n != 1 {
			t.Fatalf("settle: %d %v", n, err)
		}
		c, _ := f.s.CountOf(ctx, a.ID)
		if c == nil || c.ResultID == "" {
			t.Fatalf("not counted: %+v", c)
		}
		var by string
		_ = db.Read().QueryRowContext(ctx, `SELECT created_by FROM results WHERE id = $1`, c.ResultID).Scan(&by)
		if by != f.reviewer.ID {
			t.Fatalf("recorded by %q, want the reviewer", by)
		}
	})
}

func TestSchedulingMoreThanAYearAheadIsRefused(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		a := f.submitted(portal.KindNews, "Tin hẹn quá xa")
		_, err := f.s.Publish(as(f.reviewer), a.ID, a.RowVersion, f.reviewer, time.Now().AddDate(2, 0, 0))
		if fields(t, err)["publish_at"] != "portal.schedule_too_far" {
			t.Fatalf("got %v", err)
		}
	})
}

func TestWithdrawingKeepsTheResultAndWritesTheReasonIntoItsHistory(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		a := f.published(portal.KindNews, "Thông tin chưa chính xác về lệ phí")
		if _, err := f.s.Withdraw(as(f.reviewer), a.ID, a.RowVersion, f.reviewer, "  "); fields(t, err)["reason"] != "valid.required" {
			t.Fatalf("withdrawn without a reason: %v", err)
		}
		a, err := f.s.Withdraw(as(f.reviewer), a.ID, a.RowVersion, f.reviewer, "Mức lệ phí đã thay đổi theo quyết định mới")
		if err != nil {
			t.Fatal(err)
		}
		live, err := f.s.Live(ctx, a.Slug)
		if err != nil || live.State != portal.StateWithdrawn || live.WithdrawReason != "Mức lệ phí đã thay đổi theo quyết định mới" {
			t.Fatalf("live %+v %v", live, err)
		}
		if list, _, _ := f.s.Published(ctx, portal.KindNews, 10, 0); len(list) != 0 {
			t.Fatal("a withdrawn article is listed")
		}
		c, _ := f.s.CountOf(ctx, a.ID)
		if c == nil || c.ResultID == "" || c.WithdrawnAt.IsZero() {
			t.Fatalf("count after withdrawal %+v", c)
		}
		events, err := f.results.Events(ctx, c.ResultID)
		if err != nil {
			t.Fatal(err)
		}
		last := events[len(events)-1]
		if last.Action != "article_withdrawn" || last.Comment != "Mức lệ phí đã thay đổi theo quyết định mới" {
			t.Fatalf("result history %+v", events)
		}
		if _, err := f.s.Update(as(f.writer), a.ID, a.RowVersion, portal.Input{Kind: a.Kind, Title: "x", Body: "y"}, f.writer); !errors.Is(err, portal.ErrWithdrawn) {
			t.Fatalf("a withdrawn article was edited: %v", err)
		}
	})
}

func TestEverySaveKeepsAVersionAndACorrectionShowsOnlyOnceApproved(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		a := f.published(portal.KindGuide, "Hướng dẫn nộp hồ sơ cấp Giấy chứng nhận trực tuyến")
		a, err := f.s.Update(as(f.writer), a.ID, a.RowVersion, portal.Input{Kind: portal.KindNews, Title: "Hướng dẫn nộp hồ sơ trực tuyến (bản sửa)",
			Body: "Bước 1: đăng nhập Cổng dịch vụ công.", CountsForPlan: true}, f.writer)
		if err != nil {
			t.Fatal(err)
		}
		if a.State != portal.StateDraft || a.Version != 2 || a.LiveVersion != 1 || a.Kind != portal.KindGuide || !a.PendingRevision() {
			t.Fatalf("after the correction: %+v", a)
		}
		live, _ := f.s.Live(ctx, a.Slug)
		if live.Title != "Hướng dẫn nộp hồ sơ cấp Giấy chứng nhận trực tuyến" || !live.Public(time.Now()) {
			t.Fatalf("the public reads %q", live.Title)
		}
		a, _ = f.s.Submit(as(f.writer), a.ID, a.RowVersion, f.writer)
		if a, err = f.s.Publish(as(f.reviewer), a.ID, a.RowVersion, f.reviewer, time.Time{}); err != nil {
			t.Fatal(err)
		}
		live, _ = f.s.Live(ctx, a.Slug)
		if live.Title != "Hướng dẫn nộp hồ sơ trực tuyến (bản sửa)" || live.RevisedAt.IsZero() || live.Slug != a.Slug {
			t.Fatalf("after approval the public reads %+v", live)
		}
		vs, _ := f.s.Versions(ctx, a.ID)
		if len(vs) != 2 || vs[0].Number != 2 || vs[1].SavedByName != "Võ Thị Mai" {
			t.Fatalf("versions %+v", vs)
		}
		old, err := f.s.VersionOf(ctx, a.ID, 1)
		if err != nil || !strings.Contains(old.Body, "Đoạn thứ nhất") {
			t.Fatalf("version 1: %+v %v", old, err)
		}
		// A correction is not a second publication: still one result.
		if n := f.count(`SELECT COUNT(*) FROM results`); n != 1 {
			t.Fatalf("%d results", n)
		}
	})
}

func TestAStaleFormDoesNotOverwriteAnotherEditorsSave(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		a := f.draft(portal.KindNews, "Tin một")
		if _, err := f.s.Update(as(f.writer), a.ID, a.RowVersion, portal.Input{Kind: a.Kind, Title: "Tin một (A)", Body: "a"}, f.writer); err != nil {
			t.Fatal(err)
		}
		if _, err := f.s.Update(as(f.reviewer), a.ID, a.RowVersion, portal.Input{Kind: a.Kind, Title: "Tin một (B)", Body: "b"}, f.reviewer); !errors.Is(err, portal.ErrStale) {
			t.Fatalf("stale save: %v", err)
		}
	})
}

func TestTheArticleFormRefusesWhatIsMissingOrWrong(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		_, err := f.s.Create(as(f.writer), portal.Input{Kind: "blog", Title: strings.Repeat("a", 251), Body: "<script>alert(1)</script>",
			ImageHash: strings.Repeat("0", 64), OwnerAgencyID: f.dept.ID}, f.writer)
		got := fields(t, err)
		for field, key := range map[string]string{"kind": "portal.kind_required", "title": "valid.too_long", "body": "valid.required",
			"image_alt": "portal.image_alt_required", "image": "portal.image_unknown"} {
			if got[field] != key {
				t.Errorf("%s: %q, want %q", field, got[field], key)
			}
		}
		_, err = f.s.Create(as(f.writer), portal.Input{Kind: portal.KindLeaflet, Title: "Tờ gấp dịch vụ công", OwnerAgencyID: f.dept.ID}, f.writer)
		if fields(t, err)["file"] != "portal.leaflet_file_required" {
			t.Fatalf("leaflet without a file: %v", err)
		}
		_, err = f.s.Create(as(f.writer), portal.Input{Kind: portal.KindLeaflet, Title: "Tờ gấp", OwnerAgencyID: f.dept.ID,
			File: &portal.Upload{Name: "to-gap.pdf", Data: []byte("<html>not a pdf</html>")}}, f.writer)
		if fields(t, err)["file"] != "portal.file_refused" {
			t.Fatalf("a fake PDF: %v", err)
		}
		if n := f.count(`SELECT COUNT(*) FROM portal_articles`); n != 0 {
			t.Fatalf("%d articles kept", n)
		}
	})
}

func TestArticleImagesAreResizedWithAThumbnailAndStrangersAreRefused(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		img, err := f.s.UploadImage(ctx, portal.Upload{Name: "hoi-nghi.png", Data: pngImage(2400, 1200)}, f.writer, f.centre.ID)
		if err != nil {
			t.Fatal(err)
		}
		if img.Width != portal.MaxImageWidth || img.Height != 800 {
			t.Fatalf("resized to %d×%d", img.Width, img.Height)
		}
		var tw, th int
		_ = db.Read().QueryRowContext(ctx, `SELECT width, height FROM files WHERE hash = $1`, img.ThumbHash).Scan(&tw, &th)
		if tw != portal.ThumbWidth || th != portal.ThumbHeight {
			t.Fatalf("thumbnail %d×%d", tw, th)
		}
		for name, data := range map[string][]byte{"anh.jpg": []byte("GIF89a not really"), "trong.png": nil, "van-ban.png": []byte("hello")} {
			_, err := f.s.UploadImage(ctx, portal.Upload{Name: name, Data: data}, f.writer, f.centre.ID)
			var ir *portal.ImageRefused
			if !errors.As(err, &ir) {
				t.Errorf("%s accepted: %v", name, err)
			}
		}
		// The article keeps the uploaded image; its card shows the thumbnail.
		a, err := f.s.Create(as(f.writer), portal.Input{Kind: portal.KindNews, Title: "Tin có ảnh", Body: "Nội dung.", ImageHash: img.Hash,
			ImageAlt: "Quang cảnh hội nghị", OwnerAgencyID: f.dept.ID}, f.writer)
		if err != nil {
			t.Fatal(err)
		}
		if a.ImageHash != img.Hash || a.ImageThumb != img.ThumbHash {
			t.Fatalf("article image %q/%q", a.ImageHash, a.ImageThumb)
		}
	})
}

func TestSearchFindsAnArticleOnceItIsPublicAndNoLongerOnceWithdrawn(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ix := search.New(db)
		hits := func(q string) int {
			t.Helper()
			res, err := ix.Search(ctx, search.Query{Text: q, Limit: 10})
			if err != nil {
				t.Fatal(err)
			}
			return res.Total
		}
		a := f.submitted(portal.KindNews, "Đối thoại với doanh nghiệp về thủ tục đầu tư")
		if hits("doi thoai doanh nghiep") != 0 {
			t.Fatal("a draft waiting for review is searchable")
		}
		a, err := f.s.Publish(as(f.reviewer), a.ID, a.RowVersion, f.reviewer, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		if hits("doi thoai doanh nghiep") != 1 {
			t.Fatal("a published article is not found by its words without diacritics")
		}
		if _, err := f.s.Withdraw(as(f.reviewer), a.ID, a.RowVersion, f.reviewer, "Thông tin chưa chính xác"); err != nil {
			t.Fatal(err)
		}
		if hits("doi thoai doanh nghiep") != 0 {
			t.Fatal("a withdrawn article is still found")
		}

		real := time.Now().UTC()
		f.s.Now = func() time.Time { return real.Add(-3 * time.Hour) }
		later := f.submitted(portal.KindNews, "Lịch tiếp nhận hồ sơ dịp nghỉ lễ")
		if _, err := f.s.Publish(as(f.reviewer), later.ID, later.RowVersion, f.reviewer, real.Add(-time.Hour)); err != nil {
			t.Fatal(err)
		}
		if hits("lich tiep nhan ho so") != 0 {
			t.Fatal("a scheduled article is found before its time")
		}
		f.s.Now = time.Now
		if _, err := f.s.Settle(ctx); err != nil {
			t.Fatal(err)
		}
		if hits("lich tiep nhan ho so") != 1 {
			t.Fatal("a scheduled article is not found once its time has come")
		}
	})
}
