package cursor_test

import (
	"encoding/base64"
	"encoding/json"
	"testing"

	"github.com/guildhall/guildhall/cursor"
)

func TestRoundTrip(t *testing.T) {
	for _, c := range []cursor.Cursor{
		{Order: "posts:PUBLISHED_AT", Key: "0001732000000000000000", ID: "pst_01"},
		{Order: "members", Key: "núñez, josé", ID: "mbr_02"},
		{Order: "blocks", Key: "", ID: "blk_03"},
		{Order: "posts:TITLE", Key: "quotes \" and \\ backslashes\x00", ID: "pst_04"},
	} {
		s := c.String()
		got, err := cursor.Parse(s, c.Order)
		if err != nil {
			t.Fatalf("Parse(%q): %v", s, err)
		}
		if got != c {
			t.Errorf("round trip of %+v gave %+v", c, got)
		}
	}
}

func TestParseRejects(t *testing.T) {
	valid := cursor.Cursor{Order: "members", Key: "k", ID: "mbr_1"}.String()
	for name, s := range map[string]string{
		"empty":          "",
		"not base64":     "!!!",
		"base64 of junk": "bm90IGpzb24",
		"no id":          cursor.Cursor{Order: "members", Key: "k"}.String(),
		"other ordering": cursor.Cursor{Order: "posts:TITLE", Key: "k", ID: "pst_1"}.String(),
		"truncated":      valid[:len(valid)-3],
	} {
		t.Run(name, func(t *testing.T) {
			_, err := cursor.Parse(s, "members")
			if err != cursor.ErrInvalid {
				t.Fatalf("Parse(%q) = %v, want ErrInvalid", s, err)
			}
		})
	}
}

func BenchmarkString(b *testing.B) {
	c := cursor.Cursor{Order: "posts:PUBLISHED_AT", Key: "0001732000000000000000", ID: "pst_01jc9zq1m3v8f2k4x7n6p5r0sa"}
	b.ReportAllocs()
	for b.Loop() {
		_ = c.String()
	}
}

func BenchmarkParse(b *testing.B) {
	s := cursor.Cursor{Order: "posts:PUBLISHED_AT", Key: "0001732000000000000000", ID: "pst_01jc9zq1m3v8f2k4x7n6p5r0sa"}.String()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := cursor.Parse(s, "posts:PUBLISHED_AT"); err != nil {
			b.Fatal(err)
		}
	}
}

// The hand-written encoding must be exactly encoding/json's, so cursors stay what clients
// already hold.
func TestStringIsTheJSONEncoding(t *testing.T) {
	for _, c := range []cursor.Cursor{
		{Order: "posts:PUBLISHED_AT", Key: "0001732000000000000000", ID: "pst_01jc9zq1m3v8f2k4x7n6p5r0sa"},
		{Order: "members", Key: "billington, christian", ID: "mbr_02"},
		{Order: "members", Key: "núñez, josé", ID: "mbr_03"},
		{Order: "posts:TITLE", Key: `quotes " and \ backslashes <b>&` + "\x00\u2028", ID: "pst_04"},
		{},
	} {
		b, err := json.Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := c.String(), base64.RawURLEncoding.EncodeToString(b); got != want {
			t.Errorf("%+v: %s, want %s", c, got, want)
		}
	}
}
