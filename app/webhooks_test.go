package app_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/guildhall/guildhall/app"
	"github.com/guildhall/guildhall/webhook"
)

const hookSecret = "a-webhook-secret-of-some-length"

// receiver is a partner's webhook endpoint on 127.0.0.1. It checks every signature against
// the test clock, fails the first failFirst requests with a 500, and accepts the rest.
type receiver struct {
	t     *testing.T
	srv   *httptest.Server
	clock interface{ Now() time.Time } // the server's, to check signature times against

	mu        sync.Mutex
	failFirst int
	hold      chan struct{} // when set, the first request waits on it (or the client giving up)
	requests  []received
	delivered map[string]int // delivery ID -> accepted requests
}

type received struct {
	Header http.Header
	Body   []byte
	Status int
}

func newReceiver(t *testing.T, clock interface{ Now() time.Time }, failFirst int) *receiver {
	r := &receiver{t: t, clock: clock, failFirst: failFirst, delivered: map[string]int{}}
	r.srv = httptest.NewServer(http.HandlerFunc(r.serve))
	t.Cleanup(r.srv.Close)
	return r
}

func (r *receiver) serve(w http.ResponseWriter, req *http.Request) {
	body, _ := io.ReadAll(req.Body)
	r.mu.Lock()
	n := len(r.requests)
	hold := r.hold
	r.mu.Unlock()
	if n == 0 && hold != nil {
		select {
		case <-hold:
		case <-req.Context().Done():
		}
	}
	status := http.StatusNoContent
	if err := webhook.Verify(hookSecret, req.Header.Get(webhook.SignatureHeader), body, r.clock.Now(), webhook.DefaultTolerance); err != nil {
		r.t.Errorf("delivery %s: %v", req.Header.Get(webhook.DeliveryHeader), err)
		status = http.StatusUnauthorized
	} else if req.Method != http.MethodPost || req.Header.Get("Content-Type") != "application/json" {
		r.t.Errorf("%s with %s", req.Method, req.Header.Get("Content-Type"))
	}
	r.mu.Lock()
	if n < r.failFirst {
		status = http.StatusInternalServerError
	}
	r.requests = append(r.requests, received{Header: req.Header.Clone(), Body: body, Status: status})
	if status/100 == 2 {
		r.delivered[req.Header.Get(webhook.DeliveryHeader)]++
	}
	r.mu.Unlock()
	w.WriteHeader(status)
}

func (r *receiver) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.requests)
}

func (r *receiver) acceptedOf(delivery string) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.delivered[delivery]
}

func (r *receiver) request(i int) received {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.requests[i]
}

// waitFor polls until cond holds; the deadline is generous and only fails a test that is
// stuck, never a slow one.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// startAnother starts one more server with cfg (another instance, or a restart on the same
// database), stopped when the test ends.
func startAnother(t *testing.T, cfg app.Config) *testServer {
	t.Helper()
	a, err := app.Start(context.Background(), cfg, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatalf("start server: %v", err)
	}
	s := &testServer{t: t, app: a, URL: "http://" + a.Addr(), cfg: cfg}
	t.Cleanup(s.Stop)
	return s
}

func deliveringServer(t *testing.T, configure ...func(*app.Config)) *testServer {
	return MustRunServer(t, append([]func(*app.Config){withSite, func(c *app.Config) {
		c.WebhookAllowPrivate, c.WebhookInterval = true, 10*time.Millisecond
	}}, configure...)...)
}

func (s *testServer) createWebhook(url string, events ...string) string {
	s.t.Helper()
	return str(s.MustQuery(adminToken, `mutation($u: String!, $e: [WebhookEvent!]!, $s: String!) {
		createWebhook(input: {url: $u, events: $e, secret: $s, description: "partner"}) { id url events description createdAt } }`,
		map[string]any{"u": url, "e": events, "s": hookSecret}), "createWebhook.id")
}

// publishNew creates and publishes a post by Zoë Ångström, returning its ID and slug.
func (s *testServer) publishNew(title string) (string, string) {
	s.t.Helper()
	authorID := str(s.MustQuery("", `{ member(slug: "zoe-angstrom") { id } }`, nil), "member.id")
	d := s.MustQuery(adminToken, `mutation($a: ID, $t: String!) { createPost(input: {title: $t, body: "<p>Hello</p>", authorId: $a, tags: ["news"]}) { id slug } }`,
		map[string]any{"a": authorID, "t": title})
	s.MustQuery(adminToken, `mutation($id: ID!) { publishPost(id: $id) { id } }`, map[string]any{"id": str(d, "createPost.id")})
	return str(d, "createPost.id"), str(d, "createPost.slug")
}

