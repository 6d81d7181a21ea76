package guildhall

import "time"

// ErasePosts says what erasing a member does to the posts they wrote.
type ErasePosts string

// The choices for a member's posts.
const (
	// ErasePostsDelete deletes them with their history.
	ErasePostsDelete ErasePosts = "DELETE"
	// ErasePostsAnonymise keeps them, under the "Former member" placeholder.
	ErasePostsAnonymise ErasePosts = "ANONYMISE"
)

// IsValid reports whether e is one of the choices.
func (e ErasePosts) IsValid() bool { return e == ErasePostsDelete || e == ErasePostsAnonymise }

// FormerMemberName is the name of the member that anonymised posts are kept under.
const FormerMemberName = "Former member"

// ErasedActor replaces an erased member wherever they were named as who saved something.
const ErasedActor = "erased-member"

// Erasure is the record that a member was erased: the audit entry that stays, with no
// personal data (the member ID is an opaque identifier). It is written before the first step,
// so that a retry finds it and finishes the erasure the same way.
type Erasure struct {
	MemberID   string
	Posts      ErasePosts
	At         time.Time
	By         string
	FinishedAt *time.Time
}
