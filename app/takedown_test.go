package app_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/guildhall/guildhall/app"
)

const takeDownWord = "wombatfestival"

// A post published with unpublishAt disappears for readers at that moment by the clock alone:
// post, lists, counts, search, feeds, the sitemap and cached answers follow, on every
// instance, and POST_UNPUBLISHED is delivered once, at that moment, across two instances.
func TestScheduledTakeDown(t *testing.T) {
	s := deliveringServer(t, func(c *app.Config) { c.PublicMaxAge = 2 * time.Hour })
	cfg := s.cfg
	cfg.Addr, cfg.Seed = "127.0.0.1:0", false
	other := startAnother(t, cfg)
	other.Clock = s.Clock
	rcv := newReceiver(t, s.Clock, 0)
	hook := s.createWebhook(rcv.srv.URL, "POST_PUBLISHED", "POST_UNPUBLISHED")
	author := memberIDBySlug(s, "zoe-angstrom")
	d := s.MustQuery(adminToken, `mutation($a: ID) { createPost(input: {title: "The wombat festival", body: "<p>The `+takeDownWord+` is on.</p>",
		authorId: $a, tags: ["festivals"]}) { id slug } }`, map[string]any{"a": author})
	id, slug := str(d, "createPost.id"), str(d, "createPost.slug")
	vars := map[string]any{"id": id}
	now := s.Clock.Now()
	at := func(d time.Duration) string { return now.Add(d).Format(time.RFC3339) }
	const publish = `mutation($id: ID!, $p: Time, $u: Time) { publishPost(id: $id, publishAt: $p, unpublishAt: $u) { status publishedAt unpublishAt } }`
	runScenarios(t, s, []scenario{
		{name: "a take-down in the past", token: adminToken, query: publish, vars: map[string]any{"id": id, "u": at(-time.Minute)},
			wantCode: "BAD_USER_INPUT", errCheck: fieldsInclude("unpublishAt")},
		{name: "a take-down before it goes live", token: adminToken, query: publish, vars: map[string]any{"id": id, "p": at(2 * time.Hour), "u": at(time.Hour)},
			wantCode: "BAD_USER_INPUT", errCheck: fieldsInclude("unpublishAt")},
		{name: "a take-down out of range", token: adminToken, query: publish, vars: map[string]any{"id": id, "u": "2300-01-01T00:00:00Z"},
			wantCode: "BAD_USER_INPUT", errCheck: fieldsInclude("unpublishAt")},
		{name: "scheduled both ways", token: adminToken, query: publish, vars: map[string]any{"id": id, "p": at(time.Hour), "u": at(3 * time.Hour)},
			check: func(t *testing.T, d any) {
				if str(d, "publishPost.status") != "SCHEDULED" || str(d, "publishPost.unpublishAt") != at(3*time.Hour) {
					t.Errorf("scheduled: %v", dump(d))
				}
			}},
		{name: "nothing to change", token: adminToken, query: publish, vars: map[string]any{"id": id, "p": at(time.Hour)},
			check: func(t *testing.T, d any) {
				if str(d, "publishPost.unpublishAt") != at(3*time.Hour) {
					t.Errorf("a take-down left out is kept: %v", dump(d))
				}
			}},
	})

	s.Clock.Advance(time.Hour + time.Second)
	waitFor(t, "the publication's delivery", func() bool { return rcv.count() == 1 })
	// Live, the take-down moves earlier: publishPost on a published post sets only that.
	if d := s.MustQuery(adminToken, publish, map[string]any{"id": id, "u": at(2 * time.Hour)}); str(d, "publishPost.status") != "PUBLISHED" ||
		str(d, "publishPost.unpublishAt") != at(2*time.Hour) || str(d, "publishPost.publishedAt") != at(time.Hour) {
		t.Fatalf("moving the take-down: %v", dump(d))
	}
	if r := s.Query(adminToken, publish, map[string]any{"id": id, "u": at(2 * time.Hour)}); r.Code() != "BAD_USER_INPUT" {
		t.Errorf("publishing a published post with nothing to change: %+v", r.Errors)
	}
	count := func(srv *testServer) int {
		return num(srv.MustQuery("", `{ member(slug: "zoe-angstrom") { publishedPostCount } }`, nil), "member.publishedPostCount")
	}
	before := count(s)
	readers := func(srv *testServer) (visible bool, listed, found int) {
		r := srv.Query("", `query($s: String) { post(slug: $s) { id } }`, map[string]any{"s": slug})
		listed = num(srv.MustQuery("", `{ posts(filter: {tag: "festivals"}) { totalCount } }`, nil), "posts.totalCount")
		found = num(srv.MustQuery("", `query($q: String) { posts(filter: {search: $q}) { totalCount } }`, map[string]any{"q": takeDownWord}), "posts.totalCount")
		return r.Code() == "", listed, found
	}
	for _, srv := range []*testServer{s, other} {
		waitFor(t, "both instances to hold the take-down", func() bool {
			// NOT_FOUND too: the clock moved an hour, so the other instance may be reloading.
			r := srv.Query(adminToken, `query($id: ID) { post(id: $id) { unpublishAt } }`, vars)
			return len(r.Errors) == 0 && str(r.Data, "post.unpublishAt") == at(2*time.Hour)
		})
		if v, l, f := readers(srv); !v || l != 1 || f != 1 {
			t.Fatalf("live: visible %v, listed %d, found %d", v, l, f)
		}
	}
	inFeeds := func() (rss, sitemap bool) {
		_, feed := s.fetch(http.MethodGet, "/feeds/posts.rss")
		_, sm := s.fetch(http.MethodGet, "/sitemap.xml")
		return bytes.Contains(feed, []byte(slug)), bytes.Contains(sm, []byte(slug))
	}
	if rss, sm := inFeeds(); !rss || !sm {
		t.Fatalf("the live post is missing from the feed (%v) or the sitemap (%v)", rss, sm)
	}
	// Anonymous answers are cached, and CDNs told to keep them, only until the take-down.
	cached := s.post("", `query($s: String) { post(slug: $s) { id } }`, map[string]any{"s": slug})
	if age, _ := strconv.Atoi(strings.TrimPrefix(cached.Header.Get("Cache-Control"), "public, max-age=")); age < 1 || age > 3600 {
		t.Errorf("Cache-Control %q: want at most the hour until the take-down", cached.Header.Get("Cache-Control"))
	}

	// One second before the take-down, everything still shows it (and the caches hold it).
	s.Clock.Advance(time.Hour - 2*time.Second)
	for _, srv := range []*testServer{s, other} {
		if v, l, f := readers(srv); !v || l != 1 || f != 1 {
			t.Fatalf("a second before: visible %v, listed %d, found %d", v, l, f)
		}
	}
	if rss, sm := inFeeds(); !rss || !sm {
		t.Fatalf("a second before: in the feed %v, in the sitemap %v", rss, sm)
	}
	if rcv.count() != 1 {
		t.Fatalf("%d deliveries before the take-down, want 1", rcv.count())
	}

	// A second after it, by the clock alone: nothing was written in between.
	s.Clock.Advance(2 * time.Second)
	for _, srv := range []*testServer{s, other} {
		if v, l, f := readers(srv); v || l != 0 || f != 0 {
			t.Errorf("after the take-down: visible %v, listed %d, found %d", v, l, f)
		}
		if d := srv.MustQuery(adminToken, `query($id: ID) { post(id: $id) { status publishedAt } }`, vars); str(d, "post.status") != "ARCHIVED" || str(d, "post.publishedAt") != at(time.Hour) {
			t.Errorf("the editor's view: %v", dump(d))
		}
		if n := count(srv); n != before-1 {
			t.Errorf("publishedPostCount %d, want %d", n, before-1)
		}
	}
	if rss, sm := inFeeds(); rss || sm {
		t.Errorf("after the take-down: in the feed %v, in the sitemap %v", rss, sm)
	}
	// The feed's Last-Modified moves forward to the take-down, so a reader asking
	// If-Modified-Since is not told that nothing changed.
	if res, _ := s.fetch(http.MethodGet, "/feeds/posts.rss"); res.Header.Get("Last-Modified") != now.Add(2*time.Hour).UTC().Format(http.TimeFormat) {
		t.Errorf("the feed's Last-Modified after the take-down: %q", res.Header.Get("Last-Modified"))
	}
	waitFor(t, "the take-down's delivery", func() bool { return rcv.count() == 2 })
	var payload struct {
		Type string
		Data struct {
			Post struct{ ID, Status, UnpublishAt string }
		}
	}
	if err := json.Unmarshal(rcv.request(1).Body, &payload); err != nil || payload.Type != "POST_UNPUBLISHED" || payload.Data.Post.ID != id ||
		payload.Data.Post.Status != "ARCHIVED" || payload.Data.Post.UnpublishAt != at(2*time.Hour) {
		t.Errorf("the take-down's payload: %s", rcv.request(1).Body)
	}
	// The first take-down time passes too: that delivery is cancelled, nothing is sent.
	s.Clock.Advance(time.Hour)
	waitFor(t, "the withdrawn take-down to be cancelled", func() bool {
		statuses := map[string]int{}
		for _, d := range s.deliveries(hook) {
			statuses[str(d, "event")+" "+str(d, "status")]++
		}
		return statuses["POST_UNPUBLISHED CANCELLED"] == 1 && statuses["POST_UNPUBLISHED DELIVERED"] == 1
	})
	time.Sleep(100 * time.Millisecond) // room for a wrong repeat to arrive
	if rcv.count() != 2 {
		t.Errorf("%d deliveries, want 2 (published, taken down once)", rcv.count())
	}

	// unpublishAt: null removes a take-down; an archived (taken down) post is republished
	// only after it is unpublished, which clears both dates.
	if r := s.Query(adminToken, publish, vars); r.Code() != "BAD_USER_INPUT" {
		t.Errorf("publishing a taken-down post: %+v", r.Errors)
	}
	if d := s.MustQuery(adminToken, `mutation($id: ID!) { unpublishPost(id: $id) { status publishedAt unpublishAt } }`, vars); str(d, "unpublishPost.status") != "DRAFT" ||
		get(d, "unpublishPost.unpublishAt") != nil {
		t.Errorf("unpublished: %v", dump(d))
	}
	later := s.Clock.Now().Add(time.Hour).Format(time.RFC3339)
	s.MustQuery(adminToken, publish, map[string]any{"id": id, "u": later})
	if d := s.MustQuery(adminToken, `mutation($id: ID!) { publishPost(id: $id, unpublishAt: null) { status unpublishAt } }`, vars); str(d, "publishPost.status") != "PUBLISHED" ||
		get(d, "publishPost.unpublishAt") != nil {
		t.Errorf("unpublishAt: null: %v", dump(d))
	}
	// Both instances know of the removal before its time comes (the workers would learn of it
	// anyway: TestTakeDownRemovedElsewhereIsNotAnnounced).
	waitFor(t, "the other instance to hold the removal", func() bool {
		return get(other.MustQuery(adminToken, `query($id: ID) { post(id: $id) { unpublishAt } }`, vars), "post.unpublishAt") == nil
	})
	s.Clock.Advance(2 * time.Hour)
	if v, _, _ := readers(s); !v {
		t.Errorf("a post whose take-down was removed went down")
	}
	// Its queued take-down is cancelled: published, taken down, published again.
	waitFor(t, "the removed take-down to be cancelled", func() bool {
		n := 0
		for _, d := range s.deliveries(hook) {
			if str(d, "event") == "POST_UNPUBLISHED" && str(d, "status") == "CANCELLED" {
				n++
			}
		}
		return n == 2
	})
	if rcv.count() != 3 {
		t.Errorf("%d deliveries, want 3", rcv.count())
	}
}

