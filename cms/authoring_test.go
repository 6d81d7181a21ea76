package cms_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/guildhall/guildhall"
	"github.com/guildhall/guildhall/cms"
)

// An author edits only their own posts and sees their own drafts and revisions; another
// author is told the drafts do not exist, may not touch published ones, and sees no history.
func TestAuthorRules(t *testing.T) {
	f := mustService(t)
	ds := f.svc
	annID, benID := f.memberID(t, "christian-billington"), f.memberID(t, "zoe-angstrom")
	ann := as(&guildhall.Viewer{Role: guildhall.RoleAuthor, MemberID: annID})
	ben := as(&guildhall.Viewer{Role: guildhall.RoleAuthor, MemberID: benID})
	annAsMember := as(&guildhall.Viewer{Role: guildhall.RoleMember, MemberID: annID, GoodStanding: true})
	anon := context.Background()

	if _, err := ds.CreatePost(ann, guildhall.CreatePostInput{Title: "In Ben's name", Body: "x", AuthorID: &benID}); code(err) != guildhall.EFORBIDDEN {
		t.Fatalf("an author writing as another member: %v, want EFORBIDDEN", err)
	}
	if _, err := ds.CreatePost(annAsMember, guildhall.CreatePostInput{Title: "Member", Body: "x"}); code(err) != guildhall.EFORBIDDEN {
		t.Fatalf("a MEMBER token creating a post: %v, want EFORBIDDEN", err)
	}
	p, err := ds.CreatePost(ann, guildhall.CreatePostInput{Title: "Ann's draft", Body: "<p>first</p>"})
	if err != nil || p.AuthorID != annID || p.UpdatedBy != annID {
		t.Fatalf("create: %+v, %v", p, err)
	}
	id := p.ID
	if p, err = ds.UpdatePost(ann, guildhall.UpdatePostInput{ID: id, ExpectedVersion: 1, Body: ptr("<p>second</p>")}); err != nil || p.Version != 2 {
		t.Fatalf("the author updating: %+v, %v", p, err)
	}
	// Drafts: the author's own, nobody else's but staff.
	if got, err := ds.Post(ann, &id, nil); err != nil || got.Version != 2 {
		t.Errorf("the author reading their draft: %v", err)
	}
	drafts, _ := ds.Posts(ann, ptr(100), nil, &guildhall.PostFilter{Status: ptr(guildhall.PostDraft)}, nil)
	allDrafts, _ := ds.Posts(editor, ptr(100), nil, &guildhall.PostFilter{Status: ptr(guildhall.PostDraft)}, nil)
	found := false
	for _, d := range drafts.Items {
		found = found || d.ID == id
		if d.AuthorID != annID {
			t.Errorf("an author sees another member's draft %s", d.Slug)
		}
	}
	if !found || len(allDrafts.Items) <= len(drafts.Items) {
		t.Errorf("the author's drafts: %d of %d, their new one found: %v", len(drafts.Items), len(allDrafts.Items), found)
	}
	for name, ctx := range map[string]context.Context{"another author": ben, "anonymous": anon, "the author's MEMBER token": annAsMember} {
		if _, err := ds.Post(ctx, &id, nil); code(err) != guildhall.ENOTFOUND {
			t.Errorf("%s reading the draft: %v, want ENOTFOUND", name, err)
		}
	}
	if _, err := ds.UpdatePost(ben, guildhall.UpdatePostInput{ID: id, ExpectedVersion: 2, Title: ptr("Ben's now")}); code(err) != guildhall.ENOTFOUND {
		t.Errorf("another author updating a draft they cannot see: %v, want ENOTFOUND", err)
	}
	revs, err := ds.PostRevisions(ann, p, nil, nil)
	if err != nil || len(revs.Items) != 2 || revs.Items[0].Revision != 2 || revs.Items[0].SavedBy != annID {
		t.Fatalf("the author's revisions: %+v, %v", revs, err)
	}

	// Published: everyone reads it; only the author and staff change it or see its history.
	if p, err = ds.PublishPost(ann, id, guildhall.PublishInput{}); err != nil {
		t.Fatal(err)
	}
	denied := map[string]func(ctx context.Context) error{
		"update": func(ctx context.Context) error {
			_, err := ds.UpdatePost(ctx, guildhall.UpdatePostInput{ID: id, ExpectedVersion: 3, Title: ptr("x")})
			return err
		},
		"unpublish": func(ctx context.Context) error { _, err := ds.UnpublishPost(ctx, id); return err },
		"archive":   func(ctx context.Context) error { _, err := ds.ArchivePost(ctx, id); return err },
		"delete":    func(ctx context.Context) error { _, err := ds.DeletePost(ctx, id); return err },
		"restore":   func(ctx context.Context) error { _, err := ds.RestorePostRevision(ctx, id, 1, nil); return err },
		"preview":   func(ctx context.Context) error { _, err := ds.CreatePreviewLink(ctx, id, nil); return err },
	}
	for name, do := range denied {
		if err := do(ben); code(err) != guildhall.EFORBIDDEN {
			t.Errorf("another author: %s = %v, want EFORBIDDEN", name, err)
		}
		if err := do(annAsMember); code(err) != guildhall.EFORBIDDEN {
			t.Errorf("the author's MEMBER token: %s = %v, want EFORBIDDEN", name, err)
		}
		if err := do(anon); code(err) != guildhall.EUNAUTHORIZED {
			t.Errorf("anonymous: %s = %v, want EUNAUTHORIZED", name, err)
		}
	}
	for name, ctx := range map[string]context.Context{"another author": ben, "anonymous": anon, "a MEMBER token": annAsMember} {
		page, err := ds.PostRevisions(ctx, p, nil, nil)
		if err != nil || len(page.Items) != 0 || page.Total() != 0 || page.HasNextPage {
			t.Errorf("%s sees the history: %+v, %v", name, page, err)
		}
	}
	if page, _ := ds.PostRevisions(editor, p, nil, nil); len(page.Items) != 3 {
		t.Errorf("an editor sees %d revisions, want 3", len(page.Items))
	}
	if cur, _ := ds.Post(anon, &id, nil); cur.Version != 3 {
		t.Errorf("refused writes changed the post: version %d", cur.Version)
	}

	// The author's own lifecycle and preview link.
	if _, err := ds.CreatePreviewLink(ann, id, nil); err != nil {
		t.Errorf("the author's preview link: %v", err)
	}
	if p, err = ds.ArchivePost(ann, id); err != nil || p.Status != guildhall.PostArchived {
		t.Fatalf("the author archiving: %+v, %v", p, err)
	}
	if _, err := ds.Post(ben, &id, nil); code(err) != guildhall.ENOTFOUND {
		t.Errorf("another author reading an archived post: %v, want ENOTFOUND", err)
	}
	if _, err := ds.Post(ann, &id, nil); err != nil {
		t.Errorf("the author reading their archived post: %v", err)
	}
	if _, err := ds.DeleteBlock(ann, "blk_x"); code(err) != guildhall.EFORBIDDEN {
		t.Errorf("an author deleting a block: %v, want EFORBIDDEN", err)
	}
	if _, err := ds.DeletePost(ann, id); err != nil {
		t.Errorf("the author deleting their post: %v", err)
	}
}

