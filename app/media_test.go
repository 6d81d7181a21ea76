package app_test

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"image"
	"image/jpeg"
	"image/png"
	"io"
	"mime/multipart"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rwcarlsen/goexif/exif"

	"github.com/guildhall/guildhall/app"
)

// photo reads one of the real photos in shared/fixtures/images.
func photo(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("../../shared/fixtures/images", name))
	if errors.Is(err, os.ErrNotExist) {
		t.Skip("the photo fixtures are missing: this test needs shared/fixtures beside the checkout")
	}
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// pngOf is a PNG of w x h pixels of one colour.
func pngOf(w, h int) []byte {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = 180
	}
	var buf bytes.Buffer
	_ = png.Encode(&buf, img)
	return buf.Bytes()
}

type uploaded struct {
	Status int
	Body   map[string]any
	Header http.Header
}

// upload POSTs a raw file to /media.
func (s *testServer) upload(token, query string, body io.Reader, length int64) uploaded {
	s.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, s.URL+"/media?"+query, body)
	req.ContentLength = length
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		s.t.Fatalf("POST /media: %v", err)
	}
	defer res.Body.Close()
	out := uploaded{Status: res.StatusCode, Header: res.Header}
	raw, _ := io.ReadAll(res.Body)
	if err := json.Unmarshal(raw, &out.Body); err != nil {
		s.t.Fatalf("POST /media: %d, not JSON: %q", res.StatusCode, raw)
	}
	return out
}

func (s *testServer) uploadBytes(token, query string, data []byte) uploaded {
	s.t.Helper()
	return s.upload(token, query, bytes.NewReader(data), int64(len(data)))
}

func (s *testServer) assetCount() int {
	s.t.Helper()
	return num(s.MustQuery(adminToken, `{ assets(first: 1) { totalCount } }`, nil), "assets.totalCount")
}

