package cms

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/guildhall/guildhall"
	"github.com/guildhall/guildhall/catalog"
)

// The catalog's snapshot (catalog.WriteSnapshot) lets a start read one local file instead of
// every revision in the database, and then only the change log since the snapshot's
// watermark. It is a cache: a missing, damaged, foreign or old snapshot means a full load,
// with a log line that says why, and deleting it loses nothing.
//
// The watermark is where the change log must be read from so that nothing the snapshot lacks
// is missed. It is taken from the follower, after each poll, before the catalog is copied:
// every entry before the next poll's start has been applied, except the intents whose
// revision has not been found yet (a writer that crashed or is slow), so the watermark is
// the earlier of the next poll's start and the oldest such intent. A revision that commits
// late is therefore read again at the next start, and applying it twice does no harm.

// snapshotState is what writing the snapshot needs to know.
type snapshotState struct {
	mu sync.Mutex // one write at a time
	// watermark is where the change log must be read from for a catalog taken now.
	watermark atomic.Pointer[time.Time]
	// read is when the load's catch-up read the change log; Follow goes on from there.
	read atomic.Pointer[time.Time]
	// database names the content (ContentStore.DatabaseID); set by a load.
	database atomic.Pointer[string]
	// loadedAll is set by a load from the database, so that a snapshot is written soon.
	loadedAll atomic.Bool
	// soon asks KeepSnapshot to write now (after an erasure).
	soon chan struct{}
	// adopt asks Follow to replace the catalog by the snapshot just written (see
	// adoptSnapshot).
	adopt atomic.Bool
}

func (st *snapshotState) caughtUp() time.Time {
	if t := st.read.Load(); t != nil {
		return *t
	}
	return time.Time{}
}

func (st *snapshotState) setCaughtUp(t time.Time) { st.read.Store(&t) }

// setWatermark records that the current catalog holds every change before t, but for the
// intents the change log is still looking for.
func (s *Service) setWatermark(t time.Time) {
	if pending := s.store.changes.PendingSince(); !pending.IsZero() && pending.Before(t) {
		t = pending
	}
	s.snapshots.watermark.Store(&t)
}

// errErasedSince refuses a snapshot that an erasure happened after: a full load brings the
// revisions the erasure rewrote (who saved them) as they now are.
var errErasedSince = errors.New("a member was erased since it was written")

// loadSnapshot makes the snapshot the current catalog, brought up to date from the change
// log, if there is a usable one; loaded is false (and err nil) when there is not, and the
// log says why.
func (s *Service) loadSnapshot(ctx context.Context) (loaded bool, err error) {
	path := s.opts.Snapshot
	began := time.Now()
	database, err := s.store.content.DatabaseID(ctx)
	if err != nil {
		return false, fmt.Errorf("name of the database's content: %w", err)
	}
	s.snapshots.database.Store(&database)
	now := s.now()
	c, info, err := catalog.ReadSnapshot(path, func(info catalog.SnapshotInfo) error {
		return s.usable(info, database, now)
	})
	if err == nil {
		err = s.loadPreviewKey(ctx)
		if err != nil {
			return false, err
		}
		err = s.swapIn(ctx, c, info.Watermark, func(changes []guildhall.Change) error {
			for _, ch := range changes {
				if ch.Kind == guildhall.EntityMember && ch.Deleted {
					return errErasedSince
				}
			}
			return nil
		})
		if err != nil && !errors.Is(err, errErasedSince) {
			return false, err // the database does not answer: a full load would fail too
		}
	}
	switch {
	case errors.Is(err, os.ErrNotExist):
		s.log.Info("no snapshot of the catalog yet: loading everything from the database", "snapshot", path)
		return false, nil
	case err != nil:
		s.log.Warn("not starting from the catalog's snapshot: loading everything from the database", "snapshot", path, "reason", err.Error())
		return false, nil
	}
	s.log.Info("loaded the catalog from its snapshot and the change log since", "snapshot", path,
		"posts", info.Posts, "written", info.Written.Format(time.RFC3339), "watermark", info.Watermark.Format(time.RFC3339Nano),
		"took", time.Since(began).Round(time.Millisecond).String())
	return true, s.loadCredentials(ctx)
}

