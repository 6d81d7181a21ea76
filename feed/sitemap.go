package feed

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/xml"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/guildhall/guildhall"
	"github.com/guildhall/guildhall/internal/sizedlru"
)

// The sitemap (https://www.sitemaps.org/protocol.html) lists the pages search engines may
// index: every member with published posts ({site}/members/{slug}) and every published
// PUBLIC post ({site}/posts/{slug}), oldest first, each with the time it last changed.
// Members-only posts are left out: their pages show a teaser, not the post. A file holds at
// most Options.SitemapURLs URLs; when there are more, /sitemap.xml is an index of
// /sitemaps/1.xml, /sitemaps/2.xml and so on.

// sitemap is the site's URLs, relative to it ("/posts/{slug}"): the same whatever Host a
// request names, so it is built once per content and minute. Its files, rendered for the
// configured site, are kept with it (as many as the content needs); rendered for a Host a
// client named, in Handler.hostSitemapFiles, bounded by bytes.
type sitemap struct {
	key   string
	urls  []sitemapURL
	files *sizedlru.Cache[string, sitemapFile] // by name, for Options.SiteURL
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

// sitemap returns the URLs of the site, built again when content has changed or a minute has
// passed (scheduled posts go live by the clock alone).
func (h *Handler) sitemap(ctx context.Context) (*sitemap, error) {
	key := fmt.Sprintf("%d/%d", h.src.Generation(), h.opts.Now().Truncate(time.Minute).Unix())
	h.mu.Lock()
	sm := h.currentSitemap
	h.mu.Unlock()
	if sm != nil && sm.key == key {
		return sm, nil
	}
	const site = "" // links relative to the site; each file is rendered for its own
	sm = &sitemap{key: key, files: sizedlru.New[string, sitemapFile](math.MaxInt64)}
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
			posts = append(posts, newSitemapURL(guildhall.PostURL(site, p.Slug), at))
			newest[p.AuthorID] = later(newest[p.AuthorID], at)
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
		doc, modified = urlSet{NS: sitemapNS, URLs: absolute(site, sm.urls)}, newestOf(sm.urls)
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
		doc, modified = urlSet{NS: sitemapNS, URLs: absolute(site, urls)}, newestOf(urls)
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

// absolute returns urls with their links on site.
func absolute(site string, urls []sitemapURL) []sitemapURL {
	out := make([]sitemapURL, len(urls))
	for i, u := range urls {
		out[i] = u
		out[i].Loc = clean(site) + u.Loc
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
