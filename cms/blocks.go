package cms

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/guildhall/guildhall"
	"github.com/guildhall/guildhall/catalog"
	"github.com/guildhall/guildhall/richtext"
)

// CreateBlock saves a new block. Blocks are shared by many posts, so only editors manage them.
func (s *Service) CreateBlock(ctx context.Context, in guildhall.CreateBlockInput) (guildhall.Block, error) {
	v, err := require(ctx, guildhall.RoleEditor)
	if err != nil {
		return nil, err
	}
	now := s.now()
	b, err := guildhall.NewBlock(in.Kind, guildhall.BlockBase{ID: guildhall.NewID(guildhall.KindBlock, now), Version: 1, CreatedAt: now, UpdatedAt: now})
	if err != nil {
		return nil, err
	}
	return s.saveBlock(ctx, v, b, in)
}

// UpdateBlock changes a block's fields; those left out stay as they are.
func (s *Service) UpdateBlock(ctx context.Context, in guildhall.UpdateBlockInput) (guildhall.Block, error) {
	v, err := require(ctx, guildhall.RoleEditor)
	if err != nil {
		return nil, err
	}
	var cur guildhall.Block
	if !s.found(ctx, func() (ok bool) { cur, ok = s.cat().Block(in.ID); return ok }) {
		return nil, guildhall.NotFound("Block")
	}
	b := cur.Clone()
	base := b.Base()
	base.Version++
	base.UpdatedAt = s.now()
	saved, err := s.saveBlock(ctx, v, b, guildhall.CreateBlockInput{
		Title: in.Title, ContactName: in.ContactName, ContactTitle: in.ContactTitle, Email: in.Email, Phone: in.Phone,
		Links: in.Links, Body: in.Body, Label: in.Label, URL: in.URL, Action: in.Action,
	})
	if err != nil {
		return nil, err
	}
	s.emit(ctx, Event{Type: guildhall.EventBlockUpdated, Block: saved,
		Key: fmt.Sprintf("block:%s:%d", base.ID, base.Version), Occurred: base.UpdatedAt})
	return saved, nil
}

// saveBlock applies the input's fields to b, validates the result and stores it as b's
// version; the unique revision decides concurrent edits.
func (s *Service) saveBlock(ctx context.Context, v *guildhall.Viewer, b guildhall.Block, in guildhall.CreateBlockInput) (guildhall.Block, error) {
	rt, rich := b.(*guildhall.RichTextBlock)
	if rich && in.Body != nil && len(*in.Body) <= 4*guildhall.MaxBodyBytes {
		// Images first, as for posts (resolveImages), so none is silently lost.
		problems := guildhall.Problems{}
		body, _ := s.resolveImages(ctx, v, *in.Body, "body", problems)
		if err := problems.Err(); err != nil {
			return nil, err
		}
		in.Body = &body
	}
	if err := fillBlock(b, &in); err != nil {
		return nil, err
	}
	if rich && in.Body != nil {
		rt.Body = held(s.rich.Render(*in.Body)) // with this server's embed and link settings
	}
	if err := s.store.blocks.SaveBlock(ctx, b, v.Actor()); err != nil {
		return nil, err
	}
	s.write(func(c *catalog.Catalog) { c.PutBlock(b) })
	return b, nil
}

// fillBlock checks the input's fields and sets them on b: the title, which every block has,
// then the fields of b's kind (blockRules); a field of another kind is refused. The result
// must have what a block of its kind cannot be without.
func fillBlock(b guildhall.Block, in *guildhall.CreateBlockInput) error {
	problems := guildhall.Problems{}
	rule, ok := blockRules[b.BlockKind()]
	if !ok {
		return guildhall.Errorf(guildhall.EINTERNAL, "no rule for blocks of kind %s", b.BlockKind())
	}
	for kind, other := range blockRules {
		if kind == b.BlockKind() {
			continue
		}
		for _, name := range other.given(in) {
			problems.Add(name, "is not a field of %s blocks", b.BlockKind())
		}
	}
	if in.Title != nil {
		b.Base().Title = optionalText(*in.Title, "title", problems)
	}
	rule.apply(b, in, problems)
	rule.require(b, problems)
	return problems.Err()
}

// blockRule is what the service checks of one kind of block.
type blockRule struct {
	// given names the input fields of the kind that in sets, as the client names them.
	given func(in *guildhall.CreateBlockInput) []string
	// apply checks the given fields and sets them on a block of the kind. An empty string
	// clears an optional text field.
	apply func(b guildhall.Block, in *guildhall.CreateBlockInput, problems guildhall.Problems)
	// require checks what a block of the kind cannot be without.
	require func(b guildhall.Block, problems guildhall.Problems)
}

