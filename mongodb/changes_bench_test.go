package mongodb_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/guildhall/guildhall"
	"github.com/guildhall/guildhall/internal/packtext"
)

// BenchmarkFollowerPoll is what one poll of the change log costs a follower on the embedded
// engine, with the window a poll reads holding 6 s of writes at 200 a second (1,200 post
// revisions of about 4 KB, each an intent and a commit entry): "own" when it holds them all
// already (an instance re-reading its own writes, and everyone's it read in the last poll,
// which is most of every poll), "foreign" when it holds none of them.
//
//	go test ./mongodb -run '^$' -bench FollowerPoll -benchtime 20x
func BenchmarkFollowerPoll(b *testing.B) {
	s := MustOpenStore(b)
	ctx := context.Background()
	start := time.Now().UTC().Truncate(time.Millisecond)
	clock := start
	s.Now = func() time.Time { return clock }
	body := strings.Repeat("<p>word word word word word</p>", 130)
	const writes = 1200
	for i := range writes {
		p := testPost(1, "Revision")
		p.ID, p.Slug = fmt.Sprintf("pst_%04d", i), fmt.Sprintf("s-%d", i)
		p.Body = packtext.RichText(body, body, 0)
		if err := s.SavePost(ctx, p); err != nil {
			b.Fatal(err)
		}
		clock = clock.Add(5 * time.Millisecond)
	}
	known := func(guildhall.EntityKind, string, int) bool { return true }
	for _, tc := range []struct {
		name  string
		known func(guildhall.EntityKind, string, int) bool
	}{{"own", known}, {"foreign", nil}} {
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				changes, err := s.ChangesSince(ctx, start, tc.known)
				if err != nil || len(changes) != writes {
					b.Fatal(len(changes), err)
				}
				if tc.known == nil && changes[writes-1].Post == nil {
					b.Fatal("a change without its post")
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/writes, "us/entry")
		})
	}
}
