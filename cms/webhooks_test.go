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
		{"a live post edited", live, live, guildhall.EventPostUpdated, time.Time{}},
		{"a live post back to draft", live, post(guildhall.PostDraft, at(-time.Hour)), guildhall.EventPostUnpublished, time.Time{}},
		{"a live post archived", live, post(guildhall.PostArchived, at(-time.Hour)), guildhall.EventPostUnpublished, time.Time{}},
		{"a live post deferred", live, scheduled, guildhall.EventPostUnpublished, time.Time{}},
		{"scheduled", draft, scheduled, guildhall.EventPostPublished, *at(time.Hour)},
		{"a scheduled post edited", scheduled, scheduled, "", time.Time{}},
		{"rescheduled", scheduled, post(guildhall.PostPublished, at(2*time.Hour)), guildhall.EventPostPublished, *at(2 * time.Hour)},
		{"a scheduled post back to draft", scheduled, draft, "", time.Time{}},
		{"an archived post edited", post(guildhall.PostArchived, nil), post(guildhall.PostArchived, nil), "", time.Time{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e, ok := cms.PostEvent(tc.prev, tc.p, now)
			if ok != (tc.want != "") || e.Type != tc.want || !e.At.Equal(tc.wantAt) {
				t.Errorf("got %v %q at %v, want %q at %v", ok, e.Type, e.At, tc.want, tc.wantAt)
			}
		})
	}
}
