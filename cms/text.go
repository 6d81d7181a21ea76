package cms

import (
	"net/mail"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/guildhall/guildhall"
)

// The checks of text fields, one copy each; the limits are the domain's.

// validText reports whether s is 1 to max characters without control characters.
func validText(s string, max int) bool {
	return s != "" && utf8.RuneCountInString(s) <= max && !strings.ContainsFunc(s, unicode.IsControl)
}

// requiredText trims a text field that must have 1 to max characters, without control
// characters.
func requiredText(field, s string, max int, problems guildhall.Problems) string {
	s = strings.TrimSpace(s)
	if !validText(s, max) {
		problems.Add(field, "must be 1 to %d characters, without control characters", max)
	}
	return s
}

// optionalText trims a short optional text field (at most guildhall.MaxTextLength
// characters); empty means absent.
func optionalText(s, field string, problems guildhall.Problems) *string {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	if !validText(s, guildhall.MaxTextLength) {
		problems.Add(field, "must be at most %d characters, without control characters", guildhall.MaxTextLength)
	}
	return &s
}

// checkName cleans a member's name or sort name as every path stores it (inner runs of
// space collapsed to one, none at the ends) and checks it.
func checkName(field, s string, problems guildhall.Problems) string {
	name := requiredText(field, strings.Join(strings.Fields(s), " "), guildhall.MaxNameLength, problems)
	if invisible(name) {
		problems.Add(field, "must not hold bidirectional controls or zero-width characters")
	}
	return name
}

// checkEmail checks an address given in field and returns the form it is compared in
// (guildhall.NormalizeEmail), or "" after recording the problem.
func checkEmail(field, email string, problems guildhall.Problems) string {
	normal, err := guildhall.NormalizeEmail(email)
	if err != nil || !validEmail(email) {
		problems.Add(field, "is not an email address")
		return ""
	}
	return normal
}

func validEmail(s string) bool {
	a, err := mail.ParseAddress(s)
	return err == nil && a.Address == s && a.Name == "" && strings.Contains(s[strings.LastIndex(s, "@"):], ".")
}

func validPhone(s string) bool {
	digits := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case strings.ContainsRune(" +-().", r):
		default:
			return false
		}
	}
	return digits >= 5 && digits <= 20
}

// validWebURL accepts absolute http and https URLs with a host.
func validWebURL(s string) bool {
	if s == "" || len(s) > guildhall.MaxURLLength {
		return false
	}
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" && u.User == nil
}
