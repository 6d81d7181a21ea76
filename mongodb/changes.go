package mongodb

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/guildhall/guildhall"
)

// The change log lets every instance follow writes made by the others. Each write appends a
// small document carrying the new revision; followers poll for recent entries. It lives in its
// own collections, pruned to a recent window, because a query on the embedded engine scans the
// whole collection: polling the revision collections themselves would cost more as content
// grows. For the same reason it is split by time into buckets of changeBucket
// ("changes_<n>"): a poll reads the last few seconds' buckets, so its cost follows the recent
// rate of writes, not every write of the retention window (with one collection, an hour of
// writes at one a second made each poll parse 3,600 documents, every second).

// changeBucket is the span of time one change-log collection holds. A follower reads the
// last few seconds again on every poll, so buckets much longer than that would make it parse
// entries it does not need.
const changeBucket = 2 * time.Second

// changeCollection names the bucket that holds changes made at t.
func changeCollection(t time.Time) string {
	return fmt.Sprintf("%s_%d", colChanges, bucketOf(t))
}

func bucketOf(t time.Time) int64 { return t.UnixNano() / int64(changeBucket) }

type changeDoc struct {
	ID      string    `bson:"_id"`
	At      time.Time `bson:"at"`
	Kind    string    `bson:"kind"`
	Entity  string    `bson:"entity"`
	Version int       `bson:"version"`
	Deleted bool      `bson:"deleted,omitempty"`
	// Rev is the revision document, stored as binary BSON: every poll makes the embedded
	// engine parse every entry of the buckets it reads, and one opaque value parses several
	// times faster than a nested document. Entries written before are nested documents;
	// both read.
	Rev bson.RawValue `bson:"rev,omitempty"`
}

// revBytes is the revision document of an entry, however it was stored.
func (d changeDoc) revBytes() bson.Raw {
	if d.Rev.Type == bson.TypeBinary {
		_, data := d.Rev.Binary()
		return data
	}
	return d.Rev.Value
}

// recordChange appends to the change log. The write itself has already succeeded, so a
// failure here must not be reported as a failed write; the entry is retried, then logged.
func recordChange[T any](ctx context.Context, s *Store, kind guildhall.EntityKind, rev revision[T]) error {
	raw, err := bson.Marshal(rev)
	if err != nil {
		return fmt.Errorf("change log: %w", err)
	}
	now := s.Now().UTC()
	typ, packed, err := bson.MarshalValue(bson.Binary{Data: raw})
	if err != nil {
		return fmt.Errorf("change log: %w", err)
	}
	doc := changeDoc{ID: guildhall.NewID("chg", now), At: now, Kind: string(kind), Entity: rev.Entity, Version: rev.Version, Deleted: rev.Deleted,
		Rev: bson.RawValue{Type: typ, Value: packed}}
	for attempt := range 3 {
		if _, err = s.db.Collection(changeCollection(now)).InsertOne(ctx, doc); err == nil {
			return nil
		}
		time.Sleep(time.Duration(attempt+1) * 50 * time.Millisecond)
	}
	if s.OnChangeLogError != nil {
		s.OnChangeLogError(fmt.Errorf("change log entry for %s %s v%d: %w", kind, rev.Entity, rev.Version, err))
	}
	return nil
}

