package media

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"

	"golang.org/x/image/draw"
	"golang.org/x/image/webp"
	"golang.org/x/sync/semaphore"
)

// JPEG qualities: the cleaned original is kept close to what was sent; variants are made
// for screens, where 82 is indistinguishable and a third smaller.
const (
	originalQuality = 90
	variantQuality  = 82
)

// Pipeline cleans uploads and makes variants under a budget of pixels decoded at once, so a
// burst of large uploads waits instead of exhausting memory (a 50-megapixel photo takes about
// 200 MB while it is turned and re-encoded). It is safe for concurrent use.
type Pipeline struct {
	budget   *semaphore.Weighted
	capacity int64
}

// NewPipeline returns a pipeline that decodes at most maxPixels pixels at a time (at least
// MaxPixels, so that any accepted image fits).
func NewPipeline(maxPixels int64) *Pipeline {
	maxPixels = max(maxPixels, MaxPixels)
	return &Pipeline{budget: semaphore.NewWeighted(maxPixels), capacity: maxPixels}
}

// acquire waits for room to decode pixels; the caller releases the same weight.
func (p *Pipeline) acquire(ctx context.Context, pixels int64) (int64, error) {
	weight := min(max(pixels, 1), p.capacity)
	if err := p.budget.Acquire(ctx, weight); err != nil {
		return 0, err
	}
	return weight, nil
}

// Image is a cleaned upload: what is stored and served as the original.
type Image struct {
	// Data is the re-encoded file: upright, without metadata.
	Data   []byte
	Format Format
	Width  int
	Height int
	// Animated is true for a GIF of more than one frame; it is served as it is at every
	// width, since a resized variant would be a still.
	Animated bool
	// Sum is the hex SHA-256 of Data, the key of the stored original.
	Sum string
}

// Clean checks an upload and returns its cleaned form. A *Refusal says why a file is not
// accepted; any other error is the server's (ctx ended while waiting for the budget).
//
// The checks run cheapest first: the size, the type from the first bytes, the dimensions
// from the header (for a GIF, of every frame), and only then the decoding of the pixels. The
// EXIF orientation is applied to the pixels, then they are encoded afresh: JPEG as JPEG, PNG
// as PNG, GIF as GIF (every frame, delay and loop count; nothing else), and WebP, which Go
// cannot encode, as JPEG when it is opaque and lossy, else PNG.
func (p *Pipeline) Clean(ctx context.Context, data []byte) (*Image, error) {
	if len(data) > MaxBytes {
		return nil, refuse(ReasonTooLarge, "The file is %.1f MB; at most %d MB are accepted.", float64(len(data))/(1<<20), MaxBytes>>20)
	}
	f, err := Sniff(data[:min(len(data), 512)])
	if err != nil {
		return nil, err
	}
	cfg, pixels, err := header(f, data)
	if err != nil {
		return nil, err
	}
	weight, err := p.acquire(ctx, pixels)
	if err != nil {
		return nil, err
	}
	defer p.budget.Release(weight)

	out := &Image{Format: f}
	var buf bytes.Buffer
	switch f {
	case GIF:
		g, err := safeDecodeGIF(data)
		if err != nil {
			return nil, corrupt(f, err)
		}
		// The decoder keeps frames, palettes, delays, disposal and the loop count, and
		// drops comments and application blocks (XMP lives in one).
		g.Config.Width, g.Config.Height = cfg.Width, cfg.Height
		if err := gif.EncodeAll(&buf, g); err != nil {
			return nil, fmt.Errorf("media: encode gif: %w", err)
		}
		out.Width, out.Height, out.Animated = cfg.Width, cfg.Height, len(g.Image) > 1
	default:
		img, err := safeDecode(f, data)
		if err != nil {
			return nil, corrupt(f, err)
		}
		img = upright(img, orientation(f, data))
		if f == WebP {
			out.Format = PNG
			if opaque(img) && !webpLossless(data) {
				out.Format = JPEG
			}
		}
		if err := encode(&buf, out.Format, img, originalQuality); err != nil {
			return nil, fmt.Errorf("media: encode %s: %w", out.Format, err)
		}
		out.Width, out.Height = img.Bounds().Dx(), img.Bounds().Dy()
	}
	out.Data = buf.Bytes()
	sum := sha256.Sum256(out.Data)
	out.Sum = hex.EncodeToString(sum[:])
	return out, nil
}

