package app_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"html"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/guildhall/guildhall"
	"github.com/guildhall/guildhall/app"
	"github.com/guildhall/guildhall/demo"
)

const site = "https://northfield.example"

func withSite(c *app.Config) { c.SiteURL, c.SiteName = site, "Northfield Society" }

// fetch GETs a path with optional header pairs and returns the response and its body.
func (s *testServer) fetch(method, path string, header ...string) (*http.Response, []byte) {
	s.t.Helper()
	req, _ := http.NewRequest(method, s.URL+path, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		s.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res, b
}

func mustParseXML(t *testing.T, b []byte) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(b))
	for {
		if _, err := d.Token(); err == io.EOF {
			return
		} else if err != nil {
			t.Fatalf("not well-formed XML: %v", err)
		}
	}
}

// feedPost is a post as the API shows it to an anonymous reader: what its feed item must say.
type feedPost struct {
	ID, Slug, Title, Excerpt, Visibility string
	CreatedAt, PublishedAt, UpdatedAt    time.Time
	Tags                                 []string
	Body                                 *struct{ HTML string }
	Author                               struct{ Name, Slug string }
}

func apiPosts(t *testing.T, s *testServer, filter map[string]any) []feedPost {
	t.Helper()
	d := s.MustQuery("", `query($f: PostFilter) { posts(first: 50, filter: $f) { nodes {
		id slug title excerpt visibility createdAt publishedAt updatedAt tags body { html } author { name slug } } } }`, map[string]any{"f": filter})
	raw, _ := json.Marshal(get(d, "posts.nodes"))
	var out []feedPost
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func sameTime(a *time.Time, b time.Time) bool { return a != nil && a.Equal(b) }

// checkFeed parses a feed with gofeed and checks it field by field against the API's posts.
func checkFeed(t *testing.T, s *testServer, path, format, title, home string, want []feedPost) {
	t.Helper()
	res, b := s.fetch(http.MethodGet, path)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("%s: status %d: %s", path, res.StatusCode, b)
	}
	wantType := map[string]string{"rss": "application/rss+xml", "atom": "application/atom+xml", "json": "application/feed+json"}[format]
	if !strings.HasPrefix(res.Header.Get("Content-Type"), wantType) || res.Header.Get("Cache-Control") != "public, max-age=300" ||
		res.Header.Get("ETag") == "" || res.Header.Get("Last-Modified") == "" {
		t.Errorf("%s: headers %v", path, res.Header)
	}
	if format == "json" {
		if !json.Valid(b) {
			t.Fatalf("%s: invalid JSON", path)
		}
	} else {
		mustParseXML(t, b)
	}
	f, err := gofeed.NewParser().Parse(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("%s: gofeed: %v", path, err)
	}
	version := map[string]string{"rss": "2.0", "atom": "1.0", "json": "https://jsonfeed.org/version/1.1"}[format]
	if f.FeedType != format || f.FeedVersion != version || f.Title != title || f.Link != home || f.FeedLink != site+path {
		t.Errorf("%s: feed %s %s %q link %s self %s", path, f.FeedType, f.FeedVersion, f.Title, f.Link, f.FeedLink)
	}
	if len(f.Items) != len(want) {
		t.Fatalf("%s: %d items, want %d", path, len(f.Items), len(want))
	}
	for i, it := range f.Items {
		p := want[i]
		updated := p.UpdatedAt
		if p.PublishedAt.After(updated) {
			updated = p.PublishedAt
		}
		if it.Title != p.Title || it.Link != site+"/posts/"+p.Slug ||
			it.GUID != "tag:northfield.example,"+p.CreatedAt.Format(time.DateOnly)+":post/"+p.ID {
			t.Errorf("%s item %d: %q %s %s, want %q %s", path, i, it.Title, it.Link, it.GUID, p.Title, p.Slug)
		}
		if !sameTime(it.PublishedParsed, p.PublishedAt) || (format != "rss" && !sameTime(it.UpdatedParsed, updated)) {
			t.Errorf("%s item %d: published %v updated %v, want %v %v", path, i, it.PublishedParsed, it.UpdatedParsed, p.PublishedAt, updated)
		}
		tags := it.Categories
		if p.Visibility == "MEMBERS" {
			tags = slices.DeleteFunc(slices.Clone(tags), func(c string) bool { return c == "Members only" })
		}
		if len(it.Authors) != 1 || it.Authors[0].Name != p.Author.Name || !slices.Equal(tags, p.Tags) {
			t.Errorf("%s item %d: authors %+v categories %q, want %s %q", path, i, it.Authors, it.Categories, p.Author.Name, p.Tags)
		}
		summary := it.Description
		if format == "rss" {
			summary = html.UnescapeString(summary) // RSS descriptions are HTML
		}
		if summary != p.Excerpt {
			t.Errorf("%s item %d: summary %q, want %q", path, i, summary, p.Excerpt)
		}
		wantContent := ""
		switch {
		case p.Body != nil:
			wantContent = strings.ReplaceAll(p.Body.HTML, `href="/`, `href="`+site+`/`)
		default: // a teaser says it is one, and links to the post
			wantContent = "<p>" + html.EscapeString(p.Excerpt) + "</p>\n<p><strong>Members only.</strong> <a href=\"" + site + "/posts/" + p.Slug +
				"\">Read the whole post on Northfield Society</a> (members sign in there).</p>"
			if format != "json" && !slices.Contains(it.Categories, "Members only") {
				t.Errorf("%s item %d: a members-only teaser without the Members only category: %q", path, i, it.Categories)
			}
		}
		if p.Visibility == "MEMBERS" && p.Body != nil {
			t.Fatalf("the API gave an anonymous reader a members-only body")
		}
		if it.Content != wantContent {
			t.Errorf("%s item %d (%s): content\n%.200q\nwant\n%.200q", path, i, p.Visibility, it.Content, wantContent)
		}
	}
}

