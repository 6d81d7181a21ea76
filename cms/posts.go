package cms

import (
	"context"
	"net/url"
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
		Tags: []string{}, BlockIDs: []string{},
	}
	tags := in.Tags
	if tags == nil {
		tags = []string{}
	}
	e := s.checkEdit(ctx, v, guildhall.UpdatePostInput{Title: &in.Title, Body: &in.Body, Tags: tags, BlockIDs: in.BlockIDs,
		Visibility: in.Visibility, Excerpt: in.Excerpt, SEO: in.SEO, FeaturedImageID: in.FeaturedImageID}, problems)
	text := e.rendered.Text // rendered once, here; the catalog indexes it as it is
	if in.Slug != nil {
		checkSlug(*in.Slug, problems)
	}
	if err := problems.Err(); err != nil {
		return nil, err
	}
	c := p.Content()
	e.apply(&c)
	p.SetContent(c)
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

// UpdatePost saves a new revision of a post, if expectedVersion is still its version. With
// asDraft, on a post readers see (or will see at its scheduled time), the change is saved as
// the post's pending changes and readers keep seeing what they saw; publishPost applies them.
// An edit that goes live while changes are pending is made to both, so that publishing the
// draft later does not undo it.
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
	asDraft := in.AsDraft != nil && *in.AsDraft && isLiveOrScheduled(cur, s.now())
	if s.reviewRequired(v) && isLiveOrScheduled(cur, s.now()) && !asDraft {
		return nil, guildhall.Errorf(guildhall.EFORBIDDEN,
			"Review is required: save changes to a published or scheduled post with asDraft: true, and submit them for review.")
	}
	p := s.nextRevision(cur, v)
	problems := guildhall.Problems{}
	e := s.checkEdit(ctx, v, in, problems)
	base := cur.Slug
	if asDraft && cur.Pending != nil {
		base = cur.Pending.Slug
	}
	var text *string // the new body's plain text, as rendered, when it goes live
	if e.body != nil && !asDraft {
		text = &e.rendered.Text
	}
	newSlug := in.Slug != nil && *in.Slug != base
	if newSlug {
		checkSlug(*in.Slug, problems)
	}
	if err := problems.Err(); err != nil {
		return nil, err
	}
	if newSlug {
		// Claimed now, also for a draft: the slug is then the post's whether or not the draft
		// is published (claims are never released).
		if err := s.claimSlug(ctx, p.ID, *in.Slug); err != nil {
			return nil, err
		}
	}
	if asDraft {
		d := &guildhall.PendingChanges{PostContent: cur.Content()}
		if cur.Pending != nil {
			*d = *cur.Pending
		}
		e.apply(&d.PostContent)
		d.Revision, d.SavedAt, d.SavedBy = p.Version, p.UpdatedAt, p.UpdatedBy
		p.Pending = d
		return s.savePost(ctx, p, nil)
	}
	c := p.Content()
	e.apply(&c)
	s.moveTo(p, c)
	if cur.Pending != nil {
		d := *cur.Pending
		e.apply(&d.PostContent)
		p.Pending = &d
	}
	return s.savePost(ctx, p, text)
}

// isLiveOrScheduled reports whether readers see the post, or will at its scheduled time:
// the posts whose edits can be held back as pending changes.
func isLiveOrScheduled(p *guildhall.Post, now time.Time) bool {
	st := p.StatusAt(now)
	return st == guildhall.PostPublished || st == guildhall.PostScheduled
}

// moveTo gives p the content c; a new slug keeps the old one answering (old slugs stay the
// post's).
func (s *Service) moveTo(p *guildhall.Post, c guildhall.PostContent) {
	if c.Slug != p.Slug {
		p.OldSlugs = appendUnique(slices.DeleteFunc(slices.Clone(p.OldSlugs), func(s string) bool { return s == c.Slug }), p.Slug)
	}
	p.SetContent(c)
}

// The range of publishAt.
var (
	earliestPublishAt = time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)
	latestPublishAt   = time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC)
)

