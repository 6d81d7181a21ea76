package richtext_test

import (
	"strings"
	"testing"

	"github.com/guildhall/guildhall/richtext"
)

const (
	ytEmbed = `<iframe src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ" title="Embedded video" loading="lazy" sandbox="allow-scripts allow-same-origin allow-presentation allow-popups allow-popups-to-escape-sandbox" allow="accelerometer; encrypted-media; gyroscope; picture-in-picture; fullscreen" allowfullscreen="" referrerpolicy="strict-origin-when-cross-origin"></iframe>`
	asset   = "/media/ast_01jc9abcdefghjkmnpqrstvwxy/photo.jpg"
)

// editorCases are what WYSIWYG editors send, and what of it stays.
var editorCases = []struct {
	name string
	in   string
	want string
}{
	// Alignment, from TinyMCE's styles, WordPress's and CKEditor's classes, and old align.
	{"tinymce float left image", `<img src="https://example.com/a.png" style="float: left; margin: 0 10px">`, `<img src="https://example.com/a.png" class="align-left">`},
	{"tinymce float right", `<img src="https://example.com/a.png" style="FLOAT:right">`, `<img src="https://example.com/a.png" class="align-right">`},
	{"tinymce centred paragraph", `<p style="text-align: center;">t</p>`, `<p class="align-center">t</p>`},
	{"tinymce centred image", `<img src="https://example.com/a.png" style="display: block; margin-left: auto; margin-right: auto;">`, `<img src="https://example.com/a.png" class="align-center">`},
	{"margin 0 auto", `<div style="margin: 0 auto">d</div>`, `<div class="align-center">d</div>`},
	{"right-aligned heading", `<h2 style="text-align:right">h</h2>`, `<h2 class="align-right">h</h2>`},
	{"wordpress classes", `<figure class="wp-block-image alignright size-large"><img src="https://example.com/a.png" class="wp-image-12"></figure>`, `<figure class="align-right"><img src="https://example.com/a.png"></figure>`},
	{"wordpress wide", `<figure class="wp-block-image alignwide">f</figure>`, `<figure class="align-wide">f</figure>`},
	{"wordpress full is wide", `<div class="alignfull">f</div>`, `<div class="align-wide">f</div>`},
	{"ckeditor image style", `<figure class="image image-style-align-left"><img src="https://example.com/a.png"></figure>`, `<figure class="align-left"><img src="https://example.com/a.png"></figure>`},
	{"ckeditor side image", `<figure class="image image-style-side"><img src="https://example.com/a.png"></figure>`, `<figure class="align-right"><img src="https://example.com/a.png"></figure>`},
	{"align attribute", `<p align="center">c</p><img src="https://example.com/a.png" align="right">`, `<p class="align-center">c</p><img src="https://example.com/a.png" class="align-right">`},
	{"our own class kept", `<p class="align-wide">w</p>`, `<p class="align-wide">w</p>`},
	{"other classes and styles go", `<p class="admin-banner" style="color:red;position:fixed">p</p>`, `<p>p</p>`},
	{"no alignment on span", `<span style="float:left" class="alignleft">s</span>`, `<span>s</span>`},
	{"class forged on span", `<span class="align-left">s</span>`, `<span>s</span>`},
	// Video embeds.
	{"youtube no-cookie iframe", `<iframe width="560" height="315" src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ" frameborder="0" allowfullscreen></iframe>`,
		`<iframe src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ" title="Embedded video" width="560" height="315" loading="lazy" sandbox="allow-scripts allow-same-origin allow-presentation allow-popups allow-popups-to-escape-sandbox" allow="accelerometer; encrypted-media; gyroscope; picture-in-picture; fullscreen" allowfullscreen="" referrerpolicy="strict-origin-when-cross-origin"></iframe>`},
	{"youtube iframe moves to no-cookie", `<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ"></iframe>`, ytEmbed},
	{"iframe content dropped", `<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ"><p>fallback</p></iframe>`, ytEmbed},
	{"ckeditor oembed", `<figure class="media"><oembed url="https://www.youtube.com/watch?v=dQw4w9WgXcQ"></oembed></figure>`, `<figure>` + ytEmbed + `</figure>`},
	{"oembed youtu.be with start", `<oembed url="https://youtu.be/dQw4w9WgXcQ?t=42"></oembed>`,
		strings.Replace(ytEmbed, "dQw4w9WgXcQ", "dQw4w9WgXcQ?start=42", 1)},
	{"vimeo link", `<oembed url="https://vimeo.com/76979871"></oembed>`,
		strings.Replace(ytEmbed, "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", "https://player.vimeo.com/video/76979871", 1)},
	{"vimeo player iframe", `<iframe src="https://player.vimeo.com/video/76979871?h=8272103f6e&amp;badge=0"></iframe>`,
		strings.Replace(ytEmbed, "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", "https://player.vimeo.com/video/76979871?h=8272103f6e", 1)},
	{"other iframe host", `<iframe src="https://evil.example/embed/x"></iframe><p>after</p>`, `<p>after</p>`},
	{"youtube lookalike host", `<iframe src="https://www.youtube.com.evil.example/embed/dQw4w9WgXcQ"></iframe>`, ``},
	{"youtube with a bad id", `<iframe src="https://www.youtube-nocookie.com/embed/x&quot;onload=alert(1)"></iframe>`, ``},
	{"javascript oembed", `<oembed url="javascript:alert(1)">text</oembed>`, `text`},
	{"unclosed oembed keeps the rest", `<oembed url="https://evil.example/x"><p>rest</p>`, `<p>rest</p>`},
	{"iframe srcdoc on a player", `<iframe src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ" srcdoc="<script>alert(1)</script>" onload="alert(1)"></iframe>`, ytEmbed},
	{"forged sandbox", `<iframe src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ" sandbox="allow-scripts allow-top-navigation"></iframe>`, ytEmbed},
	// Guildhall's own assets.
	{"asset image with srcset", `<img src="` + asset + `" alt="A" width="960" height="640" srcset="` + asset + `?w=480 480w, ` + asset + ` 960w" sizes="(max-width: 960px) 100vw, 960px" loading="lazy">`,
		`<img src="` + asset + `" alt="A" width="960" height="640" srcset="` + asset + `?w=480 480w, ` + asset + ` 960w" sizes="(max-width: 960px) 100vw, 960px" loading="lazy">`},
	{"srcset naming another site", `<img src="https://example.com/a.png" srcset="https://evil.example/x.png 100w">`, `<img src="https://example.com/a.png">`},
	{"srcset with javascript", `<img src="` + asset + `" srcset="javascript:alert(1) 100w">`, `<img src="` + asset + `">`},
	{"loading eager dropped", `<img src="` + asset + `" loading="eager">`, `<img src="` + asset + `">`},
	{"media path that is not an asset", `<img src="/media/../admin/x.png">`, ``},
}

