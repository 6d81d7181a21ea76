package app_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"github.com/guildhall/guildhall/app"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/guildhall/guildhall"
	"github.com/guildhall/guildhall/demo"
)

// people are credentials of every kind, made through the API by the bootstrap admin.
type people struct {
	admin, adminAPI, editor, author, otherAuthor, member, lapsed, service string
	authorID, otherAuthorID, memberID, lapsedID                           string
	authorPost                                                            string // a published post by author
}

func (p people) byRole() []struct{ name, token string } {
	return []struct{ name, token string }{
		{"anonymous", ""}, {"member", p.member}, {"lapsed member", p.lapsed}, {"membership service", p.service},
		{"author", p.author}, {"other author", p.otherAuthor}, {"editor", p.editor}, {"admin token", p.adminAPI}, {"bootstrap admin", p.admin},
	}
}

func memberIDBySlug(s *testServer, slug string) string {
	return str(s.MustQuery("", `query($s: String) { member(slug: $s) { id } }`, map[string]any{"s": slug}), "member.id")
}

func (s *testServer) createToken(role, memberID string, scopes ...string) string {
	s.t.Helper()
	vars := map[string]any{"role": role, "scopes": scopes}
	if memberID != "" {
		vars["m"] = memberID
	}
	d := s.MustQuery(adminToken, `mutation($role: Role!, $m: ID, $scopes: [String!]) {
		createApiToken(input: {name: "test", role: $role, memberId: $m, scopes: $scopes}) { token apiToken { id } } }`, vars)
	return str(d, "createApiToken.token")
}

func setupPeople(t *testing.T, s *testServer) people {
	t.Helper()
	live := livePosts()
	p := people{admin: adminToken}
	p.authorID = memberIDBySlug(s, live[0].AuthorSlug)
	p.authorPost = str(s.MustQuery("", `query($s: String) { post(slug: $s) { id } }`, map[string]any{"s": live[0].Slug}), "post.id")
	// The other author: a member with an active membership and no published posts.
	authors := map[string]bool{}
	for _, post := range fixture.Posts {
		authors[post.AuthorSlug] = true
	}
	var activeNonAuthor, lapsed string
	for _, m := range fixture.Members {
		status := ""
		switch {
		case m.Plan == "" || m.Cancelled:
		case fixtureNow.Before(m.ExpiresAt):
			status = "active"
		case fixtureNow.After(m.ExpiresAt.Add(30 * 24 * time.Hour)):
			status = "lapsed"
		}
		if status == "active" && !authors[m.Slug] && activeNonAuthor == "" {
			activeNonAuthor = m.Slug
		}
		if status == "lapsed" && lapsed == "" {
			lapsed = m.Slug
		}
	}
	if activeNonAuthor == "" || lapsed == "" {
		t.Fatal("fixture lacks an active non-author or a lapsed member")
	}
	p.otherAuthorID = memberIDBySlug(s, activeNonAuthor)
	p.memberID = p.otherAuthorID
	p.lapsedID = memberIDBySlug(s, lapsed)
	p.adminAPI = s.createToken("ADMIN", "")
	p.editor = s.createToken("EDITOR", "")
	p.author = s.createToken("AUTHOR", p.authorID)
	p.otherAuthor = s.createToken("AUTHOR", p.otherAuthorID)
	p.member = s.createToken("MEMBER", p.memberID)
	p.lapsed = s.createToken("MEMBER", p.lapsedID)
	p.service = s.createToken("MEMBER", "", "membership")
	return p
}

// access is the expected outcome of an operation for a caller: "" allowed, else the code.
type access map[string]string

func expect(allowed []string, codes access) func(role string) string {
	return func(role string) string {
		for _, a := range allowed {
			if a == role {
				return ""
			}
		}
		if c, ok := codes[role]; ok {
			return c
		}
		if role == "anonymous" {
			return "UNAUTHENTICATED"
		}
		return "FORBIDDEN"
	}
}

