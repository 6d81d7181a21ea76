// Package catalog is Guildhall's in-memory read model: every member, post and block, indexed
// for the queries the API answers (by slug, by date, by author, by tag, by name).
//
// Reads never wait on the database: the embedded engine scans a whole collection per query
// (docs/STORE.md), and a CMS's content fits in memory many times over. The catalog is filled
// at start, then kept current by the writes of this instance (at once) and of other instances
// (through the change log). Every Put is idempotent by version, so the same change may arrive
// by both paths.
package catalog

import (
	"cmp"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/guildhall/guildhall"
	"github.com/guildhall/guildhall/fold"
)

// Catalog holds the current state of all content. It is safe for concurrent use; stored
// values are immutable and replaced whole on change.
type Catalog struct {
	mu sync.RWMutex

	posts     map[string]*postEntry
	postSlugs map[string]string       // current and old slugs -> post ID
	postPaths map[string]string       // paths on a former site -> post ID (Post.OldPaths)
	sorted    [numOrders]*postOrder   // every post, ascending by (key, ID) per ordering
	byAuthor  map[string][]*postEntry // author ID -> posts, unordered
	byTag     map[string][]*postEntry // tag key (TagKey) -> posts, unordered
	tags      tagIndex                // the tag list: keys in order, names, live counts
	index     *searchIndex            // words -> posts and members, for search
	ranks     rankCache               // ranked results of recent searches
	removed   removals                // when posts left feeds, for Last-Modified

	// history holds every post's revisions, oldest first, as summaries without bodies.
	history map[string][]*guildhall.PostRevision
	// deleted remembers the tombstone version of each deleted post, block or webhook, so that
	// a late change-log entry for an older version cannot bring it back. A load puts in every
	// tombstone stored: the change log's window re-read at start may still hold the entity's
	// earlier versions.
	deleted map[string]int

	members       map[string]*memberEntry
	memberSlugs   map[string]string
	membersSorted []*memberEntry // ascending by (folded sort name, ID)

	blocks       map[string]guildhall.Block
	blocksSorted []guildhall.Block // ascending by ID, which sorts by creation time

	plans []guildhall.MembershipPlan

	webhooks map[string]*guildhall.Webhook
	assets   map[string]*guildhall.Asset
	live     liveTimes // per author, the publication and take-down times of their published posts
	// downs holds the take-down times of every published post that has one (Unix ns),
	// ascending, for NextChange; in a bulk load it is sorted once at the end.
	downs []int64

	generation atomic.Uint64

	// mapped is the snapshot file the catalog was read from (nil if it was not): posting
	// lists of the search index lie in it.
	mapped *mapping
}

// catalogs gives every catalog of the process its own range of generations, so a reload
// (a new catalog) never repeats a generation an older catalog had.
var catalogs atomic.Uint64

// New returns an empty catalog.
func New() *Catalog {
	c := &Catalog{
		posts:       map[string]*postEntry{},
		postSlugs:   map[string]string{},
		postPaths:   map[string]string{},
		byAuthor:    map[string][]*postEntry{},
		byTag:       map[string][]*postEntry{},
		tags:        newTagIndex(),
		history:     map[string][]*guildhall.PostRevision{},
		deleted:     map[string]int{},
		index:       newSearchIndex(),
		live:        newLiveTimes(),
		members:     map[string]*memberEntry{},
		memberSlugs: map[string]string{},
		blocks:      map[string]guildhall.Block{},
	}
	for o := range numOrders {
		c.sorted[o] = newPostOrder(o)
	}
	c.generation.Store(catalogs.Add(1) << 32)
	return c
}

// Generation changes whenever content changes; caches key on it.
func (c *Catalog) Generation() uint64 { return c.generation.Load() }

// orderings of the post indexes.
const (
	byPublished = iota
	byUpdated
	byTitle
	numOrders
)

func orderIndex(f guildhall.PostOrderField) int {
	switch f {
	case guildhall.OrderUpdatedAt:
		return byUpdated
	case guildhall.OrderTitle:
		return byTitle
	}
	return byPublished
}

