package guildhall

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// Error codes shared by every layer. Transports map them to their own vocabulary (the GraphQL
// presenter to extensions.code, HTTP handlers to status codes).
const (
	EINVALID      = "invalid"      // the input is wrong; Fields says which and why
	ENOTFOUND     = "not_found"    // it does not exist, or the caller may not know it exists
	ECONFLICT     = "conflict"     // a concurrent change won, or a unique value is taken
	EUNAUTHORIZED = "unauthorized" // no valid credential was given
	EFORBIDDEN    = "forbidden"    // the credential may not do this
	ERATELIMITED  = "rate_limited" // too many attempts; try later
	EUNAVAILABLE  = "unavailable"  // a dependency (the database) cannot be reached
	EINTERNAL     = "internal"     // a bug or an unexpected failure; never shown in detail
)

// Error is an error a caller can act on: a code, a message meant for people, and for EINVALID
// the offending input fields. Anything that is not an *Error is treated as EINTERNAL.
type Error struct {
	Code    string
	Message string
	// Fields maps an input field (as the client named it) to what is wrong with it.
	Fields map[string]string
	// Extra carries facts the client needs to recover, such as the current version after a
	// conflict. Values must be safe to show.
	Extra map[string]any
}

func (e *Error) Error() string {
	if len(e.Fields) == 0 {
		return fmt.Sprintf("guildhall: %s: %s", e.Code, e.Message)
	}
	var b strings.Builder
	for _, k := range slices.Sorted(maps.Keys(e.Fields)) {
		fmt.Fprintf(&b, "; %s: %s", k, e.Fields[k])
	}
	return fmt.Sprintf("guildhall: %s: %s%s", e.Code, e.Message, b.String())
}

// Errorf returns an *Error with the code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, "" for nil, and EINTERNAL for
// any other error.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	if e, ok := errors.AsType[*Error](err); ok {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the people-facing message of err; for errors that are not *Error it
// returns a generic message, so that internals never reach a client.
func ErrorMessage(err error) string {
	if err == nil {
		return ""
	}
	if e, ok := errors.AsType[*Error](err); ok {
		return e.Message
	}
	return "Internal error."
}

// ErrHistoryKept is in the chain of a deletion's error when the deletion itself was recorded
// (its tombstone written) and only removing the older revisions failed. The entity is
// deleted: loading skips it and nothing reads its revisions any more.
var ErrHistoryKept = errors.New("deleted, but its old revisions were not removed")

// NotFound is the error for something that does not exist or that the caller may not see.
// The two must be indistinguishable, so the message names only the kind of thing.
func NotFound(kind string) *Error {
	return Errorf(ENOTFOUND, "%s not found.", kind)
}

// Problems collects input problems field by field, so that one response names every bad field.
type Problems map[string]string

// Add records a problem with field unless one is already recorded for it.
func (p Problems) Add(field, format string, args ...any) {
	if _, ok := p[field]; !ok {
		p[field] = fmt.Sprintf(format, args...)
	}
}

// Err returns nil when there are no problems, else an EINVALID *Error listing them.
func (p Problems) Err() error {
	if len(p) == 0 {
		return nil
	}
	msg := "Invalid input."
	if len(p) == 1 {
		for k, v := range p {
			msg = fmt.Sprintf("Invalid %s: %s", k, v)
		}
	}
	return &Error{Code: EINVALID, Message: msg, Fields: map[string]string(p)}
}
