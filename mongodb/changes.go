package mongodb

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/guildhall/guildhall"
)

// The change log lets every instance follow writes made by the others. Followers poll it for
// recent entries; polling the revision collections themselves would cost more as content grows
// (the embedded engine scans a whole collection for every query).
//
// A write of a revision is three inserts, so that no crash can leave a revision that other
// instances never hear of:
//
//  1. an intent entry: this revision of this entity is about to be written;
//  2. the revision itself, whose unique _id decides between writers;
//  3. a commit entry carrying the revision, which followers apply.
//
// A follower that reads an intent without its commit (the writer crashed, timed out, or lost
// the race) looks the revision up by _id, at once if the intent is older than intentGrace and
// then less and less often, until it is found or the intent is pruned. A crash between 2 and
// 3, or a retry that finds its revision already stored and writes nothing, therefore still
// reaches every instance within about one sync interval. Intent entries name their kind as
// "intent:<kind>", which versions that knew no intents read and ignore.
//
// Where the entries live depends on the engine (Store.ChangeLog): on the embedded engine a
// collection per 2 seconds, since it scans whole collections and a poll should parse only the
// last few seconds of entries; on MongoDB one collection read through its index on "at", since
// there every collection is files and catalog entries, and creating and dropping one every 2
// seconds is an anti-pattern (a sharded cluster coordinates each one).

// Layouts of the change log (Store.ChangeLog).
const (
	// ChangeLogBuckets keeps entries in a collection per changeBucket ("changes_<n>"),
	// dropped whole when pruned: for the embedded engine.
	ChangeLogBuckets = "buckets"
	// ChangeLogCollection keeps entries in the one collection "changes", read through its
	// index on "at" and pruned by deletion: for MongoDB.
	ChangeLogCollection = "collection"
)

// changeBucket is the span of time one change-log collection holds in the bucket layout. A
// follower reads the last few seconds again on every poll, so buckets much longer than that
// would make it parse entries it does not need.
const changeBucket = 2 * time.Second

// intentGrace is how old an intent may be before a follower that has not seen its commit
// looks for the revision itself: a write normally commits within milliseconds.
const intentGrace = 250 * time.Millisecond

// maxIntentRetry bounds the wait between two looks for the revision of an intent that has
// none yet (the write failed, or its insert is still on its way).
const maxIntentRetry = 30 * time.Second

// changeCollection names the bucket that holds changes made at t.
func changeCollection(t time.Time) string {
	return fmt.Sprintf("%s_%d", colChanges, bucketOf(t))
}

func bucketOf(t time.Time) int64 { return t.UnixNano() / int64(changeBucket) }

type changeDoc struct {
	ID      string    `bson:"_id"`
	At      time.Time `bson:"at"`
	Kind    string    `bson:"kind"` // the entity's kind; "intent:<kind>" for an intent
	Entity  string    `bson:"entity"`
	Version int       `bson:"version"`
	Deleted bool      `bson:"deleted,omitempty"`
	// Rev is the revision document, stored as binary BSON: every poll makes the embedded
	// engine parse every entry of the buckets it reads, and one opaque value parses several
	// times faster than a nested document. Entries written before are nested documents;
	// both read. Intents carry none.
	Rev bson.RawValue `bson:"rev,omitempty"`

	// col is the collection the entry was read from.
	col string `bson:"-"`
}

const intentPrefix = "intent:"

// intentOf reports the kind of an intent entry, and false for a commit.
func (d changeDoc) intentOf() (guildhall.EntityKind, bool) {
	kind, ok := strings.CutPrefix(d.Kind, intentPrefix)
	return guildhall.EntityKind(kind), ok
}

// revBytes is the revision document of an entry, however it was stored.
func (d changeDoc) revBytes() bson.Raw {
	if d.Rev.Type == bson.TypeBinary {
		_, data := d.Rev.Binary()
		return data
	}
	return d.Rev.Value
}

