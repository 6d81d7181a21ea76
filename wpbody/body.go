// Package wpbody turns a WordPress post's stored content into the HTML its editor showed:
// block comments removed, WordPress's automatic paragraphs applied (to classic content, as
// WordPress does), [caption] as <figure>/<figcaption>, [gallery] as its images, and every
// other shortcode removed, keeping the text it encloses. What was removed is counted.
//
// The result is not sanitised here: it is editor HTML like any other, and the service
// sanitises it on write.
package wpbody

import (
	"html"
	"regexp"
	"slices"
	"strconv"
	"strings"

	nethtml "golang.org/x/net/html"
)

// Attachment is a file of the site that galleries can show.
type Attachment struct {
	ID        int
	URL       string
	Alt       string
	Caption   string
	Parent    int
	MenuOrder int
	// Image is false for other files (a PDF, a sound), which galleries skip.
	Image bool
}

// Options are what a conversion needs to know beyond the content.
type Options struct {
	// PostID is the WordPress ID of the post, whose attached images a [gallery] without ids shows.
	PostID int
	// Attachment finds an attachment by WordPress ID; nil finds none.
	Attachment func(id int) (Attachment, bool)
	// Children lists the attachments of a post; nil lists none.
	Children func(postID int) []Attachment
	// RewriteURL, when set, is given every <img> src and <a> href, and returns the URL to
	// use instead (an imported asset's) and whether to replace it.
	RewriteURL func(url string) (string, bool)
}

// Result is a converted body.
type Result struct {
	HTML string
	// Removed counts what was dropped: "block comments", and each removed shortcode by name.
	Removed map[string]int
	// Images are the sources of the images in the result, before RewriteURL.
	Images []string
}

// Convert converts WordPress's stored content.
func Convert(content string, opts Options) Result {
	res := Result{Removed: map[string]int{}}
	text := reMoreTags.ReplaceAllString(content, "")
	if strings.Contains(text, "<!-- wp:") {
		// Block content: WordPress (do_blocks) skips wpautop for it; its paragraphs are
		// explicit. The comments go, with what dynamic blocks alone would have rendered.
		var n int
		text, n = removeBlockComments(text)
		if n > 0 {
			res.Removed["block comments"] = n
		}
	} else {
		text = shortcodeUnautop(Autop(text))
	}
	text = doShortcodes(text, opts, res.Removed)
	text, res.Images = RewriteURLs(text, opts.RewriteURL)
	res.HTML = strings.TrimSpace(text)
	return res
}

// reMoreTags are the classic editor's markers: "read more", page breaks, no teaser.
var reMoreTags = regexp.MustCompile(`<!--(?:more(?:\s[^>]*?)?|nextpage|noteaser)-->`)

// removeBlockComments removes the block editor's delimiters, <!-- wp:name {attrs} --> and
// <!-- /wp:name -->, and counts the blocks (openers and self-closing ones). Attributes are
// JSON in which WordPress escapes "--", so a delimiter ends at the first "-->".
func removeBlockComments(text string) (string, int) {
	var b strings.Builder
	n, done := 0, 0
	for i := 0; ; {
		k := strings.Index(text[i:], "<!--")
		if k < 0 {
			break
		}
		k += i
		rest := strings.TrimLeft(text[k+4:], " \t\n\r")
		closer := strings.HasPrefix(rest, "/wp:")
		if !closer && !strings.HasPrefix(rest, "wp:") {
			i = k + 4
			continue
		}
		end := strings.Index(text[k:], "-->")
		if end < 0 {
			break
		}
		end += k + 3
		b.WriteString(text[done:k])
		done, i = end, end
		if !closer {
			n++
		}
	}
	if done == 0 {
		return text, 0
	}
	b.WriteString(text[done:])
	return b.String(), n
}

// doShortcodes replaces the shortcodes of text, leftmost first, as do_shortcode does.
func doShortcodes(text string, opts Options, removed map[string]int) string {
	if !strings.Contains(text, "[") {
		return text
	}
	var b strings.Builder
	done := 0
	for i := 0; i < len(text); {
		k := strings.IndexByte(text[i:], '[')
		if k < 0 {
			break
		}
		k += i
		sc, ok := parseShortcode(text, k)
		if !ok || !sc.looksLikeShortcode() {
			i = k + 1
			continue
		}
		b.WriteString(text[done:sc.start])
		if sc.escaped {
			b.WriteString(text[sc.start+1 : sc.end-1])
		} else {
			b.WriteString(render(sc, opts, removed))
		}
		done, i = sc.end, sc.end
	}
	if done == 0 {
		return text
	}
	b.WriteString(text[done:])
	return b.String()
}

