package app_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/guildhall/guildhall"
	"github.com/guildhall/guildhall/app"
	"github.com/guildhall/guildhall/backup"
	"github.com/guildhall/guildhall/importer"
)

// offline opens the tools' service on the server's database, as `server import` does.
func (s *testServer) offline() *app.Offline {
	s.t.Helper()
	cfg := s.cfg
	o, err := app.OpenOffline(context.Background(), cfg, slog.New(slog.NewTextHandler(io.Discard, nil)), true)
	if err != nil {
		s.t.Fatal(err)
	}
	s.t.Cleanup(o.Close)
	return o
}

// An import made by the command line on the database of a running server reaches it
// through the change log: its posts and their old links are answered without a restart.
func TestRunningServerSeesAnImport(t *testing.T) {
	s := MustRunServer(t)
	const q = `query($p: String!) { redirect(path: $p) { to status } }`
	if r := s.MustQuery("", q, map[string]any{"p": "/?p=11"}); r["redirect"] != nil {
		t.Fatalf("a redirect before the import: %v", r)
	}
	o := s.offline()
	ctx := guildhall.WithViewer(context.Background(), app.CommandLine)
	sum, err := importer.WordPress(ctx, o.Service, "../importer/testdata/club.xml", importer.WordPressOptions{Now: s.Clock.Now})
	if err != nil || sum.Imported != 8 {
		t.Fatalf("import %+v %v", sum, err)
	}
	waitFor(t, "the server to see the imported post", func() bool {
		r := s.MustQuery("", q, map[string]any{"p": "https://club.example/2015/03/spring-regatta/"})
		red, _ := r["redirect"].(map[string]any)
		return red != nil && red["to"] == "/posts/spring-regatta" && red["status"] == float64(301)
	})
	r := s.MustQuery("", `{ post(slug: "spring-regatta") { title status author { name } tags } }`, nil)
	post := r["post"].(map[string]any)
	if post["title"] != "Spring regatta" || post["status"] != "PUBLISHED" || post["author"].(map[string]any)["name"] != "Ada Writer" {
		t.Errorf("post %v", post)
	}
	// Drafts and protected posts are redirected to for staff only.
	waitFor(t, "the server to see the protected post", func() bool {
		return s.MustQuery(adminToken, q, map[string]any{"p": "/?p=16"})["redirect"] != nil
	})
	if r := s.MustQuery("", q, map[string]any{"p": "/?p=16"}); r["redirect"] != nil {
		t.Errorf("a protected post is redirected to: %v", r)
	}
}

