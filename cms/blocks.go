package cms

import (
	"context"
	"net/mail"
	"net/url"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/guildhall/guildhall"
	"github.com/guildhall/guildhall/catalog"
	"github.com/guildhall/guildhall/richtext"
)

// Block field limits.
const (
	maxLabelLength = 100
	maxLinks       = 50
	maxURLLength   = 2048
)

// CreateBlock saves a new block. Blocks are shared by many posts, so only editors manage them.
func (s *Service) CreateBlock(ctx context.Context, in guildhall.CreateBlockInput) (guildhall.Block, error) {
	v, err := require(ctx, guildhall.RoleEditor)
	if err != nil {
		return nil, err
	}
	now := s.now()
	base := guildhall.BlockBase{ID: guildhall.NewID(guildhall.KindBlock, now), Version: 1, CreatedAt: now, UpdatedAt: now}
	var b guildhall.Block
	switch in.Kind {
	case guildhall.BlockContact:
		b = &guildhall.ContactBlock{BlockBase: base}
	case guildhall.BlockLinks:
		b = &guildhall.LinksBlock{BlockBase: base, Links: []guildhall.Link{}}
	case guildhall.BlockRichText:
		b = &guildhall.RichTextBlock{BlockBase: base}
	case guildhall.BlockCallToAction:
		b = &guildhall.CallToActionBlock{BlockBase: base, Action: guildhall.ActionOther}
	default:
		return nil, &guildhall.Error{Code: guildhall.EINVALID, Message: "Unknown block kind.", Fields: map[string]string{"kind": "unknown kind"}}
	}
	return s.saveBlock(ctx, v, b, in)
}

// UpdateBlock changes a block's fields; those left out stay as they are.
func (s *Service) UpdateBlock(ctx context.Context, in guildhall.UpdateBlockInput) (guildhall.Block, error) {
	v, err := require(ctx, guildhall.RoleEditor)
	if err != nil {
		return nil, err
	}
	cur, ok := s.cat().Block(in.ID)
	if !ok {
		return nil, guildhall.NotFound("Block")
	}
	b := copyBlock(cur)
	base := b.Base()
	base.Version++
	base.UpdatedAt = s.now()
	return s.saveBlock(ctx, v, b, guildhall.CreateBlockInput{
		Title: in.Title, ContactName: in.ContactName, ContactTitle: in.ContactTitle, Email: in.Email, Phone: in.Phone,
		Links: in.Links, Body: in.Body, Label: in.Label, URL: in.URL, Action: in.Action,
	})
}

// saveBlock applies the input's fields to b, validates the result and stores it as b's
// version; the unique revision decides concurrent edits.
func (s *Service) saveBlock(ctx context.Context, v *guildhall.Viewer, b guildhall.Block, in guildhall.CreateBlockInput) (guildhall.Block, error) {
	problems := guildhall.Problems{}
	applyBlockFields(b, blockFields(in), problems)
	requireBlockFields(b, problems)
	if err := problems.Err(); err != nil {
		return nil, err
	}
	if err := s.store.blocks.SaveBlock(ctx, b, v.Actor()); err != nil {
		return nil, err
	}
	s.write(func(c *catalog.Catalog) { c.PutBlock(b) })
	return b, nil
}

func copyBlock(b guildhall.Block) guildhall.Block {
	switch b := b.(type) {
	case *guildhall.ContactBlock:
		c := *b
		return &c
	case *guildhall.LinksBlock:
		c := *b
		return &c
	case *guildhall.RichTextBlock:
		c := *b
		return &c
	case *guildhall.CallToActionBlock:
		c := *b
		return &c
	}
	panic("unknown block type") // every Block is one of the four
}

// fieldSet is the optional fields of a block input, named as the client named them.
type fieldSet struct {
	input guildhall.CreateBlockInput
	given map[string]bool
}

func blockFields(in guildhall.CreateBlockInput) fieldSet {
	given := map[string]bool{
		"contactName": in.ContactName != nil, "contactTitle": in.ContactTitle != nil,
		"email": in.Email != nil, "phone": in.Phone != nil, "links": in.Links != nil,
		"body": in.Body != nil, "label": in.Label != nil, "url": in.URL != nil, "action": in.Action != nil,
	}
	return fieldSet{input: in, given: given}
}

// kindFields lists the fields each kind has besides title.
var kindFields = map[guildhall.BlockKind][]string{
	guildhall.BlockContact:      {"contactName", "contactTitle", "email", "phone"},
	guildhall.BlockLinks:        {"links"},
	guildhall.BlockRichText:     {"body"},
	guildhall.BlockCallToAction: {"label", "url", "action"},
}

