// Package richtext turns the HTML that members type into the post editor into the clean HTML
// Guildhall stores and serves, and derives the plain text, word count and excerpt from it.
//
// Editor HTML is untrusted: it arrives over the API from any member and is shown to every
// reader, so it is filtered through an allowlist (bluemonday) on every write. Everything
// derived from it (plain text, word counts, excerpts) is computed from the sanitised HTML, never
// from the raw input, so what search indexes and what readers see cannot diverge.
package richtext

import (
	"regexp"
	"strings"

	"github.com/microcosm-cc/bluemonday"
)

// policy is built once: bluemonday policies are safe for concurrent use once configured, and
// building one per call would cost far more than sanitising a typical post.
var policy = newPolicy()

// Attribute value patterns. They are anchored and narrow on purpose: an attribute that the
// browser interprets (sizes, spans, classes) only gets values we know to be inert.
var (
	// Only absolute http(s) image sources. Relative or protocol-relative paths are refused too:
	// stored posts are served by several front ends (site, feed, email), so a relative image
	// would break in most of them, and data: images can carry SVG with script.
	httpURL = regexp.MustCompile(`(?i)^\s*https?://[^\s]+\s*$`)
	// Table spans and image sizes: small positive integers, nothing a browser could parse
	// as an expression or a unit.
	smallInt = regexp.MustCompile(`^[0-9]{1,4}$`)
	// Code blocks may name their language for syntax highlighting ("language-go"), the
	// convention that editors and highlighters share; any other class is dropped so that
	// members cannot borrow the site's own CSS classes to dress content up as site chrome.
	codeLang = regexp.MustCompile(`^language-[a-zA-Z0-9_+#-]{1,30}$`)
)

// newPolicy builds the allowlist. Anything it does not name is removed.
func newPolicy() *bluemonday.Policy {
	p := bluemonday.NewPolicy()

	// Block structure.
	p.AllowElements("h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr",
		"ul", "ol", "li", "blockquote", "pre", "code", "figure", "figcaption",
		// Many WYSIWYG editors wrap paragraphs in div; bare, it is harmless.
		"div")
	// Tables, with spans but no presentational attributes (width, bgcolor, border).
	p.AllowElements("table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption")
	p.AllowAttrs("colspan", "rowspan").Matching(smallInt).OnElements("th", "td")
	// Inline formatting. span is kept bare: with style stripped it is harmless, and editors
	// wrap text in it often enough that dropping it would only add noise.
	p.AllowElements("strong", "b", "em", "i", "u", "s", "sub", "sup", "mark", "small",
		"abbr", "cite", "q", "del", "ins", "span")
	p.AllowAttrs("title").OnElements("abbr")
	p.AllowAttrs("class").Matching(codeLang).OnElements("code")

	// Links: http, https and mailto, plus relative links within the site. bluemonday parses
	// every URL with net/url (entities and case are resolved by the tokenizer and the parser
	// before the scheme check), and drops any URL that does not parse, which is what catches
	// "java\tscript:" and friends.
	p.AllowAttrs("href").OnElements("a")
	p.AllowAttrs("title").OnElements("a")
	p.AllowURLSchemes("http", "https", "mailto")
	p.AllowRelativeURLs(true)
	p.RequireParseableURLs(true)
	// rel="nofollow" on links that leave the site (any URL with a host), so that member posts
	// lend no search ranking to the sites they link; see also noopener below. No
	// target="_blank": opening a new window is the reader's choice, and without target there
	// is no window.opener to abuse in the first place.
	p.RequireNoFollowOnFullyQualifiedLinks(true)

	// Images: absolute http(s) only.
	p.AllowAttrs("src").Matching(httpURL).OnElements("img")
	p.AllowAttrs("alt", "title").OnElements("img")
	p.AllowAttrs("width", "height").Matching(smallInt).OnElements("img")

	// A dropped tag leaves a space behind, so that "<div>one</div><div>two</div>" (editors
	// that use div for lines) keeps its words apart: "one two", not "onetwo". Browsers
	// collapse the extra whitespace, so it is invisible in the rendered post.
	p.AddSpaceWhenStrippingTag(true)

	// Everything not allowed above is dropped, including script, style, iframe, object,
	// embed, form controls, svg, math, base, meta and link, every on* handler and every
	// style attribute. The content of script, style, iframe, object, noscript and similar
	// elements is dropped with them (bluemonday's default); the text inside other dropped
	// elements (svg, select, form) is kept as text, escaped.
	return p
}

// nofollow is exactly how bluemonday writes the rel attribute it adds. Authors cannot supply
// rel themselves (it is not allowed above), and quotes in text and attribute values are
// escaped as &#34;, so this byte sequence in the output can only be that added attribute.
const (
	nofollow         = ` rel="nofollow"`
	nofollowNoopener = ` rel="nofollow noopener"`
)

// Sanitize returns html with everything outside Guildhall's allowlist removed: it keeps
// headings, paragraphs, lists, quotes, code, tables, links, images, figures and inline
// formatting, and drops scripts, styles, event handlers, embedded content, forms and any URL
// whose scheme is not http, https or mailto (images: http and https only).
//
// External links (those with a host) get rel="nofollow noopener". Sanitize is idempotent:
// Sanitize(Sanitize(s)) == Sanitize(s), so re-saving a post does not change its body. It is
// safe for concurrent use.
func Sanitize(html string) string {
	out := sanitizeOnce(html)
	// bluemonday is not idempotent on its own: it rewrites each URL it keeps through
	// net/url, whose String form can differ from what it parsed, and the rewritten URL can
	// then fail the policy ("http://#x" is kept for an img as "http:#x", which is no longer
	// absolute, so a second pass drops it). Re-saving a post must not change it, so passes
	// are repeated until the output is stable. Clean HTML is stable after one more pass in
	// practice; the bound only guards against a pathological input looping, and every pass
	// produces safe output whether or not it is the last.
	for range maxPasses - 1 {
		next := sanitizeOnce(out)
		if next == out {
			break
		}
		out = next
	}
	return out
}

// maxPasses bounds the passes Sanitize makes over one input.
const maxPasses = 4

// sanitizeOnce is one pass of the policy plus Guildhall's own adjustments.
func sanitizeOnce(html string) string {
	// Trimmed because dropped tags leave spaces behind (see AddSpaceWhenStrippingTag), and a
	// body that was nothing but dropped markup should come out as "", which callers can
	// reject as empty. Outer whitespace never renders, so nothing visible is lost.
	out := strings.TrimSpace(policy.Sanitize(html))
	// bluemonday has no option to add noopener without also adding target="_blank", so it
	// is added here. noopener matters only if a link is opened in a new browsing context,
	// which readers can still do by hand; it costs nothing to add.
	if strings.Contains(out, nofollow) {
		out = strings.ReplaceAll(out, nofollow, nofollowNoopener)
	}
	return out
}

// Rendered is editor HTML made safe, with what is derived from it.
type Rendered struct {
	HTML  string // sanitised
	Text  string // PlainText of HTML
	Words int    // CountWords of Text
}

// Render sanitises html and derives the plain text and word count from the clean HTML.
func Render(html string) Rendered {
	clean := Sanitize(html)
	text := PlainText(clean)
	return Rendered{HTML: clean, Text: text, Words: CountWords(text)}
}
