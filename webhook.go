package guildhall

import (
	"cmp"
	"crypto/sha256"
	"encoding/binary"
	"slices"
	"strconv"
	"time"
)

// Kinds of webhook objects, used as ID prefixes like the others in id.go.
const (
	KindWebhook  = "whk"
	KindDelivery = "dlv"
	KindEvent    = "evt"
)

// DerivedID is an ID like NewID's, sorting by at, whose other 80 bits come from seed instead
// of chance: the same kind, time and seed give the same ID. It names things that must be
// made once however often the work that makes them is repeated (the deliveries of an event).
func DerivedID(kind string, at time.Time, seed string) string {
	var b [16]byte
	binary.BigEndian.PutUint64(b[:8], uint64(at.UnixMilli())<<16)
	sum := sha256.Sum256([]byte(seed))
	copy(b[6:], sum[:10])
	return kind + "_" + idEncoding.EncodeToString(b[:])
}

// WebhookEvent is something that happened which a webhook endpoint may subscribe to.
type WebhookEvent string

// The events. POST_PUBLISHED is sent when a post goes live (a scheduled post when its time
// comes), POST_UPDATED when a live post changes, POST_UNPUBLISHED when a live post stops being
// live (unpublished, archived). POST_SUBMITTED and POST_CHANGES_REQUESTED are the steps of
// review. BLOCK_UPDATED and BLOCK_DELETED follow related-info blocks, MEMBER_UPDATED profile
// edits. The MEMBER_ events are sent by the membership service; the MEMBERSHIP_ ones when a
// membership changes by the clock alone: MEMBERSHIP_EXPIRING a notice period before it
// expires, MEMBERSHIP_GRACE when it expires, MEMBERSHIP_LAPSED when its grace ends.
const (
	EventPostPublished        WebhookEvent = "POST_PUBLISHED"
	EventPostUpdated          WebhookEvent = "POST_UPDATED"
	EventPostUnpublished      WebhookEvent = "POST_UNPUBLISHED"
	EventPostSubmitted        WebhookEvent = "POST_SUBMITTED"
	EventPostChangesRequested WebhookEvent = "POST_CHANGES_REQUESTED"
	EventMemberJoined         WebhookEvent = "MEMBER_JOINED"
	EventMemberRenewed        WebhookEvent = "MEMBER_RENEWED"
	EventMemberCancelled      WebhookEvent = "MEMBER_CANCELLED"
	EventBlockUpdated         WebhookEvent = "BLOCK_UPDATED"
	EventBlockDeleted         WebhookEvent = "BLOCK_DELETED"
	EventMemberUpdated        WebhookEvent = "MEMBER_UPDATED"
	EventMembershipExpiring   WebhookEvent = "MEMBERSHIP_EXPIRING"
	EventMembershipGrace      WebhookEvent = "MEMBERSHIP_GRACE"
	EventMembershipLapsed     WebhookEvent = "MEMBERSHIP_LAPSED"
)

// WebhookEvents lists every event, in the order the API documents them.
var WebhookEvents = []WebhookEvent{
	EventPostPublished, EventPostUpdated, EventPostUnpublished, EventPostSubmitted, EventPostChangesRequested,
	EventMemberJoined, EventMemberRenewed, EventMemberCancelled,
	EventBlockUpdated, EventBlockDeleted, EventMemberUpdated,
	EventMembershipExpiring, EventMembershipGrace, EventMembershipLapsed,
	EventAssetCreated, EventAssetDeleted,
}

// IsValid reports whether e is one of the defined events.
func (e WebhookEvent) IsValid() bool { return slices.Contains(WebhookEvents, e) }

// Webhook is an endpoint that is sent a signed JSON POST for each event it subscribes to.
type Webhook struct {
	ID      string
	Version int
	URL     string
	Events  []WebhookEvent
	// Secret keys the HMAC-SHA256 signature of every delivery. It is never shown again after
	// it is set.
	Secret      string
	Description *string
	CreatedAt   time.Time
	CreatedBy   string
}

// IsNode marks Webhook as a GraphQL Node (found by node(id:) for ADMIN).
func (*Webhook) IsNode() {}

// Subscribes reports whether the webhook wants the event.
func (w *Webhook) Subscribes(e WebhookEvent) bool { return slices.Contains(w.Events, e) }

// Webhook limits, checked when one is registered.
const (
	MaxWebhooks          = 100
	MaxWebhookURLLength  = 2048
	MinWebhookSecretSize = 16
	MaxWebhookSecretSize = 256
)

// CreateWebhookInput registers an endpoint.
type CreateWebhookInput struct {
	URL         string
	Events      []WebhookEvent
	Secret      string
	Description *string
}

// WebhookDeliveryStatus is where one delivery stands.
type WebhookDeliveryStatus string

// The delivery statuses: PENDING while attempts remain, DELIVERED once an attempt got a 2xx
// answer, FAILED when every attempt failed, CANCELLED when there was nothing left to deliver
// (the webhook was deleted, or a scheduled post was unpublished before its time).
const (
	DeliveryPending   WebhookDeliveryStatus = "PENDING"
	DeliveryDelivered WebhookDeliveryStatus = "DELIVERED"
	DeliveryFailed    WebhookDeliveryStatus = "FAILED"
	DeliveryCancelled WebhookDeliveryStatus = "CANCELLED"
)

// IsValid reports whether s is one of the defined statuses.
func (s WebhookDeliveryStatus) IsValid() bool {
	switch s {
	case DeliveryPending, DeliveryDelivered, DeliveryFailed, DeliveryCancelled:
		return true
	}
	return false
}