// Variant returns a cleaned original of format f resized to width, encoded for serving,
// and its format (JPEG stays JPEG; PNG and still GIFs become PNG). ok is false when there is
// nothing to make: width is not below the original's, or the GIF is animated. Then the
// original is what to serve.
func (p *Pipeline) Variant(ctx context.Context, original []byte, f Format, width int) (data []byte, vf Format, ok bool, err error) {
	if !ValidWidth(width) {
		return nil, "", false, fmt.Errorf("media: %d is not one of the widths", width)
	}
	cfg, pixels, err := header(f, original)
	if err != nil {
		return nil, "", false, err
	}
	if width >= cfg.Width {
		return nil, "", false, nil
	}
	if f == GIF && framesOver(original, 1) {
		return nil, "", false, nil
	}
	weight, err := p.acquire(ctx, pixels)
	if err != nil {
		return nil, "", false, err
	}
	defer p.budget.Release(weight)
	img, err := decode(f, original)
	if err != nil {
		return nil, "", false, fmt.Errorf("media: decode stored original: %w", err)
	}
	height := max(1, (cfg.Height*width+cfg.Width/2)/cfg.Width)
	dst := image.NewRGBA(image.Rect(0, 0, width, height))
	draw.CatmullRom.Scale(dst, dst.Bounds(), img, img.Bounds(), draw.Src, nil)
	vf = PNG
	if f == JPEG {
		vf = JPEG
	}
	var buf bytes.Buffer
	if err := encode(&buf, vf, dst, variantQuality); err != nil {
		return nil, "", false, fmt.Errorf("media: encode variant: %w", err)
	}
	return buf.Bytes(), vf, true, nil
}

