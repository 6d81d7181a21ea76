package cms

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/guildhall/guildhall"
	"github.com/guildhall/guildhall/demo"
	"github.com/guildhall/guildhall/media"
	"github.com/guildhall/guildhall/richtext"
)

// seedClaim names the one-time work of writing the demo content.
const seedClaim = "demo-content"

// seedPatience is how long an instance waits for another to finish writing the demo content
// (a second or so) before it loads what there is: the other may have died half-way.
const seedPatience = 2 * time.Minute

// SeedIfEmpty writes the dataset when the database has no content yet, then loads the
// content (Load), and reports whether it wrote the dataset. Content goes through the same
// cleaning as an editor's (sanitising, excerpts), then into the database in bulk.
//
// Instances starting together on an empty database: one writes, and the others wait until it
// has finished before they load, so that none of them starts with part of the content or
// none (the bulk write has no change-log entries to catch up from).
func (s *Service) SeedIfEmpty(ctx context.Context, ds *demo.Dataset) (bool, error) {
	seeded, err := s.seed(ctx, ds)
	if err != nil {
		return false, err
	}
	return seeded, s.Load(ctx)
}

func (s *Service) seed(ctx context.Context, ds *demo.Dataset) (bool, error) {
	empty, err := s.store.content.IsEmpty(ctx)
	if err != nil {
		return false, err
	}
	if empty {
		first, err := s.store.content.ClaimOnce(ctx, seedClaim)
		if err != nil {
			return false, err
		}
		if first {
			content, err := s.Content(ds)
			if err != nil {
				return false, err
			}
			if err := s.seedImages(ctx, content, demo.Images()); err != nil {
				return false, fmt.Errorf("seed images: %w", err)
			}
			if err := s.store.content.Seed(ctx, content); err != nil {
				return false, fmt.Errorf("seed: %w", err)
			}
			return true, s.store.content.FinishOnce(ctx, seedClaim)
		}
	}
	return false, s.awaitSeed(ctx)
}

