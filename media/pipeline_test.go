package media_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rwcarlsen/goexif/exif"

	"github.com/guildhall/guildhall/media"
)

// fixtures is where the real photos are (see shared/fixtures/README.md).
const fixtures = "../../shared/fixtures/images"

func fixture(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(fixtures, name))
	if errors.Is(err, os.ErrNotExist) {
		t.Skipf("the photo fixtures are missing (%s): this test needs shared/fixtures beside the checkout", fixtures)
	}
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func clean(t *testing.T, data []byte) *media.Image {
	t.Helper()
	img, err := media.NewPipeline(0).Clean(context.Background(), data)
	if err != nil {
		t.Fatalf("Clean: %v", err)
	}
	return img
}

func decodeImage(t *testing.T, data []byte) image.Image {
	t.Helper()
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("decode: %v", err)
	}
	return img
}

// meanDifference is the mean absolute difference of two images' 8-bit channels (0-255).
func meanDifference(a, b image.Image) float64 {
	var sum, n float64
	bounds := a.Bounds()
	for y := bounds.Min.Y; y < bounds.Max.Y; y += 3 {
		for x := bounds.Min.X; x < bounds.Max.X; x += 3 {
			r1, g1, b1, _ := a.At(x, y).RGBA()
			r2, g2, b2, _ := b.At(x-bounds.Min.X+b.Bounds().Min.X, y-bounds.Min.Y+b.Bounds().Min.Y).RGBA()
			for _, d := range []int{int(r1>>8) - int(r2>>8), int(g1>>8) - int(g2>>8), int(b1>>8) - int(b2>>8)} {
				sum += float64(max(d, -d))
				n++
			}
		}
	}
	return sum / n
}

// assertNoMetadata checks a served JPEG carries no EXIF, XMP, IPTC, comment or any other
// application segment, by its segments and with a Go EXIF reader.
func assertNoMetadata(t *testing.T, data []byte) {
	t.Helper()
	if x, err := exif.Decode(bytes.NewReader(data)); err == nil {
		t.Errorf("an EXIF reader still finds EXIF: %v", x)
	}
	for _, seg := range media.JPEGSegments(data) {
		if seg.Marker >= 0xE0 && seg.Marker <= 0xEF || seg.Marker == 0xFE {
			t.Errorf("segment 0x%X (%q...) survived", seg.Marker, seg.Data[:min(len(seg.Data), 12)])
		}
	}
	for _, marker := range []string{"Exif\x00", "http://ns.adobe.com/xap", "<x:xmpmeta", "Photoshop 3.0", "8BIM", "GPS"} {
		if bytes.Contains(data, []byte(marker)) {
			t.Errorf("%q is still in the file", marker)
		}
	}
}

func TestCleanTurnsPhotosUpright(t *testing.T) {
	want := decodeImage(t, clean(t, fixture(t, "orientation_landscape_1.jpg")).Data)
	for _, o := range []string{"1", "3", "6", "8"} {
		t.Run("orientation "+o, func(t *testing.T) {
			in := fixture(t, "orientation_landscape_"+o+".jpg")
			got := clean(t, in)
			if got.Format != media.JPEG || got.Width != 600 || got.Height != 450 {
				t.Fatalf("got %s %dx%d, want an upright 600x450 JPEG", got.Format, got.Width, got.Height)
			}
			img := decodeImage(t, got.Data)
			if img.Bounds().Dx() != 600 || img.Bounds().Dy() != 450 {
				t.Fatalf("decoded %v", img.Bounds())
			}
			if d := meanDifference(img, want); d > 25 {
				t.Errorf("differs from the upright photo by %.1f per channel on average (a turned one differs by far more)", d)
			}
			assertNoMetadata(t, got.Data)
		})
	}
	// The test can tell: a photo left as stored differs from the upright one.
	raw := decodeImage(t, fixture(t, "orientation_landscape_3.jpg"))
	if d := meanDifference(raw, want); d < 50 {
		t.Fatalf("orientation 3 stored upside down differs only by %.1f: the comparison cannot tell", d)
	}
}

