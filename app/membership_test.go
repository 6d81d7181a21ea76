package app_test

import (
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/guildhall/guildhall"
	"github.com/guildhall/guildhall/app"
	"github.com/guildhall/guildhall/cms"
)

const renewMutation = `mutation($m: ID!, $p: String!, $k: String!, $ref: String) {
	renewMembership(input: {memberId: $m, plan: $p, idempotencyKey: $k, paymentReference: $ref}) {
		id plan { code } renewedAt previousExpiresAt newExpiresAt idempotencyKey paymentReference } }`

func (s *testServer) renew(token, memberID, plan, key string) *gqlResponse {
	return s.Query(token, renewMutation, map[string]any{"m": memberID, "p": plan, "k": key, "ref": "pay-" + key})
}

func (s *testServer) join(token, name, email, key string) *gqlResponse {
	return s.Query(token, `mutation($n: String!, $e: String!, $k: String!) {
		joinMembership(input: {name: $n, email: $e, plan: "professional", idempotencyKey: $k, paymentReference: "pay-join"}) {
			id slug name sortName email membership { status plan { code } joinedAt expiresAt } } }`,
		map[string]any{"n": name, "e": email, "k": key})
}

type membershipView struct {
	status    string
	expiresAt time.Time
	renewals  int
}

func (s *testServer) membership(memberID string) membershipView {
	s.t.Helper()
	d := s.MustQuery(adminToken, `query($id: ID) { member(id: $id) { membership { status expiresAt renewals(first: 100) { totalCount } } } }`, map[string]any{"id": memberID})
	at, _ := time.Parse(time.RFC3339, str(d, "member.membership.expiresAt"))
	return membershipView{status: str(d, "member.membership.status"), expiresAt: at, renewals: num(d, "member.membership.renewals.totalCount")}
}

func mustTime(t *testing.T, s string) time.Time {
	t.Helper()
	at, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatalf("time %q: %v", s, err)
	}
	return at
}

// fixtureMember returns the ID of a demo member in the status at fixtureNow.
func fixtureMember(s *testServer, status string) string {
	s.t.Helper()
	d := s.MustQuery(adminToken, `query($st: MembershipStatus) { members(first: 1, filter: {status: $st}) { nodes { id } } }`, map[string]any{"st": status})
	id := str(d, "members.nodes.0.id")
	if id == "" {
		s.t.Fatalf("no demo member is %s", status)
	}
	return id
}

// The renewal rules, through the API.
func TestRenewalRules(t *testing.T) {
	s := MustRunServer(t)
	now := fixtureNow
	year := func(from time.Time) time.Time { return guildhall.AddMonths(from, 12) }
	active, grace, lapsed := fixtureMember(s, "ACTIVE"), fixtureMember(s, "GRACE"), fixtureMember(s, "LAPSED")
	cancelled := fixtureMember(s, "CANCELLED")
	for _, tc := range []struct {
		name     string
		member   string
		plan     string
		wantFrom func(before membershipView) time.Time
	}{
		{"early: from the current expiry", active, "professional", func(b membershipView) time.Time { return b.expiresAt }},
		{"in grace: from now", grace, "professional", func(membershipView) time.Time { return now }},
		{"after lapse: from now", lapsed, "professional", func(membershipView) time.Time { return now }},
		{"after cancel: from now, reactivated", cancelled, "professional", func(membershipView) time.Time { return now }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := s.membership(tc.member)
			r := s.renew(adminToken, tc.member, tc.plan, "rule-"+tc.name)
			if r.Code() != "" {
				t.Fatalf("%+v", r.Errors)
			}
			from := tc.wantFrom(before)
			if got := mustTime(t, str(r.Data, "renewMembership.newExpiresAt")); !got.Equal(year(from)) {
				t.Errorf("new expiry %s, want %s", got, year(from))
			}
			if got := mustTime(t, str(r.Data, "renewMembership.previousExpiresAt")); !got.Equal(before.expiresAt) {
				t.Errorf("previous expiry %s, want %s", got, before.expiresAt)
			}
			after := s.membership(tc.member)
			if after.status != "ACTIVE" || !after.expiresAt.Equal(year(from)) || after.renewals != before.renewals+1 {
				t.Errorf("after: %+v (before %+v)", after, before)
			}
		})
	}
	t.Run("on the expiry day, and a plan change", func(t *testing.T) {
		j := s.join(adminToken, "Expiry Day", "expiry.day@example.org", "join-expiry-day")
		id := str(j.Data, "joinMembership.id")
		expires := mustTime(t, str(j.Data, "joinMembership.membership.expiresAt"))
		s.Clock.Advance(expires.Sub(s.Clock.Now()))
		r := s.renew(adminToken, id, "student", "expiry-day")
		if got := mustTime(t, str(r.Data, "renewMembership.newExpiresAt")); !got.Equal(year(expires)) || str(r.Data, "renewMembership.plan.code") != "student" {
			t.Errorf("renewed on the expiry day: %v", dump(r.Data))
		}
	})
}

