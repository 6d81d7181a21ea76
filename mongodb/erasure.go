package mongodb

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/guildhall/guildhall"
)

// Erasing a person is the one deliberate exception to the insert-only rule: their data must
// leave every stored revision and change-log entry, not only the current state. Each step
// below is idempotent, and the erasure is recorded first, so that a retry after a crash
// part-way finishes it.

const colErasures = "erasures"

type erasureDoc struct {
	MemberID   string     `bson:"_id"`
	Posts      string     `bson:"posts"`
	At         time.Time  `bson:"requestedAt"`
	By         string     `bson:"by"`
	FinishedAt *time.Time `bson:"finishedAt,omitempty"`
}

// BeginErasure records the erasure of a member, or returns the one recorded by an earlier
// attempt (to be finished).
func (s *Store) BeginErasure(ctx context.Context, e guildhall.Erasure) (guildhall.Erasure, error) {
	_, err := s.db.Collection(colErasures).InsertOne(ctx, erasureDoc{MemberID: e.MemberID, Posts: string(e.Posts), At: e.At, By: e.By})
	if err == nil || !mongo.IsDuplicateKeyError(err) {
		return e, wrap(err, "record the erasure")
	}
	found, err := s.FindErasure(ctx, e.MemberID)
	if err != nil || found == nil {
		return guildhall.Erasure{}, errors.Join(err, errors.New("the erasure record vanished"))
	}
	return *found, nil
}

// FindErasure returns the erasure record of a member, or nil.
func (s *Store) FindErasure(ctx context.Context, memberID string) (*guildhall.Erasure, error) {
	var d erasureDoc
	err := s.db.Collection(colErasures).FindOne(ctx, bson.D{{Key: "_id", Value: memberID}}).Decode(&d)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return nil, nil
	}
	if err != nil {
		return nil, wrap(err, "read the erasure")
	}
	return &guildhall.Erasure{MemberID: d.MemberID, Posts: guildhall.ErasePosts(d.Posts), At: d.At.UTC(), By: d.By, FinishedAt: utcPtr(d.FinishedAt)}, nil
}

// FinishErasure marks the erasure done (a small collection: updated in place).
func (s *Store) FinishErasure(ctx context.Context, memberID string, at time.Time) error {
	_, err := s.db.Collection(colErasures).UpdateOne(ctx, bson.D{{Key: "_id", Value: memberID}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "finishedAt", Value: at}}}})
	return wrap(err, "finish the erasure")
}

// newestVersion is the highest stored version of an entity, and whether it is a tombstone;
// 0 when nothing is stored.
func (s *Store) newestVersion(ctx context.Context, col, entity string) (int, bool, error) {
	var r revision[bson.Raw]
	err := s.db.Collection(col).FindOne(ctx, bson.D{{Key: "entity", Value: entity}},
		options.FindOne().SetSort(bson.D{{Key: "version", Value: -1}})).Decode(&r)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, wrap(err, "read "+col)
	}
	return r.Version, r.Deleted, nil
}

// TombstoneMember deletes a member: a tombstone revision (carried by the change log, so
// other instances drop the member), then every older revision. It returns the tombstone's
// version; a member already tombstoned only has its older revisions removed again.
func (s *Store) TombstoneMember(ctx context.Context, id, by string) (int, error) {
	v, deleted, err := s.newestVersion(ctx, colMemberRevisions, id)
	if err != nil {
		return 0, err
	}
	if !deleted {
		v++
		err := insertRevision(ctx, s, colMemberRevisions, "member", revision[memberDoc]{
			Entity: id, Version: v, Deleted: true, SavedAt: s.Now().UTC(), SavedBy: by,
		})
		if err != nil {
			return 0, err
		}
	}
	return v, s.purgeHistory(ctx, colMemberRevisions, id, v)
}

// EraseAccount replaces an account's revisions by one without its email, password or
// member (disabled), and returns that revision's version.
func (s *Store) EraseAccount(ctx context.Context, a *guildhall.Account, by string) (int, error) {
	var newest revision[accountDoc]
	err := s.db.Collection(colAccountRevisions).FindOne(ctx, bson.D{{Key: "entity", Value: a.ID}},
		options.FindOne().SetSort(bson.D{{Key: "version", Value: -1}})).Decode(&newest)
	if err != nil && !errors.Is(err, mongo.ErrNoDocuments) {
		return 0, wrap(err, "read the account")
	}
	v := newest.Version
	if newest.Doc == nil || newest.Doc.Email != "" || newest.Doc.PasswordHash != "" {
		now := s.Now().UTC()
		v++
		if err := insertRevision(ctx, s, colAccountRevisions, "account", revision[accountDoc]{
			Entity: a.ID, Version: v, SavedAt: now, SavedBy: by,
			Doc: &accountDoc{Role: string(a.Role), CreatedAt: a.CreatedAt, DisabledAt: &now},
		}); err != nil {
			return 0, err
		}
	}
	return v, s.purgeHistory(ctx, colAccountRevisions, a.ID, v)
}

// ForgetTokenHistory removes a token's revisions older than version (the revoked one that
// stays).
func (s *Store) ForgetTokenHistory(ctx context.Context, id string, version int) error {
	return s.purgeHistory(ctx, colTokenRevisions, id, version)
}

// ReassignAuthor makes every stored post revision by author from the author to, so that no
// old revision names an erased member.
func (s *Store) ReassignAuthor(ctx context.Context, from, to string) error {
	_, err := s.db.Collection(colPostRevisions).UpdateMany(ctx, bson.D{{Key: "doc.author", Value: from}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "doc.author", Value: to}}}})
	return wrap(err, "reassign post history")
}

