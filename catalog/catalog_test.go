package catalog_test

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/guildhall/guildhall"
	"github.com/guildhall/guildhall/catalog"
)

var now = time.Date(2026, 6, 15, 12, 0, 0, 0, time.UTC)

var staff = &guildhall.Viewer{Role: guildhall.RoleEditor}

func member(id, name, sortName string) *guildhall.Member {
	return &guildhall.Member{ID: id, Version: 1, Slug: id, Name: name, SortName: sortName}
}

func post(id, author string, status guildhall.PostStatus, published time.Time, tags ...string) *guildhall.Post {
	p := &guildhall.Post{ID: id, Version: 1, Slug: id, Title: "Post " + id, Status: status, Visibility: guildhall.VisibilityPublic,
		AuthorID: author, Tags: tags, CreatedAt: published, UpdatedAt: published}
	if !published.IsZero() {
		p.PublishedAt = &published
	}
	return p
}

// newCatalog holds two authors and n published posts, one an hour apart, newest "p000".
func newCatalog(n int) *catalog.Catalog {
	c := catalog.New()
	c.PutMember(member("ann", "Ann Ábel", "Ábel, Ann"))
	c.PutMember(member("bob", "Bob Zeller", "Zeller, Bob"))
	for i := range n {
		author := "ann"
		if i%3 == 0 {
			author = "bob"
		}
		c.PutPost(post(fmt.Sprintf("p%03d", i), author, guildhall.PostPublished, now.Add(-time.Duration(i+1)*time.Hour), "tag"+fmt.Sprint(i%2)))
	}
	return c
}

func ids(posts []*guildhall.Post) []string {
	out := make([]string, len(posts))
	for i, p := range posts {
		out[i] = p.ID
	}
	return out
}

func walk(t *testing.T, c *catalog.Catalog, q guildhall.PostQuery, between func(page int)) []string {
	t.Helper()
	var seen []string
	for page := 0; ; page++ {
		res, err := c.Posts(guildhall.Anonymous, now, q)
		if err != nil {
			t.Fatal(err)
		}
		seen = append(seen, ids(res.Items)...)
		if !res.HasNextPage {
			return seen
		}
		q.After = res.Cursor(len(res.Items) - 1)
		if between != nil {
			between(page)
		}
		if page > 1000 {
			t.Fatal("pagination does not end")
		}
	}
}

func TestPagesCoverEverythingOnce(t *testing.T) {
	c := newCatalog(53)
	for _, order := range []guildhall.PostOrderField{guildhall.OrderPublishedAt, guildhall.OrderUpdatedAt, guildhall.OrderTitle} {
		for _, dir := range []guildhall.OrderDirection{guildhall.Asc, guildhall.Desc} {
			t.Run(string(order)+"_"+string(dir), func(t *testing.T) {
				seen := walk(t, c, guildhall.PostQuery{First: 7, OrderBy: order, Direction: dir}, nil)
				if len(seen) != 53 {
					t.Fatalf("saw %d posts, want 53", len(seen))
				}
				sorted := slices.Clone(seen)
				slices.Sort(sorted)
				if len(slices.Compact(sorted)) != 53 {
					t.Fatalf("a post was seen twice: %v", seen)
				}
			})
		}
	}
}

func TestPagesStableUnderInserts(t *testing.T) {
	c := newCatalog(40)
	inserted := 0
	seen := walk(t, c, guildhall.PostQuery{First: 5}, func(page int) {
		// A new post, newer than everything: it belongs before the cursor and must neither
		// shift the walk nor be repeated.
		inserted++
		c.PutPost(post(fmt.Sprintf("new%02d", page), "ann", guildhall.PostPublished, now.Add(-time.Duration(page)*time.Minute)))
		// And an older one, further down the list: it must show up once.
		c.PutPost(post(fmt.Sprintf("old%02d", page), "ann", guildhall.PostPublished, now.Add(-1000*time.Hour-time.Duration(page)*time.Minute)))
	})
	want := map[string]int{}
	for i := range 40 {
		want[fmt.Sprintf("p%03d", i)] = 1
	}
	for i := range inserted {
		want[fmt.Sprintf("old%02d", i)] = 1
	}
	got := map[string]int{}
	for _, id := range seen {
		got[id]++
		if got[id] > 1 {
			t.Fatalf("%s seen twice", id)
		}
	}
	for id := range want {
		if got[id] != 1 {
			t.Errorf("%s not seen", id)
		}
	}
}

