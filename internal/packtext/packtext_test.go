package packtext

import (
	"strings"
	"testing"

	"github.com/guildhall/guildhall"
)

func TestRoundTrip(t *testing.T) {
	for _, tc := range [][2]string{{"", ""}, {"<p>a</p>", "a"}, {strings.Repeat("<p>Grüße</p>", 500), "Grüße"}, {"<p>only html</p>", ""}, {"", "only text"}} {
		packed := Pack(tc[0], tc[1])
		html, text := packed.Unpack()
		if html != tc[0] || text != tc[1] {
			t.Errorf("round trip of %.20q, %.20q gave %.20q, %.20q", tc[0], tc[1], html, text)
		}
		if got := packed.HTML(); got != tc[0] {
			t.Errorf("HTML of %.20q gave %.20q", tc[0], got)
		}
		if got := packed.Text(); got != tc[1] {
			t.Errorf("Text of %.20q gave %.20q", tc[1], got)
		}
		if b := packed.Bytes(); cap(b) != len(b) {
			t.Errorf("packed value keeps %d spare bytes", cap(b)-len(b))
		}
		if again := Stored(packed.Bytes()); again.HTML() != tc[0] || again.Text() != tc[1] {
			t.Errorf("the stored bytes of %.20q do not read back", tc[0])
		}
	}
}

func TestGarbageReadsAsEmpty(t *testing.T) {
	valid := Pack("<p>abc</p>", "abc").Bytes()
	for _, b := range [][]byte{nil, []byte("not zstd"), valid[:len(valid)/2]} {
		if html, text := Stored(b).Unpack(); html != "" || text != "" {
			t.Errorf("%q unpacked to %q, %q", b, html, text)
		}
		if Stored(b).HTML() != "" || Stored(b).Text() != "" {
			t.Errorf("%q unpacked to non-empty text", b)
		}
	}
}

func TestCompresses(t *testing.T) {
	html := strings.Repeat("<p>The society's annual meeting is held in the spring. </p>", 70)
	packed := Pack(html, html).Bytes()
	if len(packed)*3 > len(html) {
		t.Errorf("%d bytes of HTML and text packed to %d", 2*len(html), len(packed))
	}
}

func BenchmarkHTML(b *testing.B) {
	html := strings.Repeat("<p>Members of the institute met in <em>March</em> to discuss the new charter. </p>", 50)
	packed := Pack(html, strings.Repeat("Members of the institute met in March to discuss the new charter. ", 50))
	b.ReportAllocs()
	b.SetBytes(int64(len(html)))
	for b.Loop() {
		if packed.HTML() == "" {
			b.Fatal("empty")
		}
	}
}

func BenchmarkPack(b *testing.B) {
	text := strings.Repeat("Members of the institute met in March to discuss the new charter. ", 50)
	html := "<p>" + text + "</p>"
	b.ReportAllocs()
	b.SetBytes(int64(len(html) + len(text)))
	for b.Loop() {
		if len(Pack(html, text).Bytes()) == 0 {
			b.Fatal("empty")
		}
	}
}

// RichText is the one place that decides which texts are packed: long ones, so that bodies
// take a third of their size; short ones stay as they are, where a frame would cost more
// than it saves.
func TestRichTextForms(t *testing.T) {
	short := RichText("<p>Hi</p>", "Hi", 1)
	if _, packed := short.Packed(); packed || short.HTML() != "<p>Hi</p>" || short.Text() != "Hi" {
		t.Errorf("a short text: packed %v, %q, %q", packed, short.HTML(), short.Text())
	}
	html, text := "<p>"+strings.Repeat("Notes from the AGM. ", 100)+"</p>", strings.Repeat("Notes from the AGM. ", 100)
	long := RichText(html, text, 400)
	packed, isPacked := long.Packed()
	frame, isFrame := packed.(*Frame)
	if !isPacked || !isFrame || len(frame.Bytes()) >= len(html) || long.HTML() != html || long.Text() != text || long.ReadingMinutes() != 2 {
		t.Fatalf("a long text: packed %v (a frame: %v), HTML %d bytes, text %d bytes", isPacked, isFrame, len(long.HTML()), len(long.Text()))
	}
	if h, x := long.Unpacked(); h != html || x != text {
		t.Error("Unpacked differs from HTML and Text")
	}
	stored := guildhall.PackedRichText(Stored(frame.Bytes()), 400)
	if !stored.Equal(long) || stored.Equal(short) || !stored.Equal(guildhall.NewRichText(html, text, 400)) {
		t.Error("Equal does not compare texts across their forms")
	}
	if guildhall.PackedRichText(Stored([]byte("garbage")), 1).HTML() != "" {
		t.Error("a damaged text must read as empty")
	}
}
