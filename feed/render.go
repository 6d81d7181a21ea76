package feed

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"html"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Feed is a feed before it is rendered: the same content in every format.
type Feed struct {
	Title       string
	Description string
	HomeURL     string // the page the feed is of, on the site
	// SelfURL is where the feed itself is served, without the format's extension:
	// "{site}/feeds/posts"; each format adds its own.
	SelfURL string
	// Updated is when anything in the feed last changed. For an empty feed the handler uses
	// when it first served it empty (readers and validators took 1970 for a broken feed).
	Updated time.Time
	Items   []Item
}

// Item is one post in a feed.
type Item struct {
	// ID never changes, whatever happens to the post's slug or title: a tag URI (RFC 4151)
	// made from the site's host, the day the post was created and the post's ID.
	ID string
	// URL is the post's page on the site: relative links in the content resolve against it.
	URL string
	// Link is where the item sends readers: the post's canonical URL when it has one (a post
	// that first appeared elsewhere), else URL.
	Link       string
	Title      string
	AuthorName string
	AuthorURL  string
	Published  time.Time
	Updated    time.Time
	Tags       []string
	// Summary is the excerpt, plain text.
	Summary string
	// ContentHTML is the post's sanitised HTML; for a members-only post, a teaser: the
	// excerpt and a line saying the post is for members, with a link to it.
	ContentHTML string
	// MembersOnly marks a members-only post, shown as a teaser: every format also says so in
	// a machine-readable way (a "Members only" category; in JSON Feed, _guildhall.members_only),
	// so a partner site does not present the excerpt as the whole post.
	MembersOnly bool
	// Image is the post's featured image, if any: an RSS enclosure, an Atom link
	// rel="enclosure", JSON Feed's image.
	Image *Enclosure
}

// Enclosure is a file that goes with an item.
type Enclosure struct {
	URL    string
	Type   string
	Length int
}

// mediaAbsolute makes the /media/ paths of Guildhall's own images in clean HTML (src and
// srcset, as the sanitiser allows them) absolute under base, the origin images are served
// from, which need not be the site's.
func mediaAbsolute(clean, base string) string {
	if !strings.Contains(clean, "/media/ast_") {
		return clean
	}
	return strings.NewReplacer(`="/media/ast_`, `="`+base+`/media/ast_`, `, /media/ast_`, `, `+base+`/media/ast_`).Replace(clean)
}

// MembersOnlyCategory is the category (RSS, Atom) that marks a members-only teaser.
const MembersOnlyCategory = "Members only"

// teaserHTML is a members-only item's content: its excerpt, then a line saying the whole post
// is for members, with a link to it on the site.
func teaserHTML(excerpt, postURL, siteName string) string {
	return "<p>" + html.EscapeString(excerpt) + "</p>\n<p><strong>Members only.</strong> <a href=\"" +
		html.EscapeString(postURL) + "\">Read the whole post on " + html.EscapeString(siteName) + "</a> (members sign in there).</p>"
}

// Formats, by the file extension that asks for them.
var formats = map[string]struct {
	contentType string
	render      func(*Feed) ([]byte, error)
}{
	"rss":  {"application/rss+xml; charset=utf-8", renderRSS},
	"atom": {"application/atom+xml; charset=utf-8", renderAtom},
	"json": {"application/feed+json; charset=utf-8", renderJSON},
}

// clean makes text safe to put in any feed: invalid UTF-8 (which is also how a lone
// surrogate arrives) becomes U+FFFD, and characters XML 1.0 forbids (control characters
// other than tab, newline and carriage return, and U+FFFE, U+FFFF) are dropped. Everything
// else, right-to-left marks included, is kept and escaped by the encoders, so "]]>", "&" and
// "<" in titles and bodies are just text.
func clean(s string) string {
	if utf8.ValidString(s) && !strings.ContainsFunc(s, notXMLChar) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if notXMLChar(r) {
			return -1
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD"))
}

// notXMLChar reports whether r is outside the Char production of XML 1.0.
func notXMLChar(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return false
	case r < 0x20, r >= 0xD800 && r <= 0xDFFF, r == 0xFFFE, r == 0xFFFF, r > 0x10FFFF:
		return true
	}
	return false
}

