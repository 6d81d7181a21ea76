package richtext_test

import (
	"testing"
	"unicode/utf8"

	"github.com/guildhall/guildhall/richtext"
)

// FuzzSanitize checks the properties every body must have, whatever a member sends: Sanitize
// does not panic, is idempotent, and its output passes unsafeReason (no script, no event
// handler, no element or attribute outside the allowlist, no script-bearing URL). Render and
// Excerpt run on the result too, so their tokenizing and slicing see hostile input as well.
func FuzzSanitize(f *testing.F) {
	for _, tc := range xssCases {
		f.Add(tc.in)
	}
	for _, tc := range keptCases {
		f.Add(tc.in)
	}
	for _, tc := range editorCases {
		f.Add(tc.in)
	}
	f.Add(samplePost)
	f.Add(`<a href="http://example.com/?q=a%20b&amp;r=1#frag">x</a>`)
	f.Add(`<a href="mailto:a@example.com?subject=Hi%20there">x</a>`)
	f.Add(`<table><tr><td colspan=2>x<td>y</table>`)
	f.Add("<pre>\r\n\tcode\r\n</pre>")
	f.Add(`<p title="a > b" lang=en>t</p>`)
	f.Add(`<img src="https://example.com/a.png" alt="&quot;&gt;<script>">`)
	f.Fuzz(func(t *testing.T, in string) {
		once := richtext.Sanitize(in)
		if twice := richtext.Sanitize(once); twice != once {
			t.Fatalf("not idempotent for %q\n once  %q\n twice %q", in, once, twice)
		}
		if why := unsafeReason(once); why != "" {
			t.Fatalf("Sanitize(%q) = %q: %s", in, once, why)
		}
		rt := richtext.Render(in)
		if rt.HTML != once {
			t.Fatalf("Render(%q).HTML = %q, Sanitize gave %q", in, rt.HTML, once)
		}
		if utf8.ValidString(in) && !utf8.ValidString(rt.Text) {
			t.Fatalf("PlainText of %q is not valid UTF-8: %q", once, rt.Text)
		}
		_ = richtext.Excerpt(rt.Text, 50)
	})
}
