package app_test

import (
	"bytes"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
)

// Words that only a pending change holds: no reader, feed, search or cache may ever show them.
const (
	pendingWord  = "zanzibarish"
	pendingTitle = "Quokka pending headline"
)

const postWithPending = `query($id: ID) { post(id: $id) { title slug version status tags body { text }
	pendingChanges { revision title slug status tags body { text } savedBy { id } } } }`

// updatePost sends updatePost with the fields in input (id and expectedVersion added).
func (s *testServer) updatePost(token, id string, version int, input map[string]any) *gqlResponse {
	s.t.Helper()
	in := map[string]any{"id": id, "expectedVersion": version}
	for k, v := range input {
		in[k] = v
	}
	return s.Query(token, `mutation($in: UpdatePostInput!) { updatePost(input: $in) { version title slug excerpt tags
		pendingChanges { revision title excerpt status } } }`, map[string]any{"in": in})
}

// A published post edited asDraft keeps what readers see; the change waits in
// pendingChanges, for the author and staff only, until publishPost applies it or
// discardPendingChanges drops it.
func TestDraftsOfLivePosts(t *testing.T) {
	s := deliveringServer(t)
	p := setupPeople(t, s)
	rcv := newReceiver(t, s.Clock, 0)
	s.createWebhook(rcv.srv.URL, "POST_PUBLISHED", "POST_UPDATED", "POST_UNPUBLISHED")
	id := str(s.MustQuery(p.author, `mutation($a: ID) { createPost(input: {title: "Harbour walk notes", body: "<p>The original words.</p>",
		authorId: $a, tags: ["walks"]}) { id } }`, map[string]any{"a": p.authorID}), "createPost.id")
	s.MustQuery(p.author, `mutation($id: ID!) { publishPost(id: $id) { status } }`, map[string]any{"id": id})
	waitFor(t, "the publication's delivery", func() bool { return rcv.count() == 1 })

	r := s.updatePost(p.author, id, 2, map[string]any{"asDraft": true, "title": pendingTitle,
		"body": "<p>Words of the " + pendingWord + " draft.</p>", "tags": []string{"walks", "quokkas"}, "slug": "harbour-walk-revised"})
	if len(r.Errors) > 0 || num(r.Data, "updatePost.version") != 3 || str(r.Data, "updatePost.title") != "Harbour walk notes" ||
		str(r.Data, "updatePost.pendingChanges.title") != pendingTitle || num(r.Data, "updatePost.pendingChanges.revision") != 3 ||
		str(r.Data, "updatePost.pendingChanges.status") != "DRAFT" {
		t.Fatalf("asDraft answered %v %+v", dump(r.Data), r.Errors)
	}

	// Readers: the post as it was, and no trace of the draft on any path.
	vars := map[string]any{"id": id}
	assertNoPending := func(when string) {
		t.Helper()
		for _, c := range []struct{ name, token string }{{"anonymous", ""}, {"member", p.member}, {"other author", p.otherAuthor}} {
			for range 2 { // the second anonymous answer comes from the response cache
				d := s.MustQuery(c.token, postWithPending, vars)
				if str(d, "post.title") != "Harbour walk notes" || get(d, "post.pendingChanges") != nil || strings.Contains(dump(d), pendingWord) {
					t.Errorf("%s: %s sees %v", when, c.name, dump(d))
				}
			}
			for _, q := range []string{pendingWord, "quokka", "quokkas"} {
				d := s.MustQuery(c.token, `query($q: String) { posts(filter: {search: $q}) { totalCount } }`, map[string]any{"q": q})
				if num(d, "posts.totalCount") != 0 {
					t.Errorf("%s: %s finds the draft by %q", when, c.name, q)
				}
			}
			if d := s.MustQuery(c.token, `{ posts(filter: {tag: "quokkas"}) { totalCount } }`, nil); num(d, "posts.totalCount") != 0 {
				t.Errorf("%s: %s lists the draft's tag", when, c.name)
			}
			if r := s.Query(c.token, `{ post(slug: "harbour-walk-revised") { id } }`, nil); r.Code() != "NOT_FOUND" {
				t.Errorf("%s: %s finds the draft's slug: %+v", when, c.name, r.Data)
			}
		}
		for _, path := range []string{"/feeds/posts.rss", "/feeds/posts.atom", "/feeds/posts.json", "/feeds/tags/walks.rss", "/sitemap.xml"} {
			res, body := s.fetch(http.MethodGet, path)
			if res.StatusCode != http.StatusOK || bytes.Contains(body, []byte(pendingWord)) || bytes.Contains(body, []byte(pendingTitle)) ||
				bytes.Contains(body, []byte("harbour-walk-revised")) {
				t.Errorf("%s: %s (%d) shows the draft", when, path, res.StatusCode)
			}
		}
	}
	assertNoPending("after the draft was saved")

	// The author and an editor see the draft, whole.
	for _, token := range []string{p.author, p.editor} {
		d := s.MustQuery(token, postWithPending, vars)
		if str(d, "post.title") != "Harbour walk notes" || str(d, "post.pendingChanges.title") != pendingTitle ||
			!strings.Contains(str(d, "post.pendingChanges.body.text"), pendingWord) || str(d, "post.pendingChanges.slug") != "harbour-walk-revised" ||
			str(d, "post.pendingChanges.savedBy.id") != p.authorID {
			t.Errorf("the author's or editor's view: %v", dump(d))
		}
	}
	// A second draft save builds on the first; an edit that goes live at once is made to the
	// draft too, so publishing the draft later does not undo it.
	if r := s.updatePost(p.author, id, 3, map[string]any{"asDraft": true, "excerpt": "A teaser for the draft."}); len(r.Errors) > 0 ||
		str(r.Data, "updatePost.pendingChanges.title") != pendingTitle || str(r.Data, "updatePost.pendingChanges.excerpt") != "A teaser for the draft." {
		t.Fatalf("a second draft save: %v %+v", dump(r.Data), r.Errors)
	}
	time.Sleep(100 * time.Millisecond) // room for a wrong delivery to arrive
	if rcv.count() != 1 {
		t.Errorf("%d deliveries: saving a draft is no event", rcv.count())
	}
	if r := s.updatePost(p.editor, id, 4, map[string]any{"visibility": "MEMBERS", "tags": []string{"walks", "coast"}}); len(r.Errors) > 0 ||
		str(r.Data, "updatePost.title") != "Harbour walk notes" || fmt.Sprint(list(r.Data, "updatePost.tags")) != "[walks coast]" ||
		str(r.Data, "updatePost.pendingChanges.title") != pendingTitle {
		t.Fatalf("a live edit beside the draft: %v %+v", dump(r.Data), r.Errors)
	}
	assertNoPending("after a live edit")
	if d := s.MustQuery(p.editor, `query($id: ID) { post(id: $id) { revisions(first: 10) { nodes { revision title note } } } }`, vars); len(list(d, "post.revisions.nodes")) != 5 ||
		str(d, "post.revisions.nodes.1.title") != "Harbour walk notes" {
		t.Errorf("the history: %v", dump(d))
	}

	// Another instance on the same database, and a restart, hold the draft as this one does.
	cfg := s.cfg
	cfg.Addr, cfg.Seed = "127.0.0.1:0", false
	other := startAnother(t, cfg)
	other.Clock = s.Clock
	waitFor(t, "the other instance to follow", func() bool {
		return num(other.MustQuery(p.editor, postWithPending, vars), "post.version") == 5
	})
	if d := other.MustQuery(p.editor, postWithPending, vars); str(d, "post.pendingChanges.title") != pendingTitle ||
		fmt.Sprint(list(d, "post.pendingChanges.tags")) != "[walks coast]" || !strings.Contains(str(d, "post.pendingChanges.body.text"), pendingWord) {
		t.Errorf("the other instance's view: %v", dump(d))
	}
	if d := other.MustQuery("", postWithPending, vars); get(d, "post.pendingChanges") != nil || strings.Contains(dump(d), pendingWord) {
		t.Errorf("an anonymous reader of the other instance: %v", dump(d))
	}

	// Publishing applies the draft: a new revision, live at once, announced once.
	waitFor(t, "the live edit's delivery", func() bool { return rcv.count() == 2 })
	d := s.MustQuery(p.author, `mutation($id: ID!) { publishPost(id: $id) { version status title slug excerpt visibility tags pendingChanges { title } } }`, vars)
	if num(d, "publishPost.version") != 6 || str(d, "publishPost.status") != "PUBLISHED" || str(d, "publishPost.title") != pendingTitle ||
		str(d, "publishPost.slug") != "harbour-walk-revised" || str(d, "publishPost.excerpt") != "A teaser for the draft." ||
		str(d, "publishPost.visibility") != "MEMBERS" || get(d, "publishPost.pendingChanges") != nil {
		t.Fatalf("publishing the draft: %v", dump(d))
	}
	waitFor(t, "the update's delivery", func() bool { return rcv.count() == 3 })
	if !bytes.Contains(rcv.request(2).Body, []byte(`"type":"POST_UPDATED"`)) || !bytes.Contains(rcv.request(2).Body, []byte(pendingTitle)) {
		t.Errorf("the delivery: %s", rcv.request(2).Body)
	}
	if d := s.MustQuery("", `query($q: String) { posts(filter: {search: $q}) { nodes { id } } }`, map[string]any{"q": "quokka headline"}); str(d, "posts.nodes.0.id") != id {
		t.Errorf("the published draft is not found: %v", dump(d))
	}
	if d := s.MustQuery("", `{ post(slug: "harbour-walk-notes") { title } }`, nil); str(d, "post.title") != pendingTitle {
		t.Errorf("the old slug: %v", dump(d))
	}

	// Discarding drops a draft and leaves the post as it is; without one it is refused.
	if r := s.updatePost(p.editor, id, 6, map[string]any{"asDraft": true, "title": "Never to be seen"}); len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	d = s.MustQuery(p.author, `mutation($id: ID!) { discardPendingChanges(id: $id) { version title pendingChanges { title } } }`, vars)
	if num(d, "discardPendingChanges.version") != 8 || str(d, "discardPendingChanges.title") != pendingTitle || get(d, "discardPendingChanges.pendingChanges") != nil {
		t.Errorf("discard: %v", dump(d))
	}
	runScenarios(t, s, []scenario{
		{name: "discard without a draft", token: p.author, query: `mutation($id: ID!) { discardPendingChanges(id: $id) { id } }`, vars: vars,
			wantCode: "BAD_USER_INPUT", errCheck: fieldsInclude("id")},
		{name: "discard another author's", token: p.otherAuthor, query: `mutation($id: ID!) { discardPendingChanges(id: $id) { id } }`, vars: vars,
			wantCode: "FORBIDDEN"},
		{name: "discard anonymously", query: `mutation($id: ID!) { discardPendingChanges(id: $id) { id } }`, vars: vars, wantCode: "UNAUTHENTICATED"},
	})
	time.Sleep(100 * time.Millisecond) // room for a wrong delivery to arrive
	if rcv.count() != 3 {
		t.Errorf("%d deliveries: saving and dropping drafts is no event", rcv.count())
	}

	// On a draft, asDraft changes nothing: the post is not live, so the edit is made to it.
	draft := str(s.MustQuery(p.author, `mutation { createPost(input: {title: "Unpublished", body: "<p>x</p>"}) { id } }`, nil), "createPost.id")
	if r := s.updatePost(p.author, draft, 1, map[string]any{"asDraft": true, "title": "Unpublished, edited"}); len(r.Errors) > 0 ||
		str(r.Data, "updatePost.title") != "Unpublished, edited" || get(r.Data, "updatePost.pendingChanges") != nil {
		t.Errorf("asDraft on a draft: %v %+v", dump(r.Data), r.Errors)
	}
}

