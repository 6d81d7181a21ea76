package app_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/guildhall/guildhall/app"
	"github.com/guildhall/guildhall/embedded/embeddedtest"
)

// authoring helps the tests below write through GraphQL with the admin token.
type authoring struct {
	t        *testing.T
	s        *testServer
	authorID string
}

func newAuthoring(t *testing.T, s *testServer) *authoring {
	t.Helper()
	return &authoring{t: t, s: s, authorID: str(s.MustQuery("", `{ member(slug: "christian-billington") { id } }`, nil), "member.id")}
}

// create makes a draft and returns its ID. extra adds fields to the input ("tags: [...]").
func (a *authoring) create(title, extra string) string {
	a.t.Helper()
	d := a.s.MustQuery(adminToken, `mutation($a: ID, $t: String!) { createPost(input: {title: $t, body: "<p>Body of `+title+`</p>", authorId: $a `+extra+`}) { id } }`,
		map[string]any{"a": a.authorID, "t": title})
	return str(d, "createPost.id")
}

// mutate runs a mutation on the post $id with the admin token.
func (a *authoring) mutate(query, id string) *gqlResponse {
	a.t.Helper()
	return a.s.Query(adminToken, query, map[string]any{"id": id})
}

// state is what staff read of a post: status, version and publishedAt.
func (a *authoring) state(id string) (status string, version int, publishedAt any) {
	a.t.Helper()
	d := a.s.MustQuery(adminToken, `query($id: ID) { post(id: $id) { status version publishedAt } }`, map[string]any{"id": id})
	return str(d, "post.status"), num(d, "post.version"), get(d, "post.publishedAt")
}

func fieldsOf(e gqlError) map[string]any {
	f, _ := e.Extensions["fields"].(map[string]any)
	return f
}

const (
	publishQ   = `mutation($id: ID!) { publishPost(id: $id) { status } }`
	unpublishQ = `mutation($id: ID!) { unpublishPost(id: $id) { status publishedAt } }`
	archiveQ   = `mutation($id: ID!) { archivePost(id: $id) { status } }`
)

