package catalog

import (
	"slices"
	"sort"
)

// postList is a list of post entries sorted ascending by (key, ID) for one ordering: a
// catalog's whole order (postOrder) or the few posts of one author or tag sorted for a query
// (entrySlice).
type postList interface {
	Len() int
	// At returns the entry at position i.
	At(i int) *postEntry
	// Walk calls fn with the entries from position i on, towards the end or, when desc,
	// towards the start, until fn returns false.
	Walk(i int, desc bool, fn func(i int, e *postEntry) bool)
	// Search returns the first position whose entry pred holds for, or Len() if none; pred
	// must be false for a first part of the list and true for the rest.
	Search(pred func(i int, e *postEntry) bool) int
}

// entrySlice is a postList held in one slice.
type entrySlice []*postEntry

func (s entrySlice) Len() int            { return len(s) }
func (s entrySlice) At(i int) *postEntry { return s[i] }

func (s entrySlice) Search(pred func(int, *postEntry) bool) int {
	return sort.Search(len(s), func(i int) bool { return pred(i, s[i]) })
}

func (s entrySlice) Walk(i int, desc bool, fn func(int, *postEntry) bool) {
	if desc {
		for ; i >= 0; i-- {
			if !fn(i, s[i]) {
				return
			}
		}
		return
	}
	for ; i < len(s); i++ {
		if !fn(i, s[i]) {
			return
		}
	}
}

// orderChunk is how many entries a chunk of a postOrder is made with; one grows to twice
// that before it is split, and one that shrinks below a quarter joins its neighbour.
const orderChunk = 512

// postOrder is every post sorted by one ordering, kept in chunks of a few hundred entries: a
// write inserts or deletes within one chunk and renumbers the chunks after it, so what it
// moves stays about the same at any number of posts. (One sorted slice made every write move
// the tail of the whole list, three times: 80 us a write at 20,000 posts, 234 us at 200,000.)
type postOrder struct {
	cmp    func(a, b *postEntry) int
	chunks [][]*postEntry // none empty
	starts []int          // the position of each chunk's first entry in the whole order
	n      int
}

func newPostOrder(o int) *postOrder { return &postOrder{cmp: compareEntry(o)} }

// Len is the number of entries.
func (l *postOrder) Len() int { return l.n }

// set replaces the entries by sorted, which is in order already; the order keeps it.
func (l *postOrder) set(sorted []*postEntry) {
	l.chunks, l.n = l.chunks[:0], len(sorted)
	for i := 0; i < len(sorted); i += orderChunk {
		end := min(i+orderChunk, len(sorted))
		l.chunks = append(l.chunks, sorted[i:end:end]) // a chunk that grows gets its own array
	}
	l.renumber(0)
}

// all returns the entries in order, in a new slice.
func (l *postOrder) all() []*postEntry {
	out := make([]*postEntry, 0, l.n)
	for _, ch := range l.chunks {
		out = append(out, ch...)
	}
	return out
}

// renumber sets the starts of the chunks from k on.
func (l *postOrder) renumber(k int) {
	l.starts = slices.Grow(l.starts[:min(k, len(l.starts))], len(l.chunks)-k)[:len(l.chunks)]
	at := 0
	if k > 0 {
		at = l.starts[k-1] + len(l.chunks[k-1])
	}
	for ; k < len(l.chunks); k++ {
		l.starts[k] = at
		at += len(l.chunks[k])
	}
}

// chunkOf returns the chunk e belongs in: the first whose last entry is not before e, or the
// last chunk.
func (l *postOrder) chunkOf(e *postEntry) int {
	k := sort.Search(len(l.chunks), func(k int) bool {
		ch := l.chunks[k]
		return l.cmp(ch[len(ch)-1], e) >= 0
	})
	return min(k, len(l.chunks)-1)
}

