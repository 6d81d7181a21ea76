package cms

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/guildhall/guildhall"
	"github.com/guildhall/guildhall/webhook"
)

const (
	// webhookConcurrency bounds the attempts one instance makes at once, so a few slow
	// endpoints cannot hold up the rest for long.
	webhookConcurrency = 4
	// staleAttempt is how long after an attempt fell due a claim without a result is taken
	// to mean that the instance making it stopped; then another goes on to the next attempt.
	// It is well beyond what one attempt may take (the client's timeout).
	staleAttempt = 2 * time.Minute
	// deliveryRetention is how long the delivery log is kept.
	deliveryRetention = 30 * 24 * time.Hour
)

// DeliverWebhooks makes the delivery attempts that are due, until ctx ends; it returns once
// the attempts it started have been recorded. Every instance runs it. Each attempt is claimed
// first with a unique insert ("<delivery>:<n>"), so exactly one instance makes it, and its
// result is recorded and the next attempt queued (or the delivery settled) before it is
// taken off the queue: a restart at any point loses no delivery.
func (s *Service) DeliverWebhooks(ctx context.Context) {
	ticker := time.NewTicker(s.opts.WebhookInterval)
	defer ticker.Stop()
	var (
		running   sync.WaitGroup
		inFlight  sync.Map // queue entry IDs this instance is working on
		lastPrune time.Time
		// transitions announces memberships' changes by the clock (membership_events.go).
		transitions transitionAnnouncer
	)
	defer running.Wait()
	slots := make(chan struct{}, webhookConcurrency)
	for {
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
		}
		s.announceTransitions(ctx, &transitions)
		queue, err := s.store.deliveries.QueuedAttempts(ctx)
		if err != nil {
			if ctx.Err() == nil {
				s.log.Warn("reading the webhook queue failed", "err", err)
			}
			continue
		}
		now := s.now()
		// A scheduled event is decided on its post as it stands, not as this instance last
		// heard of it: another instance may have moved or removed the moment within the sync
		// interval. One read of the change log per poll serves every attempt due in it.
		if guardedDue(queue, now) {
			s.catchUp(ctx)
		}
	queued:
		for _, q := range queue {
			if q.DueAt.After(now) {
				break // the queue is sorted by due time
			}
			if _, busy := inFlight.LoadOrStore(q.ID(), true); busy {
				continue
			}
			select {
			case slots <- struct{}{}:
			default:
				inFlight.Delete(q.ID())
				break queued // every slot is busy: the rest wait for the next poll
			}
			running.Go(func() {
				defer func() { <-slots; inFlight.Delete(q.ID()) }()
				s.attemptDelivery(ctx, q)
			})
		}
		if now.Sub(lastPrune) > time.Hour {
			lastPrune = now
			if err := s.store.deliveries.PruneDeliveries(ctx, now.Add(-deliveryRetention)); err != nil && ctx.Err() == nil {
				s.log.Warn("pruning the webhook delivery log failed", "err", err)
			}
		}
	}
}

// guardedDue reports whether an attempt due by now (queue is sorted by due time) is for a
// scheduled publication or take-down.
func guardedDue(queue []guildhall.QueuedAttempt, now time.Time) bool {
	for _, q := range queue {
		if q.DueAt.After(now) {
			return false
		}
		if q.GuardPostID != "" {
			return true
		}
	}
	return false
}

// attemptDelivery makes one queued attempt, if this instance wins its claim.
func (s *Service) attemptDelivery(ctx context.Context, q guildhall.QueuedAttempt) {
	now := s.now()
	// Writes of other instances reach this catalog a moment later (Follow): an instance that
	// cannot yet tell whether the delivery is still wanted leaves it to the next poll.
	hook, known := s.cat().Webhook(q.WebhookID)
	if !known {
		gone, err := s.store.webhooks.WebhookGone(ctx, q.WebhookID)
		if err != nil || !gone {
			return
		}
	}
	scheduled, sure := true, true
	if q.GuardPostID != "" {
		scheduled, sure = s.stillScheduled(q, now) // after the poll's catch-up (DeliverWebhooks)
	}
	if !sure {
		return
	}
	won, err := s.store.deliveries.ClaimAttempt(ctx, q.DeliveryID, q.N, s.instance, now)
	if err != nil {
		if ctx.Err() == nil {
			s.log.Warn("claiming a webhook attempt failed", "delivery", q.DeliveryID, "attempt", q.N, "err", err)
		}
		return
	}
	// Once claimed, the attempt's outcome is recorded even if ctx ends (a shutdown aborts
	// the request, which then counts as failed), so whoever comes next goes on from it.
	wctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
	defer cancel()
	if !won {
		if now.Sub(q.DueAt) > staleAttempt {
			s.recoverAttempt(wctx, q, now)
		}
		return
	}
	result := guildhall.AttemptResult{DeliveryID: q.DeliveryID, N: q.N, At: now, Outcome: guildhall.OutcomeCancelled, Final: true}
	switch {
	case !known:
		result.Error = ptr("not sent: the webhook was deleted")
	case !scheduled && q.GuardUnpublishAt != nil:
		result.Error = ptr("not sent: the post is no longer due to be taken down at this time")
	case !scheduled:
		result.Error = ptr("not sent: the post is no longer due to go live at this time")
	default:
		result = s.send(ctx, hook, q)
	}
	s.settle(wctx, q, result)
}