func TestFeedsFieldByField(t *testing.T) {
	s := MustRunServer(t, withSite)
	zoe := demoMember("zoe-angstrom")
	for _, tc := range []struct {
		path, title, home string
		filter            map[string]any
	}{
		{"/feeds/posts", "Northfield Society", site + "/", nil},
		{"/feeds/members/zoe-angstrom", "Northfield Society: posts by " + zoe.Name, site + "/members/zoe-angstrom", map[string]any{"authorSlug": "zoe-angstrom"}},
		{"/feeds/tags/supervision", "Northfield Society: posts tagged supervision", site + "/tags/supervision", map[string]any{"tag": "supervision"}},
	} {
		want := apiPosts(t, s, tc.filter)
		if len(want) == 0 {
			t.Fatalf("%s: no posts to check", tc.path)
		}
		for _, format := range []string{"rss", "atom", "json"} {
			t.Run(tc.path+"."+format, func(t *testing.T) {
				checkFeed(t, s, tc.path+"."+format, format, tc.title, tc.home, want)
			})
		}
	}
	// The whole feed is the newest 50 live posts, with members-only ones among them.
	all := apiPosts(t, s, nil)
	live := livePosts()
	members := 0
	for i, p := range all {
		if p.Slug != live[i].Slug {
			t.Fatalf("feed post %d is %s, want %s", i, p.Slug, live[i].Slug)
		}
		if p.Visibility == "MEMBERS" {
			members++
		}
	}
	if len(all) != 50 || len(live) <= 50 || members == 0 {
		t.Errorf("%d posts of %d live, %d members-only", len(all), len(live), members)
	}
}

func demoMember(slug string) demo.Member {
	for _, m := range fixture.Members {
		if m.Slug == slug {
			return m
		}
	}
	panic("no fixture member " + slug)
}