// render is what one shortcode becomes.
func render(sc shortcode, opts Options, removed map[string]int) string {
	switch strings.ToLower(sc.name) {
	case "caption", "wp_caption":
		return caption(sc, opts, removed)
	case "gallery":
		return gallery(sc, opts)
	case "embed":
		removed[sc.name]++
		return mediaLink(strings.TrimSpace(sc.content))
	case "audio", "video":
		removed[sc.name]++
		for _, key := range []string{"src", "mp4", "m4v", "webm", "ogv", "mp3", "m4a", "ogg", "wav", "wmv", "flv"} {
			if u := sc.attrs[key]; u != "" {
				return mediaLink(u)
			}
		}
		return doShortcodes(sc.content, opts, removed)
	}
	removed[sc.name]++
	return doShortcodes(sc.content, opts, removed)
}

// mediaLink is a paragraph linking to an embedded video or sound, which the sanitiser would
// not let through as a player.
func mediaLink(u string) string {
	if !strings.HasPrefix(u, "http://") && !strings.HasPrefix(u, "https://") {
		return ""
	}
	esc := html.EscapeString(u)
	return `<p><a href="` + esc + `">` + esc + `</a></p>`
}

// reCaptionImage is img_caption_shortcode's: an image, perhaps in a link, then the caption.
var reCaptionImage = regexp.MustCompile(`(?is)^\s*((?:<a [^>]+>\s*)?<img [^>]+>(?:\s*</a>)?)(.*)`)

// caption is img_caption_shortcode: a figure of the image with its caption. As in WordPress,
// without a caption or a width it is the image alone.
func caption(sc shortcode, opts Options, removed map[string]int) string {
	content := sc.content
	text := sc.attrs["caption"]
	if text == "" {
		if m := reCaptionImage.FindStringSubmatch(content); m != nil {
			content, text = m[1], strings.TrimSpace(m[2])
		}
	}
	content = doShortcodes(content, opts, removed)
	text = doShortcodes(text, opts, removed)
	if width, _ := strconv.Atoi(strings.TrimSpace(sc.attrs["width"])); width < 1 || text == "" {
		return content
	}
	return "<figure>" + strings.TrimSpace(content) + "<figcaption>" + text + "</figcaption></figure>"
}

// gallery is gallery_shortcode: the images named by ids (or include), in that order, or else
// the images attached to the post (or to the post named by id), less exclude, in menu order.
func gallery(sc shortcode, opts Options) string {
	var images []Attachment
	ids := sc.attrs["ids"]
	if ids == "" {
		ids = sc.attrs["include"]
	}
	if ids != "" {
		for _, id := range idList(ids) {
			if opts.Attachment == nil {
				break
			}
			if a, ok := opts.Attachment(id); ok && a.Image {
				images = append(images, a)
			}
		}
	} else if opts.Children != nil {
		parent := opts.PostID
		if id, err := strconv.Atoi(strings.TrimSpace(sc.attrs["id"])); err == nil && id > 0 {
			parent = id
		}
		exclude := idList(sc.attrs["exclude"])
		for _, a := range opts.Children(parent) {
			if a.Image && !slices.Contains(exclude, a.ID) {
				images = append(images, a)
			}
		}
		slices.SortStableFunc(images, func(a, b Attachment) int {
			if a.MenuOrder != b.MenuOrder {
				return a.MenuOrder - b.MenuOrder
			}
			return a.ID - b.ID
		})
	}
	var b strings.Builder
	for _, a := range images {
		b.WriteString(`<figure><img src="` + html.EscapeString(a.URL) + `" alt="` + html.EscapeString(a.Alt) + `" />`)
		if a.Caption != "" {
			b.WriteString("<figcaption>" + a.Caption + "</figcaption>")
		}
		b.WriteString("</figure>")
	}
	return b.String()
}

func idList(s string) []int {
	var out []int
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' }) {
		if id, err := strconv.Atoi(f); err == nil && id > 0 {
			out = append(out, id)
		}
	}
	return out
}

// RewriteURLs lists the image sources of text and, with rewrite, replaces <img> sources and
// <a> links it knows.
func RewriteURLs(text string, rewrite func(string) (string, bool)) (string, []string) {
	if !strings.Contains(text, "<img") && (rewrite == nil || !strings.Contains(text, "<a")) {
		return text, nil
	}
	var images []string
	var b strings.Builder
	z := nethtml.NewTokenizer(strings.NewReader(text))
	for {
		tt := z.Next()
		if tt == nethtml.ErrorToken {
			break
		}
		raw := z.Raw()
		if tt != nethtml.StartTagToken && tt != nethtml.SelfClosingTagToken {
			b.Write(raw)
			continue
		}
		tok := z.Token()
		key := ""
		switch tok.Data {
		case "img":
			key = "src"
		case "a":
			key = "href"
		}
		changed := false
		for i, a := range tok.Attr {
			if a.Key != key {
				continue
			}
			if key == "src" {
				images = append(images, a.Val)
			}
			if rewrite != nil {
				if u, ok := rewrite(a.Val); ok {
					tok.Attr[i].Val, changed = u, true
				}
			}
		}
		if changed {
			b.WriteString(tok.String())
		} else {
			b.Write(raw)
		}
	}
	return b.String(), images
}
