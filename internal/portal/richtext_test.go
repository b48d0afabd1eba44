package portal

import (
	"strings"
	"testing"
)

func TestTheBodyKeepsOnlyAllowedMarkup(t *testing.T) {
	own := "/anh/" + strings.Repeat("ab", 32)
	for _, c := range []struct{ in, want, not string }{
		{`<p onclick="steal()">Xin chào<script>alert(1)</script></p>`, `<p>Xin chào</p>`, "script"},
		{`<a href="javascript:alert(1)">bấm</a>`, `bấm`, "javascript"},
		{`<a href="https://dichvucong.gov.vn">Cổng DVC</a>`, `<a href="https://dichvucong.gov.vn" rel="nofollow noreferrer">Cổng DVC</a>`, ""},
		{`<img src="https://evil.example/x.png" alt="x"><p>ok</p>`, `<p>ok</p>`, "evil"},
		{`<img src="` + own + `" alt="Hội nghị">`, `<img src="` + own + `" alt="Hội nghị">`, ""},
		{`<iframe src="/x"></iframe><style>p{}</style><h2>Mục</h2>`, `<h2>Mục</h2>`, "iframe"},
		{`<table><tr><td colspan="2" style="color:red">a</td></tr></table>`, `<td colspan="2">a</td>`, "style"},
	} {
		got := Sanitize(c.in)
		if !strings.Contains(got, c.want) || (c.not != "" && strings.Contains(got, c.not)) {
			t.Errorf("Sanitize(%q) = %q", c.in, got)
		}
	}
}

func TestPlainTextBecomesParagraphsHeadingsAndLists(t *testing.T) {
	got := Sanitize("## Thành phần hồ sơ\n\n- Tờ khai\n- Bản sao giấy tờ\n\nNộp tại Bộ phận một cửa\nhoặc trực tuyến.\n\n2 < 3 & <b")
	for _, want := range []string{"<h2>Thành phần hồ sơ</h2>", "<ul><li>Tờ khai</li><li>Bản sao giấy tờ</li></ul>",
		"<p>Nộp tại Bộ phận một cửa<br>hoặc trực tuyến.</p>", "2 &lt; 3 &amp; &lt;b"} {
		if !strings.Contains(got, want) {
			t.Errorf("lacks %q in %q", want, got)
		}
	}
}

func TestADescriptionIsPlainTextCutAtAWord(t *testing.T) {
	a := &Article{Body: "<p>Sở Khoa học và Công nghệ <strong>triển khai</strong> kế hoạch.</p><p>" + strings.Repeat("Nội dung dài ", 40) + "</p>"}
	d := a.Description()
	if strings.Contains(d, "<") || !strings.HasPrefix(d, "Sở Khoa học và Công nghệ triển khai kế hoạch. Nội dung") || !strings.HasSuffix(d, "…") ||
		len([]rune(d)) > 201 {
		t.Fatalf("description %q", d)
	}
}
