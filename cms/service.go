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
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sync/singleflight"
	"golang.org/x/time/rate"

	"github.com/guildhall/guildhall"
	"github.com/guildhall/guildhall/auth"
	"github.com/guildhall/guildhall/catalog"
	"github.com/guildhall/guildhall/media"
	"github.com/guildhall/guildhall/richtext"
	"github.com/guildhall/guildhall/webhook"
)

// Options configure a Service. The zero value of each field means its default.
type Options struct {
	// AdminToken, when set, is a bearer token with the ADMIN role (GUILDHALL_ADMIN_TOKEN).
	AdminToken string
	// GracePeriod is how long an expired membership stays in GRACE. Zero is a setting (no
	// grace), not the default: start from DefaultOptions.
	GracePeriod time.Duration
	// ExpiryNotice is how long before a membership expires MEMBERSHIP_EXPIRING is sent
	// (GUILDHALL_EXPIRY_NOTICE_DAYS). Zero is a setting (none sent), like GracePeriod.
	ExpiryNotice time.Duration
	// SyncInterval is how often the change log is polled for other instances' writes.
	SyncInterval time.Duration
	// ChangeRetention is how long change-log entries are kept; a follower that falls further
	// behind reloads everything.
	ChangeRetention time.Duration
	// SessionTTL is how long a login session lasts.
	SessionTTL time.Duration
	// LoginFailures failed logins for an account from one address (four times as many from
	// an address across accounts, ten times for an account across addresses) start the
	// waits between attempts: a second, doubling with each failure, at most 15 minutes
	// (auth.Throttle).
	LoginFailures int
	// Failpoint, when set, is called after each step of a membership change; an error stops
	// the change there, as a crash would. Tests only.
	Failpoint func(step string) error
	// Now is the clock; tests inject their own.
	Now    func() time.Time
	Logger *slog.Logger
	// PreviewKey signs preview links (GUILDHALL_PREVIEW_KEY). Empty means a random key
	// created once in the database and shared by every instance.
	PreviewKey []byte

	// SiteURL is the public site (GUILDHALL_SITE_URL) that webhook payloads link to; when
	// empty, payloads carry no links.
	SiteURL string
	// WebhookAllowPrivate lets webhooks target private, loopback and link-local addresses
	// (GUILDHALL_WEBHOOK_ALLOW_PRIVATE).
	WebhookAllowPrivate bool
	// WebhookInterval is how often the delivery worker looks for due attempts (default 1s).
	WebhookInterval time.Duration
	// WebhookBackoff is the wait before each retry of a delivery; there are as many retries
	// as waits. Default webhook.Backoff, about a day in all.
	WebhookBackoff []time.Duration
	// RequireReview (GUILDHALL_REQUIRE_REVIEW) keeps authors from putting anything live:
	// they submit posts and changes for review, and an editor publishes them.
	RequireReview bool
	// WebhookClient sends deliveries; nil means webhook.NewClient with WebhookAllowPrivate.
	WebhookClient *http.Client

	// Originals stores the bytes of uploaded images; nil means uploads fail (tests that do
	// not upload need none).
	Originals media.Originals
	// Pipeline cleans uploads; nil means media.NewPipeline(0).
	Pipeline *media.Pipeline
	// OnOriginalDeleted is told the sum of an original removed with the last asset that
	// had it, so the media handler can drop its cached copies.
	OnOriginalDeleted func(sum string)
	// RemoteImagesOff refuses images on other sites in bodies (GUILDHALL_REMOTE_IMAGES=off).
	RemoteImagesOff bool
	// RichText configures the sanitiser (embed hosts, trusted link hosts, the site's URL).
	RichText richtext.Options
	// MediaURL is the origin media is served from (GUILDHALL_MEDIA_URL), for absolute asset
	// URLs; empty means paths relative to this server.
	MediaURL string
	// Snapshot is the file the catalog's snapshot is kept in (GUILDHALL_SNAPSHOT); empty
	// means none: every start loads everything from the database.
	Snapshot string
	// SnapshotInterval is how often a changed catalog is written to its snapshot (default
	// 10 minutes); KeepSnapshot does it.
	SnapshotInterval time.Duration
}

