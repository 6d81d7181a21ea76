package catalog

import (
	"cmp"
	"maps"
	"slices"

	"github.com/guildhall/guildhall"
)

// PutWebhook adds or replaces a webhook registration, unless the catalog has that version or
// a newer one, or knows it deleted at a newer one.
func (c *Catalog) PutWebhook(w *guildhall.Webhook) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if old, ok := c.webhooks[w.ID]; ok && old.Version >= w.Version || c.deleted[w.ID] > w.Version {
		return
	}
	if c.webhooks == nil {
		c.webhooks = map[string]*guildhall.Webhook{}
	}
	c.webhooks[w.ID] = w
	c.generation.Add(1)
}

// RemoveWebhook deletes a webhook if the catalog's copy is older than the deletion, and
// remembers the deletion, so that a late change-log entry cannot bring it back.
func (c *Catalog) RemoveWebhook(id string, version int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.deleted[id] = max(c.deleted[id], version)
	if old, ok := c.webhooks[id]; !ok || old.Version >= version {
		return
	}
	delete(c.webhooks, id)
	c.generation.Add(1)
}

// Webhook returns the webhook with the ID.
func (c *Catalog) Webhook(id string) (*guildhall.Webhook, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	w, ok := c.webhooks[id]
	return w, ok
}

// Webhooks lists the registered webhooks, oldest first (IDs sort by creation time).
func (c *Catalog) Webhooks() []*guildhall.Webhook {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return slices.SortedFunc(maps.Values(c.webhooks), func(a, b *guildhall.Webhook) int { return cmp.Compare(a.ID, b.ID) })
}
