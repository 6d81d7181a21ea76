package importer

import (
	"context"
	"errors"
	"fmt"
	"html"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/guildhall/guildhall"
	"github.com/guildhall/guildhall/wpbody"
	"github.com/guildhall/guildhall/wxr"
)

// WordPressOptions are the choices of a WordPress import.
type WordPressOptions struct {
	// Pages imports pages as posts; without it they are counted and skipped.
	Pages bool
	// UploadsDir is a copy of the site's wp-content/uploads, where attachments' files (and
	// the files bodies show) are looked for first.
	UploadsDir string
	// Fetch downloads the files not found in UploadsDir from their URLs, with the guard and
	// limits of importAssetFromUrl (no private addresses; 20 MB and 30 s a file).
	Fetch    bool
	Progress Progress
	// Now is the clock; tests inject their own.
	Now func() time.Time
}

// How WordPress's statuses become Guildhall's (documented in the README's "Moving in"):
//
//	publish  PUBLISHED at its original date
//	future   PUBLISHED at its future date: SCHEDULED until then
//	draft, pending, private   DRAFT (a private post is for its author and editors only, as a draft is)
//	a password-protected post DRAFT whatever its status: a members-only post's title and
//	         excerpt are public, and its text is searchable, so it would not stay protected
//	trash, auto-draft, inherit  skipped
func wordPressStatus(it *wxr.Item) (guildhall.PostStatus, string) {
	switch it.Status {
	case "trash":
		return "", "in the trash"
	case "auto-draft":
		return "", "an empty auto-draft"
	case "inherit":
		return "", "a revision, not a post"
	}
	if it.Password != "" {
		return guildhall.PostDraft, ""
	}
	switch it.Status {
	case "publish", "future":
		return guildhall.PostPublished, ""
	}
	return guildhall.PostDraft, ""
}

// WordPress imports a WordPress export (WXR 1.0 to 1.2). The file is read twice: once whole,
// to check it and to learn its authors and attachments, so that a malformed file imports
// nothing; then item by item, to write.
func WordPress(ctx context.Context, svc Service, path string, opts WordPressOptions) (*Summary, error) {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	scan, err := scanWordPress(path)
	if err != nil {
		return nil, err
	}
	site := scan.site.BaseSiteURL
	if site == "" {
		site = scan.site.Link
	}
	if site == "" {
		site = scan.site.Title
	}
	sum := newSummary(fmt.Sprintf("%s (WXR %s, %s)", filepath.Base(path), scan.site.Version, site))
	for kind, n := range scan.counted {
		sum.Counted[kind] = n
	}
	if opts.Pages {
		scan.toWrite += scan.pages
	} else if scan.pages > 0 {
		sum.Counted["pages"] = scan.pages
	}
	im := &wpImport{svc: svc, opts: opts, scan: scan, site: site, sum: sum, members: map[string]string{}}
	im.media = newWPMedia(im)
	if err := im.media.attachments(ctx); err != nil {
		return sum, err
	}

	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := wxr.NewReader(f)
	done := 0
	for {
		it, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil { // the file changed since the scan
			return sum, fmt.Errorf("%s: %w", path, err)
		}
		if !im.wanted(it) {
			continue
		}
		if err := im.item(ctx, it); err != nil {
			return sum, fmt.Errorf("%s: %w", describe(it), err)
		}
		done++
		if opts.Progress != nil {
			opts.Progress(done, scan.toWrite)
		}
	}
	im.media.note()
	return sum, nil
}

// wpScan is what the first reading learns.
type wpScan struct {
	site        wxr.Site
	authors     map[string]wxr.Author // by login
	attachments map[int]wpbody.Attachment
	files       map[int]wpFile // the attachments' titles, uploaders and dates
	children    map[int][]wpbody.Attachment
	counted     map[string]int
	pages       int
	toWrite     int // posts (and pages with -pages) to write, for the progress bar
}

