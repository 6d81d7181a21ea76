package cms

import (
	"time"

	"context"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/guildhall/guildhall"
	"github.com/guildhall/guildhall/fold"
)

// Post finds a post by ID or by slug (exactly one must be given). A post the viewer may not
// see is reported exactly as one that does not exist.
func (s *Service) Post(ctx context.Context, id, slug *string) (*guildhall.Post, error) {
	if (id == nil) == (slug == nil) {
		return nil, &guildhall.Error{Code: guildhall.EINVALID, Message: "Give either id or slug.",
			Fields: map[string]string{"id": "give either id or slug", "slug": "give either id or slug"}}
	}
	v, now := guildhall.ViewerFrom(ctx), s.now()
	var p *guildhall.Post
	var ok bool
	if id != nil {
		p, ok = s.cat().Post(v, now, *id)
	} else {
		p, ok = s.cat().PostBySlug(v, now, *slug)
	}
	if !ok {
		return nil, guildhall.NotFound("Post")
	}
	return p, nil
}

// Posts lists posts.
func (s *Service) Posts(ctx context.Context, first *int, after *string, filter *guildhall.PostFilter, order *guildhall.PostOrder) (*guildhall.Page[*guildhall.Post], error) {
	n, err := guildhall.PageSize(first)
	if err != nil {
		return nil, err
	}
	q := guildhall.PostQuery{First: n, After: deref(after)}
	if f := filter; f != nil {
		q.AuthorSlug, q.Tag, q.Search = deref(f.AuthorSlug), deref(f.Tag), strings.TrimSpace(deref(f.Search))
		q.PublishedAfter, q.PublishedBefore, q.AwaitingReview = f.PublishedAfter, f.PublishedBefore, f.AwaitingReview
		if f.Status != nil {
			q.Status = *f.Status
		}
		if f.Visibility != nil {
			q.Visibility = *f.Visibility
		}
		if err := checkSearch(q.Search); err != nil {
			return nil, err
		}
	}
	if order != nil {
		q.OrderBy, q.Direction = order.Field, order.Direction
		if q.OrderBy == guildhall.OrderRelevance && len(fold.Words(q.Search)) == 0 {
			return nil, &guildhall.Error{Code: guildhall.EINVALID, Message: "Ordering by relevance needs a search.",
				Fields: map[string]string{"orderBy.field": "RELEVANCE needs filter.search"}}
		}
	}
	return s.cat().Posts(guildhall.ViewerFrom(ctx), s.now(), q)
}

// checkSearch refuses searches longer than the limits.
func checkSearch(q string) error {
	switch {
	case utf8.RuneCountInString(q) > guildhall.MaxSearchLength:
		return &guildhall.Error{Code: guildhall.EINVALID, Message: "The search is too long.",
			Fields: map[string]string{"filter.search": fmt.Sprintf("at most %d characters", guildhall.MaxSearchLength)}}
	case len(fold.Words(q)) > guildhall.MaxSearchWords:
		return &guildhall.Error{Code: guildhall.EINVALID, Message: "The search has too many words.",
			Fields: map[string]string{"filter.search": fmt.Sprintf("at most %d words", guildhall.MaxSearchWords)}}
	}
	return nil
}

// MemberPosts lists a member's published posts, newest first.
func (s *Service) MemberPosts(ctx context.Context, m *guildhall.Member, first *int, after *string) (*guildhall.Page[*guildhall.Post], error) {
	n, err := guildhall.PageSize(first)
	if err != nil {
		return nil, err
	}
	q := guildhall.PostQuery{First: n, After: deref(after), AuthorID: m.ID}
	return s.cat().Posts(guildhall.ViewerFrom(ctx), s.now(), q)
}

// PublishedPostCount counts the member's published posts.
func (s *Service) PublishedPostCount(m *guildhall.Member) int {
	return s.cat().LivePostCount(m.ID, s.now())
}

// Author returns the post's author.
func (s *Service) Author(p *guildhall.Post) (*guildhall.Member, error) {
	m, ok := s.cat().Member(p.AuthorID)
	if !ok {
		return nil, guildhall.Errorf(guildhall.EINTERNAL, "author %s of post %s is missing", p.AuthorID, p.ID)
	}
	return m, nil
}