func TestUploadAndServe(t *testing.T) {
	s := MustRunServer(t)
	up := s.uploadBytes(adminToken, "filename=Waterfall%20(turned).JPG&alt=A+waterfall", photo(t, "orientation_landscape_6.jpg"))
	if up.Status != http.StatusCreated {
		t.Fatalf("upload: %d %v", up.Status, up.Body)
	}
	url := up.Body["url"].(string)
	if !strings.HasPrefix(url, "/media/ast_") || !strings.HasSuffix(url, "/waterfall-turned.jpg") || up.Header.Get("Location") != url {
		t.Errorf("url %q, Location %q", url, up.Header.Get("Location"))
	}
	if up.Body["width"] != 600.0 || up.Body["height"] != 450.0 || up.Body["alt"] != "A waterfall" || up.Body["contentType"] != "image/jpeg" {
		t.Errorf("asset %v, want an upright 600x450 JPEG with its alt", up.Body)
	}

	res, body := s.fetch(http.MethodGet, url)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d", url, res.StatusCode)
	}
	for h, want := range map[string]string{
		"Content-Type": "image/jpeg", "Cache-Control": "public, max-age=31536000, immutable",
		"X-Content-Type-Options": "nosniff", "Content-Disposition": `inline; filename="waterfall-turned.jpg"`,
	} {
		if got := res.Header.Get(h); got != want {
			t.Errorf("%s: %q, want %q", h, got, want)
		}
	}
	cfg, err := jpeg.DecodeConfig(bytes.NewReader(body))
	if err != nil || cfg.Width != 600 || cfg.Height != 450 {
		t.Errorf("served image: %v %dx%d, want upright 600x450", err, cfg.Width, cfg.Height)
	}
	if _, err := exif.Decode(bytes.NewReader(body)); err == nil {
		t.Error("the served image still has EXIF")
	}
	etag := res.Header.Get("ETag")
	if etag == "" {
		t.Fatal("no ETag")
	}
	if res, _ := s.fetch(http.MethodGet, url, "If-None-Match", etag); res.StatusCode != http.StatusNotModified {
		t.Errorf("revalidation: %d, want 304", res.StatusCode)
	}
	if res, body := s.fetch(http.MethodHead, url); res.StatusCode != http.StatusOK || len(body) != 0 || res.ContentLength != int64(up.Body["bytes"].(float64)) {
		t.Errorf("HEAD: %d, %d bytes of body, Content-Length %d", res.StatusCode, len(body), res.ContentLength)
	}

	// A variant, cold then warm: the same bytes, its own ETag.
	res, cold := s.fetch(http.MethodGet, url+"?w=320")
	if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "image/jpeg" {
		t.Fatalf("variant: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	if cfg, err := jpeg.DecodeConfig(bytes.NewReader(cold)); err != nil || cfg.Width != 320 || cfg.Height != 240 {
		t.Errorf("variant is %dx%d (%v), want 320x240", cfg.Width, cfg.Height, err)
	}
	if res.Header.Get("ETag") == etag {
		t.Error("the variant has the original's ETag")
	}
	if _, warm := s.fetch(http.MethodGet, url+"?w=320"); !bytes.Equal(warm, cold) {
		t.Error("the warm variant differs from the cold one")
	}
	// Wider than the original: the original.
	if _, wide := s.fetch(http.MethodGet, url+"?w=1920"); !bytes.Equal(wide, body) {
		t.Error("?w=1920 of a 600-pixel image is not the original")
	}
	for _, w := range []string{"333", "0", "-160", "abc", "160.0", "99999999999999999999"} {
		if res, _ := s.fetch(http.MethodGet, url+"?w="+w); res.StatusCode != http.StatusBadRequest {
			t.Errorf("?w=%s: %d, want 400", w, res.StatusCode)
		}
	}
	if res, _ := s.fetch(http.MethodGet, "/media/ast_00000000000000000000000000/x.jpg"); res.StatusCode != http.StatusNotFound {
		t.Errorf("unknown asset: %d", res.StatusCode)
	}
	if res, _ := s.fetch(http.MethodDelete, url); res.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("DELETE: %d", res.StatusCode)
	}

	// Through GraphQL.
	d := s.MustQuery("", `query($id: ID!) { asset(id: $id) { url w: url(width: 480) srcset sizes width height alt filename contentType owner { id } } }`,
		map[string]any{"id": up.Body["id"]})
	if str(d, "asset.url") != url || str(d, "asset.w") != url+"?w=480" {
		t.Errorf("asset urls: %s", dump(d))
	}
	if want := url + "?w=160 160w, " + url + "?w=320 320w, " + url + "?w=480 480w, " + url + " 600w"; str(d, "asset.srcset") != want {
		t.Errorf("srcset %q, want %q", str(d, "asset.srcset"), want)
	}
	if r := s.Query("", `query($id: ID!) { asset(id: $id) { url(width: 500) } }`, map[string]any{"id": up.Body["id"]}); r.Code() != "BAD_USER_INPUT" {
		t.Errorf("url(width: 500): %s", r.Code())
	}
}