// postEntry is a post with what its indexes need, computed once per revision.
type postEntry struct {
	post *guildhall.Post
	keys [numOrders]string
	tags []string // folded
	// terms is every distinct word anyone may search the post by, and hidden every other
	// word of a members-only body (postTerms), only until the search index has filed the
	// post under them: the index answers for them after.
	terms, hidden string
	title         string // folded words of the title, with a space before and after
	tagWords      string // folded words of the tags, with a space before and after
	removed       bool   // replaced or deleted; the search index drops it lazily
	slot          uint32 // its number in the search index
}

// timeKey renders t so that string order is time order.
func timeKey(t time.Time) string {
	n := t.UnixNano()
	if t.IsZero() || n < 0 {
		n = 0
	}
	s := strconv.FormatInt(n, 10)
	const width = 19
	if len(s) < width {
		s = "0000000000000000000"[:width-len(s)] + s
	}
	return s
}

// words is what the search index files a post under (postTerms): every distinct word anyone
// may search it by, and every other word of a members-only body.
type words struct{ open, hidden string }

// wordsOf is the words of p, whose body's plain text is text.
func wordsOf(p *guildhall.Post, text string) words {
	open, hidden := postTerms(p, text)
	return words{open, hidden}
}

// newPostEntry prepares the entry of p, filed under w.
func newPostEntry(p *guildhall.Post, w words) *postEntry {
	e := &postEntry{post: p}
	if p.PublishedAt != nil {
		e.keys[byPublished] = timeKey(*p.PublishedAt)
	} else {
		e.keys[byPublished] = timeKey(time.Time{})
	}
	e.keys[byUpdated] = timeKey(p.UpdatedAt)
	e.keys[byTitle] = fold.String(p.Title)
	e.tags = make([]string, len(p.Tags))
	for i, t := range p.Tags {
		e.tags[i] = TagKey(t)
	}
	e.title = " " + joinWords(fold.Words(p.Title)) + " "
	e.tagWords = " " + joinWords(tagWords(p)) + " "
	e.terms, e.hidden = w.open, w.hidden
	return e
}

// sameWords reports whether a and b are filed under the same words: the same title, tags,
// excerpt and visibility, and the very same body (a revision that only moved the post in its
// workflow, or changed its slug or blocks).
func sameWords(a, b *guildhall.Post) bool {
	return a.Title == b.Title && a.Excerpt == b.Excerpt && a.CustomExcerpt == b.CustomExcerpt && a.Visibility == b.Visibility &&
		a.Body.Same(b.Body) && slices.Equal(a.Tags, b.Tags)
}

func tagWords(p *guildhall.Post) []string {
	var words []string
	for _, t := range p.Tags {
		words = append(words, fold.Words(t)...)
	}
	return words
}

// postTerms is what the search index files the post under: every word of its title, text
// (with an excerpt the author wrote) and tags, folded, each once, sorted and joined by spaces. Of a members-only post, open
// holds only the words of its public text (title, tags and excerpt: what everyone is shown)
// and hidden the other words of its body, which only readers of the body may search by.
// Sorting here, while posts are prepared on a spare core at start, keeps it off the catalog
// lock. text is the plain text of the post's body.
func postTerms(p *guildhall.Post, text string) (open, hidden string) {
	all := append(append(fold.Words(p.Title), fold.Words(text)...), tagWords(p)...)
	if p.CustomExcerpt {
		all = append(all, fold.Words(p.Excerpt)...) // a teaser the author wrote is text of the post too
	}
	slices.Sort(all)
	all = slices.Compact(all)
	if p.Visibility != guildhall.VisibilityMembers {
		return joinWords(all), ""
	}
	public := append(append(fold.Words(p.Title), fold.Words(p.Excerpt)...), tagWords(p)...)
	slices.Sort(public)
	public = slices.Compact(public)
	var rest []string
	for _, w := range all {
		if _, found := slices.BinarySearch(public, w); !found {
			rest = append(rest, w)
		}
	}
	return joinWords(public), joinWords(rest)
}

func joinWords(words []string) string {
	n := 0
	for _, w := range words {
		n += len(w) + 1
	}
	b := make([]byte, 0, n)
	for i, w := range words {
		if i > 0 {
			b = append(b, ' ')
		}
		b = append(b, w...)
	}
	return string(b)
}

func compareEntry(o int) func(a, b *postEntry) int {
	return func(a, b *postEntry) int {
		return cmp.Or(cmp.Compare(a.keys[o], b.keys[o]), cmp.Compare(a.post.ID, b.post.ID))
	}
}

