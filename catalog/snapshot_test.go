package catalog_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/guildhall/guildhall"
	"github.com/guildhall/guildhall/catalog"
	"github.com/guildhall/guildhall/internal/packtext"
)

// richCatalog holds one of everything a catalog keeps: members with and without bios and
// memberships, posts public and members-only, packed and plain, scheduled and draft, with old
// slugs and paths, replaced (their search slots vacated) and deleted, revisions, every kind of
// block, one deleted, plans, webhooks and assets (an avatar, a featured image, images in a
// body), one of each deleted.
func richCatalog() *catalog.Catalog {
	c := catalog.New()
	ann := member("ann", "Ann Ábel", "Ábel, Ann")
	bio := packtext.RichText("<p>"+strings.Repeat("Ann writes on ethics. ", 80)+"</p>", strings.Repeat("Ann writes on ethics. ", 80), 320)
	ann.Bio, ann.Email, ann.Credentials, ann.AvatarID = &bio, ptr("ann@example.org"), ptr(""), ptr("ast1")
	joined := now.Add(-400 * 24 * time.Hour)
	ann.Membership = &guildhall.Membership{PlanCode: "professional", JoinedAt: joined, ExpiresAt: now.Add(30 * 24 * time.Hour),
		Renewals: []*guildhall.Renewal{{ID: "ren1", PlanCode: "professional", RenewedAt: joined.Add(time.Hour), PreviousExpiresAt: joined, NewExpiresAt: now, IdempotencyKey: "k1", RenewedBy: "tok"}}}
	c.PutMember(ann)
	c.PutMember(member("bob", "Bob Zeller", "Zeller, Bob"))
	bob2 := member("bob", "Robert Zeller", "Zeller, Robert")
	bob2.Version = 2 // same slug: a member's former slugs are not stored, so no load keeps them
	c.PutMember(bob2)
	for i := range 40 {
		author := []string{"ann", "bob"}[i%2]
		p := post(fmt.Sprintf("p%02d", i), author, guildhall.PostPublished, now.Add(-time.Duration(i+1)*time.Hour), "Ethics", fmt.Sprintf("tag %d", i%5))
		text := fmt.Sprintf("Minutes of meeting %d on quartz%d and the society's charter. ", i, i%7)
		if i%3 == 0 {
			p.Body = packtext.RichText("<p>"+strings.Repeat(text, 30)+"</p>", strings.Repeat(text, 30), 300)
		} else {
			p.Body = guildhall.NewRichText("<p>"+text+"</p>", text, 10)
		}
		if i%4 == 1 {
			p.Visibility, p.Excerpt = guildhall.VisibilityMembers, "Teaser "+fmt.Sprint(i)
		}
		switch i % 10 {
		case 7:
			p.Status, p.PublishedAt = guildhall.PostDraft, nil
		case 8:
			p.PublishedAt = ptr(now.Add(48 * time.Hour))
		}
		p.OldPaths, p.BlockIDs = []string{fmt.Sprintf("/?p=%d", i)}, []string{}
		if i%5 == 2 {
			p.FeaturedImageID, p.ImageIDs = ptr("ast2"), []string{"ast2", "ast1"}
		}
		switch i % 10 { // editorial state
		case 3:
			p.UnpublishAt = ptr(now.Add(time.Duration(i-20) * time.Hour)) // taken down, or to be
		case 4:
			draft := p.Content()
			draft.Title, draft.Tags = "Pending "+p.Title, []string{"Pending tag"}
			draft.Body = packtext.RichText("<p>"+strings.Repeat("Draft words. ", 60)+"</p>", strings.Repeat("Draft words. ", 60), 120)
			p.Pending = &guildhall.PendingChanges{PostContent: draft, Revision: 1, SavedAt: now, SavedBy: "ann", InReview: i%20 == 4}
		case 5:
			p.Excerpt, p.CustomExcerpt, p.Note = "An excerpt of our own", true, "Please check the dates"
			p.SEO = guildhall.SEO{Title: ptr("Minutes"), CanonicalURL: ptr("https://partner.example/m")}
			p.Tags = append(p.Tags, "ETHICS") // a second spelling of a tag, on one post
		}
		c.PutPost(p)
	}
	for i := range 10 { // replaced: their old entries leave vacated slots behind
		p := post(fmt.Sprintf("p%02d", i), []string{"ann", "bob"}[i%2], guildhall.PostPublished, now.Add(-time.Duration(i+1)*time.Hour), "Ethics")
		p.Version, p.Title, p.Slug, p.OldSlugs, p.OldPaths = 2, fmt.Sprintf("Renamed %d", i), fmt.Sprintf("renamed-%d", i), []string{fmt.Sprintf("p%02d", i)}, []string{fmt.Sprintf("/?p=%d", i)}
		p.Body = guildhall.NewRichText("<p>New words zinnober</p>", "New words zinnober", 3)
		c.PutPost(p)
	}
	c.RemovePost("p11", 2, now.Add(-time.Minute))
	c.RemovePost("p12", 5, now)
	c.PutBlock(&guildhall.ContactBlock{BlockBase: guildhall.BlockBase{ID: "b1", Version: 1, Title: ptr("Office"), CreatedAt: now}, Email: ptr("office@example.org")})
	c.PutBlock(&guildhall.LinksBlock{BlockBase: guildhall.BlockBase{ID: "b2", Version: 1, CreatedAt: now}, Links: []guildhall.Link{{Label: "Home", URL: "https://example.org"}}})
	c.PutBlock(&guildhall.RichTextBlock{BlockBase: guildhall.BlockBase{ID: "b3", Version: 3, CreatedAt: now},
		Body: packtext.RichText("<p>"+strings.Repeat("Opening hours. ", 100)+"</p>", strings.Repeat("Opening hours. ", 100), 200)})
	c.PutBlock(&guildhall.CallToActionBlock{BlockBase: guildhall.BlockBase{ID: "b4", Version: 1, CreatedAt: now}, Label: "Join", URL: "/join", Action: guildhall.ActionJoin})
	c.PutBlock(&guildhall.CallToActionBlock{BlockBase: guildhall.BlockBase{ID: "b5", Version: 1, CreatedAt: now}, Label: "Gone", URL: "/gone", Action: guildhall.ActionJoin})
	c.RemoveBlock("b5", 2)
	c.SetPlans(guildhall.DefaultPlans)
	c.PutWebhook(&guildhall.Webhook{ID: "wh1", Version: 1, URL: "https://hooks.example.org/a", Events: []guildhall.WebhookEvent{guildhall.WebhookEvents[0]}, Secret: "s3cret-s3cret-s3cret", CreatedAt: now, CreatedBy: "admin"})
	c.PutWebhook(&guildhall.Webhook{ID: "wh2", Version: 1, URL: "https://hooks.example.org/b", Secret: "another-secret-value", CreatedAt: now})
	c.RemoveWebhook("wh2", 2)
	for i, name := range []string{"ann.jpg", "office.png", "gone.gif"} {
		c.PutAsset(&guildhall.Asset{ID: fmt.Sprintf("ast%d", i+1), Version: 1, Filename: name, Alt: "Picture " + name, ContentType: "image/jpeg",
			Bytes: 1000 + i, Width: 640, Height: 480, Animated: i == 2, SHA256: fmt.Sprintf("%064d", i), OwnerID: "ann", CreatedAt: now, UpdatedAt: now, UpdatedBy: "ann"})
	}
	c.RemoveAsset("ast3", 2)
	return c
}

