package guildhall

import "time"

// Member limits, checked on every write.
const (
	MaxNameLength = 200 // a name and a sort name, in characters
	MaxBioBytes   = 16 << 10
)

// Member is a person with a public profile and, usually, a membership.
type Member struct {
	ID          string
	Version     int
	Slug        string
	Name        string
	SortName    string // "Family, Given": directory order and A-Z grouping
	Credentials *string
	Bio         *RichText
	// AvatarURL is a picture elsewhere on the web (deprecated: AvatarID names an uploaded one).
	AvatarURL *string
	// AvatarID is the asset of the member's picture, if any; it wins over AvatarURL.
	AvatarID *string
	// Email and Phone are contact details: only the member, EDITOR and ADMIN may read them.
	Email *string
	Phone *string
	// Membership is nil for people who never joined (guest authors, staff).
	Membership *Membership
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// IsNode marks Member as a GraphQL Node.
func (*Member) IsNode() {}

// Membership is a member's standing: the plan, when it began and until when it runs. Its
// status is derived from the clock (see StatusAt); only cancellation is stored.
type Membership struct {
	PlanCode    string
	JoinedAt    time.Time
	ExpiresAt   time.Time
	CancelledAt *time.Time
	// Renewals is the history, oldest first.
	Renewals []*Renewal
}

// MembershipStatus is where a membership stands at a moment.
type MembershipStatus string

// The membership statuses. ACTIVE until expiry, GRACE until the grace period ends, then
// LAPSED; CANCELLED only by an explicit cancellation.
const (
	MembershipActive    MembershipStatus = "ACTIVE"
	MembershipGrace     MembershipStatus = "GRACE"
	MembershipLapsed    MembershipStatus = "LAPSED"
	MembershipCancelled MembershipStatus = "CANCELLED"
)

// IsValid reports whether s is one of the defined statuses.
func (s MembershipStatus) IsValid() bool {
	switch s {
	case MembershipActive, MembershipGrace, MembershipLapsed, MembershipCancelled:
		return true
	}
	return false
}

// DefaultGracePeriod is how long a membership stays in GRACE after it expires.
const DefaultGracePeriod = 30 * 24 * time.Hour

// DefaultExpiryNotice is how long before a membership expires MEMBERSHIP_EXPIRING is sent.
const DefaultExpiryNotice = 30 * 24 * time.Hour

// GraceEndsAt is the moment the membership lapses if it is not renewed.
func (m *Membership) GraceEndsAt(grace time.Duration) time.Time {
	return m.ExpiresAt.Add(grace)
}

// StatusAt derives the status at now: the one rule every path (fields, filters, access
// checks) uses, so they never disagree.
func (m *Membership) StatusAt(now time.Time, grace time.Duration) MembershipStatus {
	switch {
	case m.CancelledAt != nil: // cancelling takes effect at once; a renewal clears it
		return MembershipCancelled
	case now.Before(m.ExpiresAt):
		return MembershipActive
	case now.Before(m.GraceEndsAt(grace)):
		return MembershipGrace
	default:
		return MembershipLapsed
	}
}

// InGoodStanding reports whether the membership entitles its member to members-only content.
func (m *Membership) InGoodStanding(now time.Time, grace time.Duration) bool {
	s := m.StatusAt(now, grace)
	return s == MembershipActive || s == MembershipGrace
}

// MembershipPlan is a kind of membership and its term.
type MembershipPlan struct {
	Code       string
	Name       string
	TermMonths int
}

// DefaultPlans are seeded into an empty database.
var DefaultPlans = []MembershipPlan{
	{Code: "professional", Name: "Professional", TermMonths: 12},
	{Code: "student", Name: "Student", TermMonths: 12},
	{Code: "retired", Name: "Retired", TermMonths: 12},
}

// Renewal is one extension of a membership.
type Renewal struct {
	ID                string
	PlanCode          string
	RenewedAt         time.Time
	PreviousExpiresAt time.Time
	NewExpiresAt      time.Time
	IdempotencyKey    string
	PaymentReference  *string
	RenewedBy         string // the token or member that asked
}

// IsNode marks Renewal as a GraphQL Node.
func (*Renewal) IsNode() {}

// UpdateMemberProfileInput changes a member's public profile and contact details; nil fields
// stay as they are, and an empty string clears an optional field.
type UpdateMemberProfileInput struct {
	ID          string
	Name        *string
	SortName    *string
	Credentials *string
	Bio         *string // editor HTML, sanitised on write
	AvatarURL   *string
	AvatarID    *string // nil: unchanged; "": none
	Email       *string
	Phone       *string
	// TakeEmail (ADMIN only) moves Email from the member who has it, instead of refusing it.
	TakeEmail *bool
}

// AddMonths adds whole months to t, clamping to the end of the month: a term that starts on
// 31 January ends on the last day of February, not in March.
func AddMonths(t time.Time, months int) time.Time {
	y, m, d := t.Date()
	first := time.Date(y, m+time.Month(months), 1, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), t.Location())
	last := first.AddDate(0, 1, -1).Day()
	return first.AddDate(0, 0, min(d, last)-1)
}

// RenewalTerm is where a renewal at now takes a membership: a membership in good standing
// is extended from its current expiry (renewing early loses nothing); one that has lapsed or
// was cancelled, or never existed, restarts from now.
func RenewalTerm(m *Membership, plan MembershipPlan, now time.Time, grace time.Duration) (from, to time.Time) {
	from = now
	if m != nil && m.InGoodStanding(now, grace) && m.ExpiresAt.After(now) {
		from = m.ExpiresAt
	}
	return from, AddMonths(from, plan.TermMonths)
}

// JoinMembershipInput is a new member from a checkout.
type JoinMembershipInput struct {
	Name             string
	Email            string
	Phone            *string
	Plan             string
	IdempotencyKey   string
	PaymentReference *string
}

// RenewMembershipInput is a renewal from a checkout.
type RenewMembershipInput struct {
	MemberID         string
	Plan             string
	IdempotencyKey   string
	PaymentReference *string
}

// MembershipEvent is one entry of the membership audit trail.
type MembershipEvent struct {
	ID               string
	MemberID         string
	Kind             string // "joined", "renewed", "cancelled"
	At               time.Time
	Actor            string // the member or token that made the change
	PlanCode         string
	PreviousExpiry   *time.Time
	NewExpiry        *time.Time
	PaymentReference *string
	IdempotencyKey   string
	Reason           *string
}

// GlobalID is the event's ID as the API shows it: unique across every kind of object (the
// stored ID of a renewal's event is the renewal's own), so a client cache keyed by ID alone
// keeps the two apart.
func (e *MembershipEvent) GlobalID() string { return DerivedID(KindMembershipEvent, e.At, e.ID) }
