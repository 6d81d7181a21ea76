package catalog_test

import (
	"slices"
	"testing"
	"time"

	"github.com/guildhall/guildhall"
	"github.com/guildhall/guildhall/catalog"
)

func tagList(t *testing.T, c *catalog.Catalog, at time.Time, q guildhall.TagQuery) []guildhall.Tag {
	t.Helper()
	if q.First == 0 {
		q.First = 100
	}
	page, err := c.Tags(at, q)
	if err != nil {
		t.Fatal(err)
	}
	out := make([]guildhall.Tag, len(page.Items))
	for i, tag := range page.Items {
		out[i] = *tag
	}
	if n := page.Total(); n < len(out) {
		t.Errorf("total %d, fewer than the page's %d", n, len(out))
	}
	return out
}

// Spellings with one slug are one tag, named by the oldest post's spelling; postCount counts
// live posts at the moment asked (scheduled ones once live, taken-down ones no longer);
// readers see only tags with a live post, staff every tag; a spelling without a slug is not
// listed; the list is in slug order and pages by cursor; loaded in bulk or one by one alike.
func TestTags(t *testing.T) {
	later, down := now.Add(time.Hour), now.Add(2*time.Hour)
	mk := func(id string, created time.Duration, status guildhall.PostStatus, published time.Time, tags ...string) *guildhall.Post {
		p := post(id, "ann", status, published, tags...)
		p.CreatedAt = now.Add(created)
		return p
	}
	goesDown := mk("d", -time.Hour, guildhall.PostPublished, now.Add(-time.Hour), "open-day")
	goesDown.UnpublishAt = &down
	posts := []*guildhall.Post{
		mk("b", -2*time.Hour, guildhall.PostPublished, now.Add(-time.Hour), "cpd", "Open Day"),
		mk("a", -3*time.Hour, guildhall.PostPublished, now.Add(-time.Hour), "CPD", "Clinical Supervision"),
		mk("s", -time.Hour, guildhall.PostPublished, later, "Schedule"),
		mk("x", -time.Hour, guildhall.PostDraft, time.Time{}, "Draft Only", "🎉"),
		mk("dup", -time.Hour, guildhall.PostPublished, now.Add(-time.Hour), "Twice", "twice!"),
		goesDown,
	}
	for _, bulk := range []bool{false, true} {
		c := catalog.New()
		c.PutMember(member("ann", "Ann", "Ann"))
		if bulk {
			c.PutPosts(posts)
		} else {
			for _, p := range posts {
				c.PutPost(p)
			}
		}
		got := tagList(t, c, now, guildhall.TagQuery{})
		want := []guildhall.Tag{tag("Clinical Supervision", "clinical-supervision", 1), tag("CPD", "cpd", 2), tag("Open Day", "open-day", 2), tag("Twice", "twice", 1)}
		if !slices.Equal(got, want) {
			t.Errorf("bulk %v: readers' tags %v, want %v", bulk, got, want)
		}
		staff := tagList(t, c, now, guildhall.TagQuery{All: true})
		want = []guildhall.Tag{tag("Clinical Supervision", "clinical-supervision", 1), tag("CPD", "cpd", 2), tag("Draft Only", "draft-only", 0),
			tag("Open Day", "open-day", 2), tag("Schedule", "schedule", 0), tag("Twice", "twice", 1)}
		if !slices.Equal(staff, want) {
			t.Errorf("bulk %v: staff's tags %v, want %v", bulk, staff, want)
		}
		// By the clock: the scheduled post goes live, the other comes down.
		got = tagList(t, c, down, guildhall.TagQuery{})
		want = []guildhall.Tag{tag("Clinical Supervision", "clinical-supervision", 1), tag("CPD", "cpd", 2), tag("Open Day", "open-day", 1),
			tag("Schedule", "schedule", 1), tag("Twice", "twice", 1)}
		if !slices.Equal(got, want) {
			t.Errorf("bulk %v: tags later %v, want %v", bulk, got, want)
		}
		if got := tagList(t, c, now, guildhall.TagQuery{Search: "super"}); len(got) != 1 || got[0].Slug != "clinical-supervision" {
			t.Errorf("bulk %v: search: %v", bulk, got)
		}
		if got := tagList(t, c, now, guildhall.TagQuery{Search: "day op"}); len(got) != 1 || got[0].Slug != "open-day" {
			t.Errorf("bulk %v: search, words in any order: %v", bulk, got)
		}
		// The oldest post goes: the next oldest's spelling names the tag.
		gone := mk("a", -3*time.Hour, guildhall.PostPublished, now.Add(-time.Hour), "Clinical Supervision")
		gone.Version = 2
		c.PutPost(gone)
		if name, ok := c.TagName("CPD"); !ok || name != "cpd" {
			t.Errorf("bulk %v: after the oldest post dropped it, the tag is %q", bulk, name)
		}
		if _, ok := c.TagName("draft only"); !ok {
			t.Errorf("bulk %v: a tag in use on a draft is known to writers", bulk)
		}
		if _, ok := c.TagName("never used"); ok {
			t.Errorf("bulk %v: an unknown tag has a name", bulk)
		}
		// Filtering posts by any spelling finds every spelling.
		page, _ := c.Posts(&guildhall.Viewer{}, now, guildhall.PostQuery{Tag: "OPEN-DAY", First: 10})
		if len(page.Items) != 2 {
			t.Errorf("bulk %v: posts tagged open day: %d", bulk, len(page.Items))
		}
	}
}

func tag(name, slug string, count int) guildhall.Tag {
	return guildhall.Tag{Name: name, Slug: slug, PostCount: count}
}

func TestTagPages(t *testing.T) {
	c := catalog.New()
	c.PutMember(member("ann", "Ann", "Ann"))
	names := []string{"Echo", "alpha", "Delta", "charlie", "Bravo"}
	for i, n := range names {
		c.PutPost(post("p"+n, "ann", guildhall.PostPublished, now.Add(-time.Duration(i+1)*time.Hour), n))
	}
	var seen []string
	after := ""
	for range 10 {
		page, err := c.Tags(now, guildhall.TagQuery{First: 2, After: after})
		if err != nil {
			t.Fatal(err)
		}
		for _, tag := range page.Items {
			seen = append(seen, tag.Slug)
		}
		if page.Total() != 5 {
			t.Errorf("total %d", page.Total())
		}
		if !page.HasNextPage {
			break
		}
		after = page.Cursor(len(page.Items) - 1)
	}
	if want := []string{"alpha", "bravo", "charlie", "delta", "echo"}; !slices.Equal(seen, want) {
		t.Errorf("pages %v, want %v", seen, want)
	}
	if _, err := c.Tags(now, guildhall.TagQuery{First: 2, After: "not-a-cursor"}); guildhall.ErrorCode(err) != guildhall.EINVALID {
		t.Errorf("a bad cursor: %v", err)
	}
	postsPage, _ := c.Posts(&guildhall.Viewer{}, now, guildhall.PostQuery{First: 1})
	if _, err := c.Tags(now, guildhall.TagQuery{First: 2, After: postsPage.Cursor(0)}); guildhall.ErrorCode(err) != guildhall.EINVALID {
		t.Errorf("a posts cursor: %v", err)
	}
}
