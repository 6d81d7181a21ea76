package cms

import (
	"context"
	"time"

	"github.com/guildhall/guildhall"
)

// What the service needs from persistence, declared here, where it is used, by what each part
// of the service needs; app wires the MongoDB implementation (mongodb.Store), and cmstest has
// one in memory. The service depends on these alone, never on a store's package.
//
// Every write is an insert whose unique key decides races, also between instances: saving
// version N of an entity that already has a version N is ECONFLICT and writes nothing, and a
// deletion is a new version (a tombstone). Errors are the domain's (guildhall.Error codes);
// a store that cannot be reached answers EUNAVAILABLE.

// ContentStore reads everything the catalog holds and seeds an empty database.
type ContentStore interface {
	// LoadWatching reads the newest revision of every member, post, block and webhook, the
	// tombstones of deleted ones, the posts' history (summaries) and the plans. It hands watch (if not nil) each post revision as
	// soon as it is read, before it is known whether a newer one follows; the posts in the
	// Content are the very values watch was given.
	LoadWatching(ctx context.Context, watch func(*guildhall.Post)) (*guildhall.Content, error)
	// DatabaseID names the content of this database, the same for every instance on it and
	// new for a database restored from a backup: what a local copy of the catalog (a
	// snapshot) is checked against.
	DatabaseID(ctx context.Context) (string, error)
	// IsEmpty reports whether there is no content yet (a first start).
	IsEmpty(ctx context.Context) (bool, error)
	// ClaimOnce reports whether this caller is the first ever to claim name: one-time work
	// that instances starting together must not all do.
	ClaimOnce(ctx context.Context, name string) (bool, error)
	// FinishOnce records that the one-time work claimed as name is done.
	FinishOnce(ctx context.Context, name string) error
	// OnceState tells whether the one-time work name was claimed, how long ago by the
	// store's clock, and whether it is done.
	OnceState(ctx context.Context, name string) (age time.Duration, claimed, done bool, err error)
	// Seed writes whole entities in bulk as first revisions, with their claims
	// (Content.Claims), and no change-log entries: for an empty database nobody follows yet.
	Seed(ctx context.Context, c *guildhall.Content) error
}

// PostStore keeps posts as revisions.
type PostStore interface {
	// SavePost stores p as revision p.Version of post p.ID; ECONFLICT if that exists.
	SavePost(ctx context.Context, p *guildhall.Post) error
	// DeletePost records the deletion of post id as revision version, then removes its older
	// revisions; an error wrapping guildhall.ErrHistoryKept means only the removal failed.
	DeletePost(ctx context.Context, id string, version int, by string) error
	// PostRevision reads one saved revision, with its body; ENOTFOUND if there is none.
	PostRevision(ctx context.Context, id string, version int) (*guildhall.Post, error)
}

// MemberStore keeps members as revisions, and the records that make membership changes
// happen exactly once.
type MemberStore interface {
	// SaveMember stores m as revision m.Version; ECONFLICT if that exists.
	SaveMember(ctx context.Context, m *guildhall.Member, by string) error
	// FindMember reads the newest revision of a member (nil if none): for a member another
	// instance changed or made since this one last heard.
	FindMember(ctx context.Context, id string) (*guildhall.Member, error)
	// ClaimIntent records in under its key if the key is new, and returns the intent that
	// holds the key: in (first is true), or the one an earlier request recorded.
	ClaimIntent(ctx context.Context, in guildhall.Intent) (held guildhall.Intent, first bool, err error)
	// RecordMembershipEvent appends to the audit trail; an event with an ID recorded
	// before is not recorded again.
	RecordMembershipEvent(ctx context.Context, e guildhall.MembershipEvent) error
	// MembershipEvents lists a member's audit trail, newest first.
	MembershipEvents(ctx context.Context, memberID string) ([]guildhall.MembershipEvent, error)
}

// BlockStore keeps blocks as revisions.
type BlockStore interface {
	// SaveBlock stores b as its revision; ECONFLICT if that exists.
	SaveBlock(ctx context.Context, b guildhall.Block, by string) error
	// DeleteBlock records the deletion of block id as revision version (see DeletePost).
	DeleteBlock(ctx context.Context, id string, version int, by string) error
}

// AssetStore keeps the media library's metadata as revisions; the bytes are in a
// media.Originals, written before the first revision that names them.
type AssetStore interface {
	// SaveAsset stores a as revision a.Version; ECONFLICT if that exists.
	SaveAsset(ctx context.Context, a *guildhall.Asset) error
	// DeleteAsset records the deletion of asset id as revision version (see DeletePost).
	DeleteAsset(ctx context.Context, id string, version int, by string) error
	// Assets reads the newest revision of every asset that is not deleted, and the version of
	// each deleted asset's tombstone (remembered, so that neither a late change-log entry nor
	// an import brings it back).
	Assets(ctx context.Context) ([]*guildhall.Asset, map[string]int, error)
	// SeedAssets writes assets in bulk as first revisions, without change-log entries (see
	// ContentStore.Seed).
	SeedAssets(ctx context.Context, assets []*guildhall.Asset) error
}

