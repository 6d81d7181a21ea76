package guildhall

import "time"

// Post is a member's blog post as it stands at its latest revision.
//
// Posts are immutable values: a change makes a new *Post with Version+1, so a reader holding a
// pointer never sees a half-applied write.
type Post struct {
	ID      string
	Version int
	Slug    string
	// OldSlugs are slugs the post answered to before a rename; they keep resolving to it so
	// that links held by other sites keep working.
	OldSlugs []string
	// OldPaths are the paths the post had on a former site (an import's permalinks,
	// "/2014/01/spring-meeting/" and "/?p=101"), which redirect(path:) maps to it.
	OldPaths   []string
	Title      string
	Status     PostStatus // as stored: DRAFT, PUBLISHED or ARCHIVED; see StatusAt
	Visibility Visibility
	AuthorID   string
	Body       RichText
	Excerpt    string
	Tags       []string
	BlockIDs   []string
	// FeaturedImageID is the asset shown at the top of the post and in feeds, if any.
	FeaturedImageID *string
	// ImageIDs are the assets the body shows, found when it was saved: deleting one of them
	// is refused while the post uses it.
	ImageIDs []string
	// PublishedAt is when the post goes (or went) live; in the future it means scheduled.
	PublishedAt *time.Time
	CreatedAt   time.Time
	UpdatedAt   time.Time
	// UpdatedBy names who saved this revision (a member ID, or a token ID for staff tokens).
	UpdatedBy string
	// Previewed is set only on the copy of a post that a valid preview token returns: whoever
	// holds the token may read that value's body. Stored and cataloged posts never have it.
	Previewed bool
}

// IsNode marks Post as a GraphQL Node.
func (*Post) IsNode() {}

// StatusAt is the status readers see at now: a published post whose time has not come is
// SCHEDULED, and becomes PUBLISHED by the clock alone, with no job that must run on time.
func (p *Post) StatusAt(now time.Time) PostStatus {
	if p.Status == PostPublished && p.PublishedAt != nil && p.PublishedAt.After(now) {
		return PostScheduled
	}
	return p.Status
}

// IsLive reports whether the post is published and its time has come.
func (p *Post) IsLive(now time.Time) bool {
	return p.StatusAt(now) == PostPublished
}

// PostStatus is a post's place in the authoring workflow.
type PostStatus string

// The post statuses.
const (
	PostDraft     PostStatus = "DRAFT"
	PostScheduled PostStatus = "SCHEDULED"
	PostPublished PostStatus = "PUBLISHED"
	PostArchived  PostStatus = "ARCHIVED"
)

// IsValid reports whether s is one of the defined statuses.
func (s PostStatus) IsValid() bool {
	switch s {
	case PostDraft, PostScheduled, PostPublished, PostArchived:
		return true
	}
	return false
}

// Visibility says who may read a published post's body.
type Visibility string

// The visibilities. A MEMBERS post is listed for everyone as a teaser (title, excerpt,
// author); its body is only for members in good standing and staff.
const (
	VisibilityPublic  Visibility = "PUBLIC"
	VisibilityMembers Visibility = "MEMBERS"
)

// IsValid reports whether v is one of the defined visibilities.
func (v Visibility) IsValid() bool {
	return v == VisibilityPublic || v == VisibilityMembers
}

// RichText is sanitised HTML with the plain text derived from it. How a long text is held
// is not the domain's business: the layers that store and hold content (internal/packtext)
// may hand in a PackedText, which is unpacked each time the text is read. Bodies are most of
// the content's memory, and most reads never look at them.
type RichText struct {
	WordCount int
	// Either html and text, or packed (both, in the form the storage layer chose).
	html, text string
	packed     PackedText
}

// PackedText is a rich text held in a compact form (internal/packtext compresses it). Its
// methods return what NewRichText was given; a damaged value reads as empty text. An
// implementation must be comparable (a pointer is): RichText.Same compares identities.
type PackedText interface {
	// Unpack returns the HTML and the plain text at once.
	Unpack() (html, text string)
	// HTML returns the HTML alone.
	HTML() string
	// Text returns the plain text alone.
	Text() string
}

// NewRichText holds html and its plain text as they are. To hold a long text packed, use
// the storage layer's constructor (packtext.RichText) or PackedRichText.
func NewRichText(html, text string, wordCount int) RichText {
	return RichText{WordCount: wordCount, html: html, text: text}
}

// PackedRichText holds a text in a packed form.
func PackedRichText(packed PackedText, wordCount int) RichText {
	return RichText{WordCount: wordCount, packed: packed}
}

// HTML returns the sanitised HTML.
func (r RichText) HTML() string {
	if r.packed != nil {
		return r.packed.HTML()
	}
	return r.html
}

// Text returns the plain text.
func (r RichText) Text() string {
	if r.packed != nil {
		return r.packed.Text()
	}
	return r.text
}

// Unpacked returns the HTML and the plain text at once.
func (r RichText) Unpacked() (html, text string) {
	if r.packed != nil {
		return r.packed.Unpack()
	}
	return r.html, r.text
}

// Packed returns the packed form, when the text is held packed.
func (r RichText) Packed() (PackedText, bool) {
	return r.packed, r.packed != nil
}

// Same reports, without unpacking anything, whether r and o are the very same text held the
// same way: the same packed value, or the same strings. A revision that kept its
// predecessor's body holds the same one.
func (r RichText) Same(o RichText) bool { return r == o }

// Equal reports whether r and o hold the same text, whatever their forms.
func (r RichText) Equal(o RichText) bool {
	if r.WordCount != o.WordCount {
		return false
	}
	if r.packed == nil && o.packed == nil {
		return r.html == o.html && r.text == o.text
	}
	h1, t1 := r.Unpacked()
	h2, t2 := o.Unpacked()
	return h1 == h2 && t1 == t2
}

// WordsPerMinute is the reading speed behind ReadingMinutes.
const WordsPerMinute = 200

// ReadingMinutes is the time to read the text at WordsPerMinute, rounded up, at least 1 for
// any text at all.
func (r RichText) ReadingMinutes() int {
	if r.WordCount == 0 {
		return 0
	}
	return (r.WordCount + WordsPerMinute - 1) / WordsPerMinute
}

// PostRevision is one saved state of a post. Revisions are never rewritten.
type PostRevision struct {
	PostID     string
	Revision   int
	Title      string
	Slug       string
	Body       RichText
	Tags       []string
	BlockIDs   []string
	Visibility Visibility
	Status     PostStatus
	SavedAt    time.Time
	SavedBy    string
}

// Post limits, checked on every write. A slug's length is the slug format's own
// (slug.MaxLength).
const (
	MaxTitleLength = 200
	MaxBodyBytes   = 512 << 10
	MaxTags        = 20
	MaxTagLength   = 40
	ExcerptWords   = 50 // the length of the excerpt made from a post's text
)

// CreatePostInput is a new post as an author or editor sends it.
type CreatePostInput struct {
	Title      string
	Body       string // editor HTML, sanitised on write
	AuthorID   *string
	Slug       *string
	Tags       []string
	Visibility *Visibility
	BlockIDs   []string
	// FeaturedImageID names an asset; nil or "" means none.
	FeaturedImageID *string
}

// UpdatePostInput changes a post; nil fields stay as they are.
type UpdatePostInput struct {
	ID              string
	ExpectedVersion int
	Title           *string
	Body            *string
	Slug            *string
	Tags            []string // nil: unchanged; empty: no tags
	Visibility      *Visibility
	BlockIDs        []string // nil: unchanged; empty: no blocks
	FeaturedImageID *string  // nil: unchanged; "": none
}
