package guildhall

import (
	"net/url"
	"strings"
)

// The public site (GUILDHALL_SITE_URL) shows posts, members and tags at these paths. Guildhall
// is headless and serves none of them itself: feeds, the sitemap and webhook payloads link to
// them, and the site's front end is expected to answer them.

// PostURL is a post's page on the site: {site}/posts/{slug}.
func PostURL(site, slug string) string { return siteURL(site, "posts", slug) }

// MemberURL is a member's page (profile and posts) on the site: {site}/members/{slug}.
func MemberURL(site, slug string) string { return siteURL(site, "members", slug) }

// TagURL is the page of a tag's posts on the site: {site}/tags/{tag}.
func TagURL(site, tag string) string { return siteURL(site, "tags", tag) }

func siteURL(site, section, name string) string {
	return strings.TrimSuffix(site, "/") + "/" + section + "/" + url.PathEscape(name)
}

// Redirect is where a former site's path now lives, for the front end to answer with a
// redirect: To is the post's page (PostURL), Status the HTTP status to send.
type Redirect struct {
	To     string
	Status int
}

// MaxOldPathLength bounds the paths redirect(path:) looks up.
const MaxOldPathLength = 2000

// OldPath is the form in which a former site's link is stored and looked up: the path of a
// URL or path, unescaped, without a trailing slash, and of the query only WordPress's post
// and page IDs ("/?p=101"), which plain permalinks are made of; so that
// "https://old.example/2014/01/caf%C3%A9/?utm_source=x" and "/2014/01/café" are one path.
func OldPath(raw string) (string, bool) {
	raw = strings.TrimSpace(raw)
	if raw == "" || len(raw) > MaxOldPathLength {
		return "", false
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "", false
	}
	path := u.Path
	if path == "" || path[0] != '/' {
		path = "/" + path
	}
	if len(path) > 1 {
		path = strings.TrimRight(path, "/")
		if path == "" {
			path = "/"
		}
	}
	q := u.Query()
	for _, key := range []string{"p", "page_id"} {
		if id := strings.TrimLeft(q.Get(key), "0"); id != "" && strings.Trim(id, "0123456789") == "" {
			return path + "?" + key + "=" + id, true
		}
	}
	return path, true
}