// prepared returns a copy of f ready to render: every string cleaned, and the links in the
// content made absolute.
func prepared(f *Feed) *Feed {
	out := *f
	out.Title, out.Description, out.HomeURL, out.SelfURL = clean(f.Title), clean(f.Description), clean(f.HomeURL), clean(f.SelfURL)
	out.Items = make([]Item, len(f.Items))
	for i, it := range f.Items {
		if it.Link == "" {
			it.Link = it.URL
		}
		it.ID, it.URL, it.Link, it.Title = clean(it.ID), clean(it.URL), clean(it.Link), clean(it.Title)
		if it.Image != nil {
			img := *it.Image
			img.URL, img.Type = clean(img.URL), clean(img.Type)
			it.Image = &img
		}
		it.AuthorName, it.AuthorURL = clean(it.AuthorName), clean(it.AuthorURL)
		it.Summary, it.ContentHTML = clean(it.Summary), clean(absolutize(it.ContentHTML, it.URL))
		tags := make([]string, len(it.Tags))
		for j, t := range it.Tags {
			tags[j] = clean(t)
		}
		it.Tags = tags
		out.Items[i] = it
	}
	return &out
}

const generator = "Guildhall"

// accessScheme names who-may-read categories apart from the post's own tags (RSS domain,
// Atom scheme).
const accessScheme = "urn:guildhall:access"

// RSS 2.0, with content:encoded for the body, dc:creator for the author (RSS's own author
// element must be an email address, which feeds never show) and atom:link for the feed's own
// address.
type (
	rssDoc struct {
		XMLName   xml.Name   `xml:"rss"`
		Version   string     `xml:"version,attr"`
		NSAtom    string     `xml:"xmlns:atom,attr"`
		NSContent string     `xml:"xmlns:content,attr"`
		NSDC      string     `xml:"xmlns:dc,attr"`
		Channel   rssChannel `xml:"channel"`
	}
	rssChannel struct {
		Title         string    `xml:"title"`
		Link          string    `xml:"link"`
		Description   string    `xml:"description"`
		Self          rssSelf   `xml:"atom:link"`
		LastBuildDate string    `xml:"lastBuildDate,omitempty"`
		Generator     string    `xml:"generator"`
		Items         []rssItem `xml:"item"`
	}
	rssSelf struct {
		Href string `xml:"href,attr"`
		Rel  string `xml:"rel,attr"`
		Type string `xml:"type,attr"`
	}
	rssItem struct {
		Title       string        `xml:"title"`
		Link        string        `xml:"link"`
		GUID        rssGUID       `xml:"guid"`
		PubDate     string        `xml:"pubDate"`
		Creator     string        `xml:"dc:creator"`
		Categories  []rssCategory `xml:"category"`
		Description string        `xml:"description"`
		Content     string        `xml:"content:encoded,omitempty"`
		Enclosure   *rssEnclosure `xml:"enclosure"`
	}
	rssEnclosure struct {
		URL    string `xml:"url,attr"`
		Length int    `xml:"length,attr"`
		Type   string `xml:"type,attr"`
	}
	rssCategory struct {
		Domain string `xml:"domain,attr,omitempty"`
		Value  string `xml:",chardata"`
	}
	rssGUID struct {
		IsPermaLink bool   `xml:"isPermaLink,attr"`
		Value       string `xml:",chardata"`
	}
)