// RemovedAt is the latest time a post left the posts the filter selects (by author slug and
// tag; unpublished, archived, deleted, untagged or taken down): feeds are never older than
// that.
func (s *Service) RemovedAt(filter *guildhall.PostFilter) time.Time {
	cat := s.cat()
	author, tag := "", ""
	if filter != nil && filter.AuthorSlug != nil {
		author = cat.MemberSlugOwner(*filter.AuthorSlug)
	}
	if filter != nil && filter.Tag != nil {
		tag = *filter.Tag
	}
	return cat.RemovedAt(author, tag, s.now())
}

// Body returns the post's body, or nil when the viewer may read the teaser only. The copy a
// preview link returned is readable by whoever holds the link.
func (s *Service) Body(ctx context.Context, p *guildhall.Post) *guildhall.RichText {
	if !p.Previewed && !guildhall.ViewerFrom(ctx).CanReadBody(p) {
		return nil
	}
	return &p.Body
}

// PostBlocks returns the post's blocks in display order.
func (s *Service) PostBlocks(p *guildhall.Post) []guildhall.Block {
	return s.cat().BlocksByID(p.BlockIDs)
}

// Related lists posts related to p.
func (s *Service) Related(ctx context.Context, p *guildhall.Post, first *int) ([]*guildhall.Post, error) {
	n, err := guildhall.PageSize(first)
	if err != nil {
		return nil, err
	}
	return s.cat().Related(guildhall.ViewerFrom(ctx), s.now(), p, n), nil
}

// PostStatus is the post's status now.
func (s *Service) PostStatus(p *guildhall.Post) guildhall.PostStatus { return p.StatusAt(s.now()) }

// Member finds a member by ID or by slug (exactly one must be given).
func (s *Service) Member(ctx context.Context, id, slug *string) (*guildhall.Member, error) {
	if (id == nil) == (slug == nil) {
		return nil, &guildhall.Error{Code: guildhall.EINVALID, Message: "Give either id or slug.",
			Fields: map[string]string{"id": "give either id or slug", "slug": "give either id or slug"}}
	}
	var m *guildhall.Member
	var ok bool
	if id != nil {
		m, ok = s.cat().Member(*id)
	} else {
		m, ok = s.cat().MemberBySlug(*slug)
	}
	if !ok {
		return nil, guildhall.NotFound("Member")
	}
	return m, nil
}

// Members lists members in directory order.
func (s *Service) Members(ctx context.Context, first *int, after *string, filter *guildhall.MemberFilter) (*guildhall.Page[*guildhall.Member], error) {
	n, err := guildhall.PageSize(first)
	if err != nil {
		return nil, err
	}
	q := guildhall.MemberQuery{First: n, After: deref(after)}
	if f := filter; f != nil {
		q.NameStartsWith, q.Search, q.HasPublishedPosts = deref(f.NameStartsWith), deref(f.Search), f.HasPublishedPosts
		if f.Initial != nil {
			q.Initial = strings.ToUpper(strings.TrimSpace(*f.Initial))
			if len(q.Initial) != 1 || (q.Initial != fold.Other && (q.Initial[0] < 'A' || q.Initial[0] > 'Z')) {
				return nil, &guildhall.Error{Code: guildhall.EINVALID, Message: "The initial must be a letter A-Z or #.",
					Fields: map[string]string{"filter.initial": "a letter A-Z, or # for names that start with anything else"}}
			}
		}
		if len(q.Search) > guildhall.MaxSearchLength || len(q.NameStartsWith) > guildhall.MaxSearchLength {
			return nil, &guildhall.Error{Code: guildhall.EINVALID, Message: "The filter is too long.",
				Fields: map[string]string{"filter": fmt.Sprintf("at most %d characters per field", guildhall.MaxSearchLength)}}
		}
		if f.Status != nil {
			v := guildhall.ViewerFrom(ctx)
			if !v.ManagesMemberships() {
				return nil, guildhall.Errorf(guildhall.EFORBIDDEN, "Only ADMIN and the membership service may filter by membership status.")
			}
			q.Status = *f.Status
		}
	}
	return s.cat().Members(s.now(), s.opts.GracePeriod, q)
}

// MemberDirectory counts members with published posts per initial.
func (s *Service) MemberDirectory() []guildhall.DirectoryLetter { return s.cat().Directory(s.now()) }

// Contact returns the member's email or phone for viewers allowed to see it, else nil.
func (s *Service) Contact(ctx context.Context, m *guildhall.Member, value *string) *string {
	if !guildhall.ViewerFrom(ctx).CanSeeContact(m.ID) {
		return nil
	}
	return value
}

// Membership returns the member's membership for viewers allowed to see it, else nil.
func (s *Service) Membership(ctx context.Context, m *guildhall.Member) *guildhall.Membership {
	if !guildhall.ViewerFrom(ctx).CanSeeMembership(m.ID) {
		return nil
	}
	return m.Membership
}

