package catalog

import (
	"cmp"
	"fmt"
	"hash/fnv"
	"math"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/google/btree"

	"github.com/guildhall/guildhall"
	"github.com/guildhall/guildhall/cursor"
	"github.com/guildhall/guildhall/fold"
)

// Search is answered from an inverted index kept beside the posts: every folded word of a
// post's title, text and tags points at the posts that hold it, and every word of a member's
// name at the members. A query looks up the word with the fewest posts and checks only those,
// so its cost follows the number of posts that could match, not the number stored. The words
// are also kept sorted (a B-tree), so that the last word of a query, which the user may still
// be typing, finds every word it starts.
//
// A search matches only what its viewer may read. Each word's posts are in two lists: open,
// where anyone may find the post by the word (a public post, or the public text of a
// members-only one: title, tags, excerpt), and hidden, where only a members-only body holds
// it. A reader without access to those bodies never looks at the hidden lists, so no count,
// rank or page can tell that a hidden word is there.
type searchIndex struct {
	terms     *btree.BTreeG[string]   // every word in postings or nameTerms, sorted
	postings  map[string]*postingList // word -> posts whose title, text or tags hold it
	nameTerms map[string][]string     // word -> IDs of members whose name holds it
	// slots numbers the post entries the postings name. Lists hold slot numbers rather than
	// pointers: there are millions of them (a post holds a couple of hundred distinct words),
	// and as pointers they were most of what the garbage collector had to scan on every
	// cycle; as numbers they are plain memory it skips, at half the size.
	slots []*postEntry
	// dead counts slots of replaced or deleted entries; once they outnumber the live ones,
	// every list is renumbered without them.
	dead int
}

// postingList is the posts holding one word, as slots: open where anyone may find the post
// by it, hidden where only a members-only body holds it (each post is in one of the two). A
// replaced or deleted post is only marked removed, and skipped by readers; the lists are
// compacted once half of them is removed. So a write costs the same however many posts share
// its common words (eager removal would scan each of their lists), and a list is at most
// twice as long as the posts it holds.
type postingList struct {
	open, hidden []uint32
	removed      int
}

func (l *postingList) live() int { return len(l.open) + len(l.hidden) - l.removed }

func newSearchIndex() *searchIndex {
	return &searchIndex{
		terms:     btree.NewOrderedG[string](32),
		postings:  map[string]*postingList{},
		nameTerms: map[string][]string{},
	}
}

// distinctWords returns the distinct words of a space-separated word list, sorted.
func distinctWords(list string) []string {
	words := strings.Fields(list)
	slices.Sort(words)
	return slices.Compact(words)
}

func (x *searchIndex) addPost(e *postEntry) {
	e.slot = uint32(len(x.slots))
	x.slots = append(x.slots, e)
	open, hidden := e.terms, e.hidden
	e.terms, e.hidden = "", "" // the index answers for them now
	for _, w := range strings.Fields(open) {
		l := x.list(w)
		l.open = append(l.open, e.slot)
	}
	for _, w := range strings.Fields(hidden) {
		l := x.list(w)
		l.hidden = append(l.hidden, e.slot)
	}
}

// list returns the posting list of w, made empty if w is new.
func (x *searchIndex) list(w string) *postingList {
	l, ok := x.postings[w]
	if !ok {
		l = &postingList{}
		x.postings[x.remember(w)] = l
	}
	return l
}

// removePost drops e, which addPost filed under w (the caller found them, off the lock).
func (x *searchIndex) removePost(e *postEntry, w words) {
	e.removed = true
	gone := func(s uint32) bool { return x.slots[s].removed }
	for _, w := range append(strings.Fields(w.open), strings.Fields(w.hidden)...) {
		l := x.postings[w]
		if l.removed++; l.removed*2 < len(l.open)+len(l.hidden) {
			continue
		}
		l.open, l.hidden = slices.DeleteFunc(l.open, gone), slices.DeleteFunc(l.hidden, gone)
		l.removed = 0
		if len(l.open)+len(l.hidden) == 0 {
			delete(x.postings, w)
			x.forget(w)
		}
	}
	// The slot stays taken (lists still name it) until the next renumbering, but not by e:
	// a replaced post, its body and its entry are garbage now, not at the next renumbering.
	x.slots[e.slot] = vacated
	if x.dead++; x.dead > len(x.slots)/2 && x.dead >= minRenumber {
		x.renumber()
	}
}

