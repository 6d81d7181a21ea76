// Package cms is Guildhall's service layer: the rules of the domain applied over the catalog
// (every read) and the store (every write). The GraphQL and feed transports call it and
// nothing below it.
//
// A write goes to the database first, the source of truth, and then into this instance's
// catalog, so the writer reads its own write at once. Other instances pick it up from the
// change log (see Follow).
package cms

import (
	"context"
	"crypto/subtle"
	"fmt"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/guildhall/guildhall"
	"github.com/guildhall/guildhall/catalog"
	"github.com/guildhall/guildhall/mongodb"
)

// Options configure a Service. The zero value of each field means its default.
type Options struct {
	// AdminToken, when set, is a bearer token with the ADMIN role (GUILDHALL_ADMIN_TOKEN).
	AdminToken string
	// GracePeriod is how long an expired membership stays in GRACE.
	GracePeriod time.Duration
	// SyncInterval is how often the change log is polled for other instances' writes.
	SyncInterval time.Duration
	// ChangeRetention is how long change-log entries are kept; a follower that falls further
	// behind reloads everything.
	ChangeRetention time.Duration
	// Now is the clock; tests inject their own.
	Now    func() time.Time
	Logger *slog.Logger
}

// Service answers every read and performs every write.
type Service struct {
	store   *mongodb.Store
	catalog atomic.Pointer[catalog.Catalog]
	opts    Options
	log     *slog.Logger
}

// New returns a service over the store. Call Load before serving.
func New(store *mongodb.Store, opts Options) *Service {
	if opts.GracePeriod == 0 {
		opts.GracePeriod = guildhall.DefaultGracePeriod
	}
	if opts.SyncInterval == 0 {
		opts.SyncInterval = time.Second
	}
	if opts.ChangeRetention == 0 {
		opts.ChangeRetention = time.Hour
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	s := &Service{store: store, opts: opts, log: opts.Logger}
	s.catalog.Store(catalog.New())
	store.OnChangeLogError = func(err error) {
		s.log.Error("change log write failed; other instances will miss this write until they reload", "err", err)
	}
	return s
}

// now is the service clock, at the millisecond precision the database stores, so what a
// writer holds in memory equals what a reload reads back.
func (s *Service) now() time.Time { return s.opts.Now().UTC().Truncate(time.Millisecond) }

// cat is the current catalog; a full reload swaps it whole.
func (s *Service) cat() *catalog.Catalog { return s.catalog.Load() }

// Generation changes whenever content this instance knows of changes.
func (s *Service) Generation() uint64 { return s.cat().Generation() }

// GracePeriod is the configured membership grace period.
func (s *Service) GracePeriod() time.Duration { return s.opts.GracePeriod }

// Load reads all content from the database into a fresh catalog and makes it current.
func (s *Service) Load(ctx context.Context) error {
	// Posts are indexed while the rest is still being read (see catalog.Preparer).
	prep := catalog.NewPreparer()
	content, err := s.store.LoadWatching(ctx, prep.Add)
	if err != nil {
		prep.Stop()
		return fmt.Errorf("load content: %w", err)
	}
	c := catalog.New()
	for _, m := range content.Members {
		c.PutMember(m)
	}
	for _, b := range content.Blocks {
		c.PutBlock(b)
	}
	c.PutPrepared(prep, content.Posts)
	c.SetPlans(content.Plans)
	s.catalog.Store(c)
	return nil
}

// Ready reports whether the database answers.
func (s *Service) Ready(ctx context.Context) error { return s.store.Ping(ctx) }

// Authenticate turns a bearer token into a viewer. An empty token is the anonymous reader; a
// token that is not valid is EUNAUTHORIZED, never silently anonymous, so a client with a
// broken credential finds out.
func (s *Service) Authenticate(ctx context.Context, token string) (*guildhall.Viewer, error) {
	if token == "" {
		return guildhall.Anonymous, nil
	}
	if s.opts.AdminToken != "" && subtle.ConstantTimeCompare([]byte(token), []byte(s.opts.AdminToken)) == 1 {
		return &guildhall.Viewer{Role: guildhall.RoleAdmin, TokenID: "admin-token"}, nil
	}
	return nil, guildhall.Errorf(guildhall.EUNAUTHORIZED, "The token is not valid.")
}

// require checks that the viewer in ctx has at least the role.
func require(ctx context.Context, role guildhall.Role) (*guildhall.Viewer, error) {
	v := guildhall.ViewerFrom(ctx)
	if v.Role == guildhall.RoleAnonymous {
		return nil, guildhall.Errorf(guildhall.EUNAUTHORIZED, "Sign in to do this.")
	}
	if !v.Role.AtLeast(role) {
		return nil, guildhall.Errorf(guildhall.EFORBIDDEN, "Your role may not do this.")
	}
	return v, nil
}
