package importer_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/guildhall/guildhall"
	"github.com/guildhall/guildhall/clock"
	"github.com/guildhall/guildhall/cms"
	"github.com/guildhall/guildhall/demo"
	"github.com/guildhall/guildhall/embedded/embeddedtest"
	"github.com/guildhall/guildhall/mongodb"
)

var uri string

func TestMain(m *testing.M) { embeddedtest.Main(m, &uri) }

var t0 = time.Date(2026, 6, 15, 12, 0, 0, 0, time.UTC)

var (
	admin     = guildhall.WithViewer(context.Background(), &guildhall.Viewer{Role: guildhall.RoleAdmin, TokenID: "tok_admin"})
	anonymous = guildhall.WithViewer(context.Background(), &guildhall.Viewer{})
)

type fixture struct {
	svc   *cms.Service
	store *mongodb.Store
	clock *clock.Manual
	db    string
}

// mustService opens a fresh database on the shared embedded server with the demo content.
func mustService(t *testing.T, options ...func(*cms.Options)) *fixture {
	t.Helper()
	var b [6]byte
	_, _ = rand.Read(b[:])
	f := &fixture{clock: clock.NewManual(t0), db: "imp_" + hex.EncodeToString(b[:])}
	f.svc, f.store = openService(t, f.db, f.clock, options...)
	t.Cleanup(func() { _ = f.store.Drop(context.Background()) })
	if _, err := f.svc.SeedIfEmpty(context.Background(), demo.New(t0)); err != nil {
		t.Fatal(err)
	}
	return f
}

func openService(t *testing.T, db string, c *clock.Manual, options ...func(*cms.Options)) (*cms.Service, *mongodb.Store) {
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
	for _, o := range options {
		o(&opts)
	}
	svc := cms.New(store, opts)
	if err := svc.Load(ctx); err != nil {
		t.Fatal(err)
	}
	return svc, store
}

// postCount counts every post an admin sees, in any status.
func (f *fixture) postCount(t *testing.T) int {
	t.Helper()
	n := 0
	for _, st := range []guildhall.PostStatus{guildhall.PostDraft, guildhall.PostScheduled, guildhall.PostPublished, guildhall.PostArchived} {
		first := 100
		page, err := f.svc.Posts(admin, &first, nil, &guildhall.PostFilter{Status: &st}, nil)
		if err != nil {
			t.Fatal(err)
		}
		total := page.Total
		if total == nil {
			t.Fatal("no total")
		}
		n += total()
	}
	return n
}

// memberID finds a member by email, or "".
func (f *fixture) memberID(email string) string {
	first := 100
	var after *string
	for {
		page, err := f.svc.Members(admin, &first, after, nil)
		if err != nil {
			panic(err)
		}
		for _, m := range page.Items {
			if m.Email != nil && strings.EqualFold(*m.Email, email) {
				return m.ID
			}
		}
		if !page.HasNextPage {
			return ""
		}
		c := page.Cursor(len(page.Items) - 1)
		after = &c
	}
}

func (f *fixture) member(t *testing.T, email string) *guildhall.Member {
	t.Helper()
	id := f.memberID(email)
	m, err := f.svc.Member(admin, &id, nil)
	if err != nil || m == nil {
		t.Fatalf("member %s: %v", email, err)
	}
	return m
}
