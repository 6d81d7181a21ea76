package cms

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/guildhall/guildhall"
	"github.com/guildhall/guildhall/catalog"
	"github.com/guildhall/guildhall/media"
	"github.com/guildhall/guildhall/richtext"
	"github.com/guildhall/guildhall/slug"
	"github.com/guildhall/guildhall/webhook"
)

// Imports write through the same rules as every other write (sanitised bodies, claimed slugs,
// insert-only revisions carried by the change log), with the dates the content had in the
// system it comes from. Each item has an ID derived from its identity there
// (guildhall.ImportID), so importing the same file again finds what the last import made:
// unchanged items are left alone, changed ones get a new revision, and an item edited in
// Guildhall since (its newest revision not saved by an import) is not overwritten.
//
// Imports do not send webhooks: bringing old content in is not news.

// ImportPost creates or updates an imported post. Only ADMIN imports.
func (s *Service) ImportPost(ctx context.Context, in guildhall.ImportPostInput) (guildhall.ImportResult, error) {
	res := guildhall.ImportResult{ID: in.ID}
	if _, err := require(ctx, guildhall.RoleAdmin); err != nil {
		return res, err
	}
	if guildhall.KindOf(in.ID) != guildhall.KindPost {
		return res, guildhall.Errorf(guildhall.EINVALID, "An imported post needs a post ID.")
	}
	if s.cat().PostDeleted(in.ID) {
		return skipped(res, "deleted in Guildhall after an earlier import"), nil
	}
	if _, ok := s.cat().Member(in.AuthorID); !ok {
		return skipped(res, "its author is not a member"), nil
	}
	p := &guildhall.Post{ID: in.ID, Status: in.Status, Visibility: in.Visibility, AuthorID: in.AuthorID,
		CreatedAt: in.CreatedAt.UTC().Truncate(time.Millisecond), UpdatedBy: guildhall.ImportActor}
	if !p.Status.IsValid() || p.Status == guildhall.PostScheduled {
		return res, guildhall.Errorf(guildhall.EINVALID, "An imported post is DRAFT, PUBLISHED or ARCHIVED.")
	}
	if !p.Visibility.IsValid() {
		p.Visibility = guildhall.VisibilityPublic
	}
	if in.PublishedAt != nil && p.Status != guildhall.PostDraft {
		at := in.PublishedAt.UTC().Truncate(time.Millisecond)
		p.PublishedAt = &at
	}
	problems := guildhall.Problems{}
	title := strings.TrimSpace(in.Title)
	if title == "" {
		title = "(untitled)"
		res.Warnings = append(res.Warnings, "it had no title")
	}
	if utf8.RuneCountInString(title) > guildhall.MaxTitleLength {
		title = truncateRunes(title, guildhall.MaxTitleLength)
		res.Warnings = append(res.Warnings, "its title was shortened")
	}
	title = strings.Map(dropControl, title)
	content := p.Content()
	edit := s.checkEdit(ctx, nil, guildhall.UpdatePostInput{Title: &title, Body: &in.Body}, problems)
	edit.apply(&content)
	p.SetContent(content)
	body := edit.rendered
	if in.FeaturedImageID != "" {
		if _, ok := s.cat().Asset(in.FeaturedImageID); ok {
			p.FeaturedImageID = &in.FeaturedImageID
		} else {
			res.Warnings = append(res.Warnings, "its featured image was not imported")
		}
	}
	var tagWarnings []string
	p.Tags, tagWarnings = s.fitTags(in.Tags)
	res.Warnings = append(res.Warnings, tagWarnings...)
	if err := problems.Err(); err != nil {
		reason := guildhall.ErrorMessage(err)
		var gerr *guildhall.Error
		if errors.As(err, &gerr) && len(gerr.Fields) > 0 {
			reason += " " + fmt.Sprint(gerr.Fields)
		}
		return skipped(res, reason), nil
	}

	cur, exists := s.cat().PostByID(in.ID)
	if exists {
		if cur.UpdatedBy != guildhall.ImportActor {
			return skipped(res, "changed in Guildhall since it was imported; left as it is"), nil
		}
		p.Slug, p.OldSlugs, p.BlockIDs = cur.Slug, cur.OldSlugs, cur.BlockIDs
		p.CreatedAt = cur.CreatedAt
		p.OldPaths = cur.OldPaths
	}
	for _, path := range in.OldPaths {
		if slices.Contains(p.OldPaths, path) {
			continue
		}
		if err := s.store.claims.Claim(ctx, guildhall.ClaimRedirectPath, path, p.ID); err != nil {
			if guildhall.ErrorCode(err) != guildhall.ECONFLICT {
				return res, err
			}
			res.Warnings = append(res.Warnings, "the old path "+path+" already leads to another post")
			continue
		}
		p.OldPaths = append(p.OldPaths, path)
	}
	if exists && samePost(cur, p, body.HTML) {
		res.Outcome = guildhall.ImportUnchanged
		return res, nil
	}
	if !exists {
		wanted := strings.ToLower(in.Slug)
		if !slug.Valid(wanted) {
			wanted = p.Title
		}
		var err error
		if p.Slug, err = s.claimFreeSlug(ctx, guildhall.ClaimPostSlug, wanted, "post", p.ID, s.cat().PostSlugOwner); err != nil {
			return res, err
		}
		if in.Slug != "" && p.Slug != strings.ToLower(in.Slug) {
			res.Warnings = append(res.Warnings, fmt.Sprintf("its slug %q was taken or not valid here; it is %q", in.Slug, p.Slug))
		}
		p.Version = 1
		p.UpdatedAt = in.UpdatedAt.UTC().Truncate(time.Millisecond)
		if p.UpdatedAt.Before(p.CreatedAt) {
			p.UpdatedAt = p.CreatedAt
		}
		res.Outcome = guildhall.ImportCreated
	} else {
		p.Version = cur.Version + 1
		p.UpdatedAt = s.now()
		if !p.UpdatedAt.After(cur.UpdatedAt) {
			p.UpdatedAt = cur.UpdatedAt.Add(time.Millisecond)
		}
		res.Outcome = guildhall.ImportUpdated
	}
	if err := s.store.posts.SavePost(ctx, p); err != nil {
		return res, err
	}
	s.write(func(c *catalog.Catalog) { c.PutPostWithText(p, body.Text) })
	return res, nil
}

