package app_test

import (
	"cmp"
	"slices"
	"strings"
	"testing"

	"github.com/guildhall/guildhall"
	"github.com/guildhall/guildhall/demo"
)

// names returns the "name" of each node in a list.
func names(d any, path string) []string {
	var out []string
	for _, n := range list(d, path) {
		out = append(out, str(n, "name"))
	}
	return out
}

func TestMemberNameFilters(t *testing.T) {
	s := MustRunServer(t)
	for _, tc := range []struct {
		prefix string
		want   []string // in sort-name order
	}{
		{"ÅNGSTRÖM", []string{"Zoë Ångström"}},
		{"angstrom, z", []string{"Zoë Ångström"}},
		{"zoe", []string{"Zoë Ångström"}},
		{"ZOË Å", []string{"Zoë Ångström"}},
		{"odegaard", []string{"Søren Ødegaard"}},
		{"ØDEGAARD, S", []string{"Søren Ødegaard"}},
		{"søren", []string{"Søren Ødegaard"}},
		{"o'connor", []string{"Ana-María O'Connor"}},
		{"o’connor", []string{"Ana-María O'Connor"}},
		{"OCONNOR", []string{"Ana-María O'Connor"}},
		{"ana maría", []string{"Ana-María O'Connor"}},
		{"ANA-MARIA", []string{"Ana-María O'Connor"}},
		{"nunez", []string{"José Núñez"}},
		{"NÚÑEZ, JOSÉ", []string{"José Núñez"}},
		{"jose n", []string{"José Núñez"}},
		{"łucja", []string{"Łucja Wiśniewska"}},
		{"LUCJA", []string{"Łucja Wiśniewska"}},
		{"wisn", []string{"Łucja Wiśniewska"}},
		{"muller", []string{"Björn Müller"}},
		{"bjorn", []string{"Björn Müller"}},
		{"saether", []string{"Ingrid Sæther"}},
		{"goncalves", []string{"Beatriz Gonçalves"}},
		{"van der", []string{"Ruth van der Berg"}},
		{"de la", []string{"Marisol de la Cruz"}},
		{"NI BHRIAIN", []string{"Aoife Ní Bhriain"}},
		{"mei ling", []string{"Mei-Ling Tsang"}},
		{"lefevre", []string{"Chloé Lefèvre"}},
		// Name or sort name, listed by sort name: Ellsworth before Marchand.
		{"el", []string{"Margaret Ellsworth", "Élodie Marchand"}},
		{"ÉL", []string{"Margaret Ellsworth", "Élodie Marchand"}},
		{"nobody", nil},
		{"%", nil},
	} {
		t.Run(tc.prefix, func(t *testing.T) {
			d := s.MustQuery("", `query($p: String) { members(first: 100, filter: {nameStartsWith: $p}) { totalCount nodes { name } } }`, map[string]any{"p": tc.prefix})
			if got := names(d, "members.nodes"); !slices.Equal(got, tc.want) || num(d, "members.totalCount") != len(tc.want) {
				t.Errorf("nameStartsWith %q = %q, want %q", tc.prefix, got, tc.want)
			}
		})
	}
}

// expectedInitial is where the directory files a demo sort name, worked out by hand.
func expectedInitial(sortName string) string {
	first := []rune(sortName)[0]
	switch first {
	case 'Å':
		return "A"
	case 'Ø':
		return "O"
	}
	return strings.ToUpper(string(first))
}

