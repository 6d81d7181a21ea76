package catalog

import (
	"runtime"
	"slices"
	"sync"

	"github.com/guildhall/guildhall"
)

// PutPosts adds or replaces many posts at once, as loading all content at start does, with
// the same rule as PutPost (a post is only replaced by a newer version). It builds the
// entries on every core and sorts each index once: putting posts one by one keeps the indexes
// sorted by moving their tails for every post, which grows with the square of the number of
// posts (minutes at 200,000).
func (c *Catalog) PutPosts(posts []*guildhall.Post) {
	entries := make([]*postEntry, len(posts))
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(posts); i += workers {
				entries[i] = newPostEntry(posts[i])
			}
		})
	}
	wg.Wait()

	c.mu.Lock()
	defer c.mu.Unlock()
	replaced := map[*postEntry]bool{}
	changed := false
	for _, e := range entries {
		if old, ok := c.posts[e.post.ID]; ok {
			if old.post.Version >= e.post.Version {
				continue
			}
			c.unindexPostLookups(old)
			replaced[old] = true
		}
		c.indexPostLookups(e, true)
		for o := range numOrders {
			c.sorted[o] = append(c.sorted[o], e)
		}
		changed = true
	}
	c.idx.finish()
	if !changed {
		return
	}
	for o := range numOrders {
		if len(replaced) > 0 {
			c.sorted[o] = slices.DeleteFunc(c.sorted[o], func(e *postEntry) bool { return replaced[e] })
		}
		slices.SortFunc(c.sorted[o], compareEntry(o))
	}
	c.generation.Add(1)
}
