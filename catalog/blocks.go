package catalog

import (
	"slices"

	"github.com/guildhall/guildhall"
	"github.com/guildhall/guildhall/cursor"
)

const blockOrder = "blocks"

// Block returns the block with the ID.
func (c *Catalog) Block(id string) (guildhall.Block, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	b, ok := c.blocks[id]
	return b, ok
}

// BlocksByID returns the blocks with the IDs, in that order, skipping any that are gone.
func (c *Catalog) BlocksByID(ids []string) []guildhall.Block {
	c.mu.RLock()
	defer c.mu.RUnlock()
	out := make([]guildhall.Block, 0, len(ids))
	for _, id := range ids {
		if b, ok := c.blocks[id]; ok {
			out = append(out, b)
		}
	}
	return out
}

// BlockUsers counts the posts that show the block.
func (c *Catalog) BlockUsers(id string) int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	n := 0
	for _, e := range c.posts {
		if slices.Contains(e.post.BlockIDs, id) {
			n++
		}
	}
	return n
}

// Blocks lists blocks oldest first, optionally of one kind.
func (c *Catalog) Blocks(first int, after string, kind guildhall.BlockKind) (*guildhall.Page[guildhall.Block], error) {
	start := 0
	c.mu.RLock()
	defer c.mu.RUnlock()
	if after != "" {
		cur, err := cursor.Parse(after, blockOrder)
		if err != nil {
			return nil, guildhall.InvalidCursor()
		}
		i, found := slices.BinarySearchFunc(c.blocksSorted, cur.ID, compareBlockID)
		if found {
			i++
		}
		start = i
	}
	match := func(b guildhall.Block) bool { return kind == "" || b.BlockKind() == kind }
	page := &guildhall.Page[guildhall.Block]{HasPreviousPage: after != ""}
	page.Cursor = func(i int) string { return cursor.Cursor{Order: blockOrder, ID: page.Items[i].BlockID()}.String() }
	for _, b := range c.blocksSorted[start:] {
		if !match(b) {
			continue
		}
		if len(page.Items) == first {
			page.HasNextPage = true
			break
		}
		page.Items = append(page.Items, b)
	}
	page.Total = func() int {
		c.mu.RLock()
		defer c.mu.RUnlock()
		n := 0
		for _, b := range c.blocks {
			if match(b) {
				n++
			}
		}
		return n
	}
	return page, nil
}
