package app_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/guildhall/guildhall"
	"github.com/guildhall/guildhall/mongodb"
)

// An email address on a member's profile cannot be squatted: the claim is released when the
// address changes away (and a claim its holder's profile lost is taken over), an ADMIN can
// move an address, look-alikes are one address, and names refuse invisible characters.
func TestEmailClaimsCannotBeSquatted(t *testing.T) {
	s := MustRunServer(t)
	p := setupPeople(t, s)
	join := func(name, email, key string) *gqlResponse {
		return s.Query(p.service, `mutation($n: String!, $e: String!, $k: String!) {
			joinMembership(input: {name: $n, email: $e, plan: "professional", idempotencyKey: $k}) { id email } }`,
			map[string]any{"n": name, "e": email, "k": key})
	}
	setEmail := func(token, memberID, email string, take bool) *gqlResponse {
		return s.Query(token, `mutation($id: ID!, $e: String, $take: Boolean) { updateMemberProfile(input: {id: $id, email: $e, takeEmail: $take}) { email } }`,
			map[string]any{"id": memberID, "e": email, "take": take})
	}
	// A member squats an address, then moves on: the owner can join with it.
	if r := setEmail(p.member, p.memberID, "victim@example.org", false); r.Code() != "" {
		t.Fatalf("squat: %+v", r.Errors)
	}
	if r := join("Victor Im", "Victim@Example.org", "join-1"); r.Code() != "CONFLICT" {
		t.Fatalf("while the member has it: %+v, want CONFLICT", r.Errors)
	}
	if r := setEmail(p.member, p.memberID, "mine@example.org", false); r.Code() != "" {
		t.Fatal(r.Errors)
	}
	if r := join("Victor Im", "victim@example.org", "join-2"); r.Code() != "" || str(r.Data, "joinMembership.id") == "" {
		t.Fatalf("after the member moved on: %+v", r.Errors)
	}

	// A claim whose holder's profile does not have the address (a release that failed, or
	// one from before releases) is taken over once it is old enough.
	store, err := mongodb.Open(context.Background(), sharedURI, s.cfg.Database)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close(context.Background())
	store.Now = func() time.Time { return s.Clock.Now().Add(-time.Hour) }
	if err := store.Claim(context.Background(), guildhall.ClaimMemberEmail, "stale@example.org", p.lapsedID); err != nil {
		t.Fatal(err)
	}
	if r := join("Stella Le", "stale@example.org", "join-3"); r.Code() != "" {
		t.Errorf("a stale claim blocks its owner: %+v", r.Errors)
	}

	// Look-alikes are one address; an address over 254 characters is refused.
	for _, email := range []string{"ＶＩＣＴＩＭ@example.org", "VICTIM@EXAMPLE.ORG", " victim@example.org "} {
		if r := setEmail(p.member, p.memberID, email, false); r.Code() != "BAD_USER_INPUT" || !strings.Contains(dump(r.Errors), "belongs to another member") {
			t.Errorf("%q: %+v", email, r.Errors)
		}
	}
	long := strings.Repeat("a", 64) + "@" + strings.Repeat("b", 186) + ".org" // 255
	if r := setEmail(p.member, p.memberID, long, false); r.Code() != "BAD_USER_INPUT" {
		t.Errorf("a 255-character address: %+v", r.Errors)
	}

	// ADMIN moves an address; nobody else may.
	if r := setEmail(p.member, p.memberID, "victim@example.org", true); r.Code() != "BAD_USER_INPUT" {
		t.Errorf("a member taking an address: %+v", r.Errors)
	}
	if r := setEmail(adminToken, p.memberID, "victim@example.org", true); r.Code() != "" || str(r.Data, "updateMemberProfile.email") != "victim@example.org" {
		t.Fatalf("ADMIN reassigning: %+v", r.Errors)
	}
	d := s.MustQuery(adminToken, `{ members(first: 100, filter: {nameStartsWith: "Victor"}) { nodes { email } } }`, nil)
	if e := str(d, "members.nodes.0.email"); e != "" {
		t.Errorf("the former holder still has the address: %q", e)
	}
	if r := join("Someone Else", "victim@example.org", "join-4"); r.Code() != "CONFLICT" {
		t.Errorf("after the reassignment, the address is the member's: %+v", r.Errors)
	}

	// Names refuse bidirectional controls and zero-width characters.
	for _, name := range []string{"Ana\u202eevil", "Ana\u200bBell", "\u2066Ana\u2069", "A\u200dna", "Ana\ufeff"} {
		if r := s.Query(p.member, `mutation($id: ID!, $n: String) { updateMemberProfile(input: {id: $id, name: $n}) { name } }`, map[string]any{"id": p.memberID, "n": name}); r.Code() != "BAD_USER_INPUT" {
			t.Errorf("name %q: %+v", name, r.Errors)
		}
		if r := join(name, "new-"+strings.ToLower(string(rune('a'+len(name))))+"@example.org", "join-name-"+name); r.Code() != "BAD_USER_INPUT" {
			t.Errorf("join with name %q: %+v", name, r.Errors)
		}
	}
}
