package guildhall

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"time"
)

// ImportActor is who imported a revision (its savedBy). A re-import updates only what was
// last saved by an import: a post edited in Guildhall since is left as it is.
const ImportActor = "import"

// ImportOutcome is what an import did with one item.
type ImportOutcome string

// The outcomes of importing one item.
const (
	ImportCreated   ImportOutcome = "imported"
	ImportUpdated   ImportOutcome = "updated"
	ImportUnchanged ImportOutcome = "unchanged"
	ImportSkipped   ImportOutcome = "skipped"
)

// ImportPostInput is a post from another system, with the dates and status it had there.
type ImportPostInput struct {
	// ID is the post's ID, made by ImportID from the item's identity in its source, so that
	// importing the same item again finds the same post.
	ID       string
	Title    string
	Body     string // editor HTML, sanitised on write
	Slug     string // the slug it had, kept when valid and free
	Tags     []string
	AuthorID string
	// Status is DRAFT or PUBLISHED; a PUBLISHED post whose PublishedAt is in the future is
	// scheduled.
	Status      PostStatus
	Visibility  Visibility
	PublishedAt *time.Time
	CreatedAt   time.Time
	UpdatedAt   time.Time
	OldPaths    []string
	// FeaturedImageID is an asset an import made (ImportAsset), or "" for none.
	FeaturedImageID string
}

// ImportAssetInput is an image from another system (a WordPress attachment). Its ID is made by
// ImportID from its identity there, so that importing it again finds the asset the last import
// made without reading the file again; the bytes are stored once whatever the number of
// assets that have them (keyed by their SHA-256, as every original is).
type ImportAssetInput struct {
	ID        string
	Filename  string
	Alt       string
	OwnerID   string // the member who uploaded it there, or ""
	CreatedAt time.Time
	// Read returns the file's bytes; it is called only when the asset is new. Nil means the
	// file is fetched from URL.
	Read func(ctx context.Context) ([]byte, error)
	// URL is where the file is fetched from when Read is nil, with the guard and limits of
	// importAssetFromUrl (no private, loopback or link-local address; 20 MB; 30 s).
	URL string
}

// ImportMemberInput is a member from another system. Empty fields are not set.
type ImportMemberInput struct {
	// ID is used when the member is new (see ImportID); a member with the same email is
	// matched first.
	ID          string
	Name        string
	Email       string
	SortName    string
	Phone       string
	Credentials string
	Bio         string
	AvatarURL   string
	Membership  *ImportedMembership
	// UpdateExisting changes a matched member to what the input says; without it a matched
	// member is used as it is (an author found by email).
	UpdateExisting bool
}

// ImportedMembership is a membership with its real dates.
type ImportedMembership struct {
	Plan        string
	JoinedAt    time.Time
	ExpiresAt   time.Time
	CancelledAt *time.Time
}

// ImportResult is what importing one item did.
type ImportResult struct {
	Outcome ImportOutcome
	ID      string
	// Reason says why an item was skipped.
	Reason string
	// Warnings are what was changed to make the item fit (a tag shortened, a slug taken).
	Warnings []string
}

// ImportID is the ID of an imported item of the kind: the same for the same source key every
// time (so a re-import finds what an earlier one made), sorting by at like NewID's.
func ImportID(kind string, at time.Time, key string) string {
	var b [16]byte
	ms := max(at.UnixMilli(), 0)
	binary.BigEndian.PutUint64(b[:8], uint64(ms)<<16)
	sum := sha256.Sum256([]byte(key))
	copy(b[6:], sum[:10])
	return kind + "_" + idEncoding.EncodeToString(b[:])
}
