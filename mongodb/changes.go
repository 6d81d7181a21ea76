package mongodb

import (
	"context"
	"errors"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/guildhall/guildhall"
)

// The change log lets every instance follow writes made by the others. Each write appends a
// small document carrying the new revision; followers poll for recent entries. It lives in its
// own collection, pruned to a recent window, because a query on the embedded engine scans the
// whole collection: polling the revision collections themselves would cost more as content
// grows.

// Change is one write, as another instance needs it to update its catalog.
type Change struct {
	At      time.Time
	Kind    string // "post", "member", "block", "webhook"
	ID      string
	Version int
	Deleted bool
	Post    *guildhall.Post
	Member  *guildhall.Member
	Block   guildhall.Block
	Token   *guildhall.Token
	Account *guildhall.Account
	Webhook *guildhall.Webhook
}

type changeDoc struct {
	ID      string    `bson:"_id"`
	At      time.Time `bson:"at"`
	Kind    string    `bson:"kind"`
	Entity  string    `bson:"entity"`
	Version int       `bson:"version"`
	Deleted bool      `bson:"deleted,omitempty"`
	Rev     bson.Raw  `bson:"rev,omitempty"`
}

// recordChange appends to the change log. The write itself has already succeeded, so a
// failure here must not be reported as a failed write; the entry is retried, then logged.
func recordChange[T any](ctx context.Context, s *Store, kind string, rev revision[T]) error {
	raw, err := bson.Marshal(rev)
	if err != nil {
		return fmt.Errorf("change log: %w", err)
	}
	now := s.Now().UTC()
	doc := changeDoc{ID: guildhall.NewID("chg", now), At: now, Kind: kind, Entity: rev.Entity, Version: rev.Version, Deleted: rev.Deleted, Rev: raw}
	for attempt := range 3 {
		if _, err = s.db.Collection(colChanges).InsertOne(ctx, doc); err == nil {
			return nil
		}
		time.Sleep(time.Duration(attempt+1) * 50 * time.Millisecond)
	}
	if s.OnChangeLogError != nil {
		s.OnChangeLogError(fmt.Errorf("change log entry for %s %s v%d: %w", kind, rev.Entity, rev.Version, err))
	}
	return nil
}

// ChangesSince returns the change-log entries at or after since, oldest first.
func (s *Store) ChangesSince(ctx context.Context, since time.Time) ([]Change, error) {
	cur, err := s.db.Collection(colChanges).Find(ctx,
		bson.D{{Key: "at", Value: bson.D{{Key: "$gte", Value: since}}}},
		options.Find().SetSort(bson.D{{Key: "at", Value: 1}, {Key: "_id", Value: 1}}))
	if err != nil {
		return nil, wrap(err, "read change log")
	}
	var docs []changeDoc
	if err := cur.All(ctx, &docs); err != nil {
		return nil, wrap(err, "read change log")
	}
	out := make([]Change, 0, len(docs))
	for _, d := range docs {
		c := Change{At: d.At.UTC(), Kind: d.Kind, ID: d.Entity, Version: d.Version, Deleted: d.Deleted}
		if !d.Deleted {
			if err := decodeChange(&c, d.Rev); err != nil {
				return nil, err
			}
		}
		out = append(out, c)
	}
	return out, nil
}

func decodeChange(c *Change, raw bson.Raw) error {
	var err error
	switch c.Kind {
	case "post":
		var r revision[postDoc]
		if err = bson.Unmarshal(raw, &r); err == nil && r.Doc != nil {
			c.Post = postFromRevision(r)
		}
	case "member":
		var r revision[memberDoc]
		if err = bson.Unmarshal(raw, &r); err == nil && r.Doc != nil {
			c.Member = memberFromRevision(r)
		}
	case "block":
		var r revision[blockDoc]
		if err = bson.Unmarshal(raw, &r); err == nil && r.Doc != nil {
			c.Block = blockFromRevision(r)
		}
	case "token":
		var r revision[tokenDoc]
		if err = bson.Unmarshal(raw, &r); err == nil && r.Doc != nil {
			c.Token = tokenFromRevision(r)
		}
	case "account":
		var r revision[accountDoc]
		if err = bson.Unmarshal(raw, &r); err == nil && r.Doc != nil {
			c.Account = accountFromRevision(r)
		}
	case "webhook":
		var r revision[webhookDoc]
		if err = bson.Unmarshal(raw, &r); err == nil && r.Doc != nil {
			c.Webhook = webhookFromRevision(r)
		}
	}
	if err != nil {
		return fmt.Errorf("decode change %s %s: %w", c.Kind, c.ID, err)
	}
	return nil
}

// PruneChanges deletes change-log entries older than before.
func (s *Store) PruneChanges(ctx context.Context, before time.Time) error {
	_, err := s.db.Collection(colChanges).DeleteMany(ctx, bson.D{{Key: "at", Value: bson.D{{Key: "$lt", Value: before}}}})
	return wrap(err, "prune change log")
}

// ErrHistoryKept is in the chain of a deletion's error when the deletion itself was recorded
// (its tombstone written) and only removing the older revisions failed. The entity is
// deleted: loading skips it and nothing reads its revisions any more.
var ErrHistoryKept = errors.New("deleted, but its old revisions were not removed")

// purgeHistory removes the revisions of a deleted entity older than its tombstone.
func (s *Store) purgeHistory(ctx context.Context, col, entity string, tombstone int) error {
	_, err := s.db.Collection(col).DeleteMany(ctx, bson.D{
		{Key: "entity", Value: entity},
		{Key: "version", Value: bson.D{{Key: "$lt", Value: tombstone}}},
	})
	if err != nil {
		return fmt.Errorf("%w: %w", ErrHistoryKept, wrap(err, "delete history"))
	}
	return nil
}
