package demo

import (
	"time"

	"github.com/guildhall/guildhall"
)

// postSpec describes a post with its date relative to the start of "today".
type postSpec struct {
	slug, title, author string
	ago                 int // days before today it was published; negative: scheduled; ignored for drafts
	tags                []string
	members             bool // MEMBERS visibility; PUBLIC otherwise
	draft, archived     bool // PUBLISHED unless one of these is set
	blocks              []string
	body                string
}

// postSpecs returns every post spec, oldest first, then the drafts.
func postSpecs() [][]postSpec {
	return [][]postSpec{postsFifthYear, postsFourthYear, postsThirdYear, postsSecondYear, postsThisYear, postsUpcoming, postsDrafts}
}

func buildPosts(today time.Time) []Post {
	var posts []Post
	i := 0
	for _, group := range postSpecs() {
		for _, s := range group {
			p := Post{
				Slug:       s.slug,
				Title:      s.title,
				AuthorSlug: s.author,
				BodyHTML:   s.body,
				Tags:       cloneStrings(s.tags),
				Visibility: guildhall.VisibilityPublic,
				Status:     guildhall.PostPublished,
				BlockKeys:  cloneStrings(s.blocks),
			}
			if s.members {
				p.Visibility = guildhall.VisibilityMembers
			}
			switch {
			case s.draft:
				p.Status = guildhall.PostDraft
			case s.archived:
				p.Status = guildhall.PostArchived
			}
			if !s.draft {
				p.PublishedAt = today.AddDate(0, 0, -s.ago).Add(clock(i))
			}
			posts = append(posts, p)
			i++
		}
	}
	return posts
}