// Service answers every read and performs every write.
type Service struct {
	// previewKey signs preview links; set by Load.
	previewKey atomic.Pointer[[]byte]

	store   stores
	catalog atomic.Pointer[catalog.Catalog]
	// swapping is held (for writing) while Load replaces the catalog, and (for reading) by
	// every write while it puts into the catalog: see write.
	swapping sync.RWMutex
	creds    atomic.Pointer[credentials]
	// catchingUp makes concurrent catch-ups share one read of the change log (see catchUp).
	catchingUp singleflight.Group
	// reading is held by Follow's polls and by catchUp from their read of the change log
	// until what it found is in the catalog. A read settles the intents it finds the
	// revisions of, which then no longer hold the snapshot's watermark back (setWatermark):
	// Follow must not move the watermark past them before they are applied.
	reading sync.Mutex
	logins  *auth.Throttle // failed logins and password changes
	locks   memberLocks
	// tokenLookups bounds database lookups of unknown tokens (see fetchNewToken).
	tokenLookups *rate.Limiter
	opts         Options
	log          *slog.Logger
	hooks        *http.Client // sends webhook deliveries
	// instance names this process in the claims of webhook attempts.
	instance string

	pipeline  *media.Pipeline
	originals media.Originals
	importer  *http.Client // fetches ImportAssetFromURL's images
	rich      *richtext.Sanitizer
	// snapshots is what writing the catalog's snapshot needs to know (snapshot.go).
	snapshots snapshotState
}

// DefaultOptions are the settings a service runs with unless told otherwise, in one place:
// the server's configuration starts from them (app.ParseConfig), and New takes each zero
// field but GracePeriod and ExpiryNotice from them.
func DefaultOptions() Options {
	return Options{
		GracePeriod:      guildhall.DefaultGracePeriod,
		ExpiryNotice:     guildhall.DefaultExpiryNotice,
		SyncInterval:     time.Second,
		ChangeRetention:  time.Hour,
		SessionTTL:       12 * time.Hour,
		LoginFailures:    5,
		WebhookInterval:  time.Second,
		WebhookBackoff:   webhook.Backoff,
		SnapshotInterval: 10 * time.Minute,
		Now:              time.Now,
	}
}

// New returns a service over the store. Call Load before serving.
func New(store Store, opts Options) *Service {
	d := DefaultOptions()
	orDefault(&opts.SyncInterval, d.SyncInterval)
	orDefault(&opts.ChangeRetention, d.ChangeRetention)
	orDefault(&opts.SessionTTL, d.SessionTTL)
	orDefault(&opts.LoginFailures, d.LoginFailures)
	orDefault(&opts.WebhookInterval, d.WebhookInterval)
	orDefault(&opts.SnapshotInterval, d.SnapshotInterval)
	if opts.Now == nil {
		opts.Now = d.Now
	}
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	if opts.WebhookBackoff == nil {
		opts.WebhookBackoff = d.WebhookBackoff
	}
	if opts.WebhookClient == nil {
		opts.WebhookClient = webhook.NewClient(webhook.ClientOptions{AllowPrivate: opts.WebhookAllowPrivate})
	}
	s := &Service{store: split(store), opts: opts, log: opts.Logger, hooks: opts.WebhookClient, instance: guildhall.NewID("ins", time.Now())}
	s.pipeline, s.originals = opts.Pipeline, opts.Originals
	if s.pipeline == nil {
		s.pipeline = media.NewPipeline(0)
	}
	if s.originals == nil {
		s.originals = noOriginals{}
	}
	s.importer = newImporter(opts.WebhookAllowPrivate)
	if opts.RichText.SiteURL == "" {
		opts.RichText.SiteURL = opts.SiteURL
	}
	s.rich = richtext.New(opts.RichText)
	s.tokenLookups = rate.NewLimiter(20, 20)
	// An address may be an office behind one NAT: it gets more tries than one account.
	s.logins = &auth.Throttle{PairFree: opts.LoginFailures, AddressFree: 4 * opts.LoginFailures, AccountFree: 10 * opts.LoginFailures,
		Base: time.Second, Max: 15 * time.Minute, Forget: time.Hour, Now: opts.Now}
	s.snapshots.soon = make(chan struct{}, 1)
	s.catalog.Store(catalog.New())
	s.creds.Store(newCredentials())
	return s
}

// orDefault sets *v to def if it is zero.
func orDefault[T comparable](v *T, def T) {
	var zero T
	if *v == zero {
		*v = def
	}
}

