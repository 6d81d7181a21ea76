// Package respcache answers repeated GraphQL reads from memory, and tells browsers and CDNs
// how long they may keep them.
//
// What it shares, and with whom, is the whole design:
//
//   - Only what anonymous readers are answered is stored, and shared between them: they are
//     all the same viewer, and everything they may see is in the catalog, whose generation
//     says when it changed. A request with a credential is always executed. Its answer may
//     hold that member's email or membership, an editor's drafts, or admin listings read from
//     the database (tokens, webhook deliveries) that no generation tracks; sharing it between
//     credentials of the same role would leak, and keeping it per credential would serve
//     stale listings. It still gets an ETag, so an unchanged answer costs a 304.
//   - A response is stored under the exact request: method, the GET query string or the POST
//     body (which hold the query, its variables, its operation name and any persisted-query
//     hash), and the Accept header that picks the Content-Type.
//   - Only successful queries are stored: never a mutation, never a response with errors.
//   - Every entry belongs to one state of the content. The content's generation changes on
//     every change of the catalog, whether written here or applied from another instance's
//     change log, and the first lookup after a change drops every entry. A mutation executed
//     here drops them too (it may change what the catalog does not hold), unless it was an
//     anonymous one that failed: refused writes change nothing. A response computed
//     while the content changed is not stored. So no response is older than the last write
//     this instance acknowledged.
//   - Content also changes with the clock alone (a scheduled post goes live, a membership
//     moves to grace); entries expire at the next such moment.
//
// Responses to queries carry a strong ETag (a hash of the body); a request whose
// If-None-Match names it gets 304 Not Modified, from the cache or after executing. Anonymous
// responses are "Cache-Control: public" with a short max-age, so a CDN can carry the read
// load; responses for a credential are "private, no-cache". Both vary on Authorization and
// Accept. Errors and mutations are "no-store".
package respcache

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/hashicorp/golang-lru/v2/simplelru"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/guildhall/guildhall"
)

// Options configure a Cache. Now, Generation and NextChange are required.
type Options struct {
	// MaxBytes bounds the memory of the entries (keys and bodies); 0 means 16 MiB. The least
	// recently used entries go first.
	MaxBytes int64
	// PublicMaxAge is the max-age of anonymous responses, for browsers and CDNs; 0 makes them
	// "public, no-cache" (stored, but revalidated with If-None-Match every time).
	PublicMaxAge time.Duration
	// Now is the clock the content's timing follows.
	Now func() time.Time
	// Generation changes whenever content changes. It is asked on every request.
	Generation func() uint64
	// NextChange is the next moment after now at which what readers see changes with no
	// write (zero if none is due). It is asked once per generation and whenever that moment
	// passes.
	NextChange func(now time.Time) time.Time
}

// The defaults.
const (
	DefaultMaxBytes = 16 << 20
	// maxKeyBytes: requests larger than this are executed, not cached; real queries are a
	// few hundred bytes.
	maxKeyBytes = 16 << 10
)

// Cache is a response cache for a GraphQL handler. It is both HTTP middleware (Handler) and
// a gqlgen extension (register it with the handler's Use), which tells the middleware what
// kind of operation ran and whether it failed.
type Cache struct {
	opts Options

	mu      sync.Mutex
	entries *simplelru.LRU[string, *entry]
	bytes   int64
	stamp   stamp // the content state the entries belong to

	epoch atomic.Uint64 // counts mutations executed here
	timed atomic.Pointer[timing]

	hits, misses, stored, notModified atomic.Uint64
}

// stamp is a state of the content: its generation and the number of mutations executed here.
type stamp struct{ generation, epoch uint64 }

// timing remembers, per generation, when content next changes by the clock.
type timing struct {
	generation uint64
	until      time.Time
}

type entry struct {
	body        []byte
	contentType string
	etag        string
	public      bool
	expires     time.Time // zero: only a change of content ends it
	size        int64
}

// New returns an empty cache.
func New(opts Options) *Cache {
	if opts.MaxBytes <= 0 {
		opts.MaxBytes = DefaultMaxBytes
	}
	c := &Cache{opts: opts}
	// Bounded by bytes (below), not by count; the count is only a backstop.
	c.entries, _ = simplelru.NewLRU[string, *entry](1<<20, func(_ string, e *entry) { c.bytes -= e.size })
	return c
}

// Stats counts lookups: answered from memory, executed, stored, and answered 304.
func (c *Cache) Stats() (hits, misses, stored, notModified uint64) {
	return c.hits.Load(), c.misses.Load(), c.stored.Load(), c.notModified.Load()
}

