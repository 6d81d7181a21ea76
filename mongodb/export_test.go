package mongodb

import (
	"context"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
)

// Name is the database's name, for tests that open a second store on it.
func (s *Store) Name() string { return s.db.Name() }

// CollectionCount counts the database's collections.
func (s *Store) CollectionCount(ctx context.Context) (int, error) {
	names, err := s.db.ListCollectionNames(ctx, bson.D{})
	return len(names), err
}

// SeedOriginals writes originals into GridFS in bulk, in GridFS's own format (one chunk
// each), for benchmarks that need thousands: Put checks for a copy first, one query each.
func (g *GridFSOriginals) SeedOriginals(ctx context.Context, blobs map[string][]byte) error {
	var files, chunks []any
	for sum, data := range blobs {
		id := sum + ":seed"
		files = append(files, bson.D{{Key: "_id", Value: id}, {Key: "length", Value: int64(len(data))},
			{Key: "chunkSize", Value: int32(255 << 10)}, {Key: "uploadDate", Value: time.Now()}, {Key: "filename", Value: sum}})
		chunks = append(chunks, bson.D{{Key: "_id", Value: bson.NewObjectID()}, {Key: "files_id", Value: id},
			{Key: "n", Value: int32(0)}, {Key: "data", Value: bson.Binary{Data: data}}})
	}
	for i := 0; i < len(files); i += 1000 {
		end := min(i+1000, len(files))
		if _, err := g.bucket().GetChunksCollection().InsertMany(ctx, chunks[i:end]); err != nil {
			return err
		}
		if _, err := g.bucket().GetFilesCollection().InsertMany(ctx, files[i:end]); err != nil {
			return err
		}
	}
	return nil
}
