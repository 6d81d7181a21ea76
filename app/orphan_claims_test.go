package app_test

import (
	"testing"

	"github.com/guildhall/guildhall/app"
	"github.com/guildhall/guildhall/mongodb"
)

// A create that claims a unique value (an account's email, a post's requested slug) and then
// fails to write its entity (a crash, a database timeout) does not keep the value from
// everyone for ever: the client's retry, on this instance or another, creates the entity with
// it. A create whose write did land, late, still keeps the value its own: the retry is told
// it is taken, and the value has one owner.
func TestFailedCreateDoesNotBurnItsClaim(t *testing.T) {
	crash := &crashSwitch{}
	a := MustRunServer(t, func(c *app.Config) { c.Failpoint = crash.hook })
	b := MustRunServer(t, func(c *app.Config) { c.Database = a.cfg.Database; c.Seed = false })
	p := setupPeople(t, a)
	const password = "a long and secret passphrase"
	createAccount := func(s *testServer, email string) *gqlResponse {
		return s.Query(adminToken, `mutation($e: String!, $p: String!) { createAccount(input: {email: $e, password: $p, role: EDITOR}) { id email } }`,
			map[string]any{"e": email, "p": password})
	}
	createPost := func(s *testServer, slug string) *gqlResponse {
		return s.Query(adminToken, `mutation($a: ID, $s: String) { createPost(input: {title: "Annual meeting", body: "<p>x</p>", authorId: $a, slug: $s}) { id slug } }`,
			map[string]any{"a": p.memberID, "s": slug})
	}
	login := func(s *testServer, email string) bool {
		r := s.Query("", `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, map[string]any{"e": email, "p": password})
		return str(r.Data, "login.token") != ""
	}
	failOnce := func(step string, write func() *gqlResponse) {
		t.Helper()
		crash.arm(step)
		if r := write(); r.Code() == "" || !crash.didFire() {
			t.Fatalf("the write did not fail after %s: %+v", step, r.Errors)
		}
	}

	for _, c := range []struct {
		name, email string
		retryOn     *testServer
	}{{"retried on the same instance", "kim@example.org", a}, {"retried on another instance", "lee@example.org", b}} {
		// The claim is made, the account never written: the retry creates it.
		failOnce("account:"+mongodb.StepIntent, func() *gqlResponse { return createAccount(a, c.email) })
		r := createAccount(c.retryOn, c.email)
		if r.Code() != "" || str(r.Data, "createAccount.email") != c.email {
			t.Fatalf("account %s: %+v", c.name, r.Errors)
		}
		if !login(c.retryOn, c.email) {
			t.Errorf("account %s: cannot log in", c.name)
		}
		id := str(r.Data, "createAccount.id")
		waitFor(t, "the account on both instances", func() bool {
			for _, s := range []*testServer{a, b} {
				found := false
				for _, acc := range list(s.MustQuery(adminToken, `{ accounts(first: 100) { nodes { email } } }`, nil), "accounts.nodes") {
					found = found || str(acc, "email") == c.email
				}
				if !found {
					return false
				}
			}
			return true
		})
		if !login(a, c.email) || !login(b, c.email) {
			t.Errorf("account %s: cannot log in on both instances", c.name)
		}
		// The email is the account's now: another create is refused, on either instance.
		for _, s := range []*testServer{a, b} {
			if r := createAccount(s, c.email); r.Code() != "BAD_USER_INPUT" {
				t.Errorf("account %s: a second account for the email: %+v", c.name, r.Errors)
			}
		}
		d := a.MustQuery(adminToken, `{ accounts(first: 100) { nodes { id email } } }`, nil)
		n := 0
		for _, acc := range list(d, "accounts.nodes") {
			if str(acc, "email") == c.email {
				n++
				if str(acc, "id") != id {
					t.Errorf("account %s: listed as %s, created as %s", c.name, str(acc, "id"), id)
				}
			}
		}
		if n != 1 {
			t.Errorf("account %s: %d accounts have the email", c.name, n)
		}
	}

	// The account was written but the client was told it failed: the retry finds it done.
	failOnce("account:"+mongodb.StepRevision, func() *gqlResponse { return createAccount(a, "max@example.org") })
	if r := createAccount(b, "max@example.org"); r.Code() != "BAD_USER_INPUT" {
		t.Errorf("a retry of a create that landed: %+v, want BAD_USER_INPUT (already has an account)", r.Errors)
	}
	// Waited for by listing, not by logging in: failed logins while B catches up would count
	// against the account and make it wait (the login throttle).
	waitFor(t, "the account that landed", func() bool {
		d := b.MustQuery(adminToken, `{ accounts(first: 100) { nodes { email } } }`, nil)
		for _, acc := range list(d, "accounts.nodes") {
			if str(acc, "email") == "max@example.org" {
				return true
			}
		}
		return false
	})
	if !login(b, "max@example.org") {
		t.Errorf("the account that landed cannot log in")
	}

	// A post with a requested slug: the same.
	failOnce("post:"+mongodb.StepIntent, func() *gqlResponse { return createPost(a, "annual-meeting") })
	r := createPost(b, "annual-meeting")
	if r.Code() != "" || str(r.Data, "createPost.slug") != "annual-meeting" {
		t.Fatalf("a post retried with its slug: %+v", r.Errors)
	}
	postID := str(r.Data, "createPost.id")
	waitForVersion(t, a, postID, 1)
	for _, s := range []*testServer{a, b} {
		if r := createPost(s, "annual-meeting"); r.Code() != "BAD_USER_INPUT" {
			t.Errorf("a second post with the slug: %+v", r.Errors)
		}
	}
	failOnce("post:"+mongodb.StepRevision, func() *gqlResponse { return createPost(a, "general-assembly") })
	if r := createPost(b, "general-assembly"); r.Code() != "BAD_USER_INPUT" {
		t.Errorf("a retry of a post that landed: %+v, want BAD_USER_INPUT (the slug is taken)", r.Errors)
	}

	// A deleted post keeps its slug (as a renamed post keeps its old ones), also when its
	// older revisions are gone: nobody adopts it.
	gone := str(a.MustQuery(adminToken, `mutation($a: ID) { createPost(input: {title: "Gone", body: "<p>x</p>", authorId: $a, slug: "gone"}) { id } }`,
		map[string]any{"a": p.memberID}), "createPost.id")
	a.MustQuery(adminToken, `mutation($id: ID!) { deletePost(id: $id) }`, map[string]any{"id": gone})
	for _, s := range []*testServer{a, b} {
		if r := createPost(s, "gone"); r.Code() != "BAD_USER_INPUT" {
			t.Errorf("a deleted post's slug: %+v", r.Errors)
		}
	}
}
