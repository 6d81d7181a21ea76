package cms

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/guildhall/guildhall"
	"github.com/guildhall/guildhall/auth"
)

// credentials is every token and account, in memory like the catalog: authenticating a
// request must not wait on the database. Kept current by this instance's writes and by the
// change log, so a revocation reaches every instance within the sync interval.
type credentials struct {
	mu       sync.RWMutex
	tokens   map[string]*guildhall.Token
	accounts map[string]*guildhall.Account
	byEmail  map[string]string   // normalised email -> account ID
	byMember map[string][]string // member ID -> IDs of the accounts bound to it
}

func newCredentials() *credentials {
	return &credentials{tokens: map[string]*guildhall.Token{}, accounts: map[string]*guildhall.Account{}, byEmail: map[string]string{},
		byMember: map[string][]string{}}
}

func (c *credentials) putToken(t *guildhall.Token) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if old, ok := c.tokens[t.ID]; ok && old.Version >= t.Version {
		return
	}
	c.tokens[t.ID] = t
}

func (c *credentials) putAccount(a *guildhall.Account) {
	c.mu.Lock()
	defer c.mu.Unlock()
	old, ok := c.accounts[a.ID]
	if ok && old.Version >= a.Version {
		return
	}
	if ok {
		if email, err := guildhall.NormalizeEmail(old.Email); err == nil && c.byEmail[email] == a.ID {
			delete(c.byEmail, email) // an erased account has no email any more
		}
	}
	c.accounts[a.ID] = a
	if email, err := guildhall.NormalizeEmail(a.Email); err == nil {
		c.byEmail[email] = a.ID
	}
	if a.MemberID != "" && !slices.Contains(c.byMember[a.MemberID], a.ID) {
		c.byMember[a.MemberID] = append(c.byMember[a.MemberID], a.ID)
	}
}

// ofMember returns the accounts of a member and the tokens bound to the member or to those
// accounts.
func (c *credentials) ofMember(memberID string) ([]*guildhall.Account, []*guildhall.Token) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	var accounts []*guildhall.Account
	ids := map[string]bool{}
	for _, a := range c.accounts {
		if a.MemberID == memberID {
			accounts = append(accounts, a)
			ids[a.ID] = true
		}
	}
	var tokens []*guildhall.Token
	for _, t := range c.tokens {
		if t.MemberID == memberID || (t.AccountID != "" && ids[t.AccountID]) {
			tokens = append(tokens, t)
		}
	}
	slices.SortFunc(accounts, func(a, b *guildhall.Account) int { return strings.Compare(a.ID, b.ID) })
	slices.SortFunc(tokens, func(a, b *guildhall.Token) int { return strings.Compare(a.ID, b.ID) })
	return accounts, tokens
}

func (c *credentials) token(id string) (*guildhall.Token, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	t, ok := c.tokens[id]
	return t, ok
}

func (c *credentials) account(id string) (*guildhall.Account, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	a, ok := c.accounts[id]
	return a, ok
}

// accountByEmail finds the account of a normalised address (guildhall.NormalizeEmail).
func (c *credentials) accountByEmail(email string) (*guildhall.Account, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	id, ok := c.byEmail[email]
	if !ok {
		return nil, false
	}
	a, ok := c.accounts[id]
	return a, ok
}

// apiTokens lists API tokens (not sessions), newest first.
func (c *credentials) apiTokens() []*guildhall.Token {
	c.mu.RLock()
	defer c.mu.RUnlock()
	var out []*guildhall.Token
	for _, t := range c.tokens {
		if t.Kind == guildhall.TokenAPI {
			out = append(out, t)
		}
	}
	slices.SortFunc(out, func(a, b *guildhall.Token) int { return strings.Compare(b.ID, a.ID) })
	return out
}

// loadCredentials replaces the credentials with what the database holds.
func (s *Service) loadCredentials(ctx context.Context) error {
	stored, err := s.store.credentials.LoadCredentials(ctx)
	if err != nil {
		return err
	}
	c := newCredentials()
	now := s.now()
	for _, t := range stored.Tokens {
		if t.Kind == guildhall.TokenSession && !t.ValidAt(now) {
			continue // dead sessions are never listed; keep memory to live ones
		}
		c.putToken(t)
	}
	for _, a := range stored.Accounts {
		c.putAccount(a)
	}
	s.creds.Store(c)
	return nil
}