// revisionCollections names the collection of each kind's revisions, for followers that look
// a revision up.
var revisionCollections = map[guildhall.EntityKind]string{
	guildhall.EntityPost: colPostRevisions, guildhall.EntityMember: colMemberRevisions, guildhall.EntityBlock: colBlockRevisions,
	guildhall.EntityToken: colTokenRevisions, guildhall.EntityAccount: colAccountRevisions, guildhall.EntityWebhook: colWebhookRevisions,
}

// Steps of a revision write, for Store.Failpoint: after each, the hook may stop the write as a
// crash would.
const (
	StepIntent    = "intent"    // the intent entry is written
	StepRevision  = "revision"  // the revision is written
	StepCommitted = "committed" // the commit entry is written
)

// insertRevision writes revision rev.Version of the entity: intent, revision, commit (see
// above). The revision insert decides: if it loses, the caller gets ECONFLICT and the intent
// is left for followers to settle against the winner's revision.
func insertRevision[T any](ctx context.Context, s *Store, col string, kind guildhall.EntityKind, rev revision[T]) error {
	ctx, cancel := s.call(ctx)
	defer cancel()
	rev.ID = revisionID(rev.Entity, rev.Version)
	now := s.Now().UTC()
	intent := changeDoc{ID: guildhall.NewID("chg", now), At: now, Kind: intentPrefix + string(kind), Entity: rev.Entity, Version: rev.Version}
	if err := s.appendChange(ctx, intent); err != nil {
		return wrap(err, "The "+string(kind))
	}
	if err := s.failpoint(kind, StepIntent); err != nil {
		return err
	}
	if _, err := s.db.Collection(col).InsertOne(ctx, rev); err != nil {
		return wrap(err, "The "+string(kind))
	}
	if err := s.failpoint(kind, StepRevision); err != nil {
		return err
	}
	commit, err := commitDoc(s.Now().UTC(), kind, rev)
	if err == nil {
		err = s.appendChange(ctx, commit)
	}
	if err != nil && s.OnChangeLogError != nil {
		// The write is done; followers find it through its intent.
		s.OnChangeLogError(fmt.Errorf("commit entry for %s %s v%d: %w", kind, rev.Entity, rev.Version, err))
	}
	return s.failpoint(kind, StepCommitted)
}

func (s *Store) failpoint(kind guildhall.EntityKind, step string) error {
	if s.Failpoint != nil {
		return s.Failpoint(string(kind) + ":" + step)
	}
	return nil
}

func commitDoc[T any](at time.Time, kind guildhall.EntityKind, rev revision[T]) (changeDoc, error) {
	raw, err := bson.Marshal(rev)
	if err != nil {
		return changeDoc{}, fmt.Errorf("change log: %w", err)
	}
	typ, packed, err := bson.MarshalValue(bson.Binary{Data: raw})
	if err != nil {
		return changeDoc{}, fmt.Errorf("change log: %w", err)
	}
	return changeDoc{ID: guildhall.NewID("chg", at), At: at, Kind: string(kind), Entity: rev.Entity, Version: rev.Version, Deleted: rev.Deleted,
		Rev: bson.RawValue{Type: typ, Value: packed}}, nil
}

// appendChange writes one entry where the layout keeps it.
func (s *Store) appendChange(ctx context.Context, d changeDoc) error {
	col := colChanges
	if s.layout() == ChangeLogBuckets {
		col = changeCollection(d.At)
	}
	_, err := s.db.Collection(col).InsertOne(ctx, d)
	return err
}

// layout is the change log's layout: as set, or as detected at Open.
func (s *Store) layout() string {
	if s.ChangeLog == "" {
		return ChangeLogBuckets
	}
	return s.ChangeLog
}

