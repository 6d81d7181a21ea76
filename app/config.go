package app

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"go.mongodb.org/mongo-driver/v2/x/mongo/driver/connstring"

	"github.com/guildhall/guildhall/cms"
	"github.com/guildhall/guildhall/forwarded"
	"github.com/guildhall/guildhall/mongodb"
	"github.com/guildhall/guildhall/richtext"
)

// Config is everything Guildhall can be told, from the environment and flags. Names of the
// variables are a contract with deployments: keep them.
type Config struct {
	Addr        string   // GUILDHALL_ADDR, default ":8080"
	MongoURI    string   // MONGODB_URI; empty starts the embedded database
	Database    string   // GUILDHALL_DB, else the database named in MONGODB_URI, else "guildhall"
	DataDir     string   // GUILDHALL_DATA_DIR, default "./data": the embedded database's files
	AdminToken  string   // GUILDHALL_ADMIN_TOKEN: a bootstrap ADMIN bearer token; no default
	CORSOrigins []string // GUILDHALL_CORS_ORIGINS, comma-separated origins allowed to call /graphql; none: no browser origin may
	Production  bool     // GUILDHALL_ENV=production: no introspection, no field suggestions
	Seed        bool     // -seed: load the demo content into an empty database (default true)
	// PreviewKey (GUILDHALL_PREVIEW_KEY) signs preview links; at least 32 characters. Unset:
	// a random key created once in the database, shared by every instance.
	PreviewKey string

	// SiteURL is the public site that feeds, the sitemap and webhook payloads link to
	// (GUILDHALL_SITE_URL, e.g. "https://northfield.example"); posts are {site}/posts/{slug},
	// members {site}/members/{slug}. Empty: feeds and the sitemap use the origin each
	// request came to, and webhook payloads carry no links.
	SiteURL  string
	SiteName string // GUILDHALL_SITE_NAME, default "Guildhall": the title of the feeds
	// TrustedProxies (GUILDHALL_TRUSTED_PROXIES: IPs and CIDR prefixes) are the reverse
	// proxies whose Forwarded / X-Forwarded-Proto / X-Forwarded-Host headers say the public
	// origin when SiteURL is unset. Nobody's by default.
	TrustedProxies forwarded.Proxies

	// WebhookAllowPrivate lets webhooks target private, loopback and link-local addresses
	// (GUILDHALL_WEBHOOK_ALLOW_PRIVATE=true); off by default, so that a webhook cannot be
	// pointed at internal services.
	WebhookAllowPrivate bool
	// WebhookInterval is how often each instance looks for due webhook attempts
	// (GUILDHALL_WEBHOOK_INTERVAL, default 1s).
	WebhookInterval time.Duration
	// WebhookBackoff is the wait before each retry of a delivery (default webhook.Backoff,
	// about a day in all). Not read from the environment; tests shorten it.
	WebhookBackoff []time.Duration

	// DBTimeout (GUILDHALL_DB_TIMEOUT, default 2s) bounds each database call a request makes:
	// with the database gone or stalled, a write fails with UNAVAILABLE after it. Start-up
	// waits five times as long for the database to answer.
	DBTimeout time.Duration

	// RequireReview (GUILDHALL_REQUIRE_REVIEW=true) keeps authors from publishing: they submit
	// posts and changes to live posts for review, and an editor publishes them.
	RequireReview bool

	SyncInterval    time.Duration // GUILDHALL_SYNC_INTERVAL, default 1s: how often other instances' writes are picked up
	GracePeriod     time.Duration // GUILDHALL_GRACE_DAYS, default 30 days
	ExpiryNotice    time.Duration // GUILDHALL_EXPIRY_NOTICE_DAYS, default 30 days: when MEMBERSHIP_EXPIRING is sent
	ShutdownTimeout time.Duration // GUILDHALL_SHUTDOWN_TIMEOUT, default 20s: how long requests in flight may finish
	RequestTimeout  time.Duration // GUILDHALL_REQUEST_TIMEOUT, default 10s (also when zero): how long one request may run
	LogLevel        slog.Level    // GUILDHALL_LOG_LEVEL: debug, info (default), warn, error
	LogFormat       string        // GUILDHALL_LOG_FORMAT: text (default) or json

	// Snapshot (GUILDHALL_SNAPSHOT) is the file that keeps a copy of the catalog, so that a
	// start reads it and the change log since instead of all content (cms.Options.Snapshot).
	// Default "<data dir>/catalog-<database>.snapshot"; "off": none. Empty in a Config made
	// without ParseConfig (tests): none.
	Snapshot string
	// SnapshotInterval is how often a changed catalog is written to the snapshot (default
	// 10 minutes). Not read from the environment; tests shorten it.
	SnapshotInterval time.Duration

	// ResponseCacheOff (GUILDHALL_RESPONSE_CACHE=off) executes every GraphQL read, for
	// measuring execution and for debugging.
	ResponseCacheOff bool
	ResponseCacheMB  int           // GUILDHALL_RESPONSE_CACHE_MB, default 16: memory for cached responses
	PublicMaxAge     time.Duration // GUILDHALL_PUBLIC_MAX_AGE, default 5s: Cache-Control max-age of anonymous responses
	PprofAddr        string        // GUILDHALL_PPROF, off by default: a loopback address for net/http/pprof

	// MetricsAddr (GUILDHALL_METRICS_ADDR) serves /metrics on its own address instead of the
	// public one, such as 127.0.0.1:9090 or an interface only the monitoring network reaches.
	MetricsAddr string
	// MetricsToken (GUILDHALL_METRICS_TOKEN, at least 32 characters) makes /metrics ask for
	// Authorization: Bearer <token>, wherever it is served.
	MetricsToken string
	// MediaCacheMB (GUILDHALL_MEDIA_CACHE_MB, default 256) bounds this instance's disk cache
	// of image variants (and, on MongoDB, of originals) under the data folder.
	MediaCacheMB int
	// MediaURL (GUILDHALL_MEDIA_URL) is the public origin media is served from (this server,
	// or a CDN in front of it), for absolute asset URLs; empty means paths relative to this
	// server (/media/...).
	MediaURL string
	// RemoteImagesOff (GUILDHALL_REMOTE_IMAGES=off) refuses images on other sites in bodies.
	RemoteImagesOff bool
	// EmbedHosts (GUILDHALL_EMBED_HOSTS) are the video players bodies may embed; nil means
	// richtext.DefaultEmbedHosts, empty ("none") none.
	EmbedHosts []string
	// TrustedLinkHosts (GUILDHALL_TRUSTED_LINK_HOSTS) are hosts whose links get no nofollow.
	TrustedLinkHosts []string

	// Now is the clock; tests inject one. Nil means time.Now.
	Now func() time.Time
	// Failpoint simulates a crash between the steps of a membership change (cms.StepClaimed...)
	// and of every revision write ("post:revision"...; mongodb.StepIntent). Tests only.
	Failpoint func(step string) error
	// ChangeLog forces the change log's layout (mongodb.ChangeLogBuckets or
	// ChangeLogCollection) instead of the one chosen for the engine, so that tests run both on
	// the embedded engine. Tests only.
	ChangeLog string
}

