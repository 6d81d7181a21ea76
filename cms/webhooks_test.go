package cms_test

import (
	"testing"
	"time"

	"github.com/guildhall/guildhall"
	"github.com/guildhall/guildhall/cms"
)

func TestPostEvent(t *testing.T) {
	now := time.Date(2026, 6, 15, 12, 0, 0, 0, time.UTC)
	at := func(d time.Duration) *time.Time { t := now.Add(d); return &t }
	post := func(status guildhall.PostStatus, published *time.Time) *guildhall.Post {
		return &guildhall.Post{ID: "pst_1", Status: status, PublishedAt: published}
	}
	draft := post(guildhall.PostDraft, nil)
	live := post(guildhall.PostPublished, at(-time.Hour))
	edited := post(guildhall.PostPublished, at(-time.Hour))
	edited.Title = "Edited"
	drafted := post(guildhall.PostPublished, at(-time.Hour))
	drafted.Pending = &guildhall.PendingChanges{PostContent: guildhall.PostContent{Title: "Not yet"}}
	scheduled := post(guildhall.PostPublished, at(time.Hour))
	for _, tc := range []struct {
		name    string
		prev, p *guildhall.Post
		want    guildhall.WebhookEvent // "" for none
		wantAt  time.Time
	}{
		{"a new draft", nil, draft, "", time.Time{}},
		{"a draft edited", draft, draft, "", time.Time{}},
		{"published now", draft, live, guildhall.EventPostPublished, time.Time{}},
		{"published back-dated", draft, post(guildhall.PostPublished, at(-48*time.Hour)), guildhall.EventPostPublished, time.Time{}},
		{"a live post edited", live, edited, guildhall.EventPostUpdated, time.Time{}},
		{"a live post saved unchanged", live, live, "", time.Time{}},
		{"changes to a live post saved as a draft", live, drafted, "", time.Time{}},
		{"pending changes discarded", drafted, live, "", time.Time{}},
		{"a live post back to draft", live, post(guildhall.PostDraft, at(-time.Hour)), guildhall.EventPostUnpublished, time.Time{}},
		{"a live post archived", live, post(guildhall.PostArchived, at(-time.Hour)), guildhall.EventPostUnpublished, time.Time{}},
		{"a live post deferred", live, scheduled, guildhall.EventPostUnpublished, time.Time{}},
		{"scheduled", draft, scheduled, guildhall.EventPostPublished, *at(time.Hour)},
		{"a scheduled post edited", scheduled, scheduled, "", time.Time{}},
		{"rescheduled", scheduled, post(guildhall.PostPublished, at(2*time.Hour)), guildhall.EventPostPublished, *at(2 * time.Hour)},
		{"a scheduled post back to draft", scheduled, draft, "", time.Time{}},
		{"an archived post edited", post(guildhall.PostArchived, nil), post(guildhall.PostArchived, nil), "", time.Time{}},
		{"a live post deleted", live, nil, guildhall.EventPostUnpublished, time.Time{}},
		{"a draft deleted", draft, nil, "", time.Time{}},
		{"a scheduled post deleted", scheduled, nil, "", time.Time{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e, ok := cms.PostEvent(tc.prev, tc.p, now)
			if ok != (tc.want != "") || e.Type != tc.want || !e.At.Equal(tc.wantAt) {
				t.Errorf("got %v %q at %v, want %q at %v", ok, e.Type, e.At, tc.want, tc.wantAt)
			}
			if ok && (e.Key == "" || e.Post == nil) {
				t.Errorf("event without a key or post: %+v", e)
			}
		})
	}
}

// Each revision's event has its own key, so a revision is announced once however often it
// is emitted, and two revisions twice.
func TestPostEventKeys(t *testing.T) {
	now := time.Date(2026, 6, 15, 12, 0, 0, 0, time.UTC)
	at := now.Add(-time.Hour)
	v2 := &guildhall.Post{ID: "pst_1", Version: 2, Status: guildhall.PostPublished, PublishedAt: &at, UpdatedAt: now}
	v3 := &guildhall.Post{ID: "pst_1", Version: 3, Status: guildhall.PostPublished, PublishedAt: &at, UpdatedAt: now}
	a, _ := cms.PostEvent(v2, v3, now)
	b, _ := cms.PostEvent(v2, v3, now.Add(time.Minute))
	c, _ := cms.PostEvent(v3, &guildhall.Post{ID: "pst_1", Version: 4, Status: guildhall.PostPublished, PublishedAt: &at, UpdatedAt: now}, now)
	if a.Key != b.Key || !a.Occurred.Equal(b.Occurred) || a.Key == c.Key {
		t.Errorf("keys %q %q %q", a.Key, b.Key, c.Key)
	}
}

// A take-down is announced at its moment: once per post and time, not again when a revision
// keeps it, and a moved take-down is a new one (the old one's delivery is then cancelled by
// its guard). Setting or moving it is not POST_UPDATED: readers see nothing change then.
func TestTakeDownEvent(t *testing.T) {
	now := time.Date(2026, 6, 15, 12, 0, 0, 0, time.UTC)
	at := func(d time.Duration) *time.Time { t := now.Add(d); return &t }
	post := func(status guildhall.PostStatus, published, down *time.Time) *guildhall.Post {
		return &guildhall.Post{ID: "pst_1", Status: status, PublishedAt: published, UnpublishAt: down}
	}
	live := post(guildhall.PostPublished, at(-time.Hour), nil)
	goesDown := post(guildhall.PostPublished, at(-time.Hour), at(time.Hour))
	for _, tc := range []struct {
		name    string
		prev, p *guildhall.Post
		want    *time.Time // nil for none
	}{
		{"a take-down set on a live post", live, goesDown, at(time.Hour)},
		{"a revision that keeps it", goesDown, goesDown, nil},
		{"moved", goesDown, post(guildhall.PostPublished, at(-time.Hour), at(2*time.Hour)), at(2 * time.Hour)},
		{"removed", goesDown, live, nil},
		{"published with one", post(guildhall.PostDraft, nil, nil), post(guildhall.PostPublished, at(time.Hour), at(3*time.Hour)), at(3 * time.Hour)},
		{"a draft", nil, post(guildhall.PostDraft, nil, at(time.Hour)), nil},
		{"one already past", live, post(guildhall.PostPublished, at(-time.Hour), at(-time.Minute)), nil},
		{"deleted", goesDown, nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e, ok := cms.TakeDownEvent(tc.prev, tc.p, now)
			if ok != (tc.want != nil) || (ok && (e.Type != guildhall.EventPostUnpublished || !e.At.Equal(*tc.want) || e.Key == "")) {
				t.Errorf("got %v %+v, want at %v", ok, e, tc.want)
			}
			if pe, ok := cms.PostEvent(tc.prev, tc.p, now); ok && tc.prev != nil && tc.p != nil && tc.prev.IsLive(now) && tc.p.IsLive(now) {
				t.Errorf("a take-down change is %s", pe.Type)
			}
		})
	}
	a, _ := cms.TakeDownEvent(live, goesDown, now)
	b, _ := cms.TakeDownEvent(live, goesDown, now.Add(time.Minute))
	if a.Key != b.Key {
		t.Errorf("the same take-down has two keys: %q %q", a.Key, b.Key)
	}
}