// ClaimStore decides who holds a unique value (a slug, an email address).
type ClaimStore interface {
	// Claim makes owner the holder of value. Claiming a value one holds already succeeds; a
	// value another owner holds is ECONFLICT.
	Claim(ctx context.Context, kind guildhall.ClaimKind, value, owner string) error
	// ClaimHolder returns who holds value, or "" if nobody does.
	ClaimHolder(ctx context.Context, kind guildhall.ClaimKind, value string) (string, error)
	// Release gives up owner's claim of value if it was made before the time given (a
	// younger claim may belong to a write still in flight); a value another owner holds, or
	// nobody, is left as it is.
	Release(ctx context.Context, kind guildhall.ClaimKind, value, owner string, before time.Time) error
	// HasRevisions reports whether any revision of the entity is stored, a deletion's too: a
	// claim whose owner has none was left by a create whose write failed after claiming.
	HasRevisions(ctx context.Context, kind guildhall.EntityKind, id string) (bool, error)
}

// CredentialStore keeps tokens and accounts as revisions.
type CredentialStore interface {
	// LoadCredentials reads the newest revision of every token and account, including tokens
	// that can no longer be used.
	LoadCredentials(ctx context.Context) (*guildhall.Credentials, error)
	// SaveToken stores t as revision t.Version; ECONFLICT if that exists.
	SaveToken(ctx context.Context, t *guildhall.Token, by string) error
	// SaveAccount stores a as revision a.Version; ECONFLICT if that exists.
	SaveAccount(ctx context.Context, a *guildhall.Account, by string) error
	// FindToken reads the newest revision of one token (nil if none), for a token made on
	// another instance moments ago. Callers rate-limit it.
	FindToken(ctx context.Context, id string) (*guildhall.Token, error)
}

// WebhookStore keeps webhook registrations as revisions.
type WebhookStore interface {
	// SaveWebhook stores w as its revision; ECONFLICT if that exists.
	SaveWebhook(ctx context.Context, w *guildhall.Webhook, by string) error
	// DeleteWebhook records the deletion of webhook id as revision version.
	DeleteWebhook(ctx context.Context, id string, version int, by string) error
	// Webhooks reads the current registrations.
	Webhooks(ctx context.Context) ([]*guildhall.Webhook, error)
	// WebhookGone reports whether webhook id is deleted, or was never registered.
	WebhookGone(ctx context.Context, id string) (bool, error)
}

// DeliveryStore keeps the webhook delivery log and the queue of attempts to make. Each step
// of a delivery is an insert that may be repeated harmlessly (or a queue entry's removal),
// so that a worker on any instance can finish what another began.
type DeliveryStore interface {
	// EnqueueDeliveries logs new deliveries and queues their first attempts, the log first.
	// A delivery logged before is left alone.
	EnqueueDeliveries(ctx context.Context, first []guildhall.QueuedAttempt) error
	// QueuedAttempts reads the whole queue (pending attempts only), soonest due first.
	QueuedAttempts(ctx context.Context) ([]guildhall.QueuedAttempt, error)
	// Requeue queues an attempt; queuing one that is queued already does nothing.
	Requeue(ctx context.Context, q guildhall.QueuedAttempt) error
	// Dequeue removes a queue entry.
	Dequeue(ctx context.Context, q guildhall.QueuedAttempt) error
	// ClaimAttempt makes the caller (named by) the one to make attempt n; false if another
	// worker claimed it first.
	ClaimAttempt(ctx context.Context, delivery string, n int, by string, at time.Time) (bool, error)
	// RecordAttempt stores an attempt's result once; recording it again does nothing.
	RecordAttempt(ctx context.Context, r guildhall.AttemptResult) error
	// RecordedAttempt returns the result of attempt n, or nil if none is recorded.
	RecordedAttempt(ctx context.Context, delivery string, n int) (*guildhall.AttemptResult, error)
	// Deliveries reads the log newest first: up to limit deliveries created before the one
	// named by before ("": from the newest), of one webhook ("": of all), and whether more
	// follow. DeliveryRecord.Delivery derives what the log shows.
	Deliveries(ctx context.Context, webhookID, before string, limit int) ([]guildhall.DeliveryRecord, bool, error)
	// CountDeliveries counts the deliveries of one webhook ("": of all).
	CountDeliveries(ctx context.Context, webhookID string) (int, error)
	// PruneDeliveries deletes the log of deliveries created before the cutoff.
	PruneDeliveries(ctx context.Context, before time.Time) error
}

