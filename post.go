package guildhall

import (
	"slices"
	"time"
)

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
	Status     PostStatus // as stored: DRAFT, IN_REVIEW, PUBLISHED or ARCHIVED; see StatusAt
	Visibility Visibility
	AuthorID   string
	Body       RichText
	// Excerpt is the teaser lists and feeds show: written by the author when CustomExcerpt
	// is set, else derived from the body.
	Excerpt       string
	CustomExcerpt bool
	Tags          []string
	BlockIDs      []string
	// FeaturedImageID is the asset shown at the top of the post and in feeds, if any.
	FeaturedImageID *string
	// ImageIDs are the assets the body shows, found when it was saved: deleting one of them
	// is refused while the post (or its pending changes) uses it.
	ImageIDs []string
	// SEO is what the post's page tells search engines and sharing cards, when it differs
	// from the title and excerpt.
	SEO SEO
	// PublishedAt is when the post goes (or went) live; in the future it means scheduled.
	PublishedAt *time.Time
	// UnpublishAt, on a published post, is when it is taken down: from then on it reads as
	// ARCHIVED, by the clock alone, as PublishedAt makes it live.
	UnpublishAt *time.Time
	// Pending holds changes to a published or scheduled post saved as a draft (asDraft):
	// readers see the post without them until they are published.
	Pending   *PendingChanges
	CreatedAt time.Time
	UpdatedAt time.Time
	// UpdatedBy names who saved this revision (a member ID, or a token ID for staff tokens).
	UpdatedBy string
	// Note is what was said with this revision (an editor's request for changes); each
	// revision has its own, so a new revision starts without one.
	Note string
	// Previewed is set only on the copy of a post that a valid preview token returns: whoever
	// holds the token may read that value's body. Stored and cataloged posts never have it.
	Previewed bool
}

// IsNode marks Post as a GraphQL Node.
func (*Post) IsNode() {}

