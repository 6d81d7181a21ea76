package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/HdrHistogram/hdrhistogram-go"

	"github.com/guildhall/guildhall/embedded"
)

// The soak (`go run ./bench -soak 10m`) runs two Guildhall instances on one database for a
// while under a steady mix of reads and writes, and kills one of them with SIGKILL every
// -soak-kill-every (taking turns), restarting it at once. It checks what several instances
// promise: no error but from the instance while it is down, no acknowledged write lost, and
// both instances serving every acknowledged write soon after each restart. It reports, per
// minute, requests, errors, p50 and p99 latency and each instance's RSS.
//
// The database runs in a process of its own (the embedded engine, as the "database" role),
// so that killing either instance leaves it up, as a MongoDB would be.

// soakOptions are the soak's flags.
type soakOptions struct {
	duration  time.Duration
	killEvery time.Duration
	workers   int
	writes    float64       // the share of requests that write
	pace      time.Duration // each worker's pause between requests
}

// soakInstance is one server process, restarted in place.
type soakInstance struct {
	name    string
	uri     string
	dataDir string
	logDir  string
	token   string
	seed    bool

	mu   sync.Mutex
	c    *child
	down bool // killed and not ready again
}

func (in *soakInstance) start() error {
	args := []string{"-seed=" + strconv.FormatBool(in.seed)}
	environ := []string{"MONGODB_URI=" + in.uri, "GUILDHALL_DB=soak", "GUILDHALL_ADMIN_TOKEN=" + in.token, "GUILDHALL_LOG_LEVEL=warn"}
	c, err := startChild("", "server", args, environ, "/readyz", in.logDir, false)
	if err != nil {
		return err
	}
	in.mu.Lock()
	in.c, in.down = c, false
	in.mu.Unlock()
	return nil
}

// kill ends the process at once, as a crash would.
func (in *soakInstance) kill() {
	in.mu.Lock()
	c := in.c
	in.down = true
	in.mu.Unlock()
	_ = c.cmd.Process.Kill()
	<-c.done
}

func (in *soakInstance) state() (base string, down bool) {
	in.mu.Lock()
	defer in.mu.Unlock()
	return in.c.base, in.down
}

func (in *soakInstance) rss() int64 {
	in.mu.Lock()
	defer in.mu.Unlock()
	if in.down {
		return 0
	}
	return procMemory(in.c.cmd.Process.Pid, "VmRSS")
}

// soakMinute is what one minute of the soak saw.
type soakMinute struct {
	requests, writes, expected, unexpected int64
	latency                                *hdrhistogram.Histogram // microseconds
	rssA, rssB                             int64
	firstError                             string
}

// soakStats collects the soak's observations.
type soakStats struct {
	began   time.Time
	mu      sync.Mutex
	minutes []*soakMinute
	acked   map[string]int // post ID -> the newest version a write was acknowledged for
	restart []string       // one line per kill: which, how long to ready, to converge
}

func (s *soakStats) minute() *soakMinute {
	i := int(time.Since(s.began) / time.Minute)
	for len(s.minutes) <= i {
		s.minutes = append(s.minutes, &soakMinute{latency: hdrhistogram.New(1, 120_000_000, 3)})
	}
	return s.minutes[i]
}

func (s *soakStats) record(took time.Duration, write bool, err error, down bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.minute()
	m.requests++
	if write {
		m.writes++
	}
	switch {
	case err == nil:
		_ = m.latency.RecordValue(took.Microseconds())
	case down:
		m.expected++
	default:
		m.unexpected++
		if m.firstError == "" {
			m.firstError = err.Error()
		}
	}
}

func (s *soakStats) ack(id string, version int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.acked[id] = max(s.acked[id], version)
}