// hostList splits a comma-separated list of host names.
func hostList(v string) []string {
	var out []string
	for _, h := range strings.Split(v, ",") {
		if h = strings.TrimSpace(h); h != "" {
			out = append(out, h)
		}
	}
	return out
}

// ParseConfig reads the configuration from getenv and the command-line args (without the
// program name). Flags override the environment.
func ParseConfig(getenv func(string) string, args []string) (Config, error) {
	service := cms.DefaultOptions()
	c := Config{
		Addr:            or(getenv("GUILDHALL_ADDR"), ":8080"),
		MongoURI:        strings.TrimSpace(getenv("MONGODB_URI")),
		DataDir:         or(getenv("GUILDHALL_DATA_DIR"), "./data"),
		AdminToken:      getenv("GUILDHALL_ADMIN_TOKEN"),
		PreviewKey:      getenv("GUILDHALL_PREVIEW_KEY"),
		Production:      strings.EqualFold(getenv("GUILDHALL_ENV"), "production"),
		Seed:            true,
		SyncInterval:    service.SyncInterval,
		DBTimeout:       mongodb.DefaultTimeout,
		GracePeriod:     service.GracePeriod,
		ExpiryNotice:    service.ExpiryNotice,
		ShutdownTimeout: 20 * time.Second,
		RequestTimeout:  DefaultRequestTimeout,
		LogFormat:       or(getenv("GUILDHALL_LOG_FORMAT"), "text"),
		SiteName:        or(getenv("GUILDHALL_SITE_NAME"), "Guildhall"),
		WebhookInterval: service.WebhookInterval,
		PublicMaxAge:    5 * time.Second,
		PprofAddr:       strings.TrimSpace(getenv("GUILDHALL_PPROF")),
		MetricsAddr:     strings.TrimSpace(getenv("GUILDHALL_METRICS_ADDR")),
		MetricsToken:    getenv("GUILDHALL_METRICS_TOKEN"),
		MediaCacheMB:    256,
	}
	var errs []error
	for _, o := range strings.Split(getenv("GUILDHALL_CORS_ORIGINS"), ",") {
		if o = strings.TrimSpace(o); o != "" {
			c.CORSOrigins = append(c.CORSOrigins, o)
		}
	}
	errs = append(errs,
		durationVar(getenv, "GUILDHALL_SYNC_INTERVAL", 10*time.Millisecond, "1s", &c.SyncInterval),
		durationVar(getenv, "GUILDHALL_DB_TIMEOUT", 100*time.Millisecond, "2s", &c.DBTimeout),
		durationVar(getenv, "GUILDHALL_SHUTDOWN_TIMEOUT", 0, "20s", &c.ShutdownTimeout),
		durationVar(getenv, "GUILDHALL_REQUEST_TIMEOUT", time.Millisecond, "10s", &c.RequestTimeout),
		durationVar(getenv, "GUILDHALL_WEBHOOK_INTERVAL", 10*time.Millisecond, "1s", &c.WebhookInterval))
	if c.DBTimeout > 5*time.Minute {
		errs = append(errs, fmt.Errorf("GUILDHALL_DB_TIMEOUT=%q: want at most 5m; a call that waits longer holds a request", getenv("GUILDHALL_DB_TIMEOUT")))
	}
	if v := getenv("GUILDHALL_EXPIRY_NOTICE_DAYS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || n > 365 {
			errs = append(errs, fmt.Errorf("GUILDHALL_EXPIRY_NOTICE_DAYS=%q: want a whole number of days, 0 to 365", v))
		}
		c.ExpiryNotice = time.Duration(n) * 24 * time.Hour
	}
	if v := getenv("GUILDHALL_GRACE_DAYS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || n > 3650 {
			errs = append(errs, fmt.Errorf("GUILDHALL_GRACE_DAYS=%q: want a whole number of days", v))
		}
		c.GracePeriod = time.Duration(n) * 24 * time.Hour
	}
	if v := strings.TrimSpace(getenv("GUILDHALL_SITE_URL")); v != "" {
		site, err := parseSiteURL(v)
		if err != nil {
			errs = append(errs, fmt.Errorf("GUILDHALL_SITE_URL=%q: %v", v, err))
		}
		c.SiteURL = site
	}
	if v := getenv("GUILDHALL_TRUSTED_PROXIES"); strings.TrimSpace(v) != "" {
		proxies, err := forwarded.Parse(v)
		if err != nil {
			errs = append(errs, fmt.Errorf("GUILDHALL_TRUSTED_PROXIES=%q: %v", v, err))
		}
		c.TrustedProxies = proxies
	}
	if v := getenv("GUILDHALL_MEDIA_CACHE_MB"); v != "" {
		n, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || n < 1 || n > 1<<20 {
			errs = append(errs, fmt.Errorf("GUILDHALL_MEDIA_CACHE_MB=%q: want a whole number of megabytes, at least 1", v))
		}
		c.MediaCacheMB = n
	}
	if v := strings.TrimSpace(getenv("GUILDHALL_MEDIA_URL")); v != "" {
		u, err := parseSiteURL(v)
		if err != nil {
			errs = append(errs, fmt.Errorf("GUILDHALL_MEDIA_URL=%q: %v", v, err))
		}
		c.MediaURL = u
	}
	if v := strings.TrimSpace(getenv("GUILDHALL_REMOTE_IMAGES")); v != "" {
		switch strings.ToLower(v) {
		case "on", "true", "1":
		case "off", "false", "0":
			c.RemoteImagesOff = true
		default:
			errs = append(errs, fmt.Errorf("GUILDHALL_REMOTE_IMAGES=%q: want on or off", v))
		}
	}
	if v := strings.TrimSpace(getenv("GUILDHALL_EMBED_HOSTS")); v != "" {
		c.EmbedHosts = []string{}
		if !strings.EqualFold(v, "none") {
			c.EmbedHosts = hostList(v)
		}
	}
	c.TrustedLinkHosts = hostList(getenv("GUILDHALL_TRUSTED_LINK_HOSTS"))
	errs = append(errs,
		boolVar(getenv, "GUILDHALL_WEBHOOK_ALLOW_PRIVATE", &c.WebhookAllowPrivate),
		boolVar(getenv, "GUILDHALL_REQUIRE_REVIEW", &c.RequireReview))
	if v := getenv("GUILDHALL_LOG_LEVEL"); v != "" {
		if err := c.LogLevel.UnmarshalText([]byte(v)); err != nil {
			errs = append(errs, fmt.Errorf("GUILDHALL_LOG_LEVEL=%q: want debug, info, warn or error", v))
		}
	}
	if c.PreviewKey != "" && len(c.PreviewKey) < 32 {
		errs = append(errs, errors.New("GUILDHALL_PREVIEW_KEY: want at least 32 characters (for example: openssl rand -hex 32)"))
	}
	errs = append(errs, c.parsePerformance(getenv)...)
	errs = append(errs, c.checkExposure()...)
	if c.LogFormat != "text" && c.LogFormat != "json" {
		errs = append(errs, fmt.Errorf("GUILDHALL_LOG_FORMAT=%q: want text or json", c.LogFormat))
	}

	fs := flag.NewFlagSet("guildhall", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&c.Addr, "addr", c.Addr, "listen address (GUILDHALL_ADDR)")
	fs.StringVar(&c.DataDir, "data", c.DataDir, "embedded database folder (GUILDHALL_DATA_DIR)")
	fs.BoolVar(&c.Seed, "seed", c.Seed, "load the demo content into an empty database")
	if err := fs.Parse(args); err != nil {
		errs = append(errs, fmt.Errorf("%w (flags: -addr, -data, -seed=false)", err))
	}
	if fs.NArg() > 0 {
		errs = append(errs, fmt.Errorf("unexpected arguments: %q", fs.Args()))
	}

	c.Database = getenv("GUILDHALL_DB")
	if c.Database == "" && c.MongoURI != "" {
		cs, err := connstring.ParseAndValidate(c.MongoURI)
		if err != nil {
			errs = append(errs, fmt.Errorf("MONGODB_URI is not a valid connection string: %v", mongodb.RedactError(err, c.MongoURI)))
		} else {
			c.Database = cs.Database
		}
	}
	c.Database = or(c.Database, "guildhall")
	switch v := strings.TrimSpace(getenv("GUILDHALL_SNAPSHOT")); {
	case v == "":
		c.Snapshot = filepath.Join(c.DataDir, "catalog-"+c.Database+".snapshot")
	case strings.EqualFold(v, "off"):
		c.Snapshot = ""
	default:
		c.Snapshot = v
	}
	return c, errors.Join(errs...)
}

