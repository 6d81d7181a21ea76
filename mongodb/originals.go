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
	"time"

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
//
// Every call has a deadline that grows with the original's size (transferTimeout), so a
// database that stalls fails an upload or a read as UNAVAILABLE instead of holding the
// request, its memory and a connection for as long as the client waits.
type GridFSOriginals struct {
	db    *mongo.Database
	store *Store // its Timeout, read at each call
}

// Originals returns the store's GridFS originals.
func (s *Store) Originals() *GridFSOriginals { return &GridFSOriginals{db: s.db, store: s} }

// minTransferRate is the slowest an original may move to or from the database: a call's
// deadline is the store's list timeout (five call timeouts: 10 s by default; the embedded
// engine scans to find a file) plus the original's size at this rate, so 20 MB get 30 s.
const minTransferRate = 1 << 20 // bytes a second

func (g *GridFSOriginals) transferTimeout(size int64) time.Duration {
	return 5*g.store.timeout() + time.Duration(size)*time.Second/minTransferRate
}

// bounded is ctx with the deadline of a transfer of size bytes.
func (g *GridFSOriginals) bounded(ctx context.Context, size int64) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, g.transferTimeout(size))
}

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
	files, err := g.files(ctx, sum)
	if err != nil {
		return err
	}
	if len(files) > 0 {
		return nil
	}
	var suffix [8]byte
	_, _ = rand.Read(suffix[:])
	id := sum + ":" + hex.EncodeToString(suffix[:])
	ctx, cancel := g.bounded(ctx, int64(len(data)))
	defer cancel()
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
	files, err := g.files(ctx, sum)
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, guildhall.NotFound("Original")
	}
	newest := files[len(files)-1]
	// The stream reads its chunks with this context: the deadline covers the whole read,
	// and Close releases it.
	ctx, cancel := g.bounded(ctx, newest.Length)
	ds, err := g.bucket().OpenDownloadStream(ctx, newest.ID)
	if err != nil {
		cancel()
		if errors.Is(err, mongo.ErrFileNotFound) { // deleted since it was found
			return nil, guildhall.NotFound("Original")
		}
		return nil, wrap(err, "read original")
	}
	return &download{ds: ds, cancel: cancel}, nil
}

// download is an open original: reading past its deadline is UNAVAILABLE, and Close ends
// the deadline's timer.
type download struct {
	ds     *mongo.GridFSDownloadStream
	cancel context.CancelFunc
}

func (d *download) Read(p []byte) (int, error) {
	n, err := d.ds.Read(p)
	if err != nil && err != io.EOF {
		err = wrap(err, "read original")
	}
	return n, err
}

func (d *download) Close() error {
	defer d.cancel()
	return d.ds.Close()
}

// Delete removes every copy of the original.
func (g *GridFSOriginals) Delete(ctx context.Context, sum string) error {
	files, err := g.files(ctx, sum)
	if err != nil {
		return err
	}
	for _, f := range files {
		ctx, cancel := g.bounded(ctx, f.Length) // its chunks go too
		err := g.bucket().Delete(ctx, f.ID)
		cancel()
		if err != nil && !errors.Is(err, mongo.ErrFileNotFound) {
			return wrap(err, "delete original")
		}
	}
	return nil
}

// storedFile is a stored copy of an original: its files document.
type storedFile struct {
	ID     string `bson:"_id"`
	Length int64  `bson:"length"`
}

// files lists the stored copies of an original, oldest first.
func (g *GridFSOriginals) files(ctx context.Context, sum string) ([]storedFile, error) {
	ctx, cancel := g.bounded(ctx, 0)
	defer cancel()
	cur, err := g.bucket().Find(ctx, bson.D{{Key: "filename", Value: sum}},
		options.GridFSFind().SetSort(bson.D{{Key: "uploadDate", Value: 1}, {Key: "_id", Value: 1}}))
	if err != nil {
		return nil, wrap(err, "find original")
	}
	var docs []storedFile
	if err := cur.All(ctx, &docs); err != nil {
		return nil, wrap(err, "find original")
	}
	return docs, nil
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
