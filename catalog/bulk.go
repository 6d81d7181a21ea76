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
func (c *Catalog) PutPosts(posts []*guildhall.Post) { c.PutPrepared(nil, posts) }

// Preparer builds catalog entries for posts while they are still being read from the
// database, on the cores the database leaves idle, so that putting them in the catalog
// afterwards (PutPrepared) finds most of the work done.
type Preparer struct {
	in      chan *guildhall.Post
	stop    sync.Once
	wg      sync.WaitGroup
	mu      sync.Mutex
	entries map[*guildhall.Post]*postEntry
}

// NewPreparer starts a preparer. Give it posts with Add, then pass it to PutPrepared.
func NewPreparer() *Preparer {
	p := &Preparer{in: make(chan *guildhall.Post, 1024), entries: map[*guildhall.Post]*postEntry{}}
	// One core fewer than there are: the database reading the content is the critical path.
	for range max(1, runtime.GOMAXPROCS(0)-1) {
		p.wg.Go(func() {
			for post := range p.in {
				e := newPostEntry(post, wordsOf(post, post.Body.Text()))
				p.mu.Lock()
				p.entries[post] = e
				p.mu.Unlock()
			}
		})
	}
	return p
}

// Add queues a post (which may yet turn out to be superseded by a newer revision).
func (p *Preparer) Add(post *guildhall.Post) { p.in <- post }

// Stop ends the preparer's work (PutPrepared does, so call it only when abandoning a load).
// Add must not be called after.
func (p *Preparer) Stop() {
	p.stop.Do(func() { close(p.in) })
	p.wg.Wait()
}

// makeEntries makes the entry of each post with entryOf, on every core.
func makeEntries(posts []*guildhall.Post, entryOf func(*guildhall.Post) *postEntry) []*postEntry {
	entries := make([]*postEntry, len(posts))
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(posts); i += workers {
				entries[i] = entryOf(posts[i])
			}
		})
	}
	wg.Wait()
	return entries
}

// PutPrepared is PutPosts using the entries p prepared (p may be nil). It stops p.
func (c *Catalog) PutPrepared(p *Preparer, posts []*guildhall.Post) {
	var prepared map[*guildhall.Post]*postEntry
	if p != nil {
		p.Stop()
		prepared = p.entries
	}
	entries := makeEntries(posts, func(p *guildhall.Post) *postEntry {
		if e, ok := prepared[p]; ok {
			return e
		}
		return newPostEntry(p, wordsOf(p, p.Body.Text()))
	})

	c.mu.Lock()
	defer c.mu.Unlock()
	replaced := map[*postEntry]bool{}
	var added []*postEntry
	for _, e := range entries {
		p := e.post
		if c.deleted[p.ID] > p.Version {
			continue
		}
		c.putRevision(guildhall.RevisionOf(p).Summary()) // as PutPost: the history is complete
		if old, ok := c.posts[p.ID]; ok {
			if old.post.Version >= e.post.Version {
				continue
			}
			c.unindexPostLookups(old, wordsOf(old.post, old.post.Body.Text()))
			replaced[old] = true
		}
		c.indexPostLookups(e, true)
		added = append(added, e)
	}
	c.live.finish()
	c.tags.finish()
	slices.Sort(c.downs)
	if len(added) == 0 {
		return
	}
	for o := range numOrders {
		list := append(c.sorted[o].all(), added...)
		if len(replaced) > 0 {
			list = slices.DeleteFunc(list, func(e *postEntry) bool { return replaced[e] })
		}
		slices.SortFunc(list, compareEntry(o))
		c.sorted[o].set(list)
	}
	c.generation.Add(1)
}
