package mongodb

import (
	"encoding/binary"
	"sync"

	"github.com/klauspost/compress/zstd"
)

// Long rich texts (post bodies) are stored compressed. The embedded engine keeps documents
// as JSON text and parses every one of them when the content is loaded at start, escaping
// each "<" and ">" of the HTML as six bytes; parsing the bodies was most of the start-up
// time. Compressed, a 4 KB body and its plain text take about a third of the space and parse
// as one base64 string. (MongoDB compresses on disk anyway; to it this is neutral.)
const packAbove = 1024

var (
	packer, _   = zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedFastest), zstd.WithEncoderConcurrency(1))
	unpacker, _ = zstd.NewReader(nil, zstd.WithDecoderConcurrency(0), zstd.WithDecoderLowmem(true))
)

// packText compresses html and text into one value: the length of html as a uvarint, html,
// then text.
func packText(html, text string) []byte {
	raw := make([]byte, 0, binary.MaxVarintLen64+len(html)+len(text))
	raw = binary.AppendUvarint(raw, uint64(len(html)))
	raw = append(append(raw, html...), text...)
	return packer.EncodeAll(raw, make([]byte, 0, len(raw)/2))
}

// unpackText reverses packText. A value that does not unpack (never written by packText)
// reads as empty text rather than failing the whole load.
func unpackText(packed []byte) (html, text string) {
	// Decoded into a reused buffer and copied once: a whole load unpacks every body, and
	// buffers grown on the way would double the garbage of start-up.
	buf := unpackBuffers.Get().(*[]byte)
	defer unpackBuffers.Put(buf)
	raw, err := unpacker.DecodeAll(packed, (*buf)[:0])
	if err != nil {
		return "", ""
	}
	*buf = raw
	n, w := binary.Uvarint(raw)
	if w <= 0 || n > uint64(len(raw)-w) {
		return "", ""
	}
	s := string(raw[w:]) // one allocation, shared by html and text
	return s[:n], s[n:]
}

var unpackBuffers = sync.Pool{New: func() any { b := make([]byte, 0, 16<<10); return &b }}
