package cms_test

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/guildhall/guildhall"
	"github.com/guildhall/guildhall/clock"
	"github.com/guildhall/guildhall/cms/cmstest"
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

// A person's data holds every field of their member record: a new field of guildhall.Member
// (which cmstest.ExampleMember must set) fails here until the export carries it, or is
// listed below as deliberately left out.
func TestMemberDataHoldsEveryField(t *testing.T) {
	c := clock.NewManual(t0)
	store := cmstest.NewStore(c.Now)
	m := cmstest.ExampleMember(t0.Add(-time.Hour))
	if err := store.SaveMember(context.Background(), m, "tok_admin"); err != nil {
		t.Fatal(err)
	}
	svc := newInstance(t, store, c)
	data, err := svc.ExportMemberData(admin, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	var decoded any
	if err := json.Unmarshal([]byte(data), &decoded); err != nil {
		t.Fatal(err)
	}
	exported := map[string]bool{}
	var collect func(v any)
	collect = func(v any) {
		switch v := v.(type) {
		case string:
			exported[v] = true
			if at, err := time.Parse(time.RFC3339Nano, v); err == nil {
				exported[at.UTC().Format(time.RFC3339Nano)] = true
			}
		case float64:
			exported[fmt.Sprint(v)] = true
		case []any:
			for _, e := range v {
				collect(e)
			}
		case map[string]any:
			for _, e := range v {
				collect(e)
			}
		}
	}
	collect(decoded)
	leftOut := map[string]string{
		"Membership.Renewals[0].IdempotencyKey": "the client's retry key, not about the person",
		"Membership.Renewals[0].RenewedBy":      "the token or account that asked, exported with the accounts and tokens",
	}
	for _, f := range cmstest.Fields(m) {
		if _, ok := leftOut[f.Path]; ok || f.Value.Kind() == reflect.Slice {
			continue
		}
		v := f.Value
		if v.Kind() == reflect.Pointer {
			v = v.Elem()
		}
		var want string
		switch x := v.Interface().(type) {
		case time.Time:
			want = x.UTC().Format(time.RFC3339Nano)
		case guildhall.RichText:
			want = x.HTML()
		default:
			want = fmt.Sprint(x)
		}
		if !exported[want] {
			t.Errorf("the member's data leaves out %s (%q): export it, or say here why not", f.Path, want)
		}
	}
}