// current is the content's state now, and until when (by the clock) it holds.
func (c *Cache) current(now time.Time) (stamp, time.Time) {
	st := stamp{epoch: c.epoch.Load(), generation: c.opts.Generation()}
	t := c.timed.Load()
	if t != nil && t.generation == st.generation && (t.until.IsZero() || now.Before(t.until)) {
		return st, t.until
	}
	until := c.opts.NextChange(now)
	if c.opts.Generation() == st.generation {
		// Remembered only when no change slipped in while it was computed.
		c.timed.Store(&timing{generation: st.generation, until: until})
	}
	return st, until
}

// Handler wraps the GraphQL handler.
func (c *Cache) Handler(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodPost {
			next.ServeHTTP(w, r)
			return
		}
		if !isAnonymous(guildhall.ViewerFrom(r.Context())) {
			c.executePrivate(w, r, next)
			return
		}
		key, ok := requestKey(r)
		if !ok {
			next.ServeHTTP(w, r)
			return
		}
		now := c.opts.Now()
		st, until := c.current(now)
		if e := c.lookup(key, st, now); e != nil {
			c.hits.Add(1)
			c.serve(w, r, e, now, until)
			return
		}
		c.misses.Add(1)

		e, ok := execute(w, r, next, true)
		if !ok {
			return
		}
		e.size = int64(len(key) + len(e.body) + len(e.etag) + 128)
		e.expires = until
		c.store(key, e, st)
		c.serve(w, r, e, now, until)
	})
}

// executePrivate answers a request with a credential: executed every time, never stored,
// with an ETag so that an unchanged answer is a 304.
func (c *Cache) executePrivate(w http.ResponseWriter, r *http.Request, next http.Handler) {
	if e, ok := execute(w, r, next, false); ok {
		c.serve(w, r, e, time.Time{}, time.Time{})
	}
}

// execute runs the GraphQL handler and returns its answer as an entry when it is a
// successful query. Anything else (errors, mutations, anything unusual) it writes out itself,
// marked never to be kept, here or downstream, and ok is false.
func execute(w http.ResponseWriter, r *http.Request, next http.Handler, public bool) (e *entry, ok bool) {
	info := &operation{}
	rec := &recorder{header: http.Header{}, status: http.StatusOK}
	next.ServeHTTP(rec, r.WithContext(context.WithValue(r.Context(), operationKey{}, info)))
	if rec.status != http.StatusOK || !info.cacheable() {
		copyHeader(w.Header(), rec.header)
		w.Header().Set("Cache-Control", "no-store")
		w.WriteHeader(rec.status)
		_, _ = w.Write(rec.body.Bytes())
		return nil, false
	}
	e = &entry{body: rec.body.Bytes(), contentType: rec.header.Get("Content-Type"), public: public}
	sum := sha256.Sum256(e.body)
	e.etag = `"` + hex.EncodeToString(sum[:16]) + `"`
	return e, true
}

