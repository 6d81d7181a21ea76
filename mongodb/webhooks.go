package mongodb

import (
	"context"
	"errors"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/guildhall/guildhall"
)

// Webhooks are stored like other entities, as revisions carried to other instances by the
// change log. Deliveries use four collections, every state change an insert or the deletion
// of a queue entry:
//
//   - webhook_deliveries: one document per event and webhook, the log ADMIN reads. Written
//     before the mutation that caused the event returns.
//   - webhook_queue: the attempts still to make, "<delivery>:<n>" with the time each is due.
//     It holds only what is pending, so the workers can read all of it on every poll.
//   - webhook_attempts: "<delivery>:<n>" is inserted by the worker that makes attempt n, before
//     it sends anything: the unique _id lets exactly one instance make each attempt.
//     "<delivery>:<n>:result" records what came of it.
const (
	colWebhookRevisions  = "webhook_revisions"
	colWebhookDeliveries = "webhook_deliveries"
	colWebhookQueue      = "webhook_queue"
	colWebhookAttempts   = "webhook_attempts"
)

type webhookDoc struct {
	URL         string    `bson:"url"`
	Events      []string  `bson:"events"`
	Secret      string    `bson:"secret"`
	Description *string   `bson:"description,omitempty"`
	CreatedAt   time.Time `bson:"createdAt"`
	CreatedBy   string    `bson:"createdBy,omitempty"`
}

func toWebhookDoc(w *guildhall.Webhook) *webhookDoc {
	d := &webhookDoc{URL: w.URL, Secret: w.Secret, Description: w.Description, CreatedAt: w.CreatedAt, CreatedBy: w.CreatedBy}
	for _, e := range w.Events {
		d.Events = append(d.Events, string(e))
	}
	return d
}

func webhookFromRevision(r revision[webhookDoc]) *guildhall.Webhook {
	d := r.Doc
	w := &guildhall.Webhook{ID: r.Entity, Version: r.Version, URL: d.URL, Secret: d.Secret, Description: d.Description,
		CreatedAt: d.CreatedAt.UTC(), CreatedBy: d.CreatedBy}
	for _, e := range d.Events {
		w.Events = append(w.Events, guildhall.WebhookEvent(e))
	}
	return w
}

// SaveWebhook stores w as its revision; ECONFLICT if that revision exists.
func (s *Store) SaveWebhook(ctx context.Context, w *guildhall.Webhook, by string) error {
	return insertRevision(ctx, s, colWebhookRevisions, guildhall.EntityWebhook, revision[webhookDoc]{
		Entity: w.ID, Version: w.Version, SavedAt: s.Now().UTC(), SavedBy: by, Doc: toWebhookDoc(w),
	})
}

// DeleteWebhook records the deletion of webhook id as revision version.
func (s *Store) DeleteWebhook(ctx context.Context, id string, version int, by string) error {
	return insertRevision(ctx, s, colWebhookRevisions, guildhall.EntityWebhook, revision[webhookDoc]{
		Entity: id, Version: version, Deleted: true, SavedAt: s.Now().UTC(), SavedBy: by,
	})
}

// Webhooks reads the current registrations.
func (s *Store) Webhooks(ctx context.Context) ([]*guildhall.Webhook, error) {
	revs, err := loadLatest[webhookDoc](ctx, s, colWebhookRevisions)
	if err != nil {
		return nil, err
	}
	out := make([]*guildhall.Webhook, 0, len(revs))
	for _, r := range revs {
		out = append(out, webhookFromRevision(r))
	}
	return out, nil
}

// WebhookGone reports whether webhook id is deleted, or was never registered. It reads the
// database, for an instance whose catalog does not know the webhook: it may only not have
// caught up yet with another instance's registration.
func (s *Store) WebhookGone(ctx context.Context, id string) (bool, error) {
	revs, err := listRevisions[webhookDoc](ctx, s, colWebhookRevisions, id)
	if err != nil {
		return false, err
	}
	return len(revs) == 0 || revs[0].Deleted, nil
}

type deliveryDoc struct {
	ID        string    `bson:"_id"`
	Webhook   string    `bson:"webhook"`
	EventID   string    `bson:"eventId"`
	Event     string    `bson:"event"`
	Payload   string    `bson:"payload"`
	CreatedAt time.Time `bson:"createdAt"`
}

