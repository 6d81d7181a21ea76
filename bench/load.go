package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/HdrHistogram/hdrhistogram-go"
)

// job makes one connection's requests for a scenario and judges the answers. Each load
// worker has its own job, so a job may keep state (W1 tracks the versions of its posts).
type job interface {
	request() (*http.Request, error)
	// check returns nil for a success; anything else counts as an error.
	check(status int, body []byte) error
}

// result is what one phase of load measured.
type result struct {
	requests, errors int64
	elapsed          time.Duration
	latency          *hdrhistogram.Histogram // microseconds
	firstError       string
}

func (r result) perSecond() float64 {
	if r.elapsed <= 0 {
		return 0
	}
	return float64(r.requests) / r.elapsed.Seconds()
}

func (r result) quantileMillis(q float64) float64 {
	return float64(r.latency.ValueAtQuantile(q)) / 1000
}

// client is one keep-alive connection: every worker has its own, so the load is exactly
// conns connections, as wrk's -c.
func newClient() *http.Client {
	return &http.Client{Transport: &http.Transport{
		DialContext:         (&net.Dialer{Timeout: 5 * time.Second}).DialContext,
		MaxIdleConns:        1,
		MaxIdleConnsPerHost: 1,
		MaxConnsPerHost:     1,
		DisableCompression:  true,
		IdleConnTimeout:     time.Minute,
	}, Timeout: 60 * time.Second}
}

// drive runs jobs, one worker each, for d.
//
// With rate 0 it is a closed loop: every worker sends its next request as soon as the last
// one is answered, which finds the most the server can do (requests a second).
//
// With rate > 0 it is an open loop on a constant schedule: request i is due at
// start + i/rate whatever happened before, the next free worker sends it, and its latency
// is measured from when it was due, not from when it was sent. A stalled server therefore
// shows as latency for every request that should have gone out meanwhile, which a closed
// loop would silently not send (coordinated omission).
func drive(ctx context.Context, jobs []job, clients []*http.Client, d time.Duration, rate float64) result {
	var (
		mu    sync.Mutex
		total = result{latency: hdrhistogram.New(1, 120_000_000, 3)}
		next  atomic.Int64
		wg    sync.WaitGroup
	)
	start := time.Now()
	end := start.Add(d)
	var interval time.Duration
	if rate > 0 {
		interval = time.Duration(float64(time.Second) / rate)
	}
	for w := range jobs {
		wg.Go(func() {
			h := hdrhistogram.New(1, 120_000_000, 3)
			var n, errs int64
			first := ""
			buf := &bytes.Buffer{}
			for ctx.Err() == nil {
				var due time.Time
				if rate > 0 {
					due = start.Add(time.Duration(next.Add(1)-1) * interval)
					if !due.Before(end) {
						break
					}
					if wait := time.Until(due); wait > 0 {
						time.Sleep(wait)
					}
				} else {
					due = time.Now()
					if !due.Before(end) {
						break
					}
				}
				err := send(clients[w], jobs[w], buf)
				_ = h.RecordValue(max(1, time.Since(due).Microseconds()))
				n++
				if err != nil {
					errs++
					if first == "" {
						first = err.Error()
					}
				}
			}
			mu.Lock()
			defer mu.Unlock()
			total.latency.Merge(h)
			total.requests += n
			total.errors += errs
			if total.firstError == "" {
				total.firstError = first
			}
		})
	}
	wg.Wait()
	total.elapsed = time.Since(start)
	return total
}

func send(c *http.Client, j job, buf *bytes.Buffer) error {
	req, err := j.request()
	if err != nil {
		return err
	}
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	buf.Reset()
	_, err = buf.ReadFrom(resp.Body)
	resp.Body.Close()
	if err != nil {
		return err
	}
	return j.check(resp.StatusCode, buf.Bytes())
}

// graphQLOK accepts a 200 whose body carries no errors. gqlgen writes "errors" before
// "data", so an error response starts with it.
func graphQLOK(status int, body []byte) error {
	if status != http.StatusOK {
		return fmt.Errorf("HTTP %d: %.200s", status, body)
	}
	if bytes.HasPrefix(body, []byte(`{"errors"`)) {
		return fmt.Errorf("GraphQL error: %.300s", body)
	}
	return nil
}

// fetch sends one request outside of any measurement (setting up a scenario).
func fetch(req *http.Request) ([]byte, error) { return fetchWith(http.DefaultClient, req) }

// fetchWith sends one request with client; an answer that is not a GraphQL success is an
// error (the body comes back with it).
func fetchWith(client *http.Client, req *http.Request) ([]byte, error) {
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	return body, graphQLOK(resp.StatusCode, body)
}
