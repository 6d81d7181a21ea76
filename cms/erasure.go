package cms

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/guildhall/guildhall"
	"github.com/guildhall/guildhall/catalog"
)

// A person's data: what is held about a member (ExportMemberData), and erasing it
// (EraseMember). Erasure removes the member from the current state and from every stored
// revision and change-log entry, a deliberate exception to the insert-only rule; every step
// is idempotent and the erasure is recorded before the first, so a retry after a crash
// part-way finishes it. Other instances learn of it from the change log: the member's
// tombstone, their posts' deletions or anonymised revisions, their revoked tokens and
// emptied accounts.

// formerMemberID is the placeholder member that anonymised posts are kept under.
var formerMemberID = guildhall.ImportID(guildhall.KindMember, time.Unix(0, 0), "guildhall:former-member")

// EraseMember erases a member: profile, contact details, membership history, accounts,
// sessions and tokens, and their posts (deleted, or kept under "Former member"). Only the
// record that an erasure happened stays, with no personal data. Only ADMIN erases.
func (s *Service) EraseMember(ctx context.Context, id string, posts guildhall.ErasePosts) (string, error) {
	v, err := require(ctx, guildhall.RoleAdmin)
	if err != nil {
		return "", err
	}
	if !posts.IsValid() {
		return "", &guildhall.Error{Code: guildhall.EINVALID, Message: "posts must be DELETE or ANONYMISE.", Fields: map[string]string{"posts": "must be DELETE or ANONYMISE"}}
	}
	if id == formerMemberID {
		return "", &guildhall.Error{Code: guildhall.EINVALID, Message: "The former-member placeholder is nobody's data.", Fields: map[string]string{"id": "is the former-member placeholder"}}
	}
	m, found := s.cat().Member(id)
	if !found {
		// A retry of an erasure that crashed after the member's tombstone finishes it.
		rec, err := s.store.erasure.FindErasure(ctx, id)
		if err != nil {
			return "", err
		}
		if rec == nil {
			return "", guildhall.NotFound("Member")
		}
	}
	now := s.now()
	rec, err := s.store.erasure.BeginErasure(ctx, guildhall.Erasure{MemberID: id, Posts: posts, At: now, By: v.Actor()})
	if err != nil {
		return "", err
	}
	if rec.Posts != posts {
		return "", &guildhall.Error{Code: guildhall.ECONFLICT, Message: fmt.Sprintf("This member's erasure was started with posts: %s; finish it with the same.", rec.Posts)}
	}
	texts := []string{id} // what deliveries' payloads may hold of them
	if found {
		texts = append(texts, m.Name)
		if m.Email != nil {
			texts = append(texts, *m.Email)
		}
	}
	keep := map[string]int{} // entity -> the version whose change-log entry stays
	if err := s.erasePosts(ctx, id, posts, v, keep); err != nil {
		return "", err
	}
	accounts, tokens := s.creds.Load().ofMember(id)
	for _, a := range accounts {
		if a.Email != "" {
			texts = append(texts, a.Email)
		}
		version, err := s.store.erasure.EraseAccount(ctx, a, v.Actor())
		if err != nil {
			return "", err
		}
		erased := &guildhall.Account{ID: a.ID, Version: version, Role: a.Role, CreatedAt: a.CreatedAt, UpdatedAt: now, DisabledAt: &now}
		s.creds.Load().putAccount(erased)
		keep[a.ID] = version
		if err := s.store.erasure.ReleaseClaims(ctx, a.ID); err != nil {
			return "", err
		}
	}
	for _, t := range tokens {
		version, err := s.eraseToken(ctx, t, v.Actor())
		if err != nil {
			return "", err
		}
		keep[t.ID] = version
	}
	if found && m.AvatarID != nil {
		if err := s.eraseAvatar(ctx, id, *m.AvatarID, v, keep); err != nil {
			return "", err
		}
	}
	if err := s.store.erasure.ForgetMembership(ctx, id); err != nil {
		return "", err
	}
	if err := s.store.erasure.ReleaseClaims(ctx, id); err != nil {
		return "", err
	}
	tomb, err := s.store.erasure.TombstoneMember(ctx, id, v.Actor())
	if err != nil {
		return "", err // ErrHistoryKept too: the older revisions must go, and a retry removes them
	}
	s.write(func(c *catalog.Catalog) { c.RemoveMember(id, tomb) })
	s.snapshotSoon() // the snapshot must not keep the person's data
	keep[id] = tomb
	if err := s.store.erasure.ForgetActor(ctx, id, guildhall.ErasedActor); err != nil {
		return "", err
	}
	if err := s.store.erasure.ForgetDeliveries(ctx, texts...); err != nil {
		return "", err
	}
	if err := s.store.erasure.ScrubChangeLog(ctx, keep); err != nil {
		return "", err
	}
	if err := s.store.members.RecordMembershipEvent(ctx, guildhall.MembershipEvent{
		ID: id + ":erased", MemberID: id, Kind: "erased", At: rec.At, Actor: rec.By,
	}); err != nil {
		return "", err
	}
	return id, s.store.erasure.FinishErasure(ctx, id, s.now())
}