// Drafts, scheduled and archived posts are never in a feed, by any path; a scheduled post
// appears once its time comes, with no job involved.
func TestFeedsShowOnlyLivePosts(t *testing.T) {
	s := MustRunServer(t, withSite)
	hidden := map[string]bool{}
	var scheduled demo.Post
	for _, p := range fixture.Posts {
		if p.Status != guildhall.PostPublished || p.PublishedAt.After(fixtureNow) {
			hidden[p.Slug] = true
		}
		if p.Status == guildhall.PostPublished && p.PublishedAt.After(fixtureNow) && (scheduled.Slug == "" || p.PublishedAt.Before(scheduled.PublishedAt)) {
			scheduled = p
		}
	}
	slugs := func(path string) []string {
		_, b := s.fetch(http.MethodGet, path)
		f, err := gofeed.NewParser().Parse(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		var out []string
		for _, it := range f.Items {
			out = append(out, strings.TrimPrefix(it.Link, site+"/posts/"))
		}
		return out
	}
	paths := []string{"/feeds/posts.atom", "/feeds/members/" + scheduled.AuthorSlug + ".rss"}
	for _, tag := range scheduled.Tags {
		paths = append(paths, "/feeds/tags/"+url.PathEscape(tag)+".json")
	}
	for _, p := range fixture.Posts {
		if hidden[p.Slug] {
			paths = append(paths, "/feeds/members/"+p.AuthorSlug+".atom")
		}
	}
	for _, path := range paths {
		for _, slug := range slugs(path) {
			if hidden[slug] {
				t.Errorf("%s shows %s, which is not live", path, slug)
			}
		}
	}
	_, before := s.fetch(http.MethodGet, "/feeds/posts.atom")
	s.Clock.Advance(scheduled.PublishedAt.Sub(fixtureNow) + time.Second)
	if got := slugs("/feeds/posts.atom"); len(got) == 0 || got[0] != scheduled.Slug {
		t.Errorf("after its time, the newest post is %v, want %s", got[:1], scheduled.Slug)
	}
	if _, after := s.fetch(http.MethodGet, "/feeds/posts.atom"); bytes.Equal(before, after) {
		t.Error("the feed did not change when a scheduled post went live")
	}
}

func TestFeedsConditionalGetAndCORS(t *testing.T) {
	s := MustRunServer(t, withSite)
	res, _ := s.fetch(http.MethodGet, "/feeds/posts.rss", "Origin", "https://partner.example")
	etag, modified := res.Header.Get("ETag"), res.Header.Get("Last-Modified")
	if res.Header.Get("Access-Control-Allow-Origin") != "*" || !strings.Contains(res.Header.Get("Access-Control-Expose-Headers"), "Etag") {
		t.Errorf("CORS headers: %v", res.Header)
	}
	newest, _ := time.Parse(time.RFC3339, "2000-01-01T00:00:00Z")
	for _, p := range livePosts()[:1] {
		newest = p.PublishedAt
	}
	if lm, err := http.ParseTime(modified); err != nil || !lm.Equal(newest.Truncate(time.Second)) {
		t.Errorf("Last-Modified %q, want %v", modified, newest)
	}
	for _, h := range [][]string{{"If-None-Match", etag}, {"If-Modified-Since", modified}, {"If-None-Match", `"other", ` + etag}} {
		if res, b := s.fetch(http.MethodGet, "/feeds/posts.rss", h...); res.StatusCode != http.StatusNotModified || len(b) != 0 || res.Header.Get("ETag") != etag {
			t.Errorf("%v: status %d, %d bytes", h, res.StatusCode, len(b))
		}
	}
	if res, _ := s.fetch(http.MethodGet, "/feeds/posts.rss", "If-None-Match", `"stale"`); res.StatusCode != http.StatusOK {
		t.Errorf("a stale ETag: status %d", res.StatusCode)
	}
	if res, b := s.fetch(http.MethodHead, "/feeds/posts.rss"); res.StatusCode != http.StatusOK || len(b) != 0 || res.Header.Get("ETag") != etag {
		t.Errorf("HEAD: status %d, %d bytes", res.StatusCode, len(b))
	}
	// A browser on another site asks first, since If-None-Match is not a simple header.
	pre, _ := s.fetch(http.MethodOptions, "/feeds/posts.json", "Origin", "https://partner.example",
		"Access-Control-Request-Method", "GET", "Access-Control-Request-Headers", "if-none-match")
	if pre.StatusCode/100 != 2 || pre.Header.Get("Access-Control-Allow-Origin") != "*" || !strings.Contains(strings.ToLower(pre.Header.Get("Access-Control-Allow-Headers")), "if-none-match") {
		t.Errorf("preflight: status %d, headers %v", pre.StatusCode, pre.Header)
	}
	if res, _ := s.fetch(http.MethodPost, "/feeds/posts.rss"); res.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST: status %d", res.StatusCode)
	}
	// A new post makes the old validators stale.
	authorID := str(s.MustQuery("", `{ member(slug: "zoe-angstrom") { id } }`, nil), "member.id")
	id := str(s.MustQuery(adminToken, `mutation($a: ID) { createPost(input: {title: "Fresh", body: "<p>New</p>", authorId: $a}) { id } }`, map[string]any{"a": authorID}), "createPost.id")
	s.MustQuery(adminToken, `mutation($id: ID!) { publishPost(id: $id) { id } }`, map[string]any{"id": id})
	res, b := s.fetch(http.MethodGet, "/feeds/posts.rss", "If-None-Match", etag)
	if res.StatusCode != http.StatusOK || res.Header.Get("ETag") == etag || !strings.Contains(string(b), "<title>Fresh</title>") {
		t.Errorf("after a new post: status %d", res.StatusCode)
	}
	if res, _ := s.fetch(http.MethodGet, "/feeds/posts.rss", "If-Modified-Since", modified); res.StatusCode != http.StatusOK {
		t.Errorf("If-Modified-Since after a new post: status %d", res.StatusCode)
	}
	// An Authorization header changes nothing: feeds are what anyone may see.
	_, anon := s.fetch(http.MethodGet, "/feeds/posts.json")
	_, admin := s.fetch(http.MethodGet, "/feeds/posts.json", "Authorization", "Bearer "+adminToken)
	if !bytes.Equal(anon, admin) {
		t.Error("the admin token changed the feed")
	}
}

