package catalog

import (
	"time"

	"github.com/guildhall/guildhall"
	"github.com/guildhall/guildhall/fold"
)

// removals remember when posts stopped being live, so that a feed's Last-Modified never goes
// back in time: after its newest post is unpublished, archived or deleted, the newest post
// left is older than the change, and a reader sending only If-Modified-Since would be told
// nothing changed and keep the removed post. They are derived from the revision history
// (which the catalog loads at start and keeps current), so every instance, and every
// restart, answers the same; deletions, whose history is gone, count for every feed.
type removals struct {
	all   time.Time            // any post stopped being live
	tags  map[string]time.Time // folded tag -> a post with it stopped being live, or dropped it
	posts map[string]time.Time // post ID -> when it last stopped being live
	// deleted is the latest deletion of any post (from RemovePost, and at start from the
	// store's tombstones): a deleted post's author and tags are not known any more.
	deleted time.Time
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// noteRevisions records what the step from revision prev to next of one post removed from
// feeds. A PUBLISHED revision counts as live even if its time had not come (a withdrawn
// schedule): at worst a feed claims a change it does not show, which costs a reader one
// full fetch, never a missed one.
func (r *removals) noteRevisions(prev, next *guildhall.PostRevision) {
	if prev.Status != guildhall.PostPublished {
		return
	}
	at := next.SavedAt
	if r.tags == nil {
		r.tags, r.posts = map[string]time.Time{}, map[string]time.Time{}
	}
	stillLive := next.Status == guildhall.PostPublished
	if !stillLive {
		r.all = later(r.all, at)
		r.posts[prev.PostID] = later(r.posts[prev.PostID], at)
	}
	kept := map[string]bool{}
	if stillLive {
		for _, t := range next.Tags {
			kept[fold.String(t)] = true
		}
	}
	for _, t := range prev.Tags {
		if t := fold.String(t); !kept[t] {
			r.tags[t] = later(r.tags[t], at)
		}
	}
}

// noteInserted records the removals around revision i of a post's history, just inserted
// (revisions may arrive in any order while loading).
func (r *removals) noteInserted(list []*guildhall.PostRevision, i int) {
	if i > 0 {
		r.noteRevisions(list[i-1], list[i])
	}
	if i+1 < len(list) {
		r.noteRevisions(list[i], list[i+1])
	}
}

// PostsDeletedAt tells the catalog when a post was last deleted, as the store's tombstones
// say at start: feeds may have lost a post then.
func (c *Catalog) PostsDeletedAt(at time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.removed.deleted = later(c.removed.deleted, at)
}

// RemovedAt is the latest time a post left the feed of the author and the tag (either may be
// empty; both empty is the feed of all posts): unpublished, archived, deleted or untagged.
// A feed's Last-Modified is never earlier.
func (c *Catalog) RemovedAt(authorID, tag string) time.Time {
	c.mu.RLock()
	defer c.mu.RUnlock()
	t := c.removed.deleted
	if authorID == "" && tag == "" {
		t = later(t, c.removed.all)
	}
	if tag != "" {
		t = later(t, c.removed.tags[fold.String(tag)])
	}
	if authorID != "" {
		for _, e := range c.byAuthor[authorID] {
			t = later(t, c.removed.posts[e.post.ID])
		}
	}
	return t
}
