package catalog_test

import (
	"slices"
	"testing"
	"time"

	"github.com/guildhall/guildhall"
	"github.com/guildhall/guildhall/catalog"
)

// hiddenWord is only ever in the part of a members-only body that its excerpt does not show.
const hiddenWord = "quartzviolet"

// Viewers of a members-only body and viewers of its teaser only.
var (
	goodMember   = &guildhall.Viewer{Role: guildhall.RoleMember, MemberID: "reader", GoodStanding: true}
	lapsedMember = &guildhall.Viewer{Role: guildhall.RoleMember, MemberID: "reader"}
	lapsedAuthor = &guildhall.Viewer{Role: guildhall.RoleAuthor, MemberID: "ann"} // wrote "secret"
	otherAuthor  = &guildhall.Viewer{Role: guildhall.RoleAuthor, MemberID: "bob"}
)

// hiddenCatalog holds a members-only post whose excerpt is public and whose hidden body holds
// hiddenWord, and public posts around it.
func hiddenCatalog() *catalog.Catalog {
	c := catalog.New()
	c.PutMember(member("ann", "Ann Ábel", "Ábel, Ann"))
	c.PutMember(member("bob", "Bob Zeller", "Zeller, Bob"))
	secret := post("secret", "ann", guildhall.PostPublished, now.Add(-time.Hour), "ethics")
	secret.Visibility = guildhall.VisibilityMembers
	secret.Title = "Quarterly notes"
	secret.Body = guildhall.NewRichText("", "An opening anyone may read. Then the "+hiddenWord+" findings and the minutes.", 0)
	secret.Excerpt = "An opening anyone may read."
	c.PutPost(secret)
	open := post("open", "bob", guildhall.PostPublished, now.Add(-2*time.Hour), "ethics")
	open.Title, open.Body = "Open letter", guildhall.NewRichText("", "Findings anyone may read.", 0)
	c.PutPost(open)
	return c
}

// searchFor is the IDs a search finds for v, checking that totalCount agrees, ranked and in
// an explicit order.
func searchFor(t *testing.T, c *catalog.Catalog, v *guildhall.Viewer, search string) []string {
	t.Helper()
	ranked := searchIDs(t, c, v, guildhall.PostQuery{Search: search})
	byDate := searchIDs(t, c, v, guildhall.PostQuery{Search: search, OrderBy: guildhall.OrderPublishedAt})
	tagged := searchIDs(t, c, v, guildhall.PostQuery{Search: search, Tag: "ethics", OrderBy: guildhall.OrderTitle})
	slices.Sort(byDate)
	slices.Sort(tagged)
	if sorted := slices.Sorted(slices.Values(ranked)); !slices.Equal(sorted, byDate) || !slices.Equal(sorted, tagged) {
		t.Errorf("%q for %+v: ranked %v, by date %v, by tag %v", search, v, ranked, byDate, tagged)
	}
	return ranked
}

// Search matches only what the viewer may read: a word only the hidden part of a members-only
// body holds finds nothing for readers of the teaser, whole or as a prefix, alone or with
// other words, and is found by readers of the body.
func TestSearchFindsHiddenWordsOnlyForReadersOfTheBody(t *testing.T) {
	c := hiddenCatalog()
	for _, search := range []string{hiddenWord, "quartzv", "q", "quarterly quartzv", hiddenWord + " ethics", "findings"} {
		wantMembers := []string{"secret"}
		if search == "findings" { // also in the public post; the members-only one only in its hidden part
			wantMembers = []string{"secret", "open"}
		}
		if search == "q" { // "quarterly" is in the title, public
			wantMembers = []string{"secret"}
		}
		for _, v := range []*guildhall.Viewer{goodMember, staff, lapsedAuthor} {
			if got := searchFor(t, c, v, search); !slices.Equal(got, wantMembers) {
				t.Errorf("%q for %+v = %v, want %v", search, v, got, wantMembers)
			}
		}
		var wantOthers []string
		switch search {
		case "findings":
			wantOthers = []string{"open"}
		case "q":
			wantOthers = []string{"secret"}
		}
		for _, v := range []*guildhall.Viewer{guildhall.Anonymous, lapsedMember, otherAuthor} {
			if got := searchFor(t, c, v, search); !slices.Equal(got, wantOthers) {
				t.Errorf("%q for %+v = %v, want %v", search, v, got, wantOthers)
			}
		}
	}
	// The public text of a members-only post is found by anyone: title, excerpt, tags, author.
	for _, search := range []string{"quarterly", "opening anyone", "ethics quarterly", "abel quarterly"} {
		if got := searchFor(t, c, guildhall.Anonymous, search); !slices.Contains(got, "secret") {
			t.Errorf("public text %q: %v", search, got)
		}
	}
}