// Authenticate turns a bearer token into a viewer. An empty token is the anonymous reader; a
// token that is not valid (unknown, wrong secret, expired, revoked) is EUNAUTHORIZED, never
// silently anonymous, so a client with a broken credential finds out.
func (s *Service) Authenticate(ctx context.Context, token string) (*guildhall.Viewer, error) {
	if token == "" {
		return guildhall.Anonymous, nil
	}
	if s.opts.AdminToken != "" && auth.SecretMatches(token, auth.HashSecret(s.opts.AdminToken)) {
		return &guildhall.Viewer{Role: guildhall.RoleAdmin, TokenID: "admin-token"}, nil
	}
	invalid := guildhall.Errorf(guildhall.EUNAUTHORIZED, "The token is not valid, has expired or was revoked.")
	_, id, secret, ok := auth.ParseToken(token)
	if !ok {
		return nil, invalid
	}
	t, ok := s.creds.Load().token(id)
	if !ok {
		t, ok = s.fetchNewToken(ctx, id)
	}
	if !ok || !auth.SecretMatches(secret, t.SecretHash) || !t.ValidAt(s.now()) {
		return nil, invalid
	}
	v := &guildhall.Viewer{Role: t.Role, MemberID: t.MemberID, TokenID: t.ID, Scopes: t.Scopes}
	if t.Kind == guildhall.TokenSession {
		// A session acts with the account's current role: demoting or disabling a person
		// takes effect on their open sessions too.
		a, ok := s.creds.Load().account(t.AccountID)
		if !ok || a.DisabledAt != nil {
			return nil, invalid
		}
		v.Role, v.MemberID = a.Role, a.MemberID
	} else if t.MemberID != "" && s.creds.Load().memberDisabled(t.MemberID) {
		// The person's login is disabled: their API tokens stop with it.
		return nil, invalid
	}
	if m, ok := s.cat().Member(v.MemberID); ok && m.Membership != nil {
		v.GoodStanding = m.Membership.InGoodStanding(s.now(), s.opts.GracePeriod)
	}
	return v, nil
}

// fetchNewToken looks in the database for a token made on another instance that the change
// log has not brought here yet: a client that logs in on one instance and is sent to another
// must not be refused. Only IDs minted in the last minutes qualify, and lookups are rate
// limited, so random tokens cannot make every request a database query.
func (s *Service) fetchNewToken(ctx context.Context, id string) (*guildhall.Token, bool) {
	minted, ok := guildhall.IDTime(id)
	if !ok || s.now().Sub(minted) > 2*time.Minute || minted.After(s.now().Add(time.Minute)) || !s.tokenLookups.Allow() {
		return nil, false
	}
	t, err := s.store.credentials.FindToken(ctx, id)
	if err != nil || t == nil {
		return nil, false
	}
	s.creds.Load().putToken(t)
	return t, true
}

// CreateAPIToken makes an API token; only ADMIN may. The secret is in the result only.
func (s *Service) CreateAPIToken(ctx context.Context, in guildhall.CreateApiTokenInput) (*guildhall.CreatedApiToken, error) {
	v, err := require(ctx, guildhall.RoleAdmin)
	if err != nil {
		return nil, err
	}
	return s.createAPIToken(ctx, in, v.Actor())
}

