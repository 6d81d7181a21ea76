package app_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/guildhall/guildhall/app"
	"github.com/guildhall/guildhall/embedded/embeddedtest"
)

// rawResponse is a response with its body unparsed (a 304 has none).
type rawResponse struct {
	Status int
	Header http.Header
	Body   string
}

// post sends a GraphQL POST with extra headers (name, value pairs).
func (s *testServer) post(token, query string, vars map[string]any, header ...string) rawResponse {
	s.t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, _ := http.NewRequest(http.MethodPost, s.URL+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	return s.raw(req)
}

func (s *testServer) raw(req *http.Request) rawResponse {
	s.t.Helper()
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return rawResponse{Status: res.StatusCode, Header: res.Header, Body: string(b)}
}

const newestQuery = `{ posts(first: 3) { nodes { id title slug publishedAt author { name slug } } } }`

func TestResponseCache(t *testing.T) {
	s := MustRunServer(t, func(c *app.Config) { c.PublicMaxAge = 5 * time.Second })

	first := s.post("", newestQuery, nil)
	second := s.post("", newestQuery, nil)
	etag := first.Header.Get("ETag")
	if first.Status != 200 || etag == "" || second.Header.Get("ETag") != etag || first.Body != second.Body {
		t.Fatalf("repeated read: %d %q / %q", first.Status, etag, second.Header.Get("ETag"))
	}
	if cc := second.Header.Get("Cache-Control"); cc != "public, max-age=5" {
		t.Errorf("anonymous Cache-Control = %q", cc)
	}
	if r := s.post("", newestQuery, nil, "If-None-Match", etag); r.Status != http.StatusNotModified || r.Body != "" {
		t.Errorf("If-None-Match: %d %q", r.Status, r.Body)
	}

	// Read your writes: the edit shows in the very next read, cached or not.
	newest := get(jsonData(t, first.Body), "posts.nodes.0").(map[string]any)
	id := newest["id"].(string)
	version := num(s.MustQuery(adminToken, `query($id: ID) { post(id: $id) { version } }`, map[string]any{"id": id}), "post.version")
	s.MustQuery(adminToken, `mutation($id: ID!, $v: Int!) { updatePost(input: {id: $id, expectedVersion: $v, title: "Edited while cached"}) { version } }`,
		map[string]any{"id": id, "v": version})
	after := s.post("", newestQuery, nil)
	if !strings.Contains(after.Body, "Edited while cached") || after.Header.Get("ETag") == etag {
		t.Fatalf("after the edit: %s", after.Body)
	}
	if r := s.post("", newestQuery, nil, "If-None-Match", etag); r.Status != http.StatusOK {
		t.Errorf("the old ETag after an edit got %d", r.Status)
	}

	// A credential's responses are private; errors and mutations are never kept anywhere.
	if cc := s.post(adminToken, newestQuery, nil).Header.Get("Cache-Control"); cc != "private, no-cache" {
		t.Errorf("admin Cache-Control = %q", cc)
	}
	if r := s.post("", `{ post(slug: "no-such-post") { id } }`, nil); r.Header.Get("Cache-Control") != "no-store" || r.Header.Get("ETag") != "" {
		t.Errorf("NOT_FOUND headers: %v", r.Header)
	}
	if r := s.post(adminToken, `mutation($id: ID!) { updatePost(input: {id: $id, expectedVersion: 1, title: "x"}) { id } }`, map[string]any{"id": id}); r.Header.Get("Cache-Control") != "no-store" {
		t.Errorf("mutation headers: %v", r.Header)
	}

	// Automatic persisted queries over GET are cacheable too (what a CDN sees).
	hash := sha256Hex(newestQuery)
	ext := `{"persistedQuery":{"version":1,"sha256Hash":"` + hash + `"}}`
	register, _ := http.NewRequest(http.MethodGet, s.URL+"/graphql?"+url.Values{"query": {newestQuery}, "extensions": {ext}}.Encode(), nil)
	if r := s.raw(register); r.Status != 200 {
		t.Fatalf("APQ register: %d %s", r.Status, r.Body)
	}
	byHash, _ := http.NewRequest(http.MethodGet, s.URL+"/graphql?"+url.Values{"extensions": {ext}}.Encode(), nil)
	r := s.raw(byHash)
	if r.Status != 200 || !strings.Contains(r.Body, "Edited while cached") || r.Header.Get("Cache-Control") != "public, max-age=5" {
		t.Errorf("APQ by hash: %d %v %s", r.Status, r.Header, r.Body)
	}

	metrics := s.raw(mustRequest(t, http.MethodGet, s.URL+"/metrics"))
	if !strings.Contains(metrics.Body, "guildhall_response_cache_hits_total") {
		t.Errorf("no cache metrics")
	}
	if hits := metricValue(metrics.Body, "guildhall_response_cache_hits_total"); hits < 1 {
		t.Errorf("cache hits = %v", hits)
	}
}

// A scheduled post goes live by the clock alone, with no write to empty the cache: cached
// lists must not hide it past its time, and CDNs must not be told to.
func TestResponseCacheFollowsTheClock(t *testing.T) {
	s := MustRunServer(t, func(c *app.Config) { c.PublicMaxAge = time.Hour })
	authorID := str(s.MustQuery("", `{ member(slug: "christian-billington") { id } }`, nil), "member.id")
	id := str(s.MustQuery(adminToken, `mutation($a: ID) { createPost(input: {title: "Goes live by itself", body: "<p>Soon</p>", authorId: $a}) { id } }`, map[string]any{"a": authorID}), "createPost.id")
	at := s.Clock.Now().Add(90 * time.Second).Format(time.RFC3339)
	s.MustQuery(adminToken, `mutation($id: ID!, $at: Time) { publishPost(id: $id, publishAt: $at) { status } }`, map[string]any{"id": id, "at": at})

	before := s.post("", newestQuery, nil)
	if strings.Contains(before.Body, id) {
		t.Fatalf("visible before its time")
	}
	cc := before.Header.Get("Cache-Control")
	age, _ := strconv.Atoi(strings.TrimPrefix(cc, "public, max-age="))
	if age < 1 || age > 90 {
		t.Errorf("Cache-Control = %q: want at most the 90 s until the post goes live", cc)
	}
	s.Clock.Advance(89 * time.Second)
	if r := s.post("", newestQuery, nil); strings.Contains(r.Body, id) || r.Header.Get("ETag") != before.Header.Get("ETag") {
		t.Errorf("changed before its time")
	}
	s.Clock.Advance(2 * time.Second)
	if r := s.post("", newestQuery, nil); !strings.Contains(r.Body, id) {
		t.Errorf("not visible after its time: %s", r.Body)
	}
}

// A write on one instance empties the other's cache as soon as it arrives by the change log.
func TestResponseCacheAcrossInstances(t *testing.T) {
	db := embeddedtest.Start(t)
	a := MustRunServer(t, func(c *app.Config) { c.MongoURI = db.URI(); c.Database = "shared" })
	b := MustRunServer(t, func(c *app.Config) { c.MongoURI = db.URI(); c.Database = "shared" })
	cached := b.post("", newestQuery, nil)
	b.post("", newestQuery, nil)
	id := str(jsonData(t, cached.Body), "posts.nodes.0.id")
	version := num(a.MustQuery(adminToken, `query($id: ID) { post(id: $id) { version } }`, map[string]any{"id": id}), "post.version")
	a.MustQuery(adminToken, `mutation($id: ID!, $v: Int!) { updatePost(input: {id: $id, expectedVersion: $v, title: "Edited on A"}) { version } }`,
		map[string]any{"id": id, "v": version})
	waited := time.Now()
	for !strings.Contains(b.post("", newestQuery, nil).Body, "Edited on A") {
		if time.Since(waited) > 5*time.Second {
			t.Fatal("instance B kept serving its cached response")
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestResponseCacheOff(t *testing.T) {
	s := MustRunServer(t, func(c *app.Config) { c.ResponseCacheOff = true })
	if r := s.post("", newestQuery, nil); r.Status != 200 || r.Header.Get("ETag") != "" {
		t.Errorf("with the cache off: %d %v", r.Status, r.Header)
	}
}

func TestPerformanceConfig(t *testing.T) {
	env := map[string]string{"GUILDHALL_RESPONSE_CACHE": "off", "GUILDHALL_RESPONSE_CACHE_MB": "64",
		"GUILDHALL_PUBLIC_MAX_AGE": "30s", "GUILDHALL_PPROF": "127.0.0.1:6060"}
	cfg, err := app.ParseConfig(func(k string) string { return env[k] }, nil)
	if err != nil || !cfg.ResponseCacheOff || cfg.ResponseCacheMB != 64 || cfg.PublicMaxAge != 30*time.Second || cfg.PprofAddr != "127.0.0.1:6060" {
		t.Errorf("parsed %+v, %v", cfg, err)
	}
	if cfg, err := app.ParseConfig(func(string) string { return "" }, nil); err != nil || cfg.ResponseCacheOff || cfg.PublicMaxAge != 5*time.Second || cfg.PprofAddr != "" {
		t.Errorf("defaults: %+v, %v", cfg, err)
	}
	for k, v := range map[string]string{"GUILDHALL_RESPONSE_CACHE": "maybe", "GUILDHALL_RESPONSE_CACHE_MB": "0",
		"GUILDHALL_PUBLIC_MAX_AGE": "-1s", "GUILDHALL_PPROF": "0.0.0.0:6060"} {
		if _, err := app.ParseConfig(func(key string) string {
			if key == k {
				return v
			}
			return ""
		}, nil); err == nil || !strings.Contains(err.Error(), k) {
			t.Errorf("%s=%s: err = %v", k, v, err)
		}
	}
}

func TestPprofListener(t *testing.T) {
	addr, err := freeLoopbackAddr()
	if err != nil {
		t.Fatal(err)
	}
	MustRunServer(t, func(c *app.Config) { c.PprofAddr = addr })
	res, err := http.Get("http://" + addr + "/debug/pprof/cmdline")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Errorf("pprof: %d", res.StatusCode)
	}
}

func jsonData(t *testing.T, body string) map[string]any {
	t.Helper()
	var r struct{ Data map[string]any }
	if err := json.Unmarshal([]byte(body), &r); err != nil {
		t.Fatalf("not JSON: %q", body)
	}
	return r.Data
}

func sha256Hex(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// metricValue is the value of an unlabelled series in a Prometheus text exposition.
func metricValue(exposition, name string) float64 {
	for _, line := range strings.Split(exposition, "\n") {
		if v, ok := strings.CutPrefix(line, name+" "); ok {
			f, _ := strconv.ParseFloat(v, 64)
			return f
		}
	}
	return -1
}

func freeLoopbackAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}
