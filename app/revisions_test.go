package app_test

import (
	"strings"
	"testing"
)

const revisionsQ = `query($id: ID, $first: Int, $after: String) { post(id: $id) { version revisions(first: $first, after: $after) {
	totalCount pageInfo { hasNextPage endCursor }
	edges { cursor node { revision title slug tags visibility status savedAt savedBy { id } body { html text wordCount }
		blocks { id } } } } } }`

// Every saved change records a revision; the history lists them newest first, page by
// page; restoring saves a new revision equal in content to the old one and rewrites nothing.
func TestRevisionsAndRestore(t *testing.T) {
	s := MustRunServer(t)
	a := newAuthoring(t, s)
	blockID := str(s.MustQuery(adminToken, `mutation { createBlock(input: {kind: LINKS, links: [{label: "Ethics", url: "https://example.org/ethics"}]}) { id } }`, nil), "createBlock.id")
	id := a.create("First title", `tags: ["one"], blockIds: ["`+blockID+`"]`)
	s.MustQuery(adminToken, `mutation($id: ID!) { updatePost(input: {id: $id, expectedVersion: 1, title: "Second title", body: "<p>Changed <b>body</b></p>",
		slug: "second", tags: ["two", "three"], visibility: MEMBERS, blockIds: []}) { version } }`, map[string]any{"id": id})
	a.mutate(publishQ, id)

	d := s.MustQuery(adminToken, revisionsQ, map[string]any{"id": id})
	edges := list(d, "post.revisions.edges")
	if num(d, "post.revisions.totalCount") != 3 || len(edges) != 3 {
		t.Fatalf("history = %v", dump(d))
	}
	v3, v2, v1 := edges[0].(map[string]any)["node"], edges[1].(map[string]any)["node"], edges[2].(map[string]any)["node"]
	if num(v3, "revision") != 3 || str(v3, "status") != "PUBLISHED" || num(v2, "revision") != 2 || str(v2, "status") != "DRAFT" {
		t.Errorf("newest first with statuses: %v", dump(edges))
	}
	if str(v1, "title") != "First title" || str(v1, "slug") != "first-title" || str(v1, "body.text") != "Body of First title" ||
		len(list(v1, "tags")) != 1 || str(v1, "blocks.0.id") != blockID || str(v1, "visibility") != "PUBLIC" || str(v1, "savedAt") == "" {
		t.Errorf("revision 1 = %v", dump(v1))
	}
	if str(v2, "title") != "Second title" || str(v2, "slug") != "second" || str(v2, "body.html") != "<p>Changed <b>body</b></p>" ||
		num(v2, "body.wordCount") != 2 || len(list(v2, "tags")) != 2 || len(list(v2, "blocks")) != 0 || str(v2, "visibility") != "MEMBERS" {
		t.Errorf("revision 2 = %v", dump(v2))
	}
	if get(v1, "savedBy") != nil {
		t.Errorf("saved by the admin token, which is no member: savedBy = %v", get(v1, "savedBy"))
	}

	// Page by page.
	p1 := s.MustQuery(adminToken, revisionsQ, map[string]any{"id": id, "first": 2})
	p2 := s.MustQuery(adminToken, revisionsQ, map[string]any{"id": id, "first": 2, "after": str(p1, "post.revisions.pageInfo.endCursor")})
	if len(list(p1, "post.revisions.edges")) != 2 || get(p1, "post.revisions.pageInfo.hasNextPage") != true ||
		num(p2, "post.revisions.edges.0.node.revision") != 1 || get(p2, "post.revisions.pageInfo.hasNextPage") != false {
		t.Errorf("pages: %v\n%v", dump(p1), dump(p2))
	}
	other := a.create("Someone else's history", "")
	if r := s.Query(adminToken, revisionsQ, map[string]any{"id": other, "after": str(p1, "post.revisions.pageInfo.endCursor")}); r.Code() != "BAD_USER_INPUT" {
		t.Errorf("a cursor from another post's history: %q", r.Code())
	}

	// Restore revision 1: a new revision 4 with its content; status and date stay.
	before := s.MustQuery(adminToken, `query($id: ID) { post(id: $id) { publishedAt } }`, map[string]any{"id": id})
	r := s.MustQuery(adminToken, `mutation($id: ID!) { restorePostRevision(postId: $id, revision: 1, expectedVersion: 3) {
		version title slug tags visibility status publishedAt body { text } blocks { id } } }`, map[string]any{"id": id})
	got := get(r, "restorePostRevision")
	if num(got, "version") != 4 || str(got, "title") != "First title" || str(got, "slug") != "first-title" || str(got, "body.text") != "Body of First title" ||
		len(list(got, "tags")) != 1 || str(got, "visibility") != "PUBLIC" || str(got, "blocks.0.id") != blockID ||
		str(got, "status") != "PUBLISHED" || str(got, "publishedAt") != str(before, "post.publishedAt") {
		t.Errorf("restored = %v", dump(got))
	}
	after := s.MustQuery(adminToken, revisionsQ, map[string]any{"id": id, "first": 3, "after": str(s.MustQuery(adminToken, revisionsQ, map[string]any{"id": id, "first": 1}), "post.revisions.pageInfo.endCursor")})
	if num(after, "post.revisions.totalCount") != 4 || dump(list(after, "post.revisions.edges")) != dump(edges) {
		t.Errorf("history was rewritten:\nbefore %v\nafter %v", dump(edges), dump(list(after, "post.revisions.edges")))
	}
	// And forward again to revision 2, which had no blocks: restoring clears them.
	r2 := s.MustQuery(adminToken, `mutation($id: ID!) { restorePostRevision(postId: $id, revision: 2) { version slug tags visibility blocks { id } } }`, map[string]any{"id": id})
	if got := get(r2, "restorePostRevision"); num(got, "version") != 5 || str(got, "slug") != "second" || len(list(got, "blocks")) != 0 ||
		len(list(got, "tags")) != 2 || str(got, "visibility") != "MEMBERS" {
		t.Errorf("restored revision 2 = %v", dump(got))
	}
	s.MustQuery(adminToken, `mutation($id: ID!) { restorePostRevision(postId: $id, revision: 1) { version } }`, map[string]any{"id": id})
	// Every slug the post had still finds it.
	for _, slug := range []string{"first-title", "second"} {
		if d := s.MustQuery("", `query($s: String) { post(slug: $s) { id slug } }`, map[string]any{"s": slug}); str(d, "post.id") != id || str(d, "post.slug") != "first-title" {
			t.Errorf("slug %s: %v", slug, dump(d))
		}
	}

	// Refused restores change nothing.
	for name, sc := range map[string]struct {
		query, code, field string
	}{
		"no such revision":    {`mutation($id: ID!) { restorePostRevision(postId: $id, revision: 99) { id } }`, "BAD_USER_INPUT", "revision"},
		"revision zero":       {`mutation($id: ID!) { restorePostRevision(postId: $id, revision: 0) { id } }`, "BAD_USER_INPUT", "revision"},
		"stale version":       {`mutation($id: ID!) { restorePostRevision(postId: $id, revision: 1, expectedVersion: 4) { id } }`, "CONFLICT", ""},
		"unknown post":        {`mutation { restorePostRevision(postId: "pst_00000000000000000000000000", revision: 1) { id } }`, "NOT_FOUND", ""},
		"revision not an int": {`mutation($id: ID!) { restorePostRevision(postId: $id, revision: "one") { id } }`, "GRAPHQL_VALIDATION_FAILED", "query"},
	} {
		r := a.mutate(sc.query, id)
		if r.Code() != sc.code || (sc.field != "" && fieldsOf(r.Errors[0])[sc.field] == nil) {
			t.Errorf("%s: %q %+v, want %s on %q", name, r.Code(), r.Errors, sc.code, sc.field)
		}
	}
	if _, v, _ := a.state(id); v != 6 {
		t.Errorf("refused restores changed the post: version %d", v)
	}

	// Nobody but the author and staff sees any of it; a post without history looks the same.
	anon := s.MustQuery("", revisionsQ, map[string]any{"id": id})
	if num(anon, "post.version") != 6 || num(anon, "post.revisions.totalCount") != 0 || len(list(anon, "post.revisions.edges")) != 0 ||
		get(anon, "post.revisions.pageInfo.hasNextPage") != false {
		t.Errorf("anonymous history = %v", dump(anon))
	}
}

