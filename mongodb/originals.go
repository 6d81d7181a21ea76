package mongodb

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/guildhall/guildhall"
)

// bucketOriginals is the GridFS bucket of asset originals (collections originals.files and
// originals.chunks).
const bucketOriginals = "originals"

// GridFSOriginals keeps asset originals in GridFS, so that every instance on the database
// reaches every original. It implements media.Originals.
//
// A file's name is the SHA-256 of its bytes; its _id is that sum and a random suffix. GridFS
// writes the chunks first and the file document last, so an upload cut short leaves chunks
// no file document names, and Open cannot find half an original. Two instances storing the
// same original at once both succeed, with two copies that Open and Delete treat as one
// (equal _ids would have interleaved their chunks).
type GridFSOriginals struct {
	db *mongo.Database
}

// Originals returns the store's GridFS originals.
func (s *Store) Originals() *GridFSOriginals { return &GridFSOriginals{db: s.db} }

// bucket is a GridFS bucket for one operation: the driver's bucket remembers whether it has
// written before (to make its indexes first) without a lock, so sharing one between
// concurrent uploads is a data race (go test -race found it).
func (g *GridFSOriginals) bucket() *mongo.GridFSBucket {
	return g.db.GridFSBucket(options.GridFSBucket().SetName(bucketOriginals))
}

// Put uploads data unless an original with that sum is stored already.
func (g *GridFSOriginals) Put(ctx context.Context, sum string, data []byte) error {
	if err := checkSum(sum, data); err != nil {
		return err
	}
	ids, err := g.ids(ctx, sum)
	if err != nil {
		return err
	}
	if len(ids) > 0 {
		return nil
	}
	var suffix [8]byte
	_, _ = rand.Read(suffix[:])
	id := sum + ":" + hex.EncodeToString(suffix[:])
	if err := g.bucket().UploadFromStreamWithID(ctx, id, sum, bytes.NewReader(data)); err != nil {
		return wrap(err, "store original")
	}
	return nil
}

// Open streams the newest copy of the original.
func (g *GridFSOriginals) Open(ctx context.Context, sum string) (io.ReadCloser, error) {
	if len(sum) != 64 {
		return nil, guildhall.NotFound("Original")
	}
	ds, err := g.bucket().OpenDownloadStreamByName(ctx, sum)
	if errors.Is(err, mongo.ErrFileNotFound) {
		return nil, guildhall.NotFound("Original")
	}
	if err != nil {
		return nil, wrap(err, "read original")
	}
	return ds, nil
}

// Delete removes every copy of the original.
func (g *GridFSOriginals) Delete(ctx context.Context, sum string) error {
	ids, err := g.ids(ctx, sum)
	if err != nil {
		return err
	}
	for _, id := range ids {
		if err := g.bucket().Delete(ctx, id); err != nil && !errors.Is(err, mongo.ErrFileNotFound) {
			return wrap(err, "delete original")
		}
	}
	return nil
}

// ids lists the _ids of the stored copies of an original.
func (g *GridFSOriginals) ids(ctx context.Context, sum string) ([]string, error) {
	cur, err := g.bucket().Find(ctx, bson.D{{Key: "filename", Value: sum}})
	if err != nil {
		return nil, wrap(err, "find original")
	}
	var docs []struct {
		ID string `bson:"_id"`
	}
	if err := cur.All(ctx, &docs); err != nil {
		return nil, wrap(err, "find original")
	}
	ids := make([]string, 0, len(docs))
	for _, d := range docs {
		ids = append(ids, d.ID)
	}
	return ids, nil
}

// checkSum refuses a sum that is not the SHA-256 of data (media.CheckSum; this package does
// not import media).
func checkSum(sum string, data []byte) error {
	got := sha256.Sum256(data)
	if hex.EncodeToString(got[:]) != sum {
		return fmt.Errorf("mongodb: %q is not the SHA-256 of the data", sum)
	}
	return nil
}
