package richtext_test

import (
	"strings"
	"testing"

	"github.com/guildhall/guildhall/richtext"
)

func TestPlainText(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"empty", ``, ``},
		{"only tags", `<p></p><br><hr>`, ``},
		{"plain", `hello`, `hello`},
		{"paragraphs", `<p>a</p><p>b</p>`, "a\n\nb"},
		{"headings", `<h1>Title</h1><p>Body</p><h2>Sub</h2>`, "Title\n\nBody\n\nSub"},
		{"br", `one<br>two<br/>three`, "one\ntwo\nthree"},
		{"list", `<p>Agenda:</p><ul><li>minutes</li><li>budget</li></ul><p>End</p>`, "Agenda:\n\nminutes\nbudget\n\nEnd"},
		{"nested list", `<ol><li>a<ul><li>b</li></ul></li><li>c</li></ol>`, "a\n\nb\n\nc"},
		{"blockquote", `<p>He said</p><blockquote><p>no</p></blockquote>`, "He said\n\nno"},
		{"table", `<table><tr><th>Name</th><th>Role</th></tr><tr><td>Ann</td><td>Chair</td></tr></table>`, "Name Role\nAnn Chair"},
		{"inline does not split", `<b>bold</b>er and <em>it</em>alic`, "bolder and italic"},
		{"inline keeps spaces", `<b>one</b> <i>two</i>`, "one two"},
		{"entities", `<p>Fish &amp; chips &lt;3 &quot;yum&quot; &#8212; &eacute;t&eacute;</p>`, `Fish & chips <3 "yum" — été`},
		{"nbsp collapses", `a&nbsp;&nbsp;b`, "a b"},
		{"whitespace collapses", "  <p>  lots \t of \n\n space  </p>  ", "lots of space"},
		{"pre keeps lines", "<pre>line one\n    line two</pre><p>after</p>", "line one\nline two\n\nafter"},
		{"accents", `<p>Zoë Ångström’s café</p>`, "Zoë Ångström’s café"},
		{"script and style skipped", `<p>a</p><script>var x = 1</script><style>p{}</style><p>b</p>`, "a\n\nb"},
		{"img separates", `a<img src="https://example.com/x.png" alt="pic">b`, "a b"},
		{"figure", `<figure><img src="https://example.com/x.png"><figcaption>Caption</figcaption></figure><p>Text</p>`, "Caption\n\nText"},
		{"unclosed", `<p>open <b>bold`, "open bold"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := richtext.PlainText(tc.in); got != tc.want {
				t.Errorf("PlainText(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestCountWords(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"", 0},
		{"   \n\t ", 0},
		{"— … !!! ?", 0},
		{"one", 1},
		{"one two  three", 3},
		{"one,two;three.four", 4},
		{"don't stop", 2},
		{"l’été dernier", 2},
		{"well-known fact", 2},
		{"rock 'n' roll", 3},
		{"state-of-the-art", 1},
		{"a--b", 2},
		{"trailing- 'quoted'", 2},
		{"2024 AGM: 12 items", 4},
		{"3.14", 2},
		{"Zoë Ångström", 2},
		{"Łódź Kraków Gdańsk", 3},
		{"Straße Æsir Øresund", 3},
		{"Ελληνικά κείμενα", 2},
		{"Русский текст здесь", 3},
		{"e\u0301cole", 1}, // decomposed accent continues the word
		{"Tom & Jerry", 2},
		{"email me: a@b.org", 5}, // email, me, a, b, org
		{"#hashtag @mention", 2},
	}
	for _, tc := range tests {
		if got := richtext.CountWords(tc.in); got != tc.want {
			t.Errorf("CountWords(%q) = %d, want %d", tc.in, got, tc.want)
		}
	}
}

func TestExcerpt(t *testing.T) {
	tests := []struct {
		name string
		in   string
		max  int
		want string
	}{
		{"empty", "", 50, ""},
		{"zero words", "one two", 0, ""},
		{"negative", "one two", -1, ""},
		{"shorter than max", "one two three", 5, "one two three"},
		{"exactly max", "one two three", 3, "one two three"},
		{"exactly max keeps punctuation", "one two three.", 3, "one two three."},
		{"cut", "one two three four", 2, "one two…"},
		{"cut drops punctuation after last word", "Hello, world. Next sentence", 2, "Hello, world…"},
		{"newlines collapsed", "Title\n\nFirst para\nline", 10, "Title First para line"},
		{"newlines collapsed when cut", "Title\n\nFirst para", 2, "Title First…"},
		{"leading and trailing space", "  padded  text  ", 5, "padded text"},
		{"apostrophe word whole", "don't cut me", 1, "don't…"},
		{"hyphen word whole", "well-known fact", 1, "well-known…"},
		{"accents", "Zoë Ångström wrote café reviews", 3, "Zoë Ångström wrote…"},
		{"polish", "Zażółć gęślą jaźń dzisiaj", 3, "Zażółć gęślą jaźń…"},
		{"only punctuation after", "one two !!!", 2, "one two !!!"},
		{"leading punctuation kept", "“Quoted” words here", 1, "“Quoted…"},
		{"no words at all", "— …", 3, "— …"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := richtext.Excerpt(tc.in, tc.max); got != tc.want {
				t.Errorf("Excerpt(%q, %d) = %q, want %q", tc.in, tc.max, got, tc.want)
			}
		})
	}
}

func TestExcerptFiftyWords(t *testing.T) {
	text := strings.Repeat("lorem ipsum ", 40) // 80 words
	got := richtext.Excerpt(text, 50)
	if n := richtext.CountWords(got); n != 50 {
		t.Errorf("Excerpt kept %d words, want 50", n)
	}
	if !strings.HasSuffix(got, "ipsum…") {
		t.Errorf("Excerpt = %q, want it to end with %q", got, "ipsum…")
	}
	if strings.ContainsAny(got, "\n\t") {
		t.Errorf("Excerpt = %q, want a single line", got)
	}
}