// detectLayout chooses the change log's layout from the engine: FerretDB's buildInfo says
// "ferretdbVersion", MongoDB's does not.
func detectLayout(ctx context.Context, client *mongo.Client) (string, error) {
	var info bson.M
	if err := client.Database("admin").RunCommand(ctx, bson.D{{Key: "buildInfo", Value: 1}}).Decode(&info); err != nil {
		return "", err
	}
	if _, ferret := info["ferretdbVersion"]; ferret {
		return ChangeLogBuckets, nil
	}
	return ChangeLogCollection, nil
}

// follower is what one process's follower remembers between polls: the intents it has seen
// without their commit, and those it has settled, so that re-reading the overlap window does
// not bring them back.
type follower struct {
	mu      sync.Mutex
	pending map[string]*pendingIntent // by revision _id
	settled map[string]time.Time      // revision _id -> the time of its entry
	// buckets tells a collection-layout store to read bucket collections too: some existed
	// when it last looked (written by an instance of an earlier version, during an upgrade).
	buckets bool
}

type pendingIntent struct {
	kind    guildhall.EntityKind
	entity  string
	version int
	at      time.Time // the intent's, by the writer's clock
	next    time.Time // when to look for the revision again, by this process's clock
	tries   int
}

// ChangesSince returns the change-log entries at or after since, oldest first, and after
// them the revisions of earlier intents that their writers never committed, once found. An
// entry for which known returns true comes back without its entity, not decoded: a follower
// has most of what a poll reads already (its own writes, and what the last poll's window
// read). known may be nil.
//
// The Store remembers pending intents between calls, so one process's calls (its follower's
// polls, a reload's catch-up) share them: a revision one call found, a later call does not
// return again, and both apply what they get to the catalog that is current.
func (s *Store) ChangesSince(ctx context.Context, since time.Time, known func(kind guildhall.EntityKind, id string, version int) bool) ([]guildhall.Change, error) {
	ctx, cancel := s.call(ctx)
	defer cancel()
	docs, err := s.readChanges(ctx, since, known != nil)
	if err != nil {
		return nil, err
	}
	if known != nil {
		if err := s.readRevisionsOf(ctx, docs, known); err != nil {
			return nil, err
		}
	}
	out := make([]guildhall.Change, 0, len(docs))
	f := &s.follow
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.pending == nil {
		f.pending, f.settled = map[string]*pendingIntent{}, map[string]time.Time{}
	}
	for _, d := range docs {
		id := revisionID(d.Entity, d.Version)
		if kind, ok := d.intentOf(); ok {
			if _, done := f.settled[id]; !done && f.pending[id] == nil {
				// Its age by the writers' clock; the wait by this process's own, which moves
				// even where the writers' is a test's stopped clock.
				wait := max(0, intentGrace-s.Now().Sub(d.At))
				f.pending[id] = &pendingIntent{kind: kind, entity: d.Entity, version: d.Version, at: d.At, next: time.Now().Add(wait)}
			}
			continue
		}
		delete(f.pending, id)
		f.settled[id] = d.At
		c := guildhall.Change{At: d.At.UTC(), Kind: guildhall.EntityKind(d.Kind), ID: d.Entity, Version: d.Version, Deleted: d.Deleted}
		// Read with its revision when the reader lacks it (readRevisionsOf), or read whole.
		if !d.Deleted && (known == nil || d.Rev.Type != 0) {
			if err := decodeChange(&c, d.revBytes()); err != nil {
				return nil, err
			}
		}
		out = append(out, c)
	}
	// A look-up that fails (a slow database) leaves its intent pending for the next call; it
	// must not fail the entries read, nor a start's catch-up.
	resolved, err := s.resolveIntents(ctx, known)
	if err != nil && s.OnChangeLogError != nil {
		s.OnChangeLogError(fmt.Errorf("looking up the revision of an intent (tried again later): %w", err))
	}
	out = append(out, resolved...)
	for id, at := range f.settled {
		if at.Before(since) { // its entries are behind the window: they will not be read again
			delete(f.settled, id)
		}
	}
	return out, nil
}

