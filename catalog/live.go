package catalog

import (
	"slices"
	"sort"
	"time"

	"github.com/guildhall/guildhall"
)

// liveTimes holds, per author, the publication times of their published posts, so that
// counting the posts whose time has come (publishedPostCount, the directory, the
// hasPublishedPosts filter) is a binary search, not a pass over every post of every author.
type liveTimes struct {
	times map[string][]int64 // author ID -> publication times (Unix ns), ascending
	dirty map[string]bool    // authors whose times need sorting (during a bulk load)
}

func newLiveTimes() liveTimes {
	return liveTimes{times: map[string][]int64{}, dirty: map[string]bool{}}
}

// liveTime is when a published post goes live, as count compares it; ok is false for posts
// that are not published.
func liveTime(p *guildhall.Post) (int64, bool) {
	if p.Status != guildhall.PostPublished {
		return 0, false
	}
	if p.PublishedAt == nil {
		return -1 << 63, true // published with no date: live at any time (see Post.StatusAt)
	}
	return p.PublishedAt.UnixNano(), true
}

// add records e. In a bulk load the lists are sorted once, by finish.
func (x *liveTimes) add(e *postEntry, bulk bool) {
	t, ok := liveTime(e.post)
	if !ok {
		return
	}
	author := e.post.AuthorID
	if bulk {
		x.times[author] = append(x.times[author], t)
		x.dirty[author] = true
		return
	}
	times := x.times[author]
	i, _ := slices.BinarySearch(times, t)
	x.times[author] = slices.Insert(times, i, t)
}

// finish sorts what a bulk load added.
func (x *liveTimes) finish() {
	for author := range x.dirty {
		slices.Sort(x.times[author])
	}
	clear(x.dirty)
}

// remove forgets e.
func (x *liveTimes) remove(e *postEntry) {
	t, ok := liveTime(e.post)
	if !ok {
		return
	}
	author := e.post.AuthorID
	times := x.times[author]
	if i, ok := slices.BinarySearch(times, t); ok {
		times = slices.Delete(times, i, i+1)
	}
	if len(times) == 0 {
		delete(x.times, author)
	} else {
		x.times[author] = times
	}
}

// count counts the author's published posts whose time has come.
func (x *liveTimes) count(author string, now time.Time) int {
	times := x.times[author]
	t := now.UnixNano()
	return sort.Search(len(times), func(i int) bool { return times[i] > t })
}