func TestJoinMembership(t *testing.T) {
	s := MustRunServer(t)
	p := setupPeople(t, s)
	r := s.join(p.service, "Ada Ñúñez-Lovelace", "Ada@Example.org", "join-1")
	if r.Code() != "" {
		t.Fatalf("%+v", r.Errors)
	}
	id := str(r.Data, "joinMembership.id")
	m := r.Data["joinMembership"]
	if str(m, "slug") != "ada-nunez-lovelace" || str(m, "sortName") != "Ñúñez-Lovelace, Ada" || str(m, "membership.status") != "ACTIVE" ||
		!mustTime(t, str(m, "membership.expiresAt")).Equal(guildhall.AddMonths(fixtureNow, 12)) || str(m, "email") != "" {
		// The service token may not read contact details: email is null for it.
		t.Errorf("joined: %v", dump(m))
	}
	again := s.join(p.service, "Ada Ñúñez-Lovelace", "Ada@Example.org", "join-1")
	if again.Code() != "" || str(again.Data, "joinMembership.id") != id {
		t.Errorf("retry with the same key: %+v %v", again.Errors, again.Data)
	}
	if r := s.join(p.service, "Someone Else", "someone@example.org", "join-1"); r.Code() != "CONFLICT" {
		t.Errorf("same key, another payload: %+v", r.Errors)
	}
	if r := s.join(p.service, "Ada Again", "ada@example.org", "join-2"); r.Code() != "CONFLICT" {
		t.Errorf("an email in use: %+v", r.Errors)
	}
	demoEmail := str(s.MustQuery(adminToken, `{ member(slug: "christian-billington") { email } }`, nil), "member.email")
	if r := s.join(p.service, "Christian Again", demoEmail, "join-3"); r.Code() != "CONFLICT" {
		t.Errorf("a demo member's email: %+v", r.Errors)
	}
	if r := s.join(p.service, "", "not-an-email", "join-4"); r.Code() != "BAD_USER_INPUT" {
		t.Errorf("bad input: %+v", r.Errors)
	}
	n := num(s.MustQuery(adminToken, `{ members(first: 100) { totalCount } }`, nil), "members.totalCount")
	if n != len(fixture.Members)+1 {
		t.Errorf("%d members after one join and its retries, want %d", n, len(fixture.Members)+1)
	}
}

func TestCancelAndAudit(t *testing.T) {
	s := MustRunServer(t)
	p := setupPeople(t, s)
	id := str(s.join(p.service, "Carol Cancel", "carol@example.org", "join-carol").Data, "joinMembership.id")
	s.renew(p.service, id, "professional", "carol-renew-1")
	c := s.MustQuery(p.service, `mutation($id: ID!) { cancelMembership(memberId: $id, reason: "Moved abroad") { membership { status renewals { totalCount } } } }`, map[string]any{"id": id})
	if str(c, "cancelMembership.membership.status") != "CANCELLED" || num(c, "cancelMembership.membership.renewals.totalCount") != 1 {
		t.Errorf("cancelled: %v", dump(c))
	}
	s.MustQuery(p.service, `mutation($id: ID!) { cancelMembership(memberId: $id) { id } }`, map[string]any{"id": id}) // harmless twice
	s.Clock.Advance(24 * time.Hour)
	r := s.renew(p.service, id, "retired", "carol-renew-2")
	if got := mustTime(t, str(r.Data, "renewMembership.newExpiresAt")); !got.Equal(guildhall.AddMonths(s.Clock.Now(), 12)) {
		t.Errorf("renewal after cancel: %v", dump(r.Data))
	}
	if v := s.membership(id); v.status != "ACTIVE" {
		t.Errorf("after renewal: %+v", v)
	}
	events := s.MustQuery(adminToken, `query($id: ID!) { membershipEvents(memberId: $id) { nodes { kind actor planCode reason idempotencyKey newExpiresAt } } }`, map[string]any{"id": id})
	var kinds []string
	for _, e := range list(events, "membershipEvents.nodes") {
		kinds = append(kinds, str(e, "kind"))
		if str(e, "actor") == "" {
			t.Errorf("event without an actor: %v", e)
		}
	}
	if fmt.Sprint(kinds) != "[renewed cancelled renewed joined]" {
		t.Errorf("audit trail = %v, want newest first: renewed cancelled renewed joined", kinds)
	}
	if str(events, "membershipEvents.nodes.1.reason") != "Moved abroad" {
		t.Errorf("cancel reason not kept: %v", dump(events))
	}
}

