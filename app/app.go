// Package app assembles Guildhall: configuration, the database (embedded or MongoDB), the
// service and its catalog, and the HTTP server with its routes and middleware. The server
// program (./server) and the end-to-end tests both start it through Start.
package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/guildhall/guildhall/cms"
	"github.com/guildhall/guildhall/demo"
	"github.com/guildhall/guildhall/embedded"
	"github.com/guildhall/guildhall/media"
	"github.com/guildhall/guildhall/mongodb"
)

// App is a running Guildhall.
type App struct {
	cfg      Config
	log      *slog.Logger
	embedded *embedded.Server
	store    *mongodb.Store
	svc      *cms.Service
	media    *media.Handler
	// mediaTemp is a temporary data folder for media, removed on close (see openMedia).
	mediaTemp string
	http      *http.Server
	ln        net.Listener
	stop      context.CancelFunc // stops background work (the change-log follower, webhook deliveries)
	// stopRequests ends the context of every request still running when a shutdown's
	// deadline passes, so that their work stops too.
	stopRequests context.CancelFunc
	workers      sync.WaitGroup // background work that must finish before the database closes
	served       chan error
	pprof        *http.Server // GUILDHALL_PPROF, when set
	// metricsSrv serves /metrics on GUILDHALL_METRICS_ADDR, when set.
	metricsSrv *http.Server
}

// Start opens the database, loads the content, and serves HTTP on cfg.Addr. It returns once
// the server is accepting connections.
func Start(ctx context.Context, cfg Config, log *slog.Logger) (*App, error) {
	a := &App{cfg: cfg, log: log, served: make(chan error, 1)}
	if err := a.start(ctx); err != nil {
		a.closeData() // what did start, stops; the caller gets the cause alone
		return nil, err
	}
	return a, nil
}