func scanWordPress(path string) (*wpScan, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	scan := &wpScan{authors: map[string]wxr.Author{}, attachments: map[int]wpbody.Attachment{}, files: map[int]wpFile{},
		children: map[int][]wpbody.Attachment{}, counted: map[string]int{}}
	r := wxr.NewReader(f)
	for {
		it, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w; nothing was imported", path, err)
		}
		scan.counted["comments"] += len(it.Comments)
		switch it.Type {
		case "post":
			scan.toWrite++
		case "page":
			scan.pages++
		case "attachment":
			scan.counted["attachments"]++
			a := wpbody.Attachment{ID: it.ID, URL: it.AttachmentURL, Alt: it.MetaValue("_wp_attachment_image_alt"),
				Caption: strings.TrimSpace(it.Excerpt), Parent: it.Parent, MenuOrder: it.MenuOrder, Image: isImage(it.AttachmentURL)}
			if a.URL == "" {
				a.URL = it.GUID
			}
			scan.attachments[it.ID] = a
			scan.files[it.ID] = wpFile{title: plainText(it.Title), creator: it.Creator, date: it.Date}
			if it.Parent > 0 {
				scan.children[it.Parent] = append(scan.children[it.Parent], a)
			}
		case "nav_menu_item":
			scan.counted["menu items"]++
		}
	}
	for _, a := range r.Authors() {
		scan.authors[a.Login] = a
	}
	scan.site = r.Site()
	if scan.counted["comments"] == 0 {
		delete(scan.counted, "comments")
	}
	return scan, nil
}

// maxContentBytes is the most content converted: what the service accepts before
// sanitising (four times guildhall.MaxBodyBytes). Conversion costs about a microsecond a byte,
// so a larger body is skipped before it is converted, not after.
const maxContentBytes = 4 * guildhall.MaxBodyBytes

var imageExt = regexp.MustCompile(`(?i)\.(jpe?g|png|gif|webp|avif|heic|bmp|tiff?)$`)

func isImage(u string) bool {
	u, _, _ = strings.Cut(u, "?")
	return imageExt.MatchString(u)
}

type wpImport struct {
	svc     Service
	opts    WordPressOptions
	scan    *wpScan
	site    string
	sum     *Summary
	members map[string]string // author login -> member ID
	media   *wpMedia
}

// wanted reports whether the item is written (posts, and pages with -pages); the others are
// counted by the scan, or skipped here with the reason.
func (im *wpImport) wanted(it *wxr.Item) bool {
	switch it.Type {
	case "post":
		return true
	case "page":
		return im.opts.Pages
	case "attachment", "nav_menu_item":
		return false
	}
	im.sum.skip(describe(it), "a "+it.Type+", not a post")
	return false
}

func describe(it *wxr.Item) string {
	title := strings.TrimSpace(plainText(it.Title))
	if title == "" {
		title = "(untitled)"
	}
	return fmt.Sprintf("%s %d %q", it.Type, it.ID, title)
}

