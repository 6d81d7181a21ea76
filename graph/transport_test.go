package graph

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// The transports answer what gqlgen's answer: the same content type and JSON, for successes
// and for every kind of refusal (only the escaping of <, > and & may differ), except where the
// GraphQL over HTTP specification says otherwise: an operation that never ran has no "data"
// entry, and its status is 200 for application/json and 400 for
// application/graphql-response+json (gqlgen: 422 and 400, or 200 for a request without a
// query), and a mutation over GET is 405 with Allow: POST (gqlgen: 406). The GET requests
// gqlgen refuses without a code have BAD_USER_INPUT.
func TestTransportsAnswerAsGqlgens(t *testing.T) {
	schema := NewExecutableSchema(Config{Resolvers: &Resolver{}})
	ours, theirs := handler.New(schema), handler.New(schema)
	docs := newDocuments(schema.Schema(), DefaultLimits, false)
	ours.AddTransport(getTransport{docs: docs})
	ours.AddTransport(postTransport{docs: docs})
	ours.SetQueryCache(preparedCache{})
	theirs.AddTransport(transport.GET{})
	theirs.AddTransport(transport.POST{})
	theirs.SetQueryCache(lru.New[*ast.QueryDocument](100))
	theirs.Use(extension.AutomaticPersistedQuery{Cache: lru.New[string](100)})

	get := func(query string) *http.Request {
		return httptest.NewRequest(http.MethodGet, "/graphql?"+query, nil)
	}
	post := func(body, accept string) *http.Request {
		r := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(body))
		r.Header.Set("Content-Type", "application/json")
		if accept != "" {
			r.Header.Set("Accept", accept)
		}
		return r
	}
	q := url.Values{"query": {"{ __typename }"}}.Encode()
	apq := func(query, hash string, version int) string {
		ext, _ := json.Marshal(map[string]any{"persistedQuery": map[string]any{"version": version, "sha256Hash": hash}})
		body, _ := json.Marshal(map[string]any{"query": query, "extensions": json.RawMessage(ext)})
		return string(body)
	}
	const typename = "{ __typename }"
	sum := sha256.Sum256([]byte(typename))
	hash := hex.EncodeToString(sum[:])
	// Both know the persisted query before the requests that send only its hash.
	for _, h := range []*handler.Server{ours, theirs} {
		h.ServeHTTP(httptest.NewRecorder(), post(apq(typename, hash, 1), ""))
	}
	for name, c := range map[string]struct {
		req    func() *http.Request
		status int
	}{
		"POST query":                  {func() *http.Request { return post(`{"query":"{ __typename a: __typename }"}`, "") }, 200},
		"POST with variables":         {func() *http.Request { return post(`{"query":"query($x: Int) { __typename }","variables":{"x":1}}`, "") }, 200},
		"POST syntax error":           {func() *http.Request { return post(`{"query":"{ __typename "}`, "") }, 200},
		"POST syntax error, GraphQL":  {func() *http.Request { return post(`{"query":"{ __typename "}`, "application/graphql-response+json") }, 400},
		"POST unknown field":          {func() *http.Request { return post(`{"query":"{ nope }"}`, "") }, 200},
		"POST unknown field, GraphQL": {func() *http.Request { return post(`{"query":"{ nope }"}`, "application/graphql-response+json") }, 400},
		"POST bad variable": {func() *http.Request {
			return post(`{"query":"query($x: Int) { __typename }","variables":{"x":"one"}}`, "")
		}, 200},
		"POST bad variable, GraphQL": {func() *http.Request {
			return post(`{"query":"query($x: Int) { __typename }","variables":{"x":"one"}}`, "application/graphql-response+json")
		}, 400},
		"POST any type":              {func() *http.Request { return post(`{"query":"{ __typename }"}`, "text/html, */*") }, 200},
		"POST bad JSON":              {func() *http.Request { return post(`{"query":`, "") }, 400},
		"POST two operations":        {func() *http.Request { return post(`{"query":"query A { __typename } query B { __typename }"}`, "") }, 200},
		"GET query":                  {func() *http.Request { return get(q) }, 200},
		"GET bad variables":          {func() *http.Request { return get(q + "&variables=%7B") }, 400},
		"GET bad extensions":         {func() *http.Request { return get(q + "&extensions=%7B") }, 400},
		"GET mutation":               {func() *http.Request { return get(url.Values{"query": {"mutation { logout }"}}.Encode()) }, 405},
		"GET bad query string":       {func() *http.Request { return get("query=%zz") }, 400},
		"an empty GET":               {func() *http.Request { return get("") }, 200},
		"POST persisted, not known":  {func() *http.Request { return post(apq("", "0000", 1), "") }, 200},
		"POST persisted, registered": {func() *http.Request { return post(apq(typename, hash, 1), "") }, 200},
		"POST persisted, known":      {func() *http.Request { return post(apq("", hash, 1), "") }, 200},
		"POST persisted, wrong hash": {func() *http.Request { return post(apq(typename, "0000", 1), "") }, 200},
		"POST persisted, version 2":  {func() *http.Request { return post(apq(typename, hash, 2), "") }, 200},
		"POST persisted, not a map": {func() *http.Request {
			return post(`{"query":"{ __typename }","extensions":{"persistedQuery":3}}`, "")
		}, 200},
	} {
		t.Run(name, func(t *testing.T) {
			got, want := httptest.NewRecorder(), httptest.NewRecorder()
			ours.ServeHTTP(got, c.req())
			theirs.ServeHTTP(want, c.req())
			if got.Code != c.status || got.Header().Get("Content-Type") != want.Header().Get("Content-Type") {
				t.Errorf("status %d, %q; want %d, %q", got.Code, got.Header().Get("Content-Type"), c.status, want.Header().Get("Content-Type"))
			}
			var g, w map[string]any
			if err := json.Unmarshal(got.Body.Bytes(), &g); err != nil {
				t.Fatalf("answer is not JSON: %v: %s", err, got.Body.String())
			}
			_ = json.Unmarshal(want.Body.Bytes(), &w)
			if strings.HasPrefix(name, "GET ") && name != "GET query" {
				var answer struct{ Errors []gqlerror.Error }
				_ = json.Unmarshal(got.Body.Bytes(), &answer)
				if len(answer.Errors) != 1 || answer.Errors[0].Extensions["code"] != codeBadInput {
					t.Errorf("refusal without BAD_USER_INPUT: %s", got.Body.String())
				}
				if name == "GET mutation" && got.Header().Get("Allow") != http.MethodPost {
					t.Errorf("Allow: %q", got.Header().Get("Allow"))
				}
				return
			}
			if data, ok := w["data"]; ok && data == nil && w["errors"] != nil {
				delete(w, "data") // never executed: no data entry at all
			}
			if name == "POST bad JSON" {
				// On purpose: gqlgen's message quotes the whole body back.
				if got.Body.Len() > 200 || strings.Contains(got.Body.String(), `{\"query\":`) {
					t.Errorf("a body that is not JSON is answered %s", got.Body.String())
				}
				return
			}
			if !reflect.DeepEqual(g, w) {
				t.Errorf("answer %s\ngqlgen  %s", got.Body.String(), want.Body.String())
			}
		})
	}
	// A body without a query is not a GraphQL request (gqlgen: 422, "no operation provided").
	rec := httptest.NewRecorder()
	ours.ServeHTTP(rec, post(`{"qeury":"{ __typename }"}`, ""))
	if rec.Code != http.StatusBadRequest || strings.Contains(rec.Body.String(), `"data"`) || !strings.Contains(rec.Body.String(), "has no query") {
		t.Errorf("a body without a query: %d %s", rec.Code, rec.Body.String())
	}
}

