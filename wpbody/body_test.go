package wpbody_test

import (
	"maps"
	"strings"
	"testing"

	"github.com/guildhall/guildhall/wpbody"
)

// Autop's expectations are WordPress's own: each was worked through the PHP original's rules.
func TestAutop(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"empty", " \n\t", ""},
		{"lines and paragraphs", "a\nb\n\nc", "<p>a<br />\nb</p>\n<p>c</p>\n"},
		{"CRLF", "a\r\nb\r\n\r\nc", "<p>a<br />\nb</p>\n<p>c</p>\n"},
		{"many blank lines", "a\n\n\n\n\nb", "<p>a</p>\n<p>b</p>\n"},
		{"inline stays inline", "<span>foo</span>", "<p><span>foo</span></p>\n"},
		{"block is not wrapped", "<div>foo</div>", "<div>foo</div>\n"},
		{"blockquote gets its paragraphs inside", "<blockquote>foo</blockquote>", "<blockquote><p>foo</p></blockquote>\n"},
		{"list", "<ul>\n<li>a</li>\n</ul>", "<ul>\n<li>a</li>\n</ul>\n"},
		{"pre untouched", "<pre>a\n\nb</pre>", "<pre>a\n\nb</pre>\n"},
		{"text around pre", "x\n<pre>a\n\nb</pre>\ny", "<p>x</p>\n<pre>a\n\nb</pre>\n<p>y</p>\n"},
		{"two brs make a paragraph", "a<br/><br />b", "<p>a</p>\n<p>b</p>\n"},
		{"br before newline is kept once", "a<br>\nb", "<p>a<br />\nb</p>\n"},
		{"newline inside a tag", "<a\nhref=\"x\">y</a>", "<p><a\nhref=\"x\">y</a></p>\n"},
		{"newline inside a comment", "a <!-- x\ny --> b", "<p>a <!-- x\ny --> b</p>\n"},
		{"script keeps its newlines", "<script>\nvar a;\n</script>", "<p><script>\nvar a;\n</script></p>\n"},
		{"hr", "a\n<hr />\nb", "<p>a</p>\n<hr />\n<p>b</p>\n"},
		{"heading", "<h2>T</h2>\ntext", "<h2>T</h2>\n<p>text</p>\n"},
		{"text closing a div", "<div>\nfoo</div>", "<div>\nfoo</div>\n"},
		{"options are not paragraphs", "<select>\n<option>a</option>\n<option>b</option>\n</select>", "<p><select><option>a</option><option>b</option></select></p>\n"},
		{"figcaption", "<figure><img src=\"x\" />\n<figcaption>c</figcaption>\n</figure>", "<figure><img src=\"x\" /><figcaption>c</figcaption></figure>\n"},
	} {
		if got := wpbody.Autop(tc.in); got != tc.want {
			t.Errorf("%s:\n got %q\nwant %q", tc.name, got, tc.want)
		}
	}
}

var site = map[int]wpbody.Attachment{
	2: {ID: 2, URL: "https://old.example/wp-content/uploads/b.jpg", Alt: "B", Caption: "Bee", Parent: 10, MenuOrder: 2, Image: true},
	3: {ID: 3, URL: "https://old.example/wp-content/uploads/c.jpg", Alt: "C", Parent: 10, MenuOrder: 1, Image: true},
	4: {ID: 4, URL: "https://old.example/wp-content/uploads/d.pdf", Parent: 10},
	5: {ID: 5, URL: "https://old.example/wp-content/uploads/e.jpg", Alt: "E", Parent: 11, Image: true},
}

var opts = wpbody.Options{
	PostID: 10,
	Attachment: func(id int) (wpbody.Attachment, bool) {
		a, ok := site[id]
		return a, ok
	},
	Children: func(parent int) []wpbody.Attachment {
		var out []wpbody.Attachment
		for _, a := range site {
			if a.Parent == parent {
				out = append(out, a)
			}
		}
		return out
	},
}

