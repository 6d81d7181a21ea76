package app_test

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/guildhall/guildhall"
	"github.com/guildhall/guildhall/demo"
)

// fixture is the demo content the test servers are seeded with, for computing expectations.
var fixture = demo.New(fixtureNow)

func livePosts() []demo.Post {
	var out []demo.Post
	for _, p := range fixture.Posts {
		if p.Status == guildhall.PostPublished && !p.PublishedAt.After(fixtureNow) {
			out = append(out, p)
		}
	}
	slices.SortFunc(out, func(a, b demo.Post) int { return b.PublishedAt.Compare(a.PublishedAt) })
	return out
}

func fixturePost(pred func(demo.Post) bool) demo.Post {
	for _, p := range fixture.Posts {
		if pred(p) {
			return p
		}
	}
	panic("no such fixture post")
}

// scenario is one request and what must come back.
type scenario struct {
	name     string
	token    string
	query    string
	vars     map[string]any
	wantCode string                          // extensions.code of the first error; "" for success
	check    func(t *testing.T, data any)    // optional checks on data
	errCheck func(t *testing.T, e *gqlError) // optional checks on the first error
}

func runScenarios(t *testing.T, s *testServer, scenarios []scenario) {
	t.Helper()
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			r := s.Query(sc.token, sc.query, sc.vars)
			if got := r.Code(); got != sc.wantCode {
				t.Fatalf("code = %q, want %q; errors %+v", got, sc.wantCode, r.Errors)
			}
			if sc.wantCode == "" && r.Status != http.StatusOK {
				t.Fatalf("status %d", r.Status)
			}
			if sc.errCheck != nil {
				sc.errCheck(t, &r.Errors[0])
			}
			if sc.check != nil {
				sc.check(t, r.Data)
			}
		})
	}
}

