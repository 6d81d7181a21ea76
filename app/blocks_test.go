package app_test

import (
	"strings"
	"testing"
)

const deleteBlockQ = `mutation($id: ID!) { deleteBlock(id: $id) }`

// A block that posts use cannot be deleted (CONFLICT naming how many); once they let go of
// it, it can, and it is gone everywhere.
func TestDeleteBlock(t *testing.T) {
	s := MustRunServer(t)
	a := newAuthoring(t, s)
	blockID := str(s.MustQuery(adminToken, `mutation { createBlock(input: {kind: CALL_TO_ACTION, label: "Join", url: "https://northfield.example/join", action: JOIN}) { id } }`, nil), "createBlock.id")
	keep := str(s.MustQuery(adminToken, `mutation { createBlock(input: {kind: CONTACT, contactName: "Office"}) { id } }`, nil), "createBlock.id")
	uses := `, blockIds: ["` + keep + `", "` + blockID + `"]`
	draft := a.create("Uses the block (draft)", uses)
	live := a.create("Uses the block (live)", uses)
	a.mutate(publishQ, live)
	blocksBefore := num(s.MustQuery("", `{ blocks(first: 100) { totalCount } }`, nil), "blocks.totalCount")

	r := s.Query(adminToken, deleteBlockQ, map[string]any{"id": blockID})
	if r.Code() != "CONFLICT" || r.Errors[0].Extensions["usedBy"] != float64(2) || !strings.Contains(r.Errors[0].Message, "2 posts use") {
		t.Fatalf("deleting a block in use: %q %+v", r.Code(), r.Errors)
	}
	if d := s.MustQuery("", `query($id: ID!) { block(id: $id) { id } }`, map[string]any{"id": blockID}); str(d, "block.id") != blockID {
		t.Fatal("a refused delete removed the block")
	}
	s.MustQuery(adminToken, `mutation($id: ID!) { updatePost(input: {id: $id, expectedVersion: 1, blockIds: []}) { id } }`, map[string]any{"id": draft})
	r = s.Query(adminToken, deleteBlockQ, map[string]any{"id": blockID})
	if r.Code() != "CONFLICT" || r.Errors[0].Extensions["usedBy"] != float64(1) || !strings.Contains(r.Errors[0].Message, "1 post uses") {
		t.Fatalf("deleting a block one post uses: %q %+v", r.Code(), r.Errors)
	}
	s.MustQuery(adminToken, `mutation($id: ID!, $k: ID!) { updatePost(input: {id: $id, expectedVersion: 2, blockIds: [$k]}) { id } }`, map[string]any{"id": live, "k": keep})
	if d := s.MustQuery(adminToken, deleteBlockQ, map[string]any{"id": blockID}); str(d, "deleteBlock") != blockID {
		t.Fatalf("deleteBlock = %v", d)
	}

	for name, sc := range map[string]struct{ token, query, code string }{
		"read it":              {"", `query($id: ID!) { block(id: $id) { id } }`, "NOT_FOUND"},
		"delete it again":      {adminToken, deleteBlockQ, "NOT_FOUND"},
		"update it":            {adminToken, `mutation($id: ID!) { updateBlock(input: {id: $id, label: "x"}) { id } }`, "NOT_FOUND"},
		"attach it":            {adminToken, `mutation($id: ID!) { createPost(input: {title: "x", body: "x", authorId: "` + a.authorID + `", blockIds: [$id]}) { id } }`, "BAD_USER_INPUT"},
		"delete anonymously":   {"", deleteBlockQ, "UNAUTHENTICATED"},
		"delete unknown":       {adminToken, `mutation { deleteBlock(id: "blk_00000000000000000000000000") }`, "NOT_FOUND"},
		"delete a malformed":   {adminToken, `mutation { deleteBlock(id: "nope") }`, "NOT_FOUND"},
		"delete without an id": {adminToken, `mutation { deleteBlock }`, "GRAPHQL_VALIDATION_FAILED"},
	} {
		if r := s.Query(sc.token, sc.query, map[string]any{"id": blockID}); r.Code() != sc.code {
			t.Errorf("%s: %q, want %s", name, r.Code(), sc.code)
		}
	}
	if n := num(s.MustQuery("", `{ blocks(first: 100) { totalCount } }`, nil), "blocks.totalCount"); n != blocksBefore-1 {
		t.Errorf("blocks: %d, want %d", n, blocksBefore-1)
	}
	// Restoring a revision that showed the deleted block leaves it out and keeps the rest.
	d := s.MustQuery(adminToken, `mutation($id: ID!) { restorePostRevision(postId: $id, revision: 1) { blocks { id } revisions(first: 1) { nodes { blocks { id } } } } }`, map[string]any{"id": draft})
	if b := list(d, "restorePostRevision.blocks"); len(b) != 1 || str(b[0], "id") != keep || str(d, "restorePostRevision.revisions.nodes.0.blocks.0.id") != keep {
		t.Errorf("restored blocks = %v", dump(d))
	}
}
