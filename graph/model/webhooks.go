package model

import "github.com/guildhall/guildhall"

// WebhookConnection is a page of webhooks.
type WebhookConnection struct {
	Page *guildhall.Page[*guildhall.Webhook]
}

// WebhookEdge is a webhook and the cursor after it.
type WebhookEdge struct {
	Cursor string
	Node   *guildhall.Webhook
}

// Edges lists the page's webhooks with their cursors.
func (c *WebhookConnection) Edges() []*WebhookEdge {
	return edges(c.Page, func(cur string, n *guildhall.Webhook) *WebhookEdge { return &WebhookEdge{cur, n} })
}

// Nodes lists the page's webhooks.
func (c *WebhookConnection) Nodes() []*guildhall.Webhook { return c.Page.Items }

// PageInfo says where the page is.
func (c *WebhookConnection) PageInfo() *PageInfo { return pageInfo(c.Page) }

// TotalCount counts every webhook.
func (c *WebhookConnection) TotalCount() int { return total(c.Page) }

// WebhookDeliveryConnection is a page of the delivery log.
type WebhookDeliveryConnection struct {
	Page *guildhall.Page[*guildhall.WebhookDelivery]
	// Count counts the whole log, in the database, only when totalCount is asked for.
	Count func() (int, error)
}

// WebhookDeliveryEdge is a delivery and the cursor after it.
type WebhookDeliveryEdge struct {
	Cursor string
	Node   *guildhall.WebhookDelivery
}

// Edges lists the page's deliveries with their cursors.
func (c *WebhookDeliveryConnection) Edges() []*WebhookDeliveryEdge {
	return edges(c.Page, func(cur string, n *guildhall.WebhookDelivery) *WebhookDeliveryEdge {
		return &WebhookDeliveryEdge{cur, n}
	})
}

// Nodes lists the page's deliveries.
func (c *WebhookDeliveryConnection) Nodes() []*guildhall.WebhookDelivery { return c.Page.Items }

// PageInfo says where the page is.
func (c *WebhookDeliveryConnection) PageInfo() *PageInfo { return pageInfo(c.Page) }

// TotalCount counts every delivery the query matches. It reads the database and may fail:
// the failure is the field's error, never a count of 0.
func (c *WebhookDeliveryConnection) TotalCount() (int, error) { return c.Count() }