// erasePosts deletes the member's posts, or keeps them under the former-member placeholder.
func (s *Service) erasePosts(ctx context.Context, id string, posts guildhall.ErasePosts, v *guildhall.Viewer, keep map[string]int) error {
	var former string
	if posts == guildhall.ErasePostsAnonymise {
		var err error
		if former, err = s.formerMember(ctx); err != nil {
			return err
		}
	}
	for _, p := range s.cat().PostsByAuthor(id) {
		if posts == guildhall.ErasePostsDelete {
			version := p.Version + 1
			if err := s.store.posts.DeletePost(ctx, p.ID, version, v.Actor()); err != nil {
				return err // ErrHistoryKept too: the history must go; a retry removes it
			}
			at := s.now()
			s.write(func(c *catalog.Catalog) { c.RemovePost(p.ID, version, at) })
			keep[p.ID] = version
			continue
		}
		next := s.nextRevision(p, v)
		next.AuthorID = former
		saved, err := s.savePost(ctx, next, nil)
		if err != nil {
			return err
		}
		keep[p.ID] = saved.Version
	}
	if posts == guildhall.ErasePostsAnonymise {
		// Also the revisions of posts a crashed attempt reassigned already.
		return s.store.erasure.ReassignAuthor(ctx, id, former)
	}
	return s.store.erasure.DeleteAuthoredHistory(ctx, id)
}

// eraseAvatar deletes the member's avatar (a picture of them, its alt text perhaps their
// name) with its history and original, unless a post, block or other member shows it too.
// It goes before the member's tombstone, so a retry still knows which asset it was. No
// ASSET_DELETED webhook is sent: its payload would carry what the erasure removes.
func (s *Service) eraseAvatar(ctx context.Context, memberID, assetID string, v *guildhall.Viewer, keep map[string]int) error {
	a, ok := s.cat().Asset(assetID)
	if !ok {
		return nil
	}
	if users := s.cat().AssetUsers(assetID); len(users) != 1 || users[0] != memberID {
		return nil // shown elsewhere: not only theirs
	}
	version, err := s.removeAsset(ctx, a, v.Actor())
	if err != nil {
		return err // ErrHistoryKept too: the history must go; a retry removes it
	}
	keep[assetID] = version
	return nil
}

// formerMember returns the placeholder member anonymised posts are kept under, made the
// first time it is needed.
func (s *Service) formerMember(ctx context.Context) (string, error) {
	if _, ok := s.cat().Member(formerMemberID); ok {
		return formerMemberID, nil
	}
	now := s.now()
	m := &guildhall.Member{ID: formerMemberID, Version: 1, Slug: "former-member", Name: guildhall.FormerMemberName,
		SortName: guildhall.FormerMemberName, CreatedAt: now, UpdatedAt: now}
	slug, err := s.claimFreeSlug(ctx, guildhall.ClaimMemberSlug, "former-member", "member", m.ID, s.cat().MemberSlugOwner)
	if err != nil {
		return "", err
	}
	m.Slug = slug
	if err := s.store.members.SaveMember(ctx, m, "guildhall"); err != nil {
		if guildhall.ErrorCode(err) != guildhall.ECONFLICT {
			return "", err
		}
		if m, err = s.store.members.FindMember(ctx, formerMemberID); err != nil || m == nil {
			return "", errors.Join(err, errors.New("the former-member placeholder vanished"))
		}
	}
	s.write(func(c *catalog.Catalog) { c.PutMember(m) })
	return formerMemberID, nil
}

