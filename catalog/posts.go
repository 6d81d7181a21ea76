package catalog

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/guildhall/guildhall"
)

// Post returns the post with the ID, if the viewer may see it.
func (c *Catalog) Post(v *guildhall.Viewer, now time.Time, id string) (*guildhall.Post, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	e, ok := c.posts[id]
	if !ok || !v.CanSeePost(e.post, now) {
		return nil, false
	}
	return e.post, true
}

// PostBySlug returns the post answering to slug (its current slug or an old one), if the
// viewer may see it.
func (c *Catalog) PostBySlug(v *guildhall.Viewer, now time.Time, slug string) (*guildhall.Post, bool) {
	c.mu.RLock()
	id, ok := c.postSlugs[slug]
	c.mu.RUnlock()
	if !ok {
		return nil, false
	}
	return c.Post(v, now, id)
}

// PostSlugOwner returns the ID of the post that answers to slug, whoever may see it; writes
// use it to keep slugs unique.
func (c *Catalog) PostSlugOwner(slug string) string {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.postSlugs[slug]
}

// PostByOldPath returns the post that had path on a former site (Post.OldPaths), if the
// viewer may see it.
func (c *Catalog) PostByOldPath(v *guildhall.Viewer, now time.Time, path string) (*guildhall.Post, bool) {
	c.mu.RLock()
	id, ok := c.postPaths[path]
	c.mu.RUnlock()
	if !ok {
		return nil, false
	}
	return c.Post(v, now, id)
}

// PostsByAuthor returns every post of the member, in any status.
func (c *Catalog) PostsByAuthor(memberID string) []*guildhall.Post {
	c.mu.RLock()
	defer c.mu.RUnlock()
	out := make([]*guildhall.Post, 0, len(c.byAuthor[memberID]))
	for _, e := range c.byAuthor[memberID] {
		out = append(out, e.post)
	}
	return out
}

// PostDeleted reports whether the post with the ID was deleted: an import must not bring it back.
func (c *Catalog) PostDeleted(id string) bool {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.deleted[id] > 0
}

// postFilter is a PostQuery made ready to test entries against.
type postFilter struct {
	v      *guildhall.Viewer
	now    time.Time
	q      *guildhall.PostQuery
	tag    string
	words  []string
	query  *query // the words, ready to match
	author string // author ID
	none   bool   // the query can match nothing (unknown author)
}

func (c *Catalog) newPostFilter(v *guildhall.Viewer, now time.Time, q *guildhall.PostQuery) *postFilter {
	f := &postFilter{v: v, now: now, q: q, author: q.AuthorID}
	if q.AuthorSlug != "" {
		id, ok := c.memberSlugs[q.AuthorSlug]
		if !ok || (f.author != "" && f.author != id) {
			f.none = true
		}
		f.author = id
	}
	if q.Tag != "" {
		f.tag = TagKey(q.Tag)
	}
	if q.Search != "" {
		f.words = searchWords(q.Search)
		f.query = newQuery(v, f.words)
	}
	return f
}

// match reports whether the entry is in the result. Posts the viewer may not see never are,
// so lists, counts and pages agree with post(id:).
func (f *postFilter) match(c *Catalog, e *postEntry) bool {
	p := e.post
	if f.author != "" && p.AuthorID != f.author {
		return false
	}
	status := p.StatusAt(f.now)
	want := f.q.Status
	if want == "" && f.q.AwaitingReview == nil {
		want = guildhall.PostPublished
	}
	if (want != "" && status != want) || !f.v.CanSeePost(p, f.now) {
		return false
	}
	if f.q.AwaitingReview != nil && awaitingReview(f.v, p, status) != *f.q.AwaitingReview {
		return false
	}
	if f.q.Visibility != "" && p.Visibility != f.q.Visibility {
		return false
	}
	if f.q.PublishedAfter != nil && (p.PublishedAt == nil || !p.PublishedAt.After(*f.q.PublishedAfter)) {
		return false
	}
	if f.q.PublishedBefore != nil && (p.PublishedAt == nil || !p.PublishedAt.Before(*f.q.PublishedBefore)) {
		return false
	}
	if f.tag != "" && !slices.Contains(e.tags, f.tag) {
		return false
	}
	// Every word must occur; the last one may be a prefix, as the user is still typing.
	return f.query == nil || c.hasWords(e, f.query, -1)
}

// awaitingReview reports whether the post waits for an editor, as far as the viewer may
// know: it is IN_REVIEW, or its pending changes (which only its author and staff see) are
// submitted.
func awaitingReview(v *guildhall.Viewer, p *guildhall.Post, status guildhall.PostStatus) bool {
	if status == guildhall.PostInReview {
		return true
	}
	live := status == guildhall.PostPublished || status == guildhall.PostScheduled
	return live && p.Pending != nil && p.Pending.InReview && v.CanSeeRevisions(p)
}