func TestUploadRefusals(t *testing.T) {
	s := MustRunServer(t)
	before := s.assetCount()
	jpg := photo(t, "gps_DSCN0021.jpg")
	bomb := pngOf(1, 1)
	// Claim 100,000 x 100,000 pixels in the header (IHDR, with its checksum).
	copy(bomb[16:24], []byte{0, 1, 0x86, 0xa0, 0, 1, 0x86, 0xa0})
	binary.BigEndian.PutUint32(bomb[29:], crc32.ChecksumIEEE(bomb[12:29]))
	tests := []struct {
		name   string
		data   []byte
		status int
		reason string
	}{
		{"svg with script", []byte(`<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(document.cookie)</script></svg>`), 415, "UNSUPPORTED_TYPE"},
		{"heic", append([]byte("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"), make([]byte, 100)...), 415, "UNSUPPORTED_TYPE"},
		{"html named .jpg", []byte("<html><body>hi</body></html>"), 415, "UNSUPPORTED_TYPE"},
		{"truncated jpeg", jpg[:len(jpg)/3], 400, "CORRUPT"},
		{"decompression bomb", bomb, 413, "TOO_LARGE"},
		{"empty", nil, 400, "CORRUPT"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			up := s.uploadBytes(adminToken, "filename=photo.jpg&alt=x", tc.data)
			if up.Status != tc.status {
				t.Fatalf("status %d, want %d: %v", up.Status, tc.status, up.Body)
			}
			e := up.Body["errors"].([]any)[0].(map[string]any)
			ext := e["extensions"].(map[string]any)
			if ext["code"] != "BAD_USER_INPUT" || ext["reason"] != tc.reason || e["message"] == "" {
				t.Errorf("error %v, want BAD_USER_INPUT with reason %s", e, tc.reason)
			}
		})
	}
	t.Run("21 MB", func(t *testing.T) {
		big := append(bytes.Clone(jpg), make([]byte, 21<<20)...)
		if up := s.uploadBytes(adminToken, "filename=a.jpg&alt=x", big); up.Status != 413 {
			t.Errorf("with Content-Length: %d", up.Status)
		}
		// Without a Content-Length (chunked), the limit holds while reading.
		if up := s.upload(adminToken, "filename=a.jpg&alt=x", io.MultiReader(bytes.NewReader(big)), -1); up.Status != 413 {
			t.Errorf("chunked: %d", up.Status)
		}
	})
	t.Run("no alt", func(t *testing.T) {
		if up := s.uploadBytes(adminToken, "filename=a.jpg", jpg); up.Status != 400 || !strings.Contains(fmt.Sprint(up.Body), "alt is required") {
			t.Errorf("%d %v", up.Status, up.Body)
		}
	})
	t.Run("credentials before the body", func(t *testing.T) {
		// The headers promise 10 MB that never come: a server that read the body first would
		// wait for it; the answer must come at once.
		member := str(s.MustQuery(adminToken, `{ members(first: 1) { nodes { id } } }`, nil), "members.nodes.0.id")
		for token, want := range map[string]string{"": "401", s.createToken("MEMBER", member): "403"} {
			conn, err := net.Dial("tcp", strings.TrimPrefix(s.URL, "http://"))
			if err != nil {
				t.Fatal(err)
			}
			auth := ""
			if token != "" {
				auth = "Authorization: Bearer " + token + "\r\n"
			}
			fmt.Fprintf(conn, "POST /media?filename=a.jpg&alt=x HTTP/1.1\r\nHost: x\r\n%sContent-Length: 10000000\r\n\r\n", auth)
			_ = conn.SetReadDeadline(time.Now().Add(5 * time.Second))
			line, err := bufio.NewReader(conn).ReadString('\n')
			conn.Close()
			if err != nil || !strings.Contains(line, " "+want+" ") {
				t.Errorf("token %q: %q %v, want %s at once", token, line, err, want)
			}
		}
	})
	if n := s.assetCount(); n != before {
		t.Errorf("%d assets after only refusals, want %d", n, before)
	}
	// A PNG called photo.jpg is a PNG, and named so.
	up := s.uploadBytes(adminToken, "filename=photo.jpg&alt=", pngOf(40, 30))
	if up.Status != 201 || up.Body["contentType"] != "image/png" || !strings.HasSuffix(up.Body["url"].(string), "/photo.png") || up.Body["alt"] != "" {
		t.Errorf("PNG named .jpg: %d %v", up.Status, up.Body)
	}
}

