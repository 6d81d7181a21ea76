// Package fold makes case- and accent-insensitive forms of text, for matching (search, member
// lookup, tag comparison) and for sorting and grouping (the A–Z member directory).
//
// A folded string is for comparing, never for showing: "Zoë Ångström" folds to "zoe angstrom",
// which is how members type the name into a search box, but not how the name is spelled.
// Both sides of a comparison must be folded with the same function.
package fold

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// stripMarks takes accents off: NFD splits "é" into "e" and a combining acute (a nonspacing
// mark, category Mn), the marks are removed, and NFC recomposes what is left (so Hangul, which
// NFD splits into jamo, comes back whole).
//
// A transform.Chain keeps state between calls and must not be shared between goroutines, so
// chains are pooled rather than built per call (building one allocates several buffers).
var stripMarks = sync.Pool{
	New: func() any {
		return transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	},
}

// special returns the ASCII spelling of letters that are separate letters rather than a base
// letter plus an accent, so NFD leaves them alone: what an English-keyboard user types for
// them. Only lower-case letters are listed, as String lower-cases first (ẞ, Ð and the other
// capitals lower-case to these).
func special(r rune) (string, bool) {
	switch r {
	case 'ß': // German sharp s
		return "ss", true
	case 'ø': // Danish, Norwegian
		return "o", true
	case 'æ': // Danish, Norwegian, Icelandic
		return "ae", true
	case 'œ': // French
		return "oe", true
	case 'ł': // Polish
		return "l", true
	case 'đ', 'ð': // Croatian and Vietnamese d with stroke, Icelandic eth
		return "d", true
	case 'þ': // Icelandic thorn
		return "th", true
	case 'ı': // Turkish dotless i
		return "i", true
	case 'ς': // Greek final sigma: "ΟΔΟΣ" and "οδος" are the same word
		return "σ", true
	}
	return "", false
}

// String returns s in lower case without accents: "BÍLL" is "bill", "Zoë Ångström" is
// "zoe angstrom", "Straße" is "strasse", "Łódź" is "lodz". It is safe for concurrent use, and
// allocates nothing for ASCII input that is already lower case.
func String(s string) string {
	if isASCII(s) {
		// Most names, tags and queries are plain ASCII: skip normalisation altogether.
		// strings.ToLower returns s itself when there is nothing to lower.
		return strings.ToLower(s)
	}
	t := stripMarks.Get().(transform.Transformer)
	t.Reset()
	stripped, _, err := transform.String(t, s)
	stripMarks.Put(t)
	if err != nil {
		// The transformers here only fail on internal buffer limits, not on input; fall back
		// to lower-casing the original so that a caller still gets a usable key.
		stripped = s
	}
	var b strings.Builder
	b.Grow(len(stripped))
	for _, r := range stripped {
		r = unicode.ToLower(r)
		if rep, ok := special(r); ok {
			b.WriteString(rep)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// isASCII reports whether s is all ASCII, the one case String can handle without Unicode
// tables.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// Words returns the words of String(s): runs of letters and digits, in order. Apostrophes are
// dropped, joining what they separate, so "O'Brien" gives "obrien" and "don’t" gives "dont",
// matching how people type them into a search box; any other character separates words
// ("Jean-Luc" gives "jean", "luc"). It returns nil when s has no words.
func Words(s string) []string {
	f := String(s)
	var (
		words []string
		cur   []byte
	)
	for _, r := range f {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r):
			// Marks that folding keeps (spacing marks, as in Devanagari vowel signs) belong
			// to the letter before them.
			cur = utf8.AppendRune(cur, r)
		case isApostrophe(r):
			// Dropped without ending the word.
		default:
			if len(cur) > 0 {
				words = append(words, string(cur))
				cur = cur[:0]
			}
		}
	}
	if len(cur) > 0 {
		words = append(words, string(cur))
	}
	return words
}

// isApostrophe reports whether r is one of the apostrophes people type: ASCII, the typographic
// right single quote that editors and phones substitute, and the modifier letter apostrophe.
func isApostrophe(r rune) bool {
	return r == '\'' || r == '\u2019' || r == '\u02BC'
}

// Other is the Initial of names that do not start with a letter a–z after folding.
const Other = "#"

// Initial returns the directory heading s sorts under: the first letter or digit of s,
// folded and upper-cased, when it is a–z ("Émile" is "E", "Łukasz" is "L", "  'Orla" is "O"),
// and Other otherwise (digits, other scripts, empty s). Leading spaces and punctuation are
// skipped.
func Initial(s string) string {
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			continue
		}
		// Fold just this letter: it is all that is needed, and folding can only turn one
		// letter into one or two ASCII letters ("Æ" into "ae") or leave it non-ASCII.
		f := String(string(r))
		if f != "" && f[0] >= 'a' && f[0] <= 'z' {
			return strings.ToUpper(f[:1])
		}
		return Other
	}
	return Other
}
