package app_test

import (
	"fmt"
	"slices"
	"testing"
)

// Tags over HTTP: spellings with one slug are one tag, saved on later posts with the first
// spelling, in the order the author gave; the list counts published posts (readers see only
// tags that have one, staff every tag); search, pages and mistakes answer as documented.
func TestTagList(t *testing.T) {
	s := MustRunServer(t)
	author := memberIDBySlug(s, "zoe-angstrom")
	create := func(title string, tags ...string) (string, []any) {
		d := s.MustQuery(adminToken, `mutation($t: String!, $a: ID, $tags: [String!]) { createPost(input: {title: $t, body: "<p>x</p>", authorId: $a, tags: $tags}) { id tags } }`,
			map[string]any{"t": title, "a": author, "tags": tags})
		return str(d, "createPost.id"), list(d, "createPost.tags")
	}
	first, _ := create("Wombat care, part one", "Wombat Care", "Burrows")
	second, tags := create("Wombat care, part two", "zoo", "wombat-care", "WOMBAT CARE", "burrows")
	if want := []any{"zoo", "Wombat Care", "Burrows"}; !slices.Equal(tags, want) {
		t.Errorf("saved tags %v, want %v (first spellings, order kept, repeats dropped)", tags, want)
	}
	draftOnly, _ := create("Wombat notes", "Wombat Diary")
	for _, id := range []string{first, second} {
		s.MustQuery(adminToken, `mutation($id: ID!) { publishPost(id: $id) { status } }`, map[string]any{"id": id})
	}
	_ = draftOnly

	const q = `query($s: String, $first: Int, $after: String) { tags(first: $first, after: $after, filter: {search: $s}) {
		totalCount nodes { name slug postCount } pageInfo { hasNextPage endCursor } } }`
	names := func(d any) []string {
		var out []string
		for _, n := range list(d, "tags.nodes") {
			out = append(out, fmt.Sprintf("%s/%s/%d", str(n, "name"), str(n, "slug"), num(n, "postCount")))
		}
		return out
	}
	if got, want := names(s.MustQuery("", q, map[string]any{"s": "wombat"})), []string{"Wombat Care/wombat-care/2"}; !slices.Equal(got, want) {
		t.Errorf("readers: %v, want %v", got, want)
	}
	if got, want := names(s.MustQuery(adminToken, q, map[string]any{"s": "wom"})), []string{"Wombat Care/wombat-care/2", "Wombat Diary/wombat-diary/0"}; !slices.Equal(got, want) {
		t.Errorf("staff: %v, want %v", got, want)
	}
	if d := s.MustQuery("", `{ posts(filter: {tag: "wombat-care"}) { totalCount } }`, nil); num(d, "posts.totalCount") != 2 {
		t.Errorf("posts by the tag's slug: %v", dump(d))
	}
	// Every tag, page by page, in slug order, each once.
	var all []string
	after := any(nil)
	for range 100 {
		d := s.MustQuery("", q, map[string]any{"first": 7, "after": after})
		for _, n := range list(d, "tags.nodes") {
			all = append(all, str(n, "slug"))
		}
		if get(d, "tags.pageInfo.hasNextPage") != true {
			if num(d, "tags.totalCount") != len(all) {
				t.Errorf("totalCount %d, walked %d", num(d, "tags.totalCount"), len(all))
			}
			break
		}
		after = str(d, "tags.pageInfo.endCursor")
	}
	if len(all) < 3 || !slices.IsSorted(all) || len(slices.Compact(slices.Clone(all))) != len(all) || !slices.Contains(all, "burrows") {
		t.Errorf("walked %v", all)
	}
	runScenarios(t, s, []scenario{
		{name: "a tag with no letter or digit", token: adminToken,
			query: `mutation($a: ID) { createPost(input: {title: "Party", body: "<p>x</p>", authorId: $a, tags: ["🎉"]}) { id } }`,
			vars:  map[string]any{"a": author}, wantCode: "BAD_USER_INPUT", errCheck: fieldsInclude("tags")},
		{name: "too many tags asked for", query: q, vars: map[string]any{"first": 101}, wantCode: "BAD_USER_INPUT", errCheck: fieldsInclude("first")},
		{name: "a cursor from elsewhere", query: q, vars: map[string]any{"after": "eyJvIjoieCJ9"}, wantCode: "BAD_USER_INPUT", errCheck: fieldsInclude("after")},
		{name: "a search too long", query: q, vars: map[string]any{"s": string(make([]byte, 201))}, wantCode: "BAD_USER_INPUT", errCheck: fieldsInclude("filter.search")},
	})
}
