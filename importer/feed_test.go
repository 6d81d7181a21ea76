package importer_test

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/guildhall/guildhall/importer"
)

func TestFeedImport(t *testing.T) {
	f := mustService(t)
	sum, err := importer.Feed(admin, f.svc, "testdata/feed.rss", importer.FeedOptions{Now: f.clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Imported != 2 || sum.MembersCreated != 1 || sum.MembersMatched != 1 {
		t.Errorf("summary %+v", sum)
	}
	agm := f.postAt(t, anonymous, "https://harbour.example/news/agm-2024")
	if agm == nil || agm.Title != "Annual general meeting" || agm.Body.HTML() != "<p>The AGM elected a new board.</p>" ||
		agm.PublishedAt.Format("2006-01-02") != "2024-03-05" || strings.Join(agm.Tags, ",") != "meetings" {
		t.Fatalf("agm %+v", agm)
	}
	if a, _ := f.svc.Author(agm); a.Slug != "zoe-angstrom" {
		t.Errorf("author not matched by email: %+v", a)
	}
	summer := f.postAt(t, anonymous, "/news/summer")
	if summer == nil || summer.Title != "Summer & sea" || !strings.Contains(summer.Body.HTML(), "<em>season</em>") {
		t.Fatalf("summer %+v", summer)
	}
	if a, _ := f.svc.Author(summer); a.Name != "Harbour Editor" {
		t.Errorf("author %+v", a)
	}

	// Idempotent by GUID, from a URL too.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.ServeFile(w, r, "testdata/feed.rss")
	}))
	defer srv.Close()
	again, err := importer.Feed(admin, f.svc, srv.URL+"/feed.rss", importer.FeedOptions{Now: f.clock.Now})
	if err != nil || again.Unchanged != 2 || again.Imported != 0 || again.MembersCreated != 0 {
		t.Errorf("re-import %+v %v", again, err)
	}
}

func TestFeedRefusals(t *testing.T) {
	f := mustService(t)
	before := f.postCount(t)
	notFeed := filepath.Join(t.TempDir(), "x.rss")
	_ = os.WriteFile(notFeed, []byte("<html><body>hello</body></html>"), 0o600)
	if _, err := importer.Feed(admin, f.svc, notFeed, importer.FeedOptions{}); err == nil || !strings.Contains(err.Error(), "nothing was imported") {
		t.Errorf("err %v", err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/big" {
			w.Write([]byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>` + strings.Repeat("x", 2<<20) + `</title></channel></rss>`))
			return
		}
		http.NotFound(w, r)
	}))
	defer srv.Close()
	if _, err := importer.Feed(admin, f.svc, srv.URL+"/missing", importer.FeedOptions{}); err == nil || !strings.Contains(err.Error(), "404") {
		t.Errorf("err %v", err)
	}
	if _, err := importer.Feed(admin, f.svc, srv.URL+"/big", importer.FeedOptions{MaxBytes: 1 << 20}); err == nil || !strings.Contains(err.Error(), "larger than 1 MiB") {
		t.Errorf("err %v", err)
	}
	if f.postCount(t) != before {
		t.Error("something was imported")
	}
}
