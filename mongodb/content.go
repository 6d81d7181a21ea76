package mongodb

import (
	"context"

	"github.com/guildhall/guildhall"
)

// Load reads the newest revision of every member, post, block and webhook, the tombstones of
// deleted ones, and the plans.
func (s *Store) Load(ctx context.Context) (*guildhall.Content, error) {
	return s.LoadWatching(ctx, nil)
}

// LoadWatching is Load, and also hands watch every post revision as soon as it is read,
// before it is known whether a newer one follows, so the caller can start work on posts while
// the rest is still loading. The posts in the Content are the very values watch was given.
func (s *Store) LoadWatching(ctx context.Context, watch func(*guildhall.Post)) (*guildhall.Content, error) {
	c := &guildhall.Content{Tombstones: map[string]int{}}
	members, err := loadLatest[memberDoc](ctx, s, colMemberRevisions)
	if err != nil {
		return nil, err
	}
	for _, r := range members {
		c.Members = append(c.Members, memberFromRevision(r))
	}
	var history []*guildhall.PostRevision
	watched := map[string]*guildhall.Post{} // entity -> the newest revision read so far
	posts, err := loadLatestEach(ctx, s, colPostRevisions, func(r revision[postDoc]) {
		if r.Deleted && r.SavedAt.After(c.PostsDeletedAt) {
			c.PostsDeletedAt = r.SavedAt
		}
		if r.Doc == nil {
			return
		}
		p := postFromRevision(r) // once per revision, for the history and the catalog
		history = append(history, guildhall.RevisionOf(p).Summary())
		if r.Deleted || watch == nil {
			return
		}
		if old, ok := watched[r.Entity]; !ok || old.Version < p.Version {
			watched[r.Entity] = p
		}
		watch(p)
	}, c.Tombstones)
	if err != nil {
		return nil, err
	}
	live := map[string]bool{}
	for _, r := range posts {
		p, ok := watched[r.Entity]
		if !ok || p.Version != r.Version {
			p = postFromRevision(r)
		}
		c.Posts = append(c.Posts, p)
		live[r.Entity] = true
	}
	for _, h := range history {
		if live[h.PostID] { // a deleted post's leftovers (a clean-up that failed) are not history
			c.PostHistory = append(c.PostHistory, h)
		}
	}
	blocks, err := loadLatestEach[blockDoc](ctx, s, colBlockRevisions, nil, c.Tombstones)
	if err != nil {
		return nil, err
	}
	for _, r := range blocks {
		b, err := blockFromRevision(r)
		if err != nil {
			return nil, err
		}
		c.Blocks = append(c.Blocks, b)
	}
	hooks, err := loadLatestEach[webhookDoc](ctx, s, colWebhookRevisions, nil, c.Tombstones)
	if err != nil {
		return nil, err
	}
	for _, r := range hooks {
		c.Webhooks = append(c.Webhooks, webhookFromRevision(r))
	}
	if c.Plans, err = s.Plans(ctx); err != nil {
		return nil, err
	}
	return c, nil
}

// SavePost stores p as revision p.Version of post p.ID. If that revision exists already
// (someone else saved first), it returns ECONFLICT and writes nothing.
func (s *Store) SavePost(ctx context.Context, p *guildhall.Post) error {
	return insertRevision(ctx, s, colPostRevisions, guildhall.EntityPost, revision[postDoc]{
		Entity: p.ID, Version: p.Version, SavedAt: p.UpdatedAt, SavedBy: p.UpdatedBy, Doc: toPostDoc(p),
	})
}

// DeletePost records the deletion of post id as revision version, then removes its history.
// The tombstone is written first, so a crash before the clean-up still reads as deleted.
func (s *Store) DeletePost(ctx context.Context, id string, version int, by string) error {
	err := insertRevision(ctx, s, colPostRevisions, guildhall.EntityPost, revision[postDoc]{
		Entity: id, Version: version, Deleted: true, SavedAt: s.Now().UTC(), SavedBy: by,
	})
	if err != nil {
		return err
	}
	return s.purgeHistory(ctx, colPostRevisions, id, version)
}

