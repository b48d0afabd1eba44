package search

import (
	"encoding/json"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"loa/internal/store"
	"loa/internal/store/storetest"
	"loa/internal/web"
)

func newHTTP(t *testing.T, db *store.DB) *HTTP {
	t.Helper()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	render, err := web.NewRenderer(map[string]fs.FS{"search": Templates}, nil, "test", log)
	if err != nil {
		t.Fatal(err)
	}
	render.SetSite(web.Site{Name: "Cổng thông tin", Owner: "Sở Khoa học và Công nghệ"}, nil)
	return &HTTP{Index: seed(t, db), Render: render, Log: log}
}

func get(t *testing.T, h http.HandlerFunc, target string) (int, string, http.Header) {
	t.Helper()
	rec := httptest.NewRecorder()
	h(rec, httptest.NewRequest("GET", target, nil))
	return rec.Code, rec.Body.String(), rec.Header()
}

func TestResultsPageShowsHitsFiltersAndTheQuery(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		h := newHTTP(t, db)
		cases := []struct {
			target string
			want   []string
			not    []string
		}{
			{"/tim-kiem?q=dang+uy", []string{`value="dang uy"`, "Hội nghị <mark>Đảng ủy</mark> khối", `Tin bài`,
				"1 kết quả"}, nil},
			{"/tim-kiem?q=hanh+chinh", []string{"3 kết quả", "Văn bản", "Trang thông tin", `href="/tim-kiem?loai=document&amp;q=hanh&#43;chinh"`,
				`href="/tim-kiem?nam=2024&amp;q=hanh&#43;chinh"`}, nil},
			{"/tim-kiem?q=hanh+chinh&loai=document", []string{"1 kết quả", "công tác cải cách <mark>hành chính</mark>",
				`name="loai" value="document"`, "Bỏ lọc"}, []string{"Đẩy mạnh"}},
			{"/tim-kiem?q=khong+co+gi+ca", []string{"Không tìm thấy kết quả nào", "Gợi ý tìm kiếm"}, nil},
			{"/tim-kiem", []string{"Hãy gõ từ cần tìm"}, nil},
			{"/tim-kiem?q=%22%3Cscript%3E&loai=x%27&nam=abc&page=-3", []string{"&lt;script&gt;"}, []string{"<script>"}},
			{"/tim-kiem?q=NEAR(*+AND+-%3A&page=99999", []string{"Hãy gõ từ cần tìm"}, nil},
		}
		for _, c := range cases {
			code, body, hdr := get(t, h.Results, c.target)
			if code != 200 {
				t.Errorf("%s: status %d", c.target, code)
				continue
			}
			if hdr.Get("X-Robots-Tag") != "noindex" {
				t.Errorf("%s: results pages are not for robots", c.target)
			}
			main := body[strings.Index(body, `<main`):]
			for _, w := range c.want {
				if !strings.Contains(main, w) {
					t.Errorf("%s: no %q in\n%s", c.target, w, main)
				}
			}
			for _, w := range c.not {
				if strings.Contains(main, w) {
					t.Errorf("%s: %q should not be there", c.target, w)
				}
			}
		}
	})
}

func TestTypeAheadAnswersSmallJSON(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		h := newHTTP(t, db)
		code, body, hdr := get(t, h.Suggest, "/tim-kiem.json?q=cai+cach+hanh+ch")
		if code != 200 || !strings.HasPrefix(hdr.Get("Content-Type"), "application/json") {
			t.Fatalf("status %d %s", code, hdr.Get("Content-Type"))
		}
		var out struct {
			Total int
			Hits  []suggestion
			More  string
		}
		if err := json.Unmarshal([]byte(body), &out); err != nil {
			t.Fatal(err)
		}
		if out.Total != 2 || len(out.Hits) != 2 || out.Hits[0].URL == "" && out.Hits[0].Title == "" || out.More != "/tim-kiem?q=cai+cach+hanh+ch" {
			t.Errorf("%s", body)
		}
		for _, q := range []string{"", "c", `"`, "NEAR", "%22%22%22"} {
			code, body, _ := get(t, h.Suggest, "/tim-kiem.json?q="+q)
			if code != 200 || !strings.Contains(body, `"hits":[]`) {
				t.Errorf("%q: %d %s", q, code, body)
			}
		}
	})
}