// PutPost adds or replaces a post, unless the catalog already has that version or a newer one.
func (c *Catalog) PutPost(p *guildhall.Post) { c.putPost(p, nil) }

// PutPostWithText is PutPost for a post whose body's plain text the caller holds (it has just
// rendered it): the search index takes the post's words from text rather than unpacking the
// body it was packed into a moment ago.
func (c *Catalog) PutPostWithText(p *guildhall.Post, text string) { c.putPost(p, &text) }

// putPost puts p; text, when not nil, is its body's plain text. The words of the post it
// replaces are found before the write lock is taken (unpacking and folding a body is the
// expensive part), and reused when the new revision has the same ones.
func (c *Catalog) putPost(p *guildhall.Post, text *string) {
	rev := guildhall.RevisionOf(p).Summary()
	if c.hasPostVersion(p.ID, p.Version) {
		// The change log brings this instance's own writes back: skip the folding, and only
		// complete the history.
		c.mu.Lock()
		defer c.mu.Unlock()
		if c.deleted[p.ID] <= p.Version {
			c.putRevision(rev)
		}
		return
	}
	// Outside the lock: unpacking and folding text is the expensive part.
	old, oldWords := c.currentWords(p.ID)
	var w words
	switch {
	case old != nil && sameWords(old.post, p):
		w = oldWords
	case text != nil:
		w = wordsOf(p, *text)
	default:
		w = wordsOf(p, p.Body.Text())
	}
	e := newPostEntry(p, w)
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.deleted[p.ID] > p.Version {
		return
	}
	c.putRevision(rev) // also when p is older than the current post: history is complete
	if cur, ok := c.posts[p.ID]; ok {
		if cur.post.Version >= p.Version {
			return
		}
		if cur != old { // replaced meanwhile: its words are not the ones found
			oldWords = wordsOf(cur.post, cur.post.Body.Text())
		}
		c.unindexPost(cur, oldWords)
	}
	c.indexPost(e)
	c.generation.Add(1)
}

// currentWords returns the entry of post id and the words it is filed under, or nil. It
// reads the body without holding the lock.
func (c *Catalog) currentWords(id string) (*postEntry, words) {
	c.mu.RLock()
	e := c.posts[id]
	c.mu.RUnlock()
	if e == nil {
		return nil, words{}
	}
	return e, wordsOf(e.post, e.post.Body.Text())
}

// hasPostVersion reports whether the catalog holds post id at version or newer.
func (c *Catalog) hasPostVersion(id string, version int) bool {
	c.mu.RLock()
	defer c.mu.RUnlock()
	old, ok := c.posts[id]
	return ok && old.post.Version >= version
}

// RemovePost deletes a post, at the time given, if the catalog's copy is older than the
// deletion.
func (c *Catalog) RemovePost(id string, version int, at time.Time) {
	found, w := c.currentWords(id) // outside the lock, as in putPost
	c.mu.Lock()
	defer c.mu.Unlock()
	c.removed.deleted = later(c.removed.deleted, at)
	c.deleted[id] = max(c.deleted[id], version)
	delete(c.history, id)
	delete(c.removed.posts, id) // counted as a deletion now
	old, ok := c.posts[id]
	if !ok || old.post.Version >= version {
		return
	}
	if old != found {
		w = wordsOf(old.post, old.post.Body.Text())
	}
	c.unindexPost(old, w)
	for slug, owner := range c.postSlugs {
		if owner == id {
			delete(c.postSlugs, slug)
		}
	}
	for _, path := range old.post.OldPaths {
		delete(c.postPaths, path)
	}
	c.generation.Add(1)
}

func (c *Catalog) indexPost(e *postEntry) {
	for o := range numOrders {
		c.sorted[o].insert(e)
	}
	c.indexPostLookups(e, false)
}

