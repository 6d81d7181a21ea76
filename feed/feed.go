// Package feed serves Guildhall's content to other sites: RSS 2.0, Atom 1.0 and JSON Feed 1.1
// feeds of the newest published posts (all, per author, per tag), and the sitemap.
//
// Feeds read through the service layer as the anonymous reader, whatever credential the
// request carries, so what they show is by construction what anyone may see: no drafts,
// scheduled or archived posts, and members-only posts as teasers that say so (their excerpt,
// a "Members only" line with a link, and a category). Every link is
// absolute, on the public site (see guildhall.PostURL): GUILDHALL_SITE_URL, or when that is
// not set the origin the request came to (through trusted proxies: package forwarded).
//
// Responses carry an ETag (a hash of exactly what the feed is made of: each post's ID and
// version, its author's, the site and the format) and Last-Modified, and answer a
// conditional GET with 304 Not Modified; rendered feeds are cached by ETag. Any origin may
// read them (CORS *).
package feed

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"path"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/rs/cors"

	"github.com/guildhall/guildhall"
	"github.com/guildhall/guildhall/forwarded"
	"github.com/guildhall/guildhall/internal/sizedlru"
)

// Source is what feeds read: the service layer (*cms.Service).
type Source interface {
	Posts(ctx context.Context, first *int, after *string, filter *guildhall.PostFilter, order *guildhall.PostOrder) (*guildhall.Page[*guildhall.Post], error)
	Member(ctx context.Context, id, slug *string) (*guildhall.Member, error)
	Members(ctx context.Context, first *int, after *string, filter *guildhall.MemberFilter) (*guildhall.Page[*guildhall.Member], error)
	Author(p *guildhall.Post) (*guildhall.Member, error)
	Body(ctx context.Context, p *guildhall.Post) *guildhall.RichText
	// AssetOf is the asset id names (a post's featured image), nil when none.
	AssetOf(id *string) *guildhall.Asset
	// RemovedAt is the latest time a post left the posts the filter selects: a feed's
	// Last-Modified is never earlier, so it never goes back in time.
	RemovedAt(filter *guildhall.PostFilter) time.Time
	Generation() uint64
	// NextChange is the next moment after now at which what readers see changes by the clock
	// alone (a scheduled post goes live, a post is taken down); zero when none is due.
	NextChange(now time.Time) time.Time
}

// Options configure the handler.
type Options struct {
	// SiteURL is the public site every link points at (GUILDHALL_SITE_URL), without a
	// trailing slash. Empty means the origin of each request.
	SiteURL string
	// TrustedProxies, without SiteURL, are the reverse proxies whose forwarding headers say
	// the scheme and host readers used (GUILDHALL_TRUSTED_PROXIES); anyone else's are ignored.
	TrustedProxies forwarded.Proxies
	// MediaURL is the origin images are served from (GUILDHALL_MEDIA_URL). Empty means this
	// server, as the reader reached it: images are served by Guildhall, wherever the site is.
	MediaURL string
	// SiteName titles the feeds (GUILDHALL_SITE_NAME).
	SiteName string
	// Items is how many posts a feed holds (default 50).
	Items int
	// SitemapURLs is how many URLs one sitemap file holds (default 50,000, the protocol's
	// limit); beyond it /sitemap.xml becomes an index of /sitemaps/{n}.xml.
	SitemapURLs int
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Logger is told of failures; nil means slog.Default().
	Logger *slog.Logger
}

// CacheControl is what feeds and the sitemap tell caches: anyone may keep them for five
// minutes, then must ask again (cheaply, with the ETag).
const CacheControl = "public, max-age=300"

// Handler serves /feeds/..., /sitemap.xml and /sitemaps/....
type Handler struct {
	src  Source
	opts Options
	h    http.Handler

	// Rendered feeds (by ETag) and, with GUILDHALL_SITE_URL unset, sitemap files (by
	// content, site and file): the site is then each request's Host, which a client
	// chooses, so both are bounded by bytes.
	rendered         *sizedlru.Cache[string, renderedFeed]
	hostSitemapFiles *sizedlru.Cache[string, sitemapFile]

	mu             sync.Mutex
	currentSitemap *sitemap
}

// Memory for rendered feeds, and for sitemap files rendered for Host headers.
const (
	renderedBytes         = 8 << 20
	hostSitemapFilesBytes = 8 << 20
)