const deliveriesQuery = `query($w: ID) { webhookDeliveries(webhookId: $w, first: 50) { totalCount nodes {
	id webhookId webhook { id } event eventId payload status createdAt nextAttemptAt
	attempts { number at statusCode error durationMs } } } }`

// attemptsSettled reports whether a delivery shows n attempts and has moved on from the
// last: delivered or given up, or its next attempt queued. The worker records a result
// before it queues the next attempt, so the log passes through the states in between.
func attemptsSettled(d any, n int) bool {
	attempts := list(d, "attempts")
	if len(attempts) != n || get(attempts[n-1], "statusCode") == nil && get(attempts[n-1], "error") == nil {
		return false
	}
	if str(d, "status") != "PENDING" {
		return true
	}
	return str(d, "nextAttemptAt") > str(attempts[n-1], "at")
}

func (s *testServer) deliveries(webhookID string) []any {
	s.t.Helper()
	return list(s.MustQuery(adminToken, deliveriesQuery, map[string]any{"w": webhookID}), "webhookDeliveries.nodes")
}

// A delivery to an endpoint that fails twice is retried on the backoff schedule and arrives
// once, after the retries; the log shows every attempt.
func TestWebhookRetriesUntilDelivered(t *testing.T) {
	s := deliveringServer(t)
	rcv := newReceiver(t, s.Clock, 2)
	hookID := s.createWebhook(rcv.srv.URL+"/hooks?source=guildhall", "POST_PUBLISHED", "POST_UPDATED")
	postID, slug := s.publishNew("Webhooks are here")

	// Stored before the mutation returned.
	log := s.deliveries(hookID)
	if len(log) != 1 || str(log[0], "event") != "POST_PUBLISHED" || str(log[0], "webhook.id") != hookID {
		t.Fatalf("log right after publishing = %v", dump(log))
	}
	deliveryID := str(log[0], "id")

	waitFor(t, "the first attempt", func() bool { return rcv.count() == 1 })
	waitFor(t, "the first attempt's record", func() bool { return attemptsSettled(s.deliveries(hookID)[0], 1) })
	d := s.deliveries(hookID)[0]
	first, _ := time.Parse(time.RFC3339, str(d, "attempts.0.at"))
	if str(d, "status") != "PENDING" || num(d, "attempts.0.statusCode") != 500 || str(d, "attempts.0.error") == "" ||
		str(d, "nextAttemptAt") != first.Add(webhook.Backoff[0]).Format(time.RFC3339) {
		t.Fatalf("after one failure: %v", dump(d))
	}
	// Nothing happens until the backoff has passed.
	s.Clock.Advance(webhook.Backoff[0] - time.Second)
	waitFor(t, "a few polls", func() bool { return len(s.deliveries(hookID)) == 1 })
	if rcv.count() != 1 {
		t.Fatalf("retried before its time: %d requests", rcv.count())
	}
	s.Clock.Advance(time.Second)
	waitFor(t, "the second attempt", func() bool { return rcv.count() == 2 })
	waitFor(t, "the second attempt's record", func() bool { return attemptsSettled(s.deliveries(hookID)[0], 2) })
	s.Clock.Advance(webhook.Backoff[1])
	waitFor(t, "the delivery", func() bool { return rcv.acceptedOf(deliveryID) == 1 })
	waitFor(t, "the delivered status", func() bool { return str(s.deliveries(hookID)[0], "status") == "DELIVERED" })

	d = s.deliveries(hookID)[0]
	attempts := list(d, "attempts")
	if len(attempts) != 3 || num(attempts[0], "statusCode") != 500 || num(attempts[1], "statusCode") != 500 ||
		num(attempts[2], "statusCode") != 204 || get(attempts[2], "error") != nil || get(d, "nextAttemptAt") != nil {
		t.Errorf("delivered: %v", dump(d))
	}
	// Every attempt sent the same signed body, with the delivery's headers.
	for i := range 3 {
		r := rcv.request(i)
		if !bytes.Equal(r.Body, []byte(str(d, "payload"))) || r.Header.Get(webhook.DeliveryHeader) != deliveryID ||
			r.Header.Get(webhook.EventHeader) != "POST_PUBLISHED" || r.Header.Get(webhook.AttemptHeader) != string(rune('1'+i)) ||
			r.Header.Get("User-Agent") != webhook.UserAgent {
			t.Errorf("request %d: %v %s", i, r.Header, r.Body)
		}
	}
	var payload struct {
		ID, Type string
		Data     struct {
			Post struct {
				ID, Slug, Title, URL, Status, Visibility string
				Tags                                     []string
				Author                                   struct{ Name, Slug, URL string }
			}
		}
	}
	if err := json.Unmarshal(rcv.request(2).Body, &payload); err != nil {
		t.Fatal(err)
	}
	p := payload.Data.Post
	if payload.Type != "POST_PUBLISHED" || payload.ID != str(d, "eventId") || p.ID != postID || p.Slug != slug || p.Title != "Webhooks are here" ||
		p.URL != site+"/posts/"+slug || p.Status != "PUBLISHED" || p.Author.Name != "Zoë Ångström" || p.Author.URL != site+"/members/zoe-angstrom" {
		t.Errorf("payload = %s", rcv.request(2).Body)
	}

	// Once means once: another event goes through while the worker keeps polling, and the
	// first delivery is not sent again.
	s.Clock.Advance(3 * time.Hour)
	s.MustQuery(adminToken, `mutation($id: ID!) { updatePost(input: {id: $id, expectedVersion: 2, title: "Webhooks are really here"}) { id } }`, map[string]any{"id": postID})
	waitFor(t, "the update's delivery", func() bool { return rcv.count() == 4 })
	if r := rcv.request(3); r.Header.Get(webhook.EventHeader) != "POST_UPDATED" || rcv.acceptedOf(deliveryID) != 1 {
		t.Errorf("after the update: %d deliveries of the first, request 4 is %s", rcv.acceptedOf(deliveryID), r.Header.Get(webhook.EventHeader))
	}
	if n := num(s.MustQuery(adminToken, deliveriesQuery, map[string]any{"w": hookID}), "webhookDeliveries.totalCount"); n != 2 {
		t.Errorf("totalCount = %d", n)
	}
}

