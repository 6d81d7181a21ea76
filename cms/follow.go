package cms

import (
	"context"
	"fmt"
	"time"

	"github.com/guildhall/guildhall"
	"github.com/guildhall/guildhall/catalog"
)

// followOverlap is how far back each poll of the change log reads again, for entries that
// became visible late (clocks, inserts in flight).
const followOverlap = 5 * time.Second

// Follow keeps the catalog current with writes made by other instances until ctx ends. It
// polls the change log and applies what it finds; applying is idempotent by version, so
// entries seen twice (this instance's own writes, the overlap window) do no harm.
//
// Entries can become visible slightly out of time order (clocks and in-flight inserts), so
// each poll re-reads a window before the newest entry seen. A follower that could not poll
// for longer than the change log keeps entries reloads everything instead.
func (s *Service) Follow(ctx context.Context) {
	const overlap = followOverlap
	// On from when the load's catch-up read the log: a start that took long leaves no gap
	// between the two.
	since := s.snapshots.caughtUp()
	if since.IsZero() || since.After(s.now()) {
		since = s.now().Add(-overlap)
	}
	lastOK := s.now()
	lastPrune := time.Time{}
	ticker := time.NewTicker(s.opts.SyncInterval)
	defer ticker.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
		}
		if s.snapshots.adopt.CompareAndSwap(true, false) {
			s.adoptSnapshot(ctx)
		}
		now := s.now()
		if now.Sub(lastOK) > s.opts.ChangeRetention-overlap {
			if err := s.LoadAll(ctx); err != nil { // a snapshot would be as far behind
				s.log.Warn("reload after falling behind the change log failed", "err", err)
				continue
			}
			s.log.Info("reloaded all content after falling behind the change log")
			since, lastOK = now.Add(-overlap), now
			continue
		}
		s.reading.Lock()
		changes, err := s.store.changes.ChangesSince(ctx, since.Add(-overlap), s.knows)
		if err != nil {
			s.reading.Unlock()
			if ctx.Err() == nil {
				s.log.Warn("polling the change log failed", "err", err)
			}
			continue
		}
		lastOK = now
		for _, c := range changes {
			s.apply(s.cat(), c)
			if c.At.After(since) {
				since = c.At
			}
		}
		// Whatever the catalog lacks now is at or after the next poll's start, or pending.
		s.setWatermark(since.Add(-overlap))
		s.reading.Unlock()
		if now.Sub(lastPrune) > s.opts.ChangeRetention/4 {
			lastPrune = now
			if err := s.store.changes.PruneChanges(ctx, now.Add(-s.opts.ChangeRetention)); err != nil {
				s.log.Warn("pruning the change log failed", "err", err)
			}
		}
	}
}

// catchUp applies the change log's recent entries now, rather than at the next poll. A write
// that names something this instance does not hold, or a version newer than the one it holds,
// calls it before answering NOT_FOUND or CONFLICT: behind a load balancer a client's next write
// can reach another instance before the sync interval has brought it the first (an editor
// creates a post on A and saves it again on B). What another instance wrote longer ago than
// the window has reached this one through Follow already. Concurrent callers share one read,
// so a burst of writes naming unknown IDs costs one query, not one each.
func (s *Service) catchUp(ctx context.Context) {
	window := s.opts.SyncInterval + 2*followOverlap
	// The shared read must not end with the request that happened to start it.
	ctx = context.WithoutCancel(ctx)
	_, _, _ = s.catchingUp.Do("", func() (any, error) {
		s.reading.Lock()
		defer s.reading.Unlock()
		changes, err := s.store.changes.ChangesSince(ctx, s.now().Add(-window), s.knows)
		if err != nil {
			s.log.Warn("catching up with the change log for a write failed", "err", err)
			return nil, err
		}
		s.write(func(c *catalog.Catalog) {
			for _, ch := range changes {
				s.apply(c, ch)
			}
		})
		return nil, nil
	})
}

// found reports whether has holds, catching up with the change log once if it does not
// (see catchUp).
func (s *Service) found(ctx context.Context, has func() bool) bool {
	if has() {
		return true
	}
	s.catchUp(ctx)
	return has()
}

