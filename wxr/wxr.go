// Package wxr reads WordPress eXtended RSS (WXR), the file WordPress's Tools > Export writes:
// an RSS 2.0 document whose channel carries the site's authors and terms and whose items are
// its posts, pages, attachments, menu items and other post types, with WordPress's own fields
// in the "wp" namespace.
//
// The reader streams: it holds one item at a time, so a large export is never held whole.
// WXR 1.0, 1.1 and 1.2 are read, with the namespace spelled http:// or https:// (WordPress
// has written both).
package wxr

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"
	"time"

	"golang.org/x/net/html/charset"
)

// Site is what the channel says about the exported site.
type Site struct {
	Title       string
	Link        string
	Description string
	Language    string
	// Version is the WXR version, "1.0" to "1.2".
	Version     string
	BaseSiteURL string
	BaseBlogURL string
}

// Author is a wp:author of the channel: a WordPress user who wrote something exported.
type Author struct {
	ID          int
	Login       string
	Email       string
	DisplayName string
	FirstName   string
	LastName    string
}

// Term is a category, tag or other taxonomy term declared by the channel.
type Term struct {
	ID       int
	Taxonomy string // "category", "post_tag", or another taxonomy
	Slug     string
	Name     string
	Parent   string // the parent's slug
}

// Category is a term an item is filed under: domain "category", "post_tag", "post_format",
// "nav_menu" or a custom taxonomy (RSS categories without a domain are categories).
type Category struct {
	Domain   string
	Nicename string
	Name     string
}

// Meta is one wp:postmeta pair.
type Meta struct {
	Key, Value string
}

// Comment is one wp:comment of an item.
type Comment struct {
	ID       int
	Author   string
	Email    string
	Date     string
	Content  string
	Approved string
}

// Item is one exported post of any type.
type Item struct {
	// ID is WordPress's post ID: wp:post_id, or the p= of the guid or the link when the file
	// has no wp:post_id. 0 when neither says.
	ID    int
	Title string
	Link  string
	GUID  string
	// Creator is the author's login (dc:creator).
	Creator string
	// Content is the body as stored by WordPress (content:encoded): before automatic
	// paragraphs and shortcodes.
	Content string
	Excerpt string
	// Date is when the item was published (or is to be), in UTC; see Item.date. Zero when the
	// file gives no usable date.
	Date     time.Time
	Modified time.Time
	// Name is the slug (wp:post_name).
	Name      string
	Status    string // publish, future, draft, pending, private, trash, auto-draft, inherit
	Type      string // post, page, attachment, nav_menu_item, ...
	Parent    int
	MenuOrder int
	Password  string
	Sticky    bool
	// AttachmentURL is the file of an attachment.
	AttachmentURL string
	Categories    []Category
	Meta          []Meta
	Comments      []Comment
}

// MetaValue returns the value of the first postmeta with key, or "".
func (it *Item) MetaValue(key string) string {
	for _, m := range it.Meta {
		if m.Key == key {
			return m.Value
		}
	}
	return ""
}

// The canonical namespaces the reader rewrites every spelling of WordPress's to, so that one
// set of struct tags reads every version. They contain no colon-free prefix a document could
// declare, so encoding/xml never confuses them with one.
const (
	nsWP      = "wxr:wp"
	nsExcerpt = "wxr:excerpt"
	nsContent = "http://purl.org/rss/1.0/modules/content/"
	nsDC      = "http://purl.org/dc/elements/1.1/"
)

// canonicalSpace maps the namespaces of WXR 1.0-1.2, over http or https, to nsWP and
// nsExcerpt.
func canonicalSpace(space string) (string, bool) {
	rest, ok := strings.CutPrefix(space, "http://wordpress.org/export/")
	if !ok {
		rest, ok = strings.CutPrefix(space, "https://wordpress.org/export/")
	}
	if !ok {
		return space, false
	}
	version, sub, _ := strings.Cut(rest, "/")
	if !strings.HasPrefix(version, "1.") {
		return space, false
	}
	switch sub {
	case "":
		return nsWP, true
	case "excerpt/":
		return nsExcerpt, true
	}
	return space, false
}