func TestVisibility(t *testing.T) {
	c := newCatalog(3)
	c.PutPost(post("draft", "ann", guildhall.PostDraft, time.Time{}))
	c.PutPost(post("scheduled", "ann", guildhall.PostPublished, now.Add(time.Hour)))
	c.PutPost(post("archived", "ann", guildhall.PostArchived, now.Add(-time.Hour)))
	author := &guildhall.Viewer{Role: guildhall.RoleAuthor, MemberID: "ann"}
	other := &guildhall.Viewer{Role: guildhall.RoleAuthor, MemberID: "bob"}
	for _, tc := range []struct {
		viewer *guildhall.Viewer
		id     string
		want   bool
	}{
		{guildhall.Anonymous, "p000", true},
		{guildhall.Anonymous, "draft", false},
		{guildhall.Anonymous, "scheduled", false},
		{guildhall.Anonymous, "archived", false},
		{author, "draft", true},
		{other, "draft", false},
		{staff, "scheduled", true},
		{staff, "archived", true},
	} {
		if _, ok := c.Post(tc.viewer, now, tc.id); ok != tc.want {
			t.Errorf("viewer %+v sees %s = %v, want %v", tc.viewer, tc.id, ok, tc.want)
		}
	}
	// Scheduling needs no job: the clock alone makes the post live.
	if _, ok := c.Post(guildhall.Anonymous, now.Add(2*time.Hour), "scheduled"); !ok {
		t.Error("scheduled post not visible after its time")
	}
	res, _ := c.Posts(guildhall.Anonymous, now, guildhall.PostQuery{First: 10})
	if got := ids(res.Items); !slices.Equal(got, []string{"p000", "p001", "p002"}) || res.Total() != 3 {
		t.Errorf("anonymous list = %v (total %d), want the three published posts", got, res.Total())
	}
	drafts, _ := c.Posts(other, now, guildhall.PostQuery{First: 10, Status: guildhall.PostDraft})
	if len(drafts.Items) != 0 || drafts.Total() != 0 {
		t.Errorf("another author lists drafts %v", ids(drafts.Items))
	}
	drafts, _ = c.Posts(author, now, guildhall.PostQuery{First: 10, Status: guildhall.PostDraft})
	if got := ids(drafts.Items); !slices.Equal(got, []string{"draft"}) {
		t.Errorf("author's drafts = %v", got)
	}
	scheduled, _ := c.Posts(staff, now, guildhall.PostQuery{First: 10, Status: guildhall.PostScheduled})
	if got := ids(scheduled.Items); !slices.Equal(got, []string{"scheduled"}) {
		t.Errorf("staff's scheduled = %v", got)
	}
}

