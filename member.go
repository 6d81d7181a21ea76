package guildhall

import "time"

// Member is a person with a public profile and, usually, a membership.
type Member struct {
	ID          string
	Version     int
	Slug        string
	Name        string
	SortName    string // "Family, Given": directory order and A-Z grouping
	Credentials *string
	Bio         *RichText
	AvatarURL   *string
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

// GraceEndsAt is the moment the membership lapses if it is not renewed.
func (m *Membership) GraceEndsAt(grace time.Duration) time.Time {
	return m.ExpiresAt.Add(grace)
}

// StatusAt derives the status at now: the one rule every path (fields, filters, access
// checks) uses, so they never disagree.
func (m *Membership) StatusAt(now time.Time, grace time.Duration) MembershipStatus {
	switch {
	case m.CancelledAt != nil && !now.Before(*m.CancelledAt):
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
	Email       *string
	Phone       *string
}
