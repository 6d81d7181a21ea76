package mongodb

import (
	"context"
	"errors"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/guildhall/guildhall"
)

// Kinds of unique value that are claimed by inserting a document with that _id: the
// database, not a check-then-write, decides who gets the value, also across instances.
const (
	ClaimPostSlug   = "post-slug"
	ClaimMemberSlug = "member-slug"
	// ClaimRedirectPath makes a former site's path one post's (Post.OldPaths).
	ClaimRedirectPath = "redirect-path"
)

type claim struct {
	ID    string    `bson:"_id"`
	Owner string    `bson:"owner"`
	At    time.Time `bson:"at"`
}

func claimID(kind guildhall.ClaimKind, value string) string { return string(kind) + ":" + value }

// Claim makes owner the holder of value. Claiming a value one already holds succeeds; a value
// held by another owner is ECONFLICT. Slugs are never released, so a post's old slugs stay
// its own.
func (s *Store) Claim(ctx context.Context, kind guildhall.ClaimKind, value, owner string) error {
	ctx, cancel := s.call(ctx)
	defer cancel()
	_, err := s.db.Collection(colClaims).InsertOne(ctx, claim{ID: claimID(kind, value), Owner: owner, At: s.Now().UTC()})
	if err == nil {
		return nil
	}
	if !mongo.IsDuplicateKeyError(err) {
		return wrap(err, "claim "+string(kind))
	}
	holder, err := s.ClaimHolder(ctx, kind, value)
	if err != nil {
		return err
	}
	if holder == owner {
		return nil
	}
	return guildhall.Errorf(guildhall.ECONFLICT, "%q is already taken.", value)
}

// Release deletes owner's claim of value if it was made before the time given; a claim of
// another owner, or a younger one, is left alone.
func (s *Store) Release(ctx context.Context, kind guildhall.ClaimKind, value, owner string, before time.Time) error {
	ctx, cancel := s.call(ctx)
	defer cancel()
	_, err := s.db.Collection(colClaims).DeleteOne(ctx, bson.D{
		{Key: "_id", Value: claimID(kind, value)}, {Key: "owner", Value: owner}, {Key: "at", Value: bson.D{{Key: "$lt", Value: before}}},
	})
	return wrap(err, "release "+string(kind))
}

// HasRevisions reports whether any revision of the entity is stored, a deletion's too. It reads
// the _id index: every revision's _id is "<entity>:<version>", and IDs hold no ':'.
func (s *Store) HasRevisions(ctx context.Context, kind guildhall.EntityKind, id string) (bool, error) {
	col, ok := revisionCollections[kind]
	if !ok {
		return false, fmt.Errorf("no revisions of kind %q", kind)
	}
	ctx, cancel := s.call(ctx)
	defer cancel()
	err := s.db.Collection(col).FindOne(ctx, bson.D{{Key: "_id", Value: bson.D{{Key: "$gte", Value: id + ":"}, {Key: "$lt", Value: id + ";"}}}},
		options.FindOne().SetProjection(bson.D{{Key: "_id", Value: 1}})).Err()
	if errors.Is(err, mongo.ErrNoDocuments) {
		return false, nil
	}
	return err == nil, wrap(err, "read "+string(kind)+" revisions")
}

// ClaimHolder returns who holds value, or "" if nobody does.
func (s *Store) ClaimHolder(ctx context.Context, kind guildhall.ClaimKind, value string) (string, error) {
	ctx, cancel := s.call(ctx)
	defer cancel()
	var c claim
	err := s.db.Collection(colClaims).FindOne(ctx, bson.D{{Key: "_id", Value: claimID(kind, value)}}).Decode(&c)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return "", nil
	}
	if err != nil {
		return "", wrap(err, "read claim")
	}
	return c.Owner, nil
}