// multipartUpload sends uploadAsset by the GraphQL multipart request spec.
func (s *testServer) multipartUpload(token string, file []byte, alt string) *gqlResponse {
	s.t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	_ = w.WriteField("operations", fmt.Sprintf(`{"query":"mutation($f: Upload!, $alt: String!) { uploadAsset(file: $f, alt: $alt) { id url width height alt filename } }","variables":{"f":null,"alt":%q}}`, alt))
	_ = w.WriteField("map", `{"0":["variables.f"]}`)
	part, _ := w.CreateFormFile("0", "Harbour at dawn.png")
	_, _ = part.Write(file)
	_ = w.Close()
	req, _ := http.NewRequest(http.MethodPost, s.URL+"/graphql", &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	return s.do(req)
}

func TestGraphQLMultipartUpload(t *testing.T) {
	s := MustRunServer(t)
	r := s.multipartUpload(adminToken, pngOf(300, 200), "The harbour")
	if len(r.Errors) > 0 {
		t.Fatalf("uploadAsset: %v", r.Errors)
	}
	if str(r.Data, "uploadAsset.filename") != "harbour-at-dawn.png" || num(r.Data, "uploadAsset.width") != 300 || str(r.Data, "uploadAsset.alt") != "The harbour" {
		t.Errorf("uploadAsset: %s", dump(r.Data))
	}
	if res, _ := s.fetch(http.MethodGet, str(r.Data, "uploadAsset.url")); res.StatusCode != 200 || res.Header.Get("Content-Type") != "image/png" {
		t.Errorf("serving it: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	if r := s.multipartUpload("", pngOf(3, 3), "x"); r.Status != 401 {
		t.Errorf("without a credential: %d %v", r.Status, r.Errors)
	}
	if r := s.multipartUpload(adminToken, []byte(`<svg><script>alert(1)</script></svg>`), "x"); r.Code() != "BAD_USER_INPUT" || r.Errors[0].Extensions["reason"] != "UNSUPPORTED_TYPE" {
		t.Errorf("SVG: %v", r.Errors)
	}
}

func TestImportAssetFromURL(t *testing.T) {
	img := pngOf(64, 48)
	origin := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/logo.png":
			w.Header().Set("Content-Type", "image/png")
			_, _ = w.Write(img)
		case "/moved":
			http.Redirect(w, r, "/logo.png", http.StatusFound)
		case "/drawing.svg":
			_, _ = w.Write([]byte(`<svg onload="alert(1)"/>`))
		default:
			http.NotFound(w, r)
		}
	}))
	defer origin.Close()
	const q = `mutation($u: String!) { importAssetFromUrl(url: $u, alt: "Logo") { id filename width contentType } }`

	s := MustRunServer(t)
	before := s.assetCount()
	for _, u := range []string{origin.URL + "/logo.png", "http://localhost:1/x.png", "http://[::1]/x.png", "http://169.254.169.254/latest/meta-data/"} {
		r := s.Query(adminToken, q, map[string]any{"u": u})
		if r.Code() != "BAD_USER_INPUT" || !strings.Contains(fmt.Sprint(r.Errors[0].Extensions["fields"]), "private") {
			t.Errorf("%s: %v, want a refusal of the private address", u, r.Errors)
		}
	}
	if n := s.assetCount(); n != before {
		t.Errorf("%d assets after refused imports, want %d", n, before)
	}

	// Where private targets are allowed (development), the fetch itself works.
	dev := MustRunServer(t, func(c *app.Config) { c.WebhookAllowPrivate = true })
	for _, path := range []string{"/logo.png", "/moved"} {
		d := dev.MustQuery(adminToken, q, map[string]any{"u": origin.URL + path})
		if num(d, "importAssetFromUrl.width") != 64 || str(d, "importAssetFromUrl.contentType") != "image/png" {
			t.Errorf("import of %s: %s", path, dump(d))
		}
	}
	for path, reason := range map[string]string{"/drawing.svg": "UNSUPPORTED_TYPE", "/missing.png": ""} {
		r := dev.Query(adminToken, q, map[string]any{"u": origin.URL + path})
		if r.Code() != "BAD_USER_INPUT" || reason != "" && r.Errors[0].Extensions["reason"] != reason {
			t.Errorf("import of %s: %v", path, r.Errors)
		}
	}
}