// Every role against every operation: allowed, or refused with the right code and nothing
// written.
func TestRolesAgainstOperations(t *testing.T) {
	s := MustRunServer(t)
	p := setupPeople(t, s)
	blockID := str(s.MustQuery(adminToken, `mutation { createBlock(input: {kind: CONTACT, contactName: "Events"}) { id } }`, nil), "createBlock.id")
	admins := []string{"admin token", "bootstrap admin"}
	staff := append([]string{"editor"}, admins...)

	draftBy := func(authorID string) string {
		return str(s.MustQuery(adminToken, `mutation($a: ID) { createPost(input: {title: "Draft for a test", body: "<p>x</p>", authorId: $a}) { id } }`,
			map[string]any{"a": authorID}), "createPost.id")
	}
	postVersion := func(id string) string {
		return fmt.Sprint(num(s.MustQuery(adminToken, `query($id: ID) { post(id: $id) { version } }`, map[string]any{"id": id}), "post.version"))
	}
	counts := func() string {
		d := s.MustQuery(adminToken, `{ a: posts(first: 100, filter: {status: DRAFT}) { totalCount } b: blocks(first: 100) { totalCount }
			c: apiTokens(first: 100) { totalCount } }`, nil)
		return fmt.Sprint(num(d, "a.totalCount"), num(d, "b.totalCount"), num(d, "c.totalCount"))
	}
	memberVersion := func(id string) func() string {
		return func() string {
			return str(s.MustQuery(adminToken, `query($id: ID) { member(id: $id) { updatedAt } }`, map[string]any{"id": id}), "member.updatedAt")
		}
	}

	type op struct {
		name   string
		query  string
		vars   func() map[string]any // fresh per caller
		expect func(role string) string
		probe  func() string // state that must not change when refused
	}
	ops := []op{
		{"createPost as the author", `mutation($a: ID) { createPost(input: {title: "Mine", body: "<p>x</p>", authorId: $a}) { id } }`,
			func() map[string]any { return map[string]any{"a": p.authorID} },
			expect([]string{"author", "editor", "admin token", "bootstrap admin"}, nil), counts},
		{"updatePost of the author's post", `mutation($id: ID!, $v: Int!) { updatePost(input: {id: $id, expectedVersion: $v, title: "Edited"}) { version } }`,
			func() map[string]any {
				var v int
				fmt.Sscan(postVersion(p.authorPost), &v)
				return map[string]any{"id": p.authorPost, "v": v}
			},
			expect(append([]string{"author"}, staff...), nil), func() string { return postVersion(p.authorPost) }},
		{"publishPost of the author's draft", `mutation($id: ID!) { publishPost(id: $id) { status } }`,
			func() map[string]any { return map[string]any{"id": draftBy(p.authorID)} },
			// Roles that may not publish at all are refused whatever the ID; an author who may
			// publish is told another's draft does not exist.
			expect(append([]string{"author"}, staff...), access{"other author": "NOT_FOUND"}),
			counts},
		{"createBlock", `mutation { createBlock(input: {kind: CONTACT, contactName: "x"}) { id } }`, nil, expect(staff, nil), counts},
		{"updateBlock", `mutation($id: ID!) { updateBlock(input: {id: $id, contactTitle: "Coordinator"}) { id } }`,
			func() map[string]any { return map[string]any{"id": blockID} }, expect(staff, nil),
			func() string {
				return dump(s.MustQuery("", `query($id: ID!) { block(id: $id) { updatedAt } }`, map[string]any{"id": blockID}))
			}},
		{"createApiToken", `mutation { createApiToken(input: {name: "x", role: EDITOR}) { token } }`, nil, expect(admins, nil), counts},
		{"revokeApiToken", `mutation($id: ID!) { revokeApiToken(id: $id) { revokedAt } }`,
			func() map[string]any {
				id := str(s.MustQuery(adminToken, `mutation { createApiToken(input: {name: "victim", role: EDITOR}) { apiToken { id } } }`, nil), "createApiToken.apiToken.id")
				return map[string]any{"id": id}
			}, expect(admins, nil), nil},
		{"apiTokens", `{ apiTokens { totalCount } }`, nil, expect(admins, nil), nil},
		{"createAccount", `mutation($e: String!) { createAccount(input: {email: $e, password: "long enough password", role: EDITOR}) { id } }`,
			func() map[string]any {
				return map[string]any{"e": fmt.Sprintf("staff%d@example.org", time.Now().UnixNano())}
			}, expect(admins, nil), nil},
		{"updateMemberProfile of the member", `mutation($id: ID!) { updateMemberProfile(input: {id: $id, credentials: "MSc"}) { id } }`,
			func() map[string]any { return map[string]any{"id": p.memberID} },
			// The member is also "other author" (one person, two tokens).
			expect(append([]string{"member", "other author"}, admins...), nil), memberVersion(p.memberID)},
		{"members by membership status", `{ members(filter: {status: ACTIVE}) { totalCount } }`, nil,
			expect(append([]string{"membership service"}, admins...), access{"anonymous": "FORBIDDEN"}), nil},
	}
	for _, o := range ops {
		for _, caller := range p.byRole() {
			t.Run(o.name+"/"+caller.name, func(t *testing.T) {
				var vars map[string]any
				if o.vars != nil {
					vars = o.vars()
				}
				before := ""
				if o.probe != nil {
					before = o.probe()
				}
				r := s.Query(caller.token, o.query, vars)
				want := o.expect(caller.name)
				if got := r.Code(); got != want {
					t.Fatalf("code %q, want %q (%+v)", got, want, r.Errors)
				}
				if want != "" && o.probe != nil {
					if after := o.probe(); after != before {
						t.Errorf("refused, yet state changed: %s -> %s", before, after)
					}
				}
			})
		}
	}
}

