package app_test

import (
	"strings"
	"testing"
)

// A frontend selects posts and blocks side by side in node(id:) without aliases: title,
// body and email mean one type on every Node (graph's TestSharedFieldNamesHaveOneShape keeps
// the schema so), and a block without a title answers "".
func TestOneSelectionForPostsAndBlocks(t *testing.T) {
	s := MustRunServer(t)
	postID := str(s.MustQuery("", `{ posts(first: 1) { nodes { id } } }`, nil), "posts.nodes.0.id")
	untitled := str(s.MustQuery(adminToken, `mutation { createBlock(input: {kind: LINKS, links: [{label: "Code of ethics", url: "https://northfield.example/ethics"}]}) { id } }`, nil), "createBlock.id")
	text := str(s.MustQuery(adminToken, `mutation { createBlock(input: {kind: RICH_TEXT, title: "About", body: "<p>Who we are</p>"}) { id } }`, nil), "createBlock.id")
	const q = `query($id: ID!) { node(id: $id) { __typename id
		... on Post { title body { html } }
		... on LinksBlock { title }
		... on RichTextBlock { title body { html } }
		... on Member { email }
		... on ContactBlock { email }
		... on Account { email } } }`
	for id, want := range map[string]struct{ typename, title, html string }{
		postID:   {"Post", "", "<p"},
		untitled: {"LinksBlock", "", ""},
		text:     {"RichTextBlock", "About", "<p>Who we are</p>"},
	} {
		d := s.MustQuery(adminToken, q, map[string]any{"id": id})
		if str(d, "node.__typename") != want.typename {
			t.Fatalf("node(%s) = %v", id, d)
		}
		title, isString := get(d, "node.title").(string)
		if !isString || (want.title != "" && title != want.title) || (want.typename == "Post" && title == "") {
			t.Errorf("%s title = %#v", want.typename, get(d, "node.title"))
		}
		if !strings.HasPrefix(str(d, "node.body.html"), want.html) {
			t.Errorf("%s body = %v", want.typename, get(d, "node.body"))
		}
	}
	if d := s.MustQuery("", `query($id: ID!) { block(id: $id) { title } }`, map[string]any{"id": untitled}); get(d, "block.title") != "" {
		t.Errorf("an untitled block's title = %#v, want \"\"", get(d, "block.title"))
	}
}

// Webhook is a Node for ADMIN (and, like the list, nobody else's); membership events have
// IDs unique across the API, apart from the renewal each records.
func TestWebhooksAreNodesAndEventIDsAreGlobal(t *testing.T) {
	s := MustRunServer(t)
	hook := str(s.MustQuery(adminToken, `mutation { createWebhook(input: {url: "https://partner.example/hooks", events: [POST_PUBLISHED], secret: "at-least-16-characters"}) { id } }`, nil), "createWebhook.id")
	const q = `query($id: ID!) { node(id: $id) { id ... on Webhook { url events } } }`
	if d := s.MustQuery(adminToken, q, map[string]any{"id": hook}); str(d, "node.url") != "https://partner.example/hooks" {
		t.Errorf("ADMIN's node(webhook) = %v", d)
	}
	editor := s.createToken("EDITOR", "")
	for who, token := range map[string]string{"anonymous": "", "EDITOR": editor} {
		if r := s.Query(token, q, map[string]any{"id": hook}); r.Code() != "NOT_FOUND" || get(r.Data, "node") != nil {
			t.Errorf("%s's node(webhook): %+v %v", who, r.Errors, r.Data)
		}
	}

	member := str(s.join(adminToken, "Ada Event", "ada.event@example.org", "join-ada").Data, "joinMembership.id")
	renewal := str(s.renew(adminToken, member, "professional", "renew-ada").Data, "renewMembership.id")
	if renewal == "" {
		t.Fatal("no renewal")
	}
	d := s.MustQuery(adminToken, `query($m: ID!) { membershipEvents(memberId: $m) { nodes { id kind } } }`, map[string]any{"m": member})
	seen := map[string]bool{renewal: true}
	for _, e := range list(d, "membershipEvents.nodes") {
		id := str(e, "id")
		if !strings.HasPrefix(id, "mev_") || seen[id] {
			t.Errorf("membership event %s has ID %q (renewal %s)", str(e, "kind"), id, renewal)
		}
		seen[id] = true
	}
	if len(seen) != 3 {
		t.Errorf("events %v", d)
	}
	again := s.MustQuery(adminToken, `query($m: ID!) { membershipEvents(memberId: $m) { nodes { id } } }`, map[string]any{"m": member})
	if str(again, "membershipEvents.nodes.0.id") != str(d, "membershipEvents.nodes.0.id") {
		t.Errorf("event IDs change between reads")
	}
}