// normaliser passes the tokens of the inner decoder on with WordPress's namespaces made
// canonical and namespace declarations dropped (they have been applied already).
type normaliser struct {
	d      *xml.Decoder
	sawWXR bool
}

func (n *normaliser) Token() (xml.Token, error) {
	tok, err := n.d.Token()
	switch t := tok.(type) {
	case xml.StartElement:
		t.Name = n.name(t.Name)
		attrs := t.Attr[:0:0]
		for _, a := range t.Attr {
			if a.Name.Space == "xmlns" || (a.Name.Space == "" && a.Name.Local == "xmlns") {
				continue
			}
			a.Name = n.name(a.Name)
			attrs = append(attrs, a)
		}
		t.Attr = attrs
		return t, err
	case xml.EndElement:
		t.Name = n.name(t.Name)
		return t, err
	}
	return tok, err
}

func (n *normaliser) name(name xml.Name) xml.Name {
	if space, ok := canonicalSpace(name.Space); ok {
		name.Space = space
		n.sawWXR = true
	}
	return name
}

// ErrNotWXR is in the chain of the error for a well-formed document that is not a WordPress
// export.
var ErrNotWXR = errors.New("not a WordPress export (WXR)")

// Reader reads the items of a WXR document one at a time.
type Reader struct {
	inner *xml.Decoder
	norm  *normaliser
	dec   *xml.Decoder
	depth int // 0 before <rss>, 1 inside it, 2 inside <channel>
	done  bool

	site    Site
	authors []Author
	terms   []Term
}

// NewReader reads the document from r. Encodings other than UTF-8 are converted when the XML
// declaration names them.
func NewReader(r io.Reader) *Reader {
	inner := xml.NewDecoder(&controlFilter{r: r})
	inner.CharsetReader = charset.NewReaderLabel
	// Exports carry HTML in places outside CDATA; its named entities are not XML's.
	inner.Entity = xml.HTMLEntity
	norm := &normaliser{d: inner}
	return &Reader{inner: inner, norm: norm, dec: xml.NewTokenDecoder(norm)}
}

// Site is what the channel said about the site, as far as the document has been read (WordPress
// writes it before the first item).
func (r *Reader) Site() Site { return r.site }

// Authors are the channel's authors read so far (WordPress writes them before the first item).
func (r *Reader) Authors() []Author { return r.authors }

// Terms are the channel's categories, tags and other terms read so far.
func (r *Reader) Terms() []Term { return r.terms }

