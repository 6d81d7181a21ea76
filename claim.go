package guildhall

import "time"

// ClaimKind is a kind of unique value. A value is claimed by inserting it: the database, not
// a check-then-write, decides who gets it, also across instances. Slugs are never released,
// so a renamed post keeps its old slugs; a member's email is released when the member's
// address changes away from it, so that its real owner can use it.
type ClaimKind string

// The kinds of claimed value.
const (
	ClaimPostSlug     ClaimKind = "post-slug"
	ClaimMemberSlug   ClaimKind = "member-slug"
	ClaimMemberEmail  ClaimKind = "member-email"  // the value is NormalizeEmail's
	ClaimAccountEmail ClaimKind = "account-email" // the value is NormalizeEmail's
	// ClaimRedirectPath makes a former site's path one post's (Post.OldPaths, OldPath's form).
	ClaimRedirectPath ClaimKind = "redirect-path"
)

// Claim is one unique value and its holder.
type Claim struct {
	Kind  ClaimKind
	Value string
	Owner string
}

// Claims are the unique values the content holds: every post's slug, every member's slug and
// email. Seeding claims them with the content, as a write would one by one.
func (c *Content) Claims() []Claim {
	out := make([]Claim, 0, len(c.Posts)+2*len(c.Members))
	for _, p := range c.Posts {
		out = append(out, Claim{Kind: ClaimPostSlug, Value: p.Slug, Owner: p.ID})
	}
	for _, m := range c.Members {
		out = append(out, Claim{Kind: ClaimMemberSlug, Value: m.Slug, Owner: m.ID})
		if m.Email == nil {
			continue
		}
		if email, err := NormalizeEmail(*m.Email); err == nil {
			out = append(out, Claim{Kind: ClaimMemberEmail, Value: email, Owner: m.ID})
		}
	}
	return out
}

// Intent is what an idempotency key was first used for: the request's fingerprint and the
// IDs chosen for its outcome, so that a retry finishes the same work instead of starting new.
// The first request with a key records it; every later one reads it back.
type Intent struct {
	Key       string // scope and key, e.g. "renew:abc"
	Payload   string // fingerprint of the request, to refuse the key with another payload
	MemberID  string
	OutcomeID string // the renewal (or member) the request creates
	At        time.Time
}
