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

// std is the sanitiser with the default options, behind the package-level functions.
var std = New(Options{})

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
	// Alignment, the one kind of presentation members keep: editors express it with styles
	// and classes of their own, which prepare maps to these four (see alignments).
	alignClass = regexp.MustCompile(`^align-(left|right|center|wide)$`)
	// The attributes of an embedded video, exactly as prepare writes them.
	sandboxValue = regexp.MustCompile(`^` + regexp.QuoteMeta(embedSandbox) + `$`)
	allowValue   = regexp.MustCompile(`^` + regexp.QuoteMeta(embedAllow) + `$`)
	// Image attributes Guildhall writes for its own assets (see Options and cms): a
	// relative source under /media/, srcset of those with widths, sizes of plain lengths.
	assetSrc    = regexp.MustCompile(`^/media/ast_[0-9a-z]{26}/[A-Za-z0-9._-]+(\?w=[0-9]{2,4})?$`)
	assetSrcset = regexp.MustCompile(`^/media/ast_[0-9a-z]{26}/[A-Za-z0-9._-]+(\?w=[0-9]{2,4})? [0-9]{2,4}w(, /media/ast_[0-9a-z]{26}/[A-Za-z0-9._-]+(\?w=[0-9]{2,4})? [0-9]{2,4}w)*$`)
	sizesValue  = regexp.MustCompile(`^(\(max-width: [0-9]{2,4}px\) [0-9]{1,3}vw, )?[0-9]{2,4}px$|^100vw$`)
	lazy        = regexp.MustCompile(`^lazy$`)
)

// alignable are the elements that may carry an alignment class.
var alignable = []string{"p", "div", "figure", "img", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "table", "iframe"}

// newPolicy builds the allowlist. Anything it does not name is removed.
func newPolicy(embeds []string) *bluemonday.Policy {
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
	p.AllowAttrs("class").Matching(alignClass).OnElements(alignable...)

	// Links: http, https and mailto, plus relative links within the site. bluemonday parses
	// every URL with net/url (entities and case are resolved by the tokenizer and the parser
	// before the scheme check), and drops any URL that does not parse, which is what catches
	// "java\tscript:" and friends.
	p.AllowAttrs("href").OnElements("a")
	p.AllowAttrs("title").OnElements("a")
	p.AllowURLSchemes("http", "https", "mailto")
	p.AllowRelativeURLs(true)
	p.RequireParseableURLs(true)
	// rel="nofollow noopener" is added afterwards (see nofollow), to links that leave the
	// site for a host that is not trusted. No target="_blank": opening a new window is the
	// reader's choice, and without target there is no window.opener to abuse.

	// Images: absolute http(s), or one of Guildhall's own assets with the attributes cms
	// writes for it (srcset, sizes, lazy loading).
	p.AllowAttrs("src").Matching(regexp.MustCompile(`(?i:` + httpURL.String()[len("(?i)"):] + `)|(?-i:` + assetSrc.String() + `)`)).OnElements("img")
	p.AllowAttrs("alt", "title").OnElements("img")
	p.AllowAttrs("width", "height").Matching(smallInt).OnElements("img")
	p.AllowAttrs("srcset").Matching(assetSrcset).OnElements("img")
	p.AllowAttrs("sizes").Matching(sizesValue).OnElements("img")
	p.AllowAttrs("loading").Matching(lazy).OnElements("img", "iframe")

	// Video embeds from the allowed hosts, sandboxed, exactly as prepare writes them.
	if len(embeds) > 0 {
		p.AllowElements("iframe")
		p.AllowAttrs("src").Matching(embedSrcPattern(embeds)).OnElements("iframe")
		p.AllowAttrs("sandbox").Matching(sandboxValue).OnElements("iframe")
		p.AllowAttrs("allow").Matching(allowValue).OnElements("iframe")
		p.AllowAttrs("allowfullscreen").Matching(regexp.MustCompile(`^$`)).OnElements("iframe")
		p.AllowAttrs("referrerpolicy").Matching(regexp.MustCompile(`^strict-origin-when-cross-origin$`)).OnElements("iframe")
		p.AllowAttrs("title").OnElements("iframe")
		p.AllowAttrs("width", "height").Matching(smallInt).OnElements("iframe")
	}

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

// Sanitize returns html with everything outside Guildhall's allowlist removed, with the
// default Options (see Sanitizer.Sanitize).
func Sanitize(html string) string { return std.Sanitize(html) }

// Render is Sanitizer.Render with the default Options.
func Render(html string) Rendered { return std.Render(html) }

// Sanitize returns html with everything outside Guildhall's allowlist removed: it keeps
// headings, paragraphs, lists, quotes, code, tables, links, images, figures, inline
// formatting, alignment (as the classes align-left, align-right, align-center and
// align-wide) and video embeds from the allowed hosts (as sandboxed iframes), and drops
// scripts, styles, event handlers, other embedded content, forms and any URL whose scheme is
// not http, https or mailto (images: http and https, or Guildhall's own /media/ paths).
//
// Links that leave the site for a host that is not trusted get rel="nofollow noopener".
// Sanitize is idempotent: Sanitize(Sanitize(s)) == Sanitize(s), so re-saving a post does not
// change its body. It is safe for concurrent use.
func (s *Sanitizer) Sanitize(html string) string {
	out := s.sanitizeOnce(html)
	// bluemonday is not idempotent on its own: it rewrites each URL it keeps through
	// net/url, whose String form can differ from what it parsed, and the rewritten URL can
	// then fail the policy ("http://#x" is kept for an img as "http:#x", which is no longer
	// absolute, so a second pass drops it). Re-saving a post must not change it, so passes
	// are repeated until the output is stable. Clean HTML is stable after one more pass in
	// practice; the bound only guards against a pathological input looping, and every pass
	// produces safe output whether or not it is the last.
	for range maxPasses - 1 {
		next := s.sanitizeOnce(out)
		if next == out {
			break
		}
		out = next
	}
	return out
}

// maxPasses bounds the passes Sanitize makes over one input.
const maxPasses = 4

// sanitizeOnce is one pass: editors' markup mapped to Guildhall's (prepare), the policy,
// then rel on outgoing links.
func (s *Sanitizer) sanitizeOnce(html string) string {
	// Trimmed because dropped tags leave spaces behind (see AddSpaceWhenStrippingTag), and a
	// body that was nothing but dropped markup should come out as "", which callers can
	// reject as empty. Outer whitespace never renders, so nothing visible is lost.
	out := strings.TrimSpace(s.policy.Sanitize(s.prepare(html)))
	return s.nofollow(out)
}

// Rendered is editor HTML made safe, with what is derived from it.
type Rendered struct {
	HTML  string // sanitised
	Text  string // PlainText of HTML
	Words int    // CountWords of Text
}

// Render sanitises html and derives the plain text and word count from the clean HTML.
func (s *Sanitizer) Render(html string) Rendered {
	clean := s.Sanitize(html)
	text := PlainText(clean)
	return Rendered{HTML: clean, Text: text, Words: CountWords(text)}
}
