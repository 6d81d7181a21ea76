package cms_test

import (
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/guildhall/guildhall"
	"github.com/guildhall/guildhall/clock"
	"github.com/guildhall/guildhall/cms"
	"github.com/guildhall/guildhall/cms/cmstest"
	"github.com/guildhall/guildhall/demo"
)

// Tests of the service's own rules, on the in-memory store: the database adds nothing to
// them, and cmstest.Contract holds the two stores to the same behaviour.

// fakeService is a service over a fresh in-memory store seeded with the demo content, with
// the clock at t0. Another service on the same store is another instance (newInstance).
func fakeService(t *testing.T, configure ...func(*cms.Options)) (*cms.Service, *cmstest.Store, *clock.Manual) {
	t.Helper()
	c := clock.NewManual(t0)
	store := cmstest.NewStore(c.Now)
	svc := newInstance(t, store, c, configure...)
	if _, err := svc.SeedIfEmpty(context.Background(), demo.New(t0)); err != nil {
		t.Fatal(err)
	}
	return svc, store, c
}

func newInstance(t *testing.T, store cms.Store, c *clock.Manual, configure ...func(*cms.Options)) *cms.Service {
	t.Helper()
	opts := cms.DefaultOptions()
	opts.Now, opts.Logger = c.Now, slog.New(slog.DiscardHandler)
	for _, f := range configure {
		f(&opts)
	}
	svc := cms.New(store, opts)
	if err := svc.Load(context.Background()); err != nil {
		t.Fatal(err)
	}
	return svc
}

var admin = as(&guildhall.Viewer{Role: guildhall.RoleAdmin, TokenID: "tok_admin"})

// An email address is one address however it is spelled in case and surrounding space:
// joining, editing a profile and creating a login all compare the normalised form.
func TestEmailIsComparedNormalised(t *testing.T) {
	svc, _, _ := fakeService(t)
	join := func(key, email string) (*guildhall.Member, error) {
		return svc.JoinMembership(admin, guildhall.JoinMembershipInput{Name: "Ada Lovelace", Email: email, Plan: "professional", IdempotencyKey: key})
	}
	ada, err := join("k1", "Ada@Example.org")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := join("k2", "  ada@EXAMPLE.org "); code(err) != guildhall.ECONFLICT {
		t.Errorf("joining again with the address in other case: %v, want ECONFLICT", err)
	}
	other := memberIDOf(t, svc, "christian-billington")
	if _, err := svc.UpdateMemberProfile(admin, guildhall.UpdateMemberProfileInput{ID: other, Email: ptr("ADA@example.org")}); code(err) != guildhall.EINVALID {
		t.Errorf("giving another member the address in other case: %v, want EINVALID", err)
	}
	if _, err := svc.UpdateMemberProfile(admin, guildhall.UpdateMemberProfileInput{ID: ada.ID, Email: ptr("ada@example.ORG")}); err != nil {
		t.Errorf("the member respelling their own address: %v", err)
	}
	if _, err := svc.CreateAccount(admin, guildhall.CreateAccountInput{Email: "Ada@Example.org", Password: "correct horse battery", Role: guildhall.RoleMember, MemberID: &ada.ID}); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.CreateAccount(admin, guildhall.CreateAccountInput{Email: "ada@example.org ", Password: "correct horse battery", Role: guildhall.RoleEditor}); code(err) != guildhall.EINVALID {
		t.Errorf("a second login for the address in other case: %v, want EINVALID", err)
	}
	if _, err := svc.Login(context.Background(), " ADA@example.org", "correct horse battery", "192.0.2.1"); err != nil {
		t.Errorf("logging in with the address in other case: %v", err)
	}
	if _, err := join("k3", "   "); code(err) != guildhall.EINVALID {
		t.Errorf("joining with a blank address: %v, want EINVALID", err)
	}
}

// A second instance on the same store learns of the first one's writes through the change
// log, whatever the store.
func TestInstancesFollowEachOther(t *testing.T) {
	fast := func(o *cms.Options) { o.SyncInterval = 5 * time.Millisecond }
	a, store, c := fakeService(t, fast)
	b := newInstance(t, store, c, fast)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go b.Follow(ctx)
	author := memberIDOf(t, a, "christian-billington")
	p, err := a.CreatePost(editor, guildhall.CreatePostInput{Title: "Written on A", Body: "<p>hello</p>", AuthorID: &author})
	if err != nil {
		t.Fatal(err)
	}
	blk, err := a.CreateBlock(editor, guildhall.CreateBlockInput{Kind: guildhall.BlockLinks, Links: []guildhall.Link{{Label: "Ethics", URL: "https://example.org/ethics"}}})
	if err != nil {
		t.Fatal(err)
	}
	eventually(t, "B sees A's post and block", func() bool {
		got, err := b.Post(editor, &p.ID, nil)
		_, berr := b.Block(blk.BlockID())
		return err == nil && got.Title == "Written on A" && berr == nil
	})
	if _, err := a.DeleteBlock(editor, blk.BlockID()); err != nil {
		t.Fatal(err)
	}
	eventually(t, "B sees the block deleted", func() bool {
		_, err := b.Block(blk.BlockID())
		return code(err) == guildhall.ENOTFOUND
	})
}