func anySnapshot(catalog.SnapshotInfo) error { return nil }

func writeSnapshot(t *testing.T, c *catalog.Catalog) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "catalog.snapshot")
	if err := c.WriteSnapshot(path, catalog.SnapshotInfo{Database: "db1", Watermark: now}); err != nil {
		t.Fatal(err)
	}
	return path
}

// A catalog read from its snapshot holds the same values and answers alike, index for index,
// and says what it was written with.
func TestSnapshotReadsBackTheSameCatalog(t *testing.T) {
	c := richCatalog()
	path := writeSnapshot(t, c)
	got, info, err := catalog.ReadSnapshot(path, anySnapshot)
	if err != nil {
		t.Fatal(err)
	}
	if want := c.Digest(); got.Digest() != want {
		t.Fatalf("the catalog read back differs:\n%s", catalog.DigestDiff(want, got.Digest()))
	}
	if info.Database != "db1" || !info.Watermark.Equal(now) || info.Format != catalog.SnapshotFormat || info.Posts != 38 || info.Members != 2 {
		t.Errorf("info %+v", info)
	}
	if got.Generation() == c.Generation() {
		t.Error("the catalog read back shares a generation with the one written")
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("the folder holds %d files, want the snapshot alone (no temporary file left)", len(entries))
	}
}

