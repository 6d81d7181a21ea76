package cms

import (
	"context"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/guildhall/guildhall"
)

// Review (Options.RequireReview): an author's post reaches readers only through an editor.
// A draft is submitted (IN_REVIEW), and an editor publishes it or asks for changes, which
// sends it back to DRAFT with the editor's note in its history. Changes to a live post are
// reviewed as its pending changes, while the post stays as readers see it.

// MaxReviewNoteLength bounds the note of a request for changes.
const MaxReviewNoteLength = 2000

// reviewRequired reports whether v must go through review to put anything live.
func (s *Service) reviewRequired(v *guildhall.Viewer) bool {
	return s.opts.RequireReview && !v.IsStaff()
}

// errReviewRequired refuses an author what only an editor may do while review is required.
var errReviewRequired = guildhall.Errorf(guildhall.EFORBIDDEN,
	"Review is required: submit the post for review (submitPostForReview), and an editor publishes it.")

// SubmitPostForReview sends a draft to the editors (IN_REVIEW), or, for a published or
// scheduled post, its pending changes (the post stays live). The author and editors may.
func (s *Service) SubmitPostForReview(ctx context.Context, id string) (*guildhall.Post, error) {
	v, cur, err := s.editablePost(ctx, id)
	if err != nil {
		return nil, err
	}
	return s.stepReview(ctx, cur, s.nextRevision(cur, v), guildhall.PostSubmit)
}

// RequestChanges sends a post in review back to its author as a DRAFT, or a live post's
// pending changes back to draft, with the note saved in the new revision (its history).
// EDITOR and ADMIN only.
func (s *Service) RequestChanges(ctx context.Context, id, note string) (*guildhall.Post, error) {
	if _, err := require(ctx, guildhall.RoleEditor); err != nil {
		return nil, err
	}
	note = strings.TrimSpace(note)
	switch {
	case note == "":
		return nil, invalidNote("is required: say what to change")
	case utf8.RuneCountInString(note) > MaxReviewNoteLength:
		return nil, invalidNote(fmt.Sprintf("must be at most %d characters", MaxReviewNoteLength))
	case strings.ContainsFunc(note, func(r rune) bool { return unicode.IsControl(r) && r != '\n' && r != '\t' }):
		return nil, invalidNote("must not contain control characters other than line breaks and tabs")
	}
	v, cur, err := s.editablePost(ctx, id)
	if err != nil {
		return nil, err
	}
	p := s.nextRevision(cur, v)
	p.Note = note
	return s.stepReview(ctx, cur, p, guildhall.PostRequestChanges)
}

// stepReview submits (PostSubmit) or sends back (PostRequestChanges) a post in p, the next
// revision of cur: a live post's pending changes go into or out of review while the post
// stays live; any other post moves by the lifecycle's rule. It saves p and announces the step.
func (s *Service) stepReview(ctx context.Context, cur, p *guildhall.Post, action guildhall.PostAction) (*guildhall.Post, error) {
	submit := action == guildhall.PostSubmit
	event := guildhall.EventPostChangesRequested
	if submit {
		event = guildhall.EventPostSubmitted
	}
	pending := isLiveOrScheduled(cur, s.now()) && cur.Pending != nil
	if pending {
		switch {
		case submit && cur.Pending.InReview:
			return nil, notInReview("are in review already")
		case !submit && !cur.Pending.InReview:
			return nil, notInReview("are not in review")
		}
		d := *cur.Pending
		d.InReview = submit
		p.Pending = &d
	} else {
		to, err := guildhall.Transition(cur.StatusAt(s.now()), action)
		if err != nil {
			return nil, err
		}
		p.Status = to
	}
	saved, err := s.savePost(ctx, p, nil)
	if err != nil {
		return nil, err
	}
	s.emit(ctx, reviewEvent(event, saved, pending))
	return saved, nil
}

// reviewEvent announces a step of review, of the post or of its pending changes, once per
// revision.
func reviewEvent(t guildhall.WebhookEvent, p *guildhall.Post, pending bool) Event {
	return Event{Type: t, Post: p, Note: p.Note, PendingReview: pending,
		Key: fmt.Sprintf("post:%s:%d", p.ID, p.Version), Occurred: p.UpdatedAt}
}

func notInReview(why string) error {
	return &guildhall.Error{Code: guildhall.EINVALID, Message: "The post's pending changes " + why + ".",
		Fields: map[string]string{"id": "its pending changes " + why}}
}

func invalidNote(why string) error {
	return &guildhall.Error{Code: guildhall.EINVALID, Message: "The note " + why + ".", Fields: map[string]string{"note": why}}
}
