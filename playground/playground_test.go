package playground_test

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/guildhall/guildhall/playground"
)

const wantCSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
	"img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src 'none'; " +
	"object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

// hostile is a default query that would break out of the config <script> element, or out of
// a JS string, if it were not escaped.
const hostile = "# paste \"your\" token's value </script><script>alert(1)</script> <!-- & \u2028\n{ viewer { role } }\n"

func newMux(opts playground.Options) *http.ServeMux {
	h := playground.Handler(opts)
	mux := http.NewServeMux()
	mux.Handle("/playground", h)
	mux.Handle("/playground/", h)
	return mux
}

func do(t *testing.T, h http.Handler, method, target string, header http.Header) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(method, target, nil)
	for k, v := range header {
		req.Header[k] = v
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// config extracts and decodes the page's <script type="application/json" id="config">.
func config(t *testing.T, page string) map[string]any {
	t.Helper()
	m := regexp.MustCompile(`(?s)<script type="application/json" id="config">(.*?)</script>`).FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no config element in page:\n%s", page)
	}
	var cfg map[string]any
	if err := json.Unmarshal([]byte(m[1]), &cfg); err != nil {
		t.Fatalf("config is not JSON: %v\n%s", err, m[1])
	}
	return cfg
}

func TestPage(t *testing.T) {
	mux := newMux(playground.Options{
		Title:        `Guildhall "Playground" <dev>`,
		Endpoint:     "/api/graphql",
		DefaultQuery: hostile,
	})
	for _, path := range []string{"/playground", "/playground/"} {
		rec := do(t, mux, http.MethodGet, path, nil)
		if rec.Code != http.StatusOK {
			t.Fatalf("GET %s: %d", path, rec.Code)
		}
		if ct := rec.Header().Get("Content-Type"); ct != "text/html; charset=utf-8" {
			t.Errorf("Content-Type %q", ct)
		}
		if csp := rec.Header().Get("Content-Security-Policy"); csp != wantCSP {
			t.Errorf("CSP\n got %s\nwant %s", csp, wantCSP)
		}
		if cc := rec.Header().Get("Cache-Control"); cc != "no-cache" {
			t.Errorf("page Cache-Control %q", cc)
		}
		body := rec.Body.String()
		if want := "<title>" + html.EscapeString(`Guildhall "Playground" <dev>`) + "</title>"; !strings.Contains(body, want) {
			t.Errorf("page lacks %s", want)
		}
		// Only the page's own five closing tags: the query's </script> must not close anything.
		if n := strings.Count(body, "</script>"); n != 5 {
			t.Errorf("%d </script> in page, want 5 (config + 4 scripts):\n%s", n, body)
		}
		if strings.Contains(body, "alert(1)</script>") || strings.Contains(body, "<!--") {
			t.Errorf("query not escaped:\n%s", body)
		}
		// No inline script code: every <script> either loads a file or is the JSON config.
		for _, tag := range regexp.MustCompile(`<script[^>]*>`).FindAllString(body, -1) {
			if !strings.Contains(tag, ` src="/playground/assets/`) && tag != `<script type="application/json" id="config">` {
				t.Errorf("unexpected script tag %s", tag)
			}
		}
		cfg := config(t, body)
		if cfg["endpoint"] != "/api/graphql" || cfg["defaultQuery"] != hostile || cfg["defaultHeaders"] != "{}" {
			t.Errorf("config %q", cfg)
		}
	}
}

func TestPageDefaults(t *testing.T) {
	rec := do(t, newMux(playground.Options{}), http.MethodGet, "/playground", nil)
	body := rec.Body.String()
	if !strings.Contains(body, "<title>Guildhall Playground</title>") {
		t.Errorf("default title missing")
	}
	cfg := config(t, body)
	if cfg["endpoint"] != "/graphql" || cfg["defaultQuery"] != playground.DefaultQuery || cfg["defaultHeaders"] != "{}" {
		t.Errorf("config %q", cfg)
	}
	if !strings.Contains(playground.DefaultQuery, "Authorization") {
		t.Errorf("default query does not explain the token")
	}

	headers := "{\n  \"X-Trace\": \"1\"\n}"
	cfg = config(t, do(t, newMux(playground.Options{DefaultHeaders: headers}), http.MethodGet, "/playground", nil).Body.String())
	if cfg["defaultHeaders"] != headers {
		t.Errorf("defaultHeaders %q", cfg["defaultHeaders"])
	}
}

