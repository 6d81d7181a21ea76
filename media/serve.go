package media

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"

	"golang.org/x/sync/singleflight"

	"github.com/guildhall/guildhall"
)

// variantTimeout bounds making one variant; it goes on when the request that asked for it
// goes away, since other requests may be waiting for the same variant.
const variantTimeout = time.Minute

// Handler serves GET and HEAD /media/{id}/{filename}: the cleaned original, or with ?w= one
// of Widths a variant made once and kept in the cache. Every answer is immutable (an asset's
// bytes never change) and carries an ETag, so revalidations get 304.
type Handler struct {
	// Asset finds an asset by ID.
	Asset func(id string) (*guildhall.Asset, bool)
	// Originals holds the bytes. A *DirOriginals is served from its files directly; any
	// other store's originals are copied into Cache first, so a read does not go to the
	// database twice.
	Originals Originals
	Cache     *Cache
	Pipeline  *Pipeline
	Log       *slog.Logger

	making singleflight.Group // one maker per variant or original being cached
}

// ServeHTTP serves one asset.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		plain(w, http.StatusMethodNotAllowed, "Use GET or HEAD.")
		return
	}
	a, ok := h.Asset(r.PathValue("id"))
	if !ok {
		plain(w, http.StatusNotFound, "No such image.")
		return
	}
	width := 0
	if q := r.URL.Query(); q.Has("w") {
		n, err := strconv.Atoi(q.Get("w"))
		if err != nil || !ValidWidth(n) {
			plain(w, http.StatusBadRequest, "w must be one of "+widthList()+".")
			return
		}
		width = n
	}
	if width >= a.Width || a.Animated {
		width = 0 // the original is as wide as asked for, or a still would lose the animation
	}
	f := FormatOf(a.ContentType)
	var path string
	var err error
	if width == 0 {
		path, err = h.originalPath(r.Context(), a, f)
	} else {
		path, f, err = h.variantPath(r.Context(), a, f, width)
	}
	if err != nil {
		h.fail(w, r, a, err)
		return
	}
	file, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) { // evicted between finding and opening: make it again
		if width == 0 {
			path, err = h.originalPath(r.Context(), a, f)
		} else {
			path, f, err = h.variantPath(r.Context(), a, f, width)
		}
		if err == nil {
			file, err = os.Open(path)
		}
	}
	if err != nil {
		h.fail(w, r, a, err)
		return
	}
	defer file.Close()
	hdr := w.Header()
	hdr.Set("Content-Type", f.ContentType())
	hdr.Set("ETag", fmt.Sprintf(`"%s-%d"`, a.SHA256[:32], width))
	hdr.Set("Cache-Control", "public, max-age=31536000, immutable")
	hdr.Set("Content-Disposition", `inline; filename="`+a.Filename+`"`)
	hdr.Set("X-Content-Type-Options", "nosniff")
	hdr.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	hdr.Set("Cross-Origin-Resource-Policy", "cross-origin")
	// ServeContent answers If-None-Match with 304, HEAD without a body, and Range requests.
	http.ServeContent(w, r, "", time.Time{}, file)
}

// originalPath is a file holding the asset's original.
func (h *Handler) originalPath(ctx context.Context, a *guildhall.Asset, f Format) (string, error) {
	if d, ok := h.Originals.(*DirOriginals); ok {
		return d.Path(a.SHA256)
	}
	key := a.SHA256 + f.Extension()
	if path, ok := h.Cache.Get(key); ok {
		return path, nil
	}
	v, err, _ := h.making.Do(key, func() (any, error) {
		data, err := h.readOriginal(ctx, a)
		if err != nil {
			return "", err
		}
		return h.Cache.Put(key, data)
	})
	if err != nil {
		return "", err
	}
	return v.(string), nil
}

// variantPath is a file holding the asset's variant at width, made if need be.
func (h *Handler) variantPath(ctx context.Context, a *guildhall.Asset, f Format, width int) (string, Format, error) {
	vf := PNG
	if f == JPEG {
		vf = JPEG
	}
	key := fmt.Sprintf("%s-%d%s", a.SHA256, width, vf.Extension())
	if path, ok := h.Cache.Get(key); ok {
		return path, vf, nil
	}
	v, err, _ := h.making.Do(key, func() (any, error) {
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), variantTimeout)
		defer cancel()
		data, err := h.readOriginal(ctx, a)
		if err != nil {
			return "", err
		}
		variant, _, ok, err := h.Pipeline.Variant(ctx, data, f, width)
		if err != nil {
			return "", err
		}
		if !ok { // nothing smaller to make: the variant is the original
			return h.originalPath(ctx, a, f)
		}
		return h.Cache.Put(key, variant)
	})
	if err != nil {
		return "", "", err
	}
	if !strings.HasSuffix(v.(string), vf.Extension()) {
		return v.(string), f, nil
	}
	return v.(string), vf, nil
}

// readOriginal reads the asset's original bytes from the store.
func (h *Handler) readOriginal(ctx context.Context, a *guildhall.Asset) ([]byte, error) {
	rc, err := h.Originals.Open(ctx, a.SHA256)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, MaxBytes+1))
	if err != nil {
		return nil, err
	}
	if err := CheckSum(a.SHA256, data); err != nil {
		return nil, fmt.Errorf("stored original of %s: %w", a.ID, err)
	}
	return data, nil
}

func (h *Handler) fail(w http.ResponseWriter, r *http.Request, a *guildhall.Asset, err error) {
	switch guildhall.ErrorCode(err) {
	case guildhall.ENOTFOUND:
		h.Log.ErrorContext(r.Context(), "an asset's original is missing", "asset", a.ID, "sha256", a.SHA256)
		plain(w, http.StatusNotFound, "The image's file is missing.")
	case guildhall.EUNAVAILABLE:
		plain(w, http.StatusServiceUnavailable, "The image store is unavailable; try again.")
	default:
		if r.Context().Err() != nil {
			return
		}
		h.Log.ErrorContext(r.Context(), "serving an asset failed", "asset", a.ID, "err", err)
		plain(w, http.StatusInternalServerError, "The image could not be served.")
	}
}

func plain(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, msg+"\n")
}

func widthList() string {
	parts := make([]string, len(Widths))
	for i, w := range Widths {
		parts[i] = strconv.Itoa(w)
	}
	return strings.Join(parts, ", ")
}
