package cms_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/guildhall/guildhall"
	"github.com/guildhall/guildhall/cms"
	"github.com/guildhall/guildhall/demo"
	"github.com/guildhall/guildhall/embedded/embeddedtest"
	"github.com/guildhall/guildhall/mongodb"
)

var uri string

func TestMain(m *testing.M) { embeddedtest.Main(m, &uri) }

var t0 = time.Date(2026, 6, 15, 12, 0, 0, 0, time.UTC)

// clock is a movable clock shared by the services of one test.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// fixture is a service over a fresh database seeded with the demo content.
type fixture struct {
	svc   *cms.Service
	store *mongodb.Store
	clock *clock
	db    string
}

// mustService opens a fresh database on the shared embedded server, seeds the demo content
// and loads it, with the clock at t0. The database is dropped when the test ends.
func mustService(t *testing.T, configure ...func(*cms.Options)) *fixture {
	t.Helper()
	var b [6]byte
	_, _ = rand.Read(b[:])
	f := &fixture{clock: &clock{t: t0}, db: "cms_" + hex.EncodeToString(b[:])}
	f.svc, f.store = openService(t, f.db, f.clock, configure...)
	t.Cleanup(func() { _ = f.store.Drop(context.Background()) })
	if _, err := f.svc.SeedIfEmpty(context.Background(), demo.New(t0)); err != nil {
		t.Fatal(err)
	}
	return f
}

// openService opens another service on the database db, as a second instance would.
func openService(t *testing.T, db string, c *clock, configure ...func(*cms.Options)) (*cms.Service, *mongodb.Store) {
	t.Helper()
	ctx := context.Background()
	store, err := mongodb.Open(ctx, uri, db)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = store.Close(context.Background()) })
	if _, err := store.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	opts := cms.Options{Now: c.Now, Logger: slog.New(slog.DiscardHandler)}
	for _, f := range configure {
		f(&opts)
	}
	svc := cms.New(store, opts)
	if err := svc.Load(ctx); err != nil {
		t.Fatal(err)
	}
	return svc, store
}

// as returns a context for a viewer.
func as(v *guildhall.Viewer) context.Context {
	return guildhall.WithViewer(context.Background(), v)
}

var editor = as(&guildhall.Viewer{Role: guildhall.RoleEditor, TokenID: "tok_editor"})

// memberID returns the ID of a demo member.
func (f *fixture) memberID(t *testing.T, slug string) string {
	t.Helper()
	m, err := f.svc.Member(context.Background(), nil, &slug)
	if err != nil {
		t.Fatal(err)
	}
	return m.ID
}

// code is the domain error code of err, "" for nil.
func code(err error) string { return guildhall.ErrorCode(err) }

func ptr[T any](v T) *T { return &v }