func (im *wpImport) item(ctx context.Context, it *wxr.Item) error {
	status, reason := wordPressStatus(it)
	if reason != "" {
		im.sum.skip(describe(it), reason)
		return nil
	}
	author, err := im.author(ctx, it.Creator)
	if err != nil {
		return err
	}
	now := im.opts.Now().UTC()
	date := it.Date
	if date.IsZero() {
		date = now
	}
	key := "wordpress:" + im.site + ":" + strconv.Itoa(it.ID)
	if it.ID == 0 {
		key = "wordpress:" + im.site + ":" + it.GUID
	}
	in := guildhall.ImportPostInput{
		ID: guildhall.ImportID(guildhall.KindPost, date, key), Title: plainText(it.Title), Slug: it.Name,
		AuthorID: author, Status: status, Visibility: guildhall.VisibilityPublic, CreatedAt: date, UpdatedAt: date,
	}
	if it.Modified.After(date) {
		in.UpdatedAt = it.Modified
	}
	if status == guildhall.PostPublished {
		in.PublishedAt = &date
	}
	switch {
	case it.Password != "":
		im.sum.Notes = append(im.sum.Notes, describe(it)+": password-protected, imported as a draft")
	case it.Status == "private":
		im.sum.Notes = append(im.sum.Notes, describe(it)+": private, imported as a draft")
	}
	for _, c := range it.Categories {
		switch {
		case c.Domain == "category" && (c.Nicename == "uncategorized" || (c.Nicename == "" && c.Name == "Uncategorized")):
			// WordPress's placeholder for posts filed nowhere is not a tag.
		case c.Domain == "category" || c.Domain == "post_tag":
			in.Tags = append(in.Tags, html.UnescapeString(c.Name))
		}
	}
	if len(it.Content) > maxContentBytes {
		im.sum.skip(describe(it), fmt.Sprintf("its body is %d KiB, over the %d KiB a post may have", len(it.Content)>>10, maxContentBytes>>10))
		return nil
	}
	body := wpbody.Convert(it.Content, wpbody.Options{PostID: it.ID,
		Attachment: func(id int) (wpbody.Attachment, bool) { a, ok := im.scan.attachments[id]; return a, ok },
		Children:   func(parent int) []wpbody.Attachment { return im.scan.children[parent] },
	})
	if err := im.media.bodyImages(ctx, it, body.Images); err != nil {
		return err
	}
	in.Body, _ = wpbody.RewriteURLs(body.HTML, im.media.rewrite)
	in.FeaturedImageID = im.media.featured(it)
	for k, n := range body.Removed {
		im.sum.Removed[k] += n
	}
	for _, link := range []string{it.Link, it.GUID, plainLink(it)} {
		if p, ok := guildhall.OldPath(link); ok && p != "/" && !strings.Contains(link, "/wp-content/") && sameSite(link, im.site) {
			in.OldPaths = appendUnique(in.OldPaths, p)
		}
	}
	res, err := im.svc.ImportPost(ctx, in)
	if err != nil {
		return err
	}
	im.sum.add(describe(it), res)
	return nil
}

// plainLink is WordPress's link that works whatever the permalink settings: ?p=ID (pages:
// ?page_id=ID).
func plainLink(it *wxr.Item) string {
	if it.ID == 0 {
		return ""
	}
	if it.Type == "page" {
		return "/?page_id=" + strconv.Itoa(it.ID)
	}
	return "/?p=" + strconv.Itoa(it.ID)
}

// sameSite reports whether link is a path or on the site's host (a guid may be any URL).
func sameSite(link, site string) bool {
	if strings.HasPrefix(link, "/") {
		return true
	}
	host := func(u string) string {
		u = strings.TrimPrefix(strings.TrimPrefix(u, "https://"), "http://")
		h, _, _ := strings.Cut(u, "/")
		return strings.TrimPrefix(strings.ToLower(h), "www.")
	}
	return host(link) == host(site)
}

func appendUnique(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

func (im *wpImport) author(ctx context.Context, login string) (string, error) {
	if id, ok := im.members[login]; ok {
		return id, nil
	}
	a, ok := im.scan.authors[login]
	name := a.DisplayName
	if name == "" {
		name = strings.TrimSpace(a.FirstName + " " + a.LastName)
	}
	if name == "" || !ok {
		name = login
	}
	id, err := authorMember(ctx, im.svc, im.sum, "wordpress-author:"+im.site+":"+login, plainText(name), a.Email)
	var gerr *guildhall.Error
	if errors.As(err, &gerr) && gerr.Code == guildhall.EINVALID && a.Email != "" {
		// An address Guildhall does not accept: the author is made without it.
		im.sum.Notes = append(im.sum.Notes, fmt.Sprintf("author %s: the email %q was not accepted; the member has none", login, a.Email))
		id, err = authorMember(ctx, im.svc, im.sum, "wordpress-author:"+im.site+":"+login, plainText(name), "")
	}
	if err != nil {
		return "", fmt.Errorf("author %s: %w", login, err)
	}
	im.members[login] = id
	return id, nil
}

// uploadsPath is the part of an attachment URL under wp-content/uploads/.
func uploadsPath(u string) string {
	_, rel, ok := strings.Cut(u, "/wp-content/uploads/")
	if !ok {
		return ""
	}
	rel, _, _ = strings.Cut(rel, "?")
	if strings.Contains(rel, "..") {
		return ""
	}
	return rel
}

var reTags = regexp.MustCompile(`<[^>]*>`)

// plainText is a WordPress title as text: tags dropped, entities decoded.
func plainText(s string) string {
	return strings.Join(strings.Fields(html.UnescapeString(reTags.ReplaceAllString(s, ""))), " ")
}
