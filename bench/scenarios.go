package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strings"
)

// The scenarios' GraphQL documents, as issue 7 defines them.
const (
	queryQ1 = `{ posts(first: 20) { nodes { title slug publishedAt author { name slug } } } }`
	queryQ2 = `query Post($slug: String!) { post(slug: $slug) { title body { html } author { name bio { html } } } }`
	queryQ3 = `query Directory($prefix: String!) { members(first: 20, filter: {nameStartsWith: $prefix}) { nodes { name slug sortName } } }`
	queryQ4 = `query Page($after: String) { posts(first: 20, after: $after) { nodes { title slug publishedAt author { name slug } } } }`
	// queryWalk pages through every published post (Q4's cursors, W1's versions).
	queryWalk    = `query Walk($after: String) { posts(first: 100, after: $after) { edges { cursor node { id version } } pageInfo { hasNextPage endCursor } } }`
	mutationW1   = `mutation Edit($input: UpdatePostInput!) { updatePost(input: $input) { id version } }`
	mutationRenw = `mutation Renew($input: RenewMembershipInput!) { renewMembership(input: $input) { id } }`
)

// env is what scenarios know about the run: where the server is, the admin token, and the
// seeded workload.
type env struct {
	base     string // http://127.0.0.1:port
	token    string
	w        *workload
	conns    int
	run      string         // distinguishes this run's idempotency keys
	cursors  []string       // Q4: cursors after the 5th..95th percentile of published posts
	renew    bool           // W1: the server has renewMembership
	bodies   []string       // W1: editor HTML to save
	reused   bool           // the database was kept from an earlier run
	edited   bool           // W1 has run on this database: another binary's W1 (A/B) finds new versions
	versions map[string]int // W1: current versions of posts, when reused
	assets   int            // M-*: the pool of assets uploaded for the cold scenarios
	media    *mediaState
}

// scenario is one row of the table.
type scenario struct {
	name string
	// cold scenarios run on the server started with GUILDHALL_RESPONSE_CACHE=off: Q1-cold,
	// and Q2-Q4, whose random keys measure execution (with the cache on, their hit rate would
	// depend on how many keys there are and so on the size of the content).
	cold    bool
	ceiling bool // run against the fixed-JSON handler, not Guildhall
	// prepare runs once before the scenario is measured; optional.
	prepare func(ctx context.Context, e *env) error
	job     func(e *env, worker int) job
	note    func(e *env) string
	// want is found in a sample answer before the scenario is measured: a read that answers
	// nothing (an empty or wrong database) must not pass for a fast one.
	want string
}

var scenarios = []scenario{
	{name: "ceiling", ceiling: true, job: func(e *env, _ int) job { return &getJob{url: e.base + "/"} }},
	{name: "Q1", want: wantPosts, job: func(e *env, _ int) job { return &postJob{url: e.base + "/graphql", body: gqlBody(queryQ1, nil)} }},
	{name: "Q1-cold", cold: true, want: wantPosts, job: func(e *env, _ int) job {
		return &postJob{url: e.base + "/graphql", body: gqlBody(queryQ1, nil)}
	}},
	{name: "Q2", cold: true, want: `"post":{"title":`, job: func(e *env, w int) job {
		return randomBodies(e, w, func(rng *rand.Rand) []byte {
			return gqlBody(queryQ2, map[string]any{"slug": e.w.LiveSlugs[rng.IntN(len(e.w.LiveSlugs))]})
		})
	}},
	{name: "Q3", cold: true, want: `"nodes":[{"name":`, job: func(e *env, w int) job {
		return randomBodies(e, w, func(rng *rand.Rand) []byte {
			return gqlBody(queryQ3, map[string]any{"prefix": e.w.NamePrefix[rng.IntN(len(e.w.NamePrefix))]})
		})
	}},
	{name: "Q4", cold: true, want: wantPosts, prepare: collectCursors, job: func(e *env, w int) job {
		return randomBodies(e, w, func(rng *rand.Rand) []byte {
			return gqlBody(queryQ4, map[string]any{"after": e.cursors[rng.IntN(len(e.cursors))]})
		})
	}, note: func(e *env) string { return fmt.Sprintf("%d deep cursors", len(e.cursors)) }},
	{name: "Q5", want: wantPosts, prepare: registerAPQ, job: func(e *env, _ int) job {
		return &getJob{url: e.base + "/graphql?" + apqQuery(false)}
	}},
	{name: "W1", prepare: prepareWrites, job: newWriteJob, note: func(e *env) string {
		if e.renew {
			return "updatePost 3 : renewMembership 1"
		}
		return "updatePost only (no renewMembership in this schema yet)"
	}},
}