// StatusAt is the status readers see at now: a published post whose time has not come is
// SCHEDULED, and becomes PUBLISHED by the clock alone, with no job that must run on time; one
// whose UnpublishAt has come reads as ARCHIVED, by the clock alone too.
func (p *Post) StatusAt(now time.Time) PostStatus {
	if p.Status == PostPublished {
		switch {
		case p.PublishedAt != nil && p.PublishedAt.After(now):
			return PostScheduled
		case p.UnpublishAt != nil && !now.Before(*p.UnpublishAt):
			return PostArchived
		}
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
	PostInReview  PostStatus = "IN_REVIEW"
	PostScheduled PostStatus = "SCHEDULED"
	PostPublished PostStatus = "PUBLISHED"
	PostArchived  PostStatus = "ARCHIVED"
)

// IsValid reports whether s is one of the defined statuses.
func (s PostStatus) IsValid() bool {
	switch s {
	case PostDraft, PostInReview, PostScheduled, PostPublished, PostArchived:
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
	PostID        string
	Revision      int
	Title         string
	Slug          string
	Body          RichText
	Excerpt       string
	CustomExcerpt bool
	SEO           SEO
	Tags          []string
	BlockIDs      []string
	// FeaturedImageID is the asset the revision showed at the top of the post, if any.
	FeaturedImageID *string
	Visibility      Visibility
	Status          PostStatus
	SavedAt         time.Time
	SavedBy         string
	Note            string
	// Pending marks the pending changes of a post (PendingRevision), not a saved state of
	// what readers saw: its body is the draft's.
	Pending bool
}

// SEO is what a post's page tells search engines and link previews, where it differs from
// the post itself. Nil fields are not set: the title, the excerpt and the post's own URL
// stand in.
type SEO struct {
	Title        *string
	Description  *string
	CanonicalURL *string
}

// Equal reports whether s and o set the same values.
func (s SEO) Equal(o SEO) bool {
	same := func(a, b *string) bool { return (a == nil) == (b == nil) && (a == nil || *a == *b) }
	return same(s.Title, o.Title) && same(s.Description, o.Description) && same(s.CanonicalURL, o.CanonicalURL)
}

// PostContent is what an author writes: everything of a post but who wrote it and where it
// stands in the workflow. A draft of changes to a live post holds one (PendingChanges).
type PostContent struct {
	Title           string
	Slug            string
	Body            RichText
	Excerpt         string
	CustomExcerpt   bool
	Tags            []string
	BlockIDs        []string
	FeaturedImageID *string
	ImageIDs        []string // the body's images (Post.ImageIDs)
	Visibility      Visibility
	SEO             SEO
}

// Content returns the post's content.
func (p *Post) Content() PostContent {
	return PostContent{Title: p.Title, Slug: p.Slug, Body: p.Body, Excerpt: p.Excerpt, CustomExcerpt: p.CustomExcerpt,
		Tags: p.Tags, BlockIDs: p.BlockIDs, FeaturedImageID: p.FeaturedImageID, ImageIDs: p.ImageIDs,
		Visibility: p.Visibility, SEO: p.SEO}
}

// SetContent replaces the post's content with c.
func (p *Post) SetContent(c PostContent) {
	p.Title, p.Slug, p.Body, p.Excerpt, p.CustomExcerpt = c.Title, c.Slug, c.Body, c.Excerpt, c.CustomExcerpt
	p.Tags, p.BlockIDs, p.Visibility, p.SEO = c.Tags, c.BlockIDs, c.Visibility, c.SEO
	p.FeaturedImageID, p.ImageIDs = c.FeaturedImageID, c.ImageIDs
}

// SameContent reports whether the post shows readers exactly what o shows: the same content,
// status and publication date. A revision that changes only its pending changes, its note or
// when it will be taken down does not (the take-down is announced when it happens).
func (p *Post) SameContent(o *Post) bool {
	a, b := p.Content(), o.Content()
	sameTime := func(x, y *time.Time) bool { return (x == nil) == (y == nil) && (x == nil || x.Equal(*y)) }
	return a.Title == b.Title && a.Slug == b.Slug && a.Excerpt == b.Excerpt && a.Visibility == b.Visibility &&
		slices.Equal(a.Tags, b.Tags) && slices.Equal(a.BlockIDs, b.BlockIDs) && a.SEO.Equal(b.SEO) &&
		(a.FeaturedImageID == nil) == (b.FeaturedImageID == nil) &&
		(a.FeaturedImageID == nil || *a.FeaturedImageID == *b.FeaturedImageID) &&
		p.Status == o.Status && sameTime(p.PublishedAt, o.PublishedAt) && a.Body.Equal(b.Body)
}

// PendingChanges are changes to a published or scheduled post saved as a draft (updatePost
// with asDraft): the whole content as it will read once they are published. They are kept
// in the post's revision, so they travel and are saved with it, and they are never shown to
// readers, feeds, search or caches: only the author and staff see them.
type PendingChanges struct {
	PostContent
	// Revision is the post's version that last saved them.
	Revision int
	SavedAt  time.Time
	SavedBy  string
	// InReview is set while they are submitted for review (submitPostForReview), until an
	// editor publishes them or asks for changes.
	InReview bool
}

// PendingRevision describes the post's pending changes as a revision (Post.pendingChanges),
// or returns nil when it has none.
func PendingRevision(p *Post) *PostRevision {
	d := p.Pending
	if d == nil {
		return nil
	}
	return &PostRevision{
		PostID: p.ID, Revision: d.Revision, Title: d.Title, Slug: d.Slug, Body: d.Body, Excerpt: d.Excerpt,
		CustomExcerpt: d.CustomExcerpt, SEO: d.SEO, Tags: d.Tags, BlockIDs: d.BlockIDs, FeaturedImageID: d.FeaturedImageID, Visibility: d.Visibility,
		Status: d.Status(), SavedAt: d.SavedAt, SavedBy: d.SavedBy, Pending: true,
	}
}

// Status is where pending changes stand: IN_REVIEW while submitted, else DRAFT.
func (d *PendingChanges) Status() PostStatus {
	if d.InReview {
		return PostInReview
	}
	return PostDraft
}

// Post limits, checked on every write. A slug's length is the slug format's own
// (slug.MaxLength).
const (
	MaxTitleLength          = 200
	MaxBodyBytes            = 512 << 10
	MaxTags                 = 20
	MaxTagLength            = 40
	ExcerptWords            = 50 // the length of the excerpt made from a post's text
	MaxExcerptLength        = 500
	MaxSEOTitleLength       = 200
	MaxSEODescriptionLength = 500
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
	// Excerpt, when set and not empty, is the teaser instead of the start of the body.
	Excerpt *string
	SEO     *SEO
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
	// Excerpt replaces the teaser; "" goes back to the one derived from the body.
	Excerpt *string
	// SEO replaces all three SEO fields; the ones it leaves out are cleared.
	SEO *SEO
	// AsDraft, on a published or scheduled post, keeps what readers see and saves the
	// change as the post's pending changes instead. On any other post it changes nothing:
	// what is not live is a draft already.
	AsDraft *bool
}

// NoteOrNil is the revision's note, or nil when it has none.
func (r *PostRevision) NoteOrNil() *string {
	if r.Note == "" {
		return nil
	}
	return &r.Note
}