func TestMemberDirectory(t *testing.T) {
	s := MustRunServer(t)
	authors := map[string]bool{}
	for _, p := range livePosts() {
		authors[p.AuthorSlug] = true
	}
	want := map[string][]demo.Member{}
	for _, m := range fixture.Members {
		if authors[m.Slug] {
			want[expectedInitial(m.SortName)] = append(want[expectedInitial(m.SortName)], m)
		}
	}
	d := s.MustQuery("", `{ memberDirectory { letter count } }`, nil)
	letters := list(d, "memberDirectory")
	if len(letters) != 27 {
		t.Fatalf("%d letters", len(letters))
	}
	for i, l := range letters {
		letter := str(l, "letter")
		if wantLetter := string(rune('A' + i)); i < 26 && letter != wantLetter || i == 26 && letter != "#" {
			t.Errorf("letter %d = %s", i, letter)
		}
		if num(l, "count") != len(want[letter]) {
			t.Errorf("%s: count %d, want %d", letter, num(l, "count"), len(want[letter]))
		}
		// Each group lists exactly the members the directory counts, by sort name.
		g := s.MustQuery("", `query($l: String) { members(first: 100, filter: {initial: $l, hasPublishedPosts: true}) { totalCount nodes { name sortName publishedPostCount } } }`, map[string]any{"l": strings.ToLower(letter)})
		var wantNames []string
		for _, m := range want[letter] {
			wantNames = append(wantNames, m.Name)
		}
		got := names(g, "members.nodes")
		slices.Sort(wantNames)
		sorted := slices.Clone(got)
		slices.Sort(sorted)
		if !slices.Equal(sorted, wantNames) || num(g, "members.totalCount") != num(l, "count") {
			t.Errorf("group %s = %q, want %q", letter, got, wantNames)
		}
	}
	// Accented initials file under their letter: Ångström under A, Ødegaard under O.
	for letter, name := range map[string]string{"A": "Zoë Ångström", "O": "Søren Ødegaard", "W": "Łucja Wiśniewska", "V": "Ruth van der Berg"} {
		g := s.MustQuery("", `query($l: String) { members(first: 100, filter: {initial: $l}) { nodes { name } } }`, map[string]any{"l": letter})
		if !slices.Contains(names(g, "members.nodes"), name) {
			t.Errorf("%s is not under %s: %q", name, letter, names(g, "members.nodes"))
		}
	}
	// Group O in order: O'Connor, Ødegaard, Okafor (apostrophes and strokes ignored).
	g := s.MustQuery("", `{ members(first: 100, filter: {initial: "O"}) { nodes { name } } }`, nil)
	if got := names(g, "members.nodes"); !slices.Equal(got, []string{"Ana-María O'Connor", "Søren Ødegaard", "Amara Okafor"}) {
		t.Errorf("group O = %q", got)
	}
	for _, bad := range []string{"AB", "1", "é", ""} {
		if r := s.Query("", `query($l: String) { members(filter: {initial: $l}) { totalCount } }`, map[string]any{"l": bad}); r.Code() != "BAD_USER_INPUT" {
			t.Errorf("initial %q: %s", bad, r.Code())
		}
	}
}

func searchSlugs(t *testing.T, s *testServer, q string, extra string) []string {
	t.Helper()
	d := s.MustQuery("", `query($q: String) { posts(first: 100, filter: {search: $q}`+extra+`) { totalCount nodes { slug } } }`, map[string]any{"q": q})
	var out []string
	for _, n := range list(d, "posts.nodes") {
		out = append(out, str(n, "slug"))
	}
	if num(d, "posts.totalCount") != len(out) {
		t.Errorf("search %q: totalCount %d, %d nodes", q, num(d, "posts.totalCount"), len(out))
	}
	return out
}

func postsBy(slug string) []string {
	var out []string
	for _, p := range livePosts() {
		if p.AuthorSlug == slug {
			out = append(out, p.Slug)
		}
	}
	return out
}

