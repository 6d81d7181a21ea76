package mongodb_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/guildhall/guildhall"
	"github.com/guildhall/guildhall/embedded/embeddedtest"
	"github.com/guildhall/guildhall/internal/packtext"
	"github.com/guildhall/guildhall/mongodb"
)

var uri string

func TestMain(m *testing.M) { embeddedtest.Main(m, &uri) }

// MustOpenStore opens a fresh, migrated database on the shared embedded server, dropped
// when the test ends.
func MustOpenStore(t testing.TB) *mongodb.Store {
	t.Helper()
	s, _ := mustOpenNamed(t)
	return s
}

// mustOpenNamed is MustOpenStore, and the database's name, for tests that write to it
// behind the store's back.
func mustOpenNamed(t testing.TB) (*mongodb.Store, string) {
	t.Helper()
	var b [6]byte
	_, _ = rand.Read(b[:])
	ctx := context.Background()
	name := "store_" + hex.EncodeToString(b[:])
	s, err := mongodb.Open(ctx, uri, name)
	if err != nil {
		t.Fatal(err)
	}
	s.Timeout = 30 * time.Second // generous: a loaded machine must fail no test
	if _, err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = s.Drop(context.Background())
		_ = s.Close(context.Background())
	})
	return s, name
}

// A block stored by a version that knows a kind this one does not (a rolling upgrade, a
// downgrade) stops the load with an error naming it: it used to be skipped, and the block
// vanished from every list without a word.
func TestLoadRefusesUnknownBlockKind(t *testing.T) {
	s, name := mustOpenNamed(t)
	ctx := context.Background()
	client, err := mongo.Connect(options.Client().ApplyURI(uri))
	if err != nil {
		t.Fatal(err)
	}
	defer client.Disconnect(ctx)
	_, err = client.Database(name).Collection("block_revisions").InsertOne(ctx, bson.D{
		{Key: "_id", Value: "blk_1:0000000001"}, {Key: "entity", Value: "blk_1"}, {Key: "version", Value: 1}, {Key: "savedAt", Value: t0},
		{Key: "doc", Value: bson.D{{Key: "kind", Value: "IMAGE"}, {Key: "createdAt", Value: t0}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Load(ctx); err == nil || !strings.Contains(err.Error(), `"IMAGE"`) {
		t.Errorf("loading a block of an unknown kind: %v, want an error naming the kind", err)
	}
}

var t0 = time.Date(2026, 1, 2, 3, 4, 5, 6000000, time.UTC)

func testPost(version int, title string) *guildhall.Post {
	at := t0.Add(time.Duration(version) * time.Minute)
	return &guildhall.Post{
		ID: "pst_test", Version: version, Slug: "test", Title: title, Status: guildhall.PostPublished,
		Visibility: guildhall.VisibilityMembers, AuthorID: "mbr_a",
		Body: guildhall.NewRichText("<p>Hello</p>", "Hello", 1), Excerpt: "Hello",
		Tags: []string{"a", "b"}, BlockIDs: []string{"blk_1"}, PublishedAt: &t0, CreatedAt: t0, UpdatedAt: at, UpdatedBy: "mbr_a",
	}
}

func TestMigrateIsIdempotent(t *testing.T) {
	s := MustOpenStore(t)
	again, err := s.Migrate(context.Background())
	if err != nil || len(again) != 0 {
		t.Fatalf("second Migrate applied %v, err %v; want nothing", again, err)
	}
	plans, err := s.Plans(context.Background())
	if err != nil || len(plans) != len(guildhall.DefaultPlans) {
		t.Fatalf("plans = %+v, %v", plans, err)
	}
}

func TestSavePostRoundTripAndConflict(t *testing.T) {
	s := MustOpenStore(t)
	ctx := context.Background()
	for v := 1; v <= 3; v++ {
		if err := s.SavePost(ctx, testPost(v, "Title v"+string(rune('0'+v)))); err != nil {
			t.Fatal(err)
		}
	}
	err := s.SavePost(ctx, testPost(3, "Late writer"))
	if guildhall.ErrorCode(err) != guildhall.ECONFLICT {
		t.Fatalf("saving an existing version gave %v, want ECONFLICT", err)
	}
	content, err := s.Load(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(content.Posts) != 1 {
		t.Fatalf("loaded %d posts, want 1", len(content.Posts))
	}
	got, want := content.Posts[0], testPost(3, "Title v3")
	if got.Version != 3 || got.Title != want.Title || !got.Body.Equal(want.Body) || !got.UpdatedAt.Equal(want.UpdatedAt) ||
		got.Visibility != want.Visibility || len(got.Tags) != 2 || got.PublishedAt == nil || !got.PublishedAt.Equal(t0) {
		t.Errorf("loaded %+v\nwant %+v", got, want)
	}
	revs, err := s.PostRevisions(ctx, "pst_test")
	if err != nil || len(revs) != 3 || revs[0].Version != 3 {
		t.Errorf("revisions = %d (newest v%d), err %v", len(revs), revs[0].Version, err)
	}
}

// The unique revision _id decides races: of many writers of one version, exactly one wins.
// A long body is stored in the packed form it is held in, and loads back packed and equal.
func TestLongBodyStaysPacked(t *testing.T) {
	s := MustOpenStore(t)
	ctx := context.Background()
	p := testPost(1, "Long")
	html := strings.Repeat("<p>Grüße from the annual meeting.</p>", 100)
	p.Body = packtext.RichText(html, strings.Repeat("Grüße from the annual meeting. ", 100), 500)
	if _, packed := p.Body.Packed(); !packed {
		t.Fatal("a 6 KB body is not held packed")
	}
	if err := s.SavePost(ctx, p); err != nil {
		t.Fatal(err)
	}
	content, err := s.Load(ctx)
	if err != nil || len(content.Posts) != 1 {
		t.Fatalf("loaded %v, %v", content, err)
	}
	got := content.Posts[0].Body
	if _, packed := got.Packed(); !packed || !got.Equal(p.Body) || got.HTML() != html || got.WordCount != 500 {
		t.Errorf("loaded body (packed %v) with %d bytes of HTML, %d words; want the saved one", packed, len(got.HTML()), got.WordCount)
	}
	r, err := s.PostRevision(ctx, "pst_test", 1)
	if err != nil || r.Body.HTML() != html {
		t.Errorf("revision 1 body has %d bytes, err %v", len(r.Body.HTML()), err)
	}
}

func TestConcurrentSavesOneWinner(t *testing.T) {
	s := MustOpenStore(t)
	ctx := context.Background()
	var wg sync.WaitGroup
	var mu sync.Mutex
	wins, conflicts := 0, 0
	for range 16 {
		wg.Go(func() {
			err := s.SavePost(ctx, testPost(1, "racer"))
			mu.Lock()
			defer mu.Unlock()
			switch guildhall.ErrorCode(err) {
			case "":
				wins++
			case guildhall.ECONFLICT:
				conflicts++
			default:
				t.Errorf("unexpected error: %v", err)
			}
		})
	}
	wg.Wait()
	if wins != 1 || conflicts != 15 {
		t.Fatalf("wins %d, conflicts %d; want 1 and 15", wins, conflicts)
	}
}

func TestDeletePost(t *testing.T) {
	s := MustOpenStore(t)
	ctx := context.Background()
	_ = s.SavePost(ctx, testPost(1, "one"))
	_ = s.SavePost(ctx, testPost(2, "two"))
	if err := s.DeletePost(ctx, "pst_test", 3, "mbr_a"); err != nil {
		t.Fatal(err)
	}
	content, _ := s.Load(ctx)
	if len(content.Posts) != 0 {
		t.Fatalf("deleted post still loads: %+v", content.Posts)
	}
	if revs, _ := s.PostRevisions(ctx, "pst_test"); len(revs) != 0 {
		t.Fatalf("history kept after delete: %d", len(revs))
	}
}

func TestClaims(t *testing.T) {
	s := MustOpenStore(t)
	ctx := context.Background()
	if err := s.Claim(ctx, guildhall.ClaimPostSlug, "hello", "pst_1"); err != nil {
		t.Fatal(err)
	}
	if err := s.Claim(ctx, guildhall.ClaimPostSlug, "hello", "pst_1"); err != nil {
		t.Fatalf("re-claiming one's own value: %v", err)
	}
	if err := s.Claim(ctx, guildhall.ClaimPostSlug, "hello", "pst_2"); guildhall.ErrorCode(err) != guildhall.ECONFLICT {
		t.Fatalf("claiming a taken value: %v, want ECONFLICT", err)
	}
	if err := s.Claim(ctx, guildhall.ClaimMemberSlug, "hello", "mbr_1"); err != nil {
		t.Fatalf("kinds are separate: %v", err)
	}
}

func TestChangeLog(t *testing.T) {
	for _, layout := range []string{mongodb.ChangeLogBuckets, mongodb.ChangeLogCollection} {
		t.Run(layout, func(t *testing.T) { testChangeLog(t, layout) })
	}
}

func testChangeLog(t *testing.T, layout string) {
	s := MustOpenStore(t)
	s.ChangeLog = layout
	ctx := context.Background()
	clock := t0
	s.Now = func() time.Time { return clock }
	_ = s.SavePost(ctx, testPost(1, "one"))
	clock = clock.Add(time.Minute)
	block := &guildhall.LinksBlock{BlockBase: guildhall.BlockBase{ID: "blk_1", Version: 1, CreatedAt: t0, UpdatedAt: t0},
		Links: []guildhall.Link{{Label: "Code of ethics", URL: "https://example.org/ethics"}}}
	_ = s.SaveBlock(ctx, block, "tok")
	clock = clock.Add(time.Minute)
	_ = s.DeleteBlock(ctx, "blk_1", 2, "tok")

	changes, err := s.ChangesSince(ctx, t0, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(changes) != 3 {
		t.Fatalf("got %d changes, want 3", len(changes))
	}
	if c := changes[0]; c.Kind != "post" || c.Post == nil || c.Post.Title != "one" {
		t.Errorf("first change = %+v", c)
	}
	if c := changes[1]; c.Kind != "block" || c.Block == nil || len(c.Block.(*guildhall.LinksBlock).Links) != 1 {
		t.Errorf("second change = %+v", c)
	}
	if c := changes[2]; c.Kind != "block" || !c.Deleted || c.Version != 2 {
		t.Errorf("third change = %+v", c)
	}
	// Entries the follower knows come back as heads only.
	knownPost := func(kind guildhall.EntityKind, id string, version int) bool {
		return kind == guildhall.EntityPost && id == "pst_test" && version == 1
	}
	heads, err := s.ChangesSince(ctx, t0, knownPost)
	if err != nil || len(heads) != 3 || heads[0].Post != nil || heads[0].ID != "pst_test" || heads[0].Version != 1 || heads[1].Block == nil {
		t.Errorf("with the post known: %+v, %v", heads, err)
	}
	later, _ := s.ChangesSince(ctx, t0.Add(90*time.Second), nil)
	if len(later) != 1 {
		t.Errorf("changes since the middle = %d, want 1", len(later))
	}
	if err := s.PruneChanges(ctx, t0.Add(90*time.Second)); err != nil {
		t.Fatal(err)
	}
	if left, _ := s.ChangesSince(ctx, time.Time{}, nil); len(left) != 1 {
		t.Errorf("after pruning %d changes left, want 1", len(left))
	}
}

// A reader that holds some of what it reads (a follower re-reading its window) gets those
// entries as heads and the rest with their revisions, across buckets, in either layout; a
// reader that holds nothing gets every revision.
func TestChangesSinceReadsOnlyTheRevisionsTheReaderLacks(t *testing.T) {
	for _, layout := range []string{mongodb.ChangeLogBuckets, mongodb.ChangeLogCollection} {
		t.Run(layout, func(t *testing.T) {
			s := MustOpenStore(t)
			s.ChangeLog = layout
			ctx := context.Background()
			clock := t0
			s.Now = func() time.Time { return clock }
			for v := 1; v <= 6; v++ {
				if err := s.SavePost(ctx, testPost(v, fmt.Sprintf("version %d", v))); err != nil {
					t.Fatal(err)
				}
				clock = clock.Add(1500 * time.Millisecond) // several buckets
			}
			evenOnes := func(kind guildhall.EntityKind, id string, version int) bool { return version%2 == 0 }
			for _, known := range []func(guildhall.EntityKind, string, int) bool{evenOnes, nil} {
				changes, err := s.ChangesSince(ctx, t0, known)
				if err != nil || len(changes) != 6 {
					t.Fatalf("%d changes, %v; want 6", len(changes), err)
				}
				for i, c := range changes {
					if c.Version != i+1 {
						t.Fatalf("change %d is version %d", i, c.Version)
					}
					switch {
					case known != nil && known(c.Kind, c.ID, c.Version):
						if c.Post != nil {
							t.Errorf("version %d, which the reader holds, came with its post", c.Version)
						}
					case c.Post == nil || c.Post.Title != fmt.Sprintf("version %d", c.Version) || c.Post.Body.Text() == "":
						t.Errorf("version %d came as %+v, want it whole", c.Version, c.Post)
					}
				}
			}
		})
	}
}

// A revision whose commit entry was never written (the writer crashed) reaches a follower
// through its intent: at once if the intent is old enough, later if the revision lands late.
func TestIntentWithoutCommit(t *testing.T) {
	for _, layout := range []string{mongodb.ChangeLogBuckets, mongodb.ChangeLogCollection} {
		t.Run(layout, func(t *testing.T) {
			writer := MustOpenStore(t)
			writer.ChangeLog = layout
			ctx := context.Background()
			follower := reopen(t, writer)
			follower.ChangeLog = layout
			writer.Failpoint = crashAfter("post:" + mongodb.StepRevision)
			if err := writer.SavePost(ctx, testPost(1, "one")); err == nil {
				t.Fatal("the crash did not happen")
			}
			writer.Failpoint = nil
			since := time.Now().Add(-time.Minute)
			var got []guildhall.Change
			deadline := time.Now().Add(5 * time.Second)
			for len(got) == 0 && time.Now().Before(deadline) {
				changes, err := follower.ChangesSince(ctx, since, nil)
				if err != nil {
					t.Fatal(err)
				}
				got = changes
				time.Sleep(50 * time.Millisecond)
			}
			if len(got) != 1 || got[0].Post == nil || got[0].Post.Title != "one" || got[0].Version != 1 {
				t.Fatalf("the follower got %+v, want the uncommitted revision", got)
			}
			// Resolved once: the next poll, re-reading the same window, brings nothing new.
			if again, err := follower.ChangesSince(ctx, since, nil); err != nil || len(again) != 0 {
				t.Errorf("the next poll: %+v, %v", again, err)
			}

			// An intent whose revision never comes is looked for again, less often, and forgotten
			// when pruned.
			writer.Failpoint = crashAfter("post:" + mongodb.StepIntent)
			if err := writer.SavePost(ctx, testPost(2, "two")); err == nil {
				t.Fatal("the crash did not happen")
			}
			writer.Failpoint = nil
			time.Sleep(300 * time.Millisecond)
			if changes, err := follower.ChangesSince(ctx, since, nil); err != nil || len(changes) != 0 {
				t.Errorf("an intent without a revision: %+v, %v", changes, err)
			}
			// The revision lands late (its insert was held up), with no entry of its own:
			// the follower still finds it through the intent.
			if err := writer.Seed(ctx, &guildhall.Content{Posts: []*guildhall.Post{testPost(2, "two, late")}}); err != nil {
				t.Fatal(err)
			}
			deadline = time.Now().Add(5 * time.Second)
			for found := false; !found; {
				changes, err := follower.ChangesSince(ctx, since, nil)
				if err != nil {
					t.Fatal(err)
				}
				for _, c := range changes {
					found = found || c.Version == 2
				}
				if time.Now().After(deadline) {
					t.Fatal("the late revision was not found")
				}
				time.Sleep(50 * time.Millisecond)
			}
		})
	}
}

// The layout follows the engine: the embedded engine gets buckets. A store that keeps the
// log in one collection creates no collection as it writes, and reads entries that an
// instance of an earlier version left in buckets.
func TestChangeLogLayouts(t *testing.T) {
	s := MustOpenStore(t)
	if s.ChangeLog != mongodb.ChangeLogBuckets {
		t.Errorf("on the embedded engine the layout is %q, want buckets", s.ChangeLog)
	}
	ctx := context.Background()
	old := s // an instance of an earlier version, writing buckets
	_ = old.SavePost(ctx, testPost(1, "from the old version"))

	s2 := reopen(t, old)
	s2.ChangeLog = mongodb.ChangeLogCollection
	before := collections(t, s2)
	for v := 2; v <= 4; v++ {
		if err := s2.SavePost(ctx, testPost(v, "from the new version")); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Second) // past a bucket's span
	}
	if after := collections(t, s2); after != before {
		t.Errorf("collections before the writes %d, after %d: the collection layout made some", before, after)
	}
	changes, err := s2.ChangesSince(ctx, time.Time{}, nil)
	if err != nil || len(changes) != 4 || changes[0].Post.Title != "from the old version" {
		t.Fatalf("changes = %+v, %v; want the old version's and the three new", changes, err)
	}
}

// crashAfter is a failpoint hook that stops a write after the step.
func crashAfter(step string) func(string) error {
	return func(at string) error {
		if at == step {
			return errors.New("simulated crash after " + at)
		}
		return nil
	}
}

// reopen is another store on the database of other, as another instance would open it.
func reopen(t *testing.T, other *mongodb.Store) *mongodb.Store {
	t.Helper()
	s, err := mongodb.Open(context.Background(), uri, other.Name())
	if err != nil {
		t.Fatal(err)
	}
	s.Timeout = 30 * time.Second
	t.Cleanup(func() { _ = s.Close(context.Background()) })
	return s
}

func collections(t *testing.T, s *mongodb.Store) int {
	t.Helper()
	n, err := s.CollectionCount(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestRedactURI(t *testing.T) {
	for uri, want := range map[string]string{
		"mongodb://127.0.0.1:27017/guildhall":                  "mongodb://127.0.0.1:27017/guildhall",
		"mongodb://ann:pa:ss@db1,db2/guildhall?replicaSet=rs0": "mongodb://ann:***@db1,db2/guildhall?replicaSet=rs0",
		"mongodb+srv://ann:p%40ss@cluster.example/x":           "mongodb+srv://ann:***@cluster.example/x",
		"mongodb://ann@db/guildhall":                           "mongodb://ann@db/guildhall",
		"mongodb://db/guildhall?authSource=admin&note=a@b":     "mongodb://db/guildhall?authSource=admin&note=a@b",
		"not a uri": "not a uri",
	} {
		if got := mongodb.RedactURI(uri); got != want {
			t.Errorf("RedactURI(%q) = %q, want %q", uri, got, want)
		}
	}
}
