package cms

import (
	"context"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/guildhall/guildhall"
	"github.com/guildhall/guildhall/catalog"
	"github.com/guildhall/guildhall/internal/packtext"
	"github.com/guildhall/guildhall/richtext"
	"github.com/guildhall/guildhall/slug"
)

// CreatePost saves a new draft.
func (s *Service) CreatePost(ctx context.Context, in guildhall.CreatePostInput) (*guildhall.Post, error) {
	v, err := require(ctx, guildhall.RoleAuthor)
	if err != nil {
		return nil, err
	}
	problems := guildhall.Problems{}
	authorID := v.MemberID
	if in.AuthorID != nil && *in.AuthorID != v.MemberID {
		if !v.IsStaff() {
			return nil, guildhall.Errorf(guildhall.EFORBIDDEN, "Only editors may write in another member's name.")
		}
		authorID = *in.AuthorID
	}
	if authorID == "" {
		problems.Add("authorId", "is required for a token that is not bound to a member")
	} else if !s.found(ctx, func() (ok bool) { _, ok = s.cat().Member(authorID); return ok }) {
		problems.Add("authorId", "no such member")
	}
	now := s.now()
	p := &guildhall.Post{
		ID: guildhall.NewID(guildhall.KindPost, now), Version: 1,
		Status: guildhall.PostDraft, Visibility: guildhall.VisibilityPublic,
		AuthorID: authorID, CreatedAt: now, UpdatedAt: now, UpdatedBy: v.Actor(),
	}
	if in.Visibility != nil {
		p.Visibility = *in.Visibility
	}
	s.setTitle(p, in.Title, problems)
	text := s.setBody(ctx, v, p, in.Body, problems).Text
	if in.FeaturedImageID != nil {
		p.FeaturedImageID = s.checkAsset(*in.FeaturedImageID, "featuredImageId", problems)
	}
	p.Tags = cleanTags(in.Tags, problems)
	p.BlockIDs = s.checkBlocks(ctx, in.BlockIDs, problems)
	if in.Slug != nil {
		checkSlug(*in.Slug, problems)
	}
	if err := problems.Err(); err != nil {
		return nil, err
	}
	if err := s.claimPostSlug(ctx, p, in.Slug); err != nil {
		return nil, err
	}
	if err := s.store.posts.SavePost(ctx, p); err != nil {
		if guildhall.ErrorCode(err) == guildhall.ECONFLICT && in.Slug != nil {
			return nil, errSlugTaken() // an adopted ID whose first write landed after all
		}
		return nil, err
	}
	s.write(func(c *catalog.Catalog) { c.PutPostWithText(p, text) })
	return p, nil
}

// UpdatePost saves a new revision of a post, if expectedVersion is still its version.
func (s *Service) UpdatePost(ctx context.Context, in guildhall.UpdatePostInput) (*guildhall.Post, error) {
	v, cur, err := s.editablePost(ctx, in.ID)
	if err != nil {
		return nil, err
	}
	if in.ExpectedVersion > cur.Version {
		// The client read a version another instance wrote that has not reached this one.
		s.catchUp(ctx)
		if v, cur, err = s.editablePost(ctx, in.ID); err != nil {
			return nil, err
		}
	}
	if in.ExpectedVersion != cur.Version {
		return nil, staleVersion(cur.Version)
	}
	p := s.nextRevision(cur, v)
	problems := guildhall.Problems{}
	if in.Title != nil {
		s.setTitle(p, *in.Title, problems)
	}
	var text *string // the new body's plain text, as rendered
	if in.Body != nil {
		t := s.setBody(ctx, v, p, *in.Body, problems).Text
		text = &t
	}
	if in.FeaturedImageID != nil {
		p.FeaturedImageID = s.checkAsset(*in.FeaturedImageID, "featuredImageId", problems)
	}
	if in.Tags != nil {
		p.Tags = cleanTags(in.Tags, problems)
	}
	if in.BlockIDs != nil {
		p.BlockIDs = s.checkBlocks(ctx, in.BlockIDs, problems)
	}
	if in.Visibility != nil {
		p.Visibility = *in.Visibility
	}
	newSlug := in.Slug != nil && *in.Slug != cur.Slug
	if newSlug {
		checkSlug(*in.Slug, problems)
	}
	if err := problems.Err(); err != nil {
		return nil, err
	}
	if newSlug {
		if err := s.claimPostSlug(ctx, p, in.Slug); err != nil {
			return nil, err
		}
		p.OldSlugs = appendUnique(slices.DeleteFunc(slices.Clone(cur.OldSlugs), func(s string) bool { return s == p.Slug }), cur.Slug)
	}
	return s.savePost(ctx, p, text)
}

// The range of publishAt.
var (
	earliestPublishAt = time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)
	latestPublishAt   = time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC)
)