// PostRevisions lists every saved state of a post, newest first.
func (s *Store) PostRevisions(ctx context.Context, id string) ([]*guildhall.Post, error) {
	revs, err := listRevisions[postDoc](ctx, s, colPostRevisions, id)
	if err != nil {
		return nil, err
	}
	out := make([]*guildhall.Post, 0, len(revs))
	for _, r := range revs {
		if r.Doc != nil {
			out = append(out, postFromRevision(r))
		}
	}
	return out, nil
}

// SaveMember stores m as revision m.Version of member m.ID; ECONFLICT if taken.
func (s *Store) SaveMember(ctx context.Context, m *guildhall.Member, by string) error {
	return insertRevision(ctx, s, colMemberRevisions, guildhall.EntityMember, revision[memberDoc]{
		Entity: m.ID, Version: m.Version, SavedAt: m.UpdatedAt, SavedBy: by, Doc: toMemberDoc(m),
	})
}

// SaveBlock stores b as its revision; ECONFLICT if taken.
func (s *Store) SaveBlock(ctx context.Context, b guildhall.Block, by string) error {
	base := b.Base()
	doc, err := toBlockDoc(b)
	if err != nil {
		return err
	}
	return insertRevision(ctx, s, colBlockRevisions, guildhall.EntityBlock, revision[blockDoc]{
		Entity: base.ID, Version: base.Version, SavedAt: base.UpdatedAt, SavedBy: by, Doc: doc,
	})
}

// DeleteBlock records the deletion of block id as revision version.
func (s *Store) DeleteBlock(ctx context.Context, id string, version int, by string) error {
	err := insertRevision(ctx, s, colBlockRevisions, guildhall.EntityBlock, revision[blockDoc]{
		Entity: id, Version: version, Deleted: true, SavedAt: s.Now().UTC(), SavedBy: by,
	})
	if err != nil {
		return err
	}
	return s.purgeHistory(ctx, colBlockRevisions, id, version)
}

// Seed writes whole entities in bulk, each as its first revision, with the unique values
// they hold (Content.Claims), without change records: it is for an empty database before
// any server follows it (demo content, benchmarks).
func (s *Store) Seed(ctx context.Context, c *guildhall.Content) error {
	members := make([]revision[memberDoc], 0, len(c.Members))
	for _, m := range c.Members {
		members = append(members, revision[memberDoc]{ID: revisionID(m.ID, m.Version), Entity: m.ID, Version: m.Version, SavedAt: m.UpdatedAt, Doc: toMemberDoc(m)})
	}
	blocks := make([]revision[blockDoc], 0, len(c.Blocks))
	for _, b := range c.Blocks {
		base := b.Base()
		doc, err := toBlockDoc(b)
		if err != nil {
			return err
		}
		blocks = append(blocks, revision[blockDoc]{ID: revisionID(base.ID, base.Version), Entity: base.ID, Version: base.Version, SavedAt: base.UpdatedAt, Doc: doc})
	}
	posts := make([]revision[postDoc], 0, len(c.Posts))
	for _, p := range c.Posts {
		posts = append(posts, revision[postDoc]{ID: revisionID(p.ID, p.Version), Entity: p.ID, Version: p.Version, SavedAt: p.UpdatedAt, SavedBy: p.UpdatedBy, Doc: toPostDoc(p)})
	}
	var claims []claim
	for _, c := range c.Claims() {
		claims = append(claims, claim{ID: claimID(c.Kind, c.Value), Owner: c.Owner})
	}
	if err := insertMany(ctx, s, colMemberRevisions, members); err != nil {
		return err
	}
	if err := insertMany(ctx, s, colBlockRevisions, blocks); err != nil {
		return err
	}
	if err := insertMany(ctx, s, colPostRevisions, posts); err != nil {
		return err
	}
	return insertMany(ctx, s, colClaims, claims)
}