// runSoak runs the soak and prints its table.
func runSoak(ctx context.Context, o soakOptions) error {
	dir, err := os.MkdirTemp("", "guildhall-soak-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	logDir := filepath.Join(dir, "logs")
	if err := os.MkdirAll(logDir, 0o700); err != nil {
		return err
	}
	fmt.Printf("Guildhall soak: two instances on one database for %s, one killed (SIGKILL) and restarted every %s, %d workers, %.0f%% writes\n",
		o.duration, o.killEvery, o.workers, 100*o.writes)
	fmt.Printf("load at start: %s\n", loadAverage())

	db, err := startChild("", "database", []string{filepath.Join(dir, "db")}, nil, "/", logDir, false)
	if err != nil {
		return err
	}
	defer db.stop()
	uri, err := fetch(mustRequest(http.MethodGet, db.base+"/", nil))
	if err != nil {
		return err
	}
	token := randomHex(24)
	a := &soakInstance{name: "A", uri: string(uri), logDir: logDir, token: token, seed: true}
	b := &soakInstance{name: "B", uri: string(uri), logDir: logDir, token: token}
	for _, in := range []*soakInstance{a, b} {
		if err := in.start(); err != nil {
			return err
		}
		defer func() { in.c.stop() }()
	}
	instances := []*soakInstance{a, b}
	authors, err := soakAuthors(a)
	if err != nil {
		return err
	}

	stats := &soakStats{began: time.Now(), acked: map[string]int{}}
	ctx, cancel := context.WithTimeout(ctx, o.duration)
	defer cancel()
	var wg sync.WaitGroup
	for w := range o.workers {
		wg.Go(func() { soakWorker(ctx, w, instances, authors, token, o.writes, o.pace, stats) })
	}
	// Each minute's largest RSS of each instance, sampled every few seconds.
	wg.Go(func() {
		for ctx.Err() == nil {
			ra, rb := a.rss(), b.rss()
			stats.mu.Lock()
			m := stats.minute()
			m.rssA, m.rssB = max(m.rssA, ra), max(m.rssB, rb)
			stats.mu.Unlock()
			select {
			case <-ctx.Done():
			case <-time.After(5 * time.Second):
			}
		}
	})

	var failures []string
	for turn := 0; ; turn++ {
		select {
		case <-ctx.Done():
		case <-time.After(o.killEvery):
		}
		if ctx.Err() != nil {
			break
		}
		victim, other := instances[turn%2], instances[(turn+1)%2]
		victim.kill()
		killed := time.Now()
		if err := victim.start(); err != nil {
			return fmt.Errorf("restart %s: %w", victim.name, err)
		}
		ready := time.Since(killed)
		took, err := converge(ctx, stats, victim, other, token)
		line := fmt.Sprintf("%s killed at %s: ready again in %.1f s, both serve every acknowledged write %.1f s after the kill",
			victim.name, killed.Sub(stats.began).Round(time.Second), ready.Seconds(), (ready + took).Seconds())
		if err != nil {
			line = fmt.Sprintf("%s killed at %s: ready again in %.1f s; NOT CONVERGED: %v", victim.name, killed.Sub(stats.began).Round(time.Second), ready.Seconds(), err)
			failures = append(failures, line)
		}
		stats.mu.Lock()
		stats.restart = append(stats.restart, line)
		stats.mu.Unlock()
		fmt.Fprintln(os.Stderr, "  "+line)
	}
	wg.Wait()

	// At the end: every acknowledged write, on both instances.
	final, err := converge(context.Background(), stats, a, b, token)
	if err != nil {
		failures = append(failures, "at the end: "+err.Error())
	}
	printSoak(os.Stdout, stats)
	fmt.Printf("at the end, both instances serve all %d acknowledged posts at their acknowledged versions (checked in %.1f s)\n", len(stats.acked), final.Seconds())
	fmt.Printf("load at end: %s\n", loadAverage())
	var unexpected int64
	for _, m := range stats.minutes {
		unexpected += m.unexpected
	}
	if unexpected > 0 {
		failures = append(failures, fmt.Sprintf("%d errors outside the kills", unexpected))
	}
	if len(failures) > 0 {
		return fmt.Errorf("soak failed: %s", strings.Join(failures, "; "))
	}
	fmt.Println("soak passed: no error outside the kills, no acknowledged write lost, both converged after every restart")
	return nil
}

// soakAuthors lists some members to write posts as.
func soakAuthors(in *soakInstance) ([]string, error) {
	base, _ := in.state()
	body, err := fetch(mustRequest(http.MethodPost, base+"/graphql", gqlBody(`{ members(first: 20) { nodes { id } } }`, nil)))
	if err != nil {
		return nil, err
	}
	var r struct {
		Data struct {
			Members struct{ Nodes []struct{ ID string } }
		}
	}
	if err := json.Unmarshal(body, &r); err != nil || len(r.Data.Members.Nodes) == 0 {
		return nil, fmt.Errorf("no members to write as: %s", body)
	}
	var out []string
	for _, n := range r.Data.Members.Nodes {
		out = append(out, n.ID)
	}
	return out, nil
}

// soakWorker sends a steady mix to both instances in turn: reads of the front page and of a
// post it wrote, and writes (a new post, or a new title for one of its own).
func soakWorker(ctx context.Context, w int, instances []*soakInstance, authors []string, token string, writes float64, pace time.Duration, stats *soakStats) {
	rnd := rand.New(rand.NewPCG(uint64(w)+1, 13))
	client := newClient()
	own := map[string]int{}        // the worker's posts and their versions
	made := map[string]time.Time{} // when each was acknowledged first
	var ids []string
	// settled picks one of the worker's posts made long enough ago that both instances have
	// it: an instance serves another's writes within the sync interval (1 s), not at once.
	settled := func() (string, bool) {
		for range 4 {
			if id := ids[rnd.IntN(len(ids))]; time.Since(made[id]) > 3*time.Second {
				return id, true
			}
		}
		return "", false
	}
	for i := 0; ctx.Err() == nil; i++ {
		in := instances[i%len(instances)]
		base, down := in.state()
		write := rnd.Float64() < writes
		var query string
		var vars map[string]any
		switch {
		case write && (len(ids) < 5 || rnd.IntN(3) == 0):
			query = `mutation($a: ID, $t: String!) { createPost(input: {title: $t, body: "<p>Soak</p>", authorId: $a}) { id version } }`
			vars = map[string]any{"a": authors[rnd.IntN(len(authors))], "t": fmt.Sprintf("Soak %d-%d", w, i)}
		case write:
			id := ids[rnd.IntN(len(ids))]
			query = `mutation($id: ID!, $v: Int!, $t: String) { updatePost(input: {id: $id, expectedVersion: $v, title: $t}) { id version } }`
			vars = map[string]any{"id": id, "v": own[id], "t": fmt.Sprintf("Soak %d-%d", w, i)}
		case len(ids) > 0 && rnd.IntN(2) == 0:
			query = `{ posts(first: 10) { nodes { title slug author { name } } } }`
			if id, ok := settled(); ok {
				query = `query($id: ID) { post(id: $id) { id version title } }`
				vars = map[string]any{"id": id}
			}
		default:
			query = `{ posts(first: 10) { nodes { title slug author { name } } } }`
		}
		req := mustRequest(http.MethodPost, base+"/graphql", gqlBody(query, vars))
		req.Header.Set("Authorization", "Bearer "+token)
		began := time.Now()
		body, err := fetchWith(client, req)
		if err == nil && write {
			var r struct {
				Data map[string]struct {
					ID      string
					Version int
				}
				Errors []struct{ Extensions struct{ Code string } }
			}
			_ = json.Unmarshal(body, &r)
			for _, p := range r.Data {
				if _, mine := own[p.ID]; !mine {
					ids = append(ids, p.ID)
					made[p.ID] = time.Now()
				}
				own[p.ID] = p.Version
				stats.ack(p.ID, p.Version)
			}
		}
		if id, update := vars["id"].(string); update && write && err != nil && strings.Contains(err.Error(), "CONFLICT") {
			// The other instance has not applied this worker's last write to the post yet:
			// not an error of the system, but a client's stale read. Reload the version.
			err = nil
			if v, ok := soakVersion(client, instances, id, token); ok {
				own[id] = v
			}
		}
		_, downNow := in.state()
		stats.record(time.Since(began), write, err, down || downNow)
		time.Sleep(pace) // a steady mix, not the most the machine can do
		if down || downNow {
			time.Sleep(20 * time.Millisecond) // it is restarting: do not spin
		}
	}
}

// soakVersion reads a post's version from the first instance that answers.
func soakVersion(client *http.Client, instances []*soakInstance, id, token string) (int, bool) {
	for _, in := range instances {
		base, down := in.state()
		if down {
			continue
		}
		req := mustRequest(http.MethodPost, base+"/graphql", gqlBody(`query($id: ID) { post(id: $id) { version } }`, map[string]any{"id": id}))
		req.Header.Set("Authorization", "Bearer "+token)
		body, err := fetchWith(client, req)
		if err != nil {
			continue
		}
		var r struct {
			Data struct{ Post struct{ Version int } }
		}
		if json.Unmarshal(body, &r) == nil && r.Data.Post.Version > 0 {
			return r.Data.Post.Version, true
		}
	}
	return 0, false
}

// converge waits until both instances serve every acknowledged write at (at least) its
// acknowledged version, and reports how long that took.
func converge(ctx context.Context, stats *soakStats, a, b *soakInstance, token string) (time.Duration, error) {
	stats.mu.Lock()
	want := make(map[string]int, len(stats.acked))
	for id, v := range stats.acked {
		want[id] = v
	}
	stats.mu.Unlock()
	began := time.Now()
	client := newClient()
	for {
		missing := 0
		var example string
		for _, in := range []*soakInstance{a, b} {
			have, err := soakVersions(client, in, token)
			if err != nil {
				missing++
				example = in.name + ": " + err.Error()
				continue
			}
			for id, v := range want {
				if have[id] < v {
					missing++
					example = fmt.Sprintf("%s serves %s at version %d, acknowledged %d", in.name, id, have[id], v)
				}
			}
		}
		if missing == 0 {
			return time.Since(began), nil
		}
		if time.Since(began) > 30*time.Second || ctx.Err() != nil && time.Since(began) > 5*time.Second {
			return time.Since(began), fmt.Errorf("%d acknowledged writes not served after %.0f s, e.g. %s", missing, time.Since(began).Seconds(), example)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// soakVersions reads the version of every draft an instance serves to ADMIN: the soak's
// posts, which it never publishes.
func soakVersions(client *http.Client, in *soakInstance, token string) (map[string]int, error) {
	base, down := in.state()
	if down {
		return nil, fmt.Errorf("down")
	}
	out := map[string]int{}
	after := ""
	for {
		req := mustRequest(http.MethodPost, base+"/graphql", gqlBody(`query($after: String) {
			posts(first: 100, after: $after, filter: {status: DRAFT}) { nodes { id version } pageInfo { hasNextPage endCursor } } }`,
			map[string]any{"after": after}))
		req.Header.Set("Authorization", "Bearer "+token)
		body, err := fetchWith(client, req)
		if err != nil {
			return nil, err
		}
		var r struct {
			Data struct {
				Posts struct {
					Nodes []struct {
						ID      string
						Version int
					}
					PageInfo struct {
						HasNextPage bool
						EndCursor   string
					}
				}
			}
		}
		if err := json.Unmarshal(body, &r); err != nil {
			return nil, err
		}
		for _, n := range r.Data.Posts.Nodes {
			out[n.ID] = n.Version
		}
		if !r.Data.Posts.PageInfo.HasNextPage {
			return out, nil
		}
		after = r.Data.Posts.PageInfo.EndCursor
	}
}

func printSoak(w io.Writer, s *soakStats) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "minute\trequests\twrites\terrors while down\tother errors\tp50 ms\tp99 ms\tRSS A MB\tRSS B MB\t")
	for i, m := range s.minutes {
		fmt.Fprintf(tw, "%d\t%d\t%d\t%d\t%d\t%.1f\t%.1f\t%.0f\t%.0f\t\n", i+1, m.requests, m.writes, m.expected, m.unexpected,
			float64(m.latency.ValueAtQuantile(50))/1000, float64(m.latency.ValueAtQuantile(99))/1000, float64(m.rssA)/(1<<20), float64(m.rssB)/(1<<20))
	}
	_ = tw.Flush()
	for i, m := range s.minutes {
		if m.firstError != "" {
			fmt.Fprintf(w, "minute %d, first error outside a kill: %s\n", i+1, m.firstError)
		}
	}
	for _, line := range s.restart {
		fmt.Fprintln(w, line)
	}
}

func mustRequest(method, url string, body []byte) *http.Request {
	req, err := http.NewRequest(method, url, bytes.NewReader(body))
	if err != nil {
		panic(err)
	}
	req.Header.Set("Content-Type", "application/json")
	return req
}

// serveDatabase is the "database" role: the embedded engine in a process of its own, its
// connection string answered at / on addr.
func serveDatabase(addr, dir string) {
	db, err := embedded.Start(dir, slog.New(slog.DiscardHandler))
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench database:", err)
		os.Exit(1)
	}
	srv := &http.Server{Addr: addr, Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, db.URI())
	})}
	go func() {
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		defer stop()
		<-ctx.Done()
		_ = srv.Close()
	}()
	_ = srv.ListenAndServe()
	_ = db.Close()
}
