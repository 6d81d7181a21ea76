package catalog_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/guildhall/guildhall"
	"github.com/guildhall/guildhall/catalog"
	"github.com/guildhall/guildhall/fold"
)

// Search answers from the inverted index when a word is rare and by walking the posts when
// it is common; either way the answer must be exactly what testing every post would give,
// also after posts change and go.
func TestSearchMatchesAScanOfEveryPost(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	vocab := []string{"café", "supervision", "supervisor", "ethics", "grief", "zürich", "art", "arts", "boundaries", "renewal"}
	for i := range 150 {
		vocab = append(vocab, fmt.Sprintf("word%d", i))
	}
	zipf := rand.NewZipf(rng, 1.2, 1, uint64(len(vocab)-1))
	text := func(n int) string {
		ws := make([]string, n)
		for i := range ws {
			ws[i] = vocab[zipf.Uint64()]
		}
		return strings.Join(ws, " ")
	}
	c := catalog.New()
	names := map[string]string{}
	for i := range 40 {
		id := fmt.Sprintf("m%02d", i)
		name := []string{"Ann Ábel", "Bob Zeller", "Cat Supervisor", "Dan Word3"}[i%4] + fmt.Sprint(" ", i)
		if i == 39 {
			name = "Xavier Quist" // one author with a rare name: found through their posts
		}
		names[id] = name
		c.PutMember(member(id, name, name))
	}
	current := map[string]*guildhall.Post{}
	put := func(p *guildhall.Post) { c.PutPost(p); current[p.ID] = p }
	var batch []*guildhall.Post
	for i := range 1500 {
		p := post(fmt.Sprintf("p%04d", i), fmt.Sprintf("m%02d", rng.IntN(40)), guildhall.PostPublished, now.Add(-time.Duration(rng.IntN(100000))*time.Minute), vocab[zipf.Uint64()])
		if i%17 == 0 {
			p.Status = guildhall.PostDraft
		}
		p.Title, p.Body = text(5), guildhall.NewRichText("", text(40), 0)
		batch = append(batch, p)
		current[p.ID] = p
	}
	c.PutPosts(batch)
	// Edits (new words, words gone) and removals, one by one as writes arrive.
	for i := 0; i < 1500; i += 7 {
		old := current[fmt.Sprintf("p%04d", i)]
		next := *old
		next.Version++
		next.Body = guildhall.NewRichText("", text(30)+" rareword"+fmt.Sprint(i%5), 0)
		put(&next)
	}
	for i := 3; i < 1500; i += 50 {
		id := fmt.Sprintf("p%04d", i)
		c.RemovePost(id, current[id].Version+1, now)
		delete(current, id)
	}

	matches := func(p *guildhall.Post, query string) bool {
		if !p.IsLive(now) {
			return false
		}
		postWords := fold.Words(p.Title + " " + p.Body.Text() + " " + strings.Join(p.Tags, " "))
		authorWords := fold.Words(names[p.AuthorID])
		qs := fold.Words(query)
		for i, q := range qs {
			last := i == len(qs)-1
			has := func(ws []string) bool {
				return slices.ContainsFunc(ws, func(w string) bool { return w == q || (last && strings.HasPrefix(w, q)) })
			}
			if !has(postWords) && !has(authorWords) {
				return false
			}
		}
		return true
	}
	queries := []string{"cafe", "CAFÉ", "supervis", "supervision", "supervisor", "art", "ar", "arts", "word1", "word14", "word149",
		"word149 cafe", "cafe word149", "ethics grief", "abel", "abel word2", "zeller rareword3", "rareword", "rareword4",
		"word3", "dan word3", "nosuchword", "quist", "quis", "xavier word1", "word1 quis", "word7 word8 word9", "zurich", "boundaries supervisor"}
	for _, q := range queries {
		var want []string
		for _, p := range current {
			if matches(p, q) {
				want = append(want, p.ID)
			}
		}
		got := walk(t, c, guildhall.PostQuery{First: 50, Search: q}, nil)
		slices.Sort(want)
		sorted := slices.Clone(got)
		slices.Sort(sorted)
		if !slices.Equal(sorted, want) {
			t.Errorf("search %q: %d results, want %d", q, len(got), len(want))
		}
		res, err := c.Posts(guildhall.Anonymous, now, guildhall.PostQuery{First: 1, Search: q})
		if err != nil || res.Total() != len(want) {
			t.Errorf("search %q: total %d, want %d (%v)", q, res.Total(), len(want), err)
		}
	}
}

// Counts of published posts per author (publishedPostCount, the directory, the
// hasPublishedPosts filter) follow writes and the clock.
func TestLiveCountsFollowWritesAndTheClock(t *testing.T) {
	c := catalog.New()
	c.PutMember(member("ann", "Ann Ábel", "Ábel, Ann"))
	c.PutPosts([]*guildhall.Post{
		post("a", "ann", guildhall.PostPublished, now.Add(-time.Hour)),
		post("b", "ann", guildhall.PostPublished, now.Add(time.Hour)), // scheduled
		post("c", "ann", guildhall.PostDraft, now.Add(-time.Hour)),
	})
	if got := c.LivePostCount("ann", now); got != 1 {
		t.Errorf("live = %d, want 1", got)
	}
	if got := c.LivePostCount("ann", now.Add(2*time.Hour)); got != 2 {
		t.Errorf("after the scheduled time, live = %d, want 2", got)
	}
	archived := post("a", "ann", guildhall.PostArchived, now.Add(-time.Hour))
	archived.Version = 2
	c.PutPost(archived)
	if got := c.LivePostCount("ann", now); got != 0 {
		t.Errorf("after archiving, live = %d, want 0", got)
	}
	if d := c.Directory(now.Add(2 * time.Hour)); d[0].Letter != "A" || d[0].Count != 1 {
		t.Errorf("directory = %+v", d[:1])
	}
}