// MembershipStatus is the membership's status now.
func (s *Service) MembershipStatus(ms *guildhall.Membership) guildhall.MembershipStatus {
	return ms.StatusAt(s.now(), s.opts.GracePeriod)
}

// Renewals pages through a membership's renewals, newest first.
func (s *Service) Renewals(ms *guildhall.Membership, first *int, after *string) (*guildhall.Page[*guildhall.Renewal], error) {
	n, err := guildhall.PageSize(first)
	if err != nil {
		return nil, err
	}
	newest := slices.Clone(ms.Renewals)
	slices.Reverse(newest)
	return pageByID(newest, n, deref(after), "renewals", func(r *guildhall.Renewal) string { return r.ID })
}

// Plan returns the plan with the code. Plans are never deleted, but a member may hold a plan
// this instance has not loaded yet; it is then shown by its code.
func (s *Service) Plan(code string) *guildhall.MembershipPlan {
	if p, ok := s.cat().Plan(code); ok {
		return &p
	}
	return &guildhall.MembershipPlan{Code: code, Name: code}
}

// Plans lists the membership plans.
func (s *Service) Plans() []guildhall.MembershipPlan { return s.cat().Plans() }

// Block finds a block.
func (s *Service) Block(id string) (guildhall.Block, error) {
	b, ok := s.cat().Block(id)
	if !ok {
		return nil, guildhall.NotFound("Block")
	}
	return b, nil
}

// Blocks lists blocks, oldest first.
func (s *Service) Blocks(first *int, after *string, kind *guildhall.BlockKind) (*guildhall.Page[guildhall.Block], error) {
	n, err := guildhall.PageSize(first)
	if err != nil {
		return nil, err
	}
	var k guildhall.BlockKind
	if kind != nil {
		k = *kind
	}
	return s.cat().Blocks(n, deref(after), k)
}

// Node finds anything by its global ID.
func (s *Service) Node(ctx context.Context, id string) (guildhall.Node, error) {
	switch guildhall.KindOf(id) {
	case guildhall.KindPost:
		return s.Post(ctx, &id, nil)
	case guildhall.KindMember:
		return s.Member(ctx, &id, nil)
	case guildhall.KindBlock:
		b, err := s.Block(id)
		if err != nil {
			return nil, err
		}
		return b.(guildhall.Node), nil
	case guildhall.KindAsset:
		return s.Asset(id)
	case guildhall.KindToken:
		// Only ADMIN may see tokens; sessions are nobody's to look up.
		if t, ok := s.creds.Load().token(id); ok && t.Kind == guildhall.TokenAPI && guildhall.ViewerFrom(ctx).Role == guildhall.RoleAdmin {
			return t, nil
		}
	case guildhall.KindRenewal:
		if r, memberID, ok := s.cat().Renewal(id); ok && guildhall.ViewerFrom(ctx).CanSeeMembership(memberID) {
			return r, nil
		}
	case guildhall.KindWebhook:
		if w, ok := s.cat().Webhook(id); ok && guildhall.ViewerFrom(ctx).Role == guildhall.RoleAdmin {
			return w, nil
		}
	case guildhall.KindAccount:
		if a, ok := s.creds.Load().account(id); ok && guildhall.ViewerFrom(ctx).Role == guildhall.RoleAdmin {
			return a, nil
		}
	}
	return nil, guildhall.NotFound("Node")
}

// ViewerMember returns the member the viewer's credential is bound to, if any.
func (s *Service) ViewerMember(v *guildhall.Viewer) *guildhall.Member {
	if v.MemberID == "" {
		return nil
	}
	m, _ := s.cat().Member(v.MemberID)
	return m
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

// Tags lists tags in slug order with their published post counts. Readers see the tags of
// published posts; staff see every tag in use (with the count of its published posts).
func (s *Service) Tags(ctx context.Context, first *int, after *string, filter *guildhall.TagFilter) (*guildhall.Page[*guildhall.Tag], error) {
	n, err := guildhall.PageSize(first)
	if err != nil {
		return nil, err
	}
	q := guildhall.TagQuery{First: n, After: deref(after), All: guildhall.ViewerFrom(ctx).IsStaff()}
	if filter != nil {
		q.Search = strings.TrimSpace(deref(filter.Search))
		if err := checkSearch(q.Search); err != nil {
			return nil, err
		}
	}
	return s.cat().Tags(s.now(), q)
}
