package cms

import (
	"context"
	"strconv"

	"github.com/guildhall/guildhall"
)

// PostRevisions pages through a post's history, newest first, up to the revision the caller
// holds. Only the author and staff see it; for anyone else the history is empty, answered
// exactly as a post with no history would be (a cursor is then refused as for an empty list).
//
// The list comes from the catalog (summaries kept in memory); see RevisionBody for bodies.
func (s *Service) PostRevisions(ctx context.Context, p *guildhall.Post, first *int, after *string) (*guildhall.Page[*guildhall.PostRevision], error) {
	n, err := guildhall.PageSize(first)
	if err != nil {
		return nil, err
	}
	var revs []*guildhall.PostRevision
	if guildhall.ViewerFrom(ctx).CanSeeRevisions(p) {
		revs = s.cat().Revisions(p.ID, p.Version)
	}
	return pageByID(revs, n, deref(after), "revisions:"+p.ID, func(r *guildhall.PostRevision) string { return strconv.Itoa(r.Revision) })
}

// PendingChanges returns the post's pending changes as a revision, for its author and staff;
// nil for everyone else, and when there are none.
func (s *Service) PendingChanges(ctx context.Context, p *guildhall.Post) *guildhall.PostRevision {
	if p.Pending == nil || !guildhall.ViewerFrom(ctx).CanSeeRevisions(p) {
		return nil
	}
	return guildhall.PendingRevision(p)
}

// RevisionBody returns the body a revision was saved with. The current revision's is in
// memory; an older one is read from the database by _id (revisions are reached only through
// PostRevisions, which has checked the viewer).
func (s *Service) RevisionBody(ctx context.Context, r *guildhall.PostRevision) (*guildhall.RichText, error) {
	body, err := s.revisionBody(ctx, r)
	if err != nil {
		return nil, err
	}
	return &body, nil
}

func (s *Service) revisionBody(ctx context.Context, r *guildhall.PostRevision) (guildhall.RichText, error) {
	if r.Pending {
		return r.Body, nil // pending changes are made whole, body and all (PendingRevision)
	}
	if p, ok := s.cat().PostByID(r.PostID); ok && p.Version == r.Revision {
		return p.Body, nil
	}
	old, err := s.store.posts.PostRevision(ctx, r.PostID, r.Revision)
	if err != nil {
		if guildhall.ErrorCode(err) == guildhall.ENOTFOUND {
			// Deleted while the request ran.
			return guildhall.RichText{}, guildhall.NotFound("Revision")
		}
		return guildhall.RichText{}, err
	}
	return old.Body, nil
}

// RevisionBlocks returns the blocks a revision showed that still exist, in order.
func (s *Service) RevisionBlocks(r *guildhall.PostRevision) []guildhall.Block {
	return s.cat().BlocksByID(r.BlockIDs)
}

// SavedBy returns the member who saved a revision, or nil when a staff token without a
// member did.
func (s *Service) SavedBy(r *guildhall.PostRevision) *guildhall.Member {
	m, _ := s.cat().Member(r.SavedBy)
	return m
}