// wantPosts starts a page of posts that is not empty.
const wantPosts = `"nodes":[{"title":`

// probe sends one request of j and checks that the answer holds want.
func probe(j job, want string) error {
	req, err := j.request()
	if err != nil {
		return err
	}
	body, err := fetch(req)
	if err == nil && !bytes.Contains(body, []byte(want)) {
		err = fmt.Errorf("the answer lacks %s: %.300s", want, body)
	}
	return err
}

func findScenario(name string) (scenario, bool) {
	for _, s := range scenarios {
		if s.name == name {
			return s, true
		}
	}
	return scenario{}, false
}

// randomBodies is a job sending request bodies drawn at random. They are made before the
// measurement, so that the load generator spends no more per request than for a fixed body
// (it shares the machine with the server).
func randomBodies(e *env, w int, draw func(*rand.Rand) []byte) job {
	rng := workerRand(w)
	bodies := make([][]byte, 4096)
	for i := range bodies {
		bodies[i] = draw(rng)
	}
	return &postJob{url: e.base + "/graphql", make: func() []byte { return bodies[rng.IntN(len(bodies))] }}
}

func workerRand(w int) *rand.Rand { return rand.New(rand.NewPCG(uint64(w)+1, 99)) }

func gqlBody(query string, vars map[string]any) []byte {
	b, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	return b
}

// postJob POSTs a fixed body, or a fresh one from make for every request.
type postJob struct {
	url   string
	body  []byte
	make  func() []byte
	token string
}

func (j *postJob) request() (*http.Request, error) {
	body := j.body
	if j.make != nil {
		body = j.make()
	}
	req, err := http.NewRequest(http.MethodPost, j.url, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	if j.token != "" {
		req.Header.Set("Authorization", "Bearer "+j.token)
	}
	return req, nil
}

func (j *postJob) check(status int, body []byte) error { return graphQLOK(status, body) }

// getJob GETs a fixed URL.
type getJob struct{ url string }

func (j *getJob) request() (*http.Request, error)     { return http.NewRequest(http.MethodGet, j.url, nil) }
func (j *getJob) check(status int, body []byte) error { return graphQLOK(status, body) }

// apqQuery is the query string of Q1 as an Automatic Persisted Query: the hash alone, or
// with the document to register it.
func apqQuery(withDocument bool) string {
	sum := sha256.Sum256([]byte(queryQ1))
	ext, _ := json.Marshal(map[string]any{"persistedQuery": map[string]any{"version": 1, "sha256Hash": hex.EncodeToString(sum[:])}})
	v := url.Values{"extensions": {string(ext)}}
	if withDocument {
		v.Set("query", queryQ1)
	}
	return v.Encode()
}

// registerAPQ sends Q1's document with its hash once, as a client does after the server
// answered PERSISTED_QUERY_NOT_FOUND.
func registerAPQ(ctx context.Context, e *env) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, e.base+"/graphql?"+apqQuery(true), nil)
	if err != nil {
		return err
	}
	_, err = fetch(req)
	return err
}

// collectCursors walks all published posts, newest first, and keeps the cursors between the
// 5th and the 95th percentile (the 1,000th to the 19,000th post of 20,000).
func collectCursors(ctx context.Context, e *env) error {
	var all []string
	err := walkPosts(ctx, e, func(cursor, _ string, _ int) { all = append(all, cursor) })
	if err != nil {
		return err
	}
	if len(all) < 100 {
		return fmt.Errorf("only %d published posts: too few for deep pages", len(all))
	}
	e.cursors = all[len(all)*5/100 : len(all)*95/100]
	return nil
}

// prepareWrites finds out whether the schema has renewMembership yet and, on a database kept
// from an earlier run or edited by the W1 of another binary in this one, the current
// versions of the published posts W1 edits (else every edit of a post conflicts once).
func prepareWrites(ctx context.Context, e *env) error {
	if err := findRenew(ctx, e); err != nil {
		return err
	}
	edited := e.edited
	e.edited = true
	if !e.reused && !edited {
		return nil
	}
	e.versions = map[string]int{}
	return walkPosts(ctx, e, func(_, id string, version int) { e.versions[id] = version })
}

