package catalog_test

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
	"weak"

	"github.com/guildhall/guildhall"
	"github.com/guildhall/guildhall/catalog"
)

// searchCatalog holds members with accented, apostrophised and mixed-case names, and posts
// that match "supervision" in different places, so that ranking can be checked.
func searchCatalog() *catalog.Catalog {
	c := catalog.New()
	for _, m := range []*guildhall.Member{
		member("zoe", "Zoë Ångström", "Ångström, Zoë"),
		member("jose", "José NÚÑEZ", "Núñez, José"),
		member("siobhan", "Siobhán O’Brien", "O’Brien, Siobhán"),
		member("lucja", "ŁUCJA wiśniewska", "Wiśniewska, Łucja"),
		member("sup", "Supervision Collective", "Supervision Collective"),
	} {
		c.PutMember(m)
	}
	add := func(id, author, title, text string, hoursAgo int, tags ...string) {
		p := post(id, author, guildhall.PostPublished, now.Add(-time.Duration(hoursAgo)*time.Hour), tags...)
		p.Title, p.Body = title, guildhall.NewRichText("", text, 0)
		c.PutPost(p)
	}
	add("title", "zoe", "Supervision in Practice", "What a session looks like.", 50)
	add("longer", "zoe", "Supervisionary tales", "Stories.", 60)
	add("title-new", "jose", "Group SUPERVISION", "Peer groups.", 10)
	add("tag", "siobhan", "A week of notes", "Nothing much.", 5, "Supervision")
	add("body", "lucja", "Research round-up", "Three studies of clinical supervision and outcomes.", 1)
	add("author", "sup", "Our first meeting", "Hello from the collective.", 2)
	add("prefix", "zoe", "Supervisors I have known", "Portraits.", 3)
	add("cafe", "jose", "Café Crème for the Ethics Committee", "Núñez writes from Zürich: l’éthique d’abord.", 4, "Ethics casebook")
	add("rtl", "lucja", "שלום and مرحبا", "Greetings in Hebrew and Arabic.", 6)
	d := post("draft", "zoe", guildhall.PostDraft, time.Time{})
	d.Title, d.Body = "Supervision draft", guildhall.NewRichText("", "Unfinished.", 0)
	c.PutPost(d)
	return c
}

func searchIDs(t *testing.T, c *catalog.Catalog, v *guildhall.Viewer, q guildhall.PostQuery) []string {
	t.Helper()
	if q.First == 0 {
		q.First = 100
	}
	res, err := c.Posts(v, now, q)
	if err != nil {
		t.Fatalf("%+v: %v", q, err)
	}
	if res.Total() != len(res.Items) {
		t.Errorf("%+v: total %d, items %d", q, res.Total(), len(res.Items))
	}
	return ids(res.Items)
}

func TestSearchMatchesAndRanks(t *testing.T) {
	c := searchCatalog()
	for _, tc := range []struct {
		name, search string
		want         []string // in order
	}{
		// Title beats tag beats author beats text; newer first among equals.
		{"ranked by where the word is", "supervision", []string{"title-new", "title", "tag", "longer", "author", "body"}},
		{"case and accents", "SÚPERVISIÓN", []string{"title-new", "title", "tag", "longer", "author", "body"}},
		// "supervis" is the start of every match, so title matches tie and go newest first.
		{"last word as a prefix", "supervis", []string{"prefix", "title-new", "title", "longer", "tag", "author", "body"}},
		{"phrase in the title ranks first", "group supervision", []string{"title-new"}},
		{"author name, any case and accents", "nunez", []string{"cafe", "title-new"}},
		{"author name in capitals with accents", "NÚÑEZ", []string{"cafe", "title-new"}},
		{"apostrophes, typed or typographic", "o'brien", []string{"tag"}},
		{"apostrophe-less spelling", "obrien", []string{"tag"}},
		{"accents in the text", "ZURICH creme", []string{"cafe"}},
		{"tag words", "casebook", []string{"cafe"}},
		{"mixed-case author first name", "łucja RESEARCH", []string{"body"}},
		{"right-to-left text", "שלום", []string{"rtl"}},
		{"every word must match", "supervision zurich", nil},
		{"earlier words are whole words", "supervis practice", nil},
		{"no such word", "xylophone", nil},
		// The query is literal text: symbols separate words and mean nothing else.
		{"regular expression characters are literal", "supervis.*", []string{"prefix", "title-new", "title", "longer", "tag", "author", "body"}},
		{"quotes and operators are literal", `"group" +supervision -`, []string{"title-new"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := searchIDs(t, c, guildhall.Anonymous, guildhall.PostQuery{Search: tc.search})
			if !slices.Equal(got, tc.want) {
				t.Errorf("search %q = %v, want %v", tc.search, got, tc.want)
			}
		})
	}
}