type queueDoc struct {
	ID               string     `bson:"_id"`
	Delivery         string     `bson:"delivery"`
	N                int        `bson:"n"`
	Webhook          string     `bson:"webhook"`
	EventID          string     `bson:"eventId"`
	Event            string     `bson:"event"`
	Payload          string     `bson:"payload"`
	DueAt            time.Time  `bson:"dueAt"`
	CreatedAt        time.Time  `bson:"createdAt"`
	GuardPost        string     `bson:"guardPost,omitempty"`
	GuardPublishedAt *time.Time `bson:"guardPublishedAt,omitempty"`
	GuardUnpublishAt *time.Time `bson:"guardUnpublishAt,omitempty"`
	GuardVersion     int        `bson:"guardVersion,omitempty"`
}

func toQueueDoc(q guildhall.QueuedAttempt) queueDoc {
	return queueDoc{ID: q.ID(), Delivery: q.DeliveryID, N: q.N, Webhook: q.WebhookID, EventID: q.EventID, Event: string(q.Event),
		Payload: q.Payload, DueAt: q.DueAt, CreatedAt: q.CreatedAt, GuardPost: q.GuardPostID, GuardPublishedAt: q.GuardPublishedAt,
		GuardUnpublishAt: q.GuardUnpublishAt, GuardVersion: q.GuardVersion}
}

func (d queueDoc) domain() guildhall.QueuedAttempt {
	return guildhall.QueuedAttempt{DeliveryID: d.Delivery, N: d.N, WebhookID: d.Webhook, EventID: d.EventID, Event: guildhall.WebhookEvent(d.Event),
		Payload: d.Payload, DueAt: d.DueAt.UTC(), CreatedAt: d.CreatedAt.UTC(), GuardPostID: d.GuardPost, GuardPublishedAt: utcPtr(d.GuardPublishedAt),
		GuardUnpublishAt: utcPtr(d.GuardUnpublishAt),
		GuardVersion:     d.GuardVersion}
}

// EnqueueDeliveries records new deliveries in the log and queues their first attempts. The
// log is written first: a delivery that is queued is always in the log. A delivery already in
// the log is left alone (its event was emitted before), so emitting with the same IDs again
// neither repeats nor restarts a delivery.
func (s *Store) EnqueueDeliveries(ctx context.Context, first []guildhall.QueuedAttempt) error {
	for _, q := range first {
		d := deliveryDoc{ID: q.DeliveryID, Webhook: q.WebhookID, EventID: q.EventID, Event: string(q.Event), Payload: q.Payload, CreatedAt: q.CreatedAt}
		if isNew, err := insertOnce(ctx, s, colWebhookDeliveries, d, "log webhook delivery"); err != nil || !isNew {
			if err != nil {
				return err
			}
			continue
		}
		if err := s.Requeue(ctx, q); err != nil {
			return err
		}
	}
	return nil
}

// QueuedAttempts reads the whole queue, soonest due first. The queue holds only pending
// attempts, so it stays small.
func (s *Store) QueuedAttempts(ctx context.Context) ([]guildhall.QueuedAttempt, error) {
	ctx, cancel := s.query(ctx)
	defer cancel()
	cur, err := s.db.Collection(colWebhookQueue).Find(ctx, bson.D{}, options.Find().SetSort(bson.D{{Key: "dueAt", Value: 1}, {Key: "_id", Value: 1}}))
	if err != nil {
		return nil, wrap(err, "read webhook queue")
	}
	var docs []queueDoc
	if err := cur.All(ctx, &docs); err != nil {
		return nil, wrap(err, "read webhook queue")
	}
	out := make([]guildhall.QueuedAttempt, len(docs))
	for i, d := range docs {
		out[i] = d.domain()
	}
	return out, nil
}

// Requeue queues attempt q. Queuing an attempt that is queued already does nothing, so two
// workers that both schedule the next attempt after a failure schedule it once.
func (s *Store) Requeue(ctx context.Context, q guildhall.QueuedAttempt) error {
	_, err := insertOnce(ctx, s, colWebhookQueue, toQueueDoc(q), "queue webhook attempt")
	return err
}

