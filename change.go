package guildhall

import "time"

// EntityKind names a kind of stored entity, as the change log carries it between instances.
type EntityKind string

// The kinds of entity that are stored as revisions and carried by the change log.
const (
	EntityPost    EntityKind = "post"
	EntityMember  EntityKind = "member"
	EntityBlock   EntityKind = "block"
	EntityToken   EntityKind = "token"
	EntityAccount EntityKind = "account"
	EntityWebhook EntityKind = "webhook"
	EntityAsset   EntityKind = "asset"
)

// Change is one write, as another instance needs it to bring its memory up to date: the
// entity's new revision (the field of its kind), or its deletion. A change read for an
// entity the reader said it knows already comes without it.
type Change struct {
	At      time.Time
	Kind    EntityKind
	ID      string
	Version int
	Deleted bool
	Post    *Post
	Member  *Member
	Block   Block
	Token   *Token
	Account *Account
	Webhook *Webhook
	Asset   *Asset
}

// Content is everything the catalog holds, as read at start or written by seeding.
type Content struct {
	Members []*Member
	Posts   []*Post
	// PostHistory is every saved revision of those posts, as summaries without bodies.
	PostHistory []*PostRevision
	Blocks      []Block
	Plans       []MembershipPlan
	Webhooks    []*Webhook
	// Tombstones are the deleted posts, blocks and webhooks, by ID, with the version of the
	// deletion: a follower must not let an older change bring one back.
	Tombstones map[string]int
	// PostsDeletedAt is when a post was last deleted (zero if never): feeds may have lost a
	// post then, and their Last-Modified must not be earlier.
	PostsDeletedAt time.Time
}

// Credentials are every token and account, as read at start.
type Credentials struct {
	Tokens   []*Token
	Accounts []*Account
}