func TestCleanRemovesMetadata(t *testing.T) {
	for _, name := range []string{"gps_DSCN0021.jpg", "tests_45-gps_ifd.jpg", "invalid_image01088.jpg", "xmp_no_exif.jpg", "orientation_landscape_6.jpg"} {
		t.Run(name, func(t *testing.T) {
			in := fixture(t, name)
			if strings.Contains(name, "gps") { // the fixture really says where it was taken
				// One of them has a tag the EXIF reader calls broken, and it gives up on the
				// whole block; the GPS block's pointer (tag 0x8825) is there all the same.
				if x, err := exif.Decode(bytes.NewReader(in)); err == nil {
					if _, _, err := x.LatLong(); err != nil {
						t.Fatalf("the fixture has no GPS position: %v", err)
					}
				} else if !bytes.Contains(in[:4096], []byte{0x25, 0x88}) && !bytes.Contains(in[:4096], []byte{0x88, 0x25}) {
					t.Fatal("the fixture has no GPS block")
				}
			}
			if name == "xmp_no_exif.jpg" && !bytes.Contains(in, []byte("http://ns.adobe.com/xap")) {
				t.Fatal("the fixture has no XMP")
			}
			got := clean(t, in)
			assertNoMetadata(t, got.Data)
			cfg, err := jpeg.DecodeConfig(bytes.NewReader(in))
			if err != nil {
				t.Fatal(err)
			}
			if got.Width*got.Height != cfg.Width*cfg.Height {
				t.Errorf("%dx%d from %dx%d", got.Width, got.Height, cfg.Width, cfg.Height)
			}
		})
	}
}

func TestCleanIsDeterministic(t *testing.T) {
	// The same file uploaded twice is stored once: its cleaned form, and so its key, repeat.
	in := fixture(t, "gps_DSCN0021.jpg")
	a, b := clean(t, in), clean(t, in)
	if a.Sum != b.Sum || len(a.Sum) != 64 {
		t.Fatalf("sums %q and %q", a.Sum, b.Sum)
	}
}

func TestCleanFormats(t *testing.T) {
	opaque := image.NewNRGBA(image.Rect(0, 0, 40, 30))
	translucent := image.NewNRGBA(image.Rect(0, 0, 40, 30))
	for i := range opaque.Pix {
		opaque.Pix[i] = 200
		translucent.Pix[i] = byte(i)
	}
	var pngBuf bytes.Buffer
	_ = png.Encode(&pngBuf, translucent)
	pal := color.Palette{color.Black, color.White}
	frame := func(c uint8) *image.Paletted {
		p := image.NewPaletted(image.Rect(0, 0, 20, 10), pal)
		for i := range p.Pix {
			p.Pix[i] = c
		}
		return p
	}
	var animated, still bytes.Buffer
	_ = gif.EncodeAll(&animated, &gif.GIF{Image: []*image.Paletted{frame(0), frame(1), frame(0)}, Delay: []int{10, 20, 30}, LoopCount: 0})
	_ = gif.EncodeAll(&still, &gif.GIF{Image: []*image.Paletted{frame(1)}, Delay: []int{0}})
	lossy, err := os.ReadFile("testdata/blue-purple-pink.lossy.webp")
	if err != nil {
		t.Fatal(err)
	}
	lossless, err := os.ReadFile("testdata/gopher-doc.with-alpha.lossless.webp")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		in       []byte
		format   media.Format
		animated bool
	}{
		{"png with transparency stays png", pngBuf.Bytes(), media.PNG, false},
		{"animated gif stays animated", animated.Bytes(), media.GIF, true},
		{"still gif", still.Bytes(), media.GIF, false},
		{"lossy opaque webp becomes jpeg", lossy, media.JPEG, false},
		{"lossless webp with alpha becomes png", lossless, media.PNG, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := clean(t, tc.in)
			if got.Format != tc.format || got.Animated != tc.animated {
				t.Fatalf("got %s animated=%v, want %s animated=%v", got.Format, got.Animated, tc.format, tc.animated)
			}
			decodeImage(t, got.Data)
			if tc.animated {
				g, err := gif.DecodeAll(bytes.NewReader(got.Data))
				if err != nil || len(g.Image) != 3 || g.Delay[1] != 20 {
					t.Fatalf("animation not kept: %v", err)
				}
			}
		})
	}
}

// pngClaiming is a valid PNG header (signature and IHDR with its CRC) for an image of
// w x h pixels, followed by nothing: enough for any reader of headers.
func pngClaiming(t *testing.T, w, h int) []byte {
	t.Helper()
	var buf bytes.Buffer
	_ = png.Encode(&buf, image.NewGray(image.Rect(0, 0, 1, 1)))
	data := buf.Bytes()
	// IHDR data is at 16..29; width and height are its first 8 bytes; the CRC follows.
	putU32 := func(b []byte, v uint32) { b[0], b[1], b[2], b[3] = byte(v>>24), byte(v>>16), byte(v>>8), byte(v) }
	putU32(data[16:], uint32(w))
	putU32(data[20:], uint32(h))
	putU32(data[29:], crc32.ChecksumIEEE(data[12:29]))
	return data
}