// The lifecycle as a table: every status a post can be in, every action, with the clock
// moved for scheduling. Refused moves are BAD_USER_INPUT naming the reason and change nothing.
func TestLifecycle(t *testing.T) {
	s := MustRunServer(t)
	a := newAuthoring(t, s)
	schedule := func(id string) {
		at := s.Clock.Now().Add(time.Hour).Format(time.RFC3339)
		s.MustQuery(adminToken, `mutation($id: ID!, $at: Time) { publishPost(id: $id, publishAt: $at) { id } }`, map[string]any{"id": id, "at": at})
	}
	setups := map[string]func(id string){
		"DRAFT":     func(string) {},
		"SCHEDULED": schedule,
		"PUBLISHED": func(id string) { a.mutate(publishQ, id) },
		"ARCHIVED":  func(id string) { a.mutate(archiveQ, id) },
		// Scheduled, and then its time comes: published by the clock alone.
		"PUBLISHED (was scheduled)": func(id string) { schedule(id); s.Clock.Advance(2 * time.Hour) },
	}
	table := []struct {
		from, action, want string // want: the status after, or a refusal reason's key words
	}{
		{"DRAFT", "publish", "PUBLISHED"},
		{"DRAFT", "schedule", "SCHEDULED"},
		{"DRAFT", "unpublish", "refused: is a draft already"},
		{"DRAFT", "archive", "ARCHIVED"},
		{"SCHEDULED", "publish", "PUBLISHED"},
		{"SCHEDULED", "schedule", "SCHEDULED"},
		{"SCHEDULED", "unpublish", "DRAFT"},
		{"SCHEDULED", "archive", "ARCHIVED"},
		{"PUBLISHED", "publish", "refused: is already published"},
		{"PUBLISHED", "schedule", "refused: is already published"},
		{"PUBLISHED", "unpublish", "DRAFT"},
		{"PUBLISHED", "archive", "ARCHIVED"},
		{"PUBLISHED (was scheduled)", "publish", "refused: is already published"},
		{"PUBLISHED (was scheduled)", "unpublish", "DRAFT"},
		{"ARCHIVED", "publish", "refused: is archived"},
		{"ARCHIVED", "schedule", "refused: is archived"},
		{"ARCHIVED", "unpublish", "DRAFT"},
		{"ARCHIVED", "archive", "refused: is archived already"},
	}
	for _, tc := range table {
		t.Run(tc.from+" "+tc.action, func(t *testing.T) {
			id := a.create("Lifecycle "+tc.from+" "+tc.action, "")
			setups[tc.from](id)
			from, version, _ := a.state(id)
			if want := strings.Fields(tc.from)[0]; from != want {
				t.Fatalf("setup: status %s, want %s", from, want)
			}
			var r *gqlResponse
			switch tc.action {
			case "publish":
				r = a.mutate(publishQ, id)
			case "schedule":
				at := s.Clock.Now().Add(24 * time.Hour).Format(time.RFC3339)
				r = s.Query(adminToken, `mutation($id: ID!, $at: Time) { publishPost(id: $id, publishAt: $at) { status } }`, map[string]any{"id": id, "at": at})
			case "unpublish":
				r = a.mutate(unpublishQ, id)
			case "archive":
				r = a.mutate(archiveQ, id)
			}
			status, after, publishedAt := a.state(id)
			if reason, refused := strings.CutPrefix(tc.want, "refused: "); refused {
				if r.Code() != "BAD_USER_INPUT" {
					t.Fatalf("code %q, want BAD_USER_INPUT; errors %+v", r.Code(), r.Errors)
				}
				if why, _ := fieldsOf(r.Errors[0])["id"].(string); !strings.Contains(why, reason) || !strings.Contains(r.Errors[0].Message, reason) {
					t.Errorf("reason %q / message %q, want %q", why, r.Errors[0].Message, reason)
				}
				if status != from || after != version {
					t.Errorf("a refused move changed the post: %s v%d -> %s v%d", from, version, status, after)
				}
				return
			}
			if r.Code() != "" || status != tc.want || after != version+1 {
				t.Fatalf("got %s v%d (was v%d), want %s; errors %+v", status, after, version, tc.want, r.Errors)
			}
			if status == "DRAFT" && publishedAt != nil {
				t.Errorf("a draft keeps publishedAt %v", publishedAt)
			}
		})
	}
}

// A scheduled post appears in lists and reads when its time comes, and an archived post is
// gone from every public path while staff still reach it.
func TestScheduledAndArchivedVisibility(t *testing.T) {
	s := MustRunServer(t)
	a := newAuthoring(t, s)
	id := a.create("Scheduled for later", `tags: ["visibility-test"]`)
	at := s.Clock.Now().Add(time.Hour)
	s.MustQuery(adminToken, `mutation($id: ID!, $at: Time) { publishPost(id: $id, publishAt: $at) { id } }`, map[string]any{"id": id, "at": at.Format(time.RFC3339)})
	public := func() (found bool, listed int, code string) {
		r := s.Query("", `query($id: ID) { post(id: $id) { id } posts(filter: {tag: "visibility-test"}) { totalCount } }`, map[string]any{"id": id})
		return get(r.Data, "post.id") == id, num(r.Data, "posts.totalCount"), r.Code()
	}
	if found, listed, code := public(); found || listed != 0 || code != "NOT_FOUND" {
		t.Fatalf("before its time: found %v, listed %d, code %q", found, listed, code)
	}
	s.Clock.Advance(time.Hour)
	if found, listed, code := public(); !found || listed != 1 || code != "" {
		t.Fatalf("at its time: found %v, listed %d, code %q", found, listed, code)
	}
	a.mutate(archiveQ, id)
	if found, listed, code := public(); found || listed != 0 || code != "NOT_FOUND" {
		t.Fatalf("archived: found %v, listed %d, code %q", found, listed, code)
	}
	d := s.MustQuery(adminToken, `query($id: ID) { post(id: $id) { status publishedAt } posts(filter: {status: ARCHIVED, tag: "visibility-test"}) { totalCount } }`, map[string]any{"id": id})
	if str(d, "post.status") != "ARCHIVED" || str(d, "post.publishedAt") == "" || num(d, "posts.totalCount") != 1 {
		t.Errorf("staff view of an archived post: %v", dump(d))
	}
}