// What is read from a snapshot takes writes like any catalog: a post replaced, one deleted,
// one added, searched for after, with the snapshot's memory changed only in this process.
func TestSnapshotCatalogTakesWrites(t *testing.T) {
	c := richCatalog()
	path := writeSnapshot(t, c)
	before, _ := os.ReadFile(path)
	got, _, err := catalog.ReadSnapshot(path, anySnapshot)
	if err != nil {
		t.Fatal(err)
	}
	for _, cat := range []*catalog.Catalog{c, got} {
		p := post("p20", "ann", guildhall.PostPublished, now.Add(-21*time.Hour), "Ethics")
		p.Version, p.Body = 2, guildhall.NewRichText("<p>Charter revised</p>", "Charter revised", 2)
		cat.PutPost(p)
		cat.RemovePost("p21", 2, now)
		for i := range 30 { // enough removals of "minutes" to compact its lists in place
			cat.RemovePost(fmt.Sprintf("p%02d", 10+i), 9, now)
		}
		cat.PutPost(post("new", "bob", guildhall.PostPublished, now.Add(-time.Minute), "Ethics"))
	}
	if want := c.Digest(); got.Digest() != want {
		t.Fatalf("after the same writes the catalogs differ:\n%s", catalog.DigestDiff(want, got.Digest()))
	}
	for _, q := range []string{"charter", "minutes", "quartz3", "zinnober"} {
		a, b := searchIDs(t, c, staff, guildhall.PostQuery{Search: q}), searchIDs(t, got, staff, guildhall.PostQuery{Search: q})
		if fmt.Sprint(a) != fmt.Sprint(b) {
			t.Errorf("search %q: %v, from the snapshot %v", q, a, b)
		}
	}
	if after, _ := os.ReadFile(path); string(after) != string(before) {
		t.Error("writes to the catalog changed the snapshot file")
	}
}