// WebhookDelivery is one event sent (or to be sent) to one webhook, as the delivery log shows it.
type WebhookDelivery struct {
	ID        string
	WebhookID string
	EventID   string
	Event     WebhookEvent
	// Payload is the exact JSON body that is POSTed, the same on every attempt.
	Payload   string
	Status    WebhookDeliveryStatus
	CreatedAt time.Time
	// NextAttemptAt is when the next attempt is due, while the delivery is PENDING.
	NextAttemptAt *time.Time
	// Attempts are the requests made, oldest first.
	Attempts []*WebhookAttempt
}

// WebhookAttempt is one POST of a delivery.
type WebhookAttempt struct {
	Number     int
	At         time.Time
	StatusCode *int    // the HTTP status, if an answer came
	Error      *string // why the attempt failed, if it did
	DurationMs int
}

// QueuedAttempt is an attempt still to be made: everything a worker needs to make it, so
// that the queue alone is read on a poll.
type QueuedAttempt struct {
	DeliveryID string
	N          int // 1 for the first attempt
	WebhookID  string
	EventID    string
	Event      WebhookEvent
	Payload    string
	DueAt      time.Time
	CreatedAt  time.Time // of the delivery
	// GuardPostID and GuardPublishedAt, when set, name a post that must still be live with
	// that publication time when the attempt is made, or the delivery is cancelled: an event
	// for a scheduled publication is queued for the time it goes live. GuardUnpublishAt
	// likewise names the take-down time the post must still have, for an event queued for
	// its scheduled take-down.
	GuardPostID      string
	GuardPublishedAt *time.Time
	GuardUnpublishAt *time.Time
	GuardVersion     int // the post's version when the event was queued
}

// ID names the queue entry, "<delivery>:<n>".
func (q QueuedAttempt) ID() string { return AttemptID(q.DeliveryID, q.N) }

// AttemptID names attempt n of a delivery.
func AttemptID(delivery string, n int) string { return delivery + ":" + strconv.Itoa(n) }

// AttemptOutcome is what came of one attempt.
type AttemptOutcome string

// The outcomes of an attempt.
const (
	OutcomeDelivered AttemptOutcome = "delivered"
	OutcomeFailed    AttemptOutcome = "failed"
	OutcomeCancelled AttemptOutcome = "cancelled" // nothing was sent: the delivery was no longer wanted
)

// AttemptResult is what came of attempt N of a delivery.
type AttemptResult struct {
	DeliveryID string
	N          int
	At         time.Time
	Outcome    AttemptOutcome
	StatusCode *int
	Error      *string
	Duration   time.Duration
	// Final is set on the last word about a delivery: delivered, cancelled, or failed with no
	// attempts left.
	Final bool
}

// AttemptClaim records that an instance took attempt N of a delivery, at At, before it sent
// anything: exactly one instance makes each attempt.
type AttemptClaim struct {
	N  int
	At time.Time
}

// DeliveryRecord is everything stored about one delivery: the delivery as it was logged,
// the attempts claimed, their results, and the attempts still queued. Delivery derives what
// the log shows from it.
type DeliveryRecord struct {
	ID        string
	WebhookID string
	EventID   string
	Event     WebhookEvent
	Payload   string
	CreatedAt time.Time
	Claims    []AttemptClaim
	Results   []AttemptResult
	Queued    []QueuedAttempt
}

// Delivery derives a delivery's status, attempts and next attempt from its record. An
// attempt claimed without a result is shown as one in progress (or whose instance stopped);
// a cancelled attempt sent nothing and is not shown. Any delivered attempt makes the delivery
// DELIVERED; otherwise a final result settles it as CANCELLED or FAILED; otherwise it is
// PENDING, due at its earliest queued attempt that has no result yet.
func (r *DeliveryRecord) Delivery() *WebhookDelivery {
	out := &WebhookDelivery{ID: r.ID, WebhookID: r.WebhookID, EventID: r.EventID, Event: r.Event,
		Payload: r.Payload, Status: DeliveryPending, CreatedAt: r.CreatedAt}
	results := map[int]AttemptResult{}
	for _, res := range r.Results {
		results[res.N] = res
	}
	for _, c := range r.Claims {
		res, ok := results[c.N]
		switch {
		case !ok:
			msg := "no result recorded: in progress, or the instance making it stopped"
			out.Attempts = append(out.Attempts, &WebhookAttempt{Number: c.N, At: c.At, Error: &msg})
		case res.Outcome != OutcomeCancelled:
			out.Attempts = append(out.Attempts, &WebhookAttempt{Number: c.N, At: c.At, StatusCode: res.StatusCode,
				Error: res.Error, DurationMs: int(res.Duration.Milliseconds())})
		}
	}
	slices.SortFunc(out.Attempts, func(a, b *WebhookAttempt) int { return cmp.Compare(a.Number, b.Number) })
	for _, res := range results {
		switch {
		case res.Outcome == OutcomeDelivered:
			out.Status = DeliveryDelivered
		case res.Final && res.Outcome == OutcomeCancelled && out.Status != DeliveryDelivered:
			out.Status = DeliveryCancelled
		case res.Final && out.Status == DeliveryPending:
			out.Status = DeliveryFailed
		}
	}
	if out.Status == DeliveryPending {
		// An entry whose attempt has a result is about to leave the queue.
		done := 0
		for n := range results {
			done = max(done, n)
		}
		for _, q := range r.Queued {
			if q.N > done && (out.NextAttemptAt == nil || q.DueAt.Before(*out.NextAttemptAt)) {
				at := q.DueAt
				out.NextAttemptAt = &at
			}
		}
	}
	return out
}
