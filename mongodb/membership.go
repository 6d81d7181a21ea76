package mongodb

import (
	"context"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/guildhall/guildhall"
)

const (
	colIdempotency      = "idempotency"
	colMembershipEvents = "membership_events"
)

type intentDoc struct {
	ID        string    `bson:"_id"`
	Payload   string    `bson:"payload"`
	MemberID  string    `bson:"member"`
	OutcomeID string    `bson:"outcome"`
	At        time.Time `bson:"at"`
}

// ClaimIntent records the intent under its key if the key is new. It returns the intent that
// holds the key: this one (first is true), or the one recorded by an earlier request.
func (s *Store) ClaimIntent(ctx context.Context, in guildhall.Intent) (held guildhall.Intent, first bool, err error) {
	ctx, cancel := s.call(ctx)
	defer cancel()
	doc := intentDoc{ID: in.Key, Payload: in.Payload, MemberID: in.MemberID, OutcomeID: in.OutcomeID, At: in.At}
	_, err = s.db.Collection(colIdempotency).InsertOne(ctx, doc)
	if err == nil {
		return in, true, nil
	}
	if !mongo.IsDuplicateKeyError(err) {
		return guildhall.Intent{}, false, wrap(err, "record the request")
	}
	var d intentDoc
	if err := s.db.Collection(colIdempotency).FindOne(ctx, bson.D{{Key: "_id", Value: in.Key}}).Decode(&d); err != nil {
		return guildhall.Intent{}, false, wrap(err, "read the earlier request")
	}
	return guildhall.Intent{Key: d.ID, Payload: d.Payload, MemberID: d.MemberID, OutcomeID: d.OutcomeID, At: d.At.UTC()}, false, nil
}

// FindMember reads the newest revision of a member from the database, for when another
// instance may have changed it since this one last heard.
func (s *Store) FindMember(ctx context.Context, id string) (*guildhall.Member, error) {
	revs, err := listRevisions[memberDoc](ctx, s, colMemberRevisions, id)
	if err != nil {
		return nil, err
	}
	if len(revs) == 0 || revs[0].Doc == nil {
		return nil, nil
	}
	return memberFromRevision(revs[0]), nil
}

type eventDoc struct {
	ID               string     `bson:"_id"`
	MemberID         string     `bson:"member"`
	Kind             string     `bson:"kind"`
	At               time.Time  `bson:"at"`
	Actor            string     `bson:"actor"`
	Plan             string     `bson:"plan,omitempty"`
	PreviousExpiry   *time.Time `bson:"previousExpiry,omitempty"`
	NewExpiry        *time.Time `bson:"newExpiry,omitempty"`
	PaymentReference *string    `bson:"paymentRef,omitempty"`
	IdempotencyKey   string     `bson:"key,omitempty"`
	Reason           *string    `bson:"reason,omitempty"`
}

// RecordMembershipEvent appends to the audit trail. The event's ID is the change's own ID,
// so recording it again (a retry after a crash) is a no-op.
func (s *Store) RecordMembershipEvent(ctx context.Context, e guildhall.MembershipEvent) error {
	ctx, cancel := s.call(ctx)
	defer cancel()
	_, err := s.db.Collection(colMembershipEvents).InsertOne(ctx, eventDoc{
		ID: e.ID, MemberID: e.MemberID, Kind: e.Kind, At: e.At, Actor: e.Actor, Plan: e.PlanCode,
		PreviousExpiry: e.PreviousExpiry, NewExpiry: e.NewExpiry, PaymentReference: e.PaymentReference,
		IdempotencyKey: e.IdempotencyKey, Reason: e.Reason,
	})
	if mongo.IsDuplicateKeyError(err) {
		return nil
	}
	return wrap(err, "record the membership change")
}

// MembershipEvents lists a member's audit trail, newest first. It queries the database: it is
// for ADMIN's occasional look, not a request path.
func (s *Store) MembershipEvents(ctx context.Context, memberID string) ([]guildhall.MembershipEvent, error) {
	ctx, cancel := s.query(ctx)
	defer cancel()
	cur, err := s.db.Collection(colMembershipEvents).Find(ctx, bson.D{{Key: "member", Value: memberID}},
		options.Find().SetSort(bson.D{{Key: "at", Value: -1}, {Key: "_id", Value: -1}}))
	if err != nil {
		return nil, wrap(err, "read the membership history")
	}
	var docs []eventDoc
	if err := cur.All(ctx, &docs); err != nil {
		return nil, wrap(err, "read the membership history")
	}
	out := make([]guildhall.MembershipEvent, 0, len(docs))
	for _, d := range docs {
		out = append(out, guildhall.MembershipEvent{
			ID: d.ID, MemberID: d.MemberID, Kind: d.Kind, At: d.At.UTC(), Actor: d.Actor, PlanCode: d.Plan,
			PreviousExpiry: utcPtr(d.PreviousExpiry), NewExpiry: utcPtr(d.NewExpiry), PaymentReference: d.PaymentReference,
			IdempotencyKey: d.IdempotencyKey, Reason: d.Reason,
		})
	}
	return out, nil
}
