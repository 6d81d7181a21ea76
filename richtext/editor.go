package richtext

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/microcosm-cc/bluemonday"
	"golang.org/x/net/html"
)

// DefaultEmbedHosts are the video players whose embeds survive sanitising when no list is
// configured: YouTube's no-cookie domain (links to youtube.com become embeds from it) and
// Vimeo's player.
var DefaultEmbedHosts = []string{"www.youtube-nocookie.com", "player.vimeo.com"}

// Options configure a Sanitizer.
type Options struct {
	// EmbedHosts are the hosts whose players may be embedded as sandboxed iframes
	// (GUILDHALL_EMBED_HOSTS); nil means DefaultEmbedHosts, empty means none.
	EmbedHosts []string
	// SiteURL is the site's own address (GUILDHALL_SITE_URL): links to it are not nofollow.
	SiteURL string
	// TrustedLinkHosts are hosts (and their subdomains) whose links are not nofollow
	// either (GUILDHALL_TRUSTED_LINK_HOSTS): the organisation's other sites.
	TrustedLinkHosts []string
}

// Sanitizer sanitises editor HTML under one set of Options. Build one with New; it is safe
// for concurrent use.
type Sanitizer struct {
	// policy is built once: bluemonday policies are safe for concurrent use once
	// configured, and building one per call would cost far more than sanitising a post.
	policy  *bluemonday.Policy
	embeds  []string
	trusted []string
}

// New returns a sanitiser with the options.
func New(opts Options) *Sanitizer {
	embeds := opts.EmbedHosts
	if embeds == nil {
		embeds = DefaultEmbedHosts
	}
	s := &Sanitizer{}
	for _, h := range embeds {
		if h = normalHost(h); h != "" {
			s.embeds = append(s.embeds, h)
		}
	}
	for _, h := range opts.TrustedLinkHosts {
		if h = normalHost(h); h != "" {
			s.trusted = append(s.trusted, h)
		}
	}
	if u, err := url.Parse(opts.SiteURL); err == nil && u.Host != "" {
		s.trusted = append(s.trusted, normalHost(u.Hostname()))
	}
	s.policy = newPolicy(s.embeds)
	return s
}

func normalHost(h string) string {
	return strings.TrimSuffix(strings.ToLower(strings.TrimSpace(h)), ".")
}

// The fixed attributes of an embedded player. The sandbox lets the player run (it needs
// scripts and its own origin's storage) and open its site in a new window, and nothing
// else: no forms, no navigation of the page, no downloads.
const (
	embedSandbox = "allow-scripts allow-same-origin allow-presentation allow-popups allow-popups-to-escape-sandbox"
	embedAllow   = "accelerometer; encrypted-media; gyroscope; picture-in-picture; fullscreen"
)

// embedSrcPattern matches an iframe src on one of the hosts: https, a plain path and query.
func embedSrcPattern(hosts []string) *regexp.Regexp {
	quoted := make([]string, len(hosts))
	for i, h := range hosts {
		quoted[i] = regexp.QuoteMeta(h)
	}
	return regexp.MustCompile(`^https://(` + strings.Join(quoted, "|") + `)/[A-Za-z0-9/_.-]*(\?[A-Za-z0-9=&_.%-]*)?$`)
}

var (
	youtubeID = regexp.MustCompile(`^[A-Za-z0-9_-]{11}$`)
	vimeoID   = regexp.MustCompile(`^[0-9]{1,12}$`)
	vimeoHash = regexp.MustCompile(`^[0-9a-f]{6,20}$`)
)

