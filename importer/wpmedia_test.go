package importer_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"image"
	"image/color"
	"image/png"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/guildhall/guildhall"
	"github.com/guildhall/guildhall/cms"
	"github.com/guildhall/guildhall/importer"
	"github.com/guildhall/guildhall/media"
)

// sitePhotos are the files of testdata/photos.xml's site: a phone photo with GPS as the
// attachment boat.jpg, a PNG that only a body shows, and a HEIC (refused); oars.jpg is
// missing on purpose.
func sitePhotos(t *testing.T) map[string][]byte {
	t.Helper()
	boat, err := os.ReadFile("../../shared/fixtures/images/gps_DSCN0021.jpg")
	if err != nil {
		t.Skipf("the photo fixtures are missing (%v): this test needs shared/fixtures beside the checkout", err)
	}
	img := image.NewNRGBA(image.Rect(0, 0, 120, 80))
	for i := range img.Pix {
		img.Pix[i] = byte(i)
	}
	img.Set(1, 1, color.White)
	var flag bytes.Buffer
	if err := png.Encode(&flag, img); err != nil {
		t.Fatal(err)
	}
	return map[string][]byte{
		"2015/03/boat.jpg":   boat,
		"2015/04/flag.png":   flag.Bytes(),
		"2015/03/phone.heic": append([]byte("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"), make([]byte, 64)...),
	}
}

