package mongodb

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"

	"github.com/guildhall/guildhall"
)

// PostRevision reads one saved state of a post by its _id. It is how a revision's body is
// read: the catalog keeps only summaries of old revisions. On the embedded engine a lookup by
// _id scans the collection, but far more cheaply than a query on another field (see
// docs/STORE.md), and only an editor opening an old revision pays it.
func (s *Store) PostRevision(ctx context.Context, id string, version int) (*guildhall.Post, error) {
	ctx, cancel := s.call(ctx)
	defer cancel()
	var r revision[postDoc]
	err := s.db.Collection(colPostRevisions).FindOne(ctx, bson.D{{Key: "_id", Value: revisionID(id, version)}}).Decode(&r)
	if errors.Is(err, mongo.ErrNoDocuments) || (err == nil && r.Doc == nil) {
		return nil, guildhall.NotFound("Revision")
	}
	if err != nil {
		return nil, wrap(err, "read revision")
	}
	return postFromRevision(r), nil
}

// colLineage names this database's content for the copies kept outside it (a local
// snapshot of the catalog, cms): one document, made on first use. A backup leaves it out
// (BackupCollections), so that a database restored from one gets a new name, and a snapshot
// taken of the database before is not mistaken for one of the restored content.
const colLineage = "lineage"

// DatabaseID returns the random name of this database's content, creating it on first use;
// instances asking at once all get the one value (as SharedSecret).
func (s *Store) DatabaseID(ctx context.Context) (string, error) {
	id, err := s.sharedValue(ctx, colLineage, "database", 16)
	if err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(id), nil
}

// colSecrets holds values every instance on the database must share, such as the key that
// signs preview links. It is tiny and only ever inserted into and read by _id.
const colSecrets = "secrets"

type secretDoc struct {
	ID        string    `bson:"_id"`
	Value     string    `bson:"value"` // base64, since not every backend stores binary alike
	CreatedAt time.Time `bson:"createdAt"`
}

// SharedSecret returns the random secret of size bytes stored under name, creating it on
// first use. Instances starting together each try to insert their own; the unique _id lets
// exactly one win and the others read the winner's, so all of them end up with one value
// and nobody has to configure it.
func (s *Store) SharedSecret(ctx context.Context, name string, size int) ([]byte, error) {
	return s.sharedValue(ctx, colSecrets, name, size)
}

// sharedValue returns the random value of size bytes stored in col under name, creating it
// on first use.
func (s *Store) sharedValue(ctx context.Context, colName, name string, size int) ([]byte, error) {
	ctx, cancel := s.call(ctx)
	defer cancel()
	fresh := make([]byte, size)
	_, _ = rand.Read(fresh)
	col := s.db.Collection(colName)
	_, err := col.InsertOne(ctx, secretDoc{ID: name, Value: base64.StdEncoding.EncodeToString(fresh), CreatedAt: s.Now().UTC()})
	if err == nil {
		return fresh, nil
	}
	if !mongo.IsDuplicateKeyError(err) {
		return nil, wrap(err, "create secret "+name)
	}
	var d secretDoc
	if err := col.FindOne(ctx, bson.D{{Key: "_id", Value: name}}).Decode(&d); err != nil {
		return nil, wrap(err, "read secret "+name)
	}
	value, err := base64.StdEncoding.DecodeString(d.Value)
	if err != nil || len(value) < size {
		return nil, guildhall.Errorf(guildhall.EINTERNAL, "secret %s in the database is malformed", name)
	}
	return value, nil
}
