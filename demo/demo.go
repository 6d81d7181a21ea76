// Package demo holds the demo content a new Guildhall installation shows on first start: the
// members, related-info blocks and blog posts of a fictional professional association, the
// Northfield Society of Counsellors and Therapists
// (https://northfield.example).
//
// It is plain data with no storage code. Dates are placed relative to a moment passed to New,
// so that memberships come out active, in grace or lapsed, and a few posts are scheduled, no
// matter when the demo is loaded. The same moment always gives the same data.
package demo

import (
	"time"

	"github.com/guildhall/guildhall"
)

// Dataset is the demo content, relative to a moment so memberships come out active, in grace or lapsed.
type Dataset struct {
	Members []Member
	Blocks  []Block
	Posts   []Post
}

// Member is a person with a public profile and, unless Plan is empty, a membership.
type Member struct {
	Slug        string // unique, a-z0-9- only, e.g. "christian-billington"
	Name        string // "Christian Billington"
	SortName    string // "Billington, Christian"; family-name particles stay with the family name: "van der Berg, Ruth"
	Credentials string // may be ""
	BioHTML     string // a short bio in HTML
	Email       string
	Phone       string
	AvatarURL   string // may be ""; otherwise https://example.org/avatars/<slug>.jpg
	Plan        string // "professional", "student" or "retired"; "" for a person with no membership
	JoinedAt    time.Time
	ExpiresAt   time.Time
	Cancelled   bool
	Renewals    []Renewal // oldest first; each extends the membership by 12 months
}

// Renewal is one 12-month extension of a membership.
type Renewal struct {
	RenewedAt         time.Time
	PreviousExpiresAt time.Time
	NewExpiresAt      time.Time
	PaymentReference  string // e.g. "pay_2024_000123"
}

// Block is a related-info block; which fields are set depends on Kind.
type Block struct {
	Key                                     string // stable key posts refer to, e.g. "contact-events"
	Kind                                    guildhall.BlockKind
	Title                                   string
	ContactName, ContactTitle, Email, Phone string                 // CONTACT
	Links                                   []guildhall.Link       // LINKS
	BodyHTML                                string                 // RICH_TEXT
	Label, URL                              string                 // CALL_TO_ACTION
	Action                                  guildhall.CallToAction // CALL_TO_ACTION
}

// Post is a member's blog post.
type Post struct {
	Slug        string // unique, a-z0-9-, at most 100 characters
	Title       string
	AuthorSlug  string // a Member.Slug
	BodyHTML    string
	Tags        []string // lower-case, hyphenated, 1-5 per post
	Visibility  guildhall.Visibility
	Status      guildhall.PostStatus // DRAFT, PUBLISHED or ARCHIVED
	PublishedAt time.Time            // zero for drafts; in the future for scheduled posts
	BlockKeys   []string             // block keys, in display order
}

// New returns the dataset with dates placed relative to now. Deterministic: the same now gives the same data.
func New(now time.Time) *Dataset {
	now = now.UTC()
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	return &Dataset{
		Members: buildMembers(today),
		Blocks:  buildBlocks(),
		Posts:   buildPosts(today),
	}
}

// clock returns a time of day between 07:00 and 17:59, varying with i, so that dates do not
// all fall on midnight.
func clock(i int) time.Duration {
	return 7*time.Hour + time.Duration((i*97+31)%660)*time.Minute
}

// cloneStrings copies s so that callers cannot change the package's specs through a Dataset.
func cloneStrings(s []string) []string {
	if s == nil {
		return nil
	}
	return append([]string(nil), s...)
}
