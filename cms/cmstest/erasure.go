package cmstest

import (
	"context"
	"strings"
	"time"

	"github.com/guildhall/guildhall"
)

// The erasure of a person, as the database store does it: the one place where stored
// revisions and change-log entries are rewritten or removed.

// BeginErasure records the erasure, or returns the one recorded before.
func (s *Store) BeginErasure(_ context.Context, e guildhall.Erasure) (guildhall.Erasure, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if held, ok := s.erasures[e.MemberID]; ok {
		return held, nil
	}
	s.erasures[e.MemberID] = e
	return e, nil
}

// FindErasure returns a member's erasure record, or nil.
func (s *Store) FindErasure(_ context.Context, memberID string) (*guildhall.Erasure, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if e, ok := s.erasures[memberID]; ok {
		return &e, nil
	}
	return nil, nil
}

// FinishErasure marks the erasure done.
func (s *Store) FinishErasure(_ context.Context, memberID string, at time.Time) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if e, ok := s.erasures[memberID]; ok {
		e.FinishedAt = &at
		s.erasures[memberID] = e
	}
	return nil
}

// TombstoneMember deletes a member and every older revision.
func (s *Store) TombstoneMember(_ context.Context, id, _ string) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	newest, _ := s.members.newest(id)
	v := newest.version
	if !newest.deleted {
		v++
		s.members[id] = append(s.members[id], revision[*guildhall.Member]{version: v, deleted: true})
		s.record(guildhall.EntityMember, id, v, true, nil)
	}
	s.members.purge(id, v)
	return v, nil
}

// EraseAccount replaces an account's revisions by one without email, password or member.
func (s *Store) EraseAccount(_ context.Context, a *guildhall.Account, _ string) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	newest, _ := s.accounts.newest(a.ID)
	v := newest.version
	if newest.value == nil || newest.value.Email != "" || newest.value.PasswordHash != "" {
		now := s.now()
		v++
		erased := &guildhall.Account{ID: a.ID, Version: v, Role: a.Role, CreatedAt: a.CreatedAt, UpdatedAt: now, DisabledAt: &now}
		s.accounts[a.ID] = append(s.accounts[a.ID], revision[*guildhall.Account]{version: v, value: erased})
		s.record(guildhall.EntityAccount, a.ID, v, false, copyAccount(erased))
	}
	s.accounts.purge(a.ID, v)
	return v, nil
}

// ForgetTokenHistory removes a token's revisions older than version.
func (s *Store) ForgetTokenHistory(_ context.Context, id string, version int) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.tokens.purge(id, version)
	return nil
}

// ReassignAuthor rewrites the author of every stored post revision.
func (s *Store) ReassignAuthor(_ context.Context, from, to string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, revs := range s.posts {
		for i, r := range revs {
			if r.value != nil && r.value.AuthorID == from {
				c := copyPost(r.value)
				c.AuthorID = to
				revs[i].value = c
			}
		}
	}
	return nil
}

// DeleteAuthoredHistory removes every stored post revision by the author.
func (s *Store) DeleteAuthoredHistory(_ context.Context, author string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for id, revs := range s.posts {
		kept := revs[:0]
		for _, r := range revs {
			if r.value == nil || r.value.AuthorID != author {
				kept = append(kept, r)
			}
		}
		s.posts[id] = kept
	}
	return nil
}

// ForgetActor rewrites who saved a post revision and who made a token.
func (s *Store) ForgetActor(_ context.Context, actor, replacement string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, revs := range s.posts {
		for i, r := range revs {
			if r.value != nil && r.value.UpdatedBy == actor {
				c := copyPost(r.value)
				c.UpdatedBy = replacement
				revs[i].value = c
			}
		}
	}
	for _, revs := range s.tokens {
		for i, r := range revs {
			if r.value != nil && r.value.CreatedBy == actor {
				c := copyToken(r.value)
				c.CreatedBy = replacement
				revs[i].value = c
			}
		}
	}
	return nil
}

// ReleaseClaims deletes every claim the owners hold.
func (s *Store) ReleaseClaims(_ context.Context, owners ...string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for key, owner := range s.claims {
		for _, o := range owners {
			if owner == o {
				delete(s.claims, key)
			}
		}
	}
	return nil
}

// ForgetMembership deletes a member's membership events and idempotency records.
func (s *Store) ForgetMembership(_ context.Context, memberID string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for id, e := range s.events {
		if e.MemberID == memberID {
			delete(s.events, id)
		}
	}
	for key, in := range s.intents {
		if in.MemberID == memberID {
			delete(s.intents, key)
		}
	}
	return nil
}

// ForgetDeliveries deletes the deliveries whose payload holds any of the texts.
func (s *Store) ForgetDeliveries(_ context.Context, texts ...string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for id, d := range s.log {
		for _, t := range texts {
			if t != "" && strings.Contains(d.Payload, t) {
				delete(s.log, id)
				for key := range s.queue {
					if strings.HasPrefix(key, id+":") {
						delete(s.queue, key)
					}
				}
				for key := range s.claimed {
					if strings.HasPrefix(key, id+":") {
						delete(s.claimed, key)
					}
				}
				for key := range s.results {
					if strings.HasPrefix(key, id+":") {
						delete(s.results, key)
					}
				}
				break
			}
		}
	}
	return nil
}

// ScrubChangeLog deletes each entity's change-log entries older than the version given.
func (s *Store) ScrubChangeLog(_ context.Context, keep map[string]int) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	kept := s.changes[:0]
	for _, e := range s.changes {
		if v, ok := keep[e.id]; !ok || e.version >= v {
			kept = append(kept, e)
		}
	}
	s.changes = kept
	return nil
}

// MemberRevisions lists every stored state of a member, newest first.
func (s *Store) MemberRevisions(_ context.Context, id string) ([]*guildhall.Member, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []*guildhall.Member
	revs := s.members[id]
	for i := len(revs) - 1; i >= 0; i-- {
		if revs[i].value != nil {
			out = append(out, copyMember(revs[i].value))
		}
	}
	return out, nil
}
