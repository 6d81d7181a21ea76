package feed_test

import (
	"encoding/json"
	"encoding/xml"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/guildhall/guildhall/feed"
	"github.com/guildhall/guildhall/forwarded"
)

// A members-only post is a teaser in every format, and says so twice: in words, with a link to
// the post (for people), and as a category or extension (for the partner site's code).
func TestMembersOnlyItemsSayTheyAreTeasers(t *testing.T) {
	h := feed.NewHandler(hostileSource(), feed.Options{SiteURL: "https://site.example", SiteName: "Northfield", Now: func() time.Time { return now }})
	const line = `<p><strong>Members only.</strong> <a href="https://site.example/posts/members-only">Read the whole post on Northfield</a> (members sign in there).</p>`
	for _, format := range []string{"rss", "atom", "json"} {
		b := body(t, get(t, h, "/feeds/posts."+format))
		f, err := gofeed.NewParser().Parse(strings.NewReader(string(b)))
		if err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		for _, it := range f.Items {
			teaser := it.Title == "For members"
			if teaser != strings.Contains(it.Content, line) || strings.Contains(it.Content, "SECRET") {
				t.Errorf("%s %q: content %q", format, it.Title, it.Content)
			}
			if teaser && !strings.HasPrefix(it.Content, "<p>A teaser.</p>") {
				t.Errorf("%s: a teaser's content does not start with its excerpt: %q", format, it.Content)
			}
			if format != "json" && teaser != (strings.Count(strings.Join(it.Categories, "\n"), feed.MembersOnlyCategory) == 1) {
				t.Errorf("%s %q: categories %q", format, it.Title, it.Categories)
			}
		}
		switch format {
		case "rss":
			if !strings.Contains(string(b), `<category domain="urn:guildhall:access">Members only</category>`) {
				t.Errorf("rss: no access category:\n%s", b)
			}
		case "atom":
			var doc struct {
				Entries []struct {
					Title      string `xml:"title"`
					Categories []struct {
						Term   string `xml:"term,attr"`
						Scheme string `xml:"scheme,attr"`
						Label  string `xml:"label,attr"`
					} `xml:"category"`
				} `xml:"entry"`
			}
			if err := xml.Unmarshal(b, &doc); err != nil {
				t.Fatal(err)
			}
			for _, e := range doc.Entries {
				last := e.Categories[len(e.Categories)-1]
				if isTeaser := last.Term == "members-only" && last.Scheme == "urn:guildhall:access" && last.Label == "Members only"; isTeaser != (e.Title == "For members") {
					t.Errorf("atom %q: categories %+v", e.Title, e.Categories)
				}
			}
		case "json":
			var doc struct {
				Items []struct {
					Title     string
					Guildhall *struct {
						MembersOnly bool `json:"members_only"`
					} `json:"_guildhall"`
				}
			}
			if err := json.Unmarshal(b, &doc); err != nil {
				t.Fatal(err)
			}
			for _, it := range doc.Items {
				if (it.Guildhall != nil && it.Guildhall.MembersOnly) != (it.Title == "For members") {
					t.Errorf("json %q: _guildhall %+v", it.Title, it.Guildhall)
				}
			}
		}
	}
}

// An empty feed (a tag nobody uses) is dated when this server first served it empty, not
// 1970, and keeps that date (and its 304s) until it changes.
func TestEmptyFeedIsDatedSensibly(t *testing.T) {
	clock := now
	h := feed.NewHandler(hostileSource(), feed.Options{SiteURL: "https://site.example", Now: func() time.Time { return clock }})
	first := get(t, h, "/feeds/tags/unused.atom")
	var doc struct {
		Updated string    `xml:"updated"`
		Entries []xmlSkip `xml:"entry"`
	}
	if err := xml.Unmarshal(body(t, first), &doc); err != nil || len(doc.Entries) != 0 {
		t.Fatalf("%v, %d entries", err, len(doc.Entries))
	}
	if doc.Updated != "2026-06-15T12:00:00Z" || first.Header.Get("Last-Modified") != "Mon, 15 Jun 2026 12:00:00 GMT" {
		t.Errorf("updated %s, Last-Modified %s; want the time it was first served", doc.Updated, first.Header.Get("Last-Modified"))
	}
	rss := string(body(t, get(t, h, "/feeds/tags/unused.rss")))
	if !strings.Contains(rss, "<lastBuildDate>Mon, 15 Jun 2026 12:00:00 +0000</lastBuildDate>") {
		t.Errorf("rss: %s", rss)
	}
	clock = now.Add(time.Hour)
	if again := get(t, h, "/feeds/tags/unused.atom", "If-Modified-Since", first.Header.Get("Last-Modified")); again.StatusCode != http.StatusNotModified {
		t.Errorf("an hour later, If-Modified-Since: %d", again.StatusCode)
	}
	if again := get(t, h, "/feeds/tags/unused.atom"); again.Header.Get("Last-Modified") != first.Header.Get("Last-Modified") {
		t.Errorf("an hour later: Last-Modified %s", again.Header.Get("Last-Modified"))
	}
}

type xmlSkip struct{}

// Without a site URL, links follow the origin the reader used: a trusted proxy's
// X-Forwarded-Proto / Forwarded say it; anyone else's are ignored.
func TestLinksBehindTrustedProxies(t *testing.T) {
	proxies, _ := forwarded.Parse("10.0.0.0/8")
	h := feed.NewHandler(hostileSource(), feed.Options{TrustedProxies: proxies, Now: func() time.Time { return now }})
	for _, c := range []struct {
		remote, header, value, want string
	}{
		{"10.1.1.1:5000", "X-Forwarded-Proto", "https", "https://guildhall.internal/"},
		{"10.1.1.1:5000", "Forwarded", `proto=https;host="northfield.example"`, "https://northfield.example/"},
		{"198.51.100.7:5000", "X-Forwarded-Proto", "https", "http://guildhall.internal/"},
		{"198.51.100.7:5000", "Forwarded", "proto=https;host=evil.example", "http://guildhall.internal/"},
	} {
		for _, path := range []string{"/feeds/posts.json", "/sitemap.xml"} {
			req := httptest.NewRequest(http.MethodGet, "http://guildhall.internal"+path, nil)
			req.RemoteAddr = c.remote
			req.Header.Set(c.header, c.value)
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if b := rec.Body.String(); !strings.Contains(b, c.want) || (c.want != "http://guildhall.internal/" && strings.Contains(b, "http://guildhall.internal/")) {
				t.Errorf("%s from %s with %s: %s: links are not on %s:\n%.300s", path, c.remote, c.header, c.value, c.want, b)
			}
		}
	}
}
