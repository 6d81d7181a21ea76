package mongodb_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/guildhall/guildhall"
	"github.com/guildhall/guildhall/internal/packtext"
)

// BenchmarkRevisionReads measures the ways of reading a post's history on the embedded
// engine, with 5,000 revisions of about 4 KB stored (1,000 posts, 5 revisions each). It is
// why the history is listed from the catalog and only a revision's body is read, by _id:
//
//	go test ./mongodb -run '^$' -bench RevisionReads -benchtime 5x
func BenchmarkRevisionReads(b *testing.B) {
	s := MustOpenStore(b)
	ctx := context.Background()
	body := strings.Repeat("<p>word word word word word</p>", 130)
	var c guildhall.Content
	for i := range 1000 {
		for v := 1; v <= 5; v++ {
			p := testPost(v, "Revision")
			p.ID, p.Slug = fmt.Sprintf("pst_%04d", i), fmt.Sprintf("s-%d-%d", i, v)
			p.Body = packtext.RichText(body, body, 0)
			c.Posts = append(c.Posts, p)
		}
	}
	if err := s.Seed(ctx, &c); err != nil {
		b.Fatal(err)
	}
	b.Run("history query by post", func(b *testing.B) {
		for b.Loop() {
			if revs, err := s.PostRevisions(ctx, "pst_0500"); err != nil || len(revs) != 5 {
				b.Fatal(len(revs), err)
			}
		}
	})
	b.Run("one revision by _id", func(b *testing.B) {
		for b.Loop() {
			if _, err := s.PostRevision(ctx, "pst_0500", 3); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("load everything", func(b *testing.B) {
		for b.Loop() {
			if content, err := s.Load(ctx); err != nil || len(content.PostHistory) != 5000 {
				b.Fatal(err)
			}
		}
	})
}