// A custom excerpt and SEO settings are stored, validated, searchable and followed by feeds
// and the sitemap.
func TestExcerptAndSEO(t *testing.T) {
	s := MustRunServer(t, withSite)
	p := setupPeople(t, s)
	create := `mutation($in: CreatePostInput!) { createPost(input: $in) { id excerpt seo { title description canonicalUrl } } }`
	in := map[string]any{"title": "Tidal pools", "body": "<p>The body starts here and goes on about anemones.</p>", "authorId": p.authorID,
		"excerpt": "  A teaser about   periwinkles, written by hand. ",
		"seo":     map[string]any{"title": "Tidal pools of the north coast", "description": "Where to look, and when.", "canonicalUrl": site + "/guides/tidal-pools"}}
	d := s.MustQuery(p.author, create, map[string]any{"in": in})
	id := str(d, "createPost.id")
	if str(d, "createPost.excerpt") != "A teaser about periwinkles, written by hand." || str(d, "createPost.seo.title") != "Tidal pools of the north coast" ||
		str(d, "createPost.seo.description") != "Where to look, and when." || str(d, "createPost.seo.canonicalUrl") != site+"/guides/tidal-pools" {
		t.Fatalf("created: %v", dump(d))
	}
	s.MustQuery(p.author, `mutation($id: ID!) { publishPost(id: $id) { id } }`, map[string]any{"id": id})
	// Elsewhere: a post that first appeared on a partner's site.
	in2 := map[string]any{"title": "Reposted from the partner", "body": "<p>Text.</p>", "authorId": p.authorID,
		"seo": map[string]any{"canonicalUrl": "https://partner.example/original-post"}}
	id2 := str(s.MustQuery(p.author, create, map[string]any{"in": in2}), "createPost.id")
	s.MustQuery(p.author, `mutation($id: ID!) { publishPost(id: $id) { id } }`, map[string]any{"id": id2})

	if d := s.MustQuery("", `{ posts(filter: {search: "periwinkles"}) { nodes { id } } }`, nil); str(d, "posts.nodes.0.id") != id {
		t.Errorf("a word of the custom excerpt finds nothing: %v", dump(d))
	}
	_, rss := s.fetch(http.MethodGet, "/feeds/posts.rss")
	if !bytes.Contains(rss, []byte("<description>A teaser about periwinkles, written by hand.</description>")) ||
		!bytes.Contains(rss, []byte("<link>"+site+"/guides/tidal-pools</link>")) || !bytes.Contains(rss, []byte("<link>https://partner.example/original-post</link>")) {
		t.Errorf("the RSS feed does not follow the excerpt and canonical URLs:\n%s", rss)
	}
	_, sitemap := s.fetch(http.MethodGet, "/sitemap.xml")
	if !bytes.Contains(sitemap, []byte("<loc>"+site+"/guides/tidal-pools</loc>")) || bytes.Contains(sitemap, []byte("partner.example")) ||
		bytes.Contains(sitemap, []byte("/posts/tidal-pools<")) || bytes.Contains(sitemap, []byte("reposted-from-the-partner")) {
		t.Errorf("the sitemap does not follow the canonical URLs:\n%s", sitemap)
	}

	// The body changes; the author's excerpt stays. "" goes back to the derived one; seo is
	// replaced whole.
	r := s.updatePost(p.author, id, 2, map[string]any{"body": "<p>New text about limpets.</p>"})
	if str(r.Data, "updatePost.excerpt") != "A teaser about periwinkles, written by hand." {
		t.Errorf("the excerpt after a body change: %v %+v", dump(r.Data), r.Errors)
	}
	r = s.updatePost(p.author, id, 3, map[string]any{"excerpt": "", "seo": map[string]any{"title": "Only a title"}})
	if str(r.Data, "updatePost.excerpt") != "New text about limpets." {
		t.Errorf("the excerpt back to derived: %v %+v", dump(r.Data), r.Errors)
	}
	if d := s.MustQuery("", `query($id: ID) { post(id: $id) { seo { title description canonicalUrl } } }`, map[string]any{"id": id}); fmt.Sprint(get(d, "post.seo")) != "map[canonicalUrl:<nil> description:<nil> title:Only a title]" {
		t.Errorf("seo replaced: %v", dump(d))
	}
	if d := s.MustQuery("", `{ posts(filter: {search: "periwinkles"}) { totalCount } }`, nil); num(d, "posts.totalCount") != 0 {
		t.Errorf("a dropped excerpt is still searched: %v", dump(d))
	}

	long := strings.Repeat("x", 501)
	update := `mutation($in: UpdatePostInput!) { updatePost(input: $in) { id } }`
	bad := func(field string, v any) map[string]any {
		return map[string]any{"in": map[string]any{"id": id, "expectedVersion": 4, field: v}}
	}
	runScenarios(t, s, []scenario{
		{name: "a long excerpt", token: p.author, query: update, vars: bad("excerpt", long), wantCode: "BAD_USER_INPUT", errCheck: fieldsInclude("excerpt")},
		{name: "a script URL", token: p.author, query: update, vars: bad("seo", map[string]any{"canonicalUrl": "javascript:alert(1)"}),
			wantCode: "BAD_USER_INPUT", errCheck: fieldsInclude("seo.canonicalUrl")},
		{name: "a relative URL", token: p.author, query: update, vars: bad("seo", map[string]any{"canonicalUrl": "/posts/x"}),
			wantCode: "BAD_USER_INPUT", errCheck: fieldsInclude("seo.canonicalUrl")},
		{name: "a long SEO title", token: p.author, query: update, vars: bad("seo", map[string]any{"title": long}),
			wantCode: "BAD_USER_INPUT", errCheck: fieldsInclude("seo.title")},
		{name: "a long description", token: p.author, query: update, vars: bad("seo", map[string]any{"description": long + long}),
			wantCode: "BAD_USER_INPUT", errCheck: fieldsInclude("seo.description")},
	})
	if d := s.MustQuery(p.author, `query($id: ID) { post(id: $id) { version } }`, map[string]any{"id": id}); num(d, "post.version") != 4 {
		t.Errorf("a refused update was saved: %v", dump(d))
	}
}