// usable says why a snapshot may not be used, or nil if it may.
func (s *Service) usable(info catalog.SnapshotInfo, database string, now time.Time) error {
	switch {
	case info.Database != database:
		return fmt.Errorf("it is of another database's content (%q; this one is %q)", info.Database, database)
	case now.Sub(info.Written) > s.opts.ChangeRetention-followOverlap:
		// What the snapshot lacks was written after it (or is an intent the change log would
		// give up on after as long anyway): the log must still hold that. The watermark
		// itself may be older: it does not move while nothing is written.
		return fmt.Errorf("it was written at %s, longer ago than the change log keeps (%s)", info.Written.Format(time.RFC3339), s.opts.ChangeRetention)
	case info.Watermark.After(now.Add(time.Minute)):
		return fmt.Errorf("its watermark %s is ahead of this clock (%s)", info.Watermark.Format(time.RFC3339), now.Format(time.RFC3339))
	}
	return nil
}

// WriteSnapshot writes the current catalog to the snapshot file, if one is configured and
// content was loaded. The server calls it at shutdown, and KeepSnapshot in the background.
func (s *Service) WriteSnapshot() error {
	if s.opts.Snapshot == "" {
		return nil
	}
	s.snapshots.mu.Lock()
	defer s.snapshots.mu.Unlock()
	// The watermark before the catalog: the catalog holds at least what it says.
	mark, database := s.snapshots.watermark.Load(), s.snapshots.database.Load()
	if mark == nil || database == nil {
		return nil // nothing was loaded
	}
	began := time.Now()
	cat := s.cat()
	info := catalog.SnapshotInfo{Database: *database, Watermark: *mark, Written: s.now()}
	if err := cat.WriteSnapshot(s.opts.Snapshot, info); err != nil {
		return fmt.Errorf("write the catalog's snapshot: %w", err)
	}
	s.log.Info("wrote the catalog's snapshot", "snapshot", s.opts.Snapshot, "took", time.Since(began).Round(time.Millisecond).String())
	return nil
}

// snapshotSoon asks KeepSnapshot to write the snapshot now: after an erasure, so that the
// file keeps the person's data no longer than it must.
func (s *Service) snapshotSoon() {
	select {
	case s.snapshots.soon <- struct{}{}:
	default:
	}
}

// KeepSnapshot writes the snapshot until ctx ends: soon after a start that loaded everything
// from the database (so that the next start need not), then every SnapshotInterval if the
// catalog changed, or if half the change log's retention passed (so that the watermark stays
// within what the log keeps), and at once when asked (snapshotSoon).
func (s *Service) KeepSnapshot(ctx context.Context) {
	if s.opts.Snapshot == "" {
		return
	}
	first := s.opts.SnapshotInterval
	if s.snapshots.loadedAll.Load() {
		first = min(first, 30*time.Second) // after the start's own burst of work
	}
	timer := time.NewTimer(first)
	defer timer.Stop()
	var written uint64
	var at time.Time
	for {
		select {
		case <-ctx.Done():
			return
		case <-timer.C:
		case <-s.snapshots.soon:
			written = 0
		}
		timer.Reset(s.opts.SnapshotInterval)
		gen := s.Generation()
		if gen == written && time.Since(at) < s.opts.ChangeRetention/2 {
			continue
		}
		if err := s.WriteSnapshot(); err != nil {
			s.log.Warn("writing the catalog's snapshot failed; the next start loads everything from the database", "err", err)
			continue
		}
		written, at = gen, time.Now()
		if s.snapshots.loadedAll.CompareAndSwap(true, false) {
			s.snapshots.adopt.Store(true)
		}
	}
}

// adoptSnapshot replaces a catalog loaded from the database by the snapshot just written of
// it, brought up to date from the change log like a start from it: its bodies and posting
// lists then lie in the mapped file instead of the heap, as after a restart. Follow calls it
// between two polls: the change log's reader must not hand a revision it found to the
// catalog being replaced while the new one catches up.
func (s *Service) adoptSnapshot(ctx context.Context) {
	database := s.snapshots.database.Load()
	if database == nil {
		return
	}
	c, info, err := catalog.ReadSnapshot(s.opts.Snapshot, func(info catalog.SnapshotInfo) error {
		return s.usable(info, *database, s.now())
	})
	if err == nil {
		err = s.swapIn(ctx, c, info.Watermark, nil)
	}
	if err != nil {
		s.log.Warn("the catalog stays as loaded from the database: its snapshot could not replace it", "snapshot", s.opts.Snapshot, "reason", err.Error())
		return
	}
	s.log.Info("the catalog reads bodies from its snapshot now", "snapshot", s.opts.Snapshot, "posts", info.Posts)
}

// Digest describes the current catalog (catalog.Catalog.Digest), for tests that compare a
// start from the snapshot with a full load.
func (s *Service) Digest() string { return s.cat().Digest() }