func TestSearchRespectsVisibilityAndFilters(t *testing.T) {
	c := searchCatalog()
	if got := searchIDs(t, c, guildhall.Anonymous, guildhall.PostQuery{Search: "draft"}); len(got) != 0 {
		t.Errorf("anonymous search finds a draft: %v", got)
	}
	if got := searchIDs(t, c, staff, guildhall.PostQuery{Search: "supervision", Status: guildhall.PostDraft}); !slices.Equal(got, []string{"draft"}) {
		t.Errorf("staff search of drafts = %v", got)
	}
	if got := searchIDs(t, c, guildhall.Anonymous, guildhall.PostQuery{Search: "supervision", AuthorSlug: "zoe"}); !slices.Equal(got, []string{"title", "longer"}) {
		t.Errorf("search by author = %v", got)
	}
	if got := searchIDs(t, c, guildhall.Anonymous, guildhall.PostQuery{Search: "supervision", Tag: "SUPERVISION"}); !slices.Equal(got, []string{"tag"}) {
		t.Errorf("search by tag = %v", got)
	}
	// An explicit order only filters.
	got := searchIDs(t, c, guildhall.Anonymous, guildhall.PostQuery{Search: "supervis", OrderBy: guildhall.OrderTitle, Direction: guildhall.Asc})
	if want := []string{"tag", "title-new", "author", "body", "title", "longer", "prefix"}; !slices.Equal(got, want) {
		t.Errorf("search by title = %v, want %v", got, want)
	}
	got = searchIDs(t, c, guildhall.Anonymous, guildhall.PostQuery{Search: "supervision", OrderBy: guildhall.OrderPublishedAt})
	if want := []string{"body", "author", "tag", "title-new", "title", "longer"}; !slices.Equal(got, want) {
		t.Errorf("search newest first = %v, want %v", got, want)
	}
	got = searchIDs(t, c, guildhall.Anonymous, guildhall.PostQuery{Search: "supervision", OrderBy: guildhall.OrderRelevance, Direction: guildhall.Asc})
	if want := []string{"body", "author", "longer", "tag", "title", "title-new"}; !slices.Equal(got, want) {
		t.Errorf("least relevant first = %v, want %v", got, want)
	}
}

func TestSearchPagesAreStable(t *testing.T) {
	c := searchCatalog()
	full := searchIDs(t, c, guildhall.Anonymous, guildhall.PostQuery{Search: "supervis"})
	var walked []string
	q := guildhall.PostQuery{Search: "supervis", First: 2}
	for page := 0; ; page++ {
		res, err := c.Posts(guildhall.Anonymous, now, q)
		if err != nil {
			t.Fatal(err)
		}
		walked = append(walked, ids(res.Items)...)
		if !res.HasNextPage {
			break
		}
		q.After = res.Cursor(len(res.Items) - 1)
		// A new match between pages, more relevant than everything: it belongs before the
		// cursor and must not disturb the walk.
		if page == 0 {
			p := post("interloper", "zoe", guildhall.PostPublished, now.Add(-time.Minute), "supervision")
			p.Title = "Supervision, supervision"
			c.PutPost(p)
		}
	}
	if !slices.Equal(walked, full) {
		t.Errorf("walk = %v, want %v", walked, full)
	}
	// A cursor belongs to its search: another search refuses it.
	res, _ := c.Posts(guildhall.Anonymous, now, guildhall.PostQuery{Search: "supervis", First: 1})
	for _, q := range []guildhall.PostQuery{
		{Search: "ethics", After: res.Cursor(0), First: 5},
		{After: res.Cursor(0), First: 5},
		{Search: "supervis", OrderBy: guildhall.OrderTitle, After: res.Cursor(0), First: 5},
	} {
		if _, err := c.Posts(guildhall.Anonymous, now, q); guildhall.ErrorCode(err) != guildhall.EINVALID {
			t.Errorf("%+v with a relevance cursor: %v, want EINVALID", q, err)
		}
	}
}

