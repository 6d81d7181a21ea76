package guildhall_test

import (
	"testing"
	"time"

	"github.com/guildhall/guildhall"
)

// The whole lifecycle table: every status a reader can see, every action.
func TestTransition(t *testing.T) {
	const refused = guildhall.PostStatus("")
	table := []struct {
		from guildhall.PostStatus
		act  guildhall.PostAction
		to   guildhall.PostStatus // refused: BAD_USER_INPUT with a reason
	}{
		{guildhall.PostDraft, guildhall.PostPublish, guildhall.PostPublished},
		{guildhall.PostDraft, guildhall.PostUnpublish, refused},
		{guildhall.PostDraft, guildhall.PostArchive, guildhall.PostArchived},
		{guildhall.PostScheduled, guildhall.PostPublish, guildhall.PostPublished},
		{guildhall.PostScheduled, guildhall.PostUnpublish, guildhall.PostDraft},
		{guildhall.PostScheduled, guildhall.PostArchive, guildhall.PostArchived},
		{guildhall.PostPublished, guildhall.PostPublish, refused},
		{guildhall.PostPublished, guildhall.PostUnpublish, guildhall.PostDraft},
		{guildhall.PostPublished, guildhall.PostArchive, guildhall.PostArchived},
		{guildhall.PostArchived, guildhall.PostPublish, refused},
		{guildhall.PostArchived, guildhall.PostUnpublish, guildhall.PostDraft},
		{guildhall.PostArchived, guildhall.PostArchive, refused},
		{guildhall.PostDraft, guildhall.PostSubmit, guildhall.PostInReview},
		{guildhall.PostDraft, guildhall.PostRequestChanges, refused},
		{guildhall.PostInReview, guildhall.PostPublish, guildhall.PostPublished},
		{guildhall.PostInReview, guildhall.PostUnpublish, guildhall.PostDraft},
		{guildhall.PostInReview, guildhall.PostArchive, guildhall.PostArchived},
		{guildhall.PostInReview, guildhall.PostSubmit, refused},
		{guildhall.PostInReview, guildhall.PostRequestChanges, guildhall.PostDraft},
		{guildhall.PostScheduled, guildhall.PostSubmit, refused},
		{guildhall.PostScheduled, guildhall.PostRequestChanges, refused},
		{guildhall.PostPublished, guildhall.PostSubmit, refused},
		{guildhall.PostPublished, guildhall.PostRequestChanges, refused},
		{guildhall.PostArchived, guildhall.PostSubmit, refused},
		{guildhall.PostArchived, guildhall.PostRequestChanges, refused},
	}
	for _, tc := range table {
		t.Run(string(tc.from)+" "+string(tc.act), func(t *testing.T) {
			got, err := guildhall.Transition(tc.from, tc.act)
			if tc.to == refused {
				e, ok := err.(*guildhall.Error)
				if !ok || e.Code != guildhall.EINVALID || e.Fields["id"] == "" || e.Message == "" {
					t.Fatalf("got %q, %v; want EINVALID with a reason on id", got, err)
				}
				return
			}
			if err != nil || got != tc.to {
				t.Fatalf("got %q, %v; want %q", got, err, tc.to)
			}
		})
	}
	if _, err := guildhall.Transition("BOGUS", guildhall.PostPublish); guildhall.ErrorCode(err) != guildhall.EINTERNAL {
		t.Errorf("an unknown status: %v, want EINTERNAL", err)
	}
}

func TestRevisionOf(t *testing.T) {
	saved := now
	later := now.Add(time.Hour)
	p := &guildhall.Post{ID: "pst_x", Version: 3, Title: "T", Slug: "t", Status: guildhall.PostPublished, PublishedAt: &later,
		Visibility: guildhall.VisibilityMembers, Body: guildhall.NewRichText("<p>a b</p>", "a b", 2),
		Tags: []string{"x"}, BlockIDs: []string{"blk_1"}, UpdatedAt: saved, UpdatedBy: "mbr_a"}
	r := guildhall.RevisionOf(p)
	if r.PostID != "pst_x" || r.Revision != 3 || r.Status != guildhall.PostScheduled || !r.SavedAt.Equal(saved) ||
		r.SavedBy != "mbr_a" || r.Body.HTML() != "<p>a b</p>" || r.Visibility != guildhall.VisibilityMembers {
		t.Errorf("RevisionOf = %+v", r)
	}
	s := r.Summary()
	if s.Body.HTML() != "" || s.Body.Text() != "" || s.Body.WordCount != 2 || s.Title != "T" || r.Body.HTML() == "" {
		t.Errorf("Summary = %+v (original %+v)", s, r)
	}
}

func TestCanSeeRevisions(t *testing.T) {
	p := &guildhall.Post{AuthorID: "mbr_a"}
	for _, tc := range []struct {
		v    *guildhall.Viewer
		want bool
	}{
		{guildhall.Anonymous, false},
		{&guildhall.Viewer{Role: guildhall.RoleMember, MemberID: "mbr_a"}, false}, // a member token cannot author
		{&guildhall.Viewer{Role: guildhall.RoleAuthor, MemberID: "mbr_a"}, true},
		{&guildhall.Viewer{Role: guildhall.RoleAuthor, MemberID: "mbr_b"}, false},
		{&guildhall.Viewer{Role: guildhall.RoleEditor}, true},
		{&guildhall.Viewer{Role: guildhall.RoleAdmin}, true},
	} {
		if got := tc.v.CanSeeRevisions(p); got != tc.want {
			t.Errorf("%+v: %v, want %v", tc.v, got, tc.want)
		}
	}
}