func renderRSS(f *Feed) ([]byte, error) {
	doc := rssDoc{
		Version: "2.0", NSAtom: "http://www.w3.org/2005/Atom", NSContent: "http://purl.org/rss/1.0/modules/content/",
		NSDC: "http://purl.org/dc/elements/1.1/",
		Channel: rssChannel{Title: f.Title, Link: f.HomeURL, Description: f.Description, Generator: generator,
			Self: rssSelf{Href: f.SelfURL + ".rss", Rel: "self", Type: "application/rss+xml"}},
	}
	if !f.Updated.IsZero() {
		doc.Channel.LastBuildDate = f.Updated.UTC().Format(time.RFC1123Z)
	}
	for _, it := range f.Items {
		var categories []rssCategory
		for _, t := range it.Tags {
			categories = append(categories, rssCategory{Value: t})
		}
		if it.MembersOnly {
			categories = append(categories, rssCategory{Domain: accessScheme, Value: MembersOnlyCategory})
		}
		ri := rssItem{
			Title: it.Title, Link: it.Link, GUID: rssGUID{Value: it.ID}, PubDate: it.Published.UTC().Format(time.RFC1123Z),
			Creator: it.AuthorName, Categories: categories,
			// description is HTML by convention: the plain-text excerpt is escaped for it, so
			// a "<" in the text stays a "<" on the screen.
			Description: html.EscapeString(it.Summary), Content: it.ContentHTML,
		}
		if e := it.Image; e != nil {
			ri.Enclosure = &rssEnclosure{URL: e.URL, Length: e.Length, Type: e.Type}
		}
		doc.Channel.Items = append(doc.Channel.Items, ri)
	}
	return encodeXML(doc)
}

// Atom 1.0 (RFC 4287).
type (
	atomFeed struct {
		XMLName   xml.Name    `xml:"feed"`
		NS        string      `xml:"xmlns,attr"`
		Title     atomText    `xml:"title"`
		Subtitle  atomText    `xml:"subtitle"`
		ID        string      `xml:"id"`
		Updated   string      `xml:"updated"`
		Links     []atomLink  `xml:"link"`
		Generator string      `xml:"generator"`
		Entries   []atomEntry `xml:"entry"`
	}
	atomEntry struct {
		Title      atomText       `xml:"title"`
		ID         string         `xml:"id"`
		Published  string         `xml:"published"`
		Updated    string         `xml:"updated"`
		Links      []atomLink     `xml:"link"`
		Author     atomPerson     `xml:"author"`
		Categories []atomCategory `xml:"category"`
		Summary    atomText       `xml:"summary"`
		Content    *atomText      `xml:"content"`
	}
	atomText struct {
		Type string `xml:"type,attr"`
		Body string `xml:",chardata"`
	}
	atomLink struct {
		Href   string `xml:"href,attr"`
		Rel    string `xml:"rel,attr"`
		Type   string `xml:"type,attr,omitempty"`
		Length int    `xml:"length,attr,omitempty"`
	}
	atomPerson struct {
		Name string `xml:"name"`
		URI  string `xml:"uri,omitempty"`
	}
	atomCategory struct {
		Term   string `xml:"term,attr"`
		Scheme string `xml:"scheme,attr,omitempty"`
		Label  string `xml:"label,attr,omitempty"`
	}
)

func renderAtom(f *Feed) ([]byte, error) {
	updated := f.Updated
	if updated.IsZero() {
		updated = time.Unix(0, 0) // required; the handler names a time for empty feeds
	}
	doc := atomFeed{
		NS: "http://www.w3.org/2005/Atom", Title: atomText{"text", f.Title}, Subtitle: atomText{"text", f.Description},
		ID: f.SelfURL + ".atom", Updated: atomTime(updated), Generator: generator,
		Links: []atomLink{{Href: f.SelfURL + ".atom", Rel: "self", Type: "application/atom+xml"}, {Href: f.HomeURL, Rel: "alternate", Type: "text/html"}},
	}
	for _, it := range f.Items {
		e := atomEntry{
			Title: atomText{"text", it.Title}, ID: it.ID, Published: atomTime(it.Published), Updated: atomTime(it.Updated),
			Links:   atomLinks(it),
			Author:  atomPerson{Name: it.AuthorName, URI: it.AuthorURL},
			Summary: atomText{"text", it.Summary},
		}
		for _, t := range it.Tags {
			e.Categories = append(e.Categories, atomCategory{Term: t})
		}
		if it.MembersOnly {
			e.Categories = append(e.Categories, atomCategory{Term: "members-only", Scheme: accessScheme, Label: MembersOnlyCategory})
		}
		if it.ContentHTML != "" {
			e.Content = &atomText{"html", it.ContentHTML}
		}
		doc.Entries = append(doc.Entries, e)
	}
	return encodeXML(doc)
}

func atomTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

func encodeXML(doc any) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	b.WriteByte('\n')
	return b.Bytes(), nil
}

