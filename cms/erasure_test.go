package cms_test

import (
	"encoding/json"
	"testing"

	"github.com/guildhall/guildhall"
)

// Erasure's rules on the in-memory store; TestEraseMember (app) scans a real database.
func TestEraseMemberRules(t *testing.T) {
	svc, store, clk := fakeService(t)
	first := 100
	page, err := svc.Posts(admin, &first, nil, nil, nil)
	if err != nil || len(page.Items) == 0 {
		t.Fatal(err)
	}
	author := page.Items[0].AuthorID
	m, _ := svc.Member(admin, &author, nil)
	data, err := svc.ExportMemberData(admin, author)
	if err != nil {
		t.Fatal(err)
	}
	var d struct {
		Profile struct{ Name string }
		Posts   []struct{ ID string }
	}
	if err := json.Unmarshal([]byte(data), &d); err != nil || d.Profile.Name != m.Name || len(d.Posts) == 0 {
		t.Fatalf("member data %s %v", data, err)
	}
	if _, err := svc.ExportMemberData(as(&guildhall.Viewer{Role: guildhall.RoleEditor, TokenID: "tok_e"}), author); code(err) != guildhall.EFORBIDDEN {
		t.Errorf("an editor exported member data: %v", err)
	}
	if _, err := svc.EraseMember(admin, author, "KEEP"); code(err) != guildhall.EINVALID {
		t.Errorf("an unknown choice: %v", err)
	}
	if _, err := svc.EraseMember(admin, author, guildhall.ErasePostsAnonymise); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Member(admin, &author, nil); code(err) != guildhall.ENOTFOUND {
		t.Errorf("the erased member is still there: %v", err)
	}
	for _, p := range d.Posts {
		id := p.ID
		post, err := svc.Post(admin, &id, nil)
		if err != nil {
			t.Fatal(err)
		}
		a, _ := svc.Author(post)
		if a.Name != guildhall.FormerMemberName {
			t.Errorf("post %s is by %q", id, a.Name)
		}
		// The placeholder is nobody: it cannot be erased.
		if _, err := svc.EraseMember(admin, a.ID, guildhall.ErasePostsDelete); code(err) != guildhall.EINVALID {
			t.Errorf("erasing the placeholder: %v", err)
		}
	}
	// Another instance, loading from the store, knows nothing of the member either.
	other := newInstance(t, store, clk)
	if _, err := other.Member(admin, &author, nil); code(err) != guildhall.ENOTFOUND {
		t.Errorf("another instance still has the member: %v", err)
	}
	if _, err := svc.EraseMember(admin, author, guildhall.ErasePostsDelete); code(err) != guildhall.ECONFLICT {
		t.Errorf("finishing with another choice: %v", err)
	}
}