func TestFilters(t *testing.T) {
	c := newCatalog(12)
	p := post("accent", "ann", guildhall.PostPublished, now.Add(-30*time.Minute), "Mental Health")
	p.Title = "Café Crème and Supervision"
	p.Body = guildhall.NewRichText("", "Notes from the regional meeting in Zürich.", 0)
	c.PutPost(p)
	for _, tc := range []struct {
		name string
		q    guildhall.PostQuery
		want int
	}{
		{"author", guildhall.PostQuery{AuthorSlug: "bob"}, 4},
		{"unknown author", guildhall.PostQuery{AuthorSlug: "nobody"}, 0},
		{"tag", guildhall.PostQuery{Tag: "tag1"}, 6},
		{"tag ignores case", guildhall.PostQuery{Tag: "MENTAL health"}, 1},
		{"author and tag", guildhall.PostQuery{AuthorSlug: "bob", Tag: "tag0"}, 2},
		{"search ignores accents and case", guildhall.PostQuery{Search: "CAFE creme"}, 1},
		{"search body", guildhall.PostQuery{Search: "zurich"}, 1},
		{"search last word as prefix", guildhall.PostQuery{Search: "supervis"}, 1},
		{"search earlier words whole", guildhall.PostQuery{Search: "supervis cafe"}, 0},
		{"search author name", guildhall.PostQuery{Search: "abel cafe"}, 1},
		{"search tag", guildhall.PostQuery{Search: "mental"}, 1},
		{"published after", guildhall.PostQuery{PublishedAfter: ptr(now.Add(-3*time.Hour - time.Minute))}, 4},
		{"published before", guildhall.PostQuery{PublishedBefore: ptr(now.Add(-10 * time.Hour))}, 2},
		{"members only", guildhall.PostQuery{Visibility: guildhall.VisibilityMembers}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.q.First = 100
			res, err := c.Posts(guildhall.Anonymous, now, tc.q)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Items) != tc.want || res.Total() != tc.want {
				t.Errorf("got %d items (total %d), want %d: %v", len(res.Items), res.Total(), tc.want, ids(res.Items))
			}
		})
	}
}

func TestCursorFromAnotherOrderingIsRefused(t *testing.T) {
	c := newCatalog(5)
	res, _ := c.Posts(guildhall.Anonymous, now, guildhall.PostQuery{First: 2, OrderBy: guildhall.OrderTitle})
	_, err := c.Posts(guildhall.Anonymous, now, guildhall.PostQuery{First: 2, After: res.Cursor(1)})
	if guildhall.ErrorCode(err) != guildhall.EINVALID {
		t.Fatalf("got %v, want EINVALID", err)
	}
}

func TestUpdateReplacesAndIgnoresStale(t *testing.T) {
	c := newCatalog(3)
	v2 := post("p001", "ann", guildhall.PostPublished, now.Add(-2*time.Hour))
	v2.Version, v2.Title, v2.Slug, v2.OldSlugs = 2, "Renamed", "renamed", []string{"p001"}
	c.PutPost(v2)
	stale := post("p001", "ann", guildhall.PostPublished, now.Add(-2*time.Hour))
	stale.Title = "Stale"
	c.PutPost(stale) // version 1 arrives late, e.g. from the change log
	got, ok := c.PostBySlug(guildhall.Anonymous, now, "p001")
	if !ok || got.Title != "Renamed" {
		t.Fatalf("old slug finds %+v, want the renamed post", got)
	}
	if got, _ := c.PostBySlug(guildhall.Anonymous, now, "renamed"); got == nil || got.Version != 2 {
		t.Fatalf("new slug finds %+v", got)
	}
	res, _ := c.Posts(guildhall.Anonymous, now, guildhall.PostQuery{First: 10, OrderBy: guildhall.OrderTitle, Direction: guildhall.Asc})
	if got := ids(res.Items); !slices.Equal(got, []string{"p000", "p002", "p001"}) {
		t.Errorf("title order after rename = %v", got)
	}
	c.RemovePost("p001", 3, now)
	if _, ok := c.PostBySlug(staff, now, "renamed"); ok {
		t.Error("deleted post still found")
	}
	if res, _ := c.Posts(staff, now, guildhall.PostQuery{First: 10}); res.Total() != 2 {
		t.Errorf("total after delete = %d", res.Total())
	}
}