// samePost reports whether an import would change nothing a reader or editor sees; html is
// p's body as just rendered (not unpacked again from the form it was packed into).
func samePost(cur, p *guildhall.Post, html string) bool {
	return cur.Title == p.Title && cur.Body.HTML() == html && slices.Equal(cur.Tags, p.Tags) &&
		cur.Status == p.Status && cur.Visibility == p.Visibility && cur.AuthorID == p.AuthorID &&
		timesEqual(cur.PublishedAt, p.PublishedAt) && slices.Equal(cur.OldPaths, p.OldPaths) &&
		deref(cur.FeaturedImageID) == deref(p.FeaturedImageID)
}

// ImportAsset creates an imported image, or finds the one an earlier import made (by its ID,
// without reading the file again). Its file is read (in.Read) or fetched (in.URL, with the
// guard and limits of ImportAssetFromURL) and cleaned like any upload; a file that cannot be
// read or is refused skips the asset with the reason. An asset deleted in Guildhall after an
// earlier import is not brought back. Only ADMIN imports; imports send no webhooks.
func (s *Service) ImportAsset(ctx context.Context, in guildhall.ImportAssetInput) (guildhall.ImportResult, *guildhall.Asset, error) {
	res := guildhall.ImportResult{ID: in.ID}
	if _, err := require(ctx, guildhall.RoleAdmin); err != nil {
		return res, nil, err
	}
	if guildhall.KindOf(in.ID) != guildhall.KindAsset {
		return res, nil, guildhall.Errorf(guildhall.EINVALID, "An imported image needs an asset ID.")
	}
	if s.cat().AssetDeleted(in.ID) {
		return skipped(res, "deleted in Guildhall after an earlier import"), nil, nil
	}
	problems := guildhall.Problems{}
	alt := checkAlt(strings.Map(dropControl, in.Alt), problems)
	if problems.Err() != nil {
		alt = truncateRunes(alt, guildhall.MaxAltLength)
		res.Warnings = append(res.Warnings, "its alt text was shortened")
	}
	if cur, ok := s.cat().Asset(in.ID); ok {
		if cur.UpdatedBy != guildhall.ImportActor || cur.Alt == alt {
			res.Outcome = guildhall.ImportUnchanged
			return res, cur, nil
		}
		next := *cur
		next.Version++
		next.Alt, next.UpdatedAt = alt, s.now()
		if err := s.store.assets.SaveAsset(ctx, &next); err != nil {
			return res, nil, err
		}
		s.cat().PutAsset(&next)
		res.Outcome = guildhall.ImportUpdated
		return res, &next, nil
	}
	var data []byte
	var err error
	if in.Read != nil {
		data, err = in.Read(ctx)
	} else if err = webhook.CheckURL(in.URL, s.opts.WebhookAllowPrivate); err == nil {
		data, err = s.fetchImage(ctx, in.URL)
	}
	if err != nil {
		if ctx.Err() != nil {
			return res, nil, ctx.Err()
		}
		return skipped(res, "its file could not be read: "+importReason(err)), nil, nil
	}
	img, err := s.pipeline.Clean(ctx, data)
	if err != nil {
		if _, ok := errors.AsType[*media.Refusal](err); ok {
			return skipped(res, importReason(err)), nil, nil
		}
		return res, nil, err
	}
	if err := s.originals.Put(ctx, img.Sum, img.Data); err != nil {
		return res, nil, err
	}
	created := in.CreatedAt.UTC().Truncate(time.Millisecond)
	a := &guildhall.Asset{
		ID: in.ID, Version: 1, Filename: safeFilename(in.Filename, img.Format), Alt: alt,
		ContentType: img.Format.ContentType(), Bytes: len(img.Data), Width: img.Width, Height: img.Height,
		Animated: img.Animated, SHA256: img.Sum, OwnerID: in.OwnerID,
		CreatedAt: created, UpdatedAt: created, UpdatedBy: guildhall.ImportActor,
	}
	if err := s.store.assets.SaveAsset(ctx, a); err != nil {
		return res, nil, err
	}
	s.cat().PutAsset(a)
	res.Outcome = guildhall.ImportCreated
	return res, a, nil
}

