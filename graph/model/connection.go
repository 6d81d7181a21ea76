// Package model holds the GraphQL-only shapes: Relay connections over the domain's pages.
// Everything else binds to the domain package directly.
package model

import "github.com/guildhall/guildhall"

// PageInfo is a Relay page info.
type PageInfo struct {
	HasNextPage     bool
	HasPreviousPage bool
	StartCursor     *string
	EndCursor       *string
}

func pageInfo[T any](p *guildhall.Page[T]) *PageInfo {
	info := &PageInfo{HasNextPage: p.HasNextPage, HasPreviousPage: p.HasPreviousPage}
	if n := len(p.Items); n > 0 {
		start, end := p.Cursor(0), p.Cursor(n-1)
		info.StartCursor, info.EndCursor = &start, &end
	}
	return info
}

func edges[T, E any](p *guildhall.Page[T], edge func(cursor string, node T) E) []E {
	out := make([]E, len(p.Items))
	for i, item := range p.Items {
		out[i] = edge(p.Cursor(i), item)
	}
	return out
}

func total[T any](p *guildhall.Page[T]) int {
	if p.Total == nil {
		return len(p.Items)
	}
	return p.Total()
}

// PostConnection is a page of posts. Its fields are methods, so totalCount is counted only
// when a client asks for it.
type PostConnection struct {
	Page *guildhall.Page[*guildhall.Post]
}

// PostEdge is a post and the cursor after it.
type PostEdge struct {
	Cursor string
	Node   *guildhall.Post
}

// Edges lists the page's posts with their cursors.
func (c *PostConnection) Edges() []*PostEdge {
	return edges(c.Page, func(cur string, n *guildhall.Post) *PostEdge { return &PostEdge{cur, n} })
}

// Nodes lists the page's posts.
func (c *PostConnection) Nodes() []*guildhall.Post { return c.Page.Items }

// PageInfo says where the page is.
func (c *PostConnection) PageInfo() *PageInfo { return pageInfo(c.Page) }

// TotalCount counts every post the query matches.
func (c *PostConnection) TotalCount() int { return total(c.Page) }

// MemberConnection is a page of members.
type MemberConnection struct {
	Page *guildhall.Page[*guildhall.Member]
}

// MemberEdge is a member and the cursor after it.
type MemberEdge struct {
	Cursor string
	Node   *guildhall.Member
}

// Edges lists the page's members with their cursors.
func (c *MemberConnection) Edges() []*MemberEdge {
	return edges(c.Page, func(cur string, n *guildhall.Member) *MemberEdge { return &MemberEdge{cur, n} })
}

// Nodes lists the page's members.
func (c *MemberConnection) Nodes() []*guildhall.Member { return c.Page.Items }

// PageInfo says where the page is.
func (c *MemberConnection) PageInfo() *PageInfo { return pageInfo(c.Page) }

// TotalCount counts every member the query matches.
func (c *MemberConnection) TotalCount() int { return total(c.Page) }

// BlockConnection is a page of blocks.
type BlockConnection struct {
	Page *guildhall.Page[guildhall.Block]
}

// BlockEdge is a block and the cursor after it.
type BlockEdge struct {
	Cursor string
	Node   guildhall.Block
}

// Edges lists the page's blocks with their cursors.
func (c *BlockConnection) Edges() []*BlockEdge {
	return edges(c.Page, func(cur string, n guildhall.Block) *BlockEdge { return &BlockEdge{cur, n} })
}

// Nodes lists the page's blocks.
func (c *BlockConnection) Nodes() []guildhall.Block { return c.Page.Items }

// PageInfo says where the page is.
func (c *BlockConnection) PageInfo() *PageInfo { return pageInfo(c.Page) }

// TotalCount counts every block the query matches.
func (c *BlockConnection) TotalCount() int { return total(c.Page) }

// RenewalConnection is a page of renewals.
type RenewalConnection struct {
	Page *guildhall.Page[*guildhall.Renewal]
}

// RenewalEdge is a renewal and the cursor after it.
type RenewalEdge struct {
	Cursor string
	Node   *guildhall.Renewal
}

// Edges lists the page's renewals with their cursors.
func (c *RenewalConnection) Edges() []*RenewalEdge {
	return edges(c.Page, func(cur string, n *guildhall.Renewal) *RenewalEdge { return &RenewalEdge{cur, n} })
}

// Nodes lists the page's renewals.
func (c *RenewalConnection) Nodes() []*guildhall.Renewal { return c.Page.Items }

// PageInfo says where the page is.
func (c *RenewalConnection) PageInfo() *PageInfo { return pageInfo(c.Page) }

// TotalCount counts every renewal.
func (c *RenewalConnection) TotalCount() int { return total(c.Page) }

// ApiTokenConnection is a page of API tokens.
type ApiTokenConnection struct {
	Page *guildhall.Page[*guildhall.Token]
}

// ApiTokenEdge is a token and the cursor after it.
type ApiTokenEdge struct {
	Cursor string
	Node   *guildhall.Token
}

// Edges lists the page's tokens with their cursors.
func (c *ApiTokenConnection) Edges() []*ApiTokenEdge {
	return edges(c.Page, func(cur string, n *guildhall.Token) *ApiTokenEdge { return &ApiTokenEdge{cur, n} })
}

// Nodes lists the page's tokens.
func (c *ApiTokenConnection) Nodes() []*guildhall.Token { return c.Page.Items }

// PageInfo says where the page is.
func (c *ApiTokenConnection) PageInfo() *PageInfo { return pageInfo(c.Page) }

// TotalCount counts every token.
func (c *ApiTokenConnection) TotalCount() int { return total(c.Page) }

// MembershipEventConnection is a page of the membership audit trail.
type MembershipEventConnection struct {
	Page *guildhall.Page[*guildhall.MembershipEvent]
}

// MembershipEventEdge is an event and the cursor after it.
type MembershipEventEdge struct {
	Cursor string
	Node   *guildhall.MembershipEvent
}

// Edges lists the page's events with their cursors.
func (c *MembershipEventConnection) Edges() []*MembershipEventEdge {
	return edges(c.Page, func(cur string, n *guildhall.MembershipEvent) *MembershipEventEdge {
		return &MembershipEventEdge{cur, n}
	})
}

// Nodes lists the page's events.
func (c *MembershipEventConnection) Nodes() []*guildhall.MembershipEvent { return c.Page.Items }

// PageInfo says where the page is.
func (c *MembershipEventConnection) PageInfo() *PageInfo { return pageInfo(c.Page) }

// TotalCount counts every event.
func (c *MembershipEventConnection) TotalCount() int { return total(c.Page) }

// AccountConnection is a page of login accounts.
type AccountConnection struct {
	Page *guildhall.Page[*guildhall.Account]
}

// AccountEdge is an account and the cursor after it.
type AccountEdge struct {
	Cursor string
	Node   *guildhall.Account
}

// Edges pairs each account with its cursor.
func (c *AccountConnection) Edges() []*AccountEdge {
	return edges(c.Page, func(cur string, n *guildhall.Account) *AccountEdge { return &AccountEdge{cur, n} })
}

// Nodes is the accounts of the page.
func (c *AccountConnection) Nodes() []*guildhall.Account { return c.Page.Items }

// PageInfo says whether there are more pages.
func (c *AccountConnection) PageInfo() *PageInfo { return pageInfo(c.Page) }

// TotalCount is how many accounts there are.
func (c *AccountConnection) TotalCount() int { return total(c.Page) }
