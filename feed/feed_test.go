package feed_test

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/guildhall/guildhall"
	"github.com/guildhall/guildhall/feed"
)

var now = time.Date(2026, 6, 15, 12, 0, 0, 0, time.UTC)

// source is a fake service holding content the API itself would refuse (invalid UTF-8,
// control characters), to show that feeds stay well-formed whatever they are given.
type source struct {
	members []*guildhall.Member
	posts   []*guildhall.Post // newest first, all live
	assets  map[string]*guildhall.Asset
	gen     uint64
	removed time.Time // when a post last left the feed
	// sitemapReads counts reads of the public posts, which only the sitemap makes.
	sitemapReads int
}

func (s *source) AssetOf(id *string) *guildhall.Asset {
	if id == nil {
		return nil
	}
	return s.assets[*id]
}

func (s *source) Posts(ctx context.Context, first *int, after *string, f *guildhall.PostFilter, _ *guildhall.PostOrder) (*guildhall.Page[*guildhall.Post], error) {
	if guildhall.ViewerFrom(ctx) != guildhall.Anonymous {
		return nil, errors.New("feeds must read as the anonymous viewer")
	}
	if f.Visibility != nil {
		s.sitemapReads++
	}
	page := &guildhall.Page[*guildhall.Post]{}
	page.Cursor = func(i int) string { return page.Items[i].ID }
	for _, p := range s.posts {
		if f.AuthorSlug != nil && s.author(p).Slug != *f.AuthorSlug || f.Tag != nil && !slices.Contains(p.Tags, *f.Tag) ||
			f.Visibility != nil && p.Visibility != *f.Visibility {
			continue
		}
		page.Items = append(page.Items, p)
	}
	if after != nil {
		i := slices.IndexFunc(page.Items, func(p *guildhall.Post) bool { return p.ID == *after })
		page.Items = page.Items[i+1:]
	}
	if len(page.Items) > *first {
		page.Items, page.HasNextPage = page.Items[:*first], true
	}
	return page, nil
}

func (s *source) Member(_ context.Context, _, slug *string) (*guildhall.Member, error) {
	for _, m := range s.members {
		if m.Slug == *slug {
			return m, nil
		}
	}
	return nil, guildhall.NotFound("Member")
}

func (s *source) Members(_ context.Context, first *int, after *string, _ *guildhall.MemberFilter) (*guildhall.Page[*guildhall.Member], error) {
	return &guildhall.Page[*guildhall.Member]{Items: s.members, Cursor: func(int) string { return "" }}, nil
}

func (s *source) author(p *guildhall.Post) *guildhall.Member {
	for _, m := range s.members {
		if m.ID == p.AuthorID {
			return m
		}
	}
	return nil
}

func (s *source) Author(p *guildhall.Post) (*guildhall.Member, error) { return s.author(p), nil }

func (s *source) Body(_ context.Context, p *guildhall.Post) *guildhall.RichText {
	if p.Visibility == guildhall.VisibilityMembers {
		return nil
	}
	return &p.Body
}

func (s *source) Generation() uint64 { return s.gen }

func (s *source) RemovedAt(*guildhall.PostFilter) time.Time { return s.removed }

func (s *source) NextChange(time.Time) time.Time { return time.Time{} }

const (
	hostileTitle = "Hostile ]]> & <script>alert(1)</script> \u202eevil\u200f \x01bell \xff and \xed\xa0\x80 \uFFFEend"
	cleanTitle   = "Hostile ]]> & <script>alert(1)</script> \u202eevil\u200f bell \uFFFD and \uFFFD end"
	hostileBody  = "<p>a ]]&gt; b &amp; c &lt;d&gt; \u202e\x02 <a href=\"/posts/other\">link</a> ]]></p>"
	cleanBody    = "<p>a ]]&gt; b &amp; c &lt;d&gt; \u202e <a href=\"https://site.example/posts/other\">link</a> ]]&gt;</p>"
)

