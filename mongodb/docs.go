package mongodb

import (
	"fmt"
	"time"

	"github.com/guildhall/guildhall"
	"github.com/guildhall/guildhall/internal/packtext"
)

// The stored shapes. Field names are part of the database format: rename with a migration.

type richTextDoc struct {
	HTML      string `bson:"html"`
	Text      string `bson:"text"`
	WordCount int    `bson:"words"`
	// Packed holds HTML and Text compressed (internal/packtext), instead of the fields
	// above, for long texts: the form guildhall.RichText holds them in.
	Packed []byte `bson:"z,omitempty"`
}

func toRichText(r guildhall.RichText) richTextDoc {
	if packed, ok := r.Packed(); ok {
		if f, ok := packed.(*packtext.Frame); ok {
			return richTextDoc{WordCount: r.WordCount, Packed: f.Bytes()}
		}
	}
	html, text := r.Unpacked()
	return richTextDoc{HTML: html, Text: text, WordCount: r.WordCount}
}

// domain is the stored text in the form it is held in memory: packed as stored, and an
// unpacked text of a document written before packing existed packed if it is long.
func (d richTextDoc) domain() guildhall.RichText {
	if len(d.Packed) > 0 {
		return guildhall.PackedRichText(packtext.Stored(d.Packed), d.WordCount)
	}
	return packtext.RichText(d.HTML, d.Text, d.WordCount)
}

type postDoc struct {
	Content     contentDoc `bson:",inline"`
	OldSlugs    []string   `bson:"oldSlugs,omitempty"`
	OldPaths    []string   `bson:"oldPaths,omitempty"`
	Status      string     `bson:"status"`
	AuthorID    string     `bson:"author"`
	PublishedAt *time.Time `bson:"publishedAt,omitempty"`
	UnpublishAt *time.Time `bson:"unpublishAt,omitempty"`
	CreatedAt   time.Time  `bson:"createdAt"`
	// Pending is the draft of changes to a live post (asDraft), kept with the post.
	Pending *pendingDoc `bson:"pending,omitempty"`
	// Note is what was said with this revision (a request for changes).
	Note string `bson:"note,omitempty"`
}

// contentDoc is what an author writes (guildhall.PostContent) as it is stored: in a post's
// revision, and in its pending changes.
type contentDoc struct {
	Slug          string      `bson:"slug"`
	Title         string      `bson:"title"`
	Visibility    string      `bson:"visibility"`
	Body          richTextDoc `bson:"body"`
	Excerpt       string      `bson:"excerpt"`
	CustomExcerpt bool        `bson:"customExcerpt,omitempty"`
	SEO           *seoDoc     `bson:"seo,omitempty"`
	Tags          []string    `bson:"tags"`
	BlockIDs      []string    `bson:"blocks,omitempty"`
	Featured      *string     `bson:"featuredImage,omitempty"`
	Images        []string    `bson:"images,omitempty"`
}

type seoDoc struct {
	Title        *string `bson:"title,omitempty"`
	Description  *string `bson:"description,omitempty"`
	CanonicalURL *string `bson:"canonicalUrl,omitempty"`
}

type pendingDoc struct {
	Content  contentDoc `bson:",inline"`
	Revision int        `bson:"revision"`
	SavedAt  time.Time  `bson:"savedAt"`
	SavedBy  string     `bson:"savedBy,omitempty"`
	InReview bool       `bson:"inReview,omitempty"`
}

func toContentDoc(c guildhall.PostContent) contentDoc {
	return contentDoc{Slug: c.Slug, Title: c.Title, Visibility: string(c.Visibility), Body: toRichText(c.Body),
		Excerpt: c.Excerpt, CustomExcerpt: c.CustomExcerpt, SEO: toSEODoc(c.SEO), Tags: c.Tags, BlockIDs: c.BlockIDs,
		Featured: c.FeaturedImageID, Images: c.ImageIDs}
}