// stillScheduled reports whether the post of a scheduled publication (or take-down) is still
// published for (or taken down at) the time the delivery was queued for, and whether this
// instance can be sure of it: its
// catalog must hold the post at least at the version that queued the event. A post unknown
// here for longer than staleAttempt is taken to be deleted.
func (s *Service) stillScheduled(q guildhall.QueuedAttempt, now time.Time) (scheduled, sure bool) {
	p, ok := s.cat().Post(&guildhall.Viewer{Role: guildhall.RoleAdmin}, now, q.GuardPostID)
	switch {
	case !ok:
		return false, now.Sub(q.DueAt) > staleAttempt
	case p.Version < q.GuardVersion:
		return false, false
	}
	if q.GuardUnpublishAt != nil {
		return p.Status == guildhall.PostPublished && p.UnpublishAt != nil && p.UnpublishAt.Equal(*q.GuardUnpublishAt), true
	}
	return p.Status == guildhall.PostPublished && p.PublishedAt != nil && q.GuardPublishedAt != nil && p.PublishedAt.Equal(*q.GuardPublishedAt), true
}

// maxAttempts is the first attempt plus one per wait in the backoff schedule.
func (s *Service) maxAttempts() int { return len(s.opts.WebhookBackoff) + 1 }

// send POSTs the payload, signed, and says what came of it.
func (s *Service) send(ctx context.Context, hook *guildhall.Webhook, q guildhall.QueuedAttempt) guildhall.AttemptResult {
	at := s.now()
	r := guildhall.AttemptResult{DeliveryID: q.DeliveryID, N: q.N, At: at, Outcome: guildhall.OutcomeFailed}
	body := []byte(q.Payload)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, hook.URL, bytes.NewReader(body))
	if err != nil {
		r.Error, r.Final = ptr("the URL cannot be requested: "+err.Error()), q.N >= s.maxAttempts()
		return r
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", webhook.UserAgent)
	req.Header.Set(webhook.EventHeader, string(q.Event))
	req.Header.Set(webhook.DeliveryHeader, q.DeliveryID)
	req.Header.Set(webhook.AttemptHeader, strconv.Itoa(q.N))
	req.Header.Set(webhook.SignatureHeader, webhook.Sign(hook.Secret, at, body))
	began := time.Now()
	res, err := s.hooks.Do(req)
	r.Duration = time.Since(began)
	if err != nil {
		msg := err.Error()
		if errors.Is(err, webhook.ErrForbiddenAddress) {
			msg = "refused: the target resolves to a private, loopback or link-local address"
		}
		r.Error = ptr(truncate(msg, 300))
	} else {
		// Read a little of the answer so the connection can be reused; the rest is ignored.
		_, _ = io.Copy(io.Discard, io.LimitReader(res.Body, 64<<10))
		_ = res.Body.Close()
		code := res.StatusCode
		r.StatusCode = &code
		if code >= 200 && code < 300 {
			r.Outcome = guildhall.OutcomeDelivered
		} else {
			r.Error = ptr(fmt.Sprintf("the endpoint answered %d %s", code, http.StatusText(code)))
		}
	}
	r.Final = r.Outcome == guildhall.OutcomeDelivered || q.N >= s.maxAttempts()
	return r
}

// settle records an attempt's result, queues the next attempt unless the delivery is settled,
// and only then takes the attempt off the queue. Each step is an insert that may be repeated
// harmlessly (or a delete), so a worker that finds the work half done can finish it.
func (s *Service) settle(ctx context.Context, q guildhall.QueuedAttempt, r guildhall.AttemptResult) {
	if err := s.store.deliveries.RecordAttempt(ctx, r); err != nil {
		s.log.Warn("recording a webhook attempt failed; it will be taken up again", "delivery", q.DeliveryID, "attempt", q.N, "err", err)
		return
	}
	if !r.Final {
		next := q
		next.N++
		next.DueAt = r.At.Add(s.opts.WebhookBackoff[q.N-1])
		next.GuardPostID, next.GuardPublishedAt, next.GuardUnpublishAt, next.GuardVersion = "", nil, nil, 0 // it happened: retries need no check
		if err := s.store.deliveries.Requeue(ctx, next); err != nil {
			s.log.Warn("queuing a webhook retry failed; it will be taken up again", "delivery", q.DeliveryID, "attempt", next.N, "err", err)
			return
		}
	}
	if err := s.store.deliveries.Dequeue(ctx, q); err != nil {
		s.log.Warn("dequeuing a webhook attempt failed", "delivery", q.DeliveryID, "attempt", q.N, "err", err)
	}
}

// recoverAttempt finishes an attempt that another worker claimed long ago and never took off
// the queue: it stopped, after recording the result or before. Without a result the attempt
// counts as failed (the receiver may or may not have got it; deliveries carry an ID so that
// receivers can drop repeats).
func (s *Service) recoverAttempt(ctx context.Context, q guildhall.QueuedAttempt, now time.Time) {
	r, err := s.store.deliveries.RecordedAttempt(ctx, q.DeliveryID, q.N)
	if err != nil {
		s.log.Warn("reading a webhook attempt failed", "delivery", q.DeliveryID, "attempt", q.N, "err", err)
		return
	}
	if r == nil {
		r = &guildhall.AttemptResult{DeliveryID: q.DeliveryID, N: q.N, At: now, Outcome: guildhall.OutcomeFailed,
			Error: ptr("interrupted: the instance making this attempt stopped"), Final: q.N >= s.maxAttempts()}
	}
	s.settle(ctx, q, *r)
}

func ptr[T any](v T) *T { return &v }

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return strings.ToValidUTF8(s[:n], "") + "…"
}