func hostileSource() *source {
	at := func(h int) *time.Time { t := now.Add(-time.Duration(h) * time.Hour); return &t }
	author := &guildhall.Member{ID: "mbr_1", Version: 1, Slug: "rtl-author", Name: "\u202bרות\u202c & <Co>\x03", SortName: "Co", UpdatedAt: now.Add(-100 * time.Hour)}
	return &source{
		members: []*guildhall.Member{author},
		posts: []*guildhall.Post{
			{ID: "pst_hostile", Version: 3, Slug: "hostile", Title: hostileTitle, Status: guildhall.PostPublished, Visibility: guildhall.VisibilityPublic,
				AuthorID: author.ID, Body: guildhall.NewRichText(hostileBody, "", 0), Excerpt: "a ]]> b & c <d> \x1f\xc3",
				Tags: []string{"]]>", "a&b", "<tag>", "\u05e9\u05dc\u05d5\u05dd"}, PublishedAt: at(2), CreatedAt: now.Add(-3 * time.Hour), UpdatedAt: now.Add(-time.Hour)},
			{ID: "pst_members", Version: 1, Slug: "members-only", Title: "For members", Status: guildhall.PostPublished, Visibility: guildhall.VisibilityMembers,
				AuthorID: author.ID, Body: guildhall.NewRichText("<p>SECRET body</p>", "", 0), Excerpt: "A teaser.",
				Tags: []string{"a&b"}, PublishedAt: at(5), CreatedAt: now.Add(-5 * time.Hour), UpdatedAt: now.Add(-5 * time.Hour)},
		},
	}
}

func get(t *testing.T, h http.Handler, path string, header ...string) *http.Response {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, "http://guildhall.internal"+path, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Result()
}

func body(t *testing.T, res *http.Response) []byte {
	t.Helper()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// wellFormedXML reads every token with the standard library's strict decoder, which refuses
// characters XML forbids, bad entities and unbalanced tags.
func wellFormedXML(t *testing.T, b []byte) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(b))
	for {
		_, err := d.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v\n%s", err, b)
		}
	}
}

func TestHostileContentGivesWellFormedFeeds(t *testing.T) {
	h := feed.NewHandler(hostileSource(), feed.Options{SiteURL: "https://site.example/", SiteName: "Site & <Co>", Now: func() time.Time { return now }})
	for _, path := range []string{"/feeds/posts", "/feeds/members/rtl-author", "/feeds/tags/a&b", "/feeds/tags/%5D%5D%3E"} {
		for _, format := range []string{"rss", "atom", "json"} {
			t.Run(path+"."+format, func(t *testing.T) {
				res := get(t, h, path+"."+format)
				b := body(t, res)
				if res.StatusCode != http.StatusOK {
					t.Fatalf("status %d: %s", res.StatusCode, b)
				}
				if format == "json" {
					if !json.Valid(b) {
						t.Fatalf("invalid JSON: %s", b)
					}
				} else {
					wellFormedXML(t, b)
				}
				f, err := gofeed.NewParser().Parse(bytes.NewReader(b))
				if err != nil {
					t.Fatalf("gofeed: %v\n%s", err, b)
				}
				for _, it := range f.Items {
					if strings.Contains(it.Content, "SECRET") || strings.Contains(it.Description, "SECRET") {
						t.Errorf("a members-only body is in the feed: %+v", it)
					}
				}
				var hostile *gofeed.Item
				for _, it := range f.Items {
					if strings.HasPrefix(it.Title, "Hostile") {
						hostile = it
					}
				}
				if path == "/feeds/tags/%5D%5D%3E" || path == "/feeds/posts" || path == "/feeds/members/rtl-author" {
					if hostile == nil {
						t.Fatalf("the hostile post is missing: %+v", f.Items)
					}
					if hostile.Title != cleanTitle {
						t.Errorf("title = %q\nwant    %q", hostile.Title, cleanTitle)
					}
					if hostile.Content != cleanBody {
						t.Errorf("content = %q\nwant      %q", hostile.Content, cleanBody)
					}
					if want := []string{"]]>", "a&b", "<tag>", "שלום"}; !slices.Equal(hostile.Categories, want) {
						t.Errorf("categories = %q, want %q", hostile.Categories, want)
					}
					if len(hostile.Authors) != 1 || hostile.Authors[0].Name != "\u202bרות\u202c & <Co>" {
						t.Errorf("authors = %+v", hostile.Authors)
					}
				}
			})
		}
	}
}