func TestMembersOrderAndFilters(t *testing.T) {
	c := catalog.New()
	for _, m := range []*guildhall.Member{
		member("m1", "Christian Billington", "Billington, Christian"),
		member("m2", "Zoë Ångström", "Ångström, Zoë"),
		member("m3", "Ruth van der Berg", "van der Berg, Ruth"),
		member("m4", "Łucja Wiśniewska", "Wiśniewska, Łucja"),
		member("m5", "Ann Bell", "Bell, Ann"),
		member("m6", "123 Studio", "123 Studio"),
	} {
		c.PutMember(m)
	}
	c.PutPost(post("p1", "m1", guildhall.PostPublished, now.Add(-time.Hour)))
	c.PutPost(post("p2", "m4", guildhall.PostPublished, now.Add(-time.Hour)))
	c.PutPost(post("p3", "m5", guildhall.PostPublished, now.Add(time.Hour))) // scheduled: not yet counted
	all, _ := c.Members(now, 0, guildhall.MemberQuery{First: 10})
	var names []string
	for _, m := range all.Items {
		names = append(names, m.SortName)
	}
	want := []string{"123 Studio", "Ångström, Zoë", "Bell, Ann", "Billington, Christian", "van der Berg, Ruth", "Wiśniewska, Łucja"}
	if !slices.Equal(names, want) {
		t.Errorf("order = %q, want %q", names, want)
	}
	yes := true
	for _, tc := range []struct {
		q    guildhall.MemberQuery
		want []string
	}{
		{guildhall.MemberQuery{NameStartsWith: "bill"}, []string{"m1"}},
		{guildhall.MemberQuery{NameStartsWith: "BÍLL"}, []string{"m1"}},
		{guildhall.MemberQuery{NameStartsWith: "chris"}, []string{"m1"}},
		{guildhall.MemberQuery{NameStartsWith: "angs"}, []string{"m2"}},
		{guildhall.MemberQuery{NameStartsWith: "luc"}, []string{"m4"}},
		{guildhall.MemberQuery{NameStartsWith: "b"}, []string{"m5", "m1"}},
		{guildhall.MemberQuery{Search: "berg"}, []string{"m3"}},
		{guildhall.MemberQuery{HasPublishedPosts: &yes}, []string{"m1", "m4"}},
	} {
		res, err := c.Members(now, 0, guildhall.MemberQuery{First: 10, NameStartsWith: tc.q.NameStartsWith, Search: tc.q.Search, HasPublishedPosts: tc.q.HasPublishedPosts})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, m := range res.Items {
			got = append(got, m.ID)
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%+v = %v, want %v", tc.q, got, tc.want)
		}
	}
	dir := c.Directory(now)
	counts := map[string]int{}
	for _, l := range dir {
		counts[l.Letter] = l.Count
	}
	if len(dir) != 27 || counts["B"] != 1 || counts["W"] != 1 || counts["A"] != 0 || counts["#"] != 0 {
		t.Errorf("directory = %+v", dir)
	}
	// Walk members two at a time.
	var walked []string
	q := guildhall.MemberQuery{First: 2}
	for {
		res, err := c.Members(now, 0, q)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range res.Items {
			walked = append(walked, m.SortName)
		}
		if !res.HasNextPage {
			break
		}
		q.After = res.Cursor(len(res.Items) - 1)
	}
	if !slices.Equal(walked, want) {
		t.Errorf("walk = %q", walked)
	}
}

func ptr[T any](v T) *T { return &v }

func BenchmarkFirstPage(b *testing.B) {
	c := newCatalog(20000)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Posts(guildhall.Anonymous, now, guildhall.PostQuery{First: 20}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDeepPage(b *testing.B) {
	c := newCatalog(20000)
	res, _ := c.Posts(guildhall.Anonymous, now, guildhall.PostQuery{First: 100})
	after := res.Cursor(99)
	for range 150 { // walk to post 15,000
		res, _ = c.Posts(guildhall.Anonymous, now, guildhall.PostQuery{First: 100, After: after})
		after = res.Cursor(99)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Posts(guildhall.Anonymous, now, guildhall.PostQuery{First: 20, After: after}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPutPost(b *testing.B) {
	c := newCatalog(20000)
	p := post("p010", "ann", guildhall.PostPublished, now.Add(-11*time.Hour))
	b.ReportAllocs()
	for b.Loop() {
		p2 := *p
		p2.Version++
		p = &p2
		c.PutPost(p)
	}
}