// The command line's WordPress import stores its images where the running server reads
// them (GridFS on the shared database here): the server serves the imported attachment and
// the post shows it, without a restart.
func TestRunningServerServesImportedImages(t *testing.T) {
	s := MustRunServer(t)
	uploads := t.TempDir()
	if err := os.MkdirAll(filepath.Join(uploads, "2015", "03"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(uploads, "2015", "03", "boat.jpg"), photo(t, "orientation_landscape_6.jpg"), 0o644); err != nil {
		t.Fatal(err)
	}
	o := s.offline()
	ctx := guildhall.WithViewer(context.Background(), app.CommandLine)
	sum, err := importer.WordPress(ctx, o.Service, "../importer/testdata/photos.xml", importer.WordPressOptions{UploadsDir: uploads, Now: s.Clock.Now})
	if err != nil || sum.Imported != 1 || sum.Images.Imported != 1 {
		t.Fatalf("import %+v %v", sum, err)
	}
	var url string
	waitFor(t, "the server to see the imported post and its image", func() bool {
		r := s.Query("", `{ post(slug: "photos") { featuredImage { url width height } body { html } } }`, nil)
		p, _ := r.Data["post"].(map[string]any)
		if p == nil || p["featuredImage"] == nil {
			return false
		}
		img := p["featuredImage"].(map[string]any)
		url = img["url"].(string)
		// Its pixels are stored on their side (EXIF orientation 6); upright it is landscape.
		if img["width"].(float64) <= img["height"].(float64) {
			t.Errorf("the imported photo is not upright: %v", img)
		}
		return strings.Contains(p["body"].(map[string]any)["html"].(string), `src="`+url+`"`)
	})
	resp, body := s.fetch(http.MethodGet, url)
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "image/jpeg" || len(body) == 0 {
		t.Errorf("GET %s: %d %s, %d bytes", url, resp.StatusCode, resp.Header.Get("Content-Type"), len(body))
	}
}

// erasable makes a member with everything a person leaves behind: a membership joined and
// renewed (events, idempotency records, webhook deliveries naming them), an account with a
// session, an API token, and posts (one published, one draft, one revised).
type erasable struct {
	id, email, name, phone, session, apiToken string
	posts                                     []string
}

func makeErasable(t *testing.T, s *testServer, name, email, phone string) erasable {
	t.Helper()
	e := erasable{email: email, name: name, phone: phone}
	s.MustQuery(adminToken, `mutation { createWebhook(input: {url: "https://partner.example/hooks", events: [MEMBER_JOINED, MEMBER_RENEWED, POST_PUBLISHED], secret: "a-secret-of-16-chars"}) { id } }`, nil)
	r := s.MustQuery(adminToken, `mutation($n: String!, $e: String!, $p: String!, $k: String!) {
		joinMembership(input: {name: $n, email: $e, phone: $p, plan: "professional", idempotencyKey: $k, paymentReference: $k}) { id } }`,
		map[string]any{"n": name, "e": email, "p": phone, "k": "pay-join-" + email})
	e.id = r["joinMembership"].(map[string]any)["id"].(string)
	s.MustQuery(adminToken, `mutation($id: ID!, $k: String!) { renewMembership(input: {memberId: $id, plan: "professional", idempotencyKey: $k, paymentReference: $k}) { id } }`,
		map[string]any{"id": e.id, "k": "pay-renew-" + email})
	s.MustQuery(adminToken, `mutation($id: ID!, $bio: String) { updateMemberProfile(input: {id: $id, credentials: "MSc", bio: $bio}) { id } }`,
		map[string]any{"id": e.id, "bio": "<p>About " + name + "</p>"})
	s.MustQuery(adminToken, `mutation($e: String!, $id: ID!) { createAccount(input: {email: $e, password: "correct horse battery staple", role: AUTHOR, memberId: $id}) { id } }`,
		map[string]any{"e": email, "id": e.id})
	r = s.MustQuery("", `mutation($e: String!) { login(email: $e, password: "correct horse battery staple") { token } }`, map[string]any{"e": email})
	e.session = r["login"].(map[string]any)["token"].(string)
	r = s.MustQuery(adminToken, `mutation($id: ID!, $n: String!) { createApiToken(input: {name: $n, role: AUTHOR, memberId: $id}) { token } }`,
		map[string]any{"id": e.id, "n": name + "'s laptop"})
	e.apiToken = r["createApiToken"].(map[string]any)["token"].(string)
	for i, title := range []string{"Notes on supervision", "A draft of mine", "Revised thoughts"} {
		r := s.MustQuery(e.session, `mutation($t: String!) { createPost(input: {title: $t, body: "<p>Some thoughts.</p>"}) { id version } }`, map[string]any{"t": title})
		p := r["createPost"].(map[string]any)
		id := p["id"].(string)
		e.posts = append(e.posts, id)
		if i != 1 {
			s.MustQuery(e.session, `mutation($id: ID!) { publishPost(id: $id) { id } }`, map[string]any{"id": id})
		}
		if i == 2 {
			s.MustQuery(e.session, `mutation($id: ID!) { updatePost(input: {id: $id, expectedVersion: 2, body: "<p>Second thoughts.</p>"}) { id } }`, map[string]any{"id": id})
		}
	}
	return e
}

// scanDatabase looks through every document of every collection of the server's database,
// as stored (BSON, change-log entries' packed revisions included), for any of the texts.
func scanDatabase(t *testing.T, s *testServer, texts ...string) []string {
	t.Helper()
	ctx := context.Background()
	client, err := mongo.Connect(options.Client().ApplyURI(s.cfg.MongoURI))
	if err != nil {
		t.Fatal(err)
	}
	defer client.Disconnect(ctx)
	db := client.Database(s.cfg.Database)
	names, err := db.ListCollectionNames(ctx, bson.D{})
	if err != nil {
		t.Fatal(err)
	}
	var found []string
	for _, col := range names {
		cur, err := db.Collection(col).Find(ctx, bson.D{})
		if err != nil {
			t.Fatal(err)
		}
		for cur.Next(ctx) {
			for _, text := range texts {
				if bytes.Contains(bytes.ToLower(cur.Current), bytes.ToLower([]byte(text))) {
					found = append(found, fmt.Sprintf("%s %v holds %q", col, cur.Current.Lookup("_id"), text))
				}
			}
		}
		cur.Close(ctx)
	}
	return found
}

func TestEraseMember(t *testing.T) {
	a := MustRunServer(t)
	b := startAnother(t, a.cfg) // a second instance on the same database
	e := makeErasable(t, a, "Erin Erasable", "erin.erasable@example.org", "+44 20 7946 0999")
	if found := scanDatabase(t, a, e.email, e.name, e.phone); len(found) == 0 {
		t.Fatal("the scan finds nothing even before the erasure: it would prove nothing")
	}

	// What is held, for the person's request.
	r := a.MustQuery(adminToken, `query($id: ID!) { exportMemberData(id: $id) }`, map[string]any{"id": e.id})
	var data struct {
		Profile    struct{ Name, Email, Phone string }
		Membership struct {
			Renewals []any
		}
		MembershipEvents []struct{ Kind string }
		ProfileHistory   []any
		Accounts         []struct{ Email string }
		Tokens           []struct{ Name string }
		Posts            []struct{ Title, Body string }
	}
	if err := json.Unmarshal([]byte(r["exportMemberData"].(string)), &data); err != nil {
		t.Fatal(err)
	}
	if data.Profile.Email != e.email || data.Profile.Phone != e.phone || len(data.Membership.Renewals) != 1 || len(data.MembershipEvents) != 2 ||
		len(data.ProfileHistory) < 3 || len(data.Accounts) != 1 || len(data.Tokens) != 2 || len(data.Posts) != 3 {
		t.Errorf("member data %+v", data)
	}
	if strings.Contains(r["exportMemberData"].(string), "argon2") || strings.Contains(r["exportMemberData"].(string), "secretHash") {
		t.Error("the member's data holds a hash")
	}
	if got := a.Query(e.session, `query($id: ID!) { exportMemberData(id: $id) }`, map[string]any{"id": e.id}); got.Code() != "FORBIDDEN" {
		t.Errorf("a member asked for the export: %s", got.Code())
	}
	waitFor(t, "the second instance to know the member", func() bool {
		return b.Query("", `query($id: ID!) { member(id: $id) { name } }`, map[string]any{"id": e.id}).Code() == ""
	})

	if got := a.Query(e.session, `mutation($id: ID!) { eraseMember(id: $id, posts: ANONYMISE) }`, map[string]any{"id": e.id}); got.Code() != "FORBIDDEN" {
		t.Errorf("an author erased: %s", got.Code())
	}
	r = a.MustQuery(adminToken, `mutation($id: ID!) { eraseMember(id: $id, posts: ANONYMISE) }`, map[string]any{"id": e.id})
	if r["eraseMember"] != e.id {
		t.Fatalf("eraseMember = %v", r)
	}

	// Gone from the current state, on both instances; sessions and tokens end.
	for _, s := range []*testServer{a, b} {
		waitFor(t, "the member to be gone", func() bool {
			return s.Query(adminToken, `query($id: ID!) { member(id: $id) { name } }`, map[string]any{"id": e.id}).Code() == "NOT_FOUND"
		})
		for _, tok := range []string{e.session, e.apiToken} {
			waitFor(t, "the member's credentials to stop working", func() bool {
				return s.Query(tok, `{ viewer { role } }`, nil).Status == 401
			})
		}
		waitFor(t, "the posts to be the former member's", func() bool {
			r := s.MustQuery(adminToken, `query($id: ID!) { post(id: $id) { title author { name } } }`, map[string]any{"id": e.posts[2]})
			p, _ := r["post"].(map[string]any)
			return p != nil && p["author"].(map[string]any)["name"] == "Former member"
		})
	}
	if got := a.Query(adminToken, `query($id: ID!) { post(id: $id) { revisions(first: 10) { nodes { revision savedBy { name } } } } }`, map[string]any{"id": e.posts[2]}); got.Code() != "" {
		t.Errorf("revisions of an anonymised post: %v", got.Errors)
	}
	// The email and the slug are free again.
	a.MustQuery(adminToken, `mutation($e: String!) { joinMembership(input: {name: "Someone Else", email: $e, plan: "student", idempotencyKey: "pay-new"}) { id } }`,
		map[string]any{"e": e.email})

	// No trace in any document of any collection, nor in an export made after. The new
	// member has the same email: look for the name and phone, and the email outside her.
	if found := scanDatabase(t, a, e.name, e.phone, "Erin Erasable's laptop", "pay-join-"+e.email, "pay-renew-"+e.email); len(found) > 0 {
		t.Errorf("the erased member is still in the database:\n%s", strings.Join(found, "\n"))
	}
	o := a.offline()
	dir := filepath.Join(t.TempDir(), "export")
	if _, err := backup.Export(context.Background(), o.Store, o.Originals, dir, o.Store.Now()); err != nil {
		t.Fatal(err)
	}
	files, _ := os.ReadDir(dir)
	for _, f := range files {
		b, _ := os.ReadFile(filepath.Join(dir, f.Name()))
		for _, text := range []string{e.name, e.phone, "Erin"} {
			if bytes.Contains(b, []byte(text)) {
				t.Errorf("%s holds %q after the erasure", f.Name(), text)
			}
		}
	}

	// A retry is harmless and answers the same; another choice for the posts is a conflict.
	if r := a.MustQuery(adminToken, `mutation($id: ID!) { eraseMember(id: $id, posts: ANONYMISE) }`, map[string]any{"id": e.id}); r["eraseMember"] != e.id {
		t.Errorf("retry %v", r)
	}
	if got := a.Query(adminToken, `mutation($id: ID!) { eraseMember(id: $id, posts: DELETE) }`, map[string]any{"id": e.id}); got.Code() != "CONFLICT" {
		t.Errorf("another choice on retry: %s", got.Code())
	}
	if got := a.Query(adminToken, `mutation { eraseMember(id: "mbr_00000000000000000000000000", posts: DELETE) }`, nil); got.Code() != "NOT_FOUND" {
		t.Errorf("an unknown member: %s", got.Code())
	}
}

// DELETE takes the posts with it, history and all; a crash part-way is finished by a retry.
func TestEraseMemberDeletePostsAndRetry(t *testing.T) {
	a := MustRunServer(t)
	e := makeErasable(t, a, "Dora Deletable", "dora.deletable@example.org", "+44 20 7946 0888")
	// A crash after the first steps: the erasure recorded and the member's tombstone written,
	// as a killed process would leave it.
	o := a.offline()
	if _, err := o.Store.BeginErasure(context.Background(), guildhall.Erasure{MemberID: e.id, Posts: guildhall.ErasePostsDelete, At: a.Clock.Now(), By: "tok_admin"}); err != nil {
		t.Fatal(err)
	}
	if _, err := o.Store.TombstoneMember(context.Background(), e.id, "tok_admin"); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the server to follow the tombstone", func() bool {
		return a.Query(adminToken, `query($id: ID!) { member(id: $id) { name } }`, map[string]any{"id": e.id}).Code() == "NOT_FOUND"
	})
	if found := scanDatabase(t, a, e.name, e.phone); len(found) == 0 {
		t.Fatal("the half-done erasure left nothing to finish")
	}
	// The retry finishes it, though the member is gone from the catalog.
	r := a.MustQuery(adminToken, `mutation($id: ID!) { eraseMember(id: $id, posts: DELETE) }`, map[string]any{"id": e.id})
	if r["eraseMember"] != e.id {
		t.Fatalf("retry %v", r)
	}
	for _, id := range e.posts {
		if got := a.Query(adminToken, `query($id: ID!) { post(id: $id) { title } }`, map[string]any{"id": id}); got.Code() != "NOT_FOUND" {
			t.Errorf("post %s survived: %v", id, got.Data)
		}
	}
	if found := scanDatabase(t, a, e.name, e.phone, e.email, "Notes on supervision", "Second thoughts"); len(found) > 0 {
		t.Errorf("left behind:\n%s", strings.Join(found, "\n"))
	}
}
