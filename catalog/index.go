package catalog

import (
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/guildhall/guildhall"
)

// postIndex holds what keeps search and the per-author counts from growing with the number
// of posts: an inverted index (word -> the posts that contain it) and, per author, the
// publication times of their published posts.
type postIndex struct {
	serials  []*postEntry        // by serial; nil once an entry is replaced or removed
	postings map[string][]uint32 // folded word -> serials of the entries holding it, ascending
	dead     map[string]int      // folded word -> how many of its postings are of removed entries
	vocab    []string            // the words of postings, sorted, for prefix search
	newWords bool                // vocab needs sorting (during a bulk load)
	live     map[string][]int64  // author ID -> publication times (Unix ns) of published posts, ascending
	dirty    map[string]bool     // authors whose live needs sorting (during a bulk load)
}

func newPostIndex() postIndex {
	return postIndex{postings: map[string][]uint32{}, dead: map[string]int{}, live: map[string][]int64{}, dirty: map[string]bool{}}
}

// words calls yield with each distinct word of the entry's search text.
func (e *postEntry) words(yield func(string)) {
	for w := range strings.FieldsSeq(e.search) {
		yield(w)
	}
}

// liveTime is when a published post goes live, as livePostCount compares it; ok is false for
// posts that are not published.
func liveTime(p *guildhall.Post) (int64, bool) {
	if p.Status != guildhall.PostPublished {
		return 0, false
	}
	if p.PublishedAt == nil {
		return -1 << 63, true // published with no date: live at any time (see Post.StatusAt)
	}
	return p.PublishedAt.UnixNano(), true
}

// add indexes e. In a bulk load the sorted lists are put in order once, by finish.
func (x *postIndex) add(e *postEntry, bulk bool) {
	e.serial = uint32(len(x.serials))
	x.serials = append(x.serials, e)
	e.words(func(w string) {
		list, ok := x.postings[w]
		if !ok {
			if bulk {
				x.vocab = append(x.vocab, w)
				x.newWords = true
			} else {
				i, _ := slices.BinarySearch(x.vocab, w)
				x.vocab = slices.Insert(x.vocab, i, w)
			}
		}
		x.postings[w] = append(list, e.serial) // serials only grow: the list stays ascending
	})
	if t, ok := liveTime(e.post); ok {
		author := e.post.AuthorID
		if bulk {
			x.live[author] = append(x.live[author], t)
			x.dirty[author] = true
		} else {
			times := x.live[author]
			i, _ := slices.BinarySearch(times, t)
			x.live[author] = slices.Insert(times, i, t)
		}
	}
}

// finish puts the sorted lists in order after a bulk load.
func (x *postIndex) finish() {
	if x.newWords {
		slices.Sort(x.vocab)
		x.newWords = false
	}
	for author := range x.dirty {
		slices.Sort(x.live[author])
	}
	clear(x.dirty)
}

// remove takes e out of the index. Its postings are left in place, marked dead by the nil
// in serials, and a word's list is compacted once half of it is dead: deleting each posting
// at once would move the tail of the list of every common word (held by most posts) on every
// write, which grows with the number of posts.
func (x *postIndex) remove(e *postEntry) {
	x.serials[e.serial] = nil
	e.words(func(w string) {
		x.dead[w]++
		if list := x.postings[w]; x.dead[w]*2 >= len(list) {
			x.compact(w, list)
		}
	})
	if t, ok := liveTime(e.post); ok {
		author := e.post.AuthorID
		times := x.live[author]
		if i, ok := slices.BinarySearch(times, t); ok {
			times = slices.Delete(times, i, i+1)
		}
		if len(times) == 0 {
			delete(x.live, author)
		} else {
			x.live[author] = times
		}
	}
}

// compact drops the dead postings of w, and w itself when none are left.
func (x *postIndex) compact(w string, list []uint32) {
	list = slices.DeleteFunc(list, func(s uint32) bool { return x.serials[s] == nil })
	delete(x.dead, w)
	if len(list) > 0 {
		x.postings[w] = list
		return
	}
	delete(x.postings, w)
	if i, ok := slices.BinarySearch(x.vocab, w); ok {
		x.vocab = slices.Delete(x.vocab, i, i+1)
	}
}

// liveCount counts the author's published posts whose time has come.
func (x *postIndex) liveCount(author string, now time.Time) int {
	times := x.live[author]
	t := now.UnixNano()
	return sort.Search(len(times), func(i int) bool { return times[i] > t })
}

// maxPrefixWords: a prefix matching more words than this (one or two letters typed so far)
// is treated as common.
const maxPrefixWords = 2000

// worthGathering reports whether collecting and sorting the k posts that hold a word is
// cheaper than walking all n posts in order until a page is full. Sorting costs about k log k;
// the walk, with matches spread evenly, about n/k posts tested per match, for about a page
// (20) of matches. Below k = sqrt(40n) gathering wins, so the work of a search is at most
// about that many posts: it grows with the square root of the content, not with the content.
func worthGathering(k, n int) bool { return k*k <= 40*n }

// searchCandidates returns the posts that can match the filter's search, in ordering o:
// those holding its rarest word (or, for the last word, a word starting with it), or written
// by an author whose name holds it. ok is false when every word is common, and walking all
// posts in order is quicker. Either way the cost does not grow with the number of posts:
// rare words are looked up, and common ones fill a page after a short walk.
func (c *Catalog) searchCandidates(f *postFilter, o int) (list []*postEntry, ok bool) {
	type choice struct {
		words   []string
		authors []string
		size    int
	}
	best := choice{size: -1}
	n := len(c.posts)
	for i, w := range f.words {
		last := i == len(f.words)-1
		ch := choice{words: []string{w}}
		if last {
			from, _ := slices.BinarySearch(c.idx.vocab, w)
			to := from
			for to < len(c.idx.vocab) && strings.HasPrefix(c.idx.vocab[to], w) {
				if to-from >= maxPrefixWords {
					break
				}
				to++
			}
			if to-from >= maxPrefixWords {
				continue // common: another word may be rarer
			}
			ch.words = c.idx.vocab[from:to]
		}
		for _, word := range ch.words {
			ch.size += len(c.idx.postings[word]) - c.idx.dead[word]
		}
		if !worthGathering(ch.size, n) || (best.size >= 0 && ch.size >= best.size) {
			continue // authors would only add to it
		}
		for id, m := range c.members {
			if containsWord(m.nameWord, w, last) {
				ch.authors = append(ch.authors, id)
				ch.size += len(c.byAuthor[id])
			}
		}
		if best.size < 0 || ch.size < best.size {
			best = ch
		}
	}
	if best.size < 0 || !worthGathering(best.size, n) {
		return nil, false
	}
	seen := make(map[*postEntry]bool, best.size)
	list = make([]*postEntry, 0, best.size)
	addEntry := func(e *postEntry) {
		if e != nil && !seen[e] {
			seen[e] = true
			list = append(list, e)
		}
	}
	for _, word := range best.words {
		for _, s := range c.idx.postings[word] {
			addEntry(c.idx.serials[s])
		}
	}
	for _, id := range best.authors {
		for _, e := range c.byAuthor[id] {
			addEntry(e)
		}
	}
	slices.SortFunc(list, compareEntry(o))
	return list, true
}