// Stopping the server between retries loses nothing: a new server on the same database
// carries on from the stored attempts, and the delivery arrives once.
func TestWebhookDeliverySurvivesRestart(t *testing.T) {
	s := deliveringServer(t)
	rcv := newReceiver(t, s.Clock, 2)
	hookID := s.createWebhook(rcv.srv.URL, "POST_PUBLISHED")
	s.publishNew("Before the restart")
	waitFor(t, "the first attempt's record", func() bool { return attemptsSettled(s.deliveries(hookID)[0], 1) })
	deliveryID := str(s.deliveries(hookID)[0], "id")
	s.Clock.Advance(webhook.Backoff[0])
	waitFor(t, "the second attempt's record", func() bool { return attemptsSettled(s.deliveries(hookID)[0], 2) })

	s.Stop()
	restarted := startAnother(t, s.cfg)
	restarted.Clock = s.Clock
	if rcv.count() != 2 {
		t.Fatalf("%d requests before the retry is due", rcv.count())
	}
	s.Clock.Advance(webhook.Backoff[1])
	waitFor(t, "the delivery after the restart", func() bool { return rcv.acceptedOf(deliveryID) == 1 })
	waitFor(t, "the delivered status", func() bool { return str(restarted.deliveries(hookID)[0], "status") == "DELIVERED" })
	if attempts := list(restarted.deliveries(hookID)[0], "attempts"); len(attempts) != 3 || rcv.count() != 3 {
		t.Errorf("attempts %v, %d requests", dump(attempts), rcv.count())
	}
	// And only once, while the new server keeps polling.
	restarted.publishNew("After the restart")
	waitFor(t, "the next event", func() bool { return rcv.count() == 4 })
	if rcv.acceptedOf(deliveryID) != 1 {
		t.Errorf("delivered %d times", rcv.acceptedOf(deliveryID))
	}
}

