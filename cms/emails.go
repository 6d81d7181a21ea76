package cms

import (
	"context"
	"strings"
	"time"
	"unicode"

	"github.com/guildhall/guildhall"
	"github.com/guildhall/guildhall/catalog"
)

// A member's email is claimed (guildhall.ClaimMemberEmail) so that two members never hold
// one address, also when they write at once on two instances. The claim follows the profile:
// it is released when the member's address changes away, and a claim whose holder no longer
// has the address (a release that failed, or one made before releases existed) is released
// by the next member who asks for it, once it is old enough not to be a write in flight.

// claimSettle is how old a claim must be before another member may take it over because its
// holder's profile does not have the address: a claim is made just before its profile is
// saved, and the two must not be pulled apart.
const claimSettle = time.Minute

// claimMemberEmail claims the normalised address for the member. A holder whose profile no
// longer has it loses it to the member; a holder who has it makes this ECONFLICT.
func (s *Service) claimMemberEmail(ctx context.Context, email, memberID string) error {
	err := s.store.claims.Claim(ctx, guildhall.ClaimMemberEmail, email, memberID)
	if guildhall.ErrorCode(err) != guildhall.ECONFLICT {
		return err
	}
	holder, herr := s.store.claims.ClaimHolder(ctx, guildhall.ClaimMemberEmail, email)
	if herr != nil || holder == "" || s.memberHasEmail(holder, email) {
		return err
	}
	if err := s.store.claims.Release(ctx, guildhall.ClaimMemberEmail, email, holder, s.now().Add(-claimSettle)); err != nil {
		return err
	}
	return s.store.claims.Claim(ctx, guildhall.ClaimMemberEmail, email, memberID)
}

// memberHasEmail reports whether the member's profile has the (normalised) address.
func (s *Service) memberHasEmail(memberID, email string) bool {
	m, ok := s.cat().Member(memberID)
	if !ok || m.Email == nil {
		return false
	}
	n, err := guildhall.NormalizeEmail(*m.Email)
	return err == nil && n == email
}

// releaseMemberEmail gives up the member's claim of an address its profile no longer has. A
// failure is only logged: the profile is saved, and the next member to ask for the address
// releases the claim then (claimMemberEmail).
func (s *Service) releaseMemberEmail(ctx context.Context, email, memberID string) {
	if email == "" || s.memberHasEmail(memberID, email) {
		return
	}
	if err := s.store.claims.Release(ctx, guildhall.ClaimMemberEmail, email, memberID, s.now().Add(time.Hour)); err != nil {
		s.log.Warn("an old email stays claimed until someone asks for it", "member", memberID, "err", err)
	}
}

// takeMemberEmail moves an address from the member who has it to memberID: ADMIN's
// reassignment. The holder's profile loses the address first, so a crash half-way leaves it
// unclaimed by a profile, which the retry (or anyone) then claims.
func (s *Service) takeMemberEmail(ctx context.Context, email, memberID, by string) error {
	holder := s.cat().MemberIDByEmail(email)
	if holder != "" && holder != memberID {
		cur, ok := s.cat().Member(holder)
		if ok {
			m := *cur
			m.Version++
			m.UpdatedAt = s.now()
			m.Email = nil
			if err := s.store.members.SaveMember(ctx, &m, by); err != nil {
				return err
			}
			s.write(func(c *catalog.Catalog) { c.PutMember(&m) })
		}
	}
	if holder, err := s.store.claims.ClaimHolder(ctx, guildhall.ClaimMemberEmail, email); err == nil && holder != "" && holder != memberID {
		if err := s.store.claims.Release(ctx, guildhall.ClaimMemberEmail, email, holder, s.now().Add(time.Hour)); err != nil {
			return err
		}
	}
	return s.store.claims.Claim(ctx, guildhall.ClaimMemberEmail, email, memberID)
}

// invisible reports whether a name holds a character that changes how text around it is
// shown without being seen itself: bidirectional controls (which can make "Ana" read as
// another name) and zero-width characters (which make two names that look alike differ).
func invisible(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool {
		switch r {
		case '\u200b', '\u2060', '\ufeff', '\u180e', '\u00ad':
			return true
		}
		return unicode.In(r, unicode.Bidi_Control, unicode.Join_Control) || (r >= '\u2061' && r <= '\u2064')
	})
}