// Preview tokens are bound to one post and an expiry, signed with a key every instance
// shares without configuration, and useless once tampered with.
func TestPreviewTokens(t *testing.T) {
	f := mustService(t)
	authorID := f.memberID(t, "christian-billington")
	p, err := f.svc.CreatePost(editor, guildhall.CreatePostInput{Title: "Secret plans", Body: "<p>draft body</p>", AuthorID: &authorID,
		Visibility: ptr(guildhall.VisibilityMembers)})
	if err != nil {
		t.Fatal(err)
	}
	link, err := f.svc.CreatePreviewLink(editor, p.ID, ptr(30))
	if err != nil {
		t.Fatal(err)
	}
	if !link.ExpiresAt.Equal(t0.Add(30*time.Minute)) || link.Post.ID != p.ID || !strings.HasPrefix(link.Token, "gpv1."+p.ID+".") {
		t.Fatalf("link = %+v", link)
	}
	anon := context.Background()
	got, err := f.svc.PostPreview(anon, &p.ID, nil, &link.Token)
	if err != nil || !got.Previewed || f.svc.Body(anon, got) == nil || f.svc.Body(anon, got).Text() != "draft body" {
		t.Fatalf("preview read: %+v, %v", got, err)
	}
	if cur, _ := f.svc.Post(editor, &p.ID, nil); cur.Previewed {
		t.Fatal("the preview flag leaked into the catalog")
	}

	// A second instance on the same database, with no key configured, accepts the token.
	other, _ := openService(t, f.db, f.clock)
	if _, err := other.PostPreview(anon, &p.ID, nil, &link.Token); err != nil {
		t.Errorf("another instance refused the token: %v", err)
	}
	// An instance with a different key does not.
	keyed, _ := openService(t, f.db, f.clock, func(o *cms.Options) { o.PreviewKey = []byte(strings.Repeat("k", 32)) })
	if _, err := keyed.PostPreview(anon, &p.ID, nil, &link.Token); code(err) != guildhall.EINVALID {
		t.Errorf("an instance with another key: %v, want EINVALID", err)
	}

	parts := strings.Split(link.Token, ".")
	other2, _ := f.svc.CreatePost(editor, guildhall.CreatePostInput{Title: "Other draft", Body: "x", AuthorID: &authorID})
	tampered := map[string]string{
		"another post ID":      strings.Join([]string{parts[0], other2.ID, parts[2], parts[3]}, "."),
		"a later expiry":       strings.Join([]string{parts[0], parts[1], parts[2] + "0", parts[3]}, "."),
		"a flipped signature":  strings.Join([]string{parts[0], parts[1], parts[2], flip(parts[3])}, "."),
		"no signature":         strings.Join(parts[:3], "."),
		"another version":      "gpv2." + strings.Join(parts[1:], "."),
		"garbage":              "hello",
		"empty":                "",
		"a very long token":    link.Token + strings.Repeat("A", 300),
		"signature not base64": strings.Join([]string{parts[0], parts[1], parts[2], "!!!"}, "."),
	}
	for name, tok := range tampered {
		_, err := f.svc.PostPreview(anon, &p.ID, nil, &tok)
		e, _ := err.(*guildhall.Error)
		if e == nil || e.Code != guildhall.EINVALID || e.Fields["previewToken"] != "is not valid" {
			t.Errorf("%s: %v, want EINVALID on previewToken", name, err)
		}
	}

	// A valid token for this post grants nothing for another one: it reads as without it.
	if _, err := f.svc.PostPreview(anon, &other2.ID, nil, &link.Token); code(err) != guildhall.ENOTFOUND {
		t.Errorf("the token used on another draft: %v, want ENOTFOUND", err)
	}
	// By slug, including a former one.
	if got, err := f.svc.PostPreview(anon, nil, &p.Slug, &link.Token); err != nil || got.ID != p.ID {
		t.Errorf("preview by slug: %v", err)
	}

	f.clock.Advance(30 * time.Minute)
	_, err = f.svc.PostPreview(anon, &p.ID, nil, &link.Token)
	if e, _ := err.(*guildhall.Error); e == nil || e.Code != guildhall.EINVALID || e.Fields["previewToken"] != "has expired" {
		t.Errorf("at expiry: %v, want EINVALID has expired", err)
	}
	for _, m := range []int{0, -5, 24*60 + 1} {
		_, err := f.svc.CreatePreviewLink(editor, p.ID, &m)
		if e, _ := err.(*guildhall.Error); e == nil || e.Code != guildhall.EINVALID || e.Fields["expiresInMinutes"] == "" {
			t.Errorf("expiresInMinutes %d: %v", m, err)
		}
	}
	if l, err := f.svc.CreatePreviewLink(editor, p.ID, nil); err != nil || !l.ExpiresAt.Equal(f.clock.Now().Add(time.Hour)) {
		t.Errorf("default lifetime: %+v, %v", l, err)
	}
}