// eraseToken revokes a token of the erased member under a name that says nothing, and
// removes its older revisions (whose name may have).
func (s *Service) eraseToken(ctx context.Context, t *guildhall.Token, by string) (int, error) {
	next := *t
	if t.Name != "erased" || t.RevokedAt == nil {
		next.Version++
		now := s.now()
		if next.RevokedAt == nil {
			next.RevokedAt = &now
		}
		next.Name = "erased"
		if err := s.store.credentials.SaveToken(ctx, &next, by); err != nil {
			return 0, err
		}
		s.creds.Load().putToken(&next)
	}
	return next.Version, s.store.erasure.ForgetTokenHistory(ctx, t.ID, next.Version)
}

// memberData is what ExportMemberData answers, as JSON.
type memberData struct {
	ExportedAt time.Time             `json:"exportedAt"`
	Profile    memberProfile         `json:"profile"`
	Membership *membershipData       `json:"membership"`
	Events     []membershipEventData `json:"membershipEvents"`
	History    []memberProfile       `json:"profileHistory"`
	Accounts   []accountData         `json:"accounts"`
	Tokens     []tokenData           `json:"tokens"`
	Posts      []postData            `json:"posts"`
	Summary    map[string]int        `json:"summary"`
}

type membershipEventData struct {
	ID               string     `json:"id"`
	Kind             string     `json:"kind"`
	At               time.Time  `json:"at"`
	Plan             string     `json:"plan"`
	PreviousExpiry   *time.Time `json:"previousExpiry"`
	NewExpiry        *time.Time `json:"newExpiry"`
	PaymentReference *string    `json:"paymentReference"`
	Reason           *string    `json:"reason"`
}

type renewalData struct {
	ID                string    `json:"id"`
	Plan              string    `json:"plan"`
	RenewedAt         time.Time `json:"renewedAt"`
	PreviousExpiresAt time.Time `json:"previousExpiresAt"`
	NewExpiresAt      time.Time `json:"newExpiresAt"`
	PaymentReference  *string   `json:"paymentReference"`
}

type memberProfile struct {
	ID          string    `json:"id"`
	Version     int       `json:"version"`
	Slug        string    `json:"slug"`
	Name        string    `json:"name"`
	SortName    string    `json:"sortName"`
	Credentials *string   `json:"credentials"`
	Bio         *string   `json:"bio"`
	AvatarURL   *string   `json:"avatarUrl"`
	AvatarID    *string   `json:"avatarId,omitempty"`
	Email       *string   `json:"email"`
	Phone       *string   `json:"phone"`
	CreatedAt   time.Time `json:"createdAt"`
	SavedAt     time.Time `json:"savedAt"`
}

type membershipData struct {
	Plan        string        `json:"plan"`
	Status      string        `json:"status"`
	JoinedAt    time.Time     `json:"joinedAt"`
	ExpiresAt   time.Time     `json:"expiresAt"`
	CancelledAt *time.Time    `json:"cancelledAt"`
	Renewals    []renewalData `json:"renewals"`
}

type accountData struct {
	ID         string     `json:"id"`
	Email      string     `json:"email"`
	Role       string     `json:"role"`
	CreatedAt  time.Time  `json:"createdAt"`
	DisabledAt *time.Time `json:"disabledAt"`
}

type tokenData struct {
	ID        string     `json:"id"`
	Kind      string     `json:"kind"`
	Name      string     `json:"name"`
	Role      string     `json:"role"`
	Scopes    []string   `json:"scopes"`
	CreatedAt time.Time  `json:"createdAt"`
	ExpiresAt *time.Time `json:"expiresAt"`
	RevokedAt *time.Time `json:"revokedAt"`
}

type postData struct {
	ID          string     `json:"id"`
	Title       string     `json:"title"`
	Slug        string     `json:"slug"`
	Status      string     `json:"status"`
	Visibility  string     `json:"visibility"`
	Tags        []string   `json:"tags"`
	PublishedAt *time.Time `json:"publishedAt"`
	CreatedAt   time.Time  `json:"createdAt"`
	UpdatedAt   time.Time  `json:"updatedAt"`
	Revisions   int        `json:"revisions"`
	Body        string     `json:"body"`
}

