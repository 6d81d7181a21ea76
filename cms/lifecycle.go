package cms

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/guildhall/guildhall"
	"github.com/guildhall/guildhall/catalog"
)

// UnpublishPost takes a published, scheduled or archived post back to a draft (or withdraws
// one from review); its publication and take-down dates are cleared.
func (s *Service) UnpublishPost(ctx context.Context, id string) (*guildhall.Post, error) {
	return s.changeStatus(ctx, id, guildhall.PostUnpublish, func(p *guildhall.Post, _ time.Time) {
		p.PublishedAt, p.UnpublishAt = nil, nil
	})
}

// ArchivePost takes a post out of every list, feed and public read; its author and editors
// still reach it. It keeps its publication date, as a record of when it was live.
func (s *Service) ArchivePost(ctx context.Context, id string) (*guildhall.Post, error) {
	return s.changeStatus(ctx, id, guildhall.PostArchive, nil)
}

// changeStatus applies a workflow action to a post, if the lifecycle table allows it from the
// status readers see now, as a new revision. set adjusts the revision (dates) before saving.
// A concurrent save of the same version makes this one a CONFLICT, like any other write.
func (s *Service) changeStatus(ctx context.Context, id string, action guildhall.PostAction, set func(p *guildhall.Post, now time.Time)) (*guildhall.Post, error) {
	v, cur, err := s.editablePost(ctx, id)
	if err != nil {
		return nil, err
	}
	now := s.now()
	to, err := guildhall.Transition(cur.StatusAt(now), action)
	if err != nil {
		return nil, err
	}
	p := s.nextRevision(cur, v)
	p.Status = to
	if set != nil {
		set(p, now)
	}
	return s.savePost(ctx, p, nil)
}

// DeletePost removes a post and its whole history. The deletion is a tombstone revision,
// so it races with concurrent saves like any write (the loser gets CONFLICT). The post's
// slugs stay claimed: an old link then finds nothing rather than a different post. Preview
// links for it stop working at once on this instance, and on others when they pick up the
// change.
func (s *Service) DeletePost(ctx context.Context, id string) (string, error) {
	v, cur, err := s.editablePost(ctx, id)
	if err != nil {
		return "", err
	}
	version := cur.Version + 1
	if err := s.store.posts.DeletePost(ctx, id, version, v.Actor()); err != nil {
		if err := s.deleteFailed(id, err); err != nil {
			if guildhall.ErrorCode(err) == guildhall.ECONFLICT {
				return "", staleVersion(version)
			}
			return "", err
		}
	}
	at := s.now()
	s.write(func(c *catalog.Catalog) { c.RemovePost(id, version, at) })
	s.postEvent(ctx, cur, nil)
	return id, nil
}

// deleteFailed returns the error of a deletion that did not happen, or nil (after logging)
// when the deletion was recorded and only the clean-up of old revisions failed.
func (s *Service) deleteFailed(id string, err error) error {
	if errors.Is(err, guildhall.ErrHistoryKept) {
		s.log.Warn("deleted, but the old revisions were not removed; nothing reads them", "id", id, "err", err)
		return nil
	}
	return err
}

// RestorePostRevision saves, as a new revision, the content of an old one: title, body,
// slug, tags, blocks and visibility. History is never rewritten. Status and publication date
// stay as they are (restoring the text of a draft must not unpublish a live post); blocks
// deleted since are left out. expectedVersion, when given, must be the current version.
func (s *Service) RestorePostRevision(ctx context.Context, postID string, revision int, expectedVersion *int) (*guildhall.Post, error) {
	_, cur, err := s.editablePost(ctx, postID)
	if err != nil {
		return nil, err
	}
	if expectedVersion != nil && *expectedVersion > cur.Version {
		s.catchUp(ctx) // a version another instance wrote that has not reached this one
		if _, cur, err = s.editablePost(ctx, postID); err != nil {
			return nil, err
		}
	}
	if expectedVersion != nil && *expectedVersion != cur.Version {
		return nil, staleVersion(cur.Version)
	}
	old, ok := s.cat().Revision(postID, revision)
	if !ok {
		return nil, &guildhall.Error{Code: guildhall.EINVALID, Message: fmt.Sprintf("The post has no revision %d.", revision),
			Fields: map[string]string{"revision": fmt.Sprintf("must be one of the post's revisions, 1 to %d", cur.Version)}}
	}
	body, err := s.revisionBody(ctx, old)
	if err != nil {
		return nil, err
	}
	html := body.HTML()
	blocks := []string{} // never nil: to UpdatePost, nil means "leave as it is"
	for _, id := range old.BlockIDs {
		if _, ok := s.cat().Block(id); ok {
			blocks = append(blocks, id)
		}
	}
	// Through UpdatePost, so the old content passes today's validation and sanitiser, and
	// the slug moves back the way a rename does (old slugs stay the post's).
	return s.UpdatePost(ctx, guildhall.UpdatePostInput{
		ID: postID, ExpectedVersion: cur.Version,
		Title: &old.Title, Body: &html, Slug: &old.Slug, Tags: append([]string{}, old.Tags...),
		Visibility: &old.Visibility, BlockIDs: blocks,
	})
}

// DeleteBlock deletes a block that no post uses; while posts use it, it is CONFLICT naming
// how many (extensions.usedBy), and nothing changes.
//
// A post that attaches the block at the moment it is deleted (on another instance, within
// the sync interval) may still be saved naming it. That is allowed to happen rather than
// locked against: readers skip blocks that no longer exist, so the post simply shows without
// it, and preventing it would need a write to a shared document on every post save, which
// the embedded engine cannot make safe (see docs/ARCHITECTURE.md).
func (s *Service) DeleteBlock(ctx context.Context, id string) (string, error) {
	v, err := require(ctx, guildhall.RoleEditor)
	if err != nil {
		return "", err
	}
	var cur guildhall.Block
	if !s.found(ctx, func() (ok bool) { cur, ok = s.cat().Block(id); return ok }) {
		return "", guildhall.NotFound("Block")
	}
	if n := s.cat().BlockUsers(id); n > 0 {
		posts := "posts use"
		if n == 1 {
			posts = "post uses"
		}
		return "", &guildhall.Error{Code: guildhall.ECONFLICT,
			Message: fmt.Sprintf("%d %s this block; remove it from them first.", n, posts),
			Extra:   map[string]any{"usedBy": n}}
	}
	version := cur.BlockVersion() + 1
	if err := s.store.blocks.DeleteBlock(ctx, id, version, v.Actor()); err != nil {
		if err := s.deleteFailed(id, err); err != nil {
			if guildhall.ErrorCode(err) == guildhall.ECONFLICT {
				return "", &guildhall.Error{Code: guildhall.ECONFLICT,
					Message: "The block was changed by someone else; reload it and try again."}
			}
			return "", err
		}
	}
	s.write(func(c *catalog.Catalog) { c.RemoveBlock(id, version) })
	s.emit(ctx, Event{Type: guildhall.EventBlockDeleted, Block: cur,
		Key: fmt.Sprintf("block:%s:%d", id, version), Occurred: s.now()})
	return id, nil
}
