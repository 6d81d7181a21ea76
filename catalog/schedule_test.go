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
