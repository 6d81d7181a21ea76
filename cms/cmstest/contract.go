package cmstest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/guildhall/guildhall"
	"github.com/guildhall/guildhall/cms"
)

// Opener makes an empty store (with the default plans, as a migrated database has) whose
// clock is now. The store lives until the test ends.
type Opener func(t *testing.T, now func() time.Time) cms.Store

// Contract checks that a store keeps the rules the service relies on (cms/store.go): writes
// decided by unique inserts, tombstones, claims and attempts won once, the change log. Every
// cms.Store runs it: the MongoDB store in its tests, and Store here, so that a service test
// on the fake learns what it would have learnt on the database.
func Contract(t *testing.T, open Opener) {
	for _, c := range []struct {
		name string
		run  func(t *testing.T, s cms.Store, clock *clock)
	}{
		{"PostRevisions", postRevisions},
		{"PostDeletion", postDeletion},
		{"MembersAndBlocks", membersAndBlocks},
		{"EveryBlockKind", everyBlockKind},
		{"EveryMemberField", everyMemberField},
		{"Claims", claims},
		{"Intents", intents},
		{"MembershipEvents", membershipEvents},
		{"Credentials", credentials},
		{"Webhooks", webhooks},
		{"Assets", assets},
		{"Deliveries", deliveries},
		{"ChangeLog", changeLog},
		{"SeedAndOnce", seedAndOnce},
		{"SharedSecret", sharedSecret},
	} {
		t.Run(c.name, func(t *testing.T) {
			clk := &clock{now: t0}
			c.run(t, open(t, clk.Now), clk)
		})
	}
}

// t0 is a time at the millisecond precision every store keeps.
var t0 = time.Date(2026, 1, 2, 3, 4, 5, 6000000, time.UTC)

// clock is a clock the contract moves by hand.
type clock struct{ now time.Time }

// Now returns the clock's time.
func (c *clock) Now() time.Time { return c.now }

func (c *clock) add(d time.Duration) { c.now = c.now.Add(d) }

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func wantCode(t *testing.T, what string, err error, code string) {
	t.Helper()
	if got := guildhall.ErrorCode(err); got != code {
		t.Errorf("%s: %v (code %q), want %q", what, err, got, code)
	}
}

func post(version int, title string) *guildhall.Post {
	at := t0.Add(time.Duration(version) * time.Minute)
	return &guildhall.Post{
		ID: "pst_contract", Version: version, Slug: "contract", Title: title, Status: guildhall.PostPublished,
		Visibility: guildhall.VisibilityPublic, AuthorID: "mbr_a", Body: guildhall.NewRichText("<p>"+title+"</p>", title, 1),
		Excerpt: title, Tags: []string{"a"}, BlockIDs: []string{}, PublishedAt: &t0, CreatedAt: t0, UpdatedAt: at, UpdatedBy: "mbr_a",
	}
}

func load(t *testing.T, s cms.Store) *guildhall.Content {
	t.Helper()
	c, err := s.LoadWatching(context.Background(), nil)
	must(t, err)
	return c
}

// A revision is written once: the second writer of a version loses with ECONFLICT and
// changes nothing. Loading gives the newest revision and the history of all of them.
func postRevisions(t *testing.T, s cms.Store, _ *clock) {
	ctx := context.Background()
	must(t, s.SavePost(ctx, post(1, "one")))
	wantCode(t, "saving version 1 again", s.SavePost(ctx, post(1, "other")), guildhall.ECONFLICT)
	must(t, s.SavePost(ctx, post(2, "two")))
	var watched []*guildhall.Post
	c, err := s.LoadWatching(ctx, func(p *guildhall.Post) { watched = append(watched, p) })
	must(t, err)
	if len(c.Posts) != 1 || c.Posts[0].Title != "two" || c.Posts[0].Version != 2 || !c.Posts[0].Body.Equal(post(2, "two").Body) {
		t.Fatalf("loaded posts %+v, want version 2", c.Posts)
	}
	if !slices.Contains(watched, c.Posts[0]) || len(watched) != 2 {
		t.Errorf("watch saw %d revisions, the loaded post among them: %v", len(watched), slices.Contains(watched, c.Posts[0]))
	}
	if len(c.PostHistory) != 2 {
		t.Errorf("history of %d revisions, want 2", len(c.PostHistory))
	}
	old, err := s.PostRevision(ctx, "pst_contract", 1)
	if err != nil || old.Title != "one" || old.Body.HTML() != "<p>one</p>" {
		t.Errorf("revision 1: %+v, %v", old, err)
	}
	_, err = s.PostRevision(ctx, "pst_contract", 9)
	wantCode(t, "a revision never saved", err, guildhall.ENOTFOUND)
	// What was read is a copy: changing it changes nothing stored.
	c.Posts[0].Title = "changed by a reader"
	if again := load(t, s); again.Posts[0].Title != "two" {
		t.Errorf("a reader's change reached the store: %q", again.Posts[0].Title)
	}
}