// indexPostLookups indexes e everywhere but in the sorted lists; in a bulk load (PutPosts)
// the per-author times are put in order once at the end.
func (c *Catalog) indexPostLookups(e *postEntry, bulk bool) {
	p := e.post
	c.live.add(p.AuthorID, p, bulk)
	if t, ok := downTime(p); ok {
		if bulk {
			c.downs = append(c.downs, t)
		} else {
			i, _ := slices.BinarySearch(c.downs, t)
			c.downs = slices.Insert(c.downs, i, t)
		}
	}
	c.posts[p.ID] = e
	c.postSlugs[p.Slug] = p.ID
	for _, s := range p.OldSlugs {
		c.postSlugs[s] = p.ID
	}
	for _, path := range p.OldPaths {
		c.postPaths[path] = p.ID
	}
	c.byAuthor[p.AuthorID] = append(c.byAuthor[p.AuthorID], e)
	for i, t := range e.tags {
		if slices.Index(e.tags, t) < i {
			continue // two spellings of one tag on one post (stored before tags were folded by slug)
		}
		c.tags.add(t, e, len(c.byTag[t]) == 0, bulk)
		c.byTag[t] = append(c.byTag[t], e)
	}
	c.index.addPost(e)
}

// unindexPost removes e, filed under w, from every index.
func (c *Catalog) unindexPost(e *postEntry, w words) {
	for o := range numOrders {
		c.sorted[o].remove(e)
	}
	c.unindexPostLookups(e, w)
}

// unindexPostLookups removes e, filed under w, from everywhere but the sorted lists.
func (c *Catalog) unindexPostLookups(e *postEntry, w words) {
	p := e.post
	c.live.remove(p.AuthorID, p)
	if t, ok := downTime(p); ok {
		if i, found := slices.BinarySearch(c.downs, t); found {
			c.downs = slices.Delete(c.downs, i, i+1)
		}
	}
	c.index.removePost(e, w)
	delete(c.posts, p.ID)
	c.byAuthor[p.AuthorID] = removeEntry(c.byAuthor[p.AuthorID], e)
	if len(c.byAuthor[p.AuthorID]) == 0 {
		delete(c.byAuthor, p.AuthorID)
	}
	for i, t := range e.tags {
		if slices.Index(e.tags, t) < i {
			continue
		}
		c.byTag[t] = removeEntry(c.byTag[t], e)
		c.tags.remove(t, e, c.byTag[t])
		if len(c.byTag[t]) == 0 {
			delete(c.byTag, t)
		}
	}
}

func removeEntry(list []*postEntry, e *postEntry) []*postEntry {
	return slices.DeleteFunc(list, func(x *postEntry) bool { return x == e })
}

// memberEntry is a member with the folded forms used for sorting and matching.
type memberEntry struct {
	member   *guildhall.Member
	sortKey  string // folded words of the sort name: directory order, ignoring punctuation
	initial  string
	search   string
	nameWord string // folded name words, for post search by author
	// namePrefix is the folded words of the name joined by single spaces, for
	// nameStartsWith, like sortKey for the sort name: "O’Brien, Siân" is "obrien sian", which
	// "o'brien s" and "OBRIEN, SIAN" both start, and which sorts before "odegaard".
	namePrefix string
}

func newMemberEntry(m *guildhall.Member) *memberEntry {
	e := &memberEntry{member: m, sortKey: joinWords(fold.Words(m.SortName)), initial: fold.Initial(m.SortName)}
	words := fold.Words(m.Name + " " + m.SortName)
	e.namePrefix = joinWords(fold.Words(m.Name))
	e.nameWord = " " + e.namePrefix + " "
	if m.Credentials != nil {
		words = append(words, fold.Words(*m.Credentials)...)
	}
	e.search = " " + joinWords(words) + " "
	return e
}

func compareMember(a, b *memberEntry) int {
	return cmp.Or(cmp.Compare(a.sortKey, b.sortKey), cmp.Compare(a.member.ID, b.member.ID))
}

// PutMember adds or replaces a member, unless the catalog has that version or a newer one.
func (c *Catalog) PutMember(m *guildhall.Member) {
	e := newMemberEntry(m)
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.deleted[m.ID] > m.Version {
		return // erased; a late change-log entry must not bring the member back
	}
	if old, ok := c.members[m.ID]; ok {
		if old.member.Version >= m.Version {
			return
		}
		if i, ok := slices.BinarySearchFunc(c.membersSorted, old, compareMember); ok {
			c.membersSorted = slices.Delete(c.membersSorted, i, i+1)
		}
		if old.member.Slug != m.Slug {
			// The old slug keeps pointing at the member, so links to it keep working.
			c.memberSlugs[old.member.Slug] = m.ID
		}
	}
	c.index.setMember(c.members[m.ID], e)
	c.members[m.ID] = e
	c.memberSlugs[m.Slug] = m.ID
	i, _ := slices.BinarySearchFunc(c.membersSorted, e, compareMember)
	c.membersSorted = slices.Insert(c.membersSorted, i, e)
	c.generation.Add(1)
}