func TestQueries(t *testing.T) {
	s := MustRunServer(t)
	live := livePosts()
	newest := live[0]
	members := s.MustQuery("", `{ members(first: 100) { nodes { id slug name } } }`, nil)
	firstMember := get(members, "members.nodes.0").(map[string]any)
	postID := str(s.MustQuery("", `query($s: String) { post(slug: $s) { id } }`, map[string]any{"s": newest.Slug}), "post.id")
	blocks := s.MustQuery("", `{ blocks(first: 100) { nodes { id __typename } } }`, nil)
	blockID := str(blocks, "blocks.nodes.0.id")
	draft := fixturePost(func(p demo.Post) bool { return p.Status == guildhall.PostDraft })
	scheduled := fixturePost(func(p demo.Post) bool { return p.PublishedAt.After(fixtureNow) })
	membersOnly := fixturePost(func(p demo.Post) bool {
		return p.Visibility == guildhall.VisibilityMembers && p.Status == guildhall.PostPublished && !p.PublishedAt.After(fixtureNow)
	})

	runScenarios(t, s, []scenario{
		{name: "posts newest first", query: `{ posts { totalCount edges { cursor node { slug title publishedAt status } } pageInfo { hasNextPage endCursor } } }`,
			check: func(t *testing.T, d any) {
				if n := num(d, "posts.totalCount"); n != len(live) {
					t.Errorf("totalCount = %d, want %d", n, len(live))
				}
				edges := list(d, "posts.edges")
				if len(edges) != guildhall.DefaultPageSize {
					t.Fatalf("default page has %d posts, want %d", len(edges), guildhall.DefaultPageSize)
				}
				for i, e := range edges {
					if got := str(e, "node.slug"); got != live[i].Slug {
						t.Errorf("post %d = %s, want %s", i, got, live[i].Slug)
					}
					if str(e, "node.status") != "PUBLISHED" || str(e, "cursor") == "" {
						t.Errorf("edge %d: %v", i, e)
					}
				}
				if get(d, "posts.pageInfo.hasNextPage") != true || str(d, "posts.pageInfo.endCursor") != str(edges[19], "cursor") {
					t.Errorf("pageInfo = %v", get(d, "posts.pageInfo"))
				}
			}},
		{name: "post by slug with relations", query: `query($s: String) { post(slug: $s) { id slug title author { slug name } body { html text wordCount readingMinutes } excerpt tags blocks { __typename id } version related(first: 3) { slug } } }`,
			vars: map[string]any{"s": newest.Slug},
			check: func(t *testing.T, d any) {
				if str(d, "post.slug") != newest.Slug || str(d, "post.title") != newest.Title || str(d, "post.author.slug") != newest.AuthorSlug {
					t.Errorf("post = %v", dump(d))
				}
				if num(d, "post.body.wordCount") < 100 || num(d, "post.body.readingMinutes") < 1 || !strings.Contains(str(d, "post.body.html"), "<p>") {
					t.Errorf("body = %v", get(d, "post.body"))
				}
				if len(list(d, "post.blocks")) != len(newest.BlockKeys) || num(d, "post.version") != 1 {
					t.Errorf("blocks %v, version %v", get(d, "post.blocks"), get(d, "post.version"))
				}
				for _, r := range list(d, "post.related") {
					if str(r, "slug") == newest.Slug {
						t.Error("a post is related to itself")
					}
				}
			}},
		{name: "post by id and node", query: `query($id: ID!) { post(id: $id) { slug } node(id: $id) { id ... on Post { slug } } }`,
			vars: map[string]any{"id": postID},
			check: func(t *testing.T, d any) {
				if str(d, "post.slug") != newest.Slug || str(d, "node.slug") != newest.Slug || str(d, "node.id") != postID {
					t.Errorf("got %v", dump(d))
				}
			}},
		{name: "node for a member and a block", query: `query($m: ID!, $b: ID!) { m: node(id: $m) { ... on Member { slug } } b: node(id: $b) { __typename id } }`,
			vars: map[string]any{"m": firstMember["id"], "b": blockID},
			check: func(t *testing.T, d any) {
				if str(d, "m.slug") != firstMember["slug"] || str(d, "b.id") != blockID || str(d, "b.__typename") == "" {
					t.Errorf("got %v", dump(d))
				}
			}},
		{name: "node with an unknown id", query: `{ node(id: "pst_00000000000000000000000000") { id } }`, wantCode: "NOT_FOUND"},
		{name: "node with a malformed id", query: `{ node(id: "hello") { id } }`, wantCode: "NOT_FOUND"},
		{name: "post needs id or slug", query: `{ post { id } }`, wantCode: "BAD_USER_INPUT"},
		{name: "unknown slug", query: `{ post(slug: "no-such-post") { id } }`, wantCode: "NOT_FOUND",
			check: func(t *testing.T, d any) {
				if m, ok := d.(map[string]any); !ok || m["post"] != nil {
					t.Errorf("data = %v, want post: null", d)
				}
			}},
		{name: "a draft is not found anonymously", query: `query($s: String) { post(slug: $s) { id } }`, vars: map[string]any{"s": draft.Slug}, wantCode: "NOT_FOUND"},
		{name: "a scheduled post is not found anonymously", query: `query($s: String) { post(slug: $s) { id } }`, vars: map[string]any{"s": scheduled.Slug}, wantCode: "NOT_FOUND"},
		{name: "an admin sees a draft", token: adminToken, query: `query($s: String) { post(slug: $s) { status publishedAt } }`, vars: map[string]any{"s": draft.Slug},
			check: func(t *testing.T, d any) {
				if str(d, "post.status") != "DRAFT" || get(d, "post.publishedAt") != nil {
					t.Errorf("got %v", dump(d))
				}
			}},
		{name: "an admin sees a scheduled post", token: adminToken, query: `query($s: String) { post(slug: $s) { status } }`, vars: map[string]any{"s": scheduled.Slug},
			check: func(t *testing.T, d any) {
				if str(d, "post.status") != "SCHEDULED" {
					t.Errorf("got %v", dump(d))
				}
			}},
		{name: "members-only teaser has no body for anonymous", query: `query($s: String) { post(slug: $s) { title excerpt visibility body { html } } }`, vars: map[string]any{"s": membersOnly.Slug},
			check: func(t *testing.T, d any) {
				if str(d, "post.visibility") != "MEMBERS" || get(d, "post.body") != nil || str(d, "post.excerpt") == "" {
					t.Errorf("got %v", dump(d))
				}
			}},
		{name: "members-only body for staff", token: adminToken, query: `query($s: String) { post(slug: $s) { body { html } } }`, vars: map[string]any{"s": membersOnly.Slug},
			check: func(t *testing.T, d any) {
				if str(d, "post.body.html") == "" {
					t.Errorf("got %v", dump(d))
				}
			}},
		{name: "posts by author", query: `query($a: String) { posts(first: 100, filter: {authorSlug: $a}) { totalCount nodes { author { slug } } } }`, vars: map[string]any{"a": newest.AuthorSlug},
			check: func(t *testing.T, d any) {
				want := 0
				for _, p := range live {
					if p.AuthorSlug == newest.AuthorSlug {
						want++
					}
				}
				if num(d, "posts.totalCount") != want || len(list(d, "posts.nodes")) != want {
					t.Errorf("got %d posts, want %d", num(d, "posts.totalCount"), want)
				}
				for _, n := range list(d, "posts.nodes") {
					if str(n, "author.slug") != newest.AuthorSlug {
						t.Errorf("post by %s", str(n, "author.slug"))
					}
				}
			}},
		{name: "posts by tag", query: `query($t: String) { posts(first: 100, filter: {tag: $t}) { totalCount nodes { tags } } }`, vars: map[string]any{"t": newest.Tags[0]},
			check: func(t *testing.T, d any) {
				want := 0
				for _, p := range live {
					if slices.Contains(p.Tags, newest.Tags[0]) {
						want++
					}
				}
				if num(d, "posts.totalCount") != want || want == 0 {
					t.Errorf("got %d posts, want %d", num(d, "posts.totalCount"), want)
				}
			}},
		{name: "posts by search", query: `query($q: String) { posts(first: 5, filter: {search: $q}) { nodes { slug } } }`, vars: map[string]any{"q": strings.ToUpper(newest.Title)},
			check: func(t *testing.T, d any) {
				if str(d, "posts.nodes.0.slug") == "" {
					t.Errorf("searching for a title found nothing")
				}
				found := false
				for _, n := range list(d, "posts.nodes") {
					found = found || str(n, "slug") == newest.Slug
				}
				if !found {
					t.Errorf("search for %q did not find %s: %v", newest.Title, newest.Slug, dump(d))
				}
			}},
		{name: "posts ordered by title", query: `{ posts(first: 100, orderBy: {field: TITLE, direction: ASC}) { nodes { title } } }`,
			check: func(t *testing.T, d any) {
				var titles []string
				for _, n := range list(d, "posts.nodes") {
					titles = append(titles, strings.ToLower(str(n, "title")))
				}
				if len(titles) != min(100, len(live)) || !slices.IsSorted(titles) {
					t.Errorf("titles not sorted: %q", titles)
				}
			}},
		{name: "posts published in a window", query: `query($a: Time, $b: Time) { posts(first: 100, filter: {publishedAfter: $a, publishedBefore: $b}) { totalCount } }`,
			vars: map[string]any{"a": fixtureNow.AddDate(-1, 0, 0).Format(time.RFC3339), "b": fixtureNow.Format(time.RFC3339)},
			check: func(t *testing.T, d any) {
				want := 0
				for _, p := range live {
					if p.PublishedAt.After(fixtureNow.AddDate(-1, 0, 0)) && p.PublishedAt.Before(fixtureNow) {
						want++
					}
				}
				if num(d, "posts.totalCount") != want {
					t.Errorf("got %d, want %d", num(d, "posts.totalCount"), want)
				}
			}},
		{name: "drafts for staff", token: adminToken, query: `{ posts(first: 100, filter: {status: DRAFT}) { totalCount } }`,
			check: func(t *testing.T, d any) {
				want := 0
				for _, p := range fixture.Posts {
					if p.Status == guildhall.PostDraft {
						want++
					}
				}
				if num(d, "posts.totalCount") != want {
					t.Errorf("got %d drafts, want %d", num(d, "posts.totalCount"), want)
				}
			}},
		{name: "no drafts for anonymous", query: `{ posts(first: 100, filter: {status: DRAFT}) { totalCount nodes { id } } }`,
			check: func(t *testing.T, d any) {
				if num(d, "posts.totalCount") != 0 || len(list(d, "posts.nodes")) != 0 {
					t.Errorf("anonymous sees drafts: %v", dump(d))
				}
			}},
		{name: "first over 100", query: `{ posts(first: 1000) { totalCount } }`, wantCode: "BAD_USER_INPUT",
			errCheck: func(t *testing.T, e *gqlError) {
				if f, _ := e.Extensions["fields"].(map[string]any); f["first"] == nil {
					t.Errorf("fields = %v, want first", e.Extensions["fields"])
				}
			}},
		{name: "negative first", query: `{ members(first: -1) { totalCount } }`, wantCode: "BAD_USER_INPUT"},
		{name: "malformed cursor", query: `{ posts(after: "not-a-cursor") { totalCount } }`, wantCode: "BAD_USER_INPUT",
			errCheck: func(t *testing.T, e *gqlError) {
				if f, _ := e.Extensions["fields"].(map[string]any); f["after"] == nil {
					t.Errorf("fields = %v, want after", e.Extensions["fields"])
				}
			}},
		{name: "a member cursor on posts", query: `query($c: String) { posts(after: $c) { totalCount } }`,
			vars: map[string]any{"c": str(s.MustQuery("", `{ members(first: 1) { pageInfo { endCursor } } }`, nil), "members.pageInfo.endCursor")}, wantCode: "BAD_USER_INPUT"},
		{name: "member by slug", query: `query($s: String) { member(slug: $s) { id name sortName credentials bio { text } email phone membership { status } posts(first: 2) { totalCount } publishedPostCount } }`,
			vars: map[string]any{"s": firstMember["slug"]},
			check: func(t *testing.T, d any) {
				if str(d, "member.name") != firstMember["name"] || get(d, "member.email") != nil || get(d, "member.membership") != nil {
					t.Errorf("anonymous member view = %v", dump(d))
				}
				if num(d, "member.posts.totalCount") != num(d, "member.publishedPostCount") {
					t.Errorf("posts.totalCount %d != publishedPostCount %d", num(d, "member.posts.totalCount"), num(d, "member.publishedPostCount"))
				}
			}},
		{name: "admin sees contact details and membership", token: adminToken,
			query: `query($s: String) { member(slug: $s) { email membership { status plan { code termMonths } joinedAt expiresAt graceEndsAt renewals { totalCount } } } }`,
			vars:  map[string]any{"s": "christian-billington"},
			check: func(t *testing.T, d any) {
				if str(d, "member.email") == "" || str(d, "member.membership.status") == "" || num(d, "member.membership.plan.termMonths") != 12 {
					t.Errorf("admin member view = %v", dump(d))
				}
			}},
		{name: "unknown member", query: `{ member(slug: "nobody-at-all") { id } }`, wantCode: "NOT_FOUND"},
		{name: "members by name prefix, ignoring case and accents", query: `{ members(filter: {nameStartsWith: "ÅNGSTRÖM"}) { nodes { name } } a: members(filter: {nameStartsWith: "zoe"}) { nodes { name } } }`,
			check: func(t *testing.T, d any) {
				if str(d, "members.nodes.0.name") != "Zoë Ångström" || str(d, "a.nodes.0.name") != "Zoë Ångström" {
					t.Errorf("got %v", dump(d))
				}
			}},
		{name: "members in sort-name order", query: `{ members(first: 100) { totalCount nodes { sortName } } }`,
			check: func(t *testing.T, d any) {
				if num(d, "members.totalCount") != len(fixture.Members) {
					t.Errorf("totalCount = %d, want %d", num(d, "members.totalCount"), len(fixture.Members))
				}
			}},
		{name: "members with published posts", query: `{ members(first: 100, filter: {hasPublishedPosts: true}) { nodes { publishedPostCount } } }`,
			check: func(t *testing.T, d any) {
				authors := map[string]bool{}
				for _, p := range live {
					authors[p.AuthorSlug] = true
				}
				if got := len(list(d, "members.nodes")); got != len(authors) {
					t.Errorf("got %d members, want %d", got, len(authors))
				}
				for _, n := range list(d, "members.nodes") {
					if num(n, "publishedPostCount") == 0 {
						t.Errorf("member without posts listed")
					}
				}
			}},
		{name: "membership status filter needs admin", query: `{ members(filter: {status: ACTIVE}) { totalCount } }`, wantCode: "FORBIDDEN"},
		{name: "membership status filter for admin", token: adminToken, query: `{ a: members(first: 100, filter: {status: GRACE}) { nodes { membership { status } } } }`,
			check: func(t *testing.T, d any) {
				nodes := list(d, "a.nodes")
				if len(nodes) == 0 {
					t.Fatal("no members in grace")
				}
				for _, n := range nodes {
					if str(n, "membership.status") != "GRACE" {
						t.Errorf("status %s in a GRACE filter", str(n, "membership.status"))
					}
				}
			}},
		{name: "member directory", query: `{ memberDirectory { letter count } }`,
			check: func(t *testing.T, d any) {
				letters := list(d, "memberDirectory")
				if len(letters) != 27 || str(letters[0], "letter") != "A" || str(letters[26], "letter") != "#" {
					t.Fatalf("letters = %v", letters)
				}
				total := 0
				for _, l := range letters {
					total += num(l, "count")
				}
				authors := map[string]bool{}
				for _, p := range live {
					authors[p.AuthorSlug] = true
				}
				if total != len(authors) {
					t.Errorf("directory counts %d members, want %d", total, len(authors))
				}
			}},
		{name: "blocks of every kind", query: `{ blocks(first: 100) { totalCount nodes { __typename id title updatedAt
				... on ContactBlock { contactName email phone } ... on LinksBlock { links { label url } }
				... on RichTextBlock { body { html } } ... on CallToActionBlock { label url action } } } }`,
			check: func(t *testing.T, d any) {
				if num(d, "blocks.totalCount") != len(fixture.Blocks) {
					t.Errorf("totalCount %d, want %d", num(d, "blocks.totalCount"), len(fixture.Blocks))
				}
				kinds := map[string]bool{}
				for _, n := range list(d, "blocks.nodes") {
					kinds[str(n, "__typename")] = true
				}
				if len(kinds) != 4 {
					t.Errorf("kinds = %v", kinds)
				}
			}},
		{name: "blocks of one kind", query: `{ blocks(kind: CALL_TO_ACTION) { nodes { __typename ... on CallToActionBlock { action } } } }`,
			check: func(t *testing.T, d any) {
				for _, n := range list(d, "blocks.nodes") {
					if str(n, "__typename") != "CallToActionBlock" {
						t.Errorf("got %v", n)
					}
				}
			}},
		{name: "block by id", query: `query($id: ID!) { block(id: $id) { id } }`, vars: map[string]any{"id": blockID},
			check: func(t *testing.T, d any) {
				if str(d, "block.id") != blockID {
					t.Errorf("got %v", d)
				}
			}},
		{name: "unknown block", query: `{ block(id: "blk_00000000000000000000000000") { id } }`, wantCode: "NOT_FOUND"},
		{name: "membership plans", query: `{ membershipPlans { code name termMonths } }`,
			check: func(t *testing.T, d any) {
				if len(list(d, "membershipPlans")) != len(guildhall.DefaultPlans) {
					t.Errorf("plans = %v", d)
				}
			}},
		{name: "anonymous viewer", query: `{ viewer { role member { id } scopes } }`,
			check: func(t *testing.T, d any) {
				if get(d, "viewer.role") != nil || get(d, "viewer.member") != nil {
					t.Errorf("viewer = %v", d)
				}
			}},
		{name: "admin viewer", token: adminToken, query: `{ viewer { role } }`,
			check: func(t *testing.T, d any) {
				if str(d, "viewer.role") != "ADMIN" {
					t.Errorf("viewer = %v", d)
				}
			}},
		{name: "unknown field", query: `{ posts { nodes { nope } } }`, wantCode: "GRAPHQL_VALIDATION_FAILED"},
		{name: "syntax error", query: `{ posts { `, wantCode: "GRAPHQL_PARSE_FAILED"},
		{name: "bad enum in a variable", query: `query($o: PostOrder) { posts(orderBy: $o) { totalCount } }`, vars: map[string]any{"o": map[string]any{"field": "NOPE"}}, wantCode: "BAD_USER_INPUT"},
	})
}