func (d contentDoc) domain() guildhall.PostContent {
	return guildhall.PostContent{Title: d.Title, Slug: d.Slug, Body: d.Body.domain(), Excerpt: d.Excerpt,
		CustomExcerpt: d.CustomExcerpt, Tags: nonNil(d.Tags), BlockIDs: nonNil(d.BlockIDs),
		FeaturedImageID: d.Featured, ImageIDs: d.Images, Visibility: guildhall.Visibility(d.Visibility), SEO: d.SEO.domain()}
}

func toSEODoc(s guildhall.SEO) *seoDoc {
	if s.Equal(guildhall.SEO{}) {
		return nil
	}
	return &seoDoc{Title: s.Title, Description: s.Description, CanonicalURL: s.CanonicalURL}
}

func (d *seoDoc) domain() guildhall.SEO {
	if d == nil {
		return guildhall.SEO{}
	}
	return guildhall.SEO{Title: d.Title, Description: d.Description, CanonicalURL: d.CanonicalURL}
}

func toPostDoc(p *guildhall.Post) *postDoc {
	d := &postDoc{
		Content: toContentDoc(p.Content()), OldSlugs: p.OldSlugs, OldPaths: p.OldPaths,
		Status: string(p.Status), AuthorID: p.AuthorID,
		PublishedAt: p.PublishedAt, UnpublishAt: p.UnpublishAt, CreatedAt: p.CreatedAt, Note: p.Note,
	}
	if c := p.Pending; c != nil {
		d.Pending = &pendingDoc{Content: toContentDoc(c.PostContent),
			Revision: c.Revision, SavedAt: c.SavedAt, SavedBy: c.SavedBy, InReview: c.InReview}
	}
	return d
}

func postFromRevision(r revision[postDoc]) *guildhall.Post {
	d := r.Doc
	p := &guildhall.Post{
		ID: r.Entity, Version: r.Version, OldSlugs: d.OldSlugs, OldPaths: d.OldPaths,
		Status: guildhall.PostStatus(d.Status), AuthorID: d.AuthorID,
		PublishedAt: utcPtr(d.PublishedAt), UnpublishAt: utcPtr(d.UnpublishAt), CreatedAt: d.CreatedAt.UTC(),
		UpdatedAt: r.SavedAt.UTC(), UpdatedBy: r.SavedBy, Note: d.Note,
	}
	p.SetContent(d.Content.domain())
	if c := d.Pending; c != nil {
		p.Pending = &guildhall.PendingChanges{PostContent: c.Content.domain(),
			Revision: c.Revision, SavedAt: c.SavedAt.UTC(), SavedBy: c.SavedBy, InReview: c.InReview}
	}
	return p
}

type memberDoc struct {
	Slug        string         `bson:"slug"`
	Name        string         `bson:"name"`
	SortName    string         `bson:"sortName"`
	Credentials *string        `bson:"credentials,omitempty"`
	Bio         *richTextDoc   `bson:"bio,omitempty"`
	AvatarURL   *string        `bson:"avatarUrl,omitempty"`
	AvatarID    *string        `bson:"avatar,omitempty"`
	Email       *string        `bson:"email,omitempty"`
	Phone       *string        `bson:"phone,omitempty"`
	Membership  *membershipDoc `bson:"membership,omitempty"`
	CreatedAt   time.Time      `bson:"createdAt"`
}

type membershipDoc struct {
	Plan        string       `bson:"plan"`
	JoinedAt    time.Time    `bson:"joinedAt"`
	ExpiresAt   time.Time    `bson:"expiresAt"`
	CancelledAt *time.Time   `bson:"cancelledAt,omitempty"`
	Renewals    []renewalDoc `bson:"renewals,omitempty"`
}