func TestSearch(t *testing.T) {
	s := MustRunServer(t)
	// Spellings that must find the same posts, in the same order.
	for _, group := range [][]string{
		{"zoë ångström", "ZOE ANGSTROM", "Zoe Ångstrom", "zoë ÅNGSTRÖM"},
		{"josé núñez", "JOSE NUNEZ", "jose nunez"},
		{"łucja wiśniewska", "LUCJA WISNIEWSKA"},
		{"supervision", "SUPERVISION", "Supervisión", "supervision.*", "(supervision)"},
		{"o'connor", "O’CONNOR", "oconnor"},
	} {
		first := searchSlugs(t, s, group[0], "")
		if len(first) == 0 {
			t.Fatalf("search %q found nothing", group[0])
		}
		for _, q := range group[1:] {
			if got := searchSlugs(t, s, q, ""); !slices.Equal(got, first) {
				t.Errorf("search %q = %v\nbut %q = %v", q, got, group[0], first)
			}
		}
	}
	// An author's full name finds their posts, ranked before posts that only mention them.
	for _, m := range []string{"zoe-angstrom", "jose-nunez", "soren-odegaard"} {
		got := searchSlugs(t, s, demoMember(m).Name, "")
		want := postsBy(m)
		first := slices.Clone(got[:min(len(want), len(got))])
		slices.Sort(first)
		slices.Sort(want)
		if !slices.Equal(first, want) {
			t.Errorf("search for %s = %v, want their posts %v first", demoMember(m).Name, got, want)
		}
	}
	// The last word is also a prefix.
	full, prefix := searchSlugs(t, s, "supervision", ""), searchSlugs(t, s, "supervis", "")
	for _, slug := range full {
		if !slices.Contains(prefix, slug) {
			t.Errorf("%s matches supervision but not supervis", slug)
		}
	}
	// Ranked: posts with the word in the title come before those with it only elsewhere.
	d := s.MustQuery("", `{ posts(first: 100, filter: {search: "supervision"}) { nodes { title publishedAt } } }`, nil)
	inTitle := true
	for _, n := range list(d, "posts.nodes") {
		has := strings.Contains(strings.ToLower(str(n, "title")), "supervision")
		if has && !inTitle {
			t.Errorf("%q (title match) ranks below a post without the word in its title", str(n, "title"))
		}
		inTitle = inTitle && has
	}
	if !strings.Contains(strings.ToLower(str(d, "posts.nodes.0.title")), "supervision") {
		t.Errorf("first result %q", str(d, "posts.nodes.0.title"))
	}
	// An explicit order only filters; RELEVANCE asks for the default.
	byTitle := s.MustQuery("", `{ posts(first: 100, filter: {search: "supervision"}, orderBy: {field: TITLE, direction: ASC}) { nodes { slug title } } }`, nil)
	var titles, slugs []string
	for _, n := range list(byTitle, "posts.nodes") {
		titles, slugs = append(titles, strings.ToLower(str(n, "title"))), append(slugs, str(n, "slug"))
	}
	slices.Sort(slugs)
	sortedFull := slices.Clone(full)
	slices.Sort(sortedFull)
	if !slices.IsSorted(titles) || !slices.Equal(slugs, sortedFull) {
		t.Errorf("by title: %q", titles)
	}
	if got := searchSlugs(t, s, "supervision", `, orderBy: {field: RELEVANCE}`); !slices.Equal(got, full) {
		t.Errorf("orderBy RELEVANCE = %v, want %v", got, full)
	}
	// Pages of a ranked search, walked with cursors, are the ranking cut in pieces.
	var walked []string
	vars := map[string]any{"q": "supervision"}
	for page := 0; page < 50; page++ {
		d := s.MustQuery("", `query($q: String, $after: String) { posts(first: 3, after: $after, filter: {search: $q}) { nodes { slug } pageInfo { hasNextPage endCursor } } }`, vars)
		for _, n := range list(d, "posts.nodes") {
			walked = append(walked, str(n, "slug"))
		}
		if get(d, "posts.pageInfo.hasNextPage") != true {
			break
		}
		vars["after"] = str(d, "posts.pageInfo.endCursor")
	}
	if !slices.Equal(walked, full) {
		t.Errorf("walk = %v\nwant   %v", walked, full)
	}
	// Drafts and scheduled posts are never found by an anonymous search.
	for _, p := range fixture.Posts {
		if p.Status == guildhall.PostPublished && !p.PublishedAt.After(fixtureNow) {
			continue
		}
		if slices.Contains(searchSlugs(t, s, p.Title, ""), p.Slug) {
			t.Errorf("anonymous search finds %s (%s)", p.Slug, p.Status)
		}
	}
	// Members-only posts are found, as teasers.
	teaser := fixturePost(func(p demo.Post) bool {
		return p.Visibility == guildhall.VisibilityMembers && p.Status == guildhall.PostPublished && !p.PublishedAt.After(fixtureNow)
	})
	d = s.MustQuery("", `query($q: String) { posts(first: 1, filter: {search: $q}) { nodes { slug body { html } } } }`, map[string]any{"q": teaser.Title})
	if str(d, "posts.nodes.0.slug") != teaser.Slug || get(d, "posts.nodes.0.body") != nil {
		t.Errorf("members-only post in search: %v", dump(d))
	}

	cursor := str(s.MustQuery("", `{ posts(first: 1, filter: {search: "supervision"}) { pageInfo { endCursor } } }`, nil), "posts.pageInfo.endCursor")
	runScenarios(t, s, []scenario{
		{name: "200 characters", query: `query($q: String) { posts(filter: {search: $q}) { totalCount } }`, vars: map[string]any{"q": strings.Repeat("é", 200)}},
		{name: "201 characters", query: `query($q: String) { posts(filter: {search: $q}) { totalCount } }`, vars: map[string]any{"q": strings.Repeat("a", 201)},
			wantCode: "BAD_USER_INPUT", errCheck: fieldsInclude("filter.search")},
		{name: "21 words", query: `query($q: String) { posts(filter: {search: $q}) { totalCount } }`, vars: map[string]any{"q": strings.Repeat("a ", 21)},
			wantCode: "BAD_USER_INPUT", errCheck: fieldsInclude("filter.search")},
		{name: "relevance without a search", query: `{ posts(orderBy: {field: RELEVANCE}) { totalCount } }`,
			wantCode: "BAD_USER_INPUT", errCheck: fieldsInclude("orderBy.field")},
		{name: "a cursor from another search", query: `query($c: String) { posts(after: $c, filter: {search: "ethics"}) { totalCount } }`,
			vars: map[string]any{"c": cursor}, wantCode: "BAD_USER_INPUT", errCheck: fieldsInclude("after")},
		{name: "a search cursor in the plain list", query: `query($c: String) { posts(after: $c) { totalCount } }`,
			vars: map[string]any{"c": cursor}, wantCode: "BAD_USER_INPUT"},
		{name: "query syntax is literal", query: `{ posts(filter: {search: "\"supervision\" OR 1=1 --"}) { totalCount } }`,
			check: func(t *testing.T, d any) {
				if num(d, "posts.totalCount") != 0 {
					t.Errorf("got %d posts for words that occur in no post together", num(d, "posts.totalCount"))
				}
			}},
	})
}

