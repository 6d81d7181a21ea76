package catalog_test

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/guildhall/guildhall"
	"github.com/guildhall/guildhall/catalog"
)

// Every listing order stays right through writes of every kind on a catalog large enough to
// hold its orders in many chunks: posts added (new and old dates), replaced (a new date, a new
// title) and deleted, then read page by page in both directions, with a cursor each time, and
// the scheduled posts left out of the newest-first list.
func TestListingsStaySortedThroughWrites(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	c := catalog.New()
	c.PutMember(member("ann", "Ann Ábel", "Ábel, Ann"))
	held, deleted := map[string]*guildhall.Post{}, map[string]bool{}
	put := func(p *guildhall.Post) {
		c.PutPost(p)
		held[p.ID] = p
	}
	at := func() time.Time {
		return now.Add(-time.Duration(rng.Int64N(int64(3000 * time.Hour)))).Truncate(time.Second)
	}
	var bulk []*guildhall.Post
	for i := range 3000 {
		p := post(fmt.Sprintf("p%05d", i), "ann", guildhall.PostPublished, at())
		p.Title = fmt.Sprintf("Title %d", rng.IntN(500)) // titles repeat: the ID breaks ties
		bulk = append(bulk, p)
		held[p.ID] = p
	}
	c.PutPosts(bulk)
	for i := range 3000 {
		switch id := fmt.Sprintf("p%05d", rng.IntN(4000)); { // ids from 3000 on are new
		case i%7 == 0 && held[id] != nil:
			c.RemovePost(id, held[id].Version+1, now)
			delete(held, id)
			deleted[id] = true
		case held[id] != nil:
			next := *held[id]
			next.Version++
			next.UpdatedAt = now.Add(time.Duration(i) * time.Second)
			if i%2 == 0 {
				t := at()
				next.PublishedAt = &t
			} else {
				next.Title = fmt.Sprintf("Retitled %d", rng.IntN(500))
			}
			put(&next)
		case !deleted[id]: // a deleted post does not come back
			p := post(id, "ann", guildhall.PostPublished, at())
			if i%11 == 0 {
				t := now.Add(time.Duration(1+i) * time.Minute) // scheduled
				p.PublishedAt = &t
			}
			put(p)
		}
	}

	for _, order := range []guildhall.PostOrderField{guildhall.OrderPublishedAt, guildhall.OrderUpdatedAt, guildhall.OrderTitle} {
		for _, dir := range []guildhall.OrderDirection{guildhall.Asc, guildhall.Desc} {
			var want []string
			for _, p := range held {
				if p.IsLive(now) {
					want = append(want, p.ID)
				}
			}
			key := func(id string) string {
				p := held[id]
				switch order {
				case guildhall.OrderUpdatedAt:
					return p.UpdatedAt.Format(time.RFC3339Nano)
				case guildhall.OrderTitle:
					return p.Title
				}
				return p.PublishedAt.Format(time.RFC3339Nano)
			}
			slices.SortFunc(want, func(a, b string) int {
				d := cmp.Or(cmp.Compare(key(a), key(b)), cmp.Compare(a, b))
				if dir == guildhall.Desc {
					d = -d
				}
				return d
			})
			var got []string
			q := guildhall.PostQuery{First: 97, OrderBy: order, Direction: dir}
			for {
				page, err := c.Posts(guildhall.Anonymous, now, q)
				if err != nil {
					t.Fatal(err)
				}
				for _, p := range page.Items {
					got = append(got, p.ID)
				}
				if !page.HasNextPage {
					break
				}
				q.After = page.Cursor(len(page.Items) - 1)
			}
			if !slices.Equal(got, want) {
				t.Fatalf("%s %s: %d posts listed, want %d, first difference at %d", order, dir, len(got), len(want), firstDifference(got, want))
			}
			if page, _ := c.Posts(guildhall.Anonymous, now, guildhall.PostQuery{First: 1, OrderBy: order, Direction: dir}); page.Total() != len(want) {
				t.Errorf("%s %s: totalCount %d, want %d", order, dir, page.Total(), len(want))
			}
		}
	}
}

func firstDifference(a, b []string) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}