func TestSearchIndexFollowsChanges(t *testing.T) {
	c := searchCatalog()
	// A new revision replaces the old words.
	p := post("rtl", "lucja", guildhall.PostPublished, now.Add(-6*time.Hour))
	p.Version, p.Title, p.Body = 2, "Bonjour", guildhall.NewRichText("", "Greetings in French.", 0)
	c.PutPost(p)
	if got := searchIDs(t, c, guildhall.Anonymous, guildhall.PostQuery{Search: "שלום"}); len(got) != 0 {
		t.Errorf("old words still match: %v", got)
	}
	if got := searchIDs(t, c, guildhall.Anonymous, guildhall.PostQuery{Search: "bonj"}); !slices.Equal(got, []string{"rtl"}) {
		t.Errorf("new words: %v", got)
	}
	// A renamed member is found by the new name only.
	m := member("jose", "José Ortega", "Ortega, José")
	m.Version = 2
	c.PutMember(m)
	if got := searchIDs(t, c, guildhall.Anonymous, guildhall.PostQuery{Search: "ortega"}); !slices.Equal(got, []string{"cafe", "title-new"}) {
		t.Errorf("new author name: %v", got)
	}
	// "nunez" is still in the text of one post, but no longer the author's name.
	if got := searchIDs(t, c, guildhall.Anonymous, guildhall.PostQuery{Search: "nunez"}); !slices.Equal(got, []string{"cafe"}) {
		t.Errorf("old author name: %v", got)
	}
	c.RemovePost("cafe", 2, now)
	if got := searchIDs(t, c, staff, guildhall.PostQuery{Search: "zurich"}); len(got) != 0 {
		t.Errorf("deleted post found: %v", got)
	}
}

// Search answers from the index agree with checking every post, on random content, for a
// reader of members-only bodies and for an anonymous one, who may search only their excerpts.
func TestSearchAgreesWithAScan(t *testing.T) {
	c := catalog.New()
	vocabulary := strings.Fields("alpha alps alphabet beta bet better gamma game gambit delta dell école ecole Ångström angst")
	rng := rand.New(rand.NewPCG(1, 2))
	texts := map[string]string{}
	public := map[string]string{} // what an anonymous reader may search
	c.PutMember(member("ann", "Ann Ábel", "Ábel, Ann"))
	versions := map[string]int{}
	write := func(i int) {
		var words []string
		for range 1 + rng.IntN(6) {
			words = append(words, vocabulary[rng.IntN(len(vocabulary))])
		}
		id := fmt.Sprintf("p%03d", i)
		p := post(id, "ann", guildhall.PostPublished, now.Add(-time.Duration(i+1)*time.Minute))
		versions[id]++
		p.Version, p.Title, p.Body = versions[id], id, guildhall.NewRichText("", strings.Join(words, " "), 0)
		texts[id] = strings.ToLower(p.Body.Text())
		public[id] = texts[id]
		if rng.IntN(3) == 0 {
			p.Visibility, p.Excerpt = guildhall.VisibilityMembers, words[0]
			public[id] = strings.ToLower(words[0])
		}
		c.PutPost(p)
	}
	for i := range 300 {
		write(i)
	}
	// Rewrite posts many times over, and delete some, so that the index drops and compacts
	// lists, and renumbers its slots once (after 1,024 replaced entries, more than half).
	for range 2000 {
		write(rng.IntN(300))
	}
	for i := 0; i < 300; i += 7 {
		id := fmt.Sprintf("p%03d", i)
		c.RemovePost(id, versions[id]+1, now)
		delete(texts, id)
		delete(public, id)
	}
	found := 0
	for _, q := range []string{"alp", "alpha", "beta gam", "ecole", "ÉCOLE angs", "abel bet", "delta dell", "gambit alpha be"} {
		for _, reader := range []struct {
			v     *guildhall.Viewer
			texts map[string]string
		}{{goodMember, texts}, {guildhall.Anonymous, public}} {
			for _, order := range []guildhall.PostOrderField{guildhall.OrderPublishedAt, guildhall.OrderRelevance} {
				got := searchIDs(t, c, reader.v, guildhall.PostQuery{Search: q, OrderBy: order, First: 1000})
				var want []string
				for i := range 300 {
					id := fmt.Sprintf("p%03d", i)
					if text, ok := reader.texts[id]; ok && scanMatch(" "+foldForTest(text+" ann abel")+" ", strings.Fields(foldForTest(q))) {
						want = append(want, id)
					}
				}
				if order == guildhall.OrderRelevance {
					slices.Sort(got)
				}
				if !slices.Equal(got, want) {
					t.Errorf("search %q by %s for %+v = %v\nwant %v", q, order, reader.v, got, want)
				}
				if len(want) > 0 {
					found++
				}
			}
		}
	}
	if found < 24 {
		t.Errorf("only %d of the searches match anything: the comparison proves little", found)
	}
}

