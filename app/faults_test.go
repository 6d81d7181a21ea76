package app_test

import (
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/guildhall/guildhall/app"
	"github.com/guildhall/guildhall/embedded/embeddedtest"
	"github.com/guildhall/guildhall/internal/faultproxy"
	"github.com/guildhall/guildhall/mongodb"
)

// Database trouble fails fast and heals by itself. Instance A reaches the database through a
// proxy that stalls, drops and slows its connections; instance B reaches it directly. Writes
// on A fail with UNAVAILABLE within the 2 s call deadline (plus slack for a busy machine),
// never hang and never answer INTERNAL_SERVER_ERROR; reads go on from memory; /readyz says 503;
// once the fault ends, A writes again and catches up with B's writes, without a restart.
func TestDatabaseFaults(t *testing.T) {
	db := embeddedtest.Start(t)
	proxy, err := faultproxy.Start(strings.TrimSuffix(strings.TrimPrefix(db.URI(), "mongodb://"), "/"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = proxy.Close() })
	a := MustRunServer(t, func(c *app.Config) {
		c.MongoURI, c.Database, c.DBTimeout = "mongodb://"+proxy.Addr()+"/", "shared", mongodb.DefaultTimeout
	})
	b := MustRunServer(t, func(c *app.Config) { c.MongoURI = db.URI(); c.Database = "shared"; c.Seed = false })
	authorID := str(a.MustQuery("", `{ member(slug: "christian-billington") { id } }`, nil), "member.id")

	var n atomic.Int32
	var lastID string
	write := func(s *testServer) (string, time.Duration) {
		began := time.Now()
		r := s.Query(adminToken, `mutation($a: ID, $t: String!) { createPost(input: {title: $t, body: "<p>x</p>", authorId: $a}) { id } }`,
			map[string]any{"a": authorID, "t": fmt.Sprintf("Fault test %d", n.Add(1))})
		lastID = str(r.Data, "createPost.id")
		return r.Code(), time.Since(began)
	}
	ready := func() int {
		req, _ := http.NewRequest(http.MethodGet, a.URL+"/readyz", nil)
		res, _ := httpDo(t, req)
		return res.StatusCode
	}
	const limit = 2*time.Second + 1500*time.Millisecond // the deadline, and slack for a loaded machine
	if code, _ := write(a); code != "" {
		t.Fatalf("a write before any fault: %s", code)
	}

	for _, fault := range []struct {
		name  string
		start func()
	}{
		{"stall", proxy.Stall},
		{"drop", proxy.Drop},
		{"latency beyond the deadline", func() { proxy.SetLatency(3 * time.Second) }},
	} {
		t.Run(fault.name, func(t *testing.T) {
			fault.start()
			code, took := write(a)
			if code != "UNAVAILABLE" || took > limit {
				t.Errorf("a write during the fault: %q after %v, want UNAVAILABLE within %v", code, took, limit)
			}
			if d := a.MustQuery("", `{ posts(first: 1) { totalCount } }`, nil); num(d, "posts.totalCount") == 0 {
				t.Error("reads stopped during the fault")
			}
			if status := ready(); status != http.StatusServiceUnavailable {
				t.Errorf("/readyz during the fault = %d, want 503", status)
			}
			// Meanwhile B, which reaches the database, writes.
			if code, _ := write(b); code != "" {
				t.Fatalf("B's write: %s", code)
			}
			fromB := lastID

			proxy.Restore()
			healed := time.Now()
			for {
				code, _ := write(a)
				if code == "" {
					break
				}
				if code != "UNAVAILABLE" || time.Since(healed) > 20*time.Second {
					t.Fatalf("after the fault ended: %q %v later", code, time.Since(healed))
				}
				time.Sleep(100 * time.Millisecond)
			}
			t.Logf("A wrote again %v after the fault ended", time.Since(healed).Round(time.Millisecond))
			if status := ready(); status != http.StatusOK {
				t.Errorf("/readyz after the fault = %d", status)
			}
			waitFor(t, "A to serve B's write made during the fault", func() bool {
				return a.Query(adminToken, `query($id: ID) { post(id: $id) { id } }`, map[string]any{"id": fromB}).Code() == ""
			})
		})
	}

	// Latency within the deadline is only slower.
	proxy.SetLatency(50 * time.Millisecond)
	if code, _ := write(a); code != "" {
		t.Errorf("a write with 50ms of latency: %s", code)
	}
	proxy.Restore()
}

func TestDBTimeoutConfig(t *testing.T) {
	env := func(v string) func(string) string {
		return func(k string) string {
			if k == "GUILDHALL_DB_TIMEOUT" {
				return v
			}
			return ""
		}
	}
	if c, err := app.ParseConfig(env(""), nil); err != nil || c.DBTimeout != 2*time.Second {
		t.Errorf("default: %v, %v", c.DBTimeout, err)
	}
	if c, err := app.ParseConfig(env("750ms"), nil); err != nil || c.DBTimeout != 750*time.Millisecond {
		t.Errorf("750ms: %v, %v", c.DBTimeout, err)
	}
	for _, bad := range []string{"soon", "10ms", "1h", "-2s"} {
		if _, err := app.ParseConfig(env(bad), nil); err == nil || !strings.Contains(err.Error(), "GUILDHALL_DB_TIMEOUT") {
			t.Errorf("%q: %v", bad, err)
		}
	}
}