func TestMembershipStatusFromTime(t *testing.T) {
	s := MustRunServer(t)
	id := str(s.join(adminToken, "Tim Time", "tim@example.org", "join-tim").Data, "joinMembership.id")
	status := func() (string, bool) {
		field := s.membership(id).status
		d := s.MustQuery(adminToken, `query($st: MembershipStatus) { members(first: 100, filter: {status: $st}) { nodes { id } } }`, map[string]any{"st": field})
		for _, n := range list(d, "members.nodes") {
			if str(n, "id") == id {
				return field, true
			}
		}
		return field, false
	}
	expiring := func(days int) bool {
		d := s.MustQuery(adminToken, `query($d: Int!) { membersExpiring(withinDays: $d, first: 100) { nodes { id } } }`, map[string]any{"d": days})
		for _, n := range list(d, "membersExpiring.nodes") {
			if str(n, "id") == id {
				return true
			}
		}
		return false
	}
	for _, step := range []struct {
		advance  time.Duration
		want     string
		expiring bool
	}{
		{0, "ACTIVE", false},
		{350 * 24 * time.Hour, "ACTIVE", true},
		{20 * 24 * time.Hour, "GRACE", false},
		{30 * 24 * time.Hour, "LAPSED", false},
	} {
		s.Clock.Advance(step.advance)
		got, listed := status()
		if got != step.want || !listed {
			t.Errorf("after +%v: field %s (listed under it: %v), want %s", step.advance, got, listed, step.want)
		}
		if e := expiring(30); e != step.expiring {
			t.Errorf("after +%v: in membersExpiring(30) = %v", step.advance, e)
		}
	}
}

// 50 concurrent renewals with one key make one renewal and one term; 50 with distinct keys
// make exactly 50 terms.
func TestConcurrentRenewals(t *testing.T) {
	s := MustRunServer(t)
	id := str(s.join(adminToken, "Rita Race", "rita@example.org", "join-rita").Data, "joinMembership.id")
	start := s.membership(id).expiresAt
	race := func(keys func(i int) string, servers ...*testServer) []string {
		var wg sync.WaitGroup
		codes := make([]string, 50)
		for i := range 50 {
			wg.Go(func() { codes[i] = servers[i%len(servers)].renew(adminToken, id, "professional", keys(i)).Code() })
		}
		wg.Wait()
		return codes
	}
	for i, c := range race(func(int) string { return "same-key" }, s) {
		if c != "" {
			t.Errorf("renewal %d with the same key: %s", i, c)
		}
	}
	if m := s.membership(id); m.renewals != 1 || !m.expiresAt.Equal(guildhall.AddMonths(start, 12)) {
		t.Fatalf("after 50 racers with one key: %+v, want 1 renewal to %s", m, guildhall.AddMonths(start, 12))
	}
	for i, c := range race(func(i int) string { return fmt.Sprintf("key-%d", i) }, s) {
		if c != "" {
			t.Errorf("renewal %d: %s", i, c)
		}
	}
	if m := s.membership(id); m.renewals != 51 || !m.expiresAt.Equal(guildhall.AddMonths(start, 12*51)) {
		t.Fatalf("after 50 distinct keys: %+v, want 51 renewals to %s", m, guildhall.AddMonths(start, 12*51))
	}
}

// The same races across two instances on one database.
func TestConcurrentRenewalsTwoInstances(t *testing.T) {
	a := MustRunServer(t)
	b := MustRunServer(t, func(c *app.Config) { c.Database = a.cfg.Database; c.Seed = false })
	id := str(a.join(adminToken, "Tess Two", "tess@example.org", "join-tess").Data, "joinMembership.id")
	start := a.membership(id).expiresAt
	var wg sync.WaitGroup
	var failures atomic.Int32
	for i := range 50 {
		wg.Go(func() {
			s := []*testServer{a, b}[i%2]
			key := fmt.Sprintf("two-%d", i%25) // every key twice, once on each instance
			if r := s.renew(adminToken, id, "professional", key); r.Code() != "" {
				failures.Add(1)
				t.Errorf("renewal %d: %+v", i, r.Errors)
			}
		})
	}
	wg.Wait()
	if m := a.membership(id); m.renewals != 25 || !m.expiresAt.Equal(guildhall.AddMonths(start, 12*25)) {
		t.Errorf("A sees %+v, want 25 renewals to %s", m, guildhall.AddMonths(start, 12*25))
	}
}

