package mongodb_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/guildhall/guildhall"
)

// A post's pending changes, custom excerpt, SEO settings, note and take-down are part of its revision:
// stored, loaded, and read back by revision as they were saved.
func TestEditorialFieldsRoundTrip(t *testing.T) {
	s := MustOpenStore(t)
	ctx := context.Background()
	title, canonical := "Search title", "https://partner.example/original"
	p := testPost(1, "Live")
	p.Excerpt, p.CustomExcerpt = "A teaser", true
	p.SEO = guildhall.SEO{Title: &title, CanonicalURL: &canonical}
	p.Note = "Please shorten the introduction."
	down := t0.Add(48 * time.Hour)
	p.UnpublishAt = &down
	featured := "ast_featured"
	p.Pending = &guildhall.PendingChanges{
		PostContent: guildhall.PostContent{Title: "Draft", Slug: "draft-slug", Body: guildhall.NewRichText("<p>Draft words</p>", "Draft words", 2),
			Excerpt: "Draft words", Tags: []string{}, BlockIDs: []string{}, Visibility: guildhall.VisibilityPublic,
			FeaturedImageID: &featured, ImageIDs: []string{"ast_inbody"}},
		Revision: 1, SavedAt: t0, SavedBy: "mbr_a", InReview: true,
	}
	if err := s.SavePost(ctx, p); err != nil {
		t.Fatal(err)
	}
	plain := testPost(2, "Plain")
	if err := s.SavePost(ctx, plain); err != nil {
		t.Fatal(err)
	}
	content, err := s.Load(ctx)
	if err != nil || len(content.Posts) != 1 {
		t.Fatalf("loaded %v, %v", content, err)
	}
	if got := content.Posts[0]; got.Pending != nil || got.CustomExcerpt || !got.SEO.Equal(guildhall.SEO{}) || got.Note != "" || got.UnpublishAt != nil {
		t.Errorf("a revision without them loaded with %+v %v %+v %q", got.Pending, got.CustomExcerpt, got.SEO, got.Note)
	}
	got, err := s.PostRevision(ctx, "pst_test", 1)
	if err != nil {
		t.Fatal(err)
	}
	if got.Excerpt != "A teaser" || !got.CustomExcerpt || !got.SEO.Equal(p.SEO) || got.Note != p.Note || got.UnpublishAt == nil || !got.UnpublishAt.Equal(down) {
		t.Errorf("loaded excerpt %q (custom %v), SEO %+v, note %q, take-down %v", got.Excerpt, got.CustomExcerpt, got.SEO, got.Note, got.UnpublishAt)
	}
	d := got.Pending
	if d == nil || d.Title != "Draft" || d.Slug != "draft-slug" || !d.Body.Equal(p.Pending.Body) || d.Revision != 1 ||
		!d.SavedAt.Equal(t0) || d.SavedBy != "mbr_a" || d.Tags == nil || len(d.Tags) != 0 || !reflect.DeepEqual(d.PostContent.BlockIDs, []string{}) {
		t.Errorf("pending changes loaded as %+v", d)
	}
	// Submitted for review, with their own images: a restart must not take them out of the
	// review queue, nor let the images they show be deleted.
	if d != nil && (!d.InReview || d.FeaturedImageID == nil || *d.FeaturedImageID != featured || !reflect.DeepEqual(d.ImageIDs, []string{"ast_inbody"})) {
		t.Errorf("pending changes loaded in review %v, featured image %v, body images %v", d.InReview, d.FeaturedImageID, d.ImageIDs)
	}
}
