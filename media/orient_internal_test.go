package media

import (
	"bytes"
	"context"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"testing"
)

func TestUprightEveryOrientation(t *testing.T) {
	// A 3 x 2 pattern, each pixel its own colour, stored as each orientation says a camera
	// would store it, comes back as the pattern. 6 and 8 undo each other; the rest undo
	// themselves.
	pattern := image.NewNRGBA(image.Rect(0, 0, 3, 2))
	for i := range 6 {
		pattern.Set(i%3, i/3, color.NRGBA{R: uint8(40 * i), A: 255})
	}
	inverse := map[int]int{6: 8, 8: 6}
	for o := 1; o <= 8; o++ {
		inv := o
		if v, ok := inverse[o]; ok {
			inv = v
		}
		got := upright(upright(pattern, inv), o)
		for i := range 6 {
			if got.At(i%3, i/3) != pattern.At(i%3, i/3) {
				t.Errorf("orientation %d: pixel %d is %v, want %v", o, i, got.At(i%3, i/3), pattern.At(i%3, i/3))
			}
		}
	}
	// And the directions: 2 mirrors, 6 turns clockwise.
	if got := upright(pattern, 2); got.At(2, 0) != pattern.At(0, 0) {
		t.Error("orientation 2 does not mirror")
	}
	if got := upright(pattern, 6); got.Bounds().Dx() != 2 || got.At(1, 0) != pattern.At(0, 0) {
		t.Error("orientation 6 does not turn the top-left corner to the top right")
	}
}

// tiffWithOrientation is a minimal big-endian TIFF header whose first IFD holds only the
// Orientation tag.
func tiffWithOrientation(o uint16) []byte {
	b := []byte("MM\x00*\x00\x00\x00\x08\x00\x01")
	entry := make([]byte, 12)
	binary.BigEndian.PutUint16(entry[0:], 0x0112)
	binary.BigEndian.PutUint16(entry[2:], 3)
	binary.BigEndian.PutUint32(entry[4:], 1)
	binary.BigEndian.PutUint16(entry[8:], o)
	return append(append(b, entry...), 0, 0, 0, 0)
}

func TestOrientationOfPNG(t *testing.T) {
	var buf bytes.Buffer
	_ = png.Encode(&buf, image.NewGray(image.Rect(0, 0, 30, 10)))
	data := buf.Bytes()
	payload := tiffWithOrientation(6)
	chunk := binary.BigEndian.AppendUint32(nil, uint32(len(payload)))
	chunk = append(chunk, "eXIf"...)
	chunk = append(chunk, payload...)
	chunk = binary.BigEndian.AppendUint32(chunk, crc32.ChecksumIEEE(chunk[4:]))
	withExif := append(append(bytes.Clone(data[:33]), chunk...), data[33:]...) // after IHDR
	if o := orientation(PNG, withExif); o != 6 {
		t.Fatalf("orientation = %d, want 6", o)
	}
	img, err := NewPipeline(0).Clean(context.Background(), withExif)
	if err != nil {
		t.Fatal(err)
	}
	if img.Width != 10 || img.Height != 30 {
		t.Errorf("cleaned PNG is %dx%d, want it turned to 10x30", img.Width, img.Height)
	}
	if bytes.Contains(img.Data, []byte("eXIf")) {
		t.Error("the eXIf chunk survived")
	}
}

func TestOrientationIgnoresBrokenBlocks(t *testing.T) {
	for _, b := range [][]byte{nil, []byte("MM"), []byte("MM\x00*\xff\xff\xff\xff"), []byte("MM\x00*\x00\x00\x00\x08\xff\xff")} {
		if o := orientation(WebP, append([]byte("RIFF\x00\x00\x00\x00WEBPEXIF"), append(binary.LittleEndian.AppendUint32(nil, uint32(len(b))), b...)...)); o != 1 {
			t.Errorf("orientation of %q = %d, want 1", b, o)
		}
	}
}
