// Package cmstest holds an in-memory cms.Store for tests of the service that gain nothing from
// a database, and the contract every cms.Store meets (Contract), which the MongoDB store's
// tests run too: so the fake behaves like the store for everything the service asks of it.
//
// It keeps the store's rules, not its costs: every write is an insert keyed like the
// database's (a second revision N is ECONFLICT), deletions are tombstones, claims and
// attempts are won once, and the change log carries every revision to other services on the
// same Store, as it does between instances on one database.
package cmstest

import (
	"cmp"
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"maps"
	"slices"
	"sync"
	"time"

	"github.com/guildhall/guildhall"
	"github.com/guildhall/guildhall/cms"
)

// Store is an in-memory cms.Store. The zero value is not usable: make one with NewStore.
type Store struct {
	// Now is the clock of change-log entries and tombstones, as the database store's is.
	Now func() time.Time

	mu       sync.Mutex
	posts    revisions[*guildhall.Post]
	members  revisions[*guildhall.Member]
	blocks   revisions[guildhall.Block]
	tokens   revisions[*guildhall.Token]
	accounts revisions[*guildhall.Account]
	webhooks revisions[*guildhall.Webhook]
	assets   revisions[*guildhall.Asset]
	plans    []guildhall.MembershipPlan
	claims   map[string]string // "<kind>:<value>" -> owner
	// claimedAt is when each claim was made, for Release.
	claimedAt map[string]time.Time
	once      map[string]onceState
	intents   map[string]guildhall.Intent
	events    map[string]guildhall.MembershipEvent
	secrets   map[string][]byte
	changes   []entry
	deleted   time.Time                           // the latest post deletion, as the database store's tombstones tell
	log       map[string]guildhall.DeliveryRecord // delivery ID -> the delivery as logged
	queue     map[string]guildhall.QueuedAttempt  // "<delivery>:<n>" -> attempt
	claimed   map[string]guildhall.AttemptClaim   // "<delivery>:<n>" -> claim
	results   map[string]guildhall.AttemptResult  // "<delivery>:<n>" -> result
	erasures  map[string]guildhall.Erasure        // member ID -> erasure record
}

var _ cms.Store = (*Store)(nil)

// NewStore returns an empty store with the default plans, as a migrated database has, whose
// clock is now (time.Now if nil).
func NewStore(now func() time.Time) *Store {
	if now == nil {
		now = time.Now
	}
	plans := slices.Clone(guildhall.DefaultPlans)
	slices.SortFunc(plans, func(a, b guildhall.MembershipPlan) int { return cmp.Compare(a.Name, b.Name) })
	return &Store{
		Now: now, plans: plans,
		posts: revisions[*guildhall.Post]{}, members: revisions[*guildhall.Member]{}, blocks: revisions[guildhall.Block]{},
		tokens: revisions[*guildhall.Token]{}, accounts: revisions[*guildhall.Account]{}, webhooks: revisions[*guildhall.Webhook]{},
		assets: revisions[*guildhall.Asset]{},
		claims: map[string]string{}, claimedAt: map[string]time.Time{}, once: map[string]onceState{}, intents: map[string]guildhall.Intent{},
		events: map[string]guildhall.MembershipEvent{}, secrets: map[string][]byte{},
		log: map[string]guildhall.DeliveryRecord{}, queue: map[string]guildhall.QueuedAttempt{},
		claimed: map[string]guildhall.AttemptClaim{}, results: map[string]guildhall.AttemptResult{},
		erasures: map[string]guildhall.Erasure{},
	}
}

// revision is one stored state of an entity; a deletion has no value.
type revision[T any] struct {
	version int
	deleted bool
	value   T
}

// revisions holds every entity's revisions by ID, as the revision collections do.
type revisions[T any] map[string][]revision[T]

// insert adds a revision, or reports ECONFLICT (as the unique _id does) if it exists.
func (r revisions[T]) insert(kind guildhall.EntityKind, id string, rev revision[T]) error {
	if slices.ContainsFunc(r[id], func(x revision[T]) bool { return x.version == rev.version }) {
		return guildhall.Errorf(guildhall.ECONFLICT, "The %s was changed by someone else; reload and try again.", kind)
	}
	r[id] = append(r[id], rev)
	return nil
}

