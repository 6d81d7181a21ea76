package app_test

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/guildhall/guildhall/app"
	"github.com/guildhall/guildhall/clock"
)

// Instances started together on an empty database: one loads the demo content, and every
// one of them serves it, without a restart.
func TestInstancesStartTogether(t *testing.T) {
	for round := range 3 { // the race is in the timing: try it a few times
		t.Run(fmt.Sprint(round), func(t *testing.T) {
			clock := clock.NewManual(fixtureNow)
			cfg := app.Config{Addr: "127.0.0.1:0", MongoURI: sharedURI, Database: uniqueDB(t), AdminToken: adminToken,
				Seed: true, SyncInterval: 50 * time.Millisecond, Now: clock.Now, DBTimeout: 30 * time.Second}
			servers := make([]*testServer, 3)
			errs := make([]error, len(servers))
			var wg sync.WaitGroup
			for i := range servers {
				wg.Go(func() {
					a, err := app.Start(context.Background(), cfg, slog.New(slog.DiscardHandler))
					if err != nil {
						errs[i] = err
						return
					}
					servers[i] = &testServer{t: t, app: a, URL: "http://" + a.Addr(), cfg: cfg}
					t.Cleanup(servers[i].Stop)
				})
			}
			wg.Wait()
			for i, err := range errs {
				if err != nil {
					t.Fatalf("instance %d: %v", i, err)
				}
			}
			const q = `{ posts(first: 1) { totalCount } members(first: 1) { totalCount } blocks(first: 1) { totalCount } }`
			want := servers[0].MustQuery("", q, nil)
			if num(want, "posts.totalCount") == 0 || num(want, "members.totalCount") == 0 {
				t.Fatalf("instance 0 serves no content: %v", dump(want))
			}
			for i, s := range servers[1:] {
				if got := s.MustQuery("", q, nil); dump(got) != dump(want) {
					t.Errorf("instance %d serves %v, instance 0 %v", i+1, dump(got), dump(want))
				}
			}
		})
	}
}

// An instance that starts moments after a deletion does not bring the deleted back from the
// change log's window it re-reads at start (the entries of the versions before the deletion),
// even when the deletion's own commit entry is missing (its writer crashed).
func TestDeletedStaysDeletedAfterStart(t *testing.T) {
	crash := &crashSwitch{}
	a := MustRunServer(t, func(c *app.Config) { c.Failpoint = crash.hook })
	author := str(a.MustQuery("", `{ member(slug: "christian-billington") { id } }`, nil), "member.id")
	post := str(a.MustQuery(adminToken, `mutation($a: ID) { createPost(input: {title: "Short-lived", body: "<p>x</p>", authorId: $a}) { id } }`,
		map[string]any{"a": author}), "createPost.id")
	block := str(a.MustQuery(adminToken, `mutation { createBlock(input: {kind: CONTACT, contactName: "Short-lived"}) { id } }`, nil), "createBlock.id")
	hook := str(a.MustQuery(adminToken, `mutation { createWebhook(input: {url: "https://hooks.example/x", events: [POST_PUBLISHED], secret: "0123456789abcdef"}) { id } }`, nil),
		"createWebhook.id")
	for _, d := range []struct{ step, mutation, id string }{
		{"post:revision", `mutation($id: ID!) { deletePost(id: $id) }`, post},
		{"block:revision", `mutation($id: ID!) { deleteBlock(id: $id) }`, block},
		{"webhook:revision", `mutation($id: ID!) { deleteWebhook(id: $id) }`, hook},
	} {
		crash.arm(d.step)
		if r := a.Query(adminToken, d.mutation, map[string]any{"id": d.id}); r.Code() == "" || !crash.didFire() {
			t.Fatalf("%s: the crash did not happen", d.step)
		}
	}

	b := startAnother(t, a.cfg)
	for range 3 { // polls that re-read the creations
		time.Sleep(200 * time.Millisecond)
		if r := b.Query(adminToken, `query($id: ID) { post(id: $id) { id } }`, map[string]any{"id": post}); r.Code() != "NOT_FOUND" {
			t.Errorf("the deleted post is back: %+v %v", r.Errors, r.Data)
		}
		if r := b.Query(adminToken, `query($id: ID!) { block(id: $id) { id } }`, map[string]any{"id": block}); r.Code() != "NOT_FOUND" {
			t.Errorf("the deleted block is back: %+v %v", r.Errors, r.Data)
		}
		if d := b.MustQuery(adminToken, `{ webhooks(first: 100) { totalCount } }`, nil); num(d, "webhooks.totalCount") != 0 {
			t.Errorf("the deleted webhook is back: %v", dump(d))
		}
	}
}
