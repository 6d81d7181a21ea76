package model

import "github.com/guildhall/guildhall"

// AssetConnection is a page of assets.
type AssetConnection struct {
	Page *guildhall.Page[*guildhall.Asset]
}

// AssetEdge is an asset and the cursor after it.
type AssetEdge struct {
	Cursor string
	Node   *guildhall.Asset
}

// Edges lists the page's assets with their cursors.
func (c *AssetConnection) Edges() []*AssetEdge {
	return edges(c.Page, func(cur string, n *guildhall.Asset) *AssetEdge { return &AssetEdge{cur, n} })
}

// Nodes lists the page's assets.
func (c *AssetConnection) Nodes() []*guildhall.Asset { return c.Page.Items }

// PageInfo says where the page is.
func (c *AssetConnection) PageInfo() *PageInfo { return pageInfo(c.Page) }

// TotalCount counts every matching asset.
func (c *AssetConnection) TotalCount() int { return total(c.Page) }