// embedURL returns the player URL for a video link or embed address, if its host may be
// embedded: YouTube watch, short and embed links become youtube-nocookie embeds, Vimeo
// links become player.vimeo.com; a listed host's https address is kept as it is.
func (s *Sanitizer) embedURL(raw string) (string, bool) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || (u.Scheme != "https" && u.Scheme != "http" && u.Scheme != "") || u.User != nil {
		return "", false
	}
	host := normalHost(u.Hostname())
	path := strings.Trim(u.Path, "/")
	var out string
	switch host {
	case "youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be", "www.youtube-nocookie.com", "youtube-nocookie.com":
		id := ""
		switch {
		case host == "youtu.be":
			id = path
		case path == "watch":
			id = u.Query().Get("v")
		case strings.HasPrefix(path, "embed/"), strings.HasPrefix(path, "shorts/"), strings.HasPrefix(path, "live/"):
			id = path[strings.IndexByte(path, '/')+1:]
		}
		if !youtubeID.MatchString(id) {
			return "", false
		}
		out = "https://www.youtube-nocookie.com/embed/" + id
		start := u.Query().Get("start")
		if start == "" {
			start = strings.TrimSuffix(u.Query().Get("t"), "s")
		}
		if n, err := strconv.Atoi(start); err == nil && n > 0 {
			out += "?start=" + strconv.Itoa(n)
		}
	case "vimeo.com", "www.vimeo.com", "player.vimeo.com":
		parts := strings.Split(strings.TrimPrefix(path, "video/"), "/")
		if !vimeoID.MatchString(parts[0]) {
			return "", false
		}
		out = "https://player.vimeo.com/video/" + parts[0]
		hash := u.Query().Get("h")
		if hash == "" && len(parts) == 2 {
			hash = parts[1] // vimeo.com/<id>/<hash>: an unlisted video
		}
		if vimeoHash.MatchString(hash) {
			out += "?h=" + hash
		}
	default:
		if u.Scheme != "https" {
			return "", false
		}
		out = u.String()
	}
	if !embedSrcPattern(s.embeds).MatchString(out) {
		return "", false
	}
	return out, true
}

// prepare maps what editors write to what the policy keeps, before the policy runs:
//   - alignment, expressed as styles (float, text-align, auto margins), editor classes
//     (WordPress's alignleft, CKEditor's image-style-align-left, ...) or the old align
//     attribute, becomes one of the classes align-left, align-right, align-center,
//     align-wide; every other style and class of those elements goes;
//   - an iframe of an allowed player, or CKEditor's <oembed url>, becomes a sandboxed
//     iframe written in full here; any other iframe goes, with its content.
//
// Everything else passes through as it came; the policy decides about it.
func (s *Sanitizer) prepare(in string) string {
	if !strings.Contains(in, "<") {
		return in
	}
	var b strings.Builder
	b.Grow(len(in))
	z := html.NewTokenizer(strings.NewReader(in))
	skipIframe := false
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return b.String()
		}
		if skipIframe {
			if tt == html.EndTagToken {
				if name, _ := z.TagName(); string(name) == "iframe" {
					skipIframe = false
				}
			}
			continue // an iframe's content is never shown by browsers that show the iframe
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			if tt == html.EndTagToken {
				if name, _ := z.TagName(); string(name) == "oembed" {
					continue
				}
			}
			b.Write(z.Raw())
			continue
		}
		raw := string(z.Raw())
		tok := z.Token()
		switch tok.Data {
		case "iframe", "oembed":
			src := attr(tok.Attr, "src")
			if tok.Data == "oembed" {
				src = attr(tok.Attr, "url")
			}
			if tok.Data == "iframe" && tt == html.StartTagToken {
				skipIframe = true
			}
			if player, ok := s.embedURL(src); ok {
				s.writeEmbed(&b, player, tok.Attr)
			}
		default:
			if slices.Contains(alignable, tok.Data) && hasAny(tok.Attr, "style", "class", "align") {
				tok.Attr = withAlignment(tok.Attr)
				b.WriteString(tok.String())
			} else {
				b.WriteString(raw)
			}
		}
	}
}

// writeEmbed writes the sandboxed iframe of a player.
func (s *Sanitizer) writeEmbed(b *strings.Builder, src string, from []html.Attribute) {
	title := strings.TrimSpace(attr(from, "title"))
	if title == "" {
		title = "Embedded video"
	}
	fmt.Fprintf(b, `<iframe src="%s" title="%s"`, html.EscapeString(src), html.EscapeString(title))
	for _, dim := range []string{"width", "height"} {
		if v := attr(from, dim); smallInt.MatchString(v) {
			fmt.Fprintf(b, ` %s="%s"`, dim, v)
		}
	}
	if a := alignmentOf(from); a != "" {
		fmt.Fprintf(b, ` class="%s"`, a)
	}
	fmt.Fprintf(b, ` loading="lazy" sandbox="%s" allow="%s" allowfullscreen="" referrerpolicy="strict-origin-when-cross-origin"></iframe>`, embedSandbox, embedAllow)
}