// Fields that depend on who asks.
func TestFieldVisibility(t *testing.T) {
	s := MustRunServer(t)
	p := setupPeople(t, s)
	membersOnly := fixturePost(func(d demo.Post) bool {
		return d.Visibility == guildhall.VisibilityMembers && d.Status == guildhall.PostPublished && !d.PublishedAt.After(fixtureNow)
	})
	// The author reads a members-only body if it is their own post or their membership is in
	// good standing.
	author := live0Author()
	authorReadsBody := membersOnly.AuthorSlug == author.Slug ||
		(author.Plan != "" && !author.Cancelled && fixtureNow.Before(author.ExpiresAt.Add(30*24*time.Hour)))
	q := `query($m: ID, $s: String) { member(id: $m) { email phone membership { status } } post(slug: $s) { body { html } } }`
	vars := map[string]any{"m": p.memberID, "s": membersOnly.Slug}
	for _, tc := range []struct {
		caller                string
		token                 string
		contact, member, body bool
	}{
		{"anonymous", "", false, false, false},
		{"the member", p.member, true, true, true},
		{"a lapsed member", p.lapsed, false, false, false},
		{"an author", p.author, false, false, authorReadsBody},
		{"editor", p.editor, true, false, true},
		{"admin", p.adminAPI, true, true, true},
		{"membership service", p.service, false, true, false},
	} {
		t.Run(tc.caller, func(t *testing.T) {
			d := s.MustQuery(tc.token, q, vars)
			if got := get(d, "member.email") != nil; got != tc.contact {
				t.Errorf("email visible = %v, want %v", got, tc.contact)
			}
			if got := get(d, "member.phone") != nil; got != tc.contact {
				t.Errorf("phone visible = %v, want %v", got, tc.contact)
			}
			if got := get(d, "member.membership") != nil; got != tc.member {
				t.Errorf("membership visible = %v, want %v", got, tc.member)
			}
			if got := get(d, "post.body") != nil; got != tc.body {
				t.Errorf("members-only body visible = %v, want %v", got, tc.body)
			}
		})
	}
}