// RemoveMember deletes a member (an erasure) if the catalog's copy is older than the
// deletion, with every slug that led to them. Their posts are the caller's to remove or
// reassign first.
func (c *Catalog) RemoveMember(id string, version int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.deleted[id] = max(c.deleted[id], version)
	old, ok := c.members[id]
	if !ok || old.member.Version >= version {
		return
	}
	if i, ok := slices.BinarySearchFunc(c.membersSorted, old, compareMember); ok {
		c.membersSorted = slices.Delete(c.membersSorted, i, i+1)
	}
	for slug, owner := range c.memberSlugs {
		if owner == id {
			delete(c.memberSlugs, slug)
		}
	}
	c.index.setMember(old, nil)
	delete(c.members, id)
	c.forgetActor(id)
	c.generation.Add(1)
}

// forgetActor names guildhall.ErasedActor wherever id is named as who saved a post or one of
// its revisions, as the erasure rewrites the stored revisions (ErasureStore.ForgetActor):
// the catalog then holds what a load from the database would, and so does its snapshot.
func (c *Catalog) forgetActor(id string) {
	for _, e := range c.posts {
		if e.post.UpdatedBy == id {
			p := *e.post
			p.UpdatedBy = guildhall.ErasedActor
			e.post = &p
		}
	}
	for postID, list := range c.history {
		var changed []*guildhall.PostRevision // a copy: readers may hold the list
		for i, r := range list {
			if r.SavedBy == id {
				if changed == nil {
					changed = slices.Clone(list)
				}
				v := *r
				v.SavedBy = guildhall.ErasedActor
				changed[i] = &v
			}
		}
		if changed != nil {
			c.history[postID] = changed
		}
	}
}

// PutBlock adds or replaces a block, unless the catalog has that version or a newer one.
func (c *Catalog) PutBlock(b guildhall.Block) {
	c.mu.Lock()
	defer c.mu.Unlock()
	id := b.BlockID()
	if c.deleted[id] > b.BlockVersion() {
		return
	}
	if old, ok := c.blocks[id]; ok {
		if old.BlockVersion() >= b.BlockVersion() {
			return
		}
		i, _ := slices.BinarySearchFunc(c.blocksSorted, id, compareBlockID)
		c.blocksSorted[i] = b
	} else {
		i, _ := slices.BinarySearchFunc(c.blocksSorted, id, compareBlockID)
		c.blocksSorted = slices.Insert(c.blocksSorted, i, b)
	}
	c.blocks[id] = b
	c.generation.Add(1)
}

// RemoveBlock deletes a block if the catalog's copy is older than the deletion.
func (c *Catalog) RemoveBlock(id string, version int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.deleted[id] = max(c.deleted[id], version)
	old, ok := c.blocks[id]
	if !ok || old.BlockVersion() >= version {
		return
	}
	delete(c.blocks, id)
	if i, ok := slices.BinarySearchFunc(c.blocksSorted, id, compareBlockID); ok {
		c.blocksSorted = slices.Delete(c.blocksSorted, i, i+1)
	}
	c.generation.Add(1)
}

func compareBlockID(b guildhall.Block, id string) int { return cmp.Compare(b.BlockID(), id) }

// SetPlans replaces the membership plans.
func (c *Catalog) SetPlans(plans []guildhall.MembershipPlan) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.plans = slices.Clone(plans)
	c.generation.Add(1)
}

// Plans lists the membership plans.
func (c *Catalog) Plans() []guildhall.MembershipPlan {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return slices.Clone(c.plans)
}

// Plan returns the plan with the code.
func (c *Catalog) Plan(code string) (guildhall.MembershipPlan, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	for _, p := range c.plans {
		if p.Code == code {
			return p, true
		}
	}
	return guildhall.MembershipPlan{}, false
}