// Dequeue removes a queue entry (made, or given up).
func (s *Store) Dequeue(ctx context.Context, q guildhall.QueuedAttempt) error {
	ctx, cancel := s.call(ctx)
	defer cancel()
	_, err := s.db.Collection(colWebhookQueue).DeleteOne(ctx, bson.D{{Key: "_id", Value: q.ID()}})
	return wrap(err, "dequeue webhook attempt")
}

type attemptDoc struct {
	ID         string    `bson:"_id"`
	Delivery   string    `bson:"delivery"`
	N          int       `bson:"n"`
	Result     bool      `bson:"result,omitempty"` // false: the claim made before sending
	At         time.Time `bson:"at"`
	By         string    `bson:"by,omitempty"`
	Outcome    string    `bson:"outcome,omitempty"`
	StatusCode *int      `bson:"status,omitempty"`
	Error      *string   `bson:"error,omitempty"`
	DurationMs int       `bson:"ms,omitempty"`
	Final      bool      `bson:"final,omitempty"`
}

// ClaimAttempt makes the caller the one instance to make attempt n of a delivery. It reports
// false when another worker (on this or another instance) claimed it first.
func (s *Store) ClaimAttempt(ctx context.Context, delivery string, n int, by string, at time.Time) (bool, error) {
	return insertOnce(ctx, s, colWebhookAttempts, attemptDoc{ID: guildhall.AttemptID(delivery, n), Delivery: delivery, N: n, At: at, By: by}, "claim webhook attempt")
}

// insertOnce inserts doc and reports whether it was the first with its _id: an insert of an
// _id that exists already is not an error, only not the first.
func insertOnce(ctx context.Context, s *Store, col string, doc any, what string) (bool, error) {
	ctx, cancel := s.call(ctx)
	defer cancel()
	_, err := s.db.Collection(col).InsertOne(ctx, doc)
	switch {
	case err == nil:
		return true, nil
	case mongo.IsDuplicateKeyError(err):
		return false, nil
	default:
		return false, wrap(err, what)
	}
}

// RecordAttempt stores the result of an attempt. A result is recorded once; recording it
// again does nothing.
func (s *Store) RecordAttempt(ctx context.Context, r guildhall.AttemptResult) error {
	_, err := insertOnce(ctx, s, colWebhookAttempts, attemptDoc{
		ID: guildhall.AttemptID(r.DeliveryID, r.N) + ":result", Delivery: r.DeliveryID, N: r.N, Result: true, At: r.At,
		Outcome: string(r.Outcome), StatusCode: r.StatusCode, Error: r.Error, DurationMs: int(r.Duration.Milliseconds()), Final: r.Final,
	}, "record webhook attempt")
	return err
}

// RecordedAttempt returns the result of attempt n, or nil if none was recorded (the attempt
// is in progress, or the instance making it stopped).
func (s *Store) RecordedAttempt(ctx context.Context, delivery string, n int) (*guildhall.AttemptResult, error) {
	ctx, cancel := s.call(ctx)
	defer cancel()
	var d attemptDoc
	err := s.db.Collection(colWebhookAttempts).FindOne(ctx, bson.D{{Key: "_id", Value: guildhall.AttemptID(delivery, n) + ":result"}}).Decode(&d)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return nil, nil
	}
	if err != nil {
		return nil, wrap(err, "read webhook attempt")
	}
	r := d.result()
	return &r, nil
}

// result is the result an attempt document records.
func (d attemptDoc) result() guildhall.AttemptResult {
	return guildhall.AttemptResult{DeliveryID: d.Delivery, N: d.N, At: d.At.UTC(), Outcome: guildhall.AttemptOutcome(d.Outcome),
		StatusCode: d.StatusCode, Error: d.Error, Duration: time.Duration(d.DurationMs) * time.Millisecond, Final: d.Final}
}