// Whatever a caller may not see is answered exactly as if it did not exist, on every path.
func TestNonDisclosure(t *testing.T) {
	s := MustRunServer(t)
	p := setupPeople(t, s)
	live := livePosts()
	otherSlug := ""
	for _, m := range fixture.Members {
		if memberIDBySlug(s, m.Slug) == p.otherAuthorID {
			otherSlug = m.Slug
		}
	}
	// Baselines, as anonymous sees them.
	baseline := func(token string) map[string]any {
		return s.MustQuery(token, `query($a: String, $t: String, $o: String) {
			all: posts(first: 100) { totalCount }
			tag: posts(first: 100, filter: {tag: $t}) { totalCount }
			search: posts(first: 100, filter: {search: "zebra crossing"}) { totalCount }
			a: member(slug: $a) { publishedPostCount posts { totalCount } }
			o: member(slug: $o) { publishedPostCount posts { totalCount } }
			withPosts: members(first: 100, filter: {hasPublishedPosts: true}) { totalCount }
			memberDirectory { letter count } }`, map[string]any{"a": live[0].AuthorSlug, "t": live[0].Tags[0], "o": otherSlug})
	}
	before := map[string]map[string]any{}
	for _, c := range p.byRole() {
		before[c.name] = baseline(c.token)
	}

	// Hidden things: the author's draft and scheduled post, and the other author's draft, all
	// titled and tagged so every path could find them.
	mk := func(authorID string) string {
		return str(s.MustQuery(adminToken, `mutation($a: ID, $t: [String!]) { createPost(input: {title: "Zebra crossing secrets", body: "<p>zebra crossing</p>", authorId: $a, tags: $t}) { id } }`,
			map[string]any{"a": authorID, "t": live[0].Tags}), "createPost.id")
	}
	draft := mk(p.authorID)
	scheduled := mk(p.authorID)
	s.MustQuery(adminToken, `mutation($id: ID!, $at: Time) { publishPost(id: $id, publishAt: $at) { id } }`,
		map[string]any{"id": scheduled, "at": fixtureNow.Add(24 * time.Hour).Format(time.RFC3339)})
	otherDraft := mk(p.otherAuthorID)

	hidden := map[string][]string{ // caller -> posts they must not see
		"anonymous": {draft, scheduled, otherDraft}, "member": {draft, scheduled}, "lapsed member": {draft, scheduled, otherDraft},
		"membership service": {draft, scheduled, otherDraft}, "author": {otherDraft}, "other author": {draft, scheduled},
	}
	for _, c := range p.byRole() {
		ids, ok := hidden[c.name]
		if !ok {
			continue
		}
		t.Run(c.name, func(t *testing.T) {
			for _, id := range ids {
				for _, q := range []string{`query($id: ID) { post(id: $id) { id } }`, `query($id: ID!) { node(id: $id) { id } }`} {
					r := s.Query(c.token, q, map[string]any{"id": id})
					if r.Code() != "NOT_FOUND" || strings.Contains(dump(r.Data), id) {
						t.Errorf("%s: %+v %v", q, r.Errors, r.Data)
					}
				}
				// The same answer as for an ID that never existed.
				ghost := s.Query(c.token, `query($id: ID) { post(id: $id) { id } }`, map[string]any{"id": "pst_00000000000000000000000000"})
				real := s.Query(c.token, `query($id: ID) { post(id: $id) { id } }`, map[string]any{"id": id})
				if ghost.Errors[0].Message != real.Errors[0].Message {
					t.Errorf("hidden and missing posts answer differently: %q vs %q", real.Errors[0].Message, ghost.Errors[0].Message)
				}
				// Related lists of a published post that shares its tags never include it.
				d := s.MustQuery(c.token, `query($s: String) { post(slug: $s) { related(first: 100) { id } } }`, map[string]any{"s": live[0].Slug})
				if strings.Contains(dump(d), id) {
					t.Errorf("related lists a hidden post")
				}
			}
			// Lists, search and counts are as they were.
			if got, want := dump(baseline(c.token)), dump(before[c.name]); got != want && c.name != "author" {
				t.Errorf("counts changed:\n%s\nwas\n%s", got, want)
			}
			// Asking for drafts explicitly lists none of them either.
			d := s.MustQuery(c.token, `{ posts(first: 100, filter: {status: DRAFT}) { nodes { id } } s: posts(first: 100, filter: {status: SCHEDULED}) { nodes { id } } }`, nil)
			for _, id := range ids {
				if strings.Contains(dump(d), id) {
					t.Errorf("status filter lists hidden %s", id)
				}
			}
		})
	}
	// The author sees their own draft and scheduled post, but not the other's draft.
	d := s.MustQuery(p.author, `{ d: posts(first: 100, filter: {status: DRAFT}) { nodes { id } } s: posts(first: 100, filter: {status: SCHEDULED}) { nodes { id } } }`, nil)
	if !strings.Contains(dump(d), draft) || !strings.Contains(dump(d), scheduled) || strings.Contains(dump(d), otherDraft) {
		t.Errorf("author's own view: %v", dump(d))
	}
}