// serviceOptions are the service's settings from the configuration.
func (c Config) serviceOptions(log *slog.Logger) cms.Options {
	return cms.Options{
		PreviewKey: []byte(c.PreviewKey),
		AdminToken: c.AdminToken, GracePeriod: c.GracePeriod, ExpiryNotice: c.ExpiryNotice, SyncInterval: c.SyncInterval,
		Now: c.Now, Logger: log, Failpoint: c.Failpoint,
		SiteURL: c.SiteURL, WebhookAllowPrivate: c.WebhookAllowPrivate, WebhookInterval: c.WebhookInterval,
		WebhookBackoff: c.WebhookBackoff, RequireReview: c.RequireReview, Snapshot: c.Snapshot, SnapshotInterval: c.SnapshotInterval,
		RemoteImagesOff: c.RemoteImagesOff, MediaURL: c.MediaURL,
		RichText: richtext.Options{EmbedHosts: c.EmbedHosts, TrustedLinkHosts: c.TrustedLinkHosts},
	}
}

// boolVar reads true or false from the variable name into *b when it is set, or returns why
// it cannot.
func boolVar(getenv func(string) string, name string, b *bool) error {
	v := getenv(name)
	if v == "" {
		return nil
	}
	parsed, err := strconv.ParseBool(strings.TrimSpace(v))
	if err != nil {
		return fmt.Errorf("%s=%q: want true or false", name, v)
	}
	*b = parsed
	return nil
}

