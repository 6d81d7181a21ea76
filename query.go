package guildhall

import "time"

// Page sizes for every list, as the API contract fixes them.
const (
	DefaultPageSize = 20
	MaxPageSize     = 100
)

// PageSize checks a requested page size: nil means the default; more than MaxPageSize is an
// error, never a silent clamp.
func PageSize(first *int) (int, error) {
	if first == nil {
		return DefaultPageSize, nil
	}
	switch n := *first; {
	case n < 0:
		return 0, &Error{Code: EINVALID, Message: "first must not be negative.", Fields: map[string]string{"first": "must be between 0 and 100"}}
	case n > MaxPageSize:
		return 0, &Error{Code: EINVALID, Message: "first must be at most 100.", Fields: map[string]string{"first": "must be between 0 and 100"}}
	default:
		return n, nil
	}
}

// InvalidCursor is the error for an after cursor that did not come from the list it is given
// to: malformed, of another list or ordering, or naming nothing the list holds.
func InvalidCursor() *Error {
	return &Error{Code: EINVALID, Message: "The cursor is not valid for this list.",
		Fields: map[string]string{"after": "not a cursor from this list and ordering"}}
}

// Page is one page of a list, in the shape of a Relay connection.
type Page[T any] struct {
	Items []T
	// Cursor returns the cursor after Items[i]. It is encoded only when asked for: most
	// reads of a page (a home page's newest posts) never look at the cursors.
	Cursor      func(i int) string
	HasNextPage bool
	// HasPreviousPage is true when the page started after a cursor.
	HasPreviousPage bool
	// Total counts every item the query matches, across pages. It is computed only when asked
	// for, since most clients never do.
	Total func() int
}

// PostOrderField is what posts are sorted by.
type PostOrderField string

// The post orderings.
const (
	OrderPublishedAt PostOrderField = "PUBLISHED_AT"
	OrderUpdatedAt   PostOrderField = "UPDATED_AT"
	OrderTitle       PostOrderField = "TITLE"
	// OrderRelevance ranks posts by how well they match filter.search, then newest first. It
	// is the default order when a search is given, and needs one.
	OrderRelevance PostOrderField = "RELEVANCE"
)

// IsValid reports whether f is one of the defined orderings.
func (f PostOrderField) IsValid() bool {
	return f == OrderPublishedAt || f == OrderUpdatedAt || f == OrderTitle || f == OrderRelevance
}

// OrderDirection is ascending or descending.
type OrderDirection string

// The directions.
const (
	Asc  OrderDirection = "ASC"
	Desc OrderDirection = "DESC"
)

// IsValid reports whether d is ASC or DESC.
func (d OrderDirection) IsValid() bool { return d == Asc || d == Desc }

// PostQuery selects posts. Without Status only published posts are listed, for every
// caller; staff (and authors, for their own posts) may ask for other statuses.
type PostQuery struct {
	First           int
	After           string
	AuthorSlug      string
	AuthorID        string
	Tag             string
	Search          string
	Status          PostStatus
	Visibility      Visibility
	PublishedAfter  *time.Time
	PublishedBefore *time.Time
	// AwaitingReview, when set, keeps the posts that wait for an editor (true) or the others
	// (false), in any status unless Status says one: IN_REVIEW posts, and live or scheduled
	// posts whose pending changes are submitted (as far as the viewer may see them).
	AwaitingReview *bool
	OrderBy        PostOrderField
	Direction      OrderDirection
}

// MemberQuery selects members; they are always ordered by sort name.
type MemberQuery struct {
	First             int
	After             string
	NameStartsWith    string
	Initial           string // a directory group: "A".."Z" or "#", by sort name
	Search            string
	HasPublishedPosts *bool
	Status            MembershipStatus
}

// DirectoryLetter is one group of the A-Z member directory.
type DirectoryLetter struct {
	Letter string // "A".."Z", or "#" for names that start with anything else
	Count  int
}

// Node is anything that has a global ID.
type Node interface{ IsNode() }

// PostFilter narrows a post list; nil fields do not filter.
type PostFilter struct {
	AuthorSlug      *string
	Tag             *string
	Search          *string
	Status          *PostStatus
	Visibility      *Visibility
	PublishedAfter  *time.Time
	PublishedBefore *time.Time
	AwaitingReview  *bool
}

// PostOrder sorts a post list.
type PostOrder struct {
	Field     PostOrderField
	Direction OrderDirection
}

// MemberFilter narrows a member list; nil fields do not filter.
type MemberFilter struct {
	NameStartsWith *string
	// Initial lists one group of the member directory: "A".."Z", or "#" for the rest, by sort
	// name, exactly as memberDirectory counts them.
	Initial           *string
	Search            *string
	HasPublishedPosts *bool
	Status            *MembershipStatus
}
