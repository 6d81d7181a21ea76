package cmstest

import (
	"time"

	"github.com/guildhall/guildhall"
)

// ExampleBlocks returns a block of every kind with every field of its kind set, for tests that
// go through each kind (storing them, reading them back). A new kind needs an example here;
// TestExampleBlocksCoverEveryKind says so.
func ExampleBlocks(at time.Time) []guildhall.Block {
	base := func(id string) guildhall.BlockBase {
		title := "Example " + id
		return guildhall.BlockBase{ID: id, Version: 1, Title: &title, CreatedAt: at, UpdatedAt: at}
	}
	return []guildhall.Block{
		&guildhall.ContactBlock{BlockBase: base("blk_contact"), ContactName: ptr("Ann Example"), ContactTitle: ptr("Events"),
			Email: ptr("events@example.org"), Phone: ptr("+44 20 7946 0000")},
		&guildhall.LinksBlock{BlockBase: base("blk_links"), Links: []guildhall.Link{
			{Label: "Code of ethics", URL: "https://example.org/ethics", Description: ptr("What members promise")},
			{Label: "Supervisors", URL: "https://example.org/supervisors"}}},
		&guildhall.RichTextBlock{BlockBase: base("blk_richtext"), Body: guildhall.NewRichText("<p>Open <em>daily</em>.</p>", "Open daily.", 2)},
		&guildhall.CallToActionBlock{BlockBase: base("blk_cta"), Label: "Renew now", URL: "https://example.org/renew", Action: guildhall.ActionRenew},
	}
}
