package respcache_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/guildhall/guildhall"
	"github.com/guildhall/guildhall/respcache"
)

// fixture is a cache in front of a fake GraphQL handler that counts executions and answers
// with the viewer's identity and the content generation, so a response served to the wrong
// viewer or from the wrong state shows in its body.
type fixture struct {
	t          *testing.T
	cache      *respcache.Cache
	handler    http.Handler
	executions atomic.Int64
	generation atomic.Uint64
	mu         sync.Mutex
	now        time.Time
	next       time.Time // NextChange
	kind       ast.Operation
	fail       bool
	during     func(ctx context.Context) // runs inside the handler, while the response is computed
}

func newFixture(t *testing.T, opts respcache.Options) *fixture {
	f := &fixture{t: t, now: time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC), kind: ast.Query}
	f.generation.Store(1)
	opts.Now = f.clock
	opts.Generation = f.generation.Load
	opts.NextChange = func(time.Time) time.Time { f.mu.Lock(); defer f.mu.Unlock(); return f.next }
	f.cache = respcache.New(opts)
	graphQL := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.executions.Add(1)
		f.mu.Lock()
		kind, fail, during := f.kind, f.fail, f.during
		f.mu.Unlock()
		if during != nil {
			during(r.Context())
		}
		ctx := graphql.WithOperationContext(r.Context(), &graphql.OperationContext{Operation: &ast.OperationDefinition{Operation: kind}})
		resp := f.cache.InterceptResponse(ctx, func(context.Context) *graphql.Response {
			out := &graphql.Response{}
			if fail {
				out.Errors = gqlerror.List{gqlerror.Errorf("not found")}
			}
			return out
		})
		w.Header().Set("Content-Type", "application/json")
		v := guildhall.ViewerFrom(r.Context())
		fmt.Fprintf(w, `{"data":{"viewer":%q,"member":%q,"generation":%d,"errors":%d}}`, v.Role, v.MemberID, f.generation.Load(), len(resp.Errors))
	})
	f.handler = f.cache.Handler(graphQL)
	return f
}

func (f *fixture) clock() time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.now
}

func (f *fixture) advance(d time.Duration) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.now = f.now.Add(d)
}

// do sends a POST with body as viewer v (nil: anonymous) and returns the recorded response.
func (f *fixture) do(v *guildhall.Viewer, body string, header ...string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	if v != nil {
		req = req.WithContext(guildhall.WithViewer(req.Context(), v))
	}
	rec := httptest.NewRecorder()
	f.handler.ServeHTTP(rec, req)
	return rec
}

// expectExecutions checks how many times the fake handler ran in all.
func (f *fixture) expectExecutions(want int64) {
	f.t.Helper()
	if got := f.executions.Load(); got != want {
		f.t.Fatalf("executions = %d, want %d", got, want)
	}
}

const q1 = `{"query":"{ posts { nodes { title } } }"}`

func TestAnonymousReadsAreSharedAndPublic(t *testing.T) {
	f := newFixture(t, respcache.Options{PublicMaxAge: 5 * time.Second})
	first := f.do(nil, q1)
	second := f.do(guildhall.Anonymous, q1)
	f.expectExecutions(1)
	if first.Body.String() != second.Body.String() || first.Code != 200 || second.Code != 200 {
		t.Fatalf("bodies differ: %q / %q", first.Body, second.Body)
	}
	etag := second.Header().Get("ETag")
	if etag == "" || etag != first.Header().Get("ETag") {
		t.Fatalf("ETag %q / %q", first.Header().Get("ETag"), etag)
	}
	if got := second.Header().Get("Cache-Control"); got != "public, max-age=5" {
		t.Errorf("Cache-Control = %q", got)
	}
	if vary := strings.Join(second.Header().Values("Vary"), ","); !strings.Contains(vary, "Authorization") || !strings.Contains(vary, "Accept") {
		t.Errorf("Vary = %q", vary)
	}
	if got := second.Header().Get("Content-Type"); got != "application/json" {
		t.Errorf("Content-Type = %q", got)
	}
	// A different query, or the same one with other variables, is another entry.
	f.do(nil, `{"query":"{ posts { nodes { slug } } }"}`)
	f.do(nil, `{"query":"query($a: String) { posts(after: $a) { nodes { title } } }","variables":{"a":"x"}}`)
	f.do(nil, `{"query":"query($a: String) { posts(after: $a) { nodes { title } } }","variables":{"a":"y"}}`)
	f.expectExecutions(4)
}

