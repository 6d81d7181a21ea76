package catalog

import (
	"sync/atomic"
	"testing"
	"time"

	"github.com/guildhall/guildhall"
)

// countedText is a packed body that counts how often it is unpacked, and whether it ever is
// while the catalog's write lock is held (which blocks every reader).
type countedText struct {
	html, text string
	c          *Catalog
	t          *testing.T
	unpacked   atomic.Int32
}

func (x *countedText) read() {
	x.unpacked.Add(1)
	if x.c.mu.TryRLock() {
		x.c.mu.RUnlock()
	} else {
		x.t.Error("a body was unpacked under the catalog's write lock")
	}
}
func (x *countedText) Unpack() (string, string) { x.read(); return x.html, x.text }
func (x *countedText) HTML() string             { x.read(); return x.html }
func (x *countedText) Text() string             { x.read(); return x.text }

// Each form of a post is made once, where it is needed: a writer's rendered text is indexed
// as it is, a revision that keeps its body and words is filed under the words already found,
// and no body is unpacked under the write lock.
func TestWordsAreFoundOnceAndOffTheLock(t *testing.T) {
	c := New()
	at := time.Date(2026, 6, 15, 12, 0, 0, 0, time.UTC)
	body := &countedText{html: "<p>Supervision notes</p>", text: "Supervision notes", c: c, t: t}
	p := &guildhall.Post{ID: "pst_1", Version: 1, Slug: "notes", Title: "Notes", Status: guildhall.PostDraft,
		Visibility: guildhall.VisibilityPublic, AuthorID: "mbr_1", Body: guildhall.PackedRichText(body, 2), CreatedAt: at, UpdatedAt: at}
	c.PutPostWithText(p, "Supervision notes")
	if n := body.unpacked.Load(); n != 0 {
		t.Errorf("putting a post with its text unpacked its body %d times", n)
	}

	// Published: the same body and words. The old revision's words are found once (to take
	// it out of the index) and serve the new one.
	published := *p
	published.Version, published.Status, published.PublishedAt = 2, guildhall.PostPublished, &at
	c.PutPost(&published)
	if n := body.unpacked.Load(); n != 1 {
		t.Errorf("publishing unpacked the body %d times, want once", n)
	}
	if res, err := c.Posts(guildhall.Anonymous, at, guildhall.PostQuery{First: 10, Search: "supervision"}); err != nil || len(res.Items) != 1 || res.Items[0].Version != 2 {
		t.Errorf("searching the published post: %v, %v", res, err)
	}

	// A new body: the old one is read once more, off the lock; the new one not at all.
	next := &countedText{html: "<p>Mentoring</p>", text: "Mentoring", c: c, t: t}
	edited := published
	edited.Version, edited.Body = 3, guildhall.PackedRichText(next, 1)
	c.PutPostWithText(&edited, "Mentoring")
	if n, m := body.unpacked.Load(), next.unpacked.Load(); n != 2 || m != 0 {
		t.Errorf("editing unpacked the old body %d times (want 2 in all) and the new one %d (want 0)", n, m)
	}
	res, _ := c.Posts(guildhall.Anonymous, at, guildhall.PostQuery{First: 10, Search: "supervision"})
	if len(res.Items) != 0 {
		t.Errorf("the old words still find the post: %d", len(res.Items))
	}
	c.RemovePost("pst_1", 4, at)
	if m := next.unpacked.Load(); m != 1 {
		t.Errorf("deleting unpacked the body %d times, want once", m)
	}
}