// Next returns the next item, or io.EOF after the last. Any other error ends the reading: a
// malformed document is an error with its line, never a partial item.
func (r *Reader) Next() (*Item, error) {
	if r.done {
		return nil, io.EOF
	}
	for {
		tok, err := r.dec.Token()
		if err == io.EOF {
			r.done = true
			if r.depth != 0 || r.site.Version == "" {
				return nil, r.fail(io.ErrUnexpectedEOF)
			}
			return nil, io.EOF
		}
		if err != nil {
			return nil, r.fail(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			item, err := r.start(t)
			if err != nil || item != nil {
				return item, err
			}
		case xml.EndElement:
			r.depth--
		}
	}
}

// start handles an element opening at the current depth; it returns an item when it read one.
func (r *Reader) start(t xml.StartElement) (*Item, error) {
	switch r.depth {
	case 0:
		if t.Name.Local != "rss" {
			return nil, r.fail(fmt.Errorf("%w: the document is <%s>, not <rss>", ErrNotWXR, t.Name.Local))
		}
		r.depth++
		return nil, nil
	case 1:
		if t.Name.Local != "channel" {
			return nil, r.skip(t)
		}
		r.depth++
		return nil, nil
	}
	// In the channel.
	switch {
	case t.Name.Local == "item" && t.Name.Space == "":
		if r.site.Version == "" {
			return nil, r.fail(fmt.Errorf("%w: no wp:wxr_version before the first item", ErrNotWXR))
		}
		var raw rawItem
		if err := r.dec.DecodeElement(&raw, &t); err != nil {
			return nil, r.fail(err)
		}
		return raw.item(), nil
	case t.Name.Space == nsWP && t.Name.Local == "author":
		var a rawAuthor
		if err := r.dec.DecodeElement(&a, &t); err != nil {
			return nil, r.fail(err)
		}
		r.authors = append(r.authors, Author{ID: atoi(a.ID), Login: a.Login, Email: strings.TrimSpace(a.Email),
			DisplayName: a.DisplayName, FirstName: a.FirstName, LastName: a.LastName})
		return nil, nil
	case t.Name.Space == nsWP && (t.Name.Local == "category" || t.Name.Local == "tag" || t.Name.Local == "term"):
		var raw rawTerm
		if err := r.dec.DecodeElement(&raw, &t); err != nil {
			return nil, r.fail(err)
		}
		r.terms = append(r.terms, raw.term(t.Name.Local))
		return nil, nil
	case t.Name.Space == nsWP && t.Name.Local == "wxr_version":
		v, err := r.text(t)
		if err != nil {
			return nil, err
		}
		major, _, ok := strings.Cut(v, ".")
		if !ok || major != "1" {
			return nil, r.fail(fmt.Errorf("%w: WXR version %q (1.0 to 1.2 are read)", ErrNotWXR, v))
		}
		if !r.norm.sawWXR {
			return nil, r.fail(fmt.Errorf("%w: the wp namespace is not WordPress's", ErrNotWXR))
		}
		r.site.Version = v
		return nil, nil
	}
	var field *string
	switch {
	case t.Name.Space == "" && t.Name.Local == "title":
		field = &r.site.Title
	case t.Name.Space == "" && t.Name.Local == "link":
		field = &r.site.Link
	case t.Name.Space == "" && t.Name.Local == "description":
		field = &r.site.Description
	case t.Name.Space == "" && t.Name.Local == "language":
		field = &r.site.Language
	case t.Name.Space == nsWP && t.Name.Local == "base_site_url":
		field = &r.site.BaseSiteURL
	case t.Name.Space == nsWP && t.Name.Local == "base_blog_url":
		field = &r.site.BaseBlogURL
	default:
		return nil, r.skip(t)
	}
	v, err := r.text(t)
	*field = v
	return nil, err
}

func (r *Reader) text(t xml.StartElement) (string, error) {
	var s string
	if err := r.dec.DecodeElement(&s, &t); err != nil {
		return "", r.fail(err)
	}
	return strings.TrimSpace(s), nil
}

func (r *Reader) skip(xml.StartElement) error {
	if err := r.dec.Skip(); err != nil {
		return r.fail(err)
	}
	return nil
}

// fail ends the reading with err and where in the document it happened.
func (r *Reader) fail(err error) error {
	r.done = true
	var syn *xml.SyntaxError
	if errors.As(err, &syn) {
		if syn.Msg == "unexpected EOF" {
			return fmt.Errorf("malformed XML: the document ends early (line %d)", syn.Line)
		}
		return fmt.Errorf("malformed XML at line %d: %s", syn.Line, syn.Msg)
	}
	line, _ := r.inner.InputPos()
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("malformed XML: the document ends early (line %d)", line)
	}
	return fmt.Errorf("line %d: %w", line, err)
}

type rawAuthor struct {
	ID          string `xml:"wxr:wp author_id"`
	Login       string `xml:"wxr:wp author_login"`
	Email       string `xml:"wxr:wp author_email"`
	DisplayName string `xml:"wxr:wp author_display_name"`
	FirstName   string `xml:"wxr:wp author_first_name"`
	LastName    string `xml:"wxr:wp author_last_name"`
}

