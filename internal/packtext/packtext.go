// Package packtext compresses a rich text (its HTML and the plain text derived from it) into
// one zstd frame: the form long texts take in memory and in the database.
//
// Post bodies are most of the content's bytes: 20,000 posts of 4 KB hold 80 MB of HTML and
// about as much plain text, and most reads (lists, feeds' teasers) never look at them. Packed,
// a 4 KB body and its text take about a third of that, are unpacked in microseconds when a
// reader asks for them, and go to the database as they are (the embedded engine stores
// documents as JSON text and escapes each "<" and ">" as six bytes: one base64 string parses
// much faster at start-up than the escaped HTML did).
//
// The domain does not know this package: a guildhall.RichText holds any guildhall.PackedText,
// and RichText here is the one place that decides which texts are packed. The service makes
// its texts with it, and the store reads and writes the packed bytes as they are.
package packtext

import (
	"encoding/binary"
	"sync"

	"github.com/klauspost/compress/zstd"

	"github.com/guildhall/guildhall"
)

// RichText holds html and its plain text as Guildhall keeps them in memory and in the
// database: packed when they are longer than Above, as they are otherwise.
func RichText(html, text string, wordCount int) guildhall.RichText {
	if len(html)+len(text) > Above {
		return guildhall.PackedRichText(Pack(html, text), wordCount)
	}
	return guildhall.NewRichText(html, text, wordCount)
}

// Frame is a rich text packed by Pack: one zstd frame of the HTML's length, the HTML and the
// text. It is a guildhall.PackedText.
type Frame struct {
	b []byte
	// keep is what must stay reachable while b is read: the owner of memory outside the
	// garbage-collected heap that b points into (see Mapped), or nil.
	keep any
}

// Stored is the frame of bytes that Frame.Bytes gave before, as read back from storage.
// The bytes are kept, not copied: the caller must not change them.
func Stored(b []byte) *Frame { return &Frame{b: b} }

// Mapped is Stored for bytes outside the garbage-collected heap (a memory-mapped file, which
// the collector neither scans nor counts): keep is the mapping's owner, which the frame
// keeps reachable, so that the mapping outlives every frame that reads it.
func Mapped(b []byte, keep any) *Frame { return &Frame{b: b, keep: keep} }

// Bytes returns the packed bytes, to store as they are. The caller must not change them.
func (f *Frame) Bytes() []byte { return f.b }

// Above is the length (HTML plus text, in bytes) above which a rich text is worth packing:
// below it the frame's overhead and the unpacking are not paid back.
const Above = 1024

var (
	packer, _   = zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedFastest), zstd.WithEncoderConcurrency(1))
	unpacker, _ = zstd.NewReader(nil, zstd.WithDecoderConcurrency(0), zstd.WithDecoderLowmem(true))
)

// Pack compresses html and text into one frame: the length of html as a uvarint, html, then
// text.
func Pack(html, text string) *Frame {
	in, out := buffers.Get().(*[]byte), buffers.Get().(*[]byte)
	defer buffers.Put(in)
	defer buffers.Put(out)
	raw := binary.AppendUvarint((*in)[:0], uint64(len(html)))
	raw = append(append(raw, html...), text...)
	packed := packer.EncodeAll(raw, (*out)[:0])
	*in, *out = raw, packed
	// Copied out of the pooled buffer at its exact size: a packed text is kept for as long
	// as its revision is current.
	return &Frame{b: append(make([]byte, 0, len(packed)), packed...)}
}

// Unpack reverses Pack. A frame that does not unpack (its bytes were never written by Pack)
// reads as empty text rather than failing whoever reads it.
func (f *Frame) Unpack() (html, text string) {
	unpack(f.b, func(raw []byte, n int) {
		s := string(raw) // one allocation, shared by html and text
		html, text = s[:n], s[n:]
	})
	return html, text
}

// HTML unpacks the HTML alone, without copying the text.
func (f *Frame) HTML() (html string) {
	unpack(f.b, func(raw []byte, n int) { html = string(raw[:n]) })
	return html
}

// Text unpacks the plain text alone, without copying the HTML.
func (f *Frame) Text() (text string) {
	unpack(f.b, func(raw []byte, n int) { text = string(raw[n:]) })
	return text
}

// unpack decompresses packed into a pooled buffer and hands use the part after the length
// prefix, with the length of the HTML in it; use copies what it keeps. Reads unpack often,
// and a buffer grown for each would be most of their garbage.
func unpack(packed []byte, use func(raw []byte, htmlLen int)) {
	buf := buffers.Get().(*[]byte)
	defer buffers.Put(buf)
	out, err := unpacker.DecodeAll(packed, (*buf)[:0])
	if err != nil {
		return
	}
	*buf = out
	n, w := binary.Uvarint(out)
	if w <= 0 || n > uint64(len(out)-w) {
		return
	}
	use(out[w:], int(n))
}

var buffers = sync.Pool{New: func() any { b := make([]byte, 0, 16<<10); return &b }}
