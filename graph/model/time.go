package model

import (
	"time"

	"github.com/99designs/gqlgen/graphql"

	"github.com/guildhall/guildhall"
)

// MarshalTime writes the Time scalar: RFC 3339 with the time's own offset, null for the zero
// time (as gqlgen's own).
func MarshalTime(t time.Time) graphql.Marshaler { return graphql.MarshalTime(t) }

// UnmarshalTime reads the Time scalar: an RFC 3339 string with an offset, such as
// 2026-06-15T09:00:00Z. Anything else is the client's mistake (BAD_USER_INPUT), including the
// empty string and a time without an offset, which gqlgen's own scalar took for the zero time
// and for UTC.
func UnmarshalTime(v any) (time.Time, error) {
	if s, ok := v.(string); ok {
		if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, guildhall.Errorf(guildhall.EINVALID, "Times are RFC 3339 strings with an offset, such as 2026-06-15T09:00:00Z.")
}
