package app

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/guildhall/guildhall"
	"github.com/guildhall/guildhall/cms"
	"github.com/guildhall/guildhall/embedded"
	"github.com/guildhall/guildhall/mongodb"
)

// CreateToken makes an API token directly in the configured database, without a running
// server or an existing credential: the way to bootstrap the first ADMIN. Running servers on
// the same database learn of the token through the change log.
func CreateToken(ctx context.Context, cfg Config, log *slog.Logger, in guildhall.CreateApiTokenInput) (*guildhall.CreatedApiToken, error) {
	uri := cfg.MongoURI
	if uri == "" {
		db, err := embedded.Start(cfg.DataDir, log)
		if err != nil {
			return nil, err
		}
		defer db.Close()
		uri = db.URI()
	}
	store, err := mongodb.Open(ctx, uri, cfg.Database)
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	defer store.Close(context.Background())
	if _, err := store.Migrate(ctx); err != nil {
		return nil, err
	}
	if cfg.Now != nil {
		store.Now = cfg.Now // one clock
	}
	svc := cms.New(store, cfg.serviceOptions(log))
	if err := svc.Load(ctx); err != nil {
		return nil, err
	}
	return svc.CreateAdminToken(ctx, in)
}
