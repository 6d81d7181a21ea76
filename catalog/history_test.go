package catalog_test

import (
	"testing"
	"time"

	"github.com/guildhall/guildhall"
)

func revisionNumbers(revs []*guildhall.PostRevision) []int {
	out := make([]int, len(revs))
	for i, r := range revs {
		out[i] = r.Revision
	}
	return out
}

func version(p *guildhall.Post, v int, title string) *guildhall.Post {
	c := *p
	c.Version, c.Title, c.UpdatedAt = v, title, p.UpdatedAt.Add(time.Duration(v)*time.Minute)
	c.Body = guildhall.NewRichText("<p>"+title+"</p>", title, 1)
	return &c
}

// History is complete and in order however the change log delivers, without bodies.
func TestHistory(t *testing.T) {
	c := newCatalog(0)
	p := post("p1", "ann", guildhall.PostDraft, time.Time{})
	c.PutPost(version(p, 1, "one"))
	c.PutPost(version(p, 3, "three")) // v2 arrives late
	c.PutPost(version(p, 2, "two"))
	c.PutPost(version(p, 3, "three again")) // a repeat changes nothing
	got := c.Revisions("p1", 3)
	if n := revisionNumbers(got); len(n) != 3 || n[0] != 3 || n[1] != 2 || n[2] != 1 {
		t.Fatalf("revisions = %v, want [3 2 1]", n)
	}
	if got[0].Title != "three" || got[1].Title != "two" || got[0].Body.HTML() != "" || got[0].Body.WordCount != 1 {
		t.Errorf("revision summaries = %+v %+v", got[0], got[1])
	}
	if cur, _ := c.Post(staff, now, "p1"); cur.Title != "three" {
		t.Errorf("current post = %q, want the newest", cur.Title)
	}
	if n := revisionNumbers(c.Revisions("p1", 2)); len(n) != 2 || n[0] != 2 {
		t.Errorf("revisions up to 2 = %v", n)
	}
	if r, ok := c.Revision("p1", 2); !ok || r.Title != "two" {
		t.Errorf("Revision(2) = %+v, %v", r, ok)
	}
	if _, ok := c.Revision("p1", 4); ok {
		t.Error("Revision(4) exists")
	}
}

// A deletion is remembered: a late entry for an older version does not bring the post back.
func TestRemovePostIsFinal(t *testing.T) {
	c := newCatalog(0)
	p := post("p1", "ann", guildhall.PostPublished, now.Add(-time.Hour))
	c.PutPost(version(p, 1, "one"))
	c.RemovePost("p1", 3, now)
	c.PutPost(version(p, 2, "late"))
	if _, ok := c.PostByID("p1"); ok {
		t.Fatal("a late older version brought a deleted post back")
	}
	if len(c.Revisions("p1", 10)) != 0 {
		t.Error("a deleted post keeps its history")
	}
	if owner := c.PostSlugOwner("p1"); owner != "" {
		t.Errorf("slug still answers for %s", owner)
	}
	b := &guildhall.ContactBlock{BlockBase: guildhall.BlockBase{ID: "blk_1", Version: 1}}
	c.PutBlock(b)
	c.RemoveBlock("blk_1", 3)
	b2 := *b
	b2.Version = 2
	c.PutBlock(&b2)
	if _, ok := c.Block("blk_1"); ok {
		t.Error("a late older version brought a deleted block back")
	}
}
