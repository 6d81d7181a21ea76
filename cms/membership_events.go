package cms

import (
	"context"
	"fmt"
	"time"
)

// Memberships move to EXPIRING (a notice), GRACE and LAPSED by the clock alone, with no write
// to hang an event on. Every instance's delivery worker announces them: when a transition
// has come (or the catalog changed, which may move one), it emits each transition of the
// last day that it has not emitted yet. The event is keyed by member, expiry and kind, so
// its deliveries' IDs are the same on every instance and a second instance's emit (or a
// restarted one's) inserts nothing: each transition is delivered once. The day looked back
// over is how long an outage of every instance may be before a transition goes unannounced.

// transitionLookback is how far back a worker announces transitions it has not seen.
const transitionLookback = 24 * time.Hour

// transitionAnnouncer remembers, for one instance's worker, what it has emitted and when it
// must look again.
type transitionAnnouncer struct {
	next       time.Time            // the first transition not yet due; zero for none
	generation uint64               // the catalog generation that next was computed at
	emitted    map[string]time.Time // event key -> transition time, within the lookback
	started    bool
}

// announce emits the membership transitions that have come and not been emitted here.
func (s *Service) announceTransitions(ctx context.Context, a *transitionAnnouncer) {
	now := s.now()
	gen := s.Generation()
	if a.started && gen == a.generation && (a.next.IsZero() || now.Before(a.next)) {
		return
	}
	a.started = true
	if a.emitted == nil {
		a.emitted = map[string]time.Time{}
	}
	due, next := s.cat().MembershipTransitions(now.Add(-transitionLookback), now, s.opts.GracePeriod, s.opts.ExpiryNotice)
	a.next, a.generation = next, gen
	for _, t := range due {
		ms := t.Member.Membership
		key := fmt.Sprintf("membership:%s:%d:%s", t.Member.ID, ms.ExpiresAt.UnixMilli(), t.Event)
		if _, done := a.emitted[key]; done {
			continue
		}
		a.emitted[key] = t.At
		s.emit(ctx, Event{Type: t.Event, Member: t.Member, Key: key, Occurred: t.At})
	}
	for key, at := range a.emitted {
		if at.Before(now.Add(-transitionLookback)) {
			delete(a.emitted, key)
		}
	}
}