func withOriginals(t *testing.T, allowPrivate bool) (func(*cms.Options), media.Originals) {
	originals, err := media.NewDirOriginals(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return func(o *cms.Options) { o.Originals, o.WebhookAllowPrivate = originals, allowPrivate }, originals
}

var mediaSrc = regexp.MustCompile(`/media/(ast_[0-9a-z]{26})/([a-z0-9.-]+)`)

// Attachments and the images bodies show become assets from a copy of wp-content/uploads;
// bodies and featured images point at them; a re-import reads no file again.
func TestWordPressImportsImagesFromUploads(t *testing.T) {
	opt, originals := withOriginals(t, false)
	f := mustService(t, opt)
	uploads := t.TempDir()
	files := sitePhotos(t)
	for rel, data := range files {
		name := filepath.Join(uploads, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	sum := importClub(t, f, "testdata/photos.xml", importer.WordPressOptions{UploadsDir: uploads})
	if sum.Imported != 1 || sum.Images != (importer.ImageCounts{Imported: 2, Skipped: 1}) {
		t.Errorf("summary %+v", sum)
	}
	if len(sum.Skipped) != 1 || !strings.Contains(sum.Skipped[0].Item, "phone.heic") || !strings.Contains(sum.Skipped[0].Reason, "HEIC") {
		t.Errorf("skipped %+v", sum.Skipped)
	}
	notes := strings.Join(sum.Notes, "\n")
	if !strings.Contains(notes, "1 image attachments were not imported") || !strings.Contains(notes, "1 attachments are not images") {
		t.Errorf("notes %q", sum.Notes)
	}
	if sum.Counted["attachments"] != 2 {
		t.Errorf("counted %v, want oars.jpg and the PDF", sum.Counted)
	}
	var out bytes.Buffer
	sum.Write(&out)
	if !strings.Contains(out.String(), "images     2 imported, 0 updated, 0 unchanged, 1 skipped") {
		t.Errorf("printed summary:\n%s", out.String())
	}

	p := f.postAt(t, anonymous, "/?p=11")
	if p == nil || p.FeaturedImageID == nil {
		t.Fatalf("post %+v has no featured image", p)
	}
	boat, err := f.svc.Asset(*p.FeaturedImageID)
	if err != nil || boat.Alt != "Boat" || boat.Filename != "boat.jpg" || boat.CreatedAt.Year() != 2015 || boat.UpdatedBy != guildhall.ImportActor {
		t.Fatalf("featured image %+v %v", boat, err)
	}
	if ada := f.memberID("ada.writer@example.org"); boat.OwnerID != ada || ada == "" {
		t.Errorf("the boat's owner is %q, want Ada %q", boat.OwnerID, ada)
	}
	// Cleaned as any upload: not the phone's bytes (its GPS block is gone), upright, stored.
	raw := sha256.Sum256(files["2015/03/boat.jpg"])
	if boat.SHA256 == hex.EncodeToString(raw[:]) {
		t.Error("the attachment was stored as it was, not cleaned")
	}
	rc, err := originals.Open(admin, boat.SHA256)
	if err != nil {
		t.Fatal(err)
	}
	stored, _ := io.ReadAll(rc)
	rc.Close()
	if bytes.Contains(stored, []byte("GPS")) || len(stored) != boat.Bytes {
		t.Errorf("stored original: %d bytes, GPS %v", len(stored), bytes.Contains(stored, []byte("GPS")))
	}

	body := p.Body.HTML()
	if strings.Contains(body, "wp-content/uploads/2015/03/boat") || strings.Contains(body, "flag.png\"") && strings.Contains(body, "wp-content/uploads/2015/04") {
		t.Errorf("a WordPress URL of an imported file is left:\n%s", body)
	}
	boatPath := boat.Path()
	for _, want := range []string{
		`src="` + boatPath + `"`,              // the 300x225 copy, the link and the gallery: the one asset
		`href="` + boatPath + `"`,             // the link to the full picture
		`srcset="` + boatPath + `?w=160 160w`, // srcset and sizes of our images
		`loading="lazy"`,
		`src="https://club.example/wp-content/uploads/2015/03/oars.jpg"`, // not in the uploads: kept
		`src="https://elsewhere.example/pictures/friend.jpg"`,            // another site, no -fetch: kept
		`alt="Our flag"`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("body lacks %s:\n%s", want, body)
		}
	}
	ids := map[string]bool{}
	for _, m := range mediaSrc.FindAllStringSubmatch(body, -1) {
		ids[m[1]] = true
	}
	if len(ids) != 2 || !ids[boat.ID] {
		t.Errorf("the body shows assets %v, want the boat and the flag", ids)
	}
	// The post uses both (the flag only in its body): neither can be deleted from under it.
	for id := range ids {
		if _, err := f.svc.DeleteAsset(admin, id); guildhall.ErrorCode(err) != guildhall.ECONFLICT {
			t.Errorf("deleting used imported image %s: %v", id, err)
		}
	}

	// Again: nothing is read (the files are gone), nothing changes.
	if err := os.RemoveAll(uploads); err != nil {
		t.Fatal(err)
	}
	again := importClub(t, f, "testdata/photos.xml", importer.WordPressOptions{UploadsDir: uploads})
	if again.Unchanged != 1 || again.Imported != 0 || again.Updated != 0 {
		t.Errorf("re-import %+v", again)
	}
	if q := f.postAt(t, anonymous, "/?p=11"); q.Version != p.Version || q.Body.HTML() != body {
		t.Errorf("re-import changed the post: v%d", q.Version)
	}
}

// With -fetch, files are downloaded with importAssetFromUrl's guard: a site on a private
// address is refused, nothing is stored, and the bodies keep their URLs; allowed, the same
// import brings the images in, and a file over 20 MB is skipped with the reason.
func TestWordPressFetchesImages(t *testing.T) {
	files := sitePhotos(t)
	files["pictures/friend.jpg"] = files["2015/03/boat.jpg"]
	var requests int
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests++
		rel := strings.TrimPrefix(strings.TrimPrefix(r.URL.Path, "/wp-content/uploads/"), "/")
		if rel == "2015/03/oars.jpg" { // larger than any image may be
			w.Header().Set("Content-Length", "22000000")
			_, _ = w.Write(make([]byte, 1<<20))
			return
		}
		data, ok := files[rel]
		if !ok {
			http.NotFound(w, r)
			return
		}
		_, _ = w.Write(data)
	}))
	defer srv.Close()
	src, err := os.ReadFile("testdata/photos.xml")
	if err != nil {
		t.Fatal(err)
	}
	src = bytes.ReplaceAll(src, []byte("https://club.example"), []byte(srv.URL))
	src = bytes.ReplaceAll(src, []byte("https://elsewhere.example"), []byte(srv.URL))
	wxrFile := filepath.Join(t.TempDir(), "photos.xml")
	if err := os.WriteFile(wxrFile, src, 0o600); err != nil {
		t.Fatal(err)
	}

	t.Run("guarded", func(t *testing.T) {
		opt, _ := withOriginals(t, false)
		f := mustService(t, opt)
		before, _ := f.svc.Assets(admin, nil, nil, nil)
		requests = 0
		sum := importClub(t, f, wxrFile, importer.WordPressOptions{Fetch: true})
		if requests != 0 {
			t.Errorf("%d requests reached a loopback server", requests)
		}
		if sum.Imported != 1 || sum.Images.Imported != 0 || sum.Images.Skipped != 5 {
			t.Errorf("summary %+v", sum)
		}
		for _, s := range sum.Skipped {
			if !strings.Contains(s.Reason, "private, loopback or link-local") {
				t.Errorf("skipped %s: %s", s.Item, s.Reason)
			}
		}
		after, _ := f.svc.Assets(admin, nil, nil, nil)
		if len(after.Items) != len(before.Items) {
			t.Errorf("%d assets stored from a refused site", len(after.Items)-len(before.Items))
		}
		if p := f.postAt(t, anonymous, "/?p=11"); p.FeaturedImageID != nil || !strings.Contains(p.Body.HTML(), srv.URL+"/wp-content/uploads/2015/03/boat-300x225.jpg") {
			t.Errorf("post %+v", p)
		}
	})
	t.Run("allowed", func(t *testing.T) {
		opt, _ := withOriginals(t, true)
		f := mustService(t, opt)
		sum := importClub(t, f, wxrFile, importer.WordPressOptions{Fetch: true})
		if sum.Images != (importer.ImageCounts{Imported: 3, Skipped: 2}) {
			t.Errorf("images %+v, skipped %+v", sum.Images, sum.Skipped)
		}
		reasons := map[string]string{}
		for _, s := range sum.Skipped {
			reasons[s.Item] = s.Reason
		}
		if r := reasons[`attachment 52 "oars.jpg"`]; !strings.Contains(r, "20 MB") {
			t.Errorf("oars.jpg: %q (%v)", r, reasons)
		}
		p := f.postAt(t, anonymous, "/?p=11")
		body := p.Body.HTML()
		if p.FeaturedImageID == nil || strings.Contains(body, srv.URL+"/wp-content/uploads/2015/03/boat") || strings.Contains(body, srv.URL+"/pictures/friend.jpg") {
			t.Errorf("featured %v, body:\n%s", p.FeaturedImageID, body)
		}
		if n := len(mediaSrc.FindAllString(body, -1)); n < 4 {
			t.Errorf("%d asset URLs in the body:\n%s", n, body)
		}
	})
}

