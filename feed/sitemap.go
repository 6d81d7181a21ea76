package feed

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/xml"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/guildhall/guildhall"
)

// The sitemap (https://www.sitemaps.org/protocol.html) lists the pages search engines may
// index: every member with published posts ({site}/members/{slug}) and every published
// PUBLIC post ({site}/posts/{slug}, or its canonical URL when that is on the site; a post
// whose canonical URL is elsewhere is left out), oldest first, each with the time it last
// changed.
// Members-only posts are left out: their pages show a teaser, not the post. A file holds at
// most Options.SitemapURLs URLs; when there are more, /sitemap.xml is an index of
// /sitemaps/1.xml, /sitemaps/2.xml and so on.

type sitemap struct {
	// generation and until say how long it holds: while content is unchanged, and until the
	// clock changes what readers see (a scheduled post goes live, a post is taken down).
	generation uint64
	until      time.Time
	urls       []sitemapURL
	files      map[string]sitemapFile // rendered, by name ("index", "1", "2", ...)
}

type sitemapURL struct {
	Loc     string    `xml:"loc"`
	LastMod string    `xml:"lastmod"`
	at      time.Time // LastMod as a time
}

type sitemapFile struct {
	body     []byte
	etag     string
	modified time.Time
}

type (
	urlSet struct {
		XMLName xml.Name     `xml:"urlset"`
		NS      string       `xml:"xmlns,attr"`
		URLs    []sitemapURL `xml:"url"`
	}
	sitemapIndex struct {
		XMLName  xml.Name     `xml:"sitemapindex"`
		NS       string       `xml:"xmlns,attr"`
		Sitemaps []sitemapURL `xml:"sitemap"`
	}
)

const sitemapNS = "http://www.sitemaps.org/schemas/sitemap/0.9"

func (h *Handler) sitemapIndex(w http.ResponseWriter, r *http.Request) {
	h.serveSitemap(w, r, "index")
}

func (h *Handler) sitemapPage(w http.ResponseWriter, r *http.Request) {
	name, ok := strings.CutSuffix(r.PathValue("file"), ".xml")
	if n, err := strconv.Atoi(name); !ok || err != nil || n < 1 || strconv.Itoa(n) != name {
		http.NotFound(w, r)
		return
	}
	h.serveSitemap(w, r, name)
}

