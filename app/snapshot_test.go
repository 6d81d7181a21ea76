package app_test

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/guildhall/guildhall/app"
	"github.com/guildhall/guildhall/catalog"
)

// logBuffer collects a server's log for a test to read.
type logBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// startLogged starts another instance with cfg (on the same database and clock), its log kept.
func startLogged(t *testing.T, cfg app.Config) (*testServer, *logBuffer) {
	t.Helper()
	logs := &logBuffer{}
	a, err := app.Start(context.Background(), cfg, slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelInfo})))
	if err != nil {
		t.Fatalf("start server: %v", err)
	}
	s := &testServer{t: t, app: a, URL: "http://" + a.Addr(), cfg: cfg}
	t.Cleanup(s.Stop)
	return s, logs
}

// sameCatalog waits for got's catalog to equal want's (followers converge within a few polls).
func sameCatalog(t *testing.T, what string, want, got *testServer) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		w, g := want.app.Service().Digest(), got.app.Service().Digest()
		if w == g {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: the catalogs differ (want: a full load's):\n%s", what, catalog.DigestDiff(w, g))
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// The catalog after a start from the snapshot equals the catalog after a full load: with
// writes after the snapshot was written (new, edited and deleted posts, a deleted block, a
// member's profile), after a crash while the next snapshot was written (a cut temporary file
// beside it), and when the snapshot itself is damaged, foreign or too old, which the log
// says before loading everything.
func TestSnapshotStartEqualsFullLoad(t *testing.T) {
	path := filepath.Join(t.TempDir(), "catalog.snapshot")
	a := MustRunServer(t, func(c *app.Config) { c.Snapshot = path })
	author := str(a.MustQuery("", `{ member(slug: "christian-billington") { id } }`, nil), "member.id")
	create := func(s *testServer, title string) string {
		return str(s.MustQuery(adminToken, `mutation($a: ID, $t: String!) { createPost(input: {title: $t, body: "<p>Notes of the charter committee</p>", authorId: $a, tags: ["charter"]}) { id } }`,
			map[string]any{"a": author, "t": title}), "createPost.id")
	}
	edited, deleted := create(a, "Before the snapshot"), create(a, "Deleted after it")
	block := str(a.MustQuery(adminToken, `mutation { createBlock(input: {kind: CONTACT, contactName: "Office"}) { id } }`, nil), "createBlock.id")
	asset := func(s *testServer, name string) string {
		up := s.uploadBytes(adminToken, "filename="+name+"&alt=Grey", pngOf(40, 30))
		if up.Status != http.StatusCreated {
			t.Fatalf("upload %s: %d %v", name, up.Status, up.Body)
		}
		return up.Body["id"].(string)
	}
	kept, gone := asset(a, "kept.png"), asset(a, "gone.png")
	a.MustQuery(adminToken, `mutation($id: ID!, $img: ID) { updatePost(input: {id: $id, expectedVersion: 1, featuredImageId: $img}) { version } }`, map[string]any{"id": deleted, "img": kept})
	a.Stop() // writes the snapshot
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("no snapshot after shutdown: %v", err)
	}
	good, _ := os.ReadFile(path)

	// Writes after the snapshot, by an instance that keeps none, a minute later; and a
	// minute later again, the starts.
	a.Clock.Advance(time.Minute)
	cfg := a.cfg
	cfg.Snapshot, cfg.Seed = "", false
	w := startAnother(t, cfg)
	w.MustQuery(adminToken, `mutation($id: ID!, $img: ID) { updatePost(input: {id: $id, expectedVersion: 1, title: "Edited after the snapshot", tags: ["minutes"], featuredImageId: $img}) { version } }`,
		map[string]any{"id": edited, "img": asset(w, "after.png")})
	// Editorial state: an excerpt and SEO of the author's, a take-down ahead, pending changes.
	w.MustQuery(adminToken, `mutation($id: ID!) { updatePost(input: {id: $id, expectedVersion: 2, excerpt: "Our own teaser", seo: {title: "Charter notes", canonicalUrl: "https://partner.example/charter"}}) { version } }`,
		map[string]any{"id": edited})
	w.MustQuery(adminToken, `mutation($id: ID!, $down: Time) { publishPost(id: $id, unpublishAt: $down) { version } }`,
		map[string]any{"id": edited, "down": a.Clock.Now().Add(24 * time.Hour).Format(time.RFC3339)})
	w.MustQuery(adminToken, `mutation($id: ID!) { updatePost(input: {id: $id, expectedVersion: 4, asDraft: true, title: "Pending title", body: "<p>Pending words</p>"}) { version } }`,
		map[string]any{"id": edited})
	w.MustQuery(adminToken, `mutation($id: ID!) { updateAsset(input: {id: $id, alt: "Grey, edited after the snapshot"}) { alt } }`, map[string]any{"id": kept})
	w.MustQuery(adminToken, `mutation($id: ID!) { deleteAsset(id: $id) }`, map[string]any{"id": gone})
	w.MustQuery(adminToken, `mutation($id: ID!) { deletePost(id: $id) }`, map[string]any{"id": deleted})
	w.MustQuery(adminToken, `mutation($id: ID!) { deleteBlock(id: $id) }`, map[string]any{"id": block})
	create(w, "After the snapshot")
	w.MustQuery(adminToken, `mutation($id: ID!) { updateMemberProfile(input: {id: $id, name: "Christian Billington-Snapshot", bio: "<p>Edited after the snapshot</p>"}) { id } }`, map[string]any{"id": author})

	a.Clock.Advance(time.Minute)
	full := startAnother(t, cfg) // loads everything
	cases := []struct {
		name   string
		prep   func()
		logged string
	}{
		{"the snapshot", func() {}, "loaded the catalog from its snapshot"},
		{"a crash while writing the next", func() {
			os.WriteFile(filepath.Join(filepath.Dir(path), ".catalog.snapshot.42.tmp"), good[:len(good)/2], 0o600)
		}, "loaded the catalog from its snapshot"},
		{"a snapshot cut short", func() { os.WriteFile(path, good[:len(good)-100], 0o600) }, "the snapshot is damaged"},
		{"no snapshot", func() { os.Remove(path) }, "no snapshot of the catalog yet"},
		{"another database's snapshot", func() {
			other := MustRunServer(t, func(c *app.Config) { c.Snapshot = path })
			other.Stop()
		}, "another database's content"},
	}
	for _, tc := range cases {
		tc.prep()
		sc := cfg
		sc.Snapshot = path
		b, logs := startLogged(t, sc)
		sameCatalog(t, tc.name, full, b)
		if !strings.Contains(logs.String(), tc.logged) {
			t.Errorf("%s: the log does not say %q:\n%s", tc.name, tc.logged, logs.String())
		}
		b.Stop()
		os.WriteFile(path, good, 0o600) // the next case starts from the good one
	}

	// A snapshot older than the change log keeps is not used.
	a.Clock.Advance(2 * time.Hour)
	sc := cfg
	sc.Snapshot = path
	b, logs := startLogged(t, sc)
	if !strings.Contains(logs.String(), "longer ago than the change log keeps") {
		t.Errorf("an old snapshot: the log says\n%s", logs.String())
	}
	sameCatalog(t, "an old snapshot", full, b)

	// A site where nothing is written for longer than the change log keeps: the watermark
	// stays where the last write was, and a snapshot written since is still used.
	a.Clock.Advance(2 * time.Hour)
	b.Stop()
	b, logs = startLogged(t, sc)
	if !strings.Contains(logs.String(), "loaded the catalog from its snapshot") {
		t.Errorf("a quiet site's snapshot: the log says\n%s", logs.String())
	}
	sameCatalog(t, "a quiet site's snapshot", full, b)
}

// stallSwitch holds the first post write at its intent until released, then fails it after
// its revision, as a writer that stalled and then crashed before its commit entry would.
type stallSwitch struct {
	mu                       sync.Mutex
	armed, stalled, released bool
	reached, release         chan struct{}
}

func (s *stallSwitch) hook(step string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case step == "post:intent" && s.armed && !s.stalled:
		s.stalled = true
		close(s.reached)
		s.mu.Unlock()
		<-s.release // other writes go on meanwhile
		s.mu.Lock()
		s.released = true
	case step == "post:revision" && s.armed && s.released: // the stalled write's, once released
		s.armed = false
		return fmt.Errorf("simulated crash after %s", step)
	}
	return nil
}

