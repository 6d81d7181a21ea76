package importer

import (
	"context"
	"fmt"
	"io"
	"maps"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/guildhall/guildhall"
	"github.com/guildhall/guildhall/wxr"
)

// A WordPress site's images become assets: its image attachments, and the images its bodies
// show that are not attachments. A file is read from the copy of wp-content/uploads the
// import is given (-uploads), or fetched from its URL when the import may (-fetch, with the
// guard and limits of importAssetFromUrl); either way it is cleaned like any upload. Bodies'
// <img> sources and links to the files are then rewritten to the assets, including the
// resized copies WordPress links to (photo-300x200.jpg is photo.jpg's asset, served at the
// width asked for). A file that cannot be read or is refused is skipped with the reason, and
// bodies keep its URL.

// wpFile is what the scan keeps of an attachment besides wpbody.Attachment.
type wpFile struct {
	title   string
	creator string
	date    time.Time
}

// wpMedia turns a site's files into assets during one import.
type wpMedia struct {
	im *wpImport
	// assets maps a file's key (mediaKey) to its asset; failed remembers keys whose file was
	// tried and skipped, so a body image that failed is not tried again by the next post.
	assets map[string]*guildhall.Asset
	failed map[string]bool
	// byID are the attachments' assets by WordPress ID (featured images).
	byID map[int]*guildhall.Asset
	// unread counts image attachments whose file was neither in -uploads nor fetched;
	// notImages the attachments that are not images (PDFs, sounds).
	unread, notImages int
	// attached counts the attachments that are assets.
	attached int
}

func newWPMedia(im *wpImport) *wpMedia {
	return &wpMedia{im: im, assets: map[string]*guildhall.Asset{}, failed: map[string]bool{}, byID: map[int]*guildhall.Asset{}}
}

// sizeSuffix is what WordPress adds to a file's name for its resized and edited copies:
// -300x200, -scaled (5.3's cap on large uploads), -rotated, -e1428950837459 (edited).
var sizeSuffix = regexp.MustCompile(`-(?:\d+x\d+|scaled|rotated|e\d{13})$`)

// mediaKey is the key a file is known by: its path under wp-content/uploads without a size
// suffix for the site's uploads ("uploads:2015/03/boat.jpg" for boat-300x200.jpg too), the
// URL without scheme and query for any other http(s) file, "" for what is neither.
func (m *wpMedia) mediaKey(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || (u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https") {
		return ""
	}
	if rel := uploadsPath(u.Path); rel != "" && (u.Host == "" || sameSite(raw, m.im.site)) {
		ext := path.Ext(rel)
		for {
			base := strings.TrimSuffix(rel, ext)
			trimmed := sizeSuffix.ReplaceAllString(base, "")
			if trimmed == base {
				break
			}
			rel = trimmed + ext
		}
		return "uploads:" + rel
	}
	if u.Host == "" {
		return ""
	}
	return strings.ToLower(u.Host) + u.EscapedPath()
}

// attachments imports the site's image attachments, in ID order.
func (m *wpMedia) attachments(ctx context.Context) error {
	scan := m.im.scan
	for _, id := range slices.Sorted(maps.Keys(scan.attachments)) {
		a, f := scan.attachments[id], scan.files[id]
		if !a.Image {
			m.notImages++
			continue
		}
		key := m.mediaKey(a.URL)
		item := fmt.Sprintf("attachment %d %q", id, f.title)
		if key == "" {
			m.im.sum.skip(item, "its URL is not an http(s) URL")
			continue
		}
		owner := ""
		if f.creator != "" {
			var err error
			if owner, err = m.im.author(ctx, f.creator); err != nil {
				return err
			}
		}
		in := guildhall.ImportAssetInput{
			ID:       guildhall.ImportID(guildhall.KindAsset, f.date, "wordpress:"+m.im.site+":attachment:"+strconv.Itoa(id)),
			Filename: path.Base(strings.SplitN(a.URL, "?", 2)[0]), Alt: a.Alt, OwnerID: owner, CreatedAt: f.date,
		}
		asset, err := m.importFile(ctx, item, key, a.URL, in)
		if err != nil {
			return err
		}
		if asset != nil {
			m.byID[id] = asset
			m.attached++
		}
	}
	return nil
}

// bodyImages imports the images a converted body shows that are not known yet: the site's
// uploads, and with -fetch any http(s) image.
func (m *wpMedia) bodyImages(ctx context.Context, it *wxr.Item, images []string) error {
	for _, src := range images {
		key := m.mediaKey(src)
		if key == "" || m.assets[key] != nil || m.failed[key] {
			continue
		}
		if !strings.HasPrefix(key, "uploads:") && !m.im.opts.Fetch {
			continue // another site's image stays where it is
		}
		date := it.Date
		if date.IsZero() {
			date = m.im.opts.Now()
		}
		in := guildhall.ImportAssetInput{
			ID:       guildhall.ImportID(guildhall.KindAsset, time.Unix(0, 0), "wordpress:"+m.im.site+":image:"+key),
			Filename: path.Base(strings.SplitN(src, "?", 2)[0]), CreatedAt: date,
		}
		if _, err := m.importFile(ctx, fmt.Sprintf("image %s in %s", trimURL(src), describe(it)), key, src, in); err != nil {
			return err
		}
	}
	return nil
}