// containsWord reports whether the space-delimited list holds word (or a word starting with
// it, when prefix is set).
func containsWord(list, word string, prefix bool) bool {
	needle := " " + word
	if !prefix {
		needle += " "
	}
	return strings.Contains(list, needle)
}

// Posts answers a post query for the viewer at now.
//
// A search without an explicit order (or with RELEVANCE) is ranked by relevance, then newest
// first; with another order the search only filters.
func (c *Catalog) Posts(v *guildhall.Viewer, now time.Time, q guildhall.PostQuery) (*guildhall.Page[*guildhall.Post], error) {
	if words := searchWords(q.Search); len(words) > 0 && (q.OrderBy == "" || q.OrderBy == guildhall.OrderRelevance) {
		return c.relevancePosts(v, now, q, words)
	}
	o := orderIndex(q.OrderBy)
	order := "posts:" + string(cmp.Or(q.OrderBy, guildhall.OrderPublishedAt))
	desc := q.Direction != guildhall.Asc
	after, err := parseAfter(q.After, order)
	if err != nil {
		return nil, err
	}

	c.mu.RLock()
	defer c.mu.RUnlock()
	f := c.newPostFilter(v, now, &q)
	list := c.postCandidates(f, o)

	n := list.Len()
	if o == byPublished && desc && q.AwaitingReview == nil && (q.Status == "" || q.Status == guildhall.PostPublished) {
		// Scheduled posts sort after now and are not listed yet: leave them out of the walk
		// rather than test each of them.
		key := timeKey(now)
		n = list.Search(func(_ int, e *postEntry) bool { return e.keys[byPublished] > key })
	}
	key := func(_ int, e *postEntry) string { return e.keys[o] }
	page := walkPage(list, n, key, after, desc, q.First, order, func(e *postEntry) bool { return !f.none && f.match(c, e) })
	page.Total = func() int {
		c.mu.RLock()
		defer c.mu.RUnlock()
		f := c.newPostFilter(v, now, &q)
		if f.none {
			return 0
		}
		n := 0
		c.postCandidates(f, o).Walk(0, false, func(_ int, e *postEntry) bool {
			if f.match(c, e) {
				n++
			}
			return true
		})
		return n
	}
	return page, nil
}

// postCandidates returns, sorted by ordering o, a list that holds every post the filter can
// match: the author's or the tag's posts when the filter names one, which are few, else all.
func (c *Catalog) postCandidates(f *postFilter, o int) postList {
	var small []*postEntry
	switch {
	case f.author != "":
		small = c.byAuthor[f.author]
	case f.tag != "":
		small = c.byTag[f.tag]
	case len(f.words) > 0:
		return c.searchCandidates(f.query, o)
	default:
		return c.sorted[o]
	}
	sorted := slices.Clone(small)
	slices.SortFunc(sorted, compareEntry(o))
	return entrySlice(sorted)
}

// LivePostCount counts the author's published posts whose time has come: what
// publishedPostCount and the directory report.
func (c *Catalog) LivePostCount(authorID string, now time.Time) int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.livePostCount(authorID, now)
}

func (c *Catalog) livePostCount(authorID string, now time.Time) int {
	return c.live.count(authorID, now)
}

// Related returns up to first posts that share tags or the author with p, most shared tags
// first, then newest; never p itself, only what the viewer may see.
func (c *Catalog) Related(v *guildhall.Viewer, now time.Time, p *guildhall.Post, first int) []*guildhall.Post {
	c.mu.RLock()
	defer c.mu.RUnlock()
	self, ok := c.posts[p.ID]
	if !ok {
		return nil
	}
	score := map[*postEntry]int{}
	for _, t := range self.tags {
		for _, e := range c.byTag[t] {
			score[e] += 2
		}
	}
	for _, e := range c.byAuthor[p.AuthorID] {
		score[e]++
	}
	delete(score, self)
	type scored struct {
		e *postEntry
		n int
	}
	var out []scored
	for e, n := range score {
		if e.post.IsLive(now) && v.CanSeePost(e.post, now) {
			out = append(out, scored{e, n})
		}
	}
	slices.SortFunc(out, func(a, b scored) int {
		return cmp.Or(cmp.Compare(b.n, a.n), -compareEntry(byPublished)(a.e, b.e))
	})
	posts := make([]*guildhall.Post, 0, min(first, len(out)))
	for _, s := range out[:min(first, len(out))] {
		posts = append(posts, s.e.post)
	}
	return posts
}
