package backup_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/guildhall/guildhall"
	"github.com/guildhall/guildhall/backup"
	"github.com/guildhall/guildhall/clock"
	"github.com/guildhall/guildhall/cms"
	"github.com/guildhall/guildhall/demo"
	"github.com/guildhall/guildhall/embedded/embeddedtest"
	"github.com/guildhall/guildhall/media"
	"github.com/guildhall/guildhall/mongodb"
)

var uri string

func TestMain(m *testing.M) { embeddedtest.Main(m, &uri) }

var t0 = time.Date(2026, 6, 15, 12, 0, 0, 0, time.UTC)

var admin = guildhall.WithViewer(context.Background(), &guildhall.Viewer{Role: guildhall.RoleAdmin, TokenID: "tok_admin"})

func openStore(t *testing.T) *mongodb.Store {
	t.Helper()
	var b [6]byte
	_, _ = rand.Read(b[:])
	store, err := mongodb.Open(context.Background(), uri, "bk_"+hex.EncodeToString(b[:]))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = store.Drop(context.Background())
		_ = store.Close(context.Background())
	})
	return store
}

// originals is a fresh originals store, as the server keeps them with the embedded engine.
func originals(t *testing.T) *media.DirOriginals {
	t.Helper()
	o, err := media.NewDirOriginals(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return o
}

func service(t *testing.T, store *mongodb.Store, files media.Originals, c *clock.Manual) *cms.Service {
	t.Helper()
	if _, err := store.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	svc := cms.New(store, cms.Options{Now: c.Now, Logger: slog.New(slog.DiscardHandler), Originals: files})
	if err := svc.Load(context.Background()); err != nil {
		t.Fatal(err)
	}
	return svc
}

// seeded is a database with the demo content (its pictures too), revisions, credentials, a
// webhook and a membership event: something of every kind.
func seeded(t *testing.T) (*mongodb.Store, *cms.Service, *clock.Manual, *media.DirOriginals) {
	t.Helper()
	store := openStore(t)
	c := clock.NewManual(t0)
	files := originals(t)
	svc := service(t, store, files, c)
	if _, err := svc.SeedIfEmpty(context.Background(), demo.New(t0)); err != nil {
		t.Fatal(err)
	}
	first := 3
	page, err := svc.Posts(admin, &first, nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range page.Items {
		title := p.Title + " (revised)"
		c.Advance(time.Second)
		if _, err := svc.UpdatePost(admin, guildhall.UpdatePostInput{ID: p.ID, ExpectedVersion: p.Version, Title: &title}); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			if _, err := svc.UpdatePost(admin, guildhall.UpdatePostInput{ID: p.ID, ExpectedVersion: p.Version + 1, Title: &p.Title}); err != nil {
				t.Fatal(err)
			}
		}
	}
	if _, err := svc.CreateAdminToken(context.Background(), guildhall.CreateApiTokenInput{Name: "backup test", Role: guildhall.RoleAdmin}); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.CreateAccount(admin, guildhall.CreateAccountInput{Email: "editor@example.org", Password: "correct horse battery staple", Role: guildhall.RoleEditor}); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.CreateWebhook(admin, guildhall.CreateWebhookInput{URL: "https://partner.example/hooks", Events: []guildhall.WebhookEvent{guildhall.EventPostPublished}, Secret: "a-secret-of-16-chars"}); err != nil {
		t.Fatal(err)
	}
	return store, svc, c, files
}

// readDir reads every file under dir, by its path there.
func readDir(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		rel, _ := filepath.Rel(dir, path)
		out[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestExportRestoreExportIsIdentical(t *testing.T) {
	store, svc, _, files := seeded(t)
	dir1 := filepath.Join(t.TempDir(), "one")
	m1, err := backup.Export(context.Background(), store, files, dir1, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	for _, c := range m1.Collections {
		counts[c.Name] = c.Documents
	}
	for _, col := range []string{"member_revisions", "post_revisions", "block_revisions", "asset_revisions", "claims", "plans", "token_revisions", "account_revisions", "webhook_revisions", "secrets"} {
		if counts[col] == 0 {
			t.Errorf("no %s in the export: %v", col, counts)
		}
	}
	for name := range counts {
		if strings.HasPrefix(name, "changes") {
			t.Errorf("the change log %s is exported", name)
		}
	}
	// Owner only: the folder holds hashes and secrets.
	if st, _ := os.Stat(dir1); st.Mode().Perm() != 0o700 {
		t.Errorf("folder mode %v", st.Mode().Perm())
	}
	for name := range readDir(t, dir1) {
		if st, _ := os.Stat(filepath.Join(dir1, name)); st.Mode().Perm() != 0o600 {
			t.Errorf("%s mode %v", name, st.Mode().Perm())
		}
	}

	// Every asset's original is in originals/, named by its sum.
	first := 100
	assets, err := svc.Assets(admin, &first, nil, nil)
	if err != nil || len(assets.Items) == 0 {
		t.Fatalf("the demo has no pictures: %v", err)
	}
	for _, a := range assets.Items {
		if _, ok := readDir(t, dir1)["originals/"+a.SHA256]; !ok {
			t.Errorf("the original of %s (%s) is not in the export", a.ID, a.Filename)
		}
	}
	if m1.Originals == nil || m1.Originals.Files != len(assets.Items) || len(m1.Originals.Missing) != 0 {
		t.Errorf("manifest originals %+v, %d assets", m1.Originals, len(assets.Items))
	}

	empty, emptyFiles := openStore(t), originals(t)
	if _, err := backup.Restore(context.Background(), empty, emptyFiles, dir1); err != nil {
		t.Fatal(err)
	}
	dir2 := filepath.Join(t.TempDir(), "two")
	if _, err := backup.Export(context.Background(), empty, emptyFiles, dir2, time.Now()); err != nil {
		t.Fatal(err)
	}
	one, two := readDir(t, dir1), readDir(t, dir2)
	if len(one) != len(two) {
		t.Errorf("%d files, then %d", len(one), len(two))
	}
	for name, b := range one {
		if name == "manifest.json" {
			continue
		}
		if !bytes.Equal(b, two[name]) {
			t.Errorf("%s differs after export, restore, export", name)
		}
	}
	strip := func(b []byte) string {
		var out []string
		for _, l := range strings.Split(string(b), "\n") {
			if !strings.Contains(l, `"createdAt"`) {
				out = append(out, l)
			}
		}
		return strings.Join(out, "\n")
	}
	if strip(one["manifest.json"]) != strip(two["manifest.json"]) {
		t.Errorf("manifests differ beyond their timestamps:\n%s\n%s", one["manifest.json"], two["manifest.json"])
	}

	// The restored database serves the same content, history included.
	restored := service(t, empty, emptyFiles, clock.NewManual(t0.Add(time.Hour)))
	a, _ := svc.Posts(admin, &first, nil, nil, nil)
	b, _ := restored.Posts(admin, &first, nil, nil, nil)
	if a.Total() != b.Total() || a.Items[0].ID != b.Items[0].ID || a.Items[0].Title != b.Items[0].Title {
		t.Errorf("restored posts differ: %d vs %d", a.Total(), b.Total())
	}
	revs, err := restored.PostRevisions(admin, a.Items[0], &first, nil)
	if err != nil || len(revs.Items) < 2 {
		t.Errorf("revisions after restore: %+v %v", revs, err)
	}
	if _, err := restored.Login(context.Background(), "editor@example.org", "correct horse battery staple", "127.0.0.1"); err != nil {
		t.Errorf("the account does not log in after a restore: %v", err)
	}
	// The restored assets' bytes are in the new store.
	for _, a := range assets.Items {
		got, err := restored.Asset(a.ID)
		if err != nil {
			t.Fatalf("asset %s after restore: %v", a.ID, err)
		}
		rc, err := emptyFiles.Open(context.Background(), got.SHA256)
		if err != nil {
			t.Fatalf("the original of %s after restore: %v", a.ID, err)
		}
		data, _ := io.ReadAll(rc)
		rc.Close()
		if len(data) != a.Bytes {
			t.Errorf("%s: %d bytes restored, %d stored", a.ID, len(data), a.Bytes)
		}
	}
}

// An asset whose original was lost is listed in the manifest, not a failed export; a damaged
// original is refused by the restore before anything is written.
func TestExportOriginalsMissingAndDamaged(t *testing.T) {
	store, svc, _, files := seeded(t)
	first := 1
	page, _ := svc.Assets(admin, &first, nil, nil)
	lost := page.Items[0].SHA256
	if err := files.Delete(context.Background(), lost); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "b")
	m, err := backup.Export(context.Background(), store, files, dir, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if m.Originals == nil || len(m.Originals.Missing) != 1 || m.Originals.Missing[0] != lost {
		t.Errorf("originals %+v, want %s missing", m.Originals, lost)
	}
	if _, err := backup.Restore(context.Background(), openStore(t), nil, dir); err == nil || !strings.Contains(err.Error(), "nowhere to put them") {
		t.Errorf("restore without an originals store: %v", err)
	}
	names, _ := os.ReadDir(filepath.Join(dir, backup.OriginalsDir))
	damaged := filepath.Join(dir, backup.OriginalsDir, names[0].Name())
	b := mustRead(t, damaged)
	b[len(b)/2] ^= 0xff
	_ = os.WriteFile(damaged, b, 0o600)
	empty := openStore(t)
	if _, err := backup.Restore(context.Background(), empty, originals(t), dir); err == nil || !strings.Contains(err.Error(), "does not match its name") {
		t.Errorf("a damaged original: %v", err)
	}
	if blank, _, _ := empty.Blank(context.Background()); !blank {
		t.Error("a refused restore wrote something")
	}
}

// interleaved writes to the database between the collections an export reads.
type interleaved struct {
	*mongodb.Store
	write func()
	done  bool
}

func (s *interleaved) DumpCollection(ctx context.Context, col string, before time.Time, w io.Writer) (int, error) {
	n, err := s.Store.DumpCollection(ctx, col, before, w)
	if !s.done && col == "account_revisions" { // before claims, members and posts are read
		s.done = true
		s.write()
	}
	return n, err
}

// Writes made while an export runs are not in it: it is the database as of its start.
func TestExportIsAsOfItsStart(t *testing.T) {
	store, svc, c, files := seeded(t)
	before := filepath.Join(t.TempDir(), "before")
	mBefore, err := backup.Export(context.Background(), store, files, before, store.Now())
	if err != nil {
		t.Fatal(err)
	}
	first := 1
	page, _ := svc.Posts(admin, &first, nil, nil, nil)
	p := page.Items[0]
	src := &interleaved{Store: store, write: func() {
		c.Advance(time.Second)
		title := "Written during the export"
		if _, err := svc.UpdatePost(admin, guildhall.UpdatePostInput{ID: p.ID, ExpectedVersion: p.Version, Title: &title}); err != nil {
			t.Error(err)
		}
		author := p.AuthorID
		if _, err := svc.CreatePost(admin, guildhall.CreatePostInput{Title: "A new post during the export", Body: "<p>x</p>", AuthorID: &author}); err != nil {
			t.Error(err)
		}
	}}
	time.Sleep(2 * time.Millisecond) // the export's moment is after the one above
	during := filepath.Join(t.TempDir(), "during")
	mDuring, err := backup.Export(context.Background(), src, files, during, store.Now())
	if err != nil {
		t.Fatal(err)
	}
	if !src.done {
		t.Fatal("nothing was written during the export")
	}
	for i, c := range mDuring.Collections {
		if c != mBefore.Collections[i] {
			t.Errorf("%s: %+v, before the writes %+v", c.Name, c, mBefore.Collections[i])
		}
	}
	if b, _ := os.ReadFile(filepath.Join(during, "post_revisions.jsonl")); bytes.Contains(b, []byte("during the export")) {
		t.Error("a revision written during the export is in it")
	}
}

func TestRestoreRefusals(t *testing.T) {
	store, _, _, files := seeded(t)
	dir := filepath.Join(t.TempDir(), "b")
	if _, err := backup.Export(context.Background(), store, files, dir, time.Now()); err != nil {
		t.Fatal(err)
	}
	// Not into a database with anything in it.
	if _, err := backup.Restore(context.Background(), store, files, dir); err == nil || !strings.Contains(err.Error(), "not empty") {
		t.Errorf("restore into a full database: %v", err)
	}
	// Not into a folder with something in it.
	if _, err := backup.Export(context.Background(), store, files, dir, time.Now()); err == nil || !strings.Contains(err.Error(), "not empty") {
		t.Errorf("export into a full folder: %v", err)
	}
	// A file that does not match the manifest: refused before anything is written.
	path := filepath.Join(dir, "post_revisions.jsonl")
	b, _ := os.ReadFile(path)
	_ = os.WriteFile(path, bytes.Replace(b, []byte("Revised"), []byte("Tampered"), 1), 0o600)
	if bytes.Equal(b, mustRead(t, path)) {
		_ = os.WriteFile(path, append(b, []byte("{}\n")...), 0o600)
	}
	empty := openStore(t)
	if _, err := backup.Restore(context.Background(), empty, originals(t), dir); err == nil || !strings.Contains(err.Error(), "does not match the manifest") {
		t.Errorf("a tampered backup: %v", err)
	}
	if blank, _, _ := empty.Blank(context.Background()); !blank {
		t.Error("a refused restore wrote something")
	}
	if _, err := backup.Restore(context.Background(), empty, originals(t), t.TempDir()); err == nil || !strings.Contains(err.Error(), "not a backup") {
		t.Errorf("a folder without a manifest: %v", err)
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
