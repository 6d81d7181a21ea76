package importer_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/guildhall/guildhall"
	"github.com/guildhall/guildhall/importer"
)

// postAt follows redirect(path) as the viewer of ctx to the post.
func (f *fixture) postAt(t *testing.T, ctx context.Context, path string) *guildhall.Post {
	t.Helper()
	r, err := f.svc.Redirect(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if r == nil {
		return nil
	}
	if r.Status != 301 || !strings.HasPrefix(r.To, "/posts/") {
		t.Errorf("redirect %s = %+v", path, r)
	}
	slug := strings.TrimPrefix(r.To, "/posts/")
	p, err := f.svc.Post(ctx, nil, &slug)
	if err != nil {
		t.Fatalf("%s -> %s: %v", path, slug, err)
	}
	return p
}

func importClub(t *testing.T, f *fixture, path string, opts importer.WordPressOptions) *importer.Summary {
	t.Helper()
	opts.Now = f.clock.Now
	sum, err := importer.WordPress(admin, f.svc, path, opts)
	if err != nil {
		t.Fatal(err)
	}
	return sum
}

func TestWordPressImport(t *testing.T) {
	f := mustService(t)
	before := f.postCount(t)
	var progress []int
	sum := importClub(t, f, "testdata/club.xml", importer.WordPressOptions{Progress: func(done, total int) {
		if total != 10 {
			t.Errorf("progress total %d, want the 10 posts", total)
		}
		progress = append(progress, done)
	}})
	if sum.Imported != 8 || sum.Updated != 0 || sum.Unchanged != 0 || len(sum.Skipped) != 3 {
		t.Errorf("summary %+v", sum)
	}
	if len(progress) != 10 || progress[9] != 10 {
		t.Errorf("progress %v", progress)
	}
	if got := f.postCount(t); got != before+8 {
		t.Errorf("%d posts, want %d", got, before+8)
	}
	reasons := map[string]bool{}
	for _, s := range sum.Skipped {
		reasons[s.Reason] = true
	}
	for _, r := range []string{"in the trash", "an empty auto-draft", "a wp_block, not a post"} {
		if !reasons[r] {
			t.Errorf("no item skipped as %q: %+v", r, sum.Skipped)
		}
	}
	if sum.Counted["pages"] != 1 || sum.Counted["attachments"] != 2 || sum.Counted["menu items"] != 1 || sum.Counted["comments"] != 1 {
		t.Errorf("counted %v", sum.Counted)
	}
	if sum.Removed["block comments"] != 2 || sum.Removed["vc_row"] != 1 || sum.Removed["vc_column_text"] != 1 {
		t.Errorf("removed %v", sum.Removed)
	}
	if sum.MembersCreated != 1 || sum.MembersMatched != 1 {
		t.Errorf("members: %d created, %d matched", sum.MembersCreated, sum.MembersMatched)
	}

	// Each status.
	regatta := f.postAt(t, anonymous, "https://club.example/2015/03/spring-regatta/")
	if regatta == nil || regatta.Status != guildhall.PostPublished || !regatta.PublishedAt.Equal(time.Date(2015, 3, 3, 10, 0, 0, 0, time.UTC)) ||
		!regatta.CreatedAt.Equal(*regatta.PublishedAt) || regatta.Slug != "spring-regatta" {
		t.Fatalf("regatta %+v", regatta)
	}
	if strings.Join(regatta.Tags, "|") != "Events & Outings|rowing" {
		t.Errorf("tags %q", regatta.Tags)
	}
	body := regatta.Body.HTML()
	for _, want := range []string{
		"<p>We rowed.<br/>\nIt rained.</p>",
		`<figure><img src="https://club.example/wp-content/uploads/2015/03/boat.jpg" alt="Boat"/><figcaption>Boat at dusk</figcaption></figure>`,
		`<figcaption>The boat</figcaption>`, "Inside a builder",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("body lacks %q:\n%s", want, body)
		}
	}
	if strings.Contains(body, "[") {
		t.Errorf("a shortcode is left: %s", body)
	}
	author, err := f.svc.Author(regatta)
	if err != nil || author.Name != "Ada Writer" || *author.Email != "ada.writer@example.org" {
		t.Errorf("author %+v %v", author, err)
	}
	if same := f.postAt(t, anonymous, "/?p=11"); same == nil || same.ID != regatta.ID {
		t.Errorf("?p=11 finds %+v", same)
	}
	future := f.postAt(t, admin, "/?p=12")
	if future.StatusAt(t0) != guildhall.PostScheduled || future.PublishedAt.Year() != 2031 {
		t.Errorf("future post %+v", future)
	}
	if f.postAt(t, anonymous, "/?p=12") != nil {
		t.Error("a scheduled post is redirected to before its time")
	}
	for _, id := range []string{"13", "14", "15", "16"} {
		p := f.postAt(t, admin, "/?p="+id)
		if p == nil || p.Status != guildhall.PostDraft || p.PublishedAt != nil {
			t.Errorf("post %s: %+v, want a draft", id, p)
		}
		if f.postAt(t, anonymous, "/?p="+id) != nil {
			t.Errorf("post %s is public", id)
		}
	}
	// The protected post stays hidden: not listed, not found by its words.
	search, first := "swordfish", 20
	page, err := f.svc.Posts(anonymous, &first, nil, &guildhall.PostFilter{Search: &search}, nil)
	if err != nil || len(page.Items) != 0 {
		t.Errorf("a protected post's text is searchable: %v %v", page, err)
	}
	cafe := f.postAt(t, anonymous, "https://club.example/2015/03/%C3%A7a-roule/")
	if cafe == nil || cafe.Title != "Ça roule — naïve café" || cafe.Slug != "ca-roule-naive-cafe" || cafe.Body.HTML() != "<p>Block <strong>content</strong>.</p>" {
		t.Fatalf("unicode post %+v", cafe)
	}
	zoe, _ := f.svc.Author(cafe)
	if zoe.Slug != "zoe-angstrom" {
		t.Errorf("the author was not matched by email: %+v", zoe)
	}
	if p := f.postAt(t, admin, "/?p=16"); p.Title != "Members’ password post" {
		t.Errorf("entity in title: %q", p.Title)
	}
	if !strings.Contains(strings.Join(sum.Notes, "\n"), "password-protected, imported as a draft") {
		t.Errorf("notes %q", sum.Notes)
	}

	// The same file again changes nothing.
	again := importClub(t, f, "testdata/club.xml", importer.WordPressOptions{})
	if again.Imported != 0 || again.Updated != 0 || again.Unchanged != 8 || again.MembersCreated != 0 {
		t.Errorf("re-import %+v", again)
	}
	if got := f.postCount(t); got != before+8 {
		t.Errorf("%d posts after re-import, want %d", got, before+8)
	}

	// An edited file updates what changed; a post edited in Guildhall is left as it is.
	twenty := f.postAt(t, admin, "/?p=20")
	title := "Sian's second, edited here"
	if _, err := f.svc.UpdatePost(admin, guildhall.UpdatePostInput{ID: twenty.ID, ExpectedVersion: twenty.Version, Title: &title}); err != nil {
		t.Fatal(err)
	}
	src, _ := os.ReadFile("testdata/club.xml")
	edited := filepath.Join(t.TempDir(), "edited.xml")
	src = bytes.Replace(src, []byte("We rowed.\n"), []byte("We rowed hard.\n"), 1)
	src = bytes.Replace(src, []byte("<![CDATA[Second.]]>"), []byte("<![CDATA[Second, changed.]]>"), 1)
	if err := os.WriteFile(edited, src, 0o600); err != nil {
		t.Fatal(err)
	}
	f.clock.Advance(time.Minute)
	third := importClub(t, f, edited, importer.WordPressOptions{})
	if third.Updated != 1 || third.Unchanged != 6 || third.Imported != 0 || len(third.Skipped) != 4 {
		t.Errorf("edited re-import %+v", third)
	}
	if p := f.postAt(t, anonymous, "/?p=11"); !strings.Contains(p.Body.HTML(), "We rowed hard.") || p.Version != 2 || p.CreatedAt.Year() != 2015 {
		t.Errorf("updated post %+v", p)
	}
	if p := f.postAt(t, anonymous, "/?p=20"); p.Title != title || strings.Contains(p.Body.HTML(), "changed") {
		t.Errorf("a post edited in Guildhall was overwritten: %+v", p)
	}

	// -pages imports the pages, with their plain links.
	pages := importClub(t, f, "testdata/club.xml", importer.WordPressOptions{Pages: true})
	if pages.Imported != 1 || pages.Counted["pages"] != 0 {
		t.Errorf("pages %+v", pages)
	}
	if about := f.postAt(t, anonymous, "/?page_id=2"); about == nil || about.Title != "About the club" || f.postAt(t, anonymous, "/about/").ID != about.ID {
		t.Errorf("page %+v", about)
	}
}

