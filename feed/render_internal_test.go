package feed

import "testing"

func TestClean(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain", "plain"},
		{"tab\tnewline\ncr\r", "tab\tnewline\ncr\r"},
		{"bell\x07 nul\x00 esc\x1b", "bell nul esc"},
		{"]]> & < > \" '", "]]> & < > \" '"},
		{"rtl \u202eevil\u200f mark", "rtl \u202eevil\u200f mark"},
		{"bad \xff byte", "bad \uFFFD byte"},
		{"lone \xed\xa0\x80 surrogate", "lone \uFFFD surrogate"},
		{"non-characters \uFFFE\uFFFF", "non-characters "},
		{"astral 😀", "astral 😀"},
	} {
		if got := clean(tc.in); got != tc.want {
			t.Errorf("clean(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestAbsolutize(t *testing.T) {
	base := "https://site.example/blog/posts/hello"
	for _, tc := range []struct{ in, want string }{
		{`<p>no links</p>`, `<p>no links</p>`},
		{`<p><a href="/posts/other" rel="nofollow">x</a></p>`, `<p><a href="https://site.example/posts/other" rel="nofollow">x</a></p>`},
		{`<a href="other">x</a>`, `<a href="https://site.example/blog/posts/other">x</a>`},
		{`<a href="#notes">x</a>`, `<a href="https://site.example/blog/posts/hello#notes">x</a>`},
		{`<a href="https://elsewhere.example/a?b=1&amp;c=2">x</a>`, `<a href="https://elsewhere.example/a?b=1&amp;c=2">x</a>`},
		{`<a href="mailto:a@example.org">x</a>`, `<a href="mailto:a@example.org">x</a>`},
		{`<img src="https://img.example/a.png" alt="a &lt; b"/>`, `<img src="https://img.example/a.png" alt="a &lt; b"/>`},
		{`<p>text with href= in it &amp; ]]&gt;</p>`, `<p>text with href= in it &amp; ]]&gt;</p>`},
	} {
		if got := absolutize(tc.in, base); got != tc.want {
			t.Errorf("absolutize(%q)\n got %q\nwant %q", tc.in, got, tc.want)
		}
	}
}
