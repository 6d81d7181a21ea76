package app_test

import (
	"bytes"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/guildhall/guildhall/app"
)

// Client mistakes answer with a documented code, never INTERNAL_SERVER_ERROR, and are not
// logged as errors: the log's ERROR level is for bugs an operator must look at.
func TestClientMistakesHaveDocumentedCodes(t *testing.T) {
	var logs bytes.Buffer
	var mu sync.Mutex
	s := MustRunServerLogging(t, lockedWriter{&logs, &mu}, func(c *app.Config) { c.Production = true })
	draft := str(s.MustQuery(adminToken, `mutation($a: ID) { createPost(input: {title: "Mistakes", body: "<p>x</p>", authorId: $a}) { id } }`,
		map[string]any{"a": memberIDBySlug(s, live0Author().Slug)}), "createPost.id")
	member := s.createToken("MEMBER", memberIDBySlug(s, live0Author().Slug))
	author := s.createToken("AUTHOR", memberIDBySlug(s, live0Author().Slug))
	editor := s.createToken("EDITOR", "")
	for _, tc := range []struct {
		name, token, query string
		vars               map[string]any
		code, field        string // field: a key of extensions.fields that must be present
	}{
		{"invalid Time literal", adminToken, `mutation($id: ID!) { publishPost(id: $id, publishAt: "next tuesday") { id } }`, map[string]any{"id": draft}, "BAD_USER_INPUT", "publishAt"},
		{"invalid Time variable", adminToken, `mutation($id: ID!, $t: Time) { publishPost(id: $id, publishAt: $t) { id } }`, map[string]any{"id": draft, "t": "2026-13-45T99:00:00Z"}, "BAD_USER_INPUT", "publishAt"},
		{"Time variable of the wrong type", adminToken, `mutation($id: ID!, $t: Time) { publishPost(id: $id, publishAt: $t) { id } }`, map[string]any{"id": draft, "t": 12}, "BAD_USER_INPUT", "publishAt"},
		{"invalid Time in a filter", "", `{ posts(filter: {publishedAfter: "soon"}) { totalCount } }`, nil, "BAD_USER_INPUT", "publishedAfter"},
		{"Time without an offset", adminToken, `mutation($id: ID!) { publishPost(id: $id, publishAt: "2026-06-15 09:00:00") { id } }`, map[string]any{"id": draft}, "BAD_USER_INPUT", "publishAt"},
		{"empty Time", adminToken, `mutation($id: ID!) { publishPost(id: $id, publishAt: "") { id } }`, map[string]any{"id": draft}, "BAD_USER_INPUT", "publishAt"},
		{"publishAt after 2200", adminToken, `mutation($id: ID!) { publishPost(id: $id, publishAt: "2300-01-01T00:00:00Z") { id } }`, map[string]any{"id": draft}, "BAD_USER_INPUT", "publishAt"},
		{"invalid Time in a filter variable", "", `query($t: Time) { posts(filter: {publishedBefore: $t}) { totalCount } }`, map[string]any{"t": "yesterday"}, "BAD_USER_INPUT", "publishedBefore"},
		{"zero publishAt", adminToken, `mutation($id: ID!) { publishPost(id: $id, publishAt: "0001-01-01T00:00:00Z") { id status publishedAt } }`, map[string]any{"id": draft}, "BAD_USER_INPUT", "publishAt"},
		{"publishAt before 1970", adminToken, `mutation($id: ID!) { publishPost(id: $id, publishAt: "1969-12-31T23:59:59Z") { id status publishedAt } }`, map[string]any{"id": draft}, "BAD_USER_INPUT", "publishAt"},
		{"introspection, anonymous", "", `{ __schema { queryType { name } } }`, nil, "UNAUTHENTICATED", ""},
		{"introspection of a type, anonymous", "", `{ __type(name: "Post") { name } }`, nil, "UNAUTHENTICATED", ""},
		{"introspection in a fragment, anonymous", "", `query { ...Q } fragment Q on Query { __schema { types { name } } }`, nil, "UNAUTHENTICATED", ""},
		{"introspection, member", member, `{ __schema { queryType { name } } }`, nil, "FORBIDDEN", ""},
		{"introspection, author", author, `{ __type(name: "Post") { name } }`, nil, "FORBIDDEN", ""},
		{"unknown field", "", `{ postz { id } }`, nil, "GRAPHQL_VALIDATION_FAILED", "query"},
		{"unknown argument", "", `{ posts(frist: 5) { totalCount } }`, nil, "GRAPHQL_VALIDATION_FAILED", "query"},
		{"unknown enum value", "", `{ posts(orderBy: {field: PUBLISHED}) { totalCount } }`, nil, "GRAPHQL_VALIDATION_FAILED", "query"},
		{"unknown input field", "", `{ posts(filter: {serch: "x"}) { totalCount } }`, nil, "GRAPHQL_VALIDATION_FAILED", "query"},
		{"unknown type", "", `query($f: PostFiltr) { posts(filter: $f) { totalCount } }`, nil, "GRAPHQL_VALIDATION_FAILED", "query"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := s.Query(tc.token, tc.query, tc.vars)
			if r.Code() != tc.code {
				t.Fatalf("code %q, want %q: %+v", r.Code(), tc.code, r.Errors)
			}
			if tc.field != "" {
				if _, ok := fieldsOf(r.Errors[0])[tc.field]; !ok {
					t.Errorf("extensions.fields has no %q: %+v", tc.field, r.Errors[0].Extensions)
				}
			}
			// Production never suggests names of the schema.
			if msg := dump(r.Errors); strings.Contains(msg, "Did you mean") || strings.Contains(msg, "publishedAfter") && !strings.Contains(tc.query, "publishedAfter") {
				t.Errorf("suggestions in production: %s", msg)
			}
		})
	}
	// Staff keep introspection in production, for the Playground's docs and completion.
	for _, token := range []string{editor, adminToken} {
		if d := s.MustQuery(token, `{ __schema { queryType { name } } t: __type(name: "Post") { name } }`, nil); str(d, "__schema.queryType.name") != "Query" || str(d, "t.name") != "Post" {
			t.Errorf("staff introspection: %s", dump(d))
		}
	}
	// Nothing was published by the refused publishAt.
	if d := s.MustQuery(adminToken, `query($id: ID) { post(id: $id) { status publishedAt } }`, map[string]any{"id": draft}); str(d, "post.status") != "DRAFT" {
		t.Errorf("after refused publishAt: %s", dump(d))
	}

	// A mutation sent over GET is refused with 405 and a code.
	q := url.Values{"query": {`mutation { logout }`}}
	req, _ := http.NewRequest(http.MethodGet, s.URL+"/graphql?"+q.Encode(), nil)
	r := s.do(req)
	if r.Status != http.StatusMethodNotAllowed || r.Code() != "BAD_USER_INPUT" || r.Header.Get("Allow") != "POST" {
		t.Errorf("mutation over GET: %d %q Allow=%q %+v", r.Status, r.Code(), r.Header.Get("Allow"), r.Errors)
	}

	mu.Lock()
	defer mu.Unlock()
	for _, line := range strings.Split(logs.String(), "\n") {
		if strings.Contains(line, "level=ERROR") {
			t.Errorf("a client mistake logged as an error: %s", line)
		}
	}
}