// newest is the newest revision of id, deleted or not.
func (r revisions[T]) newest(id string) (revision[T], bool) {
	var out revision[T]
	found := false
	for _, x := range r[id] {
		if !found || x.version > out.version {
			out, found = x, true
		}
	}
	return out, found
}

// live is the newest revision of every entity that is not deleted, ordered by ID.
func (r revisions[T]) live() []T {
	var out []T
	for _, id := range slices.Sorted(maps.Keys(r)) {
		if x, _ := r.newest(id); !x.deleted {
			out = append(out, x.value)
		}
	}
	return out
}

// purge drops the revisions of id older than a tombstone.
func (r revisions[T]) purge(id string, tombstone int) {
	r[id] = slices.DeleteFunc(r[id], func(x revision[T]) bool { return x.version < tombstone })
}

// entry is one change-log entry; value is the entity's revision, nil for a deletion.
type entry struct {
	at      time.Time
	kind    guildhall.EntityKind
	id      string
	version int
	deleted bool
	value   any
}

func (s *Store) now() time.Time { return s.Now().UTC().Truncate(time.Millisecond) }

// record appends a revision to the change log.
func (s *Store) record(kind guildhall.EntityKind, id string, version int, deleted bool, value any) {
	s.changes = append(s.changes, entry{at: s.now(), kind: kind, id: id, version: version, deleted: deleted, value: value})
}

// The values handed in and out are copies, as a database's are: a caller that changes what
// it saved or read changes nothing stored.

func copyPost(p *guildhall.Post) *guildhall.Post {
	c := *p
	c.Tags, c.BlockIDs, c.OldSlugs, c.OldPaths = nonNil(p.Tags), nonNil(p.BlockIDs), slices.Clone(p.OldSlugs), slices.Clone(p.OldPaths)
	return &c
}

func copyMember(m *guildhall.Member) *guildhall.Member {
	c := *m
	if m.Membership != nil {
		ms := *m.Membership
		ms.Renewals = make([]*guildhall.Renewal, len(m.Membership.Renewals))
		for i, r := range m.Membership.Renewals {
			copied := *r
			ms.Renewals[i] = &copied
		}
		c.Membership = &ms
	}
	return &c
}

func copyBlock(b guildhall.Block) guildhall.Block { return b.Clone() }

func copyToken(t *guildhall.Token) *guildhall.Token {
	c := *t
	c.Scopes = nonNil(t.Scopes)
	return &c
}

func copyAccount(a *guildhall.Account) *guildhall.Account { c := *a; return &c }

func copyWebhook(w *guildhall.Webhook) *guildhall.Webhook {
	c := *w
	c.Events = slices.Clone(w.Events)
	return &c
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return slices.Clone(s)
}

// LoadWatching reads the newest revision of every member, post, block and webhook, and the
// tombstones of deleted ones.
func (s *Store) LoadWatching(_ context.Context, watch func(*guildhall.Post)) (*guildhall.Content, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := &guildhall.Content{Plans: slices.Clone(s.plans), Tombstones: map[string]int{}, PostsDeletedAt: s.deleted}
	tombstones(c.Tombstones, s.posts)
	tombstones(c.Tombstones, s.blocks)
	tombstones(c.Tombstones, s.webhooks)
	c.Webhooks = s.liveWebhooks()
	for _, m := range s.members.live() {
		c.Members = append(c.Members, copyMember(m))
	}
	for _, b := range s.blocks.live() {
		c.Blocks = append(c.Blocks, copyBlock(b))
	}
	for _, id := range slices.Sorted(maps.Keys(s.posts)) {
		newest, _ := s.posts.newest(id)
		if newest.deleted {
			continue
		}
		var current *guildhall.Post
		for _, r := range s.posts[id] {
			p := copyPost(r.value)
			c.PostHistory = append(c.PostHistory, guildhall.RevisionOf(p).Summary())
			if watch != nil {
				watch(p)
			}
			if r.version == newest.version {
				current = p
			}
		}
		c.Posts = append(c.Posts, current)
	}
	return c, nil
}

