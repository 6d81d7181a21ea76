package app_test

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/guildhall/guildhall"
	"github.com/guildhall/guildhall/app"
	"github.com/guildhall/guildhall/cms"
	"github.com/guildhall/guildhall/mongodb"
)

// crashSwitch is a failpoint hook that fails the first step that matches once armed, as a
// process killed right after that step would.
type crashSwitch struct {
	mu    sync.Mutex
	armed string
	fired bool
}

func (c *crashSwitch) arm(step string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.armed, c.fired = step, false
}

func (c *crashSwitch) hook(step string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.armed != "" && step == c.armed {
		c.armed, c.fired = "", true
		return fmt.Errorf("simulated crash after %s", step)
	}
	return nil
}

func (c *crashSwitch) didFire() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.fired
}

// writeKind is one kind of write in the failpoint matrix: prepare makes what it changes (on
// instance A, before any crash), write makes the change, observe tells what an instance
// serves of it.
type writeKind struct {
	name    string
	steps   []string
	prepare func(t *testing.T, a *testServer, cell string) map[string]string
	write   func(a *testServer, fx map[string]string) *gqlResponse
	observe func(s *testServer, fx map[string]string) string
}

var storeSteps = []string{mongodb.StepIntent, mongodb.StepRevision, mongodb.StepCommitted}

func adminCtx() context.Context {
	return guildhall.WithViewer(context.Background(), &guildhall.Viewer{Role: guildhall.RoleAdmin, TokenID: "test"})
}

