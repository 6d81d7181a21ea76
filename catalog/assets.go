package catalog

import (
	"slices"
	"strings"

	"github.com/guildhall/guildhall"
)

// PutAsset adds or replaces an asset, unless the catalog has that version or a newer one, or
// knows it deleted.
func (c *Catalog) PutAsset(a *guildhall.Asset) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.deleted[a.ID] > a.Version {
		return
	}
	if old, ok := c.assets[a.ID]; ok && old.Version >= a.Version {
		return
	}
	if c.assets == nil {
		c.assets = map[string]*guildhall.Asset{}
	}
	c.assets[a.ID] = a
	c.generation.Add(1)
}

// RemoveAsset deletes an asset if the catalog's copy is older than the deletion.
func (c *Catalog) RemoveAsset(id string, version int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.deleted[id] = max(c.deleted[id], version)
	if old, ok := c.assets[id]; !ok || old.Version >= version {
		return
	}
	delete(c.assets, id)
	c.generation.Add(1)
}

// AssetDeleted reports whether the asset with the ID was deleted: an import must not bring
// it back.
func (c *Catalog) AssetDeleted(id string) bool {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.deleted[id] > 0
}

// Asset returns the asset with the ID.
func (c *Catalog) Asset(id string) (*guildhall.Asset, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	a, ok := c.assets[id]
	return a, ok
}

// Assets returns the assets match accepts, newest first (IDs sort by creation time).
func (c *Catalog) Assets(match func(*guildhall.Asset) bool) []*guildhall.Asset {
	c.mu.RLock()
	out := make([]*guildhall.Asset, 0, len(c.assets))
	for _, a := range c.assets {
		if match == nil || match(a) {
			out = append(out, a)
		}
	}
	c.mu.RUnlock()
	slices.SortFunc(out, func(a, b *guildhall.Asset) int { return strings.Compare(b.ID, a.ID) })
	return out
}

// AssetsWithSum counts the assets whose bytes have the SHA-256 sum: the same file uploaded
// twice is two assets with one stored original.
func (c *Catalog) AssetsWithSum(sum string) int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	n := 0
	for _, a := range c.assets {
		if a.SHA256 == sum {
			n++
		}
	}
	return n
}

// showsAsset reports whether a post's content (or its pending changes) shows the asset.
func showsAsset(c guildhall.PostContent, id string) bool {
	return c.FeaturedImageID != nil && *c.FeaturedImageID == id || slices.Contains(c.ImageIDs, id)
}

// AssetUsers lists the IDs of the posts (featured image or body, live or pending), members (avatar or bio)
// and blocks (body) that use the asset, in that order.
func (c *Catalog) AssetUsers(id string) []string {
	c.mu.RLock()
	defer c.mu.RUnlock()
	var posts, members, blocks []string
	inHTML := "/media/" + id + "/"
	for pid, e := range c.posts {
		p := e.post
		if showsAsset(p.Content(), id) || p.Pending != nil && showsAsset(p.Pending.PostContent, id) {
			posts = append(posts, pid)
		}
	}
	for mid, e := range c.members {
		m := e.member
		if m.AvatarID != nil && *m.AvatarID == id || m.Bio != nil && strings.Contains(m.Bio.HTML(), inHTML) {
			members = append(members, mid)
		}
	}
	for bid, b := range c.blocks {
		if rt, ok := b.(*guildhall.RichTextBlock); ok && strings.Contains(rt.Body.HTML(), inHTML) {
			blocks = append(blocks, bid)
		}
	}
	slices.Sort(posts)
	slices.Sort(members)
	slices.Sort(blocks)
	return slices.Concat(posts, members, blocks)
}