// Tabs and the token placeholder reach the page's config as given, escaped like the rest.
func TestTabs(t *testing.T) {
	tabs := []playground.Tab{
		{Query: hostile, Headers: "{}"},
		{Query: "mutation W($b: String!) { w(b: $b) }", Variables: `{"b": "<p>\"hi\"</p>"}`, Headers: `{"Authorization": "Bearer PASTE"}`},
	}
	body := do(t, newMux(playground.Options{Tabs: tabs, TokenPlaceholder: "PASTE", TokenHint: "Paste your token over PASTE."}), http.MethodGet, "/playground", nil).Body.String()
	if strings.Contains(body, "</script><script>alert(1)") {
		t.Fatalf("a tab's query broke out of the config element")
	}
	cfg := config(t, body)
	raw, _ := json.Marshal(cfg["tabs"])
	var got []playground.Tab
	if err := json.Unmarshal(raw, &got); err != nil || !reflect.DeepEqual(got, tabs) {
		t.Errorf("tabs\n got %s\nwant %+v", raw, tabs)
	}
	if cfg["tokenPlaceholder"] != "PASTE" || cfg["tokenHint"] != "Paste your token over PASTE." {
		t.Errorf("config %v", cfg)
	}
	if init := do(t, newMux(playground.Options{}), http.MethodGet, "/playground/assets/init.js", nil).Body.String(); !strings.Contains(init, "defaultTabs") || !strings.Contains(init, "tokenPlaceholder") {
		t.Errorf("init.js does not hand GraphiQL the tabs or check the placeholder")
	}
}

func TestOptionsChecked(t *testing.T) {
	for _, opts := range []playground.Options{
		{DefaultHeaders: "Authorization: Bearer x"},
		{DefaultHeaders: "[]"},
		{Endpoint: "javascript:alert(1)"},
		{Endpoint: "https://api.example.com;script-src *"},
		{Tabs: []playground.Tab{{Query: "{ a }", Variables: `"name"`}}},
		{Tabs: []playground.Tab{{Query: "{ a }", Headers: "Authorization: Bearer x"}}},
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("Handler(%+v) did not panic", opts)
				}
			}()
			playground.Handler(opts)
		}()
	}
}

func TestCrossOriginEndpoint(t *testing.T) {
	rec := do(t, newMux(playground.Options{Endpoint: "https://api.example.com:8443/graphql"}), http.MethodGet, "/playground", nil)
	if csp := rec.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "connect-src 'self' https://api.example.com:8443;") {
		t.Errorf("CSP %s", csp)
	}
}

// assetURLs returns the page's stylesheet and script URLs.
func assetURLs(t *testing.T, page string) []string {
	t.Helper()
	var urls []string
	for _, m := range regexp.MustCompile(`(?:href|src)="(/playground/assets/[^"]+)"`).FindAllStringSubmatch(page, -1) {
		urls = append(urls, m[1])
	}
	if len(urls) != 6 {
		t.Fatalf("page links %d assets, want 6: %q", len(urls), urls)
	}
	return urls
}

func TestAssets(t *testing.T) {
	mux := newMux(playground.Options{})
	page := do(t, mux, http.MethodGet, "/playground", nil).Body.String()
	minSize := map[string]int{
		"graphiql.min.js":             500_000,
		"graphiql.min.css":            100_000,
		"react.production.min.js":     5_000,
		"react-dom.production.min.js": 100_000,
		"init.js":                     200,
		"playground.css":              50,
	}
	seen := map[string]bool{}
	for _, u := range assetURLs(t, page) {
		name := u[strings.LastIndex(u, "/")+1:]
		seen[name] = true
		wantCT := "text/javascript; charset=utf-8"
		if strings.HasSuffix(name, ".css") {
			wantCT = "text/css; charset=utf-8"
		}
		rec := do(t, mux, http.MethodGet, u, nil)
		if rec.Code != http.StatusOK {
			t.Fatalf("GET %s: %d", u, rec.Code)
		}
		if ct := rec.Header().Get("Content-Type"); ct != wantCT {
			t.Errorf("%s: Content-Type %q, want %q", u, ct, wantCT)
		}
		if cc := rec.Header().Get("Cache-Control"); cc != "public, max-age=31536000, immutable" {
			t.Errorf("%s: Cache-Control %q", u, cc)
		}
		if rec.Header().Get("Content-Encoding") != "" {
			t.Errorf("%s: encoded without Accept-Encoding", u)
		}
		if rec.Body.Len() < minSize[name] {
			t.Errorf("%s: %d bytes, want at least %d", u, rec.Body.Len(), minSize[name])
		}
		plain := rec.Body.Bytes()

		// The same file, unversioned: revalidated instead of immutable.
		rec = do(t, mux, http.MethodGet, "/playground/assets/"+name, nil)
		if rec.Code != http.StatusOK || !bytes.Equal(rec.Body.Bytes(), plain) || rec.Header().Get("Cache-Control") != "no-cache" {
			t.Errorf("unversioned %s: %d, %q", name, rec.Code, rec.Header().Get("Cache-Control"))
		}

		// HEAD: headers, no body.
		rec = do(t, mux, http.MethodHead, u, nil)
		if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != wantCT {
			t.Errorf("HEAD %s: %d %q", u, rec.Code, rec.Header().Get("Content-Type"))
		}

		// Conditional GET.
		etag := rec.Header().Get("ETag")
		if rec = do(t, mux, http.MethodGet, u, http.Header{"If-None-Match": {etag}}); rec.Code != http.StatusNotModified {
			t.Errorf("%s with If-None-Match %s: %d", u, etag, rec.Code)
		}
	}
	for name := range minSize {
		if !seen[name] {
			t.Errorf("page does not link %s", name)
		}
	}
}