// Titles, bodies and tags with XML and JSON metacharacters, control characters and
// right-to-left marks, written through the API, come out well-formed in every format.
func TestFeedsHostileContent(t *testing.T) {
	s := MustRunServer(t, withSite)
	authorID := str(s.MustQuery("", `{ member(slug: "zoe-angstrom") { id } }`, nil), "member.id")
	title := "Hostile ]]> & <b>bold</b> \u202eevil\u200f \"quoted\" 'single'"
	body := "<p>x ]]&gt; &amp; &lt;y&gt; \u0001\u0008 \u202e <a href=\"/posts/other?a=1&amp;b=2\">link</a></p><script>alert(1)</script>"
	tags := []string{"x]]>", "a&b", "<tag>", "\u05e9\u05dc\u05d5\u05dd"}
	id := str(s.MustQuery(adminToken, `mutation($a: ID, $t: String!, $b: String!, $tags: [String!]) {
		createPost(input: {title: $t, body: $b, authorId: $a, tags: $tags}) { id } }`,
		map[string]any{"a": authorID, "t": title, "b": body, "tags": tags}), "createPost.id")
	s.MustQuery(adminToken, `mutation($id: ID!) { publishPost(id: $id) { id } }`, map[string]any{"id": id})
	for _, path := range []string{"/feeds/posts", "/feeds/members/zoe-angstrom", "/feeds/tags/" + url.PathEscape("x]]>"), "/feeds/tags/a&b", "/feeds/tags/%3Ctag%3E", "/feeds/tags/שלום"} {
		for _, format := range []string{"rss", "atom", "json"} {
			res, b := s.fetch(http.MethodGet, path+"."+format)
			if res.StatusCode != http.StatusOK {
				t.Fatalf("%s.%s: status %d", path, format, res.StatusCode)
			}
			if format == "json" {
				if !json.Valid(b) {
					t.Fatalf("%s.json: invalid JSON", path)
				}
			} else {
				mustParseXML(t, b)
			}
			f, err := gofeed.NewParser().Parse(bytes.NewReader(b))
			if err != nil || len(f.Items) == 0 {
				t.Fatalf("%s.%s: %v", path, format, err)
			}
			it := f.Items[0]
			if it.Title != title || !slices.Equal(it.Categories, tags) {
				t.Errorf("%s.%s: title %q categories %q", path, format, it.Title, it.Categories)
			}
			if strings.Contains(it.Content, "<script") || strings.ContainsAny(it.Content, "\u0001\u0008") ||
				!strings.Contains(it.Content, `x ]]&gt; &amp; &lt;y&gt;`) || !strings.Contains(it.Content, `href="`+site+`/posts/other?a=1&amp;b=2"`) {
				t.Errorf("%s.%s: content %q", path, format, it.Content)
			}
		}
	}
}