type renewalDoc struct {
	ID                string    `bson:"id"`
	Plan              string    `bson:"plan"`
	RenewedAt         time.Time `bson:"renewedAt"`
	PreviousExpiresAt time.Time `bson:"previousExpiresAt"`
	NewExpiresAt      time.Time `bson:"newExpiresAt"`
	IdempotencyKey    string    `bson:"key"`
	PaymentReference  *string   `bson:"paymentRef,omitempty"`
	RenewedBy         string    `bson:"by,omitempty"`
}

func toMemberDoc(m *guildhall.Member) *memberDoc {
	d := &memberDoc{
		Slug: m.Slug, Name: m.Name, SortName: m.SortName, Credentials: m.Credentials,
		AvatarURL: m.AvatarURL, AvatarID: m.AvatarID, Email: m.Email, Phone: m.Phone, CreatedAt: m.CreatedAt,
	}
	if m.Bio != nil {
		b := toRichText(*m.Bio)
		d.Bio = &b
	}
	if ms := m.Membership; ms != nil {
		d.Membership = &membershipDoc{Plan: ms.PlanCode, JoinedAt: ms.JoinedAt, ExpiresAt: ms.ExpiresAt, CancelledAt: ms.CancelledAt}
		for _, r := range ms.Renewals {
			d.Membership.Renewals = append(d.Membership.Renewals, renewalDoc{
				ID: r.ID, Plan: r.PlanCode, RenewedAt: r.RenewedAt, PreviousExpiresAt: r.PreviousExpiresAt,
				NewExpiresAt: r.NewExpiresAt, IdempotencyKey: r.IdempotencyKey, PaymentReference: r.PaymentReference, RenewedBy: r.RenewedBy,
			})
		}
	}
	return d
}

func memberFromRevision(r revision[memberDoc]) *guildhall.Member {
	d := r.Doc
	m := &guildhall.Member{
		ID: r.Entity, Version: r.Version, Slug: d.Slug, Name: d.Name, SortName: d.SortName,
		Credentials: d.Credentials, AvatarURL: d.AvatarURL, AvatarID: d.AvatarID, Email: d.Email, Phone: d.Phone,
		CreatedAt: d.CreatedAt.UTC(), UpdatedAt: r.SavedAt.UTC(),
	}
	if d.Bio != nil {
		b := d.Bio.domain()
		m.Bio = &b
	}
	if ms := d.Membership; ms != nil {
		m.Membership = &guildhall.Membership{
			PlanCode: ms.Plan, JoinedAt: ms.JoinedAt.UTC(), ExpiresAt: ms.ExpiresAt.UTC(), CancelledAt: utcPtr(ms.CancelledAt),
		}
		for _, rd := range ms.Renewals {
			m.Membership.Renewals = append(m.Membership.Renewals, &guildhall.Renewal{
				ID: rd.ID, PlanCode: rd.Plan, RenewedAt: rd.RenewedAt.UTC(), PreviousExpiresAt: rd.PreviousExpiresAt.UTC(),
				NewExpiresAt: rd.NewExpiresAt.UTC(), IdempotencyKey: rd.IdempotencyKey, PaymentReference: rd.PaymentReference, RenewedBy: rd.RenewedBy,
			})
		}
	}
	return m
}

type blockDoc struct {
	Kind         string       `bson:"kind"`
	Title        *string      `bson:"title,omitempty"`
	ContactName  *string      `bson:"contactName,omitempty"`
	ContactTitle *string      `bson:"contactTitle,omitempty"`
	Email        *string      `bson:"email,omitempty"`
	Phone        *string      `bson:"phone,omitempty"`
	Links        []linkDoc    `bson:"links,omitempty"`
	Body         *richTextDoc `bson:"body,omitempty"`
	Label        string       `bson:"label,omitempty"`
	URL          string       `bson:"url,omitempty"`
	Action       string       `bson:"action,omitempty"`
	CreatedAt    time.Time    `bson:"createdAt"`
}

type linkDoc struct {
	Label       string  `bson:"label"`
	URL         string  `bson:"url"`
	Description *string `bson:"description,omitempty"`
}