// The delivery log reads what the store recorded of each delivery, its status derived by
// the domain: here, a delivery whose only attempt the endpoint refused for good.
func TestWebhookDeliveryLog(t *testing.T) {
	svc, store, _ := fakeService(t, func(o *cms.Options) { o.WebhookBackoff = []time.Duration{} })
	if _, err := svc.CreateWebhook(admin, guildhall.CreateWebhookInput{URL: "https://hooks.example/x", Events: []guildhall.WebhookEvent{guildhall.EventMemberJoined}, Secret: "0123456789abcdef"}); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.JoinMembership(admin, guildhall.JoinMembershipInput{Name: "Ada Lovelace", Email: "ada@example.org", Plan: "professional", IdempotencyKey: "k1"}); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	queue, err := store.QueuedAttempts(ctx)
	if err != nil || len(queue) != 1 {
		t.Fatalf("queue %+v, %v; want the join's delivery", queue, err)
	}
	q := queue[0]
	gone := 410
	if won, err := store.ClaimAttempt(ctx, q.DeliveryID, 1, "ins_test", t0); !won || err != nil {
		t.Fatal(won, err)
	}
	if err := store.RecordAttempt(ctx, guildhall.AttemptResult{DeliveryID: q.DeliveryID, N: 1, At: t0, Outcome: guildhall.OutcomeFailed, StatusCode: &gone, Final: true}); err != nil {
		t.Fatal(err)
	}
	if err := store.Dequeue(ctx, q); err != nil {
		t.Fatal(err)
	}
	page, err := svc.WebhookDeliveries(admin, nil, nil, nil)
	if err != nil || len(page.Items) != 1 {
		t.Fatalf("log %+v, %v", page, err)
	}
	d := page.Items[0]
	if d.Status != guildhall.DeliveryFailed || len(d.Attempts) != 1 || *d.Attempts[0].StatusCode != 410 || d.NextAttemptAt != nil {
		t.Errorf("delivery %+v", d)
	}
	if n, err := svc.CountWebhookDeliveries(admin, nil); n != 1 || err != nil {
		t.Errorf("count %d, %v", n, err)
	}
}

func memberIDOf(t *testing.T, svc *cms.Service, slug string) string {
	t.Helper()
	m, err := svc.Member(context.Background(), nil, &slug)
	if err != nil {
		t.Fatal(err)
	}
	return m.ID
}

func eventually(t *testing.T, what string, ok func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); !ok(); time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%s: not within 10 s", what)
		}
	}
}

// A write made while the content is being reloaded (as an instance that fell behind the
// change log does) is not lost when the reloaded catalog takes the old one's place: the
// writer still reads it at once.
func TestWriteDuringReloadIsKept(t *testing.T) {
	svc, store, _ := fakeService(t)
	slow := &slowLoad{Store: store}
	reloading := newInstance(t, slow, clock.NewManual(t0))
	slow.reading, slow.release = make(chan struct{}), make(chan struct{})
	done := make(chan error, 1)
	go func() { done <- reloading.Load(context.Background()) }()
	<-slow.reading // the content is read; the write below is not in it
	author := memberIDOf(t, svc, "christian-billington")
	p, err := reloading.CreatePost(editor, guildhall.CreatePostInput{Title: "Written during the reload", Body: "<p>x</p>", AuthorID: &author})
	if err != nil {
		t.Fatal(err)
	}
	close(slow.release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if got, err := reloading.Post(editor, &p.ID, nil); err != nil || got.Title != p.Title {
		t.Errorf("the write made during the reload: %+v, %v", got, err)
	}
}

// slowLoad is a store whose next LoadWatching, once reading is set, reads the content and
// then waits for release, as a long load on a large database does.
type slowLoad struct {
	*cmstest.Store
	reading, release chan struct{}
}

func (s *slowLoad) LoadWatching(ctx context.Context, watch func(*guildhall.Post)) (*guildhall.Content, error) {
	c, err := s.Store.LoadWatching(ctx, watch)
	if s.reading != nil {
		close(s.reading)
		<-s.release
	}
	return c, err
}

// A member's name is cleaned alike however it arrives: runs of space collapse, whether the
// member joins or edits their profile.
func TestNameCleanedAlike(t *testing.T) {
	svc, _, _ := fakeService(t)
	m, err := svc.JoinMembership(admin, guildhall.JoinMembershipInput{Name: "  Ada   Lovelace ", Email: "ada@example.org", Plan: "professional", IdempotencyKey: "k1"})
	if err != nil || m.Name != "Ada Lovelace" {
		t.Fatalf("joined as %q, %v", m.Name, err)
	}
	m, err = svc.UpdateMemberProfile(admin, guildhall.UpdateMemberProfileInput{ID: m.ID, Name: ptr(" Ada \t King  "), SortName: ptr("King,   Ada")})
	if err != nil || m.Name != "Ada King" || m.SortName != "King, Ada" {
		t.Errorf("edited to %q / %q, %v", m.Name, m.SortName, err)
	}
	if _, err := svc.UpdateMemberProfile(admin, guildhall.UpdateMemberProfileInput{ID: m.ID, Name: ptr(strings.Repeat("a", guildhall.MaxNameLength+1))}); code(err) != guildhall.EINVALID {
		t.Errorf("a name over the limit: %v", err)
	}
}