// PendingSince returns the time of the oldest intent whose revision this process's reader
// has not found yet (the zero time if there is none): a reader starting afresh must read the
// log from there, or it would never hear of that revision.
func (s *Store) PendingSince() time.Time {
	f := &s.follow
	f.mu.Lock()
	defer f.mu.Unlock()
	var oldest time.Time
	for _, p := range f.pending {
		if oldest.IsZero() || p.at.Before(oldest) {
			oldest = p.at
		}
	}
	return oldest
}

// resolveIntents looks up the revisions of the pending intents that are due, and returns
// those it finds as changes. A failed lookup stays pending.
func (s *Store) resolveIntents(ctx context.Context, known func(kind guildhall.EntityKind, id string, version int) bool) ([]guildhall.Change, error) {
	f := &s.follow
	now := time.Now()
	var due []string
	for id, p := range f.pending {
		if !p.next.After(now) {
			due = append(due, id)
		}
	}
	slices.SortFunc(due, func(a, b string) int { return f.pending[a].at.Compare(f.pending[b].at) })
	var out []guildhall.Change
	for _, id := range due {
		p := f.pending[id]
		if known != nil && known(p.kind, p.entity, p.version) {
			delete(f.pending, id)
			f.settled[id] = p.at
			continue
		}
		c, found, err := s.readRevision(ctx, p.kind, id)
		if err != nil {
			return out, err
		}
		if !found {
			p.tries++
			p.next = now.Add(min(intentGrace<<min(p.tries, 10), maxIntentRetry))
			continue
		}
		c.At = p.at.UTC()
		out = append(out, c)
		delete(f.pending, id)
		f.settled[id] = p.at
	}
	return out, nil
}

// readRevision reads one revision by its _id as a change.
func (s *Store) readRevision(ctx context.Context, kind guildhall.EntityKind, id string) (guildhall.Change, bool, error) {
	col, ok := revisionCollections[kind]
	if !ok {
		return guildhall.Change{}, false, nil
	}
	raw, err := s.db.Collection(col).FindOne(ctx, bson.D{{Key: "_id", Value: id}}).Raw()
	if errors.Is(err, mongo.ErrNoDocuments) {
		return guildhall.Change{}, false, nil
	}
	if err != nil {
		return guildhall.Change{}, false, wrap(err, "read "+string(kind)+" revision")
	}
	var head revision[struct{}]
	if err := bson.Unmarshal(raw, &head); err != nil {
		return guildhall.Change{}, false, fmt.Errorf("decode %s %s: %w", kind, id, err)
	}
	c := guildhall.Change{Kind: kind, ID: head.Entity, Version: head.Version, Deleted: head.Deleted}
	if !head.Deleted {
		if err := decodeChange(&c, raw); err != nil {
			return guildhall.Change{}, false, err
		}
	}
	return c, true, nil
}

// readChanges reads the entries at or after since from wherever they are: the buckets from
// since on, and the single collection (the collection layout's, or earlier versions', which
// pruning empties), oldest first. With headsOnly, the entries come without the revisions they
// carry (readRevisionsOf reads those a caller needs).
func (s *Store) readChanges(ctx context.Context, since time.Time, headsOnly bool) ([]changeDoc, error) {
	cols := []string{colChanges}
	if s.layout() == ChangeLogBuckets || s.follow.readsBuckets() {
		buckets, err := s.changeBuckets(ctx)
		if err != nil {
			return nil, err
		}
		s.follow.sawBuckets(len(buckets) > 0)
		for _, b := range buckets {
			if b >= bucketOf(since) {
				cols = append(cols, fmt.Sprintf("%s_%d", colChanges, b))
			}
		}
	}
	find := options.Find().SetSort(bson.D{{Key: "at", Value: 1}, {Key: "_id", Value: 1}})
	if headsOnly {
		find.SetProjection(bson.D{{Key: "rev", Value: 0}})
	}
	var docs []changeDoc
	for _, col := range cols {
		cur, err := s.db.Collection(col).Find(ctx, bson.D{{Key: "at", Value: bson.D{{Key: "$gte", Value: since}}}}, find)
		if err != nil {
			return nil, wrap(err, "read change log")
		}
		var part []changeDoc
		if err := cur.All(ctx, &part); err != nil {
			return nil, wrap(err, "read change log")
		}
		for i := range part {
			part[i].col = col
		}
		docs = append(docs, part...)
	}
	slices.SortStableFunc(docs, func(a, b changeDoc) int { return cmp.Or(a.At.Compare(b.At), cmp.Compare(a.ID, b.ID)) })
	return docs, nil
}