// A process killed after any step of a renewal leaves a state that the retry with the same
// key completes exactly once.
func TestRenewalCrashRecovery(t *testing.T) {
	for _, step := range []string{cms.StepClaimed, cms.StepApplied, cms.StepAudited} {
		t.Run(step, func(t *testing.T) {
			var crashed atomic.Bool
			crash := func(c *app.Config) {
				c.Failpoint = func(at string) error {
					if at == step && crashed.CompareAndSwap(false, true) {
						return errors.New("simulated crash after " + at)
					}
					return nil
				}
			}
			s := MustRunServer(t, crash)
			id := fixtureMember(s, "ACTIVE")
			before := s.membership(id)
			if r := s.renew(adminToken, id, "professional", "crash-key"); r.Code() != "INTERNAL_SERVER_ERROR" {
				t.Fatalf("the crash did not happen: %+v", r.Errors)
			}
			s.Stop() // the process dies
			s2 := MustRunServer(t, func(c *app.Config) { c.Database = s.cfg.Database; c.Seed = false })
			r := s2.renew(adminToken, id, "professional", "crash-key")
			if r.Code() != "" {
				t.Fatalf("retry: %+v", r.Errors)
			}
			r2 := s2.renew(adminToken, id, "professional", "crash-key")
			if str(r2.Data, "renewMembership.id") != str(r.Data, "renewMembership.id") {
				t.Errorf("a second retry made another renewal")
			}
			after := s2.membership(id)
			if after.renewals != before.renewals+1 || !after.expiresAt.Equal(guildhall.AddMonths(before.expiresAt, 12)) {
				t.Errorf("after crash and retry: %+v, want one more renewal than %+v", after, before)
			}
			events := s2.MustQuery(adminToken, `query($id: ID!) { membershipEvents(memberId: $id, first: 100) { nodes { kind idempotencyKey } } }`, map[string]any{"id": id})
			n := 0
			for _, e := range list(events, "membershipEvents.nodes") {
				if str(e, "idempotencyKey") == "crash-key" {
					n++
				}
			}
			if n != 1 {
				t.Errorf("%d audit events for the renewal, want 1", n)
			}
		})
	}
}

func TestMembershipAccess(t *testing.T) {
	s := MustRunServer(t)
	p := setupPeople(t, s)
	id := fixtureMember(s, "ACTIVE")
	before := s.membership(id)
	for _, c := range []struct{ name, token, want string }{
		{"anonymous", "", "UNAUTHENTICATED"}, {"member", p.member, "FORBIDDEN"}, {"author", p.author, "FORBIDDEN"}, {"editor", p.editor, "FORBIDDEN"},
	} {
		if r := s.renew(c.token, id, "professional", "nope-"+c.name); r.Code() != c.want {
			t.Errorf("%s renews: %+v", c.name, r.Errors)
		}
		if r := s.join(c.token, "Nope", "nope-"+c.name+"@example.org", "nope-"+c.name); r.Code() != c.want {
			t.Errorf("%s joins: %+v", c.name, r.Errors)
		}
		if r := s.Query(c.token, `mutation($id: ID!) { cancelMembership(memberId: $id) { id } }`, map[string]any{"id": id}); r.Code() != c.want {
			t.Errorf("%s cancels: %+v", c.name, r.Errors)
		}
		if r := s.Query(c.token, `{ membersExpiring(withinDays: 30) { totalCount } }`, nil); r.Code() != c.want {
			t.Errorf("%s lists expiring: %+v", c.name, r.Errors)
		}
	}
	if after := s.membership(id); after != before {
		t.Errorf("refused changes changed the membership: %+v -> %+v", before, after)
	}
	if n := num(s.MustQuery(adminToken, `{ members(first: 100) { totalCount } }`, nil), "members.totalCount"); n != len(fixture.Members) {
		t.Errorf("refused joins made members: %d", n)
	}
	// The service token renews, and may read the membership but not contact details.
	if r := s.renew(p.service, id, "professional", "service-ok"); r.Code() != "" {
		t.Errorf("service renews: %+v", r.Errors)
	}
}