// A deletion is a tombstone revision: it races like a save, and the post and its history are
// gone for every later reader.
func postDeletion(t *testing.T, s cms.Store, _ *clock) {
	ctx := context.Background()
	hasRevisions := func(kind guildhall.EntityKind, id string) bool {
		has, err := s.HasRevisions(ctx, kind, id)
		must(t, err)
		return has
	}
	if hasRevisions(guildhall.EntityPost, "pst_contract") {
		t.Errorf("a post never saved has revisions")
	}
	must(t, s.SavePost(ctx, post(1, "one")))
	must(t, s.SavePost(ctx, post(2, "two")))
	wantCode(t, "deleting as version 2, which exists", s.DeletePost(ctx, "pst_contract", 2, "mbr_a"), guildhall.ECONFLICT)
	if err := s.DeletePost(ctx, "pst_contract", 3, "mbr_a"); err != nil && !errors.Is(err, guildhall.ErrHistoryKept) {
		t.Fatal(err)
	}
	c := load(t, s)
	if len(c.Posts) != 0 || len(c.PostHistory) != 0 {
		t.Errorf("after deletion: %d posts, %d revisions in the history", len(c.Posts), len(c.PostHistory))
	}
	if c.Tombstones["pst_contract"] != 3 {
		t.Errorf("the load's tombstones %v, want pst_contract at version 3", c.Tombstones)
	}
	if c.PostsDeletedAt.IsZero() {
		t.Errorf("the load does not say when a post was last deleted (feeds date removals by it)")
	}
	_, err := s.PostRevision(ctx, "pst_contract", 1)
	wantCode(t, "a deleted post's revision", err, guildhall.ENOTFOUND)
	wantCode(t, "saving over the tombstone", s.SavePost(ctx, post(3, "three")), guildhall.ECONFLICT)
	// Only the tombstone is left, and it counts: a deleted post's claims are not orphans.
	if !hasRevisions(guildhall.EntityPost, "pst_contract") {
		t.Errorf("a deleted post has no revisions")
	}
	if hasRevisions(guildhall.EntityPost, "pst_contrac") || hasRevisions(guildhall.EntityAccount, "pst_contract") {
		t.Errorf("revisions found for an ID that is a prefix of another, or of another kind")
	}
}

