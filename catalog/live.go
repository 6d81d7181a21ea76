package catalog

import (
	"slices"
	"sort"
	"time"

	"github.com/guildhall/guildhall"
)

// liveTimes holds, per key (an author ID; a tag), the publication times of the published
// posts filed under it, and the take-down times of those that have one, so that counting the
// posts live at a moment (publishedPostCount, the directory, the hasPublishedPosts filter, a
// tag's postCount) is two binary searches, not a pass over the posts. A post taken down went
// live before, so the live count is the publications up to now less the take-downs.
type liveTimes struct {
	up    map[string][]int64 // key -> publication times (Unix ns), ascending
	down  map[string][]int64 // key -> take-down times (Unix ns), ascending
	dirty map[string]bool    // keys whose times need sorting (during a bulk load)
}

func newLiveTimes() liveTimes {
	return liveTimes{up: map[string][]int64{}, down: map[string][]int64{}, dirty: map[string]bool{}}
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

// downTime is when a published post is taken down; ok is false for posts that are not
// published or have no take-down.
func downTime(p *guildhall.Post) (int64, bool) {
	if p.Status != guildhall.PostPublished || p.UnpublishAt == nil {
		return 0, false
	}
	return p.UnpublishAt.UnixNano(), true
}

// add files p under key. In a bulk load the lists are sorted once, by finish.
func (x *liveTimes) add(key string, p *guildhall.Post, bulk bool) {
	insert := func(m map[string][]int64, t int64) {
		if bulk {
			m[key] = append(m[key], t)
			x.dirty[key] = true
			return
		}
		times := m[key]
		i, _ := slices.BinarySearch(times, t)
		m[key] = slices.Insert(times, i, t)
	}
	if t, ok := liveTime(p); ok {
		insert(x.up, t)
	}
	if t, ok := downTime(p); ok {
		insert(x.down, t)
	}
}

// finish sorts what a bulk load added.
func (x *liveTimes) finish() {
	for key := range x.dirty {
		slices.Sort(x.up[key])
		slices.Sort(x.down[key])
	}
	clear(x.dirty)
}

// remove forgets p under key.
func (x *liveTimes) remove(key string, p *guildhall.Post) {
	drop := func(m map[string][]int64, t int64) {
		times := m[key]
		if i, ok := slices.BinarySearch(times, t); ok {
			times = slices.Delete(times, i, i+1)
		}
		if len(times) == 0 {
			delete(m, key)
		} else {
			m[key] = times
		}
	}
	if t, ok := liveTime(p); ok {
		drop(x.up, t)
	}
	if t, ok := downTime(p); ok {
		drop(x.down, t)
	}
}

// count counts the posts under key that are live at now: gone live, not yet taken down.
func (x *liveTimes) count(key string, now time.Time) int {
	t := now.UnixNano()
	upTo := func(times []int64) int { return sort.Search(len(times), func(i int) bool { return times[i] > t }) }
	return upTo(x.up[key]) - upTo(x.down[key])
}
