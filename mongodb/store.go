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
	"strings"
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
	// Timeout bounds each database call made for a request (GUILDHALL_DB_TIMEOUT, default
	// DefaultTimeout): a database that does not answer fails the call with EUNAVAILABLE
	// instead of holding the request. Queries that list (deliveries, revisions) get five
	// times as long; loading everything gets loadTimeout.
	Timeout time.Duration
	// OnChangeLogError is told when a write succeeded but its commit entry could not be
	// written: other instances then find the write through its intent, a little later.
	OnChangeLogError func(error)
	// ChangeLog is the change log's layout, ChangeLogBuckets or ChangeLogCollection: chosen
	// at Open from the engine, and set by tests to run either on the embedded engine. Every
	// instance on a database must use the same (they read both; see changes.go).
	ChangeLog string
	// Failpoint, when set, is called after each step of a revision write ("post:intent",
	// "post:revision", "post:committed"; see StepIntent); an error stops the write there, as
	// a crash would. Tests only.
	Failpoint func(step string) error

	follow follower
}

// DefaultTimeout is how long one database call made for a request may take.
const DefaultTimeout = 2 * time.Second

// loadTimeout bounds the calls that read or write everything (loading, seeding, migrations,
// pruning): long, since their work grows with the content, but not forever.
const loadTimeout = 10 * time.Minute

func (s *Store) timeout() time.Duration {
	if s.Timeout > 0 {
		return s.Timeout
	}
	return DefaultTimeout
}

// call bounds one database call made for a request (a write, a lookup by _id).
func (s *Store) call(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, s.timeout())
}

// query bounds a query that lists, which the embedded engine answers by a scan.
func (s *Store) query(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, 5*s.timeout())
}

// bulk bounds a call whose work grows with everything stored.
func (s *Store) bulk(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, loadTimeout)
}

// Open connects to the database named db at uri and checks that it answers, waiting for it
// until ctx's deadline (without one, five times DefaultTimeout). The error names the URI,
// without its password.
func Open(ctx context.Context, uri, db string) (*Store, error) {
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, 5*DefaultTimeout)
		defer cancel()
	}
	opts := options.Client().ApplyURI(uri).
		SetAppName("guildhall").
		SetServerSelectionTimeout(30 * time.Second). // calls are bounded by their context
		SetTimeout(30 * time.Second)                 // a backstop; every call has its own deadline
	client, err := mongo.Connect(opts)
	if err != nil {
		return nil, fmt.Errorf("the database address %s is not usable: %v", RedactURI(uri), RedactError(err, uri))
	}
	s := &Store{client: client, db: client.Database(db), Now: time.Now}
	began := time.Now()
	if err := client.Ping(ctx, readpref.Primary()); err != nil {
		_ = client.Disconnect(context.Background())
		return nil, fmt.Errorf("cannot reach the database at %s (waited %s): %s; check that it is running and that MONGODB_URI is right",
			RedactURI(uri), time.Since(began).Round(100*time.Millisecond), unreachableCause(err, uri))
	}
	if s.ChangeLog, err = detectLayout(ctx, client); err != nil {
		_ = client.Disconnect(context.Background())
		return nil, fmt.Errorf("ask the database at %s what it is (buildInfo): %v", RedactURI(uri), RedactError(err, uri))
	}
	// Entries in buckets may be left by an instance of an earlier version (an upgrade); a
	// store that writes the single collection reads them while any exist.
	buckets, err := s.changeBuckets(ctx)
	if err != nil {
		_ = client.Disconnect(context.Background())
		return nil, err
	}
	s.follow.buckets = len(buckets) > 0
	return s, nil
}

// unreachableCause is the part of a failed ping worth showing: the driver's server selection
// error lists the whole topology, of which the last error of a server says the most.
func unreachableCause(err error, uri string) string {
	msg := RedactError(err, uri)
	if i := strings.LastIndex(msg, "Last error: "); i >= 0 {
		msg = strings.TrimRight(msg[i+len("Last error: "):], " }],")
	}
	return msg
}

// RedactURI is a connection string fit for a log or an error: its password replaced by ***.
func RedactURI(uri string) string {
	scheme := strings.Index(uri, "://")
	if scheme < 0 {
		return uri
	}
	rest := uri[scheme+3:]
	end := len(rest)
	if slash := strings.IndexAny(rest, "/?"); slash >= 0 {
		end = slash
	}
	at := strings.LastIndex(rest[:end], "@")
	if at < 0 {
		return uri
	}
	user, _, hasPassword := strings.Cut(rest[:at], ":")
	if !hasPassword {
		return uri
	}
	return uri[:scheme+3] + user + ":***" + rest[at:]
}

// RedactError is err's message with any password from uri replaced by ***.
func RedactError(err error, uri string) string {
	msg := err.Error()
	if scheme := strings.Index(uri, "://"); scheme >= 0 {
		rest := uri[scheme+3:]
		if at := strings.LastIndex(rest, "@"); at >= 0 {
			if _, password, ok := strings.Cut(rest[:at], ":"); ok && password != "" {
				msg = strings.ReplaceAll(msg, password, "***")
			}
		}
	}
	return msg
}

// Close disconnects.
func (s *Store) Close(ctx context.Context) error { return s.client.Disconnect(ctx) }

// Ping checks that the database answers; /readyz uses it.
func (s *Store) Ping(ctx context.Context) error {
	ctx, cancel := s.call(ctx)
	defer cancel()
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

// loadLatest reads every revision in col and returns the newest of each entity that is not
// deleted.
func loadLatest[T any](ctx context.Context, s *Store, col string) ([]revision[T], error) {
	return loadLatestEach[T](ctx, s, col, nil, nil)
}

// loadLatestEach is loadLatest, and each, if not nil, also sees every revision read (of
// deleted entities too), so callers can keep history without a second scan; tombstones, if
// not nil, gets the version of each deleted entity's tombstone.
func loadLatestEach[T any](ctx context.Context, s *Store, col string, each func(revision[T]), tombstones map[string]int) ([]revision[T], error) {
	ctx, cancel := s.bulk(ctx)
	defer cancel()
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
		switch {
		case !r.Deleted && r.Doc != nil:
			live = append(live, r)
		case r.Deleted && tombstones != nil:
			tombstones[r.Entity] = r.Version
		}
	}
	return live, nil
}

// listRevisions reads all revisions of one entity, newest first.
func listRevisions[T any](ctx context.Context, s *Store, col, entity string) ([]revision[T], error) {
	ctx, cancel := s.query(ctx)
	defer cancel()
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
	ctx, cancel := s.bulk(ctx)
	defer cancel()
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
	ctx, cancel := s.bulk(ctx)
	defer cancel()
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