func flip(s string) string {
	b := []byte(s)
	if b[0] == 'A' {
		b[0] = 'B'
	} else {
		b[0] = 'A'
	}
	return string(b)
}

// Deleting a post removes its revisions from the database, not only from memory.
func TestDeletePostPurgesHistory(t *testing.T) {
	f := mustService(t)
	authorID := f.memberID(t, "christian-billington")
	p, _ := f.svc.CreatePost(editor, guildhall.CreatePostInput{Title: "Doomed", Body: "x", AuthorID: &authorID})
	_, _ = f.svc.UpdatePost(editor, guildhall.UpdatePostInput{ID: p.ID, ExpectedVersion: 1, Title: ptr("Doomed v2")})
	ctx := context.Background()
	if revs, _ := f.store.PostRevisions(ctx, p.ID); len(revs) != 2 {
		t.Fatalf("before: %d revisions stored", len(revs))
	}
	if _, err := f.svc.DeletePost(editor, p.ID); err != nil {
		t.Fatal(err)
	}
	if revs, _ := f.store.PostRevisions(ctx, p.ID); len(revs) != 0 {
		t.Errorf("after: %d revisions stored", len(revs))
	}
	// A fresh instance loads neither the post nor its history.
	other, _ := openService(t, f.db, f.clock)
	if _, err := other.Post(editor, &p.ID, nil); code(err) != guildhall.ENOTFOUND {
		t.Errorf("a fresh instance reads the deleted post: %v", err)
	}
}

// The race deleteBlock accepts: a post on another instance attaches the block while it is
// being deleted. The block is gone, and the post shows without it; nothing fails.
func TestDeleteBlockRaceOutcome(t *testing.T) {
	f := mustService(t, func(o *cms.Options) { o.SyncInterval = 10 * time.Millisecond })
	authorID := f.memberID(t, "christian-billington")
	b, err := f.svc.CreateBlock(editor, guildhall.CreateBlockInput{Kind: guildhall.BlockContact, ContactName: ptr("Desk")})
	if err != nil {
		t.Fatal(err)
	}
	other, _ := openService(t, f.db, f.clock, func(o *cms.Options) { o.SyncInterval = 10 * time.Millisecond })
	// The other instance attaches the block; this one has not heard of that post yet.
	p, err := other.CreatePost(editor, guildhall.CreatePostInput{Title: "Attaches", Body: "x", AuthorID: &authorID, BlockIDs: []string{b.BlockID()}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.DeleteBlock(editor, b.BlockID()); err != nil {
		t.Fatalf("delete in the race window: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go other.Follow(ctx)
	deadline := time.Now().Add(5 * time.Second)
	for {
		if _, err := other.Block(b.BlockID()); code(err) == guildhall.ENOTFOUND {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the other instance never saw the deletion")
		}
		time.Sleep(5 * time.Millisecond)
	}
	got, err := other.Post(editor, &p.ID, nil)
	if err != nil || len(got.BlockIDs) != 1 || len(other.PostBlocks(got)) != 0 {
		t.Errorf("the post after the race: %+v, %v, blocks shown %d", got, err, len(other.PostBlocks(got)))
	}
}
