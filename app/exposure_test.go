package app_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/guildhall/guildhall/app"
)

func envOf(kv ...string) func(string) string {
	m := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return func(k string) string { return m[k] }
}

// A weak GUILDHALL_ADMIN_TOKEN stops the server at start, with a message naming the variable,
// whether the configuration comes from the environment or is built in code.
func TestShortAdminTokenRefusesToStart(t *testing.T) {
	for _, token := range []string{"change-me", "guildhall-admin", strings.Repeat("a", 31)} {
		_, err := app.ParseConfig(envOf("GUILDHALL_ADMIN_TOKEN", token), nil)
		if err == nil || !strings.Contains(err.Error(), "GUILDHALL_ADMIN_TOKEN") || strings.Contains(err.Error(), token) {
			t.Errorf("GUILDHALL_ADMIN_TOKEN=%q: %v (want an error naming the variable, not the value)", token, err)
		}
		cfg := app.Config{Addr: "127.0.0.1:0", MongoURI: sharedURI, Database: uniqueDB(t), AdminToken: token}
		if a, err := app.Start(context.Background(), cfg, slog.New(slog.NewTextHandler(io.Discard, nil))); err == nil {
			_ = a.Shutdown(context.Background())
			t.Errorf("Start with a %d-character admin token succeeded", len(token))
		} else if !strings.Contains(err.Error(), "GUILDHALL_ADMIN_TOKEN") {
			t.Errorf("Start: %v", err)
		}
	}
	for _, token := range []string{"", strings.Repeat("a", 32), "0b5c1f0e4a7d9c2b8e6f3a1d5c7b9e2f4a6c8e0b2d4f6a8c0e2b4d6f8a0c2e4"} {
		if c, err := app.ParseConfig(envOf("GUILDHALL_ADMIN_TOKEN", token), nil); err != nil || c.AdminToken != token {
			t.Errorf("GUILDHALL_ADMIN_TOKEN of %d characters: %v", len(token), err)
		}
	}
}

// An allowed origin is exactly what a browser sends: a mistake is refused at start.
func TestCORSOriginsAreChecked(t *testing.T) {
	for _, bad := range []string{
		"https://www.northfield.example/", "https://www.northfield.example/app", "www.northfield.example",
		"//www.northfield.example", "ftp://www.northfield.example", "https://", "https://user@northfield.example",
		"https://northfield.example?x=1", "https://northfield.example#top", "*,https://northfield.example",
		"https://www.*.example", "https://*.*.example", "null",
	} {
		_, err := app.ParseConfig(envOf("GUILDHALL_CORS_ORIGINS", bad), nil)
		if err == nil || !strings.Contains(err.Error(), "GUILDHALL_CORS_ORIGINS") {
			t.Errorf("GUILDHALL_CORS_ORIGINS=%q: %v", bad, err)
		}
	}
	for _, good := range []string{"", "*", "https://www.northfield.example", "http://localhost:3000, https://www.northfield.example", "https://*.northfield.example", "HTTPS://WWW.Northfield.example:8443"} {
		if _, err := app.ParseConfig(envOf("GUILDHALL_CORS_ORIGINS", good), nil); err != nil {
			t.Errorf("GUILDHALL_CORS_ORIGINS=%q: %v", good, err)
		}
	}
}

func preflight(t *testing.T, s *testServer, origin string) *http.Response {
	t.Helper()
	req, _ := http.NewRequest(http.MethodOptions, s.URL+"/graphql", nil)
	req.Header.Set("Origin", origin)
	req.Header.Set("Access-Control-Request-Method", "POST")
	req.Header.Set("Access-Control-Request-Headers", "authorization, content-type")
	res, _ := httpDo(t, req)
	return res
}