// NewHandler returns the handler for the feed and sitemap routes.
func NewHandler(src Source, opts Options) *Handler {
	if opts.Items == 0 {
		opts.Items = 50
	}
	if opts.SitemapURLs == 0 {
		opts.SitemapURLs = 50000
	}
	if opts.SiteName == "" {
		opts.SiteName = "Guildhall"
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	opts.SiteURL = strings.TrimSuffix(opts.SiteURL, "/")
	h := &Handler{src: src, opts: opts, rendered: sizedlru.New[string, renderedFeed](renderedBytes),
		hostSitemapFiles: sizedlru.New[string, sitemapFile](hostSitemapFilesBytes)}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /feeds/{file}", h.allPosts)
	mux.HandleFunc("GET /feeds/members/{file}", h.memberPosts)
	mux.HandleFunc("GET /feeds/tags/{file}", h.tagPosts)
	mux.HandleFunc("GET /sitemap.xml", h.sitemapIndex)
	mux.HandleFunc("GET /sitemaps/{file}", h.sitemapPage)
	// Feeds are public by nature: any site may read them from a browser. If-None-Match
	// makes a request non-simple, so the preflight allows it and the validators are exposed.
	h.h = cors.New(cors.Options{
		AllowedOrigins: []string{"*"},
		AllowedMethods: []string{http.MethodGet, http.MethodHead},
		AllowedHeaders: []string{"If-None-Match", "If-Modified-Since"},
		ExposedHeaders: []string{"ETag", "Last-Modified"},
		MaxAge:         86400,
	}).Handler(mux)
	return h
}

func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) { h.h.ServeHTTP(w, r) }

// site is the base of every absolute link in a response to r: the configured site, else the
// origin the reader used (forwarding headers believed from trusted proxies only).
func (h *Handler) site(r *http.Request) string {
	if h.opts.SiteURL != "" {
		return h.opts.SiteURL
	}
	return h.opts.TrustedProxies.Origin(r)
}

// splitFile splits "posts.rss" into "posts" and a known format, or reports false.
func splitFile(file string) (name, format string, ok bool) {
	ext := path.Ext(file)
	if _, known := formats[strings.TrimPrefix(ext, ".")]; !known || len(file) == len(ext) {
		return "", "", false
	}
	return strings.TrimSuffix(file, ext), ext[1:], true
}

func (h *Handler) allPosts(w http.ResponseWriter, r *http.Request) {
	name, format, ok := splitFile(r.PathValue("file"))
	if !ok || name != "posts" {
		http.NotFound(w, r)
		return
	}
	site := h.site(r)
	f := &Feed{Title: h.opts.SiteName, Description: "The newest posts on " + h.opts.SiteName + ".",
		HomeURL: site + "/", SelfURL: site + "/feeds/posts"}
	h.serveFeed(w, r, site, f, format, &guildhall.PostFilter{}, nil)
}

func (h *Handler) memberPosts(w http.ResponseWriter, r *http.Request) {
	slug, format, ok := splitFile(r.PathValue("file"))
	if !ok {
		http.NotFound(w, r)
		return
	}
	m, err := h.src.Member(anonymous(r), nil, &slug)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if m.Slug != slug {
		// A former slug: send readers to the feed's current address.
		http.Redirect(w, r, "/feeds/members/"+m.Slug+"."+format, http.StatusMovedPermanently)
		return
	}
	site := h.site(r)
	f := &Feed{Title: h.opts.SiteName + ": posts by " + m.Name, Description: "The newest posts by " + m.Name + " on " + h.opts.SiteName + ".",
		HomeURL: guildhall.MemberURL(site, m.Slug), SelfURL: site + "/feeds/members/" + m.Slug}
	h.serveFeed(w, r, site, f, format, &guildhall.PostFilter{AuthorSlug: &m.Slug}, m)
}

func (h *Handler) tagPosts(w http.ResponseWriter, r *http.Request) {
	tag, format, ok := splitFile(r.PathValue("file"))
	if !ok || strings.TrimSpace(tag) == "" || utf8.RuneCountInString(tag) > guildhall.MaxTagLength || strings.ContainsFunc(tag, unicode.IsControl) || !utf8.ValidString(tag) {
		http.NotFound(w, r)
		return
	}
	site := h.site(r)
	f := &Feed{Title: h.opts.SiteName + ": posts tagged " + tag, Description: "The newest posts tagged " + tag + " on " + h.opts.SiteName + ".",
		HomeURL: guildhall.TagURL(site, tag), SelfURL: site + "/feeds/tags/" + url.PathEscape(tag)}
	h.serveFeed(w, r, site, f, format, &guildhall.PostFilter{Tag: &tag}, nil)
}

// anonymous is the request's context with the anonymous viewer, whoever is asking: feeds
// show what anyone may see, and caches may share them.
func anonymous(r *http.Request) context.Context {
	return guildhall.WithViewer(r.Context(), guildhall.Anonymous)
}

