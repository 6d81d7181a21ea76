package app_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/guildhall/guildhall/app"
)

// A feed's Last-Modified is the time of the last change that affected it, removals included:
// after its newest post is unpublished, archived, deleted or untagged, it moves forward, and
// a reader who sends only If-Modified-Since gets the feed without the post, not a 304. It
// never goes back, on this instance, on another one, or after a restart.
func TestFeedLastModifiedNeverGoesBack(t *testing.T) {
	s := MustRunServer(t, withSite)
	other := MustRunServer(t, withSite, func(c *app.Config) { c.Database = s.cfg.Database; c.Seed = false })
	const author, tag = "zoe-angstrom", "lastmod-probe"
	authorID := memberIDBySlug(s, author)
	all, byAuthor, byTag := "/feeds/posts.rss", "/feeds/members/"+author+".atom", "/feeds/tags/"+tag+".json"
	lastModified := func(srv *testServer, path string, header ...string) (time.Time, int) {
		t.Helper()
		res, _ := srv.fetch(http.MethodGet, path, header...)
		lm, err := http.ParseTime(res.Header.Get("Last-Modified"))
		if res.StatusCode == http.StatusOK && err != nil {
			t.Fatalf("%s: Last-Modified %q", path, res.Header.Get("Last-Modified"))
		}
		return lm, res.StatusCode
	}
	for _, removal := range []struct {
		name     string
		mutation string
		feeds    []string // the feeds the post leaves
	}{
		{"unpublished", `mutation($id: ID!) { unpublishPost(id: $id) { id } }`, []string{all, byAuthor, byTag}},
		{"archived", `mutation($id: ID!) { archivePost(id: $id) { id } }`, []string{all, byAuthor, byTag}},
		{"deleted", `mutation($id: ID!) { deletePost(id: $id) }`, []string{all, byAuthor, byTag}},
		{"untagged", `mutation($id: ID!) { updatePost(input: {id: $id, expectedVersion: 2, tags: []}) { id } }`, []string{byTag}},
	} {
		t.Run(removal.name, func(t *testing.T) {
			s.Clock.Advance(time.Minute)
			id := str(s.MustQuery(adminToken, `mutation($a: ID, $t: [String!]) { createPost(input: {title: "Newest", body: "<p>x</p>", authorId: $a, tags: $t}) { id } }`,
				map[string]any{"a": authorID, "t": []string{tag}}), "createPost.id")
			s.MustQuery(adminToken, `mutation($id: ID!) { publishPost(id: $id) { id } }`, map[string]any{"id": id})
			before := map[string]time.Time{}
			for _, path := range removal.feeds {
				before[path], _ = lastModified(s, path)
				if !before[path].Equal(s.Clock.Now().Truncate(time.Second)) {
					t.Fatalf("%s: Last-Modified %v, want the new post's %v", path, before[path], s.Clock.Now())
				}
			}
			s.Clock.Advance(time.Minute)
			removedAt := s.Clock.Now().Truncate(time.Second)
			s.MustQuery(adminToken, removal.mutation, map[string]any{"id": id})
			for _, path := range removal.feeds {
				if lm, _ := lastModified(s, path); lm.Before(removedAt) {
					t.Errorf("%s: Last-Modified %v after a removal at %v (was %v)", path, lm, removedAt, before[path])
				}
				if _, status := lastModified(s, path, "If-Modified-Since", before[path].Format(http.TimeFormat)); status != http.StatusOK {
					t.Errorf("%s: If-Modified-Since from before the removal: %d, want 200", path, status)
				}
				waitFor(t, "the other instance to follow", func() bool {
					lm, _ := lastModified(other, path)
					return !lm.Before(removedAt)
				})
			}
		})
	}
	// A restart reads the same times from the database.
	want := map[string]time.Time{}
	for _, path := range []string{all, byAuthor, byTag} {
		want[path], _ = lastModified(s, path)
	}
	s.Stop()
	again := MustRunServer(t, withSite, func(c *app.Config) { c.Database = s.cfg.Database; c.Seed = false })
	again.Clock.Advance(s.Clock.Now().Sub(again.Clock.Now()))
	for path, lm := range want {
		if got, _ := lastModified(again, path); got.Before(lm) {
			t.Errorf("%s after a restart: Last-Modified %v, was %v", path, got, lm)
		}
	}
}