func TestWriteResponse(t *testing.T) {
	hasNext := true
	for _, resp := range []*graphql.Response{
		{Data: json.RawMessage(`{"post":{"title":"<b>&</b>"}}`)},
		{Data: json.RawMessage(`null`), Errors: graphql.ErrorResponse(t.Context(), "nope").Errors},
		{Data: json.RawMessage(`{"a":1}`), Extensions: map[string]any{"cost": 3}},
		{Data: json.RawMessage(`{"a":1}`), HasNext: &hasNext},
		{Errors: graphql.ErrorResponse(t.Context(), "no data").Errors},
	} {
		var b strings.Builder
		writeResponse(&b, resp)
		want, _ := json.Marshal(resp)
		if resp.Data == nil {
			want, _ = json.Marshal(map[string]any{"errors": resp.Errors}) // never executed: no data entry
		}
		var g, w any
		if err := json.Unmarshal([]byte(b.String()), &g); err != nil {
			t.Fatalf("%s is not JSON: %v", b.String(), err)
		}
		_ = json.Unmarshal(want, &w)
		if !reflect.DeepEqual(g, w) {
			t.Errorf("wrote %s, encoding/json writes %s", b.String(), want)
		}
	}
	// The executor leaves empty (not nil) errors and extensions on a plain answer.
	for _, resp := range []*graphql.Response{
		{Data: json.RawMessage(`{"t":"<&>"}`)},
		{Data: json.RawMessage(`{"t":"<&>"}`), Errors: gqlerror.List{}, Extensions: map[string]any{}},
	} {
		var b strings.Builder
		writeResponse(&b, resp)
		if b.String() != `{"data":{"t":"<&>"}}` {
			t.Errorf("data alone written as %s, want it as the executor made it", b.String())
		}
	}
}
