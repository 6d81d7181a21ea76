package app_test

import (
	"slices"
	"strings"
	"testing"
)

// A word that only the hidden part of a members-only body holds (past its 50-word excerpt)
// cannot be found, counted or read by anyone who may read only the teaser, on any path: search
// (whole word, prefix, with other words, ranked or ordered), totalCount, related posts, the
// member directory, member search, feeds. Readers of the body find it.
func TestHiddenBodyWordsDoNotLeak(t *testing.T) {
	s := MustRunServer(t)
	p := setupPeople(t, s)
	live := livePosts()
	const word = "quartzviolet"
	probe := func(token string) map[string]any {
		return s.MustQuery(token, `query($w: String, $p: String, $two: String) {
			whole: posts(first: 100, filter: {search: $w}) { totalCount nodes { id } }
			prefix: posts(first: 100, filter: {search: $p}) { totalCount nodes { id } }
			two: posts(first: 100, filter: {search: $two}) { totalCount nodes { id } }
			ordered: posts(first: 100, filter: {search: $w}, orderBy: {field: TITLE, direction: ASC}) { totalCount nodes { id } }
			members(first: 100, filter: {search: $w}) { totalCount }
			memberDirectory { letter count } }`,
			map[string]any{"w": word, "p": "quartzv", "two": "opening " + word})
	}
	teaserOnly := []struct{ name, token string }{{"anonymous", ""}, {"lapsed member", p.lapsed}, {"membership service", p.service}}
	before := map[string]string{}
	for _, c := range teaserOnly {
		before[c.name] = dump(probe(c.token))
	}

	filler := strings.Repeat("more words for the excerpt to hold ", 10) // 70 words
	id := str(s.MustQuery(adminToken, `mutation($a: ID, $t: [String!], $b: String!) {
		createPost(input: {title: "Members briefing", body: $b, authorId: $a, tags: $t, visibility: MEMBERS}) { id } }`,
		map[string]any{"a": p.authorID, "t": live[0].Tags, "b": "<p>Opening words. " + filler + "Then " + word + " in the minutes.</p>"}), "createPost.id")
	s.MustQuery(adminToken, `mutation($id: ID!) { publishPost(id: $id) { id } }`, map[string]any{"id": id})
	excerpt := str(s.MustQuery("", `query($id: ID) { post(id: $id) { excerpt } }`, map[string]any{"id": id}), "post.excerpt")
	if excerpt == "" || strings.Contains(excerpt, word) {
		t.Fatalf("the excerpt must be public text without the word: %q", excerpt)
	}

	for _, c := range teaserOnly {
		t.Run(c.name, func(t *testing.T) {
			after := probe(c.token)
			if got := dump(after); got != before[c.name] {
				t.Errorf("answers changed with a hidden word:\n%s\nwas\n%s", got, before[c.name])
			}
			if num(after, "whole.totalCount") != 0 || num(after, "prefix.totalCount") != 0 {
				t.Errorf("hidden word found: %s", dump(after))
			}
			// The teaser itself is listed and found by its public words.
			d := s.MustQuery(c.token, `{ posts(first: 100, filter: {search: "members briefing opening"}) { totalCount nodes { id } } }`, nil)
			if num(d, "posts.totalCount") != 1 || str(d, "posts.nodes.0.id") != id {
				t.Errorf("teaser not found by its public text: %s", dump(d))
			}
		})
	}
	for _, c := range []struct{ name, token string }{{"member", p.member}, {"author", p.author}, {"editor", p.editor}, {"admin", adminToken}} {
		d := probe(c.token)
		for _, path := range []string{"whole", "prefix", "two", "ordered"} {
			if ids := list(d, path+".nodes"); num(d, path+".totalCount") != 1 || len(ids) != 1 || str(ids[0], "id") != id {
				t.Errorf("%s: %s = %s, want the members-only post", c.name, path, dump(get(d, path)))
			}
		}
	}
	// Feeds list the teaser (title and excerpt), never the hidden body.
	author := ""
	for _, m := range fixture.Members {
		if memberIDBySlug(s, m.Slug) == p.authorID {
			author = m.Slug
		}
	}
	for _, path := range []string{"/feeds/posts.rss", "/feeds/posts.atom", "/feeds/posts.json", "/feeds/members/" + author + ".json", "/feeds/tags/" + live[0].Tags[0] + ".atom"} {
		res, body := s.fetch("GET", path)
		if res.StatusCode != 200 || !strings.Contains(string(body), "Members briefing") {
			t.Errorf("%s: %d, teaser missing", path, res.StatusCode)
		}
		if strings.Contains(string(body), word) {
			t.Errorf("%s holds the hidden word", path)
		}
	}
	if ids := list(s.MustQuery("", `query($s: String) { post(slug: $s) { related(first: 100) { id } } }`, map[string]any{"s": live[0].Slug}), "post.related"); !slices.ContainsFunc(ids, func(v any) bool { return str(v, "id") == id }) {
		t.Errorf("the teaser shares a tag and the author, and is not related: %v", ids)
	}
}
