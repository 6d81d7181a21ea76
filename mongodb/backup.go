package mongodb

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/guildhall/guildhall"
)

// A backup is every document of every collection but the change log, each as a line of
// canonical Extended JSON (types kept exactly: dates, binaries, 32- and 64-bit numbers), in
// _id order, so that the same data always gives the same bytes. The backup package writes
// them to files.

// BackupCollections lists the collections a backup holds, by name: all but the change log,
// which is only how instances follow each other's recent writes, the lineage, which names
// the content of this database and not of the one a backup is restored into, and the GridFS
// originals, which an export copies as files.
func (s *Store) BackupCollections(ctx context.Context) ([]string, error) {
	names, err := s.db.ListCollectionNames(ctx, bson.D{})
	if err != nil {
		return nil, wrap(err, "list collections")
	}
	out := names[:0]
	for _, n := range names {
		// GridFS's originals are copied as files (backup.Files), so that a backup restores
		// into either store.
		if n == colChanges || n == colLineage || strings.HasPrefix(n, colChanges+"_") || strings.HasPrefix(n, "system.") || strings.HasPrefix(n, bucketOriginals+".") {
			continue
		}
		out = append(out, n)
	}
	slices.Sort(out)
	return out, nil
}

// DumpCollection writes the documents of col, one canonical Extended JSON document a line,
// in the order the database reads them (the backup package puts them in _id order: asking
// the database to sort a large collection makes the embedded engine sort it all in memory
// before the first document comes back), and returns how many it wrote. A document whose write time ("at", the
// records written alongside revisions: claims, events, idempotency keys, attempts) is at or
// after before is left out, so that the dump is as of that moment; revisions, which carry no
// write time of their own, are left out afterwards by WrittenSince.
func (s *Store) DumpCollection(ctx context.Context, col string, before time.Time, w io.Writer) (int, error) {
	cur, err := s.db.Collection(col).Find(ctx, bson.D{}, options.Find().SetBatchSize(500))
	if err != nil {
		return 0, wrap(err, "dump "+col)
	}
	defer cur.Close(ctx)
	n := 0
	for cur.Next(ctx) {
		if at, ok := cur.Current.Lookup("at").TimeOK(); ok && !at.Before(before) {
			continue
		}
		line, err := bson.MarshalExtJSON(cur.Current, true, false)
		if err != nil {
			return n, fmt.Errorf("dump %s %v: %w", col, cur.Current.Lookup("_id"), err)
		}
		if _, err := w.Write(append(line, '\n')); err != nil {
			return n, err
		}
		n++
	}
	return n, wrap(cur.Err(), "dump "+col)
}

// WrittenSince returns, by collection, the _ids of the revisions written at or after t, as
// the change log records them: what a dump made while the server writes must leave out to
// be as of t. It reads the entries themselves, intents too (a revision whose commit never
// came was still written), and leaves the follower's state alone (ChangesSince would settle
// the intents it reads).
func (s *Store) WrittenSince(ctx context.Context, t time.Time) (map[string]map[string]bool, error) {
	ctx, cancel := s.call(ctx)
	defer cancel()
	docs, err := s.readChanges(ctx, t, true)
	if err != nil {
		return nil, err
	}
	out := map[string]map[string]bool{}
	for _, d := range docs {
		kind, intent := d.intentOf()
		if !intent {
			kind = guildhall.EntityKind(d.Kind)
		}
		col, ok := revisionCollections[kind]
		if !ok {
			continue
		}
		if out[col] == nil {
			out[col] = map[string]bool{}
		}
		out[col][revisionID(d.Entity, d.Version)] = true
	}
	return out, nil
}

// Blank reports whether the database holds no document at all (a restore needs one), and
// if not, which collection it found one in.
func (s *Store) Blank(ctx context.Context) (bool, string, error) {
	names, err := s.db.ListCollectionNames(ctx, bson.D{})
	if err != nil {
		return false, "", wrap(err, "list collections")
	}
	for _, n := range names {
		if strings.HasPrefix(n, "system.") {
			continue
		}
		err := s.db.Collection(n).FindOne(ctx, bson.D{}).Err()
		if err == nil {
			return false, n, nil
		}
		if !errors.Is(err, mongo.ErrNoDocuments) {
			return false, "", wrap(err, "read "+n)
		}
	}
	return true, "", nil
}

// RestoreCollection inserts the documents of a dump of col (DumpCollection's lines) and
// returns how many.
func (s *Store) RestoreCollection(ctx context.Context, col string, r io.Reader) (int, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1<<20), 64<<20)
	var batch []any
	size, n := 0, 0
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		if _, err := s.db.Collection(col).InsertMany(ctx, batch, options.InsertMany().SetOrdered(true)); err != nil {
			return wrap(err, "restore "+col)
		}
		n += len(batch)
		batch, size = batch[:0], 0
		return nil
	}
	for line := 1; sc.Scan(); line++ {
		var doc bson.D
		if err := bson.UnmarshalExtJSON(sc.Bytes(), true, &doc); err != nil {
			return n, fmt.Errorf("restore %s, line %d: %w", col, line, err)
		}
		batch = append(batch, doc)
		size += len(sc.Bytes())
		if len(batch) >= 1000 || size >= 8<<20 {
			if err := flush(); err != nil {
				return n, err
			}
		}
	}
	if err := sc.Err(); err != nil {
		return n, fmt.Errorf("restore %s: %w", col, err)
	}
	return n, flush()
}

// RebuildIndexes applies every migration again, each being idempotent: a restore brings back
// the record of the migrations applied, but not the indexes they made.
func (s *Store) RebuildIndexes(ctx context.Context) error {
	for _, m := range migrations {
		if err := m.apply(ctx, s); err != nil {
			return fmt.Errorf("migration %s: %w", m.id, err)
		}
	}
	return nil
}