func membersAndBlocks(t *testing.T, s cms.Store, _ *clock) {
	ctx := context.Background()
	email := "ann@example.org"
	m := &guildhall.Member{ID: "mbr_a", Version: 1, Slug: "ann", Name: "Ann", SortName: "Ann", Email: &email, CreatedAt: t0, UpdatedAt: t0,
		Membership: &guildhall.Membership{PlanCode: "professional", JoinedAt: t0, ExpiresAt: t0.AddDate(1, 0, 0),
			Renewals: []*guildhall.Renewal{{ID: "rnw_1", PlanCode: "professional", RenewedAt: t0, PreviousExpiresAt: t0, NewExpiresAt: t0.AddDate(1, 0, 0), IdempotencyKey: "k"}}}}
	must(t, s.SaveMember(ctx, m, "tok_admin"))
	wantCode(t, "saving member version 1 again", s.SaveMember(ctx, m, "tok_admin"), guildhall.ECONFLICT)
	next := *m
	next.Version, next.Name, next.UpdatedAt = 2, "Ann B", t0.Add(time.Minute)
	must(t, s.SaveMember(ctx, &next, "tok_admin"))
	got, err := s.FindMember(ctx, "mbr_a")
	if err != nil || got == nil || got.Version != 2 || got.Name != "Ann B" || len(got.Membership.Renewals) != 1 || got.Membership.Renewals[0].ID != "rnw_1" {
		t.Errorf("FindMember: %+v, %v", got, err)
	}
	if none, err := s.FindMember(ctx, "mbr_none"); none != nil || err != nil {
		t.Errorf("FindMember of nobody: %+v, %v", none, err)
	}

	title := "Related"
	b := &guildhall.LinksBlock{BlockBase: guildhall.BlockBase{ID: "blk_1", Version: 1, Title: &title, CreatedAt: t0, UpdatedAt: t0},
		Links: []guildhall.Link{{Label: "Ethics", URL: "https://example.org/ethics"}}}
	must(t, s.SaveBlock(ctx, b, "tok_admin"))
	wantCode(t, "saving block version 1 again", s.SaveBlock(ctx, b, "tok_admin"), guildhall.ECONFLICT)
	c := load(t, s)
	if len(c.Members) != 1 || c.Members[0].Version != 2 || len(c.Blocks) != 1 {
		t.Fatalf("loaded %d members (v%d), %d blocks", len(c.Members), c.Members[0].Version, len(c.Blocks))
	}
	if lb, ok := c.Blocks[0].(*guildhall.LinksBlock); !ok || len(lb.Links) != 1 || *lb.Title != "Related" {
		t.Errorf("loaded block %+v", c.Blocks[0])
	}
	if err := s.DeleteBlock(ctx, "blk_1", 2, "tok_admin"); err != nil && !errors.Is(err, guildhall.ErrHistoryKept) {
		t.Fatal(err)
	}
	if c := load(t, s); len(c.Blocks) != 0 {
		t.Errorf("a deleted block loads")
	}
	if len(c.Plans) != len(guildhall.DefaultPlans) {
		t.Errorf("plans %v, want the default ones", c.Plans)
	}
}

// A block of every kind reads back as it was saved, every field of its kind kept.
func everyBlockKind(t *testing.T, s cms.Store, _ *clock) {
	ctx := context.Background()
	examples := ExampleBlocks(t0)
	for _, b := range examples {
		must(t, s.SaveBlock(ctx, b, "tok_admin"))
	}
	loaded := map[string]guildhall.Block{}
	for _, b := range load(t, s).Blocks {
		loaded[b.BlockID()] = b
	}
	for _, want := range examples {
		if got := loaded[want.BlockID()]; !reflect.DeepEqual(got, want) {
			t.Errorf("a %s block read back as %#v, want %#v", want.BlockKind(), got, want)
		}
	}
}

// Assets are revisions like the rest, carried by the change log; a deleted one does not load.
func assets(t *testing.T, s cms.Store, _ *clock) {
	ctx := context.Background()
	a := &guildhall.Asset{ID: "ast_1", Version: 1, Filename: "harbour.jpg", Alt: "The harbour", ContentType: "image/jpeg",
		Bytes: 1234, Width: 640, Height: 480, SHA256: strings.Repeat("ab", 32), OwnerID: "mbr_a", CreatedAt: t0, UpdatedAt: t0, UpdatedBy: "mbr_a"}
	must(t, s.SaveAsset(ctx, a))
	wantCode(t, "saving asset version 1 again", s.SaveAsset(ctx, a), guildhall.ECONFLICT)
	next := *a
	next.Version, next.Alt, next.UpdatedAt = 2, "The harbour at dawn", t0.Add(time.Minute)
	must(t, s.SaveAsset(ctx, &next))
	must(t, s.SeedAssets(ctx, []*guildhall.Asset{{ID: "ast_2", Version: 1, Filename: "b.png", ContentType: "image/png", SHA256: strings.Repeat("cd", 32), CreatedAt: t0, UpdatedAt: t0}}))
	got, _, err := s.Assets(ctx)
	if err != nil || len(got) != 2 {
		t.Fatalf("Assets: %d, %v", len(got), err)
	}
	slices.SortFunc(got, func(x, y *guildhall.Asset) int { return strings.Compare(x.ID, y.ID) })
	if g := got[0]; g.Version != 2 || g.Alt != "The harbour at dawn" || g.Width != 640 || g.SHA256 != a.SHA256 || g.OwnerID != "mbr_a" || !g.CreatedAt.Equal(t0) {
		t.Errorf("loaded %+v", g)
	}
	changes, err := s.ChangesSince(ctx, t0.Add(-time.Hour), nil)
	if err != nil || !slices.ContainsFunc(changes, func(c guildhall.Change) bool {
		return c.Kind == guildhall.EntityAsset && c.ID == "ast_1" && c.Version == 2 && c.Asset != nil && c.Asset.Alt == "The harbour at dawn"
	}) {
		t.Errorf("the change log lacks the asset's revision: %v", err)
	}
	if err := s.DeleteAsset(ctx, "ast_1", 3, "mbr_a"); err != nil && !errors.Is(err, guildhall.ErrHistoryKept) {
		t.Fatal(err)
	}
	if got, deleted, _ := s.Assets(ctx); len(got) != 1 || got[0].ID != "ast_2" || deleted["ast_1"] != 3 {
		t.Errorf("after deleting ast_1: %v, tombstones %v", got, deleted)
	}
}

