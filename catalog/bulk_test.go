package catalog_test

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/guildhall/guildhall"
	"github.com/guildhall/guildhall/catalog"
)

// PutPosts must leave the catalog exactly as PutPost one by one would.
func TestPutPostsEqualsPutPost(t *testing.T) {
	var posts []*guildhall.Post
	for i := range 60 {
		p := post(fmt.Sprintf("p%02d", (i*37)%60), []string{"ann", "bob"}[i%2], guildhall.PostPublished, now.Add(-time.Duration(i)*time.Hour), fmt.Sprint("tag", i%3))
		p.Title = fmt.Sprintf("Title %d", (i*7)%13)
		posts = append(posts, p)
	}
	newer := *posts[5]
	newer.Version, newer.Title = 2, "Renamed"
	older := *posts[6]
	older.Version, older.Title = 0, "Never shown"
	posts = append(posts, &newer, &older)

	one, bulk := catalog.New(), catalog.New()
	for _, c := range []*catalog.Catalog{one, bulk} {
		c.PutMember(member("ann", "Ann Ábel", "Ábel, Ann"))
		c.PutMember(member("bob", "Bob Zeller", "Zeller, Bob"))
	}
	for _, p := range posts {
		one.PutPost(p)
	}
	bulk.PutPosts(posts[:30])
	bulk.PutPosts(posts[30:]) // a second batch over existing content, with a replacement
	for _, order := range []guildhall.PostOrderField{guildhall.OrderPublishedAt, guildhall.OrderUpdatedAt, guildhall.OrderTitle} {
		for _, q := range []guildhall.PostQuery{{OrderBy: order}, {OrderBy: order, Direction: guildhall.Asc}, {OrderBy: order, AuthorID: "bob"}, {OrderBy: order, Tag: "tag1"}} {
			q.First = 7
			a, b := walk(t, one, q, nil), walk(t, bulk, q, nil)
			if !slices.Equal(a, b) || len(a) == 0 {
				t.Errorf("%+v: one by one %v, in bulk %v", q, a, b)
			}
		}
	}
	if p, _ := bulk.Post(staff, now, newer.ID); p.Title != "Renamed" {
		t.Errorf("the newer version did not replace the older: %q", p.Title)
	}
	if p, _ := bulk.Post(staff, now, older.ID); p.Title == "Never shown" {
		t.Errorf("an older version replaced a newer one")
	}
}