// now is the service clock, at the millisecond precision the database stores, so what a
// writer holds in memory equals what a reload reads back.
func (s *Service) now() time.Time { return s.opts.Now().UTC().Truncate(time.Millisecond) }

// cat is the current catalog; a full reload swaps it whole.
func (s *Service) cat() *catalog.Catalog { return s.catalog.Load() }

// write puts what this instance has just stored into the current catalog, so that the writer
// reads its own write at once. A reload (Load) does not swap the catalog while a write puts:
// a put either lands before the swap, when its change-log entry is already in the database
// for Load to catch up with, or after it, in the new catalog.
func (s *Service) write(put func(*catalog.Catalog)) {
	s.swapping.RLock()
	defer s.swapping.RUnlock()
	put(s.cat())
}

// Generation changes whenever content this instance knows of changes.
func (s *Service) Generation() uint64 { return s.cat().Generation() }

// GracePeriod is the configured membership grace period.
func (s *Service) GracePeriod() time.Duration { return s.opts.GracePeriod }

// Load fills a fresh catalog and makes it current: from the local snapshot when there is a
// usable one (Options.Snapshot; see loadSnapshot), else from the database (LoadAll).
func (s *Service) Load(ctx context.Context) error {
	if s.opts.Snapshot != "" {
		if loaded, err := s.loadSnapshot(ctx); loaded || err != nil {
			return err
		}
	}
	return s.LoadAll(ctx)
}

// LoadAll reads all content from the database into a fresh catalog and makes it current.
// Writes this instance makes meanwhile are not lost: before the new catalog takes the old
// one's place, it catches up with the change log from when the load began.
func (s *Service) LoadAll(ctx context.Context) error {
	if s.opts.Snapshot != "" && s.snapshots.database.Load() == nil {
		database, err := s.store.content.DatabaseID(ctx)
		if err != nil {
			return fmt.Errorf("name of the database's content: %w", err)
		}
		s.snapshots.database.Store(&database)
	}
	began := s.now()
	// Posts are indexed while the rest is still being read (see catalog.Preparer).
	prep := catalog.NewPreparer()
	defer prep.Stop() // on the error paths; PutPrepared stops it otherwise
	content, err := s.store.content.LoadWatching(ctx, prep.Add)
	if err != nil {
		return fmt.Errorf("load content: %w", err)
	}
	if err := s.loadPreviewKey(ctx); err != nil {
		return err
	}
	c := catalog.New()
	for _, r := range content.PostHistory {
		c.PutRevision(r)
	}
	for _, m := range content.Members {
		c.PutMember(m)
	}
	for _, b := range content.Blocks {
		c.PutBlock(b)
	}
	c.PutPrepared(prep, content.Posts)
	c.PostsDeletedAt(content.PostsDeletedAt)
	c.SetPlans(content.Plans)
	for _, w := range content.Webhooks {
		c.PutWebhook(w)
	}
	// Deletions are remembered, or the start's re-read of the change log could bring back
	// what was deleted moments before (an entry of an earlier version).
	for id, version := range content.Tombstones {
		switch guildhall.KindOf(id) {
		case guildhall.KindPost:
			c.RemovePost(id, version, time.Time{}) // when: content.PostsDeletedAt
		case guildhall.KindBlock:
			c.RemoveBlock(id, version)
		case guildhall.KindWebhook:
			c.RemoveWebhook(id, version)
		}
	}
	assets, deletedAssets, err := s.store.assets.Assets(ctx)
	if err != nil {
		return fmt.Errorf("load assets: %w", err)
	}
	for _, a := range assets {
		c.PutAsset(a)
	}
	for id, version := range deletedAssets {
		c.RemoveAsset(id, version)
	}
	if err := s.swapIn(ctx, c, began.Add(-followOverlap), nil); err != nil {
		return err
	}
	s.snapshots.loadedAll.Store(true)
	return s.loadCredentials(ctx)
}

// Ready reports whether the database answers.
func (s *Service) Ready(ctx context.Context) error { return s.store.ping(ctx) }

// noOriginals is the originals store of a service configured without one.
type noOriginals struct{}

func (noOriginals) Put(context.Context, string, []byte) error {
	return guildhall.Errorf(guildhall.EUNAVAILABLE, "Uploads are not configured on this server.")
}
func (noOriginals) Open(context.Context, string) (io.ReadCloser, error) {
	return nil, guildhall.NotFound("Original")
}
func (noOriginals) Delete(context.Context, string) error { return nil }

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
