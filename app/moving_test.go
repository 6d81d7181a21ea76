package app_test

import (
	"context"
	"io"
	"log/slog"
	"testing"

	"github.com/guildhall/guildhall"
	"github.com/guildhall/guildhall/app"
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