func TestConditionalGet(t *testing.T) {
	src := hostileSource()
	h := feed.NewHandler(src, feed.Options{SiteURL: "https://site.example"})
	res := get(t, h, "/feeds/posts.atom")
	etag, modified := res.Header.Get("ETag"), res.Header.Get("Last-Modified")
	if etag == "" || modified != "Mon, 15 Jun 2026 11:00:00 GMT" || res.Header.Get("Cache-Control") != feed.CacheControl {
		t.Fatalf("headers = %v", res.Header)
	}
	if res := get(t, h, "/feeds/posts.atom", "If-None-Match", etag); res.StatusCode != http.StatusNotModified || len(body(t, res)) != 0 {
		t.Errorf("If-None-Match: status %d", res.StatusCode)
	}
	if res := get(t, h, "/feeds/posts.atom", "If-Modified-Since", modified); res.StatusCode != http.StatusNotModified {
		t.Errorf("If-Modified-Since: status %d", res.StatusCode)
	}
	if res := get(t, h, "/feeds/posts.rss", "If-None-Match", etag); res.StatusCode != http.StatusOK {
		t.Errorf("another format's ETag: status %d", res.StatusCode)
	}
	// A new revision of a post changes the feed: the old ETag no longer matches.
	p := *src.posts[0]
	p.Version, p.Title = 4, "Calmer"
	src.posts[0] = &p
	res = get(t, h, "/feeds/posts.atom", "If-None-Match", etag)
	if res.StatusCode != http.StatusOK || res.Header.Get("ETag") == etag || !strings.Contains(string(body(t, res)), "Calmer") {
		t.Errorf("after a change: status %d, ETag %s", res.StatusCode, res.Header.Get("ETag"))
	}
}

func TestSiteURLDefaultsToTheRequestOrigin(t *testing.T) {
	h := feed.NewHandler(hostileSource(), feed.Options{})
	f, err := gofeed.NewParser().Parse(get(t, h, "/feeds/posts.json").Body)
	if err != nil {
		t.Fatal(err)
	}
	if f.Link != "http://guildhall.internal/" || f.FeedLink != "http://guildhall.internal/feeds/posts.json" ||
		f.Items[0].Link != "http://guildhall.internal/posts/hostile" || f.Items[0].GUID != "tag:guildhall.internal,2026-06-15:post/pst_hostile" {
		t.Errorf("links = %s %s %s %s", f.Link, f.FeedLink, f.Items[0].Link, f.Items[0].GUID)
	}
}

// Without a configured site, each Host gets links to itself, from one list of URLs: the
// sitemap is built once, whatever Host headers clients send (they are not trusted to be few).
func TestSitemapForEachHost(t *testing.T) {
	src := hostileSource()
	h := feed.NewHandler(src, feed.Options{})
	for _, host := range []string{"a.example", "b.example", "a.example", "c.example:8080"} {
		req := httptest.NewRequest(http.MethodGet, "http://"+host+"/sitemap.xml", nil)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		var urls struct {
			URLs []struct {
				Loc string `xml:"loc"`
			} `xml:"url"`
		}
		if err := xml.Unmarshal(rec.Body.Bytes(), &urls); err != nil || len(urls.URLs) == 0 {
			t.Fatalf("%s: %v %s", host, err, rec.Body.Bytes())
		}
		for _, u := range urls.URLs {
			if !strings.HasPrefix(u.Loc, "http://"+host+"/") {
				t.Errorf("%s: link %s", host, u.Loc)
			}
		}
	}
	if src.sitemapReads != 1 {
		t.Errorf("the sitemap was built %d times for four hosts", src.sitemapReads)
	}
}

func TestNotFound(t *testing.T) {
	h := feed.NewHandler(hostileSource(), feed.Options{})
	for _, path := range []string{"/feeds/posts.xml", "/feeds/posts", "/feeds/other.rss", "/feeds/.rss", "/feeds/members/nobody.rss",
		"/feeds/tags/%01.rss", "/feeds/tags/" + strings.Repeat("x", 41) + ".rss", "/sitemaps/0.xml", "/sitemaps/2.xml", "/sitemaps/01.xml"} {
		if res := get(t, h, path); res.StatusCode != http.StatusNotFound {
			t.Errorf("%s: status %d", path, res.StatusCode)
		}
	}
}

