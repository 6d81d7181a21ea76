package richtext_test

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"

	"golang.org/x/net/html"
)

// allowedElements is the policy as the tests see it. It is written out here, not taken from the
// package, so that widening the policy has to be done twice, on purpose.
var allowedElements = map[string]bool{
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"p": true, "br": true, "hr": true, "ul": true, "ol": true, "li": true,
	"blockquote": true, "pre": true, "code": true, "figure": true, "figcaption": true, "div": true,
	"table": true, "thead": true, "tbody": true, "tfoot": true, "tr": true, "th": true,
	"td": true, "caption": true, "a": true, "img": true, "iframe": true,
	"strong": true, "b": true, "em": true, "i": true, "u": true, "s": true, "sub": true,
	"sup": true, "mark": true, "small": true, "abbr": true, "cite": true, "q": true,
	"del": true, "ins": true, "span": true,
}

// allowedAttrs lists, per element, the attributes that may survive.
var allowedAttrs = map[string]map[string]bool{
	"a": {"href": true, "title": true, "rel": true},
	"img": {"src": true, "alt": true, "title": true, "width": true, "height": true,
		"srcset": true, "sizes": true, "loading": true, "class": true},
	"iframe": {"src": true, "title": true, "width": true, "height": true, "class": true,
		"loading": true, "sandbox": true, "allow": true, "allowfullscreen": true, "referrerpolicy": true},
	"td":   {"colspan": true, "rowspan": true},
	"th":   {"colspan": true, "rowspan": true},
	"abbr": {"title": true},
	"code": {"class": true},
}

// alignableInTests may carry an alignment class (and only that).
var alignableInTests = map[string]bool{"p": true, "div": true, "figure": true, "img": true, "h1": true, "h2": true,
	"h3": true, "h4": true, "h5": true, "h6": true, "blockquote": true, "table": true, "iframe": true}

// Asset sources, written out again here for the same reason as the allowlist.
var (
	testAssetSrc    = regexp.MustCompile(`^/media/ast_[0-9a-z]{26}/[A-Za-z0-9._-]+(\?w=[0-9]+)?$`)
	testSrcsetEntry = regexp.MustCompile(`^/media/ast_[0-9a-z]{26}/[A-Za-z0-9._-]+(\?w=[0-9]+)? [0-9]+w$`)
	testEmbedSrc    = regexp.MustCompile(`^https://(www\.youtube-nocookie\.com|player\.vimeo\.com)/[A-Za-z0-9/_.-]*(\?[A-Za-z0-9=&_.%-]*)?$`)
)

// testSandbox is the only sandbox an iframe may have.
const testSandbox = "allow-scripts allow-same-origin allow-presentation allow-popups allow-popups-to-escape-sandbox"

// unsafeReason returns why clean is not safe output of Sanitize, or "" when it is. It parses
// clean the way a browser's tokenizer would (entities decoded), so encoded tricks cannot hide
// from it:
//   - no "<script" anywhere (case-insensitive);
//   - only allowlisted elements and attributes, so no on* handlers, no style;
//   - href and src values, stripped of whitespace and control characters as browsers do, do
//     not start with javascript:, vbscript: or data:, and have no scheme other than http,
//     https or mailto (img src: http or https, and absolute, or a Guildhall asset path);
//   - class is only an alignment (code: a language); srcset only lists asset paths;
//   - an iframe has the fixed sandbox and a src on an allowed player host, always.
func unsafeReason(clean string) string {
	if strings.Contains(strings.ToLower(clean), "<script") {
		return "contains <script"
	}
	z := html.NewTokenizer(strings.NewReader(clean))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return ""
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken && tt != html.EndTagToken {
			continue
		}
		tok := z.Token()
		if !allowedElements[tok.Data] {
			return fmt.Sprintf("element <%s> is not allowed", tok.Data)
		}
		if tok.Data == "iframe" && tt != html.EndTagToken {
			sandbox, src := "", ""
			for _, a := range tok.Attr {
				switch a.Key {
				case "sandbox":
					sandbox = a.Val
				case "src":
					src = a.Val
				}
			}
			if sandbox != testSandbox {
				return fmt.Sprintf("iframe with sandbox %q", sandbox)
			}
			if !testEmbedSrc.MatchString(src) {
				return fmt.Sprintf("iframe src %q is not an allowed player", src)
			}
		}
		for _, a := range tok.Attr {
			if strings.HasPrefix(a.Key, "on") {
				return fmt.Sprintf("event handler %s on <%s>", a.Key, tok.Data)
			}
			if !allowedAttrs[tok.Data][a.Key] && (a.Key != "class" || !alignableInTests[tok.Data]) {
				return fmt.Sprintf("attribute %s on <%s> is not allowed", a.Key, tok.Data)
			}
			switch {
			case a.Key == "class" && tok.Data != "code":
				if !alignableInTests[tok.Data] || !slices.Contains([]string{"align-left", "align-right", "align-center", "align-wide"}, a.Val) {
					return fmt.Sprintf("class %q on <%s>", a.Val, tok.Data)
				}
			case a.Key == "srcset":
				for _, entry := range strings.Split(a.Val, ", ") {
					if !testSrcsetEntry.MatchString(entry) {
						return fmt.Sprintf("srcset entry %q", entry)
					}
				}
			case a.Key == "loading" && a.Val != "lazy":
				return fmt.Sprintf("loading=%q", a.Val)
			}
			if a.Key != "href" && a.Key != "src" {
				continue
			}
			if tok.Data == "img" && testAssetSrc.MatchString(a.Val) {
				continue
			}
			squashed := strings.Map(func(r rune) rune {
				if r <= ' ' || r == 0x7f {
					return -1
				}
				return r
			}, strings.ToLower(a.Val))
			for _, bad := range []string{"javascript:", "vbscript:", "data:"} {
				if strings.HasPrefix(squashed, bad) {
					return fmt.Sprintf("%s=%q has scheme %s", a.Key, a.Val, bad)
				}
			}
			u, err := url.Parse(a.Val)
			if err != nil {
				return fmt.Sprintf("%s=%q does not parse: %v", a.Key, a.Val, err)
			}
			switch {
			case a.Key == "src" && u.Scheme != "http" && u.Scheme != "https":
				return fmt.Sprintf("src=%q is not absolute http(s)", a.Val)
			case u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https" && u.Scheme != "mailto":
				return fmt.Sprintf("href=%q has scheme %q", a.Val, u.Scheme)
			}
		}
	}
}
