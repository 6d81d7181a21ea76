package cms

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/guildhall/guildhall"
	"github.com/guildhall/guildhall/catalog"
)

// Membership changes arrive from a checkout after payment. They must never be applied twice
// (a free year) and never be lost (a paid renewal missing). The steps, each safe to repeat:
//
//  1. Claim the idempotency key: insert a record of the request's fingerprint and the IDs
//     its outcome will have. A retry finds the record and carries on with the same IDs; the
//     same key with another payload is CONFLICT.
//  2. Apply: insert the member's next revision, holding the change (the renewal, with its
//     pre-chosen ID, in the history). The unique revision _id serialises every change to one
//     member, across instances; a change whose renewal is already in the history is done.
//  3. Record the audit event, keyed by the change's ID (a repeat is a no-op).
//
// A process killed between any two steps leaves a state from which the retry with the same
// key completes the change exactly once. Failpoint (tests only) simulates such a kill.

// Steps of a membership change, for Options.Failpoint.
const (
	StepClaimed = "claimed"
	StepApplied = "applied"
	StepAudited = "audited"
)

// memberLocks serialises membership changes to one member within this instance, so that
// racing requests queue instead of colliding on the revision insert; across instances the
// insert still decides.
type memberLocks [64]sync.Mutex

func (l *memberLocks) lock(memberID string) func() {
	h := fnv.New32a()
	h.Write([]byte(memberID))
	m := &l[h.Sum32()%uint32(len(l))]
	m.Lock()
	return m.Unlock
}

// mayChangeMemberships is ADMIN or a token with the membership scope.
func mayChangeMemberships(ctx context.Context) (*guildhall.Viewer, error) {
	v := guildhall.ViewerFrom(ctx)
	if v.ManagesMemberships() {
		return v, nil
	}
	if v.Role == guildhall.RoleAnonymous {
		return nil, guildhall.Errorf(guildhall.EUNAUTHORIZED, "Sign in to do this.")
	}
	return nil, guildhall.Errorf(guildhall.EFORBIDDEN, "Only ADMIN and the membership service change memberships.")
}