type rawTerm struct {
	TermID string `xml:"wxr:wp term_id"`
	// wp:category
	CatSlug   string `xml:"wxr:wp category_nicename"`
	CatParent string `xml:"wxr:wp category_parent"`
	CatName   string `xml:"wxr:wp cat_name"`
	// wp:tag
	TagSlug string `xml:"wxr:wp tag_slug"`
	TagName string `xml:"wxr:wp tag_name"`
	// wp:term
	Taxonomy   string `xml:"wxr:wp term_taxonomy"`
	TermSlug   string `xml:"wxr:wp term_slug"`
	TermParent string `xml:"wxr:wp term_parent"`
	TermName   string `xml:"wxr:wp term_name"`
}

func (t rawTerm) term(element string) Term {
	switch element {
	case "category":
		return Term{ID: atoi(t.TermID), Taxonomy: "category", Slug: t.CatSlug, Name: t.CatName, Parent: t.CatParent}
	case "tag":
		return Term{ID: atoi(t.TermID), Taxonomy: "post_tag", Slug: t.TagSlug, Name: t.TagName}
	}
	return Term{ID: atoi(t.TermID), Taxonomy: t.Taxonomy, Slug: t.TermSlug, Name: t.TermName, Parent: t.TermParent}
}

type rawItem struct {
	Title   string `xml:"title"`
	Link    string `xml:"link"`
	PubDate string `xml:"pubDate"`
	Creator string `xml:"http://purl.org/dc/elements/1.1/ creator"`
	GUID    string `xml:"guid"`
	Content string `xml:"http://purl.org/rss/1.0/modules/content/ encoded"`
	Excerpt string `xml:"wxr:excerpt encoded"`

	PostID        string `xml:"wxr:wp post_id"`
	PostDate      string `xml:"wxr:wp post_date"`
	PostDateGMT   string `xml:"wxr:wp post_date_gmt"`
	Modified      string `xml:"wxr:wp post_modified"`
	ModifiedGMT   string `xml:"wxr:wp post_modified_gmt"`
	Name          string `xml:"wxr:wp post_name"`
	Status        string `xml:"wxr:wp status"`
	Parent        string `xml:"wxr:wp post_parent"`
	MenuOrder     string `xml:"wxr:wp menu_order"`
	Type          string `xml:"wxr:wp post_type"`
	Password      string `xml:"wxr:wp post_password"`
	Sticky        string `xml:"wxr:wp is_sticky"`
	AttachmentURL string `xml:"wxr:wp attachment_url"`

	Categories []struct {
		Domain   string `xml:"domain,attr"`
		Nicename string `xml:"nicename,attr"`
		Name     string `xml:",chardata"`
	} `xml:"category"`
	Meta []struct {
		Key   string `xml:"wxr:wp meta_key"`
		Value string `xml:"wxr:wp meta_value"`
	} `xml:"wxr:wp postmeta"`
	Comments []struct {
		ID       string `xml:"wxr:wp comment_id"`
		Author   string `xml:"wxr:wp comment_author"`
		Email    string `xml:"wxr:wp comment_author_email"`
		Date     string `xml:"wxr:wp comment_date_gmt"`
		Content  string `xml:"wxr:wp comment_content"`
		Approved string `xml:"wxr:wp comment_approved"`
	} `xml:"wxr:wp comment"`
}