func TestCleanRefuses(t *testing.T) {
	photo := fixture(t, "orientation_landscape_1.jpg")
	// A GIF whose frames together exceed the limit, each small on its own: 13 frames of
	// 2000 x 2000 of one colour compress to a few KB.
	big := image.NewPaletted(image.Rect(0, 0, 2000, 2000), color.Palette{color.Black, color.White})
	g := &gif.GIF{}
	for range 13 {
		g.Image = append(g.Image, big)
		g.Delay = append(g.Delay, 1)
	}
	var gifBomb bytes.Buffer
	if err := gif.EncodeAll(&gifBomb, g); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		in     []byte
		reason media.Reason
		says   string
	}{
		{"empty", nil, media.ReasonCorrupt, "empty"},
		{"21 MB", append(bytes.Clone(photo), make([]byte, 21<<20)...), media.ReasonTooLarge, "at most 20 MB"},
		{"decompression bomb", pngClaiming(t, 100_000, 100_000), media.ReasonTooLarge, "megapixels"},
		{"just over 50 megapixels", pngClaiming(t, 10_000, 5_001), media.ReasonTooLarge, "megapixels"},
		{"gif frames bomb", gifBomb.Bytes(), media.ReasonTooLarge, "frames"},
		{"truncated jpeg", photo[:len(photo)/2], media.ReasonCorrupt, "damaged or incomplete"},
		{"jpeg header only", photo[:200], media.ReasonCorrupt, "damaged or incomplete"},
		{"svg with script", []byte(`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`), media.ReasonUnsupported, "SVG"},
		{"svg with xml prolog", []byte("\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<svg onload=\"alert(1)\"/>"), media.ReasonUnsupported, "SVG"},
		{"heic", append([]byte("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"), make([]byte, 64)...), media.ReasonUnsupported, "HEIC"},
		{"avif", append([]byte("\x00\x00\x00\x1cftypavif\x00\x00\x00\x00"), make([]byte, 64)...), media.ReasonUnsupported, "AVIF"},
		{"html", []byte("<html><script>alert(1)</script></html>"), media.ReasonUnsupported, "JPEG, PNG, GIF or WebP"},
		{"tiff", []byte("II*\x00\x08\x00\x00\x00"), media.ReasonUnsupported, "TIFF"},
		{"pdf", []byte("%PDF-1.7\n"), media.ReasonUnsupported, "PDF"},
	}
	p := media.NewPipeline(0)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := p.Clean(context.Background(), tc.in)
			r, ok := errors.AsType[*media.Refusal](err)
			if !ok {
				t.Fatalf("err = %v, want a *media.Refusal", err)
			}
			if r.Reason != tc.reason || !strings.Contains(r.Message, tc.says) {
				t.Errorf("refusal %s %q, want %s saying %q", r.Reason, r.Message, tc.reason, tc.says)
			}
		})
	}
}

func TestVariant(t *testing.T) {
	p := media.NewPipeline(0)
	orig := clean(t, fixture(t, "gps_DSCN0021.jpg")) // 640 x 480
	data, f, ok, err := p.Variant(context.Background(), orig.Data, orig.Format, 320)
	if err != nil || !ok || f != media.JPEG {
		t.Fatalf("Variant 320: %s ok=%v err=%v", f, ok, err)
	}
	img := decodeImage(t, data)
	if img.Bounds().Dx() != 320 || img.Bounds().Dy() != 240 {
		t.Errorf("variant is %v, want 320x240", img.Bounds())
	}
	assertNoMetadata(t, data)
	if _, _, ok, err := p.Variant(context.Background(), orig.Data, orig.Format, 640); ok || err != nil {
		t.Errorf("a variant as wide as the original: ok=%v err=%v, want the original served instead", ok, err)
	}
	if _, _, _, err := p.Variant(context.Background(), orig.Data, orig.Format, 500); err == nil {
		t.Error("an unlisted width was accepted")
	}
}

func TestPipelineWaitsForBudget(t *testing.T) {
	// One image at the limit fills the default budget; a second waits, and gives up with
	// its context instead of decoding.
	p := media.NewPipeline(0)
	release := p.Hold(media.MaxPixels)
	defer release()
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err := p.Clean(ctx, fixture(t, "gps_DSCN0021.jpg"))
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want the context's deadline", err)
	}
}

func sumOf(data []byte) string {
	s := sha256.Sum256(data)
	return hex.EncodeToString(s[:])
}