func TestSanitizeEditorMarkup(t *testing.T) {
	for _, tc := range editorCases {
		t.Run(tc.name, func(t *testing.T) {
			got := richtext.Sanitize(tc.in)
			if got != tc.want {
				t.Errorf("Sanitize(%q)\n got %q\nwant %q", tc.in, got, tc.want)
			}
			if why := unsafeReason(got); why != "" {
				t.Errorf("unsafe: %s", why)
			}
			if again := richtext.Sanitize(got); again != got {
				t.Errorf("not idempotent: %q", again)
			}
		})
	}
}

func TestEmbedHostsConfigured(t *testing.T) {
	vimeoOnly := richtext.New(richtext.Options{EmbedHosts: []string{"player.vimeo.com"}})
	if got := vimeoOnly.Sanitize(`<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ"></iframe>`); got != "" {
		t.Errorf("YouTube embedded though not listed: %q", got)
	}
	if got := vimeoOnly.Sanitize(`<oembed url="https://vimeo.com/76979871"></oembed>`); !strings.Contains(got, `src="https://player.vimeo.com/video/76979871"`) {
		t.Errorf("Vimeo not embedded: %q", got)
	}
	none := richtext.New(richtext.Options{EmbedHosts: []string{}})
	if got := none.Sanitize(`<iframe src="https://player.vimeo.com/video/1"></iframe>x`); got != "x" {
		t.Errorf("with no hosts, got %q", got)
	}
	custom := richtext.New(richtext.Options{EmbedHosts: []string{"media.example.org"}})
	got := custom.Sanitize(`<iframe src="https://media.example.org/player/42?autoplay=0"></iframe><iframe src="http://media.example.org/player/42"></iframe>`)
	if strings.Count(got, "<iframe") != 1 || !strings.Contains(got, `src="https://media.example.org/player/42?autoplay=0"`) || !strings.Contains(got, "sandbox=") {
		t.Errorf("custom host: %q", got)
	}
}

func TestNofollowSparesTrustedHosts(t *testing.T) {
	s := richtext.New(richtext.Options{SiteURL: "https://northfield.example", TrustedLinkHosts: []string{"northfield-events.example", " Partner.Example "}})
	tests := []struct{ in, want string }{
		{`<a href="https://northfield.example/posts/x">x</a>`, `<a href="https://northfield.example/posts/x">x</a>`},
		{`<a href="https://NORTHFIELD.example:443/">x</a>`, `<a href="https://NORTHFIELD.example:443/">x</a>`},
		{`<a href="https://northfield-events.example/">x</a>`, `<a href="https://northfield-events.example/">x</a>`},
		{`<a href="https://www.partner.example/">x</a>`, `<a href="https://www.partner.example/">x</a>`},
		{`<a href="/posts/x">x</a>`, `<a href="/posts/x">x</a>`},
		{`<a href="https://northfield.example.evil.example/">x</a>`, `<a href="https://northfield.example.evil.example/" rel="nofollow noopener">x</a>`},
		{`<a href="https://evilpartner.example/">x</a>`, `<a href="https://evilpartner.example/" rel="nofollow noopener">x</a>`},
		{`<a href="//elsewhere.example/" title="t">x</a>`, `<a href="//elsewhere.example/" title="t" rel="nofollow noopener">x</a>`},
		{`<a href="https://northfield.example/" rel="opener" target="_blank">x</a>`, `<a href="https://northfield.example/">x</a>`},
	}
	for _, tc := range tests {
		if got := s.Sanitize(tc.in); got != tc.want {
			t.Errorf("Sanitize(%q)\n got %q\nwant %q", tc.in, got, tc.want)
		}
	}
}