// vacated holds the slot of a replaced or deleted post until the slots are renumbered.
var vacated = &postEntry{removed: true}

// minRenumber keeps a small catalog from renumbering on every other write.
const minRenumber = 1024

// renumber gives the live entries slots 0..n-1 and drops removed ones from every list:
// work in proportion to the whole index, done once per as many writes as there are posts.
func (x *searchIndex) renumber() {
	moved := make([]uint32, len(x.slots))
	live := x.slots[:0:0]
	for s, e := range x.slots {
		if !e.removed {
			moved[s] = uint32(len(live))
			e.slot = uint32(len(live))
			live = append(live, e)
		}
	}
	renumbered := func(slots []uint32) []uint32 {
		kept := slots[:0]
		for _, s := range slots {
			if !x.slots[s].removed {
				kept = append(kept, moved[s])
			}
		}
		return kept
	}
	for w, l := range x.postings {
		l.open, l.hidden, l.removed = renumbered(l.open), renumbered(l.hidden), 0
		if len(l.open)+len(l.hidden) == 0 {
			delete(x.postings, w)
			x.forget(w)
		}
	}
	x.slots, x.dead = live, 0
}

// setMember replaces the name words of a member (old is nil for a new member).
func (x *searchIndex) setMember(old, e *memberEntry) {
	var id string
	if e != nil {
		id = e.member.ID
	} else if old != nil {
		id = old.member.ID
	}
	if old != nil {
		for _, w := range distinctWords(old.nameWord) {
			if list := slices.DeleteFunc(x.nameTerms[w], func(m string) bool { return m == id }); len(list) > 0 {
				x.nameTerms[w] = list
			} else {
				delete(x.nameTerms, w)
				x.forget(w)
			}
		}
	}
	if e == nil { // removed
		return
	}
	for _, w := range distinctWords(e.nameWord) {
		w = x.remember(w)
		x.nameTerms[w] = append(x.nameTerms[w], id)
	}
}

// remember adds w to the sorted words if it is new, and returns the string to key it by: a
// copy of a new word, so the key does not keep the whole text it was cut from alive.
func (x *searchIndex) remember(w string) string {
	_, inPosts := x.postings[w]
	_, inNames := x.nameTerms[w]
	if inPosts || inNames {
		return w
	}
	w = strings.Clone(w)
	x.terms.ReplaceOrInsert(w)
	return w
}

// forget drops w from the sorted words once no post or member holds it.
func (x *searchIndex) forget(w string) {
	_, inPosts := x.postings[w]
	_, inNames := x.nameTerms[w]
	if !inPosts && !inNames {
		x.terms.Delete(w)
	}
}

// eachTerm calls fn for the word itself, or, for a prefix, for every word that starts with
// it, until fn returns false.
func (x *searchIndex) eachTerm(word string, prefix bool, fn func(term string) bool) {
	if !prefix {
		fn(word)
		return
	}
	x.terms.AscendGreaterOrEqual(word, func(t string) bool {
		return strings.HasPrefix(t, word) && fn(t)
	})
}

// reader is what of members-only bodies a search may match: every one (staff, members in
// good standing), only the viewer's own (an author whose membership has lapsed), or none.
type reader struct {
	v        *guildhall.Viewer
	all, own bool
}

func readerOf(v *guildhall.Viewer) reader {
	all := v.CanReadMembersBodies()
	return reader{v: v, all: all, own: !all && v.Role.AtLeast(guildhall.RoleAuthor) && v.MemberID != ""}
}

// key names the reader in the rank cache: readers who may match the same posts share lists.
func (r reader) key() string {
	switch {
	case r.all:
		return "all"
	case r.own:
		return "own:" + r.v.MemberID
	}
	return "public"
}

// count estimates how many posts of the list may match for the reader.
func (r reader) count(l *postingList) int {
	if r.all || r.own {
		return l.live()
	}
	return len(l.open)
}

// hidden returns the hidden slots of the list the reader may match, and whether each must
// be checked with mayRead first. (Loops over slots are the hot path of a search: they stay
// plain loops rather than calls of a function per slot.)
func (r reader) hidden(l *postingList) (slots []uint32, check bool) {
	switch {
	case r.all:
		return l.hidden, false
	case r.own:
		return l.hidden, true
	}
	return nil, false
}

