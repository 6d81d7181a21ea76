package app_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/guildhall/guildhall/app"
)

// events counts the deliveries a receiver accepted by type, of those about the subject (a
// block's or member's ID).
func (r *receiver) events(subject string) map[string]int {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := map[string]int{}
	for _, req := range r.requests {
		var p struct {
			Type string
			Data struct {
				Block  struct{ ID string }
				Member struct{ ID string }
			}
		}
		if json.Unmarshal(req.Body, &p) == nil && (p.Data.Block.ID == subject || p.Data.Member.ID == subject) {
			out[p.Type]++
		}
	}
	return out
}

// Block changes, profile edits and the membership transitions that happen by the clock
// alone are each delivered once, with two instances running workers over one database.
func TestPartnerEvents(t *testing.T) {
	s := deliveringServer(t, func(c *app.Config) { c.ExpiryNotice = 10 * 24 * time.Hour; c.GracePeriod = 5 * 24 * time.Hour })
	cfg := s.cfg
	cfg.Addr, cfg.Seed = "127.0.0.1:0", false
	other := startAnother(t, cfg)
	other.Clock = s.Clock
	rcv := newReceiver(t, s.Clock, 0)
	s.createWebhook(rcv.srv.URL, "BLOCK_UPDATED", "BLOCK_DELETED", "MEMBER_UPDATED",
		"MEMBERSHIP_EXPIRING", "MEMBERSHIP_GRACE", "MEMBERSHIP_LAPSED")
	settle := func(what, subject string, want map[string]int) {
		t.Helper()
		waitFor(t, what, func() bool {
			got := rcv.events(subject)
			for k, n := range want {
				if got[k] < n {
					return false
				}
			}
			return true
		})
		time.Sleep(150 * time.Millisecond) // room for a wrong repeat from either instance
		got := rcv.events(subject)
		for k, n := range want {
			if got[k] != n {
				t.Errorf("%s: %d %s, want %d (all: %v)", what, got[k], k, n, got)
			}
		}
		if len(got) != len(want) {
			t.Errorf("%s: events %v, want %v", what, got, want)
		}
	}

	// Blocks: updated, then deleted.
	block := str(s.MustQuery(adminToken, `mutation { createBlock(input: {kind: CONTACT, contactName: "Events desk"}) { id } }`, nil), "createBlock.id")
	s.MustQuery(adminToken, `mutation($id: ID!) { updateBlock(input: {id: $id, title: "Ask us"}) { id } }`, map[string]any{"id": block})
	settle("the block's update", block, map[string]int{"BLOCK_UPDATED": 1})
	s.MustQuery(adminToken, `mutation($id: ID!) { deleteBlock(id: $id) }`, map[string]any{"id": block})
	settle("the block's deletion", block, map[string]int{"BLOCK_UPDATED": 1, "BLOCK_DELETED": 1})

	// A member joins (a year's plan); their profile is edited.
	j := s.join(adminToken, "Ella Expiry", "ella@example.org", "join-ella")
	member := str(j.Data, "joinMembership.id")
	expires := mustTime(t, str(j.Data, "joinMembership.membership.expiresAt"))
	s.MustQuery(adminToken, `mutation($id: ID!) { updateMemberProfile(input: {id: $id, credentials: "MSc"}) { id } }`, map[string]any{"id": member})
	want := map[string]int{"MEMBER_UPDATED": 1}
	settle("the profile edit", member, want)

	// By the clock alone: ten days' notice, expiry (GRACE), and five days later LAPSED. A
	// second before each, nothing; a second after, the one event, once.
	for _, step := range []struct {
		event string
		at    time.Time
	}{
		{"MEMBERSHIP_EXPIRING", expires.Add(-10 * 24 * time.Hour)},
		{"MEMBERSHIP_GRACE", expires},
		{"MEMBERSHIP_LAPSED", expires.Add(5 * 24 * time.Hour)},
	} {
		s.Clock.Advance(step.at.Add(-time.Second).Sub(s.Clock.Now()))
		time.Sleep(100 * time.Millisecond)
		if got := rcv.events(member)[step.event]; got != 0 {
			t.Errorf("%s a second early: %d", step.event, got)
		}
		s.Clock.Advance(2 * time.Second)
		want[step.event] = 1
		settle(step.event, member, want)
	}
	if d := s.MustQuery(adminToken, `query($id: ID!) { node(id: $id) { ... on Member { membership { status } } } }`, map[string]any{"id": member}); str(d, "node.membership.status") != "LAPSED" {
		t.Errorf("status: %v", dump(d))
	}
}