// Deliveries reads the delivery log, newest first: up to limit deliveries created before the
// one named by before (all when before is ""), of one webhook or of all when webhookID is "",
// each with its attempts and queue entries. It also reports whether more follow. This is a
// database query, not a catalog read: the log is for ADMIN, read rarely, and grows too long
// to keep in memory.
func (s *Store) Deliveries(ctx context.Context, webhookID, before string, limit int) ([]guildhall.DeliveryRecord, bool, error) {
	ctx, cancel := s.query(ctx)
	defer cancel()
	filter := deliveryFilter(webhookID)
	if before != "" {
		filter = append(filter, bson.E{Key: "_id", Value: bson.D{{Key: "$lt", Value: before}}})
	}
	cur, err := s.db.Collection(colWebhookDeliveries).Find(ctx, filter,
		options.Find().SetSort(bson.D{{Key: "_id", Value: -1}}).SetLimit(int64(limit+1)))
	if err != nil {
		return nil, false, wrap(err, "read webhook deliveries")
	}
	var docs []deliveryDoc
	if err := cur.All(ctx, &docs); err != nil {
		return nil, false, wrap(err, "read webhook deliveries")
	}
	more := len(docs) > limit
	docs = docs[:min(limit, len(docs))]
	if len(docs) == 0 {
		return nil, false, nil
	}
	ids := make([]string, len(docs))
	for i, d := range docs {
		ids[i] = d.ID
	}
	in := bson.D{{Key: "delivery", Value: bson.D{{Key: "$in", Value: ids}}}}
	var attempts []attemptDoc
	if cur, err = s.db.Collection(colWebhookAttempts).Find(ctx, in); err == nil {
		err = cur.All(ctx, &attempts)
	}
	if err != nil {
		return nil, false, wrap(err, "read webhook attempts")
	}
	var queued []queueDoc
	if cur, err = s.db.Collection(colWebhookQueue).Find(ctx, in); err == nil {
		err = cur.All(ctx, &queued)
	}
	if err != nil {
		return nil, false, wrap(err, "read webhook queue")
	}
	out := make([]guildhall.DeliveryRecord, len(docs))
	for i, d := range docs {
		out[i] = record(d, attempts, queued)
	}
	return out, more, nil
}

// CountDeliveries counts the deliveries of one webhook, or of all when webhookID is "".
func (s *Store) CountDeliveries(ctx context.Context, webhookID string) (int, error) {
	ctx, cancel := s.query(ctx)
	defer cancel()
	n, err := s.db.Collection(colWebhookDeliveries).CountDocuments(ctx, deliveryFilter(webhookID))
	return int(n), wrap(err, "count webhook deliveries")
}

func deliveryFilter(webhookID string) bson.D {
	if webhookID == "" {
		return bson.D{}
	}
	return bson.D{{Key: "webhook", Value: webhookID}}
}

// record gathers what is stored of delivery d: its attempts' claims and results, and the
// attempts still queued. What the log shows of it is the domain's to derive.
func record(d deliveryDoc, attempts []attemptDoc, queued []queueDoc) guildhall.DeliveryRecord {
	r := guildhall.DeliveryRecord{ID: d.ID, WebhookID: d.Webhook, EventID: d.EventID, Event: guildhall.WebhookEvent(d.Event),
		Payload: d.Payload, CreatedAt: d.CreatedAt.UTC()}
	for _, a := range attempts {
		switch {
		case a.Delivery != d.ID:
		case a.Result:
			r.Results = append(r.Results, a.result())
		default:
			r.Claims = append(r.Claims, guildhall.AttemptClaim{N: a.N, At: a.At.UTC()})
		}
	}
	for _, q := range queued {
		if q.Delivery == d.ID {
			r.Queued = append(r.Queued, q.domain())
		}
	}
	return r
}

// PruneDeliveries deletes the log of deliveries created before the cutoff, with their
// attempts. Deliveries are retried for about a day, so anything that old is settled.
func (s *Store) PruneDeliveries(ctx context.Context, before time.Time) error {
	ctx, cancel := s.bulk(ctx)
	defer cancel()
	old := bson.D{{Key: "$lt", Value: before}}
	if _, err := s.db.Collection(colWebhookAttempts).DeleteMany(ctx, bson.D{{Key: "at", Value: old}}); err != nil {
		return wrap(err, "prune webhook attempts")
	}
	_, err := s.db.Collection(colWebhookDeliveries).DeleteMany(ctx, bson.D{{Key: "createdAt", Value: old}})
	return wrap(err, "prune webhook deliveries")
}
