package app_test

import (
	"strings"
	"testing"
	"time"

	"github.com/guildhall/guildhall/app"
)

const previewQ = `query($id: ID, $slug: String, $p: String) { post(id: $id, slug: $slug, previewToken: $p) {
	id title status visibility body { html } revisions { totalCount } } }`

// A preview link reads exactly one post as it stands now, through the ordinary post query,
// until it expires or the post is deleted; it grants nothing else.
func TestPreviewLinks(t *testing.T) {
	s := MustRunServer(t)
	a := newAuthoring(t, s)
	id := a.create("Embargoed announcement", `visibility: MEMBERS`)
	other := a.create("Another draft", "")
	d := s.MustQuery(adminToken, `mutation($id: ID!) { createPreviewLink(postId: $id) { token expiresAt post { id status } } }`, map[string]any{"id": id})
	token := str(d, "createPreviewLink.token")
	if exp, _ := time.Parse(time.RFC3339, str(d, "createPreviewLink.expiresAt")); !exp.Equal(s.Clock.Now().Add(time.Hour)) || str(d, "createPreviewLink.post.status") != "DRAFT" || len(token) > 120 {
		t.Fatalf("createPreviewLink = %v", dump(d))
	}

	// Anonymous, with the token: the draft, its members-only body, and no history.
	got := s.MustQuery("", previewQ, map[string]any{"id": id, "p": token})
	if str(got, "post.id") != id || str(got, "post.status") != "DRAFT" || str(got, "post.body.html") != "<p>Body of Embargoed announcement</p>" ||
		num(got, "post.revisions.totalCount") != 0 {
		t.Errorf("preview = %v", dump(got))
	}
	// As it stands now: an edit shows at once.
	s.MustQuery(adminToken, `mutation($id: ID!) { updatePost(input: {id: $id, expectedVersion: 1, title: "Embargoed: final"}) { id } }`, map[string]any{"id": id})
	if got := s.MustQuery("", previewQ, map[string]any{"slug": "embargoed-announcement", "p": token}); str(got, "post.title") != "Embargoed: final" {
		t.Errorf("preview after an edit, by slug = %v", dump(got))
	}

	// Nothing else: not without the token, not another post, not other paths in the same request.
	for name, sc := range map[string]struct {
		query string
		vars  map[string]any
	}{
		"without the token":   {previewQ, map[string]any{"id": id}},
		"another draft":       {previewQ, map[string]any{"id": other, "p": token}},
		"node with the token": {`query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": id}},
	} {
		if r := s.Query("", sc.query, sc.vars); r.Code() != "NOT_FOUND" || get(r.Data, "post") != nil {
			t.Errorf("%s: %q %v", name, r.Code(), dump(r.Data))
		}
	}
	r := s.Query("", `query($id: ID, $p: String) { post(id: $id, previewToken: $p) { id } posts(filter: {status: DRAFT}) { totalCount } }`, map[string]any{"id": id, "p": token})
	if str(r.Data, "post.id") != id || num(r.Data, "posts.totalCount") != 0 {
		t.Errorf("the token widened a list: %v", dump(r.Data))
	}
	// An author is the only other one who may make a link; anonymous may not.
	if r := s.Query("", `mutation($id: ID!) { createPreviewLink(postId: $id) { token } }`, map[string]any{"id": id}); r.Code() != "UNAUTHENTICATED" {
		t.Errorf("anonymous createPreviewLink: %q", r.Code())
	}

	// Malformed and forged tokens, and bad lifetimes, are BAD_USER_INPUT on the field.
	for _, bad := range []string{"nonsense", strings.Replace(token, id, other, 1), token[:len(token)-2] + "xx"} {
		r := s.Query("", previewQ, map[string]any{"id": id, "p": bad})
		if r.Code() != "BAD_USER_INPUT" || fieldsOf(r.Errors[0])["previewToken"] != "is not valid" {
			t.Errorf("token %q: %q %+v", bad, r.Code(), r.Errors)
		}
	}
	for _, m := range []int{0, 1441} {
		r := s.Query(adminToken, `mutation($id: ID!, $m: Int) { createPreviewLink(postId: $id, expiresInMinutes: $m) { token } }`, map[string]any{"id": id, "m": m})
		if r.Code() != "BAD_USER_INPUT" || fieldsOf(r.Errors[0])["expiresInMinutes"] == nil {
			t.Errorf("expiresInMinutes %d: %q", m, r.Code())
		}
	}

	// Expiry.
	short := str(s.MustQuery(adminToken, `mutation($id: ID!) { createPreviewLink(postId: $id, expiresInMinutes: 5) { token } }`, map[string]any{"id": id}), "createPreviewLink.token")
	s.Clock.Advance(5 * time.Minute)
	if r := s.Query("", previewQ, map[string]any{"id": id, "p": short}); r.Code() != "BAD_USER_INPUT" || fieldsOf(r.Errors[0])["previewToken"] != "has expired" {
		t.Errorf("an expired token: %q %+v", r.Code(), r.Errors)
	}
	if got := s.MustQuery("", previewQ, map[string]any{"id": id, "p": token}); str(got, "post.id") != id {
		t.Errorf("the hour-long token died early: %v", dump(got))
	}
	s.Clock.Advance(55 * time.Minute)
	if r := s.Query("", previewQ, map[string]any{"id": id, "p": token}); r.Code() != "BAD_USER_INPUT" {
		t.Errorf("after an hour: %q", r.Code())
	}
}

// A configured preview key must be long enough to be a key. (Without one, instances share a
// key through the database: see TestPreviewTokens in cms.)
func TestPreviewKeyConfig(t *testing.T) {
	_, err := app.ParseConfig(func(k string) string {
		if k == "GUILDHALL_PREVIEW_KEY" {
			return "short"
		}
		return ""
	}, nil)
	if err == nil || !strings.Contains(err.Error(), "GUILDHALL_PREVIEW_KEY") {
		t.Errorf("a short key: %v", err)
	}
	key := strings.Repeat("0123456789abcdef", 4)
	cfg, err := app.ParseConfig(func(k string) string {
		if k == "GUILDHALL_PREVIEW_KEY" {
			return key
		}
		return ""
	}, nil)
	if err != nil || cfg.PreviewKey != key {
		t.Errorf("a good key: %v, %q", err, cfg.PreviewKey)
	}
}
