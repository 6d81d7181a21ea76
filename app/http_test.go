package app_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/guildhall/guildhall/app"
	"github.com/guildhall/guildhall/embedded/embeddedtest"
)

func httpDo(t *testing.T, req *http.Request) (*http.Response, string) {
	t.Helper()
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res, string(body)
}

func TestCORS(t *testing.T) {
	s := MustRunServer(t, func(c *app.Config) { c.CORSOrigins = []string{"https://www.northfield.example"} })
	preflight := func(origin string) *http.Response {
		req, _ := http.NewRequest(http.MethodOptions, s.URL+"/graphql", nil)
		req.Header.Set("Origin", origin)
		req.Header.Set("Access-Control-Request-Method", "POST")
		req.Header.Set("Access-Control-Request-Headers", "authorization, content-type")
		res, _ := httpDo(t, req)
		return res
	}
	ok := preflight("https://www.northfield.example")
	if ok.Header.Get("Access-Control-Allow-Origin") != "https://www.northfield.example" || ok.StatusCode >= 300 {
		t.Errorf("allowed origin: status %d, headers %v", ok.StatusCode, ok.Header)
	}
	if h := strings.ToLower(ok.Header.Get("Access-Control-Allow-Headers")); !strings.Contains(h, "authorization") {
		t.Errorf("Authorization not allowed: %q", h)
	}
	bad := preflight("https://evil.example")
	if v := bad.Header.Get("Access-Control-Allow-Origin"); v != "" {
		t.Errorf("other origin got Access-Control-Allow-Origin %q", v)
	}
	// A simple cross-origin POST from the allowed origin carries the header too.
	req, _ := http.NewRequest(http.MethodPost, s.URL+"/graphql", strings.NewReader(`{"query":"{ viewer { scopes } }"}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Origin", "https://www.northfield.example")
	res, _ := httpDo(t, req)
	if res.Header.Get("Access-Control-Allow-Origin") != "https://www.northfield.example" {
		t.Errorf("POST from allowed origin: %v", res.Header)
	}
}

func TestHealthAndReadiness(t *testing.T) {
	db := embeddedtest.Start(t)
	s := MustRunServer(t, func(c *app.Config) { c.MongoURI = db.URI() })
	for _, path := range []string{"/healthz", "/readyz"} {
		req, _ := http.NewRequest(http.MethodGet, s.URL+path, nil)
		if res, body := httpDo(t, req); res.StatusCode != http.StatusOK {
			t.Errorf("%s = %d %q", path, res.StatusCode, body)
		}
	}
	req, _ := http.NewRequest(http.MethodGet, s.URL+"/metrics", nil)
	if res, body := httpDo(t, req); res.StatusCode != http.StatusOK || !strings.Contains(body, "guildhall_http_requests_total") {
		t.Errorf("/metrics = %d, missing request counter", res.StatusCode)
	}

	_ = db.Close() // the database goes away
	req, _ = http.NewRequest(http.MethodGet, s.URL+"/readyz", nil)
	if res, body := httpDo(t, req); res.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("/readyz without a database = %d %q, want 503", res.StatusCode, body)
	}
	req, _ = http.NewRequest(http.MethodGet, s.URL+"/healthz", nil)
	if res, _ := httpDo(t, req); res.StatusCode != http.StatusOK {
		t.Errorf("/healthz must stay up: %d", res.StatusCode)
	}
	// Reads still come from memory; a write reports the outage instead of hanging or a 500.
	if d := s.MustQuery("", `{ posts(first: 1) { totalCount } }`, nil); num(d, "posts.totalCount") == 0 {
		t.Error("reads failed without the database")
	}
}

// Everything written survives a restart on the same data folder.
func TestRestartKeepsWrites(t *testing.T) {
	dir := t.TempDir()
	cfg := func(c *app.Config) { c.MongoURI = ""; c.DataDir = dir; c.Database = "guildhall" }
	s := MustRunServer(t, cfg)
	authorID := str(s.MustQuery("", `{ member(slug: "christian-billington") { id } }`, nil), "member.id")
	id := str(s.MustQuery(adminToken, `mutation($a: ID) { createPost(input: {title: "Survives restarts", body: "<p>Durable</p>", authorId: $a, tags: ["durability"]}) { id } }`, map[string]any{"a": authorID}), "createPost.id")
	s.MustQuery(adminToken, `mutation($id: ID!) { updatePost(input: {id: $id, expectedVersion: 1, slug: "survives"}) { id } }`, map[string]any{"id": id})
	s.MustQuery(adminToken, `mutation($id: ID!) { publishPost(id: $id) { id } }`, map[string]any{"id": id})
	before := s.MustQuery("", `{ posts(first: 100) { totalCount } members(first: 100) { totalCount } blocks(first: 100) { totalCount } }`, nil)
	s.Stop()

	started := time.Now()
	s2 := MustRunServer(t, cfg)
	t.Logf("restart took %v", time.Since(started))
	d := s2.MustQuery("", `{ post(slug: "survives-restarts") { slug version status tags body { text } }
		posts(first: 100) { totalCount } members(first: 100) { totalCount } blocks(first: 100) { totalCount } }`, nil)
	if str(d, "post.slug") != "survives" || num(d, "post.version") != 3 || str(d, "post.status") != "PUBLISHED" || str(d, "post.body.text") != "Durable" {
		t.Errorf("after restart: %v", dump(d))
	}
	for _, k := range []string{"posts", "members", "blocks"} {
		if num(d, k+".totalCount") != num(before, k+".totalCount") {
			t.Errorf("%s: %d after restart, %d before (the demo must not be seeded twice)", k, num(d, k+".totalCount"), num(before, k+".totalCount"))
		}
	}
}

// Two instances on one database converge: what one writes, the other serves shortly after,
// and a race between them on one version has exactly one winner.
func TestTwoInstances(t *testing.T) {
	db := embeddedtest.Start(t)
	a := MustRunServer(t, func(c *app.Config) { c.MongoURI = db.URI(); c.Database = "shared" })
	b := MustRunServer(t, func(c *app.Config) { c.MongoURI = db.URI(); c.Database = "shared" })
	authorID := str(a.MustQuery("", `{ member(slug: "christian-billington") { id } }`, nil), "member.id")
	id := str(a.MustQuery(adminToken, `mutation($a: ID) { createPost(input: {title: "Written on A", body: "<p>x</p>", authorId: $a}) { id } }`, map[string]any{"a": authorID}), "createPost.id")
	a.MustQuery(adminToken, `mutation($id: ID!) { publishPost(id: $id) { id } }`, map[string]any{"id": id})

	waited := time.Now()
	for {
		r := b.Query("", `query($id: ID) { post(id: $id) { version } }`, map[string]any{"id": id})
		if r.Code() == "" && num(r.Data, "post.version") == 2 {
			break
		}
		if time.Since(waited) > 5*time.Second {
			t.Fatalf("instance B never saw A's write: %+v %v", r.Errors, r.Data)
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Logf("B served A's write after %v", time.Since(waited))

	// Both instances update version 2 at once: exactly one wins.
	results := make(chan string, 2)
	for i, s := range []*testServer{a, b} {
		go func() {
			r := s.Query(adminToken, `mutation($id: ID!, $t: String) { updatePost(input: {id: $id, expectedVersion: 2, title: $t}) { version } }`,
				map[string]any{"id": id, "t": "Edited on " + string(rune('A'+i))})
			results <- r.Code()
		}()
	}
	codes := []string{<-results, <-results}
	wins, conflicts := 0, 0
	for _, c := range codes {
		switch c {
		case "":
			wins++
		case "CONFLICT":
			conflicts++
		}
	}
	if wins != 1 || conflicts != 1 {
		t.Fatalf("codes = %q, want one success and one CONFLICT", codes)
	}
}

func TestRequestRules(t *testing.T) {
	s := MustRunServer(t)
	post := func(contentType, body string, header ...string) (*http.Response, string) {
		req, _ := http.NewRequest(http.MethodPost, s.URL+"/graphql", strings.NewReader(body))
		req.Header.Set("Content-Type", contentType)
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		return httpDo(t, req)
	}
	if res, body := post("text/plain", `{"query":"{ viewer { scopes } }"}`); res.StatusCode != http.StatusUnsupportedMediaType || !strings.Contains(body, "BAD_USER_INPUT") {
		t.Errorf("text/plain POST = %d %s", res.StatusCode, body)
	}
	if res, body := post("application/x-www-form-urlencoded", `query=%7B%7D`); res.StatusCode != http.StatusUnsupportedMediaType {
		t.Errorf("form POST = %d %s", res.StatusCode, body)
	}
	big := `{"query":"{ viewer { scopes } }","variables":{"x":"` + strings.Repeat("a", 2<<20) + `"}}`
	if res, _ := post("application/json", big); res.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("2 MiB body = %d, want 413", res.StatusCode)
	}
	if res, body := post("application/json", `[{"query":"{ viewer { scopes } }"},{"query":"{ viewer { scopes } }"}]`); res.StatusCode != http.StatusBadRequest || !strings.Contains(body, "batched") {
		t.Errorf("batched array = %d %s", res.StatusCode, body)
	}
	if res, body := post("application/json; charset=utf-8", `{"query":"{ viewer { scopes } }"}`); res.StatusCode != http.StatusOK {
		t.Errorf("JSON with charset = %d %s", res.StatusCode, body)
	}
	if res, body := post("application/json", `{"query":"{ viewer { scopes } }"}`, "Authorization", "Basic abc"); res.StatusCode != http.StatusUnauthorized || !strings.Contains(body, "UNAUTHENTICATED") {
		t.Errorf("Basic auth = %d %s", res.StatusCode, body)
	}
	if res, body := post("application/json", `{"query":"{ viewer { scopes } }"}`, "Authorization", "Bearer wrong"); res.StatusCode != http.StatusUnauthorized || !strings.Contains(body, "UNAUTHENTICATED") {
		t.Errorf("wrong token = %d %s", res.StatusCode, body)
	}

	// GET serves queries and refuses mutations.
	get := func(q string) (*http.Response, string) {
		req, _ := http.NewRequest(http.MethodGet, s.URL+"/graphql?query="+url.QueryEscape(q), nil)
		return httpDo(t, req)
	}
	if res, body := get(`{ posts(first: 1) { totalCount } }`); res.StatusCode != http.StatusOK || !strings.Contains(body, "totalCount") {
		t.Errorf("GET query = %d %s", res.StatusCode, body)
	}
	if _, body := get(`mutation { publishPost(id: "x") { id } }`); strings.Contains(body, `"data":{`) || !strings.Contains(body, "errors") {
		t.Errorf("GET mutation was not refused: %s", body)
	}
	req, _ := http.NewRequest(http.MethodPut, s.URL+"/graphql", bytes.NewReader(nil))
	if res, _ := httpDo(t, req); res.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("PUT = %d", res.StatusCode)
	}
}

func TestQueryLimits(t *testing.T) {
	s := MustRunServer(t)
	deep := strings.Repeat("posts { nodes { author { ", 12) + "name" + strings.Repeat(" } } }", 12)
	aliases := ""
	for i := range 500 {
		aliases += " a" + strconv.Itoa(i) + ": viewer { scopes }"
	}
	heavy := `{ posts(first: 100) { nodes { related(first: 100) { author { posts(first: 100) { nodes { title } } } } } } }`
	runScenarios(t, s, []scenario{
		{name: "nested 50 deep", query: "{ " + strings.Repeat("posts { nodes { author { ", 17) + "name" + strings.Repeat(" } } }", 17) + " }", wantCode: "QUERY_TOO_COMPLEX"},
		{name: "nested too deep", query: "{ " + deep + " }", wantCode: "QUERY_TOO_COMPLEX"},
		{name: "500 aliases", query: "{" + aliases + " }", wantCode: "QUERY_TOO_COMPLEX"},
		{name: "too complex", query: heavy, wantCode: "QUERY_TOO_COMPLEX"},
		{name: "10,000 directives", query: "{ viewer " + strings.Repeat("@include(if: true) ", 10000) + "{ scopes } }", wantCode: "GRAPHQL_PARSE_FAILED"},
		{name: "fragments spread exponentially", query: fragmentBomb(30), wantCode: "QUERY_TOO_COMPLEX"},
		{name: "first: 101", query: `{ posts(first: 101) { totalCount } }`, wantCode: "BAD_USER_INPUT"},
		{name: "first: 101 in a variable", query: `query($n: Int) { members(first: $n) { totalCount } }`, vars: map[string]any{"n": 101}, wantCode: "BAD_USER_INPUT"},
		// One JSON document per answer: a deferred fragment would come back as nulls.
		{name: "@defer on an inline fragment", query: `{ posts(first: 2) { nodes { title ... @defer { slug author { name } } } } }`, wantCode: "BAD_USER_INPUT"},
		{name: "@defer on a named fragment", query: "{ posts(first: 2) { nodes { ...P @defer(label: \"p\") } } }\nfragment P on Post { slug }", wantCode: "BAD_USER_INPUT"},
	})
	// Limits are checked before any resolver runs: a mutation carrying an oversized page
	// writes nothing.
	drafts := func() int {
		return num(s.MustQuery(adminToken, `{ posts(filter: {status: DRAFT}) { totalCount } }`, nil), "posts.totalCount")
	}
	before := drafts()
	authorID := memberIDBySlug(s, "christian-billington")
	r := s.Query(adminToken, `mutation($a: ID) { createPost(input: {title: "x", body: "y", authorId: $a}) { author { posts(first: 101) { totalCount } } } }`, map[string]any{"a": authorID})
	if r.Code() != "BAD_USER_INPUT" || drafts() != before {
		t.Errorf("oversized page in a mutation: %+v, drafts %d -> %d", r.Errors, before, drafts())
	}
	deepMutation := `mutation($a: ID) { createPost(input: {title: "x", body: "y", authorId: $a}) { ` + strings.Repeat("author { posts { nodes { ", 6) + "id" + strings.Repeat(" } } }", 6) + ` } }`
	if r := s.Query(adminToken, deepMutation, map[string]any{"a": authorID}); r.Code() != "QUERY_TOO_COMPLEX" || drafts() != before {
		t.Errorf("deep mutation: %+v, drafts %d -> %d", r.Errors, before, drafts())
	}
}

func fragmentBomb(n int) string {
	var b strings.Builder
	b.WriteString("{ viewer { ...F0 } }\n")
	for i := range n {
		b.WriteString("fragment F" + strconv.Itoa(i) + " on Viewer { a" + strconv.Itoa(i) + ": scopes ...F" + strconv.Itoa(i+1) + " ...F" + strconv.Itoa(i+1) + " }\n")
	}
	b.WriteString("fragment F" + strconv.Itoa(n) + " on Viewer { scopes }\n")
	return b.String()
}

// Graceful shutdown lets a request in flight finish. The request is held in its handler (by
// the membership change's failpoint) until the shutdown has begun, so that it is surely in
// flight however slow the machine: a request sent a few milliseconds before did not always
// reach the server first.
func TestGracefulShutdown(t *testing.T) {
	inside, release := make(chan struct{}), make(chan struct{})
	var once sync.Once
	s := MustRunServer(t, func(c *app.Config) {
		c.Failpoint = func(step string) error {
			once.Do(func() { close(inside); <-release })
			return nil
		}
	})
	member := memberIDBySlug(s, "christian-billington")
	body, _ := json.Marshal(map[string]any{"query": renewMutation,
		"variables": map[string]any{"m": member, "p": "professional", "k": "shutdown", "ref": "pay-shutdown"}})
	done := make(chan *http.Response, 1)
	go func() {
		req, _ := http.NewRequest(http.MethodPost, s.URL+"/graphql", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+adminToken)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			done <- nil
			return
		}
		res.Body.Close()
		done <- res
	}()
	select {
	case <-inside:
	case <-time.After(30 * time.Second):
		t.Fatal("the request never reached its handler")
	}
	stopped := make(chan struct{})
	go func() { s.Stop(); close(stopped) }()
	// Once the listener is closed the shutdown has begun; only then may the request go on.
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(5 * time.Millisecond) {
		if _, err := http.Get(s.URL + "/healthz"); err != nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the server still accepts connections while shutting down")
		}
	}
	select {
	case <-stopped:
		t.Fatal("the shutdown did not wait for the request in flight")
	default:
	}
	close(release)
	select {
	case res := <-done:
		if res == nil || res.StatusCode != http.StatusOK {
			t.Errorf("request in flight during shutdown: %v", res)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("request never finished")
	}
	<-stopped
}

func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"', '\\':
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	b.WriteByte('"')
	return b.String()
}

func TestPlayground(t *testing.T) {
	s := MustRunServer(t)
	res, body := httpDo(t, mustRequest(t, http.MethodGet, s.URL+"/playground"))
	if res.StatusCode != http.StatusOK || !strings.Contains(body, "Guildhall Playground") || !strings.Contains(body, "FrontPage") {
		t.Fatalf("/playground = %d", res.StatusCode)
	}
	// The page loads its scripts from this server, not from a CDN.
	if strings.Contains(body, "cdn.") || !strings.Contains(body, "/playground/assets/") {
		t.Errorf("page does not use the embedded assets")
	}
	i := strings.Index(body, "/playground/assets/")
	asset := body[i:]
	asset = asset[:strings.IndexAny(asset, `"'`)]
	if res, _ := httpDo(t, mustRequest(t, http.MethodGet, s.URL+asset)); res.StatusCode != http.StatusOK {
		t.Errorf("%s = %d", asset, res.StatusCode)
	}
}

func mustRequest(t *testing.T, method, url string) *http.Request {
	t.Helper()
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	return req
}

// In production, the schema is not open to exploration.
func TestProductionHidesSchema(t *testing.T) {
	prod := MustRunServer(t, func(c *app.Config) { c.Production = true })
	dev := MustRunServer(t)
	for _, tc := range []struct {
		s         *testServer
		wantIntro bool
	}{{prod, false}, {dev, true}} {
		r := tc.s.Query("", `{ __schema { queryType { name } } }`, nil)
		if got := r.Code() == "" && str(r.Data, "__schema.queryType.name") == "Query"; got != tc.wantIntro {
			t.Errorf("production=%v: introspection answered %v (%+v)", !tc.wantIntro, got, r.Errors)
		}
		r = tc.s.Query("", `{ postz { id } }`, nil)
		if got := strings.Contains(r.Errors[0].Message, "Did you mean"); got != tc.wantIntro {
			t.Errorf("production=%v: suggestions %v: %q", !tc.wantIntro, got, r.Errors[0].Message)
		}
	}
}