// A worker decides a scheduled event on the latest state of its post, not on what its instance
// has heard so far: a take-down another instance removed a moment before its time is not
// announced, however long the sync interval.
func TestTakeDownRemovedElsewhereIsNotAnnounced(t *testing.T) {
	shared := seededSharedDatabase(t)
	a := deliveringServer(t, shared, neverSyncs)
	b := MustRunServer(t, shared, neverSyncs) // its clock stays put, so its worker never finds the attempt due
	rcv := newReceiver(t, a.Clock, 0)
	hook := a.createWebhook(rcv.srv.URL, "POST_UNPUBLISHED")
	id, _ := a.publishNew("A festival that will stay")
	vars := map[string]any{"id": id}
	down := a.Clock.Now().Add(time.Hour).Format(time.RFC3339)
	a.MustQuery(adminToken, `mutation($id: ID!, $u: Time) { publishPost(id: $id, unpublishAt: $u) { status } }`, map[string]any{"id": id, "u": down})
	if d := b.MustQuery(adminToken, `mutation($id: ID!) { publishPost(id: $id, unpublishAt: null) { unpublishAt } }`, vars); get(d, "publishPost.unpublishAt") != nil {
		t.Fatalf("removing the take-down on b: %v", dump(d))
	}

	a.Clock.Advance(time.Hour + time.Second)
	waitFor(t, "the take-down's delivery to be settled", func() bool {
		for _, d := range a.deliveries(hook) {
			if str(d, "event") == "POST_UNPUBLISHED" && str(d, "status") != "PENDING" {
				return true
			}
		}
		return false
	})
	for _, d := range a.deliveries(hook) {
		if str(d, "event") == "POST_UNPUBLISHED" && str(d, "status") != "CANCELLED" {
			t.Errorf("the removed take-down was %s, want CANCELLED", str(d, "status"))
		}
	}
	if rcv.count() != 0 {
		t.Errorf("%d deliveries of a take-down that was removed", rcv.count())
	}
}