// importReason is an error as a skipped item's reason: a person's message, without the field
// prefix a client would get.
func importReason(err error) string {
	if r, ok := errors.AsType[*media.Refusal](err); ok {
		return r.Message
	}
	var gerr *guildhall.Error
	if errors.As(err, &gerr) {
		for _, msg := range gerr.Fields {
			return msg
		}
		return gerr.Message
	}
	if errors.Is(err, os.ErrNotExist) {
		return "no such file"
	}
	return err.Error()
}

func timesEqual(a, b *time.Time) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Equal(*b)
}

func skipped(res guildhall.ImportResult, reason string) guildhall.ImportResult {
	res.Outcome, res.Reason = guildhall.ImportSkipped, reason
	return res
}

// fitTags keeps the first MaxTags tags, each shortened to MaxTagLength, without control
// characters, one spelling of each tag (as cleanTags) and none without a letter or digit: an
// imported post is not refused for its tags.
func (s *Service) fitTags(tags []string) ([]string, []string) {
	var warnings []string
	seen := map[string]bool{}
	out := make([]string, 0, len(tags))
	for _, t := range tags {
		t = strings.Join(strings.Fields(strings.Map(dropControl, t)), " ")
		if utf8.RuneCountInString(t) > guildhall.MaxTagLength {
			warnings = append(warnings, fmt.Sprintf("the tag %q was shortened", t))
			t = strings.TrimSpace(truncateRunes(t, guildhall.MaxTagLength))
		}
		if t == "" {
			continue
		}
		key := catalog.TagKey(t)
		if strings.HasPrefix(key, "~") {
			warnings = append(warnings, fmt.Sprintf("the tag %q was dropped: it has no letter or digit", t))
			continue
		}
		if seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, s.tagSpelling(t))
	}
	if len(out) > guildhall.MaxTags {
		warnings = append(warnings, fmt.Sprintf("%d tags were dropped (at most %d)", len(out)-guildhall.MaxTags, guildhall.MaxTags))
		out = out[:guildhall.MaxTags]
	}
	return out, warnings
}