func (a *App) start(ctx context.Context) (err error) {
	began := time.Now()
	cfg, log := a.cfg, a.log
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	a.cfg.Now = cfg.Now
	if err := errors.Join(cfg.checkExposure()...); err != nil {
		return err
	}
	// The port first: a port in use is the commonest mistake, and loading first would make
	// the operator wait for the content before hearing of it.
	if a.ln, err = net.Listen("tcp", cfg.Addr); err != nil {
		return listenError(cfg.Addr, err)
	}
	if err := a.startPprof(); err != nil {
		return err
	}

	uri := cfg.MongoURI
	if uri == "" {
		if a.embedded, err = embedded.Start(cfg.DataDir, log); err != nil {
			return err
		}
		uri = a.embedded.URI()
		log.Info("started the embedded database", "data_dir", cfg.DataDir)
	}
	if a.store, err = openStore(ctx, cfg, uri); err != nil {
		return a.databaseError(err)
	}
	// One clock: the change log's times are compared with the follower's.
	a.store.Now = cfg.Now
	a.store.OnChangeLogError = func(err error) {
		log.Warn("a write is stored but its change-log commit is not; other instances find it through its intent", "err", err)
	}
	applied, err := a.store.Migrate(ctx)
	if err != nil {
		return a.databaseError(err)
	}
	if len(applied) > 0 {
		log.Info("applied database migrations", "migrations", applied)
	}

	if err := a.openMedia(); err != nil {
		return err
	}
	opts := cfg.serviceOptions(log)
	opts.Originals, opts.Pipeline, opts.OnOriginalDeleted = a.media.Originals, a.media.Pipeline, a.media.Cache.Remove
	a.svc = cms.New(a.store, opts)
	a.media.Asset = a.svc.CatalogAsset
	if cfg.Seed {
		// Loads too; with instances starting together, after the one that seeds is done.
		seeded, err := a.svc.SeedIfEmpty(ctx, demo.New(cfg.Now().UTC()))
		if err != nil {
			return a.databaseError(fmt.Errorf("load content: %w", err))
		}
		if seeded {
			log.Info("loaded the demo content into the empty database")
		}
	} else if err := a.svc.Load(ctx); err != nil {
		return a.databaseError(err)
	}

	handler, metrics := a.routes()
	if err := a.startMetrics(metrics); err != nil {
		return err
	}
	requests, stopRequests := context.WithCancel(context.Background())
	a.stopRequests = stopRequests
	a.http = &http.Server{
		Handler:           handler,
		BaseContext:       func(net.Listener) context.Context { return requests },
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	bg, stop := context.WithCancel(context.Background())
	a.stop = stop
	go a.svc.Follow(bg)
	// Deliveries in flight record their outcome before the database is closed.
	a.workers.Go(func() { a.svc.DeliverWebhooks(bg) })
	a.workers.Go(func() { a.svc.KeepSnapshot(bg) })
	go func() { a.served <- a.http.Serve(a.ln) }()
	log.Info("Guildhall is ready", "addr", a.ln.Addr().String(), "playground", "http://"+displayAddr(a.ln.Addr())+"/playground",
		"startup", time.Since(began).Round(time.Millisecond).String())
	return nil
}

// openMedia prepares where images live: originals as files under the data folder with the
// embedded engine (which would scan every stored chunk to find one in GridFS), in GridFS
// with MongoDB (so every instance reaches them); and this instance's bounded cache.
//
// A configuration without a data folder (tests that build one by hand) gets a temporary
// one, removed when the app stops.
func (a *App) openMedia() error {
	dataDir := a.cfg.DataDir
	if dataDir == "" {
		tmp, err := os.MkdirTemp("", "guildhall-media-")
		if err != nil {
			return err
		}
		dataDir, a.mediaTemp = tmp, tmp
	}
	originals, err := openOriginals(a.cfg, a.store, dataDir)
	if err != nil {
		return err
	}
	cache, err := media.OpenCache(filepath.Join(dataDir, "media", "cache"), int64(max(a.cfg.MediaCacheMB, 1))<<20)
	if err != nil {
		return err
	}
	a.media = &media.Handler{Originals: originals, Cache: cache, Pipeline: media.NewPipeline(0), Log: a.log}
	return nil
}

// openOriginals is where asset originals are kept: files under dataDir with the embedded
// engine, GridFS with MongoDB (see openMedia).
func openOriginals(cfg Config, store *mongodb.Store, dataDir string) (media.Originals, error) {
	if cfg.MongoURI != "" {
		return store.Originals(), nil
	}
	return media.NewDirOriginals(filepath.Join(dataDir, "media", "originals"))
}

// Addr is the address the server listens on (useful with port 0).
func (a *App) Addr() string { return a.ln.Addr().String() }

// Service is the service layer, for tests and tools that need to reach behind HTTP.
func (a *App) Service() *cms.Service { return a.svc }

// Shutdown stops accepting requests, lets those in flight finish (up to the context's
// deadline), then closes the database.
func (a *App) Shutdown(ctx context.Context) error {
	err := a.http.Shutdown(ctx)
	if err != nil {
		// Out of time: requests still running are stopped (their work checks its context)
		// and their connections closed.
		a.stopRequests()
		_ = a.http.Close()
	}
	if srvErr := <-a.served; srvErr != nil && !errors.Is(srvErr, http.ErrServerClosed) {
		err = errors.Join(err, srvErr)
	}
	a.closeData()
	return err
}

func (a *App) closeData() {
	if a.http == nil && a.ln != nil { // start failed before serving
		_ = a.ln.Close()
	}
	a.stopPprof()
	a.stopMetrics()
	if a.stop != nil {
		a.stop()
	}
	a.workers.Wait()
	if a.http != nil { // it served: the catalog is worth keeping for the next start
		if err := a.svc.WriteSnapshot(); err != nil {
			a.log.Warn("the next start loads everything from the database", "err", err)
		}
	}
	if a.store != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		_ = a.store.Close(ctx)
		cancel()
	}
	if a.embedded != nil {
		_ = a.embedded.Close()
	}
	if a.mediaTemp != "" {
		_ = os.RemoveAll(a.mediaTemp)
	}
}

// Run starts Guildhall and serves until ctx is cancelled (SIGINT or SIGTERM in the server
// program), then shuts down gracefully.
func Run(ctx context.Context, cfg Config, log *slog.Logger) error {
	loaded := tuneGCForLoading(ctx)
	a, err := Start(ctx, cfg, log)
	if err != nil {
		return err
	}
	loaded()
	select {
	case <-ctx.Done():
	case err := <-a.served:
		a.served <- err // Shutdown reads it
	}
	log.Info("shutting down; finishing requests in flight", "timeout", cfg.ShutdownTimeout.String())
	sctx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
	defer cancel()
	if err := a.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	log.Info("stopped")
	return nil
}

// displayAddr turns a wildcard listen address into one a browser can open.
func displayAddr(addr net.Addr) string {
	tcp, ok := addr.(*net.TCPAddr)
	if !ok || tcp.IP.IsUnspecified() {
		if ok {
			return fmt.Sprintf("localhost:%d", tcp.Port)
		}
	}
	return addr.String()
}