// tombstones adds the deleted entities of r, with the version of their deletion.
func tombstones[T any](into map[string]int, r revisions[T]) {
	for id := range r {
		if x, ok := r.newest(id); ok && x.deleted {
			into[id] = x.version
		}
	}
}

// IsEmpty reports whether no member, post or block was ever stored.
func (s *Store) IsEmpty(context.Context) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.members) == 0 && len(s.posts) == 0 && len(s.blocks) == 0, nil
}

type onceState struct {
	claimedAt time.Time
	done      bool
}

// ClaimOnce reports whether this is the first claim of name.
func (s *Store) ClaimOnce(_ context.Context, name string) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.once[name]; ok {
		return false, nil
	}
	s.once[name] = onceState{claimedAt: s.now()}
	return true, nil
}

// FinishOnce records that the work claimed as name is done.
func (s *Store) FinishOnce(_ context.Context, name string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	o := s.once[name]
	o.done = true
	s.once[name] = o
	return nil
}

// OnceState tells whether name was claimed, how long ago, and whether it is done.
func (s *Store) OnceState(_ context.Context, name string) (time.Duration, bool, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	o, ok := s.once[name]
	if !ok {
		return 0, false, o.done, nil
	}
	return s.now().Sub(o.claimedAt), !o.claimedAt.IsZero(), o.done, nil
}

// Seed writes content as first revisions with its claims, and no change-log entries.
func (s *Store) Seed(_ context.Context, c *guildhall.Content) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, m := range c.Members {
		if err := s.members.insert(guildhall.EntityMember, m.ID, revision[*guildhall.Member]{version: m.Version, value: copyMember(m)}); err != nil {
			return err
		}
	}
	for _, b := range c.Blocks {
		if err := s.blocks.insert(guildhall.EntityBlock, b.BlockID(), revision[guildhall.Block]{version: b.BlockVersion(), value: copyBlock(b)}); err != nil {
			return err
		}
	}
	for _, p := range c.Posts {
		if err := s.posts.insert(guildhall.EntityPost, p.ID, revision[*guildhall.Post]{version: p.Version, value: copyPost(p)}); err != nil {
			return err
		}
	}
	for _, cl := range c.Claims() {
		key := string(cl.Kind) + ":" + cl.Value
		if _, taken := s.claims[key]; taken {
			return fmt.Errorf("seed: %s is claimed twice", key)
		}
		s.claims[key] = cl.Owner
	}
	return nil
}

// SavePost stores p as its revision.
func (s *Store) SavePost(_ context.Context, p *guildhall.Post) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := copyPost(p)
	if err := s.posts.insert(guildhall.EntityPost, p.ID, revision[*guildhall.Post]{version: p.Version, value: c}); err != nil {
		return err
	}
	s.record(guildhall.EntityPost, p.ID, p.Version, false, c)
	return nil
}

// DeletePost records the deletion and drops the older revisions.
func (s *Store) DeletePost(_ context.Context, id string, version int, _ string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.posts.insert(guildhall.EntityPost, id, revision[*guildhall.Post]{version: version, deleted: true}); err != nil {
		return err
	}
	s.record(guildhall.EntityPost, id, version, true, nil)
	s.posts.purge(id, version)
	s.deleted = s.now()
	return nil
}

// PostRevision reads one revision.
func (s *Store) PostRevision(_ context.Context, id string, version int) (*guildhall.Post, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, r := range s.posts[id] {
		if r.version == version && !r.deleted {
			return copyPost(r.value), nil
		}
	}
	return nil, guildhall.NotFound("Revision")
}

// SaveMember stores m as its revision.
func (s *Store) SaveMember(_ context.Context, m *guildhall.Member, _ string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := copyMember(m)
	if err := s.members.insert(guildhall.EntityMember, m.ID, revision[*guildhall.Member]{version: m.Version, value: c}); err != nil {
		return err
	}
	s.record(guildhall.EntityMember, m.ID, m.Version, false, c)
	return nil
}

