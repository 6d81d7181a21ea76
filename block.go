package guildhall

import (
	"slices"
	"time"
)

// Block is a reusable related-info piece shown beside content. Its concrete types are
// *ContactBlock, *LinksBlock, *RichTextBlock and *CallToActionBlock, one per BlockKind.
type Block interface {
	IsBlock()
	BlockID() string
	BlockKind() BlockKind
	BlockVersion() int
	// Base gives the fields every block has.
	Base() *BlockBase
	// Clone returns a copy that can be changed without changing the block: blocks, like
	// posts, are immutable values replaced whole.
	Clone() Block
}

// BlockKind names the concrete type of a block.
type BlockKind string

// The block kinds.
const (
	BlockContact      BlockKind = "CONTACT"
	BlockLinks        BlockKind = "LINKS"
	BlockRichText     BlockKind = "RICH_TEXT"
	BlockCallToAction BlockKind = "CALL_TO_ACTION"
)

// blockTypes declares every kind of block once, with the empty block of its type. A new kind
// is a row here and its type below; the layers that treat kinds apart keep one entry per
// kind (cms/blocks.go checks its input fields, mongodb/docs.go stores them), and tests over
// BlockKinds fail until each has one.
var blockTypes = []struct {
	kind  BlockKind
	empty func(BlockBase) Block
}{
	{BlockContact, func(b BlockBase) Block { return &ContactBlock{BlockBase: b} }},
	{BlockLinks, func(b BlockBase) Block { return &LinksBlock{BlockBase: b, Links: []Link{}} }},
	{BlockRichText, func(b BlockBase) Block { return &RichTextBlock{BlockBase: b} }},
	{BlockCallToAction, func(b BlockBase) Block { return &CallToActionBlock{BlockBase: b, Action: ActionOther} }},
}

// BlockKinds lists every kind, in the order the API documents them.
var BlockKinds = func() []BlockKind {
	out := make([]BlockKind, len(blockTypes))
	for i, t := range blockTypes {
		out[i] = t.kind
	}
	return out
}()

// IsValid reports whether k is one of the defined kinds.
func (k BlockKind) IsValid() bool { return slices.Contains(BlockKinds, k) }

// NewBlock returns an empty block of kind k with the common fields of base; an unknown kind
// is EINVALID on the field "kind".
func NewBlock(k BlockKind, base BlockBase) (Block, error) {
	for _, t := range blockTypes {
		if t.kind == k {
			return t.empty(base), nil
		}
	}
	return nil, &Error{Code: EINVALID, Message: "Unknown block kind.", Fields: map[string]string{"kind": "unknown kind"}}
}

// Block limits, checked on every write.
const (
	MaxLabelLength = 100 // a link's or a button's label, in characters
	MaxLinks       = 50
	MaxURLLength   = 2048
)

// BlockBase is what every block has.
type BlockBase struct {
	ID        string
	Version   int
	Title     *string
	CreatedAt time.Time
	UpdatedAt time.Time
}

// IsNode marks blocks as GraphQL Nodes.
func (*BlockBase) IsNode() {}

// TitleOrEmpty is the title, or "" when the block has none: the API's Block.title is String!,
// the type Post.title has, so that one selection may ask both.
func (b *BlockBase) TitleOrEmpty() string {
	if b.Title == nil {
		return ""
	}
	return *b.Title
}

// IsBlock marks the block types.
func (*BlockBase) IsBlock() {}

// BlockID returns the block's ID.
func (b *BlockBase) BlockID() string { return b.ID }

// Base returns b itself, so code can reach the common fields of any Block.
func (b *BlockBase) Base() *BlockBase { return b }

// BlockVersion returns the block's version.
func (b *BlockBase) BlockVersion() int { return b.Version }

// ContactBlock is a person to contact about the content it sits beside.
type ContactBlock struct {
	BlockBase
	ContactName  *string
	ContactTitle *string
	Email        *string
	Phone        *string
}

// BlockKind returns BlockContact.
func (*ContactBlock) BlockKind() BlockKind { return BlockContact }

// Clone returns a copy of b.
func (b *ContactBlock) Clone() Block { c := *b; return &c }

// LinksBlock is a list of related links ("Related info").
type LinksBlock struct {
	BlockBase
	Links []Link
}

// BlockKind returns BlockLinks.
func (*LinksBlock) BlockKind() BlockKind { return BlockLinks }

// Clone returns a copy of b, with its own list of links.
func (b *LinksBlock) Clone() Block { c := *b; c.Links = slices.Clone(b.Links); return &c }

// Link is one entry of a LinksBlock.
type Link struct {
	Label       string
	URL         string
	Description *string
}

// RichTextBlock is a piece of formatted text.
type RichTextBlock struct {
	BlockBase
	Body RichText
}

// BlockKind returns BlockRichText.
func (*RichTextBlock) BlockKind() BlockKind { return BlockRichText }

// Clone returns a copy of b.
func (b *RichTextBlock) Clone() Block { c := *b; return &c }

// CallToActionBlock is a button such as "Join / Renew now".
type CallToActionBlock struct {
	BlockBase
	Label  string
	URL    string
	Action CallToAction
}

// BlockKind returns BlockCallToAction.
func (*CallToActionBlock) BlockKind() BlockKind { return BlockCallToAction }

// Clone returns a copy of b.
func (b *CallToActionBlock) Clone() Block { c := *b; return &c }

// CallToAction is what a call-to-action block asks the reader to do.
type CallToAction string

// The calls to action.
const (
	ActionJoin   CallToAction = "JOIN"
	ActionRenew  CallToAction = "RENEW"
	ActionDonate CallToAction = "DONATE"
	ActionOther  CallToAction = "OTHER"
)

// IsValid reports whether a is one of the defined actions.
func (a CallToAction) IsValid() bool {
	switch a {
	case ActionJoin, ActionRenew, ActionDonate, ActionOther:
		return true
	}
	return false
}

// CreateBlockInput is a new block; which fields apply depends on Kind.
type CreateBlockInput struct {
	Kind         BlockKind
	Title        *string
	ContactName  *string
	ContactTitle *string
	Email        *string
	Phone        *string
	Links        []Link
	Body         *string // editor HTML, sanitised on write
	Label        *string
	URL          *string
	Action       *CallToAction
}

// UpdateBlockInput changes a block; nil fields stay as they are, and fields of another kind
// are refused.
type UpdateBlockInput struct {
	ID           string
	Title        *string
	ContactName  *string
	ContactTitle *string
	Email        *string
	Phone        *string
	Links        []Link
	Body         *string
	Label        *string
	URL          *string
	Action       *CallToAction
}
