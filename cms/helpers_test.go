package cms_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"github.com/guildhall/guildhall/clock"
	"log/slog"
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

// fixture is a service over a fresh database seeded with the demo content.
type fixture struct {
	svc   *cms.Service
	store *mongodb.Store
	clock *clock.Manual
	db    string
}

// mustService opens a fresh database on the shared embedded server, seeds the demo content
// and loads it, with the clock at t0. The database is dropped when the test ends.
func mustService(t *testing.T, configure ...func(*cms.Options)) *fixture {
	t.Helper()
	var b [6]byte
	_, _ = rand.Read(b[:])
	f := &fixture{clock: clock.NewManual(t0), db: "cms_" + hex.EncodeToString(b[:])}
	f.svc, f.store = openService(t, f.db, f.clock, configure...)
	t.Cleanup(func() { _ = f.store.Drop(context.Background()) })
	if _, err := f.svc.SeedIfEmpty(context.Background(), demo.New(t0)); err != nil {
		t.Fatal(err)
	}
	return f
}

// openService opens another service on the database db, as a second instance would.
func openService(t *testing.T, db string, c *clock.Manual, configure ...func(*cms.Options)) (*cms.Service, *mongodb.Store) {
	t.Helper()
	ctx := context.Background()
	store, err := mongodb.Open(ctx, uri, db)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = store.Close(context.Background()) })
	store.Now = c.Now                // one clock, as app wires it
	store.Timeout = 30 * time.Second // generous: a loaded machine must fail no test
	if _, err := store.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	opts := cms.DefaultOptions()
	opts.Now, opts.Logger = c.Now, slog.New(slog.DiscardHandler)
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
