package media_test

import (
	"bytes"
	"os"
	"testing"
	"time"

	"github.com/guildhall/guildhall/media"
)

func TestCacheStaysWithinBudget(t *testing.T) {
	dir := t.TempDir()
	c, err := media.OpenCache(dir, 3000)
	if err != nil {
		t.Fatal(err)
	}
	kb := bytes.Repeat([]byte("x"), 1000)
	for _, k := range []string{"aa-1", "bb-1", "cc-1"} {
		if _, err := c.Put(k, kb); err != nil {
			t.Fatal(err)
		}
	}
	if _, ok := c.Get("aa-1"); !ok { // aa is now the most recently used
		t.Fatal("aa-1 missing")
	}
	if _, err := c.Put("dd-1", kb); err != nil {
		t.Fatal(err)
	}
	if _, ok := c.Get("bb-1"); ok {
		t.Error("bb-1, the least recently used, was kept over the budget")
	}
	for _, k := range []string{"aa-1", "cc-1", "dd-1"} {
		path, ok := c.Get(k)
		if !ok {
			t.Errorf("%s was evicted", k)
			continue
		}
		if data, err := os.ReadFile(path); err != nil || len(data) != 1000 {
			t.Errorf("%s: %d bytes, %v", k, len(data), err)
		}
	}
	if c.Size() != 3000 {
		t.Errorf("size %d, want 3000", c.Size())
	}
	// A file larger than the whole budget is still stored (it is being served), alone.
	if _, err := c.Put("ee-1", bytes.Repeat([]byte("y"), 5000)); err != nil {
		t.Fatal(err)
	}
	if _, ok := c.Get("ee-1"); !ok || c.Size() != 5000 {
		t.Errorf("after a file over the budget: size %d", c.Size())
	}
	if _, err := c.Put("../escape", kb); err == nil {
		t.Error("a key with a path was accepted")
	}
}

func TestCacheSurvivesRestart(t *testing.T) {
	dir := t.TempDir()
	c, _ := media.OpenCache(dir, 1<<20)
	if _, err := c.Put("ab-old", []byte("old")); err != nil {
		t.Fatal(err)
	}
	time.Sleep(10 * time.Millisecond)
	if _, err := c.Put("cd-new", []byte("new!")); err != nil {
		t.Fatal(err)
	}
	// Reopened with room for only the newer one: the older goes.
	c2, err := media.OpenCache(dir, 5)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := c2.Get("cd-new"); !ok {
		t.Error("the newest file was not found after a restart")
	}
	if _, ok := c2.Get("ab-old"); ok {
		t.Error("the oldest file was kept over the budget after a restart")
	}
	c2.Remove("cd")
	if _, ok := c2.Get("cd-new"); ok || c2.Size() != 0 {
		t.Error("Remove left the file")
	}
}