// Walking a list page by page returns every item exactly once, also when posts are
// published between pages.
func TestPaginationWalk(t *testing.T) {
	s := MustRunServer(t)
	authorID := str(s.MustQuery("", `{ members(first: 1) { nodes { id } } }`, nil), "members.nodes.0.id")
	before := map[string]bool{}
	for _, p := range livePosts() {
		before[p.Slug] = true
	}
	seen := map[string]int{}
	after := ""
	for page := 0; ; page++ {
		vars := map[string]any{"first": 7}
		if after != "" {
			vars["after"] = after
		}
		d := s.MustQuery("", `query($first: Int, $after: String) { posts(first: $first, after: $after) { nodes { slug } pageInfo { hasNextPage endCursor } } }`, vars)
		for _, n := range list(d, "posts.nodes") {
			seen[str(n, "slug")]++
		}
		if get(d, "posts.pageInfo.hasNextPage") != true {
			break
		}
		after = str(d, "posts.pageInfo.endCursor")
		// Publish a new post between pages: it is newer than everything, so it belongs before
		// the cursor and must not disturb the walk.
		id := str(s.MustQuery(adminToken, `mutation($a: ID) { createPost(input: {title: "Interleaved", body: "<p>x</p>", authorId: $a}) { id } }`,
			map[string]any{"a": authorID}), "createPost.id")
		s.MustQuery(adminToken, `mutation($id: ID!) { publishPost(id: $id) { id } }`, map[string]any{"id": id})
		s.Clock.Advance(time.Second)
		if page > 100 {
			t.Fatal("the walk does not end")
		}
	}
	for slug := range before {
		if seen[slug] != 1 {
			t.Errorf("%s seen %d times", slug, seen[slug])
		}
	}
	for slug, n := range seen {
		if n > 1 {
			t.Errorf("%s seen %d times", slug, n)
		}
	}

	// Members, ten at a time.
	seenMembers := map[string]int{}
	after = ""
	var sortNames []string
	for {
		vars := map[string]any{}
		if after != "" {
			vars["after"] = after
		}
		d := s.MustQuery("", `query($after: String) { members(first: 10, after: $after) { nodes { id sortName } pageInfo { hasNextPage endCursor } } }`, vars)
		for _, n := range list(d, "members.nodes") {
			seenMembers[str(n, "id")]++
			sortNames = append(sortNames, str(n, "sortName"))
		}
		if get(d, "members.pageInfo.hasNextPage") != true {
			break
		}
		after = str(d, "members.pageInfo.endCursor")
	}
	if len(seenMembers) != len(fixture.Members) {
		t.Errorf("walked %d members, want %d", len(seenMembers), len(fixture.Members))
	}
	for id, n := range seenMembers {
		if n != 1 {
			t.Errorf("member %s seen %d times", id, n)
		}
	}
	t.Logf("directory order: %s", strings.Join(sortNames, " | "))
}