// readRevisionsOf reads the revisions carried by the commit entries among docs (read without
// them) that known says the reader does not hold: one query per collection that has any,
// by _id. A poll re-reads its window of the log every time, and mostly holds what it reads
// (its own writes, and the last poll's): the revisions, most of an entry's bytes, then cross
// from the database once, not on every poll of the window.
func (s *Store) readRevisionsOf(ctx context.Context, docs []changeDoc, known func(kind guildhall.EntityKind, id string, version int) bool) error {
	need := map[string][]string{} // collection -> entry _ids
	at := map[string]int{}        // entry _id -> its place in docs
	for i, d := range docs {
		if _, intent := d.intentOf(); intent || d.Deleted || known(guildhall.EntityKind(d.Kind), d.Entity, d.Version) {
			continue
		}
		need[d.col] = append(need[d.col], d.ID)
		at[d.ID] = i
	}
	for col, ids := range need {
		cur, err := s.db.Collection(col).Find(ctx, bson.D{{Key: "_id", Value: bson.D{{Key: "$in", Value: ids}}}},
			options.Find().SetProjection(bson.D{{Key: "rev", Value: 1}}))
		if err != nil {
			return wrap(err, "read change log")
		}
		var found []changeDoc
		if err := cur.All(ctx, &found); err != nil {
			return wrap(err, "read change log")
		}
		for _, f := range found {
			if i, ok := at[f.ID]; ok {
				docs[i].Rev = f.Rev
				delete(at, f.ID)
			}
		}
	}
	if len(at) > 0 { // pruned in between: the next read will not have them either
		return fmt.Errorf("read change log: %d entries went while they were read", len(at))
	}
	return nil
}

func (f *follower) readsBuckets() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.buckets
}

func (f *follower) sawBuckets(any bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.buckets = any
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
	case guildhall.EntityAsset:
		var r revision[assetDoc]
		if err = bson.Unmarshal(raw, &r); err == nil && r.Doc != nil {
			c.Asset = assetFromRevision(r)
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

// PruneChanges deletes change-log entries older than before: whole buckets by dropping them,
// entries of the single collection by deleting them. Intents older than before that never
// found their revision are forgotten: their writes failed.
func (s *Store) PruneChanges(ctx context.Context, before time.Time) error {
	ctx, cancel := s.bulk(ctx)
	defer cancel()
	s.follow.mu.Lock()
	for id, p := range s.follow.pending {
		if p.at.Before(before) {
			delete(s.follow.pending, id)
		}
	}
	s.follow.mu.Unlock()
	buckets, err := s.changeBuckets(ctx)
	if err != nil {
		return err
	}
	s.follow.sawBuckets(len(buckets) > 0)
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
	ctx, cancel := s.call(ctx)
	defer cancel()
	_, err := s.db.Collection(col).DeleteMany(ctx, bson.D{
		{Key: "entity", Value: entity},
		{Key: "version", Value: bson.D{{Key: "$lt", Value: tombstone}}},
	})
	if err != nil {
		return fmt.Errorf("%w: %w", guildhall.ErrHistoryKept, wrap(err, "delete history"))
	}
	return nil
}