// FindMember reads the newest revision of a member.
func (s *Store) FindMember(_ context.Context, id string) (*guildhall.Member, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if r, ok := s.members.newest(id); ok && !r.deleted {
		return copyMember(r.value), nil
	}
	return nil, nil
}

// ClaimIntent records an intent under a new key, or returns the one that holds the key.
func (s *Store) ClaimIntent(_ context.Context, in guildhall.Intent) (guildhall.Intent, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if held, ok := s.intents[in.Key]; ok {
		return held, false, nil
	}
	in.At = in.At.UTC().Truncate(time.Millisecond)
	s.intents[in.Key] = in
	return in, true, nil
}

// RecordMembershipEvent appends to the audit trail once per event ID.
func (s *Store) RecordMembershipEvent(_ context.Context, e guildhall.MembershipEvent) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.events[e.ID]; !ok {
		s.events[e.ID] = e
	}
	return nil
}

// MembershipEvents lists a member's audit trail, newest first.
func (s *Store) MembershipEvents(_ context.Context, memberID string) ([]guildhall.MembershipEvent, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := []guildhall.MembershipEvent{}
	for _, e := range s.events {
		if e.MemberID == memberID {
			out = append(out, e)
		}
	}
	slices.SortFunc(out, func(a, b guildhall.MembershipEvent) int { return cmp.Or(b.At.Compare(a.At), cmp.Compare(b.ID, a.ID)) })
	return out, nil
}

// SaveBlock stores b as its revision.
func (s *Store) SaveBlock(_ context.Context, b guildhall.Block, _ string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := copyBlock(b)
	if err := s.blocks.insert(guildhall.EntityBlock, b.BlockID(), revision[guildhall.Block]{version: b.BlockVersion(), value: c}); err != nil {
		return err
	}
	s.record(guildhall.EntityBlock, b.BlockID(), b.BlockVersion(), false, c)
	return nil
}

// DeleteBlock records the deletion and drops the older revisions.
func (s *Store) DeleteBlock(_ context.Context, id string, version int, _ string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.blocks.insert(guildhall.EntityBlock, id, revision[guildhall.Block]{version: version, deleted: true}); err != nil {
		return err
	}
	s.record(guildhall.EntityBlock, id, version, true, nil)
	s.blocks.purge(id, version)
	return nil
}

// SaveAsset stores a as its revision.
func (s *Store) SaveAsset(_ context.Context, a *guildhall.Asset) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := copyAsset(a)
	if err := s.assets.insert(guildhall.EntityAsset, a.ID, revision[*guildhall.Asset]{version: a.Version, value: c}); err != nil {
		return err
	}
	s.record(guildhall.EntityAsset, a.ID, a.Version, false, c)
	return nil
}

// DeleteAsset records the deletion and drops the older revisions.
func (s *Store) DeleteAsset(_ context.Context, id string, version int, _ string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.assets.insert(guildhall.EntityAsset, id, revision[*guildhall.Asset]{version: version, deleted: true}); err != nil {
		return err
	}
	s.record(guildhall.EntityAsset, id, version, true, nil)
	s.assets.purge(id, version)
	return nil
}

// Assets reads the newest revision of every asset that is not deleted, and the tombstones
// of the deleted ones.
func (s *Store) Assets(context.Context) ([]*guildhall.Asset, map[string]int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := []*guildhall.Asset{}
	for _, a := range s.assets.live() {
		out = append(out, copyAsset(a))
	}
	deleted := map[string]int{}
	tombstones(deleted, s.assets)
	return out, deleted, nil
}

// SeedAssets writes assets as first revisions, without change-log entries.
func (s *Store) SeedAssets(_ context.Context, assets []*guildhall.Asset) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, a := range assets {
		if err := s.assets.insert(guildhall.EntityAsset, a.ID, revision[*guildhall.Asset]{version: a.Version, value: copyAsset(a)}); err != nil {
			return err
		}
	}
	return nil
}