// blockCodecs stores the fields of each kind of block in blockDoc, one entry per
// guildhall.BlockKinds (cmstest.Contract's EveryBlockKind, which TestContract runs on this
// store, stores an example of each kind and reads it back). A stored kind without one is an
// error that stops the load: a block must never vanish because this version does not know it.
var blockCodecs = map[guildhall.BlockKind]blockCodec{
	guildhall.BlockContact: codec(
		func(b *guildhall.ContactBlock, d *blockDoc) {
			d.ContactName, d.ContactTitle, d.Email, d.Phone = b.ContactName, b.ContactTitle, b.Email, b.Phone
		},
		func(d *blockDoc, b *guildhall.ContactBlock) {
			b.ContactName, b.ContactTitle, b.Email, b.Phone = d.ContactName, d.ContactTitle, d.Email, d.Phone
		}),
	guildhall.BlockLinks: codec(
		func(b *guildhall.LinksBlock, d *blockDoc) {
			for _, l := range b.Links {
				d.Links = append(d.Links, linkDoc(l))
			}
		},
		func(d *blockDoc, b *guildhall.LinksBlock) {
			b.Links = make([]guildhall.Link, 0, len(d.Links))
			for _, l := range d.Links {
				b.Links = append(b.Links, guildhall.Link(l))
			}
		}),
	guildhall.BlockRichText: codec(
		func(b *guildhall.RichTextBlock, d *blockDoc) {
			body := toRichText(b.Body)
			d.Body = &body
		},
		func(d *blockDoc, b *guildhall.RichTextBlock) {
			if d.Body != nil {
				b.Body = d.Body.domain()
			}
		}),
	guildhall.BlockCallToAction: codec(
		func(b *guildhall.CallToActionBlock, d *blockDoc) {
			d.Label, d.URL, d.Action = b.Label, b.URL, string(b.Action)
		},
		func(d *blockDoc, b *guildhall.CallToActionBlock) {
			b.Label, b.URL, b.Action = d.Label, d.URL, guildhall.CallToAction(d.Action)
		}),
}

// blockCodec writes one kind's fields into a blockDoc and reads them back.
type blockCodec struct {
	encode func(guildhall.Block, *blockDoc)
	decode func(*blockDoc, guildhall.Block)
}

// codec makes a blockCodec from functions on the kind's own type.
func codec[T guildhall.Block](encode func(T, *blockDoc), decode func(*blockDoc, T)) blockCodec {
	return blockCodec{
		encode: func(b guildhall.Block, d *blockDoc) { encode(b.(T), d) },
		decode: func(d *blockDoc, b guildhall.Block) { decode(d, b.(T)) },
	}
}

func toBlockDoc(b guildhall.Block) (*blockDoc, error) {
	c, ok := blockCodecs[b.BlockKind()]
	if !ok {
		return nil, fmt.Errorf("block %s: no stored form for kind %s", b.BlockID(), b.BlockKind())
	}
	d := &blockDoc{Kind: string(b.BlockKind()), Title: b.Base().Title, CreatedAt: b.Base().CreatedAt}
	c.encode(b, d)
	return d, nil
}

func blockFromRevision(r revision[blockDoc]) (guildhall.Block, error) {
	d := r.Doc
	kind := guildhall.BlockKind(d.Kind)
	c, ok := blockCodecs[kind]
	b, err := guildhall.NewBlock(kind, guildhall.BlockBase{ID: r.Entity, Version: r.Version, Title: d.Title, CreatedAt: d.CreatedAt.UTC(), UpdatedAt: r.SavedAt.UTC()})
	if !ok || err != nil {
		return nil, fmt.Errorf("block %s version %d is of kind %q, which this version of Guildhall does not know", r.Entity, r.Version, d.Kind)
	}
	c.decode(d, b)
	return b, nil
}

type planDoc struct {
	Code       string `bson:"_id"`
	Name       string `bson:"name"`
	TermMonths int    `bson:"termMonths"`
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func utcPtr(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}
