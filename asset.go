package guildhall

import (
	"fmt"
	"strings"
	"time"
)

// KindAsset is the ID prefix of assets (see id.go).
const KindAsset = "ast"

// Asset is an uploaded image: what the media library knows of it. Its bytes (the cleaned
// original, upright and without metadata) are stored apart, keyed by SHA256, and its
// variants are made from them on demand.
//
// Assets are immutable values like posts: a change makes a new *Asset with Version+1. The
// bytes never change; only the text about them does (alt, filename).
type Asset struct {
	ID      string
	Version int
	// Filename is the last part of the asset's URL: the uploaded name made safe (letters,
	// digits, '.', '-' and '_'), with the extension of ContentType.
	Filename string
	// Alt is the text that stands for the image; "" marks a decorative image on purpose.
	Alt         string
	ContentType string // image/jpeg, image/png or image/gif: the served type
	Bytes       int    // of the cleaned original
	Width       int
	Height      int
	// Animated is true for a GIF of several frames, which is served as it is at every width.
	Animated bool
	SHA256   string
	// OwnerID is the member who uploaded it ("" for a staff token without a member): an
	// AUTHOR may manage only their own assets.
	OwnerID   string
	CreatedAt time.Time
	UpdatedAt time.Time
	UpdatedBy string
}

// IsNode marks Asset as a GraphQL Node.
func (*Asset) IsNode() {}

// AssetWidths are the widths an asset is served at besides its own (media.Widths; kept here
// so the domain can build srcsets without importing the image pipeline).
var AssetWidths = []int{160, 320, 480, 640, 960, 1280, 1920}

// Path is the asset's URL path on the server that serves media: /media/{id}/{filename}.
func (a *Asset) Path() string { return "/media/" + a.ID + "/" + a.Filename }

// PathAt is Path for a width: the original when width is 0 or not below the asset's own
// width (or the asset is animated), else the variant ?w=width.
func (a *Asset) PathAt(width int) string {
	if width <= 0 || width >= a.Width || a.Animated {
		return a.Path()
	}
	return fmt.Sprintf("%s?w=%d", a.Path(), width)
}

// Srcset is the srcset of the asset for the widths given (AssetWidths when none), under
// base (the origin media is served from; "" for relative paths): every listed width below
// the asset's own, then the original at its own width.
func (a *Asset) Srcset(base string, widths []int) string {
	if len(widths) == 0 {
		widths = AssetWidths
	}
	var b strings.Builder
	if !a.Animated {
		for _, w := range widths {
			if w > 0 && w < a.Width {
				fmt.Fprintf(&b, "%s%s %dw, ", base, a.PathAt(w), w)
			}
		}
	}
	fmt.Fprintf(&b, "%s%s %dw", base, a.Path(), a.Width)
	return b.String()
}

// Sizes is the sizes attribute that goes with Srcset: the full width of the viewport up to
// the image's own width.
func (a *Asset) Sizes() string {
	return fmt.Sprintf("(max-width: %dpx) 100vw, %dpx", a.Width, a.Width)
}

// Asset limits.
const (
	MaxAltLength      = 1000
	MaxFilenameLength = 100
)

// UploadAssetInput is a new asset as a client sends it: the bytes, the name it had and its
// alternative text.
type UploadAssetInput struct {
	Data     []byte
	Filename string
	Alt      string
}

// UpdateAssetInput changes the text about an asset; nil fields stay as they are.
type UpdateAssetInput struct {
	ID       string
	Alt      *string
	Filename *string
}

// AssetFilter narrows the media library.
type AssetFilter struct {
	// Search matches words of the filename or the alt text, ignoring case and accents.
	Search *string
	// ContentType is one of image/jpeg, image/png, image/gif.
	ContentType *string
}

// Events about assets, for webhooks.
const (
	EventAssetCreated WebhookEvent = "ASSET_CREATED"
	EventAssetDeleted WebhookEvent = "ASSET_DELETED"
)