// A member reads back as it was saved, every field kept, both by FindMember and by a load.
func everyMemberField(t *testing.T, s cms.Store, _ *clock) {
	ctx := context.Background()
	want := ExampleMember(t0)
	must(t, s.SaveMember(ctx, want, "tok_admin"))
	found, err := s.FindMember(ctx, want.ID)
	must(t, err)
	var loaded *guildhall.Member
	for _, m := range load(t, s).Members {
		if m.ID == want.ID {
			loaded = m
		}
	}
	for how, got := range map[string]*guildhall.Member{"FindMember": found, "a load": loaded} {
		if !sameMember(got, want) {
			t.Errorf("%s read the member back as %#v, want %#v", how, got, want)
		}
	}
}

// sameMember is reflect.DeepEqual but for the bio, which may be held in another form.
func sameMember(got, want *guildhall.Member) bool {
	if got == nil || (got.Bio == nil) != (want.Bio == nil) || got.Bio != nil && !got.Bio.Equal(*want.Bio) {
		return false
	}
	g, w := *got, *want
	g.Bio, w.Bio = nil, nil
	return reflect.DeepEqual(g, w)
}

// A value is held by one owner; claiming it again is harmless, by another a conflict.
func claims(t *testing.T, s cms.Store, c *clock) {
	ctx := context.Background()
	must(t, s.Claim(ctx, guildhall.ClaimPostSlug, "hello", "pst_1"))
	must(t, s.Claim(ctx, guildhall.ClaimPostSlug, "hello", "pst_1"))
	wantCode(t, "another owner's claim", s.Claim(ctx, guildhall.ClaimPostSlug, "hello", "pst_2"), guildhall.ECONFLICT)
	must(t, s.Claim(ctx, guildhall.ClaimMemberSlug, "hello", "mbr_1")) // another kind of value
	// A release frees only the owner's claim, and only one made before the time given.
	must(t, s.Claim(ctx, guildhall.ClaimMemberEmail, "a@example.org", "mbr_1"))
	holder := func() string {
		h, err := s.ClaimHolder(ctx, guildhall.ClaimMemberEmail, "a@example.org")
		must(t, err)
		return h
	}
	must(t, s.Release(ctx, guildhall.ClaimMemberEmail, "a@example.org", "mbr_2", c.Now().Add(time.Hour)))
	must(t, s.Release(ctx, guildhall.ClaimMemberEmail, "a@example.org", "mbr_1", c.Now().Add(-time.Hour)))
	if h := holder(); h != "mbr_1" {
		t.Errorf("after releases by another owner and of a younger claim: held by %q", h)
	}
	must(t, s.Release(ctx, guildhall.ClaimMemberEmail, "a@example.org", "mbr_1", c.Now().Add(time.Hour)))
	if h := holder(); h != "" {
		t.Errorf("after its owner released it: held by %q", h)
	}
	must(t, s.Claim(ctx, guildhall.ClaimMemberEmail, "a@example.org", "mbr_2"))
}