// A write is visible to the next read, by every path.
func TestWriteThenRead(t *testing.T) {
	s := MustRunServer(t)
	authorID := str(s.MustQuery("", `{ member(slug: "christian-billington") { id } }`, nil), "member.id")
	blockID := str(s.MustQuery(adminToken, `mutation { createBlock(input: {kind: LINKS, title: "Further reading", links: [{label: "Code of ethics", url: "https://example.org/ethics"}]}) { id } }`, nil), "createBlock.id")
	created := s.MustQuery(adminToken, `mutation($a: ID, $b: [ID!]) { createPost(input: {title: "Café Society: a Report", body: "<p>Hello <script>alert(1)</script><b>world</b></p>", authorId: $a, tags: ["Reports", " reports ", "news"], blockIds: $b}) { id slug status version tags body { html } blocks { id } } }`,
		map[string]any{"a": authorID, "b": []string{blockID}})
	id := str(created, "createPost.id")
	if str(created, "createPost.slug") != "cafe-society-a-report" || str(created, "createPost.status") != "DRAFT" || num(created, "createPost.version") != 1 {
		t.Errorf("created = %v", dump(created))
	}
	if html := str(created, "createPost.body.html"); strings.Contains(html, "script") || !strings.Contains(html, "<b>world</b>") {
		t.Errorf("body not sanitised: %q", html)
	}
	if tags := list(created, "createPost.tags"); len(tags) != 2 {
		t.Errorf("tags = %v, want the repeat dropped", tags)
	}
	// The draft is the admin's to see, nobody else's.
	if r := s.Query("", `query($id: ID) { post(id: $id) { id } }`, map[string]any{"id": id}); r.Code() != "NOT_FOUND" {
		t.Errorf("anonymous read of a draft: %v", r.Errors)
	}
	updated := s.MustQuery(adminToken, `mutation($id: ID!) { updatePost(input: {id: $id, expectedVersion: 1, title: "Café Society: the Report", slug: "cafe-society"}) { title slug version } }`, map[string]any{"id": id})
	if num(updated, "updatePost.version") != 2 || str(updated, "updatePost.slug") != "cafe-society" {
		t.Errorf("updated = %v", dump(updated))
	}
	stale := s.Query(adminToken, `mutation($id: ID!) { updatePost(input: {id: $id, expectedVersion: 1, title: "Lost update"}) { version } }`, map[string]any{"id": id})
	if stale.Code() != "CONFLICT" || stale.Errors[0].Extensions["currentVersion"] != float64(2) {
		t.Errorf("stale update: %+v", stale.Errors)
	}
	published := s.MustQuery(adminToken, `mutation($id: ID!) { publishPost(id: $id) { status publishedAt version } }`, map[string]any{"id": id})
	if str(published, "publishPost.status") != "PUBLISHED" || num(published, "publishPost.version") != 3 {
		t.Errorf("published = %v", dump(published))
	}
	// Visible at once: by slug, by the old slug, first in the list, under the author and tag.
	d := s.MustQuery("", `{ a: post(slug: "cafe-society") { title } b: post(slug: "cafe-society-a-report") { slug }
		posts(first: 1) { nodes { slug } } t: posts(filter: {tag: "reports"}) { totalCount }
		m: member(slug: "christian-billington") { posts(first: 1) { nodes { slug blocks { id } } } } }`, nil)
	if str(d, "a.title") != "Café Society: the Report" || str(d, "b.slug") != "cafe-society" || str(d, "posts.nodes.0.slug") != "cafe-society" ||
		num(d, "t.totalCount") != 1 || str(d, "m.posts.nodes.0.slug") != "cafe-society" || str(d, "m.posts.nodes.0.blocks.0.id") != blockID {
		t.Errorf("read after write = %v", dump(d))
	}
	// Publishing twice is refused with a reason; nothing changes.
	if r := s.Query(adminToken, `mutation($id: ID!) { publishPost(id: $id) { id } }`, map[string]any{"id": id}); r.Code() != "BAD_USER_INPUT" {
		t.Errorf("second publish: %+v", r.Errors)
	}
	// Scheduling: a future publishAt hides the post until its time, with no job involved.
	id2 := str(s.MustQuery(adminToken, `mutation($a: ID) { createPost(input: {title: "Next week", body: "<p>Soon</p>", authorId: $a}) { id } }`, map[string]any{"a": authorID}), "createPost.id")
	at := s.Clock.Now().Add(time.Hour).Format(time.RFC3339)
	sched := s.MustQuery(adminToken, `mutation($id: ID!, $at: Time) { publishPost(id: $id, publishAt: $at) { status } }`, map[string]any{"id": id2, "at": at})
	if str(sched, "publishPost.status") != "SCHEDULED" {
		t.Errorf("scheduled = %v", sched)
	}
	if r := s.Query("", `query($id: ID) { post(id: $id) { id } }`, map[string]any{"id": id2}); r.Code() != "NOT_FOUND" {
		t.Errorf("a scheduled post is visible early")
	}
	s.Clock.Advance(61 * time.Minute)
	if d := s.MustQuery("", `query($id: ID) { post(id: $id) { status } posts(first: 1) { nodes { id } } }`, map[string]any{"id": id2}); str(d, "post.status") != "PUBLISHED" || str(d, "posts.nodes.0.id") != id2 {
		t.Errorf("after its time: %v", dump(d))
	}
}