// importFile imports one file as the asset in, read from -uploads or fetched from rawURL
// unless an earlier import made it, and remembers it under key. It returns nil (and notes why) when the file is not imported.
func (m *wpMedia) importFile(ctx context.Context, item, key, rawURL string, in guildhall.ImportAssetInput) (*guildhall.Asset, error) {
	if _, ok := m.im.svc.CatalogAsset(in.ID); ok {
		// An earlier import made it: its file is not read again (and need not be there).
	} else if read := m.local(key); read != nil {
		in.Read = read
	} else if m.im.opts.Fetch {
		u, _ := url.Parse(rawURL)
		if u.Host == "" { // a path on the site
			base, err := url.Parse(m.im.site)
			if err != nil || base.Host == "" {
				m.failed[key] = true
				m.im.sum.skip(item, "its file is not in -uploads, and the site's address is unknown")
				return nil, nil
			}
			u = base.ResolveReference(u)
		}
		in.URL = u.String()
	} else {
		if strings.HasPrefix(item, "attachment") {
			m.unread++
		}
		m.failed[key] = true
		return nil, nil
	}
	res, asset, err := m.im.svc.ImportAsset(ctx, in)
	if err != nil {
		return nil, err
	}
	m.im.sum.addAsset(item, res)
	if asset == nil {
		m.failed[key] = true
		return nil, nil
	}
	m.assets[key] = asset
	return asset, nil
}

// local is the reader of the file key names in -uploads: its original size when there, else
// nil. The path comes from the export, so it is kept under the folder (uploadsPath refuses
// "..") and read only up to maxFileBytes.
func (m *wpMedia) local(key string) func(context.Context) ([]byte, error) {
	rel, ok := strings.CutPrefix(key, "uploads:")
	if !ok || m.im.opts.UploadsDir == "" {
		return nil
	}
	name := filepath.Join(m.im.opts.UploadsDir, filepath.FromSlash(rel))
	if st, err := os.Stat(name); err != nil || !st.Mode().IsRegular() {
		return nil
	}
	return func(context.Context) ([]byte, error) { return readFileLimited(name, maxFileBytes) }
}

// maxFileBytes is the largest image an import reads: what the media pipeline accepts
// (media.MaxBytes; importer, a part beside media, does not import it).
const maxFileBytes = 20 << 20

// readFileLimited reads a file of at most limit bytes; a larger one is refused as the
// pipeline would refuse it, without reading it whole.
func readFileLimited(name string, limit int64) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("the file is over %d MB; at most %d MB are accepted", limit>>20, limit>>20)
	}
	return data, nil
}

// rewrite is the asset URL for a body's image source or link, when its file is an asset.
func (m *wpMedia) rewrite(raw string) (string, bool) {
	if a := m.assets[m.mediaKey(raw)]; a != nil {
		return a.Path(), true
	}
	return "", false
}

// featured is the asset of a post's featured image (_thumbnail_id), or "".
func (m *wpMedia) featured(it *wxr.Item) string {
	id, err := strconv.Atoi(strings.TrimSpace(it.MetaValue("_thumbnail_id")))
	if err != nil {
		return ""
	}
	if a := m.byID[id]; a != nil {
		return a.ID
	}
	return ""
}

// note says what became of the files that are not assets; those that are are no longer
// counted as attachments not imported.
func (m *wpMedia) note() {
	if n := m.im.sum.Counted["attachments"] - m.attached; n > 0 {
		m.im.sum.Counted["attachments"] = n
	} else {
		delete(m.im.sum.Counted, "attachments")
	}
	if m.unread > 0 {
		how := "give -uploads with a copy of wp-content/uploads, or -fetch to download them"
		if m.im.opts.UploadsDir != "" {
			how = fmt.Sprintf("not in %s; -fetch downloads them", m.im.opts.UploadsDir)
		}
		m.im.sum.Notes = append(m.im.sum.Notes, fmt.Sprintf("%d image attachments were not imported (%s); bodies keep linking to their URLs", m.unread, how))
	}
	if m.notImages > 0 {
		m.im.sum.Notes = append(m.im.sum.Notes, fmt.Sprintf("%d attachments are not images (documents, sound, video) and stay at their URLs", m.notImages))
	}
}

func trimURL(s string) string {
	if len(s) > 80 {
		return s[:77] + "..."
	}
	return s
}
