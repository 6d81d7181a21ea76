package cms

import (
	"slices"

	"github.com/guildhall/guildhall"
	"github.com/guildhall/guildhall/cursor"
)

// pageByID pages through a short list held in a fixed order, the cursor naming the last item
// seen by its ID.
func pageByID[T any](items []T, first int, after, order string, id func(T) string) (*guildhall.Page[T], error) {
	start := 0
	if after != "" {
		c, err := cursor.Parse(after, order)
		if err != nil {
			return nil, guildhall.InvalidCursor()
		}
		i := slices.IndexFunc(items, func(x T) bool { return id(x) == c.ID })
		if i < 0 {
			return nil, guildhall.InvalidCursor()
		}
		start = i + 1
	}
	end := min(start+first, len(items))
	page := &guildhall.Page[T]{Items: items[start:end], HasNextPage: end < len(items), HasPreviousPage: start > 0,
		Total: func() int { return len(items) }}
	page.Cursor = func(i int) string { return cursor.Cursor{Order: order, ID: id(page.Items[i])}.String() }
	return page, nil
}