// The first intent under a key holds it; later ones get it back, whatever they carry.
func intents(t *testing.T, s cms.Store, _ *clock) {
	ctx := context.Background()
	first := guildhall.Intent{Key: "renew:k1", Payload: "p1", MemberID: "mbr_a", OutcomeID: "rnw_1", At: t0}
	held, isFirst, err := s.ClaimIntent(ctx, first)
	if err != nil || !isFirst || held != first {
		t.Fatalf("first claim: %+v, %v, %v", held, isFirst, err)
	}
	held, isFirst, err = s.ClaimIntent(ctx, guildhall.Intent{Key: "renew:k1", Payload: "p2", MemberID: "mbr_b", OutcomeID: "rnw_2", At: t0.Add(time.Hour)})
	if err != nil || isFirst || held != first {
		t.Errorf("second claim: %+v, %v, %v; want the first intent back", held, isFirst, err)
	}
}

func membershipEvents(t *testing.T, s cms.Store, _ *clock) {
	ctx := context.Background()
	for i, kind := range []string{"joined", "renewed", "renewed"} {
		e := guildhall.MembershipEvent{ID: fmt.Sprintf("evt_%d", i), MemberID: "mbr_a", Kind: kind, At: t0.Add(time.Duration(i) * time.Hour), Actor: "tok_admin", PlanCode: "professional"}
		must(t, s.RecordMembershipEvent(ctx, e))
		must(t, s.RecordMembershipEvent(ctx, e)) // a retry records nothing new
	}
	must(t, s.RecordMembershipEvent(ctx, guildhall.MembershipEvent{ID: "evt_other", MemberID: "mbr_b", Kind: "joined", At: t0}))
	events, err := s.MembershipEvents(ctx, "mbr_a")
	if err != nil || len(events) != 3 || events[0].ID != "evt_2" || events[2].ID != "evt_0" {
		t.Errorf("events %+v, %v; want three, newest first", events, err)
	}
}

func credentials(t *testing.T, s cms.Store, _ *clock) {
	ctx := context.Background()
	tok := &guildhall.Token{ID: "tok_1", Version: 1, Kind: guildhall.TokenAPI, Name: "ci", Role: guildhall.RoleEditor, Scopes: []string{}, SecretHash: "h", CreatedAt: t0}
	must(t, s.SaveToken(ctx, tok, "tok_admin"))
	wantCode(t, "saving token version 1 again", s.SaveToken(ctx, tok, "tok_admin"), guildhall.ECONFLICT)
	revoked := *tok
	revoked.Version, revoked.RevokedAt = 2, &t0
	must(t, s.SaveToken(ctx, &revoked, "tok_admin"))
	acc := &guildhall.Account{ID: "acc_1", Version: 1, Email: "ann@example.org", PasswordHash: "x", Role: guildhall.RoleAuthor, MemberID: "mbr_a", CreatedAt: t0, UpdatedAt: t0}
	must(t, s.SaveAccount(ctx, acc, "tok_admin"))
	wantCode(t, "saving account version 1 again", s.SaveAccount(ctx, acc, "tok_admin"), guildhall.ECONFLICT)
	c, err := s.LoadCredentials(ctx)
	if err != nil || len(c.Tokens) != 1 || c.Tokens[0].RevokedAt == nil || len(c.Accounts) != 1 || c.Accounts[0].Email != "ann@example.org" {
		t.Errorf("credentials %+v, %v", c, err)
	}
	if got, err := s.FindToken(ctx, "tok_1"); err != nil || got == nil || got.Version != 2 {
		t.Errorf("FindToken: %+v, %v", got, err)
	}
	if got, err := s.FindToken(ctx, "tok_none"); err != nil || got != nil {
		t.Errorf("FindToken of nothing: %+v, %v", got, err)
	}
}