func TestLoginSessionsAndLockout(t *testing.T) {
	var logs bytes.Buffer
	var logMu sync.Mutex
	s := MustRunServerLogging(t, lockedWriter{&logs, &logMu})
	p := setupPeople(t, s)
	const password = "a long and secret passphrase"
	s.MustQuery(adminToken, `mutation($m: ID) { createAccount(input: {email: "Member@Example.org", password: "a long and secret passphrase", role: AUTHOR, memberId: $m}) { id email role } }`,
		map[string]any{"m": p.memberID})
	if r := s.Query(adminToken, `mutation { createAccount(input: {email: "member@example.org", password: "another long password", role: EDITOR}) { id } }`, nil); r.Code() != "BAD_USER_INPUT" {
		t.Errorf("a second account with the same email (other case): %+v", r.Errors)
	}
	if r := s.Query(adminToken, `mutation { createAccount(input: {email: "short@example.org", password: "short", role: EDITOR}) { id } }`, nil); r.Code() != "BAD_USER_INPUT" {
		t.Errorf("a short password: %+v", r.Errors)
	}

	login := func(email, pw string) *gqlResponse {
		return s.Query("", `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token expiresAt viewer { role member { id } } } }`,
			map[string]any{"e": email, "p": pw})
	}
	ok := login(" member@example.org ", password)
	if ok.Code() != "" || str(ok.Data, "login.viewer.role") != "AUTHOR" || str(ok.Data, "login.viewer.member.id") != p.memberID {
		t.Fatalf("login: %+v %v", ok.Errors, ok.Data)
	}
	session := str(ok.Data, "login.token")
	if !strings.HasPrefix(session, "ghs_") {
		t.Errorf("session token %q", session)
	}
	// The session acts as the person: they may write as themselves.
	if r := s.Query(session, `mutation($a: ID) { createPost(input: {title: "By session", body: "<p>x</p>", authorId: $a}) { id } }`, map[string]any{"a": p.memberID}); r.Code() != "" {
		t.Errorf("writing with a session: %+v", r.Errors)
	}
	// Change the password, log out: the session is dead.
	if r := s.Query(session, `mutation { changePassword(currentPassword: "wrong wrong wrong", newPassword: "new secret passphrase") }`, nil); r.Code() != "BAD_USER_INPUT" {
		t.Errorf("change with a wrong current password: %+v", r.Errors)
	}
	s.MustQuery(session, `mutation { changePassword(currentPassword: "a long and secret passphrase", newPassword: "new secret passphrase") }`, nil)
	if r := s.Query(p.adminAPI, `mutation { logout }`, nil); r.Code() != "BAD_USER_INPUT" {
		t.Errorf("logout with an API token: %+v", r.Errors)
	}
	s.MustQuery(session, `mutation { logout }`, nil)
	if r := s.Query(session, `{ viewer { role } }`, nil); r.Status != 401 || r.Code() != "UNAUTHENTICATED" {
		t.Errorf("after logout: %d %+v", r.Status, r.Errors)
	}
	if r := login("member@example.org", password); r.Code() != "UNAUTHENTICATED" {
		t.Errorf("old password still works: %+v", r.Errors)
	}

	// Wrong passwords and unknown emails get the same answer.
	wrong := login("member@example.org", "not the password at all")
	unknown := login("nobody@example.org", "not the password at all")
	if wrong.Code() != "UNAUTHENTICATED" || unknown.Code() != "UNAUTHENTICATED" || wrong.Errors[0].Message != unknown.Errors[0].Message {
		t.Errorf("wrong %+v, unknown %+v", wrong.Errors, unknown.Errors)
	}
	// Five failures in the window lock the account, even for the right password.
	for range 3 {
		login("member@example.org", "not the password at all")
	}
	locked := login("member@example.org", "new secret passphrase")
	if locked.Code() != "RATE_LIMITED" || locked.Errors[0].Extensions["retryAfterSeconds"] == nil {
		t.Fatalf("after 5 failures: %+v", locked.Errors)
	}
	s.Clock.Advance(16 * time.Minute)
	if r := login("member@example.org", "new secret passphrase"); r.Code() != "" {
		t.Errorf("after the lockout: %+v", r.Errors)
	}
	// One address failing against many accounts is limited too.
	for i := range 20 {
		login(fmt.Sprintf("guess%d@example.org", i), "not the password at all")
	}
	if r := login("member@example.org", "new secret passphrase"); r.Code() != "RATE_LIMITED" {
		t.Errorf("address not limited after 20 failures: %+v", r.Errors)
	}

	// Expired and revoked API tokens are refused.
	exp := s.MustQuery(adminToken, `mutation($at: Time) { createApiToken(input: {name: "short-lived", role: EDITOR, expiresAt: $at}) { token } }`,
		map[string]any{"at": s.Clock.Now().Add(time.Hour).Format(time.RFC3339)})
	expToken := str(exp, "createApiToken.token")
	if r := s.Query(expToken, `{ viewer { role } }`, nil); r.Code() != "" {
		t.Errorf("fresh token: %+v", r.Errors)
	}
	s.Clock.Advance(2 * time.Hour)
	if r := s.Query(expToken, `{ viewer { role } }`, nil); r.Status != 401 {
		t.Errorf("expired token: %d %+v", r.Status, r.Errors)
	}
	created := s.MustQuery(adminToken, `mutation { createApiToken(input: {name: "to revoke", role: EDITOR}) { token apiToken { id } } }`, nil)
	tok, id := str(created, "createApiToken.token"), str(created, "createApiToken.apiToken.id")
	s.MustQuery(adminToken, `mutation($id: ID!) { revokeApiToken(id: $id) { revokedAt } }`, map[string]any{"id": id})
	if r := s.Query(tok, `{ viewer { role } }`, nil); r.Status != 401 {
		t.Errorf("revoked token: %d %+v", r.Status, r.Errors)
	}
	// A token with a valid shape but a wrong secret.
	if r := s.Query(tok[:len(tok)-4]+"AAAA", `{ viewer { role } }`, nil); r.Status != 401 {
		t.Errorf("tampered token: %d", r.Status)
	}

	// No password or token secret in any response but the one that issues it, or in the log.
	listing := s.MustQuery(adminToken, `{ apiTokens(first: 100) { nodes { id name role scopes createdAt revokedAt member { id } } } }`, nil)
	raw, _ := json.Marshal(listing)
	logMu.Lock()
	logText := logs.String()
	logMu.Unlock()
	for _, secret := range []string{password, "new secret passphrase", session, tok, expToken, p.author, p.editor, adminToken} {
		if strings.Contains(string(raw), secret) {
			t.Errorf("a secret appears in the token listing")
		}
		if strings.Contains(logText, secret) {
			t.Errorf("a secret appears in the log: %q", secret[:6])
		}
	}
	if !strings.Contains(logText, "path=/graphql") {
		t.Error("the log is empty: the check above proves nothing")
	}
}