// PublishPost publishes a post now, or schedules it when publishAt is in the future, with
// its pending changes if it has any, and sets, keeps or clears when it is taken down. On a
// published post it applies pending changes and sets the take-down (a new date is refused:
// unpublish it first), as a new revision, live at once.
func (s *Service) PublishPost(ctx context.Context, id string, in guildhall.PublishInput) (*guildhall.Post, error) {
	for field, at := range map[string]*time.Time{"publishAt": in.PublishAt, "unpublishAt": in.UnpublishAt} {
		if at != nil && (at.Before(earliestPublishAt) || !at.Before(latestPublishAt)) {
			// The zero time (what an empty or default value becomes) would publish the post with
			// no date; and posts are ordered by nanoseconds since 1970, which end in 2262.
			return nil, &guildhall.Error{Code: guildhall.EINVALID, Message: field + " is out of range.",
				Fields: map[string]string{field: "must be between 1970 and 2200"}}
		}
	}
	if v, err := require(ctx, guildhall.RoleAuthor); err != nil {
		return nil, err
	} else if s.reviewRequired(v) {
		return nil, errReviewRequired
	}
	v, cur, err := s.editablePost(ctx, id)
	if err != nil {
		return nil, err
	}
	now := s.now()
	takeDown := cur.UnpublishAt
	switch {
	case in.ClearUnpublishAt:
		takeDown = nil
	case in.UnpublishAt != nil:
		at := in.UnpublishAt.UTC().Truncate(time.Millisecond)
		takeDown = &at
	}
	p := s.nextRevision(cur, v)
	if st := cur.StatusAt(now); st == guildhall.PostPublished {
		// Live already: its date stays; what may change is its pending changes and take-down.
		sameDate := in.PublishAt == nil || (cur.PublishedAt != nil && in.PublishAt.Equal(*cur.PublishedAt))
		if !sameDate || (cur.Pending == nil && sameTime(takeDown, cur.UnpublishAt)) {
			_, err := guildhall.Transition(st, guildhall.PostPublish)
			return nil, err
		}
	} else {
		to, err := guildhall.Transition(st, guildhall.PostPublish)
		if err != nil {
			return nil, err
		}
		at := now
		if in.PublishAt != nil {
			// A future date schedules; a past one back-dates (an import, a correction).
			at = in.PublishAt.UTC().Truncate(time.Millisecond)
		}
		p.Status, p.PublishedAt = to, &at
	}
	switch {
	case takeDown == nil:
	case !sameTime(takeDown, cur.UnpublishAt) && !takeDown.After(now):
		return nil, invalidTakeDown("must be in the future")
	case p.PublishedAt != nil && !takeDown.After(*p.PublishedAt):
		return nil, invalidTakeDown("must be after the post goes live (publishAt); move it, or remove it with unpublishAt: null")
	}
	p.UnpublishAt = takeDown
	s.applyPending(p)
	return s.savePost(ctx, p, nil)
}

func sameTime(a, b *time.Time) bool { return (a == nil) == (b == nil) && (a == nil || a.Equal(*b)) }

func invalidTakeDown(why string) error {
	return &guildhall.Error{Code: guildhall.EINVALID, Message: "unpublishAt " + why + ".", Fields: map[string]string{"unpublishAt": why}}
}

// applyPending makes p's pending changes its content, if it has any.
func (s *Service) applyPending(p *guildhall.Post) {
	if p.Pending != nil {
		s.moveTo(p, p.Pending.PostContent)
		p.Pending = nil
	}
}