// kindRule makes a blockRule from functions on the kind's own type.
func kindRule[T guildhall.Block](given func(*guildhall.CreateBlockInput) []string,
	apply func(T, *guildhall.CreateBlockInput, guildhall.Problems), require func(T, guildhall.Problems)) blockRule {
	return blockRule{
		given:   given,
		apply:   func(b guildhall.Block, in *guildhall.CreateBlockInput, p guildhall.Problems) { apply(b.(T), in, p) },
		require: func(b guildhall.Block, p guildhall.Problems) { require(b.(T), p) },
	}
}

// set lists the names whose value is true.
func set(fields map[string]bool) []string {
	var out []string
	for name, ok := range fields {
		if ok {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}

// blockRules holds the rules of every kind of block, one entry per guildhall.BlockKinds
// (TestBlockRulesCoverEveryKind).
var blockRules = map[guildhall.BlockKind]blockRule{
	guildhall.BlockContact: kindRule(
		func(in *guildhall.CreateBlockInput) []string {
			return set(map[string]bool{"contactName": in.ContactName != nil, "contactTitle": in.ContactTitle != nil, "email": in.Email != nil, "phone": in.Phone != nil})
		},
		func(b *guildhall.ContactBlock, in *guildhall.CreateBlockInput, problems guildhall.Problems) {
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
		},
		func(b *guildhall.ContactBlock, problems guildhall.Problems) {
			if b.ContactName == nil && b.Email == nil && b.Phone == nil {
				problems.Add("contactName", "a contact block needs a name, an email or a phone")
			}
		}),
	guildhall.BlockLinks: kindRule(
		func(in *guildhall.CreateBlockInput) []string { return set(map[string]bool{"links": in.Links != nil}) },
		func(b *guildhall.LinksBlock, in *guildhall.CreateBlockInput, problems guildhall.Problems) {
			if in.Links == nil {
				return
			}
			if len(in.Links) > guildhall.MaxLinks {
				problems.Add("links", "at most %d links", guildhall.MaxLinks)
			}
			links := make([]guildhall.Link, 0, len(in.Links))
			for _, l := range in.Links {
				l.Label = strings.TrimSpace(l.Label)
				l.URL = strings.TrimSpace(l.URL)
				if !validText(l.Label, guildhall.MaxLabelLength) {
					problems.Add("links", "each link needs a label of 1 to %d characters", guildhall.MaxLabelLength)
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
		},
		func(b *guildhall.LinksBlock, problems guildhall.Problems) {
			if len(b.Links) == 0 {
				problems.Add("links", "a links block needs at least one link")
			}
		}),
	guildhall.BlockRichText: kindRule(
		func(in *guildhall.CreateBlockInput) []string { return set(map[string]bool{"body": in.Body != nil}) },
		func(b *guildhall.RichTextBlock, in *guildhall.CreateBlockInput, problems guildhall.Problems) {
			if in.Body == nil {
				return
			}
			if len(*in.Body) > 4*guildhall.MaxBodyBytes {
				problems.Add("body", "must be at most %d KiB", guildhall.MaxBodyBytes>>10)
				return
			}
			// Checked on the text as rendered, before it is packed: a body once set has
			// passed, so require need not unpack it again.
			body := richtext.Render(*in.Body)
			if strings.TrimSpace(body.Text) == "" && !strings.Contains(body.HTML, "<img") {
				problems.Add("body", "is required")
				return
			}
			b.Body = held(body)
		},
		func(b *guildhall.RichTextBlock, problems guildhall.Problems) {
			if _, packed := b.Body.Packed(); !packed && b.Body.HTML() == "" {
				problems.Add("body", "is required") // never set
			}
		}),
	guildhall.BlockCallToAction: kindRule(
		func(in *guildhall.CreateBlockInput) []string {
			return set(map[string]bool{"label": in.Label != nil, "url": in.URL != nil, "action": in.Action != nil})
		},
		func(b *guildhall.CallToActionBlock, in *guildhall.CreateBlockInput, _ guildhall.Problems) {
			if in.Label != nil {
				b.Label = strings.TrimSpace(*in.Label)
			}
			if in.URL != nil {
				b.URL = strings.TrimSpace(*in.URL)
			}
			if in.Action != nil {
				b.Action = *in.Action
			}
		},
		func(b *guildhall.CallToActionBlock, problems guildhall.Problems) {
			if !validText(b.Label, guildhall.MaxLabelLength) {
				problems.Add("label", "must be 1 to %d characters, without control characters", guildhall.MaxLabelLength)
			}
			if !validWebURL(b.URL) {
				problems.Add("url", "must be an http or https URL")
			}
		}),
}