// Deleting removes the post, its history and every way to read it; its slugs stay reserved.
func TestDeletePost(t *testing.T) {
	s := MustRunServer(t)
	a := newAuthoring(t, s)
	id := a.create("Short lived", "")
	s.MustQuery(adminToken, `mutation($id: ID!) { updatePost(input: {id: $id, expectedVersion: 1, slug: "short"}) { id } }`, map[string]any{"id": id})
	a.mutate(publishQ, id)
	token := str(s.MustQuery(adminToken, `mutation($id: ID!) { createPreviewLink(postId: $id) { token } }`, map[string]any{"id": id}), "createPreviewLink.token")
	before := num(s.MustQuery("", `{ posts { totalCount } }`, nil), "posts.totalCount")

	if d := s.MustQuery(adminToken, `mutation($id: ID!) { deletePost(id: $id) }`, map[string]any{"id": id}); str(d, "deletePost") != id {
		t.Fatalf("deletePost = %v", d)
	}
	for name, q := range map[string]struct {
		token, query string
		vars         map[string]any
	}{
		"by id":          {adminToken, `query($id: ID) { post(id: $id) { id } }`, map[string]any{"id": id}},
		"by slug":        {adminToken, `{ post(slug: "short") { id } }`, nil},
		"by old slug":    {adminToken, `{ post(slug: "short-lived") { id } }`, nil},
		"by node":        {adminToken, `query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": id}},
		"by preview":     {"", `query($id: ID, $p: String) { post(id: $id, previewToken: $p) { id } }`, map[string]any{"id": id, "p": token}},
		"delete again":   {adminToken, `mutation($id: ID!) { deletePost(id: $id) }`, map[string]any{"id": id}},
		"restore":        {adminToken, `mutation($id: ID!) { restorePostRevision(postId: $id, revision: 1) { id } }`, map[string]any{"id": id}},
		"publish":        {adminToken, publishQ, map[string]any{"id": id}},
		"preview a gone": {adminToken, `mutation($id: ID!) { createPreviewLink(postId: $id) { token } }`, map[string]any{"id": id}},
	} {
		if r := s.Query(q.token, q.query, q.vars); r.Code() != "NOT_FOUND" {
			t.Errorf("%s after delete: %q %+v", name, r.Code(), r.Errors)
		}
	}
	if n := num(s.MustQuery("", `{ posts { totalCount } }`, nil), "posts.totalCount"); n != before-1 {
		t.Errorf("listed posts %d, want %d", n, before-1)
	}
	// A new post of the same title does not inherit the dead links.
	again := s.MustQuery(adminToken, `mutation($a: ID) { createPost(input: {title: "Short lived", body: "x", authorId: $a}) { slug } }`, map[string]any{"a": a.authorID})
	if slug := str(again, "createPost.slug"); slug == "short-lived" || !strings.HasPrefix(slug, "short-lived-") {
		t.Errorf("a new post took a deleted post's slug: %q", slug)
	}
	if r := s.Query(adminToken, `mutation($a: ID) { createPost(input: {title: "x", body: "x", authorId: $a, slug: "short"}) { slug } }`, map[string]any{"a": a.authorID}); r.Code() != "BAD_USER_INPUT" {
		t.Errorf("reusing a deleted post's slug: %q", r.Code())
	}
	if r := s.Query("", `mutation($id: ID!) { deletePost(id: $id) }`, map[string]any{"id": a.create("Mine", "")}); r.Code() != "UNAUTHENTICATED" {
		t.Errorf("anonymous delete: %q", r.Code())
	}
}

// Slugs: made from the title, unique with a suffix, validated when given, and a renamed post
// keeps answering to every slug it had.
func TestSlugHistory(t *testing.T) {
	s := MustRunServer(t)
	a := newAuthoring(t, s)
	slugOf := func(id string) string {
		return str(s.MustQuery(adminToken, `query($id: ID) { post(id: $id) { slug } }`, map[string]any{"id": id}), "post.slug")
	}
	first := a.create("Émile's Café: Crème & Brûlée", "")
	second := a.create("Emile's cafe — creme and brulee!", "")
	if slugOf(first) != "emiles-cafe-creme-and-brulee" || slugOf(second) != "emiles-cafe-creme-and-brulee-2" {
		t.Errorf("slugs %q and %q", slugOf(first), slugOf(second))
	}
	a.mutate(publishQ, first)
	for i, slug := range []string{"cafe", "cafe-creme", "brulee"} {
		r := s.Query(adminToken, `mutation($id: ID!, $v: Int!, $s: String) { updatePost(input: {id: $id, expectedVersion: $v, slug: $s}) { slug } }`,
			map[string]any{"id": first, "v": i + 2, "s": slug})
		if r.Code() != "" {
			t.Fatalf("rename to %s: %+v", slug, r.Errors)
		}
	}
	for _, slug := range []string{"emiles-cafe-creme-and-brulee", "cafe", "cafe-creme", "brulee"} {
		if d := s.MustQuery("", `query($s: String) { post(slug: $s) { id slug } }`, map[string]any{"s": slug}); str(d, "post.id") != first || str(d, "post.slug") != "brulee" {
			t.Errorf("old slug %s: %v", slug, dump(d))
		}
	}
	// Moving back to an old slug is allowed: it is still the post's own.
	if r := s.Query(adminToken, `mutation($id: ID!) { updatePost(input: {id: $id, expectedVersion: 5, slug: "cafe"}) { slug } }`, map[string]any{"id": first}); r.Code() != "" {
		t.Errorf("back to an old slug: %+v", r.Errors)
	}
	for _, bad := range []string{"Not A Slug", "a--b", "-a", "a-", "", "ümlaut", strings.Repeat("a", 101), "a_b", "a/b"} {
		r := s.Query(adminToken, `mutation($id: ID!, $s: String) { updatePost(input: {id: $id, expectedVersion: 1, slug: $s}) { slug } }`, map[string]any{"id": second, "s": bad})
		if r.Code() != "BAD_USER_INPUT" || fieldsOf(r.Errors[0])["slug"] == nil {
			t.Errorf("slug %q: %q %+v", bad, r.Code(), r.Errors)
		}
	}
	// Another post's slugs, current or old, are taken.
	for _, taken := range []string{"cafe", "brulee"} {
		r := s.Query(adminToken, `mutation($id: ID!, $s: String) { updatePost(input: {id: $id, expectedVersion: 1, slug: $s}) { slug } }`, map[string]any{"id": second, "s": taken})
		if r.Code() != "BAD_USER_INPUT" || fieldsOf(r.Errors[0])["slug"] == nil {
			t.Errorf("taken slug %q: %q", taken, r.Code())
		}
	}
	if slugOf(second) != "emiles-cafe-creme-and-brulee-2" {
		t.Errorf("refused renames changed the slug to %q", slugOf(second))
	}
}
