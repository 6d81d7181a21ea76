package mongodb_test

import (
	"testing"

	"github.com/guildhall/guildhall/media"
	"github.com/guildhall/guildhall/media/mediatest"
)

// TestGridFSOriginals runs the originals suite on GridFS, here on the embedded engine; on
// MongoDB the driver and GridFS are the same.
func TestGridFSOriginals(t *testing.T) {
	mediatest.TestOriginals(t, func(t *testing.T) media.Originals { return MustOpenStore(t).Originals() })
}