// header reads the dimensions from the file's header and checks them against MaxPixels.
// It returns the pixels decoding will hold.
func header(f Format, data []byte) (image.Config, int64, error) {
	var cfg image.Config
	var err error
	r := bytes.NewReader(data)
	switch f {
	case JPEG:
		cfg, err = jpeg.DecodeConfig(r)
	case PNG:
		cfg, err = png.DecodeConfig(r)
	case GIF:
		cfg, err = gif.DecodeConfig(r)
	case WebP:
		cfg, err = webp.DecodeConfig(r)
	}
	if err != nil {
		return cfg, 0, corrupt(f, err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return cfg, 0, refuse(ReasonCorrupt, "The %s file says it has no pixels.", name(f))
	}
	pixels := int64(cfg.Width) * int64(cfg.Height)
	if pixels > MaxPixels {
		return cfg, 0, refuse(ReasonTooLarge, "The image is %d × %d pixels (%.0f megapixels); at most %d megapixels are accepted.",
			cfg.Width, cfg.Height, float64(pixels)/1e6, MaxPixels/1_000_000)
	}
	if f == GIF {
		frames, total, err := gifFrames(data)
		if err != nil {
			return cfg, 0, err
		}
		if total > MaxPixels {
			return cfg, 0, refuse(ReasonTooLarge, "The animation has %d frames, %.0f megapixels in all; at most %d megapixels are accepted.",
				frames, float64(total)/1e6, MaxPixels/1_000_000)
		}
		pixels = max(pixels, total)
	}
	return cfg, pixels, nil
}

func decode(f Format, data []byte) (image.Image, error) {
	r := bytes.NewReader(data)
	switch f {
	case JPEG:
		return jpeg.Decode(r)
	case PNG:
		return png.Decode(r)
	case GIF:
		return gif.Decode(r)
	case WebP:
		return webp.Decode(r)
	}
	return nil, fmt.Errorf("media: no decoder for %q", f)
}

// safeDecode is decode that turns a decoder's panic on hostile bytes into an error.
func safeDecode(f Format, data []byte) (img image.Image, err error) {
	defer func() {
		if p := recover(); p != nil {
			img, err = nil, fmt.Errorf("decoder failed: %v", p)
		}
	}()
	return decode(f, data)
}

func safeDecodeGIF(data []byte) (g *gif.GIF, err error) {
	defer func() {
		if p := recover(); p != nil {
			g, err = nil, fmt.Errorf("decoder failed: %v", p)
		}
	}()
	return gif.DecodeAll(bytes.NewReader(data))
}

func encode(buf *bytes.Buffer, f Format, img image.Image, quality int) error {
	switch f {
	case JPEG:
		return jpeg.Encode(buf, img, &jpeg.Options{Quality: quality})
	case PNG:
		return (&png.Encoder{CompressionLevel: png.DefaultCompression}).Encode(buf, img)
	}
	return fmt.Errorf("media: no encoder for %q", f)
}

func corrupt(f Format, err error) *Refusal {
	if errors.Is(err, errGIFStructure) {
		return refuse(ReasonCorrupt, "The GIF file is damaged or incomplete: its frames could not be read.")
	}
	return refuse(ReasonCorrupt, "The %s file is damaged or incomplete and could not be read (%v). Open it in an image editor, save it again and upload that.", name(f), err)
}

func name(f Format) string {
	switch f {
	case JPEG:
		return "JPEG"
	case PNG:
		return "PNG"
	case GIF:
		return "GIF"
	}
	return "WebP"
}

// opaque reports whether every pixel of img is fully opaque.
func opaque(img image.Image) bool {
	if o, ok := img.(interface{ Opaque() bool }); ok {
		return o.Opaque()
	}
	return false
}

// webpLossless reports whether a WebP holds a lossless (VP8L) image, which should stay
// lossless when it is re-encoded.
func webpLossless(data []byte) bool {
	for i := 12; i+8 <= len(data); {
		n := int(binary.LittleEndian.Uint32(data[i+4:]))
		switch string(data[i : i+4]) {
		case "VP8L":
			return true
		case "VP8 ":
			return false
		}
		if n < 0 || i+8+n > len(data) {
			return false
		}
		i += 8 + n + n&1
	}
	return false
}

var errGIFStructure = errors.New("media: malformed GIF blocks")

// gifFrames walks a GIF's blocks without decompressing them and returns the number of frames
// and the pixels they cover together: a few KB of LZW data can claim thousands of full-size
// frames, which gif.DecodeAll would allocate before anything could stop it.
func gifFrames(data []byte) (frames int, pixels int64, err error) {
	if len(data) < 13 {
		return 0, 0, errGIFStructure
	}
	i := 13
	if flags := data[10]; flags&0x80 != 0 {
		i += 3 << ((flags & 7) + 1)
	}
	skipSubBlocks := func() bool {
		for i < len(data) {
			n := int(data[i])
			i++
			if n == 0 {
				return true
			}
			i += n
		}
		return false
	}
	for i < len(data) {
		switch data[i] {
		case 0x3B: // trailer
			return frames, pixels, nil
		case 0x21: // extension: label, then sub-blocks
			i += 2
			if !skipSubBlocks() {
				return frames, pixels, errGIFStructure
			}
		case 0x2C: // image descriptor
			if i+10 > len(data) {
				return frames, pixels, errGIFStructure
			}
			w := int64(binary.LittleEndian.Uint16(data[i+5:]))
			h := int64(binary.LittleEndian.Uint16(data[i+7:]))
			flags := data[i+9]
			i += 10
			if flags&0x80 != 0 {
				i += 3 << ((flags & 7) + 1)
			}
			i++ // LZW minimum code size
			if !skipSubBlocks() {
				return frames, pixels, errGIFStructure
			}
			frames++
			pixels += w * h
			if pixels > MaxPixels { // enough to refuse; no need to walk the rest
				return frames, pixels, nil
			}
		default:
			return frames, pixels, errGIFStructure
		}
	}
	// No trailer: the decoder accepts that when the frames before it are whole.
	return frames, pixels, nil
}

// framesOver reports whether a GIF has more than n frames.
func framesOver(data []byte, n int) bool {
	frames, _, _ := gifFrames(data)
	return frames > n
}
