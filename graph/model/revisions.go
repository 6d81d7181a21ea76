package model

import "github.com/guildhall/guildhall"

// PostRevisionConnection is a page of a post's history.
type PostRevisionConnection struct {
	Page *guildhall.Page[*guildhall.PostRevision]
}

// PostRevisionEdge is a revision and the cursor after it.
type PostRevisionEdge struct {
	Cursor string
	Node   *guildhall.PostRevision
}

// Edges lists the page's revisions with their cursors.
func (c *PostRevisionConnection) Edges() []*PostRevisionEdge {
	return edges(c.Page, func(cur string, n *guildhall.PostRevision) *PostRevisionEdge { return &PostRevisionEdge{cur, n} })
}

// Nodes lists the page's revisions.
func (c *PostRevisionConnection) Nodes() []*guildhall.PostRevision { return c.Page.Items }

// PageInfo says where the page is.
func (c *PostRevisionConnection) PageInfo() *PageInfo { return pageInfo(c.Page) }

// TotalCount counts the revisions the caller may see.
func (c *PostRevisionConnection) TotalCount() int { return total(c.Page) }
