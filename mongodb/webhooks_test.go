package mongodb_test

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/guildhall/guildhall"
)

func TestWebhookRegistrations(t *testing.T) {
	s := MustOpenStore(t)
	ctx := context.Background()
	w := &guildhall.Webhook{ID: "whk_1", Version: 1, URL: "https://hooks.example/x", Events: []guildhall.WebhookEvent{guildhall.EventPostPublished},
		Secret: "0123456789abcdef", CreatedAt: t0, CreatedBy: "admin"}
	if err := s.SaveWebhook(ctx, w, "admin"); err != nil {
		t.Fatal(err)
	}
	got, err := s.Webhooks(ctx)
	if err != nil || len(got) != 1 || got[0].URL != w.URL || got[0].Secret != w.Secret || got[0].Events[0] != guildhall.EventPostPublished {
		t.Fatalf("webhooks = %+v, %v", got, err)
	}
	changes, err := s.ChangesSince(ctx, time.Time{}, nil)
	if err != nil || len(changes) != 1 || changes[0].Kind != "webhook" || changes[0].Webhook == nil || changes[0].Webhook.URL != w.URL {
		t.Fatalf("change log = %+v, %v", changes, err)
	}
	if err := s.DeleteWebhook(ctx, w.ID, 2, "admin"); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Webhooks(ctx); len(got) != 0 {
		t.Errorf("deleted webhook loaded: %+v", got)
	}
}

// Attempt claims have exactly one winner, however many workers race for them.
func TestAttemptClaimsHaveOneWinner(t *testing.T) {
	s := MustOpenStore(t)
	ctx := context.Background()
	var wins atomic.Int32
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			won, err := s.ClaimAttempt(ctx, "dlv_1", 1, string(rune('a'+i)), t0)
			if err != nil {
				t.Error(err)
			}
			if won {
				wins.Add(1)
			}
		})
	}
	wg.Wait()
	if wins.Load() != 1 {
		t.Fatalf("%d winners", wins.Load())
	}
}