// DiscardPendingChanges drops a post's pending changes; what readers see stays as it is. A
// post without pending changes is BAD_USER_INPUT.
func (s *Service) DiscardPendingChanges(ctx context.Context, id string) (*guildhall.Post, error) {
	v, cur, err := s.editablePost(ctx, id)
	if err != nil {
		return nil, err
	}
	if cur.Pending == nil {
		return nil, &guildhall.Error{Code: guildhall.EINVALID, Message: "The post has no pending changes to discard.",
			Fields: map[string]string{"id": "has no pending changes"}}
	}
	p := s.nextRevision(cur, v)
	p.Pending = nil
	return s.savePost(ctx, p, nil)
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
	p.UpdatedAt, p.UpdatedBy, p.Note = s.now(), v.Actor(), ""
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

// postEdit is a checked change to a post's content: each field that is set replaces the
// content's own. The same edit can be applied to the post and to its pending changes.
type postEdit struct {
	title      *string
	body       *guildhall.RichText
	rendered   richtext.Rendered // the new body as rendered: its text for the excerpt and the index, its HTML for imports
	images     []string          // the new body's images (assets)
	featured   *featuredImage
	excerpt    *string
	slug       *string
	tags       []string
	blocks     []string
	visibility *guildhall.Visibility
	seo        *guildhall.SEO
}

// checkEdit checks the content fields of in, adding what is wrong to problems. A body's
// images are resolved first (see resolveImages: pasted ones become assets of v's, so they
// stay in the media library even if the save then fails on another field; v is nil for an
// import), and the body is rendered once, here, and handed on (the catalog indexes the text,
// an import compares the HTML, the body is packed for memory and the database).
func (s *Service) checkEdit(ctx context.Context, v *guildhall.Viewer, in guildhall.UpdatePostInput, problems guildhall.Problems) *postEdit {
	e := &postEdit{slug: in.Slug, visibility: in.Visibility}
	if in.Title != nil {
		title := strings.TrimSpace(*in.Title)
		switch {
		case title == "":
			problems.Add("title", "is required")
		case utf8.RuneCountInString(title) > guildhall.MaxTitleLength:
			problems.Add("title", "must be at most %d characters", guildhall.MaxTitleLength)
		case strings.ContainsFunc(title, unicode.IsControl):
			problems.Add("title", "must not contain control characters")
		}
		e.title = &title
	}
	if in.Body != nil {
		if len(*in.Body) > 4*guildhall.MaxBodyBytes {
			problems.Add("body", "must be at most %d KiB", guildhall.MaxBodyBytes>>10)
		} else {
			html, images := s.resolveImages(ctx, v, *in.Body, "body", problems)
			if body := s.rich.Render(html); len(body.HTML) > guildhall.MaxBodyBytes {
				problems.Add("body", "must be at most %d KiB after cleaning", guildhall.MaxBodyBytes>>10)
			} else {
				held := held(body)
				e.body, e.rendered, e.images = &held, body, images
			}
		}
	}
	if in.FeaturedImageID != nil {
		e.featured = &featuredImage{id: s.checkAsset(*in.FeaturedImageID, "featuredImageId", problems)}
	}
	if in.Excerpt != nil {
		x := strings.Join(strings.Fields(*in.Excerpt), " ")
		if utf8.RuneCountInString(x) > guildhall.MaxExcerptLength {
			problems.Add("excerpt", "must be at most %d characters", guildhall.MaxExcerptLength)
		}
		e.excerpt = &x
	}
	if in.Tags != nil {
		e.tags = s.cleanTags(in.Tags, problems)
	}
	if in.BlockIDs != nil {
		e.blocks = s.checkBlocks(ctx, in.BlockIDs, problems)
	}
	if in.SEO != nil {
		e.seo = checkSEO(*in.SEO, problems)
	}
	return e
}

// apply makes the edit to c. The excerpt follows a new body unless the author wrote one.
func (e *postEdit) apply(c *guildhall.PostContent) {
	if e.title != nil {
		c.Title = *e.title
	}
	if e.slug != nil {
		c.Slug = *e.slug
	}
	if e.body != nil {
		c.Body, c.ImageIDs = *e.body, e.images
		if !c.CustomExcerpt {
			c.Excerpt = richtext.Excerpt(e.rendered.Text, guildhall.ExcerptWords)
		}
	}
	if e.excerpt != nil {
		c.CustomExcerpt = *e.excerpt != ""
		if c.CustomExcerpt {
			c.Excerpt = *e.excerpt
		} else {
			c.Excerpt = richtext.Excerpt(c.Body.Text(), guildhall.ExcerptWords)
		}
	}
	if e.tags != nil {
		c.Tags = e.tags
	}
	if e.blocks != nil {
		c.BlockIDs = e.blocks
	}
	if e.visibility != nil {
		c.Visibility = *e.visibility
	}
	if e.seo != nil {
		c.SEO = *e.seo
	}
	if e.featured != nil {
		c.FeaturedImageID = e.featured.id
	}
}

// featuredImage is an edit's featured image: id nil for none.
type featuredImage struct{ id *string }

// checkSEO trims the SEO fields, drops empty ones and checks limits: plain text without
// control characters, and an absolute http(s) canonical URL.
func checkSEO(in guildhall.SEO, problems guildhall.Problems) *guildhall.SEO {
	text := func(field string, v *string, limit int) *string {
		if v == nil {
			return nil
		}
		x := strings.Join(strings.Fields(*v), " ")
		switch {
		case x == "":
			return nil
		case utf8.RuneCountInString(x) > limit:
			problems.Add(field, "must be at most %d characters", limit)
		}
		return &x
	}
	out := &guildhall.SEO{
		Title:       text("seo.title", in.Title, guildhall.MaxSEOTitleLength),
		Description: text("seo.description", in.Description, guildhall.MaxSEODescriptionLength),
	}
	if in.CanonicalURL != nil && strings.TrimSpace(*in.CanonicalURL) != "" {
		u := strings.TrimSpace(*in.CanonicalURL)
		parsed, err := url.Parse(u)
		switch {
		case len(u) > guildhall.MaxURLLength:
			problems.Add("seo.canonicalUrl", "must be at most %d characters", guildhall.MaxURLLength)
		case err != nil || (parsed.Scheme != "https" && parsed.Scheme != "http") || parsed.Host == "" || parsed.User != nil ||
			strings.ContainsFunc(u, unicode.IsSpace):
			problems.Add("seo.canonicalUrl", "must be an absolute http(s) URL, e.g. https://example.org/posts/my-post")
		}
		out.CanonicalURL = &u
	}
	return out
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

// cleanTags trims tags, drops empty ones and a second spelling of one tag (the same slug), saves a
// tag in use with its name, and checks limits.
func (s *Service) cleanTags(tags []string, problems guildhall.Problems) []string {
	out := make([]string, 0, len(tags))
	seen := map[string]bool{}
	for _, t := range tags {
		t = strings.Join(strings.Fields(t), " ")
		if t == "" {
			continue
		}
		switch {
		case utf8.RuneCountInString(t) > guildhall.MaxTagLength:
			problems.Add("tags", "each tag must be at most %d characters", guildhall.MaxTagLength)
		case strings.ContainsFunc(t, unicode.IsControl):
			problems.Add("tags", "must not contain control characters")
		}
		key := catalog.TagKey(t)
		if strings.HasPrefix(key, "~") {
			problems.Add("tags", "each tag needs a letter or a digit (%q has none)", t)
		}
		if seen[key] {
			continue // the same tag spelt twice: the first spelling stays, in its place
		}
		seen[key] = true
		out = append(out, s.tagSpelling(t))
	}
	if len(out) > guildhall.MaxTags {
		problems.Add("tags", "at most %d tags", guildhall.MaxTags)
	}
	return out
}

// tagSpelling is the spelling of the tag t as it is already in use, or t for a new tag: two
// spellings with the same slug are one tag, named as it was first spelt.
func (s *Service) tagSpelling(t string) string {
	if name, ok := s.cat().TagName(t); ok {
		return name
	}
	return t
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

// claimSlug makes slug post id's, or says it is taken.
func (s *Service) claimSlug(ctx context.Context, id, slug string) error {
	if owner := s.cat().PostSlugOwner(slug); owner != "" && owner != id {
		return errSlugTaken()
	}
	if err := s.store.claims.Claim(ctx, guildhall.ClaimPostSlug, slug, id); err != nil {
		if guildhall.ErrorCode(err) == guildhall.ECONFLICT {
			return errSlugTaken()
		}
		return err
	}
	return nil
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