func webhooks(t *testing.T, s cms.Store, _ *clock) {
	ctx := context.Background()
	w := &guildhall.Webhook{ID: "whk_1", Version: 1, URL: "https://hooks.example/x", Events: []guildhall.WebhookEvent{guildhall.EventPostPublished},
		Secret: "0123456789abcdef", CreatedAt: t0, CreatedBy: "tok_admin"}
	must(t, s.SaveWebhook(ctx, w, "tok_admin"))
	wantCode(t, "saving webhook version 1 again", s.SaveWebhook(ctx, w, "tok_admin"), guildhall.ECONFLICT)
	if hooks, err := s.Webhooks(ctx); err != nil || len(hooks) != 1 || hooks[0].URL != w.URL || !hooks[0].Subscribes(guildhall.EventPostPublished) {
		t.Errorf("webhooks %+v, %v", hooks, err)
	}
	for id, want := range map[string]bool{"whk_1": false, "whk_never": true} {
		if gone, err := s.WebhookGone(ctx, id); err != nil || gone != want {
			t.Errorf("WebhookGone(%s) = %v, %v; want %v", id, gone, err, want)
		}
	}
	must(t, s.DeleteWebhook(ctx, "whk_1", 2, "tok_admin"))
	if gone, _ := s.WebhookGone(ctx, "whk_1"); !gone {
		t.Error("a deleted webhook is not gone")
	}
	if hooks, _ := s.Webhooks(ctx); len(hooks) != 0 {
		t.Errorf("a deleted webhook is listed: %+v", hooks)
	}
	if c := load(t, s); len(c.Webhooks) != 0 || c.Tombstones["whk_1"] != 2 {
		t.Errorf("the load: webhooks %+v, tombstones %v; want none, and whk_1 deleted at version 2", c.Webhooks, c.Tombstones)
	}
}

// Deliveries: logged once, each attempt queued once, claimed by one worker, its result
// recorded once; the log reads newest first with everything stored of each delivery.
func deliveries(t *testing.T, s cms.Store, _ *clock) {
	ctx := context.Background()
	q := func(id string, due time.Duration) guildhall.QueuedAttempt {
		return guildhall.QueuedAttempt{DeliveryID: id, N: 1, WebhookID: "whk_1", EventID: "evt_1", Event: guildhall.EventPostPublished,
			Payload: `{"id":"evt_1"}`, DueAt: t0.Add(due), CreatedAt: t0}
	}
	must(t, s.EnqueueDeliveries(ctx, []guildhall.QueuedAttempt{q("dlv_a", 2*time.Second), q("dlv_b", time.Second), q("dlv_c", 3*time.Second)}))
	queue, err := s.QueuedAttempts(ctx)
	if err != nil || len(queue) != 3 || queue[0].DeliveryID != "dlv_b" || queue[2].DeliveryID != "dlv_c" {
		t.Fatalf("queue %+v, %v; want b, a, c", queue, err)
	}
	if won, err := s.ClaimAttempt(ctx, "dlv_a", 1, "ins_1", t0); !won || err != nil {
		t.Fatalf("first claim: %v, %v", won, err)
	}
	if won, err := s.ClaimAttempt(ctx, "dlv_a", 1, "ins_2", t0); won || err != nil {
		t.Errorf("second claim of one attempt: %v, %v", won, err)
	}
	code := 500
	failed := guildhall.AttemptResult{DeliveryID: "dlv_a", N: 1, At: t0, Outcome: guildhall.OutcomeFailed, StatusCode: &code, Error: ptr("HTTP 500"), Duration: 1500 * time.Millisecond}
	must(t, s.RecordAttempt(ctx, failed))
	must(t, s.RecordAttempt(ctx, guildhall.AttemptResult{DeliveryID: "dlv_a", N: 1, At: t0, Outcome: guildhall.OutcomeDelivered})) // once only
	if r, err := s.RecordedAttempt(ctx, "dlv_a", 1); err != nil || r == nil || r.Outcome != guildhall.OutcomeFailed || r.Duration != failed.Duration {
		t.Errorf("recorded attempt %+v, %v", r, err)
	}
	if r, err := s.RecordedAttempt(ctx, "dlv_a", 2); err != nil || r != nil {
		t.Errorf("an attempt not made: %+v, %v", r, err)
	}
	retry := q("dlv_a", time.Minute)
	retry.N = 2
	must(t, s.Requeue(ctx, retry))
	must(t, s.Requeue(ctx, retry))
	must(t, s.Dequeue(ctx, q("dlv_a", 0)))
	// Emitted again (a retried request): the delivery is neither repeated nor restarted.
	again := q("dlv_a", 0)
	again.Payload = `{"id":"evt_again"}`
	must(t, s.EnqueueDeliveries(ctx, []guildhall.QueuedAttempt{again}))
	if queue, _ := s.QueuedAttempts(ctx); len(queue) != 3 || queue[2].ID() != "dlv_a:2" {
		t.Errorf("queue after a retry and a repeated emit %+v", queue)
	}

	page, more, err := s.Deliveries(ctx, "whk_1", "", 2)
	if err != nil || !more || len(page) != 2 || page[0].ID != "dlv_c" || page[1].ID != "dlv_b" {
		t.Fatalf("first page %+v, more %v, %v", page, more, err)
	}
	rest, more, err := s.Deliveries(ctx, "", page[1].ID, 2)
	if err != nil || more || len(rest) != 1 || rest[0].ID != "dlv_a" {
		t.Fatalf("second page %+v, more %v, %v", rest, more, err)
	}
	a := rest[0]
	if len(a.Claims) != 1 || len(a.Results) != 1 || len(a.Queued) != 1 || a.Queued[0].N != 2 || a.Payload != `{"id":"evt_1"}` {
		t.Errorf("the record of dlv_a: %+v", a)
	}
	if d := a.Delivery(); d.Status != guildhall.DeliveryPending || d.NextAttemptAt == nil || !d.NextAttemptAt.Equal(t0.Add(time.Minute)) {
		t.Errorf("dlv_a reads %+v", d)
	}
	if n, err := s.CountDeliveries(ctx, "whk_1"); n != 3 || err != nil {
		t.Errorf("count %d, %v", n, err)
	}
	if n, _ := s.CountDeliveries(ctx, "whk_other"); n != 0 {
		t.Errorf("count of another webhook %d", n)
	}
	if none, more, err := s.Deliveries(ctx, "whk_other", "", 10); len(none) != 0 || more || err != nil {
		t.Errorf("another webhook's log: %+v, %v, %v", none, more, err)
	}
	must(t, s.PruneDeliveries(ctx, t0.Add(time.Hour)))
	if n, _ := s.CountDeliveries(ctx, ""); n != 0 {
		t.Errorf("%d deliveries left after pruning them all", n)
	}
}