func copyAsset(a *guildhall.Asset) *guildhall.Asset {
	c := *a
	return &c
}

// Claim makes owner the holder of value, unless another owner holds it.
func (s *Store) Claim(_ context.Context, kind guildhall.ClaimKind, value, owner string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	key := string(kind) + ":" + value
	if holder, ok := s.claims[key]; ok && holder != owner {
		return guildhall.Errorf(guildhall.ECONFLICT, "%q is already taken.", value)
	} else if !ok {
		s.claimedAt[key] = s.now()
	}
	s.claims[key] = owner
	return nil
}

// ClaimHolder returns who holds value, or "".
func (s *Store) ClaimHolder(_ context.Context, kind guildhall.ClaimKind, value string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.claims[string(kind)+":"+value], nil
}

// Release gives up owner's claim of value if it was made before the time given.
func (s *Store) Release(_ context.Context, kind guildhall.ClaimKind, value, owner string, before time.Time) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	key := string(kind) + ":" + value
	if s.claims[key] == owner && s.claimedAt[key].Before(before) {
		delete(s.claims, key)
		delete(s.claimedAt, key)
	}
	return nil
}

// HasRevisions reports whether any revision of the entity is stored, a deletion's too.
func (s *Store) HasRevisions(_ context.Context, kind guildhall.EntityKind, id string) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := map[guildhall.EntityKind]int{
		guildhall.EntityPost: len(s.posts[id]), guildhall.EntityMember: len(s.members[id]), guildhall.EntityBlock: len(s.blocks[id]),
		guildhall.EntityToken: len(s.tokens[id]), guildhall.EntityAccount: len(s.accounts[id]), guildhall.EntityWebhook: len(s.webhooks[id]),
	}
	count, ok := n[kind]
	if !ok {
		return false, fmt.Errorf("no revisions of kind %q", kind)
	}
	return count > 0, nil
}

// LoadCredentials reads the newest revision of every token and account.
func (s *Store) LoadCredentials(context.Context) (*guildhall.Credentials, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := &guildhall.Credentials{}
	for _, t := range s.tokens.live() {
		c.Tokens = append(c.Tokens, copyToken(t))
	}
	for _, a := range s.accounts.live() {
		c.Accounts = append(c.Accounts, copyAccount(a))
	}
	return c, nil
}

// SaveToken stores t as its revision.
func (s *Store) SaveToken(_ context.Context, t *guildhall.Token, _ string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := copyToken(t)
	if err := s.tokens.insert(guildhall.EntityToken, t.ID, revision[*guildhall.Token]{version: t.Version, value: c}); err != nil {
		return err
	}
	s.record(guildhall.EntityToken, t.ID, t.Version, false, c)
	return nil
}

// SaveAccount stores a as its revision.
func (s *Store) SaveAccount(_ context.Context, a *guildhall.Account, _ string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := copyAccount(a)
	if err := s.accounts.insert(guildhall.EntityAccount, a.ID, revision[*guildhall.Account]{version: a.Version, value: c}); err != nil {
		return err
	}
	s.record(guildhall.EntityAccount, a.ID, a.Version, false, c)
	return nil
}

// FindToken reads the newest revision of one token.
func (s *Store) FindToken(_ context.Context, id string) (*guildhall.Token, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if r, ok := s.tokens.newest(id); ok && !r.deleted {
		return copyToken(r.value), nil
	}
	return nil, nil
}

// SaveWebhook stores w as its revision.
func (s *Store) SaveWebhook(_ context.Context, w *guildhall.Webhook, _ string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := copyWebhook(w)
	if err := s.webhooks.insert(guildhall.EntityWebhook, w.ID, revision[*guildhall.Webhook]{version: w.Version, value: c}); err != nil {
		return err
	}
	s.record(guildhall.EntityWebhook, w.ID, w.Version, false, c)
	return nil
}