func (s *Service) createAPIToken(ctx context.Context, in guildhall.CreateApiTokenInput, by string) (*guildhall.CreatedApiToken, error) {
	now := s.now()
	problems := guildhall.Problems{}
	name := requiredText("name", in.Name, guildhall.MaxTokenNameLength, problems)
	if !in.Role.IsValid() {
		problems.Add("role", "unknown role")
	}
	memberID := deref(in.MemberID)
	if memberID != "" {
		if !s.found(ctx, func() (ok bool) { _, ok = s.cat().Member(memberID); return ok }) {
			problems.Add("memberId", "no such member")
		}
	}
	scopes := []string{}
	for _, sc := range in.Scopes {
		if !slices.Contains(guildhall.KnownScopes, sc) {
			problems.Add("scopes", "unknown scope %q (known: %s)", sc, strings.Join(guildhall.KnownScopes, ", "))
		} else if !slices.Contains(scopes, sc) {
			scopes = append(scopes, sc)
		}
	}
	service := slices.Contains(scopes, guildhall.ScopeMembership)
	if memberID == "" && (in.Role == guildhall.RoleAuthor || (in.Role == guildhall.RoleMember && !service)) {
		problems.Add("memberId", "a %s token must be bound to a member", in.Role)
	}
	if in.ExpiresAt != nil && !in.ExpiresAt.After(now) {
		problems.Add("expiresAt", "must be in the future")
	}
	if err := problems.Err(); err != nil {
		return nil, err
	}
	secret := auth.NewSecret()
	t := &guildhall.Token{
		ID: guildhall.NewID(guildhall.KindToken, now), Version: 1, Kind: guildhall.TokenAPI, Name: name, Role: in.Role,
		MemberID: memberID, Scopes: scopes, SecretHash: auth.HashSecret(secret), CreatedAt: now, CreatedBy: by,
	}
	if in.ExpiresAt != nil {
		at := in.ExpiresAt.UTC().Truncate(time.Millisecond)
		t.ExpiresAt = &at
	}
	if err := s.store.credentials.SaveToken(ctx, t, by); err != nil {
		return nil, err
	}
	s.creds.Load().putToken(t)
	return &guildhall.CreatedApiToken{Token: auth.FormatToken(auth.PrefixAPI, t.ID, secret), APIToken: t}, nil
}

// CreateAdminToken makes an ADMIN API token outside any request: the bootstrap command
// (`server token create`) uses it.
func (s *Service) CreateAdminToken(ctx context.Context, in guildhall.CreateApiTokenInput) (*guildhall.CreatedApiToken, error) {
	return s.createAPIToken(ctx, in, "command line")
}

// RevokeAPIToken revokes an API token, or a login session by its ID (Account.sessions);
// only ADMIN may. Revoking twice is harmless.
func (s *Service) RevokeAPIToken(ctx context.Context, id string) (*guildhall.Token, error) {
	v, err := require(ctx, guildhall.RoleAdmin)
	if err != nil {
		return nil, err
	}
	var t *guildhall.Token
	if !s.found(ctx, func() (ok bool) { t, ok = s.creds.Load().token(id); return ok }) {
		return nil, guildhall.NotFound("API token")
	}
	return s.revoke(ctx, t, v.Actor())
}

func (s *Service) revoke(ctx context.Context, t *guildhall.Token, by string) (*guildhall.Token, error) {
	if t.RevokedAt != nil {
		return t, nil
	}
	next := *t
	next.Version++
	now := s.now()
	next.RevokedAt = &now
	if err := s.store.credentials.SaveToken(ctx, &next, by); err != nil {
		if guildhall.ErrorCode(err) == guildhall.ECONFLICT {
			// Someone revoked (or changed) it at the same moment: the newest state wins.
			if cur, ok := s.creds.Load().token(t.ID); ok && cur.Version > t.Version {
				return s.revoke(ctx, cur, by)
			}
		}
		return nil, err
	}
	s.creds.Load().putToken(&next)
	return &next, nil
}

// APITokens lists API tokens, newest first; only ADMIN may.
func (s *Service) APITokens(ctx context.Context, first *int, after *string) (*guildhall.Page[*guildhall.Token], error) {
	if _, err := require(ctx, guildhall.RoleAdmin); err != nil {
		return nil, err
	}
	n, err := guildhall.PageSize(first)
	if err != nil {
		return nil, err
	}
	return pageByID(s.creds.Load().apiTokens(), n, deref(after), "tokens", func(t *guildhall.Token) string { return t.ID })
}

// TokenMember returns the member a token is bound to.
func (s *Service) TokenMember(t *guildhall.Token) *guildhall.Member {
	m, _ := s.cat().Member(t.MemberID)
	return m
}