// Every write reaches the change log with its entity, in time order; an entry the reader
// knows comes without it; pruning drops old entries.
func changeLog(t *testing.T, s cms.Store, clk *clock) {
	ctx := context.Background()
	must(t, s.SavePost(ctx, post(1, "one")))
	clk.add(time.Second)
	b := &guildhall.ContactBlock{BlockBase: guildhall.BlockBase{ID: "blk_1", Version: 1, CreatedAt: t0, UpdatedAt: t0}, ContactName: ptr("Ann")}
	must(t, s.SaveBlock(ctx, b, "tok_admin"))
	clk.add(time.Minute)
	if err := s.DeleteBlock(ctx, "blk_1", 2, "tok_admin"); err != nil && !errors.Is(err, guildhall.ErrHistoryKept) {
		t.Fatal(err)
	}
	changes, err := s.ChangesSince(ctx, t0, nil)
	if err != nil || len(changes) != 3 {
		t.Fatalf("changes %+v, %v", changes, err)
	}
	if c := changes[0]; c.Kind != guildhall.EntityPost || c.Post == nil || c.Post.Title != "one" || c.ID != "pst_contract" || c.Version != 1 {
		t.Errorf("first change %+v", c)
	}
	if c := changes[1]; c.Kind != guildhall.EntityBlock || c.Block == nil || *c.Block.(*guildhall.ContactBlock).ContactName != "Ann" {
		t.Errorf("second change %+v", c)
	}
	if c := changes[2]; c.Kind != guildhall.EntityBlock || !c.Deleted || c.Version != 2 || c.Block != nil {
		t.Errorf("third change %+v", c)
	}
	known := func(kind guildhall.EntityKind, id string, version int) bool {
		return kind == guildhall.EntityPost && version == 1
	}
	heads, err := s.ChangesSince(ctx, t0, known)
	if err != nil || len(heads) != 3 || heads[0].Post != nil || heads[0].ID != "pst_contract" || heads[1].Block == nil {
		t.Errorf("with the post known: %+v, %v", heads, err)
	}
	if later, _ := s.ChangesSince(ctx, t0.Add(30*time.Second), nil); len(later) != 1 {
		t.Errorf("%d changes since the middle, want 1", len(later))
	}
	must(t, s.PruneChanges(ctx, clk.Now().Add(time.Hour)))
	if left, _ := s.ChangesSince(ctx, t0, nil); len(left) != 0 {
		t.Errorf("%d changes left after pruning them all", len(left))
	}
}

