package app_test

import (
	"bufio"
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Request errors carry the codes clients' error links check (gqlgen's and Apollo's), keep the
// parser's or validator's words in extensions.fields, and answer with the GraphQL over HTTP
// specification's statuses: 200 under application/json, 400 under
// application/graphql-response+json, and never a "data" entry, since nothing was executed.
func TestRequestErrorsFollowTheConventions(t *testing.T) {
	s := MustRunServer(t)
	for _, c := range []struct {
		name, query, operationName string
		vars                       map[string]any
		code, field, says          string
	}{
		{name: "syntax error", query: `{ posts { `, code: "GRAPHQL_PARSE_FAILED", field: "query", says: "Expected"},
		{name: "unknown field", query: `{ posts { nodes { nope } } }`, code: "GRAPHQL_VALIDATION_FAILED", field: "query", says: `"nope"`},
		{name: "wrong argument type", query: `{ posts(first: "ten") { totalCount } }`, code: "GRAPHQL_VALIDATION_FAILED", field: "query", says: "Int"},
		{name: "variable of the wrong type", query: `query($o: PostOrder) { posts(orderBy: $o) { totalCount } }`,
			vars: map[string]any{"o": map[string]any{"field": "NOPE"}}, code: "BAD_USER_INPUT", field: "variables.o.field", says: "NOPE"},
		{name: "two operations, no operationName", query: `query Front { viewer { role } } query Directory { memberDirectory { letter } }`,
			code: "GRAPHQL_VALIDATION_FAILED", field: "operationName", says: `"Front", "Directory"`},
		{name: "an operationName the document lacks", query: `query Front { viewer { role } } query Directory { memberDirectory { letter } }`,
			operationName: "Back", code: "GRAPHQL_VALIDATION_FAILED", field: "operationName", says: `no operation named "Back". The document's operations: "Front", "Directory"`},
	} {
		for accept, status := range map[string]int{"application/json": http.StatusOK, "application/graphql-response+json": http.StatusBadRequest} {
			t.Run(c.name+", "+accept, func(t *testing.T) {
				body, _ := json.Marshal(map[string]any{"query": c.query, "variables": c.vars, "operationName": c.operationName})
				req, _ := http.NewRequest(http.MethodPost, s.URL+"/graphql", strings.NewReader(string(body)))
				req.Header.Set("Content-Type", "application/json")
				req.Header.Set("Accept", accept)
				res := s.raw(req)
				var answer struct {
					Data   *json.RawMessage `json:"data"`
					Errors []gqlError       `json:"errors"`
				}
				if err := json.Unmarshal([]byte(res.Body), &answer); err != nil || len(answer.Errors) != 1 {
					t.Fatalf("answer %s", res.Body)
				}
				if res.Status != status || res.Header.Get("Content-Type") != accept {
					t.Errorf("status %d, %s; want %d, %s", res.Status, res.Header.Get("Content-Type"), status, accept)
				}
				if strings.Contains(res.Body, `"data"`) {
					t.Errorf("an operation that never ran answered a data entry: %s", res.Body)
				}
				e := answer.Errors[0]
				fields, _ := e.Extensions["fields"].(map[string]any)
				if e.Extensions["code"] != c.code || fields[c.field] == nil {
					t.Errorf("extensions %v; want code %s and fields.%s", e.Extensions, c.code, c.field)
				}
				if !strings.Contains(e.Message, c.says) {
					t.Errorf("message %q does not say %q", e.Message, c.says)
				}
			})
		}
	}
}

// graphql-http's auditServer is the GraphQL over HTTP specification's own audit. It is an npm
// package: .ci/run installs it (npm ci in tools/graphql-http-audit); without Node.js or that
// install the test says so and skips. Every check must pass: a warning fails too.
func TestGraphQLOverHTTPAudit(t *testing.T) {
	dir, _ := filepath.Abs(filepath.Join("..", "tools", "graphql-http-audit"))
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("needs Node.js (node) to run graphql-http's audit; .ci/run installs it")
	}
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "graphql-http")); err != nil {
		t.Skipf("needs graphql-http: run `npm ci` in %s (.ci/run does)", dir)
	}
	s := MustRunServer(t)
	cmd := exec.CommandContext(t.Context(), node, "audit.mjs", s.URL+"/graphql")
	cmd.Dir = dir
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, _ := cmd.Output() // exits 1 when a check is not ok: the lines below say which
	ok, checks := 0, 0
	sc := bufio.NewScanner(strings.NewReader(string(out)))
	for sc.Scan() {
		var r struct{ ID, Name, Status, Reason string }
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("audit printed %q: %v", sc.Text(), err)
		}
		checks++
		if r.Status == "ok" {
			ok++
			continue
		}
		t.Errorf("%s %s: %s (%s)", r.Status, r.ID, r.Name, r.Reason)
	}
	if checks < 50 {
		t.Fatalf("the audit ran %d checks: %s", checks, stderr.String())
	}
	t.Logf("graphql-http auditServer: %d of %d checks ok", ok, checks)
}
