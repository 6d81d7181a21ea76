package catalog

import (
	"cmp"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/guildhall/guildhall"
	"github.com/guildhall/guildhall/cursor"
	"github.com/guildhall/guildhall/fold"
	"github.com/guildhall/guildhall/slug"
)

// Tags are case-insensitive in a stronger sense than folding: two spellings with the same
// slug ("Open Day", "open-day", "OPEN DAY") are one tag, filed under that slug. A spelling
// without a slug (only emoji or punctuation) is filed under its folded form behind a "~", so
// that it can never meet a slug, and is left out of the tag list.

// TagKey is what a tag is filed under: its slug, or "~" and its folded form when it has none.
func TagKey(name string) string {
	if k, ok := tagKeys.Load(name); ok {
		return k.(string)
	}
	k := slug.Make(name)
	if k == "" {
		k = "~" + fold.String(name)
	}
	// Making a slug costs microseconds (transliteration), and the same few tags come back on
	// every post, so keys are remembered, up to a bound that only a flood of distinct tags
	// reaches.
	if tagKeyCount.Load() < maxRememberedTagKeys {
		if _, loaded := tagKeys.LoadOrStore(name, k); !loaded {
			tagKeyCount.Add(1)
		}
	}
	return k
}

const maxRememberedTagKeys = 1 << 16

var (
	tagKeys     sync.Map // spelling -> key
	tagKeyCount atomic.Int64
)

// tagIndex holds what the tag list needs beyond byTag: the keys in order, each key's oldest
// post (whose spelling names the tag), and the live times of each key's posts for postCount.
type tagIndex struct {
	keys   []string              // ascending; unsorted during a bulk load
	sorted bool                  // false while a bulk load appends
	first  map[string]*postEntry // key -> oldest post filed under it
	live   liveTimes             // key -> publication and take-down times
}

func newTagIndex() tagIndex {
	return tagIndex{sorted: true, first: map[string]*postEntry{}, live: newLiveTimes()}
}

// older reports whether a was created before b (the ID breaks ties, the same everywhere).
func older(a, b *postEntry) bool {
	return cmp.Or(a.post.CreatedAt.Compare(b.post.CreatedAt), cmp.Compare(a.post.ID, b.post.ID)) < 0
}

// add files e under key; fresh is true when key had no post before.
func (x *tagIndex) add(key string, e *postEntry, fresh, bulk bool) {
	x.live.add(key, e.post, bulk)
	if f, ok := x.first[key]; !ok || older(e, f) {
		x.first[key] = e
	}
	if !fresh {
		return
	}
	if bulk || !x.sorted {
		x.keys = append(x.keys, key)
		x.sorted = false
		return
	}
	i, _ := slices.BinarySearch(x.keys, key)
	x.keys = slices.Insert(x.keys, i, key)
}

// remove forgets e under key; rest is what is still filed there.
func (x *tagIndex) remove(key string, e *postEntry, rest []*postEntry) {
	x.live.remove(key, e.post)
	if len(rest) == 0 {
		delete(x.first, key)
		var i int
		found := false
		if x.sorted {
			i, found = slices.BinarySearch(x.keys, key)
		} else if i = slices.Index(x.keys, key); i >= 0 {
			found = true
		}
		if found {
			x.keys = slices.Delete(x.keys, i, i+1)
		}
		return
	}
	if x.first[key] == e {
		f := rest[0]
		for _, o := range rest[1:] {
			if older(o, f) {
				f = o
			}
		}
		x.first[key] = f
	}
}

// finish sorts what a bulk load added.
func (x *tagIndex) finish() {
	if !x.sorted {
		slices.Sort(x.keys)
		x.keys = slices.Compact(x.keys)
		x.sorted = true
	}
	x.live.finish()
}

// name is the tag's name: the spelling of its oldest post.
func (x *tagIndex) name(key string) string {
	e := x.first[key]
	if e == nil {
		return ""
	}
	if i := slices.Index(e.tags, key); i >= 0 {
		return e.post.Tags[i]
	}
	return ""
}

// TagName returns the name of the tag that name belongs to, if the catalog has it: writers
// file a new post's tags under the spelling already in use.
func (c *Catalog) TagName(name string) (string, bool) {
	key := TagKey(name)
	c.mu.RLock()
	defer c.mu.RUnlock()
	n := c.tags.name(key)
	return n, n != ""
}

const tagOrder = "tags:slug"

// Tags lists a page of tags in slug order, with their live post counts at now. A reader's
// list holds only tags with a live post; q.All (staff) lists every tag in use. Search words
// must each begin a word of the name (folded), as post search treats the last word.
func (c *Catalog) Tags(now time.Time, q guildhall.TagQuery) (*guildhall.Page[*guildhall.Tag], error) {
	after, err := parseAfter(q.After, tagOrder)
	if err != nil {
		return nil, err
	}
	words := fold.Words(q.Search)
	c.mu.RLock()
	defer c.mu.RUnlock()
	match := func(key string) (*guildhall.Tag, bool) {
		if strings.HasPrefix(key, "~") {
			return nil, false
		}
		n := c.tags.live.count(key, now)
		if n == 0 && !q.All {
			return nil, false
		}
		name := c.tags.name(key)
		if len(words) > 0 && !hasWordPrefixes(fold.Words(name), words) {
			return nil, false
		}
		return &guildhall.Tag{Name: name, Slug: key, PostCount: n}, true
	}
	keys := c.tags.keys
	start := 0
	if after != nil {
		start = sort.SearchStrings(keys, after.Key)
		if start < len(keys) && keys[start] == after.Key {
			start++
		}
	}
	page := &guildhall.Page[*guildhall.Tag]{HasPreviousPage: after != nil}
	for i := start; i < len(keys); i++ {
		t, ok := match(keys[i])
		if !ok {
			continue
		}
		if len(page.Items) == q.First {
			page.HasNextPage = true
			break
		}
		page.Items = append(page.Items, t)
	}
	items := page.Items
	page.Cursor = func(i int) string {
		return cursor.Cursor{Order: tagOrder, Key: items[i].Slug, ID: items[i].Slug}.String()
	}
	page.Total = func() int {
		c.mu.RLock()
		defer c.mu.RUnlock()
		n := 0
		for _, k := range c.tags.keys {
			if _, ok := match(k); ok {
				n++
			}
		}
		return n
	}
	return page, nil
}

// hasWordPrefixes reports whether every word of want begins some word of have.
func hasWordPrefixes(have, want []string) bool {
	for _, w := range want {
		if !slices.ContainsFunc(have, func(h string) bool { return strings.HasPrefix(h, w) }) {
			return false
		}
	}
	return true
}
