package app_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/guildhall/guildhall/app"
	"github.com/guildhall/guildhall/clock"
	"github.com/guildhall/guildhall/embedded/embeddedtest"
)

// sharedURI is the embedded database every test shares; each test uses its own database.
var sharedURI string

func TestMain(m *testing.M) { embeddedtest.Main(m, &sharedURI) }

const adminToken = "test-admin-token-0123456789abcdef0123"

// fixtureNow is the moment the demo content is laid out around in tests.
var fixtureNow = time.Date(2026, 6, 15, 12, 0, 0, 0, time.UTC)

// testServer is a running Guildhall on 127.0.0.1.
type testServer struct {
	t     *testing.T
	app   *app.App
	URL   string
	Clock *clock.Manual
	cfg   app.Config
}

// MustRunServer starts Guildhall on 127.0.0.1:0 against a fresh database on the shared
// embedded server, with the demo content seeded at fixtureNow, and stops it (dropping the
// database) when the test ends. configure may adjust the configuration first.
func MustRunServer(t *testing.T, configure ...func(*app.Config)) *testServer {
	t.Helper()
	return MustRunServerLogging(t, io.Discard, configure...)
}

// MustRunServerLogging is MustRunServer with the server's log written to w.
func MustRunServerLogging(t *testing.T, w io.Writer, configure ...func(*app.Config)) *testServer {
	t.Helper()
	clock := clock.NewManual(fixtureNow)
	cfg := app.Config{
		Addr: "127.0.0.1:0", MongoURI: sharedURI, Database: uniqueDB(t), AdminToken: adminToken,
		Seed: true, SyncInterval: 50 * time.Millisecond, GracePeriod: 30 * 24 * time.Hour,
		ShutdownTimeout: 5 * time.Second, Now: clock.Now,
		// Generous, so that a loaded machine fails no test; TestDatabaseFaults checks the 2 s default.
		DBTimeout: 30 * time.Second,
	}
	for _, f := range configure {
		f(&cfg)
	}
	s := startServer(t, cfg, slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.LevelDebug})))
	s.Clock = clock
	return s
}

func startServer(t *testing.T, cfg app.Config, log *slog.Logger) *testServer {
	t.Helper()
	a, err := app.Start(context.Background(), cfg, log)
	if err != nil {
		t.Fatalf("start server: %v", err)
	}
	s := &testServer{t: t, app: a, URL: "http://" + a.Addr(), cfg: cfg}
	t.Cleanup(func() { s.Stop() })
	return s
}

var stopped sync.Map

// Stop shuts the server down (once).
func (s *testServer) Stop() {
	if _, done := stopped.LoadOrStore(s, true); done {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := s.app.Shutdown(ctx); err != nil {
		s.t.Errorf("shutdown: %v", err)
	}
}

func uniqueDB(t *testing.T) string {
	var b [4]byte
	_, _ = rand.Read(b[:])
	name := strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			return r
		}
		return '_'
	}, t.Name())
	if len(name) > 40 {
		name = name[:40]
	}
	return "t_" + name + "_" + hex.EncodeToString(b[:])
}

// gqlResponse is a GraphQL response body.
type gqlResponse struct {
	Status int
	Header http.Header
	Data   map[string]any
	Errors []gqlError
}

type gqlError struct {
	Message    string         `json:"message"`
	Path       []any          `json:"path"`
	Extensions map[string]any `json:"extensions"`
}

// Code is the first error's extensions.code, or "".
func (r *gqlResponse) Code() string {
	if len(r.Errors) == 0 {
		return ""
	}
	c, _ := r.Errors[0].Extensions["code"].(string)
	return c
}

// Query POSTs a GraphQL operation with the bearer token (none if empty).
func (s *testServer) Query(token, query string, vars map[string]any) *gqlResponse {
	s.t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, _ := http.NewRequest(http.MethodPost, s.URL+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	return s.do(req)
}

func (s *testServer) do(req *http.Request) *gqlResponse {
	s.t.Helper()
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		s.t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	out := &gqlResponse{Status: res.StatusCode, Header: res.Header}
	if err := json.Unmarshal(raw, out); err != nil {
		s.t.Fatalf("%s %s: status %d, body is not JSON: %q", req.Method, req.URL, res.StatusCode, raw)
	}
	return out
}

// MustQuery runs a query that must succeed and returns its data.
func (s *testServer) MustQuery(token, query string, vars map[string]any) map[string]any {
	s.t.Helper()
	r := s.Query(token, query, vars)
	if len(r.Errors) > 0 || r.Status != http.StatusOK {
		s.t.Fatalf("query failed: status %d, errors %+v\nquery: %s", r.Status, r.Errors, query)
	}
	return r.Data
}

// get walks a decoded JSON value by a dotted path ("posts.edges.0.node.id").
func get(v any, path string) any {
	for _, part := range strings.Split(path, ".") {
		switch x := v.(type) {
		case map[string]any:
			v = x[part]
		case []any:
			i, err := strconv.Atoi(part)
			if err != nil || i < 0 || i >= len(x) {
				return nil
			}
			v = x[i]
		default:
			return nil
		}
	}
	return v
}

func str(v any, path string) string {
	s, _ := get(v, path).(string)
	return s
}

func num(v any, path string) int {
	f, _ := get(v, path).(float64)
	return int(f)
}

func list(v any, path string) []any {
	l, _ := get(v, path).([]any)
	return l
}

func dump(v any) string {
	b, _ := json.MarshalIndent(v, "", "  ")
	return string(b)
}

var _ = fmt.Sprintf
