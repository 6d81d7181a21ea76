package media

import (
	"bytes"
	"strings"
)

// Sniff decides the format of a file from its first bytes (at least 32 are needed to tell
// every format apart; fewer is a refusal). The name and the declared content type are never
// consulted: a file called photo.jpg that is an SVG is an SVG.
//
// What is refused gets a message that says what it is and what to do instead, since the
// commonest refusals are ordinary photos: HEIC is what iPhones save by default.
func Sniff(head []byte) (Format, error) {
	switch {
	case bytes.HasPrefix(head, []byte{0xFF, 0xD8, 0xFF}):
		return JPEG, nil
	case bytes.HasPrefix(head, []byte("\x89PNG\r\n\x1a\n")):
		return PNG, nil
	case bytes.HasPrefix(head, []byte("GIF87a")), bytes.HasPrefix(head, []byte("GIF89a")):
		return GIF, nil
	case len(head) >= 12 && string(head[:4]) == "RIFF" && string(head[8:12]) == "WEBP":
		return WebP, nil
	}
	if len(head) == 0 {
		return "", refuse(ReasonCorrupt, "The file is empty.")
	}
	if len(head) >= 12 && string(head[4:8]) == "ftyp" {
		switch brand := string(head[8:12]); brand {
		case "heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1":
			return "", refuse(ReasonUnsupported, "HEIC photos (the iPhone's default) are not accepted. Upload a JPEG instead: on the iPhone, Settings > Camera > Formats > Most Compatible, or export the photo as JPEG.")
		case "avif", "avis":
			return "", refuse(ReasonUnsupported, "AVIF images are not accepted. Upload a JPEG, PNG, GIF or WebP instead.")
		default:
			return "", refuse(ReasonUnsupported, "This looks like a video or another ISO media file (%q), not an image. Upload a JPEG, PNG, GIF or WebP.", strings.TrimSpace(brand))
		}
	}
	if looksLikeSVG(head) {
		return "", refuse(ReasonUnsupported, "SVG files are not accepted: they can carry scripts that would run on the site. Export the drawing as PNG and upload that.")
	}
	switch {
	case bytes.HasPrefix(head, []byte("II*\x00")), bytes.HasPrefix(head, []byte("MM\x00*")):
		return "", refuse(ReasonUnsupported, "TIFF images are not accepted. Save the image as JPEG or PNG and upload that.")
	case bytes.HasPrefix(head, []byte("BM")):
		return "", refuse(ReasonUnsupported, "BMP images are not accepted. Save the image as PNG and upload that.")
	case bytes.HasPrefix(head, []byte("%PDF")):
		return "", refuse(ReasonUnsupported, "PDF files are not accepted as images. Export the page as PNG or JPEG and upload that.")
	case bytes.HasPrefix(head, []byte{0xFF, 0x0A}), bytes.HasPrefix(head, []byte("\x00\x00\x00\x0cJXL ")):
		return "", refuse(ReasonUnsupported, "JPEG XL images are not accepted. Upload a JPEG, PNG, GIF or WebP instead.")
	}
	return "", refuse(ReasonUnsupported, "This file is not an image Guildhall accepts. Upload a JPEG, PNG, GIF or WebP.")
}

// looksLikeSVG reports whether head starts like XML or SVG markup (after a byte-order mark and
// whitespace), which is all it takes for a browser to treat it as a document.
func looksLikeSVG(head []byte) bool {
	s := bytes.TrimPrefix(head, []byte("\xEF\xBB\xBF"))
	s = bytes.TrimLeft(s, " \t\r\n")
	lower := strings.ToLower(string(s[:min(len(s), 256)]))
	return strings.HasPrefix(lower, "<?xml") || strings.HasPrefix(lower, "<svg") ||
		strings.HasPrefix(lower, "<!doctype svg") || strings.HasPrefix(lower, "<!--") && strings.Contains(lower, "<svg")
}
