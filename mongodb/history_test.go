package mongodb_test

import (
	"bytes"
	"context"
	"sync"
	"testing"

	"github.com/guildhall/guildhall"
)

func TestPostRevisionAndHistory(t *testing.T) {
	s := MustOpenStore(t)
	ctx := context.Background()
	for v := 1; v <= 3; v++ {
		if err := s.SavePost(ctx, testPost(v, "Title v"+string(rune('0'+v)))); err != nil {
			t.Fatal(err)
		}
	}
	other := testPost(1, "Other")
	other.ID = "pst_other"
	_ = s.SavePost(ctx, other)
	_ = s.DeletePost(ctx, "pst_other", 2, "mbr_a")

	r, err := s.PostRevision(ctx, "pst_test", 2)
	if err != nil || r.Title != "Title v2" || r.Version != 2 || r.Body.HTML() != "<p>Hello</p>" {
		t.Fatalf("PostRevision(2) = %+v, %v", r, err)
	}
	for _, v := range []int{0, 4} {
		if _, err := s.PostRevision(ctx, "pst_test", v); guildhall.ErrorCode(err) != guildhall.ENOTFOUND {
			t.Errorf("PostRevision(%d): %v, want ENOTFOUND", v, err)
		}
	}
	if _, err := s.PostRevision(ctx, "pst_other", 2); guildhall.ErrorCode(err) != guildhall.ENOTFOUND {
		t.Errorf("a tombstone read as a revision: %v", err)
	}

	content, err := s.Load(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(content.PostHistory) != 3 {
		t.Fatalf("history has %d revisions, want the 3 of the live post", len(content.PostHistory))
	}
	for _, h := range content.PostHistory {
		if h.PostID != "pst_test" || h.Body.HTML() != "" || h.Body.WordCount != 1 || h.Title != "Title v"+string(rune('0'+h.Revision)) {
			t.Errorf("history entry %+v", h)
		}
	}
}

// Instances that start together agree on one secret without configuration.
func TestSharedSecret(t *testing.T) {
	s := MustOpenStore(t)
	ctx := context.Background()
	var mu sync.Mutex
	var got [][]byte
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			k, err := s.SharedSecret(ctx, "test-key", 32)
			if err != nil {
				t.Error(err)
				return
			}
			mu.Lock()
			got = append(got, k)
			mu.Unlock()
		})
	}
	wg.Wait()
	if len(got) != 8 || len(got[0]) != 32 || bytes.Equal(got[0], make([]byte, 32)) {
		t.Fatalf("keys = %x", got)
	}
	for _, k := range got[1:] {
		if !bytes.Equal(k, got[0]) {
			t.Fatalf("instances got different keys: %x and %x", got[0], k)
		}
	}
	other, _ := s.SharedSecret(ctx, "other-key", 32)
	if bytes.Equal(other, got[0]) {
		t.Error("two secrets share a value")
	}
}