// JSON Feed 1.1 (https://jsonfeed.org/version/1.1). A members-only item has its excerpt as
// content_text, since every item must have content.
type (
	jsonFeed struct {
		Version     string     `json:"version"`
		Title       string     `json:"title"`
		HomePageURL string     `json:"home_page_url"`
		FeedURL     string     `json:"feed_url"`
		Description string     `json:"description,omitempty"`
		Items       []jsonItem `json:"items"`
	}
	jsonItem struct {
		ID            string       `json:"id"`
		URL           string       `json:"url"`
		Title         string       `json:"title"`
		ContentHTML   string       `json:"content_html,omitempty"`
		ContentText   string       `json:"content_text,omitempty"`
		Summary       string       `json:"summary,omitempty"`
		DatePublished string       `json:"date_published"`
		DateModified  string       `json:"date_modified"`
		Authors       []jsonAuthor `json:"authors"`
		Tags          []string     `json:"tags,omitempty"`
		Image         string       `json:"image,omitempty"`
		// Guildhall is JSON Feed's extension mechanism (a key starting with "_").
		Guildhall *jsonExtension `json:"_guildhall,omitempty"`
	}
	jsonExtension struct {
		MembersOnly bool `json:"members_only"`
	}
	jsonAuthor struct {
		Name string `json:"name"`
		URL  string `json:"url,omitempty"`
	}
)

// atomLinks are an entry's links: the post, and its featured image as an enclosure.
func atomLinks(it Item) []atomLink {
	links := []atomLink{{Href: it.Link, Rel: "alternate", Type: "text/html"}}
	if e := it.Image; e != nil {
		links = append(links, atomLink{Href: e.URL, Rel: "enclosure", Type: e.Type, Length: e.Length})
	}
	return links
}

func renderJSON(f *Feed) ([]byte, error) {
	doc := jsonFeed{Version: "https://jsonfeed.org/version/1.1", Title: f.Title, HomePageURL: f.HomeURL,
		FeedURL: f.SelfURL + ".json", Description: f.Description, Items: []jsonItem{}}
	for _, it := range f.Items {
		ji := jsonItem{ID: it.ID, URL: it.Link, Title: it.Title, ContentHTML: it.ContentHTML, Summary: it.Summary,
			DatePublished: atomTime(it.Published), DateModified: atomTime(it.Updated),
			Authors: []jsonAuthor{{Name: it.AuthorName, URL: it.AuthorURL}}, Tags: it.Tags}
		if ji.ContentHTML == "" {
			ji.ContentText = it.Summary
		}
		if it.Image != nil {
			ji.Image = it.Image.URL
		}
		if it.MembersOnly {
			ji.Guildhall = &jsonExtension{MembersOnly: true}
		}
		doc.Items = append(doc.Items, ji)
	}
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// absolutize resolves the relative URLs of links and images in sanitised HTML against base
// (the post's own address), since a feed is read far from the site, where "/posts/x" means
// nothing. HTML that does not parse is returned as it is; sanitised HTML always parses.
func absolutize(fragment, base string) string {
	if !strings.Contains(fragment, "href=") && !strings.Contains(fragment, "src=") {
		return fragment
	}
	baseURL, err := url.Parse(base)
	if err != nil {
		return fragment
	}
	context := &xhtml.Node{Type: xhtml.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := xhtml.ParseFragment(strings.NewReader(fragment), context)
	if err != nil {
		return fragment
	}
	var fix func(n *xhtml.Node)
	fix = func(n *xhtml.Node) {
		if n.Type == xhtml.ElementNode {
			for i, a := range n.Attr {
				if a.Namespace != "" || (a.Key != "href" && a.Key != "src") {
					continue
				}
				if ref, err := url.Parse(strings.TrimSpace(a.Val)); err == nil && !ref.IsAbs() {
					n.Attr[i].Val = baseURL.ResolveReference(ref).String()
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			fix(c)
		}
	}
	var b strings.Builder
	for _, n := range nodes {
		fix(n)
		if err := xhtml.Render(&b, n); err != nil {
			return fragment
		}
	}
	return b.String()
}
