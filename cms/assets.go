package cms

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"path"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/guildhall/guildhall"
	"github.com/guildhall/guildhall/fold"
	"github.com/guildhall/guildhall/media"
	"github.com/guildhall/guildhall/slug"
	"github.com/guildhall/guildhall/webhook"
)

// importTimeout bounds fetching an image for ImportAssetFromURL, from dialling to the last
// byte; importRedirects is how many redirects it follows (each checked like the first URL).
const (
	importTimeout   = 30 * time.Second
	importRedirects = 3
)

// UploadAsset cleans an uploaded image (see media.Pipeline.Clean), stores its original and
// records the asset. Any AUTHOR may upload; the asset is theirs to manage.
func (s *Service) UploadAsset(ctx context.Context, in guildhall.UploadAssetInput) (*guildhall.Asset, error) {
	v, err := require(ctx, guildhall.RoleAuthor)
	if err != nil {
		return nil, err
	}
	return s.uploadAsset(ctx, v, in)
}

// CanUpload returns the error UploadAsset would give the viewer in ctx before looking at any
// bytes, so a transport can refuse before it reads a large body.
func (s *Service) CanUpload(ctx context.Context) error {
	_, err := require(ctx, guildhall.RoleAuthor)
	return err
}

func (s *Service) uploadAsset(ctx context.Context, v *guildhall.Viewer, in guildhall.UploadAssetInput) (*guildhall.Asset, error) {
	problems := guildhall.Problems{}
	alt := checkAlt(in.Alt, problems)
	if err := problems.Err(); err != nil {
		return nil, err
	}
	img, err := s.pipeline.Clean(ctx, in.Data)
	if err != nil {
		return nil, refusal(err, "file")
	}
	// The original first: an asset never names bytes that are not stored.
	if err := s.originals.Put(ctx, img.Sum, img.Data); err != nil {
		return nil, err
	}
	now := s.now()
	a := &guildhall.Asset{
		ID: guildhall.NewID(guildhall.KindAsset, now), Version: 1,
		Filename: safeFilename(in.Filename, img.Format), Alt: alt,
		ContentType: img.Format.ContentType(), Bytes: len(img.Data), Width: img.Width, Height: img.Height,
		Animated: img.Animated, SHA256: img.Sum, OwnerID: v.MemberID,
		CreatedAt: now, UpdatedAt: now, UpdatedBy: v.Actor(),
	}
	if err := s.store.assets.SaveAsset(ctx, a); err != nil {
		return nil, err
	}
	s.cat().PutAsset(a)
	s.emit(ctx, Event{Type: guildhall.EventAssetCreated, Asset: a, Key: "asset:" + a.ID + ":created", Occurred: now})
	return a, nil
}

// refusal turns a media.Refusal into the input error of field, with its reason in
// extensions (UNSUPPORTED_TYPE, TOO_LARGE, CORRUPT) so transports can answer 415 or 413.
func refusal(err error, field string) error {
	r, ok := errors.AsType[*media.Refusal](err)
	if !ok {
		return err
	}
	return &guildhall.Error{Code: guildhall.EINVALID, Message: r.Message,
		Fields: map[string]string{field: r.Message}, Extra: map[string]any{"reason": string(r.Reason)}}
}

// checkAlt trims an alt text and checks it. Empty is allowed: a decorative image, on purpose.
func checkAlt(alt string, problems guildhall.Problems) string {
	alt = strings.TrimSpace(alt)
	if utf8.RuneCountInString(alt) > guildhall.MaxAltLength || strings.ContainsFunc(alt, unicode.IsControl) {
		problems.Add("alt", "must be at most %d characters, without control characters", guildhall.MaxAltLength)
	}
	return alt
}