// insert adds e in its place.
func (l *postOrder) insert(e *postEntry) {
	l.n++
	if len(l.chunks) == 0 {
		l.chunks, l.starts = append(l.chunks, []*postEntry{e}), append(l.starts[:0], 0)
		return
	}
	k := l.chunkOf(e)
	i, _ := slices.BinarySearchFunc(l.chunks[k], e, l.cmp)
	ch := slices.Insert(l.chunks[k], i, e)
	l.chunks[k] = ch
	l.splitIfLarge(k)
	l.renumber(k)
}

// splitIfLarge splits chunk k in two if it grew beyond twice orderChunk.
func (l *postOrder) splitIfLarge(k int) {
	ch := l.chunks[k]
	if len(ch) <= 2*orderChunk {
		return
	}
	// The second half gets its own array, so that neither half's growth can write over the
	// other.
	l.chunks = slices.Insert(l.chunks, k+1, slices.Clone(ch[orderChunk:]))
	clear(ch[orderChunk:])
	l.chunks[k] = ch[:orderChunk]
}

// remove deletes e, if the order holds it.
func (l *postOrder) remove(e *postEntry) {
	if len(l.chunks) == 0 {
		return
	}
	k := l.chunkOf(e)
	i, found := slices.BinarySearchFunc(l.chunks[k], e, l.cmp)
	if !found {
		return
	}
	l.n--
	ch := slices.Delete(l.chunks[k], i, i+1) // clears the vacated end for the collector
	switch {
	case len(ch) == 0:
		l.chunks = slices.Delete(l.chunks, k, k+1)
	case len(ch) < orderChunk/4 && len(l.chunks) > 1:
		// Join a neighbour, so that deletes cannot leave many tiny chunks behind.
		if k+1 == len(l.chunks) {
			k--
			ch = slices.Concat(l.chunks[k], ch)
		} else {
			ch = slices.Concat(ch, l.chunks[k+1])
		}
		l.chunks = slices.Delete(l.chunks, k+1, k+2)
		l.chunks[k] = ch
		l.splitIfLarge(k)
	default:
		l.chunks[k] = ch
	}
	l.renumber(k)
}

// locate returns the chunk that holds position i, and i's place in it.
func (l *postOrder) locate(i int) (k, j int) {
	k = sort.Search(len(l.starts), func(k int) bool { return l.starts[k] > i }) - 1
	return k, i - l.starts[k]
}

// At returns the entry at position i.
func (l *postOrder) At(i int) *postEntry {
	k, j := l.locate(i)
	return l.chunks[k][j]
}

// Walk calls fn with the entries from position i on, forward or, when desc, backward, until
// fn returns false.
func (l *postOrder) Walk(i int, desc bool, fn func(int, *postEntry) bool) {
	if i < 0 || i >= l.n {
		return
	}
	k, j := l.locate(i)
	if desc {
		for ; k >= 0; k-- {
			ch := l.chunks[k]
			if j < 0 {
				j = len(ch) - 1
			}
			for ; j >= 0; j-- {
				if !fn(l.starts[k]+j, ch[j]) {
					return
				}
			}
		}
		return
	}
	for ; k < len(l.chunks); k++ {
		ch := l.chunks[k]
		for ; j < len(ch); j++ {
			if !fn(l.starts[k]+j, ch[j]) {
				return
			}
		}
		j = 0
	}
}

// Search returns the first position whose entry pred holds for, or Len() if none: a binary
// search over the chunks' last entries, then within one chunk.
func (l *postOrder) Search(pred func(int, *postEntry) bool) int {
	k := sort.Search(len(l.chunks), func(k int) bool {
		ch := l.chunks[k]
		return pred(l.starts[k]+len(ch)-1, ch[len(ch)-1])
	})
	if k == len(l.chunks) {
		return l.n
	}
	ch := l.chunks[k]
	return l.starts[k] + sort.Search(len(ch), func(j int) bool { return pred(l.starts[k]+j, ch[j]) })
}
