package packtext

import (
	"strings"
	"testing"
)

func TestRoundTrip(t *testing.T) {
	for _, tc := range [][2]string{{"", ""}, {"<p>a</p>", "a"}, {strings.Repeat("<p>Grüße</p>", 500), "Grüße"}, {"<p>only html</p>", ""}, {"", "only text"}} {
		packed := Pack(tc[0], tc[1])
		html, text := Unpack(packed)
		if html != tc[0] || text != tc[1] {
			t.Errorf("round trip of %.20q, %.20q gave %.20q, %.20q", tc[0], tc[1], html, text)
		}
		if got := HTML(packed); got != tc[0] {
			t.Errorf("HTML of %.20q gave %.20q", tc[0], got)
		}
		if got := Text(packed); got != tc[1] {
			t.Errorf("Text of %.20q gave %.20q", tc[1], got)
		}
		if cap(packed) != len(packed) {
			t.Errorf("packed value keeps %d spare bytes", cap(packed)-len(packed))
		}
	}
}

func TestGarbageReadsAsEmpty(t *testing.T) {
	valid := Pack("<p>abc</p>", "abc")
	for _, b := range [][]byte{nil, []byte("not zstd"), valid[:len(valid)/2]} {
		if html, text := Unpack(b); html != "" || text != "" {
			t.Errorf("%q unpacked to %q, %q", b, html, text)
		}
		if HTML(b) != "" || Text(b) != "" {
			t.Errorf("%q unpacked to non-empty text", b)
		}
	}
}

func TestCompresses(t *testing.T) {
	html := strings.Repeat("<p>The society's annual meeting is held in the spring. </p>", 70)
	packed := Pack(html, html)
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
		if HTML(packed) == "" {
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
		if len(Pack(html, text)) == 0 {
			b.Fatal("empty")
		}
	}
}
