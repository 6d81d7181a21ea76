package mongodb

import (
	"context"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/guildhall/guildhall"
)

// migration is one step of the database format. Steps are idempotent, run in order at every
// start until recorded, and recorded once applied; several instances starting together may
// run one concurrently, which idempotence makes harmless.
type migration struct {
	id    string
	apply func(ctx context.Context, s *Store) error
}

var migrations = []migration{
	{"0001-indexes", func(ctx context.Context, s *Store) error {
		for _, col := range []string{colPostRevisions, colMemberRevisions, colBlockRevisions} {
			if _, err := s.db.Collection(col).Indexes().CreateOne(ctx, mongo.IndexModel{
				Keys: bson.D{{Key: "entity", Value: 1}, {Key: "version", Value: -1}},
			}); err != nil {
				return err
			}
		}
		_, err := s.db.Collection(colChanges).Indexes().CreateOne(ctx, mongo.IndexModel{Keys: bson.D{{Key: "at", Value: 1}}})
		return err
	}},
	{"0002-default-plans", func(ctx context.Context, s *Store) error {
		for _, p := range guildhall.DefaultPlans {
			_, err := s.db.Collection(colPlans).InsertOne(ctx, planDoc(p))
			if err != nil && !mongo.IsDuplicateKeyError(err) {
				return err
			}
		}
		return nil
	}},
	{"0003-credential-indexes", func(ctx context.Context, s *Store) error {
		for _, col := range []string{colTokenRevisions, colAccountRevisions} {
			if _, err := s.db.Collection(col).Indexes().CreateOne(ctx, mongo.IndexModel{
				Keys: bson.D{{Key: "entity", Value: 1}, {Key: "version", Value: -1}},
			}); err != nil {
				return err
			}
		}
		return nil
	}},
	{"0004-membership-events-index", func(ctx context.Context, s *Store) error {
		_, err := s.db.Collection(colMembershipEvents).Indexes().CreateOne(ctx, mongo.IndexModel{
			Keys: bson.D{{Key: "member", Value: 1}, {Key: "at", Value: -1}},
		})
		return err
	}},
	{"0005-webhook-indexes", func(ctx context.Context, s *Store) error {
		for col, keys := range map[string]bson.D{
			colWebhookRevisions:  {{Key: "entity", Value: 1}, {Key: "version", Value: -1}},
			colWebhookDeliveries: {{Key: "webhook", Value: 1}, {Key: "_id", Value: -1}},
			colWebhookAttempts:   {{Key: "delivery", Value: 1}},
			colWebhookQueue:      {{Key: "dueAt", Value: 1}},
		} {
			if _, err := s.db.Collection(col).Indexes().CreateOne(ctx, mongo.IndexModel{Keys: keys}); err != nil {
				return err
			}
		}
		return nil
	}},
	{"0006-asset-indexes", func(ctx context.Context, s *Store) error {
		_, err := s.db.Collection(colAssetRevisions).Indexes().CreateOne(ctx, mongo.IndexModel{
			Keys: bson.D{{Key: "entity", Value: 1}, {Key: "version", Value: -1}},
		})
		return err
	}},
}

type migrationDoc struct {
	ID        string    `bson:"_id"`
	AppliedAt time.Time `bson:"appliedAt"`
}

// Migrate brings the database to the current format and returns the steps it applied.
func (s *Store) Migrate(ctx context.Context) ([]string, error) {
	ctx, cancel := s.bulk(ctx)
	defer cancel()
	cur, err := s.db.Collection(colMigrations).Find(ctx, bson.D{})
	if err != nil {
		return nil, wrap(err, "read migrations")
	}
	var done []migrationDoc
	if err := cur.All(ctx, &done); err != nil {
		return nil, wrap(err, "read migrations")
	}
	applied := map[string]bool{}
	for _, d := range done {
		applied[d.ID] = true
	}
	var ran []string
	for _, m := range migrations {
		if applied[m.id] {
			continue
		}
		if err := m.apply(ctx, s); err != nil {
			return ran, fmt.Errorf("migration %s: %w", m.id, err)
		}
		_, err := s.db.Collection(colMigrations).InsertOne(ctx, migrationDoc{ID: m.id, AppliedAt: s.Now().UTC()})
		if err != nil && !mongo.IsDuplicateKeyError(err) {
			return ran, wrap(err, "record migration")
		}
		ran = append(ran, m.id)
	}
	return ran, nil
}

// Plans lists the membership plans by name.
func (s *Store) Plans(ctx context.Context) ([]guildhall.MembershipPlan, error) {
	ctx, cancel := s.bulk(ctx)
	defer cancel()
	cur, err := s.db.Collection(colPlans).Find(ctx, bson.D{}, options.Find().SetSort(bson.D{{Key: "name", Value: 1}}))
	if err != nil {
		return nil, wrap(err, "read plans")
	}
	var docs []planDoc
	if err := cur.All(ctx, &docs); err != nil {
		return nil, wrap(err, "read plans")
	}
	out := make([]guildhall.MembershipPlan, 0, len(docs))
	for _, d := range docs {
		out = append(out, guildhall.MembershipPlan(d))
	}
	return out, nil
}

// ClaimOnce reports whether this caller is the first ever to claim name, for one-time work
// that several instances starting together must not all do (loading the demo content). The
// winner calls FinishOnce when the work is done; the others can wait for that (OnceState).
func (s *Store) ClaimOnce(ctx context.Context, name string) (bool, error) {
	return insertOnce(ctx, s, colMigrations, migrationDoc{ID: "once:" + name, AppliedAt: s.Now().UTC()}, "claim "+name)
}

// FinishOnce records that the one-time work claimed as name is done.
func (s *Store) FinishOnce(ctx context.Context, name string) error {
	_, err := insertOnce(ctx, s, colMigrations, migrationDoc{ID: "done:" + name, AppliedAt: s.Now().UTC()}, "finish "+name)
	return err
}

// OnceState tells whether the one-time work name was claimed, how long ago by the store's
// clock, and whether it is done. Work claimed by a version that did not record its end reads
// as claimed, not done.
func (s *Store) OnceState(ctx context.Context, name string) (age time.Duration, claimed, done bool, err error) {
	ctx, cancel := s.call(ctx)
	defer cancel()
	cur, err := s.db.Collection(colMigrations).Find(ctx, bson.D{{Key: "_id", Value: bson.D{{Key: "$in", Value: []string{"once:" + name, "done:" + name}}}}})
	if err != nil {
		return 0, false, false, wrap(err, "read "+name)
	}
	var docs []migrationDoc
	if err := cur.All(ctx, &docs); err != nil {
		return 0, false, false, wrap(err, "read "+name)
	}
	for _, d := range docs {
		if d.ID == "done:"+name {
			done = true
		} else {
			claimed, age = true, s.Now().Sub(d.AppliedAt)
		}
	}
	return age, claimed, done, nil
}
