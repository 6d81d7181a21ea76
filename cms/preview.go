package cms

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/guildhall/guildhall"
)

// Preview links are tokens of the form
//
//	gpv1.<post ID>.<expiry, Unix milliseconds>.<HMAC-SHA256, base64url>
//
// signed with a key every instance shares. The token names the post and its expiry, nothing
// else: it reads the post as it stands when it is used, only through post(previewToken:),
// and stops working when it expires, when the post is deleted, or when the key changes.
const (
	previewVersion = "gpv1"
	previewKeyName = "preview-links" // the shared secret's name in the database
	previewKeySize = 32
	// previewDomain separates these MACs from anything else the key might ever sign.
	previewDomain = "guildhall preview link\n"
	// maxPreviewToken bounds what is parsed; a real token is about 90 characters.
	maxPreviewToken = 256
)

// loadPreviewKey makes the signing key ready: the configured one, else the random one
// stored in the database (created by whichever instance asks first).
func (s *Service) loadPreviewKey(ctx context.Context) error {
	if s.previewKey.Load() != nil {
		return nil
	}
	key := s.opts.PreviewKey
	if len(key) == 0 {
		var err error
		if key, err = s.store.secrets.SharedSecret(ctx, previewKeyName, previewKeySize); err != nil {
			return fmt.Errorf("preview link key: %w", err)
		}
	}
	s.previewKey.Store(&key)
	return nil
}

// previewMAC signs payload. Without a key (Load has not run, or could not reach the
// database) it loads one first rather than ever signing with an empty key.
func (s *Service) previewMAC(ctx context.Context, payload string) ([]byte, error) {
	if err := s.loadPreviewKey(ctx); err != nil {
		return nil, err
	}
	mac := hmac.New(sha256.New, *s.previewKey.Load())
	mac.Write([]byte(previewDomain + payload))
	return mac.Sum(nil), nil
}

// CreatePreviewLink signs a token that lets a frontend read the post as it stands (draft,
// scheduled or archived) for expiresInMinutes (default 60, at most 1440). The author and
// editors may create one.
func (s *Service) CreatePreviewLink(ctx context.Context, postID string, expiresInMinutes *int) (*guildhall.PreviewLink, error) {
	_, p, err := s.editablePost(ctx, postID)
	if err != nil {
		return nil, err
	}
	ttl := guildhall.DefaultPreviewTTL
	if expiresInMinutes != nil {
		maxMinutes := int(guildhall.MaxPreviewTTL / time.Minute)
		if m := *expiresInMinutes; m < 1 || m > maxMinutes {
			return nil, &guildhall.Error{Code: guildhall.EINVALID, Message: "A preview link lasts 1 minute to 24 hours.",
				Fields: map[string]string{"expiresInMinutes": fmt.Sprintf("must be between 1 and %d", maxMinutes)}}
		}
		ttl = time.Duration(*expiresInMinutes) * time.Minute
	}
	expires := s.now().Add(ttl)
	payload := previewVersion + "." + p.ID + "." + strconv.FormatInt(expires.UnixMilli(), 10)
	mac, err := s.previewMAC(ctx, payload)
	if err != nil {
		return nil, err
	}
	return &guildhall.PreviewLink{Token: payload + "." + base64.RawURLEncoding.EncodeToString(mac), ExpiresAt: expires, Post: p}, nil
}

// verifyPreview returns the post ID a preview token grants, or EINVALID on previewToken
// when it is malformed, forged or expired. The signature is checked (in constant time)
// before anything in the token is believed.
func (s *Service) verifyPreview(ctx context.Context, token string) (string, error) {
	invalid := func(why string) error {
		return &guildhall.Error{Code: guildhall.EINVALID, Message: "The preview link " + why + ".",
			Fields: map[string]string{"previewToken": why}}
	}
	parts := strings.Split(token, ".")
	if len(token) > maxPreviewToken || len(parts) != 4 || parts[0] != previewVersion {
		return "", invalid("is not valid")
	}
	got, err := base64.RawURLEncoding.DecodeString(parts[3])
	if err != nil {
		return "", invalid("is not valid")
	}
	want, err := s.previewMAC(ctx, strings.Join(parts[:3], "."))
	if err != nil {
		return "", err
	}
	if !hmac.Equal(got, want) {
		return "", invalid("is not valid")
	}
	expires, err := strconv.ParseInt(parts[2], 10, 64)
	if err != nil || guildhall.KindOf(parts[1]) != guildhall.KindPost {
		return "", invalid("is not valid") // signed by us, so never in practice
	}
	if !s.now().Before(time.UnixMilli(expires)) {
		return "", invalid("has expired")
	}
	return parts[1], nil
}

// PostPreview is the post query with an optional preview token. With a valid token for the
// post that id or slug names, that post is returned whatever its status, and its body is
// readable (Post.Previewed); for any other post the token changes nothing, so it cannot be
// used to learn whether another post exists. An invalid or expired token is EINVALID.
func (s *Service) PostPreview(ctx context.Context, id, slug, previewToken *string) (*guildhall.Post, error) {
	if previewToken == nil {
		return s.Post(ctx, id, slug)
	}
	granted, err := s.verifyPreview(ctx, *previewToken)
	if err != nil {
		return nil, err
	}
	target := ""
	switch {
	case id != nil && slug == nil:
		target = *id
	case slug != nil && id == nil:
		target = s.cat().PostSlugOwner(*slug)
	}
	if target != granted {
		return s.Post(ctx, id, slug)
	}
	p, ok := s.cat().PostByID(target)
	if !ok {
		return nil, guildhall.NotFound("Post") // deleted since the link was made
	}
	preview := *p
	preview.Previewed = true
	return &preview, nil
}
