package richtext_test

import (
	"strings"
	"testing"

	"github.com/guildhall/guildhall/richtext"
)

// samplePost is a realistic editor body of about 4 KB: headings, paragraphs with inline
// formatting and links, a list, a quote, a figure, a table and a code block, plus the kind of
// pasted-in noise (style attributes, spans, a stray script) that sanitising has to deal with.
var samplePost = strings.Repeat(`<h2 style="margin:0">Annual general meeting: what we decided</h2>
<p>Thanks to everyone who came to the <strong>annual general meeting</strong> at the
<a href="https://example.org/venue" target="_blank">Old Corn Exchange</a> last Thursday. More than
<em>sixty members</em> voted, which is the best turnout since 2019. The full minutes are on the
<a href="/posts/agm-minutes">minutes page</a>; here is the short version for those who could not make it.</p>
<ul>
<li>The subscription stays at &pound;30 a year, with the reduced rate of &pound;15 unchanged.</li>
<li>Zoë Ångström takes over as treasurer from Łukasz Nowak, who stays on the committee.</li>
<li>The library will open on Saturday mornings from <span style="color:red">next month</span>.</li>
</ul>
<blockquote><p>&ldquo;A guild is only as good as the time its members give it.&rdquo; &mdash; our founder, 1952</p></blockquote>
<figure><img src="https://cdn.example.org/agm-2024.jpg" alt="Members voting" width="800" height="533" onerror="alert(1)">
<figcaption>Members voting on the budget.</figcaption></figure>
<table><thead><tr><th>Item</th><th>Votes for</th><th>Against</th></tr></thead>
<tbody><tr><td>Budget</td><td>58</td><td>3</td></tr><tr><td>New rules</td><td colspan="2">carried unanimously</td></tr></tbody></table>
<p>Questions? Write to <a href="mailto:secretary@example.org">the secretary</a>.<script>track()</script></p>
<p>The committee also agreed to <a href="https://example.org/grants">apply for the heritage grant</a> this
spring. If it succeeds, the roof repairs can start in the summer and the <u>east room</u> will be usable again
by autumn. Volunteers for the working party should sign up on the <a href="/events/working-party">events page</a>
&ndash; no experience needed, tea provided. Members who would rather give money than time can use the
<a href="/donate?fund=roof&amp;ref=agm">roof fund</a>.</p>
<pre><code class="language-text">Next meeting: 12 March, 7pm</code></pre>
`, 2)

func BenchmarkSanitize(b *testing.B) {
	b.ReportAllocs()
	b.SetBytes(int64(len(samplePost)))
	for b.Loop() {
		richtext.Sanitize(samplePost)
	}
}

func BenchmarkRender(b *testing.B) {
	b.ReportAllocs()
	b.SetBytes(int64(len(samplePost)))
	for b.Loop() {
		richtext.Render(samplePost)
	}
}
