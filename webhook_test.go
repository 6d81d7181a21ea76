package guildhall_test

import (
	"slices"
	"testing"
	"time"

	"github.com/guildhall/guildhall"
)

func TestDerivedID(t *testing.T) {
	t0 := time.Date(2026, 6, 15, 12, 0, 0, 0, time.UTC)
	a := guildhall.DerivedID(guildhall.KindDelivery, t0, "evt_1/whk_1")
	if a != guildhall.DerivedID(guildhall.KindDelivery, t0, "evt_1/whk_1") || guildhall.KindOf(a) != guildhall.KindDelivery {
		t.Fatalf("not the same ID twice, or malformed: %s", a)
	}
	if a == guildhall.DerivedID(guildhall.KindDelivery, t0, "evt_1/whk_2") {
		t.Error("different seeds, same ID")
	}
	// Like NewID, it sorts by time.
	if later := guildhall.DerivedID(guildhall.KindDelivery, t0.Add(time.Millisecond), "a"); later <= a || guildhall.NewID(guildhall.KindDelivery, t0.Add(time.Millisecond)) <= a {
		t.Errorf("%s does not sort after %s", later, a)
	}
}

// A delivery's status, attempts and next attempt follow from what is stored of it, whatever
// order the store reads the records in.
func TestDeliveryFromRecord(t *testing.T) {
	t0 := time.Date(2026, 6, 15, 12, 0, 0, 0, time.UTC)
	code500, code200 := 500, 200
	claim := func(n int) guildhall.AttemptClaim {
		return guildhall.AttemptClaim{N: n, At: t0.Add(time.Duration(n) * time.Minute)}
	}
	result := func(n int, o guildhall.AttemptOutcome, final bool, code *int) guildhall.AttemptResult {
		return guildhall.AttemptResult{DeliveryID: "dlv_1", N: n, Outcome: o, Final: final, StatusCode: code, Duration: 1500 * time.Millisecond}
	}
	queued := func(n int, due time.Duration) guildhall.QueuedAttempt {
		return guildhall.QueuedAttempt{DeliveryID: "dlv_1", N: n, DueAt: t0.Add(due)}
	}
	for _, tc := range []struct {
		name     string
		r        guildhall.DeliveryRecord
		status   guildhall.WebhookDeliveryStatus
		attempts []int // their numbers, in order
		next     time.Duration
	}{
		{"new, queued", guildhall.DeliveryRecord{Queued: []guildhall.QueuedAttempt{queued(1, 0)}},
			guildhall.DeliveryPending, nil, 0},
		{"in progress", guildhall.DeliveryRecord{Claims: []guildhall.AttemptClaim{claim(1)}, Queued: []guildhall.QueuedAttempt{queued(1, 0)}},
			guildhall.DeliveryPending, []int{1}, 0},
		{"failed once, retry queued (the old entry not yet gone)", guildhall.DeliveryRecord{
			Claims:  []guildhall.AttemptClaim{claim(1)},
			Results: []guildhall.AttemptResult{result(1, guildhall.OutcomeFailed, false, &code500)},
			Queued:  []guildhall.QueuedAttempt{queued(2, time.Hour), queued(1, 0)}},
			guildhall.DeliveryPending, []int{1}, time.Hour},
		{"delivered on the second", guildhall.DeliveryRecord{
			Claims:  []guildhall.AttemptClaim{claim(2), claim(1)},
			Results: []guildhall.AttemptResult{result(2, guildhall.OutcomeDelivered, true, &code200), result(1, guildhall.OutcomeFailed, false, &code500)}},
			guildhall.DeliveryDelivered, []int{1, 2}, -1},
		{"failed for good", guildhall.DeliveryRecord{
			Claims:  []guildhall.AttemptClaim{claim(1)},
			Results: []guildhall.AttemptResult{result(1, guildhall.OutcomeFailed, true, &code500)}},
			guildhall.DeliveryFailed, []int{1}, -1},
		{"cancelled: nothing sent, no attempt shown", guildhall.DeliveryRecord{
			Claims:  []guildhall.AttemptClaim{claim(1)},
			Results: []guildhall.AttemptResult{result(1, guildhall.OutcomeCancelled, true, nil)}},
			guildhall.DeliveryCancelled, nil, -1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := tc.r.Delivery()
			var numbers []int
			for _, a := range d.Attempts {
				numbers = append(numbers, a.Number)
			}
			if d.Status != tc.status || !slices.Equal(numbers, tc.attempts) {
				t.Errorf("status %s, attempts %v; want %s, %v", d.Status, numbers, tc.status, tc.attempts)
			}
			switch {
			case tc.next < 0 && d.NextAttemptAt != nil:
				t.Errorf("a settled delivery is due at %v", d.NextAttemptAt)
			case tc.next >= 0 && (d.NextAttemptAt == nil || !d.NextAttemptAt.Equal(t0.Add(tc.next))):
				t.Errorf("next attempt at %v, want %v", d.NextAttemptAt, t0.Add(tc.next))
			}
			for _, a := range d.Attempts {
				if r := slices.IndexFunc(tc.r.Results, func(r guildhall.AttemptResult) bool { return r.N == a.Number }); r >= 0 && a.DurationMs != 1500 {
					t.Errorf("attempt %d took %d ms, want 1500", a.Number, a.DurationMs)
				} else if r < 0 && a.Error == nil {
					t.Errorf("attempt %d without a result does not say so", a.Number)
				}
			}
		})
	}
}

func TestNormalizeEmail(t *testing.T) {
	for in, want := range map[string]string{"  Ann@Example.ORG ": "ann@example.org", "b@x.io": "b@x.io"} {
		if got, err := guildhall.NormalizeEmail(in); err != nil || got != want {
			t.Errorf("NormalizeEmail(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := guildhall.NormalizeEmail(" \t"); guildhall.ErrorCode(err) != guildhall.EINVALID {
		t.Errorf("a blank address: %v, want EINVALID", err)
	}
}

// Seeding claims what a write would: every post's slug, every member's slug and normalised
// email.
func TestContentClaims(t *testing.T) {
	email := " Ann@Example.org"
	c := &guildhall.Content{
		Posts:   []*guildhall.Post{{ID: "pst_1", Slug: "hello"}},
		Members: []*guildhall.Member{{ID: "mbr_1", Slug: "ann", Email: &email}, {ID: "mbr_2", Slug: "bob"}},
	}
	want := []guildhall.Claim{
		{Kind: guildhall.ClaimPostSlug, Value: "hello", Owner: "pst_1"},
		{Kind: guildhall.ClaimMemberSlug, Value: "ann", Owner: "mbr_1"},
		{Kind: guildhall.ClaimMemberEmail, Value: "ann@example.org", Owner: "mbr_1"},
		{Kind: guildhall.ClaimMemberSlug, Value: "bob", Owner: "mbr_2"},
	}
	if got := c.Claims(); !slices.Equal(got, want) {
		t.Errorf("claims %v, want %v", got, want)
	}
}