func TestAssetsInContent(t *testing.T) {
	s := MustRunServer(t)
	up := s.uploadBytes(adminToken, "filename=harbour.jpg&alt=The+harbour", photo(t, "tests_45-gps_ifd.jpg")) // 1600 x 900
	if up.Status != 201 {
		t.Fatalf("upload: %v", up.Body)
	}
	id, url := up.Body["id"].(string), up.Body["url"].(string)
	author := str(s.MustQuery(adminToken, `{ members(first: 1) { nodes { id } } }`, nil), "members.nodes.0.id")
	pasted := base64.StdEncoding.EncodeToString(pngOf(20, 10))
	body := `<p>Before</p><img src="http://127.0.0.1:9/` + url[1:] + `" style="float:left"><img src="data:image/png;base64,` + pasted + `" alt="Pasted"><p>After</p>`
	// The image of ours, on whatever host it was copied from: its canonical attributes, the
	// alignment kept.
	d := s.MustQuery(adminToken, `mutation($b: String!, $a: ID!, $f: ID!) { createPost(input: {title: "Pictures", body: $b, authorId: $a, featuredImageId: $f}) {
		id version featuredImage { id url(width: 640) } body { html } } }`, map[string]any{"b": body, "a": author, "f": id})
	html := str(d, "createPost.body.html")
	want := `<img src="` + url + `" alt="The harbour" width="1600" height="900" srcset="` + url + `?w=160 160w, ` + url + `?w=320 320w, ` +
		url + `?w=480 480w, ` + url + `?w=640 640w, ` + url + `?w=960 960w, ` + url + `?w=1280 1280w, ` + url + ` 1600w" sizes="(max-width: 1600px) 100vw, 1600px" loading="lazy" class="align-left">`
	if !strings.Contains(html, want) {
		t.Errorf("body\n%s\nhas not\n%s", html, want)
	}
	if strings.Count(html, "<img") != 2 || strings.Contains(html, "data:") || !strings.Contains(html, `alt="Pasted" width="20" height="10"`) {
		t.Errorf("the pasted image did not become an asset: %s", html)
	}
	if str(d, "createPost.featuredImage.url") != url+"?w=640" {
		t.Errorf("featuredImage: %s", dump(d))
	}
	postID := str(d, "createPost.id")

	// What cannot be shown is refused, not emptied.
	for _, src := range []string{"/images/a.png", "photo.jpg", "/media/ast_00000000000000000000000000/gone.jpg", "data:image/png;base64,!!!", "data:text/html;base64,PHNjcmlwdD4="} {
		r := s.Query(adminToken, `mutation($id: ID!, $b: String!) { updatePost(input: {id: $id, expectedVersion: 1, body: $b}) { id } }`,
			map[string]any{"id": postID, "b": `<p>x</p><img src="` + src + `">`})
		if r.Code() != "BAD_USER_INPUT" || !strings.Contains(fmt.Sprint(r.Errors[0].Extensions["fields"]), "body") {
			t.Errorf("img src %q: %v", src, r.Errors)
		}
	}

	// In use: not deleted.
	r := s.Query(adminToken, `mutation($id: ID!) { deleteAsset(id: $id) }`, map[string]any{"id": id})
	if r.Code() != "CONFLICT" || r.Errors[0].Extensions["usedBy"] != 1.0 || fmt.Sprint(r.Errors[0].Extensions["usedByIds"]) != "["+postID+"]" {
		t.Fatalf("deleteAsset in use: %v", r.Errors)
	}
	// As an avatar too; avatarUrl follows it.
	m := s.MustQuery(adminToken, `mutation($m: ID!, $a: ID!) { updateMemberProfile(input: {id: $m, avatarId: $a}) { avatar { id } avatarUrl } }`, map[string]any{"m": author, "a": id})
	if str(m, "updateMemberProfile.avatar.id") != id || str(m, "updateMemberProfile.avatarUrl") != url {
		t.Errorf("avatar: %s", dump(m))
	}
	s.MustQuery(adminToken, `mutation($m: ID!) { updateMemberProfile(input: {id: $m, avatarId: ""}) { id } }`, map[string]any{"m": author})
	s.MustQuery(adminToken, `mutation($id: ID!) { deletePost(id: $id) }`, map[string]any{"id": postID})
	s.MustQuery(adminToken, `mutation($id: ID!) { deleteAsset(id: $id) }`, map[string]any{"id": id})
	if res, _ := s.fetch(http.MethodGet, url); res.StatusCode != http.StatusNotFound {
		t.Errorf("a deleted asset is still served: %d", res.StatusCode)
	}
}

