//go:build !unix

package catalog

import (
	"fmt"
	"io"
	"os"
)

// mapFile reads the file at path into memory where memory-mapping is not available: the
// snapshot still spares the start its load from the database, but bodies live on the heap.
func mapFile(path string, check func(*os.File, int64) error) (*mapping, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if err := check(f, fi.Size()); err != nil {
		return nil, err
	}
	data := make([]byte, fi.Size())
	if _, err := io.ReadFull(f, data); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrSnapshotDamaged, err)
	}
	return &mapping{data: data}, nil
}

func (m *mapping) release(from, to int) {}