// Twenty editors save the same version at once: exactly one wins each round, the others get
// CONFLICT with the current version, and the history holds every accepted revision.
func TestConcurrentUpdates(t *testing.T) {
	s := MustRunServer(t)
	a := newAuthoring(t, s)
	id := a.create("Contended", "")
	winners := raceUpdates(t, []*testServer{s}, id, 3)
	checkHistory(t, s, id, winners)
}

// The same race across two instances on one database.
func TestConcurrentUpdatesTwoInstances(t *testing.T) {
	db := embeddedtest.Start(t)
	shared := func(c *app.Config) { c.MongoURI = db.URI(); c.Database = "shared" }
	a := MustRunServer(t, shared)
	b := MustRunServer(t, shared)
	id := newAuthoring(t, a).create("Contended across instances", "")
	winners := raceUpdates(t, []*testServer{a, b}, id, 2)
	checkHistory(t, a, id, winners)
	checkHistory(t, b, id, winners)
}

// raceUpdates runs rounds of 20 concurrent updatePost calls naming the same version, spread
// over the servers, each server first waiting until it has that version. It returns the
// winning title of each round.
func raceUpdates(t *testing.T, servers []*testServer, id string, rounds int) []string {
	t.Helper()
	const racers = 20
	var winners []string
	for round := range rounds {
		version := round + 1
		for _, s := range servers {
			waitForVersion(t, s, id, version)
		}
		type result struct {
			title, code string
			current     any
		}
		results := make(chan result, racers)
		var wg sync.WaitGroup
		start := make(chan struct{})
		for i := range racers {
			s := servers[i%len(servers)]
			title := fmt.Sprintf("Round %d, editor %d", round+1, i)
			wg.Go(func() {
				<-start
				r := s.Query(adminToken, `mutation($id: ID!, $v: Int!, $t: String) { updatePost(input: {id: $id, expectedVersion: $v, title: $t}) { version } }`,
					map[string]any{"id": id, "v": version, "t": title})
				res := result{title: title, code: r.Code()}
				if len(r.Errors) > 0 {
					res.current = r.Errors[0].Extensions["currentVersion"]
				}
				results <- res
			})
		}
		close(start)
		wg.Wait()
		close(results)
		var won []string
		conflicts := 0
		for r := range results {
			switch r.code {
			case "":
				won = append(won, r.title)
			case "CONFLICT":
				conflicts++
				if r.current != float64(version+1) {
					t.Errorf("round %d: CONFLICT with currentVersion %v, want %d", round+1, r.current, version+1)
				}
			default:
				t.Errorf("round %d: unexpected code %q", round+1, r.code)
			}
		}
		if len(won) != 1 || conflicts != racers-1 {
			t.Fatalf("round %d: %d won, %d conflicts; want 1 and %d", round+1, len(won), conflicts, racers-1)
		}
		winners = append(winners, won[0])
	}
	return winners
}

func waitForVersion(t *testing.T, s *testServer, id string, version int) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		d := s.Query(adminToken, `query($id: ID) { post(id: $id) { version } }`, map[string]any{"id": id})
		if num(d.Data, "post.version") >= version {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s never reached version %d of %s", s.URL, version, id)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// checkHistory asserts that the post's history is its first revision plus one revision per
// winner, newest first, each with the winner's title.
func checkHistory(t *testing.T, s *testServer, id string, winners []string) {
	t.Helper()
	waitForVersion(t, s, id, len(winners)+1)
	d := s.MustQuery(adminToken, `query($id: ID) { post(id: $id) { title version revisions(first: 100) { totalCount nodes { revision title } } } }`, map[string]any{"id": id})
	revs := list(d, "post.revisions.nodes")
	if num(d, "post.revisions.totalCount") != len(winners)+1 || len(revs) != len(winners)+1 {
		t.Fatalf("%s: history %v, want %d revisions", s.URL, dump(d), len(winners)+1)
	}
	for i, w := range winners {
		r := revs[len(winners)-1-i]
		if num(r, "revision") != i+2 || str(r, "title") != w {
			t.Errorf("%s: revision %d = %v, want %q", s.URL, i+2, r, w)
		}
	}
	if str(d, "post.title") != winners[len(winners)-1] {
		t.Errorf("%s: current title %q, want the last winner", s.URL, str(d, "post.title"))
	}
}