// durationVar reads the duration in the variable name into *d when it is set, or returns why
// it cannot: it must be at least min, such as example.
func durationVar(getenv func(string) string, name string, min time.Duration, example string, d *time.Duration) error {
	v := getenv(name)
	if v == "" {
		return nil
	}
	parsed, err := time.ParseDuration(strings.TrimSpace(v))
	if err != nil || parsed < min {
		want := "a duration such as " + example
		if min > 0 {
			want = fmt.Sprintf("a duration of at least %v, such as %s", min, example)
		}
		return fmt.Errorf("%s=%q: want %s", name, v, want)
	}
	*d = parsed
	return nil
}

// parseSiteURL checks a site URL (absolute http or https, no query or fragment) and returns
// it without a trailing slash, so that "{site}/posts/..." joins cleanly. A path is kept: a
// site may live under one ("https://example.org/blog").
func parseSiteURL(v string) (string, error) {
	u, err := url.Parse(v)
	switch {
	case err != nil:
		return "", errors.New("not a URL")
	case u.Scheme != "http" && u.Scheme != "https":
		return "", errors.New("want an http or https URL, such as https://example.org")
	case u.Host == "":
		return "", errors.New("want an absolute URL with a host")
	case u.RawQuery != "" || u.Fragment != "" || u.User != nil:
		return "", errors.New("want no query, fragment or credentials")
	}
	return strings.TrimSuffix(u.String(), "/"), nil
}

// Logger builds the process logger the configuration asks for.
func (c Config) Logger(w io.Writer) *slog.Logger {
	opts := &slog.HandlerOptions{Level: c.LogLevel}
	if c.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

func or(v, def string) string {
	if strings.TrimSpace(v) == "" {
		return def
	}
	return strings.TrimSpace(v)
}