func (h *Handler) serveSitemap(w http.ResponseWriter, r *http.Request, name string) {
	sm, err := h.sitemap(anonymous(r), h.site(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	file, ok, err := h.sitemapFile(sm, h.site(r), name)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if !ok {
		http.NotFound(w, r)
		return
	}
	serve(w, r, "application/xml; charset=utf-8", file.etag, file.modified, file.body)
}

// sitemap returns the URLs of the site, built again when content has changed or the clock
// has changed what readers see (scheduled posts go live, and posts are taken down, by the
// clock alone).
func (h *Handler) sitemap(ctx context.Context, site string) (*sitemap, error) {
	now, gen := h.opts.Now(), h.src.Generation()
	h.mu.Lock()
	sm, ok := h.sitemaps[site]
	h.mu.Unlock()
	if ok && sm.generation == gen && (sm.until.IsZero() || now.Before(sm.until)) {
		return sm, nil
	}
	sm = &sitemap{generation: gen, until: h.src.NextChange(now), files: map[string]sitemapFile{}}
	public := guildhall.VisibilityPublic
	filter := &guildhall.PostFilter{Visibility: &public}
	order := &guildhall.PostOrder{Field: guildhall.OrderPublishedAt, Direction: guildhall.Asc}
	newest := map[string]time.Time{} // author ID -> newest change among their posts
	var posts []sitemapURL
	first := guildhall.MaxPageSize
	for after := (*string)(nil); ; {
		page, err := h.src.Posts(ctx, &first, after, filter, order)
		if err != nil {
			return nil, err
		}
		for _, p := range page.Items {
			at := later(p.UpdatedAt, *p.PublishedAt)
			newest[p.AuthorID] = later(newest[p.AuthorID], at)
			loc := guildhall.PostURL(site, p.Slug)
			if c := p.SEO.CanonicalURL; c != nil {
				if !sameOrigin(*c, site) {
					continue // the page's canonical home is another site: its sitemap lists it
				}
				loc = *c
			}
			posts = append(posts, newSitemapURL(loc, at))
		}
		if !page.HasNextPage {
			break
		}
		last := page.Cursor(len(page.Items) - 1)
		after = &last
	}
	withPosts := true
	for after := (*string)(nil); ; {
		page, err := h.src.Members(ctx, &first, after, &guildhall.MemberFilter{HasPublishedPosts: &withPosts})
		if err != nil {
			return nil, err
		}
		for _, m := range page.Items {
			sm.urls = append(sm.urls, newSitemapURL(guildhall.MemberURL(site, m.Slug), later(m.UpdatedAt, newest[m.ID])))
		}
		if !page.HasNextPage {
			break
		}
		last := page.Cursor(len(page.Items) - 1)
		after = &last
	}
	sm.urls = append(sm.urls, posts...)
	h.mu.Lock()
	h.sitemaps[site] = sm
	h.mu.Unlock()
	return sm, nil
}

// sameOrigin reports whether the URL u is on the site (the same scheme, host and port): a
// sitemap may list only its own site's pages.
func sameOrigin(u, site string) bool {
	a, err1 := url.Parse(u)
	b, err2 := url.Parse(site)
	return err1 == nil && err2 == nil && strings.EqualFold(a.Scheme, b.Scheme) && strings.EqualFold(a.Host, b.Host)
}

func newSitemapURL(loc string, at time.Time) sitemapURL {
	return sitemapURL{Loc: clean(loc), LastMod: atomTime(at), at: at}
}

// sitemapFile renders one file of the sitemap: "index" is /sitemap.xml, a urlset when every
// URL fits in one file and an index of the numbered files otherwise.
func (h *Handler) sitemapFile(sm *sitemap, site, name string) (sitemapFile, bool, error) {
	h.mu.Lock()
	f, ok := sm.files[name]
	h.mu.Unlock()
	if ok {
		return f, true, nil
	}
	per := h.opts.SitemapURLs
	chunks := (len(sm.urls) + per - 1) / per
	var doc any
	var modified time.Time
	switch n, _ := strconv.Atoi(name); {
	case name == "index" && chunks <= 1:
		doc, modified = urlSet{NS: sitemapNS, URLs: sm.urls}, newestOf(sm.urls)
	case name == "index":
		index := sitemapIndex{NS: sitemapNS}
		for i := range chunks {
			at := newestOf(sm.urls[i*per : min((i+1)*per, len(sm.urls))])
			index.Sitemaps = append(index.Sitemaps, newSitemapURL(fmt.Sprintf("%s/sitemaps/%d.xml", site, i+1), at))
			modified = later(modified, at)
		}
		doc = index
	case n >= 1 && n <= max(chunks, 1):
		urls := sm.urls[min((n-1)*per, len(sm.urls)):min(n*per, len(sm.urls))]
		doc, modified = urlSet{NS: sitemapNS, URLs: urls}, newestOf(urls)
	default:
		return sitemapFile{}, false, nil
	}
	body, err := encodeXML(doc)
	if err != nil {
		return sitemapFile{}, false, err
	}
	sum := sha256.Sum256(body)
	f = sitemapFile{body: body, etag: `"` + base64.RawURLEncoding.EncodeToString(sum[:18]) + `"`, modified: modified}
	h.mu.Lock()
	sm.files[name] = f
	h.mu.Unlock()
	return f, true, nil
}

func newestOf(urls []sitemapURL) time.Time {
	var t time.Time
	for _, u := range urls {
		t = later(t, u.at)
	}
	return t
}
