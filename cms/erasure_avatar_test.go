package cms_test

import (
	"context"
	"testing"

	"github.com/guildhall/guildhall"
	"github.com/guildhall/guildhall/cms"
	"github.com/guildhall/guildhall/media"
)

// Erasure takes the member's avatar with it (a picture of them, with its history and its
// file) when only they show it; an avatar a post shows too stays.
func TestEraseMemberTakesTheirAvatar(t *testing.T) {
	files, err := media.NewDirOriginals(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	f := mustService(t, func(o *cms.Options) { o.Originals = files })
	first := 100
	page, err := f.svc.Members(admin, &first, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	var withAvatar []*guildhall.Member
	for _, m := range page.Items {
		if m.AvatarID != nil {
			withAvatar = append(withAvatar, m)
		}
	}
	if len(withAvatar) < 2 {
		t.Fatalf("the demo gives %d members an avatar, want 2", len(withAvatar))
	}
	alone, shared := withAvatar[0], withAvatar[1]
	lonely, _ := f.svc.Asset(*alone.AvatarID)
	// The second avatar is also a post's featured image.
	posts, _ := f.svc.Posts(admin, &first, nil, nil, nil)
	var other *guildhall.Post
	for _, p := range posts.Items {
		if p.AuthorID != shared.ID && p.AuthorID != alone.ID {
			other = p
			break
		}
	}
	if _, err := f.svc.UpdatePost(admin, guildhall.UpdatePostInput{ID: other.ID, ExpectedVersion: other.Version, FeaturedImageID: shared.AvatarID}); err != nil {
		t.Fatal(err)
	}

	for _, m := range []*guildhall.Member{alone, shared} {
		if _, err := f.svc.EraseMember(admin, m.ID, guildhall.ErasePostsAnonymise); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := f.svc.Asset(lonely.ID); guildhall.ErrorCode(err) != guildhall.ENOTFOUND {
		t.Errorf("the erased member's avatar is still an asset: %v", err)
	}
	if rc, err := files.Open(context.Background(), lonely.SHA256); err == nil {
		rc.Close()
		t.Error("the erased member's avatar file is still stored")
	}
	if a, err := f.svc.Asset(*shared.AvatarID); err != nil || a == nil {
		t.Errorf("an avatar a post shows too was deleted: %v", err)
	}
	// Another instance, loading from the store, has no trace of it either.
	again, _ := openService(t, f.db, f.clock, func(o *cms.Options) { o.Originals = files })
	if _, err := again.Asset(lonely.ID); guildhall.ErrorCode(err) != guildhall.ENOTFOUND {
		t.Errorf("another instance still has the avatar: %v", err)
	}
}