func dropControl(r rune) rune {
	if unicode.IsControl(r) {
		return ' '
	}
	return r
}

func truncateRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

// ImportMember finds or creates a member for an import: by email first, then by ID. A new
// member gets the membership with its real dates, recorded as an "imported" membership
// event; with UpdateExisting, a matched member is changed to what the input says. Only
// ADMIN imports.
func (s *Service) ImportMember(ctx context.Context, in guildhall.ImportMemberInput) (guildhall.ImportResult, error) {
	res := guildhall.ImportResult{ID: in.ID}
	v, err := require(ctx, guildhall.RoleAdmin)
	if err != nil {
		return res, err
	}
	problems := guildhall.Problems{}
	name := strings.Join(strings.Fields(in.Name), " ")
	if name == "" || utf8.RuneCountInString(name) > 200 || strings.ContainsFunc(name, unicode.IsControl) {
		problems.Add("name", "must be 1 to 200 characters")
	}
	email := strings.TrimSpace(in.Email)
	if email != "" && !validEmail(email) {
		problems.Add("email", "is not an email address")
	}
	var plan guildhall.MembershipPlan
	if in.Membership != nil {
		var ok bool
		if plan, ok = s.cat().Plan(in.Membership.Plan); !ok {
			problems.Add("plan", "no such plan: %q", in.Membership.Plan)
		}
	}
	if err := problems.Err(); err != nil {
		return res, err
	}
	id := in.ID
	if normal, err := guildhall.NormalizeEmail(email); email != "" && err == nil {
		if owner := s.cat().MemberIDByEmail(normal); owner != "" {
			id = owner
		}
	}
	res.ID = id
	cur, exists := s.cat().Member(id)
	if exists && !in.UpdateExisting {
		res.Outcome = guildhall.ImportUnchanged
		return res, nil
	}
	now := s.now()
	m := &guildhall.Member{ID: id, Version: 1, Name: name, SortName: in.SortName, CreatedAt: now}
	if exists {
		copied := *cur
		m = &copied
		m.Version++
		m.Name = name
		if in.SortName != "" {
			m.SortName = in.SortName
		}
	}
	if m.SortName == "" || (!exists && in.SortName == "") {
		m.SortName = sortName(name)
	}
	if email != "" {
		m.Email = &email
	}
	setOptional(&m.Phone, in.Phone)
	setOptional(&m.Credentials, in.Credentials)
	setOptional(&m.AvatarURL, in.AvatarURL)
	if in.Bio != "" {
		bio := held(richtext.Render(in.Bio))
		m.Bio = &bio
	}
	if ms := in.Membership; ms != nil {
		imported := &guildhall.Membership{PlanCode: plan.Code, JoinedAt: ms.JoinedAt.UTC().Truncate(time.Millisecond),
			ExpiresAt: ms.ExpiresAt.UTC().Truncate(time.Millisecond), Renewals: []*guildhall.Renewal{}}
		if imported.ExpiresAt.IsZero() {
			imported.ExpiresAt = guildhall.AddMonths(imported.JoinedAt, plan.TermMonths)
		}
		if ms.CancelledAt != nil {
			at := ms.CancelledAt.UTC().Truncate(time.Millisecond)
			imported.CancelledAt = &at
		}
		if m.Membership != nil {
			imported.Renewals = m.Membership.Renewals
		}
		m.Membership = imported
		if !exists || m.CreatedAt.After(imported.JoinedAt) {
			m.CreatedAt = imported.JoinedAt
		}
	}
	if exists && sameMember(cur, m) {
		res.Outcome = guildhall.ImportUnchanged
		return res, nil
	}
	if email != "" && (!exists || cur.Email == nil || !sameEmail(*cur.Email, email)) {
		normal, err := guildhall.NormalizeEmail(email)
		if err != nil {
			return res, err
		}
		if err := s.store.claims.Claim(ctx, guildhall.ClaimMemberEmail, normal, id); err != nil {
			if guildhall.ErrorCode(err) == guildhall.ECONFLICT {
				return skipped(res, "the email belongs to another member"), nil
			}
			return res, err
		}
	}
	if !exists {
		if m.Slug, err = s.claimFreeSlug(ctx, guildhall.ClaimMemberSlug, m.Name, "member", m.ID, s.cat().MemberSlugOwner); err != nil {
			return res, err
		}
		res.Outcome = guildhall.ImportCreated
	} else {
		res.Outcome = guildhall.ImportUpdated
	}
	m.UpdatedAt = now
	if exists && !now.After(cur.UpdatedAt) {
		m.UpdatedAt = cur.UpdatedAt.Add(time.Millisecond)
	}
	if err := s.store.members.SaveMember(ctx, m, guildhall.ImportActor); err != nil {
		return res, err
	}
	s.write(func(c *catalog.Catalog) { c.PutMember(m) })
	if ms := m.Membership; ms != nil && (!exists || cur.Membership == nil || !sameMembership(cur.Membership, ms)) {
		expires := ms.ExpiresAt
		err := s.store.members.RecordMembershipEvent(ctx, guildhall.MembershipEvent{
			ID:       fmt.Sprintf("%s:imported:%s", m.ID, fingerprint([]any{ms.PlanCode, ms.JoinedAt, ms.ExpiresAt, ms.CancelledAt})[:16]),
			MemberID: m.ID, Kind: "imported", At: now, Actor: v.Actor(), PlanCode: ms.PlanCode, NewExpiry: &expires,
		})
		if err != nil {
			return res, err
		}
	}
	return res, nil
}