// ChangeLog carries every revision written by any instance to the others: every revision
// that exists, also one whose writer crashed before its entry was complete.
type ChangeLog interface {
	// ChangesSince returns the entries at or after since, oldest first, then any revision
	// found since the last call whose entry was never completed. An entry for which known
	// returns true comes without its entity (the reader has it); known may be nil. One
	// follower calls it: the log may remember what it looks for between calls.
	ChangesSince(ctx context.Context, since time.Time, known func(kind guildhall.EntityKind, id string, version int) bool) ([]guildhall.Change, error)
	// PruneChanges deletes the entries older than before.
	PruneChanges(ctx context.Context, before time.Time) error
	// PendingSince returns the time of the oldest intent whose revision the reader has not
	// found yet, or the zero time: a reader starting afresh must read the log from there.
	PendingSince() time.Time
}

// SecretStore holds values every instance on the database must share.
type SecretStore interface {
	// SharedSecret returns the random secret of size bytes stored under name, creating it on
	// first use; instances asking at once all get the one value.
	SharedSecret(ctx context.Context, name string, size int) ([]byte, error)
}

// ErasureStore reaches past the insert-only rule, for erasing a person (see EraseMember):
// their data must leave every stored revision and change-log entry. Every method is
// idempotent, so that a retry after a crash part-way finishes the erasure.
type ErasureStore interface {
	// BeginErasure records the erasure, or returns the one an earlier attempt recorded.
	BeginErasure(ctx context.Context, e guildhall.Erasure) (guildhall.Erasure, error)
	// FindErasure returns a member's erasure record, or nil.
	FindErasure(ctx context.Context, memberID string) (*guildhall.Erasure, error)
	// FinishErasure marks the erasure done.
	FinishErasure(ctx context.Context, memberID string, at time.Time) error
	// TombstoneMember writes a member's deletion as their newest revision (unless it is one
	// already), removes every older revision, and returns the tombstone's version.
	TombstoneMember(ctx context.Context, id, by string) (int, error)
	// EraseAccount replaces an account's revisions by one without email, password or member,
	// disabled, and returns its version.
	EraseAccount(ctx context.Context, a *guildhall.Account, by string) (int, error)
	// ForgetTokenHistory removes a token's revisions older than version.
	ForgetTokenHistory(ctx context.Context, id string, version int) error
	// ReassignAuthor rewrites the author of every stored post revision from one member to another.
	ReassignAuthor(ctx context.Context, from, to string) error
	// DeleteAuthoredHistory removes every stored post revision by the author.
	DeleteAuthoredHistory(ctx context.Context, author string) error
	// ForgetActor rewrites who saved a revision (and who made a token) from actor to replacement.
	ForgetActor(ctx context.Context, actor, replacement string) error
	// ReleaseClaims deletes every claim the owners hold.
	ReleaseClaims(ctx context.Context, owners ...string) error
	// ForgetMembership deletes a member's membership events and idempotency records.
	ForgetMembership(ctx context.Context, memberID string) error
	// ForgetDeliveries deletes the webhook deliveries (and their queue entries and results)
	// whose payload holds any of the texts.
	ForgetDeliveries(ctx context.Context, texts ...string) error
	// ScrubChangeLog deletes each entity's change-log entries older than the version given.
	ScrubChangeLog(ctx context.Context, keep map[string]int) error
	// MemberRevisions lists every stored state of a member, newest first.
	MemberRevisions(ctx context.Context, id string) ([]*guildhall.Member, error)
}

// Store is everything the service needs, as one value to wire.
type Store interface {
	ContentStore
	PostStore
	MemberStore
	BlockStore
	AssetStore
	ClaimStore
	CredentialStore
	WebhookStore
	DeliveryStore
	ChangeLog
	SecretStore
	ErasureStore
	// Ping checks that the store answers (EUNAVAILABLE if not); /readyz asks it.
	Ping(ctx context.Context) error
}

// stores is the service's persistence, split by what each part of the service uses, so that
// each part shows what it depends on.
type stores struct {
	content     ContentStore
	posts       PostStore
	members     MemberStore
	blocks      BlockStore
	assets      AssetStore
	claims      ClaimStore
	credentials CredentialStore
	webhooks    WebhookStore
	deliveries  DeliveryStore
	changes     ChangeLog
	secrets     SecretStore
	erasure     ErasureStore
	ping        func(context.Context) error
}

func split(s Store) stores {
	return stores{content: s, posts: s, members: s, blocks: s, assets: s, claims: s, credentials: s,
		webhooks: s, deliveries: s, changes: s, secrets: s, erasure: s, ping: s.Ping}
}