// safeFilename makes the last part of an asset's URL from the name it was uploaded with:
// the base name's words as a slug, and the extension of what the file really is (a PNG
// called photo.jpg is served as photo.png).
func safeFilename(name string, f media.Format) string {
	name = name[strings.LastIndexAny(name, `/\`)+1:]
	base := strings.TrimSuffix(name, path.Ext(name))
	s := slug.Make(base)
	if len(s) > guildhall.MaxFilenameLength-5 {
		s = strings.TrimRight(s[:guildhall.MaxFilenameLength-5], "-")
	}
	if s == "" {
		s = "image"
	}
	return s + f.Extension()
}

// ImportAssetFromURL fetches an image from the web and uploads it as UploadAsset does: for
// editors in the Playground, which cannot send files. The URL passes the same guard as a
// webhook (no private, loopback or link-local target, checked again when each connection is
// made), the answer is bounded by media.MaxBytes and the whole fetch by importTimeout.
func (s *Service) ImportAssetFromURL(ctx context.Context, rawURL, alt string) (*guildhall.Asset, error) {
	v, err := require(ctx, guildhall.RoleAuthor)
	if err != nil {
		return nil, err
	}
	problems := guildhall.Problems{}
	rawURL = strings.TrimSpace(rawURL)
	if len(rawURL) > guildhall.MaxURLLength {
		problems.Add("url", "must be at most %d characters", guildhall.MaxURLLength)
	} else if err := webhook.CheckURL(rawURL, s.opts.WebhookAllowPrivate); err != nil {
		problems.Add("url", "%v", err)
	}
	checkAlt(alt, problems)
	if err := problems.Err(); err != nil {
		return nil, err
	}
	data, err := s.fetchImage(ctx, rawURL)
	if err != nil {
		return nil, err
	}
	return s.uploadAsset(ctx, v, guildhall.UploadAssetInput{Data: data, Filename: path.Base(strings.SplitN(rawURL, "?", 2)[0]), Alt: alt})
}

// fetchImage GETs rawURL with the guarded client and returns the body, at most
// media.MaxBytes (one byte more is read, to tell a file that is too large).
func (s *Service) fetchImage(ctx context.Context, rawURL string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, importTimeout)
	defer cancel()
	fail := func(format string, args ...any) error {
		msg := fmt.Sprintf(format, args...)
		return &guildhall.Error{Code: guildhall.EINVALID, Message: "Invalid url: " + msg, Fields: map[string]string{"url": msg}}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return nil, fail("is not a valid URL")
	}
	req.Header.Set("Accept", "image/jpeg, image/png, image/gif, image/webp")
	req.Header.Set("User-Agent", "Guildhall media import")
	resp, err := s.importer.Do(req)
	if err != nil {
		switch {
		case errors.Is(err, webhook.ErrForbiddenAddress):
			return nil, fail("must not point at a private, loopback or link-local address")
		case errors.Is(err, context.DeadlineExceeded):
			return nil, fail("the server did not send the image within %s", importTimeout)
		}
		return nil, fail("could not be fetched: %s", cleanNetError(err))
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fail("the server answered %s", resp.Status)
	}
	if resp.ContentLength > media.MaxBytes {
		return nil, refusal(&media.Refusal{Reason: media.ReasonTooLarge, Message: fmt.Sprintf("The file is over %d MB; at most %d MB are accepted.", media.MaxBytes>>20, media.MaxBytes>>20)}, "url")
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, media.MaxBytes+1))
	if err != nil {
		return nil, fail("the download failed: %s", cleanNetError(err))
	}
	if len(data) > media.MaxBytes {
		return nil, refusal(&media.Refusal{Reason: media.ReasonTooLarge, Message: fmt.Sprintf("The file is over %d MB; at most %d MB are accepted.", media.MaxBytes>>20, media.MaxBytes>>20)}, "url")
	}
	return data, nil
}

// newImporter is the HTTP client of ImportAssetFromURL: webhook.NewClient's (every
// connection checked after name resolution, no proxy), following a few redirects, each to a
// URL that passes webhook.CheckURL.
func newImporter(allowPrivate bool) *http.Client {
	c := webhook.NewClient(webhook.ClientOptions{AllowPrivate: allowPrivate, Timeout: importTimeout})
	c.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if len(via) > importRedirects {
			return fmt.Errorf("more than %d redirects", importRedirects)
		}
		if err := webhook.CheckURL(req.URL.String(), allowPrivate); err != nil {
			return fmt.Errorf("%w: a redirect to %s", webhook.ErrForbiddenAddress, req.URL.Redacted())
		}
		return nil
	}
	return c
}

// cleanNetError is the last part of a network error, without the URL (which the caller
// knows) and without internal addresses it resolved to.
func cleanNetError(err error) string {
	msg := err.Error()
	if i := strings.LastIndex(msg, ": "); i >= 0 {
		msg = msg[i+2:]
	}
	return msg
}

// Asset returns an asset by ID. Asset metadata is public, like the images themselves: they
// are served to anyone who has the URL.
func (s *Service) Asset(id string) (*guildhall.Asset, error) {
	a, ok := s.cat().Asset(id)
	if !ok {
		return nil, guildhall.NotFound("Asset")
	}
	return a, nil
}

// AssetOf returns the asset id names, or nil when id is nil or names none (deleted).
func (s *Service) AssetOf(id *string) *guildhall.Asset {
	if id == nil {
		return nil
	}
	a, _ := s.cat().Asset(*id)
	return a
}

// Assets pages through the media library, newest first: EDITOR and ADMIN see every asset,
// an AUTHOR their own.
func (s *Service) Assets(ctx context.Context, first *int, after *string, filter *guildhall.AssetFilter) (*guildhall.Page[*guildhall.Asset], error) {
	v, err := require(ctx, guildhall.RoleAuthor)
	if err != nil {
		return nil, err
	}
	n, err := guildhall.PageSize(first)
	if err != nil {
		return nil, err
	}
	var words []string
	contentType := ""
	if filter != nil {
		if filter.Search != nil {
			if err := checkSearch(*filter.Search); err != nil {
				return nil, err
			}
			words = fold.Words(*filter.Search)
		}
		if filter.ContentType != nil {
			contentType = *filter.ContentType
			if media.FormatOf(contentType) == "" || contentType == media.WebP.ContentType() {
				return nil, &guildhall.Error{Code: guildhall.EINVALID, Message: "Invalid contentType: must be image/jpeg, image/png or image/gif.",
					Fields: map[string]string{"filter.contentType": "must be image/jpeg, image/png or image/gif"}}
			}
		}
	}
	items := s.cat().Assets(func(a *guildhall.Asset) bool {
		if !v.IsStaff() && (v.MemberID == "" || a.OwnerID != v.MemberID) {
			return false
		}
		if contentType != "" && a.ContentType != contentType {
			return false
		}
		if len(words) > 0 {
			have := " " + strings.Join(fold.Words(strings.TrimSuffix(a.Filename, path.Ext(a.Filename))+" "+a.Alt), " ") + " "
			for i, w := range words {
				last := i == len(words)-1
				if !strings.Contains(have, " "+w+" ") && !(last && strings.Contains(have, " "+w)) {
					return false
				}
			}
		}
		return true
	})
	return pageByID(items, n, deref(after), "assets", func(a *guildhall.Asset) string { return a.ID })
}

// manageableAsset returns the asset if the viewer may change it: staff any, an AUTHOR their
// own.
func (s *Service) manageableAsset(ctx context.Context, id string) (*guildhall.Viewer, *guildhall.Asset, error) {
	v, err := require(ctx, guildhall.RoleAuthor)
	if err != nil {
		return nil, nil, err
	}
	a, ok := s.cat().Asset(id)
	if !ok {
		return nil, nil, guildhall.NotFound("Asset")
	}
	if !v.IsStaff() && (v.MemberID == "" || a.OwnerID != v.MemberID) {
		return nil, nil, guildhall.Errorf(guildhall.EFORBIDDEN, "You may change only the images you uploaded.")
	}
	return v, a, nil
}

// UpdateAsset changes an asset's alt text or filename (its URL then changes with it; the old
// URL stops working, as a cached copy of it is immutable).
func (s *Service) UpdateAsset(ctx context.Context, in guildhall.UpdateAssetInput) (*guildhall.Asset, error) {
	v, cur, err := s.manageableAsset(ctx, in.ID)
	if err != nil {
		return nil, err
	}
	a := *cur
	a.Version++
	a.UpdatedAt, a.UpdatedBy = s.now(), v.Actor()
	problems := guildhall.Problems{}
	if in.Alt != nil {
		a.Alt = checkAlt(*in.Alt, problems)
	}
	if in.Filename != nil {
		if strings.TrimSpace(*in.Filename) == "" {
			problems.Add("filename", "is required")
		}
		a.Filename = safeFilename(*in.Filename, media.FormatOf(a.ContentType))
	}
	if err := problems.Err(); err != nil {
		return nil, err
	}
	if err := s.store.assets.SaveAsset(ctx, &a); err != nil {
		return nil, err
	}
	s.cat().PutAsset(&a)
	return &a, nil
}

// DeleteAsset deletes an asset no post, member or block uses (else CONFLICT, with
// extensions.usedBy the number of users and usedByIds the first of them), and its stored
// original unless another asset has the same bytes.
//
// As with blocks, a post saved on another instance within the sync interval may still name
// the asset; it then shows without it. The original is removed after the deletion is
// recorded: a crash between the two leaves bytes no asset names, never an asset without
// bytes.
func (s *Service) DeleteAsset(ctx context.Context, id string) (string, error) {
	v, cur, err := s.manageableAsset(ctx, id)
	if err != nil {
		return "", err
	}
	if users := s.cat().AssetUsers(id); len(users) > 0 {
		things := "posts, members or blocks use"
		if len(users) == 1 {
			things = "post, member or block uses"
		}
		return "", &guildhall.Error{Code: guildhall.ECONFLICT,
			Message: fmt.Sprintf("%d %s this image; remove it from them first.", len(users), things),
			Extra:   map[string]any{"usedBy": len(users), "usedByIds": users[:min(len(users), 20)]}}
	}
	if _, err := s.removeAsset(ctx, cur, v.Actor()); err != nil {
		if err := s.deleteFailed(id, err); err != nil {
			return "", err
		}
	}
	s.emit(ctx, Event{Type: guildhall.EventAssetDeleted, Asset: cur, Key: "asset:" + id + ":deleted", Occurred: s.now()})
	return id, nil
}

// removeAsset records the deletion of asset cur (its older revisions removed; ErrHistoryKept
// when they could not be) and removes its original unless another asset has the same bytes.
// It returns the deletion's version.
func (s *Service) removeAsset(ctx context.Context, cur *guildhall.Asset, by string) (int, error) {
	version := cur.Version + 1
	err := s.store.assets.DeleteAsset(ctx, cur.ID, version, by)
	if err != nil && !errors.Is(err, guildhall.ErrHistoryKept) {
		return 0, err
	}
	s.cat().RemoveAsset(cur.ID, version)
	if s.cat().AssetsWithSum(cur.SHA256) == 0 {
		if err := s.originals.Delete(ctx, cur.SHA256); err != nil {
			s.log.WarnContext(ctx, "removing a deleted asset's original failed", "asset", cur.ID, "err", err)
		}
		if s.opts.OnOriginalDeleted != nil {
			s.opts.OnOriginalDeleted(cur.SHA256)
		}
	}
	return version, err
}

// CatalogAsset finds an asset by ID for the media handler, which serves any asset to anyone
// with its URL.
func (s *Service) CatalogAsset(id string) (*guildhall.Asset, bool) { return s.cat().Asset(id) }

// AssetURL is the URL of an asset at width (nil: the original), under MediaURL.
func (s *Service) AssetURL(a *guildhall.Asset, width *int) (string, error) {
	if width == nil {
		return s.opts.MediaURL + a.Path(), nil
	}
	if !media.ValidWidth(*width) {
		return "", badWidths("width")
	}
	return s.opts.MediaURL + a.PathAt(*width), nil
}

// AssetSrcset is the srcset of an asset for the widths (nil: all), under MediaURL.
func (s *Service) AssetSrcset(a *guildhall.Asset, widths []int) (string, error) {
	for _, w := range widths {
		if !media.ValidWidth(w) {
			return "", badWidths("widths")
		}
	}
	return a.Srcset(s.opts.MediaURL, widths), nil
}

func badWidths(field string) error {
	msg := fmt.Sprintf("must be one of %v", media.Widths)
	return &guildhall.Error{Code: guildhall.EINVALID, Message: "Invalid " + field + ": " + msg, Fields: map[string]string{field: msg}}
}

// AssetOwner is the member who uploaded the asset, if any.
func (s *Service) AssetOwner(a *guildhall.Asset) *guildhall.Member {
	if a.OwnerID == "" {
		return nil
	}
	m, _ := s.cat().Member(a.OwnerID)
	return m
}

// AvatarURL is the URL of a member's picture: the uploaded avatar's when there is one, else
// the URL given before avatars could be uploaded.
func (s *Service) AvatarURL(m *guildhall.Member) *string {
	if a := s.AssetOf(m.AvatarID); a != nil {
		u := s.opts.MediaURL + a.Path()
		return &u
	}
	return m.AvatarURL
}
