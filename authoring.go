package guildhall

import (
	"fmt"
	"time"
)

// PostAction is a step of the authoring workflow that moves a post to another status.
// Editing, restoring a revision and deleting are allowed in every status, so they are not
// actions here.
type PostAction string

// The workflow actions, named as the mutations that take them.
const (
	PostPublish        PostAction = "publish"            // publishPost: now, or scheduled for a future date
	PostUnpublish      PostAction = "unpublish"          // unpublishPost: back to a draft
	PostArchive        PostAction = "archive"            // archivePost: out of lists and feeds, kept for editors
	PostSubmit         PostAction = "submit"             // submitPostForReview: to an editor
	PostRequestChanges PostAction = "request changes to" // requestChanges: back to its author
)

// transition is one cell of the lifecycle table: the stored status an action leads to, or
// why it is refused.
type transition struct {
	to      PostStatus
	refused string
}

// postLifecycle is the whole workflow in one table, indexed by the status readers see now
// (StatusAt) and the action. Publishing stores PUBLISHED; a future publishAt then reads as
// SCHEDULED until its time comes, with no job that must run at that instant.
//
// Review concerns posts that are not live: a DRAFT is submitted (IN_REVIEW) and an editor
// publishes it or sends it back. The pending changes of a live post are reviewed apart (the
// post stays live meanwhile), so submitting a live post itself is refused here.
var postLifecycle = map[PostStatus]map[PostAction]transition{
	PostDraft: {
		PostPublish:        {to: PostPublished},
		PostUnpublish:      {refused: "is a draft already; there is nothing to unpublish"},
		PostArchive:        {to: PostArchived},
		PostSubmit:         {to: PostInReview},
		PostRequestChanges: {refused: "is not in review"},
	},
	PostInReview: {
		PostPublish:        {to: PostPublished},
		PostUnpublish:      {to: PostDraft}, // withdrawn from review
		PostArchive:        {to: PostArchived},
		PostSubmit:         {refused: "is in review already"},
		PostRequestChanges: {to: PostDraft},
	},
	PostScheduled: {
		PostPublish:        {to: PostPublished}, // publish now, or move the date
		PostUnpublish:      {to: PostDraft},     // cancel the schedule
		PostArchive:        {to: PostArchived},
		PostSubmit:         {refused: "is scheduled; save changes to it with asDraft, then submit them"},
		PostRequestChanges: {refused: "is not in review"},
	},
	PostPublished: {
		PostPublish:        {refused: "is already published; unpublish it first to change its date"},
		PostUnpublish:      {to: PostDraft},
		PostArchive:        {to: PostArchived},
		PostSubmit:         {refused: "is published; save changes to it with asDraft, then submit them"},
		PostRequestChanges: {refused: "is not in review"},
	},
	PostArchived: {
		PostPublish:        {refused: "is archived; unpublish it to make it a draft, then publish it"},
		PostUnpublish:      {to: PostDraft},
		PostArchive:        {refused: "is archived already"},
		PostSubmit:         {refused: "is archived; unpublish it to make it a draft first"},
		PostRequestChanges: {refused: "is not in review"},
	},
}

// Transition returns the status to store when action is taken on a post that readers see
// in status from. An illegal transition is EINVALID, with the reason on the field "id" (the
// argument that names the post in every workflow mutation).
func Transition(from PostStatus, action PostAction) (PostStatus, error) {
	t, ok := postLifecycle[from][action]
	if !ok {
		return "", Errorf(EINTERNAL, "no lifecycle rule for %s from %s", action, from)
	}
	if t.refused != "" {
		return "", &Error{Code: EINVALID,
			Message: fmt.Sprintf("Cannot %s this post: it %s.", action, t.refused),
			Fields:  map[string]string{"id": t.refused}}
	}
	return t.to, nil
}

// PublishInput says when a post goes live and when it comes down (publishPost).
type PublishInput struct {
	// PublishAt is when the post goes live: nil for now; in the future, it is scheduled.
	PublishAt *time.Time
	// UnpublishAt, when set, is when the post is taken down. With ClearUnpublishAt a take-down
	// set before is removed; with neither, it stays as it is.
	UnpublishAt      *time.Time
	ClearUnpublishAt bool
}

// PreviewLink is a signed, short-lived token that lets whoever holds it read one post as it
// stands, draft or scheduled, through the ordinary post query. It grants nothing else.
type PreviewLink struct {
	Token     string
	ExpiresAt time.Time
	Post      *Post
}

// Preview link lifetimes.
const (
	DefaultPreviewTTL = time.Hour
	MaxPreviewTTL     = 24 * time.Hour
)

// RevisionOf describes p, one saved state of a post, as an entry of its history. Its status
// is the one readers saw when it was saved (SCHEDULED for a future publication date).
func RevisionOf(p *Post) *PostRevision {
	return &PostRevision{
		PostID: p.ID, Revision: p.Version, Title: p.Title, Slug: p.Slug, Body: p.Body,
		Excerpt: p.Excerpt, CustomExcerpt: p.CustomExcerpt, SEO: p.SEO,
		Tags: p.Tags, BlockIDs: p.BlockIDs, FeaturedImageID: p.FeaturedImageID, Visibility: p.Visibility, Status: p.StatusAt(p.UpdatedAt),
		SavedAt: p.UpdatedAt, SavedBy: p.UpdatedBy, Note: p.Note,
	}
}

// Summary returns a copy of r without the HTML and text of its body (the word count stays):
// what is kept in memory of every revision, since keeping every body would grow with the
// history. A revision's body is read from the database when it is asked for.
func (r *PostRevision) Summary() *PostRevision {
	c := *r
	c.Body = RichText{WordCount: r.Body.WordCount}
	return &c
}
