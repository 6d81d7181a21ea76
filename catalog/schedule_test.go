package catalog_test

import (
	"testing"
	"time"

	"github.com/guildhall/guildhall"
	"github.com/guildhall/guildhall/catalog"
)

func TestNextChange(t *testing.T) {
	grace := 30 * 24 * time.Hour
	c := newCatalog(10)
	if got := c.NextChange(now, grace); !got.IsZero() {
		t.Fatalf("nothing scheduled: %v", got)
	}
	// Scheduled posts: the soonest counts; drafts and archived posts never go live by time.
	c.PutPost(post("later", "ann", guildhall.PostPublished, now.Add(48*time.Hour)))
	c.PutPost(post("soon", "ann", guildhall.PostPublished, now.Add(2*time.Hour)))
	c.PutPost(post("draft", "ann", guildhall.PostDraft, now.Add(time.Hour)))
	c.PutPost(post("archived", "ann", guildhall.PostArchived, now.Add(time.Hour)))
	if got := c.NextChange(now, grace); !got.Equal(now.Add(2 * time.Hour)) {
		t.Errorf("next = %v, want the soonest scheduled post", got)
	}
	if got := c.NextChange(now.Add(2*time.Hour), grace); !got.Equal(now.Add(48 * time.Hour)) {
		t.Errorf("once it is live, next = %v", got)
	}
	// Memberships move to GRACE at expiry and to LAPSED when grace ends.
	m := member("cat", "Cat Doe", "Doe, Cat")
	m.Membership = &guildhall.Membership{PlanCode: "student", ExpiresAt: now.Add(time.Hour)}
	c.PutMember(m)
	if got := c.NextChange(now, grace); !got.Equal(now.Add(time.Hour)) {
		t.Errorf("next = %v, want the expiry", got)
	}
	if got := c.NextChange(now.Add(time.Hour), grace); !got.Equal(now.Add(2 * time.Hour)) {
		t.Errorf("after expiry, next = %v, want the scheduled post", got)
	}
	if got := c.NextChange(now.Add(49*time.Hour), grace); !got.Equal(now.Add(time.Hour + grace)) {
		t.Errorf("in grace, next = %v, want the end of grace", got)
	}
}

func TestGenerationsAreUniqueAcrossCatalogs(t *testing.T) {
	a := catalog.New()
	a.PutMember(member("ann", "Ann", "Ann"))
	b := catalog.New() // a reload
	b.PutMember(member("ann", "Ann", "Ann"))
	if a.Generation() == b.Generation() {
		t.Errorf("two catalogs with one change each share generation %d", a.Generation())
	}
	before := b.Generation()
	b.PutPost(post("p", "ann", guildhall.PostPublished, now))
	if b.Generation() == before {
		t.Error("a change did not change the generation")
	}
}

// A post with a take-down leaves every reader's list, count and search at that moment by the
// clock alone, and NextChange names the moment so that caches expire then; loaded in bulk or
// one by one, and forgotten when the post is replaced.
func TestTakeDownByTheClock(t *testing.T) {
	grace := 30 * 24 * time.Hour
	down := now.Add(time.Hour)
	withDown := func(id string) *guildhall.Post {
		p := post(id, "ann", guildhall.PostPublished, now.Add(-time.Hour), "fair")
		p.Title = "Wombat fair " + id
		p.UnpublishAt = &down
		return p
	}
	for _, bulk := range []bool{false, true} {
		c := catalog.New()
		c.PutMember(member("ann", "Ann", "Ann"))
		posts := []*guildhall.Post{withDown("a"), post("b", "ann", guildhall.PostPublished, now.Add(-2*time.Hour), "fair")}
		if bulk {
			c.PutPosts(posts)
		} else {
			for _, p := range posts {
				c.PutPost(p)
			}
		}
		if got := c.NextChange(now, grace); !got.Equal(down) {
			t.Errorf("bulk %v: next = %v, want the take-down", bulk, got)
		}
		seen := func(at time.Time) (count, listed, found int, visible bool) {
			tagged, _ := c.Posts(&guildhall.Viewer{}, at, guildhall.PostQuery{Tag: "fair", First: 10})
			search, _ := c.Posts(&guildhall.Viewer{}, at, guildhall.PostQuery{Search: "wombat", First: 10})
			_, visible = c.Post(&guildhall.Viewer{}, at, "a")
			return c.LivePostCount("ann", at), len(tagged.Items), len(search.Items), visible
		}
		if n, l, f, v := seen(down.Add(-time.Millisecond)); n != 2 || l != 2 || f != 1 || !v {
			t.Errorf("bulk %v, just before: count %d, listed %d, found %d, visible %v", bulk, n, l, f, v)
		}
		if n, l, f, v := seen(down); n != 1 || l != 1 || f != 0 || v {
			t.Errorf("bulk %v, at the take-down: count %d, listed %d, found %d, visible %v", bulk, n, l, f, v)
		}
		staffView, _ := c.Posts(staff, down, guildhall.PostQuery{Status: guildhall.PostArchived, First: 10})
		if len(staffView.Items) != 1 || staffView.Items[0].ID != "a" {
			t.Errorf("bulk %v: staff listing ARCHIVED: %v", bulk, staffView.Items)
		}
		if got := c.NextChange(down, grace); !got.IsZero() {
			t.Errorf("bulk %v: after the take-down, next = %v", bulk, got)
		}
		// A new revision without the take-down forgets it.
		p := withDown("a")
		p.Version, p.UnpublishAt = 2, nil
		c.PutPost(p)
		if got := c.NextChange(now, grace); !got.IsZero() {
			t.Errorf("bulk %v: take-down removed, next = %v", bulk, got)
		}
		if n, _, _, v := seen(down); n != 2 || !v {
			t.Errorf("bulk %v: take-down removed: count %d, visible %v", bulk, n, v)
		}
	}
}