func failpointKinds() []writeKind {
	post := func(s *testServer, fx map[string]string) string {
		return look(s, `query($id: ID) { post(id: $id) { version title status } }`, fx["id"])
	}
	return []writeKind{
		{name: "posts", steps: storeSteps,
			prepare: func(t *testing.T, a *testServer, cell string) map[string]string {
				author := str(a.MustQuery("", `{ member(slug: "christian-billington") { id } }`, nil), "member.id")
				id := str(a.MustQuery(adminToken, `mutation($a: ID, $t: String!) { createPost(input: {title: $t, body: "<p>x</p>", authorId: $a}) { id } }`,
					map[string]any{"a": author, "t": "Failpoint " + cell}), "createPost.id")
				return map[string]string{"id": id}
			},
			write: func(a *testServer, fx map[string]string) *gqlResponse {
				v := num(a.MustQuery(adminToken, `query($id: ID) { post(id: $id) { version } }`, map[string]any{"id": fx["id"]}), "post.version")
				return a.Query(adminToken, `mutation($id: ID!, $v: Int!) { updatePost(input: {id: $id, expectedVersion: $v, title: "Edited"}) { version } }`,
					map[string]any{"id": fx["id"], "v": v})
			},
			observe: post},
		{name: "blocks", steps: storeSteps,
			prepare: func(t *testing.T, a *testServer, cell string) map[string]string {
				id := str(a.MustQuery(adminToken, `mutation($n: String) { createBlock(input: {kind: CONTACT, contactName: $n}) { id } }`,
					map[string]any{"n": "Desk " + cell}), "createBlock.id")
				return map[string]string{"id": id}
			},
			write: func(a *testServer, fx map[string]string) *gqlResponse {
				return a.Query(adminToken, `mutation($id: ID!) { updateBlock(input: {id: $id, title: "Edited"}) { id } }`, map[string]any{"id": fx["id"]})
			},
			observe: func(s *testServer, fx map[string]string) string {
				return look(s, `query($id: ID!) { block(id: $id) { id title } }`, fx["id"])
			}},
		{name: "members", steps: storeSteps,
			prepare: func(t *testing.T, a *testServer, cell string) map[string]string {
				return map[string]string{"id": str(a.MustQuery("", `{ member(slug: "christian-billington") { id } }`, nil), "member.id"), "cell": cell}
			},
			write: func(a *testServer, fx map[string]string) *gqlResponse {
				return a.Query(adminToken, `mutation($id: ID!, $c: String) { updateMemberProfile(input: {id: $id, credentials: $c}) { id } }`,
					map[string]any{"id": fx["id"], "c": "FRCS " + fx["cell"]})
			},
			observe: func(s *testServer, fx map[string]string) string {
				return look(s, `query($id: ID) { member(id: $id) { credentials updatedAt } }`, fx["id"])
			}},
		{name: "tokens", steps: storeSteps,
			prepare: func(t *testing.T, a *testServer, cell string) map[string]string {
				d := a.MustQuery(adminToken, `mutation($n: String!) { createApiToken(input: {name: $n, role: EDITOR}) { token apiToken { id } } }`,
					map[string]any{"n": "editor " + cell})
				return map[string]string{"id": str(d, "createApiToken.apiToken.id"), "secret": str(d, "createApiToken.token")}
			},
			write: func(a *testServer, fx map[string]string) *gqlResponse {
				return a.Query(adminToken, `mutation($id: ID!) { revokeApiToken(id: $id) { revokedAt } }`, map[string]any{"id": fx["id"]})
			},
			// What matters is whether the instance still accepts the token.
			observe: func(s *testServer, fx map[string]string) string {
				return s.Query(fx["secret"], `{ viewer { role } }`, nil).Code()
			}},
		{name: "accounts", steps: storeSteps,
			prepare: func(t *testing.T, a *testServer, cell string) map[string]string {
				email := strings.ReplaceAll(cell, "/", "-") + "@example.org"
				id := str(a.MustQuery(adminToken, `mutation($e: String!) { createAccount(input: {email: $e, password: "first-password-123", role: EDITOR}) { id } }`,
					map[string]any{"e": email}), "createAccount.id")
				session := str(a.MustQuery("", `mutation($e: String!) { login(email: $e, password: "first-password-123") { token } }`, map[string]any{"e": email}), "login.token")
				return map[string]string{"id": id, "session": session}
			},
			write: func(a *testServer, fx map[string]string) *gqlResponse {
				return a.Query(fx["session"], `mutation { changePassword(currentPassword: "first-password-123", newPassword: "second-password-456") }`, nil)
			},
			// The schema shows no password; the version of the account tells.
			observe: func(s *testServer, fx map[string]string) string {
				n, err := s.app.Service().Node(adminCtx(), fx["id"])
				if err != nil {
					return err.Error()
				}
				return fmt.Sprint("version ", n.(*guildhall.Account).Version)
			}},
		{name: "webhooks", steps: storeSteps,
			prepare: func(t *testing.T, a *testServer, cell string) map[string]string {
				id := str(a.MustQuery(adminToken, `mutation { createWebhook(input: {url: "https://hooks.example/x", events: [POST_PUBLISHED], secret: "0123456789abcdef"}) { id } }`, nil),
					"createWebhook.id")
				return map[string]string{"id": id}
			},
			write: func(a *testServer, fx map[string]string) *gqlResponse {
				return a.Query(adminToken, `mutation($id: ID!) { deleteWebhook(id: $id) }`, map[string]any{"id": fx["id"]})
			},
			observe: func(s *testServer, fx map[string]string) string {
				for _, w := range list(s.MustQuery(adminToken, `{ webhooks(first: 100) { nodes { id } } }`, nil), "webhooks.nodes") {
					if str(w, "id") == fx["id"] {
						return "registered"
					}
				}
				return "gone"
			}},
		{name: "renewals", steps: append([]string{cms.StepClaimed}, append(storeSteps, cms.StepApplied, cms.StepAudited)...),
			prepare: func(t *testing.T, a *testServer, cell string) map[string]string {
				return map[string]string{"id": fixtureMember(a, "ACTIVE"), "key": "fp-" + cell}
			},
			write: func(a *testServer, fx map[string]string) *gqlResponse {
				return a.renew(adminToken, fx["id"], "professional", fx["key"])
			},
			observe: func(s *testServer, fx map[string]string) string {
				m := s.membership(fx["id"])
				return fmt.Sprintf("%d renewals to %s", m.renewals, m.expiresAt.Format(time.DateOnly))
			}},
	}
}

