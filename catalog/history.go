package catalog

import (
	"cmp"
	"slices"

	"github.com/guildhall/guildhall"
)

// Revision history lives here, in memory, as summaries without bodies. Reading it from the
// database on every request would cost a scan of post_revisions on the embedded engine (2 to
// 4 s at 5,000 to 10,000 revisions of about 4 KB, measured), about what loading everything
// costs; the summaries are decoded during that load anyway, so keeping them costs no extra
// time at start and a few hundred bytes per revision. Bodies of old revisions are read by
// _id when asked for.

// PutRevision records one revision of a post, once: revisions are immutable, so a second
// copy of the same number (from the change log's overlap, or a reload) changes nothing. It is
// recorded even when older than the current post, so the history has no gaps however the
// change log delivers.
func (c *Catalog) PutRevision(r *guildhall.PostRevision) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.deleted[r.PostID] > r.Revision {
		return
	}
	c.putRevision(r.Summary())
}

func (c *Catalog) putRevision(r *guildhall.PostRevision) {
	list := c.history[r.PostID]
	i, found := slices.BinarySearchFunc(list, r.Revision, byRevision)
	if found {
		return
	}
	c.history[r.PostID] = slices.Insert(list, i, r)
	c.removed.noteInserted(c.history[r.PostID], i)
}

func byRevision(r *guildhall.PostRevision, n int) int { return cmp.Compare(r.Revision, n) }

// Revisions returns the post's revisions up to and including upTo, newest first, as
// summaries (bodies without HTML and text).
func (c *Catalog) Revisions(postID string, upTo int) []*guildhall.PostRevision {
	c.mu.RLock()
	defer c.mu.RUnlock()
	list := c.history[postID]
	out := make([]*guildhall.PostRevision, 0, len(list))
	for i := len(list) - 1; i >= 0; i-- {
		if list[i].Revision <= upTo {
			out = append(out, list[i])
		}
	}
	return out
}

// Revision returns the summary of one revision of a post.
func (c *Catalog) Revision(postID string, revision int) (*guildhall.PostRevision, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	list := c.history[postID]
	i, found := slices.BinarySearchFunc(list, revision, byRevision)
	if !found {
		return nil, false
	}
	return list[i], true
}

// PostByID returns the post with the ID whoever may see it: for a valid preview link (the
// link itself is the permission), and for writes that must know whether a post exists.
func (c *Catalog) PostByID(id string) (*guildhall.Post, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	e, ok := c.posts[id]
	if !ok {
		return nil, false
	}
	return e.post, true
}