// mayRead reports whether the reader may match the hidden words of the entry.
func (r reader) mayRead(e *postEntry) bool { return !e.removed && r.v.IsAuthorOf(e.post) }

// estimate counts the posts the word can match (with repeats), stopping once it passes limit.
func (c *Catalog) estimate(r reader, word string, prefix bool, limit int) int {
	n := 0
	c.index.eachTerm(word, prefix, func(t string) bool {
		if l, ok := c.index.postings[t]; ok {
			n += r.count(l)
		}
		for _, m := range c.index.nameTerms[t] {
			n += len(c.byAuthor[m])
		}
		return n < limit
	})
	return n
}

// eachPost calls fn for every post the word can match for the reader, possibly more than
// once.
func (c *Catalog) eachPost(r reader, word string, prefix bool, fn func(e *postEntry)) {
	c.index.eachTerm(word, prefix, func(t string) bool {
		if l, ok := c.index.postings[t]; ok {
			for _, slot := range l.open {
				if e := c.index.slots[slot]; !e.removed {
					fn(e)
				}
			}
			hidden, check := r.hidden(l)
			for _, slot := range hidden {
				if e := c.index.slots[slot]; !e.removed && (!check || r.mayRead(e)) {
					fn(e)
				}
			}
		}
		for _, m := range c.index.nameTerms[t] {
			for _, e := range c.byAuthor[m] {
				fn(e)
			}
		}
		return true
	})
}

// authorWords is the folded name of the post's author, for matching.
func (c *Catalog) authorWords(e *postEntry) string {
	if m, ok := c.members[e.post.AuthorID]; ok {
		return m.nameWord
	}
	return ""
}

// query is a search's words with what finds them, made once per search rather than once per
// post.
type query struct {
	reader reader // whose search it is
	words  []string
	whole  []string // " word ": the word itself, in a space-delimited word list
	start  []string // " word": a word that starts with it
	// posts[i] is a set of slots: the posts whose title, text or tags hold word i (or, for
	// the last word, a word it starts) where the reader may find them. It is made the first
	// time word i is checked, under the read lock of that check, since slots are renumbered
	// under the write lock.
	posts [][]uint64
}

func newQuery(v *guildhall.Viewer, words []string) *query {
	q := &query{reader: readerOf(v), words: words}
	for _, w := range words {
		q.whole, q.start = append(q.whole, " "+w+" "), append(q.start, " "+w)
	}
	return q
}

// in reports whether word i is in the list, or, for the last word, starts a word in it.
func (q *query) in(list string, i int) bool {
	if i == len(q.words)-1 {
		return strings.Contains(list, q.start[i])
	}
	return strings.Contains(list, q.whole[i])
}

// hasWords reports whether every word but words[skip] occurs in the post's title, text or
// tags or in its author's name; the last word may be the start of a word.
func (c *Catalog) hasWords(e *postEntry, q *query, skip int) bool {
	author := c.authorWords(e)
	for i := range q.words {
		if i != skip && !c.holds(q, i, e) && !q.in(author, i) {
			return false
		}
	}
	return true
}

// holds reports whether the post's title, text or tags hold word i of the query (or, for the
// last word, a word it starts). The first check of a word sets a bit for each post of its
// posting lists: as much work as the word's posts, however many posts are then checked.
func (c *Catalog) holds(q *query, i int, e *postEntry) bool {
	if q.posts == nil {
		q.posts = make([][]uint64, len(q.words))
	}
	set := q.posts[i]
	if set == nil {
		set = make([]uint64, (len(c.index.slots)+63)/64)
		c.index.eachTerm(q.words[i], i == len(q.words)-1, func(t string) bool {
			if l, ok := c.index.postings[t]; ok {
				for _, s := range l.open {
					set[s/64] |= 1 << (s % 64)
				}
				hidden, check := q.reader.hidden(l)
				for _, s := range hidden {
					if !check || q.reader.mayRead(c.index.slots[s]) {
						set[s/64] |= 1 << (s % 64)
					}
				}
			}
			return true
		})
		q.posts[i] = set
	}
	return set[e.slot/64]&(1<<(e.slot%64)) != 0
}

