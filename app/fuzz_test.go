package app_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/guildhall/guildhall/app"
	"github.com/guildhall/guildhall/clock"
)

// FuzzHTTPRequest sends whole HTTP requests (method, target, headers, body) to a running
// server, and checks what a stranger must never be able to cause: a panic, a 500 or an
// INTERNAL_SERVER_ERROR for a mistake of theirs, or a change to what is stored by a request
// that was refused.
//
// `go test ./app` runs the seeds below; `go test ./app -run '^$' -fuzz FuzzHTTPRequest
// -fuzztime 10m` explores further (new failing inputs land in testdata/fuzz).
func FuzzHTTPRequest(f *testing.F) {
	for _, seed := range []struct {
		method, target, headers, body string
	}{
		{"POST", "/graphql", "Content-Type: application/json", `{"query":"{ posts(first: 2) { nodes { title author { name } } } }"}`},
		{"POST", "/graphql", "Content-Type: application/json\nAuthorization: Bearer " + adminToken,
			`{"query":"mutation($a: ID) { createPost(input: {title: \"Fuzz\", body: \"<p>x</p>\", authorId: $a}) { id } }","variables":{"a":"mbr_nope"}}`},
		{"POST", "/graphql", "Content-Type: application/json\nAuthorization: Bearer " + adminToken,
			`{"query":"mutation { createBlock(input: {kind: RICH_TEXT, title: \"t\", body: \"<p>x</p>\"}) { id } }"}`},
		{"POST", "/graphql", "Content-Type: application/json", `{"query":"mutation { login(email: \"a@b.c\", password: \"wrong password here\") { token } }"}`},
		{"POST", "/graphql", "Content-Type: application/json", `{"query":` + jsonString(fanOut(40)) + `}`},
		{"POST", "/graphql", "Content-Type: application/json", `{"query":` + jsonString(repeatedFields(3000)) + `}`},
		{"POST", "/graphql", "Content-Type: application/json", `{"query": "{ viewer { ...A } } fragment A on Viewer { ...A }"}`},
		{"POST", "/graphql", "Content-Type: application/json", `[{"query":"{ viewer { role } }"}]`},
		{"POST", "/graphql", "Content-Type: application/json", `{"query":`},
		{"POST", "/graphql", "Content-Type: application/json", `{"query":"{ viewer { role } }","variables":[1,2],"operationName":7}`},
		{"POST", "/graphql", "Content-Type: application/json", `{"extensions":{"persistedQuery":{"version":1,"sha256Hash":"00"}}}`},
		{"POST", "/graphql", "Content-Type: text/plain", `{"query":"{ viewer { role } }"}`},
		{"POST", "/graphql", "Content-Type: application/json\nAuthorization: Basic Zm9vOmJhcg==", `{"query":"{ viewer { role } }"}`},
		{"POST", "/graphql", "Content-Type: application/json\nAuthorization: Bearer gha_0123456789abcdefghjkmnpqrs_zzzz", `{"query":"{ viewer { role } }"}`},
		{"GET", "/graphql?query=" + url.QueryEscape(`{ posts { totalCount } }`), "Accept: application/graphql-response+json", ""},
		{"GET", "/graphql?query=" + url.QueryEscape(`mutation { logout }`), "", ""},
		{"GET", "/graphql?query=%7B&variables=%7B", "", ""},
		{"PUT", "/graphql", "", "x"},
		{"OPTIONS", "/graphql", "Origin: https://evil.example\nAccess-Control-Request-Method: POST", ""},
		{"GET", "/feeds/posts.rss", "If-None-Match: \"x\"\nIf-Modified-Since: yesterday", ""},
		{"GET", "/feeds/tags/%00.atom", "", ""},
		{"GET", "/feeds/members/%2e%2e.json", "", ""},
		{"GET", "/sitemap.xml", "Host: evil.example", ""},
		{"GET", "/sitemaps/99999999999999999999.xml", "", ""},
		{"HEAD", "/playground", "", ""},
		{"GET", "/readyz", "", ""},
	} {
		f.Add(seed.method, seed.target, seed.headers, []byte(seed.body))
	}
	s := startFuzzServer(f)
	client := &http.Client{Timeout: 30 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	f.Fuzz(func(t *testing.T, method, target, headers string, body []byte) {
		if !strings.HasPrefix(target, "/") {
			target = "/" + target
		}
		req, err := http.NewRequest(method, s.URL+target, bytes.NewReader(body))
		if err != nil {
			t.Skip("not a request a client can send")
		}
		for line := range strings.SplitSeq(headers, "\n") {
			name, value, ok := strings.Cut(line, ":")
			if !ok {
				continue
			}
			if strings.EqualFold(strings.TrimSpace(name), "Host") {
				req.Host = strings.TrimSpace(value)
				continue
			}
			req.Header.Add(strings.TrimSpace(name), strings.TrimSpace(value))
		}
		before := s.app.Service().Generation()
		res, err := client.Do(req)
		if err != nil {
			t.Skip("the client refused to send it:", err)
		}
		answer, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode >= 500 && res.StatusCode != http.StatusServiceUnavailable {
			t.Fatalf("%s %s: status %d: %.500s", method, target, res.StatusCode, answer)
		}
		if bytes.Contains(answer, []byte("INTERNAL_SERVER_ERROR")) {
			t.Fatalf("%s %s: an internal error: %.500s", method, target, answer)
		}
		if s.panicked() {
			t.Fatalf("%s %s: the server logged a panic", method, target)
		}
		if refusedAnswer(res.StatusCode, answer) && s.app.Service().Generation() != before {
			t.Fatalf("%s %s: refused (%d %.300s), yet content changed", method, target, res.StatusCode, answer)
		}
	})
}

// refusedAnswer reports whether an answer refused the request: an error status, or GraphQL
// errors with no data.
func refusedAnswer(status int, body []byte) bool {
	if status >= 400 {
		return true
	}
	var r struct {
		Data   json.RawMessage `json:"data"`
		Errors []any           `json:"errors"`
	}
	if json.Unmarshal(body, &r) != nil {
		return false // a feed, a page: not a GraphQL answer
	}
	return len(r.Errors) > 0 && (len(r.Data) == 0 || string(r.Data) == "null")
}

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// fuzzServer is a server for a fuzz target, whose log is watched for panics.
type fuzzServer struct {
	app *app.App
	URL string
	log *panicWatch
}

func (s *fuzzServer) panicked() bool { return s.log.seen() }

// panicWatch is a log destination that notes whether a panic was logged.
type panicWatch struct {
	mu    sync.Mutex
	found bool
}

func (p *panicWatch) Write(b []byte) (int, error) {
	if bytes.Contains(b, []byte("panic")) {
		p.mu.Lock()
		p.found = true
		p.mu.Unlock()
	}
	return len(b), nil
}

func (p *panicWatch) seen() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.found
}

func startFuzzServer(f *testing.F) *fuzzServer {
	f.Helper()
	watch := &panicWatch{}
	cfg := app.Config{
		Addr: "127.0.0.1:0", MongoURI: sharedURI, Database: "fuzz_" + strings.ReplaceAll(time.Now().Format("150405.000000"), ".", "_"),
		AdminToken: adminToken, Seed: true, SyncInterval: 50 * time.Millisecond, GracePeriod: 30 * 24 * time.Hour,
		ShutdownTimeout: 5 * time.Second, Now: clock.NewManual(fixtureNow).Now,
	}
	a, err := app.Start(context.Background(), cfg, slog.New(slog.NewTextHandler(watch, &slog.HandlerOptions{Level: slog.LevelWarn})))
	if err != nil {
		f.Fatalf("start server: %v", err)
	}
	f.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = a.Shutdown(ctx)
	})
	return &fuzzServer{app: a, URL: "http://" + a.Addr(), log: watch}
}
