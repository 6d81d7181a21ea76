// Package media turns uploaded image files into what Guildhall stores and serves: it decides
// the type from the bytes, refuses what it cannot serve safely, applies the EXIF orientation,
// drops every metadata block (EXIF, XMP, IPTC, comments, colour-profile text) by re-encoding
// the pixels, and makes resized variants at a fixed list of widths.
//
// An upload is untrusted: any author can send any bytes. So the type comes from the bytes,
// never from a name or a header; sizes are checked from the header before anything is
// decoded (a 50 KB file can claim a billion pixels); decoding runs under a memory budget
// shared by the whole process (see Pipeline); and nothing leaves this package that was not
// decoded and re-encoded, so whatever a file carried besides its pixels (GPS coordinates,
// a second file appended after the image, a script in a comment) is gone.
package media

import (
	"fmt"
	"slices"
)

// Limits on an upload. Both are checked before decoding.
const (
	// MaxBytes is the largest file accepted.
	MaxBytes = 20 << 20
	// MaxPixels is the largest image accepted, width times height (for an animated GIF, of
	// every frame together; see maxGIFPixels).
	MaxPixels = 50_000_000
)

// Widths are the widths variants are made at, smallest first. Any other width is refused:
// a free choice would let anyone make the server resize and store thousands of variants of
// one image.
var Widths = []int{160, 320, 480, 640, 960, 1280, 1920}

// ValidWidth reports whether w is one of Widths.
func ValidWidth(w int) bool { return slices.Contains(Widths, w) }

// Format is an image format Guildhall accepts.
type Format string

// The accepted formats.
const (
	JPEG Format = "jpeg"
	PNG  Format = "png"
	GIF  Format = "gif"
	WebP Format = "webp"
)

// ContentType is the MIME type of the format.
func (f Format) ContentType() string { return "image/" + string(f) }

// Extension is the file-name extension of the format, with its dot.
func (f Format) Extension() string {
	if f == JPEG {
		return ".jpg"
	}
	return "." + string(f)
}

// FormatOf returns the format with the MIME type, or "" for any other type.
func FormatOf(contentType string) Format {
	for _, f := range []Format{JPEG, PNG, GIF, WebP} {
		if f.ContentType() == contentType {
			return f
		}
	}
	return ""
}

// Reason says why a file was refused; transports map it to a status (415, 413, 400).
type Reason string

// The reasons a file is refused.
const (
	ReasonUnsupported Reason = "UNSUPPORTED_TYPE" // not JPEG, PNG, GIF or WebP
	ReasonTooLarge    Reason = "TOO_LARGE"        // over MaxBytes, or over MaxPixels
	ReasonCorrupt     Reason = "CORRUPT"          // claims to be an image but does not decode
)

// Refusal is why an upload was refused, in words a person can act on.
type Refusal struct {
	Reason  Reason
	Message string
}

func (r *Refusal) Error() string { return "media: " + r.Message }

func refuse(reason Reason, format string, args ...any) *Refusal {
	return &Refusal{Reason: reason, Message: fmt.Sprintf(format, args...)}
}
