// Package slug makes the URL slugs of posts and members: "Café Crème & Co." becomes
// "cafe-creme-and-co", readable in an address bar and safe in a URL path without escaping.
//
// Transliteration is done by github.com/gosimple/slug (and its unidecode tables), which covers
// far more scripts than a hand-made table would. This package only adds what Guildhall needs
// on top: the length limit, the exact character set that Valid accepts, and collision
// suffixes.
package slug

import (
	"strconv"
	"strings"

	gosimple "github.com/gosimple/slug"
)

// MaxLength is the longest slug allowed, in bytes (slugs are ASCII, so also in characters).
const MaxLength = 100

// apostrophes are removed before transliterating, so that "Don't panic" is "dont-panic" and
// "O'Brien" is "obrien", as people write them, rather than "don-t-panic" and "o-brien".
var apostrophes = strings.NewReplacer("'", "", "\u2019", "", "\u02BC", "")

// Make returns the slug for s: transliterated to ASCII ("Café Crème" is "cafe-creme",
// "Łódź" is "lodz", "Straße" is "strasse"), lower case, with a single hyphen between words and
// none at either end. Symbols are spelled out where gosimple/slug knows them ("&" is "and",
// "@" is "at") and dropped otherwise. A result longer than MaxLength is cut at the last
// hyphen that fits, or at MaxLength when the first word alone is too long.
//
// Make returns "" when nothing usable is left (s is empty, or only punctuation or emoji);
// callers choose a fallback, such as the post's ID.
func Make(s string) string {
	// gosimple/slug's behaviour is steered by package variables (MaxLength, Lowercase,
	// CustomSub, ...). They are read, never set, here: setting them would race with any other
	// user in the program. Its truncation is therefore done below, not by MaxLength.
	out := gosimple.Make(apostrophes.Replace(s))
	// gosimple/slug keeps underscores, and with non-default settings could keep upper case
	// or doubled hyphens; Valid allows none of them, so normalise whatever comes back.
	out = normalise(out)
	return truncate(out, MaxLength)
}

// normalise maps s onto the slug alphabet: a-z and 0-9 kept (A-Z lowered), every other run
// of bytes one hyphen, no hyphen at either end.
func normalise(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	hyphen := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		default:
			hyphen = b.Len() > 0
			continue
		}
		if hyphen {
			b.WriteByte('-')
			hyphen = false
		}
		b.WriteByte(c)
	}
	return b.String()
}

// truncate shortens the slug s to at most limit bytes, cutting at a hyphen so that no word is
// left half-written ("annual-general-meeting" in 12 is "annual", not "annual-gene"). When the
// first word is longer than limit, it has to be cut inside that word.
func truncate(s string, limit int) string {
	if len(s) <= limit {
		return s
	}
	if i := strings.LastIndexByte(s[:limit+1], '-'); i > 0 {
		return s[:i]
	}
	return strings.TrimRight(s[:limit], "-")
}

// Valid reports whether s is a well-formed slug: 1 to MaxLength characters, only a-z, 0-9 and
// hyphens, with no hyphen first, last or next to another. Every non-empty result of Make and
// WithSuffix is valid.
func Valid(s string) bool {
	if len(s) == 0 || len(s) > MaxLength || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case c == '-' && s[i-1] != '-': // i > 0: s[0] is not a hyphen
		default:
			return false
		}
	}
	return true
}

// WithSuffix returns base with "-n" appended, the slug to try when base is taken:
// WithSuffix("annual-meeting", 2) is "annual-meeting-2". The base is shortened (at a hyphen
// when possible) so that the result fits in MaxLength, keeping the suffix whole; an empty
// base gives just the number. The sign of n is ignored, so the result is always valid when
// base is; callers count collisions from 2.
func WithSuffix(base string, n int) string {
	// TrimPrefix rather than negating n: -math.MinInt overflows, its digits do not.
	suffix := strings.TrimPrefix(strconv.Itoa(n), "-")
	base = truncate(base, MaxLength-len(suffix)-1)
	if base == "" {
		return suffix
	}
	return base + "-" + suffix
}