func attr(attrs []html.Attribute, key string) string {
	for _, a := range attrs {
		if a.Namespace == "" && a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasAny(attrs []html.Attribute, keys ...string) bool {
	for _, a := range attrs {
		if slices.Contains(keys, a.Key) {
			return true
		}
	}
	return false
}

// withAlignment replaces style, class and align with the alignment class they express.
func withAlignment(attrs []html.Attribute) []html.Attribute {
	a := alignmentOf(attrs)
	out := attrs[:0:0]
	for _, at := range attrs {
		if at.Key != "style" && at.Key != "class" && at.Key != "align" {
			out = append(out, at)
		}
	}
	if a != "" {
		out = append(out, html.Attribute{Key: "class", Val: a})
	}
	return out
}

// alignClasses maps editors' alignment classes to Guildhall's.
var alignClasses = map[string]string{
	"align-left": "align-left", "alignleft": "align-left", "image-style-align-left": "align-left",
	"image-style-block-align-left": "align-left", "has-text-align-left": "align-left", "text-left": "align-left",
	"align-right": "align-right", "alignright": "align-right", "image-style-align-right": "align-right",
	"image-style-block-align-right": "align-right", "image-style-side": "align-right",
	"has-text-align-right": "align-right", "text-right": "align-right",
	"align-center": "align-center", "aligncenter": "align-center", "image-style-align-center": "align-center",
	"image-style-block-align-center": "align-center", "has-text-align-center": "align-center", "text-center": "align-center",
	"align-wide": "align-wide", "alignwide": "align-wide", "alignfull": "align-wide", "image-style-full": "align-wide",
}

// alignmentOf is the alignment class an element's class, style or align attribute
// expresses, in that order of precedence, or "".
func alignmentOf(attrs []html.Attribute) string {
	for _, c := range strings.Fields(strings.ToLower(attr(attrs, "class"))) {
		if a, ok := alignClasses[c]; ok {
			return a
		}
	}
	decl := map[string]string{}
	for _, d := range strings.Split(strings.ToLower(attr(attrs, "style")), ";") {
		if k, v, ok := strings.Cut(d, ":"); ok {
			decl[strings.TrimSpace(k)] = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "!important"))
		}
	}
	switch {
	case decl["float"] == "left":
		return "align-left"
	case decl["float"] == "right":
		return "align-right"
	case decl["text-align"] == "center",
		decl["margin-left"] == "auto" && decl["margin-right"] == "auto",
		strings.HasSuffix(decl["margin"], " auto") && !strings.Contains(strings.TrimSuffix(decl["margin"], " auto"), " "),
		decl["margin"] == "auto":
		return "align-center"
	case decl["text-align"] == "right":
		return "align-right"
	case decl["text-align"] == "left":
		return "align-left"
	}
	switch strings.ToLower(strings.TrimSpace(attr(attrs, "align"))) {
	case "left":
		return "align-left"
	case "right":
		return "align-right"
	case "center", "middle":
		return "align-center"
	}
	return ""
}

// nofollow adds rel="nofollow noopener" to links in clean HTML that leave the site for a
// host that is not trusted, so member posts lend no search ranking to the sites they link.
// noopener matters only if a link is opened in a new browsing context, which readers can
// still do by hand; it costs nothing. Authors cannot write rel themselves (the policy drops
// it), so every rel in the output is this one.
func (s *Sanitizer) nofollow(clean string) string {
	if !strings.Contains(clean, "<a ") {
		return clean
	}
	var b strings.Builder
	b.Grow(len(clean) + 64)
	z := html.NewTokenizer(strings.NewReader(clean))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return b.String()
		}
		raw := z.Raw()
		if tt == html.StartTagToken {
			if name, hasAttr := z.TagName(); string(name) == "a" && hasAttr {
				for {
					k, v, more := z.TagAttr()
					if string(k) == "href" && s.external(string(v)) && raw[len(raw)-1] == '>' {
						b.Write(raw[:len(raw)-1])
						b.WriteString(` rel="nofollow noopener">`)
						raw = nil
						break
					}
					if !more {
						break
					}
				}
			}
		}
		b.Write(raw)
	}
}

// external reports whether href leaves for a host that is not the site's or trusted.
func (s *Sanitizer) external(href string) bool {
	u, err := url.Parse(href)
	if err != nil || u.Host == "" {
		return false
	}
	host := normalHost(u.Hostname())
	for _, t := range s.trusted {
		if host == t || strings.HasSuffix(host, "."+t) {
			return false
		}
	}
	return true
}
