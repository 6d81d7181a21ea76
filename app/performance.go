package app

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net"
	"net/http"
	"net/http/pprof"
	"os"
	"runtime/debug"
	runtimemetrics "runtime/metrics"
	"strconv"
	"strings"
	"time"

	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/guildhall/guildhall/respcache"
)

// parsePerformance reads the settings of the response cache and the profiler.
func (c *Config) parsePerformance(getenv func(string) string) []error {
	var errs []error
	switch v := strings.ToLower(strings.TrimSpace(getenv("GUILDHALL_RESPONSE_CACHE"))); v {
	case "", "on":
	case "off":
		c.ResponseCacheOff = true
	default:
		errs = append(errs, fmt.Errorf("GUILDHALL_RESPONSE_CACHE=%q: want on or off", v))
	}
	if v := getenv("GUILDHALL_RESPONSE_CACHE_MB"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 1<<16 {
			errs = append(errs, fmt.Errorf("GUILDHALL_RESPONSE_CACHE_MB=%q: want a whole number of MiB, such as 16", v))
		}
		c.ResponseCacheMB = n
	}
	if err := durationVar(getenv, "GUILDHALL_PUBLIC_MAX_AGE", 0, "5s (0 to make CDNs revalidate every time)", &c.PublicMaxAge); err != nil {
		errs = append(errs, err)
	}
	if c.PprofAddr != "" {
		host, _, err := net.SplitHostPort(c.PprofAddr)
		if ip := net.ParseIP(host); err != nil || (host != "localhost" && (ip == nil || !ip.IsLoopback())) {
			errs = append(errs, fmt.Errorf("GUILDHALL_PPROF=%q: want a loopback address such as 127.0.0.1:6060 (profiles reveal internals)", c.PprofAddr))
		}
	}
	return errs
}

// cacheResponses puts the response cache in front of the GraphQL handler, unless the
// configuration turns it off, and reports its counts as metrics.
func (a *App) cacheResponses(gql *handler.Server, reg prometheus.Registerer) http.Handler {
	if a.cfg.ResponseCacheOff {
		return gql
	}
	c := respcache.New(respcache.Options{
		MaxBytes: int64(a.cfg.ResponseCacheMB) << 20, PublicMaxAge: a.cfg.PublicMaxAge,
		Now: a.cfg.Now, Generation: a.svc.Generation, NextChange: a.svc.NextChange,
	})
	gql.Use(c)
	for i, name := range []string{"hits", "misses", "stored", "not_modified"} {
		reg.MustRegister(prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name: "guildhall_response_cache_" + name + "_total",
			Help: "GraphQL response cache lookups: hits, misses (executed), stored, and 304s.",
		}, func() float64 {
			counts := [4]uint64{}
			counts[0], counts[1], counts[2], counts[3] = c.Stats()
			return float64(counts[i])
		}))
	}
	return c.Handler(gql)
}

// The garbage collector's settings, unless the environment sets GOGC or GOMEMLIMIT itself.
//
// Loading the content at start makes garbage many times its own size (the database's
// documents, decoded twice over) while the content it keeps grows: collecting at half again
// what is live (50) keeps that peak down. Serving then runs at Go's default (100): most of
// the heap is content held for good, and the garbage a request makes is small; the headroom
// halves how often the collector runs, and each run is what slows the requests it overlaps
// (the slowest 1% of requests were those; README, Benchmark).
const (
	loadingGOGC = 50
	servingGOGC = 100
)

// tuneGCForLoading applies loadingGOGC and returns what to call once the content is loaded:
// it applies servingGOGC, gives the memory the load left free back to the system, and keeps
// the memory limit following the content until ctx ends.
func tuneGCForLoading(ctx context.Context) (loaded func()) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	debug.SetGCPercent(loadingGOGC)
	return func() {
		debug.SetGCPercent(servingGOGC)
		debug.FreeOSMemory()
		go followLiveHeap(ctx, memoryLimitEvery)
	}
}

// The soft memory limit is twice the live heap (what servingGOGC lets the heap reach
// anyway) plus memoryHeadroom for everything else, re-set every memoryLimitEvery as the
// content grows or shrinks. Without a limit the runtime keeps the memory that collections
// free and returns it to the system slowly, so under a write-heavy load the process held
// half again what it used; near the limit it returns it at once. The heap reaches the
// collector's own goal before the limit (unless the rest of the process outgrows the
// headroom), so the limit costs few extra collections, and following the live heap it never
// falls below what the content needs (a fixed limit would make the collector run without
// pause once the content outgrew it).
const (
	memoryHeadroom   = 64 << 20
	memoryLimitEvery = 5 * time.Second
)

func followLiveHeap(ctx context.Context, every time.Duration) {
	sample := []runtimemetrics.Sample{{Name: "/gc/heap/live:bytes"}}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		runtimemetrics.Read(sample)
		if sample[0].Value.Kind() == runtimemetrics.KindUint64 {
			debug.SetMemoryLimit(memoryLimit(sample[0].Value.Uint64()))
		}
		select {
		case <-ctx.Done():
			debug.SetMemoryLimit(math.MaxInt64)
			return
		case <-t.C:
		}
	}
}

// memoryLimit is the soft memory limit for a live heap of live bytes.
func memoryLimit(live uint64) int64 {
	return int64(min(2*live+memoryHeadroom, math.MaxInt64/2))
}

// startPprof serves net/http/pprof on the configured loopback address, before anything else
// starts, so that start-up itself can be profiled. Off unless GUILDHALL_PPROF is set.
func (a *App) startPprof() error {
	if a.cfg.PprofAddr == "" {
		return nil
	}
	ln, err := net.Listen("tcp", a.cfg.PprofAddr)
	if err != nil {
		return fmt.Errorf("GUILDHALL_PPROF: %w", err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	a.pprof = &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		if err := a.pprof.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			a.log.Warn("pprof listener stopped", "err", err)
		}
	}()
	a.log.Info("serving pprof", "addr", ln.Addr().String())
	return nil
}

func (a *App) stopPprof() {
	if a.pprof != nil {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		_ = a.pprof.Shutdown(ctx)
	}
}