// applyBlockFields validates and sets the given fields on b, refusing fields of other kinds.
// An empty string clears an optional text field.
func applyBlockFields(b guildhall.Block, f fieldSet, problems guildhall.Problems) {
	in := f.input
	own := kindFields[b.BlockKind()]
	for name, given := range f.given {
		if given && !slices.Contains(own, name) {
			problems.Add(name, "is not a field of %s blocks", b.BlockKind())
		}
	}
	if in.Title != nil {
		b.Base().Title = optionalText(*in.Title, "title", problems)
	}
	switch b := b.(type) {
	case *guildhall.ContactBlock:
		if in.ContactName != nil {
			b.ContactName = optionalText(*in.ContactName, "contactName", problems)
		}
		if in.ContactTitle != nil {
			b.ContactTitle = optionalText(*in.ContactTitle, "contactTitle", problems)
		}
		if in.Email != nil {
			b.Email = optionalText(*in.Email, "email", problems)
			if b.Email != nil && !validEmail(*b.Email) {
				problems.Add("email", "is not an email address")
			}
		}
		if in.Phone != nil {
			b.Phone = optionalText(*in.Phone, "phone", problems)
			if b.Phone != nil && !validPhone(*b.Phone) {
				problems.Add("phone", "is not a phone number (digits, spaces, + - ( ) and . only, 5 to 20 digits)")
			}
		}
	case *guildhall.LinksBlock:
		if in.Links != nil {
			if len(in.Links) > maxLinks {
				problems.Add("links", "at most %d links", maxLinks)
			}
			links := make([]guildhall.Link, 0, len(in.Links))
			for _, l := range in.Links {
				l.Label = strings.TrimSpace(l.Label)
				l.URL = strings.TrimSpace(l.URL)
				if l.Label == "" || utf8.RuneCountInString(l.Label) > maxLabelLength || strings.ContainsFunc(l.Label, unicode.IsControl) {
					problems.Add("links", "each link needs a label of 1 to %d characters", maxLabelLength)
				}
				if !validWebURL(l.URL) {
					problems.Add("links", "each link needs an http or https URL")
				}
				if l.Description != nil {
					l.Description = optionalText(*l.Description, "links", problems)
				}
				links = append(links, l)
			}
			b.Links = links
		}
	case *guildhall.RichTextBlock:
		if in.Body != nil {
			if len(*in.Body) > 4*guildhall.MaxBodyBytes {
				problems.Add("body", "must be at most %d KiB", guildhall.MaxBodyBytes>>10)
			} else {
				b.Body = held(richtext.Render(*in.Body))
			}
		}
	case *guildhall.CallToActionBlock:
		if in.Label != nil {
			b.Label = strings.TrimSpace(*in.Label)
		}
		if in.URL != nil {
			b.URL = strings.TrimSpace(*in.URL)
		}
		if in.Action != nil {
			b.Action = *in.Action
		}
	}
}

// requireBlockFields checks what a block of its kind cannot be without.
func requireBlockFields(b guildhall.Block, problems guildhall.Problems) {
	switch b := b.(type) {
	case *guildhall.ContactBlock:
		if b.ContactName == nil && b.Email == nil && b.Phone == nil {
			problems.Add("contactName", "a contact block needs a name, an email or a phone")
		}
	case *guildhall.LinksBlock:
		if len(b.Links) == 0 {
			problems.Add("links", "a links block needs at least one link")
		}
	case *guildhall.RichTextBlock:
		if html, text := b.Body.Unpacked(); strings.TrimSpace(text) == "" && !strings.Contains(html, "<img") {
			problems.Add("body", "is required")
		}
	case *guildhall.CallToActionBlock:
		if b.Label == "" || utf8.RuneCountInString(b.Label) > maxLabelLength || strings.ContainsFunc(b.Label, unicode.IsControl) {
			problems.Add("label", "must be 1 to %d characters", maxLabelLength)
		}
		if !validWebURL(b.URL) {
			problems.Add("url", "must be an http or https URL")
		}
	}
}

// optionalText trims a text field; empty means absent.
func optionalText(s, field string, problems guildhall.Problems) *string {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	if utf8.RuneCountInString(s) > 200 || strings.ContainsFunc(s, unicode.IsControl) {
		problems.Add(field, "must be at most 200 characters, without control characters")
	}
	return &s
}

// checkEmail checks an address given in field and returns the form it is compared in
// (guildhall.NormalizeEmail), or "" after recording the problem.
func checkEmail(field, email string, problems guildhall.Problems) string {
	normal, err := guildhall.NormalizeEmail(email)
	if err != nil || !validEmail(email) {
		problems.Add(field, "is not an email address")
		return ""
	}
	return normal
}

func validEmail(s string) bool {
	a, err := mail.ParseAddress(s)
	return err == nil && a.Address == s && a.Name == "" && strings.Contains(s[strings.LastIndex(s, "@"):], ".")
}

func validPhone(s string) bool {
	digits := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case strings.ContainsRune(" +-().", r):
		default:
			return false
		}
	}
	return digits >= 5 && digits <= 20
}

// validWebURL accepts absolute http and https URLs with a host.
func validWebURL(s string) bool {
	if s == "" || len(s) > maxURLLength {
		return false
	}
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" && u.User == nil
}