func TestIfNoneMatchGives304(t *testing.T) {
	f := newFixture(t, respcache.Options{})
	etag := f.do(nil, q1).Header().Get("ETag")
	for _, inm := range []string{etag, "W/" + etag, `"other", ` + etag, "*"} {
		rec := f.do(nil, q1, "If-None-Match", inm)
		if rec.Code != http.StatusNotModified || rec.Body.Len() != 0 || rec.Header().Get("ETag") != etag {
			t.Errorf("If-None-Match %s: %d %q", inm, rec.Code, rec.Body)
		}
	}
	if rec := f.do(nil, q1, "If-None-Match", `"stale"`); rec.Code != http.StatusOK {
		t.Errorf("a stale ETag got %d", rec.Code)
	}
	// An unchanged result is 304 even after the content changed elsewhere: the ETag is the
	// body's, so the client keeps what it has when only unrelated content moved.
	f.generation.Add(1)
	rec := f.do(nil, q1, "If-None-Match", etag)
	f.expectExecutions(2)
	if rec.Code != http.StatusOK { // the fake's body carries the generation: it did change
		t.Errorf("a changed result answered %d", rec.Code)
	}
	again := f.do(nil, q1, "If-None-Match", rec.Header().Get("ETag"))
	if again.Code != http.StatusNotModified {
		t.Errorf("revalidating the new result got %d", again.Code)
	}
	if f.do(nil, q1).Header().Get("Cache-Control") != "public, no-cache" {
		t.Errorf("with no PublicMaxAge, public responses must be revalidated")
	}
}

func TestCredentialsAreAlwaysExecuted(t *testing.T) {
	f := newFixture(t, respcache.Options{})
	ann := &guildhall.Viewer{Role: guildhall.RoleMember, MemberID: "mbr_ann", GoodStanding: true}
	bob := &guildhall.Viewer{Role: guildhall.RoleMember, MemberID: "mbr_bob", GoodStanding: true}
	editor := &guildhall.Viewer{Role: guildhall.RoleEditor, TokenID: "tok_ed"}
	admin := &guildhall.Viewer{Role: guildhall.RoleAdmin, TokenID: "tok_ad"}
	service := &guildhall.Viewer{Role: guildhall.RoleMember, TokenID: "tok_svc", Scopes: []string{guildhall.ScopeMembership}}

	f.do(nil, q1)
	f.do(nil, q1)
	f.expectExecutions(1)
	executions := int64(1)
	for name, v := range map[string]*guildhall.Viewer{"ann": ann, "bob": bob, "editor": editor, "admin": admin, "service": service} {
		for range 2 {
			rec := f.do(v, q1)
			executions++
			f.expectExecutions(executions) // never answered from memory, never the anonymous entry
			if !strings.Contains(rec.Body.String(), fmt.Sprintf(`"member":%q`, v.MemberID)) || !strings.Contains(rec.Body.String(), fmt.Sprintf(`"viewer":%q`, v.Role)) {
				t.Errorf("%s was served %s", name, rec.Body)
			}
			if got := rec.Header().Get("Cache-Control"); got != "private, no-cache" {
				t.Errorf("%s: Cache-Control = %q", name, got)
			}
			etag := rec.Header().Get("ETag")
			if again := f.do(v, q1, "If-None-Match", etag); etag == "" || again.Code != http.StatusNotModified || again.Body.Len() != 0 {
				t.Errorf("%s: revalidating %q got %d", name, etag, again.Code)
			}
			executions++
		}
	}
	// And they leave the anonymous entry alone.
	f.do(nil, q1)
	f.expectExecutions(executions)
}

func TestMutationsAndErrorsAreNeverStored(t *testing.T) {
	f := newFixture(t, respcache.Options{})
	admin := &guildhall.Viewer{Role: guildhall.RoleAdmin, TokenID: "tok_ad"}
	f.mu.Lock()
	f.kind = ast.Mutation
	f.mu.Unlock()
	for range 2 {
		if rec := f.do(admin, `{"query":"mutation { x }"}`); rec.Header().Get("Cache-Control") != "no-store" || rec.Header().Get("ETag") != "" {
			t.Errorf("mutation headers: %v", rec.Header())
		}
	}
	f.expectExecutions(2)
	f.mu.Lock()
	f.kind, f.fail = ast.Query, true
	f.mu.Unlock()
	for range 2 {
		if rec := f.do(nil, q1); rec.Header().Get("Cache-Control") != "no-store" {
			t.Errorf("error response headers: %v", rec.Header())
		}
	}
	f.expectExecutions(4)
}