func TestSitemapSplitsIntoAnIndex(t *testing.T) {
	src := hostileSource()
	src.members[0].UpdatedAt = now.Add(-100 * time.Hour)
	for i := range 4 {
		p := *src.posts[0]
		p.ID, p.Slug, p.Title = p.ID+string(rune('a'+i)), p.Slug+"-"+string(rune('a'+i)), "Post"
		src.posts = append(src.posts, &p)
	}
	type loc struct {
		Loc     string `xml:"loc"`
		LastMod string `xml:"lastmod"`
	}
	var urls struct {
		URLs []loc `xml:"url"`
	}
	single := feed.NewHandler(src, feed.Options{SiteURL: "https://site.example"})
	b := body(t, get(t, single, "/sitemap.xml"))
	wellFormedXML(t, b)
	if err := xml.Unmarshal(b, &urls); err != nil {
		t.Fatal(err)
	}
	// The member, then the public posts; the members-only post is left out.
	if len(urls.URLs) != 6 || urls.URLs[0].Loc != "https://site.example/members/rtl-author" || urls.URLs[0].LastMod != "2026-06-15T11:00:00Z" ||
		urls.URLs[1].Loc != "https://site.example/posts/hostile" {
		t.Fatalf("sitemap = %+v", urls.URLs)
	}
	split := feed.NewHandler(src, feed.Options{SiteURL: "https://site.example", SitemapURLs: 4})
	var index struct {
		Sitemaps []loc `xml:"sitemap"`
	}
	b = body(t, get(t, split, "/sitemap.xml"))
	if err := xml.Unmarshal(b, &index); err != nil || len(index.Sitemaps) != 2 || index.Sitemaps[1].Loc != "https://site.example/sitemaps/2.xml" {
		t.Fatalf("index = %s", b)
	}
	var all []string
	for _, n := range []string{"1", "2"} {
		var part struct {
			URLs []loc `xml:"url"`
		}
		if err := xml.Unmarshal(body(t, get(t, split, "/sitemaps/"+n+".xml")), &part); err != nil {
			t.Fatal(err)
		}
		for _, u := range part.URLs {
			all = append(all, u.Loc)
		}
	}
	var want []string
	for _, u := range urls.URLs {
		want = append(want, u.Loc)
	}
	if !slices.Equal(all, want) {
		t.Errorf("split sitemap = %v, want %v", all, want)
	}
}

// countingText is a packed body that counts its unpackings.
type countingText struct {
	html string
	n    int
}

func (c *countingText) Unpack() (string, string) { c.n++; return c.html, "" }
func (c *countingText) HTML() string             { c.n++; return c.html }
func (c *countingText) Text() string             { c.n++; return "" }

// A feed answered from the cache (the ETag of what it holds is unchanged) unpacks no body:
// bodies are read only to render a feed not rendered yet.
func TestCachedFeedUnpacksNoBody(t *testing.T) {
	src := hostileSource()
	counted := &countingText{html: "<p>Counted body</p>"}
	src.posts[0].Body = guildhall.PackedRichText(counted, 2)
	h := feed.NewHandler(src, feed.Options{SiteURL: "https://site.example/", Now: func() time.Time { return now }})
	first := get(t, h, "/feeds/posts.atom")
	if b := body(t, first); first.StatusCode != http.StatusOK || !bytes.Contains(b, []byte("Counted body")) || counted.n != 1 {
		t.Fatalf("the first request: status %d, body unpacked %d times:\n%s", first.StatusCode, counted.n, b)
	}
	for _, header := range [][]string{nil, {"If-None-Match", first.Header.Get("ETag")}} {
		res := get(t, h, "/feeds/posts.atom", header...)
		if res.StatusCode != http.StatusOK && res.StatusCode != http.StatusNotModified {
			t.Fatalf("status %d", res.StatusCode)
		}
	}
	if counted.n != 1 {
		t.Errorf("cached answers unpacked the body %d more times, want none", counted.n-1)
	}
}