func TestAssetManagement(t *testing.T) {
	s := MustRunServer(t)
	members := list(s.MustQuery(adminToken, `{ members(first: 2) { nodes { id } } }`, nil), "members.nodes")
	alice := s.createToken("AUTHOR", members[0].(map[string]any)["id"].(string))
	bob := s.createToken("AUTHOR", members[1].(map[string]any)["id"].(string))
	pngs := num(s.MustQuery(adminToken, `{ assets(filter: {contentType: "image/png"}) { totalCount } }`, nil), "assets.totalCount") // the demo's
	a := s.uploadBytes(alice, "filename=Sunset+over+the+bay.png&alt=Sunset", pngOf(50, 50)).Body
	b := s.uploadBytes(bob, "filename=minutes.gif&alt=", pngOf(10, 10)).Body
	if a["id"] == nil || b["id"] == nil {
		t.Fatalf("uploads: %v %v", a, b)
	}
	const q = `query($f: AssetFilter) { assets(filter: $f) { totalCount nodes { id filename } } }`
	if d := s.MustQuery(alice, q, nil); num(d, "assets.totalCount") != 1 || str(d, "assets.nodes.0.id") != a["id"] {
		t.Errorf("an author sees %s, want only their own", dump(d))
	}
	if d := s.MustQuery(adminToken, q, map[string]any{"f": map[string]any{"search": "sunse"}}); num(d, "assets.totalCount") != 1 {
		t.Errorf("search: %s", dump(d))
	}
	if d := s.MustQuery(adminToken, q, map[string]any{"f": map[string]any{"contentType": "image/png"}}); num(d, "assets.totalCount") != pngs+2 {
		t.Errorf("contentType: %s", dump(d))
	}
	if r := s.Query(adminToken, q, map[string]any{"f": map[string]any{"contentType": "text/html"}}); r.Code() != "BAD_USER_INPUT" {
		t.Errorf("bad contentType: %v", r.Errors)
	}
	if r := s.Query("", q, nil); r.Code() != "UNAUTHENTICATED" {
		t.Errorf("anonymous list: %v", r.Errors)
	}
	const upd = `mutation($id: ID!, $alt: String, $fn: String) { updateAsset(input: {id: $id, alt: $alt, filename: $fn}) { alt filename url } }`
	if r := s.Query(bob, upd, map[string]any{"id": a["id"], "alt": "mine now"}); r.Code() != "FORBIDDEN" {
		t.Errorf("another author's asset: %v", r.Errors)
	}
	d := s.MustQuery(alice, upd, map[string]any{"id": a["id"], "alt": "Sunset over the bay", "fn": "Evening.jpg"})
	if str(d, "updateAsset.filename") != "evening.png" || str(d, "updateAsset.alt") != "Sunset over the bay" {
		t.Errorf("updateAsset: %s", dump(d))
	}
	if res, _ := s.fetch(http.MethodGet, str(d, "updateAsset.url")); res.StatusCode != 200 {
		t.Errorf("the renamed asset: %d", res.StatusCode)
	}
	if r := s.Query(bob, `mutation($id: ID!) { deleteAsset(id: $id) }`, map[string]any{"id": a["id"]}); r.Code() != "FORBIDDEN" {
		t.Errorf("deleting another author's asset: %v", r.Errors)
	}
	s.MustQuery(adminToken, `mutation($id: ID!) { deleteAsset(id: $id) }`, map[string]any{"id": b["id"]})
	if d := s.MustQuery(adminToken, `query($id: ID!) { node(id: $id) { ... on Asset { alt } } }`, map[string]any{"id": a["id"]}); str(d, "node.alt") != "Sunset over the bay" {
		t.Errorf("node: %s", dump(d))
	}
}