func TestChangesEmptyTheCache(t *testing.T) {
	f := newFixture(t, respcache.Options{})
	f.do(nil, q1)
	f.do(nil, q1)
	f.expectExecutions(1)

	// A change of content (here or applied from another instance).
	f.generation.Add(1)
	if rec := f.do(nil, q1); !strings.Contains(rec.Body.String(), `"generation":2`) {
		t.Fatalf("after a change: %s", rec.Body)
	}
	f.expectExecutions(2)

	// A mutation executed here, even one that changes nothing the catalog holds.
	admin := &guildhall.Viewer{Role: guildhall.RoleAdmin, TokenID: "tok_ad"}
	f.mu.Lock()
	f.kind = ast.Mutation
	f.mu.Unlock()
	f.do(admin, `{"query":"mutation { x }"}`)
	f.mu.Lock()
	f.kind = ast.Query
	f.mu.Unlock()
	f.do(nil, q1)
	f.expectExecutions(4)

	// An anonymous mutation that failed was refused and changed nothing: it must not empty
	// the cache (or anyone could).
	f.do(nil, q1)
	f.expectExecutions(4)
	f.mu.Lock()
	f.kind, f.fail = ast.Mutation, true
	f.mu.Unlock()
	f.do(nil, `{"query":"mutation { x }"}`)
	f.mu.Lock()
	f.kind, f.fail = ast.Query, false
	f.mu.Unlock()
	f.do(nil, q1)
	f.expectExecutions(5)
}

func TestAResponseComputedDuringAChangeIsNotStored(t *testing.T) {
	f := newFixture(t, respcache.Options{})
	f.mu.Lock()
	f.during = func(context.Context) { f.generation.Add(1) }
	f.mu.Unlock()
	f.do(nil, q1)
	f.mu.Lock()
	f.during = nil
	f.mu.Unlock()
	f.do(nil, q1)
	f.expectExecutions(2)
	f.do(nil, q1)
	f.expectExecutions(2)
}

func TestResolversCanForbidStoring(t *testing.T) {
	f := newFixture(t, respcache.Options{})
	f.mu.Lock()
	f.during = respcache.NoStore
	f.mu.Unlock()
	for range 2 {
		if rec := f.do(nil, q1); rec.Header().Get("Cache-Control") != "no-store" || rec.Header().Get("ETag") != "" {
			t.Errorf("headers %v", rec.Header())
		}
	}
	f.expectExecutions(2)
	respcache.NoStore(context.Background()) // outside a cached request: nothing to do
}

func TestEntriesExpireWhenContentChangesByTheClock(t *testing.T) {
	f := newFixture(t, respcache.Options{PublicMaxAge: time.Minute})
	f.mu.Lock()
	f.next = f.now.Add(30 * time.Second) // a scheduled post goes live
	f.mu.Unlock()
	if cc := f.do(nil, q1).Header().Get("Cache-Control"); cc != "public, max-age=30" {
		t.Errorf("Cache-Control = %q, want max-age capped at the next change", cc)
	}
	f.advance(29 * time.Second)
	f.do(nil, q1)
	f.expectExecutions(1)
	f.advance(time.Second)
	f.mu.Lock()
	f.next = time.Time{}
	f.mu.Unlock()
	f.do(nil, q1)
	f.expectExecutions(2)
	f.advance(time.Hour)
	f.do(nil, q1)
	f.expectExecutions(2)
}

func TestMemoryIsBounded(t *testing.T) {
	f := newFixture(t, respcache.Options{MaxBytes: 64 << 10})
	for i := range 2000 {
		f.do(nil, fmt.Sprintf(`{"query":"{ post(id: \"%d\") { title } }"}`, i))
	}
	f.expectExecutions(2000)
	// The newest entries are kept, the oldest went.
	f.do(nil, `{"query":"{ post(id: \"1999\") { title } }"}`)
	f.expectExecutions(2000)
	f.do(nil, `{"query":"{ post(id: \"0\") { title } }"}`)
	f.expectExecutions(2001)
	// Large requests are executed, never kept.
	big := `{"query":"{ posts { nodes { title } } }","variables":{"pad":"` + strings.Repeat("x", 20<<10) + `"}}`
	f.do(nil, big)
	f.do(nil, big)
	f.expectExecutions(2003)
}

func TestConcurrentUse(t *testing.T) {
	f := newFixture(t, respcache.Options{MaxBytes: 32 << 10})
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Go(func() {
			for i := range 300 {
				if i%50 == 0 {
					f.generation.Add(1)
				}
				rec := f.do(nil, fmt.Sprintf(`{"query":"{ n%d }"}`, (w*7+i)%40))
				if rec.Code != http.StatusOK {
					t.Errorf("status %d", rec.Code)
					return
				}
			}
		})
	}
	wg.Wait()
}
