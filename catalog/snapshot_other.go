//go:build !unix

package catalog

import (
	"fmt"
	"os"
)

// mapFile reads the file at path into memory where memory-mapping is not available: the
// snapshot still spares the start its load from the database, but bodies live on the heap.
func mapFile(path string) (*mapping, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if len(data) < headerSize+trailerSize {
		return nil, fmt.Errorf("%w: %d bytes", ErrSnapshotDamaged, len(data))
	}
	return &mapping{data: data}, nil
}

func (m *mapping) release(from, to int) {}