// Seeding writes content with its claims and without change-log entries; one-time work is
// claimed once.
func seedAndOnce(t *testing.T, s cms.Store, clock *clock) {
	ctx := context.Background()
	if empty, err := s.IsEmpty(ctx); !empty || err != nil {
		t.Fatalf("a new store is empty: %v, %v", empty, err)
	}
	email := "Ann@Example.org"
	m := &guildhall.Member{ID: "mbr_a", Version: 1, Slug: "ann", Name: "Ann", SortName: "Ann", Email: &email, CreatedAt: t0, UpdatedAt: t0}
	must(t, s.Seed(ctx, &guildhall.Content{Members: []*guildhall.Member{m}, Posts: []*guildhall.Post{post(1, "one")}}))
	if empty, _ := s.IsEmpty(ctx); empty {
		t.Error("a seeded store is empty")
	}
	c := load(t, s)
	if len(c.Members) != 1 || len(c.Posts) != 1 {
		t.Errorf("loaded %d members, %d posts", len(c.Members), len(c.Posts))
	}
	if changes, _ := s.ChangesSince(ctx, t0.Add(-time.Hour), nil); len(changes) != 0 {
		t.Errorf("seeding wrote %d change-log entries", len(changes))
	}
	wantCode(t, "a seeded post slug for another post", s.Claim(ctx, guildhall.ClaimPostSlug, "contract", "pst_other"), guildhall.ECONFLICT)
	wantCode(t, "a seeded email for another member", s.Claim(ctx, guildhall.ClaimMemberEmail, "ann@example.org", "mbr_other"), guildhall.ECONFLICT)
	must(t, s.Claim(ctx, guildhall.ClaimMemberSlug, "ann", "mbr_a"))
	if first, err := s.ClaimOnce(ctx, "demo-content"); !first || err != nil {
		t.Errorf("first ClaimOnce: %v, %v", first, err)
	}
	if first, _ := s.ClaimOnce(ctx, "demo-content"); first {
		t.Error("ClaimOnce won twice")
	}
	clock.add(time.Minute)
	if age, claimed, done, err := s.OnceState(ctx, "demo-content"); err != nil || !claimed || done || age < time.Minute {
		t.Errorf("OnceState of claimed work: %v, %v, %v, %v", age, claimed, done, err)
	}
	must(t, s.FinishOnce(ctx, "demo-content"))
	if _, claimed, done, err := s.OnceState(ctx, "demo-content"); err != nil || !claimed || !done {
		t.Errorf("OnceState of finished work: %v, %v, %v", claimed, done, err)
	}
	if _, claimed, done, err := s.OnceState(ctx, "never-claimed"); err != nil || claimed || done {
		t.Errorf("OnceState of work nobody claimed: %v, %v, %v", claimed, done, err)
	}
}

func sharedSecret(t *testing.T, s cms.Store, _ *clock) {
	ctx := context.Background()
	a, err := s.SharedSecret(ctx, "preview-links", 32)
	must(t, err)
	b, err := s.SharedSecret(ctx, "preview-links", 32)
	must(t, err)
	if len(a) != 32 || !bytes.Equal(a, b) {
		t.Errorf("secrets %x and %x: want the same 32 bytes", a, b)
	}
	if other, _ := s.SharedSecret(ctx, "other", 32); bytes.Equal(a, other) {
		t.Error("two secrets are equal")
	}
	must(t, s.Ping(ctx))
}

func ptr[T any](v T) *T { return &v }