func fieldsInclude(name string) func(t *testing.T, e *gqlError) {
	return func(t *testing.T, e *gqlError) {
		if f, _ := e.Extensions["fields"].(map[string]any); f[name] == nil {
			t.Errorf("fields = %v, want %s", e.Extensions["fields"], name)
		}
	}
}

// related(first:) lists posts sharing tags (2 points each) or the author (1 point), most
// related then newest first, never the post itself, only live posts.
func TestRelated(t *testing.T) {
	s := MustRunServer(t)
	live := livePosts()
	for _, self := range []demo.Post{live[0], live[7], live[30]} {
		type scored struct {
			p     demo.Post
			score int
		}
		var want []scored
		for _, p := range live {
			if p.Slug == self.Slug {
				continue
			}
			score := 0
			for _, tag := range p.Tags {
				if slices.Contains(self.Tags, tag) {
					score += 2
				}
			}
			if p.AuthorSlug == self.AuthorSlug {
				score++
			}
			if score > 0 {
				want = append(want, scored{p, score})
			}
		}
		slices.SortStableFunc(want, func(a, b scored) int { return cmp.Or(b.score-a.score, b.p.PublishedAt.Compare(a.p.PublishedAt)) })
		d := s.MustQuery("", `query($s: String) { post(slug: $s) { related(first: 5) { slug status } } }`, map[string]any{"s": self.Slug})
		var got, wantSlugs []string
		for _, r := range list(d, "post.related") {
			got = append(got, str(r, "slug"))
			if str(r, "status") != "PUBLISHED" {
				t.Errorf("related %s is %s", str(r, "slug"), str(r, "status"))
			}
		}
		for _, w := range want[:min(5, len(want))] {
			wantSlugs = append(wantSlugs, w.p.Slug)
		}
		if !slices.Equal(got, wantSlugs) {
			t.Errorf("related to %s = %v, want %v", self.Slug, got, wantSlugs)
		}
	}
	if r := s.Query("", `query($s: String) { post(slug: $s) { related(first: 101) { slug } } }`, map[string]any{"s": live[0].Slug}); r.Code() != "BAD_USER_INPUT" {
		t.Errorf("related(first: 101): %s", r.Code())
	}
}
