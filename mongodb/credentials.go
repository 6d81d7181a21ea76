package mongodb

import (
	"context"
	"time"

	"github.com/guildhall/guildhall"
)

// Credentials are stored like content: append-only revisions (a revocation is a new
// revision), so revoking races nothing and every instance learns of it from the change log.
const (
	colTokenRevisions   = "token_revisions"
	colAccountRevisions = "account_revisions"
)

type tokenDoc struct {
	Kind       string     `bson:"kind"`
	Name       string     `bson:"name"`
	Role       string     `bson:"role,omitempty"`
	MemberID   string     `bson:"member,omitempty"`
	AccountID  string     `bson:"account,omitempty"`
	Scopes     []string   `bson:"scopes,omitempty"`
	SecretHash string     `bson:"secretHash"`
	CreatedAt  time.Time  `bson:"createdAt"`
	CreatedBy  string     `bson:"createdBy,omitempty"`
	ExpiresAt  *time.Time `bson:"expiresAt,omitempty"`
	RevokedAt  *time.Time `bson:"revokedAt,omitempty"`
}

func tokenFromRevision(r revision[tokenDoc]) *guildhall.Token {
	d := r.Doc
	return &guildhall.Token{
		ID: r.Entity, Version: r.Version, Kind: guildhall.TokenKind(d.Kind), Name: d.Name, Role: guildhall.Role(d.Role),
		MemberID: d.MemberID, AccountID: d.AccountID, Scopes: nonNil(d.Scopes), SecretHash: d.SecretHash,
		CreatedAt: d.CreatedAt.UTC(), CreatedBy: d.CreatedBy, ExpiresAt: utcPtr(d.ExpiresAt), RevokedAt: utcPtr(d.RevokedAt),
	}
}

type accountDoc struct {
	Email        string     `bson:"email"`
	PasswordHash string     `bson:"passwordHash"`
	Role         string     `bson:"role"`
	MemberID     string     `bson:"member,omitempty"`
	CreatedAt    time.Time  `bson:"createdAt"`
	DisabledAt   *time.Time `bson:"disabledAt,omitempty"`
}

func accountFromRevision(r revision[accountDoc]) *guildhall.Account {
	d := r.Doc
	return &guildhall.Account{
		ID: r.Entity, Version: r.Version, Email: d.Email, PasswordHash: d.PasswordHash, Role: guildhall.Role(d.Role),
		MemberID: d.MemberID, CreatedAt: d.CreatedAt.UTC(), UpdatedAt: r.SavedAt.UTC(), DisabledAt: utcPtr(d.DisabledAt),
	}
}

// SaveToken stores t as revision t.Version; ECONFLICT if that revision exists.
func (s *Store) SaveToken(ctx context.Context, t *guildhall.Token, by string) error {
	return insertRevision(ctx, s, colTokenRevisions, guildhall.EntityToken, revision[tokenDoc]{
		Entity: t.ID, Version: t.Version, SavedAt: s.Now().UTC(), SavedBy: by,
		Doc: &tokenDoc{
			Kind: string(t.Kind), Name: t.Name, Role: string(t.Role), MemberID: t.MemberID, AccountID: t.AccountID,
			Scopes: t.Scopes, SecretHash: t.SecretHash, CreatedAt: t.CreatedAt, CreatedBy: t.CreatedBy,
			ExpiresAt: t.ExpiresAt, RevokedAt: t.RevokedAt,
		},
	})
}

// SaveAccount stores a as revision a.Version; ECONFLICT if that revision exists.
func (s *Store) SaveAccount(ctx context.Context, a *guildhall.Account, by string) error {
	return insertRevision(ctx, s, colAccountRevisions, guildhall.EntityAccount, revision[accountDoc]{
		Entity: a.ID, Version: a.Version, SavedAt: a.UpdatedAt, SavedBy: by,
		Doc: &accountDoc{
			Email: a.Email, PasswordHash: a.PasswordHash, Role: string(a.Role), MemberID: a.MemberID,
			CreatedAt: a.CreatedAt, DisabledAt: a.DisabledAt,
		},
	})
}

// LoadCredentials reads the newest revision of every token and account. Tokens that can no
// longer be used (expired or revoked before now) are still returned, so that listings show
// them; the caller may drop them.
func (s *Store) LoadCredentials(ctx context.Context) (*guildhall.Credentials, error) {
	tokens, err := loadLatest[tokenDoc](ctx, s, colTokenRevisions)
	if err != nil {
		return nil, err
	}
	accounts, err := loadLatest[accountDoc](ctx, s, colAccountRevisions)
	if err != nil {
		return nil, err
	}
	c := &guildhall.Credentials{}
	for _, r := range tokens {
		c.Tokens = append(c.Tokens, tokenFromRevision(r))
	}
	for _, r := range accounts {
		c.Accounts = append(c.Accounts, accountFromRevision(r))
	}
	return c, nil
}

// FindToken reads the newest revision of one token, for a token this instance has not heard
// of yet (made on another instance moments ago). It queries the database: callers must
// rate-limit it.
func (s *Store) FindToken(ctx context.Context, id string) (*guildhall.Token, error) {
	revs, err := listRevisions[tokenDoc](ctx, s, colTokenRevisions, id)
	if err != nil {
		return nil, err
	}
	if len(revs) == 0 || revs[0].Doc == nil {
		return nil, nil
	}
	return tokenFromRevision(revs[0]), nil
}