// A snapshot's watermark does not pass an intent whose revision has not been found yet:
// a write that stalls after its intent, while the follower moves on past it by more than
// its overlap, and then stores its revision but crashes before its commit, is in the
// catalog of an instance that starts from the snapshot taken meanwhile.
func TestSnapshotWatermarkWaitsForALateCommit(t *testing.T) {
	path := filepath.Join(t.TempDir(), "catalog.snapshot")
	st := &stallSwitch{armed: true, reached: make(chan struct{}), release: make(chan struct{})}
	a := MustRunServer(t, func(c *app.Config) { c.Failpoint = st.hook })
	cfg := a.cfg
	cfg.Seed, cfg.Failpoint = false, nil
	sc := cfg
	sc.Snapshot = path
	b, _ := startLogged(t, sc)

	author := str(a.MustQuery("", `{ member(slug: "christian-billington") { id } }`, nil), "member.id")
	create := `mutation($a: ID, $t: String!) { createPost(input: {title: $t, body: "<p>x</p>", authorId: $a}) { id } }`
	done := make(chan *gqlResponse)
	go func() { done <- a.Query(adminToken, create, map[string]any{"a": author, "t": "Committed late"}) }()
	<-st.reached
	time.Sleep(300 * time.Millisecond) // b's follower reads the intent and finds no revision
	a.Clock.Advance(10 * time.Second)  // twice the follower's overlap
	later := str(a.MustQuery(adminToken, create, map[string]any{"a": author, "t": "Written later"}), "createPost.id")
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		if r := b.Query(adminToken, `query($id: ID) { post(id: $id) { id } }`, map[string]any{"id": later}); r.Code() == "" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("b never saw the later post")
		}
	}
	time.Sleep(200 * time.Millisecond) // more polls past the intent
	b.Stop()                           // writes the snapshot
	close(st.release)
	if r := <-done; r.Code() == "" {
		t.Fatalf("the stalled write did not crash: %v", r.Data)
	}
	a.Clock.Advance(time.Minute)

	full := startAnother(t, cfg)
	if !strings.Contains(full.app.Service().Digest(), `title="Committed late"`) {
		t.Fatal("the late revision is not stored: the scenario did not happen")
	}
	c, logs := startLogged(t, sc)
	if !strings.Contains(logs.String(), "loaded the catalog from its snapshot") {
		t.Fatalf("not started from the snapshot:\n%s", logs.String())
	}
	sameCatalog(t, "a start from a snapshot taken while a write was pending", full, c)
}