func setOptional(field **string, v string) {
	if v = strings.TrimSpace(v); v != "" {
		*field = &v
	}
}

func sameMember(a, b *guildhall.Member) bool {
	same := a.Name == b.Name && a.SortName == b.SortName && deref(a.Email) == deref(b.Email) && deref(a.Phone) == deref(b.Phone) &&
		deref(a.Credentials) == deref(b.Credentials) && deref(a.AvatarURL) == deref(b.AvatarURL)
	if !same || (a.Bio == nil) != (b.Bio == nil) || (a.Bio != nil && a.Bio.HTML() != b.Bio.HTML()) {
		return false
	}
	if a.Membership == nil || b.Membership == nil {
		return a.Membership == b.Membership
	}
	return sameMembership(a.Membership, b.Membership)
}

func sameMembership(a, b *guildhall.Membership) bool {
	return a.PlanCode == b.PlanCode && a.JoinedAt.Equal(b.JoinedAt) && a.ExpiresAt.Equal(b.ExpiresAt) && timesEqual(a.CancelledAt, b.CancelledAt)
}

// Redirect finds the post that had path on a former site, if the viewer may see it: nil
// when there is none.
func (s *Service) Redirect(ctx context.Context, path string) (*guildhall.Redirect, error) {
	key, ok := guildhall.OldPath(path)
	if !ok {
		return nil, nil
	}
	p, ok := s.cat().PostByOldPath(guildhall.ViewerFrom(ctx), s.now(), key)
	if !ok {
		return nil, nil
	}
	return &guildhall.Redirect{To: guildhall.PostURL(s.opts.SiteURL, p.Slug), Status: 301}, nil
}

func sameEmail(a, b string) bool {
	na, errA := guildhall.NormalizeEmail(a)
	nb, errB := guildhall.NormalizeEmail(b)
	return errA == nil && errB == nil && na == nb
}
