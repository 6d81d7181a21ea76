package app_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"testing"
	"time"

	"github.com/guildhall/guildhall/app"
)

// startBenchServer runs Guildhall with the demo content for a benchmark, as MustRunServer
// does for a test.
func startBenchServer(b *testing.B, configure func(*app.Config)) string {
	b.Helper()
	cfg := app.Config{
		Addr: "127.0.0.1:0", MongoURI: sharedURI, Database: "bench_" + rand.Text()[:12], AdminToken: adminToken,
		Seed: true, SyncInterval: time.Second, GracePeriod: 30 * 24 * time.Hour, ShutdownTimeout: 5 * time.Second,
		Now: func() time.Time { return fixtureNow },
	}
	if configure != nil {
		configure(&cfg)
	}
	a, err := app.Start(context.Background(), cfg, slog.New(slog.DiscardHandler))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = a.Shutdown(ctx)
	})
	return "http://" + a.Addr()
}

// BenchmarkQ1 is the bench's Q1 (the 20 newest posts with their authors) over HTTP on
// loopback, with 16 concurrent clients, answered from the response cache and executed.
// Allocations include the client's.
func BenchmarkQ1(b *testing.B) {
	body, _ := json.Marshal(map[string]any{"query": `{ posts(first: 20) { nodes { title slug publishedAt author { name slug } } } }`})
	for _, bc := range []struct {
		name string
		off  bool
	}{{"cached", false}, {"cold", true}} {
		b.Run(bc.name, func(b *testing.B) {
			url := startBenchServer(b, func(c *app.Config) { c.ResponseCacheOff = bc.off }) + "/graphql"
			b.ReportAllocs()
			b.SetParallelism(8)
			b.RunParallel(func(pb *testing.PB) {
				client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 1}}
				var buf bytes.Buffer
				for pb.Next() {
					req, _ := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
					req.Header.Set("Content-Type", "application/json")
					resp, err := client.Do(req)
					if err != nil {
						b.Error(err)
						return
					}
					buf.Reset()
					_, _ = io.Copy(&buf, resp.Body)
					resp.Body.Close()
					if resp.StatusCode != http.StatusOK || bytes.HasPrefix(buf.Bytes(), []byte(`{"errors"`)) {
						b.Errorf("status %d: %s", resp.StatusCode, buf.Bytes())
						return
					}
				}
			})
		})
	}
}