// DeleteAuthoredHistory removes every stored post revision by author: what is left of the
// erased member's deleted posts.
func (s *Store) DeleteAuthoredHistory(ctx context.Context, author string) error {
	_, err := s.db.Collection(colPostRevisions).DeleteMany(ctx, bson.D{{Key: "doc.author", Value: author}})
	return wrap(err, "delete post history")
}

// MemberRevisions lists every stored state of a member, newest first.
func (s *Store) MemberRevisions(ctx context.Context, id string) ([]*guildhall.Member, error) {
	revs, err := listRevisions[memberDoc](ctx, s, colMemberRevisions, id)
	if err != nil {
		return nil, err
	}
	out := make([]*guildhall.Member, 0, len(revs))
	for _, r := range revs {
		if r.Doc != nil {
			out = append(out, memberFromRevision(r))
		}
	}
	return out, nil
}

// ForgetActor replaces who saved a revision (savedBy) and who made a token (createdBy) where
// that was the erased member.
func (s *Store) ForgetActor(ctx context.Context, actor, replacement string) error {
	for _, col := range []string{colPostRevisions, colMemberRevisions, colBlockRevisions, colTokenRevisions, colAccountRevisions, colWebhookRevisions} {
		if _, err := s.db.Collection(col).UpdateMany(ctx, bson.D{{Key: "savedBy", Value: actor}},
			bson.D{{Key: "$set", Value: bson.D{{Key: "savedBy", Value: replacement}}}}); err != nil {
			return wrap(err, "forget the actor in "+col)
		}
	}
	_, err := s.db.Collection(colTokenRevisions).UpdateMany(ctx, bson.D{{Key: "doc.createdBy", Value: actor}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "doc.createdBy", Value: replacement}}}})
	return wrap(err, "forget the actor in tokens")
}

// ReleaseClaims deletes the claims the owners hold (a member's slugs and email, an account's
// email, which the claims' _ids spell out), so that they are free again.
func (s *Store) ReleaseClaims(ctx context.Context, owners ...string) error {
	_, err := s.db.Collection(colClaims).DeleteMany(ctx, bson.D{{Key: "owner", Value: bson.D{{Key: "$in", Value: owners}}}})
	return wrap(err, "release claims")
}

// ForgetMembership deletes a member's membership events and idempotency records (which
// hold payment references and fingerprints of their details).
func (s *Store) ForgetMembership(ctx context.Context, memberID string) error {
	if _, err := s.db.Collection(colMembershipEvents).DeleteMany(ctx, bson.D{{Key: "member", Value: memberID}}); err != nil {
		return wrap(err, "forget membership events")
	}
	_, err := s.db.Collection(colIdempotency).DeleteMany(ctx, bson.D{{Key: "member", Value: memberID}})
	return wrap(err, "forget idempotency records")
}

// ForgetDeliveries deletes webhook deliveries, queued attempts and their results whose
// payload holds any of the texts (the member's ID, name or email).
func (s *Store) ForgetDeliveries(ctx context.Context, texts ...string) error {
	var or bson.A
	for _, t := range texts {
		if t != "" {
			or = append(or, bson.D{{Key: "payload", Value: bson.D{{Key: "$regex", Value: regexp.QuoteMeta(t)}}}})
		}
	}
	if len(or) == 0 {
		return nil
	}
	filter := bson.D{{Key: "$or", Value: or}}
	var ids []string
	for _, col := range []string{colWebhookDeliveries, colWebhookQueue} {
		cur, err := s.db.Collection(col).Find(ctx, filter, options.Find().SetProjection(bson.D{{Key: "_id", Value: 1}, {Key: "delivery", Value: 1}}))
		if err != nil {
			return wrap(err, "find deliveries")
		}
		var docs []struct {
			ID       string `bson:"_id"`
			Delivery string `bson:"delivery"`
		}
		if err := cur.All(ctx, &docs); err != nil {
			return wrap(err, "find deliveries")
		}
		for _, d := range docs {
			ids = append(ids, d.ID, d.Delivery)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	for col, field := range map[string]string{colWebhookDeliveries: "_id", colWebhookQueue: "delivery", colWebhookAttempts: "delivery"} {
		if _, err := s.db.Collection(col).DeleteMany(ctx, bson.D{{Key: field, Value: bson.D{{Key: "$in", Value: ids}}}}); err != nil {
			return wrap(err, "forget deliveries")
		}
	}
	return nil
}

// ScrubChangeLog deletes the change-log entries of each entity older than the version
// given for it: the entries that still carry the erased data. The newest entries (a
// tombstone, an anonymised revision) stay, for other instances to apply.
func (s *Store) ScrubChangeLog(ctx context.Context, keep map[string]int) error {
	if len(keep) == 0 {
		return nil
	}
	var or bson.A
	for entity, v := range keep {
		or = append(or, bson.D{{Key: "entity", Value: entity}, {Key: "version", Value: bson.D{{Key: "$lt", Value: v}}}})
	}
	buckets, err := s.changeBuckets(ctx)
	if err != nil {
		return err
	}
	cols := []string{colChanges}
	for _, b := range buckets {
		cols = append(cols, fmt.Sprintf("%s_%d", colChanges, b))
	}
	for _, col := range cols {
		if _, err := s.db.Collection(col).DeleteMany(ctx, bson.D{{Key: "$or", Value: or}}); err != nil {
			return wrap(err, "scrub the change log")
		}
	}
	return nil
}
