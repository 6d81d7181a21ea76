package catalog

import (
	"cmp"
	"fmt"
	"hash/fnv"
	"math"
	"slices"
	"sort"
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
type searchIndex struct {
	terms     *btree.BTreeG[string]   // every word in postings or nameTerms, sorted
	postings  map[string][]*postEntry // word -> posts whose title, text or tags hold it
	nameTerms map[string][]string     // word -> IDs of members whose name holds it
}

func newSearchIndex() *searchIndex {
	return &searchIndex{
		terms:     btree.NewOrderedG[string](32),
		postings:  map[string][]*postEntry{},
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
	for _, w := range distinctWords(e.search) {
		list, ok := x.postings[w]
		if !ok {
			// A copy, so the key does not keep this revision's whole text alive.
			w = strings.Clone(w)
			x.terms.ReplaceOrInsert(w)
		}
		x.postings[w] = append(list, e)
	}
}

func (x *searchIndex) removePost(e *postEntry) {
	for _, w := range distinctWords(e.search) {
		list := removeEntry(x.postings[w], e)
		if len(list) > 0 {
			x.postings[w] = list
			continue
		}
		delete(x.postings, w)
		if _, ok := x.nameTerms[w]; !ok {
			x.terms.Delete(w)
		}
	}
}

// setMember replaces the name words of a member (old is nil for a new member).
func (x *searchIndex) setMember(old, e *memberEntry) {
	id := e.member.ID
	if old != nil {
		for _, w := range distinctWords(old.nameWord) {
			list := slices.DeleteFunc(x.nameTerms[w], func(m string) bool { return m == id })
			if len(list) > 0 {
				x.nameTerms[w] = list
				continue
			}
			delete(x.nameTerms, w)
			if _, ok := x.postings[w]; !ok {
				x.terms.Delete(w)
			}
		}
	}
	for _, w := range distinctWords(e.nameWord) {
		list, ok := x.nameTerms[w]
		if !ok {
			w = strings.Clone(w)
			x.terms.ReplaceOrInsert(w)
		}
		x.nameTerms[w] = append(list, id)
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

// estimate counts the posts the word can match (with repeats), stopping once it passes limit.
func (c *Catalog) estimate(word string, prefix bool, limit int) int {
	n := 0
	c.index.eachTerm(word, prefix, func(t string) bool {
		n += len(c.index.postings[t])
		for _, m := range c.index.nameTerms[t] {
			n += len(c.byAuthor[m])
		}
		return n < limit
	})
	return n
}

// eachPost calls fn for every post the word can match, possibly more than once.
func (c *Catalog) eachPost(word string, prefix bool, fn func(e *postEntry)) {
	c.index.eachTerm(word, prefix, func(t string) bool {
		for _, e := range c.index.postings[t] {
			fn(e)
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

// hasWords reports whether every word but words[skip] occurs in the post's title, text or
// tags or in its author's name; the last word may be the start of a word.
func (c *Catalog) hasWords(e *postEntry, words []string, skip int) bool {
	author := c.authorWords(e)
	for i, w := range words {
		if i == skip {
			continue
		}
		last := i == len(words)-1
		if !containsWord(e.search, w, last) && !containsWord(author, w, last) {
			return false
		}
	}
	return true
}

// searchMatches returns every post that holds all the words, in no particular order. Only
// the posts of the rarest word are checked.
func (c *Catalog) searchMatches(words []string) []*postEntry {
	last := len(words) - 1
	best, bestN := 0, math.MaxInt
	for i, w := range words {
		if n := c.estimate(w, i == last, bestN); n < bestN {
			best, bestN = i, n
		}
	}
	seen := make(map[*postEntry]struct{}, bestN)
	var out []*postEntry
	c.eachPost(words[best], best == last, func(e *postEntry) {
		if _, dup := seen[e]; dup {
			return
		}
		seen[e] = struct{}{}
		if c.hasWords(e, words, best) {
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

// relevance scores how well the post matches the words: the same post and words always score
// the same, so a cursor keeps its place.
func (c *Catalog) relevance(e *postEntry, words []string) int {
	author := c.authorWords(e)
	score := 0
	for i, w := range words {
		last := i == len(words)-1
		s := fieldScore(e.title, w, last, weightTitle) + fieldScore(e.tagWords, w, last, weightTag) + fieldScore(author, w, last, weightAuthor)
		if s == 0 {
			s = weightText // it matched, so it is in the text
		}
		score += s
	}
	if len(words) > 1 && containsWord(e.title, strings.Join(words, " "), true) {
		score += weightPhrase
	}
	return score
}

func fieldScore(list, word string, prefix bool, weight int) int {
	switch {
	case containsWord(list, word, false):
		return weight
	case prefix && containsWord(list, word, true):
		return weight / 2
	}
	return 0
}

// rankedList is every post matching a search, ascending by (key, ID) where the key is the
// relevance score then the publication time: walked backwards, most relevant and newest first.
type rankedList struct {
	generation uint64
	entries    []*postEntry
	keys       []string
}

func (r *rankedList) at(i int) (*postEntry, string) { return r.entries[i], r.keys[i] }

// rankCache keeps the ranked lists of recent searches, so that the next page of a search
// costs a binary search rather than a new ranking. Entries are good for one generation.
type rankCache struct {
	mu    sync.Mutex
	lists map[string]*rankedList
}

const rankCacheSize = 64

// ranked returns the posts matching words, ranked. The caller holds c.mu for reading.
func (c *Catalog) ranked(words []string) *rankedList {
	key := strings.Join(words, " ")
	gen := c.generation.Load()
	c.ranks.mu.Lock()
	r, ok := c.ranks.lists[key]
	c.ranks.mu.Unlock()
	if ok && r.generation == gen {
		return r
	}
	matches := c.searchMatches(words)
	r = &rankedList{generation: gen, entries: make([]*postEntry, len(matches)), keys: make([]string, len(matches))}
	type scored struct {
		e   *postEntry
		key string
	}
	list := make([]scored, len(matches))
	for i, e := range matches {
		list[i] = scored{e, fmt.Sprintf("%06d:%s", c.relevance(e, words), e.keys[byPublished])}
	}
	slices.SortFunc(list, func(a, b scored) int {
		return cmp.Or(cmp.Compare(a.key, b.key), cmp.Compare(a.e.post.ID, b.e.post.ID))
	})
	for i, s := range list {
		r.entries[i], r.keys[i] = s.e, s.key
	}
	c.ranks.mu.Lock()
	if c.ranks.lists == nil || len(c.ranks.lists) >= rankCacheSize {
		c.ranks.lists = map[string]*rankedList{}
	}
	c.ranks.lists[key] = r
	c.ranks.mu.Unlock()
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
	var after *cursor.Cursor
	if q.After != "" {
		cur, err := cursor.Parse(q.After, order)
		if err != nil {
			return nil, err
		}
		after = &cur
	}
	// The ranked list holds only matches: the filter need not check the words again.
	rest := q
	rest.Search = ""
	c.mu.RLock()
	defer c.mu.RUnlock()
	r := c.ranked(words)
	f := c.newPostFilter(v, now, &rest)
	match := func(e *postEntry) bool { return !f.none && f.match(c, e) }
	page := walkPage(len(r.entries), r.at, after, q.Direction != guildhall.Asc, q.First, order, match)
	page.Total = func() int {
		c.mu.RLock()
		defer c.mu.RUnlock()
		r := c.ranked(words)
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

// walkPage reads one page from a list of n posts sorted ascending by (key, ID), where at(i)
// gives the i-th post and its key: the posts that match, after the cursor in the walking
// direction (backwards when desc), up to first of them.
func walkPage(n int, at func(i int) (*postEntry, string), after *cursor.Cursor, desc bool, first int, order string, match func(*postEntry) bool) *guildhall.Page[*guildhall.Post] {
	start, step := 0, 1
	if desc {
		start, step = n-1, -1
	}
	if after != nil {
		i := sort.Search(n, func(i int) bool {
			e, key := at(i)
			return cmp.Or(cmp.Compare(key, after.Key), cmp.Compare(e.post.ID, after.ID)) >= 0
		})
		found := false
		if i < n {
			e, key := at(i)
			found = key == after.Key && e.post.ID == after.ID
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
	for i := start; i >= 0 && i < n; i += step {
		e, key := at(i)
		if !match(e) {
			continue
		}
		if len(page.Items) == first {
			page.HasNextPage = true
			break
		}
		page.Items = append(page.Items, e.post)
		page.Cursors = append(page.Cursors, cursor.Cursor{Order: order, Key: key, ID: e.post.ID}.String())
	}
	return page
}

// searchCandidates returns, sorted by ordering o, a list holding every post that matches the
// words. When the words match a large share of all posts, walking the whole sorted list finds
// a page sooner than sorting the matches, so that list is returned instead.
func (c *Catalog) searchCandidates(words []string, o int) []*postEntry {
	all := len(c.sorted[o])
	last := len(words) - 1
	smallest := math.MaxInt
	for i, w := range words {
		smallest = min(smallest, c.estimate(w, i == last, smallest))
	}
	if smallest > all/4 {
		return c.sorted[o]
	}
	list := c.searchMatches(words)
	slices.SortFunc(list, compareEntry(o))
	return list
}

// searchWords is the query as folded words, the form every search path uses.
func searchWords(q string) []string { return fold.Words(q) }