// Pending changes carry their own images: readers keep the live post's featured image and
// body until the draft is published, and an image only the draft shows cannot be deleted
// from under it.
func TestPendingChangesHoldTheirImages(t *testing.T) {
	s := MustRunServer(t)
	upload := func(name string) (id, url string) {
		up := s.uploadBytes(adminToken, "filename="+name+"&alt=A+picture", pngOf(40, 30))
		if up.Status != 201 {
			t.Fatalf("upload: %v", up.Body)
		}
		return up.Body["id"].(string), up.Body["url"].(string)
	}
	liveImage, _ := upload("live.png")
	draftImage, draftURL := upload("draft.png")
	author := str(s.MustQuery(adminToken, `{ members(first: 1) { nodes { id } } }`, nil), "members.nodes.0.id")
	id := str(s.MustQuery(adminToken, `mutation($a: ID!, $f: ID!) { createPost(input: {title: "Pictures", body: "<p>Words</p>", authorId: $a, featuredImageId: $f}) { id } }`,
		map[string]any{"a": author, "f": liveImage}), "createPost.id")
	s.MustQuery(adminToken, `mutation($id: ID!) { publishPost(id: $id) { status } }`, map[string]any{"id": id})

	r := s.updatePost(adminToken, id, 2, map[string]any{"asDraft": true, "featuredImageId": draftImage,
		"body": `<p>Words</p><img src="` + draftURL + `">`})
	if len(r.Errors) > 0 {
		t.Fatalf("asDraft: %+v", r.Errors)
	}
	const read = `query($id: ID) { post(id: $id) { featuredImage { id } body { html } } }`
	if d := s.MustQuery("", read, map[string]any{"id": id}); str(d, "post.featuredImage.id") != liveImage || strings.Contains(dump(d), draftImage) {
		t.Errorf("readers see the draft's images: %s", dump(d))
	}
	// Staff see the draft's image in its pending changes, and each revision's in the history.
	staff := s.MustQuery(adminToken, `query($id: ID) { post(id: $id) { featuredImage { id } pendingChanges { featuredImage { id } }
		revisions(first: 10) { nodes { revision featuredImage { id } } } } }`, map[string]any{"id": id})
	if str(staff, "post.featuredImage.id") != liveImage || str(staff, "post.pendingChanges.featuredImage.id") != draftImage ||
		str(staff, "post.revisions.nodes.0.featuredImage.id") != liveImage {
		t.Errorf("the draft's and the revisions' featured images: %s", dump(staff))
	}
	del := s.Query(adminToken, `mutation($id: ID!) { deleteAsset(id: $id) }`, map[string]any{"id": draftImage})
	if del.Code() != "CONFLICT" || fmt.Sprint(del.Errors[0].Extensions["usedByIds"]) != "["+id+"]" {
		t.Fatalf("deleting the image only the draft shows: %+v", del.Errors)
	}

	s.MustQuery(adminToken, `mutation($id: ID!) { publishPost(id: $id) { status } }`, map[string]any{"id": id})
	d := s.MustQuery("", read, map[string]any{"id": id})
	if str(d, "post.featuredImage.id") != draftImage || !strings.Contains(str(d, "post.body.html"), draftURL) {
		t.Errorf("published, the draft's images are not shown: %s", dump(d))
	}
	// The live post no longer shows the first image, so it may go.
	s.MustQuery(adminToken, `mutation($id: ID!) { deleteAsset(id: $id) }`, map[string]any{"id": liveImage})
}
