package catalog

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/guildhall/guildhall"
)

// checkOrder compares l with want, the same entries in one sorted slice, through every way of
// reading it, and checks its chunks are within their bounds.
func checkOrder(t *testing.T, step string, l *postOrder, want []*postEntry) {
	t.Helper()
	if l.Len() != len(want) {
		t.Fatalf("%s: %d entries, want %d", step, l.Len(), len(want))
	}
	if got := l.all(); !slices.Equal(got, want) {
		t.Fatalf("%s: the order differs from a sorted slice's", step)
	}
	if limit := len(want)/(orderChunk/4) + 2; len(l.chunks) > limit {
		t.Fatalf("%s: %d chunks for %d entries", step, len(l.chunks), len(want))
	}
	for k, ch := range l.chunks {
		if len(ch) == 0 || len(ch) > 2*orderChunk {
			t.Fatalf("%s: chunk %d of %d holds %d entries", step, k, len(l.chunks), len(ch))
		}
		if k > 0 && len(ch) < orderChunk/4 && len(l.chunks[k-1]) < orderChunk/4 {
			t.Fatalf("%s: chunks %d and %d are both tiny", step, k-1, k)
		}
	}
	for _, i := range []int{0, 1, len(want) / 3, len(want) / 2, len(want) - 2, len(want) - 1} {
		if i < 0 || i >= len(want) {
			continue
		}
		if l.At(i) != want[i] {
			t.Fatalf("%s: At(%d) differs", step, i)
		}
		var up, down []*postEntry
		l.Walk(i, false, func(j int, e *postEntry) bool {
			if want[j] != e {
				t.Fatalf("%s: walking up from %d, position %d differs", step, i, j)
			}
			up = append(up, e)
			return len(up) < 1500 // past a chunk's end, and stopping early
		})
		l.Walk(i, true, func(j int, e *postEntry) bool {
			if want[j] != e {
				t.Fatalf("%s: walking down from %d, position %d differs", step, i, j)
			}
			down = append(down, e)
			return true
		})
		if len(up) != min(1500, len(want)-i) || len(down) != i+1 {
			t.Fatalf("%s: from %d walked %d up and %d down", step, i, len(up), len(down))
		}
		key := want[i].keys[byPublished]
		pred := func(e *postEntry) bool { return e.keys[byPublished] >= key }
		at := func(j int, e *postEntry) bool {
			if want[j] != e {
				t.Fatalf("%s: search saw position %d holding another entry", step, j)
			}
			return pred(e)
		}
		if got, wantAt := l.Search(at), slices.IndexFunc(want, pred); got != wantAt {
			t.Fatalf("%s: search for %s found %d, want %d", step, key, got, wantAt)
		}
	}
	if got := l.Search(func(int, *postEntry) bool { return false }); got != len(want) {
		t.Fatalf("%s: a search that matches nothing found %d", step, got)
	}
}

// An order kept in chunks holds what one sorted slice would through inserts and deletes at
// random, in runs at one end (as new posts arrive) and of all it holds, including entries
// with equal keys (told apart by ID), and deletes of what it does not hold.
func TestPostOrderIsASortedList(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	entry := func(i int, key int64) *postEntry {
		e := &postEntry{post: &guildhall.Post{ID: fmt.Sprintf("p%06d", i)}}
		e.keys[byPublished] = fmt.Sprintf("%019d", key)
		return e
	}
	l := newPostOrder(byPublished)
	var want []*postEntry
	put := func(e *postEntry) {
		l.insert(e)
		i, _ := slices.BinarySearchFunc(want, e, compareEntry(byPublished))
		want = slices.Insert(want, i, e)
	}
	del := func(e *postEntry) {
		l.remove(e)
		want = slices.DeleteFunc(want, func(x *postEntry) bool { return x == e })
	}
	checkOrder(t, "empty", l, want)
	l.remove(entry(0, 0))
	for i := range 6000 {
		put(entry(i, rng.Int64N(3000))) // many equal keys
	}
	checkOrder(t, "random inserts", l, want)
	for i := range 3000 {
		put(entry(10000+i, 5000+int64(i))) // each at the end
	}
	checkOrder(t, "appends", l, want)
	for range 2000 {
		del(want[rng.IntN(len(want))])
	}
	l.remove(entry(99999, 1)) // not held
	checkOrder(t, "random deletes", l, want)
	for len(want) > 1000 { // chunks shrink below a quarter and join
		del(want[rng.IntN(len(want))])
	}
	checkOrder(t, "most deleted", l, want)
	for i := range 3000 {
		put(entry(15000+i, rng.Int64N(3000)))
	}
	checkOrder(t, "refilled", l, want)
	for len(want) > 2000 {
		del(want[0]) // a run at the start
	}
	checkOrder(t, "deletes at the start", l, want)
	for i := range 4000 {
		if rng.IntN(3) == 0 && len(want) > 0 {
			del(want[rng.IntN(len(want))])
		} else {
			put(entry(20000+i, rng.Int64N(8000)))
		}
	}
	checkOrder(t, "mixed", l, want)
	for len(want) > 0 {
		del(want[rng.IntN(len(want))])
	}
	checkOrder(t, "all deleted", l, want)
	if len(l.chunks) != 0 {
		t.Errorf("%d chunks left in an empty order", len(l.chunks))
	}

	// set keeps a sorted list, and writes after it go on as before.
	for i := range 3000 {
		want = append(want, entry(30000+i, int64(i)))
	}
	l.set(slices.Clone(want))
	checkOrder(t, "set", l, want)
	put(entry(40000, 1500))
	del(want[10])
	checkOrder(t, "writes after set", l, want)
}