func (raw *rawItem) item() *Item {
	it := &Item{
		ID: atoi(raw.PostID), Title: strings.TrimSpace(raw.Title), Link: strings.TrimSpace(raw.Link),
		GUID: strings.TrimSpace(raw.GUID), Creator: strings.TrimSpace(raw.Creator),
		Content: raw.Content, Excerpt: raw.Excerpt,
		Name: strings.TrimSpace(raw.Name), Status: strings.TrimSpace(raw.Status), Type: strings.TrimSpace(raw.Type),
		Parent: atoi(raw.Parent), MenuOrder: atoi(raw.MenuOrder), Password: raw.Password,
		Sticky: strings.TrimSpace(raw.Sticky) == "1", AttachmentURL: strings.TrimSpace(raw.AttachmentURL),
	}
	if it.Type == "" {
		it.Type = "post" // plain RSS items in a WXR file are posts
	}
	if it.ID == 0 {
		it.ID = postIDFromURL(it.GUID)
	}
	if it.ID == 0 {
		it.ID = postIDFromURL(it.Link)
	}
	it.Date = date(raw.PostDateGMT, raw.PubDate, raw.PostDate)
	it.Modified = date(raw.ModifiedGMT, "", raw.Modified)
	for _, c := range raw.Categories {
		domain := strings.TrimSpace(c.Domain)
		if domain == "" {
			domain = "category"
		}
		it.Categories = append(it.Categories, Category{Domain: domain, Nicename: strings.TrimSpace(c.Nicename), Name: strings.TrimSpace(c.Name)})
	}
	for _, m := range raw.Meta {
		it.Meta = append(it.Meta, Meta{Key: strings.TrimSpace(m.Key), Value: m.Value})
	}
	for _, c := range raw.Comments {
		it.Comments = append(it.Comments, Comment{ID: atoi(c.ID), Author: c.Author, Email: strings.TrimSpace(c.Email),
			Date: strings.TrimSpace(c.Date), Content: c.Content, Approved: strings.TrimSpace(c.Approved)})
	}
	return it
}

// wpTime is the layout of wp:post_date and its kin.
const wpTime = "2006-01-02 15:04:05"

// date is the first usable of: the GMT date, the RSS pubDate, the local date read as UTC (WXR
// does not say the site's time zone). Drafts have "0000-00-00 00:00:00" and a pubDate in the
// year -1, which are not usable.
func date(gmt, pubDate, local string) time.Time {
	if t, err := time.Parse(wpTime, strings.TrimSpace(gmt)); err == nil && t.Year() > 1000 {
		return t
	}
	if pubDate = strings.TrimSpace(pubDate); pubDate != "" {
		for _, layout := range []string{time.RFC1123Z, time.RFC1123, "Mon, 2 Jan 2006 15:04:05 -0700"} {
			if t, err := time.Parse(layout, pubDate); err == nil && t.Year() > 1000 {
				return t.UTC()
			}
		}
	}
	if t, err := time.Parse(wpTime, strings.TrimSpace(local)); err == nil && t.Year() > 1000 {
		return t
	}
	return time.Time{}
}

// postIDFromURL reads the post ID from WordPress's plain links: ?p=, ?page_id= or
// ?attachment_id=.
func postIDFromURL(s string) int {
	u, err := url.Parse(s)
	if err != nil {
		return 0
	}
	q := u.Query()
	for _, key := range []string{"p", "page_id", "attachment_id"} {
		if id := atoi(q.Get(key)); id > 0 {
			return id
		}
	}
	return 0
}

func atoi(s string) int {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return 0
	}
	return n
}

// controlFilter drops the C0 control characters XML forbids (all but tab, newline and carriage
// return): WordPress exports them unescaped when a post holds one, and no parser would read
// the file. They are single bytes that no UTF-8 sequence contains, so dropping bytes is safe.
type controlFilter struct{ r io.Reader }

func (f *controlFilter) Read(p []byte) (int, error) {
	for {
		n, err := f.r.Read(p)
		if n == 0 || bytes.IndexFunc(p[:n], isForbiddenControl) < 0 {
			return n, err
		}
		kept := p[:0]
		for _, b := range p[:n] {
			if b >= 0x20 || b == '\t' || b == '\n' || b == '\r' {
				kept = append(kept, b)
			}
		}
		if len(kept) > 0 || err != nil {
			return len(kept), err
		}
	}
}

func isForbiddenControl(r rune) bool {
	return r < 0x20 && r != '\t' && r != '\n' && r != '\r'
}