func TestAssetServedByAnotherInstance(t *testing.T) {
	a := MustRunServer(t)
	b := MustRunServer(t, func(c *app.Config) { c.Database = a.cfg.Database; c.Seed = false })
	up := a.uploadBytes(adminToken, "filename=shared.png&alt=Shared", pngOf(700, 350))
	if up.Status != 201 {
		t.Fatalf("upload on A: %v", up.Body)
	}
	url := up.Body["url"].(string)
	deadline := time.Now().Add(10 * time.Second)
	for {
		res, body := b.fetch(http.MethodGet, url+"?w=320")
		if res.StatusCode == http.StatusOK {
			cfg, err := png.DecodeConfig(bytes.NewReader(body))
			if err != nil || cfg.Width != 320 || cfg.Height != 160 {
				t.Errorf("B served %dx%d (%v)", cfg.Width, cfg.Height, err)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("B never served A's asset: %d", res.StatusCode)
		}
		time.Sleep(50 * time.Millisecond)
	}
	if res, body := b.fetch(http.MethodGet, url); res.StatusCode != 200 || len(body) != int(up.Body["bytes"].(float64)) {
		t.Errorf("B's original: %d, %d bytes", res.StatusCode, len(body))
	}
}

func TestAssetWebhooks(t *testing.T) {
	s := deliveringServer(t)
	rcv := newReceiver(t, s.Clock, 0)
	s.createWebhook(rcv.srv.URL, "ASSET_CREATED", "ASSET_DELETED")
	up := s.uploadBytes(adminToken, "filename=minutes.png&alt=The+minutes", pngOf(30, 20))
	s.MustQuery(adminToken, `mutation($id: ID!) { deleteAsset(id: $id) }`, map[string]any{"id": up.Body["id"]})
	waitFor(t, "two deliveries", func() bool { return rcv.count() >= 2 })
	for i, want := range []string{"ASSET_CREATED", "ASSET_DELETED"} {
		var p struct {
			Type string `json:"type"`
			Data struct {
				Asset struct {
					ID, URL, Alt, ContentType string
					Width, Height, Bytes      int
				} `json:"asset"`
			} `json:"data"`
		}
		if err := json.Unmarshal(rcv.request(i).Body, &p); err != nil {
			t.Fatal(err)
		}
		a := p.Data.Asset
		if p.Type != want || a.ID != up.Body["id"] || a.URL != up.Body["url"] || a.Alt != "The minutes" || a.Width != 30 || a.ContentType != "image/png" {
			t.Errorf("delivery %d: %s", i, rcv.request(i).Body)
		}
	}
}

func TestMediaConfig(t *testing.T) {
	env := func(kv ...string) func(string) string {
		return func(k string) string {
			for i := 0; i+1 < len(kv); i += 2 {
				if kv[i] == k {
					return kv[i+1]
				}
			}
			return ""
		}
	}
	c, err := app.ParseConfig(env(), nil)
	if err != nil || c.MediaCacheMB != 256 || c.MediaURL != "" || c.RemoteImagesOff || c.EmbedHosts != nil || c.TrustedLinkHosts != nil {
		t.Fatalf("defaults: %+v %v", c, err)
	}
	c, err = app.ParseConfig(env("GUILDHALL_MEDIA_CACHE_MB", "64", "GUILDHALL_MEDIA_URL", "https://cdn.northfield.example/",
		"GUILDHALL_REMOTE_IMAGES", "off", "GUILDHALL_EMBED_HOSTS", "player.vimeo.com, media.example.org",
		"GUILDHALL_TRUSTED_LINK_HOSTS", "northfield-events.example"), nil)
	if err != nil || c.MediaCacheMB != 64 || c.MediaURL != "https://cdn.northfield.example" || !c.RemoteImagesOff ||
		fmt.Sprint(c.EmbedHosts) != "[player.vimeo.com media.example.org]" || fmt.Sprint(c.TrustedLinkHosts) != "[northfield-events.example]" {
		t.Fatalf("set: %+v %v", c, err)
	}
	if c, err := app.ParseConfig(env("GUILDHALL_EMBED_HOSTS", "none"), nil); err != nil || c.EmbedHosts == nil || len(c.EmbedHosts) != 0 {
		t.Errorf("none: %v %v", c.EmbedHosts, err)
	}
	for _, bad := range [][]string{{"GUILDHALL_MEDIA_CACHE_MB", "0"}, {"GUILDHALL_MEDIA_CACHE_MB", "lots"},
		{"GUILDHALL_MEDIA_URL", "cdn.example"}, {"GUILDHALL_REMOTE_IMAGES", "sometimes"}} {
		if _, err := app.ParseConfig(env(bad...), nil); err == nil || !strings.Contains(err.Error(), bad[0]) {
			t.Errorf("%s=%s: %v", bad[0], bad[1], err)
		}
	}
}

func TestRemoteImagesOff(t *testing.T) {
	s := MustRunServer(t, func(c *app.Config) { c.RemoteImagesOff = true })
	author := str(s.MustQuery(adminToken, `{ members(first: 1) { nodes { id } } }`, nil), "members.nodes.0.id")
	r := s.Query(adminToken, `mutation($a: ID!) { createPost(input: {title: "Remote", authorId: $a, body: "<p>x</p><img src=\"https://elsewhere.example/a.png\">"}) { id } }`,
		map[string]any{"a": author})
	if r.Code() != "BAD_USER_INPUT" || !strings.Contains(fmt.Sprint(r.Errors[0].Extensions["fields"]), "remote images are turned off") {
		t.Errorf("a remote image with GUILDHALL_REMOTE_IMAGES=off: %v", r.Errors)
	}
}

func TestDemoContentHasImages(t *testing.T) {
	s := MustRunServer(t)
	d := s.MustQuery(adminToken, `{ assets(first: 10) { totalCount nodes { alt width } } posts(first: 50) { nodes { featuredImage { url(width: 320) alt } } } }`, nil)
	if num(d, "assets.totalCount") != 6 {
		t.Errorf("demo assets: %s", dump(d["assets"]))
	}
	var shown string
	for _, p := range list(d, "posts.nodes") {
		if img, ok := p.(map[string]any)["featuredImage"].(map[string]any); ok && img["alt"] != "" {
			shown = img["url"].(string)
		}
	}
	if shown == "" {
		t.Fatal("no demo post has a featured image")
	}
	res, body := s.fetch(http.MethodGet, shown)
	if cfg, err := jpeg.DecodeConfig(bytes.NewReader(body)); res.StatusCode != 200 || err != nil || cfg.Width != 320 {
		t.Errorf("GET %s: %d, %v %d", shown, res.StatusCode, err, cfg.Width)
	}
}

// Issue 11's costly documents sent as a multipart upload, with a credential: refused before
// validation as over the other transports, not validated by gqlgen's transport (14,000
// repeated fields took 22 s in the overlapping-fields rule).
func TestMultipartRefusesCostlyDocuments(t *testing.T) {
	s := MustRunServer(t)
	ops, _ := json.Marshal(map[string]any{"query": "{ viewer { " + strings.Repeat("role ", 14000) + "} }", "variables": map[string]any{"f": nil}})
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	_ = w.WriteField("operations", string(ops))
	_ = w.WriteField("map", `{"0":["variables.f"]}`)
	part, _ := w.CreateFormFile("0", "x.png")
	_, _ = part.Write(pngOf(3, 3))
	_ = w.Close()
	req, _ := http.NewRequest(http.MethodPost, s.URL+"/graphql", &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+adminToken)
	done := make(chan *gqlResponse, 1)
	go func() { done <- s.do(req) }()
	select {
	case r := <-done:
		if r.Code() != "QUERY_TOO_COMPLEX" {
			t.Fatalf("repeated fields by multipart: %d %+v, want QUERY_TOO_COMPLEX", r.Status, r.Errors)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("repeated fields by multipart: no answer in 20 s (validated instead of refused)")
	}
}