// CreateAccount gives a person a login; only ADMIN may.
func (s *Service) CreateAccount(ctx context.Context, in guildhall.CreateAccountInput) (*guildhall.Account, error) {
	v, err := require(ctx, guildhall.RoleAdmin)
	if err != nil {
		return nil, err
	}
	problems := guildhall.Problems{}
	email := strings.TrimSpace(in.Email)
	normal := checkEmail("email", email, problems)
	if _, taken := s.creds.Load().accountByEmail(normal); taken {
		problems.Add("email", "already has an account")
	}
	checkPassword("password", in.Password, problems)
	if !in.Role.IsValid() {
		problems.Add("role", "unknown role")
	}
	memberID := deref(in.MemberID)
	if memberID != "" {
		if !s.found(ctx, func() (ok bool) { _, ok = s.cat().Member(memberID); return ok }) {
			problems.Add("memberId", "no such member")
		}
	} else if in.Role == guildhall.RoleMember || in.Role == guildhall.RoleAuthor {
		problems.Add("memberId", "a %s account must be bound to a member", in.Role)
	}
	if err := problems.Err(); err != nil {
		return nil, err
	}
	hash, err := auth.HashPassword(ctx, in.Password)
	if err != nil {
		return nil, hashingError(err)
	}
	now := s.now()
	a := &guildhall.Account{ID: guildhall.NewID(guildhall.KindAccount, now), Version: 1, Email: email, PasswordHash: hash,
		Role: in.Role, MemberID: memberID, CreatedAt: now, UpdatedAt: now}
	taken := &guildhall.Error{Code: guildhall.EINVALID, Message: "The email already has an account.", Fields: map[string]string{"email": "already has an account"}}
	if err := s.store.claims.Claim(ctx, guildhall.ClaimAccountEmail, normal, a.ID); err != nil {
		if guildhall.ErrorCode(err) != guildhall.ECONFLICT {
			return nil, err
		}
		// A create that failed after claiming left the claim: adopt its ID (see orphanOwner).
		known := func(id string) bool { _, ok := s.creds.Load().account(id); return ok }
		if a.ID, err = s.orphanOwner(ctx, guildhall.ClaimAccountEmail, normal, a.ID, guildhall.EntityAccount, known); err != nil {
			return nil, err
		} else if a.ID == "" {
			return nil, taken
		}
	}
	if err := s.store.credentials.SaveAccount(ctx, a, v.Actor()); err != nil {
		if guildhall.ErrorCode(err) == guildhall.ECONFLICT {
			return nil, taken // an adopted ID whose first write landed after all, or another adopter's
		}
		return nil, err
	}
	s.creds.Load().putAccount(a)
	return a, nil
}

func checkPassword(field, pw string, problems guildhall.Problems) {
	if n := utf8.RuneCountInString(pw); n < auth.MinPasswordLength || len(pw) > auth.MaxPasswordLength {
		problems.Add(field, "must be %d to %d characters", auth.MinPasswordLength, auth.MaxPasswordLength)
	}
}

// Login checks an email and password and opens a session. Attempts are throttled per
// account and per client address (auth.Throttle), counted before the password is checked;
// an unknown email costs the same time as a wrong password and gets the same answer, so
// logins do not reveal who has an account.
func (s *Service) Login(ctx context.Context, email, password, clientAddr string) (*guildhall.Session, error) {
	// An address that does not normalise has no account; its failures count under "".
	accountKey, _ := guildhall.NormalizeEmail(email)
	attempt, err := s.beginPasswordCheck(accountKey, clientAddr)
	if err != nil {
		return nil, err
	}
	a, ok := s.creds.Load().accountByEmail(accountKey)
	var good bool
	if ok && a.DisabledAt == nil && len(password) <= auth.MaxPasswordLength {
		good, err = auth.VerifyPassword(ctx, a.PasswordHash, password)
	} else {
		good, err = auth.SpendVerifyTime(ctx, password[:min(len(password), auth.MaxPasswordLength)])
	}
	if err != nil {
		attempt.Abandon()
		return nil, hashingError(err)
	}
	if !good {
		return nil, guildhall.Errorf(guildhall.EUNAUTHORIZED, "The email or password is wrong.")
	}
	attempt.Succeeded()
	now := s.now()
	secret := auth.NewSecret()
	expires := now.Add(s.opts.SessionTTL)
	t := &guildhall.Token{
		ID: guildhall.NewID(guildhall.KindToken, now), Version: 1, Kind: guildhall.TokenSession, Name: "login",
		Role: a.Role, MemberID: a.MemberID, AccountID: a.ID, Scopes: []string{}, SecretHash: auth.HashSecret(secret),
		CreatedAt: now, CreatedBy: a.ID, ExpiresAt: &expires,
	}
	if err := s.store.credentials.SaveToken(ctx, t, a.ID); err != nil {
		return nil, err
	}
	s.creds.Load().putToken(t)
	token := auth.FormatToken(auth.PrefixSession, t.ID, secret)
	v, err := s.Authenticate(ctx, token)
	if err != nil {
		return nil, err
	}
	return &guildhall.Session{Token: token, ExpiresAt: expires, Viewer: v}, nil
}

