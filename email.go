package guildhall

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// MaxEmailLength is the longest email address accepted, in characters (RFC 5321's limit on
// a path, less the angle brackets).
const MaxEmailLength = 254

// NormalizeEmail is the one form of an email address that is compared: what claims of an
// address hold, what logins look up, and what tells two members' addresses apart. It is
// trimmed, NFKC-normalised and case-folded, so that look-alikes are one address: "ＡＮＡ@",
// "ana@" and "Ana@" are the same, as are "straße@" and "STRASSE@". An address with nothing
// left, or longer than MaxEmailLength, is EINVALID.
func NormalizeEmail(s string) (string, error) {
	trimmed := strings.TrimSpace(s)
	if trimmed == "" {
		return "", &Error{Code: EINVALID, Message: "The email address is empty.", Fields: map[string]string{"email": "is not an email address"}}
	}
	if utf8.RuneCountInString(trimmed) > MaxEmailLength {
		return "", &Error{Code: EINVALID, Message: "The email address is too long.", Fields: map[string]string{"email": "must be at most 254 characters"}}
	}
	// NFKC, fold, NFKC again: folding can undo a composition (Unicode's NFKC_Casefold).
	return norm.NFKC.String(cases.Fold().String(norm.NFKC.String(trimmed))), nil
}