// DeleteWebhook records the deletion of a webhook.
func (s *Store) DeleteWebhook(_ context.Context, id string, version int, _ string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.webhooks.insert(guildhall.EntityWebhook, id, revision[*guildhall.Webhook]{version: version, deleted: true}); err != nil {
		return err
	}
	s.record(guildhall.EntityWebhook, id, version, true, nil)
	return nil
}

// Webhooks reads the current registrations.
func (s *Store) Webhooks(context.Context) ([]*guildhall.Webhook, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.liveWebhooks(), nil
}

func (s *Store) liveWebhooks() []*guildhall.Webhook {
	out := []*guildhall.Webhook{}
	for _, w := range s.webhooks.live() {
		out = append(out, copyWebhook(w))
	}
	return out
}

// WebhookGone reports whether a webhook is deleted or was never registered.
func (s *Store) WebhookGone(_ context.Context, id string) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, ok := s.webhooks.newest(id)
	return !ok || r.deleted, nil
}

// EnqueueDeliveries logs new deliveries and queues their first attempts.
func (s *Store) EnqueueDeliveries(_ context.Context, first []guildhall.QueuedAttempt) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, q := range first {
		if _, logged := s.log[q.DeliveryID]; logged {
			continue
		}
		s.log[q.DeliveryID] = guildhall.DeliveryRecord{ID: q.DeliveryID, WebhookID: q.WebhookID, EventID: q.EventID,
			Event: q.Event, Payload: q.Payload, CreatedAt: q.CreatedAt}
		s.requeue(q)
	}
	return nil
}

// QueuedAttempts reads the queue, soonest due first.
func (s *Store) QueuedAttempts(context.Context) ([]guildhall.QueuedAttempt, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := slices.Collect(maps.Values(s.queue))
	slices.SortFunc(out, func(a, b guildhall.QueuedAttempt) int {
		return cmp.Or(a.DueAt.Compare(b.DueAt), cmp.Compare(a.ID(), b.ID()))
	})
	return out, nil
}

// Requeue queues an attempt once.
func (s *Store) Requeue(_ context.Context, q guildhall.QueuedAttempt) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requeue(q)
	return nil
}

func (s *Store) requeue(q guildhall.QueuedAttempt) {
	if _, ok := s.queue[q.ID()]; !ok {
		s.queue[q.ID()] = q
	}
}

// Dequeue removes a queue entry.
func (s *Store) Dequeue(_ context.Context, q guildhall.QueuedAttempt) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.queue, q.ID())
	return nil
}

// ClaimAttempt makes the caller the one to make an attempt, unless another claimed it first.
func (s *Store) ClaimAttempt(_ context.Context, delivery string, n int, _ string, at time.Time) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	id := guildhall.AttemptID(delivery, n)
	if _, ok := s.claimed[id]; ok {
		return false, nil
	}
	s.claimed[id] = guildhall.AttemptClaim{N: n, At: at}
	return true, nil
}

// RecordAttempt stores an attempt's result once.
func (s *Store) RecordAttempt(_ context.Context, r guildhall.AttemptResult) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	id := guildhall.AttemptID(r.DeliveryID, r.N)
	if _, ok := s.results[id]; !ok {
		r.Duration = r.Duration.Truncate(time.Millisecond) // the database keeps milliseconds
		s.results[id] = r
	}
	return nil
}

// RecordedAttempt returns an attempt's result, or nil.
func (s *Store) RecordedAttempt(_ context.Context, delivery string, n int) (*guildhall.AttemptResult, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if r, ok := s.results[guildhall.AttemptID(delivery, n)]; ok {
		return &r, nil
	}
	return nil, nil
}