// serveFeed fills f with the newest posts the filter selects and serves it in the format,
// linking to the site. member is the member a per-author feed is of.
func (h *Handler) serveFeed(w http.ResponseWriter, r *http.Request, site string, f *Feed, format string, filter *guildhall.PostFilter, member *guildhall.Member) {
	ctx := anonymous(r)
	page, err := h.src.Posts(ctx, &h.opts.Items, nil, filter, nil)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	// The ETag covers everything the rendered feed is made of.
	sum := sha256.New()
	fmt.Fprintf(sum, "%s\x00%s\x00%s\x00%s\x00", format, f.Title, f.HomeURL, f.SelfURL)
	if member != nil {
		fmt.Fprintf(sum, "member %s %d\x00", member.ID, member.Version)
		f.Updated = member.UpdatedAt
	}
	// A removal changes the feed as much as a new post does: the validators follow it, so a
	// reader's If-Modified-Since from before it is answered with the feed, not a 304.
	removed := h.src.RemovedAt(filter)
	fmt.Fprintf(sum, "removed %d\x00", removed.UnixNano())
	f.Updated = later(f.Updated, removed)
	host := hostOf(site)
	media := h.opts.MediaURL
	if media == "" {
		media = h.opts.TrustedProxies.Origin(r)
	}
	fmt.Fprintf(sum, "media %s\x00", media)
	// Bodies are unpacked only to render a feed not cached yet: most requests are answered
	// from the cache, by an ETag that their IDs and versions decide.
	bodies := make([]*guildhall.RichText, len(page.Items))
	for i, p := range page.Items {
		author, err := h.src.Author(p)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		body := h.src.Body(ctx, p)
		bodies[i] = body
		fmt.Fprintf(sum, "%s %d %s %d %t\x00", p.ID, p.Version, author.ID, author.Version, body != nil)
		it := Item{
			ID:  fmt.Sprintf("tag:%s,%s:post/%s", host, p.CreatedAt.UTC().Format(time.DateOnly), p.ID),
			URL: guildhall.PostURL(site, p.Slug), Title: p.Title,
			AuthorName: author.Name, AuthorURL: guildhall.MemberURL(site, author.Slug),
			Published: *p.PublishedAt, Updated: later(p.UpdatedAt, *p.PublishedAt),
			Tags: p.Tags, Summary: p.Excerpt,
		}
		if c := p.SEO.CanonicalURL; c != nil {
			it.Link = *c
		}
		if a := h.src.AssetOf(p.FeaturedImageID); a != nil {
			fmt.Fprintf(sum, "image %s %d\x00", a.ID, a.Version)
			it.Image = &Enclosure{URL: media + a.Path(), Type: a.ContentType, Length: a.Bytes}
		}
		if body == nil {
			it.MembersOnly, it.ContentHTML = true, teaserHTML(p.Excerpt, it.URL, h.opts.SiteName)
		}
		f.Items = append(f.Items, it)
		f.Updated = later(f.Updated, it.Updated)
	}
	etag := `"` + base64.RawURLEncoding.EncodeToString(sum.Sum(nil)[:18]) + `"`
	out, ok := h.rendered.Get(etag)
	if !ok {
		if f.Updated.IsZero() {
			// Empty, and no member to date it by: it changed, as far as this server can
			// tell, when it first served it so. Cached with the body, so it stays put.
			f.Updated = h.opts.Now().UTC().Truncate(time.Second)
		}
		for i, b := range bodies {
			if b != nil {
				f.Items[i].ContentHTML = mediaAbsolute(b.HTML(), media)
			}
		}
		body, err := formats[format].render(prepared(f))
		if err != nil {
			h.fail(w, r, err)
			return
		}
		out = renderedFeed{body: body, modified: f.Updated}
		h.rendered.Add(etag, out, int64(len(body)+len(etag)))
	}
	serve(w, r, formats[format].contentType, etag, out.modified, out.body)
}

// renderedFeed is a feed as served, with the time its Last-Modified names.
type renderedFeed struct {
	body     []byte
	modified time.Time
}

func hostOf(u string) string {
	if parsed, err := url.Parse(u); err == nil && parsed.Hostname() != "" {
		return parsed.Hostname()
	}
	return "localhost"
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// serve writes body with its validators; http.ServeContent answers conditional requests
// (If-None-Match first, then If-Modified-Since) with 304, and HEAD and Range requests.
func serve(w http.ResponseWriter, r *http.Request, contentType, etag string, modified time.Time, body []byte) {
	hdr := w.Header()
	hdr.Set("Content-Type", contentType)
	hdr.Set("Cache-Control", CacheControl)
	hdr.Set("ETag", etag)
	hdr.Set("X-Content-Type-Options", "nosniff")
	http.ServeContent(w, r, "", modified, bytes.NewReader(body))
}

// fail answers an error: not found as 404, a request that ran out of time (or whose client
// has gone) as 503, anything else as 5xx, logged.
func (h *Handler) fail(w http.ResponseWriter, r *http.Request, err error) {
	if r.Context().Err() != nil {
		http.Error(w, "The request took too long and was stopped.", http.StatusServiceUnavailable)
		return
	}
	switch guildhall.ErrorCode(err) {
	case guildhall.ENOTFOUND:
		http.NotFound(w, r)
	case guildhall.EUNAVAILABLE:
		http.Error(w, "Service unavailable.", http.StatusServiceUnavailable)
	default:
		h.opts.Logger.ErrorContext(r.Context(), "feed failed", "path", r.URL.Path, "err", err)
		http.Error(w, "Internal error.", http.StatusInternalServerError)
	}
}
