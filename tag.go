package guildhall

// Tag is one tag as the tag list shows it: posts' tags whose slugs are the same are one tag.
type Tag struct {
	// Name is the tag as it was first spelt (its oldest post's spelling).
	Name string
	// Slug is the tag's URL form ("Clinical Supervision" is "clinical-supervision"): what
	// decides which spellings are the same tag.
	Slug string
	// PostCount counts the tag's published posts whose time has come (and not gone).
	PostCount int
}

// TagQuery selects tags: a page of them in slug order, those whose name has every word of
// Search (the last one may be unfinished). All lists only tags with a published post; staff
// may ask for every tag in use.
type TagQuery struct {
	First  int
	After  string
	Search string
	All    bool
}

// TagFilter is the GraphQL filter of tags.
type TagFilter struct {
	Search *string
}