// Deliveries reads the log, newest first.
func (s *Store) Deliveries(_ context.Context, webhookID, before string, limit int) ([]guildhall.DeliveryRecord, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var ids []string
	for id, d := range s.log {
		if (webhookID == "" || d.WebhookID == webhookID) && (before == "" || id < before) {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	slices.Reverse(ids)
	more := len(ids) > limit
	ids = ids[:min(limit, len(ids))]
	out := make([]guildhall.DeliveryRecord, 0, len(ids))
	for _, id := range ids {
		r := s.log[id]
		for _, key := range slices.Sorted(maps.Keys(s.claimed)) {
			if c := s.claimed[key]; key == guildhall.AttemptID(id, c.N) {
				r.Claims = append(r.Claims, c)
			}
		}
		for _, key := range slices.Sorted(maps.Keys(s.results)) {
			if res := s.results[key]; res.DeliveryID == id {
				r.Results = append(r.Results, res)
			}
		}
		for _, key := range slices.Sorted(maps.Keys(s.queue)) {
			if q := s.queue[key]; q.DeliveryID == id {
				r.Queued = append(r.Queued, q)
			}
		}
		out = append(out, r)
	}
	if len(out) == 0 {
		return nil, false, nil
	}
	return out, more, nil
}

// CountDeliveries counts the logged deliveries of a webhook, or of all.
func (s *Store) CountDeliveries(_ context.Context, webhookID string) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, d := range s.log {
		if webhookID == "" || d.WebhookID == webhookID {
			n++
		}
	}
	return n, nil
}

// PruneDeliveries deletes the attempts and the log entries older than before.
func (s *Store) PruneDeliveries(_ context.Context, before time.Time) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	maps.DeleteFunc(s.claimed, func(_ string, c guildhall.AttemptClaim) bool { return c.At.Before(before) })
	maps.DeleteFunc(s.results, func(_ string, r guildhall.AttemptResult) bool { return r.At.Before(before) })
	maps.DeleteFunc(s.log, func(_ string, d guildhall.DeliveryRecord) bool { return d.CreatedAt.Before(before) })
	return nil
}

// ChangesSince returns the change-log entries at or after since, oldest first.
func (s *Store) ChangesSince(_ context.Context, since time.Time, known func(guildhall.EntityKind, string, int) bool) ([]guildhall.Change, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []guildhall.Change
	for _, e := range s.changes {
		if e.at.Before(since) {
			continue
		}
		c := guildhall.Change{At: e.at, Kind: e.kind, ID: e.id, Version: e.version, Deleted: e.deleted}
		if !e.deleted && (known == nil || !known(e.kind, e.id, e.version)) {
			switch v := e.value.(type) {
			case *guildhall.Post:
				c.Post = copyPost(v)
			case *guildhall.Member:
				c.Member = copyMember(v)
			case guildhall.Block:
				c.Block = copyBlock(v)
			case *guildhall.Token:
				c.Token = copyToken(v)
			case *guildhall.Account:
				c.Account = copyAccount(v)
			case *guildhall.Webhook:
				c.Webhook = copyWebhook(v)
			case *guildhall.Asset:
				c.Asset = copyAsset(v)
			}
		}
		out = append(out, c)
	}
	slices.SortStableFunc(out, func(a, b guildhall.Change) int { return a.At.Compare(b.At) })
	return out, nil
}

// PruneChanges deletes the entries older than before.
func (s *Store) PruneChanges(_ context.Context, before time.Time) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.changes = slices.DeleteFunc(s.changes, func(e entry) bool { return e.at.Before(before) })
	return nil
}

// SharedSecret returns the secret under name, creating it on first use.
func (s *Store) SharedSecret(_ context.Context, name string, size int) ([]byte, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if v, ok := s.secrets[name]; ok {
		if len(v) < size {
			return nil, guildhall.Errorf(guildhall.EINTERNAL, "secret %s is shorter than %d bytes", name, size)
		}
		return slices.Clone(v), nil
	}
	v := make([]byte, size)
	_, _ = rand.Read(v)
	s.secrets[name] = v
	return slices.Clone(v), nil
}

// DatabaseID names this store's content, made on first use.
func (s *Store) DatabaseID(ctx context.Context) (string, error) {
	id, err := s.SharedSecret(ctx, "lineage:database", 16)
	return hex.EncodeToString(id), err
}

// PendingSince is always zero: this store's writes are whole at once, with no intent that
// waits for its revision.
func (s *Store) PendingSince() time.Time { return time.Time{} }

// Ping answers: memory is always there.
func (s *Store) Ping(context.Context) error { return nil }