// walkPosts pages through every published post, newest first, 100 at a time.
func walkPosts(ctx context.Context, e *env, each func(cursor, id string, version int)) error {
	after := ""
	for {
		vars := map[string]any{}
		if after != "" {
			vars["after"] = after
		}
		body, err := fetchGraphQL(ctx, e, queryWalk, vars)
		if err != nil {
			return err
		}
		var page struct {
			Data struct {
				Posts struct {
					Edges []struct {
						Cursor string
						Node   struct {
							ID      string
							Version int
						}
					}
					PageInfo struct {
						HasNextPage bool
						EndCursor   string
					}
				}
			}
		}
		if err := json.Unmarshal(body, &page); err != nil {
			return err
		}
		for _, edge := range page.Data.Posts.Edges {
			each(edge.Cursor, edge.Node.ID, edge.Node.Version)
		}
		if !page.Data.Posts.PageInfo.HasNextPage {
			return nil
		}
		after = page.Data.Posts.PageInfo.EndCursor
	}
}

// fetchGraphQL POSTs a query outside of any measurement.
func fetchGraphQL(ctx context.Context, e *env, query string, vars map[string]any) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, e.base+"/graphql", bytes.NewReader(gqlBody(query, vars)))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	return fetch(req)
}

// findRenew asks the schema whether renewMembership exists yet, so W1 adds renewals as soon
// as the membership mutations land, with no change here.
func findRenew(ctx context.Context, e *env) error {
	body, err := fetchGraphQL(ctx, e, `{ __type(name: "Mutation") { fields { name } } }`, nil)
	if err != nil {
		return err
	}
	e.renew = strings.Contains(string(body), `"renewMembership"`)
	return nil
}

// writeJob is W1 for one connection: it edits its own share of the published posts (so
// connections never race for a version) and, when the server has it, renews its own share of
// the members, one renewal for every three edits.
type writeJob struct {
	e        *env
	worker   int
	n        int
	posts    []string
	members  []string
	versions map[string]int
	pending  string // the post being edited, to record its new version
}

func newWriteJob(e *env, w int) job {
	j := &writeJob{e: e, worker: w, versions: map[string]int{}}
	for i := w; i < len(e.w.LiveIDs); i += e.conns {
		id := e.w.LiveIDs[i]
		j.posts = append(j.posts, id)
		if v, ok := e.versions[id]; ok {
			j.versions[id] = v
		}
	}
	for i := w; i < len(e.w.MemberIDs); i += e.conns {
		j.members = append(j.members, e.w.MemberIDs[i])
	}
	return j
}

func (j *writeJob) request() (*http.Request, error) {
	j.n++
	var body []byte
	j.pending = ""
	if j.e.renew && j.n%4 == 0 && len(j.members) > 0 {
		body = gqlBody(mutationRenw, map[string]any{"input": map[string]any{
			"memberId": j.members[(j.n/4)%len(j.members)], "plan": "professional",
			"idempotencyKey": fmt.Sprintf("bench-%s-%d-%d", j.e.run, j.worker, j.n), "paymentReference": "bench",
		}})
	} else {
		id := j.posts[j.n%len(j.posts)]
		version, ok := j.versions[id]
		if !ok {
			version = 1
		}
		j.pending = id
		body = gqlBody(mutationW1, map[string]any{"input": map[string]any{
			"id": id, "expectedVersion": version, "title": fmt.Sprintf("Edited %d by connection %d", j.n, j.worker),
			"body": j.e.bodies[j.n%len(j.e.bodies)],
		}})
	}
	return (&postJob{url: j.e.base + "/graphql", body: body, token: j.e.token}).request()
}

func (j *writeJob) check(status int, body []byte) error {
	if err := graphQLOK(status, body); err != nil {
		// A conflict says which version is current; take it for the next edit.
		var resp struct {
			Errors []struct {
				Extensions struct{ CurrentVersion int }
			}
		}
		if json.Unmarshal(body, &resp) == nil && len(resp.Errors) > 0 && resp.Errors[0].Extensions.CurrentVersion > 0 && j.pending != "" {
			j.versions[j.pending] = resp.Errors[0].Extensions.CurrentVersion
		}
		return err
	}
	if j.pending != "" {
		var resp struct {
			Data struct{ UpdatePost struct{ Version int } }
		}
		if err := json.Unmarshal(body, &resp); err != nil {
			return err
		}
		j.versions[j.pending] = resp.Data.UpdatePost.Version
	}
	return nil
}
