package feed

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/xml"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/guildhall/guildhall"
	"github.com/guildhall/guildhall/internal/sizedlru"
)

// The sitemap (https://www.sitemaps.org/protocol.html) lists the pages search engines may
// index: every member with published posts ({site}/members/{slug}) and every published
// PUBLIC post ({site}/posts/{slug}, or its canonical URL when that is on the site; a post
// whose canonical URL is elsewhere is left out), oldest first, each with the time it last
// changed.
// Members-only posts are left out: their pages show a teaser, not the post. A file holds at
// most Options.SitemapURLs URLs; when there are more, /sitemap.xml is an index of
// /sitemaps/1.xml, /sitemaps/2.xml and so on.

// sitemap is the site's URLs, relative to it ("/posts/{slug}"): the same whatever Host a
// request names, so it is built once per content, and again when the clock changes what
// readers see. Its files, rendered for the configured site, are kept with it (as many as the
// content needs); rendered for a Host a client named, in Handler.hostSitemapFiles, bounded
// by bytes.
type sitemap struct {
	// generation and until say how long it holds: while content is unchanged, and until the
	// clock changes what readers see (a scheduled post goes live, a post is taken down).
	// key names the two, for caches of its files.
	generation uint64
	until      time.Time
	key        string
	urls       []sitemapURL
	files      *sizedlru.Cache[string, sitemapFile] // by name, for Options.SiteURL
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
	sm, err := h.sitemap(anonymous(r))
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
func (h *Handler) sitemap(ctx context.Context) (*sitemap, error) {
	now, gen := h.opts.Now(), h.src.Generation()
	h.mu.Lock()
	sm := h.currentSitemap
	h.mu.Unlock()
	if sm != nil && sm.generation == gen && (sm.until.IsZero() || now.Before(sm.until)) {
		return sm, nil
	}
	const site = "" // links relative to the site; each file is rendered for its own
	until := h.src.NextChange(now)
	sm = &sitemap{generation: gen, until: until, key: fmt.Sprintf("%d/%d", gen, until.UnixNano()),
		files: sizedlru.New[string, sitemapFile](math.MaxInt64)}
	public := guildhall.VisibilityPublic
	filter := &guildhall.PostFilter{Visibility: &public}
	order := &guildhall.PostOrder{Field: guildhall.OrderPublishedAt, Direction: guildhall.Asc}
	newest := map[string]time.Time{} // author ID -> newest change among their posts
	var posts []sitemapURL
	first := guildhall.MaxPageSize
	for after := (*string)(nil); ; {
		if err := ctx.Err(); err != nil {
			return nil, err // the request ran out of time, or its client has gone
		}
		page, err := h.src.Posts(ctx, &first, after, filter, order)
		if err != nil {
			return nil, err
		}
		for _, p := range page.Items {
			at := later(p.UpdatedAt, *p.PublishedAt)
			newest[p.AuthorID] = later(newest[p.AuthorID], at)
			loc := guildhall.PostURL(site, p.Slug)
			if c := p.SEO.CanonicalURL; c != nil {
				loc = *c // absolute: listed only by the site it is on (see absolute)
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
		if err := ctx.Err(); err != nil {
			return nil, err
		}
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
	h.currentSitemap = sm
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

// sitemapFile renders one file of the sitemap for a site: "index" is /sitemap.xml, a urlset
// when every URL fits in one file and an index of the numbered files otherwise.
func (h *Handler) sitemapFile(sm *sitemap, site, name string) (sitemapFile, bool, error) {
	cache, cacheKey := sm.files, name
	if h.opts.SiteURL == "" {
		cache, cacheKey = h.hostSitemapFiles, sm.key+"\x00"+site+"\x00"+name
	}
	if f, ok := cache.Get(cacheKey); ok {
		return f, true, nil
	}
	per := h.opts.SitemapURLs
	chunks := (len(sm.urls) + per - 1) / per
	var doc any
	var modified time.Time
	switch n, _ := strconv.Atoi(name); {
	case name == "index" && chunks <= 1:
		urls := absolute(site, sm.urls)
		doc, modified = urlSet{NS: sitemapNS, URLs: urls}, newestOf(urls)
	case name == "index":
		index := sitemapIndex{NS: sitemapNS}
		for i := range chunks {
			at := newestOf(absolute(site, sm.urls[i*per:min((i+1)*per, len(sm.urls))]))
			index.Sitemaps = append(index.Sitemaps, newSitemapURL(fmt.Sprintf("%s/sitemaps/%d.xml", site, i+1), at))
			modified = later(modified, at)
		}
		doc = index
	case n >= 1 && n <= max(chunks, 1):
		urls := absolute(site, sm.urls[min((n-1)*per, len(sm.urls)):min(n*per, len(sm.urls))])
		doc, modified = urlSet{NS: sitemapNS, URLs: urls}, newestOf(urls)
	default:
		return sitemapFile{}, false, nil
	}
	body, err := encodeXML(doc)
	if err != nil {
		return sitemapFile{}, false, err
	}
	sum := sha256.Sum256(body)
	f := sitemapFile{body: body, etag: `"` + base64.RawURLEncoding.EncodeToString(sum[:18]) + `"`, modified: modified}
	cache.Add(cacheKey, f, int64(len(body)+len(cacheKey)))
	return f, true, nil
}

// absolute returns urls with their links on site, without the canonical URLs of pages whose
// home is another site.
func absolute(site string, urls []sitemapURL) []sitemapURL {
	out := make([]sitemapURL, 0, len(urls))
	for _, u := range urls {
		switch {
		case strings.HasPrefix(u.Loc, "/"):
			u.Loc = clean(site) + u.Loc
		case !sameOrigin(u.Loc, site):
			continue // a canonical URL on another site: that site's sitemap lists the page
		}
		out = append(out, u)
	}
	return out
}

func newestOf(urls []sitemapURL) time.Time {
	var t time.Time
	for _, u := range urls {
		t = later(t, u.at)
	}
	return t
}