// Stopping the server while an attempt is in flight aborts it; the attempt is recorded as
// failed before the database closes, and the next server retries it.
func TestWebhookStopDuringAnAttempt(t *testing.T) {
	s := deliveringServer(t)
	rcv := newReceiver(t, s.Clock, 0)
	rcv.hold = make(chan struct{}) // never released: only the server giving up ends it
	hookID := s.createWebhook(rcv.srv.URL, "POST_PUBLISHED")
	s.publishNew("In flight")
	waitFor(t, "the attempt to start", func() bool {
		return len(s.deliveries(hookID)) == 1 && rcv.count() == 0 && len(list(s.deliveries(hookID)[0], "attempts")) == 1
	})
	s.Stop()
	waitFor(t, "the aborted request", func() bool { return rcv.count() == 1 })
	restarted := startAnother(t, s.cfg)
	d := restarted.deliveries(hookID)[0]
	deliveryID := str(d, "id")
	if str(d, "status") != "PENDING" || len(list(d, "attempts")) != 1 || str(d, "attempts.0.error") == "" || get(d, "attempts.0.statusCode") != nil {
		t.Fatalf("after the stop: %v", dump(d))
	}
	s.Clock.Advance(webhook.Backoff[0])
	waitFor(t, "the retry", func() bool { return rcv.acceptedOf(deliveryID) == 1 })
	waitFor(t, "the delivered status", func() bool { return str(restarted.deliveries(hookID)[0], "status") == "DELIVERED" })
}

// A scheduled post is announced when it goes live, not when it is scheduled; rescheduling
// cancels the first announcement. Only subscribed webhooks are told.
func TestWebhookScheduledPublication(t *testing.T) {
	s := deliveringServer(t)
	rcv := newReceiver(t, s.Clock, 0)
	hookID := s.createWebhook(rcv.srv.URL, "POST_PUBLISHED")
	other := s.createWebhook(rcv.srv.URL+"/updates-only", "POST_UPDATED")
	authorID := str(s.MustQuery("", `{ member(slug: "zoe-angstrom") { id } }`, nil), "member.id")
	id := str(s.MustQuery(adminToken, `mutation($a: ID) { createPost(input: {title: "Later", body: "<p>x</p>", authorId: $a}) { id } }`, map[string]any{"a": authorID}), "createPost.id")
	publish := func(at time.Time) {
		s.MustQuery(adminToken, `mutation($id: ID!, $at: Time) { publishPost(id: $id, publishAt: $at) { status } }`, map[string]any{"id": id, "at": at.Format(time.RFC3339)})
	}
	first, second := s.Clock.Now().Add(time.Hour), s.Clock.Now().Add(2*time.Hour)
	publish(first)
	publish(second) // rescheduled
	// Both were made in the same millisecond of the test clock: tell them apart by due time.
	due := map[string]string{}
	for _, d := range s.deliveries(hookID) {
		due[str(d, "nextAttemptAt")] = str(d, "id")
	}
	firstID, secondID := due[first.Format(time.RFC3339)], due[second.Format(time.RFC3339)]
	if len(due) != 2 || firstID == "" || secondID == "" {
		t.Fatalf("scheduled deliveries = %v", dump(s.deliveries(hookID)))
	}
	delivery := func(id string) any {
		for _, d := range s.deliveries(hookID) {
			if str(d, "id") == id {
				return d
			}
		}
		t.Fatalf("no delivery %s", id)
		return nil
	}
	if len(s.deliveries(other)) != 0 {
		t.Errorf("a webhook not subscribed to POST_PUBLISHED got a delivery")
	}
	s.Clock.Advance(time.Hour + time.Second)
	waitFor(t, "the first announcement to be cancelled", func() bool { return str(delivery(firstID), "status") == "CANCELLED" })
	if rcv.count() != 0 || len(list(delivery(firstID), "attempts")) != 0 {
		t.Fatalf("%d requests for a withdrawn schedule", rcv.count())
	}
	s.Clock.Advance(time.Hour)
	waitFor(t, "the announcement", func() bool { return rcv.count() == 1 })
	var payload struct {
		Data struct{ Post struct{ ID, Status string } }
	}
	_ = json.Unmarshal(rcv.request(0).Body, &payload)
	if payload.Data.Post.ID != id || payload.Data.Post.Status != "PUBLISHED" || rcv.request(0).Header.Get(webhook.DeliveryHeader) != secondID {
		t.Errorf("payload = %s", rcv.request(0).Body)
	}
	// A deleted webhook's pending deliveries are cancelled when due, and nothing is sent.
	id = str(s.MustQuery(adminToken, `mutation($a: ID) { createPost(input: {title: "Much later", body: "<p>x</p>", authorId: $a}) { id } }`, map[string]any{"a": authorID}), "createPost.id")
	publish(s.Clock.Now().Add(time.Hour))
	pending := str(s.deliveries(hookID)[0], "id")
	s.MustQuery(adminToken, `mutation($id: ID!) { deleteWebhook(id: $id) }`, map[string]any{"id": hookID})
	s.Clock.Advance(time.Hour)
	waitFor(t, "the cancellation", func() bool { return str(delivery(pending), "status") == "CANCELLED" })
	if rcv.count() != 1 || get(delivery(pending), "webhook") != nil {
		t.Errorf("%d requests after the webhook was deleted", rcv.count())
	}
}