// searchMatches returns every post that holds all the words, in no particular order. Only
// the posts of the rarest word are checked.
func (c *Catalog) searchMatches(q *query) []*postEntry {
	words := q.words
	last := len(words) - 1
	best, bestN := 0, math.MaxInt
	for i, w := range words {
		if n := c.estimate(q.reader, w, i == last, bestN); n < bestN {
			best, bestN = i, n
		}
	}
	seen := make(map[*postEntry]struct{}, bestN)
	var out []*postEntry
	c.eachPost(q.reader, words[best], best == last, func(e *postEntry) {
		if _, dup := seen[e]; dup {
			return
		}
		seen[e] = struct{}{}
		if c.hasWords(e, q, best) {
			out = append(out, e)
		}
	})
	return out
}

// Weights of where a query word is found. A word found only as the start of a longer word
// (the last word of the query) counts half.
const (
	weightTitle  = 10
	weightTag    = 6
	weightAuthor = 4
	weightText   = 1
	weightPhrase = 10 // the whole query, in order, in the title
)

// relevance scores how well the post matches the query: the same post and words always score
// the same, so a cursor keeps its place.
func (c *Catalog) relevance(e *postEntry, q *query, phrase string) int {
	author := c.authorWords(e)
	score := 0
	for i := range q.words {
		s := q.score(e.title, i, weightTitle) + q.score(e.tagWords, i, weightTag) + q.score(author, i, weightAuthor)
		if s == 0 {
			s = weightText // it matched, so it is in the text
		}
		score += s
	}
	if phrase != "" && strings.Contains(e.title, phrase) {
		score += weightPhrase
	}
	return score
}

// score is the weight of a list that holds word i, half that if only the start of a word.
func (q *query) score(list string, i, weight int) int {
	switch {
	case strings.Contains(list, q.whole[i]):
		return weight
	case i == len(q.words)-1 && strings.Contains(list, q.start[i]):
		return weight / 2
	}
	return 0
}

// rankedList is every post matching a search, ascending by (score, publication time, ID):
// walked backwards, most relevant and newest first. The cursor key of an entry is its score
// and publication time, made only for the entries a page visits.
type rankedList struct {
	generation uint64
	entries    []*postEntry
	scores     []int32
}

// key is the cursor key of the entry at position i.
func (r *rankedList) key(i int, e *postEntry) string {
	return fmt.Sprintf("%06d:%s", r.scores[i], e.keys[byPublished])
}

// rankCache keeps the ranked lists of recent searches, so that the next page of a search
// costs a binary search rather than a new ranking. Lists are good for one generation; the
// cache holds at most rankCacheBudget entries in all (12 bytes each), and starts over when
// that is reached.
type rankCache struct {
	mu      sync.Mutex
	lists   map[string]*rankedList
	entries int
}

const rankCacheBudget = 1 << 20

// ranked returns the posts matching words for the viewer, ranked. The caller holds c.mu for
// reading.
func (c *Catalog) ranked(v *guildhall.Viewer, words []string) *rankedList {
	q := newQuery(v, words)
	joined := strings.Join(words, " ")
	key := q.reader.key() + "\x00" + joined
	gen := c.generation.Load()
	c.ranks.mu.Lock()
	r, ok := c.ranks.lists[key]
	c.ranks.mu.Unlock()
	if ok && r.generation == gen {
		return r
	}
	phrase := "" // the whole query, the last word as a prefix
	if len(words) > 1 {
		phrase = " " + joined
	}
	matches := c.searchMatches(q)
	type scored struct {
		e     *postEntry
		score int32
	}
	list := make([]scored, len(matches))
	for i, e := range matches {
		list[i] = scored{e, int32(c.relevance(e, q, phrase))}
	}
	slices.SortFunc(list, func(a, b scored) int {
		return cmp.Or(cmp.Compare(a.score, b.score), cmp.Compare(a.e.keys[byPublished], b.e.keys[byPublished]), cmp.Compare(a.e.post.ID, b.e.post.ID))
	})
	r = &rankedList{generation: gen, entries: make([]*postEntry, len(list)), scores: make([]int32, len(list))}
	for i, s := range list {
		r.entries[i], r.scores[i] = s.e, s.score
	}
	c.ranks.mu.Lock()
	defer c.ranks.mu.Unlock()
	if c.ranks.lists == nil || c.ranks.entries+len(list) > rankCacheBudget {
		c.ranks.lists, c.ranks.entries = map[string]*rankedList{}, 0
	}
	if old, ok := c.ranks.lists[key]; ok {
		c.ranks.entries -= len(old.entries)
	}
	c.ranks.lists[key] = r
	c.ranks.entries += len(list)
	return r
}

