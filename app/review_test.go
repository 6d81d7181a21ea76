package app_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/guildhall/guildhall/app"
)

// reviewEvent is what a review delivery says.
type reviewEvent struct {
	Type string
	Data struct {
		Post   struct{ ID, Status, Title string }
		Review *struct {
			PendingChanges bool
			Note           string
		}
	}
}

// With GUILDHALL_REQUIRE_REVIEW=true an author's post and an author's changes to a live post
// reach readers only through an editor: submitted, sent back with a note kept in the
// history, submitted again, published. Each step is announced once, with two instances
// delivering.
func TestReviewWorkflow(t *testing.T) {
	s := deliveringServer(t, func(c *app.Config) { c.RequireReview = true })
	cfg := s.cfg
	cfg.Addr, cfg.Seed = "127.0.0.1:0", false
	other := startAnother(t, cfg) // delivers too: each attempt is claimed by one instance
	other.Clock = s.Clock
	p := setupPeople(t, s)
	rcv := newReceiver(t, s.Clock, 0)
	s.createWebhook(rcv.srv.URL, "POST_SUBMITTED", "POST_CHANGES_REQUESTED", "POST_PUBLISHED", "POST_UPDATED")
	id := str(s.MustQuery(p.author, `mutation { createPost(input: {title: "For review", body: "<p>First go.</p>"}) { id } }`, nil), "createPost.id")
	vars := map[string]any{"id": id}
	status := func(token string) string {
		return str(s.MustQuery(token, `query($id: ID) { post(id: $id) { status } }`, vars), "post.status")
	}
	const (
		publish = `mutation($id: ID!) { publishPost(id: $id) { status } }`
		submit  = `mutation($id: ID!) { submitPostForReview(id: $id) { status pendingChanges { status } } }`
		request = `mutation($id: ID!, $note: String!) { requestChanges(id: $id, note: $note) { status version pendingChanges { status } } }`
	)
	note := map[string]any{"id": id, "note": "Please add a line about parking."}
	runScenarios(t, s, []scenario{
		{name: "an author may not publish", token: p.author, query: publish, vars: vars, wantCode: "FORBIDDEN"},
		{name: "nor schedule", token: p.author, query: `mutation($id: ID!) { publishPost(id: $id, publishAt: "2027-01-01T00:00:00Z") { id } }`, vars: vars, wantCode: "FORBIDDEN"},
		{name: "nothing to send back yet", token: p.editor, query: request, vars: note, wantCode: "BAD_USER_INPUT", errCheck: fieldsInclude("id")},
		{name: "submitted", token: p.author, query: submit, vars: vars, check: func(t *testing.T, d any) {
			if str(d, "submitPostForReview.status") != "IN_REVIEW" {
				t.Errorf("submitted: %v", dump(d))
			}
		}},
		{name: "submitted twice", token: p.author, query: submit, vars: vars, wantCode: "BAD_USER_INPUT", errCheck: fieldsInclude("id")},
		{name: "another author may not submit", token: p.otherAuthor, query: submit, vars: vars, wantCode: "NOT_FOUND"},
		{name: "an author may not send back", token: p.author, query: request, vars: note, wantCode: "FORBIDDEN"},
		{name: "a note is needed", token: p.editor, query: request, vars: map[string]any{"id": id, "note": "  "}, wantCode: "BAD_USER_INPUT", errCheck: fieldsInclude("note")},
		{name: "a note has a limit", token: p.editor, query: request, vars: map[string]any{"id": id, "note": string(make([]byte, 2001))},
			wantCode: "BAD_USER_INPUT", errCheck: fieldsInclude("note")},
	})
	if r := s.Query("", `query($id: ID) { post(id: $id) { id } }`, vars); r.Code() != "NOT_FOUND" {
		t.Errorf("a post in review is visible to anonymous readers: %+v", r.Data)
	}
	queue := func(token string) int {
		return num(s.MustQuery(token, `{ posts(filter: {awaitingReview: true}) { totalCount } }`, nil), "posts.totalCount")
	}
	if n := num(s.MustQuery(p.editor, `{ posts(filter: {status: IN_REVIEW}) { nodes { id } totalCount } }`, nil), "posts.totalCount"); n != 1 || queue(p.editor) != 1 || queue(p.author) != 1 || queue("") != 0 || queue(p.otherAuthor) != 0 {
		t.Errorf("the review queue: %d in review for the editor; queue %d/%d/%d/%d", n, queue(p.editor), queue(p.author), queue(""), queue(p.otherAuthor))
	}

	// Sent back with a note, kept in the history; edited; submitted again; published.
	d := s.MustQuery(p.editor, request, note)
	if str(d, "requestChanges.status") != "DRAFT" {
		t.Fatalf("requestChanges: %v", dump(d))
	}
	hist := s.MustQuery(p.author, `query($id: ID) { post(id: $id) { revisions(first: 1) { nodes { note status savedBy { id } } } } }`, vars)
	if str(hist, "post.revisions.nodes.0.note") != "Please add a line about parking." || str(hist, "post.revisions.nodes.0.status") != "DRAFT" {
		t.Errorf("the note in the history: %v", dump(hist))
	}
	if r := s.updatePost(p.author, id, 3, map[string]any{"body": "<p>First go. Parking is behind the hall.</p>"}); len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	s.MustQuery(p.author, submit, vars)
	if d := s.MustQuery(p.editor, publish, vars); str(d, "publishPost.status") != "PUBLISHED" || status("") != "PUBLISHED" {
		t.Fatalf("the editor publishes: %v", dump(d))
	}

	// Changes to the live post: only as a draft, which the post keeps hidden while in review.
	runScenarios(t, s, []scenario{
		{name: "a live edit", token: p.author, query: `mutation($id: ID!) { updatePost(input: {id: $id, expectedVersion: 6, title: "Straight to readers"}) { id } }`,
			vars: vars, wantCode: "FORBIDDEN"},
		{name: "a restore", token: p.author, query: `mutation($id: ID!) { restorePostRevision(postId: $id, revision: 1) { id } }`, vars: vars, wantCode: "FORBIDDEN"},
		{name: "nothing pending to submit", token: p.author, query: submit, vars: vars, wantCode: "BAD_USER_INPUT", errCheck: fieldsInclude("id")},
	})
	if r := s.updatePost(p.author, id, 6, map[string]any{"asDraft": true, "title": "For review, revised"}); len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	if d := s.MustQuery(p.author, submit, vars); str(d, "submitPostForReview.status") != "PUBLISHED" || str(d, "submitPostForReview.pendingChanges.status") != "IN_REVIEW" {
		t.Fatalf("submitting pending changes: %v", dump(d))
	}
	if queue(p.editor) != 1 || queue("") != 0 || queue(p.member) != 0 {
		t.Errorf("live posts with submitted changes in the queue: editor %d, anonymous %d, member %d", queue(p.editor), queue(""), queue(p.member))
	}
	if d := s.MustQuery(p.editor, request, map[string]any{"id": id, "note": "The title is fine as it was."}); str(d, "requestChanges.status") != "PUBLISHED" ||
		str(d, "requestChanges.pendingChanges.status") != "DRAFT" {
		t.Fatalf("sending pending changes back: %v", dump(d))
	}
	s.MustQuery(p.author, submit, vars)
	if d := s.MustQuery(p.editor, publish, vars); str(d, "publishPost.status") != "PUBLISHED" ||
		str(s.MustQuery("", `query($id: ID) { post(id: $id) { title } }`, vars), "post.title") != "For review, revised" {
		t.Fatalf("publishing the reviewed changes: %v", dump(d))
	}
	// The author may still take a post down.
	if d := s.MustQuery(p.author, `mutation($id: ID!) { unpublishPost(id: $id) { status } }`, vars); str(d, "unpublishPost.status") != "DRAFT" {
		t.Errorf("unpublish: %v", dump(d))
	}

	// Submitted 4 times, sent back twice, published twice (POST_PUBLISHED then POST_UPDATED).
	want := map[string]int{"POST_SUBMITTED": 4, "POST_CHANGES_REQUESTED": 2, "POST_PUBLISHED": 1, "POST_UPDATED": 1}
	waitFor(t, "the deliveries", func() bool { return rcv.count() >= 8 })
	time.Sleep(200 * time.Millisecond) // room for a wrong repeat to arrive
	got := map[string]int{}
	var notes []string
	pendingFlags := map[bool]int{}
	for i := range rcv.count() {
		var e reviewEvent
		if err := json.Unmarshal(rcv.request(i).Body, &e); err != nil || e.Data.Post.ID != id {
			t.Fatalf("delivery %d: %s", i, rcv.request(i).Body)
		}
		got[e.Type]++
		if e.Data.Review != nil {
			pendingFlags[e.Data.Review.PendingChanges]++
			if e.Data.Review.Note != "" {
				notes = append(notes, e.Data.Review.Note)
			}
		}
	}
	for k, n := range want {
		if got[k] != n {
			t.Errorf("%s delivered %d times, want %d (all: %v)", k, got[k], n, got)
		}
	}
	slices.Sort(notes)
	if len(notes) != 2 || notes[0] != "Please add a line about parking." || notes[1] != "The title is fine as it was." ||
		pendingFlags[true] != 3 || pendingFlags[false] != 3 {
		t.Errorf("review payloads: notes %q, pendingChanges %v", notes, pendingFlags)
	}
}

func TestReviewConfig(t *testing.T) {
	env := func(kv ...string) func(string) string {
		return func(k string) string {
			for i := 0; i+1 < len(kv); i += 2 {
				if kv[i] == k {
					return kv[i+1]
				}
			}
			return ""
		}
	}
	if c, err := app.ParseConfig(env(), nil); err != nil || c.RequireReview {
		t.Errorf("default: %v, %v", c.RequireReview, err)
	}
	if c, err := app.ParseConfig(env("GUILDHALL_REQUIRE_REVIEW", "true"), nil); err != nil || !c.RequireReview {
		t.Errorf("set: %v, %v", c.RequireReview, err)
	}
	if _, err := app.ParseConfig(env("GUILDHALL_REQUIRE_REVIEW", "sometimes"), nil); err == nil || !strings.Contains(err.Error(), "GUILDHALL_REQUIRE_REVIEW") {
		t.Errorf("a wrong value: %v", err)
	}
}