func foldForTest(s string) string {
	return strings.NewReplacer("é", "e", "É", "e", "Å", "a", "å", "a", "ö", "o", "Á", "a").Replace(strings.ToLower(s))
}

func scanMatch(text string, words []string) bool {
	for i, w := range words {
		needle := " " + w
		if i < len(words)-1 {
			needle += " "
		}
		if !strings.Contains(text, needle) {
			return false
		}
	}
	return true
}

func TestDirectoryAndNameFilters(t *testing.T) {
	c := catalog.New()
	for _, m := range []*guildhall.Member{
		member("zoe", "Zoë Ångström", "Ångström, Zoë"),
		member("emile", "ÉMILE Zola", "Zola, ÉMILE"),
		member("ode", "Søren Ødegaard", "Ødegaard, Søren"),
		member("obrien", "Siobhán O’Brien", "O’Brien, Siobhán"),
		member("lucja", "łucja wiśniewska", "wiśniewska, łucja"),
		member("van", "Ruth van der Berg", "van der Berg, Ruth"),
		member("digits", "42 Club", "42 Club"),
		member("cyrillic", "Мария Иванова", "Иванова, Мария"),
		member("quiet", "Quentin Quiet", "Quiet, Quentin"), // no posts
		member("ann", "ann abel", "Abel, Ann"),
	} {
		c.PutMember(m)
	}
	for i, id := range []string{"zoe", "emile", "ode", "obrien", "lucja", "van", "digits", "cyrillic", "ann"} {
		c.PutPost(post("p-"+id, id, guildhall.PostPublished, now.Add(-time.Duration(i+1)*time.Hour)))
	}
	c.PutPost(post("p-quiet", "quiet", guildhall.PostPublished, now.Add(time.Hour))) // scheduled
	counts := map[string]int{}
	for _, l := range c.Directory(now) {
		counts[l.Letter] = l.Count
	}
	want := map[string]int{"A": 2, "Z": 1, "O": 2, "W": 1, "V": 1, "#": 2}
	for letter, n := range counts {
		if n != want[letter] {
			t.Errorf("directory %s = %d, want %d (all %v)", letter, n, want[letter], counts)
		}
	}
	yes := true
	for _, tc := range []struct {
		name string
		q    guildhall.MemberQuery
		want []string // in sort-name order
	}{
		{"letter A by sort name", guildhall.MemberQuery{Initial: "A", HasPublishedPosts: &yes}, []string{"ann", "zoe"}},
		{"letter O: Ø and O’", guildhall.MemberQuery{Initial: "O", HasPublishedPosts: &yes}, []string{"obrien", "ode"}},
		{"the rest", guildhall.MemberQuery{Initial: "#", HasPublishedPosts: &yes}, []string{"digits", "cyrillic"}},
		{"Q without published posts", guildhall.MemberQuery{Initial: "Q", HasPublishedPosts: &yes}, nil},
		{"Q with or without", guildhall.MemberQuery{Initial: "Q"}, []string{"quiet"}},
		{"prefix of the sort name, accents", guildhall.MemberQuery{NameStartsWith: "ANGSTR"}, []string{"zoe"}},
		{"prefix of the name, accents", guildhall.MemberQuery{NameStartsWith: "zoë å"}, []string{"zoe"}},
		{"accented prefix of plain name", guildhall.MemberQuery{NameStartsWith: "Émile z"}, []string{"emile"}},
		{"upper-case accented", guildhall.MemberQuery{NameStartsWith: "ÉMI"}, []string{"emile"}},
		{"slashed o typed plainly", guildhall.MemberQuery{NameStartsWith: "odeg"}, []string{"ode"}},
		{"slashed o typed as such", guildhall.MemberQuery{NameStartsWith: "ØDEG"}, []string{"ode"}},
		{"typed apostrophe, typographic stored", guildhall.MemberQuery{NameStartsWith: "o'bri"}, []string{"obrien"}},
		{"no apostrophe", guildhall.MemberQuery{NameStartsWith: "obri"}, []string{"obrien"}},
		{"punctuation between words", guildhall.MemberQuery{NameStartsWith: "O’Brien,  siob"}, []string{"obrien"}},
		{"lower-case stored, upper-case asked", guildhall.MemberQuery{NameStartsWith: "WIŚ"}, []string{"lucja"}},
		{"Ł typed as L", guildhall.MemberQuery{NameStartsWith: "lucja w"}, []string{"lucja"}},
		{"particle", guildhall.MemberQuery{NameStartsWith: "van der"}, []string{"van"}},
		{"digits", guildhall.MemberQuery{NameStartsWith: "42"}, []string{"digits"}},
		{"other scripts", guildhall.MemberQuery{NameStartsWith: "иван"}, []string{"cyrillic"}},
		{"symbols only start no name", guildhall.MemberQuery{NameStartsWith: "#"}, nil},
		{"with published posts", guildhall.MemberQuery{NameStartsWith: "q", HasPublishedPosts: &yes}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.q.First = 100
			res, err := c.Members(now, 0, tc.q)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, m := range res.Items {
				got = append(got, m.ID)
			}
			if !slices.Equal(got, tc.want) || res.Total() != len(tc.want) {
				t.Errorf("got %v (total %d), want %v", got, res.Total(), tc.want)
			}
		})
	}
}