// beginPasswordCheck counts an attempt at an account's password from an address, or
// refuses it with RATE_LIMITED while the account or the address must wait.
func (s *Service) beginPasswordCheck(account, clientAddr string) (*auth.Attempt, error) {
	attempt, wait, ok := s.logins.Begin(account, clientAddr)
	if !ok {
		return nil, &guildhall.Error{Code: guildhall.ERATELIMITED, Message: "Too many failed attempts; try again later.",
			Extra: map[string]any{"retryAfterSeconds": int(wait.Seconds()) + 1}}
	}
	return attempt, nil
}

// hashingError is what a client is told when its password could not be hashed: the server
// was busy hashing others' (RATE_LIMITED, try again in a moment), or the request ended.
func hashingError(err error) error {
	switch {
	case errors.Is(err, auth.ErrBusy):
		return &guildhall.Error{Code: guildhall.ERATELIMITED, Message: "Too many passwords are being checked at once; try again in a moment.",
			Extra: map[string]any{"retryAfterSeconds": 1}}
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return guildhall.Errorf(guildhall.EUNAVAILABLE, "The request took too long and was stopped.")
	}
	return err
}

// Logout revokes the session the request was made with.
func (s *Service) Logout(ctx context.Context) (bool, error) {
	v := guildhall.ViewerFrom(ctx)
	t, ok := s.creds.Load().token(v.TokenID)
	if !ok || t.Kind != guildhall.TokenSession {
		return false, &guildhall.Error{Code: guildhall.EINVALID, Message: "Only a login session can log out; revoke API tokens instead.",
			Fields: map[string]string{"Authorization": "is not a session token"}}
	}
	_, err := s.revoke(ctx, t, v.Actor())
	return err == nil, err
}

// ChangePassword changes the password of the account the session belongs to.
func (s *Service) ChangePassword(ctx context.Context, current, next string) (bool, error) {
	v := guildhall.ViewerFrom(ctx)
	t, ok := s.creds.Load().token(v.TokenID)
	if !ok || t.Kind != guildhall.TokenSession {
		return false, guildhall.Errorf(guildhall.EUNAUTHORIZED, "Log in to change your password.")
	}
	a, ok := s.creds.Load().account(t.AccountID)
	if !ok {
		return false, guildhall.Errorf(guildhall.EUNAUTHORIZED, "Log in to change your password.")
	}
	// Guessing the current password with a stolen session is guessing a password.
	accountKey, _ := guildhall.NormalizeEmail(a.Email)
	attempt, err := s.beginPasswordCheck(accountKey, auth.ClientAddr(ctx))
	if err != nil {
		return false, err
	}
	problems := guildhall.Problems{}
	right, err := auth.VerifyPassword(ctx, a.PasswordHash, current)
	if err != nil {
		attempt.Abandon()
		return false, hashingError(err)
	}
	if right {
		attempt.Succeeded()
	} else {
		problems.Add("currentPassword", "is wrong")
	}
	checkPassword("newPassword", next, problems)
	if err := problems.Err(); err != nil {
		return false, err
	}
	hash, err := auth.HashPassword(ctx, next)
	if err != nil {
		return false, hashingError(err)
	}
	updated := *a
	updated.Version++
	updated.PasswordHash, updated.UpdatedAt = hash, s.now()
	if err := s.store.credentials.SaveAccount(ctx, &updated, v.Actor()); err != nil {
		return false, err
	}
	s.creds.Load().putAccount(&updated)
	// Whoever else holds a session of the account (the reason to change a password, often)
	// is logged out; this session goes on.
	if _, err := s.revokeSessions(ctx, a.ID, t.ID, v.Actor()); err != nil {
		return false, err
	}
	return true, nil
}

// AccountMember returns the member an account is bound to.
func (s *Service) AccountMember(a *guildhall.Account) *guildhall.Member {
	m, _ := s.cat().Member(a.MemberID)
	return m
}
