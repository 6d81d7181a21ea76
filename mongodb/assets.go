package mongodb

import (
	"context"
	"time"

	"github.com/guildhall/guildhall"
)

// colAssetRevisions holds the media library's metadata, as revisions like every other
// entity. The bytes are in an Originals store (GridFSOriginals, or files on the embedded
// engine), written before the first revision that names them.
const colAssetRevisions = "asset_revisions"

type assetDoc struct {
	Filename    string    `bson:"filename"`
	Alt         string    `bson:"alt"`
	ContentType string    `bson:"contentType"`
	Bytes       int       `bson:"bytes"`
	Width       int       `bson:"width"`
	Height      int       `bson:"height"`
	Animated    bool      `bson:"animated,omitempty"`
	SHA256      string    `bson:"sha256"`
	Owner       string    `bson:"owner,omitempty"`
	CreatedAt   time.Time `bson:"createdAt"`
}

func toAssetDoc(a *guildhall.Asset) *assetDoc {
	return &assetDoc{Filename: a.Filename, Alt: a.Alt, ContentType: a.ContentType, Bytes: a.Bytes,
		Width: a.Width, Height: a.Height, Animated: a.Animated, SHA256: a.SHA256, Owner: a.OwnerID, CreatedAt: a.CreatedAt}
}

func assetFromRevision(r revision[assetDoc]) *guildhall.Asset {
	d := r.Doc
	return &guildhall.Asset{ID: r.Entity, Version: r.Version, Filename: d.Filename, Alt: d.Alt,
		ContentType: d.ContentType, Bytes: d.Bytes, Width: d.Width, Height: d.Height, Animated: d.Animated,
		SHA256: d.SHA256, OwnerID: d.Owner, CreatedAt: d.CreatedAt.UTC(), UpdatedAt: r.SavedAt.UTC(), UpdatedBy: r.SavedBy}
}

// SaveAsset stores a as revision a.Version of asset a.ID; ECONFLICT if taken.
func (s *Store) SaveAsset(ctx context.Context, a *guildhall.Asset) error {
	return insertRevision(ctx, s, colAssetRevisions, guildhall.EntityAsset, revision[assetDoc]{
		Entity: a.ID, Version: a.Version, SavedAt: a.UpdatedAt, SavedBy: a.UpdatedBy, Doc: toAssetDoc(a),
	})
}

// DeleteAsset records the deletion of asset id as revision version, then removes its history.
func (s *Store) DeleteAsset(ctx context.Context, id string, version int, by string) error {
	err := insertRevision(ctx, s, colAssetRevisions, guildhall.EntityAsset, revision[assetDoc]{
		Entity: id, Version: version, Deleted: true, SavedAt: s.Now().UTC(), SavedBy: by,
	})
	if err != nil {
		return err
	}
	return s.purgeHistory(ctx, colAssetRevisions, id, version)
}

// Assets reads the newest revision of every asset that is not deleted, and the tombstones
// of the deleted ones.
func (s *Store) Assets(ctx context.Context) ([]*guildhall.Asset, map[string]int, error) {
	tombstones := map[string]int{}
	revs, err := loadLatestEach[assetDoc](ctx, s, colAssetRevisions, nil, tombstones)
	if err != nil {
		return nil, nil, err
	}
	out := make([]*guildhall.Asset, 0, len(revs))
	for _, r := range revs {
		out = append(out, assetFromRevision(r))
	}
	return out, tombstones, nil
}

// SeedAssets writes assets in bulk, each as its first revision, without change records (see
// Seed): for an empty database before any server follows it.
func (s *Store) SeedAssets(ctx context.Context, assets []*guildhall.Asset) error {
	docs := make([]revision[assetDoc], 0, len(assets))
	for _, a := range assets {
		docs = append(docs, revision[assetDoc]{ID: revisionID(a.ID, a.Version), Entity: a.ID, Version: a.Version,
			SavedAt: a.UpdatedAt, SavedBy: a.UpdatedBy, Doc: toAssetDoc(a)})
	}
	return insertMany(ctx, s, colAssetRevisions, docs)
}