// PublishPost publishes a post now, or schedules it when publishAt is in the future.
func (s *Service) PublishPost(ctx context.Context, id string, publishAt *time.Time) (*guildhall.Post, error) {
	if publishAt != nil && (publishAt.Before(earliestPublishAt) || !publishAt.Before(latestPublishAt)) {
		// The zero time (what an empty or default value becomes) would publish the post with
		// no date; and posts are ordered by nanoseconds since 1970, which end in 2262.
		return nil, &guildhall.Error{Code: guildhall.EINVALID, Message: "publishAt is out of range.",
			Fields: map[string]string{"publishAt": "must be between 1970 and 2200"}}
	}
	return s.changeStatus(ctx, id, guildhall.PostPublish, func(p *guildhall.Post, now time.Time) {
		at := now
		if publishAt != nil {
			// A future date schedules; a past one back-dates (an import, a correction).
			at = publishAt.UTC().Truncate(time.Millisecond)
		}
		p.PublishedAt = &at
	})
}

// editablePost returns the current post for a viewer who may change it.
func (s *Service) editablePost(ctx context.Context, id string) (*guildhall.Viewer, *guildhall.Post, error) {
	v, err := require(ctx, guildhall.RoleAuthor)
	if err != nil {
		return nil, nil, err
	}
	var cur *guildhall.Post
	if !s.found(ctx, func() (ok bool) { cur, ok = s.cat().Post(v, s.now(), id); return ok }) {
		return nil, nil, guildhall.NotFound("Post")
	}
	if !v.IsStaff() && !v.IsAuthorOf(cur) {
		return nil, nil, guildhall.Errorf(guildhall.EFORBIDDEN, "Only the author and editors may change this post.")
	}
	return v, cur, nil
}

// nextRevision copies cur as the next version, saved by v now.
func (s *Service) nextRevision(cur *guildhall.Post, v *guildhall.Viewer) *guildhall.Post {
	p := *cur
	p.Version++
	p.UpdatedAt, p.UpdatedBy = s.now(), v.Actor()
	if !p.UpdatedAt.After(cur.UpdatedAt) {
		p.UpdatedAt = cur.UpdatedAt.Add(time.Millisecond) // keep updatedAt strictly increasing
	}
	return &p
}

// savePost stores the revision; the unique revision _id decides races, across instances too.
//
// Every change to a post that is stored goes through here, so here is where webhooks are told
// of posts going live, changing while live, and going off (see postEvent). text, when not nil,
// is the plain text of a body rendered for this revision, which the catalog indexes as it is.
func (s *Service) savePost(ctx context.Context, p *guildhall.Post, text *string) (*guildhall.Post, error) {
	prev, _ := s.cat().Post(&guildhall.Viewer{Role: guildhall.RoleAdmin}, s.now(), p.ID)
	if err := s.store.posts.SavePost(ctx, p); err != nil {
		if guildhall.ErrorCode(err) == guildhall.ECONFLICT {
			return nil, staleVersion(p.Version)
		}
		return nil, err
	}
	s.write(func(c *catalog.Catalog) {
		if text != nil {
			c.PutPostWithText(p, *text)
		} else {
			c.PutPost(p)
		}
	})
	s.postEvent(ctx, prev, p)
	return p, nil
}

// staleVersion is the conflict error, with the version the client should reload (at least).
func staleVersion(current int) error {
	return &guildhall.Error{Code: guildhall.ECONFLICT,
		Message: "The post was changed by someone else; reload it and apply your change again.",
		Extra:   map[string]any{"currentVersion": current}}
}

func (s *Service) setTitle(p *guildhall.Post, title string, problems guildhall.Problems) {
	title = strings.TrimSpace(title)
	switch {
	case title == "":
		problems.Add("title", "is required")
	case utf8.RuneCountInString(title) > guildhall.MaxTitleLength:
		problems.Add("title", "must be at most %d characters", guildhall.MaxTitleLength)
	case strings.ContainsFunc(title, unicode.IsControl):
		problems.Add("title", "must not contain control characters")
	}
	p.Title = title
}

// setBody sanitises html into p's body and excerpt, after resolving its images (see
// resolveImages: pasted ones become assets of the viewer's, so they stay in the media
// library even if the save then fails on another field), and returns the body as rendered:
// each form is made once, here, and handed on (the catalog indexes the text, an import
// compares the HTML, the body is packed for memory and the database) rather than unpacked
// again.
func (s *Service) setBody(ctx context.Context, v *guildhall.Viewer, p *guildhall.Post, html string, problems guildhall.Problems) richtext.Rendered {
	if len(html) > 4*guildhall.MaxBodyBytes {
		problems.Add("body", "must be at most %d KiB", guildhall.MaxBodyBytes>>10)
		return richtext.Rendered{}
	}
	html, p.ImageIDs = s.resolveImages(ctx, v, html, "body", problems) // v nil: an import
	body := s.rich.Render(html)
	if len(body.HTML) > guildhall.MaxBodyBytes {
		problems.Add("body", "must be at most %d KiB after cleaning", guildhall.MaxBodyBytes>>10)
		return richtext.Rendered{}
	}
	p.Body = held(body)
	p.Excerpt = richtext.Excerpt(body.Text, guildhall.ExcerptWords)
	return body
}

