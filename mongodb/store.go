// Package mongodb persists Guildhall's content in MongoDB (or the embedded FerretDB) through
// the official driver. BSON, ObjectIDs and driver errors stay inside this package.
//
// Every write is an insert. Members, posts and blocks are stored as append-only revision
// documents keyed "<id>:<version>", so the unique _id decides concurrent writes (the loser
// gets ECONFLICT), and a write costs the same however much content is stored: the embedded
// engine scans a whole collection for every update, even by _id, but not for an insert.
// Current state is the newest revision of each entity, read once at start.
package mongodb

import (
	"context"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
	"go.mongodb.org/mongo-driver/v2/mongo/readpref"

	"github.com/guildhall/guildhall"
)

// Collection names.
const (
	colPostRevisions   = "post_revisions"
	colMemberRevisions = "member_revisions"
	colBlockRevisions  = "block_revisions"
	colPlans           = "plans"
	colClaims          = "claims"
	colChanges         = "changes"
	colMigrations      = "migrations"
)

// Store is a connection to one Guildhall database.
type Store struct {
	client *mongo.Client
	db     *mongo.Database
	// Now is the clock for change-log timestamps; tests may replace it.
	Now func() time.Time
	// OnChangeLogError is told when a write succeeded but its change-log entry could not be
	// written, so other instances will not see it until they reload.
	OnChangeLogError func(error)
}

// Open connects to the database named db at uri and checks that it answers.
func Open(ctx context.Context, uri, db string) (*Store, error) {
	opts := options.Client().ApplyURI(uri).
		SetAppName("guildhall").
		SetServerSelectionTimeout(10 * time.Second).
		SetTimeout(30 * time.Second)
	client, err := mongo.Connect(opts)
	if err != nil {
		return nil, fmt.Errorf("connect to database: %w", err)
	}
	s := &Store{client: client, db: client.Database(db), Now: time.Now}
	if err := s.Ping(ctx); err != nil {
		_ = client.Disconnect(context.Background())
		return nil, err
	}
	return s, nil
}

// Close disconnects.
func (s *Store) Close(ctx context.Context) error { return s.client.Disconnect(ctx) }

// Ping checks that the database answers; /readyz uses it.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.client.Ping(ctx, readpref.Primary()); err != nil {
		return &guildhall.Error{Code: guildhall.EUNAVAILABLE, Message: "The database is unavailable."}
	}
	return nil
}

// Drop deletes the whole database. Tests use it to clean up after themselves.
func (s *Store) Drop(ctx context.Context) error { return s.db.Drop(ctx) }

// wrap maps driver errors to domain errors at the package boundary.
func wrap(err error, what string) error {
	switch {
	case err == nil:
		return nil
	case mongo.IsDuplicateKeyError(err):
		return guildhall.Errorf(guildhall.ECONFLICT, "%s was changed by someone else; reload and try again.", what)
	case unavailable(err):
		// The cause stays in the chain for the log; the client sees only the message.
		return fmt.Errorf("%s: %w: %w", what, &guildhall.Error{Code: guildhall.EUNAVAILABLE, Message: "The database is unavailable; try again."}, err)
	default:
		return fmt.Errorf("%s: %w", what, err)
	}
}

// revisionID is the _id of an entity's revision: zero-padded so _ids sort by version.
func revisionID(entity string, version int) string {
	return fmt.Sprintf("%s:%010d", entity, version)
}

// revision is one stored state of an entity; Doc is nil for a deletion.
type revision[T any] struct {
	ID      string    `bson:"_id"`
	Entity  string    `bson:"entity"`
	Version int       `bson:"version"`
	Deleted bool      `bson:"deleted,omitempty"`
	SavedAt time.Time `bson:"savedAt"`
	SavedBy string    `bson:"savedBy,omitempty"`
	Doc     *T        `bson:"doc,omitempty"`
}

// insertRevision claims version rev.Version of the entity and records the change for other
// instances. The revision insert decides: if it loses, nothing else is written.
func insertRevision[T any](ctx context.Context, s *Store, col string, kind guildhall.EntityKind, rev revision[T]) error {
	rev.ID = revisionID(rev.Entity, rev.Version)
	if _, err := s.db.Collection(col).InsertOne(ctx, rev); err != nil {
		return wrap(err, "The "+string(kind))
	}
	return recordChange(ctx, s, kind, rev)
}

// loadLatest reads every revision in col and returns the newest of each entity that is not
// deleted.
func loadLatest[T any](ctx context.Context, s *Store, col string) ([]revision[T], error) {
	return loadLatestEach[T](ctx, s, col, nil)
}

// loadLatestEach is loadLatest, and each, if not nil, also sees every revision read (of
// deleted entities too), so callers can keep history without a second scan.
func loadLatestEach[T any](ctx context.Context, s *Store, col string, each func(revision[T])) ([]revision[T], error) {
	cur, err := s.db.Collection(col).Find(ctx, bson.D{}, options.Find().SetBatchSize(1000))
	if err != nil {
		return nil, wrap(err, "load "+col)
	}
	defer cur.Close(ctx)
	latest := map[string]int{}
	var out []revision[T]
	for cur.Next(ctx) {
		var r revision[T]
		if err := cur.Decode(&r); err != nil {
			return nil, fmt.Errorf("decode %s %v: %w", col, cur.Current.Lookup("_id"), err)
		}
		if each != nil {
			each(r)
		}
		if i, ok := latest[r.Entity]; ok {
			if out[i].Version >= r.Version {
				continue
			}
			out[i] = r
			continue
		}
		latest[r.Entity] = len(out)
		out = append(out, r)
	}
	if err := cur.Err(); err != nil {
		return nil, wrap(err, "load "+col)
	}
	live := out[:0]
	for _, r := range out {
		if !r.Deleted && r.Doc != nil {
			live = append(live, r)
		}
	}
	return live, nil
}

// listRevisions reads all revisions of one entity, newest first.
func listRevisions[T any](ctx context.Context, s *Store, col, entity string) ([]revision[T], error) {
	cur, err := s.db.Collection(col).Find(ctx, bson.D{{Key: "entity", Value: entity}},
		options.Find().SetSort(bson.D{{Key: "version", Value: -1}}))
	if err != nil {
		return nil, wrap(err, "list revisions")
	}
	var out []revision[T]
	if err := cur.All(ctx, &out); err != nil {
		return nil, wrap(err, "list revisions")
	}
	return out, nil
}

// insertMany writes documents in batches; seeding uses it.
func insertMany[T any](ctx context.Context, s *Store, col string, docs []T) error {
	const batch = 1000
	for start := 0; start < len(docs); start += batch {
		end := min(start+batch, len(docs))
		items := make([]any, 0, end-start)
		for _, d := range docs[start:end] {
			items = append(items, d)
		}
		if _, err := s.db.Collection(col).InsertMany(ctx, items); err != nil {
			return wrap(err, "insert into "+col)
		}
	}
	return nil
}

// IsEmpty reports whether the database has no content yet (first start).
func (s *Store) IsEmpty(ctx context.Context) (bool, error) {
	for _, col := range []string{colMemberRevisions, colPostRevisions, colBlockRevisions} {
		n, err := s.db.Collection(col).EstimatedDocumentCount(ctx)
		if err != nil {
			return false, wrap(err, "count "+col)
		}
		if n > 0 {
			return false, nil
		}
	}
	return true, nil
}
