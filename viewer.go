package guildhall

import (
	"context"
	"slices"
	"time"
)

// Role is what a credential may do; the zero Role is an anonymous reader.
type Role string

// The roles, each including the one before it.
const (
	RoleAnonymous Role = ""
	RoleMember    Role = "MEMBER"
	RoleAuthor    Role = "AUTHOR"
	RoleEditor    Role = "EDITOR"
	RoleAdmin     Role = "ADMIN"
)

// IsValid reports whether r is one of the named roles (not anonymous).
func (r Role) IsValid() bool {
	switch r {
	case RoleMember, RoleAuthor, RoleEditor, RoleAdmin:
		return true
	}
	return false
}

func (r Role) rank() int {
	switch r {
	case RoleMember:
		return 1
	case RoleAuthor:
		return 2
	case RoleEditor:
		return 3
	case RoleAdmin:
		return 4
	}
	return 0
}

// AtLeast reports whether r includes min.
func (r Role) AtLeast(min Role) bool { return r.rank() >= min.rank() }

// ScopeMembership lets a service token (a checkout system) join, renew and cancel.
const ScopeMembership = "membership"

// Viewer is who is asking: resolved once per request from its credential, then consulted by
// every rule below. The rules live here, in one place, so GraphQL, feeds and anything later
// answer alike.
type Viewer struct {
	Role     Role
	MemberID string // the member the credential is bound to, if any
	TokenID  string // the API token or session used, if any
	Scopes   []string
	// GoodStanding is whether the bound member's membership is ACTIVE or in GRACE at the
	// time of the request.
	GoodStanding bool
}

// Anonymous is the viewer of a request without a credential.
var Anonymous = &Viewer{}

// IsStaff reports whether the viewer may see and edit all content.
func (v *Viewer) IsStaff() bool { return v.Role.AtLeast(RoleEditor) }

// HasScope reports whether the viewer's credential carries scope.
func (v *Viewer) HasScope(scope string) bool { return slices.Contains(v.Scopes, scope) }

// Actor names the viewer in audit fields: the member, else the token.
func (v *Viewer) Actor() string {
	if v.MemberID != "" {
		return v.MemberID
	}
	return v.TokenID
}

// CanSeePost reports whether the post exists as far as the viewer is concerned. Drafts,
// scheduled and archived posts are for staff and their author only; everyone else is told
// they do not exist.
func (v *Viewer) CanSeePost(p *Post, now time.Time) bool {
	if p.IsLive(now) {
		return true
	}
	return v.IsStaff() || v.IsAuthorOf(p)
}

// IsAuthorOf reports whether the viewer authored p with a credential that may author.
func (v *Viewer) IsAuthorOf(p *Post) bool {
	return v.Role.AtLeast(RoleAuthor) && v.MemberID != "" && v.MemberID == p.AuthorID
}

// CanSeeRevisions reports whether the viewer may read the post's history: its author and
// staff only. For everyone else the history is answered as empty, as if it did not exist.
func (v *Viewer) CanSeeRevisions(p *Post) bool {
	return v.IsStaff() || v.IsAuthorOf(p)
}

// CanReadBody reports whether the viewer may read the post's body (and revisions of it),
// given that the post is visible to them at all.
func (v *Viewer) CanReadBody(p *Post) bool {
	if p.Visibility != VisibilityMembers {
		return true
	}
	return v.CanReadMembersBodies() || v.IsAuthorOf(p)
}

// CanReadMembersBodies reports whether the viewer may read the body of every members-only
// post: staff, and members in good standing. Others may read only their own (CanReadBody),
// and search matches only the public text of the rest (title, tags, author, excerpt).
func (v *Viewer) CanReadMembersBodies() bool {
	return v.IsStaff() || (v.MemberID != "" && v.GoodStanding)
}

// CanSeeContact reports whether the viewer may read a member's email and phone.
func (v *Viewer) CanSeeContact(memberID string) bool {
	return v.IsStaff() || (v.MemberID != "" && v.MemberID == memberID)
}

// ManagesMemberships reports whether the viewer may change anyone's membership and see every
// member's: ADMIN, or a credential with the membership scope (the checkout system).
func (v *Viewer) ManagesMemberships() bool {
	return v.Role == RoleAdmin || v.HasScope(ScopeMembership)
}

// CanSeeMembership reports whether the viewer may read a member's membership.
func (v *Viewer) CanSeeMembership(memberID string) bool {
	return v.ManagesMemberships() || (v.MemberID != "" && v.MemberID == memberID)
}

type viewerKey struct{}

// WithViewer returns a context carrying v.
func WithViewer(ctx context.Context, v *Viewer) context.Context {
	return context.WithValue(ctx, viewerKey{}, v)
}

// ViewerFrom returns the viewer in ctx, or Anonymous.
func ViewerFrom(ctx context.Context) *Viewer {
	if v, ok := ctx.Value(viewerKey{}).(*Viewer); ok && v != nil {
		return v
	}
	return Anonymous
}