// checkAsset returns the asset ID an input names, nil for "" (none), and a problem of field
// when no such asset exists.
func (s *Service) checkAsset(id, field string, problems guildhall.Problems) *string {
	id = strings.TrimSpace(id)
	if id == "" {
		return nil
	}
	if _, ok := s.cat().Asset(id); !ok {
		problems.Add(field, "no such image")
	}
	return &id
}

// held is a rendered text as the catalog and the store keep it: packed once here, when it is
// long, from the HTML and text the renderer made.
func held(r richtext.Rendered) guildhall.RichText { return packtext.RichText(r.HTML, r.Text, r.Words) }

// cleanTags trims tags, drops empty ones and repeats (ignoring case), and checks limits.
func cleanTags(tags []string, problems guildhall.Problems) []string {
	out := make([]string, 0, len(tags))
	seen := map[string]bool{}
	for _, t := range tags {
		t = strings.Join(strings.Fields(t), " ")
		key := strings.ToLower(t)
		if t == "" || seen[key] {
			continue
		}
		seen[key] = true
		switch {
		case utf8.RuneCountInString(t) > guildhall.MaxTagLength:
			problems.Add("tags", "each tag must be at most %d characters", guildhall.MaxTagLength)
		case strings.ContainsFunc(t, unicode.IsControl):
			problems.Add("tags", "must not contain control characters")
		}
		out = append(out, t)
	}
	if len(out) > guildhall.MaxTags {
		problems.Add("tags", "at most %d tags", guildhall.MaxTags)
	}
	return out
}

// checkBlocks checks that every block exists and is named once.
func (s *Service) checkBlocks(ctx context.Context, ids []string, problems guildhall.Problems) []string {
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		if !s.found(ctx, func() (ok bool) { _, ok = s.cat().Block(id); return ok }) {
			problems.Add("blockIds", "no such block: %s", id)
			continue
		}
		if slices.Contains(out, id) {
			problems.Add("blockIds", "block %s is named twice", id)
			continue
		}
		out = append(out, id)
	}
	return out
}

func checkSlug(s string, problems guildhall.Problems) {
	if !slug.Valid(s) {
		problems.Add("slug", "must be 1 to %d characters of a-z, 0-9 and single hyphens", slug.MaxLength)
	}
}

// errSlugTaken is the answer to a requested slug another post has.
func errSlugTaken() error {
	return &guildhall.Error{Code: guildhall.EINVALID, Message: "The slug is taken.",
		Fields: map[string]string{"slug": "is already used by another post"}}
}

// claimPostSlug gives p the requested slug, or one made from its title with a numeric suffix
// if needed. The claim in the database makes slugs unique across instances. A new post (p
// not stored yet, version 1) whose requested slug a failed create left claimed takes that
// create's ID (see orphanOwner); its save is then ECONFLICT if the failed create's landed.
func (s *Service) claimPostSlug(ctx context.Context, p *guildhall.Post, requested *string) error {
	if requested != nil {
		if owner := s.cat().PostSlugOwner(*requested); owner != "" && owner != p.ID {
			return errSlugTaken()
		}
		if err := s.store.claims.Claim(ctx, guildhall.ClaimPostSlug, *requested, p.ID); err != nil {
			if guildhall.ErrorCode(err) != guildhall.ECONFLICT {
				return err
			}
			if p.Version != 1 {
				return errSlugTaken()
			}
			known := func(id string) bool { _, ok := s.cat().PostByID(id); return ok || s.cat().PostDeleted(id) }
			id, err := s.orphanOwner(ctx, guildhall.ClaimPostSlug, *requested, p.ID, guildhall.EntityPost, known)
			if err != nil {
				return err
			} else if id == "" {
				return errSlugTaken()
			}
			p.ID = id
		}
		p.Slug = *requested
		return nil
	}
	var err error
	p.Slug, err = s.claimFreeSlug(ctx, guildhall.ClaimPostSlug, p.Title, "post", p.ID, s.cat().PostSlugOwner)
	return err
}

// claimFreeSlug claims the slug made from name for owner, or the first free one with a
// numeric suffix ("annual-meeting-2"). owned tells what this instance knows of a slug's
// holder, to skip taken ones without a database round trip; the claim in the database
// decides, across instances. A retry by the same owner gets the slug it claimed before.
func (s *Service) claimFreeSlug(ctx context.Context, kind guildhall.ClaimKind, name, fallback, owner string, owned func(string) string) (string, error) {
	base := slug.Make(name)
	if base == "" {
		base = fallback
	}
	for n := 1; n < 1000; n++ {
		candidate := base
		if n > 1 {
			candidate = slug.WithSuffix(base, n)
		}
		if holder := owned(candidate); holder != "" && holder != owner {
			continue
		}
		err := s.store.claims.Claim(ctx, kind, candidate, owner)
		if err == nil {
			return candidate, nil
		}
		if guildhall.ErrorCode(err) != guildhall.ECONFLICT {
			return "", err
		}
	}
	return "", guildhall.Errorf(guildhall.EINTERNAL, "no free slug for %q", base)
}

func appendUnique(list []string, s string) []string {
	if slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}
