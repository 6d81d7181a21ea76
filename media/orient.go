package media

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/draw"
)

// orientation returns the EXIF Orientation (1-8) of an image file, 1 when there is none or it
// cannot be read: a broken EXIF block costs the picture its rotation, never the upload.
//
// Only the one tag is read, straight from the first IFD: general EXIF readers give up on the
// whole block when any later tag is malformed (a GPS block with a zero-length value is
// enough), and phones write such blocks.
func orientation(f Format, data []byte) int {
	b := exifBlock(f, data)
	b = bytes.TrimPrefix(b, []byte("Exif\x00\x00"))
	if len(b) < 8 {
		return 1
	}
	var order binary.ByteOrder
	switch string(b[:4]) {
	case "II*\x00":
		order = binary.LittleEndian
	case "MM\x00*":
		order = binary.BigEndian
	default:
		return 1
	}
	ifd := int64(order.Uint32(b[4:]))
	if ifd+2 > int64(len(b)) {
		return 1
	}
	entries := int64(order.Uint16(b[ifd:]))
	for i := range entries {
		e := ifd + 2 + 12*i
		if e+12 > int64(len(b)) {
			return 1
		}
		const tagOrientation, typeShort = 0x0112, 3
		if order.Uint16(b[e:]) == tagOrientation && order.Uint16(b[e+2:]) == typeShort {
			if v := int(order.Uint16(b[e+8:])); v >= 1 && v <= 8 {
				return v
			}
			return 1
		}
	}
	return 1
}

// exifBlock finds the EXIF block of a file without decoding the image: the first APP1
// segment starting "Exif\0\0" of a JPEG, the eXIf chunk of a PNG, the EXIF chunk of a WebP.
func exifBlock(f Format, data []byte) []byte {
	switch f {
	case JPEG:
		for _, seg := range jpegSegments(data) {
			if seg.Marker == 0xE1 && bytes.HasPrefix(seg.Data, []byte("Exif\x00\x00")) {
				return seg.Data
			}
		}
	case PNG:
		for i := 8; i+12 <= len(data); {
			n := int(binary.BigEndian.Uint32(data[i:]))
			typ := string(data[i+4 : i+8])
			if n < 0 || i+12+n > len(data) || typ == "IDAT" || typ == "IEND" {
				return nil // eXIf must come before the image data
			}
			if typ == "eXIf" {
				return data[i+8 : i+8+n]
			}
			i += 12 + n
		}
	case WebP:
		for i := 12; i+8 <= len(data); {
			n := int(binary.LittleEndian.Uint32(data[i+4:]))
			if n < 0 || i+8+n > len(data) {
				return nil
			}
			if string(data[i:i+4]) == "EXIF" {
				return data[i+8 : i+8+n]
			}
			i += 8 + n + n&1 // chunks are padded to an even size
		}
	}
	return nil
}

// Segment is one marker segment of a JPEG header: APPn, COM, DQT, SOF and the like.
type Segment struct {
	Marker byte
	Data   []byte // the payload, without the marker and the length
}

// jpegSegments lists the marker segments of a JPEG up to the start of the scan. A malformed
// header ends the list where it stops making sense.
func jpegSegments(data []byte) []Segment {
	var out []Segment
	for i := 2; i+4 <= len(data); {
		if data[i] != 0xFF {
			return out
		}
		marker := data[i+1]
		if marker == 0xFF { // fill byte
			i++
			continue
		}
		if marker == 0xD8 || marker >= 0xD0 && marker <= 0xD7 || marker == 0x01 {
			i += 2
			continue
		}
		n := int(binary.BigEndian.Uint16(data[i+2:]))
		if n < 2 || i+2+n > len(data) {
			return out
		}
		out = append(out, Segment{Marker: marker, Data: data[i+4 : i+2+n]})
		if marker == 0xDA { // start of scan: entropy-coded data follows
			return out
		}
		i += 2 + n
	}
	return out
}

// JPEGSegments is jpegSegments for tests and tools that check what a served JPEG carries.
func JPEGSegments(data []byte) []Segment { return jpegSegments(data) }

// upright returns img turned as EXIF orientation o says it should be shown. The pixels are
// copied into a new NRGBA image (orientation 1 returns img unchanged).
func upright(img image.Image, o int) image.Image {
	if o <= 1 || o > 8 {
		return img
	}
	b := img.Bounds()
	src := image.NewNRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(src, src.Bounds(), img, b.Min, draw.Src)
	w, h := b.Dx(), b.Dy()
	dw, dh := w, h
	if o >= 5 {
		dw, dh = h, w
	}
	dst := image.NewNRGBA(image.Rect(0, 0, dw, dh))
	for y := range h {
		row := src.Pix[y*src.Stride : y*src.Stride+4*w]
		for x := range w {
			var dx, dy int
			switch o {
			case 2: // mirrored
				dx, dy = w-1-x, y
			case 3: // upside down
				dx, dy = w-1-x, h-1-y
			case 4: // mirrored upside down
				dx, dy = x, h-1-y
			case 5: // mirrored along the top-left diagonal
				dx, dy = y, x
			case 6: // turned a quarter anticlockwise: turn it clockwise
				dx, dy = h-1-y, x
			case 7: // mirrored along the other diagonal
				dx, dy = h-1-y, w-1-x
			case 8: // turned a quarter clockwise: turn it anticlockwise
				dx, dy = y, w-1-x
			}
			copy(dst.Pix[dy*dst.Stride+4*dx:dy*dst.Stride+4*dx+4], row[4*x:4*x+4])
		}
	}
	return dst
}