// requestKey is the cache key of an anonymous request: what the client sent. ok is false for
// requests not worth keying (very large ones).
func requestKey(r *http.Request) (key string, ok bool) {
	var payload string
	switch r.Method {
	case http.MethodGet:
		payload = r.URL.RawQuery
	default:
		if r.ContentLength > maxKeyBytes {
			return "", false
		}
		if read, ok := r.Body.(interface{ Bytes() []byte }); ok {
			payload = string(read.Bytes()) // read already, before the cache (app's request rules)
			break
		}
		body, err := io.ReadAll(io.LimitReader(r.Body, maxKeyBytes+1))
		if err != nil || len(body) > maxKeyBytes {
			return "", false
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		payload = string(body)
	}
	if len(payload) > maxKeyBytes {
		return "", false
	}
	return r.Method + "\x00" + r.Header.Get("Accept") + "\x00" + payload, true
}

var anonymousPrint = fmt.Sprintf("%#v", guildhall.Viewer{})

// isAnonymous reports whether v is a reader without a credential: no role, member, token,
// scope or anything else a viewer may come to hold.
func isAnonymous(v *guildhall.Viewer) bool {
	return v == guildhall.Anonymous || fmt.Sprintf("%#v", *v) == anonymousPrint
}

// lookup returns the live entry for key in state st, if any. The first lookup in a new state
// drops everything stored in the old one.
func (c *Cache) lookup(key string, st stamp, now time.Time) *entry {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.moveTo(st) {
		return nil
	}
	e, ok := c.entries.Get(key)
	if !ok {
		return nil
	}
	if !e.expires.IsZero() && !now.Before(e.expires) {
		c.entries.Remove(key)
		return nil
	}
	return e
}

// moveTo drops every entry if the content is no longer in state st, and reports whether it
// did. c.mu must be held.
func (c *Cache) moveTo(st stamp) bool {
	if c.stamp == st {
		return false
	}
	c.entries.Purge()
	c.bytes = 0
	c.stamp = st
	return true
}

// store keeps e, computed in state st, unless the content has changed since.
func (c *Cache) store(key string, e *entry, st stamp) {
	if e.size > c.opts.MaxBytes/8 {
		return
	}
	now := c.opts.Now()
	if cur, _ := c.current(now); cur != st {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.moveTo(st)
	c.entries.Remove(key) // so the eviction callback accounts for a replaced entry
	c.entries.Add(key, e)
	c.bytes += e.size
	for c.bytes > c.opts.MaxBytes {
		if _, _, ok := c.entries.RemoveOldest(); !ok {
			break
		}
	}
	c.stored.Add(1)
}

// serve writes e, or 304 when the client holds it already.
func (c *Cache) serve(w http.ResponseWriter, r *http.Request, e *entry, now, until time.Time) {
	h := w.Header()
	h.Set("ETag", e.etag)
	h.Add("Vary", "Authorization")
	h.Add("Vary", "Accept")
	if e.public {
		h.Set("Cache-Control", c.publicCacheControl(now, until))
	} else {
		h.Set("Cache-Control", "private, no-cache")
	}
	if matches(r.Header.Get("If-None-Match"), e.etag) {
		c.notModified.Add(1)
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h.Set("Content-Type", e.contentType)
	h.Set("Content-Length", strconv.Itoa(len(e.body)))
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(e.body)
}

// publicCacheControl lets shared caches keep an anonymous response for PublicMaxAge, but
// never past the moment the content changes by the clock.
func (c *Cache) publicCacheControl(now, until time.Time) string {
	age := c.opts.PublicMaxAge
	if !until.IsZero() {
		age = min(age, until.Sub(now))
	}
	if secs := int64(age / time.Second); secs > 0 {
		return "public, max-age=" + strconv.FormatInt(secs, 10)
	}
	return "public, no-cache"
}

// matches reports whether an If-None-Match header names etag (weak comparison, as RFC 9110
// asks for If-None-Match).
func matches(header, etag string) bool {
	if header == "" {
		return false
	}
	for tag := range strings.SplitSeq(header, ",") {
		tag = strings.TrimSpace(tag)
		if tag == "*" || strings.TrimPrefix(tag, "W/") == etag {
			return true
		}
	}
	return false
}

// operation is what the gqlgen extension learns about the request it executes.
type operation struct {
	mu      sync.Mutex
	kind    ast.Operation // query, mutation or subscription; "" if execution never started
	failed  bool          // errors in the response
	seen    int           // responses
	noStore bool          // a resolver said so (NoStore)
}

func (o *operation) cacheable() bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.kind == ast.Query && !o.failed && o.seen == 1 && !o.noStore
}

// NoStore tells the cache that the response being computed must not be kept, here or
// downstream: a resolver calls it when what it answers depends on something the cache cannot
// see change, such as a secret with an expiry in the request (a preview link).
func NoStore(ctx context.Context) {
	if info, ok := ctx.Value(operationKey{}).(*operation); ok {
		info.mu.Lock()
		info.noStore = true
		info.mu.Unlock()
	}
}

type operationKey struct{}

var _ interface {
	graphql.HandlerExtension
	graphql.ResponseInterceptor
} = (*Cache)(nil)

// ExtensionName names the cache among gqlgen's extensions.
func (c *Cache) ExtensionName() string { return "ResponseCache" }

// Validate accepts any schema.
func (c *Cache) Validate(graphql.ExecutableSchema) error { return nil }

// InterceptResponse records the kind of operation and whether its response has errors, and
// counts mutations: once one has run, nothing stored before it is served again.
func (c *Cache) InterceptResponse(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	resp := next(ctx)
	var kind ast.Operation
	if graphql.HasOperationContext(ctx) {
		if op := graphql.GetOperationContext(ctx).Operation; op != nil {
			kind = op.Operation
		}
	}
	failed := resp == nil || len(resp.Errors) > 0
	if kind != ast.Query && (!failed || !isAnonymous(guildhall.ViewerFrom(ctx))) {
		// A mutation may have changed what the catalog does not hold. An anonymous one that
		// failed was refused, and a refused write changes nothing, so it cannot be used to
		// empty the cache.
		c.epoch.Add(1)
	}
	if info, ok := ctx.Value(operationKey{}).(*operation); ok {
		info.mu.Lock()
		info.kind = kind
		info.seen++
		info.failed = info.failed || failed
		info.mu.Unlock()
	}
	return resp
}

// recorder holds a response until the cache has decided what to do with it.
type recorder struct {
	header http.Header
	status int
	wrote  bool
	body   bytes.Buffer
}

func (r *recorder) Header() http.Header { return r.header }

func (r *recorder) WriteHeader(status int) {
	if !r.wrote {
		r.status, r.wrote = status, true
	}
}

func (r *recorder) Write(b []byte) (int, error) {
	r.wrote = true
	return r.body.Write(b)
}

func copyHeader(dst, src http.Header) {
	for k, v := range src {
		dst[k] = v
	}
}