func crossOriginPost(t *testing.T, s *testServer, origin string) *http.Response {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, s.URL+"/graphql", strings.NewReader(`{"query":"{ viewer { scopes } }"}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Origin", origin)
	res, _ := httpDo(t, req)
	return res
}

// Without GUILDHALL_CORS_ORIGINS no browser origin may call /graphql, as the README says: no
// CORS header is sent, to a preflight or a request. "*" allows every origin.
func TestCORSDefaultsToNoOrigin(t *testing.T) {
	s := MustRunServer(t)
	for _, origin := range []string{"https://evil.example", "http://localhost:3000", "null"} {
		if res := preflight(t, s, origin); res.Header.Get("Access-Control-Allow-Origin") != "" || res.StatusCode < 400 {
			t.Errorf("preflight from %s without configured origins: %d %v", origin, res.StatusCode, res.Header)
		}
		if res := crossOriginPost(t, s, origin); res.Header.Get("Access-Control-Allow-Origin") != "" {
			t.Errorf("POST from %s without configured origins: %v", origin, res.Header)
		}
	}
	any := MustRunServer(t, func(c *app.Config) { c.CORSOrigins = []string{"*"} })
	if res := preflight(t, any, "https://anywhere.example"); res.Header.Get("Access-Control-Allow-Origin") != "*" {
		t.Errorf(`with "*": %v`, res.Header)
	}
	wild := MustRunServer(t, func(c *app.Config) { c.CORSOrigins = []string{"https://*.northfield.example"} })
	if res := crossOriginPost(t, wild, "https://members.northfield.example"); res.Header.Get("Access-Control-Allow-Origin") != "https://members.northfield.example" {
		t.Errorf("wildcard subdomain: %v", res.Header)
	}
	if res := crossOriginPost(t, wild, "https://northfield.example.evil.example"); res.Header.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("wildcard matches another site: %v", res.Header)
	}
}

func getMetrics(t *testing.T, url, token string) int {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, url+"/metrics", nil)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, body := httpDo(t, req)
	if res.StatusCode == http.StatusOK && !strings.Contains(body, "go_goroutines") {
		t.Errorf("%s/metrics: 200 without Go's metrics", url)
	}
	return res.StatusCode
}

// /metrics is public on the API's address unless GUILDHALL_METRICS_TOKEN asks for a bearer
// token or GUILDHALL_METRICS_ADDR moves it to an address of its own.
func TestMetricsExposure(t *testing.T) {
	s := MustRunServer(t)
	if code := getMetrics(t, s.URL, ""); code != http.StatusOK {
		t.Errorf("default: %d", code)
	}
	const token = "metrics-token-0123456789abcdef0123456789"
	guarded := MustRunServer(t, func(c *app.Config) { c.MetricsToken = token })
	for tok, want := range map[string]int{"": 401, "wrong": 401, token + "x": 401, token: 200} {
		if code := getMetrics(t, guarded.URL, tok); code != want {
			t.Errorf("with a metrics token, bearer %q: %d, want %d", tok, code, want)
		}
	}
	if r := guarded.Query("", `{ viewer { scopes } }`, nil); r.Status != 200 {
		t.Errorf("the API asks for the metrics token: %d", r.Status)
	}
	addr, err := freeLoopbackAddr()
	if err != nil {
		t.Fatal(err)
	}
	apart := MustRunServer(t, func(c *app.Config) { c.MetricsAddr = addr })
	if code := getMetrics(t, apart.URL, ""); code != http.StatusNotFound {
		t.Errorf("on the API's address with GUILDHALL_METRICS_ADDR: %d, want 404", code)
	}
	if code := getMetrics(t, "http://"+addr, ""); code != http.StatusOK {
		t.Errorf("on GUILDHALL_METRICS_ADDR: %d", code)
	}
	for k, v := range map[string]string{"GUILDHALL_METRICS_TOKEN": "short", "GUILDHALL_METRICS_ADDR": "9090"} {
		if _, err := app.ParseConfig(envOf(k, v), nil); err == nil || !strings.Contains(err.Error(), k) {
			t.Errorf("%s=%s: %v", k, v, err)
		}
	}
	c, err := app.ParseConfig(envOf("GUILDHALL_METRICS_TOKEN", token, "GUILDHALL_METRICS_ADDR", "127.0.0.1:9090"), nil)
	if err != nil || c.MetricsToken != token || c.MetricsAddr != "127.0.0.1:9090" {
		t.Errorf("parsed %+v, %v", c, err)
	}
}