// A start that loaded everything from the database writes its snapshot soon after, and then
// serves from it (bodies in the mapped file rather than the heap), as a restart would: the
// same catalog, and writes go on.
func TestFullLoadAdoptsItsSnapshot(t *testing.T) {
	path := filepath.Join(t.TempDir(), "catalog.snapshot")
	logs := &logBuffer{}
	a := MustRunServerLogging(t, logs, func(c *app.Config) { c.Snapshot, c.SnapshotInterval = path, 50*time.Millisecond })
	for deadline := time.Now().Add(20 * time.Second); !strings.Contains(logs.String(), "the catalog reads bodies from its snapshot now"); time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("the snapshot was not adopted:\n%s", logs.String())
		}
	}
	author := str(a.MustQuery("", `{ member(slug: "christian-billington") { id } }`, nil), "member.id")
	id := str(a.MustQuery(adminToken, `mutation($a: ID) { createPost(input: {title: "After the adoption", body: "<p>Still written</p>", authorId: $a}) { id } }`,
		map[string]any{"a": author}), "createPost.id")
	if got := str(a.MustQuery(adminToken, `query($id: ID) { post(id: $id) { body { html } } }`, map[string]any{"id": id}), "post.body.html"); got != "<p>Still written</p>" {
		t.Errorf("a post written after the adoption reads %q", got)
	}
	cfg := a.cfg
	cfg.Snapshot, cfg.Seed = "", false
	sameCatalog(t, "after adopting the snapshot", startAnother(t, cfg), a)
}
