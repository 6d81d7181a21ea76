package cms_test

import (
	"context"
	"sync"
	"testing"

	"github.com/guildhall/guildhall"
)

// A claim left by a create whose write failed (its owner has no revision) is adopted by the
// next create of the value, once, however many instances retry at once; a claim whose owner
// has a revision (saved on an instance this one has not heard from yet) is not.
func TestOrphanClaimsAreAdoptedOnce(t *testing.T) {
	svc, store, c := fakeService(t)
	other := newInstance(t, store, c)
	ctx := context.Background()
	orphan := guildhall.NewID(guildhall.KindAccount, t0)
	if err := store.Claim(ctx, guildhall.ClaimAccountEmail, "zoe@example.org", orphan); err != nil {
		t.Fatal(err)
	}
	postOrphan := guildhall.NewID(guildhall.KindPost, t0)
	if err := store.Claim(ctx, guildhall.ClaimPostSlug, "agm-minutes", postOrphan); err != nil {
		t.Fatal(err)
	}
	author := memberIDOf(t, svc, "christian-billington")

	var (
		wg               sync.WaitGroup
		mu               sync.Mutex
		accounts, posts  []string
		refused, refuseP int
	)
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s := []any{svc, other}[i%2].(interface {
				CreateAccount(context.Context, guildhall.CreateAccountInput) (*guildhall.Account, error)
				CreatePost(context.Context, guildhall.CreatePostInput) (*guildhall.Post, error)
			})
			// Eight argon2 hashes at once queue for the cores; under the race detector on a busy
			// machine a turn can take longer than a request waits, and the answer is then
			// RATE_LIMITED, "try again in a moment": the test does as a client would.
			in := guildhall.CreateAccountInput{Email: "Zoe@example.org", Password: "correct horse battery", Role: guildhall.RoleEditor}
			a, aerr := s.CreateAccount(admin, in)
			for try := 0; code(aerr) == guildhall.ERATELIMITED && try < 10; try++ {
				a, aerr = s.CreateAccount(admin, in)
			}
			p, perr := s.CreatePost(admin, guildhall.CreatePostInput{Title: "Minutes", Slug: ptr("agm-minutes"), AuthorID: &author})
			mu.Lock()
			defer mu.Unlock()
			switch {
			case aerr == nil:
				accounts = append(accounts, a.ID)
			case code(aerr) == guildhall.EINVALID:
				refused++
			default:
				t.Errorf("createAccount: %v", aerr)
			}
			switch {
			case perr == nil:
				posts = append(posts, p.ID)
			case code(perr) == guildhall.EINVALID:
				refuseP++
			default:
				t.Errorf("createPost: %v", perr)
			}
		}()
	}
	wg.Wait()
	if len(accounts) != 1 || accounts[0] != orphan || refused != 7 {
		t.Errorf("accounts created %v (want only %s), %d refused", accounts, orphan, refused)
	}
	if len(posts) != 1 || posts[0] != postOrphan || refuseP != 7 {
		t.Errorf("posts created %v (want only %s), %d refused", posts, postOrphan, refuseP)
	}

	// Saved by another instance this one has not heard from: not an orphan.
	elsewhere := guildhall.NewID(guildhall.KindAccount, t0)
	if err := store.Claim(ctx, guildhall.ClaimAccountEmail, "yan@example.org", elsewhere); err != nil {
		t.Fatal(err)
	}
	if err := store.SaveAccount(ctx, &guildhall.Account{ID: elsewhere, Version: 1, Email: "yan@example.org", Role: guildhall.RoleEditor, CreatedAt: t0, UpdatedAt: t0}, "tok_admin"); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.CreateAccount(admin, guildhall.CreateAccountInput{Email: "yan@example.org", Password: "correct horse battery", Role: guildhall.RoleEditor}); code(err) != guildhall.EINVALID {
		t.Errorf("an account saved elsewhere: %v, want EINVALID", err)
	}

	// A deleted post keeps its slug, on an instance that never heard of the post too.
	p, err := svc.CreatePost(admin, guildhall.CreatePostInput{Title: "Old", Slug: ptr("old-news"), AuthorID: &author})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.DeletePost(admin, p.ID); err != nil {
		t.Fatal(err)
	}
	late := newInstance(t, store, c)
	for _, s := range []interface {
		CreatePost(context.Context, guildhall.CreatePostInput) (*guildhall.Post, error)
	}{svc, late} {
		if _, err := s.CreatePost(admin, guildhall.CreatePostInput{Title: "New", Slug: ptr("old-news"), AuthorID: &author}); code(err) != guildhall.EINVALID {
			t.Errorf("a deleted post's slug: %v, want EINVALID", err)
		}
	}
	// An update never adopts: only a create has no ID of its own yet.
	q, err := svc.CreatePost(admin, guildhall.CreatePostInput{Title: "Another", AuthorID: &author})
	if err != nil {
		t.Fatal(err)
	}
	if err := store.Claim(ctx, guildhall.ClaimPostSlug, "left-over", guildhall.NewID(guildhall.KindPost, t0)); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.UpdatePost(admin, guildhall.UpdatePostInput{ID: q.ID, ExpectedVersion: 1, Slug: ptr("left-over")}); code(err) != guildhall.EINVALID {
		t.Errorf("an update taking an orphaned slug: %v, want EINVALID", err)
	}
}