// fingerprint identifies a request's payload, to tell a retry from a reuse of its key.
func fingerprint(v any) string {
	b, _ := json.Marshal(v)
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

func (s *Service) failpoint(step string) error {
	if s.opts.Failpoint != nil {
		return s.opts.Failpoint(step)
	}
	return nil
}

func checkKey(key string, problems guildhall.Problems) {
	if key == "" || len(key) > guildhall.MaxIdempotencyKeyLength || strings.ContainsFunc(key, unicode.IsControl) {
		problems.Add("idempotencyKey", "must be 1 to %d characters", guildhall.MaxIdempotencyKeyLength)
	}
}

// RenewMembership extends a member's membership by the plan's term, exactly once per
// idempotency key.
func (s *Service) RenewMembership(ctx context.Context, in guildhall.RenewMembershipInput) (*guildhall.Renewal, error) {
	v, err := mayChangeMemberships(ctx)
	if err != nil {
		return nil, err
	}
	problems := guildhall.Problems{}
	checkKey(in.IdempotencyKey, problems)
	plan, ok := s.cat().Plan(in.Plan)
	if !ok {
		problems.Add("plan", "no such plan")
	}
	if _, err := s.memberForWrite(ctx, in.MemberID); guildhall.ErrorCode(err) == guildhall.ENOTFOUND {
		problems.Add("memberId", "no such member")
	} else if err != nil {
		return nil, err
	}
	if err := problems.Err(); err != nil {
		return nil, err
	}
	now := s.now()
	intent, _, err := s.store.members.ClaimIntent(ctx, guildhall.Intent{
		Key: "renew:" + in.IdempotencyKey, Payload: fingerprint([]any{in.MemberID, in.Plan, in.PaymentReference}),
		MemberID: in.MemberID, OutcomeID: guildhall.NewID(guildhall.KindRenewal, now), At: now,
	})
	if err != nil {
		return nil, err
	}
	if intent.Payload != fingerprint([]any{in.MemberID, in.Plan, in.PaymentReference}) {
		return nil, &guildhall.Error{Code: guildhall.ECONFLICT, Message: "This idempotency key was used for a different renewal.",
			Fields: map[string]string{"idempotencyKey": "already used with another member, plan or payment reference"}}
	}
	if err := s.failpoint(StepClaimed); err != nil {
		return nil, err
	}
	var renewal *guildhall.Renewal
	m, err := s.changeMember(ctx, in.MemberID, v, func(m *guildhall.Member, now time.Time) bool {
		if m.Membership != nil {
			if i := slices.IndexFunc(m.Membership.Renewals, func(r *guildhall.Renewal) bool { return r.ID == intent.OutcomeID }); i >= 0 {
				renewal = m.Membership.Renewals[i]
				return false // applied before: by this request's earlier attempt, or a racer
			}
		}
		_, to := guildhall.RenewalTerm(m.Membership, plan, now, s.opts.GracePeriod)
		ms := &guildhall.Membership{PlanCode: plan.Code, JoinedAt: now}
		previous := now
		if m.Membership != nil {
			copied := *m.Membership
			ms = &copied
			ms.Renewals = slices.Clone(ms.Renewals)
			previous = ms.ExpiresAt
			if ms.CancelledAt != nil {
				ms.CancelledAt = nil // a renewal after a cancellation reactivates
			}
		}
		ms.PlanCode, ms.ExpiresAt = plan.Code, to
		renewal = &guildhall.Renewal{ID: intent.OutcomeID, PlanCode: plan.Code, RenewedAt: now, PreviousExpiresAt: previous,
			NewExpiresAt: to, IdempotencyKey: in.IdempotencyKey, PaymentReference: in.PaymentReference, RenewedBy: v.Actor()}
		ms.Renewals = append(ms.Renewals, renewal)
		m.Membership = ms
		return true
	})
	if err != nil {
		return nil, err
	}
	if err := s.failpoint(StepApplied); err != nil {
		return nil, err
	}
	prev, next := renewal.PreviousExpiresAt, renewal.NewExpiresAt
	if err := s.store.members.RecordMembershipEvent(ctx, guildhall.MembershipEvent{
		ID: renewal.ID, MemberID: m.ID, Kind: "renewed", At: renewal.RenewedAt, Actor: renewal.RenewedBy, PlanCode: renewal.PlanCode,
		PreviousExpiry: &prev, NewExpiry: &next, PaymentReference: renewal.PaymentReference, IdempotencyKey: renewal.IdempotencyKey,
	}); err != nil {
		return nil, err
	}
	if err := s.failpoint(StepAudited); err != nil {
		return nil, err
	}
	s.emit(ctx, Event{Type: guildhall.EventMemberRenewed, Member: m, Renewal: renewal,
		Key: "renewal:" + renewal.IdempotencyKey, Occurred: renewal.RenewedAt})
	return renewal, nil
}

// changeMember applies change to the newest state of a member and stores it as the next
// revision, retrying on a concurrent change. change reports whether there is anything to
// store (false: already applied).
func (s *Service) changeMember(ctx context.Context, id string, v *guildhall.Viewer, change func(m *guildhall.Member, now time.Time) bool) (*guildhall.Member, error) {
	defer s.locks.lock(id)()
	cur, err := s.memberForWrite(ctx, id)
	if err != nil {
		return nil, err
	}
	for attempt := 0; ; attempt++ {
		m := *cur
		// Each change of a member happens strictly after the one before, so its history
		// has an order even when the clock stands still (tests) or steps back.
		now := s.now()
		if !now.After(cur.UpdatedAt) {
			now = cur.UpdatedAt.Add(time.Millisecond)
		}
		if !change(&m, now) {
			return cur, nil
		}
		m.Version, m.UpdatedAt = cur.Version+1, now
		err := s.store.members.SaveMember(ctx, &m, v.Actor())
		if err == nil {
			s.write(func(c *catalog.Catalog) { c.PutMember(&m) })
			return &m, nil
		}
		if guildhall.ErrorCode(err) != guildhall.ECONFLICT || attempt >= 20 {
			return nil, err
		}
		// Another instance changed the member: start again from what it wrote.
		latest, ferr := s.store.members.FindMember(ctx, id)
		if ferr != nil {
			return nil, ferr
		}
		if latest == nil {
			return nil, guildhall.NotFound("Member")
		}
		s.write(func(c *catalog.Catalog) { c.PutMember(latest) })
		cur = latest
	}
}

// memberForWrite returns a member for a write: from the catalog, or, for a member another
// instance made moments ago that the change log has not brought here yet, from the database.
func (s *Service) memberForWrite(ctx context.Context, id string) (*guildhall.Member, error) {
	if m, ok := s.cat().Member(id); ok {
		return m, nil
	}
	if guildhall.KindOf(id) != guildhall.KindMember {
		return nil, guildhall.NotFound("Member")
	}
	m, err := s.store.members.FindMember(ctx, id)
	if err != nil {
		return nil, err
	}
	if m == nil {
		return nil, guildhall.NotFound("Member")
	}
	s.write(func(c *catalog.Catalog) { c.PutMember(m) })
	return m, nil
}

// CancelMembership cancels a member's membership now, keeping its history; a later renewal
// reactivates it. Cancelling a cancelled membership changes nothing.
func (s *Service) CancelMembership(ctx context.Context, memberID string, reason *string) (*guildhall.Member, error) {
	v, err := mayChangeMemberships(ctx)
	if err != nil {
		return nil, err
	}
	if reason != nil && utf8.RuneCountInString(*reason) > guildhall.MaxNoteLength {
		return nil, &guildhall.Error{Code: guildhall.EINVALID, Message: "The reason is too long.",
			Fields: map[string]string{"reason": fmt.Sprintf("at most %d characters", guildhall.MaxNoteLength)}}
	}
	var cancelledAt time.Time
	m, err := s.changeMember(ctx, memberID, v, func(m *guildhall.Member, now time.Time) bool {
		if m.Membership == nil || m.Membership.CancelledAt != nil {
			return false
		}
		ms := *m.Membership
		ms.CancelledAt, cancelledAt = &now, now
		m.Membership = &ms
		return true
	})
	if err != nil {
		return nil, err
	}
	if m.Membership == nil {
		return nil, &guildhall.Error{Code: guildhall.EINVALID, Message: "The member has no membership to cancel.",
			Fields: map[string]string{"memberId": "has no membership"}}
	}
	if !cancelledAt.IsZero() {
		err = s.store.members.RecordMembershipEvent(ctx, guildhall.MembershipEvent{
			ID: fmt.Sprintf("%s:cancel:%d", m.ID, m.Version), MemberID: m.ID, Kind: "cancelled", At: cancelledAt, Actor: v.Actor(),
			PlanCode: m.Membership.PlanCode, Reason: reason,
		})
		s.emit(ctx, Event{Type: guildhall.EventMemberCancelled, Member: m,
			Key: fmt.Sprintf("cancel:%s:%d", m.ID, m.Version), Occurred: cancelledAt})
	}
	return m, err
}

// JoinMembership creates a member with an ACTIVE membership from now, exactly once per
// idempotency key. An email that already belongs to a member is CONFLICT.
func (s *Service) JoinMembership(ctx context.Context, in guildhall.JoinMembershipInput) (*guildhall.Member, error) {
	v, err := mayChangeMemberships(ctx)
	if err != nil {
		return nil, err
	}
	problems := guildhall.Problems{}
	checkKey(in.IdempotencyKey, problems)
	name := checkName("name", in.Name, problems)
	email := strings.TrimSpace(in.Email)
	normal := checkEmail("email", email, problems)
	if in.Phone != nil && strings.TrimSpace(*in.Phone) != "" && !validPhone(*in.Phone) {
		problems.Add("phone", "is not a phone number")
	}
	plan, ok := s.cat().Plan(in.Plan)
	if !ok {
		problems.Add("plan", "no such plan")
	}
	if err := problems.Err(); err != nil {
		return nil, err
	}
	now := s.now()
	payload := fingerprint([]any{name, normal, in.Phone, in.Plan, in.PaymentReference})
	intent, _, err := s.store.members.ClaimIntent(ctx, guildhall.Intent{
		Key: "join:" + in.IdempotencyKey, Payload: payload, MemberID: guildhall.NewID(guildhall.KindMember, now), At: now,
	})
	if err != nil {
		return nil, err
	}
	if intent.Payload != payload {
		return nil, &guildhall.Error{Code: guildhall.ECONFLICT, Message: "This idempotency key was used for a different join.",
			Fields: map[string]string{"idempotencyKey": "already used with other details"}}
	}
	if err := s.failpoint(StepClaimed); err != nil {
		return nil, err
	}
	if m, ok := s.cat().Member(intent.MemberID); ok {
		return m, s.recordJoin(ctx, m, in, v) // joined before: a retry
	}
	if owner := s.cat().MemberIDByEmail(normal); owner != "" && owner != intent.MemberID {
		return nil, emailTaken()
	}
	if err := s.claimMemberEmail(ctx, normal, intent.MemberID); err != nil {
		if guildhall.ErrorCode(err) == guildhall.ECONFLICT {
			return nil, emailTaken()
		}
		return nil, err
	}
	at := intent.At // the join's time is the first attempt's, so a retry makes the same member
	m := &guildhall.Member{ID: intent.MemberID, Version: 1, Name: name, SortName: sortName(name), Email: &email,
		Phone: optional(strings.TrimSpace(deref(in.Phone))), CreatedAt: at, UpdatedAt: at,
		Membership: &guildhall.Membership{PlanCode: plan.Code, JoinedAt: at, ExpiresAt: guildhall.AddMonths(at, plan.TermMonths), Renewals: []*guildhall.Renewal{}},
	}
	if m.Slug, err = s.claimFreeSlug(ctx, guildhall.ClaimMemberSlug, m.Name, "member", m.ID, s.cat().MemberSlugOwner); err != nil {
		return nil, err
	}
	if err := s.store.members.SaveMember(ctx, m, v.Actor()); err != nil {
		if guildhall.ErrorCode(err) != guildhall.ECONFLICT {
			return nil, err
		}
		// A racer with the same key stored it first: the member exists, as it should.
		if m, err = s.store.members.FindMember(ctx, intent.MemberID); err != nil || m == nil {
			return nil, guildhall.Errorf(guildhall.EUNAVAILABLE, "The join is being processed; retry with the same key.")
		}
	}
	s.write(func(c *catalog.Catalog) { c.PutMember(m) })
	if err := s.failpoint(StepApplied); err != nil {
		return nil, err
	}
	return m, s.recordJoin(ctx, m, in, v)
}

func (s *Service) recordJoin(ctx context.Context, m *guildhall.Member, in guildhall.JoinMembershipInput, v *guildhall.Viewer) error {
	expires := m.Membership.ExpiresAt
	if err := s.store.members.RecordMembershipEvent(ctx, guildhall.MembershipEvent{
		ID: m.ID + ":joined", MemberID: m.ID, Kind: "joined", At: m.CreatedAt, Actor: v.Actor(), PlanCode: m.Membership.PlanCode,
		NewExpiry: &expires, PaymentReference: in.PaymentReference, IdempotencyKey: in.IdempotencyKey,
	}); err != nil {
		return err
	}
	s.emit(ctx, Event{Type: guildhall.EventMemberJoined, Member: m, Key: "join:" + in.IdempotencyKey, Occurred: m.CreatedAt})
	return nil
}

func emailTaken() error {
	return &guildhall.Error{Code: guildhall.ECONFLICT, Message: "A member with this email exists already.",
		Fields: map[string]string{"email": "belongs to an existing member"}}
}

// sortName guesses "Family, Given" from a name: the last word is the family name.
func sortName(name string) string {
	words := strings.Fields(name)
	if len(words) < 2 {
		return name
	}
	return words[len(words)-1] + ", " + strings.Join(words[:len(words)-1], " ")
}

// MembersExpiring lists members whose ACTIVE membership expires within the next days,
// soonest first: the list for reminder mailings.
func (s *Service) MembersExpiring(ctx context.Context, withinDays int, first *int, after *string) (*guildhall.Page[*guildhall.Member], error) {
	if _, err := mayChangeMemberships(ctx); err != nil {
		return nil, err
	}
	if withinDays < 0 || withinDays > 366 {
		return nil, &guildhall.Error{Code: guildhall.EINVALID, Message: "withinDays must be between 0 and 366.",
			Fields: map[string]string{"withinDays": "must be between 0 and 366"}}
	}
	n, err := guildhall.PageSize(first)
	if err != nil {
		return nil, err
	}
	now := s.now()
	list := s.cat().MembersExpiring(now, now.AddDate(0, 0, withinDays), s.opts.GracePeriod)
	return pageByID(list, n, deref(after), "expiring", func(m *guildhall.Member) string { return m.ID })
}

// MembershipEvents lists a member's membership audit trail, newest first.
func (s *Service) MembershipEvents(ctx context.Context, memberID string, first *int, after *string) (*guildhall.Page[*guildhall.MembershipEvent], error) {
	if _, err := mayChangeMemberships(ctx); err != nil {
		return nil, err
	}
	n, err := guildhall.PageSize(first)
	if err != nil {
		return nil, err
	}
	events, err := s.store.members.MembershipEvents(ctx, memberID)
	if err != nil {
		return nil, err
	}
	return pageByID(pointers(events), n, deref(after), "membership-events", func(e *guildhall.MembershipEvent) string { return e.ID })
}

func pointers[T any](items []T) []*T {
	out := make([]*T, len(items))
	for i := range items {
		out[i] = &items[i]
	}
	return out
}
