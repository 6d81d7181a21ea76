package cms_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"testing"
	"time"

	"github.com/guildhall/guildhall/clock"
	"github.com/guildhall/guildhall/demo"
)

// An instance that finds the demo content being written waits for the writer to finish, but
// not for one that died half-way: past the patience it loads what there is.
func TestSeedWaitsForTheWriter(t *testing.T) {
	var b [6]byte
	_, _ = rand.Read(b[:])
	db := "cms_seed_" + hex.EncodeToString(b[:])
	ctx := context.Background()
	writer, store := openService(t, db, clock.NewManual(t0))
	t.Cleanup(func() { _ = store.Drop(ctx) })

	// A writer that claimed the work and died long ago.
	store.Now = func() time.Time { return time.Now().Add(-time.Hour) }
	if first, err := store.ClaimOnce(ctx, "demo-content"); err != nil || !first {
		t.Fatalf("claim: %v %v", first, err)
	}
	store.Now = time.Now
	began := time.Now()
	if seeded, err := writer.SeedIfEmpty(ctx, demo.New(t0)); err != nil || seeded {
		t.Fatalf("SeedIfEmpty = %v, %v; want false, nil", seeded, err)
	}
	if waited := time.Since(began); waited > 10*time.Second {
		t.Errorf("waited %v for a writer that died an hour ago", waited)
	}

	// A writer at work: the other instance waits for it, then loads everything it wrote.
	db2 := db + "_2"
	first, store2 := openService(t, db2, clock.NewManual(t0))
	t.Cleanup(func() { _ = store2.Drop(ctx) })
	second, _ := openService(t, db2, clock.NewManual(t0))
	if ok, err := store2.ClaimOnce(ctx, "demo-content"); err != nil || !ok {
		t.Fatalf("claim: %v %v", ok, err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := second.SeedIfEmpty(ctx, demo.New(t0))
		done <- err
	}()
	select {
	case err := <-done:
		t.Fatalf("the second instance did not wait for the writer: %v", err)
	case <-time.After(300 * time.Millisecond):
	}
	content, err := first.Content(demo.New(t0))
	if err != nil {
		t.Fatal(err)
	}
	if err := store2.Seed(ctx, content); err != nil {
		t.Fatal(err)
	}
	if err := store2.FinishOnce(ctx, "demo-content"); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	page, err := second.Members(ctx, nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if page.Total() != len(content.Members) {
		t.Errorf("the waiting instance serves %d members, want the %d written", page.Total(), len(content.Members))
	}
}