// An import refuses an ID of another kind, and a deleted imported image is not brought back.
func TestImportAssetRules(t *testing.T) {
	opt, _ := withOriginals(t, false)
	f := mustService(t, opt)
	files := sitePhotos(t)
	read := func(ctx context.Context) ([]byte, error) { return files["2015/04/flag.png"], nil }
	in := guildhall.ImportAssetInput{ID: guildhall.ImportID(guildhall.KindAsset, t0, "test:flag"), Filename: "flag.png", Alt: "Flag", CreatedAt: t0, Read: read}
	if _, _, err := f.svc.ImportAsset(anonymous, in); guildhall.ErrorCode(err) != guildhall.EUNAUTHORIZED && guildhall.ErrorCode(err) != guildhall.EFORBIDDEN {
		t.Errorf("anonymous import: %v", err)
	}
	wrong := in
	wrong.ID = guildhall.ImportID(guildhall.KindPost, t0, "test:flag")
	if _, _, err := f.svc.ImportAsset(admin, wrong); guildhall.ErrorCode(err) != guildhall.EINVALID {
		t.Errorf("a post ID: %v", err)
	}
	res, a, err := f.svc.ImportAsset(admin, in)
	if err != nil || res.Outcome != guildhall.ImportCreated || a.Width != 120 {
		t.Fatalf("import: %+v %+v %v", res, a, err)
	}
	in.Alt = "The club's flag"
	if res, a, _ := f.svc.ImportAsset(admin, in); res.Outcome != guildhall.ImportUpdated || a.Alt != in.Alt || a.Version != 2 {
		t.Errorf("changed alt: %+v %+v", res, a)
	}
	if _, err := f.svc.DeleteAsset(admin, a.ID); err != nil {
		t.Fatal(err)
	}
	in.Read = func(context.Context) ([]byte, error) { return nil, errors.New("must not be read") }
	if res, a, err := f.svc.ImportAsset(admin, in); err != nil || res.Outcome != guildhall.ImportSkipped || a != nil {
		t.Errorf("a deleted import came back: %+v %+v %v", res, a, err)
	}
}
