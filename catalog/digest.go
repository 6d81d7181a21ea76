package catalog

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/guildhall/guildhall"
)

// Digest describes everything the catalog holds, in a canonical text: every value (bodies
// unpacked, times in UTC), every index (orders, slugs, paths, authors, tags, search words and
// who may find each post by them) and every tombstone. Two catalogs that answer every query
// alike have the same digest; a start from a snapshot is tested against a full load with it.
// It reads everything, so it is for tests and diagnosis, not for serving.
func (c *Catalog) Digest() string {
	c.mu.RLock()
	defer c.mu.RUnlock()
	var b strings.Builder
	line := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	text := func(t *guildhall.RichText) string {
		if t == nil {
			return "<nil>"
		}
		html, plain := t.Unpacked()
		return fmt.Sprintf("%d %q %q", t.WordCount, html, plain)
	}
	tm := func(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }
	tp := func(t *time.Time) string {
		if t == nil {
			return "<nil>"
		}
		return tm(*t)
	}
	seo := func(s guildhall.SEO) string {
		return fmt.Sprintf("seo=%s/%s/%s", str(s.Title), str(s.Description), str(s.CanonicalURL))
	}
	content := func(c guildhall.PostContent) string {
		return fmt.Sprintf("slug=%q title=%q vis=%s excerpt=%q custom=%v tags=%q blocks=%q featured=%s images=%q %s body=%s",
			c.Slug, c.Title, c.Visibility, c.Excerpt, c.CustomExcerpt, c.Tags, c.BlockIDs, str(c.FeaturedImageID), c.ImageIDs, seo(c.SEO), text(&c.Body))
	}
	for _, id := range slices.Sorted(maps.Keys(c.posts)) {
		p := c.posts[id].post
		line("post %s v%d old=%q paths=%q status=%s author=%s published=%s unpublish=%s created=%s updated=%s by=%s note=%q %s",
			p.ID, p.Version, p.OldSlugs, p.OldPaths, p.Status, p.AuthorID, tp(p.PublishedAt), tp(p.UnpublishAt),
			tm(p.CreatedAt), tm(p.UpdatedAt), p.UpdatedBy, p.Note, content(p.Content()))
		if d := p.Pending; d != nil {
			line("  pending v%d saved=%s by=%s review=%v %s", d.Revision, tm(d.SavedAt), d.SavedBy, d.InReview, content(d.PostContent))
		}
	}
	for o := range numOrders {
		ids := make([]string, 0, c.sorted[o].Len())
		c.sorted[o].Walk(0, false, func(_ int, e *postEntry) bool {
			ids = append(ids, e.post.ID)
			return true
		})
		line("order %d %v", o, ids)
	}
	for _, k := range slices.Sorted(maps.Keys(c.postSlugs)) {
		line("slug %q %s", k, c.postSlugs[k])
	}
	for _, k := range slices.Sorted(maps.Keys(c.postPaths)) {
		line("path %q %s", k, c.postPaths[k])
	}
	ids := func(list []*postEntry) []string {
		out := make([]string, len(list))
		for i, e := range list {
			out[i] = e.post.ID
		}
		slices.Sort(out)
		return out
	}
	for _, k := range slices.Sorted(maps.Keys(c.byAuthor)) {
		line("author %s %v", k, ids(c.byAuthor[k]))
	}
	for _, k := range slices.Sorted(maps.Keys(c.byTag)) {
		line("tag %q %v name=%q", k, ids(c.byTag[k]), c.tags.name(k))
	}
	line("tag keys %q sorted=%v", c.tags.keys, c.tags.sorted)
	times := func(name string, x *liveTimes) {
		for _, k := range slices.Sorted(maps.Keys(x.up)) {
			line("%s up %s %v", name, k, x.up[k])
		}
		for _, k := range slices.Sorted(maps.Keys(x.down)) {
			line("%s down %s %v", name, k, x.down[k])
		}
	}
	times("live", &c.live)
	times("tag live", &c.tags.live)
	line("take-downs %v", c.downs)
	slotIDs := func(list []uint32) []string {
		var out []string
		for _, s := range list {
			if e := c.index.slots[s]; !e.removed {
				out = append(out, e.post.ID)
			}
		}
		slices.Sort(out)
		return out
	}
	for _, w := range slices.Sorted(maps.Keys(c.index.postings)) {
		l := c.index.postings[w]
		open, hidden := slotIDs(l.open), slotIDs(l.hidden)
		if len(open)+len(hidden) > 0 {
			line("word %q open=%v hidden=%v", w, open, hidden)
		}
	}
	for _, w := range slices.Sorted(maps.Keys(c.index.nameTerms)) {
		line("name %q %v", w, slices.Sorted(slices.Values(c.index.nameTerms[w])))
	}
	c.index.terms.Ascend(func(w string) bool {
		_, inPosts := c.index.postings[w]
		_, inNames := c.index.nameTerms[w]
		line("term %q %v %v", w, inPosts, inNames)
		return true
	})
	for _, id := range slices.Sorted(maps.Keys(c.history)) {
		for _, r := range c.history[id] {
			line("revision %s %d title=%q slug=%q words=%d excerpt=%q custom=%v %s tags=%q blocks=%q image=%s vis=%s status=%s saved=%s by=%s note=%q pending=%v",
				r.PostID, r.Revision, r.Title, r.Slug, r.Body.WordCount, r.Excerpt, r.CustomExcerpt, seo(r.SEO), r.Tags, r.BlockIDs, str(r.FeaturedImageID), r.Visibility, r.Status,
				tm(r.SavedAt), r.SavedBy, r.Note, r.Pending)
		}
	}
	line("removed all=%s deleted=%s", tm(c.removed.all), tm(c.removed.deleted))
	for _, k := range slices.Sorted(maps.Keys(c.removed.tags)) {
		line("removed tag %q %s", k, tm(c.removed.tags[k]))
	}
	for _, k := range slices.Sorted(maps.Keys(c.removed.posts)) {
		line("removed post %s %s", k, tm(c.removed.posts[k]))
	}
	for _, k := range slices.Sorted(maps.Keys(c.deleted)) {
		line("deleted %s %d", k, c.deleted[k])
	}
	for _, e := range c.membersSorted {
		m := e.member
		line("member %s v%d slug=%q name=%q sort=%q credentials=%s bio=%s avatar=%s avatarID=%s email=%s phone=%s created=%s updated=%s",
			m.ID, m.Version, m.Slug, m.Name, m.SortName, str(m.Credentials), text(m.Bio), str(m.AvatarURL), str(m.AvatarID), str(m.Email), str(m.Phone), tm(m.CreatedAt), tm(m.UpdatedAt))
		if ms := m.Membership; ms != nil {
			line("  membership %s joined=%s expires=%s cancelled=%s", ms.PlanCode, tm(ms.JoinedAt), tm(ms.ExpiresAt), tp(ms.CancelledAt))
			for _, r := range ms.Renewals {
				line("  renewal %s %s at=%s from=%s to=%s key=%q payment=%s by=%s", r.ID, r.PlanCode, tm(r.RenewedAt), tm(r.PreviousExpiresAt), tm(r.NewExpiresAt), r.IdempotencyKey, str(r.PaymentReference), r.RenewedBy)
			}
		}
	}
	for _, k := range slices.Sorted(maps.Keys(c.memberSlugs)) {
		line("member slug %q %s", k, c.memberSlugs[k])
	}
	for _, bl := range c.blocksSorted {
		base := bl.Base()
		line("block %s %s v%d title=%s created=%s updated=%s", base.ID, bl.BlockKind(), base.Version, str(base.Title), tm(base.CreatedAt), tm(base.UpdatedAt))
		switch v := bl.(type) {
		case *guildhall.RichTextBlock:
			line("  body %s", text(&v.Body))
		default:
			raw, _ := json.Marshal(bl)
			line("  %s", raw)
		}
	}
	for _, p := range c.plans {
		line("plan %+v", p)
	}
	for _, id := range slices.Sorted(maps.Keys(c.webhooks)) {
		w := c.webhooks[id]
		line("webhook %s v%d url=%q events=%v secret=%q description=%s created=%s by=%s", w.ID, w.Version, w.URL, w.Events, w.Secret, str(w.Description), tm(w.CreatedAt), w.CreatedBy)
	}
	for _, id := range slices.Sorted(maps.Keys(c.assets)) {
		a := *c.assets[id]
		a.CreatedAt, a.UpdatedAt = a.CreatedAt.UTC(), a.UpdatedAt.UTC()
		raw, _ := json.Marshal(a)
		line("asset %s", raw)
	}
	return b.String()
}

func str(s *string) string {
	if s == nil {
		return "<nil>"
	}
	return fmt.Sprintf("%q", *s)
}

// DigestDiff shows the first lines where two digests differ, for a test's failure message.
func DigestDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var out []string
	for i := 0; i < max(len(w), len(g)) && len(out) < 8; i++ {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			out = append(out, fmt.Sprintf("line %d\n  want %.300s\n  got  %.300s", i, a, b))
		}
	}
	return strings.Join(out, "\n")
}