// The ranked lists of recent searches are kept per kind of reader: a search by a reader of
// the body does not fill in the answer of the next anonymous one, nor the other way round.
func TestSearchRankCacheIsPerReader(t *testing.T) {
	c := hiddenCatalog()
	for range 2 {
		if got := searchFor(t, c, goodMember, hiddenWord); !slices.Equal(got, []string{"secret"}) {
			t.Errorf("member: %v", got)
		}
		if got := searchFor(t, c, guildhall.Anonymous, hiddenWord); len(got) != 0 {
			t.Errorf("anonymous after a member: %v", got)
		}
		if got := searchFor(t, c, lapsedAuthor, hiddenWord); !slices.Equal(got, []string{"secret"}) {
			t.Errorf("its author: %v", got)
		}
		if got := searchFor(t, c, otherAuthor, hiddenWord); len(got) != 0 {
			t.Errorf("another author after its author: %v", got)
		}
	}
}

// The hidden word follows the post: made public, its whole body is searchable; made
// members-only again, it is hidden again; and the excerpt's words stay public throughout.
func TestSearchFollowsVisibilityChanges(t *testing.T) {
	c := hiddenCatalog()
	p, _ := c.Post(staff, now, "secret")
	public := *p
	public.Version, public.Visibility = 2, guildhall.VisibilityPublic
	c.PutPost(&public)
	if got := searchFor(t, c, guildhall.Anonymous, hiddenWord); !slices.Equal(got, []string{"secret"}) {
		t.Errorf("made public: %v", got)
	}
	hidden := public
	hidden.Version, hidden.Visibility = 3, guildhall.VisibilityMembers
	c.PutPost(&hidden)
	if got := searchFor(t, c, guildhall.Anonymous, hiddenWord); len(got) != 0 {
		t.Errorf("members-only again: %v", got)
	}
	if got := searchFor(t, c, guildhall.Anonymous, "opening"); !slices.Equal(got, []string{"secret"}) {
		t.Errorf("excerpt: %v", got)
	}
}

// Related posts are chosen by tags and author, never by words: a members-only post whose
// hidden body repeats the subject's words is not related for anyone, and one sharing a tag is
// related for everyone (as a teaser).
func TestRelatedIgnoresHiddenWords(t *testing.T) {
	c := hiddenCatalog()
	subject := post("subject", "bob", guildhall.PostPublished, now.Add(-3*time.Hour), "other")
	subject.Title = "On " + hiddenWord
	c.PutPost(subject)
	self, _ := c.Post(guildhall.Anonymous, now, "subject")
	for _, v := range []*guildhall.Viewer{guildhall.Anonymous, goodMember} {
		if got := ids(c.Related(v, now, self, 10)); !slices.Equal(got, []string{"open"}) {
			t.Errorf("related for %+v = %v, want only the same author's post", v, got)
		}
	}
}

// The directory counts members with published posts, and its filters match names only: a
// word that is only in a hidden body changes nothing in it.
func TestDirectoryIgnoresHiddenWords(t *testing.T) {
	c := hiddenCatalog()
	before := c.Directory(now)
	res, err := c.Members(now, 0, guildhall.MemberQuery{First: 10, Search: hiddenWord})
	if err != nil || len(res.Items) != 0 || res.Total() != 0 {
		t.Errorf("members search for a hidden word: %v, %d", err, res.Total())
	}
	p, _ := c.Post(staff, now, "secret")
	without := *p
	without.Version = 2
	without.Body = guildhall.NewRichText("", "An opening anyone may read.", 0)
	c.PutPost(&without)
	if after := c.Directory(now); !slices.Equal(after, before) {
		t.Errorf("directory changed with a hidden word: %v, then %v", before, after)
	}
}
