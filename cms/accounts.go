package cms

import (
	"context"
	"slices"
	"strings"

	"github.com/guildhall/guildhall"
)

// Ending a person's access: an ADMIN changes an account's role or disables it, and ends its
// sessions. Authenticate consults the account on every request, so either takes effect at
// once on this instance and, through the change log, within the sync interval on the others.

// sessionsOf lists the account's sessions that still work, newest first.
func (c *credentials) sessionsOf(accountID string) []*guildhall.Token {
	c.mu.RLock()
	defer c.mu.RUnlock()
	var out []*guildhall.Token
	for _, t := range c.tokens {
		if t.Kind == guildhall.TokenSession && t.AccountID == accountID && t.RevokedAt == nil {
			out = append(out, t)
		}
	}
	slices.SortFunc(out, func(a, b *guildhall.Token) int { return strings.Compare(b.ID, a.ID) })
	return out
}

// memberDisabled reports whether an account bound to the member is disabled: the person's
// API tokens stop with their login.
func (c *credentials) memberDisabled(memberID string) bool {
	c.mu.RLock()
	defer c.mu.RUnlock()
	for _, id := range c.byMember[memberID] {
		if a := c.accounts[id]; a != nil && a.Disabled() {
			return true
		}
	}
	return false
}

// allAccounts lists every account, newest first.
func (c *credentials) allAccounts() []*guildhall.Account {
	c.mu.RLock()
	defer c.mu.RUnlock()
	out := make([]*guildhall.Account, 0, len(c.accounts))
	for _, a := range c.accounts {
		out = append(out, a)
	}
	slices.SortFunc(out, func(a, b *guildhall.Account) int { return strings.Compare(b.ID, a.ID) })
	return out
}

// Accounts lists the login accounts, newest first; only ADMIN may.
func (s *Service) Accounts(ctx context.Context, first *int, after *string) (*guildhall.Page[*guildhall.Account], error) {
	if _, err := require(ctx, guildhall.RoleAdmin); err != nil {
		return nil, err
	}
	n, err := guildhall.PageSize(first)
	if err != nil {
		return nil, err
	}
	return pageByID(s.creds.Load().allAccounts(), n, deref(after), "accounts", func(a *guildhall.Account) string { return a.ID })
}

// AccountSessions lists the account's working sessions, for ADMIN and for the account itself;
// anyone else sees none, as if there were none.
func (s *Service) AccountSessions(ctx context.Context, a *guildhall.Account) []*guildhall.Token {
	if !s.mayManageSessions(ctx, a.ID) {
		return []*guildhall.Token{}
	}
	now := s.now()
	return slices.DeleteFunc(s.creds.Load().sessionsOf(a.ID), func(t *guildhall.Token) bool { return !t.ValidAt(now) })
}

// mayManageSessions reports whether the viewer is ADMIN or a session of the account.
func (s *Service) mayManageSessions(ctx context.Context, accountID string) bool {
	v := guildhall.ViewerFrom(ctx)
	if v.Role == guildhall.RoleAdmin {
		return true
	}
	t, ok := s.creds.Load().token(v.TokenID)
	return ok && t.Kind == guildhall.TokenSession && t.AccountID == accountID
}

// UpdateAccount changes an account's role, or disables or re-enables it; only ADMIN may.
// Disabling also ends every session of the account, so that enabling it again does not bring
// them back. An ADMIN cannot disable or demote the account they are logged in with, so that
// the last administrator cannot lock everyone out by mistake.
func (s *Service) UpdateAccount(ctx context.Context, in guildhall.UpdateAccountInput) (*guildhall.Account, error) {
	v, err := require(ctx, guildhall.RoleAdmin)
	if err != nil {
		return nil, err
	}
	a, ok := s.creds.Load().account(in.ID)
	if !ok {
		return nil, guildhall.NotFound("Account")
	}
	problems := guildhall.Problems{}
	next := *a
	if in.Role != nil {
		switch {
		case !in.Role.IsValid():
			problems.Add("role", "unknown role")
		case a.MemberID == "" && (*in.Role == guildhall.RoleMember || *in.Role == guildhall.RoleAuthor):
			problems.Add("role", "a %s account must be bound to a member", *in.Role)
		}
		next.Role = *in.Role
	}
	now := s.now()
	if in.Disabled != nil {
		switch {
		case *in.Disabled && a.DisabledAt == nil:
			next.DisabledAt = &now
		case !*in.Disabled:
			next.DisabledAt = nil
		}
	}
	if own, ok := s.creds.Load().token(v.TokenID); ok && own.AccountID == a.ID && (next.Disabled() || next.Role != guildhall.RoleAdmin) {
		problems.Add("id", "is the account you are logged in with; another ADMIN must disable or demote it")
	}
	if err := problems.Err(); err != nil {
		return nil, err
	}
	if next.Role == a.Role && next.Disabled() == a.Disabled() {
		return a, nil // nothing changes
	}
	next.Version++
	next.UpdatedAt = now
	if err := s.store.credentials.SaveAccount(ctx, &next, v.Actor()); err != nil {
		return nil, err
	}
	s.creds.Load().putAccount(&next)
	if next.Disabled() {
		if _, err := s.revokeSessions(ctx, a.ID, "", v.Actor()); err != nil {
			return nil, err
		}
	}
	return &next, nil
}

// RevokeSessions ends every session of the account and returns how many it ended; ADMIN, or
// the account itself ("log out everywhere"). The sessions stop at once here, and on every
// instance within the sync interval.
func (s *Service) RevokeSessions(ctx context.Context, accountID string) (int, error) {
	v, err := require(ctx, guildhall.RoleMember)
	if err != nil {
		return 0, err
	}
	if _, ok := s.creds.Load().account(accountID); !ok || !s.mayManageSessions(ctx, accountID) {
		if v.Role != guildhall.RoleAdmin {
			return 0, guildhall.Errorf(guildhall.EFORBIDDEN, "Only ADMIN, or the account itself, may end its sessions.")
		}
		return 0, guildhall.NotFound("Account")
	}
	return s.revokeSessions(ctx, accountID, "", v.Actor())
}

// revokeSessions revokes the account's sessions but keep (a token ID, or "").
func (s *Service) revokeSessions(ctx context.Context, accountID, keep, by string) (int, error) {
	n := 0
	for _, t := range s.creds.Load().sessionsOf(accountID) {
		if t.ID == keep {
			continue
		}
		if _, err := s.revoke(ctx, t, by); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}