func TestRelated(t *testing.T) {
	c := catalog.New()
	c.PutMember(member("ann", "Ann", "Ann"))
	c.PutMember(member("bob", "Bob", "Bob"))
	add := func(id, author string, status guildhall.PostStatus, hoursAgo int, tags ...string) {
		c.PutPost(post(id, author, status, now.Add(-time.Duration(hoursAgo)*time.Hour), tags...))
	}
	add("self", "ann", guildhall.PostPublished, 10, "ethics", "cpd")
	add("two-tags", "bob", guildhall.PostPublished, 20, "Ethics", "CPD")
	add("tag-and-author", "ann", guildhall.PostPublished, 30, "ethics")
	add("one-tag-new", "bob", guildhall.PostPublished, 1, "cpd")
	add("one-tag-old", "bob", guildhall.PostPublished, 40, "ethics")
	add("author-only", "ann", guildhall.PostPublished, 5)
	add("unrelated", "bob", guildhall.PostPublished, 2, "other")
	add("draft", "ann", guildhall.PostDraft, 0, "ethics", "cpd")
	add("scheduled", "ann", guildhall.PostPublished, -5, "ethics", "cpd")
	add("archived", "ann", guildhall.PostArchived, 3, "ethics", "cpd")
	self, _ := c.Post(guildhall.Anonymous, now, "self")
	for _, v := range []*guildhall.Viewer{guildhall.Anonymous, staff} {
		got := ids(c.Related(v, now, self, 10))
		// Shared tags count 2 each, the same author 1; then newest first.
		want := []string{"two-tags", "tag-and-author", "one-tag-new", "one-tag-old", "author-only"}
		if !slices.Equal(got, want) {
			t.Errorf("related for %+v = %v, want %v", v, got, want)
		}
	}
	if got := ids(c.Related(guildhall.Anonymous, now, self, 2)); !slices.Equal(got, []string{"two-tags", "tag-and-author"}) {
		t.Errorf("first 2 = %v", got)
	}
}