func TestWebhookAdministration(t *testing.T) {
	s := MustRunServer(t) // private targets refused, as in production
	valid := map[string]any{"u": "https://hooks.partner.example/guildhall", "e": []string{"POST_PUBLISHED"}, "s": hookSecret}
	create := `mutation($u: String!, $e: [WebhookEvent!]!, $s: String!) { createWebhook(input: {url: $u, events: $e, secret: $s}) { id url events } }`
	with := func(k string, v any) map[string]any {
		m := map[string]any{}
		for key, val := range valid {
			m[key] = val
		}
		m[k] = v
		return m
	}
	runScenarios(t, s, []scenario{
		{name: "anonymous may not register", query: create, vars: valid, wantCode: "UNAUTHENTICATED"},
		{name: "anonymous may not list", query: `{ webhooks { totalCount } }`, wantCode: "UNAUTHENTICATED"},
		{name: "anonymous may not read the log", query: `{ webhookDeliveries { totalCount } }`, wantCode: "UNAUTHENTICATED"},
		{name: "anonymous may not delete", query: `mutation { deleteWebhook(id: "whk_00000000000000000000000000") }`, wantCode: "UNAUTHENTICATED"},
		{name: "loopback", token: adminToken, query: create, vars: with("u", "http://127.0.0.1:8080/x"), wantCode: "BAD_USER_INPUT", errCheck: fieldsInclude("url")},
		{name: "localhost", token: adminToken, query: create, vars: with("u", "http://localhost/x"), wantCode: "BAD_USER_INPUT", errCheck: fieldsInclude("url")},
		{name: "cloud metadata", token: adminToken, query: create, vars: with("u", "http://169.254.169.254/latest"), wantCode: "BAD_USER_INPUT", errCheck: fieldsInclude("url")},
		{name: "private network", token: adminToken, query: create, vars: with("u", "https://10.0.0.7/"), wantCode: "BAD_USER_INPUT", errCheck: fieldsInclude("url")},
		{name: "IPv6 loopback", token: adminToken, query: create, vars: with("u", "http://[::1]:9000/"), wantCode: "BAD_USER_INPUT", errCheck: fieldsInclude("url")},
		{name: "decimal IPv4", token: adminToken, query: create, vars: with("u", "http://2130706433/"), wantCode: "BAD_USER_INPUT", errCheck: fieldsInclude("url")},
		{name: "not http", token: adminToken, query: create, vars: with("u", "file:///etc/passwd"), wantCode: "BAD_USER_INPUT", errCheck: fieldsInclude("url")},
		{name: "short secret", token: adminToken, query: create, vars: with("s", "short"), wantCode: "BAD_USER_INPUT", errCheck: fieldsInclude("secret")},
		{name: "no events", token: adminToken, query: create, vars: with("e", []string{}), wantCode: "BAD_USER_INPUT", errCheck: fieldsInclude("events")},
		{name: "unknown event", token: adminToken, query: create, vars: with("e", []string{"POST_EATEN"}), wantCode: "BAD_USER_INPUT"},
		{name: "valid", token: adminToken, query: create, vars: with("e", []string{"MEMBER_JOINED", "POST_PUBLISHED", "MEMBER_JOINED"}),
			check: func(t *testing.T, d any) {
				if str(d, "createWebhook.url") != valid["u"] || len(list(d, "createWebhook.events")) != 2 {
					t.Errorf("created = %v", dump(d))
				}
			}},
		{name: "the secret is write-only", token: adminToken, query: `{ webhooks { nodes { secret } } }`, wantCode: "GRAPHQL_VALIDATION_FAILED"},
		{name: "delete an unknown webhook", token: adminToken, query: `mutation { deleteWebhook(id: "whk_00000000000000000000000000") }`, wantCode: "NOT_FOUND"},
	})
	d := s.MustQuery(adminToken, `{ webhooks { totalCount nodes { id events createdAt } } }`, nil)
	if num(d, "webhooks.totalCount") != 1 {
		t.Fatalf("webhooks = %v", dump(d))
	}
	id := str(d, "webhooks.nodes.0.id")
	if got := str(s.MustQuery(adminToken, `mutation($id: ID!) { deleteWebhook(id: $id) }`, map[string]any{"id": id}), "deleteWebhook"); got != id {
		t.Errorf("deleteWebhook = %s", got)
	}
	if n := num(s.MustQuery(adminToken, `{ webhooks { totalCount } }`, nil), "webhooks.totalCount"); n != 0 {
		t.Errorf("%d webhooks after the delete", n)
	}
}