// ChangesSince returns the change-log entries at or after since, oldest first. An entry for
// which known returns true comes back without its entity, not decoded: a follower has most
// of what a poll reads already (its own writes, and what the last poll's window read).
// known may be nil.
func (s *Store) ChangesSince(ctx context.Context, since time.Time, known func(kind guildhall.EntityKind, id string, version int) bool) ([]guildhall.Change, error) {
	// The buckets from since on, and the single collection of earlier versions, which their
	// instances may still write during an upgrade and which pruning empties.
	buckets, err := s.changeBuckets(ctx)
	if err != nil {
		return nil, err
	}
	cols := []string{colChanges}
	for _, b := range buckets {
		if b >= bucketOf(since) {
			cols = append(cols, fmt.Sprintf("%s_%d", colChanges, b))
		}
	}
	var docs []changeDoc
	for _, col := range cols {
		cur, err := s.db.Collection(col).Find(ctx,
			bson.D{{Key: "at", Value: bson.D{{Key: "$gte", Value: since}}}},
			options.Find().SetSort(bson.D{{Key: "at", Value: 1}, {Key: "_id", Value: 1}}))
		if err != nil {
			return nil, wrap(err, "read change log")
		}
		var part []changeDoc
		if err := cur.All(ctx, &part); err != nil {
			return nil, wrap(err, "read change log")
		}
		docs = append(docs, part...)
	}
	slices.SortStableFunc(docs, func(a, b changeDoc) int { return cmp.Or(a.At.Compare(b.At), cmp.Compare(a.ID, b.ID)) })
	out := make([]guildhall.Change, 0, len(docs))
	for _, d := range docs {
		c := guildhall.Change{At: d.At.UTC(), Kind: guildhall.EntityKind(d.Kind), ID: d.Entity, Version: d.Version, Deleted: d.Deleted}
		if !d.Deleted && (known == nil || !known(c.Kind, d.Entity, d.Version)) {
			if err := decodeChange(&c, d.revBytes()); err != nil {
				return nil, err
			}
		}
		out = append(out, c)
	}
	return out, nil
}

func decodeChange(c *guildhall.Change, raw bson.Raw) error {
	var err error
	switch c.Kind {
	case guildhall.EntityPost:
		var r revision[postDoc]
		if err = bson.Unmarshal(raw, &r); err == nil && r.Doc != nil {
			c.Post = postFromRevision(r)
		}
	case guildhall.EntityMember:
		var r revision[memberDoc]
		if err = bson.Unmarshal(raw, &r); err == nil && r.Doc != nil {
			c.Member = memberFromRevision(r)
		}
	case guildhall.EntityBlock:
		var r revision[blockDoc]
		if err = bson.Unmarshal(raw, &r); err == nil && r.Doc != nil {
			c.Block, err = blockFromRevision(r)
		}
	case guildhall.EntityToken:
		var r revision[tokenDoc]
		if err = bson.Unmarshal(raw, &r); err == nil && r.Doc != nil {
			c.Token = tokenFromRevision(r)
		}
	case guildhall.EntityAccount:
		var r revision[accountDoc]
		if err = bson.Unmarshal(raw, &r); err == nil && r.Doc != nil {
			c.Account = accountFromRevision(r)
		}
	case guildhall.EntityWebhook:
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

// changeBuckets lists the buckets of the change log that exist, in order.
func (s *Store) changeBuckets(ctx context.Context) ([]int64, error) {
	names, err := s.db.ListCollectionNames(ctx, bson.D{{Key: "name", Value: bson.D{{Key: "$regex", Value: "^" + colChanges + "_-?[0-9]+$"}}}})
	if err != nil {
		return nil, wrap(err, "list change log")
	}
	var out []int64
	for _, name := range names {
		if b, err := strconv.ParseInt(strings.TrimPrefix(name, colChanges+"_"), 10, 64); err == nil {
			out = append(out, b)
		}
	}
	slices.Sort(out)
	return out, nil
}

// PruneChanges deletes change-log entries older than before: whole buckets, by dropping them.
func (s *Store) PruneChanges(ctx context.Context, before time.Time) error {
	buckets, err := s.changeBuckets(ctx)
	if err != nil {
		return err
	}
	for _, b := range buckets {
		// A bucket goes once all of it is older than before.
		if b < bucketOf(before) {
			if err := s.db.Collection(fmt.Sprintf("%s_%d", colChanges, b)).Drop(ctx); err != nil {
				return wrap(err, "prune change log")
			}
		}
	}
	_, err = s.db.Collection(colChanges).DeleteMany(ctx, bson.D{{Key: "at", Value: bson.D{{Key: "$lt", Value: before}}}})
	return wrap(err, "prune change log")
}

// purgeHistory removes the revisions of a deleted entity older than its tombstone.
func (s *Store) purgeHistory(ctx context.Context, col, entity string, tombstone int) error {
	_, err := s.db.Collection(col).DeleteMany(ctx, bson.D{
		{Key: "entity", Value: entity},
		{Key: "version", Value: bson.D{{Key: "$lt", Value: tombstone}}},
	})
	if err != nil {
		return fmt.Errorf("%w: %w", guildhall.ErrHistoryKept, wrap(err, "delete history"))
	}
	return nil
}