// The cost of a search follows the posts that can match, not the posts stored: compare the
// 2,000- and 100,000-post runs of a rare word ("clients", in every post, is the worst case:
// every post is ranked). "new" measures a search whose ranking is not
// cached (content changed since), "next" the following pages of the same search.
func BenchmarkSearch(b *testing.B) {
	for _, n := range []int{2000, 100000} {
		c := catalog.New()
		c.PutMember(member("ann", "Ann Ábel", "Ábel, Ann"))
		common := strings.Fields("the practice of counselling and supervision in a clinical setting with clients")
		for i := range n {
			p := post(fmt.Sprintf("p%06d", i), "ann", guildhall.PostPublished, now.Add(-time.Duration(i+1)*time.Minute))
			text := slices.Clone(common)
			text = append(text, fmt.Sprintf("word%d", i%1000), fmt.Sprintf("rare%d", i))
			p.Title, p.Body = fmt.Sprintf("Post %d", i), guildhall.NewRichText("", strings.Join(text, " "), 0)
			c.PutPost(p)
		}
		version := 1
		for _, q := range []string{"rare42", "word42 supervision", "rare4", "clients"} {
			b.Run(fmt.Sprintf("new/%d/%s", n, q), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					version++
					m := member("ann", "Ann Ábel", "Ábel, Ann")
					m.Version = version
					c.PutMember(m) // a change: the next search ranks afresh
					if _, err := c.Posts(guildhall.Anonymous, now, guildhall.PostQuery{First: 20, Search: q}); err != nil {
						b.Fatal(err)
					}
				}
			})
			b.Run(fmt.Sprintf("next/%d/%s", n, q), func(b *testing.B) {
				res, _ := c.Posts(guildhall.Anonymous, now, guildhall.PostQuery{First: 5, Search: q})
				after := res.Cursor(len(res.Items) - 1)
				b.ReportAllocs()
				for b.Loop() {
					if _, err := c.Posts(guildhall.Anonymous, now, guildhall.PostQuery{First: 20, Search: q, After: after}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// What the index adds to a write: a post of 300 words (of a 3,000-word vocabulary, common
// words far more common) replaced among n such posts.
func BenchmarkPutPostWithText(b *testing.B) {
	vocabulary := make([]string, 3000)
	for i := range vocabulary {
		vocabulary[i] = fmt.Sprintf("w%d", i)
	}
	zipf := rand.NewZipf(rand.New(rand.NewPCG(1, 2)), 1.1, 1, uint64(len(vocabulary)-1))
	text := func() string {
		words := make([]string, 300)
		for i := range words {
			words[i] = vocabulary[zipf.Uint64()]
		}
		return strings.Join(words, " ")
	}
	for _, n := range []int{2000, 20000} {
		c := catalog.New()
		c.PutMember(member("ann", "Ann Ábel", "Ábel, Ann"))
		for i := range n {
			p := post(fmt.Sprintf("p%06d", i), "ann", guildhall.PostPublished, now.Add(-time.Duration(i+1)*time.Minute))
			p.Body = guildhall.NewRichText("", text(), 0)
			c.PutPost(p)
		}
		p := post("p000010", "ann", guildhall.PostPublished, now.Add(-11*time.Minute))
		p.Body = guildhall.NewRichText("", text(), 0)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				p2 := *p
				p2.Version++
				p = &p2
				c.PutPost(p)
			}
		})
	}
}

// A replaced post (with its body) is garbage as soon as it is replaced: the search index
// does not keep it until it next renumbers.
func TestReplacedPostIsNotRetained(t *testing.T) {
	c := catalog.New()
	c.PutMember(member("ann", "Ann Ábel", "Ábel, Ann"))
	old := func() weak.Pointer[guildhall.Post] {
		p := post("p1", "ann", guildhall.PostPublished, now.Add(-time.Hour))
		p.Body = guildhall.NewRichText("<p>"+strings.Repeat("ethics ", 400)+"</p>", strings.Repeat("ethics ", 400), 400)
		c.PutPost(p)
		return weak.Make(p)
	}()
	next := post("p1", "ann", guildhall.PostPublished, now.Add(-time.Hour))
	next.Version, next.Body = 2, guildhall.NewRichText("<p>supervision</p>", "supervision", 1)
	c.PutPost(next)
	for range 3 {
		runtime.GC()
	}
	if old.Value() != nil {
		t.Error("the replaced revision of the post is still reachable")
	}
	if got := searchIDs(t, c, guildhall.Anonymous, guildhall.PostQuery{Search: "ethics"}); len(got) != 0 {
		t.Errorf("the replaced text still matches: %v", got)
	}
	if got := searchIDs(t, c, guildhall.Anonymous, guildhall.PostQuery{Search: "supervision"}); !slices.Equal(got, []string{"p1"}) {
		t.Errorf("the new text matches %v", got)
	}
}