// Three instances on one database all poll the queue; each attempt is claimed by one of them
// and made once. An instance whose catalog has not caught up with another's webhook (c)
// leaves the delivery alone rather than cancel it.
func TestWebhookAttemptsAreMadeOnceAcrossInstances(t *testing.T) {
	a := deliveringServer(t)
	cfg := a.cfg
	cfg.Addr, cfg.Seed = "127.0.0.1:0", false
	b := startAnother(t, cfg)
	cfg.SyncInterval = time.Hour // c learns nothing from the change log
	c := startAnother(t, cfg)
	b.Clock, c.Clock = a.Clock, a.Clock
	rcv := newReceiver(t, a.Clock, 2)
	hookID := a.createWebhook(rcv.srv.URL, "POST_PUBLISHED")
	waitFor(t, "b to learn of the webhook", func() bool {
		return num(b.MustQuery(adminToken, `{ webhooks { totalCount } }`, nil), "webhooks.totalCount") == 1
	})
	if n := num(c.MustQuery(adminToken, `{ webhooks { totalCount } }`, nil), "webhooks.totalCount"); n != 0 {
		t.Fatalf("c knows %d webhooks", n)
	}
	for round := range 3 {
		a.publishNew("Round " + string(rune('A'+round)))
		waitFor(t, "the first attempt", func() bool { return attemptsSettled(a.deliveries(hookID)[0], 1) })
		a.Clock.Advance(webhook.Backoff[0])
		waitFor(t, "the second attempt", func() bool { return attemptsSettled(a.deliveries(hookID)[0], 2) })
		a.Clock.Advance(webhook.Backoff[1])
		waitFor(t, "the delivery", func() bool { return str(a.deliveries(hookID)[0], "status") == "DELIVERED" })
		rcv.mu.Lock()
		rcv.failFirst = len(rcv.requests) + 2 // the next round fails twice again
		rcv.mu.Unlock()
	}
	seen := map[string]int{}
	for i := range rcv.count() {
		r := rcv.request(i)
		seen[r.Header.Get(webhook.DeliveryHeader)+"/"+r.Header.Get(webhook.AttemptHeader)]++
	}
	if rcv.count() != 9 || len(seen) != 9 {
		t.Errorf("%d requests for 3 deliveries of 3 attempts each: %v", rcv.count(), seen)
	}
	for _, d := range b.deliveries(hookID) {
		if str(d, "status") != "DELIVERED" || len(list(d, "attempts")) != 3 {
			t.Errorf("as b sees it: %v", dump(d))
		}
	}
}

// Membership changes are announced once each, also when the checkout retries them.
func TestWebhookMemberEvents(t *testing.T) {
	s := deliveringServer(t)
	r := newReceiver(t, s.Clock, 0)
	hook := s.createWebhook(r.srv.URL, "MEMBER_JOINED", "MEMBER_RENEWED", "MEMBER_CANCELLED")
	id := str(s.join(adminToken, "Wendy Hook", "wendy@example.org", "join-wendy").Data, "joinMembership.id")
	s.join(adminToken, "Wendy Hook", "wendy@example.org", "join-wendy") // a retry
	s.renew(adminToken, id, "professional", "wendy-1")
	s.renew(adminToken, id, "professional", "wendy-1") // a retry
	s.MustQuery(adminToken, `mutation($id: ID!) { cancelMembership(memberId: $id) { id } }`, map[string]any{"id": id})
	waitFor(t, "three deliveries", func() bool { return r.count() >= 3 })
	time.Sleep(100 * time.Millisecond) // room for a wrong fourth to arrive
	if r.count() != 3 {
		t.Fatalf("%d deliveries, want 3 (joined, renewed, cancelled once each)", r.count())
	}
	var events []string
	for _, d := range s.deliveries(hook) {
		events = append(events, str(d, "event"))
	}
	slices.Sort(events)
	if fmt.Sprint(events) != "[MEMBER_CANCELLED MEMBER_JOINED MEMBER_RENEWED]" {
		t.Errorf("events = %v", events)
	}
	for i := range 3 {
		var body map[string]any
		if err := json.Unmarshal(r.request(i).Body, &body); err != nil || !bytes.Contains(r.request(i).Body, []byte(id)) {
			t.Errorf("delivery %d does not name the member: %s", i, r.request(i).Body)
		}
	}
}