func TestDeliveryLog(t *testing.T) {
	s := MustOpenStore(t)
	ctx := context.Background()
	q := func(id string) guildhall.QueuedAttempt {
		return guildhall.QueuedAttempt{DeliveryID: id, N: 1, WebhookID: "whk_1", EventID: "evt_1", Event: guildhall.EventPostPublished,
			Payload: `{"id":"evt_1"}`, DueAt: t0, CreatedAt: t0}
	}
	if err := s.EnqueueDeliveries(ctx, []guildhall.QueuedAttempt{q("dlv_a"), q("dlv_b"), q("dlv_c")}); err != nil {
		t.Fatal(err)
	}
	queued, err := s.QueuedAttempts(ctx)
	if err != nil || len(queued) != 3 || queued[0].Payload != `{"id":"evt_1"}` {
		t.Fatalf("queue = %+v, %v", queued, err)
	}
	code := 500
	failed := guildhall.AttemptResult{DeliveryID: "dlv_a", N: 1, At: t0, Outcome: guildhall.OutcomeFailed, StatusCode: &code, Error: ptr("HTTP 500")}
	// dlv_a: failed once, retry queued. dlv_b: delivered. dlv_c: cancelled.
	for _, step := range []func() error{
		func() error { _, err := s.ClaimAttempt(ctx, "dlv_a", 1, "i", t0); return err },
		func() error { return s.RecordAttempt(ctx, failed) },
		func() error { return s.RecordAttempt(ctx, failed) }, // repeated: no effect
		func() error {
			next := q("dlv_a")
			next.N, next.DueAt = 2, t0.Add(time.Minute)
			return s.Requeue(ctx, next)
		},
		func() error {
			next := q("dlv_a")
			next.N, next.DueAt = 2, t0.Add(time.Hour)
			return s.Requeue(ctx, next)
		}, // repeated: the first stays
		func() error { return s.Dequeue(ctx, q("dlv_a")) },
		func() error { _, err := s.ClaimAttempt(ctx, "dlv_b", 1, "i", t0); return err },
		func() error {
			ok := 204
			return s.RecordAttempt(ctx, guildhall.AttemptResult{DeliveryID: "dlv_b", N: 1, At: t0, Outcome: guildhall.OutcomeDelivered, StatusCode: &ok, Final: true})
		},
		func() error { return s.Dequeue(ctx, q("dlv_b")) },
		func() error { _, err := s.ClaimAttempt(ctx, "dlv_c", 1, "i", t0); return err },
		func() error {
			return s.RecordAttempt(ctx, guildhall.AttemptResult{DeliveryID: "dlv_c", N: 1, At: t0, Outcome: guildhall.OutcomeCancelled, Final: true})
		},
		func() error { return s.Dequeue(ctx, q("dlv_c")) },
	} {
		if err := step(); err != nil {
			t.Fatal(err)
		}
	}
	log, more, err := s.Deliveries(ctx, "whk_1", "", 10)
	if err != nil || more || len(log) != 3 {
		t.Fatalf("log = %+v, more %v, %v", log, more, err)
	}
	byID := map[string]*guildhall.WebhookDelivery{}
	for _, r := range log {
		byID[r.ID] = r.Delivery()
	}
	a, b, c := byID["dlv_a"], byID["dlv_b"], byID["dlv_c"]
	if a.Status != guildhall.DeliveryPending || a.NextAttemptAt == nil || !a.NextAttemptAt.Equal(t0.Add(time.Minute)) ||
		len(a.Attempts) != 1 || *a.Attempts[0].StatusCode != 500 {
		t.Errorf("dlv_a = %+v", a)
	}
	if b.Status != guildhall.DeliveryDelivered || b.NextAttemptAt != nil || len(b.Attempts) != 1 {
		t.Errorf("dlv_b = %+v", b)
	}
	if c.Status != guildhall.DeliveryCancelled || len(c.Attempts) != 0 {
		t.Errorf("dlv_c = %+v", c)
	}
	// Newest first, paged by ID.
	page, more, _ := s.Deliveries(ctx, "", "", 2)
	if len(page) != 2 || !more || page[0].ID != "dlv_c" {
		t.Errorf("first page = %v, more %v", page, more)
	}
	rest, more, _ := s.Deliveries(ctx, "", page[1].ID, 2)
	if len(rest) != 1 || more || rest[0].ID != "dlv_a" {
		t.Errorf("second page = %v", rest)
	}
	if n, _ := s.CountDeliveries(ctx, "whk_other"); n != 0 {
		t.Errorf("count for another webhook = %d", n)
	}
	if r, err := s.RecordedAttempt(ctx, "dlv_a", 1); err != nil || r == nil || r.Outcome != guildhall.OutcomeFailed {
		t.Errorf("recorded attempt = %+v, %v", r, err)
	}
	if r, err := s.RecordedAttempt(ctx, "dlv_a", 2); err != nil || r != nil {
		t.Errorf("attempt not made = %+v, %v", r, err)
	}
	// Enqueuing deliveries that are in the log already (an event emitted again) neither
	// repeats nor restarts them.
	if err := s.EnqueueDeliveries(ctx, []guildhall.QueuedAttempt{q("dlv_b"), q("dlv_d")}); err != nil {
		t.Fatal(err)
	}
	queued, _ = s.QueuedAttempts(ctx)
	var ids []string
	for _, e := range queued {
		ids = append(ids, e.ID())
	}
	if n, _ := s.CountDeliveries(ctx, ""); n != 4 || len(ids) != 2 || ids[0] != "dlv_d:1" || ids[1] != "dlv_a:2" {
		t.Errorf("after enqueuing again: %d deliveries, queue %v", n, ids)
	}
}

func ptr[T any](v T) *T { return &v }
