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