func TestWriteValidation(t *testing.T) {
	s := MustRunServer(t)
	authorID := str(s.MustQuery("", `{ member(slug: "christian-billington") { id } }`, nil), "member.id")
	long := strings.Repeat("x", 201)
	fields := func(names ...string) func(t *testing.T, e *gqlError) {
		return func(t *testing.T, e *gqlError) {
			f, _ := e.Extensions["fields"].(map[string]any)
			for _, n := range names {
				if f[n] == nil {
					t.Errorf("fields = %v, want %s", f, n)
				}
			}
		}
	}
	runScenarios(t, s, []scenario{
		{name: "no token", query: `mutation { createPost(input: {title: "x", body: "y"}) { id } }`, wantCode: "UNAUTHENTICATED"},
		{name: "blocks need a token", query: `mutation { createBlock(input: {kind: CONTACT, contactName: "x"}) { id } }`, wantCode: "UNAUTHENTICATED"},
		{name: "empty title and long tag", token: adminToken, query: `mutation($a: ID) { createPost(input: {title: " ", body: "<p>x</p>", authorId: $a, tags: ["` + long + `"]}) { id } }`,
			vars: map[string]any{"a": authorID}, wantCode: "BAD_USER_INPUT", errCheck: fields("title", "tags")},
		{name: "title too long", token: adminToken, query: `mutation($a: ID, $t: String!) { createPost(input: {title: $t, body: "<p>x</p>", authorId: $a}) { id } }`,
			vars: map[string]any{"a": authorID, "t": long}, wantCode: "BAD_USER_INPUT", errCheck: fields("title")},
		{name: "admin token needs an author", token: adminToken, query: `mutation { createPost(input: {title: "x", body: "y"}) { id } }`, wantCode: "BAD_USER_INPUT", errCheck: fields("authorId")},
		{name: "bad slug", token: adminToken, query: `mutation($a: ID) { createPost(input: {title: "x", body: "y", authorId: $a, slug: "Not A Slug"}) { id } }`,
			vars: map[string]any{"a": authorID}, wantCode: "BAD_USER_INPUT", errCheck: fields("slug")},
		{name: "unknown block", token: adminToken, query: `mutation($a: ID) { createPost(input: {title: "x", body: "y", authorId: $a, blockIds: ["blk_nope"]}) { id } }`,
			vars: map[string]any{"a": authorID}, wantCode: "BAD_USER_INPUT", errCheck: fields("blockIds")},
		{name: "too many tags", token: adminToken, query: `mutation($a: ID, $tags: [String!]) { createPost(input: {title: "x", body: "y", authorId: $a, tags: $tags}) { id } }`,
			vars: map[string]any{"a": authorID, "tags": strings.Split("a b c d e f g h i j k l m n o p q r s t u", " ")}, wantCode: "BAD_USER_INPUT", errCheck: fields("tags")},
		{name: "slug taken", token: adminToken, query: `mutation($a: ID, $s: String) { createPost(input: {title: "x", body: "y", authorId: $a, slug: $s}) { id } }`,
			vars: map[string]any{"a": authorID, "s": livePosts()[0].Slug}, wantCode: "BAD_USER_INPUT", errCheck: fields("slug")},
		{name: "unknown post", token: adminToken, query: `mutation { updatePost(input: {id: "pst_00000000000000000000000000", expectedVersion: 1, title: "x"}) { id } }`, wantCode: "NOT_FOUND"},
		{name: "contact block with a bad email and phone", token: adminToken, query: `mutation { createBlock(input: {kind: CONTACT, contactName: "Events", email: "not-an-email", phone: "call me"}) { id } }`,
			wantCode: "BAD_USER_INPUT", errCheck: fields("email", "phone")},
		{name: "links block with a javascript URL", token: adminToken, query: `mutation { createBlock(input: {kind: LINKS, links: [{label: "x", url: "javascript:alert(1)"}]}) { id } }`,
			wantCode: "BAD_USER_INPUT", errCheck: fields("links")},
		{name: "call to action without a URL", token: adminToken, query: `mutation { createBlock(input: {kind: CALL_TO_ACTION, label: "Join now", action: JOIN}) { id } }`,
			wantCode: "BAD_USER_INPUT", errCheck: fields("url")},
		{name: "a field of another kind", token: adminToken, query: `mutation { createBlock(input: {kind: CONTACT, contactName: "x", url: "https://example.org"}) { id } }`,
			wantCode: "BAD_USER_INPUT", errCheck: fields("url")},
		{name: "a valid call to action", token: adminToken, query: `mutation { createBlock(input: {kind: CALL_TO_ACTION, label: "Join now", url: "https://northfield.example/join", action: JOIN}) { __typename ... on CallToActionBlock { label action } } }`,
			check: func(t *testing.T, d any) {
				if str(d, "createBlock.__typename") != "CallToActionBlock" || str(d, "createBlock.action") != "JOIN" {
					t.Errorf("got %v", d)
				}
			}},
	})
	// Nothing refused above was stored.
	d := s.MustQuery(adminToken, `{ posts(first: 100, filter: {status: DRAFT}) { totalCount } blocks(first: 100) { totalCount } }`, nil)
	drafts := 0
	for _, p := range fixture.Posts {
		if p.Status == guildhall.PostDraft {
			drafts++
		}
	}
	if num(d, "posts.totalCount") != drafts || num(d, "blocks.totalCount") != len(fixture.Blocks)+1 {
		t.Errorf("after refused writes: %v", dump(d))
	}
}