// relevanceOrder names the ordering of one search's results in its cursors, so that a cursor
// from one search is refused by another, whose scores mean something else.
func relevanceOrder(words []string) string {
	h := fnv.New64a()
	_, _ = h.Write([]byte(strings.Join(words, " ")))
	return fmt.Sprintf("posts:%s:%016x", guildhall.OrderRelevance, h.Sum64())
}

// relevancePosts answers a search ordered by relevance, then newest first.
func (c *Catalog) relevancePosts(v *guildhall.Viewer, now time.Time, q guildhall.PostQuery, words []string) (*guildhall.Page[*guildhall.Post], error) {
	order := relevanceOrder(words)
	after, err := parseAfter(q.After, order)
	if err != nil {
		return nil, err
	}
	// The ranked list holds only matches: the filter need not check the words again.
	rest := q
	rest.Search = ""
	c.mu.RLock()
	defer c.mu.RUnlock()
	r := c.ranked(v, words)
	f := c.newPostFilter(v, now, &rest)
	match := func(e *postEntry) bool { return !f.none && f.match(c, e) }
	page := walkPage(entrySlice(r.entries), len(r.entries), r.key, after, q.Direction != guildhall.Asc, q.First, order, match)
	page.Total = func() int {
		c.mu.RLock()
		defer c.mu.RUnlock()
		r := c.ranked(v, words)
		f := c.newPostFilter(v, now, &rest)
		n := 0
		for _, e := range r.entries {
			if !f.none && f.match(c, e) {
				n++
			}
		}
		return n
	}
	return page, nil
}

// parseAfter parses an "after" cursor of the ordering; nil when there is none.
func parseAfter(after, order string) (*cursor.Cursor, error) {
	if after == "" {
		return nil, nil
	}
	c, err := cursor.Parse(after, order)
	if err != nil {
		return nil, guildhall.InvalidCursor()
	}
	return &c, nil
}

// walkPage reads one page from list, sorted ascending by (key, ID), where key(i, e) is the
// key of the entry at position i; only its first n entries count: the posts that match,
// after the cursor in the walking direction (backwards when desc), up to first of them.
func walkPage(list postList, n int, key func(i int, e *postEntry) string, after *cursor.Cursor, desc bool, first int, order string, match func(*postEntry) bool) *guildhall.Page[*guildhall.Post] {
	start := 0
	if desc {
		start = n - 1
	}
	if after != nil {
		i := min(n, list.Search(func(i int, e *postEntry) bool {
			return cmp.Or(cmp.Compare(key(i, e), after.Key), cmp.Compare(e.post.ID, after.ID)) >= 0
		}))
		found := false
		if i < n {
			e := list.At(i)
			found = key(i, e) == after.Key && e.post.ID == after.ID
		}
		switch {
		case desc:
			start = i - 1
		case found:
			start = i + 1
		default:
			start = i
		}
	}
	page := &guildhall.Page[*guildhall.Post]{HasPreviousPage: after != nil}
	var keys []string
	page.Cursor = func(i int) string {
		return cursor.Cursor{Order: order, Key: keys[i], ID: page.Items[i].ID}.String()
	}
	if start < 0 || start >= n {
		return page
	}
	list.Walk(start, desc, func(i int, e *postEntry) bool {
		if i >= n {
			return false
		}
		if !match(e) {
			return true
		}
		if len(page.Items) == first {
			page.HasNextPage = true
			return false
		}
		page.Items = append(page.Items, e.post)
		keys = append(keys, key(i, e))
		return true
	})
	return page
}

// searchCandidates returns, sorted by ordering o, a list holding every post that matches the
// query. When the words match a large share of all posts, walking the whole sorted list finds
// a page sooner than sorting the matches, so that list is returned instead.
func (c *Catalog) searchCandidates(q *query, o int) postList {
	all := c.sorted[o].Len()
	last := len(q.words) - 1
	smallest := math.MaxInt
	for i, w := range q.words {
		smallest = min(smallest, c.estimate(q.reader, w, i == last, smallest))
	}
	if smallest > all/4 {
		return c.sorted[o]
	}
	list := c.searchMatches(q)
	slices.SortFunc(list, compareEntry(o))
	return entrySlice(list)
}

// searchWords is the query as folded words, the form every search path uses.
func searchWords(q string) []string { return fold.Words(q) }
