package graph

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// The transports answer what gqlgen's answer: the same status, content type and JSON, for
// successes and for every kind of refusal. (Only the escaping of <, > and & may differ.)
func TestTransportsAnswerAsGqlgens(t *testing.T) {
	schema := NewExecutableSchema(Config{Resolvers: &Resolver{}})
	ours, theirs := handler.New(schema), handler.New(schema)
	ours.AddTransport(getTransport{})
	ours.AddTransport(postTransport{})
	theirs.AddTransport(transport.GET{})
	theirs.AddTransport(transport.POST{})

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
	for name, req := range map[string]func() *http.Request{
		"POST query":                  func() *http.Request { return post(`{"query":"{ __typename a: __typename }"}`, "") },
		"POST with variables":         func() *http.Request { return post(`{"query":"query($x: Int) { __typename }","variables":{"x":1}}`, "") },
		"POST syntax error":           func() *http.Request { return post(`{"query":"{ __typename "}`, "") },
		"POST unknown field":          func() *http.Request { return post(`{"query":"{ nope }"}`, "") },
		"POST unknown field, GraphQL": func() *http.Request { return post(`{"query":"{ nope }"}`, "application/graphql-response+json") },
		"POST any type":               func() *http.Request { return post(`{"query":"{ __typename }"}`, "text/html, */*") },
		"POST bad JSON":               func() *http.Request { return post(`{"query":`, "") },
		"POST two operations":         func() *http.Request { return post(`{"query":"query A { __typename } query B { __typename }"}`, "") },
		"GET query":                   func() *http.Request { return get(q) },
		"GET bad variables":           func() *http.Request { return get(q + "&variables=%7B") },
		"GET bad extensions":          func() *http.Request { return get(q + "&extensions=%7B") },
		"GET mutation":                func() *http.Request { return get(url.Values{"query": {"mutation { logout }"}}.Encode()) },
		"GET bad query string":        func() *http.Request { return get("query=%zz") },
	} {
		t.Run(name, func(t *testing.T) {
			got, want := httptest.NewRecorder(), httptest.NewRecorder()
			ours.ServeHTTP(got, req())
			theirs.ServeHTTP(want, req())
			if got.Code != want.Code || got.Header().Get("Content-Type") != want.Header().Get("Content-Type") {
				t.Errorf("status %d, %q; gqlgen: %d, %q", got.Code, got.Header().Get("Content-Type"), want.Code, want.Header().Get("Content-Type"))
			}
			var g, w any
			if err := json.Unmarshal(got.Body.Bytes(), &g); err != nil {
				t.Fatalf("answer is not JSON: %v: %s", err, got.Body.String())
			}
			_ = json.Unmarshal(want.Body.Bytes(), &w)
			if !reflect.DeepEqual(g, w) {
				t.Errorf("answer %s\ngqlgen  %s", got.Body.String(), want.Body.String())
			}
		})
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