func TestUpdateBlock(t *testing.T) {
	s := MustRunServer(t)
	id := str(s.MustQuery(adminToken, `mutation { createBlock(input: {kind: CONTACT, title: "Events", contactName: "Sam Okafor", email: "events@northfield.example"}) { id } }`, nil), "createBlock.id")
	d := s.MustQuery(adminToken, `mutation($id: ID!) { updateBlock(input: {id: $id, phone: "+44 20 7946 0000", email: ""}) { ... on ContactBlock { title contactName email phone } } }`, map[string]any{"id": id})
	if str(d, "updateBlock.title") != "Events" || str(d, "updateBlock.contactName") != "Sam Okafor" || get(d, "updateBlock.email") != nil || str(d, "updateBlock.phone") != "+44 20 7946 0000" {
		t.Errorf("updated block = %v", dump(d))
	}
	if r := s.Query(adminToken, `mutation($id: ID!) { updateBlock(input: {id: $id, links: [{label: "x", url: "https://example.org"}]}) { id } }`, map[string]any{"id": id}); r.Code() != "BAD_USER_INPUT" {
		t.Errorf("links on a contact block: %+v", r.Errors)
	}
	if d := s.MustQuery("", `query($id: ID!) { block(id: $id) { ... on ContactBlock { phone } } }`, map[string]any{"id": id}); str(d, "block.phone") == "" {
		t.Errorf("read after update = %v", d)
	}
}

var _ = fmt.Sprint