// Tokens made on one instance work on another at once, and revocations reach it.
func TestTokensAcrossInstances(t *testing.T) {
	a := MustRunServer(t)
	b := MustRunServer(t, func(c *app.Config) { c.Database = a.cfg.Database; c.Seed = false })
	tok := a.createToken("EDITOR", "")
	if r := b.Query(tok, `{ viewer { role } }`, nil); r.Code() != "" || str(r.Data, "viewer.role") != "EDITOR" {
		t.Fatalf("a token made on A, used at once on B: %d %+v", r.Status, r.Errors)
	}
	id := str(a.MustQuery(adminToken, `{ apiTokens(first: 1) { nodes { id } } }`, nil), "apiTokens.nodes.0.id")
	a.MustQuery(adminToken, `mutation($id: ID!) { revokeApiToken(id: $id) { id } }`, map[string]any{"id": id})
	for start := time.Now(); ; time.Sleep(20 * time.Millisecond) {
		if r := b.Query(tok, `{ viewer { role } }`, nil); r.Status == 401 {
			break
		}
		if time.Since(start) > 5*time.Second {
			t.Fatal("B still accepts a token revoked on A")
		}
	}
}

type lockedWriter struct {
	b  *bytes.Buffer
	mu *sync.Mutex
}

func (w lockedWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.Write(p)
}

// The bootstrap command writes a token into the database of a running server, which accepts
// it at once (the first administrator needs no password and no existing credential).
func TestBootstrapToken(t *testing.T) {
	s := MustRunServer(t, func(c *app.Config) { c.AdminToken = "" })
	cfg := s.cfg
	cfg.Addr = ""
	created, err := app.CreateToken(t.Context(), cfg, slog.New(slog.DiscardHandler), guildhall.CreateApiTokenInput{Name: "first admin", Role: guildhall.RoleAdmin})
	if err != nil {
		t.Fatal(err)
	}
	d := s.MustQuery(created.Token, `{ viewer { role } apiTokens { nodes { name } } }`, nil)
	if str(d, "viewer.role") != "ADMIN" || str(d, "apiTokens.nodes.0.name") != "first admin" {
		t.Errorf("bootstrap token: %v", dump(d))
	}
	if _, err := app.CreateToken(t.Context(), cfg, slog.New(slog.DiscardHandler), guildhall.CreateApiTokenInput{Name: "x", Role: "KING"}); guildhall.ErrorCode(err) != guildhall.EINVALID {
		t.Errorf("a bad role: %v", err)
	}
	// Without GUILDHALL_ADMIN_TOKEN, nobody can write without a token.
	if r := s.Query("", `mutation { createBlock(input: {kind: CONTACT, contactName: "x"}) { id } }`, nil); r.Code() != "UNAUTHENTICATED" {
		t.Errorf("anonymous write: %+v", r.Errors)
	}
}

