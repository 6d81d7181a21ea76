package guildhall_test

import (
	"strings"
	"testing"

	"github.com/guildhall/guildhall"
)

// Look-alike spellings of one address normalise to one form (NFKC, then case folding), and
// an address over 254 characters is refused.
func TestNormalizeEmailFoldsLookAlikes(t *testing.T) {
	for _, group := range [][]string{
		{"ana@example.org", "ANA@EXAMPLE.ORG", " Ana@Example.org ", "ＡＮＡ@ｅｘａｍｐｌｅ.ｏｒｇ"},
		{"strasse@example.org", "STRASSE@example.org", "straße@example.org", "STRAẞE@example.org"},
		{"ﬁle@example.org", "file@example.org"},
	} {
		want, _ := guildhall.NormalizeEmail(group[0])
		for _, in := range group[1:] {
			if got, err := guildhall.NormalizeEmail(in); err != nil || got != want {
				t.Errorf("NormalizeEmail(%q) = %q, %v; want %q", in, got, err, want)
			}
		}
	}
	if _, err := guildhall.NormalizeEmail(strings.Repeat("a", 250) + "@b.io"); guildhall.ErrorCode(err) != guildhall.EINVALID {
		t.Errorf("255 characters: %v", err)
	}
	if _, err := guildhall.NormalizeEmail(strings.Repeat("a", 249) + "@b.io"); err != nil {
		t.Errorf("254 characters: %v", err)
	}
}