func TestConvert(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
		removed        map[string]int
	}{
		{name: "caption becomes a figure",
			in:   `[caption id="attachment_2" align="alignleft" width="300"]<img src="https://old.example/b.jpg" alt="B" width="300" height="200" class="size-medium" /> The hall[/caption]`,
			want: `<figure><img src="https://old.example/b.jpg" alt="B" width="300" height="200" class="size-medium" /><figcaption>The hall</figcaption></figure>`},
		{name: "caption in a link, with text around",
			in:   "Before\n\n[caption width=\"200\"]<a href=\"https://old.example/big.jpg\"><img src=\"https://old.example/s.jpg\" /></a> Small[/caption]\n\nAfter",
			want: "<p>Before</p>\n<figure><a href=\"https://old.example/big.jpg\"><img src=\"https://old.example/s.jpg\" /></a><figcaption>Small</figcaption></figure>\n<p>After</p>"},
		{name: "legacy caption attribute",
			in:   `[caption width="100" caption="Old style"]<img src="https://old.example/o.jpg" />[/caption]`,
			want: `<figure><img src="https://old.example/o.jpg" /><figcaption>Old style</figcaption></figure>`},
		{name: "caption without width is the image alone, as in WordPress",
			in:   `[caption]<img src="https://old.example/o.jpg" /> Lost[/caption]`,
			want: `<img src="https://old.example/o.jpg" />`},
		{name: "gallery by ids, in their order, skipping what is not an image",
			in:   `[gallery ids="3,4,2,99"]`,
			want: `<figure><img src="https://old.example/wp-content/uploads/c.jpg" alt="C" /></figure><figure><img src="https://old.example/wp-content/uploads/b.jpg" alt="B" /><figcaption>Bee</figcaption></figure>`},
		{name: "gallery of the post's images in menu order",
			in:   "Look:\n\n[gallery columns=\"2\"]",
			want: "<p>Look:</p>\n<figure><img src=\"https://old.example/wp-content/uploads/c.jpg\" alt=\"C\" /></figure><figure><img src=\"https://old.example/wp-content/uploads/b.jpg\" alt=\"B\" /><figcaption>Bee</figcaption></figure>"},
		{name: "gallery of another post, with exclude",
			in:   `[gallery id="10" exclude="3"]`,
			want: `<figure><img src="https://old.example/wp-content/uploads/b.jpg" alt="B" /><figcaption>Bee</figcaption></figure>`},
		{name: "page builder shortcodes keep their text",
			in:      `[vc_row][vc_column width="1/2"][vc_column_text]Hello[/vc_column_text][/vc_column][/vc_row]`,
			want:    `Hello`,
			removed: map[string]int{"vc_row": 1, "vc_column": 1, "vc_column_text": 1}},
		{name: "self-closing and attribute shortcodes go",
			in:      "Write to us:\n\n[contact-form-7 id=\"12\" title=\"Contact\"]\n\n[newsletter_signup /]\n\nThanks",
			want:    "<p>Write to us:</p>\n\n\n<p>Thanks</p>",
			removed: map[string]int{"contact-form-7": 1, "newsletter_signup": 1}},
		{name: "nested shortcodes inside a caption",
			in:      `[caption width="10"]<img src="https://old.example/n.jpg" /> Photo [credit who="Ann"]Ann[/credit][/caption]`,
			want:    `<figure><img src="https://old.example/n.jpg" /><figcaption>Photo Ann</figcaption></figure>`,
			removed: map[string]int{"credit": 1}},
		{name: "bracketed prose is not a shortcode",
			in:   `<a href="#top">[top]</a> and [sic] and [see below] and [1]`,
			want: `<p><a href="#top">[top]</a> and [sic] and [see below] and [1]</p>`},
		{name: "escaped shortcode is shown as text",
			in:   `Type [[gallery]] to show images.`,
			want: `<p>Type [gallery] to show images.</p>`},
		{name: "embed becomes a link",
			in:      `[embed]https://www.youtube.com/watch?v=x[/embed]`,
			want:    `<p><a href="https://www.youtube.com/watch?v=x">https://www.youtube.com/watch?v=x</a></p>`,
			removed: map[string]int{"embed": 1}},
		{name: "video becomes a link to its file",
			in:      `[video width="640" mp4="https://old.example/v.mp4"][/video]`,
			want:    `<p><a href="https://old.example/v.mp4">https://old.example/v.mp4</a></p>`,
			removed: map[string]int{"video": 1}},
		{name: "block content: comments removed, no automatic paragraphs",
			in:      "<!-- wp:paragraph -->\n<p>Hi\nthere</p>\n<!-- /wp:paragraph -->\n\n<!-- wp:latest-posts {\"postsToShow\":3} /-->\n\n<!-- wp:image {\"id\":2} -->\n<figure class=\"wp-block-image\"><img src=\"https://old.example/b.jpg\" alt=\"\"/></figure>\n<!-- /wp:image -->",
			want:    "<p>Hi\nthere</p>\n\n\n\n\n\n<figure class=\"wp-block-image\"><img src=\"https://old.example/b.jpg\" alt=\"\"/></figure>",
			removed: map[string]int{"block comments": 3}},
		{name: "shortcode block inside block content",
			in:      "<!-- wp:shortcode -->\n[gallery ids=\"2\"]\n<!-- /wp:shortcode -->",
			want:    `<figure><img src="https://old.example/wp-content/uploads/b.jpg" alt="B" /><figcaption>Bee</figcaption></figure>`,
			removed: map[string]int{"block comments": 1}},
		{name: "more tag",
			in:   "Teaser\n<!--more-->\nRest",
			want: "<p>Teaser</p>\n<p>Rest</p>"},
	} {
		got := wpbody.Convert(tc.in, opts)
		if got.HTML != tc.want {
			t.Errorf("%s:\n got %q\nwant %q", tc.name, got.HTML, tc.want)
		}
		if tc.removed == nil {
			tc.removed = map[string]int{}
		}
		if !maps.Equal(got.Removed, tc.removed) {
			t.Errorf("%s: removed %v, want %v", tc.name, got.Removed, tc.removed)
		}
	}
}

func TestRewritesImageSources(t *testing.T) {
	in := `<p><a href="https://old.example/wp-content/uploads/b.jpg"><img src="https://old.example/wp-content/uploads/b.jpg" alt="B"></a> <img src="https://elsewhere.example/x.png"></p>`
	o := opts
	o.RewriteURL = func(u string) (string, bool) {
		if strings.HasPrefix(u, "https://old.example/") {
			return "https://new.example/assets/1", true
		}
		return "", false
	}
	got := wpbody.Convert(in, o)
	want := `<p><a href="https://new.example/assets/1"><img src="https://new.example/assets/1" alt="B"></a> <img src="https://elsewhere.example/x.png"></p>`
	if got.HTML != want {
		t.Errorf("got  %s\nwant %s", got.HTML, want)
	}
	if strings.Join(got.Images, " ") != "https://old.example/wp-content/uploads/b.jpg https://elsewhere.example/x.png" {
		t.Errorf("images %q", got.Images)
	}
}