func TestFeedsUseTheRequestOriginWithoutASiteURL(t *testing.T) {
	s := MustRunServer(t)
	_, b := s.fetch(http.MethodGet, "/feeds/posts.json")
	f, err := gofeed.NewParser().Parse(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if f.Link != s.URL+"/" || f.FeedLink != s.URL+"/feeds/posts.json" || !strings.HasPrefix(f.Items[0].Link, s.URL+"/posts/") {
		t.Errorf("links: %s %s %s", f.Link, f.FeedLink, f.Items[0].Link)
	}
	for _, path := range []string{"/feeds/members/nobody.rss", "/feeds/posts.html", "/feeds/tags/" + strings.Repeat("x", 41) + ".rss"} {
		if res, _ := s.fetch(http.MethodGet, path); res.StatusCode != http.StatusNotFound {
			t.Errorf("%s: status %d", path, res.StatusCode)
		}
	}
}

func TestSitemap(t *testing.T) {
	s := MustRunServer(t, withSite)
	res, b := s.fetch(http.MethodGet, "/sitemap.xml")
	if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "application/xml") {
		t.Fatalf("status %d, %v", res.StatusCode, res.Header)
	}
	mustParseXML(t, b)
	var set struct {
		XMLName xml.Name
		URLs    []struct {
			Loc     string `xml:"loc"`
			LastMod string `xml:"lastmod"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal(b, &set); err != nil || set.XMLName.Local != "urlset" || set.XMLName.Space != "http://www.sitemaps.org/schemas/sitemap/0.9" {
		t.Fatalf("%v: %s", err, set.XMLName)
	}
	got := map[string]time.Time{}
	for _, u := range set.URLs {
		at, err := time.Parse(time.RFC3339, u.LastMod)
		if err != nil || at.After(fixtureNow) {
			t.Errorf("%s: lastmod %q", u.Loc, u.LastMod)
		}
		got[u.Loc] = at
	}
	want := map[string]bool{}
	for _, p := range livePosts() {
		want[site+"/members/"+p.AuthorSlug] = true
		if p.Visibility == guildhall.VisibilityPublic {
			want[site+"/posts/"+p.Slug] = true
		}
	}
	for loc := range want {
		if _, ok := got[loc]; !ok {
			t.Errorf("missing %s", loc)
		}
	}
	for loc := range got {
		if !want[loc] {
			t.Errorf("%s should not be listed (members-only, not live, or a member without posts)", loc)
		}
	}
	newest := livePosts()[0]
	if at := got[site+"/posts/"+newest.Slug]; !at.Equal(newest.PublishedAt) {
		t.Errorf("lastmod of %s = %v, want %v", newest.Slug, at, newest.PublishedAt)
	}
	if at := got[site+"/members/"+newest.AuthorSlug]; at.Before(newest.PublishedAt) {
		t.Errorf("lastmod of %s = %v, before their newest post", newest.AuthorSlug, at)
	}
	if res, _ := s.fetch(http.MethodGet, "/sitemap.xml", "If-None-Match", res.Header.Get("ETag")); res.StatusCode != http.StatusNotModified {
		t.Errorf("conditional GET: status %d", res.StatusCode)
	}
}
