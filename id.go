package guildhall

import (
	"crypto/rand"
	"encoding/base32"
	"encoding/binary"
	"strings"
	"time"
)

// Kinds of object, used as the prefix of their IDs. An ID such as "pst_01jc9..." is globally
// unique and says what it names, so node(id:) can find anything without a lookup table.
// Clients treat IDs as opaque.
const (
	KindMember  = "mbr"
	KindPost    = "pst"
	KindBlock   = "blk"
	KindRenewal = "rnw"
	KindToken   = "tok"
	// KindMembershipEvent prefixes the API's IDs of membership events (MembershipEvent.GlobalID).
	KindMembershipEvent = "mev"
)

var idEncoding = base32.NewEncoding("0123456789abcdefghjkmnpqrstvwxyz").WithPadding(base32.NoPadding)

// NewID returns a new ID of the kind: the kind, an underscore, and 26 characters that sort by
// creation time (48 bits of milliseconds) and are otherwise random (80 bits).
func NewID(kind string, now time.Time) string {
	var b [16]byte
	binary.BigEndian.PutUint64(b[:8], uint64(now.UnixMilli())<<16)
	_, _ = rand.Read(b[6:])
	return kind + "_" + idEncoding.EncodeToString(b[:])
}

// KindOf returns the kind prefix of id, or "" when id is not a well-formed Guildhall ID.
func KindOf(id string) string {
	kind, rest, ok := strings.Cut(id, "_")
	if !ok || len(rest) != 26 || len(kind) != 3 {
		return ""
	}
	for _, c := range rest {
		if !strings.ContainsRune("0123456789abcdefghjkmnpqrstvwxyz", c) {
			return ""
		}
	}
	return kind
}

// IDTime returns the creation time encoded in a Guildhall ID.
func IDTime(id string) (time.Time, bool) {
	if KindOf(id) == "" {
		return time.Time{}, false
	}
	b, err := idEncoding.DecodeString(id[4:])
	if err != nil || len(b) < 6 {
		return time.Time{}, false
	}
	ms := binary.BigEndian.Uint64(append(b[:6:6], 0, 0)) >> 16
	return time.UnixMilli(int64(ms)).UTC(), true
}
