// Package cursor encodes the opaque cursors of Relay connections.
//
// A cursor names a position in a sorted list by the sort key and ID of the item before it
// (keyset pagination), not by an offset. So a cursor stays correct while items are added or
// removed before it, and resuming from a deep cursor is a binary search, costing what the
// first page costs.
package cursor

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"strings"
)

// Cursor is a position in a list sorted by (Key, ID).
type Cursor struct {
	// Order names the ordering the cursor belongs to; a cursor from one ordering is refused
	// by another, since its key would mean something else there.
	Order string `json:"o"`
	Key   string `json:"k"`
	ID    string `json:"i"`
}

// String encodes the cursor for clients, who treat it as opaque.
//
// Every item of every page gets a cursor, so this is on the hot path of lists. The JSON is
// written by hand when no field needs escaping (keys and IDs never do, in practice), byte for
// byte what encoding/json writes, and by encoding/json otherwise.
func (c Cursor) String() string {
	var buf [192]byte
	var b []byte
	if plain(c.Order) && plain(c.Key) && plain(c.ID) {
		b = append(buf[:0], `{"o":"`...)
		b = append(b, c.Order...)
		b = append(b, `","k":"`...)
		b = append(b, c.Key...)
		b = append(b, `","i":"`...)
		b = append(b, c.ID...)
		b = append(b, `"}`...)
	} else {
		b, _ = json.Marshal(c) // three strings always marshal
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// plain reports whether encoding/json writes s between quotes as it is: printable ASCII
// without the characters it escapes.
func plain(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < 0x20 || c >= 0x7f, c == '"', c == '\\', c == '<', c == '>', c == '&':
			return false
		}
	}
	return true
}

// ErrInvalid is Parse's error for a malformed cursor or one of another ordering; callers
// answer it with guildhall.InvalidCursor.
var ErrInvalid = errors.New("cursor: not a cursor of this ordering")

// Parse decodes s, which must have come from String for the same order; anything else is
// ErrInvalid.
func Parse(s, order string) (Cursor, error) {
	var c Cursor
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err == nil {
		var ok bool
		if c, ok = parsePlain(string(b)); !ok {
			err = json.Unmarshal(b, &c)
		}
	}
	if err != nil || c.ID == "" || c.Order != order {
		return Cursor{}, ErrInvalid
	}
	return c, nil
}

// parsePlain reads what String writes by hand; ok is false for anything else (escapes, other
// field orders), which encoding/json then reads.
func parsePlain(b string) (c Cursor, ok bool) {
	rest, ok := strings.CutPrefix(b, `{"o":"`)
	if !ok {
		return Cursor{}, false
	}
	if c.Order, rest, ok = strings.Cut(rest, `","k":"`); !ok {
		return Cursor{}, false
	}
	if c.Key, rest, ok = strings.Cut(rest, `","i":"`); !ok {
		return Cursor{}, false
	}
	if c.ID, ok = strings.CutSuffix(rest, `"}`); !ok || !plain(c.Order) || !plain(c.Key) || !plain(c.ID) {
		return Cursor{}, false
	}
	return c, true
}
