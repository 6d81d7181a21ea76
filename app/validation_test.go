package app_test

import (
	"strconv"
	"strings"
	"testing"
)

// Every invalid input is BAD_USER_INPUT with extensions.fields naming each bad field at
// once, and nothing stored changes.
func TestInvalidInputNamesEveryField(t *testing.T) {
	s := MustRunServer(t)
	a := newAuthoring(t, s)
	id := a.create("Valid post", `tags: ["ok"]`)
	cta := str(s.MustQuery(adminToken, `mutation { createBlock(input: {kind: CALL_TO_ACTION, label: "Join", url: "https://northfield.example/join", action: JOIN}) { id } }`, nil), "createBlock.id")
	snapshot := func() string {
		return dump(s.MustQuery(adminToken, `query($id: ID, $b: ID!) {
			post(id: $id) { version title slug tags visibility body { html } blocks { id } revisions { totalCount } }
			block(id: $b) { ... on CallToActionBlock { label url action updatedAt } }
			drafts: posts(first: 100, filter: {status: DRAFT}) { totalCount } blocks { totalCount } }`, map[string]any{"id": id, "b": cta}))
	}
	before := snapshot()

	hugeBody := "<p>" + strings.Repeat("word ", 120_000) + "</p>" // 600 KB: over 512 KiB after cleaning, under the 1 MiB request limit
	manyTags := make([]string, 21)
	for i := range manyTags {
		manyTags[i] = "tag" + strconv.Itoa(i)
	}
	for _, sc := range []struct {
		name   string
		query  string
		vars   map[string]any
		fields []string
	}{
		{"updatePost, everything wrong", `mutation($id: ID!, $t: String, $b: String, $tags: [String!]) {
			updatePost(input: {id: $id, expectedVersion: 1, title: $t, body: $b, slug: "Bad Slug", tags: $tags, blockIds: ["blk_nope"]}) { id } }`,
			map[string]any{"id": id, "t": strings.Repeat("x", 201), "b": hugeBody, "tags": manyTags},
			[]string{"title", "body", "slug", "tags", "blockIds"}},
		{"createPost, everything wrong", `mutation($a: ID) { createPost(input: {title: "  ", body: "x", authorId: $a, slug: "-x-", tags: ["` + strings.Repeat("t", 41) + `"], blockIds: ["blk_nope"]}) { id } }`,
			map[string]any{"a": a.authorID}, []string{"title", "slug", "tags", "blockIds"}},
		{"createPost, unknown author", `mutation { createPost(input: {title: "x", body: "x", authorId: "mbr_00000000000000000000000000"}) { id } }`,
			nil, []string{"authorId"}},
		{"title with control characters", `mutation($id: ID!) { updatePost(input: {id: $id, expectedVersion: 1, title: "bell\u0007"}) { id } }`,
			map[string]any{"id": id}, []string{"title"}},
		{"updateBlock, label and url", `mutation($b: ID!, $l: String) { updateBlock(input: {id: $b, label: $l, url: "ftp://example.org/x"}) { id } }`,
			map[string]any{"b": cta, "l": strings.Repeat("l", 101)}, []string{"label", "url"}},
		{"createBlock, contact", `mutation { createBlock(input: {kind: CONTACT, contactName: "Office", email: "office@", phone: "12", links: [{label: "x", url: "https://x.example"}]}) { id } }`,
			nil, []string{"email", "phone", "links"}},
		{"createBlock, links", `mutation { createBlock(input: {kind: LINKS, links: [{label: "", url: "data:text/html,hi"}]}) { id } }`,
			nil, []string{"links"}},
		{"createBlock, call to action with a javascript URL", `mutation { createBlock(input: {kind: CALL_TO_ACTION, label: "Go", url: "JaVaScRiPt:alert(1)", action: OTHER}) { id } }`,
			nil, []string{"url"}},
		{"createBlock, empty rich text", `mutation { createBlock(input: {kind: RICH_TEXT, body: "<script>alert(1)</script>"}) { id } }`,
			nil, []string{"body"}},
		{"unpublish a draft", unpublishQ, map[string]any{"id": id}, []string{"id"}},
		{"restore a revision that does not exist", `mutation($id: ID!) { restorePostRevision(postId: $id, revision: 2) { id } }`,
			map[string]any{"id": id}, []string{"revision"}},
		{"a preview link for too long", `mutation($id: ID!) { createPreviewLink(postId: $id, expiresInMinutes: 100000) { token } }`,
			map[string]any{"id": id}, []string{"expiresInMinutes"}},
		{"too many revisions at once", `query($id: ID) { post(id: $id) { revisions(first: 101) { totalCount } } }`,
			map[string]any{"id": id}, []string{"first"}},
		{"a variable of the wrong type", `mutation($id: ID!, $v: Int!) { updatePost(input: {id: $id, expectedVersion: $v}) { id } }`,
			map[string]any{"id": id, "v": "one"}, []string{"variables.v"}},
	} {
		t.Run(sc.name, func(t *testing.T) {
			r := s.Query(adminToken, sc.query, sc.vars)
			if r.Code() != "BAD_USER_INPUT" {
				t.Fatalf("code %q, want BAD_USER_INPUT; errors %+v", r.Code(), r.Errors)
			}
			fields := fieldsOf(r.Errors[0])
			for _, f := range sc.fields {
				if why, _ := fields[f].(string); why == "" {
					t.Errorf("fields = %v, want a reason for %s", fields, f)
				}
			}
			if len(fields) != len(sc.fields) {
				t.Errorf("fields = %v, want exactly %v", fields, sc.fields)
			}
		})
	}
	if after := snapshot(); after != before {
		t.Errorf("refused writes changed what is stored:\nbefore %s\nafter  %s", before, after)
	}
}