// Every write kind, crashed after every step, then restarted: the other instance converges
// on what the database holds (within about a sync interval), and the client's retry
// completes the write once. The whole matrix runs on the embedded engine's layout of the
// change log; on MongoDB's layout, which differs only in where entries are kept, every kind
// crashes between its revision and its commit, the step that needs the intent. With
// GUILDHALL_FAILPOINT_TABLE set to a file name, the matrix is written there as a Markdown
// table.
func TestFailpointMatrix(t *testing.T) {
	kinds := failpointKinds()
	var mu sync.Mutex
	results := map[string]map[string]string{} // layout -> "kind/step" -> outcome
	for _, layout := range []string{mongodb.ChangeLogBuckets, mongodb.ChangeLogCollection} {
		t.Run(layout, func(t *testing.T) {
			t.Parallel()
			crash := &crashSwitch{}
			a := MustRunServer(t, func(c *app.Config) { c.ChangeLog = layout; c.Failpoint = crash.hook })
			b := MustRunServer(t, func(c *app.Config) { c.Database = a.cfg.Database; c.ChangeLog = layout; c.Seed = false })
			record := func(cell, outcome string) {
				mu.Lock()
				defer mu.Unlock()
				if results[layout] == nil {
					results[layout] = map[string]string{}
				}
				results[layout][cell] = outcome
			}
			for _, k := range kinds {
				for _, step := range k.steps {
					if layout == mongodb.ChangeLogCollection && step != mongodb.StepRevision {
						continue
					}
					cell := k.name + "/" + step
					fx := k.prepare(t, a, layout+"-"+strings.ReplaceAll(cell, ":", "-"))
					converge(t, a, b, k, fx, "before the crash")
					before := k.observe(a, fx)

					crash.arm(failpointName(k, step))
					if r := k.write(a, fx); r.Code() == "" || !crash.didFire() {
						t.Errorf("%s: the crash did not happen (code %q)", cell, r.Code())
						record(cell, "not reached")
						continue
					}
					crashed := time.Now()
					a.Stop() // the process dies
					a = startAnother(t, a.cfg)
					_, ok := converge(t, a, b, k, fx, "after the crash and restart")
					landed := k.observe(a, fx) != before
					outcome := fmt.Sprintf("converged %d ms after the crash", time.Since(crashed).Milliseconds())
					if !landed {
						outcome = "converged (nothing stored)"
					}
					if !ok {
						outcome = "NOT converged"
					}
					// The client retries; the write completes once, everywhere. When the first
					// attempt landed, the retry may be refused for it: the version moved on
					// (CONFLICT), the old password is no longer right, the webhook is gone.
					refused := map[string]bool{"CONFLICT": true, "BAD_USER_INPUT": true, "NOT_FOUND": true}
					if r := k.write(a, fx); r.Code() != "" && !(landed && refused[r.Code()]) {
						t.Errorf("%s: the retry failed: %+v", cell, r.Errors)
						outcome += "; retry failed"
					}
					if _, ok := converge(t, a, b, k, fx, "after the retry"); !ok {
						outcome += "; NOT converged after the retry"
					}
					if k.name == "renewals" {
						if got, want := k.observe(a, fx), renewedOnce(before); got != want {
							t.Errorf("%s: after crash and retry %s, want %s", cell, got, want)
							outcome += "; renewed twice or never"
						}
					}
					record(cell, outcome)
				}
			}
		})
	}
	t.Cleanup(func() { report(t, kinds, results) })
}

// look is what an instance answers to a query about one entity, as ADMIN: its data, or the
// error code (NOT_FOUND while it has not heard of the entity).
func look(s *testServer, query, id string) string {
	r := s.Query(adminToken, query, map[string]any{"id": id})
	if r.Code() != "" {
		return r.Code()
	}
	return dump(r.Data)
}

// failpointName is the hook's name for a step of a kind's write.
func failpointName(k writeKind, step string) string {
	if !slices.Contains(storeSteps, step) {
		return step // a step of the membership change itself
	}
	kind := map[string]string{"posts": "post", "blocks": "block", "members": "member", "tokens": "token",
		"accounts": "account", "webhooks": "webhook", "renewals": "member"}[k.name]
	return kind + ":" + step
}

// renewedOnce is the observation of a membership renewed once more than before ("N renewals
// to DATE", a professional plan of 12 months).
func renewedOnce(before string) string {
	var n int
	var date string
	_, _ = fmt.Sscanf(before, "%d renewals to %s", &n, &date)
	at, _ := time.Parse(time.DateOnly, date)
	return fmt.Sprintf("%d renewals to %s", n+1, guildhall.AddMonths(at, 12).Format(time.DateOnly))
}

// converge waits until B serves what A serves (A has just loaded from the database), and
// reports how long that took.
func converge(t *testing.T, a, b *testServer, k writeKind, fx map[string]string, when string) (time.Duration, bool) {
	t.Helper()
	began := time.Now()
	for {
		want, got := k.observe(a, fx), k.observe(b, fx)
		if want == got {
			return time.Since(began), true
		}
		if time.Since(began) > 10*time.Second {
			t.Errorf("%s %s: B serves %s, A %s", k.name, when, got, want)
			return time.Since(began), false
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func report(t *testing.T, kinds []writeKind, results map[string]map[string]string) {
	var b strings.Builder
	for _, layout := range []string{mongodb.ChangeLogBuckets, mongodb.ChangeLogCollection} {
		fmt.Fprintf(&b, "\nChange log layout: %s. A crashes after the step and restarts (about half a second); B must serve what the database holds.\n\n", layout)
		b.WriteString("| write kind | crash after | outcome on instance B |\n| --- | --- | --- |\n")
		for _, k := range kinds {
			for _, step := range k.steps {
				outcome, ok := results[layout][k.name+"/"+step]
				if !ok {
					continue
				}
				fmt.Fprintf(&b, "| %s | %s | %s |\n", k.name, failpointName(k, step), outcome)
			}
		}
	}
	t.Log(b.String())
	if name := os.Getenv("GUILDHALL_FAILPOINT_TABLE"); name != "" {
		if err := os.WriteFile(name, []byte(b.String()), 0o644); err != nil {
			t.Error(err)
		}
	}
}
