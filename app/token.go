package app

import (
	"context"
	"log/slog"

	"github.com/guildhall/guildhall"
	"github.com/guildhall/guildhall/cms"
	"github.com/guildhall/guildhall/embedded"
	"github.com/guildhall/guildhall/media"
	"github.com/guildhall/guildhall/mongodb"
)

// Offline is the service over the configured database without an HTTP server: what the
// command line's tools (token, import, export, restore) work through. Running servers on the
// same database learn of its writes through the change log.
type Offline struct {
	Service *cms.Service
	Store   *mongodb.Store
	// Originals are the asset originals the server keeps (files in the data folder with the
	// embedded engine, GridFS with MongoDB): imports add to them, backups copy them.
	Originals media.Originals
	embedded  *embedded.Server
}

// CommandLine is the viewer of the command-line tools: ADMIN, named in audit fields.
var CommandLine = &guildhall.Viewer{Role: guildhall.RoleAdmin, TokenID: "command-line"}

// OpenOffline opens the configured database (MONGODB_URI, or the embedded database in
// cfg.DataDir), migrates it and loads the content. With load false it does neither (export
// and restore work on the database as it is).
func OpenOffline(ctx context.Context, cfg Config, log *slog.Logger, load bool) (o *Offline, err error) {
	o = &Offline{}
	defer func() {
		if err != nil {
			o.Close()
		}
	}()
	uri := cfg.MongoURI
	if uri == "" {
		if o.embedded, err = embedded.Start(cfg.DataDir, log); err != nil {
			return nil, err
		}
		uri = o.embedded.URI()
	}
	if o.Store, err = openStore(ctx, cfg, uri); err != nil {
		return nil, err
	}
	if cfg.Now != nil {
		o.Store.Now = cfg.Now // one clock
	}
	opts := cfg.serviceOptions(log)
	if cfg.MongoURI != "" || cfg.DataDir != "" {
		if o.Originals, err = openOriginals(cfg, o.Store, cfg.DataDir); err != nil {
			return nil, err
		}
		opts.Originals = o.Originals
	}
	o.Service = cms.New(o.Store, opts)
	if load {
		if _, err := o.Store.Migrate(ctx); err != nil {
			return nil, err
		}
		if err := o.Service.Load(ctx); err != nil {
			return nil, err
		}
	}
	return o, nil
}

// Close closes the database.
func (o *Offline) Close() {
	if o.Store != nil {
		_ = o.Store.Close(context.Background())
	}
	if o.embedded != nil {
		_ = o.embedded.Close()
	}
}

// CreateToken makes an API token directly in the configured database, without a running
// server or an existing credential: the way to bootstrap the first ADMIN. Running servers on
// the same database learn of the token through the change log.
func CreateToken(ctx context.Context, cfg Config, log *slog.Logger, in guildhall.CreateApiTokenInput) (*guildhall.CreatedApiToken, error) {
	o, err := OpenOffline(ctx, cfg, log, true)
	if err != nil {
		return nil, err
	}
	defer o.Close()
	return o.Service.CreateAdminToken(ctx, in)
}
