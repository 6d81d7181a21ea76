package demo

import "github.com/guildhall/guildhall"

// blockSpecs are the related-info blocks posts refer to by key.
var blockSpecs = []Block{
	{
		Key: "contact-events", Kind: guildhall.BlockContact, Title: "Events team",
		ContactName: "Rhiannon Blake", ContactTitle: "Events Coordinator",
		Email: "events@northfield.example", Phone: "+44 20 7946 0321",
	},
	{
		Key: "contact-membership", Kind: guildhall.BlockContact, Title: "Membership office",
		ContactName: "Gemma Holloway", ContactTitle: "Membership Officer",
		Email: "membership@northfield.example", Phone: "+44 20 7946 0410",
	},
	{
		Key: "contact-ethics", Kind: guildhall.BlockContact, Title: "Ethics helpline",
		ContactName: "Dr Samuel Okoye", ContactTitle: "Head of Professional Standards",
		Email: "ethics@northfield.example", Phone: "+44 20 7946 0455",
	},
	{
		Key: "contact-eastbrook", Kind: guildhall.BlockContact, Title: "Eastbrook regional group",
		ContactName: "José Núñez", ContactTitle: "Group Convenor",
		Email: "eastbrook@northfield.example", Phone: "+44 1632 960418",
	},
	{
		Key: "links-ethics", Kind: guildhall.BlockLinks, Title: "Related info",
		Links: []guildhall.Link{
			{Label: "Code of Ethics and Practice", URL: "https://northfield.example/ethics/code",
				Description: ptr("The standards every member agrees to work to.")},
			{Label: "Raising a concern about a member", URL: "https://northfield.example/ethics/concerns"},
			{Label: "Ethics helpline: frequently asked questions", URL: "https://northfield.example/ethics/helpline-faq"},
			{Label: "Good practice in record keeping", URL: "https://northfield.example/resources/record-keeping",
				Description: ptr("Guidance on what to record, how to store it and for how long.")},
		},
	},
	{
		Key: "links-cpd", Kind: guildhall.BlockLinks, Title: "CPD requirements",
		Links: []guildhall.Link{
			{Label: "CPD policy for members", URL: "https://northfield.example/cpd/policy",
				Description: ptr("30 hours a year, recorded and reflected on.")},
			{Label: "CPD log template", URL: "https://northfield.example/cpd/log-template"},
			{Label: "Upcoming training and workshops", URL: "https://northfield.example/events?type=training"},
			{Label: "Accreditation criteria", URL: "https://northfield.example/accreditation"},
		},
	},
	{
		Key: "links-find-counsellor", Kind: guildhall.BlockLinks, Title: "Find a counsellor",
		Links: []guildhall.Link{
			{Label: "Search the member directory", URL: "https://northfield.example/find-a-counsellor",
				Description: ptr("Search by location, specialism, language and fee.")},
			{Label: "What to expect from counselling", URL: "https://northfield.example/about-counselling"},
			{Label: "Low-cost and free counselling services", URL: "https://northfield.example/low-cost"},
			{Label: "If you need urgent help", URL: "https://www.urgent-support.example/",
				Description: ptr("Counselling is not an emergency service. If you are in danger, get help now.")},
		},
	},
	{
		Key: "links-students", Kind: guildhall.BlockLinks, Title: "For trainees and students",
		Links: []guildhall.Link{
			{Label: "Student membership", URL: "https://northfield.example/join/student"},
			{Label: "Finding a placement", URL: "https://northfield.example/students/placements"},
			{Label: "Supervision requirements for trainees", URL: "https://northfield.example/students/supervision"},
			{Label: "Bursaries for trainees", URL: "https://northfield.example/students/bursaries",
				Description: ptr("Help with course fees and personal therapy costs.")},
		},
	},
	{
		Key: "richtext-about", Kind: guildhall.BlockRichText, Title: "About the Society",
		BodyHTML: `<p>The <strong>Northfield Society of Counsellors and Therapists</strong> is a membership body for counsellors, psychotherapists and trainees across the region. Founded in 1968, it has around 2,400 members.</p>
<p>Members agree to work to our <a href="https://northfield.example/ethics/code">Code of Ethics and Practice</a>, complete at least 30 hours of CPD a year and have regular supervision.</p>`,
	},
	{
		Key: "cta-join", Kind: guildhall.BlockCallToAction, Title: "Become a member",
		Label: "Join now", URL: "https://northfield.example/join", Action: guildhall.ActionJoin,
	},
	{
		Key: "cta-renew", Kind: guildhall.BlockCallToAction, Title: "Renew your membership",
		Label: "Renew now", URL: "https://northfield.example/renew", Action: guildhall.ActionRenew,
	},
	{
		Key: "cta-donate", Kind: guildhall.BlockCallToAction, Title: "Support the Trainee Bursary Fund",
		Label: "Donate", URL: "https://northfield.example/donate", Action: guildhall.ActionDonate,
	},
}

// buildBlocks returns copies of the block specs, so callers may change them freely.
func buildBlocks() []Block {
	blocks := make([]Block, len(blockSpecs))
	for i, b := range blockSpecs {
		if b.Links != nil {
			links := make([]guildhall.Link, len(b.Links))
			for j, l := range b.Links {
				if l.Description != nil {
					l.Description = ptr(*l.Description)
				}
				links[j] = l
			}
			b.Links = links
		}
		blocks[i] = b
	}
	return blocks
}

func ptr(s string) *string { return &s }
