package guildhall

import "time"

// MaxTokenNameLength bounds the name given to an API token.
const MaxTokenNameLength = 100

// Token is a bearer credential: an API token made by an ADMIN, or a session from login. Only a
// hash of its secret is stored; the secret is shown once, when the token is made.
type Token struct {
	ID         string
	Version    int
	Kind       TokenKind
	Name       string
	Role       Role
	MemberID   string // the member the token acts as, if any
	AccountID  string // for sessions: the account that logged in
	Scopes     []string
	SecretHash string
	CreatedAt  time.Time
	CreatedBy  string
	ExpiresAt  *time.Time
	RevokedAt  *time.Time
}

// IsNode marks Token as a GraphQL Node (ApiToken).
func (*Token) IsNode() {}

// TokenKind tells API tokens from login sessions.
type TokenKind string

// The kinds of token.
const (
	TokenAPI     TokenKind = "api"
	TokenSession TokenKind = "session"
)

// ValidAt reports whether the token may be used at now.
func (t *Token) ValidAt(now time.Time) bool {
	return t.RevokedAt == nil && (t.ExpiresAt == nil || now.Before(*t.ExpiresAt))
}

// Account is a person who can log in with email and password.
type Account struct {
	ID           string
	Version      int
	Email        string
	PasswordHash string // argon2id, PHC string format
	Role         Role
	MemberID     string // the member the person is, if any (staff may have none)
	CreatedAt    time.Time
	UpdatedAt    time.Time
	DisabledAt   *time.Time
}

// Disabled reports whether the account may no longer log in: its sessions, and the API
// tokens bound to its member, are refused too.
func (a *Account) Disabled() bool { return a.DisabledAt != nil }

// UpdateAccountInput changes an account: the fields given change.
type UpdateAccountInput struct {
	ID       string
	Role     *Role
	Disabled *bool
}

// KindAccount prefixes account IDs.
const KindAccount = "acc"

// CreateApiTokenInput asks for a new API token.
type CreateApiTokenInput struct {
	Name      string
	Role      Role
	MemberID  *string
	Scopes    []string
	ExpiresAt *time.Time
}

// CreatedApiToken is a new token with its secret, which is never shown again.
type CreatedApiToken struct {
	Token    string
	APIToken *Token
}

// Session is the result of a login.
type Session struct {
	Token     string
	ExpiresAt time.Time
	Viewer    *Viewer
}

// CreateAccountInput asks for a new login.
type CreateAccountInput struct {
	Email    string
	Password string
	Role     Role
	MemberID *string
}

// KnownScopes are the scopes a token may carry.
var KnownScopes = []string{ScopeMembership}

// IsNode marks Account as a GraphQL Node.
func (*Account) IsNode() {}
