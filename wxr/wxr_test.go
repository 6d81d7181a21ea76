package wxr_test

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/guildhall/guildhall/wxr"
)

// readAll reads every item of a document.
func readAll(t *testing.T, r io.Reader) (*wxr.Reader, []*wxr.Item, error) {
	t.Helper()
	rd := wxr.NewReader(r)
	var items []*wxr.Item
	for {
		it, err := rd.Next()
		if err == io.EOF {
			return rd, items, nil
		}
		if err != nil {
			return rd, items, err
		}
		items = append(items, it)
	}
}

func mustOpen(t *testing.T, path string) *os.File {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// The real export of the theme review team: WXR 1.2 with the https namespace, no wp:post_id
// (the IDs come from the links), no wp:author.
func TestReadsTheFixture(t *testing.T) {
	path := "../../shared/fixtures/wordpress/theme-preview.xml"
	if _, err := os.Stat(path); err != nil {
		t.Skipf("the shared fixtures are not beside the checkout (%v); see shared/fixtures/README.md", err)
	}
	rd, items, err := readAll(t, mustOpen(t, path))
	if err != nil {
		t.Fatal(err)
	}
	site := rd.Site()
	if site.Version != "1.2" || site.Title != "Theme Preview" || site.BaseSiteURL != "https://wp-themes.com" {
		t.Errorf("site = %+v", site)
	}
	if len(items) != 7 {
		t.Fatalf("%d items, want 7", len(items))
	}
	first := items[0]
	if first.ID != 19 || first.Title != "Worth A Thousand Words" || first.Status != "publish" || first.Type != "post" ||
		first.Creator != "Theme Admin" || first.Link != "https://wp-themes.com/?p=19" {
		t.Errorf("first item = %+v", first)
	}
	// No GMT date and no pubDate: the local date, read as UTC.
	if want := time.Date(2008, 10, 17, 4, 33, 51, 0, time.UTC); !first.Date.Equal(want) {
		t.Errorf("date = %v, want %v", first.Date, want)
	}
	if len(first.Categories) != 3 || first.Categories[1] != (wxr.Category{Domain: "category", Name: "boat"}) {
		t.Errorf("categories = %+v", first.Categories)
	}
	if !strings.Contains(first.Content, `<figcaption class="wp-caption-text">Boat</figcaption>`) {
		t.Errorf("content = %q", first.Content)
	}
	var comments int
	for _, it := range items {
		comments += len(it.Comments)
	}
	if comments != 2 {
		t.Errorf("%d comments, want 2", comments)
	}
}

func TestReadsWXR11(t *testing.T) {
	rd, items, err := readAll(t, mustOpen(t, "testdata/wxr11.xml"))
	if err != nil {
		t.Fatal(err)
	}
	if v := rd.Site().Version; v != "1.1" {
		t.Errorf("version %q", v)
	}
	if d := rd.Site().Description; d != "News & notes" {
		t.Errorf("description %q", d)
	}
	wantAuthors := []wxr.Author{
		{ID: 2, Login: "ada", Email: "Ada@Example.org", DisplayName: "Ada Lovelace", FirstName: "Ada", LastName: "Lovelace"},
		{ID: 3, Login: "zoë", Email: "zoe@example.org", DisplayName: "Zoë Ørsted"},
	}
	if fmt.Sprint(rd.Authors()) != fmt.Sprint(wantAuthors) {
		t.Errorf("authors = %+v", rd.Authors())
	}
	if len(rd.Terms()) != 4 || rd.Terms()[1] != (wxr.Term{ID: 5, Taxonomy: "category", Slug: "events", Name: "Events", Parent: "news"}) ||
		rd.Terms()[2].Taxonomy != "post_tag" || rd.Terms()[3].Taxonomy != "nav_menu" {
		t.Errorf("terms = %+v", rd.Terms())
	}
	if len(items) != 6 {
		t.Fatalf("%d items", len(items))
	}
	post := items[0]
	if post.ID != 101 || post.Title != "Spring meeting & dinner" || post.Name != "spring-meeting" || !post.Sticky ||
		post.Excerpt != "Short" || post.MetaValue("_edit_last") != "2" || post.Creator != "ada" {
		t.Errorf("post = %+v", post)
	}
	if want := time.Date(2014, 1, 6, 9, 30, 0, 0, time.UTC); !post.Date.Equal(want) {
		t.Errorf("date %v, want the GMT date %v", post.Date, want)
	}
	if !strings.HasPrefix(post.Content, "Line one\nLine two\n\n[caption") {
		t.Errorf("content %q", post.Content)
	}
	if len(post.Categories) != 3 || post.Categories[1] != (wxr.Category{Domain: "post_tag", Nicename: "cpd", Name: "CPD"}) {
		t.Errorf("categories %+v", post.Categories)
	}
	if len(post.Comments) != 1 || post.Comments[0].Author != "Bob" || post.Comments[0].Approved != "1" {
		t.Errorf("comments %+v", post.Comments)
	}
	if items[1].Password != "hunter2" || items[1].Creator != "zoë" {
		t.Errorf("protected post %+v", items[1])
	}
	draft := items[2]
	if draft.Status != "draft" || draft.Name != "" {
		t.Errorf("draft %+v", draft)
	}
	// A draft's GMT date and pubDate are placeholders; the local date is the best there is.
	if want := time.Date(2014, 1, 8, 10, 30, 0, 0, time.UTC); !draft.Date.Equal(want) {
		t.Errorf("draft date %v, want %v", draft.Date, want)
	}
	att := items[3]
	if att.Type != "attachment" || att.Parent != 101 || att.AttachmentURL != "https://northfield.example/wp-content/uploads/2014/01/hall.jpg" ||
		att.MetaValue("_wp_attachment_image_alt") != "The hall" || att.MetaValue("_wp_attached_file") != "2014/01/hall.jpg" {
		t.Errorf("attachment %+v", att)
	}
	if items[4].Type != "page" || items[4].ID != 2 {
		t.Errorf("page %+v", items[4])
	}
	if items[5].Type != "nav_menu_item" || items[5].MenuOrder != 1 {
		t.Errorf("menu item %+v", items[5])
	}
}

// wxrDoc wraps items in a channel with the given wp namespace.
func wxrDoc(ns, items string) string {
	return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="` + ns + `" xmlns:excerpt="` + ns + `excerpt/">
<channel><title>T</title><wp:wxr_version>1.2</wp:wxr_version>` + items + `</channel></rss>`
}

const oneItem = `<item><title>A</title><wp:post_id>5</wp:post_id><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
<content:encoded><![CDATA[Body]]></content:encoded><excerpt:encoded><![CDATA[Ex]]></excerpt:encoded></item>`

func TestEveryNamespaceSpelling(t *testing.T) {
	for _, ns := range []string{
		"http://wordpress.org/export/1.0/", "http://wordpress.org/export/1.1/", "http://wordpress.org/export/1.2/",
		"https://wordpress.org/export/1.1/", "https://wordpress.org/export/1.2/",
	} {
		_, items, err := readAll(t, strings.NewReader(wxrDoc(ns, oneItem)))
		if err != nil {
			t.Fatalf("%s: %v", ns, err)
		}
		if len(items) != 1 || items[0].ID != 5 || items[0].Status != "publish" || items[0].Content != "Body" || items[0].Excerpt != "Ex" {
			t.Errorf("%s: %+v", ns, items)
		}
	}
}

func TestRefusesWhatIsNotAnExport(t *testing.T) {
	for name, doc := range map[string]string{
		"plain RSS":         `<rss version="2.0"><channel><title>Blog</title><item><title>A</title></item></channel></rss>`,
		"another namespace": wxrDoc("http://example.org/export/1.2/", oneItem),
		"WXR 2":             strings.Replace(wxrDoc("https://wordpress.org/export/1.2/", oneItem), ">1.2<", ">2.0<", 1),
		"Atom":              `<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>`,
	} {
		_, items, err := readAll(t, strings.NewReader(doc))
		if !errors.Is(err, wxr.ErrNotWXR) || len(items) != 0 {
			t.Errorf("%s: items %d, err %v; want ErrNotWXR and no item", name, len(items), err)
		}
	}
}

// A malformed document is an error with its line, and no item past the fault comes back.
func TestMalformedXML(t *testing.T) {
	good := wxrDoc("https://wordpress.org/export/1.2/", oneItem+oneItem)
	for name, tc := range map[string]struct {
		doc  string
		want string
	}{
		"truncated":        {good[:len(good)-40], "ends early"},
		"mismatched tag":   {strings.Replace(good, "<title>A</title>", "<title>A", 1), "malformed XML at line"},
		"unclosed CDATA":   {strings.Replace(good, "Body]]>", "Body", 1), "malformed XML"},
		"empty file":       {"", "ends early"},
		"garbage":          {"this is not XML at all", "ends early"},
		"bad second item":  {wxrDoc("https://wordpress.org/export/1.2/", oneItem+"<item><title>B</titl></item>"), "malformed XML at line 4"},
		"undefined entity": {wxrDoc("https://wordpress.org/export/1.2/", "<item><title>A &bogus; B</title></item>"), "malformed XML"},
	} {
		_, items, err := readAll(t, strings.NewReader(tc.doc))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err %v, want one mentioning %q", name, err, tc.want)
		}
		if name == "bad second item" && len(items) != 1 {
			t.Errorf("%s: %d items before the fault, want 1", name, len(items))
		}
	}
}

// HTML's named entities outside CDATA, forbidden control characters and a declared legacy
// encoding: all read as WordPress meant them.
func TestLenientWhereWordPressIs(t *testing.T) {
	doc := wxrDoc("https://wordpress.org/export/1.2/",
		"<item><title>Caf\u00e9&nbsp;&amp;&hellip; ok\x0b</title><wp:post_type>post</wp:post_type><content:encoded><![CDATA[a\x01b]]></content:encoded></item>")
	_, items, err := readAll(t, strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	if items[0].Title != "Café\u00a0&… ok" || items[0].Content != "ab" {
		t.Errorf("title %q content %q", items[0].Title, items[0].Content)
	}
	latin1 := "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n" + strings.TrimPrefix(
		wxrDoc("http://wordpress.org/export/1.1/", "<item><title>Caf\xe9</title></item>"), `<?xml version="1.0" encoding="UTF-8"?>`)
	_, items, err = readAll(t, strings.NewReader(latin1))
	if err != nil {
		t.Fatal(err)
	}
	if items[0].Title != "Café" {
		t.Errorf("latin-1 title %q", items[0].Title)
	}
}

// generated writes a WXR document of n items as it is read, never holding it whole.
type generated struct {
	n, next int
	buf     strings.Reader
	closed  bool
}

func (g *generated) Read(p []byte) (int, error) {
	for g.buf.Len() == 0 {
		switch {
		case g.next == 0:
			g.buf.Reset(strings.TrimSuffix(wxrDoc("https://wordpress.org/export/1.2/", ""), "</channel></rss>"))
		case g.next <= g.n:
			g.buf.Reset(fmt.Sprintf(`<item><title>Post %d</title><wp:post_id>%d</wp:post_id><wp:post_type>post</wp:post_type><content:encoded><![CDATA[%s]]></content:encoded></item>`,
				g.next, g.next, strings.Repeat("word ", 800)))
		case !g.closed:
			g.closed = true
			g.buf.Reset("</channel></rss>")
		default:
			return 0, io.EOF
		}
		g.next++
	}
	return g.buf.Read(p)
}

func TestStreamsALargeExport(t *testing.T) {
	rd := wxr.NewReader(&generated{n: 5000})
	n := 0
	for {
		it, err := rd.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		n++
		if it.ID != n {
			t.Fatalf("item %d has ID %d", n, it.ID)
		}
	}
	if n != 5000 {
		t.Errorf("%d items", n)
	}
}
