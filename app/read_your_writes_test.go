package app_test

import (
	"testing"
	"time"

	"github.com/guildhall/guildhall/app"
	"github.com/guildhall/guildhall/embedded/embeddedtest"
)

// Behind a load balancer a client's next write can reach another instance before the sync
// interval has brought it the first: an editor creates a post on A and saves it again on B.
// Each write that names something the instance has not seen yet, or a version newer than the
// one it holds, must find it in the database rather than answer NOT_FOUND or CONFLICT. The
// instances here never poll the change log during the test (an hour's sync interval), so only
// the write path itself can find what the other instance wrote.
func TestWritesFindWhatAnotherInstanceJustWrote(t *testing.T) {
	shared := seededSharedDatabase(t)
	a := MustRunServer(t, shared, neverSyncs)
	b := MustRunServer(t, shared, neverSyncs)

	must := func(s *testServer, what, query string, vars map[string]any) any {
		t.Helper()
		r := s.Query(adminToken, query, vars)
		if len(r.Errors) > 0 {
			t.Fatalf("%s: %s: %v", what, r.Code(), r.Errors)
		}
		return r.Data
	}
	updatePost := `mutation($id: ID!, $v: Int!, $t: String, $b: [ID!]) { updatePost(input: {id: $id, expectedVersion: $v, title: $t, blockIds: $b}) { version } }`

	id := newAuthoring(t, a).create("Written on A", "")
	d := must(b, "updatePost on B of a post made on A", updatePost, map[string]any{"id": id, "v": 1, "t": "Saved on B"})
	if v := num(d, "updatePost.version"); v != 2 {
		t.Fatalf("version after B's save = %d, want 2", v)
	}
	d = must(a, "updatePost on A naming B's newer version", updatePost, map[string]any{"id": id, "v": 2, "t": "Saved on A again"})
	if v := num(d, "updatePost.version"); v != 3 {
		t.Fatalf("version after A's save = %d, want 3", v)
	}
	// A version the database does not have either is still a conflict, with the real version.
	r := b.Query(adminToken, updatePost, map[string]any{"id": id, "v": 9, "t": "Too new"})
	if r.Code() != "CONFLICT" || r.Errors[0].Extensions["currentVersion"] != float64(3) {
		t.Fatalf("updatePost naming version 9: %s %v, want CONFLICT with currentVersion 3", r.Code(), r.Errors)
	}

	block := str(must(a, "createBlock on A", `mutation { createBlock(input: {kind: CONTACT, contactName: "Events"}) { id } }`, nil), "createBlock.id")
	must(b, "updatePost on B naming a block made on A", updatePost, map[string]any{"id": id, "v": 3, "b": []string{block}})
	must(b, "updateBlock on B of a block made on A", `mutation($id: ID!) { updateBlock(input: {id: $id, contactName: "Events desk"}) { id } }`, map[string]any{"id": block})
	must(b, "publishPost on B", `mutation($id: ID!) { publishPost(id: $id) { status } }`, map[string]any{"id": id})

	spare := str(must(a, "createBlock on A", `mutation { createBlock(input: {kind: CONTACT, contactName: "Spare"}) { id } }`, nil), "createBlock.id")
	must(b, "deleteBlock on B of a block made on A", `mutation($id: ID!) { deleteBlock(id: $id) }`, map[string]any{"id": spare})
	gone := newAuthoring(t, a).create("Deleted on B", "")
	must(b, "deletePost on B of a post made on A", `mutation($id: ID!) { deletePost(id: $id) }`, map[string]any{"id": gone})

	member := str(must(a, "joinMembership on A", `mutation { joinMembership(input: {name: "New Member", email: "new.member@example.org", plan: "student", idempotencyKey: "ryw-join"}) { id } }`, nil), "joinMembership.id")
	must(b, "updateMemberProfile on B of a member who joined on A", `mutation($id: ID!) { updateMemberProfile(input: {id: $id, credentials: "FRSA"}) { id } }`, map[string]any{"id": member})

	must(b, "createPost on B by a member who joined on A", `mutation($a: ID) { createPost(input: {title: "By the new member", body: "<p>Hello</p>", authorId: $a}) { id } }`, map[string]any{"a": member})
	must(a, "updatePost on A", updatePost, map[string]any{"id": id, "v": 5, "t": "Saved on A, version 6"})
	must(b, "restorePostRevision on B naming A's newer version", `mutation($id: ID!) { restorePostRevision(postId: $id, revision: 1, expectedVersion: 6) { version } }`, map[string]any{"id": id})

	hook := str(must(a, "createWebhook on A", `mutation { createWebhook(input: {url: "https://hooks.example/x", events: [POST_PUBLISHED], secret: "0123456789abcdef"}) { id } }`, nil), "createWebhook.id")
	must(b, "deleteWebhook on B of a webhook made on A", `mutation($id: ID!) { deleteWebhook(id: $id) }`, map[string]any{"id": hook})

	token := str(must(a, "createApiToken on A", `mutation { createApiToken(input: {name: "ryw", role: EDITOR}) { apiToken { id } } }`, nil), "createApiToken.apiToken.id")
	must(b, "revokeApiToken on B of a token made on A", `mutation($id: ID!) { revokeApiToken(id: $id) { id } }`, map[string]any{"id": token})

	// Something that exists nowhere is still NOT_FOUND.
	if r := b.Query(adminToken, updatePost, map[string]any{"id": "post_000000000000000000000000", "v": 1, "t": "x"}); r.Code() != "NOT_FOUND" {
		t.Fatalf("updatePost of a post that exists nowhere: %s, want NOT_FOUND", r.Code())
	}
}

// seededSharedDatabase starts a database of its own with the demo content seeded, and returns
// the option that puts a server on it: instances that share one database, as in production.
func seededSharedDatabase(t *testing.T) (shared func(*app.Config)) {
	t.Helper()
	db := embeddedtest.Start(t)
	shared = func(c *app.Config) { c.MongoURI = db.URI(); c.Database = "shared" }
	MustRunServer(t, shared) // seeds the demo content, which the test's instances then load
	return shared
}

// neverSyncs keeps an instance from polling the change log during a test (an hour's sync
// interval): it learns of other instances' writes only through its own reads of the log.
func neverSyncs(c *app.Config) { c.SyncInterval = time.Hour }