// A snapshot that is not whole is refused as damaged: cut short anywhere (a crash while it
// was written, were it not renamed into place only when complete), a byte changed, empty.
// A leftover temporary file is no snapshot, and the next write replaces the file whole.
func TestDamagedSnapshotIsRefused(t *testing.T) {
	path := writeSnapshot(t, richCatalog())
	good, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	cases := map[string][]byte{"empty": nil, "a header alone": good[:24]}
	for _, n := range []int{len(good) / 3, len(good) / 2, len(good) - 1, len(good) - 17} {
		cases[fmt.Sprintf("cut at %d of %d bytes", n, len(good))] = good[:n]
	}
	for _, at := range []int{40, len(good) / 2, len(good) - 20} {
		b := append([]byte(nil), good...)
		b[at] ^= 0x20
		cases[fmt.Sprintf("byte %d changed", at)] = b
	}
	for name, b := range cases {
		if err := os.WriteFile(path, b, 0o600); err != nil {
			t.Fatal(err)
		}
		if _, _, err := catalog.ReadSnapshot(path, anySnapshot); !errors.Is(err, catalog.ErrSnapshotDamaged) {
			t.Errorf("%s: %v, want ErrSnapshotDamaged", name, err)
		}
	}
	if _, _, err := catalog.ReadSnapshot(filepath.Join(t.TempDir(), "none"), anySnapshot); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a missing snapshot: %v", err)
	}
	// A format this version does not read is refused before anything else.
	b := append([]byte(nil), good...)
	b[16] = 99
	os.WriteFile(path, b, 0o600)
	if _, _, err := catalog.ReadSnapshot(path, anySnapshot); err == nil || !strings.Contains(err.Error(), "format 99") {
		t.Errorf("format 99: %v", err)
	}
	// check sees the info first and may refuse.
	os.WriteFile(path, good, 0o600)
	refused := errors.New("foreign")
	if _, info, err := catalog.ReadSnapshot(path, func(catalog.SnapshotInfo) error { return refused }); !errors.Is(err, refused) || info.Database != "db1" {
		t.Errorf("refused by check: %v, %+v", err, info)
	}
	// A crash while writing leaves a cut temporary file beside the snapshot, which is not read;
	// the next write replaces the snapshot whole.
	os.WriteFile(filepath.Join(filepath.Dir(path), ".catalog.snapshot.123.tmp"), good[:len(good)/2], 0o600)
	os.WriteFile(path, good[:len(good)/2], 0o600)
	c := richCatalog()
	if err := c.WriteSnapshot(path, catalog.SnapshotInfo{Database: "db1"}); err != nil {
		t.Fatal(err)
	}
	if got, _, err := catalog.ReadSnapshot(path, anySnapshot); err != nil || got.Digest() != c.Digest() {
		t.Errorf("after a crash and another write: %v", err)
	}
}

// The snapshot's memory stays mapped while a body read from it is, even when the catalog
// it was read into is gone, and the collector may unmap it after.
func TestSnapshotBodiesOutliveTheirCatalog(t *testing.T) {
	path := writeSnapshot(t, richCatalog())
	got, _, err := catalog.ReadSnapshot(path, anySnapshot)
	if err != nil {
		t.Fatal(err)
	}
	p, ok := got.Post(staff, now, "p15")
	if !ok {
		t.Fatal("p15 not found")
	}
	want := p.Body.HTML()
	got = nil
	for range 3 {
		runtime.GC()
	}
	if p.Body.HTML() != want || !strings.Contains(want, "quartz1") {
		t.Errorf("the body read %q after its catalog was collected", p.Body.HTML())
	}
}

// An erased member stops being named as who saved a post or a revision, as the erasure
// rewrites the stored revisions: the catalog, and its snapshot, hold what a full load would.
func TestRemovedMemberIsForgottenAsActor(t *testing.T) {
	c := catalog.New()
	c.PutMember(member("ann", "Ann Ábel", "Ábel, Ann"))
	p := post("p1", "bob", guildhall.PostPublished, now.Add(-time.Hour))
	p.UpdatedBy = "ann"
	c.PutPost(p)
	p2 := *p
	p2.Version, p2.UpdatedBy = 2, "bob"
	c.PutPost(&p2)
	before := c.Revisions("p1", 2)
	c.RemoveMember("ann", 2)
	if strings.Contains(c.Digest(), `"ann"`) || strings.Contains(c.Digest(), "by=ann") {
		t.Errorf("the erased member is still named:\n%s", c.Digest())
	}
	got := c.Revisions("p1", 2) // newest first
	if len(got) != 2 || got[1].SavedBy != guildhall.ErasedActor || got[0].SavedBy != "bob" {
		t.Errorf("revisions after the erasure: %+v, %+v", got[0], got[1])
	}
	if before[1].SavedBy != "ann" {
		t.Errorf("a revision read before the erasure changed under its reader: %+v", before[1])
	}
}
