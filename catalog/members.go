package catalog

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/guildhall/guildhall"
	"github.com/guildhall/guildhall/cursor"
	"github.com/guildhall/guildhall/fold"
)

const memberOrder = "members"

// Member returns the member with the ID.
func (c *Catalog) Member(id string) (*guildhall.Member, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	e, ok := c.members[id]
	if !ok {
		return nil, false
	}
	return e.member, true
}

// MemberBySlug returns the member answering to slug (current or former).
func (c *Catalog) MemberBySlug(slug string) (*guildhall.Member, bool) {
	c.mu.RLock()
	id, ok := c.memberSlugs[slug]
	c.mu.RUnlock()
	if !ok {
		return nil, false
	}
	return c.Member(id)
}

// MemberSlugOwner returns the ID of the member that answers to slug, or "".
func (c *Catalog) MemberSlugOwner(slug string) string {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.memberSlugs[slug]
}

// Members answers a member query at now, in sort-name order. grace is the membership grace
// period, for the status filter.
func (c *Catalog) Members(now time.Time, grace time.Duration, q guildhall.MemberQuery) (*guildhall.Page[*guildhall.Member], error) {
	var after *cursor.Cursor
	if q.After != "" {
		cur, err := cursor.Parse(q.After, memberOrder)
		if err != nil {
			return nil, guildhall.InvalidCursor()
		}
		after = &cur
	}
	// The prefix is compared word by word, so that case, accents, apostrophes and the
	// punctuation between words do not matter. A prefix with no letters or digits at all
	// starts no name.
	hasPrefix := strings.TrimSpace(q.NameStartsWith) != ""
	prefix := joinWords(fold.Words(q.NameStartsWith))
	words := fold.Words(q.Search)
	match := func(e *memberEntry) bool {
		if hasPrefix && (prefix == "" || !strings.HasPrefix(e.namePrefix, prefix) && !strings.HasPrefix(e.sortKey, prefix)) {
			return false
		}
		if q.Initial != "" && e.initial != q.Initial {
			return false
		}
		for i, w := range words {
			if !containsWord(e.search, w, i == len(words)-1) {
				return false
			}
		}
		if q.HasPublishedPosts != nil && (c.livePostCount(e.member.ID, now) > 0) != *q.HasPublishedPosts {
			return false
		}
		if q.Status != "" {
			ms := e.member.Membership
			if ms == nil || ms.StatusAt(now, grace) != q.Status {
				return false
			}
		}
		return true
	}

	c.mu.RLock()
	defer c.mu.RUnlock()
	start := 0
	if after != nil {
		probe := &memberEntry{sortKey: after.Key, member: &guildhall.Member{ID: after.ID}}
		i, found := slices.BinarySearchFunc(c.membersSorted, probe, compareMember)
		if found {
			i++
		}
		start = i
	}
	page := &guildhall.Page[*guildhall.Member]{HasPreviousPage: after != nil}
	var keys []string
	page.Cursor = func(i int) string {
		return cursor.Cursor{Order: memberOrder, Key: keys[i], ID: page.Items[i].ID}.String()
	}
	for _, e := range c.membersSorted[start:] {
		if !match(e) {
			continue
		}
		if len(page.Items) == q.First {
			page.HasNextPage = true
			break
		}
		page.Items = append(page.Items, e.member)
		keys = append(keys, e.sortKey)
	}
	page.Total = func() int {
		c.mu.RLock()
		defer c.mu.RUnlock()
		n := 0
		for _, e := range c.membersSorted {
			if match(e) {
				n++
			}
		}
		return n
	}
	return page, nil
}