// awaitSeed waits while another instance is writing the demo content.
func (s *Service) awaitSeed(ctx context.Context) error {
	began := time.Now()
	for {
		age, claimed, done, err := s.store.content.OnceState(ctx, seedClaim)
		if err != nil || !claimed || done {
			return err
		}
		if age > seedPatience || time.Since(began) > seedPatience {
			s.log.Warn("another instance began loading the demo content and has not finished; loading what there is", "claimed", age.String()+" ago")
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// cleanedDemo holds the demo pictures as cleaned, by their drawn bytes: cleaning is the same
// every time, and doing it once per process keeps seeding cheap (tests seed a database each,
// and under the race detector cleaning six pictures takes seconds).
var cleanedDemo sync.Map // string -> *media.Image

func cleanDemoImage(ctx context.Context, p *media.Pipeline, data []byte) (*media.Image, error) {
	key := string(data)
	if img, ok := cleanedDemo.Load(key); ok {
		return img.(*media.Image), nil
	}
	img, err := p.Clean(ctx, data)
	if err != nil {
		return nil, err
	}
	cleanedDemo.Store(key, img)
	return img, nil
}

// seedImages stores the demo pictures as assets (cleaned like any upload) and shows them:
// the landscapes as featured images of every fourth post, the portraits as the avatars of
// the first members. Assets are written before the content that names them.
func (s *Service) seedImages(ctx context.Context, c *guildhall.Content, images []demo.Image) error {
	if _, none := s.originals.(noOriginals); none {
		return nil // a service without an originals store (unit tests) seeds no pictures
	}
	now := s.now()
	var scenes, portraits []*guildhall.Asset
	for _, im := range images {
		img, err := cleanDemoImage(ctx, s.pipeline, im.Data)
		if err != nil {
			return fmt.Errorf("%s: %w", im.Filename, err)
		}
		if err := s.originals.Put(ctx, img.Sum, img.Data); err != nil {
			return err
		}
		a := &guildhall.Asset{ID: guildhall.NewID(guildhall.KindAsset, now), Version: 1, Filename: safeFilename(im.Filename, img.Format),
			Alt: im.Alt, ContentType: img.Format.ContentType(), Bytes: len(img.Data), Width: img.Width, Height: img.Height,
			SHA256: img.Sum, CreatedAt: now, UpdatedAt: now, UpdatedBy: "demo"}
		if im.Avatar {
			portraits = append(portraits, a)
		} else {
			scenes = append(scenes, a)
		}
	}
	if err := s.store.assets.SeedAssets(ctx, append(slices.Clone(scenes), portraits...)); err != nil {
		return err
	}
	for i := 0; len(scenes) > 0 && i < len(c.Posts); i += 4 {
		c.Posts[i].FeaturedImageID = &scenes[(i/4)%len(scenes)].ID
	}
	for i := 0; i < len(portraits) && i < len(c.Members); i++ {
		c.Members[i].AvatarID = &portraits[i].ID
	}
	return nil
}

// Content turns a dataset into domain values with fresh IDs, as SeedIfEmpty stores them.
func (s *Service) Content(ds *demo.Dataset) (*guildhall.Content, error) {
	now := s.now()
	c := &guildhall.Content{}
	memberIDs := map[string]string{}
	for _, dm := range ds.Members {
		created := dm.JoinedAt
		if created.IsZero() {
			created = now.AddDate(-1, 0, 0)
		}
		m := &guildhall.Member{
			ID: guildhall.NewID(guildhall.KindMember, created), Version: 1, Slug: dm.Slug, Name: dm.Name, SortName: dm.SortName,
			Credentials: optional(dm.Credentials), AvatarURL: optional(dm.AvatarURL), Email: optional(dm.Email), Phone: optional(dm.Phone),
			CreatedAt: ms(created), UpdatedAt: ms(created),
		}
		if dm.BioHTML != "" {
			bio := held(s.rich.Render(dm.BioHTML))
			m.Bio = &bio
		}
		if dm.Plan != "" {
			m.Membership = &guildhall.Membership{PlanCode: dm.Plan, JoinedAt: ms(dm.JoinedAt), ExpiresAt: ms(dm.ExpiresAt)}
			for i, r := range dm.Renewals {
				m.Membership.Renewals = append(m.Membership.Renewals, &guildhall.Renewal{
					ID: guildhall.NewID(guildhall.KindRenewal, r.RenewedAt), PlanCode: dm.Plan, RenewedAt: ms(r.RenewedAt),
					PreviousExpiresAt: ms(r.PreviousExpiresAt), NewExpiresAt: ms(r.NewExpiresAt),
					IdempotencyKey: fmt.Sprintf("demo-%s-%d", dm.Slug, i+1), PaymentReference: optional(r.PaymentReference),
				})
				m.UpdatedAt = ms(r.RenewedAt)
			}
			if dm.Cancelled {
				at := m.UpdatedAt.Add(24 * time.Hour)
				if at.After(now) {
					at = now
				}
				m.Membership.CancelledAt, m.UpdatedAt = &at, at
			}
		}
		memberIDs[dm.Slug] = m.ID
		c.Members = append(c.Members, m)
	}
	blockIDs := map[string]string{}
	for _, db := range ds.Blocks {
		created := now.AddDate(-5, 0, 0)
		b, err := s.demoBlock(db, guildhall.BlockBase{ID: guildhall.NewID(guildhall.KindBlock, created), Version: 1, CreatedAt: ms(created), UpdatedAt: ms(created)})
		if err != nil {
			return nil, err
		}
		blockIDs[db.Key] = b.BlockID()
		c.Blocks = append(c.Blocks, b)
	}
	for _, dp := range ds.Posts {
		author, ok := memberIDs[dp.AuthorSlug]
		if !ok {
			return nil, fmt.Errorf("demo post %s: unknown author %s", dp.Slug, dp.AuthorSlug)
		}
		created := dp.PublishedAt
		if created.IsZero() || created.After(now) {
			created = now.AddDate(0, 0, -3)
		}
		body := s.rich.Render(dp.BodyHTML)
		p := &guildhall.Post{
			ID: guildhall.NewID(guildhall.KindPost, created), Version: 1, Slug: dp.Slug, Title: dp.Title,
			Status: dp.Status, Visibility: dp.Visibility, AuthorID: author, Body: held(body),
			Excerpt: richtext.Excerpt(body.Text, guildhall.ExcerptWords), Tags: append([]string{}, dp.Tags...), BlockIDs: []string{},
			CreatedAt: ms(created), UpdatedAt: ms(created), UpdatedBy: author,
		}
		if !dp.PublishedAt.IsZero() {
			at := ms(dp.PublishedAt)
			p.PublishedAt = &at
		}
		for _, k := range dp.BlockKeys {
			id, ok := blockIDs[k]
			if !ok {
				return nil, fmt.Errorf("demo post %s: unknown block %s", dp.Slug, k)
			}
			p.BlockIDs = append(p.BlockIDs, id)
		}
		c.Posts = append(c.Posts, p)
	}
	return c, nil
}

// demoBlock builds a block through the same validation as createBlock.
func (s *Service) demoBlock(db demo.Block, base guildhall.BlockBase) (guildhall.Block, error) {
	b, err := guildhall.NewBlock(db.Kind, base)
	if err != nil {
		return nil, fmt.Errorf("demo block %s: %w", db.Key, err)
	}
	in := guildhall.CreateBlockInput{Kind: db.Kind, Title: optional(db.Title),
		ContactName: optional(db.ContactName), ContactTitle: optional(db.ContactTitle), Email: optional(db.Email), Phone: optional(db.Phone),
		Links: db.Links, Body: optional(db.BodyHTML), Label: optional(db.Label), URL: optional(db.URL)}
	if db.Action != "" {
		in.Action = &db.Action
	}
	if err := fillBlock(b, &in); err != nil {
		return nil, fmt.Errorf("demo block %s: %w", db.Key, err)
	}
	return b, nil
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func ms(t time.Time) time.Time { return t.UTC().Truncate(time.Millisecond) }
