package cms

import (
	"context"
	"encoding/base64"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/net/html"

	"github.com/guildhall/guildhall"
)

// maxPastedImages bounds the data: images one save may turn into assets.
const maxPastedImages = 20

// assetPath finds an asset's ID in a media URL path.
var assetPath = regexp.MustCompile(`^/media/(ast_[0-9a-z]{26})/`)

// resolveImages goes through the <img> elements of editor HTML before it is sanitised, so
// that no image is silently lost:
//   - an image of ours (/media/{id}/..., relative or on any host, when the ID is an asset)
//     gets its canonical relative src, width and height, srcset, sizes and loading="lazy",
//     and its asset's alt text unless the editor wrote one;
//   - a pasted data: image becomes an asset (as an upload by the viewer) and then as above;
//   - a remote http(s) image stays, unless remote images are turned off;
//   - any other source (relative, unknown, a broken data: URL) is a problem of field.
//
// With v nil (an import, whose images were made assets by the importer) only images of ours
// are resolved; every other source is left to the sanitiser, never refused.
//
// It returns the HTML and the IDs of the assets it shows.
func (s *Service) resolveImages(ctx context.Context, v *guildhall.Viewer, in, field string, problems guildhall.Problems) (string, []string) {
	if !strings.Contains(in, "<img") && !strings.Contains(in, "<IMG") && !strings.Contains(strings.ToLower(in), "<img") {
		return in, nil
	}
	var b strings.Builder
	b.Grow(len(in))
	var ids []string
	pasted := 0
	z := html.NewTokenizer(strings.NewReader(in))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return b.String(), ids
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			b.Write(z.Raw())
			continue
		}
		raw := string(z.Raw())
		tok := z.Token()
		if tok.Data != "img" {
			b.WriteString(raw)
			continue
		}
		src := strings.TrimSpace(attrValue(tok.Attr, "src"))
		var a *guildhall.Asset
		switch {
		case src == "":
			b.WriteString(raw)
			continue
		case v == nil && !assetPath.MatchString(pathOf(src)):
			b.WriteString(raw)
			continue
		case strings.HasPrefix(strings.ToLower(src), "data:"):
			pasted++
			if pasted > maxPastedImages {
				problems.Add(field, "at most %d pasted images in one save; upload the others first", maxPastedImages)
				continue
			}
			data, ok := decodeDataURL(src)
			if !ok {
				problems.Add(field, "a pasted image is not a base64 data: URL of an image; upload it instead")
				continue
			}
			asset, err := s.uploadAsset(ctx, v, guildhall.UploadAssetInput{Data: data, Filename: "pasted-image", Alt: attrValue(tok.Attr, "alt")})
			if err != nil {
				if e, ok := err.(*guildhall.Error); ok && e.Code == guildhall.EINVALID {
					problems.Add(field, "a pasted image was refused: %s", e.Message)
					continue
				}
				problems.Add(field, "a pasted image could not be stored; try again")
				continue
			}
			a = asset
		default:
			u, err := url.Parse(src)
			if err != nil {
				problems.Add(field, "image source %q is not a URL", trimForMessage(src))
				continue
			}
			if m := assetPath.FindStringSubmatch(u.Path); m != nil {
				if found, ok := s.cat().Asset(m[1]); ok {
					a = found
				} else if u.Host == "" && v != nil {
					problems.Add(field, "image %q is not an uploaded image (deleted?); upload it again", trimForMessage(src))
					continue
				}
			}
			if a == nil && v == nil {
				b.WriteString(raw)
				continue
			}
			if a == nil {
				switch {
				case u.Host == "" || (u.Scheme != "http" && u.Scheme != "https" && u.Scheme != ""):
					if u.Scheme == "" || u.Scheme == "http" || u.Scheme == "https" {
						problems.Add(field, "image %q is neither an uploaded image nor an http(s) URL; upload it with uploadAsset first", trimForMessage(src))
						continue
					}
					b.WriteString(raw) // javascript: and the like: the sanitiser drops them
					continue
				case s.opts.RemoteImagesOff:
					problems.Add(field, "image %q is on another site, and remote images are turned off here; upload it with uploadAsset or importAssetFromUrl", trimForMessage(src))
					continue
				}
				b.WriteString(raw)
				continue
			}
		}
		ids = appendUnique(ids, a.ID)
		tok.Attr = assetImageAttrs(tok.Attr, a)
		b.WriteString(tok.String())
	}
}

// pathOf is the path of a URL, or "" when it is none.
func pathOf(src string) string {
	u, err := url.Parse(src)
	if err != nil {
		return ""
	}
	return u.Path
}

// assetImageAttrs are an <img>'s attributes for asset a: the editor's alt, title and
// alignment are kept; src, size, srcset, sizes and loading are the asset's. A width the
// editor chose below the asset's own is kept, with the height to match.
func assetImageAttrs(attrs []html.Attribute, a *guildhall.Asset) []html.Attribute {
	width, height := a.Width, a.Height
	if w, err := strconv.Atoi(attrValue(attrs, "width")); err == nil && w > 0 && w < a.Width {
		width, height = w, max(1, (a.Height*w+a.Width/2)/a.Width)
	}
	out := []html.Attribute{{Key: "src", Val: a.Path()}}
	alt, hasAlt := "", false
	for _, at := range attrs {
		switch at.Key {
		case "alt":
			alt, hasAlt = at.Val, true
		case "title", "class", "style", "align":
			out = append(out, at)
		}
	}
	if !hasAlt {
		alt = a.Alt
	}
	sizes := "(max-width: " + strconv.Itoa(width) + "px) 100vw, " + strconv.Itoa(width) + "px"
	return append(out,
		html.Attribute{Key: "alt", Val: alt},
		html.Attribute{Key: "width", Val: strconv.Itoa(width)},
		html.Attribute{Key: "height", Val: strconv.Itoa(height)},
		html.Attribute{Key: "srcset", Val: a.Srcset("", nil)},
		html.Attribute{Key: "sizes", Val: sizes},
		html.Attribute{Key: "loading", Val: "lazy"})
}

func attrValue(attrs []html.Attribute, key string) string {
	for _, a := range attrs {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// decodeDataURL returns the bytes of a base64 data: URL of an image type.
func decodeDataURL(src string) ([]byte, bool) {
	meta, payload, ok := strings.Cut(src[len("data:"):], ",")
	if !ok || !strings.HasSuffix(strings.ToLower(meta), ";base64") || !strings.HasPrefix(strings.ToLower(meta), "image/") {
		return nil, false
	}
	payload = strings.Map(func(r rune) rune {
		if r == ' ' || r == '\n' || r == '\r' || r == '\t' {
			return -1
		}
		return r
	}, payload)
	if data, err := base64.StdEncoding.DecodeString(payload); err == nil {
		return data, true
	}
	data, err := base64.RawStdEncoding.DecodeString(strings.TrimRight(payload, "="))
	return data, err == nil
}

func trimForMessage(s string) string {
	if len(s) > 80 {
		return s[:77] + "..."
	}
	return s
}
