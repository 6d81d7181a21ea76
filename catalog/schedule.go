package catalog

import (
	"sort"
	"time"

	"github.com/guildhall/guildhall"
)

// NextChange returns the first moment after now at which what readers see changes with no
// write at all: a scheduled post goes live, a published post is taken down, or a membership
// moves to GRACE, LAPSED or CANCELLED (grace is the grace period). It is zero when nothing is
// due. Caches of responses expire then.
func (c *Catalog) NextChange(now time.Time, grace time.Duration) time.Time {
	c.mu.RLock()
	defer c.mu.RUnlock()
	var next time.Time
	earlier := func(t time.Time) {
		if t.After(now) && (next.IsZero() || t.Before(next)) {
			next = t
		}
	}
	// Posts are sorted by publication time: the scheduled ones are at the end, and the first
	// published one after now is the next to go live.
	list := c.sorted[byPublished]
	key := timeKey(now)
	list.Walk(list.Search(func(_ int, e *postEntry) bool { return e.keys[byPublished] > key }), false, func(_ int, e *postEntry) bool {
		if p := e.post; p.Status == guildhall.PostPublished && p.PublishedAt != nil && p.PublishedAt.After(now) {
			earlier(*p.PublishedAt)
			return false
		}
		return true
	})
	if i := sort.Search(len(c.downs), func(i int) bool { return c.downs[i] > now.UnixNano() }); i < len(c.downs) {
		earlier(time.Unix(0, c.downs[i]).UTC())
	}
	for _, e := range c.members {
		if ms := e.member.Membership; ms != nil {
			earlier(ms.ExpiresAt)
			earlier(ms.GraceEndsAt(grace))
			if ms.CancelledAt != nil {
				earlier(*ms.CancelledAt)
			}
		}
	}
	return next
}
