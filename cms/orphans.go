package cms

import (
	"context"

	"github.com/guildhall/guildhall"
)

// A create claims its unique value (an account's email, a post's requested slug) for the new
// entity's ID, then writes the entity. When the write fails after the claim (the process
// dies, the database times out), the claim is an orphan: its owner has no revision at all.
// The client's retry comes with a fresh ID and would find the value taken for ever. Instead
// it adopts the orphan's ID: its first revision and any late write of the failed attempt then
// race on the revision's unique _id, so the value still ends up with exactly one entity, and
// the retry either completes the create or is told the value is taken.

// orphanOwner returns who holds value if that holder is an orphan a create may adopt, or ""
// if the value is someone's: a holder this instance knows (known), or one with any stored
// revision (a deletion's too, so a deleted post keeps its slug). A value nobody holds any
// more (released meanwhile) is claimed for owner and owner is returned.
func (s *Service) orphanOwner(ctx context.Context, kind guildhall.ClaimKind, value, owner string,
	entity guildhall.EntityKind, known func(id string) bool) (string, error) {
	holder, err := s.store.claims.ClaimHolder(ctx, kind, value)
	switch {
	case err != nil:
		return "", err
	case holder == "":
		if err := s.store.claims.Claim(ctx, kind, value, owner); err != nil {
			if guildhall.ErrorCode(err) == guildhall.ECONFLICT {
				return "", nil
			}
			return "", err
		}
		return owner, nil
	case known(holder):
		return "", nil
	}
	stored, err := s.store.claims.HasRevisions(ctx, entity, holder)
	if err != nil || stored {
		return "", err
	}
	s.log.Info("a create adopts the claim a failed one left", "claim", string(kind), "owner", holder)
	return holder, nil
}
