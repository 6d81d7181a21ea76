package guildhall

import "strings"

// NormalizeEmail is the one form of an email address that is compared: what claims of an
// address hold, what logins look up, and what tells two members' addresses apart. It is
// trimmed and in lower case; an address with nothing left is EINVALID.
func NormalizeEmail(s string) (string, error) {
	n := strings.ToLower(strings.TrimSpace(s))
	if n == "" {
		return "", &Error{Code: EINVALID, Message: "The email address is empty.", Fields: map[string]string{"email": "is not an email address"}}
	}
	return n, nil
}