func profileOf(m *guildhall.Member) memberProfile {
	p := memberProfile{ID: m.ID, Version: m.Version, Slug: m.Slug, Name: m.Name, SortName: m.SortName, Credentials: m.Credentials,
		AvatarURL: m.AvatarURL, AvatarID: m.AvatarID, Email: m.Email, Phone: m.Phone, CreatedAt: m.CreatedAt, SavedAt: m.UpdatedAt}
	if m.Bio != nil {
		html := m.Bio.HTML()
		p.Bio = &html
	}
	return p
}

// ExportMemberData answers a member's request for their data: one JSON document of
// everything held about them (profile and its history, contact details, membership and its
// events, accounts without their password hashes, tokens without their secrets, posts with
// their bodies). Only ADMIN asks, on the member's behalf.
func (s *Service) ExportMemberData(ctx context.Context, id string) (string, error) {
	if _, err := require(ctx, guildhall.RoleAdmin); err != nil {
		return "", err
	}
	m, ok := s.cat().Member(id)
	if !ok {
		return "", guildhall.NotFound("Member")
	}
	d := memberData{ExportedAt: s.now(), Profile: profileOf(m), Events: []membershipEventData{},
		History: []memberProfile{}, Accounts: []accountData{}, Tokens: []tokenData{}, Posts: []postData{}}
	if ms := m.Membership; ms != nil {
		d.Membership = &membershipData{Plan: ms.PlanCode, Status: string(ms.StatusAt(s.now(), s.opts.GracePeriod)), JoinedAt: ms.JoinedAt,
			ExpiresAt: ms.ExpiresAt, CancelledAt: ms.CancelledAt, Renewals: []renewalData{}}
		for _, r := range ms.Renewals {
			d.Membership.Renewals = append(d.Membership.Renewals, renewalData{ID: r.ID, Plan: r.PlanCode, RenewedAt: r.RenewedAt,
				PreviousExpiresAt: r.PreviousExpiresAt, NewExpiresAt: r.NewExpiresAt, PaymentReference: r.PaymentReference})
		}
	}
	events, err := s.store.members.MembershipEvents(ctx, id)
	if err != nil {
		return "", err
	}
	for _, e := range events {
		d.Events = append(d.Events, membershipEventData{ID: e.ID, Kind: e.Kind, At: e.At, Plan: e.PlanCode, PreviousExpiry: e.PreviousExpiry,
			NewExpiry: e.NewExpiry, PaymentReference: e.PaymentReference, Reason: e.Reason})
	}
	history, err := s.store.erasure.MemberRevisions(ctx, id)
	if err != nil {
		return "", err
	}
	for _, h := range history {
		d.History = append(d.History, profileOf(h))
	}
	accounts, tokens := s.creds.Load().ofMember(id)
	for _, a := range accounts {
		d.Accounts = append(d.Accounts, accountData{ID: a.ID, Email: a.Email, Role: string(a.Role), CreatedAt: a.CreatedAt, DisabledAt: a.DisabledAt})
	}
	for _, t := range tokens {
		d.Tokens = append(d.Tokens, tokenData{ID: t.ID, Kind: string(t.Kind), Name: t.Name, Role: string(t.Role), Scopes: t.Scopes,
			CreatedAt: t.CreatedAt, ExpiresAt: t.ExpiresAt, RevokedAt: t.RevokedAt})
	}
	for _, p := range s.cat().PostsByAuthor(id) {
		d.Posts = append(d.Posts, postData{ID: p.ID, Title: p.Title, Slug: p.Slug, Status: string(p.StatusAt(s.now())), Visibility: string(p.Visibility),
			Tags: p.Tags, PublishedAt: p.PublishedAt, CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt,
			Revisions: len(s.cat().Revisions(p.ID, p.Version)), Body: p.Body.HTML()})
	}
	d.Summary = map[string]int{"membershipEvents": len(d.Events), "profileRevisions": len(d.History), "accounts": len(d.Accounts),
		"tokens": len(d.Tokens), "posts": len(d.Posts)}
	b, err := json.MarshalIndent(d, "", "  ")
	return string(b), err
}