func TestAssetGzip(t *testing.T) {
	mux := newMux(playground.Options{})
	page := do(t, mux, http.MethodGet, "/playground", nil).Body.String()
	var jsURL string
	for _, u := range assetURLs(t, page) {
		if strings.HasSuffix(u, "/graphiql.min.js") {
			jsURL = u
		}
	}
	plain := do(t, mux, http.MethodGet, jsURL, nil)
	rec := do(t, mux, http.MethodGet, jsURL, http.Header{"Accept-Encoding": {"br, gzip;q=0.8"}})
	if rec.Header().Get("Content-Encoding") != "gzip" || rec.Header().Get("Vary") != "Accept-Encoding" {
		t.Fatalf("headers %v", rec.Header())
	}
	if rec.Header().Get("ETag") == plain.Header().Get("ETag") {
		t.Errorf("gzip and identity share ETag %s", rec.Header().Get("ETag"))
	}
	zr, err := gzip.NewReader(rec.Body)
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(zr)
	if err != nil || !bytes.Equal(got, plain.Body.Bytes()) {
		t.Errorf("gunzipped body differs (%v)", err)
	}
	if rec := do(t, mux, http.MethodGet, jsURL, http.Header{"Accept-Encoding": {"gzip;q=0, *"}}); rec.Header().Get("Content-Encoding") != "" {
		t.Errorf("gzip;q=0 still gzipped")
	}
}

func TestNotFound(t *testing.T) {
	mux := newMux(playground.Options{})
	page := do(t, mux, http.MethodGet, "/playground", nil).Body.String()
	js := assetURLs(t, page)[2]
	for _, path := range []string{
		"/playground/assets/",
		"/playground/assets/nope.js",
		"/playground/assets/0000000000000000/graphiql.min.js", // stale hash
		js + ".map",
		"/playground/assets/LICENSES/react.LICENSE",
		"/playground/assets/NOTICE",
		"/playground/other",
	} {
		if rec := do(t, mux, http.MethodGet, path, nil); rec.Code != http.StatusNotFound {
			t.Errorf("GET %s: %d, want 404", path, rec.Code)
		}
	}
}

func TestMethods(t *testing.T) {
	mux := newMux(playground.Options{})
	for _, path := range []string{"/playground", "/playground/assets/init.js"} {
		for _, m := range []string{http.MethodPost, http.MethodPut, http.MethodDelete, http.MethodPatch} {
			rec := do(t, mux, m, path, nil)
			if rec.Code != http.StatusMethodNotAllowed || rec.Header().Get("Allow") != "GET, HEAD" {
				t.Errorf("%s %s: %d Allow=%q", m, path, rec.Code, rec.Header().Get("Allow"))
			}
		}
		if rec := do(t, mux, http.MethodHead, path, nil); rec.Code != http.StatusOK {
			t.Errorf("HEAD %s: %d", path, rec.Code)
		}
	}
}

// TestVersionsMatchScript keeps the exported version constants, update-assets.sh's pins and
// assets/NOTICE in step.
func TestVersionsMatchScript(t *testing.T) {
	script, err := os.ReadFile("update-assets.sh")
	if err != nil {
		t.Fatal(err)
	}
	notice, err := os.ReadFile("assets/NOTICE")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []struct{ pin, notice string }{
		{"GRAPHIQL_VERSION=" + playground.GraphiQLVersion + "\n", "graphiql@" + playground.GraphiQLVersion},
		{"REACT_VERSION=" + playground.ReactVersion + "\n", "react@" + playground.ReactVersion},
		{"REACT_DOM_VERSION=" + playground.ReactVersion + "\n", "react-dom@" + playground.ReactVersion},
	} {
		if !strings.Contains(string(script), want.pin) {
			t.Errorf("update-assets.sh lacks %q", want.pin)
		}
		if !strings.Contains(string(notice), want.notice) {
			t.Errorf("assets/NOTICE lacks %q", want.notice)
		}
	}
}