// The authoring workflow with real AUTHOR tokens: an author works on their own posts only.
func TestAuthorsWorkflow(t *testing.T) {
	s := MustRunServer(t)
	p := setupPeople(t, s)
	d := s.MustQuery(p.author, `mutation($a: ID) { createPost(input: {title: "An author's own draft", body: "<p>one</p>", authorId: $a}) { id version } }`,
		map[string]any{"a": p.authorID})
	id := str(d, "createPost.id")
	s.MustQuery(p.author, `mutation($id: ID!) { updatePost(input: {id: $id, expectedVersion: 1, body: "<p>two</p>"}) { version } }`, map[string]any{"id": id})
	revs := s.MustQuery(p.author, `query($id: ID) { post(id: $id) { revisions { totalCount nodes { revision } } } }`, map[string]any{"id": id})
	if num(revs, "post.revisions.totalCount") != 2 {
		t.Errorf("the author's revisions: %v", dump(revs))
	}
	link := s.MustQuery(p.author, `mutation($id: ID!) { createPreviewLink(postId: $id) { token } }`, map[string]any{"id": id})
	token := str(link, "createPreviewLink.token")
	if d := s.MustQuery("", `query($id: ID, $t: String) { post(id: $id, previewToken: $t) { body { text } } }`, map[string]any{"id": id, "t": token}); str(d, "post.body.text") != "two" {
		t.Errorf("preview: %v", dump(d))
	}
	// The other author does not see the draft, cannot preview it, edit it or publish it.
	for _, q := range []string{
		`mutation($id: ID!) { createPreviewLink(postId: $id) { token } }`,
		`mutation($id: ID!) { updatePost(input: {id: $id, expectedVersion: 2, title: "Hijacked"}) { id } }`,
		`mutation($id: ID!) { publishPost(id: $id) { id } }`,
		`mutation($id: ID!) { deletePost(id: $id) }`,
	} {
		if r := s.Query(p.otherAuthor, q, map[string]any{"id": id}); r.Code() != "NOT_FOUND" {
			t.Errorf("%s by another author: %+v", q, r.Errors)
		}
	}
	s.MustQuery(p.author, `mutation($id: ID!) { publishPost(id: $id) { status } }`, map[string]any{"id": id})
	// Published, the post is everyone's to read, but its history stays the author's.
	for _, c := range []struct{ name, token string }{{"anonymous", ""}, {"other author", p.otherAuthor}, {"member", p.member}} {
		d := s.MustQuery(c.token, `query($id: ID) { post(id: $id) { title revisions { totalCount } } }`, map[string]any{"id": id})
		if str(d, "post.title") == "" || num(d, "post.revisions.totalCount") != 0 {
			t.Errorf("%s sees the history: %v", c.name, dump(d))
		}
		if r := s.Query(c.token, `mutation($id: ID!) { archivePost(id: $id) { id } }`, map[string]any{"id": id}); r.Code() != map[bool]string{true: "UNAUTHENTICATED", false: "FORBIDDEN"}[c.token == ""] {
			t.Errorf("%s archives: %+v", c.name, r.Errors)
		}
	}
	if d := s.MustQuery(p.editor, `query($id: ID) { post(id: $id) { revisions { totalCount } } }`, map[string]any{"id": id}); num(d, "post.revisions.totalCount") != 3 {
		t.Errorf("the editor's view of the history: %v", dump(d))
	}
}

// live0Author is the demo member who wrote the newest published post (setupPeople's author).
func live0Author() demo.Member {
	slug := livePosts()[0].AuthorSlug
	for _, m := range fixture.Members {
		if m.Slug == slug {
			return m
		}
	}
	panic("no author " + slug)
}