// Directory counts, for each letter A-Z and "#" for the rest, the members with published
// posts whose sort name starts with it. Every letter is listed, zero or not, so a client
// can draw the whole alphabet.
func (c *Catalog) Directory(now time.Time) []guildhall.DirectoryLetter {
	counts := map[string]int{}
	c.mu.RLock()
	for _, e := range c.membersSorted {
		if c.livePostCount(e.member.ID, now) > 0 {
			counts[e.initial]++
		}
	}
	c.mu.RUnlock()
	out := make([]guildhall.DirectoryLetter, 0, 27)
	for l := 'A'; l <= 'Z'; l++ {
		out = append(out, guildhall.DirectoryLetter{Letter: string(l), Count: counts[string(l)]})
	}
	return append(out, guildhall.DirectoryLetter{Letter: "#", Count: counts["#"]})
}

// MemberIDByEmail returns the ID of the member whose email normalises to email (see
// guildhall.NormalizeEmail), or "".
func (c *Catalog) MemberIDByEmail(email string) string {
	c.mu.RLock()
	defer c.mu.RUnlock()
	for _, e := range c.members {
		if m := e.member; m.Email != nil {
			if n, err := guildhall.NormalizeEmail(*m.Email); err == nil && n == email {
				return m.ID
			}
		}
	}
	return ""
}

// MembersExpiring lists members whose membership is ACTIVE at now and expires before until,
// soonest first.
func (c *Catalog) MembersExpiring(now, until time.Time, grace time.Duration) []*guildhall.Member {
	c.mu.RLock()
	var out []*guildhall.Member
	for _, e := range c.members {
		ms := e.member.Membership
		if ms != nil && ms.StatusAt(now, grace) == guildhall.MembershipActive && ms.ExpiresAt.Before(until) {
			out = append(out, e.member)
		}
	}
	c.mu.RUnlock()
	slices.SortFunc(out, func(a, b *guildhall.Member) int {
		if c := a.Membership.ExpiresAt.Compare(b.Membership.ExpiresAt); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	return out
}

// Renewal finds a renewal by ID and the member it belongs to.
func (c *Catalog) Renewal(id string) (*guildhall.Renewal, string, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	for _, e := range c.members {
		if ms := e.member.Membership; ms != nil {
			for _, r := range ms.Renewals {
				if r.ID == id {
					return r, e.member.ID, true
				}
			}
		}
	}
	return nil, "", false
}

// MembershipTransition is a change of a membership by the clock alone: EXPIRING a notice
// period before it expires, GRACE when it expires, LAPSED when its grace ends.
type MembershipTransition struct {
	Event  guildhall.WebhookEvent
	Member *guildhall.Member
	At     time.Time
}

// MembershipTransitions lists the transitions of current memberships that fall in
// (from, to], and the first one after to (zero when none is due). A cancelled membership
// has none; a notice of zero sends no EXPIRING. It reads every member: the delivery worker
// calls it only when one is due or the catalog changed.
func (c *Catalog) MembershipTransitions(from, to time.Time, grace, notice time.Duration) (due []MembershipTransition, next time.Time) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	for _, e := range c.members {
		ms := e.member.Membership
		if ms == nil || ms.CancelledAt != nil {
			continue
		}
		times := []MembershipTransition{
			{guildhall.EventMembershipGrace, e.member, ms.ExpiresAt},
			{guildhall.EventMembershipLapsed, e.member, ms.GraceEndsAt(grace)},
		}
		if notice > 0 && ms.ExpiresAt.Sub(ms.JoinedAt) > notice {
			times = append(times, MembershipTransition{guildhall.EventMembershipExpiring, e.member, ms.ExpiresAt.Add(-notice)})
		}
		for _, t := range times {
			switch {
			case t.At.After(from) && !t.At.After(to):
				due = append(due, t)
			case t.At.After(to) && (next.IsZero() || t.At.Before(next)):
				next = t.At
			}
		}
	}
	slices.SortFunc(due, func(a, b MembershipTransition) int {
		return cmp.Or(a.At.Compare(b.At), cmp.Compare(a.Member.ID, b.Member.ID), cmp.Compare(a.Event, b.Event))
	})
	return due, next
}
