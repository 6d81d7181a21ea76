// Package embedded runs FerretDB (SQLite backend) inside the Guildhall process, so that the
// server and the tests talk to a real MongoDB wire-protocol database with no outside service.
//
// It is the default when no MONGODB_URI is configured. Its limits (every query scans, no
// transactions, updates without locks) are measured in docs/STORE.md; the store and catalog
// are designed around them.
package embedded

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"

	"github.com/FerretDB/FerretDB/ferretdb"
)

// Server is a running embedded database.
type Server struct {
	dir    string
	f      *ferretdb.FerretDB
	cancel context.CancelFunc
	done   chan struct{}
}

// Start opens (creating it if needed) the SQLite data folder dir and serves the MongoDB wire
// protocol on a random loopback port. FerretDB's own logging goes to logger at ERROR
// only: its other lines (including warnings about commands the driver sends that it does
// not implement) are noise to a Guildhall operator.
func Start(dir string, logger *slog.Logger) (*Server, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("embedded database: data folder %q: %w", dir, err)
	}
	if err := checkFolder(abs); err != nil {
		return nil, err
	}
	if logger == nil {
		logger = slog.Default()
	}
	quiet := slog.New(levelFilter{min: slog.LevelError, next: logger.Handler()}).With("component", "ferretdb")

	f, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: "127.0.0.1:0"},
		Logger:    quiet,
		Handler:   "sqlite",
		SQLiteURL: "file:" + filepath.ToSlash(abs) + "/", // FerretDB wants a folder URL ending in "/"
	})
	if err != nil {
		// FerretDB opens every database file of the folder here; say which one failed.
		if damaged, cause := FindDamaged(abs); damaged != "" {
			return nil, DamagedError(damaged, cause)
		}
		return nil, fmt.Errorf("embedded database in %s: %w", abs, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	s := &Server{dir: abs, f: f, cancel: cancel, done: make(chan struct{})}
	go func() {
		defer close(s.done)
		_ = f.Run(ctx)
	}()
	return s, nil
}

// URI is the connection string for the MongoDB driver.
func (s *Server) URI() string { return s.f.MongoDBURI() }

// Dir is the absolute path of the data folder.
func (s *Server) Dir() string { return s.dir }

// Close stops the server and waits until its connections and files are closed.
func (s *Server) Close() error {
	s.cancel()
	<-s.done
	return nil
}

// levelFilter passes on records at or above min.
type levelFilter struct {
	min  slog.Level
	next slog.Handler
}

func (h levelFilter) Enabled(ctx context.Context, l slog.Level) bool {
	return l >= h.min && h.next.Enabled(ctx, l)
}

func (h levelFilter) Handle(ctx context.Context, r slog.Record) error { return h.next.Handle(ctx, r) }

func (h levelFilter) WithAttrs(attrs []slog.Attr) slog.Handler {
	return levelFilter{min: h.min, next: h.next.WithAttrs(attrs)}
}

func (h levelFilter) WithGroup(name string) slog.Handler {
	return levelFilter{min: h.min, next: h.next.WithGroup(name)}
}