// knows reports whether this instance holds a revision already, so that the change log need
// not decode it again, nor look up the revision of an intent whose commit it has not seen.
// For a post, only the exact revision counts: an older one arriving late still completes the
// history.
func (s *Service) knows(kind guildhall.EntityKind, id string, version int) bool {
	cat := s.cat()
	switch kind {
	case guildhall.EntityPost:
		_, ok := cat.Revision(id, version)
		return ok
	case guildhall.EntityMember:
		m, ok := cat.Member(id)
		return ok && m.Version >= version
	case guildhall.EntityBlock:
		b, ok := cat.Block(id)
		return ok && b.BlockVersion() >= version
	case guildhall.EntityToken:
		t, ok := s.creds.Load().token(id)
		return ok && t.Version >= version
	case guildhall.EntityAccount:
		a, ok := s.creds.Load().account(id)
		return ok && a.Version >= version
	case guildhall.EntityWebhook:
		w, ok := cat.Webhook(id)
		return ok && w.Version >= version
	case guildhall.EntityAsset:
		a, ok := cat.Asset(id)
		return ok && a.Version >= version
	}
	return false
}

// swapIn makes c the current catalog, a fresh one that holds every change before from (a
// load from the database that began an overlap after it, or a snapshot with that
// watermark). The writes of this instance stored meanwhile went to the catalog c replaces;
// they are in the change log (a write's entry is in the database before it is put into the
// catalog), so c catches up with it first, while no write puts (see write).
//
// accept, when not nil, sees the changes first and may refuse them, and c with them.
func (s *Service) swapIn(ctx context.Context, c *catalog.Catalog, from time.Time, accept func([]guildhall.Change) error) error {
	s.swapping.Lock()
	defer s.swapping.Unlock()
	read := s.now()
	changes, err := s.store.changes.ChangesSince(ctx, from, nil)
	if err != nil {
		return fmt.Errorf("catch up with the change log after loading: %w", err)
	}
	if accept != nil {
		if err := accept(changes); err != nil {
			return err
		}
	}
	for _, ch := range changes {
		s.apply(c, ch)
	}
	s.catalog.Store(c)
	s.snapshots.setCaughtUp(read)
	s.setWatermark(read.Add(-followOverlap))
	return nil
}

// apply puts one change into cat; a change that came without its entity (known already)
// changes nothing.
func (s *Service) apply(cat *catalog.Catalog, c guildhall.Change) {
	switch {
	case c.Kind == guildhall.EntityPost && c.Deleted:
		cat.RemovePost(c.ID, c.Version, c.At)
	case c.Kind == guildhall.EntityPost && c.Post != nil:
		cat.PutPost(c.Post)
	case c.Kind == guildhall.EntityMember && c.Deleted:
		cat.RemoveMember(c.ID, c.Version)
		s.snapshotSoon() // an erasure: the snapshot must not keep the person's data
	case c.Kind == guildhall.EntityMember && c.Member != nil:
		cat.PutMember(c.Member)
	case c.Kind == guildhall.EntityBlock && c.Deleted:
		cat.RemoveBlock(c.ID, c.Version)
	case c.Kind == guildhall.EntityBlock && c.Block != nil:
		cat.PutBlock(c.Block)
	case c.Kind == guildhall.EntityToken && c.Token != nil:
		s.creds.Load().putToken(c.Token)
	case c.Kind == guildhall.EntityAccount && c.Account != nil:
		s.creds.Load().putAccount(c.Account)
	case c.Kind == guildhall.EntityAsset && c.Deleted:
		cat.RemoveAsset(c.ID, c.Version)
	case c.Kind == guildhall.EntityAsset && c.Asset != nil:
		cat.PutAsset(c.Asset)
	case c.Kind == guildhall.EntityWebhook && c.Deleted:
		cat.RemoveWebhook(c.ID, c.Version)
	case c.Kind == guildhall.EntityWebhook && c.Webhook != nil:
		cat.PutWebhook(c.Webhook)
	}
}
