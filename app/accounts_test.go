package app_test

import (
	"testing"
	"time"

	"github.com/guildhall/guildhall/app"
)

// An ADMIN ends a person's access: disabling the account refuses its login, its sessions and
// its member's API tokens at once on this instance and within the sync interval on another;
// a role change applies to open sessions; revokeSessions and revokeApiToken end sessions;
// changePassword ends every other session of the account.
func TestEndingAccess(t *testing.T) {
	a := MustRunServer(t)
	b := MustRunServer(t, func(c *app.Config) { c.Database = a.cfg.Database; c.Seed = false })
	p := setupPeople(t, a)
	const password = "a long and secret passphrase"
	account := str(a.MustQuery(adminToken, `mutation($m: ID, $p: String!) { createAccount(input: {email: "ana@example.org", password: $p, role: AUTHOR, memberId: $m}) { id disabled } }`,
		map[string]any{"m": p.memberID, "p": password}), "createAccount.id")
	login := func(s *testServer, pw string) (string, *gqlResponse) {
		r := s.Query("", `mutation($p: String!) { login(email: "ana@example.org", password: $p) { token } }`, map[string]any{"p": pw})
		return str(r.Data, "login.token"), r
	}
	role := func(s *testServer, token string) (string, int) {
		r := s.Query(token, `{ viewer { role } }`, nil)
		return str(r.Data, "viewer.role"), r.Status
	}
	// waitRefused waits until the other instance refuses the token (401).
	waitRefused := func(what, token string) {
		t.Helper()
		for start := time.Now(); ; time.Sleep(20 * time.Millisecond) {
			if _, status := role(b, token); status == 401 {
				return
			}
			if time.Since(start) > 5*time.Second {
				t.Fatalf("the other instance still accepts %s", what)
			}
		}
	}
	onA, _ := login(a, password)
	var onB string
	waitFor(t, "the account to reach the other instance", func() bool { onB, _ = login(b, password); return onB != "" })
	// A revokes the sessions it knows of: wait until it knows of the one made on B.
	waitFor(t, "the session made on B to reach A", func() bool {
		for _, acc := range list(a.MustQuery(adminToken, `{ accounts(first: 100) { nodes { id sessions { id } } } }`, nil), "accounts.nodes") {
			if str(acc, "id") == account {
				return len(list(acc, "sessions")) >= 2
			}
		}
		return false
	})
	memberToken := a.createToken("MEMBER", p.memberID) // an API token bound to the person's member
	for _, tok := range []string{onA, onB, memberToken} {
		if r := b.Query(tok, `{ viewer { role } }`, nil); r.Status != 200 || str(r.Data, "viewer.role") == "" {
			t.Fatalf("before: %d %+v", r.Status, r.Errors)
		}
	}

	// Demoted: open sessions act with the new role at once.
	d := a.MustQuery(adminToken, `mutation($id: ID!) { updateAccount(input: {id: $id, role: MEMBER}) { role disabled } }`, map[string]any{"id": account})
	if str(d, "updateAccount.role") != "MEMBER" {
		t.Fatalf("updateAccount: %s", dump(d))
	}
	if r, _ := role(a, onA); r != "MEMBER" {
		t.Errorf("a session after the demotion acts as %s", r)
	}

	// Disabled: refused everywhere, at once here.
	d = a.MustQuery(adminToken, `mutation($id: ID!) { updateAccount(input: {id: $id, disabled: true}) { disabled disabledAt sessions { id } } }`, map[string]any{"id": account})
	if d["updateAccount"].(map[string]any)["disabled"] != true || str(d, "updateAccount.disabledAt") == "" || len(list(d, "updateAccount.sessions")) != 0 {
		t.Fatalf("disabled: %s", dump(d))
	}
	for name, tok := range map[string]string{"its session": onA, "its session on the other instance": onB, "its member's API token": memberToken} {
		if _, status := role(a, tok); status != 401 {
			t.Errorf("%s on this instance: %d, want 401", name, status)
		}
		waitRefused(name, tok)
	}
	if _, r := login(a, password); r.Code() != "UNAUTHENTICATED" {
		t.Errorf("a disabled account logs in: %+v", r.Errors)
	}
	if _, r := login(b, password); r.Code() != "UNAUTHENTICATED" {
		t.Errorf("a disabled account logs in on the other instance: %+v", r.Errors)
	}
	// Enabled again: the person logs in anew; the ended sessions stay ended.
	a.MustQuery(adminToken, `mutation($id: ID!) { updateAccount(input: {id: $id, disabled: false, role: AUTHOR}) { id } }`, map[string]any{"id": account})
	if _, status := role(a, onA); status != 401 {
		t.Errorf("a session ended by disabling came back: %d", status)
	}
	if r, status := role(a, memberToken); status != 200 || r != "MEMBER" {
		t.Errorf("the member's API token after enabling: %s %d", r, status)
	}
	first, r := login(a, password)
	if r.Code() != "" {
		t.Fatalf("login after enabling: %+v", r.Errors)
	}
	b.Clock.Advance(time.Second) // session IDs sort by when they were made
	second, _ := login(b, password)
	a.Clock.Advance(2 * time.Second)
	third, _ := login(a, password)

	// revokeApiToken takes a session's ID, from Account.sessions.
	sessions := list(a.MustQuery(adminToken, `query($id: ID!) { node(id: $id) { ... on Account { sessions { id } } } }`, map[string]any{"id": account}), "node.sessions")
	if len(sessions) != 3 {
		t.Fatalf("sessions: %v", sessions)
	}
	a.MustQuery(adminToken, `mutation($id: ID!) { revokeApiToken(id: $id) { revokedAt } }`, map[string]any{"id": str(sessions[0], "id")}) // the newest: third
	if _, status := role(a, third); status != 401 {
		t.Errorf("a session revoked by its ID: %d", status)
	}
	// changePassword ends every other session, here and there.
	if d := a.MustQuery(first, `mutation($p: String!) { changePassword(currentPassword: $p, newPassword: "another secret passphrase") }`, map[string]any{"p": password}); d["changePassword"] != true {
		t.Fatalf("changePassword: %v", d)
	}
	if _, status := role(a, first); status != 200 {
		t.Errorf("the session that changed the password: %d", status)
	}
	waitRefused("another session after a password change", second)
	// revokeSessions: the account itself (log out everywhere), or ADMIN; nobody else.
	if r := a.Query(p.member, `mutation($id: ID!) { revokeSessions(accountId: $id) }`, map[string]any{"id": account}); r.Code() != "FORBIDDEN" {
		t.Errorf("another member's revokeSessions: %+v", r.Errors)
	}
	if r := a.Query(p.editor, `{ accounts { nodes { id } } }`, nil); r.Code() != "FORBIDDEN" {
		t.Errorf("an editor lists accounts: %+v", r.Errors)
	}
	if n := num(a.MustQuery(adminToken, `mutation($id: ID!) { revokeSessions(accountId: $id) }`, map[string]any{"id": account}), "revokeSessions"); n != 1 {
		t.Errorf("revokeSessions ended %d sessions, want 1", n)
	}
	waitRefused("a session after revokeSessions", first)
	d = a.MustQuery(adminToken, `{ accounts(first: 100) { totalCount nodes { id disabled role } } }`, nil)
	if num(d, "accounts.totalCount") < 1 || str(d, "accounts.nodes.0.id") != account || str(d, "accounts.nodes.0.role") != "AUTHOR" {
		t.Errorf("accounts: %s", dump(d))
	}
	// Mistakes: unknown account, a MEMBER role without a member, disabling one's own login.
	for _, tc := range []struct{ query, code string }{
		{`mutation { updateAccount(input: {id: "acc_00000000000000000000000000", disabled: true}) { id } }`, "NOT_FOUND"},
		{`mutation { updateAccount(input: {id: "` + account + `", role: MEMBER}) { id } }`, ""},
	} {
		if r := a.Query(adminToken, tc.query, nil); r.Code() != tc.code {
			t.Errorf("%s: %+v, want %q", tc.query, r.Errors, tc.code)
		}
	}
	staff := str(a.MustQuery(adminToken, `mutation { createAccount(input: {email: "boss@example.org", password: "the boss's passphrase", role: ADMIN}) { id } }`, nil), "createAccount.id")
	boss, _ := func() (string, *gqlResponse) {
		r := a.Query("", `mutation { login(email: "boss@example.org", password: "the boss's passphrase") { token } }`, nil)
		return str(r.Data, "login.token"), r
	}()
	for _, in := range []string{`disabled: true`, `role: EDITOR`} {
		if r := a.Query(boss, `mutation($id: ID!) { updateAccount(input: {id: $id, `+in+`}) { id } }`, map[string]any{"id": staff}); r.Code() != "BAD_USER_INPUT" {
			t.Errorf("an ADMIN's own account, %s: %+v", in, r.Errors)
		}
	}
	if r := a.Query(adminToken, `mutation { createAccount(input: {email: "staff@example.org", password: "a staff passphrase!", role: EDITOR}) { id } }`, nil); r.Code() != "" {
		t.Fatal(r.Errors)
	} else if r := a.Query(adminToken, `mutation($id: ID!) { updateAccount(input: {id: $id, role: MEMBER}) { id } }`, map[string]any{"id": str(r.Data, "createAccount.id")}); r.Code() != "BAD_USER_INPUT" {
		t.Errorf("a MEMBER role without a member: %+v", r.Errors)
	}
}