// A malformed file is an error and imports nothing, even when its fault is at the end.
func TestWordPressMalformedImportsNothing(t *testing.T) {
	f := mustService(t)
	before := f.postCount(t)
	src, _ := os.ReadFile("testdata/club.xml")
	bad := filepath.Join(t.TempDir(), "bad.xml")
	if err := os.WriteFile(bad, src[:len(src)-30], 0o600); err != nil {
		t.Fatal(err)
	}
	sum, err := importer.WordPress(admin, f.svc, bad, importer.WordPressOptions{})
	if err == nil || !strings.Contains(err.Error(), "malformed XML") || !strings.Contains(err.Error(), "nothing was imported") {
		t.Errorf("err %v", err)
	}
	if sum != nil || f.postCount(t) != before {
		t.Errorf("something was imported: %+v", sum)
	}
	if _, err := importer.WordPress(admin, f.svc, "testdata/missing.xml", importer.WordPressOptions{}); err == nil {
		t.Error("a missing file imported")
	}
}

func TestWordPressFixture(t *testing.T) {
	path := "../../shared/fixtures/wordpress/theme-preview.xml"
	if _, err := os.Stat(path); err != nil {
		t.Skipf("the shared fixtures are not beside the checkout (%v); see shared/fixtures/README.md", err)
	}
	f := mustService(t)
	sum, err := importer.WordPress(admin, f.svc, path, importer.WordPressOptions{Now: f.clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Imported != 7 || len(sum.Skipped) != 0 || sum.Counted["comments"] != 2 || sum.MembersCreated != 1 {
		t.Errorf("summary %+v", sum)
	}
	p := f.postAt(t, anonymous, "https://wp-themes.com/?p=19")
	if p == nil || p.Title != "Worth A Thousand Words" || !strings.Contains(p.Body.HTML(), "<figcaption>Boat</figcaption>") {
		t.Fatalf("post 19: %+v", p)
	}
	if strings.Join(p.Tags, ",") != "boat,lake" {
		t.Errorf("tags %q", p.Tags)
	}
	var out bytes.Buffer
	sum.Write(&out)
	t.Logf("summary:\n%s", out.String())
	again, err := importer.WordPress(admin, f.svc, path, importer.WordPressOptions{Now: f.clock.Now})
	if err != nil || again.Unchanged != 7 || again.Imported+again.Updated != 0 {
		t.Errorf("re-import %+v %v", again, err)
	}
}

// An item the service refuses (a body over the limit) is skipped with the reason; the rest
// is imported, and long tags are shortened rather than refused.
func TestWordPressItemRefusedIsSkipped(t *testing.T) {
	f := mustService(t)
	doc := `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.1/">
<channel><title>Big</title><link>https://big.example</link><wp:wxr_version>1.1</wp:wxr_version>
<item><title>Huge</title><dc:creator>x</dc:creator><wp:post_id>1</wp:post_id><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
<content:encoded><![CDATA[` + strings.Repeat("<p>word word word</p>\n", 150000) + `]]></content:encoded></item>
<item><title>Fine</title><dc:creator>x</dc:creator><wp:post_id>2</wp:post_id><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
<content:encoded><![CDATA[Small.]]></content:encoded><category domain="post_tag"><![CDATA[` + strings.Repeat("long ", 20) + `]]></category></item>
</channel></rss>`
	path := filepath.Join(t.TempDir(), "big.xml")
	if err := os.WriteFile(path, []byte(doc), 0o600); err != nil {
		t.Fatal(err)
	}
	sum := importClub(t, f, path, importer.WordPressOptions{})
	if sum.Imported != 1 || len(sum.Skipped) != 1 || !strings.Contains(sum.Skipped[0].Reason, "over the 2048 KiB") {
		t.Fatalf("summary %+v", sum)
	}
	fine := f.postAt(t, anonymous, "/?p=2")
	if fine == nil || len(fine.Tags) != 1 || len([]rune(fine.Tags[0])) > guildhall.MaxTagLength {
		t.Errorf("fine %+v", fine)
	}
	if !strings.Contains(strings.Join(sum.Notes, "\n"), "was shortened") {
		t.Errorf("notes %q", sum.Notes)
	}
}
