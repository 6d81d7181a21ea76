package feed_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/guildhall/guildhall"
	"github.com/guildhall/guildhall/feed"
)

// imageSource is one post with a featured image and an image of ours in its body.
func imageSource() *source {
	a := &guildhall.Asset{ID: "ast_01jc9abcdefghjkmnpqrstvwxy", Version: 2, Filename: "harbour.jpg", ContentType: "image/jpeg",
		Bytes: 48213, Width: 960, Height: 640}
	author := &guildhall.Member{ID: "mbr_1", Version: 1, Slug: "author", Name: "An Author", SortName: "Author"}
	pub := now.Add(-time.Hour)
	html := `<p>Look:</p><img src="` + a.Path() + `" srcset="` + a.Srcset("", nil) + `" alt="Harbour">`
	return &source{
		members: []*guildhall.Member{author},
		assets:  map[string]*guildhall.Asset{a.ID: a},
		posts: []*guildhall.Post{{ID: "pst_1", Version: 1, Slug: "pictures", Title: "Pictures", Status: guildhall.PostPublished,
			Visibility: guildhall.VisibilityPublic, AuthorID: author.ID, Body: guildhall.NewRichText(html, "Look:", 1),
			FeaturedImageID: &a.ID, PublishedAt: &pub, CreatedAt: pub, UpdatedAt: pub}},
	}
}

func TestFeedsCarryTheFeaturedImage(t *testing.T) {
	const image = "https://media.northfield.example/media/ast_01jc9abcdefghjkmnpqrstvwxy/harbour.jpg"
	h := feed.NewHandler(imageSource(), feed.Options{SiteURL: "https://northfield.example", MediaURL: "https://media.northfield.example",
		SiteName: "Northfield", Now: func() time.Time { return now }})
	rss := body(t, get(t, h, "/feeds/posts.rss"))
	if !bytes.Contains(rss, []byte(`<enclosure url="`+image+`" length="48213" type="image/jpeg"></enclosure>`)) {
		t.Errorf("RSS has no enclosure:\n%s", rss)
	}
	atom := body(t, get(t, h, "/feeds/posts.atom"))
	if !bytes.Contains(atom, []byte(`<link href="`+image+`" rel="enclosure" type="image/jpeg" length="48213"></link>`)) {
		t.Errorf("Atom has no enclosure link:\n%s", atom)
	}
	var jf struct {
		Items []struct {
			Image       string `json:"image"`
			ContentHTML string `json:"content_html"`
		} `json:"items"`
	}
	if err := json.Unmarshal(body(t, get(t, h, "/feeds/posts.json")), &jf); err != nil || len(jf.Items) != 1 {
		t.Fatalf("JSON Feed: %v", err)
	}
	if jf.Items[0].Image != image {
		t.Errorf("JSON Feed image %q", jf.Items[0].Image)
	}
	// The body's image and its srcset point at the media origin, not the site.
	content := jf.Items[0].ContentHTML
	if !strings.Contains(content, `src="`+image+`"`) || !strings.Contains(content, image+"?w=480 480w") || strings.Contains(content, `"/media/`) || strings.Contains(content, ", /media/") {
		t.Errorf("body images not absolute: %s", content)
	}
	// A feed reader sees the enclosure too.
	f, err := gofeed.NewParser().Parse(bytes.NewReader(rss))
	if err != nil || len(f.Items) != 1 || len(f.Items[0].Enclosures) != 1 || f.Items[0].Enclosures[0].URL != image {
		t.Errorf("gofeed: %v %+v", err, f)
	}
	// Without a media origin, images are this server's, as the reader reached it.
	h = feed.NewHandler(imageSource(), feed.Options{SiteURL: "https://northfield.example", SiteName: "Northfield", Now: func() time.Time { return now }})
	if b := body(t, get(t, h, "/feeds/posts.json")); !bytes.Contains(b, []byte(`"image": "http://guildhall.internal/media/ast_`)) {
		t.Errorf("without GUILDHALL_MEDIA_URL: %s", b)
	}
}
